"""Text for a terminal: the agenda (sections, most urgent first, names aligned) and a brief."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from vaultnet.base.text import ago, days, logged_text, plural, printable
from vaultnet.insight.agenda import due_words
from vaultnet.insight.brief import as_shown, days_overdue, name_or_path, named_alike
from vaultnet.insight.suggestions import COLD_SCORE
from vaultnet.insight.ties import STRONG_TIE
from vaultnet.insight.warm_paths import advice

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from vaultnet.base.model import Interaction, Person, Task
    from vaultnet.insight.agenda import Agenda
    from vaultnet.insight.brief import Brief
    from vaultnet.insight.people import Found
    from vaultnet.insight.ties import Tie

NAME_COLUMNS = 40  # the widest the name column grows: a wider name has a line of its own


def display_width(text: str) -> int:
    """The columns `text` takes in a terminal: two for an East Asian wide or fullwidth character
    (王, Ａ, 🦄), none for a combining mark or an invisible format character, one for any other."""
    if text.isascii():
        return len(text)
    return sum(_char_width(c) for c in text)


def _char_width(c: str) -> int:
    if c == "\u00ad":  # the soft hyphen: a format character that a terminal shows
        return 1
    if unicodedata.category(c) in ("Mn", "Me", "Cf") or "\u1160" <= c <= "\u11ff":
        return 0  # (U+1160-U+11FF: the Hangul vowels and finals that join the syllable before)
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def _rows(rows: list[tuple[str, str]]) -> list[str]:
    """Rows of a name and its text, the texts lined up after the widest name that fits in
    NAME_COLUMNS; a wider name is shown whole on a line of its own, its text under the column
    on the next (a name is what one copies into the next command)."""
    shown = [(printable(name), printable(as_shown(text))) for name, text in rows]
    widths = [display_width(name) for name, _ in shown]
    width = max((w for w in widths if w <= NAME_COLUMNS), default=0)
    lines = []
    for (name, text), w in zip(shown, widths, strict=True):
        if w > width:
            lines += [f"  {name}", f"  {' ' * width}  {text}"]
        else:
            lines.append(f"  {name}{' ' * (width - w)}  {text}")
    return lines


def _marks(person: Person, orgs: tuple[str, ...]) -> list[str]:
    """What a person is, after their name: role, organisations, `prospect` and `dormant` when
    they are."""
    what = [x for x in (person.role, *orgs) if x]
    if person.is_prospect and person.role != "prospect":
        what.append("prospect")
    if person.is_dormant:
        what.append("dormant")
    return what


NOTHING_DUE = ("Nothing due: no reply owed, everyone is in touch, no outreach waiting, no promise "
               "due this week, no birthday in the next two weeks.")


def format_agenda(agenda: Agenda, everyone: Iterable[Person]) -> str:
    """The agenda as plain text, one section per kind of follow-up that has any, the most urgent
    (replies owed) first; every one empty, a line that says so. A line's text shows as Obsidian
    shows it, as in a brief (`as_shown`; the notes and Follow-ups.md keep it as written). A person
    whose name another of `everyone` has too is named by their note's path (`name_or_path`)."""
    sections = [
        ("Replies owed", [(r.person, r.reason) for r in agenda.replies]),
        ("Stay in touch", [(s.person, s.reason) for s in agenda.stay_in_touch]),
        ("Outreach", [(o.person, o.reason) for o in agenda.outreach]),
        ("Promises", [(p.person, p.reason) for p in agenda.promises]),
        ("Birthdays", [(b.person, b.when) for b in agenda.birthdays]),
    ]
    alike = named_alike([person for _, rows in sections for person, _ in rows], everyone)
    lines = [f"Agenda for {agenda.today.isoformat()}", ""]
    for title, rows in sections:
        if rows:
            lines += [f"{title} ({len(rows)})",
                      *_rows([(name_or_path(person, alike), text) for person, text in rows]), ""]
    if len(lines) == 2:
        lines += [NOTHING_DUE, ""]
    return "\n".join(lines)


def _agenda_items(agenda: Agenda) -> list[tuple[str, str]]:
    """One person's items of the agenda, each with what it is, in the order and words of
    `vaultnet due`."""
    return ([("Reply owed", r.reason) for r in agenda.replies]
            + [("Stay in touch", s.reason) for s in agenda.stay_in_touch]
            + [("Outreach", o.reason) for o in agenda.outreach]
            + [("Promise", p.reason) for p in agenda.promises]
            + [("Birthday", b.when) for b in agenda.birthdays])


def tie_words(score: int) -> str:
    """`tie strength 36 of 100 (warm)`: a tie's score on its scale, with the word the generated
    notes use for it (cold below COLD_SCORE, as in Know the field; strong from STRONG_TIE, as in
    Strongest ties), so that a bare number needs no README to be read."""
    word = "strong" if score >= STRONG_TIE else "warm" if score >= COLD_SCORE else "cold"
    return f"tie strength {score} of 100 ({word})"


def _tie_line(tie: Tie, today: date) -> str:
    """`tie strength 87 of 100 (strong): 5 interactions, last 2026-11-21 (4 days ago)`."""
    return f"{tie_words(tie.score)}: {tie.describe(today).partition(': ')[2]}"


def format_brief(b: Brief, today: date) -> str:
    """The brief as plain text for a terminal, its text as Obsidian shows it (`as_shown`). Their
    items of today's agenda come first, when they have any; About, Birthday, Contact and Plans
    appear only when the note has them."""
    p = b.person
    what = _marks(p, b.orgs)
    lines = [p.name + (f" ({', '.join(what)})" if what else ""),
             f"{p.path} · {_tie_line(b.tie, today)}", ""]

    def section(title: str, rows: list[str], empty: str) -> None:
        lines.append(title)
        lines.extend(f"  {row}" for row in rows or [empty])
        lines.append("")

    def promise(task: Task) -> str:
        return task.text + (f" ({due_words(task.due, days_overdue(task, today))})"
                            if task.due else "")

    items = _agenda_items(b.agenda) if b.agenda is not None else []
    if items:  # (what it is, in words of ASCII: lined up by their length)
        width = max(len(kind) for kind, _ in items)
        section("On today's agenda", [f"{kind:<{width}}  {text}" for kind, text in items], "")
    if b.about:
        section("About", list(b.about), "")
    if b.birthday:
        section("Birthday", [b.birthday.when], "")
    if b.contact:
        section("Contact", [f"{label}: {value}" for label, value in b.contact], "")
    section("Last interactions", [f"{i.day.isoformat()}  {_tagged(i)}" for i in b.recent],
            "none logged yet")
    if b.plans:
        section("Plans", [f"{i.day.isoformat()}  {logged_text(i.text)}" for i in b.plans], "")
    section("Open promises", [f"you:  {promise(t)}" for t in b.yours]
            + [f"them: {promise(t)}" for t in b.theirs], "none either way")
    if b.cold_outreach:
        section(f"Outreach gone cold (no reply for {days(b.cold_days)})",
                [f"{i.day.isoformat()}  {logged_text(i.text)}" for i in b.cold_outreach], "")
    else:
        section("Open outreach",
                [f"{i.day.isoformat()}  {logged_text(i.text)}" for i in b.outreach],
                "nothing waiting for an answer")
    section("Shared topics with you", [", ".join(b.shared_topics)] if b.shared_topics else [],
            "none of your focus topics")
    if b.relations:
        section("Ties in your notes", [t.describe(b.name_of(p), b.name_of(t))
                                       for t in b.relations], "")
    mutual = ", ".join(b.name_of(m) for m in b.mutual)
    section("Mutual connections", [mutual] if mutual else [],
            "nobody you know is tied to them in your notes")
    offers = list(b.offers) + [f"{h.offer} (for: {h.need})" for h in b.helps]
    offers += [f"an introduction to {b.name_of(x.b if x.a.path == p.path else x.a)} "
               f"({', '.join(x.shared)})" for x in b.introductions]
    section("What you could offer", offers, "nothing noted: add `offers` to their note")
    section("What they need", list(b.needs), "nothing noted: add `needs` to their note")
    if b.paths or p.is_prospect:
        section("Warm paths", [advice([b.name_of(step) for step in path]) for path in b.paths],
                "none: nobody you know is tied to them")
    if b.story:
        section("Your story, if it comes up", [b.story], "")
    return "\n".join(printable(as_shown(line)) for line in lines).rstrip("\n") + "\n"


def format_people(found: list[Found], today: date) -> str:
    """People found, one a line: name (their note's path, `Work/Sam`, when another one found has
    that name too), then role, organisations, `prospect` and `dormant` when they are, and the
    last contact."""
    if not found:
        return "Nobody matches.\n"
    everyone = [item.person for item in found]
    alike = named_alike(everyone, everyone)
    rows = []
    for item in found:
        person = item.person
        what = _marks(person, item.orgs)
        what_last = "last contact" if person.has_met else "written to"
        last = (f"{what_last} {item.last_contact.isoformat()} "
                f"({ago((today - item.last_contact).days)})" if item.last_contact
                else "no contact yet")
        rows.append((name_or_path(person, alike), " · ".join([*what, last])))
    return "\n".join([*_rows(rows), plural(len(found), "person", "people")]) + "\n"


def _tagged(interaction: Interaction) -> str:
    """An interaction's text (not the day again), with the tag of each of its kinds that the
    text does not show (a meeting note's `#met`, which its name holds no tag of), as a logged
    line shows them."""
    text = logged_text(interaction.text)
    if text == interaction.day.isoformat():
        text = ""  # (a meeting note named by its day alone: the day is shown already)
    shown = text.casefold()
    return " ".join([text, *(f"#{kind}" for kind in sorted(interaction.kinds)
                             if f"#{kind}" not in shown)]).strip()
