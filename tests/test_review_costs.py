"""What a sync pays for the checks a review found too dear, on real files: folder settings looked
for in another case or at any depth, and a folder's sync conflict copies. Each cost is counted
(calls of the real function), not timed; and each check still says what it said."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import TODAY, person

from vaultnet.base import settings as settings_module
from vaultnet.base.dates import leading_date
from vaultnet.base.errors import VaultnetError
from vaultnet.base.filenames import is_hidden_name, safe_stem, windows_trouble
from vaultnet.base.settings import folder_problems, load_settings
from vaultnet.read import vault as vault_module
from vaultnet.read.vault import walk_vault

JANE = person("Jane Doe", role="mentor")


def counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[tuple[Any, ...]]:
    """Count the calls of `module.name` (each call's arguments), calling the real function."""
    calls: list[tuple[Any, ...]] = []
    real: Callable[..., Any] = getattr(module, name)

    def counting(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(module, name, counting)
    return calls


# -- a folder setting in another case: each folder on the way listed once ---------------------

def test_a_folder_setting_in_another_case_lists_each_folder_once(make_vault, run, monkeypatch):
    notes = {f"People/P{n:03}.md": person(f"P{n:03}") for n in range(200)}
    vault = make_vault({".vaultnet.toml": 'ignore = ["people/archive"]\n', **notes,
                        "People/Archive/Old.md": person("Old")})
    is_folder = counted(monkeypatch, settings_module, "_is_folder")
    listed = counted(monkeypatch, settings_module, "_subfolders")

    first = run("sync", "--vault", vault, "--today", TODAY)
    assert first.exit_code == 0, first.output
    assert "no folder" not in first.output
    # The cache's key twice and the problems once ask. People is listed once; the vault's top
    # again only once the sync has made its output folder there.
    assert len(is_folder) <= 3
    assert [folder for folder, in listed].count(str(vault / "People")) == 1
    assert [folder for folder, in listed].count(str(vault)) <= 2

    listed.clear()
    again = run("sync", "--vault", vault, "--today", TODAY)
    assert again.exit_code == 0, again.output
    assert listed == []  # nothing changed: nothing listed again


def test_a_folder_made_since_is_seen(make_vault, run):
    """The listings remembered are a folder's as it was: a folder made since is found."""
    vault = make_vault({".vaultnet.toml": 'ignore = ["people/archive"]\n',
                        "People/Jane Doe.md": JANE})
    before = run("sync", "--vault", vault, "--today", TODAY)
    assert "`ignore` = 'people/archive': there is no folder people/archive/" in before.output
    (vault / "People" / "Archive").mkdir()
    after = run("sync", "--vault", vault, "--today", TODAY)
    assert after.exit_code == 0, after.output
    assert "no folder" not in after.output


# -- a `[person] folders` name at any depth ----------------------------------------------------

NESTED = {".vaultnet.toml": '[person]\nfolders = ["Contacts"]\n',
          "Work/Contacts/Bob.md": "Bob, from the client.\n", "People/Jane Doe.md": JANE}


def test_a_nested_person_folder_is_no_problem(make_vault, run):
    vault = make_vault(NESTED)
    assert folder_problems(vault, load_settings(vault), ["People/Jane Doe.md",
                                                         "Work/Contacts/Bob.md"]) == []
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "no folder" not in result.output


def test_a_nested_person_folder_costs_no_reading_of_the_settings(make_vault, monkeypatch):
    vault = make_vault(NESTED)
    settings = load_settings(vault)
    read = counted(monkeypatch, settings_module, "_settings_text")
    assert folder_problems(vault, settings, ["People/Jane Doe.md", "Work/Contacts/Bob.md"]) == []
    assert read == []


def test_a_person_folder_found_nowhere_is_named_with_its_line(make_vault):
    vault = make_vault({".vaultnet.toml": '[person]\nfolders = ["Contacs"]\n',
                        "Work/Contacts/Bob.md": "Bob.\n"})
    [problem] = folder_problems(vault, load_settings(vault), ["Work/Contacts/Bob.md"])
    assert (problem.line, problem.message) == (
        2, "`[person] folders` = 'Contacs': there is no folder Contacs/ in the vault")


def test_a_daily_folder_missing_points_to_the_date_named_notes(make_vault):
    vault = make_vault({".vaultnet.toml": '[daily_notes]\nfolder = "Daily"\n',
                        "Journal/2026-11-01.md": "", "Journal/2026-11-02 Monday.md": ""})
    paths = ["Journal/2026-11-01.md", "Journal/2026-11-02 Monday.md", "Journal/2026-13-40.md"]
    [problem] = folder_problems(vault, load_settings(vault), paths)
    assert problem.hint == ("the daily notes are in Journal/? then write `folder = \"Journal\"` "
                            "under [daily_notes]")


# -- sync conflict copies: a folder's names gathered once -------------------------------------

def test_conflict_copies_gather_their_folders_names_once(make_vault, monkeypatch):
    notes = {f"People/P{n:03}.md": "" for n in range(100)}
    copies = {f"People/P{n:03} (conflicted copy 2026-12-01).md": "" for n in range(10)}
    vault = make_vault({**notes, **copies, "People/p100 (Case Conflict).md": ""})
    nfc = counted(monkeypatch, vault_module, "nfc")
    _, problems = walk_vault(vault, ())
    entries = len(notes) + len(copies) + 1
    # One for each name as the walk meets it, one more as the folder's names: not one a copy.
    assert len(nfc) <= 2 * entries + 1
    said = {p.path: p.message for p in problems}
    assert said["People/P003 (conflicted copy 2026-12-01).md"] == (
        "is a sync conflict copy of People/P003.md (Dropbox): its changes are not read")
    assert said["People/p100 (Case Conflict).md"] == (
        "is a sync conflict copy of People/p100.md (Dropbox), which is not in the vault: it is "
        "not read")


# -- the rules, one place each ------------------------------------------------------------------

@pytest.mark.parametrize("name, hidden", [
    (".obsidian", True), ("Jane.md~", True), ("lost+found", True), ("a.md___jb_tmp___", True),
    ("~Notes", False), ("Jane.md", False), ("Lost and found", False)])
def test_hidden_names_are_those_the_walk_leaves_out(name, hidden):
    assert is_hidden_name(name) is hidden
    assert vault_module.is_skipped_name(name) is hidden


def test_a_name_windows_refuses_is_never_a_stem_vaultnet_writes():
    for char in '<>:"|?*\\':
        assert windows_trouble(f"a{char}b") == f"holds {char!r}, which Windows does not allow in a name"
        assert char not in safe_stem(f"a{char}b")


def test_an_error_of_several_lines_keeps_each_line_and_escapes_within_it():
    error = VaultnetError("3 mistakes:", ["one", "two\nthree\x1b[2J"])
    assert error.message.splitlines()[:2] == ["3 mistakes:", "  one"]
    assert len(error.message.splitlines()) == 3
    assert "\x1b" not in error.message


@pytest.mark.parametrize("name, day", [
    ("2026-11-20 Friday.md", (2026, 11, 20)), ("2026-11-20.md", (2026, 11, 20)),
    ("2026-02-30.md", None), ("2026-11-201.md", None), ("Notes 2026-11-20.md", None)])
def test_a_leading_date_is_a_real_one(name, day):
    found = leading_date(name)
    assert (found.timetuple()[:3] if found else None) == day


def test_a_colon_in_a_folder_setting_is_a_names_not_a_drives(tmp_path):
    (tmp_path / ".vaultnet.toml").write_text('output_folder = "Work/a:b"\n')
    with pytest.raises(VaultnetError, match="'a:b' holds ':', which Windows does not allow"):
        load_settings(tmp_path)
    (tmp_path / ".vaultnet.toml").write_text("output_folder = 'C:\\Net'\n")
    with pytest.raises(VaultnetError, match="must be a folder inside the vault"):
        load_settings(tmp_path)
