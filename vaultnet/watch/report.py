"""What `vaultnet watch` tells the user: a line a round, each warning once, each error once, and
every round each generated note left unwritten (a hand edit in the way): it is out of date. Each
line is shown as the other commands show theirs (`printable`): a note's name cannot move the
cursor or disguise itself."""

from __future__ import annotations

import logging

from vaultnet.base.text import printable
from vaultnet.pipeline.sync import SyncResult
from vaultnet.write.report import WriteReport

log = logging.getLogger("vaultnet.watch")


class RoundLog:
    """Log each round in one line, and its warnings and errors only when they are new."""

    def __init__(self) -> None:
        self._warned: set[str] = set()
        self._last_error = ""

    def built(self, result: SyncResult, reason: str, seconds: float) -> None:
        """Log what a round read, wrote and deleted, then the warnings the round before had not."""
        self._last_error = ""
        refresh, writes = result.vault.refresh, result.writes
        read = refresh.changed if reason != "start" else []
        what = []
        if read:
            what.append(f"read {name_some(read)}")
        if refresh.removed:
            what.append(f"gone {name_some(refresh.removed)}")
        what += written_words(writes)
        if writes.deleted or writes.retired:  # (its own stale pages; a folder's before)
            what.append(f"deleted {name_some([*writes.deleted, *writes.retired])}")
        if reason == "start":
            what.insert(0, f"synced {len(result.vault.index.notes)} notes")
        log.info("%s in %.2f s: %s", reason, seconds, printable("; ".join(what)))
        warnings = {f"{p.path}{f':{p.line}' if p.line else ''}: {p.message}"
                    for p in result.vault.problems}
        warnings |= {f"{p.path}: {p.message} ({p.hint})" for p in writes.failed}
        for warning in sorted(warnings - self._warned):  # each once, not on every round
            log.warning("%s", printable(warning))
        self._warned = warnings
        # A note left unwritten goes stale while the vault changes: said on every round, so that
        # no round's log reads as if it were current (PRODUCT.md, promise 2).
        for problem in writes.kept:
            log.warning("%s", printable(f"{problem.path}: {problem.message} ({problem.hint})"))

    def failed(self, message: str, exc_info: bool = False) -> None:
        """Log why a round failed, unless the round before failed the same way."""
        # A round retried for minutes (a vault gone, broken settings) would fill the log otherwise.
        if message != self._last_error:
            log.error("%s", printable(message), exc_info=exc_info)
            self._last_error = message


def written_words(writes: WriteReport) -> list[str]:
    """What a round wrote, and what it could not or would not: "nothing to write" only when there
    was nothing (a round on a read-only disk writes nothing, but had much to write)."""
    changed = writes.created + writes.written
    failed = sorted({p.path for p in writes.failed})
    kept = sorted({p.path for p in writes.kept})
    words = [f"wrote {name_some(changed)}"] if changed else []
    if failed:
        words.append(f"could not write {name_some(failed)}")
    if kept:
        words.append(f"left {name_some(kept)} alone")
    return words or ["nothing to write"]


def name_some(paths: list[str], limit: int = 3) -> str:
    """Name the first `limit` paths, and how many more there are."""
    shown = ", ".join(paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")
