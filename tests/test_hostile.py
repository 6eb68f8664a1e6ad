"""Hostile and odd input found in review: each once crashed a run, lost data or slowed it down."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
import unicodedata

import pytest
from conftest import TODAY, person, snapshot
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vaultnet.base.text import CONTROL, HIDDEN
from vaultnet.parse.frontmatter import split_frontmatter
from vaultnet.parse.links import find_links, without_code
from vaultnet.parse.note import free_text
from vaultnet.render.markdown import code_span, inline
from vaultnet.write import generated

MENTOR = person("Mia Mentor", body="## Log\n- 2026-08-01 Coffee #met\n", role="mentor")
HANG_SECONDS = 20  # the hard stop for a hang, as in test_bad_input


def due(run, vault, today=TODAY):
    result = run("due", "--vault", vault, "--today", today, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_file_name_that_is_not_utf8_is_reported_not_fatal(make_vault, run):
    vault = make_vault({"People/Mia Mentor.md": MENTOR})
    (vault / "People").joinpath(os.fsdecode(b"Bad\xff.md")).write_text(person("x"))
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "People/Bad\ufffd.md: has a name that is not valid UTF-8" in result.output
    assert run("check", "--vault", vault).exit_code == 1


def test_two_names_differing_only_in_unicode_form_are_reported(make_vault, run):
    nfc, nfd = (unicodedata.normalize(form, "José") for form in ("NFC", "NFD"))
    vault = make_vault({f"People/{nfc}.md": person(nfc, role="mentor"),
                        f"People/{nfd}.md": person(nfd, role="peer")})
    problems = json.loads(run("check", "--vault", vault, "--json").output)
    assert [p["message"] for p in problems] == [
        "two files have this name, spelled with different Unicode forms; vaultnet reads and "
        "writes only one of them"]


@pytest.mark.parametrize("cadence", ['"²"', '"' + "9" * 5000 + 'd"', "1e400", "-3"])
def test_a_strange_cadence_is_a_problem_not_a_crash(make_vault, run, cadence):
    vault = make_vault({"People/Odd.md": person("Odd", cadence=cadence),
                        "People/Mia Mentor.md": MENTOR})
    problems = json.loads(run("check", "--vault", vault, "--json").output)
    assert [(p["path"], p["line"]) for p in problems] == [("People/Odd.md", 3)]
    assert [i["person"] for i in due(run, vault)["stay_in_touch"]] == ["Mia Mentor"]


@pytest.mark.parametrize("field", ["cadence", "birthday", "last_contact", "topics", "knows"])
def test_deeply_nested_values_are_a_problem_not_a_crash(make_vault, run, field):
    nested = "[" * 900 + "1" + "]" * 900
    vault = make_vault({"People/Deep.md": person("Deep", **{field: nested}),
                        "People/Mia Mentor.md": MENTOR})
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0 and "People/Deep.md" in result.output, result.output
    assert "Mia Mentor" in (vault / "Network/Follow-ups.md").read_text()


@contextlib.contextmanager
def no_hang(what):
    """Fail if the block takes over `HANG_SECONDS`: an alarm that only stops a hang; how fast
    it is is for the benchmarks to tell."""
    def expire(signum, frame):
        pytest.fail(f"{what} took over {HANG_SECONDS} s: it hangs")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# Runs of backticks of every length from 3,000 down (4.5 MB in one line), none closed by another.
BACKTICK_RUNS = "".join("`" * k + "a" for k in range(3000, 0, -1))


# A pasted or padded value: each pattern here took seconds to minutes (frontmatter is read up
# to 64 KB: 60,000 spaces there took 14 s; 200,000 in a heading, over two minutes).
SPACES = " " * 60_000


@pytest.mark.parametrize("text", [
    f"---\ntype: person\nnote: a{SPACES}b\n---\n",  # the simple reader's field
    f"---\ntype: person\nnote:\n  - a{SPACES}b\n---\n",  # and a list's item
    f"---\na{SPACES}x\n: ]\n---\n",  # frontmatter YAML cannot read, looked at for a field
    "---\ntype: person\nx: " + "<%" * 30_000 + "\n---\n",  # a template's mark, never closed
    f"---\ntype: person\n---\n# a{SPACES * 4}b\nprose\n## Log\n# x{SPACES * 4}\n",  # headings
])
def test_a_long_run_of_spaces_or_marks_cannot_make_reading_slow(make_vault, run, text):
    vault = make_vault({"People/Jane Doe.md": text})
    started = time.process_time()
    with no_hang("reading and briefing a note of a long line"):
        assert run("check", "--vault", vault, "--today", TODAY).exit_code in (0, 1)
        run("brief", "Jane", "--vault", vault, "--today", TODAY)
        run("log", "Jane", "Tea", "--vault", vault, "--today", TODAY)
    assert time.process_time() - started < 5


def test_a_heading_is_read_as_it_was():
    """Its title without the spaces and marks after it, as before they were taken off apart."""
    assert free_text("# Log ##  \n- 2026-11-01 x\n## Notes #\nLoves tea.\n") == ("Loves tea.",)
    assert free_text("#######\nLoves tea.\n") == ("Loves tea.",)
    assert free_text("####### x\nLoves tea.\n") == ("####### x Loves tea.",)  # (no heading)


def test_inline_code_cannot_make_parsing_slow():
    """Far from the alarm: this takes a third of a second."""
    line = "- 2026-01-01 [[a]] " + BACKTICK_RUNS
    with no_hang("finding the links"):
        assert [link.target for link in find_links(line, 1)] == ["a"]


def test_a_long_line_of_short_code_spans_cannot_make_reading_slow(make_vault, run):
    """3.8 MB of `` `a `` in one line, beside a comment: finding where each span's line starts
    once looked back to the line's start from every run (some 200 s)."""
    body = "%% c %% " + "`a" * 1_900_000 + "\n[[Mia Mentor]]\n"
    vault = make_vault({"People/Big.md": person("Big", body=body), "People/Mia Mentor.md": MENTOR})
    with no_hang("reading the note"):
        result = run("check", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output


def test_inline_code_beside_a_comment_cannot_make_reading_or_logging_slow(make_vault, run):
    """A comment sends the note's text to the search for comments outside code spans, and
    `log` to its own look at what Obsidian shows: each once found the code spans with a
    pattern tried at every backtick and scanning to the line's end from each: some 70 s, each,
    for this line of 100 KB."""
    runs = "".join("`" * k + "a" for k in range(1, 450))
    body = f"%% private %%\n{runs}\n\n## Log\n- 2026-08-01 Coffee #met\n"
    vault = make_vault({"People/Mia Mentor.md": person("Mia Mentor", body=body, role="mentor")})
    with no_hang("reading the note"):
        result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    with no_hang("logging in the note"):
        result = run("log", "Mia Mentor", "Called", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (vault / "People/Mia Mentor.md").read_text() == person(
        "Mia Mentor", body=body + f"- {TODAY} Called\n", role="mentor")


@pytest.mark.parametrize("text, kept", [
    ("a `[[x]]` b", "a         b"),
    ("`` a ` b `` [[y]]", " " * 12 + "[[y]]"),
    ("`never closed [[z]]", "`never closed [[z]]"),
    ("```` ``` [[w]]", "```` ``` [[w]]"),
])
def test_inline_code_spans(text, kept):
    assert without_code(text) == kept


@pytest.mark.parametrize("yaml_text, value", [
    ("010", 10), ("1:20", "1:20"), ("0x1F", "0x1F"), ("no", "no"), ("on", "on"),
    ("true", True), ("1.5", 1.5), ("2026-10-01", "2026-10-01"), ("-7", -7),
])
def test_scalars_read_as_yaml_1_2(yaml_text, value):
    assert split_frontmatter(f"---\nx: {yaml_text}\n---\n", "n.md").meta == {"x": value}


@settings(deadline=None)
@given(st.text())
@example(" Call\u00a0Ada  about\tthe\u200bdeck ")
@example("Ping\u202eAda\u2028twice")
@example("a`b%%c<d")
@example(" Call Ada")
@example("Call Ada ")
@example("Call  Ada")
@example("")
@example("Send the \\*draft\\* of my\\_thesis")  # (the line's own escapes, kept)
@example("a\\`b \\\\`c \\<d")
def test_a_line_shown_inline_is_one_line_of_what_shows(text):
    """A user's line on a page (`inline`): its hidden characters dropped, each control a space,
    its words joined by one space, then each backtick and `<` escaped that the line did not
    escape itself (after an even run of backslashes), and `%%`; found at once for most lines,
    which need nothing dropped or joined, and the same for every line."""
    joined = " ".join(CONTROL.sub(" ", HIDDEN.sub("", text)).split())
    shown, slashes = [], 0
    for char in joined:
        if char in "`<" and slashes % 2 == 0:
            shown.append("\\")
        shown.append(char)
        slashes = slashes + 1 if char == "\\" else 0
    assert inline(text) == "".join(shown).replace("%%", "%\\%")


def test_a_path_shown_as_code_is_as_written():
    # (Escapes are not read in a code span: `People/back\\slash` showed its backslash twice.)
    assert code_span("People/back\\slash") == "`People/back\\slash`"
    assert code_span("a`b") == "`` a`b ``" and code_span("") == "` `"


def test_cadence_010_is_ten_days(make_vault, run):
    vault = make_vault({"People/Ten.md": person("Ten", cadence="010")})
    assert due(run, vault)["stay_in_touch"][0]["cadence_days"] == 10


def test_a_field_with_several_links_names_each_of_them(make_vault, run):
    vault = make_vault({
        "People/Ann.md": person("Ann", met_via='"[[Bob]] and [[Cy]]"', org='"[[Acme]] (via [[Beta]])"'),
        "People/Bob.md": person("Bob"),
    })
    run("sync", "--vault", vault, "--today", TODAY)
    network = (vault / "Network/Network.md").read_text()
    assert "- Cy, mentioned by [[People/Ann|Ann]]" in network
    assert "and \\[\\[" not in network
    assert "- Acme (1): [[People/Ann|Ann]]" in network and "- Beta (1):" in network


def test_generated_notes_reached_through_a_symlink_are_not_read_as_people(make_vault, run):
    vault = make_vault({"People/Mia Mentor.md": MENTOR})
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    (vault / "People" / "gen").symlink_to("../Network", target_is_directory=True)
    result = run("sync", "--vault", vault, "--today", TODAY)
    # The person's note, and the generated notes seen through the link (read, but not as input).
    assert result.output.startswith("Read 6 notes: 1 person, 0 daily notes.\n"), result.output
    assert "Nothing to write" in result.output


def test_the_last_day_a_date_can_hold(make_vault, run):
    vault = make_vault({"People/Mia Mentor.md": person("Mia", birthday="1980-12-31")})
    assert due(run, vault, "9999-12-31")["birthdays"][0]["date"] == "9999-12-31"
    vault2 = make_vault({"People/Mia Mentor.md": person("Mia", birthday="1980-01-01")})
    assert due(run, vault2, "9999-12-31")["birthdays"] == []


def test_a_birthday_in_the_future_has_no_age(make_vault, run):
    vault = make_vault({"People/Kid.md": person("Kid", birthday="2030-12-01")})
    assert due(run, vault)["birthdays"][0]["turns"] is None


def test_control_characters_cannot_reach_the_terminal(make_vault, run):
    vault = make_vault({"People/Mia Mentor.md": person(
        "Mia", role="mentor", body="- [ ] pay \x1b]0;pwned\x07 back 📅 2026-11-26\n")})
    output = run("due", "--vault", vault, "--today", TODAY).output
    assert "\x1b" not in output and "\x07" not in output
    assert "pay \\x1b]0;pwned\\x07 back" in output
    run("sync", "--vault", vault, "--today", TODAY)
    assert "\x1b" not in (vault / "Network/Follow-ups.md").read_text()


@pytest.mark.parametrize("settings, message", [
    ('output_folder = "People"', "overlap"),
    ('people_folder = "Network/People"', "overlap"),
    ("cadence = 5", "`cadence` must be a table"),
    ('outreach = "x"', "`outreach` must be a table"),
    ("[outreach]\nwait = 3", "unknown setting `[outreach] wait` (line 2): did you mean "
                            "`wait_days`?"),
    ('output_folder = "Net\\u0000work"', "must be a folder inside the vault"),
    ("max_followups = 2", "unknown setting `max_followups` (line 1): write it as "
                          "`[outreach] max_followups`"),
    ("outreach_cold_days = 60", "unknown setting `outreach_cold_days` (line 1): write it as "
                                "`[outreach] cold_days`"),
])
def test_settings_that_cannot_work_are_refused(make_vault, run, settings, message):
    vault = make_vault({".vaultnet.toml": settings + "\n", "People/Mia Mentor.md": MENTOR})
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1 and message in result.output, result.output
    assert "Traceback" not in result.output and not (vault / "Network").exists()


def test_a_live_runs_temporary_file_is_left_alone(make_vault, run):
    vault = make_vault({"People/Mia Mentor.md": MENTOR})
    (vault / "Network").mkdir()
    live = vault / "Network" / f".vaultnet-{os.getppid()}-abcdef012345.tmp"  # the test runner's parent
    dead = vault / "Network" / ".vaultnet-999999999-0123456789ab.tmp"
    live.write_bytes(b"---\ngenerated_by: vaultnet\n")
    dead.write_bytes(b"---\ngenerated_by: vaultnet\n")
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    assert live.exists() and not dead.exists()


def test_a_generated_path_is_signed_exactly():
    """A copy named in another case is the user's (tests/test_write_safety.py, F2)."""
    data = generated.stamp("# civic tech\n", "Network/Topics/Civic tech.md", "Network")
    assert not generated.is_own_unedited(data, "Network/Topics/civic tech.md", "Network")
    assert not generated.is_own_unedited(data, "Network/Topics/climate.md", "Network")


def test_nothing_to_write_is_not_said_when_a_write_was_refused(make_vault, run):
    vault = make_vault({"People/Mia Mentor.md": MENTOR, "Network": "a file, not a folder\n"})
    before = snapshot(vault)
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1 and "Nothing to write" not in result.output
    assert snapshot(vault) == before


def test_stale_pages_are_kept_while_some_notes_cannot_be_read(make_vault, run, tmp_path):
    vault = make_vault({"People/Mia Mentor.md": person("Mia", topics="[robotics]")})
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    page = vault / "Network/Topics/robotics.md"
    pages = {"Network/Network.md": "# Network\n"}
    kept = generated.write_pages(vault, "Network", pages, delete_stale=False)
    assert page.exists() and kept.deleted == []
    gone = generated.write_pages(vault, "Network", pages)
    assert not page.exists() and "Network/Topics/robotics.md" in gone.deleted


def test_only_a_refusal_that_may_pass_is_transient(make_vault):
    from vaultnet.read.vault import NoteFile, read_text

    vault = make_vault({})
    (vault / "dangling.md").symlink_to(vault / "nowhere.md")
    _, gone = read_text(NoteFile("dangling.md", str(vault / "dangling.md")), 1 << 20)
    assert gone is not None and not gone.transient
    (vault / "folder.md").mkdir()
    _, refused = read_text(NoteFile("folder.md", str(vault / "folder.md")), 1 << 20)
    assert refused is not None and refused.message == "is not a regular file"


def test_a_note_evicted_to_icloud_is_not_a_deletion(make_vault, run):
    vault = make_vault({"People/Mia Mentor.md": person("Mia", topics="[sailing]"),
                        "People/Pat.md": person("Pat", topics="[robots]")})
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    (vault / "People/Mia Mentor.md").rename(vault / "People/.Mia Mentor.md.icloud")
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert "People/Mia Mentor.md: is in iCloud only" in result.output
    assert (vault / "Network/Topics/sailing.md").exists()
    # As last read, on every page: evicted, she is not gone (nor a name to make a note for).
    def listed() -> int:  # (beside the line of her problem)
        network = (vault / "Network/Network.md").read_text(encoding="utf-8")
        assert "create the note" not in network
        return network.count("[[People/Mia Mentor|") - 1

    assert listed() >= 1
    assert "[[People/Mia Mentor|" in (vault / "Network/Topics/sailing.md").read_text("utf-8")
    again = run("sync", "--vault", vault, "--today", TODAY)  # (from the cache, still away)
    assert again.exit_code == 0 and listed() >= 1
    (vault / "People/.Mia Mentor.md.icloud").rename(vault / "People/Mia Mentor.md")
    (vault / "People/Mia Mentor.md").write_text(person("Mia", topics="[rowing]"), "utf-8")
    back = run("sync", "--vault", vault, "--today", TODAY)  # (downloaded, and changed since)
    assert "iCloud" not in back.output
    assert (vault / "Network/Topics/rowing.md").exists()
    assert not (vault / "Network/Topics/sailing.md").exists()


def test_a_replaced_generated_note_keeps_its_mode(make_vault, run):
    vault = make_vault({"People/Mia Mentor.md": MENTOR})
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    followups = vault / "Network/Follow-ups.md"
    followups.chmod(0o600)
    assert run("sync", "--vault", vault, "--today", "2026-11-26").exit_code == 0
    assert b"2026-11-26" in followups.read_bytes()
    assert followups.stat().st_mode & 0o777 == 0o600


def test_a_note_that_is_a_device_is_skipped_not_read(make_vault, run):
    """A character device named like a note (here /dev/zero's numbers: reading it never ends)."""
    import stat as stat_module

    vault = make_vault({"People/Jane.md": person("Jane")})
    try:
        os.mknod(vault / "People/zero.md", 0o644 | stat_module.S_IFCHR, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("making a device needs privileges this machine does not give")
    result = run("sync", "--vault", vault, "--today", "2026-11-25")
    assert result.exit_code == 0
    assert "People/zero.md" in result.output and "Read 2 notes" in result.output


def test_a_note_saved_as_utf16_is_named_as_such(make_vault, run):
    """Notepad's "Unicode" is UTF-16: text, not binary; the fix is to save it as UTF-8."""
    vault = make_vault({"People/Mia Mentor.md": MENTOR,
                        "People/Wen.md": "---\ntype: person\nrole: peer\n---\n# Wen\n"
                        .encode("utf-16")})
    result = run("check", "--vault", vault, "--today", TODAY)
    assert "People/Wen.md: is saved as UTF-16, not UTF-8" in result.output
    assert "save it as UTF-8 in your editor" in result.output and "binary" not in result.output


@pytest.mark.parametrize("closing", ["", "...\n"], ids=["none", "yaml-dots"])
def test_frontmatter_never_closed_is_named(make_vault, run, closing):
    """A `---` at the top, fields, and no `---` after: none of its fields is read (a person
    outside a people folder is gone), and `check` says so, at line 1, with the fix."""
    vault = make_vault({"People/Mia Mentor.md": MENTOR,
                        "Contacts2/Priya Raman.md": "---\ntype: person\nrole: mentor\n" + closing
                        + "# Priya Raman\n\n## Log\n- 2026-09-01 Coffee #met\n",
                        "Notes/Rule.md": "---\n\nA horizontal rule above prose: no problem.\n"})
    result = run("check", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    assert ("Contacts2/Priya Raman.md:1: the frontmatter opened here is never closed, so none of "
            "its fields is read") in result.output
    assert "Rule.md" not in result.output


def test_a_code_block_left_open_over_the_log_is_named(make_vault, run):
    """A fence never closed swallows the calls and promises after it (Obsidian shows them as
    code): named at its line, with the fix; one over code alone is not."""
    lena = ("---\ntype: person\nrole: peer\n---\n# Lena\n\n## Log\n- 2026-10-02 Sent the config:\n"
            "```yaml\nkey: value\n- 2026-11-20 Call about the grant #call\n"
            "- [ ] Send her the paper 📅 2026-11-28\n")
    code = "---\ntype: person\n---\n# Kai\n\n## Log\n- 2026-10-02 Pair session\n```python\nx = 1\n"
    vault = make_vault({"People/Mia Mentor.md": MENTOR, "People/Lena.md": lena,
                        "People/Kai.md": code})
    result = run("check", "--vault", vault, "--today", TODAY)
    assert ("People/Lena.md:9: opens a code block (```) that is never closed: Obsidian shows "
            "everything after it as code") in result.output
    assert "fix: add a ``` line where the code ends" in result.output
    assert "Kai.md" not in result.output


def test_a_name_thousands_of_notes_share_is_named_in_a_line_not_a_list(make_vault, run):
    """A name many notes share (`index`, `README` in every folder), linked from many notes: each
    problem names the first few of them and counts the rest (naming all of them made Network.md
    160 MB and took 1 GB at 2,500 notes; 3.8 GB at 5,000); so do aliases many people share."""
    many = 300
    vault = make_vault({f"People/f{i:03}/Jane Doe.md": person("Jane Doe") for i in range(many)}
                       | {f"People/Linker {i:03}.md": person(f"Linker {i:03}", body="[[Jane Doe]]\n",
                                                            aliases="[Shared]")
                          for i in range(many)})
    problems = json.loads(run("check", "--vault", vault, "--today", TODAY, "--json").output)
    ambiguous = {p["message"] for p in problems if "is ambiguous" in p["message"]}
    assert ambiguous == {"[[Jane Doe]] is ambiguous: it matches People/f000/Jane Doe.md, "
                         "People/f001/Jane Doe.md, People/f002/Jane Doe.md, People/f003/Jane "
                         "Doe.md, People/f004/Jane Doe.md and 295 more"}
    shared = [p["message"] for p in problems if "alias `Shared`" in p["message"]]
    assert len(shared) == many and shared[0] == (
        "alias `Shared` is also an alias of People/Linker 001.md, People/Linker 002.md, "
        "People/Linker 003.md, People/Linker 004.md, People/Linker 005.md and 294 more: a link "
        "[[Shared]] goes to none of them, and is reported as ambiguous in the note that writes it")
    assert max(map(len, (p["message"] for p in problems))) < 400
