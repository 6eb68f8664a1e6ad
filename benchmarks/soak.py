"""Soak: `vaultnet watch` under a steady stream of random edits, and its memory over time.

Runs the real watcher on a generated vault for a while (30 minutes by default), edits, creates,
renames and deletes person notes at random a few times a second, samples the watcher's resident
memory every 10 seconds, and reports it. After the warm-up (the first fifth of the run), memory
must not grow: the script exits 1 if the last minute's median is more than 10 % above the median
of the minute after warm-up. Not part of CI.

    python benchmarks/soak.py --minutes 30 --people 2000
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate_vault  # type: ignore[import-not-found]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def edit_at_random(root: Path, rng: random.Random, step: int) -> None:
    people = sorted((root / "People").glob("*.md"))
    action = rng.random()
    if action < 0.7 or len(people) < 50:
        note = rng.choice(people)
        with open(note, "a", encoding="utf-8") as stream:
            stream.write(f"- 2026-11-{rng.randrange(1, 26):02d} Soak {step} #call\n")
    elif action < 0.8:
        (root / "People" / f"Soak {step}.md").write_text(
            f"---\ntype: person\nrole: peer\ntopics: [soak]\n---\n# Soak {step}\n", encoding="utf-8")
    elif action < 0.9:
        note = rng.choice(people)
        note.rename(note.with_name(f"Renamed {step}.md"))
    else:
        rng.choice(people).unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--edits-per-second", type=float, default=2.0)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="vaultnet-soak-"))
    root = workdir / "vault"
    try:
        generate_vault(root, people=args.people)
        watcher = subprocess.Popen(
            [sys.executable, "-m", "vaultnet", "watch", "--vault", str(root), "--today",
             "2026-11-25", "-q"], stderr=subprocess.DEVNULL)
        rng = random.Random(1)
        started = time.monotonic()
        end = started + args.minutes * 60
        samples: list[tuple[float, float]] = []
        next_sample = started
        step = 0
        try:
            while time.monotonic() < end:
                if watcher.poll() is not None:
                    raise SystemExit(f"the watcher exited with {watcher.returncode}")
                edit_at_random(root, rng, step)
                step += 1
                if time.monotonic() >= next_sample:
                    samples.append((time.monotonic() - started, rss_mb(watcher.pid)))
                    print(f"{samples[-1][0] / 60:6.1f} min  {samples[-1][1]:7.1f} MB  "
                          f"({step} edits)", flush=True)
                    next_sample += 10
                time.sleep(1 / args.edits_per_second)
        finally:
            watcher.terminate()
            watcher.wait(timeout=30)
        warm = args.minutes * 60 / 5
        after_warm = [mb for t, mb in samples if warm <= t < warm + 60]
        last = [mb for t, mb in samples if t >= args.minutes * 60 - 60]
        if not after_warm or not last:
            raise SystemExit("too short to judge: run for at least 3 minutes")
        start_mb, end_mb = statistics.median(after_warm), statistics.median(last)
        growth = (end_mb - start_mb) / start_mb
        print(f"{step} edits in {args.minutes:g} min; memory after warm-up {start_mb:.1f} MB, "
              f"at the end {end_mb:.1f} MB ({growth:+.1%})")
        if growth > 0.10:
            raise SystemExit(1)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
