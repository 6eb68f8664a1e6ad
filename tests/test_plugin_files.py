"""Markdown files that plugins write, and to-dos in a day's note: what is no contact stays none.

Obsidian's Excalidraw plugin keeps a drawing as a Markdown file (`Drawing 2026-11-15
10.12.33.excalidraw.md`, `excalidraw-plugin: parsed` in its frontmatter), and one made from a
person's note goes beside it, in the people folder, its boxes linking people in "Element Links"
(`abc123: [[Sam Lee]]`); the Kanban plugin keeps a board as one (`kanban-plugin: basic`), its
cards list items. Neither is a person, a day's note or a meeting, whatever its folder or name.
And a task in a day's note that is not done (`- [ ] Call [[Sam Lee]]`) is something still to do:
no contact, and no outreach sent.
"""

from __future__ import annotations

import json

import pytest
from conftest import TODAY, person

from vaultnet.parse.note import parse_note

SAM = "People/Sam Lee.md"
SAM_NOTE = person("Sam Lee", body="![[Sam Lee 2026-11-15 10.12.33.excalidraw]]\n## Log\n"
                  "- 2026-09-20 Coffee #met\n", role="peer", cadence="30d")
DRAWING = """---

excalidraw-plugin: parsed
tags: [excalidraw]

---
==⚠  Switch to EXCALIDRAW VIEW in the MORE OPTIONS menu of this document. ⚠==

# Excalidraw Data
## Text Elements
Sam's team ^abc123

Ana ^def456

## Element Links
abc123: [[Sam Lee]]

def456: [[Ana Ruiz]]

%%
## Drawing
```compressed-json
N4KAkARALgngDgUwgLgAQQQDwMYEMA2AlgCYBOuA7hADTgQBuCpAzoQPYB2KqATLZMzYBXUtiRoIACyhQ4zZAHoFAc0JRJQgEYA6bGwC2CgF7N6hbEcK4OCtp30AGAHwAVFAUuEfGv0hV06gqLiUjIKygBM
```
%%
"""
BOARD = """---

kanban-plugin: basic

---

## Doing

- [ ] Send [[Sam Lee]] the paper 📅 2026-11-23
- [ ] Call [[Ana Ruiz]]

%% kanban:settings
```
{"kanban-plugin":"basic"}
```
%%
"""
VAULT = {
    ".obsidian/app.json": "{}",
    SAM: SAM_NOTE,
    "People/Ana Ruiz.md": person("Ana Ruiz", body="## Log\n- 2026-09-20 Coffee #met\n",
                                 role="peer", cadence="30d"),
    # Made from Sam's note, beside it (Obsidian's "same folder as current file" attachments).
    "People/Sam Lee 2026-11-15 10.12.33.excalidraw.md": DRAWING,
    "People/Outreach board.md": BOARD,
    # Named by a date (the plugins' prefixes cleared): no day's note, either of them.
    "Excalidraw/2026-11-16 10.12.33.excalidraw.md": DRAWING,
    "Boards/2026-11-16 Outreach.md": BOARD,
    "Excalidraw/2026-11-17.md": DRAWING,  # (the key alone says so)
}


def test_drawings_and_boards_are_no_people_days_or_meetings(make_vault, run):
    vault = make_vault(VAULT)
    synced = run("sync", "--vault", vault, "--today", TODAY)
    assert synced.exit_code == 0, synced.output
    assert synced.output.startswith("Read 7 notes: 2 people, 0 daily notes.\n")
    due = json.loads(run("due", "--vault", vault, "--today", TODAY, "--json").output)
    # (Both last met on 2026-09-20, 66 days ago: no box or card of theirs was contact.)
    assert [(p["person"], p["last_contact"]) for p in due["stay_in_touch"]] == [
        ("Ana Ruiz", "2026-09-20"), ("Sam Lee", "2026-09-20")]
    assert due["promises"] == []  # (the board's card is no promise of Sam's note)
    network = (vault / "Network/Network.md").read_text(encoding="utf-8")
    assert "excalidraw" not in network and "Outreach board" not in network
    logged = run("log", "Sam", "Lunch", "--vault", vault, "--today", TODAY)
    assert logged.output == f"{SAM}:10: - 2026-11-25 Lunch\n"  # (not "could be 2 people")


def test_check_counts_the_drawings_and_boards_in_the_people_folder(make_vault, run):
    vault = make_vault(VAULT)
    lines = run("check", "--vault", vault, "--today", TODAY).output.splitlines()
    assert lines[:3] == ["How the vault was read:", "  people: 2 (2 by `type: person`)",
                         "  not people, though in a people folder: 2 (2 drawings or boards of a "
                         "plugin)"]


@pytest.mark.parametrize("path", [
    "People/Sam Lee 2026-11-15 10.12.33.excalidraw.md", "People/Outreach board.md",
    "Daily/2026-11-16 10.12.33.excalidraw.md", "Daily/2026-11-17.md", "Boards/2026-11-16.md",
])
@pytest.mark.parametrize("text", [DRAWING, BOARD])
def test_a_plugins_file_has_no_entries_tasks_or_day(path, text):
    note = parse_note(path, text)
    assert (note.found_by, note.daily, note.meeting, note.entries, note.tasks) == (
        "", None, None, (), ())


def test_a_drawing_named_otherwise_by_its_key_alone_and_by_its_name_alone():
    assert parse_note("People/Sam Lee.excalidraw.md", "# a drawing\n[[Ana Ruiz]]\n").found_by == ""
    assert parse_note("People/Sam Lee.md", "---\nexcalidraw-plugin: raw\n---\n").found_by == ""
    assert parse_note("People/Sam Lee.md", "---\nplugin: excalidraw\n---\n").found_by


@pytest.mark.parametrize(("line", "contact"), [
    ("- [ ] Call [[Sam Lee]] about the job", False),  # to do
    ("- [/] Call [[Sam Lee]]", False),  # in progress
    ("- [-] Call [[Sam Lee]]", False),  # cancelled
    ("- [>] Call [[Sam Lee]]", False),  # put off
    ("- [<] Call [[Sam Lee]]", False),  # scheduled
    ("- [ ]\tCall [[Sam Lee]]", False),
    ("- [ ] Call [[Sam Lee]] ❌ 2026-11-16", False),
    ("1. [ ] Call [[Sam Lee]]", False),
    ("  - [ ] Call [[Sam Lee]]", False),
    ("- [x] Called [[Sam Lee]]", True),  # done
    ("- [X] Called [[Sam Lee]]", True),
    ("- [*] Lunch with [[Sam Lee]]", True),  # another theme's checkbox: a line marked, no task
    ("- [!] Lunch with [[Sam Lee]]", True),
    ("- [i] Lunch with [[Sam Lee]]", True),
    ("- [ ] Called [[Sam Lee]] ✅ 2026-11-16", True),  # done, as the Tasks plugin marks it
    ("- [ ] Called [[Sam Lee]] [completion:: 2026-11-16]", True),
    ("- Called [[Sam Lee]]", True),  # no task
    ("- [[Sam Lee]] [ ] kept a seat", True),
    ("Lunch with [[Sam Lee]]", True),
])
def test_a_days_task_not_done_is_no_contact(line, contact):
    note = parse_note("Daily/2026-11-16.md", f"## Tasks\n{line}\n")
    assert [(e.day.isoformat(), e.line) for e in note.entries] == (
        [("2026-11-16", 2)] if contact else [])


def test_a_days_open_outreach_task_is_no_outreach(make_vault, run):
    """Writing to Dana is still to do: she is no outreach to follow up, and Sam, whom the day only
    meant to call, is still due."""
    vault = make_vault({
        SAM: SAM_NOTE,
        "People/Dana Cole.md": person("Dana Cole", role="mentor", status="prospect"),
        "Daily/2026-11-16.md": "## Tasks\n- [ ] Call [[Sam Lee]] about the job\n"
                               "- [ ] Write to [[Dana Cole]] to ask for coffee #outreach\n"
                               "- [x] Booked the room for [[Ana Ruiz]]\n",
        "People/Ana Ruiz.md": person("Ana Ruiz", role="peer", cadence="30d")})
    due = json.loads(run("due", "--vault", vault, "--today", TODAY, "--json").output)
    assert due["outreach"] == []
    assert [(p["person"], p["last_contact"]) for p in due["stay_in_touch"]] == [
        ("Sam Lee", "2026-09-20")]  # (Ana: contact on the 16th, done)


def test_a_meetings_task_not_done_names_nobody_who_was_there_but_its_owner():
    """A meeting's action item (`- [ ] Send [[Dana Cole]] the deck`) is no sign that Dana was
    there; a line that links her is, and one done is; and an item's owner, the link it starts
    with (`- [ ] [[Cy Ma]] to send [[Dana Cole]] the deck`), was there."""
    text = ('---\npeople: ["[[Sam Lee]]"]\n---\n- [ ] Send [[Dana Cole]] the deck\n'
            "- Ana Ruiz's plan: [[Ana Ruiz]]\n- [x] Booked [[Bo Ek]]\n"
            "- [ ] [[Cy Ma]] to send [[Dana Cole]] the deck\n- [ ] [[Eve Ng]]: book the room\n")
    (met,) = parse_note("Notes/2026-11-20 Project sync.md", text).entries
    assert [link.target for link in met.links] == ["Sam Lee", "Ana Ruiz", "Bo Ek", "Cy Ma",
                                                   "Eve Ng"]
    only = parse_note("Notes/2026-11-20 Project sync.md", "- [ ] Send [[Dana Cole]] the deck\n")
    assert (only.meeting, only.entries) == (None, ())


def test_a_meeting_of_action_items_alone_is_told_of_no_bad_date(make_vault, run):
    """A `date` that is no date, in a note of the meetings folder whose only links are action
    items not done: no meeting is lost, so `check` says nothing of it."""
    vault = make_vault({".vaultnet.toml": 'meetings_folder = "Meetings"\n',
                        "Meetings/Sync.md": "---\ndate: 2026-11-31\n---\n- [ ] Send [[Sam Lee]] x\n",
                        SAM: SAM_NOTE})
    result = run("check", "--vault", vault, "--today", TODAY, "--json")
    assert json.loads(result.output) == []
