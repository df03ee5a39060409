"""The published stage: the page's publication date, never guessed, and where it came from.

In order of trust: what the user gave (``--published``) or the input record carried (both already set by
``extract``); the HTML metadata (htmldate through trafilatura); a date line of the page itself ("Publié le
30 août 2023 à 14h52", "Posted April 3, 2023", "Published on 30/04/2024"); the page's address
(``/2023/08/30/``). Date lines are read from the raw input (the plain-text cleaner drops them as
furniture) and parsed with dateparser, which handles the many ways bylines write dates.
``published_source`` says which.
"""

from __future__ import annotations

import logging
from datetime import date

from ...stage import Stage, Work
from .lines import date_line_near, dated_lines
from .url import date_from_url

log = logging.getLogger("veille")

_TRUSTED = ("given by the user", "input record")


class Published(Stage):
    name = "published"
    version = "1"
    requires = ("text", "removed")
    assigns = ("published",)

    def __call__(self, work: Work) -> Work:
        art = work.article
        if art.published and art.published_source in _TRUSTED:
            return work
        lines, body_at = dated_lines(work)
        from_text = date_line_near(lines, body_at, art.lang)
        from_url = date_from_url(art.url)
        if art.published and art.published_source == "html-metadata":
            _check_metadata(work, from_text, from_url)
        elif from_text:
            art.published, art.published_source = from_text.isoformat(), "page text"
        elif from_url:
            art.published, art.published_source = from_url.isoformat(), "url"
        return work


def _check_metadata(work: Work, from_text: date | None, from_url: date | None) -> None:
    """Keep the HTML date unless the page's own date line and its address agree on another day. The case:
    htmldate falls back to ``<time>`` elements when a page lacks date metadata, and a news-ticker sidebar
    then gives the crawl day (France 24, 2015)."""
    art = work.article
    if from_text and from_text == from_url and from_text.isoformat() != (art.published or "")[:10]:
        log.info("%s: HTML date %s overruled by the page's date line and address (%s)", work.source.name,
                 art.published, from_text)
        art.notes.append(f"publication date {from_text} from the page's date line and address; the HTML "
                         f"metadata said {art.published}")
        art.published, art.published_source = from_text.isoformat(), "page text"

