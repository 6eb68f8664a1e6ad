"""Benchmark: `vaultnet sync` against the floor of reading and parsing every note, side by side.

The floor is what any tool must do at least: read every note and parse its frontmatter with
python-frontmatter. Both are timed in the same process, alternating, on the same generated vault;
the ratios are what to compare, since the machines are shared and noisy.

    python benchmarks/bench_sync.py --people 10000 --rounds 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import frontmatter
from generate import generate_vault  # type: ignore[import-not-found]

from vaultnet.reader import walk_vault
from vaultnet.sync import sync

TODAY = date(2026, 11, 25)


def floor(root: Path) -> int:
    """Read every note and parse its frontmatter with python-frontmatter."""
    count = 0
    for path in sorted(root.rglob("*.md")):
        if "Network" in path.parts:
            continue
        frontmatter.loads(path.read_text(encoding="utf-8"))
        count += 1
    return count


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--vault", type=Path, help="use this vault instead of generating one")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="vaultnet-bench-"))
    try:
        root = args.vault or workdir / "vault"
        if args.vault is None:
            counts = generate_vault(root, people=args.people)
            print(f"generated {counts}")
        notes = len(walk_vault(root, ("Network",))[0])
        floor(root)  # warm the page cache for both sides alike
        floors, colds, noops = [], [], []
        for _ in range(args.rounds):
            floors.append(timed(lambda: floor(root)))
            shutil.rmtree(root / "Network", ignore_errors=True)
            colds.append(timed(lambda: sync(root, TODAY)))
            noops.append(timed(lambda: sync(root, TODAY)))
        f, c, n = (statistics.median(x) for x in (floors, colds, noops))
        print(f"{notes} notes, median of {args.rounds} rounds")
        print(f"{'what':<34}{'seconds':>10}{'× floor':>10}")
        print(f"{'floor: read + python-frontmatter':<34}{f:>10.3f}{1:>10.2f}")
        print(f"{'vaultnet sync, cold':<34}{c:>10.3f}{c / f:>10.2f}")
        print(f"{'vaultnet sync, nothing changed':<34}{n:>10.3f}{n / f:>10.2f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
