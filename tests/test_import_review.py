"""`vaultnet import mail` and `import calendar`: drafts, the people offered to add, declined
organisers, RDATE and EXDATE, dry runs that refuse as the import does, and links in subjects."""

from __future__ import annotations

import json
import mailbox
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import TODAY, benchmark_script, person, snapshot

from vaultnet.sources.interaction_import import line_text

ex = benchmark_script("make_exports")
Mail, mbox_bytes, ME = ex.Mail, ex.mbox_bytes, ex.ME
BOB = ("Bob Ray", "bob@ray.example")

pytestmark = pytest.mark.usefixtures("utc_zone")  # days in the vault's zone: UTC


@pytest.fixture
def vault(make_vault):
    return make_vault({
        "Me.md": f"---\ntype: me\nemail: {ME[1]}\n---\n# Sam\n",
        "People/Bob Ray.md": person("Bob Ray", "## Log\n- 2026-11-01 Coffee #met\n",
                                    email=BOB[1]),
    })


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def log_of(root: Path, name: str) -> list[str]:
    text = (root / "People" / f"{name}.md").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith("- 2026")]


# -- 1. drafts are nobody's ------------------------------------------------------------------------


def _draft() -> Mail:
    return Mail(ME, (BOB,), "Unsent thoughts", at(20), "draft@me")


def _sent() -> Mail:
    return Mail(BOB, (ME,), "Hello", at(21), "sent@ray")


def test_a_maildir_message_flagged_draft_is_nobodys(vault, run, tmp_path):
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for mail, flag in ((_draft(), "D"), (_sent(), "S")):
        message = mailbox.MaildirMessage(mail.as_bytes())
        message.set_subdir("cur")
        message.add_flag(flag)
        box.add(message)
    result = run("import", "mail", tmp_path / "Maildir", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "2 messages read (1 from lists or machines, spam or drafts)" in result.output
    assert log_of(vault, "Bob Ray") == ["- 2026-11-01 Coffee #met", "- 2026-11-21 Hello #received"]


@pytest.mark.parametrize("folder", [
    "Maildir/.Drafts", "Maildir/.INBOX.Drafts", "Maildir/[Gmail].Drafts", "Maildir/drafts",
    "Thunderbird/Drafts", "Thunderbird/[Gmail].sbd/Drafts", "Thunderbird/Entwürfe",
    "Thunderbird/Entwu\u0308rfe", "Apple/Brouillons.mbox/mbox", "Maildir/.Entw&APw-rfe",
    "Maildir/.Borradores",
    # mail not sent yet, and junk (a spoofed sender's, which would owe a reply)
    "Thunderbird/Unsent Messages", "Outlook/Outbox", "Maildir/.Junk", "Thunderbird/Junk",
    "Thunderbird/[Gmail].sbd/Spam", "Apple/Junk.mbox/mbox", "Outlook/Junk E-mail",
    "Maildir/.INBOX.spam", "Outlook/Courrier indésirable"])
def test_messages_in_a_folder_of_drafts_unsent_mail_or_junk_are_nobodys(vault, run, tmp_path, folder):
    export = tmp_path / "export"
    (export / "Inbox").parent.mkdir(parents=True)
    (export / "Inbox").write_bytes(mbox_bytes([_sent()]))
    if folder.startswith("Maildir"):
        (export / folder).parent.mkdir(parents=True, exist_ok=True)
        box = mailbox.Maildir(export / folder, create=True)
        box.add(mailbox.MaildirMessage(_draft().as_bytes()))
    else:
        (export / folder).parent.mkdir(parents=True, exist_ok=True)
        (export / folder).write_bytes(mbox_bytes([_draft()]))
    result = run("import", "mail", export, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "2 messages read (1 from lists or machines, spam or drafts)" in result.output
    assert log_of(vault, "Bob Ray") == ["- 2026-11-01 Coffee #met", "- 2026-11-21 Hello #received"]


def test_a_folder_that_only_sounds_like_drafts_is_read(vault, run, tmp_path):
    export = tmp_path / "export"
    export.mkdir()
    (export / "Draft report").write_bytes(mbox_bytes([_draft()]))
    result = run("import", "mail", export, "--vault", vault, "--today", TODAY)
    assert log_of(vault, "Bob Ray")[-1] == "- 2026-11-20 Unsent thoughts #outreach", result.output


# -- 2. the people offered to add ------------------------------------------------------------------


def test_a_correspondent_the_vault_has_by_name_is_offered_the_address_for_their_note(
        vault, run, tmp_path):
    (vault / "People/Anna Schmidt.md").write_text(person("Anna Schmidt"))
    (vault / "People/Dan Park.md").write_text(person("Dan Park"))
    (vault / "People/Elena Ruiz.md").write_text(person("Elena Ruiz", aliases="[Ellie Ruiz]"))
    anna, dan = ("Schmidt, Anna", "anna@corp.example"), ("Dan Park", "dan@corp.example")
    mails = [Mail(anna, (ME,), "Hi", at(18), "a1"), Mail(anna, (ME,), "Again", at(19), "a2"),
             Mail(dan, (ME,), "Hi", at(18), "d1"),
             Mail(("Ruiz, Ellie", "ellie@corp.example"), (ME,), "Hi", at(18), "e1"),
             Mail(("Okafor, Chidi", "chidi@x.example"), (ME,), "Hi", at(18), "c1")]
    box = tmp_path / "m.mbox"
    box.write_bytes(mbox_bytes(mails))
    result = run("import", "mail", box, "--vault", vault, "--today", TODAY)
    lines = result.output.splitlines()
    start = lines.index(next(line for line in lines if "most frequent" in line))
    assert lines[start + 1:] == [
        "  add anna@corp.example to the email field of People/Anna Schmidt.md  # 2 messages",
        "  vaultnet add 'Chidi Okafor' --email chidi@x.example  # 1 message",
        "  add dan@corp.example to the email field of People/Dan Park.md  # 1 message",
        "  add ellie@corp.example to the email field of People/Elena Ruiz.md  # 1 message"]
    data = json.loads(run("import", "mail", box, "--json", "--vault", vault, "--today",
                          TODAY).output)
    assert data["unknown"][:2] == [
        {"name": "Schmidt, Anna", "address": "anna@corp.example", "count": 2,
         "note": "People/Anna Schmidt.md"},
        {"name": "Okafor, Chidi", "address": "chidi@x.example", "count": 1, "note": None}]


def test_a_correspondent_named_by_one_word_is_no_one_the_vault_has(vault, run, tmp_path):
    """`"Ben" <ben@stranger.org>` is not Benjamin Adler because his note has the alias Ben: a
    first name names strangers too. A name written without spaces (`山田太郎`) is whole."""
    (vault / "People/Benjamin Adler.md").write_text(person("Benjamin Adler", aliases="[Ben]"))
    (vault / "People/山田太郎.md").write_text(person("山田太郎"))
    mails = [Mail(("Ben", "ben@stranger.org"), (ME,), "Hi", at(18), "b1"),
             Mail(("山田太郎", "yamada@x.example"), (ME,), "Hi", at(18), "y1")]
    box = tmp_path / "m.mbox"
    box.write_bytes(mbox_bytes(mails))
    data = json.loads(run("import", "mail", box, "--json", "--vault", vault, "--today",
                          TODAY).output)
    assert {u["address"]: u["note"] for u in data["unknown"]} == {
        "ben@stranger.org": None, "yamada@x.example": "People/山田太郎.md"}


# -- 3.-5. calendar: declined organisers, RDATE, EXDATE --------------------------------------------


def _calendar(*lines: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u\r\n"
            "SUMMARY:Sync\r\n" + "".join(f"{line}\r\n" for line in lines)
            + "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def met_days(root: Path) -> list[str]:
    return [line[2:12] for line in log_of(root, "Bob Ray") if line.endswith("Sync #met")]


def test_an_organiser_who_declined_their_own_meeting_did_not_meet(vault, run, tmp_path):
    ics = tmp_path / "c.ics"
    ics.write_bytes(_calendar("DTSTART:20261120T100000Z", f"ORGANIZER:mailto:{BOB[1]}",
                              f"ATTENDEE;PARTSTAT=DECLINED:mailto:{BOB[1]}",
                              f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME[1]}"))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert met_days(vault) == []


@pytest.mark.parametrize("lines, days", [
    (("DTSTART:20261110T100000Z", "RDATE:20261112T100000Z,20261113T100000Z"),
     ["2026-11-10", "2026-11-12", "2026-11-13"]),
    (("DTSTART:20261102T100000Z", "RRULE:FREQ=WEEKLY;COUNT=2", "RDATE:20261104T100000Z",
      "RDATE;VALUE=DATE:20261120", "EXDATE:20261109T100000Z"),
     ["2026-11-02", "2026-11-04", "2026-11-20"]),
    (("DTSTART:20261110T100000Z", "RDATE;VALUE=PERIOD:20261111T100000Z/PT1H",
      "RDATE:20261130T100000Z"), ["2026-11-10", "2026-11-11"]),  # the 30th is after today
])
def test_rdate_occurrences_are_followed(vault, run, tmp_path, lines, days):
    ics = tmp_path / "c.ics"
    ics.write_bytes(_calendar(*lines, f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{BOB[1]}"))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert met_days(vault) == days


@pytest.mark.parametrize("exclude, days", [
    ("EXDATE:20261116T090000Z", ["2026-11-16 17", "2026-11-17 09", "2026-11-17 17"]),
    ("EXDATE;VALUE=DATE:20261116", ["2026-11-17 09", "2026-11-17 17"]),
    ("EXDATE;TZID=Europe/Berlin:20261116T100000", ["2026-11-16 17", "2026-11-17 09",
                                                    "2026-11-17 17"]),
])
def test_an_exdate_removes_the_occurrence_it_names_not_its_day(vault, run, tmp_path, exclude,
                                                              days):
    ics = tmp_path / "c.ics"
    ics.write_bytes(_calendar("DTSTART:20261116T090000Z", "RRULE:FREQ=DAILY;BYHOUR=9,17;COUNT=4",
                              exclude, f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{BOB[1]}"))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert met_days(vault) == sorted({d[:10] for d in days})
    # One line a day at most: the sightings tell which of the day's meetings were kept.
    from vaultnet.sources.calendar import read_calendar
    from vaultnet.sources.interaction_import import AddressBook, ImportReport
    book = AddressBook(frozenset({ME[1]}), {BOB[1]: "People/Bob Ray.md"}, {})
    found = read_calendar(ics, book, ImportReport("c.ics"), TODAY)
    assert [f"{s.when:%Y-%m-%d %H}" for s in found] == days


def test_an_override_replaces_only_the_occurrence_it_names(vault, run, tmp_path):
    ics = tmp_path / "c.ics"
    bob = f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{BOB[1]}"
    ics.write_bytes(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
                     "BEGIN:VEVENT\r\nUID:u\r\nSUMMARY:Sync\r\nDTSTART:20261116T090000Z\r\n"
                     f"RRULE:FREQ=DAILY;BYHOUR=9,17;COUNT=2\r\n{bob}\r\nEND:VEVENT\r\n"
                     "BEGIN:VEVENT\r\nUID:u\r\nSUMMARY:Sync\r\nSTATUS:CANCELLED\r\n"
                     "RECURRENCE-ID:20261116T090000Z\r\nDTSTART:20261116T090000Z\r\n"
                     f"{bob}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode())
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert met_days(vault) == ["2026-11-16"]


# -- 6. a dry run refuses what the import refuses --------------------------------------------------


def test_a_dry_run_refuses_a_line_the_import_would_refuse(vault, run, tmp_path):
    """A note that opens a `%%` comment and never closes it: `log` refuses a line there too."""
    bob = vault / "People/Bob Ray.md"
    bob.write_text(person("Bob Ray", "## Log\n- 2026-11-01 Coffee #met\n%% a comment left open\n",
                          email=BOB[1]))
    box = tmp_path / "m.mbox"
    box.write_bytes(mbox_bytes([_sent()]))
    before = snapshot(vault)
    dry = run("import", "mail", box, "--dry-run", "--vault", vault, "--today", TODAY)
    assert snapshot(vault) == before
    real = run("import", "mail", box, "--vault", vault, "--today", TODAY)
    assert snapshot(vault) == before
    assert (dry.exit_code, real.exit_code) == (1, 1)
    assert "Bob Ray (People/Bob Ray.md), not written:" in real.output
    assert "Bob Ray (People/Bob Ray.md), would not be written:" in dry.output
    problem = next(line for line in real.output.splitlines() if "nothing was written" in line)
    assert problem in dry.output.splitlines()
    assert "Would add 0 lines to 0 notes; 0 already in the notes; 1 line would not be written." \
        in dry.output
    data = json.loads(run("import", "mail", box, "--dry-run", "--json", "--vault", vault,
                          "--today", TODAY).output)
    assert data["not_written"] == ["People/Bob Ray.md"] and data["written"] == []


def test_a_dry_run_refuses_a_read_only_note_as_the_import_does(vault, run, tmp_path):
    """A note without a write bit is read-only to vaultnet, even run as root."""
    bob = vault / "People/Bob Ray.md"
    bob.chmod(0o444)
    box = tmp_path / "m.mbox"
    box.write_bytes(mbox_bytes([_sent()]))
    before = snapshot(vault)
    dry = run("import", "mail", box, "--dry-run", "--vault", vault, "--today", TODAY)
    real = run("import", "mail", box, "--vault", vault, "--today", TODAY)
    assert snapshot(vault) == before
    assert (dry.exit_code, real.exit_code) == (1, 1), dry.output
    problem = next(line for line in real.output.splitlines() if "is read-only" in line)
    assert problem in dry.output.splitlines()
    assert dry.output.replace("Would add", "Added").replace("would not be", "not") == real.output


def test_a_dry_run_names_the_log_section_it_would_make(make_vault, run, tmp_path):
    root = make_vault({"Me.md": f"---\ntype: me\nemail: {ME[1]}\n---\n",
                       "People/Bob Ray.md": person("Bob Ray", "Notes.\n", email=BOB[1])})
    box = tmp_path / "m.mbox"
    box.write_bytes(mbox_bytes([_sent()]))
    dry = run("import", "mail", box, "--dry-run", "--vault", root, "--today", TODAY)
    real = run("import", "mail", box, "--vault", root, "--today", TODAY)
    assert dry.exit_code == real.exit_code == 0
    assert dry.output.replace("Would add", "Added") == real.output


# -- 7. a Markdown link in a subject links nobody --------------------------------------------------


@pytest.mark.parametrize("subject, expected", [
    ("Notes from [our call](Carl%20Yu.md)", r"Notes from \[our call\](Carl%20Yu.md)"),
    ("See ![pic](<Carl Yu.md>) and [a [b](x)](y)", r"See !\[pic\](<Carl Yu.md>) and [a \[b\](x)\](y)"),
    (r"Already \[x\](y) and \\[z](w)", r"Already \[x\](y) and \\\[z\](w)"),
    ("[[Carl Yu]](x)", r"\[Carl Yu\](x)"),
    ("A [plain] bracket (and parentheses)", "A [plain] bracket (and parentheses)"),
])
def test_a_markdown_link_in_a_subject_is_text(subject, expected):
    from vaultnet.parse.links import find_links
    assert line_text(subject) == expected
    assert find_links(expected, 1) == ()


def test_a_subject_that_links_someone_counts_for_nobody_else(make_vault, run, tmp_path):
    root = make_vault({
        "Me.md": f"---\ntype: me\nemail: {ME[1]}\n---\n",
        "People/Bob Ray.md": person("Bob Ray", email=BOB[1]),
        "People/Carl Yu.md": person("Carl Yu", cadence="30d"),
    })
    box = tmp_path / "m.mbox"
    box.write_bytes(mbox_bytes([Mail(BOB, (ME,), "Notes from [our call](Carl%20Yu.md)", at(20),
                                     "n1")]))
    ics = tmp_path / "c.ics"
    ics.write_bytes(_calendar("DTSTART:20261121T100000Z",
                              f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{BOB[1]}").replace(
        b"SUMMARY:Sync", b"SUMMARY:Debrief [with Carl](Carl%20Yu.md)"))
    assert run("import", "mail", box, "--vault", root, "--today", TODAY).exit_code == 0
    assert run("import", "calendar", ics, "--vault", root, "--today", TODAY).exit_code == 0
    assert log_of(root, "Bob Ray") == [r"- 2026-11-20 Notes from \[our call\](Carl%20Yu.md) #received",
                                       r"- 2026-11-21 Debrief \[with Carl\](Carl%20Yu.md) #met"]
    agenda = json.loads(run("due", "--json", "--vault", root, "--today", TODAY).output)
    assert "Carl Yu" not in [r["person"] for r in agenda["replies"]]
    carl = next(p for p in agenda["stay_in_touch"] if p["person"] == "Carl Yu")
    assert carl["last_contact"] is None


# -- many lines into one note: checked once, as the note will be -------------------------------


@pytest.mark.parametrize("body, want", [
    # A Log section with another after it, Windows line endings: the lines go after its last entry.
    ("## Log\r\n- 2026-11-01 Coffee #met\r\n\r\n## Notes\r\nLikes jazz.\r\n",
     "## Log\r\n- 2026-11-01 Coffee #met\r\n@@\r\n\r\n## Notes\r\nLikes jazz.\r\n"),
    # No Log section and no final line end: one `## Log` made, the lines in it.
    ("Likes jazz.", "Likes jazz.\n\n## Log\n@@"),
    # A numbered log: each line the next number.
    ("## Log\n1. 2026-11-01 Coffee #met\n", "## Log\n1. 2026-11-01 Coffee #met\n@@\n"),
], ids=["crlf, a section after", "no log, no line end", "numbered"])
def test_an_import_of_many_lines_into_one_note(make_vault, run, tmp_path, body, want):
    """Each note takes all its lines in one write, checked once as it will read (each line was
    checked on its own before: the note read twice a line)."""
    root = make_vault({"Me.md": f"---\ntype: me\nemail: {ME[1]}\n---\n# Sam\n",
                       "People/Bob Ray.md": f"---\ntype: person\nemail: {BOB[1]}\n---\n" + body})
    mails = [Mail(BOB, (ME,), f"Note {day}", at(day), f"m{day}@ray") for day in (10, 11, 12)]
    (tmp_path / "box").write_bytes(mbox_bytes(mails))
    result = run("import", "mail", tmp_path / "box", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    eol = "\r\n" if "\r\n" in body else "\n"
    marks = ["4. ", "3. ", "2. "] if "1. " in body else ["- "] * 3
    lines = eol.join(f"{marks.pop()}2026-11-{day} Note {day} #received" for day in (10, 11, 12))
    assert (root / "People/Bob Ray.md").read_bytes().decode() == \
        f"---\ntype: person\nemail: {BOB[1]}\n---\n" + want.replace("@@", lines)


def test_the_report_lists_people_in_name_order(vault, run, tmp_path):
    """As every list of people is: `Émile Roy` among the E's, not after `Zoe Park`."""
    for name, address in (("Zoe Park", "zoe@x.example"), ("Émile Roy", "emile@x.example")):
        (vault / f"People/{name}.md").write_text(person(name, email=address))
    mails = [Mail(("Zoe Park", "zoe@x.example"), (ME,), "Hi", at(18), "z1"),
             Mail(("Émile Roy", "emile@x.example"), (ME,), "Hi", at(18), "e1")]
    box = tmp_path / "m.mbox"
    box.write_bytes(mbox_bytes(mails))
    output = run("import", "mail", box, "--dry-run", "--vault", vault, "--today", TODAY).output
    assert output.index("Émile Roy (People/") < output.index("Zoe Park (People/")


# -- a person note whose frontmatter cannot be read ---------------------------------------------


def test_a_person_note_whose_frontmatter_cannot_be_read_is_named_and_not_offered_its_address(
        vault, run, tmp_path):
    """Its `email` is not known, so its person's mail is no one's: the import says so, naming
    the note and why, rather than offer to add to its email field the address it holds, as if
    the note did not have it. Nothing is written to it."""
    (vault / "People/Dana Wu.md").write_text(
        "---\nemail: dana@wu.example\ntopics: [unclosed\n---\n# Dana\n", encoding="utf-8")
    before = (vault / "People/Dana Wu.md").read_bytes()
    mails = [Mail(("Dana Wu", "dana@wu.example"), (ME,), "Hello", at(20), "d1@wu")]
    (tmp_path / "m.mbox").write_bytes(mbox_bytes(mails))
    result = run("import", "mail", tmp_path / "m.mbox", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert ("People/Dana Wu.md: its frontmatter cannot be read, so its `email` is not known: its "
            "person's mail and meetings were not logged; fix it (`vaultnet check` names the line "
            "and why), then import again") in lines
    assert lines[-1] == ("  dana@wu.example may be People/Dana Wu.md's already, whose frontmatter "
                         "cannot be read (above)  # 1 message")
    assert (vault / "People/Dana Wu.md").read_bytes() == before
    found = json.loads(run("import", "mail", tmp_path / "m.mbox", "--vault", vault, "--today",
                           TODAY, "--json").output)
    checked = json.loads(run("check", "--vault", vault, "--today", TODAY, "--json").output)
    assert [(p["path"], p["line"]) for p in found["problems"]] == [
        (p["path"], p["line"]) for p in checked if p["path"] == "People/Dana Wu.md"]
