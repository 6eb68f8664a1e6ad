"""The insight pages (Introductions.md, Mentors.md, the insight sections of Network.md), the
JSON Canvas picture Network/Network.canvas and the `brief` command, on small hand-built vaults
whose right answers can be worked out by hand, and on the sample vault.

Tie scores quoted below follow vaultnet/ties.py: a `#met` 5 days before 2026-11-25 weighs
3 × 0.5^(5/90) = 2.89, so round(100 × (1 − e^(−2.89/4))) = 51; a `#call` 24 days before weighs
2 × 0.5^(24/90) = 1.66, so 34.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, person, snapshot

from vaultnet.cli import cli

OUT = "Network"
SAMPLE = Path(__file__).resolve().parent.parent / "sample_vault"
CANVAS_KEYS = ["generated_by", "note", "vaultnet_digest", "vaultnet_link_digest", "nodes", "edges"]
NODE_KEYS = ("id", "type", "x", "y", "width", "height")


# -- helpers ------------------------------------------------------------------------------------

def sync(run, vault: Path):
    return run("sync", "--vault", vault, "--today", TODAY)


def page(vault: Path, name: str) -> str:
    """A generated note's body, below its vaultnet frontmatter."""
    text = (vault / OUT / name).read_text(encoding="utf-8")
    assert text.startswith("---\ngenerated_by: vaultnet\n"), text[:80]
    return text.partition("\n---\n")[2]


def section(text: str, heading: str) -> list[str]:
    """The non-blank lines under `heading` (a whole heading line) up to the next heading."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    found = []
    for line in lines[start:]:
        if line.startswith("#"):
            break
        if line:
            found.append(line)
    return found


def entries(text: str, heading: str) -> list[str]:
    return [line for line in section(text, heading) if line.startswith("- ")]


def canvas(vault: Path) -> dict:
    return json.loads((vault / OUT / "Network.canvas").read_text(encoding="utf-8"))


def files_of(data: dict) -> dict[str, str]:
    """File node id: the note's stem."""
    return {n["id"]: Path(n["file"]).stem for n in data["nodes"] if n["type"] == "file"}


def check_canvas(vault: Path, data: dict) -> None:
    """The JSON Canvas 1.0 rules every generated canvas keeps, and no card over another."""
    assert list(data) == CANVAS_KEYS
    assert data["generated_by"] == "vaultnet"
    ids = [n["id"] for n in data["nodes"]] + [e["id"] for e in data["edges"]]
    assert len(ids) == len(set(ids))
    for node in data["nodes"]:
        for k in NODE_KEYS:
            assert k in node, (k, node)
        for k in ("x", "y", "width", "height"):
            assert type(node[k]) is int, (k, node)
        assert node["type"] in ("text", "file"), node
        if node["type"] == "file":
            note = vault / node["file"]
            assert note.is_file(), node
            text = note.read_text(encoding="utf-8")
            assert "type: person" in text or "type: me" in text, node
    for a in data["nodes"]:
        for b in data["nodes"]:
            if a["id"] < b["id"]:
                assert (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                        or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]), (a, b)
    node_ids = {n["id"] for n in data["nodes"]}
    for edge in data["edges"]:
        assert edge["fromNode"] in node_ids and edge["toNode"] in node_ids, edge
        assert edge["fromNode"] != edge["toNode"], edge
        assert edge.get("label", "x"), edge  # no empty label: a plain tie has none


# -- Introductions.md ---------------------------------------------------------------------------

# Zoe (tie 51) and Adam (tie 34) both know Bob, a prospect, who knows Carol, another prospect.
# Dan, a prospect, is tied to nobody. Zoe and Adam share two topics and are not tied.
INTRO_VAULT = {
    "People/Zoe.md": person("Zoe", "## Log\n- 2026-11-20 Coffee #met\n", knows='["[[Bob]]"]',
                            topics="[civic tech, open data]"),
    "People/Adam.md": person("Adam", "## Log\n- 2026-11-01 Call #call\n", knows='["[[Bob]]"]',
                             topics="[civic tech, open data]"),
    "People/Bob.md": person("Bob", status="prospect", knows='["[[Carol]]"]'),
    "People/Carol.md": person("Carol", status="prospect", role="mentor", topics="[civic tech]"),
    "People/Dan.md": person("Dan", status="prospect"),
}

ZOE, ADAM, BOB, CAROL = ("[[People/Zoe|Zoe]]", "[[People/Adam|Adam]]", "[[People/Bob|Bob]]",
                         "[[People/Carol|Carol]]")
CIVIC, OPEN = "[[Network/Topics/civic tech|civic tech]]", "[[Network/Topics/open data|open data]]"


def test_introductions_page_is_exact(make_vault, run):
    vault = make_vault(INTRO_VAULT)
    assert sync(run, vault).exit_code == 0
    assert page(vault, "Introductions.md") == "\n".join([
        "# Introductions",
        "",
        "Warm paths to the 3 people you want to meet, through who knows whom in your notes "
        "(`knows`, `met_via`, `spouse`, `manager`, …), and introductions you could make. Back to "
        "[[Network/Network|Network]].",
        "",
        "## Warm paths",
        "",
        f"### {BOB} — prospect",
        "",
        # The stronger tie (Zoe, 51) comes first although Adam (34) comes first by name.
        f"1. {ZOE} → {BOB}: Ask Zoe to introduce you to Bob.",
        f"2. {ADAM} → {BOB}: Ask Adam to introduce you to Bob.",
        "",
        f"### {CAROL} — mentor, prospect",
        "",
        f"1. {ZOE} → {BOB} → {CAROL}: Ask Zoe to introduce you to Bob, then ask Bob to introduce "
        "you to Carol.",
        f"2. {ADAM} → {BOB} → {CAROL}: Ask Adam to introduce you to Bob, then ask Bob to introduce "
        "you to Carol.",
        "",
        "### [[People/Dan|Dan]] — prospect",
        "",
        "No warm path yet: nobody you know is tied to them in your notes (`knows`, `met_via`, "
        "`spouse`, …). Reach out directly, or note who knows them.",
        "",
        "## Introductions you could make",
        "",
        "People you know who share topics and are not tied in your notes yet.",
        "",
        f"- {ADAM} and {ZOE}: both work on {CIVIC}, {OPEN}",
        "",
    ])


def test_introductions_empty_states(make_vault, run):
    # Ann and Ben share one topic only; Cy and Di share two but Cy knows Di: nothing to suggest.
    vault = make_vault({
        "People/Ann.md": person("Ann", topics="[civic tech, sensors]"),
        "People/Ben.md": person("Ben", topics="[civic tech, climate]"),
        "People/Cy.md": person("Cy", topics="[robots, maps]", knows='["[[Di]]"]'),
        "People/Di.md": person("Di", topics="[robots, maps]"),
    })
    assert sync(run, vault).exit_code == 0
    text = page(vault, "Introductions.md")
    assert "Warm paths to the people you want to meet, through" in text  # (not "the 0 people")
    assert section(text, "## Warm paths") == [
        "Nobody to meet yet: mark people you want to meet with `status: prospect`."]
    assert section(text, "## Introductions you could make") == [
        "People you know who share topics and are not tied in your notes yet.",
        "None yet: nobody you know shares two topics with someone they are not tied to."]


def test_introductions_are_made_between_people_you_know_alone(make_vault, run):
    """PRODUCT.md: a known person is not a prospect, not dormant and not outreach-only (every
    interaction an unanswered `#outreach`). Cy, Di, Ed, Flo and Gus share two topics; Di was only
    ever written to, Ed is dormant and Flo a prospect: the one introduction is Cy and Gus's. When
    Di answers, she is known, and is offered too (a sync from the cache, which keeps the
    candidates under who was left out of them)."""
    topics = "[robots, maps]"
    files = {
        "People/Cy.md": person("Cy", "## Log\n- 2026-11-01 Coffee #met\n", topics=topics),
        "People/Di.md": person("Di", "## Log\n- 2026-11-10 Wrote to her #outreach\n",
                               topics=topics),
        "People/Ed.md": person("Ed", "## Log\n- 2026-01-01 Lunch\n", topics=topics,
                               status="dormant"),
        "People/Flo.md": person("Flo", topics=topics, status="prospect"),
        "People/Gus.md": person("Gus", topics=topics),
    }
    vault = make_vault(files)
    assert sync(run, vault).exit_code == 0
    robots, maps = "[[Network/Topics/robots|robots]]", "[[Network/Topics/maps|maps]]"
    assert entries(page(vault, "Introductions.md"), "## Introductions you could make") == [
        f"- [[People/Cy|Cy]] and [[People/Gus|Gus]]: both work on {maps}, {robots}"]
    with (vault / "People/Di.md").open("a", encoding="utf-8") as note:
        note.write("- 2026-11-12 She wrote back #reply\n")
    assert sync(run, vault).exit_code == 0
    assert entries(page(vault, "Introductions.md"), "## Introductions you could make") == [
        f"- [[People/Cy|Cy]] and [[People/Di|Di]]: both work on {maps}, {robots}",
        f"- [[People/Cy|Cy]] and [[People/Gus|Gus]]: both work on {maps}, {robots}",
        f"- [[People/Di|Di]] and [[People/Gus|Gus]]: both work on {maps}, {robots}"]


# -- Mentors.md ---------------------------------------------------------------------------------

def test_mentors_without_profile_ranks_known_people_and_prospects_with_a_path(make_vault, run):
    vault = make_vault(INTRO_VAULT)
    assert sync(run, vault).exit_code == 0
    text = page(vault, "Mentors.md")
    assert ("ranked against the network's most common topics (no profile note yet): the focus "
            "topics you share") in text
    assert "your profile" not in text
    # Open data (2 of 5 people) is rarer than civic tech (3 of 5), so it is named first.
    assert text.splitlines()[4:] == [
        f"1. {ZOE}: shares {OPEN}, {CIVIC}; tie 51.",
        f"2. {ADAM}: shares {OPEN}, {CIVIC}; tie 34.",
        f"3. {CAROL} — mentor, prospect: shares {CIVIC}; not met yet.",
        f"   Warm path: {ZOE} → {BOB} → {CAROL}: Ask Zoe to introduce you to Bob, then ask Bob to "
        "introduce you to Carol.",
    ]


# With a profile: Alice is a recent tie who needs what you offer, Fay a strong tie gone quiet for
# 107 days, Ola helped you twice and got nothing back (Gus got something), Carl (no contact) and
# Pia (a prospect) are the only people on `climate`, a goal topic, and nobody is on `sensors`.
PROFILE_VAULT = {
    "Me.md": "---\ntype: me\ngoals: [learn about climate]\ntopics: [civic tech, climate, sensors]\n"
             "offers: [reviews of grant proposals]\n---\n# Me\n",
    "People/Alice.md": person("Alice", "## Log\n- 2026-11-20 Coffee #met\n", topics="[civic tech]",
                              needs="[feedback on a grant proposal]"),
    "People/Fay.md": person("Fay", "## Log\n- 2026-08-01 Coffee #met\n- 2026-08-10 Call #call\n",
                            topics="[civic tech]"),
    "People/Ola.md": person("Ola", "## Log\n- 2026-10-01 She reviewed my CV #asked\n"
                                   "- 2026-10-05 She sent a list of jobs #asked\n"),
    "People/Gus.md": person("Gus", "## Log\n- 2026-10-01 He reviewed my CV #asked\n"
                                   "- 2026-10-09 I sent him my notes #gave\n"),
    "People/Carl.md": person("Carl", topics="[climate]"),
    "People/Pia.md": person("Pia", topics="[climate]", status="prospect"),
}


def test_mentors_with_profile_names_it_and_says_when_a_prospect_has_no_path(make_vault, run):
    vault = make_vault(PROFILE_VAULT)
    assert sync(run, vault).exit_code == 0
    text = page(vault, "Mentors.md")
    assert "ranked against your profile [[Me]]: the focus topics you share" in text
    assert "no profile note" not in text
    climate = "[[Network/Topics/climate|climate]]"
    # Climate counts twice (a goal names it): Carl, with no contact at all, still ranks first.
    assert text.splitlines()[4:] == [
        f"1. [[People/Carl|Carl]]: shares {climate}; tie 0.",
        f"2. [[People/Alice|Alice]]: shares {CIVIC}; tie 51.",
        f"3. [[People/Fay|Fay]]: shares {CIVIC}; tie 41.",
        f"4. [[People/Pia|Pia]] — prospect: shares {climate}; not met yet.",
        "   No warm path yet: reach out directly.",
    ]


# -- Network.md ---------------------------------------------------------------------------------

SEE = ("See [[Network/Introductions|Introductions]], [[Network/Mentors|Mentors]] and the picture "
       "in [[Network/Network.canvas|Network.canvas]].")


def test_network_focus_line_without_profile(make_vault, run):
    vault = make_vault(INTRO_VAULT)
    assert sync(run, vault).exit_code == 0
    lines = page(vault, "Network.md").splitlines()
    focus = [line for line in lines if line.startswith("No profile note yet")]
    assert focus == [
        "No profile note yet (a note with `type: me`, `goals`, `topics` and `offers`): suggestions "
        f"rank against the network's most common topics, {CIVIC}, {OPEN}. {SEE}"]


def test_network_insight_sections_with_profile(make_vault, run):
    vault = make_vault(PROFILE_VAULT)
    assert sync(run, vault).exit_code == 0
    text = page(vault, "Network.md")
    # Climate first (a goal names it: weight 2), then by name; `sensors` has no page to link.
    assert (f"Suggestions rank against your profile [[Me]]: [[Network/Topics/climate|climate]], "
            f"{CIVIC}, sensors. {SEE}") in text.splitlines()
    # Strong from 50 only: Fay's 41, Gus's 29 and Ola's 28 are not called strong.
    assert entries(text, "## Strongest ties") == [
        "- [[People/Alice|Alice]] — tie 51: 1 interaction, last 2026-11-20 (5 days ago)",
    ]
    # Fay: lifetime weight 3 + 2 = 5, silent 107 days; Alice is recent, Ola and Gus too light.
    assert entries(text, "## Fading ties") == [
        "- [[People/Fay|Fay]] — weight 5, tie 41: 2 interactions, last 2026-08-10 (107 days ago)"]
    assert entries(text, "### You could help now") == [
        "- [[People/Alice|Alice]] needs “feedback on a grant proposal”: you offer “reviews of grant "
        "proposals”"]
    assert entries(text, "### Only asked of") == [
        "- [[People/Ola|Ola]] helped you 2 times (last 2026-10-05), and you have not logged helping "
        "back (`#gave`)"]
    assert entries(text, "### Focus topics without a warm tie") == [
        "- [[Network/Topics/climate|climate]]: only cold ties, [[People/Carl|Carl]] (tie 0), "
        "[[People/Pia|Pia]] (prospect)",
        "- sensors: nobody in your notes yet"]


# Two triangles of `knows`, alpha and beta, joined by A1 knowing B1; A4 hangs off A2, who is on the
# way between others but only inside alpha: not a bridge. B2 and B3 are tied only by B3's
# `met_via`; B1 both knows B3 and introduced you to B3. Solo is tied to nobody.
FIELD_VAULT = {
    "People/A1.md": person("A1", topics="[alpha]", knows='["[[A2]]", "[[A3]]", "[[B1]]"]'),
    "People/A2.md": person("A2", topics="[alpha]", knows='["[[A3]]"]'),
    "People/A3.md": person("A3", topics="[alpha]"),
    "People/A4.md": person("A4", topics="[alpha]", knows='["[[A2]]"]'),
    "People/B1.md": person("B1", topics="[beta]", knows='["[[B2]]", "[[B3]]"]'),
    "People/B2.md": person("B2", topics="[beta]"),
    "People/B3.md": person("B3", topics="[beta]", met_via='["[[B1]]", "[[B2]]"]'),
    "People/Solo.md": person("Solo", topics="[alpha]"),
}


def test_network_bridges_and_communities(make_vault, run):
    vault = make_vault(FIELD_VAULT)
    assert sync(run, vault).exit_code == 0
    text = page(vault, "Network.md")
    assert entries(text, "### Bridges") == [
        "- [[People/A1|A1]] ties together the alpha group and the beta group",
        # (Each one's own group first, where most of their ties are: in name order, every
        # bridge's line began with the same groups.)
        "- [[People/B1|B1]] ties together the beta group and the alpha group"]
    assert entries(text, "### Communities") == [
        "- alpha (4): [[People/A1|A1]], [[People/A2|A2]], [[People/A3|A3]], [[People/A4|A4]]",
        "- beta (3): [[People/B1|B1]], [[People/B2|B2]], [[People/B3|B3]]"]
    assert page(vault, "Communities.md").splitlines()[4:] == [
        "## 1. alpha (4)", "", "- [[People/A1|A1]]", "- [[People/A2|A2]]", "- [[People/A3|A3]]",
        "- [[People/A4|A4]]", "", "## 2. beta (3)", "", "- [[People/B1|B1]]", "- [[People/B2|B2]]",
        "- [[People/B3|B3]]"]


def test_every_member_of_every_community_is_a_click_away(make_vault, run):
    # Ten separate triangles and one group of nine: Network.md shows the first six of the nine
    # and the eight biggest groups; the rest are on Communities.md, which it links.
    files = {f"People/Big{i}.md": person(f"Big{i}", topics="[big]",
                                          knows=f'["[[Big{(i + 1) % 9}]]", "[[Big{(i + 2) % 9}]]"]')
             for i in range(9)}
    for group in range(10):
        for i in range(3):
            files[f"People/T{group}x{i}.md"] = person(
                f"T{group}x{i}", topics=f"[t{group}]", knows=f'["[[T{group}x{(i + 1) % 3}]]"]')
    vault = make_vault(files)
    assert sync(run, vault).exit_code == 0
    network = page(vault, "Network.md")
    assert "everyone in each on [[Network/Communities|Communities]]." in network
    shown = entries(network, "### Communities")
    assert shown[0].endswith(", [[People/Big5|Big5]] and 3 more")
    assert shown[-1] == "- and 3 smaller communities"
    everyone = page(vault, "Communities.md")
    assert everyone.splitlines()[2].startswith("11 groups of people tied to each other")
    for name in files:
        assert f"[[{name.removesuffix('.md')}|" in everyone


def test_network_empty_states_without_profile(make_vault, run):
    vault = make_vault({"People/Solo.md": person("Solo")})
    assert sync(run, vault).exit_code == 0
    text = page(vault, "Network.md")
    assert ("No profile note yet (a note with `type: me`, `goals`, `topics` and `offers`): "
            f"suggestions rank against the network's most common topics, none yet. {SEE}"
            ) in text.splitlines()
    assert section(text, "## Strongest ties") == [
        "None yet: a tie is strong from 50 (a coffee in the last ten days, or two in the last three "
        "months); log your meetings and calls."]
    assert section(text, "## Fading ties") == [
        "Ties with the weight of a coffee and a call or more (a meeting counts 3, a call 2, "
        "an outreach alone 0.5, anything else 1, however long ago) that have had no contact "
        "for 60 days or more, but fewer than 180 (those are under Gone quiet), the weightiest "
        "first; beside the weight, the tie's score, which fades with time.",
        "Nobody: no tie of that weight is fading."]  # not "your strong ties": there are none
    assert section(text, "### You could help now") == [
        "Nothing matches yet: list what you can give as `offers` in your profile, and what people "
        "look for as `needs` in their notes."]
    assert section(text, "### Only asked of") == [
        "Nobody: everyone who helped you (`#asked`) got something back (`#gave`)."]
    assert section(text, "### Focus topics without a warm tie") == [
        "Every focus topic has a warm tie."]
    assert section(text, "### Bridges")[1:] == ["Nobody ties two groups together yet."]
    assert section(text, "### Communities")[1:] == [
        "None yet: add `knows` and `met_via` to person notes."]
    assert page(vault, "Mentors.md").splitlines()[4:] == ["Nobody shares your focus topics yet."]
    data = canvas(vault)
    assert (data["nodes"], data["edges"]) == ([], [])


def test_network_empty_states_with_a_bare_profile(make_vault, run):
    vault = make_vault({
        "Me.md": "---\ntype: me\noffers: [reviews of grant proposals]\n---\n# Me\n",
        "People/Solo.md": person("Solo", needs="[a flat in Berlin]"),
    })
    assert sync(run, vault).exit_code == 0
    text = page(vault, "Network.md")
    assert (f"Suggestions rank against your profile [[Me]]: add `goals` and `topics` to it. {SEE}"
            ) in text.splitlines()
    assert section(text, "### You could help now") == [
        "No need in your notes matches your offers."]


def test_a_profile_whose_goals_name_no_topic_is_told_so(make_vault, run):
    """A review: goals in a language whose words no space parts (`自然言語処理を学ぶ`), or any
    goal that names no topic, ranked nothing, and the page asked for goals it had."""
    vault = make_vault({
        "Me.md": "---\ntype: me\ngoals: [\"自然言語処理を学ぶ\"]\n---\n# Me\n",
        "People/Solo.md": person("Solo", topics="[自然言語処理]"),
    })
    assert sync(run, vault).exit_code == 0
    assert (f"Suggestions rank against your profile [[Me]]: no topic of your network's is named "
            f"in its `goals` or `topics` yet: add `topics` to it. {SEE}"
            ) in page(vault, "Network.md").splitlines()


# -- the canvas ---------------------------------------------------------------------------------

def test_canvas_is_valid_and_shows_the_ties(make_vault, run):
    vault = make_vault(FIELD_VAULT)
    assert sync(run, vault).exit_code == 0
    raw = (vault / OUT / "Network.canvas").read_text(encoding="utf-8")
    assert raw.startswith('{\n  "generated_by": "vaultnet",\n')
    data = json.loads(raw)
    check_canvas(vault, data)
    stems = files_of(data)
    assert sorted(stems.values()) == ["A1", "A2", "A3", "A4", "B1", "B2", "B3"]  # not Solo
    # You met B3 through B1 and B2: your only ties, drawn from you. Only typed ties (met via)
    # are labelled.
    assert {stems[e["toNode"]] for e in data["edges"] if e["fromNode"] == "you"} == {"B1", "B2"}
    labels = {tuple(sorted((stems[e["fromNode"]], stems[e["toNode"]]))): e.get("label")
              for e in data["edges"] if e["fromNode"] != "you"}
    assert labels == {
        ("A1", "A2"): None, ("A1", "A3"): None, ("A2", "A3"): None, ("A2", "A4"): None,
        ("A1", "B1"): None, ("B1", "B2"): None, ("B1", "B3"): "met via",
        ("B2", "B3"): "met via"}
    # One colour per community, named in the key.
    colours = {stems[n["id"]]: n.get("color") for n in data["nodes"] if n["id"] in stems}
    assert {colours[s] for s in ("A1", "A2", "A3", "A4")} == {"1"}
    assert {colours[s] for s in ("B1", "B2", "B3")} == {"2"}
    key = [n["text"] for n in data["nodes"] if n["type"] == "text"]
    assert key[0] == "**You**" and key[2:] == ["alpha (4 people)", "beta (3 people)"]


@pytest.mark.slow  # new processes, one per hash seed or time zone
def test_canvas_is_byte_identical_across_syncs_and_hash_seeds(sample_synced, tmp_path, run):
    first = (sample_synced / OUT / "Network.canvas").read_bytes()
    again = sync(run, sample_synced)
    assert again.exit_code == 0
    assert "Nothing to write" in again.output
    assert (sample_synced / OUT / "Network.canvas").read_bytes() == first
    for seed in ("0", "4242"):
        copy = tmp_path / f"seed{seed}"
        shutil.copytree(SAMPLE, copy, ignore=shutil.ignore_patterns(OUT))
        done = subprocess.run(
            [sys.executable, "-m", "vaultnet", "sync", "--vault", str(copy), "--today", str(TODAY)],
            capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        assert (copy / OUT / "Network.canvas").read_bytes() == first, seed


def test_canvas_is_capped_at_40_people_the_most_tied_first(make_vault, run):
    # A chain P000 - P001 - … - P199, nobody tied to you. The picture grows from the first
    # bridge along the chain: 40 people in a row, each tied to the next.
    files = {}
    for i in range(200):
        knows = f'knows: ["[[P{i + 1:03d}]]"]\n' if i < 199 else ""
        files[f"People/P{i:03d}.md"] = f"---\ntype: person\n{knows}---\n"
    vault = make_vault(files)
    assert sync(run, vault).exit_code == 0
    data = canvas(vault)
    check_canvas(vault, data)
    shown = sorted(int(stem[1:]) for stem in files_of(data).values())
    assert shown == list(range(shown[0], shown[0] + 40))
    assert len(data["edges"]) == 39
    assert "160 more people" in next(n["text"] for n in data["nodes"] if n["id"] == "key")


def test_canvas_edited_by_hand_is_kept_and_reported(make_vault, run):
    vault = make_vault(FIELD_VAULT)
    assert sync(run, vault).exit_code == 0
    path = vault / OUT / "Network.canvas"
    text = path.read_text(encoding="utf-8")
    moved = text.replace('"x": ', '"x": 5', 1)  # Obsidian moved a node
    assert moved != text
    path.write_text(moved, encoding="utf-8")
    result = sync(run, vault)
    assert result.exit_code == 1
    assert "Network/Network.canvas: was edited by hand" in result.output
    assert path.read_text(encoding="utf-8") == moved
    # Still kept when the network changes and the canvas would be drawn anew.
    (vault / "People/Solo.md").write_text(person("Solo", knows='["[[A1]]"]'), encoding="utf-8")
    result = sync(run, vault)
    assert result.exit_code == 1
    assert "edited by hand" in result.output
    assert path.read_text(encoding="utf-8") == moved


def test_canvas_of_the_user_is_left_alone(make_vault, run):
    mine = '{"nodes": [], "edges": []}\n'
    vault = make_vault({**FIELD_VAULT, f"{OUT}/Network.canvas": mine})
    result = sync(run, vault)
    assert result.exit_code == 1
    assert "Network/Network.canvas: is not a note vaultnet wrote" in result.output
    assert (vault / OUT / "Network.canvas").read_text(encoding="utf-8") == mine
    assert (vault / OUT / "Network.md").is_file()  # the rest is written


def test_unedited_canvas_follows_a_new_tie_then_stays_put(make_vault, run):
    vault = make_vault(FIELD_VAULT)
    assert sync(run, vault).exit_code == 0
    before = canvas(vault)
    assert "Solo" not in files_of(before).values()
    (vault / "People/Solo.md").write_text(person("Solo", knows='["[[A1]]"]'), encoding="utf-8")
    result = sync(run, vault)
    assert result.exit_code == 0, result.output
    assert "Updated Network/Network.canvas" in result.output.splitlines()
    after = canvas(vault)
    check_canvas(vault, after)
    stems = files_of(after)
    assert "Solo" in stems.values()
    assert {"A1", "Solo"} in [{stems[e["fromNode"]], stems[e["toNode"]]} for e in after["edges"]
                              if e["fromNode"] != "you"]
    written = (vault / OUT / "Network.canvas").read_bytes()
    again = sync(run, vault)
    assert again.exit_code == 0
    assert "Nothing to write: Network/ is up to date." in again.output
    assert (vault / OUT / "Network.canvas").read_bytes() == written


# -- vaultnet brief -----------------------------------------------------------------------------

BRIEF_VAULT = {
    "Me.md": "---\ntype: me\ngoals: [find a mentor in civic tech]\ntopics: [civic tech, open data]\n"
             "offers: [reviews of grant proposals]\nstory: I build forecasting models.\n---\n# Me\n",
    "People/Jane Doe.md": person(
        "Jane Doe",
        "## Log\n- 2026-09-01 First email #outreach\n- 2026-10-01 Coffee at the lab #met\n"
        "- 2026-11-02 Emailed about the fellowship #outreach\n- 2026-11-10 Call about sensors #call\n"
        "- 2026-11-15 Asked again #outreach\n"
        "- [ ] Send her the paper 📅 2026-12-01\n- [ ] She will send the dataset #waiting\n"
        "- [x] Thank her for the coffee\n",
        role="mentor", org='"[[MIT Media Lab]]"', topics="[civic tech, sensors, open data]",
        knows='["[[Bob Smith]]"]', offers="[my notes on sensors]",
        needs="[feedback on her grant proposal]"),
    "Daily/2026-11-12.md": "- Rang [[Jane Doe]] after the meetup #call\n",
    "People/Bob Smith.md": person("Bob Smith", "## Log\n- 2026-11-20 Lunch #met\n",
                                  topics="[civic tech, sensors]"),
    "People/Carol Diaz.md": person("Carol Diaz", "## Log\n- 2026-11-20 Lunch #met\n",
                                   topics="[civic tech, open data]"),
    "People/Zed.md": person("Zed", status="prospect", knows='["[[Bob Smith]]", "[[Jane Doe]]"]'),
}


def test_brief_text_is_exact(make_vault, run):
    vault = make_vault(BRIEF_VAULT)
    result = run("brief", "jane doe", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    # Tie: 0.5, 3, 0.5, 2, 2 and 0.5 halved every 90 days sum to 6.70: 81. The five newest of six
    # interactions, newest first, the daily note's line without its `- `; the outreach of 11-15
    # is still open (after the call of 11-12), and on the agenda (10 days without a reply), as
    # the promise due within a week is. Zed knows Jane but is a prospect: not mutual.
    assert result.output == (
        "Jane Doe (mentor, MIT Media Lab)\n"
        "People/Jane Doe.md · tie strength 81 of 100 (strong): 6 interactions, "
        "last 2026-11-15 (10 days ago)\n"
        "\n"
        "On today's agenda\n"
        "  Outreach  no reply for 10 days, follow-up 1 of 2\n"
        "  Promise   Send her the paper (due 2026-12-01)\n"
        "\n"
        "Last interactions\n"
        "  2026-11-15  Asked again #outreach\n"
        "  2026-11-12  Rang Jane Doe after the meetup #call\n"
        "  2026-11-10  Call about sensors #call\n"
        "  2026-11-02  Emailed about the fellowship #outreach\n"
        "  2026-10-01  Coffee at the lab #met\n"
        "\n"
        "Open promises\n"
        "  you:  Send her the paper (due 2026-12-01)\n"
        "  them: She will send the dataset #waiting\n"
        "\n"
        "Open outreach\n"
        "  2026-11-15  Asked again #outreach\n"
        "\n"
        "Shared topics with you\n"
        "  civic tech, open data\n"
        "\n"
        "Mutual connections\n"
        "  Bob Smith\n"
        "\n"
        "What you could offer\n"
        "  my notes on sensors\n"
        "  reviews of grant proposals (for: feedback on her grant proposal)\n"
        "  an introduction to Carol Diaz (civic tech, open data)\n"
        "\n"
        "What they need\n"
        "  feedback on her grant proposal\n"
        "\n"
        "Your story, if it comes up\n"
        "  I build forecasting models.\n"
    )


def test_brief_of_a_prospect_shows_warm_paths(make_vault, run):
    vault = make_vault(BRIEF_VAULT)
    result = run("brief", "Zed", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Zed (prospect)"
    at = lines.index("Warm paths")
    # Jane (tie 81) before Bob (tie 51).
    assert lines[at + 1:at + 4] == ["  Ask Jane Doe to introduce you to Zed.",
                                    "  Ask Bob Smith to introduce you to Zed.", ""]
    assert lines[lines.index("Mutual connections") + 1] == "  Bob Smith, Jane Doe"
    # Someone you know has no warm paths section.
    known = run("brief", "Bob Smith", "--vault", vault, "--today", TODAY)
    assert "Warm paths" not in known.output


def test_brief_json(make_vault, run):
    vault = make_vault(BRIEF_VAULT)
    result = run("brief", "Jane Doe", "--vault", vault, "--today", TODAY, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"person", "path", "role", "prospect", "tie", "last_interactions",
                         "promises", "open_outreach", "shared_topics", "mutual_connections",
                         "you_could_offer", "introductions_you_could_make", "they_need",
                         "warm_paths"}
    assert (data["person"], data["path"], data["role"], data["prospect"]) == (
        "Jane Doe", "People/Jane Doe.md", "mentor", False)
    assert data["tie"]["score"] == 81
    assert [(i["date"], i["text"]) for i in data["last_interactions"]][:2] == [
        ("2026-11-15", "Asked again #outreach"), ("2026-11-12", "Rang [[Jane Doe]] after the meetup #call")]
    assert len(data["last_interactions"]) == 5
    assert data["promises"] == {
        "yours": [{"text": "Send her the paper", "due": "2026-12-01"}],
        "theirs": [{"text": "She will send the dataset #waiting", "due": None}]}
    assert [o["date"] for o in data["open_outreach"]] == ["2026-11-15"]
    assert data["shared_topics"] == ["civic tech", "open data"]
    assert data["mutual_connections"] == ["Bob Smith"]
    assert data["you_could_offer"] == ["my notes on sensors", "reviews of grant proposals"]
    assert data["introductions_you_could_make"] == ["Carol Diaz"]
    assert data["they_need"] == ["feedback on her grant proposal"]
    assert data["warm_paths"] == []
    zed = json.loads(run("brief", "Zed", "--vault", vault, "--today", TODAY, "--json").output)
    assert (zed["prospect"], zed["warm_paths"]) == (True, [["Jane Doe", "Zed"], ["Bob Smith", "Zed"]])


def test_brief_unknown_name_exits_1_with_candidates(make_vault, run):
    vault = make_vault(BRIEF_VAULT)
    result = run("brief", "Jane Do", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    assert 'no person called "Jane Do"; did you mean Jane Doe (People/Jane Doe.md)?' in result.output
    none = run("brief", "Qqqq", "--vault", vault, "--today", TODAY)
    assert none.exit_code == 1
    assert "none with that name or alias" in none.output


def test_a_name_with_no_note_but_mentions_or_yours_is_told_so(make_vault, run):
    """Someone your notes name without a note (`knows`) is told as such, with where they are
    named and the command that makes their note, by every command that wants a person; your own
    note's name is you, not someone missing; nothing is written."""
    vault = make_vault({"Me.md": "---\ntype: me\n---\n# Sam\n",
                        "People/Dan.md": person("Dan", "## Log\n- 2026-10-01 Coffee #met\n",
                                                knows='["[[Tanya Brooks]]"]')})
    before = snapshot(vault)
    for command in (["brief", "Tanya Brooks"], ["log", "tanya brooks", "Coffee"],
                    ["promise", "Tanya Brooks", "Send the paper"]):
        result = run(*command, "--vault", vault, "--today", TODAY)
        said = (f'Error: "{command[1]}" has no note yet, only mentions (People/Dan.md): '
                "`vaultnet add 'Tanya Brooks'` makes one\n")
        assert (result.exit_code, result.output) == (1, said), command
    mine = run("brief", "me", "--vault", vault, "--today", TODAY)
    assert (mine.exit_code, mine.output) == (
        1, 'Error: "me" is you: Me.md is your own note (`type: me`), not a person of your '
           "network\n")
    assert snapshot(vault) == before


def test_intro_to_someone_only_written_to_gives_the_warm_paths(make_vault, run):
    """Someone you have only written to, with no answer, is not someone you know (PRODUCT.md):
    `intro` gives the warm paths to them, as `--json` does, not "you already know"."""
    vault = make_vault({
        "People/Dan.md": person("Dan", "## Log\n- 2026-10-01 Coffee #met\n",
                                knows='["[[Ola]]"]'),
        "People/Ola.md": person("Ola", "## Log\n- 2026-11-01 Wrote to her #outreach\n")})
    assert run("intro", "Ola", "--vault", vault, "--today", TODAY).output == (
        "Warm paths to Ola:\n1. Dan → Ola\n   Ask Dan to introduce you to Ola.\n")
    data = json.loads(run("intro", "Ola", "--vault", vault, "--today", TODAY, "--json").output)
    assert data["paths"] == [["Dan", "Ola"]]


def test_brief_keeps_control_characters_off_the_terminal(make_vault, run):
    vault = make_vault({"People/Mia.md": person(
        "Mia", "## Log\n- 2026-11-20 Talked \x1b]0;x\x07 late #met\n- [ ] ring \x07 her 📅 2026-12-01\n",
        needs='["a \\u001b[31mred need"]')})
    result = run("brief", "Mia", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "  2026-11-20  Talked \\x1b]0;x\\x07 late #met" in result.output.splitlines()
    assert "  a \\x1b[31mred need" in result.output.splitlines()


def test_brief_candidates_keep_control_characters_off_the_terminal(make_vault, run):
    vault = make_vault({
        "People/Jane Doe.md": person("Jane Doe"),
        "People/Jane\x1b]0;x\x07 Doe.md": person("Jane"),
    })
    result = run("brief", "Jane D", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    assert "did you mean" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


# -- the sample vault ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_synced(tmp_path_factory) -> Path:
    vault = tmp_path_factory.mktemp("sample") / "vault"
    shutil.copytree(SAMPLE, vault, ignore=shutil.ignore_patterns(OUT))
    result = CliRunner().invoke(cli, ["sync", "--vault", str(vault), "--today", str(TODAY)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return vault


def test_sample_vault_shows_every_insight(sample_synced):
    vault = sample_synced
    intro = page(vault, "Introductions.md")
    numbered = [line for line in intro.splitlines() if line[:3] in ("1. ", "2. ", "3. ")]
    assert any(line.count(" → ") == 2 and ", then ask " in line for line in numbered)
    assert "No warm path yet" in intro
    assert entries(intro, "## Introductions you could make")

    mentors = page(vault, "Mentors.md").splitlines()
    prospects = [i for i, line in enumerate(mentors) if line.endswith("; not met yet.")]
    assert any(mentors[i + 1].startswith("   Warm path: ") for i in prospects)

    network = page(vault, "Network.md")
    assert "Suggestions rank against your profile [[Me]]" in network
    for heading in ("## Strongest ties", "## Fading ties", "### You could help now",
                    "### Only asked of", "### Focus topics without a warm tie", "### Bridges",
                    "### Communities"):
        assert entries(network, heading), heading

    data = canvas(vault)
    check_canvas(vault, data)
    assert any(n.get("file") == "Me.md" for n in data["nodes"])  # you, at the centre
    assert any(n["type"] == "file" for n in data["nodes"])
    assert data["edges"]
