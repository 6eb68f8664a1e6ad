"""Which folder is a vault: one the user marked as such, and the one a folder is in, found as git
finds the repository a folder is in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from vaultnet.base.settings import SETTINGS_FILE


def marked_as_vault(folder: Path) -> bool:
    """Whether the user made `folder` a vault: it has Obsidian's `.obsidian/` or a settings file."""
    return (folder / ".obsidian").is_dir() or _has_settings(folder)


def vault_around(here: Path, home: Path | None) -> Path | None:
    """The nearest folder at or above `here` (an absolute path) marked as a vault; None if none.

    `here` counts whenever it is marked, as before vaultnet looked further. Above it, the
    filesystem's root is never taken, and from inside `home` (the user's home folder) nothing
    above it is looked at, and `home` is taken only for a settings file: Obsidian leaves a
    `.obsidian/` in every folder it once opened as a vault, and a stray one in the home folder
    would make every folder of the user's part of a vault, its output folder written into home.
    """
    if _says(marked_as_vault, here):
        return here
    for folder in here.parents:
        if folder.parent == folder:
            return None
        if folder == home:
            return folder if _says(_has_settings, folder) else None
        if _says(marked_as_vault, folder):
            return folder
    return None


def _has_settings(folder: Path) -> bool:
    return (folder / SETTINGS_FILE).is_file()


def _says(test: Callable[[Path], bool], folder: Path) -> bool:
    """`test(folder)`, False where the disk will not tell: a folder that cannot be searched
    makes no vault found."""
    try:
        return test(folder)
    except OSError:
        return False
