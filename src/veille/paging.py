"""One pagination helper for the store, the API and every web page: rows ``offset``/``limit`` on one side,
``page``/``per_page`` on the other, and the links to the pages around the current one.

The store answers with ``Page`` (items, total, limit, offset); the API serves it as it is, with the
page number, the page count and the next/previous offsets computed here; the web pages turn it into
links that keep every other parameter of the address.

>>> offset_for("3", 20)
40
>>> page_number(40, 20), page_count(41, 20)
(3, 3)
>>> pager_links("/entities", {"type": "PER", "page": "2"}, total=120, limit=50, offset=50).next
'/entities?type=PER&page=3'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

#: No list goes past this page (a bot walking ?page=1…10**9 gets the last page, not a slow query).
MAX_PAGE = 10_000


def offset_for(page: str | int | None, per_page: int) -> int:
    """The first row of page ``page`` (1-based) of ``per_page`` rows. Only ASCII digits count ("²" and
    "٣" are digits to ``str.isdigit`` but not to ``int``); anything else is the first page."""
    raw = str(page if page is not None else "1")
    number = int(raw) if raw.isascii() and raw.isdigit() else 1
    return (max(1, min(number, MAX_PAGE)) - 1) * per_page


def page_number(offset: int, limit: int) -> int:
    """The 1-based page the row ``offset`` falls on, with pages of ``limit`` rows."""
    return offset // max(1, limit) + 1


def page_count(total: int, limit: int) -> int:
    """How many pages of ``limit`` rows ``total`` rows fill (at least one, even when empty)."""
    return max(1, -(-total // max(1, limit)))


def next_offset(total: int, limit: int, offset: int) -> int | None:
    """The offset of the next page, or None on the last one."""
    return offset + limit if offset + limit < total else None


def prev_offset(limit: int, offset: int) -> int | None:
    """The offset of the previous page, or None on the first one."""
    return max(0, offset - limit) if offset > 0 else None


@dataclass(frozen=True)
class PagerLinks:
    """What a pager shows: where we are, and links (None when there is no such page)."""

    page: int
    pages: int
    total: int
    first_row: int
    last_row: int
    prev: str | None = None
    next: str | None = None
    numbered: list[tuple[int, str | None]] = field(default_factory=list)  # (page, link; None = current)


def pager_links(path: str, params: Mapping[str, str], *, total: int, limit: int, offset: int,
                window: int = 2) -> PagerLinks:
    """Links to the previous, next and nearby pages of a list served at ``path``; every other query
    parameter is kept, ``page`` is replaced (and left out for page 1, so page 1 has one address)."""
    here, pages = page_number(offset, limit), page_count(total, limit)
    kept = {k: v for k, v in params.items() if k != "page" and v != ""}

    def link(n: int) -> str:
        query = urlencode({**kept, **({"page": n} if n > 1 else {})})
        return f"{path}?{query}" if query else path

    nearby = sorted({1, pages, *range(max(1, here - window), min(pages, here + window) + 1)})
    return PagerLinks(page=here, pages=pages, total=total, first_row=min(total, offset + 1),
                      last_row=min(total, offset + limit),
                      prev=link(here - 1) if here > 1 else None,
                      next=link(here + 1) if here < pages else None,
                      numbered=[(n, None if n == here else link(n)) for n in nearby])
