"""Lists of URLs: a plain list (one URL a line, ``#`` comments) names pages; an OPML file (what feed readers
export) names feeds. Both return the URLs and, separately, one message per line or outline that is not a
usable http(s) URL, so a caller can report them and go on."""

from __future__ import annotations

from urllib.parse import urlsplit

from .feeds import FeedError


def parse_url_list(text: str, name: str = "input") -> tuple[list[str], list[str]]:
    """(URLs in order without repeats, problems as ``name:line: message``) of a list of URLs.

    >>> parse_url_list("# wire\\nhttps://n.example/a\\n\\nftp://x\\n", "l.txt")
    (['https://n.example/a'], ["l.txt:4: not an http(s) URL: 'ftp://x'"])
    """
    urls: list[str] = []
    problems: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_http_url(line):
            problems.append(f"{name}:{n}: not an http(s) URL: {line[:80]!r}")
        elif line not in urls:
            urls.append(line)
    return urls, problems


def parse_opml(data: bytes, name: str = "input") -> list[tuple[str, str | None]]:
    """(feed URL, title) for every outline with an ``xmlUrl``, nested folders included; FeedError when the
    bytes are not OPML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"{name}: not an OPML file ({exc})") from exc
    if root is None or root.tag != "opml":
        raise FeedError(f"{name}: not an OPML file (no <opml> root element)")
    feeds: list[tuple[str, str | None]] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if is_http_url(url) and url not in (u for u, _ in feeds):
            feeds.append((url, outline.get("title") or outline.get("text")))
    return feeds


def is_http_url(text: str) -> bool:
    """An absolute http(s) URL with a host."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in text
