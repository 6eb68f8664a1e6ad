"""`vaultnet add` (and `import`): a new person note from the vault's template, checked before writing."""

from __future__ import annotations

import dataclasses
import errno
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path, PurePosixPath

from vaultnet.base.conventions import Conventions
from vaultnet.base.errors import VaultnetError
from vaultnet.base.filenames import safe_stem
from vaultnet.base.model import Note, Problem
from vaultnet.base.person_names import CJK, name_keys
from vaultnet.base.settings import SETTINGS_FILE, Settings, load_settings
from vaultnet.base.small_files import NotReadable, read_small_file
from vaultnet.base.text import HIDDEN, folded_name, key, sort_key
from vaultnet.edits.fields import plain_text, set_fields, yaml_value
from vaultnet.edits.lines import LINE, body_start, one_line
from vaultnet.edits.vault_init import PERSON_TEMPLATE
from vaultnet.edits.wanted_fields import Asked, NewPerson, reads_back, wanted_fields
from vaultnet.network.index import VaultIndex, ignored_by_name, ignored_fix, ignored_why
from vaultnet.network.twins import NameTable, Twin, TwinMemo, find_twin
from vaultnet.parse.dated_names import format_day
from vaultnet.parse.note import PLACEHOLDER, parse_note
from vaultnet.read.obsidian import (
    TEMPLATE_FORMATS,
    TEMPLATES,
    person_template,
    read_conventions,
    template_formats,
)
from vaultnet.write.files import cannot_create, create_new, make_folders, unsafe_folder

_MAX_TEMPLATE_BYTES = 256 * 1024
_NOT_A_WORD = re.compile(r"\W+")
_CJK_LETTER = re.compile(f"[{CJK}]")


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
        self.template, self.template_file = _template(root, self.settings)
        self.conventions = read_conventions(root, self.settings)  # once, for every note made
        self.formats = template_formats(root)  # {{date}} and {{time}}, as Obsidian writes them
        self.people: dict[str, str] = {}  # the key of every name and alias: the person's note
        self.links: dict[str, str] = {}  # the same keys: the note name a link to them uses
        for person in index.people:
            for name in (person.name, *person.fields.aliases):
                self.people.setdefault(key(name), person.path)
                self.links.setdefault(key(name), person.name)
        # The twins of the vault's people are found in the index (`find_twin`, its names folded
        # once), those of the notes made since by their folded name (`folded_name`): the note,
        # its name, and the name matched.
        self.index, self.twins = index, TwinMemo()
        self.made: dict[str, _Named] = {}
        # The keys of names as the imports match them (`alike`), worked out for every name from
        # the second name asked for on: for one (`add`), only the names that could match are.
        self._alike: NameTable[Twin] | None = None
        self._alike_asked = False
        self.taken = {key(note.path) for note in index.notes}
        # The notes that are no person's, by the key of their name: a link to a name one of them
        # has goes to it (or is ambiguous), never to a person's note made with that name.
        self.others: dict[str, str] = {}
        for note in sorted(index.notes, key=lambda note: note.path):
            if note.readable and not note.found_by and not note.template:
                self.others.setdefault(key(note.name), note.path)
        # The notes in ignored folders, by the key of their name: never read, but a link to the
        # name goes to one of them as well.
        self.ignored = ignored_by_name(index.ignored) if index.ignored else {}
        # The notes vaultnet could not read, by the key of their path, with the reader's reason:
        # binary, not UTF-8, too large, no regular file, a symlink out of the vault, in iCloud
        # only. Any of them may be the note of the person `add` is asked to make.
        self.unread: dict[str, Problem] = {}
        notes = {note.path for note in index.notes}
        for note in index.notes:
            if not note.readable and note.problems:
                self.unread.setdefault(key(note.path), note.problems[0])
            elif note.template:
                self.unread.setdefault(key(note.path), Problem(
                    note.path, None, "holds {{…}} or <% … %> placeholders in its frontmatter, "
                    "which make it a template", "fill them in, or delete them"))
        for problem in index.problems:
            if problem.path not in notes:  # the walk's: a note it did not read at all
                self.unread.setdefault(key(problem.path), problem)

    def existing(self, name: str) -> str | None:
        """The note of a person called `name` (note name or alias, any case or normalisation)."""
        return self.people.get(key(name))

    def twin(self, name: str) -> _Named | None:
        """The note of someone whose name or alias is `name` but for case, accents or
        apostrophes (`Carol Díaz` for `Carol Diaz`, `O’Brien` for `O'Brien`), who may be the
        same person: a note of the vault's before one made since."""
        found = find_twin(self.index, name, self.twins)
        return _Named(*found) if found is not None else self.made.get(folded_name(name))

    def alike(self, name: str) -> _Named | None:
        """The note of someone whose name or alias is `name` as the imports match names, but for
        honorifics, credentials, emoji, punctuation, spacing or the order of its parts
        (`name_keys`: `Dr. Carol Diaz` for `Carol Diaz`; a word that may be the given name is
        kept, so `Hon Lam` is not `Lam`), who may be the same person: a note's own name before
        another note's alias (a note of the vault's before one made since), the first in name
        order."""
        keys = name_keys(name, keep_given=True)
        if self._alike is None:
            people = sorted(self.index.people, key=lambda p: (sort_key(p.name), p.path))
            named = [(p.path, p.name, p.name) for p in people]
            named += [(made.path, made.name, made.matched) for made in self.made.values()]
            named += [(p.path, p.name, alias) for p in people for alias in p.fields.aliases]
            if not self._alike_asked:  # (keying 30,000 names and aliases takes a second)
                self._alike_asked = True
                found = _keyed(named, _held_by_all(keys)).find(keys)
                return _Named(*found) if found is not None else None
            self._alike = _keyed(named)
        found = self._alike.find(keys)
        return _Named(*found) if found is not None else None

    def _twin_path(self, name: str) -> str | None:
        twin = self.twin(name)
        return twin.path if twin is not None else None

    def make(self, new: NewPerson, dry_run: bool = False, different: bool = False) -> str:
        """Create the note of a new person (with `dry_run`, only say where); its vault path.

        Refused when someone has that name or alias, or, unless `different` says the person is
        someone else, the same name but for case, accents or apostrophes, written family name
        first, or but for honorifics, credentials, emoji, punctuation, spacing or order (`alike`),
        or a note that is no person's has the name (a link to it would go to that note)."""
        name = _name(new.name)
        found = self.existing(name)
        if found is not None:
            raise VaultnetError(f'"{name}" already has a note: {found}')
        other = None if different else self.others.get(key(name))
        if other is not None:
            raise VaultnetError(
                f'{other}: a note named "{name}" is there already, and is no person\'s, so a link '
                f"[[{name}]] would not go to a note made for them; nothing was written. To make "
                f"it {name}'s note, add `type: person` to its frontmatter; if {name} is someone "
                "else, run `vaultnet add` again with --different-person")
        ignored = None if different else self.ignored.get(key(name))
        if ignored is not None:
            raise VaultnetError(
                f'{ignored.path}: a note named "{name}" is there already, which vaultnet does not '
                f"read ({ignored_why(ignored)}), so a link [[{name}]] would not go to a note made "
                f"for them alone; nothing was written. To have vaultnet read it, "
                f"{ignored_fix(ignored)}; if {name} is someone else, run `vaultnet add` again "
                "with --different-person")
        twin = None if different else self.twin(name)
        if twin is not None:
            raise _may_be(twin.path, f'{_whose(twin)} is the name "{name}" but for case, accents '
                          "or apostrophes", twin.name, name)
        turned = None if different else _turned(name)
        same = (self.existing(turned) or self._twin_path(turned)) if turned is not None else None
        if turned is not None and same is not None:
            raise _may_be(same, f'"{name}" is the name "{turned}" written family name first',
                          PurePosixPath(same).stem, name)
        alike = None if different else self.alike(name)
        if alike is not None:
            raise _may_be(alike.path, f'{_whose(alike)} is the name "{name}" but for honorifics, '
                          "credentials, emoji, punctuation, spacing or the order of its parts",
                          alike.name, name)
        stem = safe_stem(name)
        rel = f"{self.settings.people_folder}/{stem}.md"
        self._refuse_what_is_in_the_way(name, rel)
        number = 2
        while key(rel) in self.taken or (number > 2 and self._in_the_way(rel) is not None):
            # another note (not this person) has the file name; past it, anything that is there
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
        made = _Named(rel, self.links[key(name)], name)
        self.made.setdefault(folded_name(name), made)
        if self._alike is not None:
            for each in name_keys(name, keep_given=True):
                self._alike.add(each, (made.path, made.name, made.matched))
        return rel

    def _refuse_what_is_in_the_way(self, name: str, rel: str) -> None:
        """Refuse to make the note of `name` at `rel`, its own file name, when what is there is
        not a note vaultnet read: a note it cannot read may be theirs already (a second one would
        be a duplicate), and a folder or a symlink is no place for a note."""
        problem = self.unread.get(key(rel))
        if problem is not None:
            where = f"{rel}:{problem.line}" if problem.line else rel
            raise VaultnetError(f"{where}: {problem.message}, so vaultnet cannot tell whether it "
                                f'is the note of "{name}" already; nothing was written'
                                + (f" ({problem.hint})" if problem.hint else ""))
        if key(rel) not in self.taken:
            what = _what_is_at(self.root, rel)
            if what is not None:
                raise VaultnetError(f'{rel}: {what}, where the note of "{name}" would go; '
                                    "nothing was written")

    def _in_the_way(self, rel: str) -> str | None:
        """What is at `rel` when it is no note vaultnet read (a folder, a symlink, a file it
        does not read); None when nothing is there."""
        if key(rel) in self.unread:
            return self.unread[key(rel)].message
        return _what_is_at(self.root, rel)

    def render(self, new: NewPerson, rel: str) -> str:
        """The text of the new note, checked: it must read back as a person, with what was asked
        for; else the value that does not (or the template, when it is the cause) is named."""
        filled, emptied = _fill(self.template, new.name, self.today, self.formats)
        values, asked = wanted_fields(new, rel, filled, self.links)
        text = set_fields(filled, values)
        if new.body:
            text = _add_body(text, new.body)
        note = parse_note(rel, text, self.conventions)
        if not reads_back(note, new, dict(values), asked):
            raise self._refusal(new.name, rel, filled, emptied, asked, note)
        return text

    def _refusal(self, name: str, rel: str, filled: str, emptied: list[str], asked: list[Asked],
                 note: Note) -> VaultnetError:
        """Why the new note would not read back as asked: the value given that does not, each
        tried alone in the template; else the template, if the vault has one; else the note."""
        base = parse_note(rel, filled, self.conventions)  # the template alone, filled in
        if not (base.problems or base.template or not base.found_by):
            for each in asked:
                alone = set_fields(filled, [(each.field, each.written)])
                why = each.why_not(parse_note(rel, alone, self.conventions), base)
                if why is not None:
                    return VaultnetError(f"{each.named()} cannot be written as given: {why}; "
                                         "nothing was written")
        wrong = base if base.problems or base.template or not base.found_by else note
        why = (wrong.problems[0].message if wrong.problems
               else "it is read as a template" if wrong.template
               else "it is not read as a person's" if not wrong.found_by else "")
        if emptied:
            why += ("; " if why else "") + f"it holds {emptied[0]}, which vaultnet cannot fill"
        cause, fix = _format_at_fault(self.template, rel, name, self.today, self.formats,
                                      self.conventions) if wrong is base else ("", "")
        why = f" ({why}{cause})" if why else ""
        if self.template_file is not None:
            return VaultnetError(f"{self.template_file}: filled in for {name}, the person template "
                                 f"gives a note vaultnet does not read as asked{why}; nothing was "
                                 f"written. Check the template{fix}")
        return VaultnetError(f"the note of {name} would not read back as asked{why}; nothing was "
                             "written")


def _what_is_at(root: Path, rel: str) -> str | None:
    """What is on disk at `rel`, said for a note that cannot go there (a folder, a symlink, a
    file): None when nothing is there."""
    path = root / rel
    try:
        info = os.lstat(path)
    except OSError:  # nothing there, or a folder that cannot be looked in: said on writing
        return None
    if stat.S_ISDIR(info.st_mode):
        return "is a folder"
    if not stat.S_ISLNK(info.st_mode):
        return ("is a file vaultnet does not read as a note" if stat.S_ISREG(info.st_mode)
                else "is not a regular file")
    inside = os.path.realpath(root)
    real = os.path.realpath(path)
    if not (real + os.sep).startswith(inside.rstrip(os.sep) + os.sep):
        return "is a symlink that leads outside the vault"
    try:
        target = os.stat(path)
    except OSError as err:
        return "is a symlink loop" if err.errno == errno.ELOOP else "is a symlink to nothing"
    return "is a symlink to a folder" if stat.S_ISDIR(target.st_mode) else \
        f"is a symlink to {os.path.relpath(real, inside)}"


@dataclass(frozen=True)
class _Named:
    """A person's note found by a name: its path, the person's name, and the name or alias
    that matched."""

    path: str
    name: str
    matched: str


def _keyed(named: list[Twin], held: str = "") -> NameTable[Twin]:
    """The keys of the names (each a note, its person's name, and the name or alias) as `alike`
    matches them; only of the names that hold `held` (`_bare`)."""
    return NameTable((each, found) for found in named if held in _bare(found[2])
                     for each in name_keys(found[2], keep_given=True))


def _held_by_all(keys: tuple[str, ...]) -> str:
    """What every name of one of `keys` holds (`_bare`): the longest word of the key, the last
    of the longest (`diaz` of `carol diaz`); nothing for a name in Chinese, Japanese or Korean
    characters, whose two parts may be either way round."""
    words = _NOT_A_WORD.split(folded_name(keys[0]))
    return "" if _CJK_LETTER.search(keys[0]) else max(reversed(words), key=len)


def _bare(name: str) -> str:
    """A name folded (`folded_name`) to its letters and digits alone, in which each run of
    letters and digits of its key stands whole, whatever its honorifics, credentials,
    punctuation or spaces. A name in ASCII is only lowered: its key's runs stand in it as they
    are (and that takes a third of the time)."""
    return name.lower() if name.isascii() else _NOT_A_WORD.sub("", folded_name(name))


def _whose(named: _Named) -> str:
    """The name or alias of a person's that matched, as a refusal names it."""
    return f'"{named.matched}"' if named.matched == named.name else f'its alias "{named.matched}"'


def _may_be(path: str, how: str, person: str, name: str) -> VaultnetError:
    """The refusal of `name`, which may be the person of the note at `path` (`how` says why)."""
    return VaultnetError(
        f"{path}: {how}, so it may be the same person; nothing was written. To add to their note, "
        f'use `vaultnet log "{person}" …`; if {name} is someone else, run `vaultnet add` again '
        "with --different-person")


def _turned(name: str) -> str | None:
    """A name written family name first, with a comma (`Diaz, Carol`), given name first (`Carol
    Diaz`), as the imports match it; None for a name of no such comma."""
    family, comma, given = name.partition(",")
    if not comma or "," in given or not family.strip() or not given.strip() \
            or any(char.isdigit() for char in name):
        return None
    return f"{given.strip()} {family.strip()}"


def _name(text: str) -> str:
    # Invisible bidi marks and zero widths (`HIDDEN`) come with names copied from a phone or a
    # web page: left out, as import leaves them out, not refused as control characters.
    name = one_line(HIDDEN.sub("", text), "the name")
    if name.casefold().endswith(".md") and len(name) > 3:
        name = name[:-3].rstrip()  # a file name given for a name
    return name


# A placeholder as the reader finds them (`PLACEHOLDER`), with the quotes around it if any.
_PLACEHOLDER = re.compile(r"""(["']?)(""" + PLACEHOLDER.pattern + r""")\1""")
_OBSIDIAN = re.compile(r"\{\{(title|date|time)(?::([^{}]*))?\}\}", re.IGNORECASE)
_TEMPLATER_DATE = re.compile(r"""tp\.(date\.now|date\.today|date\.tomorrow|date\.yesterday|"""
                             r"""file\.creation_date)\(\s*(?:(["'])(.*?)\2\s*(?:,\s*(-?\d+)\s*)?)?\)""")
_SHIFT = {"date.now": 0, "date.today": 0, "date.tomorrow": 1, "date.yesterday": -1,
          "file.creation_date": 0}
_ISO_DAY = "YYYY-MM-DD"
_TITLE = "{{title}}"  # what `_filled` gives for the name, which is written as YAML or as text


def _fill(template: str, name: str, today: date,
          formats: Mapping[str, str] = TEMPLATE_FORMATS) -> tuple[str, list[str]]:
    """The template with its placeholders filled in, in one pass, and those it could not fill.

    `{{title}}` (Templater: `<% tp.file.title %>`) is the name; `{{date}}`, `{{date:FORMAT}}` and
    Templater's `tp.date.now`, `today`, `tomorrow`, `yesterday` and `tp.file.creation_date` are
    the day, in their moment.js format: as YAML values in the frontmatter, as text in the body.
    `{{date}}` and `{{time}}` without one are in `formats` (by kind: Obsidian's settings); a
    format that holds a time of day is one vaultnet cannot fill, knowing only the day (a date
    format of the settings that does is written as Obsidian's default, the day alone).
    Any other placeholder in the frontmatter (a prompt, a time of day, a script) is emptied, with
    its quotes, and a list item left empty goes: a placeholder there would make the note a
    template, not a person. In the body it is left as it is."""
    lines = LINE.findall(template)
    start = body_start(lines)
    emptied: list[str] = []

    def value(found: re.Match[str], in_yaml: bool) -> str:
        filled = _filled(found[2], today, formats)
        if filled is None:  # nothing vaultnet can know
            if in_yaml:
                emptied.append(found[2])
                return ""
            return found[0]
        if filled != _TITLE:  # a day, written as Obsidian writes it (`render` checks it reads back)
            return found[1] + filled + found[1]
        return yaml_value(name) if in_yaml else found[1] + plain_text(name) + found[1]

    head = []
    for line in lines[:start]:
        before = len(emptied)
        line = _PLACEHOLDER.sub(lambda m: value(m, True), line)
        if len(emptied) > before:  # `key: <% … %>` is `key:`, and `  - <% … %>` no item
            eol = line[len(line.rstrip("\r\n")):]
            text = re.sub(r",\s*(?=[,\]])|(?<=\[)\s*,\s*", "", line.rstrip())
            if text.strip() in ("", "-"):
                continue
            line = text + eol
        head.append(line)
    body = "".join(lines[start:])
    return "".join(head) + _PLACEHOLDER.sub(lambda m: value(m, False), body), emptied


def _filled(placeholder: str, today: date, formats: Mapping[str, str]) -> str | None:
    """What a placeholder becomes: `_TITLE` for the name, the day as text, or None when vaultnet
    cannot know it."""
    found = _OBSIDIAN.fullmatch(placeholder)
    if found is not None:
        kind = found[1].casefold()
        if kind == "title":
            return None if found[2] is not None else _TITLE
        if found[2] is not None:
            return format_day(today, found[2])
        # The settings' format may name a time of day, which vaultnet cannot know: then the day
        # alone, in Obsidian's default format (the time's default names one: never filled).
        return format_day(today, formats[kind]) or format_day(today, TEMPLATE_FORMATS[kind])
    if not placeholder.startswith("<%") or placeholder.startswith("<%*"):
        return None  # an unknown `{{…}}`, or a Templater script
    code = placeholder[2:-2].strip("-_+ \t")
    if code == "tp.file.title":
        return _TITLE
    call = _TEMPLATER_DATE.fullmatch(code)
    if call is None or (call[4] is not None and call[1] != "date.now"):
        return None
    default = "YYYY-MM-DD HH:mm" if call[1] == "file.creation_date" else _ISO_DAY
    day = today + timedelta(days=_SHIFT[call[1]] + int(call[4] or 0))
    return format_day(day, default if call[3] is None else call[3])


def _format_at_fault(template: str, rel: str, name: str, today: date, formats: Mapping[str, str],
                     conventions: Conventions) -> tuple[str, str]:
    """When a format from Obsidian's settings makes the filled-in template unreadable
    (`last_contact: 25.11.2026`) and Obsidian's default would not: that cause, and the fix, as
    said after the reason and after "Check the template"; else two empty strings."""
    for kind, default in TEMPLATE_FORMATS.items():
        if formats[kind] != default:
            note = parse_note(rel, _fill(template, name, today, {**formats, kind: default})[0],
                              conventions)
            if not (note.problems or note.template or not note.found_by):
                return (f'; {{{{{kind}}}}} is written in the format "{formats[kind]}" that '
                        f"{TEMPLATES} sets, as Obsidian writes it",
                        f": {{{{date:{_ISO_DAY}}}}} writes a date vaultnet reads")
    return "", ""


def _add_body(text: str, body: str) -> str:
    """Free text (an import's notes) quoted under the note's first heading, or after the
    frontmatter: quoted and escaped, it can hold no task, log entry, link or comment (a line that
    would start a list item, a heading or a quote in the quote, where vaultnet reads entries and
    tasks as anywhere, starts with its mark escaped, as `_no_block` does)."""
    lines = LINE.findall(text)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    block = "".join(f"> {_no_block(plain_text(line.strip()))}".rstrip() + eol
                    for line in body.strip().splitlines())
    start = body_start(lines)
    at = next((i + 1 for i in range(start, len(lines)) if lines[i].startswith("# ")), start)
    blank_after = at < len(lines) and not lines[at].strip()
    gap = [eol] if at < len(lines) and not blank_after else []
    return "".join([*lines[:at], eol, block, *gap, *lines[at:]])


_ORDERED = re.compile(r"(\d+)([.)])")


def _no_block(text: str) -> str:
    """A line of text whose first mark, which would start a list item (`- `, `1. `), a heading, a
    quote, a code fence (`~~~`), a heading's underline (`===`) or a callout (`[!note]`), is
    escaped as Markdown escapes it: shown as written, read as text."""
    if (ordered := _ORDERED.match(text)) is not None:
        return f"{ordered[1]}\\{ordered[2]}{text[ordered.end():]}"
    return "\\" + text if text[:1] in "-*+#>=~[" else text


def add_person(root: Path, index: VaultIndex, new: NewPerson, today: date,
               different: bool = False) -> str:
    """Create the note of a new person; its vault path. `different`: they are someone else than
    a person whose name or alias may be theirs (`PersonMaker.make`)."""
    return PersonMaker(root, index, today).make(new, different=different)


def _template(root: Path, settings: Settings) -> tuple[str, str | None]:
    """The person template of the vault (a plain file inside it), else vaultnet's own; and the
    template's vault path, None for vaultnet's own. Only the default template may be missing: one
    named in the settings is what the user means notes to start from."""
    rel, named = person_template(root, settings)
    path = root / rel
    bad = unsafe_folder(os.path.realpath(root), rel.rpartition("/")[0]) if "/" in rel else None
    missing = VaultnetError(f"{root / SETTINGS_FILE}: `person_template` = {rel!r} names no note "
                            f"of the vault; create {rel}, or delete the setting to start from "
                            "vaultnet's own template")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        if named:
            raise missing from None
        return PERSON_TEMPLATE, None
    except OSError as err:
        raise VaultnetError(f"{rel}: cannot read the person template ({err.strerror})") from err
    plain = VaultnetError(f"{rel}: the person template must be a plain note inside the vault, "
                          "smaller than 256 KiB")
    if bad is not None or not stat.S_ISREG(info.st_mode):
        raise plain
    try:  # bounded and never blocking, though a FIFO took its place since the look above
        data = read_small_file(path, _MAX_TEMPLATE_BYTES)
        if data is None:
            if named:
                raise missing
            return PERSON_TEMPLATE, None
        return data.decode("utf-8").removeprefix("\ufeff"), rel
    except UnicodeDecodeError:
        raise VaultnetError(f"{rel}: the person template is not UTF-8 text") from None
    except NotReadable as err:
        if isinstance(err.__cause__, OSError):
            raise VaultnetError(f"{rel}: cannot read the person template "
                                f"({err.__cause__.strerror})") from err
        raise plain from err
