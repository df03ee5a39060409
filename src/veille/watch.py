"""``veille watch``: keep a store current from feeds and sitemaps.

One round: poll every watched source (RSS/Atom feeds, sitemaps, sitemap indexes, news sitemaps) with a
conditional GET; put the pages they list in the frontier (in the store, deduplicated by URL); fetch the
queued pages politely; drop a page whose bytes equal a page already taken (the same article under two
URLs); analyse and store the rest through the same library path as ``veille ingest``. Every step is
committed as it ends, so a killed watch resumes from the frontier rows still queued, and a page stored just
before the kill comes back "unchanged", never twice.

>>> from veille.watch import read_watch_inputs
>>> read_watch_inputs(["https://news.example/rss"]).sources[0].kind
'auto'
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .config import Config
from .errors import InputError
from .fetch import Fetcher, FetchResult
from .pipeline import Outcome, Pipeline
from .readers import FeedError, Link, parse_feed, parse_opml, parse_sitemap, parse_url_list
from .readers.feeds import discover_feeds
from .readers.lists import is_http_url
from .readers.sitemaps import looks_like_sitemap
from .sources import Source, source_from_bytes
from .stage import article_id
from .store.base import Store
from .store.frontier import DONE, DUPLICATE, FAILED, RETRY, FrontierMark, FrontierPage, WatchedSource

log = logging.getLogger("veille")

#: Attempts at a page before a passing failure (timeout, 5xx…) becomes final.
MAX_ATTEMPTS = 3
RETRYABLE = frozenset({"timeout", "connection", "http_5xx", "http_429", "robots_unavailable"})
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
#: Query parameters that only track the reader: dropped, so one article is one URL.
TRACKING = ("utm_", "xtor", "fbclid", "gclid", "mc_cid", "mc_eid", "at_medium", "at_campaign")
SUMMARY_FORMAT = "veille.watch-summary/1"


@dataclass
class WatchSummary:
    """What a watch did, counted over its rounds; ``failed`` counts failures by reason."""

    rounds: int = 0
    polled: int = 0
    not_modified: int = 0
    found: int = 0
    fetched: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    already_stored: int = 0
    duplicates: int = 0
    too_old: int = 0  # links dated before --since, not queued
    failed: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    def fail(self, name: str, reason: str, message: str) -> None:
        self.failed[reason] += 1
        self.failures.append((name, reason, message))

    def as_dict(self) -> dict:
        """The summary as JSON (format ``veille.watch-summary/1``, documented in the README)."""
        keys = ("rounds", "polled", "not_modified", "found", "too_old", "fetched", "new", "replaced",
                "unchanged", "already_stored", "duplicates")
        return {"format": SUMMARY_FORMAT, **{k: getattr(self, k) for k in keys},
                "failed": dict(sorted(self.failed.items())),
                "failures": [{"input": n, "reason": r, "message": m} for n, r, m in self.failures]}


@dataclass
class WatchInputs:
    """What ``veille watch`` was given: sources to poll, pages to fetch once, and inputs it could not use."""

    sources: list[WatchedSource] = field(default_factory=list)
    pages: list[FrontierPage] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_watch_inputs(inputs: Iterable[str], max_bytes: int = 10_000_000) -> WatchInputs:
    """A URL is a feed or sitemap to poll (its kind is learnt from its first answer); a file is an OPML
    subscription list (feeds to poll) or a list of page URLs (fetched once)."""
    out = WatchInputs()
    for item in inputs:
        if is_http_url(item):
            out.sources.append(WatchedSource(item))
            continue
        path = Path(item)
        if not path.is_file():
            out.problems.append(f"{item}: neither an http(s) URL nor a file (give a feed or sitemap URL, "
                                "an OPML file or a file of page URLs)")
            continue
        try:
            data = path.read_bytes()[: max_bytes + 1]
        except OSError as exc:
            out.problems.append(f"{item}: cannot read it ({exc.strerror or exc})")
            continue
        if b"<opml" in data[:2048].lower():
            try:
                out.sources += [WatchedSource(url, kind="feed") for url, _ in parse_opml(data, item)]
            except FeedError as err:
                out.problems.append(str(err))
            continue
        urls, problems = parse_url_list(data.decode("utf-8", "replace"), item)
        out.problems += problems
        out.pages += [frontier_page(u, source_url=item) for u in urls]
    return out


def clean_url(url: str) -> str:
    """The URL without its fragment and reader-tracking parameters (utm_*, xtor…)."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def frontier_page(url: str, source_url: str | None = None, title: str | None = None,
                  published: str | None = None) -> FrontierPage:
    """A frontier row for a page URL, keyed like the article it will become."""
    url = clean_url(url)
    key = article_id(Source(name=url, text="", kind="html", url=url))
    return FrontierPage(id=key, url=url, source_url=source_url, title=title, published=published)


class Watcher:
    """Runs watch rounds over one store. ``on_page`` is called with an Outcome for every page handled
    (progress); ``stop`` ends the work between batches; ``since`` (YYYY-MM-DD) leaves out links a feed or
    sitemap dates before it (a sitemap index often lists years of archives); undated links are kept."""

    def __init__(self, store: Store, fetcher: Fetcher, *, config: Config | None = None, batch_size: int = 16,
                 on_page: Callable[[Outcome], None] | None = None, stop: threading.Event | None = None,
                 since: str | None = None):
        from .store.frontier import FrontierStore

        if not isinstance(store, FrontierStore):
            raise TypeError(f"the store {store.url} cannot keep a watch frontier")
        self.store: FrontierStore = store
        self._articles = store
        self.fetcher, self.config, self.batch_size = fetcher, config, batch_size
        self.on_page, self.stop = on_page, stop or threading.Event()
        self.summary = WatchSummary()
        self.since = since
        self._pipeline: Pipeline | None = None
        fetcher.remember(store.hosts_load())  # robots.txt and back-offs from earlier runs

    def seed(self, inputs: WatchInputs) -> None:
        self.store.watch_add_sources(inputs.sources)
        self.store.frontier_add(inputs.pages)

    def run_round(self) -> None:
        """Poll every source once, then fetch and store every queued page."""
        self.store.frontier_retry()
        self.poll()
        self.crawl()
        self.store.hosts_save(self.fetcher.host_states())
        self.summary.rounds += 1

    # -- polling -----------------------------------------------------------------------------------
    def poll(self) -> None:
        """Poll each source once; child sitemaps an index names are polled in the same round."""
        done: set[str] = set()
        while not self.stop.is_set():
            due = [s for s in self.store.watch_sources() if s.url not in done]
            if not due:
                return
            for source in due:
                done.add(source.url)
                self._poll(source)

    def _poll(self, source: WatchedSource) -> None:
        res = self.fetcher.fetch(source.url, etag=source.etag, last_modified=source.last_modified)
        self.summary.polled += 1
        source.status, source.reason, source.message = res.status, res.reason, res.message
        if res.status == "not_modified":
            self.summary.not_modified += 1
            self.store.watch_record_poll(source)
            return
        if not res.ok:
            self.summary.fail(source.url, res.reason or "failed", res.message or "")
            self.store.watch_record_poll(source)
            return
        try:
            kind, links, children = _listing(res)
        except FeedError as err:
            source.status, source.reason, source.message = "failed", "not_a_feed", str(err)
            self.summary.fail(source.url, "not_a_feed", str(err))
            self.store.watch_record_poll(source)
            return
        source.kind = kind
        source.etag, source.last_modified = res.etag, res.last_modified
        recent = [link for link in links if not self.since or not link.published
                  or link.published[:10] >= self.since]
        self.summary.too_old += len(links) - len(recent)
        pages = [frontier_page(link.url, source.url, link.title, link.published) for link in recent]
        kids = [WatchedSource(url, kind="feed" if kind == "page" else "sitemap", parent=source.url)
                for url in children]
        self.summary.found += self.store.watch_record_poll(source, pages, kids)

    # -- fetching and storing ----------------------------------------------------------------------
    def crawl(self) -> None:
        """Fetch and store queued pages, a batch at a time, until none is left (or ``stop``)."""
        while not self.stop.is_set():
            queued = self.store.frontier_queued(limit=self.batch_size)
            if not queued:
                return
            self._crawl_batch(queued)
            self.store.hosts_save(self.fetcher.host_states())

    def _crawl_batch(self, queued: list[FrontierPage]) -> None:
        marks: list[FrontierMark] = []
        known = self.store.stored_article_ids([p.id for p in queued])
        for page in (p for p in queued if p.id in known):  # stored already (from an archive, say)
            marks.append(FrontierMark(page.id, DONE, reason="already_stored", article_id=page.id,
                                      tried=False))
            self.summary.already_stored += 1
            self._step(Outcome(page.url, unchanged=True))
        todo = {p.url: p for p in queued if p.id not in known}
        fetched: list[tuple[FrontierPage, FetchResult]] = []
        for res in self.fetcher.fetch_many((url, None, None) for url in todo):
            page = todo[res.url]
            if not res.ok:
                marks.append(self._failed(page, res.reason or "failed", res.message or "", retry=True))
            elif res.media_type not in PAGE_TYPES:
                self.summary.fetched += 1
                marks.append(self._failed(page, "not_html", f"{res.media_type} is not a page"))
            else:
                self.summary.fetched += 1
                fetched.append((page, res))
        marks += self._store_pages(fetched)
        self.store.frontier_mark(marks)

    def _store_pages(self, fetched: list[tuple[FrontierPage, FetchResult]]) -> list[FrontierMark]:
        """Drop pages whose bytes were already taken, analyse and store the others; their marks."""
        from .store.ingest import ingest_outcomes

        marks: list[FrontierMark] = []
        hashes = {page.id: hashlib.sha1(res.body).hexdigest() for page, res in fetched}
        taken = self.store.frontier_known_content(hashes.values())
        sources: list[tuple[FrontierPage, Source]] = []
        for page, res in fetched:
            sha = hashes[page.id]
            if sha in taken:
                marks.append(FrontierMark(page.id, DUPLICATE, reason="same_content", content_sha1=sha,
                                          message="the same bytes as a page already stored"))
                self.summary.duplicates += 1
                self._step(Outcome(page.url, unchanged=True))
                continue
            taken.add(sha)
            try:
                src = source_from_bytes(page.url, res.body, max_bytes=self.fetcher.policy.max_bytes,
                                        url=res.final_url or page.url)
            except InputError as err:
                marks.append(self._failed(page, err.reason, err.message))
                continue
            sources.append((page, src))
        if not sources:
            return marks
        outcomes: dict[str, Outcome] = {}

        def step(out: Outcome) -> None:
            outcomes[out.name] = out
            self._step(out)

        stored = ingest_outcomes(self._articles, self._analyse([s for _, s in sources]),
                                 batch_size=len(sources), on_step=step)
        self.summary.new += stored.ingested
        self.summary.replaced += stored.replaced
        self.summary.unchanged += stored.unchanged
        for page, src in sources:
            out = outcomes.get(src.name)
            if out is not None and out.error is not None:
                marks.append(self._failed(page, out.error.reason, out.error.message, counted=False))
                self.summary.fail(page.url, out.error.reason, out.error.message)
            else:
                art = out.article.id if out is not None and out.article is not None else None
                marks.append(FrontierMark(page.id, DONE, content_sha1=hashes[page.id], article_id=art))
        return marks

    def _failed(self, page: FrontierPage, reason: str, message: str, *, retry: bool = False,
                counted: bool = True) -> FrontierMark:
        if counted:
            self.summary.fail(page.url, reason, message)
            self._step(Outcome(page.url, error=InputError(page.url, reason, message)))
        again = retry and reason in RETRYABLE and page.attempts + 1 < MAX_ATTEMPTS
        return FrontierMark(page.id, RETRY if again else FAILED, reason=reason, message=message)

    def _step(self, out: Outcome) -> None:
        if self.on_page is not None:
            self.on_page(out)

    def _analyse(self, sources: list[Source]) -> Iterable[Outcome]:
        """The pipeline over fetched pages, in order: the same path as ``veille ingest`` (built once, on
        the first page, so a round with nothing new never loads the models). Each batch runs inside
        spaCy's memory zones (``parallel.in_memory_zones``): a watch runs for weeks and meets new names,
        numbers and typos on every page, and what they add to the vocabularies is freed after the batch."""
        from .parallel import in_memory_zones

        if self._pipeline is None:
            from .api_functions import _pipeline

            self._pipeline = _pipeline(self.config)
        return in_memory_zones(self._pipeline, sources)


def _listing(res: FetchResult) -> tuple[str, list[Link], list[str]]:
    """(kind, pages, child sources) of a fetched source: a sitemap (children: the sitemaps of an index),
    a feed, or a web page announcing feeds (children: those feeds). FeedError when it is none of these."""
    base = res.final_url or res.url
    if looks_like_sitemap(res.body):
        found = parse_sitemap(res.body, base)
        return "sitemap", found.pages, found.sitemaps
    try:
        return "feed", parse_feed(res.body, base), []
    except FeedError:
        if not res.body.lstrip().startswith(b"<"):
            found = parse_sitemap(res.body, base)  # the plain-text sitemap form: one URL a line
            return "sitemap", found.pages, found.sitemaps
        feeds = discover_feeds(res.body, base)
        if not feeds:
            raise
        return "page", [], feeds
