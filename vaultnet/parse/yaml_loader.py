"""The YAML parser, for the frontmatter the simple reader leaves (`vaultnet.parse.simple_yaml`):
PyYAML's safe loader through python-frontmatter's handler, reading scalars as YAML 1.2 does.

Imported only when such frontmatter is met (PyYAML and python-frontmatter take some 10 ms to
import: a sync after an edit whose notes are all of the simple shape never needs them).
"""

from __future__ import annotations

from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from vaultnet.parse.simple_yaml import YAML_1_2_ADDED

YAMLError = yaml.YAMLError
_HANDLER = YAMLHandler()
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that reads scalars as YAML 1.2 does, as Obsidian reads them.

    Dates stay strings, so that an impossible date spoils one field instead of the whole note; only
    true/false are booleans, so that `no`, `on` and `off` stay words; `010` is ten and `1:20` is
    text (YAML 1.1 would read eight and eighty); `<<: {role: mentor}` is a field named `<<`, not
    fields merged into the note.
    """


# Also `<<`, which YAML 1.1 merges from another mapping and YAML 1.2 (Obsidian) reads as a plain key.
_YAML_1_1 = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
             "tag:yaml.org,2002:float", "tag:yaml.org,2002:merge")
Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _YAML_1_1]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _tag, _pattern, _first in YAML_1_2_ADDED:
    Loader.add_implicit_resolver(_tag, _pattern, list(_first))
Loader.add_constructor("tag:yaml.org,2002:int",
                       lambda loader, node: int(loader.construct_scalar(node)))


def load(raw: str) -> Any:
    """The value of the YAML `raw` (a YAMLError if it is not YAML)."""
    return _HANDLER.load(raw, Loader=Loader)


def error_line(err: BaseException, raw: str, first_line: int) -> int | None:
    """The note's line of a YAML error: from its mark, or, for a character the reader refuses
    (a control character), from its position in the text."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if mark is not None:
        return first_line + int(mark.line)
    position = getattr(err, "position", None)
    return first_line + raw.count("\n", 0, position) if isinstance(position, int) else None


_GENERAL = ("fix the YAML between the --- lines (quote values with : or [[links]], indent with "
            "spaces, not tabs)")


def explain(err: yaml.YAMLError, raw: str = "", first_line: int = 1
            ) -> tuple[int | None, str, str]:
    """The note's line of what is wrong with the YAML `raw` (its first line the note's
    `first_line`), what is wrong in a reader's words, and how to fix it: the mistakes people make
    in frontmatter by hand (a list never closed, a value that holds `: ` or starts with `*`, `@`
    or a backtick, links left unquoted) said as such, with the line they start on (a list's
    `[`, a quote's opening mark: not where the parser gave up); any other, in the parser's
    words."""
    reason = getattr(err, "problem", None) or str(err).splitlines()[0]
    line = error_line(err, raw, first_line)
    if isinstance(err, yaml.reader.ReaderError):
        return (line, f"frontmatter is not valid YAML: {reason}", "delete the invisible control "
                "character on that line (often pasted from another program)")
    found = _Error(err, raw, first_line, line, reason)
    said = found.in_a_list() or found.in_a_value() or found.in_a_line()
    if said is not None:
        return said[0], f"frontmatter is not valid YAML: {said[1]}", said[2]
    return line, f"frontmatter is not valid YAML: {reason}", _GENERAL


Said = tuple[int | None, str, str]  # (the note's line, what is wrong, how to fix it)


class _Error:
    """A YAML error in a note's frontmatter, told in a reader's words (`explain`): each method
    tells the mistakes of one kind, None for an error of another."""

    def __init__(self, err: yaml.YAMLError, raw: str, first_line: int, line: int | None,
                 reason: str) -> None:
        self.err, self.raw, self.first, self.line, self.reason = err, raw, first_line, line, reason
        self.context = getattr(err, "context", None) or ""
        opened = getattr(err, "context_mark", None)
        # Where what the parser was reading began (a list's `[`, a quote's mark), else the error.
        self.start = first_line + opened.line if opened is not None else line
        self.lines = raw.split("\n")

    def full(self, at: int | None) -> str:
        """The note's line `at`, stripped ("" if it is none of the frontmatter's)."""
        return self.lines[at - self.first].strip() if at is not None and \
            0 <= at - self.first < len(self.lines) else ""

    def shown(self, at: int | None) -> str:
        """The line as a message shows it: at most 60 characters."""
        text = self.full(at)
        return text if len(text) <= 60 else text[:57] + "..."

    def quoted(self, at: int | None) -> str:
        """The whole line with its value in double quotes, as a fix to copy."""
        name, colon, value = self.full(at).partition(": ")
        value = value.strip().replace("\\", "\\\\").replace('"', '\\"')
        return f'`{name}: "{value}"`' if colon else "quotes"

    def in_a_list(self) -> Said | None:
        """A `#` that makes the rest of a list's line a comment; a list or group never closed, or
        whose items are not parted by commas."""
        if "flow" not in self.context:
            return None
        # (From the line the list began on, or the one above a node's: to where it went wrong.)
        first = self.start - 1 if "flow node" in self.context and self.start else self.start
        at = _comment_in(self.lines, self.first, first, self.line)
        if at is not None:
            return (at, f"in `{self.shown(at)}`, a # starts a comment, so the rest of the line is "
                    "not read", 'put the value with # in quotes (a tag needs no #: `tags: '
                    '[person, mentor]`)')
        if "flow sequence" not in self.context and "flow mapping" not in self.context:
            return None
        bracket, closing, what = ("[", "]", "list") if "sequence" in self.context \
            else ("{", "}", "group")
        if self.line == self.start:  # (it went wrong on its own line: it was closed)
            return (self.line, f"in `{self.shown(self.line)}`, the items of the {what} are not "
                    "parted by commas, or one holds what must be in quotes", "part the items with "
                    'commas, and put each in quotes: `knows: ["[[Sam]]", "[[Ana]]"]`')
        return (self.start, f"the {what} opened with {bracket} in `{self.shown(self.start)}` is "
                f"never closed", f"close it with {closing}, or put the value in quotes if the "
                f"{bracket} is part of it")

    def in_a_value(self) -> Said | None:
        """A quote never closed; a value that starts with `*`, `&`, `@`, a backtick or `!`, or
        holds `: `."""
        line, text, found = self.line, self.shown(self.line), _found(self.err, self.raw)
        if "quoted scalar" in self.context:
            return (self.start, f"a quote opened in `{self.shown(self.start)}` is never closed",
                    "close the quote")
        if "alias" in self.context or "anchor" in self.context:
            mark, what = ("*", "reference") if "alias" in self.context else ("&", "anchor")
            return (line, f"in `{text}`, a value that starts with {mark} is read as a YAML {what}",
                    f"put the value in quotes: {self.quoted(line)}")
        if "cannot start any token" in self.reason and found in ("@", "`"):
            return (line, f"in `{text}`, a value starts with {found}, which YAML keeps for itself",
                    f"put the value in quotes: {self.quoted(line)}")
        if "could not determine a constructor for the tag" in self.reason:
            return (line, f"in `{text}`, a value that starts with ! is read as a YAML tag",
                    f"put the value in quotes: {self.quoted(line)}")
        if "mapping values are not allowed" in self.reason and \
                not (text and line is not None and self.lines[line - self.first][:1] in " \t"):
            return (line, f"the value in `{text}` holds a colon and a space",
                    f"put the value in quotes: {self.quoted(line)}")
        return None

    def in_a_line(self) -> Said | None:
        """A tab, a line indented under another, links unquoted, a list item under no field, a
        value that goes on after its end, a line with no `name: value`."""
        line, text, reason = self.line, self.shown(self.line), self.reason
        if "tab character" in reason or _found(self.err, self.raw) == "\t":
            return (line, "a tab indents a line; YAML indents with spaces", "replace the tab "
                    "with spaces, or remove it")
        if "mapping values are not allowed" in reason:
            return (line, f"`{text}` is indented, so YAML reads it as part of the line above",
                    "start it at the beginning of its line, as the other fields")
        if "did not find expected key" in reason and "[[" in text:
            return (line, f"the links in `{text}` are not in quotes", "put each in quotes, in a "
                    'list: `knows: ["[[Sam]]", "[[Ana]]"]`')
        if "did not find expected key" in reason and text.startswith("- "):
            return (line, f"`{text}` is a list item under no field", "put it under the field it "
                    "belongs to, with a line `name:` above it")
        if "did not find expected key" in reason and any(c in text for c in "\"']}"):
            return (line, f"`{text}` goes on after its value has ended (at a closing quote or "
                    "bracket)", "remove what follows its end, or put the whole value in quotes "
                    """and a quote inside it in the other kind: `title: 'Say "hi"'`""")
        if "could not find expected ':'" in reason:
            return (self.start, f"`{self.shown(self.start)}` is no `name: value` line",
                    "write it as `name: value`, or remove it")
        if "block sequence entries are not allowed" in reason:
            return (line, f"in `{text}`, a list item (- …) must start a line of its own", "put it "
                    "on the next line, or write the list as [a, b]")
        return None


def _found(err: yaml.YAMLError, raw: str) -> str:
    """The character where the parser found what is wrong ("" if it names none)."""
    mark = getattr(err, "problem_mark", None)
    index = getattr(mark, "index", None)
    return raw[index] if isinstance(index, int) and 0 <= index < len(raw) else ""


def _comment_in(lines: list[str], first_line: int, start: int | None, end: int | None
                ) -> int | None:
    """The note's line, from `start` to `end` (of `lines`, the note's from `first_line`), of the
    last that holds a # YAML takes for a comment's start (after white space, a bracket or a
    comma, outside quotes); None if none does."""
    if start is None or end is None:
        return None
    for at in range(min(end, first_line + len(lines) - 1), max(start, first_line) - 1, -1):
        quote = ""
        before = " "
        for char in lines[at - first_line]:
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char == "#" and before in " \t[{,":
                return at
            before = char
    return None


def has_anchors(text: str) -> bool:
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
