"""Small files of the vault (settings, Obsidian's plugin settings) read the way notes are read:
regular files only, never a FIFO that would hang the read, and bounded."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotReadable(Exception):
    """A settings file that is there but cannot be used: its reason says why."""


def read_small_file(path: Path, limit: int) -> bytes | None:
    """The file's bytes; None when there is no file. Raise NotReadable for anything that is not a
    regular file of at most `limit` bytes, or that cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as err:
        raise NotReadable(f"cannot be read ({err.strerror})") from err
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable("is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as err:
        raise NotReadable(f"cannot be read ({err.strerror})") from err
    finally:
        os.close(fd)
    if len(data) > limit:
        raise NotReadable(f"is larger than {limit // 1024} KB")
    return data
