"""Conformance of the watch tables (migration 7) on both backends: sources, the frontier, hosts."""

from __future__ import annotations

import test_store_conformance as conformance
from veille.fetch import HostState
from veille.store.frontier import DONE, FAILED, QUEUED, FrontierMark, FrontierPage, WatchedSource

# the conformance suite's backends: SQLite and a real PostgreSQL server
store, postgres_url = conformance.store, conformance.postgres_url


def page(n: int, source: str = "https://n.example/feed") -> FrontierPage:
    return FrontierPage(id=f"u{n:04d}", url=f"https://n.example/a/{n}", source_url=source, title=f"T{n}")


def test_the_store_is_at_the_watch_migration(store):
    assert store.schema_version() >= 7


def test_sources_are_added_once_and_a_poll_records_validators_pages_and_children(store):
    feed = WatchedSource("https://n.example/feed")
    assert store.watch_add_sources([feed, WatchedSource("https://n.example/sitemap.xml")]) == 2
    assert store.watch_add_sources([feed]) == 0
    feed.kind, feed.etag, feed.status = "feed", '"e1"', "fetched"
    child = WatchedSource("https://n.example/sitemap-2.xml", kind="sitemap", parent=feed.url)
    assert store.watch_record_poll(feed, [page(1), page(2), page(1)], [child]) == 2
    assert store.watch_record_poll(feed, [page(2), page(3)]) == 1  # the next poll: one new page
    by_url = {s.url: s for s in store.watch_sources()}
    assert set(by_url) == {feed.url, "https://n.example/sitemap.xml", child.url}
    assert (by_url[feed.url].kind, by_url[feed.url].etag, by_url[feed.url].n_links) == ("feed", '"e1"', 2)
    assert by_url[child.url].parent == feed.url and by_url[feed.url].polled_at is not None


def test_frontier_pages_move_from_queued_to_done_or_failed(store):
    assert store.frontier_add([page(1), page(2), page(3)]) == 3
    assert store.frontier_add([page(1)]) == 0
    assert [p.url for p in store.frontier_queued(limit=2)] == ["https://n.example/a/1", "https://n.example/a/2"]
    store.frontier_mark([FrontierMark("u0001", DONE, content_sha1="abc", article_id="ux"),
                         FrontierMark("u0002", FAILED, reason="timeout", message="slow"),
                         FrontierMark("u0003", QUEUED, reason="http_5xx")])
    assert store.frontier_counts() == {DONE: 1, FAILED: 1, QUEUED: 1}
    [left] = store.frontier_queued()
    assert (left.id, left.attempts) == ("u0003", 1)
    assert store.frontier_known_content(["abc", "def"]) == {"abc"}


def test_stored_article_ids_are_found(store):
    art = conformance.fr_article()
    store.put(art)
    assert store.stored_article_ids([art.id, "u-nothing"]) == {art.id}


def test_host_states_round_trip_and_update(store):
    first = HostState("n.example", robots="User-agent: *\nDisallow: /x", robots_status=200,
                      robots_fetched_at=1_780_000_000.5, requests=3)
    store.hosts_save([first, HostState("m.example:8080", robots_status=404)])
    first.backoff_until, first.requests = 1_780_000_100.25, 9
    store.hosts_save([first])
    loaded = {h.host: h for h in store.hosts_load()}
    assert loaded["n.example"] == first  # epoch seconds kept to the fraction
    assert loaded["m.example:8080"].robots_status == 404
