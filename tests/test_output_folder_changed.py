"""A setting that moves the output folder, or points it at notes of the user's (a settings review).

1. `output_folder` changed: the notes vaultnet generated in the folder before are out of date.
   Those the last sync wrote there and nobody changed since are vaultnet's own and are deleted
   (PRODUCT.md: nothing points the user to a stale note as if it were current); any other one
   (edited by hand, copied or moved there, or with no record of vaultnet's writes) is kept, and
   `sync`, `check` and a dry run say so on every run, naming the folder and how many.
2. `output_folder` naming a folder of notes vaultnet uses (organisations the people name, topics,
   people they know, the profile) is refused as a folder of person notes is: nothing is written.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TODAY, person, snapshot
from test_writer import SMALL

from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import sync as sync_vault
from vaultnet.watch.report import RoundLog

LATER = "2026-12-10"
OLD, NEW = "Network", "Gen"


def sync(run: Any, vault: Path, *extra: object, today: object = TODAY) -> Any:
    return run("sync", "--vault", vault, "--today", today, *extra)


def set_output(vault: Path, folder: str) -> None:
    (vault / ".vaultnet.toml").write_text(f'output_folder = "{folder}"\n', encoding="utf-8")


def users_files(vault: Path) -> dict[str, bytes]:
    """Every file of the user's: all but the generated folders and the settings file."""
    return {path: data for path, data in snapshot(vault).items()
            if not path.startswith((f"{OLD}/", f"{NEW}/")) and path != ".vaultnet.toml"}


def synced_then_moved(make_vault: Any, run: Any) -> tuple[Path, dict[str, bytes]]:
    """A vault synced into Network/, whose output folder is then set to Gen/: the old notes."""
    vault = make_vault(SMALL)
    first = sync(run, vault)
    assert first.exit_code == 0, first.output
    set_output(vault, NEW)
    return vault, snapshot(vault / OLD)


def lines(output: str) -> list[str]:
    return output.splitlines()


# -- 1. The folder before ---------------------------------------------------------------------

def test_the_notes_vaultnet_wrote_in_the_folder_before_are_deleted(make_vault, run):
    vault, old = synced_then_moved(make_vault, run)
    mine = users_files(vault)
    assert len(old) == 9 and "Network.canvas" in old

    result = sync(run, vault, today=LATER)

    assert result.exit_code == 0, result.output
    assert "Note: Network/: deleted 9 notes vaultnet generated there, out of date since the " \
        "output folder is Gen/ (nobody had changed them since)" in lines(result.output)
    assert "Created 9 notes in Gen/" in lines(result.output)
    assert "have problems" not in result.output
    assert not (vault / OLD).exists()  # its folders too, once empty
    assert users_files(vault) == mine
    # Nothing of the new folder links the old one.
    assert not [path for path, data in snapshot(vault / NEW).items() if b"Network/" in data]
    again = sync(run, vault, today=LATER)
    assert again.exit_code == 0, again.output
    assert "Network/" not in again.output and "Nothing to write: Gen/ is up to date." \
        in again.output


@pytest.mark.parametrize("nested", ["Network/Gen", "Network/Topics/Gen"])
def test_the_notes_of_a_folder_before_inside_the_new_one_are_deleted_as_well(make_vault, run,
                                                                            nested):
    """Back from `Network/Gen` to `Network`: the old folder is inside the new one, where every
    note is judged as the new folder's, signed for another folder, so each looked edited and was
    kept, named on every run. They are the folder before's, untouched, and go with it; one
    edited by hand stays, named; the user's own file too."""
    vault = make_vault(SMALL)
    set_output(vault, nested)
    assert sync(run, vault).exit_code == 0
    old = snapshot(vault / nested)
    (vault / nested / "Mentors.md").write_text(
        (vault / nested / "Mentors.md").read_text(encoding="utf-8") + "\n%% mine %%\n", "utf-8")
    (vault / nested / "mine.md").write_text("my own\n", encoding="utf-8")
    (vault / ".vaultnet.toml").unlink()

    result = sync(run, vault, "--json", today=LATER)

    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["deleted"] == [f"{nested}/{path}" for path in sorted(old) if path != "Mentors.md"]
    assert sorted(p.relative_to(vault / nested).as_posix() for p in (vault / nested).rglob("*")) \
        == ["Mentors.md", "mine.md"]  # (its Topics/ gone, once empty)
    again = sync(run, vault, today=LATER)
    assert again.exit_code == 0, again.output
    assert f"Note: {nested}/Mentors.md: is no longer generated, and was edited or copied here by " \
        "hand; left as it is" in lines(again.output)
    assert "Deleted" not in again.output


def test_a_copy_of_the_output_folder_inside_it_and_a_vault_inside_it_are_never_deleted(
        make_vault, run):
    """A copy of the generated notes kept inside the output folder (a snapshot) is signed for
    where it lies as much as a folder before is, and a vault inside it signs its own: neither
    holds what this vault's sync last wrote there, so neither is deleted (a review's finding)."""
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    snapshot_folder = vault / OLD / "Snapshot 2026-11"
    shutil.copytree(vault / OLD, snapshot_folder)
    inner = vault / OLD / "Old"  # (a vault of its own, whose output folder is its Network/)
    (inner / ".obsidian").mkdir(parents=True)
    shutil.copytree(snapshot_folder, inner / OLD)
    kept = {path: data for path, data in snapshot(vault / OLD).items()
            if path.startswith(("Snapshot 2026-11/", "Old/"))}
    for dry in (("--dry-run",), ()):
        result = sync(run, vault, "--json", *dry, today=LATER)
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["deleted"] == []
    assert {path: data for path, data in snapshot(vault / OLD).items()
            if path.startswith(("Snapshot 2026-11/", "Old/"))} == kept


def test_the_notes_deleted_are_named_one_by_one_for_scripts(make_vault, run):
    vault, old = synced_then_moved(make_vault, run)

    result = sync(run, vault, "--json", today=LATER)

    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["deleted"] == [f"{OLD}/{path}" for path in sorted(old)]
    assert report["problems"] == []


def test_a_dry_run_says_what_it_would_delete_and_a_sync_after_it_deletes_it(make_vault, run):
    vault, old = synced_then_moved(make_vault, run)

    dry = sync(run, vault, "--dry-run", today=LATER)

    assert dry.exit_code == 0, dry.output
    assert "Note: Network/: would delete 9 notes vaultnet generated there, out of date since " \
        "the output folder is Gen/ (nobody has changed them since)" in lines(dry.output)
    assert snapshot(vault / OLD) == old and not (vault / NEW).exists()
    result = sync(run, vault, today=LATER)
    assert result.exit_code == 0, result.output
    assert "Note: Network/: deleted 9 notes" in result.output
    assert not (vault / OLD).exists()


def test_check_says_which_notes_of_the_folder_before_sync_deletes(make_vault, run):
    vault, _ = synced_then_moved(make_vault, run)
    before = snapshot(vault)

    checked = run("check", "--vault", vault, "--today", LATER)

    assert checked.exit_code == 1, checked.output
    assert "Network/: holds 9 notes vaultnet generated, now out of date since the output folder " \
        "is Gen/: `vaultnet sync` deletes them, as nobody changed them since it wrote them" \
        in lines(checked.output)
    assert snapshot(vault) == before


def test_a_hand_edited_note_of_the_folder_before_is_kept_and_named(make_vault, run):
    vault, old = synced_then_moved(make_vault, run)
    agenda = vault / OLD / "Follow-ups.md"
    edited = old["Follow-ups.md"] + b"- call Carol first\n"
    agenda.write_bytes(edited)
    mine = users_files(vault)

    result = sync(run, vault, today=LATER)

    assert result.exit_code == 0, result.output
    said = lines(result.output)
    assert "Note: Network/: deleted 8 notes vaultnet generated there, out of date since the " \
        "output folder is Gen/ (nobody had changed them since)" in said
    stale = ["  Network/: holds 1 note vaultnet generated, now out of date since the output "
             "folder is Gen/: delete it (vaultnet does not), or set output_folder back",
             "  Network/Follow-ups.md: was edited or copied by hand since vaultnet generated it "
             "in Network/; it is out of date, as the output folder is Gen/ now, and vaultnet "
             "leaves it as it is"]
    assert all(line in said for line in stale), result.output
    assert snapshot(vault / OLD) == {"Follow-ups.md": edited}
    assert users_files(vault) == mine
    # Said again on every run, from the cache as well as after a full read.
    for _ in range(2):
        again = sync(run, vault, today=LATER)
        assert again.exit_code == 0, again.output
        assert all(line in lines(again.output) for line in stale), again.output
        assert "deleted" not in again.output
    checked = run("check", "--vault", vault, "--today", LATER)
    assert checked.exit_code == 1, checked.output
    assert [line.strip() for line in stale] == [
        line for line in lines(checked.output) if line.startswith("Network/")]
    assert '  fix: delete it, or set output_folder = "Network" in .vaultnet.toml again to keep ' \
        'it current, or add "Network" to `ignore` there to keep it as it is' in lines(checked.output)
    assert '  fix: keep what you need of it in a note of your own and delete it, or set ' \
        'output_folder = "Network" in .vaultnet.toml again' in lines(checked.output)
    assert agenda.read_bytes() == edited



def test_a_generated_note_moved_among_the_users_notes_is_a_copy_not_a_folder_before(make_vault,
                                                                                     run):
    # Follow-ups.md, edited, then moved to Notes/ under a name of the user's: it was read as the
    # output folder Notes/ before, and the advice was to set output_folder back to Notes/, where
    # vaultnet never wrote.
    vault = make_vault({**SMALL, "Notes/Ideas.md": "Some ideas.\n"})
    assert sync(run, vault).exit_code == 0
    moved = vault / "Notes" / "my agenda.md"
    moved.write_bytes((vault / OLD / "Follow-ups.md").read_bytes() + b"- call Carol first\n")
    (vault / OLD / "Follow-ups.md").unlink()
    result = sync(run, vault)
    assert result.exit_code == 0, result.output
    assert "Notes/: holds" not in result.output and "output_folder back" not in result.output
    assert "  Notes/my agenda.md: is a note vaultnet generated, edited or copied by hand; it is " \
        "out of date, as vaultnet keeps only the notes of its output folder Network/ current, " \
        "and leaves it as it is" in lines(result.output), result.output

def test_without_a_record_of_its_writes_vaultnet_deletes_nothing_and_says_so(
        make_vault, run, own_cache_folder):
    """The cache records what the last sync wrote where: without it (`--no-cache`, a cache gone,
    another machine), a note in the folder before may be a copy of the user's, and is only
    reported."""
    vault, old = synced_then_moved(make_vault, run)
    stale = ("  Network/: holds 9 notes vaultnet generated, now out of date since the output "
             "folder is Gen/: delete them (vaultnet does not), or set output_folder back")

    result = sync(run, vault, "--no-cache", today=LATER)

    assert result.exit_code == 0, result.output
    assert stale in lines(result.output)
    assert "deleted" not in result.output
    assert snapshot(vault / OLD) == old
    shutil.rmtree(own_cache_folder)
    checked = run("check", "--vault", vault, "--today", LATER)
    assert checked.exit_code == 1
    assert [stale.strip(), '  fix: delete them, or set output_folder = "Network" in .vaultnet.toml '
            'again to keep them current, or add "Network" to `ignore` there to keep them as they '
            'are'] == [line for line in lines(checked.output) if "Network" in line]
    result = sync(run, vault, today=LATER)
    assert result.exit_code == 0 and stale in lines(result.output), result.output
    assert snapshot(vault / OLD) == old


@pytest.mark.parametrize("how", ["copy", "move"])
def test_a_copy_or_a_move_of_the_output_folder_is_never_deleted(make_vault, run, how):
    """A folder the user made of generated notes (an archive) is not where vaultnet wrote them:
    it is kept, and named as out of date."""
    vault = make_vault(SMALL)
    assert sync(run, vault).exit_code == 0
    (vault / "Archive").mkdir()
    if how == "copy":
        shutil.copytree(vault / OLD, vault / "Archive/2026")
    else:
        (vault / OLD).rename(vault / "Archive/2026")
    archive = snapshot(vault / "Archive")

    result = sync(run, vault, today=LATER)

    assert result.exit_code == 0, result.output
    assert "  Archive/2026/: holds 9 notes vaultnet generated, now out of date since the output " \
        "folder is Network/: delete them (vaultnet does not), or set output_folder back" \
        in lines(result.output)
    assert snapshot(vault / "Archive") == archive
    (vault / ".vaultnet.toml").write_text('ignore = ["Archive"]\n', encoding="utf-8")
    quiet = sync(run, vault, today=LATER)
    assert quiet.exit_code == 0 and "Archive" not in quiet.output, quiet.output


def test_watch_deletes_the_notes_before_and_warns_of_the_others(make_vault, caplog):
    """`vaultnet watch` keeps its own record of what it wrote (its note store), and warns with
    the notes' problems (`RoundLog`)."""
    vault = make_vault(SMALL)
    store = NoteStore()
    assert sync_vault(vault, TODAY, store=store).writes.ok
    old = snapshot(vault / OLD)
    edited = old["Mentors.md"] + b"- ask Jane first\n"
    (vault / OLD / "Mentors.md").write_bytes(edited)
    set_output(vault, NEW)

    result = sync_vault(vault, TODAY, store=store)

    assert result.writes.ok
    assert result.writes.retired == [f"{OLD}/{path}" for path in sorted(old)
                                     if path != "Mentors.md"]
    assert snapshot(vault / OLD) == {"Mentors.md": edited}
    with caplog.at_level(logging.INFO, logger="vaultnet.watch"):
        RoundLog().built(result, "change", 0.1)
    assert "Network/: holds 1 note vaultnet generated, now out of date since the output folder " \
        "is Gen/: delete it (vaultnet does not), or set output_folder back" in caplog.text
    assert f"deleted {OLD}/Communities.md" in caplog.text  # (a round says what it deleted)


def test_the_output_of_a_vault_inside_the_vault_is_left_alone(make_vault, run):
    vault = make_vault({"People/Jane Doe.md": person("Jane Doe", role="friend"),
                        "Work/.obsidian/app.json": "{}\n",
                        "Work/People/Bo.md": person("Bo", role="peer")})
    assert run("sync", "--vault", vault / "Work", "--today", TODAY).exit_code == 0
    work = snapshot(vault / "Work")

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert "Work/Network" not in result.output
    assert snapshot(vault / "Work") == work


def test_a_user_file_in_the_folder_before_keeps_it(make_vault, run):
    vault, _ = synced_then_moved(make_vault, run)
    (vault / OLD / "My plans.md").write_text("# Plans\n", encoding="utf-8")

    result = sync(run, vault, today=LATER)

    assert result.exit_code == 0, result.output
    assert snapshot(vault / OLD) == {"My plans.md": b"# Plans\n"}


# -- 2. An output folder of notes vaultnet uses ----------------------------------------------

KNOWN = {"People/Jane Doe.md": person("Jane Doe", role="mentor", org='"[[Acme]]"',
                                      topics="[robotics]", knows='["[[Bob Smith]]"]'),
         "People/Carol Diaz.md": person("Carol Diaz", role="peer", org="Acme")}


@pytest.mark.parametrize("notes, named, kind", [
    ({"Notes/Acme.md": "# Acme\n\nA robotics firm.\n"}, "Notes/Acme.md",
     "an organisation's note (person notes name it in `org`)"),
    ({"Notes/Robotics.md": "# Robotics\n"}, "Notes/Robotics.md",
     "a topic's note (person notes name it in `topics`)"),
    ({"Notes/Bob Smith.md": "# Bob\n"}, "Notes/Bob Smith.md",
     "a note your notes name as a person"),
    ({"Notes/Me.md": "---\ntype: me\ngoals: [learn robotics]\n---\n"}, "Notes/Me.md",
     "your profile note (`type: me`)"),
], ids=["organisation", "topic", "person-known", "profile"])
def test_an_output_folder_of_notes_vaultnet_uses_is_refused(make_vault, run, notes, named, kind):
    vault = make_vault({**KNOWN, **notes, "Notes/README.md": "# My notes\n",
                        ".vaultnet.toml": 'output_folder = "Notes"\n'})
    before = snapshot(vault)
    for dry_run in (["--dry-run"], []):
        result = sync(run, vault, *dry_run)
        assert result.exit_code == 1, result.output
        assert f"{named} is {kind}. vaultnet reads no note in its output folder, so they would " \
            "silently stop counting; nothing was written. Move them out of Notes/, or give " \
            "vaultnet a folder of its own with `output_folder` in .vaultnet.toml" \
            in " ".join(result.output.split()), result.output
    checked = run("check", "--vault", vault, "--today", TODAY)
    assert checked.exit_code == 1, checked.output
    assert f"{named}: is {kind} in the output folder Notes/: vaultnet reads no note there, and " \
        "`vaultnet sync` writes nothing while it is there" in lines(checked.output)
    assert "README" not in checked.output
    assert snapshot(vault) == before


def test_a_note_of_the_users_nobody_names_may_stay_in_the_output_folder(make_vault, run):
    vault = make_vault({**KNOWN, "Notes/README.md": "# My notes\n\nSee [[Jane Doe]].\n",
                        ".vaultnet.toml": 'output_folder = "Notes"\n'})

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert (vault / "Notes/README.md").read_bytes() == b"# My notes\n\nSee [[Jane Doe]].\n"
    assert (vault / "Notes/Network.md").exists()
    assert run("check", "--vault", vault, "--today", TODAY).exit_code == 0


def test_the_sample_vaults_organisations_are_no_output_folder(tmp_path, run):
    vault = tmp_path / "vault"
    shutil.copytree(ROOT / "sample_vault", vault)
    set_output(vault, "Organisations")
    before = snapshot(vault)

    result = sync(run, vault)

    assert result.exit_code == 1, result.output
    assert "Organisations/Brookings Institution.md is an organisation's note (person notes name " \
        "it in `org`), and 5 other notes too." in " ".join(result.output.split()), result.output
    assert snapshot(vault) == before
