"""Stories at store time, on both backends, with FR/EN story fixtures written for these tests
(tests/fixtures/stories/pages.jsonl: five invented events told in French and English; two of them share
their actors with another event, the hard negatives)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from test_store_conformance import postgres_url, store  # noqa: F401  (fixtures: both backends)
from veille.record import Article, Quote
from veille.stories import planting
from veille.stories.online import place_pages, recluster

_PAGES = [json.loads(line) for line in
          (Path(__file__).parent / "fixtures" / "stories" / "pages.jsonl").read_text("utf-8").splitlines()]


def _article(page: dict, text: str | None = None, key: str | None = None) -> Article:
    return Article(id=key or page["key"], url=page["url"], title=page["title"], text=text or page["text"],
                   lang=page["lang"], published=page["published"], site_name=page["site_name"])


def _events() -> dict[str, str]:
    return {p["key"]: p["event"] for p in _PAGES}


@pytest.fixture
def placed(store):  # noqa: F811
    articles = [_article(p) for p in _PAGES]
    quake = next(p for p in _PAGES if p["key"] == "quake-en")
    copy = _article(quake, planting.plant(quake["text"], random.Random(2)), key="quake-copy")
    copy.site_name, copy.published = "Reposter Daily", "2031-03-05"
    for art in (articles[[p["key"] for p in _PAGES].index("quake-en")], copy):  # the same words in both
        said = art.text.split(".")[0]
        art.quotes = [Quote(start=0, end=len(said), text=said, kind="direct", speaker_mention=None)]
    articles.append(copy)
    store.put_many(articles)
    placements = place_pages(store, articles)
    return store, {p.article_id: p for p in placements}


def test_each_event_is_one_story_across_languages(placed):
    db, by_id = placed
    events = _events()
    events["quake-copy"] = "quake"
    for a, ea in events.items():
        for b, eb in events.items():
            same = by_id[a].story_id == by_id[b].story_id
            assert same == (ea == eb), f"{a} / {b}: same story {same}, expected {ea == eb}"


def test_copy_is_folded_under_its_original(placed):
    db, by_id = placed
    assert by_id["quake-copy"].copy_of == "quake-en"
    links = db.article_links("quake-copy")
    assert [(link.kind, link.other_id) for link in links] == [("copy_of", "quake-en")]
    story = db.story(by_id["quake-en"].story_id)
    assert story.story.n_copies == 1
    said = [q.article_id for group in story.quotes_by_speaker for q in group.quotes]
    assert said == ["quake-en"]  # the copy's quote is its original's, shown once


def test_translation_link_points_from_the_machine_translated_page(placed):
    db, by_id = placed
    kinds = {(link.article_id, link.kind, link.other_id) for link in db.article_links("hydro-fr")}
    assert ("hydro-fr", "translation_of", "hydro-en") in kinds


def test_story_list_and_detail(placed):
    db, by_id = placed
    page = db.list_stories(since="2031-03-01")
    assert page.total == 5
    sizes = {s.id: s.n_articles for s in page.items}
    assert sizes[by_id["quake-en"].story_id] == 3
    assert db.list_stories(lang="fr").total == 5
    assert db.list_stories(since="2031-04-01").total == 0
    detail = db.story(by_id["tram-fr"].story_id)
    assert {a.lang for a in detail.articles} == {"fr", "en"}
    assert detail.story.langs and set(detail.story.langs) == {"fr", "en"}
    assert detail.first_report is not None
    assert db.story("s-missing") is None


def test_recluster_gives_the_same_partition(placed):
    db, by_id = placed
    stories = {p.story_id for p in by_id.values()}
    before = {frozenset(a for a, p in by_id.items() if p.story_id == s) for s in stories}
    assert recluster(db) == len(by_id)
    rows = db._rows("SELECT article_id, story_id FROM story_members")
    after: dict[str, set[str]] = {}
    for article_id, story_id in rows:
        after.setdefault(story_id, set()).add(article_id)
    assert {frozenset(v) for v in after.values()} == before


def test_placing_a_page_again_does_not_count_it_twice(placed):
    db, by_id = placed
    story_id = by_id["tram-fr"].story_id
    place_pages(db, [db.get_article("tram-fr")])
    assert db.story(story_id).story.n_articles == 2


def test_lists_and_search_show_one_entry_per_copied_report(placed):
    db, by_id = placed
    listed = [a.id for a in db.list_articles(limit=50).items]
    assert "quake-en" in listed and "quake-copy" not in listed
    found = [a.id for a in db.search("Hvolsvöllur", limit=50).items]
    assert "quake-copy" not in found and "quake-en" in found
