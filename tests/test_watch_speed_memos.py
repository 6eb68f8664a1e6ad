"""The memos that make a watch round cost what changed, not what the vault holds (issue 18).

`SortedRows` keeps lists of people sorted across rounds and patches them for the people who changed;
the agenda, the ranked ties, Gone quiet, the prospects and the lines of Follow-ups.md rest on it, and
the graph is kept by comparing the changed people alone. Each must give what a fresh build gives:
here a vault of 48 people (so that one change is patched in, not sorted afresh) goes through a
sequence of edits, synced through one store the way `vaultnet watch` does, and every step is held
to the bytes of a fresh sync.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import TODAY, person
from test_incremental import Editor, assert_same_as_fresh

from vaultnet.base.model import Fields, Interaction, Person
from vaultnet.insight.rows import REBUILD_SHARE, SortedRows
from vaultnet.pipeline.note_store import NoteStore

# -- SortedRows against a fresh sort -----------------------------------------------------------


def _person(path: str, day: int, *more: int) -> Person:
    """A person whose interactions fall on the given days of 2026 (numbers: day of the year)."""
    days = sorted((day, *more))
    return Person(path.upper(), path, Fields(),
                  tuple(Interaction(date(2026, 1, 1) + timedelta(days=d), frozenset({"met"}))
                        for d in days))


def _rows(p: Person, context: int) -> list[tuple[tuple[object, ...], str]]:
    """Up to two rows a person (the second with the same key, to test that a person's rows keep
    their order), none for people whose first interaction falls on a multiple of `context`."""
    first = p.interactions[0].day.toordinal()
    if first % context == 0:
        return []
    rows = [((first % 7, p.path), f"{p.path} first")]
    if len(p.interactions) > 1:
        rows.append(((first % 7, p.path), f"{p.path} second"))
    return rows


def _fresh_keyed(everyone: list[Person], context: int) -> list[tuple[tuple[object, ...], str]]:
    rows = [(key, row) for p in everyone for key, row in _rows(p, context)]
    rows.sort(key=lambda kr: kr[0])  # stable, as the fresh build sorts
    return rows


def _fresh(everyone: list[Person], context: int) -> list[str]:
    return [row for _, row in _fresh_keyed(everyone, context)]


@pytest.mark.parametrize("seed", range(6))
def test_sorted_rows_patched_match_a_fresh_sort(seed: int) -> None:
    rng = random.Random(seed)
    everyone = [_person(f"p{i:03}", rng.randrange(300), *([rng.randrange(300)] * rng.randrange(2)))
                for i in range(80)]
    rows: SortedRows[str] = SortedRows(_rows)
    context = 5
    for _ in range(60):
        change = rng.randrange(6)
        if change == 0:  # someone new, in the list's order
            new = _person(f"p{rng.randrange(1000):03}x", rng.randrange(300))
            everyone = sorted([*everyone, new], key=lambda p: p.path)
        elif change == 1 and len(everyone) > 2:  # someone gone
            everyone.pop(rng.randrange(len(everyone)))
        elif change == 2:  # another day: everyone's rows change
            context = rng.choice([3, 5, 7])
        elif change == 3:  # many at once: sorted afresh
            everyone = [_person(p.path, rng.randrange(300)) if rng.random() < 0.5 else p
                        for p in everyone]
        else:  # a log line: one person is a new object
            at = rng.randrange(len(everyone))
            everyone[at] = _person(everyone[at].path, rng.randrange(300), rng.randrange(300))
        assert rows.update(everyone, context) == _fresh(everyone, context)
        # Only those who have rows are held, each the person of this update with their rows.
        assert {(person.path, tuple(made)) for person, made in rows.made()} == {
            (p.path, tuple(((*key, i), row) for i, (key, row) in enumerate(_rows(p, context))))
            for p in everyone if _rows(p, context)}
        assert {id(person) for person, _ in rows.made()} <= set(map(id, everyone))
        # The runs by the keys' first item (`first % 7`): lists kept as one (the agenda's five).
        assert rows.runs(7) == [tuple(row for key, row in _fresh_keyed(everyone, context)
                                      if key[0] == n) for n in range(7)]


def test_sorted_rows_work_out_only_the_people_who_changed() -> None:
    made: list[str] = []

    def rows(p: Person, _: object) -> list[tuple[tuple[object, ...], str]]:
        made.append(p.path)
        return [((p.interactions[-1].day, p.path), p.path)]

    everyone = [_person(f"p{i:03}", i) for i in range(10 * REBUILD_SHARE)]
    sorted_rows: SortedRows[str] = SortedRows(rows)
    sorted_rows.update(everyone, "day")
    made.clear()
    everyone[3] = _person("p003", 500)  # now the most recent
    assert sorted_rows.update(list(everyone), "day")[-1] == "p003"
    assert made == ["p003"]
    made.clear()
    sorted_rows.update(list(everyone), "another day")
    assert len(made) == len(everyone)


# -- a vault of 48 people through a sequence of edits ------------------------------------------

FIRST = ["Ana", "Ben", "Cleo", "Dov", "Ema", "Finn", "Gia", "Hugo", "Iris", "Jon", "Kai", "Lea"]
LAST = ["Ames", "Bray", "Cole", "Diaz"]
ROLES = ["mentor", "peer", "colleague", "friend"]
TOPICS = ["civic tech", "robotics", "art", "sailing", "ai"]


def _vault() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "Me.md": "---\ntype: me\ntopics: [civic tech, robotics]\ngoals: [learn sailing]\n"
                 "offers: [intros to robotics people]\n---\n# Me\n",
        ".vaultnet.toml": "quiet_days = 120\n",
    }
    rng = random.Random(18)
    names = [f"{f} {last}" for last in LAST for f in FIRST]
    for i, name in enumerate(names):
        days = sorted(rng.sample(range(1, 330), rng.randrange(0, 4)))
        kinds = ["#met", "#call", "#outreach", "#received", "#asked", "#gave"]
        log = "".join(f"- {(date(2026, 1, 1) + timedelta(days=d)).isoformat()} Talk "
                      f"{rng.choice(kinds)}\n" for d in days)
        tasks = "- [ ] Send the paper 📅 2026-11-28\n" if i % 9 == 0 else ""
        fields: dict[str, object] = {
            "role": ROLES[i % len(ROLES)],
            "topics": f"[{', '.join(rng.sample(TOPICS, 2))}]",
        }
        if i % 5 == 0:
            fields["knows"] = f'["[[{names[(i + 7) % len(names)]}]]"]'
        if i % 11 == 0:
            fields["status"] = "prospect"
        if i % 7 == 0:
            fields["birthday"] = f"1990-12-{(i % 20) + 1:02}"
        if i % 6 == 0:
            fields["org"] = '"[[Globex]]"'
        if i % 4 == 1:
            fields["needs"] = f"[{rng.choice(['robotics mentors', 'a sailing crew', 'funding'])}]"
        files[f"People/{name}.md"] = person(name, f"## Log\n{log}\n## Tasks\n{tasks}", **fields)
    # Two prospects, tied: once Pat is met, Pat starts a warm path to Quinn.
    files[PAT] = person("Pat Prospect", "", status="prospect", knows='["[[Quinn Prospect]]"]',
                        topics="[sailing]")
    files["People/Quinn Prospect.md"] = person("Quinn Prospect", "", status="prospect",
                                               topics="[sailing]")
    files[RAY] = person("Ray Helper", "## Log\n- 2026-10-01 Coffee #met\n", role="peer")
    return files


ANA, BEN, CLEO = "People/Ana Ames.md", "People/Ben Ames.md", "People/Cleo Ames.md"
DOV, KAI = "People/Dov Bray.md", "People/Kai Cole.md"
PAT, RAY = "People/Pat Prospect.md", "People/Ray Helper.md"

Step = Callable[[Editor], None]
STEPS: dict[str, Step] = {
    "log line": lambda ed: ed.append(BEN, "- 2026-11-25 Quick call #call\n"),
    # Ben, now among the closest, drops back out of the pictures.
    "log line taken back": lambda ed: ed.replace(BEN, "- 2026-11-25 Quick call #call\n", ""),
    "log line again": lambda ed: ed.append(BEN, "- 2026-11-25 Quick call #call\n"),
    "log line linking another person": lambda ed: ed.append(
        CLEO, "- 2026-11-25 Lunch with [[Dov Bray]] #met\n"),
    "someone writes": lambda ed: ed.append(KAI, "- 2026-11-24 Question about the paper #received\n"),
    "a promise": lambda ed: ed.append(DOV, "- [ ] Call back 📅 2026-11-26\n"),
    "asked": lambda ed: ed.append(RAY, "- 2026-11-20 Intro to a funder #asked\n"),
    "gave back": lambda ed: ed.append(RAY, "- 2026-11-22 Reviewed her deck #gave\n"),
    "a prospect met": lambda ed: ed.append(PAT, "- 2026-11-25 Coffee at last #met\n"),
    "an organisation's note": lambda ed: ed.write("Orgs/Globex.md", "# Globex\n"),
    "a new tie": lambda ed: ed.set_field(BEN, "knows", '["[[Kai Cole]]"]'),
    "a need": lambda ed: ed.set_field(DOV, "needs", "[intros to robotics labs]"),
    "a need met": lambda ed: ed.set_field(BEN, "needs", None),
    "an alias": lambda ed: ed.set_field(DOV, "aliases", "[Dovi]"),
    "a link through the alias": lambda ed: ed.append(BEN, "- 2026-11-25 Saw [[Dovi]] #met\n"),
    "a rename": lambda ed: ed.rename(KAI, "People/Kai Cole-Ames.md"),
    "a deletion": lambda ed: ed.delete(CLEO),
    "a new person": lambda ed: ed.write("People/Zed Zane.md", person(
        "Zed Zane", "## Log\n- 2026-11-01 Met #met\n", role="peer", topics="[art, ai]")),
    "another day": lambda ed: setattr(ed, "today", ed.today + timedelta(days=1)),
    "a cadence setting": lambda ed: ed.settings("quiet_days = 60\n[cadence]\npeer = 14\n"),
    "many days later": lambda ed: setattr(ed, "today", ed.today + timedelta(days=40)),
}


@pytest.mark.parametrize("told", [False, True], ids=["walk", "events"])
def test_each_watch_round_matches_a_fresh_build(make_vault: Callable[..., Path],
                                                 told: bool) -> None:
    ed = Editor(make_vault(_vault()))
    store = NoteStore()
    assert_same_as_fresh(ed.root, store, ed.today)
    ed.events.clear()
    for name, step in STEPS.items():
        step(ed)
        try:
            assert_same_as_fresh(ed.root, store, ed.today, ed.events if told else None)
        except AssertionError as err:
            raise AssertionError(f"after {name!r}: {err}") from err


def test_the_graph_is_kept_through_a_log_line(make_vault: Callable[..., Path]) -> None:
    """A log line changes a person's interactions, not the graph's structure: the graph stays the
    same object (and with it every memo keyed on it), holding the person's new object. So does
    a new topic (changed in place); a new person is a new graph."""
    from vaultnet.pipeline.sync import load

    ed = Editor(make_vault(_vault()))
    store = NoteStore()
    before = load(ed.root, TODAY, store).graph
    ed.append(BEN, "- 2026-11-25 Quick call #call\n")
    after = load(ed.root, TODAY, store, recheck={BEN}, walk=False)
    assert after.graph is before
    ben = next(p for p in after.index.people if p.path == BEN)
    assert after.graph.nodes["person:" + BEN]["person"] is ben
    ed.set_field(BEN, "topics", "[sailing]")
    assert load(ed.root, TODAY, store, recheck={BEN}, walk=False).graph is before
    assert before.has_edge("person:" + BEN, "topic:sailing")
    ed.write("People/Zed New.md", "---\ntype: person\n---\n# Zed New\n")
    assert load(ed.root, TODAY, store).graph is not before


def test_everyone_gone_on_a_new_day_leaves_no_rows() -> None:
    """Rows kept across rounds are for one context (the day, the settings): when it changes in
    the very round the last people go (their notes deleted at midnight), nobody's rows stay, and
    the list says it changed."""
    rows: SortedRows[str] = SortedRows(_rows)
    assert rows.update([_person(f"p{i}", i) for i in range(1, 9)], 5)
    version = rows.version
    assert rows.update([], 6) == [] and rows.version > version


def test_a_person_changed_in_place_keeps_their_place() -> None:
    """Rows of a person replaced by an equal new object are worked out again, at the same place."""
    everyone = [_person(f"p{i}", i) for i in range(40)]
    rows: SortedRows[str] = SortedRows(_rows)
    first = list(rows.update(everyone, 5))
    everyone[10] = copy.copy(everyone[10])
    assert rows.update(everyone, 5) == first


def test_mentors_stop_early_with_the_list_a_full_ranking_gives(
        make_vault: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Mentors are ranked best match first and the ranking stops once no later match could make
    the list: the list is the first of a ranking of every candidate."""
    from vaultnet.insight import suggestions
    from vaultnet.pipeline.sync import load

    vault = load(make_vault(_vault()), TODAY)
    shown = vault.insight.mentors
    assert len(shown) == suggestions.MENTOR_LIMIT
    monkeypatch.setattr(suggestions, "MENTOR_LIMIT", 10_000)
    again = load(vault.root, TODAY).insight.mentors
    assert len(again) > len(shown)
    assert again[:len(shown)] == shown


# -- the writer's memo -------------------------------------------------------------------------


def test_a_note_as_the_last_write_left_it_is_replaced_and_a_hand_edit_kept(tmp_path: Path) -> None:
    """Watch mode knows its own bytes by their digest (no signature check needed), and nothing
    else: a hand edit since the last write is kept, byte for byte."""
    from vaultnet.write.generated import WriteMemo, write_pages

    memo = WriteMemo()
    mine, theirs = "Network/Mine.md", "Network/Theirs.md"
    first = write_pages(tmp_path, "Network", {mine: "one\n", theirs: "one\n"}, memo=memo)
    assert sorted(first.created) == [mine, theirs]
    edited = (tmp_path / theirs).read_bytes().replace(b"one", b"my own words")
    (tmp_path / theirs).write_bytes(edited)
    second = write_pages(tmp_path, "Network", {mine: "two\n", theirs: "two\n"}, memo=memo)
    assert second.written == [mine]
    assert [p.path for p in second.kept] == [theirs] and second.edited == [theirs]
    assert (tmp_path / mine).read_text(encoding="utf-8").endswith("\ntwo\n")
    assert (tmp_path / theirs).read_bytes() == edited


@pytest.mark.parametrize(("before", "after"), [
    ("one\n", "one\n"),
    ("one\n" * 5000, "one\n" * 4999 + "onf\n"),  # (the last character of a long page)
    ("“quoted”\n", "“quoted”\n"),
    ("“quoted”\n", "“quotes”\n"),
    ("Zoë\n", "Zoe\u0308\n"),  # (the same name, composed and not: another text)
    ("📅 2026-11-25\n", "📅 2026-11-26\n"),
    ("ascii\n", "ascïi\n"),
    ("“quoted”\n", "«quoted»\n"),  # (no character in common but the letters)
    ("Zoë\n", "Zoé\n"),
    ("📅 today\n", "📆 today\n"),
])
def test_a_sync_tells_a_page_as_the_cache_keeps_it_by_its_text(tmp_path: Path, before: str,
                                                               after: str) -> None:
    """A one-shot sync knows the pages the last one wrote by a digest of their text, as the cache
    keeps it (`body_digest`): the same text is left as it is, and any other is written, whatever
    its characters."""
    from vaultnet.write.files import signature
    from vaultnet.write.generated import WriteMemo, write_pages

    rel = "Network/Page.md"
    memo = WriteMemo()
    write_pages(tmp_path, "Network", {rel: before}, memo=memo)
    held = signature(str(tmp_path / rel), follow_symlinks=False)
    assert held is not None
    sealed = memo.sealed({rel: held})
    assert type(sealed[rel][0]) is bytes
    report = write_pages(tmp_path, "Network", {rel: after}, memo=WriteMemo(sealed))
    assert (report.unchanged, report.written) == (([rel], []) if after == before else ([], [rel]))
    assert (tmp_path / rel).read_text(encoding="utf-8").endswith(after)


# -- the watcher's quiet spell -----------------------------------------------------------------


def test_own_writes_do_not_put_off_the_round_for_a_save(make_vault: Callable[..., Path]) -> None:
    """A save lands while a round is still writing its pages: the quiet spell before the next
    round counts from the save, not from the round's own writes a moment later (on a clock of
    the test's, so that nothing waits)."""
    import hashlib
    import threading

    from watchdog.events import FileModifiedEvent

    from vaultnet.watch import events

    clock, waited = [1.0], []  # (binary fractions: exact sums)

    class Stop(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            waited.append(timeout)  # waiting moves the test's clock on, at once
            clock[0] += timeout or 0.0
            return False

    vault = make_vault(_vault())
    changes, stop = events.Changes(vault, "Network", clock=lambda: clock[0]), Stop()
    own = vault / "Network" / "Follow-ups.md"
    own.parent.mkdir()
    own.write_bytes(b"the page before")
    changes.wrote("Network", {"Network/Follow-ups.md": hashlib.sha256(b"the page before").hexdigest()})
    changes.notice(FileModifiedEvent(str(vault / BEN)))  # the save, at 1.0
    clock[0] = 1.125
    own.write_bytes(b"the round's page")
    changes.notice(FileModifiedEvent(str(own)))  # its event, before the round says it wrote it
    changes.wrote("Network", {"Network/Follow-ups.md": hashlib.sha256(b"the round's page").hexdigest()})
    clock[0] = 1.25  # a quarter of a second after the save, an eighth after the own write
    assert changes.settled(0.25, 2.0, stop) == {BEN}
    assert waited == []
