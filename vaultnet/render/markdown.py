"""Markdown helpers for generated notes: text that cannot break a page, links to notes, and where
the agenda is (a light module: `sync`'s summary names it without the pipe)."""

from __future__ import annotations

import functools
import re
from urllib.parse import quote

from vaultnet.base.model import Person
from vaultnet.base.text import CONTROL, HIDDEN

# What a wikilink cannot hold as written: link syntax, `%` (`%%` starts a comment), backticks
# (they would pair into a code span), white space but a plain space (a tab, a line break) and
# control characters.
_LINK_UNSAFE = re.compile(rf"[\[\]|#^%`]|[^\S ]|{CONTROL.pattern}")
# A name, or a folder's, that starts or ends with white space: Obsidian trims a wikilink's target.
_EDGE_SPACE = re.compile(r"(?:^|/)\s|\s(?:/|$)")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~$!%])")
# What `_LINK_UNSAFE` finds in printable text (which holds no control, hidden or separator
# character, and no white space but the space): a set test, in a third of the time of the three searches.
_UNSAFE_PRINTABLE = frozenset("[]|#^%`")


def followups_path(output: str) -> str:
    """Where the day's agenda is written: `Network/Follow-ups.md`."""
    return f"{output}/Follow-ups.md"


def one_line(text: str) -> str:
    """Text as one line of a page: no hidden character (one that would reorder or hide it), each
    control a space, its words joined by one space."""
    return " ".join(CONTROL.sub(" ", HIDDEN.sub("", text)).split())


@functools.lru_cache(maxsize=1 << 16)  # (a name is shown on several pages)
def label(text: str) -> str:
    """Text from a note, shown in generated Markdown: one line, with Markdown syntax escaped and
    no invisible character that would reorder or hide it (a right-to-left override)."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def inline(text: str) -> str:
    """A user's own line (a task, a log entry) shown as written, but unable to break the page."""
    # (Printable text holds no control, hidden or separator character, and no white space but
    # the space: most lines, some 7,000 on a sync's pages at 10,000 people, need nothing more.)
    if not (text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "):
        text = one_line(text)
    if "`" in text or "<" in text:
        text = _LIVE_CODE_OR_HTML.sub(_escaped, text)
    return text.replace("%%", "%\\%")


# A backtick or `<` with the backslashes before it: escaped unless the line escaped it already
# (an odd run of them), so that what the note shows as text, the page shows as text, and a
# backslash of the line's own before one cannot escape the escape (`\\`` left a live backtick).
_LIVE_CODE_OR_HTML = re.compile(r"(\\*)([`<])")
_LIVE_LINK = re.compile(r"(\\*)(\[)")


def _escaped(found: re.Match[str]) -> str:
    slashes = found[1]
    return f"{slashes}{found[2]}" if len(slashes) % 2 else f"{slashes}\\{found[2]}"


# A code span of vaultnet's own words (`topics: [open data`): a backtick at the start or after a
# space or an opening mark, to the first backtick before a space, a punctuation mark or the end,
# so that a note's text quoted in it may hold backticks of its own (`role: `tick``).
_OWN_CODE = re.compile(r"(?:(?<=^)|(?<=[\s(\[\"'“]))`(.+?)`(?=[\s,.;:!?)\]\"'”]|$)")
_BACKTICKS = re.compile(r"`+")


def own_words(text: str) -> str:
    """A message of vaultnet's own (a problem's) on a page: its code spans as code, a note's
    text quoted in them as written (a code span renders no link, tag, comment or HTML; one that
    holds a backtick is fenced with more), the rest as `inline` text whose `[` links nothing.
    (Where a note's text holds a backtick a span might end at, a span may end there: what shows
    is then parted otherwise, but nothing outside the spans is ever live.)"""
    out, at = [], 0
    for span in _OWN_CODE.finditer(text):
        out += [_words(text[at:span.start()]), _code(span[1])]
        at = span.end()
    return "".join([*out, _words(text[at:])])


def _words(text: str) -> str:
    """Words between code spans, with the space at each end kept (`inline` takes it off), and
    every `[` escaped: no link, wikilink or image of a note's text quoted here is live."""
    words = text.strip(" ")
    if not words:
        return " " if text else ""
    return (" " if text[0] == " " else "") + _LIVE_LINK.sub(_escaped, inline(words)) + \
        (" " if text[-1] == " " else "")


def code_span(text: str) -> str:
    """Text as a code span, shown as written: one line, fenced with more backticks than any
    run of them it holds (escapes are not read in a code span)."""
    return _code(text)


def _code(text: str) -> str:
    text = one_line(text) or " "  # (never "``")
    if "`" not in text:
        return f"`{text}`"
    fence = "`" * (max(map(len, _BACKTICKS.findall(text))) + 1)
    return f"{fence} {text} {fence}"


@functools.lru_cache(maxsize=1 << 16)  # (a person is linked from several pages)
def note_link(path: str, shown: str) -> str:
    """A link to a note by its vault path: a wikilink when it can be one, else a Markdown link."""
    target = path.removesuffix(".md")
    if not _plain(target, shown):
        shown = HIDDEN.sub("", shown)  # the target must stay the file's own name; what shows need not
        if _LINK_UNSAFE.search(target) or _LINK_UNSAFE.search(shown) or _EDGE_SPACE.search(target):
            return f"[{label(shown)}]({quote(path, safe='/')})"
    return f"[[{target}|{shown}]]" if shown != target else f"[[{target}]]"


def _plain(target: str, shown: str) -> bool:
    """Whether a link's target and the text it shows can stand in a wikilink as they are, told
    without a search: most names (see `_UNSAFE_PRINTABLE`)."""
    return target.isprintable() and shown.isprintable() and _UNSAFE_PRINTABLE.isdisjoint(target) \
        and _UNSAFE_PRINTABLE.isdisjoint(shown) and target[:1] != " " and target[-1:] != " " \
        and " /" not in target and "/ " not in target


def person_link(person: Person) -> str:
    return note_link(person.path, person.name)
