"""Twins: a second note for someone the vault has under the same name, but for case and accents.

`vaultnet add "Carol Diaz"` beside `People/Carol Díaz.md` (or a note with the alias `Carol Díaz`)
refuses, naming that note, unless `--different-person` says they are someone else; a contact
`FN:Carol Diaz` is the person of `Carol Díaz.md`, as a contact of the very same name would be.
Names are compared as `vaultnet log`'s "did you mean" compares them (`base.text.sort_key`): a
Latin letter's accents and case set aside, other scripts' letters kept; and as the imports match
names (`base.person_names.name_keys`), without honorifics or credentials (`Dr. Carol Diaz`), but
with a word kept that may be the given name (`Hon Lam`). And `--org` given twice writes both
organisations, as the note format allows a list there.
"""

from __future__ import annotations

import unicodedata

import pytest
from conftest import TODAY, add_refused, person, snapshot

from vaultnet.base.person_names import name_key
from vaultnet.pipeline.sync import load

ON = ("--today", TODAY.isoformat())
NEW = "---\ntype: person\nrole:\norg:\ntopics: []\ncadence:\n{fields}---\n# {name}\n\n## Log\n"


def new_note(name: str, *fields: str) -> str:
    """A note as `add` and `import` make it from the default template, with these fields."""
    return NEW.format(name=name, fields="".join(f"{line}\n" for line in fields))


def vcard(*lines: str) -> str:
    return "".join(f"{line}\r\n" for line in ("BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"))


refused = add_refused


# -- add: a name the vault has, but for case and accents ----------------------------------------


@pytest.mark.parametrize("note, name", [
    ("Carol Díaz", "Carol Diaz"),
    ("carol díaz", "Carol Diaz"),
    ("CAROL DÍAZ", "carol diaz"),
    ("Carol Diaz", "Carol Díaz"),
    ("Carol Díaz", unicodedata.normalize("NFD", "Carol Dìaz")),
    ("Łukasz Żak", "Lukasz Zak"),
    ("Zoë Ångström", "zoe angstrom"),
    ("Sean O'Brien", "sean o\u2019brien"),  # as a phone types it
    ("Seán O\u2019Brien", "Sean O'Brien"),
])
def test_add_refuses_a_name_that_differs_only_in_case_and_accents(make_vault, run, note, name):
    vault = make_vault({f"People/{note}.md": person(note, role="peer")})
    assert refused(run, vault, name) == (
        f'Error: People/{note}.md: "{note}" is the name "{name}" but for case, accents or '
        "apostrophes, so it may be the same person; nothing was written. To add to their note, use "
        f'`vaultnet log "{note}" …`; if {name} is someone else, run `vaultnet add` again with '
        "--different-person\n")


def refused_then_made(make_vault, run, note: str, name: str, why: str) -> None:
    """`add NAME` beside the note `note` is refused as maybe the same person, for `why`, and
    made with `--different-person`."""
    vault = make_vault({f"People/{note}.md": person(note, role="peer")})
    assert refused(run, vault, name) == (
        f"Error: People/{note}.md: {why}, so it may be the same person; nothing was written. To "
        f'add to their note, use `vaultnet log "{note}" …`; if {name} is someone else, run '
        "`vaultnet add` again with --different-person\n")
    made = run("add", name, "--different-person", "--vault", vault, *ON)
    assert made.exit_code == 0, made.output

@pytest.mark.parametrize(("note", "name"), [("Carol Diaz", "Diaz, Carol"),
                                          ("Carol Díaz", "diaz, carol"),  # (a twin of it)
                                          ("Jürgen Müller", "Müller, Jürgen")])
def test_add_refuses_a_name_written_family_name_first(make_vault, run, note, name):
    """`add "Diaz, Carol"` beside `Carol Diaz.md` made a second note, and every import of Carol
    was then ambiguous (the imports match `Diaz, Carol` to her, as a contact written so): it is
    refused as a twin is, and `--different-person` goes on."""
    turned = " ".join(reversed([part.strip() for part in name.split(",")]))
    refused_then_made(make_vault, run, note, name,
                      f'"{name}" is the name "{turned}" written family name first')


@pytest.mark.parametrize(("note", "name"), [
    ("Carol Diaz", "Dr. Carol Diaz"),
    ("Carol Diaz", "Carol Diaz PhD"),
    ("Carol Diaz", "Ms Carol Diaz"),
    ("Carol Diaz", "Prof. Carol Diaz, M.B.A. 🎓"),
    ("Carol Díaz", "dr carol diaz"),  # (and a twin of it)
    ("Dr. Carol Diaz", "Carol Diaz"),  # the note's name has the honorific
    ("Hon Lam", "Dr. Hon Lam"),  # Dr. is one, and Hon the given name after it
    ("山田 太郎", "山田太郎"),
    ("山田 太郎", "太郎 山田"),  # (the order of its parts, as the message says)
])
def test_add_refuses_a_name_with_an_honorific_or_credentials(make_vault, run, note, name):
    """`add "Dr. Carol Diaz"` beside `Carol Diaz.md` made a second note, and every import of
    Carol was then ambiguous (the imports match names without honorifics and credentials): it
    is refused as a twin is, and `--different-person` goes on."""
    refused_then_made(make_vault, run, note, name,
                      f'"{note}" is the name "{name}" but for honorifics, credentials, emoji, '
                      "punctuation, spacing or the order of its parts")


def test_add_refuses_a_name_with_an_honorific_that_is_an_alias_without_it(make_vault, run):
    vault = make_vault({"People/Caroline.md": person("Caroline", aliases='["Carol Diaz"]')})
    assert refused(run, vault, "Dr. Carol Diaz") == (
        'Error: People/Caroline.md: its alias "Carol Diaz" is the name "Dr. Carol Diaz" but for '
        "honorifics, credentials, emoji, punctuation, spacing or the order of its parts, so it "
        'may be the same person; nothing was written. To add to their note, use `vaultnet log '
        '"Caroline" …`; if Dr. Carol Diaz is someone else, run `vaultnet add` again with '
        "--different-person\n")


@pytest.mark.parametrize(("note", "name"), [
    ("Lam", "Hon Lam"),  # Hon, a Cantonese given name: nothing says it is an honorific here
    ("Hon Lam", "Lam"),
    ("Wai Lam", "Hon Wai Lam"),  # (a review's: Hon Wai is a given name too)
    ("Hon Wai Lam", "Wai Lam"),
    ("Carol Diaz", "Carol Diaz Jr."),  # a generation is part of the name: her son, say
    ("Carol Diaz", "Carole Diaz, PhD"),
])
def test_add_makes_a_note_for_a_name_that_is_more_than_an_honorific_away(make_vault, run,
                                                                          note, name):
    vault = make_vault({f"People/{note}.md": person(note)})
    result = run("add", name, "--vault", vault, *ON)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("created People/"), result.output


def test_a_name_is_matched_without_a_word_that_may_be_its_given_name():
    # The imports, with no given name apart (`FN:Hon Lam` alone), read Hon as an honorific;
    # `add`, whose NAME is all it has, keeps a word that would leave one word alone.
    assert name_key("Hon Lam") == "lam"
    assert name_key("Hon Lam", keep_given=True) == "hon lam"
    assert name_key("Dr. Hon Lam, PhD", keep_given=True) == "hon lam"
    assert name_key("Ms Lam", keep_given=True) == "ms lam"
    assert name_key("Dr. Carol Diaz", keep_given=True) == "carol diaz"
    # Hon without its dot may be a given name before two more words too; with it, it is not.
    assert name_key("Hon Wai Lam", keep_given=True) == "hon wai lam"
    assert name_key("Hon. Wai Lam", keep_given=True) == "wai lam"
    assert name_key("Dr Hon Wai Lam", keep_given=True) == "hon wai lam"


def test_a_name_with_a_comma_of_nobody_the_vault_has_is_added(make_vault, run):
    vault = make_vault({"People/Carol Diaz.md": person("Carol Diaz", role="peer")})
    assert run("add", "Stone, Bob", "--vault", vault, *ON).exit_code == 0
    assert (vault / "People/Stone, Bob.md").exists()


def test_add_refuses_an_alias_that_differs_only_in_accents(make_vault, run):
    vault = make_vault({"People/Caroline.md": person("Caroline", aliases='["Carol Díaz"]')})
    assert refused(run, vault, "Carol Diaz", "--org", "Acme") == (
        'Error: People/Caroline.md: its alias "Carol Díaz" is the name "Carol Diaz" but for '
        "case, accents or apostrophes, so it may be the same person; nothing was written. To "
        'add to their note, use `vaultnet log "Caroline" …`; if Carol Diaz is someone else, run '
        "`vaultnet add` again with --different-person\n")


@pytest.mark.parametrize("alias", ["Carol Diaz", "carol diaz"])
def test_add_still_refuses_an_alias_of_that_very_name(make_vault, run, alias):
    vault = make_vault({"People/Caroline.md": person("Caroline", aliases=f'["{alias}"]')})
    assert refused(run, vault, "Carol Diaz") == (
        'Error: "Carol Diaz" already has a note: People/Caroline.md\n')


def test_different_person_adds_the_twin_and_nothing_else(make_vault, run):
    vault = make_vault({"People/Carol Díaz.md": person("Carol Díaz")})
    before = snapshot(vault)
    result = run("add", "Carol Diaz", "--different-person", "--vault", vault, *ON)
    assert result.exit_code == 0, result.output
    assert result.output == "created People/Carol Diaz.md\n"
    assert snapshot(vault) == {**before, "People/Carol Diaz.md": new_note("Carol Diaz").encode()}
    assert sorted(p.name for p in load(vault, TODAY).index.people) == ["Carol Diaz", "Carol Díaz"]


def test_different_person_does_not_make_a_second_note_of_the_very_same_name(make_vault, run):
    vault = make_vault({"People/Carol Díaz.md": person("Carol Díaz"),
                        "People/Carol Diaz.md": person("Carol Diaz")})
    assert refused(run, vault, "carol diaz", "--different-person") == (
        'Error: "carol diaz" already has a note: People/Carol Diaz.md\n')


@pytest.mark.parametrize("note, name", [
    ("Иоанна Петрова", "Йоанна Петрова"),  # Й is a letter of its own, not И with a mark
    ("Jo Ann Lee", "JoAnn Lee"),
    ("Carol Diaz", "Carole Diaz"),
])
def test_add_makes_a_note_for_a_name_that_differs_in_more(make_vault, run, note, name):
    vault = make_vault({f"People/{note}.md": person(note)})
    result = run("add", name, "--vault", vault, *ON)
    assert result.exit_code == 0, result.output
    assert result.output == f"created People/{name}.md\n"


# -- add: --org twice -----------------------------------------------------------------------------


def test_add_writes_every_organisation_given(make_vault, run):
    vault = make_vault({})
    result = run("add", "Ann Lee", "--org", "Acme", "--org", "[[Initech]]", "--vault", vault, *ON)
    assert result.exit_code == 0, result.output
    assert (vault / "People/Ann Lee.md").read_text() == (
        '---\ntype: person\nrole:\norg: [Acme, "[[Initech]]"]\ntopics: []\ncadence:\n---\n'
        "# Ann Lee\n\n## Log\n")
    ann = load(vault, TODAY).index.people[0]
    assert ann.fields.orgs == ("Acme",)
    assert [link.target for link in ann.fields.org_links] == ["Initech"]


def test_add_writes_one_organisation_as_before(make_vault, run):
    vault = make_vault({})
    assert run("add", "Ann Lee", "--org", "Acme", "--vault", vault, *ON).exit_code == 0
    assert "\norg: Acme\n" in (vault / "People/Ann Lee.md").read_text()


def test_add_names_the_organisation_that_cannot_be_written(make_vault, run):
    vault = make_vault({})
    assert refused(run, vault, "Ann Lee", "--org", "Acme", "--org", "{{date}}") == (
        "Error: the organisation '{{date}}' (--org) cannot be written as given: {{date}} marks "
        "a template, and vaultnet would not read the note as a person; nothing was written\n")


# -- import: a contact whose name is a note's, but for case and accents --------------------------


def test_a_contact_is_the_person_whose_note_differs_only_in_accents(make_vault, run, tmp_path):
    vault = make_vault({"People/Carol Díaz.md": person("Carol Díaz", role="peer")})
    source = tmp_path / "c.vcf"
    source.write_text(vcard("FN:Carol Diaz", "EMAIL:carol@example.org"), encoding="utf-8")
    before = snapshot(vault)
    result = run("import", source, "--vault", vault)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        "exists People/Carol Díaz.md (email: carol@example.org in the file, — in the note)",
        "Created 0 notes; 1 contact in the vault already; --update would fill 1 empty field in "
        "1 note."]
    assert snapshot(vault) == before

    result = run("import", source, "--update", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert snapshot(vault) == {**before, "People/Carol Díaz.md": person(
        "Carol Díaz", role="peer", email="carol@example.org").encode()}
    assert [p.name for p in load(vault, TODAY).index.people] == ["Carol Díaz"]


@pytest.mark.parametrize("card", ["FN:carol diaz", "FN:CAROL DIAZ", "FN:Carol Dìaz"])
def test_a_contact_matches_an_alias_that_differs_only_in_case_and_accents(make_vault, run,
                                                                          tmp_path, card):
    vault = make_vault({"People/Caroline.md": person("Caroline", aliases='["Carol Díaz"]')})
    source = tmp_path / "c.vcf"
    source.write_text(vcard(card), encoding="utf-8")
    before = snapshot(vault)
    result = run("import", source, "--vault", vault)
    assert result.output.splitlines()[1:] == [
        "exists People/Caroline.md", "Created 0 notes; 1 contact in the vault already."]
    assert snapshot(vault) == before


def test_the_very_same_name_comes_before_one_that_differs_in_accents(make_vault, run, tmp_path):
    vault = make_vault({"People/Carol Díaz.md": person("Carol Díaz"),
                        "People/Carol Diaz.md": person("Carol Diaz")})
    source = tmp_path / "c.vcf"
    source.write_text(vcard("FN:Carol Diaz") + vcard("FN:Carol Díaz"), encoding="utf-8")
    before = snapshot(vault)
    result = run("import", source, "--vault", vault)
    assert result.output.splitlines()[1:] == [
        "exists People/Carol Diaz.md", "exists People/Carol Díaz.md",
        "Created 0 notes; 2 contacts in the vault already."]
    assert snapshot(vault) == before


def test_two_contacts_of_one_file_that_differ_in_accents_make_one_note(make_vault, run, tmp_path):
    vault = make_vault({})
    source = tmp_path / "c.vcf"
    source.write_text(vcard("FN:Carol Díaz", "EMAIL:carol@example.org")
                      + vcard("FN:Carol Diaz", "TEL:+34 600 000 000"), encoding="utf-8")
    result = run("import", source, "--vault", vault)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        "created People/Carol Díaz.md", "exists People/Carol Díaz.md",
        "Created 1 note; 1 contact in the vault already."]
    assert snapshot(vault) == {"People/Carol Díaz.md": new_note(
        "Carol Díaz", "email: carol@example.org", 'phone: "+34 600 000 000"').encode()}
    # and the same file again changes nothing
    again = run("import", source, "--vault", vault)
    assert again.output.splitlines()[-1] == "Created 0 notes; 2 contacts in the vault already."


def test_a_contact_in_another_script_is_not_folded(make_vault, run, tmp_path):
    vault = make_vault({"People/Иоанна Петрова.md": person("Иоанна Петрова")})
    source = tmp_path / "c.vcf"
    source.write_text(vcard("FN:Йоанна Петрова"), encoding="utf-8")
    result = run("import", source, "--vault", vault)
    assert result.output.splitlines()[1] == "created People/Йоанна Петрова.md"


def test_add_refuses_a_name_a_note_that_is_no_persons_has(make_vault, run):
    """`Jane Doe.md` at the vault's top, a note about her with no `type`: a note made for her in
    People/ would be passed by every `[[Jane Doe]]` (they go to the note at the top), and her
    lunches lost; `add` names that note and how to make it hers."""
    vault = make_vault({"People/Ann.md": "---\ntype: person\n---\n# Ann\n",
                        "Jane Doe.md": "# Jane Doe\nMet her at the conf.\n",
                        "Daily/2026-11-20.md": "Lunch with [[Jane Doe]]\n"})
    result = run("add", "Jane Doe", "--vault", vault)
    assert (result.exit_code, result.output) == (1, (
        'Error: Jane Doe.md: a note named "Jane Doe" is there already, and is no person\'s, so a '
        "link [[Jane Doe]] would not go to a note made for them; nothing was written. To make it "
        "Jane Doe's note, add `type: person` to its frontmatter; if Jane Doe is someone else, run "
        "`vaultnet add` again with --different-person\n"))
    assert not (vault / "People/Jane Doe.md").exists()
    assert run("add", "Jane Doe", "--vault", vault, "--different-person").exit_code == 0
    assert (vault / "People/Jane Doe.md").exists()


def test_add_refuses_a_name_whose_note_is_in_an_ignored_folder(make_vault, run):
    """Archive/Jane Doe.md, left out by `ignore = ["Archive"]`, is still where every
    `[[Jane Doe]]` goes in Obsidian: a second note of that name in People/ would make the link
    ambiguous. `add` names that note and the setting, as it does a note that is no person's."""
    vault = make_vault({".vaultnet.toml": 'ignore = ["Archive"]\n',
                        "People/Ann.md": person("Ann", knows='["[[Jane Doe]]"]'),
                        "Archive/Old/Jane Doe.md": person("Jane Doe", role="colleague")})
    assert add_refused(run, vault, "jane doe") == (
        'Error: Archive/Old/Jane Doe.md: a note named "jane doe" is there already, which '
        "vaultnet does not read (it is in Archive, a folder the `ignore` setting leaves out), so "
        "a link [[jane doe]] would not go to a note made for them alone; nothing was written. To "
        "have vaultnet read it, take Archive out of `ignore` in .vaultnet.toml, or move the note "
        "out of it; if jane doe is someone else, run `vaultnet add` again with "
        "--different-person\n")
    assert run("add", "Jane Doe", "--vault", vault, "--different-person").exit_code == 0
    assert (vault / "People/Jane Doe.md").exists()
