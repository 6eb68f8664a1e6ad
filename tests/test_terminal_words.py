"""What a person reads in the terminal: `people` says how long ago in words, `due` shows links as
plain names as `brief` does, and `brief` says whose note declares each typed tie, so that a
one-way field (`children`, `parent`) cannot be read the wrong way round."""

from __future__ import annotations

import json

from conftest import TODAY, person, snapshot

ME = {".obsidian/app.json": "{}", "Me.md": "---\ntype: me\n---\n"}


def section(text: str, title: str) -> list[str]:
    """The rows of one section of a brief or an agenda, without their indent."""
    lines = text.splitlines()
    start = lines.index(title) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i]), len(lines))
    return [line.strip() for line in lines[start:end]]


# -- people: how long ago -------------------------------------------------------------------------

def test_people_says_how_long_ago_in_words(make_vault, run):
    vault = make_vault({**ME, **{f"People/{name}.md": person(
        name, f"## Log\n- {day} Coffee #met\n", role="friend")
        for name, day in [("Ann", "2026-11-25"), ("Bo", "2026-11-24"), ("Cy", "2026-11-20")]}})
    result = run("people", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0
    assert result.output == (
        "  Ann  friend · last contact 2026-11-25 (today)\n"
        "  Bo   friend · last contact 2026-11-24 (1 day ago)\n"
        "  Cy   friend · last contact 2026-11-20 (5 days ago)\n"
        "3 people\n")



def test_people_finds_a_name_whatever_its_accents_apostrophes_or_case(make_vault, run):
    # (`people renee` found nobody beside `Renée Dubois.md`, nor `people "o’brien"` beside
    # `Zoë O'Brien.md`, though `add`, the imports and `intro` take such names for one.)
    vault = make_vault({**ME, "People/Renée Dubois.md": person("Renée Dubois", role="peer"),
                        "People/Zoë O'Brien.md": person("Zoë O'Brien", role="friend"),
                        "People/Ann Lee.md": person("Ann Lee", role="peer")})

    def found(*words: str) -> list[str]:
        shown = run("people", *words, "--json", "--vault", vault, "--today", TODAY).output
        return [each["person"] for each in json.loads(shown)]

    assert found("renee") == found("RENÉE dub") == ["Renée Dubois"]
    assert found("o’brien") == found("zoe o'brien") == found("Zoë") == ["Zoë O'Brien"]
    assert found("lee") == ["Ann Lee"] and found("ren lee") == []

# -- due: links as plain names --------------------------------------------------------------------

DUE = {
    **ME,
    "People/Sophie Baker.md": person("Sophie Baker", (
        "## Log\n- 2026-11-20 Asked whether [[Sue Ellis|Sue]] could help #received\n"
        "- 2026-11-01 Wrote about [[Sue Ellis]]'s talk #outreach\n"
        "- [ ] Send [[People/Sue Ellis]] the notes on [[Grants#Deadlines]] 📅 2026-11-26\n"),
        role="friend"),
    "People/Sue Ellis.md": person("Sue Ellis", role="mentor"),
}


def test_due_shows_links_as_plain_names_as_brief_does_and_changes_no_note(make_vault, run):
    vault = make_vault(DUE)
    run("sync", "--vault", vault, "--today", TODAY)
    before = snapshot(vault)
    result = run("due", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0
    # (The line received links Sue: it is contact with her too, so she is owed a reply as well.)
    assert result.output == (
        "Agenda for 2026-11-25\n\n"
        "Replies owed (2)\n"
        "  Sophie Baker  wrote 5 days ago: Asked whether Sue could help\n"
        "  Sue Ellis     wrote 5 days ago: Asked whether Sue could help\n\n"
        "Promises (1)\n"
        "  Sophie Baker  Send Sue Ellis the notes on Grants > Deadlines (due 2026-11-26)\n")
    brief = run("brief", "Sophie Baker", "--vault", vault, "--today", TODAY).output
    assert "you:  Send Sue Ellis the notes on Grants > Deadlines (due 2026-11-26)" in brief
    # The notes, the agenda page and --json keep the links as written.
    assert snapshot(vault) == before
    page = (vault / "Network/Follow-ups.md").read_text(encoding="utf-8")
    assert "Asked whether [[Sue Ellis|Sue]] could help" in page
    agenda = json.loads(run("due", "--vault", vault, "--today", TODAY, "--json").output)
    assert agenda["replies"][0]["text"] == "Asked whether [[Sue Ellis|Sue]] could help"
    assert agenda["promises"][0]["text"] == (
        "Send [[People/Sue Ellis]] the notes on [[Grants#Deadlines]]")


# -- brief: whose note declares a typed tie -------------------------------------------------------

FAMILY = {
    **ME,
    "People/Dad.md": person("Dad", children='["[[Me]]", "[[Sophie Baker]]"]'),
    "People/Sophie Baker.md": person("Sophie Baker", aliases="[Sophie]"),
    "People/Grandma.md": person("Grandma"),
    "People/Aunt Lou.md": person("Aunt Lou", parent='"[[Grandma]]"'),
}


def brief_text(run, vault, name: str) -> str:
    result = run("brief", name, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return result.output


def test_brief_says_whose_note_declares_a_typed_tie(make_vault, run):
    vault = make_vault(FAMILY)
    ties = {name: section(brief_text(run, vault, name), "Ties in your notes")
            for name in ("Sophie", "Dad", "Grandma", "Aunt Lou")}
    assert ties == {
        # Dad's note says Sophie is his child: not that Dad is hers.
        "Sophie": ["in Dad's note, children: Sophie Baker"],
        "Dad": ["children: Sophie Baker"],
        # Aunt Lou's note says Grandma is her parent: not that Aunt Lou is Grandma's.
        "Grandma": ["in Aunt Lou's note, parent: Grandma"],
        "Aunt Lou": ["parent: Grandma"],
    }


def test_brief_json_says_which_note_declares_a_typed_tie(make_vault, run):
    vault = make_vault(FAMILY)
    found = json.loads(run("brief", "Sophie", "--vault", vault, "--today", TODAY,
                           "--json").output)
    assert found["relations"] == [
        {"kind": "children", "person": "Dad", "note": "People/Dad.md",
         "declared_in": "People/Dad.md"}]


def test_both_notes_with_the_field_each_say_what_they_name(make_vault, run):
    # Both notes have `children`, naming different people, and Bea's through an alias: each
    # field's links are resolved to tell whose note names whom. Their own note's lines come
    # first, by kind; then the others' notes', by name.
    vault = make_vault({
        **ME,
        "People/Al.md": person("Al", children='["[[Bee]]"]', spouse='"[[Cy]]"'),
        "People/Bea.md": person("Bea", aliases="[Bee]", children='["[[Cy]]"]',
                                parent='"[[Al]]"'),
        "People/Cy.md": person("Cy", spouse='"[[Al]]"', children='["[[Bea]]"]'),
    })
    assert section(brief_text(run, vault, "Bea"), "Ties in your notes") == [
        "children: Cy", "parent: Al", "in Al's note, children: Bea",
        "in Cy's note, children: Bea"]
    assert section(brief_text(run, vault, "Al"), "Ties in your notes") == [
        "children: Bea", "spouse: Cy", "in Bea's note, parent: Al", "in Cy's note, spouse: Al"]
    run("sync", "--vault", vault, "--today", TODAY)  # the same from what the cache kept
    assert section(brief_text(run, vault, "Cy"), "Ties in your notes") == [
        "children: Bea", "spouse: Al", "in Al's note, spouse: Cy", "in Bea's note, children: Cy"]
