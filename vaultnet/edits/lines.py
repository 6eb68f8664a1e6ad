"""Line scanning shared by the edits: lines with their endings, where a body starts, one-line values."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from vaultnet.base.errors import VaultnetError
from vaultnet.base.small_files import NotReadable, read_small_file
from vaultnet.base.text import CONTROL, HIDDEN, lone_cr_as_lf
from vaultnet.parse.frontmatter import frontmatter_lines
from vaultnet.read.vault import disk_path
from vaultnet.write.files import (
    Conflict,
    ReadOnly,
    atomic_replace,
    failure,
    failure_hint,
    is_read_only,
)

MAX_NOTE_TO_CHANGE = 256 * 1024 * 1024  # far above any note vaultnet reads as a person

# Lines with their endings: \r\n, \n, or the lone \r of an old Mac's note.
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def ending(line: str) -> str:
    """A line's own ending, `\r\n`, `\n` or `\r`; empty for a last line without one."""
    return line[len(line.rstrip("\r\n")):]


# A lone surrogate: how Python holds the bytes of an argument that are not UTF-8 (a terminal set
# to Latin-1, say), which no note can be written with.
_NOT_UTF8 = re.compile("[\ud800-\udfff]")


def one_line(text: str, what: str) -> str:
    """`text` with its white space collapsed; an error if it is empty, holds control characters
    (including the invisible ones that reorder or hide text) or bytes that are not UTF-8."""
    if _NOT_UTF8.search(text):
        try:
            written = repr(text.encode("utf-8", "surrogateescape"))
        except UnicodeEncodeError:  # (not from the command line's bytes)
            written = ascii(text)
        raise VaultnetError(f"{what} is not UTF-8 text ({written}): set the terminal to UTF-8 "
                            "and give it again")
    if CONTROL.search(text.replace("\t", " ")) or HIDDEN.search(text):
        raise VaultnetError(f"{what} must be one line without control characters, got {text!r}")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise VaultnetError(f"{what} is empty")
    return cleaned


def body_start(lines: list[str]) -> int:
    """The first line after the frontmatter (0 if there is none), as the reader sees it."""
    return frontmatter_lines(lone_cr_as_lf("".join(lines)))


def change_note(root: Path, rel: str, change: Callable[[bytes], bytes], doing: str,
                dry_run: bool = False) -> None:
    """Read the note at vault path `rel`, work out its new bytes with `change` (which checks them
    and raises to write nothing), and write them only if the note still holds what was read.

    The note keeps its owner, group and mode; one without a write bit is read-only to vaultnet,
    even run as root, and is refused by name (see `atomic_replace`). A dry run reads and changes
    the note, refuses a read-only one as the write does, and stops before writing."""
    disk = disk_path(root, rel)
    try:  # bounded and never blocking, though a FIFO took the note's place since it was read
        before = read_small_file(Path(disk), MAX_NOTE_TO_CHANGE)
    except NotReadable as err:
        raise VaultnetError(f"{rel}: {err}; nothing was written") from err
    if before is None:
        raise VaultnetError(f"{rel}: is no longer there; nothing was written")
    after = change(before)
    if dry_run:
        if is_read_only(disk):
            raise _read_only(rel)
        return
    try:
        atomic_replace(disk, after, before)
    except Conflict:
        raise VaultnetError(f"{rel} changed while vaultnet was {doing} it; nothing was written. "
                            "Run the command again.") from None
    except ReadOnly:
        raise _read_only(rel) from None
    except OSError as err:
        raise VaultnetError(f"{rel}: could not be written ({failure(err)}); nothing was changed. "
                            f"{_capital(failure_hint(err, 'the command'))}") from err


def _read_only(rel: str) -> VaultnetError:
    return VaultnetError(f"{rel} is read-only (it has no write permission), so vaultnet leaves it "
                         "as it is; nothing was written. Make it writable if vaultnet should "
                         "change it")


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]
