"""A cold sync of a big vault parses its notes on several cores (worker processes from the first
chunk, this process from the last): the same notes, in the same order, and the same bytes written,
as parsing them one by one here; and when a worker dies or no process can be started, the rest is
parsed here, never a hang."""

from __future__ import annotations

import concurrent.futures
import errno
import os
import pickle
import shutil
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import ROOT, TODAY, snapshot
from test_cache import note_chunks

import vaultnet.pipeline.aside as aside_module
import vaultnet.pipeline.cache as cache_module
import vaultnet.pipeline.note_store as note_store
from vaultnet.base.settings import load_settings
from vaultnet.pipeline.cache import ParseCache, code_key
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import cached_sync


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    shutil.copytree(ROOT / "sample_vault", root, ignore=shutil.ignore_patterns("Network"))
    return root


class Pools(ProcessPoolExecutor):
    """ProcessPoolExecutor, counting the pools made."""

    made: ClassVar[list[int]] = []

    def __init__(self, workers: int, **options) -> None:
        Pools.made.append(workers)
        super().__init__(workers, **options)


@pytest.fixture
def several_cores(monkeypatch: pytest.MonkeyPatch) -> type[Pools]:
    """Parse on two cores from the first note (the sample is far below the real threshold): one
    worker process beside this one."""
    if threading.active_count() > 1:
        pytest.skip("another thread runs in this process: vaultnet parses here, never forking")
    monkeypatch.setattr(note_store, "PARALLEL_MIN", 1)
    monkeypatch.setattr(aside_module, "usable_cores", lambda: 2)
    # The sample's notes in several chunks, so that the worker and this process each parse some.
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 2)
    Pools.made = []
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pools)  # (imported when used)
    return Pools


def parsed_here(vault: Path, monkeypatch: pytest.MonkeyPatch) -> note_store.Refresh:
    """The notes as one process parses them."""
    with monkeypatch.context() as serial:
        serial.setattr(note_store, "PARALLEL_MIN", 10**9)
        return NoteStore().refresh(vault, load_settings(vault))


def same(there: note_store.Refresh, here: note_store.Refresh) -> None:
    assert there.notes == here.notes and there.changed == here.changed
    assert (there.problems, there.removed, there.unsettled) == (here.problems, here.removed, False)


def test_the_notes_parsed_on_several_cores_are_those_parsed_here(vault, several_cores,
                                                                monkeypatch):
    here = parsed_here(vault, monkeypatch)
    same(NoteStore().refresh(vault, load_settings(vault)), here)
    assert several_cores.made == [1]


def test_a_sync_parsed_on_several_cores_writes_the_same_bytes(vault, tmp_path, monkeypatch, run,
                                                              several_cores):
    other = tmp_path / "other"
    shutil.copytree(vault, other)
    monkeypatch.setattr(note_store, "PARALLEL_MIN", 10**9)
    assert run("sync", "--vault", vault, "--today", TODAY, "--no-cache").exit_code == 0
    assert several_cores.made == []
    monkeypatch.setattr(note_store, "PARALLEL_MIN", 1)
    assert run("sync", "--vault", other, "--today", TODAY, "--no-cache").exit_code == 0
    assert several_cores.made == [1]
    assert snapshot(other / "Network") == snapshot(vault / "Network")


PARENT, READ_ONE = os.getpid(), note_store._read_one


def noting_here(read_here: list[str]):
    """vaultnet's `_read_one`, noting in `read_here` what this process (not a worker) read."""
    def read(job):
        if os.getpid() == PARENT:
            read_here.append(job[0].path)
        return READ_ONE(job)

    return read


def dies_in_a_worker(job):
    """vaultnet's `_read_one`, but a worker process dies at its first note."""
    if os.getpid() != PARENT:
        os._exit(9)
    return READ_ONE(job)


def test_a_worker_that_dies_leaves_the_rest_to_be_parsed_here(vault, several_cores, monkeypatch):
    """A killed worker (the out-of-memory killer, say) once left the sync waiting for ever."""
    here = parsed_here(vault, monkeypatch)
    monkeypatch.setattr(note_store, "_read_one", dies_in_a_worker)
    same(NoteStore().refresh(vault, load_settings(vault)), here)
    assert several_cores.made == [1]


def test_no_processes_to_be_had_means_parsing_here(vault, several_cores, monkeypatch):
    """No /dev/shm (some containers), or fork refused: the sync goes on, here."""
    here = parsed_here(vault, monkeypatch)

    def refused(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refused)
    same(NoteStore().refresh(vault, load_settings(vault)), here)


def test_a_process_that_runs_threads_never_forks(vault, several_cores):
    settings = load_settings(vault)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        NoteStore().refresh(vault, settings)
    finally:
        stop.set()
        other.join()
    assert several_cores.made == []


def test_the_cache_keeps_the_chunks_the_workers_pickled(vault, several_cores, monkeypatch):
    """The worker pickles the notes it parsed to send them back, in the parse cache's chunks, and
    pickles the chunks this process parsed (from the last chunk) too, once it is done with its
    own: a cold sync saves those bytes, and pickles no chunk of notes itself."""
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)
    here = parsed_here(vault, monkeypatch)
    read_here: list[str] = []
    monkeypatch.setattr(note_store, "_read_one", noting_here(read_here))
    pickled: list[object] = []
    real = pickle.dumps
    monkeypatch.setattr(pickle, "dumps", lambda value, *a, **k: pickled.append(value)
                        or real(value, *a, **k))
    cached_sync(vault, TODAY)
    assert several_cores.made == [1]
    assert note_chunks(pickled) == [] and 0 < len(read_here) < len(here.notes)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None
    notes = stored.notes()
    assert len(stored.pieces) > 2
    assert {path: note for path, (_, note) in notes.items()} == {n.path: n for n in here.notes}


def test_a_chunk_pickled_by_a_worker_from_other_files_is_not_kept(vault, monkeypatch):
    """A chunk parsed here and pickled by a worker from its own reading of the same files is kept
    only when every note's signature is the one read here: a note that changed in between (or
    that the worker could not read still) leaves the chunk to be pickled here."""
    here = parsed_here(vault, monkeypatch)
    notes = {note.path: ((1, 1, len(note.path), 7), note) for note in here.notes[:3]}

    def pickled(signatures: dict[str, tuple[int, int, int, int]]) -> Future:
        future: Future = Future()
        future.set_result((pickle.dumps(notes), signatures))
        return future

    same_files = {path: sig for path, (sig, _) in notes.items()}
    one_changed = {**same_files, here.notes[0].path: (2, 2, 2, 7)}
    one_missing = dict(list(same_files.items())[1:])
    pieces = note_store.Pieces([None] * 3, {0: (notes, pickled(same_files)),
                                            1: (notes, pickled(one_changed)),
                                            2: (notes, pickled(one_missing))})
    found = pieces.result()
    assert found[0] is not None and found[0][0] is notes
    assert found[1:] == [None, None]


def test_a_large_cold_parse_does_not_hold_every_chunk_for_the_cache(vault, several_cores,
                                                                    monkeypatch):
    """On a very large vault the pickled chunks would weigh hundreds of megabytes through the
    whole sync: past a budget they are dropped, and the cache pickles its chunks again."""
    monkeypatch.setattr(note_store, "MAX_PIECES_BYTES", 1)
    here = parsed_here(vault, monkeypatch)
    store = NoteStore(cache=ParseCache(vault))
    same(store.refresh(vault, load_settings(vault)), here)
    assert several_cores.made == [1] and store.pieces == []
    monkeypatch.setattr(note_store, "MAX_PIECES_BYTES", 64 << 20)
    store = NoteStore(cache=ParseCache(vault))
    store.refresh(vault, load_settings(vault))
    assert len(store.pieces) > 2
    store = NoteStore()  # no cache to save them into: none held
    store.refresh(vault, load_settings(vault))
    assert store.pieces == []
