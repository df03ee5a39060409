"""The time stage: time expressions found by the per-language grammar and normalised TIMEX3-style against
the publication date (``Article.published``, set by the ``published`` stage or ``--published``).

Why a grammar and not dateparser alone: ``dateparser.search`` scored 0.20 of the dev-gold values, missing
durations, decades, parts of day and weekday tense; dateparser is kept where it measures well (the full dates
of bylines, in the ``published`` stage). Without a publication date nothing relative is resolved and a year
the text does not give stays ``XXXX``. Each timex records the date it was resolved against in ``anchor``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date

from ...lang import resources
from ...record import Timex
from ...stage import Stage, Work
from .context import Context, Value
from .dating import inferred_anchor
from .normalize import normalize
from .rules import find_candidates
from .story import compared, narrative_point
from .tense import sentence_bounds, tense_at

log = logging.getLogger("veille")

#: expressions that name a day by its date rather than by a weekday or a relative word
_CALENDAR_KINDS = ("date", "numeric_date", "iso_date")
_CLOCK_KINDS = ("clock", "named_clock")
#: expressions that place the story at a time of their own, and so move its reference time; durations,
#: decades, centuries and clock times do not
_NARRATIVE_KINDS = (*_CALENDAR_KINDS, "month", "year", "old_year", "era_year", "relday", "weekday", "ago",
                    "shift", "shift_unit", "day_shift",
                    "story_unit")


class Time(Stage):
    name = "time"
    version = "3"  # 2: story time, historical years, named days; 3: undated pages dated by weekday–date pairs
    requires = ("text", "lang", "doc", "published")
    assigns = ("timexes",)

    def __call__(self, work: Work) -> Work:
        res = resources(work.article.lang)
        module = res.part("time") if res else None
        if module is None:
            return work
        anchor = parse_anchor(work.article.published)
        if anchor is None:
            anchor = inferred_anchor(find_candidates(work.article.text, module), module)
            if anchor is not None:
                work.article.notes.append(
                    f"no publication date: time expressions resolved against {anchor.isoformat()}, the "
                    "latest date the text gives with a weekday, in the latest year that weekday fits")
        work.article.timexes = find_timexes(work.article.text, module, anchor, work.doc)
        return work


def parse_anchor(published: str | None) -> date | None:
    """The anchor date from ``Article.published`` (ISO, possibly with a time), or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        log.warning("publication date %r is not an ISO date; time expressions are left unanchored", published)
        return None


def find_timexes(text: str, module, anchor: date | None, doc=None) -> list[Timex]:
    """Every time expression of ``text`` normalised against ``anchor`` (``doc``, when given, supplies the
    tense of each expression's clause)."""
    ctx = Context(module, anchor)
    out: list[Timex] = []
    cands = find_candidates(text, module)
    for i, cand in enumerate(cands):
        _situate(ctx, cand, text, module, doc)
        if cand.kind in _CLOCK_KINDS:
            ctx.same_sentence_day = _day_after_clock(cands, i, text, ctx) or ctx.same_sentence_day
        elif cand.kind == "part" and ctx.same_sentence_day is None:
            ctx.same_sentence_day = _day_later_in_sentence(cands, i, text, ctx, doc)
        val = normalize(cand, ctx)
        if val is None:
            continue
        _remember(ctx, cand, val, text, module)
        out.append(Timex(start=cand.start, end=cand.end, text=cand.text, type=val.type, value=val.value,
                         mod=val.mod, anchor=val.anchor))
    return out


def _situate(ctx: Context, cand, text: str, module, doc) -> None:
    """What the candidate's value may depend on besides the story so far: its clause's tense, what follows
    it, the day named earlier in its sentence, the clock time it closes a range with."""
    ctx.tense = tense_at(doc, cand.start, cand.end, module, text) if doc is not None else "present"
    ctx.followed_by = text[cand.end:cand.end + 12]
    sentence_start = sentence_bounds(text, cand.start, cand.end)[0]
    ctx.same_sentence_day = ctx.last_day if ctx.last_day_at >= sentence_start else None
    if not re.fullmatch(module.CLOCK_RANGE_LINK, text[ctx.clock_end:cand.start], re.IGNORECASE):
        ctx.previous_clock = None  # only the second end of a range ("de 21 h à 0 h 30") can pass midnight


def _day_after_clock(cands: list, i: int, text: str, ctx: Context) -> date | None:
    """"at 6 a.m. on May 2", "à 10 h, mardi 14 mai": the day named right after a clock time is its day."""
    if i + 1 >= len(cands):
        return None
    if not re.fullmatch(ctx.lang.CLOCK_DAY_LINK, text[cands[i].end:cands[i + 1].start]):
        return None
    val = normalize(cands[i + 1], replace(ctx))
    return val.day if val is not None else None


def _day_later_in_sentence(cands: list, i: int, text: str, ctx: Context, doc) -> date | None:
    """"his second of the night … on Wednesday", "Dans la soirée, … mardi": a part of a day takes the day its
    sentence names, before it or after it."""
    end = sentence_bounds(text, cands[i].start, cands[i].end)[1]
    for later in cands[i + 1:]:
        if later.start >= end:
            break
        tense = tense_at(doc, later.start, later.end, ctx.lang, text) if doc is not None else "present"
        val = normalize(later, replace(ctx, tense=tense))
        if val is not None and val.day is not None:
            return val.day
    return None


def _remember(ctx: Context, cand, val: Value, text: str, module) -> None:
    """What a value teaches the expressions after it: the last day named, the last clock time, the last part
    of a year, and the story's time (unless the date is only a point of comparison)."""
    if val.day is not None:
        ctx.last_day, ctx.last_day_at = val.day, cand.start
        if cand.kind in _CALENDAR_KINDS:
            ctx.last_calendar_day = val.day
    clock = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(\d\d):(\d\d)Z?", val.value)
    if clock:
        minutes = int(clock.group(2)) * 60 + int(clock.group(3))
        ctx.previous_clock, ctx.clock_end = (date.fromisoformat(clock.group(1)), minutes), cand.end
    part = re.fullmatch(r"\d{4}-(Q[1-4]|H[12]|SP|SU|FA|WI|\d\d)", val.value)
    if part:
        ctx.last_part_of_year = part.group(1)
    if cand.kind in _NARRATIVE_KINDS and not compared(text, cand.start, module):
        ctx.reference = narrative_point(val) or ctx.reference
