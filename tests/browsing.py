"""What the real-browser tests share: Debian's Chromium driven by Selenium, and the app served by uvicorn
in a thread over a store the test fills. Import it after ``pytest.importorskip("selenium")`` and
``pytest.importorskip("fastapi")``; mark the module with :data:`needs_chromium`."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from veille.api import create_app
from veille.config import Config
from veille.store import Store
from veille.store.pgserver import free_port

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
needs_chromium = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                    reason="needs Debian's chromium and chromium-driver (apt-get install -y "
                                           "chromium chromium-driver; .ci/run does it)")


@contextmanager
def served(store: Store, data_dir: Path, **settings) -> Iterator[str]:
    """The app over ``store`` (``settings``: more Config fields, an ``api_token``), served by uvicorn in a
    thread; yields its base address."""
    port = free_port()
    config = Config(data_dir=str(data_dir), **settings)
    server = uvicorn.Server(uvicorn.Config(create_app(store, config=config),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium(shots: Path, *, lang: str | None = None) -> Iterator[webdriver.Chrome]:
    """A headless Chromium (window 1280×1000, ``lang`` its browser language); screenshots go to ``shots``."""
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000",
                "--disable-dev-shm-usage", *([f"--lang={lang}"] if lang else [])):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.set_page_load_timeout(60)
    shots.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(browser, css: str, seconds: float = 20):
    """The first element matching ``css`` once it is on the page."""
    return WebDriverWait(browser, seconds).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))
