"""The notes of a vault as last read: re-read and re-parsed only when their file changed."""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vaultnet.base.conventions import Conventions
from vaultnet.base.model import Note, Problem
from vaultnet.base.settings import Settings
from vaultnet.insight.agenda import AgendaMemo
from vaultnet.insight.suggestions import InsightMemo
from vaultnet.network.graph import GraphMemo
from vaultnet.network.index import IndexMemo, is_person_note
from vaultnet.parse.note import note_name, parse_note
from vaultnet.pipeline import aside
from vaultnet.pipeline.cache import (
    Listing,
    NoteChunk,
    ParseCache,
    Piece,
    cache_clock,
    chunk_count,
    chunk_of,
    dump_chunk,
    load_chunk,
    walk_afresh,
)
from vaultnet.pipeline.derived import Derived
from vaultnet.read.obsidian import read_conventions
from vaultnet.read.vault import IN_ICLOUD, NoteFile, read_text
from vaultnet.render.pages import PagesMemo
from vaultnet.write.files import Signature, signature
from vaultnet.write.generated import GENERATED_START, WriteMemo, Written

Progress = Callable[[int, int], None]  # told (notes read so far, notes in all) while reading
PROGRESS_STEP = 250
# Notes to read before parsing on several cores pays, and the share of the chunks this process
# parses itself beside one worker (a third as much beside three). Measured on two shared cores:
# reading and parsing alone, 13,700 notes of the dense vault in 2.2–2.8 s against 3.4–4.4 s on one
# core, and 2,700 notes in 0.57–0.66 s against 0.60–0.82 s (four or five alternated runs; a share
# of 0.45 or 0.65 here was slower than 0.55); within whole cold syncs of the dense vault, the
# parse 2.3–2.6 s against 2.7–3.3 s when two workers parsed everything and this process waited to
# read their notes back (four alternated runs each).
PARALLEL_MIN, MAX_PROCESSES, HERE_SHARE = 2000, 4, 0.55
MAX_PIECES_BYTES = 64 << 20  # the pickled chunks a cold parse keeps for the cache (see _read_all)


@dataclass(frozen=True)
class Refresh:
    """The notes after a refresh, and what changed since the one before."""

    notes: list[Note]  # (not those that carry vaultnet's marker: see `generated`)
    problems: list[Problem]
    changed: list[str]
    removed: list[str]
    unsettled: bool  # a note changed while it was being read: read it again soon
    # The files the walk found that carry vaultnet's marker (see `_read_note`), by path: its
    # output outside the output folder (an output folder before this one, a copy of one). No
    # input, so no note of the index: deleting them changes nothing a sync reads.
    generated: list[str] = field(default_factory=list)

    @property
    def incomplete(self) -> bool:
        """Whether a note or folder could not be read for now: what it holds may still exist."""
        return any(p.transient for p in self.problems) or any(
            p.transient for note in self.notes if not note.readable for p in note.problems)


class NoteStore:
    """What one build leaves for the next (watch mode keeps one; `vaultnet sync` starts afresh).

    Parsed notes, read again only when their file changed; and the memos of the later steps, so
    that a note's links are resolved again only when it (or the vault's names) changed, a person
    is rebuilt only when their contacts changed, and the graph and the text that depends on it
    only when its structure changed. tests/test_incremental.py holds every step to the result
    of a fresh build.
    """

    def __init__(self, rounds: bool = True, cache: ParseCache | None = None) -> None:
        # Whether another round will follow (watch mode): a one-shot sync's store lets go of the
        # later steps' memos once the pages are rendered (see `forget_rounds`).
        self.rounds = rounds
        # The parse cache the notes go into after this refresh (`cached_sync`), if any: then a
        # cold parse on several cores has a child pickle the chunks parsed here too
        # (`_keep_notes`), and the graph's structure is kept beside it as soon as it is built
        # (`Vault.graph`).
        self.cache = cache
        self._notes: dict[str, tuple[Signature | None, Note]] = {}
        self._walked: tuple[dict[str, NoteFile], list[Problem]] | None = None  # the last walk
        self._read_with: tuple[Conventions, int] | None = None
        self.index_memo = IndexMemo()
        self.graph_memo = GraphMemo(rounds)
        self.pages_memo = PagesMemo()
        self.agenda_memo = AgendaMemo()
        self.insight_memo = InsightMemo()
        self.write_memo = WriteMemo()
        # What the sync that kept the parse cache wrote where, when the cache was kept under other
        # settings (an output folder changed since) and so starts nothing: read if asked for.
        self.written_before: Callable[[], Mapping[str, Written]] = dict
        # The notes of the last refresh in the parse cache's chunks with their pickled bytes, those
        # a worker pickled (see `_OnCores`; None for the others): the cache saves them as they are.
        self.pieces: list[Piece | None] = []
        # When the last refresh began to read notes, by the racy rule's clock (`cache_clock`): a
        # note changed less than RACY_NS before it may have changed again, unseen, on a disk that
        # keeps times to the second, after it was read (`_trusted`), however long the sync.
        self.read_since = cache_clock()
        # The digest of the structure of the graph kept beside the cache (`keep_graph`): the one
        # kept before, while the graph is built from it (`GraphMemo.from_kept`), else this graph's;
        # and the relations changed in it since (`GraphMemo.retie`).
        self.kept_graph = ""
        self.kept_retied: frozenset[tuple[str, str, str]] = frozenset()
        # What the cache keeps that was worked out from the graph's structure alone, under the
        # structure it was worked out for (`kept_graph`, `kept_retied`).
        self.derived = Derived()
        # What gives the chunks of the notes the parse cache keeps already, with the moment whose
        # racy rule they were kept under (see `_keep_notes`), and those of their resolved links
        # (`vaultnet.pipeline.sync`), for `ParseCache.save`: None, those it is to pickle itself.
        self.kept_notes: Callable[[], tuple[int, list[str]] | None] = lambda: None
        self.kept_resolved: Callable[[], list[str] | None] = lambda: None
        # And those of the people, given the ties the sync ends with (see `vaultnet.pipeline.sync`).
        self.kept_people: Callable[[Mapping[str, object]], list[str] | None] = lambda ties: None

    @property
    def as_read(self) -> dict[str, tuple[Signature | None, Note]]:
        """Each note as read, by path, with its file's signature then (None: read it again)."""
        return self._notes

    def forget_rounds(self) -> None:
        """Let go of what only a next round would reuse (the graph's, agenda's, insight's and
        pages' memos: a few hundred megabytes at 100,000 people), so that a one-shot sync writes
        its notes and its cache in that room. What the parse cache keeps stays: the notes, their
        resolved links, the communities and bridges worked out, the introductions' candidates,
        the bases of the ties kept, and (for a sync that saves it) the agenda's rows."""
        memo = self.insight_memo
        self.graph_memo, self.pages_memo = GraphMemo(rounds=False), PagesMemo()
        self.insight_memo = InsightMemo()
        if self.cache is None:
            self.agenda_memo = AgendaMemo()
        self.insight_memo.shape, self.insight_memo.candidates = memo.shape, memo.candidates
        self.insight_memo.ties.keep_bases(memo.ties)

    def prime(self, root: Path, notes: dict[str, tuple[Signature | None, Note]],
              settings: Settings) -> None:
        """Start from notes read before (the parse cache), trusted while their signatures hold."""
        self._notes = dict(notes)
        self._read_with = (read_conventions(root, settings), settings.max_note_bytes)

    @property
    def conventions(self) -> Conventions:
        """The conventions the notes were last read by (`refresh` reads them first)."""
        assert self._read_with is not None, "read before a refresh or a prime"
        return self._read_with[0]

    def written(self) -> Mapping[str, Written]:
        """What vaultnet last wrote where, by path (see `vaultnet.write.generated.left_behind`)."""
        before = self.written_before()
        return {**before, **self.write_memo.seen} if before else self.write_memo.seen

    def signatures(self) -> dict[str, Signature | None]:
        """Each note's signature as it was read (None: read it again next time)."""
        return {path: sig for path, (sig, _) in self._notes.items()}

    def refresh(self, root: Path, settings: Settings, recheck: Collection[str] = (),
                walk: bool = True, progress: Progress | None = None,
                listing: Listing | None = None) -> Refresh:
        """Walk the vault; read and parse new notes, changed notes and those in `recheck`.

        With `walk=False` the caller vouches that only the notes in `recheck` can have changed
        (the watcher, from file system events): they alone are looked at, when each is a note
        the last walk found and is still a plain file there. Anything else (a new note, a
        deletion, a folder, a problem that may clear) takes a walk, as does every rescan. A
        `listing` is such a walk, just taken.
        """
        conventions = read_conventions(root, settings)
        if (conventions, settings.max_note_bytes) != self._read_with:
            # Parsing depends on these settings: what was read under others is not to be trusted.
            self._notes, self._walked = {}, None
            self._read_with = (conventions, settings.max_note_bytes)
        found = None if walk else self._known_files(recheck)
        walk = found is None
        looked: Sequence[object] = ()  # (each note's signature, if the walk took them)
        if found is None:
            files, problems, looked = listing if listing is not None else \
                (*walk_afresh(root, settings), ())
            self._walked = found = ({file.path: file for file in files}, problems)
        else:
            files = [found[0][path] for path in recheck]
        notes = self._notes if not walk else {}
        to_read = self._to_read(files, looked, recheck, notes)
        start = len(files) - len(to_read)
        if progress is not None:
            progress(start, len(files))

        def parsed(done: int) -> None:
            if progress is not None:
                progress(start + done, len(files))

        self.read_since = cache_clock()
        reads, self.pieces = _read_all(to_read, settings.max_note_bytes, conventions, parsed,
                                        self.cache is not None)
        unsettled = _take_reads(to_read, reads, notes, parsed)
        changed = [file.path for file in to_read]
        if progress is not None:
            progress(len(files), len(files))
        if walk and self._notes:
            _keep_evicted(notes, self._notes, found[1])
        # (Most walks remove no note: every note read before is still there, found at once.)
        removed = sorted(self._notes.keys() - notes.keys()) \
            if walk and not self._notes.keys() <= notes.keys() else []
        self._notes = notes
        self.kept_notes = self._keep_notes()
        # (A note that could not be read has a problem that says why; vaultnet's own output has
        # none. Those are few, so they are gathered only when there are any.)
        kept = [note for _, note in notes.values() if note.readable or note.problems]
        generated = [path for path, (_, note) in notes.items()
                     if not (note.readable or note.problems)] if len(kept) < len(notes) else []
        return Refresh(kept, found[1], sorted(changed), removed, unsettled, generated)

    def _to_read(self, files: list[NoteFile], looked: Sequence[object], recheck: Collection[str],
                 notes: dict[str, tuple[Signature | None, Note]]) -> list[NoteFile]:
        """The notes of `files` to read: new, changed (by the signature the walk `looked` at, in
        its order, or looked at now) or to `recheck`. Those read before and unchanged go into
        `notes` as they were."""
        to_read = []
        read_before = self._notes.get
        for file, now in zip(files, looked or [_UNSEEN] * len(files), strict=True):
            path = file.path
            known = read_before(path)
            if known is not None and known[0] is not None and path not in recheck \
                    and (now if now is not _UNSEEN else signature(file.disk)) == known[0]:
                notes[path] = known
            else:
                to_read.append(file)
        return to_read

    def _keep_notes(self) -> Callable[[], tuple[int, list[str]] | None]:
        """After a cold parse on several cores, the chunks this process parsed are pickled and
        written for the parse cache (`ParseCache.keep_notes`) on another core while it resolves
        their links (0.3 s there at 10,000 dense people); what gives the moment whose racy rule
        they were kept under and their digests (None: `save` pickles them, as after any other
        parse, or if that child fails)."""
        cache, pieces, notes = self.cache, self.pieces, self._notes
        if cache is None or not pieces or not aside.can_fork():
            return lambda: None
        now_ns = self.read_since
        child = aside.Aside(lambda: cache.keep_notes(notes, now_ns, pieces))

        def kept() -> tuple[int, list[str]] | None:
            sent = child.result()
            return (now_ns, sent) if isinstance(sent, list) else None

        return kept

    def _known_files(self, paths: Collection[str]) -> tuple[dict[str, NoteFile], list[Problem]] \
            | None:
        """The last walk, if it still holds for `paths`: each a note it found, still a file."""
        if self._walked is None or not paths or any(p.transient for p in self._walked[1]):
            return None
        files = self._walked[0]
        for path in paths:
            file = files.get(path)
            try:
                if file is None or not stat.S_ISREG(os.lstat(file.disk).st_mode):
                    return None
            except OSError:
                return None  # gone, or cannot be looked at: the walk says what it means
        return self._walked


_UNSEEN = object()  # (a note the walk took no signature of)


def _take_reads(files: list[NoteFile], reads: Iterable[Read],
                notes: dict[str, tuple[Signature | None, Note]],
                parsed: Callable[[int], None]) -> bool:
    """Put each note read into `notes` with its signature (none, when it changed while it was
    read, or the disk refused it for now: it is read again next time); whether any changed while
    it was read. (`parsed` is told how many are in, now and then.)"""
    unsettled = False
    for done, (file, (before, note, after)) in enumerate(zip(files, reads, strict=True)):
        if done % PROGRESS_STEP == 0:
            parsed(done)
        notes[file.path] = (before, note)
        if after != before:
            unsettled = True
            notes[file.path] = (None, note)  # never trusted: read next time
        elif not note.readable and any(p.transient for p in note.problems):
            notes[file.path] = (None, note)  # refused for now (locked, I/O): try again
    return unsettled
Read = tuple[Signature | None, Note, Signature | None]  # the file's signature before, after
Job = tuple[NoteFile, int, Conventions]


def _read_all(files: list[NoteFile], max_bytes: int, conventions: Conventions,
              parsed: Callable[[int], None], saves: bool = False
              ) -> tuple[Iterator[Read], list[Piece | None]]:
    """Read and parse `files`, in their order: on every core when there are enough of them to pay
    for starting processes and sending the notes back (a cold sync of a big vault; see
    `_OnCores`), else here. `parsed` is told how many notes are done; `saves`: the notes go into
    the parse cache afterwards (the chunks the workers pickled are kept for it: see `_OnCores`)."""
    jobs = [(file, max_bytes, conventions) for file in files]
    if len(files) < PARALLEL_MIN or not aside.can_fork():
        # Forking a process that runs threads (watch's observer) can copy a held lock.
        return map(_read_one, jobs), []
    found, pieces = _OnCores(jobs, min(aside.usable_cores(), MAX_PROCESSES), parsed).read(saves)
    return (found[file.path] if file.path in found else _read_one(job)
            for file, job in zip(files, jobs, strict=True)), pieces


class _OnCores:
    """A parse on several cores, in the parse cache's chunks: forked workers (`_Worker`) parse the
    first ones, and this process the last `HERE_SHARE` of them (for one worker), taking in what the
    workers sent between its own chunks. A worker's chunk comes back pickled as the cache keeps
    it: when the notes go into the cache, those bytes are kept (the pieces), and the chunks parsed
    here are pickled for it on another core once the graph is built (`vaultnet.pipeline.sync`).
    The workers are gone once the notes are read, and run no thread here to keep this process
    from forking later."""

    def __init__(self, jobs: list[Job], cores: int, parsed: Callable[[int], None]) -> None:
        self.workers, self.parsed = cores - 1, parsed
        self.count = count = chunk_count(len(jobs))
        self.groups: list[list[Job]] = [[] for _ in range(count)]
        for job in jobs:
            self.groups[chunk_of(job[0].path, count)].append(job)
        self.found: dict[str, Read] = {}
        self.pieces: list[Piece | None] = [None] * count
        self.kept = 0  # bytes of pieces kept
        self.saves = False  # whether the notes go into the cache: their pieces are kept then

    def read(self, saves: bool) -> tuple[dict[str, Read], list[Piece | None]]:
        """The notes read, by path (a note missing was left to be read here: a worker failed, or
        could not be started), and the pieces (none if no worker's chunk is kept)."""
        count, self.saves = self.count, saves
        # The last chunks are parsed here while the workers parse the others, from the first: this
        # process would otherwise wait, and it takes in what the workers send in the time it saves.
        here = min(max(1, round(count * HERE_SHARE / self.workers)), count - 1)
        theirs = count - here
        with contextlib.ExitStack() as files:
            workers = [_Worker([(chunk, self.groups[chunk])
                                for chunk in range(first, theirs, self.workers)], files)
                       for first in range(min(self.workers, theirs))]
            for chunk in reversed(range(theirs, count)):
                self.found.update((job[0].path, _read_one(job)) for job in self.groups[chunk])
                self.parsed(len(self.found))
                for worker in workers:
                    for taken in worker.taken(wait=False):
                        self._take(*taken)
            for worker in workers:
                for taken in worker.taken(wait=True):
                    self._take(*taken)
        return self.found, self.pieces if any(p is not None for p in self.pieces) else []

    def _take(self, chunk: int, data: bytes, unsettled: dict[str, Read]) -> None:
        """A worker's chunk taken in, its notes' lines unpickled at once (they are all read by
        the index: each note's pickle is let go of while the next chunk's are being made, not
        left for the index to free one by one among the objects it makes, which at 100,000
        people took the peak 40 MB higher)."""
        settled = load_chunk(data)
        for _, note in settled.values():
            note.unpack()
        self.found.update((path, (sig, note, sig)) for path, (sig, note) in settled.items())
        self.found.update(unsettled)
        if not self.saves:
            return
        self.kept += len(data)
        # Kept through the sync only while they weigh little beside the notes: on a very large
        # vault the cache pickles its chunks again rather than hold them all.
        if self.kept <= MAX_PIECES_BYTES:
            self.pieces[chunk] = (settled, data)
        else:
            self.pieces[:] = [None] * self.count
        self.parsed(len(self.found))


class _Worker:
    """A forked child (`aside.Aside`) that parses some chunks, one after the other, and writes each
    into a file of its own (unlinked: gone with its last descriptor), sending through its pipe only
    where: a pipe holds 64 KB, a chunk a megabyte or two, and this process takes a chunk in only
    between its own. The child never waits on this process, so a sync killed meanwhile leaves no
    worker behind (it ends its chunks, or its pipe is broken, and leaves). A worker that fails or
    cannot be started leaves its chunks' notes to be read here."""

    def __init__(self, chunks: list[tuple[int, list[Job]]], files: contextlib.ExitStack) -> None:
        import tempfile

        self.chunks = deque(chunk for chunk, _ in chunks)
        self.child: aside.Aside | None = None
        try:
            # (closed with the stack `files`, once every worker is done)
            self.fd = files.enter_context(tempfile.TemporaryFile()).fileno()  # noqa: SIM115
        except OSError:  # no room for a file: the chunks are read here
            self.chunks.clear()
            return
        self.child = aside.Aside(lambda: _parse_into(self.fd, chunks), answers=len(chunks))

    def taken(self, wait: bool) -> Iterator[tuple[int, bytes, dict[str, Read]]]:
        """Each chunk the child has parsed since (or, with `wait`, every one left): the chunk,
        its pickled notes that held still while read, and the others."""
        child = self.child
        while self.chunks and child is not None and (wait or child.ready()):
            sent, chunk = child.result(), self.chunks.popleft()
            try:
                offset, size, rest = sent
                data, others = os.pread(self.fd, size, offset), os.pread(self.fd, rest, offset + size)
                if (len(data), len(others)) != (size, rest):
                    raise ValueError(chunk)
                unsettled = pickle.loads(others)
            except (TypeError, ValueError, OSError, pickle.UnpicklingError):
                child.stop()  # it failed (or its file did): the rest is read here
                self.chunks.clear()
                break
            yield chunk, data, unsettled


def _parse_into(fd: int, chunks: list[tuple[int, list[Job]]]) -> Iterator[tuple[int, int, int]]:
    """A worker's chunks parsed and written into the file `fd`, one after the other: where each
    went (its offset, the size of its pickled notes that held still, then of the others)."""
    offset = 0
    for _, jobs in chunks:
        settled, unsettled = _settled(jobs)
        data = dump_chunk(settled)
        rest = pickle.dumps(unsettled, protocol=5)
        aside.write_all(fd, data)  # (at `offset`: the child alone writes to `fd`)
        aside.write_all(fd, rest)
        yield offset, len(data), len(rest)
        offset += len(data) + len(rest)


def _settled(jobs: list[Job]) -> tuple[NoteChunk, dict[str, Read]]:
    """Read and parse notes: those that held still while they were read, and the others."""
    settled = NoteChunk()
    unsettled: dict[str, Read] = {}
    for job in jobs:
        before, note, after = _read_one(job)
        if before is not None and after == before:
            settled[job[0].path] = (before, note)
        else:
            unsettled[job[0].path] = (before, note, after)
    return settled, unsettled


def _read_one(job: tuple[NoteFile, int, Conventions]) -> Read:
    file, max_bytes, conventions = job
    before = signature(file.disk)
    note = _read_note(file, max_bytes, conventions)
    return before, note, signature(file.disk)


def _read_note(file: NoteFile, max_bytes: int, conventions: Conventions) -> Note:
    """Read and parse one note; one that cannot be read is kept as a name only."""
    text, problem = read_text(file, max_bytes)
    if text is not None and text.startswith(GENERATED_START):
        # vaultnet's own output reached another way (a symlink, an old output folder): not input.
        return Note(file.path, note_name(file.path), readable=False)
    if text is None:
        return Note(file.path, note_name(file.path), readable=False,
                    problems=(problem,) if problem else ())
    return parse_note(file.path, text, conventions)


def holds_a_person(files: Iterable[NoteFile], settings: Settings, conventions: Conventions
                   ) -> bool:
    """Whether any of `files` is a person's note, read (one at a time, none kept) as a sync reads
    them, until one is."""
    return any(is_person_note(_read_note(file, settings.max_note_bytes, conventions))
               for file in files)


def read_notes(root: Path, settings: Settings) -> tuple[list[Note], list[Problem]]:
    """Walk the vault and parse every note (the benchmark times this step alone)."""
    refreshed = NoteStore().refresh(root, settings)
    return refreshed.notes, refreshed.problems


def _keep_evicted(notes: dict[str, tuple[Signature | None, Note]],
                  before: Mapping[str, tuple[Signature | None, Note]],
                  problems: Iterable[Problem]) -> None:
    """Keep each note iCloud evicted since it was read (its `.Name.md.icloud` found by the walk,
    `IN_ICLOUD`) as it was read: it exists, only not on this device now, and is no deletion; its
    problem still says so, and it is read again once it is back."""
    for problem in problems:
        if problem.message == IN_ICLOUD and problem.path not in notes \
                and (known := before.get(problem.path)) is not None:
            notes[problem.path] = (None, known[1])
