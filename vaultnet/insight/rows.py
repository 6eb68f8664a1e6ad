"""Lists of people kept sorted across watch rounds, worked out again only for the people who changed.

A watch round changes a person or two of thousands, and the pipe keeps every unchanged `Person` as
the very same object: a list derived person by person (the agenda's, who has gone quiet, the
strongest ties) is then its list of the round before with the changed people's rows taken out and
their new rows put in, at the place a full sort would give them. Every row's sort key is unique
(it ends with the person's path, then the row's number among theirs), so that the place is the one
a fresh, stable sort of everyone gives, and the bytes rendered from it are a fresh build's.
"""

from __future__ import annotations

import itertools
import operator
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from vaultnet.base.model import Person

T = TypeVar("T")
Key = tuple[Any, ...]
# When more than one person in this many changed, sorting afresh costs no more than patching.
REBUILD_SHARE = 8
_first, _second = operator.itemgetter(0), operator.itemgetter(1)
_ZERO = (0,)


class SortedRows(Generic[T]):
    """Each person's rows, `make(person, context)` → [(sort key, row)], kept in one list sorted
    by key.

    `update` gives the rows of everyone in order; `make` runs only for people who are not the
    same object as in the update before, under an equal `context` (the day, the settings: what
    `make` reads besides the person). The key `make` gives must be unique across people (end
    it with the person's path); rows of one person keep the order `make` gives them.

    `among(people, context)`, if given, picks those of `people` who may have rows, in one pass
    without a call for each (most people have no row in most lists): `make` is asked of them
    alone, and of nobody else.
    """

    def __init__(self, make: Callable[[Person, Any], Iterable[tuple[Key, T]]],
                 among: Callable[[Iterable[Person], Any], Iterable[Person]] | None = None
                 ) -> None:
        self._make = make
        self._among = among
        self._context: object = None
        self._people: list[Person] = []  # everyone at the update before, in order
        # Those who have rows, with them (most people have none in most lists), by path.
        self._by_path: dict[str, tuple[Person, Sequence[tuple[Key, T]]]] = {}
        self._keys: list[Key] = []
        self._rows: list[T] = []
        self.version = 0  # counts the updates that changed the rows

    def update(self, everyone: Sequence[Person], context: object) -> list[T]:
        """The rows of `everyone`, sorted by key. The list is changed by the next update: keep a
        copy (a tuple), not the list."""
        if context != self._context:
            self._context, self._by_path, self._people = context, {}, []
        before, self._people = self._people, list(everyone)
        if not before:  # (the first update, or a new context: everyone's rows are new)
            self._sort_afresh([], self._people)
            return self._rows
        if len(before) == len(everyone):
            # The usual round: the same people, a few of them new objects (found in C, at speed).
            at = itertools.compress(range(len(before)), map(operator.is_not, before, everyone))
            pairs = [(before[i], everyone[i]) for i in at]
            gone, changed = [old.path for old, _ in pairs], [new for _, new in pairs]
        else:  # (by identity: those of `before` who are not in `everyone`, and the other way)
            now, then = set(map(id, everyone)), set(map(id, before))
            gone = [old.path for old in before if id(old) not in now]
            changed = [new for new in everyone if id(new) not in then]
        if (len(gone) + len(changed)) * REBUILD_SHARE > len(everyone):
            self._sort_afresh(gone, changed)
        elif gone or changed:
            self._patch(gone, changed)
        return self._rows

    def runs(self, count: int) -> list[tuple[T, ...]]:
        """The rows as of the last update in `count` runs, by the first item of their keys
        (0 to `count` - 1): the lists of a `SortedRows` that keeps several as one."""
        keys, rows = self._keys, self._rows
        cuts = [0, *(bisect_left(keys, (n,)) for n in range(1, count)), len(rows)]
        return [tuple(rows[a:b]) for a, b in itertools.pairwise(cuts)]

    def made(self) -> Iterable[tuple[Person, Sequence[tuple[Key, T]]]]:
        """Each person who has rows as of the last update, with their rows."""
        return self._by_path.values()

    def _who_may(self, people: list[Person]) -> Iterable[Person]:
        """Those of `people` who may have rows (see `among`)."""
        return people if self._among is None else self._among(people, self._context)

    def _rows_of(self, person: Person) -> Sequence[tuple[Key, T]]:
        made = self._make(person, self._context)
        # (Most people have no row in most lists: nothing is made for them.)
        return [((*k, i), row) for i, (k, row) in enumerate(made)] if made else ()

    def _sort_afresh(self, gone: list[str], changed: list[Person]) -> None:
        by_path, make, context = self._by_path, self._make, self._context
        for path in gone:
            by_path.pop(path, None)
        # (`_rows_of`, without its calls, and a person's one row numbered by adding `(0,)` to its
        # key: the 10,400 rows of the strong and fading ties of 10,000 dense people took 13.1 ms
        # to sort afresh, 10.7 so.)
        for person in self._who_may(changed):
            if not (made := make(person, context)):
                continue
            if type(made) is list and len(made) == 1:  # (most who have a row have one)
                (k, row), = made
                by_path[person.path] = (person, [(k + _ZERO, row)])
            else:
                by_path[person.path] = (person, [((*k, i), row) for i, (k, row) in enumerate(made)])
        # (By the key alone, unique: comparing the pairs would compare each two keys twice,
        # for equality and then for order.)
        rows = sorted([row for _, rows in by_path.values() for row in rows], key=_first)
        self._keys = list(map(_first, rows))
        self._rows = list(map(_second, rows))
        self.version += 1

    def _patch(self, gone: list[str], changed: list[Person]) -> None:
        """Take out the rows of the people at `gone` (paths), then put in those of `changed`."""
        keys, rows, by_path = self._keys, self._rows, self._by_path
        version = self.version + 1
        for path in gone:
            for k, _ in by_path.pop(path, (None, []))[1]:
                at = bisect_left(keys, k)
                del keys[at], rows[at]
                self.version = version
        for person in self._who_may(changed):
            if not (made := self._rows_of(person)):
                continue
            by_path[person.path] = (person, made)
            for k, row in made:
                at = bisect_left(keys, k)
                keys.insert(at, k)
                rows.insert(at, row)
                self.version = version
