"""Work done on another core while this process goes on: a forked child works a value out and
sends it back through a pipe, in plain values (`marshal`: lists, tuples, numbers, strings).

A sync after an edit that changed the ties between people works out the communities and bridges
again (0.15 s at 10,000 people) while it builds the agenda and the introductions. Only where it
pays and is safe: a process that runs no other thread (a fork copies only the thread that
forks, and a lock another one held stays held in the child), on a machine that gives it a second
core. Whatever goes wrong in the child, the value is worked out here instead.
"""

from __future__ import annotations

import contextlib
import itertools
import marshal
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

MAX_BYTES = 64 << 20  # more than any answer sent back; a child that sends more is not believed
TIMEOUT = 120.0  # seconds: a child that has not answered by then is stopped, and the work done here


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether work can go to a forked child: a second core, fork, and no other thread running."""
    return usable_cores() > 1 and forks_safely()


def forks_safely() -> bool:
    """Whether this process can fork, with no other thread running (whose locks a child would
    find held)."""
    return threading.active_count() == 1 and hasattr(os, "fork")


class Aside:
    """`work` run in a forked child from now on; `result` is what it gave (in plain values), or
    None if the child failed, so that the caller works it out itself. With `answers` above one,
    `work` gives that many values one after the other (an iterator), each sent as soon as it is
    worked out, and each `result` is the next of them.

    The child sends each answer's length and the answer, then closes the pipe: an answer is taken
    as soon as it is whole, without waiting for the child to be gone (a process as large as a
    sync takes some 10 ms to tear down); it is reaped later (`_reap`)."""

    def __init__(self, work: Callable[[], Any], answers: int = 1) -> None:
        self._pid, self._read, self._left = -1, -1, answers
        self._data, self._closed = bytearray(), False
        _reap()
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to be had: `result` says so
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: send the values, then leave at once (no exit handlers, no flush)
            try:
                os.close(read)
                for value in (work(),) if answers == 1 else itertools.islice(work(), answers):
                    data = marshal.dumps(value)
                    write_all(write, len(data).to_bytes(8, "big") + data)
                os.close(write)
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._read = pid, read

    def ready(self) -> bool:
        """Whether `result` would answer at once: the next answer is whole (taking in what the
        child has sent so far, without waiting for more), or the child failed or is gone."""
        while self._pid >= 0 and self._unfinished():
            if not select.select([self._read], [], [], 0)[0]:
                return False
            self._take_in()
        return True

    def result(self, timeout: float = TIMEOUT) -> Any:
        """The child's next value, once it is sent (None: it failed, sent something else, or did
        not send it within `timeout` seconds; and so for every value after it)."""
        if self._pid < 0:
            return None
        deadline = time.monotonic() + timeout
        while self._unfinished():
            ready, _, _ = select.select([self._read], [], [], max(0.0, deadline - time.monotonic()))
            if not ready or not self._take_in():
                break  # no answer in time, or the child gone without it
        whole, data = self._whole(), self._data
        self._left -= 1
        if not whole or not self._left:
            self._end(whole)
        if not whole:
            return None
        size = int.from_bytes(data[:8], "big")
        answer = bytes(data[8:8 + size])
        del data[:8 + size]
        try:
            return marshal.loads(answer)
        except (EOFError, ValueError, TypeError):
            return None

    def stop(self) -> None:
        """Let go of the child, stopped if it is still at work (no answer after this one)."""
        if self._pid >= 0:
            self._end(False)

    def _take_in(self) -> bool:
        """Read what the child sent (the pipe being readable); False once it closed its end."""
        chunk = os.read(self._read, 1 << 20)
        self._data += chunk
        self._closed = not chunk
        return not self._closed

    def _unfinished(self) -> bool:
        """Whether more of the next answer may still come: not whole yet, the pipe still open,
        and no more sent than any answer is."""
        return not self._whole() and not self._closed and len(self._data) <= MAX_BYTES + 8

    def _whole(self) -> bool:
        """Whether the next answer has come whole."""
        data = self._data
        return len(data) >= 8 and len(data) - 8 >= int.from_bytes(data[:8], "big")

    def _end(self, answered: bool) -> None:
        """Let go of the child: reaped once it is gone, if it answered; else stopped."""
        os.close(self._read)
        if answered:
            _unreaped.append(self._pid)  # (leaving: reaped once it is gone)
            _reap()
        else:  # failed, or still at it: stopped
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
        self._pid = -1


# The children that answered and may not be gone yet: reaped once they are.
_unreaped: list[int] = []


def _reap() -> None:
    for pid in list(_unreaped):
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0] == 0:
                continue  # not gone yet
        _unreaped.remove(pid)


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data` to the descriptor `fd`, however many writes that takes."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
