"""Counting words, shared by the generated notes and the terminal."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 day`, `2 days`; `many` for irregular plurals (person, people)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def days(n: int) -> str:
    return plural(n, "day")
