"""Log entries, tasks and hints inside a Log callout, read as outside it; any other quote is
quoted text.

Obsidian shows `> [!note] Log` followed by `> - 2026-10-01 Lunch` as a callout holding a list:
its list items and headings are the note's log, and vaultnet reads them as it reads the same
lines outside the quote, once the quote's marks (`> `, `>>`, `>` with no space) are set aside.
The callout's own first line is none of an entry, a task and a hint; code inside the quote is not
read; line numbers are the note's own. A quote or callout with another title (an email pasted
in, someone's plan) holds their words: its dated lines and tasks are not the note's.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from conftest import TODAY, benchmark_script, person

from vaultnet.parse.note import free_text, parse_note

ANN = "People/Ann.md"
F = "---\ntype: person\ncadence: 30d\n---\n"
CALLOUT = "> [!note] Log\n> - 2026-10-01 Lunch #met\n> - 2026-11-20 Call #call\n"  # the review's


def entries(text: str) -> list[tuple[str, str, int]]:
    """(day, text, line) of each entry of a person note `text`."""
    return [(e.day.isoformat(), e.text, e.line) for e in parse_note(ANN, text).entries]


# -- entries ----------------------------------------------------------------------------------------

def test_the_reviews_callout_holds_two_entries_at_the_notes_own_lines():
    note = parse_note(ANN, F + CALLOUT)
    assert [(e.day, e.text, e.tags, e.line) for e in note.entries] == [
        (date(2026, 10, 1), "Lunch #met", frozenset({"met"}), 6),
        (date(2026, 11, 20), "Call #call", frozenset({"call"}), 7)]
    assert note.problems == ()


LOG = "> [!note] Log\n"


@pytest.mark.parametrize("callout", [
    LOG + "> - 2026-10-01 Lunch [[Bo]] #met",      # a callout's list item
    LOG + ">- 2026-10-01 Lunch [[Bo]] #met",       # no space after the mark
    ">> [!note] Log\n>> - 2026-10-01 Lunch [[Bo]] #met",     # a Log callout in a quote
    "> > [!note] Log\n> > * 2026-10-01 Lunch [[Bo]] #met",   # the same, spaced
    LOG + ">\t1. 2026-10-01 Lunch [[Bo]] #met",    # a tab after the mark, a numbered item
    LOG + ">   - 2026-10-01 Lunch [[Bo]] #met",    # nested in the quote's list
    LOG + "> ## 2026-10-01 Lunch [[Bo]] #met",     # a heading
    LOG + "> - [[2026-10-01]] Lunch [[Bo]] #met",  # a daily note's link as the date
    LOG + "  > - 2026-10-01 Lunch [[Bo]] #met",    # a quote inside a list item
])
def test_a_quoted_list_item_or_heading_is_read_as_outside_the_quote(callout):
    note = parse_note(ANN, F + callout + "\n")
    (entry,) = note.entries
    assert (entry.day, entry.text, entry.tags, entry.line) == (
        date(2026, 10, 1), "Lunch [[Bo]] #met", frozenset({"met"}), 6)
    assert [link.target for link in entry.links] == ["Bo"]


def test_the_callouts_first_line_is_no_entry_and_quoted_prose_is_none():
    text = F + ("> [!note] Log\n> 2026-10-02 a plain line of the quote\n"
                "> - 2026-10-04 The one entry\n\n> [!info]- 2026-10-03\n> - 2026-10-05 Not the log\n")
    assert entries(text) == [("2026-10-04", "The one entry", 7)]


@pytest.mark.parametrize("quote", [
    "> On Nov 20, Ann wrote:\n> - 2026-11-25 I'm away until then\n> - [ ] call Bob 📅 2026-10-20\n",
    "> [!quote] Her plan\n> - 2026-11-25 I'm away until then\n> - [ ] call Bob 📅 2026-10-20\n",
    "> [!todo] Hers\n> - 03/01/2027 morning\n> - 2026-02-30 a typo of hers\n",
])
def test_a_quote_that_is_no_log_callout_is_quoted_text(quote):
    """Someone's words pasted in: their dated lines, tasks and near misses are not the note's
    entries, promises or problems (and an owed reply stays owed)."""
    note = parse_note(ANN, F + "## Log\n- 2026-11-20 She wrote #received\n\n" + quote)
    assert [(e.day.isoformat(), e.text) for e in note.entries] == [("2026-11-20", "She wrote #received")]
    assert note.tasks == () and note.problems == ()


# An email pasted into the log: the lines of a quote in the Log callout, with more marks.
EMAIL = (">   > [!quote] her email\n>   > - [ ] bring the slides 📅 2026-11-28\n"
         ">   > - 2026-12-04 lunch at noon?\n")
IN_THE_LOG = "> [!note] Log\n> - 2026-11-01 Call #call\n> - 2026-11-20 She emailed:\n"


@pytest.mark.parametrize("quote", [
    EMAIL,  # the tester's: a callout in the entry's item
    EMAIL.replace(">   >", "> >"),  # not in the item: after the list, in the callout
    EMAIL.replace(">   >", ">>"),
    EMAIL.replace("[!quote] her email", "On Nov 20 she wrote:"),  # a plain quote
    EMAIL.replace("[!quote]", "[!note]"),  # a callout of another type
    EMAIL.replace("[!quote] her email", "[!note] Log"),  # even one titled Log: it is hers
    EMAIL.replace(">   >", ">   > >"),  # a quote in her quote
    EMAIL.replace("[!quote] her email", "```"),  # her code block ends with her quote
], ids=["a callout in the entry's item", "a callout after the list", "no space", "a plain quote",
        "another type", "titled Log", "a quote in hers", "her code"])
def test_a_quote_inside_the_log_callout_is_quoted_text(quote):
    """Someone's words pasted into the log (an email): a quote or callout with more marks than
    the Log callout's holds no entry, task or near miss of the note's, as one under a `## Log`
    heading holds none; and the Log callout's own lines after it are read again."""
    note = parse_note(ANN, F + IN_THE_LOG + quote + "> - 2026-11-22 Lunch #met\n"
                      "> - 03/01/2027 morning\n")
    assert entries(F + IN_THE_LOG + quote) == [("2026-11-01", "Call #call", 6),
                                                ("2026-11-20", "She emailed:", 7)]
    assert [(e.day.isoformat(), e.text) for e in note.entries][2:] == [("2026-11-22", "Lunch #met")]
    assert note.tasks == ()
    assert [p.line for p in note.problems] == [F.count("\n") + IN_THE_LOG.count("\n")
                                               + quote.count("\n") + 2]


def test_due_and_brief_leave_out_what_a_quote_in_the_log_callout_says(make_vault, run):
    """The tester's note: her email's task and dated line are hers, not a promise or plan."""
    vault = make_vault({ANN: F + "# Ann\n\n" + IN_THE_LOG + EMAIL})
    due = json.loads(run("due", "--vault", vault, "--today", TODAY, "--json").output)
    assert due["promises"] == []
    brief = json.loads(run("brief", "Ann", "--vault", vault, "--today", TODAY, "--json").output)
    assert (brief["plans"], brief["promises"]) == ([], {"yours": [], "theirs": []})
    assert [i["date"] for i in brief["last_interactions"]] == ["2026-11-20", "2026-11-01"]


def test_quoted_code_and_comments_are_not_read():
    """A fence after the marks opens a code block in the quote, to its closing fence or to the
    quote's end; a comment hides what it holds, in a quote as anywhere."""
    text = F + ("> [!note] Log\n> ```\n> - 2026-10-01 In code\n> ```\n> - 2026-10-02 Read\n"
                "> ~~~\n> - 2026-10-03 In code never closed\n\n> [!note] Log\n"
                "> - 2026-10-04 Read after it\n"
                "> %% - 2026-10-05 Hidden %%\n> <!--\n> - 2026-10-06 Hidden\n> -->\n"
                "```\n> - 2026-10-07 In a code block outside\n```\n")
    assert entries(text) == [("2026-10-02", "Read", 9), ("2026-10-04", "Read after it", 14)]


def test_a_quoted_date_that_does_not_exist_is_named_at_its_line():
    note = parse_note(ANN, F + "> [!note] Log\n> - 2026-02-30 Lunch\n")
    assert note.entries == ()
    assert [(p.line, p.message) for p in note.problems] == [
        (6, "log entry date 2026-02-30 is not a real date")]


# -- tasks and hints ------------------------------------------------------------------------------

def test_a_log_callouts_tasks_are_promises():
    note = parse_note(ANN, F + ("> [!note] Log\n> - [ ] Send the deck 📅 2026-12-01\n"
                                ">   - [x] Sent the paper\n> - [ ] Call her (due 2026-11-30)\n"))
    assert [(t.text, t.done, t.due, t.line) for t in note.tasks] == [
        ("Send the deck", False, date(2026, 12, 1), 6),
        ("Sent the paper", True, None, 7),
        ("Call her", False, date(2026, 11, 30), 8)]


def test_a_quoted_almost_dated_item_is_a_hint_at_its_line(make_vault, run):
    vault = make_vault({ANN: F + "> [!note] Log\n> - 03/01/2026 Lunch\n>   - **2026-03-03** Call\n"})
    result = run("check", "--vault", vault)
    assert result.exit_code == 1
    assert "People/Ann.md:6: `03/01/2026` looks like a date but is not written as YYYY-MM-DD" \
        in result.output
    assert "People/Ann.md:7: `2026-03-03` looks like a date but is bold" in result.output


# -- what the entries do ----------------------------------------------------------------------------

def test_due_counts_the_callouts_contact(make_vault, run):
    vault = make_vault({ANN: F + CALLOUT, "People/Bo.md": F})
    result = run("due", "--vault", vault, "--today", TODAY, "--json")
    assert result.exit_code == 0, result.output
    # Ann's last contact is the callout's 2026-11-20, 5 days ago: in touch. Bo was never contacted.
    assert [p["person"] for p in json.loads(result.output)["stay_in_touch"]] == ["Bo"]
    promised = make_vault({ANN: F + "> [!note] Log\n> - [ ] Send the deck 📅 2026-11-24\n"})
    data = json.loads(run("due", "--vault", promised, "--today", TODAY, "--json").output)
    assert [(p["text"], p["overdue"]) for p in data["promises"]] == [("Send the deck", True)]


@pytest.mark.usefixtures("utc_zone")
def test_import_calendar_adds_no_line_the_callout_already_holds(make_vault, run, tmp_path):
    ex = benchmark_script("make_exports")
    ann = ("Ann", "ann@x.example")
    front = "---\ntype: person\ncadence: 30d\nemail: ann@x.example\n---\n"
    vault = make_vault({"Me.md": f"---\ntype: me\nemail: {ex.ME[1]}\n---\n", ANN: front + CALLOUT})
    ics = tmp_path / "c.ics"
    ics.write_bytes(ex.ics_bytes([ex.Meeting("Lunch", datetime(2026, 10, 1, 12, tzinfo=UTC),
                                             (ann,), "e1"),
                                  ex.Meeting("Review", date(2026, 11, 22), (ann,), "e2")]))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "Added 1 line to 1 note; 1 already in the notes." in result.output
    # The new meeting goes into the callout, after its last entry, with its marks.
    assert (vault / ANN).read_text() == front + CALLOUT + "> - 2026-11-22 Review #met\n"


# -- brief's free text ----------------------------------------------------------------------------

def test_free_text_shows_no_quoted_entry_task_or_heading_as_prose():
    body = ("> [!note] Meetings\n> - 2026-10-01 Lunch #met\n>   - talked about grants\n"
            "> - [ ] Send the deck 📅 2026-12-01\n> ## 2026-11-02 Call\n>\n"
            "> Quoted: she ran the 2019 marathon.\n> - Two cats\n\nLoves letterpress.\n")
    assert free_text(body) == ("Quoted: she ran the 2019 marathon.", "Two cats",
                               "Loves letterpress.")


def test_free_text_leaves_out_what_a_log_callout_holds():
    """As under a `## Log` heading: what a Log callout holds is the log, not who they are."""
    body = ("> [!note]- Log 📝\n> Notes from our calls.\n> - 2026-10-01 Lunch\n>\n"
            "> More notes.\n\nLoves letterpress.\n\n> [!info] Family\n> Two cats.\n")
    assert free_text(body) == ("Loves letterpress.", "Two cats.")


def test_free_text_leaves_out_a_quote_inside_a_log_callout():
    """Her email pasted into the log is in the Log callout: neither it nor the callout's lines
    after it are who she is (its title ends no Log callout)."""
    body = (IN_THE_LOG + ">   > [!quote] her email\n>   > Can you bring the slides?\n"
            "> Notes of mine in the log.\n\nLoves letterpress.\n")
    assert free_text(body) == ("Loves letterpress.",)


def test_brief_about_no_longer_shows_the_callouts_entries(make_vault, run):
    vault = make_vault({ANN: person("Ann", CALLOUT + "\nLoves letterpress.\n", cadence="30d")})
    data = json.loads(run("brief", "Ann", "--vault", vault, "--today", TODAY, "--json").output)
    assert data["about"] == ["Loves letterpress."]
    assert [i["date"] for i in data["last_interactions"]] == ["2026-11-20", "2026-10-01"]


def test_done_ticks_a_promise_inside_a_callout(make_vault, run):
    """A task inside a Log callout is a promise (above), so `done` ticks it there, every other
    byte kept."""
    note = ("---\ntype: person\n---\n# Ann\n\n> [!note] Log\n"
            "> - [ ] Send the deck 📅 2026-11-24\n>   - [ ] Call back 📅 2026-11-30\n")
    vault = make_vault({"People/Ann.md": note})
    result = run("done", "Ann", "deck", "--date", "2026-11-25", "--today", "2026-11-25",
                 "--vault", vault)
    assert result.exit_code == 0, result.output
    assert (vault / "People/Ann.md").read_text() == note.replace(
        "> - [ ] Send the deck 📅 2026-11-24", "> - [x] Send the deck 📅 2026-11-24 ✅ 2026-11-25")
    result = run("done", "Ann", "call", "--date", "2026-11-25", "--today", "2026-11-25",
                 "--vault", vault)
    assert result.exit_code == 0, result.output
    assert ">   - [x] Call back 📅 2026-11-30 ✅ 2026-11-25\n" in (vault / "People/Ann.md").read_text()


def test_a_quote_after_a_log_callout_is_prose_again():
    """A blank line ends the Log callout: the quote after it is the note's own words."""
    body = "> [!note] Log\n> - 2026-10-01 Lunch\n\n> She lives by: measure twice.\n"
    assert free_text(body) == ("She lives by: measure twice.",)
