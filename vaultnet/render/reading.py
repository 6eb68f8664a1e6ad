"""How the vault was read, as text for `check` and `sync` (a light module: a sync answered from the
cache imports nothing heavy to print it)."""

from __future__ import annotations

from vaultnet.base.conventions import Reading
from vaultnet.base.text import plural, printable, some_of
from vaultnet.parse.dated_names import format_pattern

_RULES = {"type": "`type: person`", "tag": "a person tag", "category": "a [[People]] category"}
# Why a note in a people folder is not a person's (`vaultnet.parse.note.passed_over`), by count.
_PASSED_OVER = {"organisation": lambda n: f"{n} typed as an organisation",
                "profile": lambda n: f"{n} typed as the profile (`type: me`)",
                "folder note": lambda n: plural(n, "folder note"),
                "index": lambda n: f"{n} tagged or typed moc or index",
                "plugin": lambda n: f"{plural(n, 'drawing or board', 'drawings or boards')} "
                                    "of a plugin"}


def _rule(rule: str) -> str:
    """A rule that found people, as `check` names it: `type: person`, `type: contact`, a person
    tag, a [[People]] category, folder People/."""
    if rule.startswith("type "):
        return f"`type: {rule.removeprefix('type ')}`"
    return _RULES.get(rule, rule + "/")


def format_reading(reading: Reading) -> list[str]:
    """How the vault was read, in a few lines: which rules found its people, where its daily
    notes, meetings and templates are, and where each convention came from."""
    people = sum(count for _, count in reading.people_by)
    rules = ", ".join(f"{count} by {_rule(rule)}" for rule, count in reading.people_by)
    lines = ["How the vault was read:",
             f"  people: {people}" + (f" ({rules})" if rules else ": no note was recognised as a "
                                       "person's; mark them with `type: person`, `tags: [person]`, "
                                       "`categories: [\"[[People]]\"]`, or keep them in People/")]
    if reading.passed_over:
        passed = sum(count for _, count in reading.passed_over)
        whys = ", ".join(_PASSED_OVER[why](count) for why, count in reading.passed_over)
        lines.append(f"  not people, though in a people folder: {passed} ({whys})")
    daily = reading.daily
    if daily.source:
        where = f" in {daily.folder}/" if daily.folder else ""
        lines.append(f"  daily notes: {reading.daily_notes}, named {daily.format}{where} "
                     f"(from {daily.source})")
        if format_pattern(daily.format) is None:
            lines.append("    that format names no day (it needs a year, a month and a day, "
                         "such as YYYY-MM-DD), so no note is read as a daily note")
    else:
        lines.append(f"  daily notes: {reading.daily_notes}, named by a date "
                     "(no daily-note setting)")
    lines.append(f"  meeting notes: {reading.meetings}")
    skipped = ", ".join(f"{folder}/ ({source})" for folder, source in reading.templates)
    if reading.template_notes:
        notes = plural(reading.template_notes, "template note")
        which = f" ({some_of(reading.template_paths, 3, reading.template_notes)})"
        skipped = f"{skipped}; {notes} elsewhere{which}" if skipped else notes + which
    lines.append(f"  skipped as templates: {skipped or 'none'}")
    return [printable(line) for line in lines]
