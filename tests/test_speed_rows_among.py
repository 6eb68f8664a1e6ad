"""The people a list asks for rows, picked in one pass (issue 18), each held to asking everyone.

A sync builds its lists of people afresh (`SortedRows`): asking `make` of each of 10,000 people,
most of whom have no row, took a call of Python each. `among` picks those who may have rows:
the lists must be those asking everyone gives, in a first build and in a watch round. So must
the people folders' rules worked out once a folder; and what the cache kept (the shape of the
ties, the pages, the communities), looked over in C, is taken only when each of its values is.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from conftest import TODAY

from vaultnet.base.conventions import Conventions, conventions_of
from vaultnet.base.model import Fields, Interaction, Person
from vaultnet.base.settings import Settings
from vaultnet.base.text import key
from vaultnet.insight.communities import Shape, from_plain_communities
from vaultnet.insight.rows import SortedRows
from vaultnet.insight.suggestions import TOP_TIES, _Ranked
from vaultnet.insight.ties import FADING_DAYS, FADING_WEIGHT, STRONG_TIE, Tie, tie
from vaultnet.parse.note import _people_folder, is_in_folder
from vaultnet.pipeline.derived import _pages_from
from vaultnet.render.network_page import _gone_quiet, _may_be_quiet

_KINDS = ["met", "call", "asked", "gave", "email", "outreach"]


def _people(rng: random.Random, count: int) -> list[Person]:
    """People with a few interactions each (some none, some only long ago, some prospects)."""
    people = []
    for n in range(count):
        days = sorted(rng.sample(range(0, 700), rng.randrange(0, 7)), reverse=True)
        # (Now and then a last contact on the very edge of the quiet days, or after today.)
        if rng.random() < 0.2:
            days.append(rng.choice([179, 180, 181, -3]))
        interactions = tuple(sorted(
            (Interaction(TODAY - timedelta(days=d), frozenset({rng.choice(_KINDS)})) for d in days),
            key=lambda i: i.day))
        fields = Fields(status="prospect") if rng.random() < 0.15 else Fields()
        path = f"People/P{n:03d}.md"
        people.append(Person(f"P{n:03d}", path, fields, interactions))
    return people


def _counting(make, asked: list[str]):  # type: ignore[no-untyped-def]
    def counted(person: Person, context: object) -> object:
        asked.append(person.path)
        return make(person, context)
    return counted


@pytest.mark.parametrize("seed", range(6))
def test_gone_quiet_picked_in_one_pass_is_gone_quiet_asked_of_everyone(seed: int) -> None:
    """Gone quiet, with `_may_be_quiet` picking whom to ask: the lines asking everyone gives, for
    quiet days of every size (none, one, the usual, more days than there are before today), in a
    first build and in a round where some people changed; and `_gone_quiet` is asked of those
    whose last contact is quiet alone."""
    rng = random.Random(seed)
    people = _people(rng, 300)
    for quiet_days in (0, 1, 180, 365, date.max.toordinal(), 10**9, -5, -date.max.toordinal(),
                       -10**9):
        context = (TODAY, quiet_days)
        asked: list[str] = []
        picked = SortedRows(_counting(_gone_quiet, asked), _may_be_quiet)
        everyone = SortedRows(_gone_quiet)
        assert picked.update(people, context) == everyone.update(people, context)
        if 0 < quiet_days < 10**6:
            latest = TODAY - timedelta(days=quiet_days)
            assert asked == [p.path for p in people
                             if p.contacts.last is not None and p.contacts.last.day <= latest]
        changed = list(people)
        for at in rng.sample(range(len(people)), 5):
            old = people[at]
            changed[at] = Person(old.name, old.path, old.fields, (*old.interactions, Interaction(
                TODAY - timedelta(days=rng.choice([0, 179, 180, 400])), frozenset({"call"}))))
        assert picked.update(changed, context) == everyone.update(changed, context)


@pytest.mark.parametrize("seed", range(6))
def test_the_ranked_ties_picked_in_one_pass_are_those_of_asking_everyone(seed: int) -> None:
    """The strongest, fading and only-asked lists, with `_may_rank` picking whom to rank: those a
    list that asks every known person for their rows gives (a prospect has none), in a first
    build and from the second on (when the strong ties are kept sorted too)."""
    rng = random.Random(seed)
    people = _people(rng, 400)
    strength = {p.path: tie(p, TODAY, rng.choice([0, 0, 0, 2])) for p in people}
    # And ties on each edge of a row: a strong tie's score, a fading tie's weight, the first and
    # the last of the fading days (of 180 quiet days), an ask never given back.
    first, last = TODAY - timedelta(days=179), TODAY - timedelta(days=FADING_DAYS)
    edges = [Tie(STRONG_TIE, 1.0, 1, TODAY, 0), Tie(10, FADING_WEIGHT, 2, last, 0),
             Tie(10, 9.0, 2, first, 0), Tie(10, 9.0, 2, last, 0),
             Tie(10, 1.0, 1, TODAY, 0, asked=1, gave=0, last_asked=TODAY)]
    known = [p for p in people if not p.is_prospect]
    for person, edge in zip(rng.sample(known, len(edges)), edges, strict=True):
        strength[person.path] = edge
    structure = SimpleNamespace(order={p.path: n for n, p in enumerate(people)})
    ranked = _Ranked()
    shown = []
    for _ in range(3):  # (the first build, then two as watch's rounds: the strong ties sorted)
        found = ranked.update(people, strength, structure, TODAY, 180, None)  # type: ignore[arg-type]
        reference = SortedRows(lambda p, c: [] if p.is_prospect else ranked._rows_of(p, c))
        reference.update(people, ranked._rows._context)
        assert ranked._rows.runs(3) == reference.runs(3)  # (every row, not the shown alone)
        strong, fading, asked = reference.runs(3)
        assert (found[1], found[2]) == (fading[:TOP_TIES], asked)
        if ranked.sorts_strong:  # (else they are found without the rows: see `_strongest`)
            assert found[0] == strong[:TOP_TIES]
        shown.append(tuple(map(len, found)))
    assert all(shown[-1]), shown  # (the people have rows in each of the three lists)


def test_a_list_asks_make_of_those_among_picks_alone() -> None:
    """`SortedRows` asks `make` of the people `among` picks, and of nobody else, building afresh
    and patching a round's changed people in (two of a hundred: patched, not sorted afresh)."""
    people = [Person(f"P{n}", f"People/P{n}.md", Fields()) for n in range(100)]
    asked: list[str] = []

    def make(person: Person, _: object) -> list[tuple[tuple[object, ...], str]]:
        return [((person.path,), person.name)]

    rows = SortedRows(_counting(make, asked), lambda everyone, _: [p for p in everyone
                                                                  if p.name in {"P2", "P7"}])
    assert rows.update(people, "day") == ["P2", "P7"]
    assert asked == ["People/P2.md", "People/P7.md"]
    asked.clear()
    changed = list(people)
    changed[3] = Person("P3", "People/P3.md", Fields(role="peer"))
    changed[7] = Person("P7", "People/P7.md", Fields(role="peer"))
    assert rows.update(changed, "day") == ["P2", "P7"]
    assert asked == ["People/P7.md"]


def _old_people_folder(path: str, conventions: Conventions) -> str:
    """The rule of the people folder a note is in, as it was worked out note by note."""
    if is_in_folder(path, conventions.people_folder):
        return f"folder {conventions.people_folder}"
    for contacts in conventions.contacts_folders:
        if is_in_folder(path, contacts):
            return f"the VCF Contacts plugin's folder {contacts}"
    folders = path.split("/")[:-1]
    for folder in conventions.person_folders:
        if "/" in folder and is_in_folder(path, folder):
            return f"folder {folder}"
        for written in folders:
            if key(written) == folder:
                return f"folder {written}"
    return ""


_PATHS = ["Ann.md", "People/Ann.md", "people/Ann.md", "PEOPLE/Sub/Ann.md", "People.md",
          "Peoplex/Ann.md", "Work/People/Ann.md", "CRM/Ann.md", "CRM/Deep/er/Ann.md", "crm.md",
          "Notes/Contacts/Bo.md", "Notes/contacts/Bo.md", "Team/Staff/Cy.md", "team/staff/Cy.md",
          "Teams/Staff/Cy.md", "Ppl/Émile.md", "Pe\u0301ople/Émile.md", "Pèople/Émile.md",
          "Straße/Ann.md", "STRASSE/Ann.md", "a/b/c/d/e.md", "Daily/2026-11-25.md"]


@pytest.mark.parametrize("people_folder", ["People", "Pèople", "Straße", "Team/Staff"])
def test_the_people_folders_rule_worked_out_once_a_folder_is_the_notes_own(
        people_folder: str) -> None:
    """A note's people folder rule, worked out once for its folder, is the rule worked out for
    the note itself: for folders of any case and Unicode form, nested ones, the VCF Contacts
    plugin's folders and the rules' folders (`Team/Staff` holds a slash)."""
    settings = Settings(people_folder=people_folder)
    for conventions in (conventions_of(settings),
                        conventions_of(settings, contacts_folders=("CRM", "Notes/Contacts")),
                        Conventions(people_folder=people_folder,
                                    person_folders=("contacts", "team/staff", "ppl"))):
        for path in _PATHS:
            assert _people_folder(path, conventions) == _old_people_folder(path, conventions), path


@pytest.mark.parametrize("groups, between, fits", [
    ([[0, 1, 2], [3]], [(0, 1.5), (3, 0.0)], True),
    ([[], [0, 3]], [], True),
    ([[0, 4]], [(0, 1.5)], False),  # (a number past the people)
    ([[-1, 2]], [(0, 1.5)], False),
    ([[0, True]], [(0, 1.5)], False),  # (a bool is no number of a person)
    ([[0, 1.0]], [(0, 1.5)], False),
    ([[0, "1"]], [(0, 1.5)], False),
    ([(0, 1)], [(0, 1.5)], False),  # (a group is a list)
    ([[0, [1]]], [(0, 1.5)], False),
    ([[0]], [(4, 1.5)], False),  # (a betweenness of a person past the people)
    ([[0]], [(-1, 1.5)], False),
    ([[0]], [(True, 1.5)], False),
    ([[0]], [(0, 1)], False),  # (a betweenness is a float)
    ([[0]], [(0, 1.5, 2)], False),
    ([[0]], [[0, 1.5]], False),
])
def test_a_kept_shape_fits_its_people_only_if_every_group_and_betweenness_is_theirs(
        groups: list[list[int]], between: list[tuple[int, float]], fits: bool) -> None:
    """The shape the cache kept is taken only if each of its groups is a list of numbers of the
    tied people (0 to people - 1), looked over in C, and each betweenness one of them with a
    float."""
    assert Shape("d", groups, between).fits(4) is fits
    assert Shape("d", groups, between).is_of("d", 4) is fits


_GROUPS = ((("robotics", ("People/A.md", "People/B.md")),), "Network/Network.md")


@pytest.mark.parametrize("topics, directory, communities, lines, taken", [
    ({"Network/Topics/AI.md": "text"}, ["- a", "- b"], (_GROUPS, ["- line"]),
     {"People/A.md": ("- a line", "- another")}, True),
    ({"Network/Topics/AI.md": b"text"}, None, None, None, False),
    ({1: "text"}, None, None, None, False),
    ({}, ["- a", 2], None, None, False),
    ({}, ["- a", None], None, None, False),
    ({}, None, None, {"People/A.md": ["- a line"]}, False),
    ({}, None, None, {"People/A.md": ("- a line", 1)}, False),
    ({}, None, None, {("People/A.md",): ("- a line",)}, False),
    ({}, None, None, {"People/A.md": ()}, True),
])
def test_the_kept_pages_are_taken_only_if_each_of_their_columns_holds_strings(
        topics: object, directory: object, communities: object, lines: object,
        taken: bool) -> None:
    """The pages the cache kept (topics, Network.md's directory, the agenda's lines by person)
    are taken only if every page, line and path is a string; Communities.md's lines only if each
    is one (else that block alone is rendered again)."""
    read = _pages_from(("key", topics, directory, communities, lines, None, None))
    assert (read is not None) is taken
    if read is not None and communities is not None:
        assert read[3] == communities
        again = _pages_from(("key", topics, directory, (_GROUPS, ["- line", 3]), lines, None, None))
        assert again is not None and again[3] is None


def test_kept_communities_are_taken_only_if_their_members_are_paths() -> None:
    """The communities the cache kept are taken only if each member is a path (a string)."""
    assert from_plain_communities((("ai", ("People/A.md", "People/B.md")),)) is not None
    assert from_plain_communities((("ai", ("People/A.md", 2)),)) is None
    assert from_plain_communities((("ai", ("People/A.md", b"People/B.md")),)) is None
    assert from_plain_communities((("ai", ["People/A.md"]),)) is None
