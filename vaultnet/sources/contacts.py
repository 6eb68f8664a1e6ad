"""Read a contacts file: a vCard file, a LinkedIn connections export or a Google Contacts CSV.

The format is recognised by the file's content, never by its name. A card or row that cannot be
imported becomes a Problem naming its line, and the rest of the file is still read; a file that is
none of the three formats, or not UTF-8, is a VaultnetError.

A contact's name is the person's name only: honorifics (`Dr.`, `Prof.`, `Mr.` …), trailing
credentials (`Verma, PhD`, `Jane Roe MBA`), pronouns in brackets and emoji are left out, so that the
same person from a phone and from LinkedIn has one name, and a file name without symbols. It is the
name as written (vCard's FN, Google's Name), unless that holds a comma and the name's parts hold a
given and a family name: Outlook and German address books write `FN:Schmidt, Anna`, which is Anna
Schmidt, and `Verma, PhD` is Ravi Verma by its N. Built from its parts, a name has its given names
first, or its family name first when both are in Chinese, Japanese or Korean characters (`山田 太郎`),
and of the suffixes only a generation (`Jr.`, `III`). Nicknames
are `aliases`, labels and categories `tags`, and a LinkedIn profile (a URL, iPhone's
X-SOCIALPROFILE, a Google website) is `linkedin`, kept apart from any other web page (`url`).
"""

from __future__ import annotations

import csv
import io
import re
import shlex
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import vobject
from vobject.base import VObjectError, getLogicalLines, textLineToContentLine
from vobject.icalendar import stringToTextValues

from vaultnet.base.dates import BadDate, from_vcard, parse_birthday, parse_date
from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Problem
from vaultnet.base.person_names import CJK_NAME, GENERATION_WORD, clean_name, given_first, without_emoji
from vaultnet.base.small_files import NotReadable, TooLarge, read_small_file
from vaultnet.base.text import HIDDEN, key, single_line
from vaultnet.parse.dated_names import MONTH_NUMBERS

VCARD = "vCard"
LINKEDIN = "LinkedIn connections"
GOOGLE = "Google Contacts"

_NOTE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_END = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
_FOLD = re.compile(r"(?:\r\n|\r|\n)[ \t]")
BYTE_FOLD = re.compile(rb"(?:\r\n|\r|\n)[ \t]")
_SURROGATE = re.compile(r"[\udc80-\udcff]")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{4})")
_YEAR_0000 = re.compile(r"0000-?(\d{2})-?(\d{2})(?:T[0-9:.+\-Z]*)?")
_MULTI = re.compile(r"\s*:::\s*")
_GOOGLE_COLUMN = re.compile(
    r"(?:e-mail|phone|website|organization|address) \d+ - .+|organization (?:name|title)"
    r"|group membership|labels")
_EMAIL_COLUMN = re.compile(r"e-mail \d+ - value")
_PHONE_COLUMN = re.compile(r"phone \d+ - value")
_WEBSITE_COLUMN = re.compile(r"website \d+ - value")
_SHOWN = 80
MAX_CONTACTS_BYTES = 128 * 1024 * 1024  # a phone's export of thousands of cards with photos
# A property's lines in a card: the first, its folded ones (RFC 6350, 3.2) and those after a
# quoted-printable soft line break (vCard 2.1: a line that ends with `=`).
_PROPERTY_LINES = r"[^\n]*(?:\n[ \t][^\n]*|(?<==)\n[^\n]*)*"
# The text properties whose values vobject cuts at a comma, which vCard 2.1 never escapes and
# many 3.0 writers do not (`TITLE:VP, Engineering`): read again from their lines (`_text_lists`).
_LINES = {name: re.compile(rf"^(?:[A-Za-z0-9-]+\.)?{name}[;:]{_PROPERTY_LINES}",
                           re.IGNORECASE | re.MULTILINE) for name in ("FN", "NICKNAME", "TITLE", "NOTE")}
_LINKEDIN = re.compile(r"(?:[a-z]+://)?(?:[a-z0-9-]+\.)*linkedin\.com(?=[/?#:]|$)(?::\d+)?"
                       r"(/[^?#]*)?", re.IGNORECASE)
_LINKEDIN_SLUG = re.compile(r"[\w.%-]+")


@dataclass(frozen=True)
class Contact:
    """One person from a contacts file, with their text cleaned for names, files and terminals."""

    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    org: str | None = None
    title: str | None = None
    birthday: str | None = None  # 1980-04-12, or --04-12 when the year is unknown
    url: str | None = None  # a web page that is not a LinkedIn profile
    connected: date | None = None  # LinkedIn's "Connected On"
    notes: str | None = None
    line: int = 0  # where the contact starts in its file, from 1
    aliases: tuple[str, ...] = ()  # vCard NICKNAME, Google's Nickname
    tags: tuple[str, ...] = ()  # vCard CATEGORIES, Google's labels, as Obsidian tags
    linkedin: str | None = None  # the LinkedIn profile's URL, as written
    # The name vaultnet gave the same card before it read FN whole and N first (`Schmidt` for
    # `FN:Schmidt, Anna`), if another: matched, so that a note named so is found, never written.
    former: str | None = None


@dataclass(frozen=True)
class ContactFile:
    """The contacts of one file, in file order, and what could not be imported from it."""

    format: str
    contacts: tuple[Contact, ...]
    problems: tuple[Problem, ...]
    # The cards of companies and groups, not people, each named at its line with what says so.
    skipped: tuple[Problem, ...] = ()


def read_contacts(path: Path) -> ContactFile:
    """Read a vCard file, a LinkedIn connections export or a Google Contacts CSV."""
    try:
        data = read_small_file(path, MAX_CONTACTS_BYTES)
    except TooLarge as err:
        raise VaultnetError(f"{path}: the contacts file {err}; export it again without photos, "
                            "or in parts") from err
    except NotReadable as err:
        raise VaultnetError(f"{path}: the contacts file {err}; give the exported file itself") \
            from err
    if data is None:
        raise VaultnetError(f"{path}: cannot read the contacts file (No such file or directory)")
    error = not_text(path, data, "export the contacts again as vCard (.vcf) or CSV")
    if error is not None:
        raise error
    text = _decode(path, data)
    lines = io.StringIO(text, newline="").readlines()
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.upper() == "BEGIN:VCARD":
        return _read_vcards(str(path), lines)
    if _is_google_header(_cells(first)):
        start = next(n for n, line in enumerate(lines) if line.strip())
        return _read_csv(str(path), GOOGLE, lines, start, _google_contact)
    for n, line in enumerate(lines):
        if _is_linkedin_header(_cells(line)):
            return _read_csv(str(path), LINKEDIN, lines, n, _linkedin_contact)
    shown = f'the first line is "{_shorten(first)}"' if first else "the file is empty"
    raise VaultnetError(f"{path}: not a vCard file, a LinkedIn connections export or a Google "
                        f"Contacts CSV ({shown}){other_export(first, path)}")


def other_export(first: str, path: Path) -> str:
    """What to run instead, for a file whose first line (`first`) says it is an export another
    import reads ("; it is a calendar export: run `vaultnet import calendar …`"); "" for none."""
    head = first.lstrip("\ufeff").upper()
    which = "a contacts file: run `vaultnet import" if head.startswith("BEGIN:VCARD") else \
        "a calendar export: run `vaultnet import calendar" if head.startswith("BEGIN:VCALENDAR") \
        else "a mailbox: run `vaultnet import mail" if first.startswith("From ") else ""
    return f"; it is {which} {shlex.quote(str(path))}`" if which else ""


def _decode(path: Path, data: bytes) -> str:
    """The file's text; a UTF-8 BOM is dropped, and anything but UTF-8 is refused. (Folding may
    split a character's bytes, RFC 6350, 3.2: each card is repaired once its lines are
    unfolded.)"""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        vcard = data.lstrip().upper().startswith((b"BEGIN:VCARD", b"\xef\xbb\xbfBEGIN:VCARD"))
        error = export_not_utf8(path, data, folded=vcard)
        if error is not None:
            raise error from None
        return data.decode("utf-8-sig", "surrogateescape")


def export_not_utf8(path: Path, data: bytes, folded: bool) -> VaultnetError | None:
    """Why an export is not UTF-8 text (a byte that is no UTF-8, named at its line), or None if
    it is: once its lines are unfolded, when it is `folded` (a vCard, an .ics). (UTF-16 and
    other files that are no text are `not_text`'s, asked first.)"""
    try:
        (BYTE_FOLD.sub(b"", data) if folded else data).decode("utf-8-sig")
        return None
    except UnicodeDecodeError:
        pass
    try:
        data.decode("utf-8-sig")  # (where the file as written has the byte)
    except UnicodeDecodeError as err:
        return not_utf8(path, data, err)
    return None


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_ZIP = b"PK\x03\x04"  # a zip archive's start: an .xlsx spreadsheet, a .numbers file, …


def not_text(path: Path, data: bytes, export: str) -> VaultnetError | None:
    """Why an export is no text an import reads: UTF-32, UTF-16 (with a byte order mark or
    without: its NUL bytes, every other one), a zip archive (a spreadsheet) or another binary
    file (a tenth of its first bytes NUL), each with what to do (`export`, for the last two);
    None for text."""
    head = data[:512]
    if head.startswith(_UTF32_BOMS):
        return VaultnetError(f"{path}: is UTF-32 text, not UTF-8; export it again as UTF-8, or "
                             "save it as UTF-8 in a text editor")
    if head.startswith(_UTF16_BOMS):
        return _utf16_error(path)
    if b"\x00" not in head:
        return None
    half = len(head) // 2
    even, odd = sorted((head[0::2].count(0), head[1::2].count(0)))
    if half and odd * 4 >= half * 3 and even * 10 <= half:  # (text: one byte of two a NUL)
        return _utf16_error(path)
    if not head.startswith(_ZIP) and (even + odd) * 10 < len(head):
        return None  # (a stray NUL in text: read, and kept out of what is written)
    what = "a zip archive (a spreadsheet's, say)" if head.startswith(_ZIP) else "a binary file"
    return VaultnetError(f"{path}: is {what}, not a text export; {export}")


def _utf16_error(path: Path) -> VaultnetError:
    """The error for an export in UTF-16 (by its byte order mark)."""
    return VaultnetError(f"{path}: is UTF-16 text, not UTF-8; export it again as UTF-8, or save "
                         "it as UTF-8 in a text editor")


def not_utf8(path: Path, data: bytes, err: UnicodeDecodeError) -> VaultnetError:
    """The error for an export that is not UTF-8 text (`err`, from decoding `data`), naming the
    line and the byte: read in another encoding, its names would be written into notes wrong."""
    line = data.count(b"\n", 0, err.start) + 1
    return VaultnetError(f"{path}: is not UTF-8 text (line {line} has the byte "
                         f"{data[err.start]:#04x}); export it again as UTF-8, or save it as UTF-8 "
                         "in a text editor")


# -- vCard -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Card:
    line: int
    lines: tuple[str, ...]
    numbers: tuple[int, ...]  # the file line of each of `lines`


def _read_vcards(path: str, lines: list[str]) -> ContactFile:
    contacts: list[Contact] = []
    problems: list[Problem] = []
    skipped: list[Problem] = []
    for card in _split_cards(path, lines, problems):
        component, text, problem = _parse_card(path, card)
        if problem:
            problems.append(problem)
            continue
        kind = _not_a_person(component)
        if kind:
            skipped.append(Problem(path, card.line, kind))
            continue
        contact = _card_contact(path, card.line, component, text, problems)
        if contact:
            contacts.append(contact)
    return ContactFile(VCARD, tuple(contacts), tuple(problems), tuple(skipped))


def _not_a_person(card: Any) -> str | None:
    """Why a card is a company's or a group's, not a person's (what it says, and its name); None
    for a person's. Apple marks a company's card X-ABShowAs:COMPANY, with no name in N."""
    def first(name: str) -> str:
        prop = next(iter(card.contents.get(name, [])), None)
        return single_line(prop.value) if prop is not None and isinstance(prop.value, str) else ""

    named = first("fn") or _first(_strings(
        o[0] if isinstance(o, list) and o else o for o in
        (prop.value for prop in card.contents.get("org", []))))
    for prop, value in (("KIND", first("kind")),
                        ("X-ADDRESSBOOKSERVER-KIND", first("x-addressbookserver-kind"))):
        whose = {"org": "company", "organization": "company", "group": "group",
                 "location": "place"}.get(value.casefold())
        if whose:
            return _skipped(named, whose, f"{prop}:{value}")
    people = [p for p in map(_name_parts, (prop.value for prop in card.contents.get("n", [])))
              if p[0] or p[2]]
    if first("x-abshowas").casefold() == "company" and not people:
        return _skipped(named, "company", "X-ABShowAs:COMPANY")
    return None


def _skipped(name: str | None, whose: str, why: str) -> str:
    """Why a card or row of a company, a group or a place is skipped, named as it is."""
    return f"{name + ': ' if name else ''}the card of a {whose} ({why}), not of a person; skipped"


def _split_cards(path: str, lines: list[str], problems: list[Problem]) -> Iterator[_Card]:
    """Each BEGIN:VCARD … END:VCARD block, so that one broken card cannot hide the others."""
    start: int | None = None
    body: list[str] = []
    numbers: list[int] = []
    stray = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            if start is not None:
                problems.append(_unclosed(path, start))
            start, body, numbers, stray = number, [], [], False
        elif start is None:
            if line.strip() and not stray:
                problems.append(Problem(path, number, "text outside any card (BEGIN:VCARD … "
                                        "END:VCARD); ignored", "delete it, or fix the card above"))
            stray = bool(line.strip())
            continue
        if line.strip():  # vobject numbers a card's lines without its blank ones
            body.append(line)
            numbers.append(number)
        if word == "END:VCARD":
            yield _Card(start, tuple(body), tuple(numbers))
            start = None
    if start is not None:
        problems.append(_unclosed(path, start))


def _unclosed(path: str, line: int) -> Problem:
    return Problem(path, line, "this card has no END:VCARD line; skipped",
                   "add END:VCARD after its last line")


def _parse_card(path: str, card: _Card) -> tuple[Any, str, Problem | None]:
    """The card read by vobject, and its text (mended); or why it cannot be read."""
    text = "\n".join(card.lines) + "\n"
    repaired = False
    if _SURROGATE.search(text):
        try:
            text = _FOLD.sub("", text).encode("utf-8", "surrogateescape").decode("utf-8")
        except UnicodeDecodeError:
            return None, text, Problem(path, card.line, "this card is not UTF-8 text; skipped",
                                       "export it again as UTF-8")
        repaired = True
    try:
        component = next(vobject.readComponents(text, allowQP=True), None)
    except (VObjectError, ValueError) as err:  # vobject's decoders raise their own ValueErrors
        where = ""
        number = getattr(err, "lineNumber", None)
        if not repaired and isinstance(number, int) and 1 <= number <= len(card.numbers):
            where = f"line {card.numbers[number - 1]}: "
        reason = _shorten(str(err.msg) if isinstance(err, VObjectError) else str(err))
        return None, text, Problem(path, card.line, f"this card cannot be read ({where}{reason}); "
                                   "skipped", "fix the card, or export the contacts again")
    if component is None:
        return None, text, Problem(path, card.line, "this card is empty; skipped", "delete it")
    return component, text, None


def _card_contact(path: str, line: int, card: Any, text: str,
                  problems: list[Problem]) -> Contact | None:
    def values(name: str) -> list[Any]:
        return [prop.value for prop in card.contents.get(name, [])]

    def written(name: str) -> list[str]:  # each value whole, its commas as written
        return [",".join(texts) for texts in _text_lists(text, name, card.contents.get(name, []))]

    formatted = next((n for n in map(single_line, written("fn")) if n), "")
    parts = next((p for p in map(_name_parts, values("n")) if any(p[:3])), ("", "", "", ""))
    name = _person_name(formatted, *parts)
    if not name:
        problems.append(Problem(path, line, "this card has no name (FN or N); skipped",
                                "give the contact a name"))
        return None
    birthday = None
    for prop in card.contents.get("bday", []):
        if isinstance(prop.value, str) and prop.value.strip():
            omit = (prop.params.get("X-APPLE-OMIT-YEAR") or [None])[0]  # Apple's --04-12
            birthday = _birthday_or_problem(path, line, name, prop.value, omit, problems)
            break
    # ORG's first part is the organisation; a comma in it, unescaped, made it a list.
    orgs = [org[0] if isinstance(org, list) and org else org for org in values("org")]
    orgs = [",".join(_strings(org)) if isinstance(org, list) else org for org in orgs]
    notes = [n for n in map(_notes, written("note")) if n]
    categories = [c for value in values("categories")
                  for c in (value if isinstance(value, list) else [value])]
    urls = [u.replace("\\:", ":") for u in _strings(values("url"))]  # Apple escapes ':'
    profiles = [p for prop in (*card.contents.get("x-socialprofile", []),
                               *card.contents.get("socialprofile", []))
                if (p := _linkedin_profile(prop))]
    former = clean_name(next((n for n in map(single_line, _strings(values("fn"))) if n), ""))
    return Contact(
        name=name,
        former=former if former and former != name else None,
        emails=_unique(_strip_scheme(e, "mailto:") for e in _strings(values("email"))),
        phones=_phones(_strip_scheme(t, "tel:") for t in _strings(values("tel"))),
        org=_first(_strings(orgs)),
        title=_first(written("title")),
        birthday=birthday,
        url=_first(u for u in urls if not linkedin_key(u)),
        notes="\n\n".join(notes) or None,
        line=line,
        aliases=_aliases(name, [nickname for names in _text_lists(
            text, "nickname", card.contents.get("nickname", [])) for nickname in names]),
        tags=_tags(_strings(categories)),
        linkedin=_first([*profiles, *(u for u in urls if linkedin_key(u))]),
    )


def _text_lists(text: str, name: str, props: list[Any]) -> list[list[str]]:
    """The values of a card's `name` properties (fn, nickname, title, note: `props`), each as the
    list of texts it is written as: `FN:Schmidt, Anna` is two, and vobject keeps only the first.

    Only the lines of those properties are read again, as vobject reads them (unfolded, and
    quoted-printable decoded); vobject's values are kept where they could not be read alike."""
    kept = [[value] for value in _strings(prop.value for prop in props)]
    name = name.upper()
    try:
        found = [each for chunk in _LINES[name].findall(text)
                 for each in (textLineToContentLine(logical, number)
                              for logical, number in getLogicalLines(io.StringIO(chunk)))
                 if each.name == name]
    except (VObjectError, ValueError, LookupError):  # a line that only looked like one of them
        return kept
    if len(found) != len(props) or any("ENCODING" in each.params for each in found):
        return kept  # base64, or lines vobject read otherwise
    return [stringToTextValues(each.value) for each in found]


def _linkedin_profile(prop: Any) -> str | None:
    """The LinkedIn URL of an X-SOCIALPROFILE (iPhone) or SOCIALPROFILE (vCard 4) property."""
    value = prop.value.replace("\\:", ":").strip() if isinstance(prop.value, str) else ""
    if linkedin_key(value):
        return value
    service = " ".join(str(v) for name in ("TYPE", "SERVICE-TYPE")
                       for v in prop.params.get(name, [])).casefold()
    user = next(iter(prop.params.get("X-USER", [])), "").strip()
    if "linkedin" in service and _LINKEDIN_SLUG.fullmatch(user):
        return f"https://www.linkedin.com/in/{user}"
    return None


def _name_parts(value: Any) -> tuple[str, str, str, str]:
    """An N property's given, additional and family names and its suffixes, each one line."""
    if isinstance(value, str):  # vobject left it unparsed: family;given;additional;prefix;suffix
        family, given, additional, _, suffix = [*value.split(";"), "", "", "", ""][:5]
        return single_line(given), single_line(additional), single_line(family), single_line(suffix)

    def part(name: str) -> str:
        found = getattr(value, name, "")
        return single_line(" ".join(_strings(found if isinstance(found, list) else [found])))

    return part("given"), part("additional"), part("family"), part("suffix")


def _strings(values: Iterable[Any]) -> list[str]:
    return [value for value in values if isinstance(value, str)]


def _strip_scheme(value: str, scheme: str) -> str:
    value = value.strip()
    return value[len(scheme):] if value[:len(scheme)].lower() == scheme else value


# -- CSV: LinkedIn and Google ----------------------------------------------------------------


class _Row:
    """A CSV row read through its header, by column name."""

    def __init__(self, columns: dict[str, list[int]], cells: list[str]) -> None:
        self.columns = columns
        self.cells = cells

    def get(self, *names: str) -> str:
        """The first non-empty cell of these columns."""
        for name in names:
            for index in self.columns.get(name.casefold(), []):
                if index < len(self.cells) and self.cells[index].strip():
                    return self.cells[index]
        return ""

    def matching(self, pattern: re.Pattern[str]) -> list[str]:
        """Every non-empty cell whose column name matches, in column order."""
        indexes = sorted(i for name, found in self.columns.items() if pattern.fullmatch(name)
                         for i in found)
        return [self.cells[i] for i in indexes if i < len(self.cells) and self.cells[i].strip()]


# A row's contact; or why it is not a person's (a company's), or None when it cannot be read.
_MakeContact = Callable[[str, int, _Row, list[Problem]], Contact | str | None]


def _read_csv(path: str, kind: str, lines: list[str], header: int,
              make: _MakeContact) -> ContactFile:
    contacts: list[Contact] = []
    problems: list[Problem] = []
    skipped: list[Problem] = []
    # (Read leniently, as spreadsheets write them: `"Bob" Stone` is Bob Stone. But a quote never
    # closed would read the rest of the file as one cell, some contacts' lines as one name.)
    unclosed = _unclosed_quote(lines[header:])
    if unclosed is not None:
        problems.append(Problem(path, header + unclosed + 1, "a quote (\") opened on this line "
                                "is never closed, so the CSV cannot be read from here on",
                                "export the contacts again, or close the quote"))
        if unclosed == 0:  # (the header's own)
            return ContactFile(kind, (), tuple(problems))
    reader = csv.reader(lines[header:] if unclosed is None else lines[header:header + unclosed])
    columns: dict[str, list[int]] = {}
    for index, name in enumerate(next(reader)):
        columns.setdefault(name.strip().casefold(), []).append(index)
    while True:
        line = header + reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(Problem(path, line, f"the CSV cannot be read from here on ({err})",
                                    "export the contacts again"))
            break
        if not any(cell.strip() for cell in cells):
            continue
        contact = make(path, line, _Row(columns, cells), problems)
        if isinstance(contact, str):
            skipped.append(Problem(path, line, contact))
        elif contact:
            contacts.append(contact)
    return ContactFile(kind, tuple(contacts), tuple(problems), tuple(skipped))


def _unclosed_quote(lines: list[str]) -> int | None:
    """The place in `lines` of the first line of the row whose quoted cell is never closed, if a
    row has one: the last row, read leniently (it takes the rest of the file), which a strict
    reading ends in the middle of its quote."""
    rows = csv.reader(lines)
    last = end = 0
    for _ in rows:
        last, end = end, rows.line_num
    try:
        for _ in csv.reader(lines[last:], strict=True):
            pass
    except csv.Error as err:
        # (Any other slip ends the look: the strict reading would go on from the next line,
        # which may be inside a cell that runs over lines, and take a good row for a bad one.)
        return last if "unexpected end of data" in str(err) else None
    return None


def _cells(line: str) -> list[str]:
    return [cell.strip().casefold() for cell in next(csv.reader([line]), [])]


def _is_linkedin_header(cells: list[str]) -> bool:
    return {"first name", "last name", "connected on"} <= set(cells)


def _is_google_header(cells: list[str]) -> bool:
    names = {"name", "first name", "last name", "given name", "family name"}
    return bool(names & set(cells)) and any(_GOOGLE_COLUMN.fullmatch(cell) for cell in cells)


def _linkedin_contact(path: str, line: int, row: _Row, problems: list[Problem]) -> Contact | None:
    given = row.get("First Name")
    name = clean_name(full_name(given, "", row.get("Last Name")), given)
    if not name:
        problems.append(Problem(path, line, "this connection has no name; skipped",
                                "LinkedIn leaves out some members' names; add the person by "
                                "hand if you know who it is"))
        return None
    connected = None
    when = row.get("Connected On").strip()
    if when:
        try:
            connected = _connected(when)
        except BadDate as err:
            problems.append(Problem(path, line, f"{name}: Connected On {err}; imported without it",
                                    "write it as 12 Mar 2024 or 2024-03-12"))
    return Contact(
        name=name,
        emails=_unique([row.get("Email Address")]),
        org=_first([row.get("Company")]),
        title=_first([row.get("Position")]),
        url=_first(u for u in [row.get("URL")] if not linkedin_key(u)),
        linkedin=_first(u for u in [row.get("URL")] if linkedin_key(u)),
        connected=connected,
        line=line,
    )


def _google_contact(path: str, line: int, row: _Row,
                    problems: list[Problem]) -> Contact | str | None:
    name = _person_name(single_line(row.get("Name")), *(single_line(row.get(*column)) for column in (
        ("First Name", "Given Name"), ("Middle Name", "Additional Name"),
        ("Last Name", "Family Name"), ("Name Suffix",))))
    company = _first([row.get("Organization 1 - Name", "Organization Name")])
    if not name and company:  # Google's card of a company: its name where a person's would be
        return _skipped(company, "company", "an organisation, no name")
    if not name:
        problems.append(Problem(path, line, "this contact has no name; skipped",
                                "give the contact a name in Google Contacts"))
        return None
    birthday = None
    if row.get("Birthday").strip():
        birthday = _birthday_or_problem(path, line, name, row.get("Birthday"), None, problems)

    def split(cells: list[str]) -> list[str]:
        return [value for cell in cells for value in _MULTI.split(cell)]

    websites = split(row.matching(_WEBSITE_COLUMN))
    labels = [label for label in split([row.get("Labels", "Group Membership")])
              if not label.strip().startswith("*")]  # Google's own: * myContacts, * starred
    return Contact(
        name=name,
        emails=_unique(split(row.matching(_EMAIL_COLUMN))),
        phones=_phones(split(row.matching(_PHONE_COLUMN))),
        org=_first(split([row.get("Organization 1 - Name", "Organization Name")])),
        title=_first(split([row.get("Organization 1 - Title", "Organization Title")])),
        birthday=birthday,
        url=_first(u for u in websites if not linkedin_key(u)),
        notes=_notes(row.get("Notes")),
        line=line,
        aliases=_aliases(name, split([row.get("Nickname")])),
        tags=_tags(labels),
        linkedin=_first(u for u in websites if linkedin_key(u)),
    )


# -- names, tags and profiles -----------------------------------------------------------------


def _person_name(formatted: str, given: str, additional: str, family: str, suffix: str) -> str:
    """A contact's name, cleaned: as written (`formatted`), unless the parts hold a given and a
    family name and it is written family name first, behind a comma (`Schmidt, Anna` is Anna
    Schmidt), or is the family name alone once its credentials are left out (`Verma, PhD`, with
    Ravi as the given name, is Ravi Verma); and the name the parts give before a comma is the
    name (`Anna Schmidt, Acme GmbH`). Any other comma is the name's own (`Bob Stone, Acme`, when
    the parts say Robert), as a name without parts is (`Lee, Kim`)."""
    cleaned = clean_name(formatted, given) if formatted else ""
    if cleaned and given and family:
        before, comma, _ = cleaned.partition(",")
        if comma and key(before) == key(family):
            return clean_name(given_first(cleaned), given)
        if comma and key(before) in {key(f"{given} {family}"),
                                     key(full_name(given, additional, family))}:
            return clean_name(before, given)  # (`Anna Schmidt, Acme GmbH`: the name, then more)
        if not comma and key(cleaned) == key(family):
            return clean_name(full_name(given, additional, family, suffix), given)
    return cleaned or clean_name(full_name(given, additional, family, suffix), given)


def full_name(given: str, additional: str, family: str, suffix: str = "") -> str:
    """A name from its parts as people write it: the given names first (`Anna Schmidt`), or the
    family name first in Chinese, Japanese or Korean characters (`山田 太郎`); of the suffixes,
    only a generation (`Jr.`, `III`) is part of the name."""
    parts = [given, additional, family]
    if CJK_NAME.fullmatch(f"{family}{given}{additional}"):
        parts = [family, given, additional]
    parts += [w for w in suffix.replace(",", " ").split() if re.fullmatch(GENERATION_WORD, w)]
    return single_line(" ".join(parts))


def linkedin_key(url: str) -> str | None:
    """A LinkedIn profile URL as compared: without scheme, `www.` or country, query, trailing
    slash or case (`https://www.linkedin.com/in/Jane/` is `linkedin.com/in/jane`); None for
    anything else."""
    found = _LINKEDIN.fullmatch(url.strip().replace("\\:", ":").split("?")[0].split("#")[0])
    path = urllib.parse.unquote(found[1] or "").strip("/") if found else ""
    if not path or path.count("/") < 1:
        return None
    return "linkedin.com/" + unicodedata.normalize("NFC", path).casefold()


def _aliases(name: str, values: Iterable[str]) -> tuple[str, ...]:
    """Nicknames, without emoji, blanks, repeats or the name itself."""
    names = _unique(" ".join(without_emoji(HIDDEN.sub("", v)).lstrip("#").split()) for v in values)
    return tuple(n for n in names if n.casefold() != name.casefold())


def _tags(labels: Iterable[str]) -> tuple[str, ...]:
    """Labels as Obsidian tags: `Book Club` is `Book-Club`; one that would be only digits, or
    nothing, is left out."""
    tags = []
    for label in labels:
        tag = re.sub(r"[^\w/-]+", "", "-".join(single_line(label).lstrip("#").split())).strip("-/")
        if tag and not tag.isdigit():
            tags.append(tag)
    return _unique(tags)


# -- values ----------------------------------------------------------------------------------


def _notes(text: str) -> str | None:
    """Free text kept on its lines, without control characters."""
    text = _NOTE_CONTROL.sub(" ", _LINE_END.sub("\n", text))
    return unicodedata.normalize("NFC", "\n".join(line.rstrip() for line in text.split("\n"))
                                 .strip("\n")) or None


def _first(values: Iterable[str]) -> str | None:
    return next((v for v in map(single_line, values) if v), None)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    """One-line values without blanks or repeats (compared ignoring case), in order."""
    seen: dict[str, str] = {}
    for value in map(single_line, values):
        if value:
            seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def _phones(values: Iterable[str]) -> tuple[str, ...]:
    """Phone numbers without the invisible marks (`HIDDEN`) a phone writes around them."""
    return _unique(HIDDEN.sub("", value) for value in values)


def _birthday_or_problem(path: str, line: int, name: str, value: str, omit_year: str | None,
                         problems: list[Problem]) -> str | None:
    try:
        return _birthday(value, omit_year)
    except BadDate as err:
        problems.append(Problem(path, line, f"{name}: birthday {err}; imported without it",
                                "write it as 1980-04-12, or --04-12 without the year"))
        return None


def _birthday(value: str, omit_year: str | None = None) -> str:
    """A birthday as 1980-04-12, or --04-12 without a year (written so, or with the year 0000);
    BadDate if it is neither."""
    value = value.strip()
    if no_year := _YEAR_0000.fullmatch(value):  # Android's and Google's way to write no year
        value = f"--{no_year[1]}-{no_year[2]}"
    birthday = parse_birthday(from_vcard(value))
    if birthday is None:
        raise BadDate(f"{_shorten(value)} is not a date")
    if birthday.year is None or str(birthday.year) == omit_year:
        return f"--{birthday.month:02d}-{birthday.day:02d}"
    return f"{birthday.year:04d}-{birthday.month:02d}-{birthday.day:02d}"


def _connected(value: str) -> date:
    """LinkedIn's 12 Mar 2024 (or 2024-03-12) as a date; BadDate if it is neither."""
    if match := _DAY_MONTH_YEAR.fullmatch(value):
        month = MONTH_NUMBERS.get(match[2].lower())
        if month:
            try:
                return date(int(match[3]), month, int(match[1]))
            except ValueError:
                raise BadDate(f"{value} is not a real date") from None
    found = parse_date(value)
    if found is None:
        raise BadDate(f"{_shorten(value)} is not a date")
    return found


def _shorten(text: str) -> str:
    text = single_line(text)
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"
