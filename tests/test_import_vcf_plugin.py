"""`vaultnet import --update` on the VCF Contacts plugin's notes (iandennismiller/obsidian-vcf-contacts),
which keep a person's emails in keys of their own, one email each (`EMAIL[1]`, `EMAIL[2:WORK]`,
`EMAIL[HOME]`).

vaultnet reads those keys as the person's emails (`read_as`), so a note holding one has an email:
`--update` adds no `email` field to it, whether the file's addresses are there or not. An address of
the file that the note does not hold is listed as a difference, as it is for a note whose `email`
holds another: numbering it into the plugin's keys is the plugin's business, and a second
`email` field beside them would be one the plugin never shows. A note whose email keys are all
empty (what the plugin's "new contact" writes) has none: it gets an `email` field, which vaultnet
reads with them, and its keys stay as they are. `brief` shows the plugin's emails as emails.

Each vault is small and written here in the plugin's style; the commands run as a user runs them,
and the notes are compared byte for byte.
"""

from __future__ import annotations

import json

import pytest
from conftest import TODAY, snapshot

from vaultnet.edits.fields import fill_fields
from vaultnet.pipeline.sync import load
from vaultnet.sources.contact_import import SPELLINGS

# As the plugin writes a card (docs/vcard-format.md), and a log of the user's below it.
CARD = ('UID: urn:uuid:12345678-1234-5678-9012-123456789012\nVERSION: "4.0"\nFN: Jane Doe\n'
        "N.GN: Jane\nN.FN: Doe\nEMAIL[1]: jane@example.com\nEMAIL[2:WORK]: j.doe@company.example\n"
        "TEL[1:CELL]: +1-555-0100\nORG: Acme\n")
NOTE = f"---\n{CARD}---\n# Jane Doe\n\n## Log\n- 2026-10-01 Coffee at Acme #met\n"
PATH = "Contacts/Jane Doe.md"


def vcard(*lines: str) -> str:
    return "".join(f"{line}\r\n" for line in ("BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"))


def import_file(run, tmp_path, vault, card: str, *options: str):
    """Import the vCard `card` into `vault` with `options`; the result, which must succeed."""
    (tmp_path / "c.vcf").write_text(card, encoding="utf-8")
    result = run("import", tmp_path / "c.vcf", *options, "--vault", vault)
    assert result.exit_code == 0, result.output
    return result


def lines(result) -> list[str]:
    """A report's lines after the first, which names the file."""
    return result.output.splitlines()[1:]


# -- what is held under the plugin's keys is not missing ----------------------------------------

@pytest.mark.parametrize("email_key", ["EMAIL[1]", "EMAIL[2:WORK]", '"EMAIL[HOME]"', "EMAIL[1:]",
                                       "'EMAIL[3:INTERNET,WORK]'"])
@pytest.mark.parametrize("written", ["jane@example.com", "Jane@Example.COM"])
def test_an_email_held_under_a_plugins_key_is_not_added_again(make_vault, run, tmp_path,
                                                              email_key, written):
    note = f"---\nFN: Jane Doe\n{email_key}: {written}\nTEL[1:CELL]: +1-555-0100\n---\n# Jane Doe\n"
    vault = make_vault({PATH: note})
    card = vcard("FN:Jane Doe", "EMAIL;TYPE=INTERNET:jane@example.com")
    assert lines(import_file(run, tmp_path, vault, card)) == [
        f"exists {PATH}", "Created 0 notes; 1 contact in the vault already."]
    assert lines(import_file(run, tmp_path, vault, card, "--update")) == [
        f"exists {PATH}", "Created 0 notes; 1 contact in the vault already."]
    assert (vault / PATH).read_bytes() == note.encode()


def test_update_fills_only_what_the_card_lacks_and_keeps_every_other_byte(make_vault, run,
                                                                            tmp_path):
    vault = make_vault({PATH: NOTE})
    # Matched by the plugin's work address, whatever the name: the note has both addresses.
    card = vcard("FN:J. Doe", "EMAIL:J.Doe@Company.example", "EMAIL:jane@example.com",
                 "TITLE:CTO")
    assert lines(import_file(run, tmp_path, vault, card)) == [
        f"exists {PATH} (title: CTO in the file, — in the note)",
        "Created 0 notes; 1 contact in the vault already; --update would fill 1 empty field in "
        "1 note."]
    assert lines(import_file(run, tmp_path, vault, card, "--update", "--dry-run")) == [
        f"would fill {PATH} (title: CTO)",
        "Would create 0 notes; 1 contact in the vault already; would fill 1 field in 1 note."]
    assert (vault / PATH).read_bytes() == NOTE.encode()

    assert lines(import_file(run, tmp_path, vault, card, "--update")) == [
        f"filled {PATH} (title: CTO)",
        "Created 0 notes; 1 contact in the vault already; filled 1 field in 1 note."]
    assert (vault / PATH).read_bytes() == NOTE.replace("ORG: Acme\n", "ORG: Acme\ntitle: CTO\n"
                                                       ).encode()
    jane = load(vault, TODAY).index.people[0]
    assert jane.fields.emails == ("jane@example.com", "j.doe@company.example")

    after = snapshot(vault)
    assert lines(import_file(run, tmp_path, vault, card, "--update")) == [
        f"exists {PATH}", "Created 0 notes; 1 contact in the vault already."]
    assert snapshot(vault) == after


def test_an_address_the_card_does_not_hold_is_a_difference_and_nothing_is_written(
        make_vault, run, tmp_path):
    vault = make_vault({PATH: NOTE})
    card = vcard("FN:Jane Doe", "EMAIL:jane@example.com", "EMAIL:jane@new.example")
    before = snapshot(vault)
    for options in ((), ("--update",), ("--update",)):
        report = json.loads(import_file(run, tmp_path, vault, card, *options, "--json").output)
        assert report["created"] == [] and report["problems"] == []
        assert report["matched"] == [{
            "name": "Jane Doe", "path": PATH, "fill": [], "filled": False,
            "differences": [{"field": "email", "file": "jane@example.com, jane@new.example",
                             "note": "jane@example.com, j.doe@company.example"}]}]
        assert snapshot(vault) == before
    assert lines(import_file(run, tmp_path, vault, card, "--update")) == [
        f"exists {PATH} (email: jane@example.com, jane@new.example in the file, "
        "jane@example.com, j.doe@company.example in the note)",
        "Created 0 notes; 1 contact in the vault already."]


def test_a_card_whose_email_keys_are_all_empty_gets_an_email_field_beside_them(make_vault, run,
                                                                               tmp_path):
    # (What the plugin's "new contact" writes: every key, empty.)
    note = ('---\nFN: Jane Doe\n"EMAIL[HOME]": ""\n"EMAIL[WORK]": ""\nTEL[1:CELL]: ""\n---\n'
            "# Jane Doe\n")
    vault = make_vault({PATH: note})
    card = vcard("FN:Jane Doe", "EMAIL:jane@example.com")
    assert lines(import_file(run, tmp_path, vault, card, "--update")) == [
        f"filled {PATH} (email: jane@example.com)",
        "Created 0 notes; 1 contact in the vault already; filled 1 field in 1 note."]
    assert (vault / PATH).read_bytes() == note.replace(
        '""\n---\n', '""\nemail: jane@example.com\n---\n').encode()
    assert load(vault, TODAY).index.people[0].fields.emails == ("jane@example.com",)


def test_a_phone_held_under_a_plugins_key_is_not_added_again(make_vault, run, tmp_path):
    """`TEL[1:CELL]` holds the note's phone: another number in the file is a difference, and
    no `phone:` goes beside it."""
    vault = make_vault({PATH: NOTE})
    card = vcard("FN:Jane Doe", "EMAIL:jane@example.com", "TEL;TYPE=CELL:+1 555 0199")
    said = lines(import_file(run, tmp_path, vault, card, "--update"))
    assert said[0].startswith(f"exists {PATH} (phone: +1 555 0199 in the file, +1-555-0100 in "
                              "the note"), said
    assert (vault / PATH).read_bytes() == NOTE.encode()


def test_an_empty_plain_key_hides_no_phone_of_the_plugins_in_the_report(make_vault, run, tmp_path):
    note = '---\nFN: Eve Adams\nEMAIL[1]: eve@example.com\nTEL[1:CELL]: "+15550300"\nTEL:\n---\n'
    vault = make_vault({PATH: note})
    card = vcard("FN:Eve Adams", "EMAIL:eve@example.com", "TEL;TYPE=CELL:+1 555 0399")
    said = lines(import_file(run, tmp_path, vault, card, "--update"))
    assert said[0] == f"exists {PATH} (phone: +1 555 0399 in the file, +15550300 in the note)"
    assert (vault / PATH).read_bytes() == note.encode()


def test_a_card_whose_phone_keys_are_all_empty_gets_a_phone_field_beside_them(make_vault, run,
                                                                              tmp_path):
    note = '---\nFN: Jane Doe\nEMAIL[1]: jane@example.com\n"TEL[1:CELL]": ""\n---\n# Jane Doe\n'
    vault = make_vault({PATH: note})
    card = vcard("FN:Jane Doe", "EMAIL:jane@example.com", "TEL;TYPE=CELL:+1 555 0199")
    import_file(run, tmp_path, vault, card, "--update")
    assert (vault / PATH).read_bytes() == note.replace(
        '""\n---\n', '""\nphone: "+1 555 0199"\n---\n').encode()


def test_brief_shows_the_plugins_phones(make_vault, run):
    vault = make_vault({PATH: NOTE})
    result = run("brief", "Jane Doe", "--vault", vault, "--today", TODAY)
    contact = result.output.split("Contact\n", 1)[1].split("\n\n", 1)[0]
    assert contact.splitlines() == ["  email: jane@example.com", "  email: j.doe@company.example",
                                    "  TEL[1:CELL]: +1-555-0100"]


# -- the rule, with literals ---------------------------------------------------------------------

EMAIL = [("email", SPELLINGS["email"], "jane@example.com")]


@pytest.mark.parametrize("front", [
    "EMAIL[1]: jane@example.com\n",
    "EMAIL[2:WORK]: other@example.org\n",  # (another address: still an email held)
    "'EMAIL[HOME]': [jane@example.com]\n",
    "email:\nEMAIL[1]: jane@example.com\n",  # an empty `email` beside one held: not missing
    "EMAIL[1]: ''\nEMAIL[2:WORK]: jane@example.com\n",
])
def test_a_field_held_under_a_key_read_as_it_is_not_filled(front):
    text = f"---\nFN: Jane Doe\n{front}---\n# Jane Doe\n"
    assert fill_fields(text, "n.md", EMAIL) == (text, [], [])


@pytest.mark.parametrize("front, after", [
    # never written into the plugin's key, empty as it is: `email` goes beside it
    ('"EMAIL[HOME]": ""\n', '"EMAIL[HOME]": ""\nemail: jane@example.com\n'),
    ("EMAIL[1]:\n", "EMAIL[1]:\nemail: jane@example.com\n"),
    # an empty `email` of the note's own is filled in place, as ever
    ("EMAIL[1]:\nE-mail:  # the best one\n", "EMAIL[1]:\nE-mail: jane@example.com # the best one\n"),
])
def test_a_field_empty_under_every_key_is_filled_where_vaultnet_writes_it(front, after):
    text = f"---\nFN: Jane Doe\n{front}---\n# Jane Doe\n"
    filled, chosen, unfilled = fill_fields(text, "n.md", EMAIL)
    assert filled == f"---\nFN: Jane Doe\n{after}---\n# Jane Doe\n"
    assert (len(chosen), unfilled) == (1, [])


# -- the other direction: what brief shows ------------------------------------------------------

def test_brief_shows_the_plugins_emails_as_emails(make_vault, run):
    vault = make_vault({PATH: NOTE})
    result = run("brief", "Jane Doe", "--vault", vault, "--today", TODAY, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["contact"][:2] == [
        {"field": "email", "value": "jane@example.com"},
        {"field": "email", "value": "j.doe@company.example"}]
