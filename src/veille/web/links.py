"""Addresses the data pages link to: the same list with one filter added or changed (facets, sort), the
pager's pages, and the API's exports of the list on screen (``format=csv`` / ``format=json``).

Every link keeps the page's other parameters and drops ``page`` (a new filter starts at page 1).

>>> url_with("/", {"q": "Putin", "page": "3"}, lang="fr")
'/?q=Putin&lang=fr'
>>> export_links("/api/quotes", {"speaker": "Putin", "page": "2"}, limit=50, offset=50)["csv"]
'/api/quotes?speaker=Putin&limit=50&offset=50&format=csv'
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from ..store.search import month_range

#: Query parameters of a page that its API list also takes, under the API's own names.
_API_NAMES = {"q": "q", "lang": "lang", "from": "from", "to": "to", "entity": "entity", "site": "site",
              "type": "type", "sort": "sort", "speaker": "speaker", "about": "about", "actor": "actor"}


def url_with(path: str, params: Mapping[str, str], **changes: str | None) -> str:
    """``path`` with the page's parameters, ``changes`` applied (None removes one), ``page`` dropped."""
    kept = {k: v for k, v in params.items() if k != "page" and v != ""}
    for key, value in changes.items():
        if value is None:
            kept.pop(key, None)
        else:
            kept[key] = value
    query = urlencode(kept)
    return f"{path}?{query}" if query else path


def month_link(path: str, params: Mapping[str, str], month: str) -> str | None:
    """The list narrowed to one month of a date histogram (None for 'undated': no date filter says it)."""
    if month == "undated":
        return None
    first, last = month_range(month)
    return url_with(path, params, **{"from": first, "to": last})


def export_links(api_path: str, params: Mapping[str, str], *, limit: int, offset: int) -> dict[str, str]:
    """The API address of the rows on screen, as CSV and as JSON (the API's ``format`` parameter)."""
    base = {_API_NAMES[k]: v for k, v in params.items() if k in _API_NAMES and v != ""}
    query = urlencode({**base, "limit": limit, "offset": offset})
    return {fmt: f"{api_path}?{query}&format={fmt}" for fmt in ("csv", "json")}
