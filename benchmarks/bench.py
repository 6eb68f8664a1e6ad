"""The speed targets of issue 18, measured side by side in one run: `vaultnet sync` against the floor.

The floor is what any tool must do at least: read every note and parse its frontmatter with
python-frontmatter. Every measurement runs as its own process (so each includes Python's start-up,
the floor too), alternating with the floor, and the median of the rounds is kept; the ratios are
what to compare, since the machines are shared and noisy (the load average is printed with them).
Peak memory is the largest maximum resident set size of the vault's syncs. vaultnet's modules are
compiled to bytecode first, as an install does.

Two vault shapes (benchmarks/generate.py): this benchmark's own, and the dense one (`--dense`),
where every log line links someone: about twice the ties and eight times the body links.

    python benchmarks/bench.py                      # 10,000 people: the table of targets (minutes)
    python benchmarks/bench.py --quick              # 2,000 people, one round (under 2 minutes)
    python benchmarks/bench.py --large 100000       # and the 100,000-person run (many minutes)
    python benchmarks/bench.py --instructions       # the dense rows counted, not timed (minutes)

With `--instructions`, the dense vault's floor and its syncs after a change run once each under
valgrind's callgrind, which counts the instructions each executes instead of timing it: a ratio
the machine's other work does not move (each sync's own process alone, what a user waits for,
without the walk beside it or the save after it). An instruction is not a second (a cache miss
or a page fault costs more than an add, and the kernel's work is not counted), so these rows say
where the work stands between two noisy timed runs; the targets are the timed table's.

Each target is printed with PASS or MISS; a miss does not fail the process. The watch row runs
benchmarks/bench_watch.py in a process of its own (`--no-watch` leaves it out). When obsidiantools
(the Python library that builds a networkx graph of a vault) is installed, it runs on the same
vault and its ratio to the floor is printed too.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generate import generate_vault  # type: ignore[import-not-found]

TODAY, NEXT_DAY = "2026-11-25", "2026-11-26"
HERE = Path(__file__).resolve().parent
SMALL = 2000  # people in the small dense vault of the targets
MB = 2**20

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


def counted(argv: list[str], env: dict[str, str], out: Path, own: bool = False) -> float:
    """The instructions `argv` executes under callgrind, in billions: in all its processes, or
    with `own` in its first alone (the command's own: its children's numbers are higher)."""
    if shutil.which("valgrind") is None:
        raise SystemExit("counting instructions needs valgrind (callgrind): apt install valgrind")
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}.%p", *argv]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    # One "refs" line per process (a cold parse's worker is a process of its own).
    found = {int(pid): int(n.replace(",", ""))
             for pid, n in re.findall(r"==(\d+)== I\s+refs:\s+([\d,]+)", done.stderr)}
    return (found[min(found)] if own else sum(found.values())) / 1e9


def count_rows(workdir: Path, people: int) -> list[str]:
    """The dense vault's floor, and its syncs with nothing changed, after one log line and after
    a line that adds a tie, counted (`--instructions`): each row's ratio to the floor's count."""
    vault, cache = workdir / "dense", workdir / "cache"
    generate_vault(vault, people=people, dense=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    sync = [sys.executable, "-m", "vaultnet", *sync_args(vault)]
    time.sleep(2.5)  # (past the cache's racy window, as `measure`'s syncs)
    floor = counted([sys.executable, "-c", _CHILD, "floor", str(vault)], env, workdir / "floor")
    for _ in range(2):  # the cold sync, then one that finds every note settled
        child("vaultnet", vault, *sync_args(vault), cache=cache)
    time.sleep(2.1)
    child("vaultnet", vault, *sync_args(vault), cache=cache)
    rows = ["| what (dense, counted) | target (timed) | instructions | |", "|---|---|---|---|",
            row(f"dense {people:,}: the floor", "", f"{floor:.2f} G", None)]
    for what, target, limit, edit in (
            ("nothing changed", "≤ 0.18 ×", 0.18, None),
            ("one log line (no new tie)", "≤ 0.5 × (aim 0.35 ×)", 0.5, log_a_call),
            ("one log line that adds a tie", "≤ 2.0 ×", 2.0, log_a_lunch_with_a_stranger)):
        if edit is not None:
            time.sleep(2.1)  # (the change past the racy window: seen as one)
            edit(vault, 0)
        found = counted(sync, env, workdir / "sync", own=True)
        rows.append(row(f"dense {people:,}: {what}", target,
                        f"{found:.2f} G = {found / floor:.2f} × floor", found / floor <= limit))
    return rows


def sync_args(vault: Path, today: str = TODAY) -> tuple[str, ...]:
    return ("sync", "--vault", str(vault), "--today", today)


def people_notes(vault: Path) -> list[Path]:
    return sorted((vault / "People").glob("*.md"))


def append_line(note: Path, line: str) -> None:
    with open(note, "a", encoding="utf-8") as stream:
        stream.write(line + "\n")


def log_a_call(vault: Path, round_: int) -> None:
    """One log line that links nobody (so no new tie), as an editor would save it: a call today."""
    append_line(people_notes(vault)[round_ * 7], f"- {TODAY} Quick call {round_} #call")


def log_a_lunch_with_a_stranger(vault: Path, round_: int) -> None:
    """One log line that adds a tie: lunch today with someone neither note links yet."""
    notes = people_notes(vault)
    at = round_ * 7 + 3
    append_line(notes[at], f"- {TODAY} Lunch with [[{stranger(notes, at).stem}]] #met")


def meeting_note(who: str) -> str:
    """Today's meeting with `who`, in a note of its own (a new note: it changes the vault's names)."""
    return f'---\ntype: meeting\ndate: {TODAY}\nattendees: ["[[{who}]]"]\n---\nCoffee.\n'


def write_the_days_note(vault: Path, round_: int) -> None:
    """A new note: the day's, a coffee with someone (a new name: a note every day)."""
    who = people_notes(vault)[round_ * 7 + 5].stem
    (vault / "Daily" / f"{TODAY}.md").write_text(f"- Coffee with [[{who}]] #met\n",
                                                 encoding="utf-8")


def add_a_person(vault: Path, round_: int) -> None:
    """A new person's note, met through someone (what `vaultnet add` writes, and a line)."""
    who = people_notes(vault)[round_ * 7 + 6].stem
    (vault / "People" / "Newcomer.md").write_text(
        f"---\ntype: person\nrole: peer\n---\n# Newcomer\n\n## Log\n"
        f"- {TODAY} Met through [[{who}]] #met\n", encoding="utf-8")


def stranger(notes: list[Path], at: int) -> Path:
    """Someone of `notes` whom the note `notes[at]` does not link, nor they it."""
    note = notes[at]
    text = note.read_text(encoding="utf-8")
    for step in range(1, len(notes)):
        other = notes[(at + step * 101) % len(notes)]
        if other != note and f"[[{other.stem}]]" not in text and \
                f"[[{note.stem}]]" not in other.read_text(encoding="utf-8"):
            return other
    raise SystemExit(f"{note.name} is tied to everyone: no tie left to add")


def generated_mtimes(vault: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in (vault / "Network").rglob("*") if p.is_file()}


@dataclass
class Measured:
    """The medians of one vault's measurements (seconds), its syncs' peak memory (bytes)."""

    notes: int
    times: dict[str, list[float]] = field(default_factory=dict)
    peak: int = 0
    noop_writes: int = 0

    def add(self, what: str, seconds: float) -> None:
        self.times.setdefault(what, []).append(seconds)

    def __getitem__(self, what: str) -> float:
        return statistics.median(self.times[what])

    def ratio(self, what: str) -> float:
        return self[what] / self["floor"]


def measure(vault: Path, rounds: int, cache: Path, notes: int, peers: bool = False) -> Measured:
    """Each measurement `rounds` times, every one a new process, each round against the floor."""
    found = Measured(notes)

    def sync(what: str | None, today: str = TODAY) -> None:
        seconds, used = child("vaultnet", vault, *sync_args(vault, today), cache=cache)
        found.peak = max(found.peak, used)
        if what:
            found.add(what, seconds)

    def edited(what: str, edit: Callable[[Path, int], None]) -> None:
        edit(vault, round_)
        sync(what)

    time.sleep(2.5)  # notes written less than 2 s before a sync are not trusted by its cache
    for round_ in range(rounds):
        for added in (vault / "Daily" / f"{TODAY}.md", vault / "People" / "Newcomer.md"):
            added.unlink(missing_ok=True)  # (the round before's: each round adds them anew)
        found.add("floor", child("floor", vault, cache=cache)[0])
        shutil.rmtree(vault / "Network", ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        sync("cold")
        sync(None)  # notes settle: none is "racy"
        # The folders settle too: a folder changed less than 2 s before a walk (the cold sync made
        # Network/ in the vault's folder) vouches for nothing, and the walk is not kept.
        time.sleep(2.1)
        sync(None)
        before = generated_mtimes(vault)
        sync("noop")
        found.noop_writes += sum(1 for k, v in generated_mtimes(vault).items() if before.get(k) != v)
        edited("one line", log_a_call)
        edited("new tie", log_a_lunch_with_a_stranger)
        edited("day's note", write_the_days_note)
        edited("new person", add_a_person)
        # The first sync of the next day, hours after the last one of this day (no note "racy"):
        # every tie fades, the agenda moves on, plans come due.
        time.sleep(2.1)
        sync("next day", NEXT_DAY)
        found.add("help", child("vaultnet", vault, "--help", cache=cache)[0])
        if peers and round_ == 0:
            found.add("obsidiantools", child("obsidiantools", vault, cache=cache)[0])
    return found


def watch_median(people: int, edits: int, cache: Path) -> tuple[float | None, str]:
    """benchmarks/bench_watch.py's median save → Follow-ups.md in seconds, and its report
    (which `new_note_median` reads the new notes' median from)."""
    argv = [sys.executable, str(HERE / "bench_watch.py"), "--people", str(people),
            "--edits", str(edits), "--idle", "1"]
    done = subprocess.run(argv, env={**os.environ, "XDG_CACHE_HOME": str(cache)},
                          capture_output=True, text=True, check=False)
    report = (done.stdout + done.stderr).strip()
    median = re.search(r"save → Follow-ups\.md on disk: median (\d+) ms", done.stdout)
    return (int(median.group(1)) / 1000 if median else None), report


def new_note_median(report: str) -> str:
    """bench_watch.py's median new note → Follow-ups.md, as it printed it."""
    found = re.search(r"new note → Follow-ups\.md on disk: median (\d+) ms", report)
    return f"{found.group(1)} ms median" if found else "see bench_watch.py"


def verdict(met: bool | None) -> str:
    return "" if met is None else ("PASS" if met else "MISS")


def row(what: str, target: str, measured: str, met: bool | None) -> str:
    return f"| {what} | {target} | {measured} | {verdict(met)} |"


def times_floor(m: Measured, what: str) -> str:
    return f"{m[what]:.2f} s = {m.ratio(what):.2f} × floor"


def shape_table(vaults: dict[str, Measured]) -> list[str]:
    """The issue's table of what each vault measured, as ratios to its own floor."""
    lines = ["| | floor | cold | nothing changed | one log line | one line adding a tie | peak |",
             "|---|---|---|---|---|---|---|"]
    for name, m in vaults.items():
        cells = [f"{m['floor']:.2f} s"] + [f"{m.ratio(w):.2f}×" for w in
                                           ("cold", "noop", "one line", "new tie")]
        lines.append(f"| {name} | {' | '.join(cells)} | {m.peak / MB:.0f} MB |")
    return lines


def target_rows(plain: Measured, dense: Measured, small: Measured, people: int,
                watch: tuple[float | None, str] | None) -> list[str]:
    """Every row of issue 18's targets, with PASS or MISS."""
    big, few = f"dense {people:,}", f"dense {SMALL:,}"
    lines = [
        "| what | target | measured | |",
        "|---|---|---|---|",
        row(f"{big}: cold", "≤ 4.5 × floor", times_floor(dense, "cold"), dense.ratio("cold") <= 4.5),
        row(f"bench.py's vault, {people:,}: cold", "≤ 3 × floor", times_floor(plain, "cold"),
            plain.ratio("cold") <= 3),
        row(f"{big}: nothing changed", "≤ 0.18 × floor, 0 files written",
            f"{times_floor(dense, 'noop')}, {dense.noop_writes} files written",
            dense.ratio("noop") <= 0.18 and dense.noop_writes == 0),
        row(f"{big}: one log line (no new tie)", "≤ 0.5 × floor (aim 0.35 ×)",
            times_floor(dense, "one line"), dense.ratio("one line") <= 0.5),
        row(f"{big}: one log line that adds a tie", "≤ 2.0 × floor",
            times_floor(dense, "new tie"), dense.ratio("new tie") <= 2.0),
        row(f"{few}: one log line", "≤ 1.5 × its floor",
            f"{small['one line']:.2f} s = {small.ratio('one line'):.2f} × its floor "
            f"({small['floor']:.2f} s)", small.ratio("one line") <= 1.5),
        row(f"peak memory, {big}", "≤ 400 MB", f"{dense.peak / MB:.0f} MB", dense.peak <= 400 * MB),
    ]
    what, target = f"watch save → Follow-ups.md, {people:,} (bench.py's vault)", \
        "≤ 250 ms median, debounce included"
    if watch is None:
        lines.append(row(what, target, "see bench_watch.py", None))
    elif watch[0] is None:
        lines.append(row(what, target, "did not finish: see bench_watch.py; it said "
                         + " / ".join(watch[1].splitlines()[-2:]), False))
    else:
        lines.append(row(what, target, f"{watch[0] * 1000:.0f} ms median", watch[0] <= 0.25))
        lines.append(row(f"watch: a new meeting's note → Follow-ups.md, {people:,} (no target)",
                         "", new_note_median(watch[1]), None))
    lines.append(row("`vaultnet --help`", "≤ 0.3 s", f"{dense['help']:.2f} s", dense["help"] <= 0.3))
    lines.append(row(f"{big}: a new note of the day (no target)", "",
                     times_floor(dense, "day's note"), None))
    lines.append(row(f"{big}: a new person's note (no target)", "",
                     times_floor(dense, "new person"), None))
    lines.append(row(f"{big}: the first sync of the next day (no target)", "",
                     times_floor(dense, "next day"), None))
    if "obsidiantools" in plain.times:
        lines.append(row("obsidiantools on bench.py's vault (for comparison)", "",
                         f"{plain['obsidiantools']:.1f} s = "
                         f"{plain.ratio('obsidiantools'):.1f} × floor", None))
    return lines


def large_rows(workdir: Path, people: int, cache: Path) -> list[str]:
    """The 100,000-person run: a cold sync completes within 2 GB, a no-op sync stays cheap."""
    big = workdir / "large"
    generate_vault(big, people=people)
    time.sleep(2.5)
    big_floor = child("floor", big, cache=cache)[0]
    shutil.rmtree(cache, ignore_errors=True)
    cold, peak = child("vaultnet", big, *sync_args(big), cache=cache)
    child("vaultnet", big, *sync_args(big), cache=cache)
    noop = child("vaultnet", big, *sync_args(big), cache=cache)[0]
    return [
        row(f"{people:,} people: cold sync", "completes, ≤ 2 GB peak",
            f"{cold:.1f} s = {cold / big_floor:.2f} × its floor ({big_floor:.1f} s), "
            f"{peak / MB:.0f} MB", peak <= 2 * 2**30),
        row(f"{people:,} people: sync when nothing changed", "≤ 0.2 × its floor",
            f"{noop:.2f} s = {noop / big_floor:.2f} × its floor", noop <= 0.2 * big_floor),
    ]


def compile_vaultnet(folder: Path | None = None) -> None:
    """Compile vaultnet's modules (the package at `folder`, else the one installed) to bytecode
    first, as installing a package does: an editable install leaves that to the first run, and
    where PYTHONDONTWRITEBYTECODE is set (these machines set it) no run ever writes it, so that
    every sync would compile vaultnet's modules again (about 0.1 s), and the methods of its
    dataclasses (some 30 ms), while the floor's libraries were compiled when installed."""
    import compileall
    import importlib.util

    folders: list[str | Path] = [folder] if folder is not None else []
    if folder is None and (spec := importlib.util.find_spec("vaultnet")) is not None:
        folders += spec.submodule_search_locations or []
    for found in folders:
        compileall.compile_dir(found, quiet=1)
    # And the code of its dataclasses kept, as the first command run does where Python writes
    # bytecode (`vaultnet.base.dataclass_code`; a version before it has none to keep).
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    if folder is not None:
        env["PYTHONPATH"] = str(Path(folder).parent)
    subprocess.run([sys.executable, "-P", "-c", _KEEP_DATACLASS_CODE], env=env, check=True)


_KEEP_DATACLASS_CODE = """
import vaultnet.cli, vaultnet.pipeline.sync
try:
    from vaultnet.base import dataclass_code
except ImportError:
    pass
else:
    dataclass_code.keep()
"""


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true",
                        help=f"{SMALL:,} people, one round, ten watch saves (under 2 minutes)")
    parser.add_argument("--large", type=int, default=0, metavar="PEOPLE",
                        help="also run the large-vault targets on this many people")
    parser.add_argument("--no-peers", action="store_true", help="skip obsidiantools")
    parser.add_argument("--no-watch", action="store_true", help="skip bench_watch.py's row")
    parser.add_argument("--instructions", action="store_true",
                        help="count the dense rows' instructions (callgrind) instead of timing")
    args = parser.parse_args()
    people, rounds = (SMALL, 1) if args.quick else (args.people, args.rounds)
    peers = not args.no_peers and importlib.util.find_spec("obsidiantools") is not None

    started = time.monotonic()
    compile_vaultnet()
    print(f"start: {load_average()}", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="vaultnet-bench-"))
    if args.instructions:
        try:
            print("\n".join(["", *count_rows(workdir, people),
                             f"\n{time.monotonic() - started:.0f} s in all"]))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return
    try:
        cache = workdir / "cache"

        def vault(name: str, size: int, dense: bool, with_peers: bool = False) -> Measured:
            root = workdir / name
            made = generate_vault(root, people=size, dense=dense)
            measured = measure(root, rounds, cache, made["files"], with_peers)
            shutil.rmtree(root, ignore_errors=True)
            print(f"  {name}: measured ({time.monotonic() - started:.0f} s in)", flush=True)
            return measured

        plain = vault("bench", people, dense=False, with_peers=peers)
        dense = vault("dense", people, dense=True)
        small = dense if people == SMALL else vault("dense-small", SMALL, dense=True)
        watch = None if args.no_watch else \
            watch_median(people, 10 if args.quick else 30, workdir / "watch-cache")
        lines = [
            "",
            f"{people:,} people ({plain.notes:,} notes), median of {rounds} round(s), each a new "
            f"process; {load_average()} at the end; {time.monotonic() - started:.0f} s in all",
            "",
            *shape_table({f"bench.py's vault, {people:,}": plain, f"dense, {people:,}": dense,
                          **({f"dense, {SMALL:,}": small} if small is not dense else {})}),
            "",
            *target_rows(plain, dense, small, people, watch),
        ]
        if args.large:
            lines += large_rows(workdir, args.large, cache)
        print("\n".join(lines))
        if watch is not None and watch[0] is None:
            print(f"\nbench_watch.py said:\n{watch[1]}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
