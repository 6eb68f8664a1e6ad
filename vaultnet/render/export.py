"""The network and the agenda as the bytes of a file another tool reads.

GraphML, GEXF and node-link JSON for graph tools (Gephi, yEd, Cytoscape, a script), JSON Canvas for
Obsidian, iCalendar for a calendar app. Pure functions: the same graph and agenda give the same bytes
on every run and machine, so an exported file changes only when the network does; the CLI writes them.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from xml.sax.saxutils import escape

import networkx as nx
from icalendar import Calendar, Event
from networkx.readwrite.gexf import GEXFWriter

from vaultnet.base.model import Person
from vaultnet.insight.agenda import Agenda, last_interaction
from vaultnet.insight.suggestions import Insight
from vaultnet.network.graph import ORG, Graph, neighbours_of, person_node
from vaultnet.network.index import Relations
from vaultnet.render.canvas import render_canvas
from vaultnet.render.picture import Sources

FORMATS = ("graphml", "gexf", "json", "canvas", "ics")

PRODID = "-//vaultnet//vaultnet//EN"
# XML 1.0 cannot hold these even escaped, and a reader rejects the whole file over one of them; a
# note's name can (a Linux file name may hold any byte but "/" and NUL). They become U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# RFC 5545's TEXT holds no control character but a tab (a line break, escaped, is the library's).
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f]")

Scalar = str | int


def export_bytes(fmt: str, graph: Graph, agenda: Agenda, insight: Insight,
                 network_note: str = "", relations: Relations | None = None) -> bytes:
    """The file of the network (or, for `ics`, of the agenda) in the format `fmt`; a canvas is
    the picture of Network.canvas, linking `network_note` (Network.md's vault path), its typed
    ties drawn the way the notes' `relations` declare them."""
    if fmt == "graphml":
        return graphml(graph)
    if fmt == "gexf":
        return gexf(graph)
    if fmt == "json":
        return node_link_json(graph)
    if fmt == "canvas":
        return render_canvas(graph, insight.communities,
                             Sources.of(graph, insight, relations=relations),
                             network_note).encode("utf-8")
    if fmt == "ics":
        return ics(agenda)
    raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")


# -- graph formats -------------------------------------------------------------------------------


def _person_fields(graph: Graph, person: Person) -> dict[str, Scalar]:
    fields = person.fields
    # The graph's organisations, not `fields.orgs`: those leave out orgs written as [[links]].
    orgs = [str(graph.nodes[n]["label"]) for n in neighbours_of(graph, person_node(person.path), ORG)]
    found: dict[str, Scalar | None] = {
        "path": person.path,
        "role": fields.role,
        "status": fields.status,
        "org": "; ".join(orgs) or None,
        "topics": "; ".join(fields.topics) or None,
        "cadence_days": fields.cadence_days,
        # What a sync kept of their interactions: their count and the latest, without gathering
        # them (which reads every note that holds one: most of an export of 10,000 people).
        "interactions": person.contacts.total,
    }
    last = last_interaction(person)
    if last is not None:
        found["last_contact"] = last.day.isoformat()
    return {k: v for k, v in found.items() if v is not None}


def _node_fields(graph: Graph, node: str) -> dict[str, Scalar]:
    data = graph.nodes[node]
    found: dict[str, Scalar] = {"kind": str(data["kind"]), "label": str(data["label"])}
    person = data.get("person")
    if isinstance(person, Person):
        found.update(_person_fields(graph, person))
    if isinstance(data.get("path"), str):  # an organisation with a note
        found["path"] = str(data["path"])
    mentioned_by = data.get("mentioned_by")
    if isinstance(mentioned_by, tuple) and mentioned_by:
        found["mentioned_by"] = "; ".join(str(p) for p in mentioned_by)
    return dict(sorted(found.items()))


def _same(text: str) -> str:
    return text


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def plain_graph(graph: Graph, text: Callable[[str], str] = _same) -> nx.Graph:
    """A copy of the graph whose attributes are strings and numbers only, nodes and edges sorted;
    `text` is applied to every node name and string value."""
    plain = nx.Graph()
    for node in sorted(graph):
        plain.add_node(text(node), **{k: text(v) if isinstance(v, str) else v
                                      for k, v in _node_fields(graph, node).items()})
    # Nodes went in sorted, so each edge comes out of the copy as (smaller, larger), in order.
    ends = {(a, b) if a <= b else (b, a) for a, neighbours in graph.adj.items() for b in neighbours}
    for a, b in sorted(ends):
        plain.add_edge(text(a), text(b), kinds=";".join(graph[a][b]["kinds"]))
    return plain


# How networkx's GraphML writer types a value (`GraphML.xml_type`: an int is a "long").
_GRAPHML_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}
# ElementTree escapes &, < and > in text; in an attribute also the quote, and the three whitespace
# characters a reader would otherwise turn into spaces.
_ATTRIBUTE = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}
# Most names and values hold none of them: one search is quicker than escape's replaces.
_ESCAPED = re.compile('[&<>"\r\n\t]')
_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')


def _graphml_element(start: str, end: str, fields: dict[str, object], scope: str,
                     keys: dict[tuple[str, str, str], str]) -> Iterator[str]:
    """A node or edge and its data, indented as networkx's writer indents them; a field's key is
    made the first time its name, type and scope are seen."""
    if not fields:
        yield f"    {start} />\n"
        return
    yield f"    {start}>\n"
    for name, value in fields.items():
        xml_type = _GRAPHML_TYPE.get(type(value))
        if xml_type is None:
            raise TypeError(f"GraphML does not support type {type(value)} as data values.")
        key = keys.setdefault((name, xml_type, scope), f"d{len(keys)}")
        text = str(value)
        if _ESCAPED.search(text):
            text = escape(text)
        yield (f'      <data key="{key}">{text}</data>\n' if text
               else f'      <data key="{key}" />\n')
    yield f"    </{end}>\n"


def graphml(graph: Graph) -> bytes:
    """GraphML, byte for byte as networkx's ElementTree writer (`nx.write_graphml_xml`) writes it.

    Written as strings: that writer builds an element for every node, edge and value (some 345,000
    at 10,000 people) and then writes each piece of each separately."""
    # The ElementTree writer, not lxml's: `nx.write_graphml` is lxml's whenever lxml happens to be
    # installed, which lays the file out differently, so the bytes would depend on the machine.
    plain = plain_graph(graph, _xml_safe)
    keys: dict[tuple[str, str, str], str] = {}
    body: list[str] = []
    for node, fields in plain.nodes(data=True):
        body += _graphml_element(f"<node id={_attribute(node)}", "node", fields, "node", keys)
    for a, b, fields in plain.edges(data=True):
        body += _graphml_element(f"<edge source={_attribute(a)} target={_attribute(b)}", "edge",
                                 fields, "edge", keys)
    # networkx puts each new key first, so they come out newest first.
    head = [_GRAPHML_HEAD]
    head += [f'  <key id="{key}" for="{scope}" attr.name={_attribute(name)} attr.type="{kind}" />\n'
             for (name, kind, scope), key in reversed(keys.items())]
    graph_tag = '<graph edgedefault="undirected"'
    document = head + ([f"  {graph_tag}>\n", *body, "  </graph>\n"] if body
                       else [f"  {graph_tag} />\n"])
    document.append("</graphml>\n")
    # ElementTree writes a character UTF-8 cannot hold (a lone surrogate) as a reference.
    return "".join(document).encode("utf-8", "xmlcharrefreplace")


def _attribute(text: str) -> str:
    return f'"{escape(text, _ATTRIBUTE) if _ESCAPED.search(text) else text}"'


def gexf(graph: Graph) -> bytes:
    """GEXF 1.2, by networkx's own writer, without the date and networkx version it stamps."""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    # The writer fills <meta> with today's date and "NetworkX <version>" as soon as it is made and
    # has no option to change them; both are optional in GEXF, and would change the file each day
    # and each upgrade. Drop the date and name the creator, before the graph goes in.
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = "vaultnet"
    writer.add_graph(plain_graph(graph, _xml_safe))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def node_link_json(graph: Graph) -> bytes:
    """networkx's node-link JSON, the shape `nx.node_link_graph(data, edges="edges")` reads."""
    data = nx.node_link_data(plain_graph(graph), edges="edges")
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


# -- the agenda as a calendar --------------------------------------------------------------------


def _uid(*identity: str) -> str:
    """An id that stays the same for the same item on every day, so a re-import updates it."""
    return hashlib.sha256(json.dumps(identity).encode("utf-8")).hexdigest()[:32] + "@vaultnet"


def _events(agenda: Agenda) -> Iterator[tuple[tuple[str, ...], date, str, str | None]]:
    """Each due item as (identity, day, summary, description), in the agenda's order."""
    today = agenda.today
    for owed in agenda.replies:  # the most urgent: first
        person = owed.person
        yield (("reply", person.path), today, f"Reply to {person.name}",
               f"{person.name} {owed.reason}")
    for due in agenda.stay_in_touch:
        person = due.person
        reason = f"{person.role}: {due.reason}" if person.role else due.reason
        yield ("stay-in-touch", person.path), today, f"Get in touch with {person.name}", reason
    for out in agenda.outreach:
        if out.action != "follow-up":
            continue  # letting outreach rest is not something to do on a day
        person = out.person
        yield ("outreach", person.path), today, f"Follow up with {person.name}", out.reason
    for promise in agenda.promises:
        person = promise.person
        whose = "Waiting on" if promise.theirs else "Promise to"
        # (Its due date is no part of its identity: postponed, it is the same promise.)
        yield (("promise", person.path, promise.text),
               today if promise.overdue else promise.due,
               f"{whose} {person.name}: {promise.text}", promise.when)
    for birthday in agenda.birthdays:
        person = birthday.person
        turns = f" (turns {birthday.turns})" if birthday.turns else ""
        yield (("birthday", person.path, birthday.date.strftime("%m-%d")), birthday.date,
               f"{person.name}'s birthday{turns}", None)


def ics(agenda: Agenda) -> bytes:
    """An iCalendar file with one all-day event per due item."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    # The day the agenda is for, not the clock, so that the file depends only on the agenda.
    stamp = datetime.combine(agenda.today, time(0, 0), tzinfo=UTC)
    seen: dict[tuple[str, ...], int] = {}
    for identity, day, summary, description in _events(agenda):
        # The same promise written twice in one note is two items: number the repeats.
        seen[identity] = seen.get(identity, 0) + 1
        repeat = (str(seen[identity]),) if seen[identity] > 1 else ()
        event = Event()
        event.add("uid", _uid(*identity, *repeat))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        if day < date.max:  # (an all-day event without an end lasts its day: RFC 5545, 3.6.1)
            event.add("dtend", day + timedelta(days=1))
        event.add("summary", _NOT_TEXT.sub("\ufffd", summary))
        if description:
            event.add("description", _NOT_TEXT.sub("\ufffd", description))
        calendar.add_component(event)
    data: bytes = calendar.to_ical()  # untyped in icalendar: Any to mypy
    return data
