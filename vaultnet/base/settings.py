"""Settings: the optional `.vaultnet.toml` at the vault root, with defaults that serve without one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from vaultnet.base.errors import VaultnetError
from vaultnet.base.small_files import NotReadable, read_small_file

SETTINGS_FILE = ".vaultnet.toml"
MAX_SETTINGS_BYTES = 256 * 1024

DEFAULT_CADENCE = {"mentor": 30, "advisee": 30, "peer": 60, "colleague": 90, "friend": 90}


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


def _note(value: object, key: str, path: Path) -> str:
    """Check that a note setting is a Markdown file inside the vault."""
    note = check_folder(value, key, path)
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
# Settings as the product brief names them, and where they are written.
_WRITTEN_AS = {setting: f"[outreach] {name}" for name, (setting, _) in _OUTREACH.items()}


def _outreach(outreach: dict[str, object], defaults: Settings, path: Path) -> dict[str, Any]:
    """The settings of the `[outreach]` table, checked; each one it leaves out, its default."""
    return {setting: _count(outreach.get(name, getattr(defaults, setting)), f"outreach.{name}",
                            unit, path) for name, (setting, unit) in _OUTREACH.items()}


def _only(data: dict[str, object], known: set[str], prefix: str, path: Path) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        meant = _WRITTEN_AS.get(unknown[0]) if not prefix else None
        raise VaultnetError(f"{path}: unknown setting {prefix}{unknown[0]!r}; "
                            + (f"write it as `{meant}`" if meant else "known: "
                               + ", ".join(prefix + k for k in sorted(known))))



def _folders(value: object, key: str, path: Path) -> tuple[str, ...]:
    return tuple(sorted(check_folder(f, key, path) for f in _words(value, key, path)))


def _conventions(data: dict[str, object], path: Path) -> dict[str, Any]:
    """The settings for a vault that follows none of the common conventions, checked."""
    person = _table(data, "person", path)
    _only(person, {"folders", "tags", "categories", "types"}, "person.", path)
    daily = _table(data, "daily_notes", path)
    _only(daily, {"format", "folder"}, "daily_notes.", path)
    daily_format = daily.get("format", "")
    if not isinstance(daily_format, str) or len(daily_format) > 200:
        raise VaultnetError(f"{path}: `daily_notes.format` must be a date format such as "
                            "\"YYYY-MM-DD\"")
    rules = PersonRules(
        folders=_folders(person.get("folders", []), "person.folders", path),
        tags=_words(person.get("tags", []), "person.tags", path),
        categories=_words(person.get("categories", []), "person.categories", path),
        types=_words(person.get("types", []), "person.types", path))
    meetings = data.get("meetings_folder")
    return {
        "person_rules": rules,
        "meetings_folder": check_folder(meetings, "meetings_folder", path) if meetings else "",
        "template_folders": _folders(data.get("template_folders", []), "template_folders", path),
        "log_titles": _titles(data.get("log_titles", []), "log_titles", path),
        "daily_format": daily_format.strip(),
        "daily_folder": check_folder(daily["folder"], "daily_notes.folder", path)
        if daily.get("folder") else "",
    }


def load_settings(vault: Path) -> Settings:
    """Read `.vaultnet.toml` if the vault has one; raise a VaultnetError naming what is wrong."""
    path = vault / SETTINGS_FILE
    try:
        raw = read_small_file(path, MAX_SETTINGS_BYTES)
    except NotReadable as err:
        raise VaultnetError(f"{path}: the settings file {err}; make it a plain text file") from err
    if raw is None:
        return Settings()
    import tomllib  # (only for a vault that has the file: 2 ms of every command's start)

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise VaultnetError(f"{path}: not valid TOML ({err}); fix it or delete it") from err

    from vaultnet.base.dates import parse_cadence  # a leaf module; imported here to keep this one tiny

    defaults = Settings()
    known = {"people_folder", "output_folder", "ignore", "cadence", "outreach", "quiet_days",
             "max_note_bytes", "person_template", "person", "meetings_folder", "template_folders",
             "daily_notes", "me", "log_titles"}
    _only(data, known, "", path)
    cadence_table = _table(data, "cadence", path)
    outreach = _table(data, "outreach", path)
    _only(outreach, set(_OUTREACH), "outreach.", path)
    cadence = dict(defaults.cadence)
    for role, days in cadence_table.items():
        parsed = parse_cadence(days)
        if parsed is None:
            raise VaultnetError(
                f"{path}: cadence for {role!r} must be days or a form like 30d, 2w, 3m, monthly"
            )
        cadence[str(role).strip().casefold()] = parsed
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list):
        raise VaultnetError(f"{path}: `ignore` must be a list of folders")
    settings = Settings(
        people_folder=check_folder(data.get("people_folder", defaults.people_folder),
                                   "people_folder", path),
        output_folder=check_folder(data.get("output_folder", defaults.output_folder),
                                   "output_folder", path),
        ignore=tuple(sorted(check_folder(f, "ignore", path) for f in ignore)),
        cadence=cadence,
        **_outreach(outreach, defaults, path),
        quiet_days=_count(data.get("quiet_days", defaults.quiet_days), "quiet_days", "days", path),
        max_note_bytes=_count(data.get("max_note_bytes", defaults.max_note_bytes),
                              "max_note_bytes", "bytes", path),
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
