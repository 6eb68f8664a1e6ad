"""Finding people: everyone, or those of a role, topic or organisation, due today, prospects,
the dormant, or matching words.

Pure: the graph (for organisations), the agenda (for who is due) and the filters in, people out,
in name order. `vaultnet people` lists them; scripts get the same with `--json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vaultnet.base.model import Person
from vaultnet.base.text import folded_name, key
from vaultnet.insight.agenda import Agenda, last_interaction
from vaultnet.network.graph import ORG, Graph, neighbours_of, people, person_node


@dataclass(frozen=True)
class Filters:
    """What to look for; every filter given must hold (empty: everyone)."""

    words: str = ""  # in the name, an alias, the role, a topic or an organisation
    role: str = ""
    topic: str = ""
    org: str = ""
    due: bool = False  # anything on today's agenda: a reply owed, stay in touch, outreach, a
    # promise, a birthday
    prospects: bool = False
    dormant: bool = False  # `status: dormant`: off the agenda, still in the list


@dataclass(frozen=True)
class Found:
    """One person found, with what a list shows of them."""

    person: Person
    orgs: tuple[str, ...]
    last_contact: date | None

    def as_dict(self) -> dict[str, object]:
        p = self.person
        return {"person": p.name, "path": p.path, "role": p.role, "prospect": p.is_prospect,
                "dormant": p.is_dormant, "orgs": list(self.orgs), "topics": list(p.fields.topics),
                "last_contact": self.last_contact.isoformat() if self.last_contact else None}


def due_today(agenda: Agenda) -> set[str]:
    """The note paths of everyone with something on today's agenda."""
    return {item.person.path for items in (agenda.replies, agenda.stay_in_touch, agenda.outreach,
                                           agenda.promises, agenda.birthdays) for item in items}


def find_people(graph: Graph, agenda: Agenda, filters: Filters) -> list[Found]:
    """The people who match every filter, in name order."""
    due = due_today(agenda) if filters.due else set()
    found = []
    for person in people(graph):
        orgs = tuple(str(graph.nodes[n]["label"]) for n in neighbours_of(graph, person_node(
            person.path), ORG))
        if _matches(person, orgs, filters, due):
            last = last_interaction(person)
            found.append(Found(person, orgs, last.day if last else None))
    return found


def _matches(person: Person, orgs: tuple[str, ...], filters: Filters, due: set[str]) -> bool:
    fields = person.fields
    if filters.role and key(filters.role) != key(fields.role or ""):
        return False
    if filters.topic and key(filters.topic) not in {key(t) for t in fields.topics}:
        return False
    if filters.org and key(filters.org) not in {key(o) for o in orgs}:
        return False
    if (filters.due and person.path not in due) or (filters.prospects and not person.is_prospect) \
            or (filters.dormant and not person.is_dormant):
        return False
    if filters.words:
        text = _searched(" ".join((person.name, *fields.aliases, fields.role or "",
                                   *fields.topics, *orgs)))
        return all(word in text for word in _searched(filters.words).split())
    return True


def _searched(text: str) -> str:
    """Text as `people WORDS` compares it: its `folded_name`, but for case, accents and
    apostrophes, as `add`, the imports and `intro` compare names (`renee` finds Renée Dubois,
    `o’brien` O'Brien). (Plain ASCII without a backtick is folded by its `key` alone.)"""
    return folded_name(text) if not text.isascii() or "`" in text else key(text)
