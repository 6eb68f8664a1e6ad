"""The cycle collector around watch rounds: off while they build, and kept off what they built."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from vaultnet.pipeline.sync import gc_paused


class SetAside:
    """Keep the cycle collector off what rounds build, and collect when cycles may have been left."""

    def __init__(self) -> None:
        self._frozen = False  # objects of past rounds set aside from the cycle collector
        self._graph: object = None  # the graph of the last round

    @contextlib.contextmanager
    def building(self) -> Iterator[None]:
        """Build with the cycle collector off, then set what the round made aside from it."""
        # A round makes a few hundred thousand objects; left to the collector, they would be
        # scanned again and again as they age, some 50 ms a round on a 10,000-person vault. Frozen,
        # they cost nothing and are still freed as soon as nothing refers to them. The one kind of
        # cycle a round leaves is a networkx graph replaced by a new one (after a change to who
        # is in the vault, or their topics and ties): `built` collects then, after the round's
        # writes, and the watcher at every rescan.
        with gc_paused():
            try:
                yield
            finally:
                gc.freeze()  # before the collector is back on, or it would scan them once more
                self._frozen = True

    def built(self, graph: object) -> None:
        """Collect if this round's graph replaced the one before (call after the round's writes)."""
        if graph is not self._graph:
            # networkx graphs hold cycles (a graph and its cached views), so the one before is
            # garbage only the cycle collector can free.
            replaced, self._graph = self._graph is not None, graph
            if replaced:
                self.collect()

    def collect(self) -> None:
        """Give what past rounds set aside back to the cycle collector, and collect (idle time)."""
        if self._frozen:
            gc.unfreeze()
            gc.collect()
            self._frozen = False
