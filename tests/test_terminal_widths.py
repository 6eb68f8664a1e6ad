"""Names line up in a terminal by the columns they take, not by their length in characters:
王小明 takes six, 🦄 two, a combining accent none. The name column is at most 40 columns wide; a
longer name is shown whole on a line of its own, its row's text under the column on the next.

Today is 2026-11-25 throughout (conftest.TODAY).
"""

from __future__ import annotations

import json

import pytest
from conftest import TODAY, person

from vaultnet.render.terminal import NAME_COLUMNS, display_width


@pytest.mark.parametrize(("text", "width"), [
    ("", 0),
    ("Ann Lee", 7),
    ("王小明", 6),                     # East Asian wide
    ("ＡＢ", 4),                       # fullwidth
    ("🦄", 2),                         # an emoji shown wide
    ("Zoe\u0301", 3),                  # a combining acute accent takes no column
    ("Zoé", 3),
    ("a\u200db", 2),                   # a zero-width joiner
    ("김민준", 6),
    ("Ωμέγα", 5),
])
def test_display_width(text, width):
    assert display_width(text) == width


def rows(run, root, *args: str) -> list[str]:
    result = run("people", *args, "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_people_line_up_by_the_columns_names_take(make_vault, run):
    root = make_vault({
        "People/Ann Lee.md": person("Ann Lee", role="mentor"),
        "People/Zoé Ray.md": person("Zoe\u0301 Ray", aliases="[Zoey]", role="peer"),
        "People/王小明.md": person("王小明", role="friend"),
        "People/🦄 Uni.md": person("🦄 Uni", role="peer"),
    })
    assert rows(run, root) == [
        "  Ann Lee  mentor · no contact yet",
        "  Zoé Ray  peer · no contact yet",
        "  王小明   friend · no contact yet",
        "  🦄 Uni   peer · no contact yet",
        "4 people"]


def test_a_name_wider_than_the_column_is_whole_on_its_own_line(make_vault, run):
    long = "Maximiliana " + "Vanderberg-" * 17 + "Smith"  # 204 characters
    wide = "王" * 21  # 21 characters, 42 columns
    root = make_vault({
        "People/Ann Lee.md": person("Ann Lee", role="mentor"),
        f"People/{long}.md": person(role="peer"),
        f"People/{wide}.md": person(role="friend"),
    })
    assert rows(run, root) == [
        "  Ann Lee  mentor · no contact yet",
        f"  {long}",
        "           peer · no contact yet",
        f"  {wide}",
        "           friend · no contact yet",
        "3 people"]
    found = json.loads(run("people", "--json", "--vault", root, "--today", TODAY).output)
    assert [item["person"] for item in found] == ["Ann Lee", long, wide]  # whole


@pytest.mark.parametrize(("name", "own_line"), [
    ("A" * 37 + " 王", False),  # 40 columns: in the column
    ("A" * 38 + " 王", True),   # 41
])
def test_the_column_is_at_most_40_wide(make_vault, run, name, own_line):
    assert NAME_COLUMNS == 40
    root = make_vault({f"People/{name}.md": person(role="peer"),
                       "People/Bo.md": person(role="peer")})
    if own_line:
        assert rows(run, root) == [
            f"  {name}",
            "      peer · no contact yet",
            "  Bo  peer · no contact yet",
            "2 people"]
    else:
        assert rows(run, root) == [
            f"  {name}  peer · no contact yet",
            "  Bo" + " " * 38 + "  peer · no contact yet",
            "2 people"]


def test_the_agenda_lines_up_by_columns_too(make_vault, run):
    root = make_vault({"People/王小明.md": person("王小明", cadence="30d"),
                       "People/Ann Lee.md": person("Ann Lee", cadence="30d")})
    result = run("due", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.split("\n\n")[1] == (
        "Stay in touch (2)\n"
        "  Ann Lee  never contacted, cadence 30 days\n"
        "  王小明   never contacted, cadence 30 days\n")
