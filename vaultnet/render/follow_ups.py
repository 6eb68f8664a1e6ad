"""Follow-ups.md: the day's agenda — who waits for your answer, whom to stay in touch with,
outreach to follow up on or let rest, promises due and birthdays coming."""

from __future__ import annotations

from vaultnet.insight.agenda import Agenda, Promise
from vaultnet.network.graph import person_node
from vaultnet.render.context import PageContext
from vaultnet.render.markdown import inline, person_link


def render_follow_ups(context: PageContext, agenda: Agenda) -> str:
    """Render the agenda of `agenda.today` as Follow-ups.md.

    Each item's line is rendered once while the item is the same object (see
    `PageContext.line_of`): in watch mode, only the lines of the people who changed are new.
    """
    a, line = agenda, context.line_of
    lines = [f"# Follow-ups for {a.today.isoformat()}", ""]
    if a.replies:  # the most urgent, when there is any: first
        lines += [f"## Replies owed ({len(a.replies)})", ""]
        lines += [line(r, lambda r: f"- {person_link(r.person)} {inline(r.reason)}")
                  for r in a.replies] + [""]
    lines += [f"## Stay in touch ({len(a.stay_in_touch)})", ""]
    lines += [line(s, lambda s: f"- {context.describe(person_node(s.person.path))}: {s.reason}")
              for s in a.stay_in_touch]
    lines += [""] if a.stay_in_touch else ["Everyone is in touch.", ""]
    lines += _outreach(context, a)
    lines += [f"## Promises ({len(a.promises)})", ""]
    lines += [line(p, _promise) for p in a.promises]
    lines += [""] if a.promises else ["No promises due this week.", ""]
    lines += [f"## Birthdays ({len(a.birthdays)})", ""]
    lines += [line(b, lambda b: f"- {person_link(b.person)}: {b.when}") for b in a.birthdays]
    lines += [""] if a.birthdays else ["No birthdays in the next two weeks.", ""]
    context.forget_other_lines()
    return "\n".join(lines).rstrip("\n") + "\n"


def _promise(p: Promise) -> str:
    """`- [[Jane]]: Send her the paper (**due 2026-11-20, 5 days overdue**)`; what they promised
    you, `- Waiting on [[Jane]]: …`."""
    when = f"**{p.when}**" if p.overdue else p.when
    who = f"Waiting on {person_link(p.person)}" if p.theirs else person_link(p.person)
    return f"- {who}: {inline(p.text)} ({when})"


def _outreach(context: PageContext, agenda: Agenda) -> list[str]:
    """List the outreach to follow up on, then the outreach to let rest."""
    follow = [o for o in agenda.outreach if o.action == "follow-up"]
    rest = [o for o in agenda.outreach if o.action == "rest"]
    lines = [f"## Follow up on outreach ({len(follow)})", ""]
    lines += [context.line_of(o, lambda o: f"- {person_link(o.person)}: {o.reason}")
              for o in follow]
    lines += [""] if follow else ["No outreach waits for a follow-up.", ""]
    lines += [f"## Let outreach rest ({len(rest)})", ""]
    lines += [context.line_of(o, lambda o: f"- {person_link(o.person)}: {o.reason}")
              for o in rest]
    lines += [""] if rest else ["Nothing to let rest.", ""]
    return lines
