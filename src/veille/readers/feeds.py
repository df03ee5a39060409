"""RSS and Atom feeds (any version feedparser knows) into links to pages.

trafilatura's ``feeds`` helper was weighed: it finds feeds and reads their links, but fetches by itself
(outside the polite fetcher) and returns bare URLs, without the entries' titles and dates. feedparser reads
every RSS and Atom version and the broken feeds found in the wild. It is given bytes, never a URL (it would
fetch it itself, past the polite fetcher). Relative links are resolved against the feed's own URL. A feed's
dates are the publisher's claim about the entry and are kept as a hint beside the link; the page's own
metadata decides the record's ``published``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

from ..errors import VeilleError


class FeedError(VeilleError):
    """Bytes that are neither a feed nor a sitemap (an HTML page, an error page, garbage)."""


@dataclass(frozen=True)
class Link:
    """A page named by a feed or a sitemap: its URL, and what the listing said about it."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO date or datetime, as the listing gave it


def parse_feed(data: bytes, base_url: str = "") -> list[Link]:
    """The entries of an RSS/Atom feed, in feed order; FeedError when ``data`` is not a feed.

    >>> rss = b'<rss version="2.0"><channel><item><link>/a</link><title>A</title></item></channel></rss>'
    >>> parse_feed(rss, "https://news.example/feed")[0].url
    'https://news.example/a'
    """
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        raise FeedError(f"{base_url or 'input'}: not an RSS or Atom feed"
                        + (f" ({str(why).splitlines()[0]})" if why else ""))
    links: list[Link] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        url = _entry_url(entry, base_url)
        if not url or url in seen:
            continue
        seen.add(url)
        links.append(Link(url=url, title=entry.get("title") or None, published=_entry_date(entry)))
    return links


def _entry_url(entry, base_url: str) -> str | None:
    """The entry's page: ``link``, else an alternate link, else a ``guid`` that is a permalink URL."""
    url = entry.get("link")
    if not url:
        for link in entry.get("links", []):
            if link.get("rel", "alternate") == "alternate" and link.get("href"):
                url = link["href"]
                break
    if not url and entry.get("guidislink") and entry.get("id"):
        url = entry["id"]
    if not url:
        return None
    url = urljoin(base_url, url.strip()) if base_url else url.strip()
    return url if url.startswith(("http://", "https://")) else None


def _entry_date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)


#: Link types that announce a feed in a page's <head>.
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")


def discover_feeds(data: bytes, base_url: str = "") -> list[str]:
    """The feeds a web page announces (``<link rel="alternate" type="application/rss+xml" href=…>``),
    resolved against the page's URL, in page order: a site's home page given to ``veille watch`` is
    followed through its feeds.

    >>> page = b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>'
    >>> discover_feeds(page, "https://news.example/")
    ['https://news.example/rss']
    """
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(data)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return []
    feeds: list[str] = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href and kind != "application/feed+json":
            url = urljoin(base_url, href) if base_url else href
            if url.startswith(("http://", "https://")) and url not in feeds:
                feeds.append(url)
    return feeds
