"""What the fast paths of `brief` and `export` read, pinned to the output of the slow ones.

`vaultnet brief` reads the dated lines of the notes that can hold a plan with the person (their
own note, the person notes tied to them, the day's and meeting pages dated after today), not of
every note; `vaultnet export` takes each person's interaction count and last contact from what a
sync kept of them (`Person.contacts`) rather than gathering their interactions. Both give what
reading everything gave, to the byte: the outputs below are those of the code before them.

The vault has a plan in Ada's own log, in a person's note linking her by an alias, by a Markdown
link and by path, in a daily note linking her, on a day's page whose field names her, in a
meeting note; and plans that are not hers: a person tied to her with a plan of his own, a daily
note and a meeting linking Bob alone, a page with a dated line that is neither a day's nor a
meeting's. Today is 2026-11-25 throughout (conftest.TODAY).
"""

from __future__ import annotations

import hashlib
import json

import pytest
from conftest import TODAY, person

from vaultnet.insight.brief import plans
from vaultnet.network.graph import person_node
from vaultnet.pipeline.sync import load

ADA = "People/Ada Lovelace.md"
FILES = {
    ADA: person("Ada Lovelace", "Mathematician.\n\n## Log\n- 2026-11-20 Tea #met\n"
                "- 2026-12-03 Letterpress fair together\n"
                "- 2026-12-01 Call about the engine #call\n",
                role="friend", cadence=30, last_contact="2026-11-01", aliases='["Countess"]'),
    "People/Bob Smith.md": person("Bob Smith", "## Log\n- 2026-11-22 Lunch with [[Ada Lovelace]] #met\n"
                                  "- 2026-12-02 Introduce [[Countess]] to the printers' guild\n"
                                  "- 2026-12-04 Ring the bindery\n", role="peer"),
    "People/Cy Ng.md": person("Cy Ng", "## Log\n- 2026-12-06 Move house\n",
                              knows='["[[Ada Lovelace]]"]'),
    "People/Dee Roy.md": person("Dee Roy",
                                "## Log\n- 2026-12-09 Show [Ada](<Ada Lovelace.md>) the press\n"
                                "- 2026-12-10 Walk with [[People/Ada Lovelace|her]] #met\n"),
    "Daily/2026-11-21.md": "- Saw [[Ada Lovelace]] at the market\n",
    "Daily/2026-12-05.md": "- Dinner with [[Ada Lovelace|Ada]] and [[Bob Smith]]\n- Buy bread\n",
    "Daily/2026-12-06.md": "- Drinks with [[Bob Smith]]\n",
    "Daily/2026-12-07.md": '---\npeople: ["[[Ada Lovelace]]"]\n---\n- Museum trip\n',
    "Notes/Kickoff.md": '---\ndate: 2026-11-18\nattendees: ["[[Ada Lovelace]]", "[[Bob Smith]]"]\n'
                        "---\nAgenda.\n",
    "Notes/Review.md": '---\ndate: 2026-12-08\nattendees: ["[[Ada Lovelace]]"]\n---\n'
                       "With [[Cy Ng]] too.\n",
    "Notes/Offsite.md": '---\ndate: 2026-12-11\nattendees: ["[[Bob Smith]]"]\n---\nPlan the offsite.\n',
    "Notes/Ideas.md": "- 2026-12-12 Visit [[Ada Lovelace]]\n",
}

ADA_BRIEF = """\
Ada Lovelace (friend)
People/Ada Lovelace.md · tie strength 93 of 100 (strong): 5 interactions, last 2026-11-22 (3 days ago)

About
  Mathematician.

Last interactions
  2026-11-22  Lunch with Ada Lovelace #met
  2026-11-21  Saw Ada Lovelace at the market
  2026-11-20  Tea #met
  2026-11-18  Kickoff #met
  2026-11-01  last_contact

Plans
  2026-12-01  Call about the engine #call
  2026-12-02  Introduce Countess to the printers' guild
  2026-12-03  Letterpress fair together
  2026-12-05  Dinner with Ada and Bob Smith
  2026-12-07  2026-12-07
  2026-12-08  Review
  2026-12-09  Show Ada the press
  2026-12-10  Walk with her #met

Open promises
  none either way

Open outreach
  nothing waiting for an answer

Shared topics with you
  none of your focus topics

Mutual connections
  Bob Smith, Cy Ng, Dee Roy

What you could offer
  nothing noted: add `offers` to their note

What they need
  nothing noted: add `needs` to their note
"""


def plan(day: str, text: str, source: str, *kinds: str) -> dict[str, object]:
    return {"date": day, "text": text, "kinds": list(kinds), "source": source}


PLANS = {
    "Ada Lovelace": [
        plan("2026-12-01", "Call about the engine #call", ADA, "call"),
        plan("2026-12-02", "Introduce [[Countess]] to the printers' guild", "People/Bob Smith.md"),
        plan("2026-12-03", "Letterpress fair together", ADA),
        plan("2026-12-05", "Dinner with [[Ada Lovelace|Ada]] and [[Bob Smith]]", "Daily/2026-12-05.md"),
        plan("2026-12-07", "2026-12-07", "Daily/2026-12-07.md", "met"),
        plan("2026-12-08", "Review", "Notes/Review.md", "met"),
        plan("2026-12-09", "Show [Ada](<Ada Lovelace.md>) the press", "People/Dee Roy.md"),
        plan("2026-12-10", "Walk with [[People/Ada Lovelace|her]] #met", "People/Dee Roy.md", "met"),
    ],
    "Bob Smith": [
        plan("2026-12-02", "Introduce [[Countess]] to the printers' guild", "People/Bob Smith.md"),
        plan("2026-12-04", "Ring the bindery", "People/Bob Smith.md"),
        plan("2026-12-05", "Dinner with [[Ada Lovelace|Ada]] and [[Bob Smith]]", "Daily/2026-12-05.md"),
        plan("2026-12-06", "Drinks with [[Bob Smith]]", "Daily/2026-12-06.md"),
        plan("2026-12-11", "Offsite", "Notes/Offsite.md", "met"),
    ],
    "Cy Ng": [
        plan("2026-12-06", "Move house", "People/Cy Ng.md"),
        plan("2026-12-08", "Review", "Notes/Review.md", "met"),
    ],
    "Dee Roy": [
        plan("2026-12-09", "Show [Ada](<Ada Lovelace.md>) the press", "People/Dee Roy.md"),
        plan("2026-12-10", "Walk with [[People/Ada Lovelace|her]] #met", "People/Dee Roy.md", "met"),
    ],
}

# The bytes `vaultnet export` wrote of FILES before it took counts from the kept contacts.
EXPORTED = {
    "graphml": "d9cc9529cbbbc59baf871d36b799c1a54ddcdb296f0e28885b3d501a98f4f1a2",
    "json": "3e13af5a852bd22edd02ef37c5e03cd6bd3525a4ec86e959488a496a82041df5",
}


@pytest.fixture
def vault(make_vault):
    return make_vault(FILES)


def brief(run, vault, name: str, *options: str) -> str:
    result = run("brief", name, "--vault", vault, "--today", TODAY, *options)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_brief_is_as_reading_every_note_gave_it(vault, run):
    assert brief(run, vault, "Ada Lovelace") == ADA_BRIEF


@pytest.mark.parametrize("name", PLANS)
def test_plans_are_as_reading_every_note_gave_them(vault, run, name):
    assert json.loads(brief(run, vault, name, "--json"))["plans"] == PLANS[name]
    shown = [f"  {p['date']}  " for p in PLANS[name]]
    text = brief(run, vault, name).splitlines()
    at = text.index("Plans") + 1
    assert [line[:14] for line in text[at:at + len(shown)]] == shown


def test_plans_of_the_notes_that_may_hold_them_are_those_of_every_note(vault):
    """The plans of each person read from the notes tied to them are those read from every note."""
    loaded = load(vault, TODAY)
    for someone in loaded.index.people:
        tied = loaded.graph[person_node(someone.path)]
        assert plans(someone, loaded.index.notes, TODAY, tied) == \
            plans(someone, loaded.index.notes, TODAY)


@pytest.mark.parametrize("fmt", EXPORTED)
def test_export_is_the_bytes_it_was(vault, run, tmp_path, fmt):
    out = tmp_path / f"network.{fmt}"
    result = run("export", "--format", fmt, "-o", out, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert hashlib.sha256(out.read_bytes()).hexdigest() == EXPORTED[fmt]
    if fmt == "json":  # (what the digest stands for, where it matters)
        nodes = {n["label"]: n for n in json.loads(out.read_bytes())["nodes"]}
        assert [(n["interactions"], n.get("last_contact")) for n in nodes.values()] == [
            (5, "2026-11-22"), (2, "2026-11-22"), (0, None), (0, None)]
