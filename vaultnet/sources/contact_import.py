"""`vaultnet import`: people from a phone's vCard file, a LinkedIn export or Google Contacts.

Each new person becomes one person note, made the way `vaultnet add` makes one (the vault's person
template, a safe file name in the people folder). A contact is someone the vault has when it shares
with their note, in this order: an email address (ignoring case); a LinkedIn profile (ignoring
scheme, `www.`, trailing slash and case); a name, the note's or an alias (ignoring case, Unicode
normalisation, honorifics, credentials and emoji, the family name written first behind a comma,
the kind of apostrophe, and spaces between Chinese, Japanese or Korean characters: `name_key`);
else a name or alias that is the contact's but for case and a Latin letter's accents (`Carol Díaz`
for `Carol Diaz`: `folded_name`, as `vaultnet add` refuses to make a twin of them).
Contacts of one file that are the same person make one note, each field from the first contact
that has it, and the emails of all; a new note is named as its first contact spells the name. Two
contacts of one name whose emails differ, and that nothing else ties (an email or a LinkedIn
profile), are one person while nothing that both hold differs (a card duplicated, or split in
two); when their organisation, title, birthday, web page or profile differs, they may be two
people, and the later one is left alone and named, as a contact two notes could be is.

A note the vault has is not touched, unless `update` is asked for: then its fields that are
missing or empty are filled from the file, under the spelling the note already uses, and every
other byte of the note is kept. A field that holds anything is never overwritten; where the file
and the note disagree, the report says so. An email held in the VCF Contacts plugin's keys
(`EMAIL[1]`) is not missing, and an address of the file that the note lacks is such a
disagreement: those keys are the plugin's to number, and no second `email` goes beside them.
Notes are matched by what they hold, so the same import run twice changes nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Birthday, Person, Problem
from vaultnet.base.person_names import name_keys
from vaultnet.base.small_files import NotReadable, read_small_file
from vaultnet.base.text import folded_name, key, plural
from vaultnet.edits.add_person import PersonMaker
from vaultnet.edits.fields import fill_fields
from vaultnet.edits.lines import MAX_NOTE_TO_CHANGE, change_note
from vaultnet.edits.wanted_fields import NewPerson
from vaultnet.network.index import VaultIndex
from vaultnet.network.twins import NameTable
from vaultnet.parse.frontmatter import split_frontmatter
from vaultnet.parse.note import FIELD_ALIASES, field_key, vcf_property
from vaultnet.read.vault import disk_path, read_note
from vaultnet.sources.contacts import Contact, ContactFile, linkedin_key
from vaultnet.write.files import disk_refuses

# The fields an import writes, in the order a new note gets them, with the spellings (compared as
# `field_key` does) under which a note may hold each already; a key that vaultnet reads as one of
# them holds it too, though nothing is written there (`fill_fields`: the VCF Contacts plugin's
# `EMAIL[2:WORK]`). `linkedin` is the LinkedIn profile; `url` any other web page.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "aliases": FIELD_ALIASES["aliases"],
    "org": FIELD_ALIASES["orgs"],
    "title": ("title", "jobtitle", "position"),
    "email": FIELD_ALIASES["emails"],
    "phone": ("phone", "phones", "phonenumber", "mobile", "mobilephone", "cell", "cellphone",
              "tel", "telephone"),
    "birthday": FIELD_ALIASES["birthday"],
    "url": ("url", "urls", "website", "websites", "web", "homepage", "site"),
    "linkedin": ("linkedin", "linkedinurl", "linkedinprofile"),
    "connected": ("connected", "connectedon"),
    "tags": FIELD_ALIASES["tags"],
}


@dataclass(frozen=True)
class Match:
    """A contact the vault has already, how the file and the note differ, and what the import
    fills (or, without `update`, would fill) in the note's empty fields."""

    contact: Contact
    path: str
    differences: tuple[tuple[str, str, str], ...]  # field, in the file, in the note
    fill: tuple[tuple[str, object], ...] = ()  # field as the note spells it, value
    filled: bool = False  # written into the note


@dataclass
class ImportReport:
    format: str
    contacts: int
    created: list[str] = field(default_factory=list)
    matched: list[Match] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    update: bool = False
    skipped: list[Problem] = field(default_factory=list)  # cards of companies and groups

    @property
    def fill_counts(self) -> tuple[int, int]:
        """Fields filled (or that `update` would fill), and in how many notes."""
        return (sum(len(m.fill) for m in self.matched),
                len({m.path for m in self.matched if m.fill}))

    def as_dict(self) -> dict[str, object]:
        return {
            "format": self.format,
            "contacts": self.contacts,
            "update": self.update,
            "created": self.created,
            "matched": [{"name": m.contact.name, "path": m.path,
                         "differences": [{"field": f, "file": a, "note": b}
                                         for f, a, b in m.differences],
                         "fill": [{"field": f, "value": v} for f, v in m.fill],
                         "filled": m.filled}
                        for m in self.matched],
            "problems": [p.as_dict() for p in self.problems],
            "skipped": [p.as_dict() for p in self.skipped],
        }


def shown(value: object) -> str:
    """A field's value as the report shows it: a list as its items."""
    return ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)


def contact_fields(contact: Contact) -> list[tuple[str, object]]:
    """The frontmatter of a contact's note, in a fixed order; empty values left out."""
    values: list[tuple[str, object]] = []
    if contact.aliases:
        values.append(("aliases", list(contact.aliases)))
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
    if contact.linkedin:
        values.append(("linkedin", contact.linkedin))
    if contact.connected:
        values.append(("connected", contact.connected.isoformat()))
    if contact.tags:
        values.append(("tags", list(contact.tags)))
    return values


def named_notes(people: Sequence[Person]) -> dict[str, str]:
    """The path of the note each name key (`name_keys`) of the people's names and aliases names:
    a note's own name before another note's alias, else the first in the order given."""
    named: dict[str, str] = {}
    for aliases in (False, True):
        for person in people:
            for name in person.fields.aliases if aliases else (person.name,):
                for each in name_keys(name):
                    named.setdefault(each, person.path)
    return named


@dataclass(eq=False)
class _Target:
    """One person the contacts of the file are matched to: a note of the vault, or one to make."""

    path: str | None  # None for a note to make, until it is made
    offer: Contact | None = None  # the file's contacts for them, merged: the first value wins
    theirs: dict[str, list[str]] | None = None  # the note's values, once read (and filled)
    failed: bool = False  # the note could not be made


def import_contacts(root: Path, index: VaultIndex, source: str, found: ContactFile, today: date,
                    dry_run: bool = False, update: bool = False,
                    progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Create a note for each person the vault does not have yet; report the others, and with
    `update`, fill their notes' empty fields.

    `source` names the file the contacts came from, in messages."""
    maker = PersonMaker(root, index, today)
    report = ImportReport(found.format, len(found.contacts), problems=list(found.problems),
                          update=update, skipped=list(found.skipped))
    finder = _Finder(root, index, maker.settings.max_note_bytes)
    plan: list[tuple[Contact, _Target, bool]] = []  # each contact, its person, whether first
    for contact in found.contacts:
        target = finder.find(contact)
        if isinstance(target, tuple):
            report.problems.append(Problem(
                source, contact.line or None, f"{contact.name}: could be any of "
                + ", ".join(target) + ", which share its name, email or LinkedIn profile; left alone",
                "give the note it is an email or LinkedIn profile the contact has, or add it "
                "by hand"))
            continue
        clash = _clash(target.offer, contact) if isinstance(target, _Target) and \
            target.offer is not None and finder.by_name_alone(contact) else None
        if clash is not None:
            report.problems.append(Problem(source, contact.line or None, clash, (
                "if it is the same person, add its email to their note and import again; if "
                "not, add them by hand under a name that tells them apart")))
            continue
        first = target is None or target.offer is None
        if target is None:
            target = _Target(None)
        target.offer = contact if target.offer is None else _merged(target.offer, contact)
        finder.add(contact, target)
        plan.append((contact, target, first))

    people = {p.path: p for p in index.people}
    for done, (contact, target, first) in enumerate(plan):
        if progress is not None and done % 100 == 0:
            progress(done, len(plan))
        if target.failed:
            continue
        offer = target.offer
        assert offer is not None
        if target.path is None:  # the first contact of a person the vault does not have
            _create(maker, contact, target, source, dry_run, report)
            continue
        fill: tuple[tuple[str, object], ...] = ()
        filled = False
        if first:
            fill, filled = _fill(root, target.path, offer, people.get(target.path), target,
                                 source, update, dry_run, report)
        assert target.theirs is not None
        report.matched.append(Match(contact, target.path, _differences(contact, target.theirs),
                                    fill, filled))
    if progress is not None:
        progress(len(plan), len(plan))
    return report


def _create(maker: PersonMaker, contact: Contact, target: _Target, source: str, dry_run: bool,
            report: ImportReport) -> None:
    """Make the note of a person the vault does not have, from all their contacts (`target.offer`);
    a note that cannot be made is reported, and a full or read-only disk stops the import."""
    offer = target.offer
    assert offer is not None
    new = NewPerson(offer.name, extra=tuple(contact_fields(replace(offer, aliases=(), tags=()))),
                    body=offer.notes or "", aliases=offer.aliases, tags=offer.tags)
    try:
        target.path = maker.make(new, dry_run=dry_run)
    except VaultnetError as err:
        if _disk_refused(err):  # every contact after it would fail the same way
            raise VaultnetError(
                f"{err.format_message()}. The import stopped there, after creating "
                f"{plural(len(report.created), 'note')}; run it again and it adds only the "
                "people still missing") from err
        target.failed = True
        report.problems.append(Problem(source, contact.line or None,
                                       f"{contact.name}: {err.format_message()}",
                                       "add this person by hand with `vaultnet add`"))
        return
    target.theirs = _values(offer)
    report.created.append(target.path)


def _disk_refused(err: VaultnetError) -> bool:
    """Whether a note could not be made because the disk is full or read-only, not because of
    this one note."""
    return isinstance(err.__cause__, OSError) and disk_refuses(err.__cause__)


class _Finder:
    """The people of the vault and of this import, by email, LinkedIn profile and name.

    Each contact's addresses, profile, name and nicknames lead to the person it was matched to
    from then on, so that the file's next contacts match them too; the same file gives the same
    matches on every run."""

    def __init__(self, root: Path, index: VaultIndex, max_bytes: int) -> None:
        self.root = root
        self.index = index
        self.max_bytes = max_bytes
        self.vault = {p.path: _Target(p.path) for p in index.people}
        self.emails: dict[str, _Target] = {}
        # The names, then the same with case, accents and apostrophes set aside: tried only
        # when no name matches as written (see `NameTable`).
        self.names = NameTable((each, self.vault[path])
                               for each, path in named_notes(index.people).items())
        self._profiles: dict[str, _Target] | None = None
        # The emails, names and aliases (as written and folded) two or more notes hold, and their
        # LinkedIn profiles once read (`profiles`): a contact matched by one of them alone could
        # be either person's, and is left for the user (`find`). A note's own name comes before
        # another's alias, as `named_notes` has it.
        holders: defaultdict[str, set[str]] = defaultdict(set)
        aliased: defaultdict[str, set[str]] = defaultdict(set)
        for person in index.people:
            for email in person.fields.emails:
                self.emails.setdefault(key(email), self.vault[person.path])
                holders["@" + key(email)].add(person.path)
            for names, held in (((person.name,), holders), (person.fields.aliases, aliased)):
                for each in (each for name in names for each in name_keys(name)):
                    held[each].add(person.path)
                    held["~" + folded_name(each)].add(person.path)
        for each, paths in aliased.items():
            if each not in holders:
                holders[each] = paths
        self.shared = {held: tuple(sorted(paths)) for held, paths in holders.items()
                       if len(paths) > 1}

    def profiles(self) -> dict[str, _Target]:
        """The LinkedIn profiles of the vault's notes, read from their frontmatter when a contact
        with one first needs them (vaultnet reads no such field otherwise)."""
        if self._profiles is None:
            self._profiles = {}
            for person in self.index.people:
                text = read_note(self.root, person.path, self.max_bytes) or ""
                for profile in _note_profiles(_front(text)):
                    held = self._profiles.setdefault(profile, self.vault[person.path])
                    if held.path != person.path:  # (a profile two notes hold: see `find`)
                        self.shared.setdefault("in:" + profile, (held.path or "",))
                        paths = {*self.shared["in:" + profile], person.path}
                        self.shared["in:" + profile] = tuple(sorted(paths))
        return self._profiles

    def find(self, contact: Contact) -> _Target | tuple[str, ...] | None:
        """The person a contact is, by email, then LinkedIn profile, then name (as written, then
        folded); the notes it could be, when what it is matched by is held by two or more."""
        known = [key(email) for email in contact.emails if key(email) in self.emails]
        for email in known:  # (an email of one note alone tells them apart)
            if "@" + email not in self.shared:
                return self.emails[email]
        if known:
            return self.shared["@" + known[0]]
        profile = linkedin_key(contact.linkedin or "")
        if profile is not None and profile in self.profiles():
            return self.shared.get("in:" + profile) or self.profiles()[profile]
        names = [each for name in (contact.name, contact.former) if name
                 for each in name_keys(name)]
        found = self.names.match(names)
        if found is None:
            return None
        each, folded, target = found
        return self.shared.get("~" + each if folded else each) or target

    def by_name_alone(self, contact: Contact) -> bool:
        """Whether `find` matches the contact by its name, not by an email or a profile."""
        profile = linkedin_key(contact.linkedin or "")
        return not any(key(email) in self.emails for email in contact.emails) and (
            profile is None or profile not in self.profiles())

    def add(self, contact: Contact, target: _Target) -> None:
        for email in contact.emails:
            self.emails.setdefault(key(email), target)
        profile = linkedin_key(contact.linkedin or "")
        if profile is not None:
            self.profiles().setdefault(profile, target)
        for name in (contact.name, *contact.aliases):
            for each in name_keys(name):
                self.names.add(each, target)


def _merged(first: Contact, other: Contact) -> Contact:
    """`first`, with each field it lacks taken from `other`, and the emails of both: never a value
    replaced."""
    values = {name: getattr(other, name) for name in (
        "phones", "org", "title", "birthday", "url", "connected", "notes", "aliases",
        "tags", "linkedin") if not getattr(first, name) and getattr(other, name)}
    known = {key(email) for email in first.emails}
    emails = first.emails + tuple(e for e in other.emails if key(e) not in known)
    if emails != first.emails:
        values["emails"] = emails
    return replace(first, **values) if values else first


def _clash(offer: Contact, contact: Contact) -> str | None:
    """Why `contact`, matched by its name alone to a person of the file's earlier contacts
    (`offer`, merged), may be someone else: its emails are all other than theirs, and a field both
    hold differs (an organisation, a title, a birthday, a web page or LinkedIn profile); None when
    nothing tells them apart, and the two are one person: a card duplicated, or split in two."""
    if not offer.emails or not contact.emails or \
            {key(e) for e in offer.emails} & {key(e) for e in contact.emails}:
        return None
    mine, theirs = _values(contact), _values(offer)
    for name in ("org", "title", "birthday", "url", "linkedin"):
        ours = [_profile(v) if name == "linkedin" else key(v) for v in mine[name]]
        if ours and theirs[name] and ours != [
                _profile(v) if name == "linkedin" else key(v) for v in theirs[name]]:
            return (f"{contact.name}: the card at line {offer.line} has this name too, with "
                    f"other emails ({', '.join(offer.emails)}, here {', '.join(contact.emails)}) "
                    f"and another {name} ({', '.join(theirs[name])}, here "
                    f"{', '.join(mine[name])}), so it may be someone else; left alone")
    return None


def _fill(root: Path, path: str, offer: Contact, person: Person | None, target: _Target,
          source: str, update: bool, dry_run: bool,
          report: ImportReport) -> tuple[tuple[tuple[str, object], ...], bool]:
    """The note's empty fields that the file fills, written with `update` (unless `dry_run`);
    and whether they were written. Sets the note's values, as they are after it, on `target`."""
    disk = disk_path(root, path)
    try:  # bounded and never blocking, as every read of a note
        before = read_small_file(Path(disk), MAX_NOTE_TO_CHANGE) or b""
        bom = before.startswith(b"\xef\xbb\xbf")
        text = before[3 if bom else 0:].decode("utf-8")
    except (NotReadable, UnicodeDecodeError):
        target.theirs = _note_values(person, {})
        return (), False  # the vault's reading reports it already
    front = _front(text)
    target.theirs = _note_values(person, front)
    wanted = [(name, SPELLINGS[name], value) for name, value in contact_fields(offer)
              if not (name == "linkedin" and _note_profiles(front))]
    try:
        after, chosen, unfilled = fill_fields(text, path, wanted)
    except VaultnetError as err:
        if update:
            report.problems.append(Problem(path, None, f"{err.format_message()}; its empty "
                                           f"fields were not filled from {source}",
                                           "fill them by hand"))
        return (), False
    if update:  # the note's other empty fields are filled all the same
        report.problems.extend(Problem(path, each.line, f"{each.field} was not filled from "
                                       f"{source}: {each.why}", "fill it by hand")
                               for each in unfilled)
    if not update or not chosen:
        return tuple(chosen), False
    for name, value in chosen:  # the report compares the contacts with the note as filled
        shown_name = next(n for n, spellings in SPELLINGS.items() if field_key(name) in spellings)
        if shown_name in target.theirs:
            target.theirs[shown_name] = _texts(value)
    data = (b"\xef\xbb\xbf" if bom else b"") + after.encode("utf-8")

    def filled(current: bytes) -> bytes:
        if current != before:  # changed since its fields were read: fill nothing
            raise VaultnetError(f"{path} changed while vaultnet was filling its fields; nothing "
                                "was written")
        return data

    try:  # the edits' one write of a note: its owner and mode kept, a read-only note refused
        change_note(root, path, filled, "filling the fields of", dry_run)
    except VaultnetError as err:
        why = err.format_message().removeprefix(f"{path}: ").removeprefix(f"{path} ")
        report.problems.append(Problem(path, None, why, "run the import again"))
        return (), False
    return tuple(chosen), not dry_run


def _front(text: str) -> dict[str, object]:
    """A note's frontmatter as written, by key without case, `_`, `-` or spaces; the values of
    the VCF Contacts plugin's keys (`TEL[1:CELL]`, `TEL[2:WORK]`) together under their property's
    (`tel`), where no key of that spelling holds anything."""
    meta = split_frontmatter(text, "note").meta
    if not isinstance(meta, dict):
        return {}
    front: dict[str, object] = {}
    cards: dict[str, list[object]] = {}
    for raw_key, value in meta.items():
        card = vcf_property(str(raw_key))
        if card is None:
            front[field_key(str(raw_key))] = value
        else:
            cards.setdefault(field_key(card), []).append(value)
    return {**cards, **{key: value for key, value in front.items()
                        if key not in cards or _texts(value)}}  # (an empty key hides none)


def _holds(front: dict[str, object], name: str) -> object:
    """The first value the note holds for one of the import's fields (any spelling), or None."""
    for spelling in SPELLINGS[name]:
        values = _texts(front.get(spelling))
        if values:
            return values
    return None


def _note_profiles(front: dict[str, object]) -> list[str]:
    """The LinkedIn profiles a note holds: in `linkedin` (a URL, or only the name in it), or a
    LinkedIn URL in `url`, `website` and the like."""
    found = []
    for spelling in (*SPELLINGS["linkedin"], *SPELLINGS["url"]):
        for value in _texts(front.get(spelling)):
            profile = linkedin_key(value)
            if profile is None and spelling in SPELLINGS["linkedin"] \
                    and re.fullmatch(r"[\w.%-]+", value.strip()):
                profile = linkedin_key(f"linkedin.com/in/{value.strip()}")
            if profile is not None:
                found.append(profile)
    return found


def _note_values(person: Person | None, front: dict[str, object]) -> dict[str, list[str]]:
    """A note's fields as compared with a contact's: email, organisation and birthday as vaultnet
    reads them; title, phone and web pages (fields vaultnet does not use) as written."""
    fields = person.fields if person is not None else None
    return {
        "email": list(fields.emails) if fields else [],
        "org": [*fields.orgs, *(link.target for link in fields.org_links)] if fields else [],
        "title": _texts(_holds(front, "title")),
        "phone": _texts(_holds(front, "phone")),
        "birthday": [_birthday(fields.birthday)] if fields and fields.birthday else [],
        "url": [u for u in _texts(_holds(front, "url")) if linkedin_key(u) is None],
        "linkedin": [*_texts(_holds(front, "linkedin")),
                     *(u for u in _texts(_holds(front, "url")) if linkedin_key(u) is not None)],
    }


def _values(contact: Contact) -> dict[str, list[str]]:
    """A contact's fields as compared, in the order differences are listed."""
    return {"email": list(contact.emails), "org": _texts(contact.org),
            "title": _texts(contact.title), "phone": list(contact.phones),
            "birthday": _texts(contact.birthday), "url": _texts(contact.url),
            "linkedin": _texts(contact.linkedin)}


def _differences(contact: Contact, theirs: dict[str, list[str]]) -> tuple[tuple[str, str, str], ...]:
    """The contact's fields whose values the note does not have (compared without case; a
    LinkedIn profile as a profile)."""
    found = []
    for name, values in _values(contact).items():
        have = theirs.get(name, [])
        if name == "linkedin":
            same = {linkedin_key(v) for v in values} <= {_profile(v) for v in have}
        else:
            same = {key(v) for v in values} <= {key(v) for v in have}
        if values and not same:
            found.append((name, ", ".join(values), ", ".join(have) or "—"))
    return tuple(found)


def _profile(value: str) -> str | None:
    return linkedin_key(value) or linkedin_key(f"linkedin.com/in/{value.strip()}")


def _birthday(birthday: Birthday) -> str:
    day = f"{birthday.month:02d}-{birthday.day:02d}"
    return f"{birthday.year:04d}-{day}" if birthday.year else f"--{day}"


def _texts(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v not in (None, "") and str(v).strip()]
    text = str(value)
    return [text] if text.strip() else []
