"""A page's visible text, one line per block element: a plain rendering, like a text browser's.

The extract stage compares it with the body trafilatura kept (what is left out goes to ``removed``; prose
left out makes the fast extraction doubtful) and splits glued paragraphs where its lines begin.
"""

from __future__ import annotations

import re
import threading

from lxml import etree

BLOCKS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 td th tr dt dd blockquote figcaption header footer nav "
    "section article aside form table br hr title option button label".split()
)
INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")

#: The rendering as XSLT, run by libxslt: the same walk as :func:`_walked` (a newline before and after each
#: block, nothing of an invisible element but its tail, a comment's text as the walk reads it) at a third
#: of its CPU; an lxml tree iterated in Python cost ~3 µs an element.
_STYLESHEET = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="utf-8"/>
<xsl:template match="/"><xsl:apply-templates select="*"/></xsl:template>
<xsl:template match="{'|'.join(INVISIBLE)}"/>
<xsl:template match="{'|'.join(sorted(BLOCKS))}">
<xsl:text>&#10;</xsl:text><xsl:apply-templates/><xsl:text>&#10;</xsl:text>
</xsl:template>
<xsl:template match="comment()|processing-instruction()"><xsl:value-of select="."/></xsl:template>
</xsl:stylesheet>"""
_local = threading.local()  # an XSLT object is not shared between threads (the API serves from several)
_SPACES = re.compile(r"[^\S\n]+")


def visible_lines(tree) -> list[str]:
    """The visible text under ``tree`` (an lxml.html element), a line per block, spaces squeezed, empty
    lines dropped.

    >>> import lxml.html
    >>> visible_lines(lxml.html.fromstring("<html><body><h1>Title</h1><p>One <b>two</b></p>"
    ...                                    "<script>x()</script>tail</body></html>"))
    ['Title', 'One two', 'tail']
    """
    if tree.getroottree().getroot() is tree:
        text = str(_render()(tree))
    else:  # a fragment lxml handed back without its document: XSLT would render the whole document
        text = _walked(tree)
    return [line for line in (x.strip() for x in _SPACES.sub(" ", text).split("\n")) if line]


def _render() -> etree.XSLT:
    found = getattr(_local, "xslt", None)
    if found is None:
        found = _local.xslt = etree.XSLT(etree.XML(_STYLESHEET))
    return found


def _walked(tree) -> str:
    """The same rendering, walked in Python."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in INVISIBLE:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in BLOCKS
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(tree)
    return "".join(parts)
