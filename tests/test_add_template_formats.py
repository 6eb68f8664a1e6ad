"""`vaultnet add` writes a template's `{{date}}` and `{{time}}` as Obsidian's Templates plugin
does: in the formats its settings give (`.obsidian/templates.json`: `dateFormat`, `timeFormat`),
else in Obsidian's defaults; `{{date:FORMAT}}` says its own. A day that would not read back where
vaultnet reads a date is refused, naming the setting; a setting that is not a format is named by
`check` and read as if absent.
"""

from __future__ import annotations

import json

import pytest
from conftest import TODAY, snapshot

from vaultnet.pipeline.sync import load
from vaultnet.read.obsidian import config_problems

ON = ("--today", TODAY.isoformat())  # Wednesday 25 November 2026
TEMPLATES = ".obsidian/templates.json"


def settings(**formats: object) -> str:
    return json.dumps({"folder": "Templates", **formats})


def added(run, vault, name: str = "Ann Lee", bad_settings: int = 0) -> str:
    """Add `name` (which must succeed and read back as the one person, with no problem but the
    `bad_settings` named in templates.json); the new note's text."""
    result = run("add", name, "--vault", vault, *ON)
    assert result.exit_code == 0, result.output
    loaded = load(vault, TODAY)
    assert [p.name for p in loaded.index.people] == [name]
    assert [p.path for p in loaded.problems] == [TEMPLATES] * bad_settings
    return (vault / f"People/{name}.md").read_text()


@pytest.mark.parametrize(("date_format", "day"), [
    ("DD.MM.YYYY", "25.11.2026"),
    ("dddd, MMMM Do YYYY", "Wednesday, November 25th 2026"),
    ("YYYY/MM/DD", "2026/11/25"),
])
def test_add_writes_date_in_the_format_of_obsidians_template_settings(make_vault, run,
                                                                     date_format, day):
    vault = make_vault({TEMPLATES: settings(dateFormat=date_format),
                        "Templates/Person.md": "---\ntype: person\ncreated: {{date}}\n---\n"
                                               "# {{title}}\n\nMet on {{date}}\n"})
    assert added(run, vault) == f"---\ntype: person\ncreated: {day}\n---\n# Ann Lee\n\nMet on {day}\n"


def test_a_date_format_with_a_time_of_day_writes_the_day_alone(make_vault, run):
    """vaultnet knows the day, not the clock: a `dateFormat` that names a time (`YYYY-MM-DD
    HH:mm`, as many set it) gives `{{date}}` as Obsidian's default format, the day alone, never
    an empty field or a `{{date}}` left in a log line."""
    template = ("---\ntype: person\ncreated: {{date}}\nlast_contact: {{date}}\n---\n"
                "# {{title}}\n\n## Log\n- {{date}} added\n")
    vault = make_vault({TEMPLATES: settings(dateFormat="YYYY-MM-DD HH:mm"),
                        "Templates/Person.md": template})
    assert added(run, vault) == ("---\ntype: person\ncreated: 2026-11-25\n"
                                 "last_contact: 2026-11-25\n---\n# Ann Lee\n\n## Log\n"
                                 "- 2026-11-25 added\n")


def test_an_explicit_format_and_templater_keep_their_own(make_vault, run):
    """`{{date:FORMAT}}` overrides the setting; Templater's `tp.date.now()` has its own default."""
    template = ("---\ntype: person\ncreated: {{date}}\niso: {{date:YYYY-MM-DD}}\n"
                "added: <% tp.date.now() %>\n---\n# {{title}}\n\n{{date}} / {{Date:D MMM}}\n")
    vault = make_vault({TEMPLATES: settings(dateFormat="DD.MM.YYYY"),
                        "Templates/Person.md": template})
    assert added(run, vault) == ("---\ntype: person\ncreated: 25.11.2026\niso: 2026-11-25\n"
                                 "added: 2026-11-25\n---\n# Ann Lee\n\n25.11.2026 / 25 Nov\n")


def test_time_is_written_in_the_time_format_when_it_names_no_time_of_day(make_vault, run):
    """vaultnet knows the day, not the clock: `{{time}}` in a format of the day alone is filled;
    one with a time of day is emptied in the frontmatter and left in the body, as before."""
    template = ('---\ntype: person\nweek: "{{time}}"\nat: {{time:HH:mm}}\n---\n'
                "# {{title}}\n\n{{time}}, {{time:HH:mm}}\n")
    vault = make_vault({TEMPLATES: settings(timeFormat="[week] W"),
                        "Templates/Person.md": template})
    assert added(run, vault) == ('---\ntype: person\nweek: "week 48"\nat:\n---\n'
                                 "# Ann Lee\n\nweek 48, {{time:HH:mm}}\n")


@pytest.mark.parametrize(("field", "why"), [
    ("last_contact", "`last_contact` is not a date: '25.11.2026'"),
    ("birthday", "`birthday` is not a birthday: '25.11.2026'"),
])
def test_a_day_that_would_not_read_back_as_a_date_is_refused_naming_the_setting(
        make_vault, run, field, why):
    vault = make_vault({TEMPLATES: settings(dateFormat="DD.MM.YYYY"),
                        "Templates/Person.md": f"---\ntype: person\n{field}: {{{{date}}}}\n---\n"})
    before = snapshot(vault)
    result = run("add", "Ann Lee", "--vault", vault, *ON)
    assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
    assert result.output == (
        "Error: Templates/Person.md: filled in for Ann Lee, the person template gives a note "
        f"vaultnet does not read as asked ({why}; {{{{date}}}} is written in the format "
        f'"DD.MM.YYYY" that {TEMPLATES} sets, as Obsidian writes it); nothing was written. '
        "Check the template: {{date:YYYY-MM-DD}} writes a date vaultnet reads\n")
    assert snapshot(vault) == before


def test_a_day_that_breaks_the_frontmatter_is_refused_naming_the_setting(make_vault, run):
    vault = make_vault({TEMPLATES: settings(dateFormat="YYYY: MM"),
                        "Templates/Person.md": "---\ntype: person\ncreated: {{date}}\n---\n"})
    before = snapshot(vault)
    result = run("add", "Ann Lee", "--vault", vault, *ON)
    assert result.exit_code == 1, result.output
    assert "frontmatter is not valid YAML" in result.output
    assert f'{{{{date}}}} is written in the format "YYYY: MM" that {TEMPLATES} sets' \
        in result.output
    assert snapshot(vault) == before


BAD = [
    ({"dateFormat": 5}, "`dateFormat` = 5 is a number, not a date format such as YYYY-MM-DD"),
    ({"dateFormat": ["DD.MM.YYYY"]},
     '`dateFormat` = ["DD.MM.YYYY"] is a list, not a date format such as YYYY-MM-DD'),
    ({"dateFormat": "YYYY[\ntype: company]"},
     '`dateFormat` = "YYYY[\\ntype: company]" holds a line break or another control character, '
     "not a date format such as YYYY-MM-DD"),
    ({"timeFormat": False},
     "`timeFormat` = false is a true/false value, not a time format such as HH:mm"),
]


@pytest.mark.parametrize(("setting", "message"), BAD, ids=[json.dumps(s)[:30] for s, _ in BAD])
def test_a_bad_format_setting_is_named_by_check_and_read_as_if_absent(make_vault, run, setting,
                                                                      message):
    template = "---\ntype: person\ncreated: {{date}}\n---\n# {{title}}\n\n{{date}} {{time}}\n"
    vault = make_vault({TEMPLATES: settings(**setting), "Templates/Person.md": template})
    (problem,) = config_problems(vault)
    assert (problem.path, problem.line) == (TEMPLATES, None) and problem.hint
    assert problem.message.startswith(f"Obsidian's template setting {message}; "), problem.message
    checked = run("check", "--vault", vault, *ON)
    assert checked.exit_code == 1
    assert f"{TEMPLATES}: Obsidian's template setting `" in checked.output
    assert added(run, vault, bad_settings=1) == ("---\ntype: person\ncreated: 2026-11-25\n---\n"
                                 "# Ann Lee\n\n2026-11-25 {{time}}\n")


def test_only_a_bad_format_setting_is_named(make_vault):
    good = [settings(dateFormat="DD.MM.YYYY", timeFormat="HH:mm"),
            settings(dateFormat="", timeFormat="  "), settings(dateFormat=None), "{}", "[]",
            "not json"]
    for text in good:
        assert config_problems(make_vault({TEMPLATES: text})) == (), text
    vault = make_vault({TEMPLATES: settings(dateFormat=7, timeFormat={"a": 1})})
    assert [p.message.split(" = ")[0] for p in config_problems(vault)] == [
        "Obsidian's template setting `dateFormat`", "Obsidian's template setting `timeFormat`"]
