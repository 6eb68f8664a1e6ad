"""Warm paths: who can introduce you to someone you have not met, by the shortest chain of people.

A path starts at someone you know (anyone who is not a prospect) and follows declared relationships
only (`knows` and `met_via`, in either direction): a name dropped in free text is not an
acquaintance anyone can vouch for. Every path returned is a shortest one; among shortest paths, the
one starting at your strongest tie comes first.

One breadth-first search from everyone you know serves every target: it records each person's
distance and, layer by layer, the strongest tie that starts a shortest path to them. A target's
paths are then read backwards along decreasing distance, strongest first, so finding them costs the
length of the paths, not the size of the vault.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterator

import networkx as nx

from vaultnet.model import Person

DECLARED = frozenset({"knows", "met_via"})
MAX_PATHS = 3
_CANDIDATES = 12  # paths looked at before ranking the best three


def declared_ties(graph: nx.Graph) -> dict[str, list[str]]:
    """Each person's neighbours through `knows` or `met_via`, in name order (the graph's order)."""
    adjacency: dict[str, list[str]] = {}
    for node, neighbours in graph.adjacency():
        if node.startswith("person:"):
            adjacency[node] = [other for other, data in neighbours.items()
                               if other.startswith("person:") and not DECLARED.isdisjoint(data["kinds"])]
    return adjacency


class Reach:
    """Distances from the people you know, by one breadth-first search; depends on the graph's
    structure only, so it is kept while the graph is."""

    def __init__(self, adjacency: dict[str, list[str]], people: dict[str, Person]) -> None:
        self.adjacency = adjacency
        self.people = people
        self.distance: dict[str, int] = {}
        self.order: list[str] = []  # nodes in the order the search reached them
        queue: deque[str] = deque(n for n in adjacency if not people[n].is_prospect)
        for node in queue:
            self.distance[node] = 0
        while queue:
            node = queue.popleft()
            self.order.append(node)
            step = self.distance[node] + 1
            for other in adjacency[node]:
                if other not in self.distance:
                    self.distance[other] = step
                    queue.append(other)
        distance = self.distance
        # Each node's neighbours one step nearer to the people you know, and one step further.
        self.before: dict[str, list[str]] = {
            node: [o for o in adjacency[node] if distance.get(o) == distance[node] - 1]
            for node in self.order if distance[node]}
        self.after: dict[str, list[str]] = {
            node: [o for o in adjacency[node] if distance.get(o) == distance[node] + 1]
            for node in self.order}

    def downstream(self, nodes: list[str]) -> set[str]:
        """`nodes` and everyone whose shortest paths pass through one of them."""
        seen = set(nodes)
        stack = list(nodes)
        while stack:
            for other in self.after[stack.pop()]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        return seen


class WarmPaths:
    """Shortest warm paths from the people you know to anyone in the graph, strongest tie first.

    Given the `previous` paths over the same `Reach` (watch mode), the paths found then are kept
    for every target that no changed tie leads to.
    """

    def __init__(self, reach: Reach, scores: dict[str, int],
                 previous: WarmPaths | None = None) -> None:
        self.reach = reach
        self.people = reach.people
        self.scores = scores
        self.best: dict[str, int] = {}  # the strongest first tie of a shortest path to each node
        distance, best = reach.distance, self.best
        for node in reach.order:  # nearer nodes first, so `best` is final for what comes before
            if distance[node] == 0:
                best[node] = scores.get(node, 0)
            else:
                best[node] = max(best[other] for other in reach.before[node])
        self._found: dict[str, list[list[str]]] = {}
        if previous is not None and previous.reach is reach:
            # A target's paths depend on the ties that start them and on `best` along the way.
            changed = [node for node in reach.order if best[node] != previous.best[node]
                       or scores.get(node, 0) != previous.scores.get(node, 0)]
            stale = reach.downstream(changed)
            self._found = {t: p for t, p in previous._found.items() if t not in stale}

    def paths(self, target: str, limit: int = MAX_PATHS) -> list[list[str]]:
        """Up to `limit` shortest paths (lists of person nodes) ending at `target`, best first.

        A person you know is their own path; a person nobody you know is tied to has none. The
        list is shared: do not change it.
        """
        if target not in self.reach.distance:
            return []
        found = self._found.get(target)
        if found is None:
            found = []
            for path in self._walk_back([target]):
                found.append(path)
                if len(found) == _CANDIDATES:
                    break
            found.sort(key=self._rank)
            found = self._found[target] = found[:MAX_PATHS]
        return found if limit >= len(found) else found[:limit]

    def _walk_back(self, tail: list[str]) -> Iterator[list[str]]:
        """Shortest paths ending with `tail`, those starting at the strongest tie first."""
        node = tail[0]
        if self.reach.distance[node] == 0:
            yield tail
            return
        before = sorted(self.reach.before[node],
                        key=lambda other: (-self.best[other], self._name(other)))
        for other in before:
            yield from self._walk_back([other, *tail])

    def _rank(self, path: list[str]) -> tuple[int, list[tuple[str, str]]]:
        return (-self.scores.get(path[0], 0), [self._name(node) for node in path])

    def _name(self, node: str) -> tuple[str, str]:
        return (self.people[node].name.casefold(), node)


def advice(names: list[str]) -> str:
    """The sentence to act on: `Ask Alice Chen to introduce you to Bob Smith.`"""
    if len(names) == 1:
        return f"You already know {names[0]}."
    steps = [f"ask {a} to introduce you to {b}" for a, b in itertools.pairwise(names)]
    sentence = steps[0] + "".join(f", then {step}" for step in steps[1:])
    return sentence[0].upper() + sentence[1:] + "."
