"""`vaultnet promise` and `vaultnet done`: a promise added to a person's note, and one ticked off,
the way the Tasks plugin writes them.

`promise` inserts `- [ ] Send the deck 📅 2026-12-01` right after the note's last task, else at
the end of its Tasks section, else in a `## Tasks` made at its end. `done` makes one
`- [x] Send the deck 📅 2026-12-01 ✅ 2026-11-25`. Either changes one line and keeps every other
byte, checks the note by reading it back, and writes only if the note still holds what was read
(promise 1).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from vaultnet.base.conventions import Conventions
from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Note, Task
from vaultnet.base.settings import load_settings
from vaultnet.base.text import key
from vaultnet.edits.lines import LINE, change_note, ending, one_line
from vaultnet.edits.log_entry import (
    Layout,
    after_last_item,
    end_of_section,
    insert_line,
    line_at,
    refuse_comment_left_open,
)
from vaultnet.insight.agenda import PROMISE_HORIZON_DAYS, is_theirs
from vaultnet.insight.brief import as_shown
from vaultnet.network.index import VaultIndex, find_person
from vaultnet.parse.links import without_code
from vaultnet.parse.note import BLOCK_ID, COMMENT, DONE_MARK, DUE_MARKS, OPEN_BOXES, parse_note
from vaultnet.read.obsidian import read_conventions

# An open task's box, after its list marker (and the marks of a quote or callout it is in).
_OPEN_BOX = re.compile(r"^((?:[ \t]*>[ \t]?)*[ \t]*(?:[-*+]|\d+[.)])[ \t]+)\["
                       + f"[{re.escape(OPEN_BOXES)}]" + r"\]")


# The titles of a section of tasks, as `title_words` reads them (`## Tasks`, `## ✅ To-do`,
# `## Promises 🤝`): where a promise goes in a note that has no task yet.
TASK_TITLES = frozenset({("tasks",), ("task",), ("todo",), ("todos",), ("to", "do"),
                         ("to", "dos"), ("promises",), ("promise",), ("action", "items"),
                         ("next", "steps")})
# Why a note gets a `## Tasks` at its end.
NO_TASKS = "no task and no Tasks section (a heading titled Tasks, Promises or To do)"
WAITING = "waiting"  # the tag of a promise they made you: theirs (`is_theirs`)
# A promise's due date when none is given: the agenda's own window, so that it shows at once.
WAIT = timedelta(days=PROMISE_HORIZON_DAYS)
# What would read as a due date of the text's own, besides ours: the Tasks plugin's marks (any:
# two would confuse it), and the forms the reader takes, `(due 2026-12-01)` and `[due:: …]`.
_OWN_DUE = re.compile(rf"[{DUE_MARKS}]|(\(due):{{0,2}}[ \t]*\d{{4}}-\d{{2}}-\d{{2}}|\[due::",
                      re.IGNORECASE)
# The Tasks plugin's mark of a promise that repeats (`🔁 every month`): ticked, it writes the next.
REPEATS = "🔁"
# A task's box, with the list marker before it, at the start of a text: a task written whole.
_BOX = re.compile(r"[ \t]*(?:[-*+][ \t]+)?\[ \][ \t]*")
_DATED_DUE = re.compile(r"[ \t]*📅\ufe0f?[ \t]*(\d{4}-\d{2}-\d{2})?")
_OPEN_LINK = re.compile(r"\[\[(?!.*\]\])")  # a wikilink never closed on its line


@dataclass(frozen=True)
class Promised:
    path: str
    line: int  # 1-based, in the note as written now
    text: str  # that line as written (its list marker, its quote marks), without its line end
    new_section: bool = False  # the line is in a `## Tasks` made for it at the note's end


def due_by_default(today: date) -> date:
    """A promise's due date when none is given: a week from today, the agenda's window, so that
    `vaultnet due` shows it at once (one without a date would never come due)."""
    return today + WAIT


def promise_line(text: str, due: date, theirs: bool = False) -> tuple[str, str]:
    """`- [ ] Send the paper 📅 2026-12-01`, and the task's text as the reader will read it;
    `theirs` (a promise they made you) adds `#waiting` unless the text has that tag already.
    Text that would not read back as that open task, due that day, is refused, naming why."""
    text = _promise_text(text)
    if theirs and not is_theirs(text):
        text = f"{text} #{WAITING}"
    return f"- [ ] {text} 📅 {due.isoformat()}", text


def _promise_text(text: str) -> str:
    """The text of a promise, one line with its white space collapsed; refused, naming why, if
    it would not read back as that text of an open task with our due date."""
    what = "the promise's text"
    try:
        text = one_line(text, what)
    except VaultnetError as err:
        raise VaultnetError(f"{err.message}; nothing was written") from None
    if _BOX.match(text):
        raise VaultnetError(f"{what} is the promise's words alone: leave out the box (`[ ]`), "
                            f"which vaultnet writes; nothing was written: {text!r}")
    refuse_comment_left_open(text, what)
    if COMMENT.search(without_code(text)) is not None:  # (`%%` in a code span is text)
        raise VaultnetError(f"{what} holds a comment, which Obsidian hides, so the task would not "
                            f"read as written; leave it out; nothing was written: {text!r}")
    if (own := _OWN_DUE.search(text)) is not None:
        raise VaultnetError(f"{what} has a due date of its own ({own[1] or own[0]}): give the day "
                            f"with --due alone; nothing was written: {text!r}")
    if (done := DONE_MARK.search(text)) is not None:
        raise VaultnetError(f"{what} would read as done ({done[0]}), not as a promise still open; "
                            f"leave that out; nothing was written: {text!r}")
    if _OPEN_LINK.search(text):
        raise VaultnetError(f"{what} opens a link (`[[`) that it never closes: close it with `]]`; "
                            f"nothing was written: {text!r}")
    return text


def as_promise(text: str) -> tuple[str, date | None] | None:
    """If `text`, given to log, is a promise (it has a 📅 due date, or starts with a task's box,
    `[ ]` or `- [ ]`): its words without those, and its due date if it has one; else None."""
    box = _BOX.match(text)
    if box is None and "📅" not in text:
        return None
    words = text[box.end():] if box else text
    found = _DATED_DUE.search(words)
    day = None
    if found is not None:
        words = words[:found.start()] + " " + words[found.end():]
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(found[1]) if found[1] else None
    return " ".join(words.split()), day


def add_promise(root: Path, index: VaultIndex, name: str, line: str, text: str,
                due: date) -> Promised:
    """Add `line` (from `promise_line`, whose task's text is `text`) to the note of the person
    `name` means (`insert_promise`), if the note reads back as it was plus that open task."""
    person = find_person(index, name)
    conventions = read_conventions(root, load_settings(root))
    added: list[Promised] = []

    def add(before: bytes) -> bytes:
        after, number, new_section = insert_promise(before, line, person.path, conventions)
        _check_promise(person.path, before, after, number, (text, False, due), conventions)
        added.append(Promised(person.path, number, line_at(after, number), new_section))
        return after

    change_note(root, person.path, add, "adding a promise to")
    return added[0]


def insert_promise(data: bytes, line: str, path: str,
                   conventions: Conventions) -> tuple[bytes, int, bool]:
    """`data` with the task `line` added where a user of the Tasks plugin keeps tasks: right
    after the note's last task (open or done, as the reader finds it), in that task's list;
    else at the end of the first section titled Tasks, Promises or To do (`TASK_TITLES`); else
    in a `## Tasks` made at the end. The new line's number, and whether the section was made."""

    def place(note: Layout) -> tuple[int, str] | None:
        read = parse_note(path, "".join(note.lines), conventions)
        tasks = [task.line - 1 for task in read.tasks]
        return after_last_item(note, tasks) if tasks else end_of_section(note, TASK_TITLES)

    return insert_line(data, line, path, place, "## Tasks")


def _check_promise(path: str, before: bytes, after: bytes, number: int,
                   task: tuple[str, bool, date], conventions: Conventions) -> None:
    """The note must read back as it was, plus the open `task` (text, done, due) at `number`."""
    old, new = (_parsed(path, data, conventions) for data in (before, after))
    added = [(t.text, t.done, t.due) for t in new.tasks if t.line == number]
    if added != [task]:
        raise VaultnetError(f"{path}:{number}: the promise would not read back as that task "
                            f"({task[0]!r}, due {task[2].isoformat()}); nothing was written. "
                            "Add it by hand")
    if new.fields != old.fields \
            or [(e.day, e.text) for e in new.entries] != [(e.day, e.text) for e in old.entries] \
            or [(t.text, t.done, t.due) for t in new.tasks if t.line != number] \
            != [(t.text, t.done, t.due) for t in old.tasks]:
        raise VaultnetError(f"{path}: adding the promise at line {number} would change how "
                            "vaultnet reads the note's other lines; nothing was written. Add it by "
                            "hand")


@dataclass(frozen=True)
class Ticked:
    path: str
    line: int  # 1-based
    text: str
    alike: int = 1  # the open tasks of this very text, the one ticked among them


def tick_promise(root: Path, index: VaultIndex, name: str, words: str, day: date) -> Ticked:
    """Mark done the one open task of NAME's note whose text holds `words` (any case, from a
    word's start: `paper` is not in `newspaper`; else each of its words, or the start of a word,
    in any order: `send the paper` for `Send her the paper`); of
    several, the one whose text is just `words`, if one is (`Send her the paper` beside `Send her
    the paper draft`, which no more words could tell apart); of several of the very same text
    (a promise written twice, which no words could tell apart either), the one due first, and
    of those the first in the note. A task's text is taken as written and as Obsidian and the
    agenda show it (`Send [[Paper X|the paper]]` is `Send the paper` too)."""
    person = find_person(index, name)
    wanted = key(words)
    open_tasks = [t for t in person.tasks if not t.done]
    shown = {t.line: key(as_shown(t.text)) for t in open_tasks}
    phrase = re.compile(rf"(?<!\w){re.escape(wanted)}")  # (from a word's start: never inside one)
    matches = [t for t in open_tasks
               if phrase.search(key(t.text)) or phrase.search(shown[t.line])] or \
        [t for t in open_tasks if _holds_each_word(key(t.text), wanted)
         or _holds_each_word(shown[t.line], wanted)]
    if len(matches) > 1:
        matches = [t for t in matches if wanted in (key(t.text), shown[t.line])] or matches
    alike = len(matches)
    if alike > 1 and len({shown[t.line] for t in matches}) == 1:
        matches = [min(matches, key=_due_first)]
    if not matches:
        raise VaultnetError(f"{person.path}: no open task holds {words!r}; open: "
                            f"{_listed(open_tasks)}")
    if len(matches) > 1:
        raise VaultnetError(f"{person.path}: {len(matches)} open tasks hold {words!r} "
                            f"({_listed(matches)}); say more of the one you mean")
    task = matches[0]
    if REPEATS in task.text:
        raise VaultnetError(
            f"{person.path}:{task.line}: the promise repeats ({REPEATS}{task.text.partition(REPEATS)[2]})"
            ": tick it in Obsidian, where the Tasks plugin writes its next one; ticked here, it "
            "would repeat no more. Nothing was written")
    conventions = read_conventions(root, load_settings(root))

    def tick(before: bytes) -> bytes:
        after = _ticked(before, task, day, person.path)
        _check(person.path, before, after, task, conventions)
        return after

    change_note(root, person.path, tick, "ticking a task in")
    return Ticked(person.path, task.line, task.text, alike)


def _due_first(task: Task) -> tuple[bool, date, int]:
    """A task's place among tasks of the same text: by its due date, the undated last, then by
    its line."""
    return task.due is None, task.due or date.min, task.line


def _holds_each_word(text: str, words: str) -> bool:
    """Whether `text` holds each of `words`' words, each as a word or the start of one (`send`
    for `sending`, never `paper` for `newspaper`)."""
    found = _WORD.findall(text)
    wanted = _WORD.findall(words)
    return bool(wanted) and all(any(other.startswith(word) for other in found) for word in wanted)


_WORD = re.compile(r"\w+")


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
    # (Before its block id, which Obsidian reads only at the line's end; its spaces kept.)
    kept = ticked.rstrip()
    block = BLOCK_ID.search(kept)
    at_id = block.start() if block else len(kept)
    lines[at] = f"{kept[:at_id]} ✅ {day.isoformat()}{kept[at_id:]}{ticked[len(kept):]}{eol}"
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
