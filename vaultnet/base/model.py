"""The values that flow through vaultnet's pipe.

Every type here is a pure value with no behaviour that reaches the disk or the clock: a frozen
dataclass, or a named tuple for the three a vault holds by the hundred thousand (links, dated
lines and interactions), which Python builds and unpickles two to three times as fast. Paths are
vault-relative, POSIX-style and NFC-normalised, so that the same vault gives the same values on
every machine.

Two of them make one part when it is first read, and are equal by what they hold either way: a
note from the parse cache unpickles its links and dated lines, and a person built with the
`Contacts` a sync kept gathers their interactions. A sync after an edit reads those of the notes
and people it reached, and builds no others.
"""

from __future__ import annotations

import functools
import io
import itertools
import operator
import pickle
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, NamedTuple, SupportsIndex, TypeVar

from vaultnet.base.errors import DamagedCache

T = TypeVar("T")


def _pickled_by_value(cls: type[T]) -> type[T]:
    """Pickle as `cls(*values)`: the parse cache holds hundreds of thousands of these, and the
    way dataclasses pickle a frozen slotted class (a call of `fields()` per object, each way)
    takes twice as long to write and to read."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    values = operator.attrgetter(*names) if len(names) > 1 else lambda o: (getattr(o, names[0]),)

    def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


@_pickled_by_value
@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a note: where it is, what is wrong, and how to fix it."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    transient: bool = False  # the disk refused for now (permissions, I/O): not a sign of deletion

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "message": self.message, "hint": self.hint}


@dataclass(frozen=True)
class IgnoredNote:
    """A note in a folder the `ignore` setting leaves out, known by its path alone (it is never
    read): a link to its name still goes to it in Obsidian, so it is no note to make anew."""

    path: str
    folder: str  # the folder of `ignore` it is in


# A named tuple built from all its values, in order, in C: `new_tuple(Link, (target, line, False))`
# is `Link(target, line)` without the Python-level `__new__` a named tuple's class has. For the
# values a vault holds by the hundred thousand, where they are made.
new_tuple = tuple.__new__


class Link(NamedTuple):
    """A wikilink as written: its target (without heading, block or shown text) and its line.

    `plain` marks a frontmatter value written as a plain name rather than a `[[link]]`.
    """

    target: str
    line: int
    plain: bool = False


class Entry(NamedTuple):
    """A dated line: a log entry of a person note, or a line of a daily note."""

    day: date
    text: str
    tags: frozenset[str]
    links: tuple[Link, ...]
    line: int


@_pickled_by_value
@dataclass(frozen=True, slots=True)
class Task:
    """A Markdown task (`- [ ] …`), with its due date if it has one."""

    text: str
    done: bool
    due: date | None
    line: int


@_pickled_by_value
@dataclass(frozen=True, slots=True)
class Birthday:
    """A birthday: month and day, and the year when it is known."""

    month: int
    day: int
    year: int | None = None


class Fields(NamedTuple):
    """The frontmatter fields vaultnet understands, checked and normalised. (A named tuple, built
    in C as the cache is read: one per note, 13,700 at 10,000 people.)"""

    type: str | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    role: str | None = None
    status: str | None = None
    orgs: tuple[str, ...] = ()
    org_links: tuple[Link, ...] = ()
    topics: tuple[str, ...] = ()
    knows: tuple[Link, ...] = ()
    met_via: tuple[Link, ...] = ()
    cadence_days: int | None = None  # 0 (`NOT_TRACKED`): `cadence: never`
    last_contact: date | None = None
    birthday: Birthday | None = None
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    story: str | None = None
    emails: tuple[str, ...] = ()  # `email`, matched by `vaultnet import`
    types: tuple[str, ...] = ()  # every word of `type`, which may be a list or links
    categories: tuple[str, ...] = ()  # `categories` as link targets, casefolded: people, …
    attendees: tuple[Link, ...] = ()  # a meeting note's `people`, `attendees`, `with`, …
    dated: date | None = None  # a `date` field (a meeting note's day)
    relations: tuple[tuple[str, Link], ...] = ()  # typed ties: (field, link), `spouse: [[X]]`
    aliases_line: int = 0  # the line of `aliases` (0: none), for `check` to name an alias shared

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return kept_fields, (tuple(self),)


def kept_fields(values: tuple[Any, ...]) -> Fields:
    """Fields as pickled (`Fields.__reduce__`)."""
    if not (isinstance(values, tuple) and len(values) == len(Fields._fields)):
        raise pickle.UnpicklingError("not a note's fields")
    return new_tuple(Fields, values)


# A note's links and dated lines: as parsed, or as the parse cache keeps them until they are
# first read (their number, and their pickle).
Body = tuple[tuple[Link, ...], tuple[Entry, ...]] | tuple[int, bytes | memoryview]


@dataclass(frozen=True, slots=True, init=False, eq=False)
class Note:
    """One Markdown note, parsed: what vaultnet needs of it, and what was wrong with it.

    Its links and dated lines are most of what it weighs: a note from the parse cache unpickles
    them when they are first read (a sync after an edit reads those of the notes it reached)."""

    path: str
    name: str
    fields: Fields
    tasks: tuple[Task, ...]
    daily: date | None
    readable: bool
    problems: tuple[Problem, ...]
    found_by: str  # for a person note: the rule that made it one (type, tag, category, …)
    meeting: date | None  # a meeting note's day: one interaction with each person named
    template: bool  # holds {{…}} or <% … %> placeholders: a template, not a note
    _body: Body = field(repr=False)

    def __init__(self, path: str, name: str, fields: Fields | None = None,
                 links: tuple[Link, ...] = (), entries: tuple[Entry, ...] = (),
                 tasks: tuple[Task, ...] = (), daily: date | None = None, readable: bool = True,
                 problems: tuple[Problem, ...] = (), found_by: str = "",
                 meeting: date | None = None, template: bool = False, *,
                 body: Body | None = None) -> None:
        values = (path, name, fields or _NO_FIELDS, tasks, daily, readable, problems, found_by,
                  meeting, template, (links, entries) if body is None else body)
        for set_slot, value in zip(NOTE_SETTERS, values, strict=True):
            set_slot(self, value)

    @property
    def folder(self) -> str:
        return self.path.rpartition("/")[0]

    @property
    def links(self) -> tuple[Link, ...]:
        """Every wikilink of its body."""
        return self._opened()[0]

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Its dated lines, in order."""
        return self._opened()[1]

    @property
    def entry_count(self) -> int:
        """How many dated lines it has (without unpickling them)."""
        body = self._body
        return body[0] if isinstance(body[0], int) else len(body[1])

    def unpack(self) -> None:
        """Unpickle its links and dated lines now, if they are still pickled."""
        self._opened()

    def _opened(self) -> tuple[tuple[Link, ...], tuple[Entry, ...]]:
        body = self._body
        if isinstance(body[0], int):
            body = _unpickled_body(self.path, *body)
            object.__setattr__(self, "_body", body)
        return body

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Note) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.path, self.name))

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, tuple[Any, ...]]:
        """Pickled with its links and dated lines in a pickle of their own, taken as it is from a
        note that has not unpickled them (see `kept_note`): from protocol 5 on, as a buffer, which
        a chunk of the parse cache keeps out of its pickle's band (`dump_chunk`), and which comes
        back as a view of the chunk's bytes."""
        body = self._body
        count, data = body if isinstance(body[0], int) else \
            (len(body[1]), pickle.dumps(body, protocol=5))
        return kept_note, (self.path, self.name, self.fields, self.tasks, self.daily, self.readable,
                           self.problems, self.found_by, self.meeting, self.template,
                           (count, pickle.PickleBuffer(data) if int(protocol) >= 5 else bytes(data)))

    def _values(self) -> tuple[Any, ...]:
        return (self.path, self.name, self.fields, self.links, self.entries, self.tasks,
                self.daily, self.readable, self.problems, self.found_by, self.meeting,
                self.template)


_NO_FIELDS = Fields()


def slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[[Any, Any], None], ...]:
    """What sets each of these slots of a frozen class, as its `__init__` must: the slots' own
    setters, called directly (a third of the time `object.__setattr__` takes to find each one
    by its name: a sync builds a note for each of 13,700 at 10,000 people)."""
    return tuple(getattr(cls, name).__set__ for name in names)


# Each of a note's slots' setters, in the order `Note` gives them (the parse cache's chunks set
# them a column at a time: `vaultnet.pipeline.cache.kept_notes`).
NOTE_SETTERS = slot_setters(Note, ("path", "name", "fields", "tasks", "daily", "readable",
                                   "problems", "found_by", "meeting", "template", "_body"))
(_set_note_path, _set_note_name, _set_note_fields, _set_note_tasks, _set_note_daily,
 _set_note_readable, _set_note_problems, _set_note_found_by, _set_note_meeting,
 _set_note_template, _set_note_body) = NOTE_SETTERS


def kept_note(path: str, name: str, fields: Fields, tasks: tuple[Task, ...], daily: date | None,
              readable: bool, problems: tuple[Problem, ...], found_by: str, meeting: date | None,
              template: bool, body: tuple[int, bytes | memoryview]) -> Note:
    """A note as pickled (`Note.__reduce_ex__`): its links and dated lines still pickled. (Its
    slots set here, each by its own setter, one call each, without `Note.__init__` and its
    defaults, nor a loop: in some 40 % less time so. A note pickled on its own comes back so;
    the parse cache's chunks build theirs a column at a time: see
    `vaultnet.pipeline.cache.NoteChunk`.)"""
    if not (isinstance(body, tuple) and len(body) == 2 and isinstance(body[0], int)
            and isinstance(body[1], (bytes, memoryview))):  # (a view: see `load_chunk`)
        raise pickle.UnpicklingError("not a note's links and dated lines")
    note = _new_note(Note)
    _set_note_path(note, path)
    _set_note_name(note, name)
    _set_note_fields(note, fields or _NO_FIELDS)
    _set_note_tasks(note, tasks)
    _set_note_daily(note, daily)
    _set_note_readable(note, readable)
    _set_note_problems(note, problems)
    _set_note_found_by(note, found_by)
    _set_note_meeting(note, meeting)
    _set_note_template(note, template)
    _set_note_body(note, body)
    return note


_new_note = object.__new__


def _unpickled_body(path: str, count: int, data: bytes | memoryview
                    ) -> tuple[tuple[Link, ...], tuple[Entry, ...]]:
    """A note's links and dated lines (`count` of them) from the pickle the parse cache kept;
    raises `DamagedCache` if that is not what it holds."""
    try:
        body = _BodyUnpickler(io.BytesIO(data)).load()
    except Exception as error:  # (any byte may be wrong: a pickle fails every way there is)
        raise DamagedCache(f"{path}: its lines in the cache cannot be read") from error
    if not (type(body) is tuple and len(body) == 2 and type(links := body[0]) is tuple
            and type(entries := body[1]) is tuple and len(entries) == count
            and all_of_type(links, Link) and all_of_type(entries, Entry)
            and all_of_type(itertools.chain.from_iterable(map(_links_of, entries)), Link)):
        raise DamagedCache(f"{path}: the cache holds no links and dated lines for it")
    return body


class _BodyUnpickler(pickle.Unpickler):
    """Builds a note's links and dated lines, and nothing else (the parse cache holds them).

    Each note's are pickled apart, so that what notes share (a day, a set of tags, the name a
    link targets: one object each as parsed) would come back as many copies: they are shared
    again as they are unpickled (some 13 MB at 10,000 people whose notes are all read)."""

    def find_class(self, module: str, name: str) -> Any:
        found = _BUILDERS.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a note's lines")
        return found


class _SharedLink(Link):
    """Builds a `Link` whose target is the one string of its text (see `_BodyUnpickler`)."""

    __slots__ = ()

    def __new__(cls, target: str, line: int, plain: bool = False) -> Link:  # type: ignore[misc]
        if type(line) is not int or type(plain) is not bool:
            raise pickle.UnpicklingError("not a link")
        return new_tuple(Link, (sys.intern(target), line, plain))


class _SharedEntry(Entry):
    """Builds an `Entry` whose tags are the one set of those tags (see `_BodyUnpickler`)."""

    __slots__ = ()

    def __new__(  # type: ignore[misc]
            cls, day: date, text: str, tags: frozenset[str], links: tuple[Link, ...], line: int,
    ) -> Entry:
        if not (type(day) is date and type(text) is str and type(tags) is frozenset
                and type(links) is tuple and type(line) is int
                and (tags in _TAGS or all_of_type(tags, str))):
            raise pickle.UnpicklingError("not a dated line")  # (its links: `_unpickled_body`)
        return new_tuple(Entry, (day, text, _TAGS.setdefault(tags, tags), links, line))


_links_of = operator.itemgetter(3)  # (an entry's links)
_TAGS: dict[frozenset[str], frozenset[str]] = {}
# A day comes back as `date(its state)`: one object for each day.
_BUILDERS: dict[tuple[str, str], Any] = {
    ("datetime", "date"): functools.lru_cache(maxsize=1 << 14)(date),
    (__name__, "Link"): _SharedLink,
    (__name__, "Entry"): _SharedEntry,
}


class Interaction(NamedTuple):
    """One contact with a person, from a log entry, a daily note or `last_contact`.

    Equal and ordered as the contact it stands for, by day, source and line alone: its kinds and
    text come with those.
    """

    day: date
    kinds: frozenset[str]
    source: str = ""
    line: int = 0
    text: str = ""

    @property
    def is_outreach(self) -> bool:
        return "outreach" in self.kinds

    @property
    def contact(self) -> tuple[date, str, int]:
        """What it is equal and ordered by: its day, source and line."""
        return self[0], self[2], self[3]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Interaction) and self.contact == other.contact

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self.contact)

    def __lt__(self, other: tuple[Any, ...]) -> bool:
        if not isinstance(other, Interaction):
            return NotImplemented
        return self.contact < other.contact

    def __le__(self, other: tuple[Any, ...]) -> bool:
        if not isinstance(other, Interaction):
            return NotImplemented
        return self.contact <= other.contact

    def __gt__(self, other: tuple[Any, ...]) -> bool:
        if not isinstance(other, Interaction):
            return NotImplemented
        return self.contact > other.contact

    def __ge__(self, other: tuple[Any, ...]) -> bool:
        if not isinstance(other, Interaction):
            return NotImplemented
        return self.contact >= other.contact


def after_the_last_without(interactions: tuple[Interaction, ...], kind: str
                           ) -> tuple[Interaction, ...]:
    """The interactions of `kind` dated after the latest interaction without it. Interactions
    are kept in day order, so only those after the last one without `kind` are looked at (a
    person's last interaction is commonly a plain one: none)."""
    at = len(interactions)
    while at and kind in interactions[at - 1].kinds:
        at -= 1
    if not at:
        return interactions
    latest = interactions[at - 1].day
    return tuple(i for i in interactions[at:] if i.day > latest)


class Contacts(NamedTuple):
    """What a sync reads of a person's interactions, besides their tie: whom you know, the
    agenda, the pages and the hints work from these alone (so that a sync which took them from
    the cache need not build the interactions of a person its edit did not reach)."""

    total: int  # how many
    last: Interaction | None  # the latest
    first_met: Interaction | None  # the first that is no outreach (None: never met)
    outreach: tuple[Interaction, ...]  # outreach after the latest interaction that is none
    received: tuple[Interaction, ...]  # `#received` after the latest interaction without it

    @classmethod
    def of(cls, interactions: tuple[Interaction, ...]) -> Contacts:
        """The contacts of interactions in order."""
        met = next((i for i in interactions if not i.is_outreach), None)
        return cls(len(interactions), interactions[-1] if interactions else None, met,
                   after_the_last_without(interactions, "outreach"),
                   after_the_last_without(interactions, "received"))

    def followed_by(self, later: tuple[Interaction, ...]) -> Contacts:
        """The contacts of these contacts' interactions followed by `later`, in order, each of
        which is after every one of theirs (a day later: lines that came due since): without
        those interactions (the very `Contacts.of` of them all)."""
        if not later:
            return self
        met = self.first_met if self.first_met is not None else \
            next((i for i in later if not i.is_outreach), None)
        return Contacts(self.total + len(later), later[-1], met,
                        _tail(self.outreach, later, "outreach"),
                        _tail(self.received, later, "received"))

    def same_as(self, other: object) -> bool:
        """Whether `other` is contacts of the same values, to each interaction's text (`==`
        tells interactions apart by their day, note and line alone)."""
        if other is self:
            return True
        if not isinstance(other, Contacts) or self.total != other.total \
                or len(self.outreach) != len(other.outreach) \
                or len(self.received) != len(other.received):
            return False
        return all(a is b or (a is not None and b is not None and tuple.__eq__(a, b))
                   for a, b in zip(_held(self), _held(other), strict=True))

    @classmethod
    def checked(cls, value: object) -> Contacts | None:
        """`value` if it is contacts, each interaction an interaction; else None (a cache changed
        by hand)."""
        if not (isinstance(value, cls) and isinstance(value.total, int)
                and isinstance(value.outreach, tuple) and isinstance(value.received, tuple)):
            return None
        return value if all(i is None or _is_interaction(i) for i in _held(value)) else None

    @classmethod
    def all_checked(cls, values: Iterable[object]) -> bool:
        """Whether `checked` takes each of `values` as it is: found by the exact types of their
        values, in a few passes over them all in C (a sync takes 10,000 people's contacts from
        the cache: some 7 ms, against 15 one by one). False says only that one may not be: ask
        `checked` of each then."""
        values = list(values)
        if not values:
            return True
        try:
            if not all_of_type(values, cls):
                return False
            total, last, met, outreach, received = zip(*values, strict=True)
            if not (all_of_type(total, int) and all_of_type(outreach, tuple)
                    and all_of_type(received, tuple)):
                return False
            held = list(filter(_is_not_none, itertools.chain(last, met, *outreach, *received)))
            if not held:
                return True
            if not all_of_type(held, Interaction):
                return False
            day, kinds, source, line, text = zip(*held, strict=True)
        except ValueError:  # (not of their arity)
            return False
        return all_of_type(day, date) and all_of_type(kinds, frozenset) \
            and all_of_type(source, str) and all_of_type(line, int) and all_of_type(text, str)


_is_not_none = functools.partial(operator.is_not, None)


def _tail(tail: tuple[Interaction, ...], later: tuple[Interaction, ...], kind: str
          ) -> tuple[Interaction, ...]:
    """`after_the_last_without` of interactions whose own is `tail`, followed by `later`, each
    a day after every one before it: `later`'s own when one of them is without `kind` (the
    latest without it is then one of them), else `tail` and all of `later` (each after the
    latest without it, or with `kind` every one)."""
    if any(kind not in i.kinds for i in later):
        return after_the_last_without(later, kind)
    return tail + later


def all_of_type(values: Iterable[object], kind: type) -> bool:
    """Whether each of `values` is of type `kind`, exactly."""
    return set(map(type, values)) <= {kind}


def _held(contacts: Contacts) -> tuple[Interaction | None, ...]:
    """The interactions `contacts` holds: the latest, the first met, the outreach and the
    `#received` lines waiting."""
    return (contacts.last, contacts.first_met, *contacts.outreach, *contacts.received)


def _is_interaction(value: object) -> bool:
    return isinstance(value, Interaction) and isinstance(value.day, date) \
        and isinstance(value.kinds, frozenset) and isinstance(value.source, str) \
        and isinstance(value.line, int) and isinstance(value.text, str)


@dataclass(frozen=True, slots=True, init=False, eq=False)
class Person:
    """A person with a note: their fields, every interaction with them (in order), their tasks,
    and what a sync reads of those interactions (`contacts`).

    The interactions may be given as what gathers them, by the person's path (a person built
    with the `contacts` a sync kept): they are gathered when first read, if ever. (By the path,
    so that one function gathers everyone's: one made for each of 10,000 people took 3 ms.)
    """

    name: str
    path: str
    fields: Fields
    tasks: tuple[Task, ...]
    contacts: Contacts
    _interactions: tuple[Interaction, ...] | Callable[[str], tuple[Interaction, ...]] = \
        field(repr=False)
    # `status: prospect` or `role: prospect`: someone the notes say you have not met.
    is_declared_prospect: bool = field(repr=False)
    # Not met yet: a declared prospect stops being one the day you meet (PRODUCT.md, Met). (Both
    # known as the person is made: the pipe asks some twelve times per person, and each sync
    # looks for the prospects met among everyone.)
    is_prospect: bool = field(repr=False)

    def __init__(self, name: str, path: str, fields: Fields,
                 interactions: tuple[Interaction, ...] | Callable[[str], tuple[Interaction, ...]]
                 = (), tasks: tuple[Task, ...] = (), contacts: Contacts | None = None) -> None:
        if contacts is None:
            interactions = interactions if isinstance(interactions, tuple) else interactions(path)
            contacts = Contacts.of(interactions)
        # (Each slot by its own setter, a call each, not in a loop: a sync makes 10,000 people.)
        _set_name(self, name)
        _set_path(self, path)
        _set_fields(self, fields)
        _set_tasks(self, tasks)
        _set_contacts(self, contacts)
        _set_interactions(self, interactions)
        declared = fields.status == "prospect" or fields.role == "prospect"
        _set_is_declared_prospect(self, declared)
        _set_is_prospect(self, declared and contacts.first_met is None)

    @property
    def interactions(self) -> tuple[Interaction, ...]:
        """Every interaction with them, in order (by day, note and line)."""
        found = self._interactions
        if not isinstance(found, tuple):
            found = found(self.path)
            object.__setattr__(self, "_interactions", found)
        return found

    @property
    def gathered(self) -> tuple[Interaction, ...] | None:
        """Their interactions if they were gathered already (else None: not gathered for it)."""
        found = self._interactions
        return found if isinstance(found, tuple) else None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Person) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.name, self.path))

    def __reduce__(self) -> tuple[type[Person], tuple[Any, ...]]:
        return Person, self._values()

    def _values(self) -> tuple[Any, ...]:
        return self.name, self.path, self.fields, self.interactions, self.tasks

    @property
    def role(self) -> str | None:
        return self.fields.role

    @property
    def has_met(self) -> bool:
        """Any interaction that is not outreach (a meeting, a call, a reply, a mention in a daily
        note, `last_contact`): contact both ways."""
        return self.contacts.first_met is not None

    @property
    def is_known(self) -> bool:
        """Someone you know: not a prospect, not dormant, and not outreach-only (every
        interaction an unanswered `#outreach`). Only they start warm paths."""
        return not (self.is_prospect or self.is_dormant) and (
            not self.contacts.total or self.has_met)

    @property
    def is_dormant(self) -> bool:
        return self.fields.status == "dormant"


(_set_name, _set_path, _set_fields, _set_tasks, _set_contacts, _set_interactions,
 _set_is_declared_prospect, _set_is_prospect) = slot_setters(
    Person, ("name", "path", "fields", "tasks", "contacts", "_interactions", "is_declared_prospect",
             "is_prospect"))
