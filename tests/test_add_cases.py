"""`vaultnet add` in the cases a fuzzing review found: a Templater template, a value that cannot be
written as given, and something other than a readable note where the new note would go.

Each refusal is checked for its exit code, its message (naming the file or the value, never a
template that was not used) and that the vault is as it was, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from conftest import TODAY, add_refused, person

from vaultnet.pipeline.sync import load

ON = ("--today", TODAY.isoformat())


def vault_hash(root: Path) -> str:
    """Every entry under `root`, by relative path: its kind, and a file's bytes or a link's target."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        if path.is_symlink():
            digest.update(b"link " + os.readlink(path).encode())
        elif path.is_dir():
            digest.update(b"folder")
        elif path.is_file():
            digest.update(b"file " + path.read_bytes())
        else:
            digest.update(b"other")
    return digest.hexdigest()


refused = add_refused


# -- 1. A Templater template: what vaultnet can fill is filled, the rest left empty ------------------

TEMPLATER = ('---\ntype: person\ncreated: <% tp.date.now("YYYY-MM-DD") %>\n'
             'company: <% tp.system.prompt("Company") %>\ntags:\n  - person\n'
             '  - <% tp.system.suggester(["a", "b"], ["a", "b"]) %>\n---\n'
             '# <% tp.file.title %>\n\nAdded <% tp.date.now("YYYY-MM-DD") %>\n\n## Log\n')


def test_add_fills_a_templater_template_and_the_note_reads_back_as_a_person(make_vault, run):
    vault = make_vault({"Templates/Person.md": TEMPLATER})
    result = run("add", "Templater Person", "--vault", vault, *ON)
    assert result.exit_code == 0, result.output
    assert result.output == "created People/Templater Person.md\n"
    assert (vault / "People/Templater Person.md").read_text() == (
        "---\ntype: person\ncreated: 2026-11-25\ncompany:\ntags:\n  - person\n---\n"
        "# Templater Person\n\nAdded 2026-11-25\n\n## Log\n")
    loaded = load(vault, TODAY)
    assert [p.name for p in loaded.index.people] == ["Templater Person"]
    assert loaded.problems == ()
    logged = run("log", "Templater Person", "hi", "--vault", vault, *ON)
    assert logged.exit_code == 0, logged.output


@pytest.mark.parametrize(("line", "want"), [
    ('created: <% tp.date.now("YYYY-MM-DD") %>', "created: 2026-11-25"),
    ("created: '<%- tp.date.now('YYYY-MM-DD') -%>'", "created: '2026-11-25'"),
    ('created: <% tp.date.now("YYYY-MM-DD", 7) %>', "created: 2026-12-02"),
    ("created: <% tp.date.now() %>", "created: 2026-11-25"),
    ('created: <% tp.date.today("dddd, MMMM Do YYYY") %>', "created: Wednesday, November 25th 2026"),
    ('created: <% tp.date.yesterday("DD.MM.YY") %>', "created: 24.11.26"),
    ('created: <% tp.file.creation_date("YYYY-[W]WW") %>', "created: 2026-W48"),
    ("created: <% tp.file.creation_date() %>", "created:"),  # with the time: left empty
    ("created: {{date:YYYY/MM/DD}}", "created: 2026/11/25"),
    ("created: {{Date}}", "created: 2026-11-25"),
    ("created: {{time}}", "created:"),
    ('created: "{{time:HH:mm}}"', "created:"),
    ("created: <%* tR += 'x' %>", "created:"),
    ('topics: [<% tp.system.prompt("Topic") %>]', "topics: []"),
    ('topics: [maps, "<% tp.system.prompt("Topic") %>"]', "topics: [maps]"),
])
def test_add_fills_what_it_can_of_a_templater_template_and_empties_the_rest(
        make_vault, run, line, want):
    vault = make_vault({"Templates/Person.md": f"---\ntype: person\n{line}\n---\n# {{{{title}}}}\n"})
    result = run("add", "Ann Lee", "--vault", vault, *ON)
    assert result.exit_code == 0, result.output
    text = (vault / "People/Ann Lee.md").read_text()
    assert text == f"---\ntype: person\n{want}\n---\n# Ann Lee\n"
    loaded = load(vault, TODAY)
    assert [p.name for p in loaded.index.people] == ["Ann Lee"] and loaded.problems == ()


def test_add_fills_a_templater_field_it_is_given(make_vault, run):
    template = ("---\ntype: person\ncompany: <% tp.system.prompt('Company') %>\n"
                "created: <% tp.date.now() %>\n---\n")
    vault = make_vault({"Templates/Person.md": template})
    result = run("add", "Ann Lee", "--org", "Initech", "--vault", vault, *ON)
    assert result.exit_code == 0, result.output
    assert (vault / "People/Ann Lee.md").read_text() == (
        "---\ntype: person\ncompany: Initech\ncreated: 2026-11-25\n---\n")


def test_add_names_the_template_and_its_placeholder_when_emptying_it_cannot_help(make_vault, run):
    vault = make_vault({"Templates/Person.md":
                        '---\ntype: person\n<% tp.system.prompt("Field") %>: x\n---\n'})
    output = refused(run, vault, "Ann Lee")
    assert "Templates/Person.md" in output and "person template" in output
    assert '<% tp.system.prompt("Field") %>' in output and "nothing was written" in output


def test_add_refuses_a_person_whose_note_holds_a_placeholder_still(make_vault, run):
    """What an older vaultnet left: the person's note, read as a template. A second note for the
    same person would be a duplicate."""
    vault = make_vault({"People/Templater Person.md": TEMPLATER.replace(
        "<% tp.file.title %>", "Templater Person")})
    output = refused(run, vault, "Templater Person")
    assert "People/Templater Person.md: " in output and "template" in output
    assert '"Templater Person"' in output and "nothing was written" in output


# -- 2. A value that cannot be written as given is named, not the template -----------------------

BAD_VALUES = [
    (("[[x]]",), "the name '[[x]]'"),
    (("X", "--topic", "#t"), "a topic '#t' (--topic)"),
    (("X", "--org", "[[Evil]]]] x"), "the organisation '[[Evil]]]] x' (--org)"),
    (("X", "--org", "{{date}}"), "the organisation '{{date}}' (--org)"),
    (("X", "--role", "<% x %>"), "the role '<% x %>' (--role)"),
    (("X", "--email", "a\tb@x.org"), "an email 'a\\tb@x.org' (--email)"),
    (("X", "--alias", "{{title}}"), "an alias '{{title}}' (--alias)"),
]


@pytest.mark.parametrize(("args", "named"), BAD_VALUES)
def test_add_names_the_value_that_cannot_be_written_not_a_template(make_vault, run, args, named):
    vault = make_vault({"People/Rosa.md": person("Rosa")})
    output = refused(run, vault, *args)
    assert named in output and "cannot be written as given" in output, output
    assert "nothing was written" in output
    assert "template" not in output.replace("marks a template", "")


@pytest.mark.parametrize(("args", "named"), BAD_VALUES)
def test_add_names_the_value_even_with_a_template_of_the_vault(make_vault, run, args, named):
    template = "---\ntags: [person]\ncreated: {{date}}\ncompany:\n---\n# {{title}}\n\n## Log\n"
    vault = make_vault({"Templates/Person.md": template})
    output = refused(run, vault, *args)
    assert named in output and "Templates/Person.md" not in output, output


@pytest.mark.parametrize(("args", "why"), [
    (("X", "--org", "{{date}}"), "{{date}} marks a template"),
    (("X", "--role", "<% x %>"), "<% x %> marks a template"),
    (("[[x]]",), "vaultnet would read it back as 'x'"),
    (("X", "--email", "a\tb@x.org"), "vaultnet would read it back as 'a b@x.org'"),
])
def test_add_says_why_a_value_cannot_be_written(make_vault, run, args, why):
    vault = make_vault({})
    assert why in refused(run, vault, *args)


# -- 3. Something other than a note where the new note would go ------------------------------------

def test_add_says_a_folder_is_where_the_note_would_go(make_vault, run):
    vault = make_vault({"People/Dir Person.md/inside.txt": "x"})
    output = refused(run, vault, "Dir Person")
    assert output == ('Error: People/Dir Person.md: is a folder, where the note of "Dir Person" '
                      "would go; nothing was written\n")


@pytest.mark.parametrize("target", ["outside.md", "gone.md"])
def test_add_says_a_symlink_out_of_the_vault_is_where_the_note_would_go(make_vault, run, tmp_path,
                                                                        target):
    vault = make_vault({"People/Rosa.md": person("Rosa")})
    (tmp_path / "outside.md").write_text(person("Someone"))
    os.symlink(tmp_path / target, vault / "People/Link Out.md")
    output = refused(run, vault, "Link Out")
    assert output.startswith("Error: People/Link Out.md: is a symlink that leads outside the "
                             "vault"), output
    assert "nothing was written" in output and "appeared" not in output


def test_add_says_a_symlink_loop_is_where_the_note_would_go(make_vault, run):
    vault = make_vault({"People/Rosa.md": person("Rosa")})
    os.symlink("Loop.md", vault / "People/Loop.md")
    output = refused(run, vault, "Loop")
    assert "People/Loop.md: is a symlink loop" in output and "appeared" not in output


def test_add_says_a_symlink_to_a_folder_is_where_the_note_would_go(make_vault, run):
    vault = make_vault({"Notes/a.md": "x"})
    (vault / "People").mkdir()
    os.symlink("../Notes", vault / "People/Folder Link.md")
    output = refused(run, vault, "Folder Link")
    assert "People/Folder Link.md: is a symlink to a folder" in output, output


# -- 4. A note vaultnet cannot read where the new note would go --------------------------------------

@pytest.mark.parametrize(("data", "why"), [
    (b"\x00\x01binary", "People/Jane Doe.md: is binary, not text (it contains NUL bytes)"),
    (b"---\ntype: person\n---\ncaf\xe9\n", "People/Jane Doe.md:4: is not valid UTF-8 (byte 24)"),
    (b"---\ntype: person\n---\n" + b"x" * 70_000, "People/Jane Doe.md: is 68 KB, larger than the 64 KB"),
])
def test_add_refuses_when_the_note_of_that_name_cannot_be_read(make_vault, run, data, why):
    vault = make_vault({"People/Jane Doe.md": data, ".vaultnet.toml": "max_note_bytes = 65536\n"})
    output = refused(run, vault, "Jane Doe")
    assert output.startswith(f"Error: {why}"), output
    assert 'the note of "Jane Doe" already' in output and "nothing was written" in output
    assert not (vault / "People/Jane Doe 2.md").exists()


def test_add_refuses_when_the_note_of_that_name_is_no_regular_file(make_vault, run):
    vault = make_vault({"People/Rosa.md": person("Rosa")})
    os.mkfifo(vault / "People/Jane Doe.md")
    output = refused(run, vault, "Jane Doe")
    assert output.startswith("Error: People/Jane Doe.md: is not a regular file"), output


def test_add_refuses_when_the_note_of_that_name_is_in_icloud_only(make_vault, run):
    vault = make_vault({"People/.Jane Doe.md.icloud": b"bplist00", "People/Rosa.md": person("Rosa")})
    output = refused(run, vault, "Jane Doe")
    assert output.startswith("Error: People/Jane Doe.md: is in iCloud only"), output


def test_add_still_numbers_a_name_taken_by_someone_else(make_vault, run):
    """The note of that file name is readable, and someone else's: the new one gets a number,
    past a later number that is a folder."""
    vault = make_vault({"People/AC-DC.md": person("AC-DC"), "People/AC-DC 2.md/x.txt": "x"})
    result = run("add", "AC/DC", "--vault", vault, *ON)
    assert result.exit_code == 0, result.output
    assert result.output == "created People/AC-DC 3.md\n"


def test_import_reports_a_contact_whose_note_cannot_be_read(make_vault, run):
    vault = make_vault({"People/Jane Doe.md": b"\x00binary", "People/Rosa.md": person("Rosa"),
                        "contacts.vcf": "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\nEND:VCARD\n"})
    result = run("import", vault / "contacts.vcf", "--vault", vault, *ON)
    assert "People/Jane Doe.md: is binary" in result.output, result.output
    assert not (vault / "People/Jane Doe 2.md").exists()


def test_an_organisation_given_as_a_link_is_written_as_one(make_vault, run):
    """`--org "[[Acme]]"`, as the note format writes an organisation with a note (it was
    refused: "would read it back as 'Acme'"), as `--met-via "[[Jane]]"` is taken."""
    vault = make_vault({"People/Jane.md": person("Jane"), "Organisations/Acme.md": "# Acme\n"})
    result = run("add", "Bo", "--org", "[[Acme]]", "--vault", vault, *ON)
    assert result.exit_code == 0, result.output
    assert 'org: "[[Acme]]"\n' in (vault / "People/Bo.md").read_text()
    (bo,) = [p for p in load(vault, TODAY).index.people if p.name == "Bo"]
    assert [link.target for link in bo.fields.org_links] == ["Acme"]


def test_prospect_and_another_status_are_refused(make_vault, run):
    """`--prospect --status active` wrote `status: prospect` without a word."""
    vault = make_vault({"People/Jane.md": person("Jane")})
    before = vault_hash(vault)
    result = run("add", "X5", "--prospect", "--status", "active", "--vault", vault, *ON)
    assert result.exit_code == 1
    assert "--prospect is `status: prospect`, and --status says 'active'" in result.output
    assert vault_hash(vault) == before
    assert run("add", "X6", "--prospect", "--status", "Prospect", "--vault", vault,
               *ON).exit_code == 0
