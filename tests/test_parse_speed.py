"""The parse's fast paths give exactly what the general paths give (issue 18, "Cold").

Each fast path is held to a plain reference on generated input: the simple frontmatter reader to
the YAML loader, the one-pass reading of a person's lines to the patterns run over the whole body
(as the parse did before), and the tag finder to its look-behind pattern.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vaultnet.base.dates import BadDate, iso_date
from vaultnet.base.model import Entry, Link, Problem, Task
from vaultnet.parse import frontmatter as frontmatter_module
from vaultnet.parse import note as note_module
from vaultnet.parse import yaml_loader
from vaultnet.parse.frontmatter import split_frontmatter
from vaultnet.parse.links import find_links, find_tags, link_targets, without_code
from vaultnet.parse.simple_yaml import YAML_1_2, SimpleYaml

MANY = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SIMPLE = SimpleYaml()  # (typing words by its own resolvers, `YAML_1_2`: held to the loader's)


def test_the_simple_reader_types_words_by_the_loaders_own_resolvers():
    """`YAML_1_2`, written out so that simple frontmatter is read without importing PyYAML, is
    what the loader resolves plain scalars with: the same tags and patterns, in the same order,
    for every first character."""
    def plain(table: dict[Any, list[tuple[str, re.Pattern[str]]]]) -> dict[Any, list[Any]]:
        return {first: [(tag, rx.pattern, rx.flags) for tag, rx in found]
                for first, found in table.items() if found}

    assert plain(YAML_1_2) == plain(yaml_loader.Loader.yaml_implicit_resolvers)


def test_notes_are_split_at_the_lines_python_frontmatter_splits_them_at():
    import frontmatter.default_handlers

    theirs = frontmatter.default_handlers.YAMLHandler.FM_BOUNDARY
    assert (frontmatter_module.BOUNDARY.pattern, frontmatter_module.BOUNDARY.flags) == \
        (theirs.pattern, theirs.flags)


def typed(value: Any) -> Any:
    """A value with the type of every part spelled out, so that `1`, `1.0` and `True` differ."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, value)


def loaded(raw: str) -> tuple[bool, Any]:
    """What the loader vaultnet uses makes of `raw`: (whether it read it, the value)."""
    try:
        return True, yaml.load(raw, Loader=yaml_loader.Loader)
    except (yaml.YAMLError, RecursionError, TypeError, ValueError, OverflowError):
        return False, None


# Scalars as written: words, the words YAML types, and characters that mean something to it.
WORDS = ["person", "active", "Stealth startup", "water policy", "true", "True", "FALSE", "yes",
         "no", "on", "null", "Null", "~", "12", "012", "-3", "+4", "1.5", "1e3", ".inf", "1_000",
         "1:20", "=", "<<", "--04-12", "2026-10-01", "30d", "a, b", "O'Brien", "Zoë", "李",
         "Acme (Berlin)", "a@b.example", "- a", "-", "---", "a - b", "x/y", "[[Ana]]", "&a", "*a",
         "!x", "|", ">", "%x", "@x", "`x`", "a: b", "a:b", "a #c", "a#c", "\u00a0", "\u2028",
         "\x85", "\ufeff", "e\u0301", "😀", "tab\there", "back\\slash", "", " ", "k" * 1030]
PIECES = ["a", "Z", "0", "9", " ", "  ", "-", "_", ".", ",", ":", "#", "'", '"', "[", "]", "{", "}",
          "(", ")", "&", "*", "!", "|", ">", "%", "@", "`", "\\", "/", "+", "=", "~", "?", "é",
          "\u00a0", "\u2028", "\x85", "\ufeff", "\t", "\x01", "😀"]
words = st.one_of(st.sampled_from(WORDS), st.lists(st.sampled_from(PIECES), max_size=6).map("".join))
plain_words = st.builds(str.__add__, st.sampled_from("aZtnTF0912-éß李😀"),  # mostly read simply
                        st.text("aZx0e9 ._/()+@,'-éß李😀", max_size=7))
good_keys = st.sampled_from(["type", "tags", "role", "org", "knows", "last_contact", "x-y", "_k",
                             "Tags"])
keys = good_keys | st.sampled_from(["true", "null", "1", "a b", "<<", "?", "- a", "k" * 101, '"q"',
                                    "é", "Null"])


@st.composite
def documents(draw: st.DrawFn, bent: bool = True) -> str:
    """Frontmatter of the simple shape, now and then (when `bent`) bent out of it."""
    word = words | plain_words if bent else plain_words
    item = st.one_of(word, word.map(lambda w: f'"{w}"'), word.map(lambda w: f"'{w}'"))
    flow = st.lists(item, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]")
    if bent:
        flow |= st.sampled_from(["[]", "[ ]", "[a,]", "[a, , b]", "[a] x", "[[a]]", "[a, [b]]",
                                 "[a,b]"])
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        key = draw(keys if bent else good_keys)
        kind = draw(st.sampled_from(["word", "quoted", "flow", "bare", "items"]))
        if kind == "items":
            indent = draw(st.sampled_from(["", "  ", "    ", " "]))
            lines.append(f"{key}:")
            lines += [f"{indent}- {draw(item)}" for _ in range(draw(st.integers(1, 3)))]
            if bent and draw(st.booleans()):
                lines.append(draw(st.sampled_from(["  - x", "- y", "   - z", "  more", "-", "- "])))
        else:
            value = {"word": word, "quoted": item, "flow": flow, "bare": st.just("")}[kind]
            space = "" if kind == "bare" else draw(st.sampled_from([" ", "  ", ""] if bent else
                                                                   [" ", "  "]))
            after = draw(st.sampled_from(["", " ", "  # note", "\t"] if bent else ["", " "]))
            lines.append(f"{key}:{space}{draw(value)}{after}")
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(st.sampled_from(["", "   ", "# comment", "  indented", "...", "%YAML"]
                                              if bent else ["", "   "])))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return "".join(line + end for line in lines)


@MANY
@given(documents() | documents(bent=False))
@example("type: person\nrole: mentor\norg: \"[[Org 83]]\"\ntopics: [water policy, media data]\n"
         "knows: []\nbirthday: --01-01\ncadence: 30d\n")
@example("tags:\n  - person\n  - friend\naliases:\n- Bob\nstatus:\n")
@example("a:\n- x\nb: 1\na:\n  - y\n")
def test_simple_frontmatter_reads_as_the_yaml_loader_does(raw):
    simple = SIMPLE.read(raw)
    if simple is None:
        return
    ok, value = loaded(raw)
    assert ok, raw
    assert typed(simple) == typed(value or {})


@MANY
@given(documents() | documents(bent=False), st.sampled_from(["", "# Body\n- 2026-01-02 Coffee [[A]] #met\n"]))
def test_split_frontmatter_is_the_same_with_and_without_the_simple_reader(raw, body):
    text = f"---\n{raw}---\n{body}"
    fast = split_frontmatter(text, "n.md")
    with mock.patch.object(frontmatter_module._SIMPLE, "read_with_lines", return_value=None):
        general = split_frontmatter(text, "n.md")
    assert fast == general
    assert typed(fast.meta) == typed(general.meta)


TEMPLATES = ["k: {}\n", "k:  {}  \n", "k: [{}]\n", "k: [a, {}]\n", "k: [{}, b]\n", "k:\n  - {}\n",
             "k:\n- {}\n", "{}: v\n", "k: \"{}\"\n", "k: '{}'\n", "k: [\"{}\"]\n", "k: ['{}']\n",
             "k:\n  - \"{}\"\n", "k:\n  - a\n  - {}\n", "k:\n  - a\n {}\n", "k:\n  - a\n{}\n",
             "k: a\n{}\n", "k:\n{}\n"]


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_special_word_in_every_place_reads_as_the_yaml_loader_does(template):
    for word in WORDS + [w + " " for w in WORDS] + PIECES + ["- x", "  - x", "-- x", "k: v"]:
        raw = template.format(word)
        simple = SIMPLE.read(raw)
        if simple is not None:
            ok, value = loaded(raw)
            assert ok, raw
            assert typed(simple) == typed(value or {}), raw


@pytest.mark.parametrize("raw", [
    "type: person\nrole: mentor\norg: \"[[Org 83]]\"\ntopics: [water policy, media data]\n",
    "knows: [\"[[Oscar Ekström 2]]\", \"[[Finn Taylor]]\"]\ncadence: quarterly\n",
    "birthday: --04-12\nlast_contact: 2026-10-01\nstatus: active\nknows: []\n",
    "tags:\n  - person\n  - mentor\naliases:\n  - Bob\ncreated: 2024-01-02\n",
    "type: person\r\ntags: [person]\r\nemail: ana@example.com\r\n",
    "",
])
def test_the_common_shapes_are_read_without_the_yaml_parser(raw):
    assert SIMPLE.read(raw) is not None
    assert typed(SIMPLE.read(raw)) == typed(loaded(raw)[1] or {})


# The patterns of a person's body, run over the whole body: how the parse read it before. A
# quote's lines are someone's words, none of the note's entries and tasks, unless the quote is a
# Log callout (tests/test_callout_entries.py): the lines made here start none. A callout with
# another title that holds two dated lines or more is named (`reference_callouts`).
def reference_body(body: str, first_line: int, path: str
                   ) -> tuple[list[Entry], list[Task], list[Link], list[Problem]]:
    def line_of(pos: int) -> int:
        return first_line + body.count("\n", 0, pos)

    problems: list[Problem] = []
    entries = []
    for match in note_module._DATED_LINE.finditer(body):
        try:
            day = iso_date(match[1] or match[2] or match[3] or match[4])
        except BadDate as err:
            problems.append(Problem(path, line_of(match.start()), f"log entry date {err}",
                                    "write a real date as YYYY-MM-DD"))
            continue
        text = match[5].strip()
        entries.append(Entry(day, text, reference_tags(text),
                             find_links(text, line_of(match.start())), line_of(match.start())))
    tasks = [note_module._task(match, line_of(match.start()), path, problems)
             for match in note_module._TASK.finditer(body)]
    links = [Link(target, line_of(start)) for start, target in link_targets(body)]
    problems += [note_module._almost_dated(match, line_of(match.start()), path)
                 for match in note_module._ALMOST_DATED.finditer(body)]
    return entries, tasks, links, problems + reference_callouts(body, first_line, path)


def reference_callouts(body: str, first_line: int, path: str) -> list[Problem]:
    """A hint at the first line of each callout titled other than Log whose lines (to the first
    with fewer quote marks) hold two dated ones or more, one with an interaction's tag. (The
    lines made here open a callout only as a quote's first line, and hold no code.)"""
    def quoted(line: str) -> tuple[int, str] | None:
        marks = note_module.QUOTE_MARKS.match(line) if line.lstrip(" \t")[:1] == ">" else None
        return None if marks is None else (marks[0].count(">"), line[marks.end():])

    problems = []
    lines = [quoted(line) for line in body.split("\n")]
    for number, first in enumerate(lines):
        if first is None or (number and lines[number - 1] is not None):
            continue
        title = note_module.callout_title(first[1])
        if title is None or note_module.names_the_log(title) or note_module._QUOTING.match(first[1]):
            continue
        dated, tagged = 0, False
        for line in lines[number + 1:]:
            if line is None or line[0] < first[0]:
                break
            if note_module._DATED_LINE.match(line[1]) is not None:
                dated += 1
                tagged = tagged or bool(note_module.kinds_of(find_tags(line[1])))
        if dated >= 2 and tagged:
            problems.append(note_module._other_callout(path, first_line + number))
    return problems


_REFERENCE_TAG = re.compile(r"(?<![^\s(])(?<!\]\()#([\w/\-]*[^\W\d][\w/\-]*)")


def reference_tags(text: str) -> frozenset[str]:
    return frozenset(tag.lower() for tag in _REFERENCE_TAG.findall(without_code(text)))


LINE_STARTS = ["- ", "* ", "+ ", "1. ", "12) ", "  - ", "\t- ", "# ", "### ", "-", "- [ ] ", "- [x] ",
               "- []] ", "- [/] ", "1. [ ] ", "", "  ", "> ", "١. ", "². ", "> - ", ">- ", ">> 1. ",
               "> >   - ", " >\t* ", "> ## ", ">- [ ] ", "> [!note] ", ">", "- > "]
DATES = ["2026-01-02", "2026-02-30", "2026-1-2", "[[2026-01-02]]", "[[Daily/2026-01-02|Fri]]",
         "[[2026-01-02 Fri]]", "[[2026-01-02#h|x]]", "[F](2026-01-02%20Fri.md)",
         "[[2026-01-02|a`b]]", "[[a[b/2026-01-02]]", "**2026-01-02**", "__2026-01-02__", "03/01/2026",
         "20260-01-02", "2026-01-022", "", "[2026-01-02](2026-01-02.md)", "[a`b](<D/2026-01-02>)",
         "[](../D/2026-02-30.md)", "[x](https://d/2026-01-02)", "2026/01/02", "2026年1月2日", "2.1.2026",
         "*2026-01-02*", "_2026-01-02_", "`2026-01-02`", "(2026-01-02)", "[2026-01-02]",
         "[2026-01-02](https://d/2026-01-02)", "[2026-1-2](2026-01-02.md)"]
SEPARATORS = ["", " ", ": ", " — ", " - ", "\t", ":"]
TEXTS = ["Coffee", "#met", "#123", "(#t", "a#b", "[[Ana]]", "[[Ana|A]]", "![[p.png]]", "[[B#h]]",
         "`[[C]]`", "`", "``", "[[D]] `x` [[E]]", "📅 2026-05-06", "(due: 2026-02-30)", "✅", "[[]]",
         "[[F\\|G]]", " ", "\u00a0", "\r", "[[2026-01-03]]", "#tag/sub", "#é", "[[", "]]", "text"]
lines = st.tuples(st.sampled_from(LINE_STARTS), st.sampled_from(DATES), st.sampled_from(SEPARATORS),
                  st.lists(st.sampled_from(TEXTS), max_size=5).map(" ".join)).map("".join)


@MANY
@given(st.lists(lines, max_size=8).map("\n".join), st.integers(1, 9))
@example("- 2026-01-02 Coffee with [[Ana]] #met\n- [ ] call [[Bo]] 📅 2026-02-01", 5)
@example("- [[2026-01-02|a`b]] x `[[C]] y` [[D]]", 1)
@example("- 2026-01-02\r [[Ana]]\n- 2026-01-02 [[Bo]] `x\r` [[Cy]]`\r", 1)  # a stray carriage return
def test_a_persons_lines_read_in_one_pass_as_over_the_whole_body(body, first_line):
    assert note_module._person_body(body, first_line, "p.md") == \
        reference_body(body, first_line, "p.md")


@MANY
@given(st.lists(st.sampled_from(["#", "a", "1", " ", "(", "/", "-", "_", "`", "é", "\u00a0", "\u2003",
                                 "\x1c", "\n", "x#y", "##", "#1", "٣", "]"]), max_size=12).map("".join))
def test_tags_found_at_each_hash_as_by_the_look_behind(text):
    assert find_tags(text) == reference_tags(text)


def test_a_log_line_of_the_usual_shape_reads_whole():
    body = "## Log\n- 2026-01-02 Coffee with [[Ana]] and [[Bo|B]] #met #Call\n"
    entries, tasks, links, problems = note_module._person_body(body, 7, "p.md")
    assert entries == [Entry(date(2026, 1, 2), "Coffee with [[Ana]] and [[Bo|B]] #met #Call",
                             frozenset({"met", "call"}), (Link("Ana", 8), Link("Bo", 8)), 8)]
    assert (tasks, links, problems) == ([], [Link("Ana", 8), Link("Bo", 8)], [])


@MANY
@given(documents() | documents(bent=False))
@example("a:\n- x\nb: 1\na:\n  - y\n")
@example("a:\r\n- x\r\nb: 1\r\na:\r\n  - y\r\nb:  \r\nc:\r\n")
def test_the_simple_reader_finds_each_keys_line_as_the_scan_does(raw):
    """The lines of the keys, and the keys given again, the simple reader finds as it reads are
    those a scan of the frontmatter finds (`FIELD_LINE`), carriage returns and all: every
    problem in a field is reported at the same line."""
    front = split_frontmatter(f"---\n{raw}---\n", "n.md")
    if front.key_lines is None:
        return
    scanned = note_module._Fields(dataclasses.replace(front, key_lines=None), "n.md")
    scanned.duplicates()  # (scans)
    assert front.key_lines == (scanned._lines, scanned._again)
    assert note_module._Fields(front, "n.md")._lines is front.key_lines[0]  # (no scan)
