"""Obsidian's own settings that say how a vault is kept: its template folders, where its daily
notes are and how they are named. Read like any file of the vault: a regular file only, bounded,
and never fatal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vaultnet.base.conventions import Conventions, DailyNotes, conventions_of
from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Problem
from vaultnet.base.settings import SETTINGS_FILE, Settings, check_folder
from vaultnet.base.small_files import NotReadable, read_small_file

DAILY_NOTES = ".obsidian/daily-notes.json"
PERIODIC_NOTES = ".obsidian/plugins/periodic-notes/data.json"
DAILY_SETTINGS = (DAILY_NOTES, PERIODIC_NOTES)  # a change to either changes how notes are read
OBSIDIAN_DEFAULT_FORMAT = "YYYY-MM-DD"
_MAX_CONFIG_BYTES = 1024 * 1024


def read_config(path: Path) -> Any:
    """A JSON settings file's contents; None when it is absent, not a regular file (a FIFO
    would hang the read), too large or not JSON: a plugin setting vaultnet cannot use."""
    try:
        data = read_small_file(path, _MAX_CONFIG_BYTES)
        return None if data is None else json.loads(data)
    except (NotReadable, ValueError):
        return None


def _folder(value: object, config: Path) -> str:
    """A folder named by a plugin's setting, if it is one inside the vault; else ""."""
    try:
        return check_folder(value, "folder", config)
    except VaultnetError:
        return ""


# Where Obsidian's Templates and Templater plugins keep their template folder, and under what key.
TEMPLATE_SETTINGS = {".obsidian/templates.json": "folder",
                     ".obsidian/plugins/templater-obsidian/data.json": "templates_folder"}
TEMPLATES_FOLDER = "Templates"  # a top-level folder of this name holds templates, not notes


def config_problems(vault: Path) -> tuple[Problem, ...]:
    """Each of Obsidian's settings files that vaultnet reads but that is there and cannot be read
    (a FIFO, a link to a device, a file far too large): a problem naming it, since the template
    folders or daily notes it names are then not followed. (JSON that does not parse is Obsidian's
    business: it rewrites its own files.)"""
    problems = []
    for config in (*TEMPLATE_SETTINGS, *DAILY_SETTINGS):
        try:
            read_small_file(vault / config, _MAX_CONFIG_BYTES)
        except NotReadable as err:
            problems.append(Problem(config, None, f"Obsidian's settings file {err}; what it "
                                    "sets is not followed",
                                    "delete it: Obsidian writes it again when you change the "
                                    "setting"))
    return tuple(problems)


def template_folders(vault: Path) -> tuple[tuple[str, str], ...]:
    """The template folders of Obsidian's Templates and Templater plugins, with the setting each
    came from. A person template (`type: person`) there is not a person: the walk leaves them out."""
    found: dict[str, str] = {}
    for config, field_name in TEMPLATE_SETTINGS.items():
        data = read_config(vault / config)
        folder = _folder(data.get(field_name), vault / config) if isinstance(data, dict) else ""
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


def skipped(vault: Path, settings: Settings) -> tuple[str, ...]:
    """What the walk leaves out: the output, ignored and template folders, the person template."""
    return (settings.output_folder, *settings.ignore,
            *(folder for folder, _ in template_sources(vault, settings)), settings.person_template)


def daily_notes(vault: Path, settings: Settings) -> DailyNotes:
    """Where the daily notes are and how they are named: `.vaultnet.toml`, else Obsidian's Daily
    notes setting, else the Periodic Notes plugin's; without any, a name that is (or starts
    with) a date."""
    if settings.daily_format or settings.daily_folder:
        return DailyNotes(settings.daily_format or OBSIDIAN_DEFAULT_FORMAT, settings.daily_folder,
                          SETTINGS_FILE)
    core = read_config(vault / DAILY_NOTES)
    if isinstance(core, dict):
        return _daily_from(core, vault, DAILY_NOTES)
    periodic = read_config(vault / PERIODIC_NOTES)
    daily = periodic.get("daily") if isinstance(periodic, dict) else None
    if isinstance(daily, dict) and daily.get("enabled", True):
        return _daily_from(daily, vault, PERIODIC_NOTES)
    return DailyNotes()


def _daily_from(setting: dict[str, Any], vault: Path, config: str) -> DailyNotes:
    """A daily-note setting as Obsidian reads it: no format means Obsidian's own default."""
    moment, folder = setting.get("format"), setting.get("folder")
    return DailyNotes(moment.strip() if isinstance(moment, str) and moment.strip()
                      else OBSIDIAN_DEFAULT_FORMAT, _folder(folder, vault / config) if folder else "",
                      config)


def read_conventions(vault: Path, settings: Settings) -> Conventions:
    """The conventions the vault's notes are read by: its settings, and Obsidian's own."""
    return conventions_of(settings, daily_notes(vault, settings))
