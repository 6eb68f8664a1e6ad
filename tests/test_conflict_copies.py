"""A sync tool's conflict copy of a note is no second person: it is not read, and `check` and the
sync summary name it, with the note it is a copy of, until the user merges it and deletes it.

The names are each tool's own: Dropbox (`Name (Jane's conflicted copy 2026-12-01).md`, help.dropbox
.com "What's a conflicted copy?": the English words also in its other languages' help, e.g. ja-jp),
Syncthing (`Name.sync-conflict-20261201-101010-ABCDEFG.md`, lib/model/folder_sendrecv.go
`conflictName`), Obsidian Sync's "Create conflict file" option (`Name (Conflicted copy DEVICE
202612011010).md`, obsidianmd/obsidian-help#1056), Nextcloud and ownCloud (`Name (conflicted copy
[USER ]2026-12-01 101010).md`, nextcloud/desktop src/common/utility.cpp `makeConflictFileName`;
`Name_conflict-20261201-101010.md` before 2018). Google Drive's `Name (1).md`, OneDrive's
`Name-HOST.md` and iCloud's `Name 2.md` are names people give notes too: those are read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TODAY, person, snapshot

from vaultnet.base.settings import Settings
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.read.vault import is_skipped_name, walk_vault
from vaultnet.watch.events import OwnOutput, wanted

JANE = "People/Jane Doe.md"
JANE_TEXT = person("Jane Doe", "## Log\n- [ ] Send her the paper 📅 2026-11-26\n",
                   aliases="[Jane]", role="mentor")
# Her newer edit, made on another device: it is the copy that holds it.
COPY_TEXT = JANE_TEXT.replace("## Log\n", "## Log\n- 2026-11-24 Lunch, talked about grants\n")
DAILY = {"Daily/2026-11-20.md": "- Coffee with [[Jane]] #met\n"}

COPIES = [
    ("People/Jane Doe (conflicted copy 2026-12-01).md", "Dropbox"),
    ("People/Jane Doe (Bob Smith's conflicted copy 2026-12-01).md", "Dropbox"),
    ("People/Jane Doe (laptop's conflicted copy 2026-12-01 (1)).md", "Dropbox"),
    ("People/Jane Doe (Case Conflict).md", "Dropbox"),
    ("People/Jane Doe (Unicode Encoding Conflict).md", "Dropbox"),
    ("People/Jane Doe.sync-conflict-20261201-101010-ABCDEFG.md", "Syncthing"),
    ("People/Jane Doe.sync-conflict-20261201-101010.md", "Syncthing"),
    ("People/Jane Doe (Conflicted copy ThinkPad-T14-G5 202612011010).md", "Obsidian Sync"),
    ("People/Jane Doe (Conflicted copy Jane's iPhone 202612011010).md", "Obsidian Sync"),
    ("People/Jane Doe (conflicted copy 2026-12-01 101010).md", "Nextcloud or ownCloud"),
    ("People/Jane Doe (conflicted copy bob 2026-12-01 101010).md", "Nextcloud or ownCloud"),
    ("People/Jane Doe_conflict-20261201-101010.md", "Nextcloud or ownCloud"),
]


def conflict_message(copy: str, tool: str, original: str = JANE) -> str:
    return (f"{copy}: is a sync conflict copy of {original} ({tool}): its changes are not read\n"
            "  fix: merge what it holds into that note and delete it\n")


def user_files(root: Path) -> dict[str, bytes]:
    return {path: data for path, data in snapshot(root).items() if not path.startswith("Network/")}


@pytest.mark.parametrize(("copy", "tool"), COPIES)
def test_a_conflict_copy_beside_its_note_is_not_a_second_person(make_vault, run, copy, tool):
    root = make_vault({".obsidian/app.json": "{}", JANE: JANE_TEXT, copy: COPY_TEXT, **DAILY})
    before = user_files(root)

    synced = run("sync", "--vault", root, "--today", TODAY)
    assert synced.exit_code == 0, synced.output
    assert synced.output.startswith("Read 2 notes: 1 person, 1 daily note.\n")
    assert ("1 note has problems; the rest of each was used where it could be (run `vaultnet "
            "check` for how to fix them):\n"
            f"  {copy}: is a sync conflict copy of {JANE} ({tool}): its changes are not read\n"
            ) in synced.output
    follow_ups = (root / "Network/Follow-ups.md").read_text(encoding="utf-8")
    # `[[Jane]]` in the daily note is still Jane's: she was met five days ago, nobody is due.
    assert "## Stay in touch (0)\n" in follow_ups
    assert "## Promises (1)\n\n- [[People/Jane Doe|Jane Doe]]: Send her the paper (due " \
           "2026-11-26)\n\n" in follow_ups
    assert Path(copy).stem not in follow_ups

    checked = run("check", "--vault", root, "--today", TODAY)
    assert checked.exit_code == 1
    assert checked.output.endswith(f"\n{conflict_message(copy, tool)}1 problem in 1 note.\n")
    assert "ambiguous" not in checked.output
    assert "  people: 1 (1 by `type: person`)\n" in checked.output

    due = json.loads(run("due", "--vault", root, "--today", TODAY, "--json").output)
    assert [(p["person"], p["text"]) for p in due["promises"]] == [
        ("Jane Doe", "Send her the paper")]
    assert due["stay_in_touch"] == []
    assert user_files(root) == before  # the copy, the note and every other byte as they were


def test_a_conflict_copy_whose_note_is_gone_is_named_to_be_renamed(make_vault, run):
    copy = "People/Jane Doe (Bob's conflicted copy 2026-12-01).md"
    root = make_vault({".obsidian/app.json": "{}", copy: COPY_TEXT, **DAILY,
                       "People/Carol.md": person("Carol")})
    before = user_files(root)
    synced = run("sync", "--vault", root, "--today", TODAY)
    assert synced.exit_code == 0, synced.output
    assert synced.output.startswith("Read 2 notes: 1 person, 1 daily note.\n")
    checked = run("check", "--vault", root, "--today", TODAY)
    assert checked.exit_code == 1
    assert checked.output.endswith(
        f"\n{copy}: is a sync conflict copy of {JANE} (Dropbox), which is not in the vault: "
        "it is not read\n"
        "  fix: if it holds the note you mean to keep, rename it to Jane Doe.md\n"
        "1 problem in 1 note.\n")
    assert user_files(root) == before


def test_the_original_is_found_whatever_its_case_and_the_copy_in_its_own_folder(make_vault, run):
    root = make_vault({".obsidian/app.json": "{}", "People/jane doe.md": JANE_TEXT,
                       "People/Jane Doe (Case Conflict).md": COPY_TEXT,
                       "Other/Jane Doe (conflicted copy 2026-12-01).md": COPY_TEXT})
    files, problems = walk_vault(root, ())
    assert [f.path for f in files] == ["People/jane doe.md"]
    assert [(p.path, p.message) for p in problems] == [
        ("Other/Jane Doe (conflicted copy 2026-12-01).md",
         "is a sync conflict copy of Other/Jane Doe.md (Dropbox), which is not in the vault: "
         "it is not read"),
        ("People/Jane Doe (Case Conflict).md",
         "is a sync conflict copy of People/jane doe.md (Dropbox): its changes are not read")]
    assert not any(p.transient for p in problems)
    assert walk_vault(root, ()) == (files, problems)  # the same, every time


def test_several_copies_and_a_copy_of_a_copy_are_each_named(make_vault, run):
    first = "People/Jane Doe (conflicted copy 2026-12-01).md"
    second = "People/Jane Doe (conflicted copy 2026-12-01) (conflicted copy 2026-12-02).md"
    third = "People/Jane Doe.sync-conflict-20261201-101010-ABCDEFG.md"
    root = make_vault({".obsidian/app.json": "{}", JANE: JANE_TEXT, first: COPY_TEXT,
                       second: COPY_TEXT, third: COPY_TEXT, **DAILY})
    checked = run("check", "--vault", root, "--today", TODAY)
    assert checked.output.endswith(
        conflict_message(second, "Dropbox", first) + conflict_message(first, "Dropbox")
        + conflict_message(third, "Syncthing") + "3 problems in 3 notes.\n")


NOT_COPIES = [
    "People/Conflict Resolution Coach.md",
    "People/Jane (conflicted).md",
    "People/Jane Doe (1).md",          # Google Drive's, a browser's, or the user's own
    "People/Jane Doe 2.md",            # iCloud's, or the user's own
    "People/Jean-Paul.md",             # OneDrive's `Name-HOST.md` looks just like this
    "People/Notes on a conflicted copy.md",
    "People/Jane (conflicted copy of the book).md",
    "People/x.sync-conflict.md",
]


def test_names_that_only_look_like_copies_are_read(make_vault):
    root = make_vault({path: person(path) for path in NOT_COPIES})
    files, problems = walk_vault(root, ())
    assert sorted(f.path for f in files) == sorted(NOT_COPIES)
    assert problems == []


def test_a_copy_in_an_ignored_folder_or_the_output_is_passed_over(make_vault, run):
    root = make_vault({".obsidian/app.json": "{}", JANE: JANE_TEXT,
                       ".vaultnet.toml": 'ignore = ["Archive"]\n',
                       "Archive/Jane Doe (conflicted copy 2026-12-01).md": COPY_TEXT,
                       "Network/Follow-ups (conflicted copy 2026-12-01).md": "x\n"})
    checked = run("check", "--vault", root, "--today", TODAY)
    assert "conflict" not in checked.output


def test_the_summary_names_the_copy_on_every_sync_and_forgets_it_once_merged(make_vault, run):
    copy = "People/Jane Doe (conflicted copy 2026-12-01).md"
    root = make_vault({".obsidian/app.json": "{}", JANE: JANE_TEXT, copy: COPY_TEXT, **DAILY})
    for _ in range(2):  # the second, from the cache, as the first
        synced = run("sync", "--vault", root, "--today", TODAY, "--json")
        assert synced.exit_code == 0, synced.output
        assert [(p["path"], p["message"], p["hint"]) for p in json.loads(synced.output)["problems"]
                ] == [(copy, f"is a sync conflict copy of {JANE} (Dropbox): its changes are not "
                             "read", "merge what it holds into that note and delete it")]
    (root / JANE).write_text(COPY_TEXT, encoding="utf-8")  # merged,
    (root / copy).unlink()  # and deleted
    synced = run("sync", "--vault", root, "--today", TODAY, "--json")
    assert json.loads(synced.output)["problems"] == []


# -- watch: an event for a conflict copy leads to the walk that names it --------------------------

@pytest.mark.parametrize(("copy", "_tool"), COPIES)
def test_watch_hears_a_conflict_copy_arrive(tmp_path, copy, _tool):
    *_, name = copy.split("/")
    assert not is_skipped_name(name)
    assert wanted(copy, False, OwnOutput(tmp_path, "Network"))


def test_a_round_for_a_new_conflict_copy_walks_and_names_it(make_vault):
    root = make_vault({JANE: JANE_TEXT, **DAILY})
    store = NoteStore()
    settings = Settings()
    assert store.refresh(root, settings).problems == []
    copy = "People/Jane Doe.sync-conflict-20261201-101010-ABCDEFG.md"
    (root / copy).write_text(COPY_TEXT, encoding="utf-8")
    # What watch does with the paths an event named: read them alone, if the last walk vouches.
    refreshed = store.refresh(root, settings, recheck={copy}, walk=False)
    assert [p.path for p in refreshed.problems] == [copy]
    assert [n.path for n in refreshed.notes] == ["Daily/2026-11-20.md", JANE]
    (root / copy).unlink()
    assert store.refresh(root, settings, recheck={copy}, walk=False).problems == []
