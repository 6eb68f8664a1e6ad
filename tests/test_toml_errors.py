"""`.vaultnet.toml` written by hand, with the slips people make: each is named at its line in
words, with the line to write instead, and that line, written in, is TOML the settings read.
(The errors were `tomllib`'s own words: `Invalid value (at line 1, column 17)` for
`people_folder = People`.)"""

from __future__ import annotations

import re
import time
import tomllib

import pytest
from conftest import TODAY, person, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultnet.base.errors import VaultnetError
from vaultnet.base.settings import load_settings
from vaultnet.base.toml_errors import explain

CASES = [
    ("people_folder = People\n", 1,
     "the value of `people_folder` is text without quotes (`people_folder = People`)",
     'put text in quotes: people_folder = "People"'),
    ('[cadence]\nmentor = 30d\n', 2,
     "the value of `mentor` is neither a number TOML reads nor text in quotes (`mentor = 30d`)",
     'put text in quotes: mentor = "30d"'),
    ("cadence = { mentor = 30d, peer = 2w }\n", 1,
     "text in the table of `cadence` is without quotes (`cadence = { mentor = 30d, peer = 2w }`)",
     'put each in quotes: cadence = { mentor = "30d", peer = "2w" }'),
    ("ignore = [Templates, Archive]\n", 1,
     "text in the list of `ignore` is without quotes (`ignore = [Templates, Archive]`)",
     'put each in quotes: ignore = ["Templates", "Archive"]'),
    ('ignore = ["Templates" "Archive"]\n', 1,
     'the items of the list of `ignore` are not separated (`ignore = ["Templates" "Archive"]`)',
     'put a comma between them: ignore = ["Templates", "Archive"]'),
    ('[cadence]\nmentor = "30d"\nmentor = "20d"\n', 3,
     "`mentor` is given twice (first on line 2)", "keep one of them"),
    ('[cadence]\nmentor = "1w"\n[cadence]\npeer = "2w"\n', 3,
     "the table [cadence] is given twice (first on line 1)", "give its keys under one [cadence]"),
    ('output_folder = "Net"\n[cadence\nmentor = "3w"\n', 2,
     "the table's name in `[cadence` is never closed", "close it with ]: [cadence]"),
    ('people_folder = "People\noutput_folder = "Net"\n', 1,
     'the text is never closed with its " (`people_folder = "People`)',
     'close it on the same line: people_folder = "People"'),
    ("me = 'sam@example.org\n", 1,
     "the text is never closed with its ' (`me = 'sam@example.org`)",
     "close it on the same line: me = 'sam@example.org'"),
    ("output_folder = 'Sam's network'\n", 1,
     "an apostrophe inside 'single quotes' ends the text (`output_folder = 'Sam's network'`)",
     "write it in double quotes: output_folder = \"Sam's network\""),
    ('people_folder = Bob "the" Folks\n', 1,  # (a review: fixes that were no TOML)
     "the value of `people_folder` is text without quotes (`people_folder = Bob \"the\" Folks`)",
     "put text in quotes: people_folder = 'Bob \"the\" Folks'"),
    ("people_folder = C:\\Users\\me\\People\n", 1,
     "the value of `people_folder` is text without quotes (`people_folder = C:\\Users\\me\\People`)",
     "put text in quotes: people_folder = 'C:\\Users\\me\\People'"),
    ("[outreach]\nwait_days = 7d\t# a week\n", 2,
     "the value of `wait_days` is a number of days with a unit after it "
     "(`wait_days = 7d\\t# a week`)", "write the number of days alone: wait_days = 7"),
    ("quiet_days = 14 days\n", 1,
     "the value of `quiet_days` is a number of days with a unit after it (`quiet_days = 14 days`)",
     "write the number of days alone: quiet_days = 14"),
    # (a second review: every unit was taken off, 2w as 2 days and 6 months as 6)
    ("[outreach]\nwait_days = 2w\n", 2,
     "the value of `wait_days` is a number of days with a unit after it (`wait_days = 2w`)",
     "write the number of days alone: wait_days = 14"),
    ("quiet_days = 6 months\n", 1,
     "the value of `quiet_days` is a number of days with a unit after it (`quiet_days = 6 months`)",
     "write it as a whole number of days"),
    ("output_folder = 'Sam's network' # mine\n", 1,
     "an apostrophe inside 'single quotes' ends the text (`output_folder = 'Sam's network' # mine`)",
     "write it in double quotes: output_folder = \"Sam's network\""),
    ('ignore = ["Templates",\n', 1,
     'the list is never closed (`ignore = ["Templates",`)',
     "close it with ]"),
]


@pytest.mark.parametrize(("written", "line", "what", "fix"), CASES)
def test_a_slip_is_named_in_words_at_its_line_and_its_fix_reads(make_vault, run, written, line,
                                                                 what, fix):
    vault = make_vault({".vaultnet.toml": written, "People/Jane Doe.md": person("Jane Doe")})
    before = snapshot(vault)
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert (result.exit_code, result.output) == (
        1, f"Error: {vault / '.vaultnet.toml'}:{line}: not valid TOML: {what}; {fix}\n")
    assert snapshot(vault) == before
    # The fix, written in: where it gives a line to write, that line put in place of the one at
    # fault is TOML the settings read (a key given twice: the second one left out).
    lines = written.splitlines()
    written_fix = re.sub(r"^[^:]*: ", "", fix) if " = " in fix or fix.startswith("close it with ]:") \
        else None
    if fix == "keep one of them" or fix.startswith("give its keys under one"):
        del lines[line - 1]
    elif fix == "write it as a whole number of days":
        lines[line - 1] = "quiet_days = 180"
    elif written_fix is not None:
        lines[line - 1] = written_fix
    else:  # (a list left open: closed on its line)
        lines[line - 1] += "]"
    (vault / ".vaultnet.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    tomllib.loads((vault / ".vaultnet.toml").read_text(encoding="utf-8"))
    try:  # (what the settings then say of the value is theirs: a folder Windows refuses, say)
        load_settings(vault)
    except VaultnetError as err:
        assert "not valid TOML" not in str(err)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(['people_folder', '=', ' ', '"', "'", '[', ']', '{', '}', ',',
                                 '\n', 'x', '30d', '#', '\\', 'mentor', '.', '[cadence]', '\t',
                                 'quiet_days = ', '7d', ' days', 'C:\\Users']),
                max_size=30).map("".join))
def test_explain_never_fails_on_what_tomllib_refuses(text):
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line, what, fix = explain(str(err), text, {"quiet_days": "days"})
        assert what and fix and (line is None or 1 <= line <= len(text.splitlines()) + 1)
        # A line offered to write is TOML (a review: some were not).
        written = fix.partition(": ")[2]
        if " = " in written:
            tomllib.loads(written)


def test_a_settings_file_not_in_utf8_is_named_at_its_line(make_vault, run):
    vault = make_vault({".vaultnet.toml": "", "People/Jane Doe.md": person("Jane Doe")})
    (vault / ".vaultnet.toml").write_bytes('quiet_days = 9\noutput_folder = "Réseau"\n'
                                           .encode("cp1252"))
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert (result.exit_code, result.output) == (
        1, f"Error: {vault / '.vaultnet.toml'}:2: not UTF-8 text (the byte 0xe9); save it as "
           "UTF-8 in a text editor\n")


@pytest.mark.parametrize("text", [
    "people_folder = a" + " " * 200_000 + "b\n",
    "ignore = [a" + " " * 200_000 + "b=]\n",
    "cadence = { mentor = 3" + " " * 200_000 + "d = }\n",
    "x" + " " * 200_000 + "\n",
])
def test_a_long_run_of_spaces_cannot_make_the_explaining_slow(text):
    """The patterns that find a slip are linear: a lazy value before `\\s*$` took minutes on a
    settings file of a long run of spaces (256 KB may be read)."""
    with pytest.raises(tomllib.TOMLDecodeError) as err:
        tomllib.loads(text)
    started = time.process_time()
    assert explain(str(err.value), text).fix
    assert time.process_time() - started < 2
