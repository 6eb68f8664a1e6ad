"""Network.md's block of problems is rendered again only when the problems it shows changed.

The cache keeps the block with the pages it keeps, under what it shows of each problem (where,
and what is wrong: `shown_problems`); a sync after an edit whose problems show the same takes it
(`PagesMemo.take_problems`). Every sync here is held to a sync that reads everything.
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
import vaultnet.render.network_page as network_page_module
from vaultnet.base.model import Problem
from vaultnet.pipeline.cache import Unchanged
from vaultnet.pipeline.sync import cached_sync
from vaultnet.render.context import PagesMemo, shown_problems

ANN, BO, CY = "People/Ann Lee.md", "People/Bo Chen.md", "People/Cy Dee.md"
VAULT = {
    ANN: person("Ann Lee", "## Log\n- 2026-11-01 Call #call\n", role="mentor", cadence="sometimes"),
    BO: person("Bo Chen", "## Log\n- 2026-11-02 Lunch with [[Ann Lee]] #met\n",
               birthday="1980-13-45"),
    CY: person("Cy Dee", "## Log\n- 2026-11-03 Call #call\n", role="peer"),
}


@pytest.mark.parametrize("change, again", [
    (lambda v: _append(v / CY, "- 2026-11-24 Call #call\n"), False),  # (the same problems)
    (lambda v: edit(v / BO, "1980-13-45", "1980-12-45"), True),  # (another message)
    (lambda v: edit(v / ANN, "type: person", "type: person\nemail: ann@example.org"),
     True),  # (another line)
    (lambda v: edit(v / ANN, "sometimes", "30d"), True),  # (one gone)
    (lambda v: _append(v / CY, "- 2026-11-24 Lunch with [[Bo Chen]] #met\n"), True),  # (a tie)
], ids=["a log line", "a message", "a line", "one fixed", "a new tie"])
def test_the_block_of_problems_is_rendered_again_only_when_they_show_otherwise(
        make_vault, monkeypatch, change, again):
    vault = make_vault(VAULT)
    cached_sync(vault, TODAY)
    text = (vault / "Network/Network.md").read_text(encoding="utf-8")
    assert "is not a cadence" in text and "is not a real date" in text
    found = calls(monkeypatch, network_page_module.NetworkPage, "problems", lambda page: "problems")
    change(vault)
    result = cached_sync(vault, TODAY)
    seen = list(found)
    assert not isinstance(result, Unchanged)
    assert seen == (["problems"] if again else [])
    assert_fresh(vault, result)


def test_a_block_taken_is_the_one_rendered_for_those_problems():
    problems = (Problem(ANN, 4, "`cadence` is not a cadence"), Problem(BO, None, "no date"))
    memo = PagesMemo()
    memo._kept_problems = (shown_problems(problems), ["- kept"])
    memo.take_problems(problems)
    assert memo.blocks["problems"] == (problems, ["- kept"])
    assert memo._kept_problems is None  # (once)
    for other in [problems[:1], (problems[0], Problem(BO, 2, "no date")),
                  (problems[0], Problem(BO, None, "no date at all"))]:
        memo = PagesMemo()
        memo._kept_problems = (shown_problems(problems), ["- kept"])
        memo.take_problems(other)
        assert "problems" not in memo.blocks


@pytest.mark.parametrize("problems", [
    ([("People/A.md", 1, "wrong")], ["- a line", 2]),
    ([("People/A.md", "1", "wrong")], ["- a line"]),
    ([("People/A.md", 1)], ["- a line"]),
    ([["People/A.md", 1, "wrong"]], ["- a line"]),
    (("People/A.md", 1, "wrong"), ["- a line"]),
])
def test_a_kept_block_of_problems_that_is_none_is_not_taken(problems):
    read = derived_module._pages_from(("key", {}, None, None, None, problems, None))
    assert read is not None and read[5] is None
    fine = ([("People/A.md", 1, "wrong"), ("People/B.md", None, "also")], ["- a line"])
    assert derived_module._pages_from(("key", {}, None, None, None, fine, None))[5] == fine
