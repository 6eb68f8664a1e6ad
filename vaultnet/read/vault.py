"""Read the vault: walk its folders and read each note's text, bounded and safely.

The walk skips dot-folders (`.obsidian`, `.trash`, `.git`), the output folder (that very folder,
not one named as it but for case, which a disk that tells them apart holds beside it), ignored
folders and editors' debris; it never follows a symlink out of the vault and never loops (a note
that is a symlink loop is a Problem; a folder linked back into itself is walked once, silently). A sync
tool's conflict copy of a note is not read either, and is a Problem naming the note it copies.
Reading refuses what is not a regular file, what is too large, binary, or not UTF-8, each with a
Problem.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from vaultnet.base.filenames import is_hidden_name
from vaultnet.base.model import IgnoredNote, Problem
from vaultnet.base.small_files import human_size, over_limit
from vaultnet.base.text import compiled_when_used, key, nfc
from vaultnet.base.vault_root import is_the_folder

# A sync tool's copy of a note that two devices changed at once, by each tool's own naming: the
# copy holds one side's edit, so it is named to the user (never read as a second person, never
# passed over in silence). Dropbox: `Name (Jane's conflicted copy 2026-12-01).md` (its help in
# other languages, Japanese for one, quotes these English words), `(Case Conflict)`,
# `(Unicode Encoding Conflict)`.
# Syncthing: `Name.sync-conflict-20261201-101010-ABCDEFG.md` (lib/model/folder_sendrecv.go; a
# name holding `.sync-conflict-` is a copy, as Syncthing's own `isConflict` says). Obsidian
# Sync's "Create conflict file": `Name (Conflicted copy DEVICE 202612011010).md`
# (obsidianmd/obsidian-help#1056). Nextcloud and ownCloud: `Name (conflicted copy [USER ]
# 2026-12-01 101010).md`, and `Name_conflict-[USER-]20261201-101010.md` before 2018
# (`Utility::makeConflictFileName`). Left out, as names people give notes too: Google Drive's
# `Name (1).md`, OneDrive's `Name-HOSTNAME.md`, iCloud's `Name 2.md`.
_conflict_copy = compiled_when_used(
    r"(?P<stem>.+?)(?:"
    r"(?P<Syncthing>\.sync-conflict-[^.]*)"
    r"|(?P<Dropbox> \((?:[^()]*['\u2019]s )?conflicted copy \d{4}-\d{2}-\d{2}(?: \(\d+\))?\)"
    r"| \((?:Case|Unicode Encoding) Conflict(?: \(\d+\))?\))(?: ?\(\d+\))?"
    r"|(?P<Nextcloud> \(conflicted copy (?:[^()]* )?\d{4}-\d{2}-\d{2} \d{6}\)"
    r"|_conflict-(?:[^.]*-)?\d{8}-\d{6})"
    r"|(?P<Obsidian> \(conflicted copy (?:[^()]* )?\d{12}\))"
    r")(?P<ext>\.md)", re.IGNORECASE)
_TOOLS = {"Syncthing": "Syncthing", "Dropbox": "Dropbox", "Nextcloud": "Nextcloud or ownCloud",
          "Obsidian": "Obsidian Sync"}


def conflict_copy(name: str) -> tuple[str, str] | None:
    """The note a sync tool's conflict copy named `name` is a copy of (its name, in the same
    folder), and the tool; None for any other name."""
    match = _conflict_copy().fullmatch(name)
    if match is None:
        return None
    tool = next(tool for group, tool in _TOOLS.items() if match.group(group) is not None)
    return match["stem"] + match["ext"], tool


# What a note iCloud evicted is (`.Name.md.icloud` in its place): one that exists, not here now.
IN_ICLOUD = "is in iCloud only, not on this device"


class NoteFile(NamedTuple):
    """A Markdown file found by the walk: its vault-relative path and where it is on disk. (A
    named tuple: a sync makes one for each note of the vault, before it knows whether it has
    anything to do.)"""

    path: str
    disk: str


# Whether the walk leaves out a file or folder of this name, wherever it is (the settings refuse a
# folder setting so named by the same rule).
is_skipped_name = is_hidden_name


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


FolderSignature = tuple[int, int, int, int]  # modified, changed (ns), inode, device


def folder_signature(info: os.stat_result) -> FolderSignature:
    """A folder's signature: a note added, removed or renamed in it changes it."""
    return info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


class _Output(NamedTuple):
    """The output folder, as the walk leaves it out: its name's key, and where it is on disk."""

    key: str
    disk: str


def walk_vault(vault: Path, skip: tuple[str, ...], folders: dict[str, FolderSignature] | None = None,
               output: str = "") -> tuple[list[NoteFile], list[Problem]]:
    """Every note in the vault, sorted by path; `skip` are folders and notes (vault-relative)
    left out, whatever the case or Unicode form of their names, as the user names them; so is
    the output folder `output`, but only the folder vaultnet writes in (`is_the_folder`): on a
    disk that tells case apart, `network/` beside `Network/` is a folder of the user's.
    `folders`, if given, is told the signature of every folder listed (by its path on disk),
    taken before it was listed: a note added, removed or renamed in a folder changes it."""
    root = os.path.realpath(vault)
    skip_keys = {key(folder) for folder in skip}
    own = _Output(key(output), os.path.join(root, *output.split("/"))) if output else None
    files: list[NoteFile] = []
    problems: list[Problem] = []
    seen_dirs: set[tuple[int, int]] = set()
    stack: list[tuple[str, str]] = [(root, "")]
    while stack:
        disk, rel = stack.pop()
        try:
            info = os.stat(disk)
            if (info.st_dev, info.st_ino) in seen_dirs:
                continue  # a symlink loop, or a folder linked twice
            seen_dirs.add((info.st_dev, info.st_ino))
            with os.scandir(disk) as listing:
                entries = sorted(listing, key=lambda e: e.name)
            if folders is not None:
                folders[disk] = folder_signature(info)
        except OSError as err:
            problems.append(Problem(rel or ".", None, f"cannot read this folder ({err.strerror})",
                                    "check its permissions", transient=_transient(err)))
            continue
        subfolders = _decide_entries(entries, rel, root, skip_keys, own, files, problems)
        stack.extend(reversed(subfolders))
    return _first_of_each_path(files, problems), problems


def _decide_entries(entries: list[os.DirEntry[str]], rel: str, root: str, skip_keys: set[str],
                    own: _Output | None, files: list[NoteFile], problems: list[Problem]
                    ) -> list[tuple[str, str]]:
    """Add one folder's notes to `files` and its refusals to `problems`; return its subfolders."""
    subfolders = []
    names: _FolderNames | None = None  # made for the first conflict copy, if any
    for entry in entries:
        name = nfc(entry.name)
        if name.startswith(".") and name.endswith(".md.icloud"):
            # iCloud evicted this note to the cloud: it exists, it is only not here now.
            problems.append(Problem(f"{rel}/{name[1:-7]}" if rel else name[1:-7], None,
                                    IN_ICLOUD, "open it once "
                                    "to download it", transient=True))
            continue
        if is_skipped_name(name):
            continue
        child = f"{rel}/{name}" if rel else name
        try:
            child.encode("utf-8")
        except UnicodeEncodeError:
            shown = child.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            problems.append(Problem(shown, None, "has a name that is not valid UTF-8; not "
                                    "read", "rename it"))
            continue
        try:
            is_link = entry.is_symlink()
            is_dir = entry.is_dir()  # follows a symlink
        except OSError as err:
            # A symlink loop (`a.md -> b.md -> a.md`) raises here: a note that cannot be read.
            if err.errno == errno.ELOOP and name.lower().endswith(".md") \
                    and key(child) not in skip_keys:
                problems.append(Problem(child, None, "is a symlink loop (too many levels of "
                                        "symbolic links); not read", "delete the link, or point "
                                        "it at a note"))
            continue
        child_key = key(child)
        if child_key in skip_keys or (own is not None and child_key == own.key
                                      and is_the_folder(entry.path, own.disk)):
            continue
        if not is_dir and not name.lower().endswith(".md"):
            continue
        # Every conflict copy's name holds "conflict" or "Conflict": for the other notes (the
        # walk is on every sync's way) the cost is this substring test.
        if not is_dir and "onflict" in name and (copy := conflict_copy(name)) is not None:
            names = names or _FolderNames(entries)
            problems.append(_conflict_problem(child, rel, *copy, names))
            continue
        if is_link and not _inside(os.path.realpath(entry.path), root):
            problems.append(Problem(child, None, "is a symlink that leads outside the vault; "
                                    "not followed", "move what it points to into the vault"))
            continue
        if is_dir:
            subfolders.append((entry.path, child))
        else:
            files.append(NoteFile(child, entry.path))
    return subfolders


class _FolderNames:
    """The names in one folder, as a conflict copy's note is looked for among them: made once per
    folder (a folder of 10,000 notes may hold dozens of copies)."""

    def __init__(self, entries: list[os.DirEntry[str]]) -> None:
        names = [nfc(entry.name) for entry in entries]  # (sorted: the first of a key is kept)
        self.names = set(names)
        self.by_key: dict[str, str] = {}
        for name in names:
            self.by_key.setdefault(key(name), name)

    def find(self, name: str) -> str | None:
        """`name` if the folder holds it, else the name it holds of the same key, if any."""
        return name if name in self.names else self.by_key.get(key(name))


def _conflict_problem(child: str, rel: str, original: str, tool: str,
                      names: _FolderNames) -> Problem:
    """The problem a conflict copy is: named with its note, found in the copy's folder as links
    find notes (by name, else whatever its case or Unicode form), or as a note gone."""
    found = names.find(original)
    folder = f"{rel}/" if rel else ""
    if found is None:
        return Problem(child, None, f"is a sync conflict copy of {folder}{original} ({tool}), "
                       "which is not in the vault: it is not read",
                       f"if it holds the note you mean to keep, rename it to {original}")
    return Problem(child, None, f"is a sync conflict copy of {folder}{found} ({tool}): its "
                   "changes are not read", "merge what it holds into that note and delete it")


def ignored_notes(vault: Path, ignore: tuple[str, ...]) -> tuple[IgnoredNote, ...]:
    """The notes in the folders `ignore` names (found as the walk finds the folders it leaves
    out: whatever their case or Unicode form), by path, sorted: their names alone, never their
    text. Nothing is listed when nothing is ignored."""
    if not ignore:
        return ()
    wanted = {key(folder): folder for folder in ignore}
    found: list[IgnoredNote] = []
    stack: list[tuple[str, str, str | None]] = [(os.path.realpath(vault), "", None)]
    while stack:
        disk, rel, folder = stack.pop()
        try:
            with os.scandir(disk) as listing:
                entries = list(listing)
        except OSError:
            continue  # (the walk does not go in either, or names it as a problem when it does)
        for entry in entries:
            name = nfc(entry.name)
            if is_skipped_name(name):
                continue
            child = f"{rel}/{name}" if rel else name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                inside = folder or wanted.get(key(child))
                # (Outside an ignored folder, only the way down to one is looked at.)
                if inside is not None or any(each.startswith(key(child) + "/") for each in wanted):
                    stack.append((entry.path, child, inside))
            elif folder is not None and name.lower().endswith(".md"):
                found.append(IgnoredNote(child, folder))
    return tuple(sorted(found, key=lambda note: note.path))


def _first_of_each_path(files: list[NoteFile], problems: list[Problem]) -> list[NoteFile]:
    """Sort the notes by path; of two whose names differ only in Unicode form, keep the one
    spelled on disk as its path is (NFC), if one is, else the first: the file `disk_path` gives,
    which `log`, `done` and `import` write to."""
    files.sort(key=lambda f: f.path)
    unique: list[NoteFile] = []
    for file in files:
        if unique and unique[-1].path == file.path:
            # Two names that differ only in Unicode normalisation (NFC and NFD, say).
            problems.append(Problem(file.path, None, "two files have this name, spelled with "
                                    "different Unicode forms; vaultnet reads and writes only "
                                    "one of them", "rename one of them"))
            if _spelled_as_its_path(file) and not _spelled_as_its_path(unique[-1]):
                unique[-1] = file
            continue
        unique.append(file)
    return unique


def _spelled_as_its_path(file: NoteFile) -> bool:
    """Whether the file's name on disk, and its folders', are its vault path as written."""
    return file.disk.endswith(f"{os.sep}{file.path}")


def read_text(note: NoteFile, max_bytes: int) -> tuple[str | None, Problem | None]:
    """A note's text, or None and the reason it cannot be read."""

    def refuse(message: str, hint: str, line: int | None = None,
               transient: bool = False) -> tuple[None, Problem]:
        return None, Problem(note.path, line, message, hint, transient)

    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        fd = os.open(note.disk, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        return refuse(f"cannot be read ({err.strerror})", "check that the file exists and "
                      "that you may read it", transient=_transient(err))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return refuse("is not a regular file", "replace it with an ordinary Markdown file")
        if info.st_size > max_bytes:
            return refuse(f"is {over_limit(info.st_size, max_bytes)}",
                          "split it, or move it out of the vault")
        data = os.read(fd, info.st_size + 1)
        while len(data) <= max_bytes:  # read on to the end: the file may have grown since fstat
            more = os.read(fd, 1 << 16)
            if not more:
                break
            data += more
    except OSError as err:
        return refuse(f"cannot be read ({err.strerror})", "check the disk and try again",
                      transient=_transient(err))
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        return refuse(f"is larger than the {human_size(max_bytes)} vaultnet reads",
                      "split it, or move it out of the vault")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # (Notepad's "Unicode": text all the same)
        return refuse("is saved as UTF-16, not UTF-8", "save it as UTF-8 in your editor")
    if b"\x00" in data:
        return refuse("is binary, not text (it contains NUL bytes)",
                      "rename it so that it does not end in .md, or move it out of the vault")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        return refuse(f"is not valid UTF-8 (byte {err.start})", "save it as UTF-8 in your "
                      "editor", line)
    return text.removeprefix("\ufeff"), None


def _transient(err: OSError) -> bool:
    """A refusal that may pass (permissions, I/O), as opposed to a file that is gone."""
    return err.errno not in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP)


def disk_path(root: Path, rel: str) -> str:
    """Where the note at vault path `rel` is on disk: its folders and name may be spelled in
    another Unicode form there (notes from macOS), and a symlinked note is changed where it is.
    Of names that differ only in Unicode form, the one spelled as `rel` is, else the first: the
    note the walk reads (see `_first_of_each_path`)."""
    current = str(root)
    for part in rel.split("/"):
        candidate = os.path.join(current, part)
        if not os.path.lexists(candidate):
            with contextlib.suppress(OSError):
                candidate = next((os.path.join(current, entry)
                                  for entry in sorted(os.listdir(current))
                                  if nfc(entry) == part), candidate)
        current = candidate
    return os.path.realpath(current)


def read_note(root: Path, rel: str, max_bytes: int) -> str | None:
    """One note's text, read as the walk reads notes (bounded, regular files only); None if it
    cannot be read now."""
    text, _ = read_text(NoteFile(rel, disk_path(root, rel)), max_bytes)
    return text
