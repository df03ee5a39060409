"""A page's title, author, site name and address, as trafilatura reads them, without the passes veille
never uses.

``trafilatura.bare_extraction(with_metadata=True)`` also looks for the publication date (htmldate, on a
deep copy of the tree), the categories, the tags and the licence: over the 25 HTML news pages of the
corpus those cost 0.17 s of CPU, about as much as trafilatura's own body extraction in fast mode, for
fields the record does not hold (veille reads the date itself, once, in ``html._html_date``). This module
runs the same steps as ``trafilatura.metadata.extract_metadata``, in the same order, minus those four, so
the four fields come out identical (``tests/test_extract_metadata.py`` compares them with trafilatura's).
"""

from __future__ import annotations

import logging

from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document

from .cheaper_xpaths import use_cheaper_xpaths

use_cheaper_xpaths()  # trafilatura's author expressions, same answers for less CPU: see ``cheaper_xpaths``
log = logging.getLogger("veille")


def page_metadata(tree: HtmlElement, url: str | None = None) -> Document:
    """Title, author, site name and URL of ``tree`` (a tree trafilatura parsed: ``load_html``), each as
    ``trafilatura.metadata.extract_metadata`` gives it; the other fields are left empty. The tree is only
    read (trafilatura's author search works on its own copy)."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # trafilatura's rule: a one-word author in the <meta> tags is a handle
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as err:  # noqa: BLE001 -- trafilatura's own guard: its JSON-LD reader has bugs
        log.debug("JSON-LD metadata unreadable (%r)", err)
    if not meta.title:
        meta.title = extract_title(tree)
    if not meta.author:
        meta.author = extract_author(tree)
    if not meta.url:
        meta.url = extract_url(tree, url)
    if not meta.sitename:
        meta.sitename = extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")  # a Twitter handle
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url:
        found = META_URL.match(meta.url)
        if found:
            meta.sitename = found[1]
    meta.clean_and_trim()
    return meta
