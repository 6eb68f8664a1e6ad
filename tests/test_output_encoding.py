"""Output a stream cannot encode never fails a command, and never makes it do its work twice.

Python 3.11 on Windows writes to a pipe, a file or Git Bash in the ANSI code page (cp1252), which
has no letter of 山田太郎 and no Ł. Each test runs vaultnet as a user does, in a process of its own
whose output is a pipe, in two ways: with its streams as Windows sets them (cp1252, chosen by
nobody: vaultnet writes UTF-8, as Python itself will from 3.15), and with PYTHONIOENCODING=cp1252
(the user's own choice, kept: what it cannot encode shows as `?`). JSON is ASCII, with every other
character escaped, so a script reads every name back from either.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY, person, snapshot

YAMADA = "People/山田太郎.md"
# A child whose streams are a pipe's on Windows: the code page, strict (stderr: backslashreplace).
AS_ON_WINDOWS = ("import sys\n"
                 "sys.stdout.reconfigure(encoding='cp1252', errors='strict')\n"
                 "sys.stderr.reconfigure(encoding='cp1252', errors='backslashreplace')\n"
                 "from vaultnet.cli import main\n"
                 "main()\n")
WAYS = ["as on Windows", "PYTHONIOENCODING=cp1252"]
ENCODED = {"as on Windows": ("utf-8",), "PYTHONIOENCODING=cp1252": ("cp1252", "replace")}


def vaultnet(way: str, *args: object) -> subprocess.CompletedProcess[bytes]:
    """`vaultnet ARGS`, its output a pipe whose encoding has no room for most names."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    if way == "as on Windows":
        argv = [sys.executable, "-c", AS_ON_WINDOWS]
    else:
        argv, env["PYTHONIOENCODING"] = [sys.executable, "-m", "vaultnet"], "cp1252"
    return subprocess.run([*argv, *map(str, args)], env=env, capture_output=True, timeout=120)


@pytest.fixture
def vault(make_vault) -> Path:
    return make_vault({
        ".obsidian/app.json": "{}",
        YAMADA: person("山田太郎", "## Log\n- 2026-01-10 Tea #met\n- [ ] 本を送る 📅 2026-11-20\n",
                       role="mentor", cadence="30d", topics="[日本語]", birthday="1990-02-30"),
        "People/Ольга Петрова.md": person("Ольга Петрова", "## Log\n- 2026-11-02 Hello #outreach\n",
                                        birthday="1985-13-01"),
        "People/Käthe Schön.md": person("Käthe Schön", "## Log\n- 2026-11-20 Lunch #met\n",
                                        role="friend", cadence="90d"),
    })


@pytest.mark.parametrize("way", WAYS)
def test_log_writes_its_line_once_and_says_so(vault, way):
    before = (vault / YAMADA).read_bytes()
    done = vaultnet(way, "log", "山田太郎", "Tea in 京都", "--met", "--vault", vault, "--today", TODAY)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == "People/山田太郎.md:11: - 2026-11-25 Tea in 京都 #met\n".encode(
        *ENCODED[way])
    assert (vault / YAMADA).read_bytes() == before.replace(
        b"#met\n", "#met\n- 2026-11-25 Tea in 京都 #met\n".encode())


@pytest.mark.parametrize("way", WAYS)
def test_add_creates_the_note_and_succeeds(vault, way):
    done = vaultnet(way, "add", "Łukasz Żak", "--vault", vault, "--today", TODAY)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == "created People/Łukasz Żak.md\n".encode(*ENCODED[way])
    assert (vault / "People/Łukasz Żak.md").is_file()


@pytest.mark.parametrize("way", WAYS)
def test_due_json_is_json_a_script_reads_every_name_from(vault, run, way):
    done = vaultnet(way, "due", "--json", "--vault", vault, "--today", TODAY)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.isascii()
    agenda = json.loads(done.stdout)
    assert agenda == json.loads(run("due", "--json", "--vault", vault, "--today", TODAY).stdout)
    assert [p["person"] for p in agenda["promises"]] == ["山田太郎"]
    assert [p["text"] for p in agenda["promises"]] == ["本を送る"]
    assert [p["person"] for p in agenda["outreach"]] == ["Ольга Петрова"]


@pytest.mark.parametrize("command", ["check", "due", "people", "sync"])
@pytest.mark.parametrize("way", WAYS)
def test_every_command_says_all_it_has_to_say(vault, run, tmp_path, way, command):
    """What it prints in a UTF-8 terminal, in the stream's encoding, and the same exit status;
    `sync` writes the same notes."""
    twin = tmp_path / "twin"
    shutil.copytree(vault, twin)
    done = vaultnet(way, command, "--vault", vault, "--today", TODAY)
    expected = run(command, "--vault", twin, "--today", TODAY)
    assert done.stderr == b""
    assert (done.returncode, done.stdout) == (expected.exit_code,
                                              expected.stdout.encode(*ENCODED[way]))
    assert "山田太郎" in expected.stdout
    if command == "sync":
        assert (vault / "Network/Topics/日本語.md").read_bytes() == \
            (twin / "Network/Topics/日本語.md").read_bytes()


@pytest.mark.parametrize("way", WAYS)
def test_an_error_names_what_it_is_about(vault, way):
    before = (vault / YAMADA).read_bytes()
    done = vaultnet(way, "log", "山田太", "x", "--vault", vault, "--today", TODAY)
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr == ('Error: no person called "山田太"; did you mean 山田太郎 '
                           '(People/山田太郎.md)?\n').encode(*ENCODED[way])
    assert (vault / YAMADA).read_bytes() == before


@pytest.mark.parametrize("way", WAYS)
def test_help_shows_the_emoji_it_can(way):
    """`log --help` names `## Log 📝`, which no code page holds."""
    done = vaultnet(way, "log", "--help")
    assert (done.returncode, done.stderr) == (0, b"")
    assert "`## Log 📝`".encode(*ENCODED[way]) in done.stdout


def test_an_error_handler_the_user_names_is_kept(vault):
    """`PYTHONIOENCODING=latin-1:backslashreplace` is the user's own choice, handler and all."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUTF8"}
    env["PYTHONIOENCODING"] = "latin-1:backslashreplace"
    done = subprocess.run([sys.executable, "-m", "vaultnet", "due", "--vault", str(vault),
                           "--today", str(TODAY)], env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert b"\\u5c71\\u7530\\u592a\\u90ce" in done.stdout  # (山田太郎, as the handler writes it)


@pytest.mark.parametrize("handler", ["strict", "bogus"])
def test_a_handler_that_would_fail_the_command_is_not_kept(vault, handler):
    """A review: `latin-1:strict` made `log` write its line, then fail (and log twice, run
    again); an unknown handler failed every command."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUTF8"}
    env["PYTHONIOENCODING"] = f"latin-1:{handler}"
    before = (vault / YAMADA).read_bytes()
    done = subprocess.run([sys.executable, "-m", "vaultnet", "log", "山田太郎", "Tea", "--vault",
                           str(vault), "--today", str(TODAY)], env=env, capture_output=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert (vault / YAMADA).read_bytes().count(b"Tea\n") == before.count(b"Tea\n") + 1


# -- a locale whose charset is not UTF-8 ----------------------------------------------------------

LOCALE_VAULT = {
    "People/Tomás Herrera.md": person("Tomás Herrera", "## Log\n- 2026-11-18 Call #call\n",
                                      role="advisee", topics="[café]"),
    "People/Lucas.md": person("Lucas", "## Log\n- 2026-11-18 Call #call\n", role="peer",
                              knows='["[[Tomás Herrera]]"]'),
    "People/Taro.md": person("Taro", role="friend", topics="[機械学習]"),
}


def test_a_locale_of_another_charset_is_refused_and_utf8_mode_reads_names_as_obsidian(
        make_vault, tmp_path):
    """Under the C locale with Python's coercion to UTF-8 turned off (file names in ASCII, as in a
    Latin-1 locale in Latin-1), vaultnet says how to run it and touches nothing; in Python's UTF-8
    mode, there, it reads the same notes and writes the same pages as in a UTF-8 locale, and
    takes arguments as typed."""
    utf8, other = make_vault(LOCALE_VAULT), tmp_path / "other"
    shutil.copytree(utf8, other)
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LANG", "LC_CTYPE")}

    def run(root: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "vaultnet", *args, "--vault", str(root),
                               "--today", str(TODAY)], env={**env, **extra}, capture_output=True,
                              timeout=120)

    ascii_only = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    probe = subprocess.run([sys.executable, "-c", "import sys; print(sys.getfilesystemencoding())"],
                           env={**env, **ascii_only}, capture_output=True, text=True)
    assert probe.stdout.strip() == "ascii"  # (what the test stands on)
    before = snapshot(other)
    refused = run(other, "sync", **ascii_only)
    assert (refused.returncode, refused.stdout) == (1, b"")
    assert refused.stderr.decode().startswith("Error: this Python names files in ascii")
    assert "PYTHONUTF8=1" in refused.stderr.decode() and snapshot(other) == before
    expected = run(utf8, "sync", LC_ALL="C.UTF-8")
    done = run(other, "sync", **{**ascii_only, "PYTHONUTF8": "1"})
    assert (done.returncode, done.stdout, done.stderr) == (0, expected.stdout, b"")
    assert {p.relative_to(other): p.read_bytes() for p in (other / "Network").rglob("*")
            if p.is_file()} == {p.relative_to(utf8): p.read_bytes()
                                for p in (utf8 / "Network").rglob("*") if p.is_file()}
    brief = run(other, "brief", "Tomás Herrera", **{**ascii_only, "PYTHONUTF8": "1"})
    assert brief.returncode == 0 and brief.stdout.startswith("Tomás Herrera (advisee)".encode())
