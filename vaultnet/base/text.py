"""Text as vaultnet compares and shows it: names' identity and order, terminal-safe text, counted words."""

from __future__ import annotations

import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Sequence


def compiled_when_used(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """What gives the regular expression `pattern`, compiled the first time it is asked for
    rather than when its module is imported: for one that a sync after an edit never uses (every
    command imports some 200 of them; compiling the costliest few a sync does not use took 8 ms
    of the 0.1 s its imports take at the start of each `vaultnet sync`)."""
    return functools.cache(functools.partial(re.compile, pattern, flags))


# Characters that break a line or drive a terminal: never shown as they are.
_CONTROL = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
CONTROL = re.compile(f"[{_CONTROL}]")
# Invisible characters that reorder or hide text (bidi controls, zero widths, a stray BOM).
_HIDDEN = r"\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
HIDDEN = re.compile(f"[{_HIDDEN}]")
# What a terminal must not get raw: CONTROL, HIDDEN, and the other invisible format characters
# that can disguise text: the Arabic letter mark, the Mongolian vowel separator, the word joiner,
# the invisible operators and the deprecated format characters (U+2060-U+206F). Zero-width
# (non-)joiners stay: emoji sequences, Persian and the Indic scripts need them; so do variation
# selectors and tag characters (emoji), and the soft hyphen, which a terminal shows.
_not_shown_raw = compiled_when_used(f"[{_CONTROL}{_HIDDEN}\\u061c\\u180e\\u2060-\\u206f]")
_LONE_CR = re.compile(r"\r(?!\n)")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")  # `- `, `* `, `3. `, `3) `


def lone_cr_as_lf(text: str) -> str:
    """`text` with each lone carriage return (an old Mac's line break) made a line feed: the
    same length, so every offset and line number stays as the note has it."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def single_line(text: str) -> str:
    """Text as one line: control characters out, whitespace collapsed, NFC."""
    return nfc(" ".join(CONTROL.sub(" ", text).split()))


# Latin letters that no decomposition splits into a base letter and a mark, as a reader sorts them.
_UNMARKED = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
                           "ħ": "h", "Ħ": "h", "ı": "i", "ŧ": "t", "Ŧ": "t", "æ": "ae",
                           "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th"})


def sort_key(text: str) -> str:
    """A name as lists are sorted by it: case and a Latin letter's accents set aside, so that
    `Émile` comes between `Emil` and `Emma` and `Łukasz` among the L's, not both after `Zoe` (a
    caller breaks the ties it leaves, by the path). Other scripts keep their letters (`Й` is a
    letter of its own after `И`, `が` stays `が`) and sort by their code points."""
    return text.casefold() if text.isascii() else _sort_key(text)


# What phones and keyboards write for an apostrophe: iPhone's ’ (U+2019), ‘, ‛, the modifier
# letter ʼ, the grave and acute accents, the prime and the full-width apostrophe. Not the ʻokina.
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u201b\u02bc`\u00b4\u2032\uff07", "'"))


def one_apostrophe(name: str) -> str:
    """A name with one apostrophe for all that stand for it (`O’Brien` is `O'Brien`): for
    matching names, never for writing them."""
    return name.translate(_APOSTROPHES)


def name_order(name: str) -> tuple[str, str]:
    """A name as a list of names is sorted by it (`sort_key`), its own spelling breaking ties."""
    return sort_key(name), name


@functools.lru_cache(maxsize=1 << 14)
def _sort_key(text: str) -> str:
    kept: list[str] = []
    for c in unicodedata.normalize("NFKD", text.translate(_UNMARKED)):
        if not (unicodedata.combining(c) and kept and kept[-1] < "\u0250"):  # a Latin letter's
            kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept)).casefold()


@functools.lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """The identity of a name: NFC, case-folded, inner white space collapsed."""
    return " ".join(nfc(text).casefold().split())


def keys(texts: Sequence[str]) -> list[str]:
    """`key` of each of `texts`: those in ASCII all at once, joined by NUL into one string and
    lowered (`key` in ASCII, which has no NUL to add or lose, when it has no white space to
    change), and `key` of each of the others: the 13,700 names of 10,000 dense people in 2.5 ms,
    where `key` of each, whose cache starts empty in each sync, took 4.5."""
    joined = "\0".join(texts)
    found = joined.lower().split("\0")
    if len(found) != len(texts) or _spaced(joined.encode("utf-8", "surrogatepass")):
        return list(map(key, texts))  # (a text holds a NUL of its own, or white space to change)
    for at in itertools.compress(range(len(texts)), map(operator.not_, map(str.isascii, texts))):
        found[at] = key(texts[at])
    return found


def _spaced(joined: bytes) -> bool:
    """Whether texts joined by NUL (as UTF-8) hold white space `key` would change in ASCII: any
    but the space, two spaces, or one at either end of a text. (Searched in C, as bytes: as a
    string, with a pattern, it took 3 ms for 13,700 names.)"""
    return joined.translate(None, _NOT_THE_SPACE) != joined or b"  " in joined \
        or b"\0 " in joined or b" \0" in joined or joined.startswith(b" ") \
        or joined.endswith(b" ")


_NOT_THE_SPACE = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"  # (ASCII's other white space, to `str.split`)


def folded_name(name: str) -> str:
    """A name as compared for a twin (by `add`, the imports and `intro`): its `key`, with case
    and a Latin letter's accents set aside as `sort_key` sets them aside (`Carol Díaz` is `carol
    diaz`; `Й` stays `й`), and one apostrophe for all (`O’Brien`)."""
    return _folded(name)


def _folded(name: str, apostrophes: bool = True, accents: bool = True) -> str:
    """`folded_name`'s steps, each but the one left out (`names_differ_by`)."""
    name = key(one_apostrophe(name) if apostrophes else name)
    return key(sort_key(name)) if accents else name


def names_differ_by(a: str, b: str) -> list[str]:
    """What sets apart two names of the same `folded_name`, of `case`, `accents` and
    `apostrophes`, in that order (`Carol Díaz`, `carol diaz`: case and accents); none when a link
    takes them for one name (white space and Unicode normalisation aside). Each is checked by
    `folded_name`'s own steps, all but the one it sets aside."""
    a, b = (" ".join(nfc(text).split()) for text in (a, b))
    kept: tuple[tuple[str, Callable[[str], object]], ...] = (
        ("case", _case_of), ("accents", functools.partial(_folded, accents=False)),
        ("apostrophes", functools.partial(_folded, apostrophes=False)))
    return [what for what, of in kept if of(a) != of(b)]


def _case_of(name: str) -> list[bool]:
    """Which letters of a name are capitals (one apostrophe for all: `ʼ` is a letter)."""
    return [c.isupper() for c in one_apostrophe(name) if c.isalpha()]


def _escape(found: re.Match[str]) -> str:
    return found[0].encode("unicode_escape").decode("ascii")  # `\x1b`, `\u202e`


def printable(text: str) -> str:
    """Text from a note made safe for a terminal: control characters and invisible characters
    that reorder or hide text (bidi overrides, isolates and marks, zero widths) shown as escapes,
    so that a name cannot move the cursor, retitle the window, split a line or disguise itself
    (`ab\\u202etxt.exe` showing as `abexe.txt`). Every other character shows as it is."""
    # (Each of those characters is unprintable to `str.isprintable`: most lines need no search.)
    return text if text.isprintable() else _not_shown_raw().sub(_escape, text)


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 day`, `2 days`; `many` for irregular plurals (person, people)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def some_of(items: Sequence[str], most: int = 5, count: int | None = None) -> str:
    """`items` joined by commas, the first `most` of them and how many more when there are more
    than one more (`count`: how many there are, when `items` holds only the first of them): what
    a message names of what may be thousands (notes that share a name), as a line to read, not a
    list that grows with the vault."""
    count = len(items) if count is None else count
    if count <= most + 1:
        return ", ".join(items[:count])
    return f"{', '.join(items[:most])} and {count - most} more"


def days(n: int) -> str:
    return plural(n, "day")


def ago(n: int) -> str:
    """`today`, `1 day ago`, `5 days ago`: how long ago a day `n` days before today was."""
    return f"{days(n)} ago" if n else "today"


def logged_text(text: str) -> str:
    """A logged line without its list marker (`- 2026-11-20 …` is `2026-11-20 …`): a daily note's
    lines are kept as written."""
    marker = _LIST_MARKER.match(text)
    return text[marker.end():] if marker is not None else text
