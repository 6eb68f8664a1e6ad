"""What reaches the terminal: characters that could disguise a note's text (bidi overrides,
isolates and marks, zero widths) are shown as escapes, as control characters are; every other
character is shown as it is."""

from __future__ import annotations

import pytest
from conftest import TODAY, person
from hypothesis import example, given
from hypothesis import strategies as st

from vaultnet.base.text import CONTROL, HIDDEN, printable

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: `ab\u202etxt.exe` shows as `abexe.txt`
NAME = f"ab{RLO}txt.exe"
SHOWN = "ab\\u202etxt.exe"


@pytest.mark.parametrize("char", [
    *"\u202a\u202b\u202c\u202d\u202e",  # embeddings, overrides and their end
    *"\u2066\u2067\u2068\u2069",  # isolates and their end
    "\u200e", "\u200f", "\u061c",  # the left-to-right, right-to-left and Arabic letter marks
    "\u200b", "\ufeff", "\u2060",  # zero width space, zero width no-break space (BOM), word joiner
    *"\u2061\u2062\u2063\u2064",  # invisible operators
    *"\u206a\u206b\u206c\u206d\u206e\u206f",  # deprecated invisible format characters
    "\u180e",  # Mongolian vowel separator (invisible since Unicode 6.3)
])
def test_a_character_that_can_disguise_text_is_shown_as_an_escape(char):
    escape = f"\\u{ord(char):04x}"
    assert printable(f"ab{char}cd") == f"ab{escape}cd"
    assert printable(char * 2) == escape * 2


@pytest.mark.parametrize("char, escape", [
    ("\x1b", "\\x1b"), ("\x00", "\\x00"), ("\x07", "\\x07"), ("\n", "\\n"), ("\r", "\\r"),
    ("\t", "\\t"), ("\x7f", "\\x7f"), ("\x85", "\\x85"), ("\x9b", "\\x9b"),
    ("\u2028", "\\u2028"), ("\u2029", "\\u2029"),
])
def test_control_characters_are_still_shown_as_escapes(char, escape):
    assert printable(f"a{char}b") == f"a{escape}b"


@pytest.mark.parametrize("text", [
    "Jane Doe", "José Ñúñez", "Zoë Brontë", "e\u0301",  # accents, precomposed or combining
    "王小明", "佐藤 花子", "김민준",  # CJK, Hangul
    "محمد علي", "שרה לוי", "Ali محمد (mentor)",  # right-to-left letters themselves
    "👩‍💻 Ada", "👨‍👩‍👧", "❤️", "🏳️‍🌈", "👋🏽",  # emoji: ZWJ sequences, variation selectors, skin
    "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # England's flag
    "می\u200cخواهم", "क्\u200dष",  # zero width non-joiner and joiner, as Persian and Hindi use them
    "Jane\u00a0Doe", "pay\u00adment",  # no-break space, soft hyphen: both visible in a terminal
    "a\\u202eb", "→ · “quoted” — ½ €", "",
])
def test_every_other_character_is_shown_as_it_is(text):
    assert printable(text) == text


def test_the_hidden_characters_of_generated_notes_are_all_escaped_in_the_terminal():
    """What a generated note drops as hidden (HIDDEN) never reaches the terminal raw either."""
    for code in range(0x110000):
        char = chr(code)
        if HIDDEN.fullmatch(char) or CONTROL.fullmatch(char):
            assert printable(char) != char, hex(code)


@given(st.text())
@example(f"{NAME}\u200d\u061c\x1b[2J")
def test_what_printable_shows_holds_no_control_or_disguising_character(text):
    shown = printable(text)
    assert not CONTROL.search(shown) and not HIDDEN.search(shown)
    assert all(c not in shown for c in "\u061c\u180e\u2060\u2061\u2062\u2063\u2064")
    if text.isprintable():
        assert shown == text


def _vault(make_vault):
    return make_vault({
        "Me.md": "---\ntype: me\nfocus: [sensors]\n---\n",
        f"People/{NAME}.md": person(
            "", "## Log\n- 2026-11-01 met at the lab #met\n\n"
            f"- [ ] Send the {RLO}slides.exe 📅 2026-11-26\n",
            role=f'"men{RLO}tor"', topics="[sensors]"),
    })


def _shows_escapes(output: str, *escaped: str) -> None:
    assert RLO not in output
    for text in escaped:
        assert text in output, output


@pytest.mark.parametrize(("command", "shown"), [
    (["people"], [SHOWN, "men\\u202etor"]),
    (["brief", NAME], [f"{SHOWN} (men\\u202etor)", "Send the \\u202eslides.exe"]),
    (["due"], [SHOWN, "Send the \\u202eslides.exe"]),
], ids=["people", "brief", "due"])
def test_a_name_a_role_and_a_promise_are_shown_escaped(make_vault, run, command, shown):
    vault = _vault(make_vault)
    result = run(*command, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    _shows_escapes(result.output, *shown)


def test_log_and_done_confirm_with_escapes(make_vault, run):
    vault = _vault(make_vault)
    logged = run("log", NAME, "Coffee", "--met", "--vault", vault, "--today", TODAY)
    assert logged.exit_code == 0, logged.output
    _shows_escapes(logged.output, f"People/{SHOWN}.md:")
    ticked = run("done", NAME, "slides", "--vault", vault, "--today", TODAY)
    assert ticked.exit_code == 0, ticked.output
    _shows_escapes(ticked.output, f"People/{SHOWN}.md:", "done: Send the \\u202eslides.exe")


def test_an_error_quoting_a_name_shows_it_escaped(make_vault, run):
    vault = _vault(make_vault)
    result = run("brief", f"Eve{RLO}", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    _shows_escapes(result.output, 'no person called "Eve\\u202e"')


def test_check_shows_a_fix_naming_notes_escaped(make_vault, run):
    """`check`'s fix lines quote note names too (an ambiguous link's candidates)."""
    vault = make_vault({
        f"A/{NAME}.md": person("", "x"),
        f"B/{NAME}.md": person("", "y"),
        "People/Ann.md": person("Ann", f"Met [[{NAME}]]"),
    })
    result = run("check", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    _shows_escapes(result.output, f"[[A/{SHOWN}]]")
    assert "  fix: link with the folder, such as [[A/ab\\u202etxt.exe]]" in result.output


def test_sync_shows_an_output_folder_escaped(make_vault, run):
    vault = make_vault({".vaultnet.toml": f'output_folder = "Net{RLO}work"\n',
                        f"People/{NAME}.md": person("", "x")})
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    _shows_escapes(result.output, "Created Net\\u202ework/Network.md")
    again = run("sync", "--vault", vault, "--today", TODAY)
    assert again.exit_code == 0, again.output
    _shows_escapes(again.output, "Nothing to write: Net\\u202ework/ is up to date.")


def test_watch_logs_a_problem_and_an_error_with_escapes(make_vault, caplog):
    """`vaultnet watch` logs each round's new problems and its errors as the other commands print
    their lines: a note's name cannot disguise itself there either."""
    from vaultnet.pipeline.sync import sync
    from vaultnet.watch.report import RoundLog

    vault = _vault(make_vault)
    (vault / "People" / f"Broken {RLO}cod.exe.md").write_text("---\ntype: [person\n---\n",
                                                                encoding="utf-8")
    rounds = RoundLog()
    with caplog.at_level("INFO", logger="vaultnet.watch"):
        rounds.built(sync(vault, TODAY), "start", 0.5)
        rounds.failed(f"People/{NAME}.md: cannot be read")
    _shows_escapes(caplog.text, "Broken \\u202ecod.exe.md", SHOWN)
