"""`cadence: never` in a person's note: that person is not tracked, as a role whose cadence in
`.vaultnet.toml` is 0, "none" or "never" is not; one rule (`parse_cadence`) reads both. A cadence
not given (or blank) is not the same: the role's default applies (PRODUCT.md, "Stay in touch")."""

from __future__ import annotations

import json
import pickle
from datetime import date

import pytest
from conftest import TODAY, person

from vaultnet.base.dates import NOT_TRACKED, parse_cadence
from vaultnet.base.model import Fields, Interaction, Person
from vaultnet.base.settings import Settings, load_settings
from vaultnet.insight.agenda import cadence_of
from vaultnet.parse.note import parse_note

# What the setting accepts for a role not tracked; written as JSON, which TOML and YAML both read.
NEVER = [0, "0", "none", "never", " Never ", "NONE", "None"]


# -- the rule -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, days", [
    ("never", NOT_TRACKED), (" Never ", NOT_TRACKED), ("NONE", NOT_TRACKED), ("0", NOT_TRACKED),
    (0, NOT_TRACKED),
    ("30d", 30), ("2w", 14), ("3m", 90), ("1y", 365), ("monthly", 30), ("45", 45), (45, 45),
    # As people write it (a review: `2 weeks` was refused, and the role's 90 days applied).
    ("2 weeks", 14), ("6 months", 180), ("every 2 weeks", 14), ("10 days", 10), ("1 year", 365),
    ("3 mos", 90), ("2 wks", 14), ("Every Month", 30), ("every  other week", 14), ("bi-weekly", 14),
    ("1 day", 1),
    # Not a cadence: reported, and the role's default applies.
    ("often", None), ("0d", None), ("-5", None), (-5, None), (True, None), (False, None),
    (1.5, None), ("", None), ("never ever", None), ("2 weeks ago", None), ("12 min", None),
    ("0 weeks", None), ("every", None),
])
def test_parse_cadence(value, days):
    assert parse_cadence(value) == days


def test_not_tracked_is_no_number_of_days():
    assert NOT_TRACKED == 0  # the sentinel of `Fields.cadence_days`: the tuple keeps its shape
    assert pickle.loads(pickle.dumps(Fields(cadence_days=NOT_TRACKED))).cadence_days == 0


def test_cadence_of_tells_not_tracked_from_not_given():
    mentor = Settings()  # mentor: 30 days
    never = Person("Ann", "People/Ann.md", Fields(type="person", role="mentor",
                                                   cadence_days=NOT_TRACKED))
    unsaid = Person("Bo", "People/Bo.md", Fields(type="person", role="mentor"))
    own = Person("Cy", "People/Cy.md", Fields(type="person", role="friend", cadence_days=14),
                 (Interaction(date(2026, 1, 1), frozenset()),))
    assert (cadence_of(never, mentor), cadence_of(unsaid, mentor), cadence_of(own, mentor)) \
        == (None, 30, 14)


# -- the note --------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["never", "Never", "none", "None", "0", "'never'"])
def test_a_notes_cadence_never_is_read_without_a_problem(value):
    note = parse_note("People/Ann.md", person("Ann", role="mentor", cadence=value))
    assert (note.fields.cadence_days, note.problems) == (NOT_TRACKED, ())


def test_a_cadence_left_blank_or_unreadable_is_not_never():
    blank = parse_note("People/Ann.md", "---\ntype: person\nrole: mentor\ncadence:\n---\n")
    often = parse_note("People/Ann.md", person("Ann", role="mentor", cadence="often"))
    assert (blank.fields.cadence_days, blank.problems) == (None, ())
    assert often.fields.cadence_days is None
    assert [p.message for p in often.problems] == ["`cadence` is not a cadence: 'often'"]


@pytest.mark.parametrize("value", NEVER, ids=repr)
def test_the_setting_and_the_note_take_the_same_words(make_vault, value):
    vault = make_vault({".vaultnet.toml": f"[cadence]\nmentor = {json.dumps(value)}\n"})
    assert "mentor" not in load_settings(vault).cadence
    note = parse_note("People/A.md", person("A", cadence=json.dumps(value)))
    assert note.fields.cadence_days == NOT_TRACKED


# -- the agenda ------------------------------------------------------------------------------------

def due_people(run, vault) -> list[str]:
    result = run("due", "--json", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return sorted(item["person"] for item in json.loads(result.output)["stay_in_touch"])


def test_the_agenda_leaves_out_a_person_with_cadence_never(make_vault, run):
    old = "## Log\n- 2026-01-05 Coffee #met\n"  # long ago: due by any cadence
    vault = make_vault({
        "People/Never.md": person("Never", old, role="mentor", cadence="never"),
        "People/Zero.md": person("Zero", old, role="peer", cadence="0"),
        "People/None.md": person("None", old, role="friend", cadence="none"),
        "People/Unsaid.md": person("Unsaid", old, role="mentor"),
        "People/Blank.md": "---\ntype: person\nrole: mentor\ncadence:\n---\n" + old,
        "People/Often.md": person("Often", old, role="mentor", cadence="often"),
        "People/Own.md": person("Own", old, cadence="2w"),
    })
    # Not given, blank or unreadable: the role's default (mentor, 30 days) still applies.
    assert due_people(run, vault) == ["Blank", "Often", "Own", "Unsaid"]
    result = run("check", "--vault", vault)
    assert result.exit_code == 1
    assert "People/Often.md" in result.output
    assert not any(name in result.output for name in ("Never.md", "Zero.md", "None.md"))


def test_cadence_never_wins_over_a_role_that_is_tracked_and_a_met_prospect(make_vault, run):
    vault = make_vault({
        ".vaultnet.toml": "[cadence]\nmentor = 7\n",
        "People/Ann.md": person("Ann", role="mentor", cadence="never"),
        "People/Pia.md": person("Pia", "## Log\n- 2026-01-05 Coffee #met\n", status="prospect",
                                role="mentor", cadence="never"),
        "People/Bo.md": person("Bo", role="mentor"),
    })
    assert due_people(run, vault) == ["Bo"]


def test_an_edit_to_cadence_never_reaches_the_agenda_through_the_cache(make_vault, run):
    vault = make_vault({"People/Ann.md": person("Ann", role="mentor", cadence="30d")})
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    assert due_people(run, vault) == ["Ann"]
    (vault / "People/Ann.md").write_text(person("Ann", role="mentor", cadence="never"),
                                         encoding="utf-8")
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    assert due_people(run, vault) == []
    assert "Ann" not in (vault / "Network/Follow-ups.md").read_text(encoding="utf-8")


# -- add ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("given, line", [
    ("never", "cadence: never"), ("Never", "cadence: Never"),
    ("none", 'cadence: "none"'), ("0", 'cadence: "0"'),  # (quoted as any such word or number)
])
def test_add_writes_cadence_never(make_vault, run, given, line):
    vault = make_vault({"People/Bo.md": person("Bo", role="peer")})
    result = run("add", "Ann Lee", "--role", "mentor", "--cadence", given, "--vault", vault)
    assert result.exit_code == 0, result.output
    text = (vault / "People/Ann Lee.md").read_text(encoding="utf-8")
    assert line in text.splitlines()
    note = parse_note("People/Ann Lee.md", text)
    assert (note.fields.cadence_days, note.problems) == (NOT_TRACKED, ())
    assert due_people(run, vault) == ["Bo"]


def test_add_still_refuses_what_is_no_cadence(make_vault, run):
    vault = make_vault({"People/Bo.md": person("Bo", role="peer")})
    result = run("add", "Ann Lee", "--cadence", "often", "--vault", vault)
    assert result.exit_code == 1
    assert "never" in result.output  # the refusal names the way to stop tracking someone
    assert not (vault / "People/Ann Lee.md").exists()


@pytest.mark.parametrize("status", ["inactive", "Paused", "on hold", "archived"])
def test_a_status_that_means_stopped_in_other_words_is_named(make_vault, run, status):
    """`status: inactive` is no status vaultnet reads: the mentor stays due, and `check` says so
    at its line, with the fix; `status: dormant`, the fix, ends both."""
    vault = make_vault({"People/Q.md": f"---\ntype: person\nrole: mentor\nStatus: {status}\n---\n"})
    checked = json.loads(run("check", "--vault", vault, "--today", "2026-11-25", "--json").output)
    assert checked == [{"path": "People/Q.md", "line": 4, "message": f"`status: {status.lower()}` "
                        "is not one vaultnet reads (active, dormant, prospect), so they are still "
                        "kept in touch with by their cadence",
                        "hint": "write `status: dormant` to stop that"}]
    due = json.loads(run("due", "--vault", vault, "--today", "2026-11-25", "--json").output)
    assert [p["person"] for p in due["stay_in_touch"]] == ["Q"]
    (vault / "People/Q.md").write_text("---\ntype: person\nrole: mentor\nstatus: dormant\n---\n",
                                       encoding="utf-8")
    assert json.loads(run("check", "--vault", vault, "--json").output) == []
    due = json.loads(run("due", "--vault", vault, "--today", "2026-11-25", "--json").output)
    assert due["stay_in_touch"] == []
