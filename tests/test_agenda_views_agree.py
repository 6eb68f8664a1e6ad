"""`due`, Follow-ups.md, `brief` and the calendar tell one story (review 3, over three months of
use): a brief shows the person's items of today's agenda in the agenda's own words, outreach gone
cold is not called open, a promise made to you says whose it is, a due date reads the same way
everywhere, and a planned meeting shows on the stay-in-touch line it will answer.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from conftest import person, write_files
from icalendar import Calendar

from vaultnet.base.model import Entry, Fields, Interaction, Note, Person, Task
from vaultnet.base.settings import Settings
from vaultnet.insight.agenda import (
    agenda_json,
    agenda_rows,
    due_words,
    is_theirs,
    promises,
    stay_in_touch,
)
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import sync

MIRA = "People/Mira Patel.md"


def cli(run, *args: object) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.output


def due_text(run, vault: Path, today: str) -> str:
    return cli(run, "due", "--vault", vault, "--today", today)


def due_json(run, vault: Path, today: str) -> dict:
    return json.loads(cli(run, "due", "--vault", vault, "--today", today, "--json"))


def brief_text(run, vault: Path, name: str, today: str) -> str:
    return cli(run, "brief", name, "--vault", vault, "--today", today)


def brief_json(run, vault: Path, name: str, today: str) -> dict:
    return json.loads(cli(run, "brief", name, "--vault", vault, "--today", today, "--json"))


def follow_ups(run, vault: Path, today: str) -> str:
    cli(run, "sync", "--vault", vault, "--today", today)
    text = (vault / "Network/Follow-ups.md").read_text(encoding="utf-8")
    return text[text.index("# Follow-ups"):]


def section(text: str, title: str) -> list[str] | None:
    """The rows of one section of a brief or agenda, without their indent; None if it has none."""
    lines = text.splitlines()
    if title not in lines:
        return None
    rows = []
    for line in lines[lines.index(title) + 1:]:
        if not line.startswith("  "):
            break
        rows.append(line[2:])
    return rows


def md_section(text: str, title: str) -> list[str]:
    """The list items under a heading of Follow-ups.md."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"## {title} ("))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("- "):
            break
        rows.append(line)
    return rows


def without_today(agenda: dict) -> dict:
    return {k: v for k, v in agenda.items() if k != "today"}


# -- 1. a brief shows the person's items of today's agenda, as the agenda words them -----------

OWED = {
    MIRA: person("Mira Patel", "## Log\n- 2026-01-10 Coffee #met\n", cadence="14d"),
    "People/Sam Lee.md": person("Sam Lee", "## Log\n- 2026-01-13 Lunch #met\n", cadence="14d"),
    "People/Hana Sato.md": person(
        "Hana Sato", "## Log\n- 2026-01-10 Emailed about the grant #outreach\n"
        "- 2026-01-20 Followed up #outreach\n"),
    "People/Ravi Rao.md": person(
        "Ravi Rao", "## Log\n- 2026-01-01 Emailed #outreach\n- 2026-01-10 Again #outreach\n"
        "- 2026-01-20 Once more #outreach\n"),
    "People/Olga Berg.md": person(
        "Olga Berg", "## Log\n- 2025-11-01 Emailed about the job #outreach\n"),
}


def test_a_brief_leads_with_a_reply_owed_worded_as_due_words_it(make_vault, run):
    vault = make_vault(OWED)
    cli(run, "log", "Mira", "Asked about her course", "--received", "--vault", vault,
        "--today", "2026-02-02")
    assert section(due_text(run, vault, "2026-02-02"), "Replies owed (1)") == [
        "Mira Patel  wrote today: Asked about her course"]
    text = brief_text(run, vault, "Mira", "2026-02-02")
    assert text.splitlines()[2:6] == [
        "", "On today's agenda", "  Reply owed  wrote today: Asked about her course", ""]
    owed = {"person": "Mira Patel", "path": MIRA, "received": "2026-02-02", "days_waiting": 0,
            "text": "Asked about her course", "more": 0}
    assert due_json(run, vault, "2026-02-02")["replies"] == [owed]
    assert brief_json(run, vault, "Mira", "2026-02-02")["agenda"] == {
        "replies": [owed], "stay_in_touch": [], "outreach": [], "promises": [],
        "birthdays": []}


def test_a_brief_says_a_person_is_past_their_cadence(make_vault, run):
    vault = make_vault(OWED)
    assert "  Sam Lee     last contact 20 days ago, cadence 14 days" in \
        due_text(run, vault, "2026-02-02").splitlines()
    assert section(brief_text(run, vault, "Sam", "2026-02-02"), "On today's agenda") == [
        "Stay in touch  last contact 20 days ago, cadence 14 days"]
    found = brief_json(run, vault, "Sam", "2026-02-02")["agenda"]
    assert found["stay_in_touch"] == [
        {"person": "Sam Lee", "path": "People/Sam Lee.md", "last_contact": "2026-01-13",
         "cadence_days": 14, "days_since": 20, "days_overdue": 6, "role": None,
         "planned": None}]
    assert found["stay_in_touch"] == [
        i for i in due_json(run, vault, "2026-02-02")["stay_in_touch"]
        if i["person"] == "Sam Lee"]


def test_a_brief_says_whether_to_follow_up_or_let_outreach_rest(make_vault, run):
    vault = make_vault(OWED)
    assert section(due_text(run, vault, "2026-02-02"), "Outreach (2)") == [
        "Hana Sato  no reply for 13 days, follow-up 2 of 2",
        "Ravi Rao   no reply for 13 days after 2 follow-ups; let it rest"]
    hana = brief_text(run, vault, "Hana", "2026-02-02")
    assert section(hana, "On today's agenda") == [
        "Outreach  no reply for 13 days, follow-up 2 of 2"]
    assert section(hana, "Open outreach") == [
        "2026-01-10  Emailed about the grant #outreach", "2026-01-20  Followed up #outreach"]
    assert section(brief_text(run, vault, "Ravi", "2026-02-02"), "On today's agenda") == [
        "Outreach  no reply for 13 days after 2 follow-ups; let it rest"]
    due = due_json(run, vault, "2026-02-02")
    for name in ("Hana", "Ravi"):
        found = brief_json(run, vault, name, "2026-02-02")
        assert found["agenda"]["outreach"] == [
            i for i in due["outreach"] if i["person"] == found["person"]]


def test_outreach_gone_cold_is_not_called_open(make_vault, run):
    vault = make_vault(OWED)
    assert "Olga Berg" not in due_text(run, vault, "2026-02-02")
    text = brief_text(run, vault, "Olga", "2026-02-02")
    assert section(text, "On today's agenda") is None
    assert section(text, "Open outreach") is None
    assert section(text, "Outreach gone cold (no reply for 93 days)") == [
        "2025-11-01  Emailed about the job #outreach"]
    found = brief_json(run, vault, "Olga", "2026-02-02")
    assert found["open_outreach"] == []
    assert found["cold_outreach"] == [{"date": "2025-11-01",
                                       "text": "Emailed about the job #outreach"}]
    # Still open the day before it goes cold, and the agenda still asks to let it rest.
    text = brief_text(run, vault, "Olga", "2026-01-29")
    assert section(text, "Open outreach") == ["2025-11-01  Emailed about the job #outreach"]
    assert section(text, "On today's agenda") == [
        "Outreach  no reply for 89 days, follow-up 1 of 2"]
    assert brief_json(run, vault, "Olga", "2026-01-29")["cold_outreach"] == []


# -- 2. a promise made to you says whose it is; 3. a due date reads the same everywhere ---------

PROMISES = {
    MIRA: person("Mira Patel", "## Log\n- 2026-01-10 Coffee #met\n"
                 "- [ ] Send her the paper 📅 2026-02-20\n"
                 "- [ ] She sends me her syllabus 📅 2026-02-20 #waiting\n"
                 "- [ ] She introduces me to Ana 📅 2026-02-25 #Waiting-For\n"),
}


def test_promises_say_whose_and_when_alike_in_due_follow_ups_brief(make_vault, run):
    vault = make_vault(PROMISES)
    assert section(due_text(run, vault, "2026-02-21"), "Promises (3)") == [
        "Mira Patel  Send her the paper (due 2026-02-20, 1 day overdue)",
        "Mira Patel  waiting on them: She sends me her syllabus #waiting"
        " (due 2026-02-20, 1 day overdue)",
        "Mira Patel  waiting on them: She introduces me to Ana #Waiting-For (due 2026-02-25)"]
    assert md_section(follow_ups(run, vault, "2026-02-21"), "Promises") == [
        "- [[People/Mira Patel|Mira Patel]]: Send her the paper"
        " (**due 2026-02-20, 1 day overdue**)",
        "- Waiting on [[People/Mira Patel|Mira Patel]]: She sends me her syllabus #waiting"
        " (**due 2026-02-20, 1 day overdue**)",
        "- Waiting on [[People/Mira Patel|Mira Patel]]: She introduces me to Ana #Waiting-For"
        " (due 2026-02-25)"]
    text = brief_text(run, vault, "Mira", "2026-02-21")
    assert section(text, "On today's agenda") == [
        "Promise  Send her the paper (due 2026-02-20, 1 day overdue)",
        "Promise  waiting on them: She sends me her syllabus #waiting"
        " (due 2026-02-20, 1 day overdue)",
        "Promise  waiting on them: She introduces me to Ana #Waiting-For (due 2026-02-25)"]
    assert section(text, "Open promises") == [
        "you:  Send her the paper (due 2026-02-20, 1 day overdue)",
        "them: She sends me her syllabus #waiting (due 2026-02-20, 1 day overdue)",
        "them: She introduces me to Ana #Waiting-For (due 2026-02-25)"]
    due = due_json(run, vault, "2026-02-21")["promises"]
    assert due == [
        {"person": "Mira Patel", "path": MIRA, "text": "Send her the paper", "due": "2026-02-20",
         "overdue": True, "line": 7, "days_overdue": 1, "theirs": False},
        {"person": "Mira Patel", "path": MIRA, "text": "She sends me her syllabus #waiting",
         "due": "2026-02-20", "overdue": True, "line": 8, "days_overdue": 1, "theirs": True},
        {"person": "Mira Patel", "path": MIRA, "text": "She introduces me to Ana #Waiting-For",
         "due": "2026-02-25", "overdue": False, "line": 9, "days_overdue": 0, "theirs": True}]
    assert brief_json(run, vault, "Mira", "2026-02-21")["agenda"]["promises"] == due


def test_the_calendar_says_whose_promise_and_when_as_the_agenda_does(make_vault, run, tmp_path):
    vault = make_vault(PROMISES)
    out = tmp_path / "agenda.ics"
    cli(run, "export", "--format", "ics", "-o", out, "--vault", vault, "--today", "2026-02-21")
    events = [c for c in Calendar.from_ical(out.read_bytes()).walk() if c.name == "VEVENT"]
    assert [(str(e["summary"]), str(e["description"])) for e in events] == [
        ("Promise to Mira Patel: Send her the paper", "due 2026-02-20, 1 day overdue"),
        ("Waiting on Mira Patel: She sends me her syllabus #waiting",
         "due 2026-02-20, 1 day overdue"),
        ("Waiting on Mira Patel: She introduces me to Ana #Waiting-For", "due 2026-02-25")]


def test_a_due_date_on_its_day_and_after(make_vault, run):
    vault = make_vault(PROMISES)
    assert section(due_text(run, vault, "2026-02-20"), "Promises (3)")[0] == \
        "Mira Patel  Send her the paper (due 2026-02-20)"
    assert section(due_text(run, vault, "2026-02-23"), "Promises (3)")[0] == \
        "Mira Patel  Send her the paper (due 2026-02-20, 3 days overdue)"


# -- 4. a planned meeting shows on the stay-in-touch line ---------------------------------------

PLANNED = {
    "People/Sam Lee.md": person("Sam Lee", "## Log\n- 2026-01-20 Lunch #met\n", cadence="14d"),
    "People/Ann Ito.md": person("Ann Ito", "## Log\n- 2026-01-20 Call #call\n", cadence="14d"),
}


def test_a_plan_shows_on_the_stay_in_touch_line(make_vault, run):
    vault = make_vault(PLANNED)
    cli(run, "log", "Sam", "Lunch at the bistro", "--met", "--date", "2026-02-14", "--plan",
        "--vault", vault, "--today", "2026-02-03")
    cli(run, "log", "Sam", "Conference", "--date", "2026-03-01", "--plan",
        "--vault", vault, "--today", "2026-02-03")
    assert section(due_text(run, vault, "2026-02-10"), "Stay in touch (2)") == [
        "Ann Ito  last contact 21 days ago, cadence 14 days",
        "Sam Lee  last contact 21 days ago, cadence 14 days (planned 2026-02-14)"]
    assert md_section(follow_ups(run, vault, "2026-02-10"), "Stay in touch") == [
        "- [[People/Ann Ito|Ann Ito]]: last contact 21 days ago, cadence 14 days",
        "- [[People/Sam Lee|Sam Lee]]: last contact 21 days ago, cadence 14 days"
        " (planned 2026-02-14)"]
    # (After that sync, `due` starts from the rows the parse cache kept.)
    found = due_json(run, vault, "2026-02-10")["stay_in_touch"]
    assert [(i["person"], i["planned"]) for i in found] == [
        ("Ann Ito", None), ("Sam Lee", "2026-02-14")]
    assert section(brief_text(run, vault, "Sam", "2026-02-10"), "On today's agenda") == [
        "Stay in touch  last contact 21 days ago, cadence 14 days (planned 2026-02-14)"]
    # The plan's day come, it is contact: Sam is in touch, and the next plan is no hint.
    assert "Sam Lee" not in due_text(run, vault, "2026-02-14")


# -- the rules, directly -----------------------------------------------------------------------

DAY = date(2026, 2, 21)


def test_whose_a_promise_is_is_one_rule():
    assert is_theirs("She sends me her syllabus #waiting")
    assert is_theirs("Intro to Ana #Waiting-For")
    assert is_theirs("Slides #waitingfor")
    assert not is_theirs("Send her the paper")
    assert not is_theirs("Ask about #waiting-room")
    mira = Person("Mira", MIRA, Fields(type="person"), tasks=(
        Task("Send her the paper", False, date(2026, 2, 20), 3),
        Task("Her syllabus #waiting", False, date(2026, 2, 26), 4)))
    found = promises(mira, DAY)
    assert [(p.theirs, p.days_overdue, p.when) for p in found] == [
        (False, 1, "due 2026-02-20, 1 day overdue"), (True, 0, "due 2026-02-26")]
    assert [p.reason for p in found] == [
        "Send her the paper (due 2026-02-20, 1 day overdue)",
        "waiting on them: Her syllabus #waiting (due 2026-02-26)"]


def test_due_words():
    assert due_words(date(2026, 2, 20), 0) == "due 2026-02-20"
    assert due_words(date(2026, 2, 20), 1) == "due 2026-02-20, 1 day overdue"
    assert due_words(date(2026, 2, 20), 12) == "due 2026-02-20, 12 days overdue"


def _sam_note(*days: date) -> Note:
    return Note("People/Sam.md", "Sam", Fields(type="person"), entries=tuple(
        Entry(day, "Lunch", frozenset(), (), line) for line, day in enumerate(days, 7)))


def test_the_soonest_plan_of_their_own_note_is_the_hint():
    sam = Person("Sam", "People/Sam.md", Fields(type="person", cadence_days=14),
                 (Interaction(date(2026, 1, 20), frozenset({"met"})),))
    note = _sam_note(date(2026, 1, 20), date(2026, 3, 1), date(2026, 2, 14))
    due = stay_in_touch(sam, date(2026, 2, 10), Settings(), {sam.path: note}.get)
    assert due is not None and due.planned == date(2026, 2, 14)
    assert due.reason == "last contact 21 days ago, cadence 14 days (planned 2026-02-14)"
    unplanned = stay_in_touch(sam, date(2026, 2, 10), Settings())  # (no note given: no plan)
    assert unplanned is not None and unplanned.planned is None
    # The rows the parse cache keeps hold the plan too.
    assert agenda_rows([sam], date(2026, 2, 10), Settings(), {sam.path: note}.get) == {
        sam.path: ((0, 14, date(2026, 1, 20), 21, date(2026, 2, 14)),)}


def test_a_watch_round_shows_a_plan_logged_and_drops_it_once_gone(make_vault, tmp_path):
    """The agenda's rows are kept across watch rounds for the people who did not change: a plan
    logged in Sam's note makes him a new person, whose row says so; taken out, it says so no
    more. Each round writes what a fresh sync writes."""
    vault = make_vault(PLANNED)
    store = NoteStore()
    today = date(2026, 2, 10)
    page = vault / "Network/Follow-ups.md"
    sam = vault / "People/Sam Lee.md"
    before = sam.read_text(encoding="utf-8")
    sync(vault, today, store=store)
    assert "(planned" not in page.read_text(encoding="utf-8")
    for round_, (text, hint) in enumerate(
            [(before + "- 2026-02-14 Lunch at the bistro #met\n", True), (before, False)]):
        sam.write_text(text, encoding="utf-8")
        done = sync(vault, today, store=store, recheck={"People/Sam Lee.md"}, walk=False)
        other = tmp_path / f"fresh{round_}"
        write_files(other, {**PLANNED, ".obsidian/app.json": "{}", "People/Sam Lee.md": text})
        fresh = sync(other, today)
        assert agenda_json(done.vault.agenda) == agenda_json(fresh.vault.agenda)
        assert (other / "Network/Follow-ups.md").read_bytes() == page.read_bytes()
        assert ("cadence 14 days (planned 2026-02-14)" in page.read_text(encoding="utf-8")) is hint


def test_rows_worked_out_without_plans_are_not_the_rows_of_a_build_with_them(make_vault):
    """Whether each person's note is given (`note_of`) is part of what the memo keeps rows
    under: a build that looks for plans after one that did not shows them."""
    from vaultnet.insight.agenda import AgendaMemo, build_agenda
    from vaultnet.pipeline.sync import load

    vault = make_vault({**PLANNED, "People/Sam Lee.md": person(
        "Sam Lee", "## Log\n- 2026-01-20 Lunch #met\n- 2026-02-14 Lunch at the bistro #met\n",
        cadence="14d")})
    today = date(2026, 2, 10)
    loaded = load(vault, today)
    memo = AgendaMemo()
    plans = loaded.store.index_memo.plan_note
    assert plans("People/Sam Lee.md") is not None and plans("People/Ann Ito.md") is None

    def planned(note_of: object) -> list[object]:
        found = build_agenda(loaded.graph, today, loaded.settings, memo, note_of)  # type: ignore[arg-type]
        return [(i.person.name, i.planned) for i in found.stay_in_touch]

    assert planned(None) == [("Ann Ito", None), ("Sam Lee", None)]
    assert planned(plans) == [("Ann Ito", None), ("Sam Lee", date(2026, 2, 14))]
    assert planned(None) == [("Ann Ito", None), ("Sam Lee", None)]
