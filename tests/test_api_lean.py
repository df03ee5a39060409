"""The hot read routes answered lean (veille.api.answers): the store's page serialised once, with the shape
FastAPI's own encoding gave; local stores read on the event loop, server stores in the thread pool; and
``--nice`` on a background ingest, so that a server on the same machine keeps the CPU it needs."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading

import pytest

pytest.importorskip("fastapi", reason="the API needs the [serve] extra")

from fastapi.encoders import jsonable_encoder  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from veille.api import create_app  # noqa: E402
from veille.api.answers import read  # noqa: E402
from veille.config import Config  # noqa: E402
from veille.store import open_store  # noqa: E402
from veille.store.synthetic import generate_articles, vocabulary  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(str(tmp_path_factory.mktemp("lean") / "lean.sqlite"))
    s.put_many(list(generate_articles(60, quotes_per_article=3, seed=11)))
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store, tmp_path_factory):
    config = Config(data_dir=str(tmp_path_factory.mktemp("lean-data")))
    with TestClient(create_app(store, config=config)) as c:
        yield c


def test_a_search_answers_the_stores_page_as_fastapi_would_encode_it(client, store):
    """Same JSON as FastAPI's validate-then-encode of the page (facets asked for, then not), so skipping
    that work changed nothing a client sees."""
    word = vocabulary()[0][2]
    for facets in (True, False):
        got = client.get("/api/search", params={"q": word, "facets": facets, "limit": 7})
        assert got.status_code == 200 and got.headers["content-type"] == "application/json"
        expected = jsonable_encoder(store.search(word, facets=facets, limit=7))
        assert got.json() == expected
        assert (got.json()["facets"] is not None) == facets
    assert got.json()["items"], "the word is in some article"


@pytest.mark.parametrize("path, read_it", [
    ("/api/articles?limit=5&offset=3", lambda s: s.list_articles(limit=5, offset=3)),
    ("/api/quotes?limit=4", lambda s: s.quotes(limit=4)),
    ("/api/entities?limit=6", lambda s: s.list_entities(limit=6)),
    ("/api/events?limit=3", lambda s: s.events(limit=3)),
])
def test_every_list_answers_its_page_as_before(client, store, path, read_it):
    assert client.get(path).json() == jsonable_encoder(read_it(store))


def test_an_article_and_an_entity_are_answered_whole_or_404(client, store):
    page = store.list_articles(limit=1)
    art = client.get(f"/api/articles/{page.items[0].id}").json()
    assert art == json.loads(store.get_article(page.items[0].id).model_dump_json())
    entity = store.list_entities(limit=1).items[0]
    assert client.get(f"/api/entities/{entity.id}").json() == jsonable_encoder(store.entity(entity.id))
    assert client.get("/api/articles/none-such").status_code == 404


def test_a_local_store_is_read_on_the_event_loop_and_a_server_store_in_the_pool(store):
    async def where() -> str:
        loop_thread = threading.current_thread().name
        ran = await read(store, lambda: threading.current_thread().name)
        return "loop" if ran == loop_thread else "pool"

    assert store.reads_locally and asyncio.run(where()) == "loop"
    store.reads_locally = False  # as a PostgreSQL store says: its queries wait on a server
    try:
        assert asyncio.run(where()) == "pool"
    finally:
        del store.reads_locally


def test_ingest_nice_lowers_the_priority_of_the_ingest_only(tmp_path):
    """``veille ingest --nice 7`` stores its records at nice +7; the calling process keeps its own.
    ``--nice`` alone is the polite level, and asks the math libraries for one thread (unless set)."""
    records = tmp_path / "r.ndjson"
    records.write_text("".join(a.model_dump_json() + "\n" for a in generate_articles(3, seed=2)))
    db = tmp_path / "n.sqlite"
    code = ("import os, sys\nfrom click.testing import CliRunner\nfrom veille.cli.main import cli\n"
            "before = os.nice(0)\n"
            "r = CliRunner().invoke(cli, ['ingest', '--nice', '7', '--no-stories', '--records', sys.argv[1], "
            "'--db', sys.argv[2]])\n"
            "print(r.exit_code, os.nice(0) - before)\n")
    run = subprocess.run([sys.executable, "-c", code, str(records), str(db)], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "VEILLE_DATA_DIR": str(tmp_path)})
    assert run.stdout.split() == ["0", "7"], run.stderr[-2000:]
    with open_store(str(db)) as s:
        assert s.count_articles() == 3
    polite = code.replace("'--nice', '7'", "'--nice'").replace("print(r.exit_code, os.nice(0) - before)",
             "print(r.exit_code, os.nice(0) - before, os.environ.get('OPENBLAS_NUM_THREADS'), "
             "os.environ.get('OMP_NUM_THREADS'))")
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    run = subprocess.run([sys.executable, "-c", polite, str(records), str(tmp_path / "p.sqlite")],
                         capture_output=True, text=True, timeout=120,
                         env={**env, "VEILLE_DATA_DIR": str(tmp_path), "OMP_NUM_THREADS": "3"})
    from veille.cli.priority import POLITE

    assert run.stdout.split() == ["0", str(POLITE), "1", "3"], run.stderr[-2000:]  # the user's 3 is kept
    bad = subprocess.run([sys.executable, "-m", "veille.cli.main", "ingest", "--nice", "40", str(records)],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--nice" in bad.stderr
