"""The web UI's look in a real headless browser (Debian's Chromium driven by Selenium): the entity chart's
time axis with its empty months, the French/English switch, dark mode through emulated media, the ``?``
help overlay, and an event's link landing on its highlighted sentence. Screenshots of each state go to
``$VEILLE_SHOTS`` (default /tmp/shots-weblook/) for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")
pytest.importorskip("pygal", reason="the charts need the [serve] extra (pygal)")
pytest.importorskip("selenium", reason="the browser test drives Chromium with selenium (dev group)")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from browsing import (  # noqa: E402  (tests/ is on the path)
    chromium,
    emulate_dark,
    needs_chromium,
    open_page,
    served_records,
    shoot,
)
from test_web_look import records  # noqa: E402

pytestmark = needs_chromium
SHOTS = Path(os.environ.get("VEILLE_SHOTS", "/tmp/shots-weblook"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app over a small store of invented articles, served by uvicorn in a thread."""
    with served_records(tmp_path_factory.mktemp("look"), records(), "look.sqlite") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium(SHOTS, lang="en-US") as driver:
        yield driver


def _shot(browser, name: str) -> None:
    shoot(browser, SHOTS, name)


def test_entity_chart_has_a_time_axis_with_the_empty_months(server, browser):
    open_page(browser, f"{server}/entities/L-vellin?ui=en", "figure[data-chart=activity] svg")
    figure = browser.find_element(By.CSS_SELECTOR, "figure[data-chart=activity]")
    axis = figure.find_elements(By.CSS_SELECTOR, "svg .axis.x text")
    labels = [e.get_attribute("textContent") for e in axis]
    assert [x for x in labels if x[:1].isdigit()] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    bars = figure.find_elements(By.CSS_SELECTOR, ".serie-0 rect.rect")
    heights = [float(b.get_attribute("height")) for b in bars]
    assert len(heights) == 4 and heights[1] == heights[2] == 0 < heights[0]  # Feb and Mar: nothing
    assert figure.find_element(By.CSS_SELECTOR, ".undated").get_attribute("data-undated") == "3"
    assert browser.find_elements(By.CSS_SELECTOR, "figure[data-chart=co-mentions] svg .serie-1")
    figure.location_once_scrolled_into_view  # noqa: B018 (scrolls the chart into the screenshot)
    _shot(browser, "entity-chart")


def test_language_switch_changes_labels_and_lang(server, browser):
    open_page(browser, f"{server}/articles/h-jan?ui=en")
    html = browser.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("lang") == "en"
    assert browser.find_element(By.ID, "body").get_attribute("lang") == "fr"
    assert browser.find_element(By.ID, "cleaning-title").text == "Cleaning notes"
    _shot(browser, "article-en")
    browser.find_element(By.CSS_SELECTOR, ".ui-lang a[data-ui=fr]").click()
    WebDriverWait(browser, 20).until(lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang")
                                     == "fr")
    assert browser.find_element(By.ID, "cleaning-title").text == "Notes de nettoyage"
    assert browser.find_element(By.CSS_SELECTOR, ".top nav a[href='/entities']").text == "Entités"
    chip = browser.find_element(By.CSS_SELECTOR, ".chips a[href='/entities/L-port']")
    assert chip.text == "Port-Céleste" and chip.get_attribute("title").startswith("Port Celeste")
    _shot(browser, "article-fr")
    open_page(browser, f"{server}/events")  # the choice is remembered
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert browser.find_element(By.CSS_SELECTOR, "h1").text.startswith("Événements")
    open_page(browser, f"{server}/events?ui=en")


def test_dark_mode_follows_the_system_setting(server, browser):
    open_page(browser, f"{server}/articles/h-jan?ui=en")
    light = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    _shot(browser, "light")
    emulate_dark(browser, True)
    try:
        dark = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
        ink = browser.execute_script("return getComputedStyle(document.body).color")
        assert light == "rgb(251, 251, 249)" and dark == "rgb(20, 24, 28)" and ink == "rgb(227, 231, 235)"
        _shot(browser, "dark")
        open_page(browser, f"{server}/entities/L-vellin", "figure[data-chart=activity] svg")
        axis = browser.find_element(By.CSS_SELECTOR, "figure[data-chart=activity] svg .axis.x text")
        assert browser.execute_script("return getComputedStyle(arguments[0]).fill", axis) == ink
        _shot(browser, "entity-chart-dark")
    finally:
        emulate_dark(browser, False)


def test_question_mark_opens_the_keyboard_help(server, browser):
    open_page(browser, f"{server}/entities?ui=en")
    overlay = browser.find_element(By.ID, "help")
    assert not overlay.is_displayed()
    browser.find_element(By.TAG_NAME, "body").send_keys("?")
    WebDriverWait(browser, 5).until(lambda b: overlay.is_displayed())
    assert "g n" in overlay.text.replace("\n", " ") or "go to the entities" in overlay.text
    _shot(browser, "help")
    browser.switch_to.active_element.send_keys("\ue00c")  # Escape closes it
    WebDriverWait(browser, 5).until(lambda b: not overlay.is_displayed())


def test_event_link_scrolls_to_its_highlighted_sentence(server, browser):
    open_page(browser, f"{server}/events?ui=en")
    link = browser.find_element(By.CSS_SELECTOR, "a.to-sentence[href$='#ev1']")
    link.click()
    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.ID, "ev1")))
    sentence = browser.find_element(By.ID, "ev1")
    WebDriverWait(browser, 5).until(lambda b: "targeted" in sentence.get_attribute("class"))
    assert "menacé" in sentence.text
    background = browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", sentence)
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", sentence)
    assert 0 <= top <= browser.execute_script("return window.innerHeight")  # in view
    _shot(browser, "event-sentence")
