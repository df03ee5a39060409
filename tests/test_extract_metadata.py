"""veille's metadata pass gives trafilatura's title, author, site name and URL, on pages the team wrote."""

from __future__ import annotations

import pytest
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from veille.stages.extract.metadata import page_metadata

_BODY = ("<body><article><h1>Les cars de la vallée</h1><p>Le conseil régional a voté jeudi un plan pour les "
         "lignes de car qui relient les villages de la vallée aux gares.</p></article></body>")

PAGES = {
    "meta tags": (
        '<head><title>Les cars de la vallée | Le Courrier du Val</title>'
        '<meta name="author" content="Jeanne Martin">'
        '<meta property="og:site_name" content="Le Courrier du Val">'
        '<link rel="canonical" href="https://courrier-du-val.example/2026/03/cars.html"></head>'
    ),
    "json-ld": (
        '<head><title>Cars</title><script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "Les cars de la vallée relieront les gares", '
        '"author": [{"@type": "Person", "name": "Jeanne Martin"}, {"@type": "Person", "name": "Paul Roy"}], '
        '"publisher": {"@type": "Organization", "name": "Le Courrier du Val"}}</script></head>'
    ),
    "one-word author, handle as site name": (
        '<head><title>Les cars &amp; la vallée</title><meta name="author" content="redaction">'
        '<meta name="twitter:site" content="@courrierduval"></head>'
    ),
    "nothing declared": "<head></head>",
    "byline in the body": (
        '<head><title>Les cars</title></head><body><p class="byline">Par <span class="author">Jeanne '
        'Martin</span></p></body>'
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_metadata_matches_trafilatura(name):
    html = f"<html>{PAGES[name]}{_BODY}</html>"
    url = "https://courrier-du-val.example/cars" if name == "nothing declared" else None
    ours = page_metadata(load_html(html), url)
    theirs = extract_metadata(load_html(html), url, {"original_date": True, "extensive_search": False})
    for field in ("title", "author", "sitename", "url"):
        assert getattr(ours, field) == getattr(theirs, field), field
    assert ours.date is None and ours.categories in (None, []) and ours.tags in (None, [])


def test_page_metadata_reads_without_changing_the_tree():
    from lxml import etree

    tree = load_html(f"<html>{PAGES['json-ld']}{_BODY}</html>")
    before = etree.tostring(tree)
    assert page_metadata(tree).title == "Les cars de la vallée relieront les gares"
    assert etree.tostring(tree) == before
