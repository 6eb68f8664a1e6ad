"""`vaultnet watch` when its ground moves: the vault's folder replaced at the same path (a backup
restored, a vault cloned again), moved away and back, and file events the system lost (a full
inotify queue). Real observer, real files; waits are condition waits with timeouts, and the
rescan that would catch up anyway is five minutes off, as it is by default."""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import TODAY, person
from test_watch import (
    BASE,
    MIA,
    MIA_SEEN_TODAY,
    OUT,
    STOP_TIMEOUT,
    assert_matches_fresh_sync,
    stay_in_touch,
    text_of,
    wait_quiet,
    wait_until,
)
from test_watch_faults import Logged
from watchdog.events import EventsLostEvent, FileSystemEvent

from vaultnet.watch import events, observer
from vaultnet.watch.watcher import Watcher

pytestmark = pytest.mark.filterwarnings("ignore:Callback with id:RuntimeWarning")

DEBOUNCE = 0.2  # the command's own: a burst of copies or deletions is one round
TAKEN_UP = "reading it all as the vault"  # what the log says when it takes up a folder
GONE = "is gone"
LOST = "file events were lost"

Start = Callable[..., tuple[Watcher, Logged]]


@pytest.fixture
def watching(make_vault) -> Iterator[Start]:
    """Start a watcher on the BASE vault in a thread, after its first round; stop it after.

    Unlike test_watch's `watch`, errors may be logged here (a vault that is gone is one); an
    exception out of `run()` still fails the test, as does a watcher that will not stop."""
    started: list[tuple[Watcher, threading.Thread, list[BaseException]]] = []
    logged = Logged()
    logger = logging.getLogger("vaultnet.watch")
    logger.addHandler(logged)

    def start(**options: object) -> tuple[Watcher, Logged]:
        options = {"debounce": DEBOUNCE, **options}
        watcher = Watcher(make_vault(BASE), today=TODAY, **options)  # type: ignore[arg-type]
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
        return watcher, logged

    try:
        yield start
    finally:
        logger.removeHandler(logged)
        for watcher, thread, errors in started:
            watcher.stop()
            thread.join(timeout=STOP_TIMEOUT)
            assert not thread.is_alive(), f"still running {STOP_TIMEOUT} s after stop()"
            assert not errors, errors


def said(logged: Logged, words: str) -> list[str]:
    return [message for _, message in logged.messages if words in message]


def remove(folder: Path) -> None:
    """`rm -rf`, again if the watcher wrote into the folder while it was being removed."""
    deadline = time.monotonic() + 10
    while folder.exists():
        shutil.rmtree(folder, ignore_errors=time.monotonic() < deadline)


def notes_only(vault: Path, where: Path) -> Path:
    """A copy of the vault without its output folder, as a clone that ignores it would be."""
    shutil.copytree(vault, where, ignore=lambda folder, names:
                    [OUT] if Path(folder) == vault else [])
    return where


def restore_a_backup(vault: Path, tmp_path: Path) -> None:
    """`rm -rf vault; cp -r backup vault`, from a backup (or a clone) without the output folder."""
    backup = notes_only(vault, tmp_path / "backup")
    remove(vault)
    shutil.copytree(backup, vault)


def move_away_and_copy_back(vault: Path, tmp_path: Path) -> None:
    """`mv vault vault.old; cp -r vault.old vault`: the copy is a new folder, output and all."""
    old = vault.rename(tmp_path / "vault.old")
    shutil.copytree(old, vault)


@pytest.mark.parametrize("poll", [False, True], ids=["inotify", "polling"])
@pytest.mark.parametrize("replace", [restore_a_backup, move_away_and_copy_back],
                         ids=lambda f: f.__name__)
def test_a_folder_put_at_the_vaults_path_is_synced_as_the_vault(watching, tmp_path, replace,
                                                                poll):
    watcher, logged = watching(poll=poll)
    vault = watcher.root
    replace(vault, tmp_path)
    wait_until(watcher, lambda: "Mia Mentor" in stay_in_touch(vault),
               what="the new folder to be synced")
    # Watched from now on: an edit in the new folder is synced.
    (vault / MIA).write_text(MIA_SEEN_TODAY, encoding="utf-8")
    wait_until(watcher, lambda: "Mia Mentor" not in stay_in_touch(vault),
               what="an edit in the new folder to reach Follow-ups.md")
    wait_quiet(watcher, quiet=1.5 if poll else 0.4)
    assert_matches_fresh_sync(vault, tmp_path)
    # A folder put where another was, while the other is still there (moved away), is another
    # folder to any look. One removed first may get the old one's inode number back, as file
    # systems give them out again: then only its removal, if seen (an inotify event, a look in
    # between), tells it from the old one, and otherwise all its files are news to the observer.
    taken_up = said(logged, TAKEN_UP)
    assert len(taken_up) == 1 if replace is move_away_and_copy_back else len(taken_up) <= 1
    old = tmp_path / "vault.old"
    if old.exists():  # the folder moved away is no longer the vault: left as it was
        assert "Mia Mentor" in stay_in_touch(old)


def test_a_vault_moved_away_is_said_gone_at_once_and_taken_up_again_when_back(watching,
                                                                              tmp_path):
    watcher, logged = watching()
    vault = watcher.root
    away = vault.rename(tmp_path / "away")
    wait_until(watcher, lambda: bool(said(logged, GONE)), what="the vault to be said gone")
    assert not vault.exists()  # never recreated
    (away / MIA).write_text(MIA_SEEN_TODAY, encoding="utf-8")  # not the vault while away
    away.rename(vault)
    wait_until(watcher, lambda: "Mia Mentor" not in stay_in_touch(vault),
               what="the vault, back, to be read again")
    wait_quiet(watcher)
    assert_matches_fresh_sync(vault, tmp_path)
    assert len(said(logged, GONE)) == 1 and len(said(logged, TAKEN_UP)) == 1


def test_a_folder_that_is_no_vault_put_at_its_path_gets_nothing_written(watching, tmp_path):
    watcher, logged = watching()
    vault = watcher.root
    away = vault.rename(tmp_path / "away")
    vault.mkdir()  # an empty folder: no vault until the notes are back

    def refused() -> bool:
        messages = [message for _, message in logged.messages]
        taken_up = [i for i, message in enumerate(messages) if TAKEN_UP in message]
        return bool(taken_up) and any("does not look like a vault" in message
                                      for message in messages[taken_up[0]:])

    wait_until(watcher, refused, what="the empty folder to be taken up, and refused")
    wait_quiet(watcher)
    assert not (vault / OUT).exists()
    shutil.copytree(notes_only(away, tmp_path / "backup"), vault, dirs_exist_ok=True)
    wait_until(watcher, lambda: "Mia Mentor" in stay_in_touch(vault),
               what="the notes copied in to be synced")
    wait_quiet(watcher)
    assert_matches_fresh_sync(vault, tmp_path)


def test_events_lost_start_a_full_round_at_once(watching, tmp_path, monkeypatch):
    """After a full inotify queue watchdog gives an `EventsLostEvent` on the vault's root; the
    edits whose events were lost are read by a round that compares every note's file."""
    watcher, logged = watching(debounce=0.5)
    vault = watcher.root
    # The kernel drops the events of an edit: here, the handler loses them, up to a marker file.
    wanted, losing, lost = events.wanted, threading.Event(), threading.Event()

    def losing_wanted(rel: str, is_directory: bool, output: events.OwnOutput) -> bool:
        if losing.is_set():
            if rel == "marker.txt":
                losing.clear()
                lost.set()
            return False
        return wanted(rel, is_directory, output)

    monkeypatch.setattr(events, "wanted", losing_wanted)
    losing.set()
    (vault / MIA).write_text(MIA_SEEN_TODAY, encoding="utf-8")
    (vault / "marker.txt").write_text("", encoding="utf-8")  # (its events come after the edit's)
    assert lost.wait(timeout=10)
    assert not watcher.pending()
    # Then watchdog's word for it, into the handler the observer runs, twice in a row.
    assert watcher.observer is not None
    emitter = next(iter(watcher.observer.emitters))
    rounds = watcher.rounds
    emitter.queue_event(EventsLostEvent(str(vault)))
    emitter.queue_event(EventsLostEvent(str(vault)))
    wait_until(watcher, lambda: "Mia Mentor" not in stay_in_touch(vault),
               what="the edit whose events were lost to be read")
    wait_quiet(watcher)
    assert watcher.rounds - rounds <= 2
    assert len(said(logged, LOST)) == 1
    assert_matches_fresh_sync(vault, tmp_path)
    assert "marker" not in text_of(vault, f"{OUT}/Network.md")


def test_changes_take_events_lost_as_a_full_round(make_vault):
    """The rule alone: an events-lost event on the root is a change, the round a full one."""
    vault = make_vault(BASE)
    changes, stop = events.Changes(vault, OUT), threading.Event()
    changes.notice(EventsLostEvent(str(vault)))
    assert changes.pending()
    assert changes.settled(0.0, 2.0, stop) == set()
    assert changes.full_round()
    assert not changes.full_round()  # taken


def test_notes_read_never_reach_the_observer(make_vault):
    """A round reads hundreds of notes (every one after a change of settings), and so do
    Obsidian, a search and a backup: the observer asks the system for changes alone, so that
    no read reaches its thread (two events a note, each taken beside the round, and enough of
    them fill the system's queue: a round that reads everything again)."""
    vault = make_vault({**BASE, **{f"People/P{n}.md": person(f"P{n}") for n in range(100)}})
    heard: list[tuple[str, str]] = []
    marked = threading.Event()

    def notice(event: FileSystemEvent) -> None:
        heard.append((event.event_type, os.fsdecode(event.src_path)))
        if os.fsdecode(event.src_path).endswith("marker.md"):
            marked.set()

    watching = observer.VaultObserver(vault, "vault", False, notice)
    watching.start()
    try:
        for _ in range(3):
            for note in sorted(vault.rglob("*.md")):
                note.read_bytes()
        # (The system gives a watch's events in order: once the marker's come, the reads' had.)
        (vault / "marker.md").write_text("", encoding="utf-8")
        assert marked.wait(timeout=10)
    finally:
        watching.stop()
    assert {kind for kind, _ in heard} <= {"created", "modified", "closed"}
    assert {path for _, path in heard} == {str(vault / "marker.md")}
