"""The command line: each command parses options, calls one library function, formats the result."""

from __future__ import annotations

import calendar
import contextlib
import gc
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from vaultnet import __version__
from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Problem
from vaultnet.base.text import plural, printable

if TYPE_CHECKING:  # the pipe is imported only by the commands that run it, to start fast
    from vaultnet.pipeline.summary import Summary
    from vaultnet.pipeline.sync import SyncResult
    from vaultnet.write.report import WriteReport

F = TypeVar("F", bound=Callable[..., Any])


class Group(click.Group):
    """A group that turns unexpected errors into one clear line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.exceptions.Exit(130) from None
        except BrokenPipeError:  # `vaultnet due | head`: the reader has gone; so do we, quietly
            sys.stderr.close()
            raise click.exceptions.Exit(0) from None
        except OSError as err:
            where = f" ({err.filename})" if err.filename else ""
            raise VaultnetError(f"{err.strerror or err}{where}") from err
        except Exception as err:  # a bug: say so plainly, without a traceback
            raise VaultnetError(
                f"internal error: {type(err).__name__}: {err}. Please report it with the "
                "command you ran.") from err


def vault_option(f: F) -> F:
    return click.option(
        "--vault", type=click.Path(exists=True, file_okay=False, path_type=Path),
        envvar="VAULTNET_VAULT", default=".", show_default="$VAULTNET_VAULT, else the current "
        "folder", help="The vault (a folder of Markdown notes).")(f)


class Day(click.ParamType):  # type: ignore[type-arg]
    """A day as YYYY-MM-DD that must exist: `2026-02-30` is refused as no such day, not as a
    format it does not match."""

    name = "date"

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            return datetime.strptime(text, "%Y-%m-%d").date()
        except ValueError:
            pass
        if found := re.fullmatch(r"(\d{4})-(\d{1,2})-\d{1,2}", text):
            year, month = int(found[1]), int(found[2])
            why = (f"{calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} "
                   "days" if 1 <= month <= 12 else "a month is 01 to 12")
            self.fail(f"{text} is not a real day: {why}", param, ctx)
        self.fail(f"{text!r} is not a date written as YYYY-MM-DD, such as 2026-03-01", param, ctx)


DAY = Day()


def today_option(f: F) -> F:
    return click.option(
        "--today", type=DAY, default=None, metavar="DATE",
        help="The day to take as today, as YYYY-MM-DD (the agenda, log dates and ages follow "
        "it). [default: today]")(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(f)


def _today(value: date | None) -> date:
    return value or date.today()


def _print_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


PROGRESS_MIN = 1000  # items: below this, work is quick enough to need no progress bar


@contextlib.contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a bar on stderr, when stderr is a terminal and the work is
    large; None otherwise, so that logs, pipes and scripts see nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    bar: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if total < PROGRESS_MIN:
            return
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr).__enter__()
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _problem_line(problem: Problem) -> str:
    where = f":{problem.line}" if problem.line else ""
    return printable(f"{problem.path}{where}: {problem.message}")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vaultnet")
def cli() -> None:
    """Keep a professional network alive in plain Markdown.

    vaultnet reads the person notes in a vault (an Obsidian vault or any folder of Markdown),
    builds a graph of people, topics and organisations, and writes a network index, a daily
    follow-up agenda and topic pages into the vault's Network/ folder.

    Example:

        vaultnet sync --vault ~/Notes
    """


@cli.command()
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
    from vaultnet.pipeline.cache import Lookup, Unchanged, look

    day = _today(today)
    looked: Lookup | None = None if no_cache else look(vault, day, dry_run)
    result: SyncResult | Unchanged
    if looked is not None and looked.unchanged is not None:
        result = looked.unchanged  # nothing changed: no need even to import the pipe
    else:
        from vaultnet.pipeline.sync import cached_sync
        from vaultnet.pipeline.sync import sync as run_sync

        with _progress("reading notes") as progress:
            result = (run_sync(vault, day, dry_run=dry_run, progress=progress, reclaim=reclaim)
                      if looked is None
                      else cached_sync(vault, day, dry_run=dry_run, progress=progress,
                                       looked=looked, reclaim=reclaim))
    if as_json:
        _print_json({**result.as_dict(), "reclaimed": [
            {"path": path, "kept_as": kept_as} for path, kept_as in result.writes.reclaimed]})
    else:
        _print_sync(result.summary, result.writes, dry_run)
    if not result.writes.ok:
        sys.exit(1)


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
            click.echo(f"{action} {len(paths)} notes in {output}/")
        else:
            for path in paths:
                click.echo(f"{action} {printable(path)}")
    if not (writes.created or writes.written or writes.deleted or writes.kept or writes.failed):
        click.echo(f"Nothing to write: {output}/ is up to date.")
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
        notes = len({p.path for p in problems})
        click.echo(f"{notes} {'note has' if notes == 1 else 'notes have'} problems; the rest of "
                   "each was used where it could be (run `vaultnet check` for how to fix them):")
        for problem in problems:
            click.echo(f"  {_problem_line(problem)}")
    for problem in writes.notices:
        click.echo(f"Note: {_problem_line(problem)}")
    for problem in writes.kept:
        click.echo(f"Left alone: {_problem_line(problem)} ({problem.hint})", err=True)
    for problem in writes.failed:
        click.echo(f"Error: {_problem_line(problem)} ({problem.hint})", err=True)


@cli.command()
@vault_option
@today_option
@json_option
def check(vault: Path, today: date | None, as_json: bool) -> None:
    """List every problem in the notes, with how to fix it; exit 1 if there is any.

    Example:

        vaultnet check --vault ~/Notes
    """
    from vaultnet.pipeline.sync import load_cached as load
    from vaultnet.pipeline.sync import reading
    from vaultnet.render.reading import format_reading

    loaded = load(vault, _today(today))
    problems = loaded.problems
    if not as_json:
        for line in format_reading(reading(loaded)):
            click.echo(line)
        click.echo("")
    if as_json:
        _print_json([p.as_dict() for p in problems])
    elif problems:
        for problem in problems:
            click.echo(_problem_line(problem))
            if problem.hint:
                click.echo(f"  fix: {problem.hint}")
        paths = {p.path for p in problems}
        # A settings file (`.obsidian/templates.json`) is no note.
        what = "note" if all(path.endswith(".md") for path in paths) else "file"
        click.echo(f"{plural(len(problems), 'problem')} in {plural(len(paths), what)}.")
    else:
        click.echo(f"No problems in {plural(len(loaded.index.notes), 'note')}.")
    if problems:
        sys.exit(1)


@cli.command()
@vault_option
@today_option
@json_option
def due(vault: Path, today: date | None, as_json: bool) -> None:
    """Print today's agenda: replies owed (first), who to contact, outreach to follow up,
    promises, birthdays.

    Example:

        vaultnet due --vault ~/Notes --today 2026-11-25
    """
    from vaultnet.insight.agenda import agenda_json
    from vaultnet.pipeline.sync import load_cached as load

    loaded = load(vault, _today(today))
    if as_json:
        _print_json(agenda_json(loaded.agenda))
        return
    from vaultnet.render.terminal import format_agenda

    click.echo(format_agenda(loaded.agenda), nl=False)


@cli.command()
@click.argument("words", required=False, default="")
@click.option("--role", default="", help="Only people of this role.")
@click.option("--topic", default="", help="Only people with this topic.")
@click.option("--org", default="", help="Only people at this organisation.")
@click.option("--due", "is_due", is_flag=True, help="Only people with something on today's agenda.")
@click.option("--prospects", is_flag=True, help="Only people you have not met yet.")
@vault_option
@today_option
@json_option
def people(words: str, role: str, topic: str, org: str, is_due: bool, prospects: bool,
           vault: Path, today: date | None, as_json: bool) -> None:
    """List people, or find them: WORDS in a name, alias, role, topic or organisation, and any
    filters; every one given must hold. In name order.

    Example:

        vaultnet people --topic "civic tech" --vault ~/Notes
        vaultnet people priya --json
    """
    from vaultnet.insight.people import Filters, find_people
    from vaultnet.pipeline.sync import load_cached as load

    day = _today(today)
    loaded = load(vault, day)
    found = find_people(loaded.graph, loaded.agenda, Filters(words, role, topic, org, is_due,
                                                             prospects))
    if as_json:
        _print_json([item.as_dict() for item in found])
        return
    from vaultnet.render.terminal import format_people

    click.echo(format_people(found, day), nl=False)


@cli.command()
@click.argument("name")
@vault_option
@today_option
@json_option
def intro(name: str, vault: Path, today: date | None, as_json: bool) -> None:
    """The warm paths from people you know to NAME: whom to ask for an introduction.

    Paths follow `knows` and `met_via` only, shortest first; among the shortest, the one that
    starts with your strongest tie comes first. At most three. When there is none, says so and
    exits 0. NAME is a note name or alias, in any case.

    Example:

        vaultnet intro "Grace Liu" --vault ~/Notes
    """
    from vaultnet.network.index import find_mentioned, find_person
    from vaultnet.pipeline.sync import load_cached as load

    loaded = load(vault, _today(today))
    mentioned = find_mentioned(loaded.index, name)
    if mentioned is not None:  # named in `knows` or `met_via`, with no note of their own
        _intro_without_a_note(loaded.insight.paths_via(mentioned.name, mentioned.mentioned_by),
                              mentioned.name, mentioned.mentioned_by, vault, as_json)
        return
    person = find_person(loaded.index, name)
    paths = loaded.insight.paths(person)
    if as_json:
        _print_json({"person": person.name, "paths": paths})
        return
    if not person.is_prospect:
        tie = loaded.insight.ties[person.path]
        click.echo(printable(f"You already know {person.name} (tie {tie.score}): no introduction "
                             "needed."))
    elif not paths:
        click.echo(printable(f"No warm path to {person.name}: nobody you know is tied to them "
                             "through `knows` or `met_via` in your notes. Reach out directly, or "
                             "note who knows them."))
    else:
        _echo_paths(person.name, paths)


def _echo_paths(name: str, paths: list[list[str]]) -> None:
    """The warm paths to `name`, numbered, each with the sentence to act on."""
    from vaultnet.insight.warm_paths import advice

    click.echo(printable(f"Warm paths to {name}:"))
    for i, path in enumerate(paths, start=1):
        click.echo(printable(f"{i}. {' → '.join(path)}"))
        click.echo(printable(f"   {advice(path)}"))


def _intro_without_a_note(paths: list[list[str]], name: str, named_by: tuple[str, ...],
                         vault: Path, as_json: bool) -> None:
    """Intro to someone your notes name but who has no note: who knows them, and the way there."""

    if as_json:
        _print_json({"person": name, "note": None, "named_by": list(named_by), "paths": paths})
        return
    who = ", ".join(path.rpartition("/")[2].removesuffix(".md") for path in named_by)
    click.echo(printable(f"{name} has no note yet; your notes say {who} "
                         f"{'knows' if len(named_by) == 1 else 'know'} them."))
    if paths:
        _echo_paths(name, paths)
    else:
        click.echo("No warm path: nobody you know is tied to them yet.")
    click.echo(printable(f'Make a note for them: vaultnet add "{name}" --vault {vault}'))


@cli.command()
@click.argument("name")
@vault_option
@today_option
@json_option
def brief(name: str, vault: Path, today: date | None, as_json: bool) -> None:
    """What to know before meeting NAME: their note's own words, next birthday and contact
    fields, recent contact and plans (log lines dated after today), open promises both ways (by
    due date, overdue ones marked), open outreach, shared topics, mutual connections, what you
    could offer and what they need.

    Tasks tagged #waiting in their note are what they promised you; other open tasks are yours.
    NAME is a note name or alias, in any case. Links show as plain names; --json keeps the text
    as the note writes it.

    Example:

        vaultnet brief "Jane Doe" --vault ~/Notes
    """
    from vaultnet.insight.brief import brief as make_brief
    from vaultnet.insight.brief import brief_json
    from vaultnet.network.index import find_person
    from vaultnet.pipeline.sync import load_cached as load
    from vaultnet.read.vault import read_note
    from vaultnet.render.terminal import format_brief

    day = _today(today)
    loaded = load(vault, day)
    person = find_person(loaded.index, name)
    # Their note once more, for what only a brief shows (free text, contact fields): syncing
    # never pays for it.
    text = read_note(vault, person.path, loaded.settings.max_note_bytes)
    found = make_brief(person, loaded.insight, loaded.graph, loaded.index.notes, text)
    if as_json:
        _print_json(brief_json(found))
    else:
        click.echo(format_brief(found, day), nl=False)


@cli.command()
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
    ensure_vault(vault, _today(today))
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


@cli.command()
@click.option(
    "--vault", type=click.Path(file_okay=False, path_type=Path), envvar="VAULTNET_VAULT",
    default=".", show_default="$VAULTNET_VAULT, else the current folder",
    help="The vault (a folder of Markdown notes); made if it does not exist.")
def init(vault: Path) -> None:
    """Start a vault: a commented .vaultnet.toml, a Me.md profile and a person template.

    Never overwrites a file: one that exists is kept, and said so. The profile is left out when
    the vault already has one (a note with `type: me`). The folder is made if need be.

    Example:

        vaultnet init --vault ~/Notes
    """
    from vaultnet.edits.vault_init import PROFILE_NOTE, init_vault
    from vaultnet.pipeline.sync import load_cached as load

    vault.mkdir(parents=True, exist_ok=True)
    report = init_vault(vault, load(vault, date.today()).index)
    for path in report.created:
        click.echo(printable(f"created {path}"))
    for path, why in report.kept:
        click.echo(printable(f"kept {path} ({why})"))
    if PROFILE_NOTE in report.created:
        click.echo(f"Next: fill in {PROFILE_NOTE}, then `vaultnet add NAME` for each person.")


@cli.command()
@click.argument("name")
@click.option("--role", help="mentor, peer, advisee, friend, colleague, prospect or any word.")
@click.option("--org", help="Where they work.")
@click.option("--topic", "topics", multiple=True, help="A topic they care about (repeat it).")
@click.option("--met-via", metavar="NAME", help="Who introduced you.")
@click.option("--cadence", help="How often to be in touch: 30d, 2w, 3m, monthly, …")
@click.option("--prospect", is_flag=True, help="Someone you have not met yet.")
@click.option("--email", "emails", multiple=True, help="An email address (repeat it).")
@click.option("--birthday", help="1980-04-12, or --04-12 without the year.")
@click.option("--alias", "aliases", multiple=True, help="Another name they go by (repeat it).")
@click.option("--knows", multiple=True, metavar="NAME", help="Someone they know (repeat it).")
@click.option("--status", type=click.Choice(["active", "dormant", "prospect"],
                                            case_sensitive=False), help="Where you stand.")
@vault_option
@today_option
def add(name: str, role: str | None, org: str | None, topics: tuple[str, ...],
        met_via: str | None, cadence: str | None, prospect: bool, emails: tuple[str, ...],
        birthday: str | None, aliases: tuple[str, ...], knows: tuple[str, ...],
        status: str | None, vault: Path, today: date | None) -> None:
    """Create a person note for NAME in the people folder, from the person template.

    The template is the settings' person_template (Templates/Person.md), else vaultnet's own;
    {{title}} and {{date}} in it become the name and the date. Refuses, naming the note, when
    someone of that name or alias exists already.

    Example:

        vaultnet add "Grace Liu" --role mentor --topic "urban transit" --met-via "Jane Doe"
    """
    from vaultnet.edits.add_person import NewPerson, add_person
    from vaultnet.pipeline.sync import load_cached as load

    day = _today(today)
    new = NewPerson(name, role=role, org=org, topics=topics, met_via=met_via, cadence=cadence,
                    prospect=prospect, aliases=aliases, emails=emails, birthday=birthday,
                    knows=knows, status=status)
    path = add_person(vault, load(vault, day).index, new, day)
    click.echo(printable(f"created {path}"))


@cli.command(name="log")
@click.argument("name")
@click.argument("text")
@click.option("--date", "day", type=DAY, default=None,
              metavar="DATE", help="The day it happened, as YYYY-MM-DD. [default: today]")
@click.option("--outreach", "tags", flag_value="outreach", multiple=True,
              help="You reached out and wait for an answer.")
@click.option("--reply", "tags", flag_value="reply", multiple=True, help="They answered.")
@click.option("--received", "tags", flag_value="received", multiple=True,
              help="They wrote and wait for your answer (a reply owed).")
@click.option("--met", "tags", flag_value="met", multiple=True, help="You met.")
@click.option("--call", "tags", flag_value="call", multiple=True, help="You talked on a call.")
@click.option("--gave", "tags", flag_value="gave", multiple=True, help="You helped them.")
@click.option("--asked", "tags", flag_value="asked", multiple=True, help="They helped you.")
@click.option("--tag", "free", multiple=True, metavar="TAG", help="Any other tag, such as "
              "--tag conference (may be given more than once).")
@click.option("--plan", is_flag=True, help="Log a day after today: a plan, not contact yet.")
@vault_option
@today_option
def log_command(name: str, text: str, day: date | None, tags: tuple[str, ...],
                free: tuple[str, ...], plan: bool, vault: Path, today: date | None) -> None:
    """Add a dated entry, `- DATE TEXT #tag`, to the log of NAME's note.

    The line goes at the end of the note's Log section (one is made at the end of the note if it
    has none). Every other byte of the note stays as it was. NAME is a note name or alias, in
    any case; an unknown or ambiguous name lists the candidates.

    Example:

        vaultnet log "Jane Doe" "Coffee at the lab, talked about sensors" --met
        vaultnet log Jane "Talk at the meetup" --date 2026-12-10 --plan --tag conference
    """
    from vaultnet.edits.log_entry import log_entry, log_line
    from vaultnet.pipeline.sync import load_cached as load

    now = _today(today)
    when = day or now
    if when > now and not plan:
        raise VaultnetError(f"{when.isoformat()} is after today: a plan, not contact, so nothing "
                            "was written; add --plan if you mean one, or fix the date")
    line = log_line(when, text, tags, free)
    logged = log_entry(vault, load(vault, now).index, name, line, when)
    click.echo(printable(f"{logged.path}:{logged.line}: {line}"))


@cli.command()
@click.argument("name")
@click.argument("words")
@click.option("--date", "day", type=DAY, default=None,
              metavar="DATE", help="The day it was done, as YYYY-MM-DD. [default: today]")
@vault_option
@today_option
def done(name: str, words: str, day: date | None, vault: Path, today: date | None) -> None:
    """Tick off the open promise in NAME's note whose text holds WORDS, as the Tasks plugin
    does: `- [x] … ✅ DATE`. Every other byte of the note stays as it was.

    Example:

        vaultnet done "Jane Doe" "send the paper"
    """
    from vaultnet.edits.promises import tick_promise
    from vaultnet.pipeline.sync import load_cached as load

    now = _today(today)
    ticked = tick_promise(vault, load(vault, now).index, name, words, day or now)
    click.echo(printable(f"{ticked.path}:{ticked.line}: done: {ticked.text}"))


class _ImportGroup(Group):
    """`vaultnet import FILE` stays the contacts import: a first word that names no form of the
    command is a file of contacts."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["contacts", *args]
        return super().parse_args(ctx, args)


@cli.group(name="import", cls=_ImportGroup)
def import_group() -> None:
    """Bring in people from contacts, and interactions from mail and calendar exports.

    \b
    vaultnet import FILE            people from a vCard file or a LinkedIn or Google Contacts CSV
    vaultnet import mail PATH       interactions from an mbox, a folder of them or a Maildir
    vaultnet import calendar FILE   meetings from an .ics export

    Each form takes --vault (the vault, default $VAULTNET_VAULT, else the current folder),
    --dry-run and --json; `vaultnet import FORM --help` tells more.

    Example:

        vaultnet import mail ~/Takeout/All.mbox --since 2026-01-01
    """


def interaction_options(what: str) -> Callable[[F], F]:
    """The options `import mail` and `import calendar` share; `what` is what --since keeps."""

    def add(f: F) -> F:
        for option in reversed((
                click.option("--since", type=DAY, default=None, metavar="DATE",
                             help=f"Only {what} of DATE (YYYY-MM-DD) and after."),
                click.option("--me", "mine", multiple=True, metavar="ADDRESS",
                             help="One of your addresses (repeat it), besides your profile's "
                             "`email` and `me` in .vaultnet.toml."),
                click.option("--dry-run", is_flag=True,
                             help="Print the lines that would be written; write nothing."),
                vault_option, today_option, json_option)):
            f = option(f)
        return f

    return add


def _import_interactions(vault: Path, day: date, path: Path, what: str, read: Callable[..., Any],
                         mine: tuple[str, ...], dry_run: bool, as_json: bool) -> None:
    """Read interactions with `read(book, report)`, then plan, write and report their lines."""
    from vaultnet.pipeline.sync import load_cached as load
    from vaultnet.sources.interaction_import import (
        ImportReport,
        address_book,
        plan_lines,
        report_lines,
        write_lines,
    )

    index = load(vault, day).index
    book = address_book(index, vault, mine)
    if not book.mine:  # your mail, or meetings you declined, would be taken for theirs
        raise VaultnetError(f"vaultnet does not know your address, so it cannot tell your {what}s "
                            "from theirs: add `email: you@example.org` to your profile note "
                            "(type: me), `me = [\"you@example.org\"]` to .vaultnet.toml, "
                            "or give --me ADDRESS")
    report = ImportReport(str(path), problems=book.problems())
    plan_lines(index, read(book, report), report)
    if not dry_run:
        write_lines(vault, report)
    if as_json:
        _print_json({"dry_run": dry_run, **report.as_dict(), "written": report.written,
                     "not_written": report.not_written})
    else:
        for line in report_lines(report, what, dry_run, book.names):
            click.echo(printable(line))
    if report.not_written:
        sys.exit(1)  # as sync does when a write failed


@import_group.command(name="mail")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@interaction_options("mail")
def import_mail(path: Path, since: date | None, mine: tuple[str, ...], dry_run: bool,
                vault: Path, today: date | None, as_json: bool) -> None:
    """Log your mail with the people of the vault, from a mailbox export: an mbox file (Gmail
    Takeout, Thunderbird, Apple Mail), a folder of them, or a Maildir.

    Only headers are read, never a body. Each person whose `email` holds an address of a message
    gets at most one line a day of each kind in their Log, the subject as its text: your message
    that answers none of theirs is #outreach, your answer to theirs #email, their answer to yours
    #reply, and theirs that answers none of yours #received (a reply owed, first on the agenda).
    Lines the notes hold already (that day and kind, whoever wrote them) are not added again, so
    importing the same or a newer export twice adds only what is new. Mailing lists, no-reply
    senders and bulk mail are nobody's; the most frequent addresses of nobody in the vault are
    offered as people to add. Your addresses: your profile's `email`, `me` in .vaultnet.toml, --me.

    Example:

        vaultnet import mail ~/Takeout/Mail/All.mbox --since 2026-01-01 --dry-run
    """
    from vaultnet.sources.mail import MailReader

    day = _today(today)

    def read(book: Any, report: Any) -> Any:
        reader = MailReader(book, report, day, since)
        with _progress("reading mail") as progress:
            reader.read(path, progress)
        return reader.sightings()

    _import_interactions(vault, day, path, "message", read, mine, dry_run, as_json)


@import_group.command(name="calendar")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@interaction_options("meetings")
def import_calendar(path: Path, since: date | None, mine: tuple[str, ...], dry_run: bool,
                    vault: Path, today: date | None, as_json: bool) -> None:
    """Log your meetings with the people of the vault, from a calendar export (.ics: Google
    Calendar, Outlook).

    Each meeting up to today with a person among its attendees (by their `email`) is a #met line
    in their Log, the event's title as its text; at most one a day, and none the notes hold
    already. Cancelled events, events you declined and attendees who declined are skipped, so
    vaultnet needs your address: your profile's `email`, `me` in .vaultnet.toml, or --me.

    Example:

        vaultnet import calendar ~/Downloads/calendar.ics --dry-run
    """
    from vaultnet.sources.calendar import read_calendar

    day = _today(today)

    def read(book: Any, report: Any) -> Any:
        return read_calendar(path, book, report, day, since)

    _import_interactions(vault, day, path, "event", read, mine, dry_run, as_json)


@import_group.command(name="contacts")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be created or filled; write nothing.")
@click.option("--update", is_flag=True,
              help="Fill the empty fields of notes the vault has; a field with a value is kept.")
@vault_option
@today_option
@json_option
def import_command(file: Path, dry_run: bool, update: bool, vault: Path, today: date | None,
                   as_json: bool) -> None:
    """Create person notes from FILE: a vCard file (.vcf, from a phone or mail app), a LinkedIn
    connections export (Connections.csv) or a Google Contacts CSV, recognised by content.

    One note per new person, with email, organisation, title, birthday, phone, web page, LinkedIn
    profile (`linkedin`), when you connected, nicknames (`aliases`) and labels (`tags`); free-text
    notes go into the note's body. Names lose honorifics, credentials and emoji (`Dr. Priya Verma,
    PhD` is Priya Verma). A contact is someone the vault has when their note shares an email,
    else a LinkedIn profile, else a name or alias: that note is not touched but listed with the
    fields that differ; with --update its empty fields are filled, and a field with a value is
    never overwritten. Importing the same file twice changes nothing.

    Example:

        vaultnet import ~/Downloads/Connections.csv --dry-run
    """
    from vaultnet.pipeline.sync import load_cached as load
    from vaultnet.sources.contact_import import import_contacts, shown
    from vaultnet.sources.contacts import read_contacts

    day = _today(today)
    found = read_contacts(file)
    with _progress("importing") as progress:
        report = import_contacts(vault, load(vault, day).index, str(file), found, day,
                                 dry_run=dry_run, update=update, progress=progress)
    if as_json:
        _print_json({"dry_run": dry_run, **report.as_dict()})
        return
    click.echo(printable(f"{file}: {report.format}, {plural(report.contacts, 'contact')}"))
    verb = "would create" if dry_run else "created"
    for path in report.created:
        click.echo(printable(f"{verb} {path}"))
    for match in report.matched:
        differ = "; ".join(f"{name}: {a} in the file, {b} in the note"
                           for name, a, b in match.differences)
        if update and match.fill:
            fill = "; ".join(f"{name}: {shown(value)}" for name, value in match.fill)
            click.echo(printable(f"{'would fill' if dry_run else 'filled'} {match.path} ({fill})"
                                 + (f"; differs: {differ}" if differ else "")))
        else:
            click.echo(printable(f"exists {match.path}" + (f" ({differ})" if differ else "")))
    for problem in report.problems:
        click.echo(_problem_line(problem))
    parts = [f"{'Would create' if dry_run else 'Created'} {plural(len(report.created), 'note')}",
             f"{plural(len(report.matched), 'contact')} in the vault already"]
    fields, notes = report.fill_counts
    if fields:
        filling = "would fill" if dry_run else "filled"
        parts.append(f"{filling} {plural(fields, 'field')} in {plural(notes, 'note')}" if update
                     else f"--update would fill {plural(fields, 'empty field')} in "
                          f"{plural(notes, 'note')}")
    if report.problems:
        parts.append(f"{plural(len(report.problems), 'problem')} (above)")
    click.echo("; ".join(parts) + ".")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "canvas", "ics"]),
              required=True, help="graphml or gexf (Gephi, Cytoscape), json (networkx "
              "node-link), canvas (JSON Canvas) or ics (today's agenda as a calendar).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              required=True, help="The file to write; - for standard output.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@vault_option
@today_option
def export(fmt: str, output: Path, force: bool, vault: Path, today: date | None) -> None:
    """Write the network graph for graph tools, or today's agenda for a calendar.

    graphml and gexf open in Gephi and Cytoscape; json is networkx's node-link form; canvas is
    the picture of Network.canvas; ics holds one all-day event per agenda item, with UIDs that
    stay the same from day to day, so a calendar updates events rather than duplicating them.
    An existing FILE is replaced only with --force; a note (.md) is never written.

    Example:

        vaultnet export --format ics -o ~/agenda.ics
    """
    from vaultnet.pipeline.sync import load_cached as load
    from vaultnet.render.export import export_bytes
    from vaultnet.write.files import write_file

    loaded = load(vault, _today(today))
    data = export_bytes(fmt, loaded.graph, loaded.agenda, loaded.insight,
                        f"{loaded.settings.output_folder}/Network.md")
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_file(str(output), data, replace=force)
    click.echo(printable(f"wrote {output} ({fmt}, {len(data):,} bytes)"))


def main() -> None:
    """The `vaultnet` command: `cli`, without the cycle collector, and then leave at once.

    A sync of a large vault leaves millions of objects behind, and the interpreter would spend a
    quarter of a second freeing them one by one on the way out; like mypy, vaultnet flushes what
    it printed and skips that. Everything it writes to disk is complete (and fsynced) by then.
    """
    # A command other than `watch` runs for seconds, and what it builds lives until it ends: the
    # cycle collector would only walk those objects again and again (half a second of a sync of
    # 10,000 people) to free next to nothing. `watch` turns it back on.
    gc.disable()
    try:
        cli(prog_name="vaultnet")
        code = 0
    except SystemExit as done:  # (as Python itself ends on one)
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if done.code is not None and not isinstance(done.code, int):
            click.echo(str(done.code), err=True)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a reader gone (`| head`) or a stream closed
            stream.flush()
    if (logging := sys.modules.get("logging")) is not None:  # (`watch` logs; nothing else does)
        logging.shutdown()
    os._exit(code)
