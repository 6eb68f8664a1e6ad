"""Network.md's mentioned people who may be someone with a note: `[[Carol Diaz]]` beside
`People/Carol Díaz.md`, the same name but for case, accents or apostrophes (or the name of an
alias). The line points to that note and the link to write, as `intro` does, and keeps the link
that creates a note, for someone else of that name. A name of no note's stays as it was.

Today is 2026-11-25 throughout (conftest.TODAY).
"""

from __future__ import annotations

import pytest
from conftest import TODAY, person
from test_incremental import Editor, assert_same_as_fresh
from test_reading import section

from vaultnet.network import twins
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import sync

ANN = "People/Ann Lee.md"
BY_ANN = "mentioned by [[People/Ann Lee|Ann Lee]]"
MENTIONED = "## Mentioned, without a note"


def ann_knows(*names: str) -> str:
    return person("Ann Lee", knows="[" + ", ".join(f'"[[{name}]]"' for name in names) + "]")


def mentioned(run, root) -> list[str]:
    result = run("sync", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return section((root / "Network" / "Network.md").read_text(encoding="utf-8"), MENTIONED)


@pytest.mark.parametrize(("written", "note", "but_for"), [
    ("Carol Diaz", "Carol Díaz", "accents"),
    ("carol diaz", "Carol Díaz", "case and accents"),
    ("Sean O’Brien", "Sean O'Brien", "apostrophes"),
    ("SEAN O’BRIEN", "Seán O'Brien", "case, accents and apostrophes"),
])
def test_a_name_but_for_case_accents_or_apostrophes_points_to_the_note(
        make_vault, run, written, note, but_for):
    root = make_vault({ANN: ann_knows(written), f"People/{note}.md": person()})
    assert mentioned(run, root) == [
        f"- {written}, {BY_ANN}: is this [[People/{note}|{note}]] (the same name but for "
        f"{but_for})? If so, link them as \\[\\[{note}\\]\\]; if not, "
        f"[[People/{written}|create the note]]."]


def test_a_name_but_for_case_alone_is_the_note_s_already(make_vault, run):
    """Links are case-insensitive: `[[carol díaz]]` is Carol Díaz's, no one mentioned."""
    root = make_vault({ANN: ann_knows("carol díaz"), "People/Carol Díaz.md": person("Carol Díaz")})
    assert mentioned(run, root) == ["Everyone mentioned has a note."]


def test_an_alias_but_for_apostrophes_gives_the_link_through_the_alias(make_vault, run):
    root = make_vault({ANN: ann_knows("Jon O'Brien"),
                       "People/Jonathan O’Brien.md": person(aliases="[Jon O’Brien]")})
    assert mentioned(run, root) == [
        f"- Jon O'Brien, {BY_ANN}: is this [[People/Jonathan O’Brien|Jonathan O’Brien]] (alias "
        "Jon O’Brien: the same but for apostrophes)? If so, link them as "
        "\\[\\[Jonathan O’Brien\\|Jon O’Brien\\]\\]; if not, "
        "[[People/Jon O'Brien|create the note]]."]


def test_a_note_s_own_name_before_another_note_s_alias(make_vault, run):
    """As `vaultnet add` and `intro` choose."""
    root = make_vault({ANN: ann_knows("Carol Diaz"),
                       "People/Caroline Dunn.md": person(aliases="[Carol Díaz]"),
                       "People/Carol DÍAZ.md": person()})
    assert mentioned(run, root) == [
        f"- Carol Diaz, {BY_ANN}: is this [[People/Carol DÍAZ|Carol DÍAZ]] (the same name but "
        "for case and accents)? If so, link them as \\[\\[Carol DÍAZ\\]\\]; if not, "
        "[[People/Carol Diaz|create the note]]."]


def test_a_name_another_note_has_too_is_linked_by_its_path(make_vault, run):
    """`[[Carol Díaz]]` would be ambiguous beside `Projects/Carol Díaz.md`."""
    root = make_vault({ANN: ann_knows("Carol Diaz"), "People/Carol Díaz.md": person(),
                       "Projects/Carol Díaz.md": "A project named for her.\n"})
    assert mentioned(run, root) == [
        f"- Carol Diaz, {BY_ANN}: is this [[People/Carol Díaz|Carol Díaz]] (the same name but "
        "for accents)? If so, link them as \\[\\[People/Carol Díaz\\]\\]; if not, "
        "[[People/Carol Diaz|create the note]]."]


def test_the_same_name_in_another_folder(make_vault, run):
    """`[[People/Zed]]` names no note when Zed's is in Friends/: the same name, and a twin."""
    root = make_vault({ANN: ann_knows("People/Zed"), "Friends/Zed.md": person()})
    assert mentioned(run, root) == [
        f"- Zed, {BY_ANN}: is this [[Friends/Zed|Zed]] (the same name)? If so, link them as "
        "\\[\\[Zed\\]\\]; if not, [[People/Zed|create the note]]."]


def test_a_meeting_s_attendee_too(make_vault, run):
    meeting = ('---\ncategories:\n  - "[[Meetings]]"\ndate: 2026-11-20\n'
               'people: ["[[Ann Lee]]", "[[Zoe Muller]]"]\n---\nLunch.\n')
    root = make_vault({ANN: person(), "People/Zoë Müller.md": person(),
                       "Notes/2026-11-20 Lunch.md": meeting})
    assert mentioned(run, root) == [
        "- Zoe Muller, mentioned by [[Notes/2026-11-20 Lunch|2026-11-20 Lunch]]: is this "
        "[[People/Zoë Müller|Zoë Müller]] (the same name but for accents)? If so, link them as "
        "\\[\\[Zoë Müller\\]\\]; if not, [[People/Zoe Muller|create the note]]."]


def test_no_twin_no_change(make_vault, run):
    root = make_vault({ANN: ann_knows("Carol Diaz", "Zed Unknown"),
                       "People/Carla Diaz.md": person()})
    assert mentioned(run, root) == [
        f"- Carol Diaz, {BY_ANN} ([[People/Carol Diaz|create the note]])",
        f"- Zed Unknown, {BY_ANN} ([[People/Zed Unknown|create the note]])"]


def test_a_twin_beside_names_of_no_note(make_vault, run):
    root = make_vault({ANN: ann_knows("Zed Unknown", "Carol Diaz", "Abe Unknown"),
                       "People/Carol Díaz.md": person()})
    lines = mentioned(run, root)
    assert [line.partition(",")[0] for line in lines] == ["- Abe Unknown", "- Carol Diaz",
                                                          "- Zed Unknown"]
    assert lines[0] == f"- Abe Unknown, {BY_ANN} ([[People/Abe Unknown|create the note]])"
    assert lines[1].startswith(f"- Carol Diaz, {BY_ANN}: is this [[People/Carol Díaz|")


# -- what a sync works out, and when ----------------------------------------------------------


@pytest.fixture
def folded(monkeypatch):
    """The names folded to find twins, each time one is."""
    seen: list[str] = []
    real = twins.folded_name

    def counted(name: str) -> str:
        seen.append(name)
        return real(name)

    monkeypatch.setattr(twins, "folded_name", counted)
    return seen


def test_no_name_is_folded_when_no_one_is_mentioned(make_vault, run, folded):
    root = make_vault({ANN: person(knows='["[[Bo Ek]]"]'), "People/Bo Ek.md": person(),
                       "People/Émile Zola.md": person(aliases="[Émile]")})
    assert mentioned(run, root) == ["Everyone mentioned has a note."]
    assert folded == []


def test_the_names_are_folded_once_while_no_name_or_alias_changes(make_vault, folded):
    """A watch round keeps the twins found while the notes' names and aliases hold; a new alias
    is seen at once."""
    ed = Editor(make_vault({ANN: ann_knows("Carol Diaz", "Jon O'Brien"),
                            "People/Carol Díaz.md": person(),
                            "People/Jonathan O’Brien.md": person(),
                            "People/Émile Zola.md": person(aliases="[Émile]")}))
    store = NoteStore()
    sync(ed.root, ed.today, store=store)
    # (The keys of names and aliases not plain ASCII, as the index has them.)
    assert set(folded) > {"Carol Diaz", "Jon O'Brien", "émile", "carol díaz"}
    assert {k for k in folded if k.isascii()} == {"Carol Diaz", "Jon O'Brien"}  # (mentioned)
    folded.clear()
    ed.append("People/Carol Díaz.md", "## Log\n- 2026-11-20 Coffee #met\n")
    sync(ed.root, ed.today, store=store, recheck=set(ed.events), walk=False)
    assert folded == ["Carol Diaz", "Jon O'Brien"]  # (the names mentioned alone)
    ed.events.clear()
    ed.set_field("People/Jonathan O’Brien.md", "aliases", "[Jon O’Brien]")
    assert_same_as_fresh(ed.root, store, ed.today, ed.events)
    lines = section(ed.read("Network/Network.md"), MENTIONED)
    assert lines[1] == (
        f"- Jon O'Brien, {BY_ANN}: is this [[People/Jonathan O’Brien|Jonathan O’Brien]] (alias "
        "Jon O’Brien: the same but for apostrophes)? If so, link them as "
        "\\[\\[Jonathan O’Brien\\|Jon O’Brien\\]\\]; if not, "
        "[[People/Jon O'Brien|create the note]].")


def test_no_link_to_write_when_obsidian_would_read_the_name_otherwise(make_vault, run):
    """A run of spaces in a note's name: a link that writes it is not read as written."""
    root = make_vault({ANN: ann_knows("Carol Diaz"), "People/Carol  Díaz.md": person()})
    assert mentioned(run, root) == [
        f"- Carol Diaz, {BY_ANN}: is this [[People/Carol  Díaz|Carol  Díaz]] (the same name but "
        "for accents)? If not, [[People/Carol Diaz|create the note]]."]


# -- a name whose note is in an ignored folder -------------------------------------------------

IGNORED = "which vaultnet does not read (it is in Archive, a folder the `ignore` setting leaves out)"


def test_a_name_whose_note_is_in_an_ignored_folder_is_not_offered_a_new_note(make_vault, run):
    """`ignore = ["Archive"]` keeps Archive/Old Colleague.md out of the network, but a link to
    the name still goes to it in Obsidian: a note made in People/ would be a second one of that
    name. The line says where the note is and why it is not read, and offers none."""
    root = make_vault({".vaultnet.toml": 'ignore = ["Archive"]\n',
                       ANN: ann_knows("Old Colleague", "Nobody Yet"),
                       "Archive/2024/Old Colleague.md": person(role="colleague")})
    assert mentioned(run, root) == [
        f"- Nobody Yet, {BY_ANN} ([[People/Nobody Yet|create the note]])",
        f"- Old Colleague, {BY_ANN}: is [[Archive/2024/Old Colleague|Archive/2024/Old "
        f"Colleague.md]], {IGNORED}"]

