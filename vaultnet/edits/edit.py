"""Changing the user's own notes, only as asked: `init`, `add` and `log`.

These are the only places where vaultnet writes a note it did not generate (PRODUCT.md, promise 1).
`init` and `add` create files that do not exist yet and never replace one; `log` inserts one line
and keeps every other byte: line endings, byte-order mark, the frontmatter as written, a missing
final newline. Every change goes through a temporary file and an atomic rename, and `log` writes
only if the note still holds what it read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vaultnet.base.dates import parse_cadence
from vaultnet.base.errors import VaultnetError
from vaultnet.base.filenames import safe_stem
from vaultnet.base.settings import DEFAULT_CADENCE, SETTINGS_FILE, Settings, load_settings
from vaultnet.base.text import CONTROL, key, nfc
from vaultnet.network.index import VaultIndex, find_person
from vaultnet.parse.frontmatter import FIELD_LINE, frontmatter_lines
from vaultnet.parse.links import find_tags
from vaultnet.parse.note import blank_code, field_key, field_of, parse_note
from vaultnet.render.markdown import inline
from vaultnet.write.files import Conflict, atomic_replace, create_new, unsafe_folder

LOG_TAGS = ("outreach", "reply", "met", "call", "gave", "asked")
PROFILE_NOTE = "Me.md"

_LINE = re.compile(r"[^\n]*\n|[^\n]+")  # lines with their endings; a lone \r stays inside a line
_HIDDEN = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")  # reorder or hide
_LINK_UNSAFE = re.compile(r"[\[\]|#^]")
_MAX_TEMPLATE_BYTES = 256 * 1024
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
# What starts a block that runs on other than a paragraph: a list item, quote, table, indented code;
# the first two (a list item with text) also end a paragraph they follow.
_BLOCK_START = re.compile(r" {0,3}(?:[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|>|\|)|[ ]{4}|\t")
_INTERRUPT = re.compile(r" {0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+\S|>)")
_RULE = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$")
_FENCE_LINE = re.compile(r"[ \t]*(?:`{3,}|~{3,})")  # (what `blank_code` leaves of a code block)
# Comments, HTML's and Obsidian's, when closed (an unclosed one hides nothing here), outside code.
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--(?:-?>|.*?-->)|%%.*?%%", re.DOTALL)
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
    if profile is not None:
        report.kept.append((profile.path, "exists" if key(profile.path) == key(PROFILE_NOTE)
                            else "your profile already"))
    else:
        _create(root, PROFILE_NOTE, PROFILE_TEXT, report)
    _create(root, load_settings(root).person_template, PERSON_TEMPLATE, report)
    return report


def _create(root: Path, rel: str, text: str, report: InitReport) -> None:
    target = root / rel
    same = _any_case(root, rel)
    if same is not None:
        report.kept.append((same, "exists"))
        return
    folder = rel.rpartition("/")[0]
    if folder and unsafe_folder(os.path.realpath(root), folder) is not None:
        report.kept.append((rel, "its folder is a symlink or a file; not written"))
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        create_new(str(target), text.encode("utf-8"))
    except FileExistsError:
        report.kept.append((rel, "exists"))
        return
    report.created.append(rel)


def _any_case(root: Path, rel: str) -> str | None:
    """The vault path of a file at `rel` in any case or Unicode form, if there is one (a vault
    moves between case-sensitive and case-insensitive file systems)."""
    folder = root / rel.rpartition("/")[0]
    wanted = key(rel.rpartition("/")[2])
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    found = next((n for n in sorted(names) if key(n) == wanted), None)
    return None if found is None else os.path.relpath(folder / found, root).replace(os.sep, "/")


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
    body: str = ""  # free text for the note, quoted under its heading (from an import)


def one_line(text: str, what: str) -> str:
    """`text` with its white space collapsed; an error if it is empty or holds control characters
    (including the invisible ones that reorder or hide text)."""
    if CONTROL.search(text.replace("\t", " ")) or _HIDDEN.search(text):
        raise VaultnetError(f"{what} must be one line without control characters, got {text!r}")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise VaultnetError(f"{what} is empty")
    return cleaned


class PersonMaker:
    """Makes new person notes in a vault: each from its person template, in the people folder,
    under a file name that is safe everywhere and taken by no other note.

    Set up once for many notes (an import of thousands of contacts), so that each costs the
    same however large the vault.
    """

    def __init__(self, root: Path, index: VaultIndex, today: date) -> None:
        self.root, self.today = root, today
        self.settings = load_settings(root)
        bad = unsafe_folder(os.path.realpath(root), self.settings.people_folder)
        if bad is not None:
            raise VaultnetError(f"{self.settings.people_folder}: is a symlink or a file, not a "
                                "folder inside the vault; vaultnet creates no notes there")
        self.template = _template(root, self.settings)
        self.people: dict[str, str] = {}  # the key of every name and alias: the person's note
        self.links: dict[str, str] = {}  # the same keys: the note name a link to them uses
        for person in index.people:
            for name in (person.name, *person.fields.aliases):
                self.people.setdefault(key(name), person.path)
                self.links.setdefault(key(name), person.name)
        self.taken = {key(note.path) for note in index.notes}

    def existing(self, name: str) -> str | None:
        """The note of a person called `name` (note name or alias, any case or normalisation)."""
        return self.people.get(key(name))

    def make(self, new: NewPerson, dry_run: bool = False) -> str:
        """Create the note of a new person (with `dry_run`, only say where); its vault path."""
        name = _name(new.name)
        found = self.existing(name)
        if found is not None:
            raise VaultnetError(f'"{name}" already has a note: {found}')
        stem = safe_stem(name)
        rel = f"{self.settings.people_folder}/{stem}.md"
        number = 2
        while key(rel) in self.taken:  # another note (not this person) has the file name
            rel = f"{self.settings.people_folder}/{stem} {number}.md"
            number += 1
        text = self.render(dataclasses.replace(new, name=name), rel)
        if not dry_run:
            target = self.root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                create_new(str(target), text.encode("utf-8"))
            except FileExistsError:
                raise VaultnetError(f"{rel} appeared while vaultnet was writing it; nothing "
                                    "was written") from None
        self.taken.add(key(rel))
        self.people[key(name)] = rel
        self.links[key(name)] = rel.rpartition("/")[2].removesuffix(".md")
        return rel

    def render(self, new: NewPerson, rel: str) -> str:
        """The text of the new note, checked: it must read back with what was asked for."""
        values: list[tuple[str, object]] = []
        if rel.rpartition("/")[2].removesuffix(".md") != new.name:
            values.append(("aliases", [new.name]))
        if new.role:
            values.append(("role", one_line(new.role, "the role").casefold()))
        if new.org:
            values.append(("org", one_line(new.org, "the organisation")))
        if new.topics:
            values.append(("topics", [one_line(t, "a topic") for t in new.topics]))
        via = None
        if new.met_via:
            via = _link_name(new.met_via, "who you met them through")
            via = self.links.get(key(via), via)
            values.append(("met_via", f"[[{via}]]"))
        if new.cadence:
            if parse_cadence(new.cadence) is None:
                raise VaultnetError(f"the cadence {new.cadence!r} is not one vaultnet reads: use "
                                    "days or a form like 30d, 2w, 3m, monthly")
            values.append(("cadence", new.cadence.strip()))
        if new.prospect:
            values.append(("status", "prospect"))
        values += list(new.extra)
        text = set_fields(_fill(self.template, new.name, self.today), values)
        if new.body:
            text = _add_body(text, new.body)
        note = parse_note(rel, text, self.settings.people_folder)
        wanted = dict(values)
        fields = note.fields
        read_back = (not note.problems
                     and ("role" not in wanted or fields.role == wanted["role"])
                     and (not new.topics or fields.topics == tuple(wanted["topics"]))  # type: ignore[arg-type]
                     and (via is None or [link.target for link in fields.met_via] == [via])
                     and (not new.org or wanted["org"] in fields.orgs
                          or wanted["org"] in [link.target for link in fields.org_links]))
        if not read_back:
            why = f" ({note.problems[0].message})" if note.problems else ""
            raise VaultnetError(f"{self.settings.person_template}: filled in for {new.name}, the "
                                f"person template gives a note vaultnet does not read as "
                                f"asked{why}; nothing was written. Check the template")
        return text


def _name(text: str) -> str:
    name = one_line(text, "the name")
    if name.casefold().endswith(".md") and len(name) > 3:
        name = name[:-3].rstrip()  # a file name given for a name
    return name


def _link_name(text: str, what: str) -> str:
    """A name to put in a wikilink: `[[Jane]]` and `Jane` both give `Jane`."""
    name = one_line(text, what)
    if name.startswith("[[") and name.endswith("]]"):
        name = name[2:-2].strip()
    if not name or _LINK_UNSAFE.search(name):
        raise VaultnetError(f"{what} must be a name, without [ ] | # or ^, got {text!r}")
    return name


_PLACEHOLDER = re.compile(r"""(["']?)(\{\{title\}\}|<%\s*tp\.file\.title\s*%>|\{\{date\}\})\1""")


def _fill(template: str, name: str, today: date) -> str:
    """The template with `{{title}}` (Templater: `<% tp.file.title %>`) and `{{date}}` filled in,
    in one pass: as YAML values in the frontmatter, as text in the body."""
    lines = _LINE.findall(template)
    start = _body_start(lines)

    def value(found: re.Match[str], in_yaml: bool) -> str:
        if found[2] == "{{date}}":  # a date reads back as a date, quoted or not
            return found[0].replace("{{date}}", today.isoformat())
        return _yaml(name) if in_yaml else found[1] + _plain_text(name) + found[1]

    head = "".join(lines[:start])
    body = "".join(lines[start:])
    return (_PLACEHOLDER.sub(lambda m: value(m, True), head)
            + _PLACEHOLDER.sub(lambda m: value(m, False), body))


def _plain_text(text: str) -> str:
    """A name as body text that cannot turn into a link, a comment or HTML."""
    return inline(text).replace("[[", "\\[\\[").replace("]]", "\\]\\]")


def set_fields(text: str, values: list[tuple[str, object]]) -> str:
    """Set frontmatter fields in `text`, keeping every other line as written.

    A field already there (under any of its spellings: `company` for `org`) gets the new value in
    place; others are added before the closing `---`. A text without frontmatter gets one.
    """
    lines = _LINE.findall(text)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    end = _body_start(lines) - 1
    if end < 1:
        lines = ["---" + eol, "---" + eol, *lines]
        end = 1
    for name, value in values:
        at = next((i for i in range(1, end) if (m := FIELD_LINE.match(lines[i].rstrip("\r\n")))
                   and _same_field(m[1], name)), None)
        if at is None:
            lines.insert(end, f"{name}: {_yaml(value)}{eol}")
            end += 1
            continue
        stop = at + 1  # the field's own lines: a block list or a folded value goes with it
        while stop < end and (lines[stop][:1] in (" ", "\t") or lines[stop].startswith("-")):
            stop += 1
        written_key = FIELD_LINE.match(lines[at].rstrip("\r\n"))[1]  # type: ignore[index]
        lines[at:stop] = [f"{written_key}: {_yaml(value)}{eol}"]
        end -= stop - at - 1
    return "".join(lines)


def _same_field(written: str, name: str) -> bool:
    """Whether a key as written names the field `name`, in any of the spellings vaultnet reads
    (`company` for `org`, `E-mail` for `email`)."""
    written = written.strip("\"'")
    known, wanted = field_of(written), field_of(name)
    if known is not None and wanted is not None:
        return known[0] == wanted[0]
    return field_key(written) == field_key(name)


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
    """Free text (an import's notes) quoted under the note's first heading, or after the
    frontmatter: quoted and escaped, it can hold no task, log entry, link or comment."""
    lines = _LINE.findall(text)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    block = "".join(f"> {_plain_text(line.strip())}".rstrip() + eol
                    for line in body.strip().splitlines())
    start = _body_start(lines)
    at = next((i + 1 for i in range(start, len(lines)) if lines[i].startswith("# ")), start)
    blank_after = at < len(lines) and not lines[at].strip()
    gap = [eol] if at < len(lines) and not blank_after else []
    return "".join([*lines[:at], eol, block, *gap, *lines[at:]])


def add_person(root: Path, index: VaultIndex, new: NewPerson, today: date) -> str:
    """Create the note of a new person; its vault path."""
    return PersonMaker(root, index, today).make(new)


def _template(root: Path, settings: Settings) -> str:
    """The person template of the vault (a plain file inside it), else vaultnet's own."""
    rel = settings.person_template
    path = root / rel
    bad = unsafe_folder(os.path.realpath(root), rel.rpartition("/")[0]) if "/" in rel else None
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return PERSON_TEMPLATE
    except OSError as err:
        raise VaultnetError(f"{rel}: cannot read the person template ({err.strerror})") from err
    if bad is not None or not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_TEMPLATE_BYTES:
        raise VaultnetError(f"{rel}: the person template must be a plain note inside the vault, "
                            "smaller than 256 KiB")
    try:
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise VaultnetError(f"{rel}: the person template is not UTF-8 text") from None
    except OSError as err:
        raise VaultnetError(f"{rel}: cannot read the person template ({err.strerror})") from err


# -- log ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Logged:
    path: str
    line: int  # 1-based, in the note as written now


def log_line(day: date, text: str, tags: tuple[str, ...]) -> str:
    """`- 2026-11-25 Coffee at the lab #met`."""
    text = one_line(text, "the text to log")
    present = find_tags(text)
    added = [f"#{tag}" for tag in LOG_TAGS if tag in tags and tag not in present]
    return " ".join([f"- {day.isoformat()}", text, *added])


def log_entry(root: Path, index: VaultIndex, name: str, line: str, day: date) -> Logged:
    """Append `line` at the end of the log section of the note of the person `name` means."""
    person = find_person(index, name)
    disk = _disk_path(root, person.path)
    try:
        with open(disk, "rb") as stream:
            before = stream.read()
    except OSError as err:
        raise VaultnetError(f"{person.path}: cannot read it ({err.strerror})") from err
    after, number = insert_log_line(before, line, person.path)
    _check_log(person.path, before, after, number, day, load_settings(root).people_folder)
    try:
        atomic_replace(disk, after, before)
    except Conflict:
        raise VaultnetError(f"{person.path} changed while vaultnet was adding to it; nothing was "
                            "written. Run the command again.") from None
    except OSError as err:
        raise VaultnetError(f"{person.path}: could not be written ({err.strerror or err}); "
                            "nothing was changed") from err
    return Logged(person.path, number)


def _disk_path(root: Path, rel: str) -> str:
    """Where the note at vault path `rel` is on disk: its folders and name may be spelled in
    another Unicode form there (notes from macOS), and a symlinked note is changed where it is."""
    current = str(root)
    for part in rel.split("/"):
        candidate = os.path.join(current, part)
        if not os.path.lexists(candidate):
            with contextlib.suppress(OSError):
                candidate = next((os.path.join(current, entry) for entry in os.listdir(current)
                                  if nfc(entry) == part), candidate)
        current = candidate
    return os.path.realpath(current)


def _check_log(path: str, before: bytes, after: bytes, number: int, day: date,
               people_folder: str) -> None:
    """The note as it will be must read back as it was, plus the new entry at `number`."""
    old = parse_note(path, before.decode("utf-8").removeprefix("\ufeff"), people_folder)
    new = parse_note(path, after.decode("utf-8").removeprefix("\ufeff"), people_folder)
    if new.fields != old.fields or new.tasks != old.tasks or \
            not any(e.line == number and e.day == day for e in new.entries) or \
            len(new.entries) != len(old.entries) + 1:
        raise VaultnetError(f"{path}: vaultnet finds no place in this note where the new line "
                            "would be read as a log entry (an unclosed code block, or a "
                            "`## Log` heading it cannot tell apart?); nothing was written. Add "
                            "it by hand")


def insert_log_line(data: bytes, line: str, path: str) -> tuple[bytes, int]:
    """`data` with `line` added at the end of its log section (one is made at the end if there is
    none), in the note's own line endings; and the new line's number."""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data[3 if bom else 0:].decode("utf-8")
    except UnicodeDecodeError:
        raise VaultnetError(f"{path}: is not UTF-8 text; nothing was written") from None
    lines = _LINE.findall(text)
    section = _log_section(lines)
    if section is None:
        eol = _eol_near(lines, len(lines))
        tail = [] if not lines else ([eol] if lines[-1].strip() else [])
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += eol
            new = [*tail, "## Log" + eol, line]  # no final newline before, none after
        else:
            new = [*tail, "## Log" + eol, line + eol]
        lines += new
        number = len(lines)
    else:
        start, stop = section
        at = next((i + 1 for i in range(stop - 1, start, -1) if lines[i].strip()), start + 1)
        eol = _eol_near(lines, at)
        if at == len(lines) and not lines[-1].endswith("\n"):
            lines[-1] += eol
            lines.append(line)
        else:
            lines.insert(at, line + eol)
        number = at + 1
    return (b"\xef\xbb\xbf" if bom else b"") + "".join(lines).encode("utf-8"), number


def _eol_near(lines: list[str], at: int) -> str:
    """The line ending of the line before `at` (else the nearest one): the note's own."""
    for i in [*range(min(at, len(lines)) - 1, -1, -1), *range(at, len(lines))]:
        if lines[i].endswith("\n"):
            return "\r\n" if lines[i].endswith("\r\n") else "\n"
    return "\n"


def _body_start(lines: list[str]) -> int:
    """The first line after the frontmatter (0 if there is none), as the reader sees it."""
    return frontmatter_lines("".join(lines))


def _log_section(lines: list[str]) -> tuple[int, int] | None:
    """The first `Log` heading's last line and the line where its section ends.

    Headings are found as Obsidian shows them: `## Log`, and `Log` underlined with `===` or `---`;
    never inside code, the frontmatter, or a comment (`<!-- … -->` or `%% … %%`).
    """
    start = _body_start(lines)
    body = _CODE_SPAN.sub(lambda m: " " * len(m[0]), blank_code("".join(lines[start:])))
    visible = _COMMENT.sub(lambda m: "\n" * m[0].count("\n"), body).split("\n")
    found: tuple[int, int] | None = None  # the line its section starts after, its level
    for first, last, level, title in _headings(visible):
        if found is not None and level <= found[1]:
            return found[0], start + first
        if found is None and title.rstrip(":").strip().casefold() == "log":
            found = (start + last, level)
    return (found[0], len(lines)) if found is not None else None


def _headings(lines: list[str]) -> Iterator[tuple[int, int, int, str]]:
    """Each heading as (first line, last line, level, text): an ATX heading is one line; a
    setext heading is a paragraph and the `===` or `---` under it, as in CommonMark (save that
    a list item, quote or table is told apart by its first line only)."""
    paragraph: int | None = None  # the first line of the plain paragraph being read
    in_block = False  # the lines since the last blank one are a list item's, a quote's, …
    for number, raw in enumerate(lines):
        line = raw.rstrip("\r")
        if not line.strip():
            paragraph, in_block = None, False
            continue
        atx = _HEADING.match(line)
        if atx is not None:
            paragraph, in_block = None, False
            yield number, number, len(atx[1]), atx[2]
            continue
        underline = _SETEXT.match(line)
        if underline is not None and paragraph is not None:
            title = " ".join(part.strip() for part in lines[paragraph:number])
            yield paragraph, number, 1 if underline[1][0] == "=" else 2, title
            paragraph = None
        elif _RULE.match(line) or _FENCE_LINE.match(line):
            paragraph, in_block = None, False
        elif paragraph is not None and _INTERRUPT.match(line):
            paragraph, in_block = None, True  # a list or quote under a paragraph ends it
        elif paragraph is None and not in_block:
            if _BLOCK_START.match(line):
                in_block = True  # its lines run on, and a `---` under them is a rule
            else:
                paragraph = number
