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
from collections.abc import Iterator, Mapping
from types import MappingProxyType
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
_COMMENT = re.compile(r"[ \t]#")  # a comment after a value
_WHOLE = re.compile(r"(\d+)[ \t]*([A-Za-z]+)")  # a whole number with a unit: `7d`, `14 days`
_ADJACENT = re.compile(r"""("[^"]*"|'[^']*')(\s+)(?=["'])""")


class Explained(NamedTuple):
    """A TOML error in words: its line (None: the file's end), what is wrong, and how to fix it."""

    line: int | None
    what: str
    fix: str


def explain(message: str, text: str, counts: Mapping[str, str] = MappingProxyType({})
            ) -> Explained:
    """`tomllib`'s `message` about the settings file's `text`, in words. `counts` are the keys
    whose value is a whole number, with its unit (`quiet_days`: days), which a unit written
    after it (`7d`) makes no TOML."""
    at = _AT.search(message)
    reason = _AT.sub("", message).strip()
    lines = text.splitlines()
    number = int(at[1]) if at and at[1] else None
    column = int(at[2]) if at and at[2] else None
    # tomllib names the line it stopped at; a string or a list left open may have begun before.
    candidates = [number] if number is not None and number <= len(lines) else \
        list(range(len(lines), 0, -1))
    for n in candidates:
        found = _explained(lines, n, reason, counts)
        if found is not None:
            return found
    where = f" (column {column})" if column is not None else " at the end of the file"
    return Explained(number, f"{reason[:1].lower()}{reason[1:]}{where}", "fix it or delete it")


def _explained(lines: list[str], number: int, reason: str, counts: Mapping[str, str]
               ) -> Explained | None:
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
    if not _a_value("1", key):  # (a key TOML does not read: no line to offer with it)
        return None
    if reason.startswith("Cannot overwrite") or reason.startswith("Cannot declare"):
        first = _first_given(lines, number, key)
        twice = f" (first on line {first})" if first is not None else ""
        return Explained(number, f"`{key}` is given twice{twice}", "keep one of them")
    value = _COMMENT.split(value, 1)[0].rstrip() if not value.startswith(("\"", "'")) else value
    # The first fix that gives a line TOML reads (else, none: tomllib's words are given).
    for what, how, written in _value_fixes(key, value, counts):
        if written is None or _a_value(written, key):
            return Explained(number, f"{what} ({shown})",
                             how if written is None else f"{how}: {key} = {written}")
    return None


def _value_fixes(key: str, value: str, counts: Mapping[str, str]
                 ) -> Iterator[tuple[str, str, str | None]]:
    """What may be wrong with the `value` of `key`, each as what, how to fix it, and the value
    to write instead (None: no line to offer), in order."""
    if not value.startswith(("[", "{", "\"", "'")) and not _a_value(value):
        whole = _WHOLE.fullmatch(value)
        unit = counts.get(key.rpartition(".")[2])
        if whole is not None and unit is not None:
            yield from _in_units(key, int(whole[1]), whole[2].casefold(), unit)
        kind = "neither a number TOML reads nor text in quotes" if value[:1].isdigit() \
            else "text without quotes"
        yield f"the value of `{key}` is {kind}", "put text in quotes", toml_text(value)
    quote = value[:1]
    if quote in ("\"", "'") and not _closed_text(value):
        yield (f"the text is never closed with its {quote}", "close it on the same line",
               value + quote)
    if value.startswith("'") and value.count("'") > 2 and '"' not in value:
        text, _, after = value[1:].rpartition("'")  # (up to the last quote: a comment may follow)
        if not after.strip() or after.strip().startswith("#"):
            yield ("an apostrophe inside 'single quotes' ends the text",
                   "write it in double quotes", toml_text(text, False))
    if value.startswith(("[", "{")):
        quoted = _BARE_ITEM.sub(_quote_item, value)
        if quoted != value:
            yield f"text in the {_kind(value)} of `{key}` is without quotes", "put each in quotes", \
                quoted
        separated = _ADJACENT.sub(r"\1,\2", value)
        if separated != value:
            yield (f"the items of the list of `{key}` are not separated",
                   "put a comma between them", separated)
        if not _closes(value):
            yield (f"the {_kind(value)} is never closed",
                   f"close it with {']' if value.startswith('[') else '}'}", None)


# What a unit written after a whole number multiplies it by, in the unit of its setting.
_UNITS = {"days": {"d": 1, "day": 1, "days": 1, "w": 7, "wk": 7, "wks": 7, "week": 7, "weeks": 7},
          "bytes": {"b": 1, "byte": 1, "bytes": 1}}


def _in_units(key: str, number: int, written: str, unit: str
              ) -> Iterator[tuple[str, str, str | None]]:
    """The fix of a whole number written with a unit (`7d`, `2 weeks`) for a setting counted in
    `unit`: the number in that unit, when the unit says it without a guess (a month's days or a
    megabyte's bytes would be one)."""
    times = _UNITS.get(unit, {}).get(written)
    what = f"the value of `{key}` is a number of {unit} with a unit after it"
    if times is None:
        yield what, f"write it as a whole number of {unit}", None
    else:
        yield what, f"write the number of {unit} alone", str(number * times)


def _quote_item(match: re.Match[str]) -> str:
    item = match[2]
    if _a_value(item):
        return match[0]
    return f"{match[1]}{toml_text(item)}{match[3]}"


def toml_text(value: str, single: bool = True) -> str:
    """`value` as TOML text that reads back as `value`: in double quotes; in single quotes when
    it holds a backslash or a double quote but no apostrophe (a Windows path, `Bob "the" Folks`),
    unless not `single`; else in double quotes with those escaped."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    if single and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _a_value(text: str, key: str = "x") -> bool:
    """Whether `text` is a value TOML reads (a number, a date, a truth value, …) after `key`."""
    try:
        tomllib.loads(f"{key} = {text}")
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
