"""The graph a sync takes up from the cache (`KeptGraph`) reads as the networkx graph it was kept
from, and changes its ties as networkx would; a graph built for one sync alone is a `KeptGraph`
of the very dictionaries networkx would hold. (That every page a sync writes from it is what a
sync that builds the graph writes: tests/test_cache.py.)"""

from __future__ import annotations

import pickle
import shutil
from array import array
from pathlib import Path

import networkx as nx
import pytest
from conftest import TODAY

from vaultnet.network.graph import kept_structure, people, person_node
from vaultnet.network.kept_graph import KeptGraph, taken_up
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import load

SAMPLE = Path(__file__).parent.parent / "sample_vault"


@pytest.fixture
def built(tmp_path: Path):  # type: ignore[no-untyped-def]
    vault = tmp_path / "vault"
    shutil.copytree(SAMPLE, vault, ignore=shutil.ignore_patterns("Network"))
    return load(vault, TODAY).graph


def test_a_kept_graph_reads_as_the_graph_it_was_kept_from(built):
    kept = take_up(built)
    assert len(built) > 40 and list(kept) == list(built) and len(kept) == len(built)
    assert list(kept.nodes) == list(built.nodes)
    for node in built:
        assert node in kept
        assert kept.nodes[node] == {k: v for k, v in built.nodes[node].items() if k != "person"}
        assert list(kept[node].items()) == list(built[node].items())
        assert list(kept.adj[node].items()) == list(built.adj[node].items())
        for other in built:
            assert kept.has_edge(node, other) == built.has_edge(node, other)
        for other in kept[node]:
            assert kept[node][other] is kept[other][node]  # (one dictionary for both ends)
    assert "person:People/Nobody.md" not in kept and "person:People/Nobody.md" not in built
    assert not kept.has_edge("person:People/Nobody.md", next(iter(built)))


def test_a_kept_graph_changes_its_ties_as_networkx_does(built):
    kept = take_up(built)
    people = [node for node in built if node.startswith("person:")]
    a, b = next((a, b) for a in people for b in people if a < b and not built.has_edge(a, b))
    for graph in (kept, built):
        graph.add_edge(a, b, kinds=("knows",))
        graph.add_edge(a, b, kinds=("knows", "met_via"))  # (the edge's attributes, updated)
    assert kept[a][b] is kept[b][a] and kept[a][b] == built[a][b] == {"kinds": ("knows", "met_via")}
    assert list(kept[a].items()) == list(built[a].items())
    tied = next(iter(kept[a]))
    for graph in (kept, built):
        graph.remove_edge(a, b)
        graph.remove_edge(tied, a)
    for node in built:
        assert list(kept[node].items()) == list(built[node].items())
    with pytest.raises(KeyError):
        kept.remove_edge(a, b)  # (no longer tied)
    with pytest.raises(KeyError):
        kept.add_edge(a, person_node("People/Nobody.md"))  # (a node it does not have)
    assert person_node("People/Nobody.md") not in kept and a not in kept[a]


def test_edges_of_the_same_kinds_share_one_dictionary_and_an_edge_changed_gets_its_own(built):
    """Kept, the edges of the same kinds share one dictionary (one unpickled for each of a
    vault's hundred thousand edges was most of taking the graph up); an edge a sync changes
    is given one of its own, and every other edge keeps its kinds."""
    kept = take_up(built)
    kinds = {data["kinds"] for node in built for data in built[node].values()}
    assert len({id(data) for node in kept for data in kept[node].values()}) == len(kinds) < 20
    people = [node for node in built if node.startswith("person:")]
    a, b = next((a, b) for a in people for b in kept[a] if kept[a][b]["kinds"] == ("knows",))
    for graph in (kept, built):
        graph.add_edge(a, b, kinds=("knows", "mentions"))
    assert kept[a][b] is kept[b][a] and kept[a][b] == {"kinds": ("knows", "mentions")}
    for node in built:
        assert list(kept[node].items()) == list(built[node].items())


def test_each_node_is_kept_as_one_string_wherever_it_is_named(built):
    """Taken up, a node's every end of an edge is the node's own string (kept as its place:
    each end was a string of its own once, and at 10,000 dense people the structure was 10.5
    MB, not 6.0, and took twice as long to take up)."""
    kept = take_up(built)
    named = {node: node for node in kept.nodes}
    ends = [other for node in kept for other in kept[node]]
    assert len(ends) > 40 and all(named[other] is other for other in ends)
    assert all(named[node] is node for node in kept.adj)


def test_a_kept_graph_unpacks_only_the_nodes_it_is_asked_for(built):
    """Each node's neighbours are unpacked when first read (a sync after one log line at 10,000
    dense people reads a fifth of them); asked for whole (`adj`), every node's are, in the
    nodes' order."""
    kept = take_up(built)
    people = [node for node in built if node.startswith("person:")]
    assert list(kept[people[3]].items()) == list(built[people[3]].items())
    assert kept.has_edge(people[3], next(iter(built[people[3]])))
    assert not kept.has_edge(people[5], people[5])
    assert set(dict.keys(kept._adj)) == {people[3], people[5]}  # (those two alone)
    assert list(kept.adj) == list(built.adj) and type(kept._adj) is dict


@pytest.mark.parametrize("damage", ["a neighbour past the last node", "a kind past the last",
                                    "starts out of order", "a start short", "a kind short",
                                    "no arrays"])
def test_a_kept_adjacency_that_does_not_hold_is_not_taken_up(built, damage):
    """An adjacency kept for other nodes, or damaged in a way the cache's digest cannot see (a
    cache written by hand), is not taken up: the sync builds its graph afresh."""
    nodes, (starts, ends, kind, kinds) = pickle.loads(kept_structure(built))[:2]
    numbers = [array("I", starts), array("I", ends), array("B", kind)]
    if damage == "a neighbour past the last node":
        numbers[1][0] = len(nodes)
    elif damage == "a kind past the last":
        numbers[2][-1] = len(kinds)
    elif damage == "starts out of order":
        numbers[0][1], numbers[0][2] = numbers[0][2] + 1, numbers[0][1]
    elif damage == "a start short":
        numbers[0] = numbers[0][:-1]
    elif damage == "a kind short":
        numbers[2] = numbers[2][:-1]
    kept = (numbers[0].tobytes(), numbers[1].tobytes(), numbers[2].tobytes(), kinds) \
        if damage != "no arrays" else ({}, {}, {}, kinds)
    assert taken_up(nodes, (starts, ends, kind, kinds)) is not None
    assert taken_up(nodes, kept) is None


def take_up(graph):  # type: ignore[no-untyped-def]
    """`graph` kept (`kept_structure`), then taken up as a sync takes it up."""
    nodes, adjacency = pickle.loads(kept_structure(graph))[:2]
    kept = taken_up(nodes, adjacency)
    assert kept is not None
    return kept


def test_a_graph_built_for_one_sync_is_the_one_networkx_would_hold(built, tmp_path):
    """A one-shot sync's store (no next round changes its graph in place) builds the graph as a
    `KeptGraph`: nodes, their attributes and neighbours in networkx's order, one dictionary for
    both ends of each edge (and for every edge of the same kinds, as a kept graph has them), and
    the same attributes of the graph itself."""
    vault = tmp_path / "vault"
    held = load(vault, TODAY, NoteStore(rounds=False)).graph
    assert isinstance(held, KeptGraph) and not isinstance(built, KeptGraph)
    assert len(held) == len(built) > 40 and list(held.nodes) == list(built.nodes)
    shared: dict[tuple[str, ...], dict[str, object]] = {}
    for node in built:
        assert held.nodes[node] == built.nodes[node]
        assert list(held[node].items()) == list(built[node].items())
        for other, data in held[node].items():
            assert data is held[other][node] and data is shared.setdefault(data["kinds"], data)
    assert held.graph == built.graph and len(shared) < 10
    # Each person is one string, at every edge of theirs (made once, as the graph is built).
    named = {node: node for node in held.nodes}
    assert all(named[other] is other for node in held for other in held[node]
               if other.startswith("person:"))


def test_the_people_of_either_kind_of_graph_are_read_alike(built):
    """`people` gives every person with a note, in the graph's order, from networkx's graph
    (a watch round's) as from a kept one (a sync's): each the very person of its node."""
    nodes = dict(built.nodes.items())
    as_networkx = nx.Graph()
    as_networkx.add_nodes_from(nodes.items())
    found = people(as_networkx)
    assert found == people(KeptGraph(nodes, {n: {} for n in nodes}))
    persons = [node for node in nodes if node.startswith("person:")]
    assert len(found) == len(persons) > 10
    assert all(person is nodes[node]["person"] for person, node in zip(found, persons, strict=True))
