"""The team backend: PostgreSQL through psycopg 3 (the ``[postgres]`` extra), with its own full-text
search: a ``tsvector`` of the folded title and body (and of each quote) under the 'simple'
configuration, so that matching ignores case and accents in every language alike.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from ..errors import ConfigError, StoreUnavailableError, require
from ..record import Article
from .base import PutStatus
from .migrations import POSTGRES
from .rows import COLUMNS, ArticleRows, folded_text
from .sql import SqlStore
from .text import SearchQuery, fold

#: Any constant: the advisory lock that serialises two processes migrating the same database.
_MIGRATION_LOCK = 7_301_215
#: How long a write waits for a server that went away (a restart, a fail-over) before giving up.
RECONNECT_WAIT = 60.0

log = logging.getLogger("veille")


class PostgresStore(SqlStore):
    placeholder = "%s"
    migrations = POSTGRES

    def __init__(self, url: str):
        super().__init__(url)
        self._psycopg = require("psycopg", "postgres")
        try:
            self._migrate()
        except self._psycopg.OperationalError as exc:
            raise ConfigError(f"cannot connect to the PostgreSQL store {_redact(url)}: {exc}") from exc

    def _connect(self) -> Any:
        conn = self._psycopg.connect(self.url, autocommit=True)
        conn.adapters.register_dumper(str, _nul_free_dumper())
        return conn

    def put_many(self, articles: Iterable[Article], *,
                 raw_sha1: Mapping[str, str] | None = None) -> list[PutStatus]:
        """Store a batch in one transaction; when the server goes away, wait for it (up to
        ``RECONNECT_WAIT`` seconds, backing off) and store the batch again. A retry cannot duplicate: the
        lost transaction either committed (the batch then comes back "unchanged") or rolled back."""
        batch = list(articles)
        deadline, pause = time.monotonic() + RECONNECT_WAIT, 0.5
        while True:
            try:
                return super().put_many(batch, raw_sha1=raw_sha1)
            except self._psycopg.OperationalError as exc:
                self._drop_connection()
                if time.monotonic() + pause > deadline:
                    raise StoreUnavailableError(
                        f"the PostgreSQL store {_redact(self.url)} stopped answering and was not back after "
                        f"{RECONNECT_WAIT:g} s ({str(exc).strip().splitlines()[0]})") from exc
                log.warning("PostgreSQL store unavailable (%s); retrying in %.1f s", exc, pause)
                time.sleep(pause)
                pause = min(pause * 2, 5.0)

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        """A read; a connection the server cut (a restart) is replaced once, then the store is reported
        unavailable instead of failing every later read on the dead connection."""
        try:
            return super()._rows(sql, params)
        except self._psycopg.OperationalError:
            self._drop_connection()
        try:
            return super()._rows(sql, params)
        except self._psycopg.OperationalError as exc:
            self._drop_connection()
            raise StoreUnavailableError(f"the PostgreSQL store {_redact(self.url)} is not answering "
                                        f"({str(exc).strip().splitlines()[0]})") from exc

    def _drop_connection(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            with self._lock:
                if conn in self._conns:
                    self._conns.remove(conn)
            try:
                conn.close()
            except Exception as exc:  # already broken
                log.debug("closing a lost connection: %s", exc)

    def optimize(self) -> None:
        # VACUUM also marks pages all-visible, which index-only counts (quotes of a speaker) rely on
        self._conn().execute("VACUUM (ANALYZE)")

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        conn = self._conn()
        with conn.transaction(), conn.cursor() as cur:
            yield cur

    def _lock_schema(self, cur: Any) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))

    def _lock_article(self, cur: Any, article_id: str) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (article_id,))

    def _insert_quotes(self, cur: Any, quotes: list[tuple]) -> None:
        cols = COLUMNS["quotes"]
        sql = (f"INSERT INTO quotes ({', '.join(cols)}, tsv) VALUES ({', '.join(['%s'] * len(cols))}, "
               "to_tsvector('simple', %s))")
        cur.executemany(sql, [(*q, fold(q[cols.index("text")])) for q in quotes])

    def _index_articles(self, cur: Any, stored: list[tuple[int, ArticleRows]]) -> None:
        cur.executemany("UPDATE articles SET tsv = to_tsvector('simple', %s) WHERE pk = %s",
                        [(folded_text(rows.fts_title, rows.fts_text), pk) for pk, rows in stored])

    def _words_match(self, terms: tuple[tuple[str, ...], ...]) -> tuple[str, list[Any]]:
        return "a.tsv @@ to_tsquery('simple', ?)", [tsquery(SearchQuery("", terms))]

    def _text_rank(self, terms: tuple[tuple[str, ...], ...]) -> tuple[str, str, list[Any], list[Any]]:
        # normalisation 32: rank / (rank + 1), in [0, 1) like the SQLite side's mapped bm25
        any_term = " | ".join("(" + " <-> ".join(f"'{w}'" for w in term) + ")" for term in terms)
        return "", "ts_rank(a.tsv, to_tsquery('simple', ?), 32)", [], [any_term]

    def _quote_match(self, query: SearchQuery) -> tuple[str, list[Any]]:
        return "q.tsv @@ to_tsquery('simple', ?)", [tsquery(query)]


def _nul_free_dumper():
    """A str dumper that writes NUL as U+FFFD: PostgreSQL text cannot hold NUL, but a page or a search
    string may. One character for one, so offsets into stored text stay right."""
    from psycopg.types.string import StrDumper

    class NulFreeStr(StrDumper):
        def dump(self, obj: str):
            return super().dump(obj.replace("\x00", "\ufffd"))

    return NulFreeStr


def tsquery(query: SearchQuery) -> str:
    """A tsquery of quoted lexemes (phrases joined with <->): terms hold only letters and digits, so the
    text cannot carry tsquery operators or SQL."""
    return " & ".join("(" + " <-> ".join(f"'{w}'" for w in term) + ")" for term in query.terms)


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    import re

    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
