"""Furniture inside the body that its shape gives away, whatever the site: arrow-led links, video and
gallery titles, agency tags, date stamps, boxes framed by furniture and the list of other stories that
closes many bodies. Both the plain-text cleaner and the HTML paragraph filter use them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .headline import is_date_line

if TYPE_CHECKING:
    from .text_cleaner import Line

# ">>> Other story", "► Other story", "→ Other story": a link to another page, set off by an arrow
_ARROW_LINK = re.compile(r"^\s*(?:>{2,}|»{2,}|[►▶→⇒➜➤]+)\s*\S")
# "Firefighters search the block – video", "Le cortège en images": the title of an embedded player or gallery
_MEDIA_TITLE = re.compile(
    r"\s[–—-]\s*(?:video|vidéo|audio|podcast|in pictures|en images|en vidéo|diaporama)\s*$", re.IGNORECASE
)
# "(OUTLET with AFP, REUTERS)", "(Le Journal avec AFP)": who the copy came from, at the foot of the body
_AGENCY_TAG = re.compile(
    r"^\(\s*[^()]{0,40}?\b(?:with|avec)\s+(?:AFP|AP|Reuters|agences|wires|Belga|dpa|ANSA|EFE)\b[^()]*\)\s*$",
    re.IGNORECASE,
)
# ", opens new tab", "(opens in a new window)", "(s'ouvre dans un nouvel onglet)": screen-reader text of a
# link, read out by text renderings and some extractors in the middle of a sentence
_LINK_HINT = re.compile(
    r"\s*,?\s*\(?(?:opens (?:in )?(?:a )?new (?:tab|window)"
    r"|(?:s['’])?ouvre (?:dans )?un(?:e)? nouv(?:el|elle) (?:onglet|fenêtre))\)?(?=\s*[\s.,;:!?)]|$)",
    re.IGNORECASE,
)
_STAMP_WORDS = 6  # a date stamp is a date with at most a label ("Date created :", "Updated")
_BOX_INNER = 3  # lines a framed box holds at most
_BOX_LINE_WORDS = 25


def insert_reason(text: str, words: int) -> str | None:
    """Why a line or paragraph is an insert rather than article text, by its shape alone."""
    if words <= 30 and _ARROW_LINK.match(text):
        return "unrelated insert (arrow-led link)"
    if words <= 20 and _MEDIA_TITLE.search(text):
        return "video or gallery insert"
    if words <= 10 and _AGENCY_TAG.match(text):
        return "credits"
    return None


def is_date_stamp(text: str) -> bool:
    """A paragraph that only dates the page ("Date created : 2015-05-12"): page furniture, not body."""
    return len(text.split()) <= _STAMP_WORDS and is_date_line(text)


def framed_boxes(lines: list[Line], first: int, last: int) -> set[int]:
    """Indices of body lines inside a box framed by furniture: a short furniture line above ("Newsletter",
    "Read next") and another below ("S'inscrire", "Read more") with at most ``_BOX_INNER`` short lines
    between them: a newsletter sign-up or a teaser of another story set into the article."""
    out: set[int] = set()
    frames = [i for i in range(first, last + 1) if _frame(lines[i])]
    for top, bottom in zip(frames, frames[1:], strict=False):
        inner = range(top + 1, bottom)
        if 1 <= len(inner) <= _BOX_INNER and all(_boxable(lines[k]) for k in inner):
            out.update(inner)
    return out


def _boxable(ln: Line) -> bool:
    """A short line without a closing full stop: a teaser, a promise, a heading. A sentence that ends
    with a full stop between two ad markers ("Story continues below advertisement") is the article's."""
    return not ln.reason and ln.words <= _BOX_LINE_WORDS and not ln.text.rstrip().endswith((".", "!", "…"))


def _frame(ln: Line) -> bool:
    reason = ln.reason or ""
    return ln.words <= 4 and reason.startswith(("site furniture", "heading of a list", "unrelated insert"))


def trailing_link_list(paragraphs: list[str], bullet: re.Pattern) -> int:
    """Index where the run of bulleted headlines closing a body starts (len(paragraphs) when there is
    none): items of headline length without a closing full stop, after the last paragraph of prose, are
    links to other stories. A short item or one that opens with a date makes it the article's own list
    (a chronology, a list of sources)."""
    start = len(paragraphs)
    while start > 0 and _headline_item(paragraphs[start - 1], bullet):
        start -= 1
    return start if len(paragraphs) - start >= 2 else len(paragraphs)


def _headline_item(paragraph: str, bullet: re.Pattern) -> bool:
    m = bullet.match(paragraph)
    if not m:
        return False
    item = paragraph[m.end() :].strip()
    return (
        _HEADLINE_ITEM_WORDS <= len(item.split()) <= 30
        and not item.endswith((".", ";", ":", "!", "»", "”", '"'))
        and not is_date_line(item[:40])
    )


_HEADLINE_ITEM_WORDS = 8


def strip_link_hints(paragraph: str) -> tuple[str, list[str]]:
    """The paragraph without its links' screen-reader hints, and the hints taken out."""
    found = [m.group(0) for m in _LINK_HINT.finditer(paragraph)]
    if not found:
        return paragraph, []
    return _LINK_HINT.sub("", paragraph), found
