"""The edges of what the insight takes a shorter way to (issue 18): each held to the long way.

The fading ties are looked for among the last contacts on the fading days alone, the strongest of a
first build are found without sorting everyone, and the ties of the build before are kept by
person when the introductions change: each must give what asking every person gives.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import TODAY

import vaultnet.insight.ties as ties_module
from vaultnet.base.model import Fields, Interaction, Person
from vaultnet.insight.suggestions import TOP_TIES, _Ranked
from vaultnet.insight.ties import FADING_DAYS, TieMemo, is_fading, tie, ties
from vaultnet.network.index import Relations


def _person(path: str, *days_ago: int, status: str | None = None, today: date = TODAY,
            kind: str = "met") -> Person:
    """Someone met (or another `kind`) on each of these days before `today` (a negative
    number: after it)."""
    return Person(path, path, Fields(status=status),
                  tuple(Interaction(today - timedelta(days=d), frozenset({kind}))
                        for d in sorted(days_ago, reverse=True)))


@pytest.mark.parametrize("quiet_days", [0, 59, 60, 61, 180, 10**9])
@pytest.mark.parametrize("today", [TODAY, date(1, 2, 1)])
def test_the_fading_ties_are_those_every_person_is_asked_for(quiet_days: int, today: date) -> None:
    """Last contacts on each side of the fading days' edges (60 days ago, `quiet_days` ago),
    in the future, for a dormant tie: the fading list is every person `is_fading` says is."""
    ago = [0, 1, FADING_DAYS - 1, FADING_DAYS, FADING_DAYS + 1, quiet_days - 1, quiet_days,
           quiet_days + 1, -3]
    kept = [d for d in ago if today.toordinal() - d >= 1]  # (no day before the first)
    everyone = [_person(f"p{i:02} {status}", *([days] * 3), status=status, today=today)
                for i, (days, status) in enumerate((d, s) for d in kept for s in (None, "dormant"))]
    strength = {p.path: tie(p, today) for p in everyone}
    structure: Any = SimpleNamespace(order={p.path: i for i, p in enumerate(everyone)})
    _, fading, _ = _Ranked().update(everyone, strength, structure, today, quiet_days, None)
    expected = sorted((p for p in everyone if is_fading(p, strength[p.path], today, quiet_days)),
                      key=lambda p: (-strength[p.path].lifetime, structure.order[p.path]))
    assert list(fading) == expected[:TOP_TIES]


def test_ties_are_kept_for_the_same_people_when_someone_is_introduced(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A round in which someone's introductions changed looks at everyone again: the ties of
    the build before are kept for the very same people whose count held, the others' worked
    out again; each is the tie worked out afresh."""
    everyone = [_person(f"p{i}", i, i + 20) for i in range(6)]

    def relations(*introduced_by: str) -> Relations:
        return Relations(merged=tuple(sorted(("met_via", f"x{n}", by)
                                             for n, by in enumerate(introduced_by))))

    memo = TieMemo()
    first = ties(everyone, relations("p1"), TODAY, memo)
    worked: list[str] = []
    real = ties_module.tie
    monkeypatch.setattr(ties_module, "tie",
                        lambda person, *args: worked.append(person.path) or real(person, *args))
    everyone[4] = _person("p4", 2)
    second = ties(everyone, relations("p1", "p2"), TODAY, memo)
    assert sorted(worked) == ["p2", "p4"]
    assert second == {p.path: tie(p, TODAY, int(p.path in ("p1", "p2"))) for p in everyone}
    assert all(second[p.path] is first[p.path] for p in everyone if p.path not in ("p2", "p4"))


@pytest.mark.parametrize("seed", range(3))
def test_the_strongest_of_a_first_build_are_those_the_builds_after_keep_sorted(seed: int) -> None:
    """A first build finds the strongest ties without sorting everyone; the builds after keep
    them sorted, and patch them: each gives the strong ties, strongest first, then by name."""
    rng = random.Random(seed)
    def someone(path: str) -> Person:  # (a prospect written to alone: introductions make it strong)
        prospect = rng.random() < 0.3
        return _person(path, *rng.sample(range(1, 100 if prospect else 400), rng.randrange(1, 6)),
                       status="prospect" if prospect else None,
                       kind="outreach" if prospect else "met")

    everyone = [someone(f"p{i:03}") for i in range(rng.randrange(5, 60))]
    structure: Any = SimpleNamespace(order={p.path: i for i, p in enumerate(everyone)})
    ranked = _Ranked()
    for _ in range(4):
        strength = {p.path: tie(p, TODAY, 3 * p.is_prospect) for p in everyone}
        strongest, _, _ = ranked.update(everyone, strength, structure, TODAY, 180, None)
        assert list(strongest) == sorted(
            (p for p in everyone if not p.is_prospect and strength[p.path].score >= 50),
            key=lambda p: (-strength[p.path].score, structure.order[p.path]))[:TOP_TIES]
        at = rng.randrange(len(everyone))  # (a log line: one person a new object)
        everyone[at] = someone(everyone[at].path)
    assert any(p.is_prospect and strength[p.path].score >= 50 for p in everyone)
