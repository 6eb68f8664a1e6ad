"""Network.md: the summary, the core picture, the directory of people, organisations and topics,
who has gone quiet, who is mentioned without a note and which notes have problems.

The insight sections arrive already rendered (`InsightSections`, from insight_pages), so that the
two pages stay independent of each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from vaultnet.base.filenames import safe_stem
from vaultnet.base.settings import Settings
from vaultnet.base.text import days, plural
from vaultnet.insight.agenda import Agenda, last_interaction
from vaultnet.network.graph import ORG, PERSON, PREFIX, TOPIC, neighbours_of, nodes_of
from vaultnet.network.index import VaultIndex
from vaultnet.render.context import PageContext
from vaultnet.render.markdown import inline, label, note_link, person_link

CORE_SIZE = 12
LIST_LIMIT = 8  # people named inline per organisation on Network.md


@dataclass(frozen=True, slots=True)
class InsightSections:
    """The insight's lines on Network.md, each list ending in a blank line (or empty)."""

    focus: list[str]
    ties: list[str]
    give_and_take: list[str]
    field: list[str]


class NetworkPage:
    """Renders Network.md for one sync."""

    def __init__(self, context: PageContext, index: VaultIndex, agenda: Agenda,
                 settings: Settings, stale: frozenset[str] = frozenset()) -> None:
        self.context = context
        self.index = index
        self.agenda = agenda
        self.settings = settings
        self.stale = stale  # generated notes a hand edit keeps out of date

    def render(self, insight: InsightSections) -> str:
        """Render the page, with the insight's sections in their places."""
        block = self.context.block
        lines = self.summary()
        lines += insight.focus
        lines += block("core", self.core_picture)
        lines += insight.ties
        lines += block("directory", self.directory)
        lines += self.gone_quiet()
        lines += insight.give_and_take
        lines += insight.field
        lines += self.mentioned()
        lines += self.problems()
        return "\n".join(lines).rstrip("\n") + "\n"

    def summary(self) -> list[str]:
        """Count the network and the day's agenda."""
        g, a = self.context.graph, self.agenda
        everyone = self.context.everyone
        prospects = sum(1 for p in everyone if p.is_prospect)
        orgs, topics = nodes_of(g, ORG), nodes_of(g, TOPIC)
        return [
            "# Network", "",
            f"{plural(len(everyone), 'person', 'people')} ({len(everyone) - prospects} known, "
            f"{plural(prospects, 'prospect')}), {plural(len(orgs), 'organisation')}, "
            f"{plural(len(topics), 'topic')}, {plural(self.index.daily_notes, 'daily note')}.",
            "",
            f"Agenda for {a.today.isoformat()} {self._where_the_agenda_is()}: "
            f"{len(a.stay_in_touch)} to stay in touch with, "
            f"{len(a.outreach)} outreach to follow up or rest, "
            f"{plural(len(a.promises), 'promise')} due, {plural(len(a.birthdays), 'birthday')}.",
            "",
        ]

    def _where_the_agenda_is(self) -> str:
        followups = self.context.paths.followups
        if followups in self.stale:
            # Never point at an out-of-date note as if it were current (PRODUCT.md, promise 2).
            return ("(Follow-ups.md was edited by hand, so it is out of date; "
                    "`vaultnet sync --reclaim` keeps your edit and writes it afresh)")
        return f"in {note_link(followups, 'Follow-ups')}"

    def core_picture(self) -> list[str]:
        """Draw the best-connected people and the ties between them as a Mermaid diagram."""
        ctx = self.context
        adj, prefix = ctx.graph.adj, PREFIX[PERSON]
        degree = {}
        for node in ctx.person_nodes:
            ties = sum(1 for other, data in adj[node].items()
                       if other.startswith(prefix))  # any edge between people is a tie
            if ties:
                degree[node] = ties
        core = sorted(degree, key=lambda n: (-degree[n], ctx.order(n)))[:CORE_SIZE]
        if not core:
            return []
        core.sort(key=ctx.order)
        lines = ["## Core network", "", "```mermaid", "graph LR"]
        for i, node in enumerate(core, start=1):
            name = ctx.person_of(node).name
            # Quotes, brackets and the like would end the label early: Mermaid takes them, and
            # every other character that is not plain, as an entity code.
            text = "".join(c if c.isalnum() or c in " .,'-" else f"#{ord(c)};" for c in name)
            lines.append(f'  p{i}["{text}"]')
        lines += [f"  p{i} --- p{j}"
                  for i, a in enumerate(core, start=1) for j, b in enumerate(core, start=1)
                  if i < j and b in adj[a]]
        lines += ["```", ""]
        return lines

    def directory(self) -> list[str]:
        """List people by role, organisations and topics."""
        ctx = self.context
        g = ctx.graph
        orgs, topics = nodes_of(g, ORG), nodes_of(g, TOPIC)
        lines = ["## People by role", ""]
        for role, members in ctx.by_role(nodes_of(g, PERSON)):
            lines += [f"### {role} ({len(members)})", ""]
            lines += [f"- {ctx.describe(n)}" for n in members] + [""]
        if not ctx.person_nodes:
            lines += ["Nobody yet: add a note with `type: person`, or run `vaultnet add`.", ""]
        lines += ["## Organisations", ""]
        for org in sorted(orgs, key=lambda o: (-len(g[o]), g.nodes[o]["label"].casefold(), o)):
            members = sorted(neighbours_of(g, org, PERSON), key=ctx.order)
            shown = ", ".join(person_link(ctx.person_of(n)) for n in members[:LIST_LIMIT])
            more = f" and {len(members) - LIST_LIMIT} more" if len(members) > LIST_LIMIT else ""
            lines.append(f"- {ctx.org_text(org)} ({len(members)}): {shown}{more}")
        lines += [""] if orgs else ["None yet: add `org:` to person notes.", ""]
        lines += ["## Topics", ""]
        for topic in sorted(topics, key=lambda t: (-len(g[t]), g.nodes[t]["label"].casefold(), t)):
            lines.append(f"- {ctx.topic_link(topic)} ({plural(len(g[topic]), 'person', 'people')})")
        lines += [""] if topics else ["None yet: add `topics:` to person notes.", ""]
        return lines

    def gone_quiet(self) -> list[str]:
        """List known people silent for the quiet days or more, longest silence first."""
        today, quiet_days = self.agenda.today, self.settings.quiet_days
        quiet = []
        for person in self.context.everyone:
            last = last_interaction(person)
            if person.is_prospect or last is None:
                continue
            silent = (today - last.day).days
            if silent >= quiet_days:
                quiet.append((-silent, person.name.casefold(), person.path, person, last.day))
        lines = [f"## Gone quiet ({quiet_days}+ days)", ""]
        for neg_days, _, _, person, day in sorted(quiet):
            lines.append(f"- {person_link(person)} — last contact {day.isoformat()} "
                         f"({days(-neg_days)} ago)")
        return lines + ([""] if quiet else ["Nobody.", ""])

    def mentioned(self) -> list[str]:
        """List the people linked to without a note, with a link that creates one."""
        lines = ["## Mentioned, without a note", ""]
        for mentioned in self.index.mentioned:
            by = ", ".join(_path_link(p) for p in mentioned.mentioned_by)
            create = note_link(f"{self.settings.people_folder}/{safe_stem(mentioned.name)}.md",
                               "create the note")
            lines.append(f"- {label(mentioned.name)}, mentioned by {by} ({create})")
        return lines + ([""] if self.index.mentioned else ["Everyone mentioned has a note.", ""])

    def problems(self) -> list[str]:
        """List the notes with problems, and where to learn how to fix them."""
        problems = self.index.problems
        lines = ["## Notes with problems", ""]
        for problem in problems:
            where = f", line {problem.line}" if problem.line else ""
            # A message may quote a broken link: shown as text, it must not become a live one.
            message = inline(problem.message).replace("[[", "\\[\\[")
            lines.append(f"- {_path_link(problem.path)}{where}: {message}")
        lines += [""] if problems else ["None.", ""]
        lines.append("Run `vaultnet check` for how to fix each problem." if problems else "")
        return lines


def _path_link(path: str) -> str:
    """Link a note by its path, or show a file that is not a note as code."""
    if path.endswith(".md"):
        return note_link(path, path.rpartition("/")[2].removesuffix(".md"))
    return f"`{inline(path)}`"
