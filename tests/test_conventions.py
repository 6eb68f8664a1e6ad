"""Vaults as people keep them (PRODUCT.md): small vaults written here in each common style.

A kepano-style vault (category links, meeting notes, templates), a family vault (typed relations),
a plugin-style Contacts folder (Title-Case keys, empty values) and a journal named by Obsidian's
daily-note setting. None is a copy of anyone's notes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from vaultnet.base.conventions import Conventions, DailyNotes
from vaultnet.parse.dated_names import date_from_format, format_pattern, leading_date
from vaultnet.parse.note import parse_note
from vaultnet.pipeline.sync import load

TODAY = "2026-11-25"
DAY = date(2026, 11, 25)

# -- a kepano-style vault ----------------------------------------------------------------------

KEPANO = {
    ".obsidian/app.json": "{}",
    "Categories/People.md": "---\ntags:\n  - categories\n---\n![[People.base]]\n",
    "References/Steph Ango.md": (
        '---\ncategories:\n  - "[[People]]"\ntype:\n  - "[[Designers]]"\n'
        'org:\n  - "[[Obsidian]]"\ncreated: 2023-01-04\n---\nMet at a meetup.\n'),
    "References/Ada Palmer.md": (
        '---\ncategories: ["[[People]]"]\ntype: ["[[Authors]]"]\n---\n'),
    "References/Too Like the Lightning.md": (
        '---\ncategories: ["[[Books]]"]\nauthor: ["[[Ada Palmer]]"]\ntype: ["[[Novels]]"]\n'
        'rating: 7\n---\n'),
    "Notes/2023-09-12 Meeting with Steph.md": (
        '---\ncategories:\n  - "[[Meetings]]"\ntype: []\ndate: 2023-09-12\n'
        'people:\n  - "[[Steph Ango]]"\ntopics: []\n---\nTalked about file over app.\n'),
    "Notes/Reading list.md": "---\ncategories: ['[[Notes]]']\n---\nAsk [[Ada Palmer]] about it.\n",
    "Templates/People Template.md": (
        '---\ncategories:\n  - "[[People]]"\nbirthday:\norg: []\ncreated: {{date}}\n---\n'),
    "Templates/Meeting Template.md": (
        '---\ncategories:\n  - "[[Meetings]]"\ndate: {{date}}\npeople: []\n---\n'),
    "Clippings/Weekly template.md": "---\ncreated: {{date}} {{time}}\n---\n# <% tp.file.title %>\n",
}


def people_of(root: Path) -> list[str]:
    return sorted(p.path for p in load(root, DAY).index.people)


def test_kepano_people_are_found_by_their_category_link(make_vault):
    root = make_vault(KEPANO)
    assert people_of(root) == ["References/Ada Palmer.md", "References/Steph Ango.md"]


def test_kepano_templates_and_list_types_are_no_problem(make_vault, run):
    root = make_vault(KEPANO)
    checked = run("check", "--vault", root, "--today", TODAY, "--json")
    assert (checked.exit_code, json.loads(checked.output)) == (0, [])


def test_kepano_meeting_notes_are_interactions_in_brief(make_vault, run):
    root = make_vault(KEPANO)
    brief = json.loads(run("brief", "Steph Ango", "--vault", root, "--today", TODAY,
                           "--json").output)
    assert brief["last_interactions"] == [
        {"date": "2023-09-12", "text": "Meeting with Steph", "kinds": ["met"],
         "source": "Notes/2023-09-12 Meeting with Steph.md"}]
    # (The day once, and the kind as a log line shows it: `2023-09-12  2023-09-12 Meeting with
    # Steph` showed the day twice, and no #met.)
    shown = run("brief", "Steph Ango", "--vault", root, "--today", TODAY).output
    assert "\nLast interactions\n  2023-09-12  Meeting with Steph #met\n" in shown


@pytest.mark.parametrize(("name", "text", "shown"), [
    ("2023-09-12", "2023-09-12", "2023-09-12  #met"),  # (its day alone: not shown twice)
    ("2023-09-12T10 Standup", "2023-09-12T10 Standup", "2023-09-12  2023-09-12T10 Standup #met"),
    ("2023-09-12 — Standup", "Standup", "2023-09-12  Standup #met"),
    ("2023-09-12_Sync", "Sync", "2023-09-12  Sync #met"),  # (a second review: `_Sync`)
    ("2023-09-12, Lunch", "Lunch", "2023-09-12  Lunch #met"),
])
def test_a_meeting_notes_day_is_shown_once_whatever_its_name(make_vault, run, name, text,
                                                             shown):
    vault = make_vault({path: body for path, body in KEPANO.items()
                        if path != "Notes/2023-09-12 Meeting with Steph.md"}
                       | {f"Notes/{name}.md": KEPANO["Notes/2023-09-12 Meeting with Steph.md"]})
    brief = json.loads(run("brief", "Steph Ango", "--vault", vault, "--today", TODAY,
                           "--json").output)
    assert [i["text"] for i in brief["last_interactions"]] == [text]
    assert f"\nLast interactions\n  {shown}\n" in run("brief", "Steph Ango", "--vault", vault,
                                                       "--today", TODAY).output


def test_check_tells_first_how_the_kepano_vault_was_read(make_vault, run):
    root = make_vault(KEPANO)
    lines = run("check", "--vault", root, "--today", TODAY).output.splitlines()
    assert lines[:5] == [
        "How the vault was read:",
        "  people: 2 (2 by a [[People]] category)",
        "  daily notes: 0, named by a date (no daily-note setting)",
        "  meeting notes: 1",
        "  skipped as templates: Templates/ (a top-level Templates folder); 1 template note "
        "elsewhere (Clippings/Weekly template.md)",
    ]


def test_sync_says_how_the_vault_was_read_when_it_is_not_vaultnets_own_dialect(make_vault, run):
    root = make_vault(KEPANO)
    output = run("sync", "--vault", root, "--today", TODAY).output
    assert "  people: 2 (2 by a [[People]] category)\n" in output



# A kepano-style vault links its roles and statuses too, as it links its categories and types.
LINKED_ROLES = {
    ".obsidian/app.json": "{}",
    "Me.md": "---\ntype: me\ntopics: [robotics]\ngoals: [find a mentor in robotics]\n---\n",
    "References/Ed Mentor.md": ('---\ncategories: ["[[People]]"]\nrole: "[[Roles/Mentor|mentor]]"\n'
                                'topics: [robotics]\n---\n## Log\n- 2026-10-01 Coffee #met\n'),
    "References/Cy Student.md": ('---\ncategories: ["[[People]]"]\nrole: "[[Advisee]]"\n'
                                 'topics: [robotics]\n---\n## Log\n- 2026-11-20 1:1 #met\n'),
    "References/Pat Lead.md": ('---\ncategories: ["[[People]]"]\nrole: mentor\n'
                               'status: "[[Prospect]]"\ntopics: [robotics]\n---\n'),
    "References/Dee Gone.md": ('---\ncategories: ["[[People]]"]\nrole: friend\n'
                               'status: "[[Dormant]]"\n---\n## Log\n- 2025-01-01 Lunch #met\n'),
}


def test_a_role_or_status_written_as_a_link_is_read_as_its_word(make_vault, run):
    # (`role: "[[Mentor]]"` was the role `[[mentor]]`: no cadence, an advisee among the mentors,
    # a dormant friend and a prospect tracked as due, and `check` said nothing.)
    root = make_vault(LINKED_ROLES)
    people = {p.name: p.fields for p in load(root, DAY).index.people}
    assert [(people[n].role, people[n].status) for n in sorted(people)] == [
        ("advisee", None), ("friend", "dormant"), ("mentor", None), ("mentor", "prospect")]
    due = run("due", "--vault", root, "--today", TODAY).output
    assert "Ed Mentor" in due and "Dee Gone" not in due and "Pat Lead" not in due
    assert run("people", "--prospects", "--vault", root, "--today", TODAY).output == \
        "  Pat Lead  mentor · prospect · no contact yet\n1 person\n"
    run("sync", "--vault", root, "--today", TODAY)
    mentors = (root / "Network" / "Mentors.md").read_text(encoding="utf-8")
    assert "|Ed Mentor]] — mentor: shares" in mentors and "Cy Student" not in mentors


def test_a_role_of_several_links_is_its_first_and_named(make_vault, run):
    # (A second review's: `role: "[[Mentor]], [[Peer]]"` was the role `[[mentor]], [[peer]]`, with
    # no cadence and no word of it, where `categories` so written is named.)
    root = make_vault({**LINKED_ROLES, "References/Ed Mentor.md": (
        '---\ncategories: ["[[People]]"]\nrole: "[[Mentor]], [[Peer]]"\n---\n')})
    assert {p.name: p.fields.role for p in load(root, DAY).index.people}["Ed Mentor"] == "mentor"
    checked = json.loads(run("check", "--vault", root, "--today", TODAY, "--json").output)
    assert [(c["path"], c["message"], c["hint"]) for c in checked if "role" in c["message"]] == [
        ("References/Ed Mentor.md", "`role` is one text with 2 links; read as `mentor`",
         "keep one: `role: mentor`")]

# -- a family vault with typed relations -------------------------------------------------------

FAMILY = {
    ".obsidian/app.json": "{}",
    "Me.md": "---\ntype: me\ngoals: [meet a grant writer]\n---\n",
    "People/Maya Nelson.md": (
        '---\nspouse: "[[Jeremy Nelson]]"\nparents: ["[[Ann Nelson]]", "[[Bob Nelson]]"]\n'
        "siblings: [[Cara Nelson]]\nborn: 1984\n---\n## Log\n- 2026-11-01 Dinner #met\n"),
    "People/Jeremy Nelson.md": "---\nspouse: \"[[Maya Nelson]]\"\n---\n",
    "People/Ann Nelson.md": "# Ann\n",
    "People/Bob Nelson.md": "# Bob\n",
    "People/Cara Nelson.md": (
        '---\ncolleagues: ["[[Dana Writer]]"]\n---\n## Log\n- 2026-10-02 Call #call\n'),
    "People/Dana Writer.md": "---\nstatus: prospect\ntopics: [grants]\n---\n",
    "Places/Lisbon.md": "---\nvisited_with: \"[[Maya Nelson]]\"\n---\n",
}


def test_typed_relations_are_edges_named_by_their_field(make_vault, run):
    root = make_vault(FAMILY)
    exported = json.loads(run("export", "--format", "json", "-o", "-", "--vault", root,
                              "--today", TODAY).output)
    by_pair = {(e["source"], e["target"]): e["kinds"] for e in exported["edges"]
               if e["source"].startswith("person:") and e["target"].startswith("person:")}
    maya = "person:People/Maya Nelson.md"
    assert by_pair[("person:People/Jeremy Nelson.md", maya)] == "spouse"
    assert by_pair[("person:People/Ann Nelson.md", maya)] == "parents"
    assert by_pair[("person:People/Bob Nelson.md", maya)] == "parents"
    assert by_pair[("person:People/Cara Nelson.md", maya)] == "siblings"
    # A place note's link is not a tie between people; a number is no relation.
    assert not any("Lisbon" in a + b for a, b in by_pair)


def test_typed_relations_carry_warm_paths(make_vault, run):
    root = make_vault(FAMILY)
    result = run("intro", "Dana Writer", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0
    assert "Cara Nelson" in result.output and "Dana Writer" in result.output


def test_typed_relations_show_in_brief_and_the_canvas(make_vault, run):
    root = make_vault(FAMILY)
    brief = json.loads(run("brief", "Maya Nelson", "--vault", root, "--today", TODAY,
                           "--json").output)
    # Each with the note that declares it: her own fields, then Jeremy's, which names her too.
    maya, jeremy = "People/Maya Nelson.md", "People/Jeremy Nelson.md"
    assert brief["relations"] == [
        {"kind": "parents", "person": "Ann Nelson", "note": "People/Ann Nelson.md",
         "declared_in": maya},
        {"kind": "parents", "person": "Bob Nelson", "note": "People/Bob Nelson.md",
         "declared_in": maya},
        {"kind": "siblings", "person": "Cara Nelson", "note": "People/Cara Nelson.md",
         "declared_in": maya},
        {"kind": "spouse", "person": "Jeremy Nelson", "note": jeremy, "declared_in": maya},
        {"kind": "spouse", "person": "Jeremy Nelson", "note": jeremy, "declared_in": jeremy}]
    text = run("brief", "Maya Nelson", "--vault", root, "--today", TODAY).output
    assert "Ties in your notes\n  parents: Ann Nelson\n" in text
    assert "  spouse: Jeremy Nelson\n  in Jeremy Nelson's note, spouse: Maya Nelson\n" in text
    run("sync", "--vault", root, "--today", TODAY)
    canvas = json.loads((root / "Network/Network.canvas").read_text())
    assert {e.get("label") for e in canvas["edges"]} >= {"spouse", "parents", "siblings"}


# -- a plugin-style Contacts folder ------------------------------------------------------------

CONTACTS = {
    ".obsidian/app.json": "{}",
    "Contacts/Jane Roe.md": (
        "---\nName: Jane Roe\nCompany: Acme\nEmail: jane@acme.example\nBirthday: \n"
        "Last Contact: 2026-10-01\nPhone: \nTags: \n---\n"),
    "Contacts/Raj Patel.md": "---\nName: Raj Patel\nCompany:\nEmail:\nBirthday:\n---\nNotes.\n",
    "Inbox/Someone.md": "---\nTags: [contact]\n---\n",
}


def test_a_contacts_folder_with_title_case_keys_and_empty_values(make_vault, run):
    root = make_vault(CONTACTS)
    index = load(root, DAY).index
    assert [p.path for p in index.people] == ["Contacts/Jane Roe.md", "Contacts/Raj Patel.md",
                                              "Inbox/Someone.md"]
    assert index.problems == ()
    jane = index.people[0]
    assert (jane.fields.orgs, jane.fields.last_contact) == (("Acme",), date(2026, 10, 1))
    lines = run("check", "--vault", root).output.splitlines()
    assert lines[1] == "  people: 3 (2 by folder Contacts/, 1 by a person tag)"


# -- a journal with Obsidian's daily-note setting ----------------------------------------------

def journal(setting: str, daily: dict[str, str]) -> dict[str, str]:
    return {".obsidian/daily-notes.json": setting, "People/Jane Doe.md": "---\ncadence: 7d\n---\n",
            **daily}


def last_contact(root: Path) -> date | None:
    person = load(root, DAY).index.people[0]
    return max((i.day for i in person.interactions), default=None)


@pytest.mark.parametrize(("setting", "path"), [
    ('{"format": "YYYY-MM-DD dddd", "folder": "Journal"}', "Journal/2026-11-20 Friday.md"),
    ('{"format": "YYYY/MM/YYYY-MM-DD", "folder": "Journal"}', "Journal/2026/11/2026-11-20.md"),
    ('{"format": "DD.MM.YY", "folder": "Days/"}', "Days/20.11.26.md"),
    ('{"format": "dddd, MMMM Do YYYY"}', "Friday, November 20th 2026.md"),
    ('{"folder": "Journal"}', "Journal/2026-11-20.md"),  # Obsidian's default format
], ids=["weekday", "nested", "dotted", "words", "default-format"])
def test_daily_notes_follow_obsidians_setting(make_vault, run, setting, path):
    root = make_vault(journal(setting, {path: "Lunch with [[Jane Doe]]\n"}))
    assert last_contact(root) == date(2026, 11, 20)


def test_with_a_setting_only_its_daily_notes_count(make_vault):
    """A dated note elsewhere is no daily note then; linking someone, it is a meeting note. But
    one at the vault's top named by an ISO date alone is a day's page from before the folder was
    set (Obsidian keeps them there until a folder is named, and leaves them where they were)."""
    root = make_vault(journal('{"format": "YYYY-MM-DD", "folder": "Journal"}',
                              {"Archive/2026-11-21.md": "Call with [[Jane Doe]]\n",
                               "Archive/2026-11-22.md": "Nobody.\n",
                               "2026-11-19.md": "Walk with [[Jane Doe]]\n",
                               "Journal/2026-11-20.md": "Lunch with [[Jane Doe]]\n"}))
    index = load(root, DAY).index
    assert (index.daily_notes, index.meetings) == (2, 1)
    assert last_contact(root) == date(2026, 11, 21)


def test_a_page_from_before_the_daily_folder_was_set_keeps_its_lines_tags(make_vault, run):
    """Setting a daily folder leaves the older pages where they were: one of them that wrote to
    a prospect (`#outreach`) is still outreach waiting for an answer, not a meeting that met
    them (a review: the prospect was taken for met, and `check` said to change her status)."""
    root = make_vault({
        ".obsidian/daily-notes.json": '{"folder": "Journal", "format": "YYYY-MM-DD dddd"}',
        "People/Zoe Kim.md": "---\nstatus: prospect\nrole: mentor\n---\n",
        "2026-11-10.md": "- Emailed [[Zoe Kim]] about the internship #outreach\n",
        "Journal/2026-11-12 Thursday.md": "Nothing today.\n"})
    due = json.loads(run("due", "--json", "--vault", root, "--today", TODAY).output)
    assert [(o["person"], o["action"]) for o in due["outreach"]] == [("Zoe Kim", "follow-up")]
    assert json.loads(run("check", "--json", "--vault", root, "--today", TODAY).output) == []
    index = load(root, DAY).index
    assert (index.daily_notes, index.meetings) == (2, 0)


def test_a_dated_note_in_the_daily_folder_off_the_format_is_a_daily_note(make_vault):
    """A journal whose format changed keeps its older pages: in the setting's folder, a note named
    by a date that is not in the setting's form is that day's page (its lines their own text),
    never a meeting; outside the folder, or with no folder set, the form alone decides (but for
    a note at the vault's top named by an ISO date alone, a page from before the setting)."""
    root = make_vault(journal('{"format": "YYYY/MM/YYYY-MM-DD dddd", "folder": "Journal"}',
                              {"Journal/2026/11/2026-11-20 Friday.md": "Lunch with [[Jane Doe]]\n",
                               "Journal/2026/11/2026-11-24.md": "Texted [[Jane Doe]] back\n",
                               "Journal/2026-11-21 Saturday.md": "Call with [[Jane Doe]]\n",
                               "Archive/2026-11-22 Walk.md": "Walk with [[Jane Doe]]\n"}))
    index = load(root, DAY).index
    assert (index.daily_notes, index.meetings) == (3, 1)
    texts = {(i.day, i.text) for i in index.people[0].interactions}
    assert (date(2026, 11, 24), "Texted [[Jane Doe]] back") in texts


def test_with_a_format_and_no_folder_the_form_alone_makes_a_daily_note(make_vault):
    """Off the setting's form, a dated note is no daily note, but one at the vault's top named
    by an ISO date alone: a page from before the setting."""
    root = make_vault(journal('{"format": "YYYY-MM-DD dddd"}',
                              {"Notes/2026-11-24.md": "Coffee with [[Jane Doe]]\n",
                               "2026-11-23.md": "Tea with [[Jane Doe]]\n"}))
    index = load(root, DAY).index
    assert (index.daily_notes, index.meetings) == (1, 1)


def test_the_periodic_notes_plugin_setting_is_read_too(make_vault):
    files = {".obsidian/plugins/periodic-notes/data.json":
             '{"daily": {"format": "YYYY-MM-DD ddd", "folder": "Log", "enabled": true}}',
             "People/Jane Doe.md": "# Jane\n", "Log/2026-11-20 Fri.md": "Met [[Jane Doe]]\n"}
    assert last_contact(make_vault(files)) == date(2026, 11, 20)


def test_check_names_the_daily_setting_and_where_it_came_from(make_vault, run):
    root = make_vault(journal('{"format": "YYYY-MM-DD dddd", "folder": "Journal"}',
                              {"Journal/2026-11-20 Friday.md": "Lunch with [[Jane Doe]]\n"}))
    lines = run("check", "--vault", root).output.splitlines()
    assert lines[2] == ("  daily notes: 1, named YYYY-MM-DD dddd in Journal/ "
                        "(from .obsidian/daily-notes.json)")


def test_a_daily_setting_that_is_a_fifo_or_broken_is_ignored(make_vault):
    root = make_vault({"People/Jane Doe.md": "# Jane\n", "2026-11-20.md": "Met [[Jane Doe]]\n"})
    (root / ".obsidian").mkdir()
    os.mkfifo(root / ".obsidian/daily-notes.json")  # would hang a plain read
    assert last_contact(root) == date(2026, 11, 20)


@pytest.mark.parametrize(("settings", "named", "path"), [
    # the journal moved: Obsidian's format holds in the new folder
    ('[daily_notes]\nfolder = "Diary"\n', "named DD.MM.YYYY in Diary/", "Diary/24.11.2026.md"),
    # another form of name: in Obsidian's folder still
    ('[daily_notes]\nformat = "YYYYMMDD"\n', "named YYYYMMDD in Journal/", "Journal/20261124.md"),
])
def test_a_daily_notes_setting_overrides_obsidians_key_by_key(make_vault, run, settings, named,
                                                             path):
    root = make_vault({".obsidian/daily-notes.json": '{"format": "DD.MM.YYYY", "folder": "Journal"}',
                       ".vaultnet.toml": settings, "People/Bob.md": "# Bob\n",
                       path: "Lunch with [[Bob]]\n"})
    assert [i.day for i in load(root, DAY).index.people[0].interactions] == [date(2026, 11, 24)]
    lines = run("check", "--vault", root).output.splitlines()
    assert f"  daily notes: 1, {named} (from .vaultnet.toml)" == lines[2]


# -- settings for vaults that follow none of the conventions ---------------------------------

def test_settings_add_a_person_rule_a_meetings_folder_templates_and_a_daily_format(make_vault, run):
    root = make_vault({
        ".vaultnet.toml": ('meetings_folder = "Gatherings"\ntemplate_folders = ["Blueprints"]\n'
                           '[person]\ntags = ["friend"]\nfolders = ["Kin"]\ntypes = ["human"]\n'
                           'categories = ["Folks"]\n'
                           '[daily_notes]\nformat = "YYYYMMDD"\nfolder = "Days"\n'),
        "Notes/Pat.md": "---\ntags: [friend]\n---\n",
        "Kin/Quinn.md": "# Quinn\n",
        "Notes/Robin.md": "---\ntype: human\n---\n",
        "Notes/Sam.md": '---\ncategories: ["[[Folks]]"]\n---\n',
        "Blueprints/Friend.md": "---\ntags: [friend]\n---\n",
        "Gatherings/Picnic.md": "---\ndate: 2026-11-10\n---\nWith [[Pat]] and [[Quinn]].\n",
        "Days/20261120.md": "Call with [[Robin]]\n",
    })
    index = load(root, DAY).index
    assert [p.name for p in index.people] == ["Pat", "Quinn", "Robin", "Sam"]
    days = {p.name: sorted(i.day.isoformat() for i in p.interactions) for p in index.people}
    assert days == {"Pat": ["2026-11-10"], "Quinn": ["2026-11-10"], "Robin": ["2026-11-20"],
                    "Sam": []}
    lines = run("check", "--vault", root).output.splitlines()
    assert "named YYYYMMDD in Days/ (from .vaultnet.toml)" in lines[2]
    assert "Blueprints/ (.vaultnet.toml)" in lines[4]


@pytest.mark.parametrize("bad", ['[person]\ntags = "friend"\n', '[person]\nfolders = ["../x"]\n',
                                 "[daily_notes]\nformat = 3\n", '[person]\nkinds = ["x"]\n'])
def test_bad_convention_settings_are_named(make_vault, run, bad):
    root = make_vault({".vaultnet.toml": bad, "People/Jane.md": "# Jane\n"})
    result = run("check", "--vault", root)
    assert result.exit_code == 1 and ".vaultnet.toml" in result.output
    assert "Traceback" not in result.output


# -- the pure rules, with literals -------------------------------------------------------------

@pytest.mark.parametrize(("moment", "relative", "expected"), [
    ("YYYY-MM-DD", "2026-11-20", date(2026, 11, 20)),
    ("YYYY-MM-DD dddd", "2026-11-20 Friday", date(2026, 11, 20)),
    ("YYYY/MM/YYYY-MM-DD", "2026/11/2026-11-20", date(2026, 11, 20)),
    ("YYYY/MM/YYYY-MM-DD", "2025/11/2026-11-20", None),  # the same year twice, or no match
    ("[Week] ww, YYYY-MM-DD", "Week 47, 2026-11-20", date(2026, 11, 20)),
    ("MMM D, YYYY", "Nov 20, 2026", date(2026, 11, 20)),
    ("YYYY-MM-DD", "2026-11-20 extra", None),
    ("gggg-[W]ww", "2026-W47", None),  # a weekly format names no day
])
def test_moment_formats(moment, relative, expected):
    assert date_from_format(relative, moment) == expected


def test_a_format_without_a_day_names_no_daily_note():
    assert format_pattern("YYYY-MM") is None


def test_leading_dates():
    assert leading_date("2026-11-20 Friday") == date(2026, 11, 20)
    assert leading_date("2026-11-20") == date(2026, 11, 20)
    assert leading_date("20261120") is None and leading_date("2026-13-01 x") is None


PERSON = "---\ntype: person\n---\n"


@pytest.mark.parametrize(("line", "done", "due"), [
    ("- [ ] Send the deck [due:: 2026-12-01]", False, date(2026, 12, 1)),
    ("- [ ] Send the deck 📅 2026-12-01 ✅ 2026-11-30", True, date(2026, 12, 1)),
    ("- [ ] Send the deck 📅 2026-12-01 ❌ 2026-11-30", True, date(2026, 12, 1)),
    ("- [-] Send the deck 📅 2026-12-01", True, date(2026, 12, 1)),
    ("- [x] Send the deck (due 2026-12-01)", True, date(2026, 12, 1)),
    ("- [ ] Send the deck [completion:: 2026-11-30] [due:: 2026-12-01]", True, date(2026, 12, 1)),
    # Dataview's fields in parentheses, which the Tasks plugin reads as in brackets
    ("- [ ] Send the deck (due:: 2026-12-01)", False, date(2026, 12, 1)),
    ("- [ ] Send the deck (completion:: 2026-11-30) (due:: 2026-12-01)", True, date(2026, 12, 1)),
    ("- [ ] Send the deck (due:: 2026-12-01) (cancelled:: 2026-11-30)", True, date(2026, 12, 1)),
])
def test_dataview_and_tasks_forms(line, done, due):
    task = parse_note("People/Jane.md", PERSON + line + "\n").tasks[0]
    assert (task.done, task.due) == (done, due)


@pytest.mark.parametrize("hidden", [
    "%%\n- 2026-11-01 Coffee #met\n- [ ] Send it 📅 2026-11-26\n[[Bob]]\n%%",
    "<!--\n- 2026-11-01 Coffee #met\n- [ ] Send it 📅 2026-11-26\n[[Bob]]\n-->",
    "%% - 2026-11-01 Coffee #met %%",
])
def test_what_obsidian_hides_is_not_read(hidden):
    note = parse_note("People/Jane.md", PERSON + "## Log\n" + hidden + "\n- 2026-11-02 Call\n")
    assert [e.text for e in note.entries] == ["Call"]
    assert (note.tasks, note.links) == ((), ())


@pytest.mark.parametrize("hidden", [
    "Log it like this:\n\n    - 2026-11-01 Coffee #met\n    [[Bob]]\n",  # after a paragraph
    "## Example\n    - 2026-11-01 Coffee #met [[Bob]]\n",  # right under a heading
    "\t- 2026-11-01 Coffee #met [[Bob]]\n",  # (a tab) at the body's start
    "Text.\n\n    code\n\n    - 2026-11-01 Coffee #met [[Bob]]\n",  # a blank line inside
    "- an item\n\nA paragraph ends the list.\n\n    - 2026-11-01 Coffee #met [[Bob]]\n",
])
def test_an_indented_code_block_is_code(hidden):
    """Obsidian (CommonMark) shows lines indented by four columns after a blank line, a heading or
    the start as code: no entry, task or link in them is read."""
    note = parse_note("People/Jane.md", PERSON + hidden + "\n## Log\n- 2026-11-02 Call\n")
    assert [e.text for e in note.entries] == ["Call"]
    assert (note.tasks, note.links) == ((), ())


@pytest.mark.parametrize("body", [
    "## Log\n- 2026-11-01 Coffee\n    - 2026-11-02 Call [[Bob]]\n",  # a nested item
    "## Log\n- 2026-11-01 Coffee\n\n    - 2026-11-02 Call [[Bob]]\n",  # in a loose list
    "## Log\n1. 2026-11-01 Coffee\n\n    More about it.\n\n    - 2026-11-02 Call [[Bob]]\n",
    "## Log\n- 2026-11-01 Coffee\nlazily continued\n\n    - 2026-11-02 Call [[Bob]]\n",
    # (a review: the item's own text two or three columns in, then a nested item)
    "## Log\n- 2026-11-01 Coffee\n\n  We talked.\n\n    - 2026-11-02 Call [[Bob]]\n",
    "## Log\n- 2026-11-01 Coffee\n\n  We talked.\n\n\t- 2026-11-02 Call [[Bob]]\n",
    "## Log\n1. 2026-11-01 Coffee\n\n   More about it.\n\n    - 2026-11-02 Call [[Bob]]\n",
    "## Log\n- 2026-11-01 Coffee\n  ```\n  x = 1\n\n  ```\n\n    - 2026-11-02 Call [[Bob]]\n",
    "## Log\n10. 2026-11-01 Coffee\n\n    - 2026-11-02 Call [[Bob]]\n",
])
def test_what_a_list_item_holds_indented_is_no_code(body):
    note = parse_note("People/Jane.md", PERSON + body)
    assert [e.day.day for e in note.entries] == [1, 2]
    assert [link.target for link in note.links] == ["Bob"]


def test_a_comment_marker_in_code_is_no_comment():
    note = parse_note("People/Jane.md", PERSON + "- 2026-11-01 Showed `%%` to [[Bob]]\n"
                      "- 2026-11-02 Call\n- 2026-11-03 Fixed `printf(\"%%d\")`\n")
    assert [e.day.day for e in note.entries] == [1, 2, 3]


@pytest.mark.parametrize(("line", "why"), [
    ("- 03/01/2026 Coffee", "not written as YYYY-MM-DD"),
    ("- 2026-3-4 Coffee", "not written as YYYY-MM-DD"),
    ("- **2026-03-03** Coffee", "bold"),
])
def test_almost_dated_lines_are_named_with_their_line(line, why):
    note = parse_note("People/Jane.md", PERSON + "## Log\n" + line + "\n")
    assert note.entries == ()
    assert [(p.line, why in p.message) for p in note.problems] == [(5, True)]


def test_a_field_given_twice_is_named_with_its_line():
    note = parse_note("People/Jane.md", "---\ntype: person\nrole: mentor\nrole: friend\n---\n")
    assert note.fields.role == "friend"
    assert [(p.line, p.message) for p in note.problems] == [
        (4, "`role` is given more than once (also on line 3); the last one is read")]


def test_a_comma_separated_list_is_read_as_a_list_and_named():
    note = parse_note("People/Jane.md", "---\ntype: person\ntopics: climate tech, data science\n---\n")
    assert note.fields.topics == ("climate tech", "data science")
    assert [p.line for p in note.problems] == [3]
    assert "topics: [climate tech, data science]" in note.problems[0].hint


@pytest.mark.parametrize("text", [
    "---\ncreated: {{date}}\ntitle: {{title}}\n---\n",
    "---\ncreated: <% tp.date.now() %>\n---\n",
    "---\n{{date}}\n---\n",
])
def test_a_note_with_placeholders_is_a_template_wherever_it_is(text):
    note = parse_note("Notes/Anything.md", text)
    assert note.template and note.problems == () and note.fields.type is None


def test_a_bare_alias_never_beats_a_note_with_that_file_name(make_vault):
    root = make_vault({"People/Jane Doe.md": "---\ntype: person\naliases: [Jay]\n---\n",
                       "People/Jay.md": "---\ntype: person\n---\n",
                       "2026-11-20.md": "Lunch with [[Jay]]\n"})
    index = load(root, DAY).index
    contacts = {p.name: [i.day for i in p.interactions] for p in index.people}
    assert contacts == {"Jane Doe": [], "Jay": [date(2026, 11, 20)]}


def test_person_rules_in_order():
    conventions = Conventions(daily=DailyNotes())
    found = {path: parse_note(path, text, conventions).found_by for path, text in {
        "A/Typed.md": "---\ntype: [Person]\n---\n",
        "A/Cat.md": "---\ncategory: '[[Person]]'\n---\n",
        "A/Tag.md": "---\ntags: [People]\n---\n",
        "Work/Persons/Deep.md": "# deep\n",
        "A/None.md": "---\ntype: project\n---\n",
    }.items()}
    assert found == {"A/Typed.md": "type", "A/Cat.md": "category", "A/Tag.md": "tag",
                     "Work/Persons/Deep.md": "folder Persons", "A/None.md": ""}


# -- the vault's small files are read like notes: regular files only, bounded -------------------

def vaultnet(*args: object) -> subprocess.CompletedProcess[str]:
    """The real command in a new process, with a timeout: a hang fails the test, not the run."""
    return subprocess.run([sys.executable, "-m", "vaultnet", *map(str, args)],
                          capture_output=True, text=True, timeout=30)


@pytest.mark.parametrize("config", [".obsidian/templates.json", ".obsidian/daily-notes.json",
                                    ".obsidian/plugins/templater-obsidian/data.json",
                                    ".obsidian/plugins/periodic-notes/data.json"])
def test_a_plugin_setting_that_is_a_fifo_or_endless_is_left_alone(make_vault, config):
    root = make_vault({"People/Jane Doe.md": "# Jane\n", ".obsidian/app.json": "{}"})
    (root / config).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(root / config)
    named = vaultnet("check", "--vault", root)  # see test_read_safety.py
    assert named.returncode == 1 and named.stdout.endswith("1 problem in 1 file.\n"), named.stdout
    os.unlink(root / config)
    os.symlink("/dev/zero", root / config)
    assert vaultnet("check", "--vault", root).returncode == 1


@pytest.mark.parametrize("kind", ["fifo", "endless", "huge"])
def test_a_settings_file_that_is_not_a_small_plain_file_is_named(make_vault, kind):
    root = make_vault({"People/Jane Doe.md": "# Jane\n"})
    settings = root / ".vaultnet.toml"
    if kind == "fifo":
        os.mkfifo(settings)
    elif kind == "endless":
        os.symlink("/dev/zero", settings)
    else:
        settings.write_text("# padding\n" * 40_000)
    result = vaultnet("sync", "--vault", root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ".vaultnet.toml: the settings file" in result.stderr
    assert not (root / "Network").exists()


@pytest.mark.parametrize("setting", ['{"format": "YYYY-[W]ww"}', '{"format": "[unclosed"}'])
def test_check_says_when_the_daily_format_names_no_day(make_vault, run, setting):
    root = make_vault(journal(setting, {"2026-11-20.md": "Lunch with [[Jane Doe]]\n"}))
    lines = run("check", "--vault", root).output.splitlines()
    assert lines[3] == ("    that format names no day (it needs a year, a month and a day, such "
                        "as YYYY-MM-DD), so no note is read as a daily note")


def test_an_unknown_name_in_a_vault_of_one_is_named_in_the_singular(make_vault, run):
    root = make_vault({"People/Jane Doe.md": "# Jane\n"})
    result = run("brief", "Zed", "--vault", root)
    assert result.exit_code == 1
    assert "there is 1 person note, none with that name or alias" in result.output
