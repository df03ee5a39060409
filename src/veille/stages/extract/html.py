"""Body text and metadata from HTML, through trafilatura (and htmldate for the date).

``favor_precision`` is the default because it measures better here (`veille eval extraction`): trafilatura
alone 0.964 against 0.960 on ScrapingHub, 0.941 against 0.931 on its French pages; veille's paragraph filter
(paywall notices, credits, captions, share prompts) adds to that (0.966 and 0.947). What trafilatura
leaves out is recorded in ``removed`` as the visible lines of the page that are not part of the body.

trafilatura parses the page once (``load_html``: its parser drops comments and repairs some markup); its
body (``main_text``: the fast path, the full comparison when the fast result is doubtful) and its
metadata (``metadata``: title, author, site name, address) are both read from that tree. veille's own
tree (``_parse``: comments kept, deep nesting allowed) gives the headline, the visible lines and the date.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from trafilatura.utils import load_html

from ...errors import InputError
from ...record import Removed
from ..langid import identify
from .extracted import Extracted
from .glued import split_all_glued
from .main_text import main_text
from .metadata import page_metadata
from .text_cleaner import filter_paragraphs, has_article_text
from .visible_text import visible_lines


def extract_html(name: str, html: str, url: str | None = None, favor_precision: bool = True) -> Extracted:
    """Main text and metadata of an HTML page; InputError(no_article) when there is no body text."""
    tree = _parse(html)
    if tree is not None and _too_deep(tree):
        html = lxml.html.tostring(tree, encoding="unicode")  # flattened: every parser can read it whole
    blocks = visible_lines(tree) if tree is not None else []
    page = load_html(html)
    doc = main_text(name, page, url, favor_precision, blocks) if page is not None else None
    if favor_precision and page is not None and (doc is None or len((doc.text or "").split()) < 5):
        # precision mode sometimes discards a whole article (a sports brief); recall it then. Only then:
        # a fallback on every short extraction costs 0.006 F1 on trafilatura's French pages
        doc = main_text(name, page, url, False, blocks) or doc
    meta = _metadata(page, url) if doc is not None else None
    text = _paragraphs(getattr(doc, "text", None) or "") if doc is not None else ""
    text = "\n\n".join(split_all_glued(text.split("\n\n"), blocks))
    paras, dropped = filter_paragraphs(text.split("\n\n"), identify(text)[0]) if text else ([], [])
    title = _headline(tree, _clean(meta.title)) if meta is not None else None
    if paras and title and _fold(paras[0]) == _fold(title):  # the <h1> kept as the first paragraph
        dropped.append(Removed(text=paras.pop(0), reason="title repeated in the body"))
    text = "\n\n".join(paras)
    if not has_article_text(paras) or meta is None:
        raise InputError(
            name, "no_article", "HTML has no article text (only menus, headlines or short lines)"
        )
    out = Extracted(
        text=text,
        title=title,
        site_name=_clean(meta.sitename),
        authors=_authors(meta.author),
        url=url or _clean(meta.url),
    )
    published = _html_date(tree if tree is not None else html, out.url)
    if published:
        out.published, out.published_source = published, "html-metadata"
    out.removed = dropped + _removed_lines(blocks, text, {_fold(r.text) for r in dropped})
    return out


def _metadata(page, url: str | None):
    """trafilatura's title, author, site name and URL; None where trafilatura's own metadata pass fails
    (it then discards the whole page, which veille reports as having no article)."""
    try:
        return page_metadata(page, url)
    except (ValueError, TypeError):
        return None


_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
#: Element nesting kept. libxml2 stops building the tree at depth 256 unless told otherwise, and
#: trafilatura does not tell it: text nested deeper (generated markup, hostile pages) vanished and the page
#: was reported as having no article. Parsed here with libxml2's huge-tree option (its own hard limit is
#: 2048), a tree deeper than MAX_DEPTH is flattened before trafilatura reads it.
MAX_DEPTH = 180


def _too_deep(tree) -> bool:
    """Flatten ``tree`` in place when it is nested deeper than MAX_DEPTH; True when it was.

    First the pure wrappers below half the limit go (no text of their own, one child element: the usual
    shape of generated nesting), which keeps paragraphs apart; if the tree is still too deep, whatever lies
    below the limit is unwrapped too, innermost first (text and children kept)."""
    # asked of libxml2 first: walking every element in Python cost 16 ms a page to find nothing to do
    if not tree.xpath(_DEEPER_THAN_MAX):
        return False
    for el, depth in reversed(_depths(tree)):
        if depth > MAX_DEPTH // 2 and len(el) == 1 and not (el.text or "").strip() and _unwrappable(el):
            el.drop_tag()
    for el, depth in reversed(_depths(tree)):
        if depth > MAX_DEPTH and _unwrappable(el):
            el.drop_tag()
    return True


#: Whether a node that iterating an lxml element visits (an element, a comment, a processing instruction)
#: has more than MAX_DEPTH element ancestors: the document element, then MAX_DEPTH steps down, then such a
#: node below. A path goes down the tree once; counting every node's ancestors (``count(ancestor::*)``)
#: cost three times as much (17 → 5 ms over the 25 HTML news pages).
_DEEPER_THAN_MAX = "boolean(/*" + "/*" * MAX_DEPTH + "/node()[not(self::text())])"


def _depths(tree) -> list[tuple]:
    """(element, depth) in document order, walked without recursion (Python's limit comes before lxml's)."""
    out, stack = [], [(tree, 0)]
    while stack:
        el, depth = stack.pop()
        out.append((el, depth))
        stack.extend((child, depth + 1) for child in reversed(el))
    return out


def _unwrappable(el) -> bool:
    return el.getparent() is not None and isinstance(el.tag, str) and el.tag not in ("body", "head")


def _parse(html: str):
    """The page's tree, from the text already decoded at the door. The bytes handed to lxml are UTF-8 and
    it is told so: left to itself libxml2 guesses from a <meta charset>, misses one that comes late in the
    <head> and falls back to Latin-1, which turned the <h1> of UTF-8 pages into mojibake ("tuÃ©")."""
    try:
        return lxml.html.fromstring(html.encode("utf-8", "replace"), parser=_UTF8_PARSER)
    except (etree.ParserError, ValueError):
        return None


_NON_WORD = re.compile(r"\W+")


def _fold(s: str) -> str:
    return _NON_WORD.sub(" ", s).strip().lower()


def _headline(tree, meta_title: str | None) -> str | None:
    """The page's <h1> when it is the headline its titles paraphrase or suffix with the site name
    ("... - National | Globalnews.ca"); otherwise the metadata title. Every title the page declares is
    compared (<title>, og:title, twitter:title): a social title written for sharing ("Le port sauvé ?")
    often differs from the headline that the <title> element repeats word for word."""
    if tree is None or meta_title is None:
        return meta_title
    declared = [meta_title, *_declared_titles(tree)]
    wants = [set(re.findall(r"\w+", t.lower())) for t in declared]
    sites = {_site_part(t) for t in declared} - {None}
    best, best_overlap = None, 0.0
    for h1 in tree.iter("h1"):
        text = _clean(h1.text_content())
        if not text or not 3 <= len(text.split()) <= 40 or _fold(text) in sites:
            continue  # the site's name set as an <h1> ("Headline | Site")
        words = set(re.findall(r"\w+", text.lower()))
        overlap = max(len(words & want) for want in wants) / max(1, len(words))
        if overlap > best_overlap:
            best, best_overlap = text, overlap
    return best if best is not None and best_overlap >= 0.6 else meta_title


_SITE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")


def _site_part(title: str) -> str | None:
    """The site's name closing a "Headline | Site" title (folded): short, and shorter than the headline
    ("Opinion | Headline" names a section before the headline, not a site after it)."""
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) < 2 or len(parts[-1].split()) > 5 or len(parts[-1].split()) >= len(parts[0].split()):
        return None
    return _fold(parts[-1])


def _declared_titles(tree) -> list[str]:
    """The titles a page declares in its head: the <title> element and the social-card titles."""
    found = [t.text_content() for t in tree.iter("title")]
    found += tree.xpath(
        "//meta[@property='og:title' or @name='og:title' or @name='twitter:title' "
        "or @property='twitter:title']/@content"
    )
    return [t for t in (_clean(str(x)) for x in found) if t]


def _html_date(page, url: str | None) -> str | None:
    """The page's own publication date from its markup (htmldate: metadata, then ``<time>`` and dated
    elements), the original date rather than an update, and without htmldate's extensive search, which
    would pick any date-like string of the text: a date is never guessed.

    ``page`` is veille's tree of the page (htmldate reads it, and prunes a copy when it gets that far),
    or its HTML when lxml could not parse it. htmldate's own parse differs from veille's only by the markup
    repairs trafilatura also makes (a doctype line, invalid XML characters); on the 232 HTML pages of the
    extraction corpora both give the same date, and handing the tree over saves htmldate's parse (2 ms a
    page)."""
    from htmldate import find_date

    try:
        found = find_date(page, url=url, original_date=True, extensive_search=False)
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


def _removed_lines(blocks: list[str], body: str, already: set[str]) -> list[Removed]:
    """Visible lines of the page that did not make it into the body, each once."""
    body_key = _NON_WORD.sub("", body).lower()
    # a line's key is its folded form without the spaces: only a line whose key is one of these can fold
    # to a text already dropped, so the fold is worked out for those alone (a fifth of this function)
    already_keys = {text.replace(" ", "") for text in already}
    out, seen = [], set()
    for line in blocks:
        key = _NON_WORD.sub("", line).lower()
        if not key or key in seen or key in body_key or (key in already_keys and _fold(line) in already):
            continue
        seen.add(key)
        out.append(Removed(text=line, reason="outside the main content (trafilatura)"))
    return out
