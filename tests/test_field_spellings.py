"""One field written under two of its spellings (PRODUCT.md: field names are case-insensitive and
the common spellings are aliases): an empty one never hides a filled one, the values of a list
field's spellings are read together, and of a single-valued field's the best-ranked is read and
the other named by `check`. Also: an index typed as one (`type: moc`) in a people folder.

Each vault is small and written here, file by file; the reading rules are called with literals.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import TODAY

from vaultnet.base.model import Birthday, Link
from vaultnet.parse.note import parse_note
from vaultnet.pipeline.sync import load


def fields_and_problems(yaml: str, path: str = "Notes/Jane.md"):
    """A note with this frontmatter (from line 2), read: its fields and its problems' lines and
    messages."""
    note = parse_note(path, f"---\n{yaml}---\n# Jane\n")
    return note.fields, [(p.line, p.message) for p in note.problems]


# -- an empty spelling never hides a filled one -------------------------------------------------

@pytest.mark.parametrize("empty", ["", " ''", ' ""', " []", " ~", " null", "\n  -"])
@pytest.mark.parametrize("first", [True, False])
def test_an_empty_spelling_never_hides_a_filled_one(empty, first):
    lines = [f"birthday:{empty}\n", "bday: --12-01\n"]
    fields, problems = fields_and_problems("".join(lines if first else lines[::-1]))
    assert (fields.birthday, problems) == (Birthday(12, 1), [])


@pytest.mark.parametrize(("yaml", "attribute", "value"), [
    ("last_contact:\nlast_chat: 2026-11-01\n", "last_contact", date(2026, 11, 1)),
    ("cadence: ''\nCadence: 30d\n", "cadence_days", 30),
    ("role:\nRole: mentor\n", "role", "mentor"),
    ("tags: []\ntag: person\n", "tags", ("person",)),
    ("email: ''\nemails: [ann@example.org]\n", "emails", ("ann@example.org",)),
    ("org:\ncompany: Globex\n", "orgs", ("Globex",)),
])
def test_an_empty_spelling_of_any_field_hides_nothing_and_is_not_named(yaml, attribute, value):
    fields, problems = fields_and_problems(yaml)
    assert (getattr(fields, attribute), problems) == (value, [])


# -- single-valued fields: the best-ranked spelling is read, the other named ----------------------

def test_two_filled_spellings_of_last_contact_read_the_best_ranked_and_name_the_other():
    fields, problems = fields_and_problems(
        "type: person\nlast_contacted: 2026-11-01\nlast_contact: 2026-10-01\ncadence: 30d\n")
    assert fields.last_contact == date(2026, 10, 1)
    assert problems == [(3, "`last_contacted` and `last_contact` both give a value; "
                            "`last_contact` is read (line 4)")]


def test_the_line_is_the_same_when_the_yaml_parser_reads_the_note():
    fields, problems = fields_and_problems(  # (a comment: not the simple reader's shape)
        "type: person  # from the template\nlast_contacted: 2026-11-01\n"
        "last_contact: 2026-10-01\n")
    assert fields.last_contact == date(2026, 10, 1)
    assert [line for line, _ in problems] == [3]


@pytest.mark.parametrize(("yaml", "attribute", "value", "line", "other", "read"), [
    ("bday: --12-01\nbirthday: 1980-04-12\n", "birthday", Birthday(4, 12, 1980), 2, "bday",
     "birthday"),
    ("cadence: 30d\nCadence: 2w\n", "cadence_days", 30, 3, "Cadence", "cadence"),
    ("Role: mentor\nrole: friend\n", "role", "mentor", 3, "role", "Role"),  # (first as written)
    ("status: active\nStatus: dormant\n", "status", "active", 3, "Status", "status"),
    ("story: Met in Lisbon\nStory: Old friend\n", "story", "Met in Lisbon", 3, "Story", "story"),
    ("last_chat: 2026-11-01\nlast-contact: 2026-10-01\n", "last_contact", date(2026, 10, 1), 2,
     "last_chat", "last-contact"),
    ("dob: 1980-04-12\ndate_of_birth: 1981-05-13\n", "birthday", Birthday(4, 12, 1980), 3,
     "date_of_birth", "dob"),
    ("type: friend\nType: colleague\n", "type", "friend", 3, "Type", "type"),
])
def test_a_single_valued_field_reads_the_best_ranked_spelling_and_names_the_other(
        yaml, attribute, value, line, other, read):
    fields, problems = fields_and_problems(yaml)
    assert getattr(fields, attribute) == value
    read_line = 5 - line  # (the other of lines 2 and 3)
    assert problems == [(line, f"`{other}` and `{read}` both give a value; `{read}` is read "
                               f"(line {read_line})")]


def test_a_bad_value_in_the_best_ranked_spelling_is_named_and_hides_no_good_one():
    fields, problems = fields_and_problems("birthday: soon\nbday: --12-01\n")
    assert fields.birthday == Birthday(12, 1)
    assert problems == [
        (2, "`birthday` is not a birthday: 'soon'"),
        (2, "`birthday` and `bday` both give a value; `bday` is read (line 3)")]


# -- list fields: the values of every spelling, each once, in the order first seen ----------------

@pytest.mark.parametrize(("yaml", "attribute", "value"), [
    ("org: Acme\ncompany: Globex\n", "orgs", ("Acme", "Globex")),
    ('company: "[[Globex]]"\norg: Acme\norganisation: "[[Globex]]"\n', "org_links",
     (Link("Globex", 2),)),
    ("topics: [climate, music]\ninterests: [Music, art]\n", "topics", ("climate", "music", "art")),
    ("interests: [art]\ntopics: [climate]\n", "topics", ("art", "climate")),
    ("email: ann@work.example\nemails: [ann@home.example, Ann@Work.example]\n", "emails",
     ("ann@work.example", "ann@home.example")),
    ("tags: [work, Mentor]\ntag: person\n", "tags", ("mentor", "person", "work")),
    ("aliases: [Annie]\nalias: Ann B\n", "aliases", ("Annie", "Ann B")),
    ("offers: [a talk]\nOffers: [a reference letter]\n", "offers", ("a talk", "a reference letter")),
    ('knows: ["[[Bob]]"]\nKnows: ["[[Cy]]", "[[bob]]"]\n', "knows", (Link("Bob", 2), Link("Cy", 3))),
    ('category: "[[People]]"\ncategories: ["[[Clients]]"]\n', "categories", ("people", "clients")),
])
def test_a_list_fields_spellings_are_read_together_and_not_named(yaml, attribute, value):
    fields, problems = fields_and_problems(yaml)
    assert (getattr(fields, attribute), problems) == (value, [])


def test_a_problem_in_one_spelling_of_a_list_is_named_by_that_spelling_and_line():
    fields, problems = fields_and_problems(
        "topics: [music]\ninterests: climate tech, data science\n")
    assert fields.topics == ("music", "climate tech", "data science")
    assert problems == [(3, "`interests` is one text with commas; read as 2 entries: "
                            "climate tech, data science")]


def test_tags_under_two_spellings_make_a_person_anywhere():
    note = parse_note("Notes/Di.md", "---\ntags: [work]\ntag: person\n---\n")
    assert (note.found_by, note.fields.tags, note.problems) == ("tag", ("person", "work"), ())


def test_a_meetings_people_under_two_spellings_are_all_met():
    note = parse_note("Notes/2026-11-20 Lunch.md",
                      '---\npeople: ["[[Ann]]"]\nattendees: ["[[Bo]]", "[[Ann]]"]\n---\n')
    assert [link.target for link in note.entries[0].links] == ["Ann", "Bo"]


# -- through the command line ------------------------------------------------------------------

def test_check_names_the_spelling_not_read_with_its_line(make_vault, run):
    root = make_vault({"People/Ann.md": "---\nlast_contacted: 2026-11-01\nlast_contact: 2026-10-01"
                                        "\ncadence: 30d\n---\n"})
    result = run("check", "--vault", root, "--today", TODAY)
    assert result.exit_code == 1
    assert "People/Ann.md:2: `last_contacted` and `last_contact` both give a value; " \
           "`last_contact` is read (line 3)" in result.output
    assert "keep one of `last_contact` and `last_contacted`" in result.output


def test_a_birthday_under_a_second_spelling_is_on_the_agenda(make_vault, run):
    root = make_vault({"People/Ed.md": "---\ntype: person\nbirthday:\nbday: --12-01\n---\n"})
    due = json.loads(run("due", "--vault", root, "--today", TODAY, "--json").output)
    assert [(b["person"], b["date"]) for b in due["birthdays"]] == [("Ed", "2026-12-01")]
    assert run("check", "--vault", root, "--today", TODAY).exit_code == 0


def test_organisations_and_topics_of_every_spelling_are_listed(make_vault, run):
    root = make_vault({"People/Bo.md": "---\norg: Acme\ncompany: Globex\ntopics: [climate]\n"
                                       "interests: [music]\n---\n"})
    bo, = json.loads(run("people", "--vault", root, "--today", TODAY, "--json").output)
    assert (bo["orgs"], bo["topics"]) == (["Acme", "Globex"], ["climate", "music"])



def test_a_plain_organisation_is_never_a_person_or_their_alias(make_vault, run):
    """`org: Sam` is a company, though someone's alias is Sam; a plain name still meets the note of
    an organisation by that name."""
    root = make_vault({"People/Mercer.md": "---\ntype: person\naliases: [Sam]\n---\n",
                       "People/Bo.md": "---\ntype: person\norg: Sam\n---\n",
                       "People/Self.md": "---\ntype: person\naliases: [Acme]\norg: Acme\n---\n",
                       "People/Cy.md": "---\ntype: person\norg: globex\n---\n",
                       "Organisations/Globex.md": "---\ntype: organisation\n---\n"})
    people = json.loads(run("people", "--vault", root, "--today", TODAY, "--json").output)
    assert {p["person"]: p["orgs"] for p in people} == {
        "Bo": ["Sam"], "Cy": ["Globex"], "Mercer": [], "Self": ["Acme"]}
    graph = json.loads(run("export", "--format", "json", "-o", "-", "--vault", root,
                           "--today", TODAY).output)
    assert sorted((n["label"], n.get("path")) for n in graph["nodes"]
                  if n["kind"] == "organisation") == [
        ("Acme", None), ("Globex", "Organisations/Globex.md"), ("Sam", None)]


MBOX = ("From cy@home.example Mon Nov 02 10:00:00 2026\nFrom: Cy <cy@home.example>\n"
        "To: me@example.org\nDate: Mon, 02 Nov 2026 10:00:00 +0000\nSubject: Hello from home\n"
        "Message-ID: <1@home.example>\n\nbody\n")


def test_mail_from_the_address_under_a_second_spelling_is_logged(make_vault, run):
    root = make_vault({"People/Cy.md": "---\nemail: cy@work.example\nemails: [cy@home.example]\n"
                                       "---\n",
                       "cy.mbox": MBOX})
    result = run("import", "mail", root / "cy.mbox", "--me", "me@example.org", "--vault", root,
                 "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "- 2026-11-02 Hello from home #received" in (root / "People/Cy.md").read_text()


# -- an index typed as one, in a people folder ---------------------------------------------------

@pytest.mark.parametrize("index", ["type: moc", "type: Index", 'type: ["[[MOC]]"]',
                                   "type: [index, list]"])
def test_an_index_by_its_type_is_no_person_by_the_folder_alone(make_vault, index):
    root = make_vault({"People/Everyone.md": f"---\n{index}\n---\n- [[Zoe]]\n",
                       "People/Zoe.md": "# Zoe\n",
                       # A person's tag still makes one, whatever the type.
                       "People/Map.md": f"---\n{index}\ntags: [person]\n---\n"})
    reading = load(root, date(2026, 11, 25))
    assert [p.path for p in reading.index.people] == ["People/Map.md", "People/Zoe.md"]
