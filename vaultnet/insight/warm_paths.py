"""Warm paths: who can introduce you to someone you have not met, by the shortest chain of people.

A path starts at someone you know (anyone who is not a prospect) and follows declared relationships
only (`knows` and `met_via`, in either direction): a name dropped in free text is not an
acquaintance anyone can vouch for. Every path returned is a shortest one; among shortest paths, the
one starting at your strongest tie comes first.

One breadth-first search from everyone you know serves every target: it records each person's
distance and their neighbours one step nearer and one step further. A target's best paths come from
the people on some shortest path to it and nobody else, and only the paths shown are ever made, so
a target with thousands of shortest paths costs no more than its neighbourhood.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator, Set

from vaultnet.base.model import Person
from vaultnet.base.text import sort_key

MAX_PATHS = 3


class Reach:
    """Distances from the people you know, by one breadth-first search; depends on the graph's
    structure and its `standing` only, so it is kept while they hold."""

    def __init__(self, adjacency: dict[str, list[str]], people: dict[str, Person],
                 known: Set[str]) -> None:
        """`people` by person node, and the nodes of those you know (`known`: of whom
        `is_known`, as the graph's `standing` holds them)."""
        self.adjacency = adjacency
        self.people = people
        self.distance = distance = dict.fromkeys([n for n in adjacency if n in known], 0)
        # Those one step further are found from their own side (ties go both ways): the search
        # goes on from them alone, not through every tie of everyone you know (3.7 ms at 10,000
        # dense people, of whom 9,400 are known and 630 not; 1.2 so).
        queue = deque([n for n in adjacency
                       if n not in distance and not distance.keys().isdisjoint(adjacency[n])])
        distance.update(dict.fromkeys(queue, 1))
        while queue:
            node = queue.popleft()
            step = distance[node] + 1
            for other in adjacency[node]:
                if other not in distance:
                    distance[other] = step
                    queue.append(other)
        # Each reached node's neighbours one step nearer to the people you know, and one step
        # further: worked out for the nodes a path is asked of alone (a sync asks for a few
        # hundred; all of them took 0.02 s at 10,000 dense people).
        self.before = _Steps(adjacency, self.distance, -1)
        self.after = _Steps(adjacency, self.distance, 1)

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


class _Steps(dict[str, list[str]]):
    """Each reached node's neighbours `step` (-1 or 1) further from the people you know, by
    node, each worked out when first asked for."""

    def __init__(self, adjacency: dict[str, list[str]], distance: dict[str, int],
                 step: int) -> None:
        super().__init__()
        self._adjacency, self._distance, self._step = adjacency, distance, step

    def __missing__(self, node: str) -> list[str]:
        distance = self._distance
        wanted = distance[node] + self._step  # (a node not reached has no steps: KeyError)
        found = self[node] = [o for o in self._adjacency[node] if distance.get(o) == wanted]
        return found


class WarmPaths:
    """Shortest warm paths from the people you know to anyone in the graph, best first.

    Paths are ranked by the tie that starts them (strongest first), then by the names along them.
    Given the `previous` paths over the same `Reach` (watch mode), the paths found then are kept
    for every target that no changed tie leads to.
    """

    def __init__(self, reach: Reach, scores: dict[str, int],
                 previous: WarmPaths | None = None, changed: Iterable[str] | None = None) -> None:
        """`changed`, when known, are the nodes whose score differs from `previous.scores`."""
        self.reach = reach
        self.people = reach.people
        self.scores = scores
        self._found: dict[str, list[list[str]]] = {}
        if previous is not None and previous.reach is reach:
            # A target's paths depend only on the ties of the people who start them.
            distance = reach.distance
            if changed is None:
                changed = [node for node, away in distance.items() if away == 0
                           and scores.get(node, 0) != previous.scores.get(node, 0)]
            stale = reach.downstream([node for node in changed if distance.get(node) == 0])
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
            found = self._found[target] = list(itertools.islice(self._ranked(target), MAX_PATHS))
        return found if limit >= len(found) else found[:limit]

    def _ranked(self, target: str) -> Iterator[list[str]]:
        """Every shortest path to `target`, in rank order, made only as far as they are asked for.

        Walking back from the target marks the people on some shortest path to it (its cone) and
        finds the people you know who start one. From each start, strongest first, a walk forward
        through the cone in name order yields its paths in rank order, and never a dead end: from
        everyone in the cone a step forward stays in it, all the way to the target.
        """
        before, distance = self.reach.before, self.reach.distance
        cone = {target}
        layer = [target]
        while distance[layer[0]] > 0:
            nearer = []
            for node in layer:
                for other in before[node]:
                    if other not in cone:
                        cone.add(other)
                        nearer.append(other)
            layer = nearer
        starts = sorted(layer, key=lambda n: (-self.scores.get(n, 0), self._name(n)))
        for start in starts:
            yield from self._walk_forward([start], cone, target)

    def _walk_forward(self, path: list[str], cone: set[str], target: str) -> Iterator[list[str]]:
        node = path[-1]
        if node == target:
            yield path
            return
        for other in sorted((o for o in self.reach.after[node] if o in cone), key=self._name):
            yield from self._walk_forward([*path, other], cone, target)

    def _name(self, node: str) -> tuple[str, str]:
        return (sort_key(self.people[node].name), node)


def advice(names: list[str]) -> str:
    """The sentence to act on: `Ask Alice Chen to introduce you to Bob Smith.`"""
    if len(names) == 1:
        return f"You already know {names[0]}."
    steps = [f"ask {a} to introduce you to {b}" for a, b in itertools.pairwise(names)]
    sentence = steps[0] + "".join(f", then {step}" for step in steps[1:])
    return sentence[0].upper() + sentence[1:] + "."
