"""`vaultnet watch`: keep the generated notes current while the user edits, for as long as it runs.

A loop around the builder, after mkdocs' livereload: the watchdog handler only records which paths
an event names and wakes the loop (`events`); the loop waits for a quiet spell, then syncs through a
note store, so that only notes whose files changed are read again, and the writer writes only notes
whose bytes change. An event is a hint to look at the disk, never the truth: every round walks the
vault and compares each file's size, mtime and inode with what it read before.

vaultnet's own writes are recognised by content (the digest of the bytes it meant to write), not by
time, so a user's edit a moment after vaultnet wrote is still seen.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from watchdog.events import FileSystemEvent
from watchdog.observers.api import BaseObserver

from vaultnet.base.errors import VaultnetError
from vaultnet.base.settings import load_settings
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.one_at_a_time import one_sync_at_a_time
from vaultnet.pipeline.sync import SyncResult, ensure_vault, sync
from vaultnet.watch.events import Changes
from vaultnet.watch.memory import SetAside
from vaultnet.watch.observer import POLL_SECONDS, VaultObserver
from vaultnet.watch.report import RoundLog, name_some

log = logging.getLogger("vaultnet.watch")

RESCAN_SECONDS = 300.0  # a look at every note's file, as a safety net for missed events
MAX_DELAY_SECONDS = 2.0  # under a steady stream of events, rebuild at least this often


def _waiting() -> None:
    log.info("another vaultnet is syncing this vault: waiting for it to finish")


class Watcher:
    """Sync once, then again after every settled burst of changes, until `stop()`."""

    def __init__(self, root: Path, today: date | None = None, debounce: float = 0.2,
                 poll: bool = False, rescan_seconds: float = RESCAN_SECONDS) -> None:
        self.root = Path(os.path.realpath(root))
        self.shown = os.path.abspath(root)  # the vault's path for the log (never just ".")
        self.fixed_today = today
        self.debounce = debounce
        self.rescan_seconds = rescan_seconds
        self.rounds = 0
        self.last_result: SyncResult | None = None
        # Notified after every round and every turn of the loop (see `busy`), for tests and tools.
        self.built = threading.Condition()
        # Whether the loop is at work: taking changes or running a round, whose files change
        # until it ends (under `built`, which is notified as it stops; for tests and tools).
        self.busy = False
        self._store = NoteStore()
        self._stop = threading.Event()
        output = load_settings(self.root).output_folder if self.root.is_dir() else "Network"
        self._changes = Changes(self.root, output)
        self._observing = VaultObserver(self.root, self.shown, poll, self._changes.notice)
        self._memory = SetAside()
        self._report = RoundLog()
        self._day: date | None = None
        self._retry_at: float | None = None
        self._failures = 0
        info = os.stat(self.root)
        self._identity = (info.st_dev, info.st_ino)  # the folder watched as the vault
        self._away = False  # no folder at the vault's path when it was last looked at
        self._was_vault = False  # a round of this folder was synced (it was a vault then)

    @property
    def poll(self) -> bool:
        """Whether the vault is watched by polling (asked for, or inotify refused more watches)."""
        return self._observing.poll

    @poll.setter
    def poll(self, poll: bool) -> None:
        self._observing.poll = poll

    @property
    def observer(self) -> BaseObserver | None:
        """The running watchdog observer; None before `run()` and after it ends."""
        return self._observing.observer

    def notice(self, event: FileSystemEvent) -> None:
        """Record the paths an event names, if they matter, and wake the loop."""
        self._changes.notice(event)

    def pending(self) -> bool:
        """Return whether changes are waiting for a round."""
        return self._changes.pending()

    def stop(self) -> None:
        """Ask the loop to finish; safe to call from a signal handler or another thread."""
        self._stop.set()
        self._changes.wake.set()

    def run(self) -> None:
        """Sync, watch, and sync again after each change, until stopped."""
        self._observing.start()  # before the first sync, so that no edit falls in between
        next_rescan = time.monotonic() + self.rescan_seconds
        try:
            with self._at_work():
                self._build(set(), "start")
            # A polling observer's first look was taken before that sync wrote anything: a page
            # it wrote and someone deleted before the next look is seen by neither. One look at
            # the pages after two polls finds it.
            pages_at = time.monotonic() + 2 * POLL_SECONDS if self.poll else None
            while not self._stop.is_set():
                self._changes.wake.wait(timeout=min(1.0, max(0.0, next_rescan - time.monotonic())))
                if self._stop.is_set():
                    break
                with self._at_work():  # (from the changes taken to the round's end: `busy`)
                    self._follow_the_vault()
                    if pages_at is not None and time.monotonic() >= pages_at:
                        pages_at = None
                        self._changes.ask_for_gone(self.last_result.writes.digests
                                                   if self.last_result is not None else ())
                    batch = self._changes.settled(self.debounce, MAX_DELAY_SECONDS, self._stop)
                    if batch is not None:
                        self._build(batch, "rescan" if self._changes.full_round() else "change")
                    elif self._retry_at is not None:
                        if time.monotonic() >= self._retry_at:
                            self._build(self._changes.take(), "retry")
                    elif time.monotonic() >= next_rescan:
                        # The safety net for events the system dropped: every file's size, mtime
                        # and inode are compared with what was read (a full re-read follows any
                        # error).
                        self._build(set(), "rescan")
                        self._memory.collect()
                        next_rescan = time.monotonic() + self.rescan_seconds
                    elif self._today() != self._day:
                        self._build(set(), "new day")
        finally:
            self._observing.stop()
            self._memory.collect()

    @contextlib.contextmanager
    def _at_work(self) -> Iterator[None]:
        """`busy` while the block runs."""
        with self.built:
            self.busy = True
        try:
            yield
        finally:
            with self.built:
                self.busy = False
                self.built.notify_all()

    def _follow_the_vault(self) -> bool:
        """Watch the folder at the vault's path, whichever it is (a cheap look, every second);
        return whether it took up a folder there, to be read all at once the debounce time on.

        A folder moved away or deleted is watched no more (the observer would go on reporting a
        moved folder's events under the vault's path); a round says the vault is gone. A folder
        at the path again, or another one there (a backup restored, the vault cloned again), is
        what the user pointed watch at: it is watched and read as the vault, all of it."""
        here = folder_identity(self.root)
        # Its deletion seen tells what the inode cannot: a new folder may get the old one's.
        if here is None or self._changes.root_gone():
            if not self._away:
                self._away = True
                self._observing.stop()
                self._changes.look_again()  # a round says so (once), and retries until it is back
            if here is None:
                return False
        if here == self._identity and not self._away:
            self._keep_observer_alive()
            return False
        log.warning("%s: watching it and reading it all as the vault",
                    f"a folder is at the vault's path {self.shown} again" if self._away else
                    f"the vault {self.shown} is another folder now (a backup restored, the vault "
                    "cloned again)")
        if here != self._identity:
            self._was_vault = False  # (another folder: it may never have been a vault)
        self._identity, self._away = here, False
        self._store = NoteStore()  # (another folder's notes, or a folder changed while away)
        self._start_observer()
        return True

    def _keep_observer_alive(self) -> None:
        if self._observing.died():
            log.warning("the file watcher stopped; starting it again and reading everything")
            self._start_observer()
        elif self._observing.observer is None:
            self._start_observer()  # (starting it failed the last time)

    def _start_observer(self) -> None:
        """Start a new observer on the vault's folder, and read everything: the events it
        missed are unknown."""
        self._observing.stop()
        self._changes.root_gone()  # (what the observer stopped said of its folder is no news)
        try:
            self._observing.start()
        except OSError as err:  # (the folder gone again meanwhile, or not to be watched)
            self._report.failed(f"could not watch {self.shown} ({err}); trying again")
            return
        self._store = NoteStore()
        self._changes.look_at_everything()

    def _today(self) -> date:
        return self.fixed_today or date.today()

    def _build(self, recheck: set[str], reason: str) -> None:
        started = time.monotonic()
        today = self._today()
        if self._follow_the_vault():  # (replaced since the loop looked, as a copy may still be)
            self._changes.keep(recheck)
            return
        if self._away:
            self._failed(recheck, f"the vault {self.shown} is gone (moved, or its drive "
                         "unmounted); waiting for it to come back")
            return
        try:
            # A change round reads what the events named; a walk only when it must. (Another
            # process's sync of the vault ends first, unless watch is stopped meanwhile: see
            # `one_sync_at_a_time`.)
            with self._memory.building(), \
                    one_sync_at_a_time(self.root, _waiting, stop=self._stop) as ours:
                if not ours:  # (stopped while it waited)
                    return
                result = sync(self.root, today, store=self._store, recheck=recheck,
                              walk=reason != "change")
        except VaultnetError as err:
            self._failed(recheck, self._refused(err))
            return
        except Exception as err:
            self._store = NoteStore()  # read everything again next time
            self._failed(recheck, f"the rebuild after changes to {name_some(sorted(recheck))} "
                         f"failed ({type(err).__name__}: {err}); everything will be read "
                         "again", exc_info=True)
            return
        self._day, self._retry_at, self._failures = today, None, 0
        self._was_vault = True
        notes, named = result.vault.index.notes, result.vault.refresh.problems
        self._changes.wrote(result.vault.settings.output_folder, result.writes.digests,
                            lambda: [*(note.path for note in notes), *(p.path for p in named)])
        self.last_result = result
        self._memory.built(result.vault.graph)  # after the writes, so as not to delay them
        self._report.built(result, reason, time.monotonic() - started)
        if result.vault.refresh.unsettled:
            self._changes.look_again()  # a note was being written while it was read: read it again
            self._changes.wake.set()
        self._finish()

    def _refused(self, err: VaultnetError) -> str:
        """Why a round was refused. A folder that was a vault on an earlier round and is refused
        as none now is one that only its person notes made a vault (no `.obsidian/`, no settings
        file), and they are gone: said so, rather than `sync`'s advice to make it one with
        `vaultnet init`, which is for a folder that never was."""
        if not self._was_vault or self.last_result is None or not self._no_vault():
            return err.format_message()
        vault = self.last_result.vault
        places = sorted({p.path.split("/")[0] + "/" if "/" in p.path else p.path
                         for p in vault.index.people}) or [f"{vault.settings.people_folder}/"]
        return (f"{self.shown}: its person notes are gone ({name_some(places)} moved or "
                "deleted?); nothing is written until they are back")

    def _no_vault(self) -> bool:
        """Whether the folder is refused as no vault now (`ensure_vault`, the very rule of
        `sync`, asked again: a round may be refused for other reasons)."""
        try:
            ensure_vault(self.root)
        except VaultnetError:
            return True
        except Exception:  # (the round's own error is the one to tell)
            log.debug("could not tell whether %s is still a vault", self.shown, exc_info=True)
        return False

    def _failed(self, recheck: set[str], message: str, exc_info: bool = False) -> None:
        """Log a failed round once, keep its changes, and try again later, backing off."""
        self._report.failed(message, exc_info=exc_info)
        self._changes.keep(recheck)
        self._failures += 1
        self._retry_at = time.monotonic() + min(60.0, 2.0 ** (self._failures - 1))
        self._finish()

    def _finish(self) -> None:
        with self.built:
            self.rounds += 1
            self.built.notify_all()


def folder_identity(path: Path) -> tuple[int, int] | None:
    """The device and inode of the folder at `path`; None if there is none to look at."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None
