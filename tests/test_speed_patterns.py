"""The regular expressions a sync after an edit never uses are compiled when first used, not when
the pipe is imported (`compiled_when_used`): each `vaultnet sync` imports the pipe afresh, and
these few took some 8 ms of its imports to compile.

Each is held to what it reads (the tests of conflict copies, the Tasks plugin's due dates, the
VCF plugin's keys, embeds, daily-note formats and vCard dates read them as before); here, that
importing the pipe and a sync after an edit compile none of them, and that each is compiled once.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import TODAY, person, write_files

from vaultnet.base.text import compiled_when_used

# (module, name) of each pattern compiled when first used.
WHEN_USED = (
    ("vaultnet.base.text", "_not_shown_raw"),
    ("vaultnet.base.dates", "_vcard_date"),
    ("vaultnet.parse.note", "_vcf_key_pattern"),
    ("vaultnet.parse.note", "_unread_due_pattern"),
    ("vaultnet.parse.note", "_embed_pattern"),
    ("vaultnet.parse.dated_names", "_moment"),
    ("vaultnet.read.vault", "_conflict_copy"),
    ("vaultnet.insight.agenda", "_tags"),
)

# Imports the pipe as `vaultnet sync` does, then (with a vault) syncs it twice, an edit between:
# prints which patterns were compiled after the imports, and after the second sync.
_CHILD = textwrap.dedent("""
    import importlib, json, sys, time
    from datetime import date
    from pathlib import Path
    import vaultnet.cli, vaultnet.pipeline.sync as pipe
    when_used = [tuple(pair) for pair in json.loads(sys.argv[1])]
    def compiled():
        return [name for module, name in when_used
                if getattr(importlib.import_module(module), name).cache_info().currsize]
    found = {"imported": compiled()}
    if len(sys.argv) > 2:
        import vaultnet.pipeline.cache as cache  # (written as if an hour after the notes)
        cache._now_ns = lambda: time.time_ns() + 3600 * 10**9
        vault, today = Path(sys.argv[2]), date.fromisoformat(sys.argv[3])
        pipe.cached_sync(vault, today)  # (the cache saved, for the next)
        for module, name in when_used:
            getattr(importlib.import_module(module), name).cache_clear()
        import vaultnet.pipeline.note_store as note_store
        parsed, parse = [], note_store.parse_note
        note_store.parse_note = lambda path, *rest: parsed.append(path) or parse(path, *rest)
        with open(vault / "People" / "Ann Lee.md", "a", encoding="utf-8") as note:
            note.write("- 2026-11-24 Call about the move #call\\n")
        pipe.cached_sync(vault, today)
        found["after an edit"], found["parsed"] = compiled(), parsed
    print(json.dumps(found))
""")


def _run(*args: str, env: dict[str, str] | None = None) -> dict[str, list[str]]:
    done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(WHEN_USED), *args],
                          capture_output=True, text=True, check=True, env=env)
    return json.loads(done.stdout)


def test_importing_the_pipe_compiles_none_of_them() -> None:
    assert _run() == {"imported": []}


def test_a_sync_after_an_edit_compiles_none_of_them(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    write_files(vault, {
        "People/Ann Lee.md": person("Ann Lee", "## Log\n- 2026-11-01 Lunch with [[Bo Chen]] #met\n"
                                    "- [ ] Send her the slides 📅 2026-11-28\n", role="mentor"),
        "People/Bo Chen.md": person("Bo Chen", "## Log\n- 2026-11-02 Call #call\n", role="peer"),
        "Daily/2026-11-20.md": "- Coffee with [[Ann Lee]]\n",
    })
    found = _run(str(vault), TODAY.isoformat(),
                 env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert found["parsed"] == ["People/Ann Lee.md"]  # (the edited note alone: through the cache)
    assert found["after an edit"] == []


def test_each_is_compiled_once_when_first_used() -> None:
    pattern = r"(?P<unique>compiled when used \d+)"
    compiled = compiled_when_used(pattern, re.IGNORECASE)
    assert compiled.cache_info().currsize == 0  # type: ignore[attr-defined]
    first = compiled()
    assert first.pattern == pattern and first.flags & re.IGNORECASE
    assert first.fullmatch("Compiled When Used 42")
    assert compiled() is first
    assert compiled.cache_info().currsize == 1  # type: ignore[attr-defined]
