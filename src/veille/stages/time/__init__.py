"""The time stage: time expressions found by the per-language grammar and normalised TIMEX3-style against
the publication date (``Article.published``, set by the ``published`` stage or ``--published``).

Why a grammar and not dateparser alone: ``dateparser.search`` scored 0.20 of the dev-gold values, missing
durations, decades, parts of day and weekday tense; dateparser is kept where it measures well (the full dates
of bylines, in the ``published`` stage). Without a publication date nothing relative is resolved and a year
the text does not give stays ``XXXX``. Each timex records the date it was resolved against in ``anchor``.
"""

from __future__ import annotations

import logging
from datetime import date

from ...lang import resources
from ...record import Timex
from ...stage import Stage, Work
from .normalize import Context, normalize
from .rules import find_candidates
from .tense import sentence_bounds, tense_at

log = logging.getLogger("veille")

#: expressions that name a day by its date rather than by a weekday or a relative word
_CALENDAR_KINDS = ("date", "numeric_date", "iso_date")


class Time(Stage):
    name = "time"
    version = "1"
    requires = ("text", "lang", "doc", "published")
    assigns = ("timexes",)

    def __call__(self, work: Work) -> Work:
        res = resources(work.article.lang)
        module = res.part("time") if res else None
        if module is None:
            return work
        work.article.timexes = find_timexes(work.article.text, module, parse_anchor(work.article.published),
                                            work.doc)
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
    last_day_at = -1
    for cand in find_candidates(text, module):
        ctx.tense = tense_at(doc, cand.start, cand.end, module) if doc is not None else "present"
        ctx.followed_by = text[cand.end:cand.end + 12]
        sentence_start = sentence_bounds(text, cand.start, cand.end)[0]
        ctx.same_sentence_day = ctx.last_day if last_day_at >= sentence_start else None
        val = normalize(cand, ctx)
        if val is None:
            continue
        if val.day is not None:
            ctx.last_day, last_day_at = val.day, cand.start
            if cand.kind in _CALENDAR_KINDS:
                ctx.last_calendar_day = val.day
        out.append(Timex(start=cand.start, end=cand.end, text=cand.text, type=val.type, value=val.value,
                         mod=val.mod, anchor=val.anchor))
    return out
