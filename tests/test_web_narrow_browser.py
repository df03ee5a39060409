"""The web UI on a phone's width (390 px) in Chromium: no page is wider than the screen (a wide table or a
chart scrolls inside its own frame), the story's time line keeps every date on screen, and a chart keeps
labels that can be read. Invented records: the herring pages of test_web_data and the hydrogen pair (a
two-language story) of test_web_speakers_browser."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")
pytest.importorskip("selenium", reason="the browser test drives Chromium with selenium (dev group)")

from browsing import chromium, needs_chromium, served, shoot, wait_for  # noqa: E402
from test_web_data import records  # noqa: E402
from test_web_speakers_browser import _pages  # noqa: E402
from veille.store import open_store  # noqa: E402
from veille.stories.online import place_pages  # noqa: E402

pytestmark = needs_chromium
_OVERFLOW = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@pytest.fixture(scope="module")
def phone(tmp_path_factory):
    folder = tmp_path_factory.mktemp("narrow")
    store = open_store(str(folder / "web.sqlite"))
    pairs = _pages()
    store.put_many([*records(), *pairs])
    story = {p.story_id for p in place_pages(store, pairs)}
    with served(store, folder) as base, chromium(folder / "shots") as browser:
        browser.set_window_size(390, 900)
        yield base, browser, story.pop(), folder / "shots"
    store.close()


@pytest.mark.parametrize("path", ["/", "/stories/{story}", "/articles/hydro-en", "/quotes", "/events",
                                  "/entities", "/entities/Q7747", "/?q=Putin"])
def test_no_page_is_wider_than_a_phone(phone, path):
    base, browser, story, shots = phone
    browser.get(base + path.format(story=story) + ("&" if "?" in path else "?") + "ui=en")
    wait_for(browser, "main")
    wide, screen = browser.execute_script(_OVERFLOW)
    if wide > screen:
        shoot(browser, shots, "too-wide")
    assert wide <= screen, f"{path}: the page is {wide} px wide on a {screen} px screen"


def test_story_time_line_keeps_its_dates_on_a_phone(phone):
    base, browser, story, _ = phone
    browser.get(f"{base}/stories/{story}?ui=en")
    wait_for(browser, ".axis-row")
    rows = browser.execute_script(
        "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('.axis-row')]"
        ".map(r => [r.querySelector('time').getBoundingClientRect().right, w,"
        " r.querySelector('.axis-track').getBoundingClientRect().width])")
    assert len(rows) == 2
    for right, screen, track in rows:
        assert right <= screen and track >= 150  # the date on screen, the track wide enough to read


def test_chart_labels_stay_readable_on_a_phone(phone):
    base, browser, _, _ = phone
    browser.get(f"{base}/entities/Q7747?ui=en")
    wait_for(browser, ".chart svg")
    smallest = browser.execute_script(
        "return Math.min(...[...document.querySelectorAll('.chart svg text')]"
        ".filter(t => t.textContent.trim()).map(t => t.getBoundingClientRect().height))")
    assert smallest >= 9, f"chart labels {smallest:.1f} px high"  # squeezed to the screen: 8 px
