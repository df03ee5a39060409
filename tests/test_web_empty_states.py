"""Empty lists and bad filters in the web UI say what happened: an empty store says how to fill it, an
empty result under filters says nothing matches them, and a bad date on the events page is a message on
the page (400), not the API's JSON error."""

from __future__ import annotations

import html
import re

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")

from webapp import web_client  # noqa: E402


def _main(page: str) -> str:
    found = re.search(r"<main.*?</main>", page, re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", found.group(0) if found else page).split()))


@pytest.fixture(scope="module")
def empty(tmp_path_factory):
    with web_client(tmp_path_factory.mktemp("empty"), []) as client:
        yield client


@pytest.mark.parametrize("path, says", [
    ("/articles", "No articles stored yet: fill the store with veille ingest PAGES"),
    ("/quotes", "No quotes stored yet"),
    ("/entities", "No entities stored yet"),
    ("/events", "no events stored"),
])
def test_an_empty_store_says_how_to_fill_it(empty, path, says):
    page = _main(empty.get(path, params={"ui": "en"}).text)
    assert says in page
    assert "Nothing found" not in page and "no entity by that name" not in page


@pytest.mark.parametrize("path, params, says", [
    ("/articles", {"q": "tramway"}, "Nothing found. Try fewer or other words"),
    ("/entities", {"q": "Kervella"}, "no entity by that name"),
    ("/events", {"actor": "Kervella"}, "No event matches these filters."),
    ("/quotes", {"speaker": "Kervella"}, "No quote found."),
])
def test_an_empty_result_under_filters_says_nothing_matches(empty, path, params, says):
    assert says in _main(empty.get(path, params={**params, "ui": "en"}).text)


def test_a_bad_date_on_the_events_page_is_a_message_on_the_page(empty):
    answer = empty.get("/events", params={"from": "yesterday", "ui": "fr"})
    assert answer.status_code == 400 and answer.headers["content-type"].startswith("text/html")
    page = _main(answer.text)
    assert "n'est pas une date de la forme AAAA-MM-JJ" in page and "yesterday" in page
    assert '{"error"' not in answer.text


def test_a_quiet_window_on_the_front_page_points_to_the_other_stories(tmp_path):
    """Two invented stories two months apart: the day window holds one, and says the store holds two."""
    import json
    from pathlib import Path

    from veille.record import Article
    from veille.stories.online import place_pages

    fixture = Path(__file__).parent / "fixtures" / "stories" / "pages.jsonl"
    pages = {p["key"]: p for p in map(json.loads, fixture.read_text("utf-8").splitlines())}
    articles = [Article(id=k, url=pages[k]["url"], title=pages[k]["title"], text=pages[k]["text"],
                        lang=pages[k]["lang"], site_name=pages[k]["site_name"],
                        published="2031-01-10" if k.startswith("tram") else pages[k]["published"])
                for k in ("tram-fr", "tram-en", "hydro-en", "hydro-fr")]
    with web_client(tmp_path, articles) as client:
        store = client.app.state.store
        assert len({p.story_id for p in place_pages(store, articles)}) == 2
        day = _main(client.get("/", params={"ui": "en"}).text)
        week = _main(client.get("/", params={"ui": "en", "window": "week"}).text)
        fr = _main(client.get("/", params={"ui": "fr"}).text)
    assert "Only 1 story in this window. See the last 7 days · all 2 stories" in day
    assert "Only 1 story in this window. all 2 stories" in week
    assert "1 seul sujet sur cette période. Voir les 7 derniers jours · les 2 sujets" in fr
