"""A comment never closed hides the rest of the note, as Obsidian shows it.

Obsidian hides what is between `%%` and the next `%%`, and between `<!--` and the next `-->`;
one never closed hides everything after it, to the end of the note, as a code block never closed
does. What is hidden is not read (no interaction, promise or link), `vaultnet log` never writes
a line there, and it never writes a line that would open such a comment itself.
"""

from __future__ import annotations

import json

import pytest
from conftest import TODAY, person

from vaultnet.parse.note import parse_note

U = "People/U.md"
LOG = "## Log\n- 2026-10-01 Before #met\n"
HIDDEN = "- 2026-11-02 x #met\n- [ ] task 📅 2026-11-26\n- 2026-11-03 Lunch with [[Bob]]\n"


@pytest.mark.parametrize("opener", [
    "%% start\n", "%%\n", "<!-- start\n", "<!--\n", "   %%\n",
    "Sale, 50%% off\n",  # anywhere on a line, as Obsidian reads it
    "%% one %% and %% two\n",  # a closed comment, then one never closed
    "<!-- one --> <!-- two\n",
    "%%\nclosed\n%%\n%% again\n",
])
def test_an_unclosed_comment_hides_the_rest_of_the_note(opener):
    note = parse_note(U, person("U", LOG + opener + HIDDEN))
    assert [e.text for e in note.entries] == ["Before #met"]
    assert (note.tasks, note.links) == ((), ())


def test_an_unclosed_comment_hides_the_rest_of_its_own_line():
    note = parse_note(U, person("U", "## Log\n- 2026-11-01 Call %% ask about [[Bob]]\n"
                                     "- 2026-11-02 Coffee <!-- x\n"))
    assert [e.text for e in note.entries] == ["Call"]
    assert note.links == ()


def test_what_is_no_comment_still_hides_nothing_and_what_is_unclosed_hides_the_rest():
    """Marks in code spans, code blocks and a fence's info string, closed comments on one line
    or many, `<!-->`: the lines after them are read; then a comment never closed hides the rest."""
    body = ("## Log\n- 2026-11-01 Showed `%%` to [[Bob]]\n- 2026-11-02 Fixed `<!--` %% a %%\n"
            "```\n%%\n<!--\n```\n~~~ %% an info string <!--\n%%\n~~~\n"
            "- 2026-11-03 Call <!-- b --> <!--> <!--->\n"
            "%%\n- 2026-11-04 hidden\n%%\n- 2026-11-05 Lunch\n"
            "%% never closed\n- 2026-11-06 hidden\n```\n- 2026-11-07 hidden\n")
    note = parse_note(U, person("U", body))
    assert [e.day.day for e in note.entries] == [1, 2, 3, 5]
    assert [link.target for link in note.links] == ["Bob"]


def test_a_comment_marker_in_an_unclosed_code_block_opens_nothing():
    note = parse_note(U, person("U", "## Log\n- 2026-11-01 One\n~~~\n%% <!--\n"))
    assert [e.day.day for e in note.entries] == [1]
    # and one that opens before the code block hides it and the rest, too
    note = parse_note(U, person("U", "## Log\n- 2026-11-01 One\n%%\n```\n%%\n```\n- 2026-11-02 x\n"))
    assert [e.day.day for e in note.entries] == [1]


def test_brief_does_not_count_what_an_unclosed_comment_hides(make_vault, run):
    vault = make_vault({U: person("U", "## Log\n- 2026-10-01 Before #met\n%% start\n" + HIDDEN)})
    result = run("brief", "U", "--json", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    brief = json.loads(result.output)
    assert [i["date"] for i in brief["last_interactions"]] == ["2026-10-01"]
    assert brief["promises"]["yours"] == []


@pytest.mark.parametrize("body, what", [
    ("## Log\n- 2026-10-01 Before #met\n%% start\n- 2026-11-02 x #met\n", "%%"),
    ("## Log\n- 2026-10-01 Before #met\n<!-- start\n- 2026-11-02 x #met\n", "<!--"),
    ("## Log\n- 2026-10-01 Before #met %% and so on\n", "%%"),
    ("%% the log is hidden too\n## Log\n- 2026-10-01 Before #met\n", "%%"),  # a new Log at the end
    ("<!--\n", "<!--"),  # no Log heading: the one made at the end would be hidden
])
def test_log_refuses_to_write_where_an_unclosed_comment_hides_the_line(make_vault, run, body,
                                                                       what):
    text = person("U", body)
    vault = make_vault({U: text})
    result = run("log", "U", "new", "--met", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    assert U in result.output and "nothing was written" in result.output
    assert f"`{what}`" in result.output and "never closed" in result.output
    assert (vault / U).read_text(encoding="utf-8") == text


def test_log_still_writes_before_an_unclosed_comment_later_in_the_note(make_vault, run):
    """The Log section ends before the comment opens: its end is still shown, so the line goes
    there; the note's comment, and all it hides, stays."""
    text = person("U", "## Log\n- 2026-10-01 Before #met\n\n## Notes\n%% draft\n- 2026-11-02 x\n")
    vault = make_vault({U: text})
    result = run("log", "U", "new", "--met", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (vault / U).read_text(encoding="utf-8") == text.replace(
        "Before #met\n", "Before #met\n- 2026-11-25 new #met\n")
    brief = json.loads(run("brief", "U", "--json", "--vault", vault, "--today", TODAY).output)
    assert [i["date"] for i in brief["last_interactions"]] == ["2026-11-25", "2026-10-01"]


JANE = "People/Jane.md"
JANE_TEXT = "---\ntype: person\n---\n# Jane\n\n## Log\n- 2026-10-01 Before #met\n"


@pytest.mark.parametrize("opened, closed", [
    ("%% x", "%% x %% y"),
    ("<!-- x", "<!-- x --> y"),
    ("a %% b", "a %%b%% c"),
    ("50%% off", "50% off"),
    ("%%%", "%%%%"),
    ("a <!-- b --> c %%", "a <!-- b --> c -->"),
    ("`%%` then %%", "`%%` then `<!--`"),
])
def test_log_refuses_text_that_would_open_a_comment(make_vault, run, opened, closed):
    """Text that opens a comment it does not close is refused, as text that is not one line is;
    the same text with the comment closed on its line (or with no comment) is written, and the
    line logged after it is read."""
    vault = make_vault({JANE: JANE_TEXT})
    result = run("log", "Jane", opened, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    assert "the text to log" in result.output and "never closed" in result.output
    assert (vault / JANE).read_text(encoding="utf-8") == JANE_TEXT
    result = run("log", "Jane", closed, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (vault / JANE).read_text(encoding="utf-8") == JANE_TEXT + f"- 2026-11-25 {closed}\n"
    assert run("log", "Jane", "after", "--vault", vault, "--today", TODAY).exit_code == 0
    note = parse_note(JANE, (vault / JANE).read_text(encoding="utf-8"))
    assert [e.day.isoformat() for e in note.entries] == ["2026-10-01", "2026-11-25", "2026-11-25"]
    assert note.entries[-1].text == "after"


@pytest.mark.parametrize(("opener", "mark", "close"), [
    ("Sale, 50%% off\n", "%%", "%%"), ("<!-- a note to self\n", "<!--", "-->")])
def test_check_names_the_line_of_a_comment_never_closed(make_vault, run, opener, mark, close):
    """What an unclosed comment hides is not read: `check` says where it opens, so that the
    lines after it are not gone without a word. A closed one, or one in a note that is no
    person's nor a day's, is no problem."""
    vault = make_vault({U: person("U", LOG + opener + HIDDEN),
                        "People/Closed.md": person("Closed", LOG + "%% a %%\n<!-- b -->\n"),
                        "Notes/Draft.md": "Ideas %% to sort\n"})
    problems = json.loads(run("check", "--vault", vault, "--today", TODAY, "--json").output)
    assert [(p["path"], p["line"], p["message"], p["hint"]) for p in problems] == [
        (U, 7, f"opens a comment (`{mark}`) that is never closed: Obsidian hides everything "
               "after it, and vaultnet reads nothing after it either",
         f"close it with `{close}`, or remove the `{mark}`")]
