"""What Network.md and Network.canvas say about what they show: each page sends you to the other
only for people it holds, every colour of the canvas is named, the fading ties and the bridges
are described by the rules that list them, and names from notes stay text on the canvas as they
do on Network.md."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import TODAY, person
from markdown_it import MarkdownIt

from vaultnet.pipeline.sync import load
from vaultnet.render.context import PagesMemo
from vaultnet.render.pages import render_pages

OUT = "Network"
CANVAS_LINK = "[[Network/Network.canvas|Network.canvas]]"


# -- helpers ------------------------------------------------------------------------------------

def synced(make_vault, run, files: dict[str, str | bytes]) -> Path:
    vault = make_vault(files)
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return vault


def network_page(vault: Path) -> str:
    return (vault / OUT / "Network.md").read_text(encoding="utf-8")


def key_cards(vault: Path) -> list[dict]:
    """The canvas's text cards left of the picture: the key, then one per colour."""
    data = json.loads((vault / OUT / "Network.canvas").read_text(encoding="utf-8"))
    return [n for n in data["nodes"] if n["type"] == "text" and n["id"] != "you"]


def section(text: str, heading: str) -> list[str]:
    """The non-blank lines under `heading` up to the next heading."""
    lines = text.splitlines()
    found = []
    for line in lines[lines.index(heading) + 1:]:
        if line.startswith("#"):
            break
        found += [line] if line else []
    return found


def log(*days_ago_and_tags: tuple[int, str]) -> str:
    return "## Log\n" + "".join(f"- {(TODAY - timedelta(days=d)).isoformat()} Talked #{tag}\n"
                                for d, tag in sorted(days_ago_and_tags, reverse=True))


def chain(size: int) -> dict[str, str | bytes]:
    """P000 knows P001, who knows P002, …: nobody tied to you, everyone tied to the next."""
    return {f"People/P{i:03d}.md": person(f"P{i:03d}", knows=f'["[[P{i + 1:03d}]]"]'
                                          if i < size - 1 else "[]") for i in range(size)}


def pairs(count: int, body: str = "", topic: str = "t{}") -> dict[str, str | bytes]:
    """`count` groups of two who know each other, each with its own topic."""
    files: dict[str, str | bytes] = {}
    for k in range(count):
        for me, other in (("a", "b"), ("b", "a")):
            files[f"People/G{k}{me}.md"] = person(f"G{k}{me}", body, topics=f"[{topic.format(k)}]",
                                                  knows=f'["[[G{k}{other}]]"]')
    return files


# -- Network.md counts what the canvas holds ----------------------------------------------------

@pytest.mark.parametrize("size, loners, said, key", [
    # 200 people in a row: the canvas holds 40 of them, not "the other 184".
    (200, 0, f"{CANVAS_LINK} shows 40 of them", "40 of 200 people shown"),
    # 30 in a row and 20 tied to nobody: the canvas holds the 30, not 40.
    (30, 20, f"{CANVAS_LINK} shows 30 of them", "30 of 50 people shown"),
    # 10 in a row and 20 tied to nobody: both pictures hold the 10.
    (10, 20, f"{CANVAS_LINK} shows the same 10", "10 of 30 people shown"),
    # Everyone fits on the canvas: it holds the rest.
    (30, 0, f"The other 14 are in {CANVAS_LINK}", "Everyone is in"),
])
def test_network_md_sends_you_to_the_canvas_only_for_the_people_it_holds(make_vault, run, size,
                                                                        loners, said, key):
    files = chain(size)
    files.update({f"People/Loner{i:02d}.md": person(f"Loner{i:02d}") for i in range(loners)})
    vault = synced(make_vault, run, files)
    line = next(line for line in network_page(vault).splitlines() if line.startswith("Showing"))
    assert line.startswith(f"Showing {min(size, 16)} of {size + loners} people: the "
                           "best-connected people")
    assert line.endswith(f". {said}; everyone is under People by role below.")
    assert key in key_cards(vault)[0]["text"]


def test_the_canvas_is_drawn_once_though_network_md_counts_it(make_vault):
    # Asked for by Network.md, then by the canvas: drawn again, a watch round would place it again.
    v = load(make_vault(chain(60)), TODAY)
    memo = PagesMemo()
    render_pages(v.index, v.graph, v.agenda, v.insight, v.settings, memo)
    assert memo.pictures.drawings == 2  # the diagram and the canvas


# -- every colour of the canvas is named --------------------------------------------------------

@pytest.mark.parametrize("groups, solo, grey", [
    (8, True, "Grey: smaller groups (see Communities) or no group"),
    (8, False, "Grey: smaller groups (see Communities)"),
    (2, True, "Grey: no group"),
    (2, False, None),  # every card coloured: no grey to explain
])
def test_the_canvas_key_says_what_grey_means_when_a_card_is_grey(make_vault, run, groups, solo,
                                                               grey):
    # Everyone tied to you (met last week); only the six largest groups have a colour, and Solo
    # is tied to nobody but you: in no group.
    files = pairs(groups, log((7, "met")))
    if solo:
        files["People/Solo.md"] = person("Solo", log((7, "met")))
    vault = synced(make_vault, run, files)
    cards = key_cards(vault)[1:]
    assert len([c for c in cards if "color" in c]) == min(groups, 6)
    if grey is None:
        assert all("color" in c for c in cards)
    else:
        assert (cards[-1]["text"], "color" in cards[-1]) == (grey, False)


# -- the canvas escapes names from notes as Network.md does -------------------------------------

def test_canvas_key_shows_a_groups_name_as_text_as_network_md_does(make_vault, run):
    # A topic that Obsidian would render as an image, a link and italics, and a table's pipe.
    vault = synced(make_vault, run, pairs(1, log((7, "met")),
                                          topic="'<img src=x> [[Evil]] *em* | pipe'"))
    entry = section(network_page(vault), "### Communities")[1]
    shown = entry.removeprefix("- ").partition(" (2): ")[0]
    assert shown == r"\<img src=x\> \[\[Evil\]\] \*em\* \| pipe"
    assert key_cards(vault)[1]["text"] == f"{shown} (2 people)"


# -- Fading ties --------------------------------------------------------------------------------

FADING_INTRO = ("Ties with the weight of a coffee and a call or more (a meeting counts 3, a "
                "call 2, an outreach alone 0.5, anything else 1, however long ago) that have had "
                "no contact for 60 days or more, but fewer than 180 (those are under Gone quiet), "
                "the weightiest first; beside the weight, the tie's score, which fades with time.")


def test_fading_ties_say_their_threshold_and_order(make_vault, run):
    # Ann: a coffee and a call (lifetime weight 5), enough. Bob: three coffees (9), listed first
    # though after Ann by name. Cid: two calls (4), not enough. Dee: a coffee and two outreach
    # lines (4, as the intro says: an outreach alone counts 0.5), not enough.
    vault = synced(make_vault, run, {
        "People/Ann.md": person("Ann", log((100, "met"), (90, "call"))),
        "People/Bob.md": person("Bob", log((200, "met"), (150, "met"), (100, "met"))),
        "People/Cid.md": person("Cid", log((100, "call"), (90, "call"))),
        "People/Dee.md": person("Dee", log((120, "outreach"), (110, "outreach"), (100, "met"))),
    })
    lines = section(network_page(vault), "## Fading ties")
    assert lines[0] == FADING_INTRO
    assert [line.partition(" — ")[0] for line in lines[1:]] == [
        "- [[People/Bob|Bob]]", "- [[People/Ann|Ann]]"]
    # Each with the weight it is sorted by, beside its score (which fades with time).
    assert [line.partition(" — ")[2].partition(": ")[0] for line in lines[1:]] == [
        "weight 9, tie 52", "weight 5, tie 45"]



def test_fading_ties_say_none_can_fade_when_the_quiet_days_come_first(make_vault, run):
    # (A review's: with `quiet_days = 30` the page said "60 days or more, but fewer than 30".)
    vault = synced(make_vault, run, {".vaultnet.toml": "quiet_days = 30\n",
                                     "People/Ann.md": person("Ann", log((100, "met"), (90, "call")))})
    lines = section(network_page(vault), "## Fading ties")
    assert lines[0] == FADING_INTRO.replace(
        ", but fewer than 180 (those are under Gone quiet)",
        " (none while `quiet_days` is 30: Gone quiet lists them)")
    assert "- [[People/Ann|Ann]]" in section(network_page(vault), "## Gone quiet (30+ days)")[0]

@pytest.mark.parametrize("files, said", [
    # Nothing strong, ever: "your strong ties are in touch" would say there are some.
    ({"People/Solo.md": person("Solo")}, "Nobody: no tie of that weight is fading."),
    ({"People/Alice.md": person("Alice", log((5, "met")))},  # tie 51: strong, and in touch
     "None: your strong ties are in touch."),
])
def test_no_fading_tie_is_said_truly(make_vault, run, files, said):
    assert section(network_page(synced(make_vault, run, files)), "## Fading ties") == [
        FADING_INTRO, said]


# -- Bridges ------------------------------------------------------------------------------------

@pytest.mark.parametrize("groups, said", [
    (2, "the t1 group and the t2 group"),
    (3, "the t1 group, the t2 group and the t3 group"),
    (4, "the t1 group, the t2 group, the t3 group and 1 more group"),
    (6, "the t1 group, the t2 group, the t3 group and 3 more groups"),
])
def test_a_bridge_names_the_groups_it_ties_as_groups_three_at_most(make_vault, run, groups, said):
    # Triangles of people on topics t1, t2, …; Hub knows one person of each.
    files: dict[str, str | bytes] = {"People/Hub.md": person("Hub", knows="[" + ", ".join(
        f'"[[T{k}a]]"' for k in range(1, groups + 1)) + "]")}
    for k in range(1, groups + 1):
        for me, other in (("a", "b"), ("b", "c"), ("c", "a")):
            files[f"People/T{k}{me}.md"] = person(f"T{k}{me}", topics=f"[t{k}]",
                                                  knows=f'["[[T{k}{other}]]"]')
    vault = synced(make_vault, run, files)
    assert f"- [[People/Hub|Hub]] ties together {said}" in section(network_page(vault),
                                                                   "### Bridges")


def test_a_group_without_a_topic_is_the_group_around_someone(make_vault, run):
    """A community no topic is common to is named by a member (`around Ann`): "the group around
    Ann", not "the around Ann group"."""
    files: dict[str, str | bytes] = {"People/Hub.md": person("Hub", knows='["[[A1]]", "[[C1]]"]')}
    for group in ("A", "C"):
        for me, other in (("1", "2"), ("2", "3"), ("3", "1")):
            files[f"People/{group}{me}.md"] = person(f"{group}{me}", knows=f'["[[{group}{other}]]"]')
    lines = section(network_page(synced(make_vault, run, files)), "### Bridges")
    bridges = [line for line in lines if " ties together " in line]
    assert bridges == [  # (each one's own group first: C1's is the group around C1)
        "- [[People/Hub|Hub]] ties together the group around A1 and the group around C1",
        "- [[People/C1|C1]] ties together the group around C1 and the group around A1"]


# -- the counts at the top of Network.md ------------------------------------------------------------

def test_the_count_of_people_says_whom_you_know_as_product_md_defines_it(make_vault, run):
    """A known person is not a prospect, not dormant and not outreach-only (PRODUCT.md): each of
    the five is counted once, and a kind nobody is of is not named."""
    vault = synced(make_vault, run, {
        "People/Me.md": "---\ntype: me\n---\n",
        "People/Ann.md": person("Ann", log((30, "met"))),
        "People/Ben.md": person("Ben", log((10, "outreach"))),
        "People/Cy.md": person("Cy", log((200, "call")), status="dormant"),
        "People/Di.md": person("Di", status="prospect"),
        "People/Ed.md": person("Ed", role="prospect", status="dormant"),  # (a prospect, once)
        "People/Flo.md": person("Flo"),  # (no interaction yet: known, as a note you keep)
    })
    assert counts(vault).startswith(
        "6 people (2 known, 2 prospects, 1 dormant, 1 only written to), ")
    (vault / "People/Ben.md").write_text(person("Ben", log((10, "outreach"), (5, "reply"))),
                                         encoding="utf-8")
    (vault / "People/Cy.md").unlink()
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    assert counts(vault).startswith("5 people (3 known, 2 prospects), ")


def counts(vault: Path) -> str:
    """The line under Network.md's title."""
    lines = network_page(vault).splitlines()
    return lines[lines.index("# Network") + 2]


def test_gone_quiet_lists_people_you_know_alone(make_vault, run):
    """Gone quiet is the known people silent for the quiet days or more: not the dormant (let
    rest on purpose) nor those only ever written to (never heard from), however long ago."""
    vault = synced(make_vault, run, {
        "People/Ann.md": person("Ann", log((200, "met"))),
        "People/Ben.md": person("Ben", log((300, "outreach"))),
        "People/Cy.md": person("Cy", log((250, "call")), status="dormant"),
        "People/Di.md": person("Di", log((400, "outreach"), (390, "reply"))),
    })
    assert section(network_page(vault), "## Gone quiet (180+ days)") == [
        f"- [[People/Di|Di]] — last contact {(TODAY - timedelta(days=390)).isoformat()} "
        "(390 days ago)",
        f"- [[People/Ann|Ann]] — last contact {(TODAY - timedelta(days=200)).isoformat()} "
        "(200 days ago)"]


# -- Notes with problems ------------------------------------------------------------------------

def code_spans(line: str) -> tuple[list[str], list[str]]:
    """The code spans of a line of Markdown as CommonMark pairs its backticks (markdown-it), and
    what else in it would be live: HTML, a link, an image."""
    tokens = MarkdownIt("commonmark").parseInline(line)[0].children or []
    return ([t.content for t in tokens if t.type == "code_inline"],
            [t.type for t in tokens if t.type in ("html_inline", "link_open", "image")])


def outside_spans(line: str) -> str:
    """A line of Markdown without its code spans, as CommonMark pairs their backticks: a run of
    them opens a span closed by the next run of as many (a backslash escapes one outside)."""
    out, at = [], 0
    while at < len(line):
        if line[at] == "\\":
            out.append(line[at:at + 2])
            at += 2
            continue
        run = re.match(r"`+", line[at:])
        if run is None:
            out.append(line[at])
            at += 1
            continue
        fence = run[0]
        closing = re.compile(rf"(?<!`){fence}(?!`)").search(line, at + len(fence))
        if closing is None:
            out.append(fence)
            at += len(fence)
        else:
            at = closing.end()
    return "".join(out)


def test_a_problems_own_code_is_shown_as_code_and_the_notes_text_in_it_as_written(make_vault, run):
    # (Every backtick of vaultnet's own words was escaped: Network.md showed "\`topics: [open
    # data\`" with its backticks, where `vaultnet check` two lines below showed as code.)
    vault = synced(make_vault, run, {
        "People/Ann.md": "---\ntype: person\ntopics: [open data, climate\n---\n",
        "People/Bo.md": "---\ntype: person\nbirthday: 1990-02-30\n---\n",
        "People/Cy.md": "---\ntype: person\nrole: [[[Peer]] <b>x</b> %% `tick`\n---\n",
        # (A review's: a backslash before a backtick of the note's, between two spans; and a
        # link and an image between them.)
        "People/Di.md": '---\ntype: person\ntitle: "a` b\\` `[[Evil]] %% <!-- x\n---\n',
        "People/Ed.md": '---\ntype: person\ntitle: "a` [click](https://e.example) ![i](p.png) `x\n'
                        '---\n'})
    shown = network_page(vault).split("## Notes with problems\n\n", 1)[1].split("\n\n", 1)[0]
    lines = {line.split("|", 1)[0].removeprefix("- [[People/"): line for line in shown.splitlines()}
    assert code_spans(lines["Ann"]) == (["topics: [open data, climate"], [])
    assert code_spans(lines["Bo"])[0][0] == "birthday"
    # The note's own text in a code span is shown as written (a code span renders no link, tag,
    # comment or HTML), fenced with more backticks when it holds one; nothing outside the spans
    # can become a link, a comment or HTML.
    assert code_spans(lines["Cy"]) == (["role: [[[Peer]] <b>x</b> %% `tick`"], [])
    # (Di's text holds a backtick a span may end at: parted otherwise, but safe.)
    assert code_spans(lines["Di"])[1] == [] and "[[Evil]] %% <!-- x" in code_spans(lines["Di"])[0]
    assert code_spans(lines["Ed"])[1] == []
    for line in lines.values():
        outside = outside_spans(line.split(": ", 1)[1])
        assert not re.search(r"(?<!\\)\[\[|(?<!\\)%%|(?<!\\)<", outside), line


def test_a_line_shown_as_written_keeps_its_own_escapes(make_vault, run):
    # (A review's: every backslash of a task's text was doubled, so that `\\*draft\\*` showed a
    # backslash and made *draft* emphasis on Follow-ups.md, where the note shows `*draft*`.)
    task = "Send the \\*draft\\* of my\\_thesis, 5\\$ \\| 6"
    vault = synced(make_vault, run, {"People/Ann.md": person(
        "Ann", f"## Log\n- 2026-11-01 Coffee #met\n- [ ] {task} 📅 2026-11-20\n")})
    page = (vault / OUT / "Follow-ups.md").read_text(encoding="utf-8")
    assert task in page
    render = MarkdownIt("commonmark").renderInline
    assert "<em>" not in render(page) and render(task) in render(page)
