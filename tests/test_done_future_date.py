"""`vaultnet done --date` after `--today`: refused, as `vaultnet log` refuses a day to come without
--plan; a promise is kept on a day that has come."""

from __future__ import annotations

import pytest
from conftest import person, snapshot

TODAY = "2026-11-25"
NOTE = person("Ann", "## Tasks\n- [ ] Send the paper 📅 2026-12-01\n", role="mentor")


@pytest.mark.parametrize("day, kept", [("2026-11-26", TODAY), ("2027-01-01", "2026-11-20")])
def test_a_day_after_today_is_refused_and_nothing_is_written(make_vault, run, day, kept):
    vault = make_vault({"People/Ann.md": NOTE})
    before = snapshot(vault)
    result = run("done", "Ann", "paper", "--date", day, "--today", TODAY, "--vault", vault)
    assert result.exit_code == 1
    assert result.output == (f"Error: {day} is after today ({TODAY}): a promise is done on the "
                             "day it was kept, so nothing was written; fix the date\n")
    assert snapshot(vault) == before
    # Today, or a day before it, is a day a promise can have been kept.
    result = run("done", "Ann", "paper", "--date", kept, "--today", TODAY, "--vault", vault)
    assert result.exit_code == 0, result.output
    assert result.output == "People/Ann.md:7: done: Send the paper\n"
    assert f"- [x] Send the paper 📅 2026-12-01 ✅ {kept}\n" in (vault / "People/Ann.md").read_text()
