"""Pages without a site name in stories: a page with a web address counts for its host, a text file read
from disk for no outlet (counted apart, labelled by its file name), on both backends and in both UI
languages. The story is the invented tram story of tests/fixtures/stories, told again by a site that names
itself only by its address and by two text files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_store_conformance import postgres_url, store  # noqa: F401  (fixtures: both backends)
from veille.record import Article
from veille.store import open_store
from veille.store.outlets import outlet, source_label
from veille.stories.online import place_pages

_TRAM = {p["key"]: p for p in (json.loads(line) for line in (
    Path(__file__).parent / "fixtures" / "stories" / "pages.jsonl").read_text("utf-8").splitlines())}


def _tram_story() -> list[Article]:
    """The tram story by a named outlet, by a site known only by its address, by a text file, and by
    a page read from standard input (no name at all)."""
    fr, en = _TRAM["tram-fr"], _TRAM["tram-en"]
    named = Article(id="tram-named", url=fr["url"], title=fr["title"], text=fr["text"], lang="fr",
                    published=fr["published"], site_name=fr["site_name"])
    hosted = Article(id="tram-hosted", url="https://www.rade-info.example/tram-b", title=en["title"],
                     text=en["text"], lang="en", published="2031-03-03")
    filed = Article(id="tram-filed", source="/srv/inbox/tram-ligne-b.txt", text=fr["text"], lang="fr",
                    published="2031-03-03")
    piped = Article(id="tram-piped", source="-", text=en["text"], lang="en", published="2031-03-04")
    return [named, hosted, filed, piped]


def test_outlet_is_the_site_name_else_the_host():
    assert outlet("  Rade  Info ", "https://other.example/") == "Rade Info"
    assert outlet(None, "https://www.rade-info.example/tram-b?x=1") == "rade-info.example"
    assert outlet("", "HTTP://News.Example.:8080/a") == "news.example"
    assert outlet(None, "/srv/inbox/tram.txt") is None
    assert outlet(None, "http://[::1") is None  # malformed: no outlet, no error


def test_source_label_falls_back_to_the_file_name():
    assert source_label(None, None, "/srv/inbox/tram-ligne-b.txt") == "tram-ligne-b.txt"
    assert source_label(None, "https://www.rade-info.example/x", "/tmp/x.html") == "rade-info.example"
    assert source_label(None, None, "-") is None
    assert source_label(None, None, None) is None


def _place_tram(db) -> str:
    """The tram story stored and placed; its id."""
    pages = _tram_story()
    db.put_many(pages)
    placed = {p.article_id: p.story_id for p in place_pages(db, pages)}
    assert len(set(placed.values())) == 1, placed  # one story: the fixture's tram event told four times
    return placed["tram-named"]


@pytest.fixture
def tram(store):  # noqa: F811
    return store, _place_tram(store)


def test_story_counts_hosts_as_outlets_and_files_apart(tram):
    db, story_id = tram
    detail = db.story(story_id)
    assert sorted(detail.story.sites) == ["Ouest Demain", "rade-info.example"]
    assert detail.story.unknown_outlets == 2
    by_id = {a.id: a for a in detail.articles}
    assert by_id["tram-filed"].source == "/srv/inbox/tram-ligne-b.txt"
    assert "?" not in detail.broke_it
    listed = {s.id: s for s in db.list_stories().items}
    assert listed[story_id].unknown_outlets == 2
    ranked = {s.id: s for s in db.list_stories(order="size", days=7).items}
    assert ranked[story_id].unknown_outlets == 2 and len(ranked[story_id].sites) == 2


@pytest.mark.parametrize("ui, outlets, unknown, files", [
    ("en", "2 outlets", "2 pages of unknown source", "unknown source"),
    ("fr", "2 médias", "2 pages de source inconnue", "source inconnue"),
])
def test_story_page_names_every_source(tram, tmp_path, ui, outlets, unknown, files):
    pytest.importorskip("fastapi", reason="the UI needs the [serve] extra")
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.config import Config

    db, story_id = tram
    app = create_app(db, config=Config(data_dir=str(tmp_path)))
    with TestClient(app) as c:
        page = c.get(f"/stories/{story_id}", params={"ui": ui}).text
        front = c.get("/", params={"ui": ui, "window": "week"}).text
    labels = page.split('class="story-axis"')[1].split("</section>")[0]
    assert "?</span>" not in labels
    for shown in ("Ouest Demain", "rade-info.example", "tram-ligne-b.txt", files):
        assert shown in labels, shown
    for html in (page, front):
        assert outlets in html and unknown in html


def test_story_tree_and_article_page_say_what_is_missing(tram, tmp_path):
    pytest.importorskip("fastapi", reason="the UI needs the [serve] extra")
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.config import Config

    db, story_id = tram
    with TestClient(create_app(db, config=Config(data_dir=str(tmp_path)))) as c:
        tree = c.get(f"/stories/{story_id}").text.split('class="story-tree"')[1].split("</ul>")[0]
        filed = c.get("/articles/tram-filed", params={"ui": "fr"}).text
    assert ">(no title)</a>" in tree and ">tram-filed</a>" not in tree  # no bare ids for untitled pages
    assert "tram-ligne-b.txt" in filed.split('class="meta"')[1].split("</p>")[0]
    assert 'class="quote"' not in filed  # no quote legend for a page without quotes


def test_story_time_line_in_chromium_keeps_dots_on_their_tracks(tmp_path):
    pytest.importorskip("fastapi", reason="the UI needs the [serve] extra")
    pytest.importorskip("selenium", reason="the browser test drives Chromium with selenium (dev group)")
    from browsing import CHROMIUM, DRIVER, chromium, served, wait_for

    if not (CHROMIUM and DRIVER):
        pytest.skip("needs Debian's chromium and chromium-driver")
    db = open_store(str(tmp_path / "look.sqlite"))  # one backend is enough for the look
    story_id = _place_tram(db)
    with served(db, tmp_path) as base, chromium(tmp_path / "shots") as browser:
        browser.get(f"{base}/stories/{story_id}?ui=fr")
        wait_for(browser, ".axis-row")
        boxes = browser.execute_script(
            "return [...document.querySelectorAll('.axis-row')].map(r => [r.querySelector('.axis-label')"
            ".innerText, ...['.axis-label', '.axis-dot', 'time'].map(css => "
            "r.querySelector(css).getBoundingClientRect().toJSON())])")
        browser.save_screenshot(str(tmp_path / "shots" / "story.png"))
        colours = []
        for scheme in ("light", "dark"):
            browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                    {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            colours.append(browser.execute_script(
                "return getComputedStyle(document.querySelector('.axis-row[data-lang=fr] .axis-dot')).color"))
    db.close()
    assert colours == ["rgb(31, 95, 168)", "rgb(127, 178, 255)"]  # the theme's --chart-1, legible on dark
    assert len(boxes) == 4 and not any(label.endswith("?") for label, *_ in boxes)
    assert any(label.endswith("source inconnue") for label, *_ in boxes)  # ?ui=fr
    for label, name, dot, when in boxes:  # a dot at 0 % or 100 % runs into neither the name nor the date
        assert name["right"] <= dot["left"] and dot["right"] <= when["left"], label
