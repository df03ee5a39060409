"""What ``veille watch`` keeps in the store (migration 7), shared by both backends: the sources it polls,
the frontier of pages found in them, and what it knows of each host.

A page's frontier row is keyed like its article (the hash of its normalised URL), so a URL listed by two
feeds, or again in the next poll, is one row. Rows move from 'queued' to 'done' (stored, or found already
stored), 'duplicate' (the same bytes as a page already done) or 'failed' (with the fetch's reason); a
killed watch finds its unfinished work as the rows still 'queued'. A mixin over ``SqlStore``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from ..fetch.hosts import HostState

#: Frontier states ('retry': failed for a passing reason, queued again at the next round).
QUEUED, RETRY, DONE, DUPLICATE, FAILED = "queued", "retry", "done", "duplicate", "failed"
_CHUNK = 500  # ids per IN (...) list


@dataclass
class WatchedSource:
    """A feed or sitemap ``veille watch`` polls; ``kind`` is 'auto' until its first answer tells."""

    url: str
    kind: str = "auto"
    parent: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    polled_at: float | None = None
    n_links: int = 0
    status: str | None = None
    reason: str | None = None
    message: str | None = None


@dataclass
class FrontierPage:
    """A page URL waiting to be fetched (or done with), where it was found and what was said of it."""

    id: str
    url: str
    source_url: str | None = None
    state: str = QUEUED
    title: str | None = None
    published: str | None = None
    attempts: int = 0


@dataclass
class FrontierMark:
    """The outcome of one page to record: its new state and why."""

    id: str
    state: str
    reason: str | None = None
    message: str | None = None
    content_sha1: str | None = None
    article_id: str | None = None
    tried: bool = True  # a fetch was attempted (counts toward the attempts limit)


_SOURCE_COLS = ("url", "kind", "parent", "etag", "last_modified", "polled_at", "n_links", "status", "reason",
                "message")
_HOST_COLS = ("host", "robots", "robots_status", "robots_fetched_at", "backoff_until", "requests",
              "failures")


class FrontierStore:
    """Watch sources, frontier and hosts (mixed into SqlStore)."""

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        raise NotImplementedError  # SqlStore's

    def _transaction(self) -> AbstractContextManager[Any]:
        raise NotImplementedError  # the backend's

    def _q(self, sql: str) -> str:
        raise NotImplementedError  # SqlStore's

    # -- sources -----------------------------------------------------------------------------------
    def watch_add_sources(self, sources: Iterable[WatchedSource]) -> int:
        """Add sources not yet watched; returns how many were new."""
        rows = [(s.url, s.kind, s.parent) for s in sources]
        with self._transaction() as cur:
            fresh = self._absent(cur, "watch_sources", "url", [r[0] for r in rows])
            cur.executemany(self._q("INSERT INTO watch_sources (url, kind, parent) VALUES (?, ?, ?) "
                                    "ON CONFLICT (url) DO NOTHING"), [r for r in rows if r[0] in fresh])
        return len(fresh)

    def watch_sources(self) -> list[WatchedSource]:
        rows = self._rows(f"SELECT {', '.join(_SOURCE_COLS)} FROM watch_sources ORDER BY url")
        return [WatchedSource(*r) for r in rows]

    def watch_record_poll(self, source: WatchedSource, pages: Iterable[FrontierPage] | None = None,
                          children: Iterable[WatchedSource] = ()) -> int:
        """Record a poll's answer (the source's validators and status), the pages it lists and the child
        sitemaps of an index, in one transaction: a killed watch never keeps the new validators without
        the pages, which a conditional GET would then never show again. Returns the number of new pages.
        ``pages`` None (a 304, a failure) keeps the source's count of links."""
        listed = None if pages is None else list(pages)
        pages = listed or []
        now = time.time()
        with self._transaction() as cur:
            cur.execute(self._q("UPDATE watch_sources SET kind = ?, etag = ?, last_modified = ?, "
                                "polled_at = ?, n_links = COALESCE(?, n_links), status = ?, reason = ?, "
                                "message = ? WHERE url = ?"),
                        (source.kind, source.etag, source.last_modified, now,
                         None if listed is None else len(listed), source.status,
                         source.reason, source.message, source.url))
            kids = [(c.url, c.kind, c.parent) for c in children]
            fresh_kids = self._absent(cur, "watch_sources", "url", [k[0] for k in kids])
            cur.executemany(self._q("INSERT INTO watch_sources (url, kind, parent) VALUES (?, ?, ?) "
                                    "ON CONFLICT (url) DO NOTHING"), [k for k in kids if k[0] in fresh_kids])
            return self._queue(cur, pages, now)

    # -- frontier ----------------------------------------------------------------------------------
    def frontier_add(self, pages: Iterable[FrontierPage]) -> int:
        """Queue pages not yet in the frontier; returns how many were new."""
        with self._transaction() as cur:
            return self._queue(cur, list(pages), time.time())

    def _queue(self, cur: Any, pages: list[FrontierPage], now: float) -> int:
        unique = {p.id: p for p in pages}
        fresh = self._absent(cur, "frontier", "id", list(unique))
        cur.executemany(self._q("INSERT INTO frontier (id, url, source_url, state, title, published, "
                                "found_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"),
                        [(p.id, p.url, p.source_url, QUEUED, p.title, p.published, now)
                         for i, p in unique.items() if i in fresh])
        return len(fresh)

    def frontier_retry(self) -> int:
        """Queue again the pages that failed for a passing reason (a new round begins)."""
        with self._transaction() as cur:
            cur.execute(self._q("UPDATE frontier SET state = ? WHERE state = ?"), (QUEUED, RETRY))
            return cur.rowcount or 0

    def frontier_queued(self, limit: int = 100) -> list[FrontierPage]:
        """Pages still to fetch, the longest waiting first."""
        rows = self._rows("SELECT id, url, source_url, state, title, published, attempts FROM frontier "
                          "WHERE state = ? ORDER BY found_at, id LIMIT ?", (QUEUED, limit))
        return [FrontierPage(*r) for r in rows]

    def frontier_mark(self, marks: Iterable[FrontierMark]) -> None:
        """Record what happened to pages, in one transaction."""
        now = time.time()
        with self._transaction() as cur:
            cur.executemany(self._q("UPDATE frontier SET state = ?, reason = ?, message = ?, "
                                    "content_sha1 = COALESCE(?, content_sha1), "
                                    "article_id = COALESCE(?, article_id), fetched_at = ?, "
                                    "attempts = attempts + ? WHERE id = ?"),
                            [(m.state, m.reason, m.message, m.content_sha1, m.article_id, now, int(m.tried),
                              m.id) for m in marks])

    def frontier_known_content(self, sha1s: Iterable[str]) -> set[str]:
        """Which of these body hashes a page already done had."""
        found: set[str] = set()
        for chunk in _chunks(list(set(sha1s))):
            found.update(r[0] for r in self._rows(
                f"SELECT DISTINCT content_sha1 FROM frontier WHERE state = 'done' AND content_sha1 IN "
                f"({', '.join('?' * len(chunk))})", chunk))
        return found

    def stored_article_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids the store holds (a page ingested from an archive, say)."""
        found: set[str] = set()
        for chunk in _chunks(list(set(ids))):
            found.update(r[0] for r in self._rows(
                f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
        return found

    def frontier_counts(self) -> dict[str, int]:
        """Pages in the frontier by state."""
        return {state: n for state, n in self._rows("SELECT state, count(*) FROM frontier GROUP BY state")}

    # -- hosts -------------------------------------------------------------------------------------
    def hosts_load(self) -> list[HostState]:
        return [HostState(*r) for r in self._rows(f"SELECT {', '.join(_HOST_COLS)} FROM hosts ORDER BY host")]

    def hosts_save(self, states: Iterable[HostState]) -> None:
        cols = ", ".join(_HOST_COLS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in _HOST_COLS[1:])
        with self._transaction() as cur:
            cur.executemany(self._q(f"INSERT INTO hosts ({cols}) VALUES ({', '.join('?' * len(_HOST_COLS))}) "
                                    f"ON CONFLICT (host) DO UPDATE SET {updates}"),
                            [(h.host, h.robots, h.robots_status, h.robots_fetched_at, h.backoff_until,
                              h.requests, h.failures) for h in states])

    # -- helpers -----------------------------------------------------------------------------------
    def _absent(self, cur: Any, table: str, column: str, keys: list[str]) -> set[str]:
        """The keys not yet in ``table`` (read inside the caller's transaction)."""
        present: set[str] = set()
        for chunk in _chunks(keys):
            cur.execute(self._q(f"SELECT {column} FROM {table} WHERE {column} IN "
                                f"({', '.join('?' * len(chunk))})"), tuple(chunk))
            present.update(r[0] for r in cur.fetchall())
        return set(keys) - present


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]
