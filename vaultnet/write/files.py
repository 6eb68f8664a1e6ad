"""Files written whole or not at all: the atomic, compare-and-swap writes every change goes through.

Every write goes to a temporary file in the same folder, is flushed and fsynced, and is renamed
into place only if the target still holds the bytes read a moment before (compare-and-swap). A
file replaced keeps its owner, group and mode, and one without a write bit is never replaced. A
temporary file's name says which process made it and carries a random token, in one exact form
(`temporary_pid`), so that a crashed run's leftovers can be told from anything of the user's.
"""

from __future__ import annotations

import contextlib
import errno
import operator
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from vaultnet.base.errors import VaultnetError
from vaultnet.base.small_files import NotReadable, TooLarge, read_small_file

TEMP_PREFIX, TEMP_SUFFIX = ".vaultnet-", ".tmp"
_TOKEN_HEX = 12  # the random part of a temporary file's name: 6 bytes, in lowercase hex
# A temporary file's name exactly as `_create_temporary` makes it: the process id, the token.
_TEMPORARY = re.compile(rf"\.vaultnet-([1-9][0-9]{{0,9}})-[0-9a-f]{{{_TOKEN_HEX}}}\.tmp\Z")
MAX_GENERATED_BYTES = 64 * 1024 * 1024
ANY_WRITE_BIT = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH  # none of them: read-only to vaultnet


class Conflict(Exception):
    """The target changed between reading it and replacing it."""


class ReadOnly(PermissionError):
    """The note has no write bit: vaultnet treats it as read-only, even when it runs as root."""

    def __init__(self, path: str) -> None:
        super().__init__(errno.EACCES, "read-only: it has no write permission", path)


def is_read_only(path: str) -> bool:
    """Whether `path` is a file with no write bit, which vaultnet never replaces."""
    try:
        return _read_only(os.lstat(path))
    except OSError:
        return False


def _read_only(info: os.stat_result) -> bool:
    return stat.S_ISREG(info.st_mode) and not info.st_mode & ANY_WRITE_BIT


def temporary_pid(name: str) -> int | None:
    """The process id in a file name made by `_create_temporary`; None for any other name."""
    found = _TEMPORARY.match(name)
    return int(found[1]) if found else None


def process_alive(pid: int) -> bool:
    """Whether the process that wrote a temporary file may still be writing it: it runs (or a
    process of that id does), and it is not this one (a write of this process that failed)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # it exists but is not ours to signal; or no process has such an id to ask
    return True


def read_existing(path: str) -> tuple[bytes | None, str | None]:
    """The target's bytes, None if absent; or a reason it is not a file vaultnet may replace."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None, None
    if stat.S_ISLNK(info.st_mode):
        return None, "is a symlink, not a note vaultnet wrote"
    if not stat.S_ISREG(info.st_mode):
        return None, "is not a regular file"
    if info.st_size > MAX_GENERATED_BYTES:
        return None, "is not a note vaultnet wrote"
    try:  # bounded and never blocking: it may have become a FIFO since the look above
        return read_small_file(Path(path), MAX_GENERATED_BYTES), None
    except TooLarge:
        return None, "is not a note vaultnet wrote"
    except NotReadable as err:
        if isinstance(err.__cause__, OSError):
            raise err.__cause__ from None  # the disk's error, as the callers expect
        return None, str(err)


def unsafe_folder(vault: str, rel_folder: str) -> str | None:
    """The first folder on the way that is a symlink or not a folder, if any."""
    current = vault
    for part in rel_folder.split("/"):
        current = os.path.join(current, part)
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return None
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            return current
    return None


def _create_temporary(folder: str) -> tuple[int, str]:
    """A new temporary file beside the target, named with this process's id.

    Mode 0666 less the umask, like any new file (mkstemp's 0600 would hide notes from a sync
    client running as another user); the process id tells a crashed run's file from a live one's.
    """
    for _ in range(100):
        token = os.urandom(_TOKEN_HEX // 2).hex()  # (as secrets.token_hex, without its imports)
        path = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}-{token}{TEMP_SUFFIX}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                         0o666)
        except FileExistsError:
            continue
        try:
            owner = _owner_for_new(folder)
            if owner is not None:
                os.fchown(fd, *owner)
        except BaseException:
            os.close(fd)
            os.unlink(path)
            raise
        return fd, path
    raise FileExistsError(errno.EEXIST, "no free temporary file name", folder)


def _owner_for_new(folder: str) -> tuple[int, int] | None:
    """The owner and group to give a file or folder made in `folder`, if not this process's: run
    as root, its folder's, so that a `sudo vaultnet` leaves every note and folder it makes its
    owner's to edit."""
    euid = getattr(os, "geteuid", None)  # (Windows has no owners of this kind)
    if euid is None or euid() != 0:
        return None
    info = os.stat(folder or os.curdir)  # ("": the working folder, as `--vault .` gives it)
    return None if (info.st_uid, info.st_gid) == (0, 0) else (info.st_uid, info.st_gid)


def make_folders(folder: str) -> None:
    """Make `folder` and every folder missing on the way to it (owned as `_owner_for_new` says)."""
    missing = []
    current = folder
    while not os.path.isdir(current) and os.path.dirname(current) != current:
        missing.append(current)
        current = os.path.dirname(current)
    if not missing:
        return
    os.makedirs(folder, exist_ok=True)
    for made in reversed(missing):
        owner = _owner_for_new(os.path.dirname(made))
        if owner is not None:
            os.chown(made, *owner)


def atomic_replace(path: str, data: bytes, expected: bytes | None) -> None:
    """Write `data` to `path` through a temporary file, only if `path` still holds `expected`.

    A file replaced keeps its mode, owner and group (`sudo vaultnet log` leaves the note its
    owner's); a file without any write bit is read-only to vaultnet, even as root, and `ReadOnly`
    is raised before anything is written. A new file gets the umask's mode, and this user (or,
    run as root, its folder's owner).
    """
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None and _read_only(info):
        raise ReadOnly(path)
    folder = os.path.dirname(path)
    fd, tmp = _create_temporary(folder)
    try:
        if info is not None and stat.S_ISREG(info.st_mode):
            _keep_owner_and_mode(fd, info)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        current, reason = read_existing(path)
        if reason is not None or current != expected:
            raise Conflict(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _keep_owner_and_mode(fd: int, info: os.stat_result) -> None:
    """Give the temporary file `fd` the owner, group and mode of the file it will replace.

    The owner first: a change of owner may clear mode bits. Changing the owner takes root; a user
    who is not root gets EPERM and keeps at least the group (which a member of it may set): in a
    shared vault, another user's note writable through its group stays readable by its owner
    through that group, though the note becomes the writer's, as any editor's save by rename
    makes it.
    """
    fchown = getattr(os, "fchown", None)  # not on Windows, where files have no such owner
    if fchown is not None:
        mine = os.fstat(fd)
        if (mine.st_uid, mine.st_gid) != (info.st_uid, info.st_gid):
            try:
                fchown(fd, info.st_uid, info.st_gid)
            except PermissionError:
                with contextlib.suppress(PermissionError):
                    fchown(fd, -1, info.st_gid)
    os.fchmod(fd, stat.S_IMODE(info.st_mode))


def write_file(path: str, data: bytes, replace: bool = False) -> None:
    """Write `data` to `path` (an export the user named), whole or not at all.

    A file already there is replaced only when `replace` says so, and only if it is a plain file
    (not a symlink, a folder or a device); a note (`.md`) is never written, new or not: an export
    is not a note, and a note is the user's.
    """
    if path.casefold().endswith(".md"):
        raise VaultnetError(f"{path}: vaultnet does not write exports as notes (.md); choose "
                            "another file name")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise VaultnetError(f"{path}: the folder {folder} does not exist")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise VaultnetError(f"{path}: cannot look at it ({err.strerror})") from err
    current = None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise VaultnetError(f"{path} exists and is not a plain file; not written")
        if not replace:
            raise VaultnetError(f"{path} exists; add --force to replace it")
        with open(path, "rb") as stream:
            current = stream.read()
    try:
        atomic_replace(path, data, current)
    except Conflict:
        raise VaultnetError(f"{path} changed while vaultnet was writing it; not written") from None
    except OSError as err:
        raise VaultnetError(f"{path}: could not be written ({err.strerror or err})") from err
    fsync_folder(folder)


def create_new(path: str, data: bytes) -> None:
    """Write a new file at `path`, whole or not at all, and never over one that exists.

    The bytes go to a temporary file first, which is then hard-linked to `path`: the link fails if
    `path` exists, even if it appeared a moment ago. File systems without hard links get an
    exclusive create instead.
    """
    folder = os.path.dirname(path)
    fd, tmp = _create_temporary(folder)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (FAT, some network drives)
            with open(path, "xb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    fsync_folder(folder)


def failure(err: OSError) -> str:
    """Why a write failed, in words that fit inside a sentence: "no space left on device"."""
    reason = err.strerror or str(err)
    return reason[:1].lower() + reason[1:] if reason[1:2].islower() else reason


_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))  # no space, or over a quota


def disk_refuses(err: OSError) -> bool:
    """Whether the disk is full or read-only: every write after this one would fail the same way."""
    return err.errno in _FULL or err.errno == errno.EROFS


def failure_hint(err: OSError, again: str) -> str:
    """What the user can do about a write that failed with `err`; `again` is what to run again."""
    if err.errno in _FULL:
        return f"free some space and run {again} again"
    if err.errno == errno.EROFS:
        return f"the disk is read-only: make it writable, then run {again} again"
    if isinstance(err, ReadOnly):
        return f"make it writable if vaultnet should change it, then run {again} again"
    if err.errno in (errno.EACCES, errno.EPERM):
        return f"check that you may write to that folder, then run {again} again"
    return f"check the disk, then run {again} again"


def cannot_create(rel: str, err: OSError, again: str, more: str = "") -> VaultnetError:
    """The error for a new note that could not be written, naming the note, not a temporary file:
    "could not create People/Jane Doe.md: no space left on device; free some space and run …"."""
    return VaultnetError(f"could not create {rel}: {failure(err)}; {failure_hint(err, again)}"
                         + more)


def fsync_folder(folder: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


Signature = tuple[int, int, int, int]  # mtime_ns, ctime_ns, size, inode: a file as it stands
_SIGNATURE = operator.attrgetter("st_mtime_ns", "st_ctime_ns", "st_size", "st_ino")


def signature_of(info: os.stat_result) -> Signature:
    return cast(Signature, _SIGNATURE(info))


def signature(path: str, follow_symlinks: bool = True) -> Signature | None:
    """The signature of the file at `path` (of a symlink itself, without `follow_symlinks`);
    None if it cannot be looked at. Any write, rename or replacement changes it."""
    try:
        return signature_of(os.stat(path, follow_symlinks=follow_symlinks))
    except OSError:
        return None


def signatures(paths: Sequence[str]) -> list[Signature | None]:
    """The signature of the file at each of `paths`, as `signature` gives them. The files are
    looked at in C, without a call of Python each (at 10,000 dense people the 13,700 notes take
    24 ms rather than 28, most of it the system's stat); one that cannot be looked at is None,
    and those after it are looked at in C again."""
    found: list[Signature | None] = []
    left = iter(paths)
    while True:
        try:
            found.extend(map(_SIGNATURE, map(os.stat, left)))
            return found
        except OSError:
            found.append(None)
