"""`vaultnet import calendar`: meetings from an .ics export, as #met lines."""

from __future__ import annotations

import json
import signal
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, benchmark_script, person, snapshot

ex = benchmark_script("make_exports")
Meeting, ics_bytes, ME = ex.Meeting, ex.ics_bytes, ex.ME
BOB = ("Bob Ray", "bob@ray.example")
ANA = ("Ana Lima", "ana@lima.example")
ZED = ("Zed Stranger", "zed@z.example")
HANG_SECONDS = 30  # the hard stop for an import that hangs


pytestmark = pytest.mark.usefixtures("utc_zone")  # days in the vault's zone: UTC


@pytest.fixture
def vault(make_vault):
    return make_vault({
        "Me.md": "---\ntype: me\nemail: sam.rivera@example.org\n---\n# Sam\n",
        "People/Bob Ray.md": person("Bob Ray", "## Log\n- 2026-11-01 Coffee #met\n",
                                    email="BOB@ray.example"),
        "People/Ana Lima.md": person("Ana Lima", email="ana@lima.example"),
    })


def write_ics(path: Path, meetings, **kw) -> Path:
    path.write_bytes(ics_bytes(meetings, **kw))
    return path


def log_of(root: Path, name: str) -> list[str]:
    text = (root / "People" / f"{name}.md").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith("- 2026")]


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def test_meetings_with_attendees_are_met_once_a_day(vault, run, tmp_path):
    ics = write_ics(tmp_path / "c.ics", [
        Meeting("Design review", at(20, 9), (BOB, ANA, ZED), "e1"),
        Meeting("Second one that day", at(20, 15), (BOB,), "e2"),
        Meeting("Lunch", date(2026, 11, 22), (ANA,), "e3"),  # all day
        Meeting("Coffee #met [[Zed]]", at(23), (BOB,), "e4"),
    ])
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert log_of(vault, "Bob Ray") == ["- 2026-11-01 Coffee #met",
                                        "- 2026-11-20 Design review #met",
                                        "- 2026-11-23 Coffee met [Zed] #met"]
    assert log_of(vault, "Ana Lima") == ["- 2026-11-20 Design review #met", "- 2026-11-22 Lunch #met"]
    assert "4 events read" in result.output
    assert "  vaultnet add 'Zed Stranger' --email zed@z.example  # 1 event" in result.output
    again = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert "Added 0 lines to 0 notes; 4 already in the notes." in again.output


def test_cancelled_declined_and_future_meetings_are_not_met(vault, run, tmp_path):
    ics = write_ics(tmp_path / "c.ics", [
        Meeting("Cancelled", at(20), (BOB,), "c1", status="CANCELLED"),
        Meeting("Bob declined", at(21), (BOB, ANA), "c2", declined=(BOB[1],)),
        Meeting("You declined", at(22), (BOB, ME), "c3", declined=(ME[1],)),
        Meeting("Next week", at(30), (BOB,), "c4"),
    ], organizer=("Ana Lima", "ana@lima.example"))
    before = (vault / "People/Bob Ray.md").read_bytes()
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert (vault / "People/Bob Ray.md").read_bytes() == before
    assert log_of(vault, "Ana Lima") == ["- 2026-11-21 Bob declined #met"]
    assert "(1 after today)" in result.output


APPLE = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Apple Inc.//macOS 15.0//EN\r
BEGIN:VEVENT\r
UID:apple-1\r
DTSTAMP:20261201T000000Z\r
DTSTART:20261104T150000Z\r
SUMMARY:Bob's review\r
ORGANIZER;CN="Bob Ray";EMAIL="bob@ray.example":mailto:bob@ray.example\r
ATTENDEE;CN="Sam";CUTYPE=INDIVIDUAL;EMAIL="sam.rivera@example.org";PARTSTAT=DECLINED:urn:uuid:0\r
 0000000-1111-2222-3333-444455556666\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:apple-2\r
DTSTAMP:20261201T000000Z\r
DTSTART:20261105T150000Z\r
SUMMARY:Coffee with Ana\r
ORGANIZER;CN="Sam";EMAIL="sam.rivera@example.org":/12345678/principal/\r
ATTENDEE;CN="Ana Lima";CUTYPE=INDIVIDUAL;EMAIL="ana@lima.example";PARTSTAT=ACCEPTED:/87654321/\r
 principal/\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:rooms-1\r
DTSTAMP:20261201T000000Z\r
DTSTART:20261106T150000Z\r
SUMMARY:Planning\r
ORGANIZER;CN="Sam":mailto:sam.rivera@example.org\r
ATTENDEE;CN="Board Room";CUTYPE=RESOURCE:mailto:c_188@resource.calendar.google.com\r
ATTENDEE;CN="Lakeview";CUTYPE=ROOM:mailto:lakeview@corp.example\r
ATTENDEE;CN="Eng team";CUTYPE=GROUP:mailto:eng@corp.example\r
ATTENDEE;CN="Deputy";PARTSTAT=ACCEPTED:mailto:deputy@corp.example\r
ATTENDEE;CN="Bob Ray";PARTSTAT=DELEGATED;DELEGATED-TO="mailto:deputy@corp.example":mailto:bob@\r
 ray.example\r
ATTENDEE;CN="Ana Lima";ROLE=NON-PARTICIPANT:mailto:ana@lima.example\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_attendees_as_apple_and_google_name_them(vault, run, tmp_path):
    """Apple's calendar server names attendees by `urn:uuid:` or a principal's path, with the
    address in EMAIL: you declined Bob's review (no meeting), and had coffee with Ana. A room, a
    resource and a group are nobody; Bob sent a deputy, and Ana was only told: neither met."""
    ics = tmp_path / "apple.ics"
    ics.write_text(APPLE, encoding="utf-8")
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert log_of(vault, "Bob Ray") == ["- 2026-11-01 Coffee #met"]
    assert log_of(vault, "Ana Lima") == ["- 2026-11-05 Coffee with Ana #met"]
    assert "vaultnet add Deputy --email deputy@corp.example  # 1 event" in result.output
    assert "Board Room" not in result.output and "Lakeview" not in result.output \
        and "Eng team" not in result.output


def test_without_your_address_the_import_is_refused(make_vault, run, tmp_path):
    """Else a meeting you declined would be logged as met."""
    root = make_vault({"People/Bob Ray.md": person("Bob Ray", email="bob@ray.example")})
    ics = write_ics(tmp_path / "c.ics", [
        Meeting("You declined", at(22), (BOB, ME), "c3", declined=(ME[1],))], organizer=BOB)
    before = snapshot(root)
    result = run("import", "calendar", ics, "--vault", root, "--today", TODAY)
    assert result.exit_code == 1 and "does not know your address" in result.output
    assert snapshot(root) == before
    done = run("import", "calendar", ics, "--me", ME[1], "--vault", root, "--today", TODAY)
    assert done.exit_code == 0 and "Added 0 lines" in done.output


def test_repeating_meetings_count_each_time_but_excluded_days(vault, run, tmp_path):
    ics = write_ics(tmp_path / "c.ics", [
        Meeting("Weekly 1:1", at(4, 10), (BOB,), "r1", rrule="FREQ=WEEKLY;COUNT=10",
                exdates=(at(11, 10),)),
    ])
    run("import", "calendar", ics, "--vault", vault, "--today", TODAY, "--since", "2026-11-05")
    assert log_of(vault, "Bob Ray")[1:] == ["- 2026-11-18 Weekly 1:1 #met",
                                            "- 2026-11-25 Weekly 1:1 #met"]


def test_an_occurrence_changed_on_its_own_is_judged_by_itself(vault, run, tmp_path):
    """Overrides (same UID, a RECURRENCE-ID): one cancelled, one moved, one you declined."""
    weekly = "FREQ=WEEKLY;COUNT=4"
    ics = write_ics(tmp_path / "c.ics", [
        Meeting("Weekly sync", at(2, 10), (BOB, ME), "w1", rrule=weekly),
        Meeting("Weekly sync", at(9, 10), (BOB, ME), "w1", status="CANCELLED",
                extra=("RECURRENCE-ID:20261109T100000Z",)),
        Meeting("Weekly sync (moved)", at(18, 10), (BOB, ME), "w1",
                extra=("RECURRENCE-ID:20261116T100000Z",)),
        Meeting("Weekly sync", at(23, 10), (BOB, ME), "w1", declined=(ME[1],),
                extra=("RECURRENCE-ID:20261123T100000Z",)),
        Meeting("Other series", at(9, 10), (ANA,), "w2", rrule="FREQ=DAILY;COUNT=2"),
    ])
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert log_of(vault, "Bob Ray")[1:] == ["- 2026-11-02 Weekly sync #met",
                                            "- 2026-11-18 Weekly sync (moved) #met"]
    assert log_of(vault, "Ana Lima") == ["- 2026-11-09 Other series #met",
                                         "- 2026-11-10 Other series #met"]


def _repeating(start: str, until: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u\r\n"
            f"SUMMARY:Weekly\r\n{start}\r\nRRULE:FREQ=WEEKLY;UNTIL={until}\r\n"
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@ray.example\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n").encode()


@pytest.mark.parametrize("start, until", [
    ("DTSTART;TZID=Europe/Berlin:20261102T100000", "20261116"),  # a date, a start in a zone
    ("DTSTART;VALUE=DATE:20261102", "20261116T120000Z"),  # UTC, an all-day start
    ("DTSTART:20261102T100000Z", "20261116T235959"),  # floating, a start in UTC
    ("DTSTART:20261102T100000", "20261116T235959Z"),  # UTC, a floating start
    ("DTSTART:20261102T100000Z", "20261116T100000Z"),  # as the standard says
])
def test_each_form_of_until_is_followed(vault, run, tmp_path, start, until):
    ics = tmp_path / "c.ics"
    ics.write_bytes(_repeating(start, until))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert log_of(vault, "Bob Ray")[1:] == ["- 2026-11-02 Weekly #met", "- 2026-11-09 Weekly #met",
                                            "- 2026-11-16 Weekly #met"]


@pytest.mark.parametrize("rule, never", [
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", True), ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", False),
    ("FREQ=MINUTELY;BYMONTH=4,6;BYMONTHDAY=31", True), ("FREQ=DAILY;BYMONTH=4,5;BYMONTHDAY=31", False),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-30", True), ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-29", False),
    ("FREQ=YEARLY;BYYEARDAY=366", False), ("FREQ=DAILY;BYYEARDAY=1;BYMONTH=2", True),
    ("FREQ=DAILY;BYYEARDAY=-1;BYMONTH=12;BYMONTHDAY=31", False), ("FREQ=WEEKLY;BYDAY=MO", False),
    ("FREQ=DAILY;BYWEEKNO=1;BYMONTH=6", True), ("FREQ=HOURLY;BYWEEKNO=1;BYMONTH=12", False),
    ("FREQ=WEEKLY;BYWEEKNO=53;BYDAY=TH", False), ("FREQ=DAILY;BYWEEKNO=20;BYMONTH=5;BYDAY=SU", False),
])
def test_a_rule_that_never_matches_is_known_at_once(rule, never):
    from icalendar.prop import vRecur

    from vaultnet.sources.calendar import _never

    assert _never(vRecur.from_ical(rule), datetime(2026, 1, 1, 10)) is never


def test_rules_that_never_match_cost_no_time(vault, run, tmp_path, monkeypatch):
    """dateutil looks for their first occurrence up to the year 9999: seconds per event (3 to 9).
    Each rule is known at once to have none, so that dateutil never looks; the alarm only stops
    a run that hangs."""
    import vaultnet.sources.calendar as calendar_module

    ics = write_ics(tmp_path / "c.ics", [
        Meeting(f"Never {n}", at(2, 10), (BOB,), f"n{n}", rrule=rule)
        for n, rule in enumerate(["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
                                  "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30",
                                  "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31",
                                  "FREQ=DAILY;BYWEEKNO=1;BYMONTH=6"] * 2)])
    real, answers = calendar_module._never, []

    def never(rule, anchor):
        answers.append(real(rule, anchor))
        return answers[-1]

    def expire(signum, frame):
        pytest.fail(f"the import took over {HANG_SECONDS} s: it hangs")

    monkeypatch.setattr(calendar_module, "_never", never)
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(HANG_SECONDS)
    try:
        result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert answers == [True] * 8  # each event's rule asked about, before dateutil would look
    assert "8 events read" in result.output and "Added 0 lines" in result.output


def test_a_meeting_belongs_to_its_local_day(vault, run, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    ics = tmp_path / "c.ics"
    ics.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0//EN\r\n"
        b"BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\n"
        b"DTSTART:16011028T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
        b"END:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:o1\r\nSUMMARY:Early call\r\n"
        b"DTSTART;TZID=W. Europe Standard Time:20261121T070000\r\n"
        b"ATTENDEE;CN=\"Ray, Bob\";RSVP=TRUE:MAILTO:Bob@Ray.example\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n")
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    # 07:00 in Berlin is 22:00 the day before in Los Angeles.
    assert log_of(vault, "Bob Ray")[-1] == "- 2026-11-20 Early call #met"


def test_dry_run_and_json(vault, run, tmp_path):
    ics = write_ics(tmp_path / "c.ics", [Meeting("Review", at(20), (BOB,), "d1")])
    before = snapshot(vault)
    result = run("import", "calendar", ics, "--dry-run", "--json", "--vault", vault,
                 "--today", TODAY)
    assert snapshot(vault) == before
    data = json.loads(result.output)
    assert data["lines"] == [{"path": "People/Bob Ray.md", "day": "2026-11-20", "kind": "met",
                              "line": "- 2026-11-20 Review #met"}]
    assert data["written"] == []


def test_a_file_that_is_no_calendar_is_named(vault, run, tmp_path):
    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"hello world\n")
    result = run("import", "calendar", bad, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1 and "bad.ics: not an iCalendar file" in result.output
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:cut\r\n")
    result = run("import", "calendar", bad, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1 and "bad.ics: holds no complete calendar" in result.output


def test_a_broken_event_is_counted_and_skipped(vault, run, tmp_path):
    ics = tmp_path / "c.ics"
    ics.write_bytes(ics_bytes([Meeting("Fine", at(20), (BOB,), "f1")]).replace(
        b"END:VCALENDAR", b"BEGIN:VEVENT\r\nUID:b\r\nDTSTART:garbage\r\n"
        b"ATTENDEE:mailto:bob@ray.example\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:c\r\n"
        b"SUMMARY:no start\r\nEND:VEVENT\r\nEND:VCALENDAR"))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert "3 events read (2 unreadable)" in result.output, result.output
    assert log_of(vault, "Bob Ray")[-1] == "- 2026-11-20 Fine #met"
    # Each is named, by its title and UID, with why (they were counted alone: a user could not
    # find them in the calendar to mend them).
    assert f"{ics}: the event with no title (UID b) cannot be read: its DTSTART cannot be read " \
           "(Expected time, got: garbage); it was skipped\n" in result.output
    assert f'{ics}: the event "no start" (UID c) cannot be read: it has no start (DTSTART); it ' \
           "was skipped\n" in result.output


def test_only_the_first_unreadable_events_are_named(vault, run, tmp_path):
    ics = tmp_path / "c.ics"
    broken = b"".join(b"BEGIN:VEVENT\r\nUID:u%d\r\nSUMMARY:Review %d\r\nEND:VEVENT\r\n" % (n, n)
                      for n in range(5))
    ics.write_bytes(ics_bytes([Meeting("Fine", at(20), (BOB,), "f1")]).replace(
        b"END:VCALENDAR", broken + b"END:VCALENDAR"))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY, "--dry-run")
    named = [line for line in result.output.splitlines() if "skipped" in line]
    assert named == [f'{ics}: the event "Review {n}" (UID u{n}) cannot be read: it has no start '
                     "(DTSTART); it was skipped" for n in range(3)] + [
        f"{ics}: and 2 more unreadable events, skipped too (only the first few are named)"]


def test_the_exports_made_for_the_sample_vault(tmp_path, run):
    """The README's session: addresses, then mail, then calendar, then the agenda."""
    import shutil

    vault = tmp_path / "my_vault"
    shutil.copytree(ROOT / "sample_vault", vault, ignore=shutil.ignore_patterns("Network"))
    files = ex.write_exports(vault, tmp_path / "exports", TODAY)
    mbox, ics, vcf = files
    assert run("import", vcf, "--update", "--vault", vault, "--today", TODAY).exit_code == 0
    mail = run("import", "mail", mbox, "--me", ME[1], "--vault", vault, "--today", TODAY)
    assert "Priya Natarajan (People/Priya Natarajan.md)\n" \
        "  - 2026-11-20 Question about the dataset #received\n" in mail.output
    assert "Jörg Schmidt" in mail.output and "1 already in the notes" in mail.output
    meetings = run("import", "calendar", ics, "--me", ME[1], "--vault", vault, "--today", TODAY)
    assert "Added 2 lines to 2 notes" in meetings.output
    due = run("due", "--vault", vault, "--today", TODAY).output
    assert "Replies owed (1)\n  Priya Natarajan  wrote 5 days ago: Question about the dataset\n" \
        in due


@pytest.mark.parametrize(("command", "text", "said"), [
    (("import", "calendar"), "BEGIN:VCARD\nVERSION:3.0\nFN:Zoe\nEND:VCARD\n",
     'not an iCalendar file (its first line is "BEGIN:VCARD"); it is a contacts file: run '
     "`vaultnet import {file}`"),
    (("import", "calendar"), "From me@x Mon Jan  1 00:00:00 2026\nFrom: a@b\n\nhi\n",
     'not an iCalendar file (its first line is "From me@x Mon Jan  1 00:00:00 2026"); it is a '
     "mailbox: run `vaultnet import mail {file}`"),
    (("import", "calendar"), "First Name,Last Name\nJo,Ray\n",
     'not an iCalendar file (its first line is "First Name,Last Name"); a calendar export starts '
     "with BEGIN:VCALENDAR: export the calendar again as .ics"),
    (("import",), "BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n",
     "not a vCard file, a LinkedIn connections export or a Google Contacts CSV (the first line is "
     '"BEGIN:VCALENDAR"); it is a calendar export: run `vaultnet import calendar {file}`'),
])
def test_an_export_given_to_another_import_names_the_one_to_run(vault, run, tmp_path, command,
                                                                text, said):
    """A contacts file given to `import calendar` read no event and said nothing was wrong."""
    file = tmp_path / "export.txt"
    file.write_text(text, encoding="utf-8")
    before = snapshot(vault)
    result = run(*command, file, "--vault", vault, "--today", TODAY)
    assert (result.exit_code, result.output) == (1, f"Error: {file}: {said.format(file=file)}\n")
    assert snapshot(vault) == before


def test_a_file_of_events_alone_is_read_as_before(vault, run, tmp_path):
    """Events with no VCALENDAR around them (a tool's export of its events) are still read."""
    ics = tmp_path / "bare.ics"
    ics.write_text("BEGIN:VEVENT\r\nUID:b1\r\nDTSTAMP:20261120T000000Z\r\nDTSTART:20261120T120000Z"
                   "\r\nSUMMARY:Review\r\nATTENDEE:mailto:bob@ray.example\r\nEND:VEVENT\r\n",
                   encoding="utf-8")
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert log_of(vault, "Bob Ray") == ["- 2026-11-01 Coffee #met", "- 2026-11-20 Review #met"]


def test_a_calendar_not_in_utf8_is_refused_at_its_line_and_a_folded_character_is_read(
        vault, run, tmp_path):
    """An .ics in Windows-1252 (an old Outlook's) was read with replacement characters, written
    into the notes as the meeting's text (`Caf� with Bob`): it is refused, naming the line and
    the byte, as a contacts file in another encoding is. A UTF-8 character that folding split
    over two lines is whole again."""
    meeting = ics_bytes([Meeting("Café with Bob", at(20), (BOB,), "w1")])
    ics = tmp_path / "old.ics"
    ics.write_bytes(meeting.decode("utf-8").encode("cp1252"))
    before = snapshot(vault)
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    line = meeting.split(b"Caf")[0].count(b"\n") + 1
    assert (result.exit_code, result.output) == (
        1, f"Error: {ics}: is not UTF-8 text (line {line} has the byte 0xe9); export it again as "
           "UTF-8, or save it as UTF-8 in a text editor\n")
    assert snapshot(vault) == before
    ics.write_bytes(meeting.replace("Café".encode(), b"Caf\xc3\r\n \xa9"))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert log_of(vault, "Bob Ray")[-1] == "- 2026-11-20 Café with Bob #met"


def test_a_calendar_in_utf16_is_named_so(vault, run, tmp_path):
    """Its first line was shown as `��B\x00E\x00G…` (a review), where contacts say UTF-16."""
    ics = tmp_path / "c.ics"
    ics.write_bytes(ics_bytes([Meeting("Fine", at(20), (BOB,), "f1")]).decode().encode("utf-16"))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert (result.exit_code, result.output) == (
        1, f"Error: {ics}: is UTF-16 text, not UTF-8; export it again as UTF-8, or save it as "
           "UTF-8 in a text editor\n")


@pytest.mark.parametrize(("data", "said"), [
    ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".encode("utf-16-le"),  # (no byte order mark)
     "is UTF-16 text, not UTF-8; export it again as UTF-8, or save it as UTF-8 in a text editor"),
    ("BEGIN:VCALENDAR\r\n".encode("utf-32"),
     "is UTF-32 text, not UTF-8; export it again as UTF-8, or save it as UTF-8 in a text editor"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)),
     "is a zip archive (a spreadsheet's, say), not a text export; export the calendar again as "
     ".ics"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40) + bytes(range(1, 200)),
     "is a binary file, not a text export; export the calendar again as .ics"),
])
def test_an_export_that_is_no_utf8_text_is_named_for_what_it_is(vault, run, tmp_path, data, said):
    """A UTF-16 file without a byte order mark showed its first line's bytes (`B\x00E\x00G…`), a
    UTF-32 one was called UTF-16, and a spreadsheet showed 200 characters of zip (a review)."""
    for command in (("import", "calendar"), ("import",)):
        file = tmp_path / "export"
        file.write_bytes(data)
        result = run(*command, file, "--vault", vault, "--today", TODAY)
        shown = said.replace("the calendar again as .ics", "the contacts again as vCard (.vcf) "
                             "or CSV") if command == ("import",) else said
        assert (result.exit_code, result.output) == (1, f"Error: {file}: {shown}\n")
