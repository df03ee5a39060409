"""The entity side of the store, shared by both backends: names to ids in any spelling, the entity
page ("who said what"), quotes by speaker / about / words, events by actor / type / dates.

A mixin over ``SqlStore``: it only uses ``_rows`` and the backend's ``_quote_match``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from .base import CoMention, EntityDetail, EntityRef, EntitySummary, EventView, Page, QuoteView
from .outlets import outlet_condition
from .text import SearchQuery, name_key, parse_query
from .timeline_reads import TimelineReads

log = logging.getLogger("veille")

# Display rows of quotes and events, joined only for the page already cut by _page: {rows} is the
# ordered, limited selection of keys, so a page of 50 costs 50 joins whatever the total.
_QUOTE = ("SELECT q.article_id, a.title, a.site_name, q.published, q.lang, q.span_start, q.span_end, "
          "q.text, q.kind, q.speaker, e.name, e.type, q.speaker_text, q.cue_text, q.confidence, "
          "a.url, a.source FROM {rows} k "
          "JOIN quotes q ON q.pk = k.pk "
          "JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker")
_EVENT = ("SELECT v.article_id, a.title, v.published, v.date, v.type, v.mode, v.actor, ea.name, ea.type, "
          "v.recipient, er.name, er.type, v.location, el.name, el.type, v.aux, v.trigger_text, "
          "v.sentence_text, v.confidence, v.idx FROM {rows} k JOIN events v ON v.article_id = k.article_id "
          "AND v.idx = k.idx JOIN articles a ON a.id = v.article_id "
          "LEFT JOIN entities ea ON ea.id = v.actor LEFT JOIN entities er ON er.id = v.recipient "
          "LEFT JOIN entities el ON el.id = v.location")


#: Quotes and events of a copy are those of its original: lists show them once, from the original (copies
#: fold under their original everywhere, as in article lists). ``copy_of > ''`` rather than ``IS NOT NULL``:
#: SQLite reads only the few copies from ``articles_copy_of`` for it, and scans every article for the other.
_NOT_IN_A_COPY = "{article} NOT IN (SELECT id FROM articles WHERE copy_of > '')"


class EntityReads(TimelineReads):
    """Reads about entities, quotes and events (mixed into SqlStore); the per-month counts behind the
    charts come from TimelineReads."""

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        raise NotImplementedError  # SqlStore's

    def _quote_match(self, query: SearchQuery) -> tuple[str, list[Any]]:
        raise NotImplementedError  # the backend's

    # -- entities --------------------------------------------------------------------------------
    def resolve_entities(self, name: str) -> list[str]:
        name = name.strip()
        if not name:
            return []
        if self._rows("SELECT 1 FROM entities WHERE id = ?", (name,)):
            return [name]
        key = name_key(name)
        if not key:
            return []
        ids = [r[0] for r in self._rows("SELECT DISTINCT entity_id FROM entity_names WHERE folded = ?",
                                        (key,))]
        kb_ids = [i for i in _kb_ids(name) if i not in ids]
        if kb_ids:
            ids += [r[0] for r in self._rows(f"SELECT id FROM entities WHERE id IN ({_qs(kb_ids)})", kb_ids)]
        if not ids:  # "Poutine" for "Vladimir Poutine": the name as whole words of a longer one
            ids = [r[0] for r in self._rows(
                "SELECT DISTINCT entity_id FROM entity_names WHERE folded LIKE ? OR folded LIKE ? "
                "OR folded LIKE ? LIMIT 50", (f"{key} %", f"% {key}", f"% {key} %"))]
        return sorted(ids)

    def _entity_summaries(self, where: str, params: list[Any], limit: int,
                          offset: int) -> list[EntitySummary]:
        rows = self._rows(
            "SELECT e.id, e.name, e.type, e.wikidata, "
            "e.n_articles, "
            "e.n_quotes "
            f"FROM entities e WHERE {where} ORDER BY e.n_articles DESC, e.name, e.id LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return [EntitySummary(id=r[0], name=r[1], type=r[2], wikidata=r[3], n_articles=r[4], n_quotes=r[5])
                for r in rows]

    def list_entities(self, *, q=None, type=None, limit=50, offset=0) -> Page[EntitySummary]:
        where, params = ["1 = 1"], []
        if q:
            ids = self.resolve_entities(q)
            if not ids:
                return Page(items=[], total=0, limit=limit, offset=offset)
            where.append(f"e.id IN ({_qs(ids)})")
            params += ids
        if type:
            where.append("e.type = ?")
            params.append(type.upper())
        cond = " AND ".join(where)
        total = self._rows(f"SELECT count(*) FROM entities e WHERE {cond}", params)[0][0]
        return Page(items=self._entity_summaries(cond, params, limit, offset), total=total, limit=limit,
                    offset=offset)

    def entity(self, entity_id: str, *, limit: int = 50) -> EntityDetail | None:
        found = self._entity_summaries("e.id = ?", [entity_id], 1, 0)
        if not found:
            return None
        names: dict[str, list[str]] = {}
        for lang, name in self._rows("SELECT DISTINCT lang, name FROM entity_names WHERE entity_id = ? "
                                     "ORDER BY lang, name", (entity_id,)):
            names.setdefault(lang or "und", []).append(name)
        return EntityDetail(
            entity=found[0], names=names,
            quotes=self._quotes([entity_id], None, None, None, None, limit, 0),
            quotes_about=self._quotes(None, [entity_id], None, None, None, limit, 0),
            events=self._events([entity_id], None, None, None, limit, 0),
            co_mentioned=self._co_mentioned(entity_id),
            quotes_by_month={(m or "undated"): n for m, n in self._rows(
                "SELECT substr(published, 1, 7) AS m, count(*) FROM quotes WHERE speaker = ? GROUP BY m "
                "ORDER BY m", (entity_id,))})

    def _co_mentioned(self, entity_id: str, limit: int = 15) -> list[CoMention]:
        rows = self._rows(
            "SELECT p.other_id, e.name, e.type, p.n_articles FROM entity_pairs p "
            "LEFT JOIN entities e ON e.id = p.other_id WHERE p.entity_id = ? AND p.n_articles > 0 "
            "ORDER BY p.n_articles DESC, e.name LIMIT ?", (entity_id, limit))
        return [CoMention(entity=EntityRef(id=r[0], name=r[1] or r[0], type=r[2]), n_articles=r[3])
                for r in rows]

    # -- quotes and events -----------------------------------------------------------------------
    def quotes(self, *, speaker=None, about=None, text=None, date_from=None, date_to=None, lang=None,
               site=None, limit=50, offset=0) -> Page[QuoteView]:
        speakers = self.resolve_entities(speaker) if speaker else None
        abouts = self.resolve_entities(about) if about else None
        query = parse_query(text) if text else None
        if speakers == [] or abouts == []:
            return Page(items=[], total=0, limit=limit, offset=offset)
        return self._quotes(speakers, abouts, query, date_from, date_to, limit, offset, lang, site)

    def _quotes(self, speakers, abouts, query, date_from, date_to, limit, offset, lang=None,
                site=None) -> Page[QuoteView]:
        article = "qa.article_id" if abouts and len(abouts) == 1 else "q.article_id"
        where, params = ["1 = 1"], []
        if speakers:
            where.append(f"q.speaker IN ({_qs(speakers)})")
            params += speakers
        source, order = "quotes q", "q.published DESC NULLS LAST, q.pk DESC"
        outer = order
        if abouts and len(abouts) == 1:  # newest first straight from the (entity, published) index
            source = ("quote_about qa JOIN quotes q ON q.article_id = qa.article_id AND q.idx = qa.quote_idx")
            where.append("qa.entity_id = ?")
            params += abouts
            order = "qa.published DESC NULLS LAST, qa.article_id DESC, qa.quote_idx DESC"
            outer = "q.published DESC NULLS LAST, q.article_id DESC, q.idx DESC"
        elif abouts:
            where.append("(q.article_id, q.idx) IN (SELECT article_id, quote_idx FROM quote_about "
                         f"WHERE entity_id IN ({_qs(abouts)}))")
            params += abouts
        if query:
            cond, qparams = self._quote_match(query)
            where.append(cond)
            params += qparams
        for cond, value in (("q.published >= ?", date_from), ("substr(q.published, 1, 10) <= ?", date_to),
                            ("q.lang = ?", lang)):
            if value:
                where.append(cond)
                params.append(value)
        if site:
            cond, site_params = outlet_condition(site, "o")
            where.append(f"q.article_id IN (SELECT o.id FROM articles o WHERE {cond})")
            params += site_params
        # quotes about one entity and nothing else: count its index entries, not a join
        only_about = bool(abouts) and len(abouts) == 1 and len(where) == 2
        count = _less_copies("quote_about qa" if only_about else source, " AND ".join(where), params, article)
        where.append(_NOT_IN_A_COPY.format(article=article))
        return self._page(_QUOTE, "q.pk", source, " AND ".join(where), params, (order, outer), limit, offset,
                          _quote_view, count)

    def events(self, *, actor=None, type=None, date_from=None, date_to=None, limit=50,
               offset=0) -> Page[EventView]:
        actors = self.resolve_entities(actor) if actor else None
        if actors == []:
            return Page(items=[], total=0, limit=limit, offset=offset)
        return self._events(actors, type, date_from, date_to, limit, offset)

    def _events(self, actors, type, date_from, date_to, limit, offset) -> Page[EventView]:
        where, params, _ = self._event_filters(actors, type, date_from, date_to)
        count = _less_copies("events v", where, params, "v.article_id")
        where += " AND " + _NOT_IN_A_COPY.format(article="v.article_id")
        order = "v.date DESC NULLS LAST, v.article_id, v.idx"
        return self._page(_EVENT, "v.article_id, v.idx", "events v", where, params, (order, order), limit,
                          offset, _event_view, count)

    def _event_filters(self, actors, type, date_from, date_to) -> tuple[str, list[Any], tuple | None]:
        """WHERE over events ``v``, its params, and a cheaper count query when one exists (none yet)."""
        where, params = ["1 = 1"], []
        count = None
        if actors:  # both backends answer this OR from the actor and recipient indexes
            where.append(f"(v.actor IN ({_qs(actors)}) OR v.recipient IN ({_qs(actors)}))")
            params += [*actors, *actors]
        for cond, value in (("upper(v.type) = upper(?)", type), ("v.date >= ?", date_from),
                            ("substr(v.date, 1, 10) <= ?", date_to)):
            if value:
                where.append(cond)
                params.append(value)
        return " AND ".join(where), params, count

    def event_months(self, *, actor=None, type=None, date_from=None, date_to=None) -> dict[str, int]:
        actors = self.resolve_entities(actor) if actor else None
        if actors == []:
            return {}
        where, params, _ = self._event_filters(actors, type, date_from, date_to)
        where += " AND " + _NOT_IN_A_COPY.format(article="v.article_id")
        rows = self._rows(f"SELECT substr(v.date, 1, 7) AS m, count(*) FROM events v WHERE {where} "
                          "GROUP BY m ORDER BY m", params)
        return {(m or "undated"): n for m, n in rows}

    def _page(self, select: str, keys: str, source: str, where: str, params: list[Any],
              order: tuple[str, str], limit: int, offset: int, convert: Callable[[tuple], Any],
              count: tuple[str, list] | None = None) -> Page:
        """One page and the total: only the ``keys`` are filtered, ordered and cut on ``source``
        (``order[0]``), then joined for display by ``select`` and put back in order (``order[1]``).
        ``count`` is a cheaper equivalent count query when one is known."""
        sql, cparams = count or (f"SELECT count(*) FROM {source} WHERE {where}", params)
        total = self._rows(sql, cparams)[0][0]
        keys = f"(SELECT {keys} FROM {source} WHERE {where} ORDER BY {order[0]} LIMIT ? OFFSET ?)"
        rows = self._rows(select.format(rows=keys) + f" ORDER BY {order[1]}", [*params, limit, offset])
        return Page(items=[convert(r) for r in rows], total=total, limit=limit, offset=offset)


def _less_copies(source: str, where: str, params: list[Any], article: str) -> tuple[str, list[Any]]:
    """A count of the rows outside copies, as every row less the rows of copies: the second count starts
    from the few copies (indexes on the article id), where ``NOT IN`` would visit every row."""
    copies = f"{article} IN (SELECT id FROM articles WHERE copy_of > '')"
    return (f"SELECT (SELECT count(*) FROM {source} WHERE {where}) - "
            f"(SELECT count(*) FROM {source} WHERE {where} AND {copies})", [*params, *params])


def _qs(values: list[Any]) -> str:
    return ", ".join("?" * len(values))


def _ref(eid: str | None, name: str | None, etype: str | None) -> EntityRef | None:
    return EntityRef(id=eid, name=name or eid, type=etype) if eid else None


def _quote_view(r: tuple) -> QuoteView:
    return QuoteView(article_id=r[0], article_title=r[1], site_name=r[2], published=r[3], lang=r[4],
                     start=r[5], end=r[6], text=r[7], kind=r[8], speaker=_ref(r[9], r[10], r[11]),
                     speaker_text=r[12], cue_text=r[13], confidence=r[14] if r[14] is not None else 1.0,
                     url=r[15], source=r[16])


def _event_view(r: tuple) -> EventView:
    return EventView(article_id=r[0], article_title=r[1], published=r[2], date=r[3], type=r[4], mode=r[5],
                     actor=_ref(r[6], r[7], r[8]), recipient=_ref(r[9], r[10], r[11]),
                     location=_ref(r[12], r[13], r[14]), aux=[x for x in (r[15] or "").split(",") if x],
                     trigger_text=r[16] or "", sentence_text=r[17] or "",
                     confidence=r[18] if r[18] is not None else 0.5, idx=r[19])


def _kb_ids(name: str) -> list[str]:
    """Ids the knowledge base gives for a name, when the knowledge base is there (veille.kb.load_kb)."""
    try:
        from ..kb import load_kb  # type: ignore[attr-defined]
    except ImportError:
        return []
    try:
        found = load_kb().lookup(name)
    except (AttributeError, LookupError, TypeError, ValueError) as exc:
        log.debug("knowledge base lookup of %r failed: %s", name, exc)
        return []
    if found is None:
        return []
    items = found if isinstance(found, list | tuple | set) else [found]
    ids = [i if isinstance(i, str) else getattr(i, "id", None) for i in items]
    return [i for i in ids if isinstance(i, str)]
