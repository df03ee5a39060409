"""The front page as the story list (issue 11 item 5): the largest and fastest-growing stories of the last
day or week, the latest articles beside them, ``/articles`` for the full list, in English and French.

The stories are invented and written through the store's own story writer (``_open_story`` /
``_add_member``, what ``veille.stories.online`` calls), so each story's size and dates are exactly what
the ranking test needs, on both backends."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from test_store_conformance import postgres_url, store  # noqa: F401  (fixtures: both backends)
from veille.record import Article
from veille.store import open_store
from webapp import record_plans, scans

# story → (title language, [(day in April 2031, language, outlet), ...]); the newest day is 10 April.
STORIES = {
    "s-harbour": ("en", [(1, "en", "Bay Courier"), (2, "fr", "Le Phare"), (3, "en", "Bay Courier"),
                         (4, "fr", "Le Phare"), (5, "en", "Tide Post"), (5, "fr", "Le Phare"),
                         (10, "en", "Tide Post")]),
    "s-bridge": ("fr", [(10, "fr", "Le Phare"), (10, "en", "Tide Post")]),
    "s-orchard": ("fr", [(8, "fr", "Gazette du Verger"), (9, "fr", "Le Phare"),
                         (9, "fr", "Gazette du Verger")]),
    "s-archive": ("en", [(1, "en", "Bay Courier")] * 4),
}
TITLES = {"s-harbour": "Harbour crane strike enters its second week",
          "s-bridge": "Le pont levant de Quimperlé rouvre après six mois de travaux",
          "s-orchard": "Les vergers de Plougastel face au gel tardif",
          "s-archive": "Ferry timetable reshuffled for the spring"}


def fill(s) -> None:
    """Store the invented stories: articles first, then their membership, in publication order."""
    pages = []
    for story_id, (title_lang, members) in STORIES.items():
        month = "03" if story_id == "s-archive" else "04"
        for n, (day, lang, site) in enumerate(members):
            title = TITLES[story_id] if n == 0 else f"{TITLES[story_id]} ({site}, {n})"
            pages.append((story_id, Article(
                id=f"{story_id}-{n}", url=f"https://{site.replace(' ', '').lower()}.example/{story_id}/{n}",
                title=title, text=f"{title}. Invented text number {n} for the front page tests.",
                lang=title_lang if n == 0 else lang, published=f"2031-{month}-{day:02d}", site_name=site)))
    s.put_many([a for _, a in pages])
    pages.sort(key=lambda p: (p[1].published, p[1].id))
    with s._transaction() as cur:
        for order, (story_id, art) in enumerate(pages, 1):
            if art.id.endswith("-0"):
                s._open_story(cur, story_id, art.id, art.title)
            s._add_member(cur, story_id, art, None, [], art.published, None, order)


def _ranked(s, order: str, days: int) -> list[tuple[str, int | None]]:
    return [(x.id, x.recent) for x in s.list_stories(order=order, days=days, limit=10).items]


def test_stories_ranked_by_size_and_growth_over_a_day_and_a_week(store):  # noqa: F811
    fill(store)
    # the day is 10 April, the newest date in the store
    assert _ranked(store, "size", 1) == [("s-bridge", 2), ("s-harbour", 1)]
    assert _ranked(store, "growth", 1) == [("s-bridge", 2), ("s-harbour", 1)]
    # the week is 4-10 April: harbour has 4 recent pages of 7, orchard 3 of 3, bridge 2 of 2
    assert _ranked(store, "size", 7) == [("s-harbour", 4), ("s-orchard", 3), ("s-bridge", 2)]
    growing = store.list_stories(order="growth", days=7, limit=10)
    assert [(x.id, x.growth) for x in growing.items] == [("s-orchard", 3.0), ("s-bridge", 2.0),
                                                        ("s-harbour", 1.0)]
    assert growing.total == 3
    assert store.list_stories(order="size", days=7, limit=1, offset=1).items[0].id == "s-orchard"
    assert store.list_stories(order="size", days=7, lang="fr", limit=10).total == 3
    assert {x.id: x.title_lang for x in store.list_stories(limit=10).items} == {
        "s-harbour": "en", "s-bridge": "fr", "s-orchard": "fr", "s-archive": "en"}


def test_ranked_story_reads_use_indexes_not_scans(tmp_path):
    """SQLite's plan for every query of the size and growth rankings searches an index; none scans."""
    s = open_store(str(tmp_path / "plan.sqlite"))
    fill(s)
    plans = record_plans(s)
    assert s.list_stories(order="growth", days=7).total == 3
    assert s.list_stories(order="size", days=1).total == 2
    s.close()
    assert plans and not scans(plans), plans


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.config import Config

    s = open_store(str(tmp_path_factory.mktemp("front") / "front.sqlite"))
    fill(s)
    with TestClient(create_app(s, config=Config(data_dir=str(tmp_path_factory.mktemp("data"))))) as c:
        yield c
    s.close()


def _section(html: str, cls: str) -> list[str]:
    """The story ids listed in one section of the front page, in order."""
    part = html.split(f'class="{cls}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'data-story="([^"]+)"', part)


def test_front_page_lists_the_largest_and_growing_stories_with_a_window_switch(client):
    html = client.get("/").text
    assert _section(html, "front-largest") == ["s-bridge", "s-harbour"]
    assert _section(html, "front-growing") == ["s-bridge", "s-harbour"]
    assert '<strong aria-current="true">over 24 hours</strong>' in html and 'href="/?window=week"' in html
    assert "up to 2031-04-10" in html
    assert "7 articles · 2 languages <abbr" in re.sub(r"\s+", " ", html)
    assert "+1 article in 24 hours" in html and "+2 articles in 24 hours" in html
    week = client.get("/", params={"window": "week"}).text
    assert _section(week, "front-largest") == ["s-harbour", "s-orchard", "s-bridge"]
    assert _section(week, "front-growing") == ["s-orchard", "s-bridge", "s-harbour"]
    assert "+4 articles in 7 days" in week
    # titles carry their own language; the page the UI's
    assert f'href="/stories/s-bridge" lang="fr">{TITLES["s-bridge"]}</a>' in html
    assert '<html lang="en">' in html
    # the latest articles beside the stories, with a link to all of them
    assert 'class="front-latest"' in html and 'href="/articles">All articles (16) →</a>' in html


def test_front_page_in_french(client):
    html = re.sub(r"\s+", " ", client.get("/", params={"ui": "fr", "window": "week"}).text)
    assert '<html lang="fr">' in html
    for label in ("Sujets qui montent", "Les plus grands sujets", "sur 24 heures",
                  '<strong aria-current="true">sur 7 jours</strong>', "7 articles · 2 langues <abbr",
                  "3 médias", "3 articles · 1 langue <abbr", "jusqu’au 2031-04-10", "+3 articles en 7 jours",
                  "Derniers articles",
                  "Tous les articles (16) →"):
        assert label in html, label
    assert f'lang="en">{TITLES["s-harbour"]}</a>' in html
    listing = re.sub(r"\s+", " ", client.get("/stories", params={"ui": "fr"}).text)
    assert "3 sujets" not in listing and "4 sujets" in listing and "2 articles · 2 langues" in listing
    story = re.sub(r"\s+", " ", client.get("/stories/s-bridge", params={"ui": "fr"}).text)
    assert "Chronologie" in story and "Copies et traductions" in story and "aucune citation" in story
    assert "2 articles · 2 langues" in story and "2 médias" in story
    missing = client.get("/stories/s-nope", params={"ui": "fr"})
    assert missing.status_code == 404 and "aucun sujet n&#39;a l&#39;identifiant" in missing.text


def test_articles_list_and_search_keep_their_addresses(client):
    listing = client.get("/articles").text
    assert len(re.findall(r'class="title" href="/articles/', listing)) == 16
    assert 'class="pager"' in listing and "front-largest" not in listing
    # a query or a filter on / is the search, as before
    found = client.get("/", params={"q": "Plougastel"}).text
    assert "front-largest" not in found and TITLES["s-orchard"] in found
    by_lang = client.get("/", params={"lang": "fr", "ui": "en"}).text
    assert "front-largest" not in by_lang and re.search(r"Latest articles <small>\(\d+\)", by_lang)
    assert client.get("/", params={"from": "April"}).status_code == 400
    assert client.get("/articles", params={"from": "April"}).status_code == 400


def test_front_page_of_a_store_without_stories(tmp_path):
    pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.config import Config

    s = open_store(str(tmp_path / "plain.sqlite"))
    s.put(Article(id="a1", url="https://x.example/1", title="Le marché couvert rouvre",
                  text="Le marché rouvre.", lang="fr", published="2031-05-02", site_name="Le Phare"))
    with TestClient(create_app(s, config=Config(data_dir=str(tmp_path / "data")))) as c:
        html = c.get("/").text
        assert "No stories stored yet" in html and "Le marché couvert rouvre" in html
        assert 'lang="fr">Le marché couvert rouvre</a>' in html
        assert "Aucun sujet enregistré" in c.get("/", params={"ui": "fr"}).text
    s.close()
    empty = open_store(str(tmp_path / "empty.sqlite"))
    with TestClient(create_app(empty, config=Config(data_dir=str(tmp_path / "data2")))) as c:
        html = c.get("/").text
        assert "No stories stored yet" in html and "No articles stored yet." in html
    empty.close()


CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
SHOTS = Path("/tmp/shots-front")


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="needs Debian's chromium and chromium-driver")
def test_front_page_screenshots_in_english_and_french(client, tmp_path):
    pytest.importorskip("selenium", reason="the browser test drives Chromium with selenium (dev group)")
    from selenium.webdriver.common.by import By

    from browsing import chromium, served_app, shoot

    with served_app(client.app) as base, chromium(SHOTS) as driver:
        for ui, heading in (("en", "Growing stories"), ("fr", "Sujets qui montent")):
            driver.get(f"{base}/?ui={ui}&window=week")
            assert driver.find_element(By.ID, "growing-title").text == heading
            items = driver.find_elements(By.CSS_SELECTOR, ".front-largest .story-item")
            assert [i.get_attribute("data-story") for i in items] == ["s-harbour", "s-orchard", "s-bridge"]
            shoot(driver, SHOTS, f"front-{ui}")
        driver.find_element(By.LINK_TEXT, TITLES["s-orchard"]).click()
        assert driver.find_element(By.TAG_NAME, "h1").text == TITLES["s-orchard"]
        shoot(driver, SHOTS, "story-fr")
