"""A meeting's attendee without a note is a mentioned person, as one named in `knows` is.

A meeting note's `people`, `attendees`, `with` and `participants` name people by definition: a name
there with no note is listed on Network.md as a note to create, and `intro` goes through the people
with a note that the meeting names (you met them there, together). Links in a meeting's text, and in
a daily note, name places and projects as often as people: they stay as they are. Small vaults in
kepano's layout, none a copy of anyone's notes.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import TODAY, person, write_files
from test_incremental import Editor, _digest, assert_same_as_fresh
from test_reading import section

import vaultnet.pipeline.cache as cache_module
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import cached_sync, load, load_cached

DAY = TODAY.isoformat()
MEETING = "Notes/2023-09-12 Meeting with Steph.md"
STEPH = "People/Steph Ango.md"
MENTIONED = "## Mentioned, without a note"


def meeting(people: str, body: str = "Talked about file over app.\n", field: str = "people"
            ) -> str:
    """A meeting note in kepano's layout, naming `people` (a YAML value) in `field`."""
    return (f'---\ncategories:\n  - "[[Meetings]]"\ndate: 2023-09-12\n{field}: {people}\n'
            f"---\n{body}")


def kepano(people: str = '["[[Steph Ango]]", "[[Nobody Yet]]"]', **more: str) -> dict[str, str]:
    """Steph's note, and a meeting with `people`."""
    return {".obsidian/app.json": "{}",
            STEPH: '---\ncategories:\n  - "[[People]]"\n---\nMet at a meetup.\n',
            MEETING: meeting(people), **more}


def mentioned(root: Path) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(m.name, m.mentioned_by, m.named_in) for m in load(root, TODAY).index.mentioned]


def network(run, root: Path) -> str:
    result = run("sync", "--vault", root, "--today", DAY)
    assert result.exit_code == 0, result.output
    return (root / "Network" / "Network.md").read_text(encoding="utf-8")


# -- who they are, and who named them --------------------------------------------------------


def test_an_attendee_without_a_note_is_mentioned_by_the_meeting_through_who_was_there(
        make_vault):
    """Named in the meeting note; the people there with a note are whom a warm path goes
    through (you met them there, together), as the person whose `knows` names someone is."""
    root = make_vault(kepano())
    assert mentioned(root) == [("Nobody Yet", (STEPH,), (MEETING,))]


def test_a_meeting_of_people_without_notes_names_each_of_them(make_vault):
    root = make_vault(kepano('["[[Nobody Yet]]", "[[Zoe Zed]]"]'))
    assert mentioned(root) == [("Nobody Yet", (), (MEETING,)), ("Zoe Zed", (), (MEETING,))]
    assert load(root, TODAY).index.meetings == 0  # an interaction with no one who has a note


@pytest.mark.parametrize("field", ["people", "attendees", "with", "participants"])
def test_every_attendee_field_names_people(make_vault, field):
    root = make_vault(kepano(**{MEETING: meeting('["[[Steph Ango]]", "[[Nobody Yet]]"]',
                                                 field=field)}))
    assert mentioned(root) == [("Nobody Yet", (STEPH,), (MEETING,))]


def test_named_in_knows_and_at_a_meeting(make_vault):
    alice = "People/Alice.md"
    root = make_vault(kepano(**{alice: person("Alice", "- 2026-11-01 Coffee #met\n",
                                              knows='["[[Nobody Yet]]"]')}))
    assert mentioned(root) == [("Nobody Yet", (alice, STEPH), (MEETING, alice))]


@pytest.mark.parametrize("files", [
    {MEETING: meeting('["[[Steph Ango]]"]', "Coffee at [[Blue Bottle]] about [[File over app]].\n")},
    {MEETING: meeting('["[[Steph Ango]]"]'),
     "Daily/2023-09-13.md": "Lunch with [[Steph Ango]] at [[Blue Bottle]]\n"},
    {MEETING: meeting('["[[Steph Ango]]", Nobody Plain]')},  # plain text names no note: no one
], ids=["meeting text", "daily note", "plain text"])
def test_links_in_a_meetings_text_or_a_daily_note_name_no_one(make_vault, files):
    root = make_vault(kepano(**files))
    assert mentioned(root) == []


# -- Network.md, intro, add -----------------------------------------------------------------


def test_network_md_offers_the_note_to_create(make_vault, run):
    root = make_vault(kepano(**{MEETING: meeting('["[[Steph Ango]]", "[[Nobody Yet]]"]',
                                                 "Coffee at [[Blue Bottle]].\n")}))
    page = network(run, root)
    assert section(page, MENTIONED) == [
        "- Nobody Yet, mentioned by [[Notes/2023-09-12 Meeting with Steph|2023-09-12 Meeting "
        "with Steph]] ([[People/Nobody Yet|create the note]])"]
    assert "Blue Bottle" not in page


def test_intro_goes_through_the_people_met_there(make_vault, run):
    root = make_vault(kepano())
    result = run("intro", "nobody yet", "--vault", root, "--today", DAY)
    assert (result.exit_code, result.output) == (0, (
        "Nobody Yet has no note yet; Steph Ango met them at 2023-09-12 Meeting with Steph.\n"
        "Warm paths to Nobody Yet:\n"
        "1. Steph Ango → Nobody Yet\n"
        "   Ask Steph Ango to introduce you to Nobody Yet.\n"
        f'Make a note for them: vaultnet add "Nobody Yet" --vault {root}\n'))


def test_intro_says_who_knows_them_and_who_met_them_where(make_vault, run):
    """Only a note of theirs says someone knows them: the people at a meeting met them there."""
    root = make_vault(kepano(**{"People/Alice.md": '---\ncategories:\n  - "[[People]]"\n'
                                                   'knows: ["[[Nobody Yet]]"]\n---\n'}))
    result = run("intro", "Nobody Yet", "--vault", root, "--today", DAY)
    assert result.output.splitlines()[0] == (
        "Nobody Yet has no note yet; your notes say Alice knows them, and Steph Ango met them at "
        "2023-09-12 Meeting with Steph.")


def test_intro_says_who_met_them_at_which_meeting(make_vault, run):
    """A review: with Jane at one meeting and Steph at another, "Jane, Steph met them at A, B"
    read as both at both."""
    other = "Notes/2023-10-02 Lunch.md"
    root = make_vault(kepano(**{
        "People/Jane.md": '---\ncategories:\n  - "[[People]]"\n---\n',
        other: meeting('["[[Jane]]", "[[Nobody Yet]]"]')}))
    result = run("intro", "Nobody Yet", "--vault", root, "--today", DAY)
    assert result.output.splitlines()[0] == (
        "Nobody Yet has no note yet; Jane met them at 2023-10-02 Lunch, Steph Ango at "
        "2023-09-12 Meeting with Steph.")


def test_intro_to_someone_met_where_nobody_else_had_a_note_says_where(make_vault, run):
    root = make_vault(kepano('["[[Nobody Yet]]"]'))
    result = run("intro", "Nobody Yet", "--vault", root, "--today", DAY)
    assert (result.exit_code, result.output) == (0, (
        "Nobody Yet has no note yet; your notes name them in 2023-09-12 Meeting with Steph.\n"
        "No warm path: nobody you know is tied to them yet.\n"
        f'Make a note for them: vaultnet add "Nobody Yet" --vault {root}\n'))
    result = run("intro", "Nobody Yet", "--vault", root, "--today", DAY, "--json")
    assert json.loads(result.output) == {"person": "Nobody Yet", "note": None, "named_by": [],
                                         "named_in": [MEETING], "paths": [], "path_notes": [],
                                         "twin": None, "ignored": None}


def test_once_added_the_meeting_is_an_interaction_with_them(make_vault, run):
    root = make_vault(kepano())
    assert run("add", "Nobody Yet", "--vault", root, "--today", DAY).exit_code == 0
    assert section(network(run, root), MENTIONED) == ["Everyone mentioned has a note."]
    nobody = next(p for p in load(root, TODAY).index.people if p.name == "Nobody Yet")
    assert [(i.day.isoformat(), i.source) for i in nobody.interactions] == [
        ("2023-09-12", MEETING)]


def test_check_and_the_summary_are_no_noisier(make_vault, run, tmp_path):
    """Someone without a note is no problem: `check` and the sync's summary say what they say
    of the same vault whose meeting names only people with a note."""
    root = make_vault(kepano())
    other = tmp_path / "other"
    write_files(other, kepano('["[[Steph Ango]]"]'))
    for command in (["check"], ["sync", "--dry-run"]):
        said = [run(*command, "--vault", vault, "--today", DAY) for vault in (root, other)]
        assert [r.exit_code for r in said] == [0, 0]
        assert said[0].output == said[1].output


# -- incremental syncs ----------------------------------------------------------------------

# Who was there changes with the meeting note alone, its mentions the same: the people a warm path
# goes through follow it.
EDITS = [
    ("people", '["[[Nobody Yet]]"]'),  # Steph leaves: nobody with a note was there
    ("people", '["[[Nobody Yet]]", "[[Alice]]", "[[Steph Ango]]"]'),
    ("people", '["[[Alice]]"]'),  # Nobody Yet was not there after all
    ("people", '["[[Steph Ango]]", "[[Nobody Yet]]"]'),
    ("date", "2026-12-01"),  # a plan: nobody met yet
    ("date", "2023-09-12"),
]


def alice_and_the_meeting(make_vault) -> Editor:
    return Editor(make_vault(kepano(**{
        "People/Alice.md": person("Alice", "- 2026-11-01 Coffee #met\n")})))


@pytest.mark.parametrize("told", [False, True], ids=["walked", "told by events"])
def test_a_watch_round_reads_who_was_there_as_a_fresh_sync(make_vault, told):
    editor = alice_and_the_meeting(make_vault)
    store = NoteStore()
    assert_same_as_fresh(editor.root, store, TODAY)
    for name, value in EDITS:
        editor.set_field(MEETING, name, value)
        assert_same_as_fresh(editor.root, store, TODAY, editor.events if told else None)
    editor.write("People/Nobody Yet.md", '---\ncategories: ["[[People]]"]\n---\n')
    assert_same_as_fresh(editor.root, store, TODAY, editor.events if told else None)
    editor.delete("People/Nobody Yet.md")
    assert_same_as_fresh(editor.root, store, TODAY, editor.events if told else None)


def test_a_sync_from_the_parse_cache_reads_who_was_there_as_a_fresh_sync(make_vault,
                                                                          monkeypatch):
    """The graph the cache kept is taken up only while nothing it shows changed: the people
    without a note, and whom a warm path to them goes through, among it."""
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)
    editor = alice_and_the_meeting(make_vault)
    cached_sync(editor.root, TODAY)
    for name, value in EDITS:
        editor.set_field(MEETING, name, value)
        assert _digest(load_cached(editor.root, TODAY)) == _digest(load(editor.root, TODAY))
        cached_sync(editor.root, TODAY)
