"""The generated notes: Network.md, Follow-ups.md, one page per topic, Introductions.md, Mentors.md
and Network.canvas.

Pure functions from the graph, agenda and index to `{vault-relative path: Markdown body}`. Every
list is sorted; nothing here reads the clock or the disk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date

import networkx as nx

from vaultnet.base.filenames import safe_stem, unique_stems
from vaultnet.base.model import Person
from vaultnet.base.settings import Settings
from vaultnet.base.text import days, plural
from vaultnet.insight.agenda import Agenda, last_interaction
from vaultnet.insight.suggestions import Insight
from vaultnet.network.graph import ORG, PERSON, TOPIC, neighbours_of, nodes_of, person_node
from vaultnet.network.index import VaultIndex
from vaultnet.render.canvas import render_canvas
from vaultnet.render.insight_pages import InsightPages
from vaultnet.render.markdown import inline, label, note_link, person_link

CORE_SIZE = 12
LIST_LIMIT = 8  # people named inline per organisation on Network.md
PERSON_EDGES = {"knows", "met_via", "mentions"}


class PagesMemo:
    """Text rendered for the graph of the build before."""

    def __init__(self) -> None:
        self.graph: nx.Graph | None = None
        self.output = ""
        self.described: dict[str, str] = {}
        self.topics: dict[str, str] = {}
        self.blocks: dict[str, list[str]] = {}
        self.prospects: dict[str, tuple[list[list[str]], list[str]]] = {}  # paths, their lines


class Pages:
    """Renders the generated notes for one sync."""

    def __init__(self, index: VaultIndex, graph: nx.Graph, agenda: Agenda, insight: Insight,
                 settings: Settings, memo: PagesMemo | None = None) -> None:
        self.index = index
        self.graph = graph
        self.agenda = agenda
        self.settings = settings
        self.out = settings.output_folder
        self.memo = memo or PagesMemo()
        if self.memo.graph is not graph or self.memo.output != self.out:
            # A new graph: its structure changed, so the text that depends on it is stale.
            self.memo.graph, self.memo.output = graph, self.out
            self.memo.described, self.memo.topics, self.memo.blocks = {}, {}, {}
            self.memo.prospects = {}
        topics = nodes_of(graph, TOPIC)
        stems = unique_stems({t: graph.nodes[t]["label"] for t in topics})
        self.topic_paths = {t: f"{self.out}/Topics/{stems[t]}.md" for t in topics}
        self._described = self.memo.described
        self._people: dict[str, Person] = {n: d["person"] for n, d in graph.nodes(data=True)
                                           if n.startswith("person:")}
        self._orders = {n: (p.name.casefold(), n) for n, p in self._people.items()}
        self.everyone = list(self._people.values())  # in name order, as the graph keeps them
        self.insight = InsightPages(self, insight)

    @property
    def followups_path(self) -> str:
        return f"{self.out}/Follow-ups.md"

    @property
    def network_path(self) -> str:
        return f"{self.out}/Network.md"

    def render(self) -> dict[str, str]:
        pages = {self.network_path: self.network(), self.followups_path: self.followups(),
                 self.insight.introductions_path: self.insight.introductions(),
                 self.insight.mentors_path: self.insight.mentors(),
                 self.insight.canvas_path: "\n".join(self._block("canvas", lambda: [
                     render_canvas(self.graph, self.insight.insight.communities)]))}
        for topic, path in self.topic_paths.items():
            if topic not in self.memo.topics:
                self.memo.topics[topic] = self.topic(topic)
            pages[path] = self.memo.topics[topic]
        return dict(sorted(pages.items()))

    # -- helpers --------------------------------------------------------------------------

    def topic_link(self, topic: str) -> str:
        return note_link(self.topic_paths[topic], self.graph.nodes[topic]["label"])

    def org_text(self, org: str) -> str:
        data = self.graph.nodes[org]
        return note_link(data["path"], data["label"]) if data.get("path") else label(data["label"])

    def person_of(self, node: str) -> Person:
        return self._people[node]

    def describe(self, node: str) -> str:
        """A person's link with their role and organisations."""
        if node not in self._described:
            self._described[node] = self._describe(node)
        return self._described[node]

    def _describe(self, node: str) -> str:
        person = self.person_of(node)
        extra = [label(person.role)] if person.role else []
        extra += [self.org_text(o) for o in neighbours_of(self.graph, node, ORG)]
        if person.is_prospect and person.role != "prospect":
            extra.append("prospect")
        return person_link(person) + (f" — {', '.join(extra)}" if extra else "")

    # -- Network.md -----------------------------------------------------------------------

    def network(self) -> str:
        g, today = self.graph, self.agenda.today
        everyone = self.everyone
        prospects = sum(1 for p in everyone if p.is_prospect)
        orgs, topics = nodes_of(g, ORG), nodes_of(g, TOPIC)
        a = self.agenda
        lines = [
            "# Network", "",
            f"{plural(len(everyone), 'person', 'people')} ({len(everyone) - prospects} known, "
            f"{plural(prospects, 'prospect')}), {plural(len(orgs), 'organisation')}, "
            f"{plural(len(topics), 'topic')}, {plural(self.index.daily_notes, 'daily note')}.",
            "",
            f"Agenda for {today.isoformat()} in {note_link(self.followups_path, 'Follow-ups')}: "
            f"{len(a.stay_in_touch)} to stay in touch with, "
            f"{len(a.outreach)} outreach to follow up or rest, "
            f"{plural(len(a.promises), 'promise')} due, {plural(len(a.birthdays), 'birthday')}.",
            "",
        ]
        lines += self.insight.focus_line()
        lines += self._block("core", self.core_picture)
        lines += self.insight.ties()
        lines += self._block("directory", self.directory)
        lines += self.gone_quiet(everyone, today)
        lines += self.insight.give_and_take()
        lines += self.insight.field()
        lines += ["## Mentioned, without a note", ""]
        for mentioned in self.index.mentioned:
            by = ", ".join(self._link_path(p) for p in mentioned.mentioned_by)
            create = note_link(f"{self.settings.people_folder}/{safe_stem(mentioned.name)}.md",
                               "create the note")
            lines.append(f"- {label(mentioned.name)}, mentioned by {by} ({create})")
        lines += [""] if self.index.mentioned else ["Everyone mentioned has a note.", ""]
        lines += ["## Notes with problems", ""]
        for problem in self.index.problems:
            where = f", line {problem.line}" if problem.line else ""
            # A message may quote a broken link: shown as text, it must not become a live one.
            message = inline(problem.message).replace("[[", "\\[\\[")
            lines.append(f"- {self._link_path(problem.path)}{where}: {message}")
        lines += [""] if self.index.problems else ["None.", ""]
        lines.append("Run `vaultnet check` for how to fix each problem." if self.index.problems
                     else "")
        return "\n".join(lines).rstrip("\n") + "\n"

    def _block(self, name: str, render: Callable[[], list[str]]) -> list[str]:
        """Lines that depend only on the graph's structure, rendered once per graph."""
        if name not in self.memo.blocks:
            self.memo.blocks[name] = render()
        return self.memo.blocks[name]

    def directory(self) -> list[str]:
        """People by role, organisations and topics."""
        g = self.graph
        orgs, topics = nodes_of(g, ORG), nodes_of(g, TOPIC)
        lines = ["## People by role", ""]
        for role, members in self.by_role(nodes_of(g, PERSON)):
            lines += [f"### {role} ({len(members)})", ""]
            lines += [f"- {self.describe(n)}" for n in members] + [""]
        lines += ["## Organisations", ""]
        for org in sorted(orgs, key=lambda o: (-len(g[o]), g.nodes[o]["label"].casefold(), o)):
            members = sorted(neighbours_of(g, org, PERSON), key=self._order)
            shown = ", ".join(person_link(self.person_of(n)) for n in members[:LIST_LIMIT])
            more = f" and {len(members) - LIST_LIMIT} more" if len(members) > LIST_LIMIT else ""
            lines.append(f"- {self.org_text(org)} ({len(members)}): {shown}{more}")
        lines += [""] if orgs else ["None yet: add `org:` to person notes.", ""]
        lines += ["## Topics", ""]
        for topic in sorted(topics, key=lambda t: (-len(g[t]), g.nodes[t]["label"].casefold(), t)):
            lines.append(f"- {self.topic_link(topic)} ({plural(len(g[topic]), 'person', 'people')})")
        lines += [""] if topics else ["None yet: add `topics:` to person notes.", ""]
        return lines

    def by_role(self, nodes: list[str]) -> list[tuple[str, list[str]]]:
        """People grouped under their role's heading, roles in order and people without one
        last; people by name within each."""
        groups: dict[str, list[str]] = defaultdict(list)
        for node in nodes:
            groups[self.person_of(node).role or ""].append(node)
        return [(label(role.capitalize()) if role else "No role",
                 sorted(groups[role], key=self._order))
                for role in sorted(groups, key=lambda r: (r == "", r))]

    def _order(self, node: str) -> tuple[str, str]:
        """People sort by name; other nodes by label."""
        return self._orders.get(node) or (self.graph.nodes[node]["label"].casefold(), node)

    def _link_path(self, path: str) -> str:
        if path.endswith(".md"):
            return note_link(path, path.rpartition("/")[2].removesuffix(".md"))
        return f"`{inline(path)}`"

    def gone_quiet(self, everyone: list[Person], today: date) -> list[str]:
        quiet = []
        for person in everyone:
            last = last_interaction(person)
            if person.is_prospect or last is None:
                continue
            silent = (today - last.day).days
            if silent >= self.settings.quiet_days:
                quiet.append((-silent, person.name.casefold(), person.path, person, last.day))
        lines = [f"## Gone quiet ({self.settings.quiet_days}+ days)", ""]
        for neg_days, _, _, person, day in sorted(quiet):
            lines.append(f"- {person_link(person)} — last contact {day.isoformat()} "
                         f"({days(-neg_days)} ago)")
        return lines + ([""] if quiet else ["Nobody.", ""])

    def core_picture(self) -> list[str]:
        """A Mermaid diagram of the best-connected people and the ties between them."""
        adj = self.graph.adj
        degree = {}
        for node in self._people:
            ties = sum(1 for other, data in adj[node].items()
                       if other.startswith("person:") and not PERSON_EDGES.isdisjoint(data["kinds"]))
            if ties:
                degree[node] = ties
        core = sorted(degree, key=lambda n: (-degree[n], self._order(n)))[:CORE_SIZE]
        if not core:
            return []
        core.sort(key=self._order)
        lines = ["## Core network", "", "```mermaid", "graph LR"]
        for i, node in enumerate(core, start=1):
            name = self.person_of(node).name
            text = "".join(c if c.isalnum() or c in " .,'-" else f"#{ord(c)};" for c in name)
            lines.append(f'  p{i}["{text}"]')
        lines += [f"  p{i} --- p{j}"
                  for i, a in enumerate(core, start=1) for j, b in enumerate(core, start=1)
                  if i < j and b in adj[a] and not PERSON_EDGES.isdisjoint(adj[a][b]["kinds"])]
        lines += ["```", ""]
        return lines

    # -- Follow-ups.md --------------------------------------------------------------------

    def followups(self) -> str:
        a = self.agenda
        lines = [f"# Follow-ups for {a.today.isoformat()}", ""]
        lines += [f"## Stay in touch ({len(a.stay_in_touch)})", ""]
        for s in a.stay_in_touch:
            lines.append(f"- {self.describe(person_node(s.person.path))}: {s.reason}")
        lines += [""] if a.stay_in_touch else ["Everyone is in touch.", ""]
        follow = [o for o in a.outreach if o.action == "follow-up"]
        rest = [o for o in a.outreach if o.action == "rest"]
        lines += [f"## Follow up on outreach ({len(follow)})", ""]
        lines += [f"- {person_link(o.person)}: {o.reason}" for o in follow]
        lines += [""] if follow else ["No outreach waits for a follow-up.", ""]
        lines += [f"## Let outreach rest ({len(rest)})", ""]
        lines += [f"- {person_link(o.person)}: {o.reason}" for o in rest]
        lines += [""] if rest else ["Nothing to let rest.", ""]
        lines += [f"## Promises ({len(a.promises)})", ""]
        for p in a.promises:
            when = f"**overdue since {p.due.isoformat()}**" if p.overdue else f"due {p.due.isoformat()}"
            lines.append(f"- {person_link(p.person)}: {inline(p.text)} ({when})")
        lines += [""] if a.promises else ["No promises due this week.", ""]
        lines += [f"## Birthdays ({len(a.birthdays)})", ""]
        lines += [f"- {person_link(b.person)}: {b.when}" for b in a.birthdays]
        lines += [""] if a.birthdays else ["No birthdays in the next two weeks.", ""]
        return "\n".join(lines).rstrip("\n") + "\n"

    # -- Topics/<topic>.md ------------------------------------------------------------------

    def topic(self, topic: str) -> str:
        g = self.graph
        members = sorted(neighbours_of(g, topic, PERSON), key=self._order)
        lines = [f"# {label(g.nodes[topic]['label'])}", "",
                 f"{plural(len(members), 'person', 'people')} in your network work on or care "
                 f"about {label(g.nodes[topic]['label'])}. Back to "
                 f"{note_link(self.network_path, 'Network')}.", ""]
        for role, people_with_role in self.by_role(members):
            lines += [f"## {role}", ""]
            lines += [f"- {self.describe(n)}" for n in people_with_role] + [""]
        return "\n".join(lines).rstrip("\n") + "\n"


def render_pages(index: VaultIndex, graph: nx.Graph, agenda: Agenda, insight: Insight,
                 settings: Settings, memo: PagesMemo | None = None) -> dict[str, str]:
    """Every generated note's Markdown body, by vault-relative path.

    With a `memo` from the build before, text that depends only on the graph's structure (topic
    pages, each person's description) is reused while the graph is the same object.
    """
    return Pages(index, graph, agenda, insight, settings, memo).render()
