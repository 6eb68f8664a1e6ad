"""Text for a terminal: the agenda (sections, most urgent first, names aligned) and a brief."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vaultnet.base.text import ago, days, logged_text, plural, printable
from vaultnet.insight.brief import as_shown, days_overdue
from vaultnet.insight.warm_paths import advice

if TYPE_CHECKING:
    from datetime import date

    from vaultnet.base.model import Task
    from vaultnet.insight.agenda import Agenda
    from vaultnet.insight.brief import Brief
    from vaultnet.insight.people import Found



def _rows(rows: list[tuple[str, str]]) -> list[str]:
    rows = [(printable(name), printable(as_shown(text))) for name, text in rows]
    width = max((len(name) for name, _ in rows), default=0)
    return [f"  {name.ljust(width)}  {text}" for name, text in rows]


def format_agenda(agenda: Agenda) -> str:
    """The agenda as plain text, one section per kind of follow-up; a line's text shows as
    Obsidian shows it, as in a brief (`as_shown`; the notes and Follow-ups.md keep it as
    written)."""
    lines = [f"Agenda for {agenda.today.isoformat()}", ""]

    def section(title: str, rows: list[tuple[str, str]], empty: str) -> None:
        lines.append(f"{title} ({len(rows)})")
        lines.extend(_rows(rows) if rows else [f"  {empty}"])
        lines.append("")

    if agenda.replies:  # the most urgent, when there is any: first
        section("Replies owed", [(r.person.name, r.reason) for r in agenda.replies], "")
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


def format_brief(b: Brief, today: date) -> str:
    """The brief as plain text for a terminal, its text as Obsidian shows it (`as_shown`). About, Birthday,
    Contact and Plans appear only when the note has them."""
    p = b.person
    what = [x for x in (p.role, *b.orgs) if x]
    if p.is_prospect and p.role != "prospect":
        what.append("prospect")
    lines = [p.name + (f" ({', '.join(what)})" if what else ""),
             f"{p.path} · {b.tie.describe(today)}", ""]

    def section(title: str, rows: list[str], empty: str) -> None:
        lines.append(title)
        lines.extend(f"  {row}" for row in rows or [empty])
        lines.append("")

    def promise(task: Task) -> str:
        late = days_overdue(task, today)
        return task.text + (f" (due {task.due.isoformat()}"
                            + (f", {days(late)} overdue" if late else "") + ")" if task.due else "")

    if b.about:
        section("About", list(b.about), "")
    if b.birthday:
        section("Birthday", [b.birthday.when], "")
    if b.contact:
        section("Contact", [f"{label}: {value}" for label, value in b.contact], "")
    section("Last interactions", [f"{i.day.isoformat()}  {logged_text(i.text)}" for i in b.recent],
            "none logged yet")
    if b.plans:
        section("Plans", [f"{i.day.isoformat()}  {logged_text(i.text)}" for i in b.plans], "")
    section("Open promises", [f"you:  {promise(t)}" for t in b.yours]
            + [f"them: {promise(t)}" for t in b.theirs], "none either way")
    section("Open outreach", [f"{i.day.isoformat()}  {logged_text(i.text)}" for i in b.outreach],
            "nothing waiting for an answer")
    section("Shared topics with you", [", ".join(b.shared_topics)] if b.shared_topics else [],
            "none of your focus topics")
    if b.relations:
        section("Ties in your notes", [t.describe(p) for t in b.relations], "")
    section("Mutual connections", [", ".join(m.name for m in b.mutual)] if b.mutual else [],
            "nobody you know is tied to them in your notes")
    offers = list(b.offers) + [f"{h.offer} (for: {h.need})" for h in b.helps]
    offers += [f"an introduction to {(x.b if x.a.path == p.path else x.a).name} "
               f"({', '.join(x.shared)})" for x in b.introductions]
    section("What you could offer", offers, "nothing noted: add `offers` to their note")
    section("What they need", list(b.needs), "nothing noted: add `needs` to their note")
    if b.paths or p.is_prospect:
        section("Warm paths", [advice(list(path)) for path in b.paths],
                "none: nobody you know is tied to them")
    if b.story:
        section("Your story, if it comes up", [b.story], "")
    return "\n".join(printable(as_shown(line)) for line in lines).rstrip("\n") + "\n"



def format_people(found: list[Found], today: date) -> str:
    """People found, one a line: name, then role, organisations, `prospect` and `dormant` when
    they are, and the last contact."""
    if not found:
        return "Nobody matches.\n"
    rows = []
    for item in found:
        person = item.person
        what = [x for x in (person.role, *item.orgs) if x]
        if person.is_prospect and person.role != "prospect":
            what.append("prospect")
        if person.is_dormant:
            what.append("dormant")
        what_last = "last contact" if person.has_met else "written to"
        last = (f"{what_last} {item.last_contact.isoformat()} "
                f"({ago((today - item.last_contact).days)})" if item.last_contact
                else "no contact yet")
        rows.append((person.name, " · ".join([*what, last])))
    return "\n".join([*_rows(rows), plural(len(found), "person", "people")]) + "\n"
