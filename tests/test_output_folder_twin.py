"""A folder named as the output folder but for case or Unicode form (`network/` beside `Network/`).

On a disk that tells them apart it is another folder, and vaultnet treats it as any other: it was
skipped by the walk as if it were the output folder (its person notes silently not read), and an
output folder before that differed only so was never deleted nor named. Now a twin that holds
notes of the user's vaultnet uses is refused as the output folder holding them is (on a Mac's
or Windows' disk the two are one folder); one of generated notes is an output folder before.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, person, snapshot

from vaultnet.watch.events import OwnOutput

LATER = "2026-12-20"
NFC = unicodedata.normalize("NFC", "Réseau")
NFD = unicodedata.normalize("NFD", "Réseau")


@pytest.fixture(autouse=True)
def disk_tells_names_apart(tmp_path: Path) -> None:
    """Skip where one file answers to a name in another case or Unicode form (macOS, Windows)."""
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "a" / NFC).mkdir(parents=True)
    if (probe / "A").exists() or (probe / "a" / NFD).exists():
        pytest.skip("this file system ignores case or Unicode form: a folder's twin is itself")


def sync(run: Any, vault: Path, *extra: object, today: object = TODAY) -> Any:
    return run("sync", "--vault", vault, "--today", today, *extra)


def set_output(vault: Path, folder: str) -> None:
    (vault / ".vaultnet.toml").write_text(f'output_folder = "{folder}"\n', encoding="utf-8")


JANE = person("Jane Doe", "## Log\n- 2026-11-01 Coffee #met\n", role="mentor")
SAM = person("Sam Lee", "## Log\n- 2026-06-01 Drinks #met\n", role="friend")


# -- A twin of notes of the user's -----------------------------------------------------------

def test_a_twin_of_the_output_folder_holding_person_notes_is_refused(make_vault, run):
    vault = make_vault({".obsidian/app.json": "{}\n", "People/Jane Doe.md": JANE,
                        "network/Sam Lee.md": SAM,
                        "network/2026-11-24.md": "- Lunch with [[Jane Doe]] #met\n"})
    before = snapshot(vault)
    for dry_run in (["--dry-run"], []):
        result = sync(run, vault, *dry_run)
        assert result.exit_code == 1, result.output
        said = " ".join(result.output.split())
        assert "the folder 'network' holds notes of yours: network/2026-11-24.md is a daily " \
            "note, and 1 other note too. On this disk it is another folder than the output " \
            "folder 'Network', whose name it has but for case; on a disk that ignores case (a " \
            "Mac's, Windows') the two are one folder, where vaultnet reads no note, so they " \
            "would silently stop counting; nothing was written. Rename network/, or give " \
            "vaultnet a folder of its own with `output_folder` in .vaultnet.toml" in said, said
    assert snapshot(vault) == before
    checked = run("check", "--vault", vault, "--today", TODAY)
    assert checked.exit_code == 1, checked.output
    assert "network/Sam Lee.md: is a person note in network/, the output folder Network/ on a " \
        "disk that ignores case (a Mac's, Windows'): vaultnet would read no note there, and " \
        "`vaultnet sync` writes nothing while it is there" in checked.output.splitlines()
    assert snapshot(vault) == before


def test_a_twin_in_unicode_form_holding_a_person_note_is_refused(make_vault, run):
    vault = make_vault({"People/Jane Doe.md": JANE, f"{NFD}/Sam Lee.md": SAM,
                        ".vaultnet.toml": f'output_folder = "{NFC}"\n'})
    before = snapshot(vault)
    result = sync(run, vault)
    assert result.exit_code == 1, result.output
    said = unicodedata.normalize("NFC", " ".join(result.output.split()))
    assert "whose name it has but for Unicode form; on a disk that ignores Unicode form (a " \
        "Mac's) the two are one folder" in said, said
    assert f"Rename {NFC}/" in said
    assert snapshot(vault) == before


def test_a_twin_holding_only_notes_nobody_uses_is_read(make_vault, run):
    vault = make_vault({"People/Jane Doe.md": JANE, "network/README.md": "# Mine\n"})
    result = sync(run, vault)
    assert result.exit_code == 0, result.output
    assert "Read 2 notes" in result.output
    assert (vault / "Network" / "Network.md").exists()
    assert (vault / "network" / "README.md").read_bytes() == b"# Mine\n"


# -- A twin of generated notes: an output folder before -----------------------------------

@pytest.mark.parametrize("old, new", [("Network", "network"), (NFC, NFD)], ids=["case", "nfd"])
def test_an_output_folder_before_named_but_for_case_or_form_is_deleted(make_vault, run, old, new):
    vault = make_vault({".obsidian/app.json": "{}\n", "People/Jane Doe.md": JANE})
    set_output(vault, old)
    assert sync(run, vault).exit_code == 0
    count = len(snapshot(vault / old))
    set_output(vault, new)

    result = sync(run, vault, today=LATER)

    assert result.exit_code == 0, result.output
    assert f"Note: {old}/: deleted {count} notes vaultnet generated there, out of date since the " \
        f"output folder is {new}/ (nobody had changed them since)" in result.output.splitlines()
    assert sorted(path.name for path in vault.iterdir()) == sorted(
        [".obsidian", ".vaultnet.toml", "People", new])
    again = sync(run, vault, today=LATER)
    assert again.exit_code == 0 and f"{old}/" not in again.output, again.output


def test_a_hand_edited_note_of_the_folder_before_in_another_case_is_named(make_vault, run):
    vault = make_vault({".obsidian/app.json": "{}\n", "People/Jane Doe.md": JANE})
    assert sync(run, vault).exit_code == 0
    agenda = vault / "Network" / "Follow-ups.md"
    edited = agenda.read_bytes() + b"- call Jane first\n"
    agenda.write_bytes(edited)
    set_output(vault, "network")

    result = sync(run, vault, today=LATER)

    assert result.exit_code == 0, result.output
    assert "  Network/Follow-ups.md: was edited or copied by hand since vaultnet generated it " \
        "in Network/; it is out of date, as the output folder is network/ now, and vaultnet " \
        "leaves it as it is" in result.output.splitlines(), result.output
    assert snapshot(vault / "Network") == {"Follow-ups.md": edited}


def test_watch_takes_a_change_in_a_twin_as_a_change_of_the_users(tmp_path):
    (tmp_path / "Network").mkdir()
    (tmp_path / "network").mkdir()
    own = OwnOutput(tmp_path, "Network")
    assert own.holds("Network/Follow-ups.md") and own.holds("Network")
    assert not own.holds("network/Sam Lee.md") and not own.holds("network")
