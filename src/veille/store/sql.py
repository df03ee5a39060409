"""What SQLite and PostgreSQL share: connections per thread, migrations, writing records as rows in one
transaction per batch (write.py), articles; search is in search.py, the entity side in entity_reads.py.
Backends supply connections, transactions, their migrations and their full-text search.

Queries are written with ``?`` placeholders; ``_q`` rewrites them for drivers that use ``%s``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from ..record import Article
from .base import ArticleSummary, Page, PutStatus, Store
from .entity_reads import EntityReads
from .frontier import FrontierStore
from .migrations import Migration
from .outlets import outlet_condition
from .rankings import RankingCache
from .rows import ARTICLE_COLUMNS, COLUMNS, ArticleRows, to_rows
from .search import ArticleSearch
from .story_tables import StoryTables
from .text import SearchQuery
from .write import write_batch, write_fresh

log = logging.getLogger("veille")

_SUMMARY = "a.id, a.title, a.url, a.site_name, a.source, a.published, a.lang, a.n_words, a.n_entities, " \
           "a.n_quotes, a.n_events, a.story_id"
#: The condition every article list starts with: copies fold under their original (veille.stories).
NOT_A_COPY = "a.copy_of IS NULL"
_CHILD_DELETE_ORDER = ("entity_names", "article_entities", "mentions", "quote_about", "attributions",
                       "timexes", "events", "quotes")


class SqlStore(StoryTables, EntityReads, ArticleSearch, FrontierStore, Store):
    """Common SQL behind both backends."""

    placeholder = "?"
    migrations: tuple[Migration, ...] = ()

    def __init__(self, url: str):
        self.url = url
        self._local = threading.local()
        self._conns: list[Any] = []
        self._lock = threading.Lock()
        self._rankings = RankingCache()

    # -- connections (backend hooks) -------------------------------------------------------------
    def _connect(self) -> Any:
        raise NotImplementedError

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        raise NotImplementedError
        yield

    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
            with self._lock:
                self._conns.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._conns:
                try:
                    conn.close()
                except Exception as exc:  # a connection of a finished thread may already be gone
                    log.debug("closing a store connection: %s", exc)
            self._conns.clear()
        self._local = threading.local()

    def _q(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("%", "%%").replace("?", "%s")

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        cur = self._conn().cursor()
        try:
            cur.execute(self._q(sql), tuple(params))
            return cur.fetchall()
        finally:
            cur.close()

    # -- migrations ------------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self._transaction() as cur:
            self._lock_schema(cur)
            cur.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                        "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            cur.execute("SELECT version FROM schema_migrations")
            done = {r[0] for r in cur.fetchall()}
            for m in self.migrations:
                if m.version not in done:
                    log.info("store %s: applying migration %d (%s)", self.url, m.version, m.name)
                    for stmt in m.statements:
                        cur.execute(stmt)
                    cur.execute(self._q("INSERT INTO schema_migrations VALUES (?, ?, ?)"),
                                (m.version, m.name, _now()))

    def _lock_schema(self, cur: Any) -> None:
        """Serialise concurrent migrations (PostgreSQL); SQLite's BEGIN IMMEDIATE already does."""

    def schema_version(self) -> int:
        return max((r[0] for r in self._rows("SELECT version FROM schema_migrations")), default=0)

    # -- writes ----------------------------------------------------------------------------------
    def put_many(self, articles: Iterable[Article], *,
                 raw_sha1: Mapping[str, str] | None = None) -> list[PutStatus]:
        prepared = [(a, to_rows(a)) for a in articles]
        if not prepared:
            return []
        with self._transaction() as cur:
            statuses = write_batch(self, cur, prepared)
            hashes = [(raw_sha1[a.id], a.id) for a, _ in prepared if raw_sha1 and a.id in raw_sha1]
            if hashes:  # in the same transaction: a stored page always has the hash of what it was read from
                cur.executemany(self._q("UPDATE articles SET raw_sha1 = ? WHERE id = ?"), hashes)
            return statuses

    def stored_raw_sha1(self, article_id: str) -> str | None:
        rows = self._rows("SELECT raw_sha1 FROM articles WHERE id = ?", (article_id,))
        return rows[0][0] if rows else None

    def _lock_article(self, cur: Any, article_id: str) -> None:
        """Backend hook: keep two writers from storing the same new article at once (PostgreSQL);
        SQLite's BEGIN IMMEDIATE already lets one writer in at a time."""

    def _write_fresh(self, cur: Any, fresh: list[ArticleRows]) -> None:
        write_fresh(self, cur, fresh)

    def _insert_article(self, cur: Any, rows: ArticleRows) -> int:
        cols = ", ".join(ARTICLE_COLUMNS)
        cur.execute(self._q(f"INSERT INTO articles ({cols}) VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))}) "
                            "RETURNING pk"), rows.article)
        return cur.fetchone()[0]

    def _insert_quotes(self, cur: Any, quotes: list[tuple]) -> None:
        cols = COLUMNS["quotes"]
        sql = f"INSERT INTO quotes ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        cur.executemany(self._q(sql), quotes)

    def _index_articles(self, cur: Any, stored: list[tuple[int, ArticleRows]]) -> None:
        """Backend hook: full-text index new articles (with their primary keys) and their quotes."""

    def _unindex_article(self, cur: Any, article_id: str, pk: int) -> None:
        """Backend hook: drop the article and its quotes from the full-text index."""

    def _delete_article(self, cur: Any, article_id: str, pk: int) -> None:
        self._unindex_article(cur, article_id, pk)
        cur.execute(self._q("UPDATE entities SET n_articles = n_articles - 1 WHERE id IN "
                            "(SELECT entity_id FROM article_entities WHERE article_id = ?)"), (article_id,))
        cur.execute(self._q("UPDATE entities SET n_quotes = n_quotes - (SELECT count(*) FROM quotes q WHERE "
                            "q.article_id = ? AND q.speaker = entities.id) WHERE id IN "
                            "(SELECT speaker FROM quotes WHERE article_id = ?)"), (article_id, article_id))
        cur.execute(self._q(
            "UPDATE entity_pairs SET n_articles = n_articles - 1 WHERE (entity_id, other_id) IN "
            "(SELECT x.entity_id, y.entity_id FROM article_entities x JOIN article_entities y "
            "ON y.article_id = x.article_id AND y.entity_id <> x.entity_id WHERE x.article_id = ?)"),
            (article_id,))
        for table in _CHILD_DELETE_ORDER:
            cur.execute(self._q(f"DELETE FROM {table} WHERE article_id = ?"), (article_id,))
        cur.execute(self._q("DELETE FROM articles WHERE pk = ?"), (pk,))

    # -- full-text hooks (search.py uses them) ----------------------------------------------------
    def _words_match(self, terms: tuple[tuple[str, ...], ...]) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def _text_rank(self, terms: tuple[tuple[str, ...], ...]) -> tuple[str, str, list[Any], list[Any]]:
        raise NotImplementedError

    def _quote_match(self, query: SearchQuery) -> tuple[str, list[Any]]:
        """A WHERE condition on quotes ``q`` matching the query, and its params."""
        raise NotImplementedError

    # -- articles --------------------------------------------------------------------------------
    def get_article(self, article_id: str) -> Article | None:
        """The stored record, with the story the store placed it in (``story_id``: the record as analysed
        has none; placement writes it to ``articles.story_id`` only, so it is set here on the way out)."""
        rows = self._rows("SELECT record, story_id FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        art = Article.model_validate_json(rows[0][0])
        art.story_id = rows[0][1]
        return art

    def count_articles(self) -> int:
        return self._rows("SELECT count(*) FROM articles")[0][0]

    def _article_filters(self, lang, date_from, date_to, entity, site=None,
                         entity_type=None) -> tuple[list[str], list[Any]] | None:
        """WHERE conditions on articles ``a`` and their params; None when ``entity`` names nothing."""
        where: list[str] = [NOT_A_COPY]
        params: list[Any] = []
        for cond, value in (("a.lang = ?", lang), ("a.published >= ?", date_from),
                            ("substr(a.published, 1, 10) <= ?", date_to),
                            ("a.id IN (SELECT article_id FROM article_entities WHERE type = ?)",
                             entity_type.upper() if entity_type else None)):
            if value:
                where.append(cond)
                params.append(value)
        if site:
            cond, site_params = outlet_condition(site)
            where.append(cond)
            params += site_params
        if entity:
            ids = self.resolve_entities(entity)
            if not ids:
                return None
            where.append(f"a.id IN (SELECT article_id FROM article_entities WHERE entity_id IN ({_qs(ids)}))")
            params += ids
        return where, params

    def list_articles(self, *, lang=None, date_from=None, date_to=None, entity=None, limit=20,
                      offset=0) -> Page[ArticleSummary]:
        filt = self._article_filters(lang, date_from, date_to, entity)
        if filt is None:
            return Page(items=[], total=0, limit=limit, offset=offset)
        where = " AND ".join(filt[0]) or "1 = 1"
        total = self._rows(f"SELECT count(*) FROM articles a WHERE {where}", filt[1])[0][0]
        rows = self._rows(f"SELECT {_SUMMARY} FROM articles a WHERE {where} "
                          "ORDER BY a.published DESC NULLS LAST, a.pk DESC LIMIT ? OFFSET ?",
                          [*filt[1], limit, offset])
        return Page(items=[_summary(r) for r in rows], total=total, limit=limit, offset=offset)


def _qs(values: list[Any]) -> str:
    return ", ".join("?" * len(values))


def _now() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _summary(r: tuple) -> ArticleSummary:
    keys = ("id", "title", "url", "site_name", "source", "published", "lang", "n_words", "n_entities",
            "n_quotes", "n_events", "story_id")
    return ArticleSummary(**dict(zip(keys, r, strict=True)))
