"""`vaultnet import calendar`: meetings from a calendar export (.ics) as `#met` interactions.

Google Calendar's and Outlook's exports are read with the icalendar library: each event on or
before today (and on or after `--since`) is a meeting with each person of the vault among its
attendees or its organiser, matched by their `mailto:` address. A cancelled event, an event you
declined, and an attendee who declined are no meeting. Repeating events count once per occurrence,
without the dates the event excludes. The day is the event's start in the vault's local time (an
all-day event keeps its date).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from vaultnet.base.errors import VaultnetError
from vaultnet.base.small_files import NotReadable, read_small_file
from vaultnet.sources.interaction_import import (
    AddressBook,
    ImportReport,
    Sighting,
    line_text,
    normal_address,
)

MAX_CALENDAR_BYTES = 128 * 1024 * 1024
MAX_OCCURRENCES = 10_000  # of one repeating event: a daily event over 27 years


def read_calendar(path: Path, book: AddressBook, report: ImportReport, today: date,
                  since: date | None = None) -> list[Sighting]:
    """Every meeting with someone of the vault in the .ics file at `path`."""
    from icalendar import Calendar

    try:  # a regular file only, bounded: a FIFO would hang the read, /dev/zero never end
        data = read_small_file(path, MAX_CALENDAR_BYTES) or b""
    except NotReadable as err:
        raise VaultnetError(f"{path}: the calendar file {err}; give the exported .ics file") from err
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError, UnicodeError) as err:
        raise VaultnetError(f"{path}: not an iCalendar file that can be read ({err}); export the "
                            "calendar again as .ics") from err
    if not calendars:
        raise VaultnetError(f"{path}: holds no complete calendar (BEGIN:VCALENDAR … "
                            "END:VCALENDAR); export the calendar again as .ics")
    found: list[Sighting] = []
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            report.read += 1
            try:
                found += _meetings(event, book, report, today, since)
            except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
                report.broken += 1
    return found


def _meetings(event: Any, book: AddressBook, report: ImportReport, today: date,
              since: date | None) -> list[Sighting]:
    """One event's meetings: one sighting per occurrence and person of the vault."""
    if str(event.get("status", "")).upper() == "CANCELLED" or event.get("dtstart") is None:
        if event.get("dtstart") is None:
            report.broken += 1
        return []
    people: list[str] = []
    for who in _participants(event):
        address = normal_address(str(who).partition(":")[2] if ":" in str(who) else str(who))
        declined = str(who.params.get("PARTSTAT", "")).upper() == "DECLINED"
        if address in book.mine:
            if declined:
                return []  # you did not go
            continue
        if declined or "@" not in address:
            continue
        path = book.person(address)
        if path is not None:
            people.append(path)
        elif address not in book.shared:
            report.unknown[address] += 1
            name = " ".join(str(who.params.get("CN", "")).split()).strip("'\" ")
            if name and name != address and address not in report.unknown_names:
                report.unknown_names[address] = name
    if not people:
        report.unmatched += 1
        return []
    text = line_text(str(event.get("summary", "")) or "Meeting")
    found = []
    for start in _occurrences(event, today):
        day = _local_day(start)
        if day > today:
            report.future += 1
            continue
        if since is not None and day < since:
            report.older += 1
            continue
        when = start if isinstance(start, datetime) else None
        found += [Sighting(path, day, "met", text, when) for path in dict.fromkeys(people)]
    return found


def _participants(event: Any) -> Iterator[Any]:
    for name in ("organizer", "attendee"):
        value = event.get(name)
        if value is None:
            continue
        yield from value if isinstance(value, list) else [value]


def _local_day(start: date | datetime) -> date:
    """A start's day in the vault's local time; a floating time and an all-day date are local."""
    if isinstance(start, datetime):
        return start.astimezone().date() if start.tzinfo is not None else start.date()
    return start


def _occurrences(event: Any, today: date) -> Iterator[date | datetime]:
    """The event's start, and for a repeating event every start up to today, without EXDATEs."""
    start = event["dtstart"].dt
    rule = event.get("rrule")
    if rule is None:
        yield start
        return
    from dateutil.rrule import rrulestr

    excluded = {_local_day(d.dt) for value in _as_list(event.get("exdate")) for d in value.dts}
    anchor = start if isinstance(start, datetime) else datetime.combine(start, time())
    try:
        rules = rrulestr(rule.to_ical().decode("ascii", "replace"), dtstart=anchor)
    except (ValueError, TypeError):
        yield start  # a rule dateutil cannot follow: the first occurrence at least
        return
    end = datetime.combine(today + timedelta(days=2), time())
    if anchor.tzinfo is not None:
        end = end.astimezone(anchor.tzinfo)
    for count, occurrence in enumerate(rules):
        if occurrence > end or count >= MAX_OCCURRENCES:
            return
        value = occurrence if isinstance(start, datetime) else occurrence.date()
        if _local_day(value) not in excluded:
            yield value


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
