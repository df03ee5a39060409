"""``veille watch`` end to end against a local newsroom (RSS feed, sitemap index, sitemap, pages): what is
new is fetched and stored once, a second poll fetches conditionally and stores nothing, failures are
counted by reason, and a watch killed with SIGKILL resumes where it stopped, on SQLite and PostgreSQL,
beside pages ingested from a WARC archive of the same site."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import test_store_conformance as conformance
from newsroom import Newsroom, Route, html_pages, rss, sitemap, sitemap_index, write_warc
from veille.cli.main import cli
from veille.store import open_store
from veille.watch import clean_url, read_watch_inputs

postgres_url = conformance.postgres_url
N_PAGES = 10


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def newsroom(page_delay: float = 0.0) -> tuple[Newsroom, list[tuple[str, str]]]:
    """Pages 0–5 in the RSS feed, 4–9 in a sitemap behind a sitemap index; feeds carry ETags."""
    room = Newsroom().start()
    pages = html_pages(N_PAGES)
    slugs = [slug for slug, _ in pages]
    room.routes["/feed.xml"] = Route(rss(room.base, slugs[:6]), "application/rss+xml", etag='"feed-1"')
    room.routes["/sitemap_index.xml"] = Route(sitemap_index([room.base + "/sitemap-1.xml"]),
                                              "application/xml", etag='"index-1"')
    room.routes["/sitemap-1.xml"] = Route(sitemap(room.base, slugs[4:]), "application/xml", etag='"sm-1"')
    for slug, page in pages:
        room.routes[f"/{slug}"] = Route(page.encode(), delay=page_delay)
    return room, pages


def _watch_args(room: Newsroom, db: str, *extra: str) -> list[str]:
    return ["watch", room.base + "/feed.xml", room.base + "/sitemap_index.xml", "--db", db, "--once",
            "--delay", "0", "--timeout", "5", *extra]


def test_watch_stores_new_pages_once_then_polls_conditionally(tmp_path, analyze):
    room, pages = newsroom()
    try:
        db = str(tmp_path / "w.sqlite")
        first = run(*_watch_args(room, db, "--json"))
        assert first.exit_code == 0, first.stderr
        summary = json.loads(first.stdout)
        assert summary["format"] == "veille.watch-summary/1"
        counts = (summary["polled"], summary["found"], summary["fetched"], summary["new"])
        assert counts == (3, N_PAGES, N_PAGES, N_PAGES)
        hits_before = len(room.log)
        second = run(*_watch_args(room, db, "--json"))
        again = json.loads(second.stdout)
        assert (again["polled"], again["not_modified"], again["fetched"], again["new"]) == (3, 3, 0, 0)
        assert room.hits("/feed.xml")[-1]["If-None-Match"] == '"feed-1"'
        assert len(room.hits("/robots.txt")) == 1  # the host's robots.txt answer was kept in the store
        assert all(path in ("/feed.xml", "/sitemap_index.xml", "/sitemap-1.xml")
                   for path, _, _ in room.log[hits_before:])  # no page asked again
        with open_store(db) as store:
            assert store.count_articles() == N_PAGES
            assert store.frontier_counts() == {"done": N_PAGES}
    finally:
        room.stop()


def test_watch_counts_failures_by_reason_and_skips_copies(tmp_path, analyze):
    room, pages = newsroom()
    try:
        slugs = [slug for slug, _ in pages[:3]] + ["broken", "gone", "copy-of-0", "logo.png"]
        room.routes["/feed.xml"] = Route(rss(room.base, slugs), "application/rss+xml")
        room.routes["/broken"] = Route(b"down", "text/plain", status=503)
        room.routes["/copy-of-0"] = Route(pages[0][1].encode())
        room.routes["/logo.png"] = Route(b"\x89PNG\r\n", "image/png")
        room.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private\n", "text/plain")
        urls = tmp_path / "urls.txt"
        urls.write_text(f"{room.base}/private/x\nnot a url\n", encoding="utf-8")
        db = str(tmp_path / "w.sqlite")
        room.routes["/home"] = Route(pages[5][1].encode())  # a page given as if it were a feed
        args = ["watch", room.base + "/feed.xml", room.base + "/home", str(urls), "--db", db, "--once",
                "--delay", "0", "--retries", "0", "--json"]
        result = run(*args)
        assert result.exit_code == 1
        summary = json.loads(result.stdout)
        assert summary["new"] == 3 and summary["duplicates"] == 1, json.dumps(summary)
        assert summary["failed"] == {"http_5xx": 1, "http_4xx": 1, "not_html": 1, "robots": 1,
                                     "not_a_feed": 1}
        assert "not an http(s) URL" in result.stderr and "[robots]" in result.stderr
        assert room.hits("/private/x") == []
        with open_store(db) as store:
            counts = store.frontier_counts()
            assert counts["done"] == 3 and counts["duplicate"] == 1 and counts["retry"] == 1
        # the 503 is a passing failure: asked again in the next rounds, three attempts in all
        for _ in range(2):
            assert json.loads(run(*args).stdout)["failed"]["http_5xx"] == 1
        assert len(room.hits("/broken")) == 3
        assert "http_5xx" not in json.loads(run(*args).stdout)["failed"]
        with open_store(db) as store:
            assert store.frontier_counts()["failed"] == 4 and "retry" not in store.frontier_counts()
    finally:
        room.stop()


def test_links_dated_before_since_are_left_out(tmp_path):
    room, _ = newsroom()
    try:
        db = str(tmp_path / "w.sqlite")
        result = run("watch", room.base + "/sitemap_index.xml", "--db", db, "--once", "--since", "2026-04-01",
                     "--json")
        summary = json.loads(result.stdout)
        assert (summary["too_old"], summary["found"], summary["fetched"]) == (6, 0, 0)  # sitemap says 03-02
        assert run("watch", room.base + "/x", "--db", db, "--since", "last week").exit_code == 2
    finally:
        room.stop()


def test_a_home_page_is_followed_through_the_feeds_it_announces(tmp_path, analyze):
    room, pages = newsroom()
    try:
        room.routes["/"] = Route(b"<html><head><title>Le Courrier</title><link rel='alternate' "
                                 b"type='application/rss+xml' href='/feed.xml'></head><body>Accueil</body>"
                                 b"</html>")
        db = str(tmp_path / "w.sqlite")
        summary = json.loads(run("watch", room.base + "/", "--db", db, "--once", "--delay", "0",
                                 "--json").stdout)
        assert (summary["polled"], summary["new"]) == (2, 6)  # the page, then its feed's six articles
        with open_store(db) as store:
            kinds = {s.url: s.kind for s in store.watch_sources()}
        assert kinds == {room.base + "/": "page", room.base + "/feed.xml": "feed"}
    finally:
        room.stop()


def test_watch_inputs_are_read_and_bad_ones_named(tmp_path):
    opml = tmp_path / "subs.opml"
    opml.write_bytes(b'<opml version="2.0"><body><outline text="W" xmlUrl="https://w.example/rss"/></body></opml>')
    inputs = read_watch_inputs(["https://n.example/sitemap.xml", str(opml), str(tmp_path / "absent.txt")])
    assert [s.url for s in inputs.sources] == ["https://n.example/sitemap.xml", "https://w.example/rss"]
    assert len(inputs.problems) == 1 and "neither an http(s) URL nor a file" in inputs.problems[0]
    assert clean_url("https://n.example/a?id=3&utm_source=x&xtor=RSS-1#top") == "https://n.example/a?id=3"
    result = CliRunner().invoke(cli, ["watch", str(tmp_path / "absent.txt"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "nothing to watch" in result.stderr


def _veille() -> list[str]:
    script = Path(sys.executable).with_name("veille")
    return [str(script)] if script.exists() else [sys.executable, "-m", "veille.cli.main"]


def _db(kind: str, tmp_path: Path, request) -> str:
    if kind == "sqlite":
        return str(tmp_path / "w.sqlite")
    import psycopg

    url = request.getfixturevalue("postgres_url")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    return url


@pytest.mark.slow  # a watch process of its own loads the models
@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_killed_watch_resumes_and_every_page_is_stored_once(kind, tmp_path, request, analyze):
    room, pages = newsroom(page_delay=0.4)
    try:
        db = _db(kind, tmp_path, request)
        warc = write_warc(tmp_path / "site.warc.gz", pages[:3], extra_records=False, base=room.base)
        assert run("ingest", str(warc), "--db", db).exit_code == 0  # three pages known from an archive
        cmd = [*_veille(), *_watch_args(room, db, "--batch-size", "2")]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open_store(db) as store:
            deadline = time.monotonic() + 120
            while store.count_articles() < 5 and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            at_kill = store.count_articles()
        assert 5 <= at_kill < N_PAGES, f"the kill should land mid-watch, found {at_kill} articles"

        resumed = run(*_watch_args(room, db, "--json"))
        assert resumed.exit_code == 0, resumed.stderr
        summary = json.loads(resumed.stdout)
        assert summary["new"] + at_kill == N_PAGES  # only what was left
        with open_store(db) as store:
            urls = [a.url for a in store.list_articles(limit=50).items]
            assert sorted(urls) == sorted(clean_url(f"{room.base}/{slug}") for slug, _ in pages)
            assert store.frontier_counts() == {"done": N_PAGES}
        for slug, _ in pages[:3]:  # the archive's pages were never fetched
            assert room.hits(f"/{slug}") == []
        again = json.loads(run(*_watch_args(room, db, "--json")).stdout)
        assert (again["not_modified"], again["fetched"], again["new"]) == (3, 0, 0)
    finally:
        room.stop()
