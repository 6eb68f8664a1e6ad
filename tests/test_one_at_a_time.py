"""One sync of a vault at a time (`vaultnet.pipeline.one_at_a_time`), between real processes: a
sync waits for another process's sync of the same vault, and for nothing else."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import TODAY, WAIT, held, line_from, person, sigint_as_in_a_terminal, snapshot

import vaultnet.pipeline.cache as cache_module
from vaultnet.pipeline import one_at_a_time
from vaultnet.pipeline.aside import forks_safely
from vaultnet.pipeline.cache import ParseCache, Unchanged, look
from vaultnet.pipeline.one_at_a_time import after_this_sync, as_found, one_sync_at_a_time
from vaultnet.pipeline.sync import cached_sync, sync

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX record locks")

FILES = {
    "People/Ann Lee.md": person("Ann Lee", "## Log\n- 2026-10-01 Coffee [[Bo Chen]] #met\n",
                                cadence=30),
    "People/Bo Chen.md": person("Bo Chen", "## Log\n- 2026-11-20 Call #call\n"),
}


def start_sync(vault: Path, *more: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "vaultnet", "sync", "--vault", str(vault),
                             "--today", TODAY.isoformat(), *more],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=sigint_as_in_a_terminal)


def test_a_sync_waits_while_another_process_syncs_the_same_vault(make_vault, tmp_path):
    """Two syncs of one vault at once would each replace the notes the other writes, and say a
    change of yours was kept when it was the other's: the second waits, says so, and then does
    what a sync alone does."""
    vault = make_vault(FILES)
    sync(vault, TODAY)
    before = snapshot(vault / "Network")
    with (vault / "People/Ann Lee.md").open("a", encoding="utf-8") as note:
        note.write("- 2026-11-25 Lunch [[Bo Chen]] #met\n")
    with held(vault) as holder:
        waiting = start_sync(vault)
        try:
            assert "waiting for it to finish" in line_from(waiting.stderr)
            assert waiting.poll() is None  # (still waiting)
            assert snapshot(vault / "Network") == before  # nothing written meanwhile
            assert holder.stdin is not None
            holder.stdin.close()  # the other sync ends
            out, err = waiting.communicate(timeout=WAIT)
        finally:
            waiting.kill()
    assert waiting.returncode == 0, err
    assert "Updated Network/Network.md" in out and "Left alone" not in out + err
    alone = tmp_path / "alone"
    shutil.copytree(vault, alone, ignore=shutil.ignore_patterns("Network"))
    sync(alone, TODAY)
    assert snapshot(vault / "Network") == snapshot(alone / "Network")


def test_a_sync_killed_while_it_holds_the_lock_leaves_the_vault_unlocked(make_vault):
    """However the other sync ends (here, killed), the lock goes with it: the next sync does not
    wait."""
    vault = make_vault(FILES)
    with held(vault) as holder:
        holder.kill()
        holder.wait(timeout=WAIT)
        started = start_sync(vault)
        out, err = started.communicate(timeout=WAIT)
    assert started.returncode == 0, err
    assert "waiting" not in err and "Read 2 notes" in out


def test_a_sync_of_another_vault_does_not_wait(make_vault, tmp_path):
    """The lock is the vault's: a sync of another vault goes on meanwhile."""
    vault = make_vault(FILES)
    other = tmp_path / "other"
    shutil.copytree(vault, other)
    with held(vault):
        started = start_sync(other)
        out, err = started.communicate(timeout=WAIT)
    assert started.returncode == 0 and "waiting" not in err, err
    assert "Read 2 notes" in out


def test_ctrl_c_while_a_sync_waits_ends_it_quietly(make_vault):
    """Ctrl-C while the sync waits for another: it ends at once, as Ctrl-C ends any command (exit
    130, no traceback), having written nothing."""
    vault = make_vault(FILES)
    with held(vault):
        waiting = start_sync(vault)
        try:
            assert "waiting for it to finish" in line_from(waiting.stderr)
            waiting.send_signal(signal.SIGINT)
            _, err = waiting.communicate(timeout=WAIT)
        finally:
            waiting.kill()
    assert waiting.returncode == 130 and "Traceback" not in err, err
    assert not (vault / "Network").exists()


# `vaultnet sync`, whose save of the parse cache writes where it runs (its pid) and then waits for
# a file named `go` beside it before it saves.
SAVING_WHEN_TOLD = """
import os, sys, time
from pathlib import Path
import vaultnet.pipeline.cache as cache
from vaultnet.cli import main

marks, real = Path(sys.argv.pop(1)), cache.ParseCache.save

def save(self, *args, **kwargs):
    (marks / "pid").write_text(str(os.getpid()))
    os.replace(marks / "pid", marks / "saving")  # (whole when it is there)
    deadline = time.monotonic() + 60
    while not (marks / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    real(self, *args, **kwargs)

cache.ParseCache.save = save
sys.argv[0] = "vaultnet"
main()
"""


# Says whether the lock of the vault given is held by a process (tried without waiting).
PROBE = ("import fcntl, os, sys\nfrom pathlib import Path\n"
         "from vaultnet.pipeline.cache import ParseCache\n"
         "fd = os.open(ParseCache(Path(sys.argv[1])).path.with_suffix('.lock'), os.O_RDWR)\n"
         "try:\n    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
         "except OSError:\n    print('held')\nelse:\n    print('free')\n")


# A child of the sync saves its cache: not where the sync's parent (this process, or the test's
# own parent) is the system's first process, nor without fork (see `after_this_sync`).
CHILD_SAVES = pytest.mark.skipif(not forks_safely() or 1 in (os.getpid(), os.getppid()),
                                 reason="no child of the sync saves its cache here")


def until(condition: Callable[[], object], timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.01)


@contextlib.contextmanager
def saving_when_told(vault: Path, marks: Path) -> Iterator[subprocess.Popen[str]]:
    """`vaultnet sync` of `vault`, whose cache is saved once `marks / "go"` exists (see above),
    which it does at the latest when this ends. (In a session of its own: its process group is
    the sync and what it leaves.)"""
    marks.mkdir()
    try:
        yield subprocess.Popen([sys.executable, "-c", SAVING_WHEN_TOLD, str(marks), "sync",
                                "--vault", str(vault), "--today", TODAY.isoformat()],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    finally:
        (marks / "go").touch()


def is_locked(vault: Path) -> bool:
    """Whether a process holds the lock of `vault` (tried without waiting, and let go)."""
    fd = os.open(ParseCache(vault).path.with_suffix(".lock"), os.O_RDWR)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


@CHILD_SAVES
def test_a_sync_ends_before_a_child_of_it_saves_the_cache_under_the_lock(make_vault, tmp_path):
    """`vaultnet sync` says what it did and ends: the user does not wait for the parse cache,
    which a child of it saves afterwards, holding the vault's lock meanwhile (the next sync waits
    for it), and without the sync's output (its reader, here this test, is not kept waiting)."""
    vault, marks = make_vault(FILES), tmp_path / "marks"
    with saving_when_told(vault, marks) as syncing:
        out, err = syncing.communicate(timeout=WAIT)  # (the save waits for `go`, if it began)
        assert syncing.returncode == 0 and out.startswith("Read 2 notes"), err
        until((marks / "saving").exists)
        assert int((marks / "saving").read_text()) != syncing.pid
        assert is_locked(vault) and look(vault, TODAY).stored is None  # (not saved yet)
        # The signals that end what a job left (a supervisor's, a terminal closed) end no save.
        for ending in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            os.killpg(syncing.pid, ending)
    with one_sync_at_a_time(vault):  # (once the child is done)
        stored = look(vault, TODAY).stored
    assert stored is not None and sorted(stored.notes()) == ["People/Ann Lee.md",
                                                             "People/Bo Chen.md"]


@CHILD_SAVES
def test_a_sync_started_while_the_last_ones_cache_is_saved_waits_without_a_word(
        make_vault, tmp_path, monkeypatch):
    """What holds the lock may be the child that saves the last sync's cache, a moment's work: a
    sync that finds it held waits that long without saying it waits for another."""
    vault, marks = make_vault(FILES), tmp_path / "marks"
    monkeypatch.setattr(one_at_a_time, "QUIET_SECONDS", WAIT)  # (however loaded the machine)
    tries: list[bool] = []
    tried, real = threading.Event(), one_at_a_time._lock
    monkeypatch.setattr(one_at_a_time, "_lock", lambda fd, wait: (
        tries.append(real(fd, wait)), tried.set())[0] or tries[-1])
    told: list[str] = []

    def next_sync() -> None:
        with one_sync_at_a_time(vault, lambda: told.append("waiting")):
            told.append("synced")

    with saving_when_told(vault, marks) as syncing:
        syncing.communicate(timeout=WAIT)
        until((marks / "saving").exists)
        waiting = threading.Thread(target=next_sync)
        waiting.start()
        assert tried.wait(WAIT) and tries[0] is False  # (held by the child, which waits for `go`)
    waiting.join(WAIT)
    assert told == ["synced"]


@CHILD_SAVES
@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="Linux's table of locks")
def test_the_child_saves_once_the_sync_lets_go_and_not_over_a_newer_cache(make_vault, tmp_path,
                                                                           monkeypatch):
    """The child waits for the lock the sync holds (it saves once the sync has let go of it), and
    saves nothing if another sync saved the cache in between: its state is older."""
    vault, ran = make_vault(FILES), tmp_path / "ran"
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    monkeypatch.setattr(one_at_a_time, "QUIET_SECONDS", 0.0)  # (the child waits blocked at once)

    def blocked(pid: int) -> bool:  # (waiting for a lock, as Linux's table of locks says)
        return any(line.split()[1] == "->" and line.split()[5] == str(pid)
                   for line in Path("/proc/locks").read_text().splitlines())

    for saved_between in (False, True):
        with one_sync_at_a_time(vault, cache=cache):
            pid = after_this_sync(lambda: ran.write_text("saved"), vault, cache, as_found(cache))
            assert pid is not None
            until(lambda child=pid: blocked(child))
            if saved_between:  # (another sync's save, as it would be seen: the file replaced)
                cached_sync(vault, TODAY + timedelta(days=1))
            assert not ran.exists()
        assert os.waitpid(pid, 0)[1] == 0
        assert ran.exists() is not saved_between
        ran.unlink(missing_ok=True)


@pytest.mark.parametrize("first", ["this process", "its parent"])
def test_under_the_systems_first_process_the_cache_is_saved_before_the_sync_ends(
        make_vault, tmp_path, monkeypatch, first):
    """A sync that is the command of a container, or a service of systemd's, has no child save
    its cache: the first process would kill it as the sync ends. It saves it itself, under the
    lock, once it let go of it."""
    vault, ran = make_vault(FILES), tmp_path / "ran"
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    monkeypatch.setattr(os, "getpid" if first == "this process" else "getppid", lambda: 1)
    with one_sync_at_a_time(vault, cache=cache):
        found = as_found(cache)

    def save() -> None:  # (whether another process finds the lock held meanwhile)
        ran.write_text(subprocess.run([sys.executable, "-c", PROBE, str(vault)], text=True,
                                      capture_output=True, check=True).stdout)

    assert after_this_sync(save, vault, cache, found) is None
    assert ran.read_text() == "held\n"
    # And while another sync holds the lock, this one does not wait for it, nor save: that one
    # saves a newer cache.
    ran.unlink()
    given: list[int | None] = []
    with held(vault):
        saving = threading.Thread(target=lambda: given.append(
            after_this_sync(save, vault, cache, found)))
        saving.start()
        saving.join(WAIT)
        assert given == [None] and not ran.exists()


def talkative(make_vault: Callable[..., Path], notes: int) -> Path:
    """A vault of `notes` people whose cadence is each a problem: `sync --json` says each (some
    175 bytes; the sync's summary names ten)."""
    return make_vault({f"People/P{i:04d}.md": person(f"P{i:04d}", cadence="whenever")
                       for i in range(notes)})


def test_a_sync_does_not_hold_the_lock_while_a_slow_reader_takes_its_output(make_vault):
    """`vaultnet sync | less`: what the sync says waits for its reader, but the next sync (or a
    round of `watch`) does not: the lock is let go of before the sync says what it did."""
    vault = talkative(make_vault, 1600)  # (some 280 KB to say: more than a pipe holds)
    with start_sync(vault, "--json") as syncing:
        assert syncing.stdout is not None
        assert syncing.stdout.readline() == "{\n"
        until(lambda: not is_locked(vault))  # (the rest of what it says still unread)
        assert syncing.poll() is None
        syncing.stdout.read()
        assert syncing.wait(timeout=WAIT) == 0


def test_a_sync_whose_reader_is_gone_still_leaves_its_cache(make_vault):
    """`vaultnet sync | head -1` with more to say than its output's buffer: the sync ends quietly
    when its reader is gone, its notes written, and its cache saved all the same (the next sync
    reads no note it read)."""
    vault = talkative(make_vault, 200)  # (some 35 KB to say)
    with start_sync(vault, "--json") as syncing:
        assert syncing.stdout is not None
        syncing.stdout.close()  # (gone before the first line)
        assert syncing.wait(timeout=WAIT) == 0
    assert (vault / "Network/Network.md").exists()
    with one_sync_at_a_time(vault):  # (once a child saving the cache is done)
        stored = look(vault, TODAY).stored
    assert stored is not None and len(stored.notes()) == 200


def test_a_wait_stopped_before_it_is_told_is_not_told(make_vault):
    """`watch` stopped while its round waits quietly for the lock: the round does not run, and
    nothing says it waited for another sync."""
    vault = make_vault(FILES)
    told: list[str] = []
    stop = threading.Event()
    stop.set()
    with held(vault), one_sync_at_a_time(vault, lambda: told.append("waiting"),
                                         stop=stop) as going:
        assert going is False
    assert told == []


@pytest.mark.parametrize("meanwhile", ["nothing", "a generated note edited by hand"])
def test_a_save_done_later_keeps_the_vault_as_the_sync_left_it(make_vault, monkeypatch,
                                                                meanwhile):
    """The state a save done after the sync said what it did keeps (`save_later`) is the vault as
    the sync left it: the next sync, with nothing changed, is answered by its look alone; a
    generated note edited by hand before that save is found changed, and kept as the user's."""
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    with (vault / "People/Bo Chen.md").open("a", encoding="utf-8") as note:
        note.write("- 2026-11-25 Call #call\n")
    later: list[Callable[[], None]] = []
    assert not isinstance(cached_sync(vault, TODAY, save_later=later), Unchanged)
    if meanwhile != "nothing":
        with (vault / "Network/Follow-ups.md").open("a", encoding="utf-8") as page:
            page.write("my own line\n")
    [save] = later
    save()
    looked = look(vault, TODAY)
    assert (looked.unchanged is not None) is (meanwhile == "nothing")
    if meanwhile != "nothing":
        synced = cached_sync(vault, TODAY)
        assert not isinstance(synced, Unchanged)
        assert "Network/Follow-ups.md" in synced.writes.edited
