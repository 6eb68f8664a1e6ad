"""Exports: each format read back by the library that reads it, byte for byte the same on every run.

One small vault holds a case of every agenda item and every kind of node: Mia, a mentor 85 days
out of touch with two copies of one overdue promise and one promise ahead; Zoë, whose file name
holds non-ASCII and XML-special characters and who was never contacted; Oscar waiting on a first
follow-up; Rita after two follow-ups; Bea with a birthday in five days.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import networkx as nx
import pytest
from conftest import TODAY, person, write_files
from icalendar import Calendar

from vaultnet.pipeline.sync import Vault, load
from vaultnet.render.export import FORMATS, export_bytes, plain_graph

ZOE = 'Zoë <Ünal> & "Q"'
MIA, ZOE_PATH = "People/Mia Mentor.md", f"People/{ZOE}.md"
LONG = "Send Zoë the très long paper on civic tech, with the notes from the offsite; and the slides"


def ago(days: int, today: date = TODAY) -> str:
    return (today - timedelta(days=days)).isoformat()


def ahead(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def log(*lines: str) -> str:
    return "## Log\n" + "".join(f"- {line}\n" for line in lines)


FILES = {
    MIA: person(body=log(f"{ago(85)} Coffee #met")
                + f"- [ ] Send the paper 📅 {ago(2)}\n- [ ] Send the paper 📅 {ago(2)}\n"
                + f"- [ ] {LONG} 📅 {ahead(3)}\n",
                role="mentor", cadence=30, org='"[[Acme & Sons]]"',
                topics='["civic tech", "R&D"]', knows='["[[Oscar Outreach]]"]',
                met_via='"[[Tom Nobody]]"'),
    ZOE_PATH: person(role="peer", org="Globex", knows='["[[Mia Mentor]]"]'),
    "People/Oscar Outreach.md": person(body=log(f"{ago(10)} Emailed #outreach")),
    "People/Rita Quiet.md": person(body=log(f"{ago(30)} Emailed #outreach",
                                            f"{ago(20)} Nudged #outreach",
                                            f"{ago(10)} Nudged again #outreach")),
    "People/Bea Birthday.md": person(birthday="1980-11-30"),
    "Organisations/Acme & Sons.md": "---\ntype: organisation\n---\n# Acme & Sons\n",
}

EVENTS = [  # summary, day
    ("Get in touch with Mia Mentor", TODAY),
    (f"Get in touch with {ZOE}", TODAY),
    ("Follow up with Oscar Outreach", TODAY),
    ("Promise to Mia Mentor: Send the paper", TODAY),
    ("Promise to Mia Mentor: Send the paper", TODAY),
    (f"Promise to Mia Mentor: {LONG}", TODAY + timedelta(days=3)),
    ("Bea Birthday's birthday (turns 46)", date(2026, 11, 30)),
]


@pytest.fixture
def vault(make_vault) -> Vault:
    return load(make_vault(FILES), TODAY)


def export(fmt: str, vault: Vault) -> bytes:
    return export_bytes(fmt, vault.graph, vault.agenda, vault.insight, "Network/Network.md")


def contents(graph: nx.Graph) -> tuple[dict[str, dict[str, object]], dict[frozenset[str], object]]:
    """Nodes and edges with their attributes, comparable whatever the order; GEXF's edge ids aside."""
    return ({n: dict(d) for n, d in graph.nodes(data=True)},
            {frozenset((a, b)): {k: v for k, v in d.items() if k != "id"}
             for a, b, d in graph.edges(data=True)})


def read_back(fmt: str, data: bytes) -> nx.Graph:
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data))
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(data))
    return nx.node_link_graph(json.loads(data.decode("utf-8")), edges="edges")


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


# -- graph formats -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_graph_formats_read_back_to_the_same_nodes_edges_and_attributes(vault, fmt):
    graph = read_back(fmt, export(fmt, vault))
    assert type(graph) is nx.Graph
    assert contents(graph) == contents(plain_graph(vault.graph))
    assert set(graph) == set(vault.graph)
    assert graph.nodes[f"person:{MIA}"] == {
        "kind": "person", "label": "Mia Mentor", "path": MIA, "role": "mentor",
        "org": "Acme & Sons", "topics": "civic tech; R&D", "cadence_days": 30,
        "last_contact": ago(85), "interactions": 1}
    assert graph.nodes[f"person:{ZOE_PATH}"] == {
        "kind": "person", "label": ZOE, "path": ZOE_PATH, "role": "peer", "org": "Globex",
        "interactions": 0}
    assert graph.nodes["org:acme & sons"] == {
        "kind": "organisation", "label": "Acme & Sons", "path": "Organisations/Acme & Sons.md"}
    assert graph.nodes["org:globex"] == {"kind": "organisation", "label": "Globex"}
    assert graph.nodes["mentioned:tom nobody"] == {
        "kind": "mentioned", "label": "Tom Nobody", "mentioned_by": MIA}
    assert graph.nodes["topic:r&d"] == {"kind": "topic", "label": "R&D"}
    assert graph.edges[f"person:{MIA}", f"person:{ZOE_PATH}"]["kinds"] == "knows"
    assert graph.edges[f"person:{MIA}", "mentioned:tom nobody"]["kinds"] == "met_via"


def test_an_edge_of_several_kinds_joins_them(make_vault):
    files = {"People/Ann.md": person(knows='["[[Ben]]"]', met_via='"[[Ben]]"'),
             "People/Ben.md": person()}
    vault = load(make_vault(files), TODAY)
    for fmt in ("graphml", "gexf", "json"):
        graph = read_back(fmt, export(fmt, vault))
        assert graph.edges["person:People/Ann.md", "person:People/Ben.md"]["kinds"] == "knows;met_via"


def test_the_plain_copy_holds_only_strings_and_numbers_and_no_none(vault):
    plain = plain_graph(vault.graph)
    values = [v for _, d in plain.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in plain.edges(data=True) for v in d.values()]
    assert values and all(type(v) in (str, int) for v in values)
    assert list(plain) == sorted(vault.graph)
    assert "person" in vault.graph.nodes[f"person:{MIA}"]  # the vault's own graph is untouched


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_graph_formats_do_not_depend_on_insertion_order(vault, fmt):
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(vault.graph.nodes(data=True))))
    shuffled.add_edges_from((b, a, d) for a, b, d in reversed(list(vault.graph.edges(data=True))))
    assert export_bytes(fmt, shuffled, vault.agenda, vault.insight) == export(fmt, vault)


def test_gexf_carries_no_date_or_networkx_version(vault):
    data = export("gexf", vault)
    assert b"lastmodifieddate" not in data
    assert b"NetworkX" not in data
    assert b"<creator>vaultnet</creator>" in data


def test_xml_formats_replace_characters_xml_cannot_hold(make_vault):
    vault = load(make_vault({"People/Bell\x07x.md": person(role="peer")}), TODAY)
    for fmt in ("graphml", "gexf"):
        graph = read_back(fmt, export(fmt, vault))
        assert list(graph.nodes(data="path")) == [("person:People/Bell\ufffdx.md",
                                                    "People/Bell\ufffdx.md")]
    json_graph = read_back("json", export("json", vault))
    assert list(json_graph) == ["person:People/Bell\x07x.md"]


# -- canvas --------------------------------------------------------------------------------------


def test_canvas_is_json_canvas_of_the_people_with_ties(vault):
    canvas = json.loads(export("canvas", vault).decode("utf-8"))
    assert set(canvas) == {"nodes", "edges"}
    files = {n["file"] for n in canvas["nodes"] if n["type"] == "file"}
    # You at the centre (no profile note: a text card), tied to three of them; Rita through Mia.
    assert files == {MIA, ZOE_PATH, "People/Oscar Outreach.md", "People/Rita Quiet.md"}
    assert canvas["nodes"][0] == {**canvas["nodes"][0], "id": "you", "text": "**You**"}
    assert sorted(e["toNode"] == "you" or e["fromNode"] == "you" for e in canvas["edges"]) == [
        False, False, True, True, True]
    assert b"vaultnet" not in export("canvas", vault)


def test_the_exported_canvas_is_the_picture_of_network_canvas(make_vault, run):
    """You at the centre, your ties: the same cards and lines as Network.canvas, without the
    marker that makes a file vaultnet's."""
    root = make_vault(FILES)
    assert run("sync", "--vault", root, "--today", TODAY.isoformat()).exit_code == 0
    written = json.loads((root / "Network/Network.canvas").read_text(encoding="utf-8"))
    exported = json.loads(export("canvas", load(root, TODAY)).decode("utf-8"))
    assert (exported["nodes"], exported["edges"]) == (written["nodes"], written["edges"])


# -- calendar ------------------------------------------------------------------------------------


def test_ics_has_one_all_day_event_per_due_item_in_agenda_order(vault):
    data = export("ics", vault)
    calendar = Calendar.from_ical(data)
    assert str(calendar["prodid"]) == "-//vaultnet//vaultnet//EN"
    assert str(calendar["version"]) == "2.0"
    found = events(data)
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in found] == EVENTS
    for event in found:
        start = event.decoded("dtstart")
        assert type(start) is date
        assert event.decoded("dtend") == start + timedelta(days=1)
        assert event.decoded("dtstamp") == datetime(2026, 11, 25, tzinfo=UTC)
        assert str(event["uid"]).endswith("@vaultnet")
    assert [str(e.get("description", "")) for e in found] == [
        "mentor: last contact 85 days ago, cadence 30 days",
        "peer: never contacted, cadence 60 days",
        "no reply for 10 days, follow-up 1 of 2",
        f"due {ago(2)}, 2 days overdue", f"due {ago(2)}, 2 days overdue", f"due {ahead(3)}", ""]
    assert b"DTSTART;VALUE=DATE:20261125\r\nDTEND;VALUE=DATE:20261126\r\n" in data


def test_ics_lines_are_crlf_and_folded_to_75_octets(vault):
    data = export("ics", vault)
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the long promise was folded


def test_ics_uids_are_stable_across_days_and_distinct_between_items(make_vault):
    root = make_vault(FILES)
    today, tomorrow = (events(export("ics", load(root, day)))
                       for day in (TODAY, TODAY + timedelta(days=1)))
    assert [str(e["summary"]) for e in today] == [str(e["summary"]) for e in tomorrow]
    assert [str(e["uid"]) for e in today] == [str(e["uid"]) for e in tomorrow]
    assert len({str(e["uid"]) for e in today}) == len(EVENTS)
    # The item moved to the new day and kept its id, so a calendar app moves the event.
    assert tomorrow[0].decoded("dtstart") == TODAY + timedelta(days=1)


def test_a_promise_postponed_keeps_its_uid(make_vault):
    """Moving a promise's due date is the same promise: the calendar moves the event, it does
    not add a second one (`export --help`: "UIDs that stay the same ... rather than duplicating
    them")."""
    def promise_uid(due: str) -> str:
        files = {"People/Ann.md": person(body=f"- [ ] Send her the paper 📅 {due}\n")}
        (found,) = events(export("ics", load(make_vault(files), TODAY)))
        return str(found["uid"])

    assert promise_uid(str(TODAY + timedelta(days=2))) == promise_uid(str(TODAY + timedelta(days=5)))


def test_ics_text_holds_no_control_characters(make_vault):
    """RFC 5545's TEXT holds no control characters but a tab (a line break is escaped): a name or
    promise holding one (a Linux file name may) shows U+FFFD there, as the XML formats do."""
    files = {"People/Ctrl\x01Char\x1bName\x7f.md": person(
        body="- [ ] promise with \x08 a backspace 📅 " + str(TODAY) + "\n")}
    data = export("ics", load(make_vault(files), TODAY))
    text = data.decode("utf-8").replace("\r\n", "")
    assert not any(c in text for c in "\x01\x08\x1b\x7f")
    summaries = sorted(str(e["summary"]) for e in events(data))
    assert summaries == ["Promise to Ctrl\ufffdChar\ufffdName\ufffd: promise with \ufffd a backspace"]


def test_ics_has_no_event_for_outreach_left_to_rest(make_vault):
    """Letting outreach rest is nothing to do on a day: its follow-up event goes (same uid gone)."""
    files = {"People/Oscar Outreach.md": person(body=log(f"{ago(10)} Emailed #outreach"))}
    before = events(export("ics", load(make_vault(files), TODAY)))
    files = {"People/Oscar Outreach.md": person(body=log(
        f"{ago(30)} Emailed #outreach", f"{ago(20)} Nudged #outreach", f"{ago(10)} Nudged #outreach"))}
    after = events(export("ics", load(make_vault(files), TODAY)))
    assert [str(e["summary"]) for e in before] == ["Follow up with Oscar Outreach"]
    assert after == []


def test_an_event_on_the_last_day_there_is_has_no_end(make_vault, run):
    """An all-day event lasts its day without an end (RFC 5545, 3.6.1): on 9999-12-31, the day
    after it, which an end would name, is no date at all (an internal error before)."""
    root = make_vault(FILES)
    result = run("export", "--format", "ics", "-o", "-", "--today", "9999-12-31", "--vault", root)
    assert result.exit_code == 0, result.output
    found = events(result.stdout_bytes)
    assert found and all(e.decoded("dtstart") == date.max and "dtend" not in e for e in found)


def test_an_empty_agenda_is_an_empty_calendar(make_vault):
    vault = load(make_vault({"People/Ann.md": person()}), TODAY)
    data = export("ics", vault)
    assert data == b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//vaultnet//vaultnet//EN\r\nEND:VCALENDAR\r\n"


# -- every format --------------------------------------------------------------------------------


# The vault at argv[1] for the day argv[2], exported in every format into the folder argv[3]
# (as `export` does): run in a new process, under a hash seed other than this process's.
EXPORT_ELSEWHERE = """
import sys
from datetime import date
from pathlib import Path

from vaultnet.pipeline.sync import load
from vaultnet.render.export import FORMATS, export_bytes

vault = load(Path(sys.argv[1]), date.fromisoformat(sys.argv[2]))
for fmt in FORMATS:
    data = export_bytes(fmt, vault.graph, vault.agenda, vault.insight, "Network/Network.md")
    (Path(sys.argv[3]) / fmt).write_bytes(data)
"""


@pytest.fixture(scope="module")
def exported_elsewhere(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """The vault of FILES, and what each format gives for it in another process (one for all the
    formats), whose hash seed walks a set of strings in another order than this process does."""
    base = tmp_path_factory.mktemp("elsewhere")
    root, out = base / "vault", base / "exports"
    write_files(root, FILES)
    out.mkdir()
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    done = subprocess.run([sys.executable, "-c", EXPORT_ELSEWHERE, str(root), TODAY.isoformat(), str(out)],
                          env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return root, {fmt: (out / fmt).read_bytes() for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_the_same_bytes_on_every_run(exported_elsewhere, fmt):
    """The same bytes on every run here, and in a process with another hash seed."""
    root, elsewhere = exported_elsewhere
    here = export(fmt, load(root, TODAY))
    assert here == export(fmt, load(root, TODAY))
    assert here == elsewhere[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_name_with_non_ascii_and_xml_special_characters_survives(vault, fmt):
    data = export(fmt, vault)
    if fmt == "canvas":
        assert ZOE_PATH in {n.get("file") for n in json.loads(data)["nodes"]}
    elif fmt == "ics":
        assert f"Get in touch with {ZOE}" in [str(e["summary"]) for e in events(data)]
    else:
        assert read_back(fmt, data).nodes[f"person:{ZOE_PATH}"]["label"] == ZOE


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_vault_exports_in_every_format(make_vault, fmt):
    data = export(fmt, load(make_vault({}), TODAY))
    if fmt == "canvas":
        assert json.loads(data) == {"nodes": [], "edges": []}
    elif fmt == "ics":
        assert events(data) == []
    else:
        assert len(read_back(fmt, data)) == 0


def test_an_unknown_format_is_a_value_error(vault):
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        export("pdf", vault)


# -- the command --------------------------------------------------------------------------------


def test_dot_slash_dash_is_a_file_named_dash(make_vault, run, tmp_path, monkeypatch):
    """`-` is standard output; `./-` is a file named `-`, as for every other command line tool."""
    root = make_vault(FILES)
    monkeypatch.chdir(tmp_path)
    result = run("export", "--format", "ics", "-o", "./-", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote ./- (ics, ")
    assert events((tmp_path / "-").read_bytes())


def test_a_closed_standard_output_is_named(make_vault):
    """`-o -` with standard output closed (`>&-`): said, exit 1; no internal error."""
    root = make_vault(FILES)
    done = subprocess.run([sys.executable, "-m", "vaultnet", "export", "--format", "json",
                           "-o", "-", "--vault", str(root), "--today", str(TODAY)],
                          stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(1),
                          timeout=60)
    assert done.returncode == 1, done.stderr
    assert "standard output is closed; give -o FILE" in done.stderr
    assert "internal error" not in done.stderr


def test_notes_with_problems_are_counted_on_standard_error(make_vault, run):
    """Promise 3: a note with broken YAML is named, not passed over without a word; the export
    itself, on standard output, is the same bytes."""
    root = make_vault({**FILES, "People/Broken.md": "---\nrole: [peer\n---\n# Broken\n"})
    result = run("export", "--format", "json", "-o", "-", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "1 note has problems; the rest of each was used where it could be (run " \
           "`vaultnet check` for how to fix them)." in result.stderr
    assert json.loads(result.stdout_bytes)
