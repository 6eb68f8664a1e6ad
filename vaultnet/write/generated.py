"""The generated notes on disk: written, kept or deleted, only when vaultnet provably wrote them.

Generated notes carry a frontmatter marker and a digest of their own bytes, so that vaultnet knows
its unedited output from a hand edit or a user's file; it replaces or deletes only its own unedited
notes, through `vaultnet.write.files`; a file whose bytes would not change is not written at all.
The digest signs the note's exact path inside the output folder: a copy under any other name, even
one that differs only in case, is the user's file; a note whose folder the user renamed and then
made the output folder (`output_folder`) is still vaultnet's. Notes signed by earlier versions,
with their path in the vault (exact, or case-folded), are still recognised where they are.

A note carries a second digest, of its text with every link target blanked (of a canvas: of its
JSON with every node's `file` blanked): when Obsidian renames a note it rewrites the links to it in
every note and canvas, generated ones included, and a note that differs from what vaultnet wrote
only in its link targets is still vaultnet's (PRODUCT.md, promise 2). A real hand edit is kept
and reported on every run; `reclaim` moves it aside, under a name that says so, and writes the
note afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import NamedTuple

import xxhash

from vaultnet.base.model import Problem
from vaultnet.base.settings import Settings
from vaultnet.base.text import plural
from vaultnet.base.vault_root import is_the_folder, marked_as_vault
from vaultnet.write.files import (
    ANY_WRITE_BIT,
    Conflict,
    Signature,
    atomic_replace,
    create_new,
    failure_hint,
    fsync_folder,
    is_read_only,
    make_folders,
    process_alive,
    read_existing,
    signature,
    temporary_pid,
    unsafe_folder,
)
from vaultnet.write.report import WriteReport

MARKER = "generated_by: vaultnet"
GENERATED_START = f"---\n{MARKER}\n"
_HEADER = (
    "---\n"
    f"{MARKER}\n"
    "note: Made by vaultnet from your notes. Edit those, not this; vaultnet stops updating a note "
    "that was edited by hand, until you run vaultnet sync --reclaim.\n"
    "vaultnet_digest: {digest}\n"
    "vaultnet_link_digest: {links}\n"
    "---\n"
)
_DIGEST = re.compile(r"^vaultnet_digest: ([0-9a-f]{64})\n", re.MULTILINE)
# Notes written before the second digest have none: they are recognised by the first alone.
_LINK_DIGEST = re.compile(r"^vaultnet_link_digest: ([0-9a-f]{64})\n", re.MULTILINE)
# What Obsidian rewrites when a linked note is renamed: the target of a wikilink (before `|` or
# `]]`, heading included) and the destination of a Markdown link (`<…>`, or with no spaces, and
# balanced parentheses). Nothing else of the text: shown text, and every other byte, still count.
_WIKILINK_TARGET = re.compile(r"\[\[[^\[\]|\r\n]*(?=\||\]\])")  # replaced by `[[`
_MARKDOWN_TARGET = re.compile(r"\]\((?:<[^<>\r\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?=\))")  # by `](`
# The first, over UTF-8: the bytes it stops at are ASCII, which no other character's bytes are.
_WIKILINK_TARGET_BYTES = re.compile(_WIKILINK_TARGET.pattern.encode())
# A canvas is JSON: the marker and digests are its first keys, which Obsidian's Canvas ignores.
# Its link digest is of the canvas as JSON values, every node's `file` blanked: Obsidian rewrites
# those when a note is renamed, and may lay the file out its own way as it saves it.
CANVAS_START = '{\n  "generated_by": "vaultnet",\n'
_CANVAS_HEADER = (
    CANVAS_START
    + '  "note": "Made by vaultnet from your notes. Edit those, not this; vaultnet stops updating a '
    'canvas that was changed by hand.",\n'
    '  "vaultnet_digest": "{digest}",\n'
    '  "vaultnet_link_digest": "{links}",\n'
)
_CANVAS_DIGEST = re.compile(r'^  "vaultnet_digest": "([0-9a-f]{64})",\n', re.MULTILINE)
_CANVAS_DIGESTS = ("vaultnet_digest", "vaultnet_link_digest")
GENERATED_SUFFIXES = (".md", ".canvas")


_DEFAULT_OUTPUT = Settings().output_folder


def _in_output(path: str, output: str) -> str:
    """What the generated note at vault path `path` is signed for: its path inside the output
    folder `output`, marked as such.

    The exact path is part of what is signed: a copy of a generated note under another name,
    even one that differs only in case, is the user's own file, not vaultnet's to replace or
    delete. (A case-insensitive disk that shows the note under another spelling is handled where
    the files are: see `_Names`.) The output folder's name is not: renamed in Obsidian and made
    the output folder, it still holds vaultnet's notes. The NUL, which no vault path holds, keeps
    these digests apart from those of notes signed with their vault path, as before.
    """
    if not path.startswith(output + "/"):
        raise ValueError(f"{path} is not in the output folder {output}")
    return f"output\0{path[len(output) + 1:]}"


def _signed_for(path: str, output: str) -> tuple[str, ...]:
    """What the generated note at vault path `path` may be signed for: its path in the output
    folder, as vaultnet signs now, or its vault path, as the version before did; and, in an
    output folder of another name, its path in the default one (`Network/`), where the version
    before wrote it before the folder was renamed."""
    inside = _in_output(path, output)
    if output == _DEFAULT_OUTPUT:
        return inside, path
    return inside, path, f"{_DEFAULT_OUTPUT}/{path[len(output) + 1:]}"


def _digest(unsigned: str, signed: str) -> str:
    """The digest of a note's text, signed for `signed` (see `_signed_for`)."""
    return _digest_of(signed, unsigned.encode())


def _digest_of(signed: str, *parts: bytes) -> str:
    """`_digest` of the text whose UTF-8 is `parts` joined, without joining them (a page of a
    large vault is megabytes, and each copy of it costs)."""
    found = hashlib.sha256(f"path\0{signed}\n".encode())
    for part in parts:
        found.update(part)
    return found.hexdigest()


def _folded_digest(unsigned: str, path: str) -> str:
    """The digest notes were signed with until they were signed with their exact path: of their
    vault path case-folded. Such a note is vaultnet's only where no other file has its name in
    another case."""
    return hashlib.sha256(f"{_folded(path)}\n{unsigned}".encode()).hexdigest()


def _folded(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


def _masked(text: str) -> str:
    """`text` with every link target blanked out (see `_WIKILINK_TARGET`)."""
    return _MARKDOWN_TARGET.sub("](", _WIKILINK_TARGET.sub("[[", text))


def _masked_utf8(data: bytes) -> bytes:
    """`_masked` of the text whose UTF-8 is `data`, in UTF-8, from the bytes: a page of a large
    vault is megabytes, and neither it nor what it is masked to is encoded again (Network.md at
    10,000 people, 1.5 MB and 25,000 links: 16 ms where the text took 23, with its encoding;
    `benchmarks/bench_stamp.py`). Markdown links are blanked in the text (`\\s` is more than
    ASCII's spaces there), if there are any: a page links by Markdown only a note whose name a
    wikilink cannot hold."""
    masked = _WIKILINK_TARGET_BYTES.sub(b"[[", data)
    if b"](" not in masked:
        return masked
    return _MARKDOWN_TARGET.sub("](", masked.decode("utf-8")).encode("utf-8")


def _canvas_links(canvas: dict[str, object]) -> str:
    """What a canvas's link digest signs: its JSON values, its digests left out and every node's
    file blanked."""
    values = {k: v for k, v in canvas.items() if k not in _CANVAS_DIGESTS}
    nodes = values.get("nodes")
    if isinstance(nodes, list):
        values["nodes"] = [{**n, "file": ""} if isinstance(n, dict) and "file" in n else n
                           for n in nodes]
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "canvas links\n" + text


def stamp(body: str, path: str, output: str) -> bytes:
    """The bytes of the generated note at vault path `path`, in the output folder `output`: the
    marker, a digest of the whole note, a digest of it with its link targets blanked, the body;
    both signed for its path in the output folder (see `_in_output`).

    A canvas's body is a JSON object (starting `{` and a newline) that gets the marker as its
    first keys.
    """
    signed = _in_output(path, output)
    if path.endswith(".canvas"):
        body = body.removeprefix("{\n")
        blank = _CANVAS_HEADER.replace("{digest}", "")
        links = _digest(_canvas_links(json.loads(blank.replace("{links}", "") + body)), signed)
        digest = _digest(blank.replace("{links}", links) + body, signed)
        header = _CANVAS_HEADER.replace("{digest}", digest).replace("{links}", links)
        return (header + body).encode("utf-8")
    # The link digest is taken with both digests blank; the first covers every other byte,
    # the link digest included. (Each digest is of the header and the body taken in turn: no
    # link crosses the header's last line end, and the body is encoded once.)
    header = _HEADER.replace("{digest}", "")
    data = body.encode("utf-8")
    links = _digest_of(signed, b"links\n", _masked(header.replace("{links}", "")).encode(),
                       _masked_utf8(data))
    unsigned = header.replace("{links}", links).encode()
    header = _HEADER.replace("{digest}", _digest_of(signed, unsigned, data)).replace("{links}", links)
    return header.encode() + data


class _Signed(NamedTuple):
    unsigned: str  # the text with its first digest blanked out
    digest: str
    link_digest: str | None  # None in a canvas, and in a note written before there was one


def _unsigned(data: bytes) -> _Signed | None:
    """A generated note's text with its digest blanked out, and the digests; None if unmarked."""
    try:
        text = data.decode("utf-8").replace("\r\n", "\n")  # git or a sync tool may convert
    except UnicodeDecodeError:
        return None
    links = None
    if text.startswith(CANVAS_START):
        match = _CANVAS_DIGEST.search(text, 0, len(_CANVAS_HEADER) + 64)
    elif text.startswith(GENERATED_START):
        header_end = text.find("\n---\n", 4)
        end = header_end + 1 if header_end > 0 else 0
        match = _DIGEST.search(text, 0, end)
        links = _LINK_DIGEST.search(text, 0, end)
    else:
        return None
    if match is None:
        return None
    return _Signed(text[:match.start(1)] + text[match.end(1):], match[1],
                   links[1] if links else None)


def is_own_unedited(data: bytes, path: str, output: str, folded: bool = True) -> bool:
    """Whether these bytes are the note vaultnet wrote at vault path `path` in the output folder
    `output` (or at the same place in that folder under an earlier name of it), unchanged since.

    With `folded`, a note signed the old way, with its path case-folded, counts too."""
    found = _unsigned(data)
    if found is None:
        return False
    return (any(found.digest == _digest(found.unsigned, signed)
                for signed in _signed_for(path, output))
            or (folded and found.digest == _folded_digest(found.unsigned, path)))


def is_own(data: bytes, path: str, output: str, folded: bool = True) -> bool:
    """Whether these bytes are the note vaultnet wrote at `path` (see `is_own_unedited`),
    unchanged since but perhaps for its link targets (what Obsidian rewrites in every note, and
    in a canvas, when a linked note is renamed). With `folded`, a note signed the old way (see
    `_folded_digest`) counts too."""
    if is_own_unedited(data, path, output, folded):
        return True
    if path.endswith(".canvas"):
        return _is_own_canvas(data, path, output)
    found = _unsigned(data)
    if found is None or found.link_digest is None:
        return False
    line = f"vaultnet_link_digest: {found.link_digest}\n"  # in the header, before any body line
    masked = "links\n" + _masked(found.unsigned.replace(line, "vaultnet_link_digest: \n", 1))
    return (any(_digest(masked, signed) == found.link_digest
                for signed in _signed_for(path, output))
            or (folded and _folded_digest(masked, path) == found.link_digest))


def _is_own_canvas(data: bytes, path: str, output: str) -> bool:
    """Whether a canvas is the one vaultnet wrote at `path` (see `is_own_unedited`) but for the
    files its nodes show, in whatever layout it was saved."""
    try:
        canvas = json.loads(data)
    except ValueError:
        return False
    if not (isinstance(canvas, dict) and canvas.get("generated_by") == "vaultnet"
            and isinstance(canvas.get("vaultnet_link_digest"), str)):
        return False
    links = _canvas_links(canvas)
    return any(_digest(links, signed) == canvas["vaultnet_link_digest"]
               for signed in _signed_for(path, output))


# Why a generated note is held back, as a page says it after the note's file name.
EDITED = "was edited by hand, so it is out of date; `vaultnet sync --reclaim` keeps your edit " \
    "and writes it afresh"
NOT_OURS = "is a file of yours, so vaultnet does not write it"


def held_back(root: Path, rel: str, output: str) -> str | None:
    """Why the generated note at vault path `rel` in the output folder `output` will not be
    written afresh (a hand edit, or a file of the user's there), or None: what a page that links
    it must say instead of linking it as current (PRODUCT.md, promise 2)."""
    try:
        data, reason = read_existing(os.path.join(root, *rel.split("/")))
    except OSError:
        return None
    if data is None and reason is None:
        return None  # not there yet: it will be written
    if reason is not None or data is None or not is_generated(data):
        return NOT_OURS
    return None if is_own(data, rel, output) else EDITED


def is_generated(data: bytes) -> bool:
    """Whether these bytes carry vaultnet's marker, edited or not."""
    start = data.replace(b"\r\n", b"\n", 2)
    if start.startswith(GENERATED_START.encode()) or start.startswith(CANVAS_START.encode()):
        return True
    if data.lstrip().startswith(b"{"):  # a canvas Obsidian saved again, in its own layout
        try:
            return bool(json.loads(data).get("generated_by") == "vaultnet")
        except (ValueError, AttributeError):
            return False
    return False


def _relative(vault: str, path: str) -> str:
    return os.path.relpath(path, vault).replace(os.sep, "/")


Sealed = tuple[bytes, Signature, str]  # a generated note's body_digest, its file, its digest


def body_digest(body: str) -> bytes:
    """What the parse cache keeps of a generated note's body, to tell whether the next sync's is
    the same: XXH3's 128 bits of its text in UTF-16. (What proves that a file is vaultnet's is its
    stamp, SHA-256 of its bytes; this is vaultnet's own text against itself, every page each
    sync. Python holds a page with a curly quote in two bytes a character, copied as UTF-16 where
    it is encoded a character at a time as UTF-8: the 126 pages of the dense 10,000-person vault,
    4 MB, took 7.7 ms as SHA-256 of UTF-8, 1.8 ms so.)"""
    return xxhash.xxh3_128_digest(body.encode("utf-16-le"))


class WriteMemo:
    """What each generated note held after the last write: in watch mode, the round before's;
    for a one-shot sync, the last sync's, as the parse cache keeps it (`sealed`).

    A note whose body is what it was then, and whose file shows the same times, size and inode,
    holds what vaultnet would write: it is neither stamped nor read again. Anything else takes
    the full path, so a hand edit is still found the moment vaultnet has something new to write.
    """

    def __init__(self, sealed: Mapping[str, Sealed] | None = None) -> None:
        # path: the body (or its `body_digest`, as the cache keeps it), the file, its digest
        self.seen: dict[str, tuple[str | bytes, Signature, str]] = dict(sealed or {})

    def sealed(self, holding: Mapping[str, Signature]) -> dict[str, Sealed]:
        """What the parse cache keeps of `seen` for the next sync: the notes whose file
        `holding` says was found to hold the bytes of its digest, with that signature."""
        return {path: (body if isinstance(body, bytes) else body_digest(body), file, digest)
                for path, (body, file, digest) in sorted(self.seen.items())
                if holding.get(path) == file}


def _same_body(seen: str | bytes, body: str) -> bool:
    return seen == body if isinstance(seen, str) else seen == body_digest(body)


def write_pages(vault: Path, output: str, pages: dict[str, str], dry_run: bool = False,
                delete_stale: bool = True, memo: WriteMemo | None = None,
                reclaim: date | None = None,
                written: Callable[[], Mapping[str, Written]] | None = None) -> WriteReport:
    """Bring the output folder in line with `pages` ({vault path: body}), safely.

    With `delete_stale` false (some notes could not be read this time), generated notes that
    nothing generates now are kept: what made them may only be out of reach for a moment. With
    `reclaim` (a day), a generated note edited by hand is first kept beside itself, under a new
    name that says so and the day, and then written afresh. `written` is what vaultnet last wrote
    where (see `left_behind`): a note of an output folder before this one, inside it, is deleted
    only where it holds the very bytes vaultnet last wrote at its path (never a copy of them).
    """
    if dry_run:
        memo = None
    root = os.path.realpath(vault)
    report = WriteReport()
    bad = unsafe_folder(root, output)
    if bad is not None:
        report.failed.append(Problem(output, None, f"{_relative(root, bad)} is a symlink or a file, "
                                     "not a folder inside the vault; vaultnet writes nothing there",
                                     "make it an ordinary folder, or set output_folder in "
                                     ".vaultnet.toml"))
        return report
    temporaries, listed = _list_output(os.path.join(root, output))
    names = _Names(listed)
    if not dry_run:
        _remove_stale_temporaries(temporaries)
    touched: set[str] = set()
    # Each page is written as soon as it is planned: what it replaces was read a moment before,
    # and one page's bytes are held at a time.
    for rel, body in sorted(pages.items()):
        write = _plan_page(root, output, rel, body, report, memo, names)
        if write is None:
            continue
        target, data, existing, digest, edited = write
        done = report.written if existing is not None else report.created
        kept_as = None
        if edited:  # a hand edit, recorded as kept: written over only when reclaimed
            if reclaim is None or existing is None:
                continue
            kept_as = _keep_aside(root, rel, target, existing, reclaim, report, dry_run)
            if kept_as is None:
                continue
            report.kept = [p for p in report.kept if p.path != rel]
            report.edited.remove(rel)
            if dry_run:
                report.reclaimed.append((rel, kept_as))
        if dry_run:
            done.append(rel)
        elif _replace_page(rel, target, data, existing, report, kept_as):
            if kept_as is not None:
                report.reclaimed.append((rel, kept_as))
            done.append(rel)
            touched.add(os.path.dirname(target))
            if memo is not None and (after := signature(target, follow_symlinks=False)) is not None:
                memo.seen[rel] = (body, after, digest)
    if delete_stale:
        _delete_stale(root, output, listed, set(pages), report, dry_run, touched, names,
                      written)
    for folder in sorted(touched):
        fsync_folder(folder)
    return report


class _Names:
    """The files of the output folder by their case-folded path, as listed when a write pass began.

    On a case-insensitive disk (macOS, Windows) one file answers to every spelling of its name: the
    note vaultnet wrote as `Topics/Robotics.md` is the one at `Topics/robotics.md`, and a topic
    whose spelling changes case replaces it. On a case-sensitive disk they are two files, and the
    other one may be the user's copy: a note is vaultnet's only under the exact name it was
    signed for, or under another name of the very same file.
    """

    def __init__(self, listed: list[str]) -> None:
        self._by_folded: dict[str, list[str]] = {}
        for path in listed:
            self._by_folded.setdefault(_folded(path), []).append(path)

    def ours(self, root: str, output: str, path: str, data: bytes) -> bool:
        """Whether `data`, read at `path` in the output folder `output`, is a note vaultnet wrote
        there (see `is_own`)."""
        if is_own(data, _relative(root, path), output, folded=False):
            return True
        alike = [p for p in self._by_folded.get(_folded(path), []) if p != path]
        same = [p for p in alike if _same_file(p, path)]
        if any(is_own(data, _relative(root, p), output, folded=False) for p in same):
            return True
        # Signed the old way, with its path case-folded: vaultnet's only if no other file has its
        # name in another case (the user's copy of it, on a case-sensitive disk).
        return len(same) == len(alike) and is_own(data, _relative(root, path), output)

    def is_also(self, path: str, other: str) -> bool:
        """Whether the listed file `path` is the file at `other`, under another spelling."""
        return path != other and _folded(path) == _folded(other) and _same_file(path, other)


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


class _Write(NamedTuple):
    target: str  # on disk
    data: bytes  # the new bytes
    existing: bytes | None  # the bytes replaced
    digest: str
    edited: bool  # the bytes replaced are a hand edit: written only when reclaimed


def _plan_page(root: str, output: str, rel: str, body: str, report: WriteReport,
               memo: WriteMemo | None, names: _Names) -> _Write | None:
    """Decide one page: record it as failed, kept or unchanged, or return the write it needs
    (one over a hand edit too, recorded as kept, for a reclaim to do)."""
    problem = _misplaced(root, output, rel)
    if problem is not None:
        report.failed.append(problem)
        return None
    target = os.path.join(root, *rel.split("/"))
    last = memo.seen.get(rel) if memo is not None else None  # what the last write left here
    if memo is not None and _unchanged_since_memo(memo, rel, body, target, report):
        return None
    data = stamp(body, rel, output)
    digest = report.digests[rel] = hashlib.sha256(data).hexdigest()
    try:
        before = signature(target, follow_symlinks=False)
        existing, reason = read_existing(target)
    except OSError as err:
        report.failed.append(Problem(rel, None, f"cannot read it ({err.strerror})",
                                     "check the file's permissions"))
        return None
    if reason is not None:
        report.kept.append(Problem(rel, None, f"{reason}; left as it is",
                                   "move it away to let vaultnet write this note"))
        return None
    if existing is not None and existing.replace(b"\r\n", b"\n") == data:
        report.unchanged.append(rel)  # the same, but perhaps with CRLF from git: leave it
        if memo is not None and before is not None and before == signature(target, follow_symlinks=False):
            memo.seen[rel] = (body, before, digest)
        return None
    problem = (_not_ours(existing, rel, _wrote(last, existing)
                         or names.ours(root, output, target, existing))
               if existing is not None else None)
    if problem is not None:
        report.kept.append(problem)
        if existing is None or not is_generated(existing):
            return None
        report.edited.append(rel)
        return _Write(target, data, existing, digest, True)
    return _Write(target, data, existing, digest, False)


def _wrote(last: tuple[str | bytes, Signature, str] | None, existing: bytes) -> bool:
    """Whether `existing` are the very bytes the last write put at this path (their digest is
    the one it meant to write there): vaultnet's, with no need to check their signature."""
    return last is not None and hashlib.sha256(existing).hexdigest() == last[2]


def _misplaced(root: str, output: str, rel: str) -> Problem | None:
    """Refuse a page outside the output folder, or under a folder that is a symlink or a file."""
    if not rel.startswith(output + "/") or {"", ".", ".."} & set(rel.split("/")):
        return Problem(rel, None, "would be written outside the output folder; not written",
                       "report this as a bug in vaultnet")
    bad = unsafe_folder(root, rel.rpartition("/")[0])
    if bad is not None:
        return Problem(rel, None, f"{_relative(root, bad)} is a symlink or a file, not a folder",
                       "make it an ordinary folder inside the vault")
    return None


def _unchanged_since_memo(memo: WriteMemo, rel: str, body: str, target: str,
                          report: WriteReport) -> bool:
    """Record a page as unchanged if its body and its file are as the last write left them."""
    seen = memo.seen.pop(rel, None)
    if seen is None or seen[1] != signature(target, follow_symlinks=False) \
            or not _same_body(seen[0], body):
        return False
    memo.seen[rel] = seen
    report.digests[rel] = seen[2]
    report.unchanged.append(rel)
    return True


RECLAIM_HINT = ("run `vaultnet sync --reclaim` to keep your version under a name that says so and "
                "have vaultnet write this note afresh")


def _not_ours(existing: bytes, rel: str, ours: bool) -> Problem | None:
    """Refuse to replace a file vaultnet did not write, or wrote and someone edited since (a
    rewrite of its links alone is no edit)."""
    if ours:
        return None
    if is_generated(existing):
        return Problem(rel, None, "was edited by hand since vaultnet wrote it, so it is out of "
                       "date; left as it is", RECLAIM_HINT)
    return Problem(rel, None, "is not a note vaultnet wrote; left as it is",
                   "move it away to let vaultnet write here")


# The name a reclaimed edit is kept under: `Follow-ups (edited 2026-11-25).md`, then ` 2`, ` 3`…
_RECLAIMED = re.compile(r" \(edited \d{4}-\d{2}-\d{2}\)(?: \d+)?\.(?:md|canvas)\Z")
_MAX_NAME_BYTES = 200  # well under the 255 bytes every common file system allows


def _aside_names(rel: str, day: date) -> Iterator[str]:
    """The vault paths, in order, under which the hand edit of the note at `rel` may be kept."""
    folder, _, name = rel.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    label = f" (edited {day.isoformat()})"
    room = _MAX_NAME_BYTES - len(f"{label} 9999.{suffix}".encode())
    stem = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(" .") or "note"
    for number in range(1, 1000):
        yield f"{folder}/{stem}{label}{f' {number}' if number > 1 else ''}{dot}{suffix}"


def _keep_aside(root: str, rel: str, target: str, existing: bytes, day: date,
                report: WriteReport, dry_run: bool) -> str | None:
    """Keep a hand-edited note's bytes under a new name beside it, never over a file that exists;
    the vault path used (or, on a dry run, that would be), or None if it could not be done. A
    read-only note could not be written afresh after: no copy of it is made."""
    if is_read_only(target):
        report.failed.append(Problem(rel, None, "is read-only (it has no write permission), so "
                                     "vaultnet cannot write it afresh; your edit stays as it is",
                                     "make it writable, then run `vaultnet sync --reclaim` again"))
        return None
    before = signature(target, follow_symlinks=False)
    for aside in _aside_names(rel, day):
        path = os.path.join(root, *aside.split("/"))
        if dry_run:
            if not os.path.lexists(path):
                return aside
            continue
        try:
            create_new(path, existing)
        except FileExistsError:
            continue
        except OSError as err:
            report.failed.append(Problem(rel, None, f"could not be kept as {aside} "
                                         f"({err.strerror or err}); left as it is", _hint(err)))
            return None
        if before is not None:  # the copy keeps the time of the edit (best effort)
            with contextlib.suppress(OSError):
                os.utime(path, ns=(before[0], before[0]))
        return aside
    report.failed.append(Problem(rel, None, "has no free name to be kept under; left as it is",
                                 "move away the notes named after it with (edited …)"))
    return None


def _replace_page(rel: str, target: str, data: bytes, existing: bytes | None,
                  report: WriteReport, kept_as: str | None = None) -> bool:
    """Write a page over the bytes it was planned against; record a conflict or a failure."""
    try:
        make_folders(os.path.dirname(target))
        atomic_replace(target, data, existing)
    except Conflict:
        before = f", and the version before it is kept as {kept_as}" if kept_as else ""
        report.kept.append(Problem(rel, None, "changed while vaultnet was writing it; your "
                                   f"change was kept{before}", "run vaultnet sync again"))
    except OSError as err:
        report.failed.append(Problem(rel, None, f"could not be written ({err.strerror or err})",
                                     _hint(err)))
    else:
        return True
    return False


def _hint(err: OSError) -> str:
    return failure_hint(err, "vaultnet sync")


def _list_output(folder: str) -> tuple[list[str], list[str]]:
    """vaultnet's temporary files and the generated notes under the output folder, in one walk."""
    temporaries, generated = [], []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if temporary_pid(name) is not None:
                temporaries.append(os.path.join(dirpath, name))
            elif name.endswith(GENERATED_SUFFIXES) and not name.startswith("."):
                generated.append(os.path.join(dirpath, name))
    return temporaries, sorted(generated)


def _delete_stale(root: str, output: str, listed: list[str], wanted: set[str],
                  report: WriteReport, dry_run: bool, touched: set[str], names: _Names,
                  written: Callable[[], Mapping[str, Written]] | None = None) -> None:
    """Remove generated notes nothing generates any more, if nobody edited them and they are
    writable (a note without a write bit is read-only to vaultnet); and those of an output
    folder before this one, inside it, that hold what vaultnet last wrote there (`written`)."""
    record: Mapping[str, Written] | None = None
    pages: dict[str, str] | None = None  # each page's file by its folded path, once needed
    formers: set[str] = set()  # the output folders before this one inside it, as notes signed
    emptied: set[str] = set()  # the folders their notes were deleted from
    for path in listed:
        rel = _relative(root, path)
        if rel in wanted:
            continue
        if pages is None:
            pages = {_folded(p): os.path.join(root, *p.split("/")) for p in wanted}
        if names.is_also(path, pages.get(_folded(path), path)):
            continue  # a page, under the spelling a case-insensitive disk kept
        try:
            existing, reason = read_existing(path)
            writable = bool(os.lstat(path).st_mode & ANY_WRITE_BIT)
        except OSError:
            continue
        if reason is not None or existing is None or not is_generated(existing):
            continue  # the user's own file: not ours to touch or to report
        ours = names.ours(root, output, path, existing)
        # (Signed for a folder inside this one: a note of an output folder before this one,
        # which `left_behind` leaves to this pass. Deleted, and that folder once it is empty,
        # only where it holds the very bytes vaultnet last wrote at its path: a copy of a whole
        # output folder is signed for where it lies too, and a vault inside this one signs its
        # own, and those are the user's.)
        former = None if ours or written is None else _generated_in(existing, rel)
        if written is not None and former is not None and former != output \
                and not _in_another_vault(root, former):
            record = written() if record is None else record
            if _as_written(existing, record.get(rel)):
                formers.add(former)
                ours = True
        if not ours or not writable:
            if _RECLAIMED.search(os.path.basename(path)):
                continue  # a hand edit kept aside by a reclaim: the user's now
            why = "was edited or copied here by hand" if writable else "is read-only"
            report.notices.append(Problem(rel, None, f"is no longer generated, and {why}; left "
                                          "as it is", "delete it when you no longer need it"))
            continue
        report.deleted.append(rel)
        if dry_run:
            continue
        try:
            current, _ = read_existing(path)
            if current != existing:
                raise Conflict(path)
            os.unlink(path)
            touched.add(os.path.dirname(path))
            emptied.add(os.path.dirname(path))
        except Conflict:
            report.deleted.remove(rel)
        except OSError as err:
            report.deleted.remove(rel)
            report.failed.append(Problem(rel, None, f"could not be deleted ({err.strerror or err})",
                                         _hint(err)))
    if formers:
        for folder in sorted(emptied, key=len, reverse=True):
            _remove_emptied(root, folder, formers, touched)


# What the last write left at a path (`WriteMemo.seen`): the body (or its digest), the file's
# signature, the digest of the bytes written.
Written = tuple[str | bytes, Signature, str]


class Left(NamedTuple):
    """A note vaultnet generated, found outside the output folder (see `left_behind`)."""

    path: str
    folder: str  # the output folder it was generated in ("": a note at the vault's top)
    edited: bool  # its bytes are no note vaultnet wrote at that place: edited, or copied, by hand
    # The last write's record of this very path, when the file still holds the bytes written
    # there and may be written: vaultnet's own, untouched, to delete. None for anything else.
    written: Written | None


def left_behind(vault: Path, output: str, found: Iterable[str],
                written: Callable[[], Mapping[str, Written]],
                home: Callable[[str], str], also: Callable[[str], Iterable[str]]) -> list[Left]:
    """The notes vaultnet generated that lie outside the output folder `output`, from `found`
    (the walk's notes that carry vaultnet's marker) and `also` (other files an output folder
    holds: the canvas, which the walk does not read), by path.

    A note belongs to the output folder that its signature names (it signs the note's path in
    its output folder); one edited since, which no signature names, to the folder it sits in as
    a page would (`home`). A folder inside another (`Topics/`) is part of it. A folder inside
    another vault (one with its own `.obsidian` or settings) is that vault's output; one that is
    the output folder reached through a symlink is no other folder: neither is looked at.
    `written` is what vaultnet last wrote where (asked for only if there is any such note): a
    note at a path it wrote, still holding those very bytes, is its own to delete; a copy
    elsewhere, or one edited since, is the user's."""
    root = os.path.realpath(vault)

    def take(rel: str) -> None:
        # (The output folder under another spelling is another folder where the disk tells them
        # apart: a folder before, as `_elsewhere` tells.)
        if rel.startswith(output + "/") or _RECLAIMED.search(rel):
            return  # (a hand edit a reclaim kept aside is the user's)
        data = _generated_bytes(root, rel)
        if data is not None:
            signed_in = _generated_in(data, rel)
            notes[rel] = (data, signed_in if signed_in is not None else home(rel),
                          signed_in is None)

    notes: dict[str, tuple[bytes, str, bool]] = {}
    for rel in sorted(found):
        take(rel)
    folders = {folder for _, folder, _ in notes.values() if folder}
    tops = sorted(f for f in folders if not any(f.startswith(g + "/") for g in folders))
    for folder in tops:
        for rel in also(folder):
            if rel not in notes:
                take(rel)
    tops = [folder for folder in tops if not _elsewhere(root, folder, output)]
    found_left: list[Left] = []
    record: Mapping[str, Written] | None = None
    for rel, (data, folder, edited) in sorted(notes.items()):
        top = next((f for f in tops if rel.startswith(f + "/")), None) if folder else ""
        if top is None:
            continue  # another vault's, or the output folder itself
        record = written() if record is None else record
        last = record.get(rel)
        untouched = _as_written(data, last) and _writable(os.path.join(root, *rel.split("/")))
        found_left.append(Left(rel, top, edited, last if untouched else None))
    return found_left


def _as_written(data: bytes, last: Written | None) -> bool:
    """Whether `data`, read at a path, are the very bytes vaultnet last wrote there (`last`, that
    write's record): vaultnet's own, untouched; a copy of them elsewhere is the user's."""
    return last is not None and hashlib.sha256(data).hexdigest() == last[2]


def _generated_bytes(root: str, rel: str) -> bytes | None:
    """The bytes of the file at vault path `rel` if it is a generated note, edited or not."""
    try:
        data, reason = read_existing(os.path.join(root, *rel.split("/")))
    except OSError:
        return None
    return data if reason is None and data is not None and is_generated(data) else None


def _generated_in(data: bytes, rel: str) -> str | None:
    """The output folder that the note at vault path `rel` was generated in, as its signature
    tells (the nearest folder on its path for which it is vaultnet's); None if for none."""
    parts = rel.split("/")[:-1]
    for end in range(len(parts), 0, -1):
        folder = "/".join(parts[:end])
        if is_own(data, rel, folder, folded=False):
            return folder
    return None


def _in_another_vault(root: str, folder: str) -> bool:
    """Whether the folder at vault path `folder`, or a folder it lies in, is `marked_as_vault`."""
    parts = folder.split("/")
    return any(marked_as_vault(Path(root, *parts[:end])) for end in range(1, len(parts) + 1))


def _elsewhere(root: str, folder: str, output: str) -> bool:
    """Whether the folder is another vault's (`_in_another_vault`), or the output folder
    itself, or inside it, through a symlink or under another spelling of its name that the disk
    takes for it (a Mac's, Windows': see `is_the_folder`)."""
    if not folder:
        return False
    if _in_another_vault(root, folder):
        return True
    real, own = (os.path.realpath(os.path.join(root, *p.split("/"))) for p in (folder, output))
    return real == own or real.startswith(own + os.sep) or is_the_folder(real, own)


def _writable(path: str) -> bool:
    try:
        return bool(os.lstat(path).st_mode & ANY_WRITE_BIT)
    except OSError:
        return False


def retire(vault: Path, output: str, left: Iterable[Left], report: WriteReport, dry_run: bool,
           memo: WriteMemo | None = None) -> list[str]:
    """Delete the notes `left_behind` found to be vaultnet's own and untouched, where the last
    write left them, and then their folders if that left them empty; say so with a notice for
    each folder. Return the paths deleted (on a dry run, those that would be)."""
    root = os.path.realpath(vault)
    done: dict[str, list[str]] = {}
    touched: set[str] = set()
    for note in left:
        if note.written is None:
            continue
        target = os.path.join(root, *note.path.split("/"))
        if unsafe_folder(root, note.path.rpartition("/")[0]) is not None:
            continue  # a folder on its way became a symlink since: not the file written there
        try:
            existing, reason = read_existing(target)
        except OSError:
            continue
        if reason is not None or existing is None \
                or hashlib.sha256(existing).hexdigest() != note.written[2]:
            continue  # changed since it was looked at
        if not dry_run:
            try:
                os.unlink(target)
            except OSError as err:
                report.failed.append(Problem(note.path, None, "could not be deleted "
                                             f"({err.strerror or err})", _hint(err)))
                continue
            touched.add(os.path.dirname(target))
            if memo is not None:
                memo.seen.pop(note.path, None)
        done.setdefault(note.folder, []).append(note.path)
    for folder, paths in sorted(done.items()):
        report.retired += paths
        them = "them" if len(paths) > 1 else "it"
        what = (f"would delete {plural(len(paths), 'note')} vaultnet generated there, out of date "
                f"since the output folder is {output}/ (nobody has changed {them} since)"
                if dry_run else
                f"deleted {plural(len(paths), 'note')} vaultnet generated there, out of date "
                f"since the output folder is {output}/ (nobody had changed {them} since)")
        report.notices.append(Problem(f"{folder}/" if folder else ".", None, what))
    for folder in sorted(touched, key=len, reverse=True):
        _remove_emptied(root, folder, {f for f in done if f}, touched)
    for folder in sorted(touched):
        if os.path.isdir(folder):
            fsync_folder(folder)
    return [path for paths in done.values() for path in paths]


def _remove_emptied(root: str, folder: str, tops: set[str], touched: set[str]) -> None:
    """Remove `folder`, emptied by deleting notes of a folder in `tops`, and each folder above
    it up to that one while they are empty (never the vault, never a folder holding anything)."""
    while True:
        rel = _relative(root, folder)
        if rel in ("", ".") or not any(rel == top or rel.startswith(top + "/") for top in tops):
            return
        try:
            os.rmdir(folder)
        except OSError:
            return  # not empty (a file of the user's, a folder of theirs), or gone already
        touched.add(os.path.dirname(folder))
        if rel in tops:
            return
        folder = os.path.dirname(folder)


def _remove_stale_temporaries(temporaries: list[str]) -> None:
    """Remove the temporary files a crashed run left behind: only those vaultnet provably made.

    A file is removed only if all of these hold: its name is exactly what `_create_temporary`
    makes (`.vaultnet-<process id>-<12 hex digits>.tmp`); that process is gone (a watcher and a
    sync may run at once) or is this one (a write of its own that failed); it is a regular file,
    not a link, owned by this user; and it holds what vaultnet writes there: a generated note,
    whole or cut short by the crash (down to nothing). Any other file is the user's, whatever its
    name: left alone.
    """
    for path in temporaries:
        if _left_by_a_crash(path):
            with contextlib.suppress(OSError):
                os.unlink(path)


def _left_by_a_crash(path: str) -> bool:
    pid = temporary_pid(os.path.basename(path))
    if pid is None or process_alive(pid):
        return False
    try:
        info = os.lstat(path)
        data, reason = read_existing(path)
    except OSError:
        return False
    euid = getattr(os, "geteuid", None)  # (Windows has no owner to compare)
    if not stat.S_ISREG(info.st_mode) or (euid is not None and info.st_uid != euid()):
        return False
    return reason is None and data is not None and _vaultnet_could_write(data)


def _vaultnet_could_write(data: bytes) -> bool:
    """Whether a temporary file holds what vaultnet writes in the output folder: a generated note
    (or a hand edit of one, kept aside by a reclaim), or the start of one."""
    return is_generated(data) or any(start.encode().startswith(data)
                                     for start in (GENERATED_START, CANVAS_START))
