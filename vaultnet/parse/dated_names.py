"""Dates in note names: daily notes named by Obsidian's moment.js format, and leading dates.

Obsidian's Daily notes setting names each day's note by a moment.js format (`YYYY-MM-DD`,
`YYYY-MM-DD dddd`, `YYYY/MM/YYYY-MM-DD` for nested folders). This module turns such a format into a
matcher of vault paths, once per format, and reads the date back out of a name; and writes a day
in such a format (a template's `{{date:FORMAT}}`). Pure: no clock, no disk.

Obsidian writes month and weekday names (`MMMM`, `MMM`, `dddd`, `ddd`, `dd`) and ordinals (`Do`)
in the language it runs in, which the vault does not record: `6. Dezember 2026`, `6 décembre
2026`. They are read in each language of `NAMES` (moment.js's own forms), one language a name.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from vaultnet.base.dates import BadDate
from vaultnet.base.dates import leading_date as leading_date  # (the settings' rule too: in base)
from vaultnet.base.text import compiled_when_used, nfc

# The month and weekday names of the languages Obsidian most runs in, as moment.js (2.29, the one
# Obsidian bundles) writes them for the locale Obsidian sets for each: `months` and `monthsShort`,
# then `weekdays`, `weekdaysShort` and `weekdaysMin` (from Sunday), `_`-separated as moment keeps
# them. A short form is read with its dot or without (moment's `es` and `nl` write either, by
# format). A small table rather than CLDR's (babel: 36 MB, 20 ms to import and 30 ms for these
# locales): CLDR's short forms are not moment's (`Sept.`, `sept` where moment writes `Sep.`,
# `sep.`), and a sync would pay the import on every note's reading.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (("January_February_March_April_May_June_July_August_September_October_November_"
            "December", "Jan_Feb_Mar_Apr_May_Jun_Jul_Aug_Sep_Oct_Nov_Dec"),
           ("Sunday_Monday_Tuesday_Wednesday_Thursday_Friday_Saturday",
            "Sun_Mon_Tue_Wed_Thu_Fri_Sat", "Su_Mo_Tu_We_Th_Fr_Sa")),
    "de": (("Januar_Februar_März_April_Mai_Juni_Juli_August_September_Oktober_November_Dezember",
            "Jan._Feb._März_Apr._Mai_Juni_Juli_Aug._Sep._Okt._Nov._Dez.",
            "Jänner_Feb._März_Apr._Mai_Juni_Juli_Aug._Sep._Okt._Nov._Dez.",  # moment's de-at
            "Jän._Feb._März_Apr._Mai_Juni_Juli_Aug._Sep._Okt._Nov._Dez."),
           ("Sonntag_Montag_Dienstag_Mittwoch_Donnerstag_Freitag_Samstag",
            "So._Mo._Di._Mi._Do._Fr._Sa.")),
    "fr": (("janvier_février_mars_avril_mai_juin_juillet_août_septembre_octobre_novembre_décembre",
            "janv._févr._mars_avr._mai_juin_juil._août_sept._oct._nov._déc."),
           ("dimanche_lundi_mardi_mercredi_jeudi_vendredi_samedi",
            "dim._lun._mar._mer._jeu._ven._sam.", "di_lu_ma_me_je_ve_sa")),
    "es": (("enero_febrero_marzo_abril_mayo_junio_julio_agosto_septiembre_octubre_noviembre_"
            "diciembre", "ene._feb._mar._abr._may._jun._jul._ago._sep._oct._nov._dic."),
           ("domingo_lunes_martes_miércoles_jueves_viernes_sábado",
            "dom._lun._mar._mié._jue._vie._sáb.", "do_lu_ma_mi_ju_vi_sá")),
    "it": (("gennaio_febbraio_marzo_aprile_maggio_giugno_luglio_agosto_settembre_ottobre_novembre_"
            "dicembre", "gen_feb_mar_apr_mag_giu_lug_ago_set_ott_nov_dic"),
           ("domenica_lunedì_martedì_mercoledì_giovedì_venerdì_sabato",
            "dom_lun_mar_mer_gio_ven_sab", "do_lu_ma_me_gi_ve_sa")),
    "pt": (("janeiro_fevereiro_março_abril_maio_junho_julho_agosto_setembro_outubro_novembro_"
            "dezembro", "jan_fev_mar_abr_mai_jun_jul_ago_set_out_nov_dez"),
           ("domingo_segunda-feira_terça-feira_quarta-feira_quinta-feira_sexta-feira_sábado",
            "dom_seg_ter_qua_qui_sex_sáb", "do_2ª_3ª_4ª_5ª_6ª_sá")),  # pt and pt-br alike
    "nl": (("januari_februari_maart_april_mei_juni_juli_augustus_september_oktober_november_"
            "december", "jan._feb._mrt._apr._mei_jun._jul._aug._sep._okt._nov._dec."),
           ("zondag_maandag_dinsdag_woensdag_donderdag_vrijdag_zaterdag",
            "zo._ma._di._wo._do._vr._za.", "zo_ma_di_wo_do_vr_za")),
}
# What follows a day's number written with `Do`, by language: moment's `ordinal` for a day of the
# month (French writes `1er`, and other days bare; Dutch `1ste`, `2de`). Read as moment reads it,
# the suffix alone, not whether it is the one for that number.
ORDINALS = {"en": ("st", "nd", "rd", "th"), "de": (".",), "fr": ("er", ""), "es": ("º",),
            "it": ("º",), "pt": ("º",), "nl": ("ste", "de")}


def _word(text: str) -> str:
    """A name as the tables hold it: without case, or a short form's dot."""
    return text.casefold().removesuffix(".")


def _readings(which: int) -> dict[str, dict[str, int]]:
    """Each month's (`which` 0, from 1) or weekday's (1, from 0 for Sunday, as moment counts)
    name in `NAMES`, with what it is in each language that has it."""
    found: dict[str, dict[str, int]] = {}
    for language, names in NAMES.items():
        for form in names[which]:
            for number, name in enumerate(form.split("_"), start=1 - which):
                found.setdefault(_word(name), {})[language] = number
    return found


# Each month's and weekday's name (as `_word` has it), with what it is in each language.
MONTHS, WEEKDAYS = _readings(0), _readings(1)
_ORDINAL_LANGUAGES = {suffix: frozenset(language for language, its in ORDINALS.items()
                                         if suffix in its)
                      for suffixes in ORDINALS.values() for suffix in suffixes}
_ORDINAL = "|".join(re.escape(s) for s in sorted(_ORDINAL_LANGUAGES, key=len, reverse=True) if s)
_NAME = r"[^\W\d_]+"  # a word of letters
# A weekday's name: a word, or two joined by `-` (`segunda-feira`), a short one with its dot
# (`So.`); or Portuguese's shortest, a digit and `ª` (`2ª`, Monday).
_WEEKDAY = rf"{_NAME}(?:-{_NAME})?\.?|[2-6]ª"

# moment.js tokens, longest first, as (token, regular expression, the date part it holds).
_TOKENS: tuple[tuple[str, str, str], ...] = (
    ("YYYY", r"\d{4}", "year"), ("GGGG", r"\d{4}", ""), ("gggg", r"\d{4}", ""),
    ("MMMM", _NAME, "month_name"), ("MMM", rf"{_NAME}\.?", "month_name"),
    ("DDDD", r"\d{3}", ""), ("DDD", r"\d{1,3}", ""),
    ("dddd", _WEEKDAY, "weekday"), ("ddd", _WEEKDAY, "weekday"),
    ("YY", r"\d{2}", "short_year"), ("MM", r"\d{2}", "month"), ("DD", r"\d{2}", "day"),
    ("Do", rf"\d{{1,2}}(?P<ordinal>{_ORDINAL})?", "day"), ("dd", _WEEKDAY, "weekday"),
    ("WW", r"\d{2}", ""), ("ww", r"\d{2}", ""), ("Wo", r"\d{1,2}\w\w", ""), ("wo", r"\d{1,2}\w\w", ""),
    ("GG", r"\d{2}", ""), ("gg", r"\d{2}", ""), ("HH", r"\d{2}", ""), ("hh", r"\d{2}", ""),
    ("mm", r"\d{2}", ""), ("ss", r"\d{2}", ""),
    ("M", r"\d{1,2}", "month"), ("D", r"\d{1,2}", "day"), ("W", r"\d{1,2}", ""),
    ("w", r"\d{1,2}", ""), ("Q", r"[1-4]", ""), ("d", r"\d", ""), ("E", r"\d", ""),
    ("e", r"\d", ""), ("H", r"\d{1,2}", ""), ("h", r"\d{1,2}", ""), ("m", r"\d{1,2}", ""),
    ("s", r"\d{1,2}", ""), ("A", r"[AaPp][Mm]", ""), ("a", r"[AaPp][Mm]", ""),
)


@functools.lru_cache(maxsize=32)
def format_pattern(moment: str) -> re.Pattern[str] | None:
    """A pattern that matches a path (relative to the daily folder, without `.md`) whose last
    parts are named by the moment.js format `moment`, in the folder or any folder inside it, as
    Obsidian finds its daily notes (`getAllDailyNotes` searches the folder through; an empty
    folder is the whole vault); None when the format cannot name a day (no year, month and day)."""
    out, parts, at = [], set(), 0
    while at < len(moment):
        if moment[at] == "[":  # [literal text]
            end = moment.find("]", at)
            end = len(moment) if end < 0 else end
            out.append(re.escape(moment[at + 1:end]))
            at = end + 1
            continue
        for token, pattern, part in _TOKENS:
            if moment.startswith(token, at):
                if part and part in parts:
                    out.append(f"(?P={part})")  # `YYYY/MM/YYYY-MM-DD`: the same year twice
                else:
                    out.append(f"(?P<{part}>{pattern})" if part else f"(?:{pattern})")
                    parts.add(part)
                at += len(token)
                break
        else:
            out.append(re.escape(moment[at]))
            at += 1
    if not {"day"} <= parts or not ({"month", "month_name"} & parts) \
            or not ({"year", "short_year"} & parts):
        return None
    return re.compile("(?:.*/)?" + "".join(out), re.IGNORECASE)


class WrongWeekday(BadDate):
    """A name in the form whose weekday belies its date (`2026-11-10 Monday`, a Tuesday): `day`
    is the date it names."""

    def __init__(self, message: str, day: date) -> None:
        super().__init__(message)
        self.day = day


def date_from_format(relative: str, moment: str, strict: bool = False) -> date | None:
    """The day a daily note's path names by the format; None if the path is not named by it (or
    the format names no day); BadDate if it is, but that day does not exist (`2026-13-01`),
    WrongWeekday if its weekday is another's. A word that is no month's name is no such name
    (`Chapter 3, 2026` by `MMMM D, YYYY`), nor is a name whose words are of two languages
    (`Montag, December 7th 2026`): Obsidian writes a name in the one it runs in. With `strict`,
    a word that is no weekday's name in any language of `NAMES` is no such name either
    (`2026-11-10 Kickoff` by `YYYY-MM-DD dddd`); without, it is not checked (a weekday in a
    language vaultnet does not know, read only where the note's place says it is a daily
    note)."""
    pattern = format_pattern(moment)
    found = pattern.fullmatch(nfc(relative)) if pattern is not None else None
    if found is None:
        return None
    parts = found.groupdict()
    languages = None if "ordinal" not in parts else _ORDINAL_LANGUAGES[
        (parts["ordinal"] or "").casefold()]
    if parts.get("month"):
        month = int(parts["month"])
    else:
        months = MONTHS.get(_word(parts["month_name"]), {})
        languages = _shared(languages, months)
        if not languages:
            return None
        month = months[min(languages)]  # (a name is the same month in each language that has it)
    weekdays = WEEKDAYS.get(_word(parts.get("weekday") or ""), {})
    if weekdays:
        languages = _shared(languages, weekdays)
        if not languages:
            return None
    elif parts.get("weekday") and strict:
        return None
    year = int(parts["year"]) if parts.get("year") else 2000 + int(parts["short_year"])
    try:
        found_day = date(year, month, int(re.match(r"\d+", parts["day"])[0]))  # type: ignore[index]
    except ValueError:
        if strict:  # (`Notes/123456` by `YYMMDD`: a number, where no page was looked for)
            return None
        raise BadDate(f"{relative} is not a real date") from None
    weekday = found_day.isoweekday() % 7  # moment's count: Sunday is 0
    if weekdays and weekday not in {weekdays[language] for language in languages or ()}:
        # (Obsidian reads a name strictly, and a day its weekday belies is no day to it.)
        raise WrongWeekday(f"{relative} is not a real date: {found_day.isoformat()} is a "
                           f"{_DAY_NAMES[weekday]}", found_day)
    return found_day


def _shared(languages: frozenset[str] | None, readings: dict[str, int]) -> frozenset[str]:
    """The languages in which a name has its reading (`readings`, by language), of `languages`
    (None: any)."""
    return frozenset(readings) if languages is None else languages & readings.keys()


# Writing a day in a moment.js format (`format_day`), in English, as Obsidian does by default.
_MONTH_NAMES, _SHORT_MONTHS = (tuple(form.split("_")) for form in NAMES["en"][0])
# Each month's number by the first three letters of its English name, in lower case (`dec`: 12).
MONTH_NUMBERS = {month.casefold(): number for number, month in enumerate(_SHORT_MONTHS, start=1)}
_DAY_NAMES, _SHORT_DAYS, _SHORTEST_DAYS = (tuple(form.split("_")) for form in NAMES["en"][1])
_moment = compiled_when_used(r"\[[^\]]*\]?|YYYY|YY|Y|Qo|Q|MMMM|MMM|Mo|MM|M|DDDo|DDDD|DDD|Do|DD|D|"
                              r"dddd|ddd|dd|do|d|E|GGGG|GG|Wo|WW|W|.", re.DOTALL)
_NOT_A_DAY = frozenset("aAhHkmsSxXzZLlNywge")  # a time of day, or a local form: not filled


def _ordinal(number: int) -> str:
    """`number` with its English ordinal's suffix, as moment writes it: 1st, 2nd, 3rd, 11th, 21st."""
    *first_three, other = ORDINALS["en"]
    last = number % 10
    teen = number % 100 // 10 == 1
    return f"{number}{first_three[last - 1] if 1 <= last <= 3 and not teen else other}"


def format_day(day: date, pattern: str) -> str | None:
    """`day` written in a moment.js format (`YYYY-MM-DD`, `dddd, MMMM Do YYYY`), in English as
    Obsidian writes it (`format_pattern` reads such names back); None when the format holds a
    time of day or a local form (a template's `{{date}}` filled in by `vaultnet add`)."""
    weekday = day.isoweekday() % 7  # moment's `d`: Sunday is 0
    iso_year, iso_week, _ = day.isocalendar()
    doy = day.timetuple().tm_yday
    parts = {
        "YYYY": f"{day.year:04d}", "YY": f"{day.year % 100:02d}", "Y": str(day.year),
        "Q": str((day.month - 1) // 3 + 1), "Qo": _ordinal((day.month - 1) // 3 + 1),
        "MMMM": _MONTH_NAMES[day.month - 1], "MMM": _SHORT_MONTHS[day.month - 1],
        "MM": f"{day.month:02d}", "Mo": _ordinal(day.month), "M": str(day.month),
        "DDDD": f"{doy:03d}", "DDDo": _ordinal(doy), "DDD": str(doy),
        "DD": f"{day.day:02d}", "Do": _ordinal(day.day), "D": str(day.day),
        "dddd": _DAY_NAMES[weekday], "ddd": _SHORT_DAYS[weekday],
        "dd": _SHORTEST_DAYS[weekday], "do": _ordinal(weekday), "d": str(weekday),
        "E": str(day.isoweekday()), "GGGG": f"{iso_year:04d}", "GG": f"{iso_year % 100:02d}",
        "WW": f"{iso_week:02d}", "Wo": _ordinal(iso_week), "W": str(iso_week),
    }
    out = []
    for token in _moment().findall(pattern):
        if token.startswith("["):
            out.append(token[1:].removesuffix("]"))
        elif token in parts:
            out.append(parts[token])
        elif token in _NOT_A_DAY:
            return None
        else:
            out.append(token)
    return "".join(out)
