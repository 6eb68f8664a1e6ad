"""The two pictures of the network: Network/Network.canvas and the Mermaid diagram on Network.md.

You are at the centre of both; around you the strongest ties and the bridges, a bounded number,
each tied to something shown; the rest are a click away. Only typed ties are labelled, cards never
overlap, Mermaid nodes open their notes in Obsidian, and the same vault gives the same bytes.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import TODAY, person, write_files

from vaultnet.insight.communities import Community
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import load
from vaultnet.render.canvas import render_canvas
from vaultnet.render.context import PagesMemo
from vaultnet.render.network_page import CORE_SIZE, CORE_TIES_EACH
from vaultnet.render.pages import render_pages
from vaultnet.render.picture import CANVAS_LIMIT, FLAT, TIES_EACH, TYPED_EXTRA, WIDE, crosses

OUT = "Network"
ME = "---\ntype: me\ntopics: [civic tech]\n---\n# Me\n"
Box = tuple[int, int, int, int]


# -- helpers ------------------------------------------------------------------------------------

def sync(run, vault: Path) -> None:
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code in (0, 1), result.output  # 1: a note with a problem, still written


def canvas(vault: Path) -> dict:
    return json.loads((vault / OUT / "Network.canvas").read_text(encoding="utf-8"))


def box(node: dict) -> Box:
    return node["x"], node["y"], node["width"], node["height"]


def people_cards(data: dict) -> dict[str, dict]:
    """The cards of people (and yours), by id: not the key's text cards."""
    return {n["id"]: n for n in data["nodes"] if n["id"] == "you" or n["id"].startswith("p")}


def distance(node: dict) -> float:
    """How far from you a card is, as the picture measures it: round an ellipse as wide as the
    cards (a card at the side is further out than one as far above)."""
    x, y, w, h = box(node)
    return (((x + w / 2) / WIDE) ** 2 + ((y + h / 2) / FLAT) ** 2) ** 0.5


def shown(text: str) -> str:
    """A Mermaid text as the diagram shows it: its `#8594;` codes as their characters."""
    return re.sub(r"#(\d+);", lambda code: chr(int(code[1])), text)


def core(vault: Path) -> tuple[list[str], str]:
    """The Mermaid diagram's lines on Network.md, and the line after it."""
    text = (vault / OUT / "Network.md").read_text(encoding="utf-8")
    start = text.index("```mermaid\n") + len("```mermaid\n")
    end = text.index("```\n", start)
    after = text[end + 4:].lstrip("\n").split("\n", 1)[0]
    return text[start:end].splitlines(), after


def mermaid_nodes(lines: list[str]) -> dict[str, str]:
    """Node id: its text as Mermaid shows it (entity codes `#35;` decoded)."""
    found = {}
    for line in lines:
        match = re.fullmatch(r'  (me|p\d+)\(?\["([^"\[\]|<>]*)"\]\)?', line)
        if match:
            found[match[1]] = re.sub(r"#(\d+);", lambda m: chr(int(m[1])), match[2])
    return found


def log(*days_ago_and_tags: tuple[int, str]) -> str:
    return "## Log\n" + "".join(f"- {(TODAY - timedelta(days=d)).isoformat()} Talked #{tag}\n"
                                for d, tag in days_ago_and_tags)


def network(size: int, seed: int = 7) -> dict[str, str | bytes]:
    """A vault of `size` people, each knowing two to four others (mostly near them by number,
    so that groups form) with a few interactions of their own, and a profile."""
    rng = random.Random(seed)
    names = [f"P{i:04d}" for i in range(size)]
    files: dict[str, str | bytes] = {"Me.md": ME}
    for i, name in enumerate(names):
        others = {names[(i + rng.choice([-3, -2, -1, 1, 2, 3, 40])) % size]
                  for _ in range(rng.randint(2, 4))} - {name}
        knows = "[" + ", ".join(f'"[[{o}]]"' for o in sorted(others)) + "]"
        talks = [(rng.randint(1, 400), rng.choice(["met", "call", "note"]))
                 for _ in range(rng.randint(0, 4))]
        files[f"People/{name}.md"] = person(name, log(*sorted(talks, reverse=True)), knows=knows,
                                            topics=f"[topic {i * 7 // size}]")
    return files


def check_readable(data: dict, lines: list[str], after: str, total: int) -> None:
    """What every picture keeps, whatever the vault's size."""
    cards = people_cards(data)
    people = [n for n in cards.values() if n["id"] != "you"]
    assert 0 < len(people) <= CANVAS_LIMIT
    tied = {e["fromNode"] for e in data["edges"]} | {e["toNode"] for e in data["edges"]}
    assert all(n["id"] in tied for n in people)  # nobody floats alone
    for a in cards.values():
        for b in cards.values():
            if a["id"] < b["id"]:
                (ax, ay, aw, ah), (bx, by, bw, bh) = box(a), box(b)
                assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay, (a, b)
    key = next(n for n in data["nodes"] if n["id"] == "key")
    hidden = total - len(people)
    assert (f"{hidden} more people" in key["text"]) if hidden else ("Everyone" in key["text"])
    nodes = mermaid_nodes(lines)
    assert 0 < len(nodes) - 1 <= CORE_SIZE
    drawn = " ".join(line for line in lines if " --- " in line or " ---|" in line)
    assert all(re.search(rf"\b{i}\b", drawn) for i in nodes if i != "me")
    shown = len(nodes) - 1
    if total > shown:  # the canvas holds more; Network.md sends you there only for those
        assert after.startswith(f"Showing {shown} of {total} people: ")
        others = "The other one is" if total - shown == 1 else f"The other {total - shown} are"
        assert (f". {others} in " in after) if not hidden else \
            (f"Network.canvas]] shows {len(people)} of them; " in after)


def lines_through_cards(data: dict) -> int:
    cards = {i: box(n) for i, n in people_cards(data).items()}
    return sum(1 for e in data["edges"] for i, c in cards.items()
               if i not in (e["fromNode"], e["toNode"])
               and crosses(cards[e["fromNode"]], cards[e["toNode"]], c))


# -- you at the centre --------------------------------------------------------------------------

TIES_VAULT = {
    "Me.md": ME,
    "People/Strong.md": person("Strong", log((2, "met"), (9, "met"), (20, "call")),
                               knows='["[[Mid]]"]'),
    "People/Mid.md": person("Mid", log((30, "call"))),
    "People/Weak.md": person("Weak", log((300, "note")), knows='["[[Strong]]"]'),
    "People/Friend of Mid.md": person("Friend of Mid", knows='["[[Mid]]"]'),
    "People/Loner.md": person("Loner"),
}


def test_you_are_at_the_centre_of_the_canvas_and_stronger_ties_are_nearer(make_vault, run):
    vault = make_vault(TIES_VAULT)
    sync(run, vault)
    data = canvas(vault)
    cards = people_cards(data)
    you = cards.pop("you")
    assert you["type"] == "file" and you["file"] == "Me.md"
    x, y, w, h = box(you)
    assert x < 0 < x + w and y < 0 < y + h  # the centre of the picture
    by_name = {Path(n["file"]).stem: n for n in cards.values()}
    assert sorted(by_name) == ["Friend of Mid", "Mid", "Strong", "Weak"]  # not Loner: no tie
    assert distance(by_name["Strong"]) < distance(by_name["Mid"]) < distance(by_name["Weak"])
    # Someone you have not met is drawn beyond everyone you have, tied in through Mid.
    assert distance(by_name["Friend of Mid"]) > distance(by_name["Weak"])
    spokes = {e["toNode"] for e in data["edges"] if e["fromNode"] == "you"}
    ids = {Path(n["file"]).stem: i for i, n in cards.items()}
    assert spokes == {ids["Strong"], ids["Mid"], ids["Weak"]}


def test_the_pictures_take_your_ties_scores_as_the_insight_worked_them_out(make_vault):
    """Both pictures are drawn from the scores the insight worked out for its warm paths (the
    same object, not worked out again), and from those a memo patches round by round after."""
    from vaultnet.render.picture import PictureMemo, Sources

    vault = load(make_vault(TIES_VAULT), TODAY)
    insight = vault.insight
    memo = PictureMemo()
    sources = Sources.of(vault.graph, insight, memo)
    assert sources.scores is insight.warm.scores
    assert sources.scores == {"person:" + path: tie.score for path, tie in insight.ties.items()
                              if tie.score > 0} != {}
    again = Sources.of(vault.graph, insight, memo)  # (the same ties: patched, none changed)
    assert again.scores == sources.scores and memo._scores.changed == set()


def test_the_pictures_count_each_persons_ties_as_the_graph_has_them(make_vault):
    """The pictures rank people by how many people each is tied to, counted from the insight's
    ties between people: for every person, as many as the graph has, in a first build and after
    a watch round that ties two people (the graph changed in place), and the pictures are a
    fresh build's."""
    from vaultnet.render.picture import Sources

    vault = make_vault(network(60))
    store = NoteStore()

    def counted() -> tuple[dict[str, int], dict[str, int], dict[str, str]]:
        loaded = load(vault, TODAY, store)
        graph = loaded.graph
        everyone = [n for n in graph if n.startswith("person:")]
        found = Sources.of(graph, loaded.insight).tied_counts
        pages = render_pages(loaded.index, graph, loaded.agenda, loaded.insight, loaded.settings,
                             store.pages_memo)
        return ({n: found.get(n, 0) for n in everyone},
                {n: sum(o.startswith("person:") for o in graph[n]) for n in everyone}, pages)

    before, truth, _ = counted()
    assert before == truth and len(set(before.values())) > 2
    graph = load(vault, TODAY, store).graph
    note = vault / "People/P0005.md"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "## Log\n", "## Log\n- 2026-11-20 Lunch with [[P0031]] #met\n"), encoding="utf-8")
    counts, truth, pages = counted()
    assert load(vault, TODAY, store).graph is graph  # (its ties changed in place)
    assert counts == truth
    for node in ("person:People/P0005.md", "person:People/P0031.md"):
        assert counts[node] == before[node] + 1
    fresh = load(vault, TODAY)
    assert pages == render_pages(fresh.index, fresh.graph, fresh.agenda, fresh.insight,
                                 fresh.settings, PagesMemo())


def test_you_are_at_the_centre_of_the_diagram(make_vault, run):
    vault = make_vault(TIES_VAULT)
    sync(run, vault)
    lines, _ = core(vault)
    nodes = mermaid_nodes(lines)
    assert nodes["me"] == "Me"
    ids = {name: i for i, name in nodes.items()}
    # Lines are written left to right: some people before `me`, the others after it.
    left = {line.split()[0] for line in lines if line.endswith(" --- me")}
    right = {line.split()[-1] for line in lines if line.startswith("  me --- ")}
    assert left and right
    assert left | right == {ids["Strong"], ids["Mid"], ids["Weak"]}
    # Friend of Mid, whom you have not met, sits one column further out than Mid.
    mid, friend = ids["Mid"], ids["Friend of Mid"]
    assert (f"  {mid} --- {friend}" if mid in right else f"  {friend} --- {mid}") in lines


def test_someone_tied_in_through_one_person_sits_beyond_them_not_across_from_them(make_vault,
                                                                                  run):
    # A, met once, knows B, whom you have never met: B's place was across the picture from A,
    # and their line ran through your card.
    vault = make_vault({"Me.md": ME, "People/A.md": person("A", log((5, "met")), knows='["[[B]]"]'),
                        "People/B.md": person("B")})
    sync(run, vault)
    data = canvas(vault)
    assert lines_through_cards(data) == 0
    cards = {Path(n["file"]).stem: n for n in people_cards(data).values()}
    assert distance(cards["A"]) < distance(cards["B"])
    (ax, ay, _, _), (bx, by, _, _) = box(cards["A"]), box(cards["B"])
    assert abs(ax - bx) + abs(ay - by) < distance(cards["A"])  # nearer A than A is to you


def test_two_people_tied_to_you_and_to_each_other_sit_side_by_side(make_vault, run):
    # Two places round you are across from each other: the line between them ran through you.
    vault = make_vault({"Me.md": ME, "People/A.md": person("A", log((5, "met")), knows='["[[B]]"]'),
                        "People/B.md": person("B", log((9, "met")))})
    sync(run, vault)
    data = canvas(vault)
    assert len(data["edges"]) == 3
    assert lines_through_cards(data) == 0


def test_without_a_profile_you_are_still_there(make_vault, run):
    files = dict(TIES_VAULT)
    del files["Me.md"]
    vault = make_vault(files)
    sync(run, vault)
    you = people_cards(canvas(vault))["you"]
    assert (you["type"], you["text"]) == ("text", "**You**")
    lines, _ = core(vault)
    assert '  me(["You"])' in lines
    assert not any(line.startswith("  class ") and "me," in line for line in lines)  # no note


def test_the_pictures_say_who_they_show_when_nobody_is_a_strong_tie(make_vault, run):
    # 20 people met once, long ago: tied to you, none strongly (Strongest ties says "None yet").
    files: dict[str, str | bytes] = {"Me.md": ME}
    for i in range(20):
        files[f"People/P{i:02d}.md"] = person(f"P{i:02d}", log((200 + i, "met")),
                                              knows=f'["[[P{(i + 1) % 20:02d}]]"]')
    vault = make_vault(files)
    sync(run, vault)
    assert "## Strongest ties\n\nNone yet" in (vault / OUT / "Network.md").read_text("utf-8")
    _, after = core(vault)
    assert after.startswith(f"Showing {CORE_SIZE} of 20 people: the people closest "
                            "to you")
    key = next(n for n in canvas(vault)["nodes"] if n["id"] == "key")
    assert "strongest" not in (after + key["text"])
    assert "the people closest to you" in key["text"]


def test_nobody_tied_to_you_is_said_and_you_are_not_drawn_alone(make_vault, run):
    # The reviewer's vault: A knows B, C links your profile; nobody has a logged interaction.
    vault = make_vault({"Me.md": "---\ntype: me\n---\n",
                        "People/A.md": person("A", knows='["[[B]]"]'), "People/B.md": person("B"),
                        "People/C.md": person("C", knows='["[[Me]]"]')})
    sync(run, vault)
    lines, _ = core(vault)
    assert "me" not in mermaid_nodes(lines) and not any("me" in line.split() for line in lines)
    page = (vault / OUT / "Network.md").read_text(encoding="utf-8")
    # C, tied to nobody, is on neither picture: not "the other one is in Network.canvas".
    assert ("Showing 2 of 3 people: the best-connected people. "
            "[[Network/Network.canvas|Network.canvas]] shows the same 2; ") in page
    assert "Nobody is tied to you now" in page
    data = canvas(vault)
    assert "you" not in people_cards(data)
    key = next(n for n in data["nodes"] if n["id"] == "key")
    assert "Nobody is tied to you now" in key["text"] and "strongest" not in key["text"]


def test_contacts_long_ago_are_not_called_none(make_vault, run):
    """Contacts logged years ago leave no tie to you; the page does not tell you to log what is
    logged."""
    log = "## Log\n- 2023-09-12 Coffee #met\n- 2023-10-02 Call #call\n"
    vault = make_vault({"Me.md": "---\ntype: me\n---\n", "People/A.md": person("A", log),
                        "People/B.md": person("B", log, knows='["[[A]]"]')})
    sync(run, vault)
    page = (vault / OUT / "Network.md").read_text(encoding="utf-8")
    assert "Nobody is tied to you now" in page and "fades by half every 90 days" in page
    assert "yet" not in page.split("## Core network")[1].split("##")[0]


# -- readable at any size -----------------------------------------------------------------------

@pytest.mark.parametrize("size", [20, 400])
def test_pictures_stay_readable(make_vault, run, size):
    vault = make_vault(network(size))
    sync(run, vault)
    data = canvas(vault)
    lines, after = core(vault)
    check_readable(data, lines, after, size)
    assert lines_through_cards(data) <= len(data["edges"]) // 10


def test_a_team_who_all_name_each_other_colleagues_is_not_a_hairball(make_vault, run):
    # 60 people, each with everyone else under `colleagues:` (a typed tie, labelled): every
    # one of the 780 ties between those shown was drawn, most of them through cards.
    names = [f"C{i:02d}" for i in range(60)]
    files: dict[str, str | bytes] = {"Me.md": ME}
    for i, name in enumerate(names):
        team = "[" + ", ".join(f'"[[{o}]]"' for o in names if o != name) + "]"
        files[f"People/{name}.md"] = person(name, log((i + 1, "met")), colleagues=team)
    vault = make_vault(files)
    sync(run, vault)
    data = canvas(vault)
    lines, after = core(vault)
    check_readable(data, lines, after, 60)
    shown = len(people_cards(data)) - 1
    assert len(data["edges"]) <= shown * (1 + TIES_EACH + TYPED_EXTRA)  # a spoke and a few each
    assert lines_through_cards(data) <= len(data["edges"]) // 10
    assert any(e.get("label") == "colleagues" for e in data["edges"])  # still drawn, and said
    drawn = [line for line in lines if " --- " in line or " ---|" in line]
    assert len(drawn) <= CORE_SIZE * (1 + CORE_TIES_EACH + TYPED_EXTRA)


def test_the_strongest_ties_and_the_bridges_are_shown(make_vault, run):
    # Two groups of six, each a ring, joined only through Bridge, whom you have never met; you
    # have met A0 and B0 lately and the others long ago.
    files: dict[str, str | bytes] = {"Me.md": ME}
    for group in "AB":
        for i in range(6):
            days = 3 if i == 0 else 350
            files[f"People/{group}{i}.md"] = person(f"{group}{i}", log((days, "met")),
                                                    knows=f'["[[{group}{(i + 1) % 6}]]"]')
    files["People/Bridge.md"] = person("Bridge", knows='["[[A3]]", "[[B3]]"]')
    vault = make_vault(files)
    sync(run, vault)
    nodes = mermaid_nodes(core(vault)[0])
    assert {"A0", "B0", "Bridge"} <= set(nodes.values())
    stems = {Path(n["file"]).stem for n in canvas(vault)["nodes"] if n["type"] == "file"}
    assert {"A0", "B0", "Bridge"} <= stems


# -- labels -------------------------------------------------------------------------------------

def test_only_typed_ties_are_labelled(make_vault, run):
    vault = make_vault({
        "Me.md": ME,
        "People/Ann.md": person("Ann", log((3, "met")), spouse='"[[Ben]]"', knows='["[[Cat]]"]'),
        "People/Ben.md": person("Ben", log((5, "call")), knows='["[[Ann]]"]'),
        "People/Cat.md": person("Cat", log((8, "met")), met_via='"[[Ben]]"'),
    })
    sync(run, vault)
    data = canvas(vault)
    stems = {n["id"]: Path(n["file"]).stem for n in data["nodes"] if n["type"] == "file"}
    labels = {frozenset((stems[e["fromNode"]], stems[e["toNode"]])): e.get("label")
              for e in data["edges"]}
    assert labels == {
        frozenset(("Me", "Ann")): None, frozenset(("Me", "Ben")): None,
        frozenset(("Me", "Cat")): None, frozenset(("Ann", "Ben")): "spouse",
        frozenset(("Ann", "Cat")): None, frozenset(("Ben", "Cat")): "met via"}
    lines, _ = core(vault)
    labelled = sorted(shown(line.split("|")[1]).strip('"→← ') for line in lines if "|" in line)
    assert labelled == ["met via", "spouse"]  # (each one way: see the test below)



@pytest.mark.parametrize("left", [False, True])
def test_a_one_way_tie_says_which_way_it_reads(make_vault, run, tmp_path, left):
    # `Aisha.md` says `met_via: [[Chloe]]`: "Aisha met via Chloe". Drawn Chloe ---|met via| Aisha
    # (the diagram writes each line from left to right), it read the other way round; nor did the
    # canvas say. Both notes naming the tie (a spouse each) is no way round.
    names = ("Aisha", "Chloe") if left else ("Zed", "Ann")  # (either side of you, by name)
    met, via = names
    vault = make_vault({
        "Me.md": ME,
        f"People/{met}.md": person(met, log((3, "met")), met_via=f'"[[{via}]]"'),
        f"People/{via}.md": person(via, log((5, "call")), spouse='"[[Bo]]"'),
        "People/Bo.md": person("Bo", log((8, "met")), spouse=f'"[[{via}]]"'),
    })
    sync(run, vault)
    lines, _ = core(vault)
    ids = {re.match(r'  (p\d+)\["([^"]+)"', line)[1]: re.match(r'  (p\d+)\["([^"]+)"', line)[2]
           for line in lines if re.match(r'  p\d+\["', line)}
    drawn = {}
    for line in lines:
        if found := re.fullmatch(r'  (p\d+) ---\|"([^"]+)"\| (p\d+)', line):
            drawn[ids[found[1]], ids[found[3]]] = shown(found[2])
    pair = next(pair for pair in drawn if set(pair) == {met, via})
    assert drawn[pair] == ("met via →" if pair[0] == met else "← met via")  # Aisha → Chloe
    assert drawn[next(pair for pair in drawn if set(pair) == {via, "Bo"})] == "spouse"
    data = canvas(vault)
    stems = {n["id"]: Path(n["file"]).stem for n in data["nodes"] if n["type"] == "file"}
    edges = {(stems[e["fromNode"]], stems[e["toNode"]]): e for e in data["edges"]
             if e.get("label")}
    assert edges[met, via]["label"] == "met via" and edges[met, via]["toEnd"] == "arrow"
    assert next(e["toEnd"] for pair, e in edges.items() if set(pair) == {via, "Bo"}) == "none"
    exported = tmp_path / "exported.canvas"
    run("export", "--format", "canvas", "-o", exported, "--vault", vault, "--today", TODAY)
    assert json.loads(exported.read_text(encoding="utf-8"))["edges"] == data["edges"]


def test_which_note_declares_a_tie_is_known_without_merging_every_relation(make_vault):
    # (The pictures ask it of each typed tie they draw: merging the relations of 10,000 dense
    # people takes 12 ms or more, which a sync after a log line never needs.)
    vault = make_vault({
        "Me.md": ME,
        "People/Ann.md": person("Ann", log((3, "met")), spouse='"[[Ben]]"', knows='["[[Cat]]"]'),
        "People/Ben.md": person("Ben", log((5, "call")), knows='["[[Ann]]"]'),
        "People/Cat.md": person("Cat", log((8, "met")), met_via='"[[Ben]]"', manager='"[[Dee]]"'),
        "People/Dee.md": person("Dee", log((9, "call"))),
    })
    relations = load(vault, TODAY).index.merged
    asked = [("spouse", "People/Ann.md", "People/Ben.md"), ("spouse", "People/Ben.md",
             "People/Ann.md"), ("met_via", "People/Cat.md", "People/Ben.md"),
             ("met_via", "People/Ben.md", "People/Cat.md"), ("manager", "People/Cat.md",
             "People/Dee.md"), ("knows", "People/Dee.md", "People/Cat.md"),
             ("spouse", "People/Zed.md", "People/Ann.md")]
    unmerged = [relations.declares(relation) for relation in asked]
    assert relations._parts is not None  # (nothing merged for them)
    merged = set(relations.get())
    assert unmerged == [relation in merged for relation in asked] == [
        True, False, True, False, True, False, False]
    assert [relations.declares(relation) for relation in asked] == unmerged

# -- Mermaid nodes are links --------------------------------------------------------------------

HOSTILE = ['Dr "Q" Quinn', "Ann [the] Best", "Pipe|Person", "Hash#Tag", "Caret^Block", "<b>Bold",
           "李小龙", "Zoë Ångström", "end", "graph LR"]
UNLINKED = {"Ann [the] Best", "Pipe|Person", "Hash#Tag", "Caret^Block"}  # Obsidian reads as more


def test_diagram_nodes_are_links_named_as_their_notes_whatever_the_name(make_vault, run):
    files: dict[str, str | bytes] = {"Me.md": ME}
    for i, name in enumerate(HOSTILE):
        files[f"People/{name}.md"] = person(name, log((i + 1, "met")))
    vault = make_vault(files)
    sync(run, vault)
    lines, _ = core(vault)
    assert lines[0] == "graph LR"
    nodes = mermaid_nodes(lines)
    assert sorted(nodes.values()) == sorted([*HOSTILE, "Me"])
    # A click opens the note a node's text names: `Hash#Tag` would open a heading of `Hash`.
    linked = [i for i, name in nodes.items() if name not in UNLINKED]
    assert lines[-1] == f"  class {','.join(linked)} internal-link;"
    # Every line is one of: a node, a line between two nodes, the class; nothing broke out.
    for line in lines[1:-1]:
        assert re.fullmatch(r'  (me|p\d+)\(?\["[^"\[\]|<>]*"\]\)?|  \w+ ---(\|"[^"|]*"\|)? \w+',
                            line), line


def test_diagram_nodes_show_no_invisible_characters_and_link_only_their_own_note(make_vault, run):
    # A right-to-left override in a file's name would show "Eve" as "evE"; left out, the text
    # is no longer the note's name, so it opens nothing rather than a note that does not exist.
    vault = make_vault({"Me.md": ME, "People/Ann.md": person("Ann", log((1, "met"))),
                        "People/Eve\u202eevE.md": person("", log((2, "met")))})
    sync(run, vault)
    lines, _ = core(vault)
    nodes = mermaid_nodes(lines)
    assert sorted(nodes.values()) == ["Ann", "EveevE", "Me"]
    assert not any("#8238;" in line or "\u202e" in line for line in lines)
    ids = {name: i for i, name in nodes.items()}
    assert lines[-1] == f"  class me,{ids['Ann']} internal-link;"


# -- the same bytes -----------------------------------------------------------------------------

@pytest.mark.slow  # new processes, one per hash seed
def test_pictures_are_the_same_whatever_the_order_of_the_files_and_the_hash_seed(tmp_path):
    files = network(150, seed=3)
    results = set()
    for seed, order in (("0", sorted(files)), ("4242", sorted(files, reverse=True))):
        vault = tmp_path / f"vault{seed}"
        vault.mkdir()
        write_files(vault, {path: files[path] for path in order})
        done = subprocess.run(
            [sys.executable, "-m", "vaultnet", "sync", "--vault", str(vault), "--today", str(TODAY)],
            capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode in (0, 1), done.stderr
        results.add(((vault / OUT / "Network.canvas").read_bytes(), tuple(core(vault)[0])))
    assert len(results) == 1


def test_the_pictures_follow_your_ties_while_the_graph_stays_the_same(make_vault):
    # Watch mode keeps the graph while only interactions change; the pictures must not.
    vault = make_vault(TIES_VAULT)
    store, memo = NoteStore(), PagesMemo()

    def pictures() -> tuple[object, str, str]:
        v = load(vault, TODAY, store)
        pages = render_pages(v.index, v.graph, v.agenda, v.insight, v.settings, memo)
        return v.graph, pages[f"{OUT}/Network.canvas"], pages[f"{OUT}/Network.md"]

    graph, canvas_before, page_before = pictures()
    (vault / "People/Weak.md").write_text(
        person("Weak", log((300, "note"), (1, "met"), (2, "met"), (3, "met"), (4, "call")),
               knows='["[[Strong]]"]'), encoding="utf-8")
    graph_after, canvas_after, page_after = pictures()
    assert graph_after is graph
    assert canvas_after != canvas_before
    assert page_after.split("```mermaid")[1] != page_before.split("```mermaid")[1]


def test_canvas_ids_are_unique_even_when_two_groups_share_a_name(make_vault):
    # Communities arrive named apart (tests/test_communities.py); the canvas holds to JSON
    # Canvas's unique ids on its own all the same.
    vault = make_vault({f"People/{n}.md": person(n, log((3, "met")), knows=f'["[[{o}]]"]')
                        for n, o in (("A", "B"), ("B", "A"), ("C", "D"), ("D", "C"))})
    graph = load(vault, TODAY).graph
    same = tuple(Community("AI", (f"person:People/{a}.md", f"person:People/{b}.md"))
                 for a, b in ("AB", "CD"))
    data = json.loads(render_canvas(graph, same))
    keys = [n for n in data["nodes"] if n["id"].startswith("k") and n["id"] != "key"]
    assert [n["text"] for n in keys] == ["AI (2 people)", "AI (2 people)"]
    ids = [item["id"] for item in data["nodes"] + data["edges"]]
    assert len(ids) == len(set(ids))
