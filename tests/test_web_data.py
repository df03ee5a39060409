"""The data pages in process: search that knows entities (facets, reasons, sort), the quotes page, the
one pager on every list, export links, and the API's search parameters. Invented records only."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")


from veille.paging import offset_for, pager_links  # noqa: E402
from veille.record import Span  # noqa: E402
from veille.store.synthetic import EntitySpec, annotate  # noqa: E402
from webapp import web_client  # noqa: E402  (tests/ is on the path)

PUTIN_FR = EntitySpec("Q7747", "Vladimir Putin", "PER", ["Vladimir Poutine", "Poutine"])
PUTIN_EN = EntitySpec("Q7747", "Vladimir Putin", "PER", ["Vladimir Putin", "Putin"])
OSLO = EntitySpec("Q585", "Oslo", "GPE", ["Oslo"])
FR = ("OSLO - Vladimir Poutine a reçu mardi une délégation de pêcheurs venus d'Oslo. « Les quotas du hareng "
      "seront revus au printemps », a promis Poutine à ses visiteurs.")
EN = ("Vladimir Putin met a delegation of herring fishers from Oslo on Tuesday. \"Quotas will be reviewed in "
      "spring,\" Putin told the visitors, according to the fishers' union.")
TOWNS = [EntitySpec(f"L-town{i:02d}", f"Brevelund{i:02d}", "GPE", [f"Brevelund{i:02d}"]) for i in range(60)]


def records():
    fr = annotate("fr-hareng", FR, title="Poutine promet de revoir les quotas", lang="fr",
                  site_name="Le Pêcheur", published="2024-02-06", entities=[PUTIN_FR, OSLO],
                  quotes=[("Les quotas du hareng seront revus au printemps", "Q7747")],
                  events=[("CONSULT", "Q7747", "Q585", "reçu")])
    en = annotate("en-herring", EN, title="Putin meets herring fishers", lang="en", site_name="Fish Daily",
                  published="2024-04-02", entities=[PUTIN_EN, OSLO],
                  quotes=[("Quotas will be reviewed in spring,", "Q7747")],
                  events=[("CONSULT", "Q7747", None, "met")])
    cue = FR.index("a promis")
    fr.quotes[0].cue = Span(start=cue, end=cue + len("a promis"), text="a promis")
    towns = annotate("towns", "Les communes " + ", ".join(t.name for t in TOWNS) + " se sont jumelées.",
                     title="Soixante communes jumelées", lang="fr", published="2023-11-20", entities=TOWNS)
    return [fr, en, towns]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with web_client(tmp_path_factory.mktemp("webdata"), records()) as c:
        yield c


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_searching_either_spelling_finds_both_articles_and_says_why(client):
    for query in ("Putin", "Poutine"):
        html = client.get("/", params={"q": query}).text
        assert "2 articles for" in html, query
        assert "Poutine promet de revoir les quotas" in html and "Putin meets herring fishers" in html
        assert "Vladimir Putin (entity)" in _text(html)
    html = client.get("/", params={"q": "Putin"}).text
    assert "Vladimir Putin (entity) as “Poutine”, “Vladimir Poutine”" in _text(html)
    assert "<mark>Poutine</mark>" in html or "<mark>Vladimir Poutine</mark>" in html


def test_search_facets_link_to_the_narrowed_list(client):
    html = client.get("/", params={"q": "Putin"}).text
    facets = html[html.index('class="facets"'):]
    assert 'href="/?q=Putin&amp;lang=fr"' in facets and 'href="/?q=Putin&amp;site=Le+P%C3%AAcheur"' in facets
    assert 'href="/?q=Putin&amp;entity=Q585"' in facets and 'href="/?q=Putin&amp;type=GPE"' in facets
    # the month axis runs from February to April with March empty; a month links to its date range
    months = re.findall(r'title="(\d{4}-\d{2}): (\d+)"', facets)
    assert months == [("2024-02", "1"), ("2024-03", "0"), ("2024-04", "1")]
    assert 'href="/?q=Putin&amp;from=2024-02-01&amp;to=2024-02-29"' in facets
    narrowed = client.get("/", params={"q": "Putin", "lang": "fr"}).text
    assert "1 article for" in narrowed and "Poutine promet" in narrowed


def test_search_sorts_by_date_on_request(client):
    titles = re.findall(r'class="title" href="/articles/([^"]+)"', client.get("/", params={"q": "Oslo",
                                                                                        "sort": "date"}).text)
    assert titles == ["en-herring", "fr-hareng"]
    html = client.get("/", params={"q": "Oslo", "sort": "date"}).text
    assert '<strong aria-current="true">newest</strong>' in html and "sort=relevance" in html


def test_quotes_page_finds_a_speaker_in_any_spelling(client):
    for speaker in ("Poutine", "putin", "Q7747"):
        html = client.get("/quotes", params={"speaker": speaker}).text
        assert "2 quotes" in html and "Vladimir Putin</a> (entity)" in html, speaker
        assert "Les quotas du hareng seront revus au printemps" in html and "Fish Daily" in html
    fr = client.get("/quotes", params={"speaker": "Putin", "lang": "fr"}).text
    assert "1 quote)" in fr and "Quotas will be reviewed" not in fr
    assert '<span class="cue" lang="fr">a promis</span>' in fr
    assert "2024-02-06" in fr and "/articles/fr-hareng" in fr
    words = client.get("/quotes", params={"q": "hareng"}).text
    assert "Les quotas du <mark>hareng</mark> seront revus" in words
    assert '<blockquote class="quote-direct" lang="fr">' in words
    site = client.get("/quotes", params={"site": "Fish Daily"}).text
    assert "Quotas will be reviewed" in site and "hareng" not in site
    assert "No entity is called" in client.get("/quotes", params={"speaker": "Nobody Atall"}).text
    assert client.get("/quotes", params={"from": "soon"}, headers={"accept": "text/html"}).status_code == 400


@pytest.mark.parametrize("hostile", ['"', "'; DROP TABLE quotes; --", "NEAR(a b)", "x" * 5000, "\x00", "%_%",
                                     "poutine:*", "!poutine & | <->", "🙂", "<script>alert(1)</script>"])
def test_hostile_filters_give_a_page_or_a_clean_400(client, hostile):
    for path, key in (("/quotes", "speaker"), ("/quotes", "q"), ("/quotes", "site"), ("/", "q"),
                      ("/", "site"), ("/", "type"), ("/", "sort"), ("/", "entity")):
        params = {key: hostile, **({"q": "Oslo"} if key != "q" and path == "/" else {})}
        resp = client.get(path, params=params, headers={"accept": "text/html"})
        assert resp.status_code in (200, 400), (path, key, resp.status_code)
        assert "<script>alert(1)</script>" not in resp.text
    assert client.get("/quotes").status_code == 200 and "2 quotes" in client.get("/quotes").text


def test_every_list_has_the_pager_and_export_links(client):
    first = client.get("/entities").text
    second = client.get("/entities", params={"page": "2"}).text
    ids = [re.findall(r"<code>([^<]+)</code>", h) for h in (first, second)]
    assert len(ids[0]) == 50 and len(ids[1]) == 12 and not set(ids[0]) & set(ids[1])
    assert 'rel="next" href="/entities?page=2"' in first and 'rel="prev" href="/entities"' in second
    assert "51–62 of 62" in _text(second)
    assert 'href="/api/entities?limit=50&amp;offset=50&amp;format=csv"' in second
    for path, api in (("/quotes", "/api/quotes"), ("/events", "/api/events"), ("/?q=Oslo", "/api/search")):
        html = client.get(path).text
        assert 'class="pager"' in html and f'href="{api}?' in html, path


def test_api_search_reads_entities_and_gives_facets_and_paging(client):
    page = client.get("/api/search", params={"q": "Poutine", "facets": "true", "limit": 1}).json()
    assert page["total"] == 2 and page["pages"] == 2 and page["next_offset"] == 1
    assert page["understood"][0]["entities"][0]["name"] == "Vladimir Putin"
    assert {v["value"] for v in page["facets"]["lang"]} == {"fr", "en"}
    assert page["items"][0]["why"][0]["entity"]["id"] == "Q7747"
    dated = client.get("/api/search", params={"q": "Oslo", "sort": "date"}).json()
    assert [a["id"] for a in dated["items"]] == ["en-herring", "fr-hareng"]
    assert client.get("/api/search", params={"q": "Oslo", "sort": "sideways"}).status_code == 400
    assert client.get("/api/search", params={"q": "Oslo", "type": "PLANET"}).status_code == 400
    fish = client.get("/api/quotes", params={"site": "Fish Daily"}).json()
    assert [q["site_name"] for q in fish["items"]] == ["Fish Daily"]


def test_one_paging_helper_turns_pages_into_offsets_and_links():
    assert [offset_for(p, 20) for p in ("1", "2", "²", "-1", None, 3)] == [0, 20, 0, 0, 0, 40]
    links = pager_links("/quotes", {"speaker": "Putin", "page": "5", "lang": ""}, total=300, limit=30,
                        offset=120)
    assert (links.page, links.pages) == (5, 10)
    assert links.prev == "/quotes?speaker=Putin&page=4" and links.next == "/quotes?speaker=Putin&page=6"
    assert [n for n, _ in links.numbered] == [1, 3, 4, 5, 6, 7, 10]
    assert dict(links.numbered)[5] is None and dict(links.numbered)[1] == "/quotes?speaker=Putin"
    assert pager_links("/x", {}, total=0, limit=10, offset=0).next is None
