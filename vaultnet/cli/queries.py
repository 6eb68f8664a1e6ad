"""The commands that read the network and change nothing: due, people, intro and brief."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vaultnet.base.text import printable
from vaultnet.cli.options import (
    json_option,
    load_vault,
    print_json,
    resolve_today,
    today_option,
    vault_option,
)

if TYPE_CHECKING:
    from vaultnet.base.model import Person
    from vaultnet.network.index import Mentioned, VaultIndex


@click.command()
@vault_option
@today_option
@json_option
def due(vault: Path, today: date | None, as_json: bool) -> None:
    """Print today's agenda: replies owed (first), who to contact, outreach to follow up,
    promises, birthdays.

    Example:

    \b
        vaultnet due --vault ~/Notes --today 2026-11-25
    """
    from vaultnet.insight.agenda import agenda_json

    loaded = load_vault(vault, resolve_today(today))
    if as_json:
        print_json(agenda_json(loaded.agenda))
        return
    from vaultnet.render.terminal import format_agenda

    click.echo(format_agenda(loaded.agenda, loaded.index.people), nl=False)


@click.command()
@click.argument("words", required=False, default="")
@click.option("--role", default="", help="Only people of this role.")
@click.option("--topic", default="", help="Only people with this topic.")
@click.option("--org", default="", help="Only people at this organisation.")
@click.option("--due", "is_due", is_flag=True, help="Only people with something on today's agenda.")
@click.option("--prospects", is_flag=True, help="Only people you have not met yet.")
@click.option("--dormant", is_flag=True,
              help="Only people marked `status: dormant` (not kept in touch with by cadence).")
@vault_option
@today_option
@json_option
def people(words: str, role: str, topic: str, org: str, is_due: bool, prospects: bool,
           dormant: bool, vault: Path, today: date | None, as_json: bool) -> None:
    """List people, or find them: WORDS in a name, alias, role, topic or organisation (but for
    case, accents or apostrophes), and any filters; every one given must hold. In name order;
    prospects and the dormant are listed too, and marked so.

    Example:

    \b
        vaultnet people --topic "civic tech" --vault ~/Notes
        vaultnet people priya --json
    """
    from vaultnet.insight.people import Filters, find_people

    day = resolve_today(today)
    loaded = load_vault(vault, day)
    found = find_people(loaded.graph, loaded.agenda, Filters(words, role, topic, org, is_due,
                                                             prospects, dormant))
    if as_json:
        print_json([item.as_dict() for item in found])
        return
    from vaultnet.render.terminal import format_people

    click.echo(format_people(found, day), nl=False)


@click.command()
@click.argument("name")
@vault_option
@today_option
@json_option
def intro(name: str, vault: Path, today: date | None, as_json: bool) -> None:
    """The warm paths from people you know to NAME: whom to ask for an introduction.

    Paths follow the ties your notes declare (`knows`, `met_via`, and typed ones such as
    `spouse` or `manager`), not a link in passing, shortest first; among the shortest, the one
    that starts with your strongest tie comes first. At most three. When there is none, says so and
    exits 0. NAME is a note name or alias, in any case, or someone your notes name with no
    note yet (in `knows`, `met_via`, a field named for people such as `spouse`, or among who was
    at a meeting): the paths then go through who named them or met them there, and it offers the
    `vaultnet add` that makes their note; or, when a note's name or alias is NAME but for case,
    accents or apostrophes (Carol Díaz for Carol Diaz), names that note and the link to it; or,
    when their note is in a folder `ignore` leaves out, names it and how to have it read.

    Example:

    \b
        vaultnet intro "Grace Liu" --vault ~/Notes
    """
    from vaultnet.insight.brief import name_or_path, named_alike
    from vaultnet.network.index import find_mentioned, find_person

    loaded = load_vault(vault, resolve_today(today))
    mentioned = find_mentioned(loaded.index, name)
    if mentioned is not None:  # named as a person (`knows`, `spouse`, a meeting), with no note
        _intro_without_a_note(loaded.insight.people_via(mentioned.mentioned_by), mentioned,
                              loaded.index, vault, as_json)
        return
    person = find_person(loaded.index, name)
    paths = loaded.insight.path_people(person)
    if as_json:  # (names as they are, and beside them their notes, which tell twins apart)
        print_json({"person": person.name, "note": person.path,
                    "paths": [[step.name for step in path] for path in paths],
                    "path_notes": [[step.path for step in path] for path in paths]})
        return
    alike = named_alike([person, *(step for path in paths for step in path)],
                        loaded.index.people)
    shown = name_or_path(person, alike)
    if person.is_dormant:
        click.echo(printable(f"{shown} is dormant in your notes (`status: dormant`): no "
                             "introduction needed; reach out directly, or change the status."))
    elif person.is_known:  # (not one only ever written to, without an answer: PRODUCT.md)
        from vaultnet.render.terminal import tie_words

        tie = loaded.insight.ties[person.path]
        click.echo(printable(f"You already know {shown}, {tie_words(tie.score)}: no "
                             "introduction needed."))
    elif not paths:
        click.echo(printable(f"No warm path to {shown}: nobody you know is tied to them "
                             "in your notes (`knows`, `met_via`, `spouse`, …). Reach out "
                             "directly, or note who knows them."))
    else:
        _echo_paths(shown, [[name_or_path(step, alike) for step in path] for path in paths])


def _echo_paths(name: str, paths: list[list[str]]) -> None:
    """The warm paths to `name`, numbered, each with the sentence to act on."""
    from vaultnet.insight.warm_paths import advice

    click.echo(printable(f"Warm paths to {name}:"))
    for i, path in enumerate(paths, start=1):
        click.echo(printable(f"{i}. {' → '.join(path)}"))
        click.echo(printable(f"   {advice(path)}"))


def _intro_without_a_note(paths: list[list[Person]], mentioned: Mentioned, index: VaultIndex,
                          vault: Path, as_json: bool) -> None:
    """Intro to someone your notes name but who has no note: who knows them (or, when nobody
    with a note does, where your notes name them), and the way there (`paths`: the people
    along each up to the one who can introduce you)."""
    from vaultnet.insight.brief import name_or_path, named_alike
    from vaultnet.network.index import ignored_fix, ignored_note, ignored_why
    from vaultnet.network.twins import find_twin

    name, named_by = mentioned.name, mentioned.mentioned_by
    # Their note may be in an ignored folder: a link to them goes to it, so `add` would make a
    # second note of that name. Where it is, and why it is not read, are said instead.
    ignored = ignored_note(index, name)
    # `vaultnet add NAME` would be refused when NAME is a note's name or alias but for case,
    # accents or apostrophes, and most often the notes mean that person, spelt otherwise: said
    # first, and no path goes through them (to ask them to introduce you to themselves).
    twin = find_twin(index, name)
    if twin is not None:
        paths = [steps for steps in paths if twin[1] not in [step.name for step in steps]]
    if as_json:  # (names as they are, and beside them their notes: none for the one named)
        print_json({"person": name, "note": None, "named_by": list(named_by),
                    "named_in": list(mentioned.named_in),
                    "paths": [[step.name for step in steps] + [name] for steps in paths],
                    "path_notes": [[step.path for step in steps] + [None] for steps in paths],
                    "twin": None if twin is None else
                    {"path": twin[0], "person": twin[1], "matched": twin[2]},
                    "ignored": None if ignored is None else ignored.path})
        return
    by_path = {person.path: person for person in index.people}
    alike = named_alike([*(by_path[path] for path in named_by if path in by_path),
                         *(step for steps in paths for step in steps)], index.people)

    def names(paths: list[str]) -> str:  # (people by `name_or_path`; meeting notes by name)
        return ", ".join(name_or_path(by_path[path], alike) if path in by_path
                         else path.rpartition("/")[2].removesuffix(".md") for path in paths)

    # Whose own notes name them (`knows`, `met_via`), and who was at a meeting with them: a
    # meeting note names them, and is no one's person note.
    knows = [path for path in named_by if path in mentioned.named_in]
    met = [path for path in named_by if path not in mentioned.named_in]
    meetings = [path for path in mentioned.named_in if path not in named_by]
    said = []
    if knows:
        said.append(f"your notes say {names(knows)} {'knows' if len(knows) == 1 else 'know'} "
                    "them")
    if met:  # each with the meetings their contacts come from
        sources = {person.path: {i.source for i in person.interactions}
                   for person in index.people if person.path in met}
        said.append(", ".join(
            f"{names([path])}{' met them' if not at else ''} at "
            f"{names([m for m in meetings if m in sources[path]])}" for at, path in enumerate(met)))
    if not said:
        said.append(f"your notes name them in {names(meetings)}")
    first = f"{name} has no note yet" if ignored is None else \
        f"{name} is {ignored.path}, which vaultnet does not read ({ignored_why(ignored)})"
    click.echo(printable(f"{first}; {', and '.join(said)}."))
    if twin is not None:
        path, note_name, matched = twin
        alias = "" if matched == note_name else f", with the alias {matched}"
        link = f"[[{note_name}]]" if matched == note_name else f"[[{note_name}|{matched}]]"
        click.echo(printable(f"{note_name} has a note ({path}){alias}: if your notes mean "
                             f"them, link them as {link}."))
    if paths:
        _echo_paths(name, [[name_or_path(step, alike) for step in steps] + [name]
                           for steps in paths])
    else:
        click.echo("No warm path: nobody you know is tied to them yet.")
    if ignored is not None:
        click.echo(printable(f"To have vaultnet read their note, {ignored_fix(ignored)}."))
    elif twin is None:
        click.echo(printable(f'Make a note for them: vaultnet add "{name}" --vault {vault}'))
    else:
        click.echo(printable(f'If {name} is someone else, make a note for them: vaultnet add '
                             f'"{name}" --different-person --vault {vault}'))


@click.command()
@click.argument("name")
@vault_option
@today_option
@json_option
def brief(name: str, vault: Path, today: date | None, as_json: bool) -> None:
    """What to know before meeting NAME: their items of today's agenda (as `vaultnet due` words
    them), their note's own words, next birthday and contact fields, recent contact and plans
    (log lines dated after today), open promises both ways (by due date, overdue ones marked),
    open outreach (or outreach gone cold), shared topics, mutual connections, what you could
    offer and what they need.

    Tasks tagged #waiting in their note are what they promised you; other open tasks are yours.
    NAME is a note name or alias, in any case. The note's text shows as Obsidian shows it: links
    as plain names, `\\*` as `*`, `&amp;` as `&`; --json keeps the text as the note writes it.

    Example:

    \b
        vaultnet brief "Jane Doe" --vault ~/Notes
    """
    from vaultnet.insight.brief import brief as make_brief
    from vaultnet.insight.brief import brief_json
    from vaultnet.network.index import find_person
    from vaultnet.read.vault import read_note
    from vaultnet.render.terminal import format_brief

    day = resolve_today(today)
    loaded = load_vault(vault, day)
    person = find_person(loaded.index, name)
    # Their note once more, for what only a brief shows (free text, contact fields): syncing
    # never pays for it.
    text = read_note(vault, person.path, loaded.settings.max_note_bytes)
    found = make_brief(person, loaded.insight, loaded.graph, loaded.index.notes, text,
                       loaded.store.conventions.log_titles, agenda=loaded.agenda,
                       settings=loaded.settings, daily=loaded.store.conventions.daily)
    if as_json:
        print_json(brief_json(found))
    else:
        click.echo(format_brief(found, day), nl=False)
