"""What the reading side used to pass over in silence: a note that is a symlink loop, and a bad
value in Obsidian's daily-note and template settings. Each is a problem naming the file and the
reason."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TODAY, person

from vaultnet.base.settings import Settings
from vaultnet.read.obsidian import config_problems, daily_notes
from vaultnet.read.vault import walk_vault

DAILY = ".obsidian/daily-notes.json"
PERIODIC = ".obsidian/plugins/periodic-notes/data.json"
JANE = {"People/Jane Doe.md": person("Jane Doe", cadence="7d")}


def problems_of(result_output: str) -> list[tuple[str, str]]:
    """(path, message) of each problem in `sync --json` output."""
    return [(p["path"], p["message"]) for p in json.loads(result_output)["problems"]]


# -- a note that is a symlink loop -----------------------------------------------------------

def loop_vault(make_vault: Callable[[dict[str, str]], Path]) -> Path:
    root = make_vault({**JANE, "a/note.md": "x\n", "Templates/Person.md": "x\n"})
    (root / "People/loop1.md").symlink_to("loop2.md")
    (root / "People/loop2.md").symlink_to("loop1.md")
    (root / "Templates/loop.md").symlink_to("loop.md")  # in a skipped folder: not a note at all
    (root / "a/up").symlink_to("..", target_is_directory=True)  # a folder loop: walked once
    (root / "a/self").symlink_to(".", target_is_directory=True)
    return root


def test_the_walk_names_a_note_that_is_a_symlink_loop(make_vault):
    root = loop_vault(make_vault)
    files, problems = walk_vault(root, ("Templates",))
    assert [f.path for f in files] == ["People/Jane Doe.md", "a/note.md"]
    assert [(p.path, p.message, p.transient) for p in problems] == [
        ("People/loop1.md", "is a symlink loop (too many levels of symbolic links); not read",
         False),
        ("People/loop2.md", "is a symlink loop (too many levels of symbolic links); not read",
         False)]
    assert all(p.hint for p in problems)
    assert walk_vault(root, ("Templates",)) == (files, problems)  # the same, every time


def test_check_and_sync_report_a_note_symlink_loop_every_time(make_vault, run):
    root = loop_vault(make_vault)
    checked = run("check", "--vault", root, "--today", TODAY)
    assert checked.exit_code == 1
    assert "People/loop1.md: is a symlink loop" in checked.output
    assert "People/loop2.md: is a symlink loop" in checked.output
    expected = [("People/loop1.md", "is a symlink loop (too many levels of symbolic links); "
                 "not read"),
                ("People/loop2.md", "is a symlink loop (too many levels of symbolic links); "
                 "not read")]
    for _ in range(2):  # the second sync, from the cache, reports them as the first did
        synced = run("sync", "--vault", root, "--today", TODAY, "--json")
        assert synced.exit_code == 0, synced.output
        assert problems_of(synced.output) == expected
    assert run("check", "--vault", root, "--today", TODAY).output == checked.output


# -- bad values in Obsidian's daily-note settings -------------------------------------------

BAD = [
    ({"folder": "../.."}, '`folder` = "../.." leads outside the vault'),
    ({"folder": "Journal/../../x"}, '`folder` = "Journal/../../x" leads outside the vault'),
    ({"folder": "C:\\Daily"}, '`folder` = "C:\\\\Daily" is a path on a Windows drive, not a '
                              "folder inside the vault"),
    ({"folder": "Journal/../Days"},
     '`folder` = "Journal/../Days" goes through `..`, which vaultnet does not follow'),
    ({"folder": "Days:2026"}, '`folder` = "Days:2026" is not a folder name vaultnet can follow'),
    ({"folder": [1]}, "`folder` = [1] is a list, not a folder name"),
    ({"folder": list(range(100))}, "`folder` = [0, 1, 2,"),  # cut short: ends in "…"
    ({"folder": True}, "`folder` = true is a true/false value, not a folder name"),
    ({"format": 5}, "`format` = 5 is a number, not a date format such as YYYY-MM-DD"),
    ({"format": ["YYYY"]}, '`format` = ["YYYY"] is a list, not a date format such as '
                           "YYYY-MM-DD"),
]


@pytest.mark.parametrize(("setting", "message"), BAD, ids=[json.dumps(s)[:40] for s, _ in BAD])
def test_a_bad_daily_setting_is_named_and_read_as_if_absent(make_vault, setting, message):
    root = make_vault({**JANE, DAILY: json.dumps({"format": "YYYY-MM-DD", "folder": "Journal",
                                                  **setting})})
    (problem,) = config_problems(root)
    assert (problem.path, problem.line) == (DAILY, None)
    assert problem.message.startswith(f"Obsidian's daily-note setting {message}")
    assert "; daily notes are read as if it were not set (" in problem.message
    assert len(problem.message) < 300
    assert problem.hint
    # What is read is what is read without that value (make_vault writes the same vault again).
    read = daily_notes(root, Settings())
    make_vault({DAILY: json.dumps({"format": "YYYY-MM-DD", "folder": "Journal",
                                   **{name: None for name in setting}})})
    assert read == daily_notes(root, Settings())


@pytest.mark.parametrize("folder", ["../..", "C:\\Daily", [1]])
def test_check_and_sync_name_a_bad_daily_folder(make_vault, run, folder):
    root = make_vault({**JANE, DAILY: json.dumps({"folder": folder}),
                       "Daily/2026-11-20.md": "Lunch with [[Jane Doe]]\n"})
    checked = run("check", "--vault", root, "--today", TODAY)
    assert checked.exit_code == 1
    assert f"{DAILY}: Obsidian's daily-note setting `folder` = {json.dumps(folder)}" in checked.output
    assert "daily notes: 1, named YYYY-MM-DD (from .obsidian/daily-notes.json)" in checked.output
    for _ in range(2):
        synced = run("sync", "--vault", root, "--today", TODAY, "--json")
        assert synced.exit_code == 0, synced.output
        assert [path for path, _ in problems_of(synced.output)] == [DAILY]


def test_check_names_a_daily_format_that_is_a_number(make_vault, run):
    root = make_vault({**JANE, DAILY: '{"folder": "Journal", "format": 5}',
                       "Journal/2026-11-20.md": "Lunch with [[Jane Doe]]\n"})
    checked = run("check", "--vault", root, "--today", TODAY)
    assert checked.exit_code == 1
    assert (f"{DAILY}: Obsidian's daily-note setting `format` = 5 is a number, not a date format "
            "such as YYYY-MM-DD;") in checked.output
    # Obsidian's own default format, as without the setting: the note is still a daily note.
    assert "daily notes: 1, named YYYY-MM-DD in Journal/ (from .obsidian/daily-notes.json)" \
        in checked.output


def test_only_the_bad_value_is_named_and_good_ones_stay_silent(make_vault):
    good = ['{"format": "YYYY-MM-DD dddd", "folder": "Journal"}', '{"folder": "Days/"}',
            '{"folder": "", "format": ""}', '{"folder": null, "format": null}', '{"folder": "."}',
            '{"folder": "  "}', '{"folder": "/"}', "{}", "[]", "not json"]
    for text in good:
        root = make_vault({DAILY: text})
        assert config_problems(root) == (), text
    root = make_vault({DAILY: '{"folder": "../Elsewhere", "format": 7}'})
    assert [p.message.split(" = ")[0] for p in config_problems(root)] == [
        "Obsidian's daily-note setting `folder`", "Obsidian's daily-note setting `format`"]


@pytest.mark.parametrize("folder", ["/Journal", "Journal/", "/Journal/", "\\Journal", " /Journal "])
def test_a_folder_with_slashes_at_its_ends_is_read_as_obsidian_reads_it(make_vault, run, folder):
    """Obsidian's `normalizePath` takes the slashes off a folder setting's ends: `/Journal` is
    the vault's Journal folder, not an absolute path, for the daily notes and the templates."""
    root = make_vault({**JANE, DAILY: json.dumps({"folder": folder}),
                       ".obsidian/templates.json": json.dumps(
                           {"folder": folder.replace("Journal", "Meta/Journal")}),
                       "Journal/2026-11-20.md": "Lunch with [[Jane Doe]]\n",
                       "Meta/Journal/Person.md": person("Grace Liu")})
    assert config_problems(root) == ()
    assert daily_notes(root, Settings()).folder == "Journal"
    checked = run("check", "--vault", root, "--today", TODAY)
    assert checked.exit_code == 0, checked.output
    assert "daily notes: 1, named YYYY-MM-DD in Journal/ (from .obsidian/daily-notes.json)" \
        in checked.output
    assert "Meta/Journal/ (.obsidian/templates.json)" in checked.output
    assert "Grace Liu" not in run("people", "--vault", root, "--today", TODAY).output


TEMPLATE_FOLDERS = [
    (".obsidian/templates.json", "folder", "../Templates", "leads outside the vault"),
    (".obsidian/templates.json", "folder", 5, "is a number, not a folder name"),
    (".obsidian/plugins/templater-obsidian/data.json", "templates_folder", "C:\\Templates",
     "is a path on a Windows drive, not a folder inside the vault"),
]


@pytest.mark.parametrize(("config", "name", "value", "why"), TEMPLATE_FOLDERS)
def test_a_template_folder_vaultnet_cannot_follow_is_named(make_vault, run, config, name, value,
                                                          why):
    root = make_vault({**JANE, config: json.dumps({name: value})})
    (problem,) = config_problems(root)
    assert (problem.path, problem.line) == (config, None) and problem.hint
    assert problem.message == (f"Obsidian's template setting `{name}` = {json.dumps(value)} "
                               f"{why}; no folder is skipped as templates for it")
    checked = run("check", "--vault", root, "--today", TODAY)
    assert checked.exit_code == 1 and f"{config}: Obsidian's template setting" in checked.output
    good = [{name: "Templates"}, {name: "/"}, {name: ""}, {name: None}, {}]
    for setting in good:
        assert config_problems(make_vault({config: json.dumps(setting)})) == (), setting


def test_a_bad_folder_in_the_periodic_notes_setting_is_named(make_vault):
    root = make_vault({PERIODIC: '{"daily": {"folder": "../..", "format": "YYYY-MM-DD"}}'})
    (problem,) = config_problems(root)
    assert problem.path == PERIODIC
    assert problem.message.startswith('Obsidian\'s daily-note setting `daily.folder` = "../.." '
                                      "leads outside the vault; ")
    disabled = make_vault({PERIODIC: '{"daily": {"folder": "../..", "enabled": false}}'})
    assert config_problems(disabled) == ()  # not followed at all
