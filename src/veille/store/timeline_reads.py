"""Counts over time for the web UI's charts, shared by both backends: an entity's quotes and mentions per
month, and who appears with it month by month (the co-mention view).

Every query starts from an index on the entity (``quotes_speaker_month``, ``article_entities_entity``, the
``entity_pairs`` key) and reaches an article by its unique id, so a chart costs what the entity has, not
what the store holds. Months are ``YYYY-MM``; an article without a publication date counts under
``"undated"`` (the charts show it apart instead of guessing a month).

A mixin over ``SqlStore``: it only uses ``_rows``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .base import CoMentionSeries, EntityRef, EntityTimeline

UNDATED = "undated"


class TimelineReads:
    """Per-month counts about one entity (mixed into SqlStore)."""

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        raise NotImplementedError  # SqlStore's

    def entity_timeline(self, entity_id: str) -> EntityTimeline:
        """How often the entity is quoted and mentioned each month."""
        quotes = self._rows("SELECT substr(published, 1, 7) AS m, count(*) FROM quotes WHERE speaker = ? "
                            "GROUP BY m", (entity_id,))
        mentions = self._rows("SELECT substr(a.published, 1, 7) AS m, sum(ae.n_mentions) "
                              "FROM article_entities ae JOIN articles a ON a.id = ae.article_id "
                              "WHERE ae.entity_id = ? GROUP BY m", (entity_id,))
        return EntityTimeline(entity_id=entity_id, quotes=_months(quotes), mentions=_months(mentions))

    def co_mention_timeline(self, entity_id: str, *, limit: int = 5) -> list[CoMentionSeries]:
        """The ``limit`` entities most often in the same articles as this one, each with the articles
        they share per month, most shared first."""
        top = self._rows(
            "SELECT p.other_id, e.name, e.type, p.n_articles FROM entity_pairs p "
            "LEFT JOIN entities e ON e.id = p.other_id WHERE p.entity_id = ? AND p.n_articles > 0 "
            "ORDER BY p.n_articles DESC, e.name LIMIT ?", (entity_id, limit))
        if not top:
            return []
        others = [r[0] for r in top]
        rows = self._rows(
            "SELECT y.entity_id, substr(a.published, 1, 7) AS m, count(*) FROM article_entities x "
            "JOIN article_entities y ON y.article_id = x.article_id AND y.entity_id IN "
            f"({', '.join('?' * len(others))}) JOIN articles a ON a.id = x.article_id "
            "WHERE x.entity_id = ? GROUP BY y.entity_id, m", [*others, entity_id])
        by_other: dict[str, list[tuple]] = {}
        for other, month, n in rows:
            by_other.setdefault(other, []).append((month, n))
        return [CoMentionSeries(entity=EntityRef(id=o, name=name or o, type=etype), n_articles=n,
                                by_month=_months(by_other.get(o, [])))
                for o, name, etype, n in top]


def _months(rows: Iterable[tuple]) -> dict[str, int]:
    """``{month or 'undated': count}`` in month order, undated last. A date too short to hold a month
    ("2023") counts as undated: the chart cannot place it on a month axis."""
    out: dict[str, int] = {}
    for month, n in rows:
        key = month if month and len(month) == 7 else UNDATED
        out[key] = out.get(key, 0) + int(n or 0)
    return dict(sorted(out.items(), key=lambda kv: (kv[0] == UNDATED, kv[0])))
