"""`vaultnet watch` on real files: the real watchdog observer, real editors' save styles, real timing.

Each test builds a vault in tmp_path, runs `Watcher.run()` in a daemon thread, changes files the way
editors and tools do, and waits on `Watcher.built` (notified after every round) for a condition,
with a timeout; never a bare sleep. Where a test needs "nothing happens", it waits on the same
Condition for a round that must not come. The end state is checked against what a fresh
`vaultnet sync` of the same vault writes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import TODAY, WAIT, held, person, snapshot, write_files
from watchdog.events import FileCreatedEvent, FileModifiedEvent, FileMovedEvent

from vaultnet.pipeline.sync import sync
from vaultnet.watch.events import Changes
from vaultnet.watch.observer import STOP_SECONDS
from vaultnet.watch.watcher import Watcher
from vaultnet.write.generated import is_own_unedited

# watchdog's inotify emitter warns when a moved folder's watch is registered again; it is harmless.
pytestmark = pytest.mark.filterwarnings("ignore:Callback with id:RuntimeWarning")

DEBOUNCE = 0.05
OUT = "Network"
FOLLOWUPS = f"{OUT}/Follow-ups.md"
NETWORK = f"{OUT}/Network.md"

MIA = "People/Mia Mentor.md"  # a mentor last seen 85 days ago: in "Stay in touch"
PAT = "People/Pat Peer.md"


def mia(log: str = "- 2026-09-01 Coffee #met\n") -> str:
    return person("Mia Mentor", "## Log\n" + log, role="mentor", topics="[robotics]")


BASE: dict[str, str | bytes] = {
    MIA: mia(),
    PAT: person("Pat Peer", "## Log\n- 2026-11-01 Call #call\n", role="peer",
                topics="[sailing]", knows='["[[Mia Mentor]]"]'),
    "People/Team/Tess.md": person("Tess", "## Log\n- 2026-11-20 Standup\n", role="colleague",
                                  topics="[robotics]"),
    "People/Team/Theo.md": person("Theo", "## Log\n- 2026-06-01 Offsite #met\n", role="colleague",
                                  knows='["[[Tess]]"]'),
    "Daily/2026-11-24.md": "Lunch with [[Pat Peer]]\n",
}
MIA_SEEN_TODAY = mia("- 2026-09-01 Coffee #met\n- 2026-11-25 Lunch, talked about robots #met\n")

# How long a watcher may take to end after `stop()` or a signal. The code waits up to STOP_SECONDS
# for the observer's thread; the rest (the round under way, the emitters' own stop, one cycle
# collection, leaving the process) takes well under a second on an idle machine, and the other
# 5 s are for a machine loaded with other work.
STOP_TIMEOUT = STOP_SECONDS + 5.0
START_TIMEOUT = 15.0  # for `vaultnet watch` in a new process to start and log its first round


# -- waiting -------------------------------------------------------------------------------------

def wait_until(watcher: Watcher, condition: Callable[[], bool], timeout: float = 10.0,
               what: str = "") -> None:
    """Wait for `condition`, woken by each round and checking every 50 ms; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    with watcher.built:
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                result = watcher.last_result
                pytest.fail(f"timed out after {timeout} s waiting for {what or condition}; "
                            f"{watcher.rounds} rounds so far; last writes: "
                            f"{result.writes if result else None}")
            watcher.built.wait(min(remaining, 0.05))


def no_round_within(watcher: Watcher, seconds: float, since: int | None = None) -> bool:
    """Whether no round starts after `since` (default: now) for `seconds`: a Condition wait."""
    with watcher.built:
        before = watcher.rounds if since is None else since
        return not watcher.built.wait_for(lambda: watcher.rounds != before, timeout=seconds)


def wait_quiet(watcher: Watcher, quiet: float = 0.4, timeout: float = 20.0) -> int:
    """Wait until nothing is pending, the watcher is not at work (a round writes its files one by
    one, and a slow disk may take longer than `quiet` over them) and no round has ended for
    `quiet` seconds; return rounds."""
    deadline = time.monotonic() + timeout
    while True:
        if no_round_within(watcher, quiet) and not watcher.pending() and not watcher.busy:
            return watcher.rounds
        if time.monotonic() > deadline:
            pytest.fail(f"the watcher did not settle within {timeout} s "
                        f"({watcher.rounds} rounds so far)")


# -- the running watcher ---------------------------------------------------------------------

class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def watch() -> Iterator[Callable[..., Watcher]]:
    """Start `Watcher(vault, ...).run()` in a daemon thread, after its first round; stop it after.

    Teardown always stops every watcher started, joins its thread and checks that it stopped and
    logged no error (an exception while rebuilding).
    """
    started: list[tuple[Watcher, threading.Thread, list[BaseException]]] = []
    records = _Records()
    logger = logging.getLogger("vaultnet.watch")
    logger.addHandler(records)

    def start(vault: Path, **options: object) -> Watcher:
        watcher = Watcher(vault, today=TODAY, debounce=DEBOUNCE, **options)  # type: ignore[arg-type]
        errors: list[BaseException] = []

        def run() -> None:
            try:
                watcher.run()
            except BaseException as err:
                errors.append(err)
                with watcher.built:
                    watcher.built.notify_all()
                raise

        thread = threading.Thread(target=run, name="vaultnet-watch", daemon=True)
        thread.start()
        started.append((watcher, thread, errors))
        wait_until(watcher, lambda: watcher.rounds >= 1 or bool(errors), what="the first sync")
        assert not errors, errors
        return watcher

    try:
        yield start
    finally:
        logger.removeHandler(records)
        for watcher, thread, errors in started:
            watcher.stop()
            thread.join(timeout=STOP_TIMEOUT)
            assert not thread.is_alive(), f"the watcher was still running {STOP_TIMEOUT} s after stop()"
            assert not errors, errors
        failures = [r.getMessage() for r in records.records if r.levelno >= logging.ERROR]
        assert not failures, failures


@pytest.fixture
def watcher(make_vault, watch) -> Watcher:
    """A watcher on the BASE vault, after its first round."""
    return watch(make_vault(BASE))


# -- files ---------------------------------------------------------------------------------------

def text_of(vault: Path, rel: str) -> str:
    try:
        return (vault / rel).read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def section(text: str, heading: str) -> str:
    """The lines under a `## heading`, up to the next `## ` heading."""
    found = re.search(rf"^## {re.escape(heading)}\b.*?(?=^## |\Z)", text, re.S | re.M)
    return found[0] if found else ""


def stay_in_touch(vault: Path) -> str:
    return section(text_of(vault, FOLLOWUPS), "Stay in touch")


def link(rel: str) -> str:
    """How Network.md links a person note."""
    return f"[[{rel.removesuffix('.md')}|{rel.rpartition('/')[2].removesuffix('.md')}]]"


def output_state(vault: Path) -> dict[str, tuple[int, bytes]]:
    """Each generated file's mtime and bytes."""
    return {p.relative_to(vault).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted((vault / OUT).rglob("*")) if p.is_file()}


def fresh_sync(vault: Path, where: Path) -> dict[str, bytes]:
    """What a fresh sync of a copy of the vault (without its output folder) writes."""
    copy = where / "fresh"
    shutil.copytree(vault, copy, ignore=lambda folder, names:
                    [OUT] if Path(folder) == vault else [], symlinks=True)
    result = sync(copy, TODAY)
    assert not result.writes.failed
    return snapshot(copy / OUT)


def assert_matches_fresh_sync(vault: Path, where: Path) -> None:
    watched, fresh = snapshot(vault / OUT), fresh_sync(vault, where)
    assert sorted(watched) == sorted(fresh)
    for rel in fresh:
        assert watched[rel] == fresh[rel], f"{OUT}/{rel} differs from a fresh sync"


def temporaries(vault: Path) -> list[str]:
    return sorted(p.relative_to(vault).as_posix() for p in vault.rglob(".vaultnet-*.tmp"))


# -- how editors save ----------------------------------------------------------------------------

def save_in_place(path: Path, text: str) -> None:
    """VS Code, Obsidian: truncate and write the same file."""
    with open(path, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)


def save_vim(path: Path, text: str) -> None:
    """vim: probe the folder with `4913`, rename the note to `note.md~`, write it anew, drop the backup."""
    probe = path.parent / "4913"
    probe.write_bytes(b"")
    probe.unlink()
    backup = path.with_name(path.name + "~")
    os.rename(path, backup)
    path.write_bytes(text.encode())
    backup.unlink()


def save_jetbrains(path: Path, text: str) -> None:
    """JetBrains' safe write: `___jb_old___` backup, `___jb_tmp___` renamed over the note."""
    old = path.with_name(path.name + "___jb_old___")
    tmp = path.with_name(path.name + "___jb_tmp___")
    shutil.copy2(path, old)
    tmp.write_bytes(text.encode())
    os.replace(tmp, path)
    old.unlink()


def save_by_rename(path: Path, text: str) -> None:
    """Tools that write a hidden temporary file and rename it over the note."""
    tmp = path.with_name(f".{path.name}.tmp{random.randrange(1000)}")
    tmp.write_bytes(text.encode())
    os.replace(tmp, path)


def save_delete_create(path: Path, text: str) -> None:
    path.unlink()
    path.write_bytes(text.encode())


SAVES = [save_in_place, save_vim, save_jetbrains, save_by_rename, save_delete_create]


# -- the first sync and every save style ---------------------------------------------------

def test_first_round_writes_the_output_folder(watcher, tmp_path):
    vault = watcher.root
    assert watcher.rounds == 1
    assert "Mia Mentor" in stay_in_touch(vault)
    assert (vault / OUT / "Topics" / "robotics.md").is_file()
    assert watcher.last_result is not None and watcher.last_result.writes.created
    assert_matches_fresh_sync(vault, tmp_path)


@pytest.mark.parametrize("save", SAVES, ids=lambda f: f.__name__.removeprefix("save_"))
def test_each_save_style_updates_follow_ups(watcher, save, tmp_path):
    vault = watcher.root
    before = watcher.rounds
    save(vault / MIA, MIA_SEEN_TODAY)
    wait_until(watcher, lambda: "Mia Mentor" not in stay_in_touch(vault),
               what="Mia to leave the Stay in touch section")
    wait_quiet(watcher)
    assert watcher.rounds - before <= 3  # one save is one change, not one round per event
    assert link(MIA) in text_of(vault, NETWORK)  # the note was never taken for gone
    assert not list(vault.rglob("*~")) and not list(vault.rglob("*___jb_*"))
    assert_matches_fresh_sync(vault, tmp_path)


def test_a_round_is_busy_to_its_end_and_wait_quiet_waits_for_it(watcher, monkeypatch, tmp_path):
    """The loop is `busy` from the changes it takes to the end of their round, and `wait_quiet`
    waits for it: a round that takes long (its writes on a loaded disk, here its sync slowed)
    is not taken for a quiet watcher halfway."""
    import vaultnet.watch.watcher as watcher_module

    vault, real = watcher.root, watcher_module.sync

    def slowly(*args: object, **kwargs: object) -> object:
        time.sleep(1.0)  # (the round's work, slowed: no wait of the test's)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(watcher_module, "sync", slowly)
    before = watcher.rounds
    (vault / MIA).write_text(MIA_SEEN_TODAY, encoding="utf-8")
    wait_until(watcher, lambda: watcher.busy and not watcher.pending(),
               what="the round to take the change")
    assert wait_quiet(watcher) > before and not watcher.busy
    assert "Mia Mentor" not in stay_in_touch(vault)
    monkeypatch.setattr(watcher_module, "sync", real)
    assert_matches_fresh_sync(vault, tmp_path)


@pytest.fixture
def waits(caplog) -> Iterator[threading.Event]:
    """Set once a watcher says its round waits for another process's sync of the vault."""
    said = threading.Event()

    class Waits(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "waiting for it to finish" in record.getMessage():
                said.set()

    handler, logger = Waits(), logging.getLogger("vaultnet.watch")
    caplog.set_level(logging.INFO, logger="vaultnet.watch")
    logger.addHandler(handler)
    try:
        yield said
    finally:
        logger.removeHandler(handler)


def test_a_round_waits_while_another_process_syncs_the_vault(watcher, waits, tmp_path):
    """`vaultnet sync` while watch runs: whichever starts second waits for the other (see
    `vaultnet.pipeline.one_at_a_time`), so that neither takes the other's writes for yours."""
    vault = watcher.root
    with held(vault) as holder:
        before, written = watcher.rounds, snapshot(vault / OUT)
        (vault / MIA).write_text(MIA_SEEN_TODAY, encoding="utf-8")
        assert waits.wait(WAIT), "the round never said it waits"
        assert watcher.rounds == before and snapshot(vault / OUT) == written
        assert holder.stdin is not None
        holder.stdin.close()  # the other sync ends
        wait_until(watcher, lambda: "Mia Mentor" not in stay_in_touch(vault), timeout=WAIT,
                   what="the round after the other sync")
    wait_quiet(watcher)
    assert_matches_fresh_sync(vault, tmp_path)


def test_a_watcher_stopped_while_its_round_waits_stops_at_once(watcher, waits):
    """Ctrl-C while a round waits for another process's sync: watch stops then, not once the
    other sync has ended."""
    vault = watcher.root
    with held(vault):
        (vault / MIA).write_text(MIA_SEEN_TODAY, encoding="utf-8")
        assert waits.wait(WAIT), "the round never said it waits"
        watcher.stop()
        wait_until(watcher, lambda: watcher.observer is None, timeout=STOP_TIMEOUT,
                   what="the watcher to stop while the other sync holds the vault")


# -- create, delete, rename, move ------------------------------------------------------------

def test_new_person_note(watcher, tmp_path):
    vault = watcher.root
    write_files(vault, {"People/Nora New.md": person("Nora New", role="mentor")})
    wait_until(watcher, lambda: "Nora New" in stay_in_touch(vault) and
               link("People/Nora New.md") in text_of(vault, NETWORK), what="Nora to appear")
    assert "never contacted" in section(stay_in_touch(vault), "Stay in touch")
    wait_quiet(watcher)
    assert_matches_fresh_sync(vault, tmp_path)


def test_deleted_person_note(watcher, tmp_path):
    vault = watcher.root
    assert (vault / OUT / "Topics" / "sailing.md").exists()
    (vault / PAT).unlink()
    wait_until(watcher, lambda: link(PAT) not in text_of(vault, NETWORK), what="Pat to go")
    wait_until(watcher, lambda: not (vault / OUT / "Topics" / "sailing.md").exists(),
               what="Pat's only topic page to go")
    wait_quiet(watcher)
    assert_matches_fresh_sync(vault, tmp_path)


def test_a_graph_replaced_by_a_new_one_is_freed(watcher):
    """networkx graphs hold reference cycles; with each round's objects set aside from the
    cycle collector, the watcher must collect them itself when a new graph replaces the old."""
    assert watcher.last_result is not None
    graph = watcher.last_result.vault.graph
    # Not a check: makes networkx's cached view of the degrees, which refers back to the graph
    # (a cycle, as insight makes).
    graph.degree  # noqa: B018
    old = weakref.ref(graph)
    del graph
    vault = watcher.root
    os.rename(vault / PAT, vault / "People/Patricia Peer.md")
    new = link("People/Patricia Peer.md")
    wait_until(watcher, lambda: new in text_of(vault, NETWORK), what="the new name")
    wait_until(watcher, lambda: old() is None, what="the old graph to be freed")


def test_renamed_person_note(watcher, tmp_path):
    vault = watcher.root
    os.rename(vault / PAT, vault / "People/Patricia Peer.md")
    new = link("People/Patricia Peer.md")
    wait_until(watcher, lambda: new in text_of(vault, NETWORK), what="the new name")
    wait_quiet(watcher)
    assert link(PAT) not in text_of(vault, NETWORK)
    assert_matches_fresh_sync(vault, tmp_path)


@pytest.mark.parametrize("dest", ["Archive/Team", "People/Crew", "Team"])
def test_moved_or_renamed_folder_of_people(watcher, dest, tmp_path):
    vault = watcher.root
    (vault / dest).parent.mkdir(parents=True, exist_ok=True)
    os.rename(vault / "People/Team", vault / dest)
    moved = [link(f"{dest}/Tess.md"), link(f"{dest}/Theo.md")]
    wait_until(watcher, lambda: all(m in text_of(vault, NETWORK) for m in moved),
               what=f"Tess and Theo under {dest}")
    wait_quiet(watcher)
    network = text_of(vault, NETWORK)
    assert "People/Team/" not in network
    assert_matches_fresh_sync(vault, tmp_path)


@pytest.mark.slow
def test_burst_of_300_new_notes_is_a_few_rounds(watcher, tmp_path):
    vault = watcher.root
    before = watcher.rounds
    for i in range(300):
        path = vault / "People" / f"Burst {i:03d}.md"
        path.write_bytes(person(f"Burst {i:03d}", f"## Log\n- 2026-{i % 11 + 1:02d}-01 Met #met\n",
                                role=("peer", "friend", "mentor")[i % 3],
                                topics=f"[topic {i % 7}]").encode())
    wait_until(watcher, lambda: "304 people" in text_of(vault, NETWORK), what="304 people")
    rounds = wait_quiet(watcher)
    assert rounds - before <= 20, f"{rounds - before} rounds for one burst of 300 notes"
    assert_matches_fresh_sync(vault, tmp_path)


def test_burst_into_a_new_folder(watcher, tmp_path):
    """A sync client or `git pull` creating a folder and filling it at once."""
    vault = watcher.root
    files = {f"People/Pulled/Sub {i // 10}/Pulled {i:02d}.md": person(f"Pulled {i:02d}", role="peer")
             for i in range(60)}
    write_files(vault, files)
    wait_until(watcher, lambda: "64 people" in text_of(vault, NETWORK), what="64 people")
    wait_quiet(watcher)
    assert_matches_fresh_sync(vault, tmp_path)


# -- its own writes, and the user's edits of them ----------------------------------------------

@pytest.mark.slow
def test_own_writes_never_wake_it(watcher):
    vault = watcher.root
    wait_quiet(watcher)
    rounds, state = watcher.rounds, output_state(vault)
    assert no_round_within(watcher, 1.5), "a round ran with nothing changed"
    assert watcher.rounds == rounds
    assert output_state(vault) == state


@pytest.mark.slow
def test_a_change_is_one_round_and_its_writes_wake_nothing(watcher):
    vault = watcher.root
    wait_quiet(watcher)
    rounds = watcher.rounds
    save_by_rename(vault / MIA, MIA_SEEN_TODAY)  # a single `moved` event
    # The note on disk changes before its round ends: wait for the round too.
    wait_until(watcher, lambda: watcher.rounds > rounds
               and "Mia Mentor" not in stay_in_touch(vault), what="the change")
    assert watcher.last_result is not None and FOLLOWUPS in watcher.last_result.writes.written
    state = output_state(vault)
    assert no_round_within(watcher, 1.0, since=rounds + 1), (
        f"vaultnet's own writes woke it: {watcher.rounds - rounds} rounds for one change")
    assert output_state(vault) == state


def test_user_edit_right_after_own_write_is_kept(watcher):
    vault = watcher.root
    save_by_rename(vault / MIA, MIA_SEEN_TODAY)
    wait_until(watcher, lambda: "Mia Mentor" not in stay_in_touch(vault), what="the change")
    with open(vault / FOLLOWUPS, "a", encoding="utf-8") as stream:  # at once, as a user might
        stream.write("- my own line\n")

    def kept() -> bool:
        result = watcher.last_result
        return result is not None and FOLLOWUPS in [p.path for p in result.writes.kept]

    wait_until(watcher, kept, what="the edited Follow-ups.md to be reported as left alone")
    assert text_of(vault, FOLLOWUPS).endswith("- my own line\n")



@pytest.mark.parametrize("how", ["in place", "by rename"])
def test_an_earlier_version_of_a_generated_note_put_back_is_written_afresh(watcher, tmp_path, how):
    # An undo of a hand edit, or `git checkout` of yesterday's Follow-ups.md: vaultnet's own
    # unedited output, but not what this watcher wrote last. It was taken for another watcher's
    # (left alone, as two watchers would otherwise rewrite each other), and the agenda was stale
    # for the five minutes to the next full look, and Network.md called it edited by hand.
    vault = watcher.root
    wait_quiet(watcher)
    earlier = (vault / FOLLOWUPS).read_bytes()
    with open(vault / FOLLOWUPS, "a", encoding="utf-8") as stream:
        stream.write("- my own line\n")

    def reported_kept() -> bool:
        result = watcher.last_result
        return result is not None and FOLLOWUPS in [p.path for p in result.writes.kept]

    wait_until(watcher, reported_kept, what="the hand edit to be left alone")
    save_by_rename(vault / MIA, MIA_SEEN_TODAY)  # what the agenda shows changes meanwhile
    wait_until(watcher, lambda: watcher.last_result is not None
               and NETWORK in watcher.last_result.writes.written, what="the change")
    rounds = wait_quiet(watcher)
    if how == "in place":
        (vault / FOLLOWUPS).write_bytes(earlier)
    else:
        (vault / f"{FOLLOWUPS}.tmp").write_bytes(earlier)
        os.replace(vault / f"{FOLLOWUPS}.tmp", vault / FOLLOWUPS)
    wait_until(watcher, lambda: watcher.rounds > rounds and "Mia Mentor" not in
               stay_in_touch(vault), what="the earlier version to be written afresh")
    wait_quiet(watcher)
    assert_matches_fresh_sync(vault, tmp_path / "fresh")


@pytest.mark.parametrize("inside", [True, False])
def test_a_folder_linked_into_the_vault_is_read_at_once(watcher, tmp_path, inside):
    # The system tells of a link to a folder as of a file, whose name is no note's: the event
    # was dropped, and the notes it brings (or the problem of a link that leads out of the vault)
    # waited five minutes for the next full look.
    vault = watcher.root
    if inside:
        write_files(vault, {"Work/Wes Tan.md": person("Wes Tan", "## Log\n- 2026-11-20 Call\n",
                                                      role="colleague")})
        target = Path("..") / "Work"
    else:
        target = tmp_path / "elsewhere"
        write_files(target, {"Ext Ed.md": person("Ext Ed", "## Log\n- 2026-11-20 Call\n")})
    rounds = wait_quiet(watcher)
    os.symlink(target, vault / "People" / "linked", target_is_directory=True)
    wait_until(watcher, lambda: watcher.rounds > rounds, what="a round for the linked folder")
    wait_quiet(watcher)
    assert_matches_fresh_sync(vault, tmp_path / "fresh")
    # And the link removed: its notes (or the problem it was) go at once too.
    rounds = wait_quiet(watcher)
    (vault / "People" / "linked").unlink()
    wait_until(watcher, lambda: watcher.rounds > rounds, what="a round for the link removed")
    wait_quiet(watcher)
    shutil.rmtree(tmp_path / "fresh")
    assert_matches_fresh_sync(vault, tmp_path / "fresh")

@pytest.mark.parametrize("how", ["delete", "to Obsidian's trash"])
@pytest.mark.parametrize("rel", [FOLLOWUPS, NETWORK, f"{OUT}/Topics/robotics.md"])
def test_deleted_generated_note_is_written_again(watcher, rel, how):
    vault = watcher.root
    wait_quiet(watcher)
    original = (vault / rel).read_bytes()
    if how == "delete":
        (vault / rel).unlink()
    else:
        (vault / ".trash").mkdir(exist_ok=True)
        os.rename(vault / rel, vault / ".trash" / Path(rel).name)
    wait_until(watcher, lambda: (vault / rel).is_file() and (vault / rel).read_bytes() == original,
               what=f"{rel} to be written again")


@pytest.mark.parametrize("how", ["delete", "to Obsidian's trash"])
def test_deleted_output_folder_is_written_again(watcher, how):
    vault = watcher.root
    wait_quiet(watcher)
    before = snapshot(vault / OUT)
    if how == "delete":
        shutil.rmtree(vault / OUT)
    else:
        (vault / ".trash").mkdir(exist_ok=True)
        os.rename(vault / OUT, vault / ".trash" / OUT)
    wait_until(watcher, lambda: (vault / OUT).is_dir() and snapshot(vault / OUT) == before,
               timeout=5, what=f"{OUT}/ to be written again")


# -- what it ignores ----------------------------------------------------------------------------

IGNORED = {
    "People/.Mia Mentor.md.swp": b"vim swap",
    "People/x.md~": person("X", role="mentor").encode(),
    "People/.#Mia Mentor.md": b"emacs lock",
    "People/Mia Mentor.md___jb_tmp___": b"half written",
    ".obsidian/workspace.json": b'{"main": {}}',
    ".obsidian/plugins/x/notes.md": person("Plugin", role="mentor").encode(),
    "People/photo.png": b"\x89PNG\r\n",
    "notes.txt": b"not Markdown",
    "People/Mia Mentor.canvas": b"{}",
}


@pytest.mark.slow
def test_ignored_files_start_no_round(watcher):
    vault = watcher.root
    wait_quiet(watcher)
    rounds = watcher.rounds
    write_files(vault, IGNORED)
    for rel in list(IGNORED)[:4]:
        (vault / rel).unlink()  # swap and temporary files come and go
    (vault / "People/4913").write_bytes(b"")
    (vault / "People/4913").unlink()
    assert no_round_within(watcher, 1.0, since=rounds), (
        f"{watcher.rounds - rounds} rounds for files it should ignore")


def test_changes_record_what_the_walk_reads_and_not_own_writes(make_vault):
    """The rules alone, without an observer: which events leave changes pending for a round."""
    vault = make_vault({**BASE, **IGNORED, FOLLOWUPS: "mine"})
    changes, stop = Changes(vault, OUT), threading.Event()
    changes.wrote(OUT, {FOLLOWUPS: hashlib.sha256(b"mine").hexdigest()})
    for rel in [*IGNORED, FOLLOWUPS]:  # ignored files, and vaultnet's own write
        changes.notice(FileModifiedEvent(str(vault / rel)))
    changes.notice(FileCreatedEvent(str(vault.parent / "outside.md")))
    assert not changes.pending() and changes.settled(0.0, 2.0, stop) is None
    changes.notice(FileMovedEvent(str(vault / "People/x.md~"), str(vault / MIA)))  # renamed over a note
    (vault / FOLLOWUPS).write_text("edited by hand", encoding="utf-8")
    changes.notice(FileModifiedEvent(str(vault / FOLLOWUPS)))
    assert changes.pending()
    assert changes.settled(0.0, 2.0, stop) == {MIA, FOLLOWUPS}
    assert not changes.pending()


def test_a_new_template_folder_in_obsidians_settings_is_seen_at_once(make_vault, watch,
                                                                     tmp_path):
    card = "Meta/Templates/Mentor card.md"
    vault = make_vault({**BASE, card: person("{{title}}", role="mentor")})
    watcher = watch(vault)  # the 5-minute rescan is no part of this
    assert "Mentor card" in text_of(vault, NETWORK)
    write_files(vault, {".obsidian/templates.json": '{"folder": "Meta/Templates"}'})
    wait_until(watcher, lambda: "Mentor card" not in text_of(vault, NETWORK),
               what="the template left out of Network.md")
    wait_quiet(watcher)  # the note changes before its round has written every other
    assert_matches_fresh_sync(vault, tmp_path / "fresh")


def test_obsidians_daily_note_setting_is_seen_at_once(make_vault, watch, tmp_path):
    vault = make_vault({**BASE, "Journal/24-11-2026.md": "Lunch with [[Mia Mentor]]\n"})
    watcher = watch(vault)
    assert "Mia Mentor" in stay_in_touch(vault)  # not a date by default: no daily note
    write_files(vault, {".obsidian/daily-notes.json":
                        '{"format": "DD-MM-YYYY", "folder": "Journal"}'})
    wait_until(watcher, lambda: "Mia Mentor" not in stay_in_touch(vault),
               what="the daily note read by Obsidian's setting")
    wait_quiet(watcher)  # the note changes before its round has written every other
    assert_matches_fresh_sync(vault, tmp_path / "fresh")


# -- faults and stopping --------------------------------------------------------------------

def test_broken_yaml_is_reported_and_watching_goes_on(watcher, tmp_path):
    vault = watcher.root
    broken = "People/Broken.md"
    write_files(vault, {broken: "---\ntype: person\nrole: [mentor\ntopics: {\n---\n# Broken\n"})

    def reported() -> bool:
        result = watcher.last_result
        return result is not None and broken in [p.path for p in result.vault.problems]

    wait_until(watcher, reported, what="the broken note to be reported")
    save_in_place(vault / MIA, MIA_SEEN_TODAY)
    wait_until(watcher, lambda: "Mia Mentor" not in stay_in_touch(vault), what="the later edit")
    assert reported()  # still broken, still reported
    save_in_place(vault / broken, person("Broken", role="peer"))
    wait_until(watcher, lambda: not reported(), what="the fixed note to be read again")
    wait_quiet(watcher)
    assert_matches_fresh_sync(vault, tmp_path)


def test_stop_is_quick_and_leaves_no_temporaries(make_vault):
    vault = make_vault(BASE)
    watcher = Watcher(vault, today=TODAY, debounce=DEBOUNCE)
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        wait_until(watcher, lambda: watcher.rounds >= 1, what="the first sync")
        for i in range(300):  # stop in the middle of a burst
            (vault / "People" / f"P{i:03d}.md").write_bytes(person(f"P{i:03d}", role="peer",
                                                                   topics=f"[t{i}]").encode())
        watcher.stop()
        thread.join(timeout=STOP_TIMEOUT)
        assert not thread.is_alive(), f"still running {STOP_TIMEOUT} s after stop()"
        assert temporaries(vault) == []
        assert watcher.observer is None
        for path in (vault / OUT).rglob("*.md"):  # whole notes, never half-written ones
            rel = path.relative_to(vault).as_posix()
            assert is_own_unedited(path.read_bytes(), rel, OUT), rel
    finally:
        watcher.stop()
        thread.join(timeout=STOP_TIMEOUT)


def test_stop_when_idle(make_vault):
    vault = make_vault(BASE)
    watcher = Watcher(vault, today=TODAY, debounce=DEBOUNCE)
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        wait_until(watcher, lambda: watcher.rounds >= 1, what="the first sync")
        watcher.stop()
        thread.join(timeout=STOP_TIMEOUT)
        assert not thread.is_alive(), f"still running {STOP_TIMEOUT} s after stop()"
        assert temporaries(vault) == []
    finally:
        watcher.stop()
        thread.join(timeout=STOP_TIMEOUT)


# -- polling ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_polling_sees_an_edit(make_vault, watch, tmp_path):
    watcher = watch(make_vault(BASE), poll=True)
    vault = watcher.root
    assert watcher.poll
    save_in_place(vault / MIA, MIA_SEEN_TODAY)
    wait_until(watcher, lambda: "Mia Mentor" not in stay_in_touch(vault), what="the edit")
    os.rename(vault / PAT, vault / "People/Patricia Peer.md")
    wait_until(watcher, lambda: link("People/Patricia Peer.md") in text_of(vault, NETWORK),
               what="the rename")
    wait_quiet(watcher, quiet=1.5)  # longer than one poll
    assert_matches_fresh_sync(vault, tmp_path)



@pytest.mark.slow
def test_polling_sees_a_page_of_the_first_sync_deleted_at_once(make_vault, watch):
    # A polling observer's first look is taken before the first sync writes anything (so that
    # no edit falls in between): a page it wrote, deleted before the next look, was seen by
    # neither, and came back only at the five-minute look.
    watcher = watch(make_vault(BASE), poll=True)
    vault = watcher.root
    (vault / FOLLOWUPS).unlink()  # (at once, after the first round)
    wait_until(watcher, lambda: (vault / FOLLOWUPS).exists(), what="Follow-ups.md again")
    assert "Mia Mentor" in stay_in_touch(vault)

# -- the real command -------------------------------------------------------------------------

def poll_for(check: Callable[[], bool], timeout: float, what: str,
             proc: subprocess.Popen | None = None) -> None:
    """Check every 20 ms until `check()` or the deadline (for a process we cannot wait on)."""
    deadline = time.monotonic() + timeout
    while not check():
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"vaultnet watch exited with {proc.returncode} while waiting for {what}: "
                        f"{proc.stderr.read() if proc.stderr else ''}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


ROUND_LINE = re.compile(r"^\d\d:\d\d:\d\d (start|change|rescan|new day) in \d+\.\d\d s: ")


def test_cli_watch_picks_up_an_edit_and_stops_on_sigterm(make_vault):
    vault = make_vault(BASE)
    proc = subprocess.Popen(
        [sys.executable, "-m", "vaultnet", "watch", "--vault", str(vault),
         "--today", "2026-11-25", "--debounce", "50"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=vault.parent)
    assert proc.stderr is not None
    lines: list[str] = []  # stderr, line by line, as the process logs it
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")))
    reader.start()
    try:
        poll_for(lambda: "Mia Mentor" in stay_in_touch(vault), START_TIMEOUT, "the first sync", proc)
        save_in_place(vault / MIA, MIA_SEEN_TODAY)
        # SIGTERM stops a round at once, so wait for this round's log line, not only its files.
        poll_for(lambda: any("read People/Mia Mentor.md" in line for line in list(lines)), 10,
                 "the round that reads the edit", proc)
        assert "Mia Mentor" not in stay_in_touch(vault)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=STOP_TIMEOUT)
        reader.join(timeout=5)
        stdout = proc.stdout.read() if proc.stdout else ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        reader.join(timeout=5)
    stderr = "".join(lines)
    assert proc.returncode == 0, stderr
    assert stdout == ""
    lines = stderr.splitlines()
    rounds = [line for line in lines if ROUND_LINE.match(line)]
    assert rounds, stderr
    assert ROUND_LINE.match(rounds[0])[1] == "start" and "synced 5 notes" in rounds[0]
    assert [r for r in rounds if " start in " in r] == rounds[:1]
    edits = [r for r in rounds if "read People/Mia Mentor.md" in r]
    assert len(edits) == 1 and "wrote Network/Follow-ups.md" in edits[0], stderr
    others = [line for line in lines if line not in rounds]
    assert [re.sub(r"^\d\d:\d\d:\d\d ", "", line).split(" ")[0] for line in others] == [
        "watching", "stopped"], stderr
    assert temporaries(vault) == []


# -- convergence ------------------------------------------------------------------------------

FIRST = ["Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jane", "Kai", "Lea"]
LAST = ["Stone", "Park", "Okafor", "Lund", "Moreau", "Chen", "Diaz", "Ito"]
TAGS = ["#met", "#call", "#outreach", "#gave", "#got", "", ""]
TOPICS = ["robotics", "sailing", "policy", "design", "open data", "Robotics", "grants"]
ROLES = ["mentor", "peer", "advisee", "friend", "colleague", "prospect", None]
CADENCES = ["2w", "30", "monthly", "90d", "weekly", None]


def random_person(rng: random.Random, name: str, others: list[str]) -> str:
    log = []
    for _ in range(rng.randrange(4)):
        day = f"2026-{rng.randrange(1, 12):02d}-{rng.randrange(1, 29):02d}"
        knows = f" with [[{rng.choice(others)}]]" if others and rng.random() < 0.3 else ""
        log.append(f"- {day} Talked{knows} {rng.choice(TAGS)}".rstrip())
    if rng.random() < 0.2:
        log.append(f"- [ ] Send the notes 📅 2026-11-{rng.randrange(20, 30)}")
    fields: dict[str, object] = {}
    if (role := rng.choice(ROLES)) is not None:
        fields["role"] = role
    if (cadence := rng.choice(CADENCES)) is not None:
        fields["cadence"] = cadence
    fields["topics"] = "[" + ", ".join(rng.sample(TOPICS, rng.randrange(3))) + "]"
    if others and rng.random() < 0.5:
        fields["knows"] = '["[[' + rng.choice(others) + ']]"]'
    return person(name, "## Log\n" + "\n".join(log) + "\n", **fields)


@pytest.mark.slow
def test_random_edits_at_full_speed_converge_to_a_fresh_sync(make_vault, watch, tmp_path):
    rng = random.Random(20261125)
    folders = ["People", "People/Team", "Friends"]
    files: dict[str, str | bytes] = {}
    for i in range(20):
        name = f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}"
        files[f"{folders[i % 3]}/{name}.md"] = person(name, role="peer")
    files["Friends/.keep.md"] = ""  # a dot file: never a note
    watcher = watch(make_vault(files))
    vault = watcher.root

    def notes() -> list[Path]:
        return sorted(p for p in vault.rglob("*.md") if OUT not in p.relative_to(vault).parts
                      and not p.name.startswith("."))

    def free_name() -> str:
        taken = {p.stem.casefold() for p in notes()}
        while True:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}{rng.choice(['', ' Jr', ' 2'])}"
            if name.casefold() not in taken:
                return name

    counts: dict[str, int] = {}
    for _ in range(300):
        existing = notes()
        names = [p.stem for p in existing]
        op = rng.choices(["edit", "create", "rename", "delete", "case"],
                         weights=[10, 3, 2, 2, 1])[0]
        if not existing:
            op = "create"
        counts[op] = counts.get(op, 0) + 1
        if op == "edit":
            path = rng.choice(existing)
            rng.choice(SAVES)(path, random_person(rng, path.stem, names))
        elif op == "create":
            name = free_name()
            path = vault / rng.choice(folders) / f"{name}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(random_person(rng, name, names).encode())
        elif op == "rename":
            path = rng.choice(existing)
            os.rename(path, vault / rng.choice(folders) / f"{free_name()}.md")
        elif op == "delete":
            rng.choice(existing).unlink()
        else:  # case only: Jane Stone.md -> jane stone.md, or back
            path = rng.choice(existing)
            other = path.stem.lower() if path.stem != path.stem.lower() else path.stem.title()
            if other != path.stem:
                os.rename(path, path.with_name(f"{other}.md"))

    assert min(counts.values()) > 5, counts
    wait_quiet(watcher, quiet=1.0)
    assert_matches_fresh_sync(vault, tmp_path)
