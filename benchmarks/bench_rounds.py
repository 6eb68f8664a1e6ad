"""What one watch round costs, by the kind of edit it follows: a log line, a line that adds a tie, a
new role, a new status, new topics, a new organisation, a new person note, and the other edits that
change the vault's names: a new meeting's note, an alias, a rename, a deletion.

Each round is `vaultnet.pipeline.sync.sync` with a kept note store, told of the changed note as the
watcher is (no debounce, no file system events: the round alone). A round that keeps the graph
changes only what the edit reaches; one that rebuilds it works out everything again. Every edit
runs on a fresh copy of the generated vault, `--rounds` times, and the median is printed. With
`--against`, a work tree of another version of vaultnet (`git worktree add`) runs the same edits
in turn with this one, each in a process of its own, so that the two are measured side by side:

    python benchmarks/bench_rounds.py --people 10000 --dense
    python benchmarks/bench_rounds.py --people 2000 --dense --against /tmp/old
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench import (  # type: ignore[import-not-found]
    compile_vaultnet,
    meeting_note,
    people_notes,
    stranger,
)
from generate import generate_vault  # type: ignore[import-not-found]

TODAY = date(2026, 11, 25)
HERE = Path(__file__).resolve().parent


def _replace(note: Path, old: str, new: str) -> None:
    text = note.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{note}: no {old!r} to edit")
    note.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(note: Path, line: str) -> None:
    with open(note, "a", encoding="utf-8") as out:
        out.write(f"- {TODAY.isoformat()} {line}\n")


def _new_status(note: Path) -> Path:
    """`status: dormant`, in place of the note's own status if it has one."""
    text = note.read_text(encoding="utf-8")
    status = re.search(r"^status: .*$", text, flags=re.M)
    _replace(note, status[0] if status else "type: person",
             "status: dormant" if status else "type: person\nstatus: dormant")
    return note


def _new_org(note: Path) -> Path:
    if "\norg: " in note.read_text(encoding="utf-8"):
        _replace(note, "\norg: ", "\norg: Acme Newco\nformer_org: ")
    else:
        _replace(note, "type: person", "type: person\norg: Acme Newco")
    return note


def _new_person(root: Path, at: int) -> Path:
    note = root / "People" / f"Zed Newcomer {at}.md"
    note.write_text("---\ntype: person\nstatus: prospect\ntopics: [robotics]\n---\n"
                    f"# Zed Newcomer {at}\n", encoding="utf-8")
    return note


def _new_meeting(root: Path, notes: list[Path], at: int) -> Path:
    """Today's meeting with the person of `notes[at]`, in a note of its own."""
    note = root / "Meetings" / f"Coffee {at}.md"
    note.parent.mkdir(exist_ok=True)
    note.write_text(meeting_note(notes[at].stem), encoding="utf-8")
    return note


def _renamed(notes: list[Path], at: int) -> list[Path]:
    moved = notes[at].with_name(f"{notes[at].stem} Moved.md")
    notes[at].rename(moved)
    return [notes[at], moved]


# Each edit: (root, the vault's person notes, the round's number) → the notes it changed.
EDITS: dict[str, Callable[[Path, list[Path], int], Path | list[Path]]] = {
    "a log line": lambda root, notes, at: (_append(notes[at], "Call #call"), notes[at])[1],
    "a line that adds a tie": lambda root, notes, at: (_append(
        notes[at], f"Lunch with [[{stranger(notes, at).stem}]] #met"), notes[at])[1],
    "a new role": lambda root, notes, at: (_replace(notes[at], "role: ", "role: chair "),
                                           notes[at])[1],
    "a new status": lambda root, notes, at: _new_status(notes[at]),
    "new topics": lambda root, notes, at: (_replace(notes[at], "topics: [",
                                                    "topics: [quantum knitting, "), notes[at])[1],
    "a new organisation": lambda root, notes, at: _new_org(notes[at]),
    "a new person note": lambda root, notes, at: _new_person(root, at),
    "a new meeting's note": _new_meeting,
    "a new alias": lambda root, notes, at: (_replace(notes[at], "type: person",
                                                     f"type: person\naliases: [Zed {at}]"),
                                            notes[at])[1],
    "a renamed person note": lambda root, notes, at: _renamed(notes, at),
    "a deleted person note": lambda root, notes, at: (notes[at].unlink(), notes[at])[1],
}


def rounds(vault: Path, edits: int) -> dict[str, float]:
    """In this process: each kind of edit `edits` times on a copy of `vault`, the median
    milliseconds of the round after it."""
    from vaultnet.pipeline.note_store import NoteStore
    from vaultnet.pipeline.sync import sync

    found: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as work:
        for what, edit in EDITS.items():
            root = Path(work) / "vault"
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(vault, root)
            store = NoteStore(rounds=True)
            sync(root, TODAY, store=store)
            time.sleep(2.1)  # notes written just before a read are read again: let them settle
            notes = people_notes(root)
            spent = []
            for at in range(edits):
                changed = edit(root, notes, 101 + 37 * at)
                started = time.perf_counter()
                sync(root, TODAY, store=store, walk=False, recheck=[
                    note.relative_to(root).as_posix()
                    for note in (changed if isinstance(changed, list) else [changed])])
                spent.append(time.perf_counter() - started)
            found[what] = 1000 * statistics.median(spent)
    return found


def measure(tree: Path, vault: Path, edits: int) -> dict[str, float]:
    """`rounds` in a process of its own, with vaultnet from the work tree `tree`."""
    env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{HERE}"}
    done = subprocess.run([sys.executable, "-P", str(HERE / "bench_rounds.py"), "--child",
                           str(vault), "--rounds", str(edits)],
                          env=env, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--dense", action="store_true", help="the dense vault (generate.py)")
    parser.add_argument("--rounds", type=int, default=5, help="edits of each kind")
    parser.add_argument("--against", type=Path, help="a work tree of another version")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(rounds(args.child, args.rounds)))
        return
    compile_vaultnet()
    with tempfile.TemporaryDirectory() as work:
        vault = Path(work) / "vault"
        generate_vault(vault, people=args.people, dense=args.dense)
        trees = {"this version": HERE.parent}
        if args.against:
            trees["--against"] = args.against.resolve()
        results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for _ in range(2 if args.against else 1):  # alternated: each version twice
            for name, tree in trees.items():
                results[name].append(measure(tree, vault, args.rounds))
    shape = "dense " if args.dense else ""
    print(f"\n{shape}vault of {args.people:,} people; median ms of a watch round after each edit "
          f"({args.rounds} edits of each kind{', two runs of each version' if args.against else ''})"
          "\n")
    print("| edit | " + " | ".join(trees) + " |")
    print("|---|" + "---|" * len(trees))
    for what in EDITS:
        print(f"| {what} | " + " | ".join(
            ", ".join(f"{run[what]:,.0f}" for run in results[name]) for name in trees) + " |")


if __name__ == "__main__":
    main()
