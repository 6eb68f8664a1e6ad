"""Benchmark: reading and parsing every note with vaultnet, against the floor (issue 18, "Cold").

The floor is what any tool must do at least: read every note and parse its frontmatter with
python-frontmatter. vaultnet's side walks the vault as a sync does and reads and parses every note
(`walk_vault`, `read_text`, `parse_note`) on one core, so that the figure is the parse's own cost,
not how well the machine's cores are shared. Each measurement is a new process (so both include
Python's start-up and imports), the two alternate round by round, and the median of the rounds is
kept; the ratio is what to compare, since the machines are shared and noisy. Three ratios are
printed: of the whole processes' wall-clock time, of their CPU time (user and system: the least
disturbed by other processes on a busy machine, but blind to time lost waiting on the disk), and of
the work alone (after the imports).

    python benchmarks/generate.py /tmp/dense --people 10000 --seed 1 --dense
    python benchmarks/bench_parse.py /tmp/dense --rounds 5
    python benchmarks/bench_parse.py /tmp/dense --store   # through NoteStore, as `sync` reads
    mkdir /tmp/old && git archive HEAD~3 vaultnet | tar -x -C /tmp/old
    python benchmarks/bench_parse.py /tmp/dense --before /tmp/old   # and an older version too
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
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
    """Walk the vault as a sync does, then read and parse every note, one after another, keeping
    the notes with the cycle collector paused (as a sync does)."""
    from vaultnet.base.settings import load_settings
    from vaultnet.parse.note import parse_note
    from vaultnet.read.obsidian import read_conventions, skipped
    from vaultnet.read.vault import read_text, walk_vault

    gc.disable()  # as `pipeline.sync.gc_paused` does, without importing the rest of the pipe
    settings = load_settings(vault)
    conventions = read_conventions(vault, settings)
    files, _ = walk_vault(vault, skipped(vault, settings))
    notes = []
    for file in files:
        text, _ = read_text(file, settings.max_note_bytes)
        if text is not None:
            notes.append(parse_note(file.path, text, conventions))
    return len(notes)


def vaultnet_store(vault: Path) -> int:
    """Read the vault through the note store, as `vaultnet sync` does (several cores if it pays)."""
    from vaultnet.base.settings import load_settings
    from vaultnet.pipeline.note_store import read_notes
    from vaultnet.pipeline.sync import gc_paused

    with gc_paused():
        notes, _ = read_notes(vault, load_settings(vault))
    return len(notes)


KINDS = {"floor": floor, "vaultnet": vaultnet_parse, "store": vaultnet_store}


def run_child(kind: str, vault: Path) -> None:
    """The body of one measured process: do the work, print its own seconds and note count."""
    started = time.perf_counter()
    count = KINDS[kind](vault)
    print(f"{time.perf_counter() - started:.6f} {count}")


def child(kind: str, vault: Path, tree: Path | None = None) -> tuple[float, float, float, int]:
    """Run one measurement in a new process, with vaultnet imported from `tree` if given: (seconds
    start to exit, its CPU seconds, seconds of the work alone, notes)."""
    argv = [sys.executable, __file__, "--child", kind, str(vault)]
    env = {**os.environ, "PYTHONPATH": str(tree)} if tree else None
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=errors, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        errors.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(argv)} failed:\n{errors.read().decode(errors='replace')}")
        work, count = out.read().decode().split()
    return seconds, usage.ru_utime + usage.ru_stime, float(work), int(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--store", action="store_true",
                        help="read through the note store, as a sync does (may use several cores)")
    parser.add_argument("--before", type=Path, metavar="DIR",
                        help="also time vaultnet imported from DIR (say, `git archive REV vaultnet "
                             "| tar -x -C DIR`), alternating with the rest")
    parser.add_argument("--child", choices=sorted(KINDS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.vault)
        return
    ours = "store" if args.store else "vaultnet"
    runs = {"floor": ("floor", None), ours: (ours, None)}
    if args.before:
        runs["before"] = (ours, args.before)
    times: dict[str, dict[str, list[float]]] = {what: {name: [] for name in runs}
                                                for what in ("process", "cpu", "work")}
    counts = {}
    for round_ in range(args.rounds):
        order = list(runs) if round_ % 2 == 0 else list(reversed(runs))
        for name in order:
            *measured, counts[name] = child(*runs[name][:1], args.vault, runs[name][1])
            for what, seconds in zip(times, measured, strict=True):
                times[what][name].append(seconds)
    print(f"vault {args.vault}: {counts['floor']:,} notes for the floor, {counts[ours]:,} for "
          f"vaultnet; median of {args.rounds} rounds; load average {os.getloadavg()[0]:.2f}")
    for what, label in (("process", "whole process, wall clock"), ("cpu", "whole process, CPU"),
                        ("work", "work alone, wall clock")):
        median = {name: statistics.median(seconds) for name, seconds in times[what].items()}
        print(f"  {label:26} " + "   ".join(
            f"{name} {median[name]:5.2f} s" + ("" if name == "floor" else
                                                f" = {median[name] / median['floor']:.2f} × floor")
            for name in runs))


if __name__ == "__main__":
    main()
