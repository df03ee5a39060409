"""What the real-browser tests share: Debian's Chromium driven by Selenium (screenshots, dark mode), and
the app served by uvicorn in a thread over a store the test fills (webapp.py's, named here too). Import it
after ``pytest.importorskip("selenium")`` and ``pytest.importorskip("fastapi")``; mark the module with
:data:`needs_chromium`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from webapp import served, served_app, served_records  # noqa: F401  (the browser tests' servers)

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
needs_chromium = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                    reason="needs Debian's chromium and chromium-driver (apt-get install -y "
                                           "chromium chromium-driver; .ci/run does it)")


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


def shoot(browser, shots: Path, name: str) -> Path:
    """A screenshot of what the browser shows, as ``shots/name.png``, for a person to look at."""
    path = shots / f"{name}.png"
    assert browser.save_screenshot(str(path)), path
    return path


def emulate_dark(browser, on: bool) -> None:
    """The system's colour scheme as the page sees it (``prefers-color-scheme``): dark or light."""
    features = [{"name": "prefers-color-scheme", "value": "dark" if on else "light"}]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})


def open_page(browser, url: str, ready: str = "main"):
    """Go to ``url`` and wait until ``ready`` (a CSS selector) is on the page."""
    browser.get(url)
    return wait_for(browser, ready)


def wait_for(browser, css: str, seconds: float = 20):
    """The first element matching ``css`` once it is on the page."""
    return WebDriverWait(browser, seconds).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))
