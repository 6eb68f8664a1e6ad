"""`vaultnet watch` through trouble: a dead observer, refused inotify watches, a failing handler,
broken settings, and Ctrl-C. Real observer, real files; waits are condition waits with timeouts."""

from __future__ import annotations

import errno
import logging
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import TODAY, person, sigint_as_in_a_terminal
from test_watch import (
    BASE,
    FOLLOWUPS,
    MIA,
    MIA_SEEN_TODAY,
    START_TIMEOUT,
    STOP_TIMEOUT,
    stay_in_touch,
    wait_until,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from vaultnet.watch import events, observer
from vaultnet.watch.watcher import Watcher

pytestmark = pytest.mark.filterwarnings("ignore:Callback with id:RuntimeWarning")


class Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.levelno, record.getMessage()))


@pytest.fixture
def running(make_vault) -> Iterator[tuple[Watcher, Logged]]:
    """A watcher on the BASE vault running in a thread, and what it logged; stopped afterwards."""
    logged = Logged()
    logging.getLogger("vaultnet.watch").addHandler(logged)
    watcher = Watcher(make_vault(BASE), today=TODAY, debounce=0.05)
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        wait_until(watcher, lambda: watcher.rounds >= 1, what="the first sync")
        yield watcher, logged
    finally:
        watcher.stop()
        thread.join(timeout=STOP_TIMEOUT)
        logging.getLogger("vaultnet.watch").removeHandler(logged)
        assert not thread.is_alive()


def edit_is_picked_up(watcher: Watcher) -> None:
    (watcher.root / MIA).write_text(MIA_SEEN_TODAY, encoding="utf-8")
    wait_until(watcher, lambda: "Mia Mentor" not in stay_in_touch(watcher.root),
               what="the edit to reach Follow-ups.md")


def test_a_dead_observer_is_started_again(running):
    watcher, logged = running
    dead = watcher.observer
    assert dead is not None
    dead.stop()
    dead.join(timeout=5)
    wait_until(watcher, lambda: watcher.observer is not None and watcher.observer is not dead
               and watcher.observer.is_alive(), what="a new observer")
    assert any("starting it again" in message for _, message in logged.messages)
    edit_is_picked_up(watcher)


class RefusingObserver(Observer):  # type: ignore[misc,valid-type]
    """The kernel's answer when the inotify watch limit is reached, as watchdog passes it on."""

    def start(self) -> None:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")


@pytest.fixture
def refusing_inotify(monkeypatch):
    """The next watcher's inotify observer is refused; requested before `running`."""
    monkeypatch.setattr(observer, "Observer", RefusingObserver)


def test_refused_inotify_watches_fall_back_to_polling(refusing_inotify, running):
    watcher, logged = running
    assert isinstance(watcher.observer, PollingObserver) and watcher.poll
    warning = next(m for level, m in logged.messages if level == logging.WARNING)
    assert "fs.inotify.max_user_watches" in warning
    edit_is_picked_up(watcher)


def test_an_exception_while_handling_an_event_is_logged_and_watching_goes_on(running,
                                                                              monkeypatch):
    watcher, logged = running
    wanted = events.wanted
    failed = threading.Event()

    def once_broken(rel: str, is_directory: bool, output: events.OwnOutput) -> bool:
        if rel == "People/Boom.md" and not failed.is_set():
            failed.set()
            raise RuntimeError("boom")
        return wanted(rel, is_directory, output)

    monkeypatch.setattr(events, "wanted", once_broken)
    (watcher.root / "People/Boom.md").write_text(person("Boom"), encoding="utf-8")
    assert failed.wait(timeout=10)
    assert watcher.observer is not None and watcher.observer.is_alive()
    edit_is_picked_up(watcher)
    errors = [m for level, m in logged.messages if level >= logging.ERROR]
    assert errors and "People/Boom.md" in errors[0] and "next rescan" in errors[0]


def test_broken_settings_are_logged_and_the_next_fix_is_synced(running):
    watcher, logged = running
    settings = watcher.root / ".vaultnet.toml"
    settings.write_text("people_folder = [\n", encoding="utf-8")
    wait_until(watcher, lambda: any("not valid TOML" in m for _, m in logged.messages),
               what="the broken settings to be reported")
    settings.write_text('people_folder = "People"\n', encoding="utf-8")
    edit_is_picked_up(watcher)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=lambda sig: sig.name)
def test_the_cli_stops_cleanly_on_ctrl_c_and_sigterm(make_vault, sig):
    vault = make_vault(BASE)
    # SIGINT as a terminal delivers it: a test run started in the background by a script (`pytest
    # &`) ignores SIGINT, and a child inherits that, so the watcher would never see the signal.
    process = subprocess.Popen(
        [sys.executable, "-m", "vaultnet", "watch", "--vault", str(vault), "--today",
         TODAY.isoformat(), "--debounce", "50"], stderr=subprocess.PIPE, text=True,
        preexec_fn=sigint_as_in_a_terminal)
    lines: list[str] = []  # stderr, as the process logs it
    started = threading.Event()  # the first round's log line, or the end of stderr

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.append(line)
            if " start in " in line:
                started.set()
        started.set()  # a process that dies before its first round is not waited for

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert started.wait(timeout=START_TIMEOUT), f"no first round in {START_TIMEOUT} s"
        assert any(" start in " in line for line in lines), "".join(lines)
        assert (vault / FOLLOWUPS).exists()
        process.send_signal(sig)
        assert process.wait(timeout=STOP_TIMEOUT) == 0, "".join(lines)
        reader.join(timeout=STOP_TIMEOUT)  # the rest of stderr, now that it is closed
        assert not reader.is_alive()
        assert "stopped" in "".join(lines)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join(timeout=STOP_TIMEOUT)
    assert not list(Path(vault).rglob(".vaultnet-*.tmp"))


def test_stopping_is_bounded_when_watchdog_hangs_in_its_stop(make_vault, monkeypatch):
    """watchdog's `stop` joins its emitters with no bound, and an emitter caught in a read can
    hold it: stopping the vault's observer gives up after STOP_SECONDS, so that Ctrl-C always
    ends `vaultnet watch`."""
    monkeypatch.setattr(observer, "STOP_SECONDS", 0.5)
    watching = observer.VaultObserver(make_vault(BASE), "vault", False, lambda event: None)
    watching.start()
    real = watching.observer
    assert real is not None
    release = threading.Event()
    real_stop = real.stop

    def hanging_stop() -> None:  # as watchdog's stop does while an emitter will not end
        release.wait(timeout=60)
        real_stop()

    monkeypatch.setattr(real, "stop", hanging_stop)
    stopping = threading.Thread(target=watching.stop, daemon=True)
    stopping.start()
    stopping.join(timeout=STOP_TIMEOUT)
    try:
        assert not stopping.is_alive(), "stop waited on watchdog's stop past its bound"
        assert watching.observer is None
    finally:
        release.set()
        real.join(timeout=STOP_TIMEOUT)
    assert not real.is_alive()


@pytest.mark.slow
def test_two_watchers_on_one_vault_do_not_rewrite_each_other(make_vault):
    vault = make_vault(BASE)
    first = Watcher(vault, today=TODAY, debounce=0.05)
    second = Watcher(vault, today=TODAY + timedelta(days=1), debounce=0.05)
    threads = [threading.Thread(target=w.run, daemon=True) for w in (first, second)]
    try:
        threads[0].start()
        wait_until(first, lambda: first.rounds >= 1, what="the first watcher's first sync")
        threads[1].start()
        wait_until(second, lambda: second.rounds >= 1, what="the second watcher's first sync")
        rounds = (first.rounds, second.rounds)
        with first.built:  # a condition wait: no round may come
            first.built.wait_for(lambda: first.rounds > rounds[0] + 2, timeout=2.0)
        assert first.rounds <= rounds[0] + 2 and second.rounds <= rounds[1] + 2
    finally:
        for watcher, thread in zip((first, second), threads, strict=True):
            watcher.stop()
            thread.join(timeout=STOP_TIMEOUT)


@pytest.mark.slow
def test_a_failing_round_is_reported_once_and_retried(running):
    watcher, logged = running
    (watcher.root / ".vaultnet.toml").write_text("quiet_days = 'x'\n", encoding="utf-8")
    start = watcher.rounds
    wait_until(watcher, lambda: watcher.rounds >= start + 3, timeout=15,
               what="the change and two retries")
    errors = [m for level, m in logged.messages if level >= logging.ERROR]
    assert len(errors) == 1 and "quiet_days" in errors[0]
    (watcher.root / ".vaultnet.toml").unlink()
    edit_is_picked_up(watcher)


def test_a_vault_that_goes_away_is_not_written_again(make_vault):
    vault = make_vault(BASE)
    watcher = Watcher(vault, today=TODAY, debounce=0.05, rescan_seconds=0.3)
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        wait_until(watcher, lambda: watcher.rounds >= 1, what="the first sync")
        vault.rename(vault.with_name("moved"))
        start = watcher.rounds
        wait_until(watcher, lambda: watcher.rounds >= start + 2, what="two rescans")
        assert not vault.exists()
    finally:
        watcher.stop()
        thread.join(timeout=STOP_TIMEOUT)


def test_a_folder_moved_in_is_read_whatever_its_name(running, tmp_path):
    """Watch reads what the walk reads: a folder named like a temporary one still holds notes."""
    watcher, _ = running
    outside = tmp_path / "outside" / "Clients.tmp"
    outside.mkdir(parents=True)
    (outside / "Quinn.md").write_text(person("Quinn", role="mentor"), encoding="utf-8")
    outside.rename(watcher.root / "Clients.tmp")  # one event: the folder moved in
    wait_until(watcher, lambda: "Quinn" in stay_in_touch(watcher.root),
               what="Quinn, in a folder moved into the vault, to be due")
