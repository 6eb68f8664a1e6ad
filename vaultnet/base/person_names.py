"""People's names as the imports and `add` match them: without honorifics, credentials, pronouns
or emoji (`clean_name`), given name first (`given_first`), and the key that two spellings of one
name share (`name_key`). Pure functions of the text, for matching names; a note is named as its
person's name is written."""

from __future__ import annotations

import re
import unicodedata

from vaultnet.base.text import HIDDEN, key, one_apostrophe, single_line

# -- what a name is not: honorifics, credentials, pronouns, emoji ---------------------------
_HONORIFIC = re.compile(
    r"(?:dr|dra|prof|professor|mr|mrs|ms|miss|mx|sir|dame|rev|revd|reverend|fr|hon"
    r"|herr|frau|mme|mlle)(?:\.\s*|\s+)", re.IGNORECASE)
# Honorifics that are given names too, without their dot (`Hon Wai Lam`: Hon, Cantonese).
_GIVEN_TOO = frozenset({"hon"})
# Credentials as people write them; dots are ignored (`Ph.D.` is `PhD`).
_CREDENTIALS = frozenset({
    "PhD", "DPhil", "EdD", "DBA", "MD", "DO", "DDS", "DMD", "DVM", "PharmD", "PsyD", "JD", "LLM",
    "LLB", "Esq", "MBA", "EMBA", "MPA", "MPP", "MPH", "MSc", "MS", "MA", "MEng", "MFA", "MEd",
    "MSW", "MBBS", "BSc", "BS", "BA", "BEng", "CPA", "CA", "CFA", "CFP", "CMA", "CIA", "CISA",
    "CISSP", "PE", "PEng", "PMP", "RN", "NP", "LCSW", "FRCS", "FRCP", "MRCP", "ACCA", "FCA", "ACA",
    "SHRM-CP", "SHRM-SCP", "PHR", "SPHR", "CSM",
})
_FOLDED_CREDENTIALS = frozenset(c.casefold() for c in _CREDENTIALS)
GENERATION_WORD = r"Jr\.?|Sr\.?|II|III|IV"
_GENERATION = re.compile(rf"[\s,]+({GENERATION_WORD})$")  # part of the name: kept
_PRONOUNS = re.compile(r"\s*\((?:she|her|hers|he|him|his|they|them|theirs|ze|zir|xe|xem|any)"
                       r"(?:\s*/\s*[a-z]+)+\)$", re.IGNORECASE)
_SEPARATORS = " ,;|·•–—-"
_EMOJI_PARTS = frozenset("\u200d\ufe0e\ufe0f\u20e3")
# Han (with 々, 〆 and 〇), Hiragana, Katakana and Hangul, as a character class's ranges: the
# scripts whose names are written family name first, often without a space between the two.
CJK = ("\u1100-\u11ff\u3005-\u3007\u3040-\u309f\u30a0-\u30ff\u3130-\u318f\u31f0-\u31ff"
       "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff"
       "\uff66-\uff9f\U00020000-\U0003134f")
CJK_NAME = re.compile(rf"[{CJK}\s]+")
# What `name_key` sets aside: dots and commas, and a space between Chinese, Japanese or Korean
# characters.
_NAME_NOISE = re.compile(r"[.,]")
_CJK_SPACE = re.compile(rf"(?<=[{CJK}]) (?=[{CJK}])")


def name_key(name: str, keep_given: bool = False) -> str:
    """A name as matched: without honorifics, credentials, emoji, dots, commas or case; with its
    given names first (`Müller, Jürgen` is `Jürgen Müller`), one apostrophe for all (`O’Brien`
    is `O'Brien`) and no space between Chinese, Japanese or Korean characters (`山田 太郎` is
    `山田太郎`). Only for matching: a note is named as its contact spells the name.
    `keep_given`: as `clean_name` has it."""
    name = one_apostrophe(given_first(clean_name(name, keep_given=keep_given)))
    return _CJK_SPACE.sub("", key(_NAME_NOISE.sub(" ", name)))


def name_keys(name: str, keep_given: bool = False) -> tuple[str, ...]:
    """The keys a name is matched by: `name_key`'s, and for a name of two parts in Chinese,
    Japanese or Korean characters, the parts the other way round too (`山田 太郎`, `太郎 山田`):
    one source writes the family name first, another last."""
    parts = clean_name(name, keep_given=keep_given).replace(",", " ").split()
    if len(parts) == 2 and CJK_NAME.fullmatch("".join(parts)):
        return name_key(name, keep_given), name_key(f"{parts[1]} {parts[0]}", keep_given)
    return (name_key(name, keep_given),)


def given_first(name: str) -> str:
    """A name written family name first behind one comma, with its given names first: `Müller,
    Jürgen` is `Jürgen Müller` and `Smith, John Jr.` is `John Smith Jr.`; in Chinese, Japanese
    or Korean characters, the family name stays first (`山田, 太郎` is `山田 太郎`); any other as
    it is."""
    family, comma, given = name.partition(",")
    if not comma or "," in given or not family.strip() or not given.strip():
        return name
    if CJK_NAME.fullmatch(f"{family}{given}"):
        return " ".join(f"{family} {given}".split())
    generation = ""
    if found := _GENERATION.search(given):
        given, generation = given[:found.start()], found[1]
    return " ".join(f"{given} {family} {generation}".split())


def clean_name(name: str, given: str = "", keep_given: bool = False) -> str:
    """A person's name without honorifics, trailing credentials, pronouns in brackets, emoji or
    invisible marks (bidi controls, zero widths: `HIDDEN`, which phones write into Arabic and
    Hebrew names): `Dr. Priya Verma, PhD 🎓` is `Priya Verma`. What would leave nothing is kept,
    but for the marks.

    `given` is the given name where the contact names it apart (vCard's N, a First Name column):
    a word that could be an honorific and is that whole given name is the name's own (`Hon Lam`,
    with Hon as the given name, is not `Lam`); a word before it is still an honorific.
    `keep_given`, for a name with no given name apart (`vaultnet add`'s NAME): such a word is the
    name's own where one word alone would be left after it, as it may be the given name (`Hon
    Lam` stays; `Dr. Hon Lam` is `Hon Lam`, `Dr. Carol Diaz` is `Carol Diaz`), and so is one that
    is a given name too, written without its dot (`Hon Wai Lam` stays; `Hon. Wai Lam` is not)."""
    name = HIDDEN.sub("", name)
    text = " ".join(without_emoji(name).split()).strip(_SEPARATORS)
    if not text:
        return name
    own = single_line(given)
    while (found := _HONORIFIC.match(text)) and text[found.end():].strip() and not (
            _HONORIFIC.fullmatch(f"{own} ") and key(text).startswith(f"{key(own)} ")) and not (
            keep_given and (found[0].strip().casefold() in _GIVEN_TOO
                            or len(clean_name(text[found.end():], keep_given=True).split()) < 2)):
        text = text[found.end():]
    generation = ""  # Jr., Sr., III: part of the name, wherever it stands among the credentials
    while True:
        before = text
        text = _PRONOUNS.sub("", text).rstrip(_SEPARATORS)
        head, comma, tail = text.rpartition(",")
        words = text.split()
        if not generation and len(words) >= 3 and (found := _GENERATION.search(text)):
            text, generation = text[:found.start()], found[1]
        elif comma and head.strip() and tail.split() and all(
                _credential(word, loose=True) for word in tail.split()):
            text = head
        elif len(words) >= 3 and _credential(words[-1], loose=False):
            text = text[:text.rstrip().rfind(" ")]
        text = text.rstrip(_SEPARATORS)
        if text == before:
            break
    return f"{text} {generation}" if generation else text


def _credential(word: str, loose: bool) -> bool:
    """Whether a word is a degree or licence: written as usual (`PhD`, `MBA`, `M.D.`), or in any
    case after a comma (`Verma, phd`), never as a name could be (`Ma`, `Md`)."""
    bare = word.replace(".", "")
    if bare in _CREDENTIALS or (bare.isupper() and bare.casefold() in _FOLDED_CREDENTIALS):
        return True
    return (loose or "." in word) and bare.casefold() in _FOLDED_CREDENTIALS


def without_emoji(text: str) -> str:
    """`text` with each emoji (and its joiners and modifiers) made a space."""
    return "".join(" " if _is_emoji(c) else c for c in text)


def _is_emoji(char: str) -> bool:
    """Emoji and pictographs, with their joiners, variation selectors and skin tones."""
    return (unicodedata.category(char) == "So" or char in _EMOJI_PARTS
            or 0x1F3FB <= ord(char) <= 0x1F3FF or 0xE0020 <= ord(char) <= 0xE007F)
