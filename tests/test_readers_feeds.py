"""Feeds, sitemaps, URL lists and OPML into links, from documents invented here."""

from __future__ import annotations

import gzip

import pytest

from newsroom import atom, rss, sitemap, sitemap_index
from veille.readers import FeedError, parse_feed, parse_opml, parse_sitemap, parse_url_list
from veille.readers.feeds import discover_feeds
from veille.readers.sitemaps import looks_like_sitemap

BASE = "https://courrier.example"


def test_rss_items_become_links_with_their_dates():
    links = parse_feed(rss(BASE, ["a/1", "a/2", "a/1"]), BASE + "/feed.xml")
    assert [link.url for link in links] == [f"{BASE}/a/1", f"{BASE}/a/2"]  # repeats dropped
    assert links[0].title == "Article a/1" and links[0].published == "2026-03-01T08:00:00Z"


def test_atom_relative_links_are_resolved_against_the_feed():
    links = parse_feed(atom(BASE, ["b/9"]), BASE + "/atom.xml")
    assert [link.url for link in links] == [f"{BASE}/b/9"]
    assert links[0].published == "2026-03-01T08:00:00Z"


@pytest.mark.parametrize("data", [b"<html><body><p>A home page</p></body></html>", b"", b"\x00\x01garbage"])
def test_what_is_not_a_feed_is_refused(data):
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(data, BASE + "/x")


def test_a_sitemap_news_sitemap_and_index_give_pages_and_sitemaps():
    plain = parse_sitemap(sitemap(BASE, ["c/1", "c/2"]))
    assert [p.url for p in plain.pages] == [f"{BASE}/c/1", f"{BASE}/c/2"] and not plain.sitemaps
    assert plain.pages[0].published == "2026-03-02"
    news = parse_sitemap(sitemap(BASE, ["d/1"], news=True))
    assert (news.pages[0].title, news.pages[0].published) == ("T d/1", "2026-03-02")
    index = parse_sitemap(gzip.compress(sitemap_index([f"{BASE}/s1.xml", f"{BASE}/s2.xml.gz"])))
    assert index.sitemaps == [f"{BASE}/s1.xml", f"{BASE}/s2.xml.gz"] and not index.pages
    assert looks_like_sitemap(sitemap(BASE, ["c/1"])) and not looks_like_sitemap(rss(BASE, ["c/1"]))


def test_a_text_sitemap_is_read_and_an_html_page_is_not_a_sitemap():
    assert [p.url for p in parse_sitemap(b"https://x.example/1\nhttps://x.example/2\n").pages] == [
        "https://x.example/1", "https://x.example/2"]
    with pytest.raises(FeedError, match="not a sitemap"):
        parse_sitemap(b"<html><body>home</body></html>")


def test_a_sitemap_with_an_external_entity_does_not_read_it(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<urlset><url><loc>https://x.example/&x;</loc></url></urlset>').encode()
    assert all("TOP-SECRET" not in p.url for p in parse_sitemap(xxe).pages)


def test_a_url_list_keeps_urls_and_names_bad_lines():
    urls, problems = parse_url_list("https://a.example/1\n# comment\n\nnot a url\nhttps://a.example/1\n",
                                    "list.txt")
    assert urls == ["https://a.example/1"]
    assert problems == ["list.txt:4: not an http(s) URL: 'not a url'"]


def test_opml_outlines_in_folders_give_feed_urls():
    opml = (b'<?xml version="1.0"?><opml version="2.0"><head><title>Subscriptions</title></head><body>'
            b'<outline text="Wires"><outline text="Wire one" type="rss" xmlUrl="https://w.example/rss"/>'
            b'</outline><outline text="Blog" xmlUrl="https://b.example/atom.xml"/><outline text="Empty"/>'
            b'</body></opml>')
    assert parse_opml(opml) == [("https://w.example/rss", "Wire one"), ("https://b.example/atom.xml", "Blog")]
    with pytest.raises(FeedError, match="not an OPML file"):
        parse_opml(b"<rss version='2.0'/>", "subs.opml")


def test_feeds_announced_by_a_page_are_found():
    page = (b"<html><head><link rel='alternate' type='application/atom+xml' href='atom.xml'>"
            b"<link rel='stylesheet' type='text/css' href='/s.css'><link rel='alternate' hreflang='en' "
            b"href='/en/'><link rel='Alternate' type='application/rss+xml' href='https://cdn.example/rss'>"
            b"</head><body></body></html>")
    assert discover_feeds(page, "https://n.example/news/") == ["https://n.example/news/atom.xml",
                                                                "https://cdn.example/rss"]
    assert discover_feeds(b"", "https://n.example/") == []
