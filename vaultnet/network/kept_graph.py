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
given a dictionary of its own, never changed in place. Taken up from the cache, each node's
neighbours are unpacked from numbers as they are first read (`packed`, `taken_up`).
"""

from __future__ import annotations

import operator
import re
import sys
from array import array
from collections.abc import Iterator, Mapping
from typing import Any

Attributes = dict[str, Any]
# A graph's adjacency as the parse cache keeps it (`packed`): where each node's neighbours start
# in the two arrays that follow (one more than there are nodes), each neighbour's number (its
# node's place), each edge's kinds' number (a byte each while there are at most `BYTE_KINDS`
# kinds of edges, as in every vault), and the edges' attributes, one dictionary a kind.
Packed = tuple[bytes, bytes, bytes, list[Attributes]]
BYTE_KINDS = 256  # up to this many kinds of edges, each edge's kind is kept in a byte


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
        """Every node's neighbours (each node's unpacked now, if it was not: see `taken_up`)."""
        if isinstance(self._adj, _Unpacked):
            self._adj = self._adj.whole()
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
        return a in self._node and b in self._adj[a]

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


def packed(nodes: Mapping[str, Attributes], adjacency: Mapping[str, Mapping[str, Attributes]]
           ) -> Packed:
    """The adjacency of a graph of `nodes` as the parse cache keeps it (`Packed`): at 10,000
    dense people, a quarter of a million ends of edges as numbers and a few dictionaries, which a
    sync takes up in a millisecond and unpacks node by node as it reads them (`taken_up`: a fifth
    of them after one log line); kept as dictionaries, they took some 15 ms to take up whole.
    Edges of the same attributes share one dictionary, as taken up."""
    number = {node: at for at, node in enumerate(nodes)}
    kinds: list[Attributes] = []
    kind_of: dict[tuple[tuple[str, Any], ...], int] = {}
    starts, ends, kind = array("I", [0]), array("I"), array("I")
    for node in nodes:
        for other, data in adjacency[node].items():
            ends.append(number[other])
            found = kind_of.setdefault(tuple(data.items()), len(kinds))
            if found == len(kinds):
                kinds.append(data)
            kind.append(found)
        starts.append(len(ends))
    kinds_kept = array("B", kind) if len(kinds) <= BYTE_KINDS else kind
    return starts.tobytes(), ends.tobytes(), kinds_kept.tobytes(), kinds


def taken_up(nodes: dict[str, Attributes], kept: object) -> KeptGraph | None:
    """The graph of `nodes` and their adjacency as `packed` kept it, each node's neighbours
    unpacked when first read; None if `kept` is not such an adjacency of these nodes (a cache
    written by hand: the file's digest holds its bytes). Each number is checked ahead (5 ms at
    10,000 dense people), so that no node's neighbours fail to unpack once the sync is under way.
    """
    if not (isinstance(kept, tuple) and len(kept) == 4
            and all(isinstance(part, bytes) for part in kept[:3]) and isinstance(kept[3], list)
            and all(type(data) is dict for data in kept[3])):
        return None
    kinds = kept[3]
    try:
        starts, ends = array("I", kept[0]), array("I", kept[1])
        kind = array("B" if len(kinds) <= BYTE_KINDS else "I", kept[2])
    except ValueError:  # (not a whole number of them)
        return None
    if len(starts) != len(nodes) + 1 or starts[0] != 0 or starts[-1] != len(ends) \
            or len(kind) != len(ends) or not all(map(operator.le, starts, starts[1:])) \
            or not numbers_below(ends, len(nodes)) or not numbers_below(kind, len(kinds)):
        return None
    return KeptGraph(nodes, _Unpacked(list(nodes), starts, ends, kind, kinds))


def numbers_below(numbers: array[int], bound: int) -> bool:
    """Whether every one of `numbers` is below `bound`, in C: bytes at once; numbers of four
    bytes below the surrogates' code points as the characters of a string, in one search (the
    quarter of a million ends of edges of 10,000 dense people in 0.6 ms, where `max`, which
    makes a number object of each, took 4.5)."""
    if numbers.typecode == "B":
        return not numbers.tobytes().translate(None, bytes(range(bound)))
    if numbers.itemsize == 4 and 0 < bound <= SURROGATES:
        try:
            text = numbers.tobytes().decode(UTF_32)
        except UnicodeDecodeError:  # (a number that is no code point: above any such bound)
            return False
        return re.search(f"[^\\x00-\\U{bound - 1:08x}]", text) is None
    return not numbers or max(numbers) < bound


SURROGATES = 0xD800  # (the first code point a string may not hold decoded)
UTF_32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # (an array's own order)


class _Unpacked(dict[str, dict[str, Attributes]]):
    """Each node's neighbours, unpacked from `packed`'s arrays when first read: its own string
    for each neighbour, and the dictionary of each edge's kinds, shared. Read through `KeptGraph`
    alone: as a dictionary, it holds the nodes unpacked so far (`whole` gives them all)."""

    def __init__(self, names: list[str], starts: array[int], ends: array[int], kind: array[int],
                 kinds: list[Attributes]) -> None:
        super().__init__()
        self._names, self._kinds = names, kinds
        self._starts, self._ends, self._kind = starts, ends, kind
        self._number = {node: at for at, node in enumerate(names)}

    def __missing__(self, node: str) -> dict[str, Attributes]:
        at = self._number[node]  # (a KeyError for a node the graph does not have)
        start, end = self._starts[at], self._starts[at + 1]
        found = self[node] = dict(zip(map(self._names.__getitem__, self._ends[start:end]),
                                      map(self._kinds.__getitem__, self._kind[start:end]),
                                      strict=True))
        return found

    def whole(self) -> dict[str, dict[str, Attributes]]:
        """Every node's neighbours, in the nodes' order."""
        return {node: self[node] for node in self._names}
