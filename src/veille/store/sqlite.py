"""The embedded backend: one SQLite file in WAL mode, FTS5 for titles, bodies and quotes (external-content
tables over ``articles`` and ``quotes``, so texts are stored once).

WAL lets the web server read while an ingest writes; ``synchronous=NORMAL`` keeps every committed
transaction across a killed process (only a power cut may lose the last ones, never half of one).
Each thread gets its own connection (the API serves requests from a thread pool).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import ConfigError, StoreFullError
from .migrations import SQLITE
from .rows import ArticleRows
from .sql import NOT_A_COPY, SqlStore
from .text import SearchQuery

#: Bytes of the database file each connection reads through a memory map rather than read() calls into its
#: own page cache. A search reads thousands of index pages: copied into a per-connection cache that every
#: commit of a concurrent ingest empties, they cost a system call each; mapped, they are the OS's cached
#: pages, shared by every connection and process. Address space, not memory: the OS keeps what it has room
#: for (SQLite caps the map at its compiled limit, 2 GB by default).
MMAP_BYTES = 1 << 34
#: Rows read past twice the page's end when ranking from the index alone, so that a run of equal scores
#: across the page's end is read whole (equal scores are ordered by date, which the index does not hold).
_TIE_ROOM = 40


class SQLiteStore(SqlStore):
    migrations = SQLITE
    reads_locally = True

    def __init__(self, path: str | Path):
        self.path = Path(path).expanduser()
        self._commits = 0  # this store's own commits: its connections' data_version does not count them
        super().__init__(f"sqlite:///{self.path}")
        if self.path.is_dir():
            raise ConfigError(f"--db {self.path}: is a directory; give a file name such as "
                              f"{self.path / 'veille.sqlite'}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._migrate()
        except (OSError, sqlite3.DatabaseError) as exc:
            raise ConfigError(f"cannot open the SQLite store {self.path}: {exc}. Check the path and that "
                              "it is a veille database (or a new file name)") from exc

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=60)
        for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "busy_timeout = 60000",
                       "cache_size = -32000", "temp_store = MEMORY", f"mmap_size = {MMAP_BYTES}"):
            conn.execute(f"PRAGMA {pragma}")
        return conn

    def _generation(self) -> tuple[int, int]:
        # data_version: another connection (a thread of this process, another process) committed
        return self._rows("PRAGMA data_version")[0][0], self._commits

    def optimize(self) -> None:
        self._conn().execute("PRAGMA optimize")

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        conn = self._conn()
        cur = conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
            cur.execute("COMMIT")
            self._commits += 1
        except BaseException as exc:
            if conn.in_transaction:
                conn.rollback()
            if _disk_full(exc):
                raise StoreFullError(f"the disk of the SQLite store {self.path} is full ({exc})") from exc
            raise
        finally:
            cur.close()

    def _index_articles(self, cur: Any, stored: list[tuple[int, ArticleRows]]) -> None:
        cur.executemany("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                        [(pk, rows.fts_title, rows.fts_text) for pk, rows in stored])
        with_quotes = [(rows.article[0],) for _, rows in stored if rows.children.get("quotes")]
        cur.executemany("INSERT INTO quotes_fts (rowid, text) SELECT pk, text FROM quotes "
                        "WHERE article_id = ?", with_quotes)

    def _unindex_article(self, cur: Any, article_id: str, pk: int) -> None:
        # External-content FTS5 tables forget a row when told its old values ('delete' command).
        cur.execute("INSERT INTO quotes_fts (quotes_fts, rowid, text) SELECT 'delete', pk, text FROM quotes "
                    "WHERE article_id = ?", (article_id,))
        cur.execute("INSERT INTO articles_fts (articles_fts, rowid, title, text) SELECT 'delete', pk, "
                    "coalesce(title, ''), text FROM articles WHERE pk = ?", (pk,))

    def _words_match(self, terms: tuple[tuple[str, ...], ...]) -> tuple[str, list[Any]]:
        return ("a.pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                [fts5_query(SearchQuery("", terms))])

    def _text_rank(self, terms: tuple[tuple[str, ...], ...]) -> tuple[str, str, list[Any], list[Any]]:
        # bm25 is negative, lower is better; -b/(1-b) maps it onto [0, 1) like PostgreSQL's ts_rank(…, 32)
        join = ("LEFT JOIN (SELECT rowid AS pk, bm25(articles_fts, 4.0, 1.0) AS b FROM articles_fts "
                "WHERE articles_fts MATCH ?) fts ON fts.pk = a.pk")
        return join, "coalesce(-fts.b / (1.0 - fts.b), 0)", [fts5_any(terms)], []

    def _words_search(self, terms: tuple[tuple[str, ...], ...], filt: tuple[list[str], list[Any]], sort: str,
                      limit: int, offset: int) -> tuple[int, list[tuple]] | None:
        # A query of words ranks inside the index: bm25 of the all-terms query is the any-terms one of the
        # general path for every article holding all terms, and -b/(1-b) keeps its order. A third of the
        # general query's time.
        if sort != "relevance":
            return None
        match = [fts5_query(SearchQuery("", terms))]
        conds, params = filt
        where = " AND ".join(["articles_fts MATCH ?", *conds])
        # CROSS JOIN keeps the index outermost: given a plain JOIN, SQLite walks the articles of a language
        # and asks the index again for each (150 ms a search with lang=fr instead of 4)
        source = "articles_fts CROSS JOIN articles a ON a.pk = articles_fts.rowid"
        if conds == [NOT_A_COPY]:  # no filter: counted, and mostly ranked, from the index alone
            total, ranked = self._index_only_search(match[0], limit, offset)
        else:
            total = self._rows(f"SELECT count(*) FROM {source} WHERE {where}", [*match, *params])[0][0]
            ranked = None
        if not total:
            return 0, []
        if ranked is None:
            # (counting in the ranking's pass, with a window over the matches, was slower: 58 against 28 ms
            # for a word in every article, as the window stores every row before the sort)
            ranked = self._rows(f"SELECT a.pk FROM {source} WHERE {where} ORDER BY bm25(articles_fts, 4.0, "
                                "1.0), a.published DESC NULLS LAST, a.pk DESC LIMIT ? OFFSET ?",
                                [*match, *params, limit, offset])
        return total, ranked

    def _index_only_search(self, match: str, limit: int, offset: int) -> tuple[int, list[tuple] | None]:
        """(the count, the ranked keys) of a words-only query without filters, from the index alone: no
        article row is read per match, copies are left out by their keys (taken once from their index).

        The index gives the best ``2 × (offset + limit) + _TIE_ROOM`` by bm25; equal scores (newest first,
        then the latest stored) are ordered here by the dates of those few. When a run of equal scores
        crosses the page's end and goes on past what was read, the keys are None: only the general query
        can order that run (templated texts of one length tie a lot; news pages seldom do).
        Paired on the benchmark's store and queries (one page in 20 a copy): count 0.39 against 0.68 ms,
        ranking 1.7 against 2.4 ms when it suffices."""
        where = "articles_fts MATCH ? AND rowid NOT IN (SELECT pk FROM articles WHERE copy_of IS NOT NULL)"
        count = self._rows(f"SELECT count(*) FROM articles_fts WHERE {where}", (match,))[0][0]
        window = offset + limit
        if not count or offset >= count:
            return count, []
        best = self._rows(f"SELECT rowid, bm25(articles_fts, 4.0, 1.0) FROM articles_fts WHERE {where} "
                          "ORDER BY bm25(articles_fts, 4.0, 1.0) LIMIT ?", (match, 2 * window + _TIE_ROOM))
        end = min(window, len(best))  # through the run of equal scores the page's last one is in
        while end < len(best) and best[end][1] == best[end - 1][1]:
            end += 1
        if end == len(best) < count:
            return count, None  # the run goes on past what was read
        kept = best[:end]
        scores = [b for _, b in kept]
        if len(set(scores)) < len(scores):  # equal scores: newest first, then the latest stored
            pks = [pk for pk, _ in kept]
            published = dict(self._rows(f"SELECT pk, published FROM articles WHERE pk IN "
                                        f"({', '.join('?' * len(pks))})", pks))
            kept.sort(key=lambda r: -r[0])
            kept.sort(key=lambda r: published.get(r[0]) or "", reverse=True)
            kept.sort(key=lambda r: published.get(r[0]) is None)
            kept.sort(key=lambda r: r[1])
        return count, [(pk,) for pk, _ in kept[offset:window]]

    def _quote_match(self, query: SearchQuery) -> tuple[str, list[Any]]:
        return "q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", [fts5_query(query)]


def _disk_full(exc: BaseException) -> bool:
    """SQLITE_FULL (the disk, or the database's page limit) or the file system's ENOSPC."""
    import errno

    if isinstance(exc, sqlite3.OperationalError):
        return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "full" in str(exc)
    return isinstance(exc, OSError) and exc.errno == errno.ENOSPC


def fts5_any(terms: tuple[tuple[str, ...], ...]) -> str:
    """Articles holding any of the terms (to rank them): quoted strings joined by FTS5's OR."""
    return " OR ".join('"' + " ".join(term) + '"' for term in terms)


def fts5_query(query: SearchQuery) -> str:
    """Every term as a quoted FTS5 string (a phrase when several words): no operator can get through,
    because terms hold only letters and digits."""
    return " ".join('"' + " ".join(term) + '"' for term in query.terms)
