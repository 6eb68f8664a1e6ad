"""Safe file names: valid on Windows, macOS and Linux, and for Obsidian's links."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict

from vaultnet.base.text import HIDDEN

MAX_STEM_BYTES = 120
# What Windows allows in no file or folder name, besides `/` and control characters.
_WINDOWS_FORBIDDEN_CHARS = '<>:"|?*\\'
# Unsafe in a file name: what Windows forbids, `/`, control characters, and what Obsidian's links
# cannot hold.
_UNSAFE_FILE = re.compile(f"[{re.escape(_WINDOWS_FORBIDDEN_CHARS)}/#^\\[\\]%\\x00-\\x1f\\x7f]")
_WINDOWS_FORBIDDEN = re.compile(f"[{re.escape(_WINDOWS_FORBIDDEN_CHARS)}]")
# Invisible in a file manager besides HIDDEN's bidi controls and zero widths: the Arabic letter
# mark, the word joiner and invisible operators, the soft hyphen. (Zero-width joiners stay: emoji
# and some scripts need them.)
_ALSO_INVISIBLE = re.compile("[\u00ad\u061c\u2060-\u2064]")
# Windows' device names. Windows reads only the part before the first dot, and ignores spaces
# before that dot: `aux.txt` and `aux .txt` are the device AUX too.
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³]) *(?:\..*)?",
                       re.IGNORECASE)
_DIGEST_LENGTHS = (6, 8, 12, 16, 40)  # a suffix grows until it clashes with nothing


def safe_stem(name: str) -> str:
    """A file name stem made safe for every common file system and for Obsidian's links.

    Bidi overrides and invisible characters are dropped: `ab\\u202etxt.exe` would show in a file
    manager as `abexe.txt`.
    """
    stem = unicodedata.normalize("NFC", name)
    stem = _ALSO_INVISIBLE.sub("", HIDDEN.sub("", stem))
    stem = _UNSAFE_FILE.sub("-", stem)
    stem = " ".join(stem.split()).strip(" .")
    stem = _fit(stem)
    reserved = _RESERVED.fullmatch(stem)
    if reserved:
        stem = _fit(f"{stem[:reserved.end(1)]}_{stem[reserved.end(1):]}")
    return stem or "untitled"


# Editors' debris: JetBrains IDEs' safe-write copies.
_DEBRIS = ("___jb_tmp___", "___jb_old___")


def is_hidden_name(name: str) -> bool:
    """Whether a file or folder of this name (one part of a path) is one Obsidian does not show
    or that is no one's note: a dot-name (`.obsidian`, `.git`), a backup (`Jane.md~`), an
    editor's debris or `lost+found`. The vault's walk leaves it out wherever it is."""
    return name.startswith(".") or name.endswith("~") or name == "lost+found" \
        or any(marker in name for marker in _DEBRIS)


def windows_trouble(name: str) -> str | None:
    """Why Windows cannot hold a file or folder of this name (one part of a path), if it cannot:
    a vault moves between machines, so a name set on one must work on all."""
    forbidden = _WINDOWS_FORBIDDEN.search(name)
    if forbidden:
        return f"holds {forbidden[0]!r}, which Windows does not allow in a name"
    if name.endswith((".", " ")):
        return "ends with a dot or a space, which Windows drops"
    if _RESERVED.fullmatch(name):
        return "is a device name on Windows"
    return None


def _fit(stem: str) -> str:
    """At most MAX_STEM_BYTES of `stem`, cut between characters, with no dot or space at the end."""
    encoded = stem.encode("utf-8")
    if len(encoded) <= MAX_STEM_BYTES:
        return stem
    return encoded[:MAX_STEM_BYTES].decode("utf-8", "ignore").rstrip(" .")


def unique_stems(names: dict[str, str]) -> dict[str, str]:
    """Map each key to a safe stem that no other key's stem equals, ignoring case and Unicode
    normalisation (as Windows and macOS do).

    `names` maps a stable key to the display name. A stem that only one key has is kept; of the
    keys sharing one, the only one whose name is that stem exactly keeps it. Every other key gets
    a suffix from its own hash, `untitled ~8d1bf3`, lengthened until it clashes with no stem given
    out before it, the kept ones included (a topic may well be named `untitled ~8d1bf3` itself).
    The answer depends on the names alone, never on their order.
    """
    stems = {k: safe_stem(v) for k, v in names.items()}
    groups: dict[str, list[str]] = defaultdict(list)
    for k in sorted(stems):
        groups[_folded(stems[k])].append(k)
    out: dict[str, str] = {}
    suffixed: list[str] = []
    for members in groups.values():
        clean = [k for k in members if stems[k] == names[k]]
        keeper = members[0] if len(members) == 1 else clean[0] if len(clean) == 1 else None
        if keeper is not None:
            out[keeper] = stems[keeper]
        suffixed += [k for k in members if k != keeper]
    taken = {_folded(stem) for stem in out.values()}
    for k in sorted(suffixed):
        out[k] = _suffixed(stems[k], k, taken)
        taken.add(_folded(out[k]))
    return out


def _folded(stem: str) -> str:
    """A stem as a case-insensitive file system that normalises Unicode compares it."""
    return unicodedata.normalize("NFC", stem).casefold()


def _suffixed(stem: str, k: str, taken: set[str]) -> str:
    """`stem ~digest`, with the shortest digest of `k` that gives a stem not yet taken."""
    digest = hashlib.sha1(k.encode("utf-8", "surrogatepass")).hexdigest()
    number = 1
    while True:
        for length in _DIGEST_LENGTHS:
            tail = f" ~{digest[:length]}" + (f"-{number}" if number > 1 else "")
            base = stem.encode("utf-8")[:MAX_STEM_BYTES - len(tail)].decode("utf-8", "ignore")
            candidate = f"{base.rstrip(' .') or 'untitled'}{tail}"
            if _folded(candidate) not in taken:
                return candidate
        number += 1  # every digest of this key taken, by names made to match it: count on
