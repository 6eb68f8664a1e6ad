"""The parse cache's chunks of notes, pickled column by column (`NoteChunk`): read back, they are
the notes they held, in their order; one whose columns do not add up is read as if it were not
there; and a sync that adds and removes no note takes its chunks as they were chunked."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

import pytest
from conftest import TODAY, person
from test_cache import (  # noqa: F401 (an_hour_later: a fixture, used by every test here)
    _append,
    an_hour_later,
    assert_fresh,
    rewrite_note_chunks,
)

import vaultnet.pipeline.cache as cache_module
from vaultnet.base.model import Note
from vaultnet.parse.note import parse_note
from vaultnet.pipeline.cache import NoteChunk, ParseCache, code_key, dump_chunk, load_chunk
from vaultnet.pipeline.sync import cached_sync

ANN = "People/Ann Lee.md"
FILES = {
    ANN: person("Ann Lee", "## Log\n- 2026-08-01 Coffee with [[Bo Chen]] #met\n"
                "- [ ] Send the paper 📅 2026-12-01\n", role="mentor", cadence="30d",
                topics="[sensors]", knows='["[[Bo Chen]]"]', birthday="1990-03-21"),
    "People/Bo Chen.md": person("Bo Chen", "## Log\n- 2026-11-20 Call #call\n", role="peer"),
    "People/Cy Dee.md": person("Cy Dee", ""),
    "Daily/2026-11-24.md": "Lunch with [[Bo Chen]]\n",
    "Notes/Plain.md": "Nothing dated here.\n",
}


def chunk_of_notes() -> NoteChunk:
    """A chunk of every kind of note, one untrusted (no signature), one unpickled already."""
    notes = [parse_note(path, text) for path, text in sorted(FILES.items())]
    read = load_chunk(dump_chunk(NoteChunk((note.path, ((1, 2, 3, 4), note)) for note in notes)))
    read[ANN][1].unpack()
    return NoteChunk({**read, "People/Bo Chen.md": (None, read["People/Bo Chen.md"][1])})


def test_a_chunk_of_notes_is_read_back_as_the_notes_it_held_in_their_order():
    chunk = chunk_of_notes()
    for protocol in (4, 5):  # (its lines in the pickle before 5, out of its band from 5 on)
        data = dump_chunk(chunk) if protocol == 5 else pickle.dumps(chunk, protocol=protocol)
        read = load_chunk(data) if protocol == 5 else cache_module._loads(data)
        assert type(read) is NoteChunk and list(read) == list(chunk)
        for (signature, note), (then, was) in zip(read.values(), chunk.values(), strict=True):
            assert signature == then and type(note) is Note and note == was
            assert note.entries == was.entries and note.entry_count == was.entry_count
            assert type(note.fields) is type(was.fields) and note.fields == was.fields
    # And it pickles again to the very bytes it was read from; so does a chunk of no note.
    read = load_chunk(dump_chunk(chunk))
    assert dump_chunk(read) == dump_chunk(chunk)
    assert load_chunk(dump_chunk(NoteChunk())) == {}


class _Crafted:
    """A chunk of notes pickled with the columns given (as `NoteChunk` pickles its own)."""

    def __init__(self, values: tuple[Any, ...]) -> None:
        self.values = values

    def __reduce_ex__(self, protocol: object) -> tuple[object, tuple[Any, ...]]:
        return cache_module.kept_notes, self.values


def _shorter(values: list[Any]) -> None:
    values[2] = values[2][:-1]  # (a name fewer than notes)


def _longer_lines(values: list[Any]) -> None:
    values[-1] = [*values[-1][:-1], values[-1][-1] + 1]  # (lines beyond the buffer)


def _other_fields(values: list[Any]) -> None:
    values[3] = [fields[:-1] for fields in values[3]]  # (fields of another arity)


def _count_no_number(values: list[Any]) -> None:
    values[-3] = ["1", *values[-3][1:]]


@pytest.mark.parametrize("crafted", [_shorter, _longer_lines, _other_fields, _count_no_number])
def test_a_chunk_of_notes_whose_columns_do_not_add_up_is_read_as_if_it_were_not_there(
        make_vault, crafted: Callable[[list[Any]], None]):
    """Written by hand, its digest holding: its notes are read again, and the sync leaves what
    a fresh one does."""
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)

    def craft(data: bytes) -> bytes:
        values = list(load_chunk(data).__reduce_ex__(5)[1])
        crafted(values)
        return dump_chunk(_Crafted(tuple(values)))

    stored = rewrite_note_chunks(vault, craft).load(code_key())
    assert stored is not None and stored.notes() == {}  # as if the chunks were not there
    _append(vault / ANN, "- 2026-11-25 Call #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))


def test_a_sync_that_adds_and_removes_no_note_chunks_its_notes_as_they_were(make_vault,
                                                                           monkeypatch):
    """Taken from the chunks it started from, the chunks are those chunking every note again
    gives, in their order; after a note is added, they are chunked again."""
    monkeypatch.setattr(cache_module, "NOTES_PER_CHUNK", 2)
    vault = make_vault(FILES)
    cached_sync(vault, TODAY)
    stored = ParseCache(vault).load(code_key())
    assert stored is not None
    notes = stored.notes()
    assert len(stored.pieces) > 1
    again = cache_module._chunks(notes, NoteChunk)
    taken = cache_module._chunks(notes, NoteChunk, stored.pieces)
    assert [list(chunk.items()) for chunk in taken] == [list(chunk.items()) for chunk in again]
    assert all(type(chunk) is NoteChunk for chunk in taken)
    more = {**notes, "People/Zed.md": (None, Note("People/Zed.md", "Zed"))}
    assert [list(chunk) for chunk in cache_module._chunks(more, NoteChunk, stored.pieces)] == \
        [list(chunk) for chunk in cache_module._chunks(more, NoteChunk)]
    with open(vault / ANN, "a", encoding="utf-8") as stream:
        stream.write("- 2026-11-25 Call #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))

