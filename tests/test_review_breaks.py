"""Issue 16's breaks on the reading and command side (F8–F11, F14–F17, F20, F21): each reproduced
on a small vault of real files, as the hostile review found it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import person, snapshot

TODAY = "2026-12-03"


def people(run, root: Path) -> dict[str, dict]:
    result = run("people", "--vault", root, "--today", TODAY, "--json")
    assert result.exit_code == 0, result.output
    return {p["path"]: p for p in json.loads(result.output)}


# F8: what Obsidian hides is not contact.
@pytest.mark.parametrize("hidden", [
    "%% - 2026-11-20 Lunch %%",
    "%%\n- 2026-11-20 Lunch\n%%",
    "<!-- - 2026-11-20 Lunch -->",
    "<!--\n- 2026-11-20 Lunch\n-->",
])
def test_dated_lines_in_comments_are_no_interactions(make_vault, run, hidden):
    root = make_vault({"People/Ann.md": person("Ann", f"## Log\n- 2026-11-01 Coffee\n{hidden}\n",
                                               role="mentor")})
    assert people(run, root)["People/Ann.md"]["last_contact"] == "2026-11-01"


# F9: a field given twice is named with both lines.
def test_a_field_given_twice_is_reported_with_its_line(make_vault, run):
    root = make_vault({"People/Ann.md": "---\nrole: mentor\ncadence: 7d\nrole: friend\n---\n"})
    result = run("check", "--vault", root, "--today", TODAY)
    assert "People/Ann.md:4: `role` is given more than once (also on line 2)" in result.output


# F10: `<<` is a plain key to Obsidian (YAML 1.2), never a merge.
def test_a_merge_key_merges_nothing(make_vault, run):
    root = make_vault({"People/Bob.md": "---\ntype: person\n<<: {role: mentor, cadence: 7d}\n---\n"})
    bob = people(run, root)["People/Bob.md"]
    assert bob["role"] is None
    due = json.loads(run("due", "--vault", root, "--today", TODAY, "--json").output)
    assert due["stay_in_touch"] == []  # no cadence was merged in


# F11: two notes differing in case: the exact spelling resolves first, as in Obsidian.
@pytest.fixture
def twins(make_vault):
    return make_vault({
        "People/Jane.md": person("Jane", role="friend"),
        "People/jane.md": person("jane", role="peer"),
        "People/Ann.md": person("Ann", "## Log\n- 2026-11-03 Lunch with [[Jane]]\n"
                                "- 2026-11-04 Call with [[jane]]\n", role="mentor"),
    })


def test_links_to_case_twins_resolve_to_the_exact_spelling(twins, run):
    found = people(run, twins)
    if len(found) < 3:
        pytest.skip("this file system folds case: the twins are one file")
    assert found["People/Jane.md"]["last_contact"] == "2026-11-03"
    assert found["People/jane.md"]["last_contact"] == "2026-11-04"
    result = run("check", "--vault", twins, "--today", TODAY)
    assert "ambiguous" not in result.output


def test_log_and_brief_take_the_exact_spelling_of_a_case_twin(twins, run):
    if len(people(run, twins)) < 3:
        pytest.skip("this file system folds case: the twins are one file")
    result = run("log", "jane", "Coffee", "--vault", twins, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("People/jane.md:")
    assert "Coffee" not in (twins / "People/Jane.md").read_text()
    brief = run("brief", "Jane", "--vault", twins, "--today", TODAY)
    assert brief.output.startswith("Jane (friend)")
    # Another case is still ambiguous, and the hint it gives works.
    other = run("brief", "JANE", "--vault", twins, "--today", TODAY)
    assert other.exit_code == 1 and '"People/Jane"' in other.output
    assert run("brief", "People/Jane", "--vault", twins, "--today", TODAY).exit_code == 0


# F14: a note skipped as too large is named as such, not "no person called …".
def test_log_to_a_note_too_large_to_read_says_so(make_vault, run):
    root = make_vault({".vaultnet.toml": "max_note_bytes = 65536\n",
                       "People/Logger.md": person("Logger", "x" * 70_000, role="peer"),
                       "People/Other.md": person("Other", role="peer")})
    before = snapshot(root)
    result = run("log", "Logger", "Coffee", "--vault", root, "--today", TODAY)
    assert result.exit_code == 1
    assert "People/Logger.md, which vaultnet could not read as a person note" in result.output
    assert "larger than" in result.output and "no person called" not in result.output
    assert snapshot(root) == before


@pytest.mark.parametrize("command", [("brief", "Old Colleague"), ("log", "old colleague", "Coffee")])
def test_brief_and_log_to_a_note_in_an_ignored_folder_say_so(make_vault, run, command):
    """Not "no note yet, `vaultnet add` makes one": their note is there, left out by `ignore`."""
    root = make_vault({".vaultnet.toml": 'ignore = ["Archive"]\n',
                       "People/Other.md": person("Other", knows='["[[Old Colleague]]"]'),
                       "Archive/Old Colleague.md": person("Old Colleague", role="peer")})
    before = snapshot(root)
    result = run(*command, "--vault", root, "--today", TODAY)
    assert (result.exit_code, result.output) == (1, (
        f'Error: "{command[1]}" is Archive/Old Colleague.md, which vaultnet does not read as a '
        "person note (it is in Archive, a folder the `ignore` setting leaves out); take Archive "
        "out of `ignore` in .vaultnet.toml, or move the note out of it\n"))
    assert snapshot(root) == before


def test_a_note_named_so_that_cannot_be_read_is_not_taken_for_a_first_name(make_vault, run):
    """`log Sam` when People/Sam.md cannot be read: it is named, and the line does not land in
    Sam Carter's note (a first name is tried only when no note has the name)."""
    root = make_vault({"People/Sam.md": person("Sam", role="mentor").encode("utf-16"),
                       "People/Sam Carter.md": person("Sam Carter", role="peer")})
    before = snapshot(root)
    result = run("log", "Sam", "lunch", "--vault", root, "--today", TODAY)
    assert result.exit_code == 1
    assert '"Sam" is People/Sam.md, which vaultnet could not read as a person note' in result.output
    assert snapshot(root) == before


# F15: an old Mac's note (CR only) is read line by line, and log keeps its endings.
def test_a_note_with_carriage_returns_only_is_read_and_logged_in_its_own_endings(make_vault, run):
    text = ("---\rtype: person\rrole: peer\r---\r# Cee\r\r## Log\r- 2026-11-02 Lunch\r\r"
            "## Notes\rLikes tea.\r")
    root = make_vault({"People/Cee.md": text.encode()})
    assert people(run, root)["People/Cee.md"]["last_contact"] == "2026-11-02"
    result = run("log", "Cee", "Call", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("People/Cee.md:9: ")
    after = (root / "People/Cee.md").read_bytes()
    assert after == text.replace("Lunch\r", f"Lunch\r- {TODAY} Call\r").encode()
    assert people(run, root)["People/Cee.md"]["last_contact"] == TODAY


# F16: a YAML error from a control character names its line.
def test_a_control_character_in_frontmatter_is_named_with_its_line(make_vault, run):
    root = make_vault({"People/Dee.md": "---\ntype: person\nrole: \"a\x01b\"\n---\n# Dee\n"})
    result = run("check", "--vault", root, "--today", TODAY)
    assert "People/Dee.md:3: frontmatter is not valid YAML" in result.output
    assert "control character" in result.output


# F17: log and done take --today like every date-dependent command; --date stays the entry's day.
def test_log_takes_today_and_date_separately(make_vault, run):
    root = make_vault({"People/Ann.md": person("Ann", "## Log\n", role="mentor")})
    result = run("log", "Ann", "Coffee", "--vault", root, "--today", "2026-03-10",
                 "--date", "2026-03-09")
    assert result.exit_code == 0, result.output
    assert "- 2026-03-09 Coffee" in (root / "People/Ann.md").read_text()
    # After --today is a plan: refused without --plan, whatever the clock says.
    late = run("log", "Ann", "Talk", "--vault", root, "--today", "2026-03-10", "--date",
               "2026-03-11")
    assert late.exit_code == 1 and "is after today" in late.output
    assert run("log", "Ann", "Plain", "--vault", root, "--today", "2026-03-10").exit_code == 0
    assert "- 2026-03-10 Plain" in (root / "People/Ann.md").read_text()


def test_done_takes_today(make_vault, run):
    root = make_vault({"People/Ann.md": person("Ann", "- [ ] send the paper 📅 2026-03-12\n",
                                               role="mentor")})
    result = run("done", "Ann", "paper", "--vault", root, "--today", "2026-03-10")
    assert result.exit_code == 0, result.output
    assert "- [x] send the paper 📅 2026-03-12 ✅ 2026-03-10" in (root / "People/Ann.md").read_text()


# F20: one person works on a topic.
def test_a_topic_of_one_person_is_in_the_singular(make_vault, run):
    root = make_vault({"People/Ann.md": person("Ann", role="mentor", topics="[robotics]")})
    assert run("sync", "--vault", root, "--today", TODAY).exit_code == 0
    page = next((root / "Network/Topics").glob("*.md")).read_text()
    assert "works on or cares" in page and "work on or care" not in page


# F21: an impossible day is named as one, not as a format it does not match.
@pytest.mark.parametrize(("day", "why"), [
    ("2026-02-30", "2026-02-30 is not a real day: February 2026 has 28 days"),
    ("2028-02-30", "February 2028 has 29 days"),
    ("2026-13-01", "a month is 01 to 12"),
    ("next week", "is not a date written as YYYY-MM-DD"),
])
@pytest.mark.parametrize("command", ["due", "sync", "check"])
def test_an_impossible_today_is_named(make_vault, run, command, day, why):
    root = make_vault({"People/Ann.md": person("Ann", role="mentor")})
    result = run(command, "--vault", root, "--today", day)
    assert result.exit_code == 2
    assert why in result.output and "does not match" not in result.output


@pytest.mark.parametrize("text", ["2026-12-05", "2026-1-5", " 2026-12-05 ", "2024-02-29",
                                  "2026-02-29", "2026-00-10", "2026-12-00", "20261205",
                                  "2026-W49-6", "2026-12-05T10:00", "0000-01-01", "２０２６-12-05"])
def test_a_day_is_read_as_strptime_reads_it(text):
    from datetime import datetime

    import click

    from vaultnet.cli.options import Day

    try:
        expected = datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        expected = None
    if not text.strip().isascii():
        expected = None  # (strptime reads other digits too: vaultnet reads the ASCII ones)
    if expected is None:
        with pytest.raises(click.BadParameter):
            Day().convert(text, None, None)
    else:
        assert Day().convert(text, None, None) == expected


def test_log_received_marks_a_reply_owed(make_vault, run):
    root = make_vault({"People/Bob Ray.md": person("Bob Ray", "## Log\n", role="peer")})
    result = run("log", "Bob", "Question about the dataset", "--received", "--vault", root,
                 "--today", "2026-03-10", "--date", "2026-03-05")
    assert result.exit_code == 0, result.output
    assert "- 2026-03-05 Question about the dataset #received" in (root / "People/Bob Ray.md").read_text()
    due = json.loads(run("due", "--vault", root, "--today", "2026-03-10", "--json").output)
    assert [(r["person"], r["received"], r["days_waiting"]) for r in due["replies"]] == [
        ("Bob Ray", "2026-03-05", 5)]


def test_sync_and_network_md_count_replies_owed_first(make_vault, run):
    root = make_vault({"People/Bob Ray.md": person(
        "Bob Ray", "## Log\n- 2026-03-05 Question about the dataset #received\n", role="peer")})
    result = run("sync", "--vault", root, "--today", "2026-03-10")
    assert "Agenda for 2026-03-10: 1 reply owed, 0 to stay in touch with" in result.output
    network = (root / "Network/Network.md").read_text()
    assert "in [[Network/Follow-ups|Follow-ups]]: 1 reply owed, 0 to stay in touch" in network


def test_import_update_and_brief_read_a_note_with_carriage_returns_only(make_vault, run, tmp_path):
    text = "---\rtype: person\rorg: Foo\r---\r# Bob\rLikes tea.\r"
    root = make_vault({"People/Bob Roe.md": text.encode()})
    card = tmp_path / "bob.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Roe\r\nEMAIL:bob@example.com\r\n"
                    "END:VCARD\r\n")
    result = run("import", card, "--update", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (root / "People/Bob Roe.md").read_bytes() == text.replace(
        "org: Foo\r", "org: Foo\remail: bob@example.com\r").encode()
    brief = run("brief", "Bob", "--vault", root, "--today", TODAY).output
    assert "Likes tea." in brief and "type: person" not in brief


def test_a_note_read_well_that_is_no_person_is_not_called_unreadable(make_vault, run):
    root = make_vault({"People/Ann.md": person("Ann", role="peer"),
                       "Orgs/Acme.md": "---\ntype: org\ntype: company\n---\n# Acme\n"})
    result = run("log", "Acme", "hi", "--vault", root, "--today", TODAY)
    assert result.exit_code == 1
    assert "could not read" not in result.output and 'no person called "Acme"' in result.output
