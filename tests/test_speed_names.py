"""Edits that change the notes' names (a note added, one removed or renamed, an alias, who is a
person) resolve again only the notes whose links look up a name that changed: every other note's
links are taken from the parse cache, its people numbered for the notes as they are now, with what
the cache kept of the people they reach. (Before, any such edit resolved every note again: a new
day's note took a sync at 10,000 dense people 1.9–2.6 s.) Each sync leaves the bytes a sync that reads
everything leaves."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import TODAY, person, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cache import (  # noqa: F401 (an_hour_later: a fixture, used by every test here)
    _append,
    an_hour_later,
    assert_fresh,
    cache_header,
    calls,
    rewrite_chunks,
)

import vaultnet.network.graph as graph_module
import vaultnet.network.index as index_module
import vaultnet.pipeline.cache as cache_module
from vaultnet.pipeline.cache import ParseCache
from vaultnet.pipeline.sync import Vault, cached_sync, load_cached, sync
from vaultnet.render.export import export_bytes

ANN, BO, CY = "People/Ann Lee.md", "People/Bo Chen.md", "People/Cy Dee.md"
DAY, NEW_DAY = "Daily/2026-11-24.md", "Daily/2026-11-25.md"
VAULT = {
    ANN: person("Ann Lee", "## Log\n- 2026-08-01 Coffee #met\n"
                "- 2026-11-10 Call with [[Bo Chen]] #call\n", role="mentor", cadence="30d",
                knows='["[[Dee Fox]]"]'),
    BO: person("Bo Chen", "## Log\n- 2026-11-20 Call #call\n", role="peer", aliases="[Bobby]"),
    CY: person("Cy Dee", "## Log\n- 2026-10-01 Lunch with [[People/Bo Chen]] #met\n"
               "- 2026-10-02 Call with [[People/Dee Fox]] #call\n"),
    DAY: "Lunch with [[Bobby]] and [[Dee Fox]]\n",
    "Daily/2026-11-23.md": "Coffee with [[../People/Cy Dee]] and [[../People/Dee Fox]]\n",
    "Daily/2026-11-22.md": "Met [[Eve]] about her reading list\n",
    "Notes/Eve.md": "Eve's reading list\n",
    "Me.md": "---\ntype: me\n---\n",
}


def resolved_after(vault: Path, monkeypatch: pytest.MonkeyPatch, change) -> tuple[list[str], list[str]]:
    """Sync `vault` from its cache after `change`: the notes whose links were resolved again and
    the people whose interactions were gathered again (not taken from what the cache kept), each
    sorted (the sync left what a sync that reads everything leaves)."""
    resolved = calls(monkeypatch, index_module, "_contribute", lambda note, *_: note.path)
    gathered = calls(monkeypatch, index_module, "_person", lambda note, *_, **__: note.path)
    change(vault)
    result = cached_sync(vault, TODAY)
    found = sorted(resolved), sorted(gathered)
    assert_fresh(vault, result)
    return found


def synced(make_vault) -> Path:
    vault = make_vault(VAULT)
    cached_sync(vault, TODAY)
    return vault


def test_a_new_days_note_resolves_its_own_links_alone(make_vault, monkeypatch):
    """The day's note sorts before the people's notes: every person's number moves on by one,
    and the links kept are numbered again; only Ann's interactions are gathered again."""
    vault = synced(make_vault)
    assert resolved_after(vault, monkeypatch, lambda v: (v / NEW_DAY).write_text(
        "Coffee with [[Ann Lee]] #met\n", encoding="utf-8")) == ([NEW_DAY], [ANN])


def test_a_new_person_resolves_again_the_notes_that_named_them(make_vault, monkeypatch):
    """By name (Ann knows her; the day's lunch), by a path from the root (Cy's call), by a path
    from the linking note's own folder (the 23rd's coffee)."""
    vault = synced(make_vault)
    dee = "People/Dee Fox.md"
    assert resolved_after(vault, monkeypatch, lambda v: (v / dee).write_text(
        person("Dee Fox", "- 2026-11-02 Met at a talk #met\n"), encoding="utf-8")) == \
        (["Daily/2026-11-23.md", DAY, ANN, CY, dee], [ANN, BO, CY, dee])


def test_a_name_another_note_takes_changes_the_interactions_it_was_with(make_vault,
                                                                         monkeypatch):
    """A note named as Bo's alias is what [[Bobby]] means now (a name before an alias): the
    day's lunch is with Bo no longer, though nothing of his changed."""
    vault = synced(make_vault)
    bobby = "Notes/Bobby.md"
    assert resolved_after(vault, monkeypatch, lambda v: (v / bobby).write_text(
        "A note about a bobby pin\n", encoding="utf-8")) == ([DAY, bobby], [BO])


def test_a_deletion_resolves_again_the_notes_that_look_up_its_name_or_aliases(make_vault,
                                                                             monkeypatch):
    vault = synced(make_vault)
    assert resolved_after(vault, monkeypatch, lambda v: (v / BO).unlink()) == \
        ([DAY, ANN, CY], [ANN, CY])  # ([[Bobby]], [[Bo Chen]], [[People/Bo Chen]])


def test_a_rename_resolves_again_the_note_and_those_that_look_up_either_name(make_vault,
                                                                            monkeypatch):
    """The day's note links Cy's by a path from its own folder (`../People/Cy Dee`)."""
    vault = synced(make_vault)
    moved = "People/Cy Dee-Li.md"
    assert resolved_after(vault, monkeypatch, lambda v: os.rename(v / CY, v / moved)) == \
        (["Daily/2026-11-23.md", moved], [BO, moved])


def test_a_note_made_a_persons_resolves_again_the_notes_that_link_it(make_vault, monkeypatch):
    vault = synced(make_vault)
    eve = "Notes/Eve.md"
    assert resolved_after(vault, monkeypatch, lambda v: (v / eve).write_text(
        "---\ntype: person\n---\n# Eve\n", encoding="utf-8")) == (["Daily/2026-11-22.md", eve], [eve])


def _write(rel: str, text: str):
    return lambda vault: (vault / rel).write_text(text, encoding="utf-8")


def test_a_new_note_that_adds_nothing_to_the_graph_takes_it_up_from_the_cache(
        make_vault, run, monkeypatch, tmp_path):
    """A day's note adds no person, topic, organisation or person without a note: the graph's
    structure kept beside the cache is taken up (its ties changed in place). A meeting that
    names someone without a note, a note with topics, a person's note: each has it built
    afresh, added or gone."""
    vault = synced(make_vault)
    built = calls(monkeypatch, graph_module, "_new_graph", lambda *_: "built")
    for change, again in [
            (_write(NEW_DAY, "Coffee with [[Ann Lee]] and [[Cy Dee]] #met\n"), []),
            (_write("Notes/Talk.md", "---\ntype: meeting\ndate: 2026-11-20\n"
                    'attendees: ["[[Zed Noone]]", "[[Ann Lee]]"]\n---\n'), ["built"]),
            (_write("Notes/Sensors.md", "---\ntopics: [sensors]\n---\nA reading list\n"),
             ["built"]),
            (_write("People/Dee Fox.md", person("Dee Fox")), ["built"]),
            (lambda v: (v / NEW_DAY).unlink(), []),
            (lambda v: (v / "Notes/Talk.md").unlink(), ["built"]),
            (lambda v: (v / "Notes/Sensors.md").unlink(), ["built"])]:
        built.clear()
        change(vault)
        result = cached_sync(vault, TODAY)
        assert built == again
        assert_fresh(vault, result)
        assert_graph_fresh(run, vault, monkeypatch, tmp_path)


def test_an_alias_no_link_names_leaves_the_graph_as_the_cache_kept_it(make_vault, run,
                                                                       monkeypatch, tmp_path):
    """An alias changes no person's name nor who the people are: the graph is taken up, but
    when it turns someone mentioned without a note into a person (Ann knows [[Dee Fox]])."""
    vault = synced(make_vault)
    built = calls(monkeypatch, graph_module, "_new_graph", lambda *_: "built")
    resolved = calls(monkeypatch, index_module, "_contribute", lambda note, *_: note.path)
    for who, alias, again, made in [(ANN, "Annie", [ANN], []),
                                    (CY, "Dee Fox", ["Daily/2026-11-23.md", DAY, ANN, CY],
                                     ["built"])]:
        built.clear()
        resolved.clear()
        text = (vault / who).read_text(encoding="utf-8")
        (vault / who).write_text(text.replace("type: person\n", f"type: person\naliases: [{alias}]\n"),
                                 encoding="utf-8")
        result = cached_sync(vault, TODAY)
        assert (sorted(resolved), built) == (again, made)
        assert_fresh(vault, result)
        assert_graph_fresh(run, vault, monkeypatch, tmp_path)


def test_a_note_whose_targets_the_cache_lost_is_resolved_again(make_vault, monkeypatch):
    """What each note was resolved by is kept apart, read only by a sync whose names changed:
    a chunk of it gone, the notes it held are resolved again (the others still are not)."""
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 2)  # (chunks of two notes or so)
    vault = synced(make_vault)
    folder = cache_module.chunk_folder(ParseCache(vault).path)  # type: ignore[arg-type]
    count = cache_module.chunk_count(len(VAULT))  # (as the cache kept them)
    assert count > 2
    lost = cache_module.chunk_of(ANN, count)
    (folder / cache_header(vault)["targets"][lost]).unlink()
    held = [path for path in VAULT if cache_module.chunk_of(path, count) == lost]
    resolved, _ = resolved_after(vault, monkeypatch, lambda v: (v / NEW_DAY).write_text(
        "Coffee with [[Ann Lee]] #met\n", encoding="utf-8"))
    assert ANN in held and resolved == sorted({*held, NEW_DAY})


def test_a_cache_that_lost_every_notes_targets_resolves_every_note_again(make_vault,
                                                                          monkeypatch):
    """And takes nothing else it kept of the people: what may differ since is what the parts
    taken tell."""
    vault = synced(make_vault)
    folder = cache_module.chunk_folder(ParseCache(vault).path)  # type: ignore[arg-type]
    for digest in cache_header(vault)["targets"]:
        (folder / digest).unlink()
    resolved, gathered = resolved_after(vault, monkeypatch, lambda v: (v / NEW_DAY).write_text(
        "Coffee with [[Ann Lee]] #met\n", encoding="utf-8"))
    assert resolved == sorted([*VAULT, NEW_DAY])
    assert gathered == sorted(path for path in VAULT if path.startswith("People/"))


@pytest.mark.parametrize("relations", [7, b"not a pickle", "text"])
def test_a_cache_whose_relations_were_written_by_hand_costs_a_resolution_across_a_change(
        make_vault, monkeypatch, relations):
    """What `_since` reads of the parts not taken across a change (a note gone, here: the
    relations the notes that named it had then) cannot be read: nothing is taken, every note
    is resolved again, and the sync does not fail."""
    vault = synced(make_vault)
    rewrite_chunks(vault, "resolved", lambda resolved: {
        path: (saved[0], relations, *saved[2:]) for path, saved in resolved.items()})
    resolved, _ = resolved_after(vault, monkeypatch, lambda v: (v / BO).unlink())
    assert resolved == sorted(path for path in VAULT if path != BO)


def test_a_cache_of_the_notes_as_they_were_is_not_taken_for_them(make_vault, monkeypatch):
    """The parts are taken across a change only from the very notes they were resolved with,
    as the digest of their names says: a chunk of notes gone, nothing is taken."""
    vault = synced(make_vault)
    folder = cache_module.chunk_folder(ParseCache(vault).path)  # type: ignore[arg-type]
    (folder / cache_header(vault)["notes"][0]).unlink()
    resolved, _ = resolved_after(vault, monkeypatch, lambda v: (v / NEW_DAY).write_text(
        "Coffee with [[Ann Lee]] #met\n", encoding="utf-8"))
    assert resolved == sorted([*VAULT, NEW_DAY])


def graph_of(vault: Vault) -> bytes:
    """The graph of a vault read, as `vaultnet export --format json` gives it."""
    return export_bytes("json", vault.graph, vault.agenda, vault.insight, "Network/Network.md")


def exported(run, vault: Path) -> str:
    """The graph as `vaultnet export` gives it (json): from the structure the cache kept, if
    the sync took it up."""
    result = run("export", "--format", "json", "-o", "-", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return result.output


def assert_graph_fresh(run, vault: Path, monkeypatch, tmp_path: Path) -> None:
    """The graph the cache keeps is the one a sync that reads everything builds."""
    ours = exported(run, vault)
    copy = tmp_path / "fresh-graph"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(vault, copy, ignore=shutil.ignore_patterns("Network"))
    with monkeypatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path / "no-cache"))
        assert ours == exported(run, copy)


MEETING = ('---\ntype: meeting\ndate: 2026-11-20\nattendees: ["[[Sam]]", "[[Zed]]"]\n---\n'
           "Talked.\n")


def test_whom_a_meeting_names_without_a_note_met_is_worked_out_again_across_a_change(
        make_vault, run, monkeypatch, tmp_path):
    """Sam is Pat's alias, then Alex's, and a note added numbers everyone anew (Alex now has
    the number Pat had): the meeting, resolved again, met Zed (no note) with Alex, not Pat.
    (Its people, by number, were the same bytes: the graph was taken up with Pat.)"""
    vault = make_vault({"Meetings/M.md": MEETING, "Me.md": "---\ntype: me\n---\n",
                        "People/Alex.md": person("Alex", "- 2026-11-01 Call #call\n"),
                        "People/Pat.md": person("Pat", "- 2026-11-02 Call #call\n",
                                                aliases="[Sam]")})
    cached_sync(vault, TODAY)
    (vault / "Notes").mkdir()
    (vault / "Notes/X.md").write_text("A plain note\n", encoding="utf-8")
    (vault / "People/Pat.md").write_text(person("Pat", "- 2026-11-02 Call #call\n"),
                                         encoding="utf-8")
    (vault / "People/Alex.md").write_text(person("Alex", "- 2026-11-01 Call #call\n",
                                                 aliases="[Sam]"), encoding="utf-8")
    assert_fresh(vault, cached_sync(vault, TODAY))
    assert_graph_fresh(run, vault, monkeypatch, tmp_path)


def test_whom_a_days_meeting_met_are_those_of_its_field_alone(make_vault, run, monkeypatch,
                                                              tmp_path):
    """A day's page that is a meeting: Cy (no note) was met with the people its field names,
    not those its lines name. Dee moves from the field to a line, Bo from a line to another:
    the same people, in the same order, on other lines (before, only whom the note's lines are
    with was compared, and the graph was taken up with Dee still there)."""
    day = "Daily/2026-11-24.md"
    meeting = '---\ntype: meeting\nattendees: [{}]\n---\n{}'
    vault = make_vault({day: meeting.format('"[[Dee]]", "[[Cy]]"', "- Call with [[Bo]]\n"),
                        "Me.md": "---\ntype: me\n---\n",
                        "People/Dee.md": person("Dee", "- 2026-11-01 Call #call\n"),
                        "People/Bo.md": person("Bo", "- 2026-11-02 Call #call\n")})
    cached_sync(vault, TODAY)
    (vault / day).write_text(meeting.format('"[[Cy]]"', "- Call with [[Dee]]\n"
                                                        "- Call with [[Bo]]\n"), encoding="utf-8")
    assert_fresh(vault, cached_sync(vault, TODAY))
    assert_graph_fresh(run, vault, monkeypatch, tmp_path)


# Names that collide (in case, across folders, as aliases), the folders they may be in, and the
# ways a link may name them.
NAMES = ["Ann", "ann", "Bo", "Cy", "2026-11-24"]
FOLDERS = ["People", "People/Team", "Clients", "Daily", "Notes"]
LINKS = [lambda name, folder: f"[[{name}]]", lambda name, folder: f"[[People/{name}]]",
         lambda name, folder: f"[[../People/{name}]]", lambda name, folder: f"[[{folder}/{name}]]"]
NOTE = st.tuples(st.sampled_from(FOLDERS), st.sampled_from(NAMES))
LINE = st.tuples(st.sampled_from(NAMES), st.sampled_from(FOLDERS), st.integers(0, len(LINKS) - 1),
                 st.integers(1, 24))
STEP = st.one_of(
    st.tuples(st.just("write"), NOTE, st.sampled_from(["person", "day", "meeting", "plain"]),
              st.lists(st.sampled_from(NAMES), max_size=2), st.lists(LINE, max_size=3)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("rename"), st.integers(0, 20), NOTE),
)


def _text(kind: str, name: str, aliases: list[str], lines: list[tuple]) -> str:
    body = "".join(f"- 2026-11-{day:02d} Call with {LINKS[form](other, folder)} #call\n"
                   for other, folder, form, day in lines)
    if kind == "person":
        return person(name, "## Log\n" + body, aliases=f"[{', '.join(aliases)}]",
                      knows=f'["[[{aliases[0]}]]"]' if aliases else "[]")
    if kind == "meeting":
        first = lines[0] if lines else ("Ann", "People", 0, 1)
        return f"---\ntype: meeting\ndate: 2026-11-0{first[3] % 9 + 1}\n" \
               f"attendees: [\"{LINKS[0](first[0], '')}\", \"[[Zed]]\"]\n---\n{body}"
    return body


@pytest.mark.slow  # (random vaults)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(STEP, min_size=1, max_size=6))
def test_any_names_changed_give_what_a_sync_that_reads_everything_gives(monkeypatch, steps):
    """Notes written, removed and moved, of names that collide, in case and across folders,
    with aliases, linked by name, by path, and from their own folder: each sync through the
    cache leaves the bytes (and says what) a sync that reads everything does, from the same
    graph."""
    with tempfile.TemporaryDirectory(prefix="vaultnet-names-") as base:
        monkeypatch.setenv("XDG_CACHE_HOME", str(Path(base) / "cache"))
        vault = Path(base) / "vault"
        (vault / ".obsidian").mkdir(parents=True)  # (a vault, though every person go)
        for path, text in VAULT.items():
            (vault / path).parent.mkdir(parents=True, exist_ok=True)
            (vault / path).write_text(text, encoding="utf-8")
        cached_sync(vault, TODAY)
        for step in steps:
            notes = sorted(p for p in snapshot(vault) if p.endswith(".md")
                           and not p.startswith("Network/") and p != "Me.md")
            if step[0] == "write":
                _, (folder, name), kind, aliases, lines = step
                name = "2026-11-22" if kind == "day" else name
                folder = "Daily" if kind == "day" else folder
                (vault / folder).mkdir(parents=True, exist_ok=True)
                (vault / folder / f"{name}.md").write_text(_text(kind, name, aliases, lines),
                                                           encoding="utf-8")
            elif step[0] == "delete" and notes:
                (vault / notes[step[1] % len(notes)]).unlink()
            elif step[0] == "rename" and notes:
                (folder, name) = step[2]
                target = vault / folder / f"{name}.md"
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.rename(vault / notes[step[1] % len(notes)], target)
            result = cached_sync(vault, TODAY)
            fresh_copy = Path(base) / "fresh"
            shutil.rmtree(fresh_copy, ignore_errors=True)
            shutil.copytree(vault, fresh_copy, ignore=shutil.ignore_patterns("Network"))
            fresh = sync(fresh_copy, TODAY)
            ours = {k: v for k, v in snapshot(vault).items() if k.startswith("Network/")}
            theirs = {k: v for k, v in snapshot(fresh_copy).items() if k.startswith("Network/")}
            assert ours == theirs, steps
            assert result.summary == fresh.summary  # type: ignore[union-attr]
            # (What `export` gives, from the graph the cache kept, as it does.)
            assert graph_of(load_cached(vault, TODAY)) == graph_of(fresh.vault), steps


def test_a_chunk_named_by_its_digest_alone_that_has_gone_is_not_written_empty(tmp_path):
    """A save names a chunk of targets no note of which was resolved again by its digest, its
    bytes not read; if its file has gone meanwhile, the save is not written (costing speed next
    time), rather than write an empty file under that name."""
    name = "0" * 64 + "-" + "0" * 32
    assert cache_module._keep_chunks(tmp_path, iter([(b"", name)])) is None
    assert list(tmp_path.iterdir()) == []


def test_a_new_days_note_is_kept_with_what_it_was_resolved_by(make_vault):
    vault = synced(make_vault)
    (vault / NEW_DAY).write_text("Coffee with [[Ann Lee]] and [[../People/Cy Dee]]\n",
                                 encoding="utf-8")
    _append(vault / ANN, "- 2026-11-25 Call #call\n")
    cached_sync(vault, TODAY)
    stored = ParseCache(vault).load(cache_module.code_key())
    assert stored is not None
    assert stored.targets()[NEW_DAY] == ("../People/Cy Dee", "Ann Lee")
    assert stored.targets()[ANN] == ("Bo Chen", "Dee Fox")
    assert stored.targets()[DAY] == ("Bobby", "Dee Fox")
