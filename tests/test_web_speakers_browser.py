"""Who said it, and how sure we are, as an analyst sees it in Chromium: a place named as a speaker says it is
a place, a speaker the analysis tied to no entity says "not identified", a low confidence stands out, and a
quote names its outlet (the site, else the web host) instead of an article id. The article page shows its
story and its translation; the story page cites each quote by outlet and date. The pages are the invented
hydrogen pair of tests/fixtures/stories (English and its French translation), with quotes added here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")
pytest.importorskip("selenium", reason="the browser test drives Chromium with selenium (dev group)")

from selenium.webdriver.common.by import By  # noqa: E402

from browsing import chromium, emulate_dark, needs_chromium, served, shoot, wait_for  # noqa: E402
from veille.record import Span  # noqa: E402
from veille.store import open_store  # noqa: E402
from veille.store.synthetic import EntitySpec, annotate  # noqa: E402
from veille.stories.online import place_pages  # noqa: E402

pytestmark = needs_chromium
_PAGES = {p["key"]: p for p in (json.loads(line) for line in (
    Path(__file__).parent / "fixtures" / "stories" / "pages.jsonl").read_text("utf-8").splitlines())}
_EN_SAID = "the energy bridge between Africa and Europe"
_FR_SAID = "le pont énergétique entre l'Afrique et l'Europe"


def _pages():
    """The English page (no site name: its outlet is its host) quoting a place, wrongly, as the speaker;
    the French translation quoting an unnamed speaker with a low confidence."""
    en, fr = _PAGES["hydro-en"], _PAGES["hydro-fr"]
    portugal = EntitySpec("Q45", "Portugal", "GPE")
    english = annotate("hydro-en", en["text"], entities=[portugal], quotes=[(_EN_SAID, "Q45")], lang="en",
                       url=en["url"], title=en["title"], published=en["published"],
                       events=[("AGREE", "Q45", None, "signed")])
    english.quotes[0].confidence = 0.7
    french = annotate("hydro-fr", fr["text"], entities=[portugal], quotes=[(_FR_SAID, None)], lang="fr",
                      url=fr["url"], title=fr["title"], published=fr["published"], site_name=fr["site_name"])
    who = "Le Premier ministre portugais"
    at = fr["text"].index(who)
    french.quotes[0].speaker_mention = Span(start=at, end=at + len(who), text=who)
    french.quotes[0].confidence = 0.5
    return [english, french]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("speakers")
    store = open_store(str(folder / "web.sqlite"))
    pages = _pages()
    store.put_many(pages)
    story = {p.story_id for p in place_pages(store, pages)}
    assert len(story) == 1
    with served(store, folder) as base, chromium(folder / "shots") as browser:
        yield base, browser, story.pop(), folder / "shots"
    store.close()


def _rows(browser) -> dict[str, dict[str, str]]:
    """Each quote row of /quotes by its quoted words: speaker, kind tag, confidence (and its class), outlet,
    article link."""
    return browser.execute_script("""
        const out = {};
        for (const row of document.querySelectorAll('.quote-row')) {
          const get = css => row.querySelector(css);
          out[get('q.said').innerText] = {
            who: get('.who').innerText, kind: get('.speaker-kind') ? get('.speaker-kind').innerText : '',
            confidence: get('.confidence') ? get('.confidence').innerText : '',
            low: get('.confidence.low') ? 'yes' : 'no', outlet: get('.outlet').innerText,
            article: get('.article-link').innerText};
        }
        return out;""")


def test_quotes_page_shows_speaker_kind_confidence_and_outlet(site):
    base, browser, _, shots = site
    browser.get(base + "/quotes?ui=en")  # the UI language is remembered in a cookie: say it
    wait_for(browser, ".quote-row")
    rows = _rows(browser)
    shoot(browser, shots, "quotes")
    place, unnamed = rows[_EN_SAID], rows[_FR_SAID]
    assert place["who"].startswith("Portugal") and place["kind"] == "country, city"
    assert place["confidence"] == "confidence 70%" and place["low"] == "no"
    assert place["outlet"] == "channelwire.example"  # no site name: the web host, not "unknown source"
    assert place["article"] == _PAGES["hydro-en"]["title"]
    assert unnamed["who"].startswith("Le Premier ministre portugais") and unnamed["kind"] == "not identified"
    assert unnamed["confidence"] == "confidence 50%" and unnamed["low"] == "yes"
    assert unnamed["outlet"] == "Le Quotidien du Sud"
    browser.get(base + "/quotes?ui=fr")
    wait_for(browser, ".quote-row")
    french = _rows(browser)[_FR_SAID]
    assert french["kind"] == "non identifié" and french["confidence"] == "confiance 50\u00a0%"


#: The contrast of the first element matching arguments[0] with the background it is drawn on (the nearest
#: ancestor's that is not transparent), as WCAG computes it.
_CONTRAST = """
    const lum = c => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return .2126 * r + .7152 * g + .0722 * b; };
    const el = document.querySelector(arguments[0]);
    let back = el;
    const clear = e => /rgba\\(.*, 0\\)|transparent/.test(getComputedStyle(e).backgroundColor);
    while (back && clear(back)) back = back.parentElement;
    const under = getComputedStyle(back || document.body).backgroundColor;
    const [a, b] = [lum(getComputedStyle(el).color), lum(under)].sort((x, y) => y - x);
    return (a + .05) / (b + .05);"""


@pytest.mark.parametrize("path, css", [("/quotes?ui=en", ".confidence.low"),
                                       ("/stories/{story}?ui=en", ".story-tree .how")])
def test_marks_stay_legible_in_light_and_dark(site, path, css):
    base, browser, story, _ = site
    ratios = []
    for dark in (False, True):
        emulate_dark(browser, dark)
        browser.get(base + path.format(story=story))
        wait_for(browser, css)
        ratios.append(browser.execute_script(_CONTRAST, css))
    emulate_dark(browser, False)
    assert min(ratios) >= 4.5, ratios  # WCAG AA for small text


def test_article_page_shows_its_story_and_translation(site):
    base, browser, story_id, shots = site
    browser.get(base + "/articles/hydro-en?ui=en")
    wait_for(browser, ".versions")
    shoot(browser, shots, "article-versions")
    side = browser.find_element(By.CSS_SELECTOR, ".versions")
    story = side.find_element(By.CSS_SELECTOR, ".story-link").get_attribute("href")
    assert story.endswith(f"/stories/{story_id}")
    versions = [li.text for li in side.find_elements(By.CSS_SELECTOR, ".version-list li")]
    assert len(versions) == 1 and versions[0].startswith("translated as fr " + _PAGES["hydro-fr"]["title"])
    assert "Le Quotidien du Sud" in versions[0]
    browser.get(base + "/articles/hydro-fr?ui=fr")
    wait_for(browser, ".versions")
    versions = [li.text for li in browser.find_elements(By.CSS_SELECTOR, ".version-list li")]
    assert versions and versions[0].startswith("traduction de en " + _PAGES["hydro-en"]["title"])
    assert "channelwire.example" in versions[0]
    said = browser.find_element(By.CSS_SELECTOR, ".side .quotes li a").get_attribute("textContent")
    assert said.startswith("«\u00a0") and said.endswith("\u00a0»")  # the French UI's quotation marks


def test_story_page_cites_quotes_by_outlet_and_date(site):
    base, browser, story_id, shots = site
    browser.get(f"{base}/stories/{story_id}?ui=en")
    wait_for(browser, ".quotes")
    shoot(browser, shots, "story-quotes")
    sources = [s.text for s in browser.find_elements(By.CSS_SELECTOR, ".quotes .source")]
    cited = f"— channelwire.example, {_PAGES['hydro-en']['published'][:10]}"
    assert any(s.startswith(cited) for s in sources), sources
    assert not any("hydro-" in s for s in sources), sources  # no article ids
    trigger = browser.find_element(By.CSS_SELECTOR, "table.events a.to-sentence")  # events as on /events
    assert trigger.text == "signed" and trigger.get_attribute("href").endswith("/articles/hydro-en#ev0")
    heads = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "h3")]
    assert any(h.startswith("Portugal") and h.endswith("country, city") for h in heads), heads
