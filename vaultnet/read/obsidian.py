"""Obsidian's own settings that say how a vault is kept: where its daily notes are, how they are
named. Read like any file of the vault: a regular file only, bounded, and never fatal."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from vaultnet.base.conventions import Conventions, DailyNotes, conventions_of
from vaultnet.base.settings import SETTINGS_FILE, Settings

DAILY_NOTES = ".obsidian/daily-notes.json"
PERIODIC_NOTES = ".obsidian/plugins/periodic-notes/data.json"
DAILY_SETTINGS = (DAILY_NOTES, PERIODIC_NOTES)  # a change to either changes how notes are read
OBSIDIAN_DEFAULT_FORMAT = "YYYY-MM-DD"
_MAX_CONFIG_BYTES = 1024 * 1024


def read_config(path: Path) -> Any:
    """A JSON settings file's contents; None when it is absent, not a regular file (a FIFO
    would hang the read), too large or not JSON: a plugin setting vaultnet cannot use."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_CONFIG_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(_MAX_CONFIG_BYTES + 1)
        return json.loads(data) if len(data) <= _MAX_CONFIG_BYTES else None
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


def _folder(value: object) -> str:
    return "/".join(p for p in str(value).replace("\\", "/").split("/") if p not in ("", ".")) \
        if isinstance(value, str) and ".." not in value.split("/") else ""


def daily_notes(vault: Path, settings: Settings) -> DailyNotes:
    """Where the daily notes are and how they are named: `.vaultnet.toml`, else Obsidian's Daily
    notes setting, else the Periodic Notes plugin's; without any, a name that is (or starts
    with) a date."""
    if settings.daily_format or settings.daily_folder:
        return DailyNotes(settings.daily_format or OBSIDIAN_DEFAULT_FORMAT, settings.daily_folder,
                          SETTINGS_FILE)
    core = read_config(vault / DAILY_NOTES)
    if isinstance(core, dict):
        moment = core.get("format")
        return DailyNotes(moment.strip() if isinstance(moment, str) and moment.strip()
                          else OBSIDIAN_DEFAULT_FORMAT, _folder(core.get("folder")), DAILY_NOTES)
    periodic = read_config(vault / PERIODIC_NOTES)
    daily = periodic.get("daily") if isinstance(periodic, dict) else None
    if isinstance(daily, dict) and daily.get("enabled", True):
        moment = daily.get("format")
        return DailyNotes(moment.strip() if isinstance(moment, str) and moment.strip()
                          else OBSIDIAN_DEFAULT_FORMAT, _folder(daily.get("folder")),
                          PERIODIC_NOTES)
    return DailyNotes()


def read_conventions(vault: Path, settings: Settings) -> Conventions:
    """The conventions the vault's notes are read by: its settings, and Obsidian's own."""
    return conventions_of(settings, daily_notes(vault, settings))
