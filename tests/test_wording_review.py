"""Wording a review found confusing, playing a user: Introductions.md when every prospect has been
met, what `brief`'s tie number is, `due`'s sections shown alike whether empty or not, and two
people of one name told apart in `brief`, `people`, `due` and `intro`.

Today is 2026-11-25 throughout (conftest.TODAY).
"""

from __future__ import annotations

import json

import pytest
from conftest import TODAY, person
from test_brief import brief_text, section

from vaultnet.render.terminal import tie_words

# -- Introductions.md: prospects there are, all of them met ------------------------------------

RAVI = person("Ravi Shah", "## Log\n- 2026-11-05 Coffee at the conference #met\n",
              status="prospect")
MAYA = person("Maya Roy", "## Log\n- 2026-11-10 Call about the grant #call\n", role="prospect")


def warm_paths_section(vault) -> list[str]:
    text = (vault / "Network/Introductions.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("## Warm paths") + 2
    return lines[start:lines.index("## Introductions you could make") - 1]


def test_introductions_say_every_prospect_was_met_when_all_were(make_vault, run):
    vault = make_vault({"People/Ravi Shah.md": RAVI, "People/Maya Roy.md": MAYA,
                        "People/Ann.md": person("Ann", role="peer")})
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    assert warm_paths_section(vault) == [
        "Nobody left to meet: you have met everyone marked as a prospect ([[People/Maya "
        "Roy|Maya Roy]], [[People/Ravi Shah|Ravi Shah]]). Mark someone else you want to meet "
        "with `status: prospect`."]


def test_introductions_without_any_prospect_still_say_how_to_mark_one(make_vault, run):
    vault = make_vault({"People/Ann.md": person("Ann", role="peer")})
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    assert warm_paths_section(vault) == [
        "Nobody to meet yet: mark people you want to meet with `status: prospect`."]


def test_introductions_of_an_unmet_prospect_name_no_met_one(make_vault, run):
    vault = make_vault({"People/Ravi Shah.md": RAVI,
                        "People/Lea.md": person("Lea", status="prospect")})
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    section = warm_paths_section(vault)
    assert section[0] == "### [[People/Lea|Lea]] — prospect"
    assert not any("Ravi" in line or "Nobody" in line for line in section)


# -- brief: what the tie number is --------------------------------------------------------------

@pytest.mark.parametrize(("score", "words"), [
    (0, "tie strength 0 of 100 (cold)"),
    (19, "tie strength 19 of 100 (cold)"),
    (20, "tie strength 20 of 100 (warm)"),
    (49, "tie strength 49 of 100 (warm)"),
    (50, "tie strength 50 of 100 (strong)"),
    (100, "tie strength 100 of 100 (strong)"),
])
def test_tie_words_give_the_scale_and_a_word(score, words):
    assert tie_words(score) == words


def test_brief_says_what_the_tie_number_is(make_vault, run):
    vault = make_vault({"People/Rosa.md": person(
        "Rosa", "## Log\n- 2026-08-27 Lunch\n- 2026-09-26 Call #call\n", role="peer")})
    result = run("brief", "Rosa", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "Rosa (peer)",
        "People/Rosa.md · tie strength 36 of 100 (warm): 2 interactions, last 2026-09-26 "
        "(60 days ago)"]


# -- due: every section alike -------------------------------------------------------------------

def due_text(run, vault) -> str:
    result = run("due", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return result.output


def test_due_leaves_out_every_empty_section_alike(make_vault, run):
    vault = make_vault({"People/Jane.md": person(
        "Jane", "## Log\n- 2026-11-20 Asked about the grant #received\n", role="friend",
        cadence="weekly")})
    assert due_text(run, vault) == (
        "Agenda for 2026-11-25\n\n"
        "Replies owed (1)\n"
        "  Jane  wrote 5 days ago: Asked about the grant\n")
    vault = make_vault({"People/Jane.md": person(
        "Jane", "## Log\n- 2026-11-01 Coffee #met\n", role="friend", cadence="weekly")})
    assert due_text(run, vault) == (
        "Agenda for 2026-11-25\n\n"
        "Stay in touch (1)\n"
        "  Jane  last contact 24 days ago, cadence 7 days\n")


def test_due_with_nothing_due_says_so_in_one_line(make_vault, run):
    vault = make_vault({"People/Jane.md": person(
        "Jane", "## Log\n- 2026-11-24 Coffee #met\n", role="friend")})
    assert due_text(run, vault) == (
        "Agenda for 2026-11-25\n\n"
        "Nothing due: no reply owed, everyone is in touch, no outreach waiting, no promise due "
        "this week, no birthday in the next two weeks.\n")


# -- brief and people: two people of one name ---------------------------------------------------

SAMS = {
    "People/Ann.md": person("Ann", "## Log\n- 2026-11-20 Coffee #met\n", role="peer",
                            topics="[maps, transit]",
                            knows='["[[Work/Sam|Sam]]", "[[Family/Sam|Sam]]"]'),
    "Work/Sam.md": person("Sam", "## Log\n- 2026-11-01 Call #call\n", role="colleague"),
    "Family/Sam.md": person("Sam", "## Log\n- 2026-10-01 Dinner #met\n", role="friend"),
    "Club/sam.md": person("sam", "## Log\n- 2026-10-02 Ride #met\n", role="friend",
                          topics="[maps, transit]"),
    "People/Bo.md": person("Bo", "## Log\n- 2026-10-03 Tea #met\n", role="friend",
                           knows='["[[Ann]]"]'),
}


def brief_rows(run, vault, name: str, title: str) -> list[str]:
    return section(brief_text(run, vault, name), title)


def test_brief_tells_mutual_connections_of_one_name_apart_by_path(make_vault, run):
    vault = make_vault(SAMS)
    assert brief_rows(run, vault, "Ann", "Mutual connections") == ["Bo, Family/Sam, Work/Sam"]
    # (A name that only one of them has shows as it is; one that another note has too, case
    # aside, by the path that `vaultnet brief` takes.)
    offers = brief_rows(run, vault, "Ann", "What you could offer")
    assert offers == ["an introduction to Club/sam (maps, transit)"]
    assert brief_rows(run, vault, "Work/Sam", "Mutual connections") == ["Ann"]


def test_people_tells_people_of_one_name_apart_by_path(make_vault, run):
    vault = make_vault(SAMS)
    result = run("people", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert [line.split("  ")[1] for line in result.output.splitlines()[:-1]] == [
        "Ann", "Bo", "Club/sam", "Family/Sam", "Work/Sam"]
    only = run("people", "--role", "colleague", "--vault", vault, "--today", TODAY).output
    assert only.splitlines()[0].startswith("  Sam  colleague")


# -- due, intro and brief: two people of one name, in notes that link them by name ----------------

ANNAS = {  # (a tester's vault: who is who, where a bare name would say Anna Smith twice)
    ".obsidian/.keep": "",
    "Family/Anna Smith.md": person("", "## Log\n- 2026-07-20 Sunday lunch #met\n", role="friend",
                                   spouse='"[[Tom Smith]]"'),
    "Work/Anna Smith.md": person("", "## Log\n- 2026-07-21 Code review #call\n",
                                 role="colleague", manager='"[[Bill Boss]]"',
                                 knows='"[[Zed Ghost]]"'),
    "Family/Tom Smith.md": person("", "## Log\n- 2026-11-01 Shelf #met\n", role="friend"),
    "Work/Bill Boss.md": person("", status="prospect"),
}


def test_due_tells_people_of_one_name_apart_by_path(make_vault, run):
    vault = make_vault(ANNAS)
    assert due_text(run, vault) == (
        "Agenda for 2026-11-25\n\n"
        "Stay in touch (2)\n"
        "  Family/Anna Smith  last contact 128 days ago, cadence 90 days\n"
        "  Work/Anna Smith    last contact 127 days ago, cadence 90 days\n")
    # One of them alone on the agenda is still named by the path that `brief` takes: the name
    # alone is both of them.
    (vault / "Work/Anna Smith.md").write_text(ANNAS["Work/Anna Smith.md"].replace(
        "2026-07-21", "2026-11-21"), encoding="utf-8")
    assert due_text(run, vault).splitlines()[-1] == (
        "  Family/Anna Smith  last contact 128 days ago, cadence 90 days")


def test_intro_tells_people_of_one_name_apart_by_path(make_vault, run):
    vault = make_vault(ANNAS)
    result = run("intro", "Bill Boss", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Warm paths to Bill Boss:\n"
        "1. Work/Anna Smith → Bill Boss\n"
        "   Ask Work/Anna Smith to introduce you to Bill Boss.\n")
    # --json keeps its names as they were, and gives each one's note beside them.
    data = json.loads(run("intro", "Bill Boss", "--json", "--vault", vault, "--today",
                          TODAY).output)
    assert data == {"person": "Bill Boss", "note": "Work/Bill Boss.md",
                    "paths": [["Anna Smith", "Bill Boss"]],
                    "path_notes": [["Work/Anna Smith.md", "Work/Bill Boss.md"]]}


def test_intro_to_someone_without_a_note_tells_people_of_one_name_apart(make_vault, run):
    vault = make_vault(ANNAS)
    result = run("intro", "Zed Ghost", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:4] == [
        "Zed Ghost has no note yet; your notes say Work/Anna Smith knows them.",
        "Warm paths to Zed Ghost:",
        "1. Work/Anna Smith → Zed Ghost",
        "   Ask Work/Anna Smith to introduce you to Zed Ghost."]
    data = json.loads(run("intro", "Zed Ghost", "--json", "--vault", vault, "--today",
                          TODAY).output)
    assert data["paths"] == [["Anna Smith", "Zed Ghost"]]
    assert data["path_notes"] == [["Work/Anna Smith.md", None]]


def test_brief_tells_people_of_one_name_apart_in_ties_and_warm_paths(make_vault, run):
    vault = make_vault(ANNAS)
    assert brief_rows(run, vault, "Tom Smith", "Ties in your notes") == [
        "in Family/Anna Smith's note, spouse: Tom Smith"]
    assert brief_rows(run, vault, "Tom Smith", "Mutual connections") == ["Family/Anna Smith"]
    assert brief_rows(run, vault, "Bill Boss", "Ties in your notes") == [
        "in Work/Anna Smith's note, manager: Bill Boss"]
    assert brief_rows(run, vault, "Bill Boss", "Warm paths") == [
        "Ask Work/Anna Smith to introduce you to Bill Boss."]
    # Their own note's ties, and the brief of one of them: the others' names are no one else's.
    assert brief_rows(run, vault, "Family/Anna Smith", "Ties in your notes") == [
        "spouse: Tom Smith"]
