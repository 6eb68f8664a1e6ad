"""Errors meant for people: each says what is wrong and how to fix it."""

from __future__ import annotations

import click


class VaultnetError(click.ClickException):
    """A problem the user can fix; the CLI prints it without a traceback and exits 1."""
