"""The network as one networkx graph: people, mentioned people, topics and organisations.

Nodes are strings with a kind prefix (`person:People/Jane Doe.md`, `topic:civic tech`,
`org:mit media lab`, `mentioned:bob smith`) and carry `kind` and `label`; person nodes carry their
`Person`. Edges carry `kinds`, a sorted tuple drawn from knows, met_via, mentions, works_at,
interested_in and the typed relations of person notes, named by their field (`spouse`,
`parents`). The graph's attributes `known` and `prospects` hold the person nodes of the people
you know and of those you have not met, and `roles` each person's role and status (see
`standing`); `edition`, `topic_edition` and `org_edition` count the changes made in place to
its ties, to who has which topic and to who works where (see `edition`, `changed_since`).
Insight code reads this graph, never the files. A graph the parse cache kept, taken up again by a
sync, and one a sync builds for itself alone, is a `KeptGraph`: the same dictionaries, read the
same way, without importing networkx; watch's, changed in place round after round, networkx's.

Nothing read from the graph may depend on the order in which a node's neighbours come, nor on
where a topic's or an organisation's node comes among the nodes: one added in place comes last,
where a new graph would have it in the index's order.
"""

from __future__ import annotations

import functools
import itertools
import operator
import pickle
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any, TypeAlias

from vaultnet.base.model import Person
from vaultnet.base.text import key
from vaultnet.network.index import Mentioned, Relation, Relations, SinceSaved, VaultIndex
from vaultnet.network.kept_graph import KeptGraph, packed, taken_up

if TYPE_CHECKING:  # (imported by the build alone: a sync that takes up a kept graph never does)
    import networkx as nx

# The graph the pipe reads: watch's, a networkx graph; taken up from the cache, or built for one
# sync, a KeptGraph.
Graph: TypeAlias = "nx.Graph | KeptGraph"

PERSON, MENTIONED, TOPIC, ORG = "person", "mentioned", "topic", "organisation"
# Graph attributes: the person nodes of the people you know, and of those you have not met,
# and each person node's (role, status).
KNOWN, PROSPECTS, ROLES = "known", "prospects", "roles"
# And for each thing `build_graph` changes in place (the ties between people, who has which
# topic, who works where), the attributes that count those changes and hold the nodes the last
# of them changed (see `edition`).
TIES = (EDITION, RETIED) = ("edition", "retied")
TOPICS = ("topic_edition", "retopicked")
ORGS = ("org_edition", "reorged")
# A node's kind is also the start of its name, so that filtering by kind needs no lookup.
PREFIX = {PERSON: "person:", MENTIONED: "mentioned:", TOPIC: "topic:", ORG: "org:"}


def is_declared_tie(kinds: tuple[str, ...]) -> bool:
    """Whether an edge between people is a tie the notes declare (`knows`, `met_via`, or a typed
    relation such as `spouse`), not only a link in passing (`mentions`). `kinds` as an edge
    keeps them: sorted, each once, at least one."""
    return kinds != ("mentions",)


def edge_words(kinds: tuple[str, ...]) -> str:
    """An edge's kinds as words: `met via`, `spouse`, `reports to`."""
    return ", ".join(kind.replace("_", " ") for kind in kinds)


def person_node(path: str) -> str:
    return "person:" + path


class GraphMemo:
    """The graph of the build before, and what it was built from.

    A memo may also start from the structure of the graph a sync saved (the parse cache): `saved`
    holds it (see `kept_structure`), under the digest of what that sync's index resolved with,
    until `carry` keeps it if nothing the graph is made of changed since.
    """

    def __init__(self, rounds: bool = True) -> None:
        self.rounds = rounds  # whether a next round may change its graph in place (watch)
        self.people: tuple[Person, ...] = ()  # the index's people then
        self.links: _Links | None = None  # the people without a note, the organisations, who works where
        self.relations = Relations()  # and the ties (see `_retie`), merged when asked for
        self.graph: Graph | None = None
        # (digest, the relations changed since the structure was kept, what loads it): loaded
        # only if it is taken up, by the next build.
        self.saved: tuple[str, frozenset[Relation], Callable[[], object]] | None = None
        self.kept: Callable[[], object] | None = None
        # The relations in one and not the other of the structure kept and the index: changed
        # in place when it is taken up (and, once it is, the people whose ties they changed).
        self.retie: frozenset[Relation] = frozenset()
        self.retied: frozenset[str] = frozenset()
        self.from_kept = False  # whether the graph is that structure (its ties changed by `retie`)
        self.kept_with: tuple[object, ...] = ()  # what was kept with it then (`kept_structure`)

    def carry(self, since: SinceSaved | None) -> None:
        """Keep the structure saved if the index found that nothing the graph is made of but
        the relations it names may differ since it was saved (`since`; None: anything may)."""
        saved, self.saved = self.saved, None
        if saved is None or since is None or since.digest != saved[0] or since.structure:
            self.kept, self.retie = None, frozenset()
        else:  # (changed since it was kept, then since it was saved: a relation changed twice is
            # as it was)
            self.kept, self.retie = saved[2], since.relations.symmetric_difference(saved[1])


def edition(graph: Graph, of: tuple[str, str] = TIES) -> tuple[Graph, int]:
    """What a memo of the graph's structure is kept for: the graph, and the number of changes
    `build_graph` made in place to its ties (`TIES`), to who has which topic (`TOPICS`) or to who
    works where (`ORGS`). A line that adds or removes a tie between people changes the ties of
    a kept graph rather than build a new one, whose making and, after it, the collection of the
    old one cost seconds at 10,000 people."""
    return graph, graph.graph[of[0]]


def changed_since(graph: Graph, since: tuple[Graph, int] | None,
                  of: tuple[str, str] = TIES) -> frozenset[str] | None:
    """The nodes the last change of `of` changed (the people whose ties or organisations, the
    topics whose people), when `since` is the edition just before this graph's (else None: not
    known)."""
    if since is None or since[0] is not graph or since[1] != graph.graph[of[0]] - 1:
        return None
    return frozenset(graph.graph[of[1]])


def _count_change(graph: Graph, of: tuple[str, str], nodes: Iterable[str]) -> None:
    """Count a change of `of` made in place, and keep the nodes it changed."""
    graph.graph[of[0]] += 1
    graph.graph[of[1]] = frozenset(nodes)


Standing = tuple[frozenset[str], frozenset[str], dict[str, tuple[str | None, str | None]]]



def standing(graph: Graph) -> Standing:
    """The person nodes of the people you know (where warm paths start) and of those you have not
    met yet (`prospect`), and each person node's role and status. A log line can change the
    first two, and an edit of a role or status the third, without changing the graph's
    structure: the graph is kept then, and what changed is replaced by a new object, so that
    what depends on it is worked out again when it changes, and only then."""
    return graph.graph[KNOWN], graph.graph[PROSPECTS], graph.graph[ROLES]


def roles_changed(before: Standing, now: Standing) -> set[str]:
    """The person nodes whose role or status differs between two `standing`s of one graph."""
    if before[2] is now[2]:
        return set()
    roles = before[2]
    return {node for node, role in now[2].items() if roles.get(node) != role}


_STANDING = ((KNOWN, operator.attrgetter("is_known")),
             (PROSPECTS, operator.attrgetter("is_prospect")))


def _role(person: Person) -> tuple[str | None, str | None]:
    return _pair(person.fields.role, person.fields.status)


@functools.lru_cache(maxsize=1024)  # one tuple for each pair a vault uses, not one a person
def _pair(role: str | None, status: str | None) -> tuple[str | None, str | None]:
    return role, status


def _stand(graph: Graph, people: Iterable[Person], fresh: bool = False) -> None:
    """Put `people` in the graph's `standing` (all of them when `fresh`; else those changed)."""
    people = list(people)
    if fresh:  # (each person's node named once, and each list made in C: 10,000 people a sync)
        named = list(map(person_node, map(_path_of, people)))
        graph.graph[ROLES] = dict(zip(named, map(_role, people), strict=True))
        for name, holds in _STANDING:
            graph.graph[name] = frozenset(itertools.compress(named, map(holds, people)))
        return
    if any(graph.graph[ROLES][person_node(p.path)] != _role(p) for p in people):
        graph.graph[ROLES] = {**graph.graph[ROLES], **{person_node(p.path): _role(p) for p in people}}
    for name, holds in _STANDING:
        nodes = graph.graph[name]
        flipped = {node for p in people if holds(p) != ((node := person_node(p.path)) in nodes)}
        if flipped:
            graph.graph[name] = nodes ^ flipped


_path_of = operator.attrgetter("path")


def _person_structure(person: Person) -> object:
    """What a person's node depends on (not interactions or tasks, nor whether you have met
    them, nor their role or status: see `standing`; nor their topics: see `_retopic`)."""
    return person.path, person.name


_Links = tuple[tuple[Mentioned, ...], dict[str, tuple[str, str | None]], tuple[tuple[str, str], ...]]


def _links(index: VaultIndex) -> _Links:
    return (index.mentioned, index.orgs, index.works_at)


def _changed_people(memo: GraphMemo, index: VaultIndex) -> list[tuple[Person, Person]] | None:
    """The people who are new objects since the build before, each with who they were, or None
    when the people the graph shows changed. Unchanged people are the same objects: only the
    others are compared."""
    if len(memo.people) != len(index.people):
        return None
    changed = []
    for before, person in zip(memo.people, index.people, strict=True):
        if before is not person:
            if _person_structure(before) != _person_structure(person):
                return None
            changed.append((before, person))
    return changed


def build_graph(index: VaultIndex, memo: GraphMemo | None = None) -> Graph:
    """The graph of the index; with a `memo`, the graph of the build before is kept, with its
    people's new interactions and tasks and its ties changed in place (see `edition`), when the
    people and what else it shows are the same."""
    # (A graph taken up from the cache serves the one build of the sync that took it up; the
    # graph a build changes in place for the next, watch's, is networkx's.)
    if memo is not None and memo.graph is not None and not isinstance(memo.graph, KeptGraph):
        changed, links = _changed_people(memo, index), _links(index)
        if changed is not None and memo.links is not None and memo.links[0] == links[0] and (
                memo.relations is index.merged or memo.relations.get() == index.relations
                or _retie(memo.graph,
                          set(index.relations).symmetric_difference(memo.relations.get()),
                          index.relations)):
            for _, person in changed:
                memo.graph.nodes[person_node(person.path)]["person"] = person
            _retopic(memo.graph, [(before, person) for before, person in changed
                                  if before.fields.topics != person.fields.topics])
            if memo.links[1:] != links[1:]:
                _reorg(memo.graph, memo.links, links)
            _stand(memo.graph, [person for _, person in changed])
            memo.people, memo.relations, memo.links = index.people, index.merged, links
            return memo.graph
    graph = (_take_up_kept(index, memo) if memo is not None else None) \
        or _new_graph(index, memo.rounds if memo is not None else True)
    if memo is not None:
        memo.people, memo.links, memo.graph = index.people, _links(index), graph
        memo.relations = index.merged
    return graph


def kept_structure(graph: Graph, *kept_with: object) -> bytes:
    """The graph pickled without its people, nor its own attributes (what `standing` says of
    them, the counts of its changes): its nodes' attributes (the dictionaries networkx keeps them
    in) and its adjacency, `packed` (each node named by its place; each edge's attributes one
    dictionary for all the edges of its kinds, and for both ends), which `build_graph` takes up
    again as a `KeptGraph` for an index with the same structure; and with it, plain values
    worked out from that structure alone, for `GraphMemo.kept_with`."""
    nodes: dict[str, dict[str, object]] = graph._node  # (as networkx pickles a graph: its own)
    people = [(data, data.pop("person")) for data in nodes.values() if "person" in data]
    try:
        return pickle.dumps((nodes, packed(nodes, graph.adj), *kept_with), protocol=5)
    finally:
        for data, person in people:
            data["person"] = person


def _take_up_kept(index: VaultIndex, memo: GraphMemo) -> KeptGraph | None:
    """The graph the parse cache kept (see `GraphMemo.carry`) for `index`, with the relations
    changed since made in place (a line that adds a tie, say); None when it kept none, or it does
    not fit."""
    kept, retie = memo.kept, memo.retie
    memo.kept, memo.retie, memo.retied, memo.from_kept, memo.kept_with = \
        None, frozenset(), frozenset(), False, ()
    graph, kept_with = _from_kept(kept, index) if kept is not None else (None, ())
    if graph is None:
        return None
    if retie:
        if not _retie(graph, retie, index.relations):
            return None
        memo.retie, memo.retied = retie, graph.graph.pop(RETIED)
        graph.graph[EDITION] = 0  # counted as a graph built afresh counts: no change in place
    memo.from_kept, memo.kept_with = True, kept_with
    return graph


def _from_kept(kept: Callable[[], object], index: VaultIndex
               ) -> tuple[KeptGraph | None, tuple[object, ...]]:
    """The graph of `kept_structure`, its people and their standing put back, and what was kept
    with it; None if it does not hold the index's people (a cache damaged in a way its digest
    cannot see)."""
    try:
        loaded = kept()
    except Exception:  # damaged: built afresh
        return None, ()
    if not isinstance(loaded, tuple) or len(loaded) < 2:
        return None, ()
    data_of = loaded[0]
    graph = taken_up(data_of, loaded[1]) if isinstance(data_of, dict) else None
    if graph is None:
        return None, ()
    for person in index.people:
        data = data_of.get(person_node(person.path))
        if data is None or data.get("kind") != PERSON or data.get("label") != person.name:
            return None, ()
        data["person"] = person
    if sum(node.startswith("person:") for node in data_of) != len(index.people):
        return None, ()
    _start(graph, index.people)
    return graph, loaded[2:]


def _start(graph: Graph, people: Iterable[Person]) -> None:
    """Give a graph built afresh, or taken up from the cache, its people's standing and its
    change counters at nought."""
    _stand(graph, people, fresh=True)
    for counter, _ in (TIES, TOPICS, ORGS):
        graph.graph[counter] = 0


def _ends(source: str, target: str) -> tuple[str, str]:
    """The edge of a relation, its nodes in order."""
    a, b = person_node(source), target if target.startswith("mentioned:") else person_node(target)
    return (a, b) if a <= b else (b, a)


def _retie(graph: Graph, changed: Collection[Relation], new: tuple[Relation, ...]) -> bool:
    """Change the ties of `graph`, made from relations that differ from `new` by `changed` (in
    one and not the other), to those of `new` in place (False, the graph untouched, when a new
    tie would need a node the graph does not have)."""
    pairs = {_ends(source, target) for _, source, target in changed}
    if not all(a in graph and b in graph for a, b in pairs):
        return False
    ends = {end for _, source, target in changed for end in (source, target)}
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, source, target in new:  # every relation that makes one of the changed edges
        if source in ends and target in ends and (pair := _ends(source, target)) in pairs:
            kinds[pair].add(kind)
    for a, b in sorted(pairs):
        if (a, b) not in kinds:
            graph.remove_edge(a, b)
        else:  # (an edge it has keeps its place among each end's neighbours)
            graph.add_edge(a, b, kinds=tuple(sorted(kinds[a, b])))
    _count_change(graph, TIES, (node for pair in pairs for node in pair))
    return True


def _retopic(graph: nx.Graph, changed: list[tuple[Person, Person]]) -> None:
    """Give the people of `changed` (before, now) their new topics in place: their edges to
    topic nodes, a node for a topic nobody had, none for one nobody has any more, and each
    topic's label (its commonest spelling) worked out again from the people who have it."""
    if not changed:
        return
    topics: set[str] = set()
    for before, person in changed:
        node = person_node(person.path)
        old = {"topic:" + key(t) for t in before.fields.topics}
        new = {"topic:" + key(t) for t in person.fields.topics}
        for topic in sorted(old - new):
            graph.remove_edge(node, topic)
        for topic in sorted(new - old):
            if topic not in graph:
                graph.add_node(topic, kind=TOPIC, label="")
            graph.add_edge(node, topic, kinds=_with_kind((), "interested_in"))
        topics |= old | new  # (a spelling may change while the topic stays)
    for topic in sorted(topics):
        if not graph[topic]:
            graph.remove_node(topic)
            continue
        topic_key = topic.removeprefix("topic:")
        counts = Counter(t for other in graph[topic] for t in graph.nodes[other]["person"].fields.topics
                         if key(t) == topic_key)
        graph.nodes[topic]["label"] = _commonest(counts)
    _count_change(graph, TOPICS, topics)


def _reorg(graph: nx.Graph, old: _Links, new: _Links) -> None:
    """Change the organisations and who works at them from those of `old` to those of `new` in
    place: a node for an organisation nobody named, none for one nobody names any more, each
    organisation's name and note, and the people's edges to them."""
    (_, old_orgs, old_works), (_, orgs, works) = old, new
    for org_key, (name, path) in orgs.items():
        if old_orgs.get(org_key) != (name, path):
            graph.add_node("org:" + org_key, kind=ORG, label=name, path=path)
    moved = set(old_works).symmetric_difference(works)
    now = set(works)
    for person_path, org_key in sorted(moved):
        if (person_path, org_key) in now:
            graph.add_edge(person_node(person_path), "org:" + org_key, kinds=_with_kind((), "works_at"))
        else:
            graph.remove_edge(person_node(person_path), "org:" + org_key)
    people = {person_node(person_path) for person_path, _ in moved}
    for org_key in old_orgs.keys() - orgs.keys():
        graph.remove_node("org:" + org_key)
    for org_key in orgs.keys() & old_orgs.keys():
        if orgs[org_key] != old_orgs[org_key]:  # another name or note: its people show it
            people.update(n for n in graph["org:" + org_key] if n.startswith(PREFIX[PERSON]))
    _count_change(graph, ORGS, people)


def _commonest(spellings: Counter[str]) -> str:
    """A topic's label: its commonest spelling, the first in order among the commonest."""
    return min(spellings, key=lambda s: (-spellings[s], s))


def _new_graph(index: VaultIndex, rounds: bool = True) -> Graph:
    """Build the graph from the index, adding nodes and edges in sorted order: a networkx graph
    for a build that the next round changes in place (watch's); for a build that serves one
    sync, the same dictionaries held as a `KeptGraph`, without importing networkx (some 85 ms of
    a cold sync)."""
    nodes: dict[str, dict[str, object]] = {}
    # Each edge's kinds as it is found: a sorted tuple, one object for each set of kinds the
    # vault uses (a set per edge, sorted at the end, took the build of bench.py's vault of
    # 10,000 people to 61 MB at its peak, against 42 MB so).
    edges: dict[tuple[str, str], tuple[str, ...]] = {}

    def link(a: str, b: str, kind: str) -> None:
        pair = (a, b) if a <= b else (b, a)
        edges[pair] = _with_kind(edges.get(pair, ()), kind)

    # Each person's node, made once (and one string for every edge of theirs).
    node_of = {person.path: person_node(person.path) for person in index.people}
    for person in index.people:
        nodes[node_of[person.path]] = {"kind": PERSON, "label": person.name, "person": person}
    for mentioned in index.mentioned:
        nodes["mentioned:" + key(mentioned.name)] = {
            "kind": MENTIONED, "label": mentioned.name, "mentioned_by": mentioned.mentioned_by}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for person in index.people:
        for topic in person.fields.topics:
            spellings[key(topic)][topic] += 1
            link(node_of[person.path], "topic:" + key(topic), "interested_in")
    for topic_key, counts in sorted(spellings.items()):
        nodes["topic:" + topic_key] = {"kind": TOPIC, "label": _commonest(counts)}
    for org_key, (name, path) in index.orgs.items():
        nodes["org:" + org_key] = {"kind": ORG, "label": name, "path": path}
    for person_path, org_key in index.works_at:
        link(node_of.get(person_path) or person_node(person_path), "org:" + org_key, "works_at")
    for kind, source, target in index.relations:  # (`_ends` and `link` inline: many relations)
        a = node_of.get(source) or person_node(source)
        b = target if target.startswith("mentioned:") else node_of.get(target) or person_node(target)
        pair = (a, b) if a <= b else (b, a)
        edges[pair] = _with_kind(edges.get(pair, ()), kind)
    # Insertion order follows the sorted index, so the graph is the same on every run.
    graph = _networkx(nodes, edges) if rounds else _held(nodes, edges)
    _start(graph, index.people)
    return graph


def _networkx(nodes: dict[str, dict[str, object]], edges: dict[tuple[str, str], tuple[str, ...]]
              ) -> nx.Graph:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes.items())
    graph.add_edges_from((a, b, {"kinds": kinds}) for (a, b), kinds in edges.items())
    return graph


def _held(nodes: dict[str, dict[str, object]], edges: dict[tuple[str, str], tuple[str, ...]]
          ) -> KeptGraph:
    """`_networkx`'s graph as a `KeptGraph`: the dictionaries networkx would make, in its order
    (an edge's end that is no node yet is added as one, without attributes), but one for all the
    edges of the same kinds, as a kept graph holds them (see `kept_structure`): a vault's hundred
    thousand edges have some ten sets of kinds between them."""
    adjacency: dict[str, dict[str, dict[str, object]]] = {node: {} for node in nodes}
    shared: dict[tuple[str, ...], dict[str, object]] = {}
    for (a, b), kinds in edges.items():
        if a not in adjacency:
            nodes[a], adjacency[a] = {}, {}
        if b not in adjacency:
            nodes[b], adjacency[b] = {}, {}
        data = shared.get(kinds)
        if data is None:
            data = shared[kinds] = {"kinds": kinds}
        adjacency[a][b] = adjacency[b][a] = data
    return KeptGraph(nodes, adjacency)


@functools.lru_cache(maxsize=4096)
def _with_kind(kinds: tuple[str, ...], kind: str) -> tuple[str, ...]:
    """An edge's `kinds` with `kind` too: sorted, each once."""
    return kinds if kind in kinds else tuple(sorted((*kinds, kind)))


def people(graph: Graph) -> list[Person]:
    """Every person with a note, in name order."""
    return [data["person"] for node, data in _nodes_with_data(graph) if node.startswith("person:")]


def _nodes_with_data(graph: Graph) -> Iterable[tuple[str, dict[str, Any]]]:
    """Each node of `graph` with its attributes: the items of a kept graph's dict of them, and of
    networkx's (`data=True`), where the items of its view of them look each node up again (a
    watch round's graph of 10,000 people: 1.5 ms against 4.0, twice a round)."""
    nodes = graph.nodes
    return nodes.items() if isinstance(nodes, dict) else nodes(data=True)


def nodes_of(graph: Graph, kind: str) -> list[str]:
    prefix = PREFIX[kind]
    return sorted(n for n in graph if n.startswith(prefix))


def neighbours_of(graph: Graph, node: str, kind: str) -> list[str]:
    prefix = PREFIX[kind]
    return sorted(n for n in graph[node] if n.startswith(prefix))
