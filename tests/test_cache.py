"""The parse cache can't serve stale data.

Each test syncs a vault of real files through the cache, changes something the way a user (or a
sync client) would, syncs again through the cache, and holds the result to a sync that reads
everything: the generated notes byte for byte, and what was printed.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import pickle
import shutil
import sys
import threading
import time
import weakref
from array import array
from collections.abc import Callable
from dataclasses import astuple, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, person, snapshot, write_files

import vaultnet.insight.communities as field_module
import vaultnet.insight.suggestions as suggestions_module
import vaultnet.network.graph as graph_module
import vaultnet.network.index as index_module
import vaultnet.pipeline.cache as cache_module
import vaultnet.pipeline.note_store as note_store_module
import vaultnet.pipeline.sync as sync_module
import vaultnet.render.network_page as network_page_module
import vaultnet.render.topic_pages as topic_pages_module
import vaultnet.write.generated as generated_module
from vaultnet.base.errors import DamagedCache
from vaultnet.base.model import Contacts, Interaction, Note, Person
from vaultnet.base.settings import load_settings
from vaultnet.insight.agenda import agenda_json
from vaultnet.network.graph import Graph
from vaultnet.parse.note import parse_note
from vaultnet.pipeline.cache import (
    DEPENDENCIES,
    FORMAT,
    ParseCache,
    State,
    Unchanged,
    cache_folder,
    code_key,
    output_signatures,
    settings_key,
)
from vaultnet.pipeline.one_at_a_time import one_sync_at_a_time
from vaultnet.pipeline.sync import cached_sync, sync
from vaultnet.read.obsidian import skipped

ANN = "People/Ann Lee.md"
FILES = {
    ANN: person("Ann Lee", "## Log\n- 2026-08-01 Coffee #met\n", role="mentor", cadence="30d",
                topics="[sensors]"),
    "People/Bo Chen.md": person("Bo Chen", "## Log\n- 2026-11-20 Call #call\n", role="peer",
                                topics="[sensors]", knows='["[[Ann Lee]]"]'),
    "Daily/2026-11-24.md": "Lunch with [[Bo Chen]]\n",
}


@pytest.fixture(autouse=True)
def an_hour_later(monkeypatch):
    """The cache written as if an hour after the notes: none of them is "racy" (see the last
    test for notes that are)."""
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)


def output(vault: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(vault).items() if k.startswith("Network/")}


def assert_fresh(vault: Path, result: object, today: date = TODAY) -> None:
    """`result` (a cached sync) left what a sync that reads everything leaves, and says the same."""
    copy = vault.parent / "fresh"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(vault, copy, ignore=shutil.ignore_patterns("Network"))
    fresh = sync(copy, today)
    assert output(vault) == output(copy)
    assert result.summary == fresh.summary  # type: ignore[attr-defined]


def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the notes parsed from now on, in order."""
    parsed: list[str] = []
    real = note_store_module.parse_note
    monkeypatch.setattr(note_store_module, "parse_note",
                        lambda path, *a: parsed.append(path) or real(path, *a))
    return parsed


def calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str,
          noted: Callable[..., object] = lambda *args: args[0],
          found: list[object] | None = None) -> list[object]:
    """What `module.name` is called with from now on (`noted` of its arguments), in order (in
    `found`, if given: the calls of several functions in one list)."""
    found = [] if found is None else found
    real = getattr(module, name)
    monkeypatch.setattr(module, name,
                        lambda *args, **kw: found.append(noted(*args)) or real(*args, **kw))
    return found


def note_chunks(pickled: list[object]) -> list[dict[str, object]]:
    """Of the values pickled, the chunks of notes (not the state, nor the resolved links)."""
    return [value for value in pickled if isinstance(value, dict) and value
            and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], Note)
                    for v in value.values())]


def people_chunks(pickled: list[object]) -> list[dict[str, object]]:
    """Of the values pickled, the chunks of people (each a tie, contacts and rows of the
    agenda, by path)."""
    return [value for value in pickled if isinstance(value, dict) and value
            and all(isinstance(v, tuple) and len(v) == 3 and isinstance(v[1], Contacts)
                    for v in value.values())]


def targets_chunks(pickled: list[object]) -> list[dict[str, object]]:
    """Of the values pickled, the chunks of targets (each note's, a tuple of strings, by path)."""
    return [value for value in pickled if isinstance(value, dict) and value
            and all(isinstance(v, tuple) and all(isinstance(t, str) for t in v)
                    for v in value.values())]


def cache_chunk_of(path: str) -> int:
    """The chunk of the cache a note is in, at 8 chunks."""
    return cache_module.chunk_of(path, 8)


def resolved_chunks(pickled: list[object]) -> list[dict[str, object]]:
    """Of the values pickled, the chunks of resolved links (each a note's `Saved`, by path)."""
    return [value for value in pickled if isinstance(value, dict) and value
            and all(isinstance(v, tuple) and len(v) == 6 and isinstance(v[0], tuple)
                    and isinstance(v[0][0], bytes) for v in value.values())]


def cache_header(vault: Path) -> dict[str, Any]:
    """The header of the cache file of `vault` (its first line)."""
    path = ParseCache(vault).path
    assert path is not None
    return dict(json.loads(path.read_bytes().partition(b"\n")[0]))


def named_chunks(vault: Path) -> set[str]:
    """The files of the chunks' folder the cache of `vault` names: its parts' chunks, and the
    pages its state names."""
    header = cache_header(vault)
    stored = ParseCache(vault).load(code_key())
    pages = stored.state.pages if stored is not None else None
    return {digest for part in cache_module.PARTS for digest in header[part]} | (
        {pages[1]} if isinstance(pages, tuple) else set())


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_sync_with_nothing_changed_does_nothing(make_vault):
    vault = make_vault(FILES)
    first = cached_sync(vault, TODAY)
    assert not isinstance(first, Unchanged)
    before = {p: (vault / p).stat().st_mtime_ns for p in output(vault)}
    second = cached_sync(vault, TODAY)
    assert isinstance(second, Unchanged)
    assert second.writes.created == second.writes.written == [] and second.writes.ok
    assert {p: (vault / p).stat().st_mtime_ns for p in output(vault)} == before
    assert_fresh(vault, second)


def test_unchanged_notes_are_not_parsed_again(make_vault, monkeypatch):
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    parsed = parses(monkeypatch)
    edit(vault / ANN, "Coffee", "Long coffee")
    result = cached_sync(vault, TODAY)
    assert parsed == [ANN]
    assert_fresh(vault, result)


def test_an_edit_that_keeps_size_and_mtime(make_vault):
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    info = (vault / ANN).stat()
    edit(vault / ANN, "2026-08-01", "2026-11-01")  # same size
    os.utime(vault / ANN, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same mtime
    assert (vault / ANN).stat().st_size == info.st_size
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    assert "Ann Lee" not in (vault / "Network/Follow-ups.md").read_text().split("## Follow up")[0]
    assert_fresh(vault, result)


def test_a_file_replaced_by_another_of_the_same_size_and_mtime(make_vault):
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    info = (vault / ANN).stat()
    other = vault / "other.tmp"
    other.write_text((vault / ANN).read_text().replace("mentor", "friend"), encoding="utf-8")
    os.utime(other, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(other, vault / ANN)  # a sync client's temp-and-rename
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    assert_fresh(vault, result)
    assert "friend" in (vault / "Network/Network.md").read_text()


def test_a_rename(make_vault):
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    os.rename(vault / ANN, vault / "People/Ann Lee-Park.md")
    result = cached_sync(vault, TODAY)
    assert_fresh(vault, result)
    assert "Ann Lee-Park" in (vault / "Network/Network.md").read_text()


def test_a_new_day_a_changed_setting_and_a_changed_output_are_seen(make_vault):
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    later = date(2026, 12, 30)
    assert_fresh(vault, cached_sync(vault, later), later)
    (vault / ".vaultnet.toml").write_text("[cadence]\npeer = 3\n", encoding="utf-8")
    assert_fresh(vault, cached_sync(vault, later), later)
    (vault / "Network/Follow-ups.md").unlink()  # a generated note deleted: written again
    again = cached_sync(vault, later)
    assert not isinstance(again, Unchanged) and again.writes.created == ["Network/Follow-ups.md"]
    assert_fresh(vault, again, later)


def test_a_note_put_in_or_taken_from_an_ignored_folder_is_seen(make_vault):
    """A folder `ignore` leaves out is not read, but the names of its notes count (a link to one
    goes to it): a note put there, or taken away, changes Network.md as a sync from cold would,
    though no note the sync reads changed."""
    vault = make_vault({**FILES, ".vaultnet.toml": 'ignore = ["Archive"]\n',
                        "People/Cy.md": person("Cy", knows='["[[Old Colleague]]"]'),
                        "Archive/2024/Other.md": "# Other\n"})
    cached_sync(vault, TODAY)
    assert "[[People/Old Colleague|create the note]]" in (vault / "Network/Network.md").read_text()
    (vault / "Archive/2024/Old Colleague.md").write_text(person("Old Colleague"), encoding="utf-8")
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    assert_fresh(vault, result)
    page = (vault / "Network/Network.md").read_text()
    assert "create the note" not in page and "[[Archive/2024/Old Colleague|" in page
    assert isinstance(cached_sync(vault, TODAY), Unchanged)
    (vault / "Archive/2024/Old Colleague.md").unlink()
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    assert_fresh(vault, result)
    assert "[[People/Old Colleague|create the note]]" in (vault / "Network/Network.md").read_text()


@pytest.mark.parametrize("damage", ["deleted", "empty", "truncated", "flipped", "garbage",
                                    "foreign version"])
def test_a_missing_or_damaged_cache_is_thrown_away(make_vault, damage):
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    assert cache.path is not None and cache.path.exists()
    data = cache.path.read_bytes()
    if damage == "deleted":
        cache.path.unlink()
    elif damage == "empty":
        cache.path.write_bytes(b"")
    elif damage == "truncated":
        cache.path.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        cache.path.write_bytes(data[:-50] + bytes([data[-50] ^ 0xFF]) + data[-49:])
    elif damage == "garbage":
        cache.path.write_bytes(os.urandom(4096))
    else:
        header, _, rest = data.partition(b"\n")
        fields = json.loads(header)
        fields["format"] = "vaultnet-cache 0"
        cache.path.write_bytes(json.dumps(fields).encode() + b"\n" + rest)
    stored = cache.load(code_key())
    # The notes, the resolved links and the people's ties and contacts are checked when first
    # needed (the flip is in the people's).
    assert stored is None or stored.notes() == {} or stored.resolved() == ("", {}) \
        or stored.people() == ("", {}, {}, {})
    edit(vault / ANN, "mentor", "peer")
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    assert_fresh(vault, result)
    assert cache.load(code_key()) is not None  # written anew, whole


@pytest.mark.parametrize("damage", ["a byte flipped", "torn", "zeroed",
                                    "another chunk of notes in its place"])
def test_a_chunk_damaged_under_its_name_is_not_taken(make_vault, monkeypatch, damage):
    """A chunk's file is checked as it is read by the XXH3 its name ends with (`_digest`), its
    SHA-256 left to name it (seven times the cost, on a sync's path): a chunk damaged since it
    was written, its name as it was, is not taken (nor a whole chunk of other notes, which
    unpickles as well as its own); its notes are read again, and the sync is what a fresh one
    is."""
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 1)  # (several chunks of notes)
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    stored = cache.load(code_key())
    assert cache.path is not None and stored is not None
    folder, digests = cache_module.chunk_folder(cache.path), stored.digests("notes")
    ann, cy = (cache_module.chunk_of(path, len(digests)) for path in (ANN, "People/Cy Dee.md"))
    assert digests[ann] != digests[cy]
    path = folder / digests[ann]
    data = path.read_bytes()
    path.write_bytes(data[:100] + bytes([data[100] ^ 1]) + data[101:] if damage == "a byte flipped"
                     else data[:len(data) // 2] if damage == "torn"
                     else bytes(len(data)) if damage == "zeroed"
                     else (folder / digests[cy]).read_bytes())
    hashed: list[int] = []
    sha256, code = hashlib.sha256, code_key()
    monkeypatch.setattr(cache_module.hashlib, "sha256",
                        lambda data=b"": hashed.append(len(data)) or sha256(data))
    stored = cache.load(code)
    assert stored is not None and len(hashed) == 1  # (the state's, as the cache file is read)
    notes = stored.notes()
    assert stored.pieces[ann] is None and len(hashed) == 1  # (checked, and not by its SHA-256)
    assert ANN in load_chunk_paths(data) and not set(notes) & set(load_chunk_paths(data))
    monkeypatch.setattr(cache_module.hashlib, "sha256", sha256)
    _append(vault / ANN, "- 2026-11-25 Call about sensors #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))


def load_chunk_paths(data: bytes) -> list[str]:
    """The notes a chunk of notes holds, by path."""
    return list(cache_module.load_chunk(data))


def test_a_crafted_cache_cannot_run_code(make_vault, tmp_path):
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    assert cache.path is not None
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    evil = pickle.dumps({"settings": Evil()})
    first, _, state = cache.path.read_bytes().partition(b"\n")
    header = json.loads(first)
    # A chunk of notes, under its own digest, named by the header: read, it raises, runs nothing.
    digest = cache_module._digest(evil)
    (cache_module.chunk_folder(cache.path) / digest).write_bytes(evil)
    cache.path.write_bytes(json.dumps({**header, "notes": [digest]}).encode() + b"\n" + state)
    stored = cache.load(code_key())
    assert stored is not None and stored.notes() == {} and not marker.exists()
    # And the state itself.
    header.update(state_sha256=hashlib.sha256(evil).hexdigest())
    cache.path.write_bytes(json.dumps(header).encode() + b"\n" + evil)
    assert cache.load(code_key()) is None
    result = cached_sync(vault, TODAY)
    assert not marker.exists()
    assert_fresh(vault, result)


def test_notes_from_the_cache_share_their_days_tags_and_link_targets_again():
    """Each note's lines are pickled apart: what the notes share as parsed (one object for a day,
    for a set of tags, for the name a link targets) is shared again as they are read."""
    line = "## Log\n- 2026-08-01 Coffee with [[Bo Chen]] #met\n"
    notes = [parse_note(f"People/{name}.md", person(name, line)) for name in ("Ann", "Cy")]
    read = [cache_module._loads(pickle.dumps(note, protocol=5)) for note in notes]
    (ann, cy) = (note.entries[0] for note in read)
    assert ann == notes[0].entries[0] and cy == notes[1].entries[0]
    assert ann.day is cy.day and ann.tags is cy.tags and ann.links[0].target is cy.links[0].target


def test_a_crafted_note_in_a_cache_cannot_run_code_when_its_lines_are_read(tmp_path):
    """A note's links and dated lines are unpickled when first read, by rules as strict as the
    cache's own: dates, links and dated lines alone."""
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    build, values = parse_note(ANN, FILES[ANN]).__reduce_ex__(5)
    evil = build(*values[:-1], (1, pickle.dumps(Evil(), protocol=5)))
    # (Its lines as they were: in a pickle, and out of its band in a chunk of the cache.)
    for crafted in (cache_module._loads(pickle.dumps(evil, protocol=5)),
                    cache_module.load_chunk(cache_module.dump_chunk(evil))):
        with pytest.raises(DamagedCache) as raised:
            crafted.entries  # noqa: B018
        assert isinstance(raised.value.__cause__, pickle.UnpicklingError)
    assert not marker.exists()


def test_two_vaults_keep_two_caches(make_vault, tmp_path):
    one = make_vault(FILES)
    two = tmp_path / "two"
    shutil.copytree(one, two)
    edit(two / ANN, "mentor", "friend")
    for _ in range(2):
        for vault in (one, two):
            assert_fresh(vault, cached_sync(vault, TODAY))
    assert ParseCache(one).path != ParseCache(two).path
    # A cache file copied to the other vault's name is another vault's: not used.
    assert ParseCache(one).path is not None and ParseCache(two).path is not None
    shutil.copy(ParseCache(one).path, ParseCache(two).path)
    assert ParseCache(two).load(code_key()) is None
    assert_fresh(two, cached_sync(two, TODAY))


def test_the_cache_is_never_inside_the_vault(make_vault, monkeypatch):
    vault = make_vault(FILES)
    monkeypatch.setenv("XDG_CACHE_HOME", str(vault / ".cache"))
    assert ParseCache(vault).path is None
    cached_sync(vault, TODAY)
    assert not (vault / ".cache").exists()


def test_the_cache_folder_follows_xdg(tmp_path):
    assert cache_folder({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "vaultnet"
    assert cache_folder({"XDG_CACHE_HOME": "relative/path"}) == Path.home() / ".cache/vaultnet"
    assert cache_folder({}) == Path.home() / ".cache/vaultnet"


def test_notes_changed_just_before_the_cache_is_written_are_not_trusted(make_vault):
    """On a file system whose clock ticks once a second, a note saved again in the same second
    keeps its mtime: what was read in that second is not trusted (git's "racy" rule)."""
    vault = make_vault(FILES)
    first = sync(vault, TODAY)
    cache = ParseCache(vault)
    store = note_store_module.NoteStore()
    sync(vault, TODAY, store=store)
    ann_sig = store.signatures()[ANN]
    assert ann_sig is not None
    state = State(settings_key(vault, load_settings(vault)), TODAY, True, store.signatures(), [],
                  output_signatures(vault, "Network"), [], first.summary)
    cache.save(code_key(), state, store._notes, now_ns=ann_sig[0] + 1_000_000_000)
    stored = cache.load(code_key())
    assert stored is not None
    assert stored.state.files[ANN] is None and stored.notes()[ANN][0] is None
    assert not isinstance(cached_sync(vault, TODAY), Unchanged)  # so it is read again


def test_each_note_not_to_be_trusted_is_kept_without_its_signature_and_the_others_as_read():
    """Which notes the cache keeps with their signature: every one, as read, when every one was
    changed before the racy spell and read well (found at once); else each on its own."""
    from vaultnet.base.model import Problem

    now, long_ago = 10 * cache_module.RACY_NS, cache_module.RACY_NS
    old = (long_ago, long_ago, 10, 1)
    notes = {f"{name}.md": ((*old[:3], i), Note(f"{name}.md", name))
             for i, name in enumerate(("a", "b", "c"))}
    assert cache_module._trusted(notes, now) is notes
    refused = Note("c.md", "c", readable=False, problems=(
        Problem("c.md", None, "cannot be read (Permission denied)", "", True),))
    unreadable = Note("c.md", "c", readable=False, problems=(
        Problem("c.md", None, "is binary, not text", ""),))
    for c, kept in [((now, now, 10, 3), False), ((long_ago, now, 10, 3), False),
                    ((now, long_ago, 10, 3), False), (None, False), ((*old[:3], 3), True)]:
        found = cache_module._trusted({**notes, "c.md": (c, notes["c.md"][1])}, now)
        assert found == {**notes, "c.md": (c if kept else None, notes["c.md"][1])}
    for note, kept in [(refused, False), (unreadable, True)]:
        found = cache_module._trusted({**notes, "c.md": (old, note)}, now)
        assert found == {**notes, "c.md": (old if kept else None, note)}


def saved_at_once_after(monkeypatch: pytest.MonkeyPatch, vault: Path, note: str) -> int:
    """Have the cache saved at once after `note`'s edit and long after every other note's (the
    racy rule's two seconds made short): `note` alone is not to be trusted. Return the moment
    of its edit, in nanoseconds."""
    times = {path: os.stat(path) for path in vault.rglob("*.md")}
    edited = min(times[vault / note].st_mtime_ns, times[vault / note].st_ctime_ns)
    gap = edited - max(max(t.st_mtime_ns, t.st_ctime_ns) for path, t in times.items()
                       if path != vault / note)
    monkeypatch.setattr(cache_module, "RACY_NS", gap // 2)
    monkeypatch.setattr(cache_module, "_now_ns", lambda: edited + gap // 4)
    return edited


def test_the_racy_rule_counts_from_when_the_sync_began_to_read_not_from_its_end(
        make_vault, monkeypatch):
    """A note read within the racy rule's two seconds of its change may change again, unseen by
    its signature on a disk that keeps times to the second, just after it was read: it is read
    again next time however long the sync ran on after reading it (a long cold sync, a slow
    machine), not trusted because the sync ended more than two seconds after the change."""
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    _append(vault / ANN, "- 2026-11-25 Lunch #met\n")
    saved_at_once_after(monkeypatch, vault, ANN)
    read = note_store_module._read_all

    def read_then_run_on(*args: Any, **kwargs: Any) -> Any:
        found = read(*args, **kwargs)
        monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)
        return found

    monkeypatch.setattr(note_store_module, "_read_all", read_then_run_on)
    cached_sync(vault, TODAY)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None and stored.notes()[ANN][0] is None
    assert stored.notes()["People/Bo Chen.md"][0] is not None


def test_a_note_changed_just_before_a_sync_is_kept_as_what_that_sync_made_its_graph_from(
        make_vault, monkeypatch):
    """A note not to be trusted is read again by the next sync, but the cache keeps it as the
    sync read it, with what its links gave: what the graph the cache kept was made from. A sync
    after another edit (an edit, a sync, an edit, a sync, as quickly as one types) still takes
    that graph up rather than build it."""
    import vaultnet.network.graph as graph_module

    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    _append(vault / ANN, "- 2026-11-25 Lunch with [[Bo Chen]] #met\n")
    saved_at_once_after(monkeypatch, vault, ANN)
    cached_sync(vault, TODAY)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None and stored.notes()[ANN][0] is None
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)
    built = calls(monkeypatch, graph_module, "_new_graph", lambda *_: "graph")
    resolved = calls(monkeypatch, index_module, "_contribute", lambda note, *_: note.path)
    _append(vault / "People/Bo Chen.md", "- 2026-11-25 Call #call\n")
    result = cached_sync(vault, TODAY)
    assert built == [] and sorted(resolved) == [ANN, "People/Bo Chen.md"]
    assert_fresh(vault, result)


def test_the_cache_names_its_format():
    assert FORMAT.startswith("vaultnet-cache ")


def test_the_cache_is_keyed_by_the_libraries_it_depends_on(tmp_path, monkeypatch):
    """An upgrade of the YAML parser, networkx or igraph rewrites their files: what was cached under the
    old one is not used."""
    package = tmp_path / "somelib"
    package.mkdir()
    (package / "__init__.py").write_text("VERSION = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(cache_module, "DEPENDENCIES", ("somelib",))
    before = code_key()
    assert code_key() == before
    (package / "__init__.py").write_text("VERSION = 22\n")  # an upgrade
    assert code_key() != before
    assert {"yaml", "frontmatter", "networkx", "igraph"} <= set(DEPENDENCIES)


def test_the_cache_is_keyed_by_vaultnets_own_modules(tmp_path, monkeypatch):
    """Any module of vaultnet's edited, added, removed or renamed, at any depth, and what was
    cached is not used; its bytecode and its other files are not its code."""
    import vaultnet

    package = tmp_path / "vaultnet"
    write_files(package, {"__init__.py": "", "base/__init__.py": "", "base/model.py": "A = 1\n",
                          "render/pages/deep.py": "B = 2\n", "py.typed": ""})
    monkeypatch.setattr(vaultnet, "__file__", str(package / "__init__.py"))
    assert cache_module._modules(str(package)) == [
        ("__init__.py", str(package / "__init__.py")),
        ("base/__init__.py", str(package / "base" / "__init__.py")),
        ("base/model.py", str(package / "base" / "model.py")),
        ("render/pages/deep.py", str(package / "render" / "pages" / "deep.py"))]
    keys = [code_key()]
    write_files(package, {"base/__pycache__/model.py": "not a module", "notes.txt": "x"})
    assert code_key() == keys[0]
    for change in (lambda: (package / "render/pages/deep.py").write_text("B = 22\n"),
                   lambda: (package / "render/new.py").write_text(""),
                   lambda: (package / "render/new.py").rename(package / "render/old.py"),
                   lambda: (package / "base/model.py").unlink()):
        change()
        keys.append(code_key())
    assert len(set(keys)) == len(keys)


def test_a_cached_shape_that_does_not_fit_is_worked_out_again(make_vault):
    vault = make_vault({**FILES, "People/Cy Dee.md": person("Cy Dee", knows='["[[Bo Chen]]"]')})
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    stored = cache.load(code_key())
    assert stored is not None and stored.state.shape is not None
    digest = stored.state.shape[0]
    # Under the right digest: people that are not there, and not even numbers.
    for day, shape in enumerate(((digest, [[0, 99]], []), (digest, [["x"]], []),
                                 (digest, [], [(0, "much")])), start=2):
        cache.save(code_key(), replace(stored.state, shape=shape), stored.notes())
        with open(vault / ANN, "a", encoding="utf-8") as note:
            note.write(f"- 2026-10-0{day} Call #call\n")  # a change that leaves the ties
        result = cached_sync(vault, TODAY)
        assert not isinstance(result, Unchanged)
        assert_fresh(vault, result)


def test_commands_that_only_read_start_from_the_cache_too(make_vault, monkeypatch):
    from vaultnet.insight.agenda import agenda_json
    from vaultnet.pipeline.sync import load, load_cached

    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    parsed = parses(monkeypatch)
    edit(vault / ANN, "Coffee", "Long coffee")
    quick = load_cached(vault, TODAY)
    assert parsed == [ANN]
    assert agenda_json(quick.agenda) == agenda_json(load(vault, TODAY).agenda)


def test_a_note_refused_for_a_moment_is_read_again(make_vault, monkeypatch):
    """A note locked for a moment (a sync client, an antivirus) is not cached as unreadable."""
    from vaultnet.base.model import Problem

    vault = make_vault(FILES)
    real = note_store_module.read_text

    def locked(file, limit):
        if file.path == ANN:
            return None, Problem(file.path, None, "cannot be read (Permission denied)", "", True)
        return real(file, limit)

    monkeypatch.setattr(note_store_module, "read_text", locked)
    cached_sync(vault, TODAY)
    monkeypatch.setattr(note_store_module, "read_text", real)
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    assert_fresh(vault, result)
    assert result.summary.people == 2


def test_an_output_changed_before_the_cache_is_written_is_not_taken_as_written(make_vault,
                                                                            monkeypatch):
    vault = make_vault(FILES)
    real = sync_module.output_signatures
    calls = []

    def deleted_meanwhile(root, folder):
        if not calls:
            (vault / "Network/Follow-ups.md").unlink()  # a sync client deletes it right away
        calls.append(folder)
        return real(root, folder)

    monkeypatch.setattr(sync_module, "output_signatures", deleted_meanwhile)
    cached_sync(vault, TODAY)
    monkeypatch.setattr(sync_module, "output_signatures", real)
    again = cached_sync(vault, TODAY)
    assert not isinstance(again, Unchanged) and again.writes.created == ["Network/Follow-ups.md"]


def looked_at(vault: Path, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The generated notes stamped or read from now on (by vault path), in order."""
    found: list[object] = []

    def relative(path: object, *_: object) -> str:
        return Path(os.path.relpath(str(path), vault)).as_posix()

    calls(monkeypatch, generated_module, "stamp", lambda body, rel, output: rel, found)
    # What a write or a check for a hand edit reads, and what the check after the writes reads.
    calls(monkeypatch, generated_module, "read_existing", relative, found)
    calls(monkeypatch, sync_module, "read_small_file", relative, found)
    return found


def test_a_sync_after_an_edit_stamps_and_reads_only_the_generated_notes_it_writes(make_vault,
                                                                                monkeypatch):
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    EDITS["a log line"](vault)
    seen = looked_at(vault, monkeypatch)
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    written = result.writes.written + result.writes.created
    assert written and len(result.writes.unchanged) >= 3  # (else the test proves nothing)
    assert set(seen) == set(written)
    assert_fresh(vault, result)


@pytest.mark.parametrize("page", ["Network/Introductions.md", "Network/Topics/sensors.md"])
def test_a_hand_edit_of_a_generated_note_is_found_after_a_sync_that_left_it(make_vault, page):
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    info = (vault / page).stat()
    edited = (vault / page).read_text(encoding="utf-8") + "My note.\n"  # (the log line leaves it)
    (vault / page).write_text(edited, encoding="utf-8")
    os.utime(vault / page, ns=(info.st_atime_ns, info.st_mtime_ns))
    EDITS["a log line"](vault)
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    assert page in result.writes.edited
    assert (vault / page).read_text(encoding="utf-8") == edited


def test_an_output_folder_made_a_symlink_is_not_answered_from_the_cache(make_vault):
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    assert isinstance(cached_sync(vault, TODAY), Unchanged)
    os.rename(vault / "Network", vault / ".moved")
    os.symlink(vault / ".moved", vault / "Network")
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged) and not result.writes.ok


def test_every_value_type_comes_back_from_the_cache_as_it_went_in():
    text = person("Ann Lee", "## Log\n- 2026-08-01 Coffee with [[Bo Chen]] #met\n"
                  "- [ ] Send the paper 📅 2026-12-01\n- [x] Thank her\n",
                  role="mentor", aliases="[Annie]", org='"[[Acme]]"', topics="[sensors, maps]",
                  knows='["[[Bo Chen]]"]', birthday="1980-03-04", cadence="30d",
                  last_contact="nonsense")
    note = parse_note("People/Ann Lee.md", text)
    assert note.entries and note.tasks and note.fields.birthday and note.problems
    loaded = cache_module._loads(pickle.dumps(note, protocol=5))
    # Its links and dated lines are pickled again as they were kept, and unpickled when first read.
    assert pickle.dumps(loaded, protocol=5) == pickle.dumps(note, protocol=5)
    assert loaded == note and loaded.entries == note.entries and loaded.links == note.links
    person_value = Person(note.name, note.path, note.fields, (Interaction(TODAY, frozenset({"met"}),
                                                                          note.path, 9, "x"),))
    assert astuple(pickle.loads(pickle.dumps(person_value))) == astuple(person_value)  # (all
    # fields: an Interaction's kinds and text take no part in ==)


def test_communities_and_bridges_are_worked_out_again_only_when_the_ties_change(make_vault,
                                                                                monkeypatch):
    vault = make_vault({**FILES, "People/Cy Dee.md": person("Cy Dee", knows='["[[Bo Chen]]"]'),
                        "People/Di Eng.md": person("Di Eng")})
    cached_sync(vault, TODAY)
    worked: list[int] = []
    real = field_module._groups
    monkeypatch.setattr(field_module, "_groups",
                        lambda tied, ties: worked.append(len(tied.nodes)) or real(tied, ties))
    edit(vault / ANN, "Coffee", "Long coffee")  # a log entry: no tie changes
    result = cached_sync(vault, TODAY)
    assert worked == []
    assert_fresh(vault, result)  # (a sync of a copy, without the cache: it works them out)
    worked.clear()
    edit(vault / "People/Di Eng.md", "type: person", 'type: person\nknows: ["[[Cy Dee]]"]')
    result = cached_sync(vault, TODAY)
    assert worked == [4]  # Di Eng is tied to someone now: worked out again, once
    assert "Di Eng" in (vault / "Network/Network.canvas").read_text()
    assert_fresh(vault, result)


def test_ties_taken_up_with_the_graph_come_with_their_digest(make_vault, monkeypatch):
    vault = make_vault({**FILES, "People/Cy Dee.md": person("Cy Dee", knows='["[[Bo Chen]]"]')})
    cached_sync(vault, TODAY)
    hashed: list[bytes] = []
    real = field_module.hashlib

    class Hashlib:
        @staticmethod
        def sha256(data: bytes = b"") -> Any:
            hashed.append(data)
            return real.sha256(data)

    monkeypatch.setattr(field_module, "hashlib", Hashlib)
    edit(vault / ANN, "Coffee", "Long coffee")  # a log entry: no tie changes
    result = cached_sync(vault, TODAY)
    assert hashed == []  # (the shape kept was found under the digest kept with the ties)
    assert_fresh(vault, result)
    monkeypatch.undo()
    ties = field_module.ties_between_people(result.vault.graph)
    back = field_module.from_plain_ties(field_module.plain_ties(ties))
    assert back is not None and back[0].digest == field_module.PersonTies(*astuple(ties[0])[:2]).digest


INTRODUCTIONS_VAULT = {
    **{f"People/{name}.md": person(name, "## Log\n- 2026-11-01 Call #call\n",
                                    topics="[sensors, robotics, vision]")
       for name in ("Ann Lee", "Bo Chen", "Cy Dee", "Di Eng")},
    "People/Ed Fox.md": person("Ed Fox", "## Log\n- 2026-11-02 Call with [[Ann Lee]] #call\n",
                               topics="[sensors, robotics]"),
}


def test_the_introductions_candidates_are_worked_out_again_only_when_what_they_read_changes(
        make_vault, monkeypatch):
    """The pairs of people who could be introduced depend on the graph's structure and on who is
    a prospect or dormant: the cache keeps them under both, and a sync after an edit that
    changes neither takes them from it."""
    vault = make_vault(INTRODUCTIONS_VAULT)
    cached_sync(vault, TODAY)
    worked = calls(monkeypatch, suggestions_module, "_pair_candidates", lambda *args: "worked")
    for change, again in [
            (lambda: _append(vault / ANN, "- 2026-11-24 Call about sensors #call\n"), []),
            (lambda: edit(vault / "People/Cy Dee.md", "type: person", "type: person\nstatus: dormant"),
             ["worked"]),  # (someone left out now)
            (lambda: _append(vault / "People/Bo Chen.md", "- 2026-11-24 Lunch with [[Di Eng]] #met\n"),
             ["worked"]),  # (a tie: Bo Chen and Di Eng are no pair to introduce any more)
            (lambda: _append(vault / ANN, "- 2026-11-25 Call #call\n"), []),
    ]:
        worked.clear()
        change()
        result = cached_sync(vault, TODAY)
        assert worked == again
        assert_fresh(vault, result)
    assert "Bo Chen" in (vault / "Network/Introductions.md").read_text()


def test_a_sync_after_an_edit_reads_the_topics_of_those_who_share_one_with_your_focus_alone(
        make_vault, monkeypatch):
    """The mentors are people who share a topic with your focus: with the introductions'
    candidates taken from the cache, a sync after a log line works out nobody else's topics,
    and its pages are a fresh sync's."""
    vault = make_vault({**INTRODUCTIONS_VAULT,
                        "Me.md": "---\ntype: me\ntopics: [vision]\n---\n# Me\n",
                        "People/Gus Hay.md": person("Gus Hay", "## Log\n- 2026-11-03 Call #call\n",
                                                    topics="[gardening, robotics]")})
    cached_sync(vault, TODAY)
    asked = calls(monkeypatch, suggestions_module, "key")
    _append(vault / ANN, "- 2026-11-24 Call about sensors #call\n")
    result = cached_sync(vault, TODAY)
    assert "gardening" not in asked and "vision" in asked
    assert_fresh(vault, result)


def test_the_digest_of_what_links_were_resolved_with_tells_every_change_apart():
    """The cache keeps each note's links as resolved under the digest of every note's path, name,
    whether it is a person's and its aliases: a change to any of them is another digest."""
    context = [("Org/Acme.md", "Acme", False, ()), ("People/Ann Lee.md", "Ann Lee", True, ("Ann",)),
               ("People/Bo.md", "Bo", True, ())]
    changed = [
        [context[0], ("People/Ann Lee.md", "Ann Lee", False, ("Ann",)), context[2]],
        [context[0], ("People/Ann Lee.md", "Ann Lee", True, ()), context[2]],
        [context[0], ("People/Ann Lee.md", "Ann Lee", True, ()), ("People/Bo.md", "Bo", True,
                                                                 ("Ann",))],
        [context[0], ("People/Ann Lee.md", "Ann", True, ("Ann",)), context[2]],
        [context[0], ("People/Ann.md", "Ann Lee", True, ("Ann",)), context[2]],
        [context[1], context[0], context[2]],
        context[:2], [],
    ]
    digests = {index_module._digest(c) for c in [context, *changed]}
    assert len(digests) == len(changed) + 1
    assert index_module._digest(list(context)) == index_module._digest(context)


def test_candidates_a_cache_holds_that_are_no_candidates_are_worked_out_again(make_vault):
    vault = make_vault(INTRODUCTIONS_VAULT)
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    stored = cache.load(code_key())
    assert stored is not None and stored.state.candidates is not None
    structure, key, _ = stored.state.candidates
    for day, candidates in enumerate(([("x",)], [("a", "b", ("t",), 1)], "none"), start=2):
        cache.save(code_key(), replace(stored.state, candidates=(structure, key, candidates)),
                   stored.notes())
        _append(vault / ANN, f"- 2026-10-0{day} Call #call\n")
        result = cached_sync(vault, TODAY)
        assert not isinstance(result, Unchanged)
        assert_fresh(vault, result)


PAGES_VAULT = {
    **INTRODUCTIONS_VAULT,
    "People/Fay Gil.md": person("Fay Gil", "## Log\n- 2026-11-02 Sent a note #outreach\n",
                                status="prospect", topics="[sensors]"),
}


def test_topic_pages_and_the_directory_are_rendered_again_only_when_what_they_show_changes(
        make_vault, monkeypatch):
    """The topic pages and Network.md's directory show the graph's structure and who is a
    prospect or has which role: the cache keeps them, and a sync after an edit that changes
    none of those takes them from it."""
    vault = make_vault(PAGES_VAULT)
    cached_sync(vault, TODAY)
    found: list[object] = []
    calls(monkeypatch, topic_pages_module, "topic_page", lambda context, topic: topic, found)
    calls(monkeypatch, network_page_module.NetworkPage, "directory", lambda page: "directory",
          found)
    fay = "People/Fay Gil.md"
    for change, again in [
            (lambda: _append(vault / ANN, "- 2026-11-24 Call about sensors #call\n"), False),
            (lambda: edit(vault / "People/Cy Dee.md", "type: person", "type: person\nrole: mentor"),
             True),  # (a role shown)
            (lambda: _append(vault / fay, "- 2026-11-24 Coffee #met\n"), True),  # (met: no prospect)
            (lambda: _append(vault / ANN, "- 2026-11-25 Call #call\n"), False),
    ]:
        found.clear()
        change()
        result = cached_sync(vault, TODAY)
        assert ("directory" in found and len(found) > 1) if again else found == []
        assert_fresh(vault, result)


def test_communities_are_worked_out_again_only_when_the_graphs_structure_changes(make_vault,
                                                                                monkeypatch):
    """The communities (their names and members) and Communities.md depend on the graph's
    structure alone: the cache keeps them with the pages, and a sync whose graph has the very
    structure takes them from it; a new tie or a topic taken up works them out again."""
    import vaultnet.render.insight_pages as insight_pages_module

    vault = make_vault(PAGES_VAULT)
    cached_sync(vault, TODAY)
    found: list[object] = []
    calls(monkeypatch, suggestions_module, "communities", lambda *_: "communities", found)
    calls(monkeypatch, insight_pages_module, "_communities", lambda *_: "Communities.md", found)
    both = ["communities", "Communities.md"]
    for change, again in [
            (lambda: _append(vault / ANN, "- 2026-11-24 Call about sensors #call\n"), []),
            (lambda: _append(vault / ANN, "- 2026-11-25 Lunch with [[Cy Dee]] #met\n"), both),
            (lambda: edit(vault / "People/Cy Dee.md", "topics: [", "topics: [robots, "), both),
            (lambda: _append(vault / "People/Cy Dee.md", "- 2026-11-25 Call #call\n"), []),
    ]:
        found.clear()
        change()
        result = cached_sync(vault, TODAY)
        assert not isinstance(result, Unchanged)
        assert found == again
        assert_fresh(vault, result)


def test_a_command_that_needs_no_insight_reads_no_pages_kept(make_vault, monkeypatch):
    """`vaultnet due` reads the cache for the agenda alone: the pages' file (the pages and the
    communities kept) is read when the insight or the pages first ask for it, not before."""
    vault = make_vault(PAGES_VAULT)
    cached_sync(vault, TODAY)
    read = calls(monkeypatch, cache_module.Stored, "pages", lambda stored, digest: digest)
    vault_read = sync_module.load_cached(vault, TODAY)
    assert vault_read.agenda is not None and read == []
    assert vault_read.insight.communities and len(read) == 1


@pytest.mark.parametrize("kept", [
    (("key", {"topic:x": 1}, None, None), None), (("key", {}, "lines", None), None), "none",
    (None, (("x", ("person:a", 1)),)), (None, "groups"),
    (("key", {}, None, (((("x", ("a",)),), 5), ["lines"])), None),
    (("key", {}, None, (((("x", ("a",)),), "Network"), "lines")), None)])
def test_pages_a_cache_holds_that_are_no_pages_are_rendered_again(make_vault, kept):
    """The pages' file holds the pages kept and the communities: anything else in their place
    (a topic page that is no text, a directory, groups or a block of Communities.md that are
    not what a sync keeps) is worked out again, to the bytes a fresh sync writes."""
    vault = make_vault(PAGES_VAULT)
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    stored = cache.load(code_key())
    assert stored is not None and isinstance(stored.state.pages, tuple)
    digest = cache.keep_pages(kept)
    cache.save(code_key(), replace(stored.state, pages=(stored.state.pages[0], digest)),
               stored.notes(), also=(digest,))
    _append(vault / ANN, "- 2026-10-02 Call #call\n")
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    assert_fresh(vault, result)


def test_a_change_writes_again_only_the_chunk_of_the_cache_that_holds_it(make_vault, monkeypatch):
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 2)  # 15 notes: 8 chunks
    vault = make_vault({**FILES, **{f"People/P{i}.md": person(f"P{i}", "- 2026-11-0{i % 9 + 1} Call")
                                    for i in range(12)}})
    cached_sync(vault, TODAY)
    pickled: list[object] = []
    real = pickle.dumps
    monkeypatch.setattr(pickle, "dumps", lambda value, *a, **k: pickled.append(value)
                        or real(value, *a, **k))
    folder = cache_module.chunk_folder(ParseCache(vault).path)  # type: ignore[arg-type]
    files = {path.name: path.stat().st_ino for path in folder.iterdir()}
    edit(vault / ANN, "Coffee", "Long coffee")
    result = cached_sync(vault, TODAY)
    assert_fresh(vault, result)
    chunks = note_chunks(pickled)
    assert len(chunks) == 1 and ANN in chunks[0]  # the other 7 are the bytes they were
    # On disk too: three files are new (Ann's chunk of notes, of resolved links and of people),
    # and the cache names the others as they were, never written again (nor read: the targets'
    # chunk of Ann's note alone is, and written as it was, the same targets).
    people, resolved = people_chunks(pickled), resolved_chunks(pickled)
    targets = targets_chunks(pickled)
    assert [ANN in chunk for chunk in targets] == [True]
    made = {cache_module._digest(cache_module.dump_chunk(chunk))  # (pickled: `pickled` too)
            for chunk in [*chunks, *people, *resolved, *targets]}
    named = named_chunks(vault)
    assert named - files.keys() == made - files.keys() and len(made - files.keys()) >= 2
    assert all((folder / name).stat().st_ino == files[name]
               for name in (named & files.keys()) - made)
    # So are the people's and the resolved links', but for Ann's (her interaction's text
    # changed: an `Interaction` of the same day and line is equal to it, but not the same).
    assert [chunk.keys() for chunk in people] == [chunks[0].keys()]
    assert [ANN in chunk for chunk in resolved] == [True]
    pickled.clear()
    _append(vault / ANN, "- 2026-11-24 Lunch with [[P3]] #met\n")  # P3's contacts change too
    result = cached_sync(vault, TODAY)
    assert_fresh(vault, result)
    mine = {cache_chunk_of(path) for path in (ANN, "People/P3.md")}
    assert sorted(cache_chunk_of(next(iter(c))) for c in people_chunks(pickled)) == sorted(mine)
    assert [ANN in chunk for chunk in resolved_chunks(pickled)] == [True]
    # What the cache holds now is every note as reading it gives.
    stored = ParseCache(vault).load(code_key())
    assert stored is not None and stored.state.files.keys() == stored.notes().keys()
    notes, _ = note_store_module.read_notes(vault, load_settings(vault))
    assert {path: note for path, (_, note) in stored.notes().items()} == \
        {note.path: note for note in notes}
    assert len(stored.pieces) == 8
    # The resolved links it holds are each note's as resolving them afresh gives.
    context, saved = stored.resolved()
    fresh = sync_module.NoteStore(rounds=False)
    sync_module.load(vault, TODAY, fresh)
    assert context == fresh.index_memo.context_digest()
    assert saved == {path: part.saved() for path, (_, part) in fresh.index_memo.by_path.items()}
    # And so are the people's contacts, to the text of each interaction (which `==` overlooks).
    contacts = stored.people().contacts
    vault_now = sync_module.load(vault, TODAY)
    assert sorted(map(repr, contacts.items())) == \
        sorted(repr((p.path, p.contacts)) for p in vault_now.index.people)


# Every kind of edit issue 18 names, made through the cache, gives the bytes a sync that reads
# everything gives: the saved state is never stale.
EDIT_VAULT = {**FILES,
              "People/Cy Dee.md": person("Cy Dee", "## Log\n- 2026-10-01 Call #call\n",
                                         topics="[sensors]"),
              "Daily/2026-11-23.md": "Coffee with [[Annie]]\n",
              "Me.md": "---\ntype: me\ntopics: [sensors]\ngoals: [learn sensors]\n---\n"}


def _append(path: Path, line: str) -> None:
    with open(path, "a", encoding="utf-8") as stream:
        stream.write(line)


EDITS = {
    "a log line": lambda v: _append(v / ANN, "- 2026-11-25 Call about sensors #call\n"),
    "a line that adds a tie": lambda v: _append(v / ANN, "- 2026-11-25 Lunch with [[Cy Dee]] #met\n"),
    "a tie in frontmatter": lambda v: edit(v / "People/Cy Dee.md", "topics:",
                                           'knows: ["[[Bo Chen]]"]\ntopics:'),
    "a rename": lambda v: os.rename(v / "People/Bo Chen.md", v / "People/Bo Chen-Li.md"),
    "a deletion": lambda v: (v / "People/Cy Dee.md").unlink(),
    "an alias": lambda v: edit(v / ANN, "role: mentor", "role: mentor\naliases: [Annie]"),
    "a new note": lambda v: (v / "People/Di Eng.md").write_text(
        person("Di Eng", "- 2026-11-24 Met at [[Ann Lee]]'s talk #met\n"), encoding="utf-8"),
    "the profile": lambda v: edit(v / "Me.md", "learn sensors", "learn robotics"),
    "a setting": lambda v: (v / ".vaultnet.toml").write_text("[cadence]\nmentor = 3\n",
                                                             encoding="utf-8"),
}


@pytest.mark.parametrize("change", sorted(EDITS))
def test_every_kind_of_edit_gives_what_a_sync_that_reads_everything_gives(make_vault, change):
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    assert isinstance(cached_sync(vault, TODAY), Unchanged)
    EDITS[change](vault)
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    assert_fresh(vault, result)


def test_edits_one_after_another_and_a_new_day_and_a_code_upgrade(make_vault, monkeypatch):
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    for change in EDITS.values():  # in the order written: the deletion after the tie to Cy Dee
        change(vault)
        assert_fresh(vault, cached_sync(vault, TODAY))
    later = date(2026, 12, 9)
    assert_fresh(vault, cached_sync(vault, later), later)
    monkeypatch.setattr(cache_module, "code_key", lambda: "another version of vaultnet")
    _append(vault / ANN, "- 2026-12-09 Call #call\n")
    assert_fresh(vault, cached_sync(vault, later), later)


PLANS_VAULT = {**EDIT_VAULT,
               "People/Cy Dee.md": person("Cy Dee", "## Log\n- 2026-10-01 Call #call\n"
                                          "- 2026-10-02 Call with [[Bo Chen]] #call\n"
                                          "- 2026-11-28 Lunch with [[Ann Lee]] #met\n",
                                          topics="[sensors]"),
               "People/Di Eng.md": person("Di Eng", last_contact="2026-11-27", role="peer")}


def test_a_new_day_resolves_again_only_the_notes_whose_plans_or_contact_it_reaches(
        make_vault, monkeypatch):
    """A note's links hold for every day from its latest contact to the day before its first
    plan: the next day's sync resolves again only the notes with a plan (or a `last_contact`)
    on a day it reaches, and takes the graph up from the cache; the ties, which fade with the
    days, are worked out for the day. The people of the lines that came due and those notes'
    own have their contacts brought up to date with those lines (`SinceSaved.came`); those of
    lines that went (the day back) have theirs gathered again (Cy Dee's line with Bo Chen, of
    October, holds for every day). Each sync gives the bytes of a sync that reads everything.
    (Before,
    the day was part of what every note was resolved with: a new day's first sync resolved
    every note again, built the graph afresh and gathered everyone's contacts.)"""
    vault = make_vault(PLANS_VAULT)
    cached_sync(vault, TODAY)
    resolved = calls(monkeypatch, index_module, "_contribute", lambda note, *_: note.path)
    built = calls(monkeypatch, graph_module, "_new_graph", lambda *_: "built")
    gathered = calls(monkeypatch, index_module, "_person",
                     lambda note, sources, by_path, kept=None, gathered=None:
                         (note.path, kept is None))
    cy, di, ann = "People/Cy Dee.md", "People/Di Eng.md", ANN
    for day, again, contacts in [(date(2026, 11, 26), [], []),
                                 (date(2026, 11, 27), [di], []),  # (her `last_contact` came)
                                 (date(2026, 11, 28), [cy], []),  # (Cy's lunch with Ann Lee)
                                 (date(2026, 12, 20), [], []),
                                 (TODAY, [cy, di], [ann, cy, di])]:  # (back in time)
        resolved.clear()
        built.clear()
        gathered.clear()
        result = cached_sync(vault, day)
        assert sorted(resolved) == again, day
        assert sorted(path for path, afresh in gathered if afresh) == contacts, day
        assert built == []
        assert_fresh(vault, result, day)


def test_a_sync_after_an_edit_walks_the_vault_once(make_vault, monkeypatch):
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    walks = counting_walks(monkeypatch)
    _append(vault / ANN, "- 2026-11-25 Call #call\n")
    result = cached_sync(vault, TODAY)
    assert walks == [vault]  # the cache's look found the change; the sync starts from that walk
    assert_fresh(vault, result)


def counting_walks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The vaults walked from now on."""
    walks: list[Path] = []
    real = cache_module.walk_vault  # (the kept walk's, and the pipe's: `walk_afresh`)
    monkeypatch.setattr(cache_module, "walk_vault",
                        lambda root, *args: walks.append(root) or real(root, *args))
    return walks


def test_a_sync_with_nothing_changed_does_not_walk_the_vault(make_vault, monkeypatch):
    """While every folder the last walk listed has its signature still, no note can have been
    added, removed or renamed: the notes the last sync walked are looked at one by one."""
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    walks = counting_walks(monkeypatch)
    assert isinstance(cached_sync(vault, TODAY), Unchanged)
    assert walks == [vault]  # the walk the cache kept is then of the vault with Network/ in it
    walks.clear()
    result = cached_sync(vault, TODAY)
    assert walks == [] and isinstance(result, Unchanged)
    _append(vault / ANN, "- 2026-11-25 Call #call\n")  # in place: its folder is as it was
    result = cached_sync(vault, TODAY)
    assert walks == []
    assert_fresh(vault, result)


@pytest.mark.parametrize("change", ["a note", "a note in a new folder", "a deletion", "a rename",
                                    "a folder renamed"])
def test_a_note_added_removed_or_renamed_is_found_without_a_walk_of_every_sync(make_vault,
                                                                             monkeypatch, change):
    vault = make_vault({**EDIT_VAULT, "People/Old/Dee.md": person("Dee", "## Log\n- 2026-11-01 "
                                                                  "Call with [[Annie]] #call\n")})
    cached_sync(vault, TODAY)
    cached_sync(vault, TODAY)  # (walks once more, now that Network/ is in the vault's folder)
    walks = counting_walks(monkeypatch)
    assert isinstance(cached_sync(vault, TODAY), Unchanged) and walks == []
    if change == "a note":
        (vault / "People" / "Eve.md").write_text(person("Eve", "## Log\n- 2026-11-20 Call #call\n"))
    elif change == "a note in a new folder":
        (vault / "People" / "New" / "Deep").mkdir(parents=True)
        (vault / "People" / "New" / "Deep" / "Eve.md").write_text(person("Eve"))
    elif change == "a deletion":
        (vault / "People" / "Old" / "Dee.md").unlink()
    elif change == "a rename":
        (vault / "People" / "Old" / "Dee.md").rename(vault / "People" / "Old" / "Dee Two.md")
    else:
        (vault / "People" / "Old").rename(vault / "People" / "Former")
    result = cached_sync(vault, TODAY)
    assert walks == [vault] and not isinstance(result, Unchanged)
    assert_fresh(vault, result)


def test_folders_that_just_changed_or_a_walk_with_a_problem_vouch_for_nothing(make_vault,
                                                                              monkeypatch):
    """A folder changed within RACY_NS of the walk (a disk that keeps times to the second may
    not show the next change), or a walk that found a problem (it may clear): walk next time."""
    vault = make_vault(EDIT_VAULT)
    settings = load_settings(vault)
    skip = skipped(vault, settings), settings.output_folder
    assert cache_module.walk_with_folders(vault, *skip)[2]  # an hour later, by the fixture
    monkeypatch.setattr(cache_module, "_now_ns", time.time_ns)
    assert cache_module.walk_with_folders(vault, *skip)[2] is None
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)
    (vault / "People" / "Out.md").symlink_to("/etc/hostname")  # a symlink leading out
    _, problems, folders = cache_module.walk_with_folders(vault, *skip)
    assert problems and folders is None


def test_a_kept_walk_is_trusted_for_a_few_minutes_only(make_vault, monkeypatch):
    """A disk that does not change a folder's times when a note is added there (some network and
    FUSE mounts) would hide the note for ever: after `MAX_AGE_NS` the vault is walked again."""
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    cached_sync(vault, TODAY)
    walks = counting_walks(monkeypatch)
    assert isinstance(cached_sync(vault, TODAY), Unchanged) and walks == []
    later = time.time_ns() + 3600 * 10**9 + cache_module.KeptWalk.MAX_AGE_NS + 10**9
    monkeypatch.setattr(cache_module, "_now_ns", lambda: later)
    assert isinstance(cached_sync(vault, TODAY), Unchanged) and walks == [vault]


def test_a_kept_walk_finds_a_note_spelled_otherwise_on_disk_where_it_is(make_vault, monkeypatch):
    """A note whose file name is in another Unicode form on disk (NFD, as macOS writes it) than
    its vault path (NFC): the kept walk gives the file where it is, so that an edit of it is
    seen without a walk."""
    import unicodedata

    vault = make_vault(EDIT_VAULT)
    disk = vault / "People" / unicodedata.normalize("NFD", "Zoë Adé.md")
    disk.write_text(person("Zoë Adé", "## Log\n- 2026-11-01 Call #call\n"), encoding="utf-8")
    cached_sync(vault, TODAY)
    cached_sync(vault, TODAY)
    walks = counting_walks(monkeypatch)
    files, _ = ParseCache(vault).walk(vault, load_settings(vault), code_key())
    assert walks == []  # (kept)
    [found] = [f for f in files if f.path == "People/Zoë Adé.md"]
    assert found.disk == str(disk)
    _append(disk, "- 2026-11-24 Lunch #met\n")
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged) and walks == []
    assert_fresh(vault, result)


@pytest.mark.parametrize("damage", ["garbage", "another rule", "a pickled object"])
def test_a_kept_walk_that_is_damaged_or_of_other_rules_means_a_walk(make_vault, monkeypatch,
                                                                    damage):
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    cached_sync(vault, TODAY)
    kept = ParseCache(vault).path.with_suffix(".walk")  # type: ignore[union-attr]
    if damage == "garbage":
        kept.write_bytes(b"\x80\x05garbage")
    elif damage == "another rule":
        (rules, *rest) = pickle.loads(kept.read_bytes())
        kept.write_bytes(pickle.dumps(((*rules[:3], ("Elsewhere",)), *rest)))
    else:
        kept.write_bytes(pickle.dumps(Path("/etc")))
    walks = counting_walks(monkeypatch)
    assert isinstance(cached_sync(vault, TODAY), Unchanged)
    assert walks == [vault]  # (none with the walk as it was kept: see the test above)
    walks.clear()
    assert isinstance(cached_sync(vault, TODAY), Unchanged) and walks == []  # kept afresh


def test_a_sync_with_nothing_to_do_does_not_read_the_notes_part_of_the_cache(make_vault,
                                                                             monkeypatch):
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    assert cache.path is not None
    chunks = cache_module.chunk_folder(cache.path)
    damaged = chunks / cache_header(vault)["notes"][0]
    data = damaged.read_bytes()
    damaged.write_bytes(data[:-50] + bytes([data[-50] ^ 0xFF]) + data[-49:])
    read: list[Path] = []
    real = cache_module.read_small_file

    def counted(path: Path, *args: object) -> bytes | None:
        read.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(cache_module, "read_small_file", counted)
    assert isinstance(cached_sync(vault, TODAY), Unchanged)  # answered from the state alone
    assert cache.path in read and not [path for path in read if path.parent == chunks]
    monkeypatch.undo()
    _append(vault / ANN, "- 2026-11-25 Call #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))  # the damaged notes part: every note read


def test_a_cache_saved_again_between_its_state_and_its_notes_is_not_mixed(make_vault,
                                                                          monkeypatch):
    """A sync that read a cache's state reads the notes saved with it, even once another sync
    has saved the cache again (the chunks it names are kept a while); once they are gone, none:
    never the notes of another state."""
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    stored, later, same = (cache.load(code_key()) for _ in range(3))
    assert stored is not None and later is not None and same is not None
    then = same.notes()
    _append(vault / ANN, "- 2026-11-25 Call #call\n")
    cached_sync(vault, TODAY)  # another sync saves the cache again, with other notes
    assert stored.notes() == then and ANN in then
    monkeypatch.setattr(cache_module, "CHUNK_GRACE_NS", -1)  # (as if a minute had gone by)
    _append(vault / ANN, "- 2026-11-26 Call #call\n")
    cached_sync(vault, TODAY)
    assert later.notes() == {}  # Ann's chunk as it was then is gone


def test_a_save_removes_the_chunks_no_cache_names_once_they_are_a_minute_old(make_vault,
                                                                             monkeypatch):
    """The chunks a save no longer names stay a minute (another sync of the vault may have just
    written them, for the cache it is about to write), and are removed by a save after that.
    Nothing else in the folder is touched."""
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    folder = cache_module.chunk_folder(ParseCache(vault).path)  # type: ignore[arg-type]
    first = {path.name for path in folder.iterdir()}
    assert first == named_chunks(vault) and len(first) == 6  # (five parts, and the pages)
    others = {"notes.txt", "0" * 63 + "g", "a" * 64 + ".x", "A" * 64}  # no chunk's names
    for name in others:
        (folder / name).write_bytes(b"mine")
    _append(vault / ANN, "- 2026-11-25 Call #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))
    assert {path.name for path in folder.iterdir()} == first | named_chunks(vault) | others
    monkeypatch.setattr(cache_module, "CHUNK_GRACE_NS", -1)  # (as if a minute had gone by)
    _append(vault / ANN, "- 2026-11-26 Call #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))
    assert {path.name for path in folder.iterdir()} == named_chunks(vault) | others
    assert all((folder / name).read_bytes() == b"mine" for name in others)


def test_a_save_removes_the_chunks_of_the_formats_before(make_vault, monkeypatch):
    """The chunks of a cache of a format before 18 (named by their SHA-256 alone) are no cache's
    after an upgrade: a save removes them once they are a minute old, as any chunk no cache
    names, and what a killed save of theirs left, rather than leave them in the folder for good."""
    import hashlib as sha
    import subprocess
    import sys

    gone = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout)
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    folder = cache_module.chunk_folder(ParseCache(vault).path)  # type: ignore[arg-type]
    before = [sha.sha256(str(n).encode()).hexdigest() for n in range(3)]
    for name in before:
        (folder / name).write_bytes(b"a chunk of format 17")
    (folder / f".{before[0]}.{gone}.tmp").write_bytes(b"half")  # (a process that is gone)
    _append(vault / ANN, "- 2026-11-25 Call #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))
    assert set(before) <= {path.name for path in folder.iterdir()}  # (not a minute old yet)
    monkeypatch.setattr(cache_module, "CHUNK_GRACE_NS", -1)  # (as if a minute had gone by)
    _append(vault / ANN, "- 2026-11-26 Call #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))
    assert {path.name for path in folder.iterdir()} == named_chunks(vault)


@pytest.mark.parametrize("when", ["before the sync", "while it runs"])
def test_a_chunk_the_cache_names_that_is_gone_is_written_again(make_vault, monkeypatch, when):
    """A chunk file removed (by hand, or by another sync's save) costs a reading of its own
    notes, once (not of every note): the next save writes it again, even where the sync had its
    bytes from the cache."""
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 1)  # 6 notes: 8 chunks
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    folder = cache_module.chunk_folder(ParseCache(vault).path)  # type: ignore[arg-type]
    gone = folder / cache_header(vault)["notes"][cache_module.chunk_of(ANN, 8)]
    assert cache_module.chunk_of(ANN, 8) != cache_module.chunk_of("People/Cy Dee.md", 8)
    if when == "before the sync":
        gone.unlink()
    else:  # after the sync read it, before it saves
        real = ParseCache.save

        def save(self: ParseCache, *args: object, **kwargs: object) -> None:
            gone.unlink()
            real(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(ParseCache, "save", save)
    parsed = parses(monkeypatch)
    _append(vault / "People/Cy Dee.md", "- 2026-11-25 Call #call\n")  # (Ann's chunks stay)
    result = cached_sync(vault, TODAY)
    notes = [path for path in EDIT_VAULT if path.endswith(".md")]
    lost = {path for path in notes
            if cache_module.chunk_of(path, 8) == cache_module.chunk_of(ANN, 8)}
    assert ANN in lost and len(lost) < len(notes) - 1
    assert sorted(parsed) == sorted({"People/Cy Dee.md"}
                                    | (set() if when == "while it runs" else lost))
    assert_fresh(vault, result)
    assert all((folder / name).is_file() for name in named_chunks(vault))
    stored = ParseCache(vault).load(code_key())
    assert stored is not None and stored.notes() and stored.people()[1]


def test_a_tie_that_gains_a_kind_changes_that_tie_alone(make_vault):
    """The graph taken up from the cache shares one dictionary among the edges of the same kinds:
    a line naming someone a note knows already gives that tie a kind, and no other tie."""
    vault = make_vault({**FILES, "People/Cy Dee.md": person("Cy Dee", knows='["[[Di Eng]]"]'),
                        "People/Di Eng.md": person("Di Eng")})
    cached_sync(vault, TODAY)
    _append(vault / "People/Bo Chen.md", "- 2026-11-25 Lunch with [[Ann Lee]] #met\n")
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    graph, fresh = result.vault.graph, sync_module.load(vault, TODAY).graph
    assert {n: dict(graph[n]) for n in graph} == {n: dict(fresh[n]) for n in fresh}
    assert graph["person:People/Cy Dee.md"]["person:People/Di Eng.md"] == {"kinds": ("knows",)}
    assert_fresh(vault, result)


def test_links_are_resolved_again_only_for_changed_notes_or_when_the_names_change(make_vault,
                                                                                   monkeypatch):
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    resolved = calls(monkeypatch, index_module, "_contribute", lambda note, *_: note.path)
    _append(vault / ANN, "- 2026-11-25 Lunch with [[Cy Dee]] #met\n")
    result = cached_sync(vault, TODAY)
    assert resolved == [ANN]  # the others' links come from the cache
    assert_fresh(vault, result)
    resolved.clear()
    edit(vault / ANN, "role: mentor", "role: mentor\naliases: [Annie]")  # [[Annie]] means Ann now
    result = cached_sync(vault, TODAY)
    # The names changed: the notes that look up one that changed are resolved again (her own,
    # the day's note that links [[Annie]], Bo Chen's, which links [[Ann Lee]]), not the others.
    assert sorted(resolved) == ["Daily/2026-11-23.md", ANN, "People/Bo Chen.md"]
    assert_fresh(vault, result)


def test_ties_are_worked_out_again_only_for_the_people_an_edit_reaches(make_vault, monkeypatch):
    """A tie the cache kept is taken as it is for a person whose interactions are the same, and
    only while their count of introductions is; each one is the tie worked out afresh. The
    counts are the kept ties' own while no `met_via` relation changed: the relations are merged
    only for an edit that changed one (a tie between people, an introduction)."""
    import vaultnet.insight.ties as ties_module

    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    worked = calls(monkeypatch, ties_module, "tie", lambda person, *_: person.path)
    merged = calls(monkeypatch, index_module, "_merged")
    bo, cy = "People/Bo Chen.md", "People/Cy Dee.md"
    for change, reached, merging in [
        (lambda: _append(vault / ANN, "- 2026-11-25 Lunch with [[Cy Dee]] #met\n"), [ANN, cy],
         True),  # (a new tie between people: the graph's ties change)
        (lambda: edit(vault / "Daily/2026-11-24.md", "Lunch", "Long lunch"), [bo], False),
        # Cy met you through Bo: Bo's interactions are the same, his introductions are not.
        (lambda: edit(vault / cy, "topics:", 'met_via: "[[Bo Chen]]"\ntopics:'), [bo, cy], True),
    ]:
        worked.clear()
        merged.clear()
        change()
        result = cached_sync(vault, TODAY)
        assert not isinstance(result, Unchanged)
        assert sorted(worked) == reached
        assert bool(merged) == merging
        assert_fresh(vault, result)
        assert result.vault.insight.ties == sync_module.load(vault, TODAY).insight.ties


CONTACTS_VAULT = {
    **EDIT_VAULT,
    # Someone written to twice and never answered, someone whose message waits for a reply, and
    # a prospect met: what the agenda and the hints read of a person's interactions.
    "People/Di Eng.md": person("Di Eng", "- 2026-11-01 Wrote about sensors #outreach\n"
                                         "- 2026-11-12 Wrote again #outreach\n", status="prospect"),
    "People/Ed Fox.md": person("Ed Fox", "- 2026-09-01 Call #call\n"
                                         "- 2026-11-20 Asked about [[Ann Lee]] #received\n"),
    "People/Fay Gil.md": person("Fay Gil", "- 2026-10-01 Wrote #outreach\n"
                                           "- 2026-10-09 Coffee #met\n", status="prospect"),
}


def test_the_agenda_is_worked_out_again_only_for_the_people_an_edit_reaches(make_vault,
                                                                           monkeypatch):
    """Each person's rows of the agenda are kept in the cache's chunks of people: a sync on the
    same day takes them as they are for a person whose note and interactions are the same, and
    works out those of the people an edit reaches; a sync on another day, everyone's. Each
    agenda is the one a sync that reads everything works out."""
    import vaultnet.insight.agenda as agenda_module

    vault = make_vault(CONTACTS_VAULT)
    cached_sync(vault, TODAY)
    worked = calls(monkeypatch, agenda_module, "_rows", lambda person, *_: person.path)
    bo, ed = "People/Bo Chen.md", "People/Ed Fox.md"
    everyone = sorted(path for path in CONTACTS_VAULT if path.startswith("People/"))
    for change, day, reached in [
        (lambda: _append(vault / ANN, "- 2026-11-25 Call #call\n"), TODAY, [ANN]),
        (lambda: edit(vault / "Daily/2026-11-24.md", "Lunch", "Long lunch"), TODAY, [bo]),
        # (Ed's note names Ann on a line that is as it was: Ed alone is reached.)
        (lambda: _append(vault / ed, "- 2026-11-25 Answered #call\n"), TODAY, [ed]),
        # (The line that names Ann changed: both are.)
        (lambda: edit(vault / ed, "Asked about", "Wrote about"), TODAY, [ANN, ed]),
        # (A line put in above it: it is another line of the note now; both are.)
        (lambda: edit(vault / ed, "- 2026-09-01 Call #call\n",
                      "- 2026-09-01 Call #call\nNot a dated line.\n"), TODAY, [ANN, ed]),
        (lambda: None, date(2026, 11, 26), everyone),
    ]:
        worked.clear()
        change()
        result = cached_sync(vault, day)
        assert not isinstance(result, Unchanged)
        assert sorted(worked) == reached
        assert_fresh(vault, result, day)
        fresh = agenda_json(sync_module.load(vault, day).agenda)
        assert agenda_json(result.vault.agenda) == fresh
        # (`vaultnet due` and `brief` read the cache alone: the rows it kept are theirs too.)
        assert agenda_json(sync_module.load_cached(vault, day).agenda) == fresh


def test_rows_of_the_agenda_carried_for_other_settings_are_worked_out_again(make_vault,
                                                                            monkeypatch):
    """Rows the cache kept are taken only for the day and settings they were worked out for: a
    build with other settings (a cadence changed since the cache was looked at) works out
    everyone's, and its agenda is a fresh build's."""
    import vaultnet.insight.agenda as agenda_module
    from vaultnet.network.index import SinceSaved

    vault = make_vault(CONTACTS_VAULT)
    cached_sync(vault, TODAY)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None
    kept = stored.people()
    digest, rows = kept.digest, kept.rows
    index = sync_module.load(vault, TODAY).index
    settings = load_settings(vault)
    other = replace(settings, cadence={**settings.cadence, "mentor": 3})
    worked = calls(monkeypatch, agenda_module, "_rows", lambda person, *_: person.path)
    for context, reached in [(settings, []), (other, sorted(p.path for p in index.people))]:
        memo = agenda_module.AgendaMemo()
        memo.saved = digest, (TODAY, settings), rows
        memo.carry(SinceSaved(digest, frozenset(), frozenset(), False), index.people)
        worked.clear()
        loaded = sync_module.load(vault, TODAY)
        found = agenda_module.build_agenda(loaded.graph, TODAY, context, memo,
                                           loaded.store.index_memo.plan_note)
        assert sorted(worked) == reached
        loaded = sync_module.load(vault, TODAY)
        fresh = agenda_module.build_agenda(loaded.graph, TODAY, context, None,
                                           loaded.store.index_memo.plan_note)
        assert agenda_json(found) == agenda_json(fresh)


def test_rows_of_the_agenda_the_cache_holds_that_are_not_rows_are_worked_out_again(
        make_vault, monkeypatch):
    """A person's rows of the agenda in the cache that are not what a sync keeps (a damaged or
    crafted cache: a value of another type, a list that does not exist, not a row at all) are
    worked out again, and the agenda is a fresh sync's."""
    import vaultnet.insight.agenda as agenda_module

    vault = make_vault(CONTACTS_VAULT)
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    stored = cache.load(code_key())
    assert stored is not None
    notes, resolved = stored.notes(), stored.resolved()
    kept = stored.people()
    ties, contacts, rows = kept.ties, kept.contacts, kept.rows
    assert rows.keys() >= {ANN, "People/Di Eng.md", "People/Ed Fox.md"}
    bad = {**rows, ANN: ((0, "30 days", None, None),), "People/Di Eng.md": ((9, 1),),
           "People/Ed Fox.md": "a reply", "People/Cy Dee.md": ((1,),)}
    cache.save(code_key(), stored.state, notes, resolved=resolved, ties=ties, contacts=contacts,
               rows=lambda: bad)
    assert ParseCache(vault).load(code_key()).people()[3] == bad  # type: ignore[union-attr]
    worked = calls(monkeypatch, agenda_module, "_rows", lambda person, *_: person.path)
    (vault / "Network/Follow-ups.md").unlink()  # (something to do)
    result = cached_sync(vault, TODAY)
    assert sorted(worked) == [ANN, "People/Cy Dee.md", "People/Di Eng.md", "People/Ed Fox.md"]
    assert_fresh(vault, result)


def test_interactions_are_gathered_only_for_the_people_an_edit_reaches(make_vault, monkeypatch):
    """A person whose interactions an edit did not reach keeps what the cache kept of them (their
    `Contacts`: what whom you know, the agenda, the pages and the hints read); their interactions
    are gathered only if something reads them, and are then what a sync that reads everything
    finds."""
    vault = make_vault(CONTACTS_VAULT)
    cached_sync(vault, TODAY)
    gathered = calls(monkeypatch, index_module, "_gather")
    bo, cy = "People/Bo Chen.md", "People/Cy Dee.md"
    for change, reached in [
        (lambda: _append(vault / ANN, "- 2026-11-25 Lunch with [[Cy Dee]] #met\n"), [ANN, cy]),
        (lambda: edit(vault / "Daily/2026-11-24.md", "Lunch", "Long lunch"), [bo]),
        (lambda: edit(vault / "People/Di Eng.md", "Wrote again", "Wrote once more"),
         ["People/Di Eng.md"]),
        # Cy met you through Bo: Bo's tie is worked out again, from his interactions.
        (lambda: edit(vault / cy, "topics:", 'met_via: "[[Bo Chen]]"\ntopics:'), [bo, cy]),
    ]:
        gathered.clear()
        change()
        result = cached_sync(vault, TODAY)
        assert not isinstance(result, Unchanged)
        assert sorted(gathered) == reached
        # Fay's note is contact with her alone, whom no edit reaches: its lines stay unread.
        fay = next(note for note in result.vault.index.notes if note.path == "People/Fay Gil.md")
        assert isinstance(fay._body[0], int)
        assert_fresh(vault, result)
        fresh = sync_module.load(vault, TODAY).index.people
        assert [(p.contacts, p.interactions) for p in result.vault.index.people] == \
            [(p.contacts, p.interactions) for p in fresh]


_MET = Interaction(TODAY, frozenset({"met"}), "a.md", 3, "Coffee")


@pytest.mark.parametrize("kept", [
    None, (), (1, None, None, (), ()), Contacts(1, _MET, _MET, (), ((1, 2),)),
    Contacts(1, _MET, Interaction("2026-11-25", frozenset(), "a.md", 1, "x"), (), ()),
    Contacts("1", _MET, _MET, (), ()), Contacts(1, _MET, _MET, [], ())])
def test_contacts_a_cache_holds_are_taken_only_when_they_are_contacts(kept):
    """What the cache gives for a person's contacts is taken only when it is `Contacts` of
    interactions (else, a cache changed by hand, the person's interactions are gathered)."""
    interactions = (Interaction(TODAY, frozenset({"outreach"}), "a.md", 3, "Wrote"),)
    contacts = Contacts.of(interactions)
    assert contacts == Contacts(1, interactions[0], None, interactions, ())
    assert Contacts.checked(cache_module._loads(pickle.dumps(contacts, protocol=5))) == contacts
    assert Contacts.checked(kept) is None
    # Checked all at once (a sync takes everyone's from the cache), beside contacts that are:
    # not all of them are.
    good = [contacts, Contacts.of(()), Contacts(1, _MET, _MET, (), (None,))]
    assert Contacts.all_checked(good) and Contacts.all_checked([])
    assert not Contacts.all_checked([*good, kept])
    assert not Contacts.all_checked([kept, *good])


def test_contacts_are_the_same_only_to_each_interactions_text():
    """What decides whether a chunk of people in the cache is written again: equal contacts whose
    interactions differ in their text alone (`==` overlooks it) are not the same."""
    reworded = _MET._replace(text="Long coffee")
    other_day = _MET._replace(day=date(2026, 11, 24))
    contacts = Contacts(1, _MET, _MET, (), ())
    assert contacts.same_as(contacts)
    assert contacts.same_as(Contacts(1, *[_MET._replace()] * 2, (), ()))  # equal, not the same
    assert Contacts(1, reworded, reworded, (), ()) == contacts  # (what `==` says)
    for one, other in [(contacts, Contacts(1, reworded, reworded, (), ())),
                       (contacts, Contacts(2, _MET, _MET, (), ())),
                       (contacts, Contacts(1, _MET, None, (), ())),
                       (contacts, Contacts(1, other_day, other_day, (), ())),
                       (contacts, Contacts(1, _MET, _MET, (_MET,), ())),
                       (contacts, Contacts(1, _MET, _MET, (), (_MET,))),
                       (Contacts(1, _MET, _MET, (_MET,), ()), Contacts(1, _MET, _MET, (reworded,), ())),
                       (Contacts(1, _MET, _MET, (), (_MET,)), Contacts(1, _MET, _MET, (reworded,), ()))]:
        assert not one.same_as(other) and not other.same_as(one)
    assert not contacts.same_as(None) and not contacts.same_as(tuple(contacts))


def same_graph(graph: Graph, fresh: Graph) -> bool:
    """Two graphs (one of them, say, a `KeptGraph`) with the same nodes in the same order, each
    with the same values, the same edges with the same kinds, and the same attributes."""
    return list(graph.nodes.items()) == list(fresh.nodes.items()) \
        and _edges(graph) == _edges(fresh) and graph.graph == fresh.graph


def _edges(graph: Graph) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(*sorted((a, b)), data["kinds"]) for a, ties in graph.adj.items()
            for b, data in ties.items()}


def test_the_graph_is_taken_from_the_cache_while_nothing_but_its_ties_changes(make_vault,
                                                                             monkeypatch):
    """The graph's structure the cache kept is taken up again, its ties changed in place, while
    the people, their topics, organisations and people without a note are the same; each time
    it is the graph built afresh. A structure whose ties changed is not kept again: the cache
    notes the relations changed in it, until they are too many."""
    import vaultnet.insight.suggestions as suggestions_module
    import vaultnet.network.graph as graph_module

    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    built = calls(monkeypatch, graph_module, "_new_graph", lambda *_: "graph")
    for module in (suggestions_module, sync_module):  # (the ties between people are kept too)
        calls(monkeypatch, module, "ties_between_people", lambda _: "ties", built)
    calls(monkeypatch, sync_module, "kept_structure", lambda *_: "kept", built)
    given = calls(monkeypatch, suggestions_module, "_Structure", lambda graph, known, ties, *_: ties)
    cy = vault / "People/Cy Dee.md"
    for change, made, retied in [
        (lambda: _append(vault / ANN, "- 2026-11-25 Call #call\n"), [], 0),
        # A tie: the kept graph's ties changed in place; Cy's first tie to a person numbers the
        # people tied to someone again, and the structure is kept anew.
        (lambda: _append(vault / ANN, "- 2026-11-25 Lunch with [[Cy Dee]] #met\n"),
         ["ties", "kept"], 0),
        # Other ties: those between people changed where they changed, the structure as it was.
        (lambda: edit(cy, "topics:", 'knows: ["[[Bo Chen]]"]\ntopics:'), [], 1),
        (lambda: edit(cy, 'knows: ["[[Bo Chen]]"]', 'spouse: "[[Bo Chen]]"'), [], 1),
        (lambda: edit(cy, "topics:", 'knows: ["[[Ann Lee]]"]\ntopics:'), [], 2),
        (lambda: edit(cy, 'knows: ["[[Ann Lee]]"]\n', ""), [], 1),
        (lambda: edit(cy, "[sensors]", "[sensors, robots]"), ["graph", "ties", "kept"], 0),
        (lambda: edit(cy, "topics:", 'knows: ["[[Zed Null]]"]\ntopics:'),  # no note
         ["graph", "ties", "kept"], 0),
        (lambda: edit(vault / ANN, "#met", "#call"), [], 0),  # (the cache kept the graph again)
    ]:
        built.clear()
        given.clear()
        change()
        result = cached_sync(vault, TODAY)
        assert not isinstance(result, Unchanged)
        assert built == made
        stored = ParseCache(vault).load(code_key())
        assert stored is not None and len(stored.state.graph_retied) == retied
        assert_fresh(vault, result)
        fresh = sync_module.load(vault, TODAY)
        assert same_graph(result.vault.graph, fresh.graph)
        # The ties between people the insight was given: those of the graph built afresh.
        (given_tied, given_declared), (tied, declared) = \
            given[0], field_module.ties_between_people(fresh.graph)
        assert given_tied == tied
        assert {node: sorted(ties) for node, ties in given_declared.items()} == \
            {node: sorted(ties) for node, ties in declared.items()}


def test_a_structure_kept_with_too_many_ties_changed_in_it_is_kept_anew(make_vault, monkeypatch):
    import vaultnet.network.graph as graph_module

    monkeypatch.setattr(sync_module, "MAX_RETIED", 1)
    vault = make_vault(EDIT_VAULT)
    _append(vault / ANN, "- 2026-11-20 Lunch with [[Cy Dee]] #met\n")
    cached_sync(vault, TODAY)
    kept = calls(monkeypatch, sync_module, "kept_structure", lambda *_: "kept")
    built = calls(monkeypatch, graph_module, "_new_graph", lambda *_: "graph")
    cy = vault / "People/Cy Dee.md"
    for change, made in [(lambda: edit(cy, "topics:", 'knows: ["[[Bo Chen]]"]\ntopics:'), []),
                         (lambda: edit(cy, "topics:", 'spouse: "[[Ann Lee]]"\ntopics:'), ["kept"]),
                         (lambda: edit(cy, 'spouse: "[[Ann Lee]]"\n', ""), [])]:
        kept.clear()
        built.clear()
        change()
        result = cached_sync(vault, TODAY)
        assert (kept, built) == (made, [])
        assert_fresh(vault, result)


@pytest.mark.parametrize("damage", ["garbage", "another graph", "code", "out of bounds", "gone"])
def test_a_graph_kept_beside_the_cache_that_is_not_the_one_it_names_is_built_afresh(
        make_vault, tmp_path, monkeypatch, damage):
    """The graph's structure is kept in a file of its own, named by digest in the cache: a file
    damaged, written by a sync that never saved, crafted, or gone costs a build, never a wrong
    graph or a failed sync, and never runs code."""
    import vaultnet.network.graph as graph_module

    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    assert cache.path is not None
    kept = cache.path.with_suffix(".graph")
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    if damage == "garbage":
        kept.write_bytes(os.urandom(200))
    elif damage == "another graph":  # as a sync that ended before it saved leaves it
        other = sync_module.load(vault, TODAY).graph
        other.remove_node("person:People/Bo Chen.md")
        kept.write_bytes(graph_module.kept_structure(other))
    elif damage in ("code", "out of bounds"):  # named by the cache, as a crafted cache would be
        if damage == "code":
            evil = pickle.dumps(Evil())
        else:  # a neighbour numbered past the last node
            nodes, (starts, ends, kinds_of, kinds), *rest_of = pickle.loads(kept.read_bytes())
            numbers = array("I", ends)
            numbers[0] = len(nodes)
            evil = pickle.dumps((nodes, (starts, numbers.tobytes(), kinds_of, kinds), *rest_of))
        kept.write_bytes(evil)
        first, _, rest = cache.path.read_bytes().partition(b"\n")
        header = {**json.loads(first), "graph_digest": cache_module._digest(evil)}
        cache.path.write_bytes(json.dumps(header).encode() + b"\n" + rest)
    else:
        kept.unlink()
    built = calls(monkeypatch, graph_module, "_new_graph", lambda *_: 1)
    _append(vault / ANN, "- 2026-11-25 Call #call\n")
    result = cached_sync(vault, TODAY)
    assert built == [1] and not marker.exists()
    assert_fresh(vault, result)
    assert same_graph(result.vault.graph, sync_module.load(vault, TODAY).graph)
    built.clear()
    _append(vault / ANN, "- 2026-11-25 Another call #call\n")
    result = cached_sync(vault, TODAY)
    assert built == []  # kept again, whole
    assert_fresh(vault, result)


def rewrite_state(vault: Path, change: Callable[[dict[str, Any]], None]) -> ParseCache:
    """Write the state of the vault's cache again as `change` leaves it, under its new digest (as
    a cache written by hand would be: its digest holds); return the cache."""
    cache = ParseCache(vault)
    assert cache.path is not None
    first, _, data = cache.path.read_bytes().partition(b"\n")
    header, state = json.loads(first), cache_module._loads(data)
    change(state)
    data = pickle.dumps(state, protocol=5)
    header["state_sha256"] = hashlib.sha256(data).hexdigest()
    cache.path.write_bytes(json.dumps(header).encode() + b"\n" + data)
    return cache


def rewrite_chunks(vault: Path, part: str,
                   change: Callable[[dict[str, Any]], dict[str, Any]]) -> ParseCache:
    """Rewrite each chunk of `part` of the cache of `vault` as `change` gives it, under its new
    digest, as a cache changed by hand would be (its digests hold)."""
    cache = ParseCache(vault)
    assert cache.path is not None
    first, _, state = cache.path.read_bytes().partition(b"\n")
    header = json.loads(first)
    chunks = cache_module.chunk_folder(cache.path)
    for at, digest in enumerate(header[part]):
        changed = cache_module.dump_chunk(change(cache_module.load_chunk(
            (chunks / digest).read_bytes())))
        header[part][at] = cache_module._digest(changed)
        (chunks / header[part][at]).write_bytes(changed)
    cache.path.write_bytes(json.dumps(header).encode() + b"\n" + state)
    return cache


def test_resolved_links_that_do_not_fit_their_note_are_resolved_again(make_vault):
    """A cache whose resolved links are damaged in a way its digest cannot see (written by hand,
    say) costs a resolution, never a wrong or failed sync."""
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    cache = rewrite_chunks(vault, "resolved", lambda resolved: {
        path: ((b"\xff" * 4, b"\x01\x00\x00\x00", ()), *saved[1:])
        for path, saved in resolved.items()})
    stored = cache.load(code_key())
    assert stored is not None and stored.notes() and stored.resolved()[1]  # taken as written
    _append(vault / ANN, "- 2026-11-25 Call #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))


@pytest.mark.parametrize(("gone", "lunch", "edited", "old", "new"), [
    ("every chunk of notes", "Lunch with [[Bo Chen]]\n", ANN, "## Log\n",
     "## Log\n- 2026-11-25 Call #call\n"),
    ("one chunk of notes", "Lunch with [[Ann Lee]] and [[Bo Chen]]\n", "Daily/2026-11-24.md",
     "[[Ann Lee]] and ", ""),
])
def test_what_the_cache_kept_of_people_is_not_taken_for_notes_it_no_longer_holds(
        make_vault, monkeypatch, gone, lunch, edited, old, new):
    """A note whose chunk the cache no longer holds (gone, or damaged) is read again, and what
    the cache kept of the people its lines were with, then or now, is not taken for them: their
    contacts and ties are worked out again. (An edit would otherwise go unseen: Ann due although
    she was called today, or in touch through a lunch the daily note no longer holds.)"""
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 2)  # 6 notes: 4 chunks
    vault = make_vault({**EDIT_VAULT, "Daily/2026-11-24.md": lunch})
    cached_sync(vault, TODAY)
    cache = ParseCache(vault)
    assert cache.path is not None
    whole = cache.load(code_key())
    assert whole is not None
    held = set(whole.notes())
    first, _, state = cache.path.read_bytes().partition(b"\n")
    header = json.loads(first)
    assert len(header["notes"]) == 4
    # (Named, but not there: an empty chunk of notes may be the very file of another part's.)
    for at in range(4):
        if gone == "every chunk of notes" or at == cache_module.chunk_of(edited, 4):
            header["notes"][at] = cache_module._digest(b"gone")
    cache.path.write_bytes(json.dumps(header).encode() + b"\n" + state)
    stored = cache.load(code_key())
    assert stored is not None and stored.people()[2]
    # Every note of the chunks still there, and none of the others.
    assert set(stored.notes()) == {
        path for path in held if gone == "one chunk of notes"
        and cache_module.chunk_of(path, 4) != cache_module.chunk_of(edited, 4)}
    edit(vault / edited, old, new)
    # A command that reads the cache alone (`vaultnet due`, `brief`) sees the edit too.
    assert agenda_json(sync_module.load_cached(vault, TODAY).agenda) == \
        agenda_json(sync_module.load(vault, TODAY).agenda)
    assert_fresh(vault, cached_sync(vault, TODAY))


def test_a_notes_lines_from_the_cache_are_a_view_of_its_chunk_not_a_copy(make_vault):
    """A chunk of notes holds each note's links and dated lines out of its pickle's band: read
    back, they are views of the chunk's file mapped into memory (which the sync holds, to save
    the chunk as it was), not one bytes object per note, nor a copy of the file; unpickled when
    first read, they are the note's lines, and the chunk pickles again to the very bytes it was
    read from."""
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None
    notes = stored.notes()
    with_lines = [note for _, note in notes.values() if note.entry_count]
    assert with_lines and len(stored.pieces) == len(stored.digests("notes"))
    for chunk, data in stored.pieces:
        assert cache_module.dump_chunk(chunk) == data
        if cache_module._map_budget():  # (else read: where the descriptors cannot be counted)
            assert isinstance(data, memoryview) and isinstance(data.obj, mmap.mmap)
        for _, note in chunk.values():
            assert isinstance(note._body[1], memoryview)
            assert note._body[1].obj is (data.obj if isinstance(data, memoryview) else data)
    for note in with_lines:
        fresh = parse_note(note.path, (vault / note.path).read_text(encoding="utf-8"))
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):  # (a view pickles as bytes, or out
            again = pickle.loads(pickle.dumps(note, protocol=protocol))  # of band from 5 on)
            assert again == fresh and again.entries == fresh.entries
        assert note.entries == fresh.entries and note.links == fresh.links and note == fresh


def test_the_cache_maps_no_more_files_than_its_share_of_descriptors(make_vault, monkeypatch):
    """Each file of the cache mapped into memory holds a descriptor open while it lasts: past
    its budget (a quarter of what the process may open), a file of the cache is read instead,
    and the sync is what a fresh one is."""
    vault = make_vault(EDIT_VAULT)
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 1)  # (a chunk a note, or near it)
    cached_sync(vault, TODAY)
    budget = cache_module._map_budget()
    monkeypatch.setattr(cache_module, "_map_budget", lambda: 2)
    monkeypatch.setattr(cache_module, "_MAPPED", weakref.WeakSet())
    stored = ParseCache(vault).load(code_key())
    assert stored is not None and stored.notes() and stored.resolved()[1]
    pieces = [data for _, data in [*stored.pieces, *stored.resolved_pieces]]  # type: ignore[misc]
    assert len(pieces) > 2 and len(cache_module._MAPPED) == 2
    assert [isinstance(data, memoryview) for data in pieces] == [True, True] + [False] * (len(pieces) - 2)
    edit(vault / ANN, "mentor", "peer")
    assert_fresh(vault, cached_sync(vault, TODAY))
    assert budget > 2 or os.name != "posix"  # (a POSIX machine's: some hundreds)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_the_cache_unpickles_from_a_view_whatever_the_protocol(protocol):
    """The cache's files are unpickled from views of their bytes (`_Reading`), a frame at a time:
    a pickle of any protocol reads back whole, its lines (protocol 0) and its large values
    (written outside any frame, read into place) too, and a chunk reads back from a view as from
    bytes."""
    value: dict[str, object] = {"text": "x\ny" * 40_000, "many": [(n, str(n)) for n in range(20_000)]}
    if protocol >= 3:  # (before, bytes and dates pickle as a call the cache does not allow)
        value.update(big=bytes(range(256)) * 5000, day=TODAY)
    data = pickle.dumps(value, protocol=protocol)
    assert cache_module._loads(memoryview(data)) == cache_module._loads(data) == value
    chunk = cache_module.dump_chunk(value)
    assert cache_module.load_chunk(memoryview(chunk)) == value


@pytest.mark.parametrize("frame", ["a pickle and no frame", "more buffers than bytes",
                                   "a gap after the pickle", "a count beyond the chunk"])
def test_a_chunk_whose_frame_does_not_hold_is_read_as_if_it_were_not_there(make_vault, frame):
    """A chunk of notes written by hand (its digest holds) whose frame does not add up: the notes
    are read again, and the sync leaves what a fresh one does."""
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)

    def framed(data: bytes) -> bytes:
        count = int.from_bytes(data[-8:], "little")
        if frame == "a pickle and no frame":
            return pickle.dumps(cache_module.load_chunk(data), protocol=5)
        if frame == "more buffers than bytes":
            return data[:-8 * (count + 1)] + (1 << 40).to_bytes(8, "little") * count \
                + data[-8:]
        if frame == "a gap after the pickle":
            at = len(data) - 8 * (count + 1) - sum(
                int.from_bytes(data[-8 * (count + 1) + 8 * i:][:8], "little") for i in range(count))
            return data[:at] + b"\x00" + data[at:]
        return data[:-8] + (len(data) // 8 + 1).to_bytes(8, "little")

    cache = rewrite_note_chunks(vault, framed)
    stored = cache.load(code_key())
    assert stored is not None and stored.notes() == {}  # as if the chunks were not there
    _append(vault / ANN, "- 2026-11-25 Call #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))


def rewrite_note_chunks(vault: Path, change: Callable[[bytes], bytes]) -> ParseCache:
    """Write each chunk of notes of the vault's cache again as `change` makes its bytes, under
    the digest of what it then holds (as a cache written by hand would be); return the cache."""
    cache = ParseCache(vault)
    assert cache.path is not None
    first, _, state = cache.path.read_bytes().partition(b"\n")
    header = json.loads(first)
    folder = cache_module.chunk_folder(cache.path)
    for at, digest in enumerate(header["notes"]):
        data = change((folder / digest).read_bytes())
        header["notes"][at] = cache_module._digest(data)
        (folder / header["notes"][at]).write_bytes(data)
    cache.path.write_bytes(json.dumps(header).encode() + b"\n" + state)
    return cache


def sync_apart(vault: Path, heavy: list[str]) -> str:
    """What `vaultnet sync` prints in a process of its own, then which of the modules `heavy` it
    imported (`IMPORTED [...]`)."""
    import subprocess
    import sys

    program = ("import sys\nfrom vaultnet.cli import cli\n"
               f"try:\n    cli(['sync', '--vault', {str(vault)!r}, '--today', '{TODAY}'])\n"
               "except SystemExit:\n    pass\n"
               f"print('IMPORTED', [name for name in {heavy!r} if name in sys.modules])\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_folder().parent)}
    return subprocess.run([sys.executable, "-c", program], env=env, capture_output=True,
                          text=True, check=True).stdout


def test_a_sync_with_nothing_to_do_imports_nothing_heavy(make_vault):
    """Answered from the cache's state: no networkx, no YAML parser, no writer, no pipe (but for
    a vault large enough to be walked by a child meanwhile: see tests/test_speed_look.py)."""
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)  # (its notes an hour old, by the fixture: all trusted)
    done = sync_apart(vault, ["networkx", "yaml", "vaultnet.write.generated",
                              "vaultnet.pipeline.sync"])
    assert "Nothing to write" in done
    assert "IMPORTED []" in done


@pytest.mark.parametrize("line", ["- 2026-11-25 Call #call\n",
                                  "- 2026-11-25 Lunch with [[Cy Dee]] #met\n"])
def test_a_sync_after_an_edit_imports_neither_networkx_nor_the_yaml_parser(make_vault, line):
    """A sync after a log line, or a line that adds a tie, reads the graph the cache kept
    (`KeptGraph`) and the edited note's simple frontmatter without the YAML parser: it imports
    neither networkx (some 90 ms), PyYAML nor python-frontmatter, nor the process pool of a
    parse on several cores, nor multiprocessing; nor does a cold sync import networkx, whose
    graph serves that sync alone (a `KeptGraph` too: see tests/test_kept_graph.py)."""
    vault = make_vault(EDIT_VAULT)
    heavy = ["networkx", "yaml", "frontmatter", "concurrent.futures.process", "multiprocessing"]
    cold = sync_apart(vault, heavy)
    assert "Created" in cold and "IMPORTED []" in cold
    _append(vault / ANN, line)
    after = sync_apart(vault, heavy)
    assert "Updated" in after and "IMPORTED []" in after
    assert_fresh(vault, cached_sync(vault, TODAY))


def test_two_syncs_saving_the_cache_at_once_leave_one_that_holds(make_vault):
    """Two `vaultnet sync` of one vault at once, after each of a few edits: both end well (the
    one that starts second waits for the other: see `vaultnet.pipeline.one_at_a_time`), and the
    cache the last one left names chunks that are all there and gives the bytes a sync that
    reads everything gives."""
    import subprocess
    import sys

    vault = make_vault({**EDIT_VAULT, **{f"People/P{i}.md": person(f"P{i}", "- 2026-11-01 Call")
                                         for i in range(30)}})
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_folder().parent)}
    argv = [sys.executable, "-m", "vaultnet", "sync", "--vault", str(vault), "--today", str(TODAY)]
    cached_sync(vault, TODAY)
    for day in (23, 24, 25):
        _append(vault / ANN, f"- 2026-11-{day} Lunch with [[P{day}]] #met\n")
        both = [subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True) for _ in range(2)]
        for process in both:
            _, said = process.communicate(timeout=120)
            # Each ends well, and neither takes a page the other was replacing for your edit.
            assert process.returncode == 0 and all(
                "waiting for it to finish" in line for line in said.splitlines()), said
    with one_sync_at_a_time(vault):  # (the cache is saved by a child of the last: once it ends)
        stored = ParseCache(vault).load(code_key())
        assert stored is not None and stored.notes().keys() == stored.state.files.keys()
        folder = cache_module.chunk_folder(ParseCache(vault).path)  # type: ignore[arg-type]
        assert all((folder / name).is_file() for name in named_chunks(vault))
    _append(vault / ANN, "- 2026-11-26 Call #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))


def test_a_save_removes_what_killed_syncs_left_half_written(make_vault):
    """A sync killed while it wrote the cache leaves its temporary file (a whole cache's worth of
    bytes): the next save removes those of processes that no longer run, and leaves alone one a
    sync still writes, and every other file."""
    import subprocess
    import sys

    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    cache = ParseCache(vault).path
    assert cache is not None
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    writing = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        left = [cache.with_name(f".{cache.name}.{int(gone.stdout)}.tmp"),
                cache.with_name(f".{cache.with_suffix('.graph').name}.{int(gone.stdout)}.tmp")]
        kept = [cache.with_name(f".{cache.name}.{writing.pid}.tmp"),
                cache.with_name(f".{cache.name}.x.tmp"), cache.with_name("notes.txt"),
                cache.with_name(f".{cache.name}.{10**30}.tmp")]  # (no process has such an id)
        chunks = cache_module.chunk_folder(cache)
        digest = next(iter(named_chunks(vault)))
        left.append(chunks / f".{digest}.{int(gone.stdout)}.tmp")
        kept.append(chunks / f".{digest}.{writing.pid}.tmp")
        for path in left + kept:
            path.write_bytes(b"half")
        _append(vault / ANN, "- 2026-11-25 Lunch with [[Cy Dee]] #met\n")  # (a new graph, too)
        assert_fresh(vault, cached_sync(vault, TODAY))
        assert [path.exists() for path in left + kept] == [False] * 3 + [True] * 5
    finally:
        writing.kill()
        writing.wait()


@pytest.mark.parametrize("damage", ["none", "flipped", "fifo"])
def test_the_cache_is_read_ahead_on_a_thread_gone_before_the_sync_forks(make_vault, monkeypatch,
                                                                        damage):
    """A sync that unpickles the cache has its files read and checked on a thread of their own,
    each once, in the order it asks for them; the thread is gone before anything can fork (a
    fork must find no other thread), and the interpreter's switch interval is as it was. A
    chunk damaged, or made a FIFO, is found there as it would be here."""
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 2)  # 8 chunks of each part
    vault = make_vault({**EDIT_VAULT, **{f"People/P{i}.md": person(f"P{i}", "- 2026-11-02 Call")
                                         for i in range(12)}})
    cached_sync(vault, TODAY)
    header = cache_header(vault)
    cache = ParseCache(vault)
    assert cache.path is not None and header["graph_digest"]
    folder = cache_module.chunk_folder(cache.path)
    # (All but the ties' bases and the targets, which a sync of the same day reads as it saves,
    # here: the bases, and the chunk of targets of the note it resolved again.)
    order = [*(name for part in cache_module._READ_AHEAD for name in header[part]),
             cache.path.stem]
    order += sorted(named_chunks(vault) - set(order) - set(header["bases"])
                    - set(header["targets"]))  # (the pages kept)
    if damage != "none":  # a chunk of resolved links: the notes' are read whole before it
        chunk = folder / header["resolved"][cache_chunk_of("People/P3.md")]
        data = chunk.read_bytes()
        chunk.unlink()
        if damage == "fifo":
            os.mkfifo(chunk)
        else:
            chunk.write_bytes(data[:-9] + bytes([data[-9] ^ 0xFF]) + data[-8:])
    read: list[tuple[str, str]] = []
    real_read = cache_module._read
    monkeypatch.setattr(cache_module, "_read", lambda path: read.append(
        (path.stem if path.suffix == ".graph" else path.name, threading.current_thread().name))
        or real_read(path))
    monkeypatch.setattr(sync_module, "TIES_ASIDE_MIN", 1)  # (P3's tie, on another core)
    threads_at_fork = calls(monkeypatch, sync_module, "can_fork",
                            lambda *args: threading.active_count())
    switch = sys.getswitchinterval()
    _append(vault / "People/P3.md", "- 2026-11-25 Call #call\n")
    result = cached_sync(vault, TODAY)
    assert_fresh(vault, result)
    ahead = [name for name, thread in read if thread == "vaultnet-read-ahead"]
    assert ahead == list(dict.fromkeys(order))  # (a chunk named twice is read ahead once)
    assert {name for name, thread in read if thread != "vaultnet-read-ahead"} <= \
        set(ahead) | set(header["bases"]) | {header["targets"][cache_chunk_of("People/P3.md")]}
    assert set(threads_at_fork) == {1} and sys.getswitchinterval() == switch
    assert threading.active_count() == 1
    stored = ParseCache(vault).load(code_key())
    assert stored is not None and stored.notes() and stored.resolved()[1] and stored.people()[1]


def test_a_sync_from_the_contacts_the_cache_kept_finds_whose_notes_hold_them_for_few(make_vault,
                                                                                       monkeypatch):
    """A sync after an edit gathers the interactions of the people whose contacts may have
    changed, and works out which notes hold the contacts of those people alone, not everyone's
    (0.05 s at 10,000 dense people). Everyone's interactions, read afterwards, and the next
    build of the same store (a watch round after an edit), are a build's that reads everything."""
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    everyone = calls(monkeypatch, index_module, "_first_contacts",
                     lambda touching, by_path: len(by_path))
    gathered = calls(monkeypatch, index_module, "_gather", lambda person, *_: person)
    _append(vault / ANN, "- 2026-11-25 Lunch with [[Cy Dee]] #met\n")
    result = cached_sync(vault, TODAY)
    assert everyone == [] and sorted(set(gathered)) == [ANN, "People/Cy Dee.md"]
    assert_fresh(vault, result)
    everyone.clear()

    def interactions(people: tuple[Person, ...]) -> list[str]:  # (`==` overlooks their text)
        return [repr((person.path, person.interactions)) for person in people]

    kept = sync_module.load_cached(vault, TODAY)
    assert everyone == []
    fresh = sync_module.load(vault, TODAY)  # (no store: it reads and resolves everything)
    assert everyone == []  # (a first build gathers everyone's at once: it needs no holders)
    assert interactions(kept.index.people) == interactions(fresh.index.people)
    assert everyone == [len(fresh.store.index_memo.by_path)]  # (once, for the first read)
    _append(vault / "People/Cy Dee.md", "- 2026-11-26 Call with [[Bo Chen]] #call\n")
    again = sync_module.load(vault, TODAY, kept.store)
    assert interactions(again.index.people) == \
        interactions(sync_module.load(vault, TODAY).index.people)


def test_contacts_the_cache_kept_that_are_no_contacts_are_gathered_from_the_notes(make_vault,
                                                                                 monkeypatch):
    """A person whose contacts in the cache are no contacts (a cache changed by hand) has their
    interactions gathered in a sync that started from the others' kept contacts: the notes that
    hold them are worked out then, for everyone, once."""
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    bo = "People/Bo Chen.md"
    rewrite_chunks(vault, "people", lambda people: {
        **people, **({bo: (people[bo][0], ("not", "contacts"), *people[bo][2:])} if bo in people
                     else {})})
    everyone = calls(monkeypatch, index_module, "_first_contacts",
                     lambda touching, by_path: len(by_path))
    gathered = calls(monkeypatch, index_module, "_gather", lambda person, *_: person)
    _append(vault / ANN, "- 2026-11-25 Call #call\n")
    result = cached_sync(vault, TODAY)
    assert len(everyone) == 1
    # (The others' contacts were taken from the cache: theirs are not gathered.)
    assert sorted(set(gathered)) == [ANN, bo]
    assert_fresh(vault, result)


def test_the_cache_is_read_ahead_at_the_process_switch_interval_when_other_threads_run(
        make_vault, monkeypatch):
    """The switch interval is the process's: a sync that reads the cache ahead lowers it only
    when no other thread runs (as on the command line), and sets it back."""
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    switched = calls(monkeypatch, sys, "setswitchinterval")
    _append(vault / ANN, "- 2026-11-25 Call #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))
    switch = sys.getswitchinterval()
    assert switched == [min(switch, cache_module.SWITCH_AHEAD), switch]
    switched.clear()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        _append(vault / ANN, "- 2026-11-26 Call #call\n")
        assert_fresh(vault, cached_sync(vault, TODAY))
    finally:
        stop.set()
        other.join()
    assert switched == [] and sys.getswitchinterval() == switch
