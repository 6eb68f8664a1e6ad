"""The commands that bring data in and take it out: import (contacts, mail, calendar) and
export."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from vaultnet.base.errors import VaultnetError
from vaultnet.base.text import plural, printable
from vaultnet.cli.options import (
    DAY,
    F,
    Group,
    json_option,
    load_vault,
    notes_with_problems,
    print_json,
    problem_line,
    progress_bar,
    resolve_today,
    today_option,
    vault_option,
)


class _ImportGroup(Group):
    """`vaultnet import FILE` stays the contacts import: a first word that names no form of the
    command is a file of contacts."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["contacts", *args]
        return super().parse_args(ctx, args)


@click.group(name="import", cls=_ImportGroup)
def import_group() -> None:
    """Bring in people from contacts, and interactions from mail and calendar exports.

    \b
    vaultnet import FILE            people from a vCard file or a LinkedIn or Google Contacts CSV
    vaultnet import mail PATH       interactions from an mbox, a folder of them or a Maildir
    vaultnet import calendar FILE   meetings from an .ics export

    Each form takes --vault (the vault, default $VAULTNET_VAULT, else the one the current
    folder is in), --dry-run and --json; `vaultnet import FORM --help` tells more.

    Example:

    \b
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
                             help="Print the lines that would be written, each note checked as "
                             "the import checks it; write nothing."),
                vault_option, today_option, json_option)):
            f = option(f)
        return f

    return add


def _import_interactions(vault: Path, day: date, path: Path, what: str, read: Callable[..., Any],
                         mine: tuple[str, ...], dry_run: bool, as_json: bool) -> None:
    """Read interactions with `read(book, report)`, then plan, write and report their lines."""
    from vaultnet.sources.interaction_import import (
        ImportReport,
        address_book,
        name_strangers,
        plan_lines,
        report_lines,
        write_lines,
    )

    index = load_vault(vault, day).index
    book = address_book(index, vault, mine)
    if not book.mine:  # your mail, or meetings you declined, would be taken for theirs
        raise VaultnetError(f"vaultnet does not know your address, so it cannot tell your {what}s "
                            "from theirs: add `email: you@example.org` to your profile note "
                            "(type: me), `me = [\"you@example.org\"]` to .vaultnet.toml, "
                            "or give --me ADDRESS")
    report = ImportReport(str(path), problems=book.problems())
    plan_lines(index, read(book, report), report)
    name_strangers(report, book)
    write_lines(vault, report, dry_run)  # (a dry run checks each note as the write would)
    if as_json:
        print_json({"dry_run": dry_run, **report.as_dict(),
                    "written": [] if dry_run else report.written, "not_written": report.not_written})
    else:
        for line in report_lines(report, what, dry_run, book.names):
            click.echo(printable(line))
    if report.not_written:
        sys.exit(1)  # as sync does when a write failed (or, in a dry run, would fail)


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
    senders, bulk mail, spam and drafts are nobody's; the most frequent addresses of nobody in the
    vault are offered as people to add (or, when their name is that of a person the vault has, as
    an address for that note). Your addresses: your profile's `email`, `me` in .vaultnet.toml, --me.

    Example:

    \b
        vaultnet import mail ~/Takeout/Mail/All.mbox --since 2026-01-01 --dry-run
    """
    from vaultnet.sources.mail import MailReader

    day = resolve_today(today)

    def read(book: Any, report: Any) -> Any:
        reader = MailReader(book, report, day, since)
        with progress_bar("reading mail") as progress:
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

    \b
        vaultnet import calendar ~/Downloads/calendar.ics --dry-run
    """
    from vaultnet.sources.calendar import read_calendar

    day = resolve_today(today)

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

    \b
        vaultnet import ~/Downloads/Connections.csv --dry-run
    """
    from vaultnet.sources.contact_import import import_contacts, shown
    from vaultnet.sources.contacts import read_contacts

    day = resolve_today(today)
    found = read_contacts(file)
    with progress_bar("importing") as progress:
        report = import_contacts(vault, load_vault(vault, day, making=True).index, str(file),
                                 found, day, dry_run=dry_run, update=update, progress=progress)
    if as_json:
        print_json({"dry_run": dry_run, **report.as_dict()})
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
    for problem in (*report.skipped, *report.problems):
        click.echo(problem_line(problem))
    parts = [f"{'Would create' if dry_run else 'Created'} {plural(len(report.created), 'note')}",
             f"{plural(len(report.matched), 'contact')} in the vault already"]
    if report.skipped:
        parts.append("skipped " + plural(len(report.skipped), "card of a company or group",
                                         "cards of companies or groups") + " (above)")
    fields, notes = report.fill_counts
    if fields:
        filling = "would fill" if dry_run else "filled"
        parts.append(f"{filling} {plural(fields, 'field')} in {plural(notes, 'note')}" if update
                     else f"--update would fill {plural(fields, 'empty field')} in "
                          f"{plural(notes, 'note')}")
    if report.problems:
        parts.append(f"{plural(len(report.problems), 'problem')} (above)")
    click.echo("; ".join(parts) + ".")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "canvas", "ics"]),
              required=True, help="graphml or gexf (Gephi, Cytoscape), json (networkx "
              "node-link), canvas (JSON Canvas) or ics (today's agenda as a calendar).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              required=True, help="The file to write; - for standard output (./- for a file "
              "named -).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@vault_option
@today_option
def export(fmt: str, output: str, force: bool, vault: Path, today: date | None) -> None:
    """Write the network graph for graph tools, or today's agenda for a calendar.

    graphml and gexf open in Gephi and Cytoscape; json is networkx's node-link form; canvas is
    the picture of Network.canvas; ics holds one all-day event per agenda item, with UIDs that
    stay the same from day to day, so a calendar updates events rather than duplicating them.
    An existing FILE is replaced only with --force; a note (.md) is never written, nor the
    Network.canvas sync writes. Notes with problems are counted on standard error (`vaultnet
    check` names them).

    Example:

    \b
        vaultnet export --format ics -o ~/agenda.ics
    """
    from vaultnet.render.export import export_bytes
    from vaultnet.write.files import write_file

    loaded = load_vault(vault, resolve_today(today))
    data = export_bytes(fmt, loaded.graph, loaded.agenda, loaded.insight,
                        f"{loaded.settings.output_folder}/Network.md", loaded.index.merged)
    if loaded.index.problems:
        click.echo(notes_with_problems(loaded.index.problems, "."), err=True)
    if output == "-":  # (as typed: `./-` is a file named -)
        if sys.stdout is None:
            raise VaultnetError("standard output is closed; give -o FILE")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if _is_the_canvas(output, vault / loaded.settings.output_folder):
        raise VaultnetError(f"{output}: is the canvas `vaultnet sync` writes; export to "
                            "another file")
    write_file(output, data, replace=force)
    click.echo(printable(f"wrote {output} ({fmt}, {len(data):,} bytes)"))


def _is_the_canvas(output: str, folder: Path) -> bool:
    """Whether `output` is the Network.canvas sync writes in its output `folder` (however the
    disk spells it: a case-blind or normalising disk names it in other ways too). Written over
    by an export, it would be a file sync no longer knows as its own, and left alone for good."""
    with contextlib.suppress(OSError):
        return os.path.basename(output).casefold() == "network.canvas" and \
            os.path.samefile(os.path.dirname(os.path.abspath(output)), folder)
    return False
