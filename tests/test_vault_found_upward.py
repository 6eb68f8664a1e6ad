"""Without --vault or $VAULTNET_VAULT, a command run from inside a vault finds it, as git finds
the repository a folder is in: the nearest folder at or above the current one that has a
`.obsidian/` folder or a `.vaultnet.toml`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import TODAY, person, write_files

from vaultnet.base.vault_root import marked_as_vault, vault_around
from vaultnet.cli import cli

JANE = person("Jane Doe", body="## Log\n- 2026-08-23 Coffee #met\n", role="mentor")
BOB = person("Bob Ray", body="## Log\n- 2026-08-23 Lunch #met\n", role="mentor")
MARKERS = {".vaultnet.toml": {".vaultnet.toml": ""}, ".obsidian": {".obsidian/app.json": "{}"}}


@pytest.fixture(autouse=True)
def no_vault_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No $VAULTNET_VAULT, and a home folder of the test's own (tmp_path is not inside it)."""
    monkeypatch.delenv("VAULTNET_VAULT", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


def due_from(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[str]:
    """Who `vaultnet due` run from `folder` says to stay in touch with."""
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["due", "--json", "--today", str(TODAY), *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [row["person"] for row in json.loads(result.output)["stay_in_touch"]]


def sync_from(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(folder)
    return CliRunner().invoke(cli, ["sync", "--today", str(TODAY), *args],
                              catch_exceptions=False)


# The rule, on real folders.

@pytest.mark.parametrize("marker", MARKERS)
def test_a_folder_is_marked_by_obsidian_or_settings(tmp_path, marker):
    write_files(tmp_path / "Notes", MARKERS[marker])
    assert marked_as_vault(tmp_path / "Notes")
    assert not marked_as_vault(tmp_path)


def test_a_marker_of_the_wrong_kind_marks_nothing(tmp_path):
    (tmp_path / ".obsidian").write_text("")  # a file, not Obsidian's folder
    (tmp_path / ".vaultnet.toml").mkdir()  # a folder, not the settings file
    assert not marked_as_vault(tmp_path)


@pytest.mark.parametrize("marker", MARKERS)
@pytest.mark.parametrize("start", ["", "People", "People/Team/2026"])
def test_the_nearest_marked_folder_at_or_above_is_the_vault(tmp_path, marker, start):
    write_files(tmp_path / "Notes", {**MARKERS[marker], "People/Team/2026/x.md": ""})
    assert vault_around(tmp_path / "Notes" / start, home=None) == tmp_path / "Notes"


def test_nested_vaults_the_nearest_wins(tmp_path):
    write_files(tmp_path / "Notes", {".vaultnet.toml": "", "Work/.obsidian/app.json": "{}",
                                     "Work/People/x.md": ""})
    assert vault_around(tmp_path / "Notes/Work/People", home=None) == tmp_path / "Notes/Work"
    assert vault_around(tmp_path / "Notes", home=None) == tmp_path / "Notes"


def test_no_marked_folder_no_vault(tmp_path):
    (tmp_path / "Loose/People").mkdir(parents=True)
    assert vault_around(tmp_path / "Loose/People", home=None) is None


def test_home_is_taken_from_below_only_when_vaultnet_marked_it(tmp_path):
    """A `.obsidian/` left in the home folder (it was once opened as a vault) would make every
    folder of the user's part of a vault, with the output folder written into their home: from
    below, only `.vaultnet.toml` (which vaultnet init or the user writes) marks it."""
    home = tmp_path / "home"
    write_files(home, {".obsidian/app.json": "{}", "code/project/README.md": ""})
    write_files(tmp_path, {".vaultnet.toml": ""})  # above home: never looked at from inside it
    assert vault_around(home / "code/project", home=home) is None
    assert vault_around(home, home=home) == home  # run from home itself: as it is marked
    write_files(home, {".vaultnet.toml": ""})
    assert vault_around(home / "code/project", home=home) == home


# Through the command line.

@pytest.mark.parametrize("marker", MARKERS)
def test_a_command_run_from_a_subfolder_finds_the_vault(tmp_path, monkeypatch, marker):
    write_files(tmp_path / "Notes", {**MARKERS[marker], "People/Jane Doe.md": JANE,
                                     "Daily/2026-11-20.md": "- walked\n"})
    assert due_from(tmp_path / "Notes/Daily", monkeypatch) == ["Jane Doe"]
    assert due_from(tmp_path / "Notes/People", monkeypatch) == ["Jane Doe"]
    assert due_from(tmp_path / "Notes", monkeypatch) == ["Jane Doe"]


def test_nested_vaults_the_nearest_wins_on_the_command_line(tmp_path, monkeypatch):
    write_files(tmp_path / "Notes", {".vaultnet.toml": "", "People/Jane Doe.md": JANE,
                                     "Work/.obsidian/app.json": "{}", "Work/People/Bob Ray.md": BOB,
                                     "Work/Daily/2026-11-20.md": "- walked\n"})
    assert due_from(tmp_path / "Notes/Work/Daily", monkeypatch) == ["Bob Ray"]
    # (From Notes/People the vault is Notes, whose notes hold Work's: which of them it reads is
    # not what this test is about.)
    assert "Jane Doe" in due_from(tmp_path / "Notes/People", monkeypatch)


def test_sync_from_people_writes_into_the_vaults_output_folder(tmp_path, monkeypatch):
    notes = tmp_path / "Notes"
    write_files(notes, {".obsidian/app.json": "{}", "People/Jane Doe.md": JANE})
    result = sync_from(notes / "People", monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Read 1 note: 1 person, 0 daily notes.\n"
                                    "Created Network/Communities.md\n")
    assert (notes / "Network/Network.md").is_file()
    assert not (notes / "People/Network").exists()
    assert sorted(p.name for p in (notes / "People").iterdir()) == ["Jane Doe.md"]


def test_no_marker_anywhere_takes_the_current_folder_as_before(tmp_path, monkeypatch):
    """Taken as before, and refused as `sync` refuses it when it holds no person: `due` in Daily/
    of a vault with no marker says that Daily/ is no vault, not that nobody is due."""
    loose = tmp_path / "Loose"
    write_files(loose, {"People/Jane Doe.md": JANE, "Daily/2026-11-20.md": "- walked\n"})
    monkeypatch.chdir(loose / "Daily")
    refused = CliRunner().invoke(cli, ["due", "--json", "--today", str(TODAY)])
    assert (refused.exit_code, refused.output[:41]) == (1, "Error: . does not look like a vault: it h")
    result = sync_from(loose / "People", monkeypatch)
    assert result.exit_code == 0, result.output
    assert (loose / "People/Network/Network.md").is_file()
    assert not (loose / "Network").exists()


def test_a_stray_obsidian_in_home_is_not_taken_from_below(monkeypatch, no_vault_given):
    home = no_vault_given
    write_files(home, {".obsidian/app.json": "{}", "code/project/README.md": "# A project\n"})
    result = sync_from(home / "code/project", monkeypatch)
    assert result.exit_code == 1
    assert result.output.startswith("Error: . does not look like a vault")
    assert sorted(p.name for p in home.iterdir()) == [".obsidian", "code"]
    assert sorted(p.name for p in (home / "code/project").iterdir()) == ["README.md"]


@pytest.mark.parametrize("how", ["--vault", "VAULTNET_VAULT"])
def test_a_vault_given_is_taken_as_it_is(tmp_path, monkeypatch, how):
    notes = tmp_path / "Notes"
    write_files(notes, {".vaultnet.toml": "", "People/Jane Doe.md": JANE,
                        "Daily/2026-11-20.md": "- walked\n"})
    args = ("--vault", ".") if how == "--vault" else ()
    if how == "VAULTNET_VAULT":
        monkeypatch.setenv("VAULTNET_VAULT", ".")
    monkeypatch.chdir(notes / "Daily")
    refused = CliRunner().invoke(cli, ["due", "--json", "--today", str(TODAY), *args])
    assert (refused.exit_code, refused.output[:41]) == (1, "Error: . does not look like a vault: it h")
    result = sync_from(notes / "Daily", monkeypatch, *args)
    assert result.exit_code == 1  # taken as it is, so refused as it is: no marker, no person
    assert result.output.startswith("Error: . does not look like a vault")
    assert not (notes / "Network").exists() and not (notes / "Daily/Network").exists()


def test_init_still_makes_the_current_folder_a_vault(tmp_path, monkeypatch):
    notes = tmp_path / "Notes"
    write_files(notes, {".vaultnet.toml": "", "Projects/README.md": "# Projects\n"})
    monkeypatch.chdir(notes / "Projects")
    result = CliRunner().invoke(cli, ["init"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (notes / "Projects/.vaultnet.toml").is_file()


def test_the_help_says_where_the_vault_is_found():
    result = CliRunner().invoke(cli, ["due", "--help"])
    assert ".obsidian" in result.output and "current folder" in result.output
