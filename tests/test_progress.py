"""Progress on long work: a bar on stderr when it is a terminal, and nothing when it is not."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from conftest import person

from vaultnet.cli import PROGRESS_MIN


def big_vault(root: Path) -> Path:
    (root / "People").mkdir(parents=True)
    for i in range(PROGRESS_MIN + 1):
        (root / "People" / f"P{i:04d}.md").write_text(person(f"P{i:04d}"), encoding="utf-8")
    return root


def run_with_stderr_on_a_terminal(*args: str) -> tuple[int, str, bytes]:
    """Run vaultnet with stderr on a pseudo-terminal; exit code, stdout and what the terminal got."""
    controller, terminal = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "vaultnet", *args], stdout=subprocess.PIPE,
                              stderr=terminal, text=True, timeout=120)
    finally:
        os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal side is closed: everything has been read
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    return done.returncode, done.stdout, shown


def test_a_large_sync_draws_a_bar_on_a_terminal(tmp_path):
    vault = big_vault(tmp_path / "vault")
    code, stdout, shown = run_with_stderr_on_a_terminal("sync", "--vault", str(vault))
    assert code == 0
    assert b"reading notes" in shown and b"100%" in shown
    assert "Read 1001 notes" in stdout and "reading notes" not in stdout


def test_nothing_on_stderr_when_it_is_not_a_terminal(tmp_path):
    vault = big_vault(tmp_path / "vault")
    done = subprocess.run([sys.executable, "-m", "vaultnet", "sync", "--vault", str(vault)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert done.stderr == ""


def test_a_small_sync_draws_no_bar_even_on_a_terminal(tmp_path):
    vault = tmp_path / "vault"
    (vault / "People").mkdir(parents=True)
    (vault / "People/Ann.md").write_text(person("Ann"), encoding="utf-8")
    code, _, shown = run_with_stderr_on_a_terminal("sync", "--vault", str(vault))
    assert code == 0 and shown == b""
