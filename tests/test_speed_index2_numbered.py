"""The index reads what the parse cache kept in bulk: each note's resolved lines name people by
number (`vaultnet.network.index.Resolved`), checked for all parts at once, and the parts that
name someone are found in one search of them all; the notes' names are keyed all at once.

A part whose numbers do not fit (no note's, not whole numbers, not one a row, or of the format
before) is resolved again, never taken; the parts one search finds are those a look at each
finds; and the keys taken in bulk are `key`'s."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

import pytest
from conftest import TODAY
from hypothesis import given, settings
from hypothesis import strategies as st
from test_cache import (  # noqa: F401 (an_hour_later: a fixture, used by every test here)
    ANN,
    EDIT_VAULT,
    _append,
    an_hour_later,
    assert_fresh,
    calls,
    rewrite_chunks,
)

import vaultnet.network.index as index_module
from vaultnet.base.model import Fields, Note
from vaultnet.base.text import key, keys
from vaultnet.network.index import IndexMemo, build_index
from vaultnet.pipeline.sync import cached_sync


def numbers(*found: int) -> bytes:
    return array("I", found).tobytes()


# Ways a part's people may not fit (a cache written by hand): each of a part's resolved lines
# (places, people) as it is written instead.
UNFIT: dict[str, Callable[[bytes, Any], object]] = {
    "numbers of no note": lambda places, people: (places, numbers(*[10**6] * (len(places) // 4))),
    "a number past the characters": lambda places, people: (
        places, numbers(*[0xD800] * (len(places) // 4))),
    "not whole numbers": lambda places, people: (places, people + b"\0"),
    "a row too many": lambda places, people: (places, people + numbers(0)),
    "paths, as before": lambda places, people: (places, (ANN,) * (len(places) // 4)),
    "the format before": lambda places, people: (places, numbers(0), (ANN,)),
}


@pytest.mark.parametrize("unfit", UNFIT)
@pytest.mark.parametrize("which", ["every note's", "one note's"])
def test_resolved_lines_whose_people_do_not_fit_are_resolved_again(make_vault, monkeypatch,
                                                                   unfit, which):
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    change = UNFIT[unfit]

    def damaged(resolved: dict[str, Any]) -> dict[str, Any]:
        return {path: (change(*saved[0]), *saved[1:])
                if saved[0][0] and (which == "every note's" or path == ANN) else saved
                for path, saved in resolved.items()}

    rewrite_chunks(vault, "resolved", damaged)
    resolved = calls(monkeypatch, index_module, "_contribute", lambda note, *_: note.path)
    _append(vault / "People/Bo Chen.md", "- 2026-11-25 Call #call\n")
    result = cached_sync(vault, TODAY)
    assert ANN in resolved  # (not taken as the cache kept it)
    assert_fresh(vault, result)


def test_a_note_read_again_that_names_no_one_is_linked_in_without_merging_every_note(
        monkeypatch):
    """A note that could not be read before, read now (a watch round), names no one: what it
    adds to the people without a note and the organisations is none, as a part's that is not
    there, and the links of the other notes are kept (not merged again from every part)."""
    people = [Note(f"People/P{at}.md", f"P{at}", Fields(type="person")) for at in range(3)]
    memo = IndexMemo()
    build_index([*people, Note("Notes/Plan.md", "Plan", readable=False)], TODAY, memo=memo)
    merged = calls(monkeypatch, index_module, "_links")
    index = build_index([*people, Note("Notes/Plan.md", "Plan")], TODAY, memo=memo)
    assert merged == []
    fresh = build_index([*people, Note("Notes/Plan.md", "Plan")], TODAY)
    assert (index.relations, index.mentioned, index.orgs, index.works_at) == \
        (fresh.relations, fresh.mentioned, fresh.orgs, fresh.works_at)


# Rows of people by number, and numbers wanted: near and past what a character can be.
NUMBERS = st.one_of(st.integers(0, 40), st.sampled_from([0xD7FF, 0xD800, 0xDFFF, 0x10FFFF,
                                                         0x110000, 2**32 - 1]))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(NUMBERS, max_size=6), max_size=12), st.sets(NUMBERS, max_size=5))
def test_the_parts_one_search_finds_are_those_a_look_at_each_finds(rows, wanted):
    packed = [array("I", row).tobytes() for row in rows]
    assert sorted(index_module._naming(packed, wanted)) == [
        at for at, row in enumerate(rows) if wanted.intersection(row)]


TRICKY = "aZ é ß\tİ\x00\x1c\xa0\u3000Й'-."
names = st.text(alphabet=st.sampled_from(TRICKY), max_size=8) | st.text(max_size=8)


@settings(max_examples=1000, deadline=None)
@given(st.lists(names, max_size=8))
def test_names_keyed_at_once_are_keyed_as_one_by_one(texts):
    assert keys(texts) == list(map(key, texts))


def test_names_in_ascii_are_keyed_at_once_but_for_white_space_to_change():
    assert keys(["Ada Abe", "ZOË ZANE", "Bo"]) == ["ada abe", "zoë zane", "bo"]
    for spaced, keyed in (("Ada  Abe", "ada abe"), (" Ada", "ada"), ("Ada ", "ada"),
                          ("Ada\tAbe", "ada abe"), ("Ada\x1fAbe", "ada abe")):
        assert keys(["Bo", spaced]) == ["bo", keyed]
