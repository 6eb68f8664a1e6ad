"""Network.canvas is drawn again only when what it is drawn from changed.

The cache keeps the canvas with the pages it keeps, under the key of what it was drawn from in
plain values (`drawn_from`: who is shown, in which order, tied to you or a bridge, the lines
between them, their groups, your tie's score to each, how many people there are; and the
communities' names and sizes, Network.md's path, your note's): a sync after an edit that changes
none of it takes the canvas as it is, where placing its cards took some 10 ms at 10,000 dense
people. Every sync here is held to a sync that reads everything (`assert_fresh`).
"""

from __future__ import annotations

import pytest
from conftest import TODAY, person
from test_cache import (  # noqa: F401 (an_hour_later: a fixture, used by every test here)
    _append,
    an_hour_later,
    assert_fresh,
    calls,
    edit,
)

import vaultnet.pipeline.derived as derived_module
import vaultnet.render.canvas as canvas_module
from vaultnet.pipeline.cache import Unchanged
from vaultnet.pipeline.sync import cached_sync
from vaultnet.render.picture import Picture, drawn_from

ANN, BO, CY, DEE = "People/Ann Lee.md", "People/Bo Chen.md", "People/Cy Dee.md", "People/Dee Ray.md"
VAULT = {
    "Me.md": "---\ntype: me\n---\n# Me\n",
    # Ann is the strongest tie, Bo the weakest: each nearer you on the canvas the stronger.
    ANN: person("Ann Lee", "## Log\n" + "".join(f"- 2026-11-{d:02} Call #call\n"
                                                for d in (3, 9, 15, 21)),
                role="mentor", topics="[robotics]", cadence=30),
    BO: person("Bo Chen", "## Log\n- 2026-06-02 Coffee with [[Ann Lee]] #met\n", role="peer",
               topics="[robotics]"),
    CY: person("Cy Dee", "## Log\n- 2026-10-01 Lunch #met\n", role="peer", topics="[design]",
               knows='["[[Dee Ray]]"]'),
    DEE: person("Dee Ray", "## Log\n- 2026-09-12 Met at a fair #met\n", role="friend",
                topics="[design]"),
}


@pytest.fixture
def vault(make_vault, an_hour_later):  # noqa: F811
    vault = make_vault(VAULT)
    cached_sync(vault, TODAY)
    return vault


def synced(vault, monkeypatch) -> int:
    """A sync of `vault` from the cache, held to a fresh one: how many times it drew the canvas."""
    with monkeypatch.context() as patch:
        drawn = calls(patch, canvas_module, "_render")
        result = cached_sync(vault, TODAY)
        assert not isinstance(result, Unchanged)
        count = len(drawn)
    assert_fresh(vault, result)
    return count


def test_an_edit_that_changes_nothing_it_shows_takes_the_canvas(vault, monkeypatch):
    edit(vault / ANN, "cadence: 30", "cadence: 14")
    assert synced(vault, monkeypatch) == 0
    _append(vault / CY, "Not a dated line.\n")
    assert synced(vault, monkeypatch) == 0


def test_a_tie_that_moves_someone_nearer_draws_it_again(vault, monkeypatch):
    """Bo, the weakest tie, called every day of a week: now the strongest, nearest you."""
    _append(vault / BO, "".join(f"- 2026-11-{d} Call #call\n" for d in range(18, 25)))
    assert synced(vault, monkeypatch) == 1
    edit(vault / ANN, "cadence: 30", "cadence: 14")  # (and then nothing it shows changed)
    assert synced(vault, monkeypatch) == 0


@pytest.mark.parametrize("change", [
    lambda v: edit(v / CY, "topics: [design]", "topics: [robotics]"),  # the groups
    lambda v: edit(v / CY, "knows: [\"[[Dee Ray]]\"]", "knows: []"),  # a line between two
    lambda v: _append(v / DEE, "- 2026-11-24 Call #call\n"),  # a score
    lambda v: (v / "Me.md").rename(v / "Myself.md"),  # your note
])
def test_what_it_is_drawn_from_changed_draws_it_again(vault, monkeypatch, change):
    change(vault)
    assert synced(vault, monkeypatch) == 1


def test_drawn_from_holds_every_value_the_canvas_shows():
    picture = Picture(("person:b", "person:a"), frozenset({"person:a"}), frozenset(),
                      (("person:a", "person:b", ""),), {"person:a": 0}, {"person:a": 7}, 9)
    assert drawn_from(picture) == (
        ("person:b", "person:a"), ("person:a",), (), (("person:a", "person:b", ""),),
        (("person:a", 0),), (0, 7), 9)


@pytest.mark.parametrize("canvas", [["a key", "a text"], ("a key", "a text"), (("key",), b"x"),
                                    (("key",), "text", "more")])
def test_a_kept_canvas_that_is_none_is_not_taken(canvas):
    read = derived_module._pages_from(("key", {}, None, None, None, None, canvas))
    assert read is not None and read[6] is None
    fine = (("key",), "{}\n")
    assert derived_module._pages_from(("key", {}, None, None, None, None, fine))[6] == fine
