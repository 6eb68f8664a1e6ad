"""Person notes written oddly, read as their writer meant them and as Obsidian reads them.

1. A note in the people folder named like a day (`People/2026-12-01.md`, what a template that names
   a new note by the date leaves), holding a person's fields (`role`, `cadence`, `org`, …), in a
   vault whose daily-note setting names no folder: it is a person's note, not a day's page. The
   folder and the fields say so twice; the name alone says otherwise, and Obsidian's "no folder"
   only means that a day's page may be anywhere. A journal kept in the people folder, whose
   pages hold no person's fields, stays a journal.
2. `aliases: Kimmy, KJ` (quoted or not) is two aliases, as Obsidian splits a text alias on its
   commas (obsidianmd/obsidian-importer#64: `aliases: This, also that` is `This` and `also
   that` in Obsidian's quick switcher); `check` names it in a person's note, as it names
   `topics: a, b`, with how to write it as a list.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY

from vaultnet.base.conventions import Conventions, DailyNotes
from vaultnet.parse.note import parse_note
from vaultnet.pipeline.sync import load

DAILY_SETTING = ".obsidian/daily-notes.json"
# No setting at all; Obsidian's own with a format and no folder; one with the folder left empty.
NO_DAILY_FOLDER = {
    "no setting": {".obsidian/app.json": "{}"},
    "format only": {DAILY_SETTING: '{"format":"YYYY-MM-DD"}'},
    "empty folder": {DAILY_SETTING: '{"format":"YYYY-MM-DD","folder":""}'},
}
DATE_NAMED = "---\nrole: friend\ncadence: 30d\n---\n- 2026-10-01 met #met\n"


def people_of(root: Path) -> list[str]:
    return sorted(p.path for p in load(root, TODAY).index.people)


def check_json(run, root: Path) -> tuple[int, list[dict[str, object]]]:
    result = run("check", "--vault", root, "--today", TODAY, "--json")
    return result.exit_code, json.loads(result.output)


def due_json(run, root: Path) -> dict[str, list[dict[str, object]]]:
    result = run("due", "--vault", root, "--today", TODAY, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# -- 1. a person's note named like a day, in the people folder ----------------------------------

@pytest.mark.parametrize("setting", NO_DAILY_FOLDER.values(), ids=NO_DAILY_FOLDER.keys())
def test_a_date_named_note_with_person_fields_in_people_is_a_person(make_vault, run, setting):
    root = make_vault({**setting, "People/2026-12-01.md": DATE_NAMED,
                       "People/Jane.md": "---\nrole: friend\n---\n- 2026-11-20 lunch #met\n"})
    assert people_of(root) == ["People/2026-12-01.md", "People/Jane.md"]
    index = load(root, TODAY).index
    assert index.daily_notes == 0
    due = {entry["person"]: entry for entry in due_json(run, root)["stay_in_touch"]}
    assert due["2026-12-01"]["path"] == "People/2026-12-01.md"
    assert (due["2026-12-01"]["last_contact"], due["2026-12-01"]["cadence_days"]) == (
        "2026-10-01", 30)
    assert run("sync", "--vault", root, "--today", TODAY).exit_code == 0
    for page in ("Network.md", "Follow-ups.md"):
        text = (root / "Network" / page).read_text(encoding="utf-8")
        assert "[[People/2026-12-01|2026-12-01]] — friend" in text, page
    code, found = check_json(run, root)
    assert (code, found) == (0, [])
    reading = run("check", "--vault", root, "--today", TODAY).output.splitlines()
    assert reading[1] == "  people: 2 (2 by folder People/)"


@pytest.mark.parametrize("fields", [
    "role: friend", "cadence: 30d", "org: Acme", "company: '[[Acme]]'", "birthday: 1980-04-12",
    "last_contact: 2026-10-01", "knows: ['[[Jane]]']", "met_via: '[[Jane]]'",
    "email: kim@example.com", "offers: [an intro]", "needs: [a reader]",
])
def test_any_one_person_field_makes_it_a_person(fields):
    conventions = Conventions(daily=DailyNotes(format="YYYY-MM-DD", source=DAILY_SETTING))
    for daily in (DailyNotes(), conventions.daily):
        note = parse_note("People/2026-12-01.md", f"---\n{fields}\n---\n",
                          Conventions(daily=daily))
        assert (note.found_by, note.fields.type) == ("folder People", "person"), fields


def test_a_name_that_starts_with_a_date_and_person_fields_is_a_person(make_vault, run):
    """`2026-12-01 Kim.md`, a template's name of the day and the person, is Kim's note."""
    root = make_vault({"People/2026-12-01 Kim.md": DATE_NAMED})
    assert people_of(root) == ["People/2026-12-01 Kim.md"]
    assert [e["person"] for e in due_json(run, root)["stay_in_touch"]] == ["2026-12-01 Kim"]


@pytest.mark.parametrize("setting", NO_DAILY_FOLDER.values(), ids=NO_DAILY_FOLDER.keys())
@pytest.mark.parametrize("page", [
    "- lunch with [[Jane]]\n",
    "---\ntags: [daily]\n---\n- lunch with [[Jane]]\n",
    "---\ntype: journal\naliases: [Tuesday]\ntopics: [cooking]\n---\n- lunch with [[Jane]]\n",
    "---\ntype: friend\n---\nlunch with [[Jane]]\n",  # a `type` is as often a journal's
    "---\npeople: ['[[Jane]]']\nstatus: done\n---\nlunch\n",  # who was there is no one's field
], ids=["bare", "tagged", "typed", "type friend", "attendees"])
def test_a_journal_kept_in_the_people_folder_stays_daily(make_vault, run, setting, page):
    root = make_vault({**setting, "People/2026-11-20.md": page,
                       "People/Jane.md": "---\nrole: friend\n---\n"})
    index = load(root, TODAY).index
    assert [p.path for p in index.people] == ["People/Jane.md"]
    assert index.daily_notes == 1
    assert max(i.day for i in index.people[0].interactions) == date(2026, 11, 20)
    assert run("check", "--vault", root, "--today", TODAY).exit_code == 0


def test_a_daily_setting_whose_folder_is_the_people_folder_keeps_its_pages(make_vault):
    """The user said where the journal is: there, a day's name makes a day's page."""
    root = make_vault({DAILY_SETTING: '{"format":"YYYY-MM-DD","folder":"People"}',
                       "People/2026-12-01.md": DATE_NAMED, "People/Jane.md": "# Jane\n"})
    index = load(root, TODAY).index
    assert ([p.path for p in index.people], index.daily_notes) == (["People/Jane.md"], 1)


def test_a_date_named_note_with_person_fields_outside_the_people_folder_stays_daily(make_vault):
    root = make_vault({"Journal/2026-12-01.md": DATE_NAMED, "People/Jane.md": "# Jane\n"})
    index = load(root, TODAY).index
    assert ([p.path for p in index.people], index.daily_notes) == (["People/Jane.md"], 1)


# -- 2. aliases written as one text with commas -------------------------------------------------

@pytest.mark.parametrize("written", [
    "aliases: Kimmy, KJ", 'aliases: "Kimmy, KJ"', "aliases: 'Kimmy,KJ'", "alias: Kimmy, KJ",
])
def test_aliases_in_one_text_are_split_on_commas_as_obsidian_does(written):
    note = parse_note("People/Kim Jones.md", f"---\nrole: friend\n{written}\n---\n")
    assert note.fields.aliases == ("Kimmy", "KJ")
    field, text = written.split(": ")
    assert [(p.line, p.message, p.hint) for p in note.problems] == [(
        3, f"`{field}` is one text with commas; read as 2 aliases, as Obsidian reads it: "
           "Kimmy, KJ",
        f"write it as a list: `{field}: [Kimmy, KJ]` (or, if it is one name, quote it in a "
        f'list: `{field}: ["{text.strip(chr(34) + chr(39))}"]`)')]


def test_an_alias_with_a_comma_in_a_list_is_one_alias():
    note = parse_note("People/Kim Jones.md", '---\naliases: ["Jones, Kim", KJ]\n---\n')
    assert (note.fields.aliases, note.problems) == (("Jones, Kim", "KJ"), ())


def test_a_comma_alias_in_another_note_is_split_but_not_named():
    """Obsidian reads it the same way, and vaultnet uses no alias of a note that is no
    person's: nothing to tell."""
    note = parse_note("Topics/Machine learning.md", "---\naliases: ML, AI\n---\n")
    assert (note.fields.aliases, note.problems) == (("ML", "AI"), ())


def test_each_alias_of_one_text_links_and_briefs_the_person(make_vault, run):
    root = make_vault({
        "People/Kim Jones.md": "---\nrole: friend\naliases: Kimmy, KJ\n---\n",
        "People/Jane.md": "---\nrole: friend\n---\n- 2026-11-20 lunch with [[KJ]] #met\n",
        "2026-11-21.md": "- call with [[Kimmy]]\n",
    })
    index = load(root, TODAY).index
    kim = next(p for p in index.people if p.name == "Kim Jones")
    assert sorted(i.day for i in kim.interactions) == [date(2026, 11, 20), date(2026, 11, 21)]
    assert not index.mentioned
    for alias in ("Kimmy", "KJ"):
        result = run("brief", alias, "--vault", root, "--today", TODAY)
        assert result.exit_code == 0, result.output
        assert "Kim Jones" in result.output
    code, found = check_json(run, root)
    assert code == 1
    assert [(p["path"], p["line"]) for p in found] == [("People/Kim Jones.md", 3)]
    assert "read as 2 aliases" in str(found[0]["message"])


def test_the_parse_cache_gives_the_same_reading(make_vault, run):
    """A sync read from the parse cache sees both changes as a fresh parse does."""
    root = make_vault({"People/2026-12-01.md": DATE_NAMED,
                       "People/Kim Jones.md": "---\nrole: friend\naliases: Kimmy, KJ\n---\n",
                       "2026-11-21.md": "- call with [[Kimmy]]\n"})
    first = (people_of(root), check_json(run, root), due_json(run, root))
    assert run("sync", "--vault", root, "--today", TODAY).exit_code == 0
    again = (people_of(root), check_json(run, root), due_json(run, root))
    assert first == again
    assert first[0] == ["People/2026-12-01.md", "People/Kim Jones.md"]
