"""The story side of the store, shared by both backends: writing what ``veille.stories.online`` decides
(members, counters, blocking keys, profiles, page links) and reading stories back for the CLI, API and UI.

A mixin over ``SqlStore``. Writes take the caller's cursor (one transaction per batch of pages); every
candidate lookup goes through an index (``story_keys (key, day)``, ``copy_bands``, ``page_profiles
(body_hash)``), so the cost of placing a page does not grow with the store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from .base import EntityRef, Page
from .entity_reads import _EVENT, _QUOTE, _event_view, _quote_view
from .outlets import outlet, source_label
from .story_moves import StoryMoves
from .story_views import PageLink, SpeakerQuotes, StoryArticle, StoryDetail, StorySummary

_STORY = (
    "SELECT id, title, first_article, first_published, last_published, n_articles, n_copies, langs, "
    "sites, (SELECT a.lang FROM articles a WHERE a.id = stories.first_article) FROM stories"
)
#: The StorySummary field each column of ``_STORY`` fills.
_STORY_FIELDS = ("id", "title", "first_article", "first_published", "last_published", "n_articles",
                 "n_copies", "langs", "sites", "title_lang")
_MEMBER = (
    "SELECT a.id, a.title, a.url, a.site_name, a.source, a.published, a.lang, m.score, a.copy_of, "
    "(SELECT l.other_id FROM page_links l WHERE l.article_id = a.id AND l.kind = 'translation_of' "
    "LIMIT 1) FROM story_members m JOIN articles a ON a.id = m.article_id"
)
#: The PageLink fields, in the order they are selected.
_LINK = "article_id, other_id, kind, score"
#: The StoryArticle field each column of ``_MEMBER`` fills.
_MEMBER_FIELDS = ("id", "title", "url", "site_name", "source", "published", "lang", "score", "copy_of",
                  "translation_of")
_View = TypeVar("_View", bound=BaseModel)
_STORY_TABLES = ("story_members", "story_keys", "page_links", "page_profiles", "copy_bands", "stories")

#: The most stories read from one blocking key's posting list (the newest first): bounds a frequent key.
KEY_POSTINGS = 300
KEYS_PER_QUERY = 100
#: The most pages read from the MinHash bands of one page (copies of one text are few; a band shared by
#: thousands of pages is boilerplate, not a copy).
COPY_POSTINGS = 200
#: How the story list is ordered: the latest, or the largest / fastest-growing in a window (list_stories).
StoryOrder = Literal["latest", "size", "growth"]
#: The most stories a size or growth ranking looks at (the latest active ones in the window).
RANK_CANDIDATES = 2000


class StoryTables(StoryMoves):
    """Story reads and writes (mixed into SqlStore); the repair pass's moves come from StoryMoves."""

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        raise NotImplementedError  # SqlStore's

    def _q(self, sql: str) -> str:
        raise NotImplementedError  # SqlStore's

    # -- candidates (inside the writer's transaction) --------------------------------------------
    def _story_candidates(
        self, cur: Any, keys: list[str], day_from: str, day_to: str, limit: int
    ) -> list[str]:
        """Stories sharing blocking keys with a page, active between the two days, most keys first.

        Each key's posting list is read newest first and cut at ``KEY_POSTINGS`` stories (one index range
        each, ``story_keys (key, day)``): a key every story has (a country named by half the news, a
        crowded head-vector band) costs no more than a rare one, however much news a day brings."""
        keys = list(dict.fromkeys(keys))
        counts: Counter[str] = Counter()
        for start in range(0, len(keys), KEYS_PER_QUERY):  # SQLite takes at most 500 terms in a UNION
            part = keys[start : start + KEYS_PER_QUERY]
            postings = " UNION ALL ".join(
                f"SELECT story_id FROM (SELECT story_id FROM story_keys WHERE key = ? AND day >= ? AND "
                f"day <= ? ORDER BY day DESC LIMIT {KEY_POSTINGS}) k{i}"
                for i in range(len(part))
            )
            cur.execute(
                self._q(f"SELECT story_id, count(*) FROM ({postings}) hits GROUP BY story_id"),
                [v for k in part for v in (k, day_from, day_to)],
            )
            counts.update({r[0]: int(r[1]) for r in cur.fetchall()})
        return [s for s, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]

    def _member_profiles(self, cur: Any, story_id: str, limit: int) -> list[tuple]:
        """The latest members of a story with their stored profiles: (id, lang, published, head, full,
        chunks, evidence)."""
        cur.execute(
            self._q(
                "SELECT m.article_id, m.lang, m.published, p.head, p.full_text, p.chunks, "
                "p.evidence FROM story_members m JOIN page_profiles p ON p.article_id = "
                "m.article_id WHERE m.story_id = ? ORDER BY m.joined_at DESC LIMIT ?"
            ),
            (story_id, limit),
        )
        return cur.fetchall()

    def _sentence_evidence(self, cur: Any, article_ids: list[str]) -> dict[str, tuple[bytes, str]]:
        """The stored sentence evidence of pages (migration 10): id -> (vectors blob, JSON); pages stored
        without it are left out."""
        if not article_ids:
            return {}
        cur.execute(
            self._q(
                "SELECT article_id, sentences, sentence_evidence FROM page_profiles "
                f"WHERE article_id IN ({_qs(article_ids)}) AND sentences IS NOT NULL"
            ),
            article_ids,
        )
        return {r[0]: (bytes(r[1]), r[2]) for r in cur.fetchall()}

    def _copy_candidates(
        self, cur: Any, body_hash: str, bands: list[str]
    ) -> list[tuple[str, str | None, str]]:
        """Stored pages with the same body hash or a MinHash band in common: (id, published, text)."""
        cur.execute(
            self._q(
                "SELECT a.id, a.published, a.text FROM page_profiles p JOIN articles a "
                "ON a.id = p.article_id WHERE p.body_hash = ?"
            ),
            (body_hash,),
        )
        found = {r[0]: r for r in cur.fetchall()}
        if bands:
            cur.execute(
                self._q(
                    f"SELECT DISTINCT b.article_id FROM copy_bands b WHERE b.band IN ({_qs(bands)}) "
                    f"LIMIT {COPY_POSTINGS}"
                ),
                bands,
            )
            more = [r[0] for r in cur.fetchall() if r[0] not in found][:50]
            if more:
                cur.execute(
                    self._q(f"SELECT id, published, text FROM articles WHERE id IN ({_qs(more)})"), more
                )
                found.update({r[0]: r for r in cur.fetchall()})
        return list(found.values())

    def _copy_root(self, cur: Any, article_id: str) -> str:
        cur.execute(self._q("SELECT copy_of FROM articles WHERE id = ?"), (article_id,))
        row = cur.fetchone()
        return row[0] if row and row[0] else article_id

    def _story_of(self, cur: Any, article_id: str) -> str | None:
        cur.execute(self._q("SELECT story_id FROM story_members WHERE article_id = ?"), (article_id,))
        row = cur.fetchone()
        return row[0] if row else None

    # -- writes ------------------------------------------------------------------------------------
    def _forget_page(self, cur: Any, article_id: str) -> None:
        """Drop a page's story rows before it is placed again (a replaced version, a re-clustering)."""
        story = self._story_of(cur, article_id)
        for table, col in (
            ("story_members", "article_id"),
            ("page_profiles", "article_id"),
            ("copy_bands", "article_id"),
            ("page_links", "article_id"),
        ):
            cur.execute(self._q(f"DELETE FROM {table} WHERE {col} = ?"), (article_id,))
        if story:
            cur.execute(self._q("UPDATE stories SET n_articles = n_articles - 1 WHERE id = ?"), (story,))

    def _save_profile(
        self,
        cur: Any,
        article_id: str,
        body_hash: str,
        blobs: tuple[bytes, bytes, bytes],
        evidence: dict,
        bands: list[str],
        sentences: tuple[bytes, str] | None = None,
    ) -> None:
        """Store a page's profile: vectors, evidence, copy bands and, when given, its sentence evidence
        (vectors blob, JSON)."""
        cur.execute(
            self._q(
                "INSERT INTO page_profiles (article_id, body_hash, head, full_text, chunks, "
                "evidence, sentences, sentence_evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            ),
            (article_id, body_hash, *blobs, json.dumps(evidence, sort_keys=True),
             *(sentences or (None, None))),
        )
        cur.executemany(
            self._q("INSERT INTO copy_bands (band, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING"),
            [(b, article_id) for b in bands],
        )

    def _open_story(self, cur: Any, story_id: str, article_id: str, title: str | None) -> None:
        cur.execute(
            self._q(
                "INSERT INTO stories (id, title, first_article) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING"
            ),
            (story_id, title, article_id),
        )

    def _add_member(
        self,
        cur: Any,
        story_id: str,
        article: Any,
        score: float | None,
        keys: list[str],
        day: str,
        copy_of: str | None,
        order: int,
    ) -> None:
        """Put a page in a story, move the story's counters, and index its blocking keys."""
        cur.execute(
            self._q(
                "INSERT INTO story_members (article_id, story_id, score, published, lang, "
                "joined_at) VALUES (?, ?, ?, ?, ?, ?)"
            ),
            (article.id, story_id, score, article.published, article.lang, order),
        )
        cur.execute(
            self._q("UPDATE articles SET story_id = ?, copy_of = ? WHERE id = ?"),
            (story_id, copy_of, article.id),
        )
        cur.execute(
            self._q("SELECT first_published, last_published, langs, sites FROM stories WHERE id = ?"),
            (story_id,),
        )
        first, last, langs, sites = cur.fetchone()
        when = article.published
        first = min(x for x in (first, when) if x) if (first or when) else None
        last = max(x for x in (last, when) if x) if (last or when) else None
        cur.execute(
            self._q(
                "UPDATE stories SET n_articles = n_articles + 1, n_copies = n_copies + ?, "
                "first_published = ?, last_published = ?, langs = ?, sites = ? WHERE id = ?"
            ),
            (
                1 if copy_of else 0,
                first,
                last,
                _add(langs, article.lang),
                _add(sites, outlet(article.site_name, article.url)),
                story_id,
            ),
        )
        cur.executemany(
            self._q(
                "INSERT INTO story_keys (key, story_id, day) VALUES (?, ?, ?) "
                "ON CONFLICT (key, story_id) DO UPDATE SET day = CASE WHEN excluded.day > "
                "story_keys.day THEN excluded.day ELSE story_keys.day END"
            ),
            [(k, story_id, day) for k in dict.fromkeys(keys)],
        )

    def _add_link(self, cur: Any, article_id: str, other_id: str, kind: str, score: float) -> None:
        cur.execute(
            self._q(
                "INSERT INTO page_links (article_id, other_id, kind, score) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (article_id, kind, other_id) DO UPDATE SET score = excluded.score"
            ),
            (article_id, other_id, kind, round(score, 4)),
        )

    def _clear_stories(self, cur: Any) -> None:
        for table in _STORY_TABLES:
            cur.execute(f"DELETE FROM {table}")
        cur.execute("UPDATE articles SET story_id = NULL, copy_of = NULL")

    # -- reads -------------------------------------------------------------------------------------
    def list_stories(
        self,
        *,
        since: str | None = None,
        entity: str | None = None,
        lang: str | None = None,
        order: StoryOrder = "latest",
        days: int = 1,
        limit: int = 20,
        offset: int = 0,
    ) -> Page[StorySummary]:
        """Stories active since a date (ISO), about an entity (any spelling) or with pages in a language.

        ``order="latest"``: the largest of the latest first. ``order="size"`` / ``"growth"`` rank the stories
        active in a window of ``days`` calendar days ending on the newest story date in the store (the
        store's own "today", so an archive read later still shows its last day and week):

        - *size* is ``recent``, the members published in the window, then the whole story's size (undated
          members count as "before": ``joined_at`` orders pages, it does not date them);
        - *growth* is ``recent / (before + 1)``, ``before`` being the story's members from before the window:
          a story born in the window with 3 pages grows by 3.0, a 20-page story that got 2 more by 0.1.

        Reads go through indexes only: the candidates through ``stories (last_published, n_articles)``
        (at most ``RANK_CANDIDATES`` of the latest), their counts through ``story_members (story_id,
        published)``.
        """
        where: list[str] = ["n_articles > 0"]
        params: list[Any] = []
        if since:
            where.append("last_published >= ?")
            params.append(since)
        if lang:
            where.append("id IN (SELECT story_id FROM story_members WHERE lang = ?)")
            params.append(lang)
        if entity:
            ids = self.resolve_entities(entity)  # type: ignore[attr-defined]
            if not ids:
                return Page(items=[], total=0, limit=limit, offset=offset)
            where.append(
                f"id IN (SELECT m.story_id FROM story_members m JOIN article_entities ae ON "
                f"ae.article_id = m.article_id WHERE ae.entity_id IN ({_qs(ids)}))"
            )
            params += ids
        if order != "latest":
            return self._ranked_stories(where, params, order, days, limit, offset)
        cond = " AND ".join(where)
        total = self._rows(f"SELECT count(*) FROM stories WHERE {cond}", params)[0][0]
        rows = self._rows(
            f"{_STORY} WHERE {cond} ORDER BY substr(last_published, 1, 10) DESC NULLS LAST, "
            "n_articles DESC, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        items = self._with_unknown_outlets([_summary(r) for r in rows])
        return Page(items=items, total=total, limit=limit, offset=offset)

    def newest_story_day(self) -> dt.date | None:
        """The day of the newest dated story: where the size and growth windows end (one index probe)."""
        newest = self._rows(
            "SELECT last_published FROM stories WHERE last_published IS NOT NULL "
            "ORDER BY last_published DESC LIMIT 1"
        )
        return _day(newest[0][0]) if newest else None

    def _ranked_stories(
        self, where: list[str], params: list[Any], order: StoryOrder, days: int, limit: int, offset: int
    ) -> Page[StorySummary]:
        end = self.newest_story_day()
        if end is None:
            return Page(items=[], total=0, limit=limit, offset=offset)
        start = (end - dt.timedelta(days=max(days, 1) - 1)).isoformat()
        cond = " AND ".join([*where, "last_published >= ?"])
        candidates = [
            _summary(r)
            for r in self._rows(
                f"{_STORY} WHERE {cond} ORDER BY last_published DESC LIMIT ?",
                [*params, start, RANK_CANDIDATES],
            )
        ]
        recent: dict[str, int] = {}
        for chunk in range(0, len(candidates), 500):
            ids = [s.id for s in candidates[chunk : chunk + 500]]
            for story_id, n in self._rows(
                f"SELECT story_id, count(*) FROM story_members WHERE story_id IN ({_qs(ids)}) AND "
                "published >= ? GROUP BY story_id",
                [*ids, start],
            ):
                recent[story_id] = n
        ranked: list[StorySummary] = []
        for s in candidates:
            n = recent.get(s.id, 0)
            if n:
                before = max(s.n_articles - n, 0)
                ranked.append(s.model_copy(update={"recent": n, "growth": round(n / (before + 1), 3)}))
        if order == "growth":
            ranked.sort(key=lambda s: (-(s.growth or 0), -(s.recent or 0), s.id))
        else:
            ranked.sort(key=lambda s: (-(s.recent or 0), -s.n_articles, s.id))
        items = self._with_unknown_outlets(ranked[offset : offset + limit])
        return Page(items=items, total=len(ranked), limit=limit, offset=offset)

    def story(self, story_id: str, *, limit: int = 200) -> StoryDetail | None:
        """A story with its articles on a time line, quotes by speaker, events, entities and links."""
        found = self._rows(f"{_STORY} WHERE id = ?", (story_id,))
        if not found:
            return None
        articles = [
            _member(r)
            for r in self._rows(
                f"{_MEMBER} WHERE m.story_id = ? ORDER BY a.published NULLS LAST, m.joined_at LIMIT ?",
                (story_id, limit),
            )
        ]
        ids = [a.id for a in articles]
        first = articles[0] if articles else None
        day = (first.published or "")[:10] if first else ""
        broke = sorted({source_label(a.site_name, a.url, a.source) or "?" for a in articles
                        if day and (a.published or "")[:10] == day})
        return StoryDetail(
            story=self._with_unknown_outlets([_summary(found[0])])[0],
            articles=articles,
            first_report=first,
            broke_it=broke,
            # a copy says what its original says: its quotes are folded under the original's
            quotes_by_speaker=self._story_quotes([a.id for a in articles if not a.copy_of]),
            events=self._story_events(ids),
            entities=self._story_entities(ids),
            links=self._story_links(ids),
            attributions=self._story_attributions(ids),
        )

    def _with_unknown_outlets(self, stories: list[StorySummary]) -> list[StorySummary]:
        """The stories with their count of members of unknown outlet (no site name, no web address: a
        text file), which their ``sites`` cannot list; one query for the whole list, through
        ``story_members``' story index."""
        counts = dict(self._rows_for(
            "SELECT m.story_id, count(*) FROM story_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.story_id IN ({ids}) AND coalesce(trim(a.site_name), '') = '' AND "
            "coalesce(a.url, '') NOT LIKE 'http%' GROUP BY m.story_id",
            [s.id for s in stories],
        ))
        return [s.model_copy(update={"unknown_outlets": int(counts.get(s.id, 0))}) for s in stories]

    def article_links(self, article_id: str) -> list[PageLink]:
        """Copies and translations of a page, both ways."""
        rows = self._rows(
            f"SELECT {_LINK} FROM page_links WHERE article_id = ? "
            f"UNION SELECT {_LINK} FROM page_links WHERE other_id = ?",
            (article_id, article_id),
        )
        return [_link(r) for r in sorted(rows)]

    def _story_quotes(self, ids: list[str]) -> list[SpeakerQuotes]:
        if not ids:
            return []
        keys = f"(SELECT pk FROM quotes WHERE article_id IN ({_qs(ids)}) ORDER BY published, pk LIMIT 300)"
        quotes = [_quote_view(r) for r in self._rows(_QUOTE.format(rows=keys), ids)]
        groups: dict[str, SpeakerQuotes] = {}
        for q in quotes:
            key = q.speaker.id if q.speaker else "?" + " ".join((q.speaker_text or "").casefold().split())
            groups.setdefault(key, SpeakerQuotes(speaker=q.speaker, speaker_text=q.speaker_text, quotes=[]))
            groups[key].quotes.append(q)
        return sorted(groups.values(), key=lambda g: (-len(g.quotes), g.speaker.name if g.speaker else "~"))

    def _story_events(self, ids: list[str]) -> list:
        if not ids:
            return []
        keys = f"(SELECT article_id, idx FROM events WHERE article_id IN ({_qs(ids)}) LIMIT 200)"
        return [_event_view(r) for r in self._rows(_EVENT.format(rows=keys), ids)]

    def _rows_for(self, sql: str, ids: list[str]) -> list[tuple]:
        """The rows of ``sql`` for the articles ``ids`` (``{ids}`` in it stands for their placeholders);
        none, without a query, for no articles."""
        return self._rows(sql.format(ids=_qs(ids)), ids) if ids else []

    def _story_entities(self, ids: list[str]) -> list[EntityRef]:
        rows = self._rows_for(
            "SELECT ae.entity_id, e.name, e.type, count(*) AS n FROM article_entities ae "
            "JOIN entities e ON e.id = ae.entity_id WHERE ae.article_id IN ({ids}) "
            "GROUP BY ae.entity_id, e.name, e.type ORDER BY n DESC, e.name LIMIT 30",
            ids,
        )
        return [EntityRef(id=r[0], name=r[1] or r[0], type=r[2]) for r in rows]

    def _story_links(self, ids: list[str]) -> list[PageLink]:
        rows = self._rows_for(
            f"SELECT {_LINK} FROM page_links WHERE article_id IN ({{ids}}) "
            "ORDER BY article_id, kind, other_id",
            ids,
        )
        return [_link(r) for r in rows]

    def _story_attributions(self, ids: list[str]) -> list[dict]:
        rows = self._rows_for(
            "SELECT article_id, source, source_text, cue_text FROM attributions WHERE "
            "article_id IN ({ids}) ORDER BY article_id, idx LIMIT 200",
            ids,
        )
        return [{"article_id": r[0], "source": r[1], "source_text": r[2], "cue_text": r[3]} for r in rows]


def _day(value: str | None) -> dt.date | None:
    """The calendar day of an ISO date or time (None when it is not one)."""
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _qs(values: list[Any]) -> str:
    return ", ".join("?" * len(values))


def _add(listed: str | None, value: str | None) -> str:
    items = [x for x in (listed or "").split(",") if x]
    value = (value or "").replace(",", " ")
    if value and value not in items:
        items.append(value)
    return ",".join(items)


def _summary(r: tuple) -> StorySummary:
    return _from_row(StorySummary, _STORY_FIELDS, r, lists=("langs", "sites"))


def _member(r: tuple) -> StoryArticle:
    return _from_row(StoryArticle, _MEMBER_FIELDS, r)


def _link(r: tuple) -> PageLink:
    return _from_row(PageLink, tuple(_LINK.split(", ")), r)


def _from_row(model: type[_View], fields: tuple[str, ...], row: tuple, lists: tuple[str, ...] = ()) -> _View:
    """A row as the ``model`` it answers: each column fills the field of the same rank in ``fields``;
    the ``lists`` fields are stored comma-separated."""
    values = dict(zip(fields, row, strict=True))
    for name in lists:
        values[name] = [x for x in (values[name] or "").split(",") if x]
    return model(**values)
