"""Where a `vaultnet sync` spends its time: each stage of the pipe, timed with plain clocks, for a
cold sync, a sync after one log line, and a sync after a line that adds a tie.

Each sync runs in a new process, as `vaultnet sync` does, through the parse cache; the stages are
timed by wrapping the pipe's own functions (no profiler, whose hooks inflate tight loops). Wall and
CPU seconds are both printed: on a shared machine the CPU seconds are the steadier of the two. So
are the page faults this process took in each stage, in thousands: after a fork (the children that
parse, keep the cache and work out the ties and communities), each page the sync writes to that
it shares with a child is copied first, some 2.6 µs a page while the child lives.

    python benchmarks/where.py                       # the dense vault of 10,000 people, 3 rounds
    python benchmarks/where.py --people 2000 --plain # benchmarks/bench.py's own shape
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import (  # type: ignore[import-not-found]
    TODAY,
    compile_vaultnet,
    log_a_call,
    log_a_lunch_with_a_stranger,
)
from generate import generate_vault  # type: ignore[import-not-found]

# (module, function, stage): the pipe's steps, in the order a sync takes them.
STAGES = (
    ("vaultnet.pipeline.sync", "look", "look at the cache and walk the vault"),
    ("vaultnet.pipeline.sync", "_primed", "load the cache (notes, resolved links)"),
    ("vaultnet.pipeline.note_store", "NoteStore.refresh", "read and parse changed notes"),
    ("vaultnet.pipeline.sync", "build_index", "resolve links, gather interactions"),
    ("vaultnet.pipeline.sync", "build_graph", "the graph (built, or taken up from the cache)"),
    ("vaultnet.pipeline.sync", "build_agenda", "agenda"),
    ("vaultnet.pipeline.sync", "build_insight", "insight (ties, communities, paths, mentors)"),
    ("vaultnet.pipeline.sync", "render_pages", "render the generated notes"),
    ("vaultnet.pipeline.sync", "write_pages", "write them"),
    ("vaultnet.pipeline.cache", "ParseCache.save", "save the cache"),
)


def child(vault: str) -> None:
    """One `cached_sync`, as `vaultnet sync` runs it, printing each stage's seconds as JSON."""
    import gc
    import importlib

    def clocks() -> tuple[float, float, float]:
        """Wall and CPU seconds, and the page faults taken (without reading the disk)."""
        return time.perf_counter(), time.process_time(), resource.getrusage(
            resource.RUSAGE_SELF).ru_minflt

    started = clocks()
    gc.disable()  # as `vaultnet`'s main does
    spent: dict[str, list[float]] = {}

    def since(then: tuple[float, float, float]) -> list[float]:
        return [now - before for now, before in zip(clocks(), then, strict=True)]

    def timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            then = clocks()
            try:
                return function(*args, **kwargs)
            finally:
                found = spent.setdefault(stage, [0.0, 0.0, 0.0])
                for at, value in enumerate(since(then)):
                    found[at] += value
        return run

    from vaultnet.pipeline import sync as pipe
    imported = since(started)
    for module, attribute, stage in STAGES:
        holder: Any = importlib.import_module(module)
        *owners, name = attribute.split(".")
        for owner in owners:
            holder = getattr(holder, owner)
        setattr(holder, name, timed(stage, getattr(holder, name)))
    from datetime import date
    pipe.cached_sync(Path(vault), date.fromisoformat(TODAY))
    total = since(started)
    print(json.dumps({"imports": imported, **spent, "total": total}))


def run_child(vault: Path, cache: Path) -> dict[str, list[float]]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    here = Path(__file__).resolve()
    out = subprocess.run([sys.executable, str(here), "--child", str(vault)], env=env, check=True,
                         capture_output=True, text=True, cwd=here.parent)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--plain", action="store_true", help="bench.py's shape, not the dense one")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    compile_vaultnet()
    workdir = Path(tempfile.mkdtemp(prefix="vaultnet-where-"))
    try:
        vault, cache = workdir / "vault", workdir / "cache"
        generate_vault(vault, people=args.people, dense=not args.plain)
        time.sleep(2.5)  # notes written less than 2 s before a sync are not trusted by its cache
        runs: dict[str, list[dict[str, list[float]]]] = {"cold": [], "one log line": [],
                                                         "a line adding a tie": []}
        for round_ in range(args.rounds):
            shutil.rmtree(vault / "Network", ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            runs["cold"].append(run_child(vault, cache))
            run_child(vault, cache)  # notes settle: none is "racy"
            for what, edit in (("one log line", log_a_call),
                               ("a line adding a tie", log_a_lunch_with_a_stranger)):
                edit(vault, round_)
                time.sleep(2.1)
                runs[what].append(run_child(vault, cache))
        shape = "bench.py's" if args.plain else "dense"
        print(f"{shape} vault of {args.people:,} people; median of {args.rounds} round(s), each "
              f"sync a new process; seconds wall / CPU / thousands of page faults\n")
        print("| stage | " + " | ".join(runs) + " |")
        print("|---|" + "---|" * len(runs))
        stages = ["imports", *(stage for _, _, stage in STAGES), "total"]
        for stage in stages:
            cells = []
            for measured in runs.values():
                if not any(stage in m for m in measured):
                    cells.append("—")
                    continue
                wall, cpu, faults = (statistics.median(m.get(stage, [0, 0, 0])[at] for m in measured)
                                     for at in range(3))
                cells.append(f"{wall:.2f} / {cpu:.2f} / {faults / 1000:.0f}")
            print(f"| {stage} | " + " | ".join(cells) + " |")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
