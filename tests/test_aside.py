"""Work done on another core: a forked child's answer, or None whatever goes wrong in it (and then
the sync works the value out itself, to the same bytes)."""

from __future__ import annotations

import os
import pickle
import threading
import time
from datetime import timedelta

import pytest
from conftest import TODAY, WAIT
from test_cache import EDIT_VAULT, _append, assert_fresh, calls, people_chunks

import vaultnet.insight.ties as ties_module
import vaultnet.pipeline.aside as aside_module
import vaultnet.pipeline.sync as sync_module
from vaultnet.pipeline.aside import Aside, can_fork
from vaultnet.pipeline.cache import ParseCache, code_key
from vaultnet.pipeline.sync import cached_sync


@pytest.fixture(autouse=True)
def forks(monkeypatch: pytest.MonkeyPatch) -> None:
    if threading.active_count() > 1:
        pytest.skip("another thread runs in this process: vaultnet never forks then")
    monkeypatch.setattr(aside_module, "usable_cores", lambda: 2)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_answer_is_what_the_child_worked_out():
    here = os.getpid()
    work = Aside(lambda: ([os.getpid() != here, 2.5], ("x", None), {"a": 1}))
    assert work.result() == ([True, 2.5], ("x", None), {"a": 1})
    assert work.result() is None  # (given once)


@pytest.mark.parametrize("work", [
    lambda: 1 / 0,  # raises
    lambda: object(),  # no plain value
    lambda: os.kill(os.getpid(), 9),  # killed
    lambda: os._exit(0),  # leaves without a word
], ids=["raises", "not plain", "killed", "silent"])
def test_a_child_that_fails_answers_none(work):
    assert Aside(work).result() is None


def test_a_child_that_does_not_answer_in_time_is_stopped():
    """A child that would answer only after a minute: no answer (not its late one), and the child
    stopped and reaped. (Waited for, it would answer "late" after that minute, which also bounds
    the test.)"""

    def late() -> str:
        time.sleep(WAIT)
        return "late"

    work = Aside(late)
    pid = work._pid
    assert work.result(timeout=0.3) is None
    assert gone(pid)


def test_no_fork_while_another_thread_runs(monkeypatch):
    assert can_fork()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()
    monkeypatch.setattr(aside_module, "usable_cores", lambda: 1)
    assert not can_fork()


def test_a_sync_works_the_communities_out_on_another_core_to_the_same_bytes(make_vault,
                                                                           monkeypatch):
    """After a line that adds a tie, the shape of the ties is worked out by a child (this process
    never does), and the pages are those of a sync that reads everything."""
    monkeypatch.setattr(sync_module, "ASIDE_MIN", 0)
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    asides = calls(monkeypatch, sync_module, "Aside", lambda work: work)
    here = calls(monkeypatch, sync_module, "work_out_shape", lambda tied, _: len(tied.nodes))
    _append(vault / "People/Ann Lee.md", "- 2026-11-25 Lunch with [[Cy Dee]] #met\n")
    result = cached_sync(vault, TODAY)
    assert len(asides) == 1 and here == []
    assert_fresh(vault, result)
    # Nothing changed in the ties: the shape the cache kept, no child.
    asides.clear()
    _append(vault / "People/Ann Lee.md", "- 2026-11-25 Call #call\n")
    assert_fresh(vault, cached_sync(vault, TODAY))
    assert asides == [] and here == []


def test_a_child_that_fails_leaves_the_work_to_this_process(make_vault, monkeypatch):
    monkeypatch.setattr(sync_module, "ASIDE_MIN", 0)
    vault = make_vault(EDIT_VAULT)
    cached_sync(vault, TODAY)
    parent, real = os.getpid(), sync_module.work_out_shape

    def fails_in_a_child(tied, digest):
        if os.getpid() != parent:
            raise MemoryError
        return real(tied, digest)

    monkeypatch.setattr(sync_module, "work_out_shape", fails_in_a_child)
    here = calls(monkeypatch, sync_module, "work_out_shape", lambda tied, _: len(tied.nodes))
    _append(vault / "People/Ann Lee.md", "- 2026-11-25 Lunch with [[Cy Dee]] #met\n")
    assert_fresh(vault, cached_sync(vault, TODAY))
    assert len(here) == 1  # worked out here, once the child said nothing


def test_the_ties_are_worked_out_on_another_core_to_the_same_bytes(make_vault, monkeypatch):
    """A sync with everyone's tie to work out (a cold one, or the first of a new day) has a child
    work them out while it builds the graph: this process works out none of them, and the pages
    are those of a sync that works them out itself."""
    parent, real = os.getpid(), ties_module.tie
    here: list[str] = []

    def noted(person, *args):
        if os.getpid() == parent:
            here.append(person.path)
        return real(person, *args)

    monkeypatch.setattr(ties_module, "tie", noted)
    vault = make_vault(EDIT_VAULT)
    for day in (TODAY, TODAY + timedelta(days=1)):
        monkeypatch.setattr(sync_module, "TIES_ASIDE_MIN", 0)
        result = cached_sync(vault, day)
        assert here == []
        monkeypatch.setattr(sync_module, "TIES_ASIDE_MIN", 10**9)
        assert_fresh(vault, result, day)
        assert len(here) == 3  # (the sync that reads everything: its three people, here)
        here.clear()


def test_ties_a_child_did_not_send_are_worked_out_here(make_vault, monkeypatch):
    monkeypatch.setattr(sync_module, "TIES_ASIDE_MIN", 0)
    parent, real = os.getpid(), ties_module.tie

    def fails_in_a_child(person, *args):
        if os.getpid() != parent:
            raise MemoryError
        return real(person, *args)

    monkeypatch.setattr(ties_module, "tie", fails_in_a_child)
    here = calls(monkeypatch, ties_module, "tie", lambda person, *_: person.path)
    vault = make_vault(EDIT_VAULT)
    result = cached_sync(vault, TODAY)
    assert len(here) == 3
    monkeypatch.setattr(sync_module, "TIES_ASIDE_MIN", 10**9)
    assert_fresh(vault, result)


def test_a_child_sends_its_answers_one_after_the_other(tmp_path):
    """The first answer comes while the child is still at the second: the child goes on only once
    the file `go` exists, which this process makes only after it has the first answer."""
    go = tmp_path / "go"

    def work():
        yield [os.getpid()]
        deadline = time.monotonic() + WAIT
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        yield "second" if go.exists() else "never told to go on"

    aside = Aside(work, answers=2)
    first = aside.result(timeout=WAIT)
    go.touch()
    assert isinstance(first, list) and first != [os.getpid()], first
    assert aside.result(timeout=WAIT) == "second" and aside.result() is None


def test_answers_after_a_child_failed_are_none():
    def work():
        yield 1
        raise MemoryError

    aside = Aside(work, answers=2)
    assert aside.result() == 1 and aside.result() is None


def people_pickled_here(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The chunks of people this process (not a child) pickles from now on."""
    parent, real, found = os.getpid(), pickle.dumps, []

    def dumps(value, *args, **kwargs):
        if os.getpid() == parent:
            found.append(value)
        return real(value, *args, **kwargs)

    monkeypatch.setattr(pickle, "dumps", dumps)
    return found


def test_the_child_that_works_out_every_tie_keeps_the_people_for_the_cache(make_vault,
                                                                          monkeypatch):
    """On a cold sync the child that works out everyone's tie then pickles and writes the cache's
    chunks of people (each one's tie and contacts): this process pickles none, and the next sync
    after an edit, which reads them, gives a fresh sync's bytes."""
    monkeypatch.setattr(sync_module, "TIES_ASIDE_MIN", 0)
    vault = make_vault(EDIT_VAULT)
    pickled = people_pickled_here(monkeypatch)
    result = cached_sync(vault, TODAY)
    assert people_chunks(pickled) == []
    kept = ParseCache(vault).load(code_key()).people()
    ties, contacts = kept.ties, kept.contacts
    assert ties == {p: t.as_tuple() for p, t in result.vault.insight.ties.items()}
    assert contacts == {p.path: p.contacts for p in result.vault.index.people}
    _append(vault / "People/Ann Lee.md", "- 2026-11-25 Lunch with [[Cy Dee]] #met\n")
    result = cached_sync(vault, TODAY)
    monkeypatch.setattr(sync_module, "TIES_ASIDE_MIN", 10**9)
    assert_fresh(vault, result)


def test_people_kept_with_other_ties_than_the_sync_ends_with_are_pickled_here(make_vault,
                                                                            monkeypatch):
    """The ties this process ends with are not those the child sent (here: worked out again,
    one point stronger): the child's chunks of people are not named, this process pickles
    them with its own ties."""
    monkeypatch.setattr(sync_module, "TIES_ASIDE_MIN", 0)
    parent, real = os.getpid(), ties_module.tie

    def stronger_here(person, *args):
        found = real(person, *args)
        return found._replace(score=found.score + 1) if os.getpid() == parent else found

    monkeypatch.setattr(ties_module, "tie", stronger_here)
    monkeypatch.setattr(ties_module.Tie, "from_tuple", classmethod(lambda cls, values: None))
    monkeypatch.setattr(ties_module.Tie, "all_from_tuples", classmethod(lambda cls, values: None))
    vault = make_vault(EDIT_VAULT)
    pickled = people_pickled_here(monkeypatch)
    result = cached_sync(vault, TODAY)
    assert people_chunks(pickled)
    ties = ParseCache(vault).load(code_key()).people().ties
    assert ties == {p: t.as_tuple() for p, t in result.vault.insight.ties.items()}
    assert all(t.score == real(p, TODAY, t.introduced).score + 1
               for p, t in zip(result.vault.index.people, result.vault.insight.ties.values(),
                               strict=True))
