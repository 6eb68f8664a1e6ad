"""The parse cache: what the last `vaultnet sync` of a vault read, kept outside the vault.

Where: `$XDG_CACHE_HOME/vaultnet/` (else `~/.cache/vaultnet/`), one file per vault named by a digest
of the vault's real path, a folder beside it of the chunks that file names (each a file named by
the digest of its bytes: see `_digest`), and the last walk of the vault (see `KeptWalk`); never inside the
vault, where a sync client would copy it between devices.

What it holds:

- the state of the last sync: the signature of every note (modification and change times, size,
  inode), of every file in the output folder, the day, the settings, and the summary it printed.
  When none of that differs, a sync has nothing to do: it says what it said then and writes nothing;
- every note as it was parsed, with the signature it was read under: a note whose signature has not
  changed is neither read nor parsed again;
- each note's links as resolved, under a digest of the names they were resolved against (each
  with the days it holds for: a plan of its that comes due has it resolved again), and each
  person's tie, contacts (`vaultnet.base.model.Contacts`) and rows of the agenda as worked out
  then (the contacts kept for the people whose note and interactions are the same; the tie and
  the rows, on the same day too), and what each tie is worked out from on another day (its
  basis: `vaultnet.insight.ties.TieBasis`), read only by a sync of another day;
- every target each note's links were resolved by, read only by a sync whose notes' names changed
  (a note added, removed or renamed, an alias), which resolves again only the notes that look a
  changed name up (see `vaultnet.network.index._translated`);
- the slow half of the communities and bridges, under a digest of the ties they were worked out
  from, reused when the ties are the same (see `vaultnet.insight.communities.Shape`);
- the digest of the structure of the graph, without its people, which is kept in a file beside
  it (see `ParseCache.keep_graph`), reused while nothing it is made of changed.

The walk kept beside it lists the notes the last walk found and the signature of every folder it
listed: while each folder's holds (for a few minutes), no note can have been added, removed or
renamed, and a sync looks at the notes one by one without walking the vault.

Chunks: the notes, their resolved links, the people, the bases of their ties and the targets are
kept in chunks of about a thousand notes each (a note's chunk is chosen by its path alone), each chunk a
file of its own: a sync after an edit writes the chunks the edit changed and the file that names
them, not the whole cache again (45 MB at 10,000 people). A chunk no cache names any longer is
removed by a later save.

Trust: the file opens with a header naming its format, the vault, a SHA-256 of the state and the
chunks by their digests; a file or a chunk that does not match (another version of vaultnet, another
vault, a torn or damaged file) is thrown away, never used, and never makes a sync fail (but for
a file rewritten in place while a sync has it mapped: see `_mapped`). It is
read with an unpickler that knows vaultnet's value types and dates only, so a crafted file
cannot run code. A note changed in the two seconds before the cache is written could change
again within the same tick of the file system's clock without changing its signature; such a
note is kept untrusted and read again next time.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import hashlib
import importlib.util
import itertools
import json
import mmap
import operator
import os
import pickle
import stat
import struct
import sys
import threading
import time
import weakref
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, SupportsIndex, TypeVar, cast

import xxhash

import vaultnet
from vaultnet.base.errors import DamagedCache
from vaultnet.base.model import (
    NOTE_SETTERS,
    Contacts,
    Fields,
    IgnoredNote,
    Note,
    Problem,
    all_of_type,
    new_tuple,
)
from vaultnet.base.settings import Settings, load_settings, missing_folders
from vaultnet.base.small_files import read_small_file
from vaultnet.pipeline.aside import Aside, can_fork
from vaultnet.pipeline.summary import Summary, summary_dict
from vaultnet.read.obsidian import config_problems, contacts_folders, daily_notes, skipped, template_folders
from vaultnet.read.vault import (
    FolderSignature,
    NoteFile,
    folder_signature,
    ignored_notes,
    walk_vault,
)
from vaultnet.write.files import (
    Signature,
    process_alive,
    signature_of,
    signatures,
    unsafe_folder,
)
from vaultnet.write.report import WriteReport

if TYPE_CHECKING:  # (the index imports the parser: a sync with nothing to do needs neither)
    from vaultnet.network.index import Saved
    from vaultnet.write.generated import Sealed

FORMAT = "vaultnet-cache 20"
MAX_CACHE_BYTES = 1 << 30  # far above a vault of 100,000 notes; a larger file is not vaultnet's
NOTES_PER_CHUNK = 1000
# Notes from which on a sync's look has them walked on another core while the command imports
# its pipe (`_walked`): the walk of fewer takes less time than the imports, which a sync with
# nothing to do would then wait for (at 2,741 notes, 0.10 s against 0.07 walked here).
WALK_ASIDE_MIN = 10_000
# The parts kept in chunks, by the notes' chunks; the bases read only by a sync of another day,
# the targets only by one whose notes' names changed (and by the save, the chunks that hold a note
# resolved again, or all of them if the notes are chunked otherwise).
PARTS = ("notes", "resolved", "people", "bases", "targets")
_READ_AHEAD = PARTS[:3]
# A chunk no cache names is removed once it is this old: until then it may be one that another
# sync of the same vault has just written, for the file it is about to write.
CHUNK_GRACE_NS = 60 * 10**9
SWITCH_AHEAD = 0.0002  # seconds a thread holds the interpreter's lock while the cache is read ahead
RACY_NS = 2_000_000_000  # notes changed this close to the cache's writing are not trusted
_now_ns = time.time_ns  # the clock the racy rule reads (tests move it on)
V = TypeVar("V")  # what is kept of each note, by path (see `_chunks`)


class KeptPeople(NamedTuple):
    """What the cache keeps of each person, by the path of their note (see `Stored.people`),
    under the digest of what their links were resolved with."""

    digest: str
    ties: dict[str, object]
    contacts: dict[str, object]
    rows: dict[str, object]


_ALLOWED = {
    ("datetime", "date"),
    ("vaultnet.pipeline.cache", "kept_notes"),
    *(("vaultnet.base.model", name) for name in (
        "Problem", "Link", "Entry", "Task", "Birthday", "kept_fields", "kept_note",
        "Interaction", "Contacts")),
    ("vaultnet.pipeline.summary", "Summary"),
    ("vaultnet.base.conventions", "Reading"),
    ("vaultnet.base.conventions", "DailyNotes"),
}


class _Unpickler(pickle.Unpickler):
    """Builds vaultnet's values and dates, and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a vaultnet cache")
        return super().find_class(module, name)


def _loads(data: bytes | memoryview) -> Any:
    return _Unpickler(_Reading(memoryview(data))).load()


class _Reading:
    """The bytes of a pickle as the unpickler reads them: a frame at a time, each a view of
    them, where `io.BytesIO` would copy a mapped file whole (see `_read`)."""

    __slots__ = ("_text", "_view", "at")

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self.at = 0  # how far it was read
        self._text: bytes | None = None  # the bytes whole, once a line is asked for

    def read(self, size: int = -1) -> bytes:
        start = self.at
        self.at = end = len(self._view) if size < 0 else min(len(self._view), start + size)
        return self._view[start:end]  # type: ignore[return-value]  # (it takes any bytes-like)

    def readinto(self, buffer: memoryview) -> int:
        found = self.read(len(buffer))
        buffer[:len(found)] = found
        return len(found)

    def readline(self) -> bytes:  # (asked for by pickles of protocols 0 to 3 alone: not the cache's)
        if self._text is None:
            self._text = bytes(self._view)
        start, end = self.at, self._text.find(b"\n", self.at) + 1 or len(self._text)
        self.at = end
        return self._text[start:end]


# A chunk's file: its pickle, then the buffers the pickle holds out of its band (in a chunk of
# notes, the notes' links and dated lines: see `NoteChunk`), then the length of each buffer and
# how many there are, as unsigned 64-bit little-endian numbers. Read back, each note's lines are
# a view of the chunk's bytes (which the sync holds, to save the chunk as it was), not a copy of
# them: at 10,000 dense people the notes' chunks unpickle in 70 ms rather than 89, and a sync
# after an edit peaks 23 MB lower.
_COUNT = struct.Struct("<Q")


def dump_chunk(value: object) -> bytes:
    """The bytes of a chunk of the cache (see above)."""
    buffers: list[pickle.PickleBuffer] = []
    stream = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
    views = [buffer.raw() for buffer in buffers]
    return b"".join([stream, *views, struct.pack(f"<{len(views)}Q", *map(len, views)),
                     _COUNT.pack(len(views))])


def load_chunk(data: bytes | memoryview) -> Any:
    """What the bytes of a chunk hold (`dump_chunk`), with vaultnet's values and dates alone."""
    view = memoryview(data)
    (count,) = _COUNT.unpack_from(view, len(view) - _COUNT.size)
    lengths_at = len(view) - _COUNT.size * (count + 1)
    if lengths_at < 0:
        raise pickle.UnpicklingError("not a chunk of the cache")
    lengths = struct.unpack_from(f"<{count}Q", view, lengths_at)
    start = at = lengths_at - sum(lengths)  # where the buffers start, and the pickle ends
    if start < 0:
        raise pickle.UnpicklingError("not a chunk of the cache")
    buffers = []
    for length in lengths:
        buffers.append(view[at:at + length])
        at += length
    stream = _Reading(view[:start])
    value = _Unpickler(stream, buffers=buffers).load()
    if stream.at != start:
        raise pickle.UnpicklingError("not a chunk of the cache")
    return value


class NoteChunk(dict[str, tuple[Signature | None, Note]]):
    """A chunk of notes (each with its signature, by path), pickled column by column: the paths,
    the signatures, each of the notes' values in turn (their fields as plain tuples), and every
    note's links and dated lines in one buffer (each a pickle of its own: `Note.__reduce_ex__`).
    `kept_notes` builds the notes again a column at a time, in C, where each note pickled on its
    own took a call of Python, a tuple of its arguments and another of its fields: at 10,000
    dense people the notes' chunks unpickle in 50 ms rather than 57 (39 rather than 47 when the
    process has the memory already), a chunk of 900 notes pickles in 5.8 ms rather than 7.0,
    and a sync after an edit looks its notes over in 12 ms rather than 16 (made one after the
    other, the notes lie side by side in memory)."""

    __slots__ = ()

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Callable[..., NoteChunk],
                                                               tuple[Any, ...]]:
        rows = [note.__reduce_ex__(protocol)[1] for note in map(_second, self.values())]
        _, names, fields, *columns, bodies = zip(*rows, strict=True) if rows else \
            [()] * len(NOTE_SETTERS)
        lines = [memoryview(body[1]) for body in bodies]  # (a note's pickle, or a view of it)
        joined = b"".join(lines)
        return kept_notes, (list(self), list(map(_first, self.values())), list(names),
                            list(map(tuple, fields)), *map(list, columns),
                            list(map(_first, bodies)),
                            pickle.PickleBuffer(joined) if int(protocol) >= 5 else joined,
                            list(map(len, lines)))


def kept_notes(paths: list[str], signatures: list[Signature | None], *values: Any) -> NoteChunk:
    """A chunk of notes as pickled (`NoteChunk`); raises if its columns do not add up."""
    *columns, counts, lines, lengths = values
    if not (len(columns) == len(NOTE_SETTERS) - 2 and isinstance(lines, (bytes, memoryview))
            and all(isinstance(column, list) and len(column) == len(paths)
                    for column in (signatures, *columns, counts, lengths))
            and all_of_type(counts, int) and all_of_type(lengths, int)
            and min(lengths, default=0) >= 0 and sum(lengths) == len(lines)
            and all_of_type(columns[1], tuple)
            and set(map(len, columns[1])) <= {len(Fields._fields)}):
        raise pickle.UnpicklingError("not a chunk of notes")
    view, ends = memoryview(lines), list(itertools.accumulate(lengths))
    bodies = zip(counts, map(view.__getitem__, map(slice, [0, *ends[:-1]], ends)), strict=True)
    columns[1] = map(new_tuple, itertools.repeat(Fields), columns[1])
    notes = list(map(object.__new__, itertools.repeat(Note, len(paths))))
    for set_slot, column in zip(NOTE_SETTERS, (paths, *columns, bodies), strict=True):
        collections.deque(map(set_slot, notes, column), maxlen=0)  # (each note's slot, in C)
    return NoteChunk(zip(paths, zip(signatures, notes, strict=True), strict=True))


def _read(path: Path) -> tuple[bytes | memoryview | None, str]:
    """The bytes of the cache's file at `path` (None: not a regular file), with their check (see
    `_digest`)."""
    data = _mapped(path)
    return data, xxhash.xxh3_128_hexdigest(data) if data is not None else ""


def _mapped(path: Path) -> bytes | memoryview | None:
    """The bytes of the cache's file at `path` (None: not a regular file), as a view of the file
    mapped into memory where it can be: its pages are the system's cache of the file, shared and
    taken up a few at a time, where reading would copy them into memory of this process's own,
    each of its pages found anew. A sync after one edit at 10,000 dense people maps 42 MB: it
    took 11,000 fewer faults of a page, and ran some 9 ms the faster (on Linux).

    (A mapped file that shrinks under its mapping would stop the process with SIGBUS: vaultnet
    only ever replaces a file of the cache whole, by a rename, or removes it, which leaves a
    mapping its pages; a program that rewrote one in place, or another machine's sync collecting
    a chunk of a cache on a network file system, could.) Each mapping holds a descriptor of its
    file open while it lasts, and a process may hold only so many (macOS lets 256 unless told
    otherwise, and a sync of 100,000 notes keeps 514 files of the cache): past a quarter of
    them (`_map_budget`), a file is read."""
    with _MAPPING:  # (the read-ahead thread maps too)
        mapped = _map(path) if len(_MAPPED) < _map_budget() else None
    return mapped if mapped is not None else read_small_file(path, MAX_CACHE_BYTES)


def _map(path: Path) -> memoryview | None:
    """The file at `path` mapped (`_mapped`), if it is a regular file and can be; else None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None  # (read, to say what went wrong)
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and 0 < info.st_size <= MAX_CACHE_BYTES:
            with contextlib.suppress(OSError, ValueError):  # (a file system that maps no file)
                mapped = mmap.mmap(fd, info.st_size, access=mmap.ACCESS_READ)
                _MAPPED.add(mapped)
                return memoryview(mapped)
    finally:
        os.close(fd)
    return None


_MAPPED: weakref.WeakSet[mmap.mmap] = weakref.WeakSet()  # the files `_mapped` holds mapped
_MAPPING = threading.Lock()


@functools.cache
def _map_budget() -> int:
    """How many files `_mapped` may hold mapped at once: a quarter of the descriptors this
    process may hold open (none where it cannot say)."""
    try:
        import resource  # (POSIX only)

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except (ImportError, OSError, ValueError):
        return 0
    return 1024 if soft == resource.RLIM_INFINITY else max(0, soft // 4)


class _ReadAhead:
    """The cache's files a sync is about to unpickle, read and their check taken on a thread of
    its own, in the order they will be asked for, while this one unpickles those read before
    them: reading and hashing let go of the interpreter's lock, so the two overlap (0.03 s of a
    sync after one edit at 10,000 dense people, of 46 MB). Each file's bytes are given once
    (`take`), as `_read` gives them, or its error raised."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._got: dict[Path, tuple[bytes | memoryview | None, str] | Exception] = {}
        self._ready = {path: threading.Event() for path in paths}
        self._thread = threading.Thread(target=self._run, args=(list(self._ready.items()),),
                                        name="vaultnet-read-ahead", daemon=True)
        self._thread.start()

    def _run(self, paths: list[tuple[Path, threading.Event]]) -> None:
        for path, ready in paths:
            try:
                self._got[path] = _read(path)
            except Exception as error:  # (raised where it is taken, as reading it there would)
                self._got[path] = error
            finally:
                ready.set()

    def take(self, path: Path) -> tuple[bytes | memoryview | None, str]:
        """What `_read` gives for `path`: as it was read ahead, or read now if it was not (or
        was taken already)."""
        ready = self._ready.pop(path, None)
        if ready is None:
            return _read(path)
        ready.wait()
        found = self._got.pop(path)
        if isinstance(found, Exception):
            raise found
        return found

    def join(self) -> None:
        """Wait for the thread to be gone (a fork must find no other thread running: see
        `vaultnet.pipeline.aside.can_fork`); what it read is still to be taken."""
        self._thread.join()


def cache_folder(environ: Mapping[str, str] = os.environ) -> Path:
    base = environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base and os.path.isabs(base) else Path.home() / ".cache") / "vaultnet"


# What the cached values depend on besides vaultnet: the YAML parser the notes were read with,
# networkx, whose graph the kept communities and bridges were worked out from, and igraph, which
# worked them out. (Found without importing them: a sync with nothing to do never needs them.)
DEPENDENCIES = ("yaml", "frontmatter", "networkx", "igraph")


def code_key() -> str:
    """What the cached values depend on in code: vaultnet's version and its modules' files, and
    the files of the libraries it reads and works with (an upgrade rewrites them)."""
    parts = [vaultnet.__version__, f"{sys.version_info[0]}.{sys.version_info[1]}"]
    files = _modules(os.path.dirname(vaultnet.__file__))
    for name in DEPENDENCIES:
        with contextlib.suppress(ImportError, ValueError):
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.origin:
                files.append((name, spec.origin))
    for name, path in files:
        with contextlib.suppress(OSError):
            info = os.stat(path)
            parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _modules(package: str) -> list[tuple[str, str]]:
    """The package's modules: each one's path in it and on disk, in order. (With `os.walk`, at
    the start of every command: `Path.rglob` took 1.7 ms for vaultnet's 88, this 0.4.)"""
    found = []
    for folder, folders, files in os.walk(package):
        folders[:] = [name for name in folders if name != "__pycache__"]
        inside = os.path.relpath(folder, package).replace(os.sep, "/")
        found += [(name if inside == "." else f"{inside}/{name}", os.path.join(folder, name))
                  for name in files if name.endswith(".py")]
    return sorted(found)


def settings_key(root: Path, settings: Settings) -> str:
    """What the notes' parsing and the sync's output depend on in the vault's settings (and
    whether Obsidian's own can be read: that is a problem the summary names)."""
    return repr((settings, template_folders(root), daily_notes(root, settings),
                 contacts_folders(root), config_problems(root), missing_folders(root, settings)))


Piece = tuple[Mapping[str, tuple[Signature | None, Note]], bytes | memoryview]  # notes, their pickle
Folders = dict[str, FolderSignature]  # each folder a walk listed, by its path on disk
# A walk of the vault: its notes, its problems, and its folders' signatures when they can vouch
# for it next time (see `walk_with_folders`).
Walk = tuple[list[NoteFile], list[Problem], Folders | None]
# A walk of the vault and the signature of each note it found (in the same order), taken a moment
# ago (by `look`): a sync starts from it rather than walking and looking again.
Listing = tuple[list[NoteFile], list[Problem], list[Signature | None]]
Walker = Callable[[], tuple[list[NoteFile], list[Problem]]]  # a walk of the vault, to be taken


# A note's signature as the state keeps it (see `KeptSignatures`): four 64-bit numbers, the
# inode's unsigned.
_ROW = struct.Struct("<qqqQ")


class KeptSignatures(Mapping[str, Signature | None]):
    """Each note's signature (None: not to be trusted) by path, as the state keeps them: the paths
    in a walk's order (sorted), every signature packed in one string of bytes (`_ROW`), and apart,
    by their place, those that are not four such numbers (None; a time before 1678 or after
    2262). Unpickled, they are a list of paths and a string of bytes, not 13,700 tuples of four
    numbers each (at 10,000 dense people a new process reads the cache's state, the summary
    unpickled too, in 7.2 ms rather than 10.5); whether a walk found these very notes with these
    very signatures is a comparison of two lists, in C (`holds`), and the mapping is made only if
    asked for. (The paths are not checked to be sorted: a walk's are, and `holds` compares them
    whole.)"""

    def __init__(self, paths: list[str], packed: bytes, apart: dict[int, Signature | None]
                 ) -> None:
        if not (type(paths) is list and all_of_type(paths, str) and type(packed) is bytes
                and len(packed) == _ROW.size * len(paths) and type(apart) is dict
                and all(type(at) is int and 0 <= at < len(paths) and (sig is None or (
                    type(sig) is tuple and len(sig) == 4 and all_of_type(sig, int)))
                        for at, sig in apart.items())):
            raise pickle.UnpicklingError("not the signatures of notes")
        self.paths, self._packed, self._apart = paths, packed, apart

    @classmethod
    def of(cls, files: Mapping[str, Signature | None]) -> KeptSignatures:
        """`files` as the state keeps them (in a walk's order: a sync holds its notes in that
        order but for the few it read again, last, and sorting them again takes 0.2 ms)."""
        if isinstance(files, KeptSignatures):
            return files
        paths = sorted(files)
        return cls(paths, *_packed(list(map(files.__getitem__, paths))))

    def columns(self) -> tuple[list[str], bytes, dict[int, Signature | None]]:
        """What the state pickles (plain values), as `KeptSignatures` takes them back."""
        return self.paths, self._packed, self._apart

    @functools.cached_property
    def signatures(self) -> list[Signature | None]:
        """Each note's signature, in the order of `paths`."""
        found: list[Signature | None] = list(_ROW.iter_unpack(self._packed))
        for at, sig in self._apart.items():
            found[at] = sig
        return found

    def holds(self, paths: list[str], signatures: list[Signature | None]) -> bool:
        """Whether `paths` (in a walk's order) are these notes, with these `signatures`."""
        if paths != self.paths or len(signatures) != len(paths):
            return False
        if self._apart:
            return signatures == self.signatures
        # (Each signature kept is made as it is compared, and let go: 1.7 ms for 13,700 notes in
        # a process that has not the memory yet, against 2.9 ms made all at once.)
        return all(map(operator.eq, signatures, _ROW.iter_unpack(self._packed)))

    @functools.cached_property
    def _by_path(self) -> dict[str, Signature | None]:
        return dict(zip(self.paths, self.signatures, strict=True))

    def __getitem__(self, path: str) -> Signature | None:
        return self._by_path[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


def _packed(found: list[Signature | None]) -> tuple[bytes, dict[int, Signature | None]]:
    """The signatures `found` packed (`_ROW`), and apart, by their place, those that are not four
    such numbers (see `KeptSignatures`)."""
    apart: dict[int, Signature | None] = \
        {at: None for at, sig in enumerate(found) if sig is None} if None in found else {}
    rows = [sig or (0, 0, 0, 0) for sig in found] if apart else cast(list[Signature], found)
    try:
        packed = b"".join(itertools.starmap(_ROW.pack, rows))
    except struct.error:  # (a time beyond 64 bits of nanoseconds: kept apart)
        apart.update((at, sig) for at, sig in enumerate(rows) if not _packs(sig))
        packed = b"".join(bytes(_ROW.size) if at in apart else _ROW.pack(*sig)
                          for at, sig in enumerate(rows))
    return packed, apart


def _packs(signature: Signature) -> bool:
    """Whether `_ROW` can pack `signature`."""
    try:
        _ROW.pack(*signature)
    except struct.error:
        return False
    return True


@dataclass
class State:
    """The last sync: its inputs' signatures, its outputs' signatures, and what it printed."""

    settings: str
    today: date
    clean: bool  # it wrote everything it meant to, and nothing was in the way or unreadable
    files: Mapping[str, Signature | None]  # every note walked, None when not to be trusted
    walk_problems: list[Problem]  # what the walk found wrong (symlinks leading out, …)
    outputs: dict[str, Signature]  # every file in the output folder after the sync
    generated: list[str]  # the generated notes, for the report of a sync with nothing to do
    # What it printed; kept as its pickle, which only the answer of a sync with nothing to do
    # unpickles (`Stored.summary`): a sync after an edit unpickles the state in 3.7 ms rather
    # than 5.5 at 10,000 dense people (the summary names every problem of the vault).
    summary: Summary | bytes
    shape: object = None  # the communities and bridges worked out (vaultnet.field.Shape.as_tuple)
    # The relations (kind, from, to) in one and not the other of the graph's structure kept beside
    # the cache and the sync's own (see `GraphMemo.retie`).
    graph_retied: tuple[tuple[str, str, str], ...] = ()
    # Each generated note found after the sync to hold the bytes of its digest, with its body's
    # digest (`body_digest`) and its file's signature then: the next sync neither stamps nor
    # reads it again while both hold (see `vaultnet.write.generated.WriteMemo`).
    sealed: dict[str, Sealed] = field(default_factory=dict)
    # The introductions' candidates: the structure of the graph they were worked out for (the
    # digest of the structure kept beside the cache, and the relations changed in it), the key
    # of who was left out of them, the candidates (see `vaultnet.insight.suggestions`).
    candidates: object = None
    # The topic pages and the directory this sync rendered (`PagesMemo.kept`): the structure of
    # the graph they were rendered for, as the candidates', and the file in the chunks' folder
    # that holds them.
    pages: object = None
    # The notes in ignored folders, by path (`kept_ignored`): never read, but their names count
    # (a link to one goes to it), so a note put there or taken away is a change.
    ignored: tuple[tuple[str, str], ...] = ()


class Stored:
    """A cache file whose state passed its checks; its chunks are read and unpickled only if
    asked for (a sync with nothing to do never needs them)."""

    def __init__(self, state: State, path: Path, header: dict[str, Any]) -> None:
        self.state = state
        self._path = path
        self._header = header
        # Each chunk as unpickled, with its bytes: saved again as they are while it holds the
        # very same notes (see `ParseCache.save`); and so the chunks of the resolved links and of
        # the people, while they hold what they held. (A chunk of notes gone or damaged is None
        # at its place: see `notes`.)
        self.pieces: Sequence[Piece | None] = []
        self.resolved_pieces: list[tuple[dict[str, Any], bytes | memoryview]] = []
        self.people_pieces: list[tuple[dict[str, Any], bytes | memoryview]] = []
        # The chunks of the ties' bases, once read (`bases`): each as the dict its bytes hold.
        self.bases_pieces: list[tuple[dict[str, Any], bytes | memoryview]] | None = None
        self._targets: dict[int, dict[str, Any]] = {}  # the chunks of targets read, by place
        self._ahead: _ReadAhead | None = None
        # The chunks unpickled before they were asked for (`load_ahead`), by part and place, and
        # those still to be.
        self._loaded: dict[tuple[str, int], tuple[dict[str, Any], bytes | memoryview] | None] = {}
        self._to_load: Iterator[tuple[str, int, str]] | None = None

    def load_ahead(self) -> bool:
        """Read and unpickle the next chunk a sync will ask for (the notes', the resolved links',
        the people's, in that order), for it to be taken from here when it is; False once none
        is left. `look` calls it while a child walks the vault, where it would wait for the walk
        (at 10,000 dense people, 4 to 7 chunks: 34–43 ms of the 0.2 s they take)."""
        if self._to_load is None:
            self._to_load = ((part, place, digest) for part in _READ_AHEAD
                             for place, digest in enumerate(self.digests(part)))
        found = next(self._to_load, None)
        if found is None:
            return False
        part, place, digest = found
        self._loaded[part, place] = self._chunk(chunk_folder(self._path) / str(digest), digest)
        return True

    @contextlib.contextmanager
    def reading_ahead(self) -> Iterator[None]:
        """While in it, the chunks, the graph's structure and the pages kept are read and
        checked ahead, on a thread that is gone when it ends (see `_ReadAhead`)."""
        folder = chunk_folder(self._path)
        paths = [folder / str(digest) for part in _READ_AHEAD
                 for place, digest in enumerate(self.digests(part))
                 if (part, place) not in self._loaded]
        if self._header.get("graph_digest"):
            paths.append(self._path.with_suffix(".graph"))
        if (pages := self.kept_pages()) is not None:
            paths.append(folder / pages[1])
        # The interval is the process's: changed only when no other thread runs (a sync from
        # the command line), and set back. (Counted before the thread starts: it may be gone by
        # the time it could be counted with the others.)
        lower = threading.active_count() == 1
        try:
            ahead = _ReadAhead(paths)
        except RuntimeError:  # no thread to be had: each is read when it is asked for
            ahead = None
        if ahead is None:
            yield
            return
        self._ahead, switch = ahead, sys.getswitchinterval()
        # The thread needs the interpreter's lock for a moment between one read or hash and the
        # next: at the usual 5 ms a turn, it would wait behind the unpickling, and fall behind.
        if lower:
            sys.setswitchinterval(min(switch, SWITCH_AHEAD))
        try:
            yield
        finally:
            if lower:
                sys.setswitchinterval(switch)
            ahead.join()

    def summary(self) -> Summary | None:
        """What the last sync printed; None if the state holds no such thing."""
        kept = self.state.summary
        with contextlib.suppress(Exception):  # (damaged or foreign: no answer, but a sync)
            found = kept if isinstance(kept, Summary) else _loads(kept)
            return found if isinstance(found, Summary) else None
        return None

    def digests(self, part: str) -> list[str]:
        """The digest of each chunk of a part (`PARTS`), as the header names them."""
        return list(self._header[part])

    def notes(self) -> dict[str, tuple[Signature | None, Note]]:
        """The notes as parsed (with no signature, those not to be trusted: read them again), of
        every chunk that is whole: a chunk gone or damaged costs the reading of its own notes
        alone, read again as notes the cache does not hold are."""
        self.pieces = self._chunks("notes")
        return {path: found for piece in self.pieces if piece is not None
                for path, found in piece[0].items()}

    def resolved(self) -> tuple[str, dict[str, Saved]]:
        """Each note's links as the last sync resolved them (`vaultnet.network.index.Saved`), with
        the digest of the names, aliases and people they were resolved with (each holds for some
        days: see `vaultnet.network.index.Days`)."""
        self.resolved_pieces = chunks = self._part("resolved")
        if not chunks:
            return "", {}
        return str(self._header["resolved_context"]), {
            path: saved for chunk, _ in chunks for path, saved in chunk.items()}

    def people(self) -> KeptPeople:
        """Each person's tie, contacts and rows of the agenda as the last sync worked them out
        (`Tie`, as a tuple, `Contacts`, `vaultnet.insight.agenda.KeptRows`), by note path, under
        the digest its links were resolved with (a person with no rows has none here)."""
        chunks = self._part("people")
        if not chunks:
            return KeptPeople("", {}, {}, {})
        ties: dict[str, object] = {}
        contacts: dict[str, object] = {}
        rows: dict[str, object] = {}
        for chunk, _ in chunks:
            for path, values in chunk.items():
                if not (isinstance(values, tuple) and len(values) == 3):
                    return KeptPeople("", {}, {}, {})  # (each value is checked as it is taken)
                ties[path], contacts[path], found = values
                if found:
                    rows[path] = found
        self.people_pieces = chunks
        return KeptPeople(str(self._header["resolved_context"]), ties, contacts, rows)

    def bases(self) -> dict[str, object]:
        """What the last sync kept of what each person's tie is worked out from (the bases of
        the ties: `vaultnet.insight.ties.TieBasis`), by note path, under the digest the people's
        are (see `people`): read when first asked for, by a sync of another day (or the save
        of one of this day, which keeps them again). Each chunk is one run of bytes until then
        (10,000 dense people's take 5 MB: kept with each person's tie, they made every sync
        read the people 5 ms slower); none if one of them is gone or damaged."""
        if self.bases_pieces is None:
            self.bases_pieces = []
            with contextlib.suppress(Exception):  # (damaged: none, each tie worked out)
                self.bases_pieces = [(_bases_of(chunk), data) for chunk, data in self._part("bases")]
        return {path: basis for chunk, _ in self.bases_pieces for path, basis in chunk.items()}

    def targets(self) -> dict[str, object]:
        """The targets each note's links were resolved by when the last sync resolved them (a
        tuple of strings: see `vaultnet.network.index._translated`), by path: read when first
        asked for, by a sync whose notes' names changed since. A note of a chunk gone or
        damaged has none."""
        return {path: targets for place in range(len(self.digests("targets")))
                for path, targets in self.targets_chunk(place).items()}

    def targets_chunk(self, place: int) -> dict[str, Any]:
        """The chunk of targets at `place` (none if it is gone or damaged), read once."""
        found = self._targets.get(place)
        if found is None:
            chunk = self._chunk(chunk_folder(self._path) / self.digests("targets")[place],
                                self.digests("targets")[place])
            found = self._targets[place] = chunk[0] if chunk is not None else {}
        return found

    def graph(self) -> tuple[str, str, frozenset[tuple[str, str, str]], Callable[[], object]] | None:
        """The structure of the graph the last sync worked from, kept beside the cache (see
        `ParseCache.keep_graph`): the digest its links were resolved with, the structure's own
        digest, the relations that sync's graph had changed in it (`State.graph_retied`), and
        what reads it (raising if the file holds another structure, written since by a sync
        that did not save, or is damaged); None if it kept none."""
        header, retied = self._header, self.state.graph_retied
        digest = str(header["graph_digest"])
        if not digest or not isinstance(retied, tuple) or not all(
                isinstance(r, tuple) and len(r) == 3 and all(isinstance(v, str) for v in r)
                for r in retied):
            return None
        return (str(header["resolved_context"]), digest, frozenset(retied),
                functools.partial(self._named, self._path.with_suffix(".graph"), digest))

    def kept_pages(self) -> tuple[object, str] | None:
        """The structure the pages the state names were rendered for, and the digest of their
        file in the chunks' folder; None when it names none (or names anything else)."""
        pages = self.state.pages
        if isinstance(pages, tuple) and len(pages) == 2 and isinstance(pages[1], str) \
                and _is_digest(pages[1]):
            return pages[0], pages[1]
        return None

    def pages(self, digest: str) -> object:
        """What the chunks' folder holds under `digest` (the pages a sync kept: see `State`), if
        it holds what the digest says; else None."""
        try:
            return self._named(chunk_folder(self._path) / digest, digest)
        except Exception:  # gone, damaged or foreign: as if it were not there
            return None

    def _part(self, part: str) -> list[tuple[dict[str, Any], bytes | memoryview]]:
        """The chunks of one part, each unpickled with its bytes; none if one of them is gone or
        damaged (what the cache kept of people says nothing of those it does not hold)."""
        chunks = self._chunks(part)
        whole = [chunk for chunk in chunks if chunk is not None]
        return whole if len(whole) == len(chunks) else []

    def _chunks(self, part: str) -> list[tuple[dict[str, Any], bytes | memoryview] | None]:
        """Each chunk of one part, unpickled with its bytes; None for one gone or damaged. (Each
        is the file named by its digest: a cache saved again since, by another sync, names
        other files, and leaves these for a while; see `CHUNK_GRACE_NS`.)"""
        folder = chunk_folder(self._path)
        return [self._loaded.pop((part, place)) if (part, place) in self._loaded
                else self._chunk(folder / str(digest), digest)
                for place, digest in enumerate(self.digests(part))]

    def _chunk(self, path: Path, digest: str) -> tuple[dict[str, Any], bytes | memoryview] | None:
        try:
            data = self._checked(path, digest)
            chunk = load_chunk(data) if data is not None else None
        except Exception:  # damaged: as if it were not there
            return None
        return (chunk, data) if isinstance(chunk, dict) and data is not None else None

    def _checked(self, path: Path, digest: str) -> bytes | memoryview | None:
        """The bytes of the file at `path` if they are what the cache names by `digest`, read
        ahead if they were (`reading_ahead`); else None."""
        data, found = self._ahead.take(path) if self._ahead is not None else _read(path)
        return data if data is not None and found == _check_of(digest) else None

    def _named(self, path: Path, digest: str) -> Any:
        """What the file at `path` holds (the graph's structure, the pages kept), if it is what
        the cache names by `digest`."""
        data = self._checked(path, digest)
        if data is None:
            raise pickle.UnpicklingError(f"{path} does not hold what the cache names")
        return _loads(data)


def chunk_folder(path: Path) -> Path:
    """The folder of the chunks of the cache file at `path`."""
    return path.with_suffix(".chunks")


class KeptWalk:
    """The last walk of a vault, kept beside its cache: the notes it found and the signature of
    every folder it listed. While each folder's holds, no note can have been added, removed or
    renamed, and the notes are looked at one by one instead of walking the vault again.

    For a few minutes only (`MAX_AGE_NS`): a file system that does not change a folder's times
    when its entries change (some network and FUSE mounts) then costs a note added there those
    minutes at most, as watch's rescan does for a missed event.
    """

    MAX_AGE_NS = 300 * 10**9

    def __init__(self, path: Path | None, vault: str) -> None:
        self.path = path  # None: nothing kept (no cache)
        self.vault = vault  # the vault's real path

    def walk(self, root: Path, settings: Settings, code: str) -> tuple[list[NoteFile], list[Problem]]:
        """The vault's notes: those the last walk found, while every folder it listed has its
        signature still; else walked, and that walk kept for next time when its folders can vouch
        for it (see `walk_with_folders`). `code` is `code_key()`: the walk's rules are vaultnet's."""
        rules = (FORMAT, code, self.vault, skipped(root, settings), settings.output_folder)
        files = self._last_walk(rules)
        if files is not None:
            return files, []
        files, problems, folders = walk_with_folders(root, rules[3], settings.output_folder)
        if folders is not None and self.path is not None:
            paths = [f.path for f in files]
            disks = {f.path: f.disk for f, disk in zip(files, self._disks(paths), strict=True)
                     if f.disk != disk}
            _write(self.path, pickle.dumps((rules, _now_ns(), folders, paths, disks), protocol=5))
        return files, problems

    def _last_walk(self, rules: tuple[object, ...]) -> list[NoteFile] | None:
        """The notes of the walk kept, if it was of this vault under these `rules` and every
        folder it listed has its signature still."""
        if self.path is None:
            return None
        try:
            data = read_small_file(self.path, MAX_CACHE_BYTES)
            kept = _loads(data) if data is not None else None
            if not isinstance(kept, tuple) or kept[0] != rules:
                return None
            _, written, folders, paths, disks = kept
            if not 0 <= _now_ns() - written <= self.MAX_AGE_NS:
                return None  # old, or from a clock since turned back
            if any(folder_signature(os.stat(disk)) != then for disk, then in folders.items()):
                return None
            if not all(isinstance(path, str) for path in paths):
                return None
            places = self._disks(paths)
            if disks:  # (the few spelled on disk otherwise than in their vault paths)
                places = [disks.get(path) or disk for path, disk in zip(paths, places, strict=True)]
            # (Made in C: 1.6 ms for 13,700 notes, against 2.6 through `NoteFile._make`.)
            return list(map(new_tuple, itertools.repeat(NoteFile), zip(paths, places, strict=True)))
        except Exception:  # gone, damaged or foreign: walk
            return None

    def _disks(self, paths: list[str]) -> list[str]:
        return spelled_at(self.vault, paths)


def spelled_at(vault: str, paths: list[str]) -> list[str]:
    """Where the notes at vault paths `paths` are in the vault at `vault`, when their names are
    spelled on disk as in their vault paths (`os.path.join` of the vault and each path's parts,
    at a tenth of the cost)."""
    at = os.path.join(vault, "")
    return [at + path.replace("/", os.sep) for path in paths]


class ParseCache:
    """The cache file of one vault."""

    def __init__(self, root: Path, folder: Path | None = None) -> None:
        self.vault = os.path.realpath(root)
        folder = folder if folder is not None else cache_folder()
        name = hashlib.sha256(self.vault.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        self.path: Path | None = folder / f"{name}.cache"
        real_folder = os.path.realpath(folder)
        if real_folder == self.vault or real_folder.startswith(self.vault.rstrip(os.sep) + os.sep):
            self.path = None  # never inside the vault

    def walk(self, root: Path, settings: Settings, code: str) -> tuple[list[NoteFile], list[Problem]]:
        """The vault's notes, through the walk kept beside the cache (see `KeptWalk`)."""
        kept = self.path.with_suffix(".walk") if self.path is not None else None
        return KeptWalk(kept, self.vault).walk(root, settings, code)

    def load(self, code: str) -> Stored | None:
        """The cache, if it is whole, of this version of vaultnet and of this vault."""
        if self.path is None:
            return None
        try:
            # A regular file only, and bounded: a FIFO put where the cache goes would hang the
            # read, and /dev/zero linked there would fill the memory. Either is thrown away by
            # the next save, which replaces whatever is there.
            # The header and the state only: the chunks are read if they are needed.
            data = read_small_file(self.path, MAX_CACHE_BYTES)
            if data is None or b"\n" not in data:
                return None
            first, _, state_bytes = data.partition(b"\n")
            header = json.loads(first)
            if header.get("format") != FORMAT or header.get("code") != code \
                    or header.get("vault") != self.vault:
                return None
            if hashlib.sha256(state_bytes).hexdigest() != header["state_sha256"] or not all(
                    isinstance(header[part], list) and all(
                        isinstance(d, str) and _is_digest(d) for d in header[part])
                    for part in PARTS):
                return None  # torn, or not what the header says
            state = _loads(state_bytes)
            if not isinstance(state, dict) or not isinstance(state.get("summary"), bytes):
                return None
            return Stored(State(**{**state, "files": KeptSignatures(*state["files"])}),
                          self.path, header)
        except Exception:  # not a regular file, too large, foreign or damaged: as if there were none
            return None

    def save(self, code: str, state: State, notes: Mapping[str, tuple[Signature | None, Note]],
             now_ns: int | None = None, pieces: Sequence[Piece | None] | None = None,
             resolved: tuple[str, Mapping[str, Saved]] = ("", {}),
             ties: Mapping[str, object] | None = None,
             contacts: Mapping[str, object] | None = None,
             rows: Callable[[], Mapping[str, object]] | None = None,
             bases: Callable[[], Mapping[str, object]] | None = None,
             targets: Mapping[str, object] | None = None, graph: str = "",
             before: Stored | None = None,
             kept: tuple[list[str] | None, ...] = (None, None, None),
             also: Collection[str] = ()) -> None:
        """Write the cache (whole or not at all); a failure only costs speed next time.

        `pieces` are chunks already pickled, with the notes they hold (those of the cache this
        sync started from, or of a parse on several cores; None for a chunk not pickled): a
        chunk that holds exactly the notes (the same objects) a chunk would hold now is written
        as those bytes. `resolved` is each note's links as resolved, under the digest of what
        they were resolved with, `ties`, `contacts` and what `rows` gives each person's as
        worked out from them (a `Tie`, kept as a plain tuple, `Contacts`, and their rows of the
        agenda for the state's day, for those who have any: asked for only when the people's
        chunks are pickled here), what `bases` gives, the bases of their ties (see
        `Stored.bases`), `targets` those of the notes resolved since `before` (the others' are
        kept as they were: see `Stored.targets`), and `graph` the digest of the structure of the graph they
        made, as `keep_graph` kept it. A chunk of resolved links or of people that holds what it
        held in the cache the sync started from (`before`) is written as the bytes
        it was read from. `kept` are the digests `keep_notes` (at `now_ns`), `keep_resolved` and
        `keep_people` gave for these notes, resolved links and people on another core, by part
        (None: not kept): while their files are there, those parts are not pickled again.
        `also` are other files of the chunks' folder that `state` names (`keep_pages`).
        """
        if self.path is None:
            return
        now_ns = _now_ns() if now_ns is None else now_ns
        trusted = _trusted(notes, now_ns)
        files = state.files if trusted is notes and state.files.keys() == notes.keys() \
            else {path: (sig if path in trusted and trusted[path][0] is not None else None)
                  for path, sig in state.files.items()}
        # A note kept without the signature it was read with is to be read again: the state
        # answers no sync with nothing to do, though the walk find the note without a signature
        # too (gone since, or a symlink to nothing: as the state keeps it, but not as it was read).
        clean = state.clean and (files is state.files or not any(
            itertools.starmap(_dropped, zip(state.files.values(), files.values(), strict=True))))
        summary = state.summary if isinstance(state.summary, bytes) \
            else pickle.dumps(state.summary, protocol=5)
        state_bytes = pickle.dumps({**state.__dict__, "clean": clean,
                                    "files": KeptSignatures.of(files).columns(),
                                    "summary": summary}, protocol=5)
        grouped = _chunks(trusted, NoteChunk, pieces)
        folder = chunk_folder(self.path)
        notes_kept, resolved_kept, people_kept = (
            digests if digests is not None and _all_there(folder, digests, len(grouped)) else None
            for digests in kept)
        _write_cache(self.path, {"format": FORMAT, "code": code, "vault": self.vault,
                                 "resolved_context": resolved[0], "graph_digest": graph,
                                 "state_sha256": hashlib.sha256(state_bytes).hexdigest()},
                     state_bytes,
                     (notes_kept or _note_chunks(grouped, pieces, before),
                      resolved_kept or _resolved_chunks(grouped, resolved[1], before),
                      people_kept or _people_chunks(grouped, ties or {}, contacts or {},
                                                    rows() if rows else {}, before),
                      _bases_chunks(grouped, bases() if bases else {}, before),
                      _targets_chunks(grouped, targets or {}, before, folder)),
                     also)

    def keep_pages(self, kept: object) -> str:
        """Write `kept` (plain values: the pages a sync kept) into the chunks' folder, as the
        file named by its digest, for `save` to name (`also`); return its digest ("": not
        written)."""
        digests = self._keep(iter([(pickle.dumps(kept, protocol=5), "")]))
        return digests[0] if digests else ""

    def keep_notes(self, notes: Mapping[str, tuple[Signature | None, Note]], now_ns: int,
                   pieces: Sequence[Piece | None]) -> list[str] | None:
        """Write the chunks of the notes as `save` would at `now_ns` (`pieces`: chunks already
        pickled), before it: a cold sync has those it parsed itself pickled on another core
        while it goes on. Return their digests, for `save` (`kept`); None if they could not all
        be written."""
        return self._keep(_note_chunks(_chunks(_trusted(notes, now_ns), NoteChunk, pieces), pieces,
                                       None))

    def keep_resolved(self, notes: Collection[str], resolved: Mapping[str, Saved]
                      ) -> list[str] | None:
        """Write the chunks of the resolved links of `notes` (their paths) as `save` would, before
        it; return their digests, for `save` (`kept`), or None (see `keep_notes`)."""
        return self._keep(_resolved_chunks(_chunks(dict.fromkeys(notes)), resolved, None))

    def keep_people(self, notes: Collection[str], ties: Mapping[str, object],
                    contacts: Mapping[str, object], rows: Mapping[str, object]
                    ) -> list[str] | None:
        """Write the chunks of the people (each one's tie, as a tuple, contacts and rows of the
        agenda, by the paths of `notes`) as `save` would, before it; return their digests, for
        `save` (`kept`), or None (see `keep_notes`)."""
        return self._keep(_people_chunks(_chunks(dict.fromkeys(notes)), ties, contacts, rows,
                                         None))

    def _keep(self, chunks: Iterator[tuple[bytes | memoryview, str]]) -> list[str] | None:
        if self.path is None or not _room_for_chunks(folder := chunk_folder(self.path)):
            return None
        return _keep_chunks(folder, chunks)

    def keep_graph(self, data: bytes) -> str:
        """Write the structure of a sync's graph (`kept_structure`) beside the cache at once, so
        that the sync does not hold its bytes until it saves; return its digest, for `save` ("":
        not written). A sync that ends before saving leaves a file the cache's digest does not
        name, which is never used."""
        if self.path is None:
            return ""
        return _digest(data) if _write(self.path.with_suffix(".graph"), data) else ""


def cache_clock() -> int:
    """The time the racy rule reads, in nanoseconds (see `RACY_NS`)."""
    return _now_ns()


def _dropped(read: Signature | None, kept: Signature | None) -> bool:
    """Whether a note's signature as read is not the one the state keeps (`_trusted`)."""
    return read is not None and kept is None


def _trusted(notes: Mapping[str, tuple[Signature | None, Note]], now_ns: int
             ) -> Mapping[str, tuple[Signature | None, Note]]:
    """Every note, as it was read: one that is not to be trusted (changed in the last two seconds
    before `now_ns`, or refused for now) without its signature, so that it is read again, but
    kept as what this sync's links and graph were made from (see `SinceSaved`). When every note
    is to be trusted (found in C, at once: most syncs), `notes` itself."""
    held = notes.values()
    signatures = list(map(_first, held))
    if signatures and None not in signatures \
            and max(max(map(_first, signatures)), max(map(_second, signatures))) < now_ns - RACY_NS \
            and all(map(_readable, map(_second, held))):
        return notes
    return {path: (sig if sig is not None and now_ns - sig[0] > RACY_NS
                   and now_ns - sig[1] > RACY_NS
                   and (note.readable or not any(p.transient for p in note.problems)) else None,
                   note)
            for path, (sig, note) in notes.items()}


# The notes in chunks, one pickle each: pickling keeps a table of every object it has seen, and on
# a large vault one table for all notes would weigh hundreds of megabytes. Each is pickled and
# written as it comes, not all held until then (at 100,000 people they are some 180 MB); a chunk
# that holds the very notes a piece holds is its bytes, under the digest it was read with when the
# piece is the cache's (`before`). The resolved links and the people by the notes' chunks too,
# for the same reason.

def _note_chunks(grouped: list[dict[str, tuple[Signature | None, Note]]],
                 pieces: Sequence[Piece | None] | None, before: Stored | None
                 ) -> Iterator[tuple[bytes | memoryview, str]]:
    """The chunks of the notes, each pickled as it is asked for (see above). A chunk holds the
    same note when it holds the very object (a `Note` is equal to itself alone) under an equal
    signature: an equal (signature, note) pair."""
    return _pickled(grouped, pieces, None, len(grouped),
                    before.digests("notes") if before and pieces is before.pieces else None)


def _resolved_chunks(grouped: Sequence[Collection[str]], by_path: Mapping[str, Saved],
                     before: Stored | None) -> Iterator[tuple[bytes | memoryview, str]]:
    """The chunks of the resolved links of the notes `grouped` in their chunks (paths), each
    pickled as it is asked for."""
    return _pickled(
        ({path: by_path[path] for path in group if path in by_path} for group in grouped),
        before.resolved_pieces if before is not None else None, _same_parts, len(grouped),
        before.digests("resolved") if before is not None else None)


def _people_chunks(grouped: Sequence[Collection[str]], ties: Mapping[str, object],
                   contacts: Mapping[str, object], rows: Mapping[str, object],
                   before: Stored | None) -> Iterator[tuple[bytes | memoryview, str]]:
    """The chunks of each person's tie (a `Tie` kept as a plain tuple), contacts and rows of the
    agenda, by the notes `grouped` in their chunks (paths: a person by their note's), each
    pickled as it is asked for, with its digest if known (else ""): the bytes of its piece in
    `before` while it holds the same people, each with the same values (`_same_people`).

    (After one log line, one chunk is pickled again, and the others compared column by column,
    in C, without making each person's values first: so, and with the ties given as the sync's
    own `Tie`s, not copied into tuples first, the chunks of 10,000 dense people took 4.2 ms to
    compare, against 6.3 made and compared person by person.)"""
    pieces = before.people_pieces if before is not None else []
    digests = before.digests("people") if before is not None else []
    reused: list[tuple[tuple[dict[str, Any], bytes | memoryview], str] | None] = \
        list(zip(pieces, digests, strict=True)) if len(pieces) == len(digests) == len(grouped) \
        else [None] * len(grouped)
    people = ties.keys() | contacts.keys()
    for group, kept in zip(grouped, reused, strict=True):
        held = people.intersection(group)
        if kept is not None and _same_people(held, ties, contacts, rows, kept[0][0]):
            (_, data), digest = kept
            yield data, digest
        else:
            yield dump_chunk({path: (_plain(ties.get(path)), contacts.get(path), rows.get(path, ()))
                              for path in group if path in held}), ""


def _bases_chunks(grouped: Sequence[Collection[str]], bases: Mapping[str, object],
                  before: Stored | None) -> Iterator[tuple[bytes | memoryview, str]]:
    """The chunks of the bases of the people's ties, by the notes `grouped` in their chunks
    (paths), each pickled as it is asked for as one run of bytes (see `Stored.bases`): the
    bytes of its piece in `before` while it holds equal bases of the same people."""
    return _pickled(({path: bases[path] for path in group if path in bases} for group in grouped),
                    before.bases_pieces if before is not None else None, None, len(grouped),
                    before.digests("bases") if before is not None else None, _dump_bases)


def _targets_chunks(grouped: Sequence[Mapping[str, object]], targets: Mapping[str, object],
                    before: Stored | None, folder: Path
                    ) -> Iterator[tuple[bytes | memoryview, str]]:
    """The chunks of the targets each note's links were resolved by, by the notes `grouped` in
    their chunks (by path): `targets` gives those of the notes resolved since `before`, which
    holds the others'. A chunk of the notes `before` held, none of them resolved since, is the
    file it was, named by its digest alone (not read: after an edit, one chunk is read, the one
    its note is in; if that file has gone meanwhile, the save is not written)."""
    digests = before.digests("targets") if before is not None else []
    pieces = before.pieces if before is not None else []
    same = len(digests) == len(pieces) == len(grouped)  # (chunked as they were)
    everyone: dict[str, object] | None = None
    for place, group in enumerate(grouped):
        piece = pieces[place] if same else None
        if piece is not None and targets.keys().isdisjoint(group) and piece[0].keys() == \
                group.keys() and os.path.isfile(folder / digests[place]):
            yield b"", digests[place]
            continue
        if before is None or targets.keys() >= group.keys():  # (nothing of it to read)
            then: Mapping[str, object] = {}
        elif same:
            then = before.targets_chunk(place)
        else:
            then = everyone = everyone if everyone is not None else before.targets()
        yield dump_chunk({path: found for path in group
                          if (found := targets.get(path, then.get(path))) is not None}), ""


def _dump_bases(held: dict[str, Any]) -> bytes:
    """A chunk of bases (by path) as one run of bytes in a chunk (`_bases_of` reads it)."""
    return dump_chunk({"bases": pickle.PickleBuffer(pickle.dumps(held, protocol=5))})


def _bases_of(chunk: dict[str, Any]) -> dict[str, Any]:
    """The bases a chunk of them holds, by path (see `_bases_chunks`); raises if it holds
    anything else."""
    found = _loads(chunk["bases"])
    if not isinstance(found, dict):
        raise pickle.UnpicklingError("not a chunk of bases")
    return found


def _same_people(held: set[str], ties: Mapping[str, object], contacts: Mapping[str, object],
                 rows: Mapping[str, object], then: Mapping[str, tuple[object, object, object]]
                 ) -> bool:
    """Whether a chunk that held `then` holds the same people (`held`), each with an equal tie
    and rows (plain values) and the same contacts, found column by column, in C. (A tie taken
    from the cache, made of the very values read, is equal at once, as are the rows and contacts
    that are the very ones read: most of them.)"""
    if then.keys() != held:
        return False
    paths, values = list(then), list(then.values())
    if list(map(ties.get, paths)) != list(map(_first, values)) or \
            list(map(rows.get, paths, itertools.repeat(()))) != list(map(_third, values)):
        return False
    now, was = list(map(contacts.get, paths)), list(map(_second, values))
    return all(_same_contacts(a, b) for a, b in itertools.compress(
        zip(now, was, strict=True), map(operator.is_not, now, was)))


def _plain(tie: object) -> object:
    """A tie as the cache keeps it: a plain tuple (a `Tie`, a named tuple, would be pickled with
    its class, which the cache's unpickler does not know)."""
    return tuple(tie) if isinstance(tie, tuple) else tie


def _all_there(folder: Path, digests: list[str], count: int) -> bool:
    """Whether `digests` name `count` chunks, each a file in the chunks' `folder` (what
    `keep_notes`, `keep_resolved` or `keep_people` gave, sent back from another process)."""
    return len(digests) == count and all(
        isinstance(d, str) and _is_digest(d) and os.path.isfile(folder / d) for d in digests)


def _write(path: Path, *parts: bytes | memoryview, sweep: bool = True) -> bool:
    """Write a file of the cache whole, through a new temporary file, or not at all (False);
    then (with `sweep`) remove what killed syncs left half written of it (see `_sweep`)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)  # left by a process of the same id that was killed
        # A new file, never one found there: opening a FIFO to write would wait for a reader.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.writelines(parts)
            os.replace(tmp, path)
            if sweep:
                _sweep(path)
            return True
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return False


def _sweep(path: Path) -> None:
    """Remove the temporary files of `path` that syncs killed while writing it left behind (a
    whole cache's worth of bytes each): those of a process that no longer runs. One of a sync
    still writing is left alone."""
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if _left_by_a_killed_save(entry.name) == path.name:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _left_by_a_killed_save(name: str) -> str | None:
    """The name of the file a temporary file named `name` was to become (`.<name>.<pid>.tmp`, as
    `_write` names them), if the process that wrote it no longer runs; else None (and always
    None but on POSIX, where os.kill with a signal of 0 asks whether a process runs)."""
    if os.name != "posix" or not (name.startswith(".") and name.endswith(".tmp")):
        return None
    target, _, pid = name[1:-len(".tmp")].rpartition(".")
    return target if target and pid.isdigit() and not process_alive(int(pid)) else None


def _write_cache(path: Path, header: dict[str, object], state: bytes,
                 parts: Sequence[Iterator[tuple[bytes | memoryview, str]] | list[str]],
                 also: Collection[str] = ()) -> None:
    """Make sure the chunks of each part (`PARTS`) are in the chunks' folder (a part given as
    its digests is there already), then write the cache file that names them (`header`, then
    `state`, which names the files `also`), then remove the chunks no cache names. Once a
    chunk cannot be written, nothing more is: the cache stays as it was."""
    folder, named = chunk_folder(path), set(also)
    if not _room_for_chunks(folder):
        return
    for part, made in zip(PARTS, parts, strict=True):
        digests = made if isinstance(made, list) else _keep_chunks(folder, made)
        if digests is None:
            return
        header[part] = digests
        named.update(digests)
    if _write(path, json.dumps(header).encode() + b"\n", state):
        _collect(folder, named)


def _room_for_chunks(folder: Path) -> bool:
    """Make `folder` a folder of the cache's own, or say it cannot be (False). Whatever else is
    at its name (a file, or a symlink, which the chunks' writes and removals would follow) is
    replaced, as the cache file is."""
    with contextlib.suppress(OSError):
        if stat.S_ISDIR(os.lstat(folder).st_mode):
            return True
        os.unlink(folder)
    with contextlib.suppress(OSError):
        folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.mkdir(mode=0o700)
        return True
    return False


def _keep_chunks(folder: Path, chunks: Iterable[tuple[bytes | memoryview, str]]
                 ) -> list[str] | None:
    """Make sure each chunk is in `folder`, as the file named by its digest, and give their
    digests; None if one could not be written. A chunk the cache held already (its digest
    known: it was read and checked) is written again only if its file has gone since."""
    digests = []
    for data, known in chunks:
        digest = known or _digest(data)
        path = folder / digest
        if not (known and os.path.isfile(path)) and (not data or not _write(path, data, sweep=False)):
            return None  # (no bytes to write: a chunk named by its digest alone, gone since)
        digests.append(digest)
    return digests


def _collect(folder: Path, named: set[str]) -> None:
    """Remove from the chunks' `folder` the chunks no cache names any longer (once they are
    older than `CHUNK_GRACE_NS`: a younger one may be another sync's, for the cache it is about
    to write), those of the cache's formats before too, and the temporary files killed syncs
    left there. Nothing else is touched."""
    now = time.time_ns()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if _is_chunk(name) and name not in named:
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime_ns > CHUNK_GRACE_NS:
                        os.unlink(entry.path)
            elif _is_chunk(_left_by_a_killed_save(name) or ""):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _is_digest(name: str) -> bool:
    """Whether `name` is a digest as the cache writes them (`_digest`: 64 and 32 lowercase
    hexadecimal digits, a dash between them)."""
    return len(name) == 97 and name[64] == "-" and _is_hex(name[:64], name[65:])


def _is_chunk(name: str) -> bool:
    """Whether `name` is the name of a file in the chunks' folder: a digest (`_is_digest`), or a
    SHA-256 alone (64 lowercase hexadecimal digits), as the cache's formats before 18 named
    them."""
    return _is_digest(name) or (len(name) == 64 and _is_hex(name))


def _is_hex(*texts: str) -> bool:
    """Whether `texts` are lowercase hexadecimal digits, each of them."""
    return all(c in "0123456789abcdef" for c in itertools.chain(*texts))


def _digest(*parts: bytes | memoryview) -> str:
    """What the cache names a file of its own by: the SHA-256 of its bytes, which no other bytes
    have, then their XXH3 (128 bits), which a sync checks them by as it reads them (`_read`).
    A sync after one edit at 10,000 dense people reads 42 MB of them: checked by their SHA-256
    on a thread of its own, they took 36 ms of its two cores' time, and the sync 27 ms longer
    (side by side, against not checking them at all); by their XXH3, 5 ms. A file damaged or
    torn since it was written is found by either; only its name had to be one no other bytes
    can be given on purpose, and it is written once, as the file is."""
    sha, check = hashlib.sha256(), xxhash.xxh3_128()
    for part in parts:
        sha.update(part)
        check.update(part)
    return f"{sha.hexdigest()}-{check.hexdigest()}"


def _check_of(digest: str) -> str:
    """The part of a file's digest its bytes are checked by as they are read (`_digest`)."""
    return digest[65:]


def chunk_count(notes: int) -> int:
    """How many chunks the cache keeps `notes` notes in: about NOTES_PER_CHUNK each."""
    count = 1
    while count * NOTES_PER_CHUNK < notes:
        count *= 2
    return count


def chunk_of(path: str, count: int) -> int:
    """The chunk a note is kept in, chosen by its path alone, so that a change to one note leaves
    every other chunk as it was."""
    return zlib.crc32(path.encode("utf-8", "surrogateescape")) % count


_first, _second, _third = operator.itemgetter(0), operator.itemgetter(1), operator.itemgetter(2)
_path, _disk = operator.attrgetter("path"), operator.attrgetter("disk")
_readable = operator.attrgetter("readable")


def _chunks(notes: Mapping[str, V], kind: type[dict[str, V]] = dict,
            like: Sequence[tuple[Mapping[str, object], object] | None] | None = None
            ) -> list[dict[str, V]]:
    """The notes (or what is kept of them, by path) in their chunks, each a `kind`. `like` are
    chunks of notes as chunked before (by `chunk_of`): when there are as many and they hold
    the very paths of `notes` (a sync that added and removed no note), each chunk holds theirs,
    in their order, taken in C (1.1 ms at 10,000 dense people, against 3.6 ms chunking each
    path again)."""
    count = chunk_count(len(notes))
    if like is not None and len(like) == count and None not in like:
        held = [list(piece[0]) for piece in like if piece is not None]
        if sum(map(len, held)) == len(notes) and all(
                all(map(notes.__contains__, paths)) for paths in held):
            return [kind(zip(paths, map(notes.__getitem__, paths), strict=True)) for paths in held]
    chunks = [kind() for _ in range(count)]
    for path in sorted(notes):
        chunks[chunk_of(path, count)][path] = notes[path]
    return chunks


def _pickled(groups: Iterable[Mapping[str, Any]],
             pieces: Sequence[tuple[Mapping[str, Any], bytes | memoryview] | None] | None,
             same: Callable[[Any, Any], bool] | None, count: int,
             digests: Sequence[str] | None = None,
             dump: Callable[[Any], bytes] = dump_chunk) -> Iterator[tuple[bytes | memoryview, str]]:
    """Each of the `count` chunks `groups` gives pickled as it is asked for (by `dump`), with
    its digest if known (else ""): the bytes of its piece (the chunk at its place in `pieces`,
    with its bytes, and its digest at its place in `digests`) when the two hold the same paths,
    each with the `same` value (None: an equal value, the two compared at once, in C)."""
    reused = pieces if pieces is not None and len(pieces) == count else [None] * count
    known = digests if digests is not None and len(digests) == count else [""] * count
    for group, piece, digest in zip(groups, reused, known, strict=True):
        if piece is None or not _same_chunk(group, piece[0], same):
            yield dump(group), ""
        else:
            yield piece[1], digest


def _same_chunk(group: Mapping[str, Any], then: Mapping[str, Any],
                same: Callable[[Any, Any], bool] | None) -> bool:
    """Whether chunk `group` holds what `then` held (see `_pickled`): not if what it held
    cannot be read (a note's lines damaged in the cache: see `Note._opened`)."""
    try:
        return group == then if same is None else _holds(group, then, same)
    except DamagedCache:
        return False


def _holds(group: Mapping[str, Any], then: Mapping[str, Any], same: Callable[[Any, Any], bool]
           ) -> bool:
    """Whether chunk `group` holds what `then` held: the very values, in order (found at once, in
    C: a chunk no edit reached), or each path's `same` value."""
    if len(group) != len(then):
        return False
    if group.keys() == then.keys() and all(map(operator.is_, group.values(), then.values())):
        return True
    return all((now := group.get(path)) is not None and same(now, was)
               for path, was in then.items())


def _same_parts(now: tuple[object, ...], then: tuple[object, ...]) -> bool:
    """Whether a chunk holds a note's very same resolved links: each value of its part the very
    object the cache read (a note resolved again is pickled again, even when its part is equal)."""
    return len(now) == len(then) and all(map(operator.is_, now, then))


def _same_contacts(now: object, then: object) -> bool:
    """Whether a person's contacts are the same as those a chunk held."""
    return now is then or (isinstance(now, Contacts) and now.same_as(then))


def output_signatures(root: Path, output_folder: str) -> dict[str, Signature]:
    """Every file under the output folder (not following symlinks), by vault path."""
    found: dict[str, Signature] = {}
    base = os.path.join(root, *output_folder.split("/"))
    for folder, dirs, names in os.walk(base):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                info = os.lstat(path)
                if stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode):
                    rel = os.path.relpath(path, root).replace(os.sep, "/")
                    found[rel] = signature_of(info)
    return found



@dataclass(frozen=True)
class Unchanged:
    """A sync that found nothing changed since the last one: the cache says what it said then."""

    summary: Summary
    writes: WriteReport
    dry_run: bool

    def as_dict(self) -> dict[str, object]:
        return summary_dict(self.summary, self.writes, self.dry_run)


@dataclass
class Lookup:
    """The cache of a vault, looked at for a sync on `today`."""

    cache: ParseCache
    code: str
    settings: Settings
    stored: Stored | None  # None: nothing usable (none, damaged, foreign, other settings)
    unchanged: Unchanged | None  # the answer, when nothing changed since the last sync
    listing: Listing | None = None  # the walk that found something changed, for the sync
    walked_under: str = ""  # the settings' key (`settings_key`) as the walk began


def look(root: Path, today: date, dry_run: bool = False, cache: ParseCache | None = None,
         answer: bool = True, meanwhile: Callable[[], object] | None = None) -> Lookup:
    """Look at the cache of `root`: what can be reused, and (with `answer`) is there anything to
    do at all?

    Cheap on purpose (no networkx, no parsing): a walk of the vault comparing every note's
    signature, and a look at every file of the output folder. With `meanwhile`, the walk is
    taken on another core while it runs here, if there is one to be had (see `_walked`), and
    that walk is the sync's even when the state cannot answer (a sync the day before, or one
    that read a note as it was being written: an edit saved just before `vaultnet sync`), so
    that the sync after such a one is walked beside the imports too (at 10,000 dense people
    it took some 0.1 s longer than the one before it, walked in the pipe). A sync's walk is
    the one kept beside the cache while its folders vouch for it (`ParseCache.walk`), as it
    is when the state answers; without `answer` (a command that reads the network), the vault
    is walked afresh, as the pipe walks it, and nothing is kept.
    """
    cache = cache if cache is not None else ParseCache(root)
    settings = load_settings(root)
    code = code_key()
    stored = cache.load(code)
    key = settings_key(root, settings)
    if stored is None or stored.state.settings != key:
        return Lookup(cache, code, settings, None, None, walked_under=key)
    state = stored.state
    # (Whether nothing changed since the state would answer the sync: its day's, and clean.)
    answers = answer and state.clean and state.today == today
    if (not answers and meanwhile is None) or \
            unsafe_folder(os.path.realpath(root), settings.output_folder) is not None:
        return Lookup(cache, code, settings, stored, None)  # (a symlinked output: let sync say)
    walk = functools.partial(cache.walk, root, settings, code) if answer else \
        functools.partial(walk_afresh, root, settings)
    nothing_changed, listing = _walked(cache, root, settings, state, walk, meanwhile, answers,
                                       stored.load_ahead)
    if nothing_changed and (summary := stored.summary()) is not None:
        unchanged = Unchanged(summary, WriteReport(unchanged=list(state.generated)), dry_run)
        return Lookup(cache, code, settings, stored, unchanged)
    return Lookup(cache, code, settings, stored, None, listing, key)


def walk_afresh(root: Path, settings: Settings) -> tuple[list[NoteFile], list[Problem]]:
    """The vault's notes, walked under the settings' rules of what is left out (`skipped`), as
    the pipe walks it without a listing: no walk kept beside the cache taken up, none kept."""
    return walk_vault(root, skipped(root, settings), None, settings.output_folder)


def _walked(cache: ParseCache, root: Path, settings: Settings, state: State, walk: Walker,
            meanwhile: Callable[[], object] | None, answers: bool = True,
            then: Callable[[], bool] = lambda: False) -> tuple[bool, Listing | None]:
    """Whether nothing changed since `state` was kept (`_unchanged`; always False unless it
    `answers`); and the vault's notes as `walk` finds them, with each note's signature (None: a
    child found nothing changed).

    With `meanwhile`, a vault of `WALK_ASIDE_MIN` notes or more is walked by a child on another
    core while it runs here, when there is one to be had (`vaultnet sync` imports its pipe
    meanwhile: at 10,000 dense people the walk and its 13,700 `stat` calls take some 30–80 ms,
    the imports 60–80), and then `then` is called, a piece of work at a time, until the child
    has sent its walk or `then` says there is no more to do (False): a sync with nothing to do
    waits a piece's time more at most. The child sends True if nothing changed, else the walk
    as it differs from the state's (`_walk_to_send`); anything else, and the walk is taken
    here."""
    if meanwhile is not None and len(state.files) >= WALK_ASIDE_MIN and can_fork():
        aside = Aside(functools.partial(_walk_to_send, cache, root, settings, state, walk,
                                        answers))
        meanwhile()
        while not aside.ready() and then():
            pass
        sent = aside.result()
        if sent is True:
            return True, None
        listing = _walk_sent(sent, KeptSignatures.of(state.files), cache.vault)
        if listing is not None:
            return False, listing
    files, problems = walk()
    listing = files, problems, signatures(list(map(_disk, files)))
    return answers and _unchanged(root, settings, state, listing), listing


def _unchanged(root: Path, settings: Settings, state: State, listing: Listing) -> bool:
    """Whether the walk `listing` finds the notes `state` keeps, with the signatures it keeps and
    the same problems, and the output folder's files are as it keeps them."""
    files, problems, found = listing
    return problems == state.walk_problems \
        and KeptSignatures.of(state.files).holds(list(map(_path, files)), found) \
        and output_signatures(root, settings.output_folder) == state.outputs \
        and kept_ignored(ignored_notes(root, settings.ignore)) == state.ignored


def kept_ignored(ignored: tuple[IgnoredNote, ...]) -> tuple[tuple[str, str], ...]:
    """The notes in ignored folders as the state keeps them: plain values."""
    return tuple((note.path, note.folder) for note in ignored)


def _walk_to_send(cache: ParseCache, root: Path, settings: Settings, state: State,
                  walk: Walker, answers: bool = True) -> object:
    """What `_walked`'s child sends, in plain values (as `Aside` sends them): True if nothing
    changed (`_unchanged`; asked only if the state `answers`); else the notes' paths (None: the
    state's), where each is on disk (None: at its path), their signatures as the state keeps
    them (`KeptSignatures.columns`: packed, and those that are not four numbers apart), and the
    walk's problems as tuples."""
    files, problems = walk()
    paths, disks = list(map(_path, files)), list(map(_disk, files))
    found = signatures(disks)
    if answers and _unchanged(root, settings, state, (files, problems, found)):
        return True
    return (None if paths == KeptSignatures.of(state.files).paths else paths,
            None if disks == spelled_at(cache.vault, paths) else disks, *_packed(found),
            [(p.path, p.line, p.message, p.hint, p.transient) for p in problems])


def _walk_sent(sent: object, kept: KeptSignatures, vault: str) -> Listing | None:
    """The walk `_walk_to_send` sent (as it differs from the state's `kept` signatures, of the
    vault at `vault`), as `_walked` gives it; None if it sent anything else."""
    if not (type(sent) is tuple and len(sent) == 5):
        return None
    paths, disks, packed, apart, problems = sent
    try:  # (`KeptSignatures` checks the paths and signatures)
        walked = KeptSignatures(kept.paths if paths is None else paths, packed, apart)
    except pickle.UnpicklingError:
        return None
    disks = spelled_at(vault, walked.paths) if disks is None else disks
    if not (type(disks) is list and len(disks) == len(walked.paths) and all_of_type(disks, str)
            and type(problems) is list and all(map(_is_sent_problem, problems))):
        return None
    files = list(map(new_tuple, itertools.repeat(NoteFile), zip(walked.paths, disks, strict=True)))
    return files, [Problem(*problem) for problem in problems], walked.signatures


def _is_sent_problem(sent: object) -> bool:
    """Whether `sent` is a `Problem` as `_walk_to_send` sends one."""
    return type(sent) is tuple and len(sent) == 5 and type(sent[0]) is str \
        and (sent[1] is None or type(sent[1]) is int) and type(sent[2]) is str \
        and type(sent[3]) is str and type(sent[4]) is bool


def walk_with_folders(root: Path, skip: tuple[str, ...], output: str) -> Walk:
    """Walk the vault, taking its folders' signatures: they vouch for the walk next time (no note
    can have been added, removed or renamed in a folder whose signature holds) unless the walk
    found a problem (a folder that could not be read may be readable next time), or a folder
    changed within RACY_NS of the walk (a disk that keeps times to the second may not show a
    change made in the same second)."""
    started = _now_ns()
    folders: Folders = {}
    files, problems = walk_vault(root, skip, folders, output)
    racy = any(started - modified <= RACY_NS or started - changed <= RACY_NS
               for modified, changed, _, _ in folders.values())
    return files, problems, None if problems or racy else folders
