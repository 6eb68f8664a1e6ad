"""`vaultnet import calendar`: a repeating event is followed for its first MAX_OCCURRENCES
occurrences (10,000); when the rule gives more up to today (FREQ=MINUTELY, SECONDLY, HOURLY),
the import says so, naming the file, the event and the first meeting left out."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from conftest import TODAY, benchmark_script, person

ex = benchmark_script("make_exports")
Meeting, ics_bytes, ME = ex.Meeting, ex.ics_bytes, ex.ME
BOB = ("Bob Ray", "bob@ray.example")
HINT = "end the rule (UNTIL or COUNT) or make it less frequent in the calendar, then import again"

pytestmark = pytest.mark.usefixtures("utc_zone")


@pytest.fixture
def vault(make_vault):
    return make_vault({
        "Me.md": f"---\ntype: me\nemail: {ME[1]}\n---\n# Sam\n",
        "People/Bob Ray.md": person("Bob Ray", "## Log\n- 2024-06-01 Coffee #met\n",
                                    email=BOB[1]),
    })


def met_days(root) -> list[str]:
    text = (root / "People/Bob Ray.md").read_text(encoding="utf-8")
    return [line[2:12] for line in text.splitlines() if line.endswith("Standup #met")]


@pytest.mark.parametrize("rule, start, cut, days", [
    ("FREQ=MINUTELY", datetime(2026, 11, 1, 10, tzinfo=UTC), "2026-11-08 08:40", 8),
    ("FREQ=SECONDLY", datetime(2026, 11, 25, 0, tzinfo=UTC), "2026-11-25 02:46", 1),
    ("FREQ=HOURLY", datetime(2025, 10, 1, 0, tzinfo=UTC), "2026-11-21 16:00", 417),
])
def test_a_repeating_event_cut_short_is_named(vault, run, tmp_path, rule, start, cut, days):
    ics = tmp_path / "c.ics"
    ics.write_bytes(ics_bytes([Meeting("Standup", start, (BOB,), "standup-1", rrule=rule)]))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (f"{ics}: the repeating event \"Standup\" (UID standup-1) repeats more than 10,000 "
            f"times up to today: only the first 10,000 were read, so its meetings from {cut} on "
            f"were not logged; {HINT}\n") in result.output
    # What is imported is as before: the days of the first 10,000 occurrences.
    assert len(met_days(vault)) == days and met_days(vault)[-1] == cut[:10]


def test_json_names_the_cut_too(vault, run, tmp_path):
    ics = tmp_path / "c.ics"
    ics.write_bytes(ics_bytes([Meeting("Standup", datetime(2026, 11, 1, 10, tzinfo=UTC), (BOB,),
                                       "standup-1", rrule="FREQ=MINUTELY")]))
    result = run("import", "calendar", ics, "--dry-run", "--json", "--vault", vault,
                 "--today", TODAY)
    assert json.loads(result.output)["problems"] == [{
        "path": str(ics), "line": None,
        "message": "the repeating event \"Standup\" (UID standup-1) repeats more than 10,000 "
                   "times up to today: only the first 10,000 were read, so its meetings from "
                   "2026-11-08 08:40 on were not logged",
        "hint": HINT}]


def test_only_the_event_cut_short_is_named(vault, run, tmp_path):
    """Events with no meeting up to today left out are no problem, however often they repeat."""
    ics = tmp_path / "c.ics"
    ics.write_bytes(ics_bytes([
        Meeting("Standup", datetime(2026, 11, 1, 10, tzinfo=UTC), (BOB,), "cut",
                rrule="FREQ=MINUTELY"),
        Meeting("Later", datetime(2026, 11, 19, 10, tzinfo=UTC), (BOB,), "later",
                rrule="FREQ=MINUTELY"),  # cut on the 26th: after today
        Meeting("Every 5", datetime(2026, 11, 1, 10, tzinfo=UTC), (BOB,), "five",
                rrule="FREQ=MINUTELY;INTERVAL=5"),  # 7,000 up to today
        Meeting("Daily", datetime(2000, 1, 1, 10, tzinfo=UTC), (BOB,), "daily",
                rrule="FREQ=DAILY"),  # 9,826 up to today
    ]))
    result = run("import", "calendar", ics, "--dry-run", "--json", "--vault", vault,
                 "--today", TODAY)
    messages = [p["message"] for p in json.loads(result.output)["problems"]]
    assert len(messages) == 1 and messages[0].startswith(
        "the repeating event \"Standup\" (UID cut) repeats more than 10,000 times"), messages
