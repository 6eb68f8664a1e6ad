"""`vaultnet people` and the dormant (`status: dormant`): listed like everyone, marked dormant
(in the text and in `--json`), and found with `--dormant`.

A dormant person is left off the agenda and out of introductions, not out of the network: one
looks them up to decide whether to pick the thread up again.
"""

from __future__ import annotations

import json

import pytest
from conftest import TODAY, person

PEOPLE = {
    "People/Ann Lee.md": person("Ann Lee", "## Log\n- 2026-11-20 Coffee #met\n", role="mentor",
                                org='"[[Acme]]"'),
    "People/Greg Ross.md": person("Greg Ross", "## Log\n- 2025-12-03 Holiday card #gave\n",
                                  role="colleague", org="Lumen", status="dormant"),
    "People/Ida Moe.md": person("Ida Moe", "", status="dormant"),  # no role, never met
    "People/Cy Diaz.md": person("Cy Diaz", "## Log\n- 2026-11-01 Emailed #outreach\n",
                                status="prospect"),
}


def people(make_vault, run, *args: str):
    result = run("people", *args, "--vault", make_vault(PEOPLE), "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    return result.output


def test_the_dormant_are_listed_and_marked(make_vault, run):
    assert people(make_vault, run) == (
        "  Ann Lee    mentor · Acme · last contact 2026-11-20 (5 days ago)\n"
        "  Cy Diaz    prospect · written to 2026-11-01 (24 days ago)\n"
        "  Greg Ross  colleague · Lumen · dormant · last contact 2025-12-03 (357 days ago)\n"
        "  Ida Moe    dormant · no contact yet\n"
        "4 people\n")


def test_dormant_finds_them(make_vault, run):
    assert people(make_vault, run, "--dormant") == (
        "  Greg Ross  colleague · Lumen · dormant · last contact 2025-12-03 (357 days ago)\n"
        "  Ida Moe    dormant · no contact yet\n"
        "2 people\n")


@pytest.mark.parametrize(("args", "names"), [
    ((), ["Ann Lee", "Cy Diaz", "Greg Ross", "Ida Moe"]),
    (("--dormant",), ["Greg Ross", "Ida Moe"]),
    (("--dormant", "--role", "colleague"), ["Greg Ross"]),
    (("--dormant", "lumen"), ["Greg Ross"]),
    (("--dormant", "--prospects"), []),
    (("--dormant", "--due"), []),  # not tracked: never on the agenda
])
def test_dormant_is_a_filter_like_the_others(make_vault, run, args, names):
    found = json.loads(people(make_vault, run, *args, "--json"))
    assert [item["person"] for item in found] == names


def test_json_says_who_is_dormant(make_vault, run):
    found = json.loads(people(make_vault, run, "--json"))
    assert {item["person"]: (item["dormant"], item["prospect"]) for item in found} == {
        "Ann Lee": (False, False), "Cy Diaz": (False, True), "Greg Ross": (True, False),
        "Ida Moe": (True, False)}


def test_help_names_the_filter(run):
    result = run("people", "--help")
    assert result.exit_code == 0
    assert "--dormant" in result.output and "status: dormant" in result.output


def test_the_pages_mark_the_dormant_as_the_terminal_does(make_vault, run):
    """Network.md counts the dormant in its first line, and names each where they are listed."""
    vault = make_vault(PEOPLE)
    assert run("sync", "--vault", vault, "--today", TODAY.isoformat()).exit_code == 0
    page = (vault / "Network/Network.md").read_text()
    assert "1 dormant" not in page and "2 dormant" in page
    assert "- [[People/Greg Ross|Greg Ross]] — colleague, Lumen, dormant\n" in page
    assert "- [[People/Ida Moe|Ida Moe]] — dormant\n" in page
