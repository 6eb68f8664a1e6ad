"""Errors meant for people: each says what is wrong and how to fix it."""

from __future__ import annotations

import click

from vaultnet.base.text import printable


class VaultnetError(click.ClickException):
    """A problem the user can fix; the CLI prints it without a traceback and exits 1."""

    def __init__(self, message: str) -> None:
        # A message may quote a note's name: it must not move the cursor or retitle the window.
        super().__init__(printable(message))
