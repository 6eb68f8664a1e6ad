"""One sync: read the vault, build the index and graph, compute the agenda, write the pages.

`load` runs the reading half of the pipe and `sync` the whole of it; the CLI and the watcher call
these, and nothing else drives the pipe.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import networkx as nx

from vaultnet.agenda import Agenda, build_agenda
from vaultnet.graph import build_graph
from vaultnet.index import VaultIndex, build_index
from vaultnet.model import Note, Problem
from vaultnet.notes import parse_note
from vaultnet.pages import render_pages
from vaultnet.reader import read_text, walk_vault
from vaultnet.settings import Settings, load_settings, template_folders
from vaultnet.writer import WriteReport, write_pages


@dataclass(frozen=True)
class Vault:
    """A vault read and understood: its settings, index, graph and agenda for one day."""

    root: Path
    settings: Settings
    index: VaultIndex
    graph: nx.Graph
    agenda: Agenda

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.index.problems


def read_notes(root: Path, settings: Settings) -> tuple[list[Note], list[Problem]]:
    """Walk the vault and parse every note; a note that cannot be read is kept as a name only."""
    skip = (settings.output_folder, *settings.ignore, *template_folders(root))
    files, problems = walk_vault(root, skip)
    notes = []
    for file in files:
        text, problem = read_text(file, settings.max_note_bytes)
        if text is None:
            name = file.path.rpartition("/")[2][:-3]
            notes.append(Note(file.path, name, readable=False,
                              problems=(problem,) if problem else ()))
        else:
            notes.append(parse_note(file.path, text, settings.people_folder))
    return notes, problems


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building: the pipe makes many objects and no cycles, and
    repeated full collections over a large vault cost more than the parsing itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(root: Path, today: date, settings: Settings | None = None) -> Vault:
    """Read and understand the vault at `root` for the day `today`."""
    settings = settings or load_settings(root)
    with gc_paused():
        notes, problems = read_notes(root, settings)
        index = build_index(notes, today, problems)
        graph = build_graph(index)
        agenda = build_agenda(graph, today, settings)
    return Vault(root, settings, index, graph, agenda)


@dataclass(frozen=True)
class SyncResult:
    vault: Vault
    writes: WriteReport
    dry_run: bool

    def as_dict(self) -> dict[str, object]:
        index = self.vault.index
        w = self.writes
        return {
            "today": self.vault.agenda.today.isoformat(),
            "dry_run": self.dry_run,
            "notes": len(index.notes),
            "people": len(index.people),
            "daily_notes": index.daily_notes,
            "created": w.created,
            "written": w.written,
            "deleted": w.deleted,
            "unchanged": len(w.unchanged),
            "kept": [p.as_dict() for p in w.kept + w.notices],
            "failed": [p.as_dict() for p in w.failed],
            "problems": [p.as_dict() for p in self.vault.problems],
        }


def sync(root: Path, today: date, dry_run: bool = False) -> SyncResult:
    """Read the vault and bring its generated notes up to date."""
    vault = load(root, today)
    with gc_paused():
        pages = render_pages(vault.index, vault.graph, vault.agenda, vault.settings)
    writes = write_pages(root, vault.settings.output_folder, pages, dry_run=dry_run)
    return SyncResult(vault, writes, dry_run)
