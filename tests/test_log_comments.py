"""`vaultnet log` (and `import`) beside an Obsidian comment (`%% … %%`, `<!-- … -->`).

A comment that starts on a line of its own right under the log's last entry is no part of that
entry: the new line goes right after the entry, before the comment, and every other byte stays.
A comment indented into the entry, or opened on a line that is the entry's own, is the entry's:
the line goes after it. A comment never closed where the new line would go is refused, and the
message says so.

Each case is a note in which the line holding `@@` is the one the command adds (`@@` stands for
the entry it writes, `- 2026-11-25 Coffee #met`); the note before is the case without that line.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import TODAY, benchmark_script

from vaultnet.base.conventions import Conventions
from vaultnet.base.errors import VaultnetError
from vaultnet.edits.log_entry import check_log

ANN = "People/Ann.md"
FRONT = "---\ntype: person\n---\n# Ann\n\n"
NEW = "- 2026-11-25 Coffee #met"


def encoded(text: str, eol: str = "\n", bom: str = "") -> bytes:
    return (bom + text.replace("\n", eol)).encode()


def assert_logged(make_vault, run, case: str, eol: str = "\n", bom: str = "") -> None:
    """`vaultnet log` adds the `@@` line to the case's note, and every other byte stays."""
    kept = "\n".join(line for line in case.split("\n") if "@@" not in line)
    vault = make_vault({ANN: encoded(FRONT + kept, eol, bom)})
    result = run("log", "Ann", "Coffee", "--met", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    want = FRONT + case.replace("@@", NEW)
    assert (vault / ANN).read_bytes() == encoded(want, eol, bom)
    number = next(i for i, line in enumerate(want.split("\n"), start=1) if NEW in line)
    assert result.output == f"{ANN}:{number}: {want.split(chr(10))[number - 1]}\n"


@pytest.mark.parametrize("case", [
    # The review's note: a comment of a few lines right under the entries.
    "## Log\n- 2026-10-01 Lunch #met\n- 2026-11-02 Call #call\n@@\n%%\nAsk about the grant.\n%%\n",
    # On one line.
    "## Log\n- 2026-10-01 Lunch #met\n@@\n%% ask about the grant %%\n",
    # What it hides looks like entries and promises: still hidden, still after the new line.
    "## Log\n- 2026-10-01 Lunch #met\n@@\n%%\n- 2026-10-05 Draft, never sent\n"
    "- [ ] Send the deck 📅 2026-12-01\n%%\n",
    "## Log\n- 2026-10-01 Lunch #met\n@@\n<!--\n- 2026-10-05 Draft, never sent\n-->\n",
    # Then the next section.
    "## Log\n- 2026-10-01 Lunch #met\n@@\n%%\nprivate\n%%\n## Notes\nKind.\n",
    # Then more of the list, not dated.
    "## Log\n- 2026-10-01 Lunch #met\n@@\n%% x %%\n- Not dated\n",
    # In a sub-list, a Log callout.
    "## Projects\n- Acme\n  - 2026-10-01 Kickoff\n  @@\n  %%\n  private\n  %%\n- Other\n",
    "> [!note] Log\n> - 2026-10-01 Lunch #met\n> @@\n> %%\n> - 2026-10-05 Draft\n> %%\n",
    # A comment never closed after the closed one hides nothing above it.
    "## Log\n- 2026-10-01 Lunch #met\n@@\n%% closed %%\n%% left open\n",
    # Without a Log section: after the note's last entry, as ever.
    "## Meetings\n- 2026-10-01 Lunch #met\n@@\n%%\n- 2026-10-05 Draft\n%%\n\n## Tasks\n- [ ] x\n",
], ids=["a block", "one line", "hiding entries and tasks", "an HTML comment", "then a section",
        "then the list", "a sub-list", "a callout", "then one never closed", "no Log section"])
def test_a_comment_under_the_last_entry_stays_after_the_new_line(make_vault, run, case):
    assert_logged(make_vault, run, case)


def test_in_a_numbered_list_the_line_takes_the_next_number(make_vault, run):
    text = FRONT + "## Log\n1. 2026-10-01 Lunch #met\n%%\nprivate\n%%\n"
    vault = make_vault({ANN: text})
    result = run("log", "Ann", "Coffee", "--met", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (vault / ANN).read_text() == text.replace("#met\n", "#met\n2. 2026-11-25 Coffee #met\n")
    assert result.output == f"{ANN}:8: 2. 2026-11-25 Coffee #met\n"


@pytest.mark.parametrize("case", [
    # Indented into the entry: the entry's own.
    "## Log\n- 2026-10-01 Lunch #met\n  %%\n  private\n  %%\n@@\n",
    # Opened on a line of the entry's paragraph: the entry's own, to its close.
    "## Log\n- 2026-10-01 Lunch #met, and\nmore %% private\nthoughts %%\n@@\n",
    "## Log\n- 2026-10-01 Lunch #met %% private\nthoughts\n%%\n@@\n",
], ids=["indented", "opened on a running-on line", "opened on the entry's line"])
def test_a_comment_that_is_the_entrys_own_stays_with_it(make_vault, run, case):
    assert_logged(make_vault, run, case)


@pytest.mark.parametrize("eol, bom", [("\r\n", ""), ("\n", "\ufeff"), ("\r", "")],
                         ids=["crlf", "bom", "cr"])
def test_every_other_byte_is_kept(make_vault, run, eol, bom):
    assert_logged(make_vault, run, "## Log\n- 2026-10-01 Lunch #met\n@@\n%%\nprivate\n%%\n",
                  eol, bom)


@pytest.mark.parametrize("body, line", [
    # The entry's own lines run into a comment never closed: it would hide the new line.
    ("## Log\n- 2026-10-01 Lunch #met, and\nmore %% private\nthoughts\n", 8),
    ("## Log\n- 2026-10-01 Lunch #met %% private\nthoughts\n", 7),
    # Right under the entries, it would run the entry's paragraph on, had it been closed.
    ("## Log\n- 2026-10-01 Lunch #met\n%%\nleft open\n", 8),
], ids=["a running-on line", "the entry's line", "right under it"])
def test_a_comment_never_closed_that_would_hide_the_line_is_refused(make_vault, run, body, line):
    vault = make_vault({ANN: FRONT + body})
    result = run("log", "Ann", "Coffee", "--met", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {ANN}: line {line} opens a comment (`%%`) that is never closed, so Obsidian "
        "hides everything after it, where the new line would go; nothing was written. Close it "
        "with `%%`, or add the line by hand\n")
    assert (vault / ANN).read_bytes() == (FRONT + body).encode()


@pytest.mark.usefixtures("utc_zone")
def test_import_calendar_writes_before_the_comment_too(make_vault, run, tmp_path):
    ex = benchmark_script("make_exports")
    cy = ("Cy", "cy@ode.example")
    front = f"---\ntype: person\nemail: {cy[1]}\n---\n"
    text = "# Cy\n\n## Log\n- 2026-10-01 Coffee #met\n%%\n- 2026-10-05 Draft\n%%\n"
    vault = make_vault({"Me.md": f"---\ntype: me\nemail: {ex.ME[1]}\n---\n",
                        "People/Cy.md": front + text})
    ics = tmp_path / "c.ics"
    ics.write_bytes(ex.ics_bytes([ex.Meeting("Design review", datetime(2026, 11, 20, 9, tzinfo=UTC),
                                             (cy,), "e1")]))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (vault / "People/Cy.md").read_text() == front + text.replace(
        "Coffee #met\n", "Coffee #met\n- 2026-11-20 Design review #met\n")


def test_a_line_that_would_not_be_read_is_refused_saying_so():
    """The last check, behind every placement: a new line that would not read as an entry (here
    inside a comment) is refused with the line, not a guess at the cause."""
    before = (FRONT + "## Log\n- 2026-10-01 Lunch\n%%\nprivate\n%%\n").encode()
    after = (FRONT + "## Log\n- 2026-10-01 Lunch\n%%\n- 2026-11-25 Coffee\nprivate\n%%\n").encode()
    with pytest.raises(VaultnetError) as raised:
        check_log(ANN, before, after, 9, TODAY, Conventions())
    assert str(raised.value) == (
        f"{ANN}: line 9, where vaultnet would add the new line, would not be read as a log "
        "entry there; nothing was written. Add it by hand")


def test_a_line_that_would_change_the_others_is_refused_saying_so():
    before = (FRONT + "## Log\n- 2026-10-01 Lunch\n").encode()
    after = (FRONT + "## Log\n- 2026-10-01 Lunch\n- 2026-11-25 Coffee\n- [ ] x\n").encode()
    with pytest.raises(VaultnetError) as raised:
        check_log(ANN, before, after, 8, TODAY, Conventions())
    assert str(raised.value) == (
        f"{ANN}: adding the new line at line 8 would change how vaultnet reads the note's other "
        "lines; nothing was written. Add it by hand")
