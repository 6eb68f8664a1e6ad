"""Frontmatter: split a note into its YAML fields and its body, safely.

One pure function, `split_frontmatter`, built on python-frontmatter's YAML handler. It works around
the library's known traps: frontmatter after a byte-order mark, keys named `content` or `handler`,
non-string keys, frontmatter that is a list or a scalar, anchors and aliases that explode when walked,
deep nesting, and sizes that cost seconds. Every failure becomes a Problem naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from vaultnet.base.model import Problem
from vaultnet.base.text import lone_cr_as_lf
from vaultnet.parse.simple_yaml import KeyLines, SimpleYaml

MAX_FRONTMATTER_CHARS = 64 * 1024
# A top-level `name: value` line; the name (quoted or not) is group 1. As in YAML, a colon
# followed by no space is part of the name (the VCF Contacts plugin's `EMAIL[2:WORK]`).
# (A name's spaces and tabs are taken a run at a time, each run only with what follows it: a
# long run before no colon is looked at once, not once from each of its spaces.)
FIELD_LINE = re.compile(r"^(\"[^\"\n]*\"|'[^'\n]*'|[^\s:#\-\[{](?:[ \t]*+(?:[^:\n \t]|:(?=\S)))*)"
                        r"[ \t]*:(?:[ \t]|$)", re.MULTILINE)
# A `---` line, as python-frontmatter's YAML handler finds them (`YAMLHandler.FM_BOUNDARY`;
# tests/test_parse_speed.py holds it to the library's): here, so that a note whose frontmatter
# the simple reader reads is split without importing the library or the YAML parser.
BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)
# A line that can only be a field (`type: person`), not prose (`Note to self: call Ann`).
_KEY_LINE = re.compile(r"[A-Za-z_][\w\-]*:(?:[ \t]|\r?$)")
# Most frontmatter is a few plain `key: value` lines: read those to the loader's values without it.
_SIMPLE = SimpleYaml()


@dataclass(frozen=True)
class Frontmatter:
    """A note split in two: its fields and its body, with where each starts."""

    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    yaml: str = ""
    yaml_line: int = 1  # line number of the first YAML line
    body_line: int = 1  # line number of the body's first character
    problems: tuple[Problem, ...] = ()
    # Each key's line and the keys given again, when the simple reader read the fields (it finds
    # them as it goes); else None, and they are found by scanning `yaml` when asked for.
    key_lines: KeyLines | None = field(default=None, compare=False, repr=False)


def _boundaries(text: str) -> tuple[re.Match[str], re.Match[str]] | None:
    """The opening and closing `---` lines of the frontmatter, if `text` starts with one."""
    opening = BOUNDARY.match(text)
    if opening is None or not text.startswith("---"):
        return None
    closing = BOUNDARY.search(text, opening.end())
    # A lone `---` at the top is a horizontal rule, not unclosed frontmatter.
    return None if closing is None else (opening, closing)


def _never_closed(text: str, path: str) -> tuple[Problem, ...]:
    """A problem for frontmatter opened and never closed: a `---` line at the top, a field on
    the next, and no `---` after (Obsidian shows it all as the note's text, and vaultnet reads no
    field of it, so that a person may be gone without a word). A lone `---` above prose or a
    list is a horizontal rule: no problem."""
    if not text.startswith("---"):  # (most notes: none of the note's text is copied)
        return ()
    first, second = [*text.split("\n", 2), ""][:2]
    if not BOUNDARY.fullmatch(first) or not _KEY_LINE.match(second):
        return ()
    return (Problem(path, 1, "the frontmatter opened here is never closed, so none of its fields "
                    "is read", "add a --- line after its last field (Obsidian closes it with "
                    "---, not ...)"),)


# Blank lines, then a `---` line (`block_below`).
_RULE_FIRST = re.compile(r"(?:[ \t]*\r?\n)*(-{3,})[ \t]*\r?\n")


def block_below(body: str) -> tuple[int, tuple[str, ...]] | None:
    """A block of fields that opens `body` (after blank lines alone) as frontmatter opens a note:
    a `---` line, `name: value` lines (a field on the first, list items and indented lines
    below), another `---` line. Return the line of its first `---` (counted from 0) and its
    top-level keys, in order; None if `body` opens with no such block. Only a note whose body
    opens with `---` pays for more than one look."""
    opening = _RULE_FIRST.match(body)
    if opening is None:
        return None
    closing = BOUNDARY.search(body, opening.end())
    if closing is None or closing.start() - opening.end() > MAX_FRONTMATTER_CHARS:
        return None
    keys: list[str] = []
    for line in body[opening.end():closing.start()].split("\n"):
        if not line.strip():
            continue
        if _KEY_LINE.match(line):
            keys.append(line[:line.index(":")])
        elif not keys or line[0] not in " \t-#":
            return None  # (prose, or a list below a rule)
    if not keys:
        return None
    return body.count("\n", 0, opening.start(1)), tuple(dict.fromkeys(keys))


def frontmatter_lines(text: str) -> int:
    """How many lines at the top of `text` are frontmatter, both `---` lines included (0 if
    there is none), by the same rule as `split_frontmatter`."""
    bounds = _boundaries(text)
    return 0 if bounds is None else text.count("\n", 0, bounds[1].start()) + 1


def split_frontmatter(text: str, path: str) -> Frontmatter:
    """Split a note's text (BOM already removed) into frontmatter fields and body. A lone
    carriage return (an old Mac's line break) is a line break: the body comes back with line
    feeds in its place, at the same offsets."""
    text = lone_cr_as_lf(text)
    bounds = _boundaries(text)
    if bounds is None:
        return Frontmatter(body=text, problems=_never_closed(text, path))
    opening, closing = bounds
    # The boundary match stops before its newline: the YAML starts on the next line.
    raw = text[opening.end():closing.start()].removeprefix("\r").removeprefix("\n")
    yaml_line = text.count("\n", 0, opening.end()) + 2
    body_start = closing.end()
    body = text[body_start:]
    body_line = text.count("\n", 0, body_start) + 1

    def failed(line: int | None, message: str, hint: str, whole_body: bool = False) -> Frontmatter:
        problem = Problem(path, line, message, hint)
        if whole_body:
            return Frontmatter(body=text, problems=(problem,))
        return Frontmatter(body=body, yaml=raw, yaml_line=yaml_line, body_line=body_line,
                           problems=(problem,))

    if len(raw) > MAX_FRONTMATTER_CHARS:
        return failed(yaml_line, f"frontmatter is {len(raw) // 1024} KB, more than vaultnet reads "
                      f"({MAX_FRONTMATTER_CHARS // 1024} KB)", "move long text into the note's body")
    simple = _SIMPLE.read_with_lines(raw, yaml_line)
    if simple is not None:
        return Frontmatter(simple[0], body, raw, yaml_line, body_line, key_lines=simple[1])
    from vaultnet.parse import yaml_loader  # (the YAML parser, for what the simple reader leaves)

    if yaml_loader.has_anchors(raw):
        return failed(yaml_line, "frontmatter uses YAML anchors or aliases (& and *), which "
                      "vaultnet does not read", "write the values out in full")
    try:
        meta = yaml_loader.load(raw)
    except yaml_loader.YAMLError as err:
        if not FIELD_LINE.match(raw.lstrip()):
            # Not meant as frontmatter: a horizontal rule above a list or prose.
            return failed(yaml_line, "the note starts with a --- line, but what follows is not "
                          "frontmatter fields", "if the first --- is a horizontal rule, put a "
                          "blank line or a heading above it", whole_body=True)
        return failed(*yaml_loader.explain(err, raw, yaml_line))
    except RecursionError:
        return failed(yaml_line, "frontmatter is nested too deeply", "flatten the YAML")
    except (TypeError, ValueError, OverflowError) as err:
        return failed(yaml_line, f"frontmatter could not be read: {err}", "fix the YAML")

    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        kind = "a list" if isinstance(meta, list) else "plain text"
        return failed(yaml_line, f"the block between the first two --- lines is {kind}, not "
                      "frontmatter fields", "if the first --- is a horizontal rule, put a blank "
                      "line or a heading above it; frontmatter needs `name: value` lines",
                      whole_body=True)
    problems = []
    clean: dict[str, Any] = {}
    for key, value in meta.items():
        if not isinstance(key, str):
            found = re.search(rf"^[ \t]*{re.escape(str(key))}[ \t]*:", raw, re.MULTILINE)
            line = yaml_line + raw.count("\n", 0, found.start()) if found else yaml_line
            problems.append(Problem(path, line, f"field name {key!r} is not text",
                                    f"quote it: \"{key}\": …"))
            continue
        clean[key] = value
    return Frontmatter(clean, body, raw, yaml_line, body_line, tuple(problems))
