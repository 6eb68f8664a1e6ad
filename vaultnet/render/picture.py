"""Who the pictures of the network show, and where: you at the centre, the people closest to you
and the bridges between groups around you, each placed near the people they are tied to.

Both pictures (Network.canvas and the Mermaid diagram on Network.md) are drawn from a `Picture`:

- *choosing*: grown outward from you, like a spanning tree, so that every person shown is tied to
  you (a logged interaction) or to someone already shown; the bridges come first, then the
  strongest ties, then the best-connected people. At most `limit` people: a bigger picture is a
  hairball, and the rest are a click away (Network.md lists everyone).
- *placing* (the canvas only): people in order around you, group by group (a community's people
  side by side, each after someone they are tied to), nearer the centre the stronger your tie;
  a card moves outward, or a little aside, to the nearest place where it overlaps no card and
  the fewest lines run through cards, or beside someone it is tied to when its own place has
  lines through cards (in a small picture, its place can be across it from them); a bounded
  search, whatever the vault's size (about 20 ms; 100 ms for 40 people all tied to each other).
  Integer coordinates from the graph alone: the same vault gives the same bytes.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from vaultnet.base.model import Note
from vaultnet.base.text import sort_key
from vaultnet.insight.communities import Community
from vaultnet.insight.suggestions import Insight
from vaultnet.insight.ties import Scores, Tie
from vaultnet.network.graph import PERSON, PREFIX, Graph, edge_words, person_node
from vaultnet.network.index import Relations

PLAIN_KINDS = frozenset({"knows", "mentions"})  # ties without a type: drawn, never labelled
TYPED_EXTRA = 2  # typed ties (spouse, colleagues) drawn per person beyond the plain allowance

CARD_W, CARD_H = 240, 60  # a person's card
ME_W, ME_H = 280, 80  # yours
MARGIN = 30  # the least room between two cards
INNER, RUNG = 440, 30  # the strongest tie sits INNER from the centre, each weaker one RUNG further
WIDE, FLAT = 1.3, 0.8  # the circle drawn as an ellipse as wide as the cards: they crowd less
STEP = 60  # how far a card moves outward when its place is taken
BESIDE = math.radians(30)  # round from a card, far enough that a line from you passes it
AWAY = 4  # places tried away from a card's own, by the cards it is tied to: bounds the time
TRIES = 6  # steps outward to look for a place where fewer lines cross cards
TURNS = tuple(math.radians(d * sign) for d in range(0, 13, 4) for sign in ((1, -1) if d else (1,)))
# (True of a vault with nothing logged and of one whose contacts are all long ago.)
NOBODY_TIED = ("Nobody is tied to you now: a tie comes from the meetings and calls logged in "
               "people's notes, and fades by half every 90 days.")
Box = tuple[int, int, int, int]  # x, y (top left), width, height
Line = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Sources:
    """What a picture is drawn from: the graph, your tie to each person, the bridges, the groups
    and your profile note."""

    graph: Graph
    scores: Mapping[str, int]  # person node: your tie's score, above 0 only
    bridges: tuple[str, ...]  # person nodes, the most between first
    communities: tuple[Community, ...]
    profile: Note | None
    # How many people each person node is tied to, as `choose` finds them (`of` takes them from
    # the insight's ties between people: else a kept graph unpacks the neighbours of each
    # person it ranks, some 1,500 at 10,000 dense people), counted once for both pictures.
    tied_counts: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    # The relations the notes declare (`VaultIndex.merged`): which way a typed tie reads
    # (`one_way`); none, and no tie is drawn one way.
    relations: Relations | None = field(default=None, compare=False, repr=False)

    @functools.cached_property
    def people_total(self) -> int:
        """How many people the graph has (counted once for both pictures, in C)."""
        return sum(map(operator.methodcaller("startswith", PREFIX[PERSON]), self.graph))

    @classmethod
    def of(cls, graph: Graph, insight: Insight, memo: PictureMemo | None = None,
           relations: Relations | None = None) -> Sources:
        """What the pictures of `insight` are drawn from; with a `memo`, the scores are worked
        out again only for the ties that changed. (`relations`: see `one_way`.)"""
        memo = memo if memo is not None else PictureMemo()
        tied = insight.tied
        return cls(graph, memo.scores_of(insight.ties, insight.warm.scores),
                   tuple(person_node(b.person.path) for b in insight.bridges),
                   insight.communities, insight.focus.profile,
                   dict(zip(tied.nodes, map(len, tied.adjacency), strict=True)), relations)

    def one_way(self, a: str, b: str) -> str | None:
        """Of the person nodes `a` and `b`, the one whose note alone declares each typed tie
        between them (`met_via`, `manager`: the field is theirs, the other is the one it names),
        so that a picture draws the tie their way round; None when both notes declare one (a
        spouse each), or the tie is plain."""
        kinds = [kind for kind in self.graph[a][b]["kinds"] if kind not in PLAIN_KINDS]
        if not kinds or self.relations is None:
            return None
        declares = self.relations.declares
        paths = self.graph.nodes[a]["person"].path, self.graph.nodes[b]["person"].path
        sides = {(declares((kind, *paths)), declares((kind, *reversed(paths)))) for kind in kinds}
        return a if sides == {(True, False)} else b if sides == {(False, True)} else None

    @classmethod
    def of_graph(cls, graph: Graph, communities: tuple[Community, ...]) -> Sources:
        """The graph alone, without ties or a profile: the best-connected people are shown."""
        return cls(graph, {}, (), communities, None)


@dataclass(frozen=True)
class Picture:
    """The people shown, in order around you, and the lines between them."""

    people: tuple[str, ...]  # person nodes, clockwise from the top, group by group
    spokes: frozenset[str]  # those tied to you: a line from you to each
    bridges: frozenset[str]  # those shown who are bridges between groups
    ties: tuple[tuple[str, str, str], ...]  # (a, b, label or "") between people shown
    group: Mapping[str, int]  # person node: its community's number (0 the largest), if any
    scores: Mapping[str, int]
    total: int  # people in the vault

    @property
    def hidden(self) -> int:
        return self.total - len(self.people)

    def chosen(self) -> str:
        """Who the people shown are, in words, from how they were chosen: a tie to you of any
        strength (not only a strong one), being a bridge, or, when nobody is tied to you, being
        the best-connected."""
        who = "the people closest to you" if self.spokes else "the best-connected people"
        return who + (" and the bridges between groups" if self.bridges else "")


def typed_words(kinds: Iterable[str]) -> str:
    """The words of an edge's typed relations (`spouse`, `met via`); "" for a plain tie."""
    return edge_words(tuple(k for k in kinds if k not in PLAIN_KINDS))


class PictureMemo:
    """The pictures of the build before (watch mode), kept while the graph is the same object and
    edition (see `PagesMemo.fit`).

    A round changes the ties of a person or two. A picture is drawn again only when one of them
    could change it: someone whose score its drawing read (the people shown, those ranked to be
    shown, the strongest), or who is now strong enough to be among the first chosen.
    """

    def __init__(self) -> None:
        self._scores = Scores()
        self.drawings = 0  # pictures drawn (a picture kept is not drawn again)
        # (limit, ties each): what the picture was drawn from, the nodes whose score it read
        # (None: everyone's), the first chosen's weakest key, and the picture.
        self.pictures: dict[tuple[int, int], tuple[tuple[object, ...], set[str] | None,
                                                   tuple[bool, int] | None, Picture]] = {}
        # A page drawn from a picture, by name (`CANVAS`): under the key of what it was drawn
        # from (see `text`), and the text, which a sync after this one may start from
        # (`vaultnet.render.context.PagesMemo.kept`).
        self.texts: dict[str, tuple[object, str]] = {}

    def scores_of(self, ties: Mapping[str, Tie], known: dict[str, int] | None = None
                  ) -> dict[str, int]:
        """Your tie's score to each person (by node, above 0 only), worked out again only for
        people whose tie is a new object (the insight keeps an unchanged person's tie); `known`
        are those of `ties`, if the insight worked them out (its warm paths' scores)."""
        return self._scores.update(ties, known)

    def choose(self, sources: Sources, limit: int, ties_each: int) -> Picture:
        """`choose`, or the picture it gave in the round before when no changed score can change
        it (see the class)."""
        inputs = (sources.graph, sources.bridges, sources.communities)
        known = self.pictures.get((limit, ties_each))
        if known is not None and known[0] == inputs and known[3].scores is sources.scores:
            return known[3]  # asked for again in the same round (Network.md counts the canvas's)
        if known is not None and known[0] == inputs and known[3].scores is self._scores.before \
                and sources.scores is self._scores.scores and self._holds(known, sources):
            picture = replace(known[3], scores=sources.scores)
        else:
            read: set[str] = set()
            picture = choose(sources, limit, ties_each, read)
            cut = _cut(sources.scores, set(sources.bridges), limit)
            known = (inputs, None if "" in read else read, cut, picture)
            self.drawings += 1
        self.pictures[limit, ties_each] = (*known[:3], picture)
        return picture

    def text(self, page: str, key: object, render: Callable[[], str]) -> str:
        """A page drawn from a picture, rendered again only when `key` changes: what it was
        drawn from, in plain values (see `drawn_from`), so that the text a sync before kept
        (put back in `texts`) serves while they are the same."""
        known = self.texts.get(page)
        if known is None or known[0] != key:
            known = self.texts[page] = (key, render())
        return known[1]

    def _holds(self, known: tuple[tuple[object, ...], set[str] | None, tuple[bool, int] | None,
                                  Picture], sources: Sources) -> bool:
        _, read, cut, _ = known
        changed = self._scores.changed
        if read is None or changed is None:
            return False
        bridges = set(sources.bridges)
        for node in changed:
            score = sources.scores.get(node, 0)
            if node in read or (score > 0 and (cut is None or (node not in bridges, -score) <= cut)):
                return False
        return True


def drawn_from(picture: Picture) -> tuple[object, ...]:
    """Everything of `picture` a page drawn from it may show, in plain values: who, in which
    order, tied to you or a bridge, the lines between them, their groups, your tie's score to
    each (how near you each card sits) and how many people there are in all."""
    return (picture.people, tuple(sorted(picture.spokes)), tuple(sorted(picture.bridges)),
            picture.ties, tuple(sorted(picture.group.items())),
            tuple(picture.scores.get(node, 0) for node in picture.people), picture.total)


def _cut(scores: Mapping[str, int], bridges: set[str], limit: int) -> tuple[bool, int] | None:
    """The key of the weakest of the first people `choose` ranks (see `_best`), or None when it
    ranks everyone with a score: the `limit`-th strongest bridge, or past the bridges, the
    strongest of the others. Found among the scores as plain numbers, the bridges' taken out of
    the strongest (0.15 ms at 10,000 people, where a key made for each person took 0.8).
    `limit` is at least 1."""
    assert limit > 0  # (else `strong[limit - 1]` would be the weakest bridge)
    if len(scores) <= limit:
        return None
    strong = sorted((scores[n] for n in bridges if n in scores), reverse=True)
    if len(strong) >= limit:
        return False, -strong[limit - 1]
    # The strongest scores of all, less the bridges' among them, are the others' strongest: a
    # score is a number, and which of two equal ones is taken out does not matter.
    strongest = heapq.nlargest(limit, scores.values())
    for score in strong:
        if score in strongest:
            strongest.remove(score)
    return True, -strongest[limit - len(strong) - 1]


def choose(sources: Sources, limit: int, ties_each: int, read: set[str] | None = None) -> Picture:
    """The people to show (see the module's docstring), in their order around you, and the
    lines between them (see `_lines`). `read` collects the nodes whose score was read ("" when
    everyone's was)."""
    graph, scores = sources.graph, sources.scores
    prefix = PREFIX[PERSON]
    bridges = set(sources.bridges)
    read = read if read is not None else set()

    def tied(node: str) -> list[str]:  # (`graph[node]`: a kept graph unpacks the nodes read)
        return [o for o in graph[node] if o.startswith(prefix)]

    counts = sources.tied_counts

    def rank(node: str) -> tuple[bool, int, int, str, str]:
        person = graph.nodes[node]["person"]
        read.add(node)
        count = counts.get(node)
        if count is None:
            count = counts[node] = len(tied(node))
        return (node not in bridges, -scores.get(node, 0), -count, sort_key(person.name), node)

    frontier = [rank(n) for n in _best(scores, bridges, limit)]
    heapq.heapify(frontier)
    shown: dict[str, None] = {}
    seeds: list[tuple[bool, int, int, str, str]] | None = None
    while len(shown) < limit:
        if not frontier:
            # Nobody left who is tied to you or to someone shown: start from the best-connected
            # person not shown, if their tie can be shown with them.
            if seeds is None:
                seeds = sorted(rank(n) for n in graph if n.startswith(prefix) and tied(n))
                read.add("")  # everyone's
            seeds = [s for s in seeds if s[-1] not in shown]
            if not seeds or len(shown) + 2 > limit:
                break
            frontier.append(seeds.pop(0))
        node = heapq.heappop(frontier)[-1]
        if node in shown:
            continue
        shown[node] = None
        for other in tied(node):
            if other not in shown:
                heapq.heappush(frontier, rank(other))
    group = {n: i for i, c in enumerate(sources.communities) for n in c.members if n in shown}
    people = _around(graph, list(shown), group, scores)
    return Picture(tuple(people), frozenset(n for n in people if n in scores),
                   frozenset(n for n in people if n in bridges),
                   _lines(graph, people, scores, ties_each, _ways_in(graph, shown, scores)),
                   group, scores, sources.people_total)


def _ways_in(graph: Graph, shown: dict[str, None], scores: Mapping[str, int]
             ) -> set[tuple[str, str]]:
    """For each person shown who is not tied to you, their tie to the first person shown before
    them: the line that connects them to the picture."""
    order = {n: i for i, n in enumerate(shown)}
    ways = set()
    for node, i in order.items():
        if node not in scores:
            before = [o for o in graph[node] if order.get(o, i) < i]
            if before:
                first = min(before, key=order.__getitem__)
                ways.add((min(node, first), max(node, first)))
    return ways


def _best(scores: Mapping[str, int], bridges: set[str], limit: int) -> list[str]:
    """The people tied to you who could be among the first `limit` chosen: those at least as
    strong as the `limit`-th (bridges first: see `_cut`). The rest never are, so their rank is
    not needed (in a vault of 10,000 people, working it out would be most of the picture's
    time)."""
    cut = _cut(scores, bridges, limit)
    if cut is None:
        return list(scores)
    others, weakest = cut[0], -cut[1]
    if not others:  # (bridges alone, as strong as the weakest of them)
        return [n for n, score in scores.items() if score >= weakest and n in bridges]
    return [n for n, score in scores.items() if score >= weakest or n in bridges]


def _lines(graph: Graph, people: list[str], scores: Mapping[str, int], ties_each: int,
           ways_in: set[tuple[str, str]]) -> tuple[tuple[str, str, str], ...]:
    """The ties to draw between the people shown: each person's nearest typed ones first (up to
    `ties_each` and `TYPED_EXTRA` more), then plain ones to the people placed nearest them around
    you, the stronger first, up to `ties_each` in all, unless they are far around (a line across
    the picture runs through it). More would be a hairball (a team who all name each other
    `colleagues` would be a line between every two); the notes hold the rest. The `ways_in` are
    drawn however long."""
    index = {n: i for i, n in enumerate(people)}

    def apart(a: str, b: str) -> int:
        """How many places apart around you: the nearest ties make the shortest lines."""
        gap = abs(index[a] - index[b])
        return min(gap, len(people) - gap)

    reach = max(3, len(people) // 6)
    words: dict[tuple[str, str], str] = {}
    drawn = set(ways_in)  # however long: without it, someone would float alone
    for a in people:
        others = sorted((b for b in graph[a] if b in index),
                        key=lambda b: (apart(a, b), -scores.get(b, 0), index[b]))
        for b in others:
            words[min(a, b), max(a, b)] = typed_words(graph[a][b]["kinds"])
        typed = [b for b in others if words[min(a, b), max(a, b)]][:ties_each + TYPED_EXTRA]
        room = min(ties_each, ties_each + TYPED_EXTRA - len(typed))
        plain = [b for b in others if not words[min(a, b), max(a, b)]][:room]
        drawn.update((min(a, b), max(a, b)) for b in typed)
        drawn.update((min(a, b), max(a, b)) for b in plain if apart(a, b) <= reach)
    ordered = sorted(((a, b) if index[a] < index[b] else (b, a) for a, b in drawn),
                     key=lambda t: (index[t[0]], index[t[1]]))
    return tuple((a, b, words[min(a, b), max(a, b)]) for a, b in ordered)


def _around(graph: Graph, shown: list[str], group: Mapping[str, int],
            scores: Mapping[str, int]) -> list[str]:
    """Order people around the centre: group by group, the largest first; within a group from
    the strongest tie outward along the ties, so that tied people sit side by side."""
    def strength(node: str) -> tuple[int, str, str]:
        return (-scores.get(node, 0), sort_key(graph.nodes[node]["person"].name), node)

    no_group = len(graph)
    by_group: dict[int, list[str]] = {}
    for node in shown:
        by_group.setdefault(group.get(node, no_group), []).append(node)
    order: list[str] = []
    for number in sorted(by_group):
        members = sorted(by_group[number], key=strength)
        inside, seen = set(members), set()
        for start in members:
            if start in seen:
                continue
            seen.add(start)
            walk = [start]
            for node in walk:  # breadth first: `walk` grows while it is read
                for other in sorted((o for o in graph[node] if o in inside and o not in seen),
                                    key=strength):
                    seen.add(other)
                    walk.append(other)
            order += walk
    return order


# -- placing, for the canvas -------------------------------------------------------------------

def me_box() -> Box:
    return (-ME_W // 2, -ME_H // 2, ME_W, ME_H)


def place(picture: Picture) -> dict[str, Box]:
    """Each person's card (see the module's docstring); yours is `me_box()`."""
    slots, slot_of = _slots(picture)
    wanted = _distances(picture)
    tied: dict[str, list[str]] = {n: [] for n in picture.people}
    for a, b, _ in picture.ties:
        tied[a].append(b)
        tied[b].append(a)
    me = me_box()
    boxes: dict[str, Box] = {}
    lines: list[Line] = []
    for node in sorted(picture.people, key=lambda n: (wanted[n], slot_of[n])):
        angle = 2 * math.pi * slot_of[node] / slots - math.pi / 2
        ends = ([me] if node in picture.spokes else []) + [boxes[o] for o in tied[node] if o in boxes]
        placed = [me, *boxes.values()]
        box = _best_place(_turns(angle, ends, node in picture.spokes), wanted[node], ends, placed,
                          lines)
        boxes[node] = box
        lines += [_line(end, box) for end in ends]
    return {n: boxes[n] for n in picture.people}


def _turns(angle: float, ends: list[Box], spoke: bool) -> list[float]:
    """Where round you to try a card tied to the cards `ends`, in order. Someone tied to you:
    their own place `angle`, then beside the people of `ends`, the nearest round first. Someone
    tied in only through people shown: beyond those, then their own place. In a small picture
    their own place can be across it from the people they are tied to, the line through you."""
    def around(box: Box) -> float:
        return math.atan2((box[1] + box[3] / 2) / FLAT, (box[0] + box[2] / 2) / WIDE)

    others = [around(end) for end in ends if end != me_box()]
    if spoke:
        others = [a + side for a in others for side in (BESIDE, -BESIDE)]
    others = sorted(others, key=lambda a: abs(math.remainder(a - angle, math.tau)))[:AWAY]
    return [angle, *others] if spoke else [*others, angle]


def _best_place(turns: list[float], distance: int, ends: list[Box], placed: list[Box],
                lines: list[Line]) -> Box:
    """The first of the places `_free_place` finds at `turns` where no line runs through a card,
    else the one where the fewest do."""
    most = len(lines) + len(ends) * len(placed) + 1
    best: tuple[int, Box] | None = None
    for turn in turns:
        box = _free_place(turn, distance, ends, placed, lines)
        crossings = _crossings(box, ends, placed, lines, most)
        if best is None or crossings < best[0]:
            best = (crossings, box)
        if crossings == 0:
            break
    assert best is not None, "a card has at least its own place to go"
    return best[1]


def _slots(picture: Picture) -> tuple[int, dict[str, int]]:
    """One place around the circle per person, with an empty one between two groups."""
    slot_of: dict[str, int] = {}
    slot, last = 0, None
    for node in picture.people:
        number = picture.group.get(node, -1)
        if last is not None and number != last:
            slot += 1
        slot_of[node], last = slot, number
        slot += 1
    gap = 1 if len(set(picture.group.get(n, -1) for n in picture.people)) > 1 else 0
    return max(slot + gap, 1), slot_of


def _distances(picture: Picture) -> dict[str, int]:
    """How far from you each card sits, before moving out of the way: the stronger your tie, the
    nearer, one `RUNG` further out per person stronger than them; beyond everyone tied to you
    when only someone shown ties them in (a card further out crowds its neighbours less)."""
    strongest = sorted(picture.spokes, key=lambda n: (-picture.scores[n], picture.people.index(n)))
    far = {n: INNER + rank * RUNG for rank, n in enumerate(strongest)}
    beyond = INNER + len(strongest) * RUNG + 2 * STEP
    return {n: far.get(n, beyond) for n in picture.people}


def _free_place(angle: float, distance: int, ends: list[Box], placed: list[Box],
                lines: list[Line]) -> Box:
    """The nearest place at `angle` (or a little aside) and `distance` or further out where the
    card overlaps no other and lines run through the fewest cards: those drawn so far through
    it, and its own (to the cards `ends`) through others. The search goes `TRIES` steps out;
    past them, the first place where it overlaps no card."""
    best: tuple[int, Box] | None = None
    for step in itertools.count():
        far = distance + step * STEP
        for turn in TURNS:
            a = angle + turn
            box = (round(WIDE * far * math.cos(a) - CARD_W / 2),
                   round(FLAT * far * math.sin(a) - CARD_H / 2), CARD_W, CARD_H)
            if any(_overlap(box, other) for other in placed):
                continue
            if step >= TRIES:
                return box
            limit = best[0] if best is not None else len(lines) + len(ends) * len(placed) + 1
            crossings = _crossings(box, ends, placed, lines, limit)
            if crossings == 0:
                return box
            if crossings < limit:
                best = (crossings, box)
        if step == TRIES - 1 and best is not None:
            return best[1]
    raise AssertionError("unreachable: far enough out, no card is in the way")


def _crossings(box: Box, ends: list[Box], placed: list[Box], lines: list[Line],
               limit: int) -> int:
    """How many times lines would run through cards with `box` placed, counted up to `limit`."""
    count = 0
    for line in lines:
        count += _crosses(line, box)
        if count >= limit:
            return count
    for end in ends:
        own = _line(end, box)
        for other in placed:
            if other is not end and _crosses(own, other):
                count += 1
                if count >= limit:
                    return count
    return count


def _overlap(a: Box, b: Box) -> bool:
    return (a[0] < b[0] + b[2] + MARGIN and b[0] < a[0] + a[2] + MARGIN
            and a[1] < b[1] + b[3] + MARGIN and b[1] < a[1] + a[3] + MARGIN)


def side(box: Box, towards: Box) -> str:
    """The side of `box` that faces `towards`: where a line between the two leaves it."""
    dx = (towards[0] + towards[2] / 2) - (box[0] + box[2] / 2)
    dy = (towards[1] + towards[3] / 2) - (box[1] + box[3] / 2)
    if abs(dx) * box[3] >= abs(dy) * box[2]:
        return "right" if dx > 0 else "left"
    return "bottom" if dy > 0 else "top"


def anchor(box: Box, where: str) -> tuple[float, float]:
    """The middle of one side of `box`, where a canvas line ends."""
    x, y, w, h = box
    return {"top": (x + w / 2, y), "bottom": (x + w / 2, y + h),
            "left": (x, y + h / 2), "right": (x + w, y + h / 2)}[where]


def _line(a: Box, b: Box) -> Line:
    """The line between two cards, side to side as the canvas draws it."""
    return anchor(a, side(a, b)), anchor(b, side(b, a))


def crosses(a: Box, b: Box, box: Box) -> bool:
    """Whether the line between cards `a` and `b` runs through `box`."""
    return _crosses(_line(a, b), box)


def _crosses(line: Line, box: Box) -> bool:
    """Whether a line runs through a card (Liang-Barsky clipping, a few pixels inside)."""
    (x0, y0), (x1, y1) = line
    inset = 4
    left, top = box[0] + inset, box[1] + inset
    right, bottom = box[0] + box[2] - inset, box[1] + box[3] - inset
    if max(x0, x1) < left or min(x0, x1) > right or max(y0, y1) < top or min(y0, y1) > bottom:
        return False  # most lines pass far from most cards
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


CANVAS_LIMIT = 40  # people Network.canvas shows: more is a hairball on a screen
TIES_EACH = 2  # plain ties it draws per person, to the people you are closest to
CANVAS = "canvas"  # Network.canvas, as `PictureMemo.text` keeps it


def canvas_picture(sources: Sources, memo: PictureMemo | None = None) -> Picture:
    """Who Network.canvas shows (and Network.md says how many: here, where both pages read it,
    so that no page asks another)."""
    return choose(sources, CANVAS_LIMIT, TIES_EACH) if memo is None else \
        memo.choose(sources, CANVAS_LIMIT, TIES_EACH)
