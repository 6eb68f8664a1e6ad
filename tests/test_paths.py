"""Warm introduction paths: `vaultnet/paths.py`, `Insight.paths` and `vaultnet intro NAME`.

A path starts at someone you know (a person note that is not a prospect), follows `knows` and
`met_via` (declared on either side) between person notes only, and ends at the target. Every path
returned is a shortest one; at most three, ranked by the tie strength of the first person, then
by names.
"""

from __future__ import annotations

import itertools
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest
from conftest import TODAY, person, write_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultnet.base.model import Fields, Person
from vaultnet.insight.communities import ties_between_people
from vaultnet.insight.warm_paths import MAX_PATHS, Reach, WarmPaths, advice
from vaultnet.network.index import find_person
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import load


def log(mets: int = 0, *extra: str) -> str:
    """A `## Log` section with `mets` coffees (#met) and any extra lines."""
    lines = [f"- 2026-11-{20 - i:02d} Coffee #met\n" for i in range(mets)] + [f"{x}\n" for x in extra]
    return "## Log\n" + "".join(lines) if lines else ""


def links(*names: str) -> str:
    """A YAML flow list of wikilinks: `["[[A]]", "[[B]]"]`."""
    return "[" + ", ".join(f'"[[{name}]]"' for name in names) + "]"


def paths_to(root: Path, name: str) -> list[list[str]]:
    vault = load(root, TODAY)
    return vault.insight.paths(find_person(vault.index, name))


def scores(root: Path) -> dict[str, int]:
    """Tie scores by note name."""
    vault = load(root, TODAY)
    return {p.name: vault.insight.ties[p.path].score for p in vault.index.people}


# -- small vaults with obvious answers ------------------------------------------------------------

def test_one_hop(make_vault):
    root = make_vault({
        "People/Alice Chen.md": person("Alice Chen", knows=links("Pat Quinn")),
        "People/Pat Quinn.md": person("Pat Quinn", status="prospect"),
        "People/Zed Noone.md": person("Zed Noone"),  # known, but tied to nobody
    })
    assert paths_to(root, "Pat Quinn") == [["Alice Chen", "Pat Quinn"]]


def test_two_hops_through_a_prospect(make_vault):
    root = make_vault({
        "People/Alice Chen.md": person("Alice Chen", knows=links("Bob Smith")),
        "People/Bob Smith.md": person("Bob Smith", status="prospect", knows=links("Carol Diaz")),
        "People/Carol Diaz.md": person("Carol Diaz", role="prospect"),
    })
    assert paths_to(root, "Carol Diaz") == [["Alice Chen", "Bob Smith", "Carol Diaz"]]
    assert paths_to(root, "Bob Smith") == [["Alice Chen", "Bob Smith"]]


def test_a_prospect_never_starts_a_path(make_vault):
    # Bob is a prospect (by role) who knows Carol: he is not someone *you* know.
    root = make_vault({
        "People/Bob Smith.md": person("Bob Smith", role="prospect", knows=links("Carol Diaz")),
        "People/Carol Diaz.md": person("Carol Diaz", status="prospect"),
    })
    assert paths_to(root, "Carol Diaz") == []
    assert paths_to(root, "Bob Smith") == []


def test_equal_length_paths_rank_by_tie_strength(make_vault):
    # Alice comes first by name, Bea by tie strength: the tie wins.
    root = make_vault({
        "People/Alice Chen.md": person("Alice Chen", log(1), knows=links("Pat Quinn")),
        "People/Bea Lund.md": person("Bea Lund", log(3), knows=links("Pat Quinn")),
        "People/Pat Quinn.md": person("Pat Quinn", status="prospect"),
    })
    strength = scores(root)
    assert strength["Bea Lund"] > strength["Alice Chen"] > 0
    assert paths_to(root, "Pat Quinn") == [["Bea Lund", "Pat Quinn"], ["Alice Chen", "Pat Quinn"]]


def test_equal_ties_rank_by_name_ignoring_case(make_vault):
    root = make_vault({
        "People/carl.md": person("carl", knows=links("Pat")),
        "People/Bob.md": person("Bob", knows=links("Pat")),
        "People/alice.md": person("alice", knows=links("Pat")),
        "People/Pat.md": person("Pat", status="prospect"),
    })
    assert paths_to(root, "Pat") == [["alice", "Pat"], ["Bob", "Pat"], ["carl", "Pat"]]


def test_shorter_path_beats_a_longer_one_from_a_stronger_tie(make_vault):
    root = make_vault({
        "People/Strong.md": person("Strong", log(3), knows=links("Middle")),
        "People/Middle.md": person("Middle", status="prospect", knows=links("Pat")),
        "People/Weak.md": person("Weak", knows=links("Pat")),
        "People/Pat.md": person("Pat", status="prospect"),
    })
    strength = scores(root)
    assert strength["Strong"] > strength["Weak"] == 0
    assert paths_to(root, "Pat") == [["Weak", "Pat"]]


def test_more_than_three_shortest_paths_are_capped_at_the_best_three(make_vault):
    root = make_vault({
        "People/Ann.md": person("Ann", knows=links("Pat")),
        "People/Ben.md": person("Ben", log(1), knows=links("Pat")),
        "People/Cal.md": person("Cal", knows=links("Pat")),
        "People/Dee.md": person("Dee", log(2), knows=links("Pat")),
        "People/Eve.md": person("Eve", knows=links("Pat")),
        "People/Pat.md": person("Pat", status="prospect"),
    })
    assert MAX_PATHS == 3
    assert paths_to(root, "Pat") == [["Dee", "Pat"], ["Ben", "Pat"], ["Ann", "Pat"]]


def test_mentions_in_free_text_or_log_lines_make_no_path(make_vault):
    root = make_vault({
        "People/Alice.md": person("Alice", "We talked about [[Pat]] at length.\n"),
        "People/Bob.md": person("Bob", log(0, "- 2026-11-20 Asked [[Pat]] for a chat #outreach")),
        "People/Pat.md": person("Pat", "Friend of [[Alice]].\n", status="prospect"),
    })
    assert paths_to(root, "Pat") == []


def test_a_prospect_met_in_a_log_line_is_known_and_needs_no_introduction(make_vault):
    root = make_vault({
        "People/Bob.md": person("Bob", log(0, "- 2026-11-20 Lunch with [[Pat]] #met")),
        "People/Pat.md": person("Pat", status="prospect"),
    })
    assert paths_to(root, "Pat") == [["Pat"]]


def test_mentions_do_not_shorten_a_declared_path(make_vault):
    root = make_vault({
        "People/Alice.md": person("Alice", "Once met [[Pat]].\n",
                                  knows=links("Bob")),
        "People/Bob.md": person("Bob", status="prospect", knows=links("Pat")),
        "People/Pat.md": person("Pat", status="prospect"),
    })
    assert paths_to(root, "Pat") == [["Alice", "Bob", "Pat"]]


def test_a_person_without_a_note_is_never_on_a_path(make_vault):
    # Both know Ghost, who has no note: Ghost is only mentioned, and cannot introduce anyone.
    root = make_vault({
        "People/Alice.md": person("Alice", knows=links("Ghost")),
        "People/Pat.md": person("Pat", status="prospect", met_via=links("Ghost")),
    })
    assert paths_to(root, "Pat") == []


def test_met_via_declared_on_the_prospects_side_only(make_vault):
    root = make_vault({
        "People/Alice.md": person("Alice"),
        "People/Pat.md": person("Pat", status="prospect", met_via='"[[Alice]]"'),
    })
    assert paths_to(root, "Pat") == [["Alice", "Pat"]]


def test_relations_declared_on_the_far_side_are_walked_forwards(make_vault):
    # Each tie is written only on the note of the person further from you.
    root = make_vault({
        "People/Alice.md": person("Alice"),
        "People/Bob.md": person("Bob", status="prospect", knows=links("Alice")),
        "People/Carol.md": person("Carol", status="prospect", met_via=links("Bob")),
    })
    assert paths_to(root, "Carol") == [["Alice", "Bob", "Carol"]]


def test_a_target_with_no_path(make_vault, run):
    root = make_vault({
        "People/Alice.md": person("Alice", knows=links("Bob")),
        "People/Bob.md": person("Bob", status="prospect"),
        "People/Pat Quinn.md": person("Pat Quinn", status="prospect"),
    })
    assert paths_to(root, "Pat Quinn") == []
    result = run("intro", "Pat Quinn", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0
    assert result.output == (
        "No warm path to Pat Quinn: nobody you know is tied to them in your notes (`knows`, "
        "`met_via`, `spouse`, …). Reach out directly, or note who knows them.\n")
    data = json.loads(run("intro", "Pat Quinn", "--vault", root, "--today", TODAY, "--json").output)
    assert data == {"person": "Pat Quinn", "note": "People/Pat Quinn.md", "paths": [],
                    "path_notes": []}


def test_a_known_target(make_vault, run):
    root = make_vault({
        "People/Alice Chen.md": person("Alice Chen", log(1), knows=links("Bob")),
        "People/Bob.md": person("Bob", status="prospect"),
    })
    assert paths_to(root, "Alice Chen") == [["Alice Chen"]]
    # One coffee 5 days ago: 3 × 0.5^(5/90) = 2.89; 100 × (1 − e^(−2.89/4)) = 51.
    assert scores(root)["Alice Chen"] == 51
    result = run("intro", "Alice Chen", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0
    assert result.output == ("You already know Alice Chen, tie strength 51 of 100 (strong): no "
                             "introduction needed.\n")
    data = json.loads(run("intro", "Alice Chen", "--vault", root, "--today", TODAY, "--json").output)
    assert data == {"person": "Alice Chen", "note": "People/Alice Chen.md",
                    "paths": [["Alice Chen"]], "path_notes": [["People/Alice Chen.md"]]}


TWO_HOPS = {
    "People/Alice Chen.md": person("Alice Chen", log(1), knows=links("Bob Smith")),
    "People/Zoe Park.md": person("Zoe Park", log(2), knows=links("Bob Smith")),
    "People/Bob Smith.md": person("Bob Smith", status="prospect", knows=links("Carol Diaz")),
    "People/Carol Diaz.md": person("Carol Diaz", status="prospect", aliases="[Caz]"),
}


def test_intro_output_is_exact_for_two_hops(make_vault, run):
    root = make_vault(TWO_HOPS)
    result = run("intro", "Carol Diaz", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0
    assert result.output == (
        "Warm paths to Carol Diaz:\n"
        "1. Zoe Park → Bob Smith → Carol Diaz\n"
        "   Ask Zoe Park to introduce you to Bob Smith, then ask Bob Smith to introduce you to "
        "Carol Diaz.\n"
        "2. Alice Chen → Bob Smith → Carol Diaz\n"
        "   Ask Alice Chen to introduce you to Bob Smith, then ask Bob Smith to introduce you to "
        "Carol Diaz.\n")


def test_intro_json(make_vault, run):
    root = make_vault(TWO_HOPS)
    result = run("intro", "Carol Diaz", "--vault", root, "--today", TODAY, "--json")
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "person": "Carol Diaz", "note": "People/Carol Diaz.md",
        "paths": [["Zoe Park", "Bob Smith", "Carol Diaz"], ["Alice Chen", "Bob Smith", "Carol Diaz"]],
        "path_notes": [
            ["People/Zoe Park.md", "People/Bob Smith.md", "People/Carol Diaz.md"],
            ["People/Alice Chen.md", "People/Bob Smith.md", "People/Carol Diaz.md"]]}


def test_advice_sentences():
    assert advice(["A"]) == "You already know A."
    assert advice(["A", "B"]) == "Ask A to introduce you to B."
    assert advice(["A", "B", "C", "D"]) == ("Ask A to introduce you to B, then ask B to introduce "
                                            "you to C, then ask C to introduce you to D.")


def test_the_ranking_looks_past_the_strongest_branch(make_vault):
    # Pat is two steps away through Mid One (Ann strongest, then three without a tie) or Mid Two
    # (Eve): Eve's path is second although the walk meets Mid One's weaker paths first.
    root = make_vault({
        "People/Ann.md": person("Ann", log(3), knows=links("Mid One")),
        "People/Ben.md": person("Ben", knows=links("Mid One")),
        "People/Cal.md": person("Cal", knows=links("Mid One")),
        "People/Dan.md": person("Dan", knows=links("Mid One")),
        "People/Eve.md": person("Eve", log(1), knows=links("Mid Two")),
        "People/Mid One.md": person("Mid One", status="prospect", knows=links("Pat")),
        "People/Mid Two.md": person("Mid Two", status="prospect", knows=links("Pat")),
        "People/Pat.md": person("Pat", status="prospect"),
    })
    assert paths_to(root, "Pat") == [["Ann", "Mid One", "Pat"], ["Eve", "Mid Two", "Pat"],
                                     ["Ben", "Mid One", "Pat"]]


def test_many_introducers_the_strongest_still_comes_first(make_vault):
    # Thirteen people know Pat; the strongest sorts last by name.
    files: dict[str, str | bytes] = {f"People/Kim {i:02d}.md": person(f"Kim {i:02d}", knows=links("Pat"))
                                     for i in range(12)}
    files["People/Zed.md"] = person("Zed", log(1), knows=links("Pat"))
    files["People/Pat.md"] = person("Pat", status="prospect")
    root = make_vault(files)
    assert paths_to(root, "Pat") == [["Zed", "Pat"], ["Kim 00", "Pat"], ["Kim 01", "Pat"]]


def test_watch_mode_reranks_when_a_tie_grows(make_vault):
    """With one NoteStore between rounds (as `vaultnet watch` keeps it), new coffees reorder the
    paths to Pat although no relationship changed."""
    root = make_vault({
        "People/Alice.md": person("Alice", log(1), knows=links("Mid One")),
        "People/Bea.md": person("Bea", log(0), knows=links("Mid Two")),
        "People/Mid One.md": person("Mid One", status="prospect", knows=links("Pat")),
        "People/Mid Two.md": person("Mid Two", status="prospect", knows=links("Pat")),
        "People/Pat.md": person("Pat", status="prospect"),
    })
    store = NoteStore()
    first = load(root, TODAY, store)
    assert first.insight.paths(find_person(first.index, "Pat")) == [
        ["Alice", "Mid One", "Pat"], ["Bea", "Mid Two", "Pat"]]
    with (root / "People/Bea.md").open("a", encoding="utf-8") as note:
        note.write(log(3))
    second = load(root, TODAY, store)
    assert second.insight.warm.reach is first.insight.warm.reach  # the graph was kept
    assert second.insight.paths(find_person(second.index, "Pat")) == [
        ["Bea", "Mid Two", "Pat"], ["Alice", "Mid One", "Pat"]]


def test_watch_mode_reranks_behind_an_unchanged_strongest_tie(make_vault):
    # Ann stays the strongest way to Mid (so Mid's best tie does not change), but Cy overtakes Bo.
    root = make_vault({
        "People/Ann.md": person("Ann", log(3), knows=links("Mid")),
        "People/Bo.md": person("Bo", log(1), knows=links("Mid")),
        "People/Cy.md": person("Cy", knows=links("Mid")),
        "People/Mid.md": person("Mid", status="prospect", knows=links("Pat")),
        "People/Pat.md": person("Pat", status="prospect"),
    })
    store = NoteStore()
    first = load(root, TODAY, store)
    assert first.insight.paths(find_person(first.index, "Pat")) == [
        ["Ann", "Mid", "Pat"], ["Bo", "Mid", "Pat"], ["Cy", "Mid", "Pat"]]
    with (root / "People/Cy.md").open("a", encoding="utf-8") as note:
        note.write(log(2))
    second = load(root, TODAY, store)
    assert second.insight.warm.reach is first.insight.warm.reach
    assert second.insight.paths(find_person(second.index, "Pat")) == [
        ["Ann", "Mid", "Pat"], ["Cy", "Mid", "Pat"], ["Bo", "Mid", "Pat"]]
    assert paths_to(root, "Pat") == second.insight.paths(find_person(second.index, "Pat"))


# -- naming the target ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Caz", "caz", "CAROL DIAZ", "cArOl dIaZ", "  Carol Diaz ",
                                  "People/Carol Diaz", "Carol Diaz.md"])
def test_intro_resolves_case_alias_and_path(make_vault, run, name):
    root = make_vault(TWO_HOPS)
    result = run("intro", name, "--vault", root, "--today", TODAY, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["person"] == "Carol Diaz"
    assert json.loads(result.output)["paths"][0] == ["Zoe Park", "Bob Smith", "Carol Diaz"]


@pytest.mark.parametrize(("file_form", "query_form"), [("NFC", "NFD"), ("NFD", "NFC"), ("NFD", "NFD")])
def test_intro_ignores_unicode_normalisation(make_vault, run, file_form, query_form):
    name = "José Ruiz"
    root = make_vault({
        f"People/{unicodedata.normalize(file_form, name)}.md":
            person(unicodedata.normalize(file_form, name), status="prospect"),
        "People/Alice.md": person("Alice", knows=links(name)),
    })
    result = run("intro", unicodedata.normalize(query_form, name), "--vault", root, "--today", TODAY,
                 "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["paths"] == [["Alice", data["person"]]]
    assert unicodedata.normalize("NFC", data["person"]) == name


def test_intro_unknown_name_exits_1_with_close_candidates(make_vault, run):
    root = make_vault(TWO_HOPS)
    result = run("intro", "Carol Dias", "--vault", root, "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert 'no person called "Carol Dias"' in result.stderr
    assert "did you mean Carol Diaz (People/Carol Diaz.md)" in result.stderr


def test_intro_unknown_name_with_nothing_close(make_vault, run):
    root = make_vault(TWO_HOPS)
    result = run("intro", "Xavier Quux", "--vault", root, "--today", TODAY, "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert 'no person called "Xavier Quux"' in result.stderr
    assert "did you mean" not in result.stderr


def test_intro_ambiguous_alias_exits_1_listing_both(make_vault, run):
    root = make_vault({
        "People/Jay Kim.md": person("Jay Kim", aliases="[Jay]", status="prospect"),
        "People/Jason Wu.md": person("Jason Wu", aliases="[jay]", status="prospect"),
        "People/Alice.md": person("Alice", knows=links("Jay Kim", "Jason Wu")),
    })
    result = run("intro", "Jay", "--vault", root, "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert '"Jay" could be 2 people' in result.stderr
    assert "People/Jay Kim.md" in result.stderr and "People/Jason Wu.md" in result.stderr
    # Each is still reachable by its own name.
    assert paths_to(root, "Jason Wu") == [["Alice", "Jason Wu"]]


def test_intro_same_name_in_two_folders_is_ambiguous(make_vault, run):
    root = make_vault({
        "People/Sam Lee.md": person("Sam Lee", status="prospect"),
        "Work/Sam Lee.md": person("Sam Lee", status="prospect", met_via='"[[Alice]]"'),
        "People/Alice.md": person("Alice"),
    })
    result = run("intro", "sam lee", "--vault", root, "--today", TODAY)
    assert result.exit_code == 1
    assert "People/Sam Lee.md" in result.stderr and "Work/Sam Lee.md" in result.stderr
    by_path = run("intro", "Work/Sam Lee", "--vault", root, "--today", TODAY, "--json")
    assert by_path.exit_code == 0
    assert json.loads(by_path.output) == {
        "person": "Sam Lee", "note": "Work/Sam Lee.md", "paths": [["Alice", "Sam Lee"]],
        "path_notes": [["People/Alice.md", "Work/Sam Lee.md"]]}
    other = run("intro", "People/Sam Lee", "--vault", root, "--today", TODAY, "--json")
    assert json.loads(other.output) == {"person": "Sam Lee", "note": "People/Sam Lee.md",
                                        "paths": [], "path_notes": []}


# -- a bug: the best second path can be lost when a target has many shortest paths ----------------

def _many_paths_vault() -> dict[str, str | bytes]:
    """Target is reached through Pa (from Strong and twelve weak ties) or through Pz (from Second)."""
    files: dict[str, str | bytes] = {
        "People/Target.md": person("Target", status="prospect"),
        "People/Pa.md": person("Pa", status="prospect", knows=links("Target")),
        "People/Pz.md": person("Pz", status="prospect", knows=links("Target")),
        "People/Strong.md": person("Strong", log(3), knows=links("Pa")),
        "People/Second.md": person("Second", log(2), knows=links("Pz")),
    }
    for i in range(12):
        files[f"People/Weak {i:02d}.md"] = person(f"Weak {i:02d}", knows=links("Pa"))
    return files


def test_second_best_path_is_not_lost_behind_many_weak_ones(make_vault):
    root = make_vault(_many_paths_vault())
    strength = scores(root)
    assert strength["Strong"] > strength["Second"] > strength["Weak 00"] == 0
    assert paths_to(root, "Target") == [["Strong", "Pa", "Target"], ["Second", "Pz", "Target"],
                                        ["Weak 00", "Pa", "Target"]]


def test_name_order_is_not_lost_behind_many_paths(make_vault):
    files: dict[str, str | bytes] = {
        "People/Target.md": person("Target", status="prospect"),
        "People/Pa.md": person("Pa", status="prospect", knows=links("Target")),
        "People/Pz.md": person("Pz", status="prospect", knows=links("Target")),
        "People/Abe.md": person("Abe", knows=links("Pz")),
    }
    for i in range(12):
        files[f"People/Zed {i:02d}.md"] = person(f"Zed {i:02d}", knows=links("Pa"))
    root = make_vault(files)
    assert set(scores(root).values()) == {0}
    assert paths_to(root, "Target") == [["Abe", "Pz", "Target"], ["Zed 00", "Pa", "Target"],
                                        ["Zed 01", "Pa", "Target"]]


# -- properties on random graphs, against networkx ------------------------------------------------

NAMES = ["Ann", "bob", "Cy", "dee", "Eve", "fay", "Gil", "hal"]
KINDS = [("knows",), ("met_via",), ("knows", "met_via"), ("mentions",), ("knows", "mentions"),
         ("met_via", "mentions"), ("mentions",)]
DECLARED = {"knows", "met_via"}
SCORES = [0, 0, 25, 51, 70, 90]


def node_of(i: int) -> str:
    return f"person:People/{NAMES[i]}.md"


@dataclass(frozen=True)
class Case:
    people: list[Person]
    scores: list[int]
    edges: list[tuple[int, int, tuple[str, ...]]]  # between people, with their kinds
    ghost: list[int]  # people tied by `knows` to a mentioned person without a note
    topic: list[int]  # people sharing one topic

    @property
    def n(self) -> int:
        return len(self.people)

    def prospect(self, i: int) -> bool:
        return self.people[i].is_prospect


@st.composite
def cases(draw: st.DrawFn) -> Case:
    n = draw(st.integers(1, len(NAMES)))
    people = []
    for i in range(n):
        fields = draw(st.sampled_from([Fields(), Fields(), Fields(status="prospect"),
                                       Fields(role="prospect"), Fields(status="dormant")]))
        people.append(Person(NAMES[i], f"People/{NAMES[i]}.md", fields))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    edges = []
    if pairs:
        edges = draw(st.lists(st.sampled_from([(i, j, kinds) for i, j in pairs for kinds in KINDS]),
                              unique_by=lambda e: e[:2], max_size=12))
    return Case(people, draw(st.lists(st.sampled_from(SCORES), min_size=n, max_size=n)), edges,
                draw(st.lists(st.integers(0, n - 1), unique=True)),
                draw(st.lists(st.integers(0, n - 1), unique=True)))


def build_graph(case: Case, node_order: list[int], edge_order: list[int]) -> nx.Graph:
    """A graph shaped like vaultnet's: person nodes with their Person, plus a mentioned person and a
    topic that touch several people (neither may carry a path)."""
    graph = nx.Graph()
    for i in node_order:
        graph.add_node(node_of(i), kind="person", label=NAMES[i], person=case.people[i])
    graph.add_node("mentioned:ghost", kind="mentioned", label="Ghost")
    graph.add_node("topic:civic tech", kind="topic", label="civic tech")
    edges = [(node_of(i), node_of(j), kinds) for i, j, kinds in case.edges]
    edges += [(node_of(i), "mentioned:ghost", ("knows",)) for i in case.ghost]
    edges += [(node_of(i), "topic:civic tech", ("interested_in",)) for i in case.topic]
    for k in edge_order:
        a, b, kinds = edges[k]
        graph.add_edge(a, b, kinds=kinds)
    return graph


def reach_of(case: Case, node_order: list[int] | None = None,
             edge_order: list[int] | None = None) -> Reach:
    edge_count = len(case.edges) + len(case.ghost) + len(case.topic)
    graph = build_graph(case, node_order or list(range(case.n)), edge_order or list(range(edge_count)))
    people = {node_of(i): case.people[i] for i in range(case.n)}
    return Reach(ties_between_people(graph)[1], people,
                 {node for node, person in people.items() if person.is_known})


def answers(warm: WarmPaths, n: int) -> list[list[list[int]]]:
    """The paths `warm` finds to each person, as lists of people's indices."""
    index_of = {node_of(i): i for i in range(n)}
    found = []
    for target in range(n):
        paths = warm.paths(node_of(target))
        for path in paths:
            assert all(node in index_of for node in path), path  # person nodes only
        found.append([[index_of[node] for node in path] for path in paths])
    return found


def warm_paths(case: Case, node_order: list[int] | None = None,
               edge_order: list[int] | None = None) -> list[list[list[int]]]:
    """The paths vaultnet finds to each person, as lists of people's indices."""
    scores = {node_of(i): case.scores[i] for i in range(case.n)}
    return answers(WarmPaths(reach_of(case, node_order, edge_order), scores), case.n)


def all_shortest(n: int, declared: list[tuple[int, int]], known: list[int],
                 target: int) -> list[list[int]]:
    """Every shortest path from any known person to target in the declared-only graph (networkx)."""
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(declared)
    if not known:
        return []
    lengths = nx.multi_source_dijkstra_path_length(graph, set(known))
    if target not in lengths:
        return []
    graph.add_edges_from(("source", k) for k in known)
    found = [p[1:] for p in nx.all_shortest_paths(graph, "source", target)]
    assert all(len(p) - 1 == lengths[target] for p in found)
    return found


def check_paths(got: list[list[int]], reference: list[list[int]], names: list[str],
                score: list[int], prospect: list[bool], declared: set[frozenset[int]],
                target: int) -> None:
    """The properties every answer must have, given networkx's shortest paths."""
    if not reference:
        assert got == []
        return
    length = len(reference[0])
    for path in got:
        assert path[-1] == target
        assert not prospect[path[0]]
        assert all(frozenset(pair) in declared for pair in itertools.pairwise(path))
        assert len(path) == length  # a shortest one, the length a BFS from the known people finds
        assert len(set(path)) == len(path)
        assert path in reference
    assert len(got) == min(MAX_PATHS, len(reference))
    assert len({tuple(p) for p in got}) == len(got)
    firsts = [score[p[0]] for p in got]
    assert firsts == sorted(firsts, reverse=True)
    if reference == [[target]]:  # someone you know needs no introduction
        assert got == [[target]]

    def rank(path: list[int]) -> tuple[int, list[str]]:
        return (-score[path[0]], [names[i].casefold() for i in path])

    best = sorted(reference, key=rank)
    # The strongest first tie is never left out, whatever the number of shortest paths.
    assert score[got[0][0]] == score[best[0][0]]
    assert got == best[:MAX_PATHS]


@settings(max_examples=60, deadline=None)
@given(cases(), st.data())
def test_random_graphs_match_networkx_whatever_the_declaration_order(case, data):
    """For every person as the target: valid, shortest, capped and ranked paths, or none when a
    breadth-first search from the known people finds none; and the same answers when the people
    and ties are added to the graph in another order."""
    declared = [(i, j) for i, j, kinds in case.edges if DECLARED & set(kinds)]
    # Known: neither a prospect nor dormant (these people have no interactions to be met by).
    known = [i for i in range(case.n) if "prospect" not in (case.people[i].fields.status,
                                                            case.people[i].fields.role)
             and case.people[i].fields.status != "dormant"]
    prospect = [case.prospect(i) for i in range(case.n)]
    found = warm_paths(case)
    for target, got in enumerate(found):
        reference = all_shortest(case.n, declared, known, target)
        check_paths(got, reference, NAMES, case.scores, prospect, {frozenset(e) for e in declared},
                    target)
    edge_count = len(case.edges) + len(case.ghost) + len(case.topic)
    node_order = data.draw(st.permutations(range(case.n)))
    edge_order = data.draw(st.permutations(range(edge_count)))
    assert warm_paths(case, list(node_order), list(edge_order)) == found


@settings(max_examples=60, deadline=None)
@given(cases(), st.data())
def test_paths_kept_from_the_build_before_are_those_a_fresh_build_finds(case, data):
    """Watch mode: with the same graph and new tie scores, WarmPaths(previous=...) keeps the old
    paths of some targets; every answer must still be what a fresh WarmPaths finds."""
    reach = reach_of(case)
    before = WarmPaths(reach, {node_of(i): case.scores[i] for i in range(case.n)})
    for target in data.draw(st.lists(st.integers(0, case.n - 1), unique=True)):
        before.paths(node_of(target))  # the targets asked for in the round before
    changes = data.draw(st.dictionaries(st.integers(0, case.n - 1), st.sampled_from(SCORES),
                                        max_size=2))  # a round changes a tie or two
    scores = {node_of(i): changes.get(i, case.scores[i]) for i in range(case.n)}
    kept = WarmPaths(reach, scores, previous=before)
    assert answers(kept, case.n) == answers(WarmPaths(reach, scores), case.n)


# -- properties on random vaults -----------------------------------------------------------------

VAULT_NAMES = ["Ann", "bob", "Cy", "dee", "Eve", "fay"]


@st.composite
def vaults(draw: st.DrawFn) -> dict[str, object]:
    n = draw(st.integers(2, len(VAULT_NAMES)))
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j]
    return {
        "n": n,
        # None: known; else the field that makes a prospect
        "prospect": draw(st.lists(st.sampled_from([None, None, "status", "role"]), min_size=n,
                                  max_size=n)),
        "mets": draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)),
        # ((declared on the note of, naming), field): either direction, either field
        "declared": draw(st.lists(st.sampled_from([(pair, kind) for pair in pairs
                                                   for kind in ("knows", "met_via")]), max_size=8)),
        # ((in the note of, linking), where): free text or a log line, never a relationship
        "mentions": draw(st.lists(st.sampled_from([(pair, where) for pair in pairs
                                                   for where in ("body", "log")]), max_size=8)),
        "ghost": draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n)),
    }


def vault_files(spec: dict[str, object]) -> dict[str, str | bytes]:
    n = spec["n"]
    files: dict[str, str | bytes] = {}
    for i in range(n):
        fields: dict[str, object] = {}
        if spec["prospect"][i]:
            fields[spec["prospect"][i]] = "prospect"
        for kind in ("knows", "met_via"):
            named = [VAULT_NAMES[b] for (a, b), k in spec["declared"] if a == i and k == kind]
            if i in spec["ghost"] and kind == "knows":
                named.append("Ghost")
            if named:
                fields[kind] = links(*named)
        body = "".join(f"Talked about [[{VAULT_NAMES[b]}]].\n"
                       for (a, b), where in spec["mentions"] if a == i and where == "body")
        extra = [f"- 2026-10-0{k % 9 + 1} Lunch with [[{VAULT_NAMES[b]}]]"
                 for k, ((a, b), where) in enumerate(spec["mentions"]) if a == i and where == "log"]
        files[f"People/{VAULT_NAMES[i]}.md"] = person(VAULT_NAMES[i], body + log(spec["mets"][i], *extra),
                                                      **fields)
    return files


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vaults())
def test_random_vaults_match_networkx_on_declared_ties_only(tmp_path_factory, spec):
    """Random knows/met_via (on either note), mentions in free text and log lines, and a person
    without a note: every person's paths are what networkx finds on the declared ties alone."""
    root = tmp_path_factory.mktemp("vault")
    write_files(root, vault_files(spec))
    vault = load(root, TODAY)
    n = spec["n"]
    by_name = {p.name: p for p in vault.index.people}
    assert sorted(by_name) == sorted(VAULT_NAMES[:n])
    people = [by_name[VAULT_NAMES[i]] for i in range(n)]
    prospect = [p.is_prospect for p in people]
    # A declared prospect is met by a coffee in their log, or by any log line that names them.
    logged = {i for (a, b), where in spec["mentions"] if where == "log" for i in (a, b)}
    assert prospect == [bool(spec["prospect"][i]) and not spec["mets"][i] and i not in logged
                        for i in range(n)]
    declared = sorted({(min(a, b), max(a, b)) for (a, b), _ in spec["declared"]})
    known = [i for i in range(n) if not prospect[i]]
    score = [vault.insight.ties[p.path].score for p in people]
    index_of = {VAULT_NAMES[i]: i for i in range(n)}
    for target in range(n):
        got_names = vault.insight.paths(people[target])
        assert all(name in index_of for path in got_names for name in path)  # never Ghost
        got = [[index_of[name] for name in path] for path in got_names]
        check_paths(got, all_shortest(n, declared, known, target), VAULT_NAMES, score, prospect,
                    {frozenset(e) for e in declared}, target)
