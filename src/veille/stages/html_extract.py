"""Body text and metadata from HTML, through trafilatura (and htmldate, which it calls, for the date).

``favor_precision`` is the default because it measures better on the ScrapingHub benchmark here
(0.964 against 0.960, see `veille eval extraction`). What trafilatura leaves out is recorded in
``removed`` as the visible lines of the page that are not part of the body.
"""

from __future__ import annotations

import re
import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import use_config

from ..errors import InputError
from ..record import Removed
from .extracted import Extracted
from .langid import identify
from .text_cleaner import filter_paragraphs

_CONFIG = use_config()
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals do not work outside the main thread
_CONFIG.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")


def extract_html(name: str, html: str, url: str | None = None, favor_precision: bool = True) -> Extracted:
    """Main text and metadata of an HTML page; InputError(no_article) when there is no body text."""
    doc = _trafilatura(name, html, url, favor_precision)
    if favor_precision and (doc is None or len((doc.text or "").split()) < 50):
        # precision mode sometimes discards a whole short article (a sports brief); recall it then
        doc = _trafilatura(name, html, url, False) or doc
    text = _paragraphs(getattr(doc, "text", None) or "") if doc is not None else ""
    paras, dropped = filter_paragraphs(text.split("\n\n"), identify(text)[0]) if text else ([], [])
    text = "\n\n".join(paras)
    if len(text.split()) < 5:
        raise InputError(name, "no_article", "HTML has no article text (nothing that looks like a body was found)")
    out = Extracted(
        text=text,
        title=_headline(html, _clean(doc.title)),
        site_name=_clean(doc.sitename),
        authors=_authors(doc.author),
        url=url or _clean(doc.url),
    )
    published = _html_date(html, out.url)
    if published:
        out.published, out.published_source = published, "html-metadata"
    out.removed = dropped + _removed_lines(html, text)
    return out


def _trafilatura(name: str, html: str, url: str | None, favor_precision: bool):
    try:
        return trafilatura.bare_extraction(
            html, url=url, favor_precision=favor_precision, include_comments=False, include_tables=False,
            with_metadata=True, deduplicate=False, config=_CONFIG)
    except (ValueError, TypeError, AttributeError) as exc:  # malformed markup trafilatura cannot parse
        raise InputError(name, "no_article", f"HTML could not be parsed ({exc})") from exc


def _headline(html: str, meta_title: str | None) -> str | None:
    """The page's <h1> when it is the headline the metadata title paraphrases or suffixes with the site
    name ("... - National | Globalnews.ca"); otherwise the metadata title."""
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "replace"))
    except (etree.ParserError, ValueError):
        return meta_title
    if meta_title is None:
        return None
    want = set(re.findall(r"\w+", meta_title.lower()))
    best, best_overlap = None, 0.0
    for h1 in tree.iter("h1"):
        text = _clean(h1.text_content())
        if not text or not 3 <= len(text.split()) <= 40:
            continue
        words = set(re.findall(r"\w+", text.lower()))
        overlap = len(words & want) / max(1, len(words))
        if overlap > best_overlap:
            best, best_overlap = text, overlap
    return best if best is not None and best_overlap >= 0.6 else meta_title


def _html_date(html: str, url: str | None) -> str | None:
    """The page's own publication date from its markup (htmldate: metadata, then ``<time>`` and dated
    elements), the original date rather than an update, and without htmldate's extensive search, which
    would pick any date-like string of the text: a date is never guessed."""
    from htmldate import find_date

    try:
        found = find_date(html, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    return found[:10] if found else None


def _paragraphs(text: str) -> str:
    """Trafilatura separates paragraphs by single newlines; veille uses blank lines."""
    paras = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in text.split("\n")]
    return "\n\n".join(p for p in paras if p)


def _clean(value: str | None) -> str | None:
    value = re.sub(r"\s+", " ", value or "").strip()
    return value or None


def _authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in re.split(r";|\s+(?:and|et)\s+", value) if a.strip()]


def _removed_lines(html: str, body: str) -> list[Removed]:
    """Visible lines of the page that did not make it into the body, each once."""
    try:
        from trafilatura import html2txt

        visible = html2txt(html) or ""
    except (ValueError, TypeError):
        return []
    kept = {re.sub(r"\W+", "", p).lower() for p in body.split("\n\n")}
    out, seen = [], set()
    for line in visible.split("\n"):
        line = re.sub(r"\s+", " ", line).strip()
        key = re.sub(r"\W+", "", line).lower()
        if not key or key in kept or key in seen or any(key in k for k in kept if len(key) > 40):
            continue
        seen.add(key)
        out.append(Removed(text=line, reason="outside the main content (trafilatura)"))
    return out
