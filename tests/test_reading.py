"""Reading a vault: person detection, links resolved Obsidian's way, the graph, the walk, tags,
and parsing one note.

Anything that touches the disk is built from real files with `make_vault` (no mocks); the pure
parts (`parse_note`, `find_tags`) are called directly.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY, person

from vaultnet.network.graph import nodes_of, person_node
from vaultnet.parse.links import find_tags
from vaultnet.parse.note import parse_note
from vaultnet.pipeline.sync import load
from vaultnet.read.vault import walk_vault

# -- helpers ---------------------------------------------------------------------------------


def person_paths(root: Path) -> list[str]:
    return sorted(p.path for p in load(root, TODAY).index.people)


def graph_of(root: Path) -> tuple[dict[str, str], list[tuple[str, str, tuple[str, ...]]]]:
    """The graph as {node: kind} and a sorted list of (node, node, kinds), each pair sorted."""
    graph = load(root, TODAY).graph
    nodes = {node: data["kind"] for node, data in graph.nodes(data=True)}
    edges = sorted((*sorted((a, b)), kinds) for a, b, kinds in graph.edges(data="kinds"))
    return nodes, edges


def section(markdown: str, heading: str) -> list[str]:
    """The non-blank lines under `heading`, up to the next heading of the same level."""
    lines = markdown.splitlines()
    start = lines.index(heading) + 1
    out = []
    for line in lines[start:]:
        if line.startswith("## "):
            break
        if line.strip():
            out.append(line)
    return out


NFC = unicodedata.normalize("NFC", "José")
NFD = unicodedata.normalize("NFD", "José")
assert NFC != NFD  # the test below means something only if the spellings differ


# -- person detection ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, text, is_person",
    [
        ("Notes/Jane.md", "---\ntype: person\n---\n# Jane\n", True),
        ("Notes/Jane.md", "---\nType: Person\n---\n# Jane\n", True),
        ("Notes/Jane.md", "---\ntags: [person]\n---\n# Jane\n", True),
        ("Notes/Jane.md", "---\ntags: person\n---\n# Jane\n", True),
        ("Notes/Jane.md", "---\ntags: [friend, person]\n---\n# Jane\n", True),
        ("People/Jane.md", "# Jane\nNo frontmatter at all.\n", True),
        ("People/Friends/Jane.md", "# Jane\n", True),
        ("People/Jane.md", "---\nrole: mentor\n---\n# Jane\n", True),
        ("People/Acme.md", "---\ntype: organisation\n---\n# Acme\n", False),
        ("People/2026-11-20.md", "- lunch with [[Jane]]\n", False),
        ("Daily/2026-11-20.md", "- lunch with [[Jane]]\n", False),
        ("Notes/Jane.md", "# Jane\n", False),
        ("Notes/Jane.md", "---\ntags: [personal]\n---\n# Jane\n", False),
        ("Notes/Jane.md", "---\ntype: persona\n---\n# Jane\n", False),
    ],
)
def test_person_detection(make_vault, path, text, is_person):
    root = make_vault({path: text})
    assert person_paths(root) == ([path] if is_person else [])
    # The same answer from the pure parser.
    note = parse_note(path, text)
    assert (note.fields.type == "person") is is_person


def test_a_daily_note_in_the_people_folder_counts_as_a_daily_note(make_vault):
    root = make_vault({"People/2026-11-20.md": "- lunch\n", "People/Jane.md": "# Jane\n"})
    index = load(root, TODAY).index
    assert [p.path for p in index.people] == ["People/Jane.md"]
    assert index.daily_notes == 1


@pytest.mark.parametrize(
    "settings, expected",
    [
        ("", ["People/Carol.md"]),
        ('people_folder = "Crew"\n', ["Crew/Bob.md", "Crew/Team/Dan.md", "People/Carol.md"]),
        ('people_folder = "crew/"\n', ["Crew/Bob.md", "Crew/Team/Dan.md", "People/Carol.md"]),
        ('people_folder = "Crew/Team"\n', ["Crew/Team/Dan.md", "People/Carol.md"]),
    ],
)
def test_people_folder_from_settings(make_vault, settings, expected):
    """The people folder of the settings, besides the usual People/, Contacts/ and Persons/."""
    files = {
        "Crew/Bob.md": "# Bob\n",
        "Crew/Team/Dan.md": "# Dan\n",
        "People/Carol.md": "# Carol\n",
        "Crewx/Eve.md": "# Eve\n",  # a folder whose name only starts the same
    }
    if settings:
        files[".vaultnet.toml"] = settings
    root = make_vault(files)
    assert person_paths(root) == expected


# -- link forms ------------------------------------------------------------------------------

JANE = "People/Work/Jane Doe.md"
BOB = "Notes/Bob Smith.md"


@pytest.mark.parametrize(
    "form",
    [
        "[[Jane Doe]]",
        "[[jane doe]]",
        "[[JANE DOE]]",
        "[[Jane Doe.md]]",
        "[[Jane Doe.MD]]",
        "[[Jane Doe|shown text]]",
        "[[Jane Doe#Heading]]",
        "[[Jane Doe#^block1]]",
        "[[Jane Doe.md#Heading|shown]]",
        "[[Work/Jane Doe]]",
        "[[work/jane doe]]",
        "[[People/Work/Jane Doe]]",
        "[[People/Work/Jane Doe.md|J]]",
        "![[Jane Doe]]",
        "![[Jane Doe#Heading]]",
    ],
)
def test_link_forms_in_the_body_resolve(make_vault, form):
    root = make_vault({JANE: person("Jane Doe"),
                       BOB: person("Bob Smith", body=f"Talked to {form} today.")})
    vault = load(root, TODAY)
    assert vault.index.relations == (("mentions", BOB, JANE),)
    assert vault.graph.edges[person_node(BOB), person_node(JANE)]["kinds"] == ("mentions",)
    assert vault.index.mentioned == ()
    assert vault.problems == ()


@pytest.mark.parametrize(
    "form",
    [
        "[[Jane]]",  # no such file, and no alias
        "[[Home/Jane Doe]]",  # a path that is not the end of Jane's path
        "[[ork/Jane Doe]]",  # a suffix must start at a folder boundary
        "[[Jane Doe.png]]",  # an attachment
        "[Jane Doe](elsewhere)",  # not a wikilink
        "[[Jane Doe",  # never closed
        "\n```\n[[Jane Doe]]\n```\n",  # inside a fenced code block
    ],
)
def test_forms_that_are_not_links_to_jane(make_vault, form):
    root = make_vault({JANE: person("Jane Doe"),
                       BOB: person("Bob Smith", body=f"Talked to {form} today.")})
    vault = load(root, TODAY)
    assert vault.index.relations == ()
    assert not vault.graph.has_edge(person_node(BOB), person_node(JANE))


@pytest.mark.parametrize(
    "value",
    [
        '"[[Jane Doe]]"',
        "[[Jane Doe]]",  # unquoted: YAML reads a nested list [['Jane Doe']]
        '["[[Jane Doe]]"]',
        "[[[Jane Doe]]]",  # a flow list holding one unquoted link
        "\n  - [[Jane Doe]]",  # a block list holding one unquoted link
        "\n  - \"[[Jane Doe]]\"",
        "Jane Doe",  # plain text
        "jane doe",
        "[Jane Doe]",
        '"[[Work/Jane Doe|Jane]]"',
        '"[[Jane Doe#Work]]"',
    ],
)
def test_knows_forms_resolve(make_vault, value):
    root = make_vault({JANE: person("Jane Doe"), BOB: person("Bob Smith", knows=value)})
    vault = load(root, TODAY)
    assert vault.index.relations == (("knows", BOB, JANE),)
    assert vault.graph.edges[person_node(BOB), person_node(JANE)]["kinds"] == ("knows",)
    assert vault.index.mentioned == ()
    assert vault.problems == ()


@pytest.mark.parametrize(
    "value",
    [
        "[[[Jane Doe]], [[Carol Diaz]]]",
        "\n  - [[Jane Doe]]\n  - [[Carol Diaz]]",
        '["[[Jane Doe]]", "[[Carol Diaz]]"]',
        "[Jane Doe, Carol Diaz]",
    ],
)
def test_knows_lists_of_several_people(make_vault, value):
    carol = "People/Carol Diaz.md"
    root = make_vault({JANE: person("Jane Doe"), carol: person("Carol Diaz"),
                       BOB: person("Bob Smith", knows=value)})
    vault = load(root, TODAY)
    assert vault.index.relations == (("knows", BOB, carol), ("knows", BOB, JANE))
    assert vault.problems == ()


@pytest.mark.parametrize("file_form", [NFC, NFD], ids=["file-NFC", "file-NFD"])
@pytest.mark.parametrize("link_form", [NFC, NFD], ids=["link-NFC", "link-NFD"])
def test_unicode_normalisation_of_names_and_links(make_vault, file_form, link_form):
    root = make_vault({
        f"People/{file_form}.md": person(),
        "People/Ana.md": person("Ana", knows=f'"[[{link_form}]]"', body=f"See [[{link_form}]]."),
    })
    vault = load(root, TODAY)
    jose = f"People/{NFC}.md"
    assert [(p.name, p.path) for p in vault.index.people] == [("Ana", "People/Ana.md"),
                                                               (NFC, jose)]
    assert vault.index.relations == (("knows", "People/Ana.md", jose),
                                     ("mentions", "People/Ana.md", jose))
    assert vault.index.mentioned == ()


def test_same_note_links_are_ignored(make_vault):
    root = make_vault({"People/Jane.md": person(
        "Jane", knows='"[[#Heading]]"',
        body="See [[#Log]], [[#^abc123]], ![[#Top]] and [[#Log|the log]].\n## Log\n")})
    vault = load(root, TODAY)
    assert vault.index.notes[0].links == ()
    assert vault.index.relations == ()
    assert vault.index.mentioned == ()
    assert list(vault.graph.nodes) == [person_node("People/Jane.md")]
    assert "" not in {data["label"] for _, data in vault.graph.nodes(data=True)}
    assert vault.problems == ()


def test_attachments_are_ignored(make_vault):
    root = make_vault({
        "photo.png": b"\x89PNG\r\n\x1a\n",
        "scan.pdf": b"%PDF-1.4\n",
        "People/Jane.md": person("Jane", knows='"[[photo.png]]"',
                                 body="![[photo.png]] [[scan.pdf|the scan]] ![[Sketch.excalidraw]]"
                                      " [[Board.canvas]] ![[clip.MP4]]"),
    })
    vault = load(root, TODAY)
    assert vault.index.notes[0].links == ()
    assert vault.index.mentioned == ()
    assert list(vault.graph.nodes) == [person_node("People/Jane.md")]


def test_aliases_resolve_for_people(make_vault):
    jane = "People/Jane Doe.md"
    root = make_vault({
        jane: person("Jane Doe", aliases="[JD, Janie]"),
        "People/Bob.md": person("Bob", knows='"[[JD]]"', body="Lunch with [[janie|her]]."),
    })
    vault = load(root, TODAY)
    assert vault.index.relations == (("knows", "People/Bob.md", jane),
                                     ("mentions", "People/Bob.md", jane))
    assert vault.index.mentioned == ()


def test_a_file_name_wins_over_an_alias(make_vault):
    root = make_vault({
        "People/Jane.md": person("Jane"),
        "People/Jane Doe.md": person("Jane Doe", aliases="[Jane]"),
        "People/Bob.md": person("Bob", knows='"[[Jane]]"'),
    })
    assert load(root, TODAY).index.relations == (("knows", "People/Bob.md", "People/Jane.md"),)


def test_aliases_of_a_note_that_is_not_a_person_do_not_resolve(make_vault):
    root = make_vault({
        "Orgs/Acme.md": "---\ntype: organisation\naliases: [Zed]\n---\n",
        "People/Bob.md": person("Bob", knows='"[[Zed]]"'),
    })
    vault = load(root, TODAY)
    assert [m.name for m in vault.index.mentioned] == ["Zed"]
    assert vault.index.relations == (("knows", "People/Bob.md", "mentioned:zed"),)


# -- ambiguous names -------------------------------------------------------------------------

TWO_BOBS = {"Work/Bob.md": person("Bob"), "Home/Bob.md": person("Bob")}


@pytest.mark.parametrize("folder, expected", [("Work", "Work/Bob.md"), ("Home", "Home/Bob.md")])
def test_a_shared_name_goes_to_the_one_in_the_linking_notes_folder(make_vault, folder, expected):
    alice = f"{folder}/Alice.md"
    root = make_vault({**TWO_BOBS, alice: person(
        "Alice", knows='"[[Bob]]"', body="- 2026-11-01 Lunch with [[Bob]] #met")})
    vault = load(root, TODAY)
    assert vault.index.relations == (("knows", alice, expected), ("mentions", alice, expected))
    bob = next(p for p in vault.index.people if p.path == expected)
    assert [(i.day, i.source) for i in bob.interactions] == [(date(2026, 11, 1), alice)]
    assert vault.problems == ()


def test_a_shared_name_goes_first_to_the_note_at_the_vaults_top(make_vault, run):
    """`[[Sam]]` with `Sam.md` at the vault's top and `Work/Sam.md`: the path from the vault's root
    it is (as Obsidian resolves it, and writes it for that note), from any folder, Work/ too;
    `brief` takes the name, `Sam.md` or `/Sam` as that note too."""
    root = make_vault({"Sam.md": person("Sam", role="friend"),
                       "Work/Sam.md": person("Sam", role="colleague"),
                       "Daily/2026-11-20.md": "- Lunch with [[Sam]] #met\n",
                       "Work/Notes.md": person("Notes", knows='"[[Sam]]"')})
    vault = load(root, TODAY)
    met = {p.path: [i.source for i in p.interactions] for p in vault.index.people}
    assert (met["Sam.md"], met["Work/Sam.md"]) == (["Daily/2026-11-20.md"], [])
    assert ("knows", "Work/Notes.md", "Sam.md") in vault.index.relations
    assert not [p for p in vault.problems if "ambiguous" in p.message]
    for name in ("Sam", "Sam.md", "/Sam"):
        assert run("brief", name, "--vault", root, "--today", TODAY).output.startswith(
            "Sam (friend)"), name
    assert run("brief", "Work/Sam", "--vault", root, "--today", TODAY).output.startswith(
        "Sam (colleague)")
    # The note at the top that cannot be read is named, not passed over for Work/Sam.md.
    (root / "Sam.md").write_bytes(person("Sam", role="friend").encode("utf-16"))
    (root / "Home").mkdir()
    (root / "Home/Sam.md").write_bytes(person("Sam", role="friend").encode("utf-16"))
    for command in (("brief", "Sam"), ("log", "Sam", "Coffee")):
        result = run(*command, "--vault", root, "--today", TODAY)
        assert result.exit_code == 1 and '"Sam" is Sam.md, which vaultnet could not read' in \
            result.output, command


def test_a_path_link_settles_a_shared_name(make_vault):
    root = make_vault({**TWO_BOBS, "Else/Alice.md": person("Alice", knows='"[[Home/Bob]]"')})
    vault = load(root, TODAY)
    assert vault.index.relations == (("knows", "Else/Alice.md", "Home/Bob.md"),)
    assert vault.problems == ()


@pytest.mark.parametrize(
    "fields, body, line",
    [
        ({"knows": '"[[Bob]]"'}, "", 3),
        ({"met_via": "Bob"}, "", 3),
        ({}, "- 2026-11-01 Lunch with [[Bob]] #met", 5),
        ({"role": "peer"}, "Free text about [[Bob]].", 6),
    ],
    ids=["knows", "met_via", "log line", "free text"],
)
def test_a_shared_name_from_another_folder_is_ambiguous(make_vault, fields, body, line):
    alice = "Else/Alice.md"
    root = make_vault({**TWO_BOBS, alice: person("", body=body, **fields)})
    vault = load(root, TODAY)
    ambiguous = [(p.path, p.line) for p in vault.problems if "ambiguous" in p.message]
    assert ambiguous == [(alice, line)]
    message = next(p.message for p in vault.problems if "ambiguous" in p.message)
    assert "Home/Bob.md" in message and "Work/Bob.md" in message
    assert vault.index.relations == ()  # not resolved to either Bob
    assert vault.index.mentioned == ()  # nor taken for someone without a note
    assert [p.interactions for p in vault.index.people if p.name == "Bob"] == [(), ()]


# -- mentioned people ------------------------------------------------------------------------


def test_a_person_without_a_note_is_mentioned(make_vault, run):
    root = make_vault({
        "People/Alice.md": person(
            "Alice", knows='["[[Zed Zulu]]", "[[Bob]]"]', met_via='"[[Yara]]"',
            body="- 2026-11-01 Coffee at [[Blue Bottle]] with [[Xavier]] #met\n"
                 "Free text about [[Somewhere]].\n"),
        "People/Bob.md": person("Bob", knows="zed zulu", met_via="a conference"),
    })
    vault = load(root, TODAY)
    # Plain text that names no note (Bob's) is not a link: it mentions no one.
    assert [(m.name, m.mentioned_by) for m in vault.index.mentioned] == [
        ("Yara", ("People/Alice.md",)),
        ("Zed Zulu", ("People/Alice.md",)),
    ]
    nodes, edges = graph_of(root)
    assert nodes == {
        "person:People/Alice.md": "person",
        "person:People/Bob.md": "person",
        "mentioned:yara": "mentioned",
        "mentioned:zed zulu": "mentioned",
    }
    assert edges == [
        ("mentioned:yara", "person:People/Alice.md", ("met_via",)),
        ("mentioned:zed zulu", "person:People/Alice.md", ("knows",)),
        ("person:People/Alice.md", "person:People/Bob.md", ("knows",)),
    ]
    assert vault.graph.nodes["mentioned:zed zulu"]["label"] == "Zed Zulu"

    result = run("sync", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    network = (root / "Network" / "Network.md").read_text(encoding="utf-8")
    listed = section(network, "## Mentioned, without a note")
    assert [line.split(",", 1)[0] for line in listed] == ["- Yara", "- Zed Zulu"]
    assert listed[1].startswith("- Zed Zulu, mentioned by [[People/Alice|Alice]] (")
    assert "a conference" not in network
    for name in ("Blue Bottle", "Xavier", "Somewhere"):
        assert name not in network



@pytest.mark.parametrize(
    "value",
    [
        '"[[Zed Zulu]]"',
        "[[Zed Zulu]]",
        '"[[Zed Zulu|Z]]"',
        '"[[Zed Zulu#Work]]"',
        '"[[Zed Zulu.md]]"',
        '"[[People/Zed Zulu]]"',  # a path form names the same person
    ],
)
def test_every_link_form_to_someone_without_a_note_names_one_mentioned_person(make_vault, value):
    root = make_vault({"People/Alice.md": person("Alice", knows=value),
                       "People/Bob.md": person("Bob", knows='"[[Zed Zulu]]"')})
    vault = load(root, TODAY)
    assert [(m.name, m.mentioned_by) for m in vault.index.mentioned] == [
        ("Zed Zulu", ("People/Alice.md", "People/Bob.md"))]
    assert nodes_of(vault.graph, "mentioned") == ["mentioned:zed zulu"]

# -- the graph -------------------------------------------------------------------------------


def test_the_graph_has_typed_nodes_and_edges(make_vault):
    root = make_vault({
        "People/Alice.md": person(
            "Alice", org='"[[Acme Corp]]"', topics="[Civic Tech, sensors]",
            knows='["[[Bob]]", "[[Zed]]"]', met_via='"[[Carol]]"',
            body="Talked with [[Carol]] about things.\n"),
        "People/Bob.md": person("Bob", company="Acme Corp", interests="[civic tech]"),
        "People/Carol.md": person("Carol", organisation="Globex",
                                  topics='["[[Machine Learning]]"]'),
        "Orgs/Acme Corp.md": "---\ntype: organisation\n---\n# Acme Corp\n",
        "Daily/2026-11-20.md": "- Met [[Alice]] and [[Bob]]\n",
    })
    nodes, edges = graph_of(root)
    alice, bob, carol = (f"person:People/{n}.md" for n in ("Alice", "Bob", "Carol"))
    assert nodes == {
        alice: "person", bob: "person", carol: "person",
        "mentioned:zed": "mentioned",
        "topic:civic tech": "topic", "topic:sensors": "topic", "topic:machine learning": "topic",
        "org:acme corp": "organisation", "org:globex": "organisation",
    }
    assert edges == [
        ("mentioned:zed", alice, ("knows",)),
        ("org:acme corp", alice, ("works_at",)),
        ("org:acme corp", bob, ("works_at",)),
        ("org:globex", carol, ("works_at",)),
        (alice, bob, ("knows",)),
        (alice, carol, ("mentions", "met_via")),
        (alice, "topic:civic tech", ("interested_in",)),
        (alice, "topic:sensors", ("interested_in",)),
        (bob, "topic:civic tech", ("interested_in",)),
        (carol, "topic:machine learning", ("interested_in",)),
    ]
    graph = load(root, TODAY).graph
    assert graph.nodes["org:acme corp"]["label"] == "Acme Corp"
    assert graph.nodes["org:acme corp"]["path"] == "Orgs/Acme Corp.md"
    assert graph.nodes["org:globex"]["path"] is None
    assert nodes_of(graph, "topic") == ["topic:civic tech", "topic:machine learning",
                                        "topic:sensors"]


@pytest.mark.parametrize(
    "first, second",
    [
        ('"[[Acme Corp]]"', "Acme Corp"),
        ('"[[acme corp]]"', "ACME CORP"),
        ('"[[Orgs/Acme Corp|Acme]]"', "acme corp"),
        ("Acme Corp", '"[[Acme Corp.md]]"'),
        ('["[[Acme Corp]]"]', "[Acme Corp]"),
    ],
)
def test_an_org_as_link_and_as_plain_text_is_one_node(make_vault, first, second):
    root = make_vault({
        "People/Alice.md": person("Alice", org=first),
        "People/Bob.md": person("Bob", org=second),
        "Orgs/Acme Corp.md": "---\ntype: organisation\n---\n",
    })
    nodes, edges = graph_of(root)
    assert [n for n, kind in nodes.items() if kind == "organisation"] == ["org:acme corp"]
    assert edges == [("org:acme corp", "person:People/Alice.md", ("works_at",)),
                     ("org:acme corp", "person:People/Bob.md", ("works_at",))]
    data = load(root, TODAY).graph.nodes["org:acme corp"]
    assert (data["label"], data["path"]) == ("Acme Corp", "Orgs/Acme Corp.md")


@pytest.mark.parametrize(
    "spellings",
    [
        ("Civic Tech", "civic tech"),
        ("civic tech", "CIVIC TECH"),
        ("Civic  Tech", "civic tech"),
        ('"[[Civic Tech]]"', "civic tech"),
        ('"#civic tech"', "Civic Tech"),
    ],
)
def test_topic_spellings_merge_into_one_node(make_vault, spellings):
    root = make_vault({
        "People/Alice.md": person("Alice", topics=f"[{spellings[0]}]"),
        "People/Bob.md": person("Bob", topics=spellings[1]),
    })
    nodes, edges = graph_of(root)
    assert [n for n, kind in nodes.items() if kind == "topic"] == ["topic:civic tech"]
    assert edges == [("person:People/Alice.md", "topic:civic tech", ("interested_in",)),
                     ("person:People/Bob.md", "topic:civic tech", ("interested_in",))]


# -- the walk --------------------------------------------------------------------------------

WALK_KEPT = [
    "Archived/y.md",
    "B.md",
    "Daily/2026-11-20.md",
    "People/Jane.md",
    "Projects/Archive/z.md",
    "Zeta/deep/x.md",
    "a b.md",
    "a.md",
    "a/x.md",
]
WALK_SKIPPED = [
    ".obsidian/workspace.md",
    ".trash/Old.md",
    ".git/x.md",
    ".stversions/a.md",
    "People/.hidden.md",
    ".hidden.md",
    "Archive/old.md",
    "Archive/Sub/older.md",
    # (A sync tool's conflict copy is not read either, but it is named: test_conflict_copies.py.)
    "x.md~",
    "x.tmp",
    "x.md___jb_tmp___",
    "photo.png",
    "notes.txt",
    "board.canvas",
    "md",
]


def walk_files(output: str = "Network") -> dict[str, str]:
    files = {path: person(path) for path in WALK_KEPT + WALK_SKIPPED}
    files[f"{output}/Network.md"] = person("generated")
    return files


@pytest.mark.parametrize("output", ["Network", "network", "NETWORK"])
def test_walk_vault_skips_what_is_not_a_note(make_vault, output):
    root = make_vault(walk_files(output))
    files, problems = walk_vault(root, ("Network", "Archive"))
    assert [f.path for f in files] == WALK_KEPT
    assert sorted(WALK_KEPT) == WALK_KEPT
    assert all(Path(f.disk).read_text(encoding="utf-8") == person(f.path) for f in files)
    assert problems == []


@pytest.mark.parametrize("output", ["Network", "network"])
def test_sync_reads_only_the_notes_the_walk_keeps(make_vault, output):
    files = walk_files(output)
    files[".vaultnet.toml"] = 'ignore = ["Archive"]\n'
    root = make_vault(files)
    vault = load(root, TODAY)
    # `network/` is the output folder `Network/` only where the disk ignores case; where it tells
    # case apart, it is a folder of the user's, and read (tests/test_output_folder_twin.py).
    kept = WALK_KEPT if (root / "Network").is_dir() else sorted([*WALK_KEPT, f"{output}/Network.md"])
    assert [n.path for n in vault.index.notes] == kept
    assert person_paths(root) == kept  # each file says `type: person`
    assert vault.problems == ()


def test_walk_returns_paths_sorted_whatever_the_creation_order(make_vault):
    names = ["b/z.md", "B.md", "a.md", "é.md", "e.md", "A/b.md", "a-b.md", "a/b.md", "Z.md"]
    root = make_vault({name: "x\n" for name in reversed(names)})
    files, _ = walk_vault(root, ())
    assert [f.path for f in files] == sorted(names)


def test_symlinks_out_of_the_vault_are_not_followed(make_vault, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "Secret.md").write_text(person("Secret"), encoding="utf-8")
    root = make_vault({"People/Jane.md": person("Jane")})
    (root / "Linked").symlink_to(outside, target_is_directory=True)
    (root / "People" / "Secret.md").symlink_to(outside / "Secret.md")
    (root / "Up").symlink_to("..", target_is_directory=True)  # the parent of the vault

    files, problems = walk_vault(root, ())
    assert [f.path for f in files] == ["People/Jane.md"]
    assert sorted((p.path, "outside the vault" in p.message) for p in problems) == [
        ("Linked", True), ("People/Secret.md", True), ("Up", True)]

    vault = load(root, TODAY)
    assert person_paths(root) == ["People/Jane.md"]
    assert {p.path for p in vault.problems} == {"Linked", "People/Secret.md", "Up"}


def test_symlinks_inside_the_vault_never_loop(make_vault):
    root = make_vault({"top.md": "x\n", "a/note.md": "x\n", "b/c/deep.md": "x\n"})
    (root / "a" / "loop").symlink_to("..", target_is_directory=True)
    (root / "b" / "c" / "self").symlink_to(".", target_is_directory=True)
    (root / "b" / "c" / "back").symlink_to("../..", target_is_directory=True)
    files, problems = walk_vault(root, ())
    assert [f.path for f in files] == ["a/note.md", "b/c/deep.md", "top.md"]
    assert problems == []
    assert [n.path for n in load(root, TODAY).index.notes] == ["a/note.md", "b/c/deep.md",
                                                              "top.md"]


def test_a_vault_reached_through_a_symlink_is_read(make_vault, tmp_path):
    root = make_vault({"People/Jane.md": person("Jane")})
    alias = tmp_path / "alias"
    alias.symlink_to(root, target_is_directory=True)
    files, problems = walk_vault(alias, ())
    assert [f.path for f in files] == ["People/Jane.md"]
    assert problems == []


# -- tags ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, tags",
    [
        ("Coffee #met", {"met"}),
        ("#met at the start", {"met"}),
        ("Emailed #Outreach", {"outreach"}),
        ("Sent a note #outreach/linkedin", {"outreach/linkedin"}),
        ("Two #call #gave", {"call", "gave"}),
        ("(#reply)", {"reply"}),
        ("café #café", {"café"}),
        ("year #y2026", {"y2026"}),
        ("number #123", set()),
        ("foo#bar", set()),
        ("## 2026-10-01", set()),
        ("## Heading", set()),
        ("a link [[Note#Heading]]", set()),
        ("https://example.org/#anchor", set()),
        ("see [Outreach list](#Outreach%20list)", set()),  # a link to a heading of the note
        ("![chart](#met) and (#call)", {"call"}),
        ("no tags here", set()),
    ],
)
def test_find_tags(line, tags):
    assert find_tags(line) == frozenset(tags)


@pytest.mark.parametrize(
    "line, kinds",
    [
        ("- 2026-11-01 Coffee #met", {"met"}),
        ("- 2026-11-01 Emailed #Outreach", {"outreach"}),
        ("- 2026-11-01 Called #CALL and helped #gave", {"call", "gave"}),
        ("- 2026-11-01 Messaged #outreach/linkedin", {"outreach"}),  # a nested tag counts as its root
        ("- 2026-11-01 Messaged #outreaches", set()),
        ("- 2026-11-01 Messaged about foo#outreach", set()),
        ("## 2026-11-01 Lunch #met", {"met"}),
        ("## 2026-11-01 Lunch", set()),
    ],
)
def test_tags_give_the_kind_of_an_interaction(make_vault, line, kinds):
    root = make_vault({"People/Jane.md": person("Jane", body=line)})
    (jane,) = load(root, TODAY).index.people
    assert [(i.day, set(i.kinds)) for i in jane.interactions] == [(date(2026, 11, 1), kinds)]


# -- parse_note ------------------------------------------------------------------------------

BODY = """\
# Jane Doe

## Log
- 2026-10-01 Coffee at the lab #met
- [[2026-10-05]] Call about [[Bob Smith]] #call
## 2026-10-10 Dinner with [[Carol|C]]
* 2026-10-12: Sent notes #gave
1. 2026-10-15 — Numbered entry
- 2026-13-01 not a real date
- [ ] 2026-12-01 a task, not an entry
Text that mentions 2026-10-16 in passing.
```python
- 2026-10-20 inside code [[Code Person]]
- [ ] task inside code 📅 2026-10-20
```
~~~
- 2026-10-21 inside tildes
~~~
- 2026-10-22 after the code #reply

## Tasks
- [ ] Send her the paper 📅 2026-12-01
- [x] Sent the slides 📅 2026-11-01
- [ ] Call back (due 2026-11-30)
- [ ] No date
- [X] Done, capital X
"""

ENTRIES = [  # (day, body line, text, tags, link targets)
    (date(2026, 10, 1), 4, "Coffee at the lab #met", {"met"}, []),
    (date(2026, 10, 5), 5, "Call about [[Bob Smith]] #call", {"call"}, ["Bob Smith"]),
    (date(2026, 10, 10), 6, "Dinner with [[Carol|C]]", set(), ["Carol"]),
    (date(2026, 10, 12), 7, "Sent notes #gave", {"gave"}, []),
    (date(2026, 10, 15), 8, "Numbered entry", set(), []),
    (date(2026, 10, 22), 19, "after the code #reply", {"reply"}, []),
]
TASKS = [  # (text, done, due, body line)
    ("2026-12-01 a task, not an entry", False, None, 10),
    ("Send her the paper", False, date(2026, 12, 1), 22),
    ("Sent the slides", True, date(2026, 11, 1), 23),
    ("Call back", False, date(2026, 11, 30), 24),
    ("No date", False, None, 25),
    ("Done, capital X", True, None, 26),
]
BAD_DATE_LINE = 9


def note_with(frontmatter_lines: int, body: str = BODY) -> str:
    if frontmatter_lines == 0:
        return body
    fields = ["type: person", "role: mentor", "cadence: 30d", "topics: [a, b]"]
    return "---\n" + "\n".join(fields[:frontmatter_lines - 2]) + "\n---\n" + body


def summary(text: str, path: str = "People/Jane Doe.md") -> tuple[list, list, list, list]:
    note = parse_note(path, text)
    entries = [(e.day, e.line, e.text, set(e.tags), [link.target for link in e.links])
               for e in note.entries]
    tasks = [(t.text, t.done, t.due, t.line) for t in note.tasks]
    links = [(link.target, link.line) for link in note.links]
    problems = [(p.line, p.message) for p in note.problems]
    return entries, tasks, links, problems


@pytest.mark.parametrize("frontmatter_lines", [0, 3, 4, 6])
def test_parse_note_entries_and_tasks_with_their_lines(frontmatter_lines):
    entries, tasks, links, problems = summary(note_with(frontmatter_lines))
    shift = frontmatter_lines
    assert entries == [(day, line + shift, text, tags, targets)
                       for day, line, text, tags, targets in ENTRIES]
    assert tasks == [(text, done, due, line + shift) for text, done, due, line in TASKS]
    # every link in the body, the dated one included; none from the code blocks
    assert links == [("2026-10-05", 5 + shift), ("Bob Smith", 5 + shift), ("Carol", 6 + shift)]
    assert problems == [(BAD_DATE_LINE + shift, "log entry date 2026-13-01 is not a real date")]


def test_parse_note_ignores_a_code_block_that_holds_a_date():
    text = note_with(4, "```\n- 2026-11-01 example\n```\n- 2026-11-02 real\n")
    entries, tasks, _, _ = summary(text)
    assert [(e[0], e[1]) for e in entries] == [(date(2026, 11, 2), 8)]
    assert tasks == []


@pytest.mark.parametrize(
    "body",
    [
        "# Jane\n- 2026-10-01 Coffee #met\n- [ ] Paper 📅 2026-12-01\n- [x] Done\n"
        "- 2026-10-02 with [[Bob]]\n",
        BODY,
    ],
    ids=["without code", "with fenced code"],
)
@pytest.mark.parametrize("frontmatter_lines", [0, 4])
def test_crlf_gives_the_same_entries_and_lines_as_lf(body, frontmatter_lines):
    lf = note_with(frontmatter_lines, body)
    crlf = lf.replace("\n", "\r\n")
    assert "\r" not in lf and crlf.count("\r\n") == lf.count("\n")
    assert summary(crlf) == summary(lf)


def test_crlf_note_read_from_disk_gives_the_same_interactions(make_vault):
    lf = note_with(4)
    root_lf = make_vault({"lf/People/Jane Doe.md": lf,
                          "crlf/People/Jane Doe.md": lf.replace("\n", "\r\n").encode("utf-8")})
    lf_vault = load(root_lf / "lf", TODAY)
    crlf_vault = load(root_lf / "crlf", TODAY)
    lf_jane, crlf_jane = lf_vault.index.people[0], crlf_vault.index.people[0]
    assert [(i.day, i.line, set(i.kinds)) for i in crlf_jane.interactions] == \
           [(i.day, i.line, set(i.kinds)) for i in lf_jane.interactions]
    assert crlf_jane.tasks == lf_jane.tasks


@pytest.mark.parametrize("mark, done", [(" ", False), ("x", True), ("X", True), ("/", False)])
def test_task_done_flags(mark, done):
    note = parse_note("People/Jane.md", f"- [{mark}] Something (due 2026-12-01)\n")
    assert [(t.text, t.done, t.due) for t in note.tasks] == [("Something", done,
                                                              date(2026, 12, 1))]


def test_a_note_that_is_not_a_person_has_no_entries_or_tasks():
    text = "# Notes\n- 2026-10-01 Coffee [[Jane]] #met\n- [ ] Something 📅 2026-12-01\n"
    note = parse_note("Notes/Ideas.md", text)
    assert (note.entries, note.tasks, note.links) == ((), (), ())


def test_parse_note_reads_a_daily_note_line_by_line():
    text = "---\ntags: [daily]\n---\n# Friday\n- Lunch with [[Jane]] #met\nNo link here\n" \
           "Called [[Bob|B]] and [[#Heading]]\n"
    note = parse_note("Daily/2026-11-20.md", text)
    assert note.daily == date(2026, 11, 20)
    assert [(e.day, e.line, set(e.tags), [link.target for link in e.links])
            for e in note.entries] == [
        (date(2026, 11, 20), 5, {"met"}, ["Jane"]),
        (date(2026, 11, 20), 7, set(), ["Bob"]),
    ]

