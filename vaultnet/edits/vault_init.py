"""`vaultnet init`: a commented settings file, a profile note and a person template, never over a file."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from vaultnet.base.settings import DEFAULT_CADENCE, SETTINGS_FILE, Settings, load_settings
from vaultnet.base.text import key
from vaultnet.network.index import VaultIndex
from vaultnet.read.obsidian import person_template
from vaultnet.write.files import cannot_create, create_new, make_folders, unsafe_folder

PROFILE_NOTE = "Me.md"


def _settings_text() -> str:
    defaults = Settings()
    cadence = "\n".join(f'# {role} = "{days}d"' for role, days in sorted(DEFAULT_CADENCE.items()))
    return f"""\
# vaultnet's settings. Every line is optional: delete it, or leave it commented out, to keep the
# default written next to it.

# Where person notes are. Notes in People/, Contacts/ or Persons/, with `type: person`, a
# person, people or contact tag, or `categories: ["[[People]]"]` count too.
# people_folder = "{defaults.people_folder}"

# Where meeting notes are: each is an interaction with everyone it names, on its `date`.
# meetings_folder = "Meetings"

# Folders of templates, besides Templates/ and those of Obsidian's Templates and Templater.
# template_folders = ["_templates"]

# Titles of the Log section (a heading or a callout), besides Log, Logs and Interactions: for a
# log kept in another language. Compared without case, emoji or emphasis.
# log_titles = ["Verlauf", "Protokoll"]

# Where vaultnet writes the notes it generates. It reads nothing there.
# output_folder = "{defaults.output_folder}"

# Folders vaultnet does not read, such as an archive.
# ignore = ["Archive"]

# The note `vaultnet add` starts from; it is a template, not a person.
# person_template = "{defaults.person_template}"

# A person you have not been in touch with for this many days has gone quiet.
# quiet_days = {defaults.quiet_days}

# Notes larger than this are reported and skipped (at least 65536).
# max_note_bytes = {defaults.max_note_bytes}

# Your own email addresses, so that `vaultnet import mail` tells your mail from theirs
# (your profile's `email` counts too).
# me = ["you@example.org"]

# Settings of your own that belong to no section go above this line: each [section] line below
# starts a section that holds every line up to the next one.

# How often to be in touch, by role, unless a note says `cadence:` itself.
# Days, or a form like 2w, 3m, monthly; 0 or "never" for a role you do not track.
[cadence]
{cadence}

# After an `#outreach` entry: days to wait for a reply before following up, and how many
# follow-ups before letting it rest.
[outreach]
# wait_days = {defaults.outreach_wait_days}
# max_followups = {defaults.max_followups}
# After this many days without a reply (more than wait_days), outreach has gone cold and
# leaves the agenda.
# cold_days = {defaults.outreach_cold_days}

# Who else is a person, for a vault that marks people its own way.
[person]
# folders = ["Family"]
# tags = ["friend"]
# categories = ["Contacts"]
# types = ["human"]

# How daily notes are named (moment.js, as Obsidian's setting) and where they are; without
# this, Obsidian's own Daily notes setting is used, else any note named by a date.
[daily_notes]
# format = "YYYY-MM-DD"
# folder = "Daily"
"""


PROFILE_TEXT = """\
---
type: me
goals: []
topics: []
offers: []
story:
---
# Me

vaultnet ranks mentors, introductions and the people you could help against this note:
`goals` (what you are working toward, in your own words), `topics` (what you care about, in the
words your person notes use), `offers` (what you can give) and `story` (a line about you).
"""
PERSON_TEMPLATE = """\
---
type: person
role:
org:
topics: []
cadence:
---
# {{title}}

## Log
"""


@dataclass
class InitReport:
    created: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)  # path, why


def init_vault(root: Path, index: VaultIndex | None = None) -> InitReport:
    """Write a commented settings file, a profile note and a person template where none exist.

    `index` (the vault read) tells whether a profile exists under another name already.
    """
    report = InitReport()
    _create(root, SETTINGS_FILE, _settings_text(), report)
    profile = index.profile if index is not None else None
    if profile is not None:
        report.kept.append((profile.path, "exists" if key(profile.path) == key(PROFILE_NOTE)
                            else "your profile already"))
    else:
        _create(root, PROFILE_NOTE, PROFILE_TEXT, report)
    _create(root, person_template(root, load_settings(root))[0], PERSON_TEMPLATE, report)
    return report


def _create(root: Path, rel: str, text: str, report: InitReport) -> None:
    target = root / rel
    same = _any_case(root, rel)
    if same is not None:
        report.kept.append((same, "exists"))
        return
    folder = rel.rpartition("/")[0]
    if folder and unsafe_folder(os.path.realpath(root), folder) is not None:
        report.kept.append((rel, "its folder is a symlink or a file; not written"))
        return
    try:
        make_folders(str(target.parent))
        create_new(str(target), text.encode("utf-8"))
    except FileExistsError:
        report.kept.append((rel, "exists"))
        return
    except OSError as err:  # named by the file, not by the temporary file that failed
        # Those made a moment ago are kept: the next init leaves them as they are.
        made = f" (created already: {', '.join(report.created)})" if report.created else ""
        raise cannot_create(rel, err, "vaultnet init", made) from err
    report.created.append(rel)


def _any_case(root: Path, rel: str) -> str | None:
    """The vault path of a file at `rel` in any case or Unicode form, if there is one (a vault
    moves between case-sensitive and case-insensitive file systems)."""
    folder = root / rel.rpartition("/")[0]
    wanted = key(rel.rpartition("/")[2])
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    found = next((n for n in sorted(names) if key(n) == wanted), None)
    return None if found is None else os.path.relpath(folder / found, root).replace(os.sep, "/")
