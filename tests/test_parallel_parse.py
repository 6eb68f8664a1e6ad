"""A cold sync of a big vault parses its notes on several cores: the same notes, in the same order,
and the same bytes written, as parsing them one by one here."""

from __future__ import annotations

import multiprocessing
import shutil
import threading
from pathlib import Path

import pytest
from conftest import TODAY, snapshot

import vaultnet.pipeline.note_store as note_store
from vaultnet.base.settings import load_settings
from vaultnet.pipeline.note_store import NoteStore

SAMPLE = Path(__file__).resolve().parent.parent / "sample_vault"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns("Network"))
    return root


def several_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse on several cores from the first note (the sample is far below the real threshold)."""
    if threading.active_count() > 1:
        pytest.skip("another thread runs in this process: vaultnet parses here, never forking")
    monkeypatch.setattr(note_store, "PARALLEL_MIN", 1)
    monkeypatch.setattr(note_store.os, "cpu_count", lambda: 2)


class Forks:
    """multiprocessing's fork context, counting the pools made from it."""

    def __init__(self) -> None:
        self.context = multiprocessing.get_context("fork")
        self.pools: list[int] = []

    def Pool(self, processes: int):  # multiprocessing's name
        self.pools.append(processes)
        return self.context.Pool(processes)


def test_the_notes_parsed_on_several_cores_are_those_parsed_here(vault, monkeypatch):
    settings = load_settings(vault)
    here = NoteStore().refresh(vault, settings)
    several_cores(monkeypatch)
    forks = Forks()
    monkeypatch.setattr(multiprocessing, "get_context", lambda method: forks)
    there = NoteStore().refresh(vault, settings)
    assert forks.pools == [2]
    assert there.notes == here.notes and there.changed == here.changed
    assert (there.problems, there.removed, there.unsettled) == (here.problems, here.removed, False)


def test_a_sync_parsed_on_several_cores_writes_the_same_bytes(vault, tmp_path, monkeypatch, run):
    other = tmp_path / "other"
    shutil.copytree(vault, other)
    assert run("sync", "--vault", vault, "--today", TODAY, "--no-cache").exit_code == 0
    several_cores(monkeypatch)
    assert run("sync", "--vault", other, "--today", TODAY, "--no-cache").exit_code == 0
    assert snapshot(other / "Network") == snapshot(vault / "Network")
