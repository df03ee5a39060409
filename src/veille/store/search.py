"""Search that uses what veille knows, shared by both backends: a term of the query that names an entity
(in any spelling or language: the store's folded entity names, the knowledge base's name keys) matches
that entity's mentions as well as its words, so "Putin" finds the French pages that say "Poutine".

A mixin over ``SqlStore``. The backend supplies two full-text pieces: a condition that an article holds
some terms' words (``_words_match``) and a text relevance in [0, 1) (``_text_rank``). Relevance is that
text score plus, for terms naming entities, n/(n+1) of the entity's mentions in the article; both
backends use the same formula so their orders agree on clear cases.

For example "vladimir putin nuclear" is read as two terms, [vladimir putin: the entity Vladimir Putin]
and [nuclear: words]; an article matches when it holds both, each by its words or its entity.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from .base import ArticleSummary, EntityRef, Facets, FacetValue, MatchReason, QueryTerm, SearchPage
from .entity_reads import _kb_ids
from .rankings import RankingCache
from .rows import NAMING
from .text import SearchQuery, parse_query, phrase_found, snippet

#: The longest run of query terms tried as one entity name ("Vladimir Vladimirovitch Poutine").
_LONGEST_NAME = 3
#: How many entities and outlets a facet lists.
FACET_SIZE = 12
_SUMMARY = "a.id, a.title, a.url, a.site_name, a.source, a.published, a.lang, a.n_words, a.n_entities, " \
           "a.n_quotes, a.n_events, a.story_id"
_SUMMARY_KEYS = ("id", "title", "url", "site_name", "source", "published", "lang", "n_words", "n_entities",
                 "n_quotes", "n_events", "story_id")


@dataclass(frozen=True)
class _Term:
    """One or more consecutive query terms read together; ``entities`` when they name some."""

    terms: tuple[tuple[str, ...], ...]
    entities: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(w for t in self.terms for w in t)


class ArticleSearch:
    """``search`` (mixed into SqlStore)."""

    _rankings: RankingCache  # SqlStore's

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        raise NotImplementedError  # SqlStore's

    def _generation(self) -> Hashable | None:
        """Backend, optional: a value that changes whenever the data this thread reads may have changed,
        so that rankings are reused until then (veille.store.rankings); None keeps nothing."""
        return None

    def _words_match(self, terms: tuple[tuple[str, ...], ...]) -> tuple[str, list[Any]]:
        """Backend: a condition on articles ``a`` that every term's words are in the title or body."""
        raise NotImplementedError

    def _text_rank(self, terms: tuple[tuple[str, ...], ...]) -> tuple[str, str, list[Any], list[Any]]:
        """Backend: (a JOIN clause, a score expression in [0, 1) over ``a``, the join's params, the
        expression's params) scoring how well articles hold any of the terms' words."""
        raise NotImplementedError

    def _words_search(self, terms: tuple[tuple[str, ...], ...], filt: tuple[list[str], list[Any]], sort: str,
                      limit: int, offset: int) -> tuple[int, list[tuple]] | None:
        """Backend, optional: (the count, the ranked keys) of a query of words only (no term names an
        entity), straight from the full-text index, in the order ``_ranked`` gives; None when the backend
        has no quicker way than the general query."""
        return None

    def _article_filters(self, lang, date_from, date_to, entity, site=None,
                         entity_type=None) -> tuple[list[str], list[Any]] | None:
        raise NotImplementedError  # SqlStore's

    # -- reading the query -----------------------------------------------------------------------
    def _understand(self, query: SearchQuery) -> list[_Term]:
        """Group the query's terms, longest first, into runs that name entities; the rest stay words."""
        out: list[_Term] = []
        i = 0
        while i < len(query.terms):
            for j in range(min(len(query.terms), i + _LONGEST_NAME), i, -1):
                run = query.terms[i:j]
                ids = self._entities_named(" ".join(w for t in run for w in t))
                if ids or j == i + 1:
                    out.append(_Term(run, tuple(ids)))
                    i = j
                    break
        return out

    def _entities_named(self, key: str) -> list[str]:
        """Stored entities one of whose names folds to ``key``, or that the knowledge base gives for it.
        Only whole names count (every mention's text is stored as a name, so "Poutine" said alone is
        one); a part of a longer name is left to the words, as a scan for it would slow every search."""
        if len(key) < 2:
            return []
        named = "SELECT DISTINCT entity_id FROM entity_names WHERE folded = ?"
        ids = {r[0] for r in self._rows(named, (key,))}
        kb = [i for i in _kb_ids(key) if i not in ids]
        if kb:
            ids |= {r[0] for r in self._rows(f"SELECT id FROM entities WHERE id IN ({_qs(kb)})", kb)}
        return sorted(ids)

    def _refs(self, ids: Iterable[str]) -> dict[str, EntityRef]:
        ids = sorted(set(ids))
        if not ids:
            return {}
        rows = self._rows(f"SELECT id, name, type FROM entities WHERE id IN ({_qs(ids)})", ids)
        return {r[0]: EntityRef(id=r[0], name=r[1], type=r[2]) for r in rows}

    # -- the search ------------------------------------------------------------------------------
    def search(self, text: str, *, lang=None, date_from=None, date_to=None, entity=None, site=None,
               entity_type=None, sort="relevance", facets=False, limit=20, offset=0) -> SearchPage:
        query = parse_query(text)
        terms = self._understand(query)
        refs = self._refs(i for t in terms for i in t.entities)
        understood = [QueryTerm(text=t.text, entities=[refs[i] for i in t.entities if i in refs])
                      for t in terms]
        empty = SearchPage(items=[], total=0, limit=limit, offset=offset, understood=understood, sort=sort)
        filt = self._article_filters(lang, date_from, date_to, entity, site, entity_type)
        if filt is None:
            return empty
        conds, params = [], []
        for t in terms:
            cond, cparams = self._term_match(t)
            conds.append(cond)
            params += cparams
        where = " AND ".join([*conds, *filt[0]])
        params += filt[1]
        key = (query.terms, tuple(t.entities for t in terms), tuple(filt[0]), tuple(filt[1]), sort, limit,
               offset)
        total, ranked = self._rankings.get(self._generation(), key, lambda: self._rank(
            query, terms, filt, where, params, sort, limit, offset))
        rows = self._page_rows(ranked)
        items = self._explained(rows, terms, query, refs)
        found = self._facets(where, params) if facets and total else (Facets() if facets else None)
        return SearchPage(items=items, total=total, limit=limit, offset=offset, understood=understood,
                          sort=sort, facets=found)

    def _rank(self, query: SearchQuery, terms: list[_Term], filt: tuple[list[str], list[Any]], where: str,
              params: list[Any], sort: str, limit: int, offset: int) -> tuple[int, list[tuple]]:
        """The count of the matches and the keys of the page's, best first."""
        if not any(t.entities for t in terms):
            fast = self._words_search(query.terms, filt, sort, limit, offset)
            if fast is not None:
                return fast
        total = self._rows(f"SELECT count(*) FROM articles a WHERE {where}", params)[0][0]
        return total, self._ranked(terms, where, params, sort, limit, offset) if total else []

    def _term_match(self, term: _Term) -> tuple[str, list[Any]]:
        cond, params = self._words_match(term.terms)
        if not term.entities:
            return cond, params
        ids = list(term.entities)
        return (f"({cond} OR a.id IN (SELECT article_id FROM article_entities WHERE entity_id IN "
                f"({_qs(ids)})))", [*params, *ids])

    def _ranked(self, terms: list[_Term], where: str, params: list[Any], sort: str, limit: int,
                offset: int) -> list[tuple]:
        if sort == "date":
            return self._rows(f"SELECT a.pk FROM articles a WHERE {where} "
                              "ORDER BY a.published DESC NULLS LAST, a.pk DESC LIMIT ? OFFSET ?",
                              [*params, limit, offset])
        join, score, jparams, sparams = self._text_rank(tuple(t for term in terms for t in term.terms))
        ids = sorted({i for t in terms for i in t.entities})
        if ids:  # n/(n+1) of the named entities' mentions: a page about Putin before one naming him once
            score += (" + coalesce((SELECT sum(ae.n_mentions) * 1.0 / (sum(ae.n_mentions) + 1) FROM "
                      f"article_entities ae WHERE ae.article_id = a.id AND ae.entity_id IN ({_qs(ids)})), 0)")
            sparams = [*sparams, *ids]
        return self._rows(f"SELECT a.pk FROM articles a {join} WHERE {where} "
                          f"ORDER BY {score} DESC, a.published DESC NULLS LAST, a.pk DESC LIMIT ? OFFSET ?",
                          [*jparams, *params, *sparams, limit, offset])

    def _page_rows(self, ranked: list[tuple]) -> list[tuple]:
        """The summary columns and body of the ranked keys, in their order. Ranking keys alone and reading
        the page's rows after costs half as much as sorting every match with its body attached."""
        pks = [r[0] for r in ranked]
        if not pks:
            return []
        rows = {r[0]: r[1:] for r in self._rows(f"SELECT a.pk, {_SUMMARY}, a.text FROM articles a "
                                                f"WHERE a.pk IN ({_qs(pks)})", pks)}
        return [rows[pk] for pk in pks]

    def _explained(self, rows: list[tuple], terms: list[_Term], query: SearchQuery,
                   refs: dict[str, EntityRef]) -> list[ArticleSummary]:
        """Summaries with a snippet and, per term, how the article matched it (words, entity as written)."""
        ids = sorted({i for t in terms for i in t.entities})
        written: dict[tuple[str, str], list[str]] = {}
        if rows and ids:
            arts = [r[0] for r in rows]
            # names first ("Poutine"), then descriptions and pronouns ("le président russe")
            found = self._rows(f"SELECT DISTINCT article_id, entity_id, text, how FROM mentions WHERE "
                               f"article_id IN ({_qs(arts)}) AND entity_id IN ({_qs(ids)})", [*arts, *ids])
            for aid, eid, surface, _ in sorted(found, key=lambda r: (r[3] not in NAMING, r[2])):
                if surface not in written.setdefault((aid, eid), []):
                    written[(aid, eid)].append(surface)
        items = []
        for r in rows:
            fields = dict(zip(_SUMMARY_KEYS, r[:-1], strict=True))
            aid = fields["id"]
            surfaces = [s for t in terms for i in t.entities for s in written.get((aid, i), [])]
            shown, marks = snippet(r[-1], query, also=surfaces)
            body = f"{fields['title'] or ''}\n{r[-1]}" if ids else ""  # only a term naming entities reads it
            why = [_reason(t, body, aid, written, refs) for t in terms]
            items.append(ArticleSummary(**fields, snippet=shown, highlights=marks, why=why))
        return items

    # -- facets ----------------------------------------------------------------------------------
    def _facets(self, where: str, params: list[Any]) -> Facets:
        matched = f"SELECT a.id FROM articles a WHERE {where}"

        def counts(sql: str) -> list[tuple]:
            return self._rows(sql, params)

        # language, outlet and month in one pass over the matches (few combinations), split here
        lang: Counter[str] = Counter()
        site: Counter[str] = Counter()
        months: Counter[str | None] = Counter()
        for lg, outlet, month, n in counts(f"SELECT a.lang, a.site_name, substr(a.published, 1, 7), count(*) "
                                           f"FROM articles a WHERE {where} GROUP BY 1, 2, 3"):
            months[month] += n
            if lg:
                lang[lg] += n
            if outlet:
                site[outlet] += n
        ents = counts("SELECT ae.entity_id, e.name, count(*) FROM article_entities ae JOIN entities e ON "
                      f"e.id = ae.entity_id WHERE ae.article_id IN ({matched}) GROUP BY ae.entity_id, e.name "
                      f"ORDER BY count(*) DESC, e.name LIMIT {FACET_SIZE}")
        types = counts("SELECT ae.type, count(DISTINCT ae.article_id) FROM article_entities ae WHERE "
                       f"ae.article_id IN ({matched}) AND ae.type IS NOT NULL GROUP BY ae.type "
                       "ORDER BY count(DISTINCT ae.article_id) DESC, ae.type")
        return Facets(lang=[FacetValue(value=v, label=v, count=n) for v, n in _top(lang, 50)],
                      site=[FacetValue(value=v, label=v, count=n) for v, n in _top(site, FACET_SIZE)],
                      entity=[FacetValue(value=i, label=name or i, count=n) for i, name, n in ents],
                      entity_type=[FacetValue(value=v, label=v, count=n) for v, n in types],
                      month=month_axis(dict(months)))


def _top(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    """The ``n`` largest counts, ties in name order (stable pages, stable tests)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _reason(term: _Term, body: str, article_id: str, written: dict[tuple[str, str], list[str]],
            refs: dict[str, EntityRef]) -> MatchReason:
    """How ``term`` matched this article: its words, and the first of its entities the article names."""
    # a term naming no entity matched by its words (the full-text condition is all it had): no need to
    # scan the body again; a term naming entities may have matched by them alone, so look
    words = not term.entities or all(phrase_found(body, t) for t in term.terms)
    for eid in term.entities:
        if (article_id, eid) in written and eid in refs:
            return MatchReason(term=term.text, words=words, entity=refs[eid], as_written=written[(article_id,
                                                                                                    eid)])
    return MatchReason(term=term.text, words=words)


def month_axis(counts: dict[str | None, int]) -> list[FacetValue]:
    """Months from the first to the last with a count, the empty ones included (a time axis, not a
    list of the months that happen to have data); undated articles come last, apart."""
    dated = {m: n for m, n in counts.items() if m and len(m) == 7 and m[4] == "-" and m[:4].isdigit()}
    out: list[FacetValue] = []
    if dated:
        year, month = map(int, min(dated).split("-"))
        last = max(dated)
        while (key := f"{year:04d}-{month:02d}") <= last and len(out) < 1200:
            out.append(FacetValue(value=key, label=key, count=dated.get(key, 0)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    undated = sum(n for m, n in counts.items() if m not in dated)
    if undated:
        out.append(FacetValue(value="undated", label="undated", count=undated))
    return out


def month_range(month: str) -> tuple[str, str]:
    """The first and last day of a YYYY-MM month, for a facet link that filters on it."""
    first = dt.date.fromisoformat(f"{month}-01")
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first.isoformat(), (following - dt.timedelta(days=1)).isoformat()


def _qs(values: list[Any]) -> str:
    return ", ".join("?" * len(values))
