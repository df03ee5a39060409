"""The extract stage: HTML through trafilatura, plain text through veille's cleaner; then the dateline."""

from __future__ import annotations

from ...record import Signal
from ...stage import Stage, Work
from .dateline import find_dateline
from .extracted import Extracted
from .text_cleaner import clean_text, has_article_text


class Extract(Stage):
    name = "extract"
    version = "1"
    requires = ("source",)
    assigns = ("text", "title", "site_name", "authors", "url", "removed", "dateline")

    def __call__(self, work: Work) -> Work:
        src, art = work.source, work.article
        if src.kind == "html":
            from .html import extract_html  # trafilatura, lxml, htmldate: a third of a second, for HTML only

            ex: Extracted = extract_html(
                src.name, src.text, url=src.url, favor_precision=work.config.favor_precision
            )
        else:
            ex = clean_text(src.name, src.text, page_lang=work.lang_override)
            if not has_article_text(ex.text.split("\n\n")):
                from ...errors import InputError

                raise InputError(
                    src.name, "no_article", "no article text found (only furniture or very short lines)"
                )
        art.text, art.title, art.site_name, art.authors = ex.text, ex.title, ex.site_name, ex.authors
        art.title, art.site_name = src.title or art.title, src.site_name or art.site_name
        art.url = art.url or ex.url
        art.removed = ex.removed
        if ex.published:
            art.published, art.published_source = ex.published, ex.published_source
        if src.published:
            art.published, art.published_source = src.published[:10], "input record"
        if work.published_override:
            art.published, art.published_source = work.published_override, "given by the user"
        art.notes.extend(src.notes)
        if ex.duplicate_title:
            art.signals.append(
                Signal(
                    kind="duplicate_title",
                    text=ex.title,
                    detail="the page repeats its title line (with the site name)",
                )
            )
        found = find_dateline(art.text)
        if found:
            art.dateline = found[0]
        return work
