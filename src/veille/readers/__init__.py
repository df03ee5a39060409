"""Readers of the formats news arrives in, each turning bytes into what veille works with: WARC/ARC
archives into pages (``warc``), RSS/Atom feeds and sitemaps into links to pages (``feeds``, ``sitemaps``),
URL lists and OPML subscription lists into URLs (``lists``). They parse; fetching is ``veille.fetch``'s job.
"""

from __future__ import annotations

from .feeds import FeedError, Link, parse_feed
from .lists import parse_opml, parse_url_list
from .sitemaps import SitemapLinks, parse_sitemap
from .warc import is_archive_name, read_archive

__all__ = ["FeedError", "Link", "SitemapLinks", "is_archive_name", "parse_feed", "parse_opml",
           "parse_sitemap", "parse_url_list", "read_archive"]
