"""trafilatura's fast path and the guard that sends doubtful results to its full comparison, on pages the
team wrote: one whose article the fast path misses (its paragraphs are <div>s while the page has <p>
prose elsewhere, the shape of a wire story's page) and one it gets right."""

from __future__ import annotations

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from veille.stages.extract.html import _parse, extract_html
from veille.stages.extract.main_text import CONFIG, doubt, main_text, prose_outside
from veille.stages.extract.visible_text import visible_lines

_STORY = [
    "The regional council voted on Thursday for a forty million euro plan to run buses between the valley "
    "villages and the railway stations, after two years of talks with the mayors.",
    "Under the plan, every village of more than two hundred people will have at least six buses a day to "
    "the nearest station, and the first lines will open in the spring.",
    "The opposition said the money would be better spent on repairing the branch line that closed in the "
    "nineties, which once carried both passengers and timber.",
    "The transport committee will publish the timetables in March, and residents will be able to comment "
    "on them during a six week consultation in the town halls.",
    "Bus drivers' unions welcomed the plan but warned that the operator would need to hire at least thirty "
    "more drivers before the summer to run the new services.",
    "The council expects the buses to carry about a million passengers a year once every line is open, "
    "twice as many as the current school services carry.",
]
_ABOUT = (
    "<p>The Valley Courier is an independent newspaper owned by its readers since 1952, published every "
    "morning in print and online, with offices in four towns of the valley and a newsroom of twenty.</p>"
    "<p>Our journalists follow the editorial code of the national press council, and every correction we "
    "publish is listed on a page of its own, with the date and the reason for the change.</p>"
)


def _page(article: str, after: str = "") -> str:
    return (
        "<html><head><title>Buses for every valley village</title></head><body>"
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>'
        f"<main><article><h1>Buses for every valley village</h1>{article}</article></main>{after}"
        "<footer><p>Contact us</p><p>Terms of use</p></footer></body></html>"
    )


#: the story's paragraphs as <div>s, a subheading and the credits as the only <p> of the article, and
#: the paper's "about" prose in <p>s beside it: trafilatura's fast path keeps the <p>s and drops the story
_MISSED = _page(
    '<div class="article-body">' + "".join(f'<div class="text-block">{s}</div>' for s in _STORY)
    + "<h2>A long wait</h2><p>Reporting by Jane Doe; editing by John Roe</p></div>",
    after=f'<div class="about">{_ABOUT}</div>',
)
_PLAIN = _page("".join(f"<p>{s}</p>" for s in _STORY))


def _fast(html: str):
    return trafilatura.bare_extraction(load_html(html), fast=True, favor_precision=True,
                                       include_comments=False, config=CONFIG)


def _visible(html: str) -> list[str]:
    return visible_lines(_parse(html))


def test_fast_path_missing_the_article_is_doubted_and_the_full_comparison_recovers_it():
    fast = _fast(_MISSED)
    assert _STORY[0] not in fast.text  # the premise: trafilatura's fast path keeps only the <p>s
    assert doubt(fast, _visible(_MISSED)) == "prose left outside"
    doc = main_text("missed.html", load_html(_MISSED), None, True, _visible(_MISSED))
    assert doc is not None and all(s in doc.text for s in _STORY)
    assert all(s in extract_html("missed.html", _MISSED).text for s in _STORY)


def test_fast_result_that_holds_the_article_is_kept_as_it_is():
    fast = _fast(_PLAIN)
    assert doubt(fast, _visible(_PLAIN)) is None
    doc = main_text("plain.html", load_html(_PLAIN), None, True, _visible(_PLAIN))
    assert doc is not None and doc.text == fast.text and all(s in doc.text for s in _STORY)


def test_a_short_result_or_one_without_paragraphs_is_doubted():
    short = _page("<p>The council voted the bus plan on Thursday.</p>" * 2)
    assert doubt(_fast(short), _visible(short)) == "too short"
    assert doubt(None, []) == "too short"
    rows = "".join(f"<tr><td>{s}</td><td>{i}</td></tr>" for i, s in enumerate(_STORY))
    table = _page(f"<table>{rows}</table>")
    found = _fast(table)
    assert found is not None and doubt(found, _visible(table)) == "not prose"


def test_prose_outside_counts_only_sentences_missing_from_the_body():
    body = "The council voted the plan. " + _STORY[1]
    lines = ["Home", "News", _STORY[1], _STORY[2], "Buses for every valley village"]
    assert prose_outside(body, lines) == len(_STORY[2])  # menus, the headline and the kept line do not count
    # trafilatura respaces what it keeps: the comparison is on letters and digits
    assert prose_outside(body.replace(" ", "  "), [_STORY[1].replace(", ", " , ")]) == 0


def test_trafilatura_leaves_the_tree_it_is_given_untouched():
    """main_text hands trafilatura veille's parse of the page, twice when in doubt: it must prune a copy."""
    tree = load_html(_MISSED)
    before = etree.tostring(tree)
    main_text("missed.html", tree, None, True, _visible(_MISSED))
    assert etree.tostring(tree) == before
