"""Publication dates written in page addresses: ``/2023/08/30/``, ``/2024/feb/24/``, ``-20240430``,
``/20150512-``, ``-14-04-2023-``. Only full, valid dates count: a year alone in an address says nothing."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}

_PATTERNS = [
    # /2023/08/30/ (Le Monde, Libération, Euronews, Journal de Montréal)
    (re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?=/|$)"), "ymd"),
    # /2024/feb/24/ (The Guardian)
    (re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[a-z]{3})/(?P<d>[0-3]?\d)(?=/|$)", re.I), "ymd"),
    # -2023-04-25/ or _2023-04-25 (Reuters)
    (re.compile(r"(?<=[-_/])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?=[-_/.]|$)"), "ymd"),
    # -14-04-2023- (Le Point, Le Parisien)
    (re.compile(r"(?<=[-_/])(?P<d>[0-3]\d)-(?P<m>[01]\d)-(?P<y>(?:19|20)\d\d)(?=[-_/.]|$)"), "dmy"),
    # -20240430 (Le Figaro), /20150512- (France 24)
    (re.compile(r"(?<=[-_/])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?=[-_/.]|$)"), "ymd"),
]


def date_from_url(url: str | None) -> date | None:
    """The publication date an address states, or None.

    >>> date_from_url("https://www.lemonde.fr/politique/article/2023/08/30/sophie-binet_6187099_823448.html")
    datetime.date(2023, 8, 30)
    >>> date_from_url("https://example.org/news/2023/budget") is None
    True
    """
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.split("?")[0].split("#")[0], flags=re.I)
    for pattern, _ in _PATTERNS:
        for m in pattern.finditer(path):
            found = _valid(m.group("y"), m.group("m"), m.group("d"))
            if found:
                return found
    return None


def _valid(y: str, m: str, d: str) -> date | None:
    month = int(m) if m.isdigit() else _MONTHS.get(m.lower(), 0)
    try:
        return date(int(y), month, int(d))
    except ValueError:
        return None
