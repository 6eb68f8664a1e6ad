"""A brief before meeting someone: what happened lately, what is open both ways, what you share,
whom you both know, what you could offer and what they need."""

from __future__ import annotations

import re
from dataclasses import dataclass

import networkx as nx

from vaultnet.base.model import Interaction, Person, Task
from vaultnet.base.text import key
from vaultnet.insight.agenda import open_outreach
from vaultnet.insight.suggestions import Help, Insight, Pairing
from vaultnet.insight.ties import Tie
from vaultnet.network.graph import ORG, neighbours_of, person_node
from vaultnet.parse.links import find_tags

RECENT = 5
_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
WAITING_TAGS = frozenset({"waiting", "waiting-for", "waitingfor"})  # what they promised you


@dataclass(frozen=True)
class Brief:
    person: Person
    orgs: tuple[str, ...]
    tie: Tie
    recent: tuple[Interaction, ...]  # newest first
    yours: tuple[Task, ...]  # open promises you made
    theirs: tuple[Task, ...]  # open tasks tagged #waiting: what they promised you
    outreach: tuple[Interaction, ...]  # your outreach still without an answer
    shared_topics: tuple[str, ...]
    mutual: tuple[Person, ...]  # people you know who are tied to them
    offers: tuple[str, ...]  # what you could give them: their note's `offers`
    helps: tuple[Help, ...]  # your profile's offers that meet their needs
    introductions: tuple[Pairing, ...]  # introductions you could make for them
    needs: tuple[str, ...]
    paths: tuple[tuple[str, ...], ...]  # warm paths (note names), for someone you have not met
    relations: tuple[tuple[str, str], ...]  # typed ties in the notes: (`spouse`, their name)
    story: str | None


def brief(person: Person, insight: Insight, graph: nx.Graph) -> Brief:
    """What to know before meeting `person`."""
    people = insight.warm.people
    neighbours = graph[person_node(person.path)]
    mutual = sorted(
        (people[node] for node, data in neighbours.items()
         if node in people
         and people[node].is_known),
        key=lambda p: (p.name.casefold(), p.path))
    open_tasks = [t for t in person.tasks if not t.done]
    waiting = [t for t in open_tasks if not WAITING_TAGS.isdisjoint(find_tags(t.text))]
    focus = insight.focus
    shared = [focus.labels[key(t)] for t in person.fields.topics if key(t) in focus.weights]
    return Brief(
        person=person,
        orgs=tuple(str(graph.nodes[n]["label"]) for n in neighbours_of(graph, node_of(person),
                                                                         ORG)),
        tie=insight.ties[person.path],
        recent=tuple(reversed(person.interactions[-RECENT:])),
        yours=tuple(t for t in open_tasks if t not in waiting),
        theirs=tuple(waiting),
        outreach=tuple(open_outreach(person)),
        shared_topics=tuple(dict.fromkeys(shared)),
        mutual=tuple(mutual),
        offers=person.fields.offers,
        helps=tuple(h for h in insight.could_help if h.person.path == person.path),
        introductions=tuple(p for p in insight.pairings
                            if person.path in (p.a.path, p.b.path)),
        needs=person.fields.needs,
        paths=tuple(tuple(path) for path in insight.paths(person)) if person.is_prospect else (),
        story=focus.profile.fields.story if focus.profile is not None else None,
        relations=_relations(person, graph),
    )


_UNTYPED = frozenset({"knows", "met_via", "mentions"})


def _relations(person: Person, graph: nx.Graph) -> tuple[tuple[str, str], ...]:
    """The typed ties between `person` and others (`spouse`, `manager`), by kind, then name."""
    found = [(kind.replace("_", " "), str(graph.nodes[node]["label"]))
             for node, data in graph[node_of(person)].items() if node.startswith("person:")
             for kind in data["kinds"] if kind not in _UNTYPED]
    return tuple(sorted(found, key=lambda item: (item[0], item[1].casefold(), item[1])))


def node_of(person: Person) -> str:
    return person_node(person.path)


def brief_json(b: Brief) -> dict[str, object]:
    p = b.person
    return {
        "person": p.name, "path": p.path, "role": p.role, "prospect": p.is_prospect,
        "tie": {"score": b.tie.score, "interactions": b.tie.interactions,
                "last_contact": b.tie.last.isoformat() if b.tie.last else None},
        "last_interactions": [{"date": i.day.isoformat(), "text": logged_text(i.text),
                               "kinds": sorted(i.kinds), "source": i.source} for i in b.recent],
        "promises": {"yours": [_task(t) for t in b.yours], "theirs": [_task(t) for t in b.theirs]},
        "open_outreach": [{"date": i.day.isoformat(), "text": logged_text(i.text)} for i in b.outreach],
        "shared_topics": list(b.shared_topics),
        "mutual_connections": [m.name for m in b.mutual],
        "you_could_offer": list(b.offers) + [h.offer for h in b.helps],
        "introductions_you_could_make": [
            (x.b if x.a.path == p.path else x.a).name for x in b.introductions],
        "they_need": list(b.needs),
        "warm_paths": [list(path) for path in b.paths],
        "relations": [{"kind": kind, "person": name} for kind, name in b.relations],
    }


def logged_text(text: str) -> str:
    """A logged line without its list marker (a daily note's lines are kept as written)."""
    return _MARKER.sub("", text, count=1)


def _task(task: Task) -> dict[str, object]:
    return {"text": task.text, "due": task.due.isoformat() if task.due else None}
