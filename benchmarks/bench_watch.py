"""Benchmark: how soon `vaultnet watch` updates Follow-ups.md after an editor saves, and its idle CPU.

Runs the real `vaultnet watch` in a subprocess on a generated vault, saves 50 person notes one at a
time (each save logs a call with someone overdue, so Follow-ups.md must change), and times each save
until the new Follow-ups.md is on disk. Then measures the CPU the watcher uses while nothing changes.

    python benchmarks/bench_watch.py --people 10000 --edits 50
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from generate import generate_vault  # type: ignore[import-not-found]

from vaultnet.pipeline.sync import load

TODAY = date(2026, 11, 25)


def wait_for(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.002)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--debounce", type=int, default=100, help="milliseconds")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle to measure")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="vaultnet-bench-watch-"))
    root = workdir / "vault"
    try:
        print(f"generated {generate_vault(root, people=args.people)}")
        overdue = [item.person.path for item in load(root, TODAY).agenda.stay_in_touch
                   if item.days_since is not None][: args.edits]
        followups = root / "Network" / "Follow-ups.md"
        watcher = subprocess.Popen(
            [sys.executable, "-m", "vaultnet", "watch", "--vault", str(root), "--today",
             TODAY.isoformat(), "--debounce", str(args.debounce), "-q"],
            stderr=subprocess.DEVNULL)  # never read: a pipe would fill with problems and stall it
        try:
            started = time.monotonic()
            wait_for(followups.exists, 300, "the first sync")
            print(f"first sync (with start-up) took {time.monotonic() - started:.2f} s")
            time.sleep(2)  # let the first round's own events settle before timing
            latencies = []
            for path in overdue:
                before = followups.read_bytes()
                with open(root / path, "a", encoding="utf-8") as note:
                    note.write(f"- {TODAY.isoformat()} Quick call #call\n")
                saved = time.monotonic()
                wait_for(lambda before=before: followups.read_bytes() != before, 60,
                         "Follow-ups.md to change")
                latencies.append(time.monotonic() - saved)
            time.sleep(2)
            cpu_before, idle_started = cpu_seconds(watcher.pid), time.monotonic()
            time.sleep(args.idle)
            idle = (cpu_seconds(watcher.pid) - cpu_before) / (time.monotonic() - idle_started)
        finally:
            watcher.terminate()
            watcher.wait(timeout=10)
        latencies.sort()
        p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
        notes = sum(1 for _ in root.rglob("*.md"))
        print(f"{notes} notes, {len(latencies)} saves, debounce {args.debounce} ms")
        print(f"save → Follow-ups.md on disk: median {statistics.median(latencies) * 1000:.0f} ms, "
              f"95th percentile {p95 * 1000:.0f} ms")
        print(f"CPU while idle: {idle * 100:.2f} % of one core over {args.idle:.0f} s")
        print(f"watcher exit code: {watcher.returncode}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
