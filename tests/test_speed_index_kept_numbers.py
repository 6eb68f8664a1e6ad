"""The ends of a kept graph's edges are checked, before it is taken up, by a search of them as the
characters of a string (`numbers_below`): it must say what `max` says, for any number and any
bound (a character a pattern reads apart, the surrogates, a number that is no code point)."""

from __future__ import annotations

import pickle
from array import array

import networkx as nx
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vaultnet.network.graph import kept_structure
from vaultnet.network.kept_graph import numbers_below, taken_up

# Bounds a pattern's class reads apart (`-`, `\`, `]`, `^`), or that a code point cannot be.
EDGES = [1, 2, ord("-") + 1, ord("\\") + 1, ord("]") + 1, ord("^") + 1, 256, 10_324, 0xD7FF,
         0xD800, 0xD801, 0xE000, 0x110000, 0x110001]
NUMBERS = st.one_of(st.integers(0, 2**32 - 1), st.sampled_from(
    [0, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0x10FFFF, 0x110000, 2**32 - 1]),
    st.sampled_from(EDGES).map(lambda edge: edge - 1), st.sampled_from(EDGES))


@settings(max_examples=300, deadline=None)
@given(st.lists(NUMBERS, max_size=12), st.one_of(st.sampled_from(EDGES), st.integers(1, 2**32)))
@example([ord("]")], ord("]"))
@example([0xD800], 0xD800)
@example([0x110000], 0xD7FF)
@example([], 1)
def test_the_numbers_below_a_bound_are_those_max_finds(numbers, bound):
    held = array("I", numbers)
    assert numbers_below(held, bound) == (not numbers or max(numbers) < bound)


def test_a_neighbour_numbered_as_no_code_point_is_not_taken_up():
    """An end numbered past every code point (a cache written by hand) is not taken up."""
    graph = nx.Graph()
    graph.add_edge("person:a", "person:b", kinds=("knows",))
    nodes, (starts, ends, kind, kinds) = pickle.loads(kept_structure(graph))[:2]
    assert taken_up(nodes, (starts, ends, kind, kinds)) is not None
    for far in (0xD800, 0x110000, 2**32 - 1):
        numbers = array("I", ends)
        numbers[0] = far
        assert taken_up(nodes, (starts, numbers.tobytes(), kind, kinds)) is None
