"""Which of several copies of one text is the original: the earliest seen, and among pages of the same day,
the wire agency's own page, then a page that keeps the wire credit, then a page at its canonical address.

A wire report is re-published the same day by many sites, often with the same date and no time, so the
date alone rarely tells the original. Two things a copy carries do:

- **wire credits** — the agency a page credits: an attribution of the record whose source is an agency
  ("selon l'AFP", "according to Reuters"), or the credit line news sites print at the start or end of a wire
  story: "(Reuters) -", "PARIS (AFP) –", "— AFP", "avec AFP", "© AFP", "Source : Reuters". A page published
  by an agency that the copies credit is their original; a copy that keeps the credit is closer to the wire
  than one that dropped it.
- **canonical URLs** — an address that is the page's own (not an AMP, print or mobile mirror, no tracking
  parameters) is preferred to a mirror of it.

The rank is ``(day, wire, canonical, published, seen, id)``: lower is more original; ``seen`` is the order
the store saw the pages in, so of two otherwise equal pages the one stored first stays the original.

>>> credited_agencies("Le conseil a voté la mesure. (AFP)")
['afp']
>>> credited_agencies("LONDON (Reuters) - Shares rose on Monday.")
['reuters']
>>> credited_agencies("AFP reporters were in the room when it happened.")
[]
>>> agency_of_site("https://www.reuters.com/world/x", None), agency_of_site(None, "Agence France-Presse")
('reuters', 'afp')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..record import Article
from ..stages.entities.namekeys import fold

#: Wire agencies: key → (names and short forms as printed in credits, web hosts of the agency's own pages).
AGENCIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "afp": (("AFP", "Agence France-Presse", "Agence France Presse"), ("afp.com",)),
    "reuters": (("Reuters", "Thomson Reuters"), ("reuters.com",)),
    "ap": (("AP", "Associated Press", "The Associated Press"), ("apnews.com", "ap.org")),
    "dpa": (("dpa", "DPA", "Deutsche Presse-Agentur"), ("dpa.com", "dpa-international.com")),
    "ansa": (("ANSA",), ("ansa.it",)),
    "efe": (("EFE", "Agencia EFE"), ("efe.com",)),
    "belga": (("Belga",), ("belga.be", "belganewsagency.eu")),
    "anadolu": (("Anadolu", "AA", "Anadolu Agency"), ("aa.com.tr",)),
    "xinhua": (("Xinhua",), ("xinhuanet.com", "news.cn")),
    "tass": (("TASS", "Tass"), ("tass.ru", "tass.com")),
    "kyodo": (("Kyodo", "Kyodo News"), ("kyodonews.net",)),
    "yonhap": (("Yonhap",), ("yna.co.kr",)),
    "pa": (("PA", "PA Media"), ("pamediagroup.com",)),
    "ats": (("ATS", "Keystone-ATS"), ("keystone-sda.ch",)),
    "apa": (("APA",), ("apa.at",)),
}
_NAMES = {fold(n): key for key, (names, _) in AGENCIES.items() for n in names}
_ALTERNATION = "|".join(sorted((re.escape(n) for names, _ in AGENCIES.values() for n in names), key=len,
                               reverse=True))
#: Credit lines: "(AFP)", "(Reuters) -", "— AFP", "AFP -", "© AFP", "avec AFP", "Source : AFP", "/AFP".
_CREDIT = re.compile(
    rf"\((?P<a>{_ALTERNATION})\)"
    rf"|(?:^|\n)\s*(?P<b>{_ALTERNATION})\s*[-–—:]"
    rf"|[-–—©/]\s*(?P<c>{_ALTERNATION})\b(?!\s+[^\W\d])"
    rf"|\b(?i:avec|with|sources?\s*:)\s*(?P<d>{_ALTERNATION})\b(?!\s+[^\W\d])"
)
#: How much of each end of the text a credit line is looked for in.
CREDIT_EDGE = 300
_MIRROR = re.compile(r"(^|[./])(amp|m|mobile|print)([./]|$)|[?&](utm_|output[tT]ype=amp|amp=)")


def credited_agencies(text: str) -> list[str]:
    """The agencies a credit line at the start or end of ``text`` names (sorted keys)."""
    edges = text[:CREDIT_EDGE] + "\n" + text[-CREDIT_EDGE:] if len(text) > 2 * CREDIT_EDGE else text
    found = set()
    for m in _CREDIT.finditer(edges):
        name = next(g for g in m.groups() if g)
        found.add(_NAMES[fold(name)])
    return sorted(found)


def article_credits(article: Article) -> set[str]:
    """Agencies the record credits: its attributions to an agency, and credit lines in its text."""
    found = set(credited_agencies(article.text))
    for attribution in article.attributions:
        entity = article.entity(attribution.source)
        for name in (attribution.source_text, entity.name if entity else None):
            key = _NAMES.get(fold(name or "").removeprefix("l'").removeprefix("agence ").strip())
            if key:
                found.add(key)
    return found


def agency_of_site(url: str | None, site_name: str | None) -> str | None:
    """The agency whose own page this is, from the URL's host or the site's name; None for other sites."""
    host = (urlsplit(url).hostname or "") if url else ""
    for key, (_, hosts) in AGENCIES.items():
        if any(host == h or host.endswith("." + h) for h in hosts):
            return key
    return _NAMES.get(fold(site_name or ""))


def is_canonical(url: str | None) -> bool:
    """Whether ``url`` looks like a page's own address rather than a mirror (AMP, print, mobile, tracked)."""
    return bool(url) and not _MIRROR.search((url or "").lower())


@dataclass(frozen=True)
class Candidate:
    """One of the copies of a text: the record and the order in which the store saw it."""

    article: Article
    seen: int


def original_rank(candidate: Candidate, credited: set[str]) -> tuple:
    """The sort key of a copy among copies whose records credit ``credited`` agencies: lower is more
    original (see the module docstring)."""
    art = candidate.article
    published = art.published or "9999"
    if agency_of_site(art.url, art.site_name) in credited:
        wire = 0
    elif article_credits(art):
        wire = 1
    else:
        wire = 2
    return (published[:10], wire, 0 if is_canonical(art.url) else 1, published, candidate.seen, art.id)


def choose_original(candidates: list[Candidate]) -> Candidate:
    """The original among copies of one text."""
    credited = set().union(*(article_credits(c.article) for c in candidates))
    return min(candidates, key=lambda c: original_rank(c, credited))
