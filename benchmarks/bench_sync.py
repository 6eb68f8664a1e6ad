"""Benchmark: `vaultnet sync`, every insight on, against the floor of reading and parsing notes.

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

from vaultnet.base.settings import load_settings
from vaultnet.insight.agenda import build_agenda
from vaultnet.insight.suggestions import build_insight
from vaultnet.network.graph import build_graph
from vaultnet.network.index import build_index
from vaultnet.pipeline.note_store import read_notes
from vaultnet.pipeline.sync import gc_paused, sync
from vaultnet.read.vault import walk_vault
from vaultnet.render.pages import render_pages
from vaultnet.write.generated import write_pages

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


def stages(root: Path) -> dict[str, float]:
    """One cold sync, step by step, to show where the time goes."""
    settings = load_settings(root)
    shutil.rmtree(root / "Network", ignore_errors=True)
    spent: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        spent[name] = now - clock
        clock = now

    with gc_paused():
        notes, problems = read_notes(root, settings)
        lap("read and parse notes")
        index = build_index(notes, TODAY, problems)
        lap("resolve links, gather interactions")
        graph = build_graph(index)
        lap("build the networkx graph")
        agenda = build_agenda(graph, TODAY, settings)
        lap("compute the agenda")
        insight = build_insight(index, graph, TODAY, settings.quiet_days)
        lap("insight (ties, paths, mentors, …)")
        pages = render_pages(index, graph, agenda, insight, settings)
        lap("render the generated notes")
    write_pages(root, settings.output_folder, pages)
    lap("write them (atomic, fsynced)")
    return spent


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
        print("\nwhere a cold sync spends its time:")
        for name, seconds in stages(root).items():
            print(f"  {name:<36}{seconds:>8.3f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
