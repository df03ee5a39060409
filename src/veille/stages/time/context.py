"""What a time expression is resolved against (``Context``), what it resolves to (``Value``), and the small
helpers every normaliser shares: words looked up in the language's tables, counted amounts, dates moved by
an amount at the amount's grain."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import Literal

from .calendar import add_units


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


def anchor_str(ctx: Context) -> str | None:
    return ctx.anchor.isoformat() if ctx.anchor else None


def word_at(groups: dict, key: str) -> str:
    return re.sub(r"\s+", " ", groups[key].lower()).replace("'", "’")


def lookup(table: dict, word: str):
    """A word from a language table, whatever its apostrophe and spacing."""
    for k, v in table.items():
        if k.replace("'", "’") == word:
            return v
    raise KeyError(word)


def amount(groups: dict, ctx: Context, num: str = "num", unit: str = "unit") -> tuple[str, str]:
    """("10", "D") for "dix jours"; ("X", "DE") for "des décennies"; counted decades and centuries are
    given in years ("five decades" P50Y)."""
    word = word_at(groups, num)
    n = word.replace(",", ".") if word[:1].isdigit() else str(lookup(ctx.lang.NUMBERS, word))
    code = lookup(ctx.lang.UNITS, word_at(groups, unit))
    if code in ("DE", "CE") and n != "X":
        n, code = times(n, 10 if code == "DE" else 100), "Y"
    return (n[:-2] if n.endswith(".0") else n), code


def times(n: str, k: int) -> str:
    v = float(n) * k
    return str(int(v)) if v == int(v) else str(v)


def moved(base: date, code: str, n: int) -> Value:
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


GRAIN = {"D": 0, "W": 1, "M": 2, "Y": 3}
