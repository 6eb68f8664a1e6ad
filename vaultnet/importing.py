"""`vaultnet import`: people from a phone's vCard file, a LinkedIn export or Google Contacts.

Each new contact becomes one person note, made the way `vaultnet add` makes one (the vault's person
template, a safe file name in the people folder). A contact that matches someone the vault has
(by name, alias or email, ignoring case and Unicode normalisation) is never touched: it is reported
with the fields where the file and the note differ. So the same import run twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vaultnet.contacts import Contact, ContactFile
from vaultnet.edit import NewPerson, add_person, existing_person
from vaultnet.errors import VaultnetError
from vaultnet.frontmatter_io import split_frontmatter
from vaultnet.index import VaultIndex
from vaultnet.links import key
from vaultnet.model import Problem
from vaultnet.names import safe_stem
from vaultnet.settings import load_settings


@dataclass(frozen=True)
class Match:
    """A contact the vault has already, and how the file and the note differ."""

    contact: Contact
    path: str
    differences: tuple[tuple[str, str, str], ...]  # field, in the file, in the note


@dataclass
class ImportReport:
    format: str
    contacts: int
    created: list[str] = field(default_factory=list)
    matched: list[Match] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "format": self.format,
            "contacts": self.contacts,
            "created": self.created,
            "matched": [{"name": m.contact.name, "path": m.path,
                         "differences": [{"field": f, "file": a, "note": b}
                                         for f, a, b in m.differences]}
                        for m in self.matched],
            "problems": [p.as_dict() for p in self.problems],
        }


def contact_fields(contact: Contact) -> list[tuple[str, object]]:
    """The frontmatter of a contact's new note, in a fixed order; empty values left out."""
    values: list[tuple[str, object]] = []
    if contact.org:
        values.append(("org", contact.org))
    if contact.title:
        values.append(("title", contact.title))
    if contact.emails:
        values.append(("email", contact.emails[0] if len(contact.emails) == 1
                       else list(contact.emails)))
    if contact.phones:
        values.append(("phone", contact.phones[0] if len(contact.phones) == 1
                       else list(contact.phones)))
    if contact.birthday:
        values.append(("birthday", contact.birthday))
    if contact.url:
        values.append(("url", contact.url))
    if contact.connected:
        values.append(("connected", contact.connected.isoformat()))
    return values


def import_contacts(root: Path, index: VaultIndex, source: str, found: ContactFile, today: date,
                    dry_run: bool = False,
                    progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Create a note for each contact the vault does not have yet; report the others.

    `source` names the file the contacts came from, in messages."""
    settings = load_settings(root)
    report = ImportReport(found.format, len(found.contacts), problems=list(found.problems))
    by_email = {key(e): p.path for p in index.people for e in p.fields.emails}
    made: dict[str, str] = {}  # the key of each name created in this import: its note
    for done, contact in enumerate(found.contacts):
        if progress is not None:
            progress(done, len(found.contacts))
        path = (existing_person(index, contact.name) or made.get(key(contact.name))
                or next((by_email[key(e)] for e in contact.emails if key(e) in by_email), None))
        if path is not None:
            report.matched.append(Match(contact, path, _differences(root, path, contact)))
            continue
        rel = f"{settings.people_folder}/{safe_stem(contact.name)}.md"
        if dry_run:
            taken = {key(n.path) for n in index.notes} | {key(p) for p in made.values()}
            if key(rel) in taken:
                report.problems.append(_taken(source, contact, rel))
            else:
                made[key(contact.name)] = rel
                report.created.append(rel)
            continue
        new = NewPerson(contact.name, extra=tuple(contact_fields(contact)),
                        body=contact.notes or "")
        try:
            rel = add_person(root, index, new, today)
        except VaultnetError:
            report.problems.append(_taken(source, contact, rel))
            continue
        made[key(contact.name)] = rel
        report.created.append(rel)
    if progress is not None:
        progress(len(found.contacts), len(found.contacts))
    return report


def _taken(source: str, contact: Contact, rel: str) -> Problem:
    return Problem(source, contact.line or None, f"{contact.name}: {rel} is taken by "
                   "another note; not imported", "rename that note, or add this person by hand "
                   "with `vaultnet add`")


_COMPARED = (("email", ("email", "emails", "mail")), ("org", ("org", "company", "organisation",
             "organization")), ("title", ("title",)), ("phone", ("phone", "tel")),
             ("birthday", ("birthday", "bday")), ("url", ("url", "linkedin", "website")))


def _differences(root: Path, path: str, contact: Contact) -> tuple[tuple[str, str, str], ...]:
    """The contact's fields whose values the note does not have (compared without case)."""
    try:
        text = (root / path).read_text(encoding="utf-8").removeprefix("\ufeff")
        meta = split_frontmatter(text, path).meta
    except (OSError, UnicodeDecodeError):
        meta = {}
    raw = {str(k).casefold(): v for k, v in meta.items()} if isinstance(meta, dict) else {}
    mine: dict[str, object] = {
        "email": list(contact.emails), "org": contact.org, "title": contact.title,
        "phone": list(contact.phones), "birthday": contact.birthday, "url": contact.url}
    found = []
    for name, spellings in _COMPARED:
        wanted = mine[name]
        values = _texts(wanted)
        if not values:
            continue
        theirs = next((raw[s] for s in spellings if s in raw and raw[s] not in (None, "", [])),
                      None)
        have = {key(v) for v in _texts(theirs)}
        if not {key(v) for v in values} <= have:
            found.append((name, ", ".join(values), ", ".join(_texts(theirs)) or "—"))
    return tuple(found)


def _texts(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v not in (None, "")]
    text = str(value)
    return [text] if text else []
