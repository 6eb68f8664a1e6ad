"""Log lines dated in the forms people write, and those that are named when they cannot be read.

A vault kept with Obsidian's "Use [[Wikilinks]]" setting off dates a log line by a Markdown link to
its daily note, `- [2026-11-20](../Daily/2026-11-20.md) Coffee`: the Markdown form of
`- [[2026-11-20]] Coffee`, in each form of the "New link format" setting, and read as that is. A
log line dated year first in another form (`2026/10/15`, `2026.11.01`, `2026年10月1日`) is a near
miss, as `03/01/2026` is: `check` names it, with the ISO date it stands for when there is one, or
both when day and month could be either way round (`03.11.2026`). A callout of dated lines with
another title (`> [!note] Verlauf`) is not read, as any quote that is no Log callout is not (an
email pasted in is no contact), but `check` names it when it holds dated list items as a log does:
two or more, one tagged with an interaction's kind (one is as likely someone's plan, `> -
2026-11-25 I'm away until then`; untagged, a company's timeline), and never a quote or citation.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from test_hostile import no_hang

from vaultnet.base.conventions import Conventions, DailyNotes
from vaultnet.parse.note import free_text, parse_note

JANE = "People/Jane Doe.md"
F = "---\ntype: person\nrole: mentor\ncadence: 30d\n---\n"
DAY = "2026-12-05"
# The review's vault: Obsidian's Markdown-links mode, and a log line dated by a link to its day.
REVIEWED = {
    ".obsidian/app.json": '{"useMarkdownLinks": true}',
    "Daily/2026-11-20.md": "x\n",
    JANE: F + "## Log\n- 2026-10-01 Call #call\n- [2026-11-20](../Daily/2026-11-20.md) Coffee #met\n",
}


def entries(body: str) -> list[tuple[str, str, int]]:
    """(day, text, line) of each entry of Jane's note with this body."""
    return [(e.day.isoformat(), e.text, e.line) for e in parse_note(JANE, F + body).entries]


def check(run, vault) -> list[tuple[int, str, str]]:
    """(line, message, hint) of each problem `check --json` names."""
    result = run("check", "--vault", vault, "--today", DAY, "--json")
    return [(p["line"], p["message"], p["hint"]) for p in json.loads(result.output)]


# -- a log line dated by a Markdown link to its daily note -----------------------------------------

def test_the_reviews_line_is_contact_on_its_day(make_vault, run):
    vault = make_vault(REVIEWED)
    result = run("due", "--vault", vault, "--today", DAY, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["stay_in_touch"] == []  # 15 days since the coffee, not 65
    assert check(run, vault) == []
    brief = json.loads(run("brief", "Jane", "--vault", vault, "--today", DAY, "--json").output)
    assert [(i["date"], i["source"]) for i in brief["last_interactions"]][:1] == [
        ("2026-11-20", JANE)]


def test_log_puts_the_new_line_after_it(make_vault, run):
    vault = make_vault(REVIEWED)
    result = run("log", "Jane", "Tea", "--vault", vault, "--today", DAY)
    assert result.exit_code == 0, result.output
    assert result.output == f"{JANE}:9: - 2026-12-05 Tea\n"
    assert (vault / JANE).read_text().endswith(
        "- [2026-11-20](../Daily/2026-11-20.md) Coffee #met\n- 2026-12-05 Tea\n")


@pytest.mark.parametrize("link", [
    "[2026-11-20](2026-11-20.md)",  # New link format: shortest path when possible
    "[2026-11-20](../Daily/2026-11-20.md)",  # relative path to file
    "[2026-11-20](Daily/2026-11-20.md)",  # absolute path in vault
    "[2026-11-20](<Daily/2026-11-20.md>)",  # by hand, in angle brackets
    "[2026-11-20](<../My Daily/2026-11-20.md>)",  # a folder with a space, as written
    "[2026-11-20](My%20Daily/2026-11-20.md)",  # and as Obsidian encodes it
    "[2026-11-20](../Daily/2026-11-20)",  # `.md` left out
    "[Fri](../Daily/2026-11-20.md)",  # other shown text, as `[[Daily/2026-11-20|Fri]]` has
    "[](2026-11-20.md)",
])
def test_a_markdown_link_to_a_daily_note_dates_a_log_line(link):
    body = f"## Log\n- {link} Coffee with [Bo](Bo.md) #met\n"
    (entry,) = parse_note(JANE, F + body).entries
    assert (entry.day, entry.text, entry.tags, entry.line) == (
        date(2026, 11, 20), "Coffee with [Bo](Bo.md) #met", frozenset({"met"}), 7)
    assert [link.target for link in entry.links] == ["Bo"]  # (not the daily note)


@pytest.mark.parametrize("link", [
    "[[2026-11-20 Friday]]",  # a daily note named `YYYY-MM-DD dddd`
    "[[Daily/2026-11-20 Friday|Fri]]",
    "[[2026-11-20#Lunch]]",  # a heading of the day's note
    "[[2026-11-20 Friday#Lunch|lunch]]",
    "[[2026-11-20#Lunch/Dinner]]",  # a heading may hold a `/`
    "[2026-11-20 Friday](2026-11-20%20Friday.md)",  # as Obsidian writes it, wikilinks off
    "[Fri](<../Daily/2026-11-20 Friday.md>)",
    "[Fri](Daily/2026-11-20%20Friday)",
    "[2026-11-20 > Lunch](2026-11-20.md#Lunch)",  # a heading of the day's note, wikilinks off
    "[Lunch](<../Daily/2026-11-20 Friday.md#Lunch>)",
    "[Lunch](Daily/2026-11-20%20Friday.md#Lunch)",
])
def test_a_link_to_a_daily_note_named_by_its_date_and_more_dates_a_log_line(link):
    body = f"## Log\n- {link} Coffee with [[Bo]] #met\n"
    (entry,) = parse_note(JANE, F + body).entries
    assert (entry.day, entry.text, entry.tags, entry.line) == (
        date(2026, 11, 20), "Coffee with [[Bo]] #met", frozenset({"met"}), 7)
    assert [link.target for link in entry.links] == ["Bo"]


@pytest.mark.parametrize("line", [
    "## [2026-11-20](../Daily/2026-11-20.md) Coffee",  # a heading, as `## [[2026-11-20]]`
    "1. [2026-11-20](2026-11-20.md): Coffee",
    "* [2026-11-20](<Daily/2026-11-20.md>) — Coffee",
    "> - [2026-11-20](2026-11-20.md) Coffee",  # in the Log callout below
])
def test_a_markdown_dated_heading_numbered_item_or_callout_line_is_an_entry(line):
    assert entries("> [!note] Log\n" + line + "\n") == [("2026-11-20", "Coffee", 7)]


@pytest.mark.parametrize("line", [
    "- [2026-11-20](https://example.com/2026-11-20) Coffee",  # a URL is no note
    "- [Fri](//example.com/2026-11-21.md) Coffee",  # nor a host's path (a review)
    "- [2026-11-20] (2026-11-20.md) Coffee",  # no link
    "- [2026-11-20](2026-11-20.md Coffee",
    "- [2026-11-20](<Daily/2026-11-20.md) Coffee",
    "- [2026-11-20](Daily/2026-11-20.md>) Coffee",
    "- ![2026-11-20](2026-11-20.md) Coffee",  # an embed, as `![[2026-11-20]]`
    "- [[2026-11-201]] Coffee",  # no date: more digits
    "- [[2026-11-20-notes]] Coffee",
    "- [2026-11-20x](2026-11-20x.md) Coffee",
])
def test_other_links_date_no_line(line):
    assert entries("## Log\n" + line + "\n") == []


# -- a log line dated by a link to a day's note named in the vault's own form ------------------------

DOTTED = Conventions(daily=DailyNotes("DD.MM.YYYY", "Journal", ".obsidian/daily-notes.json"))


def dotted(body: str, conventions: Conventions = DOTTED) -> list[tuple[str, str, tuple[str, ...]]]:
    """(day, text, its links' targets) of each entry of Jane's note with this body, in a vault
    whose daily notes are named `DD.MM.YYYY` in Journal/ (`conventions`)."""
    return [(e.day.isoformat(), e.text, tuple(link.target for link in e.links))
            for e in parse_note(JANE, F + body, conventions).entries]


@pytest.mark.parametrize("link", [
    "[[15.11.2026]]",  # the shortest link Obsidian writes
    "[[Journal/15.11.2026|Sun]]",
    "[[15.11.2026#Lunch]]",
    "[15.11.2026](15.11.2026.md)",  # wikilinks off
    "[Sun](<../Journal/15.11.2026.md>)",
    "[Sun](Journal/15.11.2026)",
])
def test_a_link_to_a_day_named_by_the_vaults_daily_format_dates_a_log_line(link):
    body = f"## Log\n- {link} Coffee with [[Bo]] #met\n## Later\n### {link}: call\n"
    assert dotted(body) == [("2026-11-15", "Coffee with [[Bo]] #met", ("Bo",)),
                            ("2026-11-15", "call", ())]


@pytest.mark.parametrize(("moment", "link", "day"), [
    ("MMMM Do, YYYY", "[[November 15th, 2026]]", "2026-11-15"),
    ("dddd, D. MMMM YYYY", "[[Sonntag, 15. November 2026]]", "2026-11-15"),  # moment's `de`
    ("YYYY/MM/DD.MM.YYYY", "[[2026/11/15.11.2026]]", "2026-11-15"),  # folders by year and month
    ("YYYY/MM/DD.MM.YYYY", "[[15.11.2026]]", "2026-11-15"),
    ("YYYY/MM-DD", "[[Journal/2026/11-15]]", "2026-11-15"),  # a name that is no day alone
    ("YYYY-MM-DD dddd", "[[2026-11-15 Sunday]]", "2026-11-15"),  # (ISO-led: read in every vault)
    ("YYYY-MM-DD-dddd", "[[2026-11-15-Sunday]]", "2026-11-15"),  # (ISO-led, but not so)
    ("YYYY-MM-DD_ddd", "[[Journal/2026-11-15_Sun|Sun]]", "2026-11-15"),
])
def test_other_daily_formats_date_log_lines_by_their_links(moment, link, day):
    conventions = Conventions(daily=DailyNotes(moment, "Journal", ".obsidian/daily-notes.json"))
    assert dotted(f"## Log\n- {link} Coffee #met\n", conventions) == [(day, "Coffee #met", ())]


@pytest.mark.parametrize("line", [
    "- [[Sam]] Coffee #met",  # a person's note
    "- [[15.11]] Coffee",  # no year: no day's name
    "- [[15.11.2026 notes]] Coffee",  # more after the day's name: another note
    "- ![[15.11.2026]] Coffee",  # an embed
    "- [ ] [[15.11.2026]] Coffee",  # a task
    "- Coffee on [[15.11.2026]]",  # a day's link that does not lead the line
    "- `[[15.11.2026]]` Coffee",  # code
    "- [Sun](https://example.com/15.11.2026) Coffee",  # a URL
    "Coffee [[15.11.2026]]",  # no list item or heading
])
def test_other_lines_with_a_days_link_are_no_entries(line):
    assert dotted("## Log\n" + line + "\n") == []


def test_without_a_daily_format_a_link_in_another_form_dates_no_line():
    """Without the setting a link's name is a day's only when it is an ISO date, as before: in
    another vault `[[15.11.2026]]` may be any note."""
    assert dotted("## Log\n- [[15.11.2026]] Coffee\n", Conventions()) == []


@pytest.mark.parametrize("moment", ["DD.MM.YYYY", "YYYY-MM-DD"])
def test_brief_tells_no_day_linked_line_as_prose(make_vault, run, moment):
    """What a note says of Jane is its prose: a line or heading led by a link to a day's note, in
    the vault's own form as in ISO's, is her log, and what is under such a heading is too."""
    day = {"DD.MM.YYYY": ("15.11.2026", "20.11.2026"), "YYYY-MM-DD": ("2026-11-15", "2026-11-20")}
    vault = make_vault({
        ".obsidian/daily-notes.json": json.dumps({"format": moment, "folder": "Journal"}),
        JANE: F + f"Loves letterpress.\n\n- [[{day[moment][0]}]] Coffee at the lab #met\n"
                  f"- [[{day[moment][0]}|Sun]]: tea\n\n## [[{day[moment][1]}]] Call\n"
                  "She asked about the grant.\n"})
    brief = json.loads(run("brief", "Jane", "--vault", vault, "--today", DAY, "--json").output)
    assert brief["about"] == ["Loves letterpress."]
    assert [(i["date"], i["text"]) for i in brief["last_interactions"]] == [
        ("2026-11-20", "Call"), ("2026-11-15", "tea"), ("2026-11-15", "Coffee at the lab #met")]


def test_a_days_link_that_names_no_real_day_is_named(make_vault, run):
    vault = make_vault({".obsidian/daily-notes.json": '{"format": "DD.MM.YYYY"}',
                        JANE: F + "## Log\n- [[31.11.2026]] Coffee #met\n- [[15.11.2026]] Tea\n"})
    assert check(run, vault) == [(7, "log entry date 31.11.2026 is not a real date",
                                  "link the note of a real day")]
    brief = json.loads(run("brief", "Jane", "--vault", vault, "--today", DAY, "--json").output)
    assert [(i["date"], i["text"]) for i in brief["last_interactions"]] == [("2026-11-15", "Tea")]


def test_a_journal_vaults_day_linked_log_is_contact_and_log_writes_after_it(make_vault, run):
    """A journal vault (Obsidian's daily notes named `DD.MM.YYYY`) whose person notes log by a
    link to the day's note: Jane was met ten days ago, so she is not due; `log` puts its line
    after her last entry, not after the notes below it."""
    vault = make_vault({
        ".obsidian/daily-notes.json": '{"format": "DD.MM.YYYY", "folder": "Journal"}',
        "Journal/25.11.2026.md": "- walked\n",
        JANE: F + "## Log\n- 2026-09-01 Call #call\n- [[25.11.2026]] Coffee #met\n\n"
                  "She prefers mornings.\n"})
    due = json.loads(run("due", "--vault", vault, "--today", DAY, "--json").output)
    assert due["stay_in_touch"] == []  # (last contact 10 days ago, cadence 30: not 95)
    assert check(run, vault) == []
    result = run("log", "Jane", "Tea", "--vault", vault, "--today", DAY)
    assert result.output == f"{JANE}:9: - 2026-12-05 Tea\n", result.output
    assert (vault / JANE).read_text(encoding="utf-8").endswith(
        "- [[25.11.2026]] Coffee #met\n- 2026-12-05 Tea\n\nShe prefers mornings.\n")


def test_a_markdown_dated_line_is_no_prose():
    assert free_text("Likes tea.\n- [2026-11-20](2026-11-20.md) Coffee\n- Plays go\n") == (
        "Likes tea.", "Plays go")


# -- a year-first date in another form, and what a day-first one means ----------------------------

NOT_ISO = "looks like a date but is not written as YYYY-MM-DD, so this line is not read as a log entry"
AS_ISO = "start the line with the date as YYYY-MM-DD"
SHORT_YEAR = "start the line with the date as YYYY-MM-DD (the year in full)"
NO_DAY = "start the line with the date as YYYY-MM-DD (no such day)"


@pytest.mark.parametrize(("written", "hint"), [
    ("2026/10/15", f"{AS_ISO}: - 2026-10-15 …"),
    ("2026.11.01", f"{AS_ISO}: - 2026-11-01 …"),
    ("2026年10月1日", f"{AS_ISO}: - 2026-10-01 …"),  # Japan's everyday form (and China's)
    ("2026년 10월 1일", f"{AS_ISO}: - 2026-10-01 …"),  # Korea's
    ("2026-3-4", f"{AS_ISO}: - 2026-03-04 …"),
    ("03.11.2026", f"{AS_ISO}: - 2026-11-03 … if the day comes first, - 2026-03-11 … if the "
                   "month does"),
    ("1.11.2026", f"{AS_ISO}: - 2026-11-01 … if the day comes first, - 2026-01-11 … if the "
                  "month does"),
    ("10/15/2026", f"{AS_ISO}: - 2026-10-15 …"),  # (no 15th month: the month comes first)
    ("15.10.2026", f"{AS_ISO}: - 2026-10-15 …"),
    ("15-10-2026", f"{AS_ISO}: - 2026-10-15 …"),  # the Netherlands'
    ("03.03.2026", f"{AS_ISO}: - 2026-03-03 …"),
    ("03/01/26", SHORT_YEAR),  # which century, which order: not guessed
    ("2026/02/30", NO_DAY),
    ("31/31/2026", NO_DAY),  # (a review: the year is in full already)
    ("13/13/2026", NO_DAY),
    # A month's name (English, any case) with the day and the year, or ISO after its weekday's:
    # dropped without a word, the person shown as never contacted (a new user's week).
    ("19 Dec 2026", f"{AS_ISO}: - 2026-12-19 …"),
    ("Dec 19, 2026", f"{AS_ISO}: - 2026-12-19 …"),
    ("december 19th 2026", f"{AS_ISO}: - 2026-12-19 …"),
    ("1st Sept. 2026", f"{AS_ISO}: - 2026-09-01 …"),
    ("Fri 2026-12-18", f"{AS_ISO}: - 2026-12-18 …"),
    ("Friday, 2026-12-18", f"{AS_ISO}: - 2026-12-18 …"),
    ("Friday, December 18, 2026", f"{AS_ISO}: - 2026-12-18 …"),  # (a review: not named)
    ("Fri 18 Dec 2026", f"{AS_ISO}: - 2026-12-18 …"),
    ("31 Feb 2026", NO_DAY),
])
def test_a_near_miss_is_named_with_the_iso_date_it_stands_for(make_vault, run, written, hint):
    vault = make_vault({JANE: F + f"## Log\n- 2026-10-01 Call\n- {written} call\n"})
    assert check(run, vault) == [(8, f"`{written}` {NOT_ISO}", hint)]
    assert entries(f"## Log\n- 2026-10-01 Call\n- {written} call\n") == [
        ("2026-10-01", "Call", 7)]


def test_a_day_written_with_a_name_is_a_near_miss_in_the_log_alone_or_with_a_tag():
    """A biography writes its days so (`- June 1, 2025 joined Acme` under `## Background`): such
    a line is named in a Log section or callout, or with an interaction's tag, not elsewhere,
    where `check` took the note for one with a problem (a review); one in numbers is named
    wherever it is, as before."""
    body = ("# Jane\n## Background\n- 12 May 1980 born in Lisbon\n- June 1, 2025 joined Acme\n"
            "- 03/01/2026 moved\n- Dec 2, 2026 Coffee #met\n"
            "## Log 📝\n- 2026-11-01 Call\n  - Dec 24, 2026 is her deadline\n- 19 Dec 2026 Tea\n"
            "> [!note] Log\n> - Fri 2026-12-18 Lunch\n")
    note = parse_note(JANE, F + body)
    assert [(p.line, p.message.partition("`")[2].partition("`")[0]) for p in note.problems] == [
        (10, "03/01/2026"), (11, "Dec 2, 2026"), (14, "Dec 24, 2026"), (15, "19 Dec 2026"),
        (17, "Fri 2026-12-18")]
    # A heading under the Log's is in the Log; one of the Log's level or above ends it (a
    # second review: `### 2026` under `## Log` ended it).
    nested = ("## Log\n### 2026\n- Dec 19, 2026 Coffee\n#### December\n- Dec 20, 2026 Tea\n"
              "## Background\n- June 1, 2025 joined Acme\n# Jane\n- May 5, 2026 moved\n")
    assert [p.line for p in parse_note(JANE, F + nested).problems] == [8, 10]


@pytest.mark.parametrize("line", ["- 3 May is soon", "- Dec 2026 plans", "- May the best win, 2026",
                                  "- Friday call", "- 19 Decks 2026"])
def test_a_month_or_a_weekday_without_a_whole_day_is_no_near_miss(line):
    assert parse_note(JANE, F + "## Log\n" + line + "\n").problems == ()


def test_a_bold_date_is_named_with_the_date_not_bold(make_vault, run):
    vault = make_vault({JANE: F + "## Log\n- **2026-03-03** Call\n- __2026/3/4__ Mail\n"})
    assert check(run, vault) == [
        (7, "`2026-03-03` looks like a date but is bold, so this line is not read as a log entry",
         f"{AS_ISO}, not bold: - 2026-03-03 …"),
        (8, "`2026/3/4` looks like a date but is bold, so this line is not read as a log entry",
         f"{AS_ISO}, not bold: - 2026-03-04 …")]


@pytest.mark.parametrize(("line", "how", "fix"), [
    ("- *2026-11-20* Call", "in italics", "not in italics: - 2026-11-20 …"),
    ("- _2026-11-20_ Call", "in italics", "not in italics: - 2026-11-20 …"),
    ("- `2026-11-20` Call", "written as code", "not as code: - 2026-11-20 …"),
    ("- [2026-11-20] Call", "in brackets", "without brackets: - 2026-11-20 …"),
    ("- (2026-11-20) Call", "in brackets", "without brackets: - 2026-11-20 …"),
    ("* *2026/11/20* Call", "in italics", "not in italics: * 2026-11-20 …"),
    ("1. `2026-11-20` Call", "written as code", "not as code: 1. 2026-11-20 …"),
])
def test_a_date_set_off_by_another_mark_is_named_as_bold_is(make_vault, run, line, how, fix):
    """Bold's twins (PRODUCT.md names `**2026-03-03** …`): a line the user dated, which would
    otherwise be dropped without a word."""
    vault = make_vault({JANE: F + f"## Log\n- 2026-10-01 Call\n{line}\n"})
    written = "2026/11/20" if "/" in line else "2026-11-20"
    assert check(run, vault) == [
        (8, f"`{written}` looks like a date but is {how}, so this line is not read as a log entry",
         f"{AS_ISO}, {fix}")]
    assert entries(f"## Log\n- 2026-10-01 Call\n{line}\n") == [("2026-10-01", "Call", 7)]


@pytest.mark.parametrize(("line", "problem"), [
    ("### 2026-3-5 call", ("`2026-3-5` " + NOT_ISO, f"{AS_ISO}: ### 2026-03-05 …")),
    ("## 11/20/2026 Coffee", ("`11/20/2026` " + NOT_ISO, f"{AS_ISO}: ## 2026-11-20 …")),
    ("### **2026-11-20** call", ("`2026-11-20` looks like a date but is bold, so this line is not "
                                 "read as a log entry", f"{AS_ISO}, not bold: ### 2026-11-20 …")),
    ("#### 03.11.2026 Lunch", ("`03.11.2026` " + NOT_ISO, f"{AS_ISO}: #### 2026-11-03 … if the day "
                               "comes first, #### 2026-03-11 … if the month does")),
])
def test_a_heading_that_looks_dated_is_named_with_its_own_marker(make_vault, run, line, problem):
    """A dated heading is an entry (`### 2026-11-20 call`): one that looks dated but is not read
    is named as a list item is, and the fix keeps it a heading."""
    vault = make_vault({JANE: F + f"## Log\n### 2026-10-01 Call\n{line}\n"})
    assert check(run, vault) == [(8, *problem)]
    assert entries(f"## Log\n### 2026-10-01 Call\n{line}\n") == [("2026-10-01", "Call", 7)]


@pytest.mark.parametrize("line", [
    "- 2026-10-15 call", "- [[2026-10-15]] call", "- 2026 was a good year", "- 20261015 call",
    "- 2026/10 call", "- 1.2.3 release", "> - 2026/10/15 their words", "2026/10/15 a paragraph",
    "- 2024.10.1 release of her package",  # (a version, as likely as a date: a review)
    "- 10-15-20 interval workout",  # (a dash form with no year in full: a review)
    "- ~~2026-10-15~~ struck out", "- (see 2026-10-15) call", "## Log", "## 2026 goals",
    "#2026-10-15 a tag, not a heading", "### 2026-10-15 call", "- [[2026-3-4]] a link",
    "- [2026-10-15](https://example.com/post) her post",  # (a link's text: no near miss)
])
def test_other_lines_are_no_near_miss(make_vault, run, line):
    vault = make_vault({JANE: F + f"## Log\n{line}\n"})
    assert check(run, vault) == []


def test_a_near_miss_in_a_log_callout_is_named(make_vault, run):
    vault = make_vault({JANE: F + "> [!note] Log\n> - 2026年10月1日 coffee\n"})
    assert check(run, vault) == [(7, f"`2026年10月1日` {NOT_ISO}", f"{AS_ISO}: - 2026-10-01 …")]


# -- a callout of dated lines with another title ---------------------------------------------------

CALLOUT_MESSAGE = ("a callout of dated lines that is not titled Log: vaultnet reads only a callout "
                   "titled Log, Logs or Interactions as the log, so none of its lines is read")
CALLOUT_HINT = "title it Log if it is the log (`> [!note] Log`)"


@pytest.mark.parametrize("first", [
    "> [!note] Verlauf", "> [!info] ログ", "> [!note] History", "> [!note]- Timeline",
    "> [!history]", ">[!note] Verlauf", "> > [!note] Verlauf",
])
def test_a_callout_of_dated_lines_titled_otherwise_is_named_once_at_its_first_line(
        make_vault, run, first):
    marks = first[:first.index("[")]
    lines = [f"{marks}- 2026-10-01 Call #call", f"{marks}- 2026-11-20 Coffee #met",
             f"{marks}## [[2026-11-22]] Lunch"]
    vault = make_vault({JANE: F + "# Jane\n\n" + "\n".join([first, *lines]) + "\n"})
    assert check(run, vault) == [(8, CALLOUT_MESSAGE, CALLOUT_HINT)]
    assert parse_note(JANE, (vault / JANE).read_text()).entries == ()  # still not read
    due = json.loads(run("due", "--vault", vault, "--today", DAY, "--json").output)
    assert [p["person"] for p in due["stay_in_touch"]] == ["Jane Doe"]


def test_each_callout_is_named_once():
    note = parse_note(JANE, F + ("> [!note] Verlauf\n> - 2026-10-01 Call #call\n> - 2026-10-02 Call\n"
                                 "> - 2026-10-03 Call #call\n\n"
                                 "> [!info] ログ\n> - 2026-11-01 Mail #reply\n> [!note] Same quote\n"
                                 "> - 2026-11-02 Mail #received\n"))
    assert [(p.line, p.message) for p in note.problems] == [
        (6, CALLOUT_MESSAGE), (11, CALLOUT_MESSAGE)]


@pytest.mark.parametrize("quote", [
    # an email pasted in, with a date in its text
    "> [!quote] Her email\n> On 2026-10-01 she wrote:\n> 2026-11-20 works for me.\n",
    "> [!quote] Her plan\n> - 2026-11-25 I'm away until then\n> - back on the 30th\n",  # one
    # a quote or a citation holds someone's words, however many dates
    "> [!quote] Her plans\n> - 2026-11-25 away\n> - 2026-12-01 back\n",
    "> [!CITE]- Minutes\n> - 2026-11-25 Kickoff #met\n> - 2026-12-01 Review #met\n",
    # dated lines with no interaction's tag: a company's timeline, a career (a review: `check`
    # failed on vaults that were clean)
    "> [!example] Timeline of his company\n> - 2019-01-01 founded\n> - 2021-06-01 Series A\n",
    "> [!info]- Career\n> ## 2019-01-01 Joined Acme\n> ## 2023-05-01 Left #metrics\n",
    "> On 2026-10-01 she wrote:\n> - 2026-11-20 works for me\n> - 2026-11-21 too\n",  # no callout
    "> [!note] Verlauf\n> ```\n> - 2026-10-01 Call #call\n> - 2026-10-02 Call #call\n> ```\n",
    "> [!note] Verlauf\n> %% - 2026-10-01 Call #call %%\n> - 2026-10-02 Call #call\n",
    "> [!note] Verlauf\n> - 03/01/2026 Call\n> - [ ] Call 📅 2026-10-01\n",  # no dated item
    "> [!note] Verlauf\n> - 2026-10-01 Call #call\n\n> - 2026-10-02 Call #call\n",  # another quote
    "> [!note] Verlauf\n> - 2026-10-01 Call #call\n- 2026-10-02 Call #call\n",  # out of the quote
    "> > [!note] Verlauf\n> > - 2026-10-01 Call #call\n> - 2026-10-02 Call #call\n",  # around it
    "> [!note] Log\n> > [!quote] Her email\n> > - 2026-10-01 Call\n> > - 2026-10-02 Call\n",
])
def test_a_quote_that_holds_no_log_of_its_own_is_not_named(quote):
    assert parse_note(JANE, F + quote).problems == ()


QUOTED_MESSAGE = ("a quote of dated lines in the Log section: vaultnet reads a quote as someone's "
                  "words (an email pasted in), so none of its lines is read")
QUOTED_HINT = "if they are your log, take the `>` off them, or title a callout Log (`> [!note] Log`)"


@pytest.mark.parametrize("log", ["## Log\n", "## Log\n\n### 2026\n", "### 📝 Log\n"])
def test_a_log_written_as_a_quote_is_named_once(make_vault, run, log):
    """`> - 2026-10-01 Call #call` under `## Log` is read as quoted text, someone's words, as the
    README says: the person was never contacted, and `check` said nothing of it."""
    lines = "> - 2026-10-01 Call #call\n> - 2026-11-20 Coffee #met\n> - 2026-11-22 Lunch\n"
    vault = make_vault({JANE: F + "# Jane\n\n" + log + lines})
    first = 8 + log.count("\n")
    assert check(run, vault) == [(first, QUOTED_MESSAGE, QUOTED_HINT)]
    assert parse_note(JANE, (vault / JANE).read_text()).entries == ()  # still not read


@pytest.mark.parametrize("body", [
    "## Notes\n> - 2026-10-01 Call #call\n> - 2026-11-20 Coffee #met\n",  # not in the Log
    "## Log\n> - 2026-10-01 Call #call\n> she wrote on 2026-11-20\n",  # one dated line
    "## Log\n> - 2026-10-01 Call\n> - 2026-11-20 Coffee\n",  # no interaction's tag
    "## Log\n- 2026-10-01 Call #call\n\n## Email\n> - 2026-10-01 x #met\n> - 2026-10-02 y #met\n",
])
def test_a_quote_of_dated_lines_out_of_the_log_or_without_tags_is_not_named(body):
    assert [p.message for p in parse_note(JANE, F + body).problems
            if p.message == QUOTED_MESSAGE] == []


def test_a_log_callout_inside_another_is_read_and_the_other_named_for_its_own_lines():
    note = parse_note(JANE, F + ("> [!note] Verlauf\n> - 2026-09-01 Mail #reply\n> > [!note] Log\n"
                                 "> > - 2026-10-01 Call\n> - 2026-10-02 Mail\n"))
    assert [(e.day.isoformat(), e.line) for e in note.entries] == [("2026-10-01", 9)]
    assert [(p.line, p.message) for p in note.problems] == [(6, CALLOUT_MESSAGE)]


# -- hostile input ---------------------------------------------------------------------------------

K100 = 100_000


@pytest.mark.parametrize("line", [
    "- [" + "a" * K100, "- [](" + "/" * K100, "- [](<" + "/" * K100, "- [](" + "a/" * K100,
    "- [](<" + "2026-11-20/" * (K100 // 11), "- [" + "2026-11-20](" * (K100 // 12),
    "- 2026" + "/1" * K100, "- 2026年1月" * (K100 // 8), "- 1.1" + ".1" * K100,
    "> [!note] x\n> - [](" + "/" * K100, "> [!note] " + "[" * K100 + "\n> - 2026-10-01 a\n> - 2026-10-02 b",
    "## [x](" + "a/2026-11-20" * (K100 // 12),
])
def test_a_long_hostile_line_reads_quickly(line):
    with no_hang("reading a 100 KB line"):
        parse_note(JANE, F + "## Log\n" + line + "\n" + line + " tail\n")


def test_a_long_line_of_folders_and_dates_is_read_in_linear_time():
    """Each `/` of a link's folders is tried once as their end (a review: the date's note named
    by more after it, scanned from every `/`, took 7 s for a line of 52 KB)."""
    import time

    for line in ("- [[" + "/2026-01-01 x" * 20_000, "- [[" + "/2026-01-01#x" * 20_000,
                 "- [[" + "/2026-01-01 x#y" * 20_000, "- [a](" + "/2026-01-01%20x" * 20_000,
                 "- [a](<" + "/2026-01-01 x" * 20_000):
        started = time.perf_counter()
        parse_note(JANE, F + "## Log\n" + line + "\n")
        assert time.perf_counter() - started < 5, line[:20]


@pytest.mark.parametrize("line", [
    "- [[" + "/15.11.2026" * (K100 // 11) + "]] x", "- [[" + "15.11.2026 " * (K100 // 11) + "]]",
    "- [x](" + "/15.11.2026" * (K100 // 11) + ")", "- [[" + "November " * (K100 // 9) + "]]",
])
def test_a_long_days_link_reads_quickly(line):
    conventions = Conventions(daily=DailyNotes("YYYY/MM/DD.MM.YYYY", "Journal", "x"))
    with no_hang("reading a 100 KB line"):
        parse_note(JANE, F + "## Log\n" + line + "\n" + line + " tail\n", conventions)


def test_the_hints_of_a_log_not_read_know_lines_dated_by_the_vaults_daily_format():
    """A code block never closed, or a callout titled otherwise, over lines dated by links to
    day notes in the vault's form (`- [[15.11.2026]] Call`) is named as it is over ISO lines:
    both hints looked for ISO dates alone, and said nothing in such a vault."""
    fence = F + "# Jane\n## Log\n```\n- [[15.11.2026]] Call #call\n"
    assert [(p.line, p.message[:27]) for p in parse_note(JANE, fence, DOTTED).problems] == [
        (8, "opens a code block (```) th")]
    callout = F + "# Jane\n> [!note] Verlauf\n> - [[15.11.2026]] Call #call\n> - [[16.11.2026]] Tea\n"
    assert [(p.line, p.message) for p in parse_note(JANE, callout, DOTTED).problems] == [
        (7, CALLOUT_MESSAGE)]
    # (Without the setting, such links date nothing, and neither hint speaks.)
    assert parse_note(JANE, fence).problems == parse_note(JANE, callout).problems == ()
