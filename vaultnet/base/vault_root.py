"""Which folder is a vault: one the user marked as such, and the one a folder is in, found as git
finds the repository a folder is in; and which folder of it is the output folder, on its disk."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from vaultnet.base.settings import SETTINGS_FILE
from vaultnet.base.text import key, nfc


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


def is_the_folder(disk: str, folder: str) -> bool:
    """Whether the folder at `disk` is the one at `folder` (both paths on disk), which it may be
    under another spelling: a disk that ignores case or Unicode form (a Mac's, Windows') answers
    to `network/` with `Network/`; one that tells them apart (Linux's) holds two folders."""
    if disk == folder:
        return True
    try:
        return os.path.samefile(disk, folder)
    except OSError:
        return False


def twins(root: str, folder: str) -> list[str]:
    """The folders of the vault at `root` named as its folder `folder` (a vault path) but for
    case or Unicode form, that this disk holds beside it as other folders (`network/` beside the
    output folder `Network/`), by their vault paths as spelled on disk; not followed through a
    symlink."""
    found = [""]
    for part in folder.split("/"):
        wanted, under = key(part), found
        found = []
        for rel in under:
            with contextlib.suppress(OSError), os.scandir(os.path.join(root, rel)) as entries:
                found += [f"{rel}/{entry.name}" if rel else entry.name for entry in entries
                          if key(entry.name) == wanted and entry.is_dir(follow_symlinks=False)]
    itself = os.path.join(root, *folder.split("/"))
    return sorted(rel for rel in found
                  if not is_the_folder(os.path.join(root, *rel.split("/")), itself))


def but_for(twin: str, folder: str) -> str:
    """What tells the name `twin` from `folder`'s, the same by `key`: case, Unicode form or both."""
    if nfc(twin) == nfc(folder):
        return "Unicode form"
    return "case" if twin.casefold() == folder.casefold() else "case and Unicode form"
