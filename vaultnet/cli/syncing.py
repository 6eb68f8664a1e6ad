"""The commands that keep the generated notes current: sync, check and watch."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultnet.base.text import plural, printable
from vaultnet.cli.options import (
    import_the_pipe,
    json_option,
    kept_until_exit,
    leaving_at_once,
    load_vault,
    notes_with_problems,
    print_json,
    problem_line,
    progress_bar,
    resolve_today,
    today_option,
    vault_option,
)

if TYPE_CHECKING:  # the pipe is imported only by the commands that run it, to start fast
    from vaultnet.pipeline.summary import Summary
    from vaultnet.pipeline.sync import SyncResult
    from vaultnet.write.report import WriteReport

# The problems a sync names after counting them; `vaultnet check` names every one.
SHOWN_PROBLEMS = 10


@click.command()
@vault_option
@today_option
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--no-cache", is_flag=True, help="Read every note, and leave the cache alone.")
@click.option("--reclaim", is_flag=True,
              help="Keep each generated note edited by hand under a name that says so "
              "(Follow-ups (edited DATE).md) and write it afresh.")
@json_option
def sync(vault: Path, today: date | None, dry_run: bool, no_cache: bool, reclaim: bool,
         as_json: bool) -> None:
    """Read the vault and write the generated notes.

    Notes with problems are reported and skipped; everything else is synced. Exits 1 only when a
    generated note had to be left unwritten (a hand edit or your own file in the way) or a write
    failed. A generated note edited by hand is left alone and reported on every run, out of date;
    --reclaim keeps your version beside it, as "Follow-ups (edited 2026-11-25).md", and writes it
    afresh. A change that only rewrites links (Obsidian does that to every note when you rename
    one) is no hand edit. What was read is kept in a cache outside the vault
    ($XDG_CACHE_HOME/vaultnet), so that the next sync reads only the notes that changed.

    Example:

    \b
        vaultnet sync --vault ~/Notes --today 2026-11-25
        vaultnet sync --vault ~/Notes --reclaim --dry-run
    """
    from vaultnet.pipeline.cache import Lookup, ParseCache, Unchanged, look
    from vaultnet.pipeline.one_at_a_time import after_this_sync, as_found, one_sync_at_a_time

    day = resolve_today(today)
    cache = ParseCache(vault)
    # The cache's save, when this process leaves as soon as the command is done: done once the
    # lock is let go of and what was done has been said, by a child that outlives this process
    # if one can be had (forked after the printing, which would otherwise copy each page of
    # objects it touches; and not under the lock, which a slow reader would hold).
    later: list[Callable[[], None]] | None = kept_until_exit([]) if leaving_at_once() else None
    with one_sync_at_a_time(vault, _waiting, cache):  # (another sync of the vault ends first)
        # (A large vault is walked by a child meanwhile: see `look`.)
        looked: Lookup | None = None if no_cache else kept_until_exit(
            look(vault, day, dry_run, cache, meanwhile=import_the_pipe))
        result: SyncResult | Unchanged
        if looked is not None and looked.unchanged is not None:
            result = looked.unchanged  # nothing changed: nothing to read, build or write
        else:
            from vaultnet.pipeline.sync import cached_sync
            from vaultnet.pipeline.sync import sync as run_sync

            with progress_bar("reading notes") as progress:
                result = kept_until_exit(
                    run_sync(vault, day, dry_run=dry_run, progress=progress, reclaim=reclaim)
                    if looked is None
                    else cached_sync(vault, day, dry_run=dry_run, progress=progress,
                                     looked=looked, reclaim=reclaim, save_later=later))
        found = as_found(cache)
    try:
        if as_json:
            print_json({**result.as_dict(), "reclaimed": [
                {"path": path, "kept_as": kept_as} for path, kept_as in result.writes.reclaimed]})
        else:
            _print_sync(result.summary, result.writes, dry_run)
    finally:  # (saved though the output's reader is gone: `vaultnet sync | head -1`)
        for save in later or ():
            after_this_sync(save, vault, cache, found)
    if not result.writes.ok:
        sys.exit(1)


def _waiting() -> None:
    click.echo("Another vaultnet is syncing this vault: waiting for it to finish.", err=True)


def _print_sync(summary: Summary, writes: WriteReport, dry_run: bool) -> None:
    from vaultnet.render.markdown import followups_path

    output = summary.output_folder
    click.echo(f"Read {plural(summary.notes, 'note')}: "
               f"{plural(summary.people, 'person', 'people')}, "
               f"{plural(summary.daily_notes, 'daily note')}.")
    if summary.reading is not None and not summary.reading.is_default:
        from vaultnet.render.reading import format_reading

        for line in format_reading(summary.reading):
            click.echo(line)
    for path, kept_as in writes.reclaimed:
        click.echo(printable(f"{'Would keep' if dry_run else 'Kept'} your edit of {path} as "
                             f"{kept_as}"))
    for verb, done, paths in (("create", "Created", writes.created),
                              ("update", "Updated", writes.written),
                              ("delete", "Deleted", writes.deleted)):
        action = f"Would {verb}" if dry_run else done
        if len(paths) > 8:
            click.echo(printable(f"{action} {len(paths)} notes in {output}/"))
        else:
            for path in paths:
                click.echo(f"{action} {printable(path)}")
    if not (writes.created or writes.written or writes.deleted or writes.kept or writes.failed):
        click.echo(printable(f"Nothing to write: {output}/ is up to date."))
    # Never point at the agenda as current when it was left unwritten (PRODUCT.md, promise 2).
    agenda = followups_path(output)
    if agenda in writes.edited:
        where = (f"{agenda} is out of date: it was edited by hand; run `vaultnet sync --reclaim` "
                 "to keep your edit under another name and write it afresh")
    elif {agenda, output} & {p.path for p in writes.kept + writes.failed}:
        where = f"{agenda} is out of date: it could not be written, see below"
    else:
        where = f"see {agenda}"
    owed = f"{plural(summary.replies, 'reply', 'replies')} owed, " if summary.replies else ""
    click.echo(f"Agenda for {summary.today.isoformat()}: {owed}{summary.stay_in_touch} to stay in "
               f"touch with, {summary.follow_ups} outreach to follow up, {summary.rest} to "
               f"rest, {plural(summary.promises, 'promise')} due, "
               f"{plural(summary.birthdays, 'birthday')} "
               f"({printable(where)}).")
    problems = summary.problems
    if problems:
        click.echo(notes_with_problems(problems, ":"))
        # Every file's problem, and the notes' first few and how many more: a vault may have
        # thousands, which `check` lists.
        files = set(summary.files)
        notes = [problem for problem in problems if problem not in files]
        shown = set(notes if len(notes) <= SHOWN_PROBLEMS + 1 else notes[:SHOWN_PROBLEMS])
        lines = [f"  {problem_line(problem)}" for problem in problems
                 if problem in files or problem in shown]
        if rest := len(notes) - len(shown):
            lines.append(f"  and {plural(rest, 'more problem')}: `vaultnet check` lists them all")
        click.echo("\n".join(lines))
    for problem in writes.notices:
        click.echo(f"Note: {problem_line(problem)}")
    for problem in writes.kept:
        click.echo(f"Left alone: {problem_line(problem)} ({printable(problem.hint)})", err=True)
    for problem in writes.failed:
        click.echo(f"Error: {problem_line(problem)} ({printable(problem.hint)})", err=True)


@click.command()
@vault_option
@today_option
@json_option
def check(vault: Path, today: date | None, as_json: bool) -> None:
    """List every problem in the notes, with how to fix it; exit 1 if there is any.

    Example:

    \b
        vaultnet check --vault ~/Notes
    """
    from vaultnet.pipeline.sync import output_folder_problems, reading
    from vaultnet.render.reading import format_reading

    # (A folder that is no vault yet is told how it was read: no note found a person's, and how
    # to mark them.)
    loaded = load_vault(vault, resolve_today(today), making=True)
    problems = (*loaded.problems, *output_folder_problems(vault, loaded.settings, loaded))
    if not as_json:
        for line in format_reading(reading(loaded)):
            click.echo(line)
        click.echo("")
    if as_json:
        print_json([p.as_dict() for p in problems])
    elif problems:
        lines = []
        for problem in problems:
            lines.append(problem_line(problem))
            if problem.hint:
                lines.append(f"  fix: {printable(problem.hint)}")
        click.echo("\n".join(lines))  # (one write for them all: a vault may have thousands)
        paths = {p.path for p in problems}
        # A settings file (`.obsidian/templates.json`) is no note.
        what = "note" if all(path.endswith(".md") for path in paths) else "file"
        click.echo(f"{plural(len(problems), 'problem')} in {plural(len(paths), what)}.")
    else:
        click.echo(f"No problems in {plural(len(loaded.index.notes), 'note')}.")
    if problems:
        sys.exit(1)


@click.command()
@vault_option
@today_option
@click.option("--debounce", type=click.IntRange(0, 60_000), default=200, show_default=True,
              metavar="MS", help="Wait for this many milliseconds of quiet before rebuilding.")
@click.option("--poll", is_flag=True, help="Poll the disk instead of using file system events "
              "(for network drives, or when the system refuses more inotify watches).")
@click.option("-v", "--verbose", is_flag=True, help="Log every event.")
@click.option("-q", "--quiet", is_flag=True, help="Log only warnings and errors.")
def watch(vault: Path, today: date | None, debounce: int, poll: bool, verbose: bool,
          quiet: bool) -> None:
    """Sync, then keep the generated notes current while notes are edited, until stopped.

    Only changed notes are read again, and only generated notes whose bytes change are written.
    Logs one line per rebuild to stderr. Stops cleanly on Ctrl-C or SIGTERM.

    Example:

    \b
        vaultnet watch --vault ~/Notes
    """
    import logging
    import signal

    from vaultnet.pipeline.sync import ensure_vault
    from vaultnet.watch.watcher import Watcher

    gc.enable()  # (`main` turns it off for commands that end in seconds; this one runs for days)

    logging.basicConfig(format="%(asctime)s %(message)s", datefmt="%H:%M:%S",
                        level=logging.DEBUG if verbose else logging.WARNING if quiet
                        else logging.INFO)
    logging.getLogger("watchdog").setLevel(logging.WARNING)
    ensure_vault(vault)
    watcher = Watcher(vault, today, debounce / 1000, poll)
    # SIGTERM stops it the way Ctrl-C does: at once, even in the middle of a long rebuild. Every
    # write is atomic and removes its temporary file when interrupted, so nothing is left half done.
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        watcher.run()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    logging.getLogger("vaultnet.watch").info("stopped")
