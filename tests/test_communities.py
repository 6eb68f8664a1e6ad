"""Communities a person would recognise: planted circles are found, a dense vault is not one group.

Label propagation, which the communities of more than 2,000 tied people came from, floods a dense
vault into one group of everyone (the generated dense vault of 2,100 people: one group of 2,100)
and merges or crumbles planted circles; Leiden, seeded, finds them at any size.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from conftest import TODAY, benchmark_script, person
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from vaultnet.insight.communities import PersonTies, leiden, shape_of
from vaultnet.pipeline.sync import load

generate_vault = benchmark_script("generate").generate_vault


def circles(count: int, size: int, inside: int, outside: int, seed: int = 7) -> list[list[int]]:
    """Ties of `count` circles of `size` people (person p in circle p // size): each person ties
    `inside` people of their own circle and `outside` people of anyone's, drawn with `seed`."""
    rng = random.Random(seed)
    people = count * size
    tied: list[set[int]] = [set() for _ in range(people)]
    for p in range(people):
        start = p // size * size
        for q in rng.sample(range(start, start + size), inside) + rng.sample(range(people), outside):
            if q != p:
                tied[p].add(q)
                tied[q].add(p)
    return [sorted(others) for others in tied]


@pytest.mark.parametrize("count, size", [
    (2, 150),  # label propagation: one group of 300
    (4, 550),  # 2,200 people, where label propagation took over: three circles in one group
    (8, 275),
])
def test_planted_circles_are_the_communities(count, size):
    adjacency = circles(count, size, inside=5, outside=1)
    groups = shape_of(PersonTies([f"person:{p:05d}" for p in range(count * size)], adjacency)).groups
    assert len(groups) == count
    # each group is one circle, give or take a person drawn in by its ties outside
    majority = [Counter(p // size for p in group).most_common(1)[0] for group in groups]
    assert sorted(circle for circle, _ in majority) == list(range(count))
    assert sum(n for _, n in majority) >= 0.99 * count * size


def knows(*names: str) -> str:
    return "[" + ", ".join(f'"[[{name}]]"' for name in names) + "]"


def test_two_clusters_of_knows_joined_by_one_bridge_are_two_communities(make_vault):
    """Six people who all know each other (civic tech), six more (climate), and one tie between
    Ann and Gil: two communities, and Ann and Gil are the bridges between them."""
    civic = ["Ann", "Bea", "Cal", "Dee", "Eli", "Fox"]
    climate = ["Gil", "Hal", "Ivy", "Jon", "Kim", "Lea"]
    files = {}
    for group, topic in ((civic, "civic tech"), (climate, "climate")):
        for i, name in enumerate(group):
            files[f"People/{name}.md"] = person(name, knows=knows(*group[i + 1:]), topics=f"[{topic}]")
    files["People/Ann.md"] = person("Ann", knows=knows(*civic[1:], "Gil"), topics="[civic tech]")
    insight = load(make_vault(files), TODAY).insight
    found = {c.name: [n.removeprefix("person:People/").removesuffix(".md") for n in c.members]
             for c in insight.communities}
    assert found == {"civic tech": civic, "climate": climate}
    assert sorted((b.person.name, b.communities) for b in insight.bridges) == [
        ("Ann", ("civic tech", "climate")), ("Gil", ("climate", "civic tech"))]  # (own first)


def communities_of(root: Path) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.name, c.members) for c in load(root, TODAY).insight.communities]


@pytest.mark.parametrize("people", [300, pytest.param(2100, marks=pytest.mark.slow)])
def test_dense_vault_is_several_groups_none_of_most(tmp_path, people):
    """The dense generated vault (every log line links someone): several groups, none holding
    most people, each tied person in exactly one. (Label propagation: one group of everyone.)"""
    generate_vault(tmp_path / "vault", people=people, dense=True)
    found = communities_of(tmp_path / "vault")
    everyone = [member for _, members in found for member in members]
    assert len(found) >= 5
    assert max(len(members) for _, members in found) < 0.5 * len(everyone)
    assert len(everyone) == len(set(everyone)) >= 0.95 * people


def test_same_vault_written_in_another_order_gives_the_same_communities(tmp_path):
    """Same notes, other inodes and directory order: the same groups, named the same."""
    generate_vault(tmp_path / "first", people=300, dense=True)
    second = tmp_path / "second"
    for path in sorted((tmp_path / "first").rglob("*.md"), reverse=True):
        target = second / path.relative_to(tmp_path / "first")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    assert communities_of(tmp_path / "first") == communities_of(second)


@st.composite
def graphs(draw) -> list[list[int]]:
    n = draw(st.integers(min_value=0, max_value=30))
    possible = [(a, b) for a in range(n) for b in range(a + 1, n)]
    edges = draw(st.lists(st.sampled_from(possible), unique=True, max_size=80)) if possible else []
    return [sorted({b for a2, b in edges if a2 == a} | {a2 for a2, b in edges if b == a})
            for a in range(n)]


NETWORKX_RUNS = 3  # seeds of networkx's Louvain, each a local optimum of its own
MODULARITY_SLACK = 0.1  # Louvain on plain lists was within 0.071 of it in 4,000 such graphs
# networkx's Louvain takes milliseconds on these graphs, but up to 3.6.1 it can move a node back
# and forth forever on some (a tie that round-off breaks both ways: networkx issue 8739, fixed
# after 3.6.1): a run still going after this many seconds is not compared with.
LOUVAIN_SECONDS = 2
# networkx issue 8739's graph, on which its Louvain never ends with seeds 0 and 1.
LOUVAIN_LOOPS = [[1, 2, 5, 6], [0, 2, 4], [0, 1, 3, 5, 6], [2, 4], [1, 3], [0, 2], [0, 2]]


class _RanOn(Exception):
    pass


def louvain(graph: nx.Graph, seed: int) -> list[set[int]] | None:
    """networkx's Louvain communities of `graph`, or None when it runs on past
    `LOUVAIN_SECONDS` (see there)."""
    def stop(*_: object) -> None:
        raise _RanOn

    before = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, LOUVAIN_SECONDS)
    try:
        return nx.community.louvain_communities(graph, seed=seed)
    except _RanOn:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


@settings(max_examples=60, deadline=None)
@given(graphs())
@example(LOUVAIN_LOOPS)
def test_leiden_is_a_partition_about_as_good_as_networkx(adjacency):
    """Modularity about as high as networkx's Louvain finds (`MODULARITY_SLACK` below its worst
    of a few runs: both stop at a local optimum, and networkx's own runs differ by up to 0.064
    on these graphs). Everyone alone, or everyone in one group, is far below on most graphs.
    (Against the runs of networkx's that end: see `LOUVAIN_SECONDS`.)"""
    groups = leiden(adjacency)
    assert sorted(p for group in groups for p in group) == list(range(len(adjacency)))
    assert all(group == sorted(group) for group in groups) and groups == sorted(groups)
    assert groups == leiden(adjacency)
    graph = nx.Graph()
    graph.add_nodes_from(range(len(adjacency)))
    graph.add_edges_from((a, b) for a, others in enumerate(adjacency) for b in others)
    if graph.number_of_edges():
        found = nx.community.modularity(graph, [set(g) for g in groups])
        runs = [run for s in range(NETWORKX_RUNS) if (run := louvain(graph, s)) is not None]
        assume(runs)  # (networkx's Louvain ended with none of the seeds)
        theirs = min(nx.community.modularity(graph, run) for run in runs)
        assert found >= theirs - MODULARITY_SLACK

def test_every_community_has_a_name_of_its_own(make_vault, run):
    """Groups of four and three on topic "AI" and a pair on topic "AI 2": the second "AI" group
    is not named "AI 2" as well, so Communities.md's headings and the canvas's key cards differ."""
    files = {}
    for group, topic in ((["X1", "X2", "X3", "X4"], "AI"), (["Y1", "Y2", "Y3"], "AI"),
                         (["Z1", "Z2"], "AI 2")):
        for name in group:
            files[f"People/{name}.md"] = person(
                name, f"## Log\n- {TODAY.isoformat()} Coffee #met\n",
                knows=knows(*(o for o in group if o != name)), topics=f'["{topic}"]')
    vault = make_vault(files)
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    names = [c.name for c in load(vault, TODAY).insight.communities]
    assert sorted(names) == ["AI", "AI 2", "AI 3"]
    page = (vault / "Network" / "Communities.md").read_text(encoding="utf-8")
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert len(headings) == len(set(headings)) == 3
    canvas = json.loads((vault / "Network" / "Network.canvas").read_text(encoding="utf-8"))
    ids = [item["id"] for item in canvas["nodes"] + canvas["edges"]]
    assert len(ids) == len(set(ids))
