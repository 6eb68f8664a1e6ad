"""The YAML parser, for the frontmatter the simple reader leaves (`vaultnet.parse.simple_yaml`):
PyYAML's safe loader through python-frontmatter's handler, reading scalars as YAML 1.2 does.

Imported only when such frontmatter is met (PyYAML and python-frontmatter take some 10 ms to
import: a sync after an edit whose notes are all of the simple shape never needs them).
"""

from __future__ import annotations

import re
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


_COMMENT = re.compile(r"(?:^|[\s\[{,])#")  # where YAML takes a # for a comment's start
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
    context = getattr(err, "context", None) or ""
    opened = getattr(err, "context_mark", None)
    lines = raw.split("\n")

    def text_at(at: int | None) -> str:
        found = lines[at - first_line].strip() if at is not None and \
            0 <= at - first_line < len(lines) else ""
        return found if len(found) <= 60 else found[:57] + "..."

    def quoted(at: int | None) -> str:
        """The line with its value in double quotes, as a fix to copy."""
        name, colon, value = text_at(at).partition(": ")
        value = value.strip().replace("\\", "\\\\").replace('"', '\\"')
        return f'`{name}: "{value}"`' if colon else "quotes"

    said: tuple[int | None, str, str] | None = None
    if ("flow" in context and (at := _last_with("#", lines, first_line, line)) is not None
            and _COMMENT.search(text_at(at))):
        said = (at, f"in `{text_at(at)}`, a # starts a comment, so the rest of the line is not "
                "read", 'put the value with # in quotes (a tag needs no #: `tags: [person, '
                'mentor]`)')
    elif "flow sequence" in context or "flow mapping" in context:
        bracket, closing = ("[", "]") if "sequence" in context else ("{", "}")
        at = first_line + opened.line if opened is not None else line
        said = (at, f"the {'list' if bracket == '[' else 'group'} opened with {bracket} in "
                f"`{text_at(at)}` is never closed", f"close it with {closing}, or put the value "
                f"in quotes if the {bracket} is part of it")
    elif "quoted scalar" in context:
        at = first_line + opened.line if opened is not None else line
        said = (at, f"a quote opened in `{text_at(at)}` is never closed", "close the quote")
    elif "alias" in context or "anchor" in context:
        mark = "*" if "alias" in context else "&"
        said = (line, f"in `{text_at(line)}`, a value that starts with {mark} is read as a YAML "
                f"{'reference' if mark == '*' else 'anchor'}", f"put the value in quotes: "
                f"{quoted(line)}")
    elif "cannot start any token" in reason and _found(err, raw) in ("@", "`"):
        said = (line, f"in `{text_at(line)}`, a value starts with {_found(err, raw)}, which YAML "
                "keeps for itself", f"put the value in quotes: {quoted(line)}")
    elif "tab character" in reason or _found(err, raw) == "\t":
        said = (line, "a tab indents a line; YAML indents with spaces", "replace the tab with "
                "spaces, or remove it")
    elif "mapping values are not allowed" in reason:
        text = text_at(line)
        if text and line is not None and lines[line - first_line][:1] in " \t":
            said = (line, f"`{text}` is indented, so YAML reads it as part of the line above",
                    "start it at the beginning of its line, as the other fields")
        else:
            said = (line, f"the value in `{text}` holds a colon and a space", "put the value in "
                    f"quotes: {quoted(line)}")
    elif "did not find expected key" in reason and "[[" in text_at(line):
        said = (line, f"the links in `{text_at(line)}` are not in quotes", 'put each in quotes, '
                'in a list: `knows: ["[[Sam]]", "[[Ana]]"]`')
    elif "did not find expected key" in reason and text_at(line).startswith("- "):
        said = (line, f"`{text_at(line)}` is a list item under no field", "put it under the "
                "field it belongs to, with a line `name:` above it")
    elif "did not find expected key" in reason and any(c in text_at(line) for c in "\"']}"):
        said = (line, f"`{text_at(line)}` goes on after its value has ended (at a closing quote "
                "or bracket)", "put the whole value in quotes, and a quote inside it in the other "
                """kind: `title: 'Say "hi"'`""")
    elif "could not determine a constructor for the tag" in reason:
        said = (line, f"in `{text_at(line)}`, a value that starts with ! is read as a YAML tag",
                f"put the value in quotes: {quoted(line)}")
    elif "could not find expected ':'" in reason:
        at = first_line + opened.line if opened is not None else line
        said = (at, f"`{text_at(at)}` is no `name: value` line", "write it as `name: value`, "
                "or remove it")
    elif "block sequence entries are not allowed" in reason:
        said = (line, f"in `{text_at(line)}`, a list item (- …) must start a line of its own",
                "put it on the next line, or write the list as [a, b]")
    if said is not None and said[1]:
        return said[0], f"frontmatter is not valid YAML: {said[1]}", said[2]
    return line, f"frontmatter is not valid YAML: {reason}", _GENERAL


def _found(err: yaml.YAMLError, raw: str) -> str:
    """The character where the parser found what is wrong ("" if it names none)."""
    mark = getattr(err, "problem_mark", None)
    index = getattr(mark, "index", None)
    return raw[index] if isinstance(index, int) and 0 <= index < len(raw) else ""


def _last_with(mark: str, lines: list[str], first_line: int, line: int | None) -> int | None:
    """The note's line of the last of `lines` (the note's from `first_line`) up to `line` that
    holds `mark`; None if none does."""
    last = len(lines) - 1 if line is None else min(line - first_line, len(lines) - 1)
    return next((first_line + at for at in range(last, -1, -1) if mark in lines[at]), None)


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
