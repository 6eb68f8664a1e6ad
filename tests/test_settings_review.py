"""`.vaultnet.toml` as people really write it, from a review of the settings file: typos and keys in
the wrong section named with what was meant, a Notepad byte-order mark and Windows paths, values
that would silently empty the agenda, folder names Obsidian hides or Windows cannot hold, a person
template that is not there, and folder settings that name no folder of the vault.

Every refusal is checked for its exact message and exit code, and that nothing was written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TODAY, person, snapshot

from vaultnet.base.settings import load_settings

JANE = person("Jane Doe", role="mentor")
RULE = "name a folder that Obsidian shows and that Windows, macOS and Linux all accept"


def refused(run, vault: Path, *args: object) -> str:
    """Run a command (`sync` unless told) that must refuse with exit 1, writing nothing; its
    output."""
    before = snapshot(vault)
    result = run(*(args or ("sync",)), "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert snapshot(vault) == before and not (vault / "Network").exists()
    return result.output


def settings_vault(make_vault, settings: str | bytes, **files: str) -> Path:
    return make_vault({".vaultnet.toml": settings, "People/Jane Doe.md": JANE, **files})


# -- 1. Typos and keys in the wrong place ------------------------------------------------------

@pytest.mark.parametrize("settings, said", [
    ('people_foldr = "Folks"\n', "unknown setting `people_foldr` (line 1): did you mean "
                                 "`people_folder`?"),
    ('output-folder = "Gen"\n', "unknown setting `output-folder` (line 1): did you mean "
                                "`output_folder`?"),
    ('Output_Folder = "Gen"\n', "unknown setting `Output_Folder` (line 1): did you mean "
                                "`output_folder`?"),
    ("# outreach\n[Outreach]\nwait_days = 3\n", "unknown setting `[Outreach]` (line 2): did you "
                                                "mean `[outreach]`?"),
    ("[outreach]\nwait_day = 3\n", "unknown setting `[outreach] wait_day` (line 2): did you mean "
                                   "`wait_days`?"),
    ("outreach.wait_day = 3\n", "unknown setting `[outreach] wait_day` (line 1): did you mean "
                                "`wait_days`?"),
    ("quiet_days = 30\nwait_days = 3\n", "unknown setting `wait_days` (line 2): write it as "
                                         "`[outreach] wait_days`"),
    ("mentor = 30\n", "unknown setting `mentor` (line 1): write it as `[cadence] mentor`"),
    ("[person]\nwait_days = 3\n", "unknown setting `[person] wait_days` (line 2): write it as "
                                  "`[outreach] wait_days`"),
    ("[daily_notes]\nfolders = [\"Daily\"]\n", "unknown setting `[daily_notes] folders` (line 2): "
                                               "did you mean `folder`?"),
    ("zzz = 1\n", "unknown setting `zzz` (line 1); known: cadence, daily_notes, ignore, "
                  "log_titles, max_note_bytes, me, meetings_folder, output_folder, outreach, "
                  "people_folder, person, person_template, quiet_days, template_folders"),
])
def test_an_unknown_setting_is_named_with_its_line_and_what_was_meant(make_vault, run, settings,
                                                                      said):
    vault = settings_vault(make_vault, settings)
    assert refused(run, vault) == f"Error: {vault / '.vaultnet.toml'}: {said}\n"


def test_every_unknown_setting_is_named_at_once(make_vault, run):
    vault = settings_vault(make_vault, 'people_foldr = "Folks"\nzzz = 1\n'
                                       "[outreach]\nwait_day = 3\ncold_days = 60\n")
    assert refused(run, vault) == (
        f"Error: {vault / '.vaultnet.toml'}: 3 unknown settings:\n"
        "  `people_foldr` (line 1): did you mean `people_folder`?\n"
        "  `zzz` (line 2); known: cadence, daily_notes, ignore, log_titles, max_note_bytes, me, "
        "meetings_folder, output_folder, outreach, people_folder, person, person_template, "
        "quiet_days, template_folders\n"
        "  `[outreach] wait_day` (line 4): did you mean `wait_days`?\n")


def test_a_top_level_setting_appended_to_the_init_file_says_where_it_belongs(make_vault, run):
    """The likeliest real mistake: `init` writes a file that ends in a [daily_notes] section, and
    a setting added at its end belongs to that section."""
    vault = make_vault({"People/Jane Doe.md": JANE})
    assert run("init", "--vault", vault).exit_code == 0
    settings = vault / ".vaultnet.toml"
    text = settings.read_text()
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines, 1) if line.startswith("["))
    settings.write_text(text + 'output_folder = "Gen"\n')
    assert refused(run, vault) == (
        f"Error: {settings}: unknown setting `[daily_notes] output_folder` (line "
        f"{len(lines) + 1}): `output_folder` is a top-level setting, but a line after "
        "`[daily_notes]` belongs to that section: move it above the first [section] line "
        f"(line {first}, `{lines[first - 1]}`)\n")


def test_init_says_where_top_level_settings_go():
    from vaultnet.edits.vault_init import _settings_text

    text = _settings_text()
    assert "# Settings of your own that belong to no section go above this line" in text
    assert text.index("go above this line") < text.index("\n[cadence]")


def test_a_top_level_setting_in_the_cadence_table_is_no_role(make_vault, run):
    vault = settings_vault(make_vault, '[cadence]\nmentor = 30\noutput_folder = "Gen"\n')
    assert refused(run, vault) == (
        f"Error: {vault / '.vaultnet.toml'}: unknown setting `[cadence] output_folder` (line 3): "
        "`output_folder` is a top-level setting, but a line after `[cadence]` belongs to that "
        "section: move it above the first [section] line (line 1, `[cadence]`)\n")


@pytest.mark.parametrize("settings, said", [
    # TOML keeps both keys, but roles are read in any case: one of them would be lost unsaid
    ("[cadence]\npeer = 100\nPeer = 60\n", "`[cadence]` gives the role 'peer' twice ('peer' and "
                                            "'Peer'; roles are read in any case): keep one"),
    ('[cadence]\n"" = 14\n', "`[cadence]` has a role with no name (''); a person with no role has "
                            "no cadence but their own"),
    ('[cadence]\n" " = 14\n', "`[cadence]` has a role with no name (' '); a person with no role "
                             "has no cadence but their own"),
])
def test_a_cadence_table_that_names_a_role_twice_or_none_is_refused(make_vault, run, settings,
                                                                     said):
    vault = settings_vault(make_vault, settings)
    assert refused(run, vault) == f"Error: {vault / '.vaultnet.toml'}: {said}\n"


def test_ignoring_the_output_folder_is_no_missing_folder_and_writes_once(make_vault, run):
    """`ignore = ["Network"]` (as Obsidian's excluded files may say): the sync makes that
    folder, so it is not named missing, and a second sync has nothing to write."""
    vault = settings_vault(make_vault, 'ignore = ["Network"]\n')
    first = run("sync", "--vault", vault, "--today", TODAY)
    assert first.exit_code == 0, first.output
    assert "there is no folder" not in (vault / "Network/Network.md").read_text(encoding="utf-8")
    again = run("sync", "--vault", vault, "--today", TODAY)
    assert "Nothing to write: Network/ is up to date." in again.output


# -- 2. A byte-order mark; Windows paths -------------------------------------------------------

def test_a_byte_order_mark_is_set_aside(make_vault, run):
    vault = settings_vault(make_vault, b'\xef\xbb\xbfoutput_folder = "Gen"\r\n')
    assert load_settings(vault).output_folder == "Gen"
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    assert (vault / "Gen/Network.md").exists()


@pytest.mark.parametrize("settings, line, written", [
    ('people_folder = "C:\\Users\\me\\People"\n', 1, 'people_folder = "C:\\Users\\me\\People"'),
    ('quiet_days = 9\npeople_folder = "Folks\\"', 2, 'people_folder = "Folks\\"'),
    ('people_folder = "Folks\\"\nquiet_days = 9\n', 1, 'people_folder = "Folks\\"'),
])
def test_a_backslash_in_double_quotes_gets_a_hint(make_vault, run, settings, line, written):
    vault = settings_vault(make_vault, settings)
    assert refused(run, vault) == (
        f"Error: {vault / '.vaultnet.toml'}:{line}: not valid TOML: `{written}` has a backslash "
        "inside \"double quotes\", which TOML reads as an escape; write a Windows path in single "
        "quotes ('People\\Work') or with forward slashes (\"People/Work\")\n")


def test_other_invalid_toml_is_named_at_its_line(make_vault, run):
    vault = settings_vault(make_vault, "people_folder = [\n")
    assert refused(run, vault) == (f"Error: {vault / '.vaultnet.toml'}:1: not valid TOML: the "
                                   "list is never closed (`people_folder = [`); close it "
                                   "with ]\n")
    vault = settings_vault(make_vault, 'me = ["a@b.c",]x\n')
    assert refused(run, vault) == (f"Error: {vault / '.vaultnet.toml'}:1: not valid TOML: "
                                   "expected newline or end of document after a statement "
                                   "(column 16); fix it or delete it\n")


def test_a_windows_path_in_single_quotes_is_a_folder(make_vault):
    vault = settings_vault(make_vault, "people_folder = 'Folks\\Work'\n")
    assert load_settings(vault).people_folder == "Folks/Work"


# -- 3. Values that would silently empty the result --------------------------------------------

@pytest.mark.parametrize("settings, said", [
    ("[outreach]\nwait_days = 30\ncold_days = 20\n", "`[outreach] cold_days` (20) must be more "
     "than `wait_days` (30): outreach goes cold before a follow-up is due, so none would ever "
     "show"),
    ("[outreach]\nwait_days = 90\n", "`[outreach] cold_days` (90, the default) must be more than "
     "`wait_days` (90): outreach goes cold before a follow-up is due, so none would ever show"),
    ("max_note_bytes = 0\n", "`max_note_bytes` = 0 is too small: notes larger than it are skipped, "
     "and below 65536 (64 KB) notes people keep would be; it is there to keep out huge files "
     "(the default is 4194304, 4.0 MB)"),
    ("max_note_bytes = 4\n", "`max_note_bytes` = 4 is too small: notes larger than it are skipped, "
     "and below 65536 (64 KB) notes people keep would be; it is there to keep out huge files "
     "(the default is 4194304, 4.0 MB)"),
    ('[cadence]\ncolleague = "often"\n', "`[cadence] colleague` = 'often' must be days or a form "
     "like 30d, 2w, 3m, monthly; or 0, \"none\" or \"never\" for a role you do not track"),
    ("[cadence]\ncolleague = -5\n", "`[cadence] colleague` = -5 must be days or a form like 30d, "
     "2w, 3m, monthly; or 0, \"none\" or \"never\" for a role you do not track"),
])
def test_values_that_would_empty_the_result_are_refused(make_vault, run, settings, said):
    vault = settings_vault(make_vault, settings)
    assert refused(run, vault) == f"Error: {vault / '.vaultnet.toml'}: {said}\n"


def test_the_smallest_note_limit_is_accepted(make_vault):
    vault = settings_vault(make_vault, "max_note_bytes = 65536\n[outreach]\ncold_days = 8\n")
    settings = load_settings(vault)
    assert settings.max_note_bytes == 65536 and settings.outreach_cold_days == 8


@pytest.mark.parametrize("value", ["0", '"none"', '"never"', '" Never "', '"0"'])
def test_a_role_with_no_cadence_is_not_tracked(make_vault, run, value):
    vault = make_vault({".vaultnet.toml": f"[cadence]\ncolleague = {value}\n",
                        "People/Cole.md": person("Cole", role="colleague"),
                        "People/Fern.md": person("Fern", role="friend"),
                        "People/Cara.md": person("Cara", role="colleague", cadence="30d")})
    assert "colleague" not in load_settings(vault).cadence
    result = run("due", "--json", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    due = json.loads(result.output)
    assert sorted(item["person"] for item in due["stay_in_touch"]) == ["Cara", "Fern"]


# -- 4. Folder names Obsidian hides or Windows cannot hold -------------------------------------

@pytest.mark.parametrize("folder, why", [
    (".obsidian", "'.obsidian' starts with a dot, so Obsidian does not show it"),
    (".obsidian/x", "'.obsidian' starts with a dot, so Obsidian does not show it"),
    (".git", "'.git' starts with a dot, so Obsidian does not show it"),
    (".trash", "'.trash' starts with a dot, so Obsidian does not show it"),
    ("Net/.hidden", "'.hidden' starts with a dot, so Obsidian does not show it"),
    ("~/Net", "'~' starts with `~`, which is no home folder here: a folder setting is a folder "
              "inside the vault"),
    ("Net~", "'Net~' ends with `~`, as backup files do, and vaultnet reads none"),
    ("CON", "'CON' is a device name on Windows"),
    ("Work/nul", "'nul' is a device name on Windows"),
    ("COM1", "'COM1' is a device name on Windows"),
    ("aux.notes", "'aux.notes' is a device name on Windows"),
    ("Net.", "'Net.' ends with a dot or a space, which Windows drops"),
    ("Net /x", "'Net ' ends with a dot or a space, which Windows drops"),
    ("a<b", "'a<b' holds '<', which Windows does not allow in a name"),
    ("a>b", "'a>b' holds '>', which Windows does not allow in a name"),
    ("a|b", "'a|b' holds '|', which Windows does not allow in a name"),
    ("a?b", "'a?b' holds '?', which Windows does not allow in a name"),
    ("a*b", "'a*b' holds '*', which Windows does not allow in a name"),
    ('a"b', "'a\"b' holds '\"', which Windows does not allow in a name"),
    ("a:b", "'a:b' holds ':', which Windows does not allow in a name"),
])
def test_an_output_folder_name_that_is_trouble_is_refused(make_vault, run, folder, why):
    vault = settings_vault(make_vault, f"output_folder = '{folder}'\n")
    assert refused(run, vault) == (f"Error: {vault / '.vaultnet.toml'}: `output_folder` = "
                                   f"{folder!r} cannot be used: {why}; {RULE}\n")


@pytest.mark.parametrize("settings, key, value", [
    ("people_folder = '.People'", "people_folder", ".People"),
    ("meetings_folder = 'CON'", "meetings_folder", "CON"),
    ("person_template = '.Templates/Person.md'", "person_template", ".Templates/Person.md"),
    ("person_template = 'Templates/NUL.md'", "person_template", "Templates/NUL.md"),
    ("[daily_notes]\nfolder = '~/Daily'", "daily_notes.folder", "~/Daily"),
    ("[person]\nfolders = ['.Family']", "person.folders", ".Family"),
])
def test_the_same_rule_holds_for_folders_vaultnet_reads(make_vault, run, settings, key, value):
    vault = settings_vault(make_vault, settings + "\n")
    output = refused(run, vault)
    assert output.startswith(f"Error: {vault / '.vaultnet.toml'}: `{key}` = {value!r} cannot be "
                             "used: "), output
    assert output.endswith(f"; {RULE}\n"), output


def test_folders_to_skip_may_be_hidden(make_vault):
    """Naming a folder that is skipped anyway does no harm."""
    vault = settings_vault(make_vault, "ignore = ['.trash']\ntemplate_folders = ['.tpl']\n",
                           **{".trash/x.md": "x\n", ".tpl/y.md": "y\n"})
    settings = load_settings(vault)
    assert settings.ignore == (".trash",) and settings.template_folders == (".tpl",)


def test_an_outside_path_keeps_its_message(make_vault, run):
    vault = settings_vault(make_vault, "output_folder = '../Net'\n")
    assert refused(run, vault) == (f"Error: {vault / '.vaultnet.toml'}: `output_folder` = "
                                   "'../Net' must be a folder inside the vault, such as "
                                   "\"Network\"\n")


# -- 5. A person template that is not there ----------------------------------------------------

VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Noor Al-Sayed\r\nEND:VCARD\r\n"


def test_add_refuses_a_configured_template_that_is_missing(make_vault, run):
    vault = settings_vault(make_vault, 'person_template = "Tpl/Nope.md"\n')
    assert refused(run, vault, "add", "Rosa Park") == (
        f"Error: {vault / '.vaultnet.toml'}: `person_template` = 'Tpl/Nope.md' names no note of "
        "the vault; create Tpl/Nope.md, or delete the setting to start from vaultnet's own "
        "template\n")


def test_import_refuses_a_configured_template_that_is_missing(make_vault, run, tmp_path):
    vault = settings_vault(make_vault, 'person_template = "Tpl/Nope.md"\n')
    (tmp_path / "contacts.vcf").write_text(VCARD, encoding="utf-8")
    output = refused(run, vault, "import", tmp_path / "contacts.vcf")
    assert output.endswith(f"Error: {vault / '.vaultnet.toml'}: `person_template` = "
                           "'Tpl/Nope.md' names no note of the vault; create Tpl/Nope.md, or "
                           "delete the setting to start from vaultnet's own template\n"), output


@pytest.mark.parametrize("settings", ["", 'person_template = "Templates/Person.md"\n'])
def test_the_default_template_missing_is_vaultnets_own(make_vault, run, settings):
    vault = settings_vault(make_vault, settings)
    result = run("add", "Rosa Park", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (vault / "People/Rosa Park.md").read_text().startswith("---\ntype: person\n")


def test_a_configured_template_that_is_there_is_used(make_vault, run):
    vault = settings_vault(make_vault, 'person_template = "Tpl/Mine.md"\n',
                           **{"Tpl/Mine.md": "---\ntype: person\nmine: yes\n---\n"})
    assert run("add", "Rosa Park", "--vault", vault, "--today", TODAY).exit_code == 0
    assert "mine: yes" in (vault / "People/Rosa Park.md").read_text()


# -- 6. Folder settings that name no folder ----------------------------------------------------

DAYS = {"Daily/2026-11-20.md": "Lunch with [[Jane Doe]] #outreach\n",
        "Daily/2026-11-21.md": "Call with [[Jane Doe]]\n",
        "Notes/2026-11-02 Kickoff.md": "With [[Jane Doe]]\n"}


def check_json(run, vault: Path) -> list[dict[str, object]]:
    result = run("check", "--json", "--vault", vault, "--today", TODAY)
    return [p for p in json.loads(result.output) if p["path"] == ".vaultnet.toml"]


def test_a_daily_folder_that_is_not_there_points_to_the_daily_notes(make_vault, run):
    vault = settings_vault(make_vault, '[daily_notes]\nfolder = "Journal"\n', **DAYS)
    result = run("check", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    assert (".vaultnet.toml:2: `[daily_notes] folder` = 'Journal': there is no folder Journal/ "
            "in the vault\n  fix: the daily notes are in Daily/? then write `folder = \"Daily\"` "
            "under [daily_notes]\n") in result.output, result.output
    synced = run("sync", "--vault", vault, "--today", TODAY)
    assert synced.exit_code == 0
    assert ("  .vaultnet.toml:2: `[daily_notes] folder` = 'Journal': there is no folder Journal/ "
            "in the vault\n") in synced.output, synced.output


def test_every_folder_setting_that_names_no_folder_is_a_problem(make_vault, run):
    vault = settings_vault(make_vault, 'people_folder = "Folks"\nmeetings_folder = "Meetings"\n'
                           'ignore = ["Archive", "Old/Stuff", "old"]\n'
                           'template_folders = ["_tpl"]\n[person]\nfolders = ["Family", '
                           '"Work/Team", "Friends"]\n[daily_notes]\nfolder = "Journal"\n',
                           **{"Folks/Ann.md": person("Ann"), "Old/x.md": "x\n",
                              "Notes/2026-01-01.md": "day\n", "Notes/Friends/Bo.md": "b\n"})
    hint = "create the folder, or correct the setting or delete it"
    assert check_json(run, vault) == [
        {"path": ".vaultnet.toml", "line": 2, "message": "`meetings_folder` = 'Meetings': there "
         "is no folder Meetings/ in the vault", "hint": hint},
        {"path": ".vaultnet.toml", "line": 3, "message": "`ignore` = 'Archive': there is no "
         "folder Archive/ in the vault", "hint": hint},
        {"path": ".vaultnet.toml", "line": 3, "message": "`ignore` = 'Old/Stuff': there is no "
         "folder Old/Stuff/ in the vault", "hint": hint},
        {"path": ".vaultnet.toml", "line": 4, "message": "`template_folders` = '_tpl': there is "
         "no folder _tpl/ in the vault", "hint": hint},
        {"path": ".vaultnet.toml", "line": 6, "message": "`[person] folders` = 'Family': there is "
         "no folder Family/ in the vault", "hint": hint},
        {"path": ".vaultnet.toml", "line": 6, "message": "`[person] folders` = 'Work/Team': there "
         "is no folder Work/Team/ in the vault", "hint": hint},
        {"path": ".vaultnet.toml", "line": 8, "message": "`[daily_notes] folder` = 'Journal': "
         "there is no folder Journal/ in the vault", "hint": hint},
    ]


def test_the_default_people_folder_may_be_missing(make_vault, run):
    vault = make_vault({".vaultnet.toml": 'people_folder = "People"\n',
                        "Notes/Jane Doe.md": JANE})
    assert check_json(run, vault) == []


def test_a_missing_people_folder_is_named(make_vault, run):
    vault = make_vault({".vaultnet.toml": 'people_folder = "Folks"\n', "Notes/Jane Doe.md": JANE})
    assert check_json(run, vault) == [
        {"path": ".vaultnet.toml", "line": 1, "message": "`people_folder` = 'Folks': there is no "
         "folder Folks/ in the vault", "hint": "create the folder, or correct the setting or "
         "delete it"}]


def test_a_folder_in_another_case_is_there(make_vault, run):
    vault = settings_vault(make_vault, '[daily_notes]\nfolder = "daily"\n', **DAYS)
    assert check_json(run, vault) == []


def test_a_folder_made_after_a_sync_is_seen_by_the_next(make_vault, run):
    vault = settings_vault(make_vault, 'meetings_folder = "Meetings"\n')
    first = run("sync", "--vault", vault, "--today", TODAY).output
    assert "there is no folder Meetings/" in first
    (vault / "Meetings").mkdir()
    second = run("sync", "--vault", vault, "--today", TODAY).output
    assert "there is no folder Meetings/" not in second, second
