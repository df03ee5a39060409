"""The same event told twice in one article: a news report gives its main fact in the lead and again in
the body ("Le parlement a ratifié jeudi l'adhésion..." … "Le parlement a ratifié, ce jeudi au soir,
l'adhésion..."). PLOVER counts events, not sentences, so the later telling is dropped.

Two tellings are one event when they have the same type, mode, actor and recipient (both named: with a
party missing, "an attack" here and "an attack" there may well be two), the same trigger lemma, the same
auxiliary modes (a planned act and the act done are two events), and no conflicting dates.
"""

from __future__ import annotations

from ...record import Article, Event

_QUIET = {"past", "historical"}  # how a telling dates itself, not what it tells


class Retold:
    """Remembers the events of one article and recognises a later telling of one of them."""

    def __init__(self, article: Article):
        self.article = article
        self.seen: dict[tuple, list[Event]] = {}

    def again(self, ev: Event, lemma: str) -> bool:
        """Whether ``ev`` tells an event already kept (it is then not kept); else remember it."""
        if ev.actor is None or ev.recipient is None:
            return False
        key = (ev.type, ev.mode, ev.actor, ev.recipient, lemma.lower(),
               tuple(sorted(set(ev.aux) - _QUIET)))
        earlier = self.seen.setdefault(key, [])
        if any(self._same_day(e, ev) for e in earlier):
            return True
        earlier.append(ev)
        return False

    def _same_day(self, a: Event, b: Event) -> bool:
        """No conflicting dates: one telling undated, or both on the same day (or coarser)."""
        da, db = self._date(a), self._date(b)
        if not da or not db:
            return True
        n = min(len(da), len(db))
        return da[:n] == db[:n]

    def _date(self, ev: Event) -> str:
        if ev.time is None or ev.time >= len(self.article.timexes):
            return ""
        value = self.article.timexes[ev.time].value or ""
        return value[:10] if value[:4].isdigit() else ""
