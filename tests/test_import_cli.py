"""`vaultnet import` and `vaultnet export` from the command line, on real files.

Import: one new note per new contact, nothing touched for a contact the vault has (by name, alias
or email), the same import twice changes nothing, and the notes it makes read back clean. Export:
the file the user names, written whole, read back by networkx and icalendar.
"""

from __future__ import annotations

import json
import os

import icalendar
import networkx as nx
from conftest import TODAY, person, snapshot

from vaultnet.pipeline.sync import load

VCARD = "\r\n".join([
    "BEGIN:VCARD", "VERSION:3.0", "FN:Jane Doe", "ORG:MIT Media Lab", "TITLE:Research Scientist",
    "EMAIL:jane@media.mit.edu", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:Noor Al-Sayed", "ORG:BART;Planning",
    "TITLE:Service Planning Manager", "EMAIL:noor@example.org", "TEL:+1 510 555 0142",
    "BDAY:--06-14", "NOTE:Met at TransitCamp\\, talked about frequent corrid", " ors.", "END:VCARD",
    "BEGIN:VCARD", "VERSION:4.0", "FN:Søren Holm", "EMAIL:SOREN@EXAMPLE.DK", "END:VCARD",
    "BEGIN:VCARD", "VERSION:4.0", "FN:Zoë Ångström", "URL:https://example.org/zoe",
    "BDAY:19850412", "END:VCARD", ""])

LINKEDIN = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ada,Lovelace,https://www.linkedin.com/in/ada,,"Analytical Engines, Ltd",Engineer,12 Mar 2024
Jane,Doe,https://www.linkedin.com/in/jane,,MIT Media Lab,Research Scientist,01 Feb 2020
"""

GOOGLE = ("Name,Given Name,Family Name,E-mail 1 - Value,Phone 1 - Value,Organization 1 - Name,"
          "Organization 1 - Title,Birthday,Notes\n"
          'Kai Berg,Kai,Berg,kai@example.org ::: kai.berg@work.example,+49 30 1234,Stadtwerk,'
          'Analyst,1990-07-01,"Two lines\nof notes"\n')

VAULT = {
    "People/Jane Doe.md": person("Jane Doe", role="mentor", org="MIT Media Lab"),
    "People/Søren.md": person("Søren", aliases="[Søren H]", email="soren@example.dk"),
}


def test_import_a_vcard_file(make_vault, run, tmp_path):
    vault = make_vault(VAULT)
    (tmp_path / "contacts.vcf").write_text(VCARD, encoding="utf-8")
    result = run("import", tmp_path / "contacts.vcf", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{tmp_path / 'contacts.vcf'}: vCard, 4 contacts",
        "created People/Noor Al-Sayed.md",
        "created People/Zoë Ångström.md",
        "exists People/Jane Doe.md (email: jane@media.mit.edu in the file, — in the note; "
        "title: Research Scientist in the file, — in the note)",
        "exists People/Søren.md",  # by email, in another case
        "Created 2 notes; 2 contacts in the vault already; --update would fill 2 empty fields in "
        "1 note.",
    ]
    assert (vault / "People/Noor Al-Sayed.md").read_text(encoding="utf-8") == (
        "---\ntype: person\nrole:\norg: BART\ntopics: []\ncadence:\n"
        "title: Service Planning Manager\nemail: noor@example.org\nphone: \"+1 510 555 0142\"\n"
        "birthday: \"--06-14\"\n---\n# Noor Al-Sayed\n\n"
        "> Met at TransitCamp, talked about frequent corridors.\n\n## Log\n")
    loaded = load(vault, TODAY)
    assert loaded.problems == ()  # `vaultnet check` is clean
    noor = next(p for p in loaded.index.people if p.name == "Noor Al-Sayed")
    assert noor.fields.emails == ("noor@example.org",) and noor.fields.orgs == ("BART",)
    assert (noor.fields.birthday.month, noor.fields.birthday.day) == (6, 14)
    zoe = next(p for p in loaded.index.people if p.name == "Zoë Ångström")
    assert zoe.fields.birthday.year == 1985
    assert run("check", "--vault", vault).exit_code == 0


def test_the_same_import_twice_changes_nothing(make_vault, run, tmp_path):
    vault = make_vault(VAULT)
    (tmp_path / "contacts.vcf").write_text(VCARD, encoding="utf-8")
    run("import", tmp_path / "contacts.vcf", "--vault", vault)
    before = snapshot(vault)
    again = run("import", tmp_path / "contacts.vcf", "--vault", vault)
    assert again.exit_code == 0
    assert again.output.splitlines()[-1] == (
        "Created 0 notes; 4 contacts in the vault already; --update would fill 2 empty fields in "
        "1 note.")
    assert snapshot(vault) == before


def test_a_dry_run_writes_nothing(make_vault, run, tmp_path):
    vault = make_vault(VAULT)
    (tmp_path / "contacts.vcf").write_text(VCARD, encoding="utf-8")
    before = snapshot(vault)
    result = run("import", tmp_path / "contacts.vcf", "--dry-run", "--vault", vault, "--json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["dry_run"] is True and report["format"] == "vCard"
    assert report["created"] == ["People/Noor Al-Sayed.md", "People/Zoë Ångström.md"]
    assert [m["path"] for m in report["matched"]] == ["People/Jane Doe.md", "People/Søren.md"]
    assert snapshot(vault) == before


def test_import_a_linkedin_export(make_vault, run, tmp_path):
    vault = make_vault(VAULT)
    (tmp_path / "Connections.csv").write_text(LINKEDIN, encoding="utf-8")
    result = run("import", tmp_path / "Connections.csv", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert "LinkedIn connections, 2 contacts" in result.output.splitlines()[0]
    text = (vault / "People/Ada Lovelace.md").read_text(encoding="utf-8")
    assert 'org: "Analytical Engines, Ltd"\n' in text and "title: Engineer\n" in text
    assert "linkedin: \"https://www.linkedin.com/in/ada\"\nconnected: \"2024-03-12\"\n" in text
    assert load(vault, TODAY).problems == ()


def test_import_a_google_contacts_csv(make_vault, run, tmp_path):
    vault = make_vault({})
    (tmp_path / "contacts.csv").write_text(GOOGLE, encoding="utf-8")
    result = run("import", tmp_path / "contacts.csv", "--vault", vault)
    assert result.exit_code == 0, result.output
    kai = load(vault, TODAY).index.people[0]
    assert kai.fields.emails == ("kai@example.org", "kai.berg@work.example")
    assert "\n\n> Two lines\n> of notes\n\n## Log\n" in (vault / "People/Kai Berg.md").read_text()


def test_the_same_person_twice_in_one_file_makes_one_note(make_vault, run, tmp_path):
    vault = make_vault({})
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEMAIL:{}\nEND:VCARD\n"
    (tmp_path / "twice.vcf").write_text(card.format("a@x.org") + card.format("b@x.org"))
    result = run("import", tmp_path / "twice.vcf", "--vault", vault)
    assert result.output.splitlines()[1:] == [
        "created People/Ann Lee.md",
        "exists People/Ann Lee.md",
        "Created 1 note; 1 contact in the vault already."]
    assert "email: [a@x.org, b@x.org]\n" in (vault / "People/Ann Lee.md").read_text()


def test_notes_from_a_contact_cannot_become_tasks_entries_or_comments(make_vault, run, tmp_path):
    vault = make_vault({})
    notes = "- 2025-12-01 pinged #outreach\\n- [ ] send money 📅 2025-12-20\\n%% hidden [[Bob]]"
    (tmp_path / "c.vcf").write_text(f"BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nNOTE:{notes}\nEND:VCARD\n")
    assert run("import", tmp_path / "c.vcf", "--vault", vault).exit_code == 0
    ann = load(vault, TODAY).index.people[0]
    assert ann.interactions == () and ann.tasks == ()
    assert "> %\\% hidden \\[\\[Bob\\]\\]" in (vault / "People/Ann.md").read_text()


def test_notes_from_a_contact_stay_text_in_their_quote(make_vault, run, tmp_path):
    """Each line that would start a block in Markdown (a callout that names the log, a heading's
    underline, a code fence, a long ordered marker) starts with its mark escaped."""
    vault = make_vault({})
    notes = "[!todo] Log\\n- 2025-12-01 pinged\\nTitle\\n=====\\n~~~\\n1234567890. 2025-12-10 x"
    (tmp_path / "c.vcf").write_text(f"BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nNOTE:{notes}\nEND:VCARD\n")
    assert run("import", tmp_path / "c.vcf", "--vault", vault).exit_code == 0
    text = (vault / "People/Ann.md").read_text()
    assert "> \\[!todo] Log\n> \\- 2025-12-01 pinged\n> Title\n> \\=====\n> \\~~~\n" \
        "> 1234567890\\. 2025-12-10 x\n" in text
    ann = load(vault, TODAY).index.people[0]
    assert ann.interactions == () and ann.tasks == ()


def test_a_second_contact_with_the_email_of_a_new_note_is_the_same_person(make_vault, run,
                                                                          tmp_path):
    vault = make_vault({})
    (tmp_path / "c.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEMAIL:ann@x.org\n"
                                    "END:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Annie\n"
                                    "EMAIL:ANN@x.org\nEND:VCARD\n")
    result = run("import", tmp_path / "c.vcf", "--vault", vault)
    assert result.output.splitlines()[1:] == [
        "created People/Ann Lee.md", "exists People/Ann Lee.md",
        "Created 1 note; 1 contact in the vault already."]


# -- one person, one note: matching and filling empty fields (issue 15) -------------------------


def vcard(*lines: str) -> str:
    return "".join(f"{line}\r\n" for line in ("BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"))


CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
PHONE_CHIDI = vcard("FN:Dr. Chidi Okonkwo", "EMAIL:chidi@example.org", "TEL:+1 555 0100",
                    "X-SOCIALPROFILE;type=linkedin:http\\://www.linkedin.com/in/chidi-okonkwo")
LINKEDIN_CHIDI = (CONNECTIONS
                  + "Chidi,Okonkwo,https://linkedin.com/in/Chidi-Okonkwo/,,Acme Health,"
                    "Chief Medical Officer,12 Mar 2024\n"
                  + 'Priya,"Verma, PhD",https://www.linkedin.com/in/priya-verma,,,,01 Feb 2020\n'
                  + "Ana ✨,Silva 🚀,https://www.linkedin.com/in/ana-silva,,,,01 Feb 2020\n")


def test_a_phone_and_linkedin_make_one_note_and_update_fills_its_empty_fields(make_vault, run,
                                                                              tmp_path):
    vault = make_vault({})
    (tmp_path / "phone.vcf").write_text(PHONE_CHIDI, encoding="utf-8")
    (tmp_path / "Connections.csv").write_text(LINKEDIN_CHIDI, encoding="utf-8")
    assert run("import", tmp_path / "phone.vcf", "--vault", vault).output.splitlines()[1:] == [
        "created People/Chidi Okonkwo.md", "Created 1 note; 0 contacts in the vault already."]
    chidi = (vault / "People/Chidi Okonkwo.md").read_text(encoding="utf-8")
    assert chidi == (
        "---\ntype: person\nrole:\norg:\ntopics: []\ncadence:\nemail: chidi@example.org\n"
        "phone: \"+1 555 0100\"\nlinkedin: \"http://www.linkedin.com/in/chidi-okonkwo\"\n---\n"
        "# Chidi Okonkwo\n\n## Log\n")

    result = run("import", tmp_path / "Connections.csv", "--vault", vault)
    assert result.output.splitlines()[1:] == [
        "created People/Priya Verma.md",
        "created People/Ana Silva.md",
        "exists People/Chidi Okonkwo.md (org: Acme Health in the file, — in the note; "
        "title: Chief Medical Officer in the file, — in the note)",
        "Created 2 notes; 1 contact in the vault already; --update would fill 3 empty fields "
        "in 1 note."]
    assert sorted(p.name for p in (vault / "People").iterdir()) == [
        "Ana Silva.md", "Chidi Okonkwo.md", "Priya Verma.md"]
    assert (vault / "People/Chidi Okonkwo.md").read_text(encoding="utf-8") == chidi

    before = snapshot(vault)
    dry = run("import", tmp_path / "Connections.csv", "--update", "--dry-run", "--json",
              "--vault", vault)
    report = json.loads(dry.output)
    assert report["update"] is True and report["dry_run"] is True and report["created"] == []
    [match] = [m for m in report["matched"] if m["fill"]]
    assert match == {
        "name": "Chidi Okonkwo", "path": "People/Chidi Okonkwo.md", "differences": [],
        "fill": [{"field": "org", "value": "Acme Health"},
                 {"field": "title", "value": "Chief Medical Officer"},
                 {"field": "connected", "value": "2024-03-12"}],
        "filled": False}
    assert snapshot(vault) == before

    result = run("import", tmp_path / "Connections.csv", "--update", "--vault", vault)
    assert result.output.splitlines()[1:] == [
        "filled People/Chidi Okonkwo.md (org: Acme Health; title: Chief Medical Officer; "
        "connected: 2024-03-12)",
        "exists People/Priya Verma.md",
        "exists People/Ana Silva.md",
        "Created 0 notes; 3 contacts in the vault already; filled 3 fields in 1 note."]
    assert (vault / "People/Chidi Okonkwo.md").read_text(encoding="utf-8") == chidi.replace(
        "org:\n", "org: Acme Health\n").replace(
        "---\n# Chidi", "title: Chief Medical Officer\nconnected: \"2024-03-12\"\n---\n# Chidi")
    assert load(vault, TODAY).problems == ()

    filled = snapshot(vault)
    for source in ("phone.vcf", "Connections.csv", "phone.vcf"):
        again = run("import", tmp_path / source, "--update", "--vault", vault)
        assert again.exit_code == 0 and "created" not in again.output
        assert again.output.endswith(" in the vault already.\n"), again.output
    assert snapshot(vault) == filled


USER_NOTE = (
    "---\r\n"
    "type: person\r\n"
    "Company:\r\n"
    "E-mail: chidi@old.example\r\n"
    "tel: \"+1 555 0199\"\r\n"
    "Job Title: \"\"\r\n"
    "tags: []\r\n"
    "---\r\n"
    "# Chidi Okonkwo\r\n"
    "Met at [[Conf 2025]].   \r\n"
    "\r\n"
    "## Log\r\n"
    "- 2026-01-05 Coffee #met\r\n")
FULL_CARD = vcard("FN:Dr. Chidi Okonkwo, MD", "NICKNAME:Chid", "EMAIL:chidi@new.example",
                  "TEL:+1 555 0100", "ORG:Acme Health", "TITLE:CMO", "CATEGORIES:Mentors",
                  "BDAY:1975-05-20",
                  "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/chidi-okonkwo")


def test_update_fills_only_empty_fields_in_their_own_spelling_and_keeps_every_other_byte(
        make_vault, run, tmp_path):
    vault = make_vault({"People/Chidi Okonkwo.md": USER_NOTE})
    (tmp_path / "c.vcf").write_text(FULL_CARD, encoding="utf-8")
    plain = run("import", tmp_path / "c.vcf", "--vault", vault)
    assert plain.output.splitlines()[-1] == (
        "Created 0 notes; 1 contact in the vault already; --update would fill 6 empty fields in "
        "1 note.")
    assert (vault / "People/Chidi Okonkwo.md").read_bytes() == USER_NOTE.encode()

    differs = ("differs: email: chidi@new.example in the file, chidi@old.example in the note; "
               "phone: +1 555 0100 in the file, +1 555 0199 in the note")
    dry = run("import", tmp_path / "c.vcf", "--update", "--dry-run", "--vault", vault)
    assert dry.output.splitlines()[1:] == [
        "would fill People/Chidi Okonkwo.md (aliases: Chid; Company: Acme Health; Job Title: CMO; "
        "birthday: 1975-05-20; linkedin: https://www.linkedin.com/in/chidi-okonkwo; "
        f"tags: Mentors); {differs}",
        "Would create 0 notes; 1 contact in the vault already; would fill 6 fields in 1 note."]
    assert (vault / "People/Chidi Okonkwo.md").read_bytes() == USER_NOTE.encode()

    assert run("import", tmp_path / "c.vcf", "--update", "--vault", vault).exit_code == 0
    assert (vault / "People/Chidi Okonkwo.md").read_bytes() == USER_NOTE.replace(
        "Company:\r\n", "Company: Acme Health\r\n").replace(
        'Job Title: ""\r\n', "Job Title: CMO\r\n").replace(
        "tags: []\r\n", "tags: [Mentors]\r\n"
        "aliases: [Chid]\r\n"
        "birthday: \"1975-05-20\"\r\n"
        "linkedin: \"https://www.linkedin.com/in/chidi-okonkwo\"\r\n").encode()
    chidi = load(vault, TODAY).index.people[0]
    assert chidi.fields.orgs == ("Acme Health",) and chidi.fields.aliases == ("Chid",)
    assert chidi.fields.emails == ("chidi@old.example",) and chidi.fields.tags == ("mentors",)

    after = snapshot(vault)
    again = run("import", tmp_path / "c.vcf", "--update", "--vault", vault)
    assert again.output.splitlines()[1:] == [
        f"exists People/Chidi Okonkwo.md ({differs.removeprefix('differs: ')})",
        "Created 0 notes; 1 contact in the vault already."]
    assert snapshot(vault) == after


def test_contacts_match_by_email_then_profile_url_then_name(make_vault, run, tmp_path):
    vault = make_vault({
        "People/Sam Lee.md": person("Sam Lee", email="sam@example.org"),
        "People/Samuel Lee.md": person("Samuel Lee", url='"https://www.linkedin.com/in/samlee/"'),
    })
    (tmp_path / "c.vcf").write_text(
        vcard("FN:Samuel Lee", "EMAIL:SAM@example.org")  # email first, before the name
        + vcard("FN:S. Lee", "URL:http://uk.linkedin.com/in/SamLee?trk=profile")  # profile
        + vcard("FN:Prof. Sam Lee, PhD 🎓"), encoding="utf-8")  # name
    before = snapshot(vault)
    result = run("import", tmp_path / "c.vcf", "--update", "--json", "--vault", vault)
    report = json.loads(result.output)
    assert report["created"] == []
    assert [(m["name"], m["path"]) for m in report["matched"]] == [
        ("Samuel Lee", "People/Sam Lee.md"), ("S. Lee", "People/Samuel Lee.md"),
        ("Sam Lee", "People/Sam Lee.md")]
    assert snapshot(vault) == before  # the profile is in `url` already: no `linkedin` added


def test_a_contact_two_notes_could_be_is_left_alone_and_named(make_vault, run, tmp_path):
    """Two notes named John Smith (or holding one email): a contact matched by that name or email
    alone is neither's for sure, so neither is filled, no third note is made, and it is named;
    one its email tells apart is matched."""
    vault = make_vault({
        "People/Home/John Smith.md": person("John Smith", role="friend", email="js@home.example"),
        "People/Work/John Smith.md": person("John Smith", role="colleague"),
        "People/Ann Lee.md": person("Ann Lee", email="team@example.org"),
        "People/Bo Chen.md": person("Bo Chen", email="team@example.org"),
    })
    (tmp_path / "c.vcf").write_text(
        vcard("FN:John Smith", "ORG:Acme") + vcard("FN:Team", "EMAIL:team@example.org")
        + vcard("FN:John Smith", "EMAIL:js@home.example", "TITLE:Cook"), encoding="utf-8")
    before = snapshot(vault)
    result = run("import", tmp_path / "c.vcf", "--update", "--json", "--vault", vault)
    report = json.loads(result.output)
    assert report["created"] == []
    assert [(m["name"], m["path"]) for m in report["matched"]] == [
        ("John Smith", "People/Home/John Smith.md")]
    assert [p["message"] for p in report["problems"]] == [
        "John Smith: could be any of People/Home/John Smith.md, People/Work/John Smith.md, "
        "which share its name, email or LinkedIn profile; left alone",
        "Team: could be any of People/Ann Lee.md, People/Bo Chen.md, which share its name, "
        "email or LinkedIn profile; left alone"]
    after = snapshot(vault)
    assert after.pop("People/Home/John Smith.md") != before.pop("People/Home/John Smith.md")
    assert after == before  # (the cook's title alone filled, in the note the email names)



def test_ambiguity_folded_aliased_or_told_apart_by_a_second_email(make_vault, run, tmp_path):
    """Two Carol Díaz notes are two for `Carol Diaz` too (a review), and so are two notes with
    one alias; a contact with a shared email and an email of one note alone is that note's."""
    vault = make_vault({
        "People/Home/Carol Díaz.md": person("Carol Díaz", role="friend"),
        "People/Work/Carol Díaz.md": person("Carol Díaz", role="colleague"),
        "People/Jim Jones.md": person("Jim Jones", aliases="[JJ Abel]"),
        "People/Jill Abel.md": person("Jill Abel", aliases="[JJ Abel]"),
        "People/Ann Lee.md": person("Ann Lee", email="[team@example.org, ann@example.org]"),
        "People/Bo Chen.md": person("Bo Chen", email="team@example.org"),
    })
    (tmp_path / "c.vcf").write_text(
        vcard("FN:Carol Diaz", "ORG:Acme") + vcard("FN:JJ Abel", "ORG:Acme")
        + vcard("FN:A. Lee", "EMAIL:team@example.org", "EMAIL:ann@example.org", "TITLE:Cook"),
        encoding="utf-8")
    report = json.loads(run("import", tmp_path / "c.vcf", "--update", "--json", "--vault",
                            vault).output)
    assert (report["created"], [m["path"] for m in report["matched"]]) == (
        [], ["People/Ann Lee.md"])
    assert [p["message"].partition(":")[0] for p in report["problems"]] == ["Carol Diaz",
                                                                              "JJ Abel"]



def test_a_linkedin_profile_two_notes_hold_is_ambiguous(make_vault, run, tmp_path):
    vault = make_vault({
        "People/A/Li Wu.md": person("Li Wu", linkedin='"https://www.linkedin.com/in/liwu"'),
        "People/B/Li Wu Chen.md": person("Li Wu Chen", url='"https://linkedin.com/in/liwu/"'),
    })
    (tmp_path / "c.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Li,W.,https://www.linkedin.com/in/liwu,,Acme,Engineer,01 Feb 2020\n", encoding="utf-8")
    before = snapshot(vault)
    report = json.loads(run("import", tmp_path / "c.csv", "--update", "--json", "--vault",
                            vault).output)
    assert (report["created"], report["matched"]) == ([], [])
    assert [p["message"] for p in report["problems"]] == [
        "Li W.: could be any of People/A/Li Wu.md, People/B/Li Wu Chen.md, which share its "
        "name, email or LinkedIn profile; left alone"]
    assert snapshot(vault) == before


def test_what_one_contact_tells_of_a_person_matches_the_next_ones(make_vault, run, tmp_path):
    vault = make_vault({"People/Chidi Okonkwo.md": person("Chidi Okonkwo")})
    (tmp_path / "c.vcf").write_text(
        vcard("FN:Dr. Chidi Okonkwo", "EMAIL:chidi@example.org")  # by name
        + vcard("FN:C. Okonkwo", "EMAIL:CHIDI@example.org"), encoding="utf-8")  # by that email
    before = snapshot(vault)
    for _ in range(2):
        result = run("import", tmp_path / "c.vcf", "--vault", vault)
        assert [line.split(" (")[0] for line in result.output.splitlines()[1:3]] == [
            "exists People/Chidi Okonkwo.md", "exists People/Chidi Okonkwo.md"]
        assert snapshot(vault) == before

def test_one_person_several_times_in_one_file_is_one_note_with_what_they_hold(make_vault, run,
                                                                              tmp_path):
    vault = make_vault({})
    (tmp_path / "c.vcf").write_text(
        vcard("FN:Dr. Chidi Okonkwo", "EMAIL:chidi@example.org",
              "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/chidi-okonkwo")
        + vcard("FN:Chidi Okonkwo 🚀", "TEL:+1 555 0100", "EMAIL:chidi@other.example")
        + vcard("FN:C. O.", "URL:https://linkedin.com/in/Chidi-Okonkwo/", "TITLE:CMO"),
        encoding="utf-8")
    result = run("import", tmp_path / "c.vcf", "--vault", vault)
    assert result.output.splitlines()[1:] == [
        "created People/Chidi Okonkwo.md",
        "exists People/Chidi Okonkwo.md",
        "exists People/Chidi Okonkwo.md",
        "Created 1 note; 2 contacts in the vault already."]
    text = (vault / "People/Chidi Okonkwo.md").read_text(encoding="utf-8")
    assert "email: [chidi@example.org, chidi@other.example]\nphone: \"+1 555 0100\"\n" in text
    assert "title: CMO\n" in text
    assert sorted(p.name for p in (vault / "People").iterdir()) == ["Chidi Okonkwo.md"]


def test_nicknames_and_labels_join_the_templates_aliases_and_tags(make_vault, run, tmp_path):
    vault = make_vault({"Templates/Person.md": "---\ntype: person\naliases: []\ntags: [person]\n"
                                               "---\n# {{title}}\n"})
    (tmp_path / "google.csv").write_text(
        "First Name,Last Name,Nickname,Labels,E-mail 1 - Value\n"
        "Kai,Berg,Kaibo,* myContacts ::: Book Club ::: * starred,kai@example.org\n"
        "Dr. Mei,\"Lin, PhD\",,* myContacts,mei@example.org\n", encoding="utf-8")
    result = run("import", tmp_path / "google.csv", "--vault", vault)
    assert result.output.splitlines()[1:3] == ["created People/Kai Berg.md",
                                               "created People/Mei Lin.md"]
    assert (vault / "People/Kai Berg.md").read_text(encoding="utf-8") == (
        "---\ntype: person\naliases: [Kaibo]\ntags: [person, Book-Club]\n"
        "email: kai@example.org\n---\n# Kai Berg\n")
    kai = next(p for p in load(vault, TODAY).index.people if p.name == "Kai Berg")
    assert kai.fields.tags == ("book-club", "person") and kai.fields.aliases == ("Kaibo",)
    assert run("check", "--vault", vault).exit_code == 0


def test_update_leaves_a_note_it_cannot_read_alone_and_says_so(make_vault, run, tmp_path):
    broken = "---\ntype: person\norg: [unclosed\n---\n# Chidi Okonkwo\n"
    vault = make_vault({"People/Chidi Okonkwo.md": broken})
    (tmp_path / "c.vcf").write_text(FULL_CARD, encoding="utf-8")
    result = run("import", tmp_path / "c.vcf", "--update", "--vault", vault)
    assert result.exit_code == 0
    assert (vault / "People/Chidi Okonkwo.md").read_text(encoding="utf-8") == broken
    assert any("People/Chidi Okonkwo.md" in line and "were not filled" in line
               for line in result.output.splitlines()), result.output


def test_update_writes_nothing_over_a_note_edited_meanwhile(make_vault, run, tmp_path, monkeypatch):
    from vaultnet.sources import contact_import

    vault = make_vault({"People/Chidi Okonkwo.md": USER_NOTE})
    (tmp_path / "c.vcf").write_text(FULL_CARD, encoding="utf-8")
    edited = USER_NOTE + "- 2026-01-06 Call #call\r\n"
    fill = contact_import.fill_fields

    def edit_meanwhile(*args, **kwargs):  # the user saves the note while vaultnet fills it
        (vault / "People/Chidi Okonkwo.md").write_bytes(edited.encode())
        return fill(*args, **kwargs)

    monkeypatch.setattr(contact_import, "fill_fields", edit_meanwhile)
    result = run("import", tmp_path / "c.vcf", "--update", "--vault", vault)
    assert result.exit_code == 0
    assert (vault / "People/Chidi Okonkwo.md").read_bytes() == edited.encode()
    assert "People/Chidi Okonkwo.md: changed while vaultnet was filling its fields; nothing was " \
           "written" in result.output
    assert result.output.splitlines()[-1] == (
        "Created 0 notes; 1 contact in the vault already; 1 problem (above).")


def test_a_file_that_is_no_contacts_is_an_error(make_vault, run, tmp_path):
    vault = make_vault({})
    (tmp_path / "notes.txt").write_text("just some text\n")
    result = run("import", tmp_path / "notes.txt", "--vault", vault)
    assert result.exit_code == 1
    assert "notes.txt" in result.output and "not a vCard file" in result.output


# -- export ---------------------------------------------------------------------------------------

EXPORT_VAULT = {
    "People/Jane Doe.md": person("Jane Doe", "## Log\n- 2026-08-01 Coffee #met\n", role="mentor",
                                 topics="[civic tech, sensors]", knows='["[[Bob Roe]]"]'),
    "People/Bob Roe.md": person("Bob Roe", role="peer", topics="[civic tech]"),
}


def test_export_graphml_gexf_and_json_read_back(make_vault, run, tmp_path):
    vault = make_vault(EXPORT_VAULT)
    graph = load(vault, TODAY).graph
    readers = {"graphml": nx.read_graphml, "gexf": nx.read_gexf,
               "json": lambda p: nx.node_link_graph(json.loads(p.read_text()), edges="edges")}
    for fmt, read in readers.items():
        out = tmp_path / f"network.{fmt}"
        result = run("export", "--format", fmt, "-o", out, "--vault", vault)
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"wrote {out} ({fmt}, ")
        back = read(out)
        assert set(back.nodes) == set(graph.nodes)
        assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
        assert back.nodes["person:People/Jane Doe.md"]["role"] == "mentor"


def test_export_the_agenda_as_a_calendar_to_stdout(make_vault, run):
    vault = make_vault(EXPORT_VAULT)
    result = run("export", "--format", "ics", "-o", "-", "--vault", vault, "--today", "2026-11-25")
    assert result.exit_code == 0
    calendar = icalendar.Calendar.from_ical(result.output)
    events = [e for e in calendar.walk("VEVENT")]
    assert sorted(str(e["SUMMARY"]) for e in events) == [
        "Get in touch with Bob Roe", "Get in touch with Jane Doe"]
    assert {e["DTSTART"].to_ical() for e in events} == {b"20261125"}


def test_export_refuses_to_write_over_a_note(make_vault, run):
    vault = make_vault(EXPORT_VAULT)
    before = snapshot(vault)
    result = run("export", "--format", "json", "-o", vault / "People/Bob Roe.md", "--vault", vault)
    assert result.exit_code == 1 and "does not write exports as notes" in result.output
    assert snapshot(vault) == before


def test_export_refuses_to_write_over_the_canvas_sync_writes(make_vault, run):
    """Network.canvas exported over the one sync wrote would be a file sync no longer knows; an
    export of another name in the output folder is the user's file, which sync leaves alone."""
    vault = make_vault(EXPORT_VAULT)
    assert run("sync", "--vault", vault, "--today", "2026-11-25").exit_code == 0
    before = snapshot(vault)
    (vault / "Sub").mkdir()
    os.symlink(vault / "Network", vault / "Sub/Out")
    for name in ("Network/Network.canvas", "Network/network.CANVAS", "Sub/Out/Network.canvas"):
        result = run("export", "--format", "canvas", "-o", vault / name, "--force", "--vault", vault)
        assert result.exit_code == 1 and "is the canvas `vaultnet sync` writes" in result.output
    assert snapshot(vault) == before
    kept = run("export", "--format", "ics", "-o", vault / "Network/agenda.ics", "--vault", vault)
    assert kept.exit_code == 0, kept.output
    again = run("sync", "--vault", vault, "--today", "2026-11-25")
    assert again.exit_code == 0 and "Left alone" not in again.output


def test_export_replaces_a_file_only_when_told(make_vault, run, tmp_path):
    vault = make_vault(EXPORT_VAULT)
    board = tmp_path / "Board.canvas"
    board.write_text('{"nodes": [], "edges": []}')
    refused = run("export", "--format", "canvas", "-o", board, "--vault", vault)
    assert refused.exit_code == 1 and "add --force" in refused.output
    assert board.read_text() == '{"nodes": [], "edges": []}'
    forced = run("export", "--format", "canvas", "-o", board, "--force", "--vault", vault)
    assert forced.exit_code == 0 and '"nodes"' in board.read_text()
    os.symlink(board, tmp_path / "link.canvas")
    linked = run("export", "--format", "canvas", "-o", tmp_path / "link.canvas", "--force",
                 "--vault", vault)
    assert linked.exit_code == 1 and "not a plain file" in linked.output
    new_note = run("export", "--format", "json", "-o", tmp_path / "new.md", "--vault", vault)
    assert new_note.exit_code == 1 and not (tmp_path / "new.md").exists()


def test_a_dry_run_of_update_refuses_a_read_only_note_as_the_update_does(make_vault, run,
                                                                         tmp_path):
    """A note without a write bit is read-only to vaultnet, even run as root."""
    vault = make_vault({"People/Chidi Okonkwo.md": USER_NOTE})
    (vault / "People/Chidi Okonkwo.md").chmod(0o444)
    (tmp_path / "c.vcf").write_text(FULL_CARD, encoding="utf-8")
    before = snapshot(vault)
    dry = run("import", tmp_path / "c.vcf", "--update", "--dry-run", "--vault", vault)
    real = run("import", tmp_path / "c.vcf", "--update", "--vault", vault)
    assert snapshot(vault) == before
    assert "People/Chidi Okonkwo.md: is read-only (it has no write permission)" in real.output
    assert dry.output.replace("Would create", "Created") == real.output
    assert dry.exit_code == real.exit_code


# -- cards of companies and groups ------------------------------------------------------------


def test_cards_of_companies_and_groups_are_skipped_and_counted(make_vault, run, tmp_path):
    # They were person notes (Acme Plumbing Ltd.md, The Doe family.md), while Google's row of the
    # same company was skipped as "no name": now each is skipped alike, named and counted.
    vault = make_vault({})
    cards = "".join(f"BEGIN:VCARD\r\nVERSION:{version}\r\n{body}END:VCARD\r\n" for version, body in [
        ("3.0", "N:;;;;\r\nFN:Acme Plumbing Ltd\r\nORG:Acme Plumbing Ltd;\r\nX-ABShowAs:COMPANY\r\n"),
        ("4.0", "KIND:org\r\nFN:ABC Inc.\r\nORG:ABC Inc.\r\n"),
        ("4.0", "KIND:group\r\nFN:The Doe family\r\nMEMBER:urn:uuid:03a0e51f\r\n"),
        ("3.0", "X-ADDRESSBOOKSERVER-KIND:group\r\nFN:Book Club\r\n"),
        ("3.0", "N:Roe;Jane;;;\r\nFN:Jane Roe\r\nORG:Acme\r\nX-ABShowAs:COMPANY\r\n"),  # a person
        ("4.0", "KIND:individual\r\nFN:Sam Lee\r\n"),
    ])
    (tmp_path / "c.vcf").write_text(cards, encoding="utf-8")
    (tmp_path / "g.csv").write_text("First Name,Last Name,Organization Name,Phone 1 - Value\n"
                                    ",,Acme Plumbing Ltd,+44 20 0000\n,,,+44 20 1111\n",
                                    encoding="utf-8")
    result = run("import", tmp_path / "c.vcf", "--vault", vault)
    source = tmp_path / "c.vcf"
    assert (result.exit_code, result.output.splitlines()) == (0, [
        f"{source}: vCard, 2 contacts",
        "created People/Jane Roe.md",
        "created People/Sam Lee.md",
        f"{source}:1: Acme Plumbing Ltd: the card of a company (X-ABShowAs:COMPANY), not of a "
        "person; skipped",
        f"{source}:8: ABC Inc.: the card of a company (KIND:org), not of a person; skipped",
        f"{source}:14: The Doe family: the card of a group (KIND:group), not of a person; skipped",
        f"{source}:20: Book Club: the card of a group (X-ADDRESSBOOKSERVER-KIND:group), not of a "
        "person; skipped",
        "Created 2 notes; 0 contacts in the vault already; skipped 4 cards of companies or groups "
        "(above)."])
    assert sorted(p.name for p in (vault / "People").iterdir()) == ["Jane Roe.md", "Sam Lee.md"]
    before = snapshot(vault)
    google = tmp_path / "g.csv"
    result = run("import", google, "--vault", vault, "--json")
    assert json.loads(result.output)["skipped"] == [{
        "path": str(google), "line": 2, "hint": "",
        "message": "Acme Plumbing Ltd: the card of a company (an organisation, no name), not of a "
                   "person; skipped"}]
    result = run("import", google, "--vault", vault)
    assert result.output.splitlines()[1:] == [
        f"{google}:2: Acme Plumbing Ltd: the card of a company (an organisation, no name), not of "
        "a person; skipped",
        f"{google}:3: this contact has no name; skipped",
        "Created 0 notes; 0 contacts in the vault already; skipped 1 card of a company or group "
        "(above); 1 problem (above)."]
    assert snapshot(vault) == before


# -- two cards of one name --------------------------------------------------------------------


def test_two_cards_of_one_name_with_other_emails_are_one_person_unless_a_field_differs(
        make_vault, run, tmp_path):
    # They were one note, the second card's organisation and phone mixed into the first's and its
    # email dropped. Now the second card is merged, with both emails, when nothing it holds
    # differs from the first's; else it is left alone and named, on every import of the file.
    vault = make_vault({})
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\nEMAIL:{}\r\n{}END:VCARD\r\n"
    source = tmp_path / "c.vcf"
    source.write_text(card.format("John Smith", "john@acme.com", "")
                      + card.format("John Smith", "jsmith@beta.org", "ORG:Beta Labs\r\n")
                      + card.format("Ann Lee", "ann@acme.com", "ORG:Acme\r\nTITLE:CTO\r\n")
                      + card.format("Dr. Ann Lee", "ann@beta.org",
                                    "ORG:Beta Labs\r\nTEL:+1 555 0100\r\n"),
                      encoding="utf-8")
    clash = (f"{source}:19: Ann Lee: the card at line 12 has this name too, with other emails "
             "(ann@acme.com, here ann@beta.org) and another org (Acme, here Beta Labs), so it may "
             "be someone else; left alone")
    result = run("import", source, "--vault", vault)
    assert result.output.splitlines()[1:] == [
        "created People/John Smith.md", "created People/Ann Lee.md",
        "exists People/John Smith.md", clash,
        "Created 2 notes; 1 contact in the vault already; 1 problem (above)."]
    assert (vault / "People/John Smith.md").read_text(encoding="utf-8") == (
        "---\ntype: person\nrole:\norg: Beta Labs\ntopics: []\ncadence:\n"
        "email: [john@acme.com, jsmith@beta.org]\n---\n# John Smith\n\n## Log\n")
    assert (vault / "People/Ann Lee.md").read_text(encoding="utf-8") == (
        "---\ntype: person\nrole:\norg: Acme\ntopics: []\ncadence:\ntitle: CTO\n"
        "email: ann@acme.com\n---\n# Ann Lee\n\n## Log\n")
    before = snapshot(vault)
    for update in ((), ("--update",)):
        again = run("import", source, "--vault", vault, *update)
        assert again.output.splitlines()[1:] == [
            "exists People/John Smith.md", "exists People/John Smith.md",
            "exists People/Ann Lee.md", clash,
            "Created 0 notes; 3 contacts in the vault already; 1 problem (above)."]
        assert snapshot(vault) == before
