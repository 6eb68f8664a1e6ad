"""A cold sync of a big vault parses its notes on several cores (worker processes from the first
chunk, this process from the last): the same notes, in the same order, and the same bytes written,
as parsing them one by one here; and when a worker dies or no process can be started, the rest is
parsed here, never a hang; a sync killed while they parse leaves none of them behind."""

from __future__ import annotations

import contextlib
import errno
import os
import pickle
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import ROOT, TODAY, snapshot
from test_cache import note_chunks

import vaultnet.pipeline.aside as aside_module
import vaultnet.pipeline.cache as cache_module
import vaultnet.pipeline.note_store as note_store
import vaultnet.pipeline.sync as sync_module
from vaultnet.base.settings import load_settings
from vaultnet.pipeline.cache import ParseCache, code_key
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import cached_sync


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    shutil.copytree(ROOT / "sample_vault", root, ignore=shutil.ignore_patterns("Network"))
    return root


class Workers(note_store._Worker):
    """vaultnet's parse workers, counting those started (by the chunks each was given)."""

    made: ClassVar[list[list[int]]] = []

    def __init__(self, chunks, files) -> None:
        Workers.made.append([chunk for chunk, _ in chunks])
        super().__init__(chunks, files)


@pytest.fixture
def several_cores(monkeypatch: pytest.MonkeyPatch) -> type[Workers]:
    """Parse on two cores from the first note (the sample is far below the real threshold): one
    worker process beside this one."""
    if threading.active_count() > 1:
        pytest.skip("another thread runs in this process: vaultnet parses here, never forking")
    monkeypatch.setattr(note_store, "PARALLEL_MIN", 1)
    monkeypatch.setattr(aside_module, "usable_cores", lambda: 2)
    # The sample's notes in several chunks, so that the worker and this process each parse some.
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 2)
    Workers.made = []
    monkeypatch.setattr(note_store, "_Worker", Workers)
    return Workers


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
    assert len(several_cores.made) == 1


def test_a_sync_parsed_on_several_cores_writes_the_same_bytes(vault, tmp_path, monkeypatch, run,
                                                              several_cores):
    other = tmp_path / "other"
    shutil.copytree(vault, other)
    monkeypatch.setattr(note_store, "PARALLEL_MIN", 10**9)
    assert run("sync", "--vault", vault, "--today", TODAY, "--no-cache").exit_code == 0
    assert several_cores.made == []
    monkeypatch.setattr(note_store, "PARALLEL_MIN", 1)
    assert run("sync", "--vault", other, "--today", TODAY, "--no-cache").exit_code == 0
    assert len(several_cores.made) == 1
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
    assert len(several_cores.made) == 1


@pytest.mark.parametrize(("module", "name", "error"), [
    (os, "fork", errno.EAGAIN),  # too many processes
    (tempfile, "TemporaryFile", errno.ENOSPC),  # no room for a worker's file
], ids=["no process", "no room for a file"])
def test_no_worker_to_be_had_means_parsing_here(vault, several_cores, monkeypatch, module, name,
                                                error):
    """A worker that cannot be started: the sync goes on, here."""
    here = parsed_here(vault, monkeypatch)

    def refused(*args, **kwargs):
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(module, name, refused)
    same(NoteStore().refresh(vault, load_settings(vault)), here)
    assert len(several_cores.made) == 1


def test_a_worker_s_file_read_short_leaves_the_rest_to_be_parsed_here(vault, several_cores,
                                                                     monkeypatch):
    """What a worker wrote, read back short (its file cut, say): the worker is stopped and its
    chunks are parsed here."""
    here = parsed_here(vault, monkeypatch)
    real = os.pread
    monkeypatch.setattr(os, "pread", lambda fd, size, offset: real(fd, size, offset)[:-1])
    stopped: list[int] = []
    real_stop = aside_module.Aside.stop
    monkeypatch.setattr(aside_module.Aside, "stop",
                        lambda self: stopped.append(self._pid) or real_stop(self))
    same(NoteStore().refresh(vault, load_settings(vault)), here)
    assert len(several_cores.made) == 1 and len(stopped) == 1
    with pytest.raises(ProcessLookupError):  # (stopped and reaped: not even a zombie)
        os.kill(stopped[0], 0)


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
    the chunks this process parsed (from the last chunk) are pickled on another core once the
    graph is built: a cold sync saves those bytes, and pickles no chunk of notes itself."""
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)
    here = parsed_here(vault, monkeypatch)
    read_here: list[str] = []
    monkeypatch.setattr(note_store, "_read_one", noting_here(read_here))
    pickled: list[object] = []
    real = pickle.dumps
    monkeypatch.setattr(pickle, "dumps", lambda value, *a, **k: pickled.append(value)
                        or real(value, *a, **k))
    cached_sync(vault, TODAY)
    assert len(several_cores.made) == 1
    assert note_chunks(pickled) == [] and 0 < len(read_here) < len(here.notes)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None
    notes = stored.notes()
    assert len(stored.pieces) > 2
    assert {path: note for path, (_, note) in notes.items()} == {n.path: n for n in here.notes}


def test_a_large_cold_parse_does_not_hold_every_chunk_for_the_cache(vault, several_cores,
                                                                    monkeypatch):
    """On a very large vault the pickled chunks would weigh hundreds of megabytes through the
    whole sync: past a budget they are dropped, and the cache pickles its chunks again."""
    monkeypatch.setattr(note_store, "MAX_PIECES_BYTES", 1)
    here = parsed_here(vault, monkeypatch)
    store = NoteStore(cache=ParseCache(vault))
    same(store.refresh(vault, load_settings(vault)), here)
    assert len(several_cores.made) == 1 and store.pieces == []
    monkeypatch.setattr(note_store, "MAX_PIECES_BYTES", 64 << 20)
    store = NoteStore(cache=ParseCache(vault))
    store.refresh(vault, load_settings(vault))
    assert len(store.pieces) > 2
    store = NoteStore()  # no cache to save them into: none held
    store.refresh(vault, load_settings(vault))
    assert store.pieces == []


def resolved_chunks(pickled: list[object]) -> list[dict[str, object]]:
    """Of the values pickled, the chunks of resolved links (each note's `Saved`, by path)."""
    return [value for value in pickled if isinstance(value, dict) and value
            and all(isinstance(v, tuple) and len(v) == 6 and isinstance(v[0], tuple)
                    for v in value.values())]


@pytest.fixture
def pickled_here(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[object]]:
    """What this process (not a child) pickles, and the graphs whose structure it keeps."""
    found: dict[str, list[object]] = {"values": [], "structures": []}
    real_dumps, real_structure = pickle.dumps, sync_module.kept_structure

    def dumps(value, *args, **kwargs):
        if os.getpid() == PARENT:
            found["values"].append(value)
        return real_dumps(value, *args, **kwargs)

    def structure(graph, *kept_with):
        if os.getpid() == PARENT:
            found["structures"].append(graph)
        return real_structure(graph, *kept_with)

    monkeypatch.setattr(pickle, "dumps", dumps)
    monkeypatch.setattr(sync_module, "kept_structure", structure)
    return found


def a_line_later(vault: Path) -> None:
    """A log line in Aisha's note, two seconds back so that the cache reads it as changed."""
    note = vault / "People/Aisha Khan.md"
    note.write_text(note.read_text() + "- 2026-11-20 Call about [[Grace Liu]]'s study\n")
    then = time.time() - 2
    os.utime(note, (then, then))


def fresh_after(vault: Path, tmp_path: Path) -> None:
    """A sync through the cache gives the bytes of a sync that reads everything, and reads only
    the note that changed."""
    other = tmp_path / "fresh"
    shutil.copytree(vault, other, ignore=shutil.ignore_patterns("Network"))
    result = cached_sync(vault, TODAY)
    assert result.vault.refresh.changed == ["People/Aisha Khan.md"]
    cached_sync(other, TODAY, cache=ParseCache(other, tmp_path / "elsewhere"))
    assert snapshot(vault / "Network") == snapshot(other / "Network")


def test_a_cold_sync_keeps_its_cache_on_another_core(vault, tmp_path, several_cores, monkeypatch,
                                                     pickled_here):
    """After a cold parse on several cores, the chunks of the notes parsed here are pickled and
    written by a child while this process resolves their links, and the resolved links and the
    graph's structure by another while it builds the pages: it pickles none of them, and the
    cache is whole. (Before, the graph's structure and the resolved links were pickled here.)"""
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)
    cached_sync(vault, TODAY)
    assert len(several_cores.made) == 1
    assert note_chunks(pickled_here["values"]) == []
    assert resolved_chunks(pickled_here["values"]) == []
    assert pickled_here["structures"] == []
    stored = ParseCache(vault).load(code_key())
    assert stored is not None and stored.graph() is not None
    assert len(stored.notes()) == len(parsed_here(vault, monkeypatch).notes)
    assert stored.resolved()[1]
    a_line_later(vault)
    fresh_after(vault, tmp_path)


@pytest.mark.parametrize("keeper", ["keep_notes", "keep_resolved"])
def test_a_keeper_that_dies_leaves_the_cache_to_be_kept_here(vault, tmp_path, several_cores,
                                                            monkeypatch, pickled_here, keeper):
    """A child keeping the cache killed (out of memory, say): the one pickling the notes this
    process parsed, or the one pickling their resolved links and the graph's structure. This
    process pickles what that child did not send, and the cache is as whole."""
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)
    real = getattr(ParseCache, keeper)

    def dies_in_a_child(self, *args):
        if os.getpid() != PARENT:
            os._exit(9)
        return real(self, *args)

    monkeypatch.setattr(ParseCache, keeper, dies_in_a_child)
    cached_sync(vault, TODAY)
    values = pickled_here["values"]
    if keeper == "keep_notes":
        assert note_chunks(values) and not resolved_chunks(values)
        assert not pickled_here["structures"]
    else:
        assert resolved_chunks(values) and not note_chunks(values)
        assert len(pickled_here["structures"]) == 1
    assert ParseCache(vault).load(code_key()).graph() is not None
    a_line_later(vault)
    fresh_after(vault, tmp_path)


def test_chunks_a_keeper_wrote_that_are_gone_are_pickled_here(vault, tmp_path, several_cores,
                                                              monkeypatch, pickled_here):
    """The chunks a child kept, gone before the cache file names them: the save pickles and
    writes them again, never naming a chunk that is not there."""
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)
    real = ParseCache.keep_notes

    def then_gone(self, *args):
        kept = real(self, *args)
        for digest in kept[:1]:
            os.unlink(cache_module.chunk_folder(self.path) / digest)
        return kept

    monkeypatch.setattr(ParseCache, "keep_notes", then_gone)
    cached_sync(vault, TODAY)
    assert note_chunks(pickled_here["values"])
    stored = ParseCache(vault).load(code_key())
    assert len(stored.notes()) == len(parsed_here(vault, monkeypatch).notes)
    a_line_later(vault)
    fresh_after(vault, tmp_path)


def wait_for(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def ended(pid: int) -> bool:
    """Whether a process that is not this one's child has ended (a zombie left for its new
    parent to reap counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in "ZX"
    except (FileNotFoundError, ProcessLookupError):
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="looks at processes in /proc")
def test_a_sync_killed_while_a_worker_parses_leaves_no_worker_behind(tmp_path, several_cores,
                                                                       monkeypatch):
    """A sync killed (SIGKILL) while its worker parses a chunk of well over what a pipe holds:
    the worker ends. (A worker of a process pool waited for good to send its chunk back, and
    held its memory, since it held the read end of its own result pipe.)"""
    vault = tmp_path / "vault"
    (vault / "People").mkdir(parents=True)
    lines = "".join(f"- 2026-0{1 + n % 9}-1{n % 10} Call about the study, part {n}\n"
                    for n in range(1500))
    for n in range(16):
        (vault / "People" / f"Person {n}.md").write_text(f"---\ntype: person\n---\n{lines}")
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 4)
    began, go, sync = tmp_path / "began", tmp_path / "go", [0]

    def waits_in_a_worker(job):
        if os.getpid() not in (PARENT, sync[0]) and not began.exists():
            (tmp_path / "began.new").write_text(str(os.getpid()))
            os.replace(tmp_path / "began.new", began)
            wait_for(go.exists)
        return READ_ONE(job)

    monkeypatch.setattr(note_store, "_read_one", waits_in_a_worker)
    pid = os.fork()
    if pid == 0:  # the sync
        try:
            sync[0] = os.getpid()
            NoteStore().refresh(vault, load_settings(vault))
        finally:
            os._exit(0)
    assert wait_for(began.exists)
    worker = int(began.read_text())
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    go.touch()
    try:
        assert wait_for(lambda: ended(worker), timeout=20)
    finally:  # (a worker left behind would hold the test run's output open for good)
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker, signal.SIGKILL)
