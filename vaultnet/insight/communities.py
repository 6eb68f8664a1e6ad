"""The shape of the field: communities of people tied to each other, and the bridges between them.

Both run on the people and the ties between them (knows, met_via and mentions), numbered 0…n-1 in
the graph's sorted order, so that seeded algorithms give the same answer under any hash seed.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vaultnet.base.model import Person, all_of_type
from vaultnet.base.text import key, sort_key
from vaultnet.network.graph import PREFIX, TOPIC, Graph, is_declared_tie

if TYPE_CHECKING:
    import igraph

SEED = 20261125
# Leiden's passes: the second refines the first (modularity 0.19 → 0.22 on the dense vault), later
# ones add little (0.22 after five) at the cost of another pass each.
LEIDEN_ITERATIONS = 2
EXACT_BETWEENNESS = 500  # above this many tied people, betweenness is sampled
BETWEENNESS_SAMPLE = 16  # sources of the sampled betweenness, chosen with a fixed seed
BRIDGES = 5


@dataclass(frozen=True)
class Community:
    """A group of people more tied to each other than to the rest, named by its commonest topic."""

    name: str
    members: tuple[str, ...]  # person nodes, by name


@dataclass(frozen=True)
class Bridge:
    """Someone on many shortest ways between others, whose ties reach several communities."""

    person: Person
    betweenness: float
    communities: tuple[str, ...]  # names of the communities their ties reach


@dataclass(frozen=True)
class PersonTies:
    """People with at least one tie to another person, and those ties, by number."""

    nodes: list[str]  # person nodes, in the graph's (sorted) order
    adjacency: list[list[int]]  # each one's tied people, ascending
    known_digest: str = field(default="", compare=False, repr=False)  # (see `digest`)

    @functools.cached_property
    def digest(self) -> str:
        """The digest of these ties, which the shape worked out from them is kept under; known
        already for the ties the parse cache kept with the graph (see `plain_ties`), which it
        took some 15 ms to work out at 10,000 dense people."""
        return self.known_digest or \
            hashlib.sha256(repr((self.nodes, self.adjacency)).encode()).hexdigest()


@dataclass(frozen=True)
class Shape:
    """The slow half of communities and bridges, worked out from one set of ties alone: groups of
    people and their betweenness, by number. Plain values under the digest of the ties, so that
    the parse cache can keep them for the next sync (most changes leave the ties as they were)."""

    digest: str
    groups: list[list[int]]  # each group's people, ascending
    between: list[tuple[int, float]]  # (person, betweenness), most first

    def as_tuple(self) -> tuple[str, list[list[int]], list[tuple[int, float]]]:
        return self.digest, self.groups, self.between

    def is_of(self, digest: str, people: int) -> bool:
        """Whether it was worked out from the ties of `digest`, `people` tied people, and is
        made of what it should be for them."""
        return self.digest == digest and self.fits(people)

    def fits(self, people: int) -> bool:
        """Whether it is made of what it should be, for this many tied people. (Each group's
        numbers looked at in C: a sync after an edit takes the shape the cache kept, and with
        a call of Python for each of the 10,000 people of the dense benchmark vault's groups,
        this took 2.7 ms, 2.2 so.)"""
        def person(i: object) -> bool:
            return type(i) is int and 0 <= i < people

        return all(type(g) is list and all_of_type(g, int) and _within(g, people)
                   for g in self.groups) and all(
            type(b) is tuple and len(b) == 2 and person(b[0]) and type(b[1]) is float
            for b in self.between)

    @classmethod
    def from_tuple(cls, value: object) -> Shape | None:
        """A shape as the cache kept it, if it is one."""
        if not (isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], str)
                and isinstance(value[1], list) and isinstance(value[2], list)):
            return None
        return cls(*value)


def _within(numbers: list[int], people: int) -> bool:
    """Whether each of `numbers` is a person's of this many (0 to `people` - 1)."""
    return not numbers or (min(numbers) >= 0 and max(numbers) < people)


# The shape of these ties as it will be, and what gives it (worked out on another core meanwhile).
ShapeSoon = tuple[PersonTies, Callable[[], Shape]]


def shape_of(tied: PersonTies, known: Shape | None = None) -> Shape:
    """The shape of these ties: `known`, when it was worked out from the same ties."""
    digest, found = known_shape(tied, known)
    return found if found is not None else work_out_shape(tied, digest)


def known_shape(tied: PersonTies, known: Shape | None) -> tuple[str, Shape | None]:
    """The digest of these ties, and `known` if it was worked out from them."""
    digest = tied.digest
    return digest, known if known is not None and known.is_of(digest, len(tied.nodes)) else None


def work_out_shape(tied: PersonTies, digest: str) -> Shape:
    """The shape of these ties (of this `digest`), worked out: the slow half."""
    ties = _igraph(tied.adjacency)  # made once for both (about 50 ms at 10,000 dense people)
    return Shape(digest, _groups(tied, ties), _between(tied, ties))


# What `ties_between_people` gives, as the parse cache keeps it beside the graph's structure:
# the people tied to someone, their ties by number, each person's declared ties, and the digest
# of the ties.
PlainTies = tuple[list[str], list[list[int]], dict[str, list[str]], str]


def plain_ties(ties: tuple[PersonTies, dict[str, list[str]]]) -> PlainTies:
    return ties[0].nodes, ties[0].adjacency, ties[1], ties[0].digest


def from_plain_ties(kept: object) -> tuple[PersonTies, dict[str, list[str]]] | None:
    """`plain_ties` read back; None for anything else (a cache changed by hand)."""
    if not isinstance(kept, tuple) or len(kept) != 4 or not isinstance(kept[0], list) \
            or not isinstance(kept[1], list) or len(kept[0]) != len(kept[1]) \
            or not isinstance(kept[2], dict) or not isinstance(kept[3], str):
        return None
    return PersonTies(kept[0], kept[1], kept[3]), kept[2]


PlainCommunities = tuple[tuple[str, tuple[str, ...]], ...]  # each community's name and members


def plain_communities(communities: Iterable[Community]) -> PlainCommunities:
    """Communities in plain values, as the parse cache keeps them (and a page's key holds them)."""
    return tuple((community.name, community.members) for community in communities)


def from_plain_communities(kept: object) -> tuple[Community, ...] | None:
    """`plain_communities` read back; None for anything else (a cache changed by hand)."""
    if not (isinstance(kept, tuple) and all(
            isinstance(c, tuple) and len(c) == 2 and isinstance(c[0], str)
            and isinstance(c[1], tuple) and all_of_type(c[1], str)
            for c in kept)):
        return None
    return tuple(Community(name, members) for name, members in kept)


def ties_between_people(graph: Graph) -> tuple[PersonTies, dict[str, list[str]]]:
    """The people tied to someone and their ties by number (communities and bridges), and each
    person's neighbours through a declared tie, in the graph's order (warm paths): one pass over
    the people's edges for both."""
    declared: dict[str, list[str]] = {}
    nodes: list[str] = []
    others: list[list[str]] = []
    for node, neighbours in graph.adj.items():
        if not node.startswith("person:"):
            continue
        tied, declared[node] = _ties_of(neighbours)
        if tied:
            nodes.append(node)
            others.append(tied)
    number = {n: i for i, n in enumerate(nodes)}
    return PersonTies(nodes, [sorted([number[o] for o in tied]) for tied in others]), declared


def _ties_of(neighbours: Mapping[str, Mapping[str, tuple[str, ...]]]
             ) -> tuple[list[str], list[str]]:
    """A person's neighbours who are people, and those of them tied by a declared tie."""
    tied = [other for other in neighbours if other.startswith("person:")]
    return tied, [other for other in tied if is_declared_tie(neighbours[other]["kinds"])]


def retie_people(graph: Graph, before: tuple[PersonTies, dict[str, list[str]]],
                 nodes: Iterable[str]) -> tuple[PersonTies, dict[str, list[str]]] | None:
    """What `ties_between_people` gives, from what it gave before the ties of `nodes` changed
    (`changed_since`): their lists made again, the others kept. None when one of them gained their
    first tie to a person or lost their last, which numbers the people again."""
    tied_before, declared_before = before
    made = {node: _ties_of(graph[node]) for node in nodes if node.startswith("person:")}
    number = {n: i for i, n in enumerate(tied_before.nodes)}
    if any(bool(tied) != (node in number) for node, (tied, _) in made.items()):
        return None
    adjacency, declared = list(tied_before.adjacency), dict(declared_before)
    for node, (tied, declared_ties) in made.items():
        declared[node] = declared_ties
        if tied:
            adjacency[number[node]] = sorted([number[o] for o in tied])
    return PersonTies(tied_before.nodes, adjacency), declared


def topic_label(graph: Graph, topic_key: str) -> str:
    node = PREFIX[TOPIC] + topic_key
    return str(graph.nodes[node]["label"]) if node in graph else topic_key


def _groups(tied: PersonTies, ties: igraph.Graph) -> list[list[int]]:
    """Leiden with a fixed seed, at any size (see `leiden`), on `tied` as an igraph graph."""
    return _leiden(ties) if tied.nodes else []


def _igraph(adjacency: list[list[int]]) -> igraph.Graph:
    """The same ties as an igraph graph: people by number, each tie once."""
    import igraph  # in C, and imported only when the ties changed (most syncs reuse the shape)

    return igraph.Graph(n=len(adjacency), edges=[
        (person, other) for person, others in enumerate(adjacency) for other in others
        if person < other])


def leiden(adjacency: list[list[int]], seed: int = SEED) -> list[list[int]]:
    """Groups of people more tied to each other than chance would tie them: the Leiden method
    (Traag et al. 2019, Louvain's successor: no group falls apart inside) on modularity, each
    group's people ascending, the groups in order of their first person.

    igraph's, in C: at 10,000 people of a dense vault 0.15 s against 0.9–2 s for Louvain written
    out on plain lists, and with groups of higher modularity (0.22 against 0.19), that recover
    planted circles whole. Label propagation, as fast, floods a dense vault into one group of
    everyone or crumbles it into thousands of pairs, and neither says anything. The same ties
    give the same groups under any hash seed: igraph draws its random numbers from a generator
    seeded with `seed`, and people are numbered in the graph's sorted order.
    """
    return _leiden(_igraph(adjacency), seed)


def _leiden(graph: igraph.Graph, seed: int = SEED) -> list[list[int]]:
    """`leiden` on the ties as an igraph graph (see `_igraph`)."""
    import random

    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        membership = graph.community_leiden(objective_function="modularity",
                                            n_iterations=LEIDEN_ITERATIONS).membership
    finally:
        igraph.set_random_number_generator(random)  # igraph's own default
    groups: dict[int, list[int]] = {}
    for person, group in enumerate(membership):
        groups.setdefault(group, []).append(person)
    return sorted(groups.values())


def communities(graph: Graph, tied: PersonTies, shape: Shape | None = None
                ) -> tuple[Community, ...]:
    """Groups of two or more tied people, largest first (see `_groups`), each named by the
    commonest topic of its members."""
    shape = shape if shape is not None else shape_of(tied)
    named: list[tuple[str, tuple[str, ...]]] = []
    for group in shape.groups:
        if len(group) < 2:
            continue
        members = tuple(sorted((tied.nodes[i] for i in group),
                               key=lambda n: (sort_key(graph.nodes[n]["label"]), n)))
        # (Each member counts once for each topic, however many spellings they list it in.)
        counts = Counter(topic for n in members
                         for topic in {key(t) for t in graph.nodes[n]["person"].fields.topics})
        if counts:
            name = topic_label(graph, min(counts, key=lambda t: (-counts[t], t)))
        else:
            name = "around " + graph.nodes[members[0]]["label"]
        named.append((name, members))
    named.sort(key=lambda g: (-len(g[1]), sort_key(g[0]), g[1]))
    names = _distinct([name for name, _ in named])
    return tuple(Community(name, members) for name, (_, members) in zip(names, named, strict=True))


def _distinct(names: list[str]) -> list[str]:
    """The names made distinct (casefold): the first of each keeps it, the others gain the
    lowest " N" no other takes, nor any name as given (topics "AI", "AI", "AI 2" give "AI",
    "AI 3", "AI 2"). A page's headings and the canvas's cards must tell each group apart."""
    given = {name.casefold() for name in names}
    taken: set[str] = set()
    result = []
    for name in names:
        chosen, number = name, 1
        while chosen.casefold() in taken or (number > 1 and chosen.casefold() in given):
            number += 1
            chosen = f"{name} {number}"
        taken.add(chosen.casefold())
        result.append(chosen)
    return result


def betweenness(adjacency: list[list[int]], sources: list[int]) -> list[float]:
    """Brandes' betweenness (unnormalised, each pair counted from both ends) from `sources`:
    igraph's, in C, ten times faster than the same written out on plain lists;
    tests/test_insight.py holds it to networkx's answer."""
    return _betweenness(_igraph(adjacency), sources) if adjacency else []


def _betweenness(graph: igraph.Graph, sources: list[int]) -> list[float]:
    """`betweenness` on the ties as an igraph graph (see `_igraph`)."""
    found = graph.betweenness(directed=False, sources=sources, targets=None)
    return [2.0 * value for value in found]


def _between(tied: PersonTies, ties: igraph.Graph) -> list[tuple[int, float]]:
    """Betweenness, exact up to 500 tied people, above that from 16 sources chosen with a fixed
    seed (so approximate but bounded); those on no shortest way left out, most first."""
    import random

    n = len(tied.nodes)
    if n < 3:
        return []
    sources = list(range(n)) if n <= EXACT_BETWEENNESS else \
        sorted(random.Random(SEED).sample(range(n), BETWEENNESS_SAMPLE))
    values = _betweenness(ties, sources)
    ranked = sorted((i for i in range(n) if values[i] > 0), key=lambda i: (-round(values[i], 9), i))
    return [(i, values[i]) for i in ranked]


def bridges(tied: PersonTies, shape: Shape | None = None) -> Iterator[tuple[str, float]]:
    """People on shortest ways between others, most such ways first, each named as it is asked
    for (a sync asks for the first few: naming all 10,000 of a dense vault took 0.6 ms)."""
    shape = shape if shape is not None else shape_of(tied)
    nodes = tied.nodes
    return ((nodes[i], value) for i, value in shape.between)
