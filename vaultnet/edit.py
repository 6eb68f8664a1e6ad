"""Changing the user's own notes, only as asked: `init`, `add` and `log`.

These are the only places where vaultnet writes a note it did not generate (PRODUCT.md, promise 1).
`init` and `add` create files that do not exist yet and never replace one; `log` inserts one line
and keeps every other byte: line endings, byte-order mark, the frontmatter as written, a missing
final newline. Every change goes through a temporary file and an atomic rename, and `log` writes
only if the note still holds what it read.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vaultnet.dates import parse_cadence
from vaultnet.errors import VaultnetError
from vaultnet.index import VaultIndex, find_person
from vaultnet.links import key
from vaultnet.names import safe_stem
from vaultnet.notes import FIELD_ALIASES, _field_of
from vaultnet.settings import DEFAULT_CADENCE, SETTINGS_FILE, Settings, load_settings
from vaultnet.writer import Conflict, atomic_replace, create_new

LOG_TAGS = ("outreach", "reply", "met", "call", "gave", "asked")
PROFILE_NOTE = "Me.md"

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")  # lines with their endings; a lone \r stays inside a line
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_KEY_LINE = re.compile(r"([^\s#:\-][^:]*):(?=[ \t\r\n]|$)")
_PLAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 _.@-]*[A-Za-z0-9_.-])?")
_NUMBERISH = re.compile(r"[\d\s._:+-]+|0[xob].*|[\d_]+e[\d_]+", re.IGNORECASE)  # YAML would read a number
_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")  # left raw by JSON
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null", "none"})


def _settings_text() -> str:
    defaults = Settings()
    cadence = "\n".join(f'# {role} = "{days}d"' for role, days in sorted(DEFAULT_CADENCE.items()))
    return f"""\
# vaultnet's settings. Every line is optional: delete it, or leave it commented out, to keep the
# default written next to it.

# Where person notes are; any note with `type: person` or the tag `person` counts too.
# people_folder = "{defaults.people_folder}"

# Where vaultnet writes the notes it generates. It reads nothing there.
# output_folder = "{defaults.output_folder}"

# Folders vaultnet does not read, such as an archive.
# ignore = ["Archive"]

# The note `vaultnet add` starts from; it is a template, not a person.
# person_template = "{defaults.person_template}"

# A person you have not been in touch with for this many days has gone quiet.
# quiet_days = {defaults.quiet_days}

# Notes larger than this are reported and skipped.
# max_note_bytes = {defaults.max_note_bytes}

# How often to be in touch, by role, unless a note says `cadence:` itself.
# Days, or a form like 2w, 3m, monthly.
[cadence]
{cadence}

# After an `#outreach` entry: days to wait for a reply before following up, and how many
# follow-ups before letting it rest.
[outreach]
# wait_days = {defaults.outreach_wait_days}
# max_followups = {defaults.max_followups}
"""


PROFILE_TEXT = """\
---
type: me
goals: []
topics: []
offers: []
story:
---
# Me

vaultnet ranks mentors, introductions and the people you could help against this note:
`goals` (what you are working toward, in your own words), `topics` (what you care about, in the
words your person notes use), `offers` (what you can give) and `story` (a line about you).
"""

PERSON_TEMPLATE = """\
---
type: person
role:
org:
topics: []
cadence:
---
# {{title}}

## Log
"""


# -- init -----------------------------------------------------------------------------------------

@dataclass
class InitReport:
    created: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)  # path, why


def init_vault(root: Path, index: VaultIndex | None = None) -> InitReport:
    """Write a commented settings file, a profile note and a person template where none exist.

    `index` (the vault read) tells whether a profile exists under another name already.
    """
    report = InitReport()
    _create(root, SETTINGS_FILE, _settings_text(), report)
    profile = index.profile if index is not None else None
    if profile is not None and key(profile.path) != key(PROFILE_NOTE):
        report.kept.append((profile.path, "your profile already"))
    else:
        _create(root, PROFILE_NOTE, PROFILE_TEXT, report)
    _create(root, load_settings(root).person_template, PERSON_TEMPLATE, report)
    return report


def _create(root: Path, rel: str, text: str, report: InitReport) -> None:
    target = root / rel
    if os.path.lexists(target):
        report.kept.append((rel, "exists"))
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        create_new(str(target), text.encode("utf-8"))
    except FileExistsError:
        report.kept.append((rel, "exists"))
        return
    report.created.append(rel)


# -- add ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NewPerson:
    """What `vaultnet add` knows of someone."""

    name: str
    role: str | None = None
    org: str | None = None
    topics: tuple[str, ...] = ()
    met_via: str | None = None
    cadence: str | None = None
    prospect: bool = False
    extra: tuple[tuple[str, object], ...] = ()  # more fields, in order (from an import)
    body: str = ""  # free text for the note, under its heading


def one_line(text: str, what: str) -> str:
    """`text` with its white space collapsed; an error if it is empty or holds control characters."""
    if _CONTROL.search(text.replace("\t", " ")):
        raise VaultnetError(f"{what} must be one line without control characters, got {text!r}")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise VaultnetError(f"{what} is empty")
    return cleaned


def existing_person(index: VaultIndex, name: str) -> str | None:
    """The note of a person called `name` (by note name or alias, ignoring case and Unicode
    normalisation), if there is one."""
    wanted = key(name)
    for person in index.people:
        if key(person.name) == wanted or wanted in {key(a) for a in person.fields.aliases}:
            return person.path
    return None


def person_note_path(index: VaultIndex, settings: Settings, name: str) -> str:
    """Where the note of a new person called `name` goes: the people folder, under a safe name.

    An error naming the note in the way if a person of that name exists, or a note (any note)
    already has that file name.
    """
    found = existing_person(index, name)
    if found is not None:
        raise VaultnetError(f'"{name}" already has a note: {found}')
    rel = f"{settings.people_folder}/{safe_stem(name)}.md"
    taken = {key(note.path): note.path for note in index.notes}
    if key(rel) in taken:
        raise VaultnetError(f"{taken[key(rel)]} already exists; choose another name for the note")
    return rel


def render_person(new: NewPerson, template: str, today: date, resolve_link: dict[str, str]) -> str:
    """The text of a new person note: the template with its placeholders and fields filled in.

    `resolve_link` maps a name's key to the note name a link should use (people the vault knows).
    """
    text = (template.replace("{{title}}", new.name).replace("<% tp.file.title %>", new.name)
            .replace("{{date}}", today.isoformat()))
    values: list[tuple[str, object]] = []
    if new.name != safe_stem(new.name):
        values.append(("aliases", [new.name]))
    if new.role:
        values.append(("role", one_line(new.role, "the role").casefold()))
    if new.org:
        values.append(("org", one_line(new.org, "the organisation")))
    if new.topics:
        values.append(("topics", [one_line(t, "a topic") for t in new.topics]))
    if new.met_via:
        via = one_line(new.met_via, "who you met them through")
        values.append(("met_via", f"[[{resolve_link.get(key(via), via)}]]"))
    if new.cadence:
        if parse_cadence(new.cadence) is None:
            raise VaultnetError(f"the cadence {new.cadence!r} is not one vaultnet reads: use days or "
                                "a form like 30d, 2w, 3m, monthly")
        values.append(("cadence", new.cadence.strip()))
    if new.prospect:
        values.append(("status", "prospect"))
    values += list(new.extra)
    text = set_fields(text, values)
    if new.body:
        text = _add_body(text, new.body)
    return text


def set_fields(text: str, values: list[tuple[str, object]]) -> str:
    """Set frontmatter fields in `text`, keeping every other line as written.

    A field already there (under any of its spellings: `company` for `org`) gets the new value in
    place; others are added before the closing `---`. A text without frontmatter gets one.
    """
    lines = _LINE.findall(text)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if not lines or lines[0].rstrip("\r\n") != "---":
        lines = ["---" + eol, "---" + eol, *lines]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") in ("---", "...")), None)
    if end is None:
        raise VaultnetError("the person template's frontmatter has no closing `---`")
    for name, value in values:
        known = _field_of(name)
        spellings = {_spelling_key(s) for s in FIELD_ALIASES[known[0]]} if known else set()
        spellings.add(_spelling_key(name))
        rendered = f"{name}: {_yaml(value)}{eol}"
        at = next((i for i in range(1, end) if (m := _KEY_LINE.match(lines[i]))
                   and _spelling_key(m[1]) in spellings), None)
        if at is None:
            lines.insert(end, rendered)
            end += 1
            continue
        stop = at + 1  # the field's own lines: a block list or a folded value goes with it
        while stop < end and (lines[stop][:1] in (" ", "\t") or lines[stop].startswith("-")):
            stop += 1
        lines[at:stop] = [f"{_KEY_LINE.match(lines[at])[1]}: {_yaml(value)}{eol}"]  # type: ignore[index]
        end -= stop - at - 1
    return "".join(lines)


def _spelling_key(raw: str) -> str:
    return re.sub(r"[\s_\-]+", "", raw.casefold())


def _yaml(value: object) -> str:
    """A value as YAML that reads back as itself (strings quoted unless plainly safe)."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.casefold() not in _YAML_WORDS and not _NUMBERISH.fullmatch(text):
        return text
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


def _add_body(text: str, body: str) -> str:
    """Free text (an import's notes) under the note's first heading, or after the frontmatter."""
    eol = "\r\n" if "\r\n" in text else "\n"
    block = eol.join(line.rstrip() for line in body.strip().splitlines()) + eol
    lines = _LINE.findall(text)
    start = _body_start(lines)
    at = next((i + 1 for i in range(start, len(lines)) if lines[i].startswith("# ")), start)
    blank_after = at < len(lines) and not lines[at].strip()
    gap = [eol] if at < len(lines) and not blank_after else []
    return "".join([*lines[:at], eol, block, *gap, *lines[at:]])


def add_person(root: Path, index: VaultIndex, new: NewPerson, today: date) -> str:
    """Create the note of a new person; its vault path."""
    settings = load_settings(root)
    new = dataclasses.replace(new, name=one_line(new.name, "the name"))
    rel = person_note_path(index, settings, new.name)
    links = {key(p.name): p.name for p in index.people}
    links.update({key(a): p.name for p in index.people for a in p.fields.aliases})
    text = render_person(new, _template(root, settings), today, links)
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        create_new(str(target), text.encode("utf-8"))
    except FileExistsError:
        raise VaultnetError(f"{rel} already exists; choose another name for the note") from None
    return rel


def _template(root: Path, settings: Settings) -> str:
    """The person template of the vault, else vaultnet's own."""
    path = root / settings.person_template
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return PERSON_TEMPLATE
    except OSError as err:
        raise VaultnetError(f"{settings.person_template}: cannot read the person template "
                            f"({err.strerror})") from err
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise VaultnetError(f"{settings.person_template}: the person template is not UTF-8 "
                            "text") from None


# -- log ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Logged:
    path: str
    line: int  # 1-based, in the note as written now
    text: str


def log_line(day: date, text: str, tags: tuple[str, ...]) -> str:
    """`- 2026-11-25 Coffee at the lab #met`."""
    text = one_line(text, "the text to log")
    present = {t.casefold() for t in re.findall(r"(?<!\S)#([\w/-]+)", text)}
    added = [f"#{tag}" for tag in LOG_TAGS if tag in tags and tag not in present]
    return " ".join([f"- {day.isoformat()}", text, *added])


def log_entry(root: Path, index: VaultIndex, name: str, line: str) -> Logged:
    """Append `line` at the end of the log section of the note of the person `name` means."""
    person = find_person(index, name)
    disk = os.path.realpath(root / person.path)  # a symlinked note is changed where it lives
    try:
        with open(disk, "rb") as stream:
            before = stream.read()
    except OSError as err:
        raise VaultnetError(f"{person.path}: cannot read it ({err.strerror})") from err
    after, number = insert_log_line(before, line, person.path)
    try:
        atomic_replace(disk, after, before)
    except Conflict:
        raise VaultnetError(f"{person.path} changed while vaultnet was adding to it; nothing was "
                            "written. Run the command again.") from None
    except OSError as err:
        raise VaultnetError(f"{person.path}: could not be written ({err.strerror or err}); "
                            "nothing was changed") from err
    return Logged(person.path, number, line)


def insert_log_line(data: bytes, line: str, path: str) -> tuple[bytes, int]:
    """`data` with `line` added at the end of its log section (one is made at the end if there is
    none), in the note's own line endings; and the new line's number."""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data[3 if bom else 0:].decode("utf-8")
    except UnicodeDecodeError:
        raise VaultnetError(f"{path}: is not UTF-8 text; nothing was written") from None
    lines = _LINE.findall(text)
    first_end = next((ln for ln in lines if ln.endswith("\n")), "\n")
    eol = "\r\n" if first_end.endswith("\r\n") else "\n"
    section = _log_section(lines)
    if section is None:
        tail = [] if not lines else ([eol] if lines[-1].strip() else [])
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += eol
            new = [*tail, "## Log" + eol, line]  # no final newline before, none after
        else:
            new = [*tail, "## Log" + eol, line + eol]
        at = len(lines)
        lines += new
        number = len(lines)
    else:
        start, stop = section
        at = next((i + 1 for i in range(stop - 1, start, -1) if lines[i].strip()), start + 1)
        if at == len(lines) and not lines[-1].endswith("\n"):
            lines[-1] += eol
            lines.append(line)
        else:
            lines.insert(at, line + eol)
        number = at + 1
    return (b"\xef\xbb\xbf" if bom else b"") + "".join(lines).encode("utf-8"), number


def _body_start(lines: list[str]) -> int:
    """The first line after the frontmatter (0 if there is none)."""
    if lines and lines[0].rstrip("\r\n") == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip("\r\n") in ("---", "..."):
                return i + 1
    return 0


def _log_section(lines: list[str]) -> tuple[int, int] | None:
    """The first `Log` heading's line and the line where its section ends, outside code blocks."""
    fence: str | None = None
    found: tuple[int, int] | None = None  # heading line, level
    for i in range(_body_start(lines), len(lines)):
        content = lines[i].rstrip("\r\n")
        opened = _FENCE.match(content)
        if fence is not None:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened[1]
            continue
        heading = _HEADING.match(content)
        if heading is None:
            continue
        level = len(heading[1])
        if found is not None and level <= found[1]:
            return found[0], i
        if found is None and heading[2].rstrip(":").strip().casefold() == "log":
            found = (i, level)
    return (found[0], len(lines)) if found is not None else None
