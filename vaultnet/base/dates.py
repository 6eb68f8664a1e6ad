"""Dates and durations as people write them in frontmatter and logs."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime

from vaultnet.base.model import Birthday
from vaultnet.base.text import compiled_when_used

_ISO = re.compile(r"\s*(?:\[\[)?(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?(?:\]\])?\s*")
_BIRTHDAY = re.compile(r"\s*(?:--|-)?(\d{2})-(\d{2})\s*")
# vCard's basic forms of a date (RFC 6350): 19800412, perhaps with a time, and --0412 without a year.
_vcard_date = compiled_when_used(r"(\d{4})(\d{2})(\d{2})(?:T[0-9:.+\-Z]*)?")
_VCARD_DAY = re.compile(r"--(\d{2})(\d{2})")
_LEADING_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DAYS = re.compile(r"[0-9]{1,6}")
# `30d`, `2w`, and as people write it: `2 weeks`, `every 3 months`, `6 mos`, `1 yr`.
_CADENCE = re.compile(r"\s*(?:every\s+)?([0-9]{1,6})\s*(days?|d|weeks?|wks?|w|months?|mos?|m|years?|"
                      r"yrs?|y)\s*", re.IGNORECASE)
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}  # (by a unit's first letter)
_WORD_DAYS = {"daily": 1, "weekly": 7, "biweekly": 14, "bi-weekly": 14, "fortnightly": 14,
              "monthly": 30, "quarterly": 90, "yearly": 365, "annually": 365, "every day": 1,
              "every week": 7, "every other week": 14, "every month": 30, "every year": 365}
# The cadence of someone not tracked, as `parse_cadence` gives it (and `Fields.cadence_days` keeps
# it): no number of days, so that "not tracked" is not "not given" (None, the role's default).
NOT_TRACKED = 0
# What says so, in a person's note and for a role in `.vaultnet.toml` alike (and the number 0).
_NOT_TRACKED_WORDS = frozenset({"0", "none", "never"})


class BadDate(ValueError):
    """A value that looks like a date but is not a real one (2026-02-30)."""


def parse_date(value: object) -> date | None:
    """A `date`, `datetime` or ISO string as a date; None if it is no date; BadDate if impossible."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], list) \
            and len(value[0]) == 1 and not isinstance(value[0][0], list):
        return parse_date(value[0][0])  # YAML reads an unquoted [[2026-10-01]] as a nested list
    if not isinstance(value, str):
        return None
    match = _ISO.fullmatch(value)
    if not match:
        return None
    return iso_date(f"{match[1]}-{match[2]}-{match[3]}")


@functools.lru_cache(maxsize=4096)
def iso_date(text: str) -> date:
    """A YYYY-MM-DD date; BadDate if it is not a real one."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadDate(f"{text} is not a real date") from None


def leading_date(name: str) -> date | None:
    """The date a note's name starts with (`2026-11-20 Friday`), if it is a real one."""
    found = _LEADING_DATE.match(name)
    if found is None:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


# The year Apple's contacts write for a birthday without one (with `X-APPLE-OMIT-YEAR=1604`),
# which a card's `BDAY` copied into frontmatter keeps: no one's year, as the vCard import reads it.
APPLE_NO_YEAR = 1604


def parse_birthday(value: object) -> Birthday | None:
    """A birthday with a year (1980-04-12) or without one (--04-12, or Apple's 1604-04-12);
    BadDate if impossible."""
    if isinstance(value, str):
        match = _BIRTHDAY.fullmatch(value)
        if match:
            month, day = int(match[1]), int(match[2])
            try:
                date(2000, month, day)  # a leap year, so that 29 February is allowed
            except ValueError:
                raise BadDate(f"--{match[1]}-{match[2]} is not a real day of the year") from None
            return Birthday(month, day)
    full = parse_date(value)
    if full is None:
        return None
    return Birthday(full.month, full.day, None if full.year == APPLE_NO_YEAR else full.year)


def from_vcard(text: str) -> str:
    """A date in vCard's basic form (`19800412`, `19800412T…`, `--0412`) in ISO's (`1980-04-12`,
    `--04-12`), as `parse_birthday` reads it; any other text as it is."""
    if match := _vcard_date().fullmatch(text):
        return f"{match[1]}-{match[2]}-{match[3]}"
    if match := _VCARD_DAY.fullmatch(text):
        return f"--{match[1]}-{match[2]}"
    return text


def next_birthday(birthday: Birthday, today: date) -> date:
    """The next occurrence on or after today; 29 February falls on 28 February in other years."""
    for year in (today.year, today.year + 1):
        try:
            day = date(year, birthday.month, birthday.day)
        except ValueError:
            day = date(year, 2, 28)
        if day >= today:
            return day
    raise AssertionError("unreachable: a birthday recurs within a year")


def next_birthday_or_none(birthday: Birthday, today: date) -> date | None:
    """The next birthday, or None when it falls after the last year a date can hold."""
    try:
        return next_birthday(birthday, today)
    except ValueError:
        return None


def parse_cadence(value: object) -> int | None:
    """A cadence in days: 30d, 2w, 3m, 1y, weekly, … (or as people write it: 2 weeks, every 3
    months, every other week), or a bare number of days; NOT_TRACKED for 0, "none" or "never";
    None for what is no cadence."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 1_000_000 else None  # (0 is NOT_TRACKED)
    if not isinstance(value, str):
        return None
    word = value.strip().casefold()
    if word in _NOT_TRACKED_WORDS:
        return NOT_TRACKED
    if " ".join(word.split()) in _WORD_DAYS:
        return _WORD_DAYS[" ".join(word.split())]
    if _DAYS.fullmatch(word):
        return int(word) or None
    match = _CADENCE.fullmatch(word)
    if not match or int(match[1]) == 0:
        return None
    return int(match[1]) * _UNIT_DAYS[match[2][0].lower()]
