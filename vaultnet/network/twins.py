"""Twins: a name that is a person's name or alias but for case, accents or apostrophes
(`Carol Diaz` beside `Carol Díaz.md`; `folded_name` says how names are compared), which most
often means that person. `vaultnet add` refuses to make a twin's note, `intro` and Network.md
point to the note there is, and the imports match a contact to it when no name matches as
written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from vaultnet.base.model import Person
from vaultnet.base.text import folded_name, sort_key
from vaultnet.network.index import VaultIndex

# A person's note path, their name, and the name or alias of theirs that a folded name matched.
Twin = tuple[str, str, str]
T = TypeVar("T")


class TwinMemo:
    """What `find_twin` works out once for an index's names and aliases, kept across builds
    (watch rounds) while they hold: the index gives a new `named` whenever a name, an alias or
    who is a person changes."""

    def __init__(self) -> None:
        self._of: object = None  # the index's `named` it was worked out under
        self._tables: tuple[dict[str, list[str]], dict[str, list[str]]] = ({}, {})
        self._people: dict[str, Person] = {}

    def tables(self, index: VaultIndex) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """The keys of the notes' names and of people's aliases (as the index has them, `named`
        and `aliased`) that are not their own folded name, by folded name. (A key of plain ASCII
        is folded already, but for a backtick: at 10,000 people and 20,000 aliases, a few
        milliseconds, where folding every one takes fifty.)"""
        self._take_up(index)
        return self._tables

    def people(self, index: VaultIndex) -> dict[str, Person]:
        """The index's people by path (only their names and aliases are read)."""
        self._take_up(index)
        return self._people

    def _take_up(self, index: VaultIndex) -> None:
        if self._of is index.named:
            return
        tables = []
        for table in (index.named, index.aliased):
            folded: dict[str, list[str]] = defaultdict(list)
            for each in table:
                if (not each.isascii() or "`" in each) and (as_folded := folded_name(each)) != each:
                    folded[as_folded].append(each)
            tables.append(dict(folded))
        self._of, self._tables = index.named, (tables[0], tables[1])
        self._people = {person.path: person for person in index.people}


def find_twin(index: VaultIndex, name: str, memo: TwinMemo | None = None) -> Twin | None:
    """The person whose name or alias is `name` but for case, accents or apostrophes (or is
    `name`), a note's own name before another note's alias, the first in name order; with the
    name or alias that matched. A `memo` keeps the folded names for the next call."""
    memo = memo or TwinMemo()
    names, aliases = memo.tables(index)
    people = memo.people(index)
    folded = folded_name(name)
    for table, keys in ((index.named, names), (index.aliased, aliases)):
        # A key that is its own folded name (`Sean O'Brien`'s `sean o'brien`) is found as the
        # index has it; the others were folded once.
        found = [person for k in ([folded] if folded in table else []) + keys.get(folded, [])
                 for path in table[k] if (person := people.get(path)) is not None]
        if found:
            first = min(found, key=lambda person: (sort_key(person.name), person.path))
            matched = first.name if table is index.named else next(
                alias for alias in first.fields.aliases if folded_name(alias) == folded)
            return first.path, first.name, matched
    return None


class NameTable(Generic[T]):
    """Whom names lead to, as written and folded (`folded_name`), each to the first given it;
    found as written first, then folded, so that `Carol Diaz` finds `Carol Diaz.md` before
    `Carol Díaz.md`. For the imports, whose tables grow with the people of the import."""

    def __init__(self, named: Iterable[tuple[str, T]] = ()) -> None:
        self.exact: dict[str, T] = {}
        self.folded: dict[str, T] = {}
        for each, value in named:
            self.add(each, value)

    def add(self, name: str, value: T) -> None:
        """Have `name` (as written: a key the caller made) lead to `value`, unless it leads on."""
        self.exact.setdefault(name, value)
        self.folded.setdefault(folded_name(name), value)

    def find(self, names: Sequence[str]) -> T | None:
        """What the first of `names` found as written leads to, else the first found folded."""
        found = self.match(names)
        return None if found is None else found[2]

    def match(self, names: Sequence[str]) -> tuple[str, bool, T] | None:
        """As `find`, with the name it was found by (folded, if it was) and whether folded."""
        exact = self.exact
        found = next((each for each in names if each in exact), None)
        if found is not None:
            return found, False, exact[found]
        folded = self.folded
        found = next((each for each in map(folded_name, names) if each in folded), None)
        return None if found is None else (found, True, folded[found])

