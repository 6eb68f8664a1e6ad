"""Read a contacts file: a vCard file, a LinkedIn connections export or a Google Contacts CSV.

The format is recognised by the file's content, never by its name. A card or row that cannot be
imported becomes a Problem naming its line, and the rest of the file is still read; a file that is
none of the three formats, or not UTF-8, is a VaultnetError.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import vobject
from vobject.base import VObjectError

from vaultnet.base.dates import BadDate, parse_birthday, parse_date
from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Problem
from vaultnet.base.text import CONTROL

VCARD = "vCard"
LINKEDIN = "LinkedIn connections"
GOOGLE = "Google Contacts"

_NOTE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_END = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
_FOLD = re.compile(r"(?:\r\n|\r|\n)[ \t]")
_BYTE_FOLD = re.compile(rb"(?:\r\n|\r|\n)[ \t]")
_SURROGATE = re.compile(r"[\udc80-\udcff]")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T[0-9:.+\-Z]*)?")
_COMPACT_DAY = re.compile(r"--(\d{2})(\d{2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{4})")
_MONTHS = {m: n for n, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MULTI = re.compile(r"\s*:::\s*")
_GOOGLE_COLUMN = re.compile(
    r"(?:e-mail|phone|website|organization|address) \d+ - .+|organization (?:name|title)"
    r"|group membership|labels")
_EMAIL_COLUMN = re.compile(r"e-mail \d+ - value")
_PHONE_COLUMN = re.compile(r"phone \d+ - value")
_WEBSITE_COLUMN = re.compile(r"website \d+ - value")
_SHOWN = 80


@dataclass(frozen=True)
class Contact:
    """One person from a contacts file, with their text cleaned for names, files and terminals."""

    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    org: str | None = None
    title: str | None = None
    birthday: str | None = None  # 1980-04-12, or --04-12 when the year is unknown
    url: str | None = None
    connected: date | None = None  # LinkedIn's "Connected On"
    notes: str | None = None
    line: int = 0  # where the contact starts in its file, from 1


@dataclass(frozen=True)
class ContactFile:
    """The contacts of one file, in file order, and what could not be imported from it."""

    format: str
    contacts: tuple[Contact, ...]
    problems: tuple[Problem, ...]


def read_contacts(path: Path) -> ContactFile:
    """Read a vCard file, a LinkedIn connections export or a Google Contacts CSV."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise VaultnetError(f"{path}: cannot read the contacts file ({err.strerror or err})") \
            from err
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
                        f"Contacts CSV ({shown})")


def _decode(path: Path, data: bytes) -> str:
    """The file's text; a UTF-8 BOM is dropped, and anything but UTF-8 is refused."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise VaultnetError(f"{path}: is UTF-16 text, not UTF-8; export it again as UTF-8, "
                                "or save it as UTF-8 in a text editor") from err
        if data.lstrip().upper().startswith((b"BEGIN:VCARD", b"\xef\xbb\xbfBEGIN:VCARD")):
            try:
                _BYTE_FOLD.sub(b"", data).decode("utf-8-sig")
            except UnicodeDecodeError:
                pass
            else:
                # Folding may split a character's bytes (RFC 6350, 3.2); each card is repaired
                # once its lines are unfolded.
                return data.decode("utf-8-sig", "surrogateescape")
        line = data.count(b"\n", 0, err.start) + 1
        raise VaultnetError(f"{path}: is not UTF-8 text (line {line} has the byte "
                            f"{data[err.start]:#04x}); export it again as UTF-8, or save it as UTF-8 "
                            "in a text editor") from err


# -- vCard -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Card:
    line: int
    lines: tuple[str, ...]
    numbers: tuple[int, ...]  # the file line of each of `lines`


def _read_vcards(path: str, lines: list[str]) -> ContactFile:
    contacts: list[Contact] = []
    problems: list[Problem] = []
    for card in _split_cards(path, lines, problems):
        component, problem = _parse_card(path, card)
        if problem:
            problems.append(problem)
            continue
        contact = _card_contact(path, card.line, component, problems)
        if contact:
            contacts.append(contact)
    return ContactFile(VCARD, tuple(contacts), tuple(problems))


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


def _parse_card(path: str, card: _Card) -> tuple[Any, Problem | None]:
    text = "\n".join(card.lines) + "\n"
    repaired = False
    if _SURROGATE.search(text):
        try:
            text = _FOLD.sub("", text).encode("utf-8", "surrogateescape").decode("utf-8")
        except UnicodeDecodeError:
            return None, Problem(path, card.line, "this card is not UTF-8 text; skipped",
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
        return None, Problem(path, card.line, f"this card cannot be read ({where}{reason}); "
                             "skipped", "fix the card, or export the contacts again")
    if component is None:
        return None, Problem(path, card.line, "this card is empty; skipped", "delete it")
    return component, None


def _card_contact(path: str, line: int, card: Any, problems: list[Problem]) -> Contact | None:
    def values(name: str) -> list[Any]:
        return [prop.value for prop in card.contents.get(name, [])]

    name = next((n for n in map(_one_line, _strings(values("fn"))) if n), "")
    if not name:
        name = next((n for n in map(_structured_name, values("n")) if n), "")
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
    orgs = [org[0] if isinstance(org, list) and org else org for org in values("org")]
    notes = [n for n in map(_notes, _strings(values("note"))) if n]
    return Contact(
        name=name,
        emails=_unique(_strip_scheme(e, "mailto:") for e in _strings(values("email"))),
        phones=_unique(_strip_scheme(t, "tel:") for t in _strings(values("tel"))),
        org=_first(_strings(orgs)),
        title=_first(_strings(values("title"))),
        birthday=birthday,
        url=_first(u.replace("\\:", ":") for u in _strings(values("url"))),  # Apple escapes ':'
        notes="\n\n".join(notes) or None,
        line=line,
    )


def _structured_name(value: Any) -> str:
    """The name of an N property: given, additional and family names, in that order."""
    if isinstance(value, str):  # vobject left it unparsed: family;given;additional;…
        family, given, additional = ([*value.split(";"), "", ""][:3])
        return _one_line(f"{given} {additional} {family}")
    parts = [getattr(value, part, "") for part in ("given", "additional", "family")]
    return _one_line(" ".join(" ".join(_strings(p if isinstance(p, list) else [p])) for p in parts))


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


_MakeContact = Callable[[str, int, _Row, list[Problem]], Contact | None]


def _read_csv(path: str, kind: str, lines: list[str], header: int,
              make: _MakeContact) -> ContactFile:
    contacts: list[Contact] = []
    problems: list[Problem] = []
    reader = csv.reader(lines[header:])
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
        if contact:
            contacts.append(contact)
    return ContactFile(kind, tuple(contacts), tuple(problems))


def _cells(line: str) -> list[str]:
    return [cell.strip().casefold() for cell in next(csv.reader([line]), [])]


def _is_linkedin_header(cells: list[str]) -> bool:
    return {"first name", "last name", "connected on"} <= set(cells)


def _is_google_header(cells: list[str]) -> bool:
    names = {"name", "first name", "last name", "given name", "family name"}
    return bool(names & set(cells)) and any(_GOOGLE_COLUMN.fullmatch(cell) for cell in cells)


def _linkedin_contact(path: str, line: int, row: _Row, problems: list[Problem]) -> Contact | None:
    name = _one_line(f"{row.get('First Name')} {row.get('Last Name')}")
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
        url=_first([row.get("URL")]),
        connected=connected,
        line=line,
    )


def _google_contact(path: str, line: int, row: _Row, problems: list[Problem]) -> Contact | None:
    name = _one_line(row.get("Name")) or _one_line(" ".join(row.get(*column) for column in (
        ("First Name", "Given Name"), ("Middle Name", "Additional Name"), ("Last Name", "Family Name"))))
    if not name:
        problems.append(Problem(path, line, "this contact has no name; skipped",
                                "give the contact a name in Google Contacts"))
        return None
    birthday = None
    if row.get("Birthday").strip():
        birthday = _birthday_or_problem(path, line, name, row.get("Birthday"), None, problems)

    def split(cells: list[str]) -> list[str]:
        return [value for cell in cells for value in _MULTI.split(cell)]

    return Contact(
        name=name,
        emails=_unique(split(row.matching(_EMAIL_COLUMN))),
        phones=_unique(split(row.matching(_PHONE_COLUMN))),
        org=_first(split([row.get("Organization 1 - Name", "Organization Name")])),
        title=_first(split([row.get("Organization 1 - Title", "Organization Title")])),
        birthday=birthday,
        url=_first(split(row.matching(_WEBSITE_COLUMN))),
        notes=_notes(row.get("Notes")),
        line=line,
    )


# -- values ----------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    """Text as one line: control characters out, whitespace collapsed, NFC."""
    return unicodedata.normalize("NFC", " ".join(CONTROL.sub(" ", text).split()))


def _notes(text: str) -> str | None:
    """Free text kept on its lines, without control characters."""
    text = _NOTE_CONTROL.sub(" ", _LINE_END.sub("\n", text))
    return unicodedata.normalize("NFC", "\n".join(line.rstrip() for line in text.split("\n"))
                                 .strip("\n")) or None


def _first(values: Iterable[str]) -> str | None:
    return next((v for v in map(_one_line, values) if v), None)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    """One-line values without blanks or repeats (compared ignoring case), in order."""
    seen: dict[str, str] = {}
    for value in map(_one_line, values):
        if value:
            seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def _birthday_or_problem(path: str, line: int, name: str, value: str, omit_year: str | None,
                         problems: list[Problem]) -> str | None:
    try:
        return _birthday(value, omit_year)
    except BadDate as err:
        problems.append(Problem(path, line, f"{name}: birthday {err}; imported without it",
                                "write it as 1980-04-12, or --04-12 without the year"))
        return None


def _birthday(value: str, omit_year: str | None = None) -> str:
    """A birthday as 1980-04-12, or --04-12 without a year; BadDate if it is neither."""
    text = value.strip()
    if match := _COMPACT_DATE.fullmatch(text):
        text = f"{match[1]}-{match[2]}-{match[3]}"
    elif match := _COMPACT_DAY.fullmatch(text):
        text = f"--{match[1]}-{match[2]}"
    birthday = parse_birthday(text)
    if birthday is None:
        raise BadDate(f"{_shorten(value)} is not a date")
    if birthday.year is None or str(birthday.year) == omit_year:
        return f"--{birthday.month:02d}-{birthday.day:02d}"
    return f"{birthday.year:04d}-{birthday.month:02d}-{birthday.day:02d}"


def _connected(value: str) -> date:
    """LinkedIn's 12 Mar 2024 (or 2024-03-12) as a date; BadDate if it is neither."""
    if match := _DAY_MONTH_YEAR.fullmatch(value):
        month = _MONTHS.get(match[2].lower())
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
    text = _one_line(text)
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"
