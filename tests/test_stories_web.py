"""Stories over HTTP: the API (in process) and the story pages in a real headless browser, on the FR/EN
story fixtures written for the tests (tests/fixtures/stories)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the API needs the [serve] extra")

from fastapi.testclient import TestClient  # noqa: E402

from veille.api import create_app  # noqa: E402
from veille.config import Config  # noqa: E402
from veille.record import Article  # noqa: E402
from veille.store import open_store  # noqa: E402
from veille.stories.online import place_pages  # noqa: E402

_PAGES = [json.loads(line) for line in
          (Path(__file__).parent / "fixtures" / "stories" / "pages.jsonl").read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("stories") / "web.sqlite"))
    articles = [Article(id=p["key"], url=p["url"], title=p["title"], text=p["text"], lang=p["lang"],
                        published=p["published"], site_name=p["site_name"]) for p in _PAGES]
    store.put_many(articles)
    placed = {p.article_id: p.story_id for p in place_pages(store, articles)}
    yield store, placed
    store.close()


@pytest.fixture(scope="module")
def app(filled, tmp_path_factory):
    return create_app(filled[0], config=Config(data_dir=str(tmp_path_factory.mktemp("data"))))


def test_api_lists_stories_with_languages(app, filled):
    with TestClient(app) as c:
        body = c.get("/api/stories", params={"from": "2031-03-01", "lang": "en"}).json()
        assert body["total"] == 5
        assert all(set(s["langs"]) == {"fr", "en"} for s in body["items"])
        assert c.get("/api/stories", params={"from": "2031-13-01"}).status_code == 400


def test_api_story_detail_and_provenance(app, filled):
    _, placed = filled
    with TestClient(app) as c:
        detail = c.get(f"/api/stories/{placed['hydro-fr']}").json()
        assert {a["id"] for a in detail["articles"]} == {"hydro-fr", "hydro-en"}
        assert {"article_id": "hydro-fr", "other_id": "hydro-en", "kind": "translation_of"}.items() <= \
            detail["links"][0].items()
        links = c.get("/api/article-links/hydro-en").json()
        assert [(x["article_id"], x["kind"]) for x in links] == [("hydro-fr", "translation_of")]
        missing = c.get("/api/stories/s-nope")
        assert missing.status_code == 404 and "error" in missing.json()
        assert c.get("/api/article-links/nope").status_code == 404


def test_story_pages_render(app, filled):
    _, placed = filled
    with TestClient(app) as c:
        listing = c.get("/stories")
        assert listing.status_code == 200 and "Portugal and Morocco sign green hydrogen" in listing.text
        page = c.get(f"/stories/{placed['tram-fr']}")
        assert page.status_code == 200
        assert "Brest inaugure sa deuxième ligne de tramway" in page.text
        assert "French port city Brest opens second tram line" in page.text
        assert c.get("/stories/s-nope").status_code == 404
        assert c.get("/stories", params={"from": "yesterday"}).status_code == 400


CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="needs Debian's chromium and chromium-driver")
def test_browser_story_page_of_a_two_language_story(app, filled, tmp_path):
    pytest.importorskip("selenium", reason="the browser test drives Chromium with selenium (dev group)")
    from selenium.webdriver.common.by import By

    from browsing import chromium, served_app

    with served_app(app) as base, chromium(tmp_path / "shots") as driver:
        driver.get(f"{base}/stories")
        driver.find_element(By.LINK_TEXT, "Portugal and Morocco sign green hydrogen pipeline deal").click()
        rows = driver.find_elements(By.CSS_SELECTOR, ".axis-row")
        assert sorted(r.get_attribute("data-lang") for r in rows) == ["en", "fr"]
        tree = driver.find_elements(By.CSS_SELECTOR, ".story-tree li")
        assert [li.get_attribute("data-article") for li in tree] == ["hydro-en", "hydro-fr"]
        assert "translation of" in tree[1].text


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "ndjson", "text"])
def test_cli_stories_speaks_every_listing_format(filled, fmt):
    """`veille stories --format …`: the same five formats as every listing command, read back."""
    import csv
    import io

    from click.testing import CliRunner

    from veille.cli.main import cli

    store, placed = filled
    result = CliRunner().invoke(cli, ["stories", "--db", str(store.path), "--format", fmt, "--limit", "50"])
    assert result.exit_code == 0, result.output
    n = len(set(placed.values()))
    if fmt in ("csv", "tsv"):
        rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t" if fmt == "tsv" else ","))
        assert len(rows) == n and {"fr", "en"} <= set(rows[0]["langs"].split("; "))
    elif fmt == "json":
        assert len(json.loads(result.stdout)) == n
    elif fmt == "ndjson":
        assert all(json.loads(line)["n_articles"] >= 1 for line in result.stdout.splitlines())
    else:
        assert len(result.stdout.splitlines()) == n and "articles" in result.stdout
    assert f"of {n} stories" in result.stderr
