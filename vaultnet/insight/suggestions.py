"""Networking insight from the graph: what to rank against, ties, introductions, mentors, give and
take, and the shape of the field.

Pure functions of the graph, the index and `today`. Everything that depends only on the graph's
structure (communities, bridges, who is tied to whom) is kept in an `InsightMemo` while the graph is
the same object and its ties the same (see `edition`), so watch mode recomputes it only when a
relationship or topic changes. Nothing here looks at every pair of people: introductions are found
through an index of topics, bridges by a sampled betweenness.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from vaultnet.base.model import Note, Person
from vaultnet.base.text import key, name_order, sort_key
from vaultnet.insight.communities import (
    BRIDGES,
    Bridge,
    Community,
    PersonTies,
    Shape,
    ShapeSoon,
    bridges,
    communities,
    retie_people,
    shape_of,
    ties_between_people,
    topic_label,
)
from vaultnet.insight.rows import SortedRows
from vaultnet.insight.ties import (
    FADING_DAYS,
    FADING_WEIGHT,
    STRONG_TIE,
    Scores,
    Tie,
    TieMemo,
    is_fading,
    ties,
)
from vaultnet.insight.warm_paths import MAX_PATHS, Reach, WarmPaths
from vaultnet.network.graph import (
    PREFIX,
    TOPIC,
    TOPICS,
    Graph,
    Standing,
    changed_since,
    edition,
    nodes_of,
    people,
    person_node,
    standing,
)
from vaultnet.network.index import VaultIndex

FOCUS_FALLBACK = 5  # without a profile, rank against the network's five most common topics
GOAL_WEIGHT, TOPIC_WEIGHT = 2.0, 1.0  # a topic named in a goal counts twice one merely listed
TOP_TIES = 10
COLD_SCORE = 20  # a tie below this is cold: it would not get a reply to a favour
PAIR_POOL = 20  # people per topic considered for introductions, best connected first
PAIRS_PER_PERSON, MAX_PAIRS = 2, 15
MENTOR_LIMIT = 10
ROLE_FACTOR = {"mentor": 1.5}
# Those you mentor, by the documented word and its everyday twins: never your mentor candidates.
NOT_MENTORS = frozenset({"advisee", "mentee", "protégé", "protege"})
UNREACHABLE = 0.25


@dataclass(frozen=True)
class Focus:
    """The topics suggestions rank against: the profile's, else the network's most common."""

    weights: dict[str, float]  # topic key: weight
    labels: dict[str, str]  # topic key: how it is spelled
    profile: Note | None

    def label_of(self, topic_key: str) -> str:
        return self.labels[topic_key]


@dataclass(frozen=True)
class Pairing:
    """Two people you know who share topics and are not connected: an introduction to make."""

    a: Person
    b: Person
    shared: tuple[str, ...]  # topic labels
    score: float


@dataclass(frozen=True)
class Mentor:
    """Someone who could mentor you toward your goals, and why."""

    person: Person
    score: float
    shared: tuple[str, ...]  # goal topic labels, rarest first
    tie: Tie
    path: tuple[str, ...]  # the best warm path (person nodes) to a prospect; () otherwise


@dataclass(frozen=True)
class Balance:
    """Someone who helped you (`#asked`) and whom you have not helped back (`#gave`)."""

    person: Person
    asked: int
    last_asked: date


@dataclass(frozen=True)
class Help:
    """A need of theirs that one of your offers meets."""

    person: Person
    need: str
    offer: str


@dataclass(frozen=True)
class ColdTopic:
    """A goal topic with no warm tie: nobody at all, or only prospects and cold ties."""

    label: str
    people: tuple[Person, ...]


@dataclass(frozen=True)
class Insight:
    today: date
    focus: Focus
    ties: dict[str, Tie]  # by note path
    strongest: tuple[Person, ...]
    fading: tuple[Person, ...]
    warm: WarmPaths
    pairings: tuple[Pairing, ...]
    mentors: tuple[Mentor, ...]
    only_asked: tuple[Balance, ...]
    could_help: tuple[Help, ...]
    cold_topics: tuple[ColdTopic, ...]
    communities: tuple[Community, ...]
    bridges: tuple[Bridge, ...]
    # The people tied to someone, and their ties (the communities' and bridges' own): the
    # pictures count each person's ties from them.
    tied: PersonTies = field(repr=False, compare=False)

    def paths(self, person: Person) -> list[list[str]]:
        """The best warm paths to `person`, as note names."""
        return [[step.name for step in way] for way in self.path_people(person)]

    def path_people(self, person: Person) -> list[list[Person]]:
        """The best warm paths to `person`, as the people along them (whose names may be
        another's too: their paths tell them apart)."""
        people = self.warm.people
        return [[people[node] for node in path]
                for path in self.warm.paths(person_node(person.path))]

    def people_via(self, named_by: tuple[str, ...]) -> list[list[Person]]:
        """Warm paths to someone without a note, as the people along them up to the one who can
        introduce you (`named_by`, note paths: whose notes name them in `knows` or
        `met_via`, and who was at a meeting with them): the shortest first, then the strongest
        first tie, at most three."""
        found = []
        for path in named_by:
            node = person_node(path)
            person = self.warm.people.get(node)
            if person is None:
                continue
            for way in [[node]] if person.is_known else self.warm.paths(node):
                steps = [self.warm.people[step] for step in way]
                found.append((len(way), -self.ties[steps[0].path].score,
                              [sort_key(step.name) for step in steps], steps))
        found.sort(key=lambda item: item[:3])
        return [steps for *_, steps in found[:MAX_PATHS]]


class _Structure:
    """What the insight needs of the graph's structure: of its people and their topics, of the
    ties between people (`retie`), and of whom you know (`stand`). Each is given the graph's
    people (`everyone`, as `people` gives them) by the build that asks, which needs them too: at
    10,000 people, each look for them among the graph's nodes takes 0.7 ms."""

    tied: PersonTies  # the people tied to someone, by number (communities and bridges)
    adjacency: dict[str, list[str]]  # each person's neighbours through a declared tie

    def __init__(self, graph: Graph, known: Shape | None = None,
                 ties: tuple[PersonTies, dict[str, list[str]]] | None = None,
                 soon: ShapeSoon | None = None,
                 candidates: KeptCandidates | None = None,
                 kept_communities: KeptCommunities | None = None, *,
                 everyone: list[Person]) -> None:
        self.graph = graph
        # What gives the communities the parse cache kept for this graph's structure, if it
        # kept them (their names and members depend on it alone, and so do the ties they were
        # found in): for the first `group` alone.
        self._kept_communities = kept_communities
        # The introductions' candidates the parse cache kept for this graph's structure, under
        # the key of who was left out of them (see `stand`): for the first `stand` alone.
        self._kept_candidates = candidates
        self.order = {p.path: i for i, p in enumerate(everyone)}  # people come in name order
        # The mentor matches for the focus they were worked out for.
        self.focus: tuple[dict[str, float], list[tuple[str, float, tuple[str, ...]]]] | None = None
        self.standing: Standing | None = None  # the graph's when `stand` last worked
        self.retopic(graph)
        self.retie(graph, everyone, known, ties=ties, soon=soon)

    def retopic(self, graph: Graph) -> None:
        """Work out what depends on who has which topic, for this `topic_edition` of the graph:
        each person's topics and each topic's rarity, and (when asked for) the mentor matches.
        The communities' names and the introductions to make depend on them too: `group` and
        `stand` work those out."""
        self.topic_edition = edition(graph, TOPICS)
        self.topics = _TopicsOf(graph)
        self.rarity = _RarityOf(graph, len(self.order))
        self.focus = None

    def retie(self, graph: Graph, everyone: list[Person], known: Shape | None = None,
              nodes: frozenset[str] | None = None,
              ties: tuple[PersonTies, dict[str, list[str]]] | None = None,
              soon: ShapeSoon | None = None) -> None:
        """Work out what depends on the ties between people, for this `edition` of the graph:
        who is tied to whom (made again for `nodes` alone, when they are the nodes whose ties
        changed since the edition before, or given as `ties_between_people` gives them for this
        graph), the communities and bridges (`known`, a shape the cache kept; or `soon`, when
        it is being worked out elsewhere for these very ties), and what `stand` works out. The
        people, their order and topics are those of the graph."""
        self.edition = edition(graph)
        if nodes is not None:
            ties = retie_people(graph, (self.tied, self.adjacency), nodes)
        self.tied, self.adjacency = ties or ties_between_people(graph)
        self.stand(graph, everyone)
        self._soon = soon[1] if soon is not None and soon[0] is self.tied else None
        if self._soon is None:
            self.shape = shape_of(self.tied, known)
            self.group(graph)

    def settle(self) -> None:
        """Take up the shape being worked out elsewhere (`retie`'s `soon`), if it is, and group
        the people by it: as late as can be, so that it is ready by then."""
        if self._soon is not None:
            self.shape, self._soon = self._soon(), None
            self.group(self.graph)

    def group(self, graph: Graph) -> None:
        """The communities of this shape, each named by its commonest topic, and the bridges
        between them."""
        kept, self._kept_communities = self._kept_communities, None
        found = kept() if kept is not None else None
        self.communities = found if found is not None else communities(graph, self.tied, self.shape)
        in_community = {node: c.name for c in self.communities for node in c.members}
        # Bridges as person nodes: the Person behind each is looked up in the graph of the day,
        # since the graph (and this structure) outlives a change to someone's interactions.
        self.bridges: list[tuple[str, float, tuple[str, ...]]] = []
        for node, value in bridges(self.tied, self.shape):
            # The groups they tie, those of most of their ties first (their own, commonly): in
            # name order, every bridge's line began with the same groups.
            reached = Counter(in_community[n] for n in (node, *graph[node]) if n in in_community)
            if len(reached) > 1:  # a bridge ties groups together, not people within one
                self.bridges.append((node, value, tuple(sorted(
                    reached, key=lambda name: (-reached[name], name_order(name))))))
                if len(self.bridges) == BRIDGES:
                    break

    def stand(self, graph: Graph, everyone: list[Person]) -> None:
        """Work out what depends on whom you know and whom you have not met (`standing`): the
        distances from the people you know, and the introductions you could make. The mentor
        matches, which weigh roles and leave dormant ties out, are worked out again when a role
        or status changed."""
        before, self.standing = self.standing, standing(graph)
        if before is None or before[2] is not self.standing[2]:
            self.focus = None
        self.by_node = {person_node(p.path): p for p in everyone}
        self.reach = Reach(self.adjacency, self.by_node, self.standing[0])
        # Worked out from the graph's structure, and from who is a prospect or dormant.
        kept, self._kept_candidates = self._kept_candidates, None
        self.candidates_key = _left_out(self.standing)
        self.candidates = kept[1] if kept is not None and kept[0] == self.candidates_key \
            else _pair_candidates(graph, everyone, self.topics, self.adjacency, self.rarity)


class _TopicsOf(dict[str, frozenset[str]]):
    """Each person's topics (their keys), by note path, each worked out when first asked for: a
    sync after an edit asks for none, unless it looks for introductions to make afresh."""

    def __init__(self, graph: Graph) -> None:
        super().__init__()
        self._nodes = graph.nodes

    def __missing__(self, path: str) -> frozenset[str]:
        person: Person = self._nodes[person_node(path)]["person"]
        found = self[path] = frozenset(map(key, person.fields.topics))
        return found


class _RarityOf(dict[str, float]):
    """Each topic's rarity, 1 + log(people / the people who have it), by topic key, for the
    topics someone has, each worked out when first asked for: a sync after an edit asks for
    those of your focus alone, unless it looks for introductions to make afresh. (Counting the
    people of every topic of a graph the parse cache kept unpacks them all: 3 ms for the 120
    topics of 10,000 dense people.)"""

    def __init__(self, graph: Graph, people: int) -> None:
        super().__init__()
        self._graph, self._people = graph, people

    def of(self, topic_key: str) -> float | None:
        """The rarity of a topic someone has; None for one nobody has."""
        found = self.get(topic_key)
        if found is None:
            node = PREFIX[TOPIC] + topic_key
            holders = len(self._graph[node]) if node in self._graph else 0
            if not holders:
                return None
            found = self[topic_key] = 1.0 + math.log(max(self._people, 1) / holders)
        return found

    def __missing__(self, topic_key: str) -> float:
        found = self.of(topic_key)
        if found is None:
            raise KeyError(topic_key)
        return found


class InsightMemo:
    """What depends only on the graph's structure, kept while the graph is the same edition (and
    on whom you know, while the graph's `standing` holds), and the lists of people ranked by
    their tie, patched for the people who changed (`SortedRows`)."""

    def __init__(self) -> None:
        self.structure: _Structure | None = None
        self.ties = TieMemo()
        self.scores = Scores()  # your tie's score to each person, by node
        self.warm: WarmPaths | None = None
        self.shape: Shape | None = None  # the last structure's, or the parse cache's
        # The shape of the next graph's ties, when it is being worked out on another core: for
        # the next build only.
        self.shape_soon: ShapeSoon | None = None
        # The ties between people of the next graph, when worked out already (`plain_ties`: the
        # parse cache keeps them beside the graph's structure): for a new structure, once.
        self.ties_between: tuple[PersonTies, dict[str, list[str]]] | None = None
        self.ranked = _Ranked()
        # Everyone's needs, in the structure's (name) order, and what your offers meet of them.
        self.needs = SortedRows(_needs_rows)
        self.helped: tuple[tuple[int, object], tuple[Help, ...]] | None = None
        # The introductions' candidates the last structure worked out, under the key of who was
        # left out of them (`_Structure.stand`), for the parse cache; and, for the next new
        # structure alone, those the cache kept for that very structure of the graph.
        self.candidates: KeptCandidates | None = None
        self.kept_candidates: KeptCandidates | None = None
        # What gives the communities the cache kept for the next new structure, for it alone.
        self.kept_communities: KeptCommunities | None = None


def _needs_rows(person: Person, order: dict[str, int]) -> list[tuple[tuple[int], _Need]]:
    """A person's needs, each a row in the structure's (name) `order` (most people have none)."""
    return [((order[person.path],), need) for need in needs_of(person)] \
        if person.fields.needs else []


class _Ranked:
    """The people you know ranked by their tie: the strongest, the fading, and those who helped
    you and whom you never helped back. Kept for one day, one set of introductions and one
    structure; within those, a person is ranked again only when they changed (`SortedRows`).

    The three lists are kept as one, each row's key led by its list's number, so that a person's
    rows are worked out in one pass over everyone (three passes took 0.03 s at 10,000 people),
    and each list is a run of it. The first build (a sync's only one) finds the strongest
    without them (`_strongest`), rather than sort the strong ties to show ten: at 10,000 dense
    people, all but a few of them strong, it took 17 ms, 4.4 so (with the fading ties looked for
    on their days alone). From the second build on (watch mode), they are kept sorted too.
    """

    def __init__(self) -> None:
        self.strength: dict[str, Tie] = {}
        self.order: dict[str, int] = {}
        self.today: date | None = None
        self.quiet_days = 0
        # The days of a last contact that may be fading on `today` (see `is_fading`), if any.
        self.fading: tuple[date, date] | None = None
        self.sorts_strong = False  # whether the rows hold the strong ties (from a second build)
        self._built = False
        self._rows: SortedRows[Person | Balance] = SortedRows(self._rows_of, self._may_rank)

    def update(self, everyone: list[Person], strength: dict[str, Tie], structure: _Structure,
               today: date, quiet_days: int, introduced: object
               ) -> tuple[tuple[Person, ...], tuple[Person, ...], tuple[Balance, ...]]:
        """The strongest ties, the fading ones (at most `TOP_TIES` each) and the people you only
        asked, for `strength`, the ties of `everyone` (a tie changes with its person, the day
        and the introductions they made)."""
        self.strength, self.order = strength, structure.order
        self.today, self.quiet_days = today, quiet_days
        first, last = max(today.toordinal() - quiet_days + 1, 1), today.toordinal() - FADING_DAYS
        self.fading = (date.fromordinal(first), date.fromordinal(last)) if first <= last else None
        self.sorts_strong, self._built = self._built, True
        self._rows.update(everyone, (today, quiet_days, introduced, structure.order,
                                     self.sorts_strong))
        strong, fading, asked = self._rows.runs(3)
        # (Each run holds its own list's rows: see `_rows_of`.)
        strongest = strong[:TOP_TIES] if self.sorts_strong else _strongest(everyone, strength)
        return strongest, fading[:TOP_TIES], asked  # type: ignore[return-value]

    def _may_rank(self, people: Iterable[Person], _: object) -> list[Person]:
        """Those of `people` who may have a row of the three (`_rows_of`): known, and one who
        asked you for something and whom you never helped, a strong tie (when the strong ties
        are sorted), or a tie with a fading tie's weight last met on the fading days. Most
        people have none: found with no call for each (at 10,000 dense people, 500 of them in
        2 ms, where asking `_rows_of` of each took 7)."""
        strength, strong = self.strength, self.sorts_strong
        first, last = self.fading if self.fading is not None else (date.max, date.min)
        return [person for person in people if not person.is_prospect
                and (((t := strength[person.path]).asked and not t.gave)
                     or (strong and t.score >= STRONG_TIE)
                     or (t.last is not None and first <= t.last <= last
                         and t.lifetime >= FADING_WEIGHT))]

    def _rows_of(self, person: Person, _: object
                 ) -> list[tuple[tuple[object, ...], Person | Balance]]:
        """The rows of a person `_may_rank` picks: a strong tie (0, when `sorts_strong`),
        strongest first, then by name; a fading tie (1), the most lifetime weight first, then by
        name; someone who helped you (`#asked`) and whom you never helped (`#gave`) (2), most
        asked first."""
        t = self.strength[person.path]
        rows: list[tuple[tuple[object, ...], Person | Balance]] = []
        if t.score >= STRONG_TIE and self.sorts_strong:
            rows.append(((0, -t.score, self.order[person.path]), person))
        assert self.today is not None  # set by update
        # (Only a last contact on the fading days can be fading: asking `is_fading` of the others
        # too took 2 ms at 10,000 dense people, all of them with the weight of a fading tie.)
        if (t.lifetime >= FADING_WEIGHT and self.fading is not None and t.last is not None
                and self.fading[0] <= t.last <= self.fading[1]
                and is_fading(person, t, self.today, self.quiet_days)):
            rows.append(((1, -t.lifetime, self.order[person.path]), person))
        if t.asked and not t.gave and t.last_asked is not None:
            rows.append(((2, -t.asked, sort_key(person.name), person.path),
                         Balance(person, t.asked, t.last_asked)))
        return rows


def _strongest(everyone: list[Person], strength: dict[str, Tie]) -> tuple[Person, ...]:
    """The strong ties of `_Ranked`'s rows, found without sorting them all: at most `TOP_TIES`,
    strongest first, then by name (the order `everyone` comes in)."""
    scores = [0 if person.is_prospect else strength[person.path].score for person in everyone]
    best = heapq.nlargest(TOP_TIES, scores)
    least = max(best[-1], STRONG_TIE) if best else STRONG_TIE
    chosen = [i for i, score in enumerate(scores) if score >= least]
    chosen.sort(key=scores.__getitem__, reverse=True)  # (stable: by name among equals)
    return tuple(everyone[i] for i in chosen[:TOP_TIES])


def build_insight(index: VaultIndex, graph: Graph, today: date, quiet_days: int,
                  memo: InsightMemo | None = None) -> Insight:
    """Every insight for `today`."""
    memo = memo or InsightMemo()
    everyone = people(graph)
    structure, ties_between, memo.ties_between = memo.structure, memo.ties_between, None
    soon, memo.shape_soon = memo.shape_soon, None
    kept_candidates, memo.kept_candidates = memo.kept_candidates, None
    kept_communities, memo.kept_communities = memo.kept_communities, None
    if structure is None or structure.graph is not graph:
        structure = memo.structure = _Structure(graph, memo.shape, ties_between, soon,
                                                kept_candidates, kept_communities,
                                                everyone=everyone)
    else:
        retopicked = structure.topic_edition != edition(graph, TOPICS)
        if retopicked:  # the same people, other topics
            structure.retopic(graph)
        if structure.edition != edition(graph):  # the same people, other ties between them
            structure.retie(graph, everyone, memo.shape, changed_since(graph, structure.edition))
        elif retopicked:  # the communities are named by topics, the introductions share them
            structure.group(graph)
            structure.stand(graph, everyone)
        elif structure.standing != standing(graph):  # (the same while nobody's changed)
            structure.stand(graph, everyone)
    strength = ties(everyone, index.merged, today, memo.ties)
    scores = memo.scores.update(strength)
    # The scores that changed, when they changed since the warm paths before.
    changed = memo.scores.changed if memo.warm and memo.warm.scores is memo.scores.before else None
    warm = memo.warm = WarmPaths(structure.reach, scores, memo.warm, changed)
    focus = focus_of(index.profile, graph)
    strongest, fading, asked = memo.ranked.update(everyone, strength, structure, today,
                                                  quiet_days, memo.ties.introduced)
    paired = pairings(structure.candidates, graph, strength, structure.order)
    mentored = mentors(structure, graph, focus, strength, warm)
    helped = _could_help(memo, everyone, structure, focus.profile)
    cold = cold_topics(graph, focus, strength)
    structure.settle()  # (the communities and bridges last: they may be worked out elsewhere)
    memo.shape = structure.shape
    memo.candidates = structure.candidates_key, structure.candidates
    return Insight(
        today=today, focus=focus, ties=strength, strongest=strongest, fading=fading, warm=warm,
        pairings=paired, mentors=mentored, only_asked=asked, could_help=helped, cold_topics=cold,
        communities=structure.communities,
        bridges=tuple(Bridge(graph.nodes[node]["person"], value, reached)
                      for node, value, reached in structure.bridges),
        tied=structure.tied,
    )


def _could_help(memo: InsightMemo, everyone: list[Person], structure: _Structure,
                profile: Note | None) -> tuple[Help, ...]:
    """`could_help`, worked out again only when someone's needs or your offers changed."""
    needs = memo.needs.update(everyone, structure.order)
    offers = profile.fields.offers if profile is not None else None
    if memo.helped is None or memo.helped[0] != (memo.needs.version, offers):
        memo.helped = ((memo.needs.version, offers), could_help(list(needs), profile))
    return memo.helped[1]


# -- what to rank against -----------------------------------------------------------------------

def focus_of(profile: Note | None, graph: Graph) -> Focus:
    """The profile's topics (twice the weight for those its goals name), else the network's five
    most common topics."""
    labels = {t.removeprefix(PREFIX[TOPIC]): graph.nodes[t]["label"] for t in nodes_of(graph, TOPIC)}
    if profile is None:
        common = sorted(labels, key=lambda k: (-len(graph[PREFIX[TOPIC] + k]), sort_key(labels[k]),
                                               k))[:FOCUS_FALLBACK]
        return Focus({k: TOPIC_WEIGHT for k in common}, {k: labels[k] for k in common}, None)
    weights: dict[str, float] = {}
    shown: dict[str, str] = {}
    for topic in profile.fields.topics:
        weights[key(topic)] = TOPIC_WEIGHT
        shown[key(topic)] = labels.get(key(topic), topic)
    goals = " | ".join(key(goal) for goal in profile.fields.goals)
    for topic_key in sorted({*labels, *weights}):
        if goals and stands_in(goals, topic_key):
            weights[topic_key] = GOAL_WEIGHT
            shown.setdefault(topic_key, labels.get(topic_key, topic_key))
    return Focus(weights, shown, profile)


def stands_in(text: str, words: str) -> bool:
    r"""Whether `words` stand in `text` on their own, with no word character on either side: what
    `re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)` says, without compiling a pattern for
    each topic of the vault (Python's `\w` is a character `isalnum` calls one, or `_`)."""
    at = text.find(words)
    while at >= 0:
        end = at + len(words)
        if (at == 0 or not _is_word(text[at - 1])) and (end == len(text) or not _is_word(text[end])):
            return True
        at = text.find(words, at + 1)
    return False


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


# -- introductions you could make ---------------------------------------------------------------

_Candidate = tuple[str, str, tuple[str, ...], float]  # a path, b path, shared labels, rarity
# Candidates, under the key of who was left out of them (`_left_out`).
KeptCandidates = tuple[str, list[_Candidate]]
# What gives the communities the parse cache kept for a graph's structure, if it kept them.
KeptCommunities = Callable[[], "tuple[Community, ...] | None"]


def _left_out(standing: Standing) -> str:
    """The key of the people `_pair_candidates` leaves out (everyone you do not know: prospects,
    the dormant, those only written to): what the candidates depend on besides the graph's
    structure. (Read from the graph's `standing`, by person node, in C: everyone's nodes are the
    keys of their roles.)"""
    left = standing[2].keys() - standing[0]
    return hashlib.sha256("".join(f"{node}\0" for node in sorted(left))
                          .encode("utf-8", "surrogateescape")).hexdigest()


def _pair_candidates(graph: Graph, everyone: list[Person], topics: dict[str, frozenset[str]],
                     adjacency: dict[str, list[str]], rarity: dict[str, float]
                     ) -> list[_Candidate]:
    """Pairs of people you know, not connected, sharing at least two topics.

    They come from an index of topics, each topic offering only its 20 best-connected members
    (most declared ties, then name), so the work grows with topics, not with pairs of people.
    People are taken by their place in `everyone` (name order), so that sorting and pairing
    them compares numbers, and the pairs are sorted once those that share too little are out.
    """
    nodes = [person_node(p.path) for p in everyone]
    fewer_ties = [-len(adjacency[node]) for node in nodes]  # (most declared ties first)
    members: dict[str, list[int]] = defaultdict(list)
    for i, person in enumerate(everyone):
        if person.is_known:  # (not a prospect, not dormant, not only written to)
            for topic_key in topics[person.path]:
                members[topic_key].append(i)
    pairs: set[tuple[int, int]] = set()
    for pool in members.values():  # (each in name order: a stable sort keeps it among equals)
        best = sorted(pool, key=fewer_ties.__getitem__)[:PAIR_POOL]
        best.sort()
        pairs.update(itertools.combinations(best, 2))
    held = [topics[p.path] for p in everyone]
    kept = sorted((a, b, shared) for a, b in pairs
                  if len(shared := held[a] & held[b]) >= 2 and not graph.has_edge(nodes[a], nodes[b]))
    return [(everyone[a].path, everyone[b].path,
             tuple(sorted((topic_label(graph, t) for t in shared), key=name_order)),
             sum(rarity[t] for t in shared)) for a, b, shared in kept]


def pairings(candidates: list[_Candidate], graph: Graph, strength: dict[str, Tie],
             order: dict[str, int]) -> tuple[Pairing, ...]:
    """Introductions worth making, best first: score = the rarity of the shared topics times
    1 + the average tie / 100 (you can introduce people you are close to); each person in at
    most two."""
    scored = sorted(
        ((rare * (1 + (strength[a].score + strength[b].score) / 200), a, b, labels)
         for a, b, labels, rare in candidates),
        key=lambda c: (-round(c[0], 9), order[c[1]], order[c[2]]))
    chosen: list[Pairing] = []
    used: Counter[str] = Counter()
    for score, a, b, labels in scored:
        if used[a] < PAIRS_PER_PERSON and used[b] < PAIRS_PER_PERSON:
            chosen.append(Pairing(graph.nodes[person_node(a)]["person"],
                                  graph.nodes[person_node(b)]["person"], labels, score))
            used.update((a, b))
            if len(chosen) == MAX_PAIRS:
                break
    return tuple(chosen)


# -- mentors ------------------------------------------------------------------------------------

def mentors(shape: _Structure, graph: Graph, focus: Focus, strength: dict[str, Tie],
            warm: WarmPaths) -> tuple[Mentor, ...]:
    """Mentor candidates, best first.

    score = match × role × reach, where match adds, for each focus topic they share, its weight
    (2 when a goal names it, else 1) times its rarity; role is 1.5 for a mentor, 1 otherwise
    (advisees and mentees are left out); reach is 1 + tie/100 for someone you know, 1 / (introductions on
    the warm path) for a prospect with one, and 0.25 for a prospect without.
    """
    if shape.focus is None or shape.focus[0] != focus.weights:
        matches = []
        # Those who share a topic with the focus are the neighbours of its topics' nodes, each
        # with the focus topics they have (what their own topics would say: reading them took
        # 1.4 ms at 10,000 dense people, of whom 1,600 share one).
        sharing: dict[str, set[str]] = defaultdict(set)
        for t in focus.weights:
            if (topic := PREFIX[TOPIC] + t) in graph:
                for node in graph[topic]:
                    sharing[node].add(t)
        # The focus topics' rarities, and the focus topics rarest first (each one's shared
        # topics are shown in this order).
        rare = {t: rarity for t in focus.weights if (rarity := shape.rarity.of(t)) is not None}
        rarest = sorted(focus.weights, key=lambda t: (-rare.get(t, 0), t))
        for node, candidate in shape.by_node.items():
            if node not in sharing:
                continue
            # (A set, as their topics' keys gave before: the match adds its topics in its order,
            # a hash order, as the pages are the same under any hash seed.)
            shared = sharing[node] & focus.weights.keys()
            if shared and candidate.role not in NOT_MENTORS and not candidate.is_dormant:
                match = sum(focus.weights[t] * rare[t] for t in shared if t in rare)
                labels = tuple(focus.label_of(t) for t in rarest if t in shared)
                matches.append((node, match * ROLE_FACTOR.get(candidate.role or "", 1.0), labels))
        matches.sort(key=lambda m: -m[1])  # the best match first: see the stop below
        shape.focus = (dict(focus.weights), matches)
    found = []
    leading: list[float] = []  # the MENTOR_LIMIT best scores so far, rounded, the least first
    for node, match, labels in shape.focus[1]:
        # Reach is at most 2 (a tie of 100): once even that could not lift a match to the
        # scores already found, no later (lesser) match can make the list.
        if len(leading) == MENTOR_LIMIT and round(match * 2.0, 9) < leading[0]:
            break
        person: Person = graph.nodes[node]["person"]
        tie_ = strength[person.path]
        path: tuple[str, ...] = ()
        if person.is_prospect:
            best = warm.paths(node, limit=1)
            path = tuple(best[0]) if best else ()
            reach = 1 / (len(path) - 1) if path else UNREACHABLE
        else:
            reach = 1 + tie_.score / 100
        found.append(Mentor(person, match * reach, labels, tie_, path))
        heapq.heappush(leading, round(match * reach, 9))
        if len(leading) > MENTOR_LIMIT:
            heapq.heappop(leading)
    found.sort(key=lambda m: (-round(m.score, 9), sort_key(m.person.name), m.person.path))
    return tuple(found[:MENTOR_LIMIT])


# -- give and take ------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_STOPWORDS = frozenset({
    "a", "an", "and", "the", "of", "to", "for", "in", "on", "with", "my", "our", "your", "their",
    "his", "her", "its", "me", "you", "them", "us", "about", "from", "into", "at", "by", "or",
    "as", "is", "are", "be", "some", "any", "more", "help", "someone", "something", "who", "what",
    "how", "get", "getting", "first", "new", "good",
})


@functools.lru_cache(maxsize=4096)
def keywords(text: str) -> frozenset[str]:
    """The words that carry meaning in an offer or a need, singular and case-folded."""
    words = (w for w in _WORD.findall(text.casefold()) if len(w) > 2 and w not in _STOPWORDS)
    return frozenset(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
                     for w in words)


_Need = tuple[Person, str, frozenset[str]]  # whose, the need, its keywords


def needs_of(person: Person) -> list[_Need]:
    """A person's needs with their keywords (none when they are dormant)."""
    return [] if person.is_dormant else [(person, need, keywords(need))
                                         for need in person.fields.needs]


def could_help(needs: list[_Need], profile: Note | None) -> tuple[Help, ...]:
    """Needs of theirs (`needs_of` each person, in name order) that an offer of yours meets, by
    name: they share a meaningful word that is not common to the network's needs (a word in more
    than a third of them, and more than three, says nothing: in a network of data people,
    "data")."""
    if profile is None or not profile.fields.offers:
        return ()
    counts = Counter(word for _, _, words in needs for word in words)
    common = {word for word, n in counts.items() if n > max(3, len(needs) / 3)}
    offers = [(offer, keywords(offer) - common) for offer in profile.fields.offers]
    offered = frozenset().union(*(words for _, words in offers))
    found = []
    for person, need, wanted in needs:
        if wanted.isdisjoint(offered):
            continue  # (most needs: no offer shares a word with them)
        shared = [(len(words & wanted), -i, offer) for i, (offer, words) in enumerate(offers)]
        best = max(shared)
        if best[0]:
            found.append(Help(person, need, best[2]))
    return tuple(found)


# -- the field ----------------------------------------------------------------------------------

def cold_topics(graph: Graph, focus: Focus, strength: dict[str, Tie]) -> tuple[ColdTopic, ...]:
    """Focus topics where you have no warm tie: nobody, or only prospects and cold ties."""
    found = []
    for topic_key in sorted(focus.weights, key=lambda k: (-focus.weights[k], sort_key(focus.labels[k]), k)):
        node = PREFIX[TOPIC] + topic_key
        holders = [graph.nodes[n]["person"] for n in sorted(graph[node])] if node in graph else []
        if any(not p.is_prospect and strength[p.path].score >= COLD_SCORE for p in holders):
            continue
        holders.sort(key=lambda p: (-strength[p.path].score, sort_key(p.name), p.path))
        found.append(ColdTopic(focus.labels[topic_key], tuple(holders)))
    return tuple(found)

