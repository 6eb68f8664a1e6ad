"""The agenda rules of PRODUCT.md, case by case, end to end.

Every test builds a small vault of real files, runs `vaultnet due --json` (or `sync`) through the
CLI and checks the exact values. Dates are written relative to TODAY (2026-11-25) with `ago(n)` and
`ahead(n)`, so that each case reads as "n days ago".
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import TODAY, person
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultnet.base.model import Interaction, after_the_last_without

JANE = "People/Jane Doe.md"
BOB = "People/Bob Smith.md"

STAY_KEYS = ("person", "path", "last_contact", "cadence_days", "days_since")
OUTREACH_KEYS = ("person", "path", "last_outreach", "days_waiting", "followups_sent", "action")
PROMISE_KEYS = ("person", "path", "text", "due", "overdue")
BIRTHDAY_KEYS = ("person", "path", "date", "days_until")


# -- helpers -------------------------------------------------------------------------------------


def ago(days: int, today: date = TODAY) -> str:
    return (today - timedelta(days=days)).isoformat()


def ahead(days: int, today: date = TODAY) -> str:
    return (today + timedelta(days=days)).isoformat()


def log(*lines: str) -> str:
    """A `## Log` section with the given lines."""
    return "## Log\n" + "".join(line + "\n" for line in lines)


def jane(body: str = "", **fields: object) -> str:
    return person("Jane Doe", body, **fields)


def eol(files: dict[str, str], ending: str) -> dict[str, str]:
    """The same files with the given line ending ("\r\n": as saved by Windows editors)."""
    return {path: text.replace("\n", ending) for path, text in files.items()}


EOLS = pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["lf", "crlf"])


def due(run, vault: Path, today: date | str = TODAY) -> dict:
    """`vaultnet due --json` for the vault: the parsed JSON, after checking exit code 0."""
    result = run("due", "--json", "--vault", vault, "--today", today)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["today"] == str(today)
    return data


def agenda(make_vault, run, files: dict[str, str], today: date | str = TODAY) -> dict:
    return due(run, make_vault(files), today)


def pick(entries: list[dict], keys: tuple[str, ...]) -> list[dict]:
    """The entries with only the keys PRODUCT.md promises (extra keys are welcome)."""
    return [{k: entry[k] for k in keys} for entry in entries]


def names(entries: list[dict]) -> list[str]:
    return [entry["person"] for entry in entries]


def stay(make_vault, run, files: dict[str, str], today: date | str = TODAY) -> list[dict]:
    return pick(agenda(make_vault, run, files, today)["stay_in_touch"], STAY_KEYS)


def jane_due(days_since: int | None, cadence_days: int, last: str | None = None) -> dict:
    """Jane's expected stay-in-touch entry."""
    if last is None and days_since is not None:
        last = ago(days_since)
    return {"person": "Jane Doe", "path": JANE, "last_contact": last,
            "cadence_days": cadence_days, "days_since": days_since}


def last_contact(make_vault, run, files: dict[str, str], who: str = "Jane Doe") -> str | None:
    """The day of `who`'s last interaction, read off the agenda.

    `who`'s note must have `cadence: daily`, so that they are on the stay-in-touch list whenever
    they were not contacted today; a person never contacted gives None.
    """
    entries = agenda(make_vault, run, files)["stay_in_touch"]
    found = [e for e in entries if e["person"] == who]
    assert len(found) == 1, entries
    assert found[0]["cadence_days"] == 1
    return found[0]["last_contact"]


def outreach(make_vault, run, files: dict[str, str], today: date | str = TODAY) -> list[dict]:
    return pick(agenda(make_vault, run, files, today)["outreach"], OUTREACH_KEYS)


def jane_outreach(last: int, sent: int, action: str) -> dict:
    return {"person": "Jane Doe", "path": JANE, "last_outreach": ago(last),
            "days_waiting": last, "followups_sent": sent, "action": action}


def promises(make_vault, run, files: dict[str, str]) -> list[dict]:
    return pick(agenda(make_vault, run, files)["promises"], PROMISE_KEYS)


def birthdays(make_vault, run, files: dict[str, str], today: date | str = TODAY) -> list[dict]:
    return pick(agenda(make_vault, run, files, today)["birthdays"], BIRTHDAY_KEYS)


# Someone always due (never contacted), so that "only Control is due" cannot pass on an empty vault.
CONTROL = {"People/Control.md": person("Control", cadence="weekly")}
CONTROL_ENTRY = {"person": "Control", "path": "People/Control.md", "last_contact": None,
                 "cadence_days": 7, "days_since": None}


# -- stay in touch: cadence --------------------------------------------------------------------

CADENCES = [
    ("10d", 10), ("2w", 14), ("3m", 90), ("1y", 365),
    ("daily", 1), ("weekly", 7), ("biweekly", 14), ("monthly", 30), ("quarterly", 90),
    ("yearly", 365), ("45", 45), ('"45"', 45), ("Monthly", 30), ("30D", 30),
]


@pytest.mark.parametrize(("cadence", "days"), CADENCES)
def test_cadence_is_due_exactly_at_the_boundary(make_vault, run, cadence, days):
    files = {JANE: jane(log(f"- {ago(days)} Coffee"), cadence=cadence)}
    assert stay(make_vault, run, files) == [jane_due(days, days)]


@pytest.mark.parametrize(("cadence", "days"), CADENCES)
def test_cadence_is_not_due_one_day_before(make_vault, run, cadence, days):
    files = {JANE: jane(log(f"- {ago(days - 1)} Coffee"), cadence=cadence), **CONTROL}
    assert stay(make_vault, run, files) == [CONTROL_ENTRY]


@pytest.mark.parametrize(("cadence", "days"), CADENCES)
def test_cadence_long_overdue(make_vault, run, cadence, days):
    files = {JANE: jane(log(f"- {ago(days + 40)} Coffee"), cadence=cadence)}
    assert stay(make_vault, run, files) == [jane_due(days + 40, days)]


# -- stay in touch: roles ------------------------------------------------------------------------

ROLES = [("mentor", 30), ("advisee", 30), ("peer", 60), ("colleague", 90), ("friend", 90)]


@pytest.mark.parametrize(("role", "days"), ROLES)
def test_role_default_cadence_due_at_boundary(make_vault, run, role, days):
    files = {JANE: jane(log(f"- {ago(days)} Coffee"), role=role)}
    assert stay(make_vault, run, files) == [jane_due(days, days)]


@pytest.mark.parametrize(("role", "days"), ROLES)
def test_role_default_cadence_not_due_one_day_before(make_vault, run, role, days):
    files = {JANE: jane(log(f"- {ago(days - 1)} Coffee"), role=role), **CONTROL}
    assert stay(make_vault, run, files) == [CONTROL_ENTRY]


@pytest.mark.parametrize(("role", "days"), [("Mentor", 30), ("PEER", 60), ("Friend", 90),
                                            ("coLLeague", 90), ("ADVISEE", 30)])
def test_role_is_case_insensitive(make_vault, run, role, days):
    files = {JANE: jane(log(f"- {ago(days)} Coffee"), role=role)}
    assert stay(make_vault, run, files) == [jane_due(days, days)]


@pytest.mark.parametrize("fields", [
    {"role": "wizard"},
    {"role": "investor"},
    {},
], ids=["unknown-role", "other-unknown-role", "no-role"])
@pytest.mark.parametrize("body", [log(f"- {ago(1000)} Coffee"), ""], ids=["contacted", "never"])
def test_person_without_a_cadence_is_not_tracked(make_vault, run, fields, body):
    files = {JANE: jane(body, **fields), **CONTROL}
    assert stay(make_vault, run, files) == [CONTROL_ENTRY]


def test_cadence_field_overrides_role_when_shorter(make_vault, run):
    files = {JANE: jane(log(f"- {ago(7)} Coffee"), role="friend", cadence="1w")}
    assert stay(make_vault, run, files) == [jane_due(7, 7)]


def test_cadence_field_overrides_role_when_longer(make_vault, run):
    # Due by the mentor default (30), but the cadence field says 90.
    files = {JANE: jane(log(f"- {ago(40)} Coffee"), role="mentor", cadence="quarterly"),
             **CONTROL}
    assert stay(make_vault, run, files) == [CONTROL_ENTRY]


def test_cadence_field_alone_tracks_a_person_without_role(make_vault, run):
    files = {JANE: jane(log(f"- {ago(20)} Coffee"), cadence="20d")}
    assert stay(make_vault, run, files) == [jane_due(20, 20)]


SETTINGS = ".vaultnet.toml"


@pytest.mark.parametrize(("toml", "role", "days"), [
    ('[cadence]\nmentor = "14d"\n', "mentor", 14),
    ("[cadence]\nmentor = 14\n", "mentor", 14),
    ('[cadence]\nfriend = "2w"\n', "Friend", 14),
    ('[cadence]\nFriend = "2w"\n', "friend", 14),
    ('[cadence]\npeer = "yearly"\n', "peer", 365),
    ('[cadence]\ninvestor = "45d"\n', "investor", 45),
], ids=["mentor-14d", "mentor-int", "role-case", "settings-key-case", "peer-yearly", "new-role"])
def test_settings_change_the_role_default(make_vault, run, toml, role, days):
    at_boundary = {SETTINGS: toml, JANE: jane(log(f"- {ago(days)} Coffee"), role=role)}
    assert stay(make_vault, run, at_boundary) == [jane_due(days, days)]


@pytest.mark.parametrize(("toml", "role", "days"), [
    ('[cadence]\nmentor = "14d"\n', "mentor", 14),
    ('[cadence]\npeer = "yearly"\n', "peer", 365),
], ids=["mentor-14d", "peer-yearly"])
def test_settings_role_default_not_due_one_day_before(make_vault, run, toml, role, days):
    files = {SETTINGS: toml, JANE: jane(log(f"- {ago(days - 1)} Coffee"), role=role), **CONTROL}
    assert stay(make_vault, run, files) == [CONTROL_ENTRY]


def test_settings_keep_the_other_role_defaults(make_vault, run):
    files = {SETTINGS: '[cadence]\nmentor = "14d"\n',
             JANE: jane(log(f"- {ago(60)} Coffee"), role="peer"),
             BOB: person("Bob Smith", log(f"- {ago(59)} Coffee"), role="peer")}
    assert stay(make_vault, run, files) == [jane_due(60, 60)]


def test_cadence_field_beats_settings(make_vault, run):
    files = {SETTINGS: '[cadence]\nmentor = "14d"\n',
             JANE: jane(log(f"- {ago(20)} Coffee"), role="mentor", cadence="20d")}
    assert stay(make_vault, run, files) == [jane_due(20, 20)]


# -- stay in touch: never contacted, prospects, dormant -------------------------------------------


@pytest.mark.parametrize(("role", "days"), ROLES)
def test_never_contacted_is_due(make_vault, run, role, days):
    files = {JANE: jane("Met nobody yet.\n", role=role)}
    assert stay(make_vault, run, files) == [jane_due(None, days)]


@pytest.mark.parametrize("fields", [
    {"status": "prospect", "role": "mentor"},
    {"status": "Prospect", "role": "mentor"},
    {"role": "prospect"},
    {"role": "Prospect", "cadence": "7d"},
    {"status": "prospect", "cadence": "weekly"},
    {"status": "dormant", "role": "friend"},
    {"status": "Dormant", "cadence": "daily"},
])
@pytest.mark.parametrize("body", [log(f"- {ago(400)} Emailed #outreach"), ""],
                         ids=["written-to", "never"])
def test_prospects_and_dormant_are_not_tracked(make_vault, run, fields, body):
    files = {JANE: jane(body, **fields), **CONTROL}
    assert stay(make_vault, run, files) == [CONTROL_ENTRY]


@pytest.mark.parametrize(("fields", "due"), [
    ({"status": "prospect", "role": "mentor"}, [(400, 30)]),  # their role's cadence from then on
    ({"status": "prospect", "cadence": "weekly"}, [(400, 7)]),
    ({"role": "prospect"}, []),  # `role: prospect` has no cadence
])
def test_a_prospect_you_have_met_is_tracked(make_vault, run, fields, due):
    """PRODUCT.md, Met: any contact that is not outreach, and they are known from then on."""
    files = {JANE: jane(log(f"- {ago(400)} Coffee"), **fields)}
    assert stay(make_vault, run, files) == [jane_due(days, cadence) for days, cadence in due]


def test_active_status_is_tracked(make_vault, run):
    files = {JANE: jane(log(f"- {ago(30)} Coffee"), status="active", role="mentor")}
    assert stay(make_vault, run, files) == [jane_due(30, 30)]


# -- the last_contact field --------------------------------------------------------------------


@pytest.mark.parametrize("field", ["last_contact", "last-contact", "lastContact", "last_chat",
                                   "Last_Contact", "LAST-CHAT", "last contact"])
def test_last_contact_field_and_its_aliases(make_vault, run, field):
    files = {JANE: jane("", role="mentor", **{field: ago(31)})}
    assert stay(make_vault, run, files) == [jane_due(31, 30)]


def test_last_contact_field_as_a_wikilink(make_vault, run):
    files = {JANE: jane("", role="mentor", last_contact=f'"[[{ago(31)}]]"')}
    assert stay(make_vault, run, files) == [jane_due(31, 30)]


def test_last_contact_field_newer_than_the_log_wins(make_vault, run):
    files = {JANE: jane(log(f"- {ago(100)} Coffee"), role="mentor", last_contact=ago(29)),
             **CONTROL}
    assert stay(make_vault, run, files) == [CONTROL_ENTRY]


def test_log_newer_than_the_last_contact_field_wins(make_vault, run):
    files = {JANE: jane(log(f"- {ago(35)} Coffee"), role="mentor", last_contact=ago(100))}
    assert stay(make_vault, run, files) == [jane_due(35, 30)]


def test_future_last_contact_is_ignored(make_vault, run):
    files = {JANE: jane("", role="mentor", last_contact=ahead(3))}
    assert stay(make_vault, run, files) == [jane_due(None, 30)]


def test_future_last_contact_does_not_hide_an_older_log(make_vault, run):
    files = {JANE: jane(log(f"- {ago(40)} Coffee"), role="mentor", last_contact=ahead(1))}
    assert stay(make_vault, run, files) == [jane_due(40, 30)]


def test_last_contact_today_counts(make_vault, run):
    files = {JANE: jane("", cadence="daily", last_contact=ago(0)), **CONTROL}
    assert stay(make_vault, run, files) == [CONTROL_ENTRY]


def test_last_contact_field_is_a_plain_interaction_that_closes_outreach(make_vault, run):
    files = {JANE: jane(log(f"- {ago(20)} Emailed #outreach"), last_contact=ago(10))}
    assert outreach(make_vault, run, files) == []


def test_last_contact_field_older_than_outreach_leaves_it_open(make_vault, run):
    files = {JANE: jane(log(f"- {ago(10)} Emailed #outreach"), last_contact=ago(20))}
    assert outreach(make_vault, run, files) == [jane_outreach(10, 0, "follow-up")]


# -- log entries ---------------------------------------------------------------------------------

ON = ago(40)  # the date of the entry under test


@pytest.mark.parametrize("line", [
    f"- {ON} Coffee at the Media Lab #met",
    f"- [[{ON}]] Coffee at the Media Lab",
    f"- [[{ON}|{ON}]] Coffee",
    f"## {ON} Coffee",
    f"### {ON}",
    f"* {ON} Coffee",
    f"+ {ON} Coffee",
    f"1. {ON} Coffee",
    f"12) {ON} Coffee",
    f"  - {ON} Nested under another item",
    f"- {ON}: Coffee",
    f"- {ON} — Coffee",
    f"- {ON}",
], ids=["dash", "wikilink-date", "wikilink-date-shown", "heading2", "heading3-bare", "star",
        "plus", "numbered", "numbered-paren", "nested", "colon", "em-dash", "date-only"])
def test_log_entry_forms_count_as_contact(make_vault, run, line):
    files = {JANE: jane(log(f"- {ago(300)} First meeting", line), cadence="daily")}
    assert last_contact(make_vault, run, files) == ON


@pytest.mark.parametrize("line", [
    f"Coffee on {ON}",
    f"- Coffee on {ON}",
    f"-{ON} no space after the dash",
    f"- [ ] {ON} call her",
    f"- [x] {ON} called her",
    f"- {ON.replace('-', '')} digits only",
    f"#{ON} not a heading",
    f"- {ON}1 longer number",
], ids=["prose", "date-not-first", "no-space", "open-task", "done-task", "compact-date",
        "hashtag", "longer-number"])
def test_lines_that_are_not_log_entries(make_vault, run, line):
    files = {JANE: jane(log(f"- {ago(300)} First meeting", line), cadence="daily")}
    assert last_contact(make_vault, run, files) == ago(300)


def test_log_entries_need_no_log_heading(make_vault, run):
    files = {JANE: jane(f"Some notes.\n\n- {ago(300)} First\n\n# Later\n- {ago(33)} Call\n",
                        cadence="daily")}
    assert last_contact(make_vault, run, files) == ago(33)


def test_any_dated_entry_counts_whatever_its_tags(make_vault, run):
    files = {JANE: jane(log(f"- {ago(300)} Coffee #met", f"- {ago(50)} She helped me #asked",
                            f"- {ago(60)} Call #call"), cadence="daily")}
    assert last_contact(make_vault, run, files) == ago(50)


def test_latest_entry_wins_whatever_the_order_of_lines(make_vault, run):
    files = {JANE: jane(log(f"- {ago(10)} Newest first", f"- {ago(90)} Older",
                            f"## {ago(30)} Heading"), cadence="daily")}
    assert last_contact(make_vault, run, files) == ago(10)


def test_lines_dated_after_today_are_plans(make_vault, run):
    files = {JANE: jane(log(f"- {ago(12)} Coffee", f"- {ahead(1)} Lunch planned",
                            f"## {ahead(30)} Conference"), cadence="daily")}
    assert last_contact(make_vault, run, files) == ago(12)


def test_only_future_lines_means_never_contacted(make_vault, run):
    files = {JANE: jane(log(f"- {ahead(1)} Lunch planned"), role="mentor")}
    assert stay(make_vault, run, files) == [jane_due(None, 30)]


def test_a_line_dated_today_is_contact(make_vault, run):
    files = {JANE: jane(log(f"- {ago(100)} Coffee", f"- {ago(0)} Call"), role="mentor"),
             **CONTROL}
    assert stay(make_vault, run, files) == [CONTROL_ENTRY]


@EOLS
@pytest.mark.parametrize("fence", ["```", "~~~", "```markdown"])
def test_lines_in_a_fenced_code_block_are_not_contact(make_vault, run, fence, ending):
    closing = fence[:3]
    body = log(f"- {ago(60)} Coffee", fence, f"- {ago(2)} example in a code block",
               f"## {ago(1)} heading in a code block", closing, f"- {ago(50)} Call")
    files = eol({JANE: jane(body, cadence="daily")}, ending)
    assert last_contact(make_vault, run, files) == ago(50)


def test_an_unclosed_fence_runs_to_the_end_of_the_note(make_vault, run):
    # CommonMark (and Obsidian): a fence never closed holds every line up to the end.
    body = log(f"- {ago(60)} Coffee", "```", f"- {ago(2)} example in a code block")
    files = {JANE: jane(body, cadence="daily")}
    assert last_contact(make_vault, run, files) == ago(60)


def test_a_longer_fence_is_not_closed_by_a_shorter_one(make_vault, run):
    body = log(f"- {ago(60)} Coffee", "````", "```", f"- {ago(3)} inside", "```",
               f"- {ago(2)} still inside", "````", f"- {ago(50)} Call")
    files = {JANE: jane(body, cadence="daily")}
    assert last_contact(make_vault, run, files) == ago(50)


@EOLS
def test_outreach_in_a_fenced_code_block_is_not_outreach(make_vault, run, ending):
    body = log(f"- {ago(30)} Coffee", "```", f"- {ago(10)} Emailed #outreach", "```")
    files = eol({JANE: jane(body)}, ending)
    assert outreach(make_vault, run, files) == []


def test_windows_line_endings_read_like_unix_ones(make_vault, run):
    files = {JANE: jane(log(f"- {ago(40)} Coffee #met", f"## {ago(35)} Call",
                            f"- {ago(9)} Emailed #outreach")
                        + f"- [ ] Send the paper 📅 {ago(1)}\n", role="mentor",
                        birthday="--11-30"),
             f"Daily/{ago(12)}.md": "# Day\nLunch with [[Jane Doe]]\n"}
    lf = agenda(make_vault, run, files)
    assert pick(lf["outreach"], OUTREACH_KEYS) == [jane_outreach(9, 0, "follow-up")]
    assert pick(lf["promises"], PROMISE_KEYS) == [
        {"person": "Jane Doe", "path": JANE, "text": "Send the paper", "due": ago(1),
         "overdue": True}]
    assert pick(lf["birthdays"], BIRTHDAY_KEYS) == [
        {"person": "Jane Doe", "path": JANE, "date": "2026-11-30", "days_until": 5}]
    crlf = agenda(make_vault, run, eol(files, "\r\n"))
    assert crlf == lf


def test_log_line_linking_another_person_counts_for_both(make_vault, run):
    files = {JANE: jane(log(f"- {ago(9)} Dinner with [[Bob Smith]]", f"- {ago(100)} Coffee"),
                        cadence="daily"),
             BOB: person("Bob Smith", "No log.\n", cadence="daily")}
    assert last_contact(make_vault, run, files, "Jane Doe") == ago(9)
    assert last_contact(make_vault, run, files, "Bob Smith") == ago(9)


def test_log_line_linking_a_person_by_alias_counts_for_them(make_vault, run):
    files = {JANE: jane(log(f"- {ago(9)} Dinner with [[Bobby|him]]"), cadence="daily"),
             BOB: person("Bob Smith", "", cadence="daily", aliases="[Bobby]")}
    assert last_contact(make_vault, run, files, "Bob Smith") == ago(9)


def test_mentioning_someone_outside_a_dated_line_is_not_contact(make_vault, run):
    files = {JANE: jane(f"Knows [[Bob Smith]].\n\n{log(f'- {ago(9)} Coffee')}", cadence="daily"),
             BOB: person("Bob Smith", "", cadence="daily")}
    assert last_contact(make_vault, run, files, "Bob Smith") is None


# -- daily notes ---------------------------------------------------------------------------------

DAY = "2026-11-20"
DAILY = f"Daily/{DAY}.md"


def daily_vault(line: str, daily: str = DAILY) -> dict[str, str]:
    return {JANE: jane("", cadence="daily", aliases="[Jane, JD]"),
            daily: f"# {daily}\n\nMorning.\n{line}\n"}


@pytest.mark.parametrize("line", [
    "Lunch with [[Jane Doe]]",
    "- Lunch with [[Jane Doe]] #met",
    "Lunch with [[jane doe]]",
    "Lunch with [[JANE DOE]]",
    "Lunch with [[Jane]]",
    "Lunch with [[jd]]",
    "Lunch with [[Jane Doe|the professor]]",
    "Lunch with [[Jane|J.]]",
    "Lunch with [[People/Jane Doe]]",
    "Lunch with [[people/jane doe|her]]",
    "Lunch with [[Jane Doe#Log]]",
    "Lunch with [[Jane Doe#Log|her]]",
    "Lunch with [[Jane Doe.md]]",
    "![[Jane Doe]]",
    "## Met [[Jane Doe]]",
    "| lunch | [[Jane Doe\\|Jane]] |",
], ids=["plain", "list-item", "lower-case", "upper-case", "alias", "alias-lower-case",
        "shown-text", "alias-shown-text", "folder", "folder-lower-case", "heading",
        "heading-shown-text", "md-suffix", "embed", "heading-line", "table-escaped-pipe"])
def test_daily_note_line_linking_the_person_is_contact_that_day(make_vault, run, line):
    assert last_contact(make_vault, run, daily_vault(line)) == DAY


@pytest.mark.parametrize("line", [
    "Lunch with Jane Doe",
    "Lunch with [[Janet]]",
    "Lunch with [[Other/Jane Doe]]",
    "Lunch with `[[Jane Doe]]`",
], ids=["no-link", "other-name", "other-folder", "inline-code"])
def test_daily_note_line_not_linking_the_person(make_vault, run, line):
    assert last_contact(make_vault, run, daily_vault(line)) is None


@EOLS
@pytest.mark.parametrize("block", [
    "```\n[[Jane Doe]]\n```",
    "~~~\nLunch with [[Jane Doe]]\n~~~",
    "```text\n- Emailed [[Jane Doe]] #outreach\n```\nAfter the block.",
], ids=["backticks", "tildes", "with-info-string"])
def test_daily_note_link_in_a_code_block_is_not_contact(make_vault, run, block, ending):
    files = eol(daily_vault(block), ending)
    assert last_contact(make_vault, run, files) is None


def test_a_note_whose_name_starts_with_a_date_is_a_daily_note(make_vault, run):
    """Without Obsidian's daily-note setting, `2026-11-20 Standup.md` is that day's note."""
    files = daily_vault("Standup with [[Jane Doe]]", daily=f"Meetings/{DAY} Standup.md")
    assert last_contact(make_vault, run, files) == DAY


def test_a_name_that_only_looks_dated_is_not_a_daily_note(make_vault, run):
    files = daily_vault("Standup with [[Jane Doe]]", daily="Meetings/20261120 Standup.md")
    assert last_contact(make_vault, run, files) is None


def test_daily_note_in_any_folder_counts(make_vault, run):
    files = daily_vault("Call with [[Jane Doe]]", daily=f"Journal/2026/{DAY}.md")
    assert last_contact(make_vault, run, files) == DAY


def test_daily_note_dated_after_today_is_a_plan(make_vault, run):
    files = daily_vault("Lunch with [[Jane Doe]]", daily=f"Daily/{ahead(2)}.md")
    assert last_contact(make_vault, run, files) is None


def test_latest_daily_note_wins_over_older_log(make_vault, run):
    files = {JANE: jane(log(f"- {ago(30)} Coffee"), cadence="daily"),
             f"Daily/{ago(3)}.md": "Call with [[Jane Doe]]\n",
             f"Daily/{ago(8)}.md": "Lunch with [[Jane Doe]]\n"}
    assert last_contact(make_vault, run, files) == ago(3)


def test_daily_note_line_counts_for_every_person_it_links(make_vault, run):
    files = {JANE: jane("", cadence="daily"), BOB: person("Bob Smith", "", cadence="daily"),
             DAILY: "Dinner with [[Jane Doe]] and [[Bob Smith]]\n"}
    assert last_contact(make_vault, run, files, "Jane Doe") == DAY
    assert last_contact(make_vault, run, files, "Bob Smith") == DAY


def test_daily_note_contact_makes_a_mentor_not_due(make_vault, run):
    files = {JANE: jane(log(f"- {ago(100)} Coffee"), role="mentor"),
             DAILY: "Lunch with [[Jane Doe]]\n", **CONTROL}
    assert stay(make_vault, run, files) == [CONTROL_ENTRY]


# -- outreach ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lines", "expected"), [
    ([f"- {ago(6)} Emailed #outreach"], []),
    ([f"- {ago(7)} Emailed #outreach"], [jane_outreach(7, 0, "follow-up")]),
    ([f"- {ago(30)} Emailed #outreach"], [jane_outreach(30, 0, "follow-up")]),
    ([f"- {ago(20)} Emailed #outreach", f"- {ago(9)} Nudged #outreach"],
     [jane_outreach(9, 1, "follow-up")]),
    ([f"- {ago(20)} Emailed #outreach", f"- {ago(6)} Nudged #outreach"], []),
    ([f"- {ago(30)} Emailed #outreach", f"- {ago(20)} Nudged #outreach",
      f"- {ago(10)} Nudged again #outreach"], [jane_outreach(10, 2, "rest")]),
    ([f"- {ago(40)} #outreach", f"- {ago(30)} #outreach", f"- {ago(20)} #outreach",
      f"- {ago(8)} #outreach"], [jane_outreach(8, 3, "rest")]),
    ([f"- {ago(10)} Nudged #outreach", f"- {ago(30)} Emailed #outreach"],
     [jane_outreach(10, 1, "follow-up")]),
    ([f"## {ago(12)} Emailed #outreach"], [jane_outreach(12, 0, "follow-up")]),
    ([f"- [[{ago(12)}]] Emailed #outreach"], [jane_outreach(12, 0, "follow-up")]),
], ids=["waiting-6-days", "waiting-7-days", "waiting-30-days", "two-open", "two-open-recent",
        "three-open", "four-open", "order-of-lines", "heading", "wikilink-date"])
def test_open_outreach(make_vault, run, lines, expected):
    files = {JANE: jane(log(f"- {ago(100)} Coffee #met", *lines))}
    assert outreach(make_vault, run, files) == expected


@pytest.mark.parametrize("closing", [
    f"- {ago(10)} She replied #reply",
    f"- {ago(10)} Coffee #met",
    f"- {ago(10)} Call #call",
    f"- {ago(10)} Sent notes #gave",
    f"- {ago(10)} She helped #asked",
    f"- {ago(10)} Bumped into her",
    f"## {ago(10)} Chat",
    f"- {ago(0)} She replied today #reply",
], ids=["reply", "met", "call", "gave", "asked", "untagged", "heading", "today"])
def test_a_later_plain_interaction_closes_outreach(make_vault, run, closing):
    files = {JANE: jane(log(f"- {ago(30)} Emailed #outreach", f"- {ago(20)} Nudged #outreach",
                            closing))}
    assert outreach(make_vault, run, files) == []


@pytest.mark.parametrize("lines", [
    [f"- {ago(10)} Emailed #outreach", f"- {ago(10)} She replied #reply"],
    [f"- {ago(10)} She replied #reply", f"- {ago(10)} Emailed #outreach"],
], ids=["reply-after", "reply-before"])
def test_same_day_reply_closes_outreach(make_vault, run, lines):
    files = {JANE: jane(log(*lines))}
    assert outreach(make_vault, run, files) == []


def test_daily_note_mention_closes_outreach(make_vault, run):
    files = {JANE: jane(log(f"- {ago(20)} Emailed #outreach")),
             f"Daily/{ago(10)}.md": "Ran into [[Jane Doe]] at the library\n"}
    assert outreach(make_vault, run, files) == []


def test_one_outreach_logged_in_two_notes_is_no_follow_up(make_vault, run):
    """An email logged in their note and again in that day's daily note is one outreach: the
    follow-ups are counted by day."""
    files = {JANE: jane(log(f"- {ago(9)} Emailed about the internship #outreach")),
             f"Daily/{ago(9)}.md": "- Emailed [[Jane Doe]] about the internship #outreach\n"}
    assert outreach(make_vault, run, files) == [jane_outreach(9, 0, "follow-up")]
    files[JANE] = jane(log(f"- {ago(9)} Emailed about the internship #outreach",
                           f"- {ago(8)} Nudged #outreach"))
    assert outreach(make_vault, run, files) == [jane_outreach(8, 1, "follow-up")]


def test_one_message_received_logged_in_two_notes_is_one_reply_owed(make_vault, run):
    """As outreach is, a reply owed is counted by day, and worded from their own note's line:
    the daily note's copy made it "(and 1 more)", quoted from the daily note, kind tag first."""
    files = {JANE: jane(log(f"- {ago(11)} #received Question about the dataset #urgent")),
             f"Daily/{ago(11)}.md": "- Email from [[Jane Doe]] about the dataset #received\n"}
    owed = agenda(make_vault, run, files)["replies"]
    assert [(r["received"], r["text"], r["more"]) for r in owed] == [
        (ago(11), "Question about the dataset", 0)]
    files[JANE] = jane(log(f"- {ago(11)} #received Question about the dataset #urgent",
                           f"- {ago(4)} Asked again #received"))
    owed = agenda(make_vault, run, files)["replies"]
    assert [(r["received"], r["text"], r["more"]) for r in owed] == [
        (ago(11), "Question about the dataset", 1)]


def test_outreach_older_than_the_latest_plain_interaction_is_not_open(make_vault, run):
    files = {JANE: jane(log(f"- {ago(40)} Emailed #outreach", f"- {ago(35)} Nudged #outreach",
                            f"- {ago(20)} She replied #reply", f"- {ago(10)} Asked again #outreach"))}
    assert outreach(make_vault, run, files) == [jane_outreach(10, 0, "follow-up")]


def test_a_reply_without_outreach_is_nothing_to_follow_up(make_vault, run):
    files = {JANE: jane(log(f"- {ago(20)} She wrote #reply"))}
    assert outreach(make_vault, run, files) == []


def test_outreach_dated_after_today_is_not_open(make_vault, run):
    files = {JANE: jane(log(f"- {ago(30)} Coffee", f"- {ahead(1)} Will email #outreach"))}
    assert outreach(make_vault, run, files) == []


def test_a_reply_dated_after_today_does_not_close_outreach(make_vault, run):
    files = {JANE: jane(log(f"- {ago(10)} Emailed #outreach", f"- {ahead(1)} Reply #reply"))}
    assert outreach(make_vault, run, files) == [jane_outreach(10, 0, "follow-up")]


def test_outreach_in_a_daily_note_counts(make_vault, run):
    files = {JANE: jane(log(f"- {ago(100)} Coffee")),
             f"Daily/{ago(9)}.md": "# Today\n- Emailed [[Jane Doe]] about the internship #outreach\n"}
    assert outreach(make_vault, run, files) == [jane_outreach(9, 0, "follow-up")]


def test_outreach_in_daily_notes_and_the_log_add_up(make_vault, run):
    files = {JANE: jane(log(f"- {ago(30)} Emailed #outreach"), aliases="[Jane]"),
             f"Daily/{ago(20)}.md": "Nudged [[Jane]] #outreach\n",
             f"Daily/{ago(8)}.md": "Nudged [[jane doe|her]] again #outreach\n"}
    assert outreach(make_vault, run, files) == [jane_outreach(8, 2, "rest")]


def test_outreach_line_in_another_note_counts_for_the_linked_person(make_vault, run):
    files = {JANE: jane(log(f"- {ago(100)} Coffee")),
             BOB: person("Bob Smith", log(f"- {ago(8)} Asked [[Jane Doe]] for an intro #outreach"))}
    result = outreach(make_vault, run, files)
    assert result == [
        {"person": "Bob Smith", "path": BOB, "last_outreach": ago(8), "days_waiting": 8,
         "followups_sent": 0, "action": "follow-up"},
        jane_outreach(8, 0, "follow-up"),
    ]


@pytest.mark.parametrize(("toml", "lines", "expected"), [
    ("[outreach]\nwait_days = 3\n", [f"- {ago(3)} #outreach"], [jane_outreach(3, 0, "follow-up")]),
    ("[outreach]\nwait_days = 3\n", [f"- {ago(2)} #outreach"], []),
    ("[outreach]\nwait_days = 14\n", [f"- {ago(13)} #outreach"], []),
    ("[outreach]\nwait_days = 14\n", [f"- {ago(14)} #outreach"],
     [jane_outreach(14, 0, "follow-up")]),
    ("[outreach]\nmax_followups = 1\n", [f"- {ago(20)} #outreach", f"- {ago(9)} #outreach"],
     [jane_outreach(9, 1, "rest")]),
    ("[outreach]\nmax_followups = 1\n", [f"- {ago(9)} #outreach"],
     [jane_outreach(9, 0, "follow-up")]),
    ("[outreach]\nmax_followups = 0\n", [f"- {ago(9)} #outreach"], [jane_outreach(9, 0, "rest")]),
    ("[outreach]\nmax_followups = 3\n",
     [f"- {ago(30)} #outreach", f"- {ago(20)} #outreach", f"- {ago(10)} #outreach"],
     [jane_outreach(10, 2, "follow-up")]),
    ("[outreach]\nmax_followups = 3\n",
     [f"- {ago(40)} #outreach", f"- {ago(30)} #outreach", f"- {ago(20)} #outreach",
      f"- {ago(10)} #outreach"], [jane_outreach(10, 3, "rest")]),
    ("[outreach]\nwait_days = 1\nmax_followups = 5\n",
     [f"- {ago(2)} #outreach", f"- {ago(1)} #outreach"], [jane_outreach(1, 1, "follow-up")]),
], ids=["wait-3-at-3", "wait-3-at-2", "wait-14-at-13", "wait-14-at-14", "max-1-two-open",
        "max-1-one-open", "max-0", "max-3-three-open", "max-3-four-open", "both"])
def test_outreach_settings(make_vault, run, toml, lines, expected):
    files = {SETTINGS: toml, JANE: jane(log(f"- {ago(100)} Coffee", *lines))}
    assert outreach(make_vault, run, files) == expected


@pytest.mark.parametrize("fields", [{"status": "prospect"}, {"role": "prospect"},
                                    {"status": "prospect", "role": "mentor"}])
def test_prospects_get_outreach_follow_ups(make_vault, run, fields):
    files = {JANE: jane(log(f"- {ago(8)} Cold email #outreach"), **fields)}
    data = agenda(make_vault, run, files)
    assert pick(data["outreach"], OUTREACH_KEYS) == [jane_outreach(8, 0, "follow-up")]
    assert data["stay_in_touch"] == []


def test_outreach_counts_as_contact_for_stay_in_touch(make_vault, run):
    # "the days since the last interaction": an outreach is an interaction.
    files = {JANE: jane(log(f"- {ago(100)} Coffee", f"- {ago(10)} Emailed #outreach"),
                        role="mentor"), **CONTROL}
    assert stay(make_vault, run, files) == [CONTROL_ENTRY]


# -- promises ------------------------------------------------------------------------------------


def jane_promise(text: str, due: str, overdue: bool) -> dict:
    return {"person": "Jane Doe", "path": JANE, "text": text, "due": due, "overdue": overdue}


@pytest.mark.parametrize("marker", ["📅 {}", "(due {})", "(due: {})", "📅{}", "📆 {}", "🗓 {}",
                                    "🗓\ufe0f {}", "[due:: {}T10:00]", "(due {} )"],
                         ids=["calendar", "due-paren", "due-colon", "calendar-no-space",
                              "tear-off-calendar", "spiral-calendar", "spiral-calendar-emoji",
                              "dataview-date-time", "due-paren-space"])
@pytest.mark.parametrize(("due_day", "overdue"), [
    (ahead(7), False), (ahead(1), False), (ago(0), False), (ago(1), True), (ago(365), True),
], ids=["today+7", "tomorrow", "today", "yesterday", "a-year-ago"])
def test_promise_due_within_a_week_or_past(make_vault, run, marker, due_day, overdue):
    files = {JANE: jane(f"- [ ] Send her the paper {marker.format(due_day)}\n")}
    assert promises(make_vault, run, files) == [jane_promise("Send her the paper", due_day,
                                                             overdue)]


@pytest.mark.parametrize("marker", ["📅 {}", "(due {})"])
@pytest.mark.parametrize("due_day", [ahead(8), ahead(30), ahead(400)])
def test_promise_due_later_than_a_week_is_not_listed(make_vault, run, marker, due_day):
    files = {JANE: jane(f"- [ ] Send her the paper {marker.format(due_day)}\n"
                        f"- [ ] Control 📅 {ahead(7)}\n")}
    assert promises(make_vault, run, files) == [jane_promise("Control", ahead(7), False)]


@pytest.mark.parametrize("box", ["/", ">", "<", "!", "?"],
                         ids=["in-progress", "put-off", "scheduled", "important", "question"])
def test_a_task_in_progress_put_off_important_or_a_question_is_a_promise(make_vault, run, box):
    # (Read as done, an overdue promise flagged important left the agenda without a word.)
    files = {JANE: jane(f"## Tasks\n- [{box}] Send her the paper 📅 {ago(3)}\n")}
    assert promises(make_vault, run, files) == [jane_promise("Send her the paper", ago(3), True)]


@pytest.mark.parametrize("task", [
    f"- [-] Send the paper 📅 {ago(2)}",
    f"- [*] Send the paper 📅 {ago(2)}",
    f"- [x] Sent the paper 📅 {ago(2)}",
    f"- [X] Sent the paper 📅 {ago(2)}",
    f"- [x] Sent the paper (due {ago(2)})",
    "- [ ] Send the paper some day",
    f"- Send the paper 📅 {ago(2)}",
    f"Send the paper 📅 {ago(2)}",
], ids=["cancelled", "theme-star", "checked", "checked-upper", "checked-due", "no-due-date",
        "not-a-task", "prose"])
def test_done_and_undated_tasks_are_not_promises(make_vault, run, task):
    files = {JANE: jane(f"{task}\n- [ ] Control 📅 {ahead(7)}\n")}
    assert promises(make_vault, run, files) == [jane_promise("Control", ahead(7), False)]


@pytest.mark.parametrize(("task", "text"), [
    (f"- [ ] Send her the paper 📅 {ahead(2)}", "Send her the paper"),
    (f"- [ ] Send her the paper (due {ahead(2)})", "Send her the paper"),
    (f"- [ ] Send 📅 {ahead(2)} the paper", "Send the paper"),
    (f"- [ ] Send (due {ahead(2)}) the paper", "Send the paper"),
    (f"* [ ] Intro to [[Bob Smith]] 📅 {ahead(2)}", "Intro to [[Bob Smith]]"),
    (f"1. [ ] Book   the venue 📅 {ahead(2)}", "Book the venue"),
    (f"  - [ ] Nested task 📅 {ahead(2)}", "Nested task"),
], ids=["calendar", "due", "calendar-middle", "due-middle", "star-with-link", "numbered",
        "nested"])
def test_promise_text_has_the_date_marker_removed(make_vault, run, task, text):
    files = {JANE: jane(f"## Tasks\n{task}\n")}
    assert promises(make_vault, run, files) == [jane_promise(text, ahead(2), False)]


def test_promises_inside_a_log_section_are_tasks_not_contact(make_vault, run):
    files = {JANE: jane(log(f"- {ago(40)} Coffee", f"- [ ] Send her the paper 📅 {ago(1)}"),
                        cadence="daily")}
    data = agenda(make_vault, run, files)
    assert pick(data["promises"], PROMISE_KEYS) == [jane_promise("Send her the paper", ago(1),
                                                                 True)]
    assert data["stay_in_touch"][0]["last_contact"] == ago(40)


@EOLS
def test_task_in_a_code_block_is_not_a_promise(make_vault, run, ending):
    files = eol({JANE: jane(f"```\n- [ ] Example task 📅 {ago(1)}\n```\n"
                            f"- [ ] Control 📅 {ahead(7)}\n")}, ending)
    assert promises(make_vault, run, files) == [jane_promise("Control", ahead(7), False)]


def test_tasks_in_other_notes_are_not_promises(make_vault, run):
    files = {"Projects/Plan.md": f"- [ ] Write the plan 📅 {ago(1)}\n",
             DAILY: f"- [ ] Call [[Jane Doe]] 📅 {ago(1)}\n",
             JANE: jane(f"- [ ] Control 📅 {ahead(7)}\n")}
    assert promises(make_vault, run, files) == [jane_promise("Control", ahead(7), False)]


def test_prospects_and_dormant_people_keep_their_promises(make_vault, run):
    files = {JANE: jane(f"- [ ] Send the deck 📅 {ahead(3)}\n", status="prospect"),
             BOB: person("Bob Smith", f"- [ ] Return the book 📅 {ago(3)}\n", status="dormant")}
    assert promises(make_vault, run, files) == [
        {"person": "Bob Smith", "path": BOB, "text": "Return the book", "due": ago(3),
         "overdue": True},
        jane_promise("Send the deck", ahead(3), False),
    ]


# -- birthdays -----------------------------------------------------------------------------------


def jane_birthday(day: str, days_until: int) -> dict:
    return {"person": "Jane Doe", "path": JANE, "date": day, "days_until": days_until}


@pytest.mark.parametrize("field", ["birthday", "bday", "Birthday", "BDay"])
@pytest.mark.parametrize("value", ["1980-12-01", "--12-01", '"1980-12-01"', '"--12-01"'])
def test_birthday_forms(make_vault, run, field, value):
    files = {JANE: jane("", **{field: value})}
    assert birthdays(make_vault, run, files) == [jane_birthday("2026-12-01", 6)]


@pytest.mark.parametrize(("value", "expected"), [
    ("1990-11-25", [jane_birthday("2026-11-25", 0)]),
    ("--11-25", [jane_birthday("2026-11-25", 0)]),
    ("1990-11-26", [jane_birthday("2026-11-26", 1)]),
    ("1990-12-09", [jane_birthday("2026-12-09", 14)]),
    ("--12-09", [jane_birthday("2026-12-09", 14)]),
    ("1990-12-10", []),
    ("--12-10", []),
    ("1990-11-24", []),
    ("1990-06-01", []),
], ids=["today", "today-no-year", "tomorrow", "day-14", "day-14-no-year", "day-15",
        "day-15-no-year", "yesterday", "months-away"])
def test_birthday_window(make_vault, run, value, expected):
    files = {JANE: jane("", birthday=value)}
    assert birthdays(make_vault, run, files) == expected


@pytest.mark.parametrize(("today", "value", "expected"), [
    ("2026-12-25", "1990-01-05", [jane_birthday("2027-01-05", 11)]),
    ("2026-12-25", "--01-08", [jane_birthday("2027-01-08", 14)]),
    ("2026-12-25", "--01-09", []),
    ("2026-12-31", "--01-01", [jane_birthday("2027-01-01", 1)]),
    ("2026-12-25", "--12-25", [jane_birthday("2026-12-25", 0)]),
], ids=["wraps", "wraps-day-14", "wraps-day-15", "new-years-day", "christmas-today"])
def test_birthday_over_new_year(make_vault, run, today, value, expected):
    files = {JANE: jane("", birthday=value)}
    assert birthdays(make_vault, run, files, today) == expected


@pytest.mark.parametrize(("today", "value", "expected"), [
    ("2027-02-20", "2000-02-29", [jane_birthday("2027-02-28", 8)]),
    ("2027-02-20", "--02-29", [jane_birthday("2027-02-28", 8)]),
    ("2027-02-28", "2000-02-29", [jane_birthday("2027-02-28", 0)]),
    ("2027-02-14", "2000-02-29", [jane_birthday("2027-02-28", 14)]),
    ("2027-02-13", "2000-02-29", []),
    ("2028-02-20", "2000-02-29", [jane_birthday("2028-02-29", 9)]),
    ("2028-02-29", "--02-29", [jane_birthday("2028-02-29", 0)]),
    ("2027-03-01", "2000-02-29", []),
    ("2027-12-20", "2000-02-29", []),
], ids=["non-leap", "non-leap-no-year", "non-leap-today", "non-leap-day-14", "non-leap-day-15",
        "leap", "leap-today", "just-after", "december-before-a-leap-year"])
def test_birthday_on_29_february(make_vault, run, today, value, expected):
    files = {JANE: jane("", birthday=value)}
    assert birthdays(make_vault, run, files, today) == expected


def test_prospects_and_dormant_people_have_birthdays_too(make_vault, run):
    files = {JANE: jane("", status="dormant", birthday="--11-30"),
             BOB: person("Bob Smith", "", role="prospect", bday="--11-30")}
    assert names(agenda(make_vault, run, files)["birthdays"]) == ["Bob Smith", "Jane Doe"]


# -- names, paths and ordering -------------------------------------------------------------------


def test_entries_name_the_note_and_its_vault_relative_path(make_vault, run):
    files = {
        "People/Work/Jane Doe.md": person("Dr. Jane Doe, PhD", role="mentor"),
        "Contacts/bob.md": "---\ntype: Person\nrole: peer\n---\n# Bob Smith\n",
        "Misc/Carol Diaz.md": "---\ntags: [person, work]\ncadence: weekly\n---\n",
        "People/Dan.md": "---\nrole: friend\n---\n",
        "Notes/Not a person.md": "---\nrole: mentor\n---\n",
    }
    data = agenda(make_vault, run, files)
    assert [(e["person"], e["path"]) for e in data["stay_in_touch"]] == [
        ("bob", "Contacts/bob.md"),
        ("Carol Diaz", "Misc/Carol Diaz.md"),
        ("Dan", "People/Dan.md"),
        ("Jane Doe", "People/Work/Jane Doe.md"),
    ]


def test_every_list_names_the_person_by_note_and_path(make_vault, run):
    path = "People/Friends/Jane Doe.md"
    files = {path: person("Jane", log(f"- {ago(8)} Emailed #outreach")
                          + f"- [ ] Book a table 📅 {ahead(1)}\n",
                          role="mentor", last_contact=ago(100), birthday="--11-27")}
    data = agenda(make_vault, run, files)
    for section in ("outreach", "promises", "birthdays"):
        assert [(e["person"], e["path"]) for e in data[section]] == [("Jane Doe", path)]
    assert data["stay_in_touch"] == []  # the outreach 8 days ago is contact


def test_empty_vault_has_an_empty_agenda(make_vault, run):
    data = agenda(make_vault, run, {".obsidian/app.json": "{}", "Readme.md": "Nothing here.\n"})
    assert data == {"today": "2026-11-25", "replies": [], "stay_in_touch": [], "outreach": [],
                    "promises": [], "birthdays": []}


@pytest.mark.parametrize("command", [("due",), ("people",), ("brief", "Ann"), ("intro", "Ann"),
                                     ("log", "Ann", "Tea"),
                                     ("export", "--format", "json", "-o", "-")])
def test_a_folder_that_is_no_vault_is_told_so_not_that_nobody_is_due(make_vault, run, command):
    """A user who forgot `--vault` (a folder with no .obsidian, no .vaultnet.toml and no person
    note) is told so, as `sync` tells them, and not that everyone is in touch."""
    vault = make_vault({"README.md": "# A project\n"})
    result = run(*command, "--vault", vault)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {vault} does not look like a vault: it has no "
                                    ".obsidian folder, no .vaultnet.toml and no person note, so "
                                    "nothing was done. Run `vaultnet init")
    assert sorted(p.name for p in vault.iterdir()) == ["README.md"]


def test_stay_in_touch_order_most_overdue_first_never_contacted_last(make_vault, run):
    files = {
        "People/Carl.md": person("Carl", log(f"- {ago(31)} Coffee"), role="mentor"),   # 1 over
        "People/Bea.md": person("Bea", log(f"- {ago(200)} Coffee"), role="friend"),    # 110 over
        "People/abe.md": person("abe", log(f"- {ago(170)} Coffee"), role="peer"),      # 110 over
        "People/Eve.md": person("Eve", log(f"- {ago(400)} Coffee"), cadence="1y"),     # 35 over
        "People/Dan.md": person("Dan", role="mentor"),                                  # never
        "People/Ann.md": person("Ann", role="peer"),                                    # never
        "People/Fay.md": person("Fay", log(f"- {ago(29)} Coffee"), role="mentor"),     # not due
    }
    data = agenda(make_vault, run, files)
    assert names(data["stay_in_touch"]) == ["abe", "Bea", "Eve", "Carl", "Ann", "Dan"]
    assert [e["days_since"] for e in data["stay_in_touch"]] == [170, 200, 400, 31, None, None]


def test_outreach_order_follow_ups_first_longest_waiting_first(make_vault, run):
    def out(*days: int) -> str:
        return log(*(f"- {ago(d)} #outreach" for d in days))

    files = {
        "People/Ann.md": person("Ann", out(9)),
        "People/Bob.md": person("Bob", out(30, 20)),
        "People/cat.md": person("cat", out(20)),
        "People/Dan.md": person("Dan", out(40, 30, 8)),
        "People/Eve.md": person("Eve", out(50, 40, 25)),
        "People/Fay.md": person("Fay", out(3)),
    }
    data = agenda(make_vault, run, files)
    assert [(e["person"], e["action"], e["days_waiting"]) for e in data["outreach"]] == [
        ("Bob", "follow-up", 20), ("cat", "follow-up", 20), ("Ann", "follow-up", 9),
        ("Eve", "rest", 25), ("Dan", "rest", 8),
    ]


def test_promises_order_by_due_date_then_person_then_line(make_vault, run):
    files = {
        JANE: jane(f"- [ ] Second 📅 {ahead(3)}\n- [ ] Overdue (due {ago(5)})\n"
                   f"- [ ] Third 📅 {ahead(3)}\n"),
        BOB: person("Bob Smith", f"- [ ] Today 📅 {ago(0)}\n\nMore text.\n\n"
                                 f"- [ ] Bob's 📅 {ahead(3)}\n"),  # a later line than Jane's
        "People/Al.md": person("Al", f"- [ ] Oldest 📅 {ago(30)}\n"),
    }
    data = agenda(make_vault, run, files)
    assert [(e["person"], e["text"], e["overdue"]) for e in data["promises"]] == [
        ("Al", "Oldest", True),
        ("Jane Doe", "Overdue", True),
        ("Bob Smith", "Today", False),
        ("Bob Smith", "Bob's", False),
        ("Jane Doe", "Second", False),
        ("Jane Doe", "Third", False),
    ]


def test_birthdays_order_soonest_first_then_name(make_vault, run):
    files = {
        "People/Zoe.md": person("Zoe", birthday="--11-26"),
        "People/amy.md": person("amy", birthday="1990-12-01"),
        "People/Ben.md": person("Ben", birthday="--12-01"),
        "People/Cy.md": person("Cy", bday="2000-11-25"),
    }
    data = agenda(make_vault, run, files)
    assert [(e["person"], e["days_until"]) for e in data["birthdays"]] == [
        ("Cy", 0), ("Zoe", 1), ("amy", 6), ("Ben", 6)]


# -- the human text of `vaultnet due` and Network/Follow-ups.md ----------------------------------


def small_vault() -> dict[str, str]:
    return {
        JANE: jane(log("- 2026-08-23 Coffee #met") + "- [ ] Send her the paper 📅 2026-11-20\n"
                   "- [ ] Book the venue (due 2026-11-27)\n", role="mentor"),
        BOB: person("Bob Smith", log("- 2026-11-10 Met at a meetup #met",
                                     "- 2026-11-16 Emailed about the internship #outreach"),
                    birthday="--11-25"),
        "People/Carol Diaz.md": person("Carol Diaz", log("- 2026-10-26 Cold email #outreach",
                                                         "- 2026-11-05 Nudge #outreach",
                                                         "- 2026-11-15 Last try #outreach"),
                                       status="prospect"),
    }


def test_due_text_output(make_vault, run):
    result = run("due", "--vault", make_vault(small_vault()), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Agenda for 2026-11-25",
        "",
        "Stay in touch (1)",
        "  Jane Doe  last contact 94 days ago, cadence 30 days",
        "",
        "Outreach (2)",
        "  Bob Smith   no reply for 9 days, follow-up 1 of 2",
        "  Carol Diaz  no reply for 10 days after 2 follow-ups; let it rest",
        "",
        "Promises (2)",
        "  Jane Doe  Send her the paper (due 2026-11-20, 5 days overdue)",
        "  Jane Doe  Book the venue (due 2026-11-27)",
        "",
        "Birthdays (1)",
        "  Bob Smith  2026-11-25 (today)",
    ]


def test_due_text_output_when_nothing_is_due(make_vault, run):
    vault = make_vault({JANE: jane(log(f"- {ago(1)} Coffee"), role="mentor")})
    result = run("due", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Agenda for 2026-11-25",
        "",
        "Nothing due: no reply owed, everyone is in touch, no outreach waiting, no promise due "
        "this week, no birthday in the next two weeks.",
    ]


def test_due_text_output_never_contacted_and_one_day(make_vault, run):
    files = {JANE: jane("", role="peer"),
             BOB: person("Bob Smith", log(f"- {ago(1)} Call"), cadence="daily",
                         birthday="--11-26")}
    result = run("due", "--vault", make_vault(files), "--today", TODAY)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[2:5] == ["Stay in touch (2)",
                          "  Bob Smith  last contact 1 day ago, cadence 1 day",
                          "  Jane Doe   never contacted, cadence 60 days"]
    assert "  Bob Smith  2026-11-26 (in 1 day)" in lines


def followups(make_vault, run, files: dict[str, str]) -> list[str]:
    vault = make_vault(files)
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return (vault / "Network" / "Follow-ups.md").read_text(encoding="utf-8").splitlines()


def test_followups_note_gives_the_reasons(make_vault, run):
    lines = followups(make_vault, run, small_vault())
    assert "# Follow-ups for 2026-11-25" in lines
    stay_line = next(line for line in lines if "[[People/Jane Doe|Jane Doe]]" in line
                     and "cadence" in line)
    assert stay_line.endswith("last contact 94 days ago, cadence 30 days")
    assert "- [[People/Bob Smith|Bob Smith]]: no reply for 9 days, follow-up 1 of 2" in lines
    rest = next(line for line in lines if "[[People/Carol Diaz|Carol Diaz]]" in line)
    assert "no reply for 10 days" in rest and "rest" in rest
    # Sections in order: stay in touch, follow up, rest, promises, birthdays.
    order = [lines.index(stay_line),
             lines.index("- [[People/Bob Smith|Bob Smith]]: no reply for 9 days, "
                         "follow-up 1 of 2"),
             lines.index(rest)]
    assert order == sorted(order)
    assert any("Send her the paper" in line and "2026-11-20" in line for line in lines)
    assert any("Book the venue" in line and "2026-11-27" in line for line in lines)
    assert any("[[People/Bob Smith|Bob Smith]]" in line and "2026-11-25" in line
               and "today" in line for line in lines)


def test_followups_note_second_follow_up_and_settings(make_vault, run):
    files = {SETTINGS: "[outreach]\nmax_followups = 3\n",
             JANE: jane(log("- 2026-11-01 Emailed #outreach", "- 2026-11-16 Nudged #outreach"))}
    lines = followups(make_vault, run, files)
    assert "- [[People/Jane Doe|Jane Doe]]: no reply for 9 days, follow-up 2 of 3" in lines


def test_followups_note_when_nothing_is_due(make_vault, run):
    lines = followups(make_vault, run, {JANE: jane(log(f"- {ago(1)} Coffee"), role="mentor")})
    assert not any("[[People/Jane Doe" in line for line in lines)
    assert "# Follow-ups for 2026-11-25" in lines


# -- outreach goes cold, prospects get met (PRODUCT.md, Met and Outreach) ----------------------

@pytest.mark.parametrize(("waited", "expected"), [
    (89, [jane_outreach(89, 0, "follow-up")]), (90, []), (294, [])])
def test_outreach_unanswered_for_90_days_has_gone_cold(make_vault, run, waited, expected):
    files = {JANE: jane(log(f"- {ago(waited)} Cold email #outreach"))}
    assert outreach(make_vault, run, files) == expected


def test_cold_days_is_a_setting(make_vault, run):
    files = {JANE: jane(log(f"- {ago(40)} Cold email #outreach")),
             ".vaultnet.toml": "[outreach]\ncold_days = 30\n"}
    assert outreach(make_vault, run, files) == []


def test_logging_a_meeting_with_a_prospect_makes_them_known(make_vault, run):
    """`log NAME --met`: intro stops suggesting introductions, and they come up to stay in touch."""
    vault = make_vault({JANE: jane(log(f"- {ago(100)} Cold email #outreach"),
                                   status="prospect", role="mentor", knows='["[[Bob Ray]]"]'),
                        "People/Bob Ray.md": person("Bob Ray", log(f"- {ago(3)} Lunch"),
                                                    role="peer")})
    before = run("intro", "Jane Doe", "--vault", vault, "--today", TODAY.isoformat())
    assert "Ask Bob Ray to introduce you to Jane Doe" in before.output
    assert run("log", "Jane Doe", "Coffee", "--met", "--date", ago(31), "--vault",
               vault).exit_code == 0
    after = run("intro", "Jane Doe", "--vault", vault, "--today", TODAY.isoformat())
    assert "introduce" not in after.output, after.output
    assert stay(make_vault, run, {}) == [jane_due(31, 30)]
    checked = run("check", "--vault", vault, "--today", TODAY.isoformat())
    assert f"{JANE}: met on {ago(31)}, but the note still says `status: prospect`" in checked.output
    run("sync", "--vault", vault, "--today", TODAY.isoformat())
    mentors = (vault / "Network/Mentors.md").read_text()
    assert "not met yet" not in mentors


def test_people_who_never_answered_start_no_warm_path(make_vault, run):
    """Ignored two cold emails: not someone to ask for an introduction, nor a mutual connection."""
    vault = make_vault({
        "People/Cold Carl.md": person("Cold Carl", log(f"- {ago(60)} Email #outreach",
                                                       f"- {ago(50)} Nudge #outreach"),
                                      knows='["[[Pia Prospect]]"]'),
        "People/Pia Prospect.md": person("Pia Prospect", status="prospect"),
        "People/Warm Wen.md": person("Warm Wen", log(f"- {ago(5)} Lunch"),
                                     knows='["[[Cold Carl]]"]'),
    })
    result = run("intro", "Pia Prospect", "--vault", vault, "--today", TODAY.isoformat())
    assert "Ask Cold Carl" not in result.output
    assert "Warm Wen → Cold Carl → Pia Prospect" in result.output
    brief = json.loads(run("brief", "Warm Wen", "--vault", vault, "--today", TODAY.isoformat(),
                           "--json").output)
    assert brief["mutual_connections"] == []


# -- open outreach and replies owed, looked for from the end -------------------------------------

KINDS = st.frozensets(st.sampled_from(["outreach", "received", "call", "met"]), max_size=2)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), KINDS), max_size=12),
       st.sampled_from(["outreach", "received"]))
def test_what_waits_is_what_follows_the_last_other_interaction(lines, kind):
    """Open outreach and replies owed are the interactions of their kind dated after the latest
    one without it (PRODUCT.md): looked for from the end of the day-ordered interactions, they
    are what the rule says of all of them, on the same day too."""
    interactions = tuple(sorted(Interaction(TODAY - timedelta(days=6 - day), kinds, JANE, n, "x")
                                for n, (day, kinds) in enumerate(lines)))
    latest = max((i.day for i in interactions if kind not in i.kinds), default=None)
    expected = [i for i in interactions if kind in i.kinds and (latest is None or i.day > latest)]
    assert list(after_the_last_without(interactions, kind)) == expected


def test_a_last_contact_still_ahead_is_named_until_its_day(make_vault, run):
    """A `last_contact` after today (a slip of the year) counts no contact, as a plan: said by
    `check`, not passed over; on its day the hint goes (through the cache, as a sync keeps it)."""
    root = make_vault({JANE: jane(cadence="30d", last_contact="2026-11-27")})
    want = ("People/Jane Doe.md: `last_contact` is 2026-11-27, a day still ahead: vaultnet counts "
            "no contact with them until then")
    for day, named in ((TODAY, True), (date(2026, 11, 27), False), (TODAY, True)):
        synced = run("sync", "--vault", root, "--today", day)
        assert synced.exit_code == 0, synced.output
        assert (want in synced.output) == named, synced.output
        checked = run("check", "--vault", root, "--today", day)
        assert (want in checked.output, checked.exit_code) == (named, 1 if named else 0)
