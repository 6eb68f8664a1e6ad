"""GraphML's bytes, pinned: the streamed writer writes what networkx's ElementTree writer wrote.

Each case holds values an XML writer can get wrong: the five special characters in names, text and
attributes; a tab, a line break and a carriage return (escaped in an attribute, kept in text);
non-ASCII; control characters and lone surrogates, which become U+FFFD; empty and missing fields;
numbers; typed relations, mentioned people, organisations and topics; two names that become one.
The digests are of the bytes networkx's ElementTree writer (networkx 3.6.1, Python 3.11) wrote.
"""

from __future__ import annotations

import hashlib

import networkx as nx
import pytest
from conftest import TODAY, person

from vaultnet.pipeline.sync import load
from vaultnet.render.export import export_bytes, graphml

ODD = 'Zoë <Ünal> & "Q" \'s'

VAULTS: dict[str, dict[str, str | bytes]] = {
    "empty": {},
    "one": {"People/Ann.md": person()},
    "tricky": {
        f"People/{ODD}.md": person(role="'a & b < c > d \" e '' f'", status="active",
                                   org='"[[Acme & <Sons>]]"', topics='["R&D", "café", ""]',
                                   cadence=7, knows='["[[Bell\ufffdx]]", "[[Ann]]"]',
                                   spouse='"[[Ann]]"', reports_to='"[[Mo Mentioned]]"',
                                   body="## Log\n- 2026-11-01 Tea #met\n- 2026-11-20 Call\n"),
        "People/Bell\x07x.md": person(role="peer\tlead", met_via='"[[Tom & Jerry]]"',
                                      org="Globex", status=""),
        "People/Ann.md": person(role="", cadence=0, topics="[]", org='"[[Acme & <Sons>]]"',
                                mentor='"[[Mo Mentioned]]"'),
        "People/Line\rbreak.md": person(role="x"),
        "People/Ωmega 🚀.md": person(role="ü\u00a0ß", cadence=365, knows='["[[Ωmega 🚀]]"]'),
        "Organisations/Acme & <Sons>.md": "---\ntype: organisation\n---\n# Acme & <Sons>\n",
        "Notes/Meeting.md": "Met [[Ann]] and [[Zed Nobody]] about [[Acme & <Sons>]].\n",
    },
}


def _hand_built() -> nx.Graph:
    """Values no vault note gives easily: whitespace, controls and surrogates in names and labels,
    an empty label, an organisation with a note, two names that become one, a lonely node."""
    graph = nx.Graph()
    odd = 'a\tb\nc\rd & <e> "f" \'g\' ü 🚀 \x00\x1f\ud800\ufffe'
    graph.add_node("mentioned:" + odd, kind="mentioned", label=odd, mentioned_by=("P/1.md", odd))
    graph.add_node("mentioned:x\x01", kind="mentioned", label="one", mentioned_by=())
    graph.add_node("mentioned:x\x02", kind="mentioned", label="two")
    graph.add_node("org:o", kind="organisation", label="", path="Organisations/O & <P>.md")
    graph.add_node("topic: ", kind="topic", label=" ")
    graph.add_node("topic:lonely", kind="topic", label="lonely\n")
    graph.add_edge("mentioned:" + odd, "org:o", kinds=("mentions", "works_at"))
    graph.add_edge("topic: ", "mentioned:x\x01", kinds=("interested_in",))
    graph.add_edge("mentioned:x\x02", "org:o", kinds=("a&b<c>\"d\t\x07\udc80",))
    graph.add_edge("org:o", "org:o", kinds=())
    return graph


DIGESTS = {
    "empty": "72e7673de2c185370963629cc19dfd9e74511d69638dc5e5919affda5b497cd1",
    "one": "3992f58396061827e35384f163b4f2e38be870f3160d0cf11daef968db2fa655",
    "tricky": "b0a90a2b69b8d31b99850dcc49fda14390ab8eff1e9390bec71ac581ceea8d40",
    "hand-built": "2410c008e8ef8f36ac2670a91ae74d480ff86c2d1785acb068cc2643d73b8e40",
}


@pytest.mark.parametrize("name", sorted(VAULTS))
def test_graphml_bytes_of_a_vault_are_the_element_tree_writers(make_vault, name):
    vault = load(make_vault(VAULTS[name]), TODAY)
    data = export_bytes("graphml", vault.graph, vault.agenda, vault.insight)
    assert hashlib.sha256(data).hexdigest() == DIGESTS[name]


def test_graphml_bytes_of_odd_values_are_the_element_tree_writers():
    assert hashlib.sha256(graphml(_hand_built())).hexdigest() == DIGESTS["hand-built"]
