"""Issue 16, the write side: each break reproduced with real files in tmp_path, then held shut.

F1  a user's file named like vaultnet's temporaries is never deleted;
F2  a user's copy of a generated note, named in another case, is never replaced or deleted;
F3  a note vaultnet rewrites keeps its owner, group and mode, and one without a write bit is
    read-only to vaultnet, even as root;
F13 a note that cannot be created is named, with what to do, never a temporary file;
F18 watch never says "nothing to write" when writes failed;
and a canvas whose `file` paths Obsidian rewrote after a rename is still vaultnet's.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, person, snapshot
from test_faults import Disk
from test_writer import SMALL, obsidian_rename

import vaultnet.write.files as files
import vaultnet.write.generated as generated
from vaultnet.base.model import Problem
from vaultnet.pipeline.sync import sync as run_sync
from vaultnet.watch.report import RoundLog, written_words
from vaultnet.write.report import WriteReport

OUT = "Network"
CANVAS = f"{OUT}/Network.canvas"
AS_ROOT = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                             reason="only root can give a file another owner to keep")
DEAD = 999_999_999  # no process has this id (Linux allows at most 4,194,304)


def sync(run: Any, vault: Path, *extra: object) -> Any:
    return run("sync", "--vault", vault, "--today", TODAY, *extra)


def synced(make_vault: Any, run: Any, files_: dict[str, str | bytes] = SMALL) -> Path:
    vault = make_vault(files_)
    assert sync(run, vault).exit_code == 0
    return vault


# -- F1: files named like vaultnet's temporaries -------------------------------------------------

GENERATED_PREFIX = b"---\ngenerated_by: vaultnet\nnote: Made by"
USERS_TEMPORARY_LOOKALIKES = {  # name: bytes, each the user's own file
    f"{OUT}/.vaultnet-backup.tmp": b"my backup\n",
    f"{OUT}/.vaultnet-99999999-mine.tmp": b"mine\n",
    f"{OUT}/.vaultnet-{DEAD}-0123456789AB.tmp": GENERATED_PREFIX,  # not vaultnet's token: upper case
    f"{OUT}/.vaultnet-{DEAD}-0123456789ab.tmp.md": b"# a note\n",
    f"{OUT}/.vaultnet-0-0123456789ab.tmp": GENERATED_PREFIX,  # no process has id 0
    f"{OUT}/.vaultnet-{DEAD}-0123456789ab.tmp": b"# my own text, in vaultnet's exact pattern\n",
    f"{OUT}/Topics/.vaultnet-{DEAD}-fedcba987654.tmp": b"\x00\x01 binary of mine",
}


def test_a_users_files_named_like_temporaries_are_kept(make_vault, run):
    """F1: only vaultnet's exact pattern, from a process that is gone, holding what vaultnet
    writes, is removed as a crashed run's leftover."""
    vault = synced(make_vault, run)
    for rel, data in USERS_TEMPORARY_LOOKALIKES.items():
        (vault / rel).write_bytes(data)
    crashed = {f"{OUT}/.vaultnet-{DEAD}-aaaaaaaaaaaa.tmp": GENERATED_PREFIX,  # cut short
               f"{OUT}/Topics/.vaultnet-{DEAD}-bbbbbbbbbbbb.tmp": b""}  # before its first byte
    for rel, data in crashed.items():
        (vault / rel).write_bytes(data)

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    for rel, data in USERS_TEMPORARY_LOOKALIKES.items():
        assert (vault / rel).read_bytes() == data, rel
    assert not any((vault / rel).exists() for rel in crashed)


def test_a_symlink_named_like_a_temporary_is_kept(make_vault, run, tmp_path):
    vault = synced(make_vault, run)
    outside = tmp_path / "precious.md"
    outside.write_bytes(GENERATED_PREFIX)
    link = vault / OUT / f".vaultnet-{DEAD}-0123456789ab.tmp"
    link.symlink_to(outside)
    assert sync(run, vault).exit_code == 0
    assert link.is_symlink() and outside.read_bytes() == GENERATED_PREFIX


@AS_ROOT
def test_a_temporary_of_another_user_is_kept(make_vault, run):
    vault = synced(make_vault, run)
    theirs = vault / OUT / f".vaultnet-{DEAD}-0123456789ab.tmp"
    theirs.write_bytes(GENERATED_PREFIX)
    os.chown(theirs, 4242, 4242)
    assert sync(run, vault).exit_code == 0
    assert theirs.read_bytes() == GENERATED_PREFIX


def test_only_vaultnets_exact_temporary_names_carry_a_process():
    assert files.temporary_pid(f".vaultnet-{DEAD}-0123456789ab.tmp") == DEAD
    for name in (".vaultnet-backup.tmp", ".vaultnet-99999999-mine.tmp", ".vaultnet-1-0123.tmp",
                 ".vaultnet--1-0123456789ab.tmp", ".vaultnet-1-0123456789ab.tmp~",
                 ".vaultnet-00001-0123456789ab.tmp", "x.vaultnet-1-0123456789ab.tmp"):
        assert files.temporary_pid(name) is None, name


# -- F2: a user's copy named in another case ----------------------------------------------------

TOPIC = {"People/Ann.md": person("Ann", topics="[robotics]", role="peer"),
         "People/Bo.md": person("Bo", topics="[robotics]", role="peer", knows='["[[Ann]]"]')}
PAGE = f"{OUT}/Topics/robotics.md"
COPY = f"{OUT}/Topics/Robotics.md"


def without_topic(vault: Path) -> None:
    for rel in TOPIC:
        path = vault / rel
        path.write_text(path.read_text().replace("robotics", "sailing"))


def test_a_copy_in_another_case_is_never_deleted_as_stale(make_vault, run):
    """F2, on a case-sensitive disk: the copy is the user's, the page vaultnet's."""
    vault = synced(make_vault, run, TOPIC)
    (vault / COPY).write_bytes((vault / PAGE).read_bytes())
    assert sync(run, vault).exit_code == 0
    assert (vault / COPY).exists()

    without_topic(vault)
    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert not (vault / PAGE).exists()  # vaultnet's own, no longer generated
    assert (vault / COPY).exists()
    assert f"Note: {COPY}: is no longer generated, and was edited or copied here" in result.output


def test_a_note_signed_the_old_way_is_vaultnets_unless_a_case_twin_is_beside_it(make_vault, run,
                                                                                monkeypatch):
    """Notes signed with their path case-folded, before F2: still vaultnet's where they are the only
    file of their name, and replaced by notes signed with their exact path; beside a copy in
    another case, neither is vaultnet's to delete."""
    vault = synced(make_vault, run, TOPIC)
    body = (vault / PAGE).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    with monkeypatch.context() as patch:
        # (stamp hashes a note's parts in turn: the old digest of them joined)
        patch.setattr(generated, "_digest_of", lambda signed, *parts: generated._folded_digest(
            b"".join(parts).decode(), PAGE))
        old = generated.stamp(body, PAGE, OUT)
    (vault / PAGE).write_bytes(old)
    assert generated.is_own(old, PAGE, OUT) and not generated.is_own(old, PAGE, OUT, folded=False)
    twin = vault / COPY
    twin.write_bytes(old)
    without_topic(vault)
    result = sync(run, vault)
    assert result.exit_code == 0, result.output
    assert (vault / PAGE).read_bytes() == old and twin.read_bytes() == old

    twin.unlink()
    result = sync(run, vault)
    assert result.exit_code == 0, result.output
    assert not (vault / PAGE).exists()


def test_a_case_only_rename_replaces_the_note_on_a_case_insensitive_disk(make_vault, run):
    """A case-insensitive disk shows one file under both spellings; a hard link does the same on
    Linux: the note vaultnet wrote as `Robotics.md`, reached as `robotics.md`, is vaultnet's."""
    vault = make_vault(TOPIC)
    page = vault / PAGE
    page.parent.mkdir(parents=True)
    body = "# Robotics\n\nAnn and Bo.\n"
    (vault / COPY).write_bytes(generated.stamp(body, COPY, OUT))  # as the topic was spelled before
    os.link(vault / COPY, page)

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert generated.is_own_unedited(page.read_bytes(), PAGE, OUT, folded=False)
    assert f"Left alone: {PAGE}" not in result.output


def test_the_same_file_under_another_spelling_is_a_page_not_a_stale_note(tmp_path):
    page, spelled = tmp_path / "robotics.md", tmp_path / "Robotics.md"
    page.write_bytes(b"x")
    os.link(page, spelled)
    names = generated._Names([str(spelled)])
    assert names.is_also(str(spelled), str(page))
    other = tmp_path / "ROBOTICS.md"
    other.write_bytes(b"x")
    assert not names.is_also(str(other), str(page))


# -- F3: owner, group and mode kept; a note without a write bit is read-only ----------------------

JANE = "People/Jane Doe.md"


def log(run: Any, vault: Path) -> Any:
    return run("log", "Jane Doe", "Coffee", "--met", "--date", "2026-11-20", "--vault", vault)


def test_log_keeps_a_notes_mode(make_vault, run):
    vault = make_vault(SMALL)
    os.chmod(vault / JANE, 0o640)
    assert log(run, vault).exit_code == 0, log
    assert "Coffee" in (vault / JANE).read_text()
    assert stat.S_IMODE((vault / JANE).stat().st_mode) == 0o640


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o000])
def test_log_refuses_a_note_without_a_write_bit_even_as_root(make_vault, run, mode):
    vault = make_vault(SMALL)
    before = snapshot(vault)
    os.chmod(vault / JANE, mode)
    result = log(run, vault)
    os.chmod(vault / JANE, 0o644)
    assert result.exit_code == 1
    assert f"Error: {JANE} is read-only (it has no write permission)" in result.output
    assert snapshot(vault) == before


@AS_ROOT
def test_log_as_root_keeps_the_notes_owner_and_group(make_vault, run):
    vault = make_vault(SMALL)
    os.chown(vault / JANE, 4242, 4343)
    assert log(run, vault).exit_code == 0
    info = (vault / JANE).stat()
    assert (info.st_uid, info.st_gid) == (4242, 4343) and "Coffee" in (vault / JANE).read_text()


@pytest.fixture
def shared_folder():
    """A folder other users can reach (pytest's own are root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="vaultnet-shared-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder)


@AS_ROOT
def test_a_group_member_changing_anothers_note_keeps_its_group(shared_folder):
    """In a shared vault, user 2002 (in group 3000) changes a note of user 2001's, group 3000,
    mode 660: the note keeps its group, so its owner can still read it."""
    note = shared_folder / "Jane Doe.md"
    note.write_bytes(b"# Jane\n")
    os.chown(shared_folder, 2001, 3000)
    os.chmod(shared_folder, 0o775)
    os.chown(note, 2001, 3000)
    os.chmod(note, 0o660)
    pid = os.fork()
    if pid == 0:  # the other user, in a child process
        code = 1
        try:
            os.setgroups([3000])
            os.setgid(2002)
            os.setuid(2002)
            files.atomic_replace(str(note), b"# Jane\n- coffee\n", b"# Jane\n")
            code = 0
        finally:
            os._exit(code)
    assert os.waitpid(pid, 0)[1] == 0
    info = note.stat()
    assert note.read_bytes() == b"# Jane\n- coffee\n"
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (2002, 3000, 0o660)


VCARD = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEMAIL:jane@example.org\r\n"
         "TEL:+1 555 0100\r\nEND:VCARD\r\n")


def test_import_update_refuses_a_read_only_note_and_keeps_the_mode_of_others(make_vault, run,
                                                                             tmp_path):
    """The contacts import fills empty fields through the edits' one write of a note."""
    vault = make_vault(SMALL)
    card = tmp_path / "jane.vcf"
    card.write_text(VCARD)
    before = (vault / JANE).read_bytes()
    os.chmod(vault / JANE, 0o444)
    refused = run("import", card, "--update", "--vault", vault)
    assert refused.exit_code == 0, refused.output
    assert f"{JANE}: is read-only (it has no write permission)" in refused.output
    assert (vault / JANE).read_bytes() == before

    os.chmod(vault / JANE, 0o604)
    filled = run("import", card, "--update", "--vault", vault)
    assert filled.exit_code == 0, filled.output
    assert "jane@example.org" in (vault / JANE).read_text()
    assert stat.S_IMODE((vault / JANE).stat().st_mode) == 0o604


@AS_ROOT
def test_import_update_as_root_keeps_the_notes_owner(make_vault, run, tmp_path):
    vault = make_vault(SMALL)
    card = tmp_path / "jane.vcf"
    card.write_text(VCARD)
    os.chown(vault / JANE, 4242, 4343)
    assert run("import", card, "--update", "--vault", vault).exit_code == 0
    info = (vault / JANE).stat()
    assert (info.st_uid, info.st_gid) == (4242, 4343)
    assert "jane@example.org" in (vault / JANE).read_text()


@AS_ROOT
def test_sync_as_root_keeps_a_generated_notes_owner_and_mode(make_vault, run):
    vault = synced(make_vault, run)
    agenda = vault / OUT / "Follow-ups.md"
    os.chown(agenda, 4242, 4343)
    os.chmod(agenda, 0o664)
    assert run("sync", "--vault", vault, "--today", "2026-12-30").exit_code == 0
    info = agenda.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4242, 4343, 0o664)


@AS_ROOT
@pytest.mark.parametrize("given", ["absolute", "."])
def test_what_sudo_vaultnet_makes_belongs_to_the_vaults_owner(make_vault, run, monkeypatch,
                                                              given):
    """A sibling of F3: notes and folders made as root take the owner of the folder they are made
    in, so that the user can still edit them (Obsidian saves a note in place). The vault given
    as `.` too: a folder made at its top has "" for its parent's path."""
    vault = make_vault({"Daily/2026-11-20.md": "Lunch with Grace\n"})
    for path in [vault, *vault.rglob("*")]:
        os.chown(path, 4242, 4343)
    monkeypatch.chdir(vault)
    at = vault if given == "absolute" else given
    for command in (["init"], ["add", "Grace Liu"], ["sync", "--today", TODAY]):
        result = run(*command, "--vault", at)
        assert result.exit_code == 0, result.output
    made = [vault / ".vaultnet.toml", vault / "Me.md", vault / "Templates",
            vault / "Templates/Person.md", vault / "People", vault / "People/Grace Liu.md",
            vault / OUT, *(vault / OUT).rglob("*")]
    assert len(made) > 5
    for path in made:
        assert (path.stat().st_uid, path.stat().st_gid) == (4242, 4343), path


def test_sync_leaves_a_read_only_generated_note_as_it_is(make_vault, run):
    vault = synced(make_vault, run)
    agenda = vault / OUT / "Follow-ups.md"
    before = agenda.read_bytes()
    os.chmod(agenda, 0o444)
    result = run("sync", "--vault", vault, "--today", "2026-12-30")
    assert result.exit_code == 1
    assert f"Error: {OUT}/Follow-ups.md: could not be written (read-only: it has no write " \
        "permission)" in result.output
    assert agenda.read_bytes() == before


def test_sync_does_not_delete_a_read_only_stale_note(make_vault, run):
    vault = synced(make_vault, run, TOPIC)
    os.chmod(vault / PAGE, 0o444)
    without_topic(vault)
    result = sync(run, vault)
    assert result.exit_code == 0, result.output
    assert (vault / PAGE).exists()
    assert f"Note: {PAGE}: is no longer generated, and is read-only; left as it is" in result.output


def test_an_export_over_a_read_only_file_is_refused(make_vault, run, tmp_path):
    vault = make_vault(SMALL)
    target = tmp_path / "graph.json"
    target.write_text("mine\n")
    os.chmod(target, 0o444)
    result = run("export", "--format", "json", "-o", target, "--force", "--vault", vault)
    assert result.exit_code == 1 and "read-only" in result.output
    assert target.read_text() == "mine\n"


# -- F13: a note that cannot be created is named, with what to do ------------------------------

DISK_ERRORS = [(errno.ENOSPC, "no space left on device; free some space and run"),
               (errno.EROFS, "read-only file system; the disk is read-only: make it writable"),
               (errno.EACCES, "permission denied; check that you may write to that folder")]


def failing_disk(monkeypatch: pytest.MonkeyPatch, fail_at: int, code: int) -> Disk:
    disk = Disk(fail_at, code)
    monkeypatch.setattr(files, "os", disk)
    return disk


def temporaries(vault: Path) -> list[Path]:
    return [p for p in vault.rglob(".vaultnet-*")]


@pytest.mark.parametrize("code,words", DISK_ERRORS, ids=["ENOSPC", "EROFS", "EACCES"])
@pytest.mark.parametrize("fail_at", [1, 2, 3])  # the temporary's open, its write, its fsync
def test_add_names_the_note_it_could_not_create(make_vault, run, monkeypatch, code, words,
                                                fail_at):
    vault = make_vault(SMALL)
    before = snapshot(vault)
    failing_disk(monkeypatch, fail_at, code)
    result = run("add", "Grace Liu", "--vault", vault)
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.output.startswith("Error: could not create People/Grace Liu.md: "), result.output
    assert words in result.output and "again" in result.output
    assert ".tmp" not in result.output
    assert snapshot(vault) == before and temporaries(vault) == []


@pytest.mark.parametrize("fail_at,failed,made", [
    (1, ".vaultnet.toml", ""), (6, "Me.md", " (created already: .vaultnet.toml)"),
    (12, "Templates/Person.md", " (created already: .vaultnet.toml, Me.md)")])  # 5 calls a file
def test_init_names_the_file_it_could_not_create(tmp_path, run, monkeypatch, fail_at, failed,
                                                 made):
    vault = tmp_path / "vault"
    vault.mkdir()
    failing_disk(monkeypatch, fail_at, errno.ENOSPC)
    result = run("init", "--vault", vault)
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.output == (f"Error: could not create {failed}: no space left on device; free "
                             f"some space and run vaultnet init again{made}\n")
    assert temporaries(vault) == []


def test_import_names_the_note_it_could_not_create(make_vault, run, monkeypatch, tmp_path):
    vault = make_vault(SMALL)
    card = tmp_path / "grace.vcf"
    card.write_text(VCARD.replace("Jane Doe", "Grace Liu").replace("jane@", "grace@"))
    before = snapshot(vault)
    failing_disk(monkeypatch, 1, errno.ENOSPC)
    result = run("import", card, "--vault", vault)
    monkeypatch.undo()
    assert "could not create People/Grace Liu.md: no space left on device; free some space and " \
        "run it again" in result.output
    assert ".tmp" not in result.output
    assert snapshot(vault) == before and temporaries(vault) == []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_import_stops_at_a_full_or_read_only_disk(make_vault, run, monkeypatch, tmp_path, code):
    """One line for the disk, not one for every contact left."""
    vault = make_vault(SMALL)
    card = tmp_path / "three.vcf"
    card.write_text("".join(VCARD.replace("Jane Doe", name).replace("jane@", f"{name[0]}@")
                            for name in ("Ann Lee", "Bo Ray", "Cy Dunn")))
    before = snapshot(vault)
    failing_disk(monkeypatch, 1, code)
    result = run("import", card, "--vault", vault)
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.output.count("could not create") == 1, result.output
    assert "The import stopped there, after creating 0 notes; run it again" in result.output
    assert snapshot(vault) == before and temporaries(vault) == []


# -- F18: watch on a read-only disk --------------------------------------------------------------

class ReadOnlyDisk(Disk):
    """A disk on which every change fails with EROFS."""

    def _count(self, name: str, path: object) -> None:
        self.calls += 1
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))


def test_watch_never_says_nothing_to_write_when_writes_failed(make_vault, monkeypatch, caplog):
    vault = make_vault(SMALL)
    for module in (files, generated):
        monkeypatch.setattr(module, "os", ReadOnlyDisk(None, errno.EROFS))
    result = run_sync(vault, TODAY)
    monkeypatch.undo()
    assert result.writes.failed and not (result.writes.created or result.writes.written)
    caplog.set_level(logging.INFO, logger="vaultnet.watch")
    RoundLog().built(result, "start", 0.5)
    line = caplog.records[0].getMessage()
    assert "nothing to write" not in line
    assert f"could not write {OUT}/Communities.md, {OUT}/Follow-ups.md" in line, line


def test_the_round_line_names_what_was_left_alone_and_what_failed():
    failed = [Problem(f"{OUT}/{n}.md", None, "could not be written", "") for n in "CAB"]
    kept = [Problem(f"{OUT}/Follow-ups.md", None, "was edited by hand", "")]
    assert written_words(WriteReport()) == ["nothing to write"]
    assert written_words(WriteReport(written=[f"{OUT}/X.md"], failed=failed, kept=kept)) == [
        f"wrote {OUT}/X.md", f"could not write {OUT}/A.md, {OUT}/B.md, {OUT}/C.md",
        f"left {OUT}/Follow-ups.md alone"]


# -- a canvas whose links Obsidian rewrote --------------------------------------------------------

RENAMED = "People/Jane Roe.md"


def relink_canvas(vault: Path, old: str, new: str, obsidian_layout: bool) -> None:
    """What Obsidian does to a canvas when a note it shows is renamed: the node's `file` changes;
    saved in place, or laid out as Obsidian writes canvases (tabs, one node a line)."""
    path = vault / CANVAS
    text = path.read_text(encoding="utf-8")
    if not obsidian_layout:
        path.write_text(text.replace(json.dumps(old), json.dumps(new)), encoding="utf-8")
        return
    data = json.loads(text)
    for node in data["nodes"]:
        if node.get("file") == old:
            node["file"] = new

    def block(items: list[Any]) -> str:
        return "[\n" + ",\n".join("\t\t" + json.dumps(i, separators=(",", ":"), ensure_ascii=False)
                                  for i in items) + "\n\t]"

    lines = [f"\t{json.dumps(k)}:{block(v) if isinstance(v, list) else json.dumps(v)}"
             for k, v in data.items()]
    path.write_text("{\n" + ",\n".join(lines) + "\n}", encoding="utf-8")


@pytest.mark.parametrize("obsidian_layout", [False, True], ids=["in-place", "obsidian-layout"])
def test_a_canvas_whose_file_paths_obsidian_rewrote_is_still_vaultnets(make_vault, run,
                                                                       obsidian_layout):
    vault = synced(make_vault, run)
    assert '"People/Jane Doe.md"' in (vault / CANVAS).read_text()
    obsidian_rename(vault, "People/Jane Doe.md", RENAMED)
    relink_canvas(vault, "People/Jane Doe.md", RENAMED, obsidian_layout)
    assert not generated.is_own_unedited((vault / CANVAS).read_bytes(), CANVAS, OUT)

    result = sync(run, vault)

    assert result.exit_code == 0, result.output
    assert f"Left alone: {CANVAS}" not in result.output
    assert generated.is_own_unedited((vault / CANVAS).read_bytes(), CANVAS, OUT)
    assert f'"{RENAMED}"' in (vault / CANVAS).read_text()


@pytest.mark.parametrize("edit", ["moved", "label", "node", "file-and-moved"])
def test_a_real_edit_of_a_canvas_is_still_a_hand_edit(make_vault, run, edit):
    vault = synced(make_vault, run)
    data = json.loads((vault / CANVAS).read_text())
    node = next(n for n in data["nodes"] if n.get("file") == "People/Jane Doe.md")
    if edit in ("moved", "file-and-moved"):
        node["x"] += 10
    if edit == "file-and-moved":
        node["file"] = "People/Someone Else.md"
    if edit == "label":
        data["note"] = "mine now"
    if edit == "node":
        data["nodes"].append({"id": "mine", "type": "text", "text": "my card", "x": 0, "y": 0,
                              "width": 10, "height": 10})
    (vault / CANVAS).write_text(json.dumps(data, indent="\t"))
    result = sync(run, vault)
    assert result.exit_code == 1
    assert f"Left alone: {CANVAS}: was edited by hand" in result.output


def test_a_canvas_copied_under_another_name_is_not_vaultnets(make_vault, run):
    vault = synced(make_vault, run)
    data = (vault / CANVAS).read_bytes()
    assert generated.is_own(data, CANVAS, OUT)
    assert not generated.is_own(data, f"{OUT}/Copy.canvas", OUT)
    assert not generated.is_own(data, f"{OUT}/network.canvas", OUT)
    digest = hashlib.sha256(data).hexdigest()
    assert digest == hashlib.sha256((vault / CANVAS).read_bytes()).hexdigest()


def test_a_note_that_became_a_fifo_is_refused_not_waited_on(tmp_path):
    """`log` reads the note again just before changing it: a FIFO put in its place since it was
    read is refused at once (a plain open waited for a writer for ever)."""
    from vaultnet.base.errors import VaultnetError
    from vaultnet.edits.lines import change_note

    (tmp_path / "People").mkdir()
    os.mkfifo(tmp_path / JANE)
    outcome: list[BaseException | None] = []

    def change() -> None:
        try:
            change_note(tmp_path, JANE, lambda before: before + b"- x\n", "adding to")
            outcome.append(None)
        except BaseException as err:  # reported to the test's thread
            outcome.append(err)

    worker = threading.Thread(target=change, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "change_note waited on a FIFO"
    assert isinstance(outcome[0], VaultnetError) and "named pipe" in str(outcome[0])
