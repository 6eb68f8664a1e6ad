"""A cache changed by hand, its digests and all, whose parts read only when first needed (a note's
links and dated lines, a note's relations) cannot be read: the sync that meets one reads every note
again and leaves the bytes a sync without a cache leaves, and the commands that read the network
answer as if there were no cache. (Before, such a sync failed with "internal error".)"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from conftest import TODAY, person
from test_cache import _append, assert_fresh, rewrite_chunks
from test_speed_names import ANN, CY, graph_of, synced

from vaultnet.base.errors import DamagedCache
from vaultnet.base.model import Entry, Link
from vaultnet.insight.agenda import agenda_json
from vaultnet.pipeline.cache import ParseCache, code_key
from vaultnet.pipeline.sync import cached_sync, load, load_cached


def _bodies(body: tuple[int, bytes]) -> tuple[str, Callable[[Any], Any]]:
    """Every note's links and dated lines in the cache as `body` (their count, their pickle)."""
    def change(chunk: Any) -> Any:
        for _, note in chunk.values():
            object.__setattr__(note, "_body", body)
        return chunk
    return "notes", change


def _relations(packed: object) -> tuple[str, Callable[[Any], Any]]:
    """Every note's relations in the cache as `packed`."""
    return "resolved", lambda resolved: {path: (saved[0], packed, *saved[2:])
                                         for path, saved in resolved.items()}


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=5)


A_LINK = Link("Ann Lee", 3)
DAMAGES = {
    "lines, not a pickle": _bodies((1, b"not a pickle")),
    "lines, a pickle of numbers": _bodies((1, _pickled((1, 2)))),
    "lines, fewer than the note says": _bodies((5, _pickled(((), ())))),
    "lines, a link of numbers": _bodies((0, _pickled(((Link(7, 3),), ())))),  # type: ignore[arg-type]
    "lines, a link's line that is text": _bodies((0, _pickled(((Link("Bo Chen", "3"),), ())))),  # type: ignore[arg-type]
    "lines, links that are plain tuples": _bodies((0, _pickled(((("Bo Chen", 3, False),), ())))),
    "lines, a line's links that are plain tuples": _bodies((1, _pickled(((A_LINK,), (
        Entry(date(2026, 11, 1), "Call", frozenset(), (("Ann Lee", 3, False),), 4),))))),  # type: ignore[arg-type]
    "lines, a day that is a number": _bodies((1, _pickled(((), (
        Entry(20261101, "Call", frozenset(), (), 4),))))),  # type: ignore[arg-type]
    "lines, tags that are numbers": _bodies((1, _pickled(((A_LINK,), (
        Entry(date(2026, 11, 1), "Call", frozenset({7}), (A_LINK,), 4),))))),  # type: ignore[arg-type]
    "relations, not a pickle": _relations(b"not a pickle"),
    "relations, a pickle of numbers": _relations(_pickled((1, 2))),
    "relations, triples of numbers": _relations(_pickled(((1, 2, 3),))),
}


def _edit(kind: str) -> Callable[[Any], date]:
    """An edit of the vault, giving the day to sync on."""
    def edit(vault: Any) -> date:
        if kind == "a log line":
            _append(vault / ANN, "- 2026-11-25 Call #call\n")
        elif kind == "a new tie":
            _append(vault / CY, "- 2026-11-25 Call with [[Ann Lee]] #call\n")
        elif kind == "a new person":
            (vault / "People/Zed Ray.md").write_text(
                person("Zed Ray", "- 2026-11-02 Met [[Ann Lee]] #met\n"), encoding="utf-8")
        else:  # (nothing: the next day)
            return date(2026, 11, 27)
        return TODAY
    return edit


EDITS = ["a log line", "a new tie", "a new person", "the next day"]


@pytest.mark.parametrize("edit", EDITS)
@pytest.mark.parametrize("damage", DAMAGES)
def test_a_sync_from_a_damaged_cache_leaves_what_a_sync_without_one_leaves(make_vault, damage,
                                                                           edit):
    vault = synced(make_vault)
    rewrite_chunks(vault, *DAMAGES[damage])
    day = _edit(edit)(vault)
    assert_fresh(vault, cached_sync(vault, day), day)
    _append(vault / ANN, "- 2026-11-25 Lunch #met\n")  # (and from the cache it saved)
    assert_fresh(vault, cached_sync(vault, day), day)


@pytest.mark.parametrize("damage", [name for name in DAMAGES if name.startswith("relations")])
def test_the_commands_that_read_the_network_read_it_without_the_damaged_cache(make_vault, run,
                                                                             damage):
    vault = synced(make_vault)
    rewrite_chunks(vault, *DAMAGES[damage])
    _append(vault / CY, "- 2026-11-25 Call with [[Ann Lee]] #call\n")
    for args in (["due"], ["people"], ["brief", "Ann Lee"], ["intro", "Bo Chen"],
                 ["export", "--format", "json", "-o", "-"]):
        result = run(*args, "--vault", vault, "--today", TODAY)
        assert result.exit_code == 0 and "internal error" not in result.output, (args, result.output)
    before = (vault / ANN).read_text(encoding="utf-8")
    result = run("log", "Ann Lee", "Talked about the book", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    after = (vault / ANN).read_text(encoding="utf-8")
    assert after.count("Talked about the book") == 1 and after.startswith(before.rstrip("\n"))


def test_what_the_network_holds_from_a_damaged_cache_is_what_it_holds_without_one(make_vault):
    vault = synced(make_vault)
    rewrite_chunks(vault, *DAMAGES["relations, not a pickle"])
    _append(vault / CY, "- 2026-11-25 Call with [[Ann Lee]] #call\n")
    damaged, fresh = load_cached(vault, TODAY), load(vault, TODAY)
    assert graph_of(damaged) == graph_of(fresh)
    assert agenda_json(damaged.agenda) == agenda_json(fresh.agenda)


@pytest.mark.parametrize("damage", [name for name in DAMAGES if name.startswith("lines")])
def test_a_notes_lines_that_cannot_be_read_say_the_cache_is_damaged(make_vault, damage):
    """Not a failure of any other kind, which the sync would take for a fault of its own."""
    vault = synced(make_vault)
    rewrite_chunks(vault, *DAMAGES[damage])
    stored = ParseCache(vault).load(code_key())
    assert stored is not None
    _, note = stored.notes()[ANN]
    with pytest.raises(DamagedCache):
        note.entries  # noqa: B018
