"""The agenda's lines on Follow-ups.md are rendered again only for the people whose rows changed.

A sync after an edit makes each unchanged person's rows of the agenda from the rows the parse
cache kept (`AgendaMemo.carry`); the cache keeps, with the pages, the line each row was rendered
as (`with_agenda_lines`), and such a sync takes those lines (`PagesMemo.take_lines`) while its
graph has the structure and standing they were rendered for. Every sync here is held to a sync
that reads everything (`assert_fresh`: the generated notes byte for byte).
"""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from conftest import TODAY, person
from test_cache import (  # noqa: F401 (an_hour_later: a fixture, used by every test here)
    _append,
    an_hour_later,
    assert_fresh,
    edit,
)

import vaultnet.pipeline.derived as derived_module
import vaultnet.pipeline.sync as sync_module
from vaultnet.base.model import Fields, Person
from vaultnet.pipeline.cache import Unchanged
from vaultnet.pipeline.sync import cached_sync
from vaultnet.render.context import PageContext, with_agenda_lines

ANN, BO, CY, DI, ED, FAY, GUS = (f"People/{name}.md" for name in (
    "Ann Lee", "Bo Chen", "Cy Dee", "Di Fox", "Ed Gray", "Fay Gil", "Gus Hall"))
# Someone in every list of the agenda, described by role and organisation, one with three rows.
VAULT = {
    ANN: person("Ann Lee", "## Log\n- 2026-08-01 Coffee #met\n- 2026-12-03 Lunch\n",
                role="mentor", org='"[[Acme]]"', cadence="30d"),
    BO: person("Bo Chen", "## Log\n- 2026-11-10 Sent a note #outreach\n", role="peer"),
    CY: person("Cy Dee", "## Log\n- 2026-10-01 Wrote #outreach\n- 2026-10-10 Again #outreach\n"
                         "- 2026-10-20 Once more #outreach\n", status="prospect"),
    DI: person("Di Fox", "## Log\n- 2026-07-01 Call #call\n\n## Tasks\n"
                         "- [ ] Send the paper 📅 2026-11-20\n"
                         "- [ ] She sends the slides #waiting 📅 2026-11-27\n",
               role="mentor", org="Globex", cadence="30d"),
    ED: person("Ed Gray", birthday="1980-11-30", role="peer"),
    FAY: person("Fay Gil", "## Log\n- 2026-11-20 Asked about the dataset #received\n",
                role="peer"),
    GUS: person("Gus Hall", "## Log\n- 2026-11-01 Call #call\n", role="peer"),
    "Organisations/Acme.md": "---\ntype: organisation\n---\n# Acme\n",
    "Daily/2026-11-24.md": "Lunch with [[Gus Hall]] #met\n",
}
WITH_ROWS = {ANN, BO, CY, DI, ED, FAY}


def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The people whose agenda lines are rendered from now on (a line taken is not), in order."""
    found: list[str] = []
    real = PageContext.line_of

    def line_of(self, item, render):
        return real(self, item, lambda i: found.append(i.person.path) or render(i))

    monkeypatch.setattr(PageContext, "line_of", line_of)
    return found


@pytest.fixture
def vault(make_vault):
    vault = make_vault(VAULT)
    first = cached_sync(vault, TODAY)
    assert not isinstance(first, Unchanged)
    followups = (vault / "Network/Follow-ups.md").read_text(encoding="utf-8")
    for line in ["## Replies owed (1)", "## Stay in touch (3)", "## Follow up on outreach (1)",
                 "## Let outreach rest (1)", "## Promises (2)", "## Birthdays (1)",
                 "[[People/Ann Lee|Ann Lee]] — mentor, [[Organisations/Acme|Acme]]: last contact",
                 "(planned 2026-12-03)"]:
        assert line in followups  # (every kind of line is there to be kept)
    return vault


def on_the_page(vault) -> set[str]:
    """The people with a line on Follow-ups.md."""
    text = (vault / "Network/Follow-ups.md").read_text(encoding="utf-8")
    return {path for path in WITH_ROWS if f"[[{path.removesuffix('.md')}|" in text}


def synced_again(vault, found: list[str] | None = None, today=TODAY) -> list[str]:
    """A sync through the cache, held to a fresh one; the people whose lines it rendered (of
    those `found` gathers: `rendered`)."""
    found = [] if found is None else found
    found.clear()
    result = cached_sync(vault, today)
    seen = sorted(found)
    assert not isinstance(result, Unchanged)
    assert_fresh(vault, result, today)
    found.clear()
    return seen


def test_an_edit_renders_the_lines_of_the_people_whose_rows_it_changed_alone(vault, monkeypatch):
    found = rendered(monkeypatch)
    # A call with someone who has no row: every line is the one kept.
    _append(vault / GUS, "- 2026-11-24 Call #call\n")
    assert synced_again(vault, found) == []
    # A call with Di, due to stay in touch: her promises (rows as they were) are rendered again
    # with her, the others' are taken; then again, her rows kept by the sync before.
    _append(vault / DI, "- 2026-11-24 Call #call\n")
    assert synced_again(vault, found) == [DI, DI]
    _append(vault / GUS, "- 2026-11-25 Call #call\n")
    assert synced_again(vault, found) == []
    assert isinstance(cached_sync(vault, TODAY), Unchanged)


@pytest.mark.parametrize("change", [
    # What a line shows besides its row: a role, an organisation, a prospect met, a name.
    lambda v: edit(v / ANN, "role: mentor", "role: advisor"),
    lambda v: edit(v / DI, "org: Globex", "org: Initech"),
    lambda v: _append(v / CY, "- 2026-11-24 Coffee #met\n"),
    lambda v: (v / "Organisations/Acme.md").rename(v / "Organisations/Acme Corp.md"),
    # A new tie (the graph's structure), and the settings.
    lambda v: _append(v / GUS, "- 2026-11-24 Lunch with [[Bo Chen]] #met\n"),
    lambda v: (v / ".vaultnet.toml").write_text("[outreach]\nmax_followups = 3\n",
                                                encoding="utf-8"),
], ids=["role", "organisation", "prospect met", "organisation renamed", "tie", "settings"])
def test_lines_are_rendered_again_when_what_they_show_may_differ(vault, monkeypatch, change):
    found = rendered(monkeypatch)
    change(vault)
    # (Everyone's on the page: nothing tells whose line showed what changed.)
    assert set(synced_again(vault, found)) == on_the_page(vault)


def test_another_day_renders_every_line_again(vault, monkeypatch):
    found = rendered(monkeypatch)
    assert set(synced_again(vault, found, TODAY + timedelta(days=1))) == on_the_page(vault)


@pytest.mark.parametrize("change", [
    lambda v: (v / ED).rename(v / "People/Ed Grey.md"),
    lambda v: (v / FAY).unlink(),
    lambda v: shutil.copy(v / DI, v / "People/Di Fox 2.md"),
    lambda v: edit(v / "Organisations/Acme.md", "# Acme", "# Acme\naliases: [ACME]"),
], ids=["rename", "deletion", "a second Di", "an alias"])
def test_a_person_renamed_gone_or_new_leaves_the_pages_a_fresh_sync_leaves(vault, change):
    change(vault)
    synced_again(vault)
    _append(vault / GUS, "- 2026-11-24 Call #call\n")
    synced_again(vault)


def test_lines_kept_that_do_not_fit_a_persons_rows_are_not_taken(vault, monkeypatch):
    """A person whose lines kept are not one for each of their rows (a cache damaged in a way its
    digest cannot see) has their lines rendered again; a value that is no lines throws every
    page kept away."""
    real = with_agenda_lines

    def damaged(*args):
        kept = real(*args)
        assert kept[4] is not None and len(kept[4][DI]) == 3
        return (*kept[:4], {**kept[4], DI: kept[4][DI][:2], ANN: kept[4][ANN] + ("- extra",)},
                *kept[5:])

    monkeypatch.setattr(sync_module, "with_agenda_lines", damaged)
    _append(vault / GUS, "- 2026-11-24 Call #call\n")
    synced_again(vault)  # (it keeps the damaged lines)
    monkeypatch.setattr(sync_module, "with_agenda_lines", real)
    found = rendered(monkeypatch)
    _append(vault / GUS, "- 2026-11-25 Call #call\n")
    assert synced_again(vault, found) == [ANN, DI, DI, DI]
    assert derived_module._pages_from(("key", {}, None, None, {DI: ["- a list"]}, None, None)) is None
    assert derived_module._pages_from(("key", {}, None, None, {DI: ("- a line", 1)}, None, None)) \
        is None
    assert derived_module._pages_from(("key", {}, None, None, {}, None, None)) is not None


def test_a_person_one_of_whose_items_has_no_line_rendered_has_no_lines_kept():
    ann, bo = (Person(name, f"People/{name}.md", Fields(), ()) for name in ("Ann", "Bo"))
    items = [object(), object(), object()]
    lines = {id(items[0]): (items[0], "- a"), id(items[1]): (items[1], "- b"),
             id(items[2]): (object(), "- another's")}  # (a line of another item, at its id)
    made = [(ann, [((0,), items[0]), ((1,), items[1])]), (bo, [((2,), items[2])])]
    kept = with_agenda_lines(("key", {}, None, None, None, None, None), lines, made)
    assert kept[4] == {ann.path: ("- a", "- b")}
