"""Interactions read from mail and calendar exports, written into person notes as log lines.

The readers (`sources/mail.py`, `sources/calendar.py`) turn an export into sightings: this person,
this day, this kind, this subject. Here they become at most one line per person, day and kind,
added to the person's log through the same change `vaultnet log` makes (one line added,
every other byte kept, the note re-read to check it, a compare-and-swap write). A line is planned
only when the person's notes hold no interaction of that day and kind yet, whoever wrote it, so an
import run twice, or a newer export that overlaps an older one, adds only what is new; nothing but
the line itself is written (no hidden ids).
"""

from __future__ import annotations

import re
import shlex
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parseaddr
from pathlib import Path

from vaultnet.base.conventions import Conventions
from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Person, Problem
from vaultnet.base.person_names import CJK, clean_name, given_first, name_keys
from vaultnet.base.settings import load_settings
from vaultnet.base.text import CONTROL, HIDDEN, plural, sort_key
from vaultnet.edits.lines import change_note
from vaultnet.edits.log_entry import (
    NO_LOG,
    check_logged,
    insert_log_line,
    insert_log_lines,
    log_line,
)
from vaultnet.network.index import VaultIndex, unread_frontmatter
from vaultnet.network.twins import NameTable
from vaultnet.parse.links import MARKDOWN_LINK
from vaultnet.read.obsidian import read_conventions
from vaultnet.sources.contact_import import named_notes

# The kinds an import writes, in the order a day's lines go into a note. `email` is a plain
# interaction (your answer to their mail), tagged #email so that it reads as one.
KINDS = ("met", "received", "reply", "email", "outreach")
_TAG_OF = {"met": ((("met",), ())), "received": ((), ("received",)), "reply": (("reply",), ()),
           "email": ((), ("email",)), "outreach": (("outreach",), ())}
MAX_TEXT = 120  # characters of a subject kept as a line's text
_TAGLIKE = re.compile(r"#(?=[\w/-]*[^\W\d])")  # a `#` that would start a tag Obsidian reads
# What would make a subject more than text in a note: a link, a comment, a code span.
_MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^()<>\s]*)>?\s*\)")  # its target
_MAILTO = re.compile("mailto:", re.IGNORECASE)
_CJK_LETTER = re.compile(f"[{CJK}]")  # a name in a script written without spaces
_MARKUP = {"[[": "[", "]]": "]", "%%": "%", "<!--": "<!-", "-->": "->", "`": "'"}
# A `](`, that closes a Markdown link, with the backslashes before it: an odd number escapes it.
_LINK_CLOSE = re.compile(r"(\\*)\](?=\()")
_ESCAPED_BACKSLASH = re.compile(r"\\\\")


def normal_address(address: str) -> str:
    """An email address as compared: the bare address, trimmed and case-folded, also when a note
    writes it as a link (`mailto:bob@x`, `[bob@x](mailto:bob@x)`, `<bob@x>`) or with a name
    (`Bob Ray <bob@x>`)."""
    text = address.strip()
    if text.startswith("[") and (link := _MARKDOWN_LINK.fullmatch(text)) is not None:
        text = link[1]
    if ":" in text:  # (`mailto:bob@x?subject=Hi`)
        text = _MAILTO.sub("", text).partition("?")[0]
    if any(c in text for c in " <(\""):
        text = parseaddr(text)[1] or text
    return text.strip().strip("<>").strip().casefold()


def line_text(subject: str) -> str:
    """A subject or an event's title as the text of a log line: one line, no control or hidden
    characters, no markup that would link someone, hide a line or add a kind, at most 120
    characters."""
    text = " ".join(HIDDEN.sub("", CONTROL.sub(" ", subject)).split())
    for markup, plain in _MARKUP.items():
        while markup in text:
            text = text.replace(markup, plain)
    text = _TAGLIKE.sub("", text).strip()
    if "](" in text:
        text = _no_links(text)
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT - 1].rstrip() + "…"
    return text or "(no subject)"


def _no_links(text: str) -> str:
    """`text` with each Markdown link's brackets escaped (`\\[our call\\](Carl%20Yu.md)`): Obsidian
    shows the same text, and neither it nor vaultnet reads a link in it."""
    # The `[` of each link vaultnet reads (`parse.links`), found with each `\\` set aside as two
    # NULs (no subject holds one now): to Obsidian it is an escaped backslash, and `\\[z](w)` a
    # link. Then every `](`, which also closes a link whose text holds one (`[a \[b\](x)](y)`).
    opens = [found.start("text") - 1 for found in
             MARKDOWN_LINK.finditer(_ESCAPED_BACKSLASH.sub("\0\0", text))]
    for at in reversed(opens):
        text = f"{text[:at]}\\{text[at:]}"

    def escape(found: re.Match[str]) -> str:
        return found[0] if len(found[1]) % 2 else f"{found[1]}\\]"

    return _LINK_CLOSE.sub(escape, text)


@dataclass(frozen=True)
class Sighting:
    """One interaction found in an export: who, on which day (vault-local), of which kind."""

    path: str  # the person's note
    day: date
    kind: str  # one of KINDS
    text: str
    when: datetime | None = None  # to keep the day's first one; None for an all-day event


class Yours(frozenset[str]):
    """Your addresses, bare (`normal_address`). An address tagged with `+` (`sam+work@x`, which
    Gmail, Outlook and Fastmail deliver to `sam@x`) is yours when the untagged one is."""

    __slots__ = ()

    def __contains__(self, address: object) -> bool:
        if super().__contains__(address):
            return True
        if not isinstance(address, str) or "+" not in address:
            return False
        local, at, domain = address.rpartition("@")
        return bool(at) and super().__contains__(local.partition("+")[0] + "@" + domain)


@dataclass
class AddressBook:
    """Whose addresses are whose: yours (the profile's `email` and settings' `me`), and each
    person's `email` field. An address in two people's notes belongs to neither (reported)."""

    mine: Yours
    people: dict[str, str]  # address: person path
    names: dict[str, str]  # person path: note name
    shared: dict[str, tuple[str, ...]] = field(default_factory=dict)  # address: person paths
    named: dict[str, str] = field(default_factory=dict)  # a name or alias (`name_keys`): person path
    # The person notes whose frontmatter could not be read (their `email` is not known), with why.
    unread: tuple[Problem, ...] = ()
    persons: dict[str, Person] = field(default_factory=dict)  # person path: what the notes hold
    # Those names, then the same with case, accents and apostrophes set aside (`folded_name`),
    # tried only when no name matches as written (see `NameTable`).
    _names: NameTable[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._names = NameTable(self.named.items())

    def person(self, address: str) -> str | None:
        return self.people.get(address)

    def named_person(self, name: str) -> str | None:
        """The note of the person a display name names, matched as `vaultnet import` matches a
        contact's name (a note's name or alias; `Schmidt, Anna` is Anna Schmidt; else one that
        is the name but for case, accents or apostrophes, as `vaultnet add` would refuse it). A
        name of one word (`"Ben" <ben@stranger.org>`) names no one: a first name or a nickname
        is shared by strangers (a name in a script written without spaces, `山田太郎`, is whole)."""
        if len(name.split()) < 2 and not _CJK_LETTER.search(name):
            return None
        return self._names.find(name_keys(name))

    def problems(self) -> list[Problem]:
        """An address two notes hold: its mail and meetings are nobody's until one of them
        drops it. A person note whose frontmatter could not be read: its `email` is not known,
        so neither are its person's mail and meetings (and an address of theirs may be offered
        as a stranger's, or as one to add to that very note)."""
        return [Problem(paths[0], None, f"the email {address} is also in "
                        + ", ".join(paths[1:]), "keep it in one person's note; its mail and "
                        "meetings were not logged") for address, paths in sorted(self.shared.items())
                ] + [Problem(why.path, why.line, "its frontmatter cannot be read, so its `email` "
                             "is not known: its person's mail and meetings were not logged",
                             "fix it (`vaultnet check` names the line and why), then import again")
                     for why in self.unread]


def address_book(index: VaultIndex, root: Path, extra_mine: Iterable[str] = ()) -> AddressBook:
    """The vault's addresses: yours from the profile, the settings and `extra_mine`; theirs from
    the person notes."""
    yours = [normal_address(a) for a in extra_mine]
    if index.profile is not None:
        yours += (normal_address(a) for a in index.profile.fields.emails)
    yours += (normal_address(a) for a in load_settings(root).me)
    mine = Yours(a for a in yours if a)
    owners: dict[str, set[str]] = defaultdict(set)
    for person in index.people:
        for address in person.fields.emails:
            if normal_address(address) and normal_address(address) not in mine:
                owners[normal_address(address)].add(person.path)
    people = {a: next(iter(p)) for a, p in owners.items() if len(p) == 1}
    shared = {a: tuple(sorted(p)) for a, p in owners.items() if len(p) > 1}
    notes = {note.path: note for note in index.notes}
    unread = tuple(why for person in index.people if (note := notes.get(person.path)) is not None
                   and (why := unread_frontmatter(note)) is not None)
    return AddressBook(mine, people,
                       {p.path: p.name for p in index.people}, shared, named_notes(index.people),
                       unread, {p.path: p for p in index.people})


def display_name(name: str) -> str:
    """A name as a message or an event gives it, without the quotes around it: a pair around
    the whole (`"Ray, Bob"`, `'Bob Ray'`), or one at an end that no other of its kind answers
    (`"Bob Ray`); a part quoted inside it is the name's own (`Doe, Jane "JD"`, `John "Jack"
    Doe`: a name's quoted pairs, once decoded)."""
    name = " ".join(name.split())
    while len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"":
        name = name[1:-1].strip()
    for mark in "'\"":
        if name.count(mark) == 1 and (name[0] == mark or name[-1] == mark):
            name = name.strip(mark).strip()
    return name


def count_stranger(report: ImportReport, address: str, name: str) -> None:
    """Count an address of nobody in the vault, with the first name seen with it, to offer the
    most frequent as people to add."""
    report.unknown[address] += 1
    name = display_name(name)
    if name and name != address and address not in report.unknown_names:
        report.unknown_names[address] = name


def name_strangers(report: ImportReport, book: AddressBook) -> None:
    """For the correspondents offered (`suggestions`), the note of the person the vault has
    whose name or alias their name is (but for case, accents or apostrophes: `vaultnet add`
    would refuse it): the address belongs there, not in a new note."""
    for name, address, _, _ in report.suggestions():
        note = book.named_person(name) if name else None
        if note is not None:
            report.unknown_notes[address] = note
    report.unread_notes = frozenset(why.path for why in book.unread)


@dataclass(frozen=True)
class Planned:
    """A line to add to a person's note."""

    path: str
    day: date
    kind: str
    line: str


NAMED_BROKEN = 3  # unreadable messages or events named in a report; the others counted in one line


@dataclass
class ImportReport:
    """What an import read and what it wrote (or, in a dry run, would write)."""

    source: str
    read: int = 0  # messages or events read
    broken: int = 0  # could not be read: counted and skipped
    duplicates: int = 0  # the same Message-ID seen again
    bulk: int = 0  # mailing lists, no-reply senders, automatic mail: nobody's
    unmatched: int = 0  # read, but nobody of the vault's (and not from you) took part
    undated: int = 0
    future: int = 0  # dated after today
    older: int = 0  # before --since
    planned: list[Planned] = field(default_factory=list)
    held: int = 0  # sightings the notes hold already (that day and kind)
    unknown: Counter[str] = field(default_factory=Counter)  # address: messages or events
    unknown_names: dict[str, str] = field(default_factory=dict)  # address: a name seen with it
    unknown_notes: dict[str, str] = field(default_factory=dict)  # address: its name's note
    unread_notes: frozenset[str] = frozenset()  # person notes whose frontmatter was not read
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # paths of the notes changed
    not_written: list[str] = field(default_factory=list)  # paths of notes a write failed for
    new_logs: list[str] = field(default_factory=list)  # paths of notes given a `## Log` at their end
    named_broken: int = 0  # of those that could not be read, those named in `problems`

    def unreadable(self, file: str, what: str, why: str) -> None:
        """Count a message or an event that cannot be read (`what`, in the file `file`), and name
        the first few (`NAMED_BROKEN`) with `why`; `unnamed_unreadable` counts the others."""
        self.broken += 1
        if self.named_broken < NAMED_BROKEN:
            self.named_broken += 1
            self.problems.append(Problem(file, None, f"{what} cannot be read: {why}; it was "
                                         "skipped", ""))

    def unnamed_unreadable(self, source: str, kind: str) -> None:
        """One problem for the items of `kind` that could not be read and were not named."""
        if (unnamed := self.broken - self.named_broken) > 0:
            more = plural(unnamed, f"more unreadable {kind}")
            self.problems.append(Problem(source, None, f"and {more}, skipped too (only the "
                                         "first few are named)", ""))

    def planned_by_note(self) -> dict[str, list[Planned]]:
        """The lines planned, by the path of the note each goes into, in the order planned."""
        by_note: dict[str, list[Planned]] = defaultdict(list)
        for planned in self.planned:
            by_note[planned.path].append(planned)
        return by_note

    def suggestions(self, count: int = 5) -> list[tuple[str, str, int, str | None]]:
        """The most frequent unknown correspondents as (name, address, times, the note of the
        person their name names or None), most first."""
        top = sorted(self.unknown.items(), key=lambda item: (-item[1], item[0]))[:count]
        return [(self.unknown_names.get(address, ""), address, n, self.unknown_notes.get(address))
                for address, n in top]

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source, "read": self.read, "broken": self.broken,
            "duplicates": self.duplicates, "bulk": self.bulk, "unmatched": self.unmatched,
            "undated": self.undated, "future": self.future, "older": self.older,
            "held": self.held,
            "lines": [{"path": p.path, "day": p.day.isoformat(), "kind": p.kind, "line": p.line}
                      for p in self.planned],
            "unknown": [{"name": name, "address": address, "count": n, "note": note}
                        for name, address, n, note in self.suggestions()],
            "problems": [p.as_dict() for p in self.problems],
        }


def _held(person: Person) -> set[tuple[date, str]]:
    """The (day, kind) pairs the person's notes hold; a line with no kind is a plain one (`email`)."""
    held: set[tuple[date, str]] = set()
    for interaction in person.interactions:
        kinds = interaction.kinds or {"email"}
        held.update((interaction.day, kind) for kind in kinds)
    return held


def plan_lines(index: VaultIndex, sightings: Iterable[Sighting], report: ImportReport) -> None:
    """Choose the lines to add: one per person, day and kind (the day's first sighting, by time),
    none the notes hold already; sorted by note, day and kind."""
    first: dict[tuple[str, date, str], Sighting] = {}
    for seen in sightings:
        group = (seen.path, seen.day, seen.kind)
        known = first.get(group)
        if known is None or _order(seen) < _order(known):
            first[group] = seen
    people = {p.path: p for p in index.people}
    held = {path: _held(person) for path, person in people.items()}
    for path, day, kind in sorted(first, key=lambda g: (g[0], g[1], KINDS.index(g[2]))):
        if (day, kind) in held.get(path, set()):
            report.held += 1
            continue
        tags, free = _TAG_OF[kind]
        line = log_line(day, first[(path, day, kind)].text, tags, free)
        report.planned.append(Planned(path, day, kind, line))


def _order(seen: Sighting) -> tuple[float, str]:
    return (seen.when.timestamp() if seen.when is not None else 0.0, seen.text)


def write_lines(root: Path, report: ImportReport, dry_run: bool = False) -> None:
    """Add each person's planned lines to their note, one checked write per note: all its lines
    in one pass (`insert_log_lines`), the note read back once with all of them (`check_logged`),
    then written once. A note that cannot take them is reported and left as it was; the others
    are still written. A dry run does the same and stops before writing each note."""
    conventions = read_conventions(root, load_settings(root))
    by_note = report.planned_by_note()
    made_log: set[str] = set()  # the notes a `## Log` section was made in for the lines
    for path, lines in sorted(by_note.items()):

        def add(before: bytes, lines: list[Planned] = lines, path: str = path) -> bytes:
            try:
                after, numbers, new_section = insert_log_lines(
                    before, [planned.line for planned in lines], path, conventions.log_titles,
                    conventions.daily)
                check_logged(path, before, after, dict(zip(numbers, (p.day for p in lines),
                                                           strict=True)), conventions)
            except VaultnetError:  # (refused as when the lines were added one at a time)
                after, new_section = _one_at_a_time(path, before, lines, conventions)
            if new_section:
                made_log.add(path)
            return after

        try:
            change_note(root, path, add, "importing into", dry_run)
        except VaultnetError as err:  # (its message names the note, and says nothing was written)
            report.problems.append(Problem(path, None, err.message, ""))
            report.not_written.append(path)
            continue
        report.written.append(path)
        if path in made_log:
            report.new_logs.append(path)


def _one_at_a_time(path: str, before: bytes, lines: list[Planned], conventions: Conventions
                   ) -> tuple[bytes, bool]:
    """`before` with `lines` added one at a time and checked together, which `insert_log_lines`
    does in one pass: what a note that cannot take them is refused for, word for word."""
    data, added, made = before, dict[int, date](), False
    for planned in lines:
        data, number, new_section = insert_log_line(data, planned.line, path,
                                                    conventions.log_titles, conventions.daily)
        # (A line put in at `number` moves those from there down one; one made at the end, after
        # a `## Log` made for it or not, moves none.)
        added = {n + 1 if n >= number else n: day for n, day in added.items()}
        added[number] = planned.day
        made = made or new_section
    check_logged(path, before, data, added, conventions)
    return data, made


def _problem_line(problem: Problem) -> str:
    """A problem as one line, naming its note once."""
    text = problem.message if problem.message.startswith(problem.path) \
        else f"{problem.path}: {problem.message}"
    return f"{text}; {problem.hint}" if problem.hint else text


def report_lines(report: ImportReport, what: str, dry_run: bool, names: dict[str, str]) -> list[str]:
    """The report for a terminal: what was read, each person's lines, the unknown correspondents
    most worth adding (as the `vaultnet add` command that would add them), and the problems."""
    skipped = [f"{report.duplicates} seen twice" if report.duplicates else "",
               f"{report.bulk} from lists or machines, spam or drafts" if report.bulk else "",
               f"{report.broken} unreadable" if report.broken else "",
               f"{report.undated} undated" if report.undated else "",
               f"{report.future} after today" if report.future else "",
               f"{report.older} before --since" if report.older else ""]
    lines = [f"{report.source}: {plural(report.read, what)} read"
             + (f" ({', '.join(s for s in skipped if s)})" if any(skipped) else "")]
    written = set(report.written)
    by_note = report.planned_by_note()
    failed = set(report.not_written)
    not_written = "would not be written" if dry_run else "not written"
    for path, mine in sorted(by_note.items(),
                             key=lambda item: (sort_key(names.get(item[0], "")), item[0])):
        lines.append(f"{names.get(path, path)} ({path})" + (f", {not_written}:" if path in failed
                                                              else ""))
        lines += [f"  {p.line}" for p in mine]
        if path in report.new_logs:
            lines.append(f"  in a new `## Log` section at the end of the note, which had {NO_LOG}")
    lines += [_problem_line(problem) for problem in report.problems]
    done = [p for p in report.planned if p.path in written]
    notes = len({p.path for p in done})
    unwritten = len(report.planned) - len(done)
    lines.append(f"{'Would add' if dry_run else 'Added'} {plural(len(done), 'line')} to "
                 f"{plural(notes, 'note')}; {report.held} already in the notes"
                 + (f"; {plural(unwritten, 'line')} {not_written}." if unwritten else "."))
    if report.unknown:
        lines.append(f"{plural(len(report.unknown), 'address', 'addresses')} of nobody in the "
                     "vault; the most frequent, to add if you know them:")
        for name, address, count, note in report.suggestions():
            if note in report.unread_notes:  # (its `email` may hold the address: named above)
                lines.append(f"  {address} may be {note}'s already, whose frontmatter cannot be "
                             f"read (above)  # {plural(count, what)}")
                continue
            if note is not None:  # someone the vault has, under another address
                lines.append(f"  add {address} to the email field of {note}  # {plural(count, what)}")
                continue
            who = given_first(clean_name(name)) if name else address.partition("@")[0]
            lines.append(f"  vaultnet add {shlex.quote(who)} --email {shlex.quote(address)}"
                         f"  # {plural(count, what)}")
    return lines
