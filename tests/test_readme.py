"""The README is the front door: its session must be real, and every command documented."""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from vaultnet.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_blocks() -> list[list[tuple[str, str]]]:
    """Each ```console block as a list of (command, expected output)."""
    blocks = []
    for block in re.findall(r"```console\n(.*?)```", README, re.DOTALL):
        steps: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
        blocks.append([(cmd, "\n".join(out) + "\n" if out else "") for cmd, out in steps])
    return blocks


def test_readme_has_a_session():
    commands = [cmd for block in console_blocks() for cmd, _ in block]
    assert "vaultnet sync --vault sample_vault --today 2026-11-25" in commands
    assert any(cmd.startswith("vaultnet due") for cmd in commands)


def committed_sample_vault(dest: Path) -> None:
    """sample_vault as committed: a reader who ran the README's session has changed their copy."""
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", "sample_vault"],
                                 capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (an unpacked sdist)
        shutil.copytree(ROOT / "sample_vault", dest / "sample_vault",
                        ignore=shutil.ignore_patterns("Network"))
        return
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
        else:  # Python 3.11 before 3.11.4 has no extraction filters (the archive is git's own)
            tar.extractall(dest)


def test_readme_session_is_real(tmp_path, monkeypatch):
    """Run every command of the README's session, in order, on a fresh copy of sample_vault."""
    committed_sample_vault(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VAULTNET_VAULT", raising=False)
    for block in console_blocks():
        for command, expected in block:
            args = shlex.split(command)
            if args[0] == "vaultnet":
                output = CliRunner().invoke(cli, args[1:], catch_exceptions=False).output
            else:
                output = subprocess.run(from_checkout(args), capture_output=True, text=True,
                                        check=True).stdout
            assert output == expected, f"README output of `{command}` is out of date"


def from_checkout(args: list[str]) -> list[str]:
    """`python benchmarks/x.py …` runs the checkout's script with this Python, wherever the
    session runs; any other command runs as written."""
    if args[0] == "python" and args[1].startswith("benchmarks/"):
        return [sys.executable, str(ROOT / args[1]), *args[2:]]
    return args


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_is_documented(name):
    command = cli.commands[name]
    assert command.help and "Example:" in command.help, f"{name} needs help with an example"
    assert re.search(rf"^\| `vaultnet {name}[ `]", README, re.MULTILINE), \
        f"{name} is missing from the README's command table"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "--vault" in result.output


def _commands(group=cli, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("names", [names for names, _ in _commands()], ids=" ".join)
def test_each_example_in_the_help_is_one_line_to_copy(names):
    """Click rewraps a paragraph to the terminal's width unless `\\b` keeps it: `people`'s two
    examples ran into one line, `import mail`'s split `--dry-run` at its hyphen."""
    output = CliRunner().invoke(cli, [*names, "--help"], terminal_width=60).output
    example = output.split("Example:\n", 1)[1].strip("\n").split("\n\n", 1)[0]
    lines = example.splitlines()
    assert lines and all(line.strip().startswith("vaultnet ") for line in lines), example


SET_UP = "python3 -m venv .venv && . .venv/bin/activate && pip install -e "


def test_readme_set_up_commands():
    """Both commands work where the system Python refuses `pip install`; CI runs the second."""
    assert f"{SET_UP}. && vaultnet sync --vault sample_vault --today 2026-11-25\n" in README
    assert f"{SET_UP}'.[test]' && pytest\n" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f'bash -c "{SET_UP}\'.[test]\' && pytest"' in ci


def test_shell_completion_works_as_documented():
    """The README's completion line: click's bash script, and completions from it."""
    assert '_VAULTNET_COMPLETE=bash_source vaultnet' in README
    env = {**os.environ, "_VAULTNET_COMPLETE": "bash_source"}
    script = subprocess.run([sys.executable, "-m", "vaultnet"], env=env, capture_output=True,
                            text=True, check=True)
    assert "complete " in script.stdout and "_VAULTNET_COMPLETE=bash_complete" in script.stdout
    env = {**os.environ, "_VAULTNET_COMPLETE": "bash_complete", "COMP_WORDS": "vaultnet im",
           "COMP_CWORD": "1"}
    words = subprocess.run([sys.executable, "-m", "vaultnet"], env=env, capture_output=True,
                           text=True, check=True)
    assert words.stdout.split() == ["plain,import"]
