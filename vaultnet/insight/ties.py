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
a coffee and a call or more), a last contact 60 or more days ago, and not yet gone quiet (the
`quiet_days` setting), nor dormant, nor a prospect.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple, cast

from vaultnet.base.model import Interaction, Person, all_of_type, new_tuple
from vaultnet.base.text import ago, plural
from vaultnet.network.graph import person_node
from vaultnet.network.index import Relations, SinceSaved

HALF_LIFE_DAYS = 90
KIND_WEIGHTS = {"met": 3.0, "call": 2.0}
OUTREACH_WEIGHT = 0.5
INTRODUCED_WEIGHT, INTRODUCED_MAX = 1.0, 3
SCALE = 4.0
FADING_WEIGHT, FADING_DAYS = 5.0, 60
STRONG_TIE = 50


class Tie(NamedTuple):
    """How close you are to one person, and what that rests on. (A named tuple: ten thousand are
    made, or taken from the cache, by every sync.)"""

    score: int  # 0 to 100
    lifetime: float  # the interactions' weight without decay
    interactions: int
    last: date | None
    introduced: int  # people who met you through them
    asked: int = 0  # times they helped you (`#asked`)
    gave: int = 0  # times you helped them (`#gave`)
    last_asked: date | None = None

    def as_tuple(self) -> SavedTie:
        """The tie in plain values, as the parse cache keeps it (`from_tuple` reads it back)."""
        return tuple(self)  # type: ignore[return-value]

    @classmethod
    def from_tuple(cls, values: object) -> Tie | None:
        """A tie kept by `as_tuple`; None for anything else (a cache changed by hand)."""
        if not isinstance(values, tuple) or tuple(map(type, values)) not in _SAVED_TIE_TYPES:
            return None
        return new_tuple(cls, values)

    @classmethod
    def all_from_tuples(cls, values: list[object]) -> list[Tie] | None:
        """`from_tuple` of each of `values`, when it takes every one of them: found by the exact
        types of their values column by column, in a few passes over them all in C (as
        `Contacts.all_checked` finds them); else None, which says only that one may not be (a
        tuple's subclass, which `from_tuple` takes, is not taken here)."""
        if not values:
            return []
        if not _tie_shaped(values):
            return None
        held = cast(list[tuple[object, ...]], values)
        if not all(set(map(type, column)) <= kinds
                   for column, kinds in zip(zip(*held, strict=True), _SAVED_TIE_COLUMNS, strict=True)):
            return None
        return list(map(new_tuple, itertools.repeat(cls), held))

    def describe(self, today: date) -> str:
        """`tie 71: 4 interactions, last 2026-11-21 (4 days ago)`."""
        parts = [plural(self.interactions, "interaction")]
        if self.last is not None:
            parts.append(f"last {self.last.isoformat()} ({ago((today - self.last).days)})")
        if self.introduced:
            parts.append(f"introduced you to {plural(self.introduced, 'person', 'people')}")
        return f"tie {self.score}: " + ", ".join(parts)


# A tie as the parse cache keeps it (`Tie.as_tuple`), and the types each of its values may have,
# exactly; then every such tie's types.
SavedTie = tuple[int, float, int, date | None, int, int, int, date | None]
_SAVED_TIE_COLUMNS: tuple[frozenset[type], ...] = tuple(map(frozenset, (
    (int,), (float,), (int,), (date, type(None)), (int,), (int,), (int,), (date, type(None)))))
_SAVED_TIE_TYPES = frozenset(itertools.product(*_SAVED_TIE_COLUMNS))


@functools.lru_cache(maxsize=256)  # a vault uses a handful of combinations of tags
def _weight_of(kinds: frozenset[str]) -> float:
    """What one interaction of these kinds counts for, before decay."""
    if kinds == {"outreach"}:
        return OUTREACH_WEIGHT
    return max((KIND_WEIGHTS.get(kind, 1.0) for kind in kinds), default=1.0)


def _decay_of(age_days: int) -> float:
    """What an interaction this many days old counts for, of what it counted for that day."""
    return float(0.5 ** (age_days / HALF_LIFE_DAYS))


_decay = functools.lru_cache(maxsize=8192)(_decay_of)
_DECAYS: list[float] = []  # `_decay_of` each age, by age (see `_decays`)
_DECAYS_KEPT = 40_000  # days (some 110 years): older interactions' decays are asked of `_decay`


def _decays(oldest: int) -> Sequence[float] | None:
    """`_decay_of` every age up to `oldest` days, by age (worked out once, and kept); None past
    `_DECAYS_KEPT` days (a line dated in year 1, or a day far ahead: not kept for a process's
    life)."""
    if oldest > _DECAYS_KEPT:
        return None
    if len(_DECAYS) <= oldest:
        _DECAYS.extend(map(_decay_of, range(len(_DECAYS), oldest + 1)))
    return _DECAYS


def tie(person: Person, today: date, introduced: int = 0) -> Tie:
    """The tie strength of `person` on `today` (interactions after today are plans: not counted)."""
    lifetime = decayed = 0.0
    asked = gave = 0
    last_asked = None
    # (The loop runs once per interaction of everyone, some 300,000 times in a large vault: the
    # cached weights and decays are looked up directly, and the days counted as ordinals.)
    # (Each term added to the sum as `rebased` adds it, in the same order: the same float.)
    weight_of, decay, now = _weight_of, _decay, today.toordinal()
    for interaction in person.interactions:
        kinds = interaction.kinds
        w = weight_of(kinds)
        lifetime += w
        decayed += w * decay(now - interaction.day.toordinal())
        if kinds:
            if "asked" in kinds:
                asked, last_asked = asked + 1, interaction.day  # interactions come in day order
            gave += "gave" in kinds
    last = person.interactions[-1].day if person.interactions else None
    return Tie(_score(decayed, introduced), lifetime, len(person.interactions), last, introduced,
               asked, gave, last_asked)


# What a person's tie is worked out from on any day, as the parse cache keeps it beside the tie:
# the day of each of their interactions (as ordinals, `array("i")`), then what each counts for
# before decay (`array("d")`), in order, as one run of bytes. With the tie's other values, which
# the day does not change, it gives the tie on another day without their interactions: a new
# day's sync fades every tie, and gathering everyone's interactions for it took 0.8 s at 10,000
# dense people.
TieBasis = bytes
_DAY, _WEIGHT = array("i").itemsize, array("d").itemsize


def tie_basis(interactions: Sequence[Interaction]) -> TieBasis:
    """The basis of the tie of a person with these interactions (see `TieBasis`)."""
    return array("i", [i.day.toordinal() for i in interactions]).tobytes() + \
        array("d", [_weight_of(i.kinds) for i in interactions]).tobytes()


def rebased(kept: object, basis: object, today: date, introduced: int) -> Tie | None:
    """The tie on `today` of a person whose tie on another day was `kept` (`Tie.as_tuple`) and
    whose interactions are still those of `basis`, with `introduced` people met through them:
    the very tie `tie` gives (its sum taken in the same order, of the same terms). None if
    either is not what the cache keeps, or they do not fit together (a cache changed by hand)."""
    found = Tie.from_tuple(kept)
    if found is None or type(basis) is not bytes \
            or len(basis) != found.interactions * (_DAY + _WEIGHT):
        return None
    cut = found.interactions * _DAY
    days, weights = array("i"), array("d")
    days.frombytes(basis[:cut])
    weights.frombytes(basis[cut:])
    now = today.toordinal()
    # (An interaction after the day is none, nor one before the first day there is: no basis.)
    if days and (max(days) > now or min(days) < 1):
        return None
    # (Each age's decay looked up in a list, not asked of `_decay`: the 420,000 terms of 10,000
    # dense people's ties summed in 38 ms, not 44. The same floats, summed in the same order as
    # `tie` sums them.)
    decays: Mapping[int, float] | Sequence[float] | None = _decays(now - min(days, default=now))
    if decays is None:  # (an age past those kept: these ages' alone)
        decays = {age: _decay(age) for age in set(map(now.__sub__, days))}
    decayed = 0.0
    for day, w in zip(days, weights, strict=True):
        decayed += w * decays[now - day]
    _, lifetime, count, last, _, asked, gave, last_asked = found
    return new_tuple(Tie, (_score(decayed, introduced), lifetime, count, last, introduced, asked,
                           gave, last_asked))


def _followed_by(kept: object, later: tuple[Interaction, ...]) -> SavedTie | None:
    """A tie kept (`Tie.as_tuple`) of a person whose interactions then are followed by `later`,
    each after every one of them, with those interactions counted in: all but its score, which
    the day gives (`rebased`). None if `kept` is no tie."""
    found = Tie.from_tuple(kept)
    if found is None:
        return None
    _, lifetime, count, _, introduced, asked, gave, last_asked = found
    for interaction in later:  # (as `tie` counts them, one after the other)
        kinds = interaction.kinds
        lifetime += _weight_of(kinds)
        if "asked" in kinds:
            asked, last_asked = asked + 1, interaction.day
        gave += "gave" in kinds
    return (found.score, lifetime, count + len(later), later[-1].day if later else found.last,
            introduced, asked, gave, last_asked)


def _basis_followed_by(basis: object, later: tuple[Interaction, ...]) -> TieBasis | None:
    """A basis kept (`TieBasis`) with the interactions `later` after its own; None if it is no
    basis."""
    if type(basis) is not bytes or len(basis) % (_DAY + _WEIGHT):
        return None
    cut = len(basis) // (_DAY + _WEIGHT) * _DAY
    more = tie_basis(later)
    return basis[:cut] + more[:len(later) * _DAY] + basis[cut:] + more[len(later) * _DAY:]


def _score(decayed: float, introduced: int) -> int:
    """The score of a tie whose interactions sum to `decayed`, with `introduced` people met
    through them (see the module's docstring)."""
    bonus = min(introduced, INTRODUCED_MAX) * INTRODUCED_WEIGHT
    return round(100 * (1 - math.exp(-(decayed + bonus) / SCALE)))


def introductions(relations: tuple[tuple[str, str, str], ...]) -> Counter[str]:
    """How many people met you through each person (by path), from the `met_via` relations.
    (They are sorted, as the index keeps them: the `met_via` ones are one run of them, found by
    bisection; a hundred thousand relations at 10,000 dense people took 4 to 15 ms to look at.)"""
    run = relations[bisect_left(relations, ("met_via",)):bisect_left(relations, ("met_via\0",))]
    return Counter(target for _, _, target in run if not target.startswith("mentioned:"))


class TieMemo:
    """Ties of the build before: a person's tie is worked out again only when they changed.

    A memo may also start from the ties a sync saved (the parse cache): `saved` holds them, with
    their bases (`TieBasis`), under the digest of what the index resolved with then, until
    `carry` keeps those of the people whose interactions are the same now. On the day they were
    saved, each is taken as it is while its count of introductions holds; on another, each is
    worked out again from its basis (`rebased`), without the person's interactions.
    """

    def __init__(self) -> None:
        self.today: date | None = None
        self.people: list[Person] = []  # everyone, as in the build before
        self.found: dict[str, Tie] = {}  # the ties given out then, theirs, in the same order
        self.relations: Relations | None = None
        self.introduced: Counter[str] = Counter()
        # (digest, the ties by path, what gives their bases by path, whether they are this day's)
        self.saved: tuple[str, Mapping[str, object], Callable[[], dict[str, object]],
                          bool] | None = None
        self.carried: dict[str, object] = {}  # for the next `ties` only
        # The ties saved on another day, to work out again from their bases: for the next `ties`.
        self.rebase: dict[str, object] = {}
        # What gives the bases saved, the people whose interactions may have changed since, and
        # the interactions that came due since of those whose bases can be brought up to date
        # with them: read when first asked for (see `bases`).
        self._bases: tuple[Callable[[], dict[str, object]], frozenset[str],
                           Mapping[str, tuple[Interaction, ...]]] | None = None
        self._held: dict[str, object] | None = None
        # How many people met you through each person, as the ties saved counted them, while no
        # `met_via` relation differs since (see `carry`): for the next `ties` only, which then
        # need not merge every relation to count them.
        self.kept_introduced: Counter[str] | None = None
        # What gives ties worked out on another core meanwhile (see `sent_ties`), carried into
        # the next `ties` too.
        self.soon: Callable[[], dict[str, object]] | None = None

    def carry(self, since: SinceSaved | None) -> None:
        """Keep of the ties saved those of the people whose interactions are the same (`since`:
        what the index found may differ since they were saved; None, anything)."""
        saved, self.saved, self.kept_introduced = self.saved, None, None
        self.carried, self.rebase, self._bases, self._held = {}, {}, None, None
        if saved is None or since is None or saved[0] != since.digest:
            return
        _, ties, bases, same_day = saved
        self._bases = bases, since.people, since.came
        # (Copied whole, then the changed taken out: 0.5 ms less than a comprehension, at 10,000.)
        kept = dict(ties)
        for path in since.people:
            kept.pop(path, None)
        if same_day:
            self.carried = kept
        else:  # (a tie fades with the days: worked out again, from its basis)
            self.rebase = kept
            for path, later in since.came.items():  # (and with the interactions that came due)
                if (found := _followed_by(ties.get(path), later)) is not None:
                    kept[path] = found
        # (Not counted by the day: those of another day count as well.)
        if not any(relation[0] == "met_via" for relation in since.relations):
            self.kept_introduced = _introduced(ties)

    @property
    def bases(self) -> dict[str, object]:
        """The bases of the ties saved that still hold (the people's interactions are the
        same, or those followed by some that came due since: brought up to date with them), by
        path: read from the parse cache when first asked for (on another day; on the same day,
        by its save alone, which keeps them again)."""
        if self._held is None:
            self._held = {}
            if self._bases is not None:
                source, changed, came = self._bases
                self._held = held = source()  # (a dict of its own)
                later = {path: found for path, interactions in came.items()
                         if (found := _basis_followed_by(held.get(path), interactions)) is not None}
                for path in changed:
                    held.pop(path, None)
                held.update(later)
        return self._held

    def keep_bases(self, other: TieMemo) -> None:
        """Hold the bases `other` holds (read or not yet) in its stead."""
        self._bases, self._held = other._bases, other._held

    def bases_to_keep(self, everyone: Iterable[Person]) -> dict[str, object]:
        """The basis of each person's tie (`TieBasis`) for the parse cache to keep: the one it
        kept while their interactions are the same, else worked out from their interactions if
        they were gathered (those whose contacts changed: the others are not gathered for it,
        and their ties are worked out from their interactions on the next day's sync)."""
        bases, found = self.bases, {}
        for person in everyone:
            basis = bases.get(person.path)
            if basis is None and (gathered := person.gathered) is not None:
                basis = tie_basis(gathered)
            if basis is not None:
                found[person.path] = basis
        return found


def _introduced(saved: Mapping[str, object]) -> Counter[str] | None:
    """How many people met you through each person (by path), as the ties saved (`as_tuple`:
    everyone's, under the digest of what was resolved) counted them; None if any of them is not
    a tie as the cache keeps it (each is checked again as it is taken), or counts fewer than
    none (`_taken_up` stands a person the cache did not keep in with such a count)."""
    values = list(saved.values())
    if not _tie_shaped(values):
        return None
    counts = list(map(_INTRODUCED, cast(list[tuple[object, ...]], values)))
    if not all_of_type(counts, int) or min(counts, default=0) < 0:
        return None
    return Counter({path: count for path, count in zip(saved, counts, strict=True) if count})


_INTRODUCED = operator.itemgetter(Tie._fields.index("introduced"))


def _tie_shaped(values: list[object]) -> bool:
    """Whether each of `values` is a tuple (exactly) of as many values as a tie has."""
    return all_of_type(values, tuple) and \
        set(map(len, cast(list[tuple[object, ...]], values))) <= {len(Tie._fields)}


def ties(everyone: list[Person], relations: Relations, today: date,
         memo: TieMemo | None = None) -> dict[str, Tie]:
    """Every person's tie, by note path (a person who did not change keeps their `Tie` object).
    The introductions each made are counted from the `relations`, unless the ties the cache
    kept counted them, and no `met_via` relation differs since (`TieMemo.carry`)."""
    memo = memo or TieMemo()
    if memo.soon is not None:
        memo.carried, memo.soon = {**memo.carried, **memo.soon()}, None
    if memo.today != today:
        memo.today, memo.found, memo.people = today, {}, []
    recounted = False
    if memo.relations is not relations:
        introduced = memo.kept_introduced if memo.kept_introduced is not None \
            else introductions(relations.get())
        recounted = introduced != memo.introduced  # (someone's changed: look at everyone)
        memo.relations, memo.introduced = relations, introduced
    memo.kept_introduced = None
    before, memo.people = memo.people, list(everyone)
    if not recounted and len(before) == len(everyone) and \
            [p.path for p in _new(before, everyone)] == [p.path for p in _new(everyone, before)]:
        # The usual watch round: the same people, a few of them new objects.
        found = dict(memo.found)
        for person in _new(before, everyone):
            found[person.path] = _tie_of(person, today, memo)
    elif not memo.found and memo.carried:  # (a sync's one build: none worked out before)
        found = _taken_up(everyone, today, memo)
    else:
        # (Each tie of the build before, with the person it was worked out for: kept for the
        # very same person while their count of introductions holds.)
        was = dict(zip(memo.found, zip(before, memo.found.values(), strict=True), strict=True))
        found = {person.path: _tie_of(person, today, memo, was) for person in everyone}
    memo.found, memo.carried, memo.rebase = found, {}, {}
    return dict(found)


def ties_to_send(people: Iterable[Person], relations: tuple[tuple[str, str, str], ...],
                 today: date) -> list[tuple[object, ...]]:
    """The ties of `people` worked out in a process of its own, to send back in plain values
    (`marshal`'s: its days as ordinals); `sent_ties` reads them."""
    introduced = introductions(relations)
    return [(person.path, *(v.toordinal() if isinstance(v, date) else v
                            for v in tie(person, today, introduced.get(person.path, 0))))
            for person in people]


def sent_ties(sent: object) -> dict[str, object]:
    """The ties `ties_to_send` gave, by path, as the parse cache keeps them (`Tie.as_tuple`),
    for `TieMemo.carried`; none if `sent` is anything else. (Each is checked as it is taken.)"""
    if not isinstance(sent, list) or not all(isinstance(t, tuple) and len(t) == 9 for t in sent):
        return {}
    return {path: (score, lifetime, count, _day(last), introduced, asked, gave, _day(last_asked))
            for path, score, lifetime, count, last, introduced, asked, gave, last_asked in sent}


def _day(ordinal: object) -> object:
    return date.fromordinal(ordinal) if isinstance(ordinal, int) and ordinal > 0 else ordinal


def _new(before: list[Person], now: list[Person]) -> list[Person]:
    """The people of `now` who are not the same object as at their place in `before` (found in
    C, at speed: a watch round changes a few of thousands)."""
    return [now[i] for i in itertools.compress(range(len(now)), map(operator.is_not, before, now))]


def _tie_of(person: Person, today: date, memo: TieMemo,
            was: Mapping[str, tuple[Person, Tie]] | None = None) -> Tie:
    """`person`'s tie: the one worked out before for this very person (`was`), or the one the
    cache kept for them, while their count of introductions holds; on another day than the one
    it was kept for, the kept one worked out again from its basis (`rebased`); else worked out
    from their interactions. (Nothing is
    kept of each person but their tie: keeping their person and count too made `ties` take
    9.6 ms at 10,000 people, not 8.2.)"""
    count = memo.introduced.get(person.path, 0)
    known = was.get(person.path) if was else None
    if known is not None and known[0] is person and known[1].introduced == count:
        return known[1]
    kept = memo.carried.get(person.path) if memo.carried else None
    found = Tie.from_tuple(kept) if kept is not None else None
    if found is not None and found.introduced == count:
        return found
    if memo.rebase and (kept := memo.rebase.get(person.path)) is not None:
        found = rebased(kept, memo.bases.get(person.path), today, count)
        if found is not None:
            return found
        memo.bases.pop(person.path, None)  # (no basis: the one kept again is of the interactions)
    return tie(person, today, count)


def _taken_up(everyone: list[Person], today: date, memo: TieMemo) -> dict[str, Tie]:
    """`_tie_of` each of `everyone`, none worked out before: those the cache kept checked and
    made at once, in C, and taken while their counts of introductions hold; the others worked
    out. (Taken one by one, the ties of 10,000 dense people took 12 ms of a sync; 8 so.)"""
    paths = list(map(_PATH, everyone))
    # (Someone whose tie it did not keep stands in with a tie of no count of introductions any
    # person has, which is worked out: so the ties are taken in everyone's order, in one pass.)
    taken = Tie.all_from_tuples(list(map(memo.carried.get, paths, itertools.repeat(_NOT_KEPT))))
    if taken is None:  # (one of them may be no tie: each is asked)
        return {person.path: _tie_of(person, today, memo) for person in everyone}
    found = dict(zip(paths, taken, strict=True))
    holds = map(operator.eq, map(_INTRODUCED, taken),
                map(memo.introduced.get, paths, itertools.repeat(0)))
    for person in itertools.compress(everyone, map(operator.not_, holds)):
        found[person.path] = _tie_of(person, today, memo)
    return found


_NOT_KEPT: SavedTie = (0, 0.0, 0, None, -1, 0, 0, None)
_PATH = operator.attrgetter("path")


class Scores:
    """Your tie's score to each person, by person node, above 0 only, as the ties change round by
    round: worked out again only for the people whose `Tie` is a new object (see `ties`)."""

    def __init__(self) -> None:
        self.ties: Mapping[str, Tie] | None = None  # the ties the scores were worked out from
        self.scores: dict[str, int] = {}
        self.before: dict[str, int] | None = None  # the scores of the update before
        self.changed: set[str] | None = None  # nodes whose score changed since (None: unknown)

    def update(self, ties: Mapping[str, Tie], known: dict[str, int] | None = None
               ) -> dict[str, int]:
        """The scores of `ties` (a new dict: the one before stays as it was). `known`, if given,
        are those very scores, worked out already: taken when everyone's are new."""
        before, self.before = self.ties, self.scores
        if before is None or before.keys() != ties.keys():
            self.changed = None
            self.scores = known if known is not None else \
                {person_node(path): t.score for path, t in ties.items() if t.score > 0}
        else:
            paths = list(ties)
            new = itertools.compress(paths, map(operator.is_not, before.values(), ties.values()))
            self.scores = scores = dict(self.scores)
            self.changed = set()
            for path in new:
                node, score = person_node(path), ties[path].score
                if scores.get(node, 0) != score:
                    self.changed.add(node)
                    if score > 0:
                        scores[node] = score
                    else:
                        scores.pop(node, None)
        self.ties = ties
        return self.scores


def is_fading(person: Person, strength: Tie, today: date, quiet_days: int) -> bool:
    """A strong tie going quiet (see the module's docstring)."""
    if person.is_prospect or person.is_dormant or strength.last is None:
        return False
    silent = (today - strength.last).days
    return strength.lifetime >= FADING_WEIGHT and FADING_DAYS <= silent < quiet_days
