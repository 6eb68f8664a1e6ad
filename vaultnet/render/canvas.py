"""The network as a JSON Canvas 1.0 file (https://jsoncanvas.org), the format Obsidian's Canvas reads.

You at the centre (your profile note, or a card saying "You"; no card when nobody is tied to you, as
a card without a line would say nothing), the people of the picture around you
(see `picture`): nearer the stronger your tie, each near the people they are tied to, coloured by
community. A line from you to everyone you are tied to; the ties between people shown, labelled
only when the notes give them a type (`spouse`, `met via`). A key card to the left says how many
people are not shown and where they all are, then what each colour means (names from notes
escaped, as on Network.md). Ids derive from note paths and coordinates are integers from the
graph alone, so the file changes only when the picture does.
"""

from __future__ import annotations

import hashlib
import json

from vaultnet.base.model import Note
from vaultnet.base.text import plural
from vaultnet.insight.communities import Community
from vaultnet.network.graph import Graph
from vaultnet.render.markdown import label, note_link
from vaultnet.render.picture import (
    CANVAS,
    NOBODY_TIED,
    Box,
    Picture,
    PictureMemo,
    Sources,
    canvas_picture,
    drawn_from,
    me_box,
    place,
    side,
)

COLOURS = 6  # the canvas's own colours "1" to "6", one per community, the largest first
NOTE_W, NOTE_H, KEY_H = 520, 100, 50


def _id(*parts: str) -> str:
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def render_canvas(graph: Graph, communities: tuple[Community, ...],
                  sources: Sources | None = None, network_note: str = "",
                  memo: PictureMemo | None = None) -> str:
    """The canvas's JSON text, one node or edge per line.

    Without `sources` (your ties and profile) the picture shows the best-connected people around
    an unnamed you; `network_note` is the vault path of Network.md, linked for everyone else.
    With a `memo` (watch mode), a picture kept from the round before is not placed again.
    """
    sources = sources or Sources.of_graph(graph, communities)
    picture = canvas_picture(sources, memo)
    if memo is None:
        return _render(graph, communities, picture, sources.profile, network_note, sources)
    profile = sources.profile
    # (What it is drawn from, in plain values: a canvas a sync before drew serves as it is.)
    ways = tuple(sources.one_way(a, b) for a, b, words in picture.ties if words)
    key = (drawn_from(picture), tuple((c.name, len(c.members)) for c in communities),
           network_note, profile.path if profile else None, ways)
    return memo.text(CANVAS, key,
                     lambda: _render(graph, communities, picture, profile, network_note, sources))


def _render(graph: Graph, communities: tuple[Community, ...], picture: Picture,
            profile: Note | None, network_note: str, sources: Sources) -> str:
    if not picture.people:
        return _json([], [])
    boxes = place(picture)
    me = me_box()
    you: dict[str, object] = {"id": "you", "type": "text", "text": "**You**"}
    if profile is not None:
        you = {"id": "you", "type": "file", "file": profile.path}
    nodes = [{**you, **_at(me)}] if picture.spokes else []  # never you alone, without a line
    for node in picture.people:
        nodes.append({"id": "p" + _id(node), "type": "file",
                      "file": graph.nodes[node]["person"].path, **_at(boxes[node]),
                      **_colour(picture.group.get(node))})
    nodes += _key(picture, communities, boxes, network_note)
    edges: list[dict[str, object]] = [
        {"id": "e" + _id("you", node), "fromNode": "you", "fromSide": side(me, boxes[node]),
         "toNode": "p" + _id(node), "toSide": side(boxes[node], me), "toEnd": "none"}
        for node in picture.people if node in picture.spokes]
    for a, b, words in picture.ties:
        way = sources.one_way(a, b) if words else None  # (a tie one note declares: an arrow)
        if way == b:
            a, b = b, a
        edges.append({"id": "e" + _id(*sorted((a, b))), "fromNode": "p" + _id(a),
                      "fromSide": side(boxes[a], boxes[b]), "toNode": "p" + _id(b),
                      "toSide": side(boxes[b], boxes[a]), "toEnd": "arrow" if way else "none",
                      **({"label": words} if words else {})})
    return _json(nodes, edges)


def _at(box: Box) -> dict[str, int]:
    return {"x": box[0], "y": box[1], "width": box[2], "height": box[3]}


def _colour(group: int | None) -> dict[str, str]:
    return {"color": str(group + 1)} if group is not None and group < COLOURS else {}


def _key(picture: Picture, communities: tuple[Community, ...], boxes: dict[str, Box],
         network_note: str) -> list[dict[str, object]]:
    """The card that says what is shown and where the rest are, then one card per coloured
    community and one for grey when a card shown is, in a column left of the picture."""
    left = min(b[0] for b in boxes.values()) - NOTE_W - 4 * 30
    top = min(b[1] for b in boxes.values())
    shown, total = len(picture.people), picture.total
    where = note_link(network_note, "Network") if network_note else "Network.md"
    text = (f"**Your network**: {shown} of {plural(total, 'person', 'people')} shown, "
            f"{picture.chosen()}. "
            + ("The nearer you, the stronger your tie. " if picture.spokes else NOBODY_TIED + " ")
            + (f"Everyone is in {where}." if picture.hidden == 0 else
               f"{plural(picture.hidden, 'more person', 'more people')}: see {where}."))
    nodes: list[dict[str, object]] = [{"id": "key", "type": "text", "text": text,
                                       **_at((left, top, NOTE_W, NOTE_H))}]
    y = top + NOTE_H + 30
    drawn = sorted(set(picture.group.values()))
    for number in (n for n in drawn if n < COLOURS):
        community = communities[number]
        nodes.append({"id": "k" + _id("community", community.name), "type": "text",
                      "text": f"{label(community.name)} "
                              f"({plural(len(community.members), 'person', 'people')})",
                      **_at((left, y, NOTE_W, KEY_H)), **_colour(number)})
        y += KEY_H + 20
    # A card without a colour is grey: say so, or it reads as someone in no group at all.
    # (`group` holds those of the people shown who are in one.)
    grey = (["smaller groups (see Communities)"] if any(n >= COLOURS for n in drawn) else []) \
        + (["no group"] if len(picture.group) < shown else [])
    if grey:
        nodes.append({"id": "k" + _id("grey"), "type": "text", "text": "Grey: " + " or ".join(grey),
                      **_at((left, y, NOTE_W, KEY_H))})
    return _unique_ids(nodes)


def _unique_ids(items: list[dict[str, object]]) -> list[dict[str, object]]:
    """The items, each whose id one before it has given one of its own, derived from it: JSON
    Canvas requires every id to be unique. Only for cards no line ends at (their ids are free to
    change); people's ids and lines' come from distinct notes and pairs."""
    taken: set[object] = set()
    for item in items:
        wanted, number = str(item["id"]), 1
        while item["id"] in taken:
            number += 1
            item["id"] = wanted[0] + _id(wanted, str(number))
        taken.add(item["id"])
    return items


def _json(nodes: list[dict[str, object]], edges: list[dict[str, object]]) -> str:
    def block(items: list[dict[str, object]]) -> str:
        return ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in items)

    return ("{\n"
            + ('  "nodes": [\n' + block(nodes) + "\n  ],\n" if nodes else '  "nodes": [],\n')
            + ('  "edges": [\n' + block(edges) + "\n  ]\n" if edges else '  "edges": []\n')
            + "}\n")
