"""Tie strength: how close you are to each person, as a score from 0 to 100.

The score is documented so that anyone can check it by hand:

- every interaction counts by its kind (`#met` 3, `#call` 2, an `#outreach` alone 0.5, anything
  else 1), halved for every 90 days of age: a coffee today counts 3, one 90
  days ago 1.5, one a year ago about 0.18;
- each person who met you through them (`met_via` naming them) adds 1, up to 3, without decay:
  an introduction is a lasting sign of trust;
- the sum `s` becomes `round(100 × (1 − e^(−s/4)))`: one recent coffee scores 53, a coffee and a
  call this month 71, a tie with nothing logged 0.

A tie is *strong* from 50: a coffee in the last ten days, or two in the last three months. Only
strong ties are listed as your strongest.

A *fading tie* is a strong one going quiet: at least 5 in lifetime weight (the sum without decay,
say two coffees and a call), a last contact 60 or more days ago, and not yet gone quiet (the
`quiet_days` setting), nor dormant, nor a prospect.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass
from datetime import date

from vaultnet.base.model import Interaction, Person
from vaultnet.base.text import days, plural

HALF_LIFE_DAYS = 90
KIND_WEIGHTS = {"met": 3.0, "call": 2.0}
OUTREACH_WEIGHT = 0.5
INTRODUCED_WEIGHT, INTRODUCED_MAX = 1.0, 3
SCALE = 4.0
FADING_WEIGHT, FADING_DAYS = 5.0, 60
STRONG_TIE = 50


@dataclass(frozen=True)
class Tie:
    """How close you are to one person, and what that rests on."""

    score: int  # 0 to 100
    lifetime: float  # the interactions' weight without decay
    interactions: int
    last: date | None
    introduced: int  # people who met you through them
    asked: int = 0  # times they helped you (`#asked`)
    gave: int = 0  # times you helped them (`#gave`)
    last_asked: date | None = None

    def describe(self, today: date) -> str:
        """`tie 71: 4 interactions, last 2026-11-21 (4 days ago)`."""
        parts = [plural(self.interactions, "interaction")]
        if self.last is not None:
            parts.append(f"last {self.last.isoformat()} ({days((today - self.last).days)} ago)")
        if self.introduced:
            parts.append(f"introduced you to {plural(self.introduced, 'person', 'people')}")
        return f"tie {self.score}: " + ", ".join(parts)


def weight(interaction: Interaction) -> float:
    """What one interaction counts for, before decay."""
    return _weight_of(interaction.kinds)


@functools.lru_cache(maxsize=256)  # a vault uses a handful of combinations of tags
def _weight_of(kinds: frozenset[str]) -> float:
    if kinds == {"outreach"}:
        return OUTREACH_WEIGHT
    return max((KIND_WEIGHTS.get(kind, 1.0) for kind in kinds), default=1.0)


@functools.lru_cache(maxsize=8192)
def _decay(age_days: int) -> float:
    return float(0.5 ** (age_days / HALF_LIFE_DAYS))


def tie(person: Person, today: date, introduced: int = 0) -> Tie:
    """The tie strength of `person` on `today` (interactions after today are plans: not counted)."""
    lifetime = decayed = 0.0
    asked = gave = 0
    last_asked = None
    for interaction in person.interactions:
        w = weight(interaction)
        lifetime += w
        decayed += w * _decay((today - interaction.day).days)
        if "asked" in interaction.kinds:
            asked, last_asked = asked + 1, interaction.day  # interactions come in day order
        gave += "gave" in interaction.kinds
    bonus = min(introduced, INTRODUCED_MAX) * INTRODUCED_WEIGHT
    score = round(100 * (1 - math.exp(-(decayed + bonus) / SCALE)))
    last = person.interactions[-1].day if person.interactions else None
    return Tie(score, lifetime, len(person.interactions), last, introduced, asked, gave,
               last_asked)


def introductions(relations: tuple[tuple[str, str, str], ...]) -> Counter[str]:
    """How many people met you through each person (by path), from the `met_via` relations."""
    return Counter(target for kind, _, target in relations
                   if kind == "met_via" and not target.startswith("mentioned:"))


class TieMemo:
    """Ties of the build before: a person's tie is worked out again only when they changed."""

    def __init__(self) -> None:
        self.today: date | None = None
        self.ties: dict[str, tuple[Person, int, Tie]] = {}
        self.relations: tuple[tuple[str, str, str], ...] | None = None
        self.introduced: Counter[str] = Counter()


def ties(everyone: list[Person], relations: tuple[tuple[str, str, str], ...], today: date,
         memo: TieMemo | None = None) -> dict[str, Tie]:
    """Every person's tie, by note path."""
    memo = memo or TieMemo()
    if memo.today != today:
        memo.today, memo.ties = today, {}
    if memo.relations is not relations:
        memo.relations, memo.introduced = relations, introductions(relations)
    introduced = memo.introduced
    found: dict[str, tuple[Person, int, Tie]] = {}
    for person in everyone:
        count = introduced.get(person.path, 0)
        known = memo.ties.get(person.path)
        if known is not None and known[0] is person and known[1] == count:
            found[person.path] = known
        else:
            found[person.path] = (person, count, tie(person, today, count))
    memo.ties = found
    return {path: t for path, (_, _, t) in found.items()}


def is_fading(person: Person, strength: Tie, today: date, quiet_days: int) -> bool:
    """A strong tie going quiet (see the module's docstring)."""
    if person.is_prospect or person.is_dormant or strength.last is None:
        return False
    silent = (today - strength.last).days
    return strength.lifetime >= FADING_WEIGHT and FADING_DAYS <= silent < quiet_days
