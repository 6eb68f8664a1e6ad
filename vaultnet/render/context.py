"""What every generated page shares for one sync: where each note goes, the lookups of people,
organisations and topics, and the memo of text that depends only on the graph's structure.

The page modules (network_page, follow_ups, topic_pages, insight_pages) import this and markdown,
never one another.
"""

from __future__ import annotations

import hashlib
import itertools
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from vaultnet.base.filenames import unique_stems
from vaultnet.base.model import Person, Problem
from vaultnet.base.text import sort_key
from vaultnet.insight.rows import Key, SortedRows
from vaultnet.network.graph import (
    ORG,
    ORGS,
    PERSON,
    PREFIX,
    TOPIC,
    TOPICS,
    Graph,
    Standing,
    changed_since,
    edition,
    neighbours_of,
    nodes_of,
    roles_changed,
    standing,
)
from vaultnet.network.twins import TwinMemo
from vaultnet.render.markdown import followups_path, label, note_link, person_link
from vaultnet.render.picture import CANVAS, PictureMemo

T = TypeVar("T")


DIRECTORY = "directory"  # the block of Network.md that lists everyone, the organisations, the topics
COMMUNITIES = "communities"  # Communities.md, whose key is its groups in plain values
PROBLEMS = "problems"  # the block of Network.md that lists the notes with problems
# Network.md's block of problems as the cache keeps it: what it shows of each problem (see
# `shown_problems`), and its lines.
KeptProblems = tuple[list[tuple[str, int | None, str]], list[str]]
# What `PagesMemo.kept` gives: the key of what the pages show besides the graph's structure, the
# topic pages by topic node, the directory's lines, Communities.md's block (its key, its lines),
# the agenda's lines on Follow-ups.md of each person who has any (`with_agenda_lines`),
# Network.md's block of problems, and Network.canvas under the key of what it was drawn from (see
# `PictureMemo.text`).
KeptPages = tuple[str, dict[str, str], list[str] | None, tuple[object, list[str]] | None,
                  dict[str, tuple[str, ...]] | None, KeptProblems | None,
                  tuple[object, str] | None]


class PagesMemo:
    """Text rendered for the graph of the build before, and the lists of people kept across
    rounds (patched for the people who changed: see `SortedRows`)."""

    def __init__(self) -> None:
        self.graph: Graph | None = None
        self.output = ""
        self.described: dict[str, str] = {}  # person node: describe()
        self.topics: dict[str, str] = {}  # topic node: its page
        self.blocks: dict[str, tuple[object, list[str]]] = {}  # block name: its key, its lines
        self.prospects: dict[str, tuple[list[list[str]], list[str]]] = {}  # paths, their lines
        self.person_nodes: list[str] = []  # in the graph's (name) order
        self.lines: dict[int, tuple[object, str]] = {}  # id of an agenda item: it, its line
        self.nodes: dict[str, list[str]] = {}  # kind: the graph's nodes of that kind, sorted
        self.orgs: dict[str, tuple[str, ...]] | None = None  # person node: organisations, sorted
        # The directory's lines (see `listed`) and each person's among them, by person node.
        self._lines: tuple[list[str] | None, dict[str, str]] = (None, {})
        self.rows: dict[str, SortedRows[Any]] = {}  # lists of people kept across rounds, by name
        self.pictures = PictureMemo()
        # What finds whom a name mentioned without a note may mean (`find_twin`): kept across
        # graphs, while the notes' names and aliases hold.
        self.twins = TwinMemo()
        self.standing: Standing | None = None  # the graph's then
        self.edition: tuple[Graph, int] | None = None  # the graph's then
        self.topic_edition: tuple[Graph, int] | None = None  # and its topics'
        self.org_edition: tuple[Graph, int] | None = None  # and its organisations'
        # The topic pages and the directory a sync before rendered for the very structure of the
        # next new graph (see `offer`), and the key of what else they show (`kept_key`); the
        # agenda's lines and Network.md's block of problems it rendered, once taken for such a
        # graph (see `take_lines`, `take_problems`).
        self._offered: KeptPages | None = None
        self._kept_lines: dict[str, tuple[str, ...]] | None = None
        self._kept_problems: KeptProblems | None = None  # (see `take_problems`)
        self._key: tuple[Standing | None, str] = (None, "")  # `kept_key`, and the standing of it

    def fit(self, graph: Graph, output: str) -> None:
        """Forget the text rendered for another graph or output folder, for other ties between
        people (see `edition`), or for whom you had met then (see `standing`)."""
        now = standing(graph)
        if self.graph is not graph or self.output != output:
            # A new graph: its structure changed (build_graph keeps the object while it holds),
            # so the text that depends on it is stale.
            self.graph, self.output, self.standing = graph, output, now
            self.edition, self.topic_edition = edition(graph), edition(graph, TOPICS)
            self.org_edition = edition(graph, ORGS)
            self.described, self.topics, self.blocks = {}, {}, {}
            self.prospects, self.lines, self.pictures = {}, {}, PictureMemo()
            self.nodes, self.orgs, self._lines = {}, None, (None, {})
            prefix = PREFIX[PERSON]
            self.person_nodes = [n for n in graph if n.startswith(prefix)]
            offered, self._offered = self._offered, None
            self._kept_lines = self._kept_problems = None
            if offered is not None and offered[0] == self.kept_key():
                self.topics.update(offered[1])
                if offered[2] is not None:
                    self.blocks[DIRECTORY] = (None, offered[2])
                if offered[3] is not None:
                    self.blocks[COMMUNITIES] = offered[3]
                self._kept_lines, self._kept_problems = offered[4], offered[5]
                if offered[6] is not None:  # (taken while what it was drawn from is the same)
                    self.pictures.texts[CANVAS] = offered[6]
            return
        if self.topic_edition != edition(graph, TOPICS):
            # Someone's topics changed: the pages of the topics they left or took up (each
            # page, when the change before was not seen), and the blocks that list the topics.
            changed = changed_since(graph, self.topic_edition, TOPICS)
            for topic in list(self.topics) if changed is None else changed:
                self.topics.pop(topic, None)
            self.nodes.pop(TOPIC, None)
            self.blocks, self.topic_edition = {}, edition(graph, TOPICS)
        if self.org_edition != edition(graph, ORGS):
            # Someone works elsewhere, or an organisation has another name or note: what
            # describes the people concerned is rendered again (everyone's, when the change
            # before was not seen): their descriptions, the topic pages that list them, the
            # agenda's lines (which describe people whose own items did not change), and the
            # blocks that list the organisations.
            changed = changed_since(graph, self.org_edition, ORGS)
            if changed is None:
                self.described, self.topics = {}, {}
            self._forget_people(graph, changed or ())
            self.nodes.pop(ORG, None)
            self.orgs, self.blocks, self.lines, self.prospects = None, {}, {}, {}
            self.org_edition = edition(graph, ORGS)
        if self.edition != edition(graph):
            # A tie between people changed (see `edition`): the pictures, which show ties, are
            # drawn again. Nothing else kept here shows them but what is kept with what it was
            # rendered from (the warm paths, the communities), and is rendered again with it.
            self.pictures, self.edition = PictureMemo(), edition(graph)
        if self.standing != now:
            # Someone met for the first time (or, the line gone, not met after all), or given
            # another role or status: what shows it is rendered again (the `prospect` mark and
            # the role in their description, the topic pages that list them by role, the blocks
            # such as the directory, and the warm paths to prospects).
            assert self.standing is not None  # (set with the graph)
            self._forget_people(graph, (self.standing[1] ^ now[1]) | roles_changed(self.standing, now))
            self.blocks, self.prospects, self.standing = {}, {}, now

    def take_lines(self, taken: Iterable[tuple[str, Sequence[object]]]) -> None:
        """Take the agenda's lines a sync before rendered (see `offer`) for the items of the
        people whose rows were the very rows it kept (`taken`: their items by path, in their
        rows' order; see `vaultnet.insight.agenda.AgendaMemo.taken`): such an item's line is
        the one it rendered, since what else a line shows (a person's link, role and
        organisations, and whether they are a prospect) is the graph's structure and standing,
        which that sync's was. Once, after the graph is fitted (a watch round has none)."""
        kept, self._kept_lines = self._kept_lines, None
        if not kept:
            return
        # (Gathered, then put in at once: 4 ms at 10,000 dense people, where a `zip` for each
        # person took 9.)
        items: list[object] = []
        found: list[str] = []
        for path, theirs in taken:
            lines = kept.get(path)
            if lines is not None and len(lines) == len(theirs):
                items += theirs
                found += lines
        self.lines.update(zip(map(id, items), zip(items, found, strict=True), strict=True))

    def take_problems(self, problems: tuple[Problem, ...]) -> None:
        """Take Network.md's block of problems a sync before rendered (see `offer`) if it
        showed these very problems (`shown_problems`): the block shows nothing else. Once,
        after the graph is fitted."""
        kept, self._kept_problems = self._kept_problems, None
        if kept is not None and kept[0] == shown_problems(problems):
            self.blocks[PROBLEMS] = (problems, kept[1])

    def offer(self, kept: KeptPages) -> None:
        """Start the next new graph's pages from `kept` (`kept()` of a sync whose graph had the
        very structure of that graph), if they show the same prospects and roles."""
        self._offered = kept

    def kept(self) -> KeptPages:
        """What a sync after this one may start from (`offer`), for a graph of the same
        structure: the topic pages and the directory, which show the graph's structure and
        who is a prospect or has which role, under the key of the latter (`kept_key`); and
        Communities.md, under its own key too (its groups, which `block` compares); and
        Network.md's block of problems, under what it shows of each (`shown_problems`); and
        Network.canvas, under what it was drawn from. (The agenda's lines are none here:
        `with_agenda_lines` adds them, from the agenda's rows.)"""
        directory, problems = self.blocks.get(DIRECTORY), self.blocks.get(PROBLEMS)
        return (self.kept_key(), dict(self.topics), directory[1] if directory else None,
                self.blocks.get(COMMUNITIES), None,
                (shown_problems(cast(tuple[Problem, ...], problems[0])), problems[1])
                if problems else None, self.pictures.texts.get(CANVAS))

    def kept_key(self) -> str:
        """The key of the output folder, the prospects and everyone's role and status, in the
        graph's order (the same for the same structure)."""
        assert self.standing is not None  # (set with the graph)
        if self._key[0] is not self.standing:  # (worked out once for each standing)
            _, prospects, roles = self.standing
            # Each person's role and status as the number of that pair, in the order the pairs
            # come (a vault has a few dozen): 1 ms at 10,000 people, where a `repr` of every
            # pair took 5.
            pairs: dict[tuple[str | None, str | None] | None, int] = {}
            numbers = array("I", [pairs.setdefault(roles.get(node), len(pairs))
                                  for node in self.person_nodes])
            text = repr((self.output, [node for node in self.person_nodes if node in prospects],
                         list(pairs)))
            digest = hashlib.sha256(text.encode("utf-8", "surrogateescape"))
            digest.update(numbers.tobytes())
            self._key = self.standing, digest.hexdigest()
        return self._key[1]

    def listed(self) -> dict[str, str]:
        """Each person's line in the directory of Network.md, by person node, while the memo
        holds the directory (none, else): a sync before may have rendered it for this very graph
        (`offer`), and a person's line there is `- ` and their description (`describe`)."""
        directory = self.blocks.get(DIRECTORY)
        if directory is None:
            return {}
        if self._lines[0] is not directory[1]:
            assert self.standing is not None  # (set with the graph)
            self._lines = directory[1], _lines_by_person(directory[1], self.person_nodes,
                                                          self.standing[2])
        return self._lines[1]

    def _forget_people(self, graph: Graph, nodes: Iterable[str]) -> None:
        """Forget the descriptions of these person nodes, and the pages of their topics."""
        for node in nodes:
            self.described.pop(node, None)
            for topic in neighbours_of(graph, node, TOPIC):
                self.topics.pop(topic, None)


def shown_problems(problems: Iterable[Problem]) -> list[tuple[str, int | None, str]]:
    """What Network.md's block of problems shows of each problem: where, and what is wrong."""
    return [(problem.path, problem.line, problem.message) for problem in problems]


def with_agenda_lines(kept: KeptPages, lines: Mapping[int, tuple[object, str]],
                      made: Iterable[tuple[Person, Sequence[tuple[Key, object]]]]) -> KeptPages:
    """`kept`, with the agenda's lines of each person who has rows (`made`: each one's rows, as
    `vaultnet.insight.agenda.AgendaMemo` keeps them, in order) as rendered (`PagesMemo.lines`),
    for a sync after it to take (`PagesMemo.take_lines`). A person one of whose items has no
    line rendered has none kept."""
    found: dict[str, tuple[str, ...]] = {}
    for person, rows in made:
        known = [lines.get(id(item)) for _, item in rows]
        if rows and all(line is not None and line[0] is item
                        for line, (_, item) in zip(known, rows, strict=True)):
            found[person.path] = tuple(line[1] for line in known if line is not None)
    return (*kept[:4], found, *kept[5:])


def _role_order(role: str) -> tuple[bool, str]:
    """Where a role's people come in the directory: roles in order, people without one last."""
    return role == "", role


def _lines_by_person(directory: list[str], nodes: list[str],
                     roles: Mapping[str, tuple[str | None, str | None]]) -> dict[str, str]:
    """The person nodes' lines in `directory` (Network.md's, as `PageContext.by_role` groups
    them: roles in order, people without one last, people in the graph's (name) order within
    each), by node; none when its headings do not count the groups so found. A step for each
    person, the rest in C: 1.4 ms at 10,000 people."""
    role_of = {pair: pair[0] or "" for pair in set(roles.values())}
    groups = sorted(set(role_of.values()), key=_role_order)
    place = {pair: groups.index(role) for pair, role in role_of.items()}
    members: list[list[str]] = [[] for _ in groups]
    for node in nodes:
        pair = roles.get(node)
        if pair is None:  # (no standing of theirs: the directory is not read)
            return {}
        members[place[pair]].append(node)
    lines, at = [], 2
    for group in members:
        end = at + 2 + len(group)  # (the blank line after the group's people)
        if not (end < len(directory) and directory[at].startswith("### ")
                and directory[at].endswith(f" ({len(group)})")
                and directory[at + 1] == directory[end] == ""):
            return {}
        lines += directory[at + 2:end]
        at = end + 1
    return dict(zip(itertools.chain.from_iterable(members), lines, strict=True))


@dataclass(frozen=True, slots=True)
class NotePaths:
    """The vault-relative path of each generated note."""

    network: str
    followups: str
    introductions: str
    mentors: str
    communities: str
    canvas: str
    topics: Mapping[str, str]  # topic node: its page, in node order

    @classmethod
    def under(cls, output: str, graph: Graph) -> NotePaths:
        """Place the notes under the folder `output`, one page per topic of `graph`."""
        topics = nodes_of(graph, TOPIC)
        stems = unique_stems({t: graph.nodes[t]["label"] for t in topics})
        network, followups, introductions, mentors, communities, canvas = fixed_pages(output)
        return cls(network=network, followups=followups,
                   introductions=introductions, mentors=mentors, communities=communities,
                   canvas=canvas, topics={t: f"{output}/Topics/{stems[t]}.md" for t in topics})


def fixed_pages(output: str) -> tuple[str, ...]:
    """The generated notes that other pages link by name, under the folder `output`."""
    return (f"{output}/Network.md", followups_path(output), f"{output}/Introductions.md",
            f"{output}/Mentors.md", f"{output}/Communities.md", f"{output}/Network.canvas")


class PageContext:
    """The lookups the pages of one sync share, over `graph`, with `memo` fitted to it.

    `held_back` are the generated notes this sync will not write afresh, each with why (a hand
    edit, a file of the user's there): pages name them as out of date, never link them as current.
    """

    def __init__(self, graph: Graph, output: str, memo: PagesMemo,
                 held_back: Mapping[str, str] | None = None) -> None:
        memo.fit(graph, output)
        self.graph = graph
        self.memo = memo
        self.paths = NotePaths.under(output, graph)
        self.held_back = held_back or {}
        self._lines: dict[int, tuple[object, str]] = {}
        nodes = graph.nodes
        self._people: dict[str, Person] = {n: nodes[n]["person"] for n in memo.person_nodes}
        self.everyone = list(self._people.values())  # in name order, as the graph keeps them
        self._prospects: list[Person] | None = None

    @property
    def person_nodes(self) -> Mapping[str, Person]:
        """Map each person node to its person."""
        return self._people

    def nodes(self, kind: str) -> list[str]:
        """The graph's nodes of `kind`, sorted (see `nodes_of`), found once per graph."""
        known = self.memo.nodes
        if kind not in known:
            known[kind] = nodes_of(self.graph, kind)
        return known[kind]

    def prospects(self) -> list[Person]:
        """The people you have not met, in the graph's (name) order (as its `standing` holds
        them: no one is asked)."""
        if self._prospects is None:
            marked, people = standing(self.graph)[1], self._people
            self._prospects = [people[node] for node in self.memo.person_nodes if node in marked]
        return self._prospects

    def rows(self, name: str, make: Callable[[Person, Any], Iterable[tuple[Key, T]]],
             among: Callable[[Iterable[Person], Any], Iterable[Person]] | None = None
             ) -> SortedRows[T]:
        """The list of people kept across rounds under `name` (see `SortedRows`)."""
        rows: SortedRows[T] | None = self.memo.rows.get(name)
        if rows is None:
            rows = self.memo.rows[name] = SortedRows(make, among)
        return rows

    def line_of(self, item: T, render: Callable[[T], str]) -> str:
        """The line of an agenda item, rendered once while the item is the same object (the
        agenda keeps an unchanged person's items) and the graph the same."""
        known = self.memo.lines.get(id(item))
        if known is None or known[0] is not item:
            known = (item, render(item))
        self._lines[id(item)] = known
        return known[1]

    def forget_other_lines(self) -> None:
        """Keep only the lines of this sync's items (call after rendering them all)."""
        self.memo.lines, self._lines = self._lines, {}

    def person_of(self, node: str) -> Person:
        return self._people[node]

    def order(self, node: str) -> tuple[str, str]:
        """Sort people by name, other nodes by label."""
        return sort_key(self.graph.nodes[node]["label"]), node  # (a person's label: their name)

    def held_note(self, path: str) -> str | None:
        """`Follow-ups.md was edited by hand, so …` when this sync holds the note back."""
        why = self.held_back.get(path)
        return None if why is None else f"{path.rpartition('/')[2]} {why}"

    def page_link(self, path: str, shown: str) -> str:
        """Link a generated note, or, when this sync holds it back, say so instead."""
        held = self.held_note(path)
        return note_link(path, shown) if held is None else f"{label(shown)} ({held})"

    def topic_link(self, topic: str) -> str:
        return note_link(self.paths.topics[topic], self.label_of(topic))

    def label_of(self, node: str) -> str:
        label_: str = self.graph.nodes[node]["label"]
        return label_

    def org_text(self, org: str) -> str:
        """Link an organisation to its note when it has one, else name it."""
        data = self.graph.nodes[org]
        return note_link(data["path"], data["label"]) if data.get("path") else label(data["label"])

    def describe(self, node: str) -> str:
        """Link a person, with their role and organisations: as the directory the memo holds
        lists them (see `PagesMemo.listed`), when it does, else made afresh. (The 1,079 people of
        Follow-ups.md at 10,000 dense people: read off in 3.8 ms, the directory's lines sorted out
        first; made afresh in 8.5, everyone's organisations found first.)"""
        described = self.memo.described
        if node not in described:
            described[node] = self._read_off(node) or self._describe(node)
        return described[node]

    def _read_off(self, node: str) -> str | None:
        """A person's description read off their line in the directory, if the line starts
        with their link (the one check of the order `listed` read the lines in)."""
        line = self.memo.listed().get(node)
        if line is None:
            return None
        link = person_link(self.person_of(node))
        after = line[2 + len(link):]
        return line[2:] if line.startswith(link, 2) and after[:3] in ("", " — ") else None

    def _describe(self, node: str) -> str:
        person = self.person_of(node)
        extra = [label(person.role)] if person.role else []
        extra += [self.org_text(o) for o in self._orgs_of(node)]
        if person.is_prospect and person.role != "prospect":
            extra.append("prospect")
        if person.is_dormant:  # (as the terminal marks them: counted on Network.md, named here)
            extra.append("dormant")
        return person_link(person) + (f" — {', '.join(extra)}" if extra else "")

    def _orgs_of(self, node: str) -> tuple[str, ...]:
        """A person's organisations, sorted (`neighbours_of`): found for everyone at once, once
        per graph, from the organisations' side (a person's neighbours are mostly people)."""
        orgs = self.memo.orgs
        if orgs is None:
            found: dict[str, list[str]] = defaultdict(list)
            prefix = PREFIX[PERSON]
            for org in self.nodes(ORG):
                for neighbour in self.graph[org]:
                    if neighbour.startswith(prefix):
                        found[neighbour].append(org)
            orgs = self.memo.orgs = {person: tuple(its) for person, its in found.items()}
        return orgs.get(node, ())

    def by_role(self, nodes: list[str]) -> list[tuple[str, list[str]]]:
        """Group people under their role's heading: roles in order, people without one last,
        people by name within each."""
        groups: dict[str, list[str]] = defaultdict(list)
        for node in nodes:
            groups[self.person_of(node).role or ""].append(node)
        return [(label(role.capitalize()) if role else "No role",
                 sorted(groups[role], key=self.order))
                for role in sorted(groups, key=_role_order)]

    def block(self, name: str, render: Callable[[], list[str]], key: object = None) -> list[str]:
        """Render lines that depend only on the graph's structure and on `key` (compared by
        equality) once per graph and key."""
        known = self.memo.blocks.get(name)
        if known is None or known[0] != key:
            known = self.memo.blocks[name] = (key, render())
        return known[1]
