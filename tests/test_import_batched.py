"""`import mail` and `import calendar` write each note once, with all its lines: the same bytes,
report and refusals as when each line was added to the note on its own (pinned below from that
code), in every shape a log takes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, benchmark_script, snapshot, write_files

from vaultnet.base.conventions import LOG_TITLES
from vaultnet.cli import cli
from vaultnet.edits import lines as lines_module
from vaultnet.edits.log_entry import insert_log_line, insert_log_lines

ex = benchmark_script("make_exports")
Mail, Meeting, ME = ex.Mail, ex.Meeting, ex.ME

pytestmark = pytest.mark.usefixtures("utc_zone")  # days in the vault's zone: UTC


def _note(key: str, body: str, eol: str = "\n") -> str:
    front = f"---\ntype: person\nemail: {key}@x.example\n---\n"
    return (front + body).replace("\n", eol)


# One note per shape of a log, each named by its shape (its person's address is `<shape>@x.example`).
SHAPES = {
    "log": _note("log", "# Log\n\n## Log\n- 2026-08-01 Coffee #met\n\n## Tasks\n- [ ] Send the deck\n"),
    "star": _note("star", "# Star\n## Log\n* 2026-08-01 Coffee\n* 2026-08-02 Call #call\n\nAfter.\n"),
    "numbered": _note("numbered", "# Numbered\n## Log\n" + "".join(
        f"{n}. 2026-08-0{n} Talk {n}\n" for n in range(1, 9))),
    "callout": _note("callout", "# Callout\n> [!note] Log\n> - 2026-08-01 Lunch\n\nText after.\n"),
    "nolog": _note("nolog", "# No log\nJust notes.\n"),
    "crlf": _note("crlf", "# Crlf\n\n## Log\n- 2026-08-01 Coffee #met\n\n## Tasks\n", "\r\n"),
    "bom": "\ufeff" + _note("bom", "# Bom\n## Log\n- 2026-08-01 Coffee\n"),
    "nofinal": _note("nofinal", "# No final\n## Log\n- 2026-08-01 Coffee"),
    "nofinalnolog": _note("nofinalnolog", "# Nothing\nNotes.", "\r\n"),
    "comment": _note("comment", "# Comment\n## Log\n- 2026-08-01 Coffee\n"
                                "%% ask about the grant %%\n\n## Tasks\n"),
    "sublist": _note("sublist", "# Sub\n## Meetings\n- Acme\n  - 2026-08-01 Lunch\n\n## Other\nx\n"),
    "headings": _note("headings", "# Headings\n## 2026-08-01 Meetup\nNotes.\n"),
    "wide": _note("wide", "# Wide\n## Log\n-    2026-08-01 Wide item\n\n   indented\n"),
}


def _person(shape: str) -> tuple[str, str]:
    return (f"{shape.capitalize()} Person", f"{shape}@x.example")


def _exports(folder: Path) -> tuple[Path, Path]:
    """An mbox and an .ics with lines for every shape: mail of three kinds on three days, a
    weekly meeting with everyone, and one with the numbered note's person for twelve weeks."""
    mails = []
    for number, shape in enumerate(SHAPES):
        them = _person(shape)
        mails += [
            Mail(ME, (them,), f"Hello {shape}", datetime(2026, 10, 2, 9, tzinfo=UTC), f"o{number}@me"),
            Mail(them, (ME,), f"Re: Hello {shape}", datetime(2026, 10, 3, 9, tzinfo=UTC),
                 f"r{number}@them", f"o{number}@me", (f"o{number}@me",)),
            Mail(them, (ME,), f"News from {shape}", datetime(2026, 10, 9, 9, tzinfo=UTC),
                 f"n{number}@them"),
        ]
    meetings = [
        Meeting("Weekly", datetime(2026, 10, 5, 10, tzinfo=UTC),
                tuple(_person(shape) for shape in SHAPES), "w1", rrule="FREQ=WEEKLY;COUNT=4"),
        Meeting("Numbered sync", datetime(2026, 8, 20, 10, tzinfo=UTC), (_person("numbered"),),
                "n1", rrule="FREQ=WEEKLY;COUNT=12"),
        Meeting("Lunch", date(2026, 11, 20), (_person("star"), _person("nolog")), "l1"),
    ]
    box, ics = folder / "mail.mbox", folder / "calendar.ics"
    box.write_bytes(ex.mbox_bytes(mails))
    ics.write_bytes(ex.ics_bytes(meetings))
    return box, ics


def imported(folder: Path) -> tuple[dict[str, bytes], list[str]]:
    """A vault of SHAPES after `import mail` then `import calendar`, each first run dry: every
    note's bytes, and the four reports."""
    root = folder / "vault"
    write_files(root, {"Me.md": f"---\ntype: me\nemail: {ME[1]}\n---\n# Me\n",
                       **{f"People/{_person(shape)[0]}.md": text for shape, text in SHAPES.items()}})
    box, ics = _exports(folder)
    outputs = []
    for kind, export in (("mail", box), ("calendar", ics)):
        for dry in (("--dry-run",), ()):
            result = CliRunner().invoke(cli, ["import", kind, str(export), *dry, "--vault",
                                              str(root), "--today", TODAY.isoformat()],
                                        catch_exceptions=False)
            assert result.exit_code == 0, result.output
            outputs.append(result.output.replace(str(folder), "<tmp>"))
    return snapshot(root / "People"), outputs


def test_the_notes_and_reports_are_those_of_a_line_at_a_time(tmp_path):
    notes, outputs = imported(tmp_path)
    assert notes == EXPECTED_NOTES
    assert outputs == EXPECTED_OUTPUTS


# Shapes where a line's place depends on the lines before it more than by one line: an item whose
# text starts further in than a new one's (so the new one takes the indented line under it), a
# numbered list that crosses into two digits over an indented line, entries nested in an entry.
TRICKY = [
    "## Log\n-    2026-08-01 Wide item\n\n   indented\n",
    "## Log\n8. 2026-08-01 a\n\n   three in\n    four in\n",
    "## Log\n- 2026-08-01 Trip\n  - 2026-08-02 Day two\n\nAfter.\n",
    "## Log\n- 2026-08-01 Lunch\nlazy line\n---\n",
    "Title\n## Log\n- 2026-08-01 Lunch\nNext\n===\n",
    "> [!note] Log\n> 1. 2026-08-01 Lunch\n>\n>    more\n",
    "## Log\n\n## Later\n- 2026-08-01 Lunch\n",
    "Text\n```\n- 2026-08-01 hidden\n",
    "## Log\n- 2026-08-01 Lunch %% open\n",
    "## Log\n- 2026-08-01 Lunch\n\n<!-- a\ncomment -->\n",
    "",
    "no newline",
]


def added_one_by_one_or_refused(body: str, lines: list[str]) -> None:
    """`insert_log_lines` gives what `insert_log_line` gives line after line, or its refusal."""
    data = ("---\ntype: person\n---\n# P\n" + body).encode()
    try:
        together = insert_log_lines(data, lines, "P.md", LOG_TITLES)
    except Exception as err:  # (the same refusal, word for word)
        with pytest.raises(type(err)) as one:
            for line in lines:
                data = insert_log_line(data, line, "P.md", LOG_TITLES)[0]
        assert str(one.value) == str(err)
        return
    numbers, made = [], False
    for line in lines:
        data, number, new = insert_log_line(data, line, "P.md", LOG_TITLES)
        numbers = [n + 1 if n >= number else n for n in numbers] + [number]
        made = made or new
    assert together == (data, numbers, made)


@pytest.mark.parametrize("body", TRICKY)
@pytest.mark.parametrize("count", [0, 1, 2, 3, 12])
def test_lines_added_together_are_those_added_one_by_one(body, count):
    added_one_by_one_or_refused(body, [f"- 2026-11-{day:02} Line {day} #met"
                                       for day in range(1, count + 1)])


@pytest.mark.parametrize("marks", [("%%", "%%"), ("<!--", "-->"), ("`", "`"), ("~~~", "~~~")])
def test_a_line_that_opens_what_a_later_one_closes_is_refused_as_one_by_one(marks):
    """A reviewer's case: the first new line opens a comment that the third closes, hiding the
    second. Line after line, the second is refused; together, the same (the import escapes such
    marks in what it writes, but the rule is the rule's, not the caller's)."""
    opens, closes = marks
    added_one_by_one_or_refused("## Log\n- 2026-08-01 a\n", [
        f"- 2026-10-05 x {opens} y", "- 2026-10-06 c", f"- 2026-10-07 z {closes} w"])


def test_a_note_changed_while_importing_is_not_written(tmp_path, monkeypatch):
    """The user saves the note between its reading and its writing: nothing is written to it,
    the other notes are, and the report says so."""
    replace = lines_module.atomic_replace
    changed = "People/Log Person.md"

    def user_saves_meanwhile(disk, after, before):  # type: ignore[no-untyped-def]
        if Path(disk).name == Path(changed).name:
            Path(disk).write_bytes(before + b"- typed meanwhile\n")
        return replace(disk, after, before)

    monkeypatch.setattr(lines_module, "atomic_replace", user_saves_meanwhile)
    root = tmp_path / "vault"
    write_files(root, {"Me.md": f"---\ntype: me\nemail: {ME[1]}\n---\n",
                       "People/Log Person.md": SHAPES["log"], "People/Star Person.md": SHAPES["star"]})
    box, _ = _exports(tmp_path)
    result = CliRunner().invoke(cli, ["import", "mail", str(box), "--vault", str(root),
                                      "--today", TODAY.isoformat()], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert (root / changed).read_bytes() == SHAPES["log"].encode() + b"- typed meanwhile\n"
    assert "Log Person (People/Log Person.md), not written:" in result.output
    assert f"{changed} changed while vaultnet was importing into it; nothing was written. Run " \
           "the command again." in result.output
    assert "Added 3 lines to 1 note; 0 already in the notes; 3 lines not written." in result.output
    assert b"* 2026-10-09 News from star #received" in (root / "People/Star Person.md").read_bytes()


EXPECTED_NOTES = {  # recorded from the code that added one line at a time
    'Bom Person.md': (
        '\ufeff---\n'
        'type: person\n'
        'email: bom@x.example\n'
        '---\n'
        '# Bom\n'
        '## Log\n'
        '- 2026-08-01 Coffee\n'
        '- 2026-10-02 Hello bom #outreach\n'
        '- 2026-10-03 Hello bom #reply\n'
        '- 2026-10-09 News from bom #received\n'
        '- 2026-10-05 Weekly #met\n'
        '- 2026-10-12 Weekly #met\n'
        '- 2026-10-19 Weekly #met\n'
        '- 2026-10-26 Weekly #met\n'
    ).encode(),
    'Callout Person.md': (
        b'---\n'
        b'type: person\n'
        b'email: callout@x.example\n'
        b'---\n'
        b'# Callout\n'
        b'> [!note] Log\n'
        b'> - 2026-08-01 Lunch\n'
        b'> - 2026-10-02 Hello callout #outreach\n'
        b'> - 2026-10-03 Hello callout #reply\n'
        b'> - 2026-10-09 News from callout #received\n'
        b'> - 2026-10-05 Weekly #met\n'
        b'> - 2026-10-12 Weekly #met\n'
        b'> - 2026-10-19 Weekly #met\n'
        b'> - 2026-10-26 Weekly #met\n'
        b'\n'
        b'Text after.\n'
    ),
    'Comment Person.md': (
        b'---\n'
        b'type: person\n'
        b'email: comment@x.example\n'
        b'---\n'
        b'# Comment\n'
        b'## Log\n'
        b'- 2026-08-01 Coffee\n'
        b'- 2026-10-02 Hello comment #outreach\n'
        b'- 2026-10-03 Hello comment #reply\n'
        b'- 2026-10-09 News from comment #received\n'
        b'- 2026-10-05 Weekly #met\n'
        b'- 2026-10-12 Weekly #met\n'
        b'- 2026-10-19 Weekly #met\n'
        b'- 2026-10-26 Weekly #met\n'
        b'%% ask about the grant %%\n'
        b'\n'
        b'## Tasks\n'
    ),
    'Crlf Person.md': (
        b'---\r\n'
        b'type: person\r\n'
        b'email: crlf@x.example\r\n'
        b'---\r\n'
        b'# Crlf\r\n'
        b'\r\n'
        b'## Log\r\n'
        b'- 2026-08-01 Coffee #met\r\n'
        b'- 2026-10-02 Hello crlf #outreach\r\n'
        b'- 2026-10-03 Hello crlf #reply\r\n'
        b'- 2026-10-09 News from crlf #received\r\n'
        b'- 2026-10-05 Weekly #met\r\n'
        b'- 2026-10-12 Weekly #met\r\n'
        b'- 2026-10-19 Weekly #met\r\n'
        b'- 2026-10-26 Weekly #met\r\n'
        b'\r\n'
        b'## Tasks\r\n'
    ),
    'Headings Person.md': (
        b'---\n'
        b'type: person\n'
        b'email: headings@x.example\n'
        b'---\n'
        b'# Headings\n'
        b'## 2026-08-01 Meetup\n'
        b'Notes.\n'
        b'- 2026-10-02 Hello headings #outreach\n'
        b'- 2026-10-03 Hello headings #reply\n'
        b'- 2026-10-09 News from headings #received\n'
        b'- 2026-10-05 Weekly #met\n'
        b'- 2026-10-12 Weekly #met\n'
        b'- 2026-10-19 Weekly #met\n'
        b'- 2026-10-26 Weekly #met\n'
    ),
    'Log Person.md': (
        b'---\n'
        b'type: person\n'
        b'email: log@x.example\n'
        b'---\n'
        b'# Log\n'
        b'\n'
        b'## Log\n'
        b'- 2026-08-01 Coffee #met\n'
        b'- 2026-10-02 Hello log #outreach\n'
        b'- 2026-10-03 Hello log #reply\n'
        b'- 2026-10-09 News from log #received\n'
        b'- 2026-10-05 Weekly #met\n'
        b'- 2026-10-12 Weekly #met\n'
        b'- 2026-10-19 Weekly #met\n'
        b'- 2026-10-26 Weekly #met\n'
        b'\n'
        b'## Tasks\n'
        b'- [ ] Send the deck\n'
    ),
    'Nofinal Person.md': (
        b'---\n'
        b'type: person\n'
        b'email: nofinal@x.example\n'
        b'---\n'
        b'# No final\n'
        b'## Log\n'
        b'- 2026-08-01 Coffee\n'
        b'- 2026-10-02 Hello nofinal #outreach\n'
        b'- 2026-10-03 Hello nofinal #reply\n'
        b'- 2026-10-09 News from nofinal #received\n'
        b'- 2026-10-05 Weekly #met\n'
        b'- 2026-10-12 Weekly #met\n'
        b'- 2026-10-19 Weekly #met\n'
        b'- 2026-10-26 Weekly #met'
    ),
    'Nofinalnolog Person.md': (
        b'---\r\n'
        b'type: person\r\n'
        b'email: nofinalnolog@x.example\r\n'
        b'---\r\n'
        b'# Nothing\r\n'
        b'Notes.\r\n'
        b'\r\n'
        b'## Log\r\n'
        b'- 2026-10-02 Hello nofinalnolog #outreach\r\n'
        b'- 2026-10-03 Hello nofinalnolog #reply\r\n'
        b'- 2026-10-09 News from nofinalnolog #received\r\n'
        b'- 2026-10-05 Weekly #met\r\n'
        b'- 2026-10-12 Weekly #met\r\n'
        b'- 2026-10-19 Weekly #met\r\n'
        b'- 2026-10-26 Weekly #met'
    ),
    'Nolog Person.md': (
        b'---\n'
        b'type: person\n'
        b'email: nolog@x.example\n'
        b'---\n'
        b'# No log\n'
        b'Just notes.\n'
        b'\n'
        b'## Log\n'
        b'- 2026-10-02 Hello nolog #outreach\n'
        b'- 2026-10-03 Hello nolog #reply\n'
        b'- 2026-10-09 News from nolog #received\n'
        b'- 2026-10-05 Weekly #met\n'
        b'- 2026-10-12 Weekly #met\n'
        b'- 2026-10-19 Weekly #met\n'
        b'- 2026-10-26 Weekly #met\n'
        b'- 2026-11-20 Lunch #met\n'
    ),
    'Numbered Person.md': (
        b'---\n'
        b'type: person\n'
        b'email: numbered@x.example\n'
        b'---\n'
        b'# Numbered\n'
        b'## Log\n'
        b'1. 2026-08-01 Talk 1\n'
        b'2. 2026-08-02 Talk 2\n'
        b'3. 2026-08-03 Talk 3\n'
        b'4. 2026-08-04 Talk 4\n'
        b'5. 2026-08-05 Talk 5\n'
        b'6. 2026-08-06 Talk 6\n'
        b'7. 2026-08-07 Talk 7\n'
        b'8. 2026-08-08 Talk 8\n'
        b'9. 2026-10-02 Hello numbered #outreach\n'
        b'10. 2026-10-03 Hello numbered #reply\n'
        b'11. 2026-10-09 News from numbered #received\n'
        b'12. 2026-08-20 Numbered sync #met\n'
        b'13. 2026-08-27 Numbered sync #met\n'
        b'14. 2026-09-03 Numbered sync #met\n'
        b'15. 2026-09-10 Numbered sync #met\n'
        b'16. 2026-09-17 Numbered sync #met\n'
        b'17. 2026-09-24 Numbered sync #met\n'
        b'18. 2026-10-01 Numbered sync #met\n'
        b'19. 2026-10-05 Weekly #met\n'
        b'20. 2026-10-08 Numbered sync #met\n'
        b'21. 2026-10-12 Weekly #met\n'
        b'22. 2026-10-15 Numbered sync #met\n'
        b'23. 2026-10-19 Weekly #met\n'
        b'24. 2026-10-22 Numbered sync #met\n'
        b'25. 2026-10-26 Weekly #met\n'
        b'26. 2026-10-29 Numbered sync #met\n'
        b'27. 2026-11-05 Numbered sync #met\n'
    ),
    'Star Person.md': (
        b'---\n'
        b'type: person\n'
        b'email: star@x.example\n'
        b'---\n'
        b'# Star\n'
        b'## Log\n'
        b'* 2026-08-01 Coffee\n'
        b'* 2026-08-02 Call #call\n'
        b'* 2026-10-02 Hello star #outreach\n'
        b'* 2026-10-03 Hello star #reply\n'
        b'* 2026-10-09 News from star #received\n'
        b'* 2026-10-05 Weekly #met\n'
        b'* 2026-10-12 Weekly #met\n'
        b'* 2026-10-19 Weekly #met\n'
        b'* 2026-10-26 Weekly #met\n'
        b'* 2026-11-20 Lunch #met\n'
        b'\n'
        b'After.\n'
    ),
    'Sublist Person.md': (
        b'---\n'
        b'type: person\n'
        b'email: sublist@x.example\n'
        b'---\n'
        b'# Sub\n'
        b'## Meetings\n'
        b'- Acme\n'
        b'  - 2026-08-01 Lunch\n'
        b'  - 2026-10-02 Hello sublist #outreach\n'
        b'  - 2026-10-03 Hello sublist #reply\n'
        b'  - 2026-10-09 News from sublist #received\n'
        b'  - 2026-10-05 Weekly #met\n'
        b'  - 2026-10-12 Weekly #met\n'
        b'  - 2026-10-19 Weekly #met\n'
        b'  - 2026-10-26 Weekly #met\n'
        b'\n'
        b'## Other\n'
        b'x\n'
    ),
    'Wide Person.md': (
        b'---\n'
        b'type: person\n'
        b'email: wide@x.example\n'
        b'---\n'
        b'# Wide\n'
        b'## Log\n'
        b'-    2026-08-01 Wide item\n'
        b'- 2026-10-02 Hello wide #outreach\n'
        b'\n'
        b'   indented\n'
        b'- 2026-10-03 Hello wide #reply\n'
        b'- 2026-10-09 News from wide #received\n'
        b'- 2026-10-05 Weekly #met\n'
        b'- 2026-10-12 Weekly #met\n'
        b'- 2026-10-19 Weekly #met\n'
        b'- 2026-10-26 Weekly #met\n'
    ),
}
EXPECTED_OUTPUTS = [  # mail --dry-run, mail, calendar --dry-run, calendar
    (
        '<tmp>/mail.mbox: 39 messages read\n'
        'Bom Person (People/Bom Person.md)\n'
        '  - 2026-10-02 Hello bom #outreach\n'
        '  - 2026-10-03 Hello bom #reply\n'
        '  - 2026-10-09 News from bom #received\n'
        'Callout Person (People/Callout Person.md)\n'
        '  - 2026-10-02 Hello callout #outreach\n'
        '  - 2026-10-03 Hello callout #reply\n'
        '  - 2026-10-09 News from callout #received\n'
        'Comment Person (People/Comment Person.md)\n'
        '  - 2026-10-02 Hello comment #outreach\n'
        '  - 2026-10-03 Hello comment #reply\n'
        '  - 2026-10-09 News from comment #received\n'
        'Crlf Person (People/Crlf Person.md)\n'
        '  - 2026-10-02 Hello crlf #outreach\n'
        '  - 2026-10-03 Hello crlf #reply\n'
        '  - 2026-10-09 News from crlf #received\n'
        'Headings Person (People/Headings Person.md)\n'
        '  - 2026-10-02 Hello headings #outreach\n'
        '  - 2026-10-03 Hello headings #reply\n'
        '  - 2026-10-09 News from headings #received\n'
        'Log Person (People/Log Person.md)\n'
        '  - 2026-10-02 Hello log #outreach\n'
        '  - 2026-10-03 Hello log #reply\n'
        '  - 2026-10-09 News from log #received\n'
        'Nofinal Person (People/Nofinal Person.md)\n'
        '  - 2026-10-02 Hello nofinal #outreach\n'
        '  - 2026-10-03 Hello nofinal #reply\n'
        '  - 2026-10-09 News from nofinal #received\n'
        'Nofinalnolog Person (People/Nofinalnolog Person.md)\n'
        '  - 2026-10-02 Hello nofinalnolog #outreach\n'
        '  - 2026-10-03 Hello nofinalnolog #reply\n'
        '  - 2026-10-09 News from nofinalnolog #received\n'
        '  in a new `## Log` section at the end of the note, which had no Log section (a '
        'heading titled Log, Logs or Interactions) and no dated entry\n'
        'Nolog Person (People/Nolog Person.md)\n'
        '  - 2026-10-02 Hello nolog #outreach\n'
        '  - 2026-10-03 Hello nolog #reply\n'
        '  - 2026-10-09 News from nolog #received\n'
        '  in a new `## Log` section at the end of the note, which had no Log section (a '
        'heading titled Log, Logs or Interactions) and no dated entry\n'
        'Numbered Person (People/Numbered Person.md)\n'
        '  - 2026-10-02 Hello numbered #outreach\n'
        '  - 2026-10-03 Hello numbered #reply\n'
        '  - 2026-10-09 News from numbered #received\n'
        'Star Person (People/Star Person.md)\n'
        '  - 2026-10-02 Hello star #outreach\n'
        '  - 2026-10-03 Hello star #reply\n'
        '  - 2026-10-09 News from star #received\n'
        'Sublist Person (People/Sublist Person.md)\n'
        '  - 2026-10-02 Hello sublist #outreach\n'
        '  - 2026-10-03 Hello sublist #reply\n'
        '  - 2026-10-09 News from sublist #received\n'
        'Wide Person (People/Wide Person.md)\n'
        '  - 2026-10-02 Hello wide #outreach\n'
        '  - 2026-10-03 Hello wide #reply\n'
        '  - 2026-10-09 News from wide #received\n'
        'Would add 39 lines to 13 notes; 0 already in the notes.\n'
    ),
    (
        '<tmp>/mail.mbox: 39 messages read\n'
        'Bom Person (People/Bom Person.md)\n'
        '  - 2026-10-02 Hello bom #outreach\n'
        '  - 2026-10-03 Hello bom #reply\n'
        '  - 2026-10-09 News from bom #received\n'
        'Callout Person (People/Callout Person.md)\n'
        '  - 2026-10-02 Hello callout #outreach\n'
        '  - 2026-10-03 Hello callout #reply\n'
        '  - 2026-10-09 News from callout #received\n'
        'Comment Person (People/Comment Person.md)\n'
        '  - 2026-10-02 Hello comment #outreach\n'
        '  - 2026-10-03 Hello comment #reply\n'
        '  - 2026-10-09 News from comment #received\n'
        'Crlf Person (People/Crlf Person.md)\n'
        '  - 2026-10-02 Hello crlf #outreach\n'
        '  - 2026-10-03 Hello crlf #reply\n'
        '  - 2026-10-09 News from crlf #received\n'
        'Headings Person (People/Headings Person.md)\n'
        '  - 2026-10-02 Hello headings #outreach\n'
        '  - 2026-10-03 Hello headings #reply\n'
        '  - 2026-10-09 News from headings #received\n'
        'Log Person (People/Log Person.md)\n'
        '  - 2026-10-02 Hello log #outreach\n'
        '  - 2026-10-03 Hello log #reply\n'
        '  - 2026-10-09 News from log #received\n'
        'Nofinal Person (People/Nofinal Person.md)\n'
        '  - 2026-10-02 Hello nofinal #outreach\n'
        '  - 2026-10-03 Hello nofinal #reply\n'
        '  - 2026-10-09 News from nofinal #received\n'
        'Nofinalnolog Person (People/Nofinalnolog Person.md)\n'
        '  - 2026-10-02 Hello nofinalnolog #outreach\n'
        '  - 2026-10-03 Hello nofinalnolog #reply\n'
        '  - 2026-10-09 News from nofinalnolog #received\n'
        '  in a new `## Log` section at the end of the note, which had no Log section (a '
        'heading titled Log, Logs or Interactions) and no dated entry\n'
        'Nolog Person (People/Nolog Person.md)\n'
        '  - 2026-10-02 Hello nolog #outreach\n'
        '  - 2026-10-03 Hello nolog #reply\n'
        '  - 2026-10-09 News from nolog #received\n'
        '  in a new `## Log` section at the end of the note, which had no Log section (a '
        'heading titled Log, Logs or Interactions) and no dated entry\n'
        'Numbered Person (People/Numbered Person.md)\n'
        '  - 2026-10-02 Hello numbered #outreach\n'
        '  - 2026-10-03 Hello numbered #reply\n'
        '  - 2026-10-09 News from numbered #received\n'
        'Star Person (People/Star Person.md)\n'
        '  - 2026-10-02 Hello star #outreach\n'
        '  - 2026-10-03 Hello star #reply\n'
        '  - 2026-10-09 News from star #received\n'
        'Sublist Person (People/Sublist Person.md)\n'
        '  - 2026-10-02 Hello sublist #outreach\n'
        '  - 2026-10-03 Hello sublist #reply\n'
        '  - 2026-10-09 News from sublist #received\n'
        'Wide Person (People/Wide Person.md)\n'
        '  - 2026-10-02 Hello wide #outreach\n'
        '  - 2026-10-03 Hello wide #reply\n'
        '  - 2026-10-09 News from wide #received\n'
        'Added 39 lines to 13 notes; 0 already in the notes.\n'
    ),
    (
        '<tmp>/calendar.ics: 3 events read\n'
        'Bom Person (People/Bom Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Callout Person (People/Callout Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Comment Person (People/Comment Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Crlf Person (People/Crlf Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Headings Person (People/Headings Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Log Person (People/Log Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Nofinal Person (People/Nofinal Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Nofinalnolog Person (People/Nofinalnolog Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Nolog Person (People/Nolog Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        '  - 2026-11-20 Lunch #met\n'
        'Numbered Person (People/Numbered Person.md)\n'
        '  - 2026-08-20 Numbered sync #met\n'
        '  - 2026-08-27 Numbered sync #met\n'
        '  - 2026-09-03 Numbered sync #met\n'
        '  - 2026-09-10 Numbered sync #met\n'
        '  - 2026-09-17 Numbered sync #met\n'
        '  - 2026-09-24 Numbered sync #met\n'
        '  - 2026-10-01 Numbered sync #met\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-08 Numbered sync #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-15 Numbered sync #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-22 Numbered sync #met\n'
        '  - 2026-10-26 Weekly #met\n'
        '  - 2026-10-29 Numbered sync #met\n'
        '  - 2026-11-05 Numbered sync #met\n'
        'Star Person (People/Star Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        '  - 2026-11-20 Lunch #met\n'
        'Sublist Person (People/Sublist Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Wide Person (People/Wide Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Would add 66 lines to 13 notes; 0 already in the notes.\n'
    ),
    (
        '<tmp>/calendar.ics: 3 events read\n'
        'Bom Person (People/Bom Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Callout Person (People/Callout Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Comment Person (People/Comment Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Crlf Person (People/Crlf Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Headings Person (People/Headings Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Log Person (People/Log Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Nofinal Person (People/Nofinal Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Nofinalnolog Person (People/Nofinalnolog Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Nolog Person (People/Nolog Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        '  - 2026-11-20 Lunch #met\n'
        'Numbered Person (People/Numbered Person.md)\n'
        '  - 2026-08-20 Numbered sync #met\n'
        '  - 2026-08-27 Numbered sync #met\n'
        '  - 2026-09-03 Numbered sync #met\n'
        '  - 2026-09-10 Numbered sync #met\n'
        '  - 2026-09-17 Numbered sync #met\n'
        '  - 2026-09-24 Numbered sync #met\n'
        '  - 2026-10-01 Numbered sync #met\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-08 Numbered sync #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-15 Numbered sync #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-22 Numbered sync #met\n'
        '  - 2026-10-26 Weekly #met\n'
        '  - 2026-10-29 Numbered sync #met\n'
        '  - 2026-11-05 Numbered sync #met\n'
        'Star Person (People/Star Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        '  - 2026-11-20 Lunch #met\n'
        'Sublist Person (People/Sublist Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Wide Person (People/Wide Person.md)\n'
        '  - 2026-10-05 Weekly #met\n'
        '  - 2026-10-12 Weekly #met\n'
        '  - 2026-10-19 Weekly #met\n'
        '  - 2026-10-26 Weekly #met\n'
        'Added 66 lines to 13 notes; 0 already in the notes.\n'
    ),
]
