"""A generated note stays vaultnet's when its folder is renamed and made the output folder
(PRODUCT.md, promise 2), with real files.

Renaming the output folder in Obsidian moves every generated note and rewrites the links to them;
once `output_folder` names the new folder, the notes there are still vaultnet's: written in place,
never reported as hand edits, never kept aside by a reclaim. A hand edit there, or a copy under
another name, is still the user's. Notes signed by earlier versions stay vaultnet's after an
upgrade.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, snapshot
from test_writer import SMALL

from vaultnet.watch.events import OwnOutput
from vaultnet.write import generated

OLD, NEW = "Network", "Output"


def sync(run: Any, vault: Path, *extra: object) -> Any:
    return run("sync", "--vault", vault, "--today", TODAY, *extra)


def synced(make_vault: Any, run: Any) -> Path:
    vault = make_vault(SMALL)
    result = sync(run, vault)
    assert result.exit_code == 0, result.output
    return vault


def rename_output(vault: Path, rewrite_links: bool = True) -> None:
    """Rename the output folder as Obsidian does (the folder moves; with `rewrite_links`, every
    link into it follows), and make the new folder the output folder."""
    os.rename(vault / OLD, vault / NEW)
    if rewrite_links:
        for note in sorted((vault / NEW).rglob("*.md")):
            text = note.read_text(encoding="utf-8")
            note.write_text(text.replace(f"[[{OLD}/", f"[[{NEW}/"), encoding="utf-8")
    (vault / ".vaultnet.toml").write_text(f'output_folder = "{NEW}"\n', encoding="utf-8")


def fresh(run: Any, vault: Path, where: Path) -> dict[str, bytes]:
    """What a first sync of a copy of the vault, without its output folder, writes there."""
    shutil.copytree(vault, where, ignore=shutil.ignore_patterns(NEW))
    assert sync(run, where).exit_code == 0
    return snapshot(where / NEW)


def left_alone(output: str) -> list[str]:
    return re.findall(r"^Left alone: (\S.*?): ", output, re.MULTILINE)


@pytest.mark.parametrize("rewrite_links", [True, False], ids=["obsidian", "mv"])
def test_a_renamed_output_folder_is_still_vaultnets(make_vault, run, tmp_path, rewrite_links):
    vault = synced(make_vault, run)
    rename_output(vault, rewrite_links)

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert left_alone(result.output) == [] and "edited by hand" not in result.output
    assert snapshot(vault / NEW) == fresh(run, vault, tmp_path / "fresh")  # written in place
    assert not (vault / OLD).exists()
    reclaimed = sync(run, vault, "--reclaim")
    assert reclaimed.exit_code == 0, reclaimed.output
    assert "Kept your edit" not in reclaimed.output
    assert not [p for p in (vault / NEW).rglob("*") if "(edited " in p.name]


def test_a_hand_edit_in_the_renamed_folder_is_kept_and_reported(make_vault, run):
    vault = synced(make_vault, run)
    rename_output(vault)
    agenda = vault / NEW / "Follow-ups.md"
    edited = agenda.read_bytes() + b"- call Carol first\n"
    agenda.write_bytes(edited)

    result = sync(run, vault)

    assert result.exit_code == 1, result.output
    assert left_alone(result.output) == [f"{NEW}/Follow-ups.md"]
    assert f"Left alone: {NEW}/Follow-ups.md: was edited by hand" in result.output
    assert agenda.read_bytes() == edited
    reclaimed = sync(run, vault, "--reclaim")
    assert reclaimed.exit_code == 0, reclaimed.output
    aside = vault / NEW / f"Follow-ups (edited {TODAY.isoformat()}).md"
    assert aside.read_bytes() == edited
    assert [p.name for p in (vault / NEW).rglob("*") if "(edited " in p.name] == [aside.name]


def test_a_copy_in_the_renamed_folder_is_the_users(make_vault, run):
    """A generated note copied under another name, one differing only in case, or over another
    generated note, is the user's file (the digest signs the note's path in the output folder)."""
    vault = synced(make_vault, run)
    rename_output(vault)
    topics = vault / NEW / "Topics"
    page = (topics / "robotics.md").read_bytes()
    copies = {topics / "robotics 2.md": page, topics / "Robotics.md": page,
              vault / NEW / "Mentors.md": (vault / NEW / "Network.md").read_bytes()}
    for path, data in copies.items():
        path.write_bytes(data)

    result = sync(run, vault)

    assert result.exit_code == 1, result.output
    assert left_alone(result.output) == [f"{NEW}/Mentors.md"]
    for copy in ("robotics 2.md", "Robotics.md"):
        assert f"Note: {NEW}/Topics/{copy}: is no longer generated, and was edited or copied " \
            "here by hand" in result.output
    assert all(path.read_bytes() == data for path, data in copies.items())
    assert f"Updated {NEW}/Topics/robotics.md" in result.output  # its links, to the new folder


HEADER_BEFORE_LINK_DIGEST = (
    "---\ngenerated_by: vaultnet\nnote: Made by vaultnet from your notes. Edit those, not this; "
    "vaultnet stops updating a note that was edited by hand.\nvaultnet_digest: {digest}\n---\n")


def signed_case_folded(body: str, path: str) -> bytes:
    """A note as versions before that signed it: with its vault path case-folded, and no link
    digest."""
    unsigned = HEADER_BEFORE_LINK_DIGEST.replace("{digest}", "") + body
    digest = hashlib.sha256(f"{path.casefold()}\n{unsigned}".encode()).hexdigest()
    return (HEADER_BEFORE_LINK_DIGEST.replace("{digest}", digest) + body).encode()


# Two people who care about robotics, and their topic's note exactly as the version of commit
# 4827f7e wrote it from them (`vaultnet sync --today 2026-11-25`): signed with its vault path, and
# with a digest of its text without link targets. Its real bytes, not ones made again with
# today's code, which would change with it.
TWO = {f"People/{name}.md": f"---\ntype: person\ntopics: [robotics]\n---\n# {name}\n"
       for name in ("Ann", "Bo")}
ROBOTICS_BY_4827F7E = (
    b"---\ngenerated_by: vaultnet\nnote: Made by vaultnet from your notes. Edit those, not this; "
    b"vaultnet stops updating a note that was edited by hand, until you run vaultnet sync "
    b"--reclaim.\n"
    b"vaultnet_digest: 2c3643365468ba75f56dac4a588ad7794d32611e508699f94296b5fd2905c3aa\n"
    b"vaultnet_link_digest: ef4e7bb679ef7c2b1ff891d357ed0fe5f23b44ff396662f4b585a7ba2c2fd9bb\n"
    b"---\n# robotics\n\n2 people in your network work on or care about robotics. Back to "
    b"[[Network/Network|Network]].\n\n## No role\n\n- [[People/Ann|Ann]]\n- [[People/Bo|Bo]]\n")


def test_a_note_the_version_before_wrote_is_still_vaultnets(make_vault, run):
    """An upgrade finds a note the version before wrote vaultnet's and signs it afresh, in its
    folder: a rename of the folder after that keeps it vaultnet's."""
    vault = make_vault(TWO)
    assert sync(run, vault).exit_code == 0
    written = snapshot(vault / OLD)
    (vault / OLD / "Topics/robotics.md").write_bytes(ROBOTICS_BY_4827F7E)

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert left_alone(result.output) == [] and "by hand" not in result.output
    assert f"Updated {OLD}/Topics/robotics.md" in result.output.splitlines()
    assert snapshot(vault / OLD) == written
    rename_output(vault)
    moved = sync(run, vault)
    assert moved.exit_code == 0, moved.output
    assert left_alone(moved.output) == [] and "by hand" not in moved.output


def test_notes_signed_with_a_case_folded_path_are_still_vaultnets(make_vault, run):
    """An upgrade finds every note signed the old way vaultnet's and signs it afresh, in its
    folder: a rename of the folder after that keeps them vaultnet's."""
    vault = synced(make_vault, run)
    written = snapshot(vault / OLD)
    for name in ("Follow-ups.md", "Topics/robotics.md"):
        body = written[name].decode().split("\n---\n", 1)[1]
        (vault / OLD / name).write_bytes(signed_case_folded(body, f"{OLD}/{name}"))

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert left_alone(result.output) == []
    assert {f"Updated {OLD}/Follow-ups.md", f"Updated {OLD}/Topics/robotics.md"} \
        <= set(result.output.splitlines())
    assert snapshot(vault / OLD) == written
    rename_output(vault)
    moved = sync(run, vault)
    assert moved.exit_code == 0, moved.output
    assert left_alone(moved.output) == []


def test_a_note_of_the_version_before_with_links_rewritten_is_still_vaultnets():
    path = f"{OLD}/Topics/robotics.md"
    assert generated.is_own_unedited(ROBOTICS_BY_4827F7E, path, OLD)
    renamed = ROBOTICS_BY_4827F7E.replace(b"[[People/Ann|", b"[[Friends/Ann|")
    assert renamed != ROBOTICS_BY_4827F7E
    assert generated.is_own(renamed, path, OLD) and not generated.is_own_unedited(renamed, path, OLD)
    assert not generated.is_own(renamed, f"{OLD}/Topics/x.md", OLD)


def test_a_note_is_signed_with_its_path_in_the_output_folder():
    data = generated.stamp("# x\n\n- [[People/Ann|Ann]]\n", "Notes/Network/Topics/x.md",
                           "Notes/Network")
    for path, output in [("Notes/Network/Topics/x.md", "Notes/Network"),
                         ("Output/Topics/x.md", "Output")]:
        assert generated.is_own_unedited(data, path, output), path
    for path, output in [("Output/Topics/y.md", "Output"), ("Output/Topics/X.md", "Output"),
                         ("Output/x.md", "Output"), ("Notes/Network/Topics/x.md", "Notes")]:
        assert not generated.is_own(data, path, output), path


def test_watch_takes_a_renamed_note_for_vaultnets_own_as_sync_does(make_vault, run):
    """A note vaultnet wrote, now in the renamed output folder, is no news to the watcher (another
    vaultnet's unedited output); a hand edit of one is."""
    vault = synced(make_vault, run)
    rename_output(vault, rewrite_links=False)
    own = OwnOutput(vault, NEW)
    own.digests = {f"{NEW}/Network.md": "0" * 64, f"{NEW}/Follow-ups.md": "0" * 64}
    assert not own.changed(f"{NEW}/Network.md")
    agenda = vault / NEW / "Follow-ups.md"
    agenda.write_bytes(agenda.read_bytes() + b"- call Carol first\n")
    assert own.changed(f"{NEW}/Follow-ups.md")
