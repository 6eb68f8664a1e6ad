"""The watchdog observer under `vaultnet watch`: started (polling if inotify refuses), restarted, stopped."""

from __future__ import annotations

import errno
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from vaultnet.watch.events import WATCHED_EVENTS, EventHandler

log = logging.getLogger("vaultnet.watch")

POLL_SECONDS = 1.0
# How long `stop` waits for the observer's thread to end. Its threads are daemons, so one that
# outlives the wait cannot keep the process from exiting.
STOP_SECONDS = 5.0


class VaultObserver:
    """Run one watchdog observer on the vault, passing every event to `notice`."""

    def __init__(self, root: Path, shown: str, poll: bool,
                 notice: Callable[[FileSystemEvent], None]) -> None:
        self.root = root
        self.shown = shown  # the vault as the user named it, for the log
        self.poll = poll
        self.observer: BaseObserver | None = None
        self._notice = notice

    def start(self) -> None:
        """Start observing, by polling instead if the system refuses more inotify watches."""
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
        observer.schedule(EventHandler(self._notice), str(self.root), recursive=True,
                          event_filter=list(WATCHED_EVENTS))
        return observer

    def died(self) -> bool:
        """Return whether the running observer, or one of its emitters, has stopped by itself."""
        return self.observer is not None and not (
            self.observer.is_alive() and all(e.is_alive() for e in self.observer.emitters))

    def stop(self) -> None:
        """Stop observing, waiting at most STOP_SECONDS in all.

        watchdog's `stop` joins the emitters' threads with no bound (an emitter caught in a read
        of the inotify descriptor can hold it for good), so it runs in a daemon thread of its
        own, which is left behind, as the observer's threads are, when time is up."""
        if self.observer is not None:
            _quiet_inotify_stop()
            observer, self.observer = self.observer, None
            deadline = time.monotonic() + STOP_SECONDS
            stopping = threading.Thread(target=observer.stop, name="vaultnet-observer-stop",
                                        daemon=True)
            stopping.start()
            stopping.join(timeout=STOP_SECONDS)
            observer.join(timeout=max(0.0, deadline - time.monotonic()))


def _inotify_stop_race(record: logging.LogRecord) -> bool:
    """Drop the error watchdog 7 logs when an event arrives while its emitter stops."""
    # Harmless (the emitter drops the event on purpose: gorakhargosh/watchdog#963), but it would
    # reach the user's terminal as an error after every clean stop that races with a write.
    return not str(record.msg).startswith("InotifyEmitter.queue_events() called when the thread "
                                          "is inactive")


def _quiet_inotify_stop() -> None:
    inotify_log = logging.getLogger("watchdog.observers.inotify")
    if _inotify_stop_race not in inotify_log.filters:
        inotify_log.addFilter(_inotify_stop_race)
