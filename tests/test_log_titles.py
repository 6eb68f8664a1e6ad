"""`log_titles` in `.vaultnet.toml`: more titles of the Log section, for a vault kept in another
language (`## Verlauf`, `> [!note] Verlauf`, `## ログ`).

Each title counts as `Log`, `Logs` and `Interactions` do, compared the same way (emoji, symbols and
emphasis set aside, any case), wherever a title is asked whether it names the log: the reader's
callouts (only a Log callout's quoted lines are entries) and where `vaultnet log` puts its line.
Without the setting nothing changes.
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import date

import pytest
from conftest import TODAY, benchmark_script, snapshot

import vaultnet.pipeline.cache as cache_module

ANNA = "People/Anna.md"
FRONT = "---\ntype: person\nrole: friend\ncadence: 30d\n---\n# Anna\n\n"
GERMAN = 'log_titles = ["Verlauf"]\n'
NEW = "- 2026-11-25 Anruf #call"


def logged(make_vault, run, case: str, settings: str = GERMAN) -> None:
    """`vaultnet log` adds the `@@` line (the entry it writes) to the case's note, every other
    byte kept, and makes no `## Log`."""
    kept = "\n".join(line for line in case.split("\n") if "@@" not in line)
    vault = make_vault({".vaultnet.toml": settings, ANNA: FRONT + kept})
    result = run("log", "Anna", "Anruf", "--call", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    want = FRONT + case.replace("@@", NEW)
    assert (vault / ANNA).read_bytes() == want.encode()
    number = next(i for i, line in enumerate(want.split("\n"), start=1) if NEW in line)
    assert result.output == f"{ANNA}:{number}: {want.split(chr(10))[number - 1]}\n"


@pytest.mark.parametrize("case", [
    # An empty section of the title: the line goes there, not into a `## Log` made at the end.
    "## Verlauf\n@@\n\n## Notizen\nMag Jazz.\n",
    # Its entries win over a later dated line elsewhere, as a Log section's do.
    "## Verlauf\n- 2026-10-01 Kaffee #met\n@@\n\n## Pläne\n- 2026-11-01 Konferenz\n",
    # Compared as `Log` is: emoji, emphasis and case set aside; underlined.
    "## 📝 **verlauf**:\n- 2026-10-01 Kaffee #met\n@@\n\n## Pläne\n- 2026-11-01 Konferenz\n",
    "Verlauf\n---\n- 2026-10-01 Kaffee #met\n@@\n\n## Pläne\n- 2026-11-01 Konferenz\n",
    # A callout of the title is the log: the line goes inside it, after its last entry.
    "> [!note] Verlauf\n> - 2026-10-01 Kaffee #met\n> @@\n\nMag Jazz.\n",
    "> [!note]- Verlauf\n@@\n\nMag Jazz.\n".replace("@@", "> @@"),
    # `Log` still is the log.
    "## Log\n- 2026-10-01 Kaffee #met\n@@\n\n## Pläne\n- 2026-11-01 Konferenz\n",
], ids=["empty", "entries", "emoji and case", "underlined", "callout", "empty callout", "Log"])
def test_a_heading_or_callout_titled_as_the_setting_says_is_the_log(make_vault, run, case):
    logged(make_vault, run, case)


def test_a_japanese_title(make_vault, run):
    logged(make_vault, run, "## ログ\n- 2026-10-01 コーヒー #met\n@@\n\n## メモ\n- 2026-11-01 会議\n",
           'log_titles = ["ログ"]\n')


def test_without_the_setting_nothing_changes(make_vault, run):
    """`## Verlauf` is another section: the line goes into a `## Log` made at the end, as before."""
    vault = make_vault({ANNA: FRONT + "## Verlauf\n\n## Notizen\nMag Jazz.\n"})
    result = run("log", "Anna", "Anruf", "--call", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (vault / ANNA).read_bytes() == (FRONT + "## Verlauf\n\n## Notizen\nMag Jazz.\n\n"
                                           "## Log\n" + NEW + "\n").encode()
    assert "a new `## Log` section" in result.output


CALLOUT = "> [!note] Verlauf\n> - 2026-10-01 Kaffee #met\n> - 2026-10-02 Anruf #call\n"


def due_anna(run, vault) -> dict[str, object]:
    result = run("due", "--json", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return next(row for row in json.loads(result.output)["stay_in_touch"]
                if row["person"] == "Anna")


def test_the_entries_of_a_callout_so_titled_are_read(make_vault, run):
    vault = make_vault({".vaultnet.toml": GERMAN, ANNA: FRONT + CALLOUT})
    row = due_anna(run, vault)
    assert (row["last_contact"], row["days_since"]) == ("2026-10-02", 54)
    result = run("check", "--vault", vault, "--today", TODAY)
    assert "not titled Log" not in result.output


def test_without_the_setting_a_callout_so_titled_is_quoted_text(make_vault, run):
    vault = make_vault({ANNA: FRONT + CALLOUT})
    assert due_anna(run, vault)["last_contact"] is None
    assert "not titled Log" in run("check", "--vault", vault, "--today", TODAY).output


def test_other_callouts_stay_quoted_text(make_vault, run):
    """Only the titles named are the log: an email pasted in is no contact."""
    vault = make_vault({".vaultnet.toml": GERMAN,
                        ANNA: FRONT + CALLOUT.replace("Verlauf", "E-Mail")})
    assert due_anna(run, vault)["last_contact"] is None


def test_names_the_log_takes_the_titles_given():
    from vaultnet.base.conventions import LOG_TITLES, conventions_of
    from vaultnet.base.settings import Settings
    from vaultnet.parse.note import names_the_log, parse_note

    titles = conventions_of(Settings(log_titles=("Verlauf", "Kontakt Verlauf"))).log_titles
    for title in ("Verlauf", "📝 **VERLAUF**:", "Kontakt-Verlauf", "Log", "Interactions"):
        assert names_the_log(title, titles), title
    for title in ("Verläufe", "Verlauf 2026", "Kontakt"):
        assert not names_the_log(title, titles), title
    assert not names_the_log("Verlauf") and conventions_of(Settings()).log_titles == LOG_TITLES
    note = parse_note(ANNA, FRONT + CALLOUT, conventions_of(Settings(log_titles=("Verlauf",))))
    assert [e.text for e in note.entries] == ["Kaffee #met", "Anruf #call"]


@pytest.mark.parametrize("value", ['"Verlauf"', "[1]", '[""]', '["📝"]', '[["Verlauf"]]'])
def test_a_bad_value_is_an_error_naming_the_file_and_the_key(make_vault, run, value):
    vault = make_vault({".vaultnet.toml": f"log_titles = {value}\n", ANNA: FRONT})
    before = snapshot(vault)
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and ".vaultnet.toml" in result.output \
        and "`log_titles`" in result.output, result.output
    assert snapshot(vault) == before


def test_a_sync_after_the_setting_changes_reads_the_notes_again(make_vault, run, monkeypatch):
    """The notes parsed before, and cached, were read without the title: a sync with it gives
    what a sync that reads everything gives."""
    monkeypatch.setattr(cache_module, "_now_ns", lambda: time.time_ns() + 3600 * 10**9)
    vault = make_vault({".vaultnet.toml": "quiet_days = 180\n", ANNA: FRONT + CALLOUT})
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    (vault / ".vaultnet.toml").write_text(GERMAN, encoding="utf-8")
    cached = run("sync", "--vault", vault, "--today", TODAY)
    fresh = vault.parent / "fresh"
    shutil.copytree(vault, fresh, ignore=shutil.ignore_patterns("Network"))
    again = run("sync", "--vault", fresh, "--today", TODAY)
    assert cached.exit_code == again.exit_code == 0
    outputs = {k: v for k, v in snapshot(vault).items() if k.startswith("Network/")}
    assert outputs == {k: v for k, v in snapshot(fresh).items() if k.startswith("Network/")}
    assert "last contact 54 days ago" in outputs["Network/Follow-ups.md"].decode()
    assert cached.output.splitlines()[-1] == again.output.splitlines()[-1]  # (the agenda)


def test_an_import_writes_under_a_log_title_of_the_setting(make_vault, run, tmp_path):
    """`import calendar` puts its lines where `log` does: under `## Verlauf`, no `## Log`."""
    ex = benchmark_script("make_exports")
    anna = ("Anna", "anna@example.de")
    note = "---\ntype: person\nemail: anna@example.de\n---\n## Verlauf\n\n## Über\nAus Köln.\n"
    vault = make_vault({".vaultnet.toml": GERMAN, "Me.md": f"---\ntype: me\nemail: {ex.ME[1]}\n---\n",
                        ANNA: note})
    ics = tmp_path / "c.ics"
    ics.write_bytes(ex.ics_bytes([ex.Meeting("Mittagessen", date(2026, 11, 22), (anna,), "e1")]))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (vault / ANNA).read_text(encoding="utf-8") == note.replace(
        "## Verlauf\n", "## Verlauf\n- 2026-11-22 Mittagessen #met\n")


def test_brief_leaves_a_log_of_the_title_out_of_who_they_are(make_vault, run):
    """`brief`'s free text (who they are) leaves the Log section out, under the vault's title too:
    an undated line of `## Verlauf` or of a `> [!note] Verlauf` callout is log, not prose."""
    body = ("Mag Jazz.\n\n## Verlauf\nNotizen aus unseren Gesprächen.\n\n"
            "> [!note] Verlauf\n> Auch das gehört zum Verlauf.\n")
    vault = make_vault({".vaultnet.toml": GERMAN, ANNA: FRONT + body})
    result = run("brief", "Anna", "--json", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["about"] == ["Mag Jazz."]
    # Without the setting, `Verlauf` is any section: its prose is theirs.
    (vault / ".vaultnet.toml").write_text("")
    result = run("brief", "Anna", "--json", "--vault", vault, "--today", TODAY)
    assert json.loads(result.output)["about"] == [
        "Mag Jazz.", "Notizen aus unseren Gesprächen.", "Auch das gehört zum Verlauf."]
