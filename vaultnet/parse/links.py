"""Links and tags as Obsidian reads them: wikilinks, Markdown links and tags."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from urllib.parse import unquote

from vaultnet.base.model import Link, new_tuple
from vaultnet.base.text import nfc

_NO_TAGS: frozenset[str] = frozenset()
_BACKTICKS = re.compile(r"`+")
_WIKILINK = r"\[\[([^\[\]\r\n]+?)\]\]"
# A Markdown link on one line, as CommonMark reads an inline one: `[text](destination "title")`,
# the destination in `<…>` or bare (no white space, parentheses nested one deep, and no bracket,
# which no note's name holds: `[her]([[Jane]])` is a wikilink in text), and no `\[` (an escaped
# bracket). Its text holds no bracket: a link in a link's text is found alone. From each `[` it
# reads to the next bracket, then takes each run (of spaces, of the destination, of the title)
# whole, never giving any back (`*+`, `++`): no input makes it slow.
_MARKDOWN_LINK = (
    r"\[(?<!\\\[)(?P<text>[^\[\]\r\n]*)\]\([ \t]*+"
    r"(?:<(?P<pointy>[^<>\r\n]*+)>"
    r"|(?P<bare>(?!<)[^\s()\[\]]*+(?:\([^\s()\[\]]*+\)[^\s()\[\]]*+)*+))"
    r"""(?:[ \t]++(?:"[^"\r\n]*+"|'[^'\r\n]*+'|\([^()\r\n]*+\)))?+[ \t]*+\)""")
WIKILINK = re.compile("!?" + _WIKILINK)  # and an embed
MARKDOWN_LINK = re.compile("!?" + _MARKDOWN_LINK)  # and an image
# Links as they are looked for: from their `[` (a `!` before it makes an embed or an image of one,
# no more or less a link), since a pattern that starts with a bracket is tried at brackets alone.
_WIKILINKS = re.compile(_WIKILINK)
_LINKS = re.compile(f"{_WIKILINK}|{_MARKDOWN_LINK}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")  # `https:`, `mailto:`, `obsidian:`, `C:`
# A tag's `#` and name; it counts only at the start or after white space or `(`, which
# `find_tags` checks at each `#` (a look-behind here would be tried at every character).
_TAG = re.compile(r"#([\w/\-]*[^\W\d][\w/\-]*)")
_ATTACHMENT = re.compile(
    r"\.(?:png|jpe?g|gif|svg|webp|bmp|pdf|canvas|base|mp3|mp4|m4a|wav|webm|ogg|mov|excalidraw)$",
    re.IGNORECASE,
)


def clean(text: str) -> str:
    """Text from a field: NFC, inner white space collapsed."""
    return _clean(text) if len(text) < 256 else " ".join(nfc(text).split())


@functools.lru_cache(maxsize=1 << 16)
def _clean(text: str) -> str:
    return " ".join(nfc(text).split())


@functools.lru_cache(maxsize=1 << 16)
def link_target(inner: str) -> str | None:
    """The note a link's inner text points at, or None for same-note links and attachments."""
    target = inner.split("|", 1)[0].removesuffix("\\")  # `\|` escapes the pipe inside tables
    target = target.split("#", 1)[0].strip()
    if target.lower().endswith(".md"):
        target = target[:-3]
    target = target.strip().strip("/")
    if not target or _ATTACHMENT.search(target):
        return None
    return nfc(target)


def without_code(text: str) -> str:
    """Text with inline code spans blanked (same length): Obsidian makes no links in code.

    A span opens at a run of backticks and closes at the next run of the same length on the same
    line, as in CommonMark; one pass over the runs, so no input makes it slow.
    """
    if "`" not in text:
        return text
    spans = []
    open_at: dict[int, int] = {}  # run length: start of the unclosed run, on the current line
    after = 0  # where the run before ended: a line break since then starts a line
    for run in _BACKTICKS.finditer(text):
        if text.find("\n", after, run.start()) >= 0:
            open_at = {}
        after = run.end()
        length = len(run[0])
        if length in open_at:
            spans.append((open_at.pop(length), run.end()))
            open_at = {n: at for n, at in open_at.items() if at < spans[-1][0]}
        else:
            open_at[length] = run.start()
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        pieces += [text[last:start], " " * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def find_links(text: str, line: int) -> tuple[Link, ...]:
    """Every link to a note in one line of a note's body: wikilinks and Markdown links."""
    if "](" not in text:
        return find_wikilinks(text, line)
    links = []
    for found in _LINKS.findall(without_code(text) if "`" in text else text):
        target = _target(*found)
        if target is not None:
            links.append(new_tuple(Link, (target, line, False)))  # Link(target, line)
    return tuple(links)


def find_wikilinks(text: str, line: int) -> tuple[Link, ...]:
    """Every wikilink in one line of text (a frontmatter value's links: Obsidian makes no link of
    a Markdown link in a property)."""
    if "[[" not in text:
        return ()
    links = []
    for inner in _WIKILINKS.findall(without_code(text) if "`" in text else text):
        target = link_target(inner)
        if target is not None:
            links.append(new_tuple(Link, (target, line, False)))  # Link(target, line)
    return tuple(links)


def link_targets(text: str) -> Iterator[tuple[int, str]]:
    """Where each link to a note in a text starts, and its target: wikilinks and Markdown links
    outside code spans (none crosses a line)."""
    for found in _LINKS.finditer(without_code(text)):
        target = _target(*found.groups(""))
        if target is not None:
            yield found.start(), target


def leading_link(text: str, at: int) -> tuple[str, int] | None:
    """The target of the link to a note that `text` holds at `at` (a wikilink or a Markdown
    link, as `link_targets` reads them), and where it ends; None if there is none there."""
    found = _LINKS.match(text, at)
    if found is None:
        return None
    target = _target(*found.groups(""))
    return None if target is None else (target, found.end())


def _target(inner: str, _: str, pointy: str, bare: str) -> str | None:
    """The target of a link `_LINKS` found, from its groups: a wikilink's inner text, or a
    Markdown link's text and destination (`<…>` or bare)."""
    return link_target(inner) if inner else _destination_target(pointy or bare)


@functools.lru_cache(maxsize=1 << 14)
def _destination_target(destination: str) -> str | None:
    """The note a Markdown link's destination points at, as a link's target: URL-decoded (Obsidian
    writes `Jane%20Doe.md`), without heading or `.md`; a relative path (`../People/Jane Doe`) is
    kept as written, for the resolver to read from the linking note's folder. None for a URL
    (`https:`, `mailto:`, `obsidian:`, `file:`, or a host's `//example.com/…`), a same-note
    link and an attachment."""
    if _SCHEME.match(destination) or destination.startswith("//"):
        return None
    return link_target(unquote(destination))


@functools.lru_cache(maxsize=1 << 16)
def value_links(value: str) -> tuple[Link, ...]:
    """A frontmatter value read as links: every `[[Name]]` in it, else the value as a plain name.

    Their lines are left as 0, for the caller to fill in.
    """
    if "[[" in value:
        return find_wikilinks(value, 0)
    target = link_target(value.strip())
    return (Link(target, 0, plain=True),) if target else ()


def find_tags(text: str) -> frozenset[str]:
    """The tags on a line, lower-cased and without `#`."""
    if "#" not in text:
        return _NO_TAGS
    if "`" in text:
        return _tags_in(without_code(text))
    # What a line's tags are depends only on what follows the character before its first `#`
    # (the two, when that one is the `(` a link's destination may open): lines end alike
    # (`… #met`), so their tags are found once.
    first = text.find("#")
    return _tags_in(text[first - 2 if first > 1 and text[first - 1] == "(" else max(first - 1, 0):])


@functools.lru_cache(maxsize=1 << 14)
def _tags_in(text: str) -> frozenset[str]:
    """The tags of a text: each `#` at its start or after white space or `(`, but not the `(` of
    a Markdown link's destination (`[Outreach list](#Outreach%20list)`: a heading of the note)."""
    names = []
    at = text.find("#")
    while at >= 0:  # (a tag's name holds no `#`: no tag starts inside another)
        if at == 0 or text[at - 1].isspace() or (text[at - 1] == "(" and text[at - 2:at] != "]("):
            found = _TAG.match(text, at)
            if found:
                names.append(found[1])
        at = text.find("#", at + 1)
    return _tag_set(tuple(names))


@functools.lru_cache(maxsize=4096)
def _tag_set(tags: tuple[str, ...]) -> frozenset[str]:
    return frozenset(tag.lower() for tag in tags)
