"""The generated pages' quick paths give the text the plain ones do: a person's description read
off the directory a sync before kept (`PagesMemo.listed`) is the one made afresh, and the pictures'
first people are found among the scores as plain numbers (`_cut`, `_best`) as by every person's
key."""

from __future__ import annotations

import heapq
from collections.abc import Mapping

from conftest import TODAY, person
from hypothesis import given, settings
from hypothesis import strategies as st
from test_cache import _append, assert_fresh, edit

from vaultnet.pipeline.sync import cached_sync, load
from vaultnet.render.context import DIRECTORY, PageContext, PagesMemo
from vaultnet.render.pages import render_pages
from vaultnet.render.picture import _best, _cut

# People of every kind of line in the directory: roles (one of them on a single person), no
# role, prospects (declared, and by role), organisations with and without a note, several of
# them, none, names sorted by their accents, and names a wikilink cannot hold.
PEOPLE = {
    "People/Émile Roux.md": person("Émile Roux", role="mentor", org='"[[Acme]]"'),
    "People/Emil Berg.md": person("Emil Berg", role="mentor", org="Globex"),
    "People/Emma Stone.md": person("Emma Stone", role="peer", org='["[[Acme]]", Globex]'),
    "People/Zoe Adams.md": person("Zoe Adams"),
    "People/ada lovelace.md": person("ada lovelace", org="Globex"),
    "People/Ben Okafor.md": person("Ben Okafor", role="prospect"),
    "People/Cleo Park.md": person("Cleo Park", status="prospect", role="peer"),
    "People/C# Dev.md": person("C# Dev", role="peer"),
    "People/100% Ada.md": person("100% Ada", role="advisor"),
    "People/Dan [Ops].md": person("Dan [Ops]"),
    "Organisations/Acme.md": "---\ntype: organisation\n---\n# Acme\n",
}


def kept_pages(make_vault):
    """A vault's sync, its pages, and what a sync after it starts from (`PagesMemo.kept`)."""
    vault = load(make_vault(PEOPLE), TODAY)
    memo = PagesMemo()
    pages = render_pages(vault.index, vault.graph, vault.agenda, vault.insight, vault.settings, memo)
    return vault, pages, memo.kept()


def offered(vault, kept) -> PageContext:
    memo = PagesMemo()
    memo.offer(kept)
    return PageContext(vault.graph, vault.settings.output_folder, memo)


def test_a_description_read_off_the_kept_directory_is_the_one_made_afresh(make_vault):
    vault, pages, kept = kept_pages(make_vault)
    context = offered(vault, kept)
    assert context.memo.blocks[DIRECTORY][1] == kept[2]  # (the directory was taken)
    assert set(context.memo.listed()) == set(context.person_nodes)  # everyone read off it
    for node in context.person_nodes:
        assert context.describe(node) == context._describe(node)
    # And the pages of a sync that starts from them are the pages.
    memo = PagesMemo()
    memo.offer(kept)
    assert render_pages(vault.index, vault.graph, vault.agenda, vault.insight, vault.settings,
                        memo) == pages


def test_a_line_of_someone_else_is_never_taken_for_a_description(make_vault):
    # The directory's lines out of the order `listed` reads them in: each line starts with
    # another person's link, and every description is made afresh.
    vault, _, kept = kept_pages(make_vault)
    directory = list(kept[2] or ())
    people = [at for at, line in enumerate(directory) if line.startswith("- ")]
    first = next(at for at in people if at + 1 in people)  # (two people of one role)
    directory[first], directory[first + 1] = directory[first + 1], directory[first]
    context = offered(vault, (kept[0], kept[1], directory, kept[3], kept[4], kept[5], kept[6]))
    for node in context.person_nodes:
        assert context.describe(node) == context._describe(node)


def test_a_directory_whose_headings_count_other_groups_gives_no_lines(make_vault):
    vault, _, kept = kept_pages(make_vault)
    directory = [line.replace("(2)", "(3)") for line in kept[2] or ()]
    context = offered(vault, (kept[0], kept[1], directory, kept[3], kept[4], kept[5], kept[6]))
    assert context.memo.listed() == {}
    for node in context.person_nodes:
        assert context.describe(node) == context._describe(node)


# A vault whose directory is hard to read off: roles that differ in case or are empty, a role
# named "No role" and one holding " — ", a dormant mentor, a prospect, names alike (a file named
# `Ann.md.md`, `ha` and `Ha`, two notes named Ha in two folders).
LOG = "## Log\n- 2026-10-01 Coffee #met\n"
ALIKE = {
    "People/Ann.md": person("Ann", LOG, role="Mentor", org="Globex"),
    "People/Ann B.md": person("Ann B", LOG, role="mentor", org='"[[Acme]]"'),
    "People/Ann.md.md": person("Ann", LOG, role="mentor"),
    "People/Bo.md": person("Bo", LOG, role='""'),
    "People/Cy.md": person("Cy", LOG),
    "People/Di.md": person("Di", LOG, role="mentor", status="dormant"),
    "People/Ed.md": person("Ed", LOG, role="a — b"),
    "People/Fa.md": person("Fa", "", status="prospect"),
    "People/Ga.md": person("Ga", LOG, role="No role"),
    "People/ha.md": person("ha", LOG, role="peer"),
    "People/Ha.md": person("Ha", LOG, role="peer"),
    "People/Sub/Ha.md": person("Ha", LOG, role="peer"),
    "Organisations/Acme.md": "---\ntype: organisation\n---\n# Acme\n",
    "Me.md": "---\ntype: me\n---\n",
}


# Each edit, and whether the sync after it reads descriptions off the directory it kept: a log
# line keeps the graph, and so do a role written in other case and an empty role taken out (the
# same role, read casefolded; none); a status, a prospect met, an organisation, a person come or
# gone change it.
EDITS = [
    (True, lambda v: _append(v / "People/Cy.md", "- 2026-11-24 Call #call\n")),
    (True, lambda v: edit(v / "People/Ann.md", "role: Mentor", "role: mentor")),
    (True, lambda v: _append(v / "People/Ann.md", "- 2026-11-24 Call #call\n")),
    (True, lambda v: edit(v / "People/Bo.md", 'role: ""\n', "")),
    (False, lambda v: edit(v / "People/Di.md", "status: dormant", "status: active")),
    (False, lambda v: _append(v / "People/Fa.md", "- 2026-11-24 Coffee #met\n")),
    (True, lambda v: _append(v / "People/Ed.md", "- 2026-11-24 Call #call\n")),
    (False, lambda v: edit(v / "People/Cy.md", "type: person", "type: person\norg: Acme")),
    (False, lambda v: (v / "People/Ab.md").write_text(person("Ab", LOG, role="peer"),
                                                        encoding="utf-8")),
    (False, lambda v: (v / "People/Ha.md").unlink()),
    (True, lambda v: _append(v / "People/Ga.md", "- 2026-11-22 Call #call\n")),
]


def test_syncs_that_read_descriptions_off_the_directory_give_a_cold_syncs_pages(
        make_vault, monkeypatch):
    read_off: list[str | None] = []  # what each description asked for was read off as
    real = PageContext._read_off
    monkeypatch.setattr(PageContext, "_read_off",
                        lambda self, node: read_off.append(got := real(self, node)) or got)
    vault = make_vault(ALIKE)
    cached_sync(vault, TODAY)
    found: list[bool] = []
    for _, change in EDITS:
        change(vault)
        read_off.clear()
        assert_fresh(vault, cached_sync(vault, TODAY))
        found.append(any(read_off))
    assert found == [reads for reads, _ in EDITS]


# -- the pictures' first people ------------------------------------------------------------------

def cut_by_keys(scores: Mapping[str, int], bridges: set[str], limit: int
                ) -> tuple[bool, int] | None:
    """`_cut` as written before: every person's key, the `limit`-th smallest."""
    if len(scores) <= limit:
        return None
    return heapq.nsmallest(limit, ((n not in bridges, -score) for n, score in scores.items()))[-1]


def best_by_keys(scores: Mapping[str, int], bridges: set[str], limit: int) -> list[str]:
    """`_best` as written before."""
    first = {n: (n not in bridges, -score) for n, score in scores.items()}
    if len(first) <= limit:
        return list(first)
    cut = heapq.nsmallest(limit, first.values())[-1]
    return [n for n, key in first.items() if key <= cut]


@settings(max_examples=1500, deadline=None)
@given(scores=st.lists(st.integers(1, 12), max_size=40),  # (few values: many ties)
       bridges=st.sets(st.integers(0, 45), max_size=12), limit=st.integers(1, 20))
def test_the_pictures_first_people_are_those_every_key_gives(scores: list[int],
                                                             bridges: set[int], limit: int) -> None:
    named = {f"p{i}": score for i, score in enumerate(scores)}
    bridge_nodes = {f"p{i}" for i in bridges}  # (some of them without a score)
    assert _cut(named, bridge_nodes, limit) == cut_by_keys(named, bridge_nodes, limit)
    assert _best(named, bridge_nodes, limit) == best_by_keys(named, bridge_nodes, limit)
