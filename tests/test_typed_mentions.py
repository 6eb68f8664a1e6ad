"""A typed relation to someone without a note is a mentioned person, as one named in `knows` is.

A field of a person note that names people by its very name (`spouse`, `parents`, `siblings`,
`manager`, `reports_to`, `colleagues`, …) makes a name there with no note a mentioned person: listed
on Network.md as a note to create, a node of the exports, and reached by `intro` through the person
whose note names them. Any other field's link (`projects`, `favorite_book`) names books, places and
projects as often as people: it ties to a person note, and to no one else.
"""

from __future__ import annotations

import json
import time

import pytest
from conftest import TODAY, person
from test_incremental import Editor, _digest, assert_same_as_fresh
from test_meeting_mentions import mentioned, network

import vaultnet.pipeline.cache as cache_module
from vaultnet.parse.note import names_people
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import cached_sync, load, load_cached

DAY = TODAY.isoformat()
ROSE = "People/Grandma Rose.md"
# The reviewer's note: nobody it names has a note.
GRANDMA = {ROSE: ('---\ntags: [family]\nspouse: "[[Grandpa Jim]]"\nsiblings: ["[[Aunt Sue]]"]\n'
                  'knows: ["[[Cousin Al]]"]\n---\n')}


# -- the rule ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["knows", "met_via", "spouse", "parents", "siblings", "manager",
                                  "reports_to", "reports to", "reports-to", "Reports To",
                                  "reportsTo", "direct_reports", "colleagues", "Co-Workers",
                                  "mentor", "friends", "assistant"])
def test_a_field_named_for_people_names_people(kind):
    assert names_people(kind)


@pytest.mark.parametrize("kind", ["projects", "favorite_book", "visited_with", "reports", "team",
                                  "partners", "mentions", "related"])
def test_any_other_field_names_no_one_by_its_name(kind):
    assert not names_people(kind)


# -- who they are, and who named them --------------------------------------------------------


def test_a_typed_relation_to_a_name_without_a_note_is_a_mentioned_person(make_vault):
    root = make_vault(GRANDMA)
    assert mentioned(root) == [("Aunt Sue", (ROSE,), (ROSE,)), ("Cousin Al", (ROSE,), (ROSE,)),
                               ("Grandpa Jim", (ROSE,), (ROSE,))]
    relations = load(root, TODAY).index.relations
    assert ("spouse", ROSE, "mentioned:grandpa jim") in relations
    assert ("siblings", ROSE, "mentioned:aunt sue") in relations


def test_field_names_are_compared_as_field_keys_are(make_vault):
    root = make_vault({"People/Ben.md": '---\nReports To: "[[Big Boss]]"\nCo-Workers: [[Kim]]\n---\n'})
    assert [name for name, _, _ in mentioned(root)] == ["Big Boss", "Kim"]
    assert {kind for kind, _, _ in load(root, TODAY).index.relations} == {"co-workers",
                                                                           "reports to"}


@pytest.mark.parametrize("field", ["projects", "favorite_book", "visited_with"])
def test_a_link_in_another_field_with_no_note_is_no_one(make_vault, field):
    """`projects: [[Flexoki]]` names a project: no person, no node, no tie."""
    root = make_vault({"People/Ann.md": f'---\n{field}: "[[Flexoki]]"\nspouse: "[[Bo]]"\n---\n'})
    index = load(root, TODAY).index
    assert [m.name for m in index.mentioned] == ["Bo"]
    assert [kind for kind, _, _ in index.relations] == ["spouse"]


def test_a_link_in_another_field_to_a_person_note_is_still_a_tie(make_vault):
    root = make_vault({"People/Ann.md": '---\nfavorite_book: "[[Bo]]"\n---\n',
                       "People/Bo.md": "# Bo\n"})
    index = load(root, TODAY).index
    assert index.mentioned == ()
    assert index.relations == (("favorite_book", "People/Ann.md", "People/Bo.md"),)


def test_a_typed_relation_to_oneself_or_a_non_person_note_is_no_one(make_vault):
    root = make_vault({ROSE: '---\nspouse: "[[Grandma Rose]]"\nfriends: ["[[Garden Club]]"]\n---\n',
                       "Notes/Garden Club.md": "# Club\n"})
    index = load(root, TODAY).index
    assert (index.mentioned, index.relations) == ((), ())


# -- what the commands show --------------------------------------------------------------------


def test_network_md_offers_the_note_to_create(make_vault, run):
    text = network(run, make_vault(GRANDMA))
    section = text.split("## Mentioned, without a note\n\n")[1].split("\n\n")[0]
    assert section.splitlines() == [
        f"- {name}, mentioned by [[People/Grandma Rose|Grandma Rose]] "
        f"([[People/{name}|create the note]])" for name in ("Aunt Sue", "Cousin Al", "Grandpa Jim")]


def test_intro_goes_through_who_named_them(make_vault, run):
    root = make_vault(GRANDMA)
    result = run("intro", "Grandpa Jim", "--vault", root, "--today", DAY)
    assert result.exit_code == 0, result.output
    assert "Warm paths to Grandpa Jim:\n1. Grandma Rose → Grandpa Jim\n" in result.output
    assert f'Make a note for them: vaultnet add "Grandpa Jim" --vault {root}\n' in result.output


def test_brief_shows_a_typed_tie_to_someone_without_a_note(make_vault, run):
    """`brief` shows the typed ties of their note (README), a name with no note among them."""
    root = make_vault(GRANDMA)
    result = run("brief", "Grandma Rose", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "spouse: Grandpa Jim (no note yet)" in result.output
    assert "siblings: Aunt Sue (no note yet)" in result.output
    data = json.loads(run("brief", "Grandma Rose", "--json", "--vault", root, "--today",
                          TODAY).output)
    assert {"kind": "spouse", "person": "Grandpa Jim", "note": None,
            "declared_in": ROSE} in data["relations"]


def test_the_export_has_a_node_and_an_edge_named_by_the_field(make_vault, run):
    root = make_vault(GRANDMA)
    exported = json.loads(run("export", "--format", "json", "-o", "-", "--vault", root,
                              "--today", DAY).output)
    nodes = {n["id"]: n for n in exported["nodes"]}
    assert nodes["mentioned:grandpa jim"]["mentioned_by"] == ROSE
    edges = {(e["source"], e["target"]): e["kinds"] for e in exported["edges"]}
    assert edges[("mentioned:grandpa jim", "person:" + ROSE)] == "spouse"
    assert edges[("mentioned:aunt sue", "person:" + ROSE)] == "siblings"


# -- a watch round and the parse cache give what a fresh sync gives ----------------------------

EDITS = [
    ("projects", '"[[Grandpa Jim]]"'),  # named, but not as a person
    ("spouse", '"[[Grandpa Jim]]"'),  # now a person without a note
    ("spouse", '"[[GRANDPA JIM]]"'),  # only the spelling changes
    ("spouse", '"[[Uncle Ned]]"'),
    ("spouse", None),
]


def rose() -> str:
    return person("Grandma Rose", "- 2026-11-01 Tea #met\n", knows='["[[Cousin Al]]"]')


@pytest.mark.parametrize("told", [False, True], ids=["walked", "told by events"])
def test_a_watch_round_reads_typed_mentions_as_a_fresh_sync(make_vault, told):
    editor = Editor(make_vault({ROSE: rose()}))
    store = NoteStore()
    assert_same_as_fresh(editor.root, store, TODAY)
    seen = []
    for name, value in EDITS:
        editor.set_field(ROSE, name, value)
        assert_same_as_fresh(editor.root, store, TODAY, editor.events if told else None)
        seen.append([m.name for m in load(editor.root, TODAY).index.mentioned])
    assert seen == [["Cousin Al"], ["Cousin Al", "Grandpa Jim"], ["Cousin Al", "GRANDPA JIM"],
                    ["Cousin Al", "Uncle Ned"], ["Cousin Al"]]
    editor.set_field(ROSE, "spouse", '"[[Grandpa Jim]]"')
    assert_same_as_fresh(editor.root, store, TODAY, editor.events if told else None)
    editor.write("People/Grandpa Jim.md", "# Jim\n")  # the note to create, created
    assert_same_as_fresh(editor.root, store, TODAY, editor.events if told else None)
    assert [m.name for m in load(editor.root, TODAY).index.mentioned] == ["Cousin Al"]
    editor.delete("People/Grandpa Jim.md")
    assert_same_as_fresh(editor.root, store, TODAY, editor.events if told else None)


def test_a_sync_from_the_parse_cache_reads_typed_mentions_as_a_fresh_sync(make_vault,
                                                                          monkeypatch):
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)
    editor = Editor(make_vault({ROSE: rose()}))
    cached_sync(editor.root, TODAY)
    for name, value in EDITS:
        editor.set_field(ROSE, name, value)
        assert _digest(load_cached(editor.root, TODAY)) == _digest(load(editor.root, TODAY))
        cached_sync(editor.root, TODAY)
    editor.set_field(ROSE, "spouse", '"[[Grandpa Jim]]"')
    kept = load_cached(editor.root, TODAY)
    assert _digest(kept) == _digest(load(editor.root, TODAY))
    assert "mentioned:grandpa jim" in kept.graph
