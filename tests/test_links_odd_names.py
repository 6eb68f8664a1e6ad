"""Links to notes whose names Obsidian reads otherwise than written: a name another note has too
(ignoring case), and a name with white space at an end or other white space than a plain space.

Obsidian opens a Mermaid node of the `internal-link` class by its text, as a link's target: a
name several notes share opens one of them from every node showing it, so such a node shows its
note's vault path (`Work/Sam`), a link only when no other note has that path; a note at the top of
the vault has no longer name and opens nothing. Obsidian trims a wikilink's target, so a note
whose name (or folder) starts or ends with white space, or holds a tab, is linked with a
Markdown link, percent-encoded.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import TODAY

from vaultnet.render import markdown

OUT = "Network"
ME = "---\ntype: me\n---\n# Me\n"


def met(day: int, **fields: str) -> str:
    """A person note with one meeting `day` days before today (a tie to you)."""
    lines = ["---", "type: person", *(f"{k}: {v}" for k, v in fields.items()), "---", "",
             "## Log", f"- {TODAY.replace(day=TODAY.day - day).isoformat()} Coffee #met", ""]
    return "\n".join(lines)


def sync(run, vault: Path) -> str:
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return (vault / OUT / "Network.md").read_text(encoding="utf-8")


def diagram(page: str) -> list[str]:
    start = page.index("```mermaid\n") + len("```mermaid\n")
    return page[start:page.index("```\n", start)].splitlines()


def nodes_and_links(lines: list[str]) -> tuple[dict[str, str], set[str]]:
    """The diagram's node texts (entity codes decoded), and the texts of the nodes that open a
    note (`class … internal-link`)."""
    texts = {}
    for line in lines:
        found = re.fullmatch(r'  (me|p\d+)\(?\["([^"]*)"\]\)?', line)
        if found:
            texts[found[1]] = re.sub(r"#(\d+);", lambda m: chr(int(m[1])), found[2])
    classes = [line for line in lines if line.endswith(" internal-link;")]
    assert len(classes) <= 1, classes
    linked = classes[0].removeprefix("  class ").removesuffix(" internal-link;").split(",") \
        if classes else []
    return texts, {texts[i] for i in linked}


# -- the diagram: names that several notes have ------------------------------------------------

def test_nodes_of_notes_sharing_a_name_show_their_paths_and_open_their_own_notes(make_vault, run):
    vault = make_vault({
        "Me.md": ME,  # the profile, beside someone called Me
        "People/Me.md": met(1),
        "Work/Sam.md": met(2), "Family/Sam.md": met(3),
        "People/Ann Lee.md": met(4), "Work/ann lee.md": met(5),
        "People/Solo.md": met(6),
    })
    lines = diagram(sync(run, vault))
    texts, linked = nodes_and_links(lines)
    assert sorted(texts.values()) == ["Family/Sam", "Me", "People/Ann Lee", "People/Me", "Solo",
                                      "Work/Sam", "Work/ann lee"]
    # The profile, at the top of the vault, has no name but `Me`, which People/Me.md has too.
    assert texts["me"] == "Me"
    assert linked == {"Family/Sam", "People/Ann Lee", "People/Me", "Solo", "Work/Sam",
                      "Work/ann lee"}
    ids = {text: node for node, text in texts.items()}
    assert f'  {ids["Work/Sam"]}["Work#47;Sam"]' in lines
    assert f'  {ids["Work/ann lee"]}["Work#47;ann lee"]' in lines
    assert lines[-1] == "  class " + ",".join(
        node for node in texts if texts[node] in linked) + " internal-link;"


def test_a_name_shared_with_a_note_that_is_no_person_counts_too(make_vault, run):
    vault = make_vault({"Me.md": ME, "People/Sam.md": met(1), "Projects/sam.md": "# A project\n",
                        "People/Kim.md": met(2)})
    texts, linked = nodes_and_links(diagram(sync(run, vault)))
    assert sorted(texts.values()) == ["Kim", "Me", "People/Sam"]
    assert linked == {"Kim", "Me", "People/Sam"}


def test_a_name_shared_with_a_generated_note_counts_too(make_vault, run):
    # A bare `Mentors` from Network.md would open Network/Mentors.md, in the same folder.
    vault = make_vault({"Me.md": ME, "People/Mentors.md": met(1),
                        "People/Jazz Fan.md": met(2, topics="[Jazz]")})
    texts, linked = nodes_and_links(diagram(sync(run, vault)))
    assert sorted(texts.values()) == ["Jazz Fan", "Me", "People/Mentors"]
    assert linked == {"Jazz Fan", "Me", "People/Mentors"}
    vault = make_vault({"People/Jazz.md": met(3, topics="[Jazz]")})  # and Network/Topics/Jazz.md
    texts, linked = nodes_and_links(diagram(sync(run, vault)))
    assert sorted(texts.values()) == ["Jazz Fan", "Me", "People/Jazz", "People/Mentors"]
    assert linked == {"Jazz Fan", "Me", "People/Jazz", "People/Mentors"}


def test_a_note_at_the_top_of_the_vault_sharing_its_name_opens_nothing(make_vault, run):
    vault = make_vault({"Me.md": ME, "Sam.md": met(1), "Work/Sam.md": met(2)})
    texts, linked = nodes_and_links(diagram(sync(run, vault)))
    assert sorted(texts.values()) == ["Me", "Sam", "Work/Sam"]
    assert linked == {"Me", "Work/Sam"}


def test_notes_whose_paths_differ_only_in_case_open_nothing(make_vault, run, tmp_path):
    probe = tmp_path / "Probe"
    probe.mkdir()
    if (tmp_path / "probe").exists():
        pytest.skip("a disk that does not tell case apart holds one of the two")
    vault = make_vault({"Me.md": ME, "Work/Sam.md": met(1), "work/sam.md": met(2),
                        "People/Kim.md": met(3)})
    texts, linked = nodes_and_links(diagram(sync(run, vault)))
    assert sorted(texts.values()) == ["Kim", "Me", "Work/Sam", "work/sam"]
    assert linked == {"Kim", "Me"}


def test_a_name_with_white_space_obsidian_would_read_otherwise_opens_nothing(make_vault, run):
    vault = make_vault({"Me.md": ME, "People/ Space Lead .md": met(1), "People/Tab\tName.md": met(2),
                        "People/Two  Spaces.md": met(3), "People/Plain Name.md": met(4)})
    texts, linked = nodes_and_links(diagram(sync(run, vault)))
    assert sorted(texts.values()) == [" Space Lead ", "Me", "Plain Name", "Tab Name", "Two  Spaces"]
    assert linked == {"Me", "Plain Name"}


def test_the_diagram_of_a_later_sync_sees_a_note_that_came_to_share_a_name(make_vault):
    # The names are kept across syncs in watch mode: a new note must still be seen.
    from vaultnet.pipeline.note_store import NoteStore
    from vaultnet.pipeline.sync import sync as sync_vault

    vault = make_vault({"Me.md": ME, "People/Sam.md": met(1), "People/Kim.md": met(2),
                        "Projects/Plan.md": "# A project\n"})
    store = NoteStore()
    sync_vault(vault, TODAY, store=store)
    page = (vault / OUT / "Network.md").read_text(encoding="utf-8")
    assert nodes_and_links(diagram(page))[1] == {"Kim", "Me", "Sam"}
    (vault / "Projects/Plan.md").rename(vault / "Projects/Sam.md")  # as many notes as before
    sync_vault(vault, TODAY, store=store)
    page = (vault / OUT / "Network.md").read_text(encoding="utf-8")
    assert nodes_and_links(diagram(page))[1] == {"Kim", "Me", "People/Sam"}
    (vault / "Projects/Sam.md").unlink()  # one note fewer
    sync_vault(vault, TODAY, store=store)
    page = (vault / OUT / "Network.md").read_text(encoding="utf-8")
    assert nodes_and_links(diagram(page))[1] == {"Kim", "Me", "Sam"}


# -- links in Markdown: white space Obsidian trims or reads otherwise ---------------------------

@pytest.mark.parametrize("path, shown, expected", [
    ("People/ Space Lead .md", " Space Lead ", "[Space Lead](People/%20Space%20Lead%20.md)"),
    ("People/Space Lead .md", "Space Lead ", "[Space Lead](People/Space%20Lead%20.md)"),
    ("People/ Space Lead.md", " Space Lead", "[Space Lead](People/%20Space%20Lead.md)"),
    ("Team /Sam.md", "Sam", "[Sam](Team%20/Sam.md)"),
    ("People/Tab\tName.md", "Tab\tName", "[Tab Name](People/Tab%09Name.md)"),
    ("People/Ann\u00a0Lee.md", "Ann\u00a0Lee", "[Ann Lee](People/Ann%C2%A0Lee.md)"),
    ("People/Jane.md", "Jane\tDoe", "[Jane Doe](People/Jane.md)"),
    ("People/Jane Doe.md", "Jane Doe", "[[People/Jane Doe|Jane Doe]]"),  # a plain space is fine
    ("People/Jane  Doe.md", "Jane  Doe", "[[People/Jane  Doe|Jane  Doe]]"),
])
def test_note_link_of_names_with_white_space(path, shown, expected):
    assert markdown.note_link(path, shown) == expected


def test_a_sync_links_notes_with_odd_white_space_with_markdown_links(make_vault, run):
    vault = make_vault({"Me.md": ME, "People/ Space Lead .md": met(1), "People/Tab\tName.md": met(2),
                        "Team /Sam.md": met(3)})
    page = sync(run, vault)
    directory = page[page.index("## People by role"):page.index("## Organisations")]
    assert directory.splitlines() == [
        "## People by role", "", "### No role (3)", "",
        "- [Space Lead](People/%20Space%20Lead%20.md)",  # (by name, as written: a space first)
        "- [Sam](Team%20/Sam.md)",
        "- [Tab Name](People/Tab%09Name.md)",
        "",
    ]
    assert "\t" not in page
    # The canvas names each note by its vault path as it is: JSON keeps every character.
    data = json.loads((vault / OUT / "Network.canvas").read_text(encoding="utf-8"))
    files = sorted(n["file"] for n in data["nodes"] if n["type"] == "file")
    assert files == ["Me.md", "People/ Space Lead .md", "People/Tab\tName.md", "Team /Sam.md"]
    assert all(os.path.isfile(vault / f) for f in files)


def test_the_canvas_links_network_md_in_an_odd_output_folder_by_a_link_that_works(make_vault,
                                                                                  run):
    vault = make_vault({".vaultnet.toml": 'output_folder = "Net #1"\n', "Me.md": ME,
                        "People/Ann.md": met(1)})
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    data = json.loads((vault / "Net #1" / "Network.canvas").read_text(encoding="utf-8"))
    key = next(n["text"] for n in data["nodes"] if n["id"] == "key")
    assert "[Network](Net%20%231/Network.md)" in key
    assert "[[" not in key
