"""trafilatura's expressions compiled cheaper (``cheaper_xpaths``) select what trafilatura's own select."""

from __future__ import annotations

import itertools

import lxml.html
import pytest
from lxml.etree import XPath
from trafilatura import xpaths

from veille.stages.extract.cheaper_xpaths import (
    LISTS,
    ORIGINAL_PATHS,
    REGEXP_NS,
    cheaper,
    guarded,
    use_cheaper_xpaths,
)

# attribute values that trafilatura's patterns look for, near misses, and empty ones
_VALUES = ["nav", "main-nav", "menu", "comments", "comment-list", "commentary", "author-name", "AuthorName",
           "byline", "share-buttons", "social", "article-body", "post-content", "entry-content", "related",
           "footer", "sidebar", "infinite-scroll", "mvp-post-add-box", "disqus_thread", "ad-slot", "tags",
           "wp-caption", "teaser", "elementor-share-buttons", "", "x", "Comment"]
_TAGS = ["div", "section", "span", "p", "a", "aside", "ul", "ol", "article", "main", "details"]


def _page() -> lxml.html.HtmlElement:
    """An invented page: every tag with every value as class, as id and as both, and bare elements."""
    blocks = []
    for tag, value in itertools.product(_TAGS, _VALUES):
        inner = "<li>un point</li>" if tag in ("ul", "ol") else "Le conseil a voté le budget <b>mardi</b>."
        blocks.append(f'<{tag} class="{value}">{inner}</{tag}><{tag} id="{value}">{inner}</{tag}>'
                      f'<{tag} id="{value}" class="lead {value}">{inner}<{tag}>{inner}</{tag}></{tag}>')
    body = ("<h1>Le budget voté</h1><figure><img src='a.jpg'><figcaption>Photo</figcaption></figure>"
            "<time>mardi</time><author>Jeanne Martin</author>" + "".join(blocks))
    return lxml.html.fromstring(f"<html><head><title>Budget</title></head><body>{body}</body></html>")


@pytest.fixture(scope="module")
def page():
    use_cheaper_xpaths()
    return _page()


@pytest.mark.parametrize("name", LISTS)
def test_each_cheaper_expression_selects_what_trafilatura_s_own_selects(page, name):
    use_cheaper_xpaths()
    tree = page.getroottree()
    for original, replaced in zip(ORIGINAL_PATHS[name], getattr(xpaths, name), strict=True):
        want = [tree.getpath(e) for e in XPath(original, namespaces={"re": REGEXP_NS})(page)]
        got = [tree.getpath(e) for e in replaced(page)]
        assert got == want


def test_the_lists_are_replaced_in_place_so_every_trafilatura_module_sees_them():
    from trafilatura import core, main_extractor

    use_cheaper_xpaths()
    assert main_extractor.OVERALL_DISCARD_XPATH is xpaths.OVERALL_DISCARD_XPATH
    assert core.RAW_TREE_PRUNE_XPATH is xpaths.RAW_TREE_PRUNE_XPATH
    assert xpaths.OVERALL_DISCARD_XPATH[0].path != ORIGINAL_PATHS["OVERALL_DISCARD_XPATH"][0] or \
        "re:test" not in ORIGINAL_PATHS["OVERALL_DISCARD_XPATH"][0]


def test_a_pattern_that_matches_the_empty_string_is_not_guarded():
    path = "//div[re:test(@class, 'nav') or re:test(@id, 'x?') or re:test(@title, 'a', 'i')]"
    assert guarded(path) == (
        "//div[(@class and re:test(@class, 'nav')) or re:test(@id, 'x?') or re:test(@title, 'a', 'i')]"
    )
    # the unguarded one still answers for an element without the attribute, as before
    div = lxml.html.fromstring("<div>texte</div>")
    assert XPath(guarded("self::div[re:test(@id, 'x?')]"), namespaces={"re": REGEXP_NS})(div) == [div]


def test_an_expression_with_another_namespace_prefix_is_left_alone():
    assert cheaper(XPath("//x:div", namespaces={"x": "urn:x"})) is None
    assert cheaper(XPath("//div[re:test(@class, 'a')]", namespaces={"re": REGEXP_NS})) is not None
