"""Which file-system events can change the generated notes, and the record of them the loop reads.

The observer thread only records here: the vault paths an event names, if they matter, and a wake-up
for the loop; the loop takes them once they settle. vaultnet's own writes are recognised by content
(the digest of the bytes it meant to write), not by time, so a user's edit a moment after vaultnet
wrote is still seen.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_DELETED,
    EVENT_TYPE_EVENTS_LOST,
    EVENT_TYPE_MOVED,
    DirAttribEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    EventsLostEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)

from vaultnet.base.settings import SETTINGS_FILE
from vaultnet.base.small_files import NotReadable, read_small_file
from vaultnet.base.text import nfc
from vaultnet.base.vault_root import is_the_folder
from vaultnet.read.obsidian import OBSIDIAN_SETTINGS
from vaultnet.read.vault import is_skipped_name
from vaultnet.write.files import MAX_GENERATED_BYTES
from vaultnet.write.generated import GENERATED_SUFFIXES, is_own_unedited

log = logging.getLogger("vaultnet.watch")

# The events that can change what the walk finds or a note holds: the observer asks the system
# for these alone (watchdog's `event_filter`). Not a file opened, nor closed unwritten: a round
# reads hundreds of notes (all of them after a change of settings, and at the start), and so do
# Obsidian, a search and a backup: two events a note, which the observer's thread took one by
# one, holding the interpreter the round runs in (reading the 13,800 notes of a vault of 10,000
# people beside the observer took 2.5 s, against 0.6 s; watch's first sync of it, 8.0–10.3 s
# against 4.4–5.3 s), and which can fill the system's queue of events (16,384 by default): a round
# that reads everything again. Nor a folder "modified": its notes' own events say what changed.
WATCHED_EVENTS: tuple[type[FileSystemEvent], ...] = (
    FileCreatedEvent, FileModifiedEvent, FileAttribEvent, FileClosedEvent, FileDeletedEvent,
    FileMovedEvent, DirCreatedEvent, DirAttribEvent, DirDeletedEvent, DirMovedEvent,
    EventsLostEvent)


def relative_path(root: Path, path: str | bytes) -> str | None:
    """Return `path` as a vault path (NFC, `/`-separated), or None if it is not inside `root`."""
    text = os.fsdecode(path)
    try:
        rel = os.path.relpath(text, root)
    except ValueError:
        return None
    if rel == "." or rel.startswith(".." + os.sep) or rel == "..":
        return None
    return nfc(rel.replace(os.sep, "/"))


EARLIER_KEPT = 8  # earlier versions of each generated note a watcher knows as its own


class OwnOutput:
    """Tell vaultnet's own writes to the output folder from anyone else's changes to it."""

    def __init__(self, root: Path, folder: str) -> None:
        self.root = root
        self.folder = folder
        self.digests: dict[str, str] = {}  # output path: digest of the bytes vaultnet wrote
        # The digests of what this watcher wrote at each path before, the latest few: an earlier
        # version of its own put back (an undo of a hand edit, `git checkout`) is out of date.
        self.earlier: dict[str, list[str]] = {}
        # What the last round read: the paths of its notes and those its walk named (a link out
        # of the vault), given when first asked for, then sorted once (see `held`).
        self._read: Callable[[], Iterable[str]] = tuple
        self._held: list[str] | None = None

    def read(self, paths: Callable[[], Iterable[str]]) -> None:
        """Take what the last round read (`paths` gives them when first asked for)."""
        self._read, self._held = paths, None

    def held(self, rel: str) -> bool:
        """Whether the last round read a note under the vault path `rel`, or its walk named it:
        a path gone that held them (a link to a folder, removed) changes what a sync reads."""
        if self._held is None:
            self._held = sorted(set(self._read()))
        at = bisect.bisect_left(self._held, rel)
        return at < len(self._held) and (self._held[at] == rel
                                          or self._held[at].startswith(rel + "/"))

    def take(self, digests: dict[str, str]) -> None:
        """Take what a round wrote (or found) as vaultnet's own, keeping what it replaced."""
        for rel, digest in self.digests.items():
            if digests.get(rel) != digest:
                kept = self.earlier.setdefault(rel, [])
                kept[:] = [*(d for d in kept if d != digest), digest][-EARLIER_KEPT:]
        self.digests = dict(digests)

    def holds(self, rel: str) -> bool:
        """Return whether a vault path is the output folder or inside it: under its name as set,
        or another spelling of it that is the same folder on this disk (a Mac's, Windows'), not a
        folder of the user's beside it (see `is_the_folder`)."""
        output = self.folder
        if rel == output or rel.startswith(output + "/"):
            return True
        folded = output.casefold()
        if not (rel.casefold() == folded or rel.casefold().startswith(folded + "/")):
            return False
        parts = len(output.split("/"))
        top = rel.split("/")[:parts]
        return is_the_folder(os.path.join(self.root, *top), os.path.join(self.root, output))

    def changed(self, rel: str) -> bool:
        """Return whether someone other than vaultnet changed, moved or deleted this output path."""
        # vaultnet's own writes match the digest of what it meant to write; anything else is news.
        expected = self.digests.get(rel)
        if expected is None:
            if rel.endswith(GENERATED_SUFFIXES):
                return False  # not a note vaultnet generates (any more): not its business
            return not (self.root / rel).is_dir()  # a folder of the output, moved or deleted
        try:  # bounded, regular files only: a FIFO put there would hang the observer
            data = read_small_file(self.root / rel, MAX_GENERATED_BYTES)
        except NotReadable:
            return True  # not a note vaultnet wrote: the round says what it is
        if data is None:
            return True  # gone: write it again
        # A hand edit counts, and so does an earlier version of this watcher's own put back;
        # another vaultnet's unedited output (a second watcher, another machine's clock) does
        # not, or two watchers would rewrite each other for ever.
        digest = hashlib.sha256(data).hexdigest()
        return digest != expected and (digest in self.earlier.get(rel, ())
                                       or not is_own_unedited(data, rel, self.folder))


def wanted(rel: str, is_directory: bool, output: OwnOutput) -> bool:
    """Return whether an event at this vault path can change the generated notes."""
    if rel == SETTINGS_FILE or rel in OBSIDIAN_SETTINGS:
        return True  # (which folders hold templates or contacts, how daily notes are named)
    *folders, name = rel.split("/")
    if any(folder.startswith(".") for folder in folders) or is_skipped_name(name):
        return False  # the walk reads none of these either (vaultnet's temporaries included)
    if output.holds(rel):
        return output.changed(rel)
    # Exactly what the walk reads: notes, and the folders they are in. Editors' swap, backup
    # and probe files (`.swp`, `~`, `4913`, `___jb_tmp___`) are no notes, so never wake it. A
    # link the system tells of as a file may be one to a folder of notes (or lead out of the
    # vault, which the round names): the walk looks at it, as it does when such a link is gone.
    path = output.root / rel
    return is_directory or name.lower().endswith(".md") or os.path.islink(path) \
        or (not os.path.lexists(path) and output.held(rel))


class Changes:
    """Record the vault paths that changed since the last round, for the loop to take."""

    # Written by the observer thread and read by the loop, always under one lock; the lock also
    # keeps a round from changing what counts as its own write while an event is being judged.

    def __init__(self, root: Path, output_folder: str,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.root = root
        self._clock = clock  # (a test's own, so that nothing waits)
        self.wake = threading.Event()  # set when the loop has something to look at, or must stop
        self._lock = threading.Lock()
        self._output = OwnOutput(root, output_folder)
        self._paths: set[str] = set()
        self._dirty = False
        self._last_event = 0.0
        self._heard: dict[str, float] = {}  # each pending path: when an event last named it
        self._everything: float | None = None  # when a round that reads everything was asked for
        self._root_gone = False  # the vault's folder itself deleted or moved (the loop takes it)

    def notice(self, event: FileSystemEvent) -> None:
        """Record the paths an event names, if they matter, and wake the loop."""
        if event.event_type == EVENT_TYPE_EVENTS_LOST:
            # The system dropped events (a full inotify queue) and cannot say which: only a round
            # that looks at every note's file can tell what changed.
            if self.look_at_everything():
                log.warning("file events were lost (the system's queue of them overflowed): "
                            "reading the whole vault again")
            return
        if not isinstance(event, WATCHED_EVENTS):  # (an observer of another system's, say)
            return
        if os.fsdecode(event.src_path) == str(self.root):
            if event.event_type in (EVENT_TYPE_DELETED, EVENT_TYPE_MOVED):
                with self._lock:
                    self._root_gone = True
                self.wake.set()  # for the loop to look at once (see `Watcher._follow_the_vault`)
            return
        paths = [event.src_path]
        if getattr(event, "dest_path", ""):
            paths.append(event.dest_path)
        with self._lock:  # so that a round cannot change what counts as its own write meanwhile
            found = [rel for path in paths if (rel := relative_path(self.root, path)) is not None
                     and wanted(rel, event.is_directory, self._output)]
            if not found:
                return
            log.debug("%s: %s", event.event_type, ", ".join(found))
            self._paths.update(found)
            self._dirty = True
            self._last_event = self._clock()
            self._heard.update(dict.fromkeys(found, self._last_event))
        self.wake.set()

    def pending(self) -> bool:
        """Return whether changes are waiting for a round."""
        with self._lock:
            return self._dirty

    def settled(self, debounce: float, max_delay: float, stop: threading.Event) -> set[str] | None:
        """Take the pending paths once events pause for `debounce` seconds; None if there are none."""
        # Under a steady stream of events no pause may come: `max_delay` seconds after the first
        # look they are taken anyway. `stop` ends the wait, with None.
        first = None
        while not stop.is_set():
            with self._lock:
                if not self._dirty:
                    self.wake.clear()
                    return None
                now = self._clock()
                first = first or now
                quiet = now - self._last_event
                if quiet >= debounce or now - first >= max_delay:
                    batch, self._paths, self._dirty = self._paths, set(), False
                    self.wake.clear()
                    return batch
            stop.wait(min(debounce - quiet, max_delay - (now - first)))
        return None

    def take(self) -> set[str]:
        """Take the pending paths, settled or not, for a round that reads everything."""
        with self._lock:
            batch, self._paths, self._dirty = self._paths, set(), False
            self._everything = None
            return batch

    def look_at_everything(self) -> bool:
        """Ask for a round that reads everything, once the debounce time passes; return False if
        one was asked for already."""
        with self._lock:
            asked = self._everything is None
            self._everything = self._last_event = self._clock()
            self._dirty = True
        self.wake.set()
        return asked

    def root_gone(self) -> bool:
        """Take whether an event said that the vault's folder itself was deleted or moved."""
        with self._lock:
            gone, self._root_gone = self._root_gone, False
            return gone

    def full_round(self) -> bool:
        """Take whether the round about to run on the batch just settled is to read everything."""
        with self._lock:
            full, self._everything = self._everything is not None, None
            return full

    def keep(self, paths: set[str]) -> None:
        """Put back the paths of a failed round, for the retry to read (without waking the loop)."""
        with self._lock:
            self._paths |= paths

    def ask_for_gone(self, paths: Iterable[str]) -> None:
        """Ask for a round for those of `paths` (vault paths) that are gone, as their deletion's
        events would (when no event told of it: see `Watcher.run`)."""
        gone = {rel for rel in paths if not os.path.lexists(self.root / rel)}
        if gone:
            with self._lock:
                self._paths |= gone
                self._dirty, self._last_event = True, self._clock()
            self.wake.set()

    def look_again(self) -> None:
        """Mark changes pending as of now, so that a round follows once the debounce time passes."""
        with self._lock:
            self._dirty, self._last_event = True, self._clock()

    def wrote(self, output_folder: str, digests: dict[str, str],
              read: Callable[[], Iterable[str]] = tuple) -> None:
        """Take what a round wrote as vaultnet's own, and drop the pending events it alone caused
        (`read`: what it read, see `OwnOutput.read`)."""
        with self._lock:
            self._output.folder = output_folder
            self._output.take(digests)
            self._output.read(read)
            # Events for this round's own writes may have come in while it ran, checked against
            # the round before: look at them again now that the new digests are known.
            self._paths = {rel for rel in self._paths
                           if not self._output.holds(rel) or self._output.changed(rel)}
            # (Events lost while the round ran still ask for a round that reads everything.)
            self._dirty = bool(self._paths) or self._everything is not None
            # The quiet spell is measured from the last event of someone else's: this round's own
            # writes, the moment after a save, would otherwise put off the round for that save.
            self._heard = {rel: self._heard.get(rel, 0.0) for rel in self._paths}
            self._last_event = max([*self._heard.values(), self._everything or 0.0])


class EventHandler(FileSystemEventHandler):
    """Pass every event on to `notice`; an exception here would kill the observer thread."""

    def __init__(self, notice: Callable[[FileSystemEvent], None]) -> None:
        self._notice = notice

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Notice the event, logging (not raising) whatever goes wrong."""
        try:
            self._notice(event)
        except Exception:
            log.exception("could not handle %s of %s; the next rescan will catch up",
                          event.event_type, event.src_path)
