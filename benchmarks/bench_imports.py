"""The imports of `vaultnet sync` (the command, then its pipe), with the code of vaultnet's
dataclasses kept and without it (`vaultnet.base.dataclass_code`), side by side in one run.

Each side has its own PYTHONPYCACHEPREFIX, a copy of every module's bytecode made by a first
process; the first side's also keeps the dataclasses' code, as a first `vaultnet` command does,
the other's does not. Then both import, alternating, each a new process that writes nothing
(PYTHONDONTWRITEBYTECODE), and the medians of the imports and of the whole processes are printed
with their ratios: these machines are shared and noisy, and both sides see the same noise.

    python benchmarks/bench_imports.py
    python benchmarks/bench_imports.py --rounds 40
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CHILD = r"""
import sys, time
started = time.perf_counter()
import vaultnet.cli, vaultnet.pipeline.sync
imported = time.perf_counter() - started
from vaultnet.base import dataclass_code
if sys.argv[1] == "keep":
    dataclass_code.keep()
print(imported, len(dataclass_code.COMPILED.made))
"""


def run(prefix: Path, keep: bool = False) -> tuple[float, float, int]:
    """One process importing the pipe under `prefix`: (seconds importing, seconds of the whole
    process, texts it compiled). Writes bytecode and keeps the code only when it `keep`s."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    if not keep:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, "keep" if keep else "no"], env=env,
                          capture_output=True, text=True, check=True)
    whole = time.perf_counter() - started
    imported, compiled = done.stdout.split()
    return float(imported), whole, int(compiled)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vaultnet-imports-") as folder:
        kept, not_kept = Path(folder) / "kept", Path(folder) / "not kept"
        run(kept, keep=True)
        _, _, made = run(kept)
        # (bytecode for every module, and no dataclasses' code: a process that does not keep it)
        with tempfile.TemporaryDirectory() as empty:
            env = {**os.environ, "PYTHONPYCACHEPREFIX": str(not_kept)}
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            subprocess.run([sys.executable, "-c", "import vaultnet.cli, vaultnet.pipeline.sync"],
                           env=env, check=True, cwd=empty)
        _, _, compiled = run(not_kept)
        print(f"texts compiled by a process: {made} with the code kept, {compiled} without")
        times: dict[str, list[tuple[float, float]]] = {"kept": [], "not kept": []}
        for _ in range(args.rounds):
            times["kept"].append(run(kept)[:2])
            times["not kept"].append(run(not_kept)[:2])
    medians = {side: (statistics.median(t[0] for t in runs), statistics.median(t[1] for t in runs))
               for side, runs in times.items()}
    for side, (imported, whole) in medians.items():
        print(f"{side:>8}: imports {imported * 1000:6.1f} ms, whole process {whole * 1000:6.1f} ms "
              f"(median of {args.rounds})")
    (kept_imports, kept_whole), (plain_imports, plain_whole) = medians["kept"], medians["not kept"]
    print(f"   ratio: imports {kept_imports / plain_imports:.2f} ×, "
          f"whole process {kept_whole / plain_whole:.2f} × "
          f"({(plain_whole - kept_whole) * 1000:.0f} ms less)")


if __name__ == "__main__":
    main()
