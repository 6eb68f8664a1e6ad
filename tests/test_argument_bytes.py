"""An argument whose bytes are not UTF-8 (a name typed in a terminal set to Latin-1) is refused by
name, as a control character is, not written into a note nor left to fail as an internal error.

The commands run as processes of their own, given the very bytes: Python holds those it cannot
decode as lone surrogates, which no UTF-8 note can hold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY, person, snapshot

NOT_UTF8 = b"Jos\xe9"  # "José" in Latin-1
JANE = "People/Jane Doe.md"


def vaultnet(vault: Path, *args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "XDG_CACHE_HOME": str(vault.parent / "cache"), "LC_ALL": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "vaultnet", *args, "--vault", str(vault)],
                          capture_output=True, env=env, timeout=60)


@pytest.mark.parametrize(("args", "what"), [
    (("log", "Jane", NOT_UTF8, "--today", TODAY.isoformat()), "the text to log"),
    (("promise", "Jane", NOT_UTF8, "--today", TODAY.isoformat()), "the promise's text"),
    (("add", NOT_UTF8), "the name"),
    (("add", "Bo Li", "--org", NOT_UTF8), "the organisation"),
    (("add", "Bo Li", "--role", NOT_UTF8), "the role"),
    (("add", "Bo Li", "--email", NOT_UTF8), "an email"),
    (("add", "Bo Li", "--topic", NOT_UTF8), "a topic"),
])
def test_text_that_is_not_utf8_is_refused_by_name_and_nothing_is_written(make_vault, args, what):
    vault = make_vault({JANE: person("Jane Doe", "## Log\n- 2026-11-01 Coffee #met\n"),
                        ".obsidian/app.json": "{}"})
    before = snapshot(vault)
    result = vaultnet(vault, *args)
    error = result.stderr.decode("utf-8")
    assert result.returncode == 1, error
    assert error.startswith(f"Error: {what} is not UTF-8 text (b'Jos\\xe9'): set the terminal "
                            "to UTF-8 and give it again"), error
    assert "internal error" not in error and "Traceback" not in error
    assert snapshot(vault) == before
