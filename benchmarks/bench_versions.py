"""Two versions of vaultnet side by side in one run: a cold sync, two one-change syncs and the first
sync of the next day, as ratios.

Checks out `--before` (any git revision) into a temporary work tree, then times `vaultnet sync`
from that tree and from this one, alternating, each run a new process on the same generated vault
(bench.py's, or the dense one with `--dense`), and prints the median of each and their ratio.
The ratio is what to read: these machines are shared and noisy, and both versions see the same
noise.

    python benchmarks/bench_versions.py --before HEAD~3
    python benchmarks/bench_versions.py --before d4cb27a --after 0f2d605 --rounds 5
    python benchmarks/bench_versions.py --before f7486b9 --dense
    python benchmarks/bench_versions.py --before f7486b9 --dense --instructions
    python benchmarks/bench_versions.py --before f7486b9 --dense --instructions --own

With `--instructions`, each sync runs once under valgrind's callgrind, which counts the
instructions it executes (in every process: a cold parse's worker too) instead of timing it: a
count that the machine's other work does not move, so a change of a few percent shows, where the
times of a shared machine vary by a fifth from run to run. It weighs every instruction alike (a
cache miss costs no more than an add), so it is the work done, not the time taken. The two
versions run side by side, each on its own copy of the vault (a few minutes at 10,000 people:
callgrind runs a program some fifty times slower). With `--own` too, only the command's own
process is counted: what a user waits for, without the children it starts (the walk of the vault,
and the save of the cache, which runs after the command has answered).
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import compile_vaultnet, stranger
from bench import counted as count  # type: ignore[import-not-found]
from generate import generate_vault  # type: ignore[import-not-found]

TODAY, NEXT_DAY = "2026-11-25", "2026-11-26"
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def run_sync(tree: Path, vault: Path, cache: Path, counted: bool = False, today: str = TODAY,
             own: bool = False) -> float:
    """One `vaultnet sync` from the package in `tree`, in a new process: its seconds, or with
    `counted` the instructions it executed (callgrind), in billions: in all its processes, or
    with `own` in the command's own alone (the one with the lowest number)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": str(cache)}
    # -P: the package in `tree`, not one in the folder this runs from (`-m` puts it first).
    command = [sys.executable, "-P", "-m", "vaultnet", "sync", "--vault", str(vault),
               "--today", today]
    if counted:
        return count(command, env, cache.parent / "callgrind", own)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def measure(tree: Path, vault: Path, work: Path, counted: bool = False, own: bool = False
            ) -> tuple[float, float, float, float]:
    """A cold sync (no cache, no output), a sync after one log line, one after a line that adds
    a tie, then the first sync of the next day: (cold, one change, a tie, a new day). The vault
    is left as it was."""
    shutil.rmtree(vault / "Network", ignore_errors=True)
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    time.sleep(2.1)  # the vault's notes past the cache's racy window: the cache keeps them all
    cold = run_sync(tree, vault, cache, counted, own=own)
    note = sorted((vault / "People").glob("*.md"))[0]
    original = note.read_bytes()
    time.sleep(2.1)  # past the cache's racy window, so the change is seen as one
    note.write_bytes(original + b"- 2026-11-24 A call #call\n")
    one = run_sync(tree, vault, cache, counted, own=own)
    notes = sorted((vault / "People").glob("*.md"))
    other = notes[3]
    was = other.read_bytes()
    time.sleep(2.1)
    other.write_bytes(was + f"- 2026-11-24 Lunch with [[{stranger(notes, 3).stem}]] #met\n"
                      .encode())
    tie = run_sync(tree, vault, cache, counted, own=own)
    day = run_sync(tree, vault, cache, counted, NEXT_DAY, own=own)
    note.write_bytes(original)
    other.write_bytes(was)
    return cold, one, tie, day


def count_side_by_side(trees: dict[str, Path], vault: Path, work: Path, own: bool = False
                       ) -> dict[str, list[tuple[float, float, float, float]]]:
    """Each version's instructions, the two counted at once, each on a copy of the vault."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (callgrind): apt install valgrind")
    for name in trees:
        shutil.copytree(vault, work / name / "vault")
    with ThreadPoolExecutor(len(trees)) as pool:
        counts = {name: pool.submit(measure, tree, work / name / "vault", work / name, True, own)
                  for name, tree in trees.items()}
        return {name: [count.result()] for name, count in counts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the git revision to compare against")
    parser.add_argument("--after", help="the revision to compare (default: the work tree)")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dense", action="store_true", help="the dense vault (generate.py)")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions (callgrind, one round) instead of timing")
    parser.add_argument("--own", action="store_true",
                        help="with --instructions, those of the command's own process alone: "
                             "not its children's (the walk, the cache saved after it ends)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vaultnet-versions-"))
    trees = {"before": work / "before", "after": work / "after" if args.after else ROOT}
    try:
        for name, revision in (("before", args.before), ("after", args.after)):
            if revision:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach",
                                str(trees[name]), revision], check=True, capture_output=True)
        for tree in trees.values():
            compile_vaultnet(tree / "vaultnet")  # (else a side compiles it in every run)
        vault = work / "vault"
        generate_vault(vault, people=args.people, dense=args.dense)
        times: dict[str, list[tuple[float, float, float, float]]] = {"before": [], "after": []}
        if args.instructions:
            times = count_side_by_side(trees, vault, work, args.own)
        else:
            for _ in range(args.rounds):
                for name, tree in trees.items():
                    times[name].append(measure(tree, vault, work))
        cold = {name: statistics.median(t[0] for t in runs) for name, runs in times.items()}
        one = {name: statistics.median(t[1] for t in runs) for name, runs in times.items()}
        tie = {name: statistics.median(t[2] for t in runs) for name, runs in times.items()}
        day = {name: statistics.median(t[3] for t in runs) for name, runs in times.items()}
        how = ("instructions executed (callgrind) by the command's own process, side by side"
               if args.own else "instructions executed (callgrind), side by side") \
            if args.instructions else \
            f"median of {args.rounds} rounds, alternating"
        unit = "G instructions" if args.instructions else "s"
        print(f"{args.people:,} people{', dense' if args.dense else ''}, {how}; "
              f"before = {args.before}, after = {args.after or 'the work tree'}")
        print(f"cold sync:        before {cold['before']:.2f} {unit}, after {cold['after']:.2f} "
              f"{unit}, ratio {cold['after'] / cold['before']:.3f}")
        print(f"one-change sync:  before {one['before']:.2f} {unit}, after {one['after']:.2f} "
              f"{unit}, ratio {one['after'] / one['before']:.3f}")
        print(f"a line adding a tie: before {tie['before']:.2f} {unit}, after {tie['after']:.2f} "
              f"{unit}, ratio {tie['after'] / tie['before']:.3f}")
        print(f"the next day:     before {day['before']:.2f} {unit}, after {day['after']:.2f} "
              f"{unit}, ratio {day['after'] / day['before']:.3f}")
    finally:
        for tree in trees.values():
            if tree != ROOT:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                               capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
