"""Benchmark: reading and parsing every note with vaultnet, against the floor (issue 18, "Cold").

The floor is what any tool must do at least: read every note and parse its frontmatter with
python-frontmatter. vaultnet's side walks the vault as a sync does and reads and parses every note
(`walk_vault`, `read_text`, `parse_note`) on one core, so that the figure is the parse's own cost,
not how well the machine's cores are shared. Each measurement is a new process (so both include
Python's start-up and imports), the two alternate round by round, and the median of the rounds is
kept; the ratio is what to compare, since the machines are shared and noisy. Each child also
reports the seconds of the work alone (after its imports), printed as a second ratio.

    python benchmarks/generate.py /tmp/dense --people 10000 --seed 1 --dense
    python benchmarks/bench_parse.py /tmp/dense --rounds 5
    python benchmarks/bench_parse.py /tmp/dense --store   # through NoteStore, as `sync` reads
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def floor(vault: Path) -> int:
    """Read every note and parse its frontmatter with python-frontmatter."""
    import frontmatter

    count = 0
    for path in sorted(vault.rglob("*.md")):
        if "Network" not in path.parts:
            frontmatter.loads(path.read_text(encoding="utf-8"))
            count += 1
    return count


def vaultnet_parse(vault: Path) -> int:
    """Walk the vault as a sync does, then read and parse every note, one after another."""
    from vaultnet.base.settings import load_settings
    from vaultnet.parse.note import parse_note
    from vaultnet.read.obsidian import read_conventions, skipped
    from vaultnet.read.vault import read_text, walk_vault

    settings = load_settings(vault)
    conventions = read_conventions(vault, settings)
    files, _ = walk_vault(vault, skipped(vault, settings))
    for file in files:
        text, _ = read_text(file, settings.max_note_bytes)
        if text is not None:
            parse_note(file.path, text, conventions)
    return len(files)


def vaultnet_store(vault: Path) -> int:
    """Read the vault through the note store, as `vaultnet sync` does (several cores if it pays)."""
    from vaultnet.base.settings import load_settings
    from vaultnet.pipeline.note_store import read_notes

    notes, _ = read_notes(vault, load_settings(vault))
    return len(notes)


KINDS = {"floor": floor, "vaultnet": vaultnet_parse, "store": vaultnet_store}


def run_child(kind: str, vault: Path) -> None:
    """The body of one measured process: do the work, print its own seconds and note count."""
    started = time.perf_counter()
    count = KINDS[kind](vault)
    print(f"{time.perf_counter() - started:.6f} {count}")


def child(kind: str, vault: Path) -> tuple[float, float, int]:
    """Run one measurement in a new process: (seconds start to exit, seconds of work, notes)."""
    argv = [sys.executable, __file__, "--child", kind, str(vault)]
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr}")
    work, count = done.stdout.split()
    return seconds, float(work), int(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--store", action="store_true",
                        help="read through the note store, as a sync does (may use several cores)")
    parser.add_argument("--child", choices=sorted(KINDS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.vault)
        return
    ours = "store" if args.store else "vaultnet"
    whole: dict[str, list[float]] = {"floor": [], ours: []}
    work: dict[str, list[float]] = {"floor": [], ours: []}
    counts = {}
    for round_ in range(args.rounds):
        for kind in ("floor", ours) if round_ % 2 == 0 else (ours, "floor"):
            seconds, inner, counts[kind] = child(kind, args.vault)
            whole[kind].append(seconds)
            work[kind].append(inner)
    median = {kind: statistics.median(times) for kind, times in whole.items()}
    inner_median = {kind: statistics.median(times) for kind, times in work.items()}
    print(f"vault {args.vault}: {counts['floor']:,} notes for the floor, {counts[ours]:,} for "
          f"vaultnet; {args.rounds} rounds, load average {os.getloadavg()[0]:.2f}")
    for kind in whole:
        print(f"  {kind:9} process {median[kind]:6.2f} s   work {inner_median[kind]:6.2f} s")
    print(f"ratio (whole process): {median[ours] / median['floor']:.2f} × floor")
    print(f"ratio (work alone):    {inner_median[ours] / inner_median['floor']:.2f} × floor")


if __name__ == "__main__":
    main()
