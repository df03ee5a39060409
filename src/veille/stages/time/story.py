"""The story's time: what anaphoric expressions resolve against.

News mixes two kinds of relative expressions (Reichenbach's reference time; HeidelTime's *news* and
*narrative* document types). Deictic ones ("hier", "yesterday", "il y a deux ans") count from the
publication date. Anaphoric ones count from the time the story is at: the last date the narrative named
("Le mardi 4 avril, ... annoncées quatre jours auparavant" is 31 March), which moves with every explicit
date but not with a date named as a point of comparison ("par rapport à 2021"). ``Context.reference`` holds
that date and its grain; ``narrative_point`` reads it off a value, ``compared`` tells a comparison.

>>> from datetime import date
>>> from veille.stages.time.context import Value
>>> narrative_point(Value("DATE", "2023-04-04TEV"))
(datetime.date(2023, 4, 4), 'D')
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .context import GRAIN, Context, Value, amount, lookup, moved, word_at


def shift(groups: dict, ctx: Context) -> Value | None:
    """"quatre jours auparavant", "un an plus tôt", "two days later": counted from the story's time, the last
    date the narrative named (``story_time``). Left out when the story's time is coarser than the amount
    ("trois jours plus tard" after "en 2019")."""
    n, code = amount(groups, ctx)
    story = story_time(ctx)
    if story is None or not n.isdigit() or code not in GRAIN:
        return None
    base, grain = story
    if GRAIN[code] < GRAIN[grain]:
        return None
    word = word_at(groups, "dir") if groups.get("dir") else word_at(groups, "dir2")
    return moved(base, code, int(n) if word in ctx.lang.LATER_WORDS else -int(n))


def same_period(groups: dict, ctx: Context) -> Value | None:
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


def story_unit(groups: dict, ctx: Context) -> Value | None:
    """"ce jour-là", "le jour même", "that year", "the same day": the story's time at the unit's grain; left
    out when that time is coarser ("ce jour-là" after "en 2019") or when the story has named no date yet."""
    unit = next(word_at(groups, k) for k in ("unit", "unit2", "unit3") if groups.get(k))
    code = lookup(ctx.lang.UNITS, unit)
    story = ctx.reference  # "ce jour-là" points away from the time of telling: no fallback on the anchor
    if story is None or GRAIN[code] < GRAIN[story[1]]:
        return None
    return moved(story[0], code, 0)


def story_time(ctx: Context) -> tuple[date, str] | None:
    """The story's time and its grain: the last date the narrative named; before it names one, the
    publication day (a news story starts at the time it is told)."""
    if ctx.reference is not None:
        return ctx.reference
    return (ctx.anchor, "D") if ctx.anchor is not None else None


def day_shift(groups: dict, ctx: Context) -> Value | None:
    """"le lendemain", "the day after": one day after (or before) the last day the text named. Without such
    a day the expression hangs on an event whose date the text does not give, and is left out."""
    base = ctx.last_day
    if re.match(r"\s+\w", ctx.followed_by) and ctx.last_calendar_day is not None:
        # "the day after the attack": an event, which the text dates by the calendar ("Oct. 13"), while
        # weekdays in between ("in its report on Thursday") tend to date the reporting
        base = ctx.last_calendar_day
    if base is None:
        return None
    word = word_at(groups, "word")
    step = ctx.lang.DAY_STEPS.get(word) or (1 if any(word == w for w in ctx.lang.DAY_AFTER) else -1)
    when = base + timedelta(days=step)
    return Value("DATE", when.isoformat(), anchor=base.isoformat(), day=when)


def day_of_the_story(ctx: Context) -> date | None:
    """The day a time of day hangs on: a day named earlier in its own sentence; in a past clause, the story's
    day (the last day the narrative named: "Le 3 juin 2020, il a été arrêté. Vers 0 h 30, il a avoué"); else
    the anchor's day."""
    return story_day(ctx) or ctx.anchor


def story_day(ctx: Context) -> date | None:
    if ctx.same_sentence_day is not None:
        return ctx.same_sentence_day
    if ctx.tense == "past" and ctx.reference is not None and ctx.reference[1] == "D":
        return ctx.reference[0]
    return None


def narrative_point(val: Value) -> tuple[date, str] | None:
    """The date a value names and its grain (D, M, Y): "2023-04-04TEV" -> (2023-04-04, D), "2022" ->
    (2022-01-01, Y); None for values with unknown parts ("XXXX-04-04") or no calendar point ("P4D")."""
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T|$)", val.value)
    if val.type != "DATE" or m is None or m.group(1) == "0000":
        return None
    year, month, day = m.group(1, 2, 3)
    grain = "D" if day else "M" if month else "Y"
    return date(int(year), int(month or 1), int(day or 1)), grain


def compared(text: str, start: int, module) -> bool:
    """"par rapport à 2021", "compared with 2021", "contre 6,5 % en 2021": a date named as the point of
    comparison, which the story does not move to."""
    pattern = getattr(module, "COMPARISON_BEFORE", None)
    return bool(pattern and re.search(pattern, text[max(0, start - 40):start], re.IGNORECASE))
