"""Network.md: the summary, the core picture, the directory of people, organisations and topics,
who has gone quiet, who is mentioned without a note and which notes have problems.

The insight sections arrive already rendered (`InsightSections`, from insight_pages), so that the
two pages stay independent of each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from operator import itemgetter

from vaultnet.base.filenames import unique_stems
from vaultnet.base.model import Person
from vaultnet.base.settings import Settings
from vaultnet.base.text import (
    CONTROL,
    HIDDEN,
    days,
    key,
    names_differ_by,
    plural,
    sort_key,
)
from vaultnet.insight.agenda import Agenda, last_interaction
from vaultnet.network.graph import ORG, PERSON, TOPIC, neighbours_of, nodes_of, standing
from vaultnet.network.index import VaultIndex, ignored_by_name, ignored_why
from vaultnet.network.twins import Twin, find_twin
from vaultnet.render.context import DIRECTORY, PROBLEMS, PageContext
from vaultnet.render.markdown import code_span, label, note_link, own_words, person_link
from vaultnet.render.picture import NOBODY_TIED, Picture, Sources, canvas_picture

CORE_SIZE = 16  # people in the diagram: about what fits the width of a note
CORE_TIES_EACH = 1  # plain ties drawn per person: the diagram cannot route more cleanly
LIST_LIMIT = 8  # people named inline per organisation on Network.md
# What Obsidian reads in a link as more than a name, or reads otherwise: white space but a plain
# space, a run of spaces, white space at an end of the name or of a folder's.
_NOT_A_LINK_TARGET = re.compile(r"[#|^\[\]]|[^\S ]|  |(?:^|/)\s|\s(?:/|$)")


@dataclass(frozen=True, slots=True)
class InsightSections:
    """The insight's lines on Network.md, each list ending in a blank line (or empty)."""

    focus: list[str]
    ties: list[str]
    give_and_take: list[str]
    field: list[str]


class NetworkPage:
    """Renders Network.md for one sync."""

    def __init__(self, context: PageContext, index: VaultIndex, agenda: Agenda,
                 settings: Settings, sources: Sources | None = None) -> None:
        self.context = context
        self.index = index
        self.agenda = agenda
        self.settings = settings
        self.sources = sources  # what the core picture is drawn from

    def render(self, insight: InsightSections) -> str:
        """Render the page, with the insight's sections in their places."""
        block = self.context.block
        lines = self.summary()
        lines += insight.focus
        lines += self.core_picture()  # follows your ties, which change without the graph
        lines += insight.ties
        lines += block(DIRECTORY, self.directory)
        lines += self.gone_quiet()
        lines += insight.give_and_take
        lines += insight.field
        lines += self.mentioned()
        lines += block(PROBLEMS, self.problems, self.index.problems)
        return "\n".join(lines).rstrip("\n") + "\n"

    def summary(self) -> list[str]:
        """Count the network and the day's agenda."""
        a = self.agenda
        everyone = self.context.everyone
        orgs, topics = self.context.nodes(ORG), self.context.nodes(TOPIC)
        return [
            "# Network", "",
            f"{plural(len(everyone), 'person', 'people')} ({self._standings()}), "
            f"{plural(len(orgs), 'organisation')}, "
            f"{plural(len(topics), 'topic')}, {plural(self.index.daily_notes, 'daily note')}.",
            "",
            f"Agenda for {a.today.isoformat()} {self._where_the_agenda_is()}: "
            + (f"{plural(len(a.replies), 'reply', 'replies')} owed, " if a.replies else "")
            + f"{len(a.stay_in_touch)} to stay in touch with, "
            f"{len(a.outreach)} outreach to follow up or rest, "
            f"{plural(len(a.promises), 'promise')} due, {plural(len(a.birthdays), 'birthday')}.",
            "",
        ]

    def _standings(self) -> str:
        """How many people you know, have not met, let rest, and have only written to (PRODUCT.md:
        a known person is none of the other three), from the graph's `standing`: each person is
        one of the four."""
        known, prospects, roles = standing(self.context.graph)
        statuses = list(map(itemgetter(1), roles.values()))
        dormant = statuses.count("dormant") - sum(roles[node][1] == "dormant" for node in prospects)
        written_to = len(roles) - len(known) - len(prospects) - dormant
        return ", ".join([f"{len(known)} known", plural(len(prospects), "prospect"),
                          *([f"{dormant} dormant"] if dormant else []),
                          *([f"{written_to} only written to"] if written_to else [])])

    def _where_the_agenda_is(self) -> str:
        followups = self.context.paths.followups
        held = self.context.held_note(followups)
        # Never point at an out-of-date note as if it were current (PRODUCT.md, promise 2).
        return f"in {note_link(followups, 'Follow-ups')}" if held is None else f"({held})"

    def core_picture(self) -> list[str]:
        """Draw you, the people closest to you and the bridges between groups as a Mermaid
        diagram (without you when nobody is tied to you: the best-connected people, and why).

        You in the middle: the people tied to you split into a left and a right half (each half
        whole groups, as they sit around you on the canvas), and every line is written from left
        to right, so the layout puts you between them. Each node's text is its note's name (its
        path when another note has the name) and carries Obsidian's `internal-link` class when a
        click opens that note (see `_node_text`).
        """
        ctx = self.context
        sources = self.sources or Sources.of_graph(ctx.graph, ())
        picture = ctx.memo.pictures.choose(sources, CORE_SIZE, CORE_TIES_EACH)
        if not picture.people:
            return []
        ids = {node: f"p{i}" for i, node in enumerate(picture.people, start=1)}
        column = _columns(picture)
        profile = sources.profile
        with_you = bool(picture.spokes)  # never you alone, without a line
        people = [ctx.person_of(n) for n in picture.people]
        mine = [(profile.path, profile.name)] if profile and with_you else []
        texts = self._node_texts(mine + [(p.path, p.name) for p in people])
        you = texts.pop(0) if mine else ("You", False)
        lines = ["## Core network", "", "```mermaid", "graph LR"]
        lines += [f'  me(["{_mermaid_text(you[0])}"])'] if with_you else []
        lines += [f'  {ids[n]}["{_mermaid_text(text)}"]'
                  for n, (text, _) in zip(picture.people, texts, strict=True)]
        for node in picture.people:
            if node in picture.spokes:
                lines.append(f"  {ids[node]} --- me" if column[node] < 0 else f"  me --- {ids[node]}")
        for a, b, words in picture.ties:
            if (column[b], ids[b]) < (column[a], ids[a]):
                a, b = b, a
            # (A tie one note declares reads from it: `Aisha met via Chloe` is `met via →` with
            # Aisha on the left, `← met via` on the right. Mermaid draws no arrow leftwards.)
            way = sources.one_way(a, b) if words else None
            words = f"{words} →" if way == a else f"← {words}" if way == b else words
            label = f'|"{_mermaid_text(words)}"|' if words else ""
            lines.append(f"  {ids[a]} ---{label} {ids[b]}")
        linked = (["me"] if with_you and you[1] else []) + [
            ids[n] for n, (_, opens) in zip(picture.people, texts, strict=True) if opens]
        lines += [f"  class {','.join(linked)} internal-link;"] if linked else []
        lines += ["```", ""]
        if picture.hidden:
            lines += [f"Showing {len(picture.people)} of "
                      f"{plural(picture.total, 'person', 'people')}: {picture.chosen()}. "
                      f"{self._on_the_canvas(sources, picture)}; everyone is under People by "
                      "role below.", ""]
        if not with_you:
            lines += [NOBODY_TIED, ""]
        return lines

    def _node_texts(self, shown: list[tuple[str, str]]) -> list[tuple[str, bool]]:
        """The text of the node of each note `shown` (path, name), and whether a click on it opens
        that note (`_node_text`), from the notes named alike: the index's, and the generated
        notes (a bare `Mentors` from Network.md opens Network/Mentors.md, in its folder)."""
        named = self.index.named
        having = {key(name): tuple(named.get(key(name), ())) for _, name in shown}
        paths = self.context.paths
        for path in (paths.network, paths.followups, paths.introductions, paths.mentors,
                     paths.communities, *paths.topics.values()):
            shown_as = key(_shown_name(path))
            if shown_as in having:
                having[shown_as] += (path,)
        return [_node_text(path, name, having[key(name)]) for path, name in shown]

    def _on_the_canvas(self, sources: Sources, picture: Picture) -> str:
        """What Network.canvas holds of the people the diagram leaves out: "the other N" only
        when it holds them all, else how many it shows (the two pages must not send you to each
        other for the rest)."""
        ctx = self.context
        canvas = ctx.page_link(ctx.paths.canvas, "Network.canvas")
        shown = canvas_picture(sources, ctx.memo.pictures)
        if len(shown.people) <= len(picture.people):  # (the first people it chose are these)
            return f"{canvas} shows the same {len(shown.people)}"
        if shown.hidden:
            return f"{canvas} shows {len(shown.people)} of them"
        return f"The other one is in {canvas}" if picture.hidden == 1 else \
            f"The other {picture.hidden} are in {canvas}"

    def directory(self) -> list[str]:
        """List people by role, organisations and topics."""
        ctx = self.context
        g = ctx.graph
        orgs, topics = nodes_of(g, ORG), nodes_of(g, TOPIC)
        lines = ["## People by role", ""]
        for role, members in ctx.by_role(nodes_of(g, PERSON)):
            lines += [f"### {role} ({len(members)})", ""]
            lines += [f"- {ctx.describe(n)}" for n in members] + [""]
        if not ctx.person_nodes:
            lines += ["Nobody yet: add a note with `type: person`, or run `vaultnet add`.", ""]
        lines += ["## Organisations", ""]
        for org in sorted(orgs, key=lambda o: (-len(g[o]), sort_key(g.nodes[o]["label"]), o)):
            members = sorted(neighbours_of(g, org, PERSON), key=ctx.order)
            shown = ", ".join(person_link(ctx.person_of(n)) for n in members[:LIST_LIMIT])
            more = f" and {len(members) - LIST_LIMIT} more" if len(members) > LIST_LIMIT else ""
            lines.append(f"- {ctx.org_text(org)} ({len(members)}): {shown}{more}")
        lines += [""] if orgs else ["None yet: add `org:` to person notes.", ""]
        lines += ["## Topics", ""]
        for topic in sorted(topics, key=lambda t: (-len(g[t]), sort_key(g.nodes[t]["label"]), t)):
            lines.append(f"- {ctx.topic_link(topic)} ({plural(len(g[topic]), 'person', 'people')})")
        lines += [""] if topics else ["None yet: add `topics:` to person notes.", ""]
        return lines

    def gone_quiet(self) -> list[str]:
        """List known people silent for the quiet days or more, longest silence first."""
        quiet_days = self.settings.quiet_days
        rows = self.context.rows("gone quiet", _gone_quiet, _may_be_quiet)
        quiet = rows.update(self.context.everyone, (self.agenda.today, quiet_days))
        lines = [f"## Gone quiet ({quiet_days}+ days)", "", *quiet]
        return lines + ([""] if quiet else ["Nobody.", ""])

    def mentioned(self) -> list[str]:
        """List the people linked to without a note, with the notes that name them (a meeting's
        too) and a link that creates one. A name that is a person's name or alias but for case,
        accents or apostrophes (a twin, which `vaultnet add` refuses) most often means that
        person: their note comes first, with the link to write for them, as `intro` says. A name
        whose note is in an ignored folder is offered no note (a link to it goes to that one):
        where it is, and why it is not read, instead."""
        lines = ["## Mentioned, without a note", ""]
        # `a:b` and `a/b` are both `a-b` once safe: each is offered a note of its own.
        stems = unique_stems({m.name: m.name for m in self.index.mentioned})
        ignored = ignored_by_name(self.index.ignored) if self.index.ignored else {}
        for mentioned in self.index.mentioned:
            by = ", ".join(_path_link(p) for p in sorted(mentioned.named_in, key=_by_name))
            if (note := ignored.get(key(mentioned.name))) is not None:
                lines.append(f"- {label(mentioned.name)}, mentioned by {by}: is "
                             f"{note_link(note.path, note.path)}, which vaultnet does not read "
                             f"({own_words(ignored_why(note))})")
                continue
            create = note_link(f"{self.settings.people_folder}/{stems[mentioned.name]}.md",
                               "create the note")
            twin = find_twin(self.index, mentioned.name, self.context.memo.twins)
            if twin is None:
                lines.append(f"- {label(mentioned.name)}, mentioned by {by} ({create})")
            else:
                lines.append(f"- {label(mentioned.name)}, mentioned by {by}: "
                             f"{self._may_be(mentioned.name, twin, create)}")
        return lines + ([""] if self.index.mentioned else ["Everyone mentioned has a note.", ""])

    def _may_be(self, mentioned: str, twin: Twin, create: str) -> str:
        """`is this [[People/Carol Díaz|Carol Díaz]] (the same name but for accents)? If so, link
        them as [[Carol Díaz]]; if not, create the note.` for `Carol Diaz` (the link to write
        escaped: text to copy, not a link)."""
        path, name, matched = twin
        but = _but_for(mentioned, matched)
        why = f"the same name{but}" if matched == name else \
            f"alias {matched}" + (f": the same{but}" if but else "")
        asked = f"is this {note_link(path, name)} ({label(why)})?"
        # The note's name, unless another note has it too: then its path, which names it alone.
        target = name if len(self.index.named.get(key(name), ())) == 1 else path.removesuffix(".md")
        if not _opens_as_written(target):  # (no link written names it as Obsidian reads links)
            return f"{asked} If not, {create}."
        link = target if matched == name else f"{target}|{matched}"
        return f"{asked} If so, link them as {label(f'[[{link}]]')}; if not, {create}."

    def problems(self) -> list[str]:
        """List the notes with problems, and where to learn how to fix them (showing of each
        problem what `shown_problems` gives alone: the cache keeps the block under it)."""
        problems = self.index.problems
        lines = ["## Notes with problems", ""]
        for problem in problems:
            where = f", line {problem.line}" if problem.line else ""
            # (A message may quote a broken link: shown as text, it must not become a live one.)
            message = own_words(problem.message)
            lines.append(f"- {_path_link(problem.path)}{where}: {message}")
        lines += [""] if problems else ["None.", ""]
        lines.append("Run `vaultnet check` for how to fix each problem." if problems else "")
        return lines


def _gone_quiet(person: Person, context: tuple[date, int]) -> list[tuple[tuple[object, ...], str]]:
    """A known person's line under Gone quiet, when `context` (the day, the quiet days) makes
    them quiet: the longest silence first, then by name. (Not the dormant, whom you let rest, nor
    those only ever written to, whom you never heard from.)"""
    today, quiet_days = context
    last = last_interaction(person)
    if not person.is_known or last is None:
        return []
    silent = (today - last.day).days
    if silent < quiet_days:
        return []
    return [((-silent, sort_key(person.name), person.path),
             f"- {person_link(person)} — last contact {last.day.isoformat()} "
             f"({days(silent)} ago)")]


def _may_be_quiet(people: Iterable[Person], context: tuple[date, int]) -> list[Person]:
    """Those of `people` whose last contact was the quiet days or more before the day (of
    `context`), whom `_gone_quiet` alone may give a line: found with no call for each (at
    10,000 dense people, 4 of them, in 2 ms where asking `_gone_quiet` of each took 4.5)."""
    today, quiet_days = context
    try:
        latest = today - timedelta(days=quiet_days)  # (the latest last contact that is quiet)
    except OverflowError:  # (quiet days before the first day there is: nobody, or everyone)
        return [] if quiet_days > 0 else list(people)
    return [person for person in people
            if (last := person.contacts.last) is not None and last.day <= latest]


def _columns(picture: Picture) -> dict[str, int]:
    """Where each person of the diagram sits, left of you (below 0) or right: the first half
    around you on the right, the rest on the left; those tied in only through someone shown one
    column further out than them."""
    spokes = [n for n in picture.people if n in picture.spokes]
    right = set(spokes[:(len(spokes) + 1) // 2])
    column = {n: (1 if n in right else -1) for n in spokes}
    for node in picture.people:  # people who are not tied to you come after someone who is
        if node not in column:
            anchors = [column[o] for a, b, _ in picture.ties for o in (a, b)
                       if node in (a, b) and o != node and o in column]
            near = anchors[0] if anchors else 1
            column[node] = near + (1 if near > 0 else -1)
    return column


def _mermaid_text(text: str) -> str:
    """Text inside a quoted Mermaid label: quotes, brackets, pipes and the like would end it
    early, so every character that is not plain becomes Mermaid's entity code (`#35;`), which
    the diagram shows as the character itself (and Obsidian reads as the link's target). An
    invisible character is left out (a right-to-left override would show a name reversed), a
    control character becomes a space."""
    text = CONTROL.sub(" ", HIDDEN.sub("", text))
    return "".join(c if c.isalnum() or c in " .,'-" else f"#{ord(c)};" for c in text)


def _node_text(path: str, name: str, named: tuple[str, ...]) -> tuple[str, bool]:
    """The text of the node of the note at `path` called `name`, and whether a click on it opens
    that note, given the paths of the notes `named` alike (ignoring case, itself among them).

    Obsidian opens the note a node's text names as a link would: a name another note has too
    opens the same one of them from every node showing it. Such a node shows its note's vault
    path, `Work/Sam`, which a link names that note alone by (from the vault's root), unless
    another note has that very path but for case; a note at the top of the vault has no other.
    """
    if len(named) <= 1:
        return name, _opens_as_written(name)
    target = path.removesuffix(".md")
    folded = key(target)
    alone = "/" in target and [key(p.removesuffix(".md")) for p in named].count(folded) == 1
    return target, alone and _opens_as_written(target)


def _opens_as_written(text: str) -> bool:
    """Whether a node showing `text` opens the note `text` names: Obsidian reads `#`, `|`, `^` and
    brackets as a heading, an alias, a block or a link (a click would open another note, or make
    one), trims a name's ends, and may read a tab or a run of spaces as one space; a name
    `_mermaid_text` changed is not the note's."""
    return not (_NOT_A_LINK_TARGET.search(text) or HIDDEN.search(text) or CONTROL.search(text))


def _but_for(mentioned: str, name: str) -> str:
    """What sets a name mentioned apart from a person's name or alias of the same `folded_name`:
    ` but for case and accents`, nothing when a link takes them for one name."""
    differ = names_differ_by(mentioned, name)
    if not differ:
        return ""
    return " but for " + (differ[0] if len(differ) == 1 else
                          f"{', '.join(differ[:-1])} and {differ[-1]}")


def _path_link(path: str) -> str:
    """Link a note by its path, or show a file that is not a note as code."""
    if path.endswith(".md"):
        return note_link(path, _shown_name(path))
    return code_span(path)


def _shown_name(path: str) -> str:
    """A note's name, as its link shows it."""
    return path.rpartition("/")[2].removesuffix(".md")


def _by_name(path: str) -> tuple[str, str]:
    """A note as the notes that name someone are listed: by the name its link shows, accents and
    case set aside; then by path."""
    return sort_key(_shown_name(path)), path
