"""`vaultnet done`: tick off an open promise in a person's note, the way the Tasks plugin does.

`- [ ] Send the deck 📅 2026-12-01` becomes `- [x] Send the deck 📅 2026-12-01 ✅ 2026-11-25`:
one line changed, every other byte kept, checked by reading the note back, and written only if the
note still holds what was read (promise 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from vaultnet.base.conventions import Conventions
from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Note, Task
from vaultnet.base.settings import load_settings
from vaultnet.base.text import key
from vaultnet.edits.lines import LINE, change_note, ending
from vaultnet.network.index import VaultIndex, find_person
from vaultnet.parse.note import parse_note
from vaultnet.read.obsidian import read_conventions

# An open task's box, after its list marker (and the marks of a quote or callout it is in).
_OPEN_BOX = re.compile(r"^((?:[ \t]*>[ \t]?)*[ \t]*(?:[-*+]|\d+[.)])[ \t]+)\[[ /]\]")


@dataclass(frozen=True)
class Ticked:
    path: str
    line: int  # 1-based
    text: str


def tick_promise(root: Path, index: VaultIndex, name: str, words: str, day: date) -> Ticked:
    """Mark done the one open task of NAME's note whose text holds `words` (any case); of
    several, the one whose text is just `words`, if one is (`Send her the paper` beside `Send her
    the paper draft`, which no more words could tell apart)."""
    person = find_person(index, name)
    wanted = key(words)
    open_tasks = [t for t in person.tasks if not t.done]
    matches = [t for t in open_tasks if wanted in key(t.text)]
    if len(matches) > 1:
        matches = [t for t in matches if key(t.text) == wanted] or matches
    if not matches:
        raise VaultnetError(f"{person.path}: no open task holds {words!r}; open: "
                            f"{_listed(open_tasks)}")
    if len(matches) > 1:
        raise VaultnetError(f"{person.path}: {len(matches)} open tasks hold {words!r} "
                            f"({_listed(matches)}); say more of the one you mean")
    task = matches[0]
    conventions = read_conventions(root, load_settings(root))

    def tick(before: bytes) -> bytes:
        after = _ticked(before, task, day, person.path)
        _check(person.path, before, after, task, conventions)
        return after

    change_note(root, person.path, tick, "ticking a task in")
    return Ticked(person.path, task.line, task.text)


def _listed(tasks: list[Task]) -> str:
    return "; ".join(f"line {t.line}: {t.text}" for t in tasks) or "none"


def _ticked(data: bytes, task: Task, day: date, path: str) -> bytes:
    """The note's bytes with the task's line ticked and dated, every other byte as it was."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise VaultnetError(f"{path}: not UTF-8 text; nothing was written") from None
    lines = LINE.findall(text)
    at = task.line - 1
    line = lines[at] if 0 <= at < len(lines) else ""
    box = _OPEN_BOX.match(line.removeprefix("\ufeff") if at == 0 else line)
    if box is None:
        raise VaultnetError(f"{path}:{task.line}: the task is not where vaultnet read it; "
                            "nothing was written")
    eol = ending(line)
    body = line[:len(line) - len(eol)]
    start = len(line) - len(line.removeprefix("\ufeff")) if at == 0 else 0
    ticked = body[:start + len(box[1])] + "[x]" + body[start + box.end():]
    lines[at] = f"{ticked.rstrip()} ✅ {day.isoformat()}{eol}"
    return "".join(lines).encode("utf-8")


def _check(path: str, before: bytes, after: bytes, task: Task, conventions: Conventions) -> None:
    """The note must read back as it was, but for that one task, now done."""
    old, new = (_parsed(path, data, conventions) for data in (before, after))
    same = [(t.text, t.done, t.due) for t in old.tasks if t.line != task.line]
    if new.fields != old.fields or new.entries != old.entries or \
            [(t.text, t.done, t.due) for t in new.tasks if t.line != task.line] != same or \
            not any(t.line == task.line and t.done for t in new.tasks):
        raise VaultnetError(f"{path}:{task.line}: vaultnet cannot tick this task without changing "
                            "how the note reads; nothing was written. Tick it by hand")


def _parsed(path: str, data: bytes, conventions: Conventions) -> Note:
    return parse_note(path, data.decode("utf-8").removeprefix("\ufeff"), conventions)
