"""The follow-up agenda for one day, by the exact rules of PRODUCT.md.

Pure functions of the graph, the settings and `today`: who wrote and waits for an answer, who is
due to stay in touch, which outreach to follow up or rest, which promises are due, whose birthday
is coming.

The items' words are the agenda's own, read alike by `vaultnet due`, Follow-ups.md, the calendar
and a brief (`reason`, `when`): the views tell one story.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, TypeVar

from vaultnet.base.dates import NOT_TRACKED, next_birthday_or_none
from vaultnet.base.model import Interaction, Note, Person
from vaultnet.base.settings import Settings
from vaultnet.base.text import compiled_when_used, days, logged_text, plural, sort_key
from vaultnet.insight.rows import SortedRows
from vaultnet.network.graph import Graph, people
from vaultnet.network.index import SinceSaved
from vaultnet.parse.links import find_tags

PROMISE_HORIZON_DAYS = 7
BIRTHDAY_HORIZON_DAYS = 14
# The tags before a line's words and after them (`#received Question … #urgent`): its kinds.
_tags = compiled_when_used(r"^(?:#[\w/-]+\s+)+(?=\S)|(?:\s+#[\w/-]+)+\s*$")
# A task tagged so is what they promised you (`- [ ] She sends the slides #waiting`): still a
# promise on the agenda, theirs, not yours.
WAITING_TAGS = frozenset({"waiting", "waiting-for", "waitingfor"})
# The note of a person, by its path, for the plans in it (lines dated after today); None: none.
NoteOf = Callable[[str], Note | None]


def is_theirs(task_text: str) -> bool:
    """Whether a task is what they promised you: tagged `#waiting` (or `#waiting-for`)."""
    return not WAITING_TAGS.isdisjoint(find_tags(task_text))


def due_words(due: date, days_overdue: int) -> str:
    """`due 2026-02-20`, or `due 2026-02-20, 1 day overdue` once past it: how every view says
    when a promise is due."""
    late = f", {days(days_overdue)} overdue" if days_overdue > 0 else ""
    return f"due {due.isoformat()}{late}"


@dataclass(frozen=True)
class ReplyOwed:
    """Someone wrote (`#received`) and has had no answer: the oldest unanswered line, and how
    many more there are."""

    person: Person
    received: date
    days_waiting: int
    text: str
    more: int = 0

    @property
    def reason(self) -> str:
        """`wrote 5 days ago: Question about the dataset`."""
        when = "today" if self.days_waiting == 0 else (
            "yesterday" if self.days_waiting == 1 else f"{days(self.days_waiting)} ago")
        more = f" (and {self.more} more)" if self.more else ""
        return f"wrote {when}: {self.text}{more}" if self.text else f"wrote {when}{more}"


@dataclass(frozen=True)
class StayInTouch:
    person: Person
    cadence_days: int
    last_contact: date | None
    days_since: int | None
    # The soonest line of their note dated after today: not contact yet (PRODUCT.md,
    # Interactions), but the answer to their being due, once its day comes.
    planned: date | None = None

    @property
    def days_overdue(self) -> int | None:
        return None if self.days_since is None else self.days_since - self.cadence_days

    @property
    def reason(self) -> str:
        """Why they are due: `last contact 94 days ago, cadence 30 days`, then `(planned
        2026-12-03)` when a meeting is planned."""
        plan = f" (planned {self.planned.isoformat()})" if self.planned else ""
        if self.days_since is None:
            return f"never contacted, cadence {days(self.cadence_days)}{plan}"
        return (f"last contact {days(self.days_since)} ago, cadence {days(self.cadence_days)}"
                f"{plan}")


@dataclass(frozen=True)
class Outreach:
    person: Person
    last_outreach: date
    days_waiting: int
    followups_sent: int
    action: str  # "follow-up" or "rest"
    max_followups: int

    @property
    def reason(self) -> str:
        """`no reply for 9 days, follow-up 1 of 2`, or why to let it rest."""
        if self.action == "follow-up":
            return (f"no reply for {days(self.days_waiting)}, follow-up {self.followups_sent + 1} "
                    f"of {self.max_followups}")
        return (f"no reply for {days(self.days_waiting)} after "
                f"{plural(self.followups_sent, 'follow-up')}; let it rest")


@dataclass(frozen=True)
class Promise:
    person: Person
    text: str
    due: date
    overdue: bool
    line: int
    days_overdue: int = 0
    theirs: bool = False  # what they promised you (`WAITING_TAGS`), not you them

    @property
    def when(self) -> str:
        """`due 2026-02-20, 1 day overdue` (see `due_words`)."""
        return due_words(self.due, self.days_overdue)

    @property
    def reason(self) -> str:
        """`Send her the paper (due 2026-02-20)`; theirs, `waiting on them: She sends the
        slides #waiting (due 2026-02-20)`."""
        return f"{'waiting on them: ' if self.theirs else ''}{self.text} ({self.when})"


@dataclass(frozen=True)
class BirthdayItem:
    person: Person
    date: date
    days_until: int
    turns: int | None

    @property
    def when(self) -> str:
        """`2026-11-27 (in 2 days, turns 46)`."""
        soon = "today" if self.days_until == 0 else f"in {days(self.days_until)}"
        return f"{self.date.isoformat()} ({soon}{f', turns {self.turns}' if self.turns else ''})"


_T = TypeVar("_T", StayInTouch, Outreach, Promise, BirthdayItem, ReplyOwed)


@dataclass(frozen=True)
class Agenda:
    today: date
    stay_in_touch: tuple[StayInTouch, ...]
    outreach: tuple[Outreach, ...]
    promises: tuple[Promise, ...]
    birthdays: tuple[BirthdayItem, ...]
    replies: tuple[ReplyOwed, ...] = ()  # the most urgent: shown first

    def of(self, person: Person) -> Agenda:
        """The agenda of one person: their items alone, in the agenda's order (what a brief
        shows, in the very words of `vaultnet due`)."""
        path = person.path

        def theirs(items: tuple[_T, ...]) -> tuple[_T, ...]:
            return tuple(i for i in items if i.person.path == path)

        return Agenda(self.today, theirs(self.stay_in_touch), theirs(self.outreach),
                      theirs(self.promises), theirs(self.birthdays), theirs(self.replies))


def cadence_of(person: Person, settings: Settings) -> int | None:
    """Days between contacts, or None when the person is not tracked: their own `cadence`
    (`never`: not tracked), else their role's default."""
    if person.is_prospect or person.is_dormant:
        return None
    days = person.fields.cadence_days
    if days is None:  # (not given: not the same as `never`)
        return settings.cadence.get(person.role or "")
    return None if days == NOT_TRACKED else days


def last_interaction(person: Person) -> Interaction | None:
    """The latest interaction."""
    return person.contacts.last


def stay_in_touch(person: Person, today: date, settings: Settings,
                  note_of: NoteOf | None = None) -> StayInTouch | None:
    """Whether they are due by their cadence; with their note (`note_of`), the soonest plan in it."""
    cadence = cadence_of(person, settings)
    if cadence is None:
        return None
    last = last_interaction(person)
    if last is None:
        return StayInTouch(person, cadence, None, None, planned(person, today, note_of))
    days = (today - last.day).days
    if days < cadence:
        return None
    return StayInTouch(person, cadence, last.day, days, planned(person, today, note_of))


def planned(person: Person, today: date, note_of: NoteOf | None) -> date | None:
    """The soonest day after `today` of a dated line in their own note (`vaultnet log --plan`
    writes one there): asked of the people due alone, so a plan costs nothing for anyone else."""
    note = note_of(person.path) if note_of is not None else None
    if note is None:
        return None
    return min((entry.day for entry in note.entries if entry.day > today), default=None)


def open_outreach(person: Person) -> tuple[Interaction, ...]:
    """Outreach dated after the latest plain (non-outreach) interaction."""
    return person.contacts.outreach


def gone_cold(person: Person, today: date, settings: Settings) -> int | None:
    """The days their open outreach has had no reply, when that is `outreach_cold_days` or more:
    gone cold, off the agenda (persistence has turned into noise); else None."""
    pending = open_outreach(person)
    if not pending:
        return None
    waiting = (today - max(i.day for i in pending)).days
    return waiting if waiting >= settings.outreach_cold_days else None


def outreach(person: Person, today: date, settings: Settings) -> Outreach | None:
    pending = open_outreach(person)
    if not pending or gone_cold(person, today, settings) is not None:
        return None
    newest = max(i.day for i in pending)
    waiting = (today - newest).days
    if waiting < settings.outreach_wait_days:
        return None  # not yet due
    # Counted by day: one email logged in their note and again in the day's note is one.
    sent = len({i.day for i in pending}) - 1
    action = "follow-up" if sent < settings.max_followups else "rest"
    return Outreach(person, newest, waiting, sent, action, settings.max_followups)


def reply_owed(person: Person, today: date) -> ReplyOwed | None:
    """Their `#received` lines with no interaction of another kind on the same day or later:
    the first day's, in their own note's words if it has one that day, and how many days more.
    Counted by day, as outreach is: one email logged in their note and in the day's note is one."""
    owed = person.contacts.received
    if not owed:
        return None
    day = owed[0].day  # (interactions are sorted by day)
    first = min((i for i in owed if i.day == day), key=lambda i: (i.source != person.path, i))
    text = logged_text(_tags().sub("", first.text).strip())
    return ReplyOwed(person, day, (today - day).days, text, len({i.day for i in owed}) - 1)


def promises(person: Person, today: date) -> list[Promise]:
    horizon = today.toordinal() + PROMISE_HORIZON_DAYS
    return [Promise(person, task.text, task.due, task.due < today, task.line,
                    max(0, (today - task.due).days), is_theirs(task.text))
            for task in person.tasks
            if not task.done and task.due is not None and task.due.toordinal() <= horizon]


def next_birthday(person: Person, today: date) -> BirthdayItem | None:
    """The next birthday, however far off, with the age they turn when the year is known."""
    born = person.fields.birthday
    day = next_birthday_or_none(born, today) if born is not None else None
    if born is None or day is None:
        return None
    turns = day.year - born.year if born.year else None
    return BirthdayItem(person, day, (day - today).days, turns if turns and turns > 0 else None)


def birthday(person: Person, today: date) -> BirthdayItem | None:
    """The next birthday, when it is on the agenda: 0 to 14 days from today."""
    found = next_birthday(person, today)
    return found if found is not None and found.days_until <= BIRTHDAY_HORIZON_DAYS else None


def _name_key(person: Person) -> tuple[str, str]:
    return (sort_key(person.name), person.path)


_Items = tuple[StayInTouch | None, Outreach | None, tuple[Promise, ...], BirthdayItem | None,
               ReplyOwed | None]


def _items(person: Person, today: date, settings: Settings, note_of: NoteOf | None) -> _Items:
    return (stay_in_touch(person, today, settings, note_of), outreach(person, today, settings),
            tuple(promises(person, today)), birthday(person, today), reply_owed(person, today))


# Each list's order, most urgent first, then by name (`_name_key` makes every key unique).
def _due_key(i: StayInTouch) -> tuple[object, ...]:
    # Most overdue first; people never contacted after them, by name.
    return (i.days_overdue is None, -(i.days_overdue or 0), *_name_key(i.person))


def _waiting_key(i: Outreach) -> tuple[object, ...]:
    return (i.action != "follow-up", -i.days_waiting, *_name_key(i.person))


def _promise_key(i: Promise) -> tuple[object, ...]:
    return (i.due, *_name_key(i.person), i.line)


def _birthday_key(i: BirthdayItem) -> tuple[object, ...]:
    return (i.days_until, *_name_key(i.person))


def _owed_key(i: ReplyOwed) -> tuple[object, ...]:
    return (-i.days_waiting, *_name_key(i.person))


_Item = StayInTouch | Outreach | Promise | BirthdayItem | ReplyOwed
_Row = tuple[tuple[object, ...], _Item]
# A person's rows in plain values, as the parse cache keeps them: each row's list's number, then
# its item's values after the person (see `kept_rows`).
KeptRows = tuple[tuple[object, ...], ...]


class AgendaMemo:
    """The agenda's lists of the build before, for the same day and settings: a person who is
    the same object as then is not worked out again, nor sorted in again (see `SortedRows`).

    The five lists are kept as one, each row's key led by its list's number, so that a person's
    items are worked out once, in one pass over everyone, and each list is a run of it.

    A sync from the parse cache starts from each person's rows as the cache kept them, for the
    people whose note and interactions are those they were worked out from (`carry`)."""

    def __init__(self) -> None:
        self.rows: SortedRows[_Item] = SortedRows(self._rows_of)
        # The rows the cache kept, by path, under the digest of the names, aliases and people
        # their interactions were resolved with, and the day and settings they were worked out
        # for; then, once carried, those still good, until each is taken.
        self.saved: tuple[str, tuple[date, Settings], dict[str, object]] | None = None
        self.carried: dict[str, object] = {}
        self._carried_for: tuple[date, Settings] | None = None
        # What the cache kept of the rows made from it, with the person they were made for (and
        # the rows): saved again as it is.
        self._taken: dict[str, tuple[Person, object, list[_Row]]] = {}
        # Each person's note, for the plans in it (see `planned`): a person's note is theirs as
        # long as they are the same object, so their rows stay good with it.
        self.note_of: NoteOf | None = None

    def carry(self, since: SinceSaved | None, people: Iterable[Person]) -> None:
        """Keep of the rows saved those of `people` whose note and interactions are the same
        (`since`: what the index found may differ since they were saved; None, anything). A
        person the cache kept no rows for had none."""
        saved, self.saved = self.saved, None
        if saved is None or since is None or saved[0] != since.digest:
            self.carried, self._carried_for = {}, None
            return
        _, self._carried_for, rows = saved
        changed = since.people
        self.carried = {person.path: rows.get(person.path, ()) for person in people
                        if person.path not in changed}

    def kept(self) -> dict[str, object]:
        """Each person's rows as the parse cache keeps them (`KeptRows`), for those who have any:
        those made from what the cache kept, as it kept them."""
        taken = self._taken
        return {person.path: found[1] if (found := taken.get(person.path)) is not None
                and found[0] is person else kept_rows(rows)
                for person, rows in self.rows.made() if rows}

    def taken(self) -> Iterator[tuple[str, list[_Item]]]:
        """The items of each person whose rows were made from the very rows the cache kept
        (see `carry`): by path, in the order of their rows as kept. (What was rendered of them
        can be taken from the sync that kept them: see `vaultnet.render.context.PagesMemo`; an
        item no longer on the agenda is rendered by nobody.)"""
        for path, (_, _, rows) in self._taken.items():
            yield path, [item for _, item in rows]

    def fit(self, context: tuple[date, Settings], plans: bool) -> None:
        """Let go of the rows carried unless they were worked out for `context` (the day and
        settings of this build) and with each person's plans (`plans`: those the cache keeps
        were, as every sync gives each person's note): once a build, not once a person."""
        if self.carried and (context != self._carried_for or not plans):
            self.carried = {}
        self._carried_for = None

    def _rows_of(self, person: Person, context: tuple[date, Settings, bool]) -> Sequence[_Row]:
        kept = self.carried.pop(person.path, None) if self.carried else None
        if kept is not None:  # (worked out for this very context: see `fit`)
            if kept == ():  # (most people: no row)
                return ()
            rows = _rows_from(person, kept)
            if rows is not None:
                self._taken[person.path] = person, kept, rows
                return rows
        return _rows(person, context[:2], self.note_of)


def agenda_rows(everyone: Iterable[Person], today: date, settings: Settings,
                note_of: NoteOf | None) -> dict[str, KeptRows]:
    """Each person's rows of the agenda for `today`, as the parse cache keeps them (`kept_rows`),
    for those who have any: worked out in a process of its own (`AgendaMemo.kept` gives those
    of a build). `note_of`: each person's note, as for `build_agenda`."""
    return {person.path: kept_rows(rows) for person in everyone
            if (rows := _rows(person, (today, settings), note_of))}


def _rows(person: Person, context: tuple[date, Settings], note_of: NoteOf | None) -> list[_Row]:
    """A person's rows of the five lists, each key led by its list's number."""
    due, waiting, promised, birthday_item, owed = _items(person, *context, note_of)
    items: list[tuple[int, _Item]] = []
    if due:
        items.append((0, due))
    if waiting:
        items.append((1, waiting))
    items += [(2, promise) for promise in promised]
    if birthday_item:
        items.append((3, birthday_item))
    if owed:
        items.append((4, owed))
    return _keyed(items)


_KEYS: tuple[Callable[[Any], tuple[object, ...]], ...] = (
    _due_key, _waiting_key, _promise_key, _birthday_key, _owed_key)
_KINDS: tuple[type, ...] = (StayInTouch, Outreach, Promise, BirthdayItem, ReplyOwed)
# Each kind's values after the person, by the types they may have, as `kept_rows` keeps them.
_KEPT_TYPES: tuple[frozenset[tuple[type, ...]], ...] = tuple(
    frozenset(itertools.product(*types)) for types in (
        ((int,), (date, type(None)), (int, type(None)), (date, type(None))),
        ((date,), (int,), (int,), (str,), (int,)),
        ((str,), (date,), (bool,), (int,), (int,), (bool,)),
        ((date,), (int,), (int, type(None))),
        ((date,), (int,), (str,), (int,))))


def _keyed(items: list[tuple[int, _Item]]) -> list[_Row]:
    """Rows of `items` (each with its list's number), each key led by that number."""
    return [_row(kind, item) for kind, item in items]


def _row(kind: int, item: _Item) -> _Row:
    """The row of an item of the list numbered `kind`: its key led by that number."""
    return (kind, *_KEYS[kind](item)), item


# What gives each kind's values after the person, in order.
_VALUES = tuple(operator.attrgetter(*(f.name for f in fields(kind)[1:])) for kind in _KINDS)


def kept_rows(rows: Sequence[_Row]) -> KeptRows:
    """A person's rows in plain values: each row's list's number, then its item's values after
    the person (`_rows_from` makes them rows again)."""
    kinds: list[int] = [key[0] for key, _ in rows]  # type: ignore[misc]  # (see `_keyed`)
    return tuple((kind, *_VALUES[kind](item)) for kind, (_, item) in zip(kinds, rows, strict=True))


def _rows_from(person: Person, kept: object) -> list[_Row] | None:
    """`person`'s rows from what `kept_rows` gave; None if `kept` is anything else (a damaged
    cache: the rows are worked out again)."""
    if not isinstance(kept, tuple):
        return None
    rows: list[_Row] = []
    for row in kept:
        if not (type(row) is tuple and row and type(kind := row[0]) is int
                and 0 <= kind < len(_KINDS)
                and tuple(map(type, values := row[1:])) in _KEPT_TYPES[kind]):
            return None
        rows.append(_row(kind, _KINDS[kind](person, *values)))
    return rows


def build_agenda(graph: Graph, today: date, settings: Settings, memo: AgendaMemo | None,
                 note_of: NoteOf | None) -> Agenda:
    """The agenda for `today`, each list sorted most urgent first, then by name.

    With a `memo`, a person who is the same object as in the build before is not worked out again.
    `note_of` gives each person's note, for the meeting planned with those due to stay in touch
    (None: no plan is looked for; asked of every caller, since rows worked out without plans
    are no rows for a build with them).
    """
    memo = memo or AgendaMemo()
    plans = note_of is not None
    memo.fit((today, settings), plans)
    memo.note_of = note_of
    # (Whether plans are looked for is part of the rows' context: a person's rows worked out
    # without their note are worked out again when it is given.)
    memo.rows.update(people(graph), (today, settings, plans))
    due, waiting, promised, birthdays, owed = memo.rows.runs(5)
    # (Each run holds its own list's rows: `_rows` leads each key with its list's number.)
    return Agenda(today, due, waiting, promised, birthdays, owed)  # type: ignore[arg-type]


def agenda_json(agenda: Agenda) -> dict[str, object]:
    """The agenda in the shape PRODUCT.md gives for `vaultnet due --json`."""

    def who(person: Person) -> dict[str, object]:
        return {"person": person.name, "path": person.path}

    return {
        "today": agenda.today.isoformat(),
        "replies": [
            {**who(i.person), "received": i.received.isoformat(), "days_waiting": i.days_waiting,
             "text": i.text, "more": i.more}
            for i in agenda.replies],
        "stay_in_touch": [
            {**who(i.person), "last_contact": i.last_contact.isoformat() if i.last_contact
             else None, "cadence_days": i.cadence_days, "days_since": i.days_since,
             "days_overdue": i.days_overdue, "role": i.person.role,
             "planned": i.planned.isoformat() if i.planned else None}
            for i in agenda.stay_in_touch],
        "outreach": [
            {**who(i.person), "last_outreach": i.last_outreach.isoformat(),
             "days_waiting": i.days_waiting, "followups_sent": i.followups_sent,
             "action": i.action}
            for i in agenda.outreach],
        "promises": [
            {**who(i.person), "text": i.text, "due": i.due.isoformat(), "overdue": i.overdue,
             "line": i.line, "days_overdue": i.days_overdue, "theirs": i.theirs}
            for i in agenda.promises],
        "birthdays": [
            {**who(i.person), "date": i.date.isoformat(), "days_until": i.days_until,
             "turns": i.turns}
            for i in agenda.birthdays],
    }
