"""Networking insight, case by case: tie strength, fading ties, focus, mentors, give and take,
introductions you could make, cold topics, communities and bridges, determinism and the memo.

Every case is a small vault of real files whose right answer can be read off the files; the
expected tie scores are worked out by hand from the formula in vaultnet/ties.py's docstring
(each interaction by kind, `#met` 3, `#call` 2, `#outreach` alone 0.5, else 1, halved every 90
days; +1 per person met through them, at most 3; score = round(100 × (1 − e^(−s/4)))).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta

import networkx as nx
import pytest
from conftest import TODAY, person, snapshot, write_files
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultnet.insight import suggestions as suggestions_module
from vaultnet.insight.communities import (
    PersonTies,
    betweenness,
    bridges,
    communities,
    retie_people,
    ties_between_people,
)
from vaultnet.insight.suggestions import Insight, InsightMemo, build_insight, keywords, stands_in
from vaultnet.network import graph as graph_module
from vaultnet.network.graph import EDITION, changed_since, edition
from vaultnet.pipeline.note_store import NoteStore
from vaultnet.pipeline.sync import load

# -- helpers -------------------------------------------------------------------------------------


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def log(*lines: str) -> str:
    """A `## Log` section, one list item per line."""
    return "## Log\n" + "".join(f"- {line}\n" for line in lines)


def links(*names: str) -> str:
    """A YAML list of wikilinks: `["[[Bob]]", "[[Carol]]"]`."""
    return "[" + ", ".join(f'"[[{name}]]"' for name in names) + "]"


def items(*texts: str) -> str:
    """A YAML list of plain strings, quoted."""
    return "[" + ", ".join(f'"{text}"' for text in texts) + "]"


def note(name: str, body: str = "", **fields: object) -> tuple[str, str]:
    """One person note in People/: (path, text)."""
    return f"People/{name}.md", person(name, body, **fields)


def profile(**fields: object) -> tuple[str, str]:
    lines = ["---", "type: me", *(f"{k}: {v}" for k, v in fields.items()), "---", "# Me", ""]
    return "Me.md", "\n".join(lines)


def insight_of(make_vault, *notes: tuple[str, str], today: date = TODAY) -> Insight:
    return load(make_vault(dict(notes)), today).insight


def tie_of(insight: Insight, name: str):
    return insight.ties[f"People/{name}.md"]


def names(people) -> list[str]:
    return [p.name for p in people]


def hand_score(*weighted_ages: tuple[float, int], introduced: int = 0) -> int:
    """The docstring's formula, written out independently of vaultnet."""
    s = sum(w * 0.5 ** (age / 90) for w, age in weighted_ages) + min(introduced, 3)
    return round(100 * (1 - math.exp(-s / 4)))


# -- tie strength --------------------------------------------------------------------------------


TIE_CASES = [
    # (log lines, expected score worked out by hand, the same from hand_score)
    pytest.param([f"{ago(0)} Coffee #met"], 53, hand_score((3, 0)), id="met-today"),
    pytest.param([], 0, hand_score(), id="nothing-logged"),
    # 3 halved once = 1.5 → 100 (1 − e^−0.375) = 31.3
    pytest.param([f"{ago(90)} Coffee #met"], 31, hand_score((3, 90)), id="met-90-days-ago"),
    # 3 × 2^(−365/90) = 0.18 → 4.4
    pytest.param([f"{ago(365)} Coffee #met"], 4, hand_score((3, 365)), id="met-a-year-ago"),
    # 0.5 → 11.75
    pytest.param([f"{ago(0)} Emailed #outreach"], 12, hand_score((0.5, 0)), id="outreach-alone"),
    # an answered outreach is not outreach alone: 1 → 22.1
    pytest.param([f"{ago(0)} Emailed, she answered #outreach #reply"], 22, hand_score((1, 0)),
                 id="outreach-with-reply"),
    pytest.param([f"{ago(0)} Phone #call"], 39, hand_score((2, 0)), id="call"),
    pytest.param([f"{ago(0)} Lunch"], 22, hand_score((1, 0)), id="plain"),
    # 3 × 2^(−3/90) + 2 × 2^(−10/90) = 2.931 + 1.851 = 4.783 → 69.75
    pytest.param([f"{ago(3)} Coffee #met", f"{ago(10)} Phone #call"], 70,
                 hand_score((3, 3), (2, 10)), id="coffee-and-call-this-month"),
    pytest.param([f"{(TODAY + timedelta(days=3)).isoformat()} Coffee planned #met"], 0, 0,
                 id="dated-after-today"),
]


@pytest.mark.parametrize(("lines", "expected", "formula"), TIE_CASES)
def test_tie_score_by_hand(make_vault, lines, expected, formula):
    assert expected == formula  # the hand-worked number agrees with the formula
    insight = insight_of(make_vault, note("Jane Doe", log(*lines) if lines else ""))
    tie = tie_of(insight, "Jane Doe")
    assert tie.score == expected
    assert tie.interactions == sum(1 for line in lines if line[:10] <= TODAY.isoformat())


def test_coffee_and_call_today_scores_71_as_documented(make_vault):
    insight = insight_of(make_vault, note("Jane Doe", log(f"{ago(0)} Coffee #met",
                                                          f"{ago(0)} Call #call")))
    assert tie_of(insight, "Jane Doe").score == 71
    assert tie_of(insight, "Jane Doe").lifetime == 5.0


def test_daily_note_linking_a_person_counts(make_vault):
    root = make_vault({**dict([note("Jane Doe")]),
                       "Daily/2026-11-20.md": "- Lunch with [[Jane Doe]]\n"})
    tie = tie_of(load(root, TODAY).insight, "Jane Doe")
    # a plain contact 5 days ago: 2^(−5/90) = 0.962 → 100 (1 − e^−0.2406) = 21.4
    assert tie.score == 21 == hand_score((1, 5))
    assert tie.interactions == 1
    assert tie.last == date(2026, 11, 20)


def test_daily_note_dated_after_today_does_not_count(make_vault):
    root = make_vault({**dict([note("Jane Doe")]),
                       "Daily/2026-11-30.md": "- Lunch with [[Jane Doe]] #met\n"})
    tie = tie_of(load(root, TODAY).insight, "Jane Doe")
    assert (tie.score, tie.interactions, tie.last) == (0, 0, None)


@pytest.mark.parametrize(("introduced", "expected"), [(1, 22), (2, 39), (3, 53), (4, 53), (6, 53)])
def test_introducer_bonus_is_one_per_person_capped_at_three(make_vault, introduced, expected):
    others = [note(f"Friend {i}", met_via='"[[Alice]]"') for i in range(introduced)]
    insight = insight_of(make_vault, note("Alice"), *others)
    tie = tie_of(insight, "Alice")
    assert tie.score == expected == hand_score(introduced=introduced)
    assert tie.introduced == introduced
    assert tie_of(insight, "Friend 0").score == 0  # the bonus goes to the introducer only


def test_introducer_bonus_adds_to_interactions(make_vault):
    insight = insight_of(make_vault, note("Alice", log(f"{ago(0)} Coffee #met")),
                         note("Bob", met_via='"[[Alice]]"'))
    assert tie_of(insight, "Alice").score == 63 == hand_score((3, 0), introduced=1)  # s = 4


def test_strongest_ties_order(make_vault):
    insight = insight_of(
        make_vault,
        note("Zoe", log(f"{ago(0)} Coffee #met", f"{ago(1)} Phone #call")),  # 71
        note("Yan", log(f"{ago(0)} Coffee #met")),  # 53
        note("Xia", log(f"{ago(0)} Coffee #met")),  # 53, before Yan by name
        note("Wes", log(f"{ago(0)} Phone #call")),  # 39: a tie, but not a strong one
        note("Val"),  # 0: not a tie
        note("Uma", log(f"{ago(0)} Emailed #outreach"), status="prospect"),  # not met yet
        note("Tim", log(f"{ago(0)} Coffee #met"), status="prospect"),  # met today: known now
    )
    assert names(insight.strongest) == ["Zoe", "Tim", "Xia", "Yan"]


def test_strongest_ties_are_ten_at_most(make_vault):
    insight = insight_of(make_vault, *(note(f"P{i:02d}", log(f"{ago(i)} Lunch #met",
                                                          f"{ago(i)} Call #call"))
                                       for i in range(12)))
    assert names(insight.strongest) == [f"P{i:02d}" for i in range(10)]


# -- fading ties ---------------------------------------------------------------------------------


def strong(days_ago: int) -> str:
    """Lifetime weight 8 (two coffees and a call), the last of them `days_ago`."""
    return log(f"{ago(days_ago + 200)} Coffee #met", f"{ago(days_ago + 100)} Coffee #met",
               f"{ago(days_ago)} Phone #call")


@pytest.mark.parametrize(("days_ago", "fading"), [(0, False), (59, False), (60, True), (120, True),
                                                  (179, True), (180, False), (400, False)])
def test_fading_boundaries(make_vault, days_ago, fading):
    insight = insight_of(make_vault, note("Jane Doe", strong(days_ago)))
    assert tie_of(insight, "Jane Doe").lifetime == 8.0
    assert names(insight.fading) == (["Jane Doe"] if fading else [])


def test_fading_follows_quiet_days_setting(make_vault):
    root = make_vault({".vaultnet.toml": "quiet_days = 100\n",
                       **dict([note("Early", strong(99)), note("Late", strong(100))])})
    assert names(load(root, TODAY).insight.fading) == ["Early"]


@pytest.mark.parametrize(("lines", "fading"), [
    ([f"{ago(100)} Coffee #met", f"{ago(100)} Call #call"], True),  # lifetime 5
    ([f"{ago(100)} Coffee #met", f"{ago(100)} Lunch"], False),  # lifetime 4
    ([f"{ago(300)} Coffee #met", f"{ago(200)} Coffee #met", f"{ago(100)} Emailed #outreach"], True),
    ([f"{ago(100)} Coffee #met", *(f"{ago(100 + i)} Emailed #outreach" for i in range(3))], False),
])
def test_fading_needs_lifetime_weight_five(make_vault, lines, fading):
    insight = insight_of(make_vault, note("Jane Doe", log(*lines)))
    assert names(insight.fading) == (["Jane Doe"] if fading else [])


def test_fading_leaves_out_prospects_and_dormant_and_ranks_by_lifetime(make_vault):
    insight = insight_of(
        make_vault,
        note("Ann", strong(100)),  # lifetime 8
        note("Bob", strong(100) + f"- {ago(500)} Coffee #met\n"),  # lifetime 11
        note("Cat", strong(100)),  # lifetime 8, after Ann by name
        note("Dan", log(f"{ago(100)} Emailed #outreach"), status="prospect"),
        note("Fay", strong(100), status="prospect"),  # met, whatever the note says: known
        note("Eve", strong(100), status="dormant"),
    )
    assert names(insight.fading) == ["Bob", "Ann", "Cat", "Fay"]


# -- focus ---------------------------------------------------------------------------------------


def test_focus_from_profile_topics_and_goals(make_vault):
    insight = insight_of(
        make_vault,
        profile(topics="[Climate, Quantum Computing, civic tech]",
                goals=items("learn ML ops this year", "grow in civic tech")),
        note("Ann", topics="[climate, ML ops, civic tech]"),
        note("Bob", topics="[climate, ML ops, gardening]"),
    )
    focus = insight.focus
    assert focus.weights == {"climate": 1.0, "quantum computing": 1.0, "civic tech": 2.0,
                             "ml ops": 2.0}
    assert focus.label_of("ml ops") == "ML ops"  # as the notes spell it
    assert focus.label_of("quantum computing") == "Quantum Computing"  # nobody has it: as listed
    assert focus.profile is not None and focus.profile.path == "Me.md"


def test_goal_naming_a_profile_topic_nobody_has_yet(make_vault):
    insight = insight_of(make_vault, profile(topics="[Quantum]", goals=items("learn quantum")),
                         note("Ann", topics="[ai]"))
    assert insight.focus.weights == {"quantum": 2.0}
    assert insight.focus.label_of("quantum") == "Quantum"
    assert [(c.label, c.people) for c in insight.cold_topics] == [("Quantum", ())]


@pytest.mark.parametrize(("goal", "topic", "named"), [
    ("learn ML ops", "ml ops", True),
    ("Learn ML", "ml", True),
    ("ml, then more", "ml", True),
    ("write html", "ml", False),
    ("learn mlops", "ml", False),
    ("learn ML ops", "ops research", False),
])
def test_goal_names_topic_only_on_word_boundaries(make_vault, goal, topic, named):
    insight = insight_of(make_vault, profile(goals=items(goal)), note("Ann", topics=f"[{topic}]"))
    assert insight.focus.weights == ({topic: 2.0} if named else {})


def test_focus_without_profile_is_five_commonest_topics_ties_by_name(make_vault):
    insight = insight_of(
        make_vault,
        note("Ann", topics="[zeta, Beta, alpha]"),
        note("Bob", topics="[zeta, Beta, alpha]"),
        note("Cat", topics="[zeta, delta, Gamma, epsilon]"),
    )
    # zeta 3, alpha 2, Beta 2, then one each: delta, epsilon before Gamma (by name, ignoring case)
    assert insight.focus.weights == {k: 1.0 for k in ("zeta", "alpha", "beta", "delta", "epsilon")}
    assert insight.focus.profile is None
    assert insight.focus.label_of("beta") == "Beta"


# -- mentors -------------------------------------------------------------------------------------


def mentors_by_name(insight: Insight):
    return {m.person.name: m for m in insight.mentors}


def rarity(people: int, holders: int) -> float:
    return 1 + math.log(people / holders)


def test_mentors_rarer_shared_topics_count_more(make_vault):
    insight = insight_of(
        make_vault,
        profile(topics="[rare, common]"),
        note("Zed", topics="[rare]"),
        *(note(name, topics="[common]") for name in ("Ben", "Cal", "Dee", "Eva")),
    )
    assert [m.person.name for m in insight.mentors] == ["Zed", "Ben", "Cal", "Dee", "Eva"]
    found = mentors_by_name(insight)
    assert found["Zed"].score == pytest.approx(rarity(5, 1))
    assert found["Ben"].score == pytest.approx(rarity(5, 4))
    assert found["Zed"].shared == ("rare",)


def test_mentors_goal_topics_weigh_twice_and_shared_is_rarest_first(make_vault):
    insight = insight_of(
        make_vault,
        profile(topics="[common, rare]", goals=items("learn rare things")),
        note("Ann", topics="[common, rare]"),
        note("Bob", topics="[common]"),
    )
    found = mentors_by_name(insight)
    assert found["Ann"].score == pytest.approx(2 * rarity(2, 1) + rarity(2, 2))
    assert found["Ann"].shared == ("rare", "common")
    assert found["Bob"].score == pytest.approx(1.0)


def test_mentors_role_and_exclusions(make_vault):
    insight = insight_of(
        make_vault,
        profile(topics="[ai]"),
        note("Zoe", role="mentor", topics="[ai]"),
        note("Abe", role="peer", topics="[ai]"),
        note("Cy", role="advisee", topics="[ai]"),
        note("Cat", role="mentee", topics="[ai]"),  # (an advisee by its everyday word)
        note("Col", role="Protégé", topics="[ai]"),
        note("Di", status="dormant", topics="[ai]"),
        note("Ed", topics="[gardening]"),  # shares nothing
    )
    assert [m.person.name for m in insight.mentors] == ["Zoe", "Abe"]
    found = mentors_by_name(insight)
    assert found["Zoe"].score == pytest.approx(1.5 * found["Abe"].score)


def test_mentors_known_reach_is_one_plus_tie(make_vault):
    insight = insight_of(
        make_vault,
        profile(topics="[ai]"),
        note("Zoe", log(f"{ago(0)} Coffee #met"), topics="[ai]"),  # tie 53
        note("Abe", topics="[ai]"),  # tie 0
    )
    found = mentors_by_name(insight)
    assert [m.person.name for m in insight.mentors] == ["Zoe", "Abe"]
    assert found["Zoe"].tie.score == 53
    assert found["Zoe"].score == pytest.approx(found["Abe"].score * 1.53)
    assert found["Zoe"].path == found["Abe"].path == ()


def test_mentors_prospects_reach_through_warm_paths(make_vault):
    insight = insight_of(
        make_vault,
        profile(topics="[ai]"),
        note("Kim"),  # someone you know, no topics
        note("Zed", topics="[ai]"),  # known, tie 0
        note("Pat", status="prospect", knows=links("Kim"), topics="[ai]"),  # one introduction
        note("Pia", status="prospect", knows=links("Pat"), topics="[ai]"),  # two introductions
        note("Quin", status="prospect", topics="[ai]"),  # no path
    )
    found = mentors_by_name(insight)
    base = found["Zed"].score
    assert found["Pat"].score == pytest.approx(base)
    assert found["Pia"].score == pytest.approx(base / 2)
    assert found["Quin"].score == pytest.approx(base * 0.25)
    assert [m.person.name for m in insight.mentors] == ["Pat", "Zed", "Pia", "Quin"]
    assert found["Pat"].path == ("person:People/Kim.md", "person:People/Pat.md")
    assert found["Pia"].path == ("person:People/Kim.md", "person:People/Pat.md",
                                 "person:People/Pia.md")
    assert found["Quin"].path == found["Zed"].path == ()


def test_mentors_are_ten_at_most(make_vault):
    insight = insight_of(make_vault, profile(topics="[ai]"),
                         *(note(f"P{i:02d}", log(f"{ago(i)} Lunch"), topics="[ai]") for i in range(12)))
    assert [m.person.name for m in insight.mentors] == [f"P{i:02d}" for i in range(10)]


# -- give and take -------------------------------------------------------------------------------


def test_only_asked_most_asked_first(make_vault):
    insight = insight_of(
        make_vault,
        note("Bob", log(f"{ago(5)} She reviewed my CV #asked")),
        note("Zed", log(f"{ago(30)} Advice #asked", f"{ago(20)} Intro #asked")),
        note("Ann", log(f"{ago(40)} Advice #asked", f"{ago(10)} More advice #asked")),
        note("Cat", log(f"{ago(40)} Advice #asked", f"{ago(10)} Sent a paper #gave")),
        note("Dan", log(f"{ago(4)} Lunch")),
        note("Eve", log(f"{ago(4)} Advice #asked"), status="prospect"),  # she helped: met
        note("Fay", log(f"{ago(4)} Asked for advice #outreach"), status="prospect"),
    )
    assert [(b.person.name, b.asked, b.last_asked.isoformat()) for b in insight.only_asked] == [
        ("Ann", 2, ago(10)), ("Zed", 2, ago(20)), ("Bob", 1, ago(5)), ("Eve", 1, ago(4))]


def test_keywords():
    assert keywords("Help with the first drafts of my Resumes") == {"draft", "resume"}
    assert keywords("classes, a class, a bus") == {"classe", "class", "bus"}
    assert keywords("AI and ML") == set()  # two letters carry too little


def helps(insight: Insight) -> list[tuple[str, str, str]]:
    return [(h.person.name, h.need, h.offer) for h in insight.could_help]


def test_could_help_matches_needs_to_offers(make_vault):
    insight = insight_of(
        make_vault,
        profile(offers=items("resume review", "help with the first draft of your grant",
                             "intro to my data team")),
        note("Ann", needs=items("feedback on resumes")),
        note("Bob", needs=items("help with the first step")),  # stopwords only in common
        note("Cat", needs=items("a data team to talk to", "a violin teacher")),
        note("Dan", status="dormant", needs=items("resume tips")),
        note("Eve", needs=items("grant writing advice")),
    )
    assert helps(insight) == [
        ("Ann", "feedback on resumes", "resume review"),
        ("Cat", "a data team to talk to", "intro to my data team"),
        ("Eve", "grant writing advice", "help with the first draft of your grant"),
    ]


@pytest.mark.parametrize(("fields", "who"), [
    ({}, "no profile"),
    ({"topics": "[ai]"}, "profile without offers"),
])
def test_could_help_needs_a_profile_with_offers(make_vault, fields, who):
    notes = [note("Ann", needs=items("resume review"))]
    if who != "no profile":
        notes.append(profile(**fields))
    assert insight_of(make_vault, *notes).could_help == ()


FILLER = ["garden", "violin", "kayak", "pottery", "chess", "sailing", "baking", "hiking", "knitting",
          "fencing", "rowing"]


@pytest.mark.parametrize(("total", "with_data", "matched"), [
    (3, 3, True),  # 3 of 3: a third, but not more than three
    (12, 4, True),  # 4 of 12: more than three, but not more than a third
    (11, 4, False),  # 4 of 11: more than three and more than a third: says nothing
    (6, 5, False),
])
def test_could_help_ignores_words_common_to_the_needs(make_vault, total, with_data, matched):
    data_needs = [f"data {word}" for word in ("modelling", "ethics", "viz", "jobs", "plumbing")][:with_data]
    fillers = [f"{word} lessons{i}" for i, word in enumerate(FILLER)][:total - with_data]
    insight = insight_of(make_vault, profile(offers=items("data cleaning")),
                         note("Ann", needs=items(*data_needs)), note("Bob", needs=items(*fillers)))
    assert helps(insight) == ([("Ann", need, "data cleaning") for need in data_needs] if matched else [])


# -- introductions you could make ----------------------------------------------------------------


def pairs(insight: Insight) -> list[tuple[str, str]]:
    return [(p.a.name, p.b.name) for p in insight.pairings]


def test_pairings_need_two_shared_topics_and_no_connection(make_vault):
    insight = insight_of(
        make_vault,
        note("Ann", topics="[sensors, open data]"),
        note("Bob", topics="[sensors, open data, cycling]"),  # 2 shared with Ann: suggested
        note("Cat", topics="[chess, go]"),
        note("Dan", topics="[chess, poker]"),  # 1 shared with Cat
        note("Eve", knows=links("Fay"), topics="[rowing, sailing]"),
        note("Fay", topics="[rowing, sailing]"),  # Eve knows Fay
        note("Gil", "Had lunch with [[Hal]] once.", topics="[baking, pottery]"),
        note("Hal", topics="[baking, pottery]"),  # a mention ties them
        note("Ivy", met_via='"[[Jon]]"', topics="[jazz, opera]"),
        note("Jon", topics="[jazz, opera]"),  # Ivy met through Jon
        note("Kai", topics="[knitting, fencing]"),
        note("Lea", status="prospect", topics="[knitting, fencing]"),
        note("Mo", status="dormant", topics="[knitting, fencing]"),
        note("Ned", role="prospect", topics="[knitting, fencing]"),
    )
    assert pairs(insight) == [("Ann", "Bob")]
    assert insight.pairings[0].shared == ("open data", "sensors")


def test_pairings_each_person_in_two_at_most(make_vault):
    insight = insight_of(make_vault, *(note(n, topics="[x, y]") for n in ("Ann", "Bob", "Cat", "Dan")))
    assert pairs(insight) == [("Ann", "Bob"), ("Ann", "Cat"), ("Bob", "Cat")]


def test_pairings_fifteen_at_most(make_vault):
    insight = insight_of(make_vault, *(note(f"P{i:02d}", topics="[x, y]") for i in range(24)))
    assert len(insight.pairings) == 15
    used = Counter(name for pair in pairs(insight) for name in pair)
    assert max(used.values()) == 2


def test_pairings_rarer_topics_and_closer_ties_rank_higher(make_vault):
    insight = insight_of(
        make_vault,
        note("Yara", topics="[rare1, rare2]"),
        note("Zoe", topics="[rare1, rare2]"),
        note("Cal", log(f"{ago(0)} Coffee #met"), topics="[common1, common2]"),  # tie 53
        note("Dot", topics="[common1, common2]"),
        note("Eli", topics="[common1, common2]"),
        note("Fin", topics="[common1, common2]"),
    )
    # Cal's pairs first among the common ones; each person in two at most, so Fin is left out
    assert pairs(insight) == [("Yara", "Zoe"), ("Cal", "Dot"), ("Cal", "Eli"), ("Dot", "Eli")]
    scores = [p.score for p in insight.pairings]
    assert scores[0] == pytest.approx(2 * rarity(6, 2))
    assert scores[1] == pytest.approx(2 * rarity(6, 4) * (1 + 53 / 200))
    assert scores[3] == pytest.approx(2 * rarity(6, 4))


def test_each_topic_offers_its_best_connected_members_for_pairing(make_vault, monkeypatch):
    """A topic offers its members with the most declared ties, and among as many, those first by
    name: with two places, Cat (two ties) and Ann (one, before Dan), never Bob (none)."""
    monkeypatch.setattr(suggestions_module, "PAIR_POOL", 2)
    vault = load(make_vault(dict([
        note("Dan", knows=links("Zed"), topics="[x, y]"),
        note("Cat", knows=links("Yan", "Zed"), topics="[x, y]"),
        note("Bob", topics="[x, y]"),
        note("Ann", knows=links("Yan"), topics="[y, x]"),
        note("Yan"), note("Zed"),
    ])), TODAY)
    memo = InsightMemo()
    build_insight(vault.index, vault.graph, TODAY, 180, memo)
    assert memo.structure is not None
    assert [(a, b, shared) for a, b, shared, _ in memo.structure.candidates] == [
        ("People/Ann.md", "People/Cat.md", ("x", "y"))]


def test_pairing_candidates_are_not_quadratic(tmp_path):
    people = 1500
    write_files(tmp_path, {f"People/P{i:04d}.md": person(topics="[alpha, beta, gamma]")
                           for i in range(people)})
    vault = load(tmp_path, TODAY)
    memo = InsightMemo()
    insight = build_insight(vault.index, vault.graph, TODAY, 180, memo)
    assert memo.structure is not None
    examined = len(memo.structure.candidates)
    assert examined <= 3 * math.comb(30, 2) < math.comb(people, 2) // 100
    assert len(insight.pairings) == 15


# -- cold topics ---------------------------------------------------------------------------------


def test_cold_topics(make_vault):
    insight = insight_of(
        make_vault,
        profile(topics="[quantum, sensors, policy, robotics, climate, ml]", goals=items("build sensors")),
        note("Pam", log(f"{ago(0)} Wrote to her #outreach"), status="prospect",
             topics="[sensors, climate]"),  # not met yet
        note("Ola", log(f"{ago(0)} Emailed #outreach"), topics="[policy]"),  # tie 12
        note("Rex", log(f"{ago(19)} Lunch"), topics="[robotics]"),  # tie 19
        note("Cy", log(f"{ago(0)} Coffee #met"), topics="[climate]"),  # tie 53: climate is warm
        note("Tia", log(f"{ago(18)} Lunch"), topics="[ml]"),  # tie 20: just warm
    )
    assert tie_of(insight, "Rex").score == 19 and tie_of(insight, "Tia").score == 20
    found = [(c.label, names(c.people)) for c in insight.cold_topics]
    # the goal's topic first (weight 2), then by name
    assert found == [("sensors", ["Pam"]), ("policy", ["Ola"]), ("quantum", []), ("robotics", ["Rex"])]


# -- communities and bridges ---------------------------------------------------------------------


def two_triangles() -> list[tuple[str, str]]:
    """alice, Bob, Carol (civic tech) and Dan, Eve, Fay (climate), joined by Carol knowing Dan;
    Gus hangs off alice; Lone knows nobody."""
    return [
        note("alice", knows=links("Bob", "Carol"), topics="[civic tech]"),
        note("Bob", knows=links("Carol"), topics="[civic tech]"),
        note("Carol", knows=links("Dan"), topics="[civic tech, climate]"),
        note("Dan", knows=links("Eve", "Fay"), topics="[climate]"),
        note("Eve", knows=links("Fay"), topics="[climate]"),
        note("Fay", topics="[climate]"),
        note("Gus", knows=links("alice")),
        note("Lone", topics="[climate]"),
    ]


def members(community) -> list[str]:
    return [node.removeprefix("person:People/").removesuffix(".md") for node in community.members]


def test_communities_of_two_triangles(make_vault):
    insight = insight_of(make_vault, *two_triangles())
    found = [(c.name, members(c)) for c in insight.communities]
    # members by name ignoring case: alice before Bob
    assert found == [("civic tech", ["alice", "Bob", "Carol", "Gus"]),
                     ("climate", ["Dan", "Eve", "Fay"])]


def test_community_names_repeat_with_a_number_and_without_topics_name_a_member(make_vault):
    insight = insight_of(
        make_vault,
        note("Ann", knows=links("Bob", "Cat"), topics="[climate]"),
        note("Bob", knows=links("Cat"), topics="[climate]"),
        note("Cat", topics="[climate]"),
        note("Dan", knows=links("Eve", "Fay"), topics="[Climate]"),
        note("Eve", knows=links("Fay"), topics="[climate]"),
        note("Fay", topics="[climate]"),
        note("Zed", knows=links("Yul")),
        note("Yul"),
        note("Solo", topics="[climate]"),
    )
    found = [(c.name, members(c)) for c in insight.communities]
    assert found == [("climate", ["Ann", "Bob", "Cat"]), ("climate 2", ["Dan", "Eve", "Fay"]),
                     ("around Yul", ["Yul", "Zed"])]


def test_a_member_who_lists_a_topic_twice_counts_once_in_the_name_of_their_community(make_vault):
    """A community is named by the topic most of its members share: a member who lists one
    topic in two spellings (`[AI, ai]`) is one member with it, not two."""
    insight = insight_of(
        make_vault,
        note("Ann", knows=links("Bob", "Cat"), topics="[AI, ai]"),
        note("Bob", knows=links("Cat"), topics="[data]"),
        note("Cat", topics="[data]"),
    )
    assert [(c.name, members(c)) for c in insight.communities] == [("data", ["Ann", "Bob", "Cat"])]


def test_singletons_are_not_communities(make_vault):
    graph = load(make_vault(dict(two_triangles())), TODAY).graph
    tied = ties_between_people(graph)[0]
    assert "person:People/Lone.md" not in tied.nodes and "person:People/Lone.md" in graph
    # Handed a person with no ties, the community search puts them alone: not a community.
    alone = PersonTies([*tied.nodes, "person:People/Lone.md"], [*tied.adjacency, []])
    found = communities(graph, alone)
    assert [len(c.members) for c in found] == [4, 3]
    assert all("person:People/Lone.md" not in c.members for c in found)


def test_bridges_join_communities(make_vault):
    vault = load(make_vault(dict(two_triangles())), TODAY)
    found = [(b.person.name, b.communities) for b in vault.insight.bridges]
    assert found[0] == ("Carol", ("civic tech", "climate"))  # Gus's side makes Carol the top
    assert found == [("Carol", ("civic tech", "climate")),  # (each one's own group first)
                     ("Dan", ("climate", "civic tech"))]
    # alice sits on Gus's ways to everyone, but all her ties are in one group: not a bridge
    ranked = dict(bridges(ties_between_people(vault.graph)[0]))
    assert ranked["person:People/alice.md"] > 0
    assert vault.insight.bridges[0].betweenness == ranked["person:People/Carol.md"]


@st.composite
def small_graphs(draw) -> tuple[int, list[tuple[int, int]]]:
    n = draw(st.integers(min_value=1, max_value=12))
    possible = [(a, b) for a in range(n) for b in range(a + 1, n)]
    edges = draw(st.lists(st.sampled_from(possible), unique=True)) if possible else []
    return n, edges


@settings(max_examples=50, deadline=None)
@given(small_graphs())
def test_betweenness_matches_networkx(graph):
    n, edges = graph
    adjacency = [sorted({b for a2, b in edges if a2 == a} | {a2 for a2, b in edges if b == a})
                 for a in range(n)]
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    expected = nx.betweenness_centrality(g, normalized=False)
    assert betweenness(adjacency, list(range(n))) == pytest.approx([2 * expected[i] for i in range(n)])


@st.composite
def retied_graphs(draw) -> tuple[int, list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """People 0…n-1 (n the person with no note) and relations before and after an edit."""
    n = draw(st.integers(min_value=2, max_value=7))
    relation = st.tuples(st.sampled_from(["knows", "mentions", "spouse"]),
                         st.integers(0, n - 1), st.integers(0, n))
    before = draw(st.lists(relation, max_size=14, unique=True))
    after = draw(st.lists(relation, max_size=14, unique=True))
    return n, before, after


@settings(max_examples=150, deadline=None)
@given(retied_graphs())
def test_retying_people_gives_what_a_fresh_pass_gives(case):
    """Ties changed in place are those the relations after the edit give, whatever they were
    before; and the people's ties made again for the nodes whose ties changed are those one pass
    over the changed graph finds (or None, when the people would be numbered again)."""
    n, before, after = case

    def relations(drawn: list[tuple[str, int, int]]) -> tuple[tuple[str, str, str], ...]:
        return tuple(sorted({(kind, f"P/{a}.md", "mentioned:x" if b == n else f"P/{b}.md")
                             for kind, a, b in drawn if a != b}))

    graph = nx.Graph()
    graph.add_nodes_from([*(f"person:P/{i}.md" for i in range(n)), "mentioned:x"])
    graph.graph[EDITION] = 0
    assert graph_module._retie(graph, set(relations(before)), relations(before))
    was = ties_between_people(graph)
    assert graph_module._retie(graph, set(relations(before)) ^ set(relations(after)),
                                relations(after))
    assert changed_since(graph, (graph, 0)) is None  # not the edition just before
    nodes = changed_since(graph, (graph, 1))
    assert nodes is not None
    made = nx.Graph()  # the same nodes, the relations after the edit put in at once
    made.add_nodes_from(graph)
    made.graph[EDITION] = 0
    assert graph_module._retie(made, set(relations(after)), relations(after))
    assert sorted((*sorted(e[:2]), e[2]["kinds"]) for e in graph.edges(data=True)) == \
        sorted((*sorted(e[:2]), e[2]["kinds"]) for e in made.edges(data=True))
    found = retie_people(graph, was, nodes)
    fresh = ties_between_people(graph)
    if found is None:
        assert set(fresh[0].nodes) != set(was[0].nodes)
    else:
        assert found == fresh


# -- determinism ---------------------------------------------------------------------------------


def community_vault() -> dict[str, str]:
    """Three groups tied through Dov, a prospect behind Kai, and a ring of twelve: a shape with
    many equally good partitions, so an unseeded or hash-ordered community search would show."""
    groups = {"civic tech": ["Ann", "Bob", "Cat", "Dov"], "climate": ["Eve", "Fay", "Gus"],
              "ml ops": ["Hal", "Ivy", "Jon", "Kai"]}
    files = dict([profile(topics="[climate, ml ops]", goals=items("learn civic tech"),
                          offers=items("data cleaning"))])
    for topic, group in groups.items():
        for i, name in enumerate(group):
            path, text = note(name, log(f"{ago(3 * i + len(name))} Coffee #met"),
                              knows=links(*group[i + 1:]), topics=f"[{topic}, shared, networking]")
            files[path] = text
    ring = [f"Ring {i:02d}" for i in range(12)]
    files.update(dict(note(name, knows=links(ring[(i + 1) % 12]), topics="[cycling]")
                      for i, name in enumerate(ring)))
    files.update(dict([note("Dov", knows=links("Eve", "Hal"), topics="[civic tech, shared, networking]"),
                       note("Pat", status="prospect", knows=links("Kai"), topics="[climate]",
                            needs=items("cleaning a messy survey"))]))
    return files


@pytest.mark.slow  # new processes, one per hash seed or time zone
def test_network_folder_is_the_same_under_any_hash_seed(tmp_path):
    source = tmp_path / "source"
    write_files(source, community_vault())
    runs = []
    for seed in ("1", "2"):
        root = tmp_path / f"seed{seed}"
        shutil.copytree(source, root)
        env = {**os.environ, "PYTHONHASHSEED": seed}
        runs.append((root, subprocess.Popen(
            [sys.executable, "-m", "vaultnet", "sync", "--vault", str(root), "--today", "2026-11-25"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)))
    outputs = []
    for root, proc in runs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, (out, err)
        outputs.append(snapshot(root / "Network"))
    assert outputs[0] == outputs[1]
    home = outputs[0]["Network.md"].decode()
    communities = home.split("### Communities", 1)[1].split("\n## ", 1)[0]
    assert communities.count("\n- ") >= 4, communities  # the three groups and the ring's parts


# -- the memo ------------------------------------------------------------------------------------


def digest(insight: Insight) -> dict[str, object]:
    """The insight as comparable values (the warm paths object by what it answers)."""
    return {
        "focus": insight.focus, "ties": insight.ties, "strongest": insight.strongest,
        "fading": insight.fading, "pairings": insight.pairings, "mentors": insight.mentors,
        "only_asked": insight.only_asked, "could_help": insight.could_help,
        "cold_topics": insight.cold_topics, "communities": insight.communities,
        "bridges": [(b.person.path, b.betweenness, b.communities) for b in insight.bridges],
        "paths": {p.path: insight.paths(p) for p in insight.warm.people.values()},
    }


def test_memo_across_builds_gives_the_fresh_answer(make_vault):
    vault = load(make_vault(community_vault()), TODAY)
    memo = InsightMemo()
    first = build_insight(vault.index, vault.graph, TODAY, 180, memo)
    structure = memo.structure
    second = build_insight(vault.index, vault.graph, TODAY, 180, memo)
    assert memo.structure is structure  # the same graph: the structure is kept
    fresh = build_insight(vault.index, vault.graph, TODAY, 180, InsightMemo())
    assert digest(first) == digest(second) == digest(fresh)
    assert fresh.mentors and fresh.communities and fresh.bridges and fresh.could_help
    assert fresh.pairings and fresh.fading == () and fresh.strongest


def test_memo_follows_a_changed_tie(make_vault):
    root = make_vault(community_vault())
    store = NoteStore()
    before = load(root, TODAY, store)
    assert names(before.insight.strongest)[0] != "Jon"
    with (root / "People/Jon.md").open("a", encoding="utf-8") as f:
        f.write(f"- {ago(0)} Long call #call\n- {ago(0)} Dinner #met\n")
    after = load(root, TODAY, store)
    assert after.graph is before.graph  # only a tie changed: the structure is reused
    fresh = load(root, TODAY)
    assert names(after.insight.strongest)[0] == "Jon"
    assert digest(after.insight) == digest(fresh.insight)


def test_memo_follows_a_changed_structure(make_vault):
    root = make_vault(community_vault())
    store = NoteStore()
    before = load(root, TODAY, store)
    was = edition(before.graph)
    assert ("Ann", "Eve") in pairs(before.insight)
    write_files(root, dict([note("Eve", knows=links("Ann", "Fay", "Gus"),
                                 topics="[climate, shared, networking]")]))
    after = load(root, TODAY, store)
    assert edition(after.graph) != was  # the graph kept, its ties changed
    assert ("Ann", "Eve") not in pairs(after.insight)
    assert digest(after.insight) == digest(load(root, TODAY).insight)


def test_memo_follows_a_changed_profile(make_vault):
    root = make_vault(community_vault())
    store = NoteStore()
    before = load(root, TODAY, store)
    write_files(root, dict([profile(topics="[ml ops]", offers=items("data cleaning"))]))
    after = load(root, TODAY, store)
    assert after.graph is before.graph
    fresh = load(root, TODAY)
    assert digest(after.insight) == digest(fresh.insight)
    assert {m.person.name for m in after.insight.mentors} == {"Hal", "Ivy", "Jon", "Kai"}


def test_memo_bridges_hold_the_current_person(make_vault):
    root = make_vault(community_vault())
    store = NoteStore()
    before = load(root, TODAY, store)
    assert before.insight.bridges[0].person.name == "Dov"
    with (root / "People/Dov.md").open("a", encoding="utf-8") as f:
        f.write(f"- {ago(0)} Phone #call\n")
    after = load(root, TODAY, store)
    assert after.graph is before.graph
    assert after.insight.bridges == load(root, TODAY).insight.bridges


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab _-1é\u0301李 |.", max_size=12), st.text(alphabet="ab _1é李", max_size=4))
def test_a_topic_stands_in_the_goals_as_the_word_pattern_finds_it(text, words):
    """`stands_in` (no pattern compiled for each topic) says what the pattern said."""
    import re

    assert stands_in(text, words) == bool(re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text))


_KINDS = st.sampled_from(["knows", "met_vi", "met_via", "met_via\0x", "met_via ", "met_viaa",
                         "mentions", "spouse"])
_ENDS = st.sampled_from(["People/A.md", "People/B.md", "mentioned:c", "People/met_via.md"])


@settings(deadline=None)
@given(st.lists(st.tuples(_KINDS, _ENDS, _ENDS), max_size=40))
def test_introductions_are_counted_from_the_met_via_run_of_the_sorted_relations(relations):
    """`introductions` finds the `met_via` relations by bisection, as one run of the sorted
    relations the index keeps: it counts what looking at every relation counts."""
    from vaultnet.insight.ties import introductions

    everyone = Counter(target for kind, _, target in relations
                       if kind == "met_via" and not target.startswith("mentioned:"))
    assert introductions(tuple(sorted(set(relations)))) == Counter(
        target for kind, _, target in sorted(set(relations))
        if kind == "met_via" and not target.startswith("mentioned:"))
    assert introductions(tuple(sorted(relations))) == everyone


def test_the_index_keeps_its_relations_sorted(make_vault):
    """What `introductions` relies on: every kind of relation, in the index, sorted."""
    root = make_vault({**dict([note("Alice", "Lunch with [[Bob]]", knows='["[[Cy]]"]'),
                               note("Bob", met_via='"[[Alice]]"', spouse='"[[Cy]]"'),
                               note("Cy", met_via='"[[Dee Nobody]]"')])})
    relations = load(root, TODAY).index.relations
    assert relations == tuple(sorted(relations))
    assert {kind for kind, _, _ in relations} >= {"knows", "met_via", "spouse", "mentions"}


_SAVED = (71, 7.5, 4, date(2026, 11, 21), 1, 2, 0, date(2026, 11, 2))


@pytest.mark.parametrize("saved", [
    _SAVED, (*_SAVED[:3], None, *_SAVED[4:7], None), (*_SAVED[:7], None)])
def test_a_tie_the_cache_kept_comes_back_as_it_went(saved):
    from vaultnet.insight.ties import Tie

    tie = Tie.from_tuple(saved)
    assert tie is not None and tie.as_tuple() == saved and isinstance(tie, Tie)


@pytest.mark.parametrize("saved", [
    None, list(_SAVED), _SAVED[:7], (*_SAVED, 0), (True, *_SAVED[1:]), (71.0, *_SAVED[1:]),
    (71, 7, *_SAVED[2:]), (*_SAVED[:3], "2026-11-21", *_SAVED[4:]),
    (*_SAVED[:3], datetime(2026, 11, 21), *_SAVED[4:]), (*_SAVED[:6], False, _SAVED[7])])
def test_what_the_cache_holds_for_a_tie_is_taken_only_when_it_is_one(saved):
    """Each value of its exact type (a cache changed by hand gives None: the tie is worked out)."""
    from vaultnet.insight.ties import Tie

    assert Tie.from_tuple(saved) is None


@pytest.mark.parametrize("bad", [
    None, list(_SAVED), _SAVED[:7], (*_SAVED, 0), (*_SAVED[:4], 1.0, *_SAVED[5:]),
    (*_SAVED[:4], "1", *_SAVED[5:]), (*_SAVED[:4], None, *_SAVED[5:]), (*_SAVED[:4], True, *_SAVED[5:])])
def test_the_introductions_counted_in_the_ties_kept_are_taken_only_when_each_is_a_tie(bad):
    """A sync after an edit that changed no `met_via` relation takes each person's count of
    introductions from the ties the cache kept (those above nought); one value that is not a
    tie as the cache keeps it, and none is taken (the relations are counted instead)."""
    from vaultnet.insight.ties import _introduced

    none = (*_SAVED[:4], 0, *_SAVED[5:])
    kept = {"People/A.md": _SAVED, "People/B.md": none, "People/C.md": (*_SAVED[:4], 3, *_SAVED[5:])}
    assert _introduced(kept) == {"People/A.md": 1, "People/C.md": 3}
    assert _introduced({}) == {}
    assert _introduced({**kept, "People/D.md": bad}) is None
