"""What the web and API tests share without a browser: the app over a store filled with a test's records,
in process (FastAPI's TestClient) or served by uvicorn in a thread, and SQLite's query plans for the
"reads use indexes" checks. Import the app helpers after ``pytest.importorskip("fastapi")``; the
real-browser helpers are in browsing.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from veille.record import Article
from veille.store import Store, open_store
from veille.store.pgserver import free_port


@contextmanager
def filled_store(folder: Path, records: Iterable[Article], name: str = "web.sqlite") -> Iterator[Store]:
    """A SQLite store in ``folder`` holding ``records``, closed after the block."""
    store = open_store(str(folder / name))
    store.put_many(list(records))
    try:
        yield store
    finally:
        store.close()


@contextmanager
def web_client(folder: Path, records: Iterable[Article], name: str = "web.sqlite", **settings):
    """A TestClient over the app and a store of ``records`` (``settings``: more Config fields)."""
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.config import Config

    with filled_store(folder, records, name) as store, TestClient(
        create_app(store, config=Config(data_dir=str(folder), **settings))
    ) as client:
        yield client


@contextmanager
def served(store: Store, data_dir: Path, **settings) -> Iterator[str]:
    """The app over ``store`` (``settings``: more Config fields, an ``api_token``), served by uvicorn in a
    thread; yields its base address."""
    from veille.api import create_app
    from veille.config import Config

    with served_app(create_app(store, config=Config(data_dir=str(data_dir), **settings))) as base:
        yield base


@contextmanager
def served_records(folder: Path, records: Iterable[Article], name: str = "web.sqlite") -> Iterator[str]:
    """A store of ``records`` in ``folder`` and the app over it, served; yields its base address."""
    with filled_store(folder, records, name) as store, served(store, folder) as base:
        yield base


@contextmanager
def served_app(app) -> Iterator[str]:
    """``app`` served by uvicorn in a thread; yields its base address."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
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


def record_plans(store: Store) -> list[str]:
    """From now on, SQLite's plan for every query ``store`` runs is appended to the returned list."""
    plans: list[str] = []
    real_rows = store._rows  # type: ignore[attr-defined]

    def explained(sql, params=()):
        plans.extend(r[-1] for r in real_rows("EXPLAIN QUERY PLAN " + sql, params))
        return real_rows(sql, params)

    store._rows = explained  # type: ignore[attr-defined]
    return plans


def scans(plans: list[str]) -> list[str]:
    """The plan lines that read a whole table (a SCAN without an index)."""
    return [p for p in plans if p.startswith("SCAN") and "USING" not in p]
