"""Frontmatter fields set in a user's note as YAML that reads back as written, every other line kept."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from vaultnet.base.errors import VaultnetError
from vaultnet.edits.lines import LINE, body_start, ending
from vaultnet.parse.frontmatter import FIELD_LINE, Frontmatter, split_frontmatter
from vaultnet.parse.note import empty_value, field_key, field_of, read_as, vcf_property
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


@dataclass(frozen=True)
class Unfilled:
    """An empty field that `fill_fields` leaves as it is, its line in the note, and why."""

    field: str
    line: int | None
    why: str


def fill_fields(text: str, path: str, values: list[tuple[str, tuple[str, ...], object]]
                ) -> tuple[str, list[tuple[str, object]], list[Unfilled]]:
    """Set the fields of `text` that are missing or empty, and only those; every other byte kept.

    `values` are (name, spellings, value): a field written under any of the spellings (compared as
    `field_key` does: `Job Title` is `jobtitle`), or under a key vaultnet reads as the same field
    (`read_as`: the VCF Contacts plugin's `EMAIL[1]` for `email`), and holding anything is left as
    it is; one written under a spelling but empty gets its value where the value goes, the key,
    its comment and the lines around it kept; one missing is added as `name`, never under such a
    key of another tool's. Returns the new text, the fields set, as written, and the empty fields
    that could not be set in place, with why. A note whose frontmatter cannot be read, or that
    would not read back as before with only these fields set, is a VaultnetError (whose message
    does not name the note).
    """
    before = split_frontmatter(text, path)
    if before.problems:
        raise VaultnetError(before.problems[0].message)
    meta = before.meta if isinstance(before.meta, dict) else {}
    wanted = _wanted(meta, values)
    if not wanted:
        return text, [], []
    lines = LINE.findall(text)
    yaml_start = len(lines[0]) if body_start(lines) >= 2 else 0  # after the opening `---` line
    frontmatter = _frontmatter_of(lines)
    edits: list[tuple[int, int, str]] = []  # in `text`: start, end, new text
    added: list[tuple[str, object]] = []
    chosen: list[tuple[str, object]] = []
    unfilled: list[Unfilled] = []
    for name, value in wanted:
        if name not in meta:
            if frontmatter.is_flow:
                unfilled.append(Unfilled(name, frontmatter.line, "the frontmatter is one `{…}` "
                                                                 "mapping, to which vaultnet adds no fields"))
                continue
            added.append((name, value))
        else:
            edit = frontmatter.fill(name, yaml_value(value))
            if isinstance(edit, Unfilled):
                unfilled.append(edit)
                continue
            at, stop, new = edit
            edits.append((yaml_start + at, yaml_start + stop, new))
        chosen.append((name, value))
    unfilled.sort(key=lambda each: (each.line or 0, each.field))  # (as the note has them)
    if not chosen:
        return text, [], unfilled
    after_text = text
    for at, stop, new in sorted(edits, reverse=True):  # from the end, so that offsets hold
        after_text = after_text[:at] + new + after_text[stop:]
    if added:
        after_text = set_fields(after_text, added)
    _check_filled(text, before, after_text, path, {**meta, **dict(chosen)},
                  frontmatter.keys + len(added))
    return after_text, chosen, unfilled


def _wanted(meta: dict[str, Any], values: list[tuple[str, tuple[str, ...], object]]
            ) -> list[tuple[str, object]]:
    """The fields of `values` to set (see `fill_fields`), each under its spelling in the note if
    it is written there (empty), else under its own name."""
    wanted: list[tuple[str, object]] = []
    for name, spellings, value in values:
        fields = {found[0] for found in map(field_of, spellings) if found is not None}
        held = [(str(k), v) for k, v in meta.items()
                if field_key(vcf_property(str(k)) or str(k)) in spellings
                or _read_as(str(k)) in fields]
        if any(not empty_value(v) for _, v in held):
            continue
        # A key of the VCF Contacts plugin's (`EMAIL[2:WORK]`, `TEL[1:CELL]`: one value of a
        # person's several) is no place for the field: it goes under a spelling of its own.
        written = [k for k, _ in held if field_key(k) in spellings and vcf_property(k) is None]
        wanted.append((written[0] if written else name, value))
    return wanted


def _read_as(raw_key: str) -> str:
    """The field a key is read as (`read_as`), or "" for a key that is none."""
    found = read_as(raw_key)
    return found[0] if found is not None else ""


def _frontmatter_of(lines: list[str]) -> _Frontmatter:
    """The frontmatter of a note's `lines`, as the parser sees it (empty if it has none)."""
    end = body_start(lines) - 1
    return _Frontmatter("".join(lines[1:end]) if end >= 1 else "")


def _check_filled(text: str, before: Frontmatter, after_text: str, path: str,
                  expected: dict[str, Any], keys: int) -> None:
    """Refuse `after_text`, `text` with fields set, unless it reads back as `text` with only
    those fields set: the same body, the `expected` values, and `keys` top-level keys (the count
    catches a key given twice, whose last value YAML would read alone)."""
    after = split_frontmatter(after_text, path)
    # The body starts after the closing `---`, at its line end; a note without frontmatter is all body.
    body = before.body if before.body == text else _EOL_FIRST.sub("", before.body, count=1)
    if after.problems or _EOL_FIRST.sub("", after.body, count=1) != body or \
            after.meta != expected or _frontmatter_of(LINE.findall(after_text)).keys != keys:
        raise VaultnetError("vaultnet cannot set fields in this note's frontmatter and be sure "
                            "to keep the rest as it is")


class _Frontmatter:
    """A note's frontmatter YAML as the parser sees it: where each top-level key's value is
    written, and where the `:` before it is, so that an empty value can be filled in place."""

    def __init__(self, raw: str) -> None:
        import yaml  # (the YAML parser, for a note whose fields are being filled)

        from vaultnet.parse.yaml_loader import Loader

        self.raw = raw
        try:
            root = yaml.compose(raw, Loader=Loader)
            self.colons = [token.start_mark.index for token in yaml.scan(raw, Loader=Loader)
                           if isinstance(token, yaml.ValueToken)]
        except yaml.YAMLError:
            root, self.colons = None, []
        self.pairs: list[tuple[yaml.Node, yaml.Node]] = \
            root.value if isinstance(root, yaml.MappingNode) else []
        self.keys = len(self.pairs)
        self.is_flow = isinstance(root, yaml.MappingNode) and bool(root.flow_style)
        self.line = 2 + (root.start_mark.line if root is not None else 0)  # after the `---`

    def fill(self, key: str, new: str) -> tuple[int, int, str] | Unfilled:
        """How to write `new` as the value of the empty field `key`: the span of `raw` to
        replace and what goes there; or why it cannot be done in place."""
        found = [(k, v) for k, v in self.pairs if k.value == key]
        if not found:
            return Unfilled(key, None, "vaultnet cannot find where it is written")
        k, v = found[-1]
        line = 2 + k.start_mark.line  # the note's line: after the opening `---`
        if len(found) > 1:
            return Unfilled(key, line, "it is given twice in the frontmatter")
        colon = next((at for at in self.colons if k.end_mark.index <= at < v.start_mark.index),
                     None)
        if colon is None:
            return Unfilled(key, line, f"it is written as an explicit YAML key (`? {key}`) with "
                                       "no `:` for its value, which vaultnet does not edit")
        after_colon = colon + 1
        written = self.raw[v.start_mark.index:v.end_mark.index].rstrip()
        if not written:  # no value at all: it goes after the colon and one blank
            blank = self.raw[after_colon:after_colon + 1]
            blank = blank if blank in (" ", "\t") else ""
            rest = self.raw[after_colon + len(blank):]
            return after_colon, after_colon + len(blank), \
                (blank or " ") + new + (" " if rest.startswith("#") else "")
        stop = v.start_mark.index + len(written)
        between = self.raw[after_colon:v.start_mark.index]
        if "\n" in between or "\r" in between:
            at, new = after_colon, " " + new  # an empty list below its key: moved up to it
            blanks = len(self.raw[stop:]) - len(self.raw[stop:].lstrip(" \t"))
            if self.raw[stop + blanks:stop + blanks + 1] in ("\n", "\r", ""):
                stop += blanks  # (the blanks its last line ended in, with nothing after them)
        else:
            at = v.start_mark.index
        # An empty value holds no `#` of its own: one here is a comment, which must stay.
        if "#" in self.raw[at:stop]:
            return Unfilled(key, line, "a comment sits among the lines of its empty value, and "
                                       "vaultnet would have to drop it")
        if self.raw[stop:stop + 1] == "#":  # (`email: ""# note`: a comment needs a blank before)
            new += " "
        return at, stop, new


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
