"""Two versions of vaultnet side by side in one run: a cold sync and a one-change sync, as ratios.

Checks out `--before` (any git revision) into a temporary work tree, then times `vaultnet sync`
from that tree and from this one, alternating, each run a new process on the same generated vault
(bench.py's, or the dense one with `--dense`), and prints the median of each and their ratio.
The ratio is what to read: these machines are shared and noisy, and both versions see the same
noise.

    python benchmarks/bench_versions.py --before HEAD~3
    python benchmarks/bench_versions.py --before d4cb27a --after 0f2d605 --rounds 5
    python benchmarks/bench_versions.py --before f7486b9 --dense
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
from pathlib import Path

from generate import generate_vault  # type: ignore[import-not-found]

TODAY = "2026-11-25"
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def run_sync(tree: Path, vault: Path, cache: Path) -> float:
    """One `vaultnet sync` from the package in `tree`, in a new process: its seconds."""
    env = {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": str(cache)}
    start = time.perf_counter()
    # -P: the package in `tree`, not one in the folder this runs from (`-m` puts it first).
    subprocess.run([sys.executable, "-P", "-m", "vaultnet", "sync", "--vault", str(vault),
                    "--today", TODAY], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def measure(tree: Path, vault: Path, work: Path) -> tuple[float, float]:
    """A cold sync (no cache, no output), then a sync after one log line: (cold, one change)."""
    shutil.rmtree(vault / "Network", ignore_errors=True)
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    cold = run_sync(tree, vault, cache)
    note = sorted((vault / "People").glob("*.md"))[0]
    original = note.read_bytes()
    time.sleep(2.1)  # past the cache's racy window, so the change is seen as one
    note.write_bytes(original + b"- 2026-11-24 A call #call\n")
    one = run_sync(tree, vault, cache)
    note.write_bytes(original)
    return cold, one


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the git revision to compare against")
    parser.add_argument("--after", help="the revision to compare (default: the work tree)")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dense", action="store_true", help="the dense vault (generate.py)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vaultnet-versions-"))
    trees = {"before": work / "before", "after": work / "after" if args.after else ROOT}
    try:
        for name, revision in (("before", args.before), ("after", args.after)):
            if revision:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach",
                                str(trees[name]), revision], check=True, capture_output=True)
        vault = work / "vault"
        generate_vault(vault, people=args.people, dense=args.dense)
        times: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
        for _ in range(args.rounds):
            for name, tree in trees.items():
                times[name].append(measure(tree, vault, work))
        cold = {name: statistics.median(t[0] for t in runs) for name, runs in times.items()}
        one = {name: statistics.median(t[1] for t in runs) for name, runs in times.items()}
        print(f"{args.people:,} people{', dense' if args.dense else ''}, median of "
              f"{args.rounds} rounds, alternating; "
              f"before = {args.before}, after = {args.after or 'the work tree'}")
        print(f"cold sync:        before {cold['before']:.2f} s, after {cold['after']:.2f} s, "
              f"ratio {cold['after'] / cold['before']:.3f}")
        print(f"one-change sync:  before {one['before']:.2f} s, after {one['after']:.2f} s, "
              f"ratio {one['after'] / one['before']:.3f}")
    finally:
        for tree in trees.values():
            if tree != ROOT:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                               capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
