"""`vaultnet promise NAME TEXT --due DATE`: a promise, `- [ ] TEXT 📅 DATE`, where a user of the
Tasks plugin keeps it; and `vaultnet log`, which refuses a promise and contradictory kinds.

The task goes right after the note's last task (open or done), in that task's list; else at the
end of a section titled Tasks, Promises or To do; else in a `## Tasks` made at the note's end.
Every other byte of the note stays. Each placement case is a note in which the line holding `@@`
is the one the command adds, written with the marker it should get (`@@` stands for the task's
box and text, `[ ] Send the paper 📅 2026-12-01`); the note before is the case without it.
"""

from __future__ import annotations

import json

import pytest
from conftest import TODAY, person, snapshot

from vaultnet.parse.note import parse_note

MIRA = "People/Mira.md"
FRONT = "---\ntype: person\n---\n"
TASK = "[ ] Send the paper 📅 2026-12-01"
NEW_SECTION = ("a new `## Tasks` section, made at the note's end: it had no task and no Tasks "
               "section (a heading titled Tasks, Promises or To do); move the line where you keep "
               "your tasks, and the next ones will follow it")


def encoded(text: str, eol: str = "\n", bom: str = "", final: bool = True) -> bytes:
    text = text.replace("\n", eol)
    return (bom + (text if final else text.removesuffix(eol))).encode()


def promise(run, vault, *args: str):
    return run("promise", "Mira", *args, "--vault", vault, "--today", TODAY)


def without_new(case: str) -> str:
    """The note before: the case without its `@@` line."""
    return "\n".join(line for line in case.split("\n") if "@@" not in line)


def assert_promised(make_vault, run, before: str, after: str, new: bool = False,
                    eol: str = "\n", bom: str = "", final: bool = True) -> None:
    """`vaultnet promise` makes the note `after` of `before` (`@@` standing for the task), every
    other byte as it was, and the note reads back as it was plus that one open task, due that day,
    at that line; `new`: in a `## Tasks` section made for it, which the command says."""
    vault = make_vault({MIRA: encoded(FRONT + before, eol, bom, final)})
    result = promise(run, vault, "Send the paper", "--due", "2026-12-01")
    assert result.exit_code == 0, result.output
    want = FRONT + after.replace("@@", TASK)
    assert (vault / MIRA).read_bytes() == encoded(want, eol, bom, final)
    number = next(i for i, line in enumerate(want.split("\n"), start=1) if TASK in line)
    said = f"{MIRA}:{number - 1}: {NEW_SECTION}\n" if new else ""
    assert result.output == f"{said}{MIRA}:{number}: {want.split(chr(10))[number - 1]}\n"
    old, new_note = parse_note(MIRA, FRONT + before), parse_note(MIRA, want)
    assert [(t.text, t.done, t.due and t.due.isoformat()) for t in new_note.tasks
            if t.line == number] == [("Send the paper", False, "2026-12-01")]
    assert [(t.text, t.done, t.due) for t in new_note.tasks if t.line != number] == \
        [(t.text, t.done, t.due) for t in old.tasks]
    assert [(e.day, e.text) for e in new_note.entries] == [(e.day, e.text) for e in old.entries]


# -- where the task goes -------------------------------------------------------------------------

AFTER_THE_LAST_TASK = [
    # in the log's list, before the text that follows it
    "# Mira\n\n## Log\n- 2026-10-01 Coffee #met\n- [ ] Send the deck 📅 2026-11-30\n- @@\n\n"
    "She likes trains.\n",
    # a done task counts: it is where the list of tasks is, not the Tasks heading further down
    "# Mira\n- [x] Sent the CV ✅ 2026-10-02\n- @@\n\n## Log\n- 2026-10-01 Coffee #met\n\n"
    "## Tasks\n",
    # after what is nested under the last task, in that task's list
    "## Tasks\n- [ ] Draft the grant 📅 2026-12-01\n  - ask Sam first\n  - [ ] outline\n- @@\n"
    "\n## Log\n- 2026-10-01 Coffee #met\n",
    # the last task's own list: its bullet, its next number, its indentation
    "## Tasks\n* [ ] One\n* @@\n",
    "## Tasks\n1. [ ] One\n2. [x] Two ✅ 2026-11-01\n3. @@\n",
    "## Projects\n- Grant\n  - [ ] outline\n  - @@\n- Book\n",
    # after her words quoted under the last task: her tasks are not the note's, and the line
    # is the callout's, not the quote's
    "> [!note] Log\n> - [ ] Answer her email:\n>   > [!quote] her email\n"
    ">   > - [ ] bring the slides 📅 2026-11-28\n>   > - 2026-12-04 lunch at noon?\n> - @@\n",
    # inside a Log callout, with its marks
    "> [!note] Log\n> - 2026-10-01 Coffee #met\n> - [ ] Send the deck\n> - @@\n\nAfter.\n",
]


@pytest.mark.parametrize("case", AFTER_THE_LAST_TASK)
def test_the_task_goes_right_after_the_last_task(make_vault, run, case):
    assert_promised(make_vault, run, without_new(case), case)


IN_A_TASKS_SECTION = [
    "# Mira\n\n## Tasks\n- @@\n\n## Log\n- 2026-10-01 Coffee #met\n",
    "# Mira\n\n## ✅ To do\nAsk her about:\n- trains\n- @@\n\n## Log\n- 2026-10-01 Coffee\n",
    "# Mira\n## Promises 🤝\n- @@\n",
    "# Mira\n\nTo-do\n---\n- @@\n\n# Notes\n",
    "# Mira\n### **TODO**\n- @@\n## Log\n",
    "# Mira\n## Log\n- 2026-10-01 Coffee\n\n## Tasks\n### Mine\n- @@\n\n## Links\n",
]


@pytest.mark.parametrize("case", IN_A_TASKS_SECTION)
def test_without_a_task_the_task_goes_at_the_end_of_a_tasks_section(make_vault, run, case):
    assert_promised(make_vault, run, without_new(case), case)


# (the note before, what is added at its end)
NEW_TASKS_SECTION = [
    ("# Mira\n\n## Log\n- 2026-10-01 Coffee #met\n", "\n## Tasks\n- @@\n"),
    ("# Mira\n\n## Log\n- 2026-10-01 Coffee #met\n\n", "## Tasks\n- @@\n"),
    ("", "\n## Tasks\n- @@\n"),
    # a task in a quote that is not the log is someone else's words, not a task of the note
    ("> She wrote:\n> - [ ] send me your paper\n", "\n## Tasks\n- @@\n"),
    # in a Log callout too (the tester's note)
    ("# Mira\n\n> [!note] Log\n> - 2026-11-01 Call #call\n> - 2026-11-20 She emailed:\n"
     ">   > [!quote] her email\n>   > - [ ] bring the slides 📅 2026-11-28\n"
     ">   > - 2026-12-04 lunch at noon?\n", "\n## Tasks\n- @@\n"),
    # so is a task in code
    ("```\n- [ ] in code\n```\n", "\n## Tasks\n- @@\n"),
]


@pytest.mark.parametrize(("before", "added"), NEW_TASKS_SECTION)
def test_with_neither_the_task_goes_in_a_new_tasks_section_at_the_end(make_vault, run, before,
                                                                     added):
    assert_promised(make_vault, run, before, before + added, new=True)


@pytest.mark.parametrize("case", [AFTER_THE_LAST_TASK[0], AFTER_THE_LAST_TASK[-1],
                                  IN_A_TASKS_SECTION[0], IN_A_TASKS_SECTION[2],
                                  "".join(NEW_TASKS_SECTION[0])])
@pytest.mark.parametrize(("eol", "bom", "final"), [
    ("\r\n", "", True), ("\n", "\ufeff", True), ("\n", "", False), ("\r\n", "\ufeff", False),
    ("\r", "", True),
])
def test_line_endings_byte_order_mark_and_a_missing_final_newline_stay(make_vault, run, case, eol,
                                                                       bom, final):
    new = case == "".join(NEW_TASKS_SECTION[0])
    before = NEW_TASKS_SECTION[0][0] if new else without_new(case)
    assert_promised(make_vault, run, before, case, new, eol, bom, final)


# -- what is written -----------------------------------------------------------------------------

def test_theirs_is_tagged_waiting_and_brief_shows_it_as_theirs(make_vault, run):
    vault = make_vault({MIRA: person("Mira", "## Log\n- 2026-10-01 Coffee #met\n")})
    result = promise(run, vault, "Intro to her editor", "--due", "2026-12-01", "--theirs")
    assert result.exit_code == 0, result.output
    assert result.output == (f"{MIRA}:8: {NEW_SECTION}\n"
                             f"{MIRA}:9: - [ ] Intro to her editor #waiting 📅 2026-12-01\n")
    brief = json.loads(run("brief", "Mira", "--json", "--vault", vault, "--today", TODAY).output)
    assert [t["text"] for t in brief["promises"]["theirs"]] == ["Intro to her editor #waiting"]
    assert brief["promises"]["yours"] == []


def test_theirs_with_a_waiting_tag_of_its_own_gets_no_second_one(make_vault, run):
    vault = make_vault({MIRA: person("Mira", "- [ ] x\n")})
    result = promise(run, vault, "Intro #waiting-for", "--due", "2026-12-01", "--theirs")
    assert result.exit_code == 0, result.output
    assert (vault / MIRA).read_text().endswith("- [ ] x\n- [ ] Intro #waiting-for 📅 2026-12-01\n\n")


def test_due_defaults_to_a_week_from_today_so_the_agenda_shows_it_at_once(make_vault, run):
    vault = make_vault({MIRA: person("Mira", "- [ ] x\n")})
    result = promise(run, vault, "Send the paper")
    assert result.exit_code == 0, result.output
    assert result.output == f"{MIRA}:6: - [ ] Send the paper 📅 2026-12-02\n"
    due = json.loads(run("due", "--json", "--vault", vault, "--today", TODAY).output)
    assert [(p["person"], p["text"], p["due"], p["overdue"]) for p in due["promises"]] == \
        [("Mira", "Send the paper", "2026-12-02", False)]


def test_due_json_shows_the_promise_on_its_day_and_done_ticks_it(make_vault, run):
    vault = make_vault({MIRA: person("Mira", "## Log\n- 2026-10-01 Coffee #met\n")})
    assert promise(run, vault, "Send her the paper", "--due", "2026-11-28").exit_code == 0
    due = json.loads(run("due", "--json", "--vault", vault, "--today", TODAY).output)
    assert [(p["person"], p["path"], p["text"], p["due"], p["overdue"])
            for p in due["promises"]] == [("Mira", MIRA, "Send her the paper", "2026-11-28", False)]
    later = json.loads(run("due", "--json", "--vault", vault, "--today", "2026-11-30").output)
    assert [(p["due"], p["overdue"]) for p in later["promises"]] == [("2026-11-28", True)]
    assert run("check", "--vault", vault, "--today", TODAY).exit_code == 0
    done = run("done", "Mira", "paper", "--vault", vault, "--today", TODAY)
    assert done.exit_code == 0, done.output
    assert (vault / MIRA).read_text() == person("Mira", "## Log\n- 2026-10-01 Coffee #met\n") \
        + "## Tasks\n- [x] Send her the paper 📅 2026-11-28 ✅ 2026-11-25\n"
    after = json.loads(run("due", "--json", "--vault", vault, "--today", TODAY).output)
    assert after["promises"] == []


def test_a_past_due_date_is_taken_as_overdue(make_vault, run):
    vault = make_vault({MIRA: person("Mira", "- [ ] x\n")})
    assert promise(run, vault, "Send the CV", "--due", "2026-11-20").exit_code == 0
    due = json.loads(run("due", "--json", "--vault", vault, "--today", TODAY).output)
    assert [(p["text"], p["overdue"]) for p in due["promises"]] == [("Send the CV", True)]


# -- refused, the note unchanged ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "why"), [
    ("Send the paper\nand the slides", "must be one line"),
    ("Send the paper 📅 2026-12-24", "has a due date of its own (📅)"),
    ("Send the paper (due 2026-12-24)", "has a due date of its own ((due)"),
    ("Send the paper [due:: 2026-12-24]", "has a due date of its own ([due::)"),
    ("Send the paper (due:: 2026-12-24)", "has a due date of its own ((due)"),
    ("Send the paper ✅ 2026-11-20", "would read as done (✅)"),
    ("Send the paper [completion:: 2026-11-20]", "would read as done ([completion::)"),
    ("Send the paper (cancelled:: 2026-11-20)", "would read as done ((cancelled::)"),
    ("Send [[Grant Plan", "opens a link (`[[`) that it never closes"),
    ("Send the paper %% private", "opens a comment (`%%`) that is never closed"),
    ("Send the paper <!-- private", "opens an HTML comment (`<!--`) that is never closed"),
    ("[ ] Send the paper", "leave out the box"),
    ("- [ ] Send the paper", "leave out the box"),
    ("  ", "is empty"),
])
def test_text_that_would_not_read_back_as_the_task_is_refused_naming_why(make_vault, run, text,
                                                                         why):
    vault = make_vault({MIRA: person("Mira", "- [ ] x\n")})
    before = snapshot(vault)
    result = run("promise", "Mira", "--due", "2026-12-01", "--vault", vault, "--today", TODAY,
                 "--", text)
    assert result.exit_code == 1, result.output
    assert why in result.output and "nothing was written" in result.output
    assert snapshot(vault) == before


@pytest.mark.parametrize("text", ["Send %%privately%% the paper", "Send <!-- it --> the paper"])
def test_text_a_closed_comment_hides_in_part_is_refused(make_vault, run, text):
    vault = make_vault({MIRA: person("Mira", "- [ ] x\n")})
    before = snapshot(vault)
    result = promise(run, vault, text, "--due", "2026-12-01")
    assert result.exit_code == 1
    assert "holds a comment, which Obsidian hides" in result.output
    assert snapshot(vault) == before


@pytest.mark.parametrize("body", [
    "## Tasks\n```\n- [ ] in code\n",
    "## Log\n- 2026-10-01 Coffee\n%% notes to self\n",
    "## Log\n- 2026-10-01 Coffee\n<!-- notes to self\n",
])
def test_a_place_an_unclosed_code_block_or_comment_hides_is_refused(make_vault, run, body):
    vault = make_vault({MIRA: person("Mira", body)})
    before = snapshot(vault)
    result = promise(run, vault, "Send the paper", "--due", "2026-12-01")
    assert result.exit_code == 1
    assert "that is never closed, so Obsidian hides everything after it" in result.output
    assert snapshot(vault) == before


def test_a_note_edited_while_promise_writes_keeps_the_edit(make_vault, run, monkeypatch):
    import vaultnet.edits.lines as lines_module

    vault = make_vault({MIRA: person("Mira", "- [ ] x\n")})
    note = vault / MIRA
    edited = note.read_text() + "- 2026-11-24 Typed in Obsidian #call\n"
    real = lines_module.atomic_replace

    def user_saves_first(path: str, data: bytes, expected: bytes | None) -> None:
        note.write_text(edited)
        real(path, data, expected)

    monkeypatch.setattr(lines_module, "atomic_replace", user_saves_first)
    result = promise(run, vault, "Send the paper", "--due", "2026-12-01")
    assert result.exit_code == 1
    assert "changed while vaultnet was adding a promise to it; nothing was written" in result.output
    assert note.read_text() == edited


def test_a_due_date_that_is_no_day_is_a_usage_error(make_vault, run):
    vault = make_vault({MIRA: person("Mira", "- [ ] x\n")})
    result = promise(run, vault, "Send the paper", "--due", "2026-02-30")
    assert result.exit_code == 2 and "2026-02-30 is not a real day" in result.output


def test_an_unknown_name_lists_candidates(make_vault, run):
    vault = make_vault({MIRA: person("Mira", "- [ ] x\n")})
    result = run("promise", "Mirra", "Send", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1 and "no person called" in result.output


# -- log: a promise is no log line ---------------------------------------------------------------

@pytest.mark.parametrize(("args", "hint"), [
    (["Promised to send the paper 📅 2026-02-20"],
     "vaultnet promise Mira 'Promised to send the paper' --due 2026-02-20"),
    (["--", "- [ ] Send her the paper 📅 2026-02-20"],
     "vaultnet promise Mira 'Send her the paper' --due 2026-02-20"),
    (["[ ] Send her the paper"], "vaultnet promise Mira 'Send her the paper' --due DATE"),
    (["--", "-  [ ]  Call back"], "vaultnet promise Mira 'Call back' --due DATE"),
])
def test_log_of_a_promise_says_to_use_promise_and_writes_nothing(make_vault, run, args, hint):
    vault = make_vault({MIRA: person("Mira", "## Log\n- 2026-10-01 Coffee #met\n")})
    before = snapshot(vault)
    result = run("log", "Mira", "--vault", vault, "--today", TODAY, *args)
    assert result.exit_code == 1, result.output
    assert "this is a promise: use `vaultnet promise …`" in result.output
    assert hint in result.output
    assert snapshot(vault) == before


@pytest.mark.parametrize("args", [
    ["Mira", "- [ ] Send her the paper"],
    ["- [ ] Send her the paper", "Mira"],
    ["Mira", "- [ ] Send her the paper", "--met"],
    ["Mira", "Send her the paper 📅"],
])
def test_a_task_given_to_log_gets_one_answer_however_it_is_written(make_vault, run, args):
    """Written whole (`- [ ] …`, which click first takes for an option) or with a 📅, a promise
    given to log is refused alike: exit 1, and the `vaultnet promise` command to run."""
    vault = make_vault({MIRA: person("Mira", "## Log\n- 2026-10-01 Coffee #met\n")})
    before = snapshot(vault)
    result = run("log", *args, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1, result.output
    assert "No such option" not in result.output
    assert "this is a promise: use `vaultnet promise …`" in result.output
    assert result.output.rstrip().endswith(
        "Run: vaultnet promise Mira 'Send her the paper' --due DATE")
    assert snapshot(vault) == before


@pytest.mark.parametrize(("command", "text", "hint"), [
    ("promise", "- [ ] Send her the paper", "leave out the `- [ ]`, which vaultnet writes"),
    ("log", "-5 degrees, walked anyway", "a TEXT that starts with `-` goes last, after `--` (the "
                                         "options before it), as in: cli log NAME -- '-5 "
                                         "degrees, walked anyway'"),
    ("log", "-ish on the offer", "a TEXT that starts with `-` goes last, after `--`"),
    ("promise", "-> the deck", "a TEXT that starts with `-` goes last, after `--` (the options "
                               "before it), as in: cli promise NAME -- '-> the deck'"),
])
def test_text_starting_with_a_dash_is_a_usage_error_that_says_what_to_do(make_vault, run, command,
                                                                         text, hint):
    vault = make_vault({MIRA: person("Mira", "## Log\n- 2026-10-01 Coffee #met\n")})
    before = snapshot(vault)
    result = run(command, "Mira", text, "--vault", vault)
    assert result.exit_code == 2
    assert "No such option" in result.output and hint in result.output
    assert snapshot(vault) == before


def test_a_mistyped_option_keeps_clicks_own_suggestion(make_vault, run):
    vault = make_vault({MIRA: person("Mira", "## Log\n- 2026-10-01 Coffee #met\n")})
    typo = run("log", "Mira", "Coffee", "--outreech", "--vault", vault)
    assert typo.exit_code == 2 and "Did you mean '--outreach'?" in typo.output
    assert "goes after `--`" not in typo.output


def test_log_text_starting_with_a_dash_is_written_after_double_dash(make_vault, run):
    vault = make_vault({MIRA: person("Mira", "## Log\n- 2026-10-01 Coffee #met\n")})
    result = run("log", "Mira", "--vault", vault, "--today", TODAY, "--", "-> sent the deck")
    assert result.exit_code == 0, result.output
    assert (vault / MIRA).read_text().endswith("- 2026-10-01 Coffee #met\n"
                                               "- 2026-11-25 -> sent the deck\n\n")


# -- log: kinds that contradict each other --------------------------------------------------------

@pytest.mark.parametrize(("args", "named"), [
    (["--outreach", "--reply"], "--outreach and --reply"),
    (["--reply", "--outreach"], "--outreach and --reply"),
    (["--received", "--outreach"], "--outreach and --received"),
    (["--outreach", "--met"], "--outreach and --met"),
    (["--call", "--outreach"], "--outreach and --call"),
    (["--reply", "--tag", "outreach"], "--tag outreach and --reply"),
    (["--reply", "--tag", "#outreach/email"], "--tag #outreach/email and --reply"),
])
def test_log_refuses_kinds_that_contradict_each_other(make_vault, run, args, named):
    vault = make_vault({MIRA: person("Mira", "## Log\n- 2026-10-01 Coffee #met\n")})
    before = snapshot(vault)
    result = run("log", "Mira", "Wrote", *args, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 2, result.output
    assert f"{named} contradict each other" in result.output
    assert snapshot(vault) == before


def test_log_refuses_a_kind_that_contradicts_a_tag_of_the_text(make_vault, run):
    vault = make_vault({MIRA: person("Mira", "## Log\n- 2026-10-01 Coffee #met\n")})
    before = snapshot(vault)
    result = run("log", "Mira", "Wrote #outreach", "--received", "--vault", vault)
    assert result.exit_code == 2
    assert "#outreach in TEXT and --received contradict each other" in result.output
    assert snapshot(vault) == before


@pytest.mark.parametrize(("args", "tags"), [
    (["--reply", "--received"], "#reply #received"),
    (["--met", "--call"], "#met #call"),
    (["--received", "--met"], "#received #met"),
    (["--outreach", "--gave"], "#outreach #gave"),
])
def test_log_takes_kinds_that_go_together(make_vault, run, args, tags):
    vault = make_vault({MIRA: person("Mira", "## Log\n- 2026-10-01 Coffee #met\n")})
    result = run("log", "Mira", "Wrote", *args, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output == f"{MIRA}:7: - 2026-11-25 Wrote {tags}\n"
