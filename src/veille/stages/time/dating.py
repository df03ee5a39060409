"""A reference date for a page that states no publication date, from the calendar itself.

"mardi 4 avril" and "Friday, March 31" name a weekday together with a date: only some years agree with
both (4 April was a Tuesday in 2017, 2023 and 2028). When a page gives no publication date, the latest
year not after the current one on which all of its weekday–date pairs agree dates those pairs (news is
mostly read while it is recent; an archive page from six years back is dated six years too late, which
is why the record says so in its notes); the latest of these dates becomes the reference date deictic and
relative expressions resolve against ("hier", "le mois dernier", "il y a un an"). News is written just after
the last day it dates, which is what makes that day the best stand-in for the missing date. Nothing is
inferred from a page with no such pair, or whose pairs agree on no year.
"""

from __future__ import annotations

import re
from datetime import date

from .context import lookup, word_at

#: years a news page may plausibly be dated in
_EARLIEST = 1990


def inferred_anchor(cands: list, module, today: date | None = None) -> date | None:
    """The latest weekday-checked date of ``cands`` (time-expression candidates), or None."""
    pairs = [p for c in cands if c.kind == "date" and (p := _pair(c, module)) is not None]
    if not pairs:
        return None
    today = today or date.today()
    years = {y for y in range(_EARLIEST, today.year + 1)
             if all(_weekday_in(y, month, day) == weekday for weekday, month, day in pairs)}
    if not years:
        return None
    year = max(years)
    return max(date(year, month, day) for _, month, day in pairs)


def _pair(cand, module) -> tuple[int, int, int] | None:
    """(weekday, month, day) of a "weekday day month" candidate without a year, else None."""
    g = cand.groups
    if not (g.get("weekday") and g.get("day") and g.get("month")) or g.get("year") or g["month"].isdigit():
        return None
    try:
        weekday = lookup(module.WEEKDAYS, word_at(g, "weekday"))
        month = lookup(module.MONTHS, word_at(g, "month").rstrip("."))
        day = int(re.sub(r"\D", "", g["day"]) or 0)
        date(2000, month, day)  # an impossible day names nothing
    except (KeyError, ValueError):
        return None
    return weekday, month, day


def _weekday_in(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).weekday()
    except ValueError:  # 29 February outside leap years
        return None
