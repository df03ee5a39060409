"""The page's main text through trafilatura: its fast path first, its full comparison only when the fast
result looks doubtful.

trafilatura's full path compares its own extraction with readability's and, for a short or unclean
result, jusText's; that comparison is most of its cost (on the 232 HTML pages of the extraction corpora,
8.5 s of CPU against 5.8 s in fast mode) and changes the result on few pages (9 of the 232), but on those
it recovers the whole article the fast path missed (a wire story whose body sits outside the block
trafilatura picks, keeping only its credits). So the fast result is checked against what the full path
reacts to, and the full path runs when one of these holds (:func:`doubt`):

* **too short**: no text, or less than trafilatura's ``MIN_EXTRACTED_SIZE`` (250 characters) — where its
  full path asks jusText;
* **not prose**: no paragraph text in the body, or more tables than paragraphs — readability's structural
  trigger in trafilatura (``_prefer_readability``);
* **unclean**: the body still holds furniture (``aside``, ``figure``, ``nav``… trafilatura's
  ``SANITIZED_XPATH``) — where its full path asks jusText too;
* **prose left outside**: the page's visible prose lines (``PROSE_WORDS`` words or more: sentences, not
  menus, headlines or captions) that are not in the body hold more than ``OUTSIDE_RATIO`` times the body's
  characters. readability replaces trafilatura's body when its own text is more than twice as long, and
  readability keeps prose; so a body much shorter than the prose around it is the case to check.

On the 232 pages all 9 differing pages are caught (the lowest "prose outside" ratio among them, on a
page not already too short, is 3.4) and 23 pages in all take the full path.
"""

from __future__ import annotations

import re

import trafilatura
from lxml.html import HtmlElement
from trafilatura.external import SANITIZED_XPATH
from trafilatura.settings import Document, use_config

from ...errors import InputError
from .cheaper_xpaths import use_cheaper_xpaths

use_cheaper_xpaths()  # trafilatura's expressions, same answers for less CPU: see ``cheaper_xpaths``
CONFIG = use_config()
CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals do not work outside the main thread
#: under this many characters trafilatura's full path asks jusText (its ``MIN_EXTRACTED_SIZE``)
MIN_SIZE = CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE")
#: a visible line of this many words is prose (a sentence), not a menu item, a headline or a caption
PROSE_WORDS = 15
#: prose outside the body, against the body's length, above which the full comparison runs
OUTSIDE_RATIO = 2.0


def main_text(name: str, tree: HtmlElement, url: str | None, favor_precision: bool,
              visible: list[str]) -> Document | None:
    """trafilatura's body of ``tree`` (its own parse, ``trafilatura.utils.load_html``; left untouched):
    the fast path's, or the full path's when :func:`doubt` finds the fast one doubtful. ``visible`` is
    the page's visible text, a line per block. None when trafilatura finds no text."""
    doc = _run(name, tree, url, favor_precision, fast=True)
    if doubt(doc, visible) is not None:
        doc = _run(name, tree, url, favor_precision, fast=False)
    return doc


def doubt(doc: Document | None, visible: list[str]) -> str | None:
    """Why a fast extraction may have missed the article (see the module's docstring), or None."""
    text = (doc.text or "") if doc is not None else ""
    if len(text) < MIN_SIZE:
        return "too short"
    body = doc.body if doc is not None else None
    if body is None or not body.xpath(".//p//text()") or len(body.findall(".//table")) > len(
            body.findall(".//p")):
        return "not prose"
    if body.xpath(SANITIZED_XPATH):
        return "unclean"
    if prose_outside(text, visible) > OUTSIDE_RATIO * len(text):
        return "prose left outside"
    return None


_NON_WORD = re.compile(r"\W+")


def prose_outside(text: str, visible: list[str]) -> int:
    """Characters of the visible prose lines that ``text`` does not contain (compared on letters and
    digits only, as trafilatura rejoins and respaces what it keeps)."""
    key = _NON_WORD.sub("", text).lower()
    return sum(len(line) for line in visible
               if len(line.split()) >= PROSE_WORDS and _NON_WORD.sub("", line).lower() not in key)


def _run(name: str, tree: HtmlElement, url: str | None, favor_precision: bool, fast: bool) -> Document | None:
    try:
        doc = trafilatura.bare_extraction(
            tree,  # trafilatura prunes a copy of the tree it is given (tested: test_extract_main_text)
            url=url,
            fast=fast,
            favor_precision=favor_precision,
            include_comments=False,
            with_metadata=False,  # read apart, without the fields veille does not use (``metadata``)
            deduplicate=False,
            config=CONFIG,
        )
    except (ValueError, TypeError, AttributeError) as exc:  # malformed markup trafilatura cannot parse
        raise InputError(name, "no_article", f"HTML could not be parsed ({exc})") from exc
    return doc if isinstance(doc, Document) else None
