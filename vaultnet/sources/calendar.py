"""`vaultnet import calendar`: meetings from a calendar export (.ics) as `#met` interactions.

Google Calendar's and Outlook's exports are read with the icalendar library: each event on or
before today (and on or after `--since`) is a meeting with each person of the vault among its
attendees or its organiser, matched by their `mailto:` address (or the EMAIL beside another value).
A cancelled event, an event you declined, and an attendee who declined are no meeting (an organiser
who declined too: a declined line wins for its address); nor is one who sent another in their place
or was only told of it, and rooms and groups are nobody. Repeating events count once per occurrence
of their recurrence set (RRULE and RDATE), without the starts the event excludes (EXDATE: by start,
or by day for an all-day date); an occurrence changed on its own (an override: a VEVENT with the
same UID and a RECURRENCE-ID, moved, cancelled or declined) is judged by itself, in place of the
one it names; a set that repeats more than MAX_OCCURRENCES times up to today is followed that far,
and the event named as a problem. The day is the event's start in the vault's local time (an
all-day event keeps its date).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Problem
from vaultnet.base.small_files import NotReadable, read_small_file
from vaultnet.sources.contacts import BYTE_FOLD, export_not_utf8, not_text, other_export
from vaultnet.sources.interaction_import import (
    AddressBook,
    ImportReport,
    Sighting,
    count_stranger,
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
    error = not_text(path, data, "export the calendar again as .ics")  # (no first line to show)
    if error is not None:
        raise error
    first = next((line.strip() for line in data[:4096].decode("utf-8", "replace").splitlines()
                  if line.strip()), "")  # (of the file's start alone: it may be 100 MB)
    if not first.lstrip("\ufeff").upper().startswith(("BEGIN:VCALENDAR", "BEGIN:VEVENT")):
        shown = f'its first line is "{first[:60]}"' if first else "it is empty"
        instead = other_export(first, path) or "; a calendar export starts with BEGIN:VCALENDAR: " \
            "export the calendar again as .ics"
        raise VaultnetError(f"{path}: not an iCalendar file ({shown}){instead}")
    # An .ics is UTF-8, whose lines folding may split within a character's bytes (RFC 5545,
    # 3.1): unfolded here, each character is whole again for the parser.
    error = export_not_utf8(path, data, folded=True)
    if error is not None:
        raise error
    data = BYTE_FOLD.sub(b"", data)
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError, UnicodeError) as err:
        raise VaultnetError(f"{path}: not an iCalendar file that can be read ({err}); export the "
                            "calendar again as .ics") from err
    if not calendars:
        raise VaultnetError(f"{path}: holds no complete calendar (BEGIN:VCALENDAR … "
                            "END:VCALENDAR); export the calendar again as .ics")
    events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    overridden = _overridden(events)
    found: list[Sighting] = []
    for event in events:
        report.read += 1
        own = [] if event.get("recurrence-id") is not None \
            else overridden.get(str(event.get("uid", "")), [])
        try:
            found += _meetings(event, book, report, today, since, own)
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as err:
            report.unreadable(report.source, _named(event), _why(event, err))
    report.unnamed_unreadable(report.source, "event")
    return found


def _named(event: Any) -> str:
    """An event as a person finds it in their calendar: its title, its UID."""
    summary = " ".join(str(event.get("summary", "")).split())
    uid = str(event.get("uid", ""))
    shown = f'"{summary[:60]}{"…" if len(summary) > 60 else ""}"' if summary else "with no title"
    return f"the event {shown}" + (f" (UID {uid[:80]})" if uid else "")


def _why(event: Any, err: Exception) -> str:
    """Why an event cannot be read: the first property the parser could not read, with its
    words, else the error's."""
    errors = getattr(event, "errors", None) or []
    if errors:
        name, said = errors[0]
        return f"its {name} cannot be read ({said})"
    return f"it cannot be read ({err})"


def _overridden(events: list[Any]) -> dict[str, list[date]]:
    """By UID, the starts of the occurrences that an override replaces (its RECURRENCE-ID): the
    repeating event leaves them out, and each override is judged by itself."""
    starts: dict[str, list[date]] = defaultdict(list)
    for event in events:
        replaced = getattr(event.get("recurrence-id"), "dt", None)
        if isinstance(replaced, date):  # (else it names no occurrence: still judged by itself)
            starts[str(event.get("uid", ""))].append(replaced)
    return starts


def _meetings(event: Any, book: AddressBook, report: ImportReport, today: date,
              since: date | None, overridden: list[date]) -> list[Sighting]:
    """One event's meetings: one sighting per occurrence and person of the vault."""
    if str(event.get("status", "")).upper() == "CANCELLED" or event.get("dtstart") is None:
        if event.get("dtstart") is None:
            report.unreadable(report.source, _named(event), "it has no start (DTSTART)")
        return []
    people: list[str] = []
    for address, (declined, name) in _participants(event).items():
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
            count_stranger(report, address, name)
    if not people:
        report.unmatched += 1
        return []
    text = line_text(str(event.get("summary", "")) or "Meeting")
    starts, cut = _occurrences(event, today, overridden)
    if cut is not None and _local_day(cut) <= today:
        report.problems.append(_cut_problem(report.source, event, cut))
    found = []
    for start in starts:
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


# Who was not there: an attendee who declined, or sent another in their place (DELEGATED), or
# was only told of it (ROLE=NON-PARTICIPANT, "for information").
_NOT_THERE = frozenset({"DECLINED", "DELEGATED"})
# What an attendee that is no person is (CUTYPE): a room, a resource, a group (a mailing list);
# Google's rooms are resources of `resource.calendar.google.com`.
_NOBODY = frozenset({"ROOM", "RESOURCE", "GROUP"})


def _participants(event: Any) -> dict[str, tuple[bool, str]]:
    """The organiser's and attendees' addresses, each once: whether they were not there
    (`_NOT_THERE`, on any of their lines: an organiser who declined their own meeting did not
    go), and a name (CN). An address is the value's `mailto:`, else its EMAIL parameter (Apple's
    calendar server names attendees `urn:uuid:…`, the address beside it); rooms, resources and
    groups are nobody's (`_NOBODY`)."""
    found: dict[str, tuple[bool, str]] = {}
    for who in (w for field in ("organizer", "attendee") for w in _as_list(event.get(field))):
        params = who.params
        value = str(who)
        if value[:7].lower() != "mailto:" and params.get("EMAIL"):
            value = f"mailto:{params['EMAIL']}"
        address = normal_address(value.partition(":")[2] if ":" in value else value)
        if str(params.get("CUTYPE", "")).upper() in _NOBODY \
                or address.endswith("@resource.calendar.google.com"):
            continue
        away = str(params.get("PARTSTAT", "")).upper() in _NOT_THERE \
            or str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT"
        known, name = found.get(address, (False, ""))
        found[address] = (known or away, name or str(params.get("CN", "")))
    return found


def _local_day(start: date | datetime) -> date:
    """A start's day in the vault's local time; a floating time and an all-day date are local."""
    if isinstance(start, datetime):
        return start.astimezone().date() if start.tzinfo is not None else start.date()
    return start


def _occurrences(event: Any, today: date, overridden: list[date],
                 ) -> tuple[list[date | datetime], date | datetime | None]:
    """Every start of the event's recurrence set up to today (its DTSTART, or its RRULE's starts,
    and its RDATEs), without its EXDATEs and the starts its overrides replace; and, when the set
    gives more starts than MAX_OCCURRENCES up to then, the first start left out (else None)."""
    from dateutil.rrule import rruleset, rrulestr

    start = event["dtstart"].dt
    rule = event.get("rrule")
    anchor = start if isinstance(start, datetime) else datetime.combine(start, time())
    exdates = [d.dt for value in _as_list(event.get("exdate")) for d in value.dts]
    times, days = _excluded(anchor, [*overridden, *exdates], not isinstance(start, datetime))
    extras = _rdates(event, anchor)
    if rule is None and not extras:  # one meeting: said to be after today when it is
        return ([] if _left_out(start, anchor, times, days) else [start]), None
    every = rruleset()
    for extra in extras:
        every.rdate(extra)
    if rule is None:
        every.rdate(anchor)
    elif not _never(rule, anchor):
        try:
            every.rrule(rrulestr(_with_until(rule, start).to_ical().decode("ascii", "replace"),
                                 dtstart=anchor))
        except (ValueError, TypeError):
            every.rdate(anchor)  # a rule dateutil cannot follow: the first occurrence at least
    end = datetime.combine(today + timedelta(days=2), time())
    if anchor.tzinfo is not None:
        end = end.astimezone(anchor.tzinfo)
    starts: list[date | datetime] = []
    for count, occurrence in enumerate(every):
        if occurrence > end:
            break
        value = occurrence if isinstance(start, datetime) else occurrence.date()
        if count >= MAX_OCCURRENCES:
            return starts, value
        if not _left_out(value, anchor, times, days):
            starts.append(value)
    return starts, None


def _excluded(anchor: datetime, values: list[Any], all_day: bool,
              ) -> tuple[set[datetime], set[date]]:
    """The moments (in UTC) and the days the event leaves out, from its EXDATEs and its overrides'
    RECURRENCE-IDs: a date leaves out its day, a time the start at that moment alone (in an
    all-day event, its day)."""
    times: set[datetime] = set()
    days: set[date] = set()
    for value in values:
        if isinstance(value, datetime) and not all_day:
            times.add(_moment(value, anchor))
        elif isinstance(value, date):
            days.add(_own_day(value))
    return times, days


def _left_out(value: date, anchor: datetime, times: set[datetime], days: set[date]) -> bool:
    """Whether the start `value` is one the event leaves out (`_excluded`)."""
    if isinstance(value, datetime) and _moment(value, anchor) in times:
        return True
    return _own_day(value) in days


def _moment(value: datetime, anchor: datetime) -> datetime:
    """A start as a moment in UTC: a floating time is in the event's zone (the vault's local time
    for a floating event)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=anchor.tzinfo) if anchor.tzinfo is not None \
            else value.astimezone()
    return value.astimezone(UTC)


def _own_day(value: date) -> date:
    """A start's day as written, in its own zone."""
    return value.date() if isinstance(value, datetime) else value


def _rdates(event: Any, anchor: datetime) -> list[datetime]:
    """The starts the event's RDATEs add, in the form of its start (`anchor`) as dateutil needs:
    in its zone, or floating; a date at the start's time; a period (`…/PT1H`) at its start."""
    found = []
    for value in _as_list(event.get("rdate")):
        for each in value.dts:
            moment = each.dt[0] if isinstance(each.dt, tuple) else each.dt
            if not isinstance(moment, datetime):
                moment = datetime.combine(moment, anchor.time(), anchor.tzinfo)
            elif anchor.tzinfo is None and moment.tzinfo is not None:
                moment = moment.astimezone().replace(tzinfo=None)
            elif anchor.tzinfo is not None and moment.tzinfo is None:
                moment = moment.replace(tzinfo=anchor.tzinfo)
            found.append(moment)
    return found


def _cut_problem(source: str, event: Any, cut: date | datetime) -> Problem:
    """A repeating event followed for its first MAX_OCCURRENCES occurrences only: named, with the
    first start left out (in the vault's local time, as its day is)."""
    summary = " ".join(str(event.get("summary", "")).split()) or "(no title)"
    uid = " ".join(str(event.get("uid", "")).split())
    if isinstance(cut, datetime):
        shown = f"{cut.astimezone() if cut.tzinfo is not None else cut:%Y-%m-%d %H:%M}"
    else:
        shown = cut.isoformat()
    return Problem(source, None,
                   f"the repeating event \"{summary}\"" + (f" (UID {uid})" if uid else "")
                   + f" repeats more than {MAX_OCCURRENCES:,} times up to today: only the first "
                   f"{MAX_OCCURRENCES:,} were read, so its meetings from {shown} on were not logged",
                   "end the rule (UNTIL or COUNT) or make it less frequent in the calendar, then "
                   "import again")


def _with_until(rule: Any, start: date | datetime) -> Any:
    """The rule with its UNTIL in the form of the event's start, as dateutil requires (UTC for a
    start in a zone, a date for an all-day event, a local time for a floating one): exports write
    a date, a UTC time or a floating time whatever the start."""
    from icalendar.prop import vRecur

    untils = rule.get("UNTIL")
    if not untils or not isinstance(untils[0], date):
        return rule
    until = untils[0]
    if not isinstance(start, datetime):  # all-day: the UNTIL's own date
        until = until.date() if isinstance(until, datetime) else until
    else:
        if not isinstance(until, datetime):  # a date: up to its end
            until = datetime.combine(until, time(23, 59, 59))
        if start.tzinfo is not None:
            until = (until if until.tzinfo is not None
                     else until.replace(tzinfo=start.tzinfo)).astimezone(UTC)
        elif until.tzinfo is not None:  # a floating start is the vault's local time
            until = until.astimezone().replace(tzinfo=None)
    changed = vRecur(rule)
    changed["UNTIL"] = [until]
    return changed


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # (a leap year's)


def _never(rule: Any, anchor: datetime) -> bool:
    """Whether the rule can never give an occurrence (`BYMONTH=2;BYMONTHDAY=30`): dateutil would
    look for one day by day up to the year 9999, for seconds, whatever its UNTIL."""
    return _days_never_meet(rule) or _weeks_never_meet(rule, anchor)


def _days_never_meet(rule: Any) -> bool:
    """Whether the rule's months and days of the month or year can never meet: told at once."""
    try:
        months = {int(m) for m in rule.get("BYMONTH", [])} or set(range(1, 13))
        monthdays = {int(d) for d in rule.get("BYMONTHDAY", [])}
        yeardays = {int(d) for d in rule.get("BYYEARDAY", [])}
    except (ValueError, TypeError):
        return False  # (dateutil refuses the rule, which is reported)
    if not (monthdays or yeardays) or not months <= set(range(1, 13)):
        return False  # (months out of range: dateutil refuses the rule, which is reported)
    for year in (2024, 2025):  # a leap year and a common one hold every day there is
        first, length = date(year, 1, 1), 366 if year == 2024 else 365
        for number in range(length):
            day = first + timedelta(days=number)
            last = _MONTH_DAYS[day.month - 1] - (day.month == 2 and year == 2025)
            if (day.month in months
                    and (not monthdays or day.day in monthdays or day.day - last - 1 in monthdays)
                    and (not yeardays or number + 1 in yeardays or number - length in yeardays)):
                return False
    return True


def _weeks_never_meet(rule: Any, anchor: datetime) -> bool:
    """Whether a rule finer than yearly with weeks of the year (`BYWEEKNO=1;BYMONTH=6`) never
    meets them: a yearly rule of the same days tells, as dateutil looks through a year at once
    (a fraction of a second where the rule itself would take seconds)."""
    from dateutil.rrule import rrulestr
    from icalendar.prop import vRecur

    frequency = str(rule.get("FREQ", [""])[0]).upper()
    days = [str(d) for d in rule.get("BYDAY", [])]
    if not rule.get("BYWEEKNO") or frequency in ("YEARLY", "MONTHLY") \
            or not all(d.isalpha() for d in days):  # (`1MO` counts in a year, not a month)
        return False
    probe: Any = vRecur({k: v for k, v in rule.items()
                    if k in ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY", "WKST")})
    probe["FREQ"] = ["YEARLY"]
    try:
        first = next(iter(rrulestr(probe.to_ical().decode("ascii", "replace"), dtstart=anchor)),
                     None)
    except (ValueError, TypeError):
        return False  # (dateutil refuses the rule itself too, which is reported)
    return first is None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
