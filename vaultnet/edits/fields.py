"""Frontmatter fields set in a user's note as YAML that reads back as written, every other line kept."""

from __future__ import annotations

import json
import re

from vaultnet.base.errors import VaultnetError
from vaultnet.edits.lines import LINE, body_start, ending
from vaultnet.parse.frontmatter import FIELD_LINE, split_frontmatter
from vaultnet.parse.note import field_key, field_of
from vaultnet.render.markdown import inline

_PLAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 _.@-]*[A-Za-z0-9_.-])?")
_NUMBERISH = re.compile(r"[\d\s._:+-]+|0[xob].*|[\d_]+e[\d_]+", re.IGNORECASE)  # YAML would read a number
_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")  # left raw by JSON
_EOL_FIRST = re.compile(r"\A\r?\n")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null", "none"})


def plain_text(text: str) -> str:
    """A name as body text that cannot turn into a link, a comment or HTML."""
    return inline(text).replace("[[", "\\[\\[").replace("]]", "\\]\\]")


def set_fields(text: str, values: list[tuple[str, object]]) -> str:
    """Set frontmatter fields in `text`, keeping every other line as written.

    A field already there (under any of its spellings: `company` for `org`) gets the new value in
    place; others are added before the closing `---`. A text without frontmatter gets one.
    """
    lines = LINE.findall(text)
    eol = (ending(lines[0]) if lines else "") or "\n"
    end = body_start(lines) - 1
    if end < 1:
        lines = ["---" + eol, "---" + eol, *lines]
        end = 1
    for name, value in values:
        at = next((i for i in range(1, end) if (m := FIELD_LINE.match(lines[i].rstrip("\r\n")))
                   and _same_field(m[1], name)), None)
        if at is None:
            lines.insert(end, f"{name}: {yaml_value(value)}{eol}")
            end += 1
            continue
        stop = at + 1  # the field's own lines: a block list or a folded value goes with it
        while stop < end and (lines[stop][:1] in (" ", "\t") or lines[stop].startswith("-")):
            stop += 1
        written_key = FIELD_LINE.match(lines[at].rstrip("\r\n"))[1]  # type: ignore[index]
        lines[at:stop] = [f"{written_key}: {yaml_value(value)}{eol}"]
        end -= stop - at - 1
    return "".join(lines)


def fill_fields(text: str, path: str,
                values: list[tuple[str, tuple[str, ...], object]]) -> tuple[str, list[tuple[str, object]]]:
    """Set the fields of `text` that are missing or empty, and only those; every other line kept.

    `values` are (name, spellings, value): a field written under any of the spellings (compared as
    `field_key` does: `Job Title` is `jobtitle`) and holding anything is left as it is; one
    written but empty is set under its own spelling; one missing is added as `name`. Returns the
    new text and the fields set, as written. A note whose frontmatter cannot be read, or that
    would not read back as before with only these fields set, is a VaultnetError (whose message
    does not name the note).
    """
    before = split_frontmatter(text, path)
    if before.problems:
        raise VaultnetError(before.problems[0].message)
    meta = before.meta if isinstance(before.meta, dict) else {}
    chosen: list[tuple[str, object]] = []
    for name, spellings, value in values:
        written = [str(k) for k in meta if field_key(str(k)) in spellings]
        if any(not _empty(meta[k]) for k in written):
            continue
        chosen.append((written[0] if written else name, value))
    if not chosen:
        return text, []
    after_text = set_fields(text, chosen)
    after = split_frontmatter(after_text, path)
    expected = {**meta, **dict(chosen)}
    # The body starts after the closing `---`, at its line end; a note without frontmatter is all body.
    body = before.body if before.body == text else _EOL_FIRST.sub("", before.body, count=1)
    if after.problems or _EOL_FIRST.sub("", after.body, count=1) != body or after.meta != expected:
        raise VaultnetError("vaultnet cannot set fields in this note's frontmatter and be sure "
                            "to keep the rest as it is")
    return after_text, chosen


def _empty(value: object) -> bool:
    """Whether a frontmatter value holds nothing: no value, blank text, an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return all(_empty(v) for v in value)
    if isinstance(value, dict):
        return not value
    return False


def _same_field(written: str, name: str) -> bool:
    """Whether a key as written names the field `name`, in any of the spellings vaultnet reads
    (`company` for `org`, `E-mail` for `email`)."""
    written = written.strip("\"'")
    known, wanted = field_of(written), field_of(name)
    if known is not None and wanted is not None:
        return known[0] == wanted[0]
    return field_key(written) == field_key(name)


def yaml_value(value: object) -> str:
    """A value as YAML that reads back as itself (strings quoted unless plainly safe)."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.casefold() not in _YAML_WORDS and not _NUMBERISH.fullmatch(text):
        return text
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))
