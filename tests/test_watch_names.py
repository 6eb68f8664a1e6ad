"""A watch round whose edit changed the notes' names (a new note, one removed or renamed, an alias)
takes the parts of the round before that still hold across the change, as a sync from the parse
cache does (`_translated`), and keeps the very people it did not reach, so that what is worked out
from each person (ties, the agenda's rows) is worked out again for those it reached alone. (Before,
such a round resolved every note again and made everyone anew: a day's note took a round at 10,000
dense people 2.5–3 s.) Each round leaves the bytes a fresh sync leaves."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from conftest import TODAY, person
from test_cache import calls
from test_incremental import assert_same_as_fresh
from test_speed_names import ANN, BO, CY, NEW_DAY, VAULT

import vaultnet.network.index as index_module
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import sync


def watched(make_vault) -> tuple[Path, NoteStore]:
    """A vault, and the store of a watcher that has built it once."""
    vault = make_vault(VAULT)
    store = NoteStore()
    assert_same_as_fresh(vault, store, TODAY)
    return vault, store


def round_after(vault: Path, store: NoteStore, monkeypatch: pytest.MonkeyPatch, change,
                today=TODAY) -> tuple[list[str], list[str], set[str]]:
    """A round through `store` after `change`: the notes whose links were resolved again, the
    people made again (sorted), and the people kept as the very objects they were."""
    before = dict(store.index_memo.people)
    with monkeypatch.context() as patch:
        resolved = calls(patch, index_module, "_contribute", lambda note, *_: note.path)
        made = calls(patch, index_module, "_person", lambda note, *_, **__: note.path)
        change(vault)
        sync(vault, today, store=store)
    now = store.index_memo.people
    kept = {path for path, person in before.items() if now.get(path) is person}
    assert_same_as_fresh(vault, store, today)  # (and a round with nothing changed after it)
    return sorted(resolved), sorted(made), kept


def write(rel: str, text: str):
    return lambda vault: (vault / rel).write_text(text, encoding="utf-8")


def test_a_new_days_note_resolves_itself_alone_and_keeps_everyone_it_does_not_reach(
        make_vault, monkeypatch):
    vault, store = watched(make_vault)
    resolved, made, kept = round_after(vault, store, monkeypatch,
                                       write(NEW_DAY, "Coffee with [[Ann Lee]] #met\n"))
    assert (resolved, made, kept) == ([NEW_DAY], [ANN], {BO, CY})


def test_a_new_person_resolves_again_the_notes_that_named_them(make_vault, monkeypatch):
    vault, store = watched(make_vault)
    dee = "People/Dee Fox.md"
    resolved, made, kept = round_after(vault, store, monkeypatch, write(
        dee, person("Dee Fox", "- 2026-11-02 Met at a talk #met\n")))
    assert resolved == ["Daily/2026-11-23.md", "Daily/2026-11-24.md", ANN, CY, dee]
    assert made == [ANN, BO, CY, dee] and kept == set()  # (each met Dee, or with her)


def test_a_deletion_makes_again_those_whose_lines_named_it(make_vault, monkeypatch):
    vault, store = watched(make_vault)
    resolved, made, kept = round_after(vault, store, monkeypatch, lambda v: (v / BO).unlink())
    assert resolved == ["Daily/2026-11-24.md", ANN, CY]
    assert made == [ANN, CY] and kept == set()


def test_an_alias_taken_by_a_note_changes_whom_a_line_was_with(make_vault, monkeypatch):
    """[[Bobby]] is a note's name now, before Bo's alias: the day's lunch is no longer with Bo,
    though nothing of his note changed; Ann and Cy are kept."""
    vault, store = watched(make_vault)
    resolved, made, kept = round_after(vault, store, monkeypatch,
                                       write("Notes/Bobby.md", "A note about a bobby pin\n"))
    assert (resolved, made, kept) == (["Daily/2026-11-24.md", "Notes/Bobby.md"], [BO], {ANN, CY})


def test_a_rename_and_an_edit_in_one_round(make_vault, monkeypatch):
    """Eve's list renamed (the 22nd's note links it: resolved again), and a line added to Ann's:
    Ann is made again; Bo, whom a line of hers is with, as it was, and Cy are kept."""
    vault, store = watched(make_vault)

    def change(v: Path) -> None:
        (v / "Notes/Eve.md").rename(v / "Notes/Eve's list.md")
        with open(v / ANN, "a", encoding="utf-8") as note:
            note.write("- 2026-11-24 Call #call\n")

    resolved, made, kept = round_after(vault, store, monkeypatch, change)
    assert resolved == ["Daily/2026-11-22.md", "Notes/Eve's list.md", ANN]
    assert made == [ANN] and kept == {BO, CY}


def test_a_line_added_to_a_log_makes_its_person_alone(make_vault, monkeypatch):
    """No name changed: the round looks at Ann's note alone, and Bo, whom a line of hers is with,
    as it was, is kept as the very person he was (`_lines_differ`)."""
    vault, store = watched(make_vault)
    resolved, made, kept = round_after(
        vault, store, monkeypatch,
        lambda v: (v / ANN).write_text((v / ANN).read_text() + "- 2026-11-24 Call #call\n"))
    assert (resolved, made, kept) == ([ANN], [ANN], {BO, CY})


def test_a_line_changed_makes_whom_it_names(make_vault, monkeypatch):
    vault, store = watched(make_vault)
    resolved, made, kept = round_after(
        vault, store, monkeypatch,
        lambda v: (v / ANN).write_text((v / ANN).read_text().replace("Call with", "Dinner with")))
    assert (resolved, made, kept) == ([ANN], [ANN, BO], {CY})
    # (A line put in above Bo's: his is another line of the note now.)
    resolved, made, kept = round_after(
        vault, store, monkeypatch,
        lambda v: (v / ANN).write_text((v / ANN).read_text().replace("#met\n", "#met\nA thought.\n")))
    assert (resolved, made, kept) == ([ANN], [ANN, BO], {CY})


def test_on_another_day_nobody_is_kept(make_vault, monkeypatch):
    """Ties fade and plans come due with the day: everyone is made again."""
    vault, store = watched(make_vault)
    _, made, kept = round_after(vault, store, monkeypatch,
                                write(NEW_DAY, "Coffee with [[Ann Lee]] #met\n"),
                                today=TODAY + timedelta(days=3))
    assert made == [ANN, BO, CY] and kept == set()


def test_rounds_one_after_another_keep_the_targets_of_the_parts_they_took(make_vault,
                                                                          monkeypatch):
    """The parts a round took from the one before keep the targets they were resolved by: the
    next change of names resolves again only the notes it reaches, again."""
    vault, store = watched(make_vault)
    round_after(vault, store, monkeypatch, write(NEW_DAY, "Coffee with [[Ann Lee]] #met\n"))
    resolved, made, kept = round_after(vault, store, monkeypatch,
                                       write("Daily/2026-11-21.md", "Call with [[Cy Dee]]\n"))
    assert (resolved, made, kept) == (["Daily/2026-11-21.md"], [CY], {ANN, BO})
