"""Daily notes as a reviewer found them misread: a day's page with a `people` field, a page whose
weekday is wrong, a daily-note setting with no folder, and the Periodic Notes plugin's 1.x settings.

Each is a small vault in the shape a user keeps; none is a copy of anyone's notes.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY

from vaultnet.base.conventions import Conventions, DailyNotes
from vaultnet.base.settings import Settings
from vaultnet.parse.dated_names import date_from_format
from vaultnet.parse.note import parse_note
from vaultnet.pipeline.sync import load
from vaultnet.read.obsidian import config_problems, daily_notes

FRIEND = "---\ntype: person\nrole: friend\n---\n"
PROSPECT = "---\ntype: person\nstatus: prospect\n---\n"
DAILY_NOTES = ".obsidian/daily-notes.json"
PERIODIC = ".obsidian/plugins/periodic-notes/data.json"
MEETING = "Notes/2023-09-12 Meeting with Steph.md"
DAY_PAGE = "- Emailed [[Ana]] about the flat #outreach\n- 2026-12-24 Christmas with [[Dan]]\n"


def contacts(root: Path) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Each person's interactions, as (day, kinds sorted)."""
    return {p.name: [(i.day.isoformat(), tuple(sorted(i.kinds))) for i in p.interactions]
            for p in load(root, TODAY).index.people}


def check(run, root: Path) -> str:
    return run("check", "--vault", root, "--today", TODAY).output


def outreach(run, root: Path) -> list[tuple[str, str]]:
    due = json.loads(run("due", "--vault", root, "--today", TODAY, "--json").output)
    return [(o["person"], o["last_outreach"]) for o in due["outreach"]]


# -- 1. a day's page that names who you saw in a `people` field -------------------------------

def day_with_people(field: str = "people") -> dict[str, str]:
    return {"People/Ana.md": FRIEND, "People/Ben.md": FRIEND, "People/Dan.md": FRIEND,
            "Daily/2026-11-17.md": f'---\n{field}: ["[[Ben]]", "[[Zed Nobody]]"]\n---\n'
                                   + DAY_PAGE}


@pytest.mark.parametrize("field", ["people", "attendees", "with", "participants"])
def test_a_daily_note_with_a_people_field_stays_a_daily_note(make_vault, run, field):
    """Its lines are a daily note's, tags and all; whom the field names were met that day, once
    each, as a meeting's field would have them."""
    root = make_vault(day_with_people(field))
    checked = check(run, root)
    assert "  daily notes: 1, named by a date (no daily-note setting)" in checked
    assert "meeting notes: 1" not in checked  # (counted once: a daily note)
    assert contacts(root) == {"Ana": [("2026-11-17", ("outreach",))],
                              "Ben": [("2026-11-17", ("met",))],
                              "Dan": [("2026-11-17", ())]}
    assert outreach(run, root) == [("Ana", "2026-11-17")]


def test_a_daily_notes_field_adds_one_met_line_to_its_own_lines():
    """Read beside the same page without the field: the same lines, and one `#met` before them."""
    path = "Daily/2026-11-17.md"
    plain = parse_note(path, DAY_PAGE)
    note = parse_note(path, '---\npeople: ["[[Ben]]"]\n---\n' + DAY_PAGE)
    assert (note.daily, note.meeting) == (date(2026, 11, 17), date(2026, 11, 17))
    met, *lines = note.entries
    assert (met.day, met.tags, [link.target for link in met.links]) == (
        date(2026, 11, 17), frozenset({"met"}), ["Ben"])
    assert [(e.text, e.tags) for e in lines] == [(e.text, e.tags) for e in plain.entries]


def test_a_name_in_a_daily_notes_field_with_no_note_is_a_note_to_create(make_vault):
    root = make_vault(day_with_people())
    assert [(m.name, m.named_in) for m in load(root, TODAY).index.mentioned] == [
        ("Zed Nobody", ("Daily/2026-11-17.md",))]


def test_a_day_with_someone_in_the_field_and_a_line_counts_once():
    """The field lists whom you saw; a line about the same coffee is that day's contact with
    them, not a second one (a tie counted twice, a fading tie after one coffee)."""
    note = parse_note("Daily/2026-08-10.md", '---\npeople: ["[[Ben]]", "[[People/Ann.md]]"]\n'
                      "---\n- Coffee with [[ben]] #met\n")
    met, line = note.entries
    assert [link.target for link in met.links] == ["People/Ann"]
    assert [link.target for link in line.links] == ["ben"]


def test_who_was_with_someone_without_a_note_is_whom_the_field_names(make_vault):
    """On a day's page, only the field's people were with its noteless name: a line that emails
    someone else that day puts them at no meeting (they could introduce you to no one)."""
    root = make_vault({"People/Ben.md": FRIEND, "People/Cara.md": FRIEND,
                       "Daily/2026-11-20.md": '---\npeople: ["[[Ben]]", "[[Ghost]]"]\n---\n'
                                              "- Emailed [[Cara]] about her flat #outreach\n"})
    (ghost,) = load(root, TODAY).index.mentioned
    assert (ghost.name, ghost.mentioned_by) == ("Ghost", ("People/Ben.md",))


@pytest.mark.parametrize("setting", [None, "{}", '{"format": "YYYY-MM-DD", "folder": "Daily"}'])
def test_a_meeting_note_named_by_a_leading_date_stays_a_meeting(make_vault, setting):
    """kepano's `2023-09-12 Meeting with Steph`: a daily note by its leading date where there is no
    setting, but a meeting all the same: every person it names or links was met."""
    files = {"People/Steph.md": FRIEND, "People/Ana.md": FRIEND,
             MEETING: '---\npeople: ["[[Steph]]"]\n---\nWith [[Ana]] too #outreach\n'}
    root = make_vault(files if setting is None else {**files, DAILY_NOTES: setting})
    assert contacts(root) == {"Ana": [("2023-09-12", ("met",))],
                              "Steph": [("2023-09-12", ("met",))]}
    index = load(root, TODAY).index
    assert (index.daily_notes, index.meetings) == (0, 1)


# -- 2. a page in the daily folder whose name is off the setting's form ------------------------

def test_a_page_whose_weekday_is_wrong_is_the_page_of_the_date_it_starts_with(make_vault, run):
    """2026-11-10 is a Tuesday: `check` says so, and the page is still that day's, never a
    meeting (a prospect you wrote to there is not met, and the follow-up stays due)."""
    root = make_vault({DAILY_NOTES: '{"folder": "Journal", "format": "YYYY/MM/YYYY-MM-DD dddd"}',
                       "People/Pia.md": PROSPECT,
                       "Journal/2026/11/2026-11-10 Monday.md": "- Wrote to [[Pia]] #outreach\n"})
    checked = check(run, root)
    assert "2026-11-10 is a Tuesday" in checked
    assert "status: active" not in checked
    assert "  daily notes: 1," in checked and "  meeting notes: 0" in checked
    assert contacts(root) == {"Pia": [("2026-11-10", ("outreach",))]}
    assert outreach(run, root) == [("Pia", "2026-11-10")]


@pytest.mark.parametrize(("moment", "page"), [
    ("DD.MM.YYYY dddd", "10.11.2026 Monday"),
    ("dddd, MMMM Do YYYY", "Monday, November 10th 2026"),
])
def test_a_page_whose_weekday_is_wrong_is_the_date_it_names_in_any_form(moment, page):
    """Not only a name that starts with an ISO date: the date the form names."""
    conventions = Conventions(daily=DailyNotes(moment, "Journal", DAILY_NOTES))
    note = parse_note(f"Journal/{page}.md", "- Wrote to [[Bob]] #outreach\n", conventions)
    assert note.daily == date(2026, 11, 10) and len(note.entries) == 1
    assert "2026-11-10 is a Tuesday" in note.problems[0].message


# -- 3. a daily-note setting without a folder: the whole vault ---------------------------------

@pytest.mark.parametrize(("setting", "page"), [
    ("{}", "Daily/2026-11-10.md"),
    ('{"folder": "", "format": "YYYY-MM-DD"}', "Daily/2026-11-10.md"),
    ('{"template": "Templates/Daily"}', "Journal/2026/Daily/2026-11-10.md"),
    ('{"format": "YYYY/MM/YYYY-MM-DD"}', "Journal/2026/11/2026-11-10.md"),
], ids=["empty", "empty-folder", "template-only", "nested-format"])
def test_with_no_folder_set_daily_notes_are_found_anywhere(make_vault, run, setting, page):
    """As Obsidian looks for them through every folder; still only names in the setting's form,
    so a meeting note named by a leading date stays a meeting."""
    root = make_vault({DAILY_NOTES: setting, "People/Ana.md": FRIEND, "People/Steph.md": FRIEND,
                       page: "- Lunch with [[Ana]] #met\n- Sent [[Ana]] the photos #gave\n",
                       MEETING: '---\npeople: ["[[Steph]]"]\n---\n'})
    index = load(root, TODAY).index
    assert (index.daily_notes, index.meetings) == (1, 1)
    assert contacts(root) == {"Ana": [("2026-11-10", ("met",)), ("2026-11-10", ("gave",))],
                              "Steph": [("2023-09-12", ("met",))]}


def test_below_the_top_a_weekday_must_be_a_weekday(make_vault, run):
    """With no folder set, the whole vault is searched, as Obsidian does, reading a name strictly:
    `Work/2026-11-10 Kickoff` is no page of `YYYY-MM-DD dddd` (a meeting, as before), where
    `Work/2026-11-10 Tuesday` is one."""
    root = make_vault({DAILY_NOTES: '{"format": "YYYY-MM-DD dddd"}', "People/Ann.md": FRIEND,
                       "People/Bob.md": FRIEND,
                       "Work/2026-11-10 Kickoff.md": '---\npeople: ["[[Ann]]"]\n---\n'
                                                     "- Sent [[Bob]] the deck #outreach\n",
                       "Journal/2026-11-10 Tuesday.md": "- Lunch with [[Ann]] #met\n"})
    index = load(root, TODAY).index
    assert (index.daily_notes, index.meetings) == (1, 1)
    assert outreach(run, root) == []


@pytest.mark.parametrize(("relative", "moment", "day"), [
    ("Journal/2026-11-20", "YYYY-MM-DD", date(2026, 11, 20)),
    ("a/b/2026/11/2026-11-20", "YYYY/MM/YYYY-MM-DD", date(2026, 11, 20)),
    ("Notes/2023-09-12 Meeting with Steph", "YYYY-MM-DD", None),
    ("Notes/x2026-11-20", "YYYY-MM-DD", None),  # the form names whole parts of the path
    ("2025/11/2026-11-20", "YYYY/MM/YYYY-MM-DD", None),
])
def test_the_form_names_the_last_parts_of_a_path_at_any_depth(relative, moment, day):
    assert date_from_format(relative, moment) == day


def test_a_note_named_by_a_date_outside_the_setting_folder_is_no_daily_note():
    """Obsidian's setting says where the journal is (PRODUCT.md): a note named by a date elsewhere
    is not its page; linking people, it is a meeting (`Meetings/2026-11-20.md` may well be one: a
    review). But one at the vault's top, named by an ISO date alone, is a page from before the
    folder was set, where Obsidian keeps them until then: its lines are the journal's."""
    conventions = Conventions(daily=DailyNotes("YYYY-MM-DD", "Journal", DAILY_NOTES))
    for path in ("Daily/2026-11-10.md", "Meetings/2026-11-10.md", "2026-11-10 Coffee.md"):
        note = parse_note(path, "Coffee with [[Ana]]\n", conventions)
        assert (note.daily, note.meeting) == (None, date(2026, 11, 10)), path
    page = parse_note("2026-11-10.md", "Coffee with [[Ana]]\n", conventions)
    assert (page.daily, page.meeting) == (date(2026, 11, 10), None)


# -- 4. the Periodic Notes plugin's 1.x settings: calendar sets --------------------------------

def calendar_sets(*days: dict[str, object], active: str | None = "Default") -> str:
    sets = [{"id": "Default" if at == 0 else f"Set {at}", "ctime": "2026-01-01T00:00:00+00:00",
             "day": day} for at, day in enumerate(days)]
    return json.dumps({"activeCalendarSet": active, "calendarSets": sets} if active else
                      {"calendarSets": sets})


def test_the_periodic_notes_calendar_set_is_read(make_vault, run):
    root = make_vault({
        PERIODIC: calendar_sets({"enabled": True, "format": "DD.MM.YYYY",
                                 "folder": "Periodic/Daily"}),
        "People/Ana Lopez.md": FRIEND, "Periodic/Daily/20.11.2026.md": "Lunch with [[Ana Lopez]]\n"})
    assert ("  daily notes: 1, named DD.MM.YYYY in Periodic/Daily/ (from "
            f"{PERIODIC})") in check(run, root)
    assert contacts(root) == {"Ana Lopez": [("2026-11-20", ())]}


OFF = {"enabled": False, "format": "YYYY-MM-DD", "folder": "Off"}
ON = {"enabled": True, "format": "YYYY-MM-DD", "folder": "On"}


@pytest.mark.parametrize(("data", "folder"), [
    (calendar_sets(ON, OFF), "On"),
    (calendar_sets(OFF, ON, active="Set 1"), "On"),  # the active set, not the first
    (calendar_sets(ON, OFF, active=None), "On"),  # no active set named: the first
    (calendar_sets(ON, OFF, active="Gone"), "On"),  # naming none of them: the first
    (json.dumps({"daily": {**ON, "folder": "Old"}, "activeCalendarSet": "Gone",
                 "calendarSets": [{"id": "Default", "day": ON}]}), "On"),  # never `daily`
    (calendar_sets(OFF), None),  # its days not enabled: no setting
    (json.dumps({"daily": {**ON, "folder": "Old"}, "calendarSets": [{"id": "Default"}]}), None),
])
def test_the_active_calendar_sets_day_is_the_setting_while_enabled(make_vault, data, folder):
    read = daily_notes(make_vault({PERIODIC: data}), Settings())
    assert (read.folder, read.source) == ((folder, PERIODIC) if folder else ("", ""))


def test_a_bad_value_in_a_calendar_set_is_named_by_its_keys(make_vault):
    root = make_vault({PERIODIC: calendar_sets({**ON, "folder": "../out"})})
    (problem,) = config_problems(root)
    assert problem.message.startswith(
        "Obsidian's daily-note setting `calendarSets[0].day.folder` = \"../out\" leads outside")


def test_below_the_top_a_number_is_no_page_and_no_problem(make_vault, run):
    """`Notes/123456` by `YYMMDD`, with the whole vault searched: a number, not a page whose date
    is wrong (no problem for a note that is no page)."""
    root = make_vault({DAILY_NOTES: '{"format": "YYMMDD"}', "People/Ann.md": FRIEND,
                       "Notes/123456.md": "Order number, see [[Ann]]\n",
                       "Journal/261110.md": "- Lunch with [[Ann]] #met\n"})
    assert "not a real date" not in check(run, root)
    assert contacts(root) == {"Ann": [("2026-11-10", ("met",))]}
