"""Errors meant for people, each saying what is wrong and how to fix it; and the one that
never reaches them, a damaged cache, which vaultnet recovers from by reading every note."""

from __future__ import annotations

from collections.abc import Sequence

import click

from vaultnet.base.text import printable


class VaultnetError(click.ClickException):
    """A problem the user can fix; the CLI prints it without a traceback and exits 1. `details`,
    if given, are shown below the message, one an indented line (several mistakes at once)."""

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        # A message may quote a note's name: it must not move the cursor or retitle the window,
        # nor break a line of its own (each detail is escaped alike, then given its own line).
        super().__init__("".join([printable(message), *(f"\n  {printable(d)}" for d in details)]))


class DamagedCache(Exception):
    """A part of vaultnet's parse cache that is read only when first needed (a note's links and
    dated lines, its relations) could not be read: a cache changed by hand, its digests and all.
    Never shown to a person: the sync, or the command, that met it reads every note again
    (`vaultnet.pipeline.sync.cached_sync`, `load_cached`)."""
