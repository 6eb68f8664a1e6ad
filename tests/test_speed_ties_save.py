"""The chunks of the people saved without copying every tie into a tuple first: each `Tie` is
compared with what the chunk held column by column, and a chunk that holds the same people, each
with an equal tie and rows and the same contacts, is written as the bytes it was read from; one
that does not is pickled again, its ties as plain tuples."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, person

import vaultnet.pipeline.cache as cache_module
from vaultnet.insight.ties import Tie
from vaultnet.pipeline.cache import ParseCache, chunk_of, code_key, dump_chunk, load_chunk
from vaultnet.pipeline.sync import cached_sync

NAMES = ("Ann Lee", "Bo Chen", "Cy Dee", "Di Eng", "Ed Fox", "Flo Gray")
FILES = {f"People/{name}.md": person(name, "## Log\n- 2026-11-01 Call #call\n")
         for name in NAMES}


@pytest.fixture(autouse=True)
def an_hour_later(monkeypatch):
    """The cache written as if an hour after the notes: none of them is "racy"."""
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)


class Before:
    """What `_people_chunks` reads of the cache a sync started from."""

    def __init__(self, chunks: list[dict[str, Any]]) -> None:
        self.people_pieces = [(chunk, dump_chunk(chunk)) for chunk in chunks]

    def digests(self, part: str) -> list[str]:
        assert part == "people"
        return [f"digest {i}" for i in range(len(self.people_pieces))]


TIE = Tie(53, 3.0, 1, date(2026, 11, 1), 0)
CONTACTS = ("contacts",)  # (not `Contacts`: the same only as the very object)


def chunks(ties: dict[str, Tie], contacts: dict[str, object], before: Before) -> list[Any]:
    grouped = [{"a.md": None, "b.md": None}, {"c.md": None}]
    return list(cache_module._people_chunks(grouped, ties, contacts, {"c.md": ["row"]},
                                            before))  # type: ignore[arg-type]


def test_a_chunk_of_equal_ties_is_written_as_read_and_one_of_another_tie_pickled_again():
    was = (53, 3.0, 1, date(2026, 11, 1), 0, 0, 0, None)
    before = Before([{"a.md": (was, CONTACTS, ()), "b.md": (was, CONTACTS, ())},
                     {"c.md": (was, CONTACTS, ["row"])}])
    contacts = dict.fromkeys(["a.md", "b.md", "c.md"], CONTACTS)
    same = chunks({"a.md": TIE, "b.md": TIE, "c.md": TIE}, contacts, before)
    assert same == [(piece[1], f"digest {i}") for i, piece in enumerate(before.people_pieces)]
    changed = chunks({"a.md": TIE, "b.md": TIE._replace(score=54), "c.md": TIE}, contacts, before)
    assert changed[1] == same[1] and changed[0][1] == ""
    held = load_chunk(changed[0][0])
    assert [type(values[0]) for values in held.values()] == [tuple, tuple]  # (no `Tie` pickled)
    assert held["b.md"][0] == tuple(TIE._replace(score=54))


def test_a_chunk_that_gains_a_person_or_other_rows_or_contacts_is_pickled_again():
    was = tuple(TIE)
    before = Before([{"a.md": (was, CONTACTS, ())}, {"c.md": (was, CONTACTS, ["row"])}])
    ties = {"a.md": TIE, "b.md": TIE, "c.md": TIE}
    found = chunks(ties, dict.fromkeys(ties, CONTACTS), before)
    assert found[0][1] == "" and set(load_chunk(found[0][0])) == {"a.md", "b.md"}
    assert found[1][1] == "digest 1"
    other = chunks({"a.md": TIE, "c.md": TIE}, {"a.md": tuple(["contacts"]), "c.md": CONTACTS}, before)
    assert other[0][1] == "" and other[1][1] == "digest 1"


def test_a_log_line_rewrites_the_chunk_of_its_person_alone(make_vault, monkeypatch):
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 2)
    vault: Path = make_vault(FILES)
    cached_sync(vault, TODAY)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None
    before = stored.digests("people")
    assert len(before) == 4
    with (vault / "People/Cy Dee.md").open("a", encoding="utf-8") as note:
        note.write("- 2026-11-24 Coffee #met\n")
    cached_sync(vault, TODAY)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None
    after = stored.digests("people")
    assert [i for i in range(4) if after[i] != before[i]] == [chunk_of("People/Cy Dee.md", 4)]
    _, ties, _, _ = stored.people()
    assert len(ties) == len(NAMES) and {type(tie) for tie in ties.values()} == {tuple}
