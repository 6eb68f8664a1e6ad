"""What a sync tells the user: counts, the agenda's sizes and the problems (a light module, so that
a sync with nothing to do, answered from the cache, needs neither networkx nor the pipe)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vaultnet.base.conventions import Reading
from vaultnet.base.model import Problem
from vaultnet.write.report import WriteReport


@dataclass(frozen=True)
class Summary:
    """What a sync tells the user about the vault: counts, the agenda's sizes, the problems."""

    today: date
    output_folder: str
    notes: int
    people: int
    daily_notes: int
    stay_in_touch: int
    follow_ups: int
    rest: int
    promises: int
    birthdays: int
    problems: tuple[Problem, ...]
    reading: Reading | None = None
    replies: int = 0  # people who wrote and wait for an answer
    # Those of `problems` that are about files, not a note's text (a sync tool's copy of a note, a
    # generated note left out of date, a symlink that leads out): named by every sync, where the
    # notes' own are counted after the first few.
    files: tuple[Problem, ...] = ()


def summary_dict(summary: Summary, writes: WriteReport, dry_run: bool) -> dict[str, object]:
    """A sync's result for scripts (`vaultnet sync --json`)."""
    return {
        "today": summary.today.isoformat(),
        "dry_run": dry_run,
        "notes": summary.notes,
        "people": summary.people,
        "daily_notes": summary.daily_notes,
        "created": writes.created,
        "written": writes.written,
        "deleted": writes.deleted + writes.retired,
        "unchanged": len(writes.unchanged),
        "kept": [p.as_dict() for p in writes.kept + writes.notices],
        "failed": [p.as_dict() for p in writes.failed],
        "problems": [p.as_dict() for p in summary.problems],
    }
