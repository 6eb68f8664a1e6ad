"""The VCF Contacts plugin's person notes (iandennismiller/obsidian-vcf-contacts): a vCard kept as
frontmatter in its own upper-case keys. Its emails (`EMAIL`, `EMAIL[1]`, `EMAIL[2:WORK]`,
`EMAIL[HOME]`, …) are the person's emails, its `BDAY` (also in vCard's forms `19800412` and
`--0412`) the birthday, its `ORG` the organisation. Also: of a single-valued field written under
two spellings, one holding a bad value hides no good one under the other.

Each vault is small and written here in the plugin's style; the reading rules are called with
literals, and the commands run as a user runs them.
"""

from __future__ import annotations

import json
from datetime import date
from unittest import mock

import pytest
from conftest import TODAY

from vaultnet.base.model import Birthday
from vaultnet.parse import frontmatter as frontmatter_module
from vaultnet.parse.note import parse_note


def read(yaml: str, path: str = "Contacts/John Doe.md"):
    """A note with this frontmatter (from line 2), read: its fields and its problems' lines and
    messages."""
    note = parse_note(path, f"---\n{yaml}---\n# John Doe\n")
    return note.fields, [(p.line, p.message) for p in note.problems]


# As the plugin writes a card it imported (docs/vcard-format.md), with an ORG and a BDAY.
CARD = ('UID: 12345678-1234-5678-9012-123456789012\nVERSION: "4.0"\nFN: John Doe\nN.GN: John\n'
        "N.FN: Doe\nEMAIL[1]: john.doe@example.com\nEMAIL[2:WORK]: j.doe@company.com\n"
        "TEL[1:CELL]: +1-555-123-4567\nORG: Acme Corporation\nTITLE: Software Engineer\n"
        "BDAY: 1980-04-12\n")


def test_a_card_gives_its_emails_organisation_and_birthday_and_no_problem():
    fields, problems = read(CARD)
    assert fields.emails == ("john.doe@example.com", "j.doe@company.com")
    assert fields.orgs == ("Acme Corporation",)
    assert fields.birthday == Birthday(4, 12, 1980)
    assert (fields.relations, problems) == ((), [])


# -- emails --------------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["EMAIL", "EMAIL[1]", "EMAIL[2:WORK]", "EMAIL[1:]", "EMAIL[HOME]",
                                 '"EMAIL[HOME]"', "EMAIL[1:home]", '"EMAIL[HOME,PREF]"',
                                 "'EMAIL[3:INTERNET,WORK]'", "Email", "email"])
def test_each_of_the_plugins_email_keys_is_an_email(key):
    fields, problems = read(f"{key}: ann@example.org\n")
    assert (fields.emails, problems) == (("ann@example.org",), [])


@pytest.mark.parametrize("key", ["email[1]", "Email[2:WORK]", "EMAILS[1]", "EMAIL[]", "EMAIL[1]x",
                                 "EMAIL[1].X", "TEL[1:CELL]", "EMAIL[[1]]", "X-EMAIL[1]"])
def test_other_keys_like_them_are_not_emails(key):
    fields, problems = read(f'"{key}": ann@example.org\n')
    assert (fields.emails, problems) == ((), [])


def test_the_plugins_emails_are_in_the_order_of_their_number_then_of_their_key():
    fields, problems = read("EMAIL[10:HOME]: ten@x.example\nEMAIL[2:WORK]: two@x.example\n"
                            "EMAIL[WORK]: work@x.example\nEMAIL[1:]: one@x.example\n"
                            "EMAIL[HOME]: home@x.example\nEMAIL: first@x.example\n")
    assert fields.emails == ("first@x.example", "home@x.example", "work@x.example",
                             "one@x.example", "two@x.example", "ten@x.example")
    assert problems == []


def test_the_plugins_emails_and_an_ordinary_email_field_are_read_together_each_once():
    fields, problems = read("EMAIL[2:WORK]: Ann@Work.example\nemail: [ann@home.example]\n"
                            "EMAIL[1]: ann@work.example\n")
    assert (fields.emails, problems) == (("ann@home.example", "ann@work.example"), [])


def test_the_plugins_empty_email_keys_hide_nothing_and_are_not_named():
    # (What the plugin's "new contact" writes: every key, empty.)
    fields, problems = read('"EMAIL[HOME]": ""\n"EMAIL[WORK]": ""\nemail: ann@example.org\n'
                            "BDAY: ''\nbirthday: --12-01\n")
    assert (fields.emails, fields.birthday, problems) == (("ann@example.org",), Birthday(12, 1), [])


def test_a_bad_value_under_a_plugins_key_is_named_at_its_line():
    fields, problems = read("FN: John Doe\nEMAIL[1]: john@example.org\n"
                            "EMAIL[2:WORK]: {office: j@company.example}\n")
    assert fields.emails == ("john@example.org",)
    assert problems == [(4, "`EMAIL[2:WORK]` should list text, but has a set of fields")]


def test_a_plugins_key_given_twice_is_named_at_its_line():
    _, problems = read("EMAIL[1:WORK]: a@x.example\nFN: Ann\nEMAIL[1:WORK]: b@x.example\n")
    assert problems == [(4, "`EMAIL[1:WORK]` is given more than once (also on line 2); the last "
                            "one is read")]


# -- organisation and birthday ------------------------------------------------------------------

@pytest.mark.parametrize(("written", "birthday"), [
    ("1980-04-12", Birthday(4, 12, 1980)),
    ("19800412", Birthday(4, 12, 1980)),  # (a number to YAML)
    ('"19800412"', Birthday(4, 12, 1980)),
    ("19800412T000000Z", Birthday(4, 12, 1980)),
    ("--0412", Birthday(4, 12)),
    ("--04-12", Birthday(4, 12)),
    ("'--0229'", Birthday(2, 29)),
    # Apple's contacts write 1604 for a birthday without a year (`X-APPLE-OMIT-YEAR=1604`).
    ("1604-02-20", Birthday(2, 20)),
    ("16040220", Birthday(2, 20)),
])
def test_a_bday_in_any_of_the_vcard_forms_that_names_a_day_is_the_birthday(written, birthday):
    fields, problems = read(f"FN: John Doe\nBDAY: {written}\n")
    assert (fields.birthday, problems) == (birthday, [])


@pytest.mark.parametrize(("written", "message"), [
    ("1980-04", "`BDAY` is not a birthday: '1980-04'"),  # a month, no day
    ("198004", "`BDAY` is not a birthday: 198004"),
    ("1980", "`BDAY` is not a birthday: 1980"),  # a year
    ("--04", "`BDAY` is not a birthday: '--04'"),
    ("---12", "`BDAY` is not a birthday: '---12'"),  # a day of no month
    ("04121980", "`BDAY` is not a birthday: 4121980"),  # (YAML drops the 0: and which order?)
    ("'12041980'", "`BDAY`: 1204-19-80 is not a real date"),
    ("19801340", "`BDAY`: 1980-13-40 is not a real date"),
    ("--1340", "`BDAY`: --13-40 is not a real day of the year"),
    ("circa 1980", "`BDAY` is not a birthday: 'circa 1980'"),
])
def test_a_bday_that_names_no_one_day_is_named_as_other_bad_dates_are(written, message):
    fields, problems = read(f"FN: John Doe\nBDAY: {written}\n")
    assert (fields.birthday, problems) == (None, [(3, message)])


def test_the_simple_reader_and_the_yaml_parser_read_a_card_to_the_same_fields():
    text = "---\nFN: Ann Lee\nEMAIL: ann@example.org\nBDAY: 19800412\nORG: Acme\n---\n# Ann\n"
    fast = parse_note("Contacts/Ann Lee.md", text)
    with mock.patch.object(frontmatter_module._SIMPLE, "read_with_lines", return_value=None):
        general = parse_note("Contacts/Ann Lee.md", text)
    assert fast.fields == general.fields
    assert (fast.fields.emails, fast.fields.birthday, fast.fields.orgs) == \
        (("ann@example.org",), Birthday(4, 12, 1980), ("Acme",))
    assert fast.problems == general.problems == ()


# -- a bad value under one spelling hides no good one under another ----------------------------

@pytest.mark.parametrize(("yaml", "attribute", "value", "problems"), [
    ("birthday: unknown\nbday: 1980-04-12\n", "birthday", Birthday(4, 12, 1980), [
        (2, "`birthday` is not a birthday: 'unknown'"),
        (2, "`birthday` and `bday` both give a value; `bday` is read (line 3)")]),
    ("bday: 1980-04-12\nbirthday: unknown\n", "birthday", Birthday(4, 12, 1980), [
        (3, "`birthday` is not a birthday: 'unknown'"),
        (3, "`birthday` and `bday` both give a value; `bday` is read (line 2)")]),
    ("birthday: 2026-02-30\nBDAY: 19800412\n", "birthday", Birthday(4, 12, 1980), [
        (2, "`birthday`: 2026-02-30 is not a real date"),
        (2, "`birthday` and `BDAY` both give a value; `BDAY` is read (line 3)")]),
    ("cadence: often\nCadence: 30d\n", "cadence_days", 30, [
        (2, "`cadence` is not a cadence: 'often'"),
        (2, "`cadence` and `Cadence` both give a value; `Cadence` is read (line 3)")]),
    ("last_contact: yesterday\nlast_chat: 2026-11-01\n", "last_contact", date(2026, 11, 1), [
        (2, "`last_contact` is not a date: 'yesterday'"),
        (2, "`last_contact` and `last_chat` both give a value; `last_chat` is read (line 3)")]),
    ("role: [mentor, friend]\nRole: peer\n", "role", "peer", [
        (2, "`role` should be a single word or phrase, not a list"),
        (2, "`role` and `Role` both give a value; `Role` is read (line 3)")]),
])
def test_a_bad_value_under_one_spelling_hides_no_good_one_under_another(
        yaml, attribute, value, problems):
    fields, found = read(yaml)
    assert (getattr(fields, attribute), found) == (value, problems)


def test_of_three_spellings_the_best_ranked_good_one_is_read():
    fields, problems = read("birthday: unknown\ndob: --12-01\nbday: 1980-04-12\n")
    assert fields.birthday == Birthday(4, 12, 1980)
    assert problems == [
        (2, "`birthday` is not a birthday: 'unknown'"),
        (2, "`birthday` and `bday` both give a value; `bday` is read (line 4)"),
        (3, "`dob` and `bday` both give a value; `bday` is read (line 4)")]


def test_when_every_spelling_is_bad_the_best_ranked_is_named_as_before():
    fields, problems = read("bday: later\nbirthday: soon\n")
    assert fields.birthday is None
    assert problems == [
        (3, "`birthday` is not a birthday: 'soon'"),
        (2, "`bday` and `birthday` both give a value; `birthday` is read (line 3)")]


# -- through the command line --------------------------------------------------------------------

MBOX = ("From j.doe@company.com Mon Nov 02 10:00:00 2026\nFrom: John Doe <J.Doe@Company.com>\n"
        "To: Sam <me@example.org>\nDate: Mon, 02 Nov 2026 10:00:00 +0000\n"
        "Subject: The Acme proposal\nMessage-ID: <1@company.com>\n\nbody\n"
        "From me@example.org Tue Nov 03 09:00:00 2026\nFrom: Sam <me@example.org>\n"
        "To: john.doe@example.com\nDate: Tue, 03 Nov 2026 09:00:00 +0000\n"
        "Subject: Dinner?\nMessage-ID: <2@example.org>\n\nbody\n")


@pytest.mark.usefixtures("utc_zone")
def test_mail_to_and_from_a_cards_emails_is_logged_in_its_note(make_vault, run):
    root = make_vault({"Contacts/John Doe.md": f"---\n{CARD}---\n# John Doe\n", "box.mbox": MBOX})
    result = run("import", "mail", root / "box.mbox", "--me", "me@example.org", "--vault", root,
                 "--today", TODAY)
    assert result.exit_code == 0, result.output
    text = (root / "Contacts/John Doe.md").read_text(encoding="utf-8")
    assert text.startswith(f"---\n{CARD}---\n# John Doe\n")  # (the card's own bytes kept)
    assert "- 2026-11-02 The Acme proposal #received" in text
    assert "- 2026-11-03 Dinner? #outreach" in text


def test_an_import_fills_a_cards_empty_fields_and_never_writes_over_its_email_keys(
        make_vault, run):
    """A plugin's key holds one email of the several a person has: it is read as one, and is no
    place to write them all."""
    card = "FN: John Doe\nEMAIL[1]: john.doe@example.com\nEMAIL[2:WORK]: j.doe@company.com\n"
    root = make_vault({"Contacts/John Doe.md": f"---\n{card}BDAY: ''\n---\n# John Doe\n",
                       "john.vcf": "BEGIN:VCARD\nVERSION:4.0\nFN:John Doe\nEMAIL:new@x.example\n"
                                   "BDAY:19800412\nEND:VCARD\n"})
    result = run("import", root / "john.vcf", "--update", "--vault", root)
    assert result.exit_code == 0, result.output
    assert "problem" not in result.output
    text = (root / "Contacts/John Doe.md").read_text(encoding="utf-8")
    assert text == f"---\n{card}BDAY: \"1980-04-12\"\n---\n# John Doe\n"


def test_a_cards_bday_is_on_the_agenda(make_vault, run):
    root = make_vault({"Contacts/Ann Lee.md": "---\nFN: Ann Lee\nBDAY: 19801201\n---\n",
                       "Contacts/Bo Chen.md": "---\nFN: Bo Chen\nBDAY: --1130\n---\n"})
    due = json.loads(run("due", "--vault", root, "--today", TODAY, "--json").output)
    assert [(b["person"], b["date"]) for b in due["birthdays"]] == [
        ("Bo Chen", "2026-11-30"), ("Ann Lee", "2026-12-01")]


def test_check_is_clean_for_a_card_and_names_a_bday_it_cannot_read(make_vault, run):
    root = make_vault({"Contacts/John Doe.md": f"---\n{CARD}---\n"})
    assert run("check", "--vault", root, "--today", TODAY).exit_code == 0
    root = make_vault({"Contacts/Ann Lee.md": "---\nFN: Ann Lee\nBDAY: 1980-04\n---\n"})
    result = run("check", "--vault", root, "--today", TODAY)
    assert result.exit_code == 1
    assert "Contacts/Ann Lee.md:3: `BDAY` is not a birthday: '1980-04'" in result.output


def test_check_names_the_bad_spelling_and_the_agenda_has_the_good_one(make_vault, run):
    root = make_vault({"People/Ed.md": "---\nbirthday: unknown\nbday: --12-01\n---\n"})
    result = run("check", "--vault", root, "--today", TODAY)
    assert "People/Ed.md:2: `birthday` is not a birthday: 'unknown'" in result.output
    assert "People/Ed.md:2: `birthday` and `bday` both give a value; `bday` is read (line 3)" \
        in result.output
    due = json.loads(run("due", "--vault", root, "--today", TODAY, "--json").output)
    assert [(b["person"], b["date"]) for b in due["birthdays"]] == [("Ed", "2026-12-01")]
