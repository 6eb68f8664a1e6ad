"""How a vault marks its people, daily notes and meetings: the conventions a note is read by.

Nobody rewrites a vault for a tool, so vaultnet reads the conventions Obsidian users already follow
(PRODUCT.md, "Vaults as people keep them"), and `.vaultnet.toml` can add more. This is the value
that parsing takes; `vaultnet.read.obsidian` fills it from the settings and Obsidian's own files.
"""

from __future__ import annotations

from dataclasses import dataclass

from vaultnet.base.settings import Settings

# Who is a person, with no setting needed (compared without case).
PERSON_FOLDERS = ("people", "contacts", "persons")
PERSON_TAGS = frozenset({"person", "people", "contact"})
PERSON_CATEGORIES = frozenset({"people", "person"})
PERSON_TYPES = frozenset({"person", "contact"})  # `contact`: the Obsidian Contacts plugin's
# In a people folder a note is a person's whatever its `type` (the user's own classification),
# unless that names what is not a person: the profile or an organisation. Nor is the folder's
# own note (Folder Notes: `People/People.md`) or an index of people (tagged or typed `moc` or
# `index`) a person's by the folder alone. (Compared without case.)
PROFILE_TYPES = frozenset({"me"})
ORGANISATION_TYPES = frozenset({"org", "organisation", "organization", "company"})
INDEX_WORDS = frozenset({"moc", "index"})  # as a tag or as a `type`
# Frontmatter fields of a meeting note that name who was there.
MEETING_FIELDS = ("people", "attendees", "with", "participants")
# The titles of a Log section, heading or callout, as `title_words` reads them.
LOG_TITLES = frozenset({("log",), ("logs",), ("interactions",)})


def title_words(title: str) -> list[str]:
    """A heading's words without case, emoji, symbols, punctuation or markup: `📝 **Log**:` is
    `["log"]`, as a reader sees the title."""
    return "".join(c if c.isalnum() else " " for c in title).casefold().split()


@dataclass(frozen=True)
class DailyNotes:
    """Where daily notes are and how they are named: a moment.js `format`, a `folder`, and where
    that came from (`source`), for `check` to tell."""

    format: str = ""  # "" without a setting: a name that is, or starts with, a date
    folder: str = ""  # with a format, "" is the whole vault (Obsidian's own "no folder")
    source: str = ""


@dataclass(frozen=True)
class Conventions:
    """Everything parsing needs to know about the vault beyond one note's own text."""

    people_folder: str = "People"
    person_folders: tuple[str, ...] = PERSON_FOLDERS  # casefolded, any depth
    person_tags: frozenset[str] = PERSON_TAGS
    person_categories: frozenset[str] = PERSON_CATEGORIES
    person_types: frozenset[str] = PERSON_TYPES
    meetings_folder: str = ""
    daily: DailyNotes = DailyNotes()
    # The VCF Contacts plugin's folders of contacts: from the vault's top, subfolders included.
    contacts_folders: tuple[str, ...] = ()
    log_titles: frozenset[tuple[str, ...]] = LOG_TITLES  # each as `title_words` reads it


def conventions_of(settings: Settings, daily: DailyNotes | None = None,
                   contacts_folders: tuple[str, ...] = ()) -> Conventions:
    """The conventions of a vault with these settings (and Obsidian's daily-note setting, and the
    VCF Contacts plugin's folders)."""
    rules = settings.person_rules
    return Conventions(
        people_folder=settings.people_folder,
        person_folders=tuple(sorted({*PERSON_FOLDERS, *(f.casefold() for f in rules.folders)})),
        person_tags=PERSON_TAGS | {t.casefold() for t in rules.tags},
        person_categories=PERSON_CATEGORIES | {c.casefold() for c in rules.categories},
        person_types=PERSON_TYPES | {t.casefold() for t in rules.types},
        meetings_folder=settings.meetings_folder,
        daily=daily or DailyNotes(),
        contacts_folders=contacts_folders,
        log_titles=LOG_TITLES | {tuple(title_words(t)) for t in settings.log_titles},
    )


@dataclass(frozen=True)
class Reading:
    """How a vault was read, for `check` (and `sync`) to tell: a user whose people are not found
    sees why in one command."""

    people_by: tuple[tuple[str, int], ...]  # (rule, how many people it found), most first
    # (why, how many notes): notes in a people folder not read as people, most first
    passed_over: tuple[tuple[str, int], ...]
    daily: DailyNotes
    daily_notes: int
    meetings: int  # meeting notes that named someone with a note
    templates: tuple[tuple[str, str], ...]  # (folder skipped as templates, where that came from)
    template_notes: int  # notes elsewhere skipped for their {{…}} or <% … %> placeholders
    template_paths: tuple[str, ...] = ()  # the first few of them, for `check` to name

    @property
    def is_default(self) -> bool:
        """Whether the vault follows vaultnet's own dialect alone (nothing worth telling)."""
        usual = {"type", "folder People"}
        return all(rule in usual for rule, _ in self.people_by) and not self.daily.source \
            and not self.meetings and not self.template_notes \
            and all(folder == "Templates" for folder, _ in self.templates)
