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

import yaml
from frontmatter.default_handlers import YAMLHandler

from vaultnet.base.model import Problem
from vaultnet.base.text import lone_cr_as_lf
from vaultnet.parse.simple_yaml import SimpleYaml

MAX_FRONTMATTER_CHARS = 64 * 1024
# A top-level `name: value` line; the name (quoted or not) is group 1.
FIELD_LINE = re.compile(r"^(\"[^\"\n]*\"|'[^'\n]*'|[^\s:#\-\[{][^:\n]*?)[ \t]*:(?:[ \t]|$)",
                        re.MULTILINE)

_HANDLER = YAMLHandler()
_BOUNDARY = _HANDLER.FM_BOUNDARY
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that reads scalars as YAML 1.2 does, as Obsidian reads them.

    Dates stay strings, so that an impossible date spoils one field instead of the whole note; only
    true/false are booleans, so that `no`, `on` and `off` stay words; `010` is ten and `1:20` is
    text (YAML 1.1 would read eight and eighty); `<<: {role: mentor}` is a field named `<<`, not
    fields merged into the note.
    """


# Also `<<`, which YAML 1.1 merges from another mapping and YAML 1.2 (Obsidian) reads as a plain key.
_YAML_1_1 = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
             "tag:yaml.org,2002:float", "tag:yaml.org,2002:merge")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _YAML_1_1]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                              re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"),
                              list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))
_Loader.add_constructor("tag:yaml.org,2002:int",
                        lambda loader, node: int(loader.construct_scalar(node)))
# Most frontmatter is a few plain `key: value` lines: read those to the loader's values without it.
_SIMPLE = SimpleYaml(_Loader.yaml_implicit_resolvers)


@dataclass(frozen=True)
class Frontmatter:
    """A note split in two: its fields and its body, with where each starts."""

    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    yaml: str = ""
    yaml_line: int = 1  # line number of the first YAML line
    body_line: int = 1  # line number of the body's first character
    problems: tuple[Problem, ...] = ()


def _error_line(err: BaseException, raw: str, first_line: int) -> int | None:
    """The note's line of a YAML error: from its mark, or, for a character the reader refuses
    (a control character), from its position in the text."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if mark is not None:
        return first_line + int(mark.line)
    position = getattr(err, "position", None)
    return first_line + raw.count("\n", 0, position) if isinstance(position, int) else None


def _yaml_error(err: yaml.YAMLError) -> tuple[str, str]:
    """What is wrong with the YAML, and how to fix it."""
    reason = getattr(err, "problem", None) or str(err).splitlines()[0]
    if isinstance(err, yaml.reader.ReaderError):
        return (f"frontmatter is not valid YAML: {reason}", "delete the invisible control "
                "character on that line (often pasted from another program)")
    return (f"frontmatter is not valid YAML: {reason}", "fix the YAML between the --- lines "
            "(quote values with : or [[links]], indent with spaces, not tabs)")


def _has_anchors(text: str) -> bool:
    """Whether the YAML uses anchors or aliases: cheap to check, and refused before loading."""
    if "&" not in text and "*" not in text:
        return False
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return True
    except yaml.YAMLError:
        return False  # the load reports the error with its line
    return False


def _boundaries(text: str) -> tuple[re.Match[str], re.Match[str]] | None:
    """The opening and closing `---` lines of the frontmatter, if `text` starts with one."""
    opening = _BOUNDARY.match(text)
    if opening is None or not text.startswith("---"):
        return None
    closing = _BOUNDARY.search(text, opening.end())
    # A lone `---` at the top is a horizontal rule, not unclosed frontmatter.
    return None if closing is None else (opening, closing)


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
        return Frontmatter(body=text)
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
    simple = _SIMPLE.read(raw)
    if simple is not None:
        return Frontmatter(simple, body, raw, yaml_line, body_line)
    if _has_anchors(raw):
        return failed(yaml_line, "frontmatter uses YAML anchors or aliases (& and *), which "
                      "vaultnet does not read", "write the values out in full")
    try:
        meta = _HANDLER.load(raw, Loader=_Loader)
    except yaml.YAMLError as err:
        if not FIELD_LINE.match(raw.lstrip()):
            # Not meant as frontmatter: a horizontal rule above a list or prose.
            return failed(yaml_line, "the note starts with a --- line, but what follows is not "
                          "frontmatter fields", "if the first --- is a horizontal rule, put a "
                          "blank line or a heading above it", whole_body=True)
        return failed(_error_line(err, raw, yaml_line), *_yaml_error(err))
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
