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


def explain(err: yaml.YAMLError) -> tuple[str, str]:
    """What is wrong with the YAML, and how to fix it."""
    reason = getattr(err, "problem", None) or str(err).splitlines()[0]
    if isinstance(err, yaml.reader.ReaderError):
        return (f"frontmatter is not valid YAML: {reason}", "delete the invisible control "
                "character on that line (often pasted from another program)")
    return (f"frontmatter is not valid YAML: {reason}", "fix the YAML between the --- lines "
            "(quote values with : or [[links]], indent with spaces, not tabs)")


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
