"""The frontmatter most notes have, read without the YAML parser, to the same values.

Most notes' frontmatter is a few `key: value` lines whose values are words, quoted text or flat
lists (`[a, b]`, or `- a` lines below the key). For that shape alone, `SimpleYaml.read` gives what
the YAML loader gives, several times faster; for anything else (comments, nesting, escapes,
anchors, tabs, a character it does not vouch for) it gives None, and the caller loads the YAML.
The shapes are kept narrow on purpose: tests/test_parse_speed.py holds every one of them to the
loader's own result.

Plain words are typed by the loader's own resolvers, so that `true` is a boolean, `12` a number
and `null` nothing exactly when the loader would have them so: `YAML_1_2`, the resolvers the
loader (`vaultnet.parse.yaml_loader`) keeps of PyYAML's safe loader and those it adds, written
out here so that simple frontmatter is read without importing PyYAML (tests/test_parse_speed.py
holds them to the loader's).
"""

from __future__ import annotations

import functools
import re
from typing import Any

Resolvers = dict[Any, list[tuple[str, re.Pattern[str]]]]
Implicit = tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]  # (tag, pattern, first characters)

# YAML 1.2's booleans, integers and floats, as Obsidian reads them: the loader adds these in place
# of YAML 1.1's (`vaultnet.parse.yaml_loader.Loader`).
YAML_1_2_ADDED: Implicit = (
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), tuple("tTfF")),
    ("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), tuple("-+0123456789")),
    ("tag:yaml.org,2002:float",
     re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
     tuple("-+0123456789.")),
)
# The resolvers of PyYAML's safe loader that the loader keeps (null, `=`, the indicators), in
# PyYAML's words.
_KEPT: Implicit = (
    ("tag:yaml.org,2002:null", re.compile(r"""^(?: ~
                    |null|Null|NULL
                    | )$""", re.X), ("~", "n", "N", "")),
    ("tag:yaml.org,2002:value", re.compile(r"^(?:=)$"), ("=",)),
    ("tag:yaml.org,2002:yaml", re.compile(r"^(?:!|&|\*)$"), tuple("!&*")),
)


def resolvers(implicit: Implicit) -> Resolvers:
    """Resolvers by the first character of a scalar, each in the order given, as PyYAML keeps
    them (`add_implicit_resolver`)."""
    table: Resolvers = {}
    for tag, pattern, first in implicit:
        for character in first:
            table.setdefault(character, []).append((tag, pattern))
    return table


YAML_1_2 = resolvers(_KEPT + YAML_1_2_ADDED)

# A top-level key (no quotes, no spaces; libyaml allows a key of at most 1024 characters) and
# what follows its colon (its trailing spaces, which are no part of it, taken off after: a lazy
# value before them would try each of a long run of spaces against the rest of the run).
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]{0,99}):(?: +(.*))?")
# An item of a list written one per line, `  - value`: its indent, and its value (likewise).
_ITEM_LINE = re.compile(r"( *)- +(.*)")
# A plain (unquoted) word or phrase. No character that means something to YAML anywhere in it
# (`:`, `#`, brackets, braces, quotes, `&`, `*`, `!`, `|`, `>`, `%`, `~`, backquote, backslash);
# it starts with a letter, a digit, any other (printable) character beyond ASCII, or a `-` that
# is not a list's dash. (A comma, which ends an item of `[a, b]`, is never in an item: the
# list is split at its commas.)
_PLAIN = re.compile(r"(?:[A-Za-z0-9]|[^\x00-\x7f]|-(?=[A-Za-z0-9\-]))"
                    r"(?:[A-Za-z0-9 ._/()+@,'\-]|[^\x00-\x7f])*")
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*)"')  # no escapes
_SINGLE_QUOTED = re.compile(r"'([^']*)'")  # no doubled quote
_STR, _NULL, _BOOL, _INT = (f"tag:yaml.org,2002:{name}" for name in ("str", "null", "bool", "int"))


# Where each key of frontmatter is (the first time it is given), and each key given again, with
# its line: what `FIELD_LINE` finds when it scans the frontmatter, found while reading it.
KeyLines = tuple[dict[str, int], list[tuple[str, int]]]


class _NotSimple(Exception):
    """The frontmatter is not of the simple shape: the caller loads it with YAML."""


class SimpleYaml:
    """Reads simple frontmatter as a YAML loader with the given implicit resolvers would."""

    def __init__(self, resolvers: Resolvers = YAML_1_2) -> None:
        self._resolvers = resolvers
        # Words repeat from note to note (`person`, `active`, topics): each is typed once.
        self._scalar = functools.lru_cache(maxsize=1 << 14)(self._typed)

    def read(self, raw: str) -> dict[str, Any] | None:
        """The fields of frontmatter `raw` (the text between the `---` lines); None when `raw`
        is not of the simple shape."""
        found = self.read_with_lines(raw)
        return None if found is None else found[0]

    def read_with_lines(self, raw: str, first_line: int = 1) -> tuple[dict[str, Any], KeyLines] | None:
        """`read`, with the line of each key (`raw` starting on `first_line`) and each key given
        again, as `vaultnet.parse.frontmatter.FIELD_LINE` finds them (see `KeyLines`)."""
        try:
            return self._fields(raw, first_line)
        except _NotSimple:
            return None

    def _fields(self, raw: str, first_line: int) -> tuple[dict[str, Any], KeyLines]:
        meta: dict[str, Any] = {}
        lines: dict[str, int] = {}
        again: list[tuple[str, int]] = []
        bare: str | None = None  # the last key, when it had no value: `- item` lines may follow
        listed: list[Any] | None = None  # its items so far
        indent = ""  # the items' indent, as the first of them has it
        for number, line in enumerate(raw.split("\n"), start=first_line):
            ends_in_cr = line.endswith("\r")
            line = line.removesuffix("\r")
            if not line.strip(" "):
                continue
            if not line.isprintable():  # also tabs, and what YAML takes for a line break
                raise _NotSimple
            if line[0] == " " or line[0] == "-":
                item = _ITEM_LINE.fullmatch(line)
                if item is None or bare is None or \
                        (listed is not None and item[1] != indent):
                    raise _NotSimple
                if listed is None:
                    meta[bare] = listed = []
                    indent = item[1]
                listed.append(self._scalar(item[2].rstrip(" ")))
                continue
            found = _KEY_LINE.fullmatch(line)
            if found is None:
                raise _NotSimple
            name = self._scalar(found[1])
            if type(name) is not str:
                raise _NotSimple  # `true:` or `null:`: the loader's caller reports such keys
            bare, listed = None, None
            if found[2] and (value := found[2].rstrip(" ")):
                meta[name] = self._value(value)
            else:
                meta[name], bare = None, name
            # (`FIELD_LINE` wants a space, a tab or the line's end after the colon: not a
            # carriage return.)
            if not (ends_in_cr and line.endswith(":")):
                if found[1] in lines:
                    again.append((found[1], number))
                else:
                    lines[found[1]] = number
        return meta, (lines, again)

    def _value(self, text: str) -> Any:
        """What follows `key: `: a list written `[a, b]`, or one scalar."""
        if text[0] != "[":
            return self._scalar(text)
        if text[-1] != "]":
            raise _NotSimple
        inner = text[1:-1]
        if not inner.strip(" "):
            return []
        return [self._scalar(item.strip(" ")) for item in inner.split(",")]

    def _typed(self, text: str) -> Any:
        """One quoted text, word or phrase, typed as the loader types it."""
        if not text:
            raise _NotSimple  # an empty item: `[a, , b]` or `[a,]`
        if text[0] == '"' or text[0] == "'":
            quoted = (_DOUBLE_QUOTED if text[0] == '"' else _SINGLE_QUOTED).fullmatch(text)
            if quoted is None:
                raise _NotSimple
            return quoted[1]
        if _PLAIN.fullmatch(text) is None:
            raise _NotSimple
        tag = self._tag(text)
        if tag == _STR:
            return text
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return text.lower() == "true"
        if tag == _INT:
            return int(text)
        raise _NotSimple  # a float, or a tag this does not build

    def _tag(self, text: str) -> str:
        """The tag the loader's implicit resolvers give a plain scalar (as PyYAML's
        `BaseResolver.resolve` picks it)."""
        for tag, pattern in self._resolvers.get(text[0], []) + self._resolvers.get(None, []):
            if pattern.match(text):
                return tag
        return _STR
