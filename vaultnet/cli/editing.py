"""The commands that change the user's own notes, only as asked: init, add, log, promise and
done."""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

import click

from vaultnet.base.errors import VaultnetError
from vaultnet.base.text import printable
from vaultnet.cli.options import (
    DAY,
    TextCommand,
    load_vault,
    resolve_today,
    today_option,
    vault_option,
)


@click.command()
@click.option(
    "--vault", type=click.Path(file_okay=False, path_type=Path), envvar="VAULTNET_VAULT",
    default=".", show_default="$VAULTNET_VAULT, else the current folder",
    help="The vault (a folder of Markdown notes); made if it does not exist.")
def init(vault: Path) -> None:
    """Start a vault: a commented .vaultnet.toml, a Me.md profile and a person template.

    Never overwrites a file: one that exists is kept, and said so. The profile is left out when
    the vault already has one (a note with `type: me`). The folder is made if need be.

    Example:

    \b
        vaultnet init --vault ~/Notes
    """
    from vaultnet.edits.vault_init import PROFILE_NOTE, init_vault

    vault.mkdir(parents=True, exist_ok=True)
    report = init_vault(vault, load_vault(vault, date.today(), making=True).index)
    for path in report.created:
        click.echo(printable(f"created {path}"))
    for path, why in report.kept:
        click.echo(printable(f"kept {path} ({why})"))
    if PROFILE_NOTE in report.created:
        click.echo(f"Next: fill in {PROFILE_NOTE}, then `vaultnet add NAME` for each person.")


@click.command()
@click.argument("name")
@click.option("--role", help="mentor, peer, advisee, friend, colleague, prospect or any word.")
@click.option("--org", "orgs", multiple=True, help="Where they work (repeat it for more than one).")
@click.option("--topic", "topics", multiple=True, help="A topic they care about (repeat it).")
@click.option("--met-via", metavar="NAME", help="Who introduced you.")
@click.option("--cadence", help="How often to be in touch: 30d, 2w, 3m, monthly, …; never to "
              "not track them.")
@click.option("--prospect", is_flag=True, help="Someone you have not met yet.")
@click.option("--email", "emails", multiple=True, help="An email address (repeat it).")
@click.option("--birthday", help="1980-04-12, or --04-12 without the year.")
@click.option("--alias", "aliases", multiple=True, help="Another name they go by (repeat it).")
@click.option("--knows", multiple=True, metavar="NAME", help="Someone they know (repeat it).")
@click.option("--status", type=click.Choice(["active", "dormant", "prospect"],
                                            case_sensitive=False), help="Where you stand.")
@click.option("--different-person", is_flag=True,
              help="They are not the person whose name or alias is NAME but for case, "
                   "accents, apostrophes, honorifics or credentials (Carol Díaz, Dr. Carol Diaz "
                   "for Carol Diaz), or written family name first: add them all the same.")
@vault_option
@today_option
def add(name: str, role: str | None, orgs: tuple[str, ...], topics: tuple[str, ...],
        met_via: str | None, cadence: str | None, prospect: bool, emails: tuple[str, ...],
        birthday: str | None, aliases: tuple[str, ...], knows: tuple[str, ...],
        status: str | None, different_person: bool, vault: Path, today: date | None) -> None:
    """Create a person note for NAME in the people folder, from the person template.

    The template is the settings' person_template (Templates/Person.md), else vaultnet's own;
    {{title}} and {{date}} in it become the name and the date (Templater's tp.file.title and
    tp.date.now too); a placeholder vaultnet cannot fill, such as a prompt, is left empty in the
    frontmatter. Refuses, naming the note, when someone of that name or alias exists already, or
    when a note of that file name cannot be read; and, naming the value, one that would not read
    back as given. A name or alias that is NAME but for case, accents or apostrophes (Carol Díaz,
    carol diaz, O’Brien), or but for honorifics, credentials, emoji, punctuation, spacing or
    order as the imports match names (Dr. Carol Diaz, Carol Diaz PhD), or NAME written family
    name first (Diaz, Carol), may be the same person: refused too, unless --different-person
    says they are someone else.
    --org may be given more than once: the note's org is then a list.

    Example:

    \b
        vaultnet add "Grace Liu" --role mentor --topic "urban transit" --met-via "Jane Doe"
    """
    from vaultnet.edits.add_person import add_person
    from vaultnet.edits.wanted_fields import NewPerson

    day = resolve_today(today)
    new = NewPerson(name, role=role, orgs=orgs, topics=topics, met_via=met_via, cadence=cadence,
                    prospect=prospect, aliases=aliases, emails=emails, birthday=birthday,
                    knows=knows, status=status)
    path = add_person(vault, load_vault(vault, day, making=True).index, new, day,
                      different=different_person)
    click.echo(printable(f"created {path}"))


@click.command(name="log", cls=TextCommand)
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

    The line goes right after the last entry of the note's Log section (`## Log`, `## Log 📝`,
    `## Interactions`), or at its end when it has none; without a Log section, right after the
    note's last dated entry; a note with neither gets a Log section at its end, and a line that
    says so. Every other byte of the note stays as it was. NAME is a note name or alias, in any
    case; an unknown or ambiguous name lists the candidates. A promise (a 📅 due date, or `[ ]`
    before the text) is refused: `vaultnet promise` writes one. --outreach goes with none of
    --reply, --received, --met and --call. A TEXT that starts with `-` goes last, after `--`.

    Example:

    \b
        vaultnet log "Jane Doe" "Coffee at the lab, talked about sensors" --met
        vaultnet log Jane "Talk at the meetup" --date 2026-12-10 --plan --tag conference
    """
    from vaultnet.edits.log_entry import NO_LOG, check_kinds, log_entry, log_line
    from vaultnet.edits.promises import as_promise

    if (promised := as_promise(text)) is not None:
        words, due = promised
        raise VaultnetError(
            f"{text!r}: this is a promise: use `vaultnet promise …`, which writes it as a task "
            "that `due` lists and `done` ticks off (a log line is never read as one); nothing "
            f"was written. Run: vaultnet promise {shlex.quote(name)} {shlex.quote(words)} --due "
            f"{due.isoformat() if due else 'DATE'}")
    if (contradicting := check_kinds(text, tags, free)) is not None:
        raise click.UsageError(contradicting)
    now = resolve_today(today)
    when = day or now
    if when > now and not plan:
        raise VaultnetError(f"{when.isoformat()} is after today: a plan, not contact, so nothing "
                            "was written; add --plan if you mean one, or fix the date")
    if plan and when <= now:
        raise VaultnetError(f"--plan is for a day after today, and {when.isoformat()} is not: it "
                            "would be contact, not a plan, so nothing was written; give the "
                            "day with --date, or leave out --plan")
    line = log_line(when, text, tags, free)
    logged = log_entry(vault, load_vault(vault, now).index, name, line, when)
    if logged.new_section:  # (not where the user looks, if they keep a log under a heading of their own)
        click.echo(printable(f"{logged.path}:{logged.line - 1}: a new `## Log` section, made at the "
                             f"note's end: it had {NO_LOG}; move the line where you keep your log, "
                             "and the next ones will follow it"))
    # The line as written, its marker and quote marks too (a tab shown as the spaces it spans).
    click.echo(printable(f"{logged.path}:{logged.line}: {logged.text.expandtabs(4)}"))


@click.command(cls=TextCommand)
@click.argument("name")
@click.argument("text")
@click.option("--due", type=DAY, default=None, metavar="DATE",
              help="The day it is due, as YYYY-MM-DD. [default: a week from today]")
@click.option("--theirs", is_flag=True,
              help="A promise they made you (tagged #waiting), not one you made them.")
@vault_option
@today_option
def promise(name: str, text: str, due: date | None, theirs: bool, vault: Path,
            today: date | None) -> None:
    """Add a promise, `- [ ] TEXT 📅 DATE`, to NAME's note, as the Tasks plugin writes one.

    The task goes right after the note's last task, in its list; in a note without one, at the
    end of its Tasks section (a heading titled Tasks, Promises or To do); else in a `## Tasks`
    section made at its end, and a line says so. Every other byte of the note stays as it was.
    --due defaults to a week from today, so that `vaultnet due` lists the promise at once;
    --theirs tags it #waiting, a promise made to you, which `vaultnet brief` shows as theirs.
    `vaultnet done` ticks it off. Text that would not read back as that task (two lines, a due
    date or a ✅ of its own, a link or comment never closed) is refused, and says why.

    Example:

    \b
        vaultnet promise "Jane Doe" "Send her the paper" --due 2026-12-01
        vaultnet promise Jane "Intro to her editor" --theirs
    """
    from vaultnet.edits.promises import NO_TASKS, add_promise, due_by_default, promise_line

    now = resolve_today(today)
    when = due or due_by_default(now)
    line, task = promise_line(text, when, theirs)
    promised = add_promise(vault, load_vault(vault, now).index, name, line, task, when)
    if promised.new_section:
        click.echo(printable(f"{promised.path}:{promised.line - 1}: a new `## Tasks` section, made "
                             f"at the note's end: it had {NO_TASKS}; move the line where you keep "
                             "your tasks, and the next ones will follow it"))
    click.echo(printable(f"{promised.path}:{promised.line}: {promised.text.expandtabs(4)}"))


@click.command()
@click.argument("name")
@click.argument("words")
@click.option("--date", "day", type=DAY, default=None,
              metavar="DATE", help="The day it was done, as YYYY-MM-DD. [default: today]")
@vault_option
@today_option
def done(name: str, words: str, day: date | None, vault: Path, today: date | None) -> None:
    """Tick off the open promise in NAME's note whose text holds WORDS (else each of its
    words), as the Tasks plugin does: `- [x] … ✅ DATE`. Every other byte of the note stays as
    it was. Of several open promises of the very same text, the one due first is ticked. A
    --date after today is refused: a promise is kept on a day that has come.

    Example:

    \b
        vaultnet done "Jane Doe" "send the paper"
    """
    from vaultnet.edits.promises import tick_promise

    now = resolve_today(today)
    when = day or now
    if when > now:
        raise VaultnetError(f"{when.isoformat()} is after today ({now.isoformat()}): a promise is "
                            "done on the day it was kept, so nothing was written; fix the date")
    ticked = tick_promise(vault, load_vault(vault, now).index, name, words, when)
    alike = f" (the first of {ticked.alike} open tasks of this very text, by due date, then " \
        "line; the others stay open)" if ticked.alike > 1 else ""
    click.echo(printable(f"{ticked.path}:{ticked.line}: done: {ticked.text}{alike}"))
