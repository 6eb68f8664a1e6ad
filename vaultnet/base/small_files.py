"""Every file vaultnet reads that is not a note (its settings, Obsidian's plugin settings, the
person template, the parse cache, a contacts file to import) is read the way notes are read:
regular files only, never a FIFO that would hang the read nor a device such as /dev/zero that never
ends, and bounded, so that a file too large is named with its size rather than read for minutes."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotReadable(Exception):
    """A file that is there but cannot be used: its reason says why."""


class TooLarge(NotReadable):
    """A regular file larger than its reader takes."""


def read_small_file(path: Path, limit: int, start: int = 0, size: int | None = None) \
        -> bytes | None:
    """The file's bytes (`size` of them from `start`, else all); None when there is no file.
    Raise NotReadable for anything that is not a regular file of at most `limit` bytes, or that
    cannot be read. A part may come back shorter than asked, at the end of the file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as err:
        raise NotReadable(f"cannot be read ({err.strerror})") from err
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(f"is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise TooLarge(f"is {over_limit(info.st_size, limit)}")
        if size is not None:
            return os.pread(fd, min(size, limit), start)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as err:
        raise NotReadable(f"cannot be read ({err.strerror})") from err
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(f"is larger than {human_size(limit)}")  # it grew as it was read
    return data


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a socket" if stat.S_ISSOCK(mode) else "a special file"


def human_size(n: int) -> str:
    """A size as people read it, never "0 KB": `10 bytes`, `256 KB`, `4.0 MB` (units of 1024, as
    file managers count them)."""
    if n < 1024:
        return f"{n} byte" if n == 1 else f"{n:,} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    if n < 1024 ** 3:
        return f"{n / 1024 ** 2:.1f} MB"
    return f"{n / 1024 ** 3:.1f} GB"


def over_limit(size: int, limit: int, reader: str = "vaultnet") -> str:
    """`12 bytes, larger than the 10 bytes vaultnet reads`: in exact bytes when rounding would
    make the two look the same (`4.0 MB, larger than the 4.0 MB`)."""
    shown, most = human_size(size), human_size(limit)
    if shown == most:
        shown, most = f"{size:,} bytes", f"{limit:,} bytes"
    return f"{shown}, larger than the {most} {reader} reads"
