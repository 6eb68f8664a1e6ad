"""Daily notes as two more vaults keep them: a journal the Periodic Notes plugin names, beside a
stale `{}` left by the core Daily notes plugin; and a German journal (`D. MMMM YYYY`), whose names
Obsidian writes in its own language.

Each is a small vault in the shape a user keeps; none is a copy of anyone's notes.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY

from vaultnet.base.dates import BadDate
from vaultnet.base.settings import Settings
from vaultnet.parse.dated_names import MONTHS, NAMES, date_from_format
from vaultnet.pipeline.sync import load
from vaultnet.read.obsidian import daily_notes

PROSPECT = "---\ntype: person\nstatus: prospect\n---\n"
DAILY_NOTES = ".obsidian/daily-notes.json"
PERIODIC = ".obsidian/plugins/periodic-notes/data.json"
COMMUNITY = ".obsidian/community-plugins.json"
CORE = ".obsidian/core-plugins.json"
CORE_MIGRATION = ".obsidian/core-plugins-migration.json"


def first_met(root: Path) -> dict[str, str | None]:
    """Each person's first day met (a non-outreach interaction), by the index of a real load."""
    return {p.name: (p.contacts.first_met.day.isoformat() if p.contacts.first_met else None)
            for p in load(root, TODAY).index.people}


def synced(run, root: Path) -> str:
    result = run("sync", "--vault", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return result.output


# -- 1. Periodic Notes on, core Daily notes off or empty ------------------------------------------

def periodic(daily: dict[str, object]) -> str:
    """The Periodic Notes plugin's data.json as its 0.x writes it."""
    return json.dumps({"showGettingStartedBanner": False, "hasMigratedDailyNoteSettings": True,
                       "hasMigratedWeeklyNoteSettings": False, "daily": daily,
                       "weekly": {"format": "", "template": "", "folder": "", "enabled": False}})


PERIODIC_DAY = {"format": "YYYY/MM/YYYY-MM-DD ddd", "template": "Templates/Day",
                "folder": "Journal", "enabled": True}
CORE_OFF = json.dumps({"file-explorer": True, "daily-notes": False, "templates": True})
PAGE = "Journal/2026/11/2026-11-20 Fri.md"


def periodic_journal(**extra: str) -> dict[str, str]:
    return {DAILY_NOTES: "{}", PERIODIC: periodic(PERIODIC_DAY),
            COMMUNITY: '["calendar", "periodic-notes"]', CORE: CORE_OFF,
            "People/Pia Novak.md": PROSPECT, "People/Jon Ek.md": PROSPECT,
            PAGE: "- Coffee with [[Pia Novak]] #met\n- Wrote to [[Jon Ek]] #outreach\n", **extra}


def test_periodic_notes_wins_over_a_stale_empty_core_setting(make_vault, run):
    """The journal's pages are the plugin's: Pia, met there, is met; Jon, only written to, not."""
    root = make_vault(periodic_journal())
    assert "1 daily note" in synced(run, root)
    assert first_met(root) == {"Jon Ek": None, "Pia Novak": "2026-11-20"}
    checked = run("check", "--vault", root, "--today", TODAY).output
    assert (f"  daily notes: 1, named YYYY/MM/YYYY-MM-DD ddd in Journal/ (from {PERIODIC})"
            in checked)
    assert "met on 2026-11-20, but the note still says `status: prospect`" in checked


@pytest.mark.parametrize("core", [
    '{"format": "DD.MM.YYYY", "folder": "Old"}',  # on and set: Periodic Notes still wins
    "{}",
    '{"folder": "", "format": "", "template": ""}',
], ids=["set", "empty", "empty-keys"])
@pytest.mark.parametrize("plugins", [
    {CORE: CORE_OFF},
    {CORE: '{"daily-notes": true}'},
    {CORE: '["file-explorer", "daily-notes"]'},  # the older list of core plugins that are on
    {CORE_MIGRATION: '{"daily-notes": false}'},
    {},  # nothing says: on, as in a new vault
], ids=["core-off", "core-on", "core-on-list", "core-off-migration", "core-default"])
def test_an_enabled_periodic_daily_setting_is_the_setting(make_vault, core, plugins):
    files = {DAILY_NOTES: core, PERIODIC: periodic(PERIODIC_DAY), COMMUNITY: '["periodic-notes"]',
             **plugins}
    read = daily_notes(make_vault(files), Settings())
    assert (read.format, read.folder, read.source) == (
        "YYYY/MM/YYYY-MM-DD ddd", "Journal", PERIODIC)


@pytest.mark.parametrize(("files", "expected"), [
    # Periodic Notes is installed but not on: Obsidian's core setting, as before.
    ({COMMUNITY: '["calendar"]', DAILY_NOTES: "{}"}, ("YYYY-MM-DD", "", DAILY_NOTES)),
    ({COMMUNITY: "[]", DAILY_NOTES: '{"folder": "Days"}'}, ("YYYY-MM-DD", "Days", DAILY_NOTES)),
    ({DAILY_NOTES: "{}"}, ("YYYY-MM-DD", "", DAILY_NOTES)),  # no community plugin on
    # its daily notes off: the core setting, whatever it is
    ({COMMUNITY: '["periodic-notes"]', DAILY_NOTES: "{}",
      PERIODIC: periodic({**PERIODIC_DAY, "enabled": False})}, ("YYYY-MM-DD", "", DAILY_NOTES)),
    # neither plugin on: an empty core setting says nothing, the plugin's setting does
    ({COMMUNITY: "[]", CORE: CORE_OFF, DAILY_NOTES: "{}"},
     ("YYYY/MM/YYYY-MM-DD ddd", "Journal", PERIODIC)),
    # a set core setting, off, still names the notes it made
    ({COMMUNITY: "[]", CORE: CORE_OFF, DAILY_NOTES: '{"format": "DD.MM.YYYY"}'},
     ("DD.MM.YYYY", "", DAILY_NOTES)),
], ids=["installed-not-on", "none-on", "no-list", "daily-off", "neither-on", "core-off-but-set"])
def test_a_setting_whose_plugin_is_off_gives_way(make_vault, files, expected):
    read = daily_notes(make_vault({PERIODIC: periodic(PERIODIC_DAY), **files}), Settings())
    assert (read.format, read.folder, read.source) == expected


def test_core_off_and_empty_with_nothing_else_is_no_setting(make_vault):
    read = daily_notes(make_vault({DAILY_NOTES: "{}", CORE: CORE_OFF}), Settings())
    assert (read.format, read.folder, read.source) == ("", "", "")


def test_turning_periodic_notes_on_rereads_the_journal(make_vault, run):
    """Which plugins are on is part of the setting: a later sync (with its cache) follows it.
    While Periodic Notes is off, core Daily notes (on, `{}`) names pages `YYYY-MM-DD` and this
    one is a meeting by its leading date (all it links were met); once on, a day's page, whose
    outreach is outreach, with core Daily notes still on."""
    root = make_vault(periodic_journal(**{COMMUNITY: '["calendar"]', CORE: '["daily-notes"]'}))
    assert "0 daily notes" in synced(run, root)
    assert first_met(root) == {"Jon Ek": "2026-11-20", "Pia Novak": "2026-11-20"}
    (root / COMMUNITY).write_text('["calendar", "periodic-notes"]')
    assert "1 daily note" in synced(run, root)
    assert first_met(root) == {"Jon Ek": None, "Pia Novak": "2026-11-20"}


# -- 2. a journal named in Obsidian's own language ------------------------------------------------

def german_journal(pages: dict[str, str]) -> dict[str, str]:
    return {DAILY_NOTES: '{"format": "D. MMMM YYYY", "folder": "Tagebuch"}',
            "People/Lena Vogt.md": PROSPECT, "People/Karl Brandt.md": PROSPECT,
            **{f"Tagebuch/{name}.md": text for name, text in pages.items()}}


def test_a_german_journal_names_its_days_in_german(make_vault, run):
    root = make_vault(german_journal({
        "6. November 2026": "- Mittagessen mit [[Lena Vogt]] #met\n",
        "20. März 2026": "- Anruf mit [[Karl Brandt]] #call\n",
        "3. Mai 2026": "- Nur Notizen\n"}))
    assert "3 daily notes" in synced(run, root)
    assert first_met(root) == {"Karl Brandt": "2026-03-20", "Lena Vogt": "2026-11-06"}


@pytest.mark.parametrize(("relative", "moment", "day"), [
    ("6. Dezember 2026", "D. MMMM YYYY", date(2026, 12, 6)),
    ("6 décembre 2026", "D MMMM YYYY", date(2026, 12, 6)),
    ("6 DÉCEMBRE 2026", "D MMMM YYYY", date(2026, 12, 6)),  # any case
    ("6 de diciembre de 2026", "D [de] MMMM [de] YYYY", date(2026, 12, 6)),
    ("6 dicembre 2026", "D MMMM YYYY", date(2026, 12, 6)),
    ("6 de dezembro de 2026", "D [de] MMMM [de] YYYY", date(2026, 12, 6)),
    ("6 december 2026", "D MMMM YYYY", date(2026, 12, 6)),
    ("Sonntag, 6. Dezember 2026", "dddd, D. MMMM YYYY", date(2026, 12, 6)),
    ("dimanche 6 décembre 2026", "dddd D MMMM YYYY", date(2026, 12, 6)),
    ("domingo, 6 de diciembre de 2026", "dddd, D [de] MMMM [de] YYYY", date(2026, 12, 6)),
    ("domenica 6 dicembre 2026", "dddd D MMMM YYYY", date(2026, 12, 6)),
    ("Domingo, 6 de dezembro de 2026", "dddd, D [de] MMMM [de] YYYY", date(2026, 12, 6)),
    ("Segunda-feira, 7 de dezembro de 2026", "dddd, D [de] MMMM [de] YYYY", date(2026, 12, 7)),
    ("zondag 6 december 2026", "dddd D MMMM YYYY", date(2026, 12, 6)),
    # abbreviations, with their dots and without
    ("So., 6. Dez. 2026", "ddd, D. MMM YYYY", date(2026, 12, 6)),
    ("So, 6. Dez 2026", "ddd, D. MMM YYYY", date(2026, 12, 6)),
    ("dim. 6 déc. 2026", "ddd D MMM YYYY", date(2026, 12, 6)),
    ("6 sept. 2026", "D MMM YYYY", date(2026, 9, 6)),
    ("6-sep-2026", "D-MMM-YYYY", date(2026, 9, 6)),
    ("6 mrt. 2026", "D MMM YYYY", date(2026, 3, 6)),
    ("6 mrt 2026", "D MMM YYYY", date(2026, 3, 6)),
    ("mié 2026-12-09", "ddd YYYY-MM-DD", date(2026, 12, 9)),
    ("sáb. 2026-12-12", "ddd YYYY-MM-DD", date(2026, 12, 12)),
    ("2ª 2026-12-07", "dd YYYY-MM-DD", date(2026, 12, 7)),
    ("6. Jänner 2026", "D. MMMM YYYY", date(2026, 1, 6)),  # moment's de-at
    # localized ordinals (`Do`)
    ("Sonntag, Dezember 6. 2026", "dddd, MMMM Do YYYY", date(2026, 12, 6)),
    ("dimanche, décembre 6 2026", "dddd, MMMM Do YYYY", date(2026, 12, 6)),
    ("mardi, décembre 1er 2026", "dddd, MMMM Do YYYY", date(2026, 12, 1)),
    ("domingo, diciembre 6º 2026", "dddd, MMMM Do YYYY", date(2026, 12, 6)),
    ("zondag, december 6de 2026", "dddd, MMMM Do YYYY", date(2026, 12, 6)),
    ("Sunday, December 6th 2026", "dddd, MMMM Do YYYY", date(2026, 12, 6)),
])
def test_month_and_weekday_names_in_obsidians_languages(relative, moment, day):
    assert date_from_format(relative, moment) == day
    assert date_from_format(f"Journal/{relative}", moment, strict=True) == day


@pytest.mark.parametrize(("relative", "moment"), [
    ("Montag, December 7th 2026", "dddd, MMMM Do YYYY"),  # a German weekday, an English month
    ("Monday, 7. Dezember 2026", "dddd, D. MMMM YYYY"),  # the other way round
    ("lundi 7 diciembre 2026", "dddd D MMMM YYYY"),  # French and Spanish
    ("Sunday, Dezember 6th 2026", "dddd, MMMM Do YYYY"),  # an English ordinal, a German month
    ("Sonntag, December 6. 2026", "dddd, MMMM Do YYYY"),
])
def test_a_name_in_two_languages_is_no_page(relative, moment):
    assert date_from_format(relative, moment) is None


@pytest.mark.parametrize(("relative", "moment", "said"), [
    ("Montag, 6. Dezember 2026", "dddd, D. MMMM YYYY", "2026-12-06 is a Sunday"),
    ("lun. 6 déc. 2026", "ddd D MMM YYYY", "2026-12-06 is a Sunday"),
    ("2026-12-06 Freitag", "YYYY-MM-DD dddd", "2026-12-06 is a Sunday"),
])
def test_a_weekday_in_another_language_is_checked_too(relative, moment, said):
    with pytest.raises(BadDate) as raised:
        date_from_format(relative, moment)
    assert str(raised.value) == f"{relative} is not a real date: {said}"


def test_a_weekday_that_is_another_days_in_another_language_is_read_as_either():
    """`di` is Tuesday in German and Dutch, Sunday in French: with nothing else to say which,
    it fits either day."""
    assert date_from_format("di 2026-12-08", "dd YYYY-MM-DD") == date(2026, 12, 8)  # a Tuesday
    assert date_from_format("di 2026-12-06", "dd YYYY-MM-DD") == date(2026, 12, 6)  # a Sunday
    with pytest.raises(BadDate):
        date_from_format("di 2026-12-07", "dd YYYY-MM-DD")  # a Monday
    # where the month's name says French, `di` is Sunday alone
    with pytest.raises(BadDate):
        date_from_format("di 8 décembre 2026", "dd D MMMM YYYY")


def test_words_that_are_no_names_stay_no_names():
    assert date_from_format("6. Kapitel 2026", "D. MMMM YYYY") is None
    assert date_from_format("Journal/2026-12-06 Kickoff", "YYYY-MM-DD dddd", strict=True) is None
    # (an unknown word where a weekday goes, in the setting's own folder, is not checked)
    assert date_from_format("2026-12-06 Niedziela", "YYYY-MM-DD dddd") == date(2026, 12, 6)


def test_each_name_is_one_month_or_one_weekday_in_its_language():
    """The table reads one way: within a language, a name (without case or dot) is one month or
    one weekday; across languages, a month's name is the same month (`di`, a weekday, is not)."""
    for which in (0, 1):
        for language, names in NAMES.items():
            seen: dict[str, int] = {}
            for form in names[which]:
                assert len(form.split("_")) == (12, 7)[which], (language, form)
                for number, name in enumerate(form.split("_")):
                    assert seen.setdefault(name.casefold().rstrip("."), number) == number, name
    assert all(len(set(readings.values())) == 1 for readings in MONTHS.values())
