"""`vaultnet init`, `add` and `log`: the only commands that write the user's own notes.

Each test writes real notes, runs the command and compares bytes: `log` must add exactly one line
and keep every other byte (line endings, byte-order mark, frontmatter as written, a missing final
newline); `add` and `init` must create only new files.
"""

from __future__ import annotations

import json
import os
import stat
import unicodedata

import pytest
import yaml
from conftest import TODAY, person, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

import vaultnet.edits.log_entry as log_entry_module
from vaultnet.base.settings import Settings, load_settings
from vaultnet.edits.fields import set_fields, yaml_value
from vaultnet.edits.vault_init import PERSON_TEMPLATE, _settings_text
from vaultnet.pipeline.sync import load

JANE = "People/Jane Doe.md"
JANE_TEXT = """---
type: person
aliases: [Jane]
role:   mentor      # spaced as she likes it
topics: [civic tech,  sensors]
---
# Jane Doe

Met at the lab.

## Log
- 2026-10-01 Coffee at the Media Lab #met
- 2026-11-02 Emailed about the internship #outreach

## Projects
- Air quality sensors
"""


def lines_of(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def added_line(before: bytes, after: bytes) -> tuple[int, bytes]:
    """The one line `after` has that `before` has not, and where; fails unless that is the only
    difference (the line before it may have gained the note's line ending, nothing else)."""
    old, new = lines_of(before), lines_of(after)
    assert len(new) == len(old) + 1, (before, after)
    for i, line in enumerate(new):
        rest = new[:i] + new[i + 1:]
        if rest == old:
            return i, line
        if i == len(new) - 1 and i > 0 and rest[:-1] == old[:-1] and \
                rest[-1].rstrip(b"\r\n") == old[-1] and not old[-1].endswith(b"\n"):
            return i, line  # the old last line, without a final newline, got one
    raise AssertionError(f"more than one line changed:\n{before!r}\n{after!r}")


# -- log ------------------------------------------------------------------------------------------

def test_log_appends_at_the_end_of_the_log_section(make_vault, run):
    vault = make_vault({JANE: JANE_TEXT})
    before = (vault / JANE).read_bytes()
    result = run("log", "jane", "Lunch, talked about grants", "--met", "--date", "2026-11-24",
                 "--vault", vault)
    assert result.exit_code == 0, result.output
    after = (vault / JANE).read_bytes()
    at, line = added_line(before, after)
    assert line == b"- 2026-11-24 Lunch, talked about grants #met\n"
    assert lines_of(after)[at - 1] == b"- 2026-11-02 Emailed about the internship #outreach\n"
    assert lines_of(after)[at + 1] == b"\n"  # the blank line before `## Projects` stays after
    assert result.output == f"{JANE}:{at + 1}: - 2026-11-24 Lunch, talked about grants #met\n"
    jane = load(vault, TODAY).index.people[0]
    assert [i.day.isoformat() for i in jane.interactions][-1] == "2026-11-24"
    assert "met" in jane.interactions[-1].kinds


@pytest.mark.parametrize("tasks", [
    "## Tasks\n- [ ] Send deck 📅 2026-03-12\n",
    "## Tasks\n- [ ] Send deck 📅 2026-03-12\n- [x] Call back\n\n## 2026-03-20 Meetup\nNotes.\n",
])
def test_log_goes_at_the_end_of_the_log_section_above_tasks(make_vault, run, tasks):
    """`## Log` then `## Tasks`: the line shifts the tasks down, and that is no change to them."""
    text = "---\ntype: person\n---\n# Ann\n\n## Log\n- 2026-03-01 Coffee #met\n\n" + tasks
    vault = make_vault({"People/Ann.md": text})
    result = run("log", "Ann", "Call", "--call", "--date", "2026-03-05", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert (vault / "People/Ann.md").read_text() == text.replace(
        "#met\n", "#met\n- 2026-03-05 Call #call\n")


@pytest.mark.parametrize("name, text, want", [
    ("crlf", JANE_TEXT.replace("\n", "\r\n").encode(), b"- 2026-11-25 Call #call\r\n"),
    ("bom", b"\xef\xbb\xbf" + JANE_TEXT.encode(), b"- 2026-11-25 Call #call\n"),
    ("bom and crlf", b"\xef\xbb\xbf" + JANE_TEXT.replace("\n", "\r\n").encode(),
     b"- 2026-11-25 Call #call\r\n"),
    ("no final newline", JANE_TEXT.split("\n\n## Projects")[0].encode(), b"- 2026-11-25 Call #call"),
    ("crlf, no final newline", JANE_TEXT.split("\n\n## Projects")[0].replace("\n", "\r\n").encode(),
     b"- 2026-11-25 Call #call"),
])
def test_log_keeps_every_other_byte(make_vault, run, name, text, want):
    vault = make_vault({JANE: text})
    result = run("log", "Jane Doe", "Call", "--call", "--date", "2026-11-25", "--vault", vault)
    assert result.exit_code == 0, result.output
    after = (vault / JANE).read_bytes()
    _, line = added_line(text, after)
    assert line == want
    assert after.startswith(b"\xef\xbb\xbf") == text.startswith(b"\xef\xbb\xbf")
    assert after.endswith(b"\n") == text.endswith(b"\n")
    assert after.count(b"\r\n") in (0, after.count(b"\n"))  # one kind of line ending throughout


def test_log_makes_a_section_only_when_there_is_none(make_vault, run):
    text = "---\ntype: person\n---\n# Ann\n\nNo log yet.\n"
    vault = make_vault({"People/Ann.md": text, "People/Bo.md": "---\ntype: person\n---\n# Bo"})
    run("log", "Ann", "First coffee", "--met", "--date", "2026-11-20", "--vault", vault)
    assert (vault / "People/Ann.md").read_text() == text + "\n## Log\n- 2026-11-20 First coffee #met\n"
    run("log", "Ann", "Second coffee", "--date", "2026-11-21", "--vault", vault)
    assert (vault / "People/Ann.md").read_text().endswith(
        "## Log\n- 2026-11-20 First coffee #met\n- 2026-11-21 Second coffee\n")
    run("log", "Bo", "Call", "--date", "2026-11-21", "--vault", vault)  # no final newline
    assert (vault / "People/Bo.md").read_text() == \
        "---\ntype: person\n---\n# Bo\n\n## Log\n- 2026-11-21 Call"


def test_log_ignores_log_headings_in_code_and_frontmatter(make_vault, run):
    text = ("---\ntype: person\nnote: |\n  ## Log\n---\n# Cy\n\n```markdown\n## Log\n- fake\n```\n\n"
            "## log:\n- 2026-01-01 Real entry\n")
    vault = make_vault({"People/Cy.md": text})
    run("log", "Cy", "Next", "--date", "2026-11-25", "--vault", vault)
    assert (vault / "People/Cy.md").read_text() == text + "- 2026-11-25 Next\n"


@pytest.mark.parametrize("text, after", [
    # A setext heading: `Log` underlined; its section ends at a heading of its level or above.
    ("# Ann\n\nLog\n---\n- 2026-01-01 One\n\nNotes\n=====\nKind.\n", "- 2026-01-01 One\n"),
    ("# Ann\nLog\n===\n- 2026-01-01 One\n## 2026\n- 2026-02-01 Two\n", "- 2026-02-01 Two\n"),
    ("# Ann\n## Log\n- 2026-01-01 One\n\nNotes\n-----\nKind.\n", "- 2026-01-01 One\n"),
    # Not headings: a `---` under a list item, a rule, or under a paragraph that says more.
    ("# Ann\n- Log\n---\nLog\n- - -\nSee also\nLog\n---\n\n## Log\n- 2026-01-01 One\n",
     "- 2026-01-01 One\n"),
    # Comments hide headings, on one line or many; a heading may end in one.
    ("# Ann\n<!--\n## Log\n- old\n-->\n%% ## Log %%\n%%\nLog\n---\n%%\n"
     "## Log <!-- kept by hand -->\n- 2026-01-01 One\n", "- 2026-01-01 One\n"),
    ("# Ann\n## Log\n- 2026-01-01 One\n<!--\n## Notes\n-->\n- 2026-02-01 Two\n\n## Notes\n",
     "- 2026-02-01 Two\n"),
    # A `---` under a code block, or under a list or quote that follows a paragraph, is a rule.
    ("## Log\n- 2026-01-01 One\n```\nx = 1\n```\n---\n- 2026-02-01 Two\n", "- 2026-02-01 Two\n"),
    ("## Log\nSummary:\n- 2026-01-01 One\n---\n- 2026-02-01 Two\n", "- 2026-02-01 Two\n"),
    ("## Log\nShe said:\n> hi\n---\n- 2026-02-01 Two\n", "- 2026-02-01 Two\n"),
    # No comment: in code, or empty. (One never closed hides the rest of the note: `log`
    # refuses to write there; see tests/test_hidden_comments.py.)
    ('## Log\n- 2026-01-01 Fixed `printf("%%d")`\n\n## Notes\nKind.\n',
     '- 2026-01-01 Fixed `printf("%%d")`\n'),
    ("## Log\n- 2026-01-01 Showed Bo `<!--`\n\n## Notes\nKind.\n", "- 2026-01-01 Showed Bo `<!--`\n"),
    ("# Ann\n<!--> <!--->\n## Log\n- 2026-01-01 One\n\n## Notes\n", "- 2026-01-01 One\n"),
])
def test_log_finds_headings_as_obsidian_shows_them(make_vault, run, text, after):
    text = "---\ntype: person\n---\n" + text
    vault = make_vault({"People/Ann.md": text})
    run("log", "Ann", "Next", "--date", "2026-11-25", "--vault", vault)
    assert text.count(after) == 1
    assert (vault / "People/Ann.md").read_text() == text.replace(after,
                                                                 after + "- 2026-11-25 Next\n")


def test_log_section_ends_at_a_heading_of_its_level_not_below(make_vault, run):
    text = ("---\ntype: person\n---\n# Dee\n## Log\n### 2026\n- 2026-01-01 One\n\n"
            "## Notes\nKind.\n")
    vault = make_vault({"People/Dee.md": text})
    run("log", "Dee", "Two", "--date", "2026-11-25", "--vault", vault)
    assert (vault / "People/Dee.md").read_text() == text.replace(
        "- 2026-01-01 One\n", "- 2026-01-01 One\n- 2026-11-25 Two\n")


def test_log_tags_in_a_fixed_order_and_never_twice(make_vault, run):
    vault = make_vault({JANE: JANE_TEXT})
    run("log", "Jane", "Helped with her #gave slides", "--asked", "--gave", "--met",
        "--date", "2026-11-25", "--vault", vault)
    assert "- 2026-11-25 Helped with her #gave slides #met #asked\n" in (vault / JANE).read_text()


@pytest.mark.parametrize("text", ["two\nlines", "bell\x07", "   "])
def test_log_refuses_text_that_is_not_one_line(make_vault, run, text):
    vault = make_vault({JANE: JANE_TEXT})
    result = run("log", "Jane", text, "--vault", vault)
    assert result.exit_code == 1
    assert "the text to log" in result.output
    assert (vault / JANE).read_text() == JANE_TEXT


def test_log_unknown_and_ambiguous_names_list_candidates(make_vault, run):
    vault = make_vault({JANE: JANE_TEXT, "People/Team/Jane Doe.md": person("Jane Doe"),
                        "People/Janet Dole.md": person("Janet Dole")})
    before = snapshot(vault)
    ambiguous = run("log", "jane doe", "Hi", "--vault", vault)
    assert ambiguous.exit_code == 1
    assert "could be 2 people" in ambiguous.output and "People/Team/Jane Doe.md" in ambiguous.output
    unknown = run("log", "Janet Dol", "Hi", "--vault", vault)
    assert unknown.exit_code == 1 and "did you mean Janet Dole" in unknown.output
    assert snapshot(vault) == before
    by_path = run("log", "People/Team/Jane Doe", "Hi", "--date", "2026-11-25", "--vault", vault)
    assert by_path.exit_code == 0
    assert (vault / "People/Team/Jane Doe.md").read_text().endswith("\n## Log\n- 2026-11-25 Hi\n")


def test_log_writes_nothing_when_the_note_changes_meanwhile(make_vault, run, monkeypatch):
    vault = make_vault({JANE: JANE_TEXT})
    edited = JANE_TEXT + "- typed in the editor a moment ago\n"
    insert = log_entry_module.insert_log_line

    def user_saves_meanwhile(data: bytes, line: str, path: str, *titles: frozenset[str]
                             ) -> tuple[bytes, int, bool]:
        (vault / JANE).write_text(edited, encoding="utf-8")  # the editor saves between read and write
        return insert(data, line, path, *titles)

    monkeypatch.setattr(log_entry_module, "insert_log_line", user_saves_meanwhile)
    result = run("log", "Jane", "Coffee", "--vault", vault)
    assert result.exit_code == 1
    assert "changed while vaultnet was adding to it; nothing was written" in result.output
    assert (vault / JANE).read_text() == edited
    assert sorted(os.listdir(vault / "People")) == ["Jane Doe.md"]  # no temporary left


def test_log_keeps_the_mode_and_writes_through_a_symlink(make_vault, run):
    real = vault_file = ".store/Jane Doe.md"  # inside the vault, in a folder the walk skips
    vault = make_vault({vault_file: JANE_TEXT})
    (vault / "People").mkdir()
    os.symlink(vault / real, vault / JANE)
    os.chmod(vault / real, 0o640)
    result = run("log", "Jane Doe", "Call", "--date", "2026-11-25", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert (vault / JANE).is_symlink()
    assert "- 2026-11-25 Call\n" in (vault / real).read_text()
    assert stat.S_IMODE((vault / real).stat().st_mode) == 0o640


def test_log_refuses_a_note_that_is_not_utf8(make_vault, run):
    text = b"---\ntype: person\n---\n# Ed\n" + b"caf\xe9\n"
    vault = make_vault({"People/Ed.md": text})
    result = run("log", "Ed", "Hi", "--vault", vault)
    assert result.exit_code == 1
    assert (vault / "People/Ed.md").read_bytes() == text


# -- add ------------------------------------------------------------------------------------------

def test_add_creates_a_person_note_that_reads_back(make_vault, run):
    vault = make_vault({JANE: JANE_TEXT})
    result = run("add", "Zoë Ångström", "--role", "Mentor", "--org", "Transit Lab", "--topic",
                 "urban transit", "--topic", "civic tech", "--met-via", "jane", "--cadence", "2w",
                 "--today", "2026-11-25", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert result.output == "created People/Zoë Ångström.md\n"
    text = (vault / "People/Zoë Ångström.md").read_text()
    assert text == ("---\ntype: person\nrole: mentor\norg: Transit Lab\n"
                    "topics: [urban transit, civic tech]\ncadence: 2w\n"
                    'met_via: "[[Jane Doe]]"\n---\n# Zoë Ångström\n\n## Log\n')
    loaded = load(vault, TODAY)
    zoe = next(p for p in loaded.index.people if p.name == "Zoë Ångström")
    assert (zoe.role, zoe.fields.orgs, zoe.fields.topics, zoe.fields.cadence_days) == (
        "mentor", ("Transit Lab",), ("urban transit", "civic tech"), 14)
    assert [link.target for link in zoe.fields.met_via] == ["Jane Doe"]
    assert loaded.problems == ()


def test_add_a_prospect_with_an_unsafe_name(make_vault, run):
    vault = make_vault({})
    result = run("add", "AC/DC: Live?", "--prospect", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert result.output == "created People/AC-DC- Live-.md\n"
    person_ = load(vault, TODAY).index.people[0]
    assert person_.is_prospect and person_.fields.aliases == ("AC/DC: Live?",)


@pytest.mark.parametrize("name", ["jane doe", "JANE", unicodedata.normalize("NFD", "Jane Doe")])
def test_add_refuses_someone_who_exists(make_vault, run, name):
    vault = make_vault({JANE: JANE_TEXT})
    before = snapshot(vault)
    result = run("add", name, "--vault", vault)
    assert result.exit_code == 1
    assert f'"{name}" already has a note: People/Jane Doe.md' in result.output
    assert snapshot(vault) == before


def test_add_a_name_whose_file_name_is_taken_gets_a_number(make_vault, run):
    vault = make_vault({"People/AC-DC.md": person("AC-DC")})
    result = run("add", "AC/DC", "--vault", vault, "--role", "peer")
    assert result.exit_code == 0, result.output
    assert result.output == "created People/AC-DC 2.md\n"
    new = next(p for p in load(vault, TODAY).index.people if p.path == "People/AC-DC 2.md")
    assert new.fields.aliases == ("AC/DC",) and new.role == "peer"


@pytest.mark.parametrize("template, want", [
    ('---\ntype: person\ntitle: "{{title}}"\n---\n# {{title}}\n', 'title: "Ann \\"JJ\\" Lee"'),
    ("---\ntype: person\nname: <% tp.file.title %>\n---\n", 'name: "Ann \\"JJ\\" Lee"'),
])
def test_add_fills_placeholders_in_the_frontmatter_as_yaml(make_vault, run, template, want):
    vault = make_vault({"Templates/Person.md": template})
    result = run("add", 'Ann "JJ" Lee', "--role", "mentor", "--vault", vault)
    assert result.exit_code == 0, result.output
    text = (vault / 'People/Ann -JJ- Lee.md').read_text()
    assert want in text
    assert load(vault, TODAY).problems == ()


def test_add_refuses_a_template_that_gives_a_note_it_cannot_read(make_vault, run):
    vault = make_vault({"Templates/Person.md": "---\ntype: person\nneeds: [unclosed\n---\n"})
    result = run("add", "Bo", "--role", "peer", "--vault", vault)
    assert result.exit_code == 1 and "person template" in result.output
    assert not (vault / "People").exists()


@pytest.mark.parametrize("via", ["Bob|Alice", "Bob]] [[Carol", "a#b"])
def test_add_refuses_a_met_via_that_is_no_name(make_vault, run, via):
    vault = make_vault({})
    result = run("add", "Ann", "--met-via", via, "--vault", vault)
    assert result.exit_code == 1 and "must be a name" in result.output


def test_add_never_writes_through_a_symlinked_people_folder(make_vault, run, tmp_path):
    vault = make_vault({})
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, vault / "People")
    result = run("add", "Bob", "--vault", vault)
    assert result.exit_code == 1 and "symlink" in result.output
    assert list(outside.iterdir()) == []


def test_add_fills_the_vaults_own_template(make_vault, run):
    template = ("---\r\ntags: [person]\r\ncompany: ACME\r\ninterests:\r\n  - old\r\n  - older\r\n"
                "created: {{date}}\r\n---\r\n# {{title}}\r\n\r\n## Log\r\n")
    vault = make_vault({"Templates/Person.md": template})
    result = run("add", "Ann Lee", "--org", "Initech", "--topic", "ml", "--vault", vault,
                 "--today", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert (vault / "People/Ann Lee.md").read_bytes() == (
        b"---\r\ntags: [person]\r\ncompany: Initech\r\ninterests: [ml]\r\n"
        b"created: 2026-11-25\r\n---\r\n# Ann Lee\r\n\r\n## Log\r\n")
    people = load(vault, TODAY).index.people
    assert [p.name for p in people] == ["Ann Lee"]  # the template itself is no person


def test_add_refuses_a_cadence_it_cannot_read(make_vault, run):
    vault = make_vault({})
    result = run("add", "Bo", "--cadence", "sometimes", "--vault", vault)
    assert result.exit_code == 1 and "cadence" in result.output
    assert not (vault / "People").exists() or not list((vault / "People").iterdir())


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.lists(st.text(), max_size=3)))
def test_yaml_values_read_back_as_written(value):
    assert yaml.safe_load("k: " + yaml_value(value))["k"] == value


# -- init -----------------------------------------------------------------------------------------

def test_init_writes_settings_profile_and_template_once(make_vault, run):
    vault = make_vault({JANE: JANE_TEXT})
    first = run("init", "--vault", vault)
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[:3] == [
        "created .vaultnet.toml", "created Me.md", "created Templates/Person.md"]
    assert load_settings(vault) == Settings()  # every default, as the comments say
    loaded = load(vault, TODAY)
    assert loaded.index.profile is not None and loaded.index.profile.path == "Me.md"
    assert [p.name for p in loaded.index.people] == ["Jane Doe"]
    assert loaded.problems == ()
    before = snapshot(vault)
    again = run("init", "--vault", vault)
    assert again.output == ("kept .vaultnet.toml (exists)\nkept Me.md (exists)\n"
                            "kept Templates/Person.md (exists)\n")
    assert snapshot(vault) == before
    added = run("add", "Bo", "--vault", vault, "--today", "2026-11-25")
    assert (vault / "People/Bo.md").read_text() == PERSON_TEMPLATE.replace("{{title}}", "Bo")
    assert added.exit_code == 0


def test_init_and_add_use_the_template_folder_obsidian_inserts_from(make_vault, run):
    """With Obsidian's Templates plugin set to `Meta/Templates`, the person template goes there,
    where "Insert template" finds it, and `add` starts from it: `init` made a top-level
    `Templates/Person.md` beside it, which Obsidian never offered."""
    vault = make_vault({JANE: JANE_TEXT, ".obsidian/templates.json": '{"folder": "Meta/Templates"}'})
    result = run("init", "--vault", vault)
    assert result.output.splitlines()[2] == "created Meta/Templates/Person.md", result.output
    assert not (vault / "Templates").exists()
    template = vault / "Meta/Templates/Person.md"
    template.write_text(template.read_text().replace("role:", "role: peer"))
    assert run("add", "Bo", "--vault", vault, "--today", TODAY).exit_code == 0
    assert "role: peer\n" in (vault / "People/Bo.md").read_text()
    # A Templates/Person.md of the vault's own is the template still, wherever the plugin's is.
    (vault / "Templates").mkdir()
    (vault / "Templates/Person.md").write_text(PERSON_TEMPLATE.replace("role:", "role: friend"))
    assert run("add", "Cy", "--vault", vault, "--today", TODAY).exit_code == 0
    assert "role: friend\n" in (vault / "People/Cy.md").read_text()
    assert run("init", "--vault", vault).output.splitlines()[2] == \
        "kept Templates/Person.md (exists)"


def test_init_keeps_a_profile_under_another_name(make_vault, run):
    vault = make_vault({"About/Myself.md": "---\ntype: me\ntopics: [ml]\n---\n"})
    result = run("init", "--vault", vault)
    assert "kept About/Myself.md (your profile already)" in result.output
    assert not (vault / "Me.md").exists()


def test_init_settings_name_every_setting():
    text = _settings_text()
    for name in Settings.__dataclass_fields__:
        wanted = {"outreach_wait_days": "wait_days", "max_followups": "max_followups",
                  "outreach_cold_days": "cold_days",
                  "person_rules": "[person]", "daily_format": "[daily_notes]",
                  "daily_folder": "# folder = "}.get(name, name)
        assert wanted in text, name
    assert json.dumps(Settings().people_folder) in text


def test_log_refuses_a_note_where_the_line_would_not_be_read(make_vault, run):
    """An unclosed code block swallows the end of the note: a line there is never read. (Here it
    opens in the last entry, which the line would follow; one after the entries hides nothing of
    the log: `test_log_placement.py`.)"""
    text = "---\ntype: person\n---\n# J\n\n## Log\n- 2026-01-01 a\n  ```\n  code\n"
    vault = make_vault({"People/Jo.md": text})
    result = run("log", "Jo", "zzz", "--vault", vault)
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert (vault / "People/Jo.md").read_text() == text


def test_log_never_writes_into_frontmatter_closed_by_a_longer_rule(make_vault, run):
    text = "---\n# Log\ntype: person\nrole: mentor\n---- \n# Jane\n"
    vault = make_vault({JANE: text})
    result = run("log", "Jane Doe", "coffee", "--date", "2026-11-25", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert (vault / JANE).read_text() == text + "\n## Log\n- 2026-11-25 coffee\n"


def test_log_finds_a_note_whose_name_is_in_another_unicode_form(make_vault, run):
    nfd = unicodedata.normalize("NFD", "People/José.md")
    vault = make_vault({nfd: "---\ntype: person\n---\n## Log\n"})
    result = run("log", "José", "x", "--date", "2026-11-25", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert (vault / nfd).read_text() == "---\ntype: person\n---\n## Log\n- 2026-11-25 x\n"


@pytest.mark.parametrize("first", ["NFC", "NFD"])
def test_edits_change_the_twin_the_walk_reads(make_vault, run, first):
    """Of two notes whose names differ only in Unicode form (reported), `log` and `done` change
    the one vaultnet reads: the one spelled in NFC, whichever was written first."""
    nfc, nfd = (unicodedata.normalize(form, "People/Zoë.md") for form in ("NFC", "NFD"))
    texts = {nfc: "---\ntype: person\n---\n## Log\n- [ ] renew the passport 📅 2026-11-20\n",
             nfd: "---\ntype: person\n---\n## Log\n- [ ] send the book 📅 2026-11-20\n"}
    vault = make_vault({"People/Mia Mentor.md": person("Mia Mentor", role="mentor")})
    for path in (nfc, nfd) if first == "NFC" else (nfd, nfc):
        (vault / path).write_text(texts[path], encoding="utf-8")
    due = json.loads(run("due", "--vault", vault, "--today", TODAY, "--json").output)
    assert [p["text"] for p in due["promises"]] == ["renew the passport"]
    result = run("done", "Zoë", "passport", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "[x] renew the passport" in (vault / nfc).read_text(encoding="utf-8")
    result = run("log", "Zoë", "coffee", "--date", TODAY, "--vault", vault)
    assert result.exit_code == 0, result.output
    assert (vault / nfd).read_text(encoding="utf-8") == texts[nfd]
    assert "- 2026-11-25 coffee" in (vault / nfc).read_text(encoding="utf-8")


def test_log_uses_the_line_ending_of_its_section(make_vault, run):
    text = "---\ntype: person\n---\n# Mixed\r\n## Log\r\n- 2026-01-01 a\r\n"
    vault = make_vault({"People/Mixed.md": text})
    run("log", "Mixed", "b", "--date", "2026-11-25", "--vault", vault)
    assert (vault / "People/Mixed.md").read_bytes() == (text + "- 2026-11-25 b\r\n").encode()


@pytest.mark.parametrize("written", ["company", "Company", '"org"', "organisation"])
def test_set_fields_finds_a_field_under_any_spelling_the_reader_knows(written):
    assert set_fields(f"---\n{written}: Old\n---\n", [("org", "New")]) == \
        f"---\n{written}: New\n---\n"


def test_set_fields_finds_email_under_its_other_spellings():
    assert set_fields("---\nE-mail: old@x.org\n---\n", [("email", "a@b.org")]) == \
        "---\nE-mail: a@b.org\n---\n"


# -- done ---------------------------------------------------------------------------------------

PROMISES = ("---\ntype: person\n---\n# Ann\n\n## Log\n- 2026-03-01 Coffee #met\n\n## Tasks\n"
            "- [ ] Send the deck 📅 2026-03-12\n- [x] Call back\n- [ ] Send the paper\n")


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_done_ticks_one_promise_as_the_tasks_plugin_does(make_vault, run, ending):
    text = PROMISES.replace("\n", ending)
    vault = make_vault({"People/Ann.md": text.encode()})
    result = run("done", "Ann", "DECK", "--date", "2026-03-10", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert result.output == "People/Ann.md:10: done: Send the deck\n"
    after = (vault / "People/Ann.md").read_bytes().decode()
    assert after == text.replace("- [ ] Send the deck 📅 2026-03-12",
                                 "- [x] Send the deck 📅 2026-03-12 ✅ 2026-03-10")
    promises = json.loads(run("due", "--json", "--vault", vault, "--today", "2026-03-10").output)
    assert promises["promises"] == []


@pytest.mark.parametrize("box", ["!", "?", ">", "<", "/"])
def test_done_ticks_a_promise_flagged_important_or_put_off(make_vault, run, box):
    text = PROMISES.replace("- [ ] Send the deck", f"- [{box}] Send the deck")
    vault = make_vault({"People/Ann.md": text.encode()})
    result = run("done", "Ann", "deck", "--date", "2026-03-10", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert (vault / "People/Ann.md").read_text(encoding="utf-8") == text.replace(
        f"- [{box}] Send the deck 📅 2026-03-12", "- [x] Send the deck 📅 2026-03-12 ✅ 2026-03-10")


def test_done_leaves_a_repeating_promise_to_the_tasks_plugin(make_vault, run):
    """Ticked with its 🔁 rule and no next one written, the promise repeated no more, in the
    agenda and in the Tasks plugin: the plugin, which writes the next, is the one to tick it."""
    text = PROMISES.replace("- [ ] Send the deck 📅 2026-03-12",
                            "- [ ] Send the deck 🔁 every month 📅 2026-03-12")
    vault = make_vault({"People/Ann.md": text.encode()})
    result = run("done", "Ann", "deck", "--date", "2026-03-10", "--vault", vault)
    assert result.exit_code == 1
    assert result.output == (
        "Error: People/Ann.md:10: the promise repeats (🔁 every month): tick it in Obsidian, "
        "where the Tasks plugin writes its next one; ticked here, it would repeat no more. "
        "Nothing was written\n")
    assert (vault / "People/Ann.md").read_bytes() == text.encode()


@pytest.mark.parametrize(("words", "why"), [("send", "2 open tasks hold 'send'"),
                                            ("call back", "no open task holds 'call back'")])
def test_done_names_the_open_tasks_when_the_words_do_not_pick_one(make_vault, run, words, why):
    vault = make_vault({"People/Ann.md": PROMISES})
    before = snapshot(vault)
    result = run("done", "Ann", words, "--vault", vault)
    assert result.exit_code == 1 and why in result.output
    assert "line 10: Send the deck" in result.output and "line 12: Send the paper" in result.output
    assert snapshot(vault) == before


def test_add_takes_email_birthday_aliases_knows_and_status(make_vault, run):
    vault = make_vault({"People/Rosa Martinez.md": person("Rosa Martinez")})
    result = run("add", "Lina Haddad", "--email", "lina@example.org", "--email", "l.h@example.com",
                 "--birthday", "--04-12", "--alias", "Lina H", "--knows", "rosa martinez",
                 "--status", "dormant", "--vault", vault, "--today", "2026-11-25")
    assert result.exit_code == 0, result.output
    lina = next(p for p in load(vault, TODAY).index.people if p.name == "Lina Haddad")
    assert lina.fields.emails == ("lina@example.org", "l.h@example.com")
    assert (lina.fields.birthday.month, lina.fields.birthday.day) == (4, 12)
    assert lina.fields.aliases == ("Lina H",)
    assert [link.target for link in lina.fields.knows] == ["Rosa Martinez"]
    assert lina.fields.status == "dormant"


@pytest.mark.parametrize(("option", "why"), [(("--birthday", "April 12"), "not a date"),
                                             (("--knows", "a [[b]]"), "whom they know")])
def test_add_refuses_what_would_not_read_back(make_vault, run, option, why):
    vault = make_vault({"People/Rosa.md": person("Rosa")})
    before = snapshot(vault)
    result = run("add", "Lina", *option, "--vault", vault)
    assert result.exit_code != 0 and why in result.output
    assert snapshot(vault) == before
