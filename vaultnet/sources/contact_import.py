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

from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Birthday, Person, Problem
from vaultnet.base.text import key
from vaultnet.edits.add_person import NewPerson, PersonMaker
from vaultnet.network.index import VaultIndex
from vaultnet.parse.frontmatter import split_frontmatter
from vaultnet.parse.note import field_key
from vaultnet.sources.contacts import Contact, ContactFile


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
    maker = PersonMaker(root, index, today)
    report = ImportReport(found.format, len(found.contacts), problems=list(found.problems))
    people = {p.path: p for p in index.people}
    by_email = {key(e): p.path for p in index.people for e in p.fields.emails}
    made: dict[str, Contact] = {}  # the notes this import made, with their contact
    for done, contact in enumerate(found.contacts):
        if progress is not None and done % 100 == 0:
            progress(done, len(found.contacts))
        path = maker.existing(contact.name) or next(
            (by_email[key(e)] for e in contact.emails if key(e) in by_email), None)
        if path is not None:
            report.matched.append(Match(contact, path, _differences(
                contact, people.get(path), made.get(path), root / path)))
            continue
        new = NewPerson(contact.name, extra=tuple(contact_fields(contact)),
                        body=contact.notes or "")
        try:
            rel = maker.make(new, dry_run=dry_run)
        except VaultnetError as err:
            report.problems.append(Problem(source, contact.line or None,
                                           f"{contact.name}: {err.format_message()}",
                                           "add this person by hand with `vaultnet add`"))
            continue
        made[rel] = contact
        by_email.update((key(e), rel) for e in contact.emails)
        report.created.append(rel)
    if progress is not None:
        progress(len(found.contacts), len(found.contacts))
    return report


def _differences(contact: Contact, person: Person | None, made: Contact | None,
                 disk: Path) -> tuple[tuple[str, str, str], ...]:
    """The contact's fields whose values the note does not have (compared without case).

    Email, organisation and birthday as vaultnet reads them; title, phone and URL (fields
    vaultnet does not use) from the note's frontmatter as written.
    """
    if made is not None:  # a note this import made: compare with the contact that made it
        theirs = _values(made)
    else:
        raw = _raw_fields(disk)
        fields = person.fields if person is not None else None
        theirs = {
            "email": list(fields.emails) if fields else [],
            "org": ([*fields.orgs, *(link.target for link in fields.org_links)]
                    if fields else []),
            "birthday": [_birthday(fields.birthday)] if fields and fields.birthday else [],
            "title": _texts(raw.get("title")), "phone": _texts(raw.get("phone") or raw.get("tel")),
            "url": _texts(raw.get("url") or raw.get("linkedin") or raw.get("website")),
        }
    mine = _values(contact)
    found = []
    for name in mine:
        values, have = mine[name], theirs[name]
        if values and not {key(v) for v in values} <= {key(v) for v in have}:
            found.append((name, ", ".join(values), ", ".join(have) or "—"))
    return tuple(found)


def _values(contact: Contact) -> dict[str, list[str]]:
    """A contact's fields as compared, in the order differences are listed."""
    return {"email": list(contact.emails), "org": _texts(contact.org),
            "title": _texts(contact.title), "phone": list(contact.phones),
            "birthday": _texts(contact.birthday), "url": _texts(contact.url)}


def _birthday(birthday: Birthday) -> str:
    day = f"{birthday.month:02d}-{birthday.day:02d}"
    return f"{birthday.year:04d}-{day}" if birthday.year else f"--{day}"


def _raw_fields(disk: Path) -> dict[str, object]:
    """A note's frontmatter as written, by key without case, `_`, `-` or spaces."""
    try:
        text = disk.read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return {}
    meta = split_frontmatter(text, str(disk)).meta
    return {field_key(str(k)): v for k, v in meta.items()} if isinstance(meta, dict) else {}


def _texts(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v not in (None, "")]
    text = str(value)
    return [text] if text else []
