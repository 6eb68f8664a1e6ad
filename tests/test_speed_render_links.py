"""The generated pages' links, told by a quick test of the characters (`note_link`'s plain names),
are the links the full rules give: a wikilink when the target and the text shown can stand in
one, else a Markdown link."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultnet.base.text import CONTROL, HIDDEN
from vaultnet.render.markdown import label, note_link

# The rules as written before the quick test: three searches and a substitution for every link.
_LINK_UNSAFE = re.compile(rf"[\[\]|#^%`]|[^\S ]|{CONTROL.pattern}")
_EDGE_SPACE = re.compile(r"(?:^|/)\s|\s(?:/|$)")


def by_the_rules(path: str, shown: str) -> str:
    target = path.removesuffix(".md")
    shown = HIDDEN.sub("", shown)
    if not (_LINK_UNSAFE.search(target) or _LINK_UNSAFE.search(shown) or _EDGE_SPACE.search(target)):
        return f"[[{target}|{shown}]]" if shown != target else f"[[{target}]]"
    return f"[{label(shown)}]({quote(path, safe='/')})"


# Names made of what makes a link differ: link syntax, edge and inner spaces, separators, tabs,
# controls, invisible characters, and letters of other scripts.
TRICKY = "ab Zé/ []|#^%`\t\n\x00\x85\xa0\u2028\u200b\u202e\ufeff\u3000Й.-'"
names = st.text(alphabet=st.sampled_from(TRICKY), max_size=12) | st.text(max_size=12)


@settings(max_examples=2000, deadline=None)
@given(folder=names, name=names, shown=names)
def test_a_link_is_the_one_the_full_rules_give(folder: str, name: str, shown: str) -> None:
    path = f"{folder}/{name}.md" if folder else f"{name}.md"
    assert note_link(path, shown) == by_the_rules(path, shown)


@pytest.mark.parametrize(("path", "shown"), [
    ("People/Ada Costa.md", "Ada Costa"),
    ("People/Ada Costa.md", "People/Ada Costa"),
    ("People/ Ada.md", "Ada"),  # a name that starts with a space: Obsidian trims the target
    ("People /Ada.md", "Ada"),
    ("People/Ada .md", "Ada"),
    ("People/Ada\u00a0Costa.md", "Ada"),  # a no-break space
    ("People/Ada\u2028Costa.md", "Ada"),  # a line separator
    ("People/Ada.md", "Ada\u200b"),  # a zero width space in what is shown
    ("People/C# dev.md", "C# dev"),
    ("People/100% Ada.md", "Ada"),
    ("People/Zoë Ekström.md", "Zoë Ekström"),
])
def test_names_at_the_edge_of_the_quick_test(path: str, shown: str) -> None:
    assert note_link(path, shown) == by_the_rules(path, shown)
