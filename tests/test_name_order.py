"""Names in the order a reader expects: case and accents set aside (`Émile` between `Emil` and
`Emma`, `Łukasz` among the L's), not by code point, where every accented capital came after `Z`.
Every list of people, topics and mentioned names on the pages and in `people` is sorted so.
"""

from __future__ import annotations

import pytest
from conftest import TODAY

from vaultnet.base.text import sort_key

NAMES = ["Zoe Adams", "Émile Roux", "Emma Stone", "Łukasz Nowak", "Lara Croft", "Öztürk Ali",
         "Otto Berg", "Ægir Holm"]
IN_ORDER = ["Ægir Holm", "Émile Roux", "Emma Stone", "Lara Croft", "Łukasz Nowak", "Otto Berg",
            "Öztürk Ali", "Zoe Adams"]
MENTIONED = ["Ålvar Aalto", "Bea Ben", "Zed Zulu"]


def note(name: str) -> str:
    return ("---\ntype: person\nrole: friend\n"
            'knows: ["[[Zed Zulu]]", "[[Ålvar Aalto]]", "[[Bea Ben]]"]\n'
            'topics: ["[[Zen]]", "[[Économie]]", "[[Art]]"]\n'
            f"---\n# {name}\n")


@pytest.fixture
def vault(make_vault, run):
    root = make_vault({".obsidian/app.json": "{}", **{f"People/{n}.md": note(n) for n in NAMES}})
    result = run("sync", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return root


def named(text: str, names: list[str]) -> list[str]:
    """`names` in the order `text` first shows each."""
    return sorted(names, key=text.index)


def test_sort_key_sets_case_and_accents_aside():
    assert sorted(["Zoe", "Émile", "emma", "Emil", "Łukasz", "Lara", "ÆSIR", "Ada", "Øyvind",
                   "Oskar"], key=sort_key) == [
        "Ada", "ÆSIR", "Emil", "Émile", "emma", "Lara", "Łukasz", "Oskar", "Øyvind", "Zoe"]
    assert sort_key("Straße") == sort_key("STRASSE") == "strasse"
    assert sort_key("山田太郎") == "山田太郎"  # other scripts by their code points
    # and with their own letters: Й is a letter after И, not И with a mark.
    assert sorted(["Йосиф", "Игорь", "Ирина", "Кира"], key=sort_key) == [
        "Игорь", "Ирина", "Йосиф", "Кира"]
    assert sort_key("がく") == "がく"


def test_the_pages_list_people_in_name_order(vault):
    network = (vault / "Network/Network.md").read_text()
    role = network.split("### Friend")[1].split("##")[0]
    assert named(role, NAMES) == IN_ORDER
    agenda = (vault / "Network/Follow-ups.md").read_text()
    assert named(agenda, NAMES) == IN_ORDER  # all never contacted: by name
    topic = (vault / "Network/Topics/Zen.md").read_text()
    assert named(topic, NAMES) == IN_ORDER
    topics = network.split("## Topics")[1].split("##")[0]
    assert named(topics, ["Art", "Économie", "Zen"]) == ["Art", "Économie", "Zen"]


def test_mentioned_people_and_who_mentions_them_in_name_order(vault):
    network = (vault / "Network/Network.md").read_text()
    lines = [line for line in network.splitlines() if "mentioned by" in line]
    assert [line.split(",")[0].removeprefix("- ") for line in lines] == MENTIONED
    by = lines[0].split("mentioned by ")[1]
    assert named(by, NAMES) == IN_ORDER


def test_people_lists_in_name_order(vault, run):
    result = run("people", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert named(result.output, NAMES) == IN_ORDER


def test_who_mentions_someone_is_listed_by_note_name(make_vault, run):
    """By the names the links show, not by path (`Archive/Zed` first, `Ann Lee` before `Ann`)."""
    knows = {"knows": '["[[Ghost]]"]'}
    root = make_vault({f"{folder}/{name}.md": "---\ntype: person\n"
                       + "".join(f"{k}: {v}\n" for k, v in knows.items()) + "---\n"
                       for folder, name in (("People", "Ann"), ("People", "Ann Lee"),
                                            ("Archive/People", "Zed"))})
    assert run("sync", "--vault", root, "--today", TODAY).exit_code == 0
    (line,) = [line for line in (root / "Network/Network.md").read_text().splitlines()
               if line.startswith("- Ghost, mentioned by")]
    assert named(line, ["Ann|", "Ann Lee|", "Zed|"]) == ["Ann|", "Ann Lee|", "Zed|"]


def test_a_name_typed_without_its_accents_is_suggested(make_vault, run):
    """`vaultnet log Zoe …` where the note is `Zoë Zane`: "did you mean" it, as for a typo."""
    root = make_vault({"People/Zoë Zane.md": "---\ntype: person\n---\n",
                       "People/Jürgen Groß.md": "---\ntype: person\n---\n"})
    for typed, meant in (("Zoe", "Zoë Zane"), ("jurgen", "Jürgen Groß")):
        result = run("log", typed, "Coffee", "--vault", root, "--today", TODAY)
        assert result.exit_code == 1
        assert f"did you mean {meant} (People/{meant}.md)?" in result.output, result.output
