"""Sitemaps (sitemaps.org 0.9, gzipped or not, and the plain-text form), sitemap indexes and Google News
sitemaps into links to pages and to further sitemaps.

trafilatura's ``sitemaps`` helper was weighed: it discovers and walks sitemaps but fetches them itself,
outside the polite fetcher (no robots state kept, no conditional GET, no per-host rate), so veille parses
sitemaps here and leaves every request to ``veille.fetch``. The XML parser resolves no entities and loads
nothing from the network (no XXE, no billion laughs).
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

from .feeds import FeedError, Link

#: A sitemap holds at most 50,000 URLs and 50 MB (sitemaps.org); a larger body is refused, not parsed.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024


@dataclass
class SitemapLinks:
    """What a sitemap names: pages, and (in a sitemap index) further sitemaps."""

    pages: list[Link] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def looks_like_sitemap(data: bytes) -> bool:
    """True for a sitemap or sitemap index (XML, gzipped or not) judged from its first bytes."""
    head = _gunzip(data)[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def parse_sitemap(data: bytes, base_url: str = "") -> SitemapLinks:
    """The pages and child sitemaps of a sitemap; FeedError when ``data`` is not one.

    A news sitemap's ``news:publication_date`` and ``news:title`` ride along with each link; otherwise
    ``lastmod`` is kept as the hint.

    >>> xml = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://n.example/a'
    >>> parse_sitemap(xml + b'</loc></url></urlset>').pages[0].url
    'https://n.example/a'
    """
    data = _gunzip(data)
    if len(data) > MAX_SITEMAP_BYTES:
        raise FeedError(f"{base_url or 'input'}: sitemap is over {MAX_SITEMAP_BYTES:,} bytes, "
                        "the sitemaps.org limit")
    if not data.lstrip().startswith(b"<"):
        return _text_sitemap(data, base_url)
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"{base_url or 'input'}: not a sitemap ({exc})") from exc
    if root is None or _local(root) not in ("urlset", "sitemapindex"):
        raise FeedError(f"{base_url or 'input'}: not a sitemap (no <urlset> or <sitemapindex>)")
    out = SitemapLinks()
    for entry in root:
        if not isinstance(entry.tag, str):
            continue  # comments, processing instructions
        fields = {_local(child): child for child in entry.iter() if isinstance(child.tag, str)}
        loc = _text(fields.get("loc"))
        if not loc:
            continue
        url = urljoin(base_url, loc) if base_url else loc
        if not url.startswith(("http://", "https://")):
            continue
        if _local(entry) == "sitemap":
            out.sitemaps.append(url)
        elif _local(entry) == "url":
            published = _text(fields.get("publication_date")) or _text(fields.get("lastmod"))
            out.pages.append(Link(url=url, title=_text(fields.get("title")), published=published))
    return out


def _text_sitemap(data: bytes, base_url: str) -> SitemapLinks:
    lines = data.decode("utf-8", "replace").split()
    urls = [u for u in lines if u.startswith(("http://", "https://"))]
    if not urls or len(urls) < len(lines):
        raise FeedError(f"{base_url or 'input'}: not a sitemap (neither XML nor one URL per line)")
    return SitemapLinks(pages=[Link(url=u) for u in urls])


def _gunzip(data: bytes) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as fh:
            return fh.read(MAX_SITEMAP_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise FeedError(f"gzipped sitemap cannot be decompressed ({exc})") from exc


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el) -> str | None:
    if el is None or el.text is None:
        return None
    return el.text.strip() or None
