"""Settings: the optional `.vaultnet.toml` at the vault root, with defaults that serve without one."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from vaultnet.base.errors import VaultnetError
from vaultnet.base.filenames import is_hidden_name, windows_trouble
from vaultnet.base.model import Problem
from vaultnet.base.small_files import NotReadable, human_size, read_small_file
from vaultnet.base.text import key as name_key

SETTINGS_FILE = ".vaultnet.toml"
MAX_SETTINGS_BYTES = 256 * 1024

DEFAULT_CADENCE = {"mentor": 30, "advisee": 30, "peer": 60, "colleague": 90, "friend": 90}
# Below this, notes people keep (a person's note with a few years of log) would be skipped as too
# large: the limit is there to keep out huge files, such as a pasted export.
MIN_NOTE_BYTES = 64 * 1024


@dataclass(frozen=True)
class PersonRules:
    """Who else is a person, for vaults that follow none of the common conventions."""

    folders: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """Where things are in the vault and how the agenda is computed."""

    people_folder: str = "People"
    output_folder: str = "Network"
    ignore: tuple[str, ...] = ()
    cadence: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_CADENCE))
    outreach_wait_days: int = 7
    max_followups: int = 2
    outreach_cold_days: int = 90  # unanswered this long, outreach has gone cold: off the agenda
    quiet_days: int = 180
    max_note_bytes: int = 4 * 1024 * 1024
    person_template: str = "Templates/Person.md"  # what `vaultnet add` starts from; not a person
    person_rules: PersonRules = PersonRules()
    meetings_folder: str = ""  # every note in it is a meeting note
    template_folders: tuple[str, ...] = ()  # besides Obsidian's and Templater's and `Templates/`
    daily_format: str = ""  # moment.js, as Obsidian's setting; "" = Obsidian's own, else a date
    daily_folder: str = ""
    me: tuple[str, ...] = ()  # your own email addresses, besides the profile's (import mail)
    log_titles: tuple[str, ...] = ()  # of a Log section, besides `Log`, `Logs` and `Interactions`


def check_folder(value: object, key: str, path: Path) -> str:
    """Check that a folder setting is a relative path that stays inside the vault."""
    if not isinstance(value, str) or not value.strip():
        raise VaultnetError(f"{path}: `{key}` must be a folder name, got {value!r}")
    text = value.strip().replace("\\", "/").strip("/")
    parts = PurePosixPath(text).parts
    if value.strip().startswith(("/", "\\")) or ":" in text or not parts or ".." in parts \
            or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise VaultnetError(
            f"{path}: `{key}` = {value!r} must be a folder inside the vault, such as \"Network\""
        )
    return "/".join(p for p in parts if p != ".")


# `C:\`, `C:/`, `C:`: a path on a Windows drive, outside the vault (`check_folder` says so).
_DRIVE = re.compile(r"\s*[A-Za-z]:(?:[\\/]|\s*$)")


def _unseen(name: str) -> str | None:
    """Why a folder of this name is no place for vaultnet's notes or the user's, if it is: one the
    walk leaves out (`is_hidden_name`), or a home folder's `~`."""
    if name.startswith("~"):
        return "starts with `~`, which is no home folder here: a folder setting is a folder inside " \
               "the vault"
    if not is_hidden_name(name):
        return None
    if name.startswith("."):
        return "starts with a dot, so Obsidian does not show it"
    if name.endswith("~"):
        return "ends with `~`, as backup files do, and vaultnet reads none"
    return "is a name the walk of the vault leaves out, so vaultnet would read nothing in it"


def _shown_folder(value: object, key: str, path: Path) -> str:
    """Check a setting that names a folder (or note) that vaultnet reads or writes: inside the
    vault, and made of names that Obsidian shows and every common file system can hold. (vaultnet
    would write its notes into `.obsidian/` or `.git/`, or read a folder it never walks.)"""
    if isinstance(value, str) and ":" in value and not _DRIVE.match(value):
        # A `:` that starts no drive's path is a name's: say why Windows refuses it
        # (`check_folder` would refuse it as a drive's).
        part = next(p for p in value.strip().replace("\\", "/").split("/") if ":" in p)
        raise _cannot_use(value, key, path, part, windows_trouble(part) or "")
    parts = check_folder(value, key, path).split("/")
    for part in parts:
        why = _unseen(part) or windows_trouble(part)
        if why:
            raise _cannot_use(value, key, path, part, why)
    return "/".join(parts)


def _cannot_use(value: object, key: str, path: Path, part: str, why: str) -> VaultnetError:
    return VaultnetError(f"{path}: `{key}` = {value!r} cannot be used: {part!r} {why}; name a "
                         "folder that Obsidian shows and that Windows, macOS and Linux all accept")


def _note(value: object, key: str, path: Path) -> str:
    """Check that a note setting is a Markdown file inside the vault."""
    note = _shown_folder(value, key, path)
    if not note.casefold().endswith(".md"):
        raise VaultnetError(f"{path}: `{key}` = {value!r} must be a note inside the vault, such "
                            "as \"Templates/Person.md\"")
    return note


def _count(value: object, key: str, unit: str, path: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise VaultnetError(f"{path}: `{key}` must be a whole number of {unit}, got {value!r}")
    return value


def _words(value: object, key: str, path: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise VaultnetError(f"{path}: `{key}` must be a list of names, such as [\"Family\"]")
    return tuple(sorted({" ".join(v.split()).lstrip("#") for v in value}))


def _titles(value: object, key: str, path: Path) -> tuple[str, ...]:
    """Check titles of sections: each must keep a word once emoji and symbols are set aside, as
    titles are compared (`vaultnet.base.conventions.title_words`)."""
    if not isinstance(value, list) or not all(isinstance(v, str) and any(c.isalnum() for c in v)
                                              for v in value):
        raise VaultnetError(f"{path}: `{key}` must be a list of titles, each with a word, such as "
                            "[\"Verlauf\", \"Protokoll\"]")
    return tuple(sorted({" ".join(v.split()) for v in value}))


def _table(data: dict[str, object], key: str, path: Path) -> dict[str, object]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise VaultnetError(f"{path}: `{key}` must be a table, such as [{key}]")
    return value


# The keys of the `[outreach]` table, each with the setting it sets (as the product brief names
# it) and its unit.
_OUTREACH = {"wait_days": ("outreach_wait_days", "days"),
             "max_followups": ("max_followups", "follow-ups"),
             "cold_days": ("outreach_cold_days", "days")}
# The keys of the file, at its top and in each of its sections but [cadence] (whose keys are
# roles, any word).
_TOP = frozenset({"people_folder", "output_folder", "ignore", "cadence", "outreach", "quiet_days",
                  "max_note_bytes", "person_template", "person", "meetings_folder",
                  "template_folders", "daily_notes", "me", "log_titles"})
_SECTIONS = {"outreach": frozenset(_OUTREACH),
             "person": frozenset({"folders", "tags", "categories", "types"}),
             "daily_notes": frozenset({"format", "folder"})}
# Where each setting is written, by its key as `_folded`: its section ("" for the top) and key;
# the settings as the product brief names them too (`outreach_wait_days`), and the default roles.
_HOME = {**{name: ("", name) for name in _TOP},
         **{name: (section, name) for section, names in _SECTIONS.items() for name in names},
         **{role: ("cadence", role) for role in DEFAULT_CADENCE},
         **{setting: ("outreach", name) for name, (setting, _) in _OUTREACH.items()},
         "daily_format": ("daily_notes", "format"), "daily_folder": ("daily_notes", "folder")}


def _outreach(outreach: dict[str, object], defaults: Settings, path: Path) -> dict[str, Any]:
    """The settings of the `[outreach]` table, checked; each one it leaves out, its default.
    Outreach that went cold before a follow-up was due would never show: refused."""
    found = {setting: _count(outreach.get(name, getattr(defaults, setting)), f"outreach.{name}",
                             unit, path) for name, (setting, unit) in _OUTREACH.items()}
    wait, cold = found["outreach_wait_days"], found["outreach_cold_days"]
    if cold <= wait:
        def given(name: str, days: int) -> str:
            return f"{days}" if name in outreach else f"{days}, the default"
        raise VaultnetError(f"{path}: `[outreach] cold_days` ({given('cold_days', cold)}) must be "
                            f"more than `wait_days` ({given('wait_days', wait)}): outreach goes "
                            "cold before a follow-up is due, so none would ever show")
    return found


def _folded(name: str) -> str:
    """A key as compared with the known ones: `Output-Folder` is `output_folder`."""
    return "_".join(name.replace("-", "_").split()).casefold()


class _Lines:
    """Where each key of a settings file is, by a simple scan of its text (tomllib tells no
    line): every `[section]` line and every `key = ` line, each with its key's full path."""

    _PART = r"""[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'"""
    _KEY = rf"(?:{_PART})(?:\s*\.\s*(?:{_PART}))*"
    _HEADER = re.compile(rf"\s*\[\[?\s*({_KEY})\s*\]\]?\s*(?:#.*)?")
    _ASSIGN = re.compile(rf"\s*({_KEY})\s*=")

    def __init__(self, text: str) -> None:
        self.found: list[tuple[int, tuple[str, ...], str]] = []  # line, path, a header's text
        section: tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), 1):
            if header := self._HEADER.fullmatch(line):
                section = self._parts(header[1])
                self.found.append((number, section, line.strip()))
            elif assign := self._ASSIGN.match(line):
                self.found.append((number, section + self._parts(assign[1]), ""))

    @classmethod
    def _parts(cls, written: str) -> tuple[str, ...]:
        return tuple(p[1:-1] if p[0] in "\"'" else p for p in re.findall(cls._PART, written))

    def line(self, *path: str) -> int | None:
        """The first line that sets the key at `path`, or a key or section inside it."""
        return next((n for n, found, _ in self.found if found[:len(path)] == path), None)

    def first_section(self) -> tuple[int, str] | None:
        """The first `[section]` line: its number and its text."""
        return next(((n, header) for n, _, header in self.found if header), None)


def _written(section: str, name: str, table: bool) -> str:
    """Key `name` of `section` ("" for the top) as the file writes it: `[section] name`, or
    `[section.name]` for a table; at the top, `name`, or `[name]` for a table."""
    if not section:
        return f"[{name}]" if table else name
    return f"[{section}.{name}]" if table else f"[{section}] {name}"


def _unknown(section: str, name: str, value: object, lines: _Lines) -> tuple[int, str]:
    """An unknown key `name` in `section` ("" for the top), said with its line and what was
    likely meant: a known key spelled alike (`-` for `_`, another case, a typo), else the same
    key where it belongs; else every key known there."""
    table = isinstance(value, dict)
    shown = _written(section, name, table)
    line = lines.line(*((section, name) if section else (name,)))
    said = f"`{shown}` (line {line})" if line else f"`{shown}`"
    known = _TOP if not section else _SECTIONS.get(section, frozenset())
    import difflib  # (only for a settings file with a mistake)

    folded = _folded(name)
    # Closest first, a key of this section before the same one elsewhere.
    ranked = sorted([(difflib.SequenceMatcher(None, folded, k).ratio(), k, (section, k))
                     for k in known] +
                    [(0.9 * difflib.SequenceMatcher(None, folded, k).ratio(), k, home)
                     for k, home in _HOME.items() if home[0] != section],
                    key=lambda found: -found[0])
    score, _, (home, meant) = ranked[0] if ranked else (0.0, "", ("", ""))
    if score < 0.6:
        return line or 0, f"{said}; known: {', '.join(sorted(known))}"
    if home == section:
        suggested = meant if section else _written("", meant, table)
        return line or 0, f"{said}: did you mean `{suggested}`?"
    if home:
        return line or 0, f"{said}: write it as `[{home}] {meant}`"
    first = lines.first_section()
    where = f" (line {first[0]}, `{first[1]}`)" if first else ""
    return line or 0, (f"{said}: `{meant}` is a top-level setting, but a line after `[{section}]` "
                       f"belongs to that section: move it above the first [section] line{where}")


def _refuse_unknown(data: dict[str, object], text: str, path: Path) -> None:
    """Refuse every key the file has that vaultnet does not know, each named at once."""
    lines = _Lines(text)
    found = [_unknown("", name, value, lines) for name, value in data.items() if name not in _TOP]
    for section in (*_SECTIONS, "cadence"):
        table = data.get(section)
        if not isinstance(table, dict):
            continue  # (refused, as no table, later)
        for name, value in table.items():
            if section == "cadence":  # any role, but not a setting of its own
                home = _HOME.get(_folded(name), ("cadence", ""))[0]
                if home != "cadence":
                    found.append(_unknown(section, name, value, lines))
            elif name not in _SECTIONS[section]:
                found.append(_unknown(section, name, value, lines))
    if not found:
        return
    said = [text for _, text in sorted(found, key=lambda line_said: line_said[0] or 1 << 30)]
    if len(said) == 1:
        raise VaultnetError(f"{path}: unknown setting {said[0]}")
    raise VaultnetError(f"{path}: {len(said)} unknown settings:", said)


def _folders(value: object, key: str, path: Path,
             check: Callable[[object, str, Path], str] = check_folder) -> tuple[str, ...]:
    return tuple(sorted(check(f, key, path) for f in _words(value, key, path)))


def _conventions(data: dict[str, object], path: Path) -> dict[str, Any]:
    """The settings for a vault that follows none of the common conventions, checked."""
    person = _table(data, "person", path)
    daily = _table(data, "daily_notes", path)
    daily_format = daily.get("format", "")
    if not isinstance(daily_format, str) or len(daily_format) > 200:
        raise VaultnetError(f"{path}: `daily_notes.format` must be a date format such as "
                            "\"YYYY-MM-DD\"")
    rules = PersonRules(
        folders=_folders(person.get("folders", []), "person.folders", path, _shown_folder),
        tags=_words(person.get("tags", []), "person.tags", path),
        categories=_words(person.get("categories", []), "person.categories", path),
        types=_words(person.get("types", []), "person.types", path))
    meetings = data.get("meetings_folder")
    return {
        "person_rules": rules,
        "meetings_folder": _shown_folder(meetings, "meetings_folder", path) if meetings else "",
        "template_folders": _folders(data.get("template_folders", []), "template_folders", path),
        "log_titles": _titles(data.get("log_titles", []), "log_titles", path),
        "daily_format": daily_format.strip(),
        "daily_folder": _shown_folder(daily["folder"], "daily_notes.folder", path)
        if daily.get("folder") else "",
    }


# The settings whose value is a whole number (`_count`), by their keys as written: their units.
_COUNTS = {"quiet_days": "days", "max_note_bytes": "bytes",
           **{name: unit for name, (_, unit) in _OUTREACH.items()},
           **dict(_OUTREACH.values())}


def _not_toml(err: Exception, text: str, path: Path) -> VaultnetError:
    """The settings file is no TOML: say what is wrong on which line, in words, and the fix."""
    from vaultnet.base.toml_errors import explain

    line, what, fix = explain(str(err), text, _COUNTS)
    return VaultnetError(f"{path}{f':{line}' if line is not None else ''}: not valid TOML: "
                         f"{what}; {fix}")


def _settings_text(path: Path) -> str | None:
    """The settings file's text, a byte-order mark (Notepad's) set aside; None without a file."""
    try:
        raw = read_small_file(path, MAX_SETTINGS_BYTES)
    except NotReadable as err:
        raise VaultnetError(f"{path}: the settings file {err}; make it a plain text file") from err
    if raw is None:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise VaultnetError(f"{path}:{line}: not UTF-8 text (the byte {raw[err.start]:#04x}); "
                            "save it as UTF-8 in a text editor") from err


def _cadence(table: dict[str, object], path: Path) -> dict[str, int]:
    """The default cadence of each role, with the table's: 0, "none" or "never" for a role that
    is not tracked (as one without a cadence; PRODUCT.md, "Stay in touch")."""
    # (A leaf module, as a person's `cadence` is read by the same rule; imported here to keep
    # this one tiny.)
    from vaultnet.base.dates import NOT_TRACKED, parse_cadence

    cadence = dict(DEFAULT_CADENCE)
    given: dict[str, str] = {}  # each role, as written, by the role it names (any case)
    for role, days in table.items():
        name = role.strip().casefold()
        if not name:
            raise VaultnetError(f"{path}: `[cadence]` has a role with no name ({role!r}); a "
                                "person with no role has no cadence but their own")
        if name in given:
            raise VaultnetError(f"{path}: `[cadence]` gives the role {name!r} twice ({given[name]!r} "
                                f"and {role!r}; roles are read in any case): keep one")
        given[name] = role
        parsed = parse_cadence(days)
        if parsed is None:
            raise VaultnetError(f"{path}: `[cadence] {role}` = {days!r} must be days or a form "
                                "like 30d, 2w, 3m, monthly; or 0, \"none\" or \"never\" for a "
                                "role you do not track")
        if parsed == NOT_TRACKED:
            cadence.pop(name, None)
        else:
            cadence[name] = parsed
    return cadence


def _note_bytes(value: object, path: Path) -> int:
    limit = _count(value, "max_note_bytes", "bytes", path)
    if limit < MIN_NOTE_BYTES:
        default = Settings().max_note_bytes
        raise VaultnetError(f"{path}: `max_note_bytes` = {limit} is too small: notes larger than "
                            f"it are skipped, and below {MIN_NOTE_BYTES} "
                            f"({human_size(MIN_NOTE_BYTES)}) notes people keep would be; it is "
                            "there to keep out huge files (the default is "
                            f"{default}, {human_size(default)})")
    return limit


def load_settings(vault: Path) -> Settings:
    """Read `.vaultnet.toml` if the vault has one; raise a VaultnetError naming what is wrong."""
    path = vault / SETTINGS_FILE
    text = _settings_text(path)
    if text is None:
        return Settings()
    import tomllib  # (only for a vault that has the file: 2 ms of every command's start)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise _not_toml(err, text, path) from err
    _refuse_unknown(data, text, path)
    defaults = Settings()
    cadence = _cadence(_table(data, "cadence", path), path)
    outreach = _table(data, "outreach", path)
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list):
        raise VaultnetError(f"{path}: `ignore` must be a list of folders")
    settings = Settings(
        people_folder=_shown_folder(data.get("people_folder", defaults.people_folder),
                                    "people_folder", path),
        output_folder=_shown_folder(data.get("output_folder", defaults.output_folder),
                                    "output_folder", path),
        ignore=tuple(sorted(check_folder(f, "ignore", path) for f in ignore)),
        cadence=cadence,
        **_outreach(outreach, defaults, path),
        quiet_days=_count(data.get("quiet_days", defaults.quiet_days), "quiet_days", "days", path),
        max_note_bytes=_note_bytes(data.get("max_note_bytes", defaults.max_note_bytes), path),
        person_template=_note(data.get("person_template", defaults.person_template),
                              "person_template", path),
        me=_words([me] if isinstance(me := data.get("me", []), str) else me, "me", path),
        **_conventions(data, path),
    )
    for what, folder in folders_of_notes(settings):
        refuse_overlap(settings.output_folder, what, folder, path)
    return settings


def folders_of_notes(settings: Settings) -> list[tuple[str, str]]:
    """The folders these settings name as holding the user's notes, each with what it holds."""
    found = [("people folder", settings.people_folder),
             ("daily notes folder", settings.daily_folder),
             ("meetings folder", settings.meetings_folder),
             ("person template's folder", settings.person_template.rpartition("/")[0]),
             *(("template folder", folder) for folder in settings.template_folders),
             *(("folder of people", folder) for folder in settings.person_rules.folders)]
    return [(what, folder) for what, folder in found if folder]


def refuse_overlap(output_folder: str, what: str, folder: str, source: Path | str,
                   named_by: str = "") -> None:
    """Refuse an output folder that is `folder` (the user's `what`, named by `named_by`), or is
    inside it or holds it: vaultnet reads no note in its output folder, so the notes there would
    silently stop counting, and its own notes would mix with the user's."""
    output, other = output_folder.casefold(), folder.casefold()
    if output == other or other.startswith(output + "/") or output.startswith(other + "/"):
        named = f" (from {named_by})" if named_by else ""
        raise VaultnetError(f"{source}: the output folder {output_folder!r} and the {what} "
                            f"{folder!r}{named} overlap; vaultnet reads no notes in its output folder, "
                            "so give them separate folders (`output_folder` in "
                            f"{SETTINGS_FILE}, such as \"Network\")")


_PERSON_FOLDERS, _DAILY_FOLDER = "[person] folders", "[daily_notes] folder"


def _named_folders(settings: Settings) -> list[tuple[str, tuple[str, ...], str]]:
    """Each folder setting that should name a folder of the vault: the setting as written, its
    key's path in the file, and the folder. (The default people folder may well be missing: a
    vault's people may be found by their tags; the output folder is vaultnet's to make.)"""
    found: list[tuple[str, tuple[str, ...], str]] = []
    if settings.people_folder != Settings.people_folder:
        found.append(("people_folder", ("people_folder",), settings.people_folder))
    if settings.meetings_folder:
        found.append(("meetings_folder", ("meetings_folder",), settings.meetings_folder))
    found += [("ignore", ("ignore",), folder) for folder in settings.ignore]
    found += [("template_folders", ("template_folders",), folder)
              for folder in settings.template_folders]
    found += [(_PERSON_FOLDERS, ("person", "folders"), folder)
              for folder in settings.person_rules.folders]
    if settings.daily_folder:
        found.append((_DAILY_FOLDER, ("daily_notes", "folder"), settings.daily_folder))
    return found


# Each folder looked into for a folder setting's name in another case: its signature when
# listed, and its subfolders by their names' keys. A sync asks up to four times (the cache's key
# twice, three times when the look's walk is taken, the problems once) and a watch every round;
# a folder changed since is listed again.
_LISTED: dict[str, tuple[tuple[int, int, int, int], dict[str, list[str]]]] = {}
_LISTED_AT_MOST = 64


def _subfolders(folder: str) -> dict[str, list[str]]:
    """The subfolders of `folder` (on disk), by their names' keys: one listing, and a key only for
    a folder (a people folder may hold 10,000 notes beside)."""
    found: dict[str, list[str]] = {}
    with os.scandir(folder) as listing:
        for entry in listing:
            with contextlib.suppress(OSError):
                if entry.is_dir():
                    found.setdefault(name_key(entry.name), []).append(entry.path)
    return {name: sorted(paths) for name, paths in found.items()}


def _listed(folder: str) -> dict[str, list[str]]:
    """`_subfolders(folder)`, listed again only when the folder changed since (no folder: none)."""
    try:
        info = os.stat(folder)
        signature = (info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
        known = _LISTED.get(folder)
        if known is not None and known[0] == signature:
            return known[1]
        found = _subfolders(folder)
    except OSError:
        return {}
    if len(_LISTED) >= _LISTED_AT_MOST:
        _LISTED.clear()
    _LISTED[folder] = (signature, found)
    return found


def _is_folder(root: Path, folder: str) -> bool:
    """Whether the vault has this folder, in any case (as vaultnet compares folders): one
    `is_dir`; only when it fails, the subfolders of each folder on the way, by key (`_listed`)."""
    if (root / folder).is_dir():
        return True
    found = [str(root)]
    for part in folder.split("/"):
        wanted = name_key(part)
        found = [sub for parent in found for sub in _listed(parent).get(wanted, ())]
        if not found:
            return False
    return True


def missing_folders(root: Path, settings: Settings) -> tuple[tuple[str, str], ...]:
    """Each folder setting that names no folder of the vault, as (setting, folder): one `is_dir`
    each, and for one that fails, a look into the (few, unchanged: remembered) folders on its way.
    A `[person] folders` name without `/` is looked for at the top only: at any depth, its folder
    is found by `folder_problems` among the notes' paths. (Part of the cache's key: a folder made
    since is seen.)"""
    output = name_key(settings.output_folder)
    return tuple((setting, folder) for setting, _, folder in _named_folders(settings)
                 if not _is_folder(root, folder)  # (the output folder: the sync makes it)
                 and not (output and (name_key(folder) + "/").startswith(output + "/")))


def folder_problems(root: Path, settings: Settings, paths: Iterable[str]) -> list[Problem]:
    """A problem for each folder setting that names no folder of the vault (`paths`: the notes
    read, looked at only when one is missing). A `[person] folders` name without a `/` counts at
    any depth, so a folder of that name holding a note is found; a missing daily-notes folder
    points to the folder that holds most date-named notes, if one does."""
    missing = set(missing_folders(root, settings))
    anywhere = {name_key(folder) for setting, folder in missing
                if setting == _PERSON_FOLDERS and "/" not in folder}
    notes = list(paths) if anywhere or any(setting == _DAILY_FOLDER for setting, _ in missing) \
        else []
    if anywhere:
        anywhere &= _folder_names(notes)
        missing = {(setting, folder) for setting, folder in missing
                   if not (setting == _PERSON_FOLDERS and name_key(folder) in anywhere)}
    if not missing:
        return []
    lines = _Lines(_settings_text(root / SETTINGS_FILE) or "")
    problems = []
    for setting, at, folder in _named_folders(settings):
        if (setting, folder) not in missing:
            continue
        hint = "create the folder, or correct the setting or delete it"
        daily = _daily_home(notes) if setting == _DAILY_FOLDER else None
        if daily:
            hint = f"the daily notes are in {daily}/? then write `folder = \"{daily}\"` under " \
                   "[daily_notes]"
        problems.append(Problem(SETTINGS_FILE, lines.line(*at), f"`{setting}` = {folder!r}: "
                                f"there is no folder {folder}/ in the vault", hint))
    return problems


def _folder_names(paths: list[str]) -> set[str]:
    """The key of each folder name in these note paths, at any depth: each folder split once."""
    folders = {path.rpartition("/")[0] for path in paths}
    return {name_key(part) for folder in folders if folder for part in folder.split("/")}


def _daily_home(paths: list[str]) -> str | None:
    """The top-level folder that holds most of the notes named by a date (at least two), if
    one does."""
    from vaultnet.base.dates import leading_date  # (a leaf module; only for a missing folder)

    counts: dict[str, int] = {}
    for path in paths:
        if leading_date(path.rpartition("/")[2]) is not None:
            top = path.partition("/")[0] if "/" in path else ""  # "": the top of the vault
            counts[top] = counts.get(top, 0) + 1
    total = sum(counts.values())
    best = max(sorted(c for c in counts if c), key=lambda folder: counts[folder], default=None)
    return best if best is not None and counts[best] >= 2 and 2 * counts[best] > total else None
