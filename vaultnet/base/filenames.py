"""Safe file names: valid on Windows, macOS and Linux, and for Obsidian's links."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict

MAX_STEM_BYTES = 120
_UNSAFE_FILE = re.compile(r'[<>:"/\\|?*#^\[\]%\x00-\x1f\x7f]')
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(?:\..*)?", re.IGNORECASE)


def safe_stem(name: str) -> str:
    """A file name stem made safe for every common file system and for Obsidian's links."""
    stem = unicodedata.normalize("NFC", name)
    stem = _UNSAFE_FILE.sub("-", stem)
    stem = " ".join(stem.split()).strip(" .")
    reserved = _RESERVED.fullmatch(stem)
    if reserved:
        # Windows reads only the part before the first dot: `aux.txt` is the device AUX too.
        stem = f"{stem[:reserved.end(1)]}_{stem[reserved.end(1):]}"
    encoded = stem.encode("utf-8")
    if len(encoded) > MAX_STEM_BYTES:
        stem = encoded[:MAX_STEM_BYTES].decode("utf-8", "ignore").rstrip(" .")
    if stem.startswith("."):
        stem = "_" + stem
    return stem or "untitled"


def unique_stems(names: dict[str, str]) -> dict[str, str]:
    """Map each key to a distinct safe stem; collisions get a stable suffix from the key's hash.

    `names` maps a stable key to the display name. Two stems collide when they differ only in case
    or Unicode normalisation, as they would on Windows and macOS.
    """
    groups: dict[str, list[str]] = defaultdict(list)
    stems = {k: safe_stem(v) for k, v in names.items()}
    for k, stem in stems.items():
        groups[stem.casefold()].append(k)
    out = {}
    for members in groups.values():
        if len(members) == 1:
            out[members[0]] = stems[members[0]]
            continue
        clean = [k for k in members if stems[k] == names[k]]
        for k in members:
            if len(clean) == 1 and k == clean[0]:
                out[k] = stems[k]
            else:
                digest = hashlib.sha1(k.encode("utf-8")).hexdigest()[:6]
                base = stems[k].encode("utf-8")[: MAX_STEM_BYTES - 8].decode("utf-8", "ignore")
                out[k] = f"{base.rstrip(' .')} ~{digest}"
    return out
