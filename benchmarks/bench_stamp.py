"""Benchmark: the link digest of each generated page, over its text against over its UTF-8.

`stamp` signs every page it writes twice: a digest of its bytes, and one of it with every link
target blanked (what Obsidian rewrites when a note is renamed). Blanking a page of a large vault
(Network.md at 10,000 people: 1.5 MB, 25,000 links) is most of what a write costs. This syncs a
generated vault once, then blanks each page both ways, alternated, in one process: the text and
its encoding (`_masked`, as `stamp` did), and the bytes `stamp` has already (`_masked_utf8`, as it
does). It prints the median of each and their ratio, and fails if the two ever differ.

    python benchmarks/bench_stamp.py --people 10000
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from generate import generate_vault  # type: ignore[import-not-found]

from vaultnet.pipeline.sync import sync
from vaultnet.write import generated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="vaultnet-bench-stamp-"))
    try:
        generate_vault(workdir, people=args.people)
        sync(workdir, date(2026, 11, 25))
        for page in sorted((workdir / "Network").glob("*.md"), key=lambda p: -p.stat().st_size)[:3]:
            text = page.read_text(encoding="utf-8")
            body = text[text.index("\n---\n", 4) + 5:]
            data = body.encode("utf-8")
            as_text, as_utf8 = [], []
            for _ in range(args.rounds):
                started = time.perf_counter()
                masked = generated._masked(body).encode("utf-8")
                as_text.append(time.perf_counter() - started)
                started = time.perf_counter()
                if generated._masked_utf8(data) != masked:
                    raise SystemExit(f"{page.name}: the two ways differ")
                as_utf8.append(time.perf_counter() - started)
            before, after = statistics.median(as_text), statistics.median(as_utf8)
            print(f"{page.name} ({len(data):,} bytes): text {before * 1000:.1f} ms, UTF-8 "
                  f"{after * 1000:.1f} ms, ratio {after / before:.2f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
