"""The speed targets, measured side by side in one run: `vaultnet sync` against the floor.

The floor is what any tool must do at least: read every note and parse its frontmatter with
python-frontmatter. Every measurement runs as its own process (so each includes Python's start-up,
the floor too), alternating, and the median of the rounds is kept; the ratios are what to compare,
since the machines are shared and noisy. Peak memory is the process's maximum resident set size.

    python benchmarks/bench.py                      # 10,000 people, the table of targets
    python benchmarks/bench.py --large 100000       # and the 100,000-person run (minutes)

When obsidiantools (the Python library that builds a networkx graph of a vault) is installed, it
runs on the same vault and its ratio to the floor is printed too.
"""

from __future__ import annotations

import argparse
import importlib.util
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

# The floor, and obsidiantools for comparison; vaultnet runs as the `vaultnet` command itself.
_CHILD = r"""
import sys
kind, vault = sys.argv[1], sys.argv[2]
if kind == "floor":
    import frontmatter
    from pathlib import Path
    for path in sorted(Path(vault).rglob("*.md")):
        if "Network" not in path.parts:
            frontmatter.loads(path.read_text(encoding="utf-8"))
else:
    import obsidiantools.api as otools
    otools.Vault(vault).connect().gather()
"""


def child(kind: str, vault: Path, *args: str, cache: Path) -> tuple[float, int]:
    """Run one measurement in a new process: (seconds from start to exit, peak bytes)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    argv = [sys.executable, "-m", "vaultnet", *args] if kind == "vaultnet" else \
        [sys.executable, "-c", _CHILD, kind, str(vault)]
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)  # the child's own peak memory, with its exit
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed:\n{errors.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss * 1024  # (kilobytes, on Linux)


def sync_args(vault: Path) -> tuple[str, ...]:
    return ("sync", "--vault", str(vault), "--today", TODAY)


def touch_one(vault: Path, round_: int) -> None:
    """One person note changed, as an editor would: a call logged today."""
    note = sorted((vault / "People").glob("*.md"))[round_ * 7]
    with open(note, "a", encoding="utf-8") as stream:
        stream.write(f"- {TODAY} Quick call {round_} #call\n")


def generated_mtimes(vault: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in (vault / "Network").rglob("*") if p.is_file()}


def measure(vault: Path, rounds: int, cache: Path, peers: bool) -> dict[str, float]:
    """Median seconds of each measurement over `rounds`, and the cold sync's peak memory."""
    times: dict[str, list[float]] = {k: [] for k in ("floor", "cold", "noop", "one", "help",
                                                     "obsidiantools")}
    peak = 0
    writes_on_noop = 0
    time.sleep(2.5)  # notes written less than 2 s before a sync are not trusted by its cache
    for round_ in range(rounds):
        times["floor"].append(child("floor", vault, cache=cache)[0])
        shutil.rmtree(vault / "Network", ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        seconds, used = child("vaultnet", vault, *sync_args(vault), cache=cache)
        times["cold"].append(seconds)
        peak = max(peak, used)
        child("vaultnet", vault, *sync_args(vault), cache=cache)  # notes settle: none is "racy"
        before = generated_mtimes(vault)
        times["noop"].append(child("vaultnet", vault, *sync_args(vault), cache=cache)[0])
        writes_on_noop += sum(1 for k, v in generated_mtimes(vault).items() if before.get(k) != v)
        touch_one(vault, round_)
        times["one"].append(child("vaultnet", vault, *sync_args(vault), cache=cache)[0])
        times["help"].append(child("vaultnet", vault, "--help", cache=cache)[0])
        if peers and round_ == 0:
            times["obsidiantools"].append(child("obsidiantools", vault, cache=cache)[0])
    found = {k: statistics.median(v) for k, v in times.items() if v}
    found["peak"] = peak
    found["noop_writes"] = writes_on_noop
    return found


def row(what: str, target: str, measured: str, met: bool | None) -> str:
    mark = "" if met is None else ("yes" if met else "NO")
    return f"| {what} | {target} | {measured} | {mark} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--large", type=int, default=0, metavar="PEOPLE",
                        help="also run the large-vault targets on this many people")
    parser.add_argument("--no-peers", action="store_true", help="skip obsidiantools")
    args = parser.parse_args()
    peers = not args.no_peers and importlib.util.find_spec("obsidiantools") is not None

    workdir = Path(tempfile.mkdtemp(prefix="vaultnet-bench-"))
    try:
        vault, cache = workdir / "vault", workdir / "cache"
        made = generate_vault(vault, people=args.people)
        m = measure(vault, args.rounds, cache, peers)
        floor = m["floor"]
        lines = [
            f"{made['files']} notes ({args.people:,} people), median of {args.rounds} rounds, "
            f"each a new process; floor {floor:.2f} s",
            "",
            "| what | target | measured | met |",
            "|---|---|---|---|",
            row("cold sync (no cache, no output yet)", "≤ 1.5 × floor",
                f"{m['cold']:.2f} s = {m['cold'] / floor:.2f} × floor", m["cold"] <= 1.5 * floor),
            row("sync when nothing changed", "≤ 0.2 × floor, 0 files written",
                f"{m['noop']:.2f} s = {m['noop'] / floor:.2f} × floor, "
                f"{m['noop_writes']} files written",
                m["noop"] <= 0.2 * floor and m["noop_writes"] == 0),
            row("sync after one note changed", "≤ 0.3 × floor",
                f"{m['one']:.2f} s = {m['one'] / floor:.2f} × floor", m["one"] <= 0.3 * floor),
            row("peak memory of a sync", "≤ 300 MB", f"{m['peak'] / 2**20:.0f} MB",
                m["peak"] <= 300 * 2**20),
            row("`vaultnet --help`", "≤ 0.3 s", f"{m['help']:.2f} s", m["help"] <= 0.3),
        ]
        if "obsidiantools" in m:
            lines.append(row("obsidiantools on the same vault (for comparison)", "",
                             f"{m['obsidiantools']:.1f} s = "
                             f"{m['obsidiantools'] / floor:.1f} × floor", None))
        if args.large:
            big = workdir / "large"
            shutil.rmtree(vault, ignore_errors=True)
            generate_vault(big, people=args.large)
            time.sleep(2.5)
            big_floor = child("floor", big, cache=cache)[0]
            shutil.rmtree(cache, ignore_errors=True)
            cold, peak = child("vaultnet", big, *sync_args(big), cache=cache)
            child("vaultnet", big, *sync_args(big), cache=cache)
            noop = child("vaultnet", big, *sync_args(big), cache=cache)[0]
            lines += [
                row(f"{args.large:,} people: cold sync", "completes, ≤ 2 GB peak",
                    f"{cold:.1f} s = {cold / big_floor:.2f} × its floor ({big_floor:.1f} s), "
                    f"{peak / 2**20:.0f} MB", peak <= 2 * 2**30),
                row(f"{args.large:,} people: sync when nothing changed", "≤ 0.2 × its floor",
                    f"{noop:.2f} s = {noop / big_floor:.2f} × its floor",
                    noop <= 0.2 * big_floor),
            ]
        print("\n".join(lines))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
