"""Faults during an ingest, on a real PostgreSQL server this test starts and stops: the server restarted
mid-ingest (the ingest waits, retries the batch and finishes: nothing lost, nothing twice), the server gone
for good (the ingest stops with one resumable message, what was committed is intact), and two writers
ingesting the same articles at once (SQLite and PostgreSQL: each article once)."""

from __future__ import annotations

import threading
import time

import pytest

from veille.errors import StoreUnavailableError
from veille.pipeline import Outcome
from veille.store import ingest_outcomes, open_store
from veille.store.synthetic import generate_articles

pytest.importorskip("psycopg", reason="the PostgreSQL backend needs the [postgres] extra")


@pytest.fixture
def server():
    from veille.store.pgserver import PostgresUnavailable, TemporaryPostgres

    try:
        pg = TemporaryPostgres().__enter__()
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL server not available here ({exc})")
    yield pg
    pg.__exit__(None, None, None)


def _outcomes(articles, after: int, fault):
    """The articles as ingest outcomes; ``fault()`` runs once, after the first ``after`` were handed over."""
    for n, art in enumerate(articles):
        if n == after:
            fault()
        yield Outcome(art.id, article=art)


def _check_whole(url: str, expected_ids: set[str]) -> None:
    with open_store(url) as store:
        rows = store._rows("SELECT id, n_quotes, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) "
                           "FROM articles a")
    assert {r[0] for r in rows} == expected_ids and len(rows) == len(expected_ids)  # none lost, none twice
    assert all(n == got for _, n, got in rows)  # every article whole


def test_postgresql_restarted_mid_ingest_loses_and_duplicates_nothing(server):
    articles = list(generate_articles(40, seed=21))
    store = open_store(server.url)

    def restart():
        server.stop()
        threading.Timer(2.0, server.start).start()

    summary = ingest_outcomes(store, _outcomes(articles, 10, restart), batch_size=5)
    store.close()
    assert summary.ingested + summary.unchanged == 40 and not summary.failed
    _check_whole(server.url, {a.id for a in articles})


def test_postgresql_gone_for_good_stops_with_a_resumable_message(server, monkeypatch):
    import veille.store.postgres as pg_store

    monkeypatch.setattr(pg_store, "RECONNECT_WAIT", 2.0)
    articles = list(generate_articles(20, seed=22))
    store = open_store(server.url)
    started = time.monotonic()
    with pytest.raises(StoreUnavailableError) as err:
        ingest_outcomes(store, _outcomes(articles, 10, server.stop), batch_size=5)
    assert time.monotonic() - started < 30
    message = str(err.value)
    assert "stored 10 articles" in message and "run the same command again" in message
    store.close()
    server.start()
    _check_whole(server.url, {a.id for a in articles[:10]})
    with open_store(server.url) as store:  # the resumed run completes the job
        again = ingest_outcomes(store, (Outcome(a.id, article=a) for a in articles), batch_size=5)
    assert (again.unchanged, again.ingested) == (10, 10)
    _check_whole(server.url, {a.id for a in articles})


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_writers_at_once_store_each_article_once(backend, tmp_path, request):
    if backend == "postgresql":
        url = request.getfixturevalue("server").url
    else:
        url = str(tmp_path / "two.sqlite")
    articles = list(generate_articles(30, seed=23))
    open_store(url).close()  # migrated once before the race
    errors: list[BaseException] = []

    def writer(order):
        try:
            with open_store(url) as store:
                ingest_outcomes(store, (Outcome(a.id, article=a) for a in order), batch_size=4)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(articles,)),
               threading.Thread(target=writer, args=(articles[::-1],))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    _check_whole(url, {a.id for a in articles})


def test_reads_survive_a_restart_and_say_503_while_the_server_is_down(server):
    pytest.importorskip("fastapi", reason="the API needs the [serve] extra")
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.config import Config

    store = open_store(server.url)
    store.put_many(list(generate_articles(3, seed=24)))
    client = TestClient(create_app(store, config=Config()))
    assert client.get("/api/articles").json()["total"] == 3
    server.stop()
    down = client.get("/api/articles")
    assert down.status_code == 503 and down.json()["error"]["code"] == "store_unavailable"
    server.start()
    assert client.get("/api/articles").json()["total"] == 3  # a fresh connection, no restart of veille
    store.close()
