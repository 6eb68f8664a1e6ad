"""Where `vaultnet log` (and `import mail`/`calendar`) put the new line in a note.

The Log section is a heading whose title is `Log`, `Logs` or `Interactions` once emoji, symbols
and markup are set aside, found as CommonMark finds headings. The line goes right after the last
dated entry it holds, in its list (what follows that entry in the section stays after the line);
a Log section with no entry gets the line at its end. A note without one keeps its log where its
dated entries are: the line goes right after the last of them. Only a note with neither gets a
`## Log` at its end.

A callout whose title is one of those words (`> [!note] Log`) is a Log section too. An entry
inside a quote or callout gets the new line inside it, after what is the entry's there, with the
quote marks of the line it follows: a line without them between quoted lines ends the callout.

Each case is a note in which the line holding `@@` is the one the command adds (`@@` stands for
the entry it writes, `- 2026-11-25 Coffee #met`); the note before is the case without that line.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from conftest import TODAY, benchmark_script
from markdown_it import MarkdownIt

import vaultnet.edits.log_entry as log_entry

ANN = "People/Ann.md"
FRONT = "---\ntype: person\n---\n"
NEW = "- 2026-11-25 Coffee #met"


def encoded(text: str, eol: str = "\n", bom: str = "", final: bool = True) -> bytes:
    text = text.replace("\n", eol)
    return (bom + (text if final else text.removesuffix(eol))).encode()


def assert_logged(make_vault, run, case: str, eol: str = "\n", bom: str = "",
                  final: bool = True) -> None:
    """`vaultnet log` adds the `@@` line to the case's note, and every other byte stays."""
    kept = "\n".join(line for line in case.split("\n") if "@@" not in line)
    vault = make_vault({ANN: encoded(FRONT + kept, eol, bom, final)})
    result = run("log", "Ann", "Coffee", "--met", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    want = FRONT + case.replace("@@", NEW)
    assert (vault / ANN).read_bytes() == encoded(want, eol, bom, final)
    number = next(i for i, line in enumerate(want.split("\n"), start=1) if NEW in line)
    written = want.split("\n")[number - 1].expandtabs(4)  # (with its marker and quote marks)
    assert result.output == f"{ANN}:{number}: {written}\n"


# -- a log of headings at the Log heading's own level ----------------------------------------------

@pytest.mark.parametrize("case", [
    # the dated headings end `## Log` at once: they are its entries all the same
    "## Log\n\n## 2026-10-01 Coffee\nbody one\n\n## 2026-10-05 Call\nbody two\n@@\n\n## Notes\nmine\n",
    "## Log\n## 2026-10-01 Coffee\n## 2026-10-05 Call\n@@\n",
    "### Log\n\n## 2026-10-01 Coffee\nbody\n@@\n\n## Notes\n",  # (above the Log's level)
    # a heading that is no entry ends the run
    "## Log\n\n## 2026-10-01 Coffee\nbody\n@@\n\n## Ideas\n## 2026-10-09 not the log\n",
    # an entry inside the Log section is the log, as ever
    "## Log\n- 2026-09-01 Tea\n@@\n\n## 2026-10-01 Coffee\n",
])
def test_dated_headings_that_end_the_log_heading_at_once_are_its_entries(make_vault, run, case):
    """`## Log` followed at once by `## 2026-10-01 …` headings (PRODUCT.md: headings that start
    with a date are log entries): the user's log is those headings, and the new line goes after
    the last of them, not above them under the empty `## Log`."""
    assert_logged(make_vault, run, case)


# -- which heading is the Log section -------------------------------------------------------------

@pytest.mark.parametrize("heading", [
    "## Log 📝", "## 📝 Log", "## **Log**", "## Log ✍️:", "## ==Log== 🗒️", "## _Logs_",
    "### Logs 📝", "Log 📝\n---", "## LOG — 📝", "## [[Log]] 👩‍💻",
])
def test_a_heading_that_is_log_once_emoji_and_markup_are_set_aside_is_the_log(make_vault, run,
                                                                              heading):
    """The line goes under it, though a dated line elsewhere comes later: the Log section wins."""
    assert_logged(make_vault, run, f"# Ann\n\n{heading}\n- 2026-10-01 Lunch #met\n@@\n\n"
                                   "## Reading\n- 2026-11-01 Finished her book\n")


@pytest.mark.parametrize("heading", [
    "## Logistics", "## Log of books read", "## Reading log", "## Blog", "## Log 2025",
    "## 📝 Log book", "## Catalog", "## Logbook", "## History", "## Timeline",
])
def test_a_heading_with_another_word_is_not_the_log(make_vault, run, heading):
    """Such a section is kept for something else: the line goes after the note's entries."""
    assert_logged(make_vault, run, f"# Ann\n\n{heading}\nParking at the back.\n\n"
                                   "## Meetings\n- 2026-10-01 Lunch #met\n@@\n\n## Tasks\n")


def test_names_the_log_reads_the_words_of_a_title():
    for title in ("Log", "log:", "Logs", "Log 📝", "📝 Log", "**Log**", "Log 👩‍💻", " ~~LOG~~ ",
                  "Interactions", "🤝 **Interactions**:"):
        assert log_entry.names_the_log(title), title
    for title in ("Logistics", "Log of books read", "Reading log", "Log 2026", "Logbook", "Log_book",
                  "", "📝", "Lóg", "Lo\u0301g", "History", "Timeline", "Interactions with Bo"):
        assert not log_entry.names_the_log(title), title


@pytest.mark.parametrize("case", [
    # A template's empty section: the line goes there, not into a `## Log` made at the end.
    "# Ann\n\n## Interactions\n@@\n\n## Tasks\n- [ ] Send the deck 📅 2026-12-01\n",
    # With emoji or markup, or underlined, as `Log` is: its entries win over a later dated line.
    "## 🤝 **Interactions**:\n- 2026-10-01 Lunch\n@@\n\n## Reading\n- 2026-11-01 Finished her book\n",
    "Interactions\n---\n- 2026-10-01 Lunch\n@@\n\n## Reading\n- 2026-11-01 Finished her book\n",
    # Of two Log sections, the one that holds entries: a template's empty one stays empty.
    "## Interactions\n- 2026-10-01 Lunch\n@@\n\n## Log\n",
    "## Interactions\n\n## Log\n- 2026-10-01 Lunch\n@@\n",
], ids=["empty", "with emoji and markup", "underlined", "holds the entries, not Log",
        "Log holds the entries"])
def test_interactions_is_the_log_too(make_vault, run, case):
    assert_logged(make_vault, run, case)


# -- a Log section with entries: right after the last of them -------------------------------------

@pytest.mark.parametrize("case", [
    "## Log\n- 2026-10-01 Lunch\n@@\n\n### Notes about her\nShe likes tea.\n",
    "## Log\n- 2026-10-01 Lunch\n@@\n\n---\nFooter\n",
    "## Log\n<details>\n<summary>Older</summary>\n\n- 2026-10-01 Lunch\n@@\n\n</details>\n",
    # The entry's own paragraph stays with it; the `---` under it, at column 0, is a rule.
    "## Log\n- 2026-10-01 Lunch\n\n  She mentioned the grant.\n@@\n---\nFooter\n",
    # In the sub-list of its last entry, as without a Log section.
    "## Log\n- 2025\n  - 2025-12-01 Lunch\n- 2026\n  - 2026-10-01 Call\n  @@\n\nShe is great.\n",
    # A code block never closed after the entries hides nothing of the log.
    "## Log\n- 2026-10-01 Lunch\n@@\n```\ncode\n",
], ids=["then a subsection", "then a rule and a footer", "in an HTML block", "then a rule",
        "in a sub-list", "then a code block never closed"])
def test_in_a_log_section_the_line_goes_right_after_its_last_entry(make_vault, run, case):
    """What the section holds after it (a subsection, a footer, a closing tag) stays after it."""
    assert_logged(make_vault, run, case)


@pytest.mark.parametrize("case", [
    # A Log section a year: the line goes into this year's, the note's last (it went into 2025's).
    "## 2025\n### Log\n- 2025-03-01 Coffee #met\n\n## 2026\n### Log\n- 2026-10-01 Call\n@@\n",
    # The log, then an archive of older lines below it: the log's, the note's first.
    "## Log\n- 2026-10-01 Call\n@@\n\n## Log (2024)\n- 2024-05-01 Lunch\n",
    # A Log callout of this year above an older Log section.
    "> [!note] Log\n> - 2026-10-01 Call\n> @@\n\n## Log\n- 2025-01-01 Lunch\n",
    # Of two that hold the same latest day, the first.
    "## Log\n- 2026-10-01 Call\n@@\n\n## Log\n- 2026-10-01 Lunch\n",
], ids=["a year's each", "an archive below", "a callout above", "the same day"])
def test_of_several_log_sections_the_line_goes_into_the_one_with_the_latest_day(make_vault, run,
                                                                              case):
    assert_logged(make_vault, run, case)


# -- headings as CommonMark and Obsidian read them ------------------------------------------------

@pytest.mark.parametrize("case", [
    # Indented one to three spaces, a heading is one: it ends the Log section, or is the Log.
    "## Log\n@@\n\n ## Tasks\n- [ ] t\n",
    "## Log\n@@\n\n   ## Tasks\n- [ ] t\n",
    "# Ann\n ## Log\n- 2026-10-01 Lunch\n@@\n\n## Later\n- 2026-11-01 Call\n",
    # `##` alone is an empty heading, which ends a section too.
    "## Log\n@@\n\n##\n- [ ] t\n",
], ids=["indented one space", "indented three", "the Log indented", "empty"])
def test_a_heading_is_read_as_commonmark_reads_it(make_vault, run, case):
    assert_logged(make_vault, run, case)


@pytest.mark.parametrize("case", [
    # A paragraph in a list item with `---` under it at column 0: a rule, no heading.
    "## Log\n- Met at the fair\n\n  She mentioned the grant.\n---\n- 2026-10-01 Lunch\n@@\n",
    "## Log\n- Met at the fair\n\n  She mentioned the grant.\n---\nFooter\n@@\n",
    "## 2026-10-01 Meetup\n- Bob\n\n  Kind.\n---\nMore.\n@@\n",
    # Indented to a list item's text, a heading is the item's own and ends no section; indented
    # four spaces or a tab, it is code.
    "## Log\n- 2026-10-01 Lunch\n  ## Her talk\n  Slides online.\n- 2026-10-05 Call\n@@\n",
    "## Log\n    ## Tasks\n\t## Tasks\n@@\n",
], ids=["entries after the rule", "no entry", "a heading entry's section", "in a list item",
        "indented code"])
def test_what_only_looks_like_a_heading_ends_no_section(make_vault, run, case):
    assert_logged(make_vault, run, case)


# -- no Log section: right after the last entry ---------------------------------------------------

@pytest.mark.parametrize("case", [
    # The review's note: entries under another heading, then `## Tasks`.
    "# Bo\n\n## Meetings\n- 2026-10-01 Lunch #met\n- 2026-10-15 Call #call\n@@\n\n"
    "## Tasks\n- [ ] Send the deck 📅 2026-12-01\n",
    # A paragraph after the list, after a blank line: the list ended.
    "## Meetings\n- 2026-10-01 Lunch\n- 2026-10-15 Call\n@@\n\nShe is great.\n",
    # A paragraph's line that runs on from the last item is the item's own: the line goes after.
    "## Meetings\n- 2026-10-01 Lunch\n- 2026-10-15 Call, and\nshe is great.\n@@\n\n## Tasks\n",
    # What is nested in the last entry, or continues it indented, stays with it (code too).
    "- 2026-10-01 Lunch\n  - talked about grants\n\n  She is great.\n  ```\n  - 2026-12-01 x\n"
    "  ```\n@@\n\n## Tasks\n",
    # The last entry in a sub-list: the line goes in that sub-list, indented as it is.
    "## Projects\n- Acme\n  - 2026-10-01 Kickoff\n  - 2026-10-15 Review\n  @@\n- Other things\n",
    "## Projects\n1. Acme\n\t- 2026-10-01 Kickoff\n\t@@\n\n## Tasks\n",
    # Nested in another entry, it is part of that one: the line goes after it, in its list.
    "## Meetings\n- 2026-10-01 Conference\n  - 2026-10-02 Sent thanks\n    - and slides\n@@\n"
    "- Not dated\n",
    # Dated lines in code, or in a comment, are no entries.
    "## Meetings\n- 2026-10-01 Lunch\n@@\n\n```\n- 2026-12-01 In code\n```\n"
    "%% - 2026-12-02 Hidden %%\n<!--\n- 2026-12-03 Hidden\n-->\n\n## Tasks\n",
    # An entry that is a heading: the line goes at the end of its section.
    "# Ann\n## 2026-10-01 Meetup\nNotes.\n\n### Who was there\n- Bob\n@@\n\n## Tasks\n- [ ] x\n",
    "# Ann\n- 2026-09-01 Lunch\n\n## Meetings\n### 2026-10-01 Meetup\nNotes.\n@@\n## Notes\nKind.\n",
], ids=["then tasks", "then a paragraph", "then a running-on line", "nested in it", "in a sub-list",
        "in a tab-indented sub-list", "nested in an entry", "dated lines in code and comments",
        "a heading", "a deeper heading"])
def test_without_a_log_section_the_line_goes_right_after_the_last_entry(make_vault, run, case):
    assert_logged(make_vault, run, case)


# -- in a quote or callout ------------------------------------------------------------------------

@pytest.mark.parametrize("case", [
    # The review's note: the line goes into the callout, after its last entry, with its marks.
    "> [!note] Log\n> - 2026-10-01 Lunch #met\n> - 2026-11-20 Call #call\n> @@\n",
    # The marks as the entry's line writes them: no space, a quote in a quote, spaced, a tab.
    ">[!note] Log\n>- 2026-10-01 Lunch\n>@@\n",
    ">> [!note] Log\n>> - 2026-10-01 Lunch\n>> @@\n",
    "> [!note] Ann\n> > [!info] Log\n> > - 2026-10-01 Lunch\n> > @@\n>\n> She is great.\n",
    ">\t[!note] Log\n>\t- 2026-10-01 Lunch\n>\t@@\n",
    # In a sub-list of the quote: its indentation after the marks.
    "> [!note] Log\n> - Acme\n>   - 2026-10-01 Kickoff\n>   @@\n> - Other things\n",
    # What belongs to the entry in the quote stays with it: nested items, a paragraph, code.
    "> [!note] Log\n> - 2026-10-01 Lunch\n>   - talked about grants\n>\n>   She is great.\n"
    ">   ```\n>   - 2026-12-01 x\n>   ```\n> @@\n>\n> Later thoughts.\n",
    # Nested in another entry, it is part of that one, in the quote too.
    "> [!note] Log\n> - 2026-10-01 Conference\n>   - 2026-10-02 Sent thanks\n> @@\n> - Not dated\n",
    # Before a line without the marks, though it runs the entry's paragraph on: there the new
    # line is in the quote however the note is read (laziness is not every reader's).
    "> [!note] Log\n> - 2026-10-01 Lunch, and\n> @@\nshe is great.\n\nAfter.\n",
    # The same for a line with fewer marks.
    "> [!note] Ann\n> > [!info] Log\n> > - 2026-10-01 Lunch\n> > @@\n> She is great.\n",
    # An entry that is a heading in the quote: at the end of its section there.
    "> [!note] Log\n> ## 2026-10-01 Meetup\n> Notes.\n> ### Who was there\n> - Bob\n> @@\n>\n"
    "> ## Other\n> x\n",
    # Quoted code after the last entry is no entry, and stays after the line.
    "> [!note] Log\n> - 2026-10-01 Lunch\n> @@\n> ```\n> - 2026-12-01 In code\n> ```\n",
    # A Log callout is a Log section: its entries win over a later dated line elsewhere.
    "# Ann\n> [!note] Log\n> - 2026-10-01 Lunch\n> @@\n\n## Reading\n- 2026-11-01 Her book\n",
    # A Log section whose last entry is in a Log callout.
    "## Log\n- 2026-09-01 Call\n> [!quote] Log\n> - 2026-10-01 Lunch\n> @@\n\n## Notes\n",
    # Without a Log section, the note's last entry is in a Log callout.
    "## Meetings\n- 2026-09-01 Call\n\n> [!note] Log\n> - 2026-10-01 Lunch\n> @@\n\n## Tasks\n"
    "- [ ] x\n",
], ids=["the review's callout", "no space", "a quote in a quote", "a callout in a callout", "a tab",
        "in a sub-list", "after what is the entry's", "nested in an entry", "before a lazy line",
        "before fewer marks",
        "a heading", "then quoted code", "a Log callout wins", "in a Log section",
        "the note's last entry"])
def test_after_an_entry_in_a_quote_the_line_goes_in_the_quote_with_its_marks(make_vault, run,
                                                                            case):
    """Never outside the quote: a line without the marks between quoted lines ends a callout."""
    assert_logged(make_vault, run, case)


@pytest.mark.parametrize("case", [
    # An email pasted in as a quote: its dated lines are hers, not the note's log.
    "## Log\n- 2026-09-01 Met at conf #met\n- 2026-11-20 She emailed her plans #received\n@@\n\n"
    "> On Nov 20, Jane wrote:\n> - 2026-11-25 I'm away until then\n> - 2026-12-01 back\n",
    # A callout that is no Log callout, even under a Log heading: quoted text.
    "## Log\n- 2026-09-01 Call\n@@\n> [!quote] Her plan\n> - 2026-10-01 Lunch\n\n## Notes\n",
    "## Meetings\n- 2026-09-01 Call\n@@\n\n> - 2026-10-01 Lunch\n\n## Tasks\n- [ ] x\n",
], ids=["a quoted email", "a quote callout under Log", "a plain quote"])
def test_a_quote_that_is_no_log_callout_is_quoted_text(make_vault, run, case):
    """The line goes after the note's own entries, never into someone's quoted words."""
    assert_logged(make_vault, run, case)


# An email pasted into a Log callout's entry: a quote with more marks than the callout's.
EMAIL = (">   > [!quote] her email\n>   > - [ ] bring the slides 📅 2026-11-28\n"
         ">   > - 2026-12-04 lunch at noon?\n")


@pytest.mark.parametrize("case", [
    # The tester's note: the quote is the last thing in the entry's item, and in the callout.
    "> [!note] Log\n> - 2026-11-01 Call #call\n> - 2026-11-20 She emailed:\n" + EMAIL + "> @@\n",
    # A plain quote, ending on a line of text; then the callout's own text after the line.
    "> [!note] Log\n> - 2026-11-20 She wrote:\n>   > - 2026-12-04 lunch at noon?\n>   > See you\n"
    "> @@\n>\n> More later.\n",
    # Her quote in a Log callout that is itself in a callout: at the Log callout's marks.
    "> [!note] Ann\n> > [!note] Log\n> > - 2026-11-20 She emailed:\n> >   > - 2026-12-04 lunch\n"
    "> > @@\n>\n> She is great.\n",
    # A quote after the list, not in the last entry's item: the line stays in the entry's list,
    # before it, as after the last entry of a `## Log` heading followed by a quote.
    "> [!note] Log\n> - 2026-11-20 She emailed:\n> @@\n> > [!quote] her email\n"
    "> > - 2026-12-04 lunch at noon?\n",
    # A Log callout that holds her quote and no entry: at its end, after the quote.
    "> [!note] Log\n> > [!quote] her email\n> > - 2026-12-04 lunch at noon?\n> @@\n\nAfter.\n",
], ids=["the tester's", "a plain quote", "a callout in a callout", "after the list", "no entry"])
def test_a_quote_inside_a_log_callout_gets_no_line_and_the_line_is_the_callouts(make_vault, run,
                                                                               case):
    """Her words pasted into the log are not its entries: the line goes after the callout's own
    last entry (and what is that entry's), with the callout's marks, never the quote's; and
    CommonMark shows it as an item of the callout's list, not a line of her quote."""
    assert_logged(make_vault, run, case)
    depth, shown = 0, []
    for token in MarkdownIt("commonmark").parse(FRONT + case.replace("@@", NEW)):
        depth += {"blockquote_open": 1, "blockquote_close": -1}.get(token.type, 0)
        if token.type == "inline" and "Coffee" in token.content:
            shown.append((depth, token.content))
    assert shown == [(case.split("@@")[0].split("\n")[-1].count(">"), NEW.removeprefix("- "))]


@pytest.mark.parametrize("case", [
    # A template's empty Log callout: the line goes at its end, with the marks of its first line.
    "# Ann\n\n> [!note] Log\n> @@\n\n## Tasks\n- [ ] Send the deck\n",
    "> [!info]- Interactions 🤝\n> @@\n>\n",
    "> [!note] Log\n> Nothing yet.\n> @@\n\nShe is great.\n",
    ">[!log]\n>@@\n",  # no title: Obsidian shows its type, `Log`
    "> [!note] Ann\n>> [!note] Log\n>> @@\n>\n> She is great.\n",
    # It wins over the note's entries elsewhere, as an empty `## Log` does.
    "- 2026-10-01 Lunch\n\n> [!note] Log\n> @@\n",
    # An empty Log section holding an empty Log callout: the callout.
    "## Log\n\n> [!note] Log\n> @@\n\nShe is great.\n",
], ids=["a template's", "folded, with emoji", "with a line of text", "no title", "in a callout",
        "over entries elsewhere", "in an empty Log section"])
def test_a_log_callout_without_entries_is_the_log_section(make_vault, run, case):
    assert_logged(make_vault, run, case)


@pytest.mark.parametrize("case", [
    "> [!note] Log of books read\n> Dune\n\n> [!note] Log\n> @@\n",
    "> Some text\n> [!note] Log\n\n> [!note] Log\n> @@\n",  # not a quote's first line
    "```\n> [!note] Log\n```\n\n> [!note] Log\n> @@\n",  # in code
    "%%\n> [!note] Log\n%%\n\n> [!note] Log\n> @@\n",  # in a comment
], ids=["another title", "not the first line", "in code", "in a comment"])
def test_what_is_no_log_callout_is_not_the_log(make_vault, run, case):
    """The first of two callouts is none: the line goes into the second, the Log callout."""
    assert_logged(make_vault, run, case)


@pytest.mark.parametrize("eol, bom, final", [
    ("\r\n", "", True), ("\n", "\ufeff", True), ("\r", "", True), ("\n", "", False),
    ("\r\n", "\ufeff", False),
], ids=["crlf", "bom", "cr", "no final newline", "bom, crlf, no final newline"])
@pytest.mark.parametrize("case", [
    "# Bo\n## Meetings\n- 2026-10-01 Lunch\n@@\n\n## Tasks\n- [ ] x\n",
    "# Bo\n## Meetings\n- Acme\n  - 2026-10-01 Lunch\n  @@\n",
    "# Bo\n## Log 📝\n- 2026-10-01 Lunch\n@@\n",
    "# Bo\n## 2026-10-01 Meetup\nNotes.\n@@\n",
    "# Bo\n## Log\n- 2026-10-01 Lunch\n\n  She mentioned the grant.\n@@\n---\nFooter\n",
    "# Bo\n ## Interactions\n@@\n",
    "# Bo\n> [!note] Log\n> - 2026-10-01 Lunch\n>   - grants\n> @@\n",
    "# Bo\n> [!note] Log\n> - 2026-10-01 Lunch, and\n> @@\nshe is great.\n",
    "# Bo\n> [!note] Log\n> @@\n",
], ids=["after entries", "in a sub-list", "under Log 📝", "after a heading", "in Log, then a footer",
        "under an empty Interactions", "in a callout", "before a lazy line", "in an empty callout"])
def test_every_other_byte_is_kept(make_vault, run, case, eol, bom, final):
    """Line endings (`\\r\\n`, or an old Mac's `\\r`), a byte-order mark, no final newline."""
    assert_logged(make_vault, run, case, eol, bom, final)


def test_an_unclosed_comment_after_the_entries_hides_nothing_of_the_log(make_vault, run):
    """The line goes after the last entry, which Obsidian shows; where the comment would hide
    it (the entry's own lines run into the comment), nothing is written."""
    assert_logged(make_vault, run, "## Meetings\n- 2026-10-01 Lunch\n@@\n\n%% draft\n- x\n")
    text = FRONT + "## Meetings\n- 2026-10-01 Lunch\n  notes %% draft\n- x\n"
    vault = make_vault({ANN: text})
    result = run("log", "Ann", "Coffee", "--met", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    assert "line 6 opens a comment (`%%`) that is never closed" in result.output
    assert "nothing was written" in result.output
    assert (vault / ANN).read_text() == text


# -- import writes the same way -------------------------------------------------------------------

@pytest.mark.usefixtures("utc_zone")
def test_import_calendar_writes_after_the_last_entry_too(make_vault, run, tmp_path):
    ex = benchmark_script("make_exports")
    cy = ("Cy", "cy@ode.example")
    front = f"---\ntype: person\nemail: {cy[1]}\n---\n"
    text = "# Cy\n\n## Interactions 🤝\n- 2026-10-01 Coffee #met\n\n## Tasks\n- [ ] Send the deck\n"
    vault = make_vault({"Me.md": f"---\ntype: me\nemail: {ex.ME[1]}\n---\n",
                        "People/Cy.md": front + text})
    ics = tmp_path / "c.ics"
    ics.write_bytes(ex.ics_bytes([ex.Meeting("Design review", datetime(2026, 11, 20, 9, tzinfo=UTC),
                                             (cy,), "e1"),
                                  ex.Meeting("Lunch", date(2026, 11, 22), (cy,), "e2")]))
    result = run("import", "calendar", ics, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (vault / "People/Cy.md").read_text() == front + text.replace(
        "Coffee #met\n", "Coffee #met\n- 2026-11-20 Design review #met\n- 2026-11-22 Lunch #met\n")
