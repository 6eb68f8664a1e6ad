"""Vaults linked with Markdown links (PRODUCT.md, Links): Obsidian with "Use [[Wikilinks]]" off, and
plain folders of Markdown, link notes as `[Jane Doe](../People/Jane%20Doe.md)`.

Obsidian writes a link's destination URL-encoded, in the form its "New link format" setting names:
the shortest path that is unambiguous (`Jane%20Doe.md`), the path relative to the linking note
(`../People/Jane%20Doe.md`), or the path from the vault's root (`People/Jane%20Doe.md`); by hand,
`<People/Jane Doe.md>` too. Each resolves to the note as Obsidian resolves it. None of these notes is
a copy of anyone's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TODAY
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile import no_hang

from vaultnet.insight.brief import as_shown
from vaultnet.parse import note as note_module
from vaultnet.parse.links import find_links
from vaultnet.pipeline.sync import load

DAY = TODAY.isoformat()
OBSIDIAN = {
    ".obsidian/app.json": '{"useMarkdownLinks": true, "newLinkFormat": "relative"}',
    "People/Jane Doe.md": ("---\nrole: mentor\ncadence: 30d\n---\n# Jane Doe\n\n## Log\n"
                           "- 2026-10-01 Coffee with [Bob Smith](Bob%20Smith.md) #met\n"),
    "People/Bob Smith.md": "---\nrole: peer\n---\n# Bob\n",
}
JANE_ALONE = [("2026-10-01", "People/Jane Doe.md")]  # her own log's line, and nothing else


def contacts(run, root: Path, name: str) -> list[tuple[str, str]]:
    """The days and notes of someone's latest interactions, as `brief --json` lists them."""
    result = run("brief", name, "--vault", root, "--today", DAY, "--json")
    assert result.exit_code == 0, result.output
    return sorted((i["date"], i["source"]) for i in json.loads(result.output)["last_interactions"])


def problems(run, root: Path) -> list[dict[str, object]]:
    return json.loads(run("check", "--vault", root, "--today", DAY, "--json").output)


def test_a_log_line_links_someone_with_a_markdown_link(make_vault, run):
    root = make_vault(OBSIDIAN)
    assert contacts(run, root, "Bob Smith") == JANE_ALONE
    assert load(root, TODAY).index.relations == (
        ("mentions", "People/Jane Doe.md", "People/Bob Smith.md"),)
    assert problems(run, root) == []


@pytest.mark.parametrize("link", [
    "[Jane Doe](Jane%20Doe.md)",  # New link format: shortest path when possible
    "[Jane Doe](../People/Jane%20Doe.md)",  # relative path to file
    "[Jane Doe](People/Jane%20Doe.md)",  # absolute path in vault
    "[Jane](<People/Jane Doe.md>)",  # by hand: a destination with spaces, in angle brackets
    "[Jane](<../People/Jane Doe.md>)",
    "[Jane](Jane%20Doe.md#Log)",  # a heading
    "[Jane](Jane%20Doe.md#^a1b2)",  # a block
    "[Jane](Jane%20Doe)",  # `.md` left out
    "[Jane](./../People/Jane%20Doe.md 'her note')",  # with a title
    "[](Jane%20Doe.md)",  # no text
    "![Jane](Jane%20Doe.md)",  # the note embedded, as `![[Jane Doe]]` embeds it
    "[[../People/Jane Doe]]",  # a wikilink with a relative path
    "[[../People/Jane Doe.md|Jane]]",
    "[[People/Jane Doe#Log]]",
])
def test_a_daily_note_links_someone_in_each_form_obsidian_writes(make_vault, run, link):
    root = make_vault({**OBSIDIAN, "Daily/2026-11-20.md": f"Lunch with {link}\n"})
    assert contacts(run, root, "Jane Doe") == [*JANE_ALONE, ("2026-11-20", "Daily/2026-11-20.md")]
    assert problems(run, root) == []


@pytest.mark.parametrize("text", [
    "With [her site](https://example.com/Jane%20Doe.md)",  # a URL
    "[Write](mailto:jane@example.com) to [Jane Doe](obsidian://open?vault=v&file=Jane%20Doe)",
    "[Jane Doe](file:///home/me/vault/People/Jane%20Doe.md)",
    "![Jane Doe](Jane%20Doe.png) and ![](<../People/Jane Doe.jpg>)",  # images: attachments
    "Wrote `[Jane Doe](Jane%20Doe.md)` down",  # code
    "```\n[Jane Doe](Jane%20Doe.md)\n```",
    "%% [Jane Doe](Jane%20Doe.md) %%",  # what Obsidian hides
    "<!-- [Jane Doe](Jane%20Doe.md) -->",
    "[Jane Doe](../../People/Jane%20Doe.md)",  # out of the vault
    "[Jane Doe](./Jane%20Doe.md)",  # in the daily note's own folder, where she has no note
    "[Jane Doe](Jane Doe.md)",  # a space ends a destination: no link (CommonMark)
    "[Jane Doe] (Jane%20Doe.md)",  # nor is it one with a space before the destination
    "[Jane Doe][jane]\n\n[jane]: ../People/Jane%20Doe.md",  # reference links are not read
    "[Jane Doe](#Jane Doe)",  # a heading of the note itself
])
def test_what_is_no_link_to_a_note(make_vault, run, text):
    root = make_vault({**OBSIDIAN, "Daily/2026-11-20.md": f"Lunch:\n{text}\n"})
    assert contacts(run, root, "Jane Doe") == JANE_ALONE


def test_a_log_line_links_with_a_relative_path_of_either_kind(make_vault, run):
    log = ("- 2026-11-02 Walk with [Bob](./Bob%20Smith.md) #met\n"
           "- 2026-11-03 Call with [[./Carol Diaz]] #call\n")
    root = make_vault({**OBSIDIAN, "People/Carol Diaz.md": "---\nrole: friend\n---\n",
                       "People/Jane Doe.md": OBSIDIAN["People/Jane Doe.md"] + log})
    assert contacts(run, root, "Bob Smith") == [("2026-10-01", "People/Jane Doe.md"),
                                                ("2026-11-02", "People/Jane Doe.md")]
    assert contacts(run, root, "Carol Diaz") == [("2026-11-03", "People/Jane Doe.md")]


def test_a_meeting_note_links_who_was_there_with_markdown_links(make_vault, run):
    root = make_vault({**OBSIDIAN, "Notes/Board dinner.md": (
        "---\ndate: 2026-11-19\n---\nWith [Jane](../People/Jane%20Doe.md) and "
        "[Bob](<../People/Bob Smith.md#Work>); [menu](https://example.com/menu).\n")})
    assert contacts(run, root, "Jane Doe") == [*JANE_ALONE, ("2026-11-19", "Notes/Board dinner.md")]
    assert ("2026-11-19", "Notes/Board dinner.md") in contacts(run, root, "Bob Smith")


def test_a_markdown_link_in_a_property_is_plain_text(make_vault):
    """Obsidian makes no link of a Markdown link in a property (a text property shows it as
    written): frontmatter links are wikilinks."""
    root = make_vault({**OBSIDIAN, "People/Carol Diaz.md": (
        '---\nknows: "[Bob](Bob%20Smith.md)"\nspouse: "[Jane](Jane%20Doe.md)"\n---\n')})
    relations = load(root, TODAY).index.relations
    assert [r for r in relations if r[1] == "People/Carol Diaz.md"] == []


# -- a name that two notes share --------------------------------------------------------------

TWO_SAMS = {**OBSIDIAN, "People/Sam Lee.md": "---\nrole: peer\n---\n",
            "Clients/Sam Lee.md": "---\ntype: person\nrole: colleague\n---\n"}


@pytest.mark.parametrize(("link", "sam"), [
    ("[Sam](../Clients/Sam%20Lee.md)", "Clients/Sam Lee.md"),  # relative to the daily note
    ("[Sam](../People/Sam%20Lee.md)", "People/Sam Lee.md"),
    ("[Sam](Clients/Sam%20Lee.md)", "Clients/Sam Lee.md"),  # from the vault's root
    ("[[../Clients/Sam Lee]]", "Clients/Sam Lee.md"),
])
def test_a_path_settles_a_shared_name(make_vault, run, link, sam):
    root = make_vault({**TWO_SAMS, "Daily/2026-11-20.md": f"Lunch with {link}\n"})
    index = load(root, TODAY).index
    met = {p.path: [i.source for i in p.interactions] for p in index.people if p.name == "Sam Lee"}
    assert met == {path: ["Daily/2026-11-20.md"] if path == sam else []
                   for path in ("Clients/Sam Lee.md", "People/Sam Lee.md")}
    assert problems(run, root) == []


def test_a_shared_name_alone_is_ambiguous_and_named_by_check(make_vault, run):
    root = make_vault({**TWO_SAMS, "Daily/2026-11-20.md": "Lunch with [Sam](Sam%20Lee.md)\n"})
    assert [(p["path"], p["line"], p["message"]) for p in problems(run, root)] == [
        ("Daily/2026-11-20.md", 1,
         "[[Sam Lee]] is ambiguous: it matches Clients/Sam Lee.md, People/Sam Lee.md")]


@pytest.mark.parametrize("link", ["[Sam](People/Sam%20Lee.md)", "[[People/Sam Lee]]"])
def test_a_path_from_the_vaults_root_beats_the_same_path_deeper(make_vault, run, link):
    """`People/Sam Lee` is the end of `Archive/People/Sam Lee.md`'s path too; Obsidian takes the
    note whose path from the vault's root it is."""
    root = make_vault({**OBSIDIAN, "People/Sam Lee.md": "---\nrole: peer\n---\n",
                       "Archive/People/Sam Lee.md": "---\nrole: peer\n---\n",
                       "Daily/2026-11-20.md": f"Lunch with {link}\n"})
    met = {p.path: [i.source for i in p.interactions] for p in load(root, TODAY).index.people}
    assert (met["People/Sam Lee.md"], met["Archive/People/Sam Lee.md"]) == \
        (["Daily/2026-11-20.md"], [])
    assert problems(run, root) == []


# -- what the terminal shows ------------------------------------------------------------------


def test_brief_and_due_show_a_markdown_link_as_its_text(make_vault, run):
    root = make_vault({**OBSIDIAN, "People/Bob Smith.md": (
        "---\nrole: peer\n---\nRuns the [data team](https://example.com/team) with "
        "[Jane](Jane%20Doe.md).\n\n- [ ] Send [Jane Doe](<Jane Doe.md>) the deck 📅 2026-11-24\n")})
    brief = run("brief", "Jane Doe", "--vault", root, "--today", DAY).output
    assert "  2026-10-01  Coffee with Bob Smith #met\n" in brief
    assert "Runs the data team with Jane." in run("brief", "Bob Smith", "--vault", root,
                                                  "--today", DAY).output
    assert "Send Jane Doe the deck" in run("due", "--vault", root, "--today", DAY).output
    # JSON keeps what the note says.
    data = json.loads(run("brief", "Jane Doe", "--vault", root, "--today", DAY, "--json").output)
    assert data["last_interactions"][0]["text"] == "Coffee with [Bob Smith](Bob%20Smith.md) #met"


@pytest.mark.parametrize(("text", "shown"), [
    ("[Bob Smith](Bob%20Smith.md)", "Bob Smith"),
    ("see [the site](https://example.com/a_(b)) now", "see the site now"),
    ("[](../People/Jane%20Doe.md#Log)", "Jane Doe > Log"),
    ("![a photo](me.jpg) and ![](<my photo.png>)", "a photo and my photo.png"),
    ("[\\*starred\\*](x.md 'title')", "*starred*"),
    ("`[kept](x.md)` as [[A|written]]", "`[kept](x.md)` as written"),
    ("[no link] (x.md) [nor](this one)", "[no link] (x.md) [nor](this one)"),
    ("an empty [](<>) link", "an empty  link"),
])
def test_as_shown(text, shown):
    assert as_shown(text) == shown


# -- a plain folder of Markdown ---------------------------------------------------------------

PLAIN = {
    ".vaultnet.toml": 'people_folder = "people"\n',
    "people/jane-doe.md": "---\nrole: mentor\ncadence: 30d\n---\n# Jane Doe\n\n"
                          "## Log\n- 2026-10-01 Coffee #met\n",
    "journal/2026-11-20.md": "Lunch with [Jane](../people/jane-doe.md).\n",
}


def test_a_plain_folder_of_markdown_links_with_relative_paths(make_vault, run):
    root = make_vault(PLAIN)
    assert run("sync", "--vault", root, "--today", DAY).exit_code == 0
    assert contacts(run, root, "jane-doe") == [("2026-10-01", "people/jane-doe.md"),
                                               ("2026-11-20", "journal/2026-11-20.md")]
    due = json.loads(run("due", "--vault", root, "--today", DAY, "--json").output)
    assert due["stay_in_touch"] == []  # 5 days since the lunch, not 55 since the coffee
    assert "[Jane](../people/jane-doe.md)" not in (root / "Network/Follow-ups.md").read_text()


# -- the parse's fast path --------------------------------------------------------------------

PIECES = ["[Ana](Ana.md)", "[A](<B c.md#h> 't')", "![p](p.png)", "[x](https://e.com/a_(b))",
          "[](../P/Bo%20Li)", "[[Cy]]", "![[Di]]", "\\", "`", "``", "[", "]", "](", "(", ")", "<",
          ">", " ", "'", '"', "\r", "- 2026-01-02 ", "#met", "x"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=8).map("".join), max_size=6)
       .map("\n".join))
def test_a_persons_links_read_line_by_line_are_those_found_in_the_whole_body(body):
    """`_person_body` looks for links only in lines with `[[` or `](`, each on its own."""
    assert note_module._person_body(body, 1, "p.md")[2] == note_module._all_links(body, 1)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_any_line_can_be_shown(line):
    assert isinstance(as_shown(line), str)  # (an empty destination once made it fail)


# -- hostile input ----------------------------------------------------------------------------

HOSTILE = {  # 100 KB lines of the pieces a Markdown link is made of
    "brackets": "[](" * 34_000,
    "open brackets, then their ends": "[" * 50_000 + "](" * 25_000,
    "nested parentheses": "[a](" + "(" * 50_000 + "x" + ")" * 50_000,
    "unclosed destinations": "[a](b" * 20_000,
    "texts never closed": "[a" * 50_000 + "](b)",
    "pieces and spaces": "[a](b c" * 15_000,
    "angle brackets": "[a](<b" * 15_000 + ">",
    "titles never closed": '[a](b "' + "[a](b '" * 15_000,
    "spaces": "[a](b" + " " * 100_000,
    # Spaces right after `](`: split between the spaces before a destination, the empty
    # destination and those before a title, some 20 s for 60,000 (a review).
    "spaces after the parenthesis": "See [the form](" + " " * 100_000,
    "tabs after the parenthesis, then a destination": "[a](" + "\t" * 100_000 + "b",
}


@pytest.mark.parametrize("line", HOSTILE.values(), ids=HOSTILE.keys())
def test_markdown_links_cannot_make_reading_or_showing_slow(line):
    """Far from the alarm: each takes some milliseconds. A pattern that scanned to the line's end
    from every `[`, or tried a destination two ways, would take minutes."""
    with no_hang("finding the links"):
        find_links(line, 1)
    with no_hang("showing the line"):
        as_shown(line)


def test_a_wikilink_in_a_destination_is_a_wikilink(make_vault, run):
    """`[her]([[Jane]])` in a wikilink vault: no note's name holds a bracket, so the Markdown
    link is none, and the wikilink in it counts, as it did before Markdown links were read."""
    assert [link.target for link in find_links("- call with [her]([[Jane]]) #call", 1)] == ["Jane"]


def test_a_note_of_hostile_lines_is_synced(make_vault, run):
    root = make_vault({**OBSIDIAN, "Daily/2026-11-20.md": "\n".join(HOSTILE.values()) + "\n"})
    with no_hang("syncing"):
        assert run("sync", "--vault", root, "--today", DAY).exit_code == 0
