"""`vaultnet watch` on a vault that only its person notes made one (no `.obsidian/`, no
`.vaultnet.toml`), when they go: the people folder moved out or deleted. Such a folder is no vault
to `sync`, but to watch it was one a moment ago: the log says the person notes are gone and that
nothing is written until they are back, not that the folder needs `vaultnet init`. A folder that
never was a vault still gets the advice. Real observer, real files; condition waits with timeouts.
"""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path

import pytest
from conftest import TODAY, person, snapshot
from test_watch import (
    MIA,
    MIA_SEEN_TODAY,
    OUT,
    STOP_TIMEOUT,
    assert_matches_fresh_sync,
    stay_in_touch,
    wait_quiet,
    wait_until,
)
from test_watch_recovery import Start, said, watching  # noqa: F401 (a fixture)

from vaultnet.watch.watcher import Watcher

pytestmark = pytest.mark.filterwarnings("ignore:Callback with id:RuntimeWarning")

PEOPLE_GONE = "person notes are gone"
INIT_ADVICE = "vaultnet init"


def move_out(vault: Path, where: Path) -> Path:
    """`mv People ../People`, as a user tidying up does."""
    return (vault / "People").rename(where / "People")


def delete(vault: Path, where: Path) -> Path:
    """`rm -rf People`, keeping a copy to put back."""
    kept = shutil.copytree(vault / "People", where / "People")
    shutil.rmtree(vault / "People")
    return Path(kept)


@pytest.mark.parametrize("poll", [False, True], ids=["inotify", "polling"])
@pytest.mark.parametrize("take", [move_out, delete], ids=lambda f: f.__name__)
def test_a_vault_whose_person_notes_go_says_so_and_writes_nothing_until_they_are_back(
        watching: Start, tmp_path: Path, take, poll):  # noqa: F811
    watcher, logged = watching(poll=poll)
    vault = watcher.root
    assert not (vault / ".obsidian").exists() and not (vault / ".vaultnet.toml").exists()
    output = snapshot(vault / OUT)
    rounds = watcher.rounds
    kept = take(vault, tmp_path)
    # (The round logs why it was refused before it counts itself ended: wait for both.)
    wait_until(watcher, lambda: bool(said(logged, PEOPLE_GONE)) and watcher.rounds > rounds,
               what="the person notes to be said gone, and that round ended")
    gone = said(logged, PEOPLE_GONE)
    assert gone == [f"{watcher.shown}: its person notes are gone (People/ moved or deleted?); nothing is "
                    "written until they are back"]
    messages = [message for _, message in logged.messages]
    assert not any(INIT_ADVICE in m or "does not look like a vault" in m for m in messages)
    wait_quiet(watcher)
    if take is move_out:  # (a round may fall in the middle of `rm -rf`, and sync what is left)
        assert snapshot(vault / OUT) == output  # nothing written, nothing deleted

    # Back again: synced as before, and an edit made while they were away is seen.
    (kept / MIA.removeprefix("People/")).write_text(MIA_SEEN_TODAY, encoding="utf-8")
    kept.rename(vault / "People")
    wait_until(watcher, lambda: "Mia Mentor" not in stay_in_touch(vault),
               what="the person notes, back, to be synced")
    wait_quiet(watcher)
    assert_matches_fresh_sync(vault, tmp_path)
    assert len(said(logged, PEOPLE_GONE)) == 1  # said once, not on every retry


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_a_folder_that_never_was_a_vault_still_gets_the_init_advice(make_vault):
    """A watcher made on a folder that is no vault (the CLI refuses one before it watches): its
    rounds fail with the advice `sync` gives, until a person note makes it a vault; that note
    gone, it was one."""
    folder = make_vault({"Daily/2026-11-24.md": "Lunch with [[Pat Peer]]\n"})
    watcher = Watcher(folder, today=TODAY, debounce=0.05)
    errors = Errors()
    logging.getLogger("vaultnet.watch").addHandler(errors)
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        wait_until(watcher, lambda: bool(errors.messages), what="the first round to be refused")
        assert "does not look like a vault" in errors.messages[0]
        assert INIT_ADVICE in errors.messages[0] and PEOPLE_GONE not in errors.messages[0]
        assert not (folder / OUT).exists()
        (folder / "People").mkdir()
        (folder / "People/Pat Peer.md").write_text(person("Pat Peer", role="peer"),
                                                  encoding="utf-8")
        wait_until(watcher, lambda: (folder / OUT / "Network.md").exists(),
                   what="the folder, now a vault, to be synced")
        shutil.rmtree(folder / "People")
        wait_until(watcher, lambda: any(PEOPLE_GONE in m for m in errors.messages),
                   what="the person note to be said gone")
        assert sum(INIT_ADVICE in m for m in errors.messages) == 1
    finally:
        watcher.stop()
        thread.join(timeout=STOP_TIMEOUT)
        logging.getLogger("vaultnet.watch").removeHandler(errors)
    assert not thread.is_alive()
