"""Who is a person in the vaults people really keep, and what reading them passes over no longer
in silence: a `type` of one's own in a people folder, folder notes and indexes there, the field
spellings of other contact setups, category links with a folder, and dates that do not exist.

Each vault is small and written here, file by file; the pure rules are called with literals.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY

from vaultnet.base.conventions import Conventions
from vaultnet.base.dates import BadDate
from vaultnet.base.model import Birthday
from vaultnet.parse.dated_names import date_from_format
from vaultnet.parse.note import parse_note
from vaultnet.pipeline.sync import load

DAY = date(2026, 11, 25)


def people_of(root: Path) -> list[str]:
    return sorted(p.path for p in load(root, DAY).index.people)


def reading_lines(run, root: Path) -> list[str]:
    """The lines of `check` that say how the vault was read, up to the blank line."""
    output = run("check", "--vault", root, "--today", TODAY).output
    return output.split("\n\n", 1)[0].splitlines()


def problems(run, root: Path) -> list[dict[str, object]]:
    return json.loads(run("check", "--vault", root, "--today", TODAY, "--json").output)


# -- 1. `type` in a people folder --------------------------------------------------------------

def test_in_a_people_folder_any_type_is_a_person_but_an_organisation_or_the_profile(
        make_vault):
    root = make_vault({
        "Contacts/Carl.md": "---\ntype: contact\nemail: carl@example.com\n---\n",
        "Notes/Dee.md": "---\ntype: Contact\n---\n",  # a person type anywhere, like `person`
        "People/Zoe.md": "---\ntype: friend\n---\n",
        "People/Ray.md": '---\ntype: ["[[Authors]]"]\n---\n',
        "Persons/Work/Ida.md": "---\ntype: [colleague, mentor]\n---\n",
        "People/Acme.md": "---\ntype: organisation\n---\n",
        "People/Initech.md": "---\ntype: Organization\n---\n",
        "People/Hooli.md": "---\ntype: org\n---\n",
        "Contacts/Globex.md": '---\ntype: ["[[Company]]"]\n---\n',
        "People/Me.md": "---\ntype: me\n---\n",
        "People/2026-11-20.md": "---\ntype: friend\n---\nLunch with [[Zoe]]\n",  # a daily note
        "Notes/Ann.md": "---\ntype: friend\n---\n",  # in no people folder
    })
    assert people_of(root) == ["Contacts/Carl.md", "Notes/Dee.md", "People/Ray.md",
                               "People/Zoe.md", "Persons/Work/Ida.md"]


def test_the_profile_in_a_people_folder_stays_the_profile(make_vault):
    root = make_vault({"People/Me.md": "---\ntype: me\ngoals: [find a mentor]\n---\n",
                       "People/Zoe.md": "---\ntype: friend\n---\n"})
    index = load(root, DAY).index
    assert ([p.path for p in index.people], index.profile.path if index.profile else None) == (
        ["People/Zoe.md"], "People/Me.md")


def test_a_contacts_plugin_vault_is_read_and_told_by_its_type(make_vault, run):
    root = make_vault({"Contacts/Carl.md": "---\ntype: contact\n---\n",
                       "Contacts/Dana.md": "---\ntype: contact\n---\n",
                       "People/Zoe.md": "---\ntype: friend\n---\n"})
    assert reading_lines(run, root)[1] == "  people: 3 (2 by `type: contact`, 1 by folder People/)"


def test_the_rule_that_found_each():
    conventions = Conventions()
    found = {path: parse_note(path, text, conventions).found_by for path, text in {
        "Contacts/Carl.md": "---\ntype: contact\n---\n",
        "People/Pat.md": "---\ntype: [contact, person]\n---\n",
        "People/Zoe.md": "---\ntype: friend\n---\n",
        "Work/Contacts/Ray.md": '---\ntype: ["[[Authors]]"]\n---\n',
        "People/Acme.md": "---\ntype: company\n---\n",
    }.items()}
    assert found == {"Contacts/Carl.md": "type contact", "People/Pat.md": "type",
                     "People/Zoe.md": "folder People", "Work/Contacts/Ray.md": "folder Contacts",
                     "People/Acme.md": ""}


# -- 2. folder notes and indexes in a people folder --------------------------------------------

def test_a_folder_note_or_an_index_is_no_person_by_the_folder_alone(make_vault):
    root = make_vault({
        "Contacts/Contacts.md": "# Contacts\n![[Contacts.base]]\n",
        "People/People.md": "- [[Zoe]]\n",
        "Work/Persons/Persons.md": "- [[Zoe]]\n",
        "Work/people/PEOPLE.md": "- [[Zoe]]\n",
        "People/Everyone.md": "---\ntags: [moc]\n---\n- [[Zoe]]\n",
        "People/All.md": "---\ntags: '#index'\n---\n",
        "People/Zoe.md": "# Zoe\n",
        # A person's type, tag or category still makes one; so does a person's own folder.
        "Persons/Persons.md": "---\ntype: person\n---\n",
        "Work/Contacts/Contacts.md": "---\ntype: contact\n---\n",
        "Team/People/People.md": '---\ncategories: ["[[People]]"]\n---\n',
        "Clients/People/Map.md": "---\ntags: [people, MOC]\n---\n",
        "People/Jane Doe/Jane Doe.md": "# Jane\n",  # (Folder Notes: a person with their files)
    })
    assert people_of(root) == [
        "Clients/People/Map.md", "People/Jane Doe/Jane Doe.md", "People/Zoe.md",
        "Persons/Persons.md", "Team/People/People.md", "Work/Contacts/Contacts.md"]


# -- 3. what `check` says of them, and of templates ----------------------------------------------

def test_check_says_how_many_notes_in_a_people_folder_are_not_people_and_why(make_vault, run):
    root = make_vault({
        "People/Zoe.md": "# Zoe\n",
        "People/Acme.md": "---\ntype: organisation\n---\n",
        "Contacts/Globex.md": "---\ntype: company\n---\n",
        "People/Me.md": "---\ntype: me\n---\n",
        "People/People.md": "- [[Zoe]]\n",
        "People/Map.md": "---\ntags: [moc]\n---\n",
        "Notes/Initech.md": "---\ntype: org\n---\n",  # in no people folder: nothing to tell
    })
    assert reading_lines(run, root)[1:3] == [
        "  people: 1 (1 by folder People/)",
        "  not people, though in a people folder: 5 (2 typed as an organisation, 1 folder note, "
        "1 tagged or typed moc or index, 1 typed as the profile (`type: me`))"]


def test_check_says_nothing_of_a_people_folder_whose_notes_are_all_people(make_vault, run):
    root = make_vault({"People/Zoe.md": "---\ntype: friend\n---\n",
                       "Notes/Acme.md": "---\ntype: org\n---\n"})
    assert reading_lines(run, root) == [
        "How the vault was read:",
        "  people: 1 (1 by folder People/)",
        "  daily notes: 0, named by a date (no daily-note setting)",
        "  meeting notes: 0",
        "  skipped as templates: none"]


def test_the_templates_folder_is_named_only_when_the_vault_has_one(make_vault, run):
    root = make_vault({"People/Zoe.md": "# Zoe\n"})
    assert reading_lines(run, root)[-1] == "  skipped as templates: none"
    make_vault({"Notes/Blank.md": "---\ncreated: {{date}}\n---\n"})
    assert reading_lines(run, root)[-1] == "  skipped as templates: 1 template note (Notes/Blank.md)"
    make_vault({"templates/Person.md": "---\ntype: person\n---\n"})  # (in any case)
    assert reading_lines(run, root)[-1] == (
        "  skipped as templates: Templates/ (a top-level Templates folder); 1 template note "
        "elsewhere (Notes/Blank.md)")


def test_a_template_folder_of_a_setting_is_named_without_the_default(make_vault, run):
    root = make_vault({"People/Zoe.md": "# Zoe\n",
                       ".obsidian/templates.json": '{"folder": "Meta/Templates"}'})
    assert reading_lines(run, root)[-1] == (
        "  skipped as templates: Meta/Templates/ (.obsidian/templates.json)")


# -- 4. field spellings of other contact setups ---------------------------------------------------

@pytest.mark.parametrize("spelling", ["last_contacted", "Last-Contacted", "lastContacted",
                                      "last contacted"])
def test_last_contacted_is_last_contact(spelling):
    note = parse_note("People/Ann.md", f"---\n{spelling}: 2026-11-01\n---\n")
    assert note.fields.last_contact == date(2026, 11, 1)


@pytest.mark.parametrize("spelling", ["dob", "DOB", "date_of_birth", "Date-Of-Birth",
                                      "dateOfBirth"])
def test_dob_and_date_of_birth_are_birthday(spelling):
    note = parse_note("People/Ann.md", f"---\n{spelling}: 1980-11-30\n---\n")
    assert note.fields.birthday == Birthday(11, 30, 1980)


def test_other_spellings_count_on_the_agenda_and_a_bad_one_is_named(make_vault, run):
    root = make_vault({
        "People/Ann.md": "---\nlast_contacted: 2026-11-01\ndob: 1980-11-30\n---\n",
        "People/Bo.md": "---\nDate_of_Birth: 1981-02-30\n---\n",
    })
    due = json.loads(run("due", "--vault", root, "--today", TODAY, "--json").output)
    assert [(b["person"], b["date"]) for b in due["birthdays"]] == [("Ann", "2026-11-30")]
    people = json.loads(run("people", "--vault", root, "--today", TODAY, "--json").output)
    assert [(p["person"], p["last_contact"]) for p in people] == [("Ann", "2026-11-01"),
                                                                   ("Bo", None)]
    assert problems(run, root) == [
        {"path": "People/Bo.md", "line": 2,
         "message": "`Date_of_Birth`: 1981-02-30 is not a real date",
         "hint": "write a real date, such as 1980-04-12 or --04-12"}]


# -- 5. a category link with a folder ----------------------------------------------------------

def test_a_category_link_is_compared_by_its_last_path_part(make_vault):
    root = make_vault({
        "References/Ann.md": '---\ncategories: ["[[Categories/People|People]]"]\n---\n',
        "References/Bo.md": '---\ncategory: "[[Categories/Person]]"\n---\n',
        "References/Cy.md": "---\ncategories: [[Categories/People]]\n---\n",  # (unquoted)
        "References/Di.md": ('---\ncategories: ["[[Categories/Books]]", '
                             '"[[Meta/Categories/People.md|people]]"]\n---\n'),
        "References/Ed.md": '---\ncategories: ["[[People/Zoe]]"]\n---\n',  # names Zoe's note
        "References/Fay.md": '---\ncategories: ["[[Categories/Books]]"]\n---\n',
    })
    assert people_of(root) == ["References/Ann.md", "References/Bo.md", "References/Cy.md",
                               "References/Di.md"]


def test_several_category_links_in_one_text_are_each_read_and_named_as_a_hint(make_vault, run):
    """`categories: "[[People]], [[Authors]]"` (one text, not a list): each link is read, and
    `check` names it as it names a list written as one text with commas. A `type` so written is
    read the same way, and is the user's own word: never a problem."""
    root = make_vault({
        ".obsidian/app.json": "{}",
        "Ann.md": '---\ncategories: "[[Authors]], [[People]]"\n---\n',
        "Bo.md": '---\ncategory: "[[Categories/People|People]] [[Books]]"\n---\n',
        "Cy.md": '---\ntype: "[[Authors]], [[Person]]"\n---\n',
        "Di.md": '---\ncategories: "[[Authors]], [[Books]]"\n---\n',
    })
    assert people_of(root) == ["Ann.md", "Bo.md", "Cy.md"]
    assert [(p["path"], p["line"], p["message"], p["hint"]) for p in problems(run, root)] == [
        ("Ann.md", 2, "`categories` is one text with 2 links; read as 2 entries",
         'write it as a list: `categories: ["[[Authors]]", "[[People]]"]`'),
        ("Bo.md", 2, "`category` is one text with 2 links; read as 2 entries",
         'write it as a list: `category: ["[[Categories/People]]", "[[Books]]"]`'),
        ("Di.md", 2, "`categories` is one text with 2 links; read as 2 entries",
         'write it as a list: `categories: ["[[Authors]]", "[[Books]]"]`')]


@pytest.mark.parametrize("tags", ["[people/family]", "[Person/Friend]", "contact/work",
                                  "[projects, people/colleagues/2024]"])
def test_a_nested_tag_under_a_person_tag_makes_a_person(make_vault, run, tags):
    """Obsidian finds `#people/family` when asked for `#people`: the tag is under it."""
    root = make_vault({".obsidian/app.json": "{}", "Jane Doe.md": f"---\ntags: {tags}\n---\n"})
    assert people_of(root) == ["Jane Doe.md"]
    assert reading_lines(run, root)[1] == "  people: 1 (1 by a person tag)"


@pytest.mark.parametrize(("setting", "tags"), [
    ("crm/contact", "[crm/contact]"),  # a nested tag of the settings' own, whole (a review)
    ("crm/contact", "[crm/contact/vip]"),  # and a tag under it
    ("crm", "[crm/contact]"),
])
def test_a_person_tag_of_the_settings_counts_nested_too(make_vault, setting, tags):
    root = make_vault({".obsidian/app.json": "{}", ".vaultnet.toml": f'[person]\ntags = ["{setting}"]\n',
                       "Notes/Dana.md": f"---\ntags: {tags}\n---\n",
                       "Notes/Eli.md": "---\ntags: [other/crm, crm-like, contactless]\n---\n"})
    assert people_of(root) == ["Notes/Dana.md"]


@pytest.mark.parametrize("tags", ["[peoplewatching]", "[projects/people]", "[persona]"])
def test_a_tag_that_only_holds_a_person_tag_makes_no_person(make_vault, tags):
    root = make_vault({".obsidian/app.json": "{}", "Jane Doe.md": f"---\ntags: {tags}\n---\n"})
    assert people_of(root) == []


# -- 6. dates that do not exist ----------------------------------------------------------------

@pytest.mark.parametrize(("field", "value", "message", "hint"), [
    ("date", "2026-11-31", "`date`: 2026-11-31 is not a real date, so the note is not read as "
     "a meeting", "write a real date, such as 2026-11-20"),
    ("Date", "21.11.2026", "`Date` is not a date: '21.11.2026', so the note is not read as a "
     "meeting", "write it like 2026-11-20"),
])
def test_a_meeting_date_that_is_no_date_is_named(make_vault, run, field, value, message, hint):
    root = make_vault({
        "People/Jane Doe.md": "# Jane\n",
        "Notes/Kickoff.md": f'---\ntopic: plans\n{field}: {value}\npeople: ["[[Jane Doe]]"]\n'
                            "---\nTalked.\n",
        # Any other note's `date` is the user's own business: one that names nobody in a field,
        # one with no date at all, a person's note.
        "Notes/Plan.md": "---\ndate: TBD\n---\nAsk [[Jane Doe]].\n",
        "Notes/Empty.md": '---\ndate: ""\npeople: ["[[Jane Doe]]"]\n---\n',
        "People/Bob.md": '---\ndate: soon\npeople: ["[[Jane Doe]]"]\n---\n',
    })
    assert problems(run, root) == [
        {"path": "Notes/Kickoff.md", "line": 3, "message": message, "hint": hint}]


def test_a_bad_meeting_date_with_a_dated_name_is_named_and_the_name_dates_it(make_vault, run):
    root = make_vault({
        "People/Jane Doe.md": "# Jane\n",
        "Notes/2026-11-20 Kickoff.md": '---\ndate: 2026-11-31\nwith: "[[Jane Doe]]"\n---\n',
    })
    assert [p["message"] for p in problems(run, root)] == [
        "`date`: 2026-11-31 is not a real date; the meeting is dated by the note's name, "
        "2026-11-20"]
    jane = load(root, DAY).index.people[0]
    assert [i.day for i in jane.interactions] == [date(2026, 11, 20)]


def test_a_bad_date_in_the_meetings_folder_is_named(make_vault, run):
    root = make_vault({".vaultnet.toml": 'meetings_folder = "Meetings"\n',
                       "People/Jane Doe.md": "# Jane\n",
                       "Meetings/Kickoff.md": "---\ndate: 2026-02-30\n---\nWith [[Jane Doe]].\n"})
    assert [(p["path"], p["line"]) for p in problems(run, root)] == [("Meetings/Kickoff.md", 2)]


@pytest.mark.parametrize(("setting", "path", "name"), [
    ('{"format": "YYYY-MM-DD", "folder": "Daily"}', "Daily/2026-13-01.md", "2026-13-01"),
    ('{"format": "YYYY-MM-DD dddd", "folder": "Daily"}', "Daily/2026-11-31 Monday.md",
     "2026-11-31 Monday"),
    ('{"format": "YYYY/MM/YYYY-MM-DD", "folder": "Daily"}', "Daily/2026/02/2026-02-30.md",
     "2026/02/2026-02-30"),
])
def test_a_daily_note_name_that_is_no_day_is_named_under_the_setting_too(make_vault, run,
                                                                         setting, path, name):
    root = make_vault({".obsidian/daily-notes.json": setting, "People/Jane Doe.md": "# Jane\n",
                       "Daily/2026-11-20.md": "Lunch with [[Jane Doe]]\n",
                       "Daily/Shopping.md": "Milk\n",  # not the format's shape: no daily note
                       path: "Lunch with [[Jane Doe]]\n"})
    assert problems(run, root) == [
        {"path": path, "line": None, "message": f"daily note name {name} is not a real date",
         "hint": "rename the note to a real date"}]


def test_a_name_in_a_format_that_names_no_real_day():
    assert date_from_format("2026-11-20", "YYYY-MM-DD") == date(2026, 11, 20)
    assert date_from_format("2026-11-20 extra", "YYYY-MM-DD") is None
    with pytest.raises(BadDate) as raised:
        date_from_format("2026-02-30", "YYYY-MM-DD")
    assert str(raised.value) == "2026-02-30 is not a real date"
    with pytest.raises(BadDate) as raised:
        date_from_format("November 31, 2026", "MMMM D, YYYY")
    assert str(raised.value) == "November 31, 2026 is not a real date"
    assert date_from_format("Chapter 3, 2026", "MMMM D, YYYY") is None  # no month's name


@pytest.mark.parametrize(("relative", "moment", "said"), [
    ("2026-11-21 Friday", "YYYY-MM-DD dddd", "2026-11-21 is a Saturday"),
    ("2026-11-20 Sat", "YYYY-MM-DD ddd", "2026-11-20 is a Friday"),
    ("Mo 2026-11-20", "dd YYYY-MM-DD", "2026-11-20 is a Friday"),
])
def test_a_weekday_the_date_belies_names_no_day(relative, moment, said):
    """Obsidian reads a daily note's name strictly: a weekday that is not the date's makes it
    no day (a typo in one or the other), named, in any language vaultnet reads (`Freitag`)."""
    with pytest.raises(BadDate) as raised:
        date_from_format(relative, moment)
    assert str(raised.value) == f"{relative} is not a real date: {said}"
    assert date_from_format("2026-11-20 Friday", "YYYY-MM-DD dddd") == date(2026, 11, 20)
    assert date_from_format("2026-11-20 FRI", "YYYY-MM-DD ddd") == date(2026, 11, 20)
    assert date_from_format("2026-11-20 Freitag", "YYYY-MM-DD dddd") == date(2026, 11, 20)


def test_check_names_a_daily_note_whose_weekday_is_wrong(make_vault, run):
    root = make_vault({".obsidian/daily-notes.json": '{"format": "YYYY-MM-DD dddd", "folder": "J"}',
                       "People/Jane Doe.md": "# Jane\n",
                       "J/2026-11-21 Friday.md": "Lunch with [[Jane Doe]]\n"})
    assert problems(run, root) == [
        {"path": "J/2026-11-21 Friday.md", "line": None,
         "message": "daily note name 2026-11-21 Friday is not a real date: 2026-11-21 is a "
                    "Saturday", "hint": "rename the note to a real date"}]


def test_a_persons_note_skipped_for_a_placeholder_left_in_is_named(make_vault, run):
    """`created: {{date}}` left in a mentor's note makes it a template, skipped: `check` and the
    sync's summary name it, and the first three of many."""
    root = make_vault({"People/Ann.md": "---\ntype: person\n---\n# Ann\n",
                       "People/Uma.md": "---\ntype: person\ncreated: {{date}}\nrole: mentor\n---\n"})
    assert reading_lines(run, root)[-1] == "  skipped as templates: 1 template note (People/Uma.md)"
    synced = run("sync", "--vault", root, "--today", "2026-11-25").output
    assert "  skipped as templates: 1 template note (People/Uma.md)\n" in synced
    make_vault({f"Notes/T{i}.md": "---\ncreated: <% tp.date.now() %>\n---\n" for i in range(5)})
    assert reading_lines(run, root)[-1] == (
        "  skipped as templates: 6 template notes (Notes/T0.md, Notes/T1.md, Notes/T2.md and 3 "
        "more)")
