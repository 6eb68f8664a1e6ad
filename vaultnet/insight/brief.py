"""A brief before meeting someone: what today's agenda holds for them (in its own words), who they
are in your own words, their next birthday and how to reach them, what happened lately and what
is planned, what is open both ways (by due date, overdue marked), what you share, whom you both
know, what you could offer and what they need."""

from __future__ import annotations

import bisect
import itertools
import re
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from html.entities import html5
from typing import NamedTuple, Protocol
from urllib.parse import unquote

from vaultnet.base.conventions import LOG_TITLES, DailyNotes
from vaultnet.base.model import Interaction, Note, Person, Task
from vaultnet.base.settings import Settings
from vaultnet.base.text import key, logged_text, sort_key
from vaultnet.insight.agenda import (
    Agenda,
    BirthdayItem,
    agenda_json,
    gone_cold,
    is_theirs,
    next_birthday,
    open_outreach,
)
from vaultnet.insight.suggestions import Help, Insight, Pairing
from vaultnet.insight.ties import Tie
from vaultnet.network.graph import MENTIONED, ORG, PERSON, PREFIX, Graph, neighbours_of, person_node
from vaultnet.network.index import Resolver
from vaultnet.parse.frontmatter import Frontmatter, split_frontmatter
from vaultnet.parse.links import MARKDOWN_LINK, WIKILINK, clean
from vaultnet.parse.note import day_link_format, field_key, free_text, kinds_of, vcf_property

RECENT = 5
# Frontmatter fields shown as ways to reach someone (besides `email`), compared as field names are
# (without case, `_`, `-` or spaces: `Phone_Number` is `phonenumber`).
CONTACT_FIELDS = frozenset({
    "phone", "phones", "phonenumber", "mobile", "mobilephone", "cell", "cellphone", "tel",
    "telephone", "whatsapp", "signal", "telegram", "address", "website", "web", "url",
    "homepage", "site", "blog", "linkedin", "twitter", "github", "gitlab", "mastodon", "bluesky",
    "bsky", "threads", "instagram", "facebook", "orcid", "skype", "discord", "matrix",
})


class TypedTie(NamedTuple):
    """A typed tie as a note declares it: `kind` is the field (`children`), `name` and `path`
    the other one's (no path: someone with no note yet, `spouse: "[[Grandpa Jim]]"`); `theirs`:
    the field is in the other person's note (naming the one briefed), else in the briefed
    person's own note (naming them). A field is one way: `children: [[Sophie]]` in Dad's note
    makes Sophie Dad's child, not Dad hers."""

    kind: str
    name: str
    path: str | None
    theirs: bool

    def describe(self, briefed: str, other: str) -> str:
        """`parent: Dad` (a field of the briefed person's own note), or `in Dad's note, children:
        Sophie Baker` (of the other's): whose note it is, then its field and the name it holds,
        so that a one-way field (`children`, `manager`) cannot be read the wrong way round.
        `briefed` and `other` are how to name the two (`Brief.name_of`)."""
        if self.theirs:
            return f"in {other}'s note, {self.kind}: {briefed}"
        return f"{self.kind}: {other}" + ("" if self.path else " (no note yet)")


@dataclass(frozen=True)
class Brief:
    person: Person
    orgs: tuple[str, ...]
    tie: Tie
    recent: tuple[Interaction, ...]  # newest first
    yours: tuple[Task, ...]  # open promises you made
    theirs: tuple[Task, ...]  # open tasks tagged #waiting: what they promised you
    outreach: tuple[Interaction, ...]  # your outreach still without an answer, not gone cold
    shared_topics: tuple[str, ...]
    mutual: tuple[Person, ...]  # people you know who are tied to them
    offers: tuple[str, ...]  # what you could give them: their note's `offers`
    helps: tuple[Help, ...]  # your profile's offers that meet their needs
    introductions: tuple[Pairing, ...]  # introductions you could make for them
    needs: tuple[str, ...]
    paths: tuple[tuple[Person, ...], ...]  # warm paths, for someone you have not met
    relations: tuple[TypedTie, ...]  # typed ties in the notes, their own note's first
    story: str | None
    today: date
    birthday: BirthdayItem | None  # the next one, however far
    about: tuple[str, ...]  # the note's own free text, links as written
    contact: tuple[tuple[str, str], ...]  # (field as written, value): emails first
    plans: tuple[Interaction, ...]  # dated lines after today about them, soonest first
    # Their items of today's agenda, as `vaultnet due` has them (none if no agenda was given).
    agenda: Agenda | None = None
    # Your outreach without an answer for so long that it has gone cold (off the agenda), and
    # for how many days; none while it is open.
    cold_outreach: tuple[Interaction, ...] = ()
    cold_days: int = 0
    # The paths of the people it names (themselves, mutual connections, introductions, typed
    # ties, warm paths) whose name another person's note has too, case aside: shown by path
    # (`name_of`).
    named_alike: frozenset[str] = frozenset()

    def name_of(self, person: Named) -> str:
        """How the brief names `person` (or the other one of a typed tie): by name, or by their
        note's path (`Work/Sam`, which `vaultnet brief` takes) when someone else's note has that
        name too."""
        return name_or_path(person, self.named_alike)


def brief(person: Person, insight: Insight, graph: Graph, notes: Sequence[Note] = (),
          text: str | None = None, titles: frozenset[tuple[str, ...]] = LOG_TITLES, *,
          agenda: Agenda | None = None, settings: Settings | None = None,
          daily: DailyNotes | None = None) -> Brief:
    """What to know before meeting `person`.

    `notes` are the vault's notes (for plans: lines dated after today, which are no interactions);
    `text` is the person's note as it is on disk (for its free text and contact fields, which
    only a brief needs, so that parsing the vault never pays for them), and `titles` its Log
    section's (the vault's: `Conventions.log_titles`), which its free text leaves out. `agenda`
    is today's (the brief shows their items of it), `settings` say when outreach has gone cold
    (the defaults' if not given), and `daily` is the vault's daily notes, whose links may date
    a log line.
    """
    people = insight.warm.people
    neighbours = graph[person_node(person.path)]
    mutual = sorted(
        (people[node] for node in neighbours if node in people and people[node].is_known),
        key=lambda p: (sort_key(p.name), p.path))
    open_tasks = by_due(t for t in person.tasks if not t.done)
    waiting = [t for t in open_tasks if is_theirs(t.text)]
    cold = gone_cold(person, insight.today, settings or Settings())
    pending = tuple(open_outreach(person))
    focus = insight.focus
    front = split_frontmatter(text, person.path) if text is not None else None
    shared = [focus.labels[key(t)] for t in person.fields.topics if key(t) in focus.weights]
    introductions = tuple(p for p in insight.pairings if person.path in (p.a.path, p.b.path))
    relations = _relations(person, graph, notes)
    paths = tuple(map(tuple, insight.path_people(person))) if person.is_prospect else ()
    introduced = [x.b if x.a.path == person.path else x.a for x in introductions]
    named: list[Named] = [person, *mutual, *introduced, *relations,
                          *itertools.chain.from_iterable(paths)]
    return Brief(
        person=person,
        orgs=tuple(str(graph.nodes[n]["label"]) for n in neighbours_of(graph, node_of(person),
                                                                         ORG)),
        tie=insight.ties[person.path],
        recent=tuple(reversed(person.interactions[-RECENT:])),
        yours=tuple(t for t in open_tasks if t not in waiting),
        theirs=tuple(waiting),
        outreach=pending if cold is None else (),
        shared_topics=tuple(dict.fromkeys(shared)),
        mutual=tuple(mutual),
        offers=person.fields.offers,
        helps=tuple(h for h in insight.could_help if h.person.path == person.path),
        introductions=introductions,
        needs=person.fields.needs,
        paths=paths,
        story=focus.profile.fields.story if focus.profile is not None else None,
        relations=relations,
        today=insight.today,
        birthday=next_birthday(person, insight.today),
        about=free_text(front.body, titles=titles, day_format=day_link_format(daily))
        if front is not None else (),
        contact=contact_fields(person, front),
        plans=plans(person, notes, insight.today, neighbours),
        agenda=agenda.of(person) if agenda is not None else None,
        cold_outreach=pending if cold is not None else (),
        cold_days=cold or 0,
        named_alike=named_alike(named, people.values()),
    )


class Named(Protocol):
    """Someone named in output: a person, or the other one of a typed tie (no path: no note)."""

    @property
    def name(self) -> str: ...

    @property
    def path(self) -> str | None: ...


def name_or_path(person: Named, alike: frozenset[str]) -> str:
    """A person's name, or their note's path (`Work/Sam`, which the commands take for a name)
    when it is among the paths `alike` (`named_alike`). Every command that prints people to a
    terminal names them so."""
    path = person.path
    return path.removesuffix(".md") if path is not None and path in alike else person.name


def named_alike(named: Iterable[Named], everyone: Iterable[Person]) -> frozenset[str]:
    """The paths of the people `named` whose name another of `everyone` has too, case aside
    (`Work/Sam` and `Family/Sam`): a list of names would show them alike."""
    keyed = [(path, key(p.name)) for p in named if (path := p.path) is not None]
    wanted = {name for _, name in keyed}
    if not wanted:
        return frozenset()
    having: dict[str, set[str]] = {}
    for p in everyone:
        name = key(p.name)
        if name in wanted:
            having.setdefault(name, set()).add(p.path)
    return frozenset(path for path, name in keyed if len(having.get(name, ())) > 1)


_UNTYPED = frozenset({"knows", "met_via", "mentions"})


def _relations(person: Person, graph: Graph, notes: Sequence[Note]) -> tuple[TypedTie, ...]:
    """The typed ties between `person` and others (`spouse`, `manager`), each with whose note
    declares it: the ones of their own note by kind, then name; then the others' notes', by name,
    then kind.

    The graph's ties have no direction; the fields of the two notes say which one holds the
    field. Only when both notes have a field of that name are its links resolved (as the index
    resolves them), so a brief pays for a resolver only then."""
    found: list[TypedTie] = []
    resolver: Resolver | None = None

    def names(holder: Person, kind: str, other: Person) -> bool:
        nonlocal resolver
        resolver = resolver or Resolver(notes)
        folder = holder.path.rpartition("/")[0]
        return any(resolver.resolve(link.target, folder)[0] == other.path
                   for field, link in holder.fields.relations if field == kind)

    own_fields = {field for field, _ in person.fields.relations}
    for node, data in graph[node_of(person)].items():
        if node.startswith(PREFIX[MENTIONED]):  # named in a field of theirs, with no note
            found += [TypedTie(kind.replace("_", " "), str(graph.nodes[node]["label"]), None, False)
                      for kind in data["kinds"] if kind not in _UNTYPED]
        if not node.startswith("person:"):
            continue
        other: Person = graph.nodes[node]["person"]
        their_fields = {field for field, _ in other.fields.relations}
        for kind in data["kinds"]:
            if kind in _UNTYPED:
                continue
            mine, theirs = kind in own_fields, kind in their_fields
            if mine and theirs:  # both notes have the field: whom does each name?
                mine, theirs = names(person, kind, other), names(other, kind, person)
            shown = kind.replace("_", " ")
            # (Neither resolves to the other only if the index resolved differently: the tie is
            # still there, shown as their own note's.)
            found += [TypedTie(shown, other.name, other.path, False)] if mine or not theirs else []
            found += [TypedTie(shown, other.name, other.path, True)] if theirs else []
    return tuple(sorted(found, key=_tie_order))


def _tie_order(tie: TypedTie) -> tuple[bool, str, str, str, str]:
    """Their own note's fields first, by kind, then name; then the others' notes', by name."""
    name = tie.name
    first, second = (sort_key(name), name) if tie.theirs else (tie.kind, sort_key(name))
    return tie.theirs, first, second, tie.kind if tie.theirs else name, tie.path or ""


def node_of(person: Person) -> str:
    return person_node(person.path)


def by_due(tasks: Iterable[Task]) -> list[Task]:
    """Tasks by due date, the earliest first and undated ones last, else in the note's order."""
    return sorted(tasks, key=lambda t: (t.due is None, t.due or date.min))


def days_overdue(task: Task, today: date) -> int:
    """How many days past its due date an open task is (0 when it is not overdue)."""
    return (today - task.due).days if task.due is not None and task.due < today else 0


def plans(person: Person, notes: Sequence[Note], today: date,
          tied: Iterable[str] | None = None) -> tuple[Interaction, ...]:
    """The dated lines after today that the agenda would count as contact with `person` once
    their day comes (PRODUCT.md, Interactions): their own log's, and any other note's that links
    them, resolved as the index resolves links. Soonest first.

    With `tied`, the graph's nodes tied to them (`graph[node_of(person)]`), only the notes that
    can hold such a line have their lines read (`_may_plan`): of 10,000 people, a few dozen notes
    rather than every one."""
    may_plan = _may_plan(person, tied, today) if tied is not None else None
    ahead = [(note, entry) for note in notes if note.readable and (may_plan is None or may_plan(note))
             for entry in note.entries if entry.day > today]
    resolver: Resolver | None = None
    found = []
    for note, entry in ahead:
        if note.path != person.path:
            if not entry.links:
                continue
            resolver = resolver or Resolver(notes)
            if not any(resolver.resolve(link.target, note.folder)[0] == person.path
                       for link in entry.links):
                continue
        found.append(Interaction(entry.day, kinds_of(entry.tags), note.path, entry.line,
                                 entry.text))
    return tuple(sorted(found))


def _may_plan(person: Person, tied: Iterable[str], today: date) -> Callable[[Note], bool]:
    """A test of whether a note can hold a line dated after today that links `person` (`tied`:
    the graph's nodes tied to them), told without reading its lines: their own note can; another
    person's note only if it is tied to them (each of its lines' links is among its links, and
    the index makes each link of a person's note to a person a tie, `mentions`); any other note
    only if it is a day's or a meeting's page dated after today (each of its lines is dated its
    day)."""
    wanted = {node.removeprefix(PREFIX[PERSON]) for node in tied if node.startswith(PREFIX[PERSON])}
    wanted.add(person.path)

    def may_plan(note: Note) -> bool:
        if note.path in wanted:
            return True
        day = None if note.found_by else note.meeting or note.daily
        return day is not None and day > today

    return may_plan


def contact_fields(person: Person, front: Frontmatter | None) -> tuple[tuple[str, str], ...]:
    """Ways to reach them: `email` (as vaultnet reads it), then each contact field of the
    frontmatter (CONTACT_FIELDS) in the note's order, one row per value, as written."""
    found = [("email", email) for email in person.fields.emails]
    if front is None:
        return tuple(found)
    for raw_key, value in front.meta.items():
        if not isinstance(raw_key, str) \
                or field_key(vcf_property(raw_key) or raw_key) not in CONTACT_FIELDS:
            continue  # (a key of the VCF Contacts plugin's is its property's: `TEL[1:CELL]`)
        label = " ".join(raw_key.split())
        alone = type(value) is not list
        for item in (value,) if alone else value:
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                continue
            if isinstance(item, str):
                written = clean(item)
            else:  # a number, such as a phone number: as written, when it is the field's one value
                written = (alone and _number_as_written(front.yaml, raw_key)) or str(item)
            if written:
                found.append((label, written))
    return tuple(found)


def _number_as_written(yaml: str, raw_key: str) -> str:
    """A field that YAML read as a number, as the note writes it: `+447700900123` keeps its `+`,
    `0612345678` its leading zero."""
    found = re.findall("^[\"']?" + re.escape(raw_key) + "[\"']?" + r"[ \t]*:[ \t]*"
                       r"([-+]?[0-9][0-9.eE+\-]*)[ \t]*(?:#.*)?$", yaml, re.MULTILINE)
    return found[-1] if found else ""  # YAML keeps the last of a key given twice


def brief_json(b: Brief) -> dict[str, object]:
    p = b.person
    return {
        "person": p.name, "path": p.path, "role": p.role, "prospect": p.is_prospect,
        "dormant": p.is_dormant,
        "tie": {"score": b.tie.score, "interactions": b.tie.interactions,
                "last_contact": b.tie.last.isoformat() if b.tie.last else None},
        "last_interactions": [{"date": i.day.isoformat(), "text": logged_text(i.text),
                               "kinds": sorted(i.kinds), "source": i.source} for i in b.recent],
        "promises": {"yours": [_task(t) for t in b.yours], "theirs": [_task(t) for t in b.theirs]},
        "open_outreach": [{"date": i.day.isoformat(), "text": logged_text(i.text)} for i in b.outreach],
        "cold_outreach": [{"date": i.day.isoformat(), "text": logged_text(i.text)}
                          for i in b.cold_outreach],
        # (Their items in the very shape of `vaultnet due --json`, without its `today`.)
        "agenda": {k: v for k, v in agenda_json(b.agenda).items() if k != "today"}
        if b.agenda is not None else None,
        "shared_topics": list(b.shared_topics),
        "mutual_connections": [m.name for m in b.mutual],
        "you_could_offer": list(b.offers) + [h.offer for h in b.helps],
        "introductions_you_could_make": [
            (x.b if x.a.path == p.path else x.a).name for x in b.introductions],
        "they_need": list(b.needs),
        "warm_paths": [[step.name for step in path] for path in b.paths],
        "relations": [{"kind": t.kind, "person": t.name, "note": t.path,
                       "declared_in": t.path if t.theirs else p.path} for t in b.relations],
        "today": b.today.isoformat(),
        "birthday": {"date": b.birthday.date.isoformat(), "days_until": b.birthday.days_until,
                     "turns": b.birthday.turns} if b.birthday else None,
        "about": list(b.about),
        "contact": [{"field": label, "value": value} for label, value in b.contact],
        "plans": [{"date": i.day.isoformat(), "text": logged_text(i.text),
                   "kinds": sorted(i.kinds), "source": i.source} for i in b.plans],
        "overdue_promises": [
            {"whose": whose, "text": t.text, "due": t.due.isoformat(),
             "days_overdue": days_overdue(t, b.today)}
            for whose, t in sorted(
                [("yours", t) for t in b.yours] + [("theirs", t) for t in b.theirs],
                key=lambda item: item[1].due or date.max)
            if t.due is not None and days_overdue(t, b.today)],
    }


def as_shown(text: str) -> str:
    """Text from a note as Obsidian shows it, each wikilink as a plain name: `[[Target|shown]]` is
    `shown`, `[[Folder/Name]]` is `Name`, `[[Name#Heading]]` is `Name > Heading`, an embed
    `![[menu.png]]` is `menu.png`; a Markdown link or image as its text (`[Bob](Bob%20Smith.md)`
    is `Bob`), or without one as the wikilink to where it points; a backslash escape (`\\*`,
    `\\[\\[`) and an entity (`&amp;`) are the character they stand for, as in CommonMark; a code
    span is as written."""
    if not _MARKUP.search(text):
        return text
    runs: dict[int, list[int]] = {}  # backtick runs by length: where each starts
    for run in _BACKTICKS.finditer(text):
        runs.setdefault(len(run[0]), []).append(run.start())
    shown, at = [], 0
    while (found := _SHOWN.search(text, at)) is not None:
        shown.append(text[at:found.start()])
        at = found.end()
        if found[1]:  # a code span runs to the next run of backticks as long, if there is one
            starts = runs.get(len(found[1]), [])  # (an escape may cut a run)
            after = bisect.bisect_left(starts, at)
            at = starts[after] + len(found[1]) if after < len(starts) else at
            shown.append(text[found.start():at])
        else:
            shown.append(_shown(found))
    return "".join(shown) + text[at:]


# What Obsidian shows otherwise than written, as CommonMark reads it: a run of backticks (which
# may open a code span), a backslash before ASCII punctuation, an entity, a wikilink and a
# Markdown link.
_SHOWN = re.compile(rf"(`+)|\\[{re.escape(string.punctuation)}]"
                    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
                    rf"|{WIKILINK.pattern}|{MARKDOWN_LINK.pattern}")
_MARKUP = re.compile(r"[\\&`]|\[\[|\]\(")
_BACKTICKS = re.compile("`+")


def _shown(match: re.Match[str]) -> str:
    found = match[0]
    if found[0] == "\\":
        return found[1]
    if found[0] == "&":
        return _entity(found)
    inner = match[2]
    if inner is None:  # a Markdown link
        return as_shown(match["text"]) or _named(unquote(match["pointy"] or match["bare"] or ""))
    if "|" in inner:
        return inner.split("|", 1)[1].strip()
    return _named(inner)


def _entity(found: str) -> str:
    """An entity as CommonMark reads it: a name HTML5 knows, with its `;` (`&copy2024;` is no
    entity, though a browser reads its `&copy`), or a code point, U+FFFD for one that is no
    character."""
    if found[1] != "#":
        return html5.get(found[1:], found)
    code = int(found[3:-1], 16) if found[2] in "xX" else int(found[2:-1])
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def _named(inner: str) -> str:
    """What a link points at, as a wikilink without shown text shows it: `Name > Heading`."""
    target, _, heading = inner.partition("#")
    name = target.strip().rstrip("/").rpartition("/")[2]
    name = name[:-3] if name.lower().endswith(".md") else name
    headings = (h.strip() for h in heading.split("#"))  # a block (`#^id`) is not shown
    return " > ".join(part for part in (name, *headings) if part and not part.startswith("^"))


def _task(task: Task) -> dict[str, object]:
    return {"text": task.text, "due": task.due.isoformat() if task.due else None}
