"""`vaultnet log` continues the list its line joins, and finds the Log section as CommonMark does.

In CommonMark another bullet character, or a number after a bullet, starts a new list: a `- `
line after `* 2026-10-01 Lunch` or `1. 2026-10-01 Lunch` shows as a list of its own. The new line
takes the marker of the list its last entry is in: the same bullet (`-`, `*`, `+`), or the next
number with the same delimiter (`1.` → `2.`, `1)` → `2)`), at the same indentation.

Each case is a note in which the line holding `@@` is the one the command adds, written with the
marker it should get (`@@` stands for the entry's text, `2026-11-25 Coffee #met`); the note
before is the case without that line. The note after must hold exactly that line more, and read
back as it was plus that one entry, at that line.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from conftest import TODAY, benchmark_script

from vaultnet.parse.note import parse_note

ANN = "People/Ann.md"
FRONT = "---\ntype: person\ncadence: 30d\n---\n"
NEW = "2026-11-25 Coffee #met"


def read_back(text: str) -> list[tuple[str, str, int]]:
    """(day, text, line) of each entry of Ann's note as vaultnet reads it."""
    return [(e.day.isoformat(), e.text, e.line) for e in parse_note(ANN, text).entries]


def assert_logged(make_vault, run, case: str) -> None:
    """`vaultnet log` adds the `@@` line and nothing else; the note reads back as it did, plus
    the new entry at that line."""
    kept = FRONT + "\n".join(line for line in case.split("\n") if "@@" not in line)
    vault = make_vault({ANN: kept})
    result = run("log", "Ann", "Coffee", "--met", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    want = FRONT + case.replace("@@", NEW)
    after = (vault / ANN).read_bytes()
    assert after == want.encode()
    number = next(i for i, line in enumerate(want.split("\n"), start=1) if NEW in line)
    written = want.split("\n")[number - 1].expandtabs(4)  # (with its marker and quote marks)
    assert result.output == f"{ANN}:{number}: {written}\n"
    assert sorted(read_back(after.decode())) == sorted(
        [(day, text, line + (line >= number)) for day, text, line in read_back(kept)]
        + [("2026-11-25", "Coffee #met", number)])


# -- the list the last entry is in ----------------------------------------------------------------

@pytest.mark.parametrize("case", [
    "## Log\n1. 2026-10-01 Lunch\n2. 2026-11-02 Call\n3. @@\n\n## Tasks\n- [ ] Send the deck\n",
    "## Log\n1) 2026-10-01 Lunch\n2) @@\n",
    "## Log\n* 2026-10-01 Lunch\n* @@\n",
    "## Log\n+ 2026-10-01 Lunch\n+ @@\n",
    # Numbered from where the entry is, whatever the list starts at, as wide as it was written.
    "## Log\n7. 2026-10-01 Lunch\n8. @@\n",
    "## Log\n9. 2026-10-01 Lunch\n10. @@\n",
    "## Log\n01. 2026-10-01 Lunch\n02. @@\n",
    "## Log\n999999999. 2026-10-01 Lunch\n999999999. @@\n",  # (CommonMark reads nine digits)
    # The marker of the last entry's list, not of an earlier list of entries.
    "## Log\n- 2026-09-01 Call\n\n* 2026-10-01 Lunch\n* @@\n",
    # A task after the entry is no entry; the line goes after the entry, in its list.
    "## Log\n* 2026-10-01 Lunch\n* @@\n- [ ] Send the deck 📅 2026-12-01\n",
    # What belongs to the entry stays with it: a line running on, a nested entry.
    "## Log\n1. 2026-10-01 Lunch, and\nshe is great.\n2. @@\n",
    "## Log\n1. 2026-10-01 Conference\n   - 2026-10-02 Sent thanks\n2. @@\n",
    # No Log section: after the note's last entry, in its list.
    "# Ann\n\n## Meetings\n+ 2026-10-01 Lunch\n+ @@\n\n## Notes\nKind.\n",
    # In a Log callout, after the quote pasted into its last entry (hers, not the log's list).
    "> [!note] Log\n> 1. 2026-10-01 Lunch\n> 2. 2026-11-20 She wrote:\n>    > 1. 2026-12-04 x\n"
    "> 3. @@\n",
], ids=["ordered", "ordered with )", "star", "plus", "numbered from 7", "9 then 10",
        "a leading zero", "the largest number", "the last list", "then a task", "then a running-on line",
        "a nested entry", "no Log section", "after her quote in a callout"])
def test_the_line_continues_the_list_of_the_last_entry(make_vault, run, case):
    assert_logged(make_vault, run, case)


@pytest.mark.parametrize("case", [
    "## Projects\n- Acme\n  1. 2026-10-01 Kickoff\n  2. @@\n- Other things\n",
    "## Projects\n1. Acme\n\t* 2026-10-01 Kickoff\n\t* @@\n\n## Tasks\n",
    "> [!note] Log\n> * 2026-10-01 Lunch\n> * @@\n",
    "> [!note] Log\n>1) 2026-10-01 Lunch\n>2) @@\n>\n> Later thoughts.\n",
    "> [!note] Log\n> - Acme\n>   3. 2026-10-01 Kickoff\n>   4. @@\n> - Other things\n",
], ids=["an ordered sub-list", "a tab-indented star sub-list", "a star list in a callout",
        "an ordered list in a callout", "an ordered sub-list in a callout"])
def test_in_a_sub_list_or_a_callout_the_line_keeps_the_lists_indentation_and_marker(make_vault,
                                                                                   run, case):
    assert_logged(make_vault, run, case)


def test_lines_added_one_after_another_number_on(make_vault, run):
    """Each takes the number after the last, and `due` reads the last one as contact."""
    vault = make_vault({ANN: FRONT + "## Log\n1. 2026-09-01 Lunch #met\n"})
    for day in ("2026-11-20", "2026-11-24"):
        result = run("log", "Ann", "Call", "--call", "--date", day, "--vault", vault,
                     "--today", TODAY)
        assert result.exit_code == 0, result.output
    assert (vault / ANN).read_text() == FRONT + (
        "## Log\n1. 2026-09-01 Lunch #met\n2. 2026-11-20 Call #call\n3. 2026-11-24 Call #call\n")
    due = json.loads(run("due", "--json", "--vault", vault, "--today", "2026-12-30").output)
    assert [(p["person"], p["last_contact"]) for p in due["stay_in_touch"]] == [
        ("Ann", "2026-11-24")]


@pytest.mark.usefixtures("utc_zone")
def test_import_calendar_continues_the_list_too(make_vault, run, tmp_path):
    ex = benchmark_script("make_exports")
    cy = ("Cy", "cy@ode.example")
    front = f"---\ntype: person\nemail: {cy[1]}\n---\n"
    text = "# Cy\n\n## Log\n1) 2026-10-01 Coffee #met\n\n## Tasks\n* [ ] Send the deck\n"
    vault = make_vault({"Me.md": f"---\ntype: me\nemail: {ex.ME[1]}\n---\n",
                        "People/Cy.md": front + text})
    ics = tmp_path / "c.ics"
    ics.write_bytes(ex.ics_bytes([ex.Meeting("Design review", datetime(2026, 11, 20, 9, tzinfo=UTC),
                                             (cy,), "e1"),
                                  ex.Meeting("Lunch", date(2026, 11, 22), (cy,), "e2")]))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (vault / "People/Cy.md").read_text() == front + text.replace(
        "Coffee #met\n", "Coffee #met\n2) 2026-11-20 Design review #met\n3) 2026-11-22 Lunch #met\n")


# -- headings: only a list starting at 1 interrupts a paragraph -----------------------------------

@pytest.mark.parametrize("case", [
    # `Reading for 2026. A list` underlined is a heading: it ends the Log section, so the dated
    # line under it is not the Log's last entry.
    "## Log\n- 2026-10-01 Lunch\n- @@\n\nReading for\n2026. A list\n---\n"
    "- 2026-11-01 Finished her book\n",
    "## Log\n- 2026-10-01 Lunch\n- @@\n\nPlans:\n12) Learn Go\n===\n- 2026-11-01 Gave a talk\n",
    # An empty Log section ends there too: the line goes at its end, not after the paragraph.
    "## Log\n- @@\n\nPlans for\n2027. Travel\n---\nMore.\n",
], ids=["a year in a paragraph", "a number in a paragraph", "an empty Log section"])
def test_a_number_other_than_1_inside_a_paragraph_is_its_text(make_vault, run, case):
    assert_logged(make_vault, run, case)


@pytest.mark.parametrize("case", [
    # A list starting at 1 interrupts the paragraph: the `---` under it is a rule, no heading,
    # and the Log section runs on to the entry after it.
    "## Log\n- 2026-10-01 Lunch\n\nReading for\n1. A list\n---\n- 2026-11-01 Her book\n- @@\n",
    "## Log\n- 2026-10-01 Lunch\n\nReading for\n01) A list\n---\n- 2026-11-01 Her book\n- @@\n",
], ids=["1.", "01)"])
def test_a_list_starting_at_1_interrupts_a_paragraph(make_vault, run, case):
    assert_logged(make_vault, run, case)


# -- a table after the last entry -----------------------------------------------------------------

@pytest.mark.parametrize("case", [
    # Without a blank line and not indented to the entry's text, the table's lines run on the
    # entry's paragraph ("lazily": a table starts only where a paragraph would be its header),
    # so they are the entry's and stay with it.
    "## Log\n- 2026-10-01 Lunch\n| Topic | Notes |\n| --- | --- |\n| grants | yes |\n- @@\n\n"
    "## Tasks\n",
    # Indented to the entry's text, the table is inside the entry's item.
    "## Log\n1. 2026-10-01 Lunch\n   | Topic | Notes |\n   | --- | --- |\n2. @@\n",
    # After a blank line the list has ended: the table is its own, after the line.
    "## Log\n- 2026-10-01 Lunch\n- @@\n\n| Topic | Notes |\n| --- | --- |\n| grants | yes |\n",
], ids=["running on", "in the item", "after a blank line"])
def test_a_table_after_the_last_entry_renders_as_it_did(make_vault, run, case):
    assert_logged(make_vault, run, case)
