"""`vaultnet add` (and `import`): a new person note from the vault's template, checked before writing."""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from vaultnet.base.dates import BadDate, parse_birthday, parse_cadence
from vaultnet.base.errors import VaultnetError
from vaultnet.base.filenames import safe_stem
from vaultnet.base.settings import Settings, load_settings
from vaultnet.base.small_files import NotReadable, read_small_file
from vaultnet.base.text import key
from vaultnet.edits.fields import plain_text, set_fields, yaml_value
from vaultnet.edits.lines import LINE, body_start, one_line
from vaultnet.edits.vault_init import PERSON_TEMPLATE
from vaultnet.network.index import VaultIndex
from vaultnet.parse.frontmatter import split_frontmatter
from vaultnet.parse.note import field_of, parse_note
from vaultnet.read.obsidian import read_conventions
from vaultnet.write.files import cannot_create, create_new, make_folders, unsafe_folder

_LINK_UNSAFE = re.compile(r"[\[\]|#^]")
_MAX_TEMPLATE_BYTES = 256 * 1024


STATUSES = frozenset({"active", "dormant", "prospect"})


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
    aliases: tuple[str, ...] = ()  # more names (from an import), after the template's own
    tags: tuple[str, ...] = ()  # tags (from an import), after the template's own
    emails: tuple[str, ...] = ()
    birthday: str | None = None  # as written: 1980-04-12, or --04-12 without a year
    knows: tuple[str, ...] = ()  # names of people they know, written as links
    status: str | None = None  # active, dormant or prospect


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
        self.conventions = read_conventions(root, self.settings)  # once, for every note made
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
            try:
                make_folders(str(target.parent))
            except OSError as err:
                raise cannot_create(rel, err, "it") from err
            try:
                create_new(str(target), text.encode("utf-8"))
            except FileExistsError:
                raise VaultnetError(f"{rel} appeared while vaultnet was writing it; nothing "
                                    "was written") from None
            except OSError as err:  # named by the note, not by the temporary file that failed
                raise cannot_create(rel, err, "it") from err
        self.taken.add(key(rel))
        self.people[key(name)] = rel
        self.links[key(name)] = rel.rpartition("/")[2].removesuffix(".md")
        return rel

    def _more(self, new: NewPerson) -> list[tuple[str, object]]:
        """The fields `add` takes beyond the first few: emails, birthday, whom they know."""
        values: list[tuple[str, object]] = []
        if new.emails:
            emails = [one_line(e, "an email") for e in new.emails]
            values.append(("email", emails[0] if len(emails) == 1 else emails))
        if new.birthday:
            try:
                ok = parse_birthday(new.birthday.strip()) is not None
            except BadDate:
                ok = False
            if not ok:
                raise VaultnetError(f"the birthday {new.birthday!r} is not a date vaultnet reads: "
                                    "write 1980-04-12, or --04-12 without the year")
            values.append(("birthday", new.birthday.strip()))
        if new.knows:
            names = [_link_name(n, "whom they know") for n in new.knows]
            values.append(("knows", [f"[[{self.links.get(key(n), n)}]]" for n in names]))
        return values

    def render(self, new: NewPerson, rel: str) -> str:
        """The text of the new note, checked: it must read back with what was asked for."""
        values: list[tuple[str, object]] = []
        filled = _fill(self.template, new.name, self.today)
        aliases = [new.name] if rel.rpartition("/")[2].removesuffix(".md") != new.name else []
        aliases += [one_line(a, "an alias") for a in new.aliases]
        if aliases:
            values.append(("aliases", _joined(filled, "aliases", aliases)))
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
        if new.prospect or new.status:
            status = "prospect" if new.prospect else one_line(new.status or "", "the status")
            if status.casefold() not in STATUSES:
                raise VaultnetError(f"the status {status!r} is not one vaultnet reads: use "
                                    + ", ".join(sorted(STATUSES)))
            values.append(("status", status.casefold()))
        values += self._more(new)
        values += list(new.extra)
        if new.tags:
            values.append(("tags", _joined(filled, "tags", [one_line(t, "a tag") for t in new.tags])))
        text = set_fields(filled, values)
        if new.body:
            text = _add_body(text, new.body)
        note = parse_note(rel, text, self.conventions)
        wanted = dict(values)
        fields = note.fields
        read_back = (not note.problems
                     and ("role" not in wanted or fields.role == wanted["role"])
                     and (not new.topics or fields.topics == tuple(wanted["topics"]))  # type: ignore[arg-type]
                     and (via is None or [link.target for link in fields.met_via] == [via])
                     and (not new.org or wanted["org"] in fields.orgs
                          or wanted["org"] in [link.target for link in fields.org_links])
                     and {key(a.lstrip("#")) for a in aliases} <= {key(a) for a in fields.aliases}
                     and {t.casefold() for t in new.tags} <= set(fields.tags)
                     and len(fields.knows) >= len(new.knows)
                     and (not new.birthday or fields.birthday is not None)
                     and {e.strip() for e in new.emails} <= set(fields.emails))
        if not read_back:
            why = f" ({note.problems[0].message})" if note.problems else ""
            raise VaultnetError(f"{self.settings.person_template}: filled in for {new.name}, the "
                                f"person template gives a note vaultnet does not read as "
                                f"asked{why}; nothing was written. Check the template")
        return text


def _joined(template: str, name: str, values: list[str]) -> list[str]:
    """A list field's values in the template (`tags: [person]`), then `values` not among them."""
    front = split_frontmatter(template, "template")
    joined: dict[str, str] = {}
    for written, value in front.meta.items() if not front.problems else ():
        found = field_of(str(written).strip("\"'"))
        if found is None or found[0] != name:
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, str | int | float) and not isinstance(item, bool):
                # `tags: person contact` is two tags, as vaultnet and Obsidian read it
                parts = str(item).replace(",", " ").split() if name == "tags" else [str(item)]
                for part in filter(str.strip, parts):
                    joined.setdefault(part.casefold(), part)
    for value in values:
        joined.setdefault(value.casefold(), value)
    return list(joined.values())


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
    lines = LINE.findall(template)
    start = body_start(lines)

    def value(found: re.Match[str], in_yaml: bool) -> str:
        if found[2] == "{{date}}":  # a date reads back as a date, quoted or not
            return found[0].replace("{{date}}", today.isoformat())
        return yaml_value(name) if in_yaml else found[1] + plain_text(name) + found[1]

    head = "".join(lines[:start])
    body = "".join(lines[start:])
    return (_PLACEHOLDER.sub(lambda m: value(m, True), head)
            + _PLACEHOLDER.sub(lambda m: value(m, False), body))


def _add_body(text: str, body: str) -> str:
    """Free text (an import's notes) quoted under the note's first heading, or after the
    frontmatter: quoted and escaped, it can hold no task, log entry, link or comment."""
    lines = LINE.findall(text)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    block = "".join(f"> {plain_text(line.strip())}".rstrip() + eol
                    for line in body.strip().splitlines())
    start = body_start(lines)
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
    plain = VaultnetError(f"{rel}: the person template must be a plain note inside the vault, "
                          "smaller than 256 KiB")
    if bad is not None or not stat.S_ISREG(info.st_mode):
        raise plain
    try:  # bounded and never blocking, though a FIFO took its place since the look above
        data = read_small_file(path, _MAX_TEMPLATE_BYTES)
        return PERSON_TEMPLATE if data is None else data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise VaultnetError(f"{rel}: the person template is not UTF-8 text") from None
    except NotReadable as err:
        if isinstance(err.__cause__, OSError):
            raise VaultnetError(f"{rel}: cannot read the person template "
                                f"({err.__cause__.strerror})") from err
        raise plain from err
