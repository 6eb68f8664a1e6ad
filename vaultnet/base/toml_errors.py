"""The settings file's TOML errors in words: what is wrong on which line, and the line to write
instead, for the slips people make in a hand-written `.vaultnet.toml` (text without quotes, a
Windows path in double quotes, a key given twice, a table's name or a list never closed, a
list's items without commas, an apostrophe inside 'single quotes'). `tomllib` names the line and
column and says what it expected; these say it as a person would, as `yaml_loader.explain`
does for a note's frontmatter.
"""

from __future__ import annotations

import re
import tomllib
from typing import NamedTuple

_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)")
# A line `key = value`, the key bare or quoted, the value after it as written.
# (Its value's trailing spaces are taken off apart: `(.*?)\s*$` is quadratic on a run of them.)
_KEY_VALUE = re.compile(r"""\s*((?:[A-Za-z0-9_.-]+|"[^"]*"|'[^']*')(?:\s*\.\s*[A-Za-z0-9_-]+)*)"""
                        r"""\s*=[ \t]*(.*)""")
_TABLE = re.compile(r"\s*\[\[?\s*([^\]\s#]+)\s*(\]\]?)?")
# A backslash inside "double quotes": TOML reads it as an escape (`"C:\Users"`, `"Folks\"`).
_ESCAPE = re.compile(r'"[^"]*\\')
# Bare words where a value goes, in a list or an inline table: `[Templates, Archive]`,
# `{ mentor = 30d }`.
# (Greedy, and ending on no space: a lazy item, spaces tried after each of its characters, is
# quadratic on a run of them.)
_BARE_ITEM = re.compile(r"""(?<=[\[{,=])(\s*)([^\s"'\[\]{},=#](?:[^"'\[\]{},=#]*[^\s"'\[\]{},=#])?)"""
                        r"""(\s*)(?=[\]},]|$)""")
_ADJACENT = re.compile(r"""("[^"]*"|'[^']*')(\s+)(?=["'])""")


class Explained(NamedTuple):
    """A TOML error in words: its line (None: the file's end), what is wrong, and how to fix it."""

    line: int | None
    what: str
    fix: str


def explain(message: str, text: str) -> Explained:
    """`tomllib`'s `message` about the settings file's `text`, in words."""
    at = _AT.search(message)
    reason = _AT.sub("", message).strip()
    lines = text.splitlines()
    number = int(at[1]) if at and at[1] else None
    column = int(at[2]) if at and at[2] else None
    # tomllib names the line it stopped at; a string or a list left open may have begun before.
    candidates = [number] if number is not None and number <= len(lines) else \
        list(range(len(lines), 0, -1))
    for n in candidates:
        found = _explained(lines, n, reason)
        if found is not None:
            return found
    where = f" (column {column})" if column is not None else " at the end of the file"
    return Explained(number, f"{reason[:1].lower()}{reason[1:]}{where}", "fix it or delete it")


def _explained(lines: list[str], number: int, reason: str) -> Explained | None:
    line = lines[number - 1]
    shown = f"`{line.strip()}`"
    if _ESCAPE.search(line):
        return Explained(number, f"{shown} has a backslash inside \"double quotes\", which TOML "
                         "reads as an escape", "write a Windows path in single quotes "
                         "('People\\Work') or with forward slashes (\"People/Work\")")
    table = _TABLE.match(line)
    if table is not None and not _KEY_VALUE.match(line):
        if table[2] is None:
            return Explained(number, f"the table's name in {shown} is never closed",
                             f"close it with ]: [{table[1]}]")
        if reason.startswith("Cannot declare"):
            first = next((n for n in range(1, number)
                          if (other := _TABLE.match(lines[n - 1])) and other[1] == table[1]), None)
            twice = f" (first on line {first})" if first is not None else ""
            return Explained(number, f"the table [{table[1]}] is given twice{twice}",
                             "give its keys under one [" + table[1] + "]")
        return None
    pair = _KEY_VALUE.match(line)
    if pair is None:
        return None
    key, value = pair[1], pair[2].rstrip()
    if reason.startswith("Cannot overwrite") or reason.startswith("Cannot declare"):
        first = _first_given(lines, number, key)
        twice = f" (first on line {first})" if first is not None else ""
        return Explained(number, f"`{key}` is given twice{twice}", "keep one of them")
    value = value.split(" #", 1)[0].rstrip() if not value.startswith(("\"", "'")) else value
    if not value.startswith(("[", "{", "\"", "'")) and not _a_value(value):
        kind = "neither a number TOML reads nor text in quotes" if value[:1].isdigit() \
            else "text without quotes"
        return Explained(number, f"the value of `{key}` is {kind} ({shown})",
                         f"put text in quotes: {key} = \"{value}\"")
    quote = value[:1]
    if quote in ("\"", "'") and not _closed_text(value):
        return Explained(number, f"the text in {shown} is never closed with its {quote}",
                         f"close it on the same line: {key} = {value}{quote}")
    if value.startswith("'") and value.count("'") > 2 and '"' not in value:
        return Explained(number, f"an apostrophe inside 'single quotes' ends the text ({shown})",
                         f"write it in double quotes: {key} = \"{value[1:-1]}\"")
    if value.startswith(("[", "{")):
        quoted = _BARE_ITEM.sub(_quote_item, value)
        if quoted != value:
            return Explained(number, f"text in the {_kind(value)} of `{key}` is without quotes "
                             f"({shown})", f"put each in quotes: {key} = {quoted}")
        separated = _ADJACENT.sub(r"\1,\2", value)
        if separated != value:
            return Explained(number, f"the items of the list of `{key}` are not separated "
                             f"({shown})", f"put a comma between them: {key} = {separated}")
        if not _closes(value):
            return Explained(number, f"the {_kind(value)} opened in {shown} is never closed",
                             f"close it with {']' if value.startswith('[') else '}'}")
    return None


def _quote_item(match: re.Match[str]) -> str:
    item = match[2]
    if _a_value(item):
        return match[0]
    return f'{match[1]}"{item}"{match[3]}'


def _a_value(text: str) -> bool:
    """Whether `text` is a value TOML reads: a number, a date, a truth value, …"""
    try:
        tomllib.loads(f"x = {text}")
    except tomllib.TOMLDecodeError:
        return False
    return True


def _closed_text(value: str) -> bool:
    """Whether the text `value` opens with its quote is closed on its line."""
    if value[0] == "'":
        return value.count("'") >= 2
    return re.match(r'"(?:[^"\\]|\\.)*"', value) is not None


def _kind(value: str) -> str:
    return "list" if value.startswith("[") else "table"


def _closes(value: str) -> bool:
    """Whether the list or table `value` opens is closed on its line (strings looked past)."""
    depth = 0
    for piece in re.split(r"""("[^"]*"|'[^']*')""", value):
        if piece[:1] in "\"'" and piece:
            continue
        depth += piece.count("[") + piece.count("{") - piece.count("]") - piece.count("}")
    return depth <= 0


def _first_given(lines: list[str], number: int, key: str) -> int | None:
    """The line before `number` where `key` was first given, in the same table."""
    for n in range(number - 1, 0, -1):
        line = lines[n - 1]
        if _TABLE.match(line) and not _KEY_VALUE.match(line):
            return None
        pair = _KEY_VALUE.match(line)
        if pair is not None and pair[1] == key:
            return n
    return None
