"""Dates in note names: daily notes named by Obsidian's moment.js format, and leading dates.

Obsidian's Daily notes setting names each day's note by a moment.js format (`YYYY-MM-DD`,
`YYYY-MM-DD dddd`, `YYYY/MM/YYYY-MM-DD` for nested folders). This module turns such a format into a
matcher of vault paths, once per format, and reads the date back out of a name; and writes a day
in such a format (a template's `{{date:FORMAT}}`). Pure: no clock, no disk.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date

from vaultnet.base.dates import BadDate

_LEADING_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")
_MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name})

# moment.js tokens, longest first, as (token, regular expression, the date part it holds).
_TOKENS: tuple[tuple[str, str, str], ...] = (
    ("YYYY", r"\d{4}", "year"), ("GGGG", r"\d{4}", ""), ("gggg", r"\d{4}", ""),
    ("MMMM", r"[^\W\d_]+", "month_name"), ("MMM", r"[^\W\d_]+\.?", "month_name"),
    ("DDDD", r"\d{3}", ""), ("DDD", r"\d{1,3}", ""),
    ("dddd", r"[^\W\d_]+", "weekday"), ("ddd", r"[^\W\d_]+", "weekday"),
    ("YY", r"\d{2}", "short_year"), ("MM", r"\d{2}", "month"), ("DD", r"\d{2}", "day"),
    ("Do", r"\d{1,2}(?:st|nd|rd|th)", "day"), ("dd", r"[^\W\d_]+", "weekday"),
    ("WW", r"\d{2}", ""), ("ww", r"\d{2}", ""), ("Wo", r"\d{1,2}\w\w", ""), ("wo", r"\d{1,2}\w\w", ""),
    ("GG", r"\d{2}", ""), ("gg", r"\d{2}", ""), ("HH", r"\d{2}", ""), ("hh", r"\d{2}", ""),
    ("mm", r"\d{2}", ""), ("ss", r"\d{2}", ""),
    ("M", r"\d{1,2}", "month"), ("D", r"\d{1,2}", "day"), ("W", r"\d{1,2}", ""),
    ("w", r"\d{1,2}", ""), ("Q", r"[1-4]", ""), ("d", r"\d", ""), ("E", r"\d", ""),
    ("e", r"\d", ""), ("H", r"\d{1,2}", ""), ("h", r"\d{1,2}", ""), ("m", r"\d{1,2}", ""),
    ("s", r"\d{1,2}", ""), ("A", r"[AaPp][Mm]", ""), ("a", r"[AaPp][Mm]", ""),
)


@functools.lru_cache(maxsize=32)
def format_pattern(moment: str) -> re.Pattern[str] | None:
    """A pattern that matches a path (relative to the daily folder, without `.md`) whose last
    parts are named by the moment.js format `moment`, in the folder or any folder inside it, as
    Obsidian finds its daily notes (`getAllDailyNotes` searches the folder through; an empty
    folder is the whole vault); None when the format cannot name a day (no year, month and day)."""
    out, parts, at = [], set(), 0
    while at < len(moment):
        if moment[at] == "[":  # [literal text]
            end = moment.find("]", at)
            end = len(moment) if end < 0 else end
            out.append(re.escape(moment[at + 1:end]))
            at = end + 1
            continue
        for token, pattern, part in _TOKENS:
            if moment.startswith(token, at):
                if part and part in parts:
                    out.append(f"(?P={part})")  # `YYYY/MM/YYYY-MM-DD`: the same year twice
                else:
                    out.append(f"(?P<{part}>{pattern})" if part else f"(?:{pattern})")
                    parts.add(part)
                at += len(token)
                break
        else:
            out.append(re.escape(moment[at]))
            at += 1
    if not {"day"} <= parts or not ({"month", "month_name"} & parts) \
            or not ({"year", "short_year"} & parts):
        return None
    return re.compile("(?:.*/)?" + "".join(out), re.IGNORECASE)


class WrongWeekday(BadDate):
    """A name in the form whose weekday belies its date (`2026-11-10 Monday`, a Tuesday): `day`
    is the date it names."""

    def __init__(self, message: str, day: date) -> None:
        super().__init__(message)
        self.day = day


def date_from_format(relative: str, moment: str, strict: bool = False) -> date | None:
    """The day a daily note's path names by the format; None if the path is not named by it (or
    the format names no day); BadDate if it is, but that day does not exist (`2026-13-01`),
    WrongWeekday if its weekday is another's. A word that is no month's name is no such name
    (`Chapter 3, 2026` by `MMMM D, YYYY`); with `strict`, neither is a word that is no weekday's
    name (`2026-11-10 Kickoff` by `YYYY-MM-DD dddd`): a weekday in another language is read only
    where the note's place says it is a daily note."""
    pattern = format_pattern(moment)
    found = pattern.fullmatch(relative) if pattern is not None else None
    if found is None:
        return None
    parts = found.groupdict()
    year = int(parts["year"]) if parts.get("year") else 2000 + int(parts["short_year"])
    if parts.get("month"):
        month = int(parts["month"])
    else:
        named = _MONTHS.get(parts["month_name"].rstrip(".").casefold())
        if named is None:
            return None
        month = named
    day = int(re.match(r"\d+", parts["day"])[0])  # type: ignore[index]
    try:
        found_day = date(year, month, day)
    except ValueError:
        if strict:  # (`Notes/123456` by `YYMMDD`: a number, where no page was looked for)
            return None
        raise BadDate(f"{relative} is not a real date") from None
    word = parts.get("weekday") or ""
    named = _weekday(word)
    if named is None and word and strict:
        return None
    if named is not None and named != found_day.isoweekday() % 7:
        # (Obsidian reads a name strictly, and a day its weekday belies is no day to it.)
        raise WrongWeekday(f"{relative} is not a real date: {found_day.isoformat()} is a "
                           f"{_DAY_NAMES[found_day.isoweekday() % 7]}", found_day)
    return found_day


def _weekday(word: str) -> int | None:
    """The day of the week an English weekday's name (`Friday`, `Fri`, `Fr`) gives (0 for
    Sunday, as moment counts), or None: a name in another language is not checked (Obsidian
    writes the names in its own language)."""
    word = word.casefold()
    for number, name in enumerate(_DAY_NAMES):
        if word in (name.casefold(), name[:3].casefold(), name[:2].casefold()):
            return number
    return None


def leading_date(name: str) -> date | None:
    """The date a note's name starts with (`2026-11-20 Friday`), if it is a real one."""
    found = _LEADING_DATE.match(name)
    if found is None:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


# Writing a day in a moment.js format (`format_day`), in English, as Obsidian does by default.
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_DAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_MOMENT = re.compile(r"\[[^\]]*\]?|YYYY|YY|Y|Qo|Q|MMMM|MMM|Mo|MM|M|DDDo|DDDD|DDD|Do|DD|D|"
                     r"dddd|ddd|dd|do|d|E|GGGG|GG|Wo|WW|W|.", re.DOTALL)
_NOT_A_DAY = frozenset("aAhHkmsSxXzZLlNywge")  # a time of day, or a local form: not filled


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def format_day(day: date, pattern: str) -> str | None:
    """`day` written in a moment.js format (`YYYY-MM-DD`, `dddd, MMMM Do YYYY`), in English as
    Obsidian writes it (`format_pattern` reads such names back); None when the format holds a
    time of day or a local form (a template's `{{date}}` filled in by `vaultnet add`)."""
    weekday = day.isoweekday() % 7  # moment's `d`: Sunday is 0
    iso_year, iso_week, _ = day.isocalendar()
    doy = day.timetuple().tm_yday
    parts = {
        "YYYY": f"{day.year:04d}", "YY": f"{day.year % 100:02d}", "Y": str(day.year),
        "Q": str((day.month - 1) // 3 + 1), "Qo": _ordinal((day.month - 1) // 3 + 1),
        "MMMM": _MONTH_NAMES[day.month - 1], "MMM": _MONTH_NAMES[day.month - 1][:3],
        "MM": f"{day.month:02d}", "Mo": _ordinal(day.month), "M": str(day.month),
        "DDDD": f"{doy:03d}", "DDDo": _ordinal(doy), "DDD": str(doy),
        "DD": f"{day.day:02d}", "Do": _ordinal(day.day), "D": str(day.day),
        "dddd": _DAY_NAMES[weekday], "ddd": _DAY_NAMES[weekday][:3],
        "dd": _DAY_NAMES[weekday][:2], "do": _ordinal(weekday), "d": str(weekday),
        "E": str(day.isoweekday()), "GGGG": f"{iso_year:04d}", "GG": f"{iso_year % 100:02d}",
        "WW": f"{iso_week:02d}", "Wo": _ordinal(iso_week), "W": str(iso_week),
    }
    out = []
    for token in _MOMENT.findall(pattern):
        if token.startswith("["):
            out.append(token[1:].removesuffix("]"))
        elif token in parts:
            out.append(parts[token])
        elif token in _NOT_A_DAY:
            return None
        else:
            out.append(token)
    return "".join(out)
