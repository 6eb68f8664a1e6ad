"""What a sync worked out from the graph's structure alone, kept in the parse cache for the next
sync: the introductions' candidates (`vaultnet.insight.suggestions`), the communities (their
names and members: `vaultnet.insight.communities`), and the first page fragments, the topic
pages, Network.md's directory and Communities.md (`PagesMemo.kept`).

Each is kept under the structure of the graph it was worked out for: the digest of the structure
kept beside the cache, and the relations changed in it (`structure_of`). Only a sync whose graph
is that very structure takes them up (`Derived.take_up`); each then checks the rest of what it
depends on itself (who is left out of the candidates; the prospects, roles and output folder the
pages show; the groups Communities.md shows), and anything else found in the cache in their
place is thrown away.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Collection

from vaultnet.base.model import all_of_type
from vaultnet.insight.communities import Community, from_plain_communities, plain_communities
from vaultnet.insight.suggestions import InsightMemo, KeptCandidates
from vaultnet.pipeline.cache import ParseCache, Stored
from vaultnet.render.pages import KeptPages, PagesMemo

Structure = tuple[str, list[list[str]]]  # see `structure_of`


def structure_of(kept_graph: str, retied: Collection[tuple[str, str, str]]) -> Structure:
    """The structure of a sync's graph, in plain values: the digest of the structure kept beside
    the cache, and the relations changed in it, in order."""
    return kept_graph, sorted(list(relation) for relation in retied)


class Derived:
    """One sync's side of it: what the cache kept, what was read of it, and what this sync worked
    out for the cache."""

    def __init__(self) -> None:
        # As the cache kept them: the candidates under their structure; the pages' structure,
        # the digest of their file and what reads it.
        self.candidates: tuple[object, KeptCandidates] | None = None
        self.pages: tuple[object, str, Callable[[], object]] | None = None
        # The pages' file as read for this sync's graph (their digest, what it holds), once read
        # (when the communities or the pages are first asked for); and as offered.
        self.read: tuple[str, Kept] | None = None
        self.offered: tuple[str, Kept] | None = None
        # The pages this sync rendered, as what gives them when the cache is saved.
        self.rendered: Callable[[], KeptPages] | None = None
        self.communities: tuple[Community, ...] | None = None  # those this sync's insight found

    def prime(self, stored: Stored) -> None:
        """Start from what the cache `stored` kept (see `vaultnet.pipeline.cache.State`)."""
        self.candidates = _candidates_from(stored.state.candidates)
        pages = stored.kept_pages()
        if pages is not None:
            self.pages = pages[0], pages[1], functools.partial(stored.pages, pages[1])

    def take_up(self, structure: Structure | None, insight: InsightMemo) -> None:
        """Given the structure of this sync's graph (None: not the one kept beside the cache),
        hand the candidates and the communities kept for it to the insight, and keep the pages
        kept for it to offer (`offer_pages`); forget the others."""
        candidates, pages, self.candidates, self.pages = self.candidates, self.pages, None, None
        if structure is None:
            return
        if candidates is not None and candidates[0] == structure:
            insight.kept_candidates = candidates[1]
        if pages is not None and pages[0] == structure:
            self.pages = pages
            insight.kept_communities = self._communities

    def offer_pages(self, memo: PagesMemo) -> None:
        """Offer the pages kept for this sync's graph (`take_up`) to the pages' memo, which
        takes them if they show the same prospects, roles and output folder."""
        read = self._read()
        if read is not None:
            self.offered = read
            if read[1][0] is not None:
                memo.offer(read[1][0])

    def _communities(self) -> tuple[Community, ...] | None:
        """The communities kept for this sync's graph (`take_up`), if the file holds them."""
        read = self._read()
        return read[1][1] if read is not None else None

    def _read(self) -> tuple[str, Kept] | None:
        """The pages' file kept for this sync's graph (`take_up`), read once."""
        pages, self.pages = self.pages, None
        if pages is not None:
            kept = _kept_from(pages[2]())
            self.read = (pages[1], kept) if kept is not None else None
        return self.read

    def kept(self, structure: Structure, cache: ParseCache,
             candidates: KeptCandidates | None) -> tuple[object, object]:
        """What the cache keeps of what this sync worked out (`State.candidates`,
        `State.pages`): the pages' file (the pages and the communities) written again only when
        it does not hold what the file this sync started from holds. None for each when the
        graph's structure was not kept."""
        if not structure[0]:
            return None, None
        rendered = self.rendered() if self.rendered is not None else None
        digest, communities, offered = "", self.communities, self.offered
        if rendered is not None or communities is not None:
            digest = offered[0] if offered is not None and offered[1] == (rendered, communities) \
                else cache.keep_pages((rendered, None if communities is None
                                       else plain_communities(communities)))
        return ((structure, *candidates) if candidates is not None else None,
                (structure, digest) if digest else None)


# What the pages' file holds, read back: the pages (`PagesMemo.kept`) and the communities the
# insight found for the graph's structure (kept by name and members: `plain_communities`); each
# None when the sync that wrote it kept none.
Kept = tuple[KeptPages | None, tuple[Community, ...] | None]


def _kept_from(kept: object) -> Kept | None:
    """What the pages' file holds, read back; None for anything else (a part that is not what
    a sync keeps there is None)."""
    if not (isinstance(kept, tuple) and len(kept) == 2):
        return None
    return _pages_from(kept[0]), from_plain_communities(kept[1])


def _pages_from(kept: object) -> KeptPages | None:
    """`PagesMemo.kept` read back from the cache; None for anything else."""
    if not (isinstance(kept, tuple) and len(kept) == 7 and isinstance(kept[0], str)
            and isinstance(kept[1], dict) and (kept[2] is None or isinstance(kept[2], list))
            and (kept[4] is None or isinstance(kept[4], dict))):
        return None
    key, topics, directory, communities, lines, problems, canvas = kept
    # (Each column of strings looked over in C: at 10,000 dense people, with the directory's
    # 10,350 lines and the agenda's 5,000 of 4,000 people, this check took 2.85 ms, 1.45 so.)
    if not (all_of_type(topics.keys(), str) and all_of_type(topics.values(), str)
            and (directory is None or all_of_type(directory, str))
            and (lines is None or (all_of_type(lines.keys(), str)
                                   and all_of_type(lines.values(), tuple)
                                   and all_of_type(itertools.chain.from_iterable(lines.values()),
                                                   str)))):
        return None
    # Communities.md: its key (the groups in plain values, and Network.md's link), its lines.
    block = communities is not None and isinstance(communities, tuple) and len(communities) == 2 \
        and isinstance(communities[0], tuple) and len(communities[0]) == 2 \
        and from_plain_communities(communities[0][0]) is not None \
        and isinstance(communities[0][1], str) and isinstance(communities[1], list) \
        and all_of_type(communities[1], str)
    # Network.canvas: the key of what it was drawn from (compared with what a sync draws it
    # from: anything else is no key of it), and its text.
    drawn = isinstance(canvas, tuple) and len(canvas) == 2 and isinstance(canvas[0], tuple) \
        and type(canvas[1]) is str
    return key, topics, directory, communities if block else None, lines, \
        problems if _are_problems(problems) else None, canvas if drawn else None


def _are_problems(kept: object) -> bool:
    """Whether `kept` is Network.md's block of problems as the cache keeps it (`KeptProblems`)."""
    return isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], list) \
        and isinstance(kept[1], list) and all_of_type(kept[1], str) and all(
            type(shown) is tuple and len(shown) == 3 and type(shown[0]) is str
            and (shown[1] is None or type(shown[1]) is int) and type(shown[2]) is str
            for shown in kept[0])


def _candidates_from(kept: object) -> tuple[object, KeptCandidates] | None:
    """What `Derived.kept` gives of the candidates, read back; None for anything else."""
    if not (isinstance(kept, tuple) and len(kept) == 3 and isinstance(kept[1], str)
            and isinstance(kept[2], list)):
        return None
    structure, key, candidates = kept
    if not all(isinstance(c, tuple) and len(c) == 4 and isinstance(c[0], str)
               and isinstance(c[1], str) and isinstance(c[2], tuple)
               and all(isinstance(t, str) for t in c[2]) and isinstance(c[3], float)
               for c in candidates):
        return None
    return structure, (key, candidates)
