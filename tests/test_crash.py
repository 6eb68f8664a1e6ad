"""Crash consistency: `vaultnet sync` killed with SIGKILL at random moments, 50 times.

Each round syncs for another day, so that most generated notes change, and kills the process.
Every other round the kill comes at a random moment between its start and the end of a sync's
usual time, to the sync's process group (the child that saves the cache once the sync has said
what it did, too); the writing is a few milliseconds of that, so the rounds in between make sure of kills
while writing: the process kills itself just before a random one of the first calls that change
the disk (creating a temporary file, fsyncing it, renaming it over a note), however fast or loaded
the machine. After each kill, every generated note holds either its old bytes or its new bytes (a
whole note vaultnet wrote, never a torn one), and no user note has changed; the next sync finishes
the job and leaves no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import person, snapshot

from vaultnet.write.files import TEMP_PREFIX
from vaultnet.write.generated import is_own_unedited

KILLS = 50
TOPICS = [f"topic {i:02d}" for i in range(60)]


def build(root: Path, people: int = 240) -> None:
    rng = random.Random(7)
    (root / "People").mkdir(parents=True)
    for i in range(people):
        topics = ", ".join(rng.sample(TOPICS, 3))
        log = "".join(f"- 2026-{rng.randrange(1, 12):02d}-{rng.randrange(1, 28):02d} Coffee #met\n"
                      for _ in range(4))
        knows = f'["[[P{rng.randrange(people):03d}]]"]'
        (root / "People" / f"P{i:03d}.md").write_text(
            person(f"P{i:03d}", "## Log\n" + log, role=rng.choice(["mentor", "peer", "prospect"]),
                   topics=f"[{topics}]", knows=knows), encoding="utf-8")


# `vaultnet sync` with the writer's `os` (as in test_faults) counting the calls that change the
# disk and sending this process SIGKILL just before the one numbered in the first argument.
DYING = """
import os, signal, sys
import vaultnet.write.files as files, vaultnet.write.generated as generated
from vaultnet.cli import main

class Dying:
    CHANGING = ("open", "fsync", "replace", "unlink", "makedirs", "link")

    def __init__(self, at):
        self.at, self.calls = at, 0

    def __getattr__(self, name):
        real = getattr(os, name)
        if name not in self.CHANGING:
            return real
        def changing(*args, **kwargs):
            if name != "open" or args[1] & (os.O_WRONLY | os.O_RDWR):
                self.calls += 1
                if self.calls == self.at:
                    os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return changing

files.os = generated.os = Dying(int(sys.argv.pop(1)))
sys.argv[0] = "vaultnet"
main()
"""
# A new day's sync of the vault below rewrites at least four notes (the follow-ups, the mentors,
# the canvas and the index), each with three such calls, then fsyncs the folder: a kill before any
# call from the second to the twelfth lands while a note is being written or between two notes.
FIRST_CALL, LAST_CALL = 2, 12


def start(root: Path, day: date, die_at: int | None = None) -> subprocess.Popen[bytes]:
    command = ["-m", "vaultnet"] if die_at is None else ["-c", DYING, str(die_at)]
    return subprocess.Popen([sys.executable, *command, "sync", "--vault", str(root),
                             "--today", day.isoformat()], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def temporaries(root: Path) -> list[Path]:
    return sorted(root.rglob(f"{TEMP_PREFIX}*"))


@pytest.mark.slow
def test_sigkill_at_random_moments(tmp_path):
    root = tmp_path / "vault"
    build(root)
    day = date(2026, 11, 25)
    started = time.monotonic()
    assert start(root, day).wait(timeout=120) == 0
    full = time.monotonic() - started  # how long a whole sync takes here, start-up included
    user = {k: v for k, v in snapshot(root).items() if not k.startswith("Network/")}
    rng = random.Random(20261125)
    mid_write = 0
    for kill in range(KILLS):
        day += timedelta(days=1 + kill % 3)
        before = snapshot(root / "Network")
        die_at = rng.randint(FIRST_CALL, LAST_CALL) if kill % 2 else None
        if die_at is not None:
            process = start(root, day, die_at)
            assert process.wait(timeout=120) == -signal.SIGKILL, \
                f"kill {kill}: the sync ended before its call number {die_at} that changes the disk"
        else:
            process = start(root, day)
            time.sleep(rng.uniform(0.3, 1.05) * full)
            # (The sync and what it left: the child that saves the cache once it has ended.)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        after = snapshot(root / "Network")
        for rel, data in after.items():
            if Path(rel).name.startswith(TEMP_PREFIX):
                continue  # a temporary file: the next sync removes it
            assert data == before.get(rel) or is_own_unedited(data, f"Network/{rel}", "Network"), \
                f"kill {kill}: Network/{rel} is torn"
        assert {k: v for k, v in snapshot(root).items() if not k.startswith("Network/")} == user
        assert start(root, day).wait(timeout=120) == 0  # the next sync completes the job
        assert temporaries(root) == []
        # Killed while writing: a temporary file left, or some of the notes this day's sync
        # changes already new and others still old.
        done = snapshot(root / "Network")
        due = {rel for rel in done.keys() | before.keys() if done.get(rel) != before.get(rel)}
        new = {rel for rel in due if after.get(rel) == done.get(rel)}
        left = any(Path(rel).name.startswith(TEMP_PREFIX) for rel in after)
        if left or 0 < len(new) < len(due):
            mid_write += 1
        else:
            assert die_at is None, f"kill {kill}, before call {die_at}: not while writing ({new} of {due})"
    print(f"{KILLS} kills survived, {mid_write} of them in the middle of writing")
