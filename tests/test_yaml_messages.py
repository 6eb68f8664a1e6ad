"""Frontmatter that YAML cannot read, named as a person would say it, at the line the mistake is on.

The mistakes people make by hand in frontmatter (a list never closed, a value that holds `: ` or
starts with `*`, `@` or a backtick, a `#` in a list, links left unquoted, a tab, a quote never
closed) are each named in words, at the line where it starts (a list's `[`, not where the parser
gave up), with a fix that works: the fix a hint gives to copy is applied here, and the note is then
read without a problem.
"""

from __future__ import annotations

import re

import pytest

from vaultnet.parse.frontmatter import split_frontmatter

PREFIX = "frontmatter is not valid YAML: "


def problems(yaml: str) -> list[tuple[int | None, str, str]]:
    front = split_frontmatter(f"---\ntype: person\n{yaml}---\n# Jo\n", "People/Jo.md")
    return [(p.line, p.message.removeprefix(PREFIX), p.hint) for p in front.problems]


@pytest.mark.parametrize(("yaml", "line", "message", "hint"), [
    ("topics: [open data, climate\nmet_via: Open Data Day\n", 3,
     "the list opened with [ in `topics: [open data, climate` is never closed",
     "close it with ], or put the value in quotes if the [ is part of it"),
    ("orgs: {a: b\nrole: peer\n", 3, "the group opened with { in `orgs: {a: b` is never closed",
     "close it with }, or put the value in quotes if the { is part of it"),
    ("tags: [person, #mentor]\n", 3,
     "in `tags: [person, #mentor]`, a # starts a comment, so the rest of the line is not read",
     "put the value with # in quotes (a tag needs no #: `tags: [person, mentor]`)"),
    ("summary: *important* contact\n", 3,
     "in `summary: *important* contact`, a value that starts with * is read as a YAML reference",
     'put the value in quotes: `summary: "*important* contact"`'),
    ("title: CTO: Acme\n", 3, "the value in `title: CTO: Acme` holds a colon and a space",
     'put the value in quotes: `title: "CTO: Acme"`'),
    ("handle: @sam\n", 3, "in `handle: @sam`, a value starts with @, which YAML keeps for itself",
     'put the value in quotes: `handle: "@sam"`'),
    ("x: !tag y\n", 3, "in `x: !tag y`, a value that starts with ! is read as a YAML tag",
     'put the value in quotes: `x: "!tag y"`'),
    ("knows: [[Sam]], [[Ana]]\n", 3, "the links in `knows: [[Sam]], [[Ana]]` are not in quotes",
     'put each in quotes, in a list: `knows: ["[[Sam]]", "[[Ana]]"]`'),
    ('name: "Sam\nrole: peer\n', 3, 'a quote opened in `name: "Sam` is never closed',
     "close the quote"),
    ("topics:\n\t- civic tech\n", 4, "a tab indents a line; YAML indents with spaces",
     "replace the tab with spaces, or remove it"),
    ("role peer\norg: Acme\n", 3, "`role peer` is no `name: value` line",
     "write it as `name: value`, or remove it"),
    ("role: peer\n  org: Acme\n", 4,
     "`org: Acme` is indented, so YAML reads it as part of the line above",
     "start it at the beginning of its line, as the other fields"),
    ("topics: - a\n", 3, "in `topics: - a`, a list item (- …) must start a line of its own",
     "put it on the next line, or write the list as [a, b]"),
    ("- a\n", 3, "`- a` is a list item under no field",
     "put it under the field it belongs to, with a line `name:` above it"),
    ('quote: "He said "hi""\n', 3,
     '`quote: "He said "hi""` goes on after its value has ended (at a closing quote or bracket)',
     "remove what follows its end, or put the whole value in quotes and a quote inside it in "
     """the other kind: `title: 'Say "hi"'`"""),
    # (A review: a # elsewhere, or in quotes, is no comment of the list's; a list closed on its
    # line that goes wrong there lacks a comma.)
    ("role: peer # mentor later\ntopics: [a, b\n", 4,
     "the list opened with [ in `topics: [a, b` is never closed",
     "close it with ], or put the value in quotes if the [ is part of it"),
    ("topics: [a,\n  b]  # ok\nknows: [c\n", 5, "the list opened with [ in `knows: [c` is never "
     "closed", "close it with ], or put the value in quotes if the [ is part of it"),
    ('topics: ["a #b", c\n', 3, 'the list opened with [ in `topics: ["a #b", c` is never closed',
     "close it with ], or put the value in quotes if the [ is part of it"),
    ('knows: ["[[Sam Lee]]" "[[Ana Ruiz]]"]\n', 3, 'in `knows: ["[[Sam Lee]]" "[[Ana Ruiz]]"]`, '
     "the items of the list are not parted by commas, or one holds what must be in quotes",
     'part the items with commas, and put each in quotes: `knows: ["[[Sam]]", "[[Ana]]"]`'),
])
def test_a_hand_made_mistake_is_named_in_words_at_its_line(yaml, line, message, hint):
    assert problems(yaml) == [(line, message, hint)]


@pytest.mark.parametrize("yaml", ["summary: *important* contact\n", "title: CTO: Acme\n",
                                  "handle: @sam\n", "x: !tag y\n",
                                  'path: C:\\Notes: "mine"\n',
                                  "summary: Met at the conference: she leads the open data team at "
                                  "the city and wants help\n"])
def test_the_fix_a_hint_gives_is_read(yaml):
    ((_, _, hint),) = problems(yaml)
    fixed = re.fullmatch(r"put the value in quotes: `(.*)`", hint)
    assert fixed is not None
    assert problems(fixed[1] + "\n") == []


def test_any_other_mistake_is_named_in_the_parsers_words():
    assert problems("x: %y\n") == [
        (3, "found character that cannot start any token", "fix the YAML between the --- lines "
         "(quote values with : or [[links]], indent with spaces, not tabs)")]
