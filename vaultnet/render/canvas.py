"""The network as a JSON Canvas 1.0 file (https://jsoncanvas.org), the format Obsidian's Canvas reads.

File nodes point at the person notes, one group per community, edges labelled with how people are
tied. The layout is a grid per community, groups side by side in rows: integer coordinates that
depend only on the graph, and ids derived from note paths, so the file changes only when the
network does.
"""

from __future__ import annotations

import hashlib
import json
import math

import networkx as nx

from vaultnet.insight.communities import Community
from vaultnet.network.graph import edge_words

CANVAS_LIMIT = 150  # people shown, the most tied first: a bigger canvas is unreadable
NODE_W, NODE_H, GAP = 260, 60, 40
GROUP_PAD, GROUP_TOP = 40, 60
ROW_WIDTH = 3200


def _id(*parts: str) -> str:
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def render_canvas(graph: nx.Graph, communities: tuple[Community, ...]) -> str:
    """The canvas's JSON text, one node or edge per line, with the groups first (drawn below)."""
    tied = {n: [o for o in graph[n] if o.startswith("person:")]
            for n in graph if n.startswith("person:")}
    ranked = sorted((n for n in tied if tied[n]),
                    key=lambda n: (-len(tied[n]), graph.nodes[n]["label"].casefold(), n))
    shown = set(ranked[:CANVAS_LIMIT])
    groups: list[tuple[str, list[str]]] = []
    placed: set[str] = set()
    for community in communities:
        members = [n for n in community.members if n in shown]
        if members:
            groups.append((community.name, members))
            placed.update(members)
    rest = sorted(shown - placed, key=lambda n: (graph.nodes[n]["label"].casefold(), n))
    if rest:
        groups.append(("other ties", rest))
    groups.sort(key=lambda g: (-len(g[1]), g[0].casefold()))

    group_nodes: list[dict[str, object]] = []
    file_nodes: list[dict[str, object]] = []
    edges: list[dict[str, object]] = []
    x = y = row_height = 0
    for name, members in groups:
        columns = max(1, math.ceil(math.sqrt(len(members))))
        rows = math.ceil(len(members) / columns)
        width = 2 * GROUP_PAD + columns * NODE_W + (columns - 1) * GAP
        height = GROUP_TOP + GROUP_PAD + rows * NODE_H + (rows - 1) * GAP
        if x and x + width > ROW_WIDTH:
            x, y, row_height = 0, y + row_height + 2 * GAP, 0
        group_nodes.append({"id": "g" + _id("group", name), "type": "group", "label": name,
                            "x": x, "y": y, "width": width, "height": height})
        for i, node in enumerate(members):
            row, column = divmod(i, columns)
            file_nodes.append({
                "id": "p" + _id(node), "type": "file", "file": graph.nodes[node]["person"].path,
                "x": x + GROUP_PAD + column * (NODE_W + GAP),
                "y": y + GROUP_TOP + row * (NODE_H + GAP),
                "width": NODE_W, "height": NODE_H})
        x, row_height = x + width + 2 * GAP, max(row_height, height)
    for a in sorted(shown):
        for b in sorted(tied[a]):
            if a < b and b in shown:
                kinds = graph[a][b]["kinds"]
                words = edge_words(kinds)
                edges.append({"id": "e" + _id(a, b), "fromNode": "p" + _id(a),
                              "toNode": "p" + _id(b), "toEnd": "none", "label": words})

    def block(items: list[dict[str, object]]) -> str:
        return ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in items)

    nodes = group_nodes + file_nodes
    return ("{\n"
            + ('  "nodes": [\n' + block(nodes) + "\n  ],\n" if nodes else '  "nodes": [],\n')
            + ('  "edges": [\n' + block(edges) + "\n  ]\n" if edges else '  "edges": []\n')
            + "}\n")
