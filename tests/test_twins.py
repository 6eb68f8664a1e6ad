"""The twin rule, directly: a name that is a person's name or alias but for case, accents or
apostrophes (`vaultnet.network.twins`), and what tells two such names apart."""

from __future__ import annotations

import pytest
from conftest import TODAY, person

from vaultnet.base.text import names_differ_by
from vaultnet.network.index import build_index
from vaultnet.network.twins import NameTable, TwinMemo, find_twin
from vaultnet.parse.note import parse_note


def index_of(files: dict[str, str]):
    return build_index([parse_note(path, text) for path, text in sorted(files.items())], TODAY)


VAULT = {
    "People/Carol Díaz.md": person("Carol Díaz"),
    "People/Caroline Dunn.md": person("Caroline Dunn", aliases="[Carol Diaz, Jon O’Brien]"),
    "People/Sean O'Brien.md": person("Sean O'Brien"),
    "Orgs/Zoë Labs.md": "---\ntype: org\n---\n# Zoë Labs\n",
}


@pytest.mark.parametrize(("name", "twin"), [
    ("carol diaz", ("People/Carol Díaz.md", "Carol Díaz", "Carol Díaz")),  # a name before an alias
    ("CAROL DÍAZ", ("People/Carol Díaz.md", "Carol Díaz", "Carol Díaz")),
    ("Sean O’Brien", ("People/Sean O'Brien.md", "Sean O'Brien", "Sean O'Brien")),
    ("jon o'brien", ("People/Caroline Dunn.md", "Caroline Dunn", "Jon O’Brien")),  # an alias
    ("Zoe Labs", None),  # (no person's)
    ("Carla Diaz", None),
])
def test_a_twin_is_a_name_or_alias_but_for_case_accents_or_apostrophes(name, twin):
    assert find_twin(index_of(VAULT), name) == twin


def test_the_first_in_name_order_and_a_memo_kept_while_the_names_hold():
    index = index_of({"People/b/Ána Lima.md": person("Ána Lima"),
                      "People/a/Ana Lima.md": person("Ana Lima")})
    memo = TwinMemo()
    assert find_twin(index, "ANA LIMA", memo) == ("People/a/Ana Lima.md", "Ana Lima", "Ana Lima")
    tables = memo.tables(index)
    assert find_twin(index, "ána lima", memo)[0] == "People/a/Ana Lima.md"
    assert memo.tables(index) is tables


def test_the_index_names_are_read_only():
    index = index_of(VAULT)
    with pytest.raises(TypeError):
        index.named["nobody"] = []  # type: ignore[index]
    with pytest.raises(KeyError):
        index.named["nobody"]
    with pytest.raises(KeyError):
        index.aliased["nobody"]
    assert "nobody" not in index.named and "nobody" not in index.aliased


def test_a_name_table_finds_as_written_before_folded():
    table = NameTable([("carol díaz", "díaz"), ("carol diaz", "diaz")])
    assert table.find(["carol diaz"]) == "diaz"
    assert table.find(["carol díaz"]) == "díaz"
    assert table.find(["nobody", "CAROL DIAZ"]) == "díaz"  # (folded: the first given it)
    table.add("ana lima", "ana")
    assert table.find(["Ána Lima"]) == "ana"
    assert table.find(["nobody"]) is None


@pytest.mark.parametrize(("a", "b", "differ"), [
    ("Carol Díaz", "Carol Díaz", []),
    ("Carol  Díaz", "Carol Díaz", []),  # (white space aside)
    ("Carol Diaz", "Carol Díaz", ["accents"]),
    ("carol diaz", "Carol Díaz", ["case", "accents"]),
    ("SEAN O’BRIEN", "Sean O'Brien", ["case", "apostrophes"]),
    ("jon o`brien", "Jon O’Brien", ["case", "apostrophes"]),  # (a backtick stands for one)
    ("Jon O’Brien", "Jon O’Brien", []),
])
def test_names_differ_by(a, b, differ):
    assert names_differ_by(a, b) == differ
