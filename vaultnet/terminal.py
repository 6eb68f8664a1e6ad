"""The agenda as text for a terminal: sections, most urgent first, names aligned."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vaultnet.names import CONTROL

if TYPE_CHECKING:
    from vaultnet.agenda import Agenda



def printable(text: str) -> str:
    """Text from a note made safe for a terminal: control characters shown as escapes, so that a
    name cannot move the cursor, retitle the window or split a line."""
    return CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def _rows(rows: list[tuple[str, str]]) -> list[str]:
    rows = [(printable(name), printable(text)) for name, text in rows]
    width = max((len(name) for name, _ in rows), default=0)
    return [f"  {name.ljust(width)}  {text}" for name, text in rows]


def format_agenda(agenda: Agenda) -> str:
    """The agenda as plain text, one section per kind of follow-up."""
    lines = [f"Agenda for {agenda.today.isoformat()}", ""]

    def section(title: str, rows: list[tuple[str, str]], empty: str) -> None:
        lines.append(f"{title} ({len(rows)})")
        lines.extend(_rows(rows) if rows else [f"  {empty}"])
        lines.append("")

    section("Stay in touch", [(s.person.name, s.reason) for s in agenda.stay_in_touch],
            "everyone is in touch")
    section("Outreach", [(o.person.name, o.reason) for o in agenda.outreach],
            "no outreach waiting")
    section("Promises", [
        (p.person.name, f"{'OVERDUE ' if p.overdue else ''}{p.due.isoformat()}  {p.text}")
        for p in agenda.promises], "none due this week")
    section("Birthdays", [(b.person.name, b.when) for b in agenda.birthdays],
            "none in the next two weeks")
    return "\n".join(lines)
