"""The graph a sync takes up from the parse cache, or builds for itself alone, held without
networkx.

A sync after an edit that changed none of the graph's structure reads the graph the last sync
kept, its people put back, and changes at most a few of its ties in place. Importing networkx
only to hold it would cost such a sync some 90 ms (the package imports every one of its
algorithms), a quarter of a sync after one log line at 2,000 people, and as much of `vaultnet
due`, `brief` or `intro`; a cold sync builds its graph as one too. `KeptGraph` holds the graph
in networkx's own shape (a dictionary of each node's attributes, and one of each node's
neighbours, whose edge attributes are one dictionary shared by both ends) and answers the part of
`networkx.Graph`'s interface the pipe reads, to the same values in the same order; the graph
watch builds, and changes in place round after round, is a `networkx.Graph`. Edges of the same
attributes share one dictionary (see `vaultnet.network.graph.kept_structure`): an edge changed is
given a dictionary of its own, never changed in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Attributes = dict[str, Any]


class KeptGraph:
    """A graph's nodes and edges as networkx keeps them, read as a `networkx.Graph` reads:
    `nodes[n]` (a node's attributes) and `nodes.items()`, `graph[n]` and `adj[n]` (a node's
    neighbours, each with the edge's attributes, to read only), `n in graph`, iteration and
    `len` (the nodes, in the order they were added), `has_edge`, and the graph's own attributes
    (`graph`). Its ties change in place through `add_edge` and `remove_edge`, between nodes it
    has."""

    __slots__ = ("_adj", "_node", "graph")

    def __init__(self, nodes: dict[str, Attributes], adjacency: dict[str, dict[str, Attributes]]
                 ) -> None:
        self.graph: Attributes = {}
        self._node, self._adj = nodes, adjacency

    @property
    def nodes(self) -> dict[str, Attributes]:
        return self._node

    @property
    def adj(self) -> dict[str, dict[str, Attributes]]:
        return self._adj

    def __getitem__(self, node: str) -> dict[str, Attributes]:
        return self._adj[node]

    def __iter__(self) -> Iterator[str]:
        return iter(self._node)

    def __contains__(self, node: object) -> bool:
        return node in self._node

    def __len__(self) -> int:
        return len(self._node)

    def has_edge(self, a: str, b: str) -> bool:
        return a in self._adj and b in self._adj[a]

    def add_edge(self, a: str, b: str, **attributes: Any) -> None:
        """Tie two nodes the graph has (a KeyError if it lacks one), or update their edge: its
        attributes in a new dictionary (others may share the one it had), at its place."""
        if a not in self._node or b not in self._node:
            raise KeyError((a, b))
        self._adj[a][b] = self._adj[b][a] = {**self._adj[a].get(b, {}), **attributes}

    def remove_edge(self, a: str, b: str) -> None:
        """Untie two nodes (a KeyError if they are not tied)."""
        del self._adj[a][b]
        if a != b:
            del self._adj[b][a]
