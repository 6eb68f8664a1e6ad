"""The command line: options shared by every command, exit codes and exact output."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import TODAY, person

from vaultnet.cli import cli
from vaultnet.cli.options import Leaving
from vaultnet.pipeline.sync import SyncResult, Vault
from vaultnet.watch.watcher import Watcher

JANE = person("Jane Doe", body="## Log\n- 2026-08-23 Coffee #met\n", role="mentor",
              topics="[civic tech]")


def test_sync_output_is_exact(make_vault, run):
    vault = make_vault({"People/Jane Doe.md": JANE, "Daily/2026-11-20.md": "- walked\n"})
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0
    assert result.output == (
        "Read 2 notes: 1 person, 1 daily note.\n"
        "Created Network/Communities.md\n"
        "Created Network/Follow-ups.md\n"
        "Created Network/Introductions.md\n"
        "Created Network/Mentors.md\n"
        "Created Network/Network.canvas\n"
        "Created Network/Network.md\n"
        "Created Network/Topics/civic tech.md\n"
        "Agenda for 2026-11-25: 1 to stay in touch with, 0 outreach to follow up, 0 to rest, "
        "0 promises due, 0 birthdays (see Network/Follow-ups.md).\n"
    )


@pytest.mark.parametrize(("broken", "named"), [(11, 11), (12, 10), (40, 10)])
def test_sync_names_the_first_problems_and_counts_the_rest(make_vault, run, broken, named):
    """A vault with thousands of problems is no wall of them after every sync: it names ten
    (all eleven, rather than "and 1 more"), counts the rest and points at `check`, which names
    every one."""
    vault = make_vault({"People/Jane Doe.md": JANE} | {
        f"People/Broken {i:02}.md": "---\nrole: [peer\n---\n" for i in range(broken)})
    output = run("sync", "--vault", vault, "--today", TODAY).output.splitlines()
    at = output.index(f"{broken} notes have problems; the rest of each was used where it could "
                      "be (run `vaultnet check` for how to fix them):")
    listed = output[at + 1:]
    assert listed[:named] == [f"  People/Broken {i:02}.md:2: frontmatter is not valid YAML: the "
                              "list opened with [ in `role: [peer` is never closed"
                              for i in range(named)]
    assert listed[named:] == ([] if named == broken else [
        f"  and {broken - named} more problems: `vaultnet check` lists them all"])
    checked = run("check", "--vault", vault, "--today", TODAY).output
    assert all(f"People/Broken {i:02}.md" in checked for i in range(broken))


def test_sync_names_every_files_problem_past_the_notes_first_ten(make_vault, run):
    """A sync tool's copy of a note, and a generated note left out of date, are named on every
    run (PRODUCT.md, promise 2), however many notes have problems of their own."""
    vault = make_vault({"People/Jane Doe.md": JANE,
                        "People/Jane Doe (Bob's conflicted copy 2026-12-01).md": JANE,
                        "Old/Follow-ups.md": "---\ngenerated_by: vaultnet\n---\nmine\n"} | {
        f"People/Broken {i:02}.md": "---\nrole: [peer\n---\n" for i in range(20)})
    output = run("sync", "--vault", vault, "--today", TODAY).output.splitlines()
    at = output.index("  People/Broken 09.md:2: frontmatter is not valid YAML: the list opened "
                      "with [ in `role: [peer` is never closed")
    assert [line.split(":")[0] for line in output[at + 1:]] == [
        "  People/Jane Doe (Bob's conflicted copy 2026-12-01).md", "  Old/", "  Old/Follow-ups.md",
        "  and 10 more problems"]


def test_sync_json(make_vault, run):
    vault = make_vault({"People/Jane Doe.md": JANE})
    data = json.loads(run("sync", "--vault", vault, "--today", TODAY, "--json").output)
    assert data["created"] == ["Network/Communities.md", "Network/Follow-ups.md",
                               "Network/Introductions.md",
                               "Network/Mentors.md", "Network/Network.canvas", "Network/Network.md",
                               "Network/Topics/civic tech.md"]
    assert (data["people"], data["written"], data["deleted"], data["problems"]) == (1, [], [], [])
    again = json.loads(run("sync", "--vault", vault, "--today", TODAY, "--json").output)
    assert (again["created"], again["written"], again["unchanged"]) == ([], [], 7)


READ_ONE = (  # how the vault was read: the first lines of `check`
    "How the vault was read:\n"
    "  people: 1 (1 by `type: person`)\n"
    "  daily notes: 0, named by a date (no daily-note setting)\n"
    "  meeting notes: 0\n"
    "  skipped as templates: none\n"
    "\n"
)


def test_check_clean_vault_exits_0(make_vault, run):
    vault = make_vault({"People/Jane Doe.md": JANE})
    result = run("check", "--vault", vault)
    assert (result.exit_code, result.output) == (0, READ_ONE + "No problems in 1 note.\n")
    assert json.loads(run("check", "--vault", vault, "--json").output) == []


def test_check_lists_problems_and_exits_1(make_vault, run):
    vault = make_vault({"People/Jane Doe.md": JANE,
                        "People/Bob.md": "---\ntype: person\ncadence: often\n---\n"})
    result = run("check", "--vault", vault)
    assert result.exit_code == 1
    assert result.output == READ_ONE.replace("people: 1 (1", "people: 2 (2") + (
        "People/Bob.md:3: `cadence` is not a cadence: 'often'\n"
        "  fix: write it like 30d, 2w, 3m or monthly; until then, it is read as not given: "
        "their role's cadence, if it has one\n"
        "1 problem in 1 note.\n"
    )
    assert json.loads(run("check", "--vault", vault, "--json").output) == [
        {"path": "People/Bob.md", "line": 3, "message": "`cadence` is not a cadence: 'often'",
         "hint": "write it like 30d, 2w, 3m or monthly; until then, it is read as not given: "
                 "their role's cadence, if it has one"}]


def test_vault_defaults_to_env_then_current_folder(make_vault, monkeypatch):
    vault = make_vault({"People/Jane Doe.md": JANE})
    runner = CliRunner()
    monkeypatch.setenv("VAULTNET_VAULT", str(vault))
    from_env = runner.invoke(cli, ["due", "--json", "--today", "2026-11-25"])
    assert json.loads(from_env.output)["stay_in_touch"][0]["person"] == "Jane Doe"
    monkeypatch.delenv("VAULTNET_VAULT")
    monkeypatch.chdir(vault)
    from_cwd = runner.invoke(cli, ["due", "--json", "--today", "2026-11-25"])
    assert from_cwd.output == from_env.output


@pytest.mark.parametrize("args", [
    ["sync", "--today", "2026-13-01"],
    ["due", "--today", "tomorrow"],
    ["check", "--vault", "/no/such/folder"],
    ["sync", "--no-such-option"],
])
def test_usage_errors_exit_2(make_vault, args):
    vault = make_vault({})
    if "--vault" not in args:
        args = [*args, "--vault", str(vault)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "Error" in result.output and "Traceback" not in result.output


def test_bad_settings_is_a_clear_error(make_vault, run):
    vault = make_vault({".vaultnet.toml": "people_folder = [\n"})
    result = run("sync", "--vault", vault)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and ".vaultnet.toml:1: not valid TOML" in result.output
    assert not (vault / "Network").exists()


def test_python_dash_m_works(make_vault):
    vault = make_vault({"People/Jane Doe.md": JANE})
    done = subprocess.run([sys.executable, "-m", "vaultnet", "due", "--vault", str(vault),
                           "--today", "2026-11-25"], capture_output=True, text=True, check=True)
    assert "Jane Doe" in done.stdout
    helped = subprocess.run([sys.executable, "-m", "vaultnet", "--help"], capture_output=True,
                            text=True, check=True)
    assert "Usage: vaultnet" in helped.stdout


@pytest.mark.slow  # a new process, timed
def test_the_command_leaves_at_once_with_its_output_and_exit_code(make_vault):
    """`vaultnet` skips the interpreter's teardown (`cli.main`): nothing printed may be lost,
    and every exit code must survive, piped or not."""
    vault = make_vault({"People/Jane Doe.md": JANE,
                        "People/Bob.md": "---\ntype: person\ncadence: often\n---\n"})

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "vaultnet", *args], capture_output=True,
                              text=True)

    checked = command("check", "--vault", str(vault))
    assert (checked.returncode, checked.stdout.splitlines()[-1]) == (1, "1 problem in 1 note.")
    synced = command("sync", "--vault", str(vault), "--today", str(TODAY), "--json")
    assert synced.returncode == 0 and json.loads(synced.stdout)["people"] == 2
    misused = command("sync", "--no-such-option")
    assert misused.returncode == 2 and "No such option" in misused.stderr
    (vault / "Network/Follow-ups.md").write_text("my own words\n", encoding="utf-8")
    kept = command("sync", "--vault", str(vault), "--today", str(TODAY))
    assert kept.returncode == 1 and "Left alone: Network/Follow-ups.md" in kept.stderr
    # A reader that stops early (`vaultnet export … -o - | head -1`), with far more than a pipe
    # holds still to come: no traceback, no error.
    for i in range(400):
        (vault / f"People/Person {i:03}.md").write_text(
            person(f"Person {i:03}", knows=f'["[[Person {(i + 1) % 400:03}]]"]'), encoding="utf-8")
    everything = command("export", "--format", "json", "-o", "-", "--vault", str(vault))
    assert everything.returncode == 0 and len(everything.stdout) > 100_000  # (a pipe holds 64 KiB)
    with subprocess.Popen([sys.executable, "-m", "vaultnet", "export", "--format", "json", "-o",
                           "-", "--vault", str(vault)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as piped:
        assert piped.stdout is not None and piped.stdout.readline()
        piped.stdout.close()
        assert piped.wait(timeout=60) == 0
        assert piped.stderr is not None and piped.stderr.read() == (  # (Bob's cadence)
            b"1 note has problems; the rest of each was used where it could be (run `vaultnet "
            b"check` for how to fix them).\n")


def test_sync_keeps_its_result_until_main_leaves_and_only_then(make_vault, monkeypatch):
    """`main` leaves without freeing anything, so `sync` keeps what it built until then rather
    than free it object by object on its return; run any other way (here, as a library would),
    nothing is kept, or a process that syncs again and again would grow."""
    vault = make_vault({"People/Jane Doe.md": JANE})
    synced = CliRunner().invoke(cli, ["sync", "--vault", str(vault), "--today", str(TODAY)])
    assert (synced.exit_code, Leaving.kept) == (0, None)
    monkeypatch.setattr(Leaving, "kept", [])  # as `main` sets it
    # (The cache is then saved by a child that outlives the command: here, in this process.)
    monkeypatch.setattr("vaultnet.pipeline.one_at_a_time.forks_safely", lambda: False)
    (vault / "People/Bob.md").write_text(person("Bob"), encoding="utf-8")
    synced = CliRunner().invoke(cli, ["sync", "--vault", str(vault), "--today", str(TODAY)])
    assert synced.exit_code == 0
    [result] = [kept for kept in Leaving.kept if isinstance(kept, SyncResult)]
    assert isinstance(result, SyncResult) and result.vault.store is not None
    assert [p.name for p in result.vault.index.people] == ["Bob", "Jane Doe"]
    # And so does every command that reads the network, the notes it read with it.
    Leaving.kept.clear()
    assert CliRunner().invoke(cli, ["due", "--vault", str(vault), "--today", str(TODAY)]
                              ).exit_code == 0
    [loaded] = Leaving.kept
    assert isinstance(loaded, Vault) and loaded.store is not None
    assert [p.name for p in loaded.index.people] == ["Bob", "Jane Doe"]


def test_a_command_works_out_only_what_it_reads(make_vault, monkeypatch):
    """`log` needs the index alone, `due` the agenda and no insight, `intro` the insight and no
    agenda: at 10,000 people, the rest is a second's work they would not use. A sync needs it
    all, in the order each depends on the one before."""
    import vaultnet.pipeline.sync as sync_module

    vault = make_vault({"People/Jane Doe.md": JANE})
    built: list[str] = []
    for name in ("build_graph", "build_agenda", "build_insight"):
        real = getattr(sync_module, name)
        monkeypatch.setattr(sync_module, name, lambda *a, _real=real, _name=name, **k:
                            built.append(_name) or _real(*a, **k))

    def run(*args: str) -> list[str]:
        built.clear()
        result = CliRunner().invoke(cli, [*args, "--vault", str(vault), "--today", str(TODAY)])
        assert result.exit_code == 0, result.output
        return list(built)

    assert run("log", "Jane Doe", "Coffee") == []
    assert run("check") == []
    assert run("due") == ["build_graph", "build_agenda"]
    assert run("intro", "Jane Doe") == ["build_graph", "build_insight"]
    assert run("sync") == ["build_graph", "build_agenda", "build_insight"]


def test_watch_runs_with_the_cycle_collector_on(make_vault, monkeypatch):
    """`cli.main` turns the cycle collector off for commands that end in seconds; `watch` runs
    for days, and turns it back on."""
    vault = make_vault({"People/Jane Doe.md": JANE})
    seen: list[bool] = []
    monkeypatch.setattr(Watcher, "run", lambda self: seen.append(gc.isenabled()))
    gc.disable()
    try:
        result = CliRunner().invoke(cli, ["watch", "--vault", str(vault), "-q"])
    finally:
        gc.enable()
    assert (result.exit_code, seen) == (0, [True])


@pytest.mark.parametrize("config, content", [
    (".obsidian/templates.json", '{"folder": "Templates"}'),
    (".obsidian/plugins/templater-obsidian/data.json", '{"templates_folder": "Templates/"}'),
])
def test_obsidian_template_folders_are_left_out(make_vault, run, config, content):
    template = person("{{title}}", role="mentor", cadence="30d")
    vault = make_vault({"Templates/Person.md": template, "People/Jane Doe.md": JANE,
                        config: content})
    agenda = json.loads(run("due", "--vault", vault, "--today", TODAY, "--json").output)
    assert [item["person"] for item in agenda["stay_in_touch"]] == ["Jane Doe"]


def test_a_broken_template_setting_is_ignored(make_vault, run):
    vault = make_vault({"Snippets/Mentor.md": person("x", role="mentor"),
                        ".obsidian/templates.json": '{"folder": "../.."}'})
    agenda = json.loads(run("due", "--vault", vault, "--today", TODAY, "--json").output)
    assert [item["person"] for item in agenda["stay_in_touch"]] == ["Mentor"]


@pytest.mark.parametrize("command", ["sync", "watch"])
def test_a_folder_that_is_no_vault_is_refused(tmp_path, run, command):
    """In a code repository (no .obsidian, no .vaultnet.toml, no person note), nothing is written."""
    folder = tmp_path / "repo"
    (folder / "docs").mkdir(parents=True)
    (folder / "README.md").write_text("# A project\n\nSee [[docs/setup]].\n")
    (folder / "docs/setup.md").write_text("Install it.\n")
    result = run(command, "--vault", folder, "--today", "2026-11-25")
    assert result.exit_code == 1
    assert "does not look like a vault" in result.output and "vaultnet init" in result.output
    assert not (folder / "Network").exists()


@pytest.mark.parametrize("person_at", [None, "Contacts/a Jane.md", "People/notes.md"])
def test_a_folder_is_found_to_be_no_vault_before_its_notes_are_indexed(make_vault, monkeypatch,
                                                                       person_at):
    """A folder nobody marked as a vault, of which no sync kept a cache, is refused before its
    notes are read and indexed together: they are read one at a time, none kept, until a
    person's note is found (the first, here), or a note in the people folder (none read); and
    the walk that found it is the sync's (the vault is walked once)."""
    import vaultnet.pipeline.cache as cache_module
    import vaultnet.pipeline.note_store as store_module
    import vaultnet.pipeline.sync as sync_module
    from vaultnet.base.errors import VaultnetError

    files: dict[str, str | bytes] = {f"docs/page {n:02}.md": f"# Page {n}\n" for n in range(30)}
    if person_at is not None:
        files[person_at] = person("Jane Doe") if person_at.startswith("Contacts") else "notes\n"
    folder = make_vault(files)
    read, walks = [], []
    read_note, walk = store_module._read_note, cache_module.walk_vault
    monkeypatch.setattr(store_module, "_read_note",
                        lambda file, *args: read.append(file.path) or read_note(file, *args))
    monkeypatch.setattr(cache_module, "walk_vault",  # (the vault's walks, the pipe's: `walk_afresh`)
                        lambda root, *args: walks.append(root) or walk(root, *args))
    loaded: list[int] = []  # (how many notes were read when the sync loaded the vault)
    real_load = sync_module.load
    monkeypatch.setattr(sync_module, "load", lambda *args, **kw: loaded.append(len(read))
                        or real_load(*args, **kw))
    if person_at is None:
        with pytest.raises(VaultnetError, match="does not look like a vault"):
            sync_module.cached_sync(folder, TODAY)
        assert len(read) == 30 and loaded == [] and not (folder / "Network").exists()
        return
    result = sync_module.cached_sync(folder, TODAY)
    assert isinstance(result, SyncResult) and (folder / "Network/Network.md").is_file()
    ahead = [person_at] if person_at.startswith("Contacts") else []
    assert loaded == [len(ahead)] and read[:len(ahead)] == ahead and len(read) == 31 + len(ahead)
    assert walks.count(folder) == 1


@pytest.mark.parametrize("marker", [".obsidian/app.json", ".vaultnet.toml", "People/Jane.md"])
def test_an_obsidian_folder_a_settings_file_or_a_person_note_make_a_vault(tmp_path, run, marker):
    folder = tmp_path / "vault"
    (folder / marker).parent.mkdir(parents=True)
    (folder / marker).write_text("{}" if marker.endswith(".json") else "")
    result = run("sync", "--vault", folder, "--today", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert (folder / "Network/Follow-ups.md").is_file()


def test_intro_to_someone_named_without_a_note_shows_the_way_and_offers_add(make_vault, run):
    vault = make_vault({
        "People/Ann.md": person("Ann", "## Log\n- 2026-11-20 Lunch\n", knows='["[[Zoe Ghost]]"]'),
        "People/Bob.md": person("Bob", "## Log\n- 2026-10-01 Call #call\n", knows='["[[Cy]]"]'),
        "People/Cy.md": person("Cy", status="prospect", met_via='["[[Zoe Ghost]]"]'),
    })
    result = run("intro", "zoe ghost", "--vault", vault, "--today", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Zoe Ghost has no note yet; your notes say Ann, Cy know them.\n"
        "Warm paths to Zoe Ghost:\n"
        "1. Ann → Zoe Ghost\n"
        "   Ask Ann to introduce you to Zoe Ghost.\n"
        "2. Bob → Cy → Zoe Ghost\n"
        "   Ask Bob to introduce you to Cy, then ask Cy to introduce you to Zoe Ghost.\n"
        f'Make a note for them: vaultnet add "Zoe Ghost" --vault {vault}\n')
    data = json.loads(run("intro", "Zoe Ghost", "--vault", vault, "--today", "2026-11-25",
                          "--json").output)
    assert data == {"person": "Zoe Ghost", "note": None, "named_by": ["People/Ann.md", "People/Cy.md"],
                    "named_in": ["People/Ann.md", "People/Cy.md"],
                    "paths": [["Ann", "Zoe Ghost"], ["Bob", "Cy", "Zoe Ghost"]],
                    "path_notes": [["People/Ann.md", None],
                                   ["People/Bob.md", "People/Cy.md", None]], "twin": None,
                    "ignored": None}


def test_intro_to_someone_whose_note_is_in_an_ignored_folder_names_it_and_offers_no_add(
        make_vault, run):
    """Archive/Old Colleague.md is theirs, left out by `ignore`: `add` would make a second note
    of that name, so intro says where theirs is and why vaultnet does not read it."""
    vault = make_vault({
        ".vaultnet.toml": 'ignore = ["Archive"]\n',
        "People/Ann.md": person("Ann", "## Log\n- 2026-11-20 Lunch\n", knows='["[[Old Colleague]]"]'),
        "Archive/Old Colleague.md": person("Old Colleague", role="colleague"),
    })
    result = run("intro", "old colleague", "--vault", vault, "--today", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Old Colleague is Archive/Old Colleague.md, which vaultnet does not read (it is in "
        "Archive, a folder the `ignore` setting leaves out); your notes say Ann knows them.\n"
        "Warm paths to Old Colleague:\n"
        "1. Ann → Old Colleague\n"
        "   Ask Ann to introduce you to Old Colleague.\n"
        "To have vaultnet read their note, take Archive out of `ignore` in .vaultnet.toml, or "
        "move the note out of it.\n")
    data = json.loads(run("intro", "Old Colleague", "--vault", vault, "--today", "2026-11-25",
                          "--json").output)
    assert (data["note"], data["ignored"]) == (None, "Archive/Old Colleague.md")


@pytest.mark.parametrize(("name", "found"), [("priya", "People/Priya Raman.md"),
                                             ("Mary Ann", "People/Mary Ann Lee.md")])
def test_a_unique_first_name_or_prefix_names_a_person(make_vault, run, name, found):
    vault = make_vault({"People/Priya Raman.md": person("Priya Raman"),
                        "People/Mary Ann Lee.md": person("Mary Ann Lee"),
                        "People/Mary Stone.md": person("Mary Stone")})
    assert run("log", "Pri", "Coffee", "--vault", vault).exit_code == 1  # no partial words
    result = run("log", name, "Coffee", "--vault", vault, "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(found + ":")


def test_a_first_name_two_people_share_lists_both(make_vault, run):
    vault = make_vault({"People/Priya Raman.md": person("Priya Raman"),
                        "People/Priya Shah.md": person("Priya Shah")})
    result = run("log", "Priya", "Coffee", "--vault", vault)
    assert result.exit_code == 1
    assert "could be 2 people: Priya Raman (People/Priya Raman.md), Priya Shah" in result.output


def test_log_a_day_after_today_asks_for_plan(make_vault, run):
    from datetime import date, timedelta

    vault = make_vault({"People/Ann.md": person("Ann")})
    later = (date.today() + timedelta(days=365)).isoformat()  # a typo of next year for this one
    refused = run("log", "Ann", "Coffee", "--date", later, "--vault", vault)
    assert refused.exit_code == 1 and "add --plan" in refused.output
    assert "## Log" not in (vault / "People/Ann.md").read_text()
    planned = run("log", "Ann", "Coffee", "--date", later, "--plan", "--vault", vault)
    assert planned.exit_code == 0, planned.output
    assert (vault / "People/Ann.md").read_text().endswith(f"- {later} Coffee\n")


def test_log_plan_without_a_day_ahead_is_refused(make_vault, run):
    """`--plan` on today's or an earlier day was written as contact without a word."""
    vault = make_vault({"People/Ann.md": person("Ann")})
    before = (vault / "People/Ann.md").read_bytes()
    for extra in ([], ["--date", "2026-11-01"]):
        refused = run("log", "Ann", "Talk", "--plan", *extra, "--today", "2026-11-25",
                      "--vault", vault)
        assert refused.exit_code == 1, refused.output
        assert "--plan is for a day after today" in refused.output
    assert (vault / "People/Ann.md").read_bytes() == before


def test_intro_to_someone_dormant_says_so(make_vault, run):
    """A dormant person is no one you "already know" (PRODUCT.md: known is neither a prospect nor
    dormant)."""
    vault = make_vault({"People/Dan.md": person("Dan", status="dormant")})
    result = run("intro", "Dan", "--vault", vault, "--today", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Dan is dormant in your notes (`status: dormant`)")


def test_log_takes_free_tags_after_the_kinds(make_vault, run):
    vault = make_vault({"People/Ann.md": person("Ann")})
    result = run("log", "Ann", "Talk at the #meetup", "--tag", "conference", "--met", "--tag",
                 "#meetup", "--tag", "Conference", "--date", "2026-11-20", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert result.output.endswith("- 2026-11-20 Talk at the #meetup #met #conference\n")
    bad = run("log", "Ann", "Hi", "--tag", "two words", "--vault", vault)
    assert bad.exit_code == 1 and "not a tag Obsidian reads" in bad.output


PEOPLE = {
    "People/Ann Lee.md": person("Ann Lee", "## Log\n- 2026-11-20 Coffee #met\n", role="mentor",
                                topics="[civic tech, sensors]", org='"[[Acme]]"'),
    "People/Bo Chen.md": person("Bo Chen", "## Log\n- 2026-01-02 Call #call\n", role="peer",
                                topics="[sensors]", cadence="30d", aliases="[Bobo]"),
    "People/Cy Diaz.md": person("Cy Diaz", "## Log\n- 2026-11-01 Emailed #outreach\n",
                                status="prospect", topics="[climate]"),
}


@pytest.mark.parametrize(("args", "names"), [
    ((), ["Ann Lee", "Bo Chen", "Cy Diaz"]),
    (("--topic", "Sensors"), ["Ann Lee", "Bo Chen"]),
    (("--role", "mentor"), ["Ann Lee"]),
    (("--org", "acme"), ["Ann Lee"]),
    (("--due",), ["Bo Chen", "Cy Diaz"]),  # Bo overdue, Cy's outreach waits a follow-up
    (("--prospects",), ["Cy Diaz"]),
    (("bobo",), ["Bo Chen"]),
    (("civic", "--topic", "sensors"), ["Ann Lee"]),
    (("nobody",), []),
])
def test_people_lists_and_finds(make_vault, run, args, names):
    vault = make_vault(PEOPLE)
    found = json.loads(run("people", *args, "--json", "--vault", vault, "--today",
                           TODAY.isoformat()).output)
    assert [item["person"] for item in found] == names


def test_people_as_text(make_vault, run):
    vault = make_vault(PEOPLE)
    result = run("people", "--topic", "sensors", "--vault", vault, "--today", TODAY.isoformat())
    assert result.output == (
        "  Ann Lee  mentor · Acme · last contact 2026-11-20 (5 days ago)\n"
        "  Bo Chen  peer · last contact 2026-01-02 (327 days ago)\n"
        "2 people\n")
    assert run("people", "zed", "--vault", vault).output == "Nobody matches.\n"
