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
from datetime import date, timedelta

from .calendar import (
    add_units,
    clamp_year_for_month,
    nearest_weekday,
    shift_season,
    weekend_week,
    year_for_day,
)
from .context import Context, Value, amount, anchor_str, lookup, moved, word_at
from .story import day_of_the_story, day_shift, same_period, shift, story_day, story_unit


def normalize(cand, ctx: Context) -> Value | None:
    """The TIMEX3 value of a candidate, or None when the candidate is not a time expression after all."""
    try:
        return _KINDS[cand.kind](cand.groups, ctx)
    except (ValueError, KeyError, OverflowError):  # impossible dates ("31 février"), unknown words
        return None


def _part_suffix(groups: dict, ctx: Context) -> str:
    return "T" + lookup(ctx.lang.PARTS_OF_DAY, word_at(groups, "part")) if groups.get("part") else ""


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
    month = int(month) if month.isdigit() else lookup(ctx.lang.MONTHS, word_at(groups, "month").rstrip("."))
    if groups["month"].isdigit() and groups["day"].isdigit() and "iso" not in groups:
        day, month = _numeric_order(day, month, ctx)
    if groups.get("year"):
        when = date(int(groups["year"]), month, day)
        return Value("DATE", when.isoformat() + _part_suffix(groups, ctx), day=when)
    date(2000, month, day)  # raises on an impossible day (29 février is fine in 2000)
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{month:02d}-{day:02d}" + _part_suffix(groups, ctx))
    weekday = lookup(ctx.lang.WEEKDAYS, word_at(groups, "weekday")) if groups.get("weekday") else None
    how = {"last": "past", "next": "future"}.get(_rel(groups, ctx) or "", ctx.tense)  # "le 8 mars dernier"
    when = year_for_day(month, day, ctx.anchor, how, weekday)
    return Value("DATE", when.isoformat() + _part_suffix(groups, ctx), anchor=anchor_str(ctx), day=when)


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
    month = lookup(ctx.lang.MONTHS, word_at(groups, "month").rstrip("."))
    mod = lookup(ctx.lang.PERIOD_MODS, word_at(groups, "mod")) if groups.get("mod") else None
    if groups.get("year"):
        return Value("DATE", f"{int(groups['year']):04d}-{month:02d}", mod)
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{month:02d}", mod)
    year = clamp_year_for_month(month, ctx.anchor, _rel(groups, ctx) or ctx.tense)
    return Value("DATE", f"{year:04d}-{month:02d}", mod, anchor_str(ctx))


def _year(groups: dict, ctx: Context) -> Value:
    """"2027", "fin 2023", "en 580" -> 0580, "44 av. J.-C." / "44 BC" -> BC0044."""
    mod = lookup(ctx.lang.PERIOD_MODS, word_at(groups, "mod")) if groups.get("mod") else None
    year = int(groups["year"])
    if groups.get("bc"):
        return Value("DATE", f"BC{year:04d}", mod)
    return Value("DATE", f"{year:04d}", mod)


def _year_pair(groups: dict, ctx: Context) -> Value:
    """"the 1995-1996 season", "l'année scolaire 2022-2023", "la saison 2022-23": one period over two
    consecutive years."""
    first = int(groups["year1"])
    return Value("DATE", f"{first:04d}/{first + 1:04d}")


def _decade(groups: dict, ctx: Context) -> Value:
    """"les années 1990" / "the 1990s" -> 199X; "années 80" / "'80s" -> 198X (the 20th century)."""
    digits = re.sub(r"\D", "", groups["decade"])
    full = digits if len(digits) == 4 else "19" + digits
    mod = lookup(ctx.lang.PERIOD_MODS, word_at(groups, "mod")) if groups.get("mod") else None
    return Value("DATE", full[:3] + "X", mod)


def _relday(groups: dict, ctx: Context) -> Value:
    """"hier", "aujourd'hui", "tomorrow", "tonight"."""
    word = word_at(groups, "word")
    offset = 0 if word == "tonight" else lookup(ctx.lang.RELATIVE_DAYS, word)
    suffix = "TNI" if word == "tonight" else _part_suffix(groups, ctx)
    if ctx.anchor is None:
        return Value("DATE", "XXXX-XX-XX" + suffix)
    when = ctx.anchor + timedelta(days=offset)
    return Value("DATE", when.isoformat() + suffix, anchor=anchor_str(ctx), day=when)


def _weekday(groups: dict, ctx: Context) -> Value:
    """"lundi", "mardi dernier", "last Tuesday", "Thursday evening": the nearest such day the tense allows."""
    wd = lookup(ctx.lang.WEEKDAYS, word_at(groups, "weekday"))
    suffix = _part_suffix(groups, ctx)
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-WXX-{wd + 1}" + suffix)
    when = nearest_weekday(wd, ctx.anchor, _rel(groups, ctx) or ctx.tense)
    return Value("DATE", when.isoformat() + suffix, anchor=anchor_str(ctx), day=when)


def _relunit(groups: dict, ctx: Context) -> Value:
    """"la semaine dernière", "next month", "cette année", "l'an prochain"."""
    unit = word_at(groups, "unit") if groups.get("unit") else word_at(groups, "unit2")
    step = {"last": -1, "next": 1}.get(_rel(groups, ctx) or "this", 0)
    code = {"semaine": "W", "week": "W", "mois": "M", "month": "M"}.get(unit, "Y")
    if ctx.anchor is None:
        return Value("DATE", {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}[code])
    when = add_units(ctx.anchor, code, step)
    if code == "W":
        iso = when.isocalendar()
        return Value("DATE", f"{iso[0]}-W{iso[1]:02d}", anchor=anchor_str(ctx))
    value = f"{when.year:04d}-{when.month:02d}" if code == "M" else f"{when.year:04d}"
    return Value("DATE", value, anchor=anchor_str(ctx))


def _period_edge(groups: dict, ctx: Context) -> Value:
    """"la fin de l'année", "the start of next month": the period as ``_relunit`` gives it, with its
    modifier."""
    value = _relunit(groups, ctx)
    value.mod = lookup(ctx.lang.PERIOD_MODS, word_at(groups, "mod"))
    return value


def _century(groups: dict, ctx: Context) -> Value:
    """"le XXe siècle", "the 19th century" -> 19XX, 18XX."""
    raw = groups["century"].upper()
    n = int(raw) if raw.isdigit() else _roman(raw)
    if not 1 <= n <= 30:
        raise ValueError(raw)
    mod = lookup(ctx.lang.PERIOD_MODS, word_at(groups, "mod")) if groups.get("mod") else None
    return Value("DATE", f"{n - 1:02d}XX", mod)


def _roman(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total


def _vague_unit(groups: dict, ctx: Context) -> Value:
    """"for decades" PXDE, "for years" PXY."""
    return Value("DURATION", "PX" + lookup(ctx.lang.UNITS, word_at(groups, "unit")))


def _weekend(groups: dict, ctx: Context) -> Value:
    if ctx.anchor is None:
        return Value("DATE", "XXXX-WXX-WE")
    year, week = weekend_week(ctx.anchor, _rel(groups, ctx) or ctx.tense)
    return Value("DATE", f"{year}-W{week:02d}-WE", anchor=anchor_str(ctx))


def _this_part(groups: dict, ctx: Context) -> Value:
    """"ce matin", "ce soir", "this morning": the anchor day's part; "last night" the day before's."""
    if ctx.anchor is None:
        return Value("DATE", "XXXX-XX-XX" + _part_suffix(groups, ctx))
    day = ctx.anchor - timedelta(days=1) if _rel(groups, ctx) == "last" else ctx.anchor
    return Value("DATE", day.isoformat() + _part_suffix(groups, ctx), anchor=anchor_str(ctx), day=day)


def _part(groups: dict, ctx: Context) -> Value:
    """"Mardi 29 août, en début de soirée": part of a day named earlier in the same sentence, else (in a past
    clause) of the story's day, else of the anchor's day ("En fin de matinée, le ministre s'est exprimé")."""
    base = day_of_the_story(ctx)
    mod = lookup(ctx.lang.PERIOD_MODS, word_at(groups, "mod")) if groups.get("mod") else None
    if base is None:
        return Value("DATE", "XXXX-XX-XX" + _part_suffix(groups, ctx), mod)
    return Value("DATE", base.isoformat() + _part_suffix(groups, ctx), mod, base.isoformat(), day=base)


def _season(groups: dict, ctx: Context) -> Value:
    season = lookup(ctx.lang.SEASONS, word_at(groups, "season"))
    if groups.get("year"):
        return Value("DATE", f"{groups['year']}-{season}")
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{season}")
    year = shift_season(season, ctx.anchor, _rel(groups, ctx) or ctx.tense)
    return Value("DATE", f"{year}-{season}", anchor=anchor_str(ctx))


def _part_of_year(letter: str):
    def resolve(groups: dict, ctx: Context) -> Value:
        n = lookup(ctx.lang.ORDINALS, word_at(groups, "ord"))
        if groups.get("year"):
            return Value("DATE", f"{groups['year']}-{letter}{n}")
        if ctx.anchor is None:
            return Value("DATE", f"XXXX-{letter}{n}")
        return Value("DATE", f"{ctx.anchor.year}-{letter}{n}", anchor=anchor_str(ctx))
    return resolve


def _iso_duration(parts: list[tuple[str, str]]) -> str:
    """P10D, PT1H, PT1M45S, P50Y, PXDE from (amount, unit) pairs."""
    date_part = "".join(f"{n}{u}" for n, u in parts if u in ("Y", "M", "W", "D", "DE", "CE"))
    time_part = "".join(f"{n}{'M' if u == 'MIN' else u}" for n, u in parts if u in ("H", "MIN", "S"))
    return "P" + date_part + (("T" + time_part) if time_part else "")


_HALF_OF = {"H": ("30", "MIN"), "MIN": ("30", "S"), "D": ("12", "H"), "Y": ("6", "M")}


def _duration(groups: dict, ctx: Context) -> Value:
    """"dix mois" P10M, "un peu plus d'une heure" PT1H (MORE_THAN), "1 minute and 45 seconds" PT1M45S."""
    parts = [amount(groups, ctx)]
    if groups.get("num2"):
        parts.append(amount(groups, ctx, "num2", "unit2"))
    elif groups.get("half") and parts[0][1] in _HALF_OF:  # "deux heures et demie" PT2H30M
        parts.append(_HALF_OF[parts[0][1]])
    mod = lookup(ctx.lang.QUANTITY_MODS, word_at(groups, "qmod").strip()) if groups.get("qmod") else None
    if mod is None and _approximate(groups, ctx):
        mod = "APPROX"  # "une dizaine de jours"
    return Value("DURATION", _iso_duration(parts), mod)


def _approximate(groups: dict, ctx: Context) -> bool:
    approx = getattr(ctx.lang, "APPROX_NUMBERS", {})
    return any(k.replace("'", "’") == word_at(groups, "num") for k in approx)


def _ago(groups: dict, ctx: Context, sign: int = -1) -> Value:
    """"il y a deux ans" -> the year two years before the anchor; "il y a plus d'un an" (a bound, not a
    date) and any "ago" without an anchor -> the duration, with its modifier. ``sign`` +1 is "dans deux
    semaines", after the anchor."""
    n, code = amount(groups, ctx)
    mod = lookup(ctx.lang.QUANTITY_MODS, word_at(groups, "qmod").strip()) if groups.get("qmod") else None
    if ctx.anchor is None or mod or n == "X" or not n.isdigit() or code in ("H", "MIN", "S"):
        return Value("DURATION", _iso_duration([(n, code)]), mod, anchor_str(ctx))
    value = moved(ctx.anchor, code, sign * int(n))
    value.mod = "APPROX" if _approximate(groups, ctx) else None  # "il y a une dizaine d'années"
    return value


def _holiday(groups: dict, ctx: Context) -> Value:
    """"à Noël" -> the 25 December nearest the anchor that the tense allows (XXXX-12-25 without an anchor);
    "9/11", "le 11-Septembre" -> 2001-09-11."""
    when = lookup(ctx.lang.HOLIDAYS, word_at(groups, "holiday"))
    if isinstance(when, str):
        return Value("DATE", when, day=date.fromisoformat(when))
    month, day = when
    return _day({"day": str(day), "month": str(month), "iso": "yes"}, ctx)


def _fixed(groups: dict, ctx: Context) -> Value:
    """"un quart de siècle" P25Y, "half a century" P50Y."""
    return Value("DURATION", lookup(ctx.lang.FIXED_DURATIONS, word_at(groups, "phrase")))


def _named_clock(groups: dict, ctx: Context) -> Value:
    """"vers minuit", "just after midnight", "at noon": a clock time like "0h00". Midnight after a day the
    story named ("late on Monday ... just after midnight") ends that day: 00:00 of the next one (TIMEX3's
    T24:00)."""
    hour = ctx.lang.NAMED_TIMES[word_at(groups, "named")]
    value = _clock({"hour": str(hour)}, ctx)
    base = story_day(ctx)
    if hour == 0 and base is not None:
        value.value = (base + timedelta(days=1)).isoformat() + value.value[10:]
    return value


def _vague(groups: dict, ctx: Context) -> Value:
    phrase = re.sub(r"\s+", " ", groups["phrase"].lower())
    return Value("DURATION", ctx.lang.VAGUE_PERIODS[phrase])


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
    base = day_of_the_story(ctx)
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
          "day_shift": day_shift, "clock": _clock, "period_edge": _period_edge, "century": _century,
          "vague_unit": _vague_unit, "hence": lambda g, c: _ago(g, c, +1), "old_year": _year,
          "era_year": _year, "shift": shift, "fixed": _fixed, "story_unit": story_unit, "holiday": _holiday,
          "year_pair": _year_pair, "shift_unit": lambda g, c: shift({**g, "num": "1"}, c),
          "same_period": same_period, "named_clock": _named_clock}
