"""What `vaultnet add` (and `import`) is asked to write into a new person note: the fields to set in
the filled-in template, each value given on its own (to name the one that does not read back), and
the check that the note reads back with them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from vaultnet.base.dates import BadDate, parse_birthday, parse_cadence
from vaultnet.base.errors import VaultnetError
from vaultnet.base.model import Fields, Note
from vaultnet.base.text import key
from vaultnet.edits.lines import one_line
from vaultnet.parse.frontmatter import split_frontmatter
from vaultnet.parse.note import PLACEHOLDER, field_of

STATUSES = frozenset({"active", "dormant", "prospect"})
_LINK_UNSAFE = re.compile(r"[\[\]|#^]")


@dataclass(frozen=True)
class NewPerson:
    """What `vaultnet add` knows of someone."""

    name: str
    role: str | None = None
    orgs: tuple[str, ...] = ()  # where they work: one or more, each plain text or `[[a link]]`
    topics: tuple[str, ...] = ()
    met_via: str | None = None
    cadence: str | None = None
    prospect: bool = False
    extra: tuple[tuple[str, object], ...] = ()  # more fields, in order (from an import)
    body: str = ""  # free text for the note, quoted under its heading (from an import)
    aliases: tuple[str, ...] = ()  # more names (from an import), after the template's own
    tags: tuple[str, ...] = ()  # tags (from an import), after the template's own
    emails: tuple[str, ...] = ()
    birthday: str | None = None  # as written: 1980-04-12, or --04-12 without a year
    knows: tuple[str, ...] = ()  # names of people they know, written as links
    status: str | None = None  # active, dormant or prospect


@dataclass(frozen=True)
class Asked:
    """One value `add` was asked to write: what it is and the option that gives it, as the user
    gave it, its field and its value there when written alone, and what must be read back."""

    what: str  # "the organisation"
    option: str  # "--org"; "" for the name, and for what only an import gives
    given: str
    field: str
    written: object
    want: str | None = None  # what the field must read back with (None: anything)
    back: Callable[[Fields], Iterable[str]] | None = None  # what it reads back (None: unchecked)
    same: Callable[[str], str] = str  # how what is read back is compared with `want`

    def named(self) -> str:
        return f"{self.what} {self.given!r}" + (f" ({self.option})" if self.option else "")

    def why_not(self, alone: Note, base: Note) -> str | None:
        """Why the template with only this value set does not read back with it; None if it
        does. `base` is the template alone, whose own values are left out of what is shown."""
        if alone.template:
            mark = PLACEHOLDER.search(self.given)
            return (f"{mark[0]} marks a template" if mark else "it makes the note a template") \
                + ", and vaultnet would not read the note as a person"
        if alone.problems:
            return alone.problems[0].message
        if not alone.found_by:
            return "vaultnet would not read the note as a person's"
        if self.back is None:
            return None
        got = list(self.back(alone.fields))
        if (self.want is None and got) or (
                self.want is not None and self.same(self.want) in map(self.same, got)):
            return None
        own = set(self.back(base.fields))
        shown = [value for value in got if value not in own]
        return ("vaultnet would read it back as " + ", ".join(map(repr, shown)) if shown
                else "vaultnet would not read it back")


def wanted_fields(new: NewPerson, rel: str, filled: str, links: Mapping[str, str]
                  ) -> tuple[list[tuple[str, object]], list[Asked]]:
    """The fields to set in `filled` (the person template, filled in for the note at `rel`), in
    the order they are written, and each value given on its own. `links` is the note name a link
    to each person of the vault uses, by the key of their names and aliases. Raises on a value
    vaultnet would not read (a cadence, a status, a birthday, a name to link)."""
    wanted = _Wanted(filled, links)
    wanted.names(new, rel)
    for take in (wanted.role, wanted.orgs, wanted.topics, wanted.met_via, wanted.cadence,
                 wanted.status, wanted.emails, wanted.birthday, wanted.knows, wanted.extra,
                 wanted.tags):
        take(new)
    return wanted.values, wanted.asked


class _Wanted:
    """The fields and values asked for so far (see `wanted_fields`): each method takes those of
    one option, or of a few that go together."""

    def __init__(self, filled: str, links: Mapping[str, str]) -> None:
        self.filled, self.links = filled, links
        self.values: list[tuple[str, object]] = []
        self.asked: list[Asked] = []

    def names(self, new: NewPerson, rel: str) -> None:
        """The name, as an alias when the file name is another (a name no file may hold), and the
        aliases."""
        named = [("the name", "", new.name, new.name)] \
            if rel.rpartition("/")[2].removesuffix(".md") != new.name else []
        named += [("an alias", "--alias", a, one_line(a, "an alias")) for a in new.aliases]
        aliases = [alias for *_, alias in named]
        if aliases:
            self.values.append(("aliases", _joined(self.filled, "aliases", aliases)))
        for what, option, given, alias in named:
            self.asked.append(Asked(what, option, given, "aliases",
                                    _joined(self.filled, "aliases", [alias]), alias.lstrip("#"),
                                    lambda f: f.aliases, key))

    def role(self, new: NewPerson) -> None:
        if new.role:
            role = one_line(new.role, "the role").casefold()
            self.values.append(("role", role))
            self.asked.append(Asked("the role", "--role", new.role, "role", role, role,
                                    lambda f: (f.role or "",)))

    def orgs(self, new: NewPerson) -> None:
        if not new.orgs:
            return
        orgs: list[str] = []
        for given in new.orgs:
            org = one_line(given, "the organisation")
            # `[[Acme]]`, as the note format writes an organisation with a note: a link to it.
            linked = org.startswith("[[") and org.endswith("]]")
            want = _link_name(org, "the organisation") if linked else org
            written = f"[[{want}]]" if linked else org
            orgs.append(written)
            self.asked.append(Asked("the organisation", "--org", given, "org", written, want,
                                    lambda f: (*f.orgs, *(link.target for link in f.org_links))))
        # One is written as it always was (`org: Acme`); more as the list the format allows.
        orgs = list(dict.fromkeys(orgs))  # (the same one twice is one)
        self.values.append(("org", orgs[0] if len(orgs) == 1 else orgs))

    def topics(self, new: NewPerson) -> None:
        if new.topics:
            topics = [one_line(t, "a topic") for t in new.topics]
            self.values.append(("topics", topics))
            for given, topic in zip(new.topics, topics, strict=True):
                self.asked.append(Asked("a topic", "--topic", given, "topics", [topic], topic,
                                        lambda f: f.topics))

    def met_via(self, new: NewPerson) -> None:
        if new.met_via:
            via = _link_name(new.met_via, "who you met them through")
            via = self.links.get(key(via), via)
            self.values.append(("met_via", f"[[{via}]]"))
            self.asked.append(Asked("who you met them through", "--met-via", new.met_via,
                                    "met_via", f"[[{via}]]", via,
                                    lambda f: (link.target for link in f.met_via)))

    def cadence(self, new: NewPerson) -> None:
        if new.cadence:
            if parse_cadence(new.cadence) is None:
                raise VaultnetError(f"the cadence {new.cadence!r} is not one vaultnet reads: use "
                                    "days or a form like 30d, 2w, 3m, monthly; or never, for "
                                    "someone you do not keep in touch with by cadence")
            self.values.append(("cadence", new.cadence.strip()))
            self.asked.append(Asked("the cadence", "--cadence", new.cadence, "cadence",
                                    new.cadence.strip()))

    def status(self, new: NewPerson) -> None:
        if new.prospect and new.status and new.status.strip().casefold() != "prospect":
            raise VaultnetError(f"--prospect is `status: prospect`, and --status says "
                                f"{new.status!r}: give one of them; nothing was written")
        if new.prospect or new.status:
            status = "prospect" if new.prospect else one_line(new.status or "", "the status")
            if status.casefold() not in STATUSES:
                raise VaultnetError(f"the status {status!r} is not one vaultnet reads: use "
                                    + ", ".join(sorted(STATUSES)))
            self.values.append(("status", status.casefold()))
            self.asked.append(Asked("the status", "--prospect" if new.prospect else "--status",
                                    status, "status", status.casefold()))

    def emails(self, new: NewPerson) -> None:
        if new.emails:
            emails = [one_line(e, "an email") for e in new.emails]
            self.values.append(("email", emails[0] if len(emails) == 1 else emails))
            for given, email in zip(new.emails, emails, strict=True):
                self.asked.append(Asked("an email", "--email", given, "email", email,
                                        given.strip(), lambda f: f.emails))

    def birthday(self, new: NewPerson) -> None:
        if not new.birthday:
            return
        try:
            ok = parse_birthday(new.birthday.strip()) is not None
        except BadDate:
            ok = False
        if not ok:
            raise VaultnetError(f"the birthday {new.birthday!r} is not a date vaultnet reads: "
                                "write 1980-04-12, or --04-12 without the year")
        self.values.append(("birthday", new.birthday.strip()))
        self.asked.append(Asked("the birthday", "--birthday", new.birthday, "birthday",
                                new.birthday.strip(), None,
                                lambda f: (f"{f.birthday}",) if f.birthday else ()))

    def knows(self, new: NewPerson) -> None:
        if new.knows:
            names = [_link_name(n, "whom they know") for n in new.knows]
            links = [f"[[{self.links.get(key(n), n)}]]" for n in names]
            self.values.append(("knows", links))
            for given, link in zip(new.knows, links, strict=True):
                self.asked.append(Asked("whom they know", "--knows", given, "knows", [link], None,
                                        lambda f: (known.target for known in f.knows)))

    def extra(self, new: NewPerson) -> None:
        """The fields an import gives beyond the options of `add`, as they are."""
        for field, value in new.extra:
            self.values.append((field, value))
            self.asked.append(Asked(f"the field {field}", "", str(value), field, value))

    def tags(self, new: NewPerson) -> None:
        if new.tags:
            tags = [one_line(t, "a tag") for t in new.tags]
            self.values.append(("tags", _joined(self.filled, "tags", tags)))
            for given, tag in zip(new.tags, tags, strict=True):
                self.asked.append(Asked("a tag", "", given, "tags",
                                        _joined(self.filled, "tags", [tag]), tag,
                                        lambda f: f.tags, str.casefold))


def reads_back(note: Note, new: NewPerson, wanted: dict[str, object], asked: list[Asked]) -> bool:
    """Whether the new note reads back as a person's with what was asked for (`wanted`: the
    fields set; `asked`: each value given, the aliases' and the person met through among them)."""
    fields = note.fields
    aliases = [each.want or "" for each in asked if each.field == "aliases"]
    via = next((each.want for each in asked if each.field == "met_via"), None)
    orgs = [each.want for each in asked if each.field == "org" and each.want is not None]
    return (not note.problems and not note.template and bool(note.found_by)
            and ("role" not in wanted or fields.role == wanted["role"])
            and (not new.topics or fields.topics == tuple(wanted["topics"]))  # type: ignore[arg-type]
            and (via is None or [link.target for link in fields.met_via] == [via])
            and all(org in fields.orgs or org in [link.target for link in fields.org_links]
                    for org in orgs)
            and {key(a) for a in aliases} <= {key(a) for a in fields.aliases}
            and {t.casefold() for t in new.tags} <= set(fields.tags)
            and len(fields.knows) >= len(new.knows)
            and (not new.birthday or fields.birthday is not None)
            and {e.strip() for e in new.emails} <= set(fields.emails))


def _joined(template: str, name: str, values: list[str]) -> list[str]:
    """A list field's values in the template (`tags: [person]`), then `values` not among them."""
    front = split_frontmatter(template, "template")
    found: dict[str, str] = {}
    for written, value in front.meta.items() if not front.problems else ():
        field = field_of(str(written).strip("\"'"))
        if field is None or field[0] != name:
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, str | int | float) and not isinstance(item, bool):
                # `tags: person contact` is two tags, as vaultnet and Obsidian read it
                parts = str(item).replace(",", " ").split() if name == "tags" else [str(item)]
                for part in filter(str.strip, parts):
                    found.setdefault(part.casefold(), part)
    for value in values:
        found.setdefault(value.casefold(), value)
    return list(found.values())


def _link_name(text: str, what: str) -> str:
    """A name to put in a wikilink: `[[Jane]]` and `Jane` both give `Jane`."""
    name = one_line(text, what)
    if name.startswith("[[") and name.endswith("]]"):
        name = name[2:-2].strip()
    if not name or _LINK_UNSAFE.search(name):
        raise VaultnetError(f"{what} must be a name, without [ ] | # or ^, got {text!r}")
    return name
