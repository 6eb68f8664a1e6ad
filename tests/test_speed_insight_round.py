"""The shorter ways a sync's one build of the insight takes (issue 18), each held to the long way.

The ties the cache kept are checked and taken all at once, not person by person: what they give
must be what asking `_tie_of` of each person gives, for ties kept, missing, damaged or counting
other introductions.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from conftest import TODAY

import vaultnet.insight.ties as ties_module
from vaultnet.base.model import Fields, Interaction, Person
from vaultnet.insight.ties import Tie, TieMemo, _tie_of, tie, ties
from vaultnet.network.index import Relations, SinceSaved

_KEPT = (71, 7.5, 4, date(2026, 11, 21), 1, 2, 0, date(2026, 11, 2))
# What a cache changed by hand may hold for a tie: each is no tie `Tie.from_tuple` takes.
_DAMAGED = [None, list(_KEPT), _KEPT[:7], (*_KEPT, 0), (True, *_KEPT[1:]), (71.0, *_KEPT[1:]),
            (*_KEPT[:3], "2026-11-21", *_KEPT[4:]), (*_KEPT[:3], datetime(2026, 11, 21), *_KEPT[4:]),
            (*_KEPT[:6], False, _KEPT[7]), 5, "tie"]


def _person(rng: random.Random, path: str) -> Person:
    return Person(path, path, Fields(), tuple(
        Interaction(TODAY - timedelta(days=d), frozenset({rng.choice(["met", "call", "asked"])}))
        for d in sorted(rng.sample(range(1, 400), rng.randrange(0, 5)), reverse=True)))


def _kept(rng: random.Random, person: Person, introduced: int) -> object:
    """What the cache may hold for `person`: their tie, or it with another count of
    introductions, or the tie of other interactions."""
    found = tie(person, TODAY, introduced)
    roll = rng.random()
    if roll < 0.1:
        return found._replace(introduced=introduced + 1).as_tuple()
    if roll < 0.2:
        return (*_KEPT[:4], introduced, *_KEPT[5:7], None)
    return found.as_tuple()


def _memo(carried: dict[str, object], introduced: Counter[str]) -> TieMemo:
    memo = TieMemo()
    memo.carried, memo.kept_introduced = dict(carried), introduced
    return memo


@pytest.mark.parametrize("seed", range(12))
def test_the_ties_taken_from_the_cache_at_once_are_those_each_person_is_asked_for(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Everyone's ties of a first build, the cache's taken at once: those `_tie_of` gives each
    person (the cache's when it kept theirs with their count of introductions, else worked out),
    in everyone's order, and only those it did not keep so asked; a damaged one among them, and
    each is asked."""
    rng = random.Random(seed)
    everyone = [_person(rng, f"p{i:03}") for i in range(rng.randrange(0, 40))]
    introduced = Counter({p.path: n for p in everyone if (n := rng.choice([0, 0, 1, 3]))})
    carried = {p.path: _kept(rng, p, introduced[p.path]) for p in everyone if rng.random() < 0.9}
    damaged = bool(everyone) and seed % 3 == 0
    if damaged:
        carried[rng.choice(everyone).path] = rng.choice(_DAMAGED)
    asked: list[str] = []
    monkeypatch.setattr(ties_module, "_tie_of",
                        lambda person, *args: asked.append(person.path) or _tie_of(person, *args))
    found = ties(everyone, Relations(), TODAY, _memo(carried, introduced))
    monkeypatch.undo()
    kept_so = {path for path, kept in carried.items()
               if isinstance(kept, tuple) and kept[4] == introduced[path]}
    assert asked == [p.path for p in everyone if damaged or p.path not in kept_so]
    plain = _memo(carried, introduced)
    plain.introduced = introduced
    expected = {p.path: _tie_of(p, TODAY, plain) for p in everyone}
    assert list(found.items()) == list(expected.items())
    assert all(type(t) is Tie for t in found.values())


@pytest.mark.parametrize("damaged", _DAMAGED)
def test_ties_are_taken_at_once_only_when_each_is_one(damaged: object) -> None:
    """`Tie.all_from_tuples` gives what `Tie.from_tuple` gives each, when it takes them all;
    when one is not a tie, None."""
    kept = [_KEPT, (*_KEPT[:3], None, *_KEPT[4:7], None), (*_KEPT[:7], None)]
    assert Tie.all_from_tuples(list(kept)) == [Tie.from_tuple(values) for values in kept]
    assert Tie.all_from_tuples([]) == []
    for at in range(len(kept) + 1):
        assert Tie.all_from_tuples([*kept[:at], damaged, *kept[at:]]) is None



def test_a_kept_tie_counting_fewer_than_no_introductions_is_no_count(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache changed by hand to count -1 introductions for someone whose note changed since
    (so that their tie is not carried): the count is not taken, and their tie is worked out as
    asking each person gives it, not taken for the stand-in `_taken_up` gives those not kept."""
    met = Person("Pat", "Pat.md", Fields(),
                 (Interaction(TODAY - timedelta(days=3), frozenset({"met"})),))
    other = Person("Quinn", "Quinn.md", Fields(), ())
    saved = {"Pat.md": (0, 0.0, 0, None, -1, 0, 0, None),
             "Quinn.md": tie(other, TODAY, 0).as_tuple()}

    def taken() -> dict[str, Tie]:
        memo = TieMemo()
        memo.saved = ("digest", saved, lambda: {}, True)
        memo.carry(SinceSaved("digest", frozenset({"Pat.md"}), frozenset(), False))
        return ties([met, other], Relations(), TODAY, memo)

    at_once = taken()
    monkeypatch.setattr(ties_module, "_taken_up", lambda everyone, today, memo: {
        person.path: _tie_of(person, today, memo) for person in everyone})
    assert at_once == taken()
    assert at_once["Pat.md"] == tie(met, TODAY, 0)
