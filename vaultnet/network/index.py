"""The vault index: notes resolved into people, the links between them, and their interactions.

Links resolve the way Obsidian resolves them, wikilinks and Markdown links alike: by file name
without extension, ignoring case and Unicode normalisation; a path form `[[Folder/Name]]` names the
note at that path from the vault's root, else matches the end of a path; a `./` or `../` path is
read from the linking note's folder and names the note there, or none (nor one outside the vault);
a name that several notes share goes to the one spelt exactly as the link (`Jane.md` and `jane.md`
on a case-sensitive disk), else to the one in the linking note's own folder, else it is ambiguous
and reported. For people, a name that matches no file resolves through `aliases` (Obsidian itself
does not do this).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import io
import itertools
import operator
import pickle
import re
import shlex
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple, cast

from vaultnet.base.errors import DamagedCache, VaultnetError
from vaultnet.base.model import (
    Contacts,
    Entry,
    IgnoredNote,
    Interaction,
    Link,
    Note,
    Person,
    Problem,
    all_of_type,
    new_tuple,
)
from vaultnet.base.settings import SETTINGS_FILE
from vaultnet.base.text import key, keys, name_order, nfc, plural, some_of, sort_key
from vaultnet.network.kept_graph import SURROGATES, UTF_32, numbers_below
from vaultnet.parse.note import kinds_of, names_people, note_name


@dataclass(frozen=True)
class Mentioned:
    """A person with no note yet, named in a person note's `knows`, `met_via` or another field
    that names people (`spouse`, `manager`: `PEOPLE_FIELDS`), or among who was at a meeting (a
    meeting note's `people`, `attendees`, `with` or `participants`).

    Links in log lines and in a meeting's text are not counted: they name events and places as
    often as people. The people who can introduce you (`mentioned_by`) are those whose notes name
    them and, for a meeting, the people with a note it names, who met them there (as you did; but
    a warm path starts at someone with a note).
    """

    name: str
    mentioned_by: tuple[str, ...]  # paths of the person notes of those who can introduce you
    named_in: tuple[str, ...]  # paths of the notes that name them (person and meeting notes)


Relation = tuple[str, str, str]  # (kind, from, to path or mentioned key)
_NONE: Mapping[str, Sequence[str]] = MappingProxyType({})  # (no name, read only)


class Relations:
    """Every note's relations, sorted, merged from the notes' parts when first asked for: a sync
    after a log line asks for none (its graph is the one the cache kept, and the introductions
    each person made are those its kept ties counted), and merging the hundred thousand of a
    dense vault of 10,000 people takes some 12 ms."""

    __slots__ = ("_merged", "_parts", "_paths")

    def __init__(self, parts: list[_Contribution] | None = None,
                 merged: tuple[Relation, ...] = (), paths: list[str] | None = None) -> None:
        self._parts, self._merged = parts, merged  # (the parts in their notes' path order)
        self._paths = paths  # (the paths of the parts' notes, when they are given)

    def get(self) -> tuple[Relation, ...]:
        if self._parts is not None:
            self._merged, self._parts, self._paths = _merged(self._parts), None, None
        return self._merged

    def declares(self, relation: Relation) -> bool:
        """Whether a note declares `relation` (kind, from, to): while they are not merged, looked
        for in the relations of its note's own part alone (they all start at their note), so
        that the pictures, which ask it of the few typed ties they draw, merge nothing."""
        parts, paths = self._parts, self._paths
        if parts is None or paths is None:
            merged = self.get()
            at = bisect.bisect_left(merged, relation)
            return at < len(merged) and merged[at] == relation
        at = bisect.bisect_left(paths, relation[1])
        return at < len(paths) and paths[at] == relation[1] and relation in parts[at].relations


@dataclass(frozen=True)
class VaultIndex:
    """Everything the graph is built from, resolved, sorted and checked."""

    people: tuple[Person, ...]
    profile: Note | None
    notes: tuple[Note, ...]
    mentioned: tuple[Mentioned, ...]
    problems: tuple[Problem, ...]
    merged: Relations  # (see `relations`)
    orgs: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # key: (name, path)
    works_at: tuple[tuple[str, str], ...] = ()  # (person path, org key)
    daily_notes: int = 0
    meetings: int = 0  # meeting notes that are an interaction with someone
    # The paths of the notes of each name, and of the people of each alias (but their own name),
    # by its `key`, as a link names them (`Resolver`'s, as read-only views).
    named: Mapping[str, Sequence[str]] = field(default_factory=lambda: _NONE, repr=False,
                                               compare=False)
    aliased: Mapping[str, Sequence[str]] = field(default_factory=lambda: _NONE, repr=False,
                                                 compare=False)
    # The notes in the folders `ignore` leaves out, by path: never read, but a link to the name
    # of one goes to it in Obsidian (see `ignored_note`).
    ignored: tuple[IgnoredNote, ...] = ()

    @property
    def relations(self) -> tuple[Relation, ...]:
        """Every relation (kind, from, to path or mentioned key), sorted."""
        return self.merged.get()


class Resolver:
    """Resolves link targets to note paths, Obsidian's way, plus person aliases."""

    def __init__(self, notes: Iterable[Note]) -> None:
        by_name: defaultdict[str, list[str]] = defaultdict(list)
        aliases: defaultdict[str, list[str]] = defaultdict(list)
        self.by_name, self.aliases = by_name, aliases
        self.given_again: set[str] = set()  # the aliases given more than once (by one note, or more)
        self._memo: dict[str, dict[str, tuple[str | None, tuple[str, ...]]]] = {}  # by folder
        notes = list(notes)
        # The notes' paths in the order given (`build_index` gives them sorted): what a resolved
        # part names people by, by their place here (see `Resolved`).
        self.paths: list[str] = list(map(_path_of, notes))
        names = keys(list(map(_name_of, notes)))
        for name, path in zip(names, self.paths, strict=True):
            by_name[name].append(path)
        # (The notes with aliases, found in C: few, and only people's count.)
        for note, name in itertools.compress(zip(notes, names, strict=True),
                                             map(_aliases_of, map(_fields_of, notes))):
            if note.fields.type == "person":
                for alias in note.fields.aliases:
                    wanted = key(alias)
                    if wanted != name:
                        paths = aliases[wanted]
                        if paths:
                            self.given_again.add(wanted)
                        paths.append(note.path)
        # (What fills them is what `_looked_up_by` says changes with a note's row; what a
        # look-up reads of them, `lookup_keys`: `_translated` counts on both.)
        # Read only from now on: a look-up of a name nobody has must not insert it.
        by_name.default_factory = aliases.default_factory = None
        # What the index shows of them (`VaultIndex.named`, `aliased`): one view each for the
        # resolver's life, so that a memo kept under one (`TwinMemo`) holds while it does.
        self.named: Mapping[str, Sequence[str]] = MappingProxyType(by_name)
        self.aliased: Mapping[str, Sequence[str]] = MappingProxyType(aliases)

    def resolve(self, target: str, from_folder: str) -> tuple[str | None, tuple[str, ...]]:
        """The path a link means, or None and the candidates when it is ambiguous (or none)."""
        known = self.known_in(from_folder)
        found = known.get(target)
        if found is None:
            found = known[target] = self._resolve(target, from_folder)
        return found

    def known_in(self, folder: str) -> dict[str, tuple[str | None, tuple[str, ...]]]:
        """The links resolved so far from notes in `folder`, by target (a dict the caller may
        read, to skip a call per link on the hot path)."""
        known = self._memo.get(folder)
        if known is None:
            known = self._memo[folder] = {}
        return known

    def _resolve(self, target: str, from_folder: str) -> tuple[str | None, tuple[str, ...]]:
        wanted = _wanted(target, from_folder)
        if wanted is None:
            return None, ()  # (out of the vault)
        target, found, rooted = wanted
        candidates = self._at(found) if rooted else self._named(found)
        if len(candidates) == 1:
            return candidates[0], ()
        exact = _spelt_as(target, candidates)
        if len(exact) == 1:
            return exact[0], ()
        near = [p for p in candidates if p.rpartition("/")[0] == from_folder]
        if len(near) == 1:
            return near[0], ()
        return None, tuple(sorted(candidates))

    def _named(self, wanted: str) -> list[str]:
        """The notes a target (as `key` has it) names: the note at that path from the vault's root,
        as Obsidian takes it first (`[[Sam]]` is Sam.md, though Work/Sam.md links it), else those
        of that name, or for a path form those whose path ends so; else the people it is an alias
        of."""
        if "/" not in wanted:
            candidates = self._at(wanted) or list(self.by_name.get(wanted, ()))
        else:
            candidates = self._at(wanted) or [
                p for p in self.by_name.get(wanted.rpartition("/")[2], ())
                if key(p.removesuffix(".md")).endswith("/" + wanted)]
        return candidates or list(dict.fromkeys(self.aliases.get(wanted, ())))

    def _at(self, wanted: str) -> list[str]:
        """The notes at a path from the vault's root (as `key` has it; more than one only on a
        disk that tells case apart)."""
        return [p for p in self.by_name.get(wanted.rpartition("/")[2], ())
                if key(p.removesuffix(".md")) == wanted]


def _wanted(target: str, from_folder: str) -> tuple[str, str, bool] | None:
    """What a look-up of `target` from a note in `from_folder` reads (`Resolver._resolve`): the
    text an exact spelling is matched against, its `key`, and whether it is a path from the
    note's folder (`./`, `../`: the note at that path alone); None for such a path that leads
    out of the vault."""
    if target.startswith(("./", "../")):
        rooted = _read_from(from_folder, target)
        return None if rooted is None else (rooted, key(rooted), True)
    return target, key(target), False


def lookup_keys(target: str, from_folder: str) -> tuple[str, ...]:
    """The keys of `Resolver`'s tables a look-up of `target` from a note in `from_folder` reads:
    the name at the end of its key (`by_name`: `Resolver._at`, and a path form's fallback), and
    for all but a path from the note's folder the whole key (a name in `by_name`, then an alias
    in `aliases`: `Resolver._named`). A resolution depends on nothing else of the vault's
    notes but the paths those hold (see `_translated`)."""
    wanted = _wanted(target, from_folder)
    if wanted is None:
        return ()
    _, found, rooted = wanted
    last = found.rpartition("/")[2]
    return (last,) if rooted else (found, last)


def _read_from(folder: str, relative: str) -> str | None:
    """A `./` or `../` path read from a folder, as a path from the vault's root; None when it leads
    out of the vault."""
    parts = folder.split("/") if folder else []
    for part in relative.split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def _spelt_as(target: str, paths: Iterable[str]) -> list[str]:
    """The paths whose name, or whose end for a path form, is `target` in its exact case (NFC):
    what Obsidian resolves first when two notes differ only in case."""
    wanted = nfc(target).removesuffix(".md")
    return [p for p in paths
            if (stem := nfc(p).removesuffix(".md")) == wanted or stem.endswith("/" + wanted)]


# A note's contact lines resolved, packed: a row for each person each line is contact with
# besides the note's own person, or one for the line of a person's note that is contact with them
# alone, in the lines' order: the line's place in `note.entries`, and the person, by the place
# of their note in the vault's notes sorted by path (`Resolver.paths`; the note's own for a line
# with them alone). Two arrays of unsigned ints, as bytes, one number a row in each. With the
# note it gives the interactions again without resolving a link; packed, it costs a few objects
# per note, not two per line. People by number mean the same while the context does, which the
# parts the cache keeps are saved under (see `_digest`). By their paths, the resolved chunks of
# 10,000 dense people took twice as long to read (8.7 MB, 2.5 of them strings: 12 ms against 6);
# and with a row for each person, not how many each line has, `_from_saved` checks each part
# without an array of those and their sum.
Resolved = tuple[bytes, bytes]
# The days (as ordinals, the first and the one after the last) a note's contribution holds for:
# a line dated after the day is a plan, not contact, and so is a `last_contact` after it. From
# the latest day of its contact to the day before its first plan, the same lines are contact:
# the next day's sync resolves again only the notes with a plan for that day.
Days = tuple[int, int]
NEVER = date.max.toordinal() + 1  # (no plan)


def _holds_on(days: Days, today: date) -> bool:
    """Whether `today` is one of `days`."""
    first, end = days
    return first <= today.toordinal() < end


# What resolving every note's links depends on in one note (see `_context_row`).
ContextRow = tuple[str, str, bool, tuple[str, ...]]
# A contribution as saved: resolved lines, relations (packed: see `_packed`), mentions,
# organisations, problems and days.
Saved = tuple[Resolved, bytes, tuple[tuple[str, str], ...],
              tuple[tuple[str, str, str | None], ...], tuple[Problem, ...], Days]


def _packed(relations: tuple[Relation, ...]) -> bytes:
    """A note's relations as the parse cache keeps them: pickled apart from the chunk they are
    kept in, so that a sync that asks for no relation (after a log line: see `Relations`) reads
    none of them (15 ms of the 31 the resolved links' chunks take to read at 10,000 dense
    people)."""
    return pickle.dumps(relations, protocol=5)


def _unpacked(packed: bytes) -> tuple[Relation, ...]:
    """A note's relations as `_packed` kept them (plain values alone); raises `DamagedCache`
    if they are not what it holds."""
    try:
        relations = _PlainUnpickler(io.BytesIO(packed)).load()
    except Exception as error:  # (any byte may be wrong: a pickle fails every way there is)
        raise DamagedCache("a note's relations in the cache cannot be read") from error
    if not (type(relations) is tuple and all(
            type(relation) is tuple and len(relation) == 3 and all_of_type(relation, str)
            for relation in relations)):
        raise DamagedCache("the cache holds no relations for a note")
    return relations


def _readable(packed: object) -> bool:
    """Whether `packed` is a note's relations as `_packed` keeps them."""
    try:
        _unpacked(packed)  # type: ignore[arg-type]
    except DamagedCache:
        return False
    return True


class _PlainUnpickler(pickle.Unpickler):
    """Builds plain values (tuples, strings), and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a note's relations")


class SavedParts(NamedTuple):
    """The contributions a sync saved (the parse cache), by path, beside the notes it held (by
    path: its signature and the note, as `ParseCache` reads them), each part taken while its note
    is the very note saved with it. (Side by side, not paired note by note: a sync after an edit
    takes 13,700 of them.) A note the cache holds no longer (its chunk gone or damaged) is read
    again; what it was resolved to then still says whom its lines were with (see `_since`)."""

    notes: Mapping[str, tuple[object, Note]]
    parts: dict[str, Saved]


@dataclass(slots=True, eq=False)
class _Contribution:
    """What one note adds to the index, with its links resolved: its relations, mentions,
    organisations and problems, and whom its lines are contact with (`people`). Its
    interactions, by person (`contacts`), are built when first read, from what was resolved and
    the note: a sync that started from the cache builds only those someone it reached needs.

    Never changed once made, but for `_contacts` (built when first read). Not a frozen
    dataclass all the same: one is made for every note on every sync, and a frozen one's
    `__init__` sets each field through `object.__setattr__` (12 ms at 10,000 people, against 2).
    """

    # Its relations; as the parse cache kept them (bytes: see `_packed`) until first read.
    _relations: tuple[Relation, ...] | bytes = ()
    mentions: tuple[tuple[str, str], ...] = ()  # (key, spelling) of people without a note
    orgs: tuple[tuple[str, str, str | None], ...] = ()  # (key, name, note path)
    problems: tuple[Problem, ...] = ()
    resolved: Resolved = (b"", b"")  # what `contacts` is made from (see `Resolved`)
    paths: Sequence[str] = ()  # the paths its people are numbered by (`Resolver.paths`)
    note: Note | None = None  # the note resolved (None: no line of it is contact)
    own: bool = False  # whether it is a person's note: contact with them on every line
    today: date | None = None  # `last_contact` counts up to this day (or any of `days`: the same)
    days: Days = (0, NEVER)  # the days it holds for (see `Days`), `today` among them
    # What it was made from, as the parse cache keeps it (None: nothing of the above).
    kept: Saved | None = field(default=None, repr=False)
    # Every target its links were resolved by (what the cache keeps of it apart: see
    # `_translated`; none for a note none of whose lines can be contact); None for one made
    # from what the cache kept, which keeps them already.
    targets: tuple[str, ...] | None = field(default=(), repr=False)
    _contacts: dict[str, tuple[Interaction, ...]] | None = field(default=None, repr=False)

    @property
    def relations(self) -> tuple[Relation, ...]:
        """The relations it adds (kind, the note's path, what they lead to), sorted."""
        found = self._relations
        if isinstance(found, bytes):
            found = self._relations = _unpacked(found)
        return found

    def saved(self) -> Saved:
        """The contribution as the parse cache keeps it: what was resolved, in plain values
        (for one made from what the cache kept, the very tuple it was read as: see
        `vaultnet.pipeline.cache.ParseCache.save`)."""
        if self.kept is not None:
            return self.kept
        return (self.resolved, _packed(self.relations), self.mentions, self.orgs, self.problems,
                self.days)

    def holds(self, today: date) -> bool:
        """Whether it is the note's contribution on `today` too (see `Days`)."""
        return _holds_on(self.days, today)

    def named(self) -> tuple[object, ...]:
        """What it adds to the people without a note and the organisations (see `_named`)."""
        return _named(self.mentions, self.orgs, self.resolved, self.own)

    @property
    def people(self) -> tuple[str, ...]:
        """The people its lines are contact with (those `contacts` has, some maybe more than
        once), without building them."""
        rows, people = self.resolved
        found = tuple(map(self.paths.__getitem__, array("I", people)))
        if self.note is not None and self.own and (rows or self._last_contact() is not None):
            return (*found, self.note.path)
        return found

    @property
    def contacts(self) -> dict[str, tuple[Interaction, ...]]:
        """One Interaction per contact line, shared by each person it is with, in the lines'
        order, by person; and `last_contact`, for a person's own note. Built once."""
        found = self._contacts
        if found is None:
            found = self._contacts = self._built()
        return found

    def _built(self) -> dict[str, tuple[Interaction, ...]]:
        contacts: defaultdict[str, list[Interaction]] = defaultdict(list)
        self.add_to(contacts)
        return {person: tuple(found) for person, found in contacts.items() if found}

    def add_to(self, contacts: defaultdict[str, list[Interaction]]) -> None:
        """Add its interactions to each person's list in `contacts`, in the order of the note's
        lines (its `last_contact`, line 0, first): by line, as the same day's contacts are
        ordered (see `_gather`)."""
        note = self.note
        if note is None:
            return
        places, people = self.resolved
        own = contacts[note.path] if self.own else None
        last = self._last_contact()
        if own is not None and last is not None:
            own.append(Interaction(last, frozenset(), note.path, 0, "last_contact"))
        _add_rows(note, zip(array("I", places), array("I", people), strict=True), self.paths,
                  own, contacts)

    def _last_contact(self) -> date | None:
        """A person's `last_contact`, when it counts (not after the day)."""
        last = self.note.fields.last_contact if self.note is not None and self.own else None
        return last if last is not None and self.today is not None and last <= self.today \
            else None


_NO_LINE = Interaction(date.min, frozenset())  # (never added: see `_add_rows`)


def _add_rows(note: Note, rows: Iterable[tuple[int, int]], paths: Sequence[str],
              own: list[Interaction] | None, contacts: defaultdict[str, list[Interaction]]) -> None:
    """Add the interaction of each of `note`'s resolved `rows` (see `Resolved`: the line's place,
    the person's number in `paths`, in the lines' order) to the person's list in `contacts`, and
    each line's to `own` (its own person's list, for a person's note)."""
    source, entries = note.path, note.entries
    at, interaction = -1, _NO_LINE  # (the line's, made at its first row)
    for place, person in rows:
        if place != at:
            at = place
            day, text, tags, _, line = entries[place]
            # (Built as the tuple it is: a third of a million times in a large vault.)
            interaction = new_tuple(Interaction, (day, kinds_of(tags), source, line, text))
            if own is not None:
                own.append(interaction)
        with_ = paths[person]
        if with_ != source:  # (not the row of a line with the note's own person alone)
            contacts[with_].append(interaction)


class IndexMemo:
    """What `build_index` may reuse from the build before: each note's contribution, as long as
    the note is the same object, the vault's names, aliases and people are unchanged, and the
    day is one the contribution holds for (see `Days`).

    A memo may also start from contributions a sync saved (the parse cache): `saved` holds them
    under the digest of the names, aliases and people they were resolved with, used for the
    notes that are still the very objects they were saved with, on a day each holds for. A watch
    round whose names changed starts so from the round before (`_as_saved`).
    """

    def __init__(self) -> None:
        self.context: list[ContextRow] | None = None
        self._digested: tuple[object, str] = (None, "")  # the context's digest, once worked out
        self.resolver: Resolver | None = None
        self.by_path: dict[str, tuple[Note, _Contribution]] = {}
        self.people: dict[str, Person] = {}
        # Which notes hold each person's contacts (person: paths), as of the build before; None
        # until first asked for after a first build that left it to be (see `_Holders`).
        self._touching: dict[str, set[str]] | None = defaultdict(set)
        self.links: _Links | None = None
        # (digest, the parts and their notes, each person's `Contacts` by path, the day they
        # were worked out for, what gives the targets each part was resolved by: see
        # `_translated`)
        self.saved: tuple[str, SavedParts, dict[str, object], date | None,
                          Callable[[], Mapping[str, object]]] | None = None
        # What gives the targets of the parts the last build took from `saved` (see `_as_saved`).
        self.taken_targets: Callable[[], Mapping[str, object]] | None = None
        # After a build that started from `saved`: what may differ from the sync that saved it
        # (None: anything).
        self.since_saved: SinceSaved | None = None
        self.met: dict[str, Problem] = {}  # the hints for prospects met, by person
        self.ahead: dict[str, Problem] = {}  # for a `last_contact` after the day, by person
        self.shared: tuple[Problem, ...] = ()  # for aliases another note has (`_shared_aliases`)
        self.order: list[str] = []  # the people's paths in name order
        # The notes of the build before, by path in path order, and what was read of them.
        self.today: date | None = None
        self.notes: dict[str, Note] = {}
        self.person_notes: dict[str, Note] = {}
        self.numbers: dict[str, int] = {}  # each person's number (see `Resolved`), by path
        self.profiles: list[Note] = []
        self.found: dict[str, tuple[Problem, ...]] = {}  # each note's problems, and its links'
        self.meetings = 0  # meeting notes that are an interaction with someone
        self.daily_notes = 0  # daily notes that are no person's note
        # The problems found, and the walk's problems they were found with.
        self.problems: tuple[Problem, ...] | None = None
        self.read_problems: tuple[Problem, ...] = ()

    @property
    def touching(self) -> dict[str, set[str]]:
        """Which notes hold each person's contacts, as of the build before (person: paths)."""
        if self._touching is None:
            self._touching = defaultdict(set)
            _first_contacts(self._touching, self.by_path)
        return self._touching

    @touching.setter
    def touching(self, touching: dict[str, set[str]]) -> None:
        self._touching = touching

    def touching_later(self) -> None:
        """Leave `touching` to be worked out from this build's parts when first asked for."""
        self._touching = None

    def context_digest(self) -> str | None:
        """The digest of what the contributions were resolved with (None before any build)."""
        if self.context is None:
            return None
        if self._digested[0] is not self.context:  # (a sync asks twice: to load, to save)
            self._digested = (self.context, _digest(self.context))
        return self._digested[1]

    def plan_note(self, path: str) -> Note | None:
        """The note at `path` if it holds a plan (a line dated after the day of the last build),
        else None: what was resolved of it says whether it does (its `days`), so that the dated
        lines are read only of the notes that hold one."""
        found = self.by_path.get(path)
        return found[0] if found is not None and found[1].days[1] != NEVER else None

    def resolved(self) -> tuple[str, dict[str, Saved]]:
        """What the parse cache keeps of the build: the digest of what its links were resolved
        with, and each note's contribution as saved."""
        return self.context_digest() or "", {
            path: part.saved() for path, (_, part) in self.by_path.items()}

    def targets(self) -> dict[str, tuple[str, ...]]:
        """The targets of the links of each note this build resolved itself (the cache keeps
        those of the notes whose parts it took from it), by path (see `_translated`)."""
        return {path: part.targets for path, (_, part) in self.by_path.items()
                if part.targets is not None}


def _digest(context: list[ContextRow]) -> str:
    """The digest of a build's context (`_context_row` of each note, in order): the paths, then
    the names, each joined by a character no path holds, who is a person, and the aliases of
    those who have any (in half the time a `repr` of it all takes: 13,700 notes at 10,000
    people)."""
    digest = hashlib.sha256()
    if context:
        paths, names, people, aliases = zip(*context, strict=True)
        for part in ("\0".join(paths), "\0".join(names),
                     repr([(path, named) for path, named in zip(paths, aliases, strict=True)
                           if named])):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\1")
        digest.update(bytes(people))
    return digest.hexdigest()


def _contribute(note: Note, resolver: Resolver, people: Mapping[str, int], today: date
                ) -> _Contribution:
    """Resolve one note's links into interactions, relations, mentions and organisations
    (`people`: each person's number, by the path of their note)."""
    is_person = note.path in people
    if not is_person and note.daily is None and note.meeting is None:
        return _Contribution()  # not a person's note, a day's or a meeting's: no line is contact
    links = _NoteLinks(note, resolver)
    resolved, days = _log_contacts(note, note.path if is_person else None, links, people, today)
    paths = resolver.paths
    if not is_person:
        for link in note.fields.attendees if note.meeting is not None else ():
            links.mention(link)  # (who was there names a person: without a note, a mention)
        return _made(note, (resolved, (), tuple(links.mentions), (), tuple(links.problems), days),
                     False, today, paths, targets=tuple(sorted(links.targets)))
    relations = _relations(note, links, people)
    orgs = _orgs(note, links, people)
    return _made(note, (resolved, tuple(sorted(relations)), tuple(links.mentions), tuple(orgs),
                        tuple(links.problems), days), True, today, paths,
                 targets=tuple(sorted(links.targets)))


def _from_saved(note: Note, saved: Saved, is_person: bool, today: date, paths: Sequence[str],
                numbered: bool) -> _Contribution | None:
    """`_made` from what the parse cache kept, or None if it does not fit the note (a cache
    damaged in a way its digest cannot see) or is not its contribution on `today` (a plan of
    the note's is due, say): its links are resolved again. (`numbered`: its people are known to
    be numbers of `paths` already, see `_all_numbered`.)"""
    try:
        (places, people), relations, _, _, _, days = saved
        lines = array("I", places)
        if 4 * len(lines) != len(people) or type(people) is not bytes \
                or type(relations) is not bytes or not _holds_on(days, today) \
                or (lines and max(lines) >= note.entry_count) \
                or not (numbered or numbers_below(array("I", people), len(paths))):
            return None
        return _made(note, saved, is_person, today, paths, saved, targets=None)
    except (ValueError, TypeError, IndexError, AttributeError):
        return None


def _all_numbered(parts: Iterable[Saved], paths: Sequence[str]) -> bool:
    """Whether the people of every part the cache saved are numbers of `paths` (see `Resolved`),
    found in C, in one pass over them all (the 214,000 rows of 10,000 dense people in 3 ms, where
    a check of each part's took 8). False says only that one may not be: `_from_saved` then
    checks each part's."""
    try:
        numbers = list(map(_people_of, map(_resolved_of, parts)))
        # (Bytes alone, each of whole numbers: else those after one would be read askew.)
        if not all_of_type(numbers, bytes) or any(map(_misaligned, map(len, numbers))):
            return False
        return numbers_below(array("I", b"".join(numbers)), len(paths))
    except (TypeError, ValueError, IndexError, KeyError):
        return False


_resolved_of, _people_of = operator.itemgetter(0), operator.itemgetter(1)
_misaligned = (4).__rmod__  # (a length's remainder by 4: no whole number of four bytes)


# What resolving a note gave: as `Saved`, its relations as they are.
_Made = tuple[Resolved, tuple[Relation, ...] | bytes, tuple[tuple[str, str], ...],
              tuple[tuple[str, str, str | None], ...], tuple[Problem, ...], Days]


def _made(note: Note, made: _Made, is_person: bool, today: date, paths: Sequence[str],
          kept: Saved | None = None, *, targets: tuple[str, ...] | None) -> _Contribution:
    """A contribution from what was resolved (its interactions built when first asked for), its
    people numbered by `paths`, and `kept`, the very tuple the parse cache kept it as, if it
    did (with `targets` None); else the `targets` it was resolved by."""
    resolved, relations, mentions, orgs, problems, days = made
    # (A note none of whose lines is contact has nothing to build.)
    contact = resolved[0] or (is_person and note.fields.last_contact is not None)
    return _Contribution(relations, mentions, orgs, problems, resolved, paths,
                         note if contact else None, is_person, today, days, kept, targets)


def _named(mentions: tuple[tuple[str, str], ...], orgs: tuple[tuple[str, str, str | None], ...],
           resolved: Resolved, own: bool) -> tuple[object, ...]:
    """What a note's part adds to the people without a note and the organisations: its mentions
    and organisations, and for a meeting that names someone without a note, the people with a
    note it is contact with, by number, with the places of their lines (who can introduce you,
    of a day's page those of its first entry alone: see `_at_the_meeting`)."""
    return mentions, orgs, resolved if mentions and not own else _NO_ROWS


_NO_ROWS: Resolved = (b"", b"")


class _NoteLinks:
    """One note's links resolved: each ambiguous link reported once, people without a note noted."""

    __slots__ = ("_folder", "_note", "_reported", "_resolver", "known", "mentions", "problems",
                 "targets")

    def __init__(self, note: Note, resolver: Resolver) -> None:
        self._note = note
        self._folder = note.folder
        self._resolver = resolver
        self.known = resolver.known_in(self._folder)  # what `resolve` would say, once resolved
        self._reported: set[tuple[int, str]] = set()
        self.mentions: list[tuple[str, str]] = []  # (key, spelling) of people without a note
        self.problems: list[Problem] = []
        self.targets: set[str] = set()  # every target resolved: all the note's links depend on

    def resolve(self, link: Link) -> str | None:
        """Return the path a link means; report an ambiguous link once."""
        target = link.target
        self.targets.add(target)
        found = self.known.get(target)
        if found is not None and not found[1]:
            return found[0]  # resolved before, and not ambiguous: the common case, at once
        path, candidates = self._resolver.resolve(target, self._folder)
        if candidates and (link.line, link.target) not in self._reported:
            self._reported.add((link.line, link.target))
            self.problems.append(Problem(self._note.path, link.line or None,
                                         f"[[{link.target}]] is ambiguous: it matches "
                                         + some_of(list(candidates)),
                                         "link with the folder, such as [[" +
                                         candidates[0].removesuffix(".md") + "]]"))
        return path

    def named(self, text: str) -> str | None:
        """The path of the note plain text names (an organisation's name, unlinked): quietly,
        ambiguous or not."""
        self.targets.add(text)
        return self._resolver.resolve(text, self._folder)[0]

    def mention(self, link: Link) -> str:
        """Resolve a link that names a person: their path, or the node of a person without a note."""
        path = self.resolve(link)
        if path is not None:
            return path
        if self._resolver.resolve(link.target, self._folder)[1] or link.plain:
            # Ambiguous (reported), or plain text that names no note: `met_via: a conference`.
            return ""
        name = link.target.rpartition("/")[2]  # [[People/Zed]] names Zed
        self.mentions.append((key(name), name))
        return "mentioned:" + key(name)


def _log_contacts(note: Note, own: str | None, links: _NoteLinks, people: Mapping[str, int],
                  today: date) -> tuple[Resolved, Days]:
    """Resolve each dated line: the note's own person and everyone it links are who it is contact
    with (see `Resolved`: each person by their number, of `people`); and the days that holds for
    (see `Days`). (Each number found as the person is: looked up again, the numbers of the
    214,000 rows of 10,000 dense people took a cold sync 15 ms more.)"""
    places, with_ = array("I"), array("I")  # a row each: the line's place, and whom it is with
    mine = people[own] if own else 0  # (the own person's, for a line with them alone)
    resolve = links.resolve
    latest, plan = 0, NEVER  # the latest day of contact, the first plan's (see `Days`)
    last_contact = note.fields.last_contact if own else None
    if last_contact is not None:
        if last_contact <= today:
            latest = last_contact.toordinal()
        else:
            plan = last_contact.toordinal()
    newest: date | None = None  # the latest day of a contact line
    for place, (day, _, _, linked, _) in enumerate(note.entries):
        if day > today:
            plan = min(plan, day.toordinal())
            continue  # a plan, not contact
        if not linked:  # (commonly: a line in someone's own log, contact with them alone)
            if not own:
                continue
            places.append(place)
            with_.append(mine)
        elif len(linked) == 1:  # (the common case of the others, without a list for it)
            path = resolve(linked[0])
            number = people.get(path) if path is not None else None
            if number is not None and path != own:
                with_.append(number)
            elif own:
                with_.append(mine)
            else:
                continue
            places.append(place)
        else:
            named = [own] if own else []
            for link in linked:
                path = resolve(link)
                if path is not None and path in people and path not in named:
                    named.append(path)
            if own and len(named) > 1:
                del named[0]  # (its own person's row is for a line with them alone)
            if not named:
                continue
            places.extend(itertools.repeat(place, len(named)))
            with_.extend(map(people.__getitem__, named))
        newest = day if newest is None or day > newest else newest
    if newest is not None:
        latest = max(latest, newest.toordinal())
    return (places.tobytes(), with_.tobytes()), (latest, plan)


def _relations(note: Note, links: _NoteLinks, people: Mapping[str, int]
               ) -> set[tuple[str, str, str]]:
    """Collect a person note's relations: `knows`, `met_via` and typed ties, then the people it
    links."""
    relations: set[tuple[str, str, str]] = set()
    fields = note.fields
    resolve = links.resolve
    for kind, link in itertools.chain(  # and typed ties: `spouse: "[[Jeremy Nelson]]"`
            zip(itertools.repeat("knows"), fields.knows),
            zip(itertools.repeat("met_via"), fields.met_via), fields.relations):
        # A field that names people makes one without a note a mentioned person; any other
        # field's link ties only to a person note (`projects: [[Flexoki]]` names no one).
        other = links.mention(link) if names_people(kind) else resolve(link)
        if other and other != note.path and (other in people or other.startswith("mentioned:")):
            relations.add((kind, note.path, other))
    for link in note.links:
        path = resolve(link)
        if path is not None and path in people and path != note.path:
            relations.add(("mentions", note.path, path))
    return relations


def _orgs(note: Note, links: _NoteLinks, people: Mapping[str, int]
          ) -> list[tuple[str, str, str | None]]:
    """List a person note's organisations as (key, name, note path or None)."""
    # A link to an organisation is resolved (and reported if ambiguous); a plain name is
    # matched against the notes quietly, so that "MIT Media Lab" meets [[MIT Media Lab]], but
    # never against a person's note or alias: `org: Sam` is a company, whoever is called Sam.
    named = [(link.target, links.resolve(link)) for link in note.fields.org_links]
    named += [(text, None if (path := links.named(text)) in people else path)
              for text in note.fields.orgs]
    orgs: list[tuple[str, str, str | None]] = []
    for text, org_path in named:
        name = note_name(org_path) if org_path else text
        orgs.append((key(name), name, org_path))
    return orgs


def build_index(notes: Iterable[Note], today: date, read_problems: Iterable[Problem] = (),
                memo: IndexMemo | None = None, ignored: tuple[IgnoredNote, ...] = ()
                ) -> VaultIndex:
    """Resolve links, gather each person's interactions, and collect every problem (`ignored`:
    the notes in ignored folders, kept by path as they are given).

    With a `memo` from the build before, notes that did not change are not resolved again; when
    only a few notes are new objects and none of them changed a name, an alias or who is a person
    (a watch round, commonly), only those few are looked at.
    """
    memo = memo or IndexMemo()
    notes = list(notes)
    changed = _changed_alone(memo, notes, today)
    everything = changed is None
    before: dict[str, Person] = {}  # (the people of a build before whose names were others)
    if changed is None:
        before = _look_at_all(memo, notes, today)
        changed = list(memo.notes.values())
    elif memo.shared and not {n.path for n in changed}.isdisjoint(p.path for p in memo.shared):
        # (The same names and aliases: a note whose alias another has may have moved its line.)
        memo.shared, memo.problems = _shared_aliases(memo.resolver, memo.person_notes), None
    people = memo.numbers
    digest, saved, kept, saved_on, moved = _take_saved(memo)
    # Everything looked at: the notes' parts afresh (a deleted note's go). Else the parts of the
    # build before, the changed notes' taken out and put in again.
    by_path: dict[str, tuple[Note, _Contribution]] = {} if everything else dict(memo.by_path)
    # Whether the problems may differ from the build before's (else its sorted tuple is kept).
    read_problems = tuple(read_problems)
    if everything:
        anew = _take_in_all(memo, changed, by_path, saved, people, today)
        problems_changed = True
    else:
        problems_changed = _take_in(memo, changed, by_path, people, today) \
            or read_problems != memo.read_problems
    if saved.parts and everything:
        assert memo.resolver is not None  # (made by `_look_at_all`)
        memo.since_saved = since = _since(digest, anew, by_path, saved, memo.resolver.paths,
                                          (saved_on, today), moved)
        kept = {**{path: contacts for path, contacts in kept.items() if path not in since.people},
                **_brought_up_to_date(kept, since.came)}
    affected, relinked = _make_people(
        memo, by_path, kept, None if everything else [note.path for note in changed],
        _kept(before, memo.since_saved, saved_on == today) if before else {})
    memo.by_path = by_path
    if relinked or memo.links is None:
        memo.links = (None if everything or memo.links is None else _relink(memo.links, relinked)
                      ) or _links(by_path)
    relations, mentioned, orgs, works_at = memo.links
    people_sorted = tuple(map(memo.people.__getitem__, memo.order))
    hints_changed = _day_hints(people_sorted if everything else
                               [memo.people[path] for path in sorted(affected)
                                if path in memo.people], memo, everything, today)
    if problems_changed or hints_changed or memo.problems is None:
        memo.problems, memo.read_problems = _problems(read_problems, memo), read_problems
    return VaultIndex(
        people=people_sorted,
        profile=memo.profiles[0] if memo.profiles else None,
        notes=tuple(memo.notes.values()),
        mentioned=mentioned,
        problems=memo.problems,
        merged=relations,
        orgs=orgs,
        works_at=works_at,
        daily_notes=memo.daily_notes,
        meetings=memo.meetings,
        named=memo.resolver.named if memo.resolver is not None else _NONE,
        aliased=memo.resolver.aliased if memo.resolver is not None else _NONE,
        ignored=ignored,
    )


def _make_people(memo: IndexMemo, by_path: dict[str, tuple[Note, _Contribution]],
                 kept: dict[str, object], paths: list[str] | None,
                 same: Mapping[str, Person] | None = None
                 ) -> tuple[set[str], list[tuple[_Contribution | None, _Contribution | None]]]:
    """Make the people whose contacts or own note changed since the build before into
    `memo.people` (everyone, when every note was looked at: `paths` None; else `paths` are the
    notes that changed), with the `kept` contacts of a sync whose links were the same, or the
    very people of the round before that a watch round whose names changed keeps (`same`: see
    `_kept`). Return the people affected (none in particular on a first build), and the parts
    whose links changed (see `_track_contacts`)."""
    everything = paths is None
    # A first build (a new process, or new names) makes everyone, and merges every link: what
    # changed since does not count, and which notes hold whose contacts is worked out when first
    # asked for (by a watch round, once: 0.04 s at 10,000 dense people, which a sync never needs).
    first = everything and not (memo.by_path or memo.people or memo.touching)
    affected: set[str]
    relinked: list[tuple[_Contribution | None, _Contribution | None]]
    if first:  # (everyone is made: nobody in particular is affected; every part is new)
        affected, relinked = set(), _all_new(by_path)
        memo.touching_later()
    else:
        affected, relinked = _track_contacts(memo, by_path, paths)
    if first and same:  # (a watch round whose names changed: the people it reached made again)
        holders = _Holders(by_path, memo.person_notes.keys() - same.keys(), memo.numbers)
        memo.people = {path: found if (found := same.get(path)) is not None
                       else _person(note, (), by_path, None, holders.gather(path))
                       for path, note in memo.person_notes.items()}
    elif first and not kept:  # (everyone's interactions gathered in one pass)
        gathered = _gather_all(by_path)
        memo.people = {path: _person(note, (), by_path, None, gathered.get(path, ()))
                       for path, note in memo.person_notes.items()}
    elif first:
        # A first build from the contacts the cache kept gathers the interactions of the people
        # whose contacts were not kept alone (`_Holders`).
        memo.people = _kept_people(
            memo.person_notes, by_path,
            _Holders(by_path, memo.person_notes.keys() - kept.keys(), memo.numbers), kept)
    elif everything:  # (a later one, those of the people it reaches)
        checked = Contacts.all_checked(kept.values())
        memo.people = {
            path: memo.people[path] if path in memo.people and path not in affected
            else _person(note, memo.touching.get(path, ()), by_path, kept.get(path),
                         checked=checked)
            for path, note in memo.person_notes.items()
        }
    else:  # the same people as before: those affected are made again
        for path in affected.intersection(memo.person_notes):
            memo.people[path] = _person(memo.person_notes[path], memo.touching.get(path, ()),
                                        by_path)
    return affected, relinked


_NONE_SAVED = SavedParts({}, {})


def _kept(before: dict[str, Person], since: SinceSaved | None, same_day: bool
          ) -> dict[str, Person]:
    """The people of the build before (`before`, in this process) that this one, whose names
    changed, keeps as they are: those whose interactions cannot differ (`since`, found from the
    parts taken across the change; a person whose own note changed is among those that may:
    `_since` counts every note that is not the very one it was), on the same day (on another,
    ties fade and plans come due). So a watch round after a new note makes again only the
    people it reached, and what is worked out from each person (ties, the agenda's rows) is
    worked out again for them alone."""
    if since is None or not same_day:
        return {}
    return {path: person for path, person in before.items() if path not in since.people}


class _Moved(NamedTuple):
    """What else a build whose context is not the one the parse cache's parts were resolved
    with (a note added, removed or renamed, a name or an alias changed) knows of them, besides
    the parts it takes (`_translated`): the parts it does not take, as saved, and the notes
    gone, with what they number people by."""

    digest: str  # of the context they were resolved with (what the rest the cache kept is under)
    paths: list[str]  # that context's paths: what the parts in `old` number people by
    old: dict[str, Saved]  # the parts not taken (their notes gone, or to be resolved again)
    gone: list[str]  # the notes gone since
    people: bool  # whether who the people are, or their names, changed


def _take_saved(memo: IndexMemo
                ) -> tuple[str, SavedParts, dict[str, object], date | None, _Moved | None]:
    """The digest of this build's context, and the contributions and each person's contacts the
    parse cache saved if they were resolved with it (else those that still hold, numbered for
    it, with what else `_translated` knows of them; if none holds, nothing), with the day they
    were worked out for. Used once: from now on the memo holds what this build resolves, and
    says what differs from them (`since_saved`) only after this build."""
    saved, memo.saved, memo.since_saved = memo.saved, None, None
    if saved is None:
        return "", _NONE_SAVED, {}, None, None
    memo.taken_targets = saved[4]  # (those of the parts taken: see `_as_saved`)
    digest = memo.context_digest() or ""
    if saved[0] == digest:
        return digest, saved[1], saved[2], saved[3], None
    taken = _translated(memo, saved[0], saved[1], saved[4])
    if taken is None:
        return digest, _NONE_SAVED, {}, None, None
    return digest, taken[0], saved[2], saved[3], taken[1]


def _translated(memo: IndexMemo, digest: str, saved: SavedParts,
                targets: Callable[[], Mapping[str, object]]
                ) -> tuple[SavedParts, _Moved] | None:
    """The parts the cache `saved` under another context (`digest`) that hold in this build's
    (`memo.context`), their people numbered for it; None if the notes saved with them are not
    those they were resolved with, if the targets are not what was kept, or if no part holds.
    A part holds when its note is here still and none of the `targets` it was resolved by
    (kept apart: read now) looks up a name or an alias that changed (`lookup_keys`): a note's
    resolution depends on the notes and people a look-up of each finds alone (`Resolver`).
    So a new note, a day's, resolves again only the notes that link its name (a sync at 10,000
    dense people resolved every note's links again: 0.75 s)."""
    held = saved.notes
    then = [_context_row(held[path][1]) for path in sorted(held)]
    if _digest(then) != digest:
        return None
    now = {row[0]: row for row in memo.context or ()}
    was = {row[0]: row for row in then}
    changed: set[str] = set()  # the names and aliases whose look-ups may find others now
    people = False
    for rows in (was, now), (now, was):
        for path, row in rows[0].items():
            other = rows[1].get(path)
            if other != row:  # (a note added, gone, or with another row)
                changed.update(_looked_up_by(row))
                # (A person, who was no person, or has another name: not only other aliases.)
                people = people or (row[2] and (other is None or other[:3] != row[:3]))
    paths = [row[0] for row in then]
    # Each note's number then, as a person's number now (a note that is no person now: none).
    numbers = [memo.numbers.get(path, _NO_NUMBER) for path in paths]
    found = targets()
    try:  # (every target once: the 270,000 of 13,700 notes at 10,000 dense people, 20,000 once)
        every = set().union(*(listed for listed in found.values() if type(listed) is tuple))
    except TypeError:  # (a target that is no string: a damaged cache)
        return None
    # Those that look up a name or alias that changed (or are not what was kept); and the paths
    # from a note's own folder, which look up what they do from there.
    relative = {target for target in every if type(target) is str
                and target.startswith(("./", "../"))}
    hit = {target for target in every if type(target) is not str or (
        target not in relative and not changed.isdisjoint(lookup_keys(target, "")))}
    parts: dict[str, Saved] = {}
    old: dict[str, Saved] = {}
    for path, part in saved.parts.items():
        listed = found.get(path)
        holds = path in now and type(listed) is tuple and hit.isdisjoint(listed) and (
            relative.isdisjoint(listed) or not any(
                changed.intersection(lookup_keys(target, path.rpartition("/")[0]))
                for target in relative.intersection(listed)))
        taken = _renumbered(part, numbers) if holds else None
        if taken is None:
            old[path] = part
        else:
            parts[path] = taken
    # (Nothing is taken when none holds, or when what `_since` reads of the others, their
    # relations then, cannot be read: a cache written by hand, which costs a resolution.)
    if not parts or not all(map(_readable, (part[1] for part in old.values()))):
        return None
    return SavedParts(held, parts), _Moved(digest, paths, old, sorted(was.keys() - now.keys()),
                                           people)


_NO_NUMBER = 0xFFFFFFFF  # (a person then who is none now: see `_renumbered`)


def _looked_up_by(row: ContextRow) -> list[str]:
    """The keys of `Resolver`'s tables a note's row of the context fills (see `lookup_keys`):
    its name's key (`by_name`: `keys` of the names is `key` of each) and its aliases' keys
    (`aliases`, for a person's: any, here)."""
    return [key(row[1]), *map(key, row[3])]


def _renumbered(part: Saved, numbers: list[int]) -> Saved | None:
    """`part` with its people numbered for another context (`numbers`: each number then, as a
    number now), the very part if they are the same numbers; None if one of them is no person
    now, or it is no part (a damaged cache)."""
    try:
        (places, people), *rest = part
        now = array("I", map(numbers.__getitem__, array("I", people)))
    except (ValueError, TypeError, IndexError):
        return None
    if _NO_NUMBER in now:
        return None
    packed = now.tobytes()
    return part if packed == people else cast(Saved, ((places, packed), *rest))


def _take_in(memo: IndexMemo, changed: list[Note], by_path: dict[str, tuple[Note, _Contribution]],
             people: Mapping[str, int], today: date) -> bool:
    """Put each changed note's part in `by_path`, in place of its part of the build before (kept
    while it is the same object, else resolved now), with its problems, the meeting and daily-note
    counts (`people`: the person notes' numbers, by path), when the changed notes alone are looked
    at (what the cache saved is taken by the first build, which looks at every note:
    `_take_in_all`). Return whether any changed note's problems changed."""
    resolver, found = memo.resolver, memo.found
    assert resolver is not None  # (kept by `_changed_alone`)
    problems_changed = False
    for note in changed:
        old = by_path.pop(note.path, None)
        if old is not None and _is_meeting(*old):
            memo.meetings -= 1
        memo.daily_notes += _is_daily(note, people) - _is_daily(memo.notes[note.path], people)
        memo.notes[note.path] = note
        before = found.get(note.path)
        if not note.readable:
            found[note.path] = note.problems
        else:
            part = old[1] if old is not None and old[0] is note and old[1].holds(today) else \
                _contribute(note, resolver, people, today)
            by_path[note.path] = (note, part)
            found[note.path] = note.problems + part.problems
            if _is_meeting(note, part):
                memo.meetings += 1
        problems_changed = problems_changed or found[note.path] != before
    return problems_changed


def _take_in_all(memo: IndexMemo, notes: list[Note], by_path: dict[str, tuple[Note, _Contribution]],
                 saved: SavedParts, people: Mapping[str, int], today: date) -> list[Note]:
    """Put every note's part in `by_path` (its part of the build before while it is the same
    object, else from what the cache saved, else resolved now), with its problems, the meeting
    and daily-note counts (`people`: the person notes' numbers, by path), when every note is
    looked at (the problems found and the counts start afresh: see `_look_at_all`). Return the
    notes whose part is not the one the cache saved: the few `_since` need look at, of the
    13,700 whose parts a sync after one edit takes from the cache at 10,000 dense people
    (looking at every one took it 7 ms; and this pass, without what a build of the changed
    notes alone does, takes 4 ms less than `_take_in`'s did)."""
    resolver, found, before = memo.resolver, memo.found, memo.by_path
    assert resolver is not None  # (made by `_look_at_all`)
    then, parts = saved
    paths = resolver.paths
    numbered = _all_numbered(parts.values(), paths)
    anew: list[Note] = []
    daily = meetings = 0
    for note in notes:
        path = note.path
        daily += _is_daily(note, people)
        if not note.readable:
            found[path] = note.problems
            anew.append(note)
            continue
        old = before.get(path)
        kept = parts.get(path)
        part = old[1] if old is not None and old[0] is note and old[1].holds(today) else \
            _from_saved(note, kept, path in people, today, paths, numbered) \
            if kept is not None and (held := then.get(path)) is not None and held[1] is note \
            else None
        if part is None:
            part = _contribute(note, resolver, people, today)
        if part.kept is not kept or kept is None:
            anew.append(note)
        by_path[path] = (note, part)
        found[path] = note.problems + part.problems
        meetings += _is_meeting(note, part)
    memo.daily_notes, memo.meetings = daily, meetings
    return anew


def _is_meeting(note: Note, part: _Contribution) -> bool:
    """Whether `check` counts the note as a meeting: one that names people, and no daily note
    (whose field's people are met that day too). (`part.people` is made when asked.)"""
    return note.meeting is not None and note.daily is None and bool(part.people)


class SinceSaved(NamedTuple):
    """What may differ between a build that started from the contributions a sync saved (the
    parse cache) and that sync's build, so that what it worked out from them can be reused."""

    # Of the names, aliases and people the sync's build resolved with (what the rest the cache
    # kept is under): this build's too, unless it took the parts up across a change (`_Moved`).
    digest: str
    people: frozenset[str]  # whose interactions may differ
    relations: frozenset[tuple[str, str, str]]  # in one and not the other
    structure: bool  # whether anything else the graph is made of may (topics, organisations, …)
    # Of `people`, those whose interactions differ only by those that came due since (on a later
    # day: lines, or a `last_contact`, dated after it, each after every interaction of theirs
    # then), with those interactions, in order: what they had then can be brought up to date.
    came: Mapping[str, tuple[Interaction, ...]] = MappingProxyType({})


def _since(digest: str, notes: list[Note], by_path: dict[str, tuple[Note, _Contribution]],
           saved: SavedParts, paths: Sequence[str], days: tuple[date | None, date] | None = None,
           across: _Moved | None = None) -> SinceSaved:
    """What may differ from when `saved` was: the people each note that is not the very note it
    was saved with had contact with then and has now (of a note edited since, those whose lines
    in it changed, and its own person: `_lines_differ`), its relations then and now, and whether
    it changed anything else the graph is made of (the context being the same, the notes are
    the same paths, as much people's as then, with the same names and aliases; else, as
    `across` says, the parts saved of notes gone or resolved again are theirs then, the graph's
    people may differ, and a note added or gone changes its structure if it holds or names
    anything it has). A note's relations all start at the note: no two notes share one.
    (`paths`: what the parts number people by; `days`: the day they were saved for, and this
    build's, to find the interactions that came due between them: `SinceSaved.came`.)"""
    people: set[str] = set()
    relations: set[tuple[str, str, str]] = set()
    then, parts = saved
    came: defaultdict[str, list[Interaction]] = defaultdict(list)
    blocked: set[str] = set()  # (people who may differ otherwise: not brought up to date)
    structure = across is not None and (  # (the graph's people, or their names)
        _gone_since(across, then, people, blocked, relations) or across.people)
    for note in notes:
        kept, part = parts.get(note.path), by_path.get(note.path)
        was = held[1] if (held := then.get(note.path)) is not None else None  # (the note then)
        if kept is not None and was is note and part is not None \
                and part[1].resolved is kept[0]:
            continue  # its part as saved: the same interactions with the same people
        people.add(note.path)
        numbered_by = paths  # (what `kept` numbers people by)
        moved = _moved(kept[0], part[1].resolved, paths) \
            if kept is not None and was is note and part is not None else None
        if moved is not None:  # the very note, resolved for another day: a plan came due, say
            people.update(moved)
            if not (days is not None and part is not None and kept is not None
                    and _came_due(note, part[1], kept, days, came)):
                blocked.update(moved)
                blocked.add(note.path)
        elif kept is not None and was is not None and part is not None and (
                differ := _lines_differ(was, note, kept[0], part[1].resolved, paths)) is not None:
            # Edited: those whose lines in it are as they were have the interactions they had.
            people.update(differ)
            blocked.update(differ, (note.path,))
        else:
            blocked.add(note.path)
            if part is not None:
                people.update(part[1].people)
                blocked.update(part[1].people)
            if kept is None and across is not None and note.path in across.old:
                kept, numbered_by = across.old[note.path], across.paths  # (resolved again)
            if kept is not None:  # the people its lines were with then
                named = _were_with(kept, numbered_by)
                people.update(named)
                blocked.update(named)
        before, now = _unpacked(kept[1]) if kept is not None else (), \
            part[1].relations if part is not None else ()
        if before != now:
            relations.update(set(before).symmetric_difference(now))
        if kept is None and was is None and across is not None and part is not None:
            # (a new note: a person's, or one that names anything the graph has, changes it)
            structure = structure or part[1].own or bool(
                part[1].mentions or part[1].orgs or note.fields.topics)
            continue
        structure = structure or kept is None or was is None or part is None \
            or _named(*kept[2:4], kept[0], part[1].own) != part[1].named() \
            or was.fields.topics != note.fields.topics \
            or (numbered_by is not paths and not part[1].own  # (numbered otherwise: see `_named`)
                and bool(kept[2] or part[1].mentions))
    return SinceSaved(across.digest if across is not None else digest, frozenset(people),
                      frozenset(relations), structure,
                      {path: tuple(sorted(found)) for path, found in came.items()
                       if path in people and path not in blocked})


def _gone_since(across: _Moved, then: Mapping[str, tuple[object, Note]], people: set[str],
                blocked: set[str], relations: set[Relation]) -> bool:
    """Add whom the notes gone since were with to `people` (and `blocked`: see `_since`), and
    their relations to `relations`; whether any of them held or named anything the graph has."""
    structure = False
    for path in across.gone:
        kept, went = across.old.get(path), then.get(path)
        people.add(path)
        structure = structure or kept is None or went is None or bool(
            kept[2] or kept[3] or went[1].fields.topics)  # (mentions, organisations, topics)
        if kept is not None:
            named = _were_with(kept, across.paths)
            people.update(named)
            blocked.update(named)
            relations.update(_unpacked(kept[1]))
    return structure


def _brought_up_to_date(kept: Mapping[str, object], came: Mapping[str, tuple[Interaction, ...]]
                        ) -> dict[str, Contacts]:
    """The contacts `kept` of the people whose interactions differ only by those that `came`
    due since, with those (a new day's sync at 10,000 dense people gathered the interactions
    of 563 people from 4,800 notes for it, 0.3 s)."""
    found: dict[str, Contacts] = {}
    for path, later in came.items():
        contacts = Contacts.checked(kept.get(path))
        if contacts is not None:
            found[path] = contacts.followed_by(later)
    return found


def _came_due(note: Note, part: _Contribution, kept: Saved, days: tuple[date | None, date],
              came: defaultdict[str, list[Interaction]]) -> bool:
    """Add to `came` the interactions of `note`'s lines (and `last_contact`) that came due
    between the two `days` (the day its part `kept` was saved for, and `part`'s), as
    `_Contribution.add_to` makes them, by person: True if that is all that differs between the
    two (later, no line went, each that came dated between them). A line is contact with the
    same people on any day it is one."""
    saved_on, today = days
    # (The day the state says, which the part kept holds for, as every part a sync saves does
    # for its day: a cache changed by hand may say another, or no day.)
    if type(saved_on) is not date or not saved_on < today:
        return False
    try:
        if not _holds_on(kept[5], saved_on):
            return False
        then = kept[0]
        before = set(zip(array("I", then[0]), array("I", then[1]), strict=True))
        after = zip(array("I", part.resolved[0]), array("I", part.resolved[1]), strict=True)
        added = [row for row in after if row not in before]
    except (ValueError, TypeError):
        return False
    if len(before) + len(added) != len(part.resolved[1]) // 4:  # (a row went, or came twice)
        return False
    source, entries = note.path, note.entries
    if not all(saved_on < entries[place][0] <= today for place, _ in added):
        return False  # (a row of a day before: not the part of that day)
    own: list[Interaction] | None = [] if part.own else None
    _add_rows(note, added, part.paths, own, came)
    last = note.fields.last_contact if part.own else None
    if last is not None and saved_on < last <= today:
        came[source].append(Interaction(last, frozenset(), source, 0, "last_contact"))
    if own:
        came[source].extend(own)
    return True


def _moved(then: Resolved, now: Resolved, paths: Sequence[str]) -> set[str] | None:
    """The people whose contact lines differ between two resolutions of one note (the same
    lines, resolved for two days; people numbered by `paths`): those of the lines that came or
    went. None if `then` is not a resolution (a damaged cache): anyone may differ."""
    try:
        before, after = _lines_with(then), _lines_with(now)
        return {paths[person] for person in before.keys() | after.keys()
                if before.get(person) != after.get(person)}
    except (ValueError, TypeError, IndexError):
        return None


def _lines_with(resolved: Resolved) -> dict[int, list[int]]:
    """The places of the lines each person (by number) is in contact with, in order."""
    places, people = resolved
    found: dict[int, list[int]] = defaultdict(list)
    for place, person in zip(array("I", places), array("I", people), strict=True):
        found[person].append(place)
    return found


def _lines_differ(was: Note, note: Note, then: Resolved, now: Resolved, paths: Sequence[str]
                  ) -> set[str] | None:
    """The people whose interactions from a note may differ between the note as it `was` and as
    it is (`note`, edited since), its lines resolved `then` and `now` (people numbered by
    `paths`): those whose lines in it differ, one by one, in anything an interaction holds of a
    line (its day, text, tags and line number), or in number. A line added at the end of a log
    whose earlier lines name a dozen people changes the interactions of its own person alone,
    where everyone it names was taken for changed (their interactions gathered again from every
    note that holds them: 123 notes' lines unpickled for a sync after one line at 10,000 dense
    people). None if the two cannot be compared (a damaged cache): anyone may differ."""
    try:
        before, after = _lines_with(then), _lines_with(now)
        old, new = was.entries, note.entries
        return {paths[person] for person in before.keys() | after.keys()
                if not _same_lines(old, before.get(person, ()), new, after.get(person, ()))}
    except (ValueError, TypeError, IndexError, DamagedCache):
        return None


def _same_lines(old: Sequence[Entry], then: Sequence[int], new: Sequence[Entry],
                now: Sequence[int]) -> bool:
    """Whether the lines at places `then` of `old` are those at `now` of `new`, in order, as an
    interaction holds them (see `_add_rows`)."""
    return len(then) == len(now) and all(
        (a.day, a.text, a.tags, a.line) == (b.day, b.text, b.tags, b.line)
        for a, b in zip(map(old.__getitem__, then), map(new.__getitem__, now), strict=True))


def _were_with(kept: Saved, paths: Sequence[str]) -> Sequence[str]:
    """The paths of the people a saved part's lines were with (see `Resolved`: numbers of
    `paths`); if it is no such part (a damaged cache), it does not say: anyone (`paths`)."""
    try:
        return list(map(paths.__getitem__, array("I", kept[0][1])))
    except (ValueError, TypeError, IndexError):
        return paths


def _is_daily(note: Note, people: Mapping[str, int]) -> bool:
    """Whether a note counts as a daily note (a person's note named for a day is a person's)."""
    return note.daily is not None and note.path not in people


def _problems(read_problems: tuple[Problem, ...], memo: IndexMemo) -> tuple[Problem, ...]:
    """Every problem, each once, in order: the walk's, the notes' and their links', a second
    profile's, the hints of the day (prospects met, a `last_contact` ahead), and aliases that
    another note has."""
    problems: list[Problem] = [*read_problems, *itertools.chain.from_iterable(memo.found.values())]
    profiles = memo.profiles
    for extra in profiles[1:]:
        problems.append(Problem(extra.path, None, f"a second profile (type: me); using "
                                f"{profiles[0].path}", "keep one note with `type: me`"))
    problems.extend(memo.met.values())
    problems.extend(memo.ahead.values())
    problems.extend(memo.shared)
    return tuple(sorted(set(problems), key=_problem_order))


def _context_row(note: Note) -> ContextRow:
    """What resolving every note's links depends on in this one: its path and name, whether it is
    a person's note, and a person's aliases."""
    return note.path, note.name, is_person_note(note), note.fields.aliases


def is_person_note(note: Note) -> bool:
    """Whether a note is a person's: read well, and of type person."""
    return note.fields.type == "person" and note.readable


def _changed_alone(memo: IndexMemo, notes: list[Note], today: date) -> list[Note] | None:
    """The notes that are new objects since the build before, when they alone need looking at:
    the same day, the same paths, and none of them changed what resolving depends on (or a
    profile). None when everything must be looked at again."""
    before = memo.notes
    if memo.resolver is None or memo.today != today or len(notes) != len(before):
        return None
    changed = [note for note in notes if before.get(note.path) is not note]
    for note in changed:
        old = before.get(note.path)
        if old is None or _context_row(old) != _context_row(note) \
                or "me" in (old.fields.type, note.fields.type):
            return None
    for note in changed:
        if note.path in memo.person_notes:
            memo.person_notes[note.path] = note
    return changed


def _look_at_all(memo: IndexMemo, notes: list[Note], today: date) -> dict[str, Person]:
    """Take in every note: their order, who is a person, the profiles; and forget what was
    resolved when a name, an alias, who is a person or the day changed (keeping the build before
    as the parse cache would, for this build to take what still holds of it: `_as_saved`).
    Return the people of that build before, when it is kept so (else none): `_kept`."""
    notes.sort(key=_path_of)
    # Resolution depends on every note's name and on people's aliases (and, for a note's plans,
    # on the day: each contribution says which days it holds for).
    context = list(map(_context_row, notes))
    before: dict[str, Person] = {}
    if context != memo.context and memo.saved is None and memo.by_path:
        # (The build before, in this process: a watch round. Its people may be kept: `_kept`.)
        memo.saved, before = _as_saved(memo), memo.people
    memo.today = today
    memo.notes = {note.path: note for note in notes}
    memo.person_notes = {row[0]: note for row, note in zip(context, notes, strict=True) if row[2]}
    memo.profiles = [n for n in notes if n.fields.type == "me" and n.readable]
    memo.found, memo.meetings, memo.daily_notes = {}, 0, 0
    if context != memo.context or memo.resolver is None:
        memo.context, memo.resolver, memo.by_path = context, Resolver(notes), {}
        memo.people, memo.touching, memo.links = {}, defaultdict(set), None
        memo.numbers = {row[0]: at for at, row in enumerate(context) if row[2]}
        # People in name order (the same names, the same order, while the context holds):
        # (sort key, path) pairs sorted as they are, with no key function.
        people = memo.person_notes
        memo.order = [path for _, path in sorted(zip(
            map(sort_key, map(_name_of, people.values())), people, strict=True))]
    # (Anew even with the same names and aliases: they may sit on other lines now.)
    memo.shared = _shared_aliases(memo.resolver, memo.person_notes)
    return before


_path_of, _name_of = operator.attrgetter("path"), operator.attrgetter("name")
_fields_of, _aliases_of = operator.attrgetter("fields"), operator.attrgetter("aliases")


def _as_saved(memo: IndexMemo) -> tuple[str, SavedParts, dict[str, object], date | None,
                                        Callable[[], Mapping[str, object]]]:
    """The build before, as `IndexMemo.saved` holds what the parse cache saved: so that a build
    whose names changed since (a watch round after a new note, a rename, an alias) takes the
    parts that still hold across the change (`_translated`), as a sync from the cache does,
    rather than resolve every note again. No contacts are carried as the cache's are: the very
    people of the build before are kept instead (`_kept`)."""
    earlier = memo.taken_targets() if memo.taken_targets is not None else {}
    targets = {path: part.targets if part.targets is not None else earlier.get(path)
               for path, (_, part) in memo.by_path.items()}
    return (memo.context_digest() or "",
            SavedParts({path: (None, note) for path, note in memo.notes.items()},
                       {path: part.saved() for path, (_, part) in memo.by_path.items()}),
            {}, memo.today, lambda: targets)


_Links = tuple[Relations, tuple[Mentioned, ...], dict[str, tuple[str, str | None]],
               tuple[tuple[str, str], ...]]


def _links(by_path: dict[str, tuple[Note, _Contribution]]) -> _Links:
    """The relations (merged when first asked for), people without a note, and organisations of
    all notes, merged."""
    mentioned: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    met: dict[str, set[str]] = defaultdict(set)  # the people at a meeting with them, by key
    orgs: dict[str, tuple[str, str | None]] = {}
    works_at: list[tuple[str, str]] = []  # (in path order: see below)
    paths = sorted(by_path)
    pairs = list(map(by_path.__getitem__, paths))
    parts = list(map(_part_of, pairs))
    # (Only the parts that name anyone without a note or an organisation, found in C: of 13,700
    # at 10,000 dense people, the 8,500 people's notes that give an organisation.)
    naming = map(any, zip(map(_mentions_of, parts), map(_orgs_of, parts), strict=True))
    for path, (note, part) in itertools.compress(zip(paths, pairs, strict=True), naming):
        for name_key, name in part.mentions:
            mentioned[name_key][name].add(path)
            if not part.own:  # a meeting's
                met[name_key].update(_at_the_meeting(note, part))
        for org_key, name, org_path in part.orgs:
            first = orgs.get(org_key)
            if first is None or (first[1] is None and org_path):  # a note's name beats plain text
                orgs[org_key] = (name, org_path)
            works_at.append((path, org_key))
    mentioned_people = tuple(_mentioned(spellings, met.get(name_key), by_path)
                             for name_key, spellings in sorted(
                                 mentioned.items(), key=lambda item: name_order(item[0])))
    # (The pairs come in path order, each note's in the order it gives them: taken once each,
    # they are sorted in a pass, where a set of them took a full sort.)
    return (Relations(parts, paths=paths), mentioned_people, dict(sorted(orgs.items())),
            tuple(sorted(dict.fromkeys(works_at))))


_part_of = operator.itemgetter(1)  # a (note, part) pair's part
_mentions_of, _orgs_of = operator.attrgetter("mentions"), operator.attrgetter("orgs")


def _at_the_meeting(note: Note, part: _Contribution) -> Sequence[str]:
    """The people with a note who were at a meeting: all a meeting note is contact with; of a
    day's page, whom its field names alone (its first entry, the `#met` one), not whom its other
    lines name (a line that emails someone puts them at no meeting)."""
    places, people = (array("I", packed) for packed in part.resolved)
    if note.daily is not None:  # (its first entry's rows: the lines come in order)
        people = people[:places.count(0)]
    return list(map(part.paths.__getitem__, people))


def _mentioned(spellings: dict[str, set[str]], met: set[str] | None,
               by_path: dict[str, tuple[Note, _Contribution]]) -> Mentioned:
    """Someone without a note, from the notes that name them (by spelling) and, if a meeting
    does, the people at a meeting with them (`met`)."""
    named_in = tuple(sorted(set().union(*spellings.values())))
    if met is None:  # (named in person notes alone: they are the ones who can introduce you)
        return Mentioned(_spelling(spellings), named_in, named_in)
    by = met.union(path for path in named_in if by_path[path][1].own)
    return Mentioned(_spelling(spellings), tuple(sorted(by)), named_in)


def _merged(parts: list[_Contribution]) -> tuple[Relation, ...]:
    """The relations of the notes' `parts` (in their notes' path order), sorted. A note's
    relations are sorted and all start at the note: taken kind by kind in path order, they come
    out sorted, with no sort of the hundred thousand of a large vault."""
    by_kind: dict[str, list[Relation]] = defaultdict(list)
    for part in parts:
        for relation in part.relations:
            by_kind[relation[0]].append(relation)
    return tuple(relation for kind in sorted(by_kind) for relation in by_kind[kind])


def _relink(links: _Links, relinked: list[tuple[_Contribution | None, _Contribution | None]]
            ) -> _Links | None:
    """`links` with the relations of the notes whose part changed (`relinked`: before, after)
    taken out and put in again, when nothing else they name changed (see `_named`; else
    None). A note's relations all start at the note, so no two notes share one."""
    def named(part: _Contribution | None) -> object:
        return part.named() if part is not None else ((), (), _NO_ROWS)

    relations = list(links[0].get())
    for old, new in relinked:
        if named(old) != named(new):
            return None
        for relation in old.relations if old is not None else ():
            at = bisect.bisect_left(relations, relation)
            if at == len(relations) or relations[at] != relation:
                return None
            del relations[at]
        for relation in new.relations if new is not None else ():
            bisect.insort(relations, relation)
    return Relations(merged=tuple(relations)), *links[1:]


def _track_contacts(memo: IndexMemo, by_path: dict[str, tuple[Note, _Contribution]],
                    paths: list[str] | None = None
                    ) -> tuple[set[str], list[tuple[_Contribution | None, _Contribution | None]]]:
    """Update which notes hold each person's contacts. Return the people whose contacts or own
    note changed since the build before (everyone, after a reset; of a note edited, its own
    person and those whose lines in it changed: `_lines_differ`), and the parts (before, after)
    of the notes whose relations or what else they name (`_named`) changed. `paths`: the only
    notes whose part can be new (the same notes as before); None, any."""
    before = memo.by_path
    if not before and not memo.touching:  # no part before (no note was readable): all are new
        _first_contacts(memo.touching, by_path)
        return {*by_path, *memo.touching}, _all_new(by_path)
    affected: set[str] = set()
    relinked: list[tuple[_Contribution | None, _Contribution | None]] = []
    gone = list(before.keys() - by_path.keys()) if paths is None else []
    changed = [path for path in (by_path if paths is None else paths)
               if (old := before.get(path)) is None or (new := by_path.get(path)) is None
               or old[1] is not new[1]]
    for path in [*changed, *gone]:
        old, new = before.get(path), by_path.get(path)
        affected.add(path)
        if old is None or new is None \
                or (old[1].relations, old[1].named()) != (new[1].relations, new[1].named()):
            relinked.append((old and old[1], new and new[1]))
        then = old[1].people if old is not None else ()
        now = new[1].people if new is not None else ()
        for person in then:
            memo.touching[person].discard(path)
        for person in now:
            memo.touching[person].add(path)
        # (Of a note edited, those whose lines in it changed: see `_lines_differ`.)
        differ = _lines_differ(old[0], new[0], old[1].resolved, new[1].resolved, new[1].paths) \
            if old is not None and new is not None and old[1].paths is new[1].paths else None
        affected.update((*then, *now) if differ is None else differ)
    return affected, relinked


def _first_contacts(touching: dict[str, set[str]],
                    by_path: dict[str, tuple[Note, _Contribution]]) -> None:
    """Which notes hold each person's contacts, into `touching`, from every part in `by_path`
    at once, in one tight pass: for `IndexMemo.touching` when first asked for after a first
    build (which leaves it), for `_Holders`, and for `_track_contacts` after a build with no
    part."""
    for path, (_, part) in by_path.items():
        for person in part.people:
            touching[person].add(path)


def _all_new(by_path: dict[str, tuple[Note, _Contribution]]
             ) -> list[tuple[_Contribution | None, _Contribution | None]]:
    """Every note's part as new (before, after: none before), for a build with none before."""
    return [(None, part) for _, part in by_path.values()]


def _gather(person: str, sources: Iterable[str],
            by_path: dict[str, tuple[Note, _Contribution]]) -> tuple[Interaction, ...]:
    """Every interaction with `person` that the notes in `sources` hold, in order: by day,
    source and line (`Interaction.contact`). Taken note by note in path order, each note's in
    the order of its lines, they need sorting by day alone (sorting is stable): a key that is
    the day itself, not a tuple made for each (0.05 s of a first build at 10,000 dense people)."""
    return tuple(sorted([interaction for source in sorted(sources)
                         for interaction in by_path[source][1].contacts.get(person, ())],
                        key=_day))


def _gather_all(by_path: dict[str, tuple[Note, _Contribution]]
                ) -> dict[str, tuple[Interaction, ...]]:
    """`_gather` for everyone at once, in one pass over the notes (a first build gathers
    everyone's: one by one, note by note, that took 0.08 s more at 10,000 dense people)."""
    found: defaultdict[str, list[Interaction]] = defaultdict(list)
    for path in sorted(by_path):
        by_path[path][1].add_to(found)
    gathered: dict[str, tuple[Interaction, ...]] = {}
    while found:  # (each list let go of once it is a tuple)
        person, listed = found.popitem()
        if listed:
            listed.sort(key=_day)
            gathered[person] = tuple(listed)
    return gathered


def _kept_people(notes: dict[str, Note], by_path: dict[str, tuple[Note, _Contribution]],
                 holders: _Holders, kept: dict[str, object]) -> dict[str, Person]:
    """Everyone with a note (`notes`, by path), for a first build from the contacts the cache
    `kept`: with their contacts, their interactions gathered when first read; without (theirs
    may have changed, or were not kept as contacts), gathered now, from the notes that hold them
    (`holders`). (`_person` of the few of these; the others made in a loop that calls nothing
    but what makes them, all gathered by the one `holders.gather`: 10,000 people a sync after an
    edit, 2 ms sooner, and 3 more without a function made for each.)"""
    contacts = cast(dict[str, Contacts], kept) if Contacts.all_checked(kept.values()) else {
        path: found for path, value in kept.items()
        if (found := Contacts.checked(value)) is not None}
    gather = holders.gather
    people: dict[str, Person] = {}
    for path, note in notes.items():
        found = contacts.get(path)
        people[path] = _person(note, (), by_path, None, gather(path)) if found is None else \
            Person(note.name, path, note.fields, gather, note.tasks, found)
    return people


def _person(note: Note, sources: Iterable[str],
            by_path: dict[str, tuple[Note, _Contribution]], kept: object = None,
            gathered: tuple[Interaction, ...] | None = None, checked: bool = False) -> Person:
    """A person, with their interactions from the notes in `sources` (or those `gathered`
    already); with the `kept` contacts of a sync whose links were the same (`checked`: found to
    be contacts already), they are gathered when first read."""
    if gathered is not None:
        return Person(note.name, note.path, note.fields, gathered, note.tasks)
    contacts = None if kept is None else cast(Contacts, kept) if checked else Contacts.checked(kept)
    if contacts is None:  # (gathered now)
        return Person(note.name, note.path, note.fields, _gather(note.path, sources, by_path),
                      note.tasks)
    # (The sources as this build has them: the next changes `touching` in place.)
    return Person(note.name, note.path, note.fields,
                  functools.partial(_gather, sources=tuple(sources), by_path=by_path), note.tasks,
                  contacts)


class _Holders:
    """Which notes of one build hold each person's contacts (`IndexMemo.touching`), for a first
    build that starts from the contacts the cache kept: worked out in one pass for the people
    it gathers the interactions of (`wanted`: those whose contacts may have changed), without
    a set for anyone else; for everyone only once someone else's interactions are read, which
    a sync seldom does (0.05 s at 10,000 dense people)."""

    __slots__ = ("_by_path", "_everyone", "_found", "_wanted")

    def __init__(self, by_path: dict[str, tuple[Note, _Contribution]], wanted: Set[str],
                 numbers: Mapping[str, int]) -> None:
        self._by_path, self._wanted, self._everyone = by_path, wanted, False
        self._found: dict[str, set[str]] = defaultdict(set)
        # (Whom its lines are with are those it links and its own person: `people` is made only
        # for the parts that may hold someone wanted, a few hundred of 13,700 after an edit.)
        paths = list(by_path)
        rows = [part.resolved[1] for _, part in by_path.values()]
        holding = wanted & by_path.keys()
        holding.update(map(paths.__getitem__, _naming(rows, {numbers[path] for path in wanted})))
        for path in holding:
            for person in by_path[path][1].people:
                if person in wanted:
                    self._found[person].add(path)

    def gather(self, person: str) -> tuple[Interaction, ...]:
        """`_gather` of `person`'s interactions, from the notes of this build that hold them."""
        if person not in self._wanted and not self._everyone:
            self._found, self._everyone = defaultdict(set), True
            _first_contacts(self._found, self._by_path)
        return _gather(person, self._found.get(person, ()), self._by_path)


def _naming(rows: list[bytes], numbers: Set[int]) -> Iterable[int]:
    """Which of the parts' people (`rows`: each part's, see `Resolved`) name any of `numbers`,
    by their place in `rows`: found in C, all parts' read as the characters of one string, in one
    search (in 1.3 ms at 10,000 dense people, where a look at each part's took 8); one by one if
    a number cannot be read as a character (a vault of more than 55,000 notes)."""
    if not numbers:
        return ()
    if max(numbers) < SURROGATES:
        try:
            text = b"".join(rows).decode(UTF_32)
        except UnicodeDecodeError:
            pass
        else:
            ends = list(itertools.accumulate(map(len, rows)))  # (each part's, in bytes)
            wanted = re.compile("[" + "".join(map(re.escape, map(chr, numbers))) + "]")
            return {bisect.bisect_right(ends, 4 * found.start())
                    for found in wanted.finditer(text)}
    return [at for at, held in enumerate(rows) if not numbers.isdisjoint(array("I", held))]


_day = operator.itemgetter(0)  # Interaction.day, in C
_declared_of = operator.attrgetter("is_declared_prospect")


def _day_hints(people: Sequence[Person], memo: IndexMemo, everyone: bool, today: date) -> bool:
    """Work out the hints of the day for `people` (`everyone`, or some whose contacts changed):
    for prospects you have met, and for a `last_contact` after `today`. Return whether any hint
    changed. (Only a declared prospect can have the first, one whose `last_contact` is ahead the
    second: one look at each person, and a hint for the few.)"""
    if everyone:  # (the declared prospects found in C: 3 ms sooner at 10,000 people)
        memo.met = {person.path: _met_prospect(person) for person in
                    itertools.compress(people, map(_declared_of, people)) if person.has_met}
        memo.ahead = {person.path: _contact_ahead(person, day) for person in people
                      if (day := person.fields.last_contact) is not None and day > today}
        return True  # (every problem is gathered again then anyway)
    changed = False
    for person in people:
        day = person.fields.last_contact
        for kept, hint in ((memo.met, _met_prospect(person)
                            if person.is_declared_prospect and person.has_met else None),
                           (memo.ahead, _contact_ahead(person, day)
                            if day is not None and day > today else None)):
            if kept.get(person.path) != hint:
                changed = True
                if hint is None:
                    del kept[person.path]
                else:
                    kept[person.path] = hint
    return changed


def _contact_ahead(person: Person, day: date) -> Problem:
    """A hint for a `last_contact` after the day (a slip of the year, `2062-11-01`): no contact
    until then, as a plan is none, where a user meant one."""
    return Problem(person.path, None, f"`last_contact` is {day.isoformat()}, a day still ahead: "
                   "vaultnet counts no contact with them until then",
                   "write the day you were last in touch; a plan goes in the log, dated ahead")


def _met_prospect(person: Person) -> Problem:
    """A hint for a prospect you have met: they are known now, and the note could say so."""
    met = person.contacts.first_met
    assert met is not None  # (asked of people met alone)
    field = "status" if person.fields.status == "prospect" else "role"
    return Problem(person.path, None, f"met on {met.day.isoformat()}, but the note still says "
                   f"`{field}: prospect`; vaultnet counts {person.name} as known from then on",
                   "change it to `status: active`" if field == "status"
                   else "give the role they have to you, such as `role: peer`")


def _shared_aliases(resolver: Resolver | None, people: Mapping[str, Note]) -> tuple[Problem, ...]:
    """A problem for each person's alias that is another note's name, or another person's
    alias too, in any case: a link to it goes by `Resolver`'s rule to one of them, or to none,
    where the user meant one. (Worked out when every note is looked at, or a note with such an
    alias changed: a fraction of a millisecond at 10,000 people with 20,000 aliases.)"""
    if resolver is None:
        return ()
    problems: list[Problem] = []
    by_name, aliases = resolver.by_name, resolver.aliases
    # (The few aliases given twice, or that are names too: the keys' intersection is made in C.)
    for wanted in sorted(resolver.given_again.union(aliases.keys() & by_name.keys())):
        named = sorted(by_name.get(wanted, ())) if "/" not in wanted else []
        holders = sorted(dict.fromkeys(aliases[wanted]))
        if not named and len(holders) == 1:
            continue  # (one note's alias, given twice in its own list)
        goes = "" if named else _where_a_shared_alias_goes(holders)  # (once for all its holders)
        for path in holders:
            note = people.get(path)
            alias = next((a for a in note.fields.aliases if key(a) == wanted), None) \
                if note is not None else None
            if note is not None and alias is not None:
                problems.append(_shared_alias(note, alias, named, holders, goes))
    return tuple(problems)


def _where_a_shared_alias_goes(holders: list[str]) -> str:
    """Where a link to an alias that the notes `holders` (each a path) share goes, by the rule of
    `Resolver._resolve`: to the one in the linking note's own folder."""
    folders = Counter(path.rpartition("/")[0] for path in holders)
    alone = [path for path in holders if folders[path.rpartition("/")[0]] == 1]
    none = "neither" if len(holders) == 2 else "none of them"
    if not alone:
        return f"goes to {none}, and is reported as ambiguous in the note that writes it"
    return some_of([("from a note in " if at == 0 else "from one in ")
                    + (path.rpartition("/")[0] or "the vault's top folder")
                    + (" goes to " if at == 0 else " to ") + path
                    for at, path in enumerate(alone[:4])], 3, len(alone)) \
        + f", and from anywhere else to {none} (reported as ambiguous in the note that writes it)"


def _shared_alias(note: Note, alias: str, named: list[str], holders: list[str], goes: str
                  ) -> Problem:
    """The problem of one person's alias that is the name of the notes `named`, or else an alias
    of the others of `holders` (each a path), a link to which `goes` so
    (`_where_a_shared_alias_goes`)."""
    line = note.fields.aliases_line or None
    if named:
        where = named[0] if len(named) == 1 else "one of those (or is ambiguous)"
        return Problem(note.path, line, f"alias `{alias}` is also the name of {some_of(named)}: "
                       f"a link [[{alias}]] goes to {where}, never to this note",
                       f"give this note another alias, or link it by its name, [[{note.name}]]")
    others = [path for path in holders[:7] if path != note.path]
    many = "the other another one" if len(holders) == 2 else "the others other ones"
    return Problem(note.path, line, f"alias `{alias}` is also an alias of "
                   f"{some_of(others, count=len(holders) - 1)}: a link [[{alias}]] {goes}",
                   f"keep the alias `{alias}` in one of the "
                   f"{'two' if len(holders) == 2 else len(holders)} notes, and give {many}")


def _spelling(spellings: dict[str, set[str]]) -> str:
    """The spelling used by the most notes; ties go to the first in sorted order."""
    counts = Counter({name: len(paths) for name, paths in spellings.items()})
    return min(counts, key=lambda name: (-counts[name], name))


def _problem_order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.path, problem.line or 0, problem.message, problem.hint)


def find_mentioned(index: VaultIndex, name: str) -> Mentioned | None:
    """Someone your notes name as a person (see `Mentioned`) who has no note yet, by name in any
    case."""
    wanted = key(name.strip())
    return next((m for m in index.mentioned if key(m.name) == wanted), None)


def find_person(index: VaultIndex, name: str) -> Person:
    """The person `name` means, resolved like a link: the note at that path from the vault's root,
    else note name or path (the exact spelling first), then alias, then a first name or the start
    of a name that only one person has, ignoring case and Unicode normalisation.
    An unknown or ambiguous name is an error listing the candidates."""
    wanted = key(name.strip()).removesuffix(".md").removeprefix("/")
    by_name = [p for p in index.people if key(p.name) == wanted
               or key(p.path.removesuffix(".md")) == wanted
               or key(p.path.removesuffix(".md")).endswith("/" + wanted)]
    # The note whose path from the vault's root it is first, as a link's (`Sam` is Sam.md, not
    # Work/Sam.md), even one that could not be read; then the others of that name.
    # (A note of that name that could not be read is named before an alias or a first name.)
    skipped = _skipped_note(index, wanted)
    if skipped is not None and (not by_name or key(skipped.path.removesuffix(".md")) == wanted):
        where = f"{skipped.path}:{skipped.line}" if skipped.line else skipped.path
        raise _not_read(name, skipped.path, "could not read", f"{where}: {skipped.message}",
                        skipped.hint)
    # Nor is a note in an ignored folder, which a link to the name still goes to.
    ignored = ignored_note(index, name) if not by_name else None
    if ignored is not None:
        raise _not_read(name, ignored.path, "does not read", ignored_why(ignored),
                        ignored_fix(ignored))
    by_name = [p for p in by_name if key(p.path.removesuffix(".md")) == wanted] or by_name
    exact = _spelt_as(name.strip().removeprefix("/"), [p.path for p in by_name])
    if len(by_name) > 1 and len(exact) == 1:  # `Jane` and `jane`: the exact spelling wins
        return next(p for p in by_name if p.path == exact[0])
    found = by_name or [p for p in index.people if wanted in {key(a) for a in p.fields.aliases}]
    if not found and wanted:
        # A first name, or the first words of a name, that only one person has (`log Priya …`).
        # Whole words only: a typo's partial word must not land a line in someone else's note.
        found = [p for p in index.people if (key(p.name) + " ").startswith(wanted + " ")]
    if len(found) == 1:
        return found[0]
    if found:
        raise VaultnetError(f'"{name}" could be {len(found)} people: '
                            + ", ".join(f"{p.name} ({p.path})" for p in found)
                            + ". Name the note by its path, such as "
                            + f'"{found[0].path.removesuffix(".md")}".')
    profile = index.profile
    if profile is not None and wanted in (key(profile.name), key(profile.path.removesuffix(".md"))):
        raise VaultnetError(f'"{name}" is you: {profile.path} is your own note (`type: me`), '
                            "not a person of your network")
    mentioned = find_mentioned(index, name)
    if mentioned is not None:
        named = ", ".join(mentioned.named_in[:3]) + (", …" if len(mentioned.named_in) > 3 else "")
        raise VaultnetError(f'"{name}" has no note yet, only mentions ({named}): '
                            f"`vaultnet add {shlex.quote(mentioned.name)}` makes one")
    import difflib  # (only here: for a name nobody has)

    names = {key(p.name): p for p in index.people}
    close = [names[k] for k in difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)]
    # Words in the name, accents and case aside (`Zoe` for Zoë Zane, `jurgen` for Jürgen Groß).
    folded = sort_key(wanted)
    close += [p for p in index.people
              if folded and folded in sort_key(key(p.name)) and p not in close]
    hint = ("; did you mean " + ", ".join(f"{p.name} ({p.path})" for p in close[:5]) + "?"
            if close else f"; there {'is' if len(index.people) == 1 else 'are'} "
            f"{plural(len(index.people), 'person note')}, none with that name or alias")
    raise VaultnetError(f'no person called "{name}"{hint}')


def _not_read(name: str, path: str, verb: str, why: str, hint: str) -> VaultnetError:
    """`"Sam" is People/Sam.md, which vaultnet could not read as a person note (why); hint`."""
    return VaultnetError(f'"{name}" is {path}, which vaultnet {verb} as a person note ({why})'
                         + (f"; {hint}" if hint else ""))


def ignored_by_name(ignored: Iterable[IgnoredNote]) -> dict[str, IgnoredNote]:
    """The notes in ignored folders by the `key` of what a link to each may give: its path from
    the vault's root (without `.md`), else its name (the first by path of each name)."""
    ignored = list(ignored)
    found = {key(note.path[:-3]): note for note in ignored}
    for note in ignored:
        found.setdefault(key(note_name(note.path)), note)
    return found


def ignored_note(index: VaultIndex, name: str) -> IgnoredNote | None:
    """The note in an ignored folder that a link to `name` goes to, if one does."""
    if not index.ignored:
        return None
    return ignored_by_name(index.ignored).get(key(name.strip()).removesuffix(".md").lstrip("/"))


def ignored_why(note: IgnoredNote) -> str:
    """Why vaultnet does not read a note in an ignored folder."""
    return f"it is in {note.folder}, a folder the `ignore` setting leaves out"


def ignored_fix(note: IgnoredNote) -> str:
    """How to have vaultnet read a note in an ignored folder."""
    return f"take {note.folder} out of `ignore` in {SETTINGS_FILE}, or move the note out of it"


def _skipped_note(index: VaultIndex, wanted: str) -> Problem | None:
    """Why a note named `wanted` is no person when it may have been meant as one: it was skipped
    (too large, binary, not UTF-8) or its frontmatter could not be read. Asking for it then says
    why, rather than that there is no such person; a note read well that is simply not a person
    (an organisation) has no such problem."""
    people = {person.path for person in index.people}
    notes = {note.path: note for note in index.notes}
    found = [problem for problem in index.problems if problem.path not in people
             and key(note_name(problem.path)) == wanted
             and ((note := notes.get(problem.path)) is None or not note.readable
                  or problem.message.startswith(_UNREAD_FRONTMATTER))]
    # (The one at that path from the vault's root first, as a link to the name takes it.)
    return next((p for p in found if key(p.path.removesuffix(".md")) == wanted),
                found[0] if found else None)


def unread_frontmatter(note: Note) -> Problem | None:
    """What kept a note's frontmatter from being read at all, if anything did (its fields are
    then none of what it says)."""
    return next((p for p in note.problems if p.message.startswith(_UNREAD_FRONTMATTER)), None)


# The starts of split_frontmatter's messages for frontmatter it could not read at all.
_UNREAD_FRONTMATTER = ("frontmatter", "the block between", "the note starts with")
