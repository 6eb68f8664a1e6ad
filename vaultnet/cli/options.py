"""What the commands share: the group class that keeps tracebacks from users, the --vault,
--today and --json options, the Day type, and the helpers that print JSON, problems and progress."""

from __future__ import annotations

import contextlib
import json
import re
import shlex
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Problem
from vaultnet.base.text import plural, printable

# (The pipe is heavy: `--help` never imports it, and a sync with nothing to do only while a child
# walks a large vault, `vaultnet.pipeline.cache._walked`.)
if TYPE_CHECKING:
    from vaultnet.pipeline.sync import Vault

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


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


class TextCommand(click.Command):
    """A command with a TEXT argument, which may start with `-`: click takes such a text for an
    option (`- [ ] Send` is `No such option '- '`), so the error says to put it after `--`. A
    task written whole given to `log` is read as its TEXT: `log` then says what it says of any
    promise given to it, with the `vaultnet promise` command to run."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = list(args)  # (click's parser takes the arguments off the list it is given)
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as err:
            at = next((i for i, arg in enumerate(given) if arg.startswith(err.option_name)), None)
            text = given[at] if at is not None else ""
            if _OPTION.fullmatch(err.option_name) and not any(c.isspace() for c in text):
                raise  # (a mistyped option: click's own suggestion says it best)
            if at is not None and _TASK.match(text) and self.name == "log":
                return super().parse_args(ctx, [*given[:at], *given[at + 1:], "--", text])
            if _TASK.match(text):
                why = "leave out the `- [ ]`, which vaultnet writes"
            else:
                why = (f"a TEXT that starts with `-` goes last, after `--` (the options before "
                       f"it), as in: {ctx.command_path} NAME -- {shlex.quote(text or '-…')}")
            raise click.UsageError(f"{err.message.removesuffix('.')}; {why}", ctx) from None


_OPTION = re.compile(r"--?[A-Za-z][\w-]*")  # what a user means as an option, mistyped or not
_TASK = re.compile(r"-[ \t]+\[.\]")  # a task written whole, `- [ ] Send the paper`


def vault_option(f: F) -> F:
    return click.option(
        "--vault", type=click.Path(exists=True, file_okay=False, path_type=Path),
        envvar="VAULTNET_VAULT", default=None, callback=_vault_here,
        show_default="$VAULTNET_VAULT, else the vault found, else the current folder",
        help="The vault (a folder of Markdown notes). Not given, it is found as git finds a "
        "repository: the nearest folder at or above the current one that has a .obsidian folder "
        "or a .vaultnet.toml.")(f)


def _vault_here(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """The vault given, as it is; else the vault the current folder is in (`vault_around`) by its
    absolute path, or `.` when that is the current folder itself or there is none, as before."""
    if value is not None:
        return value
    from vaultnet.base.vault_root import vault_around  # (it imports the settings: `--help` not)

    try:
        here = Path.cwd()
    except OSError as err:  # the current folder was deleted
        raise click.BadParameter(f"the current folder cannot be read ({err.strerror}): "
                                 "give the vault with --vault", ctx, param) from None
    found = vault_around(here, _home())
    return found if found is not None and found != here else Path(".")


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, OSError, KeyError):  # no home folder known
        return None


class Day(click.ParamType):  # type: ignore[type-arg]
    """A day as YYYY-MM-DD that must exist: `2026-02-30` is refused as no such day, not as a
    format it does not match."""

    name = "date"

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        # (As strptime's %Y-%m-%d reads it, without the 2 ms that importing strptime takes.)
        if found := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text, re.ASCII):
            year, month, day = int(found[1]), int(found[2]), int(found[3])
            with contextlib.suppress(ValueError):
                return date(year, month, day)
            import calendar

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


def resolve_today(value: date | None) -> date:
    return value or date.today()


def print_json(data: object) -> None:
    """`data` as JSON in ASCII, other characters escaped (`\\u5c71`): a script reads every name
    back in whatever encoding it reads the output (on Windows, a pipe in the ANSI code page, or
    PowerShell's in the console's)."""
    click.echo(json.dumps(data, indent=2))


class Leaving:
    """What `main`, which leaves without freeing anything, keeps until it leaves: the millions of
    objects of a large vault's sync would otherwise be freed one by one as the command returns
    (some 0.15 s at 10,000 people). Nothing is kept when the commands run another way (tests, a
    library): what they make must be freed."""

    kept: list[object] | None = None  # a list while `main` runs


def leaving_at_once() -> bool:
    """Whether `main` runs the command, which leaves as soon as it returns (see `Leaving`)."""
    return Leaving.kept is not None


def kept_until_exit(value: T) -> T:
    """`value`, kept until `main` leaves, when it is `main` that runs the command."""
    if Leaving.kept is not None:
        Leaving.kept.append(value)
    return value


def load_vault(vault: Path, day: date, making: bool = False) -> Vault:
    """The vault read and understood for `day`, from the cache (`load_cached`), and kept until
    `main` leaves: what the commands that read the network start from. (A large vault is
    walked by a child while the pipe is imported, as `sync` does: see `look`.)

    A folder that is no vault is refused, as `sync` refuses it (a user who forgot `--vault`
    would be told that nobody is due), unless the command is `making` one (`init`, `add`, an
    import of contacts) or telling how it was read (`check`)."""
    from vaultnet.pipeline.cache import look

    looked = look(vault, day, answer=False, meanwhile=import_the_pipe)
    from vaultnet.pipeline.sync import ensure_vault, load_cached

    if not making and looked.stored is None:  # (a vault a sync kept a cache of is one)
        ensure_vault(vault, "done")

    return kept_until_exit(load_cached(vault, day, looked))


def import_the_pipe() -> None:
    """Import what reads and understands the vault (to be done while a child walks it)."""
    import vaultnet.pipeline.sync  # noqa: F401


PROGRESS_MIN = 1000  # items: below this, work is quick enough to need no progress bar


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
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


def notes_with_problems(problems: Sequence[Problem], end: str) -> str:
    """The sentence that counts the notes with problems, for a command that used the rest of
    them; `end` is ":" where the problems follow, "." where `vaultnet check` is left to name them."""
    notes = len({problem.path for problem in problems})
    return (f"{plural(notes, 'note has', 'notes have')} problems; the rest of each was used where "
            f"it could be (run `vaultnet check` for how to fix them){end}")


def problem_line(problem: Problem) -> str:
    where = f":{problem.line}" if problem.line else ""
    return printable(f"{problem.path}{where}: {problem.message}")
