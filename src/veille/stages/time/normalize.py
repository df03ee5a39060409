"""Normalising time expressions TIMEX3-style: a grammar candidate plus what it is resolved against.

What a value may depend on is passed in a ``Context``: the anchor (the publication date, or None), the tense
of the clause around the expression, and the last day the text named (for "en début de soirée", "the day
after"). Without an anchor nothing relative is resolved and an unknown year stays ``XXXX``: the record never
carries an invented date.

>>> from datetime import date
>>> from veille.lang import resources
>>> from veille.stages.time.rules import find_candidates
>>> fr = resources("fr").part("time")
>>> c = find_candidates("le 1er juillet", fr)[0]
>>> normalize(c, Context(fr, None)).value, normalize(c, Context(fr, date(2023, 3, 26))).value
('XXXX-07-01', '2023-07-01')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from types import ModuleType
from typing import Literal

from .calendar import (
    add_units,
    clamp_year_for_month,
    nearest_weekday,
    shift_season,
    weekend_week,
    year_for_day,
)


@dataclass
class Context:
    """What a time expression is resolved against."""

    lang: ModuleType
    anchor: date | None
    tense: str = "present"  # past | present | future
    last_day: date | None = None  # the last full day the text named, for "le lendemain", "dans la soirée"
    same_sentence_day: date | None = None  # the last day named earlier in the expression's own sentence
    last_calendar_day: date | None = None  # the last day named by its date ("Oct. 13"), not by a weekday
    followed_by: str = ""  # the few characters after the expression
    #: the story's time: the last date the narrative named and its grain (D, M or Y), for "quatre jours
    #: auparavant", "a year earlier" (Reichenbach's reference time, as against the publication date)
    reference: tuple[date, str] | None = None
    #: the part of a year last named ("Q1" of "the first quarter of 2023", "03" of "mars 2023"), for "the
    #: same period of 2022"
    last_part_of_year: str | None = None
    #: the day and minute of the day of the clock time just before in the same sentence ("de 21 h à 0 h 30")
    previous_clock: tuple[date, int] | None = None
    last_day_at: int = -1  # where the last day was named
    clock_end: int = -1  # where the last clock time ended


@dataclass
class Value:
    """A normalised time expression."""

    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str
    mod: str | None = None
    anchor: str | None = None
    day: date | None = None  # the day it names, when it names one (becomes the context's last day)


def normalize(cand, ctx: Context) -> Value | None:
    """The TIMEX3 value of a candidate, or None when the candidate is not a time expression after all."""
    try:
        return _KINDS[cand.kind](cand.groups, ctx)
    except (ValueError, KeyError, OverflowError):  # impossible dates ("31 février"), unknown words
        return None


def _anchor_str(ctx: Context) -> str | None:
    return ctx.anchor.isoformat() if ctx.anchor else None


def _word(groups: dict, key: str) -> str:
    return re.sub(r"\s+", " ", groups[key].lower()).replace("'", "’")


def _lookup(table: dict, word: str):
    """A word from a language table, whatever its apostrophe and spacing."""
    for k, v in table.items():
        if k.replace("'", "’") == word:
            return v
    raise KeyError(word)


def _part_suffix(groups: dict, ctx: Context) -> str:
    return "T" + _lookup(ctx.lang.PARTS_OF_DAY, _word(groups, "part")) if groups.get("part") else ""


def _rel(groups: dict, ctx: Context) -> str | None:
    """"last", "next" or "this" from "dernier", "last", "prochain", "cette"..."""
    rel = (groups.get("rel") or "").lower()
    if rel in ctx.lang.PAST_WORDS:
        return "last"
    if rel in ctx.lang.NEXT_WORDS:
        return "next"
    if rel in ctx.lang.THIS_WORDS or groups.get("this"):
        return "this"
    return None


def _day(groups: dict, ctx: Context) -> Value:
    """"Mardi 29 août", "le 1er juillet", "March 7, 2024", "jeudi 30 mars au soir"."""
    day = int(re.sub(r"\D", "", groups["day"]) or 1)  # "le premier mai"
    month = groups["month"]
    month = int(month) if month.isdigit() else _lookup(ctx.lang.MONTHS, _word(groups, "month").rstrip("."))
    if groups["month"].isdigit() and groups["day"].isdigit() and "iso" not in groups:
        day, month = _numeric_order(day, month, ctx)
    if groups.get("year"):
        when = date(int(groups["year"]), month, day)
        return Value("DATE", when.isoformat() + _part_suffix(groups, ctx), day=when)
    date(2000, month, day)  # raises on an impossible day (29 février is fine in 2000)
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{month:02d}-{day:02d}" + _part_suffix(groups, ctx))
    weekday = _lookup(ctx.lang.WEEKDAYS, _word(groups, "weekday")) if groups.get("weekday") else None
    how = {"last": "past", "next": "future"}.get(_rel(groups, ctx) or "", ctx.tense)  # "le 8 mars dernier"
    when = year_for_day(month, day, ctx.anchor, how, weekday)
    return Value("DATE", when.isoformat() + _part_suffix(groups, ctx), anchor=_anchor_str(ctx), day=when)


def _numeric_order(first: int, second: int, ctx: Context) -> tuple[int, int]:
    """(day, month) of "04/07/2023": day first where the language writes it so (French); in English, only
    when the figures say which is which (30/04 is day first, 04/30 month first): 04/07 could be either, and
    is left out rather than guessed."""
    if getattr(ctx.lang, "DATE_ORDER", None) == "DMY":
        return first, second
    if first > 12 >= second:
        return first, second
    if second > 12 >= first:
        return second, first
    raise ValueError("ambiguous numeric date")


def _month(groups: dict, ctx: Context) -> Value:
    """"février 2022", "fin mars", "mai dernier", "last December", "November 2024"."""
    month = _lookup(ctx.lang.MONTHS, _word(groups, "month").rstrip("."))
    mod = _lookup(ctx.lang.PERIOD_MODS, _word(groups, "mod")) if groups.get("mod") else None
    if groups.get("year"):
        return Value("DATE", f"{int(groups['year']):04d}-{month:02d}", mod)
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{month:02d}", mod)
    year = clamp_year_for_month(month, ctx.anchor, _rel(groups, ctx) or ctx.tense)
    return Value("DATE", f"{year:04d}-{month:02d}", mod, _anchor_str(ctx))


def _year(groups: dict, ctx: Context) -> Value:
    """"2027", "fin 2023", "en 580" -> 0580, "44 av. J.-C." / "44 BC" -> BC0044."""
    mod = _lookup(ctx.lang.PERIOD_MODS, _word(groups, "mod")) if groups.get("mod") else None
    year = int(groups["year"])
    if groups.get("bc"):
        return Value("DATE", f"BC{year:04d}", mod)
    return Value("DATE", f"{year:04d}", mod)


def _year_pair(groups: dict, ctx: Context) -> Value:
    """"the 1995-1996 season", "l'année scolaire 2022-2023": one period over two consecutive years."""
    return Value("DATE", f"{int(groups['year1']):04d}/{int(groups['year']):04d}")


def _decade(groups: dict, ctx: Context) -> Value:
    """"les années 1990" / "the 1990s" -> 199X; "années 80" / "'80s" -> 198X (the 20th century)."""
    digits = re.sub(r"\D", "", groups["decade"])
    full = digits if len(digits) == 4 else "19" + digits
    mod = _lookup(ctx.lang.PERIOD_MODS, _word(groups, "mod")) if groups.get("mod") else None
    return Value("DATE", full[:3] + "X", mod)


def _relday(groups: dict, ctx: Context) -> Value:
    """"hier", "aujourd'hui", "tomorrow", "tonight"."""
    word = _word(groups, "word")
    offset = 0 if word == "tonight" else _lookup(ctx.lang.RELATIVE_DAYS, word)
    suffix = "TNI" if word == "tonight" else _part_suffix(groups, ctx)
    if ctx.anchor is None:
        return Value("DATE", "XXXX-XX-XX" + suffix)
    when = ctx.anchor + timedelta(days=offset)
    return Value("DATE", when.isoformat() + suffix, anchor=_anchor_str(ctx), day=when)


def _weekday(groups: dict, ctx: Context) -> Value:
    """"lundi", "mardi dernier", "last Tuesday", "Thursday evening": the nearest such day the tense allows."""
    wd = _lookup(ctx.lang.WEEKDAYS, _word(groups, "weekday"))
    suffix = _part_suffix(groups, ctx)
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-WXX-{wd + 1}" + suffix)
    when = nearest_weekday(wd, ctx.anchor, _rel(groups, ctx) or ctx.tense)
    return Value("DATE", when.isoformat() + suffix, anchor=_anchor_str(ctx), day=when)


def _relunit(groups: dict, ctx: Context) -> Value:
    """"la semaine dernière", "next month", "cette année", "l'an prochain"."""
    unit = _word(groups, "unit") if groups.get("unit") else _word(groups, "unit2")
    step = {"last": -1, "next": 1}.get(_rel(groups, ctx) or "this", 0)
    code = {"semaine": "W", "week": "W", "mois": "M", "month": "M"}.get(unit, "Y")
    if ctx.anchor is None:
        return Value("DATE", {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}[code])
    when = add_units(ctx.anchor, code, step)
    if code == "W":
        iso = when.isocalendar()
        return Value("DATE", f"{iso[0]}-W{iso[1]:02d}", anchor=_anchor_str(ctx))
    value = f"{when.year:04d}-{when.month:02d}" if code == "M" else f"{when.year:04d}"
    return Value("DATE", value, anchor=_anchor_str(ctx))


def _period_edge(groups: dict, ctx: Context) -> Value:
    """"la fin de l'année", "the start of next month": the period as ``_relunit`` gives it, with its
    modifier."""
    value = _relunit(groups, ctx)
    value.mod = _lookup(ctx.lang.PERIOD_MODS, _word(groups, "mod"))
    return value


def _century(groups: dict, ctx: Context) -> Value:
    """"le XXe siècle", "the 19th century" -> 19XX, 18XX."""
    raw = groups["century"].upper()
    n = int(raw) if raw.isdigit() else _roman(raw)
    if not 1 <= n <= 30:
        raise ValueError(raw)
    mod = _lookup(ctx.lang.PERIOD_MODS, _word(groups, "mod")) if groups.get("mod") else None
    return Value("DATE", f"{n - 1:02d}XX", mod)


def _roman(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total


def _vague_unit(groups: dict, ctx: Context) -> Value:
    """"for decades" PXDE, "for years" PXY."""
    return Value("DURATION", "PX" + _lookup(ctx.lang.UNITS, _word(groups, "unit")))


def _weekend(groups: dict, ctx: Context) -> Value:
    if ctx.anchor is None:
        return Value("DATE", "XXXX-WXX-WE")
    year, week = weekend_week(ctx.anchor, _rel(groups, ctx) or ctx.tense)
    return Value("DATE", f"{year}-W{week:02d}-WE", anchor=_anchor_str(ctx))


def _this_part(groups: dict, ctx: Context) -> Value:
    """"ce matin", "ce soir", "this morning": the anchor day's part; "last night" the day before's."""
    if ctx.anchor is None:
        return Value("DATE", "XXXX-XX-XX" + _part_suffix(groups, ctx))
    day = ctx.anchor - timedelta(days=1) if _rel(groups, ctx) == "last" else ctx.anchor
    return Value("DATE", day.isoformat() + _part_suffix(groups, ctx), anchor=_anchor_str(ctx), day=day)


def _part(groups: dict, ctx: Context) -> Value:
    """"Mardi 29 août, en début de soirée": part of a day named earlier in the same sentence, else (in a past
    clause) of the story's day, else of the anchor's day ("En fin de matinée, le ministre s'est exprimé")."""
    base = _day_of_the_story(ctx)
    mod = _lookup(ctx.lang.PERIOD_MODS, _word(groups, "mod")) if groups.get("mod") else None
    if base is None:
        return Value("DATE", "XXXX-XX-XX" + _part_suffix(groups, ctx), mod)
    return Value("DATE", base.isoformat() + _part_suffix(groups, ctx), mod, base.isoformat(), day=base)


def _season(groups: dict, ctx: Context) -> Value:
    season = _lookup(ctx.lang.SEASONS, _word(groups, "season"))
    if groups.get("year"):
        return Value("DATE", f"{groups['year']}-{season}")
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{season}")
    year = shift_season(season, ctx.anchor, _rel(groups, ctx) or ctx.tense)
    return Value("DATE", f"{year}-{season}", anchor=_anchor_str(ctx))


def _part_of_year(letter: str):
    def resolve(groups: dict, ctx: Context) -> Value:
        n = _lookup(ctx.lang.ORDINALS, _word(groups, "ord"))
        if groups.get("year"):
            return Value("DATE", f"{groups['year']}-{letter}{n}")
        if ctx.anchor is None:
            return Value("DATE", f"XXXX-{letter}{n}")
        return Value("DATE", f"{ctx.anchor.year}-{letter}{n}", anchor=_anchor_str(ctx))
    return resolve


def _amount(groups: dict, ctx: Context, num: str = "num", unit: str = "unit") -> tuple[str, str]:
    """("10", "D") for "dix jours"; ("X", "DE") for "des décennies"; counted decades and centuries are
    given in years ("five decades" P50Y)."""
    word = _word(groups, num)
    n = word.replace(",", ".") if word[:1].isdigit() else str(_lookup(ctx.lang.NUMBERS, word))
    code = _lookup(ctx.lang.UNITS, _word(groups, unit))
    if code in ("DE", "CE") and n != "X":
        n, code = _times(n, 10 if code == "DE" else 100), "Y"
    return (n[:-2] if n.endswith(".0") else n), code


def _times(n: str, k: int) -> str:
    v = float(n) * k
    return str(int(v)) if v == int(v) else str(v)


def _iso_duration(parts: list[tuple[str, str]]) -> str:
    """P10D, PT1H, PT1M45S, P50Y, PXDE from (amount, unit) pairs."""
    date_part = "".join(f"{n}{u}" for n, u in parts if u in ("Y", "M", "W", "D", "DE", "CE"))
    time_part = "".join(f"{n}{'M' if u == 'MIN' else u}" for n, u in parts if u in ("H", "MIN", "S"))
    return "P" + date_part + (("T" + time_part) if time_part else "")


_HALF_OF = {"H": ("30", "MIN"), "MIN": ("30", "S"), "D": ("12", "H"), "Y": ("6", "M")}


def _duration(groups: dict, ctx: Context) -> Value:
    """"dix mois" P10M, "un peu plus d'une heure" PT1H (MORE_THAN), "1 minute and 45 seconds" PT1M45S."""
    parts = [_amount(groups, ctx)]
    if groups.get("num2"):
        parts.append(_amount(groups, ctx, "num2", "unit2"))
    elif groups.get("half") and parts[0][1] in _HALF_OF:  # "deux heures et demie" PT2H30M
        parts.append(_HALF_OF[parts[0][1]])
    mod = _lookup(ctx.lang.QUANTITY_MODS, _word(groups, "qmod").strip()) if groups.get("qmod") else None
    if mod is None and _approximate(groups, ctx):
        mod = "APPROX"  # "une dizaine de jours"
    return Value("DURATION", _iso_duration(parts), mod)


def _approximate(groups: dict, ctx: Context) -> bool:
    approx = getattr(ctx.lang, "APPROX_NUMBERS", {})
    return any(k.replace("'", "’") == _word(groups, "num") for k in approx)


def _ago(groups: dict, ctx: Context, sign: int = -1) -> Value:
    """"il y a deux ans" -> the year two years before the anchor; "il y a plus d'un an" (a bound, not a
    date) and any "ago" without an anchor -> the duration, with its modifier. ``sign`` +1 is "dans deux
    semaines", after the anchor."""
    n, code = _amount(groups, ctx)
    mod = _lookup(ctx.lang.QUANTITY_MODS, _word(groups, "qmod").strip()) if groups.get("qmod") else None
    if ctx.anchor is None or mod or n == "X" or not n.isdigit() or code in ("H", "MIN", "S"):
        return Value("DURATION", _iso_duration([(n, code)]), mod, _anchor_str(ctx))
    value = _moved(ctx.anchor, code, sign * int(n))
    value.mod = "APPROX" if _approximate(groups, ctx) else None  # "il y a une dizaine d'années"
    return value


def _moved(base: date, code: str, n: int) -> Value:
    """``base`` moved by n units, written at the grain of the unit: "il y a deux ans" is a year, "three
    weeks ago" an ISO week, "quatre jours auparavant" a day."""
    when, anchor = add_units(base, code, n), base.isoformat()
    if code == "Y":
        return Value("DATE", f"{when.year:04d}", anchor=anchor)
    if code == "M":
        return Value("DATE", f"{when.year:04d}-{when.month:02d}", anchor=anchor)
    if code == "W":
        iso = when.isocalendar()
        return Value("DATE", f"{iso[0]}-W{iso[1]:02d}", anchor=anchor)
    return Value("DATE", when.isoformat(), anchor=anchor, day=when)


_GRAIN = {"D": 0, "W": 1, "M": 2, "Y": 3}


def _shift(groups: dict, ctx: Context) -> Value | None:
    """"quatre jours auparavant", "un an plus tôt", "two days later": counted from the story's time, the last
    date the narrative named (``ctx.reference``), never from the publication date. Left out when the story has
    no time yet, or only a coarser one than the amount ("trois jours plus tard" after "en 2019")."""
    n, code = _amount(groups, ctx)
    if ctx.reference is None or not n.isdigit() or code not in _GRAIN:
        return None
    base, grain = ctx.reference
    if _GRAIN[code] < _GRAIN[grain]:
        return None
    word = _word(groups, "dir") if groups.get("dir") else _word(groups, "dir2")
    return _moved(base, code, int(n) if word in ctx.lang.LATER_WORDS else -int(n))


def _same_period(groups: dict, ctx: Context) -> Value | None:
    """"the same period of 2022" after "the first quarter of 2023" -> 2022-Q1; "la même période de l'année
    précédente" -> the year before the story's; without a part of the year named before, just the year."""
    if groups.get("year"):
        year = int(groups["year"])
    elif groups.get("rel") and ctx.anchor is not None:  # "last year": deictic
        year = ctx.anchor.year - 1
    else:  # "the previous year": the year before the story's
        base = ctx.reference[0] if ctx.reference else ctx.anchor
        if base is None:
            return None
        year = base.year - 1
    part = f"-{ctx.last_part_of_year}" if ctx.last_part_of_year else ""
    return Value("DATE", f"{year:04d}{part}")


def _holiday(groups: dict, ctx: Context) -> Value:
    """"à Noël" -> the 25 December nearest the anchor that the tense allows (XXXX-12-25 without an anchor);
    "9/11", "le 11-Septembre" -> 2001-09-11."""
    when = _lookup(ctx.lang.HOLIDAYS, _word(groups, "holiday"))
    if isinstance(when, str):
        return Value("DATE", when, day=date.fromisoformat(when))
    month, day = when
    return _day({"day": str(day), "month": str(month), "iso": "yes"}, ctx)


def _story_unit(groups: dict, ctx: Context) -> Value | None:
    """"ce jour-là", "le jour même", "that year", "the same day": the story's time at the unit's grain; left
    out when the story has no time yet, or only a coarser one ("ce jour-là" after "en 2019")."""
    unit = next(_word(groups, k) for k in ("unit", "unit2", "unit3") if groups.get(k))
    code = _lookup(ctx.lang.UNITS, unit)
    if ctx.reference is None or _GRAIN[code] < _GRAIN[ctx.reference[1]]:
        return None
    return _moved(ctx.reference[0], code, 0)


def _fixed(groups: dict, ctx: Context) -> Value:
    """"un quart de siècle" P25Y, "half a century" P50Y."""
    return Value("DURATION", _lookup(ctx.lang.FIXED_DURATIONS, _word(groups, "phrase")))


def _named_clock(groups: dict, ctx: Context) -> Value:
    """"vers minuit", "just after midnight", "at noon": a clock time like "0h00". Midnight after a day the
    story named ("late on Monday ... just after midnight") ends that day: 00:00 of the next one (TIMEX3's
    T24:00)."""
    hour = ctx.lang.NAMED_TIMES[_word(groups, "named")]
    value = _clock({"hour": str(hour)}, ctx)
    base = _story_day(ctx)
    if hour == 0 and base is not None:
        value.value = (base + timedelta(days=1)).isoformat() + value.value[10:]
    return value


def _vague(groups: dict, ctx: Context) -> Value:
    phrase = re.sub(r"\s+", " ", groups["phrase"].lower())
    return Value("DURATION", ctx.lang.VAGUE_PERIODS[phrase])


def _day_shift(groups: dict, ctx: Context) -> Value | None:
    """"le lendemain", "the day after": one day after (or before) the last day the text named. Without such
    a day the expression hangs on an event whose date the text does not give, and is left out."""
    base = ctx.last_day
    if re.match(r"\s+\w", ctx.followed_by) and ctx.last_calendar_day is not None:
        # "the day after the attack": an event, which the text dates by the calendar ("Oct. 13"), while
        # weekdays in between ("in its report on Thursday") tend to date the reporting
        base = ctx.last_calendar_day
    if base is None:
        return None
    word = _word(groups, "word")
    step = ctx.lang.DAY_STEPS.get(word) or (1 if any(word == w for w in ctx.lang.DAY_AFTER) else -1)
    when = base + timedelta(days=step)
    return Value("DATE", when.isoformat(), anchor=base.isoformat(), day=when)


def _day_of_the_story(ctx: Context) -> date | None:
    """The day a time of day hangs on: a day named earlier in its own sentence; in a past clause, the story's
    day (the last day the narrative named: "Le 3 juin 2020, il a été arrêté. Vers 0 h 30, il a avoué"); else
    the anchor's day."""
    return _story_day(ctx) or ctx.anchor


def _story_day(ctx: Context) -> date | None:
    if ctx.same_sentence_day is not None:
        return ctx.same_sentence_day
    if ctx.tense == "past" and ctx.reference is not None and ctx.reference[1] == "D":
        return ctx.reference[0]
    return None


def _clock(groups: dict, ctx: Context) -> Value:
    """"14h52", "7:55 a.m.": a time on a day named earlier in the sentence, else (in a past clause) on the
    story's day, else on the anchor's day; a time earlier than the one just before it in the sentence is on
    the next day."""
    hour, minute = int(groups["hour"]), int(groups.get("minute") or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    base = _day_of_the_story(ctx)
    if base is not None and ctx.previous_clock is not None and ctx.previous_clock[0] == base \
            and hour * 60 + minute < ctx.previous_clock[1]:
        base += timedelta(days=1)  # "de 21 h à 0 h 30", "from 10 p.m. to 2 a.m.": past midnight, the next day
    day = base.isoformat() if base else "XXXX-XX-XX"
    zone = "Z" if groups.get("utc") else ""  # "6 heures GMT", "0600 UTC"
    return Value("TIME", f"{day}T{hour:02d}:{minute:02d}{zone}", anchor=base.isoformat() if base else None)


_KINDS = {"date": _day, "numeric_date": _day, "iso_date": lambda g, c: _day({**g, "iso": "yes"}, c),
          "month": _month, "year": _year,
          "decade": _decade, "relday": _relday, "weekday": _weekday, "relunit": _relunit, "weekend": _weekend,
          "this_part": _this_part, "part": _part, "season": _season, "half": _part_of_year("H"),
          "quarter": _part_of_year("Q"), "ago": _ago, "duration": _duration, "vague": _vague,
          "day_shift": _day_shift, "clock": _clock, "period_edge": _period_edge, "century": _century,
          "vague_unit": _vague_unit, "hence": lambda g, c: _ago(g, c, +1), "old_year": _year,
          "era_year": _year, "shift": _shift, "fixed": _fixed, "story_unit": _story_unit, "holiday": _holiday,
          "year_pair": _year_pair, "shift_unit": lambda g, c: _shift({**g, "num": "1"}, c),
          "same_period": _same_period, "named_clock": _named_clock}
