"""A note with no Log section and no dated entry gets a `## Log` at its end, and the user is told.

Its own log heading (`## Verlauf`) is no heading vaultnet reads as the log, so the new section is
where the user would not look: `vaultnet log` says so on a line of its own, before the line it
logged (in the note's order), and `import mail`/`calendar` under the note's lines. What is written
is the same.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from conftest import TODAY, benchmark_script

KAETHE = "Personen/Käthe Schön.md"
FRONT = "---\ntype: person\nemail: kaethe@schoen.example\n---\n"
NOTE = "# Käthe Schön\n\n## Verlauf\n\n## Über\nSie mag Tee.\n"
WHY = "no Log section (a heading titled Log, Logs or Interactions) and no dated entry"


def test_log_says_it_made_the_section(make_vault, run):
    vault = make_vault({KAETHE: FRONT + NOTE})
    result = run("log", "Käthe", "Erstes Treffen", "--met", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (vault / KAETHE).read_bytes() == \
        (FRONT + NOTE + "\n## Log\n- 2026-11-25 Erstes Treffen #met\n").encode()
    assert result.output == (
        f"{KAETHE}:12: a new `## Log` section, made at the note's end: it had {WHY}; move the "
        "line where you keep your log, and the next ones will follow it\n"
        f"{KAETHE}:13: - 2026-11-25 Erstes Treffen #met\n")
    again = run("log", "Käthe", "Anruf", "--call", "--vault", vault, "--today", TODAY)
    assert again.output == f"{KAETHE}:14: - 2026-11-25 Anruf #call\n"  # (into that section)


@pytest.mark.parametrize("eol, final", [("\r\n", True), ("\r\n", False), ("\n", False)])
def test_the_section_is_named_by_its_line_whatever_the_line_ends(make_vault, run, eol, final):
    text = (FRONT + NOTE).replace("\n", eol)
    vault = make_vault({KAETHE: (text if final else text.removesuffix(eol)).encode()})
    result = run("log", "Käthe", "Erstes Treffen", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    written = text + eol + "## Log" + eol + "- 2026-11-25 Erstes Treffen" + (eol if final else "")
    assert (vault / KAETHE).read_bytes() == written.encode()
    heading = written.split(eol).index("## Log") + 1
    assert result.output.splitlines()[0].startswith(f"{KAETHE}:{heading}: a new `## Log` section")


def test_no_word_of_it_where_the_note_has_its_log(make_vault, run):
    vault = make_vault({KAETHE: FRONT + NOTE.replace("## Über", "- 2026-10-01 Tee\n\n## Über")})
    result = run("log", "Käthe", "Erstes Treffen", "--vault", vault, "--today", TODAY)
    assert result.output == f"{KAETHE}:10: - 2026-11-25 Erstes Treffen\n"


@pytest.mark.usefixtures("utc_zone")
def test_import_says_which_notes_it_made_the_section_in(make_vault, run, tmp_path):
    ex = benchmark_script("make_exports")
    kaethe, bob = ("Käthe Schön", "kaethe@schoen.example"), ("Bob Ray", "bob@ray.example")
    bob_note = "---\ntype: person\nemail: bob@ray.example\n---\n## Log\n- 2026-11-01 Tea #met\n"
    vault = make_vault({"Me.md": f"---\ntype: me\nemail: {ex.ME[1]}\n---\n",
                        KAETHE: FRONT + NOTE, "People/Bob Ray.md": bob_note})
    ics = tmp_path / "c.ics"
    ics.write_bytes(ex.ics_bytes([
        ex.Meeting("Design review", datetime(2026, 11, 20, 9, tzinfo=UTC), (kaethe, bob), "e1"),
        ex.Meeting("Lunch", date(2026, 11, 22), (kaethe,), "e2")]))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (vault / KAETHE).read_bytes() == (FRONT + NOTE + "\n## Log\n- 2026-11-20 Design review "
                                             "#met\n- 2026-11-22 Lunch #met\n").encode()
    assert result.output.split("\n")[1:] == [
        "Bob Ray (People/Bob Ray.md)",
        "  - 2026-11-20 Design review #met",
        f"Käthe Schön ({KAETHE})",
        "  - 2026-11-20 Design review #met",
        "  - 2026-11-22 Lunch #met",
        f"  in a new `## Log` section at the end of the note, which had {WHY}",
        "Added 3 lines to 2 notes; 0 already in the notes.", ""]
    again = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert "## Log" not in again.output
