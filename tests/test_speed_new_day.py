"""A new day's sync works each tie out again from what the parse cache kept of it (its basis: the
day and weight of each interaction), not from the interactions, which it would have to gather for
everyone: the ties fade with the days, and the people whose interactions did not change are most of
them. Each such sync leaves the bytes a sync that reads everything leaves."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, person
from hypothesis import given, settings
from hypothesis import strategies as st
from test_cache import (  # noqa: F401 (an_hour_later: a fixture, used by every test here)
    ANN,
    EDIT_VAULT,
    _append,
    an_hour_later,
    assert_fresh,
    calls,
    rewrite_chunks,
    rewrite_state,
)

import vaultnet.insight.ties as ties_module
import vaultnet.network.index as index_module
import vaultnet.pipeline.sync as sync_module
from vaultnet.base.model import Contacts, Fields, Interaction, Person
from vaultnet.insight.ties import Tie, rebased, tie, tie_basis
from vaultnet.pipeline.cache import ParseCache, Stored, code_key
from vaultnet.pipeline.sync import cached_sync

CY, DI = "People/Cy Dee.md", "People/Di Eng.md"
VAULT = {**EDIT_VAULT,
         CY: person("Cy Dee", "## Log\n- 2026-10-01 Call #call\n"
                    "- 2026-10-02 Call with [[Bo Chen]] #call\n"
                    "- 2026-11-28 Lunch with [[Ann Lee]] #met\n", topics="[sensors]"),
         DI: person("Di Eng", "- 2026-11-20 Coffee #met\n- 2026-11-21 Asked about a job #asked\n",
                    role="peer")}


def worked_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The people whose tie is worked out from their interactions from now on (by path)."""
    return calls(monkeypatch, ties_module, "tie", lambda person, *_: person.path)


def synced(vault: Path, day: date, counted: list[str]) -> list[str]:
    """Sync `vault` on `day` from its cache: what was `counted` meanwhile, sorted (the sync
    left what a sync that reads everything leaves, which is then not counted)."""
    counted.clear()
    result = cached_sync(vault, day)
    found = sorted(counted)
    assert_fresh(vault, result, day)
    counted.clear()
    return found


def kept_bases(vault: Path) -> list[str]:
    stored = ParseCache(vault).load(code_key())
    assert stored is not None
    return sorted(stored.bases())


def test_a_new_day_works_each_tie_out_from_its_basis(make_vault, monkeypatch):
    vault = make_vault(VAULT)
    cached_sync(vault, TODAY)
    everyone = kept_bases(vault)
    assert len(everyone) == 4
    from_interactions = worked_out(monkeypatch)
    # The day after, nobody's interactions changed: every tie is worked out from its basis.
    assert synced(vault, TODAY + timedelta(days=1), from_interactions) == []
    # On the 28th, Cy Dee's lunch with Ann Lee comes due: their bases are brought up to date.
    assert synced(vault, date(2026, 11, 28), from_interactions) == []
    assert kept_bases(vault) == everyone
    assert synced(vault, date(2026, 12, 30), from_interactions) == []
    # Back to the day before: the lunch goes, and their ties are worked out afresh.
    assert synced(vault, date(2026, 11, 27), from_interactions) == [ANN, CY]


def test_a_line_logged_the_same_day_keeps_every_other_basis_for_the_next(make_vault, monkeypatch):
    vault = make_vault(VAULT)
    cached_sync(vault, TODAY)
    _append(vault / DI, "- 2026-11-25 Call #call\n")
    from_interactions = worked_out(monkeypatch)
    assert synced(vault, TODAY, from_interactions) == [DI]
    # (Cy Dee's and Ann Lee's, whose lunch came due on the 28th, brought up to date.)
    assert synced(vault, TODAY + timedelta(days=3), from_interactions) == []


def test_a_basis_that_does_not_fit_its_tie_is_not_taken_nor_kept(make_vault, monkeypatch):
    """A cache changed by hand: a basis of another count of interactions than its tie, or of no
    whole number of values, has the tie worked out from the interactions, and the basis kept
    again is theirs: the next day works the tie out from it."""
    vault = make_vault(VAULT)
    cached_sync(vault, TODAY)
    real = Stored.bases
    damaged = {DI: b"\x01\x02\x03", ANN: tie_basis(())}
    with monkeypatch.context() as patch:
        patch.setattr(Stored, "bases", lambda self: {**real(self), **damaged})
        from_interactions = worked_out(patch)
        assert synced(vault, TODAY + timedelta(days=1), from_interactions) == [ANN, DI]
    kept = ParseCache(vault).load(code_key())
    assert kept is not None and all(kept.bases()[path] != damaged[path] for path in damaged)
    from_interactions = worked_out(monkeypatch)
    assert synced(vault, TODAY + timedelta(days=2), from_interactions) == []


def test_a_tie_worked_out_from_its_basis_counts_the_introductions_of_its_day(make_vault,
                                                                             monkeypatch):
    """Someone met through Ann Lee since: her tie, worked out from its basis on the next day,
    counts that introduction, not the count kept with it."""
    vault = make_vault(VAULT)
    cached_sync(vault, TODAY)
    edit_fields = (vault / DI).read_text(encoding="utf-8").replace(
        "role: peer", 'role: peer\nmet_via: "[[Ann Lee]]"')
    (vault / DI).write_text(edit_fields, encoding="utf-8")
    rebased_for = calls(monkeypatch, ties_module, "rebased",
                        lambda kept, basis, today, introduced: introduced)
    from_interactions = worked_out(monkeypatch)
    assert synced(vault, TODAY + timedelta(days=1), from_interactions) == [DI]
    assert 1 in rebased_for  # (Ann Lee's)


def test_a_sync_of_the_same_day_reads_no_basis_until_it_saves(make_vault, monkeypatch):
    """The bases are read by a sync of another day; on the same day, by the save alone (the
    command's child, after the user has the notes)."""
    vault = make_vault(VAULT)
    cached_sync(vault, TODAY)
    read = calls(monkeypatch, Stored, "bases", lambda stored: "read")
    _append(vault / DI, "- 2026-11-25 Call #call\n")
    later: list[Callable[[], None]] = []
    assert_fresh(vault, cached_sync(vault, TODAY, save_later=later))
    assert read == []
    later[0]()
    assert read == ["read"]
    read.clear()
    later.clear()
    cached_sync(vault, TODAY + timedelta(days=1), save_later=later)
    assert read == ["read"]
    later[0]()
    assert read == ["read"]  # (read once, and kept)


KINDS = st.frozensets(st.sampled_from(["met", "call", "outreach", "asked", "gave", "idea"]),
                      max_size=3)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3000), KINDS), max_size=60),
       st.integers(-400, 60_000), st.integers(0, 5))
def test_a_tie_worked_out_from_its_basis_is_the_tie_to_the_last_bit(days, later, introduced):
    """On any day, ahead or back, that none of the interactions is after (a day one is after
    has other interactions: no basis of theirs holds then)."""
    start = date(2020, 1, 1)
    interactions = tuple(sorted(Interaction(start + timedelta(days=d), kinds, "n.md", i)
                                for i, (d, kinds) in enumerate(days)))
    saved_on = start + timedelta(days=3000)
    someone = Person("Someone", "People/Someone.md", Fields(), interactions)
    kept = tie(someone, saved_on, 1).as_tuple()
    today = saved_on + timedelta(days=later)
    if interactions and interactions[-1].day > today:
        assert rebased(kept, tie_basis(interactions), today, introduced) is None
        return
    assert rebased(kept, tie_basis(interactions), today, introduced) == \
        tie(someone, today, introduced)
    # To the last bit of the sum the score is made from, not only the score it rounds to.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ties_module, "_score", lambda decayed, introduced: (decayed, introduced))
        assert rebased(kept, tie_basis(interactions), today, introduced) == \
            tie(someone, today, introduced)


def test_what_is_no_basis_is_not_taken():
    kept = Tie(53, 3.0, 1, date(2026, 11, 1), 0).as_tuple()
    one = tie_basis((Interaction(date(2026, 11, 1), frozenset({"met"})),))
    assert rebased(kept, one, TODAY, 0) is not None
    year_0 = array("i", [0]).tobytes() + one[4:]  # (a day before the first there is)
    ahead = array("i", [TODAY.toordinal() + 1]).tobytes() + one[4:]
    for basis in [None, b"", one[:-1], one + one, one.decode("latin-1"), bytearray(one),
                  (one,), year_0, ahead]:
        assert rebased(kept, basis, TODAY, 0) is None, basis
    assert rebased(("not", "a", "tie"), one, TODAY, 0) is None


def test_a_cache_that_kept_no_bases_has_each_tie_worked_out_from_the_interactions(make_vault,
                                                                                  monkeypatch):
    """What the bases save: a cache that kept none (as one kept by a sync of a damaged part)
    has every tie worked out from the interactions on a new day."""
    vault = make_vault(VAULT)
    monkeypatch.setattr(ties_module.TieMemo, "bases_to_keep", lambda self, everyone: {})
    cached_sync(vault, TODAY)
    from_interactions = worked_out(monkeypatch)
    assert len(synced(vault, TODAY + timedelta(days=1), from_interactions)) == 4


LATER = st.lists(st.tuples(st.integers(1, 40), KINDS), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3000), KINDS), max_size=40), LATER,
       st.integers(0, 400), st.integers(0, 5))
def test_what_was_kept_of_a_person_brought_up_to_date_is_what_all_their_interactions_give(
        days, came, later, introduced):
    """Interactions that came due after every one a person had (a day later): their contacts,
    their tie and its basis as kept, brought up to date with them, are those of all their
    interactions, the tie to the last bit."""
    start = date(2020, 1, 1)
    saved_on = start + timedelta(days=3000)
    before = tuple(sorted(Interaction(start + timedelta(days=d), kinds, "a.md", i)
                          for i, (d, kinds) in enumerate(days)))
    since = tuple(sorted(Interaction(saved_on + timedelta(days=d), kinds, "b.md", i)
                         for i, (d, kinds) in enumerate(came)))
    today = saved_on + timedelta(days=40 + later)
    then = Person("Someone", "People/Someone.md", Fields(), before)
    now = Person("Someone", "People/Someone.md", Fields(), before + since)
    assert then.contacts.followed_by(since).same_as(now.contacts)
    assert then.contacts.followed_by(since) == now.contacts
    kept = ties_module._followed_by(tie(then, saved_on, 1).as_tuple(), since)
    basis = ties_module._basis_followed_by(tie_basis(before), since)
    assert basis == tie_basis(before + since)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ties_module, "_score", lambda decayed, introduced: (decayed, introduced))
        assert rebased(kept, basis, today, introduced) == tie(now, today, introduced)


PLANS = {**VAULT,
         ANN: person("Ann Lee", "## Log\n- 2026-11-01 Call #call\n"
                     "- 2026-11-26 Sent a note about sensors #outreach\n"
                     "- 2026-11-27 Got her answer #received\n"
                     "- 2026-11-27 Asked her for a review #asked\n"
                     "- 2026-11-27 Lunch with [[Bo Chen]] #met\n", role="mentor"),
         DI: person("Di Eng", "- 2026-11-20 Coffee #met\n- 2026-11-26 Emailed [[Ann Lee]] #outreach\n"
                    "- 2026-11-26 Call with [[Bo Chen]] #call\n"
                    "- 2026-11-28 Gave [[Cy Dee]] a hand #gave\n", last_contact="2026-11-27",
                    role="peer")}


def test_a_new_day_brings_what_was_kept_of_each_person_up_to_date(make_vault, monkeypatch):
    """Day after day, plans come due (outreach, a reply, a favour asked or given, a
    `last_contact`; two days' at once, from notes read in another order than their days'): the
    people they name keep their contacts and the bases of their ties brought up to date, none of
    their interactions gathered, and each is what a sync that reads everything works out."""
    vault = make_vault(PLANS)
    cached_sync(vault, TODAY)
    gathered = calls(monkeypatch, index_module, "_gather", lambda person, *_: person)
    from_interactions = worked_out(monkeypatch)
    for day in (date(2026, 11, 27), date(2026, 11, 28), date(2026, 12, 1)):
        gathered.clear()
        assert synced(vault, day, from_interactions) == [], day
        assert gathered == [], day
        kept_as_worked_out(vault, day)


def kept_as_worked_out(vault: Path, day: date) -> None:
    """What the cache keeps of each person (contacts, tie, its basis) is what a load that reads
    everything works out for `day`."""
    stored = ParseCache(vault).load(code_key())
    assert stored is not None and stored.state.today == day
    kept, bases = stored.people(), stored.bases()
    fresh = sync_module.load(vault, day)
    introduced = ties_module.introductions(fresh.index.relations)
    for someone in fresh.index.people:
        contacts = Contacts.checked(kept.contacts[someone.path])
        assert contacts is not None and contacts.same_as(someone.contacts), (day, someone.path)
        assert bases[someone.path] == tie_basis(someone.interactions), (day, someone.path)
        assert kept.ties[someone.path] == tie(someone, day, introduced[someone.path]).as_tuple()


BO, CY_LUNCH = "People/Bo Chen.md", "- 2026-11-27 Lunch with [[Bo Chen]] #met\n"
BLOCKED = {**VAULT,
           ANN: person("Ann Lee", "## Log\n- 2026-11-01 Call with [[Bo Chen]] #call\n",
                       role="mentor"),
           BO: person("Bo Chen", "", role="peer", last_contact="2026-11-01"),
           CY: person("Cy Dee", "## Log\n- 2026-10-01 Call #call\n" + CY_LUNCH)}
OTHER_EDITS = {
    "a line with them gone from another note": lambda v: (v / ANN).write_text(
        person("Ann Lee", "## Log\n- 2026-11-01 Call #call\n", role="mentor"), encoding="utf-8"),
    "their own note changed": lambda v: (v / BO).write_text(
        person("Bo Chen", "", role="peer", last_contact="2026-11-10"), encoding="utf-8"),
    "their own last_contact gone": lambda v: (v / BO).write_text(
        person("Bo Chen", "", role="peer"), encoding="utf-8"),
    "a line with them added to another note": lambda v: _append(
        v / DI, "- 2026-11-20 Call with [[Bo Chen]] #call\n"),
}


@pytest.mark.parametrize("edit", sorted(OTHER_EDITS))
def test_someone_a_line_came_due_for_and_an_edit_changed_is_not_brought_up_to_date(
        make_vault, edit):
    """Found by a review: Bo Chen's lunch with Cy Dee comes due on the 27th, and an edit
    changed Bo's interactions otherwise too: they are gathered again, not brought up to
    date."""
    vault = make_vault(BLOCKED)
    cached_sync(vault, TODAY)
    OTHER_EDITS[edit](vault)
    day = date(2026, 11, 27)
    assert_fresh(vault, cached_sync(vault, day), day)
    kept_as_worked_out(vault, day)


@pytest.mark.parametrize("saved_on", ["2026-11-25", 20261125, date(2026, 11, 10),
                                      date(2026, 11, 26), date(2026, 11, 27)])
def test_a_state_whose_day_was_changed_by_hand_brings_nothing_up_to_date(make_vault, saved_on):
    """Found by a review: the day the state says is the day the parts kept hold for, or no
    line came due (a `last_contact` counted twice, or one missed, otherwise)."""
    vault = make_vault({**VAULT, ANN: person(
        "Ann Lee", "## Log\n- 2026-10-01 Coffee #met\n- 2026-11-28 Call #call\n",
        last_contact="2026-11-20" if saved_on != date(2026, 11, 27) else "2026-11-26",
        role="mentor")})
    cached_sync(vault, TODAY)
    rewrite_state(vault, lambda state: state.update(today=saved_on))
    day = date(2026, 11, 28)
    assert_fresh(vault, cached_sync(vault, day), day)


def test_a_line_missing_from_a_part_kept_is_not_taken_for_one_that_came_due(make_vault):
    """Found by a review: a part whose first line's row is gone (the chunk written again under
    its own digest): the line of October is not one that came due since."""
    vault = make_vault({**VAULT, ANN: person(
        "Ann Lee", "## Log\n- 2026-10-01 Coffee #met\n- 2026-11-27 Call #call\n", role="mentor")})
    cached_sync(vault, TODAY)

    def without_the_first_row(chunk: dict[str, Any]) -> dict[str, Any]:
        if ANN in chunk:
            (places, people), *others = chunk[ANN]
            chunk[ANN] = ((bytes(places)[4:], bytes(people)[4:]), *others)
        return chunk

    rewrite_chunks(vault, "resolved", without_the_first_row)
    day = date(2026, 11, 28)
    assert_fresh(vault, cached_sync(vault, day), day)
