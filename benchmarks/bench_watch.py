"""Benchmark: how soon `vaultnet watch` updates Follow-ups.md after an editor saves, and its idle CPU.

Runs the real `vaultnet watch` in a subprocess on a generated vault, saves 50 person notes one at a
time (each save logs a call with someone overdue, so Follow-ups.md must change), and times each save
until the new Follow-ups.md is on disk. Then as many saves of a line that also adds a tie (lunch
with someone neither note links yet), timed the same way; then a tenth as many new notes, each a
meeting's with someone overdue (a new note changes the vault's names: the round takes what still
holds of the one before across the change); and then the CPU the watcher uses while nothing
changes.

    python benchmarks/bench_watch.py --people 10000 --edits 50
    python benchmarks/bench_watch.py --people 10000 --edits 30 --dense
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
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench import meeting_note, people_notes, stranger  # type: ignore[import-not-found]
from generate import generate_vault  # type: ignore[import-not-found]

from vaultnet.pipeline.sync import load

TODAY = date(2026, 11, 25)


def wait_for(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.002)


def save(root: Path, path: str, text: str, followups: Path) -> float:
    """Log `text` today in the note at `path`, as an editor saves it; the seconds until the
    watcher's new Follow-ups.md is on disk (the note's person is overdue: it must change)."""
    def append() -> None:
        with open(root / path, "a", encoding="utf-8") as note:
            note.write(f"- {TODAY.isoformat()} {text}\n")

    return until_changed(followups, append)


def new_note(root: Path, path: str, who: str, followups: Path) -> float:
    """Write a new meeting's note at `path`, today's, with `who` (overdue: Follow-ups.md must
    change); the seconds until the watcher's new Follow-ups.md is on disk."""
    def write() -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(meeting_note(who), encoding="utf-8")

    return until_changed(followups, write)


def until_changed(followups: Path, edit: Callable[[], None]) -> float:
    """The seconds from `edit` done until Follow-ups.md holds other bytes than before it."""
    before = followups.read_bytes()
    edit()
    saved = time.monotonic()
    wait_for(lambda: followups.read_bytes() != before, 60, "Follow-ups.md to change")
    return time.monotonic() - saved


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--dense", action="store_true",
                        help="the dense vault (generate.py --dense): every log line links someone")
    parser.add_argument("--debounce", type=int, default=100, help="milliseconds")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle to measure")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="vaultnet-bench-watch-"))
    root = workdir / "vault"
    try:
        print(f"generated {generate_vault(root, people=args.people, dense=args.dense)}")
        meetings = max(1, args.edits // 10)
        overdue = [item.person.path for item in load(root, TODAY).agenda.stay_in_touch
                   if item.days_since is not None][: 2 * args.edits + meetings]
        followups = root / "Network" / "Follow-ups.md"
        watcher = subprocess.Popen(
            # -P: the vaultnet on PYTHONPATH (a worktree to compare), not one in the folder
            # this runs from, which `-m` would put first on the path.
            [sys.executable, "-P", "-m", "vaultnet", "watch", "--vault", str(root), "--today",
             TODAY.isoformat(), "--debounce", str(args.debounce), "-q"],
            stderr=subprocess.DEVNULL)  # never read: a pipe would fill with problems and stall it
        try:
            started = time.monotonic()
            wait_for(followups.exists, 300, "the first sync")
            print(f"first sync (with start-up) took {time.monotonic() - started:.2f} s")
            time.sleep(2)  # let the first round's own events settle before timing
            latencies = [save(root, path, "Quick call #call", followups)
                         for path in overdue[: args.edits]]
            people = people_notes(root)
            strangers = []
            for path in overdue[args.edits:2 * args.edits]:
                other = stranger(people, people.index(root / path)).stem
                strangers.append(save(root, path, f"Lunch with [[{other}]] #met", followups))
            new_notes = [new_note(root, f"Meetings/Coffee {n}.md", Path(path).stem, followups)
                         for n, path in enumerate(overdue[2 * args.edits:])]
            time.sleep(2)
            cpu_before, idle_started = cpu_seconds(watcher.pid), time.monotonic()
            time.sleep(args.idle)
            idle = (cpu_seconds(watcher.pid) - cpu_before) / (time.monotonic() - idle_started)
        finally:
            watcher.terminate()
            watcher.wait(timeout=10)
        notes = sum(1 for _ in root.rglob("*.md"))
        print(f"{notes} notes, {len(latencies)} + {len(strangers)} saves and "
              f"{len(new_notes)} new note{'' if len(new_notes) == 1 else 's'}, "
              f"debounce {args.debounce} ms")
        for what, times in (("save", latencies), ("save adding a tie", strangers),
                            ("new note", new_notes)):
            times.sort()
            p95 = times[max(0, round(0.95 * len(times)) - 1)]
            print(f"{what} → Follow-ups.md on disk: median {statistics.median(times) * 1000:.0f} "
                  f"ms, 95th percentile {p95 * 1000:.0f} ms")
        print(f"CPU while idle: {idle * 100:.2f} % of one core over {args.idle:.0f} s")
        print(f"watcher exit code: {watcher.returncode}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
