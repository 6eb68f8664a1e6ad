"""Wikilinks and tags as Obsidian reads them."""

from __future__ import annotations

import functools
import re
import unicodedata

from vaultnet.model import Link

WIKILINK = re.compile(r"!?\[\[([^\[\]\r\n]+?)\]\]")
_TAG = re.compile(r"(?<![^\s(])#([\w/\-]*[^\W\d][\w/\-]*)")
_ATTACHMENT = re.compile(
    r"\.(?:png|jpe?g|gif|svg|webp|bmp|pdf|canvas|base|mp3|mp4|m4a|wav|webm|ogg|mov|excalidraw)$",
    re.IGNORECASE,
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """The identity of a name: NFC, case-folded, inner white space collapsed."""
    return " ".join(nfc(text).casefold().split())


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


def find_links(text: str, line: int) -> list[Link]:
    """Every wikilink in one line of text."""
    if "[[" not in text:
        return []
    links = []
    for match in WIKILINK.finditer(text):
        target = link_target(match[1])
        if target is not None:
            links.append(Link(target, line))
    return links


def value_link(value: str, line: int) -> Link | None:
    """A frontmatter value read as a link: `[[Name]]`, or a plain name."""
    value = value.strip()
    match = WIKILINK.fullmatch(value)
    target = link_target(match[1]) if match else link_target(value)
    return Link(target, line) if target else None


def find_tags(text: str) -> frozenset[str]:
    """The tags on a line, lower-cased and without `#`."""
    if "#" not in text:
        return frozenset()
    return frozenset(tag.lower() for tag in _TAG.findall(text))
