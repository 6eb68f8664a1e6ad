"""A note's text in `vaultnet brief` (and `vaultnet due`) as Obsidian shows it: backslash escapes
resolved (only before ASCII punctuation, as in CommonMark; never in a code span), entities as
their characters, wikilinks as plain names (an escaped one as written), comments hidden; `--json`
keeps the text as the note writes it.

Today is 2026-11-25 throughout (conftest.TODAY).
"""

from __future__ import annotations

import json
import signal

import pytest
from conftest import TODAY, person
from test_brief import section

from vaultnet.insight.brief import as_shown

ADA = person(
    "Ada",
    "Writes as \\*Ada\\*, \\#1 fan of \\_underscores\\_; C:\\Users\\ada stays; `\\*code\\*` and "
    "`[[Code]]` stay as written; Tom &amp; Jerry &#35;2 %% private %% <!-- old -->\n"
    "Not a link: \\[\\[Bob Smith\\]\\]; a link: [[Bob Smith|Bob]].\n"
    "\n"
    "## Log\n"
    "- 2026-11-20 Coffee, \\#not-a-tag \\*really\\* #met\n"
    "- 2026-11-22 Sent the \\[draft\\] to [[Bob Smith|Bob]] #outreach\n"
    "- 2026-12-03 Fair \\& more\n"
    "- [ ] Send the \\*draft\\* 📅 2026-12-01\n",
    role="friend")

VAULT = {"People/Ada.md": ADA, "People/Bob Smith.md": person("Bob Smith")}


def run_brief(run, vault, name: str, *options: str) -> str:
    result = run("brief", name, "--vault", vault, "--today", TODAY, *options)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_notes_escapes_entities_and_links_show_as_obsidian_shows_them(make_vault, run):
    text = run_brief(run, make_vault(VAULT), "Ada")
    assert section(text, "About") == [
        "Writes as *Ada*, #1 fan of _underscores_; C:\\Users\\ada stays; `\\*code\\*` and "
        "`[[Code]]` stay as written; Tom & Jerry #2 Not a link: [[Bob Smith]]; a link: Bob."]
    assert section(text, "Last interactions") == [
        "2026-11-22  Sent the [draft] to Bob #outreach",
        "2026-11-20  Coffee, #not-a-tag *really* #met"]
    assert section(text, "Plans") == ["2026-12-03  Fair & more"]
    assert section(text, "Open promises") == ["you:  Send the *draft* (due 2026-12-01)"]
    assert section(text, "Open outreach") == ["2026-11-22  Sent the [draft] to Bob #outreach"]


def test_json_keeps_the_text_as_the_note_writes_it(make_vault, run):
    data = json.loads(run_brief(run, make_vault(VAULT), "Ada", "--json"))
    assert data["about"] == [
        "Writes as \\*Ada\\*, \\#1 fan of \\_underscores\\_; C:\\Users\\ada stays; `\\*code\\*` "
        "and `[[Code]]` stay as written; Tom &amp; Jerry &#35;2 Not a link: \\[\\[Bob Smith\\]\\]; "
        "a link: [[Bob Smith|Bob]]."]
    assert [i["text"] for i in data["last_interactions"]] == [
        "Sent the \\[draft\\] to [[Bob Smith|Bob]] #outreach",
        "Coffee, \\#not-a-tag \\*really\\* #met"]
    assert data["plans"][0]["text"] == "Fair \\& more"
    assert data["promises"]["yours"] == [{"text": "Send the \\*draft\\*", "due": "2026-12-01"}]
    assert data["open_outreach"][0]["text"] == "Sent the \\[draft\\] to [[Bob Smith|Bob]] #outreach"


def test_the_agenda_shows_a_promise_as_obsidian_shows_it(make_vault, run):
    result = run("due", "--vault", make_vault(VAULT), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert section(result.output, "Promises (1)") == ["Ada  Send the *draft* (due 2026-12-01)"]


def test_an_imported_contacts_notes_show_as_written_in_the_contact(make_vault, run, tmp_path):
    """`import` escapes what would start a block, a link, a comment or a code span in a contact's
    notes (so that they stay text); a brief shows them as Obsidian does: as the contact has them."""
    vault = make_vault({"People/Bob Smith.md": person("Bob Smith")})
    notes = ("- 2025-12-01 pinged #outreach\\n- [ ] send money 📅 2025-12-20\\n"
             "%% hidden [[Bob Smith]]\\nSee [[Bob Smith|Bob]] <b>bold</b> `tick`\\n1. first")
    (tmp_path / "c.vcf").write_text(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nNOTE:{notes}\nEND:VCARD\n", encoding="utf-8")
    assert run("import", tmp_path / "c.vcf", "--vault", vault).exit_code == 0
    written = (vault / "People/Ann Lee.md").read_text(encoding="utf-8")
    assert "> \\- 2025-12-01 pinged #outreach\n> \\- [ ] send money" in written
    shown = ("- 2025-12-01 pinged #outreach - [ ] send money 📅 2025-12-20 %% hidden [[Bob Smith]] "
             "See [[Bob Smith|Bob]] <b>bold</b> `tick` 1. first")
    assert section(run_brief(run, vault, "Ann Lee"), "About") == [shown]
    about = json.loads(run_brief(run, vault, "Ann Lee", "--json"))["about"]
    assert about == ["\\- 2025-12-01 pinged #outreach \\- [ ] send money 📅 2025-12-20 %\\% hidden "
                     "\\[\\[Bob Smith\\]\\] See \\[\\[Bob Smith|Bob\\]\\] \\<b>bold\\</b> "
                     "\\`tick\\` 1\\. first"]


@pytest.mark.parametrize("written, shown", [
    # Every ASCII punctuation character can be escaped (CommonMark, example 12) ...
    ("\\!\\\"\\#\\$\\%\\&\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^\\_\\`\\{\\|"
     "\\}\\~", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    # ... and nothing else (example 13): the backslash stays.
    ("\\→\\A\\a\\ \\3\\φ\\«", "\\→\\A\\a\\ \\3\\φ\\«"),
    ("\\\\*not emphasis*", "\\*not emphasis*"),
    ("a trailing backslash\\", "a trailing backslash\\"),
    # In a code span nothing is an escape, an entity or a link; an escaped backtick opens none.
    ("`\\*x\\* &amp; [[A|b]]` \\*y\\*", "`\\*x\\* &amp; [[A|b]]` *y*"),
    ("``a ` \\* b`` \\*", "``a ` \\* b`` *"),
    ("\\`not code` [[A|b]]", "`not code` b"),
    ("\\``code` \\*", "``code` *"),
    ("\\``not code \\*", "``not code *"),
    ("`unclosed \\* [[A|b]]", "`unclosed * b"),
    # Entities as CommonMark has them (a name of HTML's, or a number, then `;`).
    ("&amp; &copy; &#35; &#x22; &nosuch; AT&T &amp", "& © # \" &nosuch; AT&T &amp"),
    # A name HTML knows only as the start of a longer one is none (a browser reads `&copy`);
    # a number that is no character is U+FFFD.
    ("&copy2024; &notit; &#0; &#xD800; &#1114112;", "&copy2024; &notit; \ufffd \ufffd \ufffd"),
    ("\\&amp; &#91;&#91;A]]", "&amp; [[A]]"),
    # A link whose first bracket is escaped is none: shown as written, without the escape.
    ("\\[\\[A\\]\\] \\[[A]] [[A|b]] ![[c.png]]", "[[A]] [[A]] b c.png"),
    ("no escapes, links or entities: a & b, [c]", "no escapes, links or entities: a & b, [c]"),
])
def test_text_as_obsidian_shows_it(written, shown):
    assert as_shown(written) == shown


def test_backticks_cannot_make_showing_a_line_slow():
    """Runs of backticks of every length from 3,000 down (4.5 MB in one line), none closed by
    another, as in test_hostile: each run's closer is looked up, never searched for. The alarm
    only stops a hang."""
    runs = "".join("`" * k + "a" for k in range(3000, 0, -1))

    def expire(signum, frame):
        pytest.fail("showing the line took over 20 s: it hangs")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(20)
    try:
        assert as_shown(f"[[a]] {runs} \\*") == f"a {runs} *"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
