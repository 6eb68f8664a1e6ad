"""Parse one note: frontmatter fields, dated entries, tasks and links, as plain values.

`parse_note` is pure: it takes the note's path and text and returns a `Note`; it never reads the disk
or the clock. What is wrong becomes a Problem with the line, and the rest of the note is still used.
"""

from __future__ import annotations

import functools
import re
import reprlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from datetime import date
from types import MappingProxyType
from typing import Any

from vaultnet.base.conventions import (
    INDEX_WORDS,
    LOG_TITLES,
    MEETING_FIELDS,
    ORGANISATION_TYPES,
    PROFILE_TYPES,
    Conventions,
    DailyNotes,
    title_words,
)
from vaultnet.base.dates import (
    BadDate,
    from_vcard,
    iso_date,
    parse_birthday,
    parse_cadence,
    parse_date,
)
from vaultnet.base.model import Birthday, Entry, Fields, Link, Note, Problem, Task, new_tuple
from vaultnet.base.text import compiled_when_used, key, lone_cr_as_lf, nfc
from vaultnet.parse.dated_names import (
    MONTH_NUMBERS,
    NAMES,
    WrongWeekday,
    date_from_format,
    format_pattern,
    leading_date,
)
from vaultnet.parse.frontmatter import (
    FIELD_LINE,
    Frontmatter,
    block_below,
    frontmatter_lines,
    split_frontmatter,
)
from vaultnet.parse.links import (
    MARKDOWN_LINK,
    WIKILINK,
    clean,
    find_links,
    find_tags,
    find_wikilinks,
    leading_link,
    link_target,
    link_targets,
    value_links,
    without_code,
)

# Aliases used by other Obsidian contact setups, compared without case, `_`, `-` or spaces.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "type": ("type",),
    "tags": ("tags", "tag"),
    "aliases": ("aliases", "alias"),
    "role": ("role",),
    "status": ("status",),
    "orgs": ("org", "company", "organisation", "organization"),
    "topics": ("topics", "interests"),
    "knows": ("knows",),
    "met_via": ("metvia",),
    "cadence": ("cadence",),
    "last_contact": ("lastcontact", "lastchat", "lastcontacted"),
    "birthday": ("birthday", "bday", "dob", "dateofbirth"),
    "offers": ("offers",),
    "needs": ("needs",),
    "goals": ("goals",),
    "story": ("story",),
    "emails": ("email", "emails", "mail"),
    "categories": ("categories", "category"),
    "attendees": MEETING_FIELDS,
    "dated": ("date",),
}
# The fields that hold a list: written under two spellings, the values of both are read
# (`_Fields.spellings` says why each field is of its kind).
LIST_FIELDS = frozenset({"tags", "aliases", "orgs", "topics", "knows", "met_via", "offers",
                         "needs", "goals", "emails", "categories", "attendees"})
_ALIAS_TO_FIELD = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}
_ALIAS_RANK = {alias: rank for aliases in FIELD_ALIASES.values()
               for rank, alias in enumerate(aliases)}
_KEY_NOISE = re.compile(r"[\s_\-]+")
_ADDRESS_GAPS = re.compile(r"[\s,;]+")  # between the words of a piece of an email field
_ANGLED = re.compile(r"<([^<>@\s]+@[^<>\s]+)>")  # an address in angle brackets, after a name
# The VCF Contacts plugin's keys of a card's properties (iandennismiller/obsidian-vcf-contacts,
# docs/vcard-format.md): one per value, by its number and type (`EMAIL[1]`, `EMAIL[2:WORK]`,
# `EMAIL[1:]`, `EMAIL[HOME]`, `TEL[1:CELL]`), in the plugin's own upper case; its plain `EMAIL`,
# `BDAY` and `ORG` are spellings above. Its newer versions write an email's, a phone's and a web
# page's keys with dots (project/specifications/vcard-format-spec.md, `EmailField.toFrontmatter`):
# `EMAIL.WORK`, `EMAIL.0`, `TEL.CELL.1`, `EMAIL.WORK.PRIMARY`; the dotted keys of other properties
# (`N.GN`, a part of the name; `ADR.HOME.STREET`; `RELATED.friend`) are not read. Group 1: the
# property; 2 (in brackets) or 3 (after the last dot): the number. Its emails are read as emails,
# ranked after the spellings of `FIELD_ALIASES`.
_vcf_key_pattern = compiled_when_used(
    r"([A-Z][A-Z\-]*(?=\[)|EMAIL|TEL|URL)(?:\[(?:(\d+)(?::[^\[\]:]*)?|[^\[\]:]+)\]"
    r"|(?=\.)(?:\.[^\W\d][\w\-]*)*(?:\.(\d+))?)")
_VCF_EMAILS = ("emails", len(FIELD_ALIASES["emails"]))

_ISO = r"(\d{4}-\d{2}-\d{2})"
# A Markdown link to a note named by a date, in any folder, with or without `.md`: how Obsidian
# links a day with "Use [[Wikilinks]]" off (`[2026-11-20](../Daily/2026-11-20.md)`), whatever
# text it shows (`[Fri](<Daily/2026-11-20.md>)`, as `[[Daily/2026-11-20|Fri]]`); never a URL.
# Its destination is in `<…>` or bare, as `links.MARKDOWN_LINK` has it. Its text stops at the first
# bracket, and each `/` is tried once as the end of the folders: no input makes it slow.
_NO_SCHEME = r"(?![A-Za-z][A-Za-z0-9+.\-]*:|//)"  # (nor a host's: `//example.com/…`)
_DATE_LINK = (r"\[[^\[\]\r\n]*\]\((?:<" + _NO_SCHEME + r"(?:[^<>\r\n]*/)?" + _ISO
              + r"(?: [^<>/#\r\n]*?)?(?:\.[mM][dD])?(?:#[^<>/\r\n]*)?>|" + _NO_SCHEME
              + r"(?:[^\s()<>]*/)?" + _ISO + r"(?:%20[^\s()<>/#]*?)?(?:\.[mM][dD])?(?:#[^\s()<>/]*)?)\)")
# A list item or heading that starts with a date: a wikilink's (group 1), a plain one (2), a
# Markdown link's (3 or 4); then its text (5). A link's note may be named by more after the date
# (`[[2026-11-20 Friday]]`, a daily-note format's; `[[2026-11-20#Lunch]]`, a heading of it); a
# `/` after the date only in the heading, and no `#` in the folders (a file name holds none), so
# that each `/` is still tried once.
# `_entry` and tests/test_parse_speed.py read them. (Its list item's or heading's marker, and what
# may part a date from the text, are `_LEAD`'s and `_PARTING`'s, which `_day_linked` reads a line
# led by a link to a day's note by the vault's daily-note format with.)
_LEAD_PATTERN = r"[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+(?!\[[^\]]?\][ \t])|#{1,6}[ \t]+)"
_PARTING_PATTERN = r"[ \t]*[:—–-]?[ \t]*"
_DATED_LINE = re.compile(
    "^" + _LEAD_PATTERN
    + r"(?:\[\[(?:[^\]|#\r\n]*/)?" + _ISO + r"(?: [^\]|#/\r\n]*)?(?:#[^\]|\r\n]*)?(?:\|[^\]\r\n]*)?\]\]|"
    + _ISO + "|"
    + _DATE_LINK
    + r")(?![\d])" + _PARTING_PATTERN + r"([^\r\n]*)",
    re.MULTILINE,
)
_LEAD = re.compile(_LEAD_PATTERN)
_PARTING = re.compile(_PARTING_PATTERN)
_TASK = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[(.)\][ \t]+([^\r\n]*)", re.MULTILINE)
# (Dataview's fields in brackets or parentheses: `[due:: …]`, `(due:: …)`, as the Tasks plugin reads them.)
# The Tasks plugin's marks of a due date: 📅, and 📆 and 🗓 which it reads alike.
DUE_MARKS = "📅📆🗓"
# A due date: after one of those, or Dataview's field (`[due:: 2026-12-02]`, a time of day after
# the date too, `T10:00`), or `(due 2026-12-02)`, with its closing bracket.
_DUE = re.compile(rf"(?:[{DUE_MARKS}]\ufe0f?[ \t]*|\(due:{{0,2}}[ \t]*|\[due::[ \t]*)" + _ISO
                  + r"(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
                  + r"(?:[ \t]*[)\]])?")
_COMPLETED = re.compile(r"✅|[\[(]completion::", re.IGNORECASE)  # a task done, not cancelled
# The marks of a day's line that is no contact: to do, in progress, cancelled, put off,
# scheduled (the Tasks plugin's; a journal's line with another theme's box, `[!]`, `[*]`, `[i]`,
# is one marked, that happened).
_NOT_DONE = frozenset(" /-><")
# The boxes of a promise still open (a task with a due date, in a person's note): to do, in
# progress, put off, scheduled, and the themes' important and question (`[!]`, `[?]`), all of
# which the Tasks plugin reads as to do. Done are `[x]` and cancelled `[-]`; a task with another
# theme's box (`[*]`, `[i]`) is no promise.
OPEN_BOXES = " /><!?"
DONE_MARK = re.compile(r"[✅❌]|[\[(](?:completion|cancelled)::", re.IGNORECASE)  # Tasks, Dataview
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
# A block id at a line's end (`^task1`), which Obsidian links to (`[[Ada#^task1]]`): no part of a
# task's text, and it stays last when `done` dates the task.
BLOCK_ID = re.compile(r" \^[A-Za-z0-9\-]+[ \t]*$")  # (as the Tasks plugin reads one)
# A blockquote's or callout's marks (`> `, `>>`, `> > `), each with the one space or tab after it
# that is part of it: what follows them is read as the same line outside the quote would be.
QUOTE_MARK = re.compile(r"[ \t]*>[ \t]?")
QUOTE_MARKS = re.compile(r"(?:[ \t]*>[ \t]?)+")
# A callout's first line once its marks are set aside: `[!note] Log`, `[!info]- Interactions`.
_CALLOUT = re.compile(r"\[!([^\]\r\n]*)\][+-]?[ \t]*([^\r\n]*)")
_QUOTING = re.compile(r"\[!(?:quote|cite)\]", re.IGNORECASE)  # a callout of someone's words
# The kinds of an interaction, by its tags (`kinds_of`).
KINDS = ("outreach", "reply", "received", "met", "call", "gave", "asked")
_DAILY_NAME = re.compile(_ISO)
# A comment, as Obsidian hides it; one never closed (its mark in `open`) hides the rest of the note.
COMMENT = re.compile(r"<!--(?:-?>|.*?-->)|%%.*?%%|(?P<open><!--|%%).*", re.DOTALL)
COMMENT_CLOSES = {"%%": "%%", "<!--": "-->"}  # what closes a comment each mark opens
# A placeholder of Obsidian's Templates plugin (`{{title}}`, `{{date:YYYY-MM-DD}}`) or of
# Templater (`<% tp.date.now("YYYY-MM-DD") %>`): a note whose frontmatter holds one is a template.
_CURLY_PLACEHOLDER = re.compile(r"\{\{[^{}\n]*\}\}")  # (the Templates plugin's alone)
PLACEHOLDER = re.compile(_CURLY_PLACEHOLDER.pattern + r"|<%(?:(?!%>).)*%>")  # (never past its first `%>`)
# A list item or heading (its marker: group 1) that starts with what looks like a date, written
# so that it is not read as one: the year last (`03/01/2026`, `1.11.2026`, `15-10-2026`), or first
# in another form (`2026-3-4`, `2026/10/15`, `2026.11.01` (two digits each: `2024.10.1` is as
# likely a version), Japan's and China's `2026年10月1日`, Korea's `2026년 10월 1일`); or any of
# those or an ISO date set off by a mark (group 2: bold, italics, code, a bracket that is no
# Markdown link's text, as `[2026-11-20](Daily/2026-11-20.md)` is: a line is never both an entry and
# a near miss). (An ISO date with no mark is left out: it is an entry, or reported as a day that
# does not exist.)
_MONTH = rf"(?:{'|'.join(month.casefold() for month in NAMES['en'][0][1].split('_'))})[a-z]*\.?"


# A day written with its month's name and its year (`19 Dec 2026`, `December 19th, 2026`), perhaps
# after its weekday's (`Fri, 18 Dec 2026`), or ISO after the name of its weekday (`Fri 2026-12-19`):
# in the pattern any word (a pattern of the names themselves, in any case, took seven times as
# long to compile, at every command's start), each then checked for a name (`_names_a_day`).
_WORD = r"[A-Za-z]{3,9}\.?"
_NAMED_DAY = (rf"(?:{_WORD},?[ \t]+)?"
              rf"(?:\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_WORD},?[ \t]+\d{{4}}"
              rf"|{_WORD}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}})"
              rf"|{_WORD},?[ \t]+\d{{4}}-\d\d-\d\d")
# English names of months and weekdays, whole and cut as usual (`December`, `Dec`, `Sept`).
_DAY_NAMES = frozenset({word.casefold() for forms in (*NAMES["en"][0], *NAMES["en"][1])
                        for word in forms.split("_") if len(word) > 2} | {"sept"})
_ALMOST_DATED = re.compile(
    r"^[ \t]*((?:[-*+]|\d+[.)])|#{1,6})[ \t]+"
    r"(?:(\*\*|__|[*_`(]|\[(?![^\[\]\r\n]*\]\())|(?!\d{4}-\d\d-\d\d(?!\d)))"
    r"(\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}-\d{1,2}-\d{4}"
    r"|\d{4}(?:[-/]\d{1,2}[-/]\d{1,2}|\.\d\d\.\d\d|年\d{1,2}月\d{1,2}日|년 ?\d{1,2}월 ?\d{1,2}일)"
    + "|" + _NAMED_DAY + r")(?!\d)",
    re.MULTILINE)
_NUMBER = re.compile(r"\d+")
# A near miss written in numbers alone: named wherever it is, as a dated line is read anywhere in a
# person's note. One with a month's or weekday's name (`_NAMED_DAY`, as a biography writes its
# days: `- June 1, 2025 joined Acme`) only in a Log section or callout, or with an interaction's
# tag.
_NUMERIC = re.compile(r"[^A-Za-z]*")
# A due date that `_DUE` does not read (`_unread_due`): after 📅, a date in another form or any
# word (`📅 Nov 27`, `📅 tomorrow`: group 1); after the word `due` (`due:`, `due::`, `(due`,
# `due by`), a date in any form: numbers with `-`, `/` or `.` between them (`11/27/2026`,
# `27.11.2026`, `2026-11-2`, `11/27`), or a month's name and a day (`Nov 27`, `27 November`):
# group 2.
_WRITTEN_DAY = (r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?![\d.])|\d{1,2}/\d{1,2}(?![\d/])"
                rf"|{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?[ \t]+\d{{4}}\b)?"
                rf"|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTH}(?![a-z])(?:[ \t]+\d{{4}}\b)?")
_unread_due_pattern = compiled_when_used(
    rf"[{DUE_MARKS}]\ufe0f?[ \t]*(\[\[[^\]\n]*\]\]|{_WRITTEN_DAY}|[^\s{DUE_MARKS})\]]+)"
    rf"|(?<!\w)due(?::{{1,2}}[ \t]*|[ \t]+)(?:(?:on|by)[ \t]+)?(\[\[\d[^\]\n]*\]\]|{_WRITTEN_DAY})",
    re.IGNORECASE)
_NUMERIC_DAY = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
# A frontmatter line that holds a plain (unquoted, not flow, not block) value: a list item or a
# key's; group 1 is its indent (`_Fields.folded`).
_PLAIN_VALUE = re.compile(r"( *)(?:-|[^\s#\-][^:\n]*:)[ \t]+[^\s\"'\[{|>&*!#%@`][^\n]*")


def field_key(raw_key: str) -> str:
    """A frontmatter key as compared: without case, `_`, `-` or spaces (`Last-Contact` is
    `lastcontact`)."""
    return _KEY_NOISE.sub("", raw_key.casefold())


# The fields of a person note whose links name people: a name in one with no note is a mentioned
# person, as one in `knows` is. Other typed ties (`visited_with`, `projects`) tie only to person
# notes, for a field's link as often names a book, a place or a project. As `field_key` has them.
PEOPLE_FIELDS = frozenset(field_key(name) for name in (
    "knows", "met_via",
    "spouse", "partner", "husband", "wife",
    "parents", "parent", "mother", "father", "children", "child", "kids", "son", "sons",
    "daughter", "daughters", "siblings", "sibling", "brother", "brothers", "sister", "sisters",
    "grandparents", "grandparent", "grandmother", "grandfather", "grandchildren", "grandchild",
    "cousins", "cousin", "aunt", "uncle", "relatives", "relative",
    "manager", "managers", "boss", "reports_to", "direct_reports", "colleagues", "colleague",
    "coworkers", "coworker", "mentor", "mentors", "mentees", "mentee", "friends", "friend",
    "assistant", "introduced_by"))


@functools.lru_cache(maxsize=1024)
def names_people(kind: str) -> bool:
    """Whether a relation's field (`knows`, `spouse`, `Reports To`) names people (see
    `PEOPLE_FIELDS`)."""
    return field_key(kind) in PEOPLE_FIELDS


@functools.lru_cache(maxsize=4096)
def field_of(raw_key: str) -> tuple[str, int] | None:
    """The field a frontmatter key names, and its alias's rank; None for other keys."""
    alias = field_key(raw_key)
    name = _ALIAS_TO_FIELD.get(alias)
    return None if name is None else (name, _ALIAS_RANK[alias])


@functools.lru_cache(maxsize=4096)
def read_as(raw_key: str) -> tuple[str, int] | None:
    """The field a frontmatter key is read as, and its rank: `field_of`'s, or the emails for an
    email's key of the VCF Contacts plugin's (`EMAIL[2:WORK]`: `vcf_property`). Such a key holds
    one email of the field's several: it is read, but it is no place to write the field
    (`field_of` says where that is, for `vaultnet.edits.fields`)."""
    return field_of(raw_key) or (_VCF_EMAILS if raw_key[:6] in ("EMAIL[", "EMAIL.") and
                                 vcf_property(raw_key) == "EMAIL" else None)


def vcf_property(raw_key: str) -> str | None:
    """The vCard property a key of the VCF Contacts plugin's holds one value of (`EMAIL` for
    `EMAIL[2:WORK]` and `EMAIL.WORK`, `TEL` for `TEL[1:CELL]` and `TEL.CELL.0`); None for any
    other key."""
    found = _vcf_key_pattern().fullmatch(raw_key)
    return found[1] if found is not None else None


def _rank(raw_key: str) -> int:
    """A known field's spelling's rank: its place in `FIELD_ALIASES`, the best first."""
    found = read_as(raw_key)
    assert found is not None  # (asked of a field's spellings alone)
    return found[1]


def _vcf_order(raw_key: str) -> tuple[int, str]:
    """Where an email's spelling comes among its others: a plain one (`email`, `emails`, the
    plugin's `EMAIL`) first, in the note's order (for a stable sort); then the VCF Contacts
    plugin's keys (`_vcf_key_pattern`) by their number (none, or a dotted key's 0, first), then
    by key."""
    found = _vcf_key_pattern().fullmatch(raw_key)
    return (0, "") if found is None else (1 + int(found[2] or found[3] or 0), raw_key)


class _Fields:
    """Reads typed fields out of raw frontmatter, collecting a problem for each bad value."""

    # The list fields written under several spellings that hold values, with those spellings
    # in the note's order (`_vcf_order`); and the single-valued ones, the best-ranked first.
    # Rare: these stay the class's own, empty, unless `spellings` finds some.
    together: Mapping[str, list[str]] = MappingProxyType({})
    ranked: Mapping[str, list[str]] = MappingProxyType({})

    def __init__(self, front: Frontmatter, path: str) -> None:
        self.front = front
        self.path = path
        self.problems: list[Problem] = []
        keys: dict[str, str] = {}  # each field's spelling to read, by field name
        self.keys = keys
        again = False
        for raw_key in front.meta:
            known = read_as(raw_key)
            if known is not None:
                if known[0] in keys:
                    again = True
                else:
                    keys[known[0]] = raw_key
        # (Found by the simple reader as it read the fields, else by `_scan` when first asked.)
        self._lines: dict[str, int] | None = None
        self._again: list[tuple[str, int]] = []
        if front.key_lines is not None:
            self._lines, self._again = front.key_lines
        if again:
            self.spellings()

    def spellings(self) -> None:
        """Choose what to read of a field written under more than one spelling (`birthday` and
        `bday`, `Role` and `role`), as its writer most likely meant it.

        A spelling left empty (`birthday:`, `""`, `[]`, a list of nothing: what a template
        leaves) says nothing, so it never hides one that holds a value. Of spellings that each
        hold one, what is read depends on the field's kind:

        - A list field (`LIST_FIELDS`: tags, aliases, organisations, topics, knows, met_via,
          offers, needs, goals, emails, categories, a meeting's people) is a set of values,
          added to wherever the user happened to write, by hand or by several tools (`tags`
          and `tag`, `email` and a Contacts plugin's `emails`): every value counts, and losing
          one loses a tie, a topic or a mail. The values of all its spellings are read
          together, each once, in the order the note gives them (`together`; the VCF Contacts
          plugin's emails after the others, by number: `_vcf_order`), and nothing is said.
        - A single-valued field (type, role, status, cadence, last_contact, birthday, story,
          date) holds one value, and two different ones cannot both be true; putting them
          together (the latest date, say) would be a guess. The best-ranked spelling (its
          place in `FIELD_ALIASES`; of two the same but for case or `_`, the first written)
          whose value can be read is read (`ranked`, `_read_ranked`): one that cannot is
          named as ever, and hides no good one (`birthday: unknown` beside `bday:
          1980-04-12`). Each other one is named as a hint at its own line, for the user to
          keep one.
        """
        written: dict[str, list[str]] = {}
        for raw_key in self.front.meta:
            known = read_as(raw_key)
            if known is not None:
                written.setdefault(known[0], []).append(raw_key)
        together: dict[str, list[str]] = {}
        ranked: dict[str, list[str]] = {}
        for name, spellings in written.items():
            if len(spellings) == 1:
                continue
            filled = [k for k in spellings if not empty_value(self.front.meta[k])] \
                or [min(spellings, key=_rank)]
            if len(filled) == 1:
                self.keys[name] = filled[0]
            elif name in LIST_FIELDS:
                together[name] = sorted(filled, key=_vcf_order)  # (stable: the note's order)
            else:
                ranked[name] = sorted(filled, key=_rank)  # (stable: of equal ranks, the first written)
                self.keys[name] = ranked[name][0]
        if together:
            self.together = together
        if ranked:
            self.ranked = ranked

    def unread_spellings(self) -> None:
        """Name each spelling of a single-valued field that holds a value but is not read."""
        for name, spellings in self.ranked.items():
            read = self.keys[name]
            for other in spellings:
                if other != read:
                    self.problems.append(Problem(
                        self.path, self.line_of_key(other), f"`{other}` and `{read}` both give a "
                        f"value; `{read}` is read (line {self.line_of_key(read)})",
                        f"keep one of `{read}` and `{other}`"))

    def line(self, name: str) -> int:
        """The line of a field's key."""
        return self.line_of_key(self.keys[name])

    def line_of_key(self, raw_key: str) -> int:
        """The line of a key as written, found once per note by one scan of the YAML."""
        if self._lines is None:
            self._scan()
            assert self._lines is not None
        return self._lines.get(raw_key, self.front.yaml_line)

    def _scan(self) -> None:
        """Find each key's line, and each key written again (YAML keeps the last silently)."""
        self._lines, self._again = {}, []
        counter = _Lines(self.front.yaml, self.front.yaml_line)
        for match in FIELD_LINE.finditer(self.front.yaml):
            raw_key, line = match[1].strip("\"'"), counter.at(match.start())
            if raw_key in self._lines:
                self._again.append((raw_key, line))
            else:
                self._lines[raw_key] = line

    def problem(self, name: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, self.line(name), message, hint))

    def duplicates(self) -> None:
        """Name each field given twice, as Obsidian flags it."""
        if self._lines is None:
            self._scan()
        for raw_key, line in self._again:
            self.problems.append(Problem(
                self.path, line, f"`{raw_key}` is given more than once (also on line "
                f"{self.line_of_key(raw_key)}); the last one is read", f"keep one `{raw_key}` line"))

    def relations(self) -> tuple[tuple[str, Link], ...]:
        """Typed ties: each field vaultnet does not know whose values are links (`spouse`,
        `parents`, `manager`, …), by the field's name."""
        found: list[tuple[str, Link]] = []
        for raw_key, value in self.front.meta.items():
            if read_as(raw_key) is not None or not value:
                continue
            items = value if type(value) is list else (value,)
            targets = [link.target for item in items
                       for text in (_unquoted_link(item) if isinstance(item, list) else item,)
                       if isinstance(text, str) and "[[" in text
                       for link in find_wikilinks(text, 0)]
            if targets:
                line, kind = self.line_of_key(raw_key), " ".join(raw_key.split()).casefold()
                found.extend((kind, Link(target, line)) for target in targets)
        return tuple(found)

    def get(self, name: str) -> Any:
        raw_key = self.keys.get(name)
        return None if raw_key is None else self.front.meta[raw_key]

    def text(self, name: str) -> str | None:
        value = self.get(name)
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        if value is None or value == "":
            return None
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return clean(str(value))
        self.problem(name, f"`{self.keys[name]}` should be a single word or phrase, "
                     f"not {_describe(value)}", f"write `{self.keys[name]}: some text`")
        return None

    def texts(self, name: str) -> tuple[str, ...]:
        value = self.get(name)
        if value is None or value == "":
            return ()
        items = value if type(value) is list else (value,)
        out = []
        for item in items:
            if isinstance(item, list):
                item = _unquoted_link(item)
            if isinstance(item, str | int | float) and not isinstance(item, bool):
                text = clean(str(item))
                if text:
                    out.append(text)
                    # (What YAML folds comes of the loader alone: the simple reader folds nothing.)
                    if " - " in text and self.front.key_lines is None:
                        self.folded(name, text)
            elif item is not None:
                self.problem(name, f"`{self.keys[name]}` should list text, but has "
                             f"{_describe(item)}", f"write `{self.keys[name]}: [first, second]`")
        return tuple(out)

    def folded(self, name: str, value: str) -> None:
        """Name an item of a list field that YAML folded into the one above it: a `- b` line
        indented under `- a` (or under `key: a`) continues that item's text, so that `a - b` is
        read as one item where a list inside a list was meant. (Quoted, or on one line, ` - `
        is the user's own text.)"""
        above: int | None = None  # the indent of the line above, when it holds a plain value
        for number, line in enumerate(self.front.yaml.split("\n")):
            text = " ".join(line.split())
            if not text or text[0] == "#":
                continue
            indent = len(line) - len(line.lstrip(" "))
            if above is not None and indent > above and text[:2] == "- " \
                    and f" {text}" in value:
                self.problems.append(Problem(
                    self.path, self.front.yaml_line + number, f"`{self.keys[name]}`: `{text}` is "
                    "indented under the line above it, so YAML reads the two as one, "
                    f"`{value}`: vaultnet reads no list inside a list", "give each item its own "
                    "line at the same indent, or quote the item if the ` - ` is meant"))
                return
            plain = _PLAIN_VALUE.fullmatch(line.rstrip(" \t\r"))
            above = None if plain is None else len(plain[1])

    def links(self, name: str) -> tuple[Link, ...]:
        texts = self.texts(name)
        line = self.line(name) if texts else 0
        return tuple(Link(link.target, line, link.plain) for text in texts
                     for link in value_links(text))

    def parsed(self, name: str, parse: Callable[[Any], Any], what: str, example: str,
               meanwhile: str = "") -> Any:
        """The field `name` read by `parse`, or None (and a problem named, with an `example` to
        write, and what holds `meanwhile` if that is not plain) if it cannot be."""
        value = self.get(name)
        if value is None or value == "":
            return None
        try:
            result = parse(value)
        except BadDate as err:
            self.problem(name, f"`{self.keys[name]}`: {err}", f"write a real date, such as {example}")
            return None
        if result is None:
            self.problem(name, f"`{self.keys[name]}` is not {what}: {reprlib.repr(value)}",
                         f"write it like {example}{meanwhile}")
        return result


def empty_value(value: object) -> bool:
    """Whether a frontmatter value says nothing: none, blank text, a list of nothing or an empty
    mapping (what a template leaves: `birthday:`, `tags: []`, a `-` with no item)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return all(empty_value(item) for item in value)
    return isinstance(value, dict) and not value


def _unquoted_link(item: list[Any]) -> object:
    """YAML reads an unquoted `[[X]]` as a nested list: give it back as the link it was."""
    if len(item) == 1 and isinstance(item[0], list) and len(item[0]) == 1:
        item = item[0]
    if len(item) == 1 and isinstance(item[0], str):
        return f"[[{item[0]}]]"
    return item


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    return type(value).__name__


@functools.lru_cache(maxsize=1 << 14)
def _plain_topic(text: str) -> str:
    """A topic, alias or category as a plain name (a link's target; no `#`), the same in many
    notes: worked out once."""
    match = WIKILINK.fullmatch(text)
    if match:
        text = link_target(match[1]) or ""
    return " ".join(text.lstrip("#").split())


def _word(f: _Fields, name: str) -> str | None:
    """A `role` or `status` as a word without case; a link's by the last part of its target, as
    a vault that links its categories links these too (`role: "[[Mentor]]"` is `mentor`)."""
    text = f.text(name)
    if not text:
        return None
    if "[[" not in text:
        return text.casefold()
    links = _several_links(text)
    if links:  # (`role: "[[Mentor]], [[Peer]]"`: one is read, and the hint says which)
        first = _link_word(links[0])
        f.problem(name, f"`{f.keys[name]}` is one text with {len(links)} links; read as "
                  f"`{first}`", f"keep one: `{f.keys[name]}: {first}`")
        return first or None
    return _class_word(text) or None


def _names(f: _Fields, name: str) -> tuple[str, ...]:
    return tuple(n for n in (_plain_topic(t) for t in f.texts(name)) if n)


@functools.lru_cache(maxsize=1 << 12)
def _class_word(text: str) -> str:
    """A `type` or `categories` value as a word without case; a link's by the last part of its
    target, as Obsidian resolves `[[Categories/People|People]]` to the note People."""
    match = WIKILINK.fullmatch(text)
    if match:
        text = (link_target(match[1]) or "").rpartition("/")[2]
    return " ".join(text.lstrip("#").split()).casefold()


def _several_links(text: str) -> tuple[Link, ...]:
    """The links of a field's text that holds more than one (`"[[People]], [[Authors]]"`, which
    a list should have held); none for any other."""
    links = find_wikilinks(text, 0) if text.count("[[") > 1 else ()
    return links if len(links) > 1 else ()


def _link_word(link: Link) -> str:
    """A link of a field as `_class_word` reads it."""
    return _class_word(f"[[{link.target}]]")


def _class_words(f: _Fields, name: str) -> tuple[str, ...]:
    """Each word of a `type` or `categories` list; one text that holds several links
    (`categories: "[[People]], [[Authors]]"`) is one word each, and for `categories` (a list by
    nature, where `type` is the user's own word) named as a hint, as a list in one text is."""
    words: list[str] = []
    for text in f.texts(name):
        links = _several_links(text)
        if not links:
            words.append(_class_word(text))
            continue
        words += map(_link_word, links)
        if name == "categories":
            listed = ", ".join(f'"[[{link.target}]]"' for link in links)
            f.problem(name, f"`{f.keys[name]}` is one text with {len(links)} links; read as "
                      f"{len(links)} entries", f"write it as a list: `{f.keys[name]}: [{listed}]`")
    return tuple(w for w in words if w)


def _type(f: _Fields, name: str) -> dict[str, Any]:
    """`type` as a word, a list or links (`type: ["[[Authors]]"]`): the user's own classification,
    never a problem. `type` is `person` or `me` when any of its words is; else the first."""
    value = f.get(name)
    if type(value) is str and "[[" not in value:  # the common case, `type: person`
        word = clean(value).lstrip("#").casefold()
        return {"type": word or None, "types": (word,) if word else ()}
    words = _class_words(f, name)
    main = next((w for w in ("person", "me") if w in words), words[0] if words else None)
    return {"type": main, "types": words}


def _listed_names(f: _Fields, name: str) -> tuple[str, ...]:
    """A list field; one text with commas (`topics: climate tech, data science`) is read as a
    list, and named as a hint, since it was most likely meant as one."""
    value = f.get(name)
    if isinstance(value, str) and "," in value and "[[" not in value:
        parts = _comma_parts(value)
        f.problem(name, f"`{f.keys[name]}` is one text with commas; read as "
                  f"{len(parts)} entries: {', '.join(parts)}",
                  f"write it as a list: `{f.keys[name]}: [{', '.join(parts)}]`")
        return parts
    return _names(f, name)


def _comma_parts(value: str) -> tuple[str, ...]:
    """One text with commas as the list it stands for, each part as a plain name (`a, b` is `a`
    and `b`; an empty part is none)."""
    return tuple(p for p in (_plain_topic(clean(t)) for t in value.split(",")) if p)


def _lenient_date(value: object) -> Any:
    """A `date` field if it is one; anything else is the user's own business."""
    try:
        return parse_date(value)
    except BadDate:
        return None


def _birthday(value: object) -> Birthday | None:
    """A birthday as `parse_birthday` reads it, or in vCard's own forms, as the VCF Contacts
    plugin keeps a card's `BDAY`: 19800412 (a number, to YAML), perhaps with a time, and --0412
    without a year. A vCard date that names no one day (1980-04, --04, ---12) is none."""
    if type(value) is int:
        value = str(value)
    if type(value) is str and value[4:5] != "-":  # (1980-04-12 and --04-12 are no vCard's)
        value = from_vcard(value)
    return parse_birthday(value)


def _tags(f: _Fields, name: str) -> tuple[str, ...]:
    return tuple(sorted({tag.lstrip("#").casefold() for value in f.texts(name)
                         for tag in value.replace(",", " ").split()}))


# How to read each field: (attribute, reader) pairs, by field name.
_READERS: dict[str, Callable[[_Fields, str], dict[str, Any]]] = {
    "type": lambda f, n: _type(f, n),
    "role": lambda f, n: {"role": _word(f, n)},
    "status": lambda f, n: {"status": _word(f, n)},
    "tags": lambda f, n: {"tags": _tags(f, n)},
    "aliases": lambda f, n: _aliases(f, n),
    "topics": lambda f, n: {"topics": _listed_names(f, n)},
    "orgs": lambda f, n: _orgs(f.texts(n), f.line(n)),
    "knows": lambda f, n: {"knows": f.links(n)},
    "met_via": lambda f, n: {"met_via": f.links(n)},
    "cadence": lambda f, n: {"cadence_days": f.parsed(
        n, parse_cadence, "a cadence", "30d, 2w, 3m or monthly",
        "; until then, it is read as not given: their role's cadence, if it has one")},
    "last_contact": lambda f, n: {"last_contact": f.parsed(n, parse_date, "a date",
                                                            "2026-10-01")},
    "birthday": lambda f, n: {"birthday": f.parsed(n, _birthday, "a birthday",
                                                    "1980-04-12 or --04-12")},
    "offers": lambda f, n: {"offers": f.texts(n)},
    "needs": lambda f, n: {"needs": f.texts(n)},
    "goals": lambda f, n: {"goals": f.texts(n)},
    "story": lambda f, n: {"story": f.text(n)},
    "emails": lambda f, n: {"emails": _emails(f.texts(n))},
    "categories": lambda f, n: {"categories": _class_words(f, n)},
    "attendees": lambda f, n: {"attendees": f.links(n)},
    "dated": lambda f, n: {"dated": _lenient_date(f.get(n))},
}
assert set(_READERS) == set(FIELD_ALIASES)
_NO_FIELDS = Fields()


def _emails(texts: Iterable[str]) -> tuple[str, ...]:
    """Each address of these texts: a text of several (`a@x, b@y`, `a@x;b@y`) is split at its
    commas and semicolons outside quotes, brackets and comments, which no address holds; a piece
    without an `@` goes with the next (`Doe, Jane <jane@x>`). An address written with a name or
    a comment is the address alone (`Doe, Jane <jane@x>`, `jane@x (work, main)`)."""
    found: list[str] = []
    for text in texts:
        if text.count("@") < 2 and "," not in text and ";" not in text:
            found.append(text.strip())  # (one address, as written: `normal_address` reads it)
            continue
        held: list[str] = []
        for piece in _address_pieces(text):
            held.append(piece)
            if "@" in piece:
                found.append(_bare_address(",".join(held)))
                held = []
        if ",".join(held).strip(" \t,;"):
            found.append(_bare_address(",".join(held)))
    return tuple(e for e in found if e)


_CLOSING = {'"': '"', "(": ")", "<": ">"}


def _address_pieces(text: str) -> list[str]:
    """`text` cut at each comma and semicolon outside quotes, brackets and comments; at each
    one, when one of those is never closed (read as a plain character then). One pass."""
    pieces: list[str] = []
    start, inside, at = 0, "", 0
    while at < len(text):
        char = text[at]
        if inside:
            if char == "\\" and inside != "<":
                at += 1  # (a quoted pair: the character after it is the quote's, or comment's)
            elif char == _CLOSING[inside]:
                inside = ""
        elif char in _CLOSING:
            inside = char
        elif char in ",;":
            pieces.append(text[start:at])
            start = at + 1
        at += 1
    if inside:
        return re.split(r"[,;]", text)
    return [*pieces, text[start:]]


def _bare_address(text: str) -> str:
    """The address of a piece of an email field: inside its angle brackets, if it has them;
    else its word that holds an `@`, without the comments around it (a Markdown link,
    `[a@x](mailto:a@x)`, as it is)."""
    if text.lstrip().startswith("["):
        return text.strip(" \t,;")
    angled = _ANGLED.findall(text)  # (the last: the address after its name, which may hold one)
    if angled:
        return str(angled[-1])
    return next((word for word in _ADDRESS_GAPS.split(text) if "@" in word), text).strip(" \t,;")


def _aliases(f: _Fields, name: str) -> dict[str, Any]:
    """Aliases, and the line they are written on (for `check` to name one another note has).
    One text with commas (`aliases: Kimmy, KJ`, quoted or not) is an alias for each part, as
    Obsidian reads it (`parseFrontMatterAliases`; obsidianmd/obsidian-importer#64); a person's
    note is told so by `_aliases_in_one_text`."""
    value = f.get(name)
    aliases = _comma_parts(value) if type(value) is str and "," in value else _names(f, name)
    return {"aliases": aliases, "aliases_line": f.line(name)} if aliases else {}


def _orgs(texts: tuple[str, ...], line: int) -> dict[str, Any]:
    """Organisations: wikilinks to notes, and plain names."""
    orgs, links = [], []
    for text in texts:
        found = value_links(text) if "[[" in text else ()
        links += [Link(link.target, line) for link in found]
        if not found:
            orgs.append(text)
    return {"orgs": tuple(orgs), "org_links": tuple(links)}


def read_fields(front: Frontmatter, path: str) -> tuple[Fields, list[Problem]]:
    """The fields vaultnet understands, checked; one problem for each value it cannot use."""
    if not front.meta:
        return _NO_FIELDS, []
    f = _Fields(front, path)
    values: dict[str, Any] = {}
    together, ranked = f.together, f.ranked  # (rarely any: see `_Fields.spellings`)
    names: Iterable[str] = f.keys
    if together or ranked:
        names = [n for n in f.keys if n not in together and n not in ranked]
    for name in names:
        values.update(_read(f, name))
    for name, spellings in together.items():
        values.update(_read_together(f, name, spellings))
    for name, spellings in ranked.items():
        values.update(_read_ranked(f, name, spellings))
    if len(f.keys) < len(front.meta):
        values["relations"] = f.relations()
    if front.yaml.count("\n") >= len(front.meta):  # more lines than keys: a key may repeat
        f.duplicates()
    if ranked:
        f.unread_spellings()
    return Fields(**values), f.problems


def _read(f: _Fields, name: str) -> dict[str, Any]:
    """A field's values, as its reader reads the spelling `f.keys` names."""
    try:
        return _READERS[name](f, name)
    except RecursionError:
        f.problem(name, f"`{f.keys[name]}` is nested too deeply", "flatten it")
        return {}


def _read_together(f: _Fields, name: str, spellings: list[str]) -> dict[str, Any]:
    """A list field written under several spellings: each read as if it were the only one (its
    problems named by it, its links at its line), their values together, each once (text
    without case, a link by its target), in the order given; tags sorted, as ever. Its
    spelling in `f.keys` is then the best-ranked, as for any other field."""
    values: dict[str, Any] = {}
    for raw_key in spellings:
        f.keys[name] = raw_key
        for attribute, found in _read(f, name).items():
            if type(found) is tuple:
                values[attribute] = _each_once(values.get(attribute, ()), found)
            else:  # (a line: the first spelling's)
                values.setdefault(attribute, found)
    f.keys[name] = min(spellings, key=_rank)
    if "tags" in values:
        values["tags"] = tuple(sorted(values["tags"]))
    return values


def _read_ranked(f: _Fields, name: str, spellings: list[str]) -> dict[str, Any]:
    """A single-valued field written under several spellings, best-ranked first: the first whose
    value can be read, each before it named for its bad value. When none can be, the
    best-ranked is read (and named) as if it were the only one. `f.keys` names the one read."""
    kept = len(f.problems)
    for raw_key in spellings:
        f.keys[name] = raw_key
        before = len(f.problems)
        values = _read(f, name)
        if len(f.problems) == before:
            return values
    del f.problems[kept:]
    f.keys[name] = spellings[0]
    return _read(f, name)


def _each_once(first: tuple[Any, ...], more: tuple[Any, ...]) -> tuple[Any, ...]:
    """`first`, then each value of `more` not already there (text without case, a link by its
    target's)."""
    seen = {_same(value) for value in first}
    added = []
    for value in more:
        if _same(value) not in seen:
            seen.add(_same(value))
            added.append(value)
    return first + tuple(added)


def _same(value: str | Link) -> str:
    return (value.target if isinstance(value, Link) else value).casefold()


def blank_code(body: str) -> str:
    """Code blocks hold no links or log entries: blank their lines, keeping the line count.

    As in CommonMark, a fence is closed only by a fence of the same character at least as long,
    and a fence never closed runs to the end of the note. A fence's info string is blanked too
    (it is no text of the note), and the fence itself is kept.
    """
    return _code_blanked(body)[0]


def _code_blanked(body: str) -> tuple[str, tuple[int, str] | None]:
    """`blank_code`'s text, and the line (counted from 0) and fence of a code block never closed
    (None if every one is)."""
    if "```" not in body and "~~~" not in body:
        return _indented_code_blanked(body), None
    lines = body.split("\n")
    fence, opened = "", 0
    fenced: set[int] = set()  # the lines inside a fenced block
    for number, line in enumerate(lines):
        if not fence:
            found = _opens_code(line)
            if found is not None:
                fence, opened = found[1], number
                info = line[found.end():]
                if info.strip():
                    lines[number] = line[:found.end()] + re.sub(r"[^\r]", " ", info)
        elif _closes_code(line, fence):
            fence = ""
        else:
            lines[number] = ""
            fenced.add(number)
    return _indented_code_blanked("\n".join(lines), fenced), (opened, fence) if fence else None


# A line indented by four columns or more after a blank line, a heading or the body's start: the
# first line of an indented code block, unless it continues a list item (`_indented_code_blanked`).
# Looked for only in a text with an indented line at all (`_INDENTED`, one quick scan: the whole
# pattern, tried at every line, took 0.37 s of a cold sync of 10,000 dense people).
_INDENTED = re.compile(r"\n(?: {4}| {0,3}\t)")
_INDENTED_CODE = re.compile(r"(?:\A(?:[ \t]*\r?\n)?|\n[ \t]*\r?\n|\n[ ]{0,3}#{1,6}(?:[ \t][^\n]*)?\n)"
                            r"(?: {4}| {0,3}\t)[ \t]*[^\s]")


def _indented_code_blanked(text: str, fenced: Set[int] = frozenset()) -> str:
    """`text` with the lines of its indented code blocks blank (CommonMark's, as Obsidian shows
    them: lines indented by four columns or more that follow a blank line, a heading or another
    such line, outside a list). A list lasts while its lines, after a blank one, are indented at
    least to its first item's text (two columns for `- `, three for `1. `); the lines of a fenced
    block (`fenced`, by number, blanked already) are its item's, whatever they hold. A text that
    may hold none (nearly every note) is `text` itself."""
    if not ((_INDENTED.search(text) is not None or text[:1] in (" ", "\t"))
            and _INDENTED_CODE.search(text) is not None):
        return text
    lines = text.split("\n")
    column = 0  # where the text of the list item open at the left starts (0: no list open)
    opens, code = True, False
    for number, line in enumerate(lines):
        if number in fenced:
            continue
        if not line.strip():
            opens = True
            continue
        expanded = line.expandtabs(4)
        width = len(expanded) - len(expanded.lstrip(" "))
        if width >= 4 and not column and (opens or code):
            lines[number], code = "", True
            continue
        code = False
        item = _ITEM.match(expanded)
        heading = _HEADING_START.match(expanded) is not None
        if item is not None and (not column or width < column):
            after = len(item[0]) - len(item[0].rstrip())  # (the spaces after its marker)
            column = len(item[0]) if 1 <= after <= 4 else len(item[0]) - after + 1
        elif column and width < column and (opens or heading):
            column = 0  # a line left of the item's text after a blank line, or a heading, ends it
        opens = heading
    return "\n".join(lines)


_HEADING_START = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]|\r?$)")


def _opens_code(line: str) -> re.Match[str] | None:
    """The fence that opens a code block on `line`, if one does (a line of backticks followed by a
    backtick is inline code, no fence)."""
    found = _FENCE.match(line)
    return None if found is None or (found[1][0] == "`" and "`" in line[found.end():]) else found


def _closes_code(line: str, fence: str) -> bool:
    """Whether `line` closes the code block `fence` opened: the same character, at least as many,
    and nothing after them."""
    found = _FENCE.match(line)
    return found is not None and found[1][0] == fence[0] and len(found[1]) >= len(fence) \
        and not line[found.end():].strip()


class _Lines:
    """Line numbers of increasing positions in a text, counted once."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text, self.pos, self.line = text, 0, first_line

    def at(self, pos: int) -> int:
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def person_entries(path: str, body: str, titles: frozenset[tuple[str, ...]] = LOG_TITLES,
                   daily: DailyNotes | None = None) -> list[Entry]:
    """The dated entries of a person note's body as `parse_note` reads them (none in code or in
    what a comment hides), their lines counted from 1 at the body's first line: for `vaultnet
    log` to put a new one beside them. `titles` are the Log section's (`names_the_log`), `daily`
    the vault's daily notes (`Conventions.daily`)."""
    return _person_body(blank_comments(blank_code(body)), 1, path, titles,
                        day_link_format(daily))[0]


def _person_body(body: str, first_line: int, path: str,
                 titles: frozenset[tuple[str, ...]] = LOG_TITLES, day_format: str = ""
                 ) -> tuple[list[Entry], list[Task], list[Link], list[Problem]]:
    """A person note's dated entries, tasks and links, and the problems met reading them: in one
    pass over its lines, since a person's note is most of what a sync reads.

    Each line is read on its own, as the patterns (none of which crosses a line) would read it in
    the whole body. A line is at most one of a dated entry, a task and an almost-dated item: each
    needs something different right after the list marker (a date, or a link to a day's note;
    `[x] `; a date set off by a mark, or not ISO). The problems come in the order entries,
    tasks, almost-dated lines, callouts of dated lines not titled Log (`_Quotes.named`).

    A line of a quote or callout (`> - 2026-10-01 …`, `>> ## 2026-10-01 …`) is read without its
    marks, as the same line outside the quote, when the callout's title is one of `titles`
    (`_Quotes`); only such a line pays for that.

    With `day_format` (`day_link_format`), a line led by a link to a day's note in that form
    (`- [[15.11.2026]] Coffee` by `DD.MM.YYYY`) is that day's entry too (`_day_linked`).
    """
    entries: list[Entry] = []
    tasks: list[Task] = []
    links: list[Link] = []
    dates: list[Problem] = []
    dues: list[Problem] = []
    almost: list[Problem] = []
    quotes: _Quotes | None = None  # (made at a note's first quoted line: most have none)
    headings: list[str] = []  # (what `_under_the_log` looks back through, when it must)
    for number, line in enumerate(body.split("\n"), start=first_line):
        if "[[" in line or "](" in line:
            found = find_links(line, number)
            links += found
        else:
            found = ()
        head = line.lstrip(" \t")[:1]
        if not head or not (head in "-*+#" or head.isdigit()):
            if head != ">":
                continue  # not a list item, heading or quote: no entry or task
            quotes = quotes or _Quotes(titles, day_format,
                                       lambda: _under_the_log(headings, titles))
            line = quotes.inside(line, number)
            if not line:
                continue
        dated = _DATED_LINE.match(line)
        if dated is not None:
            entry = _entry(dated, line, number, found, path, dates)
            if entry is not None:
                entries.append(entry)
        elif found and day_format and \
                (entry := _day_linked(line, number, day_format, path, dates)) is not None:
            entries.append(entry)
        elif (task := _TASK.match(line)) is not None:
            tasks.append(_task(task, number, path, dues))
        elif (looks := _ALMOST_DATED.match(line)) is not None and (
                _NUMERIC.fullmatch(looks[3]) or (_names_a_day(looks[3]) and (
                    head == ">" or kinds_of(find_tags(line))
                    or _under_the_log(headings, titles)))):
            almost.append(_almost_dated(looks, number, path))
        elif head == "#":
            headings.append(line)
    if quotes is not None and (quotes.named or quotes.quoted):
        almost += [_other_callout(path, line) for line in quotes.named]
        almost += [_quoted_log(path, line) for line in quotes.quoted]
    return entries, tasks, links, dates + dues + almost


def _under_the_log(headings: list[str], titles: frozenset[tuple[str, ...]]) -> bool:
    """Whether a line after these heading lines is in a Log section: one of the headings it is
    under (the last, and each before it of a lower level than the one after) names the log.
    (Looked back through only for the rare line that asks: naming every heading's title as it
    came took a cold sync 1 % more.)"""
    bound = 7  # (deeper than any heading)
    for line in reversed(headings):
        heading = _HEADING.fullmatch(line)
        if heading is None:
            continue  # (`#tag` and the like: no heading)
        marks = line.lstrip(" \t")
        level = len(marks) - len(marks.lstrip("#"))
        if level < bound:
            if names_the_log(heading[1] or "", titles):
                return True
            bound = level
    return False


def names_the_log(title: str, titles: frozenset[tuple[str, ...]] = LOG_TITLES) -> bool:
    """Whether a heading's or a callout's title is `Log`, `Logs` or `Interactions` (or another of
    `titles`, the vault's: `Conventions.log_titles`) once emoji, symbols, punctuation and markup
    are set aside: `Log 📝`, `📝 Log`, `**Log**`, `Interactions:`. Any other word makes it
    something else (`Logistics`, `Log of books read`, `Reading log`): a section the user keeps for
    another thing. `History` and `Timeline` are not taken: as often a biography."""
    return tuple(title_words(title)) in titles


class _Quotes:
    """Reads the lines of a Log callout (`> [!note] Log`, `> [!info]- Interactions`: its first
    line's title is one `names_the_log` takes) in a person's note as `_person_body` reads lines
    outside it, once their marks are set aside; the callout's own first line is no list item or
    heading, so it is none of an entry, a task and a hint. Any other quote or callout is quoted
    text (an email pasted in, someone's plan): its dated lines and tasks are theirs, not the
    note's log, and are not read; so is one inside the Log callout, whatever its title (more
    marks than its own: `>   > [!quote] Her email` under an entry). A callout with another
    title that holds dated list items or headings as a log does, two or more, one with an
    interaction's tag (`> [!note] Verlauf`, then `> - 2026-11-01 Kaffee #met`), may be a log all
    the same: its first line goes into `named`, once, for `check` to name it; and so does a
    plain quote (no callout) in a Log section (`in_log`, asked then), into `quoted`: a log
    written as a quote. (One dated line is as likely someone's plan or an email's, `> -
    2026-11-25 I'm away until then`; dated lines without a tag, a timeline of a company's or a
    career's; and a `[!quote]` or `[!cite]` callout holds someone's words.)

    What Obsidian shows as code is not read either: a fence after the marks (`> ~~~`) opens a
    code block that runs to its closing fence or to the end of the quote (a line that is not
    quoted). Code outside quotes is blank already (`blank_code`)."""

    __slots__ = ("dated", "day_format", "depth", "fence", "in_log", "last", "log", "named",
                 "other", "other_line", "plain", "quoted", "tagged", "titles", "told")

    def __init__(self, titles: frozenset[tuple[str, ...]] = LOG_TITLES, day_format: str = "",
                 in_log: Callable[[], bool] = lambda: False) -> None:
        self.titles = titles  # of a Log callout (`names_the_log`)
        self.day_format = day_format  # of the links that date a line too (`_led_by_a_day`)
        self.fence = ""  # the fence of a code block open in the quote being read
        self.last = -1  # the line of the last quoted line read
        self.depth = 0  # its marks
        self.log = 0  # the marks of the Log callout being read (0: none)
        self.other = 0  # the marks of the innermost other callout being read (0: none)
        self.other_line = 0  # its first line
        self.dated = 0  # how many dated lines it holds
        self.tagged = False  # whether one of them has an interaction's tag
        self.named: list[int] = []  # the first lines of other callouts holding two or more
        self.plain = False  # whether the other quote being read is no callout
        self.told = False  # whether it was named, or found not to be in a Log section
        self.in_log = in_log  # whether the line being read is in a Log section
        self.quoted: list[int] = []  # the first lines of plain quotes holding two or more there

    def inside(self, line: str, number: int) -> str:
        """The text of the quoted `line` (number `number`) after its marks, if it is a list item
        or heading of a Log callout, outside code; "" if not."""
        if line[:2] == "> " and line[2:3] not in " \t>":  # (the usual one mark: no pattern)
            text, depth = line[2:], 1
        else:
            marks = QUOTE_MARKS.match(line)
            text, depth = (line[marks.end():], marks[0].count(">")) if marks else (line, 0)
        if number != self.last + 1:  # another quote: what the last one held ended with it
            self.fence, self.depth, self.log, self.other = "", 0, 0, 0
            if text[:2] != "[!":  # (a plain quote: read for dated lines, as another callout)
                self.other, self.other_line, self.dated, self.tagged = depth, number, 0, False
                self.plain, self.told = True, False
        self.last = number
        if depth < self.log:
            self.log = 0  # (the Log callout ended: a line of the quote around it)
        if depth < self.other:
            self.other = 0
        if self.log and depth > self.log:
            return ""  # a quote in the Log callout (an email pasted in): theirs, code and all
        if depth > self.depth and not self.fence and text[:2] == "[!":
            title = callout_title(text)  # (a callout's first line: the first of its marks)
            if title is not None and names_the_log(title, self.titles):
                self.log = depth
            elif title is not None and not _QUOTING.match(text):
                self.other, self.other_line, self.dated, self.tagged = depth, number, 0, False
                self.plain, self.told = False, False
        self.depth = depth
        if not (self.log or self.other):
            return ""
        if self.fence:
            if _closes_code(text, self.fence):
                self.fence = ""
            return ""
        head = text.lstrip(" \t")[:1]
        if head and (head in "-*+#" or head.isdigit()):
            if self.log:
                return text
            if _DATED_LINE.match(text) or _led_by_a_day(text, self.day_format):
                self.dated += 1
                self.tagged = self.tagged or bool(kinds_of(find_tags(text)))
                if self.dated >= 2 and self.tagged and not self.told:
                    self.told = True
                    if not self.plain:
                        self.named.append(self.other_line)
                    elif self.in_log():
                        self.quoted.append(self.other_line)
            return ""
        if head and head in "`~" and (opened := _opens_code(text)) is not None:
            self.fence = opened[1]
        return ""


@functools.lru_cache(maxsize=1024)
def kinds_of(tags: frozenset[str]) -> frozenset[str]:
    """The interaction kinds among a line's tags; a nested tag such as #outreach/email counts as
    its root, as Obsidian's tag search counts it."""
    return frozenset(tag.partition("/")[0] for tag in tags).intersection(KINDS)


def _other_callout(path: str, line: int) -> Problem:
    """A hint for a callout of dated lines whose title is not Log's (`_Quotes.named`)."""
    return Problem(path, line, "a callout of dated lines that is not titled Log: vaultnet reads "
                   "only a callout titled Log, Logs or Interactions as the log, so none of its "
                   "lines is read", "title it Log if it is the log (`> [!note] Log`)")


def _quoted_log(path: str, line: int) -> Problem:
    """A hint for a plain quote of dated lines in a Log section (`_Quotes.quoted`)."""
    return Problem(path, line, "a quote of dated lines in the Log section: vaultnet reads a quote "
                   "as someone's words (an email pasted in), so none of its lines is read",
                   "if they are your log, take the `>` off them, or title a callout Log "
                   "(`> [!note] Log`)")


def opens_log_callout(text: str, titles: frozenset[tuple[str, ...]] = LOG_TITLES) -> bool:
    """Whether the first line of a quote, once its marks are set aside, opens a Log callout
    (`[!note] Log`, `[!info]- Interactions`: a title `names_the_log` takes, of `titles`)."""
    title = callout_title(text) if text[:2] == "[!" else None
    return title is not None and names_the_log(title, titles)


def callout_title(text: str) -> str | None:
    """The title a callout shows, given its first line without its marks (`[!note] Log` is
    `Log`; `[!log]` alone shows its type, `log`); None if the line starts no callout."""
    found = _CALLOUT.match(text)
    if found is None:
        return None
    return found[2].strip() or found[1].strip()


def _entry(dated: re.Match[str], line: str, number: int, found: tuple[Link, ...],
           path: str, problems: list[Problem]) -> Entry | None:
    """A dated line's entry (None if its date does not exist, which is a problem).

    A line dated by a plain date (`- 2026-01-02 …`, the usual way) has nothing before its text
    that could hold a link or change its code spans: its links are the line's `found` links,
    unless a stray carriage return cut its text short. Else they are found in the text alone.
    """
    try:
        day = iso_date(dated[1] or dated[2] or dated[3] or dated[4])
    except BadDate as err:
        problems.append(Problem(path, number, f"log entry date {err}",
                                "write a real date as YYYY-MM-DD"))
        return None
    text = dated[5].strip()
    whole = dated[2] is not None and dated.end(5) >= len(line.removesuffix("\r"))
    links = found if whole else find_links(text, number)
    return new_tuple(Entry, (day, text, find_tags(text), links, number))  # (one per dated line)


@functools.lru_cache(maxsize=8)
def day_link_format(daily: DailyNotes | None) -> str:
    """The daily-note format by which a link that leads a log line names its day (`_day_linked`):
    the vault's, unless its names are an ISO date, alone or with more after a space, which
    `_DATED_LINE` reads in every vault (`YYYY-MM-DD-dddd` is not), or it names no day; "" for
    none (and for no `daily`)."""
    if daily is None:
        return ""
    last = daily.format.rpartition("/")[2]
    if not daily.format or last == "YYYY-MM-DD" or last.startswith("YYYY-MM-DD ") \
            or format_pattern(daily.format) is None:
        return ""
    return daily.format


def _day_linked(line: str, number: int, day_format: str, path: str, problems: list[Problem]
                ) -> Entry | None:
    """The entry of a list item or heading led by a link to a day's note named by `day_format`,
    the vault's daily-note format (`[[15.11.2026]]` by `DD.MM.YYYY`, `[[Journal/15.11.2026|Sun]]`,
    `[Sun](15.11.2026.md)`), as `_entry` reads one led by `[[2026-11-15]]`: the link is the
    day's, and what follows it the entry's text. None if the line is led by no such link, or by
    one whose name is in the form but names no real day (a problem)."""
    lead = _LEAD.match(line)
    led = leading_link(line, lead.end()) if lead is not None else None
    if led is None:
        return None
    target, end = led
    try:
        day = _day_named(target, day_format)
    except BadDate as err:
        problems.append(Problem(path, number, f"log entry date {err}",
                                "link the note of a real day"))
        return None
    if day is None:
        return None
    parted = _PARTING.match(line, end)  # (it matches wherever it is tried)
    text = line[parted.end() if parted is not None else end:].strip()
    return new_tuple(Entry, (day, text, find_tags(text), find_links(text, number), number))


def _day_named(target: str, day_format: str) -> date | None:
    """The day a link's target names by a daily-note format: by its name alone (the shortest
    link Obsidian writes), else, for a format with folders, by its path; None if neither is in
    the form. A weekday that belies the date is the date's, as in the name of a day's note."""
    try:
        day = date_from_format(target.rpartition("/")[2], day_format.rpartition("/")[2])
        if day is None and "/" in day_format:
            day = date_from_format(target, day_format)
    except WrongWeekday as err:
        return err.day
    return day


def _to_do(line: str) -> re.Match[str] | None:
    """The task a line is, if it is one not done (see `_daily_entries`)."""
    if "] " not in line and "]\t" not in line:
        return None
    task = _TASK.match(line)
    return task if task is not None and task[1] in _NOT_DONE \
        and not _COMPLETED.search(task[2]) else None


def _meeting_links(body: str, first_line: int) -> list[Link]:
    """The links of a meeting note's body that name who was there: every link but those of an
    action item not done (`- [ ] Send [[Dana]] the deck`), save the one it starts with, its
    owner's (`- [ ] [[Sam Lee]] to send the deck`)."""
    if "] " in body or "]\t" in body:
        lines = body.split("\n")
        for at, line in enumerate(lines):
            if (task := _to_do(line)) is not None:
                owner = leading_link(line, task.start(2))
                lines[at] = line[task.start(2):owner[1]] if owner is not None else ""
        body = "\n".join(lines)
    return _all_links(body, first_line)


def _daily_entries(body: str, first_line: int, day: Any) -> list[Entry]:
    """Each line of a day's note that links a note: an interaction on that day, unless it is a
    task not done (`- [ ] Call [[Sam]]`, one in progress, cancelled, put off or scheduled: what
    is still to do, or was not done, is no contact), as the Tasks plugin reads a task done:
    checked with an `x`, or dated ✅ (or Dataview's `[completion:: …]`). A line with another
    theme's checkbox (`- [*] Lunch with [[Sam]]`, `[!]`, `[i]`) marks the line, and counts."""
    entries = []
    for number, text in enumerate(body.split("\n"), start=first_line):
        if "[[" in text or "](" in text:
            links = find_links(text, number)
            if links and not _to_do(text):
                text = text.strip()
                entries.append(Entry(day, text, find_tags(text), links, number))
    return entries


def _task(match: re.Match[str], line: int, path: str, problems: list[Problem]) -> Task:
    """A task line's task, with its due date; a due date that does not exist is a problem, and
    so is one written in a form that is not read (`_unread_due`) on a task still open."""
    mark, text = match[1], match[2]
    due = None
    found = _DUE.search(text)
    if found:
        try:
            due = iso_date(found[1])
        except BadDate as err:
            problems.append(Problem(path, line, f"task due date {err}",
                                    "write a real date as YYYY-MM-DD"))
        text = (text[:found.start()] + text[found.end():])
    done = mark not in OPEN_BOXES or DONE_MARK.search(text) is not None
    if found is None and not done and (any(mark in text for mark in DUE_MARKS) or "due" in text
                                       or "Due" in text or "DUE" in text):
        problems += _unread_due(text, line, path)
    return Task(" ".join(BLOCK_ID.sub("", text).split()), done, due, line)


def _unread_due(text: str, line: int, path: str) -> list[Problem]:
    """A problem for an open task's due date written in a form that is not read
    (`📅 2026-11-2`, `(due 11/27/2026)`, `due: 27.11.2026`, `📅 Nov 27`): the promise would
    never come due. Only what follows the Tasks plugin's 📅 or the word `due` is taken for one,
    and after the word only a date (`due diligence`, `due at 10.30` are none)."""
    found = _unread_due_pattern().search(text)
    if found is None:
        return []
    written = found[1] or found[2]
    day = written.removeprefix("[[").removesuffix("]]").partition("|")[0]  # (a day's note's link)
    days = _iso_readings(day) if _NUMERIC_DAY.fullmatch(day) else []
    if len(days) == 2:
        fix = f"📅 {days[0]} if the day comes first, 📅 {days[1]} if the month does"
    else:
        fix = f"📅 {days[0] if days else 'YYYY-MM-DD'}"
    return [Problem(path, line, f"`{written}` looks like a due date but is not written as "
                    "📅 YYYY-MM-DD, so the task has no due date", f"write it as {fix}")]


def _all_links(body: str, first_line: int) -> list[Link]:
    lines = _Lines(body, first_line)
    return [Link(target, lines.at(start)) for start, target in link_targets(body)]


def is_in_folder(path: str, folder: str) -> bool:
    """Whether a vault path is inside a folder, ignoring case and Unicode normalisation."""
    return bool(folder) and nfc(path).casefold().startswith(key(folder) + "/")


def note_name(path: str) -> str:
    """A note's name, as links use it: the file name without `.md` (in any case)."""
    name = path.rpartition("/")[2]
    return name[:-3] if name.lower().endswith(".md") else name


def blank_comments(body: str) -> str:
    """What Obsidian hides (`%% … %%`, `<!-- … -->`) holds no entries, tasks or links: blank it,
    keeping the line count. A comment never closed hides everything after it, to the end of the
    note (as a code block never closed does); none is inside a code span (as `log` reads them)."""
    if "%%" not in body and "<!--" not in body:
        return body
    out, at = [], 0
    for match in _comments(body):
        out += [body[at:match.start()], re.sub(r"[^\n]", " ", match[0])]
        at = match.end()
    return "".join(out) + body[at:]


def _comments(body: str) -> Iterator[re.Match[str]]:
    """The comments in a text, found where its code spans are masked (the same length), so that
    their places are the text's own."""
    return COMMENT.finditer(without_code(body))


def comment_left_open(text: str) -> str | None:
    """The mark (`%%` or `<!--`) of a comment that `text` opens and never closes, outside code
    spans; None if it closes every comment it opens. Obsidian hides what follows such a mark."""
    left = _left_open(text)
    return None if left is None else left["open"]


def hidden_from(body: str) -> tuple[int, str] | None:
    """Where Obsidian stops showing a note's body, if it does: the line (counted from 0) that
    opens a code block or a comment never closed, and its mark (a fence, `%%` or `<!--`).
    Everything after that mark, to the end of the note, is hidden, and so never read."""
    text, fence = _code_blanked(body)
    left = _left_open(text)  # (it opens before any code block never closed: that would hide it)
    return fence if left is None else (text.count("\n", 0, left.start()), left["open"])


def _left_open(text: str) -> re.Match[str] | None:
    """The comment never closed in a text without code blocks, if there is one (it is the last:
    it runs to the end)."""
    if "%%" in text or "<!--" in text:
        for match in _comments(text):
            if match["open"] is not None:
                return match
    return None


def is_template(text: str) -> bool:
    """Whether a note's frontmatter holds `{{…}}` or `<% … %>` placeholders: a template."""
    if "{{" not in text and "<%" not in text:
        return False
    lines = frontmatter_lines(text)
    return lines > 0 and any(map(_holds_a_placeholder, text.split("\n", lines)[:lines]))


def _holds_a_placeholder(line: str) -> bool:
    """Whether a line holds a placeholder (`PLACEHOLDER`): a `<%` closed after it on the line is
    looked for once, from the first (a line of many never closed took `PLACEHOLDER` a scan to
    its end from each)."""
    opened = line.find("<%")
    return (opened >= 0 and line.find("%>", opened + 2) >= 0) or \
        ("{{" in line and _CURLY_PLACEHOLDER.search(line) is not None)


_DEFAULT = Conventions()
# Markdown files that plugins write and show in views of their own: an Excalidraw drawing (with
# its key in the frontmatter, and a name that ends `.excalidraw`), a Kanban board. Neither is a
# person's, a day's or a meeting's, whatever its folder or name: a drawing embedded in a person's
# note is kept beside it (in the people folder), its boxes link people (`abc123: [[Sam Lee]]`);
# a board's cards are calls still to make.
PLUGIN_KEYS = frozenset({"excalidraw-plugin", "kanban-plugin"})


def _person_rule(fields: Fields, path: str, daily: Any, conventions: Conventions) -> str:
    """The rule that makes a note a person's ("" if none does), in the order `check` names them.

    In a people folder a note is a person's whatever its `type`, unless it says that it is no
    person (`_not_a_person`) or is a daily note. A note there named like a day that holds a
    person's own fields (`_holds_a_person`: a role, a cadence, …) is a person's all the same,
    unless the daily-note setting names a folder it is in: a template that names a new note by
    the date leaves one, and with no daily folder set, Obsidian only says that a day's page may
    be anywhere. (A journal kept in the people folder holds no such fields: it stays a journal.)
    """
    if not conventions.person_types.isdisjoint(fields.types):
        if "person" in fields.types:
            return "type"
        return f"type {min(conventions.person_types.intersection(fields.types))}"  # `contact`, …
    if not conventions.person_categories.isdisjoint(fields.categories):
        return "category"
    if fields.tags and not conventions.person_tags.isdisjoint(_tags_and_above(fields.tags)):
        return "tag"
    if daily is None or (fields is not _NO_FIELDS and not conventions.daily.folder
                         and _holds_a_person(fields)):
        folder = _people_folder(path, conventions)
        if folder and not _not_a_person(fields, path, conventions):
            return folder
    return ""


def _tags_and_above(tags: tuple[str, ...]) -> Iterator[str]:
    """Each tag and each it is nested under (`people/family/kids`: `people`, `people/family`),
    as Obsidian's search for a tag finds the tags under it."""
    for tag in tags:
        yield tag
        at = tag.find("/")
        while at > 0:
            yield tag[:at]
            at = tag.find("/", at + 1)


def _holds_a_person(fields: Fields) -> bool:
    """Whether a note's fields are a person's own, which no day's page holds: a role, a cadence,
    an organisation, a birthday, a last contact, whom they know or were met through, an email,
    offers or needs. (A `type`, tags, aliases, topics, a status and who was there are as often
    a journal page's.)"""
    return bool(fields.role or fields.cadence_days is not None or fields.orgs
                or fields.org_links or fields.birthday is not None
                or fields.last_contact is not None or fields.knows or fields.met_via
                or fields.emails or fields.offers or fields.needs)


def _people_folder(path: str, conventions: Conventions) -> str:
    """The rule of the people folder a note is in (`folder People`, `the VCF Contacts plugin's
    folder CRM`), or "" if it is in none."""
    return _folder_rule(path.rpartition("/")[0], conventions)


@functools.lru_cache(maxsize=1024)
def _folder_rule(within: str, conventions: Conventions) -> str:
    """`_people_folder` of the notes in the folder `within` ("" for the top of the vault): the
    rule is the folder's, worked out once for all its notes (a sync's summary asks it of every
    note outside the people folders, and the parse of each note no other rule finds a person's:
    at 10,000 dense people, 1,200 notes in 0.8 ms, where each note's own took 1.6)."""
    if is_in_folder(f"{within}/", conventions.people_folder):
        return f"folder {conventions.people_folder}"
    for contacts in conventions.contacts_folders:  # (from the top of the vault, as the plugin's)
        if is_in_folder(f"{within}/", contacts):
            return f"the VCF Contacts plugin's folder {contacts}"
    folders = within.split("/") if within else []
    for folder in conventions.person_folders:
        if "/" in folder and is_in_folder(f"{within}/", folder):
            return f"folder {folder}"
        for written in folders:
            if key(written) == folder:
                return f"folder {written}"
    return ""


def _not_a_person(fields: Fields, path: str, conventions: Conventions) -> str:
    """Why a note in a people folder is no person's by the folder alone ("" if it is one): its
    `type` names the profile or an organisation, it is a people folder's own note (the Folder
    Notes convention: `Contacts/Contacts.md`), or it is tagged or typed as an index (`moc`,
    `index`)."""
    if not PROFILE_TYPES.isdisjoint(fields.types):
        return "profile"
    if not ORGANISATION_TYPES.isdisjoint(fields.types):
        return "organisation"
    if _is_folder_note(path, conventions):
        return "folder note"
    if not (INDEX_WORDS.isdisjoint(fields.tags) and INDEX_WORDS.isdisjoint(fields.types)):
        return "index"
    if not PLUGIN_KEYS.isdisjoint(fields.types):
        return "plugin"
    return ""


def _is_folder_note(path: str, conventions: Conventions) -> bool:
    """Whether a note is named like the people folder it is in (`People/People.md`). A note named
    like a folder inside one (`People/Jane Doe/Jane Doe.md`, a folder of a person's own) is not:
    that is how Folder Notes keeps a person with their files."""
    folders = path.split("/")[:-1]
    if not folders or key(folders[-1]) != key(note_name(path)):
        return False
    parent, last = key("/".join(folders)), key(folders[-1])
    return any(parent == key(folder) or last == folder for folder in (
        conventions.people_folder, *conventions.contacts_folders, *conventions.person_folders))


def passed_over(note: Note, conventions: Conventions) -> str:
    """Why a note in a people folder was not read as a person's (see `_not_a_person`), for
    `check` to tell; "" for a person's note, a daily note, a template, a note that could not be
    read, and any note outside the people folders."""
    if note.found_by or note.daily is not None or note.template or not note.readable \
            or not _people_folder(note.path, conventions):
        return ""
    return _not_a_person(note.fields, note.path, conventions)


def _daily_day(path: str, name: str, daily: DailyNotes, problems: list[Problem]
               ) -> tuple[Any, bool]:
    """The day a daily note is for, by Obsidian's setting or else by its name (None if it is not
    one); and whether its name is that day's alone (in the setting's form, or wholly a date): a
    journal's page, never a meeting, where a name that only starts with a date (`2023-09-12
    Meeting with Steph`) may be a meeting's. A name that is a date, or has the setting's form,
    but names no real day is a problem.

    In the setting's folder, a note named by a date that is not in the setting's form (one from
    before the format was changed: `2026-11-24.md` beside `2026-11-24 Tuesday.md`) is a daily
    note all the same, by the rule without a setting; and so is one at the vault's top named by
    an ISO date alone, where Obsidian keeps the day's page until a setting names a folder or a
    form (it leaves the pages before where they were: their lines are the journal's, each tagged
    as its writer meant, not a meeting with everyone they link; elsewhere, `Meetings/2026-11-20`
    may well be a meeting's). A name in the form whose weekday belies its date (`2026-11-10
    Monday`, a Tuesday) is the page of the date it names: the problem says so,
    and its lines are not lost to a meeting. (With no folder set, the setting's form alone says
    which notes are daily notes, anywhere in the vault as Obsidian searches it: else every dated
    note of the vault would be one; below the top, a weekday's word must be one, as Obsidian's
    strict reading has it, or `Work/2026-11-10 Kickoff` would be a page.)"""
    try:
        if daily.format:
            inside = not daily.folder or is_in_folder(path, daily.folder)
            if inside:
                relative = path[len(daily.folder) + 1:] if daily.folder else path
                day = date_from_format(relative.removesuffix(".md"), daily.format,
                                       strict=not daily.folder and "/" in relative)
                if day is not None:
                    return day, True
            if _DAILY_NAME.fullmatch(name) and ((inside and daily.folder) or "/" not in path):
                return iso_date(name), True  # (a page from before the setting: see above)
            if not (inside and daily.folder):
                return None, not daily.folder
        elif _DAILY_NAME.fullmatch(name):
            return iso_date(name), True
    except BadDate as err:
        problems.append(Problem(path, None, f"daily note name {err}",
                                "rename the note to a real date"))
        return (err.day, True) if isinstance(err, WrongWeekday) else (None, False)
    return leading_date(name), False


# How a date set off by a mark is (`_ALMOST_DATED`'s group 2), and how it should not be.
_MARKED = {"**": ("bold", "not bold"), "__": ("bold", "not bold"),
           "*": ("in italics", "not in italics"), "_": ("in italics", "not in italics"),
           "`": ("written as code", "not as code"),
           "[": ("in brackets", "without brackets"), "(": ("in brackets", "without brackets")}


def _almost_dated(match: re.Match[str], line: int, path: str) -> Problem:
    """A hint for a list item or heading that looks dated but is not read as an entry
    (`03/01/2026 …`, `2026/10/15 …`, `**2026-03-03** …`, `### *2026-03-03* …`), with the day it
    stands for as YYYY-MM-DD, after the line's own marker; both, when day and month could be
    either way round (`_iso_readings`)."""
    marker, mark, written = match[1], match[2], match[3]
    how, fix = _MARKED[mark] if mark else ("not written as YYYY-MM-DD", "")
    fix = "start the line with the date as YYYY-MM-DD" + (f", {fix}" if fix else "")
    days = _iso_readings(written)
    if len(days) == 2:
        fix += (f": {marker} {days[0]} … if the day comes first, {marker} {days[1]} … if the "
                "month does")
    elif days:
        fix += f": {marker} {days[0]} …"
    elif len(_NUMBER.findall(written)[-1]) < 4 and not written[:4].isdigit():
        fix += " (the year in full)"
    else:
        fix += " (no such day)"
    return Problem(path, line, f"`{written}` looks like a date but is {how}, so this line is "
                   "not read as a log entry", fix)


def _names_a_day(written: str) -> bool:
    """Whether each word of a near miss `_NAMED_DAY` found is a month's or a weekday's name."""
    words = _MONTH_NAMED.findall(written)
    return bool(words) and all(word.casefold() in _DAY_NAMES for word in words)


_MONTH_NAMED = re.compile(r"[A-Za-z]{3,}")


def _iso_readings(written: str) -> list[str]:
    """The real days a date `_ALMOST_DATED` found can be, as YYYY-MM-DD: a year-first one's
    (`2026/10/15`, `2026年10月1日`); of one with the year last, the day-first and the
    month-first reading (`03.11.2026`: 3 November or 11 March), once if they are the same day.
    None for a year of two digits (its century and order would be guesses), nor a day that
    does not exist."""
    parts = _NUMBER.findall(written)
    if len(parts) == 2:  # a month's name between a day and a year (`_NAMED_DAY`)
        month = next((number for word in _MONTH_NAMED.findall(written)
                      if (number := MONTH_NUMBERS.get(word[:3].casefold()))), 0)
        parts.insert(1, str(month))
        parts = [parts[2], parts[1], parts[0]] if len(parts[0]) < 4 else parts
    first, second, third = (int(part) for part in parts)
    if len(parts[0]) == 4:
        orders = [(first, second, third)]
    elif len(parts[2]) == 4:
        orders = [(third, second, first), (third, first, second)]
    else:
        return []
    days: list[str] = []
    for year, month, day in orders:
        try:
            days.append(date(year, month, day).isoformat())
        except ValueError:
            continue
    return list(dict.fromkeys(days))


# The note's own free text (`free_text`): read only for `vaultnet brief`, never while syncing.
FREE_TEXT_ITEMS = 3
FREE_TEXT_CHARS = 240
# Besides the Log section's titles, what a brief also takes for log, not who they are.
_LOG_LIKE = frozenset({("history",), ("timeline",)})


# (Its title's trailing spaces and marks, `## Log ##`, are taken off after: see `_KEY_LINE`.)
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+(.*)|[ \t#]*)")
_UNDERLINE = re.compile(r"[ \t]{0,3}(?:=+|-+)[ \t]*")  # a setext heading's underline
_RULE = re.compile(r"[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
_ITEM = re.compile(r"([ \t]*)(?:[-*+]|\d+[.)])(?:[ \t]+|$)")
_INLINE_FIELD = re.compile(r"\w[\w \-]*::")  # Dataview's `phone:: 555 0100`
_LABEL = re.compile(r"[\w \-]{1,30}:")  # what is left of `Tags: #person #mentor`
_TAG_WORD = re.compile(r"(?<![^\s(])(?<!\]\()#[\w/\-]*[^\W\d][\w/\-]*")
# An embed, a note's or an image's.
_embed_pattern = compiled_when_used(rf"!\[\[[^\[\]\r\n]*\]\]|(?=!\[){MARKDOWN_LINK.pattern}")
_NOISE = re.compile(r"\*\*|__|==|[ \t]\^[\w\-]+[ \t]*$")  # emphasis, highlights, block ids


def free_text(body: str, items: int = FREE_TEXT_ITEMS, chars: int = FREE_TEXT_CHARS,
              titles: frozenset[tuple[str, ...]] = LOG_TITLES, day_format: str = ""
              ) -> tuple[str, ...]:
    """The note's own prose, as a friend would remember it ("Loves letterpress"): its first
    `items` paragraphs and plain list items, each cleaned and at most `chars` long.

    Left out: headings, log entries (by the vault's `day_format` too), tasks, everything in a Log
    section (or under a dated heading, or one titled History or Timeline), nested list items,
    lines of only tags or embeds, Dataview fields (`key:: value`), tables, callout titles, what
    Obsidian hides (comments, code blocks). Links stay as written. `titles` are the Log section's
    (`Conventions.log_titles`). A quote's or callout's lines are read without their marks, as
    lines outside it are (`_quoted`): its entries and tasks are no prose either, nor is what a
    Log callout holds."""
    found: list[str] = []
    paragraph: list[str] = []
    in_log = False
    log_callout = False  # the quoted lines read are a Log callout's (`> [!note] Log`)
    item: bool | None = None  # inside a list item: whether it is kept (its lines continue it)

    def close() -> None:
        if paragraph:
            found.append(_shortened(" ".join(paragraph), chars))
            paragraph.clear()

    for line in blank_comments(blank_code(body)).split("\n"):
        if len(found) >= items:
            break
        line = line.removesuffix("\r")
        text = line.strip()
        heading = _HEADING.fullmatch(line)
        if heading or (paragraph and _UNDERLINE.fullmatch(line)):
            title = (heading[1] or "").rstrip(" \t#") if heading else " ".join(paragraph)
            paragraph.clear()
            item = None
            in_log = _holds_log(title, titles) or _led_by_a_day("# " + title, day_format)
            continue
        if not text or _RULE.fullmatch(line) or _FENCE.match(line) or text[0] in "|<":
            close()
            item = None
            log_callout = log_callout and bool(text)  # (a blank line ends a quote)
            continue
        if in_log:
            continue
        if text[0] == ">":
            line, log_callout = _quoted(line, log_callout, titles)
            text = line.strip()
            if not text:  # (a blank line in the quote, or no prose)
                close()
                item = None
                continue
        else:
            log_callout = False
        listed = _ITEM.match(line)
        if listed is None and item is not None and line[:1] in " \t":
            continue  # a continuation of a list item's first line (kept ones take one line)
        if listed is not None:
            close()
            item = not listed[1] and not _entry_or_task(line, day_format)
            if not item:
                continue
            text = line[listed.end():]
        item = None if listed is None else item
        text = _prose(text)
        if not text:
            continue
        if listed is not None:
            found.append(_shortened(text, chars))
        else:
            paragraph.append(text)
    close()
    return tuple(found[:items])


def _entry_or_task(line: str, day_format: str) -> bool:
    """Whether a list item is a log entry (by `day_format` too: `_led_by_a_day`) or a task."""
    return bool(_DATED_LINE.match(line) or _TASK.match(line)) or _led_by_a_day(line, day_format)


def _led_by_a_day(line: str, day_format: str) -> bool:
    """Whether a list item or heading is led by a link to a day's note in `day_format` (one that
    names no real day too: what `_day_linked` takes for an entry, or names as a problem)."""
    if not day_format or ("[[" not in line and "](" not in line):
        return False
    problems: list[Problem] = []
    return _day_linked(line, 0, day_format, "", problems) is not None or bool(problems)


def _prose(text: str) -> str:
    """A line's text (a list item's after its marker) as prose, cleaned of markup, embeds and
    block ids; "" where it holds none: a callout's title, a Dataview field, only tags or embeds
    (perhaps behind a label, as in `Tags: #person`)."""
    text = text.lstrip("> \t")  # a quote's text; a callout's title is no prose
    if text.startswith("[!") or _INLINE_FIELD.match(text):
        return ""
    text = clean(_NOISE.sub("", _embed_pattern().sub("", text)))
    bare = _TAG_WORD.sub("", text).strip() if "#" in text else text
    return "" if not bare or (bare != text and _LABEL.fullmatch(bare)) else text


def _holds_log(title: str, titles: frozenset[tuple[str, ...]]) -> bool:
    """Whether what a heading or callout with this title holds is log, not prose: it names the
    log (`names_the_log`, by `titles` or `_LOG_LIKE`), or starts with a date."""
    return names_the_log(title, titles | _LOG_LIKE) or bool(_DATED_LINE.match("# " + title))


def _quoted(line: str, log_callout: bool, titles: frozenset[tuple[str, ...]]
            ) -> tuple[str, bool]:
    """A quote's line as `free_text` reads it: without its marks, or "" where it holds no prose (a
    callout's first line, a heading, anything in a Log callout); and whether the lines after it
    are in a Log callout. A heading in a quote starts no section of the note; a callout in a
    Log callout (an email pasted into the log) ends no Log callout."""
    marks = QUOTE_MARKS.match(line)
    text = line[marks.end():] if marks else line
    title = callout_title(text)
    if title is not None:
        return "", log_callout or _holds_log(title, titles)
    if log_callout or _HEADING.fullmatch(text):
        return "", log_callout
    return text, log_callout


def _shortened(text: str, chars: int) -> str:
    """`text` cut at a word to at most `chars` characters, with `…` when it was cut."""
    if len(text) <= chars:
        return text
    cut = text[:chars - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def parse_note(path: str, text: str, conventions: Conventions | None = None) -> Note:
    """Parse one note's text; `path` is vault-relative and only used to name it and its folder.
    A lone carriage return (an old Mac's line break) is a line break, as it is to Obsidian."""
    conventions = conventions or _DEFAULT
    text = lone_cr_as_lf(text)
    name = note_name(path)
    if is_template(text):
        return Note(path, name, template=True)
    front = split_frontmatter(text, path)
    if name.endswith(".excalidraw") or not front.meta.keys().isdisjoint(PLUGIN_KEYS):
        # A plugin's drawing or board: no person, day or meeting (its plugin's key as its
        # type, for `check` to count it: `passed_over`).
        plugin = min(PLUGIN_KEYS & front.meta.keys(), default="excalidraw-plugin")
        return Note(path, name, Fields(types=(plugin,)))
    fields, field_problems = read_fields(front, path)
    problems = [*front.problems, *field_problems]
    daily, page = _daily_day(path, name, conventions.daily, problems)
    found_by = _person_rule(fields, path, daily, conventions)
    # (A body that opens with `---`, below frontmatter or blank lines: a block of fields not read.
    # A note whose text opens with one is frontmatter's own business: `split_frontmatter`'s.)
    below = block_below(front.body) if front.body_line > 1 or front.body[:1] != "-" else None
    if below is not None:
        problems += _block_below(path, front, below, bool(found_by))
    if found_by and front.key_lines is None and "[[" in front.yaml:  # (nesting: the loader's)
        problems += _nested_ties(front, path)
    code, fence = _code_blanked(front.body)
    body = blank_comments(code)
    if found_by or daily is not None:
        problems += _left_open_problems(path, code, front.body_line)
        problems += _fence_left_open(path, front.body, fence, front.body_line,
                                     day_link_format(conventions.daily))
    entries: list[Entry] = []
    tasks: list[Task] = []
    links: list[Link] = []
    meeting = None
    if found_by:
        entries, tasks, links, body_problems = _person_body(
            body, front.body_line, path, conventions.log_titles, day_link_format(conventions.daily))
        problems += body_problems
        if len(fields.aliases) > 1:  # (one text with commas gives two or more)
            problems += _aliases_in_one_text(front, path)
        if fields.status in _STOPPED:
            problems.append(_stopped(front, path, fields.status))
        if fields.type != "person":
            fields = fields._replace(type="person")
    elif daily is not None and page and not is_in_folder(path, conventions.meetings_folder):
        entries = _daily_entries(body, front.body_line, daily)
        if fields.attendees:  # (so that a name there with no note is mentioned, as a meeting's)
            meeting = daily
            entries.insert(0, _met(daily, name, _not_logged(fields.attendees, entries),
                                   front.yaml_line))
    else:
        if fields.dated is None and (fields.attendees or conventions.meetings_folder):
            problems += _meeting_date_problems(front, path, name, fields, body, conventions)
        meeting = _meeting_day(path, name, fields, daily, conventions)
        named = fields.attendees + tuple(_meeting_links(body, front.body_line)) if meeting else ()
        if meeting is not None and named:
            daily = None
            entries = [_met(meeting, name, named, front.yaml_line)]
        else:
            meeting = None
            if daily is not None:
                entries = _daily_entries(body, front.body_line, daily)
    return Note(path, name, fields, tuple(links), tuple(entries), tuple(tasks), daily,
                problems=tuple(problems), found_by=found_by, meeting=meeting)


# A person's `status` that means they are not to be kept in touch with, in words vaultnet does not
# read as such (it reads `dormant`): a hint, or they stay on the agenda without a word.
_STOPPED = frozenset({"inactive", "paused", "on hold", "archived", "former", "ended", "lapsed",
                      "lost touch", "stopped"})


def _stopped(front: Frontmatter, path: str, status: str) -> Problem:
    """The hint for a `status` in `_STOPPED`: the person is still kept in touch with."""
    raw = next((k for k in front.meta if (field_of(k) or ("",))[0] == "status"), "status")
    return Problem(path, _Fields(front, path).line_of_key(raw), f"`status: {status}` is not one "
                   "vaultnet reads (active, dormant, prospect), so they are still kept in touch "
                   "with by their cadence", "write `status: dormant` to stop that")


def _aliases_in_one_text(front: Frontmatter, path: str) -> list[Problem]:
    """A hint for a person's aliases written as one text with commas (`aliases: Kimmy, KJ`):
    read as an alias for each part, as Obsidian reads it (`_aliases`), where one name that holds
    a comma (`Jones, Kim`) was perhaps meant. A note that is no person's is not told: vaultnet
    reads no alias of its."""
    f: _Fields | None = None
    problems = []
    for raw_key, value in front.meta.items():
        if type(value) is not str or "," not in value \
                or (field_of(raw_key) or ("",))[0] != "aliases":  # (a list, the usual: no more)
            continue
        f = f or _Fields(front, path)
        parts, one = _comma_parts(value), " ".join(value.split()).replace('"', '\\"')
        problems.append(Problem(
            path, f.line_of_key(raw_key), f"`{raw_key}` is one text with commas; read as "
            f"{len(parts)} aliases, as Obsidian reads it: {', '.join(parts)}",
            f"write it as a list: `{raw_key}: [{', '.join(parts)}]` (or, if it is one name, "
            f'quote it in a list: `{raw_key}: ["{one}"]`)'))
    return problems


def _block_below(path: str, front: Frontmatter, below: tuple[int, tuple[str, ...]],
                 person: bool) -> list[Problem]:
    """A problem for a block of fields below a note's first line (`block_below`): a second
    frontmatter block (a template pasted in below the note's own), or frontmatter below a blank
    line; Obsidian shows it as text, and vaultnet reads none of its fields. Named when it holds
    a field vaultnet reads (or one that names people), or, in a person's note (`person`: any of
    its fields may be a tie), two fields or more: one `Note: …` line between two rules is as
    likely prose."""
    line, keys = below
    if not (any(read_as(k) is not None or names_people(k) for k in keys)
            or (person and len(keys) > 1)):
        return []
    shown = ", ".join(f"`{k}`" for k in keys[:6]) + (", …" if len(keys) > 6 else "")
    line += front.body_line
    if front.body_line > 1:
        return [Problem(path, line, f"a second frontmatter block starts here: "
                        f"its fields ({shown}) are not read, since only the block at the very "
                        "top of a note is frontmatter",
                        "move its fields into the frontmatter at the top, and remove this block")]
    return [Problem(path, line, "a frontmatter block starts here, below the note's first "
                    f"line: its fields ({shown}) are not read, since only a block at the very "
                    "top of a note is frontmatter", "remove what comes before its first --- line")]


def _nested_ties(front: Frontmatter, path: str) -> list[Problem]:
    """A problem for each field of a person's note, not one vaultnet knows, whose links are
    nested where no tie is read (`parents: [{mother: "[[Ann]]"}]`, `spouse: {name: "[[Bo]]"}`):
    a typed tie's links are read from the field's value or its list alone (`_Fields.relations`),
    and these would be gone without a word."""
    f: _Fields | None = None
    problems = []
    for raw_key, value in front.meta.items():
        if type(value) not in (list, dict) or read_as(raw_key) is not None:
            continue
        targets: list[str] = []
        example: tuple[str, str] | None = None  # (a set of fields' key, its link), if one
        for item in value if type(value) is list else [value]:
            item = _unquoted_link(item) if type(item) is list else item
            if isinstance(item, list | dict):
                for where, text in _nested_texts(item, "", 0):
                    for link in find_wikilinks(text, 0) if "[[" in text else ():
                        targets.append(link.target)
                        example = example or ((where, link.target) if where else None)
        if targets:
            f = f or _Fields(front, path)
            shown = dict.fromkeys(targets)
            inside = f"a set of fields (`{example[0]}: [[{example[1]}]]`)" if example \
                else "a list inside the list"
            problems.append(Problem(
                path, f.line_of_key(raw_key), f"`{raw_key}` holds its links inside {inside}, "
                "where vaultnet reads no tie: " + ", ".join(f"[[{t}]]" for t in shown),
                f"list the links themselves: `{raw_key}: ["
                + ", ".join(f'"[[{t}]]"' for t in shown) + "]`"))
    return problems


def _nested_texts(value: object, where: str, depth: int) -> Iterator[tuple[str, str]]:
    """Every text nested in a frontmatter value, with the key of the set of fields it is in
    ("" if none); a link written without quotes (`[[Ann]]`, a list in a list to YAML) as its
    text. (No deeper than YAML keeps of sense: a value nested 20 deep is no tie.)"""
    if depth > 20:
        return
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        unquoted = _unquoted_link(value)
        if isinstance(unquoted, str):
            yield where, unquoted
        else:
            for item in value:
                yield from _nested_texts(item, where, depth + 1)
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _nested_texts(item, str(name), depth + 1)


_AFTER_A_DAY = " \t-–—:_,."  # what parts a day from the title after it, in a note's name


def _met(day: Any, name: str, named: tuple[Link, ...], line: int) -> Entry:
    """The one interaction a meeting is with each person it names (`#met`), at its field's line.
    A journal's page whose `people`, `attendees`, … name who you saw that day holds it too,
    besides its own lines: a day's page stays a day's page, its lines' tags kept. Its text is
    the note's name, without the day it starts with (`2026-12-18 Coffee with Mira`: the day is
    the interaction's already), unless that is all of it."""
    iso = day.isoformat()
    title = name[len(iso):].lstrip(_AFTER_A_DAY).strip()
    if name.startswith(iso) and name[len(iso):len(iso) + 1] in _AFTER_A_DAY and title:
        name = title
    return Entry(day, name, frozenset({"met"}), named, line)


def _not_logged(attendees: tuple[Link, ...], entries: list[Entry]) -> tuple[Link, ...]:
    """Of whom a day's page's field names, those none of its lines links: one whom a line links
    (`- Coffee with [[Ben]] #met`) is the line's, or the day would count twice with them."""
    linked = {_named_key(link.target) for entry in entries for link in entry.links}
    return tuple(link for link in attendees if _named_key(link.target) not in linked)


def _named_key(target: str) -> str:
    """A link's target as the note name it gives, compared as names are (`People/Ben.md`,
    `ben`)."""
    return key(note_name(target))


def _left_open_problems(path: str, code: str, first_line: int) -> list[Problem]:
    """A problem for a comment that a person's or a day's note opens and never closes (in its
    body with code blanked: `blank_code`): Obsidian hides everything after it, and vaultnet reads
    none of it either (its dated lines, tasks and links), which a user would otherwise find gone
    without a word. (A code block never closed: `_fence_left_open`.)"""
    left = _left_open(code)
    if left is None:
        return []
    mark = left["open"]
    return [Problem(path, first_line + code.count("\n", 0, left.start()),
                    f"opens a comment (`{mark}`) that is never closed: Obsidian hides everything "
                    "after it, and vaultnet reads nothing after it either",
                    f"close it with `{COMMENT_CLOSES[mark]}`, or remove the `{mark}`")]


def _fence_left_open(path: str, body: str, fence: tuple[int, str] | None,
                     first_line: int, day_format: str = "") -> list[Problem]:
    """A problem for a code block a person's or a day's note opens and never closes, when what
    it swallows holds dated lines (by `day_format`'s links too) or tasks: Obsidian shows them
    as code, and vaultnet reads none of them (a call five days ago, a promise due). A code block
    left open over code alone is the user's business."""
    if fence is None:
        return []
    line, mark = fence
    after = body.split("\n", line + 1)[-1]
    if not (_DATED_LINE.search(after) or _TASK.search(after)
            or any(_led_by_a_day(text, day_format) for text in after.split("\n"))):
        return []
    return [Problem(path, first_line + line, f"opens a code block ({mark}) that is never closed: "
                    "Obsidian shows everything after it as code, and vaultnet reads no log line "
                    "or task after it", f"add a {mark} line where the code ends")]


def _meeting_date_problems(front: Frontmatter, path: str, name: str, fields: Fields, body: str,
                           conventions: Conventions) -> list[Problem]:
    """A problem for a `date` field that is no date (`2026-11-31`, `21.11.2026`) in a note that
    names people in its `people`, `attendees`, … (or links them from the meetings folder): a
    meeting that would otherwise be gone without a word. Any other note's `date` is the user's
    own business, as is a link in a note that is not known to be a meeting (it may name no
    person)."""
    if not (fields.attendees or is_in_folder(path, conventions.meetings_folder)):
        return []
    f = _Fields(front, path)
    if "dated" not in f.keys or not (fields.attendees or _meeting_links(body, front.body_line)):
        return []
    f.parsed("dated", parse_date, "a date", "2026-11-20")
    named = leading_date(name)
    why = f"; the meeting is dated by the note's name, {named.isoformat()}" if named else \
        ", so the note is not read as a meeting"
    return [Problem(p.path, p.line, p.message + why, p.hint) for p in f.problems]


def _meeting_day(path: str, name: str, fields: Fields, daily: Any,
                 conventions: Conventions) -> Any:
    """A meeting note's day: a note that names who was there, or sits in the meetings folder, or
    (not being a daily note) links people, dated by its `date` field or its name."""
    day = fields.dated or leading_date(name)
    if day is None:
        return None
    if fields.attendees or (conventions.meetings_folder
                            and is_in_folder(path, conventions.meetings_folder)):
        return day
    return day if daily is None else None
