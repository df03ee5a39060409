"""Which outlet a page comes from, and what to call it when nobody said.

A page's ``site_name`` comes from its metadata; many pages have none (a text file, a page whose HTML
names no site). The story list counts *outlets*, so a page without a site name still counts by its web
address's host ("lemonde.fr"); a page with neither (a text file read from disk) has no known outlet:
it is counted apart, as a page of unknown source, never as an outlet of its own. The UI still labels
such a page by its file name, so a reader can tell two of them apart.
"""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlsplit

# Names a source takes when it is no file at all (standard input).
_NAMELESS = {"", "-", "<stdin>", "stdin"}


def outlet(site_name: str | None, url: str | None) -> str | None:
    """The outlet a page counts for: its site name, else its web address's host without ``www.``
    (``None`` when it has neither: its outlet is unknown).

    >>> outlet(None, "https://www.example-news.org/2031/03/a.html")
    'example-news.org'
    >>> outlet(" Le Quotidien ", None), outlet(None, None), outlet("", "file:///tmp/a.txt")
    ('Le Quotidien', None, None)
    """
    name = " ".join((site_name or "").split())
    if name:
        return name
    try:
        host = (urlsplit(url or "").hostname or "").rstrip(".")
    except ValueError:  # a malformed address ("http://[::1")
        return None
    return host.removeprefix("www.") or None


def source_label(site_name: str | None, url: str | None, source: str | None) -> str | None:
    """What to call where a page comes from: its outlet, else the name of the file it was read from
    (``None`` when nothing is known: the UI says "unknown source" in its own language).

    >>> source_label(None, None, "/data/inbox/brest-tram.txt")
    'brest-tram.txt'
    >>> source_label(None, None, "-") is None
    True
    """
    found = outlet(site_name, url)
    if found:
        return found
    name = (source or "").strip()
    if name in _NAMELESS:
        return None
    return PurePath(name).name or name


def outlet_condition(site: str, table: str = "a") -> tuple[str, list[str]]:
    """A WHERE condition on the articles aliased ``table`` that keeps the pages of the outlet ``site``,
    as ``outlet`` names it: the pages with that site name, and those without one whose web address's
    host is ``site`` (with or without ``www.``, with or without a port), so that filtering by a host the
    UI shows as a page's outlet finds the page. Placeholders are ``?`` (the store translates them)."""
    host = site.strip().lower().removeprefix("www.")
    escaped = host.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    patterns = [f"%://{www}{escaped}{end}" for www in ("", "www.") for end in ("", "/%", ":%")]
    likes = " OR ".join(f"lower({table}.url) LIKE ? ESCAPE '!'" for _ in patterns)
    sql = (f"({table}.site_name = ? OR (coalesce({table}.site_name, '') = '' AND {table}.url IS NOT NULL "
           f"AND ({likes})))")
    return sql, [site, *patterns]
