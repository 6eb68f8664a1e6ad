"""Obsidian's own settings that say how a vault is kept: its template folders and the formats its
templates' dates are written in, where its daily notes are and how they are named (and which
plugin's setting of them Obsidian follows), where the VCF Contacts plugin keeps its contacts. Read
like any file of the vault: a regular file only, bounded, and never fatal."""

from __future__ import annotations

import json
import os
import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import Any

from vaultnet.base.conventions import Conventions, DailyNotes, conventions_of
from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Problem
from vaultnet.base.settings import SETTINGS_FILE, Settings, check_folder
from vaultnet.base.small_files import NotReadable, read_small_file
from vaultnet.base.text import CONTROL

DAILY_NOTES = ".obsidian/daily-notes.json"
PERIODIC_NOTES = ".obsidian/plugins/periodic-notes/data.json"
DAILY_SETTINGS = (DAILY_NOTES, PERIODIC_NOTES)
# Which plugins are on, which says which daily-note setting Obsidian follows (`daily_notes`): the
# community plugins' ids, a list; the core plugins', a list of those on (older Obsidian) or each
# id's true or false, and the same in the file Obsidian keeps while it moves from one to the other.
COMMUNITY_PLUGINS = ".obsidian/community-plugins.json"
CORE_PLUGINS = ".obsidian/core-plugins.json"
CORE_PLUGINS_MIGRATION = ".obsidian/core-plugins-migration.json"
PLUGIN_LISTS = (COMMUNITY_PLUGINS, CORE_PLUGINS, CORE_PLUGINS_MIGRATION)
OBSIDIAN_DEFAULT_FORMAT = "YYYY-MM-DD"
_MAX_CONFIG_BYTES = 1024 * 1024


def read_config(path: Path) -> Any:
    """A JSON settings file's contents; None when it is absent, not a regular file (a FIFO
    would hang the read), too large or not JSON: a plugin setting vaultnet cannot use."""
    try:
        return _parsed(read_small_file(path, _MAX_CONFIG_BYTES))
    except NotReadable:
        return None


def _parsed(data: bytes | None) -> Any:
    """A settings file's bytes as JSON; None for none, or for what is not JSON."""
    try:
        return None if data is None else json.loads(data)
    except ValueError:
        return None


# Where Obsidian's Templates and Templater plugins keep their template folder, and under what key.
TEMPLATES = ".obsidian/templates.json"
TEMPLATE_SETTINGS = {TEMPLATES: "folder",
                     ".obsidian/plugins/templater-obsidian/data.json": "templates_folder"}
TEMPLATES_FOLDER = "Templates"  # a top-level folder of this name holds templates, not notes
# Where the VCF Contacts plugin (iandennismiller/obsidian-vcf-contacts) keeps its contacts, under its
# id and its older one, and under what key: a note there, or in a folder inside, is its contact.
CONTACTS_SETTINGS = {".obsidian/plugins/vcf-contacts/data.json": "contactsFolder",
                     ".obsidian/plugins/obsidian-vcf-contacts/data.json": "contactsFolder"}
# Every settings file of Obsidian's that vaultnet follows: a change to one changes how notes are read.
OBSIDIAN_SETTINGS = (*TEMPLATE_SETTINGS, *DAILY_SETTINGS, *PLUGIN_LISTS, *CONTACTS_SETTINGS)
_FOLDER_KEYS = {**TEMPLATE_SETTINGS, **CONTACTS_SETTINGS}  # the settings files that name a folder
# What the Templates plugin writes `{{date}}` and `{{time}}` in, by default; its settings' keys.
TEMPLATE_FORMATS = {"date": OBSIDIAN_DEFAULT_FORMAT, "time": "HH:mm"}
_FORMAT_KEYS = {"date": "dateFormat", "time": "timeFormat"}


def config_problems(vault: Path) -> tuple[Problem, ...]:
    """Each of Obsidian's settings files that vaultnet reads but that is there and cannot be read
    (a FIFO, a link to a device, a file far too large): a problem naming it, since the template
    folders, daily notes or contacts it names are then not followed; and each value in one that
    vaultnet cannot follow. (JSON that does not parse is Obsidian's business: it rewrites its own
    files.)"""
    problems = []
    for config in OBSIDIAN_SETTINGS:
        try:
            data = read_small_file(vault / config, _MAX_CONFIG_BYTES)
        except NotReadable as err:
            problems.append(Problem(config, None, f"Obsidian's settings file {err}; what it "
                                    "sets is not followed",
                                    "delete it: Obsidian writes it again when you change the "
                                    "setting"))
            continue
        problems.extend(_value_problems(config, _parsed(data)))
    return tuple(problems)


def _value_problems(config: str, data: Any) -> list[Problem]:
    """A problem for each value of the settings file `config` (`data`, as `read_config` reads
    it) that vaultnet cannot follow."""
    if config in PLUGIN_LISTS:
        return []  # (what is not a list of plugins leaves a plugin's state unknown: `_plugin_on`)
    if config in DAILY_SETTINGS:
        return _daily_value_problems(config, *_daily_setting(config, data))
    if config in CONTACTS_SETTINGS:
        return _folder_problems(config, data, "the VCF Contacts plugin's setting",
                                "no folder is read as people for it", "choose the contacts "
                                "folder again in the VCF Contacts plugin's settings", "Contacts")
    plugin = "Templates" if config == TEMPLATES else "Templater"
    found = _folder_problems(config, data, "Obsidian's template setting",
                             "no folder is skipped as templates for it", "choose the template "
                             f"folder again in the {plugin} plugin's settings", TEMPLATES_FOLDER)
    return found + _template_format_problems(data) if config == TEMPLATES else found


def _daily_setting(config: str, data: Any) -> tuple[dict[str, Any] | None, str]:
    """The daily-note setting that `config` holds (`data`, as `read_config` reads it), if it
    holds one that is followed: `daily-notes.json` itself, or the Periodic Notes plugin's daily
    part while enabled (`_periodic_day`); and the keys that lead to it, as a problem names them."""
    keys = ""
    if config == PERIODIC_NOTES:
        data, keys = _periodic_day(data)
        if isinstance(data, dict) and not data.get("enabled", True):
            return None, keys
    return (data if isinstance(data, dict) else None), keys


def _periodic_day(data: Any) -> tuple[Any, str]:
    """The Periodic Notes plugin's daily part of its settings, and its keys: since its 1.x, the
    `day` of the active calendar set (`activeCalendarSet` names it among `calendarSets`; without
    one, or naming none of them, the first); before, `daily`. Where there are sets, the plugin
    reads them alone (it moves an older `daily` into a set of its own)."""
    if not isinstance(data, dict):
        return None, ""
    sets, active = data.get("calendarSets"), data.get("activeCalendarSet")
    found = [(at, s) for at, s in enumerate(sets if isinstance(sets, list) else ())
             if isinstance(s, dict)]
    if not found:
        return data.get("daily"), "daily."
    at, chosen = next(((at, s) for at, s in found if s.get("id") == active), found[0])
    return chosen.get("day"), f"calendarSets[{at}].day."


def _daily_value_problems(config: str, setting: dict[str, Any] | None, prefix: str
                          ) -> list[Problem]:
    """A problem for each value of the daily-note `setting` of `config` (under the keys `prefix`)
    that vaultnet cannot follow (a folder outside the vault or absolute, a value of the wrong
    type): it is read as if it were absent."""
    if setting is None:
        return []
    where = "Periodic Notes" if config == PERIODIC_NOTES else "Daily notes"
    found = []
    _, wrong = _vault_folder(setting.get("folder"))
    if wrong:
        found.append(Problem(
            config, None, f"Obsidian's daily-note setting `{prefix}folder` = "
            f"{_shown(setting['folder'])} {wrong}; daily notes are read as if it were not set "
            "(anywhere in the vault)",
            f"choose the folder again in Obsidian's {where} settings, or write there a folder "
            "inside the vault, such as \"Daily\""))
    _, wrong = _moment_format(setting.get("format"), OBSIDIAN_DEFAULT_FORMAT, "date")
    if wrong:
        found.append(Problem(
            config, None, f"Obsidian's daily-note setting `{prefix}format` = "
            f"{_shown(setting['format'])} {wrong}; daily notes are read as if it were not set "
            f"(named {OBSIDIAN_DEFAULT_FORMAT}, Obsidian's default)",
            f"set the date format again in Obsidian's {where} settings, or write there a "
            "format as text, such as \"YYYY-MM-DD\""))
    return found


def _folder_problems(config: str, data: Any, setting: str, lost: str, fix: str,
                     example: str) -> list[Problem]:
    """A problem for the folder `config`'s settings (`data`, as `read_config` reads them) name,
    when vaultnet cannot follow it: `setting` says whose it is, `lost` what that costs, `fix`
    where to choose it again, and `example` is a good value."""
    name = _FOLDER_KEYS[config]
    value = data.get(name) if isinstance(data, dict) else None
    _, wrong = _vault_folder(value)
    if not wrong:
        return []
    return [Problem(config, None, f"{setting} `{name}` = {_shown(value)} {wrong}; {lost}",
                    f'{fix}, or write there a folder inside the vault, such as "{example}"')]


def _template_format_problems(data: Any) -> list[Problem]:
    """A problem for each date or time format in the Templates plugin's settings (`data`, as
    `read_config` reads them) that is not one: `add` writes as if it were absent."""
    found = []
    for kind, name in _FORMAT_KEYS.items() if isinstance(data, dict) else ():
        _, wrong = _template_format(data.get(name), kind)
        if wrong:
            default = TEMPLATE_FORMATS[kind]
            found.append(Problem(
                TEMPLATES, None, f"Obsidian's template setting `{name}` = {_shown(data[name])} "
                f"{wrong}; `vaultnet add` writes {{{{{kind}}}}} as if it were not set ({default}, "
                "Obsidian's default)",
                f"set the {kind} format again in Obsidian's Templates settings, or write there a "
                f'format as text, such as "{default}"'))
    return found


def _shown(value: object) -> str:
    """A setting's value as its JSON file has it, cut short if long."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else f"{text[:79]}…"


def _kind(value: object) -> str:
    """What a JSON value of the wrong type is, in words."""
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return "a JSON object" if isinstance(value, dict) else "not text"


def _vault_folder(value: object) -> tuple[str, str]:
    """The folder inside the vault that a folder setting of Obsidian's names, read as Obsidian
    reads it (its `normalizePath`: `\\` is `/`, and slashes at either end go, so that `/Daily` is
    the vault's Daily folder); "" for the top of the vault, as when there is none. And what is
    wrong with the value ("" when nothing is)."""
    if value is None:
        return "", ""
    if not isinstance(value, str):
        return "", f"is {_kind(value)}, not a folder name"
    text = value.strip().replace("\\", "/").strip("/")
    if not text:
        return "", ""  # Obsidian's own "no folder", or `/`, its name for the vault's root
    try:
        return check_folder(text, "folder", Path(DAILY_NOTES)), ""
    except VaultnetError:
        pass
    if re.match(r"[A-Za-z]:", text):
        return "", "is a path on a Windows drive, not a folder inside the vault"
    if ".." in PurePosixPath(text).parts:
        return "", ("leads outside the vault" if posixpath.normpath(text).split("/")[0] == ".."
                    else "goes through `..`, which vaultnet does not follow")
    if all(part == "." for part in PurePosixPath(text).parts):
        return "", ""  # "." or "./": the top of the vault
    return "", "is not a folder name vaultnet can follow (it holds `:` or a control character)"


def _moment_format(value: object, default: str, kind: str) -> tuple[str, str]:
    """The moment.js format a setting's `value` names (`default`, Obsidian's, when there is none),
    and what is wrong with the value ("" when nothing is); `kind` is "date" or "time"."""
    if isinstance(value, str) and value.strip():
        return value.strip(), ""
    if value is None or isinstance(value, str):
        return default, ""
    return default, f"is {_kind(value)}, not a {kind} format such as {default}"


def _template_format(value: object, kind: str) -> tuple[str, str]:
    """The format the Templates plugin's setting `value` gives {{date}} or {{time}} (`kind`), and
    what is wrong with it. A line break, which its settings cannot hold, would write more than a
    day into the frontmatter: such a value is read as absent too."""
    default = TEMPLATE_FORMATS[kind]
    found, wrong = _moment_format(value, default, kind)
    if CONTROL.search(found):
        return default, ("holds a line break or another control character, not a "
                         f"{kind} format such as {default}")
    return found, wrong


def template_formats(vault: Path) -> dict[str, str]:
    """The moment.js formats Obsidian's Templates plugin writes `{{date}}` and `{{time}}` in, by
    kind: its settings' `dateFormat` and `timeFormat`, else its defaults (`TEMPLATE_FORMATS`)."""
    data = read_config(vault / TEMPLATES)
    setting = data if isinstance(data, dict) else {}
    return {kind: _template_format(setting.get(name), kind)[0]
            for kind, name in _FORMAT_KEYS.items()}


def template_folders(vault: Path) -> tuple[tuple[str, str], ...]:
    """The template folders of Obsidian's Templates and Templater plugins, with the setting each
    came from. A person template (`type: person`) there is not a person: the walk leaves them out."""
    return _setting_folders(vault, TEMPLATE_SETTINGS)


def contacts_folders(vault: Path) -> tuple[tuple[str, str], ...]:
    """The folders of the VCF Contacts plugin's contacts, with the setting each came from: one
    more people folder each, subfolders included, as the plugin reads them. Its default, an empty
    setting, and `/` name the top of the vault: no folder, or every note would be a person's."""
    return _setting_folders(vault, CONTACTS_SETTINGS)


def _setting_folders(vault: Path, settings: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The folders that `settings` (each file's key of a folder) name in the vault, each with
    the first file that names it; none for the top of the vault, or a value that cannot be
    followed (`config_problems` names it)."""
    found: dict[str, str] = {}
    for config, field_name in settings.items():
        data = read_config(vault / config)
        folder = _vault_folder(data.get(field_name))[0] if isinstance(data, dict) else ""
        if folder:
            found.setdefault(folder, config)
    return tuple(sorted(found.items()))


def template_sources(vault: Path, settings: Settings) -> tuple[tuple[str, str], ...]:
    """Each folder skipped as templates, with where that came from (for `check` to tell)."""
    found = dict(template_folders(vault))
    for folder in settings.template_folders:
        found.setdefault(folder, SETTINGS_FILE)
    found.setdefault(TEMPLATES_FOLDER, "a top-level Templates folder")
    return tuple(sorted(found.items()))


def person_template(vault: Path, settings: Settings) -> tuple[str, bool]:
    """The person template's vault path, and whether the settings name it (then it must exist).
    Unset, it is `Templates/Person.md` if that exists, else `Person.md` in the folder of
    Obsidian's Templates plugin (or Templater's), where its "Insert template" looks, if one is
    set; else `Templates/Person.md`."""
    default = Settings.person_template
    if settings.person_template != default:
        return settings.person_template, True
    found = template_folders(vault)  # (each folder, the plugin's file that names it)
    if not found or os.path.lexists(vault / default):
        return default, False
    folder = min(found, key=lambda item: item[1] != TEMPLATES)[0]  # (the core plugin's first)
    return f"{folder}/{PurePosixPath(default).name}", False


def skipped(vault: Path, settings: Settings) -> tuple[str, ...]:
    """What the walk leaves out whatever the case of its names: the ignored and template folders,
    the person template. (And the output folder, only as spelled: see `walk_vault`.) The
    template as set: unset, the one `person_template` finds is in a template folder already."""
    return (*settings.ignore,
            *(folder for folder, _ in template_sources(vault, settings)), settings.person_template)


def daily_notes(vault: Path, settings: Settings) -> DailyNotes:
    """Where the daily notes are and how they are named: `.vaultnet.toml`, else the setting
    Obsidian follows; without any, a name that is (or starts with) a date.

    Obsidian's plugins ask the daily-notes interface (liamcain/obsidian-daily-notes-interface,
    `getDailyNoteSettings`, which the Calendar plugin and most others call) and it answers with
    the Periodic Notes plugin's daily setting whenever that plugin is on and its daily notes are
    (`shouldUsePeriodicNotesSettings`), whatever the core Daily notes plugin says; only else
    with core Daily notes' own (`daily-notes.json`, its defaults for what it leaves out). So
    when both are on and set, Periodic Notes wins, as it does where its own commands make the
    day's note (the plugin, having taken over core's setting, asks the user to turn core Daily
    notes off "to avoid any confusion"). An empty `{}`, which Obsidian writes once the core
    plugin's settings were opened, never outweighs it.

    A setting whose plugin is off still names the notes it made while on: a core one is read
    when Periodic Notes is not on, unless it is off and empty (then there is nothing to read
    from it); a Periodic Notes one, off, only where core has none worth reading.

    `.vaultnet.toml`'s `[daily_notes]` overrides it key by key: a folder alone (the journal
    moved) keeps Obsidian's format, a format alone its folder."""
    obsidian = _obsidians_daily_notes(vault)
    if settings.daily_format or settings.daily_folder:
        return DailyNotes(settings.daily_format or obsidian.format or OBSIDIAN_DEFAULT_FORMAT,
                          settings.daily_folder or (obsidian.folder if obsidian.format else ""),
                          SETTINGS_FILE)
    return obsidian


def _obsidians_daily_notes(vault: Path) -> DailyNotes:
    """The daily-notes setting Obsidian follows (see `daily_notes`), if any."""
    core = _daily_setting(DAILY_NOTES, read_config(vault / DAILY_NOTES))[0]
    periodic = _daily_setting(PERIODIC_NOTES, read_config(vault / PERIODIC_NOTES))[0]
    if periodic is not None and _plugin_on(vault, "periodic-notes", COMMUNITY_PLUGINS):
        return _daily_from(periodic, PERIODIC_NOTES)
    if core is not None and (_is_set(core) or _plugin_on(
            vault, "daily-notes", CORE_PLUGINS, CORE_PLUGINS_MIGRATION) is not False):
        return _daily_from(core, DAILY_NOTES)
    if periodic is not None:
        return _daily_from(periodic, PERIODIC_NOTES)
    return DailyNotes()


def _plugin_on(vault: Path, plugin: str, *lists: str) -> bool | None:
    """Whether `plugin` is on, by the first of `lists` (files of Obsidian's) that says: a list
    of the ids of plugins that are on, or each id's true or false. None when none says: no
    community plugin is on then (Obsidian writes the list when one is turned on), and a core
    one is as Obsidian has it in a new vault (Daily notes: on)."""
    for config in lists:
        data = read_config(vault / config)
        if isinstance(data, list):
            return plugin in data
        if isinstance(data, dict) and isinstance(data.get(plugin), bool):
            return bool(data[plugin])
    return None


def _is_set(setting: dict[str, Any]) -> bool:
    """Whether a daily-note setting says anything of where its notes are or how they are named
    (`{}`, or empty values, as Obsidian writes them untouched, says nothing)."""
    return any(isinstance(value, str) and value.strip()
               for value in (setting.get("format"), setting.get("folder")))


def _daily_from(setting: dict[str, Any], config: str) -> DailyNotes:
    """A daily-note setting as Obsidian reads it: no format means Obsidian's own default, no
    folder the whole vault (Obsidian looks through a folder's subfolders too). A value vaultnet
    cannot follow is read as if it were absent (and `config_problems` names it)."""
    return DailyNotes(_moment_format(setting.get("format"), OBSIDIAN_DEFAULT_FORMAT, "date")[0],
                      _vault_folder(setting.get("folder"))[0], config)


def read_conventions(vault: Path, settings: Settings) -> Conventions:
    """The conventions the vault's notes are read by: its settings, and Obsidian's own."""
    return conventions_of(settings, daily_notes(vault, settings),
                          tuple(folder for folder, _ in contacts_folders(vault)))
