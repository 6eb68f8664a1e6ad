"""`vaultnet log`: one dated line inserted right after a person's last log entry, every other byte
kept; and the inserting of one line where a placement rule says (`insert_line`), which `vaultnet
promise` shares."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from vaultnet.base.conventions import LOG_TITLES, Conventions, DailyNotes
from vaultnet.base.errors import VaultnetError
from vaultnet.base.settings import load_settings
from vaultnet.base.text import lone_cr_as_lf
from vaultnet.edits.lines import LINE, body_start, change_note, ending, one_line
from vaultnet.network.index import VaultIndex, find_person
from vaultnet.parse.links import find_tags, without_code
from vaultnet.parse.note import (
    COMMENT,
    COMMENT_CLOSES,
    KINDS,
    QUOTE_MARK,
    QUOTE_MARKS,
    blank_code,
    comment_left_open,
    hidden_from,
    names_the_log,
    opens_log_callout,
    parse_note,
    person_entries,
)
from vaultnet.read.obsidian import read_conventions

_TAG = re.compile(r"[\w/\-]*[^\W\d][\w/\-]*")  # as Obsidian reads a tag
# An ATX heading's text once its indentation is set aside (`##` alone is an empty heading).
# (Its text's trailing white space is taken off after: a lazy text before it would try each
# space of a long run against the rest of the run.)
_ATX = re.compile(r"(#{1,6})(?:[ \t]+(.*))?$")
_SETEXT = re.compile(r"(=+|-+)[ \t]*$")  # (the same, for a setext heading's underline)
# What starts a block in the middle of a paragraph: a quote, or a list item with text whose
# list is a bullet list or one numbered from 1 (`2026. was a good year` runs the paragraph on).
_INTERRUPT = re.compile(r" {0,3}(?:(?:[-*+]|0{0,8}1[.)])[ \t]+\S|>)")
_RULE = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$")
_FENCE_LINE = re.compile(r"[ \t]*(?:`{3,}|~{3,})")  # (what `blank_code` leaves of a code block)
_ITEM = re.compile(r"([ \t]*)([-*+]|\d+[.)])(?:[ \t]|$)")  # a list item: indentation, marker
_BULLET = "- "  # (what `log_line` writes before the date, and where no list is continued)
_ENTRY_HEADING = re.compile(r"[ \t]*(#{1,6})[ \t]")  # a dated entry that is a heading: its level
# What a mark that is never closed opens, and what would close it.
_OPENS = {mark: (what, f"`{COMMENT_CLOSES[mark]}`")
          for mark, what in (("%%", "a comment (`%%`)"), ("<!--", "an HTML comment (`<!--`)"))}
# The kinds that contradict `#outreach` on one line, and why. Outreach waits for their answer:
# `#reply` says it came, `#received` that they wait for yours; and a line with `#outreach` is read
# as outreach alone, so a `#met` or `#call` on it would never count as meeting them. (`#reply` and
# `#received` go together: they answered and wait for your answer, and the agenda reads both.)
_CONTRADICTING = {
    "reply": "a line is outreach (you wait for their answer) or their reply, not both",
    "received": "a line is outreach (you wait for their answer) or their message that waits for "
                "yours, not both",
    "met": "a line with #outreach is read as outreach alone, so the meeting would not count; log "
           "them as two lines",
    "call": "a line with #outreach is read as outreach alone, so the call would not count; log "
            "them as two lines",
}
# Why a note gets a `## Log` at its end: what `vaultnet log` and an import say when they make one.
NO_LOG = "no Log section (a heading titled Log, Logs or Interactions) and no dated entry"


@dataclass(frozen=True)
class Logged:
    path: str
    line: int  # 1-based, in the note as written now
    text: str  # that line as written (its list marker, its quote marks), without its line end
    new_section: bool = False  # the line is in a `## Log` made for it at the note's end


def log_line(day: date, text: str, tags: tuple[str, ...], free: tuple[str, ...] = ()) -> str:
    """`- 2026-11-25 Coffee at the lab #met #sensors`: the kinds in a fixed order, then `free`
    tags as given; none twice, none the text has already. Text that opens a comment and does not
    close it (`%% …`, `<!-- …`) is refused: Obsidian would hide the line and every one after it."""
    text = one_line(text, "the text to log")
    refuse_comment_left_open(text, "the text to log")
    present = set(find_tags(text))
    added = [tag for tag in KINDS if tag in tags and tag not in present]
    for tag in free:
        tag = tag.removeprefix("#")
        if not _TAG.fullmatch(tag):
            raise VaultnetError(f"--tag {tag!r} is not a tag Obsidian reads: use letters, digits, "
                                "_, - and / (for nesting), with at least one letter, no spaces")
        if tag.casefold() not in present and tag.casefold() not in {t.casefold() for t in added}:
            added.append(tag)
    return " ".join([_BULLET + day.isoformat(), text, *(f"#{tag}" for tag in added)])


def refuse_comment_left_open(text: str, what: str) -> None:
    """Refuse text that opens a comment (`%% …`, `<!-- …`) and does not close it: Obsidian would
    hide its line and every one after it."""
    mark = comment_left_open(text)
    if mark is not None:
        raise VaultnetError(f"{what} opens {_OPENS[mark][0]} that is never closed on its line, so "
                            "Obsidian would hide the line and every line after it; nothing was "
                            f"written. Close it with {_OPENS[mark][1]} or leave it out: {text!r}")


def contradiction(kinds: list[tuple[str, str]]) -> tuple[str, str, str] | None:
    """Of the kinds asked for a line, each with where it was asked (`("reply", "--reply")`, in
    the order asked), the first two that contradict each other (`_CONTRADICTING`), outreach
    first, and why; None if they go together."""
    for kind, asked in kinds:
        if kind != "outreach":
            continue
        for other, other_asked in kinds:
            if other in _CONTRADICTING:
                return asked, other_asked, _CONTRADICTING[other]
    return None


def check_kinds(text: str, tags: tuple[str, ...], free: tuple[str, ...]) -> str | None:
    """Why the kinds asked for a log line contradict each other (`contradiction`), of those of
    its TEXT's tags, its kind options (`tags`, `("reply",)`) and its other tags (`free`, as given
    with `--tag`), each named as it was asked; None if they go together."""
    asked = [(tag.partition("/")[0], f"#{tag} in TEXT") for tag in sorted(find_tags(text))]
    asked += [(tag, f"--{tag}") for tag in tags]
    asked += [(tag.removeprefix("#").partition("/")[0].casefold(), f"--tag {tag}") for tag in free]
    found = contradiction([(kind, how) for kind, how in asked if kind in KINDS])
    if found is None:
        return None
    return f"{found[0]} and {found[1]} contradict each other: {found[2]}; nothing was written"


def log_entry(root: Path, index: VaultIndex, name: str, line: str, day: date) -> Logged:
    """Add `line` to the log of the note of the person `name` means (`insert_log_line`)."""
    person = find_person(index, name)
    conventions = read_conventions(root, load_settings(root))
    added: list[Logged] = []

    def add(before: bytes) -> bytes:
        after, number, new_section = insert_log_line(before, line, person.path,
                                                     conventions.log_titles, conventions.daily)
        check_log(person.path, before, after, number, day, conventions)
        added.append(Logged(person.path, number, line_at(after, number), new_section))
        return after

    change_note(root, person.path, add, "adding to")
    return added[0]


def line_at(data: bytes, number: int) -> str:
    """Line `number` (from 1) of a note's bytes, as `insert_log_line` counts them, without its
    line end or a byte-order mark."""
    line: str = LINE.findall(data.decode("utf-8").removeprefix("\ufeff"))[number - 1]
    return line.rstrip("\r\n")


def check_log(path: str, before: bytes, after: bytes, number: int, day: date,
               conventions: Conventions) -> None:
    """The note as it will be must read back as it was, plus the new entry at `number`."""
    check_logged(path, before, after, {number: day}, conventions)


def check_logged(path: str, before: bytes, after: bytes, added: dict[int, date],
                 conventions: Conventions) -> None:
    """The note as it will be must read back as it was, plus a new entry at each line number of
    `added` (as numbered in `after`), dated as it says. (One check of a note that takes many
    lines, as `import` adds them: each line checked apart read the note twice per line.)"""
    old = parse_note(path, before.decode("utf-8").removeprefix("\ufeff"), conventions)
    new = parse_note(path, after.decode("utf-8").removeprefix("\ufeff"), conventions)
    # Lines after a new one move down: compare what the note says, not where.
    found = [e.line for e in new.entries if added.get(e.line) == e.day]
    kept = [(e.day, e.text) for e in new.entries if e.line not in added]
    # Say what went wrong, not why: each placement rule refuses what it knows of beforehand.
    the = "the new line" if len(added) == 1 else "a new line"
    missed = sorted(set(added) - set(found))
    if missed:
        raise VaultnetError(f"{path}: line {missed[0]}, where vaultnet would add {the}, would "
                            "not be read as a log entry there; nothing was written. Add it by "
                            "hand")
    if new.fields != old.fields or kept != [(e.day, e.text) for e in old.entries] \
            or [(t.text, t.done, t.due) for t in new.tasks] != [(t.text, t.done, t.due)
                                                              for t in old.tasks]:
        where = ", ".join(str(number) for number in sorted(added))
        where = f"the new line at line {where}" if len(added) == 1 else f"new lines at lines {where}"
        raise VaultnetError(f"{path}: adding {where} would change how vaultnet reads the note's "
                            "other lines; nothing was written. Add it by hand")


def insert_log_line(data: bytes, line: str, path: str,
                    titles: frozenset[tuple[str, ...]] = LOG_TITLES,
                    daily: DailyNotes | None = None) -> tuple[bytes, int, bool]:
    """`data` with `line` (`- 2026-11-25 …`, from `log_line`) added to its log, in the note's own
    line endings; the new line's number; and whether a Log section was made for it. The line goes
    right after the last dated entry of the note's Log section (`_place`), marked as the next item
    of that entry's list, at the end of a Log section with none, right after the note's last entry
    when it has no Log section, and in a `## Log` made at the end (on the line before it) when it
    has neither. A Log section is a heading or callout whose title is one of `titles` (the
    vault's: `Conventions.log_titles`); a dated entry, one as the reader takes it (`daily`: the
    vault's daily notes, whose links may date one). A note where the line would go after a code
    block or comment never closed, which Obsidian hides, is refused (`insert_line`)."""
    return insert_line(data, line, path, _log_place(path, titles, daily), "## Log")


_HIDING = ("%%", "<!--", "`", "~~~")  # what may open a comment, a code span or a code block


def _may_hide(line: str) -> bool:
    return any(mark in line for mark in _HIDING)


def insert_log_lines(data: bytes, lines: list[str], path: str,
                     titles: frozenset[tuple[str, ...]] = LOG_TITLES,
                     daily: DailyNotes | None = None) -> tuple[bytes, list[int], bool]:
    """`data` with each of `lines` added to its log as `insert_log_line` adds them one after the
    other: the same bytes; the lines' numbers in the note as it will be; and whether a Log
    section was made. In one pass, not a reading of the note per line (an import puts thousands
    in one note).

    The first goes where `insert_log_line` puts it, and the next ones right after it, each marked
    as the item after the one before, as the rule puts a line after the log's last entry. Then
    the note is placed once more: one more line must go right after the last, marked as the item
    after it; else (a new item that takes lines under it as its own, a comment or code block
    that would hide the next) they are added from there one at a time. Items whose text starts
    at another column (`9.`, `10.`) are placed apart: an item's column says which of the lines
    under it are its own."""
    numbers: list[int] = []
    made = False
    if not lines:
        return data, numbers, made
    place = _log_place(path, titles, daily)
    bom, note = _layout(data, path)
    where = _placed(note, path, place)
    while len(numbers) < len(lines):
        leads = [_BULLET if where is None else where[1]]
        # (A line that could open a comment or code span is placed alone: the check below looks
        # only past the batch, where one such line's hiding another of it would not show.)
        while len(numbers) + len(leads) < len(lines) \
                and not _may_hide(lines[len(numbers)]) \
                and not _may_hide(lines[len(numbers) + len(leads)]) \
                and len(_next_lead(leads[-1])) == len(leads[0]):
            leads.append(_next_lead(leads[-1]))
        while True:
            new = [lead + line.removeprefix(_BULLET)
                   for lead, line in zip(leads, lines[len(numbers):], strict=False)]
            put, first = _put(note.lines, where, new, "## Log")
            data = _encoded(bom, put)
            if len(new) == 1 and len(numbers) + 1 == len(lines):
                break  # (the last line, placed as `insert_log_line` places it)
            bom, then = _layout(data, path)
            try:
                following, refused = _placed(then, path, place), None
            except VaultnetError as err:
                following, refused = None, err
            last = first + len(new) - 1  # (the next line's index, if it goes right after)
            if len(new) == 1 or (refused is None and following == (last, _next_lead(leads[-1]))):
                break
            leads = leads[:1]  # (one line is placed as `insert_log_line` places it)
        made = made or where is None
        numbers = [n + len(new) if n >= first else n for n in numbers]
        numbers += range(first, first + len(new))
        if len(numbers) < len(lines):
            if refused is not None:
                raise refused  # (as the next line alone would be)
            note, where = then, following
    return data, numbers, made


def _log_place(path: str, titles: frozenset[tuple[str, ...]], daily: DailyNotes | None
               ) -> Callable[[Layout], tuple[int, str] | None]:
    """Where a log line goes in a note (`insert_log_line`)."""

    def place(note: Layout) -> tuple[int, str] | None:
        sections = _log_sections(note.lines, note.headings, titles) \
            + _log_callouts(note.lines, note.start, note.visible, titles)
        return _place(note.lines, note.start, note.headings, sorted(sections),
                      _dated_entries(path, note.body, note.start, titles, daily))

    return place


def _next_lead(lead: str) -> str:
    """What goes before the date of the line after one led by `lead` (`> 9. `): its quote marks,
    and its list's indentation and next marker (`> 10. `), as `_after_last_entry` finds them."""
    depth = _depth(lead)
    item = _ITEM.match(_unquoted(lead, depth)[1])
    if item is None:
        return lead
    return f"{_marks_of(lead, depth)}{item[1]}{_next_marker(item[2])} "


@dataclass(frozen=True)
class Layout:
    """A note as the placement rules read it: its `lines` with their endings (no byte-order
    mark), the first line of its body (`start`), the body with lone carriage returns as line
    feeds, the body's lines as Obsidian shows them (`_visible`), and its headings (`_headings`:
    first line, last line, level, title; counted in the whole note)."""

    lines: list[str]
    start: int
    body: str
    visible: list[str]
    headings: list[tuple[int, int, int, str]]


def insert_line(data: bytes, line: str, path: str,
                place: Callable[[Layout], tuple[int, str] | None],
                heading: str) -> tuple[bytes, int, bool]:
    """`data` with `line` (a list item, `- …`) added where `place` says, in the note's own line
    endings, byte-order mark and final newline (or none); the new line's number; and whether a
    section was made for it. `place` gives the line's index (from 0, in the note's lines) and
    what replaces its `- ` there (quote marks, indentation, the list's next marker), or None for
    a section `heading` (`## Log`) made at the note's end, with the line under it. A note where
    the line would go after a code block or comment never closed, which Obsidian hides, is
    refused."""
    bom, note = _layout(data, path)
    where = _placed(note, path, place)
    lines, number = _put(note.lines, where, [line if where is None
                                             else where[1] + line.removeprefix(_BULLET)], heading)
    return _encoded(bom, lines), number, where is None


def _layout(data: bytes, path: str) -> tuple[bool, Layout]:
    """Whether a note's bytes start with a byte-order mark, and the note as the placement rules
    read it."""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data[3 if bom else 0:].decode("utf-8")
    except UnicodeDecodeError:
        raise VaultnetError(f"{path}: is not UTF-8 text; nothing was written") from None
    lines = LINE.findall(text)
    start = body_start(lines)
    body = lone_cr_as_lf("".join(lines[start:]))
    visible = _visible(body)
    headings = [(start + first, start + last, level, title)
                for first, last, level, title in _headings(visible)]
    return bom, Layout(lines, start, body, visible, headings)


def _placed(note: Layout, path: str, place: Callable[[Layout], tuple[int, str] | None]
            ) -> tuple[int, str] | None:
    """Where `place` puts a line in `note`; refused after a code block or comment never closed."""
    where = place(note)
    _refuse_hidden(path, note.body, note.start, len(note.lines) if where is None else where[0])
    return where


def _put(lines: list[str], where: tuple[int, str] | None, new: list[str], heading: str
         ) -> tuple[list[str], int]:
    """`lines` with the `new` ones (led as they will be written) at `where`'s index, or under a
    `heading` made at the end for None, in the note's own line endings and final newline (or
    none); and the number of the first new line."""
    lines = list(lines)
    at = len(lines) if where is None else where[0]
    eol = _eol_near(lines, at)
    final = not lines or bool(ending(lines[-1]))  # (a note without a final newline keeps none)
    block = [text + eol for text in new]
    if where is None:
        block = ([eol] if lines and lines[-1].strip() else []) + [heading + eol] + block
    if not final and at == len(lines):
        lines[-1] += eol
        block[-1] = block[-1].removesuffix(eol)
    lines[at:at] = block
    return lines, at + len(block) - len(new) + 1


def _encoded(bom: bool, lines: list[str]) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + "".join(lines).encode("utf-8")


def after_last_item(note: Layout, items: list[int]) -> tuple[int, str] | None:
    """Right after the last of `items` (lines of list items, from 0, in the note's order), in
    its list, after what is nested in it or continues it, inside its quote if it is in one
    (`_after_last_entry`); None if there is none."""
    return _after_last_entry(note.lines, note.start, note.headings, items)


def end_of_section(note: Layout, titles: frozenset[tuple[str, ...]]) -> tuple[int, str] | None:
    """At the end of the first section whose heading's title is one of `titles` (as
    `names_the_log` compares them), after its last line that is not blank, subsections
    included; None if the note has none."""
    sections = _log_sections(note.lines, note.headings, titles)
    if not sections:
        return None
    heading, end, _ = sections[0]
    return _end_of(note.lines, heading, end), _BULLET


def _end_of(lines: list[str], heading: int, stop: int) -> int:
    """Where a section's new last line goes: after its last line that is not blank."""
    return next((i + 1 for i in range(stop - 1, heading, -1) if lines[i].strip()), heading + 1)


def _refuse_hidden(path: str, body: str, start: int, at: int) -> None:
    """Refuse a new line before line `at` (counted from 0) of a note whose body, from line
    `start`, has a code block or comment never closed before it: Obsidian hides everything after
    its mark, so the line would never be read."""
    hidden = hidden_from(body)
    if hidden is None or start + hidden[0] >= at:
        return
    mark = hidden[1]
    what, close = _OPENS.get(mark, (f"a code block ({mark})", f"a line of {mark}"))
    raise VaultnetError(f"{path}: line {start + hidden[0] + 1} opens {what} that is never closed, "
                        "so Obsidian hides everything after it, where the new line would go; "
                        f"nothing was written. Close it with {close}, or add the line by hand")


def _eol_near(lines: list[str], at: int) -> str:
    """The line ending of the line before `at` (else the nearest one): the note's own."""
    for i in [*range(min(at, len(lines)) - 1, -1, -1), *range(at, len(lines))]:
        if ending(lines[i]):
            return ending(lines[i])
    return "\n"


def _visible(body: str) -> list[str]:
    """The lines of a note's body as Obsidian shows them: code, code spans and comments blank (a
    comment never closed hides the rest of the note)."""
    body = without_code(blank_code(body))
    return COMMENT.sub(lambda m: "\n" * m[0].count("\n"), body).split("\n")


def _place(lines: list[str], start: int, headings: list[tuple[int, int, int, str]],
           sections: list[tuple[int, int, str]], dated: dict[int, date]) -> tuple[int, str] | None:
    """Where the new line goes, and what goes before its date there (quote marks, indentation,
    the list marker); None where a Log section must be made. Of the note's visible `headings`
    (`_headings`), its Log `sections` (`_log_sections` and `_log_callouts`, in the note's order)
    and its `dated` entries (their days, by their lines counted in the whole note, in order):
    right after the last entry of the Log section that holds the latest day (of those that hold
    one, the first: `### Log` under `## 2025` and again under `## 2026` is the year's, a
    `## Log` above `## Old log` the log's), else at the end of the first Log section (of a Log
    callout inside it, if it holds one), else right after the note's last entry.

    A section's last entry, not its last line: what follows it there (a subsection, a rule and
    a footer, the end of an HTML block) is the user's, and the log stays one list."""
    entries = list(dated)
    holding = [inside for first, end, marks in sections
               if (inside := [entry for entry in entries if first < entry < end]
                   or ([] if marks else _dated_headings_from(headings, entries, end)))]
    if holding:  # (`max` gives the first of those that hold the latest day)
        newest = max(holding, key=lambda inside: max(dated[entry] for entry in inside))
        return _after_last_entry(lines, start, headings, newest)
    if not sections:
        return _after_last_entry(lines, start, headings, entries)
    first, end, marks = sections[0]
    first, end, marks = next((s for s in sections if first < s[0] < end and s[2]), sections[0])
    if not marks:
        return _end_of(lines, first, end), _BULLET
    return _end_of(_quote_at(lines, start, first, _depth(marks)), first, end), marks + _BULLET


def _dated_headings_from(headings: list[tuple[int, int, int, str]], entries: list[int],
                         at: int) -> list[int]:
    """The entries of a log whose entries are headings of the Log heading's own level, which
    end its section at once (`## Log`, then `## 2026-10-01 Coffee`, `## 2026-10-05 Call`): from
    the heading at line `at`, if it is a dated entry, to the first heading of its level or above
    that is none; the user reads them as the log, and the new line goes after the last."""
    dated = set(entries)
    if at not in dated:
        return []
    level = next(level for first, _, level, _ in headings if first == at)
    stop = next((first for first, _, other, _ in headings
                 if first > at and other <= level and first not in dated), None)
    return [entry for entry in entries if at <= entry and (stop is None or entry < stop)]


def _log_callouts(lines: list[str], start: int, visible: list[str],
                  titles: frozenset[tuple[str, ...]]) -> list[tuple[int, int, str]]:
    """Each callout whose title names the log (`> [!note] Log`, `> [!info]- Interactions`, as
    the reader finds it: `opens_log_callout`): its first line, the line after its last, and its
    marks, in the order of the note. Found as Obsidian shows callouts: the first line of a quote (the
    line above it is not in that quote), never in code or a comment."""
    found = []
    for number, line in enumerate(visible, start=start):
        depth = _depth(line) if line.lstrip(" \t")[:1] == ">" else 0
        if not depth:
            continue
        if opens_log_callout(_unquoted(line, depth)[1], titles) \
                and _quote_start(lines, start, number, depth) == number:
            found.append((number, len(_quote_at(lines, start, number, depth)),
                          _marks_of(lines[number], depth)))
    return found


def _log_sections(lines: list[str], headings: list[tuple[int, int, int, str]],
                  titles: frozenset[tuple[str, ...]]) -> list[tuple[int, int, str]]:
    """Each Log heading's last line and the line where its section ends (the next heading of its
    level or above), in the order of the note (and "": no quote marks).

    Headings are found as Obsidian shows them (`_headings`): `## Log`, and `Log` underlined with
    `===` or `---`; never inside code, the frontmatter, or a comment (`<!-- … -->` or `%% … %%`,
    or one never closed, which hides the rest of the note)."""
    found = []
    for number, (_, last, level, title) in enumerate(headings):
        if names_the_log(title, titles):
            end = next((first for first, _, other, _ in headings[number + 1:] if other <= level),
                       len(lines))
            found.append((last, end, ""))
    return found


def _dated_entries(path: str, body: str, start: int, titles: frozenset[tuple[str, ...]],
                   daily: DailyNotes | None) -> dict[int, date]:
    """The days of the dated entries, by their lines (counted from 0 in the whole note, in
    order), as the reader takes them in a person's note (its Log callouts those of `titles`),
    whatever made this note a person's."""
    return {start + entry.line - 1: entry.day
            for entry in person_entries(path, body, titles, daily)}


def _after_last_entry(lines: list[str], start: int, headings: list[tuple[int, int, int, str]],
                      entries: list[int]) -> tuple[int, str] | None:
    """Right after the last of `entries` (dated entries, in the note's order), and what goes
    before the new line's date there: the indentation and next marker of that entry's list
    (`_end_of_item`); None if there is none.

    An entry that is a list item is followed by its own lines first (what is nested in it or
    continues it); one nested in another entry is part of that one, whose list is the log. An
    entry that is a heading is followed by its section. An entry inside a quote or callout is
    followed the same way inside it (`_after_quoted_entry`)."""
    if not entries:
        return None
    last = entries[-1]
    if lines[last].lstrip(" \t")[:1] == ">":
        return _after_quoted_entry(lines, start, entries, last)
    heading = _ENTRY_HEADING.match(lines[last])
    if heading is not None:
        level = len(heading[1])
        stop = next((first for first, _, deeper, _ in headings if first > last and deeper <= level),
                    len(lines))
        return _end_of(lines, last, stop), _BULLET
    while (parent := _parent_item(lines, start, last)) in entries:
        last = parent
    return _end_of_item(lines, last)


def _after_quoted_entry(lines: list[str], start: int, entries: list[int], last: int
                        ) -> tuple[int, str]:
    """`_after_last_entry` for a `last` entry inside a quote or callout: found in the quote's lines
    read without the entry's marks (`_quote_at`), and written with the marks of the line it goes
    after, as that line writes them (`> `, `>>`), then its list's indentation and marker. So the
    new line is never outside the quote: a line without the marks there would end the callout."""
    depth = _depth(lines[last])
    quote = _quote_at(lines, start, last, depth)
    first = _quote_start(lines, start, last, depth)
    heading = _ENTRY_HEADING.match(quote[last])
    if heading is not None:
        level = len(heading[1])
        stop = next((first + at for at, _, deeper, _ in _headings(quote[first:])
                     if first + at > last and deeper <= level), len(quote))
        return _end_of(quote, last, stop), _marks_of(lines[last], depth) + _BULLET
    while (parent := _parent_item(quote, first, last)) in entries:
        last = parent
    at, lead = _end_of_item(quote, last)
    return at, _marks_of(lines[last], depth) + lead


def _quote_at(lines: list[str], start: int, at: int, depth: int) -> list[str]:
    """The note's lines to the end of the quote that line `at` is in, at `depth` marks (`>>` is
    2): the quote's lines without those marks or their line endings, those before it as they are.

    The quote ends before the first line without those marks. (CommonMark would take a line
    without them that runs on a paragraph as the quote's, "lazily"; a line written after it
    with the marks would stay in the quote only where the reader agrees. Before it, the new
    line is in the quote however the note is read.)"""
    first = _quote_start(lines, start, at, depth)
    quote = lines[:first]
    for number in range(first, len(lines)):
        marks, text = _unquoted(lines[number], depth)
        if marks < depth:
            break
        quote.append(text.rstrip("\r\n"))
    return quote


def _quote_start(lines: list[str], start: int, at: int, depth: int) -> int:
    """The first line of the quote, at `depth` marks, that line `at` is in: the line above it
    has fewer marks (or is the frontmatter's)."""
    return next(n for n in range(at, start - 1, -1)
                if n == start or _unquoted(lines[n - 1], depth)[0] < depth)


def _depth(line: str) -> int:
    """How many quote marks a line starts with (`> > - …` has 2)."""
    marks = QUOTE_MARKS.match(line)
    return marks[0].count(">") if marks else 0


def _unquoted(line: str, depth: int) -> tuple[int, str]:
    """How many of `depth` quote marks `line` starts with, and what follows them."""
    at = marks = 0
    while marks < depth and (mark := QUOTE_MARK.match(line, at)) is not None:
        at, marks = mark.end(), marks + 1
    return marks, line[at:]


def _marks_of(line: str, depth: int) -> str:
    """The first `depth` quote marks of `line`, as it writes them."""
    return line[:len(line) - len(_unquoted(line, depth)[1])]


def _parent_item(lines: list[str], start: int, item: int) -> int | None:
    """The list item that the item on line `item` is nested in, if it is."""
    indent = _width(lines[item])
    for number in range(item - 1, start - 1, -1):
        if lines[number].strip() and _width(lines[number]) < indent:
            return number if _ITEM.match(lines[number]) else None
    return None


def _end_of_item(lines: list[str], item: int) -> tuple[int, str]:
    """The line after a list item's last line, and what begins the next item of its list: the
    item's indentation and `_next_marker`. After what is indented under its text (nested items,
    more paragraphs) and the lines of its text that run on unindented, as in CommonMark, and a
    comment opened on any of its lines; before a closed comment on lines of its own, not indented
    into the item (`%%` under the log's last entry: a note to self, not the entry's text)."""
    marker = _ITEM.match(lines[item])
    if marker is None:  # (an entry that is neither a heading nor a list item: right after it)
        return item + 1, _BULLET
    inside = _text_column(lines[item])
    within, alone = _comment_lines(lines, item)
    end, blank = item + 1, False
    for number in range(item + 1, len(lines)):
        line = lines[number].rstrip("\r\n")
        if number in within:
            end, blank = number + 1, False  # (the comment opened on a line that is the item's)
        elif number in alone and _width(line) < inside:
            break  # a note to self under the item, not indented into it: not its text
        elif not line.strip():
            blank = True
        elif _width(line) >= inside:
            end, blank = number + 1, False
        elif blank or _ends_paragraph(line.lstrip(" \t")):
            break  # (another item, or a block that ends the item's paragraph)
        else:
            end = number + 1  # a paragraph's line running on (a "lazy" line)
    return end, f"{marker[1]}{_next_marker(marker[2])} "


def _comment_lines(lines: list[str], item: int) -> tuple[set[int], set[int]]:
    """Of the lines after `item` (a list item that Obsidian shows): those that start inside a
    comment opened on a line above, and those that hold a closed comment and nothing else but
    white space, as Obsidian finds comments (none in code). (A comment never closed that opens
    under the item is left to run the item's paragraph on, and so to be refused.)"""
    text = "\n".join(line.rstrip("\r\n") for line in lines[item:])
    if "%%" not in text and "<!--" not in text:
        return set(), set()
    code = blank_code(text)
    comments = list(COMMENT.finditer(without_code(code)))
    pieces, at = [], 0
    for closed in (found for found in comments if found["open"] is None):
        pieces += [code[at:closed.start()], re.sub(r"[^\n]", " ", closed[0])]
        at = closed.end()
    shown = "".join(pieces) + code[at:]
    within, alone = set(), set()
    start = k = 0
    for number, (line, seen) in enumerate(zip(code.split("\n"), shown.split("\n"), strict=True),
                                          start=item):
        while k < len(comments) and comments[k].end() <= start:
            k += 1
        if k < len(comments) and comments[k].start() < start:
            within.add(number)
        elif line.strip() and not seen.strip():
            alone.add(number)
        start += len(line) + 1
    return within, alone


def _next_marker(marker: str) -> str:
    """The marker of the item after one marked `marker`, in the same list: the same bullet (in
    CommonMark another one starts a new list), or the next number, as wide, with the same
    delimiter (`1.` → `2.`, `09)` → `10)`)."""
    if not marker[0].isdigit():
        return marker
    number = min(int(marker[:-1]) + 1, 999_999_999)  # (CommonMark reads nine digits at most)
    return str(number).zfill(len(marker) - 1) + marker[-1]


def _width(line: str) -> int:
    """The columns of a line's indentation, a tab counted to the next multiple of four."""
    return len(line[:len(line) - len(line.lstrip(" \t"))].expandtabs(4))


def _text_column(line: str) -> int:
    """The column where the text of the list item on `line` starts, as CommonMark counts it: after
    its marker and the one to four spaces that follow (one, when there are more or no text)."""
    line = line.rstrip("\r\n")
    item = _ITEM.match(line)
    marker = len(item[0].rstrip(" \t")) if item else 0
    after = len(line[:marker].expandtabs(4))
    rest = line[marker:]
    gap = len(line[:len(line) - len(rest.lstrip(" \t"))].expandtabs(4)) - after
    return after + gap if rest.strip() and gap <= 4 else after + 1


def _ends_paragraph(text: str) -> bool:
    """Whether a line (its indentation set aside) ends the paragraph above it rather than running
    on: a list item, quote, rule, ATX heading or code fence."""
    return bool(_ITEM.match(text) or text.startswith(">") or _RULE.match(text)
                or _ATX.match(text) or _FENCE_LINE.match(text))


def _headings(lines: list[str]) -> Iterator[tuple[int, int, int, str]]:
    """Each heading that starts a section, as (first line, last line, level, text), found as in
    CommonMark: an ATX heading (`## Log`, or `##` alone, up to three spaces in) is one line; a
    setext heading is a paragraph and the `===` or `---` under it. One inside a list item (its
    lines indented to the item's text) starts no section, and a paragraph in a list item is never
    the text of one: a `---` under it, less indented, is a rule. (A quote or a table is told apart
    by its first line only.)"""
    items: list[int] = []  # the columns where the text of each list item open around a line starts
    paragraph: int | None = None  # the first line of the paragraph being read, in an item or not
    in_block = False  # the lines since the last blank one are a quote's or a table's
    for number, raw in enumerate(lines):
        line = raw.rstrip("\r")
        if not line.strip():
            paragraph, in_block = None, False
            continue
        text, indent = line.lstrip(" \t"), _width(line)
        if items and indent < items[-1]:
            if (paragraph is not None or in_block) and not _ends_paragraph(text):
                continue  # a "lazy" line: it runs on the paragraph in its item
            while items and indent < items[-1]:
                items.pop()
            paragraph, in_block = None, False
        if indent - (items[-1] if items else 0) > 3:
            continue  # indented code, or a paragraph's line running on
        atx = _ATX.match(text)
        if atx is not None:
            paragraph, in_block = None, False
            if not items:
                yield number, number, len(atx[1]), (atx[2] or "").rstrip(" \t")
        elif paragraph is not None and _SETEXT.match(text):
            if not items:
                title = " ".join(part.strip() for part in lines[paragraph:number])
                yield paragraph, number, 1 if text[0] == "=" else 2, title
            paragraph = None
        elif _RULE.match(text) or _FENCE_LINE.match(text):
            paragraph, in_block = None, False
        elif (item := _ITEM.match(text)) and (paragraph is None or _INTERRUPT.match(text)):
            items.append(_text_column(line))
            paragraph, in_block = number if text[item.end():].strip() else None, False
        elif text[0] == ">" or (text[0] == "|" and paragraph is None):
            paragraph, in_block = None, True  # its lines run on, and a `---` under them is a rule
        elif paragraph is None and not in_block:
            paragraph = number
