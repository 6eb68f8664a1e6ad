"""An edit of a note reaches the people whose lines in it changed, not everyone the note names.

A sync from the parse cache takes each person's contacts, tie and rows of the agenda as the last
sync kept them, but for the people whose interactions may differ (`SinceSaved.people`). A note
edited since holds the same interactions with everyone whose lines in it are as they were (the
same days, texts, tags and line numbers, as many, in order): a line added at the end of a log
reaches its own person (every line of a person's note is an interaction with them) and whoever
the new line names, not the dozen people its earlier lines name. Every sync here is held to a
sync that reads everything (`assert_fresh`), and its agenda to a fresh build's.
"""

from __future__ import annotations

import random
import re
from array import array

import pytest
import test_incremental
from conftest import TODAY, person
from test_cache import (  # noqa: F401 (an_hour_later: a fixture, used by every test here)
    _append,
    an_hour_later,
    assert_fresh,
    calls,
    edit,
)

import vaultnet.insight.agenda as agenda_module
import vaultnet.network.index as index_module
import vaultnet.pipeline.sync as sync_module
from vaultnet.insight.agenda import agenda_json
from vaultnet.pipeline.cache import Unchanged
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import cached_sync

ANN, BO, CY, DEE = "People/Ann Lee.md", "People/Bo Chen.md", "People/Cy Dee.md", "People/Dee Ray.md"
DAY = "Daily/2026-11-20.md"
VAULT = {
    ANN: person("Ann Lee", "## Log\n"
                "- 2026-10-01 Lunch with [[Bo Chen]] #met\n"
                "- 2026-10-15 Call #call\n"
                "- 2026-11-01 Wrote to [[Cy Dee]] about the grant #outreach\n"
                "- [ ] Send [[Bo Chen]] the slides 📅 2026-11-28\n",
                role="mentor", cadence=30),
    BO: person("Bo Chen", "## Log\n- 2026-09-02 Coffee #met\n", role="peer", cadence=60),
    CY: person("Cy Dee", "## Log\n- 2026-08-02 Met at a talk #met\n", role="peer"),
    DEE: person("Dee Ray", "## Log\n- 2026-07-02 Met at a fair #met\n", role="friend",
                cadence=90),
    DAY: "- Coffee with [[Bo Chen]] #met\n- Called [[Dee Ray]] #call\n",
}


@pytest.fixture
def reached(make_vault, monkeypatch, an_hour_later):  # noqa: F811
    """The vault, synced once, and what gives the people a sync after a change reached (as
    `_since` found them, and as the agenda's rows worked out again name them), checking that
    sync against one that reads everything."""
    vault = make_vault(VAULT)
    cached_sync(vault, TODAY)
    found: list[frozenset[str]] = []
    real = index_module._since
    monkeypatch.setattr(index_module, "_since",
                        lambda *args, **kw: found.append((since := real(*args, **kw)).people)
                        or since)
    worked = calls(monkeypatch, agenda_module, "_rows", lambda person, *_: person.path)

    def after(change) -> tuple[set[str], list[str]]:
        found.clear()
        worked.clear()
        change(vault)
        result = cached_sync(vault, TODAY)
        assert not isinstance(result, Unchanged)
        assert len(found) == 1
        since, made = set(found[0]), sorted(worked)
        assert_fresh(vault, result)
        assert agenda_json(result.vault.agenda) == \
            agenda_json(sync_module.load(vault, TODAY).agenda)
        return since, made

    return after


def test_a_line_added_to_a_log_reaches_its_person_alone(reached):
    people, worked = reached(lambda v: _append(v / ANN, "- 2026-11-25 Quick call #call\n"))
    assert people == {ANN} and worked == [ANN]


def test_a_line_added_naming_someone_reaches_them_too(reached):
    people, worked = reached(lambda v: _append(v / ANN, "- 2026-11-25 Lunch with [[Dee Ray]]\n"))
    assert people == {ANN, DEE} and worked == [ANN, DEE]


@pytest.mark.parametrize(("old", "new", "who"), [
    ("Lunch with [[Bo Chen]] #met", "Long lunch with [[Bo Chen]] #met", BO),  # its text
    ("about the grant #outreach", "about the grant #call", CY),  # its tags (in its text)
    ("2026-11-01 Wrote to [[Cy Dee]]", "2026-11-02 Wrote to [[Cy Dee]]", CY),  # its day
    ("- 2026-11-01 Wrote to [[Cy Dee]] about the grant #outreach\n", "", CY),  # gone
])
def test_a_line_changed_reaches_whom_it_names(reached, old, new, who):
    people, worked = reached(lambda v: edit(v / ANN, old, new))
    assert people == {ANN, who} and worked == sorted({ANN, who})


def test_a_line_put_in_or_taken_out_above_reaches_everyone_named_below_it(reached):
    """Every line after it is another line of the note now (its line number)."""
    people, worked = reached(lambda v: edit(v / ANN, "- 2026-10-15 Call #call\n",
                                            "- 2026-10-15 Call #call\nA thought.\n"))
    assert people == {ANN, CY} and worked == [ANN, CY]
    people, worked = reached(lambda v: edit(v / ANN, "- 2026-10-01 Lunch with [[Bo Chen]] #met\n",
                                            ""))
    assert people == {ANN, BO, CY} and worked == [ANN, BO, CY]


def test_a_frontmatter_change_reaches_the_notes_person_alone(reached):
    people, worked = reached(lambda v: edit(v / ANN, "cadence: 30", "cadence: 14"))
    assert people == {ANN} and worked == [ANN]


def test_a_days_note_edited_reaches_whom_its_changed_lines_name(reached):
    people, worked = reached(lambda v: _append(v / DAY, "- Tea with [[Cy Dee]]\n"))
    assert people == {DAY, CY} and worked == [CY]
    people, worked = reached(lambda v: edit(v / DAY, "Coffee with", "Breakfast with"))
    assert people == {DAY, BO} and worked == [BO]


def test_a_line_that_adds_a_tie(reached):
    people, _ = reached(lambda v: _append(v / BO, "- 2026-11-24 Dinner with [[Dee Ray]] #met\n"))
    assert people == {BO, DEE}


def test_lines_that_cannot_be_compared_reach_everyone_then_and_now(reached, monkeypatch):
    """The lines the cache kept of the note cannot be read (a damaged cache): everyone its
    lines named then, and names now, may differ."""
    monkeypatch.setattr(index_module, "_lines_differ", lambda *_: None)
    people, worked = reached(lambda v: _append(v / ANN, "- 2026-11-25 Quick call #call\n"))
    assert people == {ANN, BO, CY} and worked == [ANN, BO, CY]


def test_lines_differ_says_nothing_of_what_is_no_resolution(make_vault):
    vault = make_vault(VAULT)
    note = sync_module.load(vault, TODAY).index.notes
    ann = next(n for n in note if n.path == ANN)
    paths = [ANN, BO, CY]
    now = (array("I", [0]).tobytes(), array("I", [1]).tobytes())
    assert index_module._lines_differ(ann, ann, now, now, paths) == set()
    for damaged in [(b"\x01", b""), (array("I", [0]).tobytes(), array("I", [7]).tobytes()),
                    (array("I", [99]).tobytes(), array("I", [1]).tobytes())]:
        assert index_module._lines_differ(ann, ann, damaged, now, paths) is None


class _LinesEdited(test_incremental.RandomVault):
    """`test_incremental`'s random vault and changes, with a dated line of a person's log edited
    too, at random: its text, its tags or its day changed, the line taken out, or a line put in
    above it."""

    def op_edit_a_line(self) -> None:
        rel = self.pick()
        lines = self.ed.read(rel).split("\n") if rel else []
        dated = [at for at, line in enumerate(lines) if re.match(r"- \d{4}-\d{2}-\d{2} ", line)]
        if not rel or not dated:
            return
        at, how = self.rng.choice(dated), self.rng.randrange(5)
        if how == 0:
            lines[at] += " again"
        elif how == 1:
            lines[at] = re.sub(r"#\w+", "#call", lines[at]) if "#" in lines[at] else lines[at] + " #met"
        elif how == 2:
            del lines[at]
        elif how == 3:
            lines.insert(at, "A thought between the lines.")
        else:
            lines[at] = f"- {self.day().isoformat()}{lines[at][12:]}"
        self.ed.write(rel, "\n".join(lines))

    def op_edit_another_line(self) -> None:
        self.op_edit_a_line()


@pytest.mark.slow  # (random vaults)
@pytest.mark.parametrize("seed", [300, 301, 302])
def test_random_lines_edited_through_the_cache_match_fresh(make_vault, monkeypatch, seed):
    """Sixty random changes, lines edited among them, each followed by a sync through the
    cache, held to a sync that reads everything (as `test_incremental` does)."""
    monkeypatch.setattr(test_incremental, "RandomVault", _LinesEdited)
    test_incremental._random_changes_through_the_cache(make_vault, monkeypatch,
                                                       random.Random(seed))


@pytest.mark.slow  # (random vaults)
@pytest.mark.parametrize(("seed", "told"), [(500, False), (501, True)])
def test_random_lines_edited_in_watch_rounds_match_fresh(make_vault, seed, told):
    """The same in a watcher's rounds, each held to a fresh sync (`told`: from the paths the
    edits name, as watch mode does, not from a walk)."""
    editor = test_incremental.Editor(make_vault({}))
    rng = random.Random(seed)
    vault = _LinesEdited(editor, rng)
    vault.build(30)
    store = NoteStore()
    test_incremental.assert_same_as_fresh(editor.root, store, editor.today)
    operations, done = vault.operations(), []
    for _ in range(60):
        editor.events.clear()
        operation = rng.choice(operations)
        operation()
        done.append(operation.__name__)
        try:
            test_incremental.assert_same_as_fresh(editor.root, store, editor.today,
                                                  editor.events if told else None)
        except AssertionError as error:
            raise AssertionError(f"after {done[-5:]}: {error}") from error
