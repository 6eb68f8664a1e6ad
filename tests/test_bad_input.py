"""Promise 3 (bad input gets a clear message and nothing else stops) and promise 1 (notes outside
Network/ are never changed), with real files: broken YAML, hostile YAML, wrong types, impossible
dates, bad bytes, huge files, FIFOs, symlinks, and bad settings.

Each bad note sits in a vault next to one good person note, a mentor overdue for contact. For every
bad input: `sync` exits 0 and names the note with the reason, `check --json` lists the problem with
its path and line, `check` exits 1, the mentor still reaches the agenda and the index, and no byte
outside Network/ changes.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import TODAY, person, snapshot

# --- the good person every vault has ---------------------------------------------------------

GOOD_PATH = "People/Ann Mentor.md"
GOOD_NOTE = person("Ann Mentor", role="mentor", last_contact="2026-01-01")
GOOD_LINK = "[[People/Ann Mentor|Ann Mentor]]"
GOOD_AGENDA = f"{GOOD_LINK} — mentor: last contact 328 days ago, cadence 30 days"

# --- every test here is bounded in time -------------------------------------------------------

LIMIT_SECONDS = 20  # the hard stop for a hang (FIFO, symlink loop, alias bomb)


class TookTooLong(BaseException):
    """Raised by the alarm. A BaseException, so the CLI's catch-all cannot turn it into exit 1."""


@pytest.fixture(autouse=True)
def deadline():
    """Fail, instead of hanging the test run, when vaultnet blocks or reads forever."""

    def expire(signum, frame):
        raise TookTooLong(f"over {LIMIT_SECONDS} s: vaultnet hangs or reads far too much")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, LIMIT_SECONDS)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


# --- helpers ----------------------------------------------------------------------------------


def user_files(vault: Path) -> dict[str, bytes]:
    """Every file outside the output folder, with its bytes."""
    return {path: data for path, data in snapshot(vault).items()
            if not path.startswith("Network/")}


def sync_lines_naming(output: str, path: str) -> list[str]:
    """The lines of `sync` output that report a problem in `path` (`path:line: message`)."""
    return [line.strip() for line in output.splitlines() if line.strip().startswith(path + ":")]


def generated(vault: Path, name: str) -> str:
    return (vault / "Network" / name).read_text(encoding="utf-8")


def assert_good_person_synced(vault: Path) -> None:
    assert GOOD_AGENDA in generated(vault, "Follow-ups.md")
    assert f"- {GOOD_LINK} — mentor" in generated(vault, "Network.md")


# --- the bad inputs ---------------------------------------------------------------------------

Build = str | bytes | Callable[[Path], None]


@dataclass(frozen=True)
class Bad:
    """A bad note: where it is, how to make it, and what `check` must say about it."""

    id: str
    path: str
    make: Build  # the note's text or bytes, or a function that makes it in the vault root
    line: int | tuple[int, ...] | None  # the line (or the lines that are fair), None: no line
    message: str  # a regular expression the problem's message must match
    hint: str = ""  # a regular expression for message + hint together, when the hint says it


def billion_laughs(levels: int = 9) -> str:
    names = "abcdefghi"[:levels]
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append(f"cadence: *{names[-1]}")  # a field vaultnet reads and would walk
    return "---\n" + "\n".join(lines) + "\n---\n# Bomb\n"


def block_nesting(levels: int) -> str:
    keys = "".join(" " * depth + "a:\n" for depth in range(levels))
    return f"---\ntype: person\n{keys}{' ' * levels}deep\n---\n# Deep\n"


def forty_megabytes(root: Path) -> None:
    with open(root / "People/Huge.md", "wb") as stream:
        stream.write(b"---\ntype: person\n---\n# Huge\n")
        chunk = b"- just a long line of notes\n" * 4096
        for _ in range(40 * 1024 * 1024 // len(chunk) + 1):
            stream.write(chunk)


def fifo(root: Path) -> None:
    os.mkfifo(root / "People/fifo.md")


def symlink_out_of_the_vault(root: Path) -> None:
    outside = root.parent / "outside"
    outside.mkdir()
    (outside / "Secret.md").write_text(person("Secret", role="mentor"), encoding="utf-8")
    (root / "People/Secret.md").symlink_to(outside / "Secret.md")


BAD_INPUTS = [
    Bad("broken-yaml", "People/Broken.md",
        "---\ntype: person\ntopics: [civic tech, sensors\nrole: peer\n---\n# Broken\n",
        (3, 4), r"not valid YAML"),  # bracket opened on line 3, found unclosed on line 4
    Bad("tabs-in-yaml", "People/Tabs.md",
        "---\ntype: person\ntopics:\n\t- civic tech\n---\n# Tabs\n",
        4, r"YAML", hint=r"(?i)tab"),
    Bad("python-tag", "People/Tag.md",
        '---\ntype: person\nx: !!python/object/apply:os.system ["echo hi"]\n---\n# Tag\n',
        3, r"(?i)not valid YAML|tag|python"),
    Bad("alias-bomb", "People/Bomb.md", billion_laughs(9),
        2, r"(?i)anchor|alias"),
    Bad("deep-brackets", "People/Brackets.md",
        "---\ntype: person\nx: " + "[" * 5000 + "\n---\n# Brackets\n",
        (2, 3, 4), r"(?i)YAML|nest|deep"),
    Bad("deep-mappings", "People/Mappings.md", block_nesting(600),
        2, r"(?i)nest|deep|KB"),
    Bad("deep-flow-in-a-field", "People/Flow.md",
        "---\ntype: person\ntopics: " + "{a: " * 600 + "1" + "}" * 600 + "\n---\n# Flow\n",
        3, r"`topics`"),
    Bad("cadence-list", "People/Cadence.md", person("Cadence", cadence="[1, 2]"),
        3, r"`cadence`.*not a cadence"),
    Bad("topics-mapping", "People/Topics.md", person("Topics", topics="{a: 1}"),
        3, r"`topics`.*list text"),
    Bad("role-list", "People/Role.md", person("Role", role="[a, b]"),
        3, r"`role`.*single word"),
    Bad("last-contact-30-february", "People/Feb.md", person("Feb", last_contact="2026-02-30"),
        3, r"`last_contact`.*2026-02-30 is not a real date"),
    Bad("birthday-month-13", "People/Bday.md", person("Bday", birthday="1990-13-01"),
        3, r"`birthday`.*1990-13-01 is not a real date"),
    Bad("log-line-30-february", "People/Log.md",
        person("Log", body="## Log\n- 2026-01-05 Coffee #met\n- 2026-02-30 Lunch #met"),
        7, r"2026-02-30 is not a real date"),
    Bad("task-31-february", "People/Task.md",
        person("Task", body="- [ ] Send her the paper 📅 2026-02-31"),
        5, r"2026-02-31 is not a real date"),
    Bad("invalid-utf8", "People/Latin1.md",
        b"---\ntype: person\n---\n# Latin1\nCaf\xe9 au lait\n",
        5, r"UTF-8"),
    Bad("binary-nul", "People/Binary.md",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\x00\x00",
        None, r"binary"),
    Bad("rule-around-prose", "Notes/Prose.md",
        "---\nJust some prose between two rules.\n---\n\nThe rest of the note.\n",
        2, r"(?i)horizontal rule|not frontmatter"),
    Bad("frontmatter-list", "People/List.md", "---\n- a\n- b\n---\n# List\n",
        2, r"a list, not frontmatter"),
    Bad("frontmatter-scalar", "People/Scalar.md", "---\n42\n---\n# Scalar\n",
        2, r"not frontmatter"),
    Bad("year-key", "People/Year.md", "---\ntype: person\n2024: x\n---\n# Year\n",
        3, r"field name 2024 is not text"),
    Bad("int-key", "People/Int.md", "---\ntype: person\n1: y\n---\n# Int\n",
        3, r"field name 1 is not text"),
    Bad("40-megabytes", "People/Huge.md", forty_megabytes,
        None, r"40\.0 MB, larger than"),  # the size from fstat: refused before reading
    Bad("frontmatter-over-64kb", "People/Long.md",
        person("Long", story='"' + "word " * 14000 + '"'),
        2, r"frontmatter is \d+ KB, more than vaultnet reads \(64 KB\)"),
    Bad("fifo", "People/fifo.md", fifo,
        None, r"not a regular file"),
    Bad("symlink-out-of-the-vault", "People/Secret.md", symlink_out_of_the_vault,
        None, r"symlink that leads outside the vault"),
]


def make_bad_vault(make_vault, bad: Bad) -> Path:
    files: dict[str, str | bytes] = {GOOD_PATH: GOOD_NOTE}
    if not callable(bad.make):
        files[bad.path] = bad.make
    vault = make_vault(files)
    if callable(bad.make):
        (vault / "People").mkdir(exist_ok=True)
        bad.make(vault)
    return vault


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=lambda bad: bad.id)
def test_bad_note_is_named_with_its_reason_and_everything_else_syncs(make_vault, run, bad):
    vault = make_bad_vault(make_vault, bad)
    before = user_files(vault)
    lines = bad.line if isinstance(bad.line, tuple) else (bad.line,)

    synced = run("sync", "--vault", vault, "--today", TODAY)
    assert synced.exit_code == 0, synced.output
    named = sync_lines_naming(synced.output, bad.path)
    assert any(re.search(bad.message, line) for line in named), synced.output
    if bad.line is not None:
        assert any(line.startswith(f"{bad.path}:{n}: ") for n in lines for line in named), named

    checked = run("check", "--vault", vault, "--today", TODAY, "--json")
    assert checked.exit_code == 1, checked.output
    problems = [p for p in json.loads(checked.output) if p["path"] == bad.path]
    matching = [p for p in problems if re.search(bad.message, p["message"])]
    assert matching, problems
    assert matching[0]["line"] in lines, matching
    if bad.hint:
        assert re.search(bad.hint, matching[0]["message"] + " " + matching[0]["hint"]), matching

    plain = run("check", "--vault", vault, "--today", TODAY)
    assert plain.exit_code == 1
    assert bad.path in plain.output

    assert_good_person_synced(vault)
    assert user_files(vault) == before


# --- proofs that go further than the message --------------------------------------------------


def test_python_tag_in_yaml_runs_nothing(make_vault, run, tmp_path):
    marker = tmp_path / "os-system-ran"
    vault = make_vault({
        GOOD_PATH: GOOD_NOTE,
        "People/Tag.md": "---\ntype: person\n"
                         f'x: !!python/object/apply:os.system ["echo hi > {marker}"]\n'
                         f'y: !!python/object/apply:subprocess.call [["touch", "{marker}"]]\n'
                         "---\n",
    })
    for command in ("sync", "check", "due"):
        run(command, "--vault", vault, "--today", TODAY)
    assert not marker.exists()


def test_alias_bomb_is_refused_before_it_is_walked(make_vault, run):
    """Every command refuses the note at its first anchor, on line 2, and goes on with the rest;
    one that walked the aliases would run into the alarm (or out of memory)."""
    vault = make_vault({GOOD_PATH: GOOD_NOTE, "People/Bomb.md": billion_laughs(9)})
    results = {command: run(command, "--vault", vault, "--today", TODAY, "--json")
               for command in ("sync", "check", "due")}
    assert [r.exit_code for r in results.values()] == [0, 1, 0], [r.output for r in results.values()]
    refused = [("People/Bomb.md", 2, "frontmatter uses YAML anchors or aliases (& and *), "
                                     "which vaultnet does not read")]
    for problems in (json.loads(results["sync"].output)["problems"], json.loads(results["check"].output)):
        assert [(p["path"], p["line"], p["message"]) for p in problems] == refused
    agenda = json.loads(results["due"].output)
    assert [i["person"] for i in agenda["stay_in_touch"]] == ["Ann Mentor"]
    # 9 ** 9 = 387 million "lol"s if it were expanded: the output stays small.
    assert (vault / "Network/Network.md").stat().st_size < 100_000


RULE_AT_THE_TOP = {
    "prose": "---\nJust some prose between two rules.\n---\n\n",
    "colon": "---\nSome text: with colon? no, plain prose\n---\n\n",
    "log-line": "---\n- 2026-01-05 Coffee #met\n---\n\n",
}


@pytest.mark.parametrize("top", RULE_AT_THE_TOP.values(), ids=RULE_AT_THE_TOP.keys())
def test_a_horizontal_rule_at_the_top_does_not_hide_the_rest_of_the_note(make_vault, run, top):
    vault = make_vault({GOOD_PATH: GOOD_NOTE,
                        "People/Rule.md": top + "- [ ] Send Rule the paper 📅 2026-11-20\n"})
    agenda = json.loads(run("due", "--vault", vault, "--today", TODAY, "--json").output)
    assert [(p["person"], p["text"], p["line"]) for p in agenda["promises"]] == [
        ("Rule", "Send Rule the paper", 5)]
    if "2026-01-05" in top:  # a log line between the rules is read too
        run("sync", "--vault", vault, "--today", TODAY)
        assert "[[People/Rule|Rule]] — last contact 2026-01-05" in generated(vault, "Network.md")


def test_a_symlink_out_of_the_vault_is_not_followed(make_vault, run):
    vault = make_vault({GOOD_PATH: GOOD_NOTE})
    (vault / "People").mkdir(exist_ok=True)
    symlink_out_of_the_vault(vault)
    outside = (vault.parent / "outside/Secret.md").read_bytes()
    result = run("sync", "--vault", vault, "--today", TODAY, "--json")
    assert json.loads(result.output)["people"] == 1
    assert "Secret" not in generated(vault, "Network.md").split("## Notes with problems")[0]
    assert (vault.parent / "outside/Secret.md").read_bytes() == outside


# --- inputs that look odd but are fine ----------------------------------------------------------

MENTOR_FIELDS = "role: mentor\nlast_contact: 2026-01-01\n"

READ_CORRECTLY = {
    # outside People/, so the note is a person only if its frontmatter is really read
    "byte-order-mark": "\ufeff---\ntype: person\n" + MENTOR_FIELDS + "---\n# Bom\n",
    "crlf": ("---\ntype: person\n" + MENTOR_FIELDS + "---\n# Crlf\n").replace("\n", "\r\n"),
    "keys-content-and-handler": "---\ntype: person\ncontent: x\nhandler: y\n" + MENTOR_FIELDS
                                + "---\n# Keys\n",
    "unknown-fields": "---\ntype: person\nfavourite_colour: blue\nx-linkedin: jane\n"
                      + MENTOR_FIELDS + "---\n",
    "field-names-any-case": "---\nType: Person\nRole: Mentor\nLast_Contact: 2026-01-01\n---\n",
    "aliases-and-case": "---\nTYPE: person\nROLE: mentor\nlastContact: 2026-01-01\n---\n",
}


@pytest.mark.parametrize("text", READ_CORRECTLY.values(), ids=READ_CORRECTLY.keys())
def test_odd_but_valid_note_is_read_as_written(make_vault, run, text):
    vault = make_vault({"Contacts/Odd One.md": text})
    before = user_files(vault)
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    checked = run("check", "--vault", vault, "--today", TODAY)
    assert checked.exit_code == 0, checked.output
    assert checked.output.split("\n\n", 1)[1] == "No problems in 1 note.\n"
    assert ("[[Contacts/Odd One|Odd One]] — mentor: last contact 328 days ago, cadence 30 days"
            in generated(vault, "Follow-ups.md"))
    assert user_files(vault) == before


def test_crlf_body_is_read_line_by_line(make_vault, run):
    text = "---\r\ntype: person\r\nrole: mentor\r\n---\r\n# Crlf\r\n## Log\r\n" \
           "- 2026-01-02 Coffee #met\r\n- [ ] Send the paper 📅 2026-11-24\r\n"
    vault = make_vault({"Contacts/Crlf.md": text})
    agenda = json.loads(run("due", "--vault", vault, "--today", TODAY, "--json").output)
    assert [(p["last_contact"], p["days_since"]) for p in agenda["stay_in_touch"]] == [
        ("2026-01-02", 327)]
    assert [(p["text"], p["due"]) for p in agenda["promises"]] == [
        ("Send the paper", "2026-11-24")]


def test_empty_file_is_no_problem_and_a_person_only_in_the_people_folder(make_vault, run):
    vault = make_vault({GOOD_PATH: GOOD_NOTE, "Notes/Empty.md": "", "People/Blank.md": ""})
    checked = run("check", "--vault", vault, "--today", TODAY)
    assert checked.exit_code == 0, checked.output
    synced = json.loads(run("sync", "--vault", vault, "--today", TODAY, "--json").output)
    assert (synced["notes"], synced["people"]) == (3, 2)
    index = generated(vault, "Network.md")
    assert "[[People/Blank|Blank]]" in index
    assert "Empty" not in index


def test_symlink_loop_and_folder_named_like_a_note_neither_hang_nor_duplicate(make_vault, run):
    vault = make_vault({GOOD_PATH: GOOD_NOTE})
    (vault / "People/loop").symlink_to("..")
    (vault / "People/self").symlink_to(".")
    (vault / "People/x.md").mkdir()
    before = user_files(vault)
    synced = run("sync", "--vault", vault, "--today", TODAY, "--json")
    assert synced.exit_code == 0, synced.output
    report = json.loads(synced.output)
    assert (report["notes"], report["people"]) == (1, 1)
    assert generated(vault, "Follow-ups.md").count(GOOD_LINK) == 1
    assert run("check", "--vault", vault, "--today", TODAY).exit_code == 0
    assert user_files(vault) == before


# --- promise 1: sync changes no byte, mode or time of a user's note -----------------------------


def test_sync_leaves_every_user_note_exactly_as_it_was(make_vault, run):
    vault = make_vault({
        GOOD_PATH: GOOD_NOTE,
        "People/Crlf.md": person("Crlf", role="peer", body="- 2026-10-01 Call #call")
                          .replace("\n", "\r\n"),
        "People/Bom.md": "\ufeff" + person("Bom", role="friend", topics="[sensors]"),
        "People/No Newline.md": person("No Newline", knows='["[[Ann Mentor]]"]').rstrip("\n"),
        "People/Private.md": person("Private", role="advisee", body="- [ ] Call 📅 2026-11-26"),
        "People/Broken.md": "---\ntype: person\ntopics: [a\n---\n",
        "Daily/2026-11-20.md": "Lunch with [[Ann Mentor]] #met",
        "Notes/Ideas.md": "# Ideas\n\nNothing about people.\n",
    })
    (vault / "People/Private.md").chmod(0o600)
    (vault / "Notes/Ideas.md").chmod(0o444)
    for number, path in enumerate(sorted(vault.rglob("*.md"))):
        os.utime(path, ns=(1_600_000_000_000_000_000 + number, 1_500_000_000_000_000_000 + number))

    def state() -> dict[str, tuple[bytes, int, int]]:
        return {rel: (data, stat.S_IMODE((vault / rel).stat().st_mode),
                      (vault / rel).stat().st_mtime_ns)
                for rel, data in user_files(vault).items()}

    before = state()
    assert run("sync", "--vault", vault, "--today", TODAY).exit_code == 0
    assert (vault / "Network/Network.md").exists()
    assert run("sync", "--vault", vault, "--today", "2026-11-26").exit_code == 0
    run("check", "--vault", vault, "--today", TODAY)
    run("due", "--vault", vault, "--today", TODAY)
    assert state() == before


# --- settings -------------------------------------------------------------------------------------


def tree(root: Path) -> dict[str, bytes]:
    """Every file and folder under root (folders as b"<dir>"), to see that nothing was written."""
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else b"<dir>"
            for p in sorted(root.rglob("*"))}


@pytest.mark.parametrize("command", ["sync", "check", "due"])
def test_invalid_toml_settings_are_a_clear_error(make_vault, run, tmp_path, command):
    vault = make_vault({GOOD_PATH: GOOD_NOTE,
                        ".vaultnet.toml": 'people_folder = "People\noutput_folder = Network\n'})
    before = tree(tmp_path)
    result = run(command, "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    assert ".vaultnet.toml" in result.output
    assert "not valid TOML" in result.output
    assert "Traceback" not in result.output
    assert tree(tmp_path) == before


@pytest.mark.parametrize("folder", ["../out", "Network/../../out", "{tmp}/out"])
def test_output_folder_outside_the_vault_is_refused(make_vault, run, tmp_path, folder):
    folder = folder.format(tmp=tmp_path)  # the last one: an absolute path
    vault = make_vault({GOOD_PATH: GOOD_NOTE, ".vaultnet.toml": f'output_folder = "{folder}"\n'})
    before = tree(tmp_path)
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert result.exit_code == 1
    assert ".vaultnet.toml" in result.output
    assert "output_folder" in result.output
    assert "inside the vault" in result.output
    assert tree(tmp_path) == before


def test_rules_around_a_name_value_line_are_properties_as_in_obsidian(make_vault, run):
    """A choice: `---` / `Key: value` / `---` at the top is YAML frontmatter to Obsidian too (it
    shows a property), so vaultnet reads it as frontmatter and reports nothing."""
    vault = make_vault({"Notes/Rule.md": "---\nSome text: with colon\n---\n\nThe rest.\n"})
    result = run("check", "--vault", vault)
    assert (result.exit_code, result.output.split("\n\n", 1)[1]) == (0, "No problems in 1 note.\n")
