"""The main job in a real headless browser: ``veille demo`` fills the embedded store from the bundled
examples and serves the workbench; Chromium (Debian's, driven by Selenium and chromedriver) searches,
opens an article and an entity page, and checks the highlighted quotes against the stored records."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import urllib.request

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")
pytest.importorskip("selenium", reason="the browser test drives Chromium with selenium (dev group)")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from veille.store.pgserver import free_port  # noqa: E402
from veille.store.synthetic import EntitySpec, annotate  # noqa: E402

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="needs Debian's chromium and chromium-driver (apt-get install -y "
                                       "chromium chromium-driver; .ci/run does it)")
TOKEN = "browser-test-token"
QUOTE = "Nous rouvrirons la ligne avant la fin de l'hiver"
TEXT = (f"LYON - Claire Davenne a promis lundi la réouverture de la ligne de tramway T9. « {QUOTE} », a "
        "déclaré Claire Davenne devant le conseil de la Métropole de Lyon. Les riverains restent sceptiques.")


def record():
    return annotate("browser1", TEXT, title="Tramway T9 : la réouverture promise", lang="fr",
                    published="2024-01-08", url="https://example.org/t9",
                    entities=[EntitySpec("L-davenne", "Claire Davenne", "PER", ["Claire Davenne"]),
                              EntitySpec("L-metro", "Métropole de Lyon", "ORG", ["Métropole de Lyon"])],
                    quotes=[(QUOTE, "L-davenne")], events=[("AGREE", "L-davenne", "L-metro", "promis")])


@pytest.fixture(scope="module")
def server(tmp_path_factory, analyze):
    """``veille demo`` as a newcomer runs it (its data directory in a temporary folder), in a thread of
    this process so that the spaCy models loaded once for the session are reused."""
    from veille.cli.main import cli

    port = free_port()
    env = {"VEILLE_DATA_DIR": str(tmp_path_factory.mktemp("data")), "VEILLE_API_TOKEN": TOKEN}
    saved = {k: os.environ.get(k) for k in [*env, "VEILLE_DB"]}
    os.environ.update(env)
    os.environ.pop("VEILLE_DB", None)
    demo = threading.Thread(target=cli.main, args=(["demo", "--port", str(port)],),
                            kwargs={"standalone_mode": False}, daemon=True)
    demo.start()
    base = f"http://127.0.0.1:{port}"
    try:
        assert _wait_up(base, demo), "veille demo did not start serving"
    finally:
        for k, v in saved.items():  # the app has read its configuration by now
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    yield base


def test_demo_prints_the_address_it_serves(tmp_path, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from veille.cli.main import cli

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: served.append((app, host, port)))
    monkeypatch.setattr("veille.cli.demo.example_paths", list)  # the examples' analysis is tested above
    result = CliRunner().invoke(cli, ["demo", "--db", str(tmp_path / "d.sqlite"), "--port", "8799"])
    assert result.exit_code == 0, result.output
    assert "serving on http://127.0.0.1:8799/" in result.stdout
    assert served and served[0][1:] == ("127.0.0.1", 8799)
    assert "0 articles in sqlite:///" in result.stderr


def _wait_up(base: str, thread: threading.Thread, timeout: float = 240) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and thread.is_alive():
        try:
            urllib.request.urlopen(f"{base}/api/health", timeout=2)
            return True
        except OSError:
            time.sleep(0.2)
    return False


def _api(base: str, path: str, body: dict | None = None) -> dict:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}
    data = json.dumps(body).encode() if body else None
    req = urllib.request.Request(base + path, data=data, headers=headers)
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


@pytest.fixture(scope="module")
def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--disable-dev-shm-usage"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def test_demo_serves_the_bundled_examples(server, browser):
    stored = _api(server, "/api/articles?limit=50")
    assert stored["total"] >= 6
    browser.get(server + "/articles")
    links = browser.find_elements(By.CSS_SELECTOR, ".results .title")
    assert len(links) == stored["total"]
    first = stored["items"][0]
    browser.get(f"{server}/articles/{first['id']}")
    rec = _api(server, f"/api/articles/{first['id']}")
    assert browser.find_element(By.ID, "body").text.split()[:5] == rec["text"].split()[:5]
    shown = [q.text for q in browser.find_elements(By.CSS_SELECTOR, "#body q.quote")]
    assert sorted(shown) == sorted(" ".join(q["text"].split()) for q in rec["quotes"])


def test_search_article_and_entity_pages_in_a_browser(server, browser):
    assert _api(server, "/api/articles", {"record": record().model_dump(mode="json")})["status"] == "ingested"
    browser.get(server + "/")
    browser.find_element(By.TAG_NAME, "body").send_keys("/")  # keyboard: "/" focuses the search box
    box = browser.switch_to.active_element
    assert box.get_attribute("id") == "q"
    box.send_keys("réouverture tramway", Keys.ENTER)
    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".results .title")))
    results = browser.find_elements(By.CSS_SELECTOR, ".results .title")
    assert [r.text for r in results] == ["Tramway T9 : la réouverture promise"]
    assert browser.find_element(By.CSS_SELECTOR, ".snippet mark").text.lower() in {"réouverture", "tramway"}
    results[0].click()

    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#body q.quote")))
    quotes = browser.find_elements(By.CSS_SELECTOR, "#body q.quote")
    assert [q.text for q in quotes] == [QUOTE]
    assert quotes[0].get_attribute("data-speaker") == "L-davenne"
    assert quotes[0].value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")
    speaker = browser.find_element(By.CSS_SELECTOR, ".quotes .meta a")
    assert speaker.text == "Claire Davenne"
    speaker.click()

    WebDriverWait(browser, 20).until(ec.title_contains("Claire Davenne"))
    said = browser.find_elements(By.CSS_SELECTOR, ".quote-item q.said")
    assert [q.text.strip("“”\"") for q in said] == [QUOTE]
    assert "AGREE" in browser.find_element(By.CSS_SELECTOR, "table.events").text
    browser.find_element(By.TAG_NAME, "body").send_keys("g", "e")  # keyboard: "g e" opens the events page
    WebDriverWait(browser, 20).until(ec.title_contains("Events"))
    assert "Claire Davenne" in browser.find_element(By.CSS_SELECTOR, "table.events").text


def test_interactive_api_docs_render_offline_in_a_browser(server, browser):
    """Swagger UI from the installed package reads the server's OpenAPI 3.1 document: every operation is
    drawn and the writes show the bearer lock (Swagger UI 4 refused the document outright)."""
    browser.get(server + "/api/docs")
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".opblock")))
    paths = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
    assert {"/api/search", "/api/analyze", "/api/quotes"} <= paths
    assert browser.find_elements(By.CSS_SELECTOR, ".authorization__btn")  # the bearer lock on writes
    assert not browser.find_elements(By.CSS_SELECTOR, ".errors-wrapper")
