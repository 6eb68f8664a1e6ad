"""One sync of a vault at a time.

Two syncs of one vault at once (`vaultnet watch` running while you type `vaultnet sync`, or two
syncs started together) would each replace the generated notes the other is writing: each
sees a note change under it, keeps it, and says a change of yours was kept, when it was only the
other's. So a sync holds the vault's lock from its first look at the cache to its last write, and
a second one waits for it: a moment, or a cold sync's seconds.

The lock is a POSIX record lock on a file beside the vault's parse cache (outside the vault): the
system lets go of it when its process ends, however it ends, so a killed sync never leaves the
vault locked; and a child the sync forks holds none of it. Where there are no such locks (not on
POSIX), or no file for one (a cache folder that cannot be written, or inside the vault), syncs
are not kept apart.

A sync whose process leaves as soon as it returns (`vaultnet sync`) has the parse cache saved by
a child that takes the lock once the sync lets go of it (`after_this_sync`): the user waits for
the notes, not for the cache.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on POSIX
    fcntl = None  # type: ignore[assignment]

from vaultnet.pipeline.aside import forks_safely
from vaultnet.pipeline.cache import ParseCache
from vaultnet.write.files import Signature, signature

POLL_SECONDS = 0.05  # how often a wait that may be stopped tries the lock again
# A wait this short is not told: what holds the lock may be the save of the last sync's cache, by a
# child of it that outlives it (`after_this_sync`: some 0.05 s at 10,000 dense people). Meanwhile
# the lock is tried this often.
QUIET_SECONDS, QUIET_POLL_SECONDS = 1.0, 0.01


@contextlib.contextmanager
def one_sync_at_a_time(root: Path, waiting: Callable[[], None] = lambda: None,
                       cache: ParseCache | None = None,
                       stop: threading.Event | None = None) -> Iterator[bool]:
    """Hold the lock of the vault at `root` while in it, waiting for another process's sync of
    it to end first (`waiting` is told once, if it must); give True. `cache` is the vault's parse
    cache, if it is at hand. With `stop` (watch's), the wait ends when it is set, and gives False:
    the sync is not to run."""
    cache = cache if cache is not None else ParseCache(root)
    fd = _open(cache.path.with_suffix(".lock")) if cache.path is not None else None
    if fd is None:
        yield True
        return
    try:
        if not _lock(fd, wait=False) and not _came_soon(fd, stop):
            if stop is not None and stop.is_set():
                yield False
                return
            waiting()
            if stop is None:
                _lock(fd, wait=True)
            else:  # (a blocked call would not see it set)
                while not _lock(fd, wait=False):
                    if stop.wait(POLL_SECONDS):
                        yield False
                        return
        yield True
    finally:
        os.close(fd)  # (lets go of the lock)


def _came_soon(fd: int, stop: threading.Event | None) -> bool:
    """Whether the lock on the file `fd` came within `QUIET_SECONDS` (or `stop` was set)."""
    pause: Callable[[float], bool | None] = stop.wait if stop is not None else time.sleep
    deadline = time.monotonic() + QUIET_SECONDS
    while time.monotonic() < deadline:
        if pause(QUIET_POLL_SECONDS):
            return False  # (stopped: `one_sync_at_a_time` sees it)
        if _lock(fd, wait=False):
            return True
    return False


def as_found(cache: ParseCache) -> Signature | None:
    """The signature of the cache file, taken while this sync holds the vault's lock: what
    `after_this_sync` checks that the file still has before it saves."""
    return signature(str(cache.path)) if cache.path is not None else None


def after_this_sync(work: Callable[[], None], root: Path, cache: ParseCache,
                    found: Signature | None) -> int | None:
    """Have `work` (the save of the parse cache `cache`, of the vault at `root`) done under the
    vault's lock, once this sync has let go of it and said what it did: by a child that outlives
    this process, when one can be had, so that the user waits for the notes and not for the
    cache (some 0.05 s at 10,000 dense people, less the fork's 5 ms); else here. Give the
    child's pid; None if it was done here.

    Nothing is saved if the cache file is no longer as `found` (`as_found`): another sync saved
    it in between, and its state is newer (saved over it, this one would be right still, every
    note being checked against its signature, but slower). The child writes nothing to this
    process's output, which it lets go of at once (a pipe's reader is not kept waiting); it
    saves though the signals that end a job come (a terminal closed, a supervisor's SIGTERM to
    what the job left), and fails as a save does: silently. No child when this process or its
    parent is the system's first, an init that would kill it (a container's command, a service
    of systemd's), nor without a lock to keep it from another sync's way; nor a save here while
    another sync holds the lock."""
    child = _quiet_child() if fcntl is not None and cache.path is not None \
        and 1 not in (os.getpid(), os.getppid()) and forks_safely() else None
    if child:
        return child
    try:
        # (The child waits for this process to let go of the lock; here, the lock is taken only
        # if it is free: a sync that took it since saves a newer cache, and is not waited for.)
        with one_sync_at_a_time(root, cache=cache, stop=None if child == 0 else _AT_ONCE) as held:
            if held and as_found(cache) == found:
                work()
    finally:
        if child == 0:
            os._exit(0)
    return None


_AT_ONCE = threading.Event()  # (set: a wait for the lock given it ends at once)
_AT_ONCE.set()


def _quiet_child() -> int | None:
    """Fork: in the child, 0, its output gone and the signals that end a job ignored; here, the
    child's pid; None if there is no child to be had."""
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:
        try:
            quiet = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(quiet, fd)
            for ending in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(ending, signal.SIG_IGN)
        except BaseException:
            os._exit(0)
    return pid


def _open(path: Path) -> int | None:
    """The lock file at `path`, opened for a lock (made if need be); None if it cannot be: then
    the sync goes on without one."""
    if fcntl is None:
        return None
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Never through a symlink, nor waiting on a FIFO put there.
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NONBLOCK
                       | getattr(os, "O_NOFOLLOW", 0), 0o600)
    return None


def _lock(fd: int, wait: bool) -> bool:
    """Take the lock on the file `fd`, waiting for it with `wait`; False if another process holds
    it (without `wait`). Where it cannot be taken at all (a file system without locks), the sync
    goes on as if it were."""
    assert fcntl is not None  # (see `_open`)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):  # (EAGAIN or EACCES: another process holds it)
        return False
    except OSError:  # (ENOLCK and the like)
        pass
    return True
