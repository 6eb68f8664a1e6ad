"""`vaultnet watch`: keep the generated notes current while the user edits, for as long as it runs.

A loop around the builder, after mkdocs' livereload: the watchdog handler only records which paths
an event names and wakes the loop; the loop waits for a quiet spell, then syncs through a note store,
so that only notes whose files changed are read again, and the writer writes only notes whose bytes
change. An event is a hint to look at the disk, never the truth: every round walks the vault and
compares each file's size, mtime and inode with what it read before.

vaultnet's own writes are recognised by content (the digest of the bytes it meant to write), not by
time, so a user's edit a moment after vaultnet wrote is still seen.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from vaultnet.base.errors import VaultnetError
from vaultnet.base.settings import SETTINGS_FILE, TEMPLATE_SETTINGS, load_settings
from vaultnet.base.text import nfc
from vaultnet.pipeline.sync import NoteStore, SyncResult, gc_paused, sync
from vaultnet.read.vault import is_skipped_name
from vaultnet.write.generated import GENERATED_SUFFIXES, is_own_unedited

log = logging.getLogger("vaultnet.watch")

RESCAN_SECONDS = 300.0  # a look at every note's file, as a safety net for missed events
MAX_DELAY_SECONDS = 2.0  # under a steady stream of events, rebuild at least this often
POLL_SECONDS = 1.0


class _Handler(FileSystemEventHandler):
    """Passes events to the watcher; an exception here would kill the observer thread."""

    def __init__(self, notice: Callable[[FileSystemEvent], None]) -> None:
        self._notice = notice

    def on_any_event(self, event: FileSystemEvent) -> None:
        try:
            self._notice(event)
        except Exception:
            log.exception("could not handle %s of %s; the next rescan will catch up",
                          event.event_type, event.src_path)


class Watcher:
    """Syncs once, then again after every settled burst of changes, until `stop()`."""

    def __init__(self, root: Path, today: date | None = None, debounce: float = 0.2,
                 poll: bool = False, rescan_seconds: float = RESCAN_SECONDS) -> None:
        self.root = Path(os.path.realpath(root))
        self.shown = str(root)  # the vault as the user named it, for the log
        self.fixed_today = today
        self.debounce = debounce
        self.poll = poll
        self.rescan_seconds = rescan_seconds
        self.rounds = 0
        self.last_result: SyncResult | None = None
        self.observer: BaseObserver | None = None
        self.built = threading.Condition()  # notified after every round, for tests and tools
        self._store = NoteStore()
        self._lock = threading.Lock()
        self._pending: set[str] = set()
        self._dirty = False
        self._last_event = 0.0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._expected: dict[str, str] = {}  # output path: digest of the bytes vaultnet wrote
        self._frozen = False  # objects of past rounds set aside from the cycle collector
        self._graph: object = None  # the graph of the last round
        self._output = load_settings(self.root).output_folder if self.root.is_dir() else "Network"
        self._day: date | None = None
        self._retry_at: float | None = None
        self._failures = 0
        self._last_error = ""
        self._warned: set[str] = set()
        info = os.stat(self.root)
        self._identity = (info.st_dev, info.st_ino)

    # -- events (observer thread) ---------------------------------------------------------

    def _relative(self, path: str | bytes) -> str | None:
        text = os.fsdecode(path)
        try:
            rel = os.path.relpath(text, self.root)
        except ValueError:
            return None
        if rel == "." or rel.startswith(".." + os.sep) or rel == "..":
            return None
        return nfc(rel.replace(os.sep, "/"))

    def _wanted(self, rel: str, is_directory: bool) -> bool:
        """Whether an event at this vault path can change the generated notes."""
        if rel == SETTINGS_FILE or rel in TEMPLATE_SETTINGS:
            return True  # (which folders hold templates, and so no notes to read)
        *folders, name = rel.split("/")
        if any(folder.startswith(".") for folder in folders) or is_skipped_name(name):
            return False  # the walk reads none of these either (vaultnet's temporaries included)
        if self._in_output(rel):
            return self._changed_output(rel)
        # Exactly what the walk reads: notes, and the folders they are in. Editors' swap, backup
        # and probe files (`.swp`, `~`, `4913`, `___jb_tmp___`) are no notes, so never wake it.
        return is_directory or name.lower().endswith(".md")

    def _in_output(self, rel: str) -> bool:
        output = self._output.casefold()
        return rel.casefold() == output or rel.casefold().startswith(output + "/")

    def _changed_output(self, rel: str) -> bool:
        """Whether someone else changed the output: a generated note deleted or edited, or a
        folder of it moved or deleted. vaultnet's own writes match what it meant to write."""
        expected = self._expected.get(rel)
        if expected is None:
            if rel.endswith(GENERATED_SUFFIXES):
                return False  # not a note vaultnet generates (any more): not its business
            return not (self.root / rel).is_dir()  # a folder of the output, moved or deleted
        try:
            with open(self.root / rel, "rb") as stream:
                data = stream.read()
        except OSError:
            return True  # gone: write it again
        # A hand edit counts; another vaultnet's unedited output (a second watcher, another
        # machine's clock) does not, or two watchers would rewrite each other for ever.
        return hashlib.sha256(data).hexdigest() != expected and not is_own_unedited(data, rel)

    def notice(self, event: FileSystemEvent) -> None:
        """Record the paths an event names, if they matter, and wake the loop."""
        if event.event_type in ("opened", "closed_no_write") or (
                event.is_directory and event.event_type == "modified"):
            return
        paths = [event.src_path]
        if getattr(event, "dest_path", ""):
            paths.append(event.dest_path)
        with self._lock:  # so that a round cannot change what counts as its own write meanwhile
            wanted = [rel for path in paths if (rel := self._relative(path)) is not None
                      and self._wanted(rel, event.is_directory)]
            if not wanted:
                return
            log.debug("%s: %s", event.event_type, ", ".join(wanted))
            self._pending.update(wanted)
            self._dirty = True
            self._last_event = time.monotonic()
        self._wake.set()

    # -- the loop (main thread) -----------------------------------------------------------

    def stop(self) -> None:
        """Ask the loop to finish; safe to call from a signal handler or another thread."""
        self._stop.set()
        self._wake.set()

    def run(self) -> None:
        """Sync, watch, and sync again after each change, until stopped."""
        self._start_observer()  # before the first sync, so that no edit falls in between
        next_rescan = time.monotonic() + self.rescan_seconds
        try:
            self._build(set(), "start")
            while not self._stop.is_set():
                self._wake.wait(timeout=min(1.0, max(0.0, next_rescan - time.monotonic())))
                if self._stop.is_set():
                    break
                self._keep_observer_alive()
                batch = self._settled_batch()
                if batch is not None:
                    self._build(batch, "change")
                elif self._retry_at is not None:
                    if time.monotonic() >= self._retry_at:
                        self._build(self._take_pending(), "retry")
                elif time.monotonic() >= next_rescan:
                    # The safety net for events the system dropped: every file's size, mtime and
                    # inode are compared with what was read (a full re-read follows any error).
                    self._build(set(), "rescan")
                    self._collect_cycles()
                    next_rescan = time.monotonic() + self.rescan_seconds
                elif self._today() != self._day:
                    self._build(set(), "new day")
        finally:
            self._stop_observer()
            self._collect_cycles()

    def _settled_batch(self) -> set[str] | None:
        """The pending paths once events have paused for the debounce time; None if none."""
        first = None
        while not self._stop.is_set():
            with self._lock:
                if not self._dirty:
                    self._wake.clear()
                    return None
                now = time.monotonic()
                first = first or now
                quiet = now - self._last_event
                if quiet >= self.debounce or now - first >= MAX_DELAY_SECONDS:
                    batch, self._pending, self._dirty = self._pending, set(), False
                    self._wake.clear()
                    return batch
            self._stop.wait(min(self.debounce - quiet, MAX_DELAY_SECONDS - (now - first)))
        return None

    def _take_pending(self) -> set[str]:
        with self._lock:
            batch, self._pending, self._dirty = self._pending, set(), False
            return batch

    def _today(self) -> date:
        return self.fixed_today or date.today()

    def _build(self, recheck: set[str], reason: str) -> None:
        started = time.monotonic()
        today = self._today()
        if not self._vault_is_here():
            self._failed(recheck, f"the vault {self.shown} is gone (moved, or its drive "
                         "unmounted); waiting for it to come back")
            return
        try:
            with self._set_aside():
                # A change round reads what the events named; a walk only when it must.
                result = sync(self.root, today, store=self._store, recheck=recheck,
                              walk=reason != "change")
        except VaultnetError as err:
            self._failed(recheck, err.format_message())
            return
        except Exception as err:
            self._store = NoteStore()  # read everything again next time
            self._failed(recheck, f"the rebuild after changes to {_some(sorted(recheck))} "
                         f"failed ({type(err).__name__}: {err}); everything will be read "
                         "again", exc_info=True)
            return
        self._day, self._retry_at, self._failures, self._last_error = today, None, 0, ""
        with self._lock:
            self._output = result.vault.settings.output_folder
            self._expected = dict(result.writes.digests)
            # Events for this round's own writes may have come in while it ran, checked against
            # the round before: look at them again now that the new digests are known.
            self._pending = {rel for rel in self._pending
                             if not self._in_output(rel) or self._changed_output(rel)}
            self._dirty = bool(self._pending)
        self.last_result = result
        if result.vault.graph is not self._graph:
            # A new graph: networkx graphs hold cycles (a graph and its cached views), so the one
            # before is garbage only the cycle collector can free. Collect now, after the writes.
            replaced, self._graph = self._graph is not None, result.vault.graph
            if replaced:
                self._collect_cycles()
        self._log(result, reason, time.monotonic() - started)
        if result.vault.refresh.unsettled:
            with self._lock:  # a note was being written while it was read: read it again
                self._dirty, self._last_event = True, time.monotonic()
            self._wake.set()
        self._finish()

    @contextlib.contextmanager
    def _set_aside(self) -> Iterator[None]:
        """Build with the cycle collector off, then set what the round made aside from it.

        A round makes a few hundred thousand objects; left to the collector, they would be
        scanned again and again as they age, some 50 ms a round on a 10,000-person vault. Frozen,
        they cost nothing and are still freed as soon as nothing refers to them. The one kind of
        cycle a round leaves is a networkx graph replaced by a new one (after a change to who
        is in the vault, or their topics and ties): `_collect_cycles` runs then, after the
        round's writes, and at every rescan.
        """
        with gc_paused():
            try:
                yield
            finally:
                gc.freeze()  # before the collector is back on, or it would scan them once more
                self._frozen = True

    def _collect_cycles(self) -> None:
        """Give what past rounds set aside back to the cycle collector, and collect (idle time)."""
        if self._frozen:
            gc.unfreeze()
            gc.collect()
            self._frozen = False

    def _failed(self, recheck: set[str], message: str, exc_info: bool = False) -> None:
        """Log a failed round once, keep its changes, and try again later, backing off."""
        if message != self._last_error:
            log.error("%s", message, exc_info=exc_info)
            self._last_error = message
        with self._lock:
            self._pending |= recheck
        self._failures += 1
        self._retry_at = time.monotonic() + min(60.0, 2.0 ** (self._failures - 1))
        self._finish()

    def _vault_is_here(self) -> bool:
        try:
            info = os.stat(self.root)
        except OSError:
            return False
        return (info.st_dev, info.st_ino) == self._identity

    def _finish(self) -> None:
        with self.built:
            self.rounds += 1
            self.built.notify_all()

    def _log(self, result: SyncResult, reason: str, seconds: float) -> None:
        refresh, writes = result.vault.refresh, result.writes
        read = refresh.changed if reason != "start" else []
        what = []
        if read:
            what.append(f"read {_some(read)}")
        if refresh.removed:
            what.append(f"gone {_some(refresh.removed)}")
        changed = writes.created + writes.written
        what.append(f"wrote {_some(changed)}" if changed else "nothing to write")
        if writes.deleted:
            what.append(f"deleted {_some(writes.deleted)}")
        if reason == "start":
            what.insert(0, f"synced {len(result.vault.index.notes)} notes")
        log.info("%s in %.2f s: %s", reason, seconds, "; ".join(what))
        warnings = {f"{p.path}{f':{p.line}' if p.line else ''}: {p.message}"
                    for p in result.vault.problems}
        warnings |= {f"{p.path}: {p.message} ({p.hint})" for p in writes.kept + writes.failed}
        for warning in sorted(warnings - self._warned):  # each once, not on every round
            log.warning("%s", warning)
        self._warned = warnings

    # -- the observer ---------------------------------------------------------------------

    def _start_observer(self) -> None:
        observer = self._new_observer(self.poll)
        try:
            observer.start()
        except OSError as err:
            if self.poll or err.errno not in (errno.ENOSPC, errno.EMFILE):
                raise
            log.warning(
                "the system refused more inotify watches (%s); watching by polling instead, "
                "which is slower. To fix: sudo sysctl fs.inotify.max_user_watches=524288 "
                "fs.inotify.max_user_instances=512 (and add them to /etc/sysctl.conf)",
                err.strerror)
            self.poll = True
            observer = self._new_observer(True)
            observer.start()
        self.observer = observer
        log.info("watching %s (%s); stop with Ctrl-C", self.shown,
                 "polling" if self.poll else "file system events")

    def _new_observer(self, poll: bool) -> BaseObserver:
        observer = PollingObserver(timeout=POLL_SECONDS) if poll else Observer()
        observer.schedule(_Handler(self.notice), str(self.root), recursive=True)
        return observer

    def _keep_observer_alive(self) -> None:
        if self.observer is not None and not (
                self.observer.is_alive() and all(e.is_alive() for e in self.observer.emitters)):
            log.warning("the file watcher stopped; starting it again and reading everything")
            self._stop_observer()
            self._start_observer()
            self._store = NoteStore()
            with self._lock:
                self._dirty, self._last_event = True, time.monotonic()

    def _stop_observer(self) -> None:
        if self.observer is not None:
            _quiet_inotify_stop()
            self.observer.stop()
            self.observer.join(timeout=5)
            self.observer = None


def _inotify_stop_race(record: logging.LogRecord) -> bool:
    """False for the error watchdog 7 logs when an event arrives while its emitter stops.

    Harmless (the emitter drops the event on purpose: gorakhargosh/watchdog#963), but it would
    reach the user's terminal as an error after every clean stop that races with a write.
    """
    return not str(record.msg).startswith("InotifyEmitter.queue_events() called when the thread "
                                          "is inactive")


def _quiet_inotify_stop() -> None:
    inotify_log = logging.getLogger("watchdog.observers.inotify")
    if _inotify_stop_race not in inotify_log.filters:
        inotify_log.addFilter(_inotify_stop_race)


def _some(paths: list[str], limit: int = 3) -> str:
    shown = ", ".join(paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")
