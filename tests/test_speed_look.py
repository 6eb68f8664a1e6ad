"""A sync's look at the vault (`vaultnet.pipeline.cache.look`), made fast: every note looked at in
C (`vaultnet.write.files.signatures`), the notes' signatures kept by the cache's state in columns
(`KeptSignatures`), and its summary kept as its pickle. Each gives what the plain way gives (a
signature at a time; the mapping of every note's signature; the summary), a state whose columns
do not add up is no cache, one whose summary is no summary no answer, and a sync after an edit
leaves a cache that answers the next sync alone."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, person
from hypothesis import given, settings
from hypothesis import strategies as st
from test_cache import (  # noqa: F401 (an_hour_later: a fixture, used by every test here)
    _append,
    an_hour_later,
    assert_fresh,
    parses,
    rewrite_state,
    saved_at_once_after,
)
from test_parallel_parse import wait_for

import vaultnet.cli.options as options_module
import vaultnet.pipeline.cache as cache_module
import vaultnet.read.vault as vault_module
from vaultnet.base.settings import load_settings
from vaultnet.cli.options import load_vault
from vaultnet.pipeline.cache import KeptSignatures, ParseCache, Unchanged, code_key, look
from vaultnet.pipeline.sync import cached_sync, load, summarize, sync
from vaultnet.write.files import Signature, signature, signatures

ANN = "People/Ann Lee.md"
FILES = {
    ANN: person("Ann Lee", "## Log\n- 2026-08-01 Coffee #met\n", role="mentor"),
    "People/Bo Chen.md": person("Bo Chen", "## Log\n- 2026-11-20 Call #call\n", role="peer"),
    "People/Cy Dee.md": person("Cy Dee", ""),
    "Daily/2026-11-24.md": "Lunch with [[Bo Chen]]\n",
}


def test_the_notes_are_looked_at_at_once_as_one_at_a_time(tmp_path):
    """What `signatures` gives is what `signature` gives each path: when every file can be looked
    at (at once, in C), and when one cannot (a path gone, a symlink that leads nowhere)."""
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "b.md").write_text("bb", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    os.symlink(tmp_path / "b.md", tmp_path / "link.md")
    os.symlink(tmp_path / "nowhere.md", tmp_path / "broken.md")
    there = [str(tmp_path / name) for name in ("a.md", "link.md", "folder", "b.md")]
    assert signatures(there) == [signature(path) for path in there]
    assert None not in signatures(there) and signatures([]) == []
    for gone in ("gone.md", "broken.md"):
        paths = [*there[:2], str(tmp_path / gone), *there[2:]]
        found = signatures(paths)
        assert found == [signature(path) for path in paths] and found[2] is None


_NUMBER = st.integers(-(2**70), 2**70)  # (beyond what 64 bits hold, either way)
_SIGNATURE = st.none() | st.tuples(_NUMBER, _NUMBER, _NUMBER, st.integers(0, 2**70))
_SMALL = st.none() | st.tuples(*[st.integers(0, 3)] * 4)  # (often equal to one another)


@settings(max_examples=300, deadline=None)
@given(files=st.dictionaries(st.text(max_size=4), _SIGNATURE | _SMALL, max_size=12),
       data=st.data())
def test_kept_signatures_are_the_mapping_they_were_made_from(files, data):
    """Kept, pickled and read back, the signatures are the mapping they were made from, their
    paths in a walk's order (sorted); and they `hold` for a walk's notes and signatures exactly
    when those, as a mapping, are equal to it."""
    made = KeptSignatures.of(files)
    kept = KeptSignatures(*cache_module._loads(pickle.dumps(made.columns(), protocol=5)))
    assert dict(kept) == files and list(kept) == sorted(files) and len(kept) == len(files)
    assert kept.signatures == [files[path] for path in sorted(files)]
    assert KeptSignatures.of(kept) is kept and dict(KeptSignatures.of(dict(kept))) == files
    # A walk that found these notes, or others, with these signatures or others.
    found = dict(files)
    for path in data.draw(st.lists(st.text(max_size=4), max_size=3)):
        found[path] = data.draw(_SIGNATURE | _SMALL)
    for path in data.draw(st.lists(st.sampled_from(sorted(files)), max_size=2)) if files else ():
        found.pop(path, None)
    walked = sorted(found)
    assert kept.holds(walked, [found[path] for path in walked]) == (found == files)


def _columns(change: Callable[[list[str], bytes, dict[int, Any]], tuple[Any, ...]]
             ) -> Callable[[dict[str, Any]], None]:
    """A change of the state: its signatures' columns as `change` gives them."""
    def changed(state: dict[str, Any]) -> None:
        state["files"] = change(*state["files"])
    return changed


DAMAGE = {
    "no columns": lambda state: state.update(files={ANN: None}),
    "a column fewer": _columns(lambda paths, packed, apart: (paths, packed)),
    "paths not a list": _columns(lambda paths, packed, apart: (tuple(paths), packed, apart)),
    "a path not text": _columns(
        lambda paths, packed, apart: ([*paths[:-1], b"x.md"], packed, apart)),
    "a signature short": _columns(lambda paths, packed, apart: (paths, packed[:-1], apart)),
    "a signature more": _columns(lambda paths, packed, apart: (paths, packed + bytes(32), apart)),
    "packed not bytes": _columns(lambda paths, packed, apart: (paths, bytearray(packed), apart)),
    "apart out of place": _columns(
        lambda paths, packed, apart: (paths, packed, {len(paths): None})),
    "apart not a place": _columns(lambda paths, packed, apart: (paths, packed, {"0": None})),
    "apart not a signature": _columns(lambda paths, packed, apart: (paths, packed, {0: (1, 2, 3)})),
    "apart a signature of text": _columns(
        lambda paths, packed, apart: (paths, packed, {0: (1, 2, 3, "4")})),
    "a summary unpickled": lambda state: state.update(summary=cache_module._loads(
        state["summary"])),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_state_whose_signatures_do_not_add_up_is_no_cache(make_vault, damage):
    """Kept signatures that do not add up (a cache written by hand, whose digest holds) are no
    cache: never a wrong answer, nor a failed sync; the next sync writes the cache anew."""
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    cache = rewrite_state(vault, DAMAGE[damage])
    assert cache.load(code_key()) is None
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    assert_fresh(vault, result)
    assert cache.load(code_key()) is not None and isinstance(cached_sync(vault, TODAY), Unchanged)


def test_a_state_whose_signatures_say_otherwise_is_answered_as_changed(make_vault):
    """A state whose signatures are whole, but of notes as they were not, does not answer for the
    vault: the sync after its look runs (its notes are told changed by the signatures the cache's
    chunks keep, not the state's), and leaves a cache that answers the next."""
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)

    def other(paths: list[str], packed: bytes, apart: dict[int, Signature | None]
              ) -> tuple[Any, ...]:
        return paths, packed[:-1] + bytes([packed[-1] ^ 1]), apart

    rewrite_state(vault, _columns(other))
    looked = look(vault, TODAY)
    assert looked.stored is not None and looked.unchanged is None and looked.listing is not None
    assert not isinstance(cached_sync(vault, TODAY), Unchanged)
    assert isinstance(cached_sync(vault, TODAY), Unchanged)


def test_a_sync_after_an_edit_leaves_a_cache_that_answers_the_next_sync_alone(make_vault):
    """The note an edit made a sync read again comes last among the notes that sync holds; the
    cache keeps them all in a walk's order, so that the next sync, with nothing changed, is
    answered by its look alone."""
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    _append(vault / ANN, "- 2026-11-25 Call about sensors #call\n")
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    assert_fresh(vault, result)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None and list(stored.state.files) == sorted(stored.state.files)
    assert isinstance(cached_sync(vault, TODAY), Unchanged)


@pytest.mark.parametrize("kept", [b"not a pickle", pickle.dumps(("a", "tuple"))])
def test_a_state_whose_summary_is_no_summary_answers_nothing(make_vault, kept):
    """The summary, kept as its pickle, is unpickled only for the answer of a sync with nothing to
    do (a sync after an edit never needs it); one that is no summary is no answer, but a sync."""
    vault = make_vault(FILES)
    first = cached_sync(vault, TODAY)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None and isinstance(stored.state.summary, bytes)
    assert stored.summary() == first.summary
    cache = rewrite_state(vault, lambda state: state.update(summary=kept))
    stored = cache.load(code_key())
    assert stored is not None and stored.summary() is None
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    assert_fresh(vault, result)
    assert isinstance(cached_sync(vault, TODAY), Unchanged)


def test_a_note_kept_without_its_signature_is_no_answer_though_it_is_gone_since(
        make_vault, monkeypatch):
    """A note read just before the cache was written is kept without its signature, to be read
    again. Gone since (here a symlink to nothing, which the walk still lists without a
    signature), it is no longer as that sync read it: the state answers no sync with nothing to
    do, and the sync after it is a fresh sync's."""
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    _append(vault / ANN, "- 2026-11-25 Call about sensors #call\n")
    edited = saved_at_once_after(monkeypatch, vault, ANN)
    cached_sync(vault, TODAY)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None and not stored.state.clean
    assert [path for path, kept in stored.state.files.items() if kept is None] == [ANN]
    monkeypatch.setattr(cache_module, "_now_ns", lambda: edited + 3600 * 10**9)
    os.unlink(vault / ANN)
    os.symlink(vault / "Missing" / "Ann Lee.md", vault / ANN)
    result = cached_sync(vault, TODAY)
    assert not isinstance(result, Unchanged)
    # (A sync that reads everything, here: a copy of the vault would not hold the symlink.)
    fresh = sync(vault, TODAY, dry_run=True)
    assert result.summary == fresh.summary
    assert not (fresh.writes.created or fresh.writes.written or fresh.writes.deleted)


def _looks(vault: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, list[str]]:
    """`look` of `vault` as `vaultnet sync` looks (the walk on another core while something else
    runs here) and as a sync in a library looks (the walk here): both, and what this process did
    meanwhile (`ran`) and which notes it looked at itself (`stat`), in the first."""
    done: list[str] = []
    monkeypatch.setattr(cache_module, "WALK_ASIDE_MIN", 0)  # (a vault this small is walked here)
    real = cache_module.signatures
    monkeypatch.setattr(cache_module, "signatures",
                        lambda paths: done.append("stat") or real(paths))
    aside = look(vault, TODAY, meanwhile=lambda: done.append("ran"))
    monkeypatch.setattr(cache_module, "signatures", real)
    return aside, look(vault, TODAY), done


def _edit(vault: Path, how: str) -> None:
    if how == "a log line":
        _append(vault / ANN, "- 2026-11-25 Call about sensors #call\n")
    elif how == "a new note":
        (vault / "People/Di Eng.md").write_text(person("Di Eng"), encoding="utf-8")
    elif how == "a note deleted":
        (vault / "People/Cy Dee.md").unlink()
    elif how == "a note that cannot be looked at":  # (listed, with no signature)
        os.symlink(vault / "nowhere.md", vault / "People/Gone.md")
    elif how == "a note named in decomposed Unicode":  # (its path is NFC: not its name on disk)
        (vault / "People/Zoe\u0301 Fa.md").write_text(person("Zoé Fa"), encoding="utf-8")
    elif how == "a problem in the walk":
        outside = vault.parent / "outside.md"
        outside.write_text(person("Far Away"), encoding="utf-8")
        os.symlink(outside, vault / "People/Far Away.md")  # (leads outside the vault)
    elif how == "a page of the output folder deleted":  # (the notes as they were)
        (vault / "Network/Network.md").unlink()
    elif how == "a note changed after 2262":  # (a time beyond 64 bits of nanoseconds)
        _append(vault / ANN, "- 2026-11-25 Call about sensors #call\n")
        os.utime(vault / ANN, ns=(2**63 + 10**9, 2**63 + 10**9))


@pytest.mark.skipif(not cache_module.can_fork(), reason="a second core, and fork")
@pytest.mark.parametrize("how", ["nothing", "a log line", "a new note", "a note deleted",
                                 "a note that cannot be looked at",
                                 "a note named in decomposed Unicode", "a problem in the walk",
                                 "a note changed after 2262",
                                 "a page of the output folder deleted"])
def test_the_walk_taken_on_another_core_is_the_walk_taken_here(make_vault, monkeypatch, how):
    """`vaultnet sync` has the vault walked and its notes looked at by a child while it imports
    its pipe: what the child sends (that nothing changed, or the walk as it differs from the
    state's) gives the look the answer and the walk that a walk here gives it, and this process
    looks at no note itself."""
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    _edit(vault, how)
    aside, here, done = _looks(vault, monkeypatch)
    assert done == ["ran"]  # (the child looked at the notes, and sent them all, past 2262 too)
    assert (aside.unchanged is None, aside.stored is None) == (here.unchanged is None, False)
    if how == "nothing":
        assert aside.unchanged is not None and aside.listing is None
    else:
        if how == "a problem in the walk":
            assert aside.listing is not None and aside.listing[1]  # (sent, not walked again)
        assert aside.listing == here.listing and aside.listing is not None
        assert not isinstance(cached_sync(vault, TODAY, looked=aside), Unchanged)
        # (A note changed in the future is never trusted: each sync reads it again.)
        assert isinstance(cached_sync(vault, TODAY), Unchanged) is (how != "a note changed after 2262")


@pytest.mark.skipif(not cache_module.can_fork(), reason="a second core, and fork")
@pytest.mark.parametrize("edited", [True, False], ids=["a log line since", "nothing since"])
@pytest.mark.parametrize("why", ["the day before", "a note read as it was being written"])
def test_a_state_that_cannot_answer_still_has_the_vault_walked_on_another_core(
        make_vault, monkeypatch, why, edited):
    """A state that cannot say that nothing changed (its sync's day was another; it read a note
    as it was being written: an edit saved just before `vaultnet sync`) still has the vault
    walked by a child while the pipe is imported: the walk a walk here takes, handed to the sync,
    which leaves what a fresh one does. A library's look (nothing to do meanwhile) leaves the
    walk to the sync, as before."""
    vault = make_vault(FILES)
    if why == "the day before":
        cached_sync(vault, TODAY - timedelta(days=1))
    else:
        cached_sync(vault, TODAY)
        _append(vault / ANN, "- 2026-11-25 Call about sensors #call\n")
        racy, now = cache_module.RACY_NS, cache_module._now_ns
        saved_at_once_after(monkeypatch, vault, ANN)
        cached_sync(vault, TODAY)
        monkeypatch.setattr(cache_module, "RACY_NS", racy)
        monkeypatch.setattr(cache_module, "_now_ns", now)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None and not (stored.state.clean and stored.state.today == TODAY)
    if edited:
        _append(vault / "People/Bo Chen.md", "- 2026-11-25 Call about boats #call\n")
    aside, here, done = _looks(vault, monkeypatch)
    assert done == ["ran"]  # (the child looked at the notes)
    assert aside.unchanged is None and here.unchanged is None and here.listing is None
    files, problems = ParseCache(vault).walk(vault, aside.settings, code_key())
    assert aside.listing == (files, problems, signatures([file.disk for file in files]))
    result = cached_sync(vault, TODAY, looked=aside)
    assert not isinstance(result, Unchanged)
    assert_fresh(vault, result)


@pytest.mark.skipif(not cache_module.can_fork(), reason="a second core, and fork")
@pytest.mark.parametrize("sent", [None, "a walk", (None, None, b"\0" * 127, {}, []),
                                  (["People/Ann Lee.md"], None, b"\0" * 128, {}, []),
                                  (None, None, b"\0" * 128, {4: None}, []),
                                  (None, None, b"\0" * 128, [0], []),
                                  (None, ["People/Ann Lee.md"], b"\0" * 128, {}, []),
                                  (None, None, b"\0" * 128, {}, [("People/Ann Lee.md", "1", "",
                                                                   "", False)]),
                                  (None, None, b"\0" * 128, {}, None)])
def test_a_walk_the_child_did_not_send_whole_is_taken_here(make_vault, monkeypatch, sent):
    """A child that fails, or sends what does not add up, costs its walk: it is taken here, and
    the look is what it is without a child."""
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    _append(vault / ANN, "- 2026-11-25 Call about sensors #call\n")
    monkeypatch.setattr(cache_module, "_walk_to_send", lambda *args: sent)
    aside, here, done = _looks(vault, monkeypatch)
    assert done == ["ran", "stat"]
    assert aside.listing == here.listing and aside.listing is not None


def test_a_small_vault_is_walked_here(make_vault, monkeypatch):
    """A vault of fewer notes than `WALK_ASIDE_MIN` is walked here, and nothing else is done
    meanwhile: its walk takes less time than the imports, which a sync with nothing to do would
    wait for."""
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    done: list[str] = []
    assert look(vault, TODAY, meanwhile=lambda: done.append("ran")).unchanged is not None
    _append(vault / ANN, "- 2026-11-25 Call about sensors #call\n")
    assert look(vault, TODAY, meanwhile=lambda: done.append("ran")).listing is not None
    assert done == []


@pytest.mark.skipif(not cache_module.can_fork(), reason="a second core, and fork")
@pytest.mark.parametrize("edited", [True, False], ids=["a log line since", "nothing since"])
def test_the_commands_that_read_the_network_have_the_vault_walked_beside_their_imports(
        make_vault, monkeypatch, edited):
    """`vaultnet due` and the other commands that read the network from the cache (`load_vault`)
    have the vault walked by a child while they import the pipe, as `sync` does: this process
    walks and looks at no note itself, and reads the network a walk here reads."""
    from vaultnet.insight.agenda import agenda_json
    from vaultnet.pipeline import note_store as note_store_module

    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    if edited:
        _append(vault / "People/Bo Chen.md", "- 2026-11-25 Call about boats #call\n")
    here = load(vault, TODAY)
    monkeypatch.setattr(cache_module, "WALK_ASIDE_MIN", 0)  # (a vault this small is walked here)
    done: list[str] = []
    real_walk, real_signatures = note_store_module.walk_afresh, cache_module.signatures
    monkeypatch.setattr(note_store_module, "walk_afresh",
                        lambda *args: done.append("walk") or real_walk(*args))
    monkeypatch.setattr(cache_module, "signatures",
                        lambda paths: done.append("stat") or real_signatures(paths))
    monkeypatch.setattr(options_module, "import_the_pipe", lambda: done.append("imported"))
    aside = load_vault(vault, TODAY)
    assert done == ["imported"]
    assert agenda_json(aside.agenda) == agenda_json(here.agenda)
    assert summarize(aside) == summarize(here)


@pytest.mark.skipif(not cache_module.can_fork(), reason="a second core, and fork")
@pytest.mark.parametrize("small", [False, True], ids=["walked by a child", "walked here"])
@pytest.mark.parametrize("who", ["a sync", "a command that reads the network"])
def test_a_walk_taken_under_settings_changed_since_is_not_taken(make_vault, monkeypatch, who,
                                                                 small):
    """The settings changed between the look and the load (a folder ignored from now on, while
    the pipe was imported): the walk taken under the settings before is not taken; the vault is
    walked again under those read now, and gives what a fresh sync or load gives."""
    vault = make_vault({**FILES, "Archive/Old Pal.md": person("Old Pal")})
    cached_sync(vault, TODAY - timedelta(days=1))  # (a state that cannot answer: walked anyway)
    _append(vault / ANN, "- 2026-11-25 Call about sensors #call\n")
    if not small:
        monkeypatch.setattr(cache_module, "WALK_ASIDE_MIN", 0)

    def ignore_the_archive() -> None:
        (vault / ".vaultnet.toml").write_text('ignore = ["Archive"]\n', encoding="utf-8")

    if who == "a sync":
        looked = look(vault, TODAY, meanwhile=lambda: None)
        ignore_the_archive()
        assert looked.listing is not None and "Archive/Old Pal.md" in [
            file.path for file in looked.listing[0]]
        result = cached_sync(vault, TODAY, looked=looked)
        assert "Old Pal" not in (vault / "Network/Network.md").read_text(encoding="utf-8")
        assert_fresh(vault, result)
    else:
        real_look = cache_module.look
        monkeypatch.setattr(cache_module, "look", lambda *args, **kwargs: (
            real_look(*args, **kwargs), ignore_the_archive())[0])
        loaded = load_vault(vault, TODAY)
        assert [p.path for p in loaded.index.people] == [p.path for p in load(vault, TODAY).index.people]
        assert "Archive/Old Pal.md" not in [p.path for p in loaded.index.people]


@pytest.mark.skipif(not cache_module.can_fork(), reason="a second core, and fork")
def test_a_command_that_reads_the_network_walks_the_vault_afresh(make_vault, monkeypatch):
    """A command that reads the network has the vault walked afresh (by a child), as the pipe
    walks it: it neither takes up the walk a sync kept beside the cache, which a folder whose
    times the file system does not keep could not vouch for (a person just added would be
    missed, and `add` would add them twice), nor keeps one."""
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    monkeypatch.setattr(cache_module, "WALK_ASIDE_MIN", 0)
    for module in (cache_module, vault_module):  # (a file system that keeps no folder's times)
        monkeypatch.setattr(module, "folder_signature",
                            lambda info: (0, 0, info.st_ino, info.st_dev))
    cache = ParseCache(vault)
    assert cache.path is not None
    cache.walk(vault, load_settings(vault), code_key())  # (a walk kept, its folders as now)
    kept = cache.path.with_suffix(".walk")
    written = kept.read_bytes()
    (vault / "People/Di Eng.md").write_text(person("Di Eng"), encoding="utf-8")
    loaded = load_vault(vault, TODAY)
    assert "People/Di Eng.md" in [p.path for p in loaded.index.people]
    assert kept.read_bytes() == written


def _loaded_ahead(vault: Path, monkeypatch: pytest.MonkeyPatch
                  ) -> tuple[Any, list[tuple[str, str]], list[str]]:
    """`look` of `vault` as `vaultnet sync` looks, its child's walk held back until this process
    has loaded every chunk it can ahead (`Stored.load_ahead`); the look, each chunk read (its
    part, and its file's name) from then on, and the parts of the chunks loaded ahead."""
    monkeypatch.setattr(cache_module, "WALK_ASIDE_MIN", 0)  # (a vault this small is walked here)
    done = vault.parent / "all loaded ahead"
    real_walk, real_ahead, real_chunk = (cache_module._walk_to_send,
                                         cache_module.Stored.load_ahead, cache_module.Stored._chunk)
    read: list[tuple[str, str]] = []
    ahead: list[str] = []

    def held_back_walk(*args: Any) -> object:  # (in the child)
        wait_for(done.exists)
        return real_walk(*args)

    def load_ahead(stored: Any) -> bool:
        before = len(read)
        loaded = real_ahead(stored)
        if loaded:
            ahead.append(read[before][0])
        else:
            done.touch()
        return loaded

    def chunk(stored: Any, path: Path, digest: str) -> Any:
        part = next(part for part in cache_module.PARTS if digest in stored.digests(part))
        read.append((part, path.name))
        return real_chunk(stored, path, digest)

    monkeypatch.setattr(cache_module, "_walk_to_send", held_back_walk)
    monkeypatch.setattr(cache_module.Stored, "load_ahead", load_ahead)
    monkeypatch.setattr(cache_module.Stored, "_chunk", chunk)
    looked = look(vault, TODAY, meanwhile=lambda: None)
    return looked, read, ahead


@pytest.mark.skipif(not cache_module.can_fork(), reason="a second core, and fork")
@pytest.mark.parametrize("how", ["a log line", "a new note", "a note deleted", "nothing"])
def test_the_chunks_loaded_while_the_vault_is_walked_are_the_syncs(make_vault, monkeypatch,
                                                                     how):
    """While a child walks the vault, the sync reads and unpickles the chunks of the cache it
    will ask for (the notes', the resolved links', the people's): each is read once, the sync
    takes it from there, and leaves what a fresh sync leaves; the read ahead of the rest reads
    none of them again. With nothing changed the look answers as before."""
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 2)  # (several chunks of each part)
    lunch = "## Log\n- 2026-11-01 Lunch with [[Ann Lee]] #met\n"
    vault = make_vault({**FILES, **{f"People/P{n}.md": person(f"P{n}", lunch) for n in range(5)}})
    cached_sync(vault, TODAY)
    _edit(vault, how)
    looked, read, ahead = _loaded_ahead(vault, monkeypatch)
    stored = looked.stored
    assert stored is not None
    wanted = [part for part in ("notes", "resolved", "people") for _ in stored.digests(part)]
    assert ahead == wanted and len(wanted) > 6
    if how == "nothing":
        assert looked.unchanged is not None
        return
    assert looked.unchanged is None
    read_ahead: list[Path] = []
    real_read_ahead = cache_module._ReadAhead.__init__

    def reads_ahead(self: Any, paths: Any) -> None:
        read_ahead.extend(paths)
        real_read_ahead(self, paths)

    monkeypatch.setattr(cache_module._ReadAhead, "__init__", reads_ahead)
    result = cached_sync(vault, TODAY, looked=looked)
    assert not isinstance(result, Unchanged)
    taken = [part for part, _ in read if part in ("notes", "resolved", "people")]
    assert sorted(taken) == sorted(wanted)  # (each once: all of them ahead)
    assert not {path.name for path in read_ahead} & {name for _, name in read}
    assert_fresh(vault, result)
    assert isinstance(cached_sync(vault, TODAY), Unchanged)


@pytest.mark.skipif(not cache_module.can_fork(), reason="a second core, and fork")
def test_a_damaged_chunk_loaded_ahead_costs_its_notes_alone(make_vault, monkeypatch):
    """A chunk of notes found damaged as it is loaded ahead is as one found damaged when the
    sync asks for it: its notes are read again, the others taken, and the sync leaves what a
    fresh one does."""
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 2)
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None
    first = cache_module.chunk_folder(stored._path) / stored.digests("notes")[0]
    held = set(cache_module.load_chunk(first.read_bytes()))
    first.write_bytes(b"not a chunk")
    _edit(vault, "a log line")
    seen = parses(monkeypatch)
    looked, _, ahead = _loaded_ahead(vault, monkeypatch)
    assert ahead[0] == "notes"
    result = cached_sync(vault, TODAY, looked=looked)
    assert sorted(seen) == sorted(held | {ANN})  # (the damaged chunk's notes, and the one edited)
    assert_fresh(vault, result)


@pytest.mark.skipif(not cache_module.can_fork(), reason="a second core, and fork")
@pytest.mark.parametrize("how", ["nothing", "a log line"])
def test_nothing_is_loaded_ahead_once_the_walk_is_in(make_vault, monkeypatch, how):
    """The chunks are loaded only while the child walks: a walk already in when the imports end
    has none loaded (a sync with nothing to do waits for none of them), and the sync reads them
    itself."""
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 2)
    monkeypatch.setattr(cache_module, "WALK_ASIDE_MIN", 0)
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    _edit(vault, how)
    children: list[Any] = []
    real_aside, real_ahead = cache_module.Aside, cache_module.Stored.load_ahead
    ahead: list[bool] = []

    def aside(*args: Any) -> Any:
        children.append(real_aside(*args))
        return children[-1]

    def imports() -> None:  # (the child's walk is in, whole, before they are done)
        wait_for(children[0].ready)

    monkeypatch.setattr(cache_module, "Aside", aside)
    monkeypatch.setattr(cache_module.Stored, "load_ahead",
                        lambda stored: ahead.append(real_ahead(stored)) or ahead[-1])
    looked = look(vault, TODAY, meanwhile=imports)
    assert len(children) == 1 and ahead == []
    assert (looked.unchanged is not None) is (how == "nothing")
    if how != "nothing":
        assert_fresh(vault, cached_sync(vault, TODAY, looked=looked))
