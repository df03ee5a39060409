"""The analyst's walk in a real headless browser (Chromium driven by Selenium): search "Putin" and find
the French page that says "Poutine", with facets; the quotes page filtered by speaker; its exports; the
speaker's entity page; page 2 of the entities. The server is uvicorn over a store of invented records
(no models needed); screenshots of each page go to $VEILLE_SHOTS (default /tmp/shots-webdata/)."""

from __future__ import annotations

import csv
import io
import json
import os
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")
pytest.importorskip("selenium", reason="the browser test drives Chromium with selenium (dev group)")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from browsing import chromium, needs_chromium, served_records, shoot, wait_for  # noqa: E402
from test_web_data import records  # noqa: E402  (tests/ is on the path: pytest prepends it)

pytestmark = needs_chromium
SHOTS = Path(os.environ.get("VEILLE_SHOTS", "/tmp/shots-webdata"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with served_records(tmp_path_factory.mktemp("browse"), records(), "browse.sqlite") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium(SHOTS) as driver:
        yield driver


def _shot(browser, name: str) -> None:
    shoot(browser, SHOTS, name)


def _fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return resp.headers.get("content-type", ""), resp.read()


def test_search_quotes_entity_and_pages_walk(server, browser):
    browser.get(server + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("Putin", Keys.ENTER)
    wait_for(browser, ".facets")
    titles = [t.text for t in browser.find_elements(By.CSS_SELECTOR, ".results .title")]
    assert "Poutine promet de revoir les quotas" in titles and "Putin meets herring fishers" in titles
    assert "Vladimir Putin (entity)" in browser.find_element(By.CSS_SELECTOR, ".understood").text
    results = browser.find_elements(By.CSS_SELECTOR, ".result")
    french = results[titles.index("Poutine promet de revoir les quotas")]
    assert "as “Poutine”" in french.find_element(By.CSS_SELECTOR, ".why").text
    facet_lang = browser.find_elements(By.CSS_SELECTOR, ".facet-lang a")
    langs = {(a.text, a.get_attribute("title")) for a in facet_lang}
    assert langs == {("French", "fr"), ("English", "en")}
    bars = browser.find_elements(By.CSS_SELECTOR, ".histogram .hbar")
    assert [b.get_attribute("title") for b in bars] == ["2024-02: 1", "2024-03: 0", "2024-04: 1"]
    _shot(browser, "1-search-putin")
    browser.find_element(By.LINK_TEXT, "French").click()  # a facet adds its filter
    WebDriverWait(browser, 20).until(ec.title_contains("Search"))
    assert [t.text for t in browser.find_elements(By.CSS_SELECTOR, ".results .title")] == [
        "Poutine promet de revoir les quotas"]
    _shot(browser, "2-search-putin-fr")

    browser.find_element(By.LINK_TEXT, "Quotes").click()
    field = wait_for(browser, "input[name=speaker]")
    field.send_keys("Poutine", Keys.ENTER)
    WebDriverWait(browser, 20).until(ec.title_contains("Poutine"))
    rows = browser.find_elements(By.CSS_SELECTOR, ".quote-row")
    assert len(rows) == 2
    assert all("Vladimir Putin" in r.find_element(By.CSS_SELECTOR, ".who").text for r in rows)
    said = [r.find_element(By.CSS_SELECTOR, "q.said").text for r in rows]
    assert said == ["Quotas will be reviewed in spring,", "Les quotas du hareng seront revus au printemps"]
    _shot(browser, "3-quotes-speaker-poutine")

    export = browser.find_element(By.CSS_SELECTOR, ".pager .export-json").get_attribute("href")
    kind, body = _fetch(export)
    assert kind.startswith("application/json")
    assert [q["text"] for q in json.loads(body)] == said  # the export: every matching row, an array

    rows[0].find_element(By.CSS_SELECTOR, ".who a").click()
    WebDriverWait(browser, 20).until(ec.title_contains("Vladimir Putin"))
    assert "Quotas will be reviewed in spring" in browser.find_element(By.TAG_NAME, "main").text
    _shot(browser, "4-entity-putin")

    browser.get(server + "/entities")
    first = [c.text for c in browser.find_elements(By.CSS_SELECTOR, "table.entities code")]
    browser.find_element(By.CSS_SELECTOR, ".pager a.next").click()
    WebDriverWait(browser, 20).until(ec.url_contains("page=2"))
    second = [c.text for c in browser.find_elements(By.CSS_SELECTOR, "table.entities code")]
    assert len(first) == 50 and len(second) == 12 and not set(first) & set(second)
    assert browser.find_element(By.CSS_SELECTOR, ".pager .current-page").text == "2"
    _shot(browser, "5-entities-page-2")
    for path, name, total in (("/articles", "6-articles", 3), ("/events", "7-events", 2),
                              ("/quotes?q=quotas", "8-quotes-words", 2)):
        browser.get(server + path)
        assert browser.find_element(By.CSS_SELECTOR, ".pager .pager-count").text.endswith(f" of {total}")
        _shot(browser, name)


def test_quotes_csv_export_link_downloads_and_parses(server, browser):
    """The page links the API's ``format=csv`` export (another part of issue 13); where that export is
    not served yet the API answers JSON, and this step says so instead of passing."""
    browser.get(server + "/quotes?speaker=Putin")
    link = wait_for(browser, ".pager .export-csv").get_attribute("href")
    assert "format=csv" in link and "speaker=Putin" in link
    kind, body = _fetch(link)
    if not kind.startswith("text/csv"):
        pytest.skip(f"the API's CSV export is not in this build (GET {link} answered {kind})")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 2 and {r["article_id"] for r in rows} == {"fr-hareng", "en-herring"}
