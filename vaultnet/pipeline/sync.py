"""One sync: read the vault, build the index and graph, compute the agenda, write the pages.

`load` runs the reading half of the pipe and `sync` the whole of it; the CLI and the watcher call
these, and nothing else drives the pipe.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import stat
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import networkx as nx

from vaultnet.base.model import Note, Problem
from vaultnet.base.settings import Settings, load_settings, skipped
from vaultnet.insight.agenda import Agenda, AgendaMemo, build_agenda
from vaultnet.insight.communities import Shape
from vaultnet.insight.suggestions import Insight, InsightMemo, build_insight
from vaultnet.network.graph import GraphMemo, build_graph
from vaultnet.network.index import IndexMemo, VaultIndex, build_index
from vaultnet.parse.note import note_name, parse_note
from vaultnet.pipeline.cache import (
    Lookup,
    ParseCache,
    State,
    Unchanged,
    look,
    output_signatures,
    settings_key,
)
from vaultnet.pipeline.summary import Summary, summary_dict
from vaultnet.read.vault import NoteFile, read_text, walk_vault
from vaultnet.render.pages import PagesMemo, render_pages
from vaultnet.write.files import Signature, signature
from vaultnet.write.generated import GENERATED_START, WriteMemo, WriteReport, write_pages


@dataclass(frozen=True)
class Vault:
    """A vault read and understood: its settings, index, graph and agenda for one day."""

    root: Path
    settings: Settings
    index: VaultIndex
    graph: nx.Graph
    agenda: Agenda
    insight: Insight
    refresh: Refresh

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.index.problems


Progress = Callable[[int, int], None]  # told (notes read so far, notes in all) while reading
PROGRESS_STEP = 250


@dataclass(frozen=True)
class Refresh:
    """The notes after a refresh, and what changed since the one before."""

    notes: list[Note]
    problems: list[Problem]
    changed: list[str]
    removed: list[str]
    unsettled: bool  # a note changed while it was being read: read it again soon

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

    def __init__(self) -> None:
        self._notes: dict[str, tuple[Signature | None, Note]] = {}
        self._walked: tuple[dict[str, NoteFile], list[Problem]] | None = None  # the last walk
        self._read_with: tuple[str, int] | None = None
        self.index_memo = IndexMemo()
        self.graph_memo = GraphMemo()
        self.pages_memo = PagesMemo()
        self.agenda_memo = AgendaMemo()
        self.insight_memo = InsightMemo()
        self.write_memo = WriteMemo()

    def prime(self, notes: dict[str, tuple[Signature, Note]], settings: Settings) -> None:
        """Start from notes read before (the parse cache), trusted while their signatures hold."""
        self._notes = dict(notes)
        self._read_with = (settings.people_folder, settings.max_note_bytes)

    def signatures(self) -> dict[str, Signature | None]:
        """Each note's signature as it was read (None: read it again next time)."""
        return {path: sig for path, (sig, _) in self._notes.items()}

    def refresh(self, root: Path, settings: Settings, recheck: Collection[str] = (),
                walk: bool = True, progress: Progress | None = None) -> Refresh:
        """Walk the vault; read and parse new notes, changed notes and those in `recheck`.

        With `walk=False` the caller vouches that only the notes in `recheck` can have changed
        (the watcher, from file system events): they alone are looked at, when each is a note
        the last walk found and is still a plain file there. Anything else (a new note, a
        deletion, a folder, a problem that may clear) takes a walk, as does every rescan.
        """
        if (settings.people_folder, settings.max_note_bytes) != self._read_with:
            # Parsing depends on these settings: what was read under others is not to be trusted.
            self._notes, self._walked = {}, None
            self._read_with = (settings.people_folder, settings.max_note_bytes)
        found = None if walk else self._known_files(recheck)
        walk = found is None
        if found is None:
            files, problems = walk_vault(root, skipped(root, settings))
            self._walked = found = ({file.path: file for file in files}, problems)
        else:
            files = [found[0][path] for path in recheck]
        notes = self._notes if not walk else {}
        changed: list[str] = []
        unsettled = False
        for done, file in enumerate(files):
            if progress is not None and done % PROGRESS_STEP == 0:
                progress(done, len(files))
            before = signature(file.disk)
            known = self._notes.get(file.path)
            if known is not None and before is not None and known[0] == before \
                    and file.path not in recheck:
                notes[file.path] = known
                continue
            note = _read_note(file, settings)
            notes[file.path] = (before, note)
            if signature(file.disk) != before:
                unsettled = True
                notes[file.path] = (None, note)  # never trusted: read next time
            elif not note.readable and any(p.transient for p in note.problems):
                notes[file.path] = (None, note)  # refused for now (locked, I/O): try again
            changed.append(file.path)
        if progress is not None:
            progress(len(files), len(files))
        removed = sorted(set(self._notes) - set(notes)) if walk else []
        self._notes = notes
        return Refresh([note for _, note in notes.values()], found[1], sorted(changed), removed,
                       unsettled)

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


def _read_note(file: NoteFile, settings: Settings) -> Note:
    """Read and parse one note; one that cannot be read is kept as a name only."""
    text, problem = read_text(file, settings.max_note_bytes)
    if text is not None and text.startswith(GENERATED_START):
        # vaultnet's own output reached another way (a symlink, an old output folder): not input.
        return Note(file.path, note_name(file.path), readable=False)
    if text is None:
        return Note(file.path, note_name(file.path), readable=False,
                    problems=(problem,) if problem else ())
    return parse_note(file.path, text, settings.people_folder)


def read_notes(root: Path, settings: Settings) -> tuple[list[Note], list[Problem]]:
    """Walk the vault and parse every note (the benchmark times this step alone)."""
    refreshed = NoteStore().refresh(root, settings)
    return refreshed.notes, refreshed.problems


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building: the pipe makes many objects and no cycles, and
    repeated full collections over a large vault cost more than the parsing itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(root: Path, today: date, store: NoteStore | None = None,
         recheck: Collection[str] = (), walk: bool = True,
         progress: Progress | None = None) -> Vault:
    """Read and understand the vault at `root` for the day `today`.

    With a `store`, notes unchanged since its last refresh are not read again (watch mode); with
    `walk=False` too, only those in `recheck` are looked at (see `NoteStore.refresh`).
    """
    settings = load_settings(root)
    with gc_paused():
        store = store or NoteStore()
        refreshed = store.refresh(root, settings, recheck, walk, progress)
        index = build_index(refreshed.notes, today, refreshed.problems, store.index_memo)
        graph = build_graph(index, store.graph_memo)
        agenda = build_agenda(graph, today, settings, store.agenda_memo)
        insight = build_insight(index, graph, today, settings.quiet_days, store.insight_memo)
    return Vault(root, settings, index, graph, agenda, insight, refreshed)


def summarize(vault: Vault) -> Summary:
    """What a sync tells the user about `vault`."""
    index, agenda = vault.index, vault.agenda
    follow = sum(1 for o in agenda.outreach if o.action == "follow-up")
    return Summary(agenda.today, vault.settings.output_folder, len(index.notes), len(index.people),
                   index.daily_notes, len(agenda.stay_in_touch), follow,
                   len(agenda.outreach) - follow, len(agenda.promises), len(agenda.birthdays),
                   vault.problems)


@dataclass(frozen=True)
class SyncResult:
    vault: Vault
    writes: WriteReport
    dry_run: bool

    @property
    def summary(self) -> Summary:
        return summarize(self.vault)

    def as_dict(self) -> dict[str, object]:
        return summary_dict(self.summary, self.writes, self.dry_run)


def sync(root: Path, today: date, dry_run: bool = False, store: NoteStore | None = None,
         recheck: Collection[str] = (), walk: bool = True,
         progress: Progress | None = None) -> SyncResult:
    """Read the vault and bring its generated notes up to date."""
    store = store or NoteStore()
    vault = load(root, today, store, recheck, walk, progress)
    with gc_paused():
        pages = render_pages(vault.index, vault.graph, vault.agenda, vault.insight,
                             vault.settings, store.pages_memo)
    writes = write_pages(root, vault.settings.output_folder, pages, dry_run=dry_run,
                         delete_stale=not vault.refresh.incomplete, memo=store.write_memo)
    return SyncResult(vault, writes, dry_run)


def _holds(root: Path, digests: dict[str, str]) -> bool:
    """Whether every generated note holds the bytes of its digest."""
    for rel, digest in digests.items():
        try:
            data = (root / rel).read_bytes()
        except OSError:
            return False
        if hashlib.sha256(data).hexdigest() != digest:
            return False
    return True


def _primed(looked: Lookup) -> NoteStore:
    """A note store that starts from the notes the cache holds, if it holds any."""
    store = NoteStore()
    if looked.stored is not None:
        with gc_paused():
            store.prime(looked.stored.notes(), looked.settings)
        store.insight_memo.shape = Shape.from_tuple(looked.stored.state.shape)
    return store


def load_cached(root: Path, today: date) -> Vault:
    """`load`, starting from the notes the last sync read (the cache is read, never written)."""
    return load(root, today, _primed(look(root, today, answer=False)))


def cached_sync(root: Path, today: date, dry_run: bool = False, progress: Progress | None = None,
                cache: ParseCache | None = None, looked: Lookup | None = None
                ) -> SyncResult | Unchanged:
    """`sync`, starting from what the last sync of this vault read (see vaultnet/cache.py).

    When no note, no file of the output folder, no setting and not the day changed since a sync
    that wrote everything it meant to, nothing is read, built or written. `looked` is the cache
    already looked at (`vaultnet.cache.look`), so that it is not read twice.
    """
    looked = looked if looked is not None else look(root, today, dry_run, cache)
    if looked.unchanged is not None:
        return looked.unchanged
    store = _primed(looked)
    result = sync(root, today, dry_run, store, progress=progress)
    refresh, writes = result.vault.refresh, result.writes
    clean = writes.ok and not writes.notices and not refresh.incomplete and not refresh.unsettled \
        and not (dry_run and (writes.created or writes.written or writes.deleted))
    settings = result.vault.settings
    outputs = output_signatures(root, settings.output_folder)
    # The output as it is now must be what was just written: someone may have changed it already.
    clean = clean and _holds(root, writes.digests) and \
        output_signatures(root, settings.output_folder) == outputs
    state = State(settings_key(root, settings), today, clean, store.signatures(),
                  list(refresh.problems), outputs,
                  sorted(writes.created + writes.written + writes.unchanged), result.summary,
                  shape.as_tuple() if (shape := store.insight_memo.shape) is not None else None)
    with gc_paused():
        looked.cache.save(looked.code, state, store._notes, before=looked.stored)
    return result
