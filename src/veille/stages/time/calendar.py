"""Calendar arithmetic for resolving time expressions against an anchor date.

The rule throughout (the dev-gold convention): a partial date means the nearest such date to the anchor
that the tense allows: a past clause looks back, a future clause forward, a present one takes the nearest.
"mai dernier" / "last May" is strictly before the anchor's month, "mai prochain" strictly after.

>>> from datetime import date
>>> year_for_day(7, 1, date(2023, 3, 26), "present")
datetime.date(2023, 7, 1)
>>> nearest_weekday(0, date(2024, 4, 30), "past")
datetime.date(2024, 4, 29)
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def _safe_day(year: int, month: int, day: int) -> date:
    """The date, or the month's last day when the day does not exist that year (29 February)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def year_for_day(month: int, day: int, anchor: date, tense: str, weekday: int | None = None) -> date:
    """The (month, day) in the year that puts it nearest the anchor, as far as the tense allows; a weekday
    named with it ("jeudi 6 avril") keeps only the years where that day is that weekday, when there is one."""
    options = [_safe_day(anchor.year + k, month, day) for k in (-1, 0, 1)]
    if weekday is not None and any(d.weekday() == weekday for d in options):
        options = [d for d in options if d.weekday() == weekday]
    if tense == "past":
        options = [d for d in options if d <= anchor] or options
    elif tense == "future":
        options = [d for d in options if d >= anchor] or options
    return min(options, key=lambda d: (abs((d - anchor).days), d > anchor))


def clamp_year_for_month(month: int, anchor: date, how: str) -> int:
    """The year of a month named without one: "last"/"next" (dernier/prochain) strictly before/after the
    anchor's month, "this" in the anchor's year, "past"/"future" (the clause's tense) up to / from the
    anchor's month; otherwise the nearest."""
    here = anchor.year * 12 + anchor.month - 1
    options = [(anchor.year + k) * 12 + month - 1 for k in (-1, 0, 1)]
    keep = {"last": lambda o: o < here, "next": lambda o: o > here, "this": lambda o: o // 12 == anchor.year,
            "past": lambda o: o <= here, "future": lambda o: o >= here}.get(how)
    if keep is not None and any(keep(o) for o in options):
        options = [o for o in options if keep(o)]
    return min(options, key=lambda o: (abs(o - here), o > here)) // 12


def nearest_weekday(weekday: int, anchor: date, how: str) -> date:
    """The day with that weekday (Monday 0) nearest the anchor: "past" on or before, "last" strictly before,
    "future" on or after, "next" strictly after, "this" in the anchor's week, otherwise the nearest."""
    back = anchor - timedelta(days=(anchor.weekday() - weekday) % 7)
    ahead = anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    week = timedelta(days=7)
    picks = {"past": back, "last": back if back != anchor else back - week, "future": ahead,
             "next": ahead if ahead != anchor else ahead + week,
             "this": anchor + timedelta(days=weekday - anchor.weekday())}
    if how in picks:
        return picks[how]
    return back if (anchor - back) <= (ahead - anchor) else ahead


def add_units(anchor: date, unit: str, n: int) -> date:
    """The anchor moved by n years (Y), months (M), weeks (W), days (D) or decades (DE)."""
    if unit in ("Y", "DE", "CE"):
        years = n * {"Y": 1, "DE": 10, "CE": 100}[unit]
        return _safe_day(anchor.year + years, anchor.month, anchor.day)
    if unit == "M":
        months = anchor.year * 12 + anchor.month - 1 + n
        return _safe_day(months // 12, months % 12 + 1, anchor.day)
    if unit == "W":
        return anchor + timedelta(weeks=n)
    return anchor + timedelta(days=n)


def weekend_week(anchor: date, how: str) -> tuple[int, int]:
    """ISO (year, week) of "the weekend": the one just past in a past clause or with "dernier"/"last", the
    coming one in a future clause, the nearest otherwise."""
    saturday = 5
    back = anchor - timedelta(days=(anchor.weekday() - saturday) % 7)
    ahead = back + timedelta(days=7) if back < anchor - timedelta(days=1) else back
    if how in ("past", "last"):
        pick = back
    elif how in ("future", "next", "this"):
        pick = ahead
    else:
        pick = back if (anchor - back) <= (ahead - anchor) else ahead
    iso = pick.isocalendar()
    return iso[0], iso[1]


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def shift_season(season: str, anchor: date, how: str) -> int:
    """The year of a season named without one; winter counts from December (2023-WI is December 2023 to
    February 2024). "last" (l'été dernier) is the latest one already over, "next" the first not yet begun;
    a past clause takes the latest one begun, a future clause the first not yet over."""
    start = _SEASON_START[season]
    current = anchor.year if anchor.month >= 3 or season != "WI" else anchor.year - 1
    began = date(current, start, 1) <= anchor
    over = began and (anchor.month - start) % 12 >= 3
    if how == "last":
        return current if over else current - 1
    if how == "past":
        return current if began else current - 1
    if how == "next":
        return current + 1 if began else current
    if how == "future":
        return current + 1 if over else current
    return current
