"""Crash consistency: `vaultnet sync` killed with SIGKILL at random moments, 50 times.

Each round syncs for another day, so that most generated notes change, and kills the process at a
random moment between its start and the end of a sync's usual time. After each kill, every
generated note holds either its old bytes or its new bytes (a whole note vaultnet wrote, never a
torn one), and no user note has changed; the next sync finishes the job and leaves no temporary
file behind.
"""

from __future__ import annotations

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


def start(root: Path, day: date) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "vaultnet", "sync", "--vault", str(root),
                             "--today", day.isoformat()], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


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
        process = start(root, day)
        time.sleep(rng.uniform(0.3, 1.05) * full)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        after = snapshot(root / "Network")
        for rel, data in after.items():
            if Path(rel).name.startswith(TEMP_PREFIX):
                continue  # a temporary file: the next sync removes it
            assert data == before.get(rel) or is_own_unedited(data, f"Network/{rel}"), \
                f"kill {kill}: Network/{rel} is torn"
        changed = {rel for rel in after if after[rel] != before.get(rel)}
        if changed and changed != set(after) - set(before) and len(changed) < len(after):
            mid_write += 1  # some notes new, some old: the kill landed while writing
        assert {k: v for k, v in snapshot(root).items() if not k.startswith("Network/")} == user
        assert start(root, day).wait(timeout=120) == 0  # the next sync completes the job
        assert temporaries(root) == []
    print(f"{KILLS} kills survived, {mid_write} of them in the middle of writing")
    assert mid_write >= 5, "too few kills landed while writing: the vault is too small"
