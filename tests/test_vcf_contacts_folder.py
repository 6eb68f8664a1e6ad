"""The VCF Contacts plugin's folder of contacts (iandennismiller/obsidian-vcf-contacts): the folder
its settings name (`contactsFolder` in `.obsidian/plugins/vcf-contacts/data.json`, or under the
plugin's older id `obsidian-vcf-contacts`), subfolders included, is one more people folder, with
the `People/` folder's exceptions. An empty setting or `/` (the vault's root) names none; a value
vaultnet cannot follow is named by `check`. And the keys its newer versions write with dots
(`EMAIL.WORK`, `EMAIL.1`, `TEL.CELL.0`) are read as its bracketed ones are.

Each vault is small and written here in the plugin's style; the reading rules are called with
literals, and the commands run as a user runs them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import TODAY, snapshot, write_files
from test_watch import assert_matches_fresh_sync, wait_quiet, wait_until, watch  # noqa: F401

from vaultnet.base.conventions import Conventions
from vaultnet.parse.note import parse_note, read_as, vcf_property
from vaultnet.pipeline.sync import load
from vaultnet.read.obsidian import config_problems, contacts_folders
from vaultnet.watch.events import OwnOutput, wanted

PLUGIN = ".obsidian/plugins/vcf-contacts/data.json"
OLD_PLUGIN = ".obsidian/plugins/obsidian-vcf-contacts/data.json"
RULE = "the VCF Contacts plugin's folder"


def settings(folder: object) -> str:
    """The plugin's settings file, as it writes it, with this `contactsFolder`."""
    return json.dumps({"contactsFolder": folder, "defaultHashtag": "", "vcfWatchFolder": "",
                       "vcfWatchEnabled": False, "vcfWatchPollingInterval": 30})


def card(name: str, *keys: str) -> str:
    """A contact note as the plugin writes one: a vCard as frontmatter, no `type`, no tag."""
    given, family = name.split(" ", 1)
    lines = [f"N.GN: {given}", f"N.FN: {family}", f"FN: {name}", *keys,
             "UID: urn:uuid:12345678-1234-5678-9012-123456789012", 'VERSION: "4.0"']
    return "---\n" + "".join(f"{line}\n" for line in lines) + "---\n#### Notes\n\n"


CRM = {
    "CRM/Ann Lee.md": card("Ann Lee", "EMAIL.HOME: ann@home.example", "BDAY: --1201"),
    "CRM/Clients/Bo Chen.md": card("Bo Chen", '"TEL.CELL": "+13105551234"'),  # a subfolder
    # The People folder's exceptions hold here too.
    "CRM/CRM.md": "# My contacts\n![[CRM.base]]\n",  # its folder note
    "CRM/Acme.md": "---\ntype: organisation\nFN: Acme\n---\n",
    "CRM/Everyone.md": "---\ntags: [moc]\n---\n- [[Ann Lee]]\n",
    "CRM/Me.md": "---\ntype: me\ngoals: [find a mentor]\n---\n",
    # Not in the folder the setting names.
    "CRMExtra/Cy Diaz.md": card("Cy Diaz"),
    "Projects/CRM/Plan.md": "# The plan\n",
}


def people_of(root: Path) -> list[str]:
    return sorted(p.path for p in load(root, TODAY).index.people)


def reading_lines(run, root: Path) -> list[str]:
    """The lines of `check` that say how the vault was read, up to the blank line."""
    output = run("check", "--vault", root, "--today", TODAY).output
    return output.split("\n\n", 1)[0].splitlines()


# -- the folder it names ------------------------------------------------------------------------

def test_the_plugins_folder_and_its_subfolders_hold_people_and_check_says_so(make_vault, run):
    root = make_vault({PLUGIN: settings("CRM"), **CRM})
    assert people_of(root) == ["CRM/Ann Lee.md", "CRM/Clients/Bo Chen.md"]
    assert reading_lines(run, root)[1:3] == [
        f"  people: 2 (2 by {RULE} CRM/)",
        "  not people, though in a people folder: 4 (1 folder note, 1 tagged or typed moc or "
        "index, 1 typed as an organisation, 1 typed as the profile (`type: me`))"]
    assert load(root, TODAY).index.profile.path == "CRM/Me.md"


def test_without_the_setting_the_plugins_notes_are_no_people(make_vault, run):
    root = make_vault(CRM)
    assert people_of(root) == []
    assert reading_lines(run, root)[1].startswith("  people: 0: no note was recognised")


@pytest.mark.parametrize("config", [PLUGIN, OLD_PLUGIN])
@pytest.mark.parametrize("written", ["Work/Clients", "/Work/Clients/", "Work\\Clients",
                                     " Work/Clients "])
def test_a_folder_is_read_as_obsidian_reads_it_under_either_id(make_vault, config, written):
    root = make_vault({config: settings(written),
                       "Work/Clients/Ann Lee.md": card("Ann Lee"),
                       "Work/Clients/2026/Bo Chen.md": card("Bo Chen"),
                       "Work/Ann Lee notes.md": "# Notes\n"})
    assert contacts_folders(root) == (("Work/Clients", config),)
    assert config_problems(root) == ()
    assert people_of(root) == ["Work/Clients/2026/Bo Chen.md", "Work/Clients/Ann Lee.md"]


def test_the_folder_is_matched_without_case_as_the_people_folder_is(make_vault):
    root = make_vault({PLUGIN: settings("crm"), "CRM/Ann Lee.md": card("Ann Lee")})
    assert people_of(root) == ["CRM/Ann Lee.md"]


@pytest.mark.parametrize("written", ["", "/", "//", ".", "  ", None])
def test_an_empty_setting_or_the_vaults_root_names_no_folder(make_vault, run, written):
    """The plugin's own default, and `/`: every note of the vault would be a person's."""
    root = make_vault({PLUGIN: settings(written), **CRM,
                       "Notes/Idea.md": "# An idea\n"})
    assert contacts_folders(root) == ()
    assert config_problems(root) == ()
    assert people_of(root) == []
    checked = run("check", "--vault", root, "--today", TODAY)
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("text", ["{}", "[]", "not json", '{"contactsFolder": null}', ""])
def test_settings_without_a_folder_name_none_and_are_no_problem(make_vault, text):
    root = make_vault({PLUGIN: text, **CRM})
    assert (contacts_folders(root), config_problems(root), people_of(root)) == ((), (), [])


BAD = [
    (5, "is a number, not a folder name"),
    (["CRM"], "is a list, not a folder name"),
    (True, "is a true/false value, not a folder name"),
    ("../CRM", "leads outside the vault"),
    ("C:\\CRM", "is a path on a Windows drive, not a folder inside the vault"),
    ("CRM/../Other", "goes through `..`, which vaultnet does not follow"),
]


@pytest.mark.parametrize(("value", "why"), BAD, ids=[json.dumps(v) for v, _ in BAD])
def test_a_folder_vaultnet_cannot_follow_is_named_and_names_no_people(make_vault, run, value,
                                                                      why):
    root = make_vault({PLUGIN: settings(value), **CRM})
    (problem,) = config_problems(root)
    assert (problem.path, problem.line) == (PLUGIN, None) and problem.hint
    assert problem.message == (f"the VCF Contacts plugin's setting `contactsFolder` = "
                               f"{json.dumps(value)} {why}; no folder is read as people for it")
    assert contacts_folders(root) == ()
    assert people_of(root) == []
    checked = run("check", "--vault", root, "--today", TODAY)
    assert checked.exit_code == 1
    assert f"{PLUGIN}: the VCF Contacts plugin's setting `contactsFolder`" in checked.output


def test_vaultnets_people_folder_is_named_before_it_and_it_before_the_usual_names(make_vault,
                                                                                  run):
    root = make_vault({PLUGIN: settings("Contacts"), "Contacts/Ann Lee.md": card("Ann Lee"),
                       "Contacts/Work/Bo Chen.md": card("Bo Chen"),
                       "People/Cy Diaz.md": card("Cy Diaz")})
    assert reading_lines(run, root)[1] == \
        f"  people: 3 (2 by {RULE} Contacts/, 1 by folder People/)"
    write_files(root, {PLUGIN: settings("People")})
    assert reading_lines(run, root)[1] == "  people: 3 (2 by folder Contacts/, 1 by folder People/)"


def test_the_rule_that_found_each():
    conventions = Conventions(contacts_folders=("Work/Clients",))
    found = {path: parse_note(path, text, conventions).found_by for path, text in {
        "Work/Clients/Ann.md": "---\nFN: Ann\n---\n",
        "work/clients/Deep/Bo.md": "# Bo\n",
        "Work/Clients/Clients.md": "# Clients\n",  # its folder note
        "Work/Clients/Cy.md": "---\ntype: contact\n---\n",  # a type is named first, as ever
        "Work/ClientsOld/Di.md": "# Di\n",
        "Other/Work/Clients/Ed.md": "# Ed\n",
    }.items()}
    assert found == {"Work/Clients/Ann.md": f"{RULE} Work/Clients",
                     "work/clients/Deep/Bo.md": f"{RULE} Work/Clients",
                     "Work/Clients/Clients.md": "", "Work/Clients/Cy.md": "type contact",
                     "Work/ClientsOld/Di.md": "", "Other/Work/Clients/Ed.md": ""}


# -- through the agenda and the mail ------------------------------------------------------------

def test_the_plugins_birthdays_are_on_the_agenda(make_vault, run):
    root = make_vault({PLUGIN: settings("CRM"), **CRM})
    due = json.loads(run("due", "--vault", root, "--today", TODAY, "--json").output)
    assert [(b["person"], b["date"]) for b in due["birthdays"]] == [("Ann Lee", "2026-12-01")]


MBOX = ("From ann@work.example Mon Nov 02 10:00:00 2026\nFrom: Ann Lee <Ann@Work.example>\n"
        "To: Sam <me@example.org>\nDate: Mon, 02 Nov 2026 10:00:00 +0000\n"
        "Subject: The proposal\nMessage-ID: <1@work.example>\n\nbody\n"
        "From me@example.org Tue Nov 03 09:00:00 2026\nFrom: Sam <me@example.org>\n"
        "To: ann.lee@old.example\nDate: Tue, 03 Nov 2026 09:00:00 +0000\n"
        "Subject: Dinner?\nMessage-ID: <2@example.org>\n\nbody\n")


@pytest.mark.usefixtures("utc_zone")
def test_mail_to_and_from_the_dotted_emails_of_a_note_in_the_folder_is_logged(make_vault, run):
    note = card("Ann Lee", "EMAIL.WORK: ann@work.example", "EMAIL.1: ann.lee@old.example")
    root = make_vault({PLUGIN: settings("CRM"), "CRM/Ann Lee.md": note, "box.mbox": MBOX})
    result = run("import", "mail", root / "box.mbox", "--me", "me@example.org", "--vault", root,
                 "--today", TODAY)
    assert result.exit_code == 0, result.output
    text = (root / "CRM/Ann Lee.md").read_text(encoding="utf-8")
    assert text.startswith(note)  # (the card's own bytes kept)
    assert "- 2026-11-02 The proposal #received" in text
    assert "- 2026-11-03 Dinner? #outreach" in text


# -- the cache and the watch see the setting change ---------------------------------------------

def test_a_changed_setting_through_the_cache_gives_a_fresh_syncs_bytes(make_vault, run, tmp_path):
    root = make_vault({**CRM, "Work/Bo Chen.md": card("Bo Chen"),
                       "Daily/2026-11-24.md": "Lunch with [[Ann Lee]] and [[Bo Chen]]\n"})
    for setting in ("CRM", "Work", "", "CRM"):
        write_files(root, {OLD_PLUGIN: settings(setting)})
        synced = run("sync", "--vault", root, "--today", TODAY)
        assert synced.exit_code == 0, synced.output
        fresh = tmp_path / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("Network"))
        assert run("sync", "--vault", fresh, "--today", TODAY, "--no-cache").exit_code == 0
        network = {k: v for k, v in snapshot(root).items() if k.startswith("Network/")}
        assert network == {k: v for k, v in snapshot(fresh).items() if k.startswith("Network/")}
        assert ("[[CRM/Ann Lee|Ann Lee]]" in (root / "Network/Network.md").read_text()) == \
            (setting == "CRM"), setting


@pytest.mark.parametrize("config", [PLUGIN, OLD_PLUGIN])
def test_a_change_to_the_plugins_settings_wakes_the_watch(tmp_path, config):
    assert wanted(config, False, OwnOutput(tmp_path, "Network"))


def test_the_watch_reads_the_folder_once_the_setting_names_it(make_vault, watch,  # noqa: F811
                                                                tmp_path):
    root = make_vault({**CRM, "People/Zoe Park.md": "# Zoe\n"})
    watcher = watch(root)
    network = root / "Network/Network.md"
    assert "Ann Lee" not in network.read_text(encoding="utf-8")
    write_files(root, {PLUGIN: settings("CRM")})
    wait_until(watcher, lambda: "Ann Lee" in network.read_text(encoding="utf-8"),
               what="the plugin's folder read as people")
    wait_quiet(watcher)
    assert_matches_fresh_sync(root, tmp_path / "fresh")


# -- the keys it writes with dots ---------------------------------------------------------------

def read(yaml: str):
    """A note of the plugin's with this frontmatter (from line 2), read: its emails and its
    problems' lines and messages."""
    note = parse_note("Contacts/John Doe.md", f"---\n{yaml}---\n# John Doe\n")
    return note.fields.emails, [(p.line, p.message) for p in note.problems]


@pytest.mark.parametrize("key", ["EMAIL.WORK", '"EMAIL.HOME"', "EMAIL.0", "EMAIL.1",
                                 "EMAIL.WORK.0", "EMAIL.WORK.PRIMARY", "EMAIL.work",
                                 "'EMAIL.HOME-OFFICE'"])
def test_each_of_the_plugins_dotted_email_keys_is_an_email(key):
    assert read(f"{key}: ann@example.org\n") == (("ann@example.org",), [])


@pytest.mark.parametrize("key", ["EMAIL.", "EMAIL..WORK", "EMAIL.1.WORK", "EMAIL.WORK.", "Email.Work",
                                 "email.work", "EMAILS.WORK", "X-EMAIL.WORK", "EMAIL.WORK X",
                                 "EMAIL[1].WORK", "EMAIL.[1]", "TEL.CELL", "N.GN", "N.FN"])
def test_other_keys_like_them_are_not_emails(key):
    assert read(f'"{key}": ann@example.org\n') == ((), [])


def test_the_dotted_emails_are_in_the_order_of_their_number_the_plain_one_first():
    """A dotted key's numbers count from 0 (the first of several), the bracketed ones' from 1."""
    emails, problems = read("EMAIL.10: ten@x.example\nEMAIL.2: two@x.example\n"
                            "EMAIL.WORK: work@x.example\nEMAIL.1: one@x.example\n"
                            "EMAIL.HOME: home@x.example\nEMAIL: first@x.example\n"
                            "EMAIL.0: zero@x.example\nEMAIL[1]: bracket@x.example\n")
    assert emails == ("first@x.example", "zero@x.example", "home@x.example", "work@x.example",
                      "one@x.example", "bracket@x.example", "two@x.example", "ten@x.example")
    assert problems == []


@pytest.mark.parametrize(("key", "card_property"), [
    ("EMAIL.WORK", "EMAIL"), ("TEL.CELL", "TEL"), ("TEL.CELL.0", "TEL"), ("TEL.1", "TEL"),
    ("URL.HOME", "URL"), ("TEL[1:CELL]", "TEL"),
    ("N.GN", None), ("N.FN", None), ("N.PREFIX", None), ("ADR.HOME.STREET", None),
    ("ADR.0.STREET", None), ("RELATED.friend", None), ("RELATED.friend.0", None),
    ("GENDER", None), ("TEL", None), ("TEL.", None)])
def test_the_property_each_key_holds_a_value_of(key, card_property):
    assert vcf_property(key) == card_property
    assert (read_as(key) is not None) == (card_property == "EMAIL")


NOTE = ("---\nN.GN: Jane\nN.FN: Doe\nFN: Jane Doe\nEMAIL.HOME: jane@example.com\n"
        '"EMAIL.WORK": j.doe@company.example\n"TEL.CELL": "+15550100"\nTEL.HOME.0: +1-555-0101\n'
        "ORG: Acme\n---\n# Jane Doe\n")


def test_brief_shows_the_dotted_emails_as_emails_and_the_phones(make_vault, run):
    root = make_vault({"Contacts/Jane Doe.md": NOTE})
    result = run("brief", "Jane Doe", "--vault", root, "--today", TODAY)
    contact = result.output.split("Contact\n", 1)[1].split("\n\n", 1)[0]
    assert contact.splitlines() == ["  email: jane@example.com", "  email: j.doe@company.example",
                                    "  TEL.CELL: +15550100", "  TEL.HOME.0: +1-555-0101"]


def test_an_update_adds_no_email_or_phone_beside_the_dotted_keys(make_vault, run, tmp_path):
    root = make_vault({"Contacts/Jane Doe.md": NOTE})
    (tmp_path / "jane.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEMAIL:jane@example.com\r\n"
        "TEL;TYPE=CELL:+1 555 0199\r\nBDAY:19800412\r\nEND:VCARD\r\n", encoding="utf-8")
    result = run("import", tmp_path / "jane.vcf", "--update", "--vault", root)
    assert result.exit_code == 0, result.output
    assert "phone: +1 555 0199 in the file" in result.output
    assert (root / "Contacts/Jane Doe.md").read_text(encoding="utf-8") == \
        NOTE.replace("ORG: Acme\n", 'ORG: Acme\nbirthday: "1980-04-12"\n')
