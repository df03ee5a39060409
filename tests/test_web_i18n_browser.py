"""The search page with its facets and the quotes page, in French, in a real headless browser (Chromium
driven by Selenium) over uvicorn and a store of invented records: what the reader sees is French, the
articles' own words keep their language, and the French pager walks. Screenshots go to
$VEILLE_SHOTS_I18N (default /tmp/shots-i18n/)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")
pytest.importorskip("selenium", reason="the browser test drives Chromium with selenium (dev group)")

from selenium.webdriver.common.by import By  # noqa: E402

from browsing import chromium, needs_chromium, served_records, shoot, wait_for  # noqa: E402
from test_web_i18n import N_FR, records  # noqa: E402  (tests/ is on the path: pytest prepends it)

pytestmark = needs_chromium
SHOTS = Path(os.environ.get("VEILLE_SHOTS_I18N", "/tmp/shots-i18n"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with served_records(tmp_path_factory.mktemp("browse-i18n"), records(), "browse.sqlite") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium(SHOTS, lang="en-GB") as driver:
        yield driver


def test_search_and_quotes_in_french(server, browser):
    # the header's switch chooses French; the cookie keeps it for the pages that follow
    browser.get(f"{server}/?q=Akvist")
    wait_for(browser, 'a[data-ui="fr"]').click()
    wait_for(browser, 'html[lang="fr"] aside.facets')
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "aside.facets h2")]
    assert headings == ["Langue", "Média", "Entité", "Type d'entité", "Publication"]
    assert browser.find_element(By.CSS_SELECTOR, "main h1").text == f"{N_FR + 1} articles pour « Akvist »"
    assert browser.find_element(By.CSS_SELECTOR, "p.sorting").text == "Trier par pertinence · par date"
    snippet = browser.find_element(By.CSS_SELECTOR, "li.result p.snippet")
    assert snippet.get_attribute("lang") in ("fr", "en")
    shoot(browser, SHOTS, "search-fr")

    # the pager in French walks to page 2 and back
    browser.find_element(By.CSS_SELECTOR, "nav.pager a.next").click()
    count = wait_for(browser, "nav.pager .pager-count")
    assert count.text == f"21–{N_FR + 1} sur {N_FR + 1}"
    assert browser.find_element(By.CSS_SELECTOR, "nav.pager a.prev").text == "← Page précédente"

    # a facet narrows to the English article: ?lang= filters the articles, the page stays French
    browser.find_element(By.CSS_SELECTOR, "section.facet-lang a[href*='lang=en']").click()
    wait_for(browser, 'html[lang="fr"] section.facet-lang strong')
    assert browser.find_element(By.CSS_SELECTOR, "main h1").text == "1 article pour « Akvist »"

    browser.get(f"{server}/quotes?speaker=Akvist")
    wait_for(browser, 'html[lang="fr"] ol.quote-list')
    assert browser.find_element(By.CSS_SELECTOR, "main h1").text == f"Qui a dit quoi ({N_FR + 1} citations)"
    langs = {q.get_attribute("lang") for q in browser.find_elements(By.CSS_SELECTOR, "blockquote")}
    assert langs == {"fr", "en"}
    labels = [x.text.strip() for x in browser.find_elements(By.CSS_SELECTOR, "form.filters label")]
    assert labels[:3] == ["Locuteur", "Mots", "Média"]
    shoot(browser, SHOTS, "quotes-fr")
