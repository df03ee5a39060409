"""trafilatura's XPath expressions compiled again to cost less, with the same answers.

Half of trafilatura's fast extraction is spent evaluating its XPath expressions (pruning the page's
furniture, finding the body, the author), and most of that in their ``re:test(@class, '...')`` calls:
libxml2 calls back into Python for every candidate element, and lxml wraps each attribute value it hands
over as a "smart string" (a string that knows its element). Two changes, both exact:

* **no smart strings** (``smart_strings=False``): the expressions select elements, never strings, so
  only the values handed to ``re:test`` change type (plain ``str``), and the regular expression sees
  the same text;
* **no call for a missing attribute**: ``re:test(@id, 'P')`` on an element without ``id`` tests the
  empty string, so where ``P`` does not match the empty string it is written ``(@id and re:test(@id,
  'P'))`` — XPath's ``and`` does not evaluate its right side when the left one is false. A pattern that
  matches the empty string is left as it is.

About a quarter less CPU for these expressions over the 25 HTML news pages. The expressions are
trafilatura's own, read from its module when veille starts (a new trafilatura brings its new
expressions); the lists are replaced in place, so every trafilatura module that imported them uses the
new ones. ``tests/test_extract_cheaper_xpaths.py`` checks that each selects what the original selects.
"""

from __future__ import annotations

import re
from threading import Lock

from lxml.etree import XPath
from trafilatura import xpaths

#: the EXSLT regular-expression namespace trafilatura's expressions call ``re:``
REGEXP_NS = "http://exslt.org/regular-expressions"
#: trafilatura's lists of element-selecting expressions on its body, comment and author paths
LISTS = (
    "BODY_XPATH", "COMMENTS_XPATH", "REMOVE_COMMENTS_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH",
    "RAW_TREE_PRUNE_XPATH", "OVERALL_DISCARD_XPATH", "TEASER_DISCARD_XPATH", "PRECISION_DISCARD_XPATH",
    "DISCARD_IMAGE_ELEMENTS", "COMMENTS_DISCARD_XPATH", "AUTHOR_XPATHS", "AUTHOR_DISCARD_XPATHS",
)
#: ``re:test`` of one attribute and a pattern, without flags: ``re:test(@class, 'nav|menu')``
_ATTRIBUTE_TEST = re.compile(r"re:test\((@[\w-]+), '([^']*)'\)")
#: a namespace prefix in an expression (``re:test``), not an axis (``self::div``)
_PREFIX = re.compile(r"(?<![:\w-])([A-Za-z_][\w.-]*):(?!:)")

#: each replaced list's expressions as trafilatura wrote them (the tests compare with them)
ORIGINAL_PATHS: dict[str, list[str]] = {}
_lock = Lock()


def guarded(path: str) -> str:
    """``path`` with every ``re:test(@attr, 'P')`` whose ``P`` cannot match the empty string guarded by
    the attribute's presence.

    >>> guarded("//div[re:test(@class, 'nav|menu') or re:test(@id, '^$|x')]")
    "//div[(@class and re:test(@class, 'nav|menu')) or re:test(@id, '^$|x')]"
    """

    def guard(m: re.Match) -> str:
        return m.group(0) if re.search(m.group(2), "") else f"({m.group(1)} and {m.group(0)})"

    return _ATTRIBUTE_TEST.sub(guard, path)


def cheaper(expression: XPath) -> XPath | None:
    """The cheaper form of one of trafilatura's expressions; None when it uses a namespace prefix other
    than ``re`` (its namespaces cannot be read back from the compiled expression)."""
    path = expression.path
    if set(_PREFIX.findall(path)) - {"re"}:
        return None
    return XPath(guarded(path), namespaces={"re": REGEXP_NS}, smart_strings=False)


def use_cheaper_xpaths() -> None:
    """Replace, in place and once per process, the expressions of trafilatura's ``LISTS``."""
    with _lock:
        for name in LISTS:
            found = getattr(xpaths, name, None)
            if name in ORIGINAL_PATHS or not isinstance(found, list):
                continue
            if not all(isinstance(x, XPath) for x in found):
                continue
            ORIGINAL_PATHS[name] = [x.path for x in found]
            found[:] = [cheaper(x) or x for x in found]
