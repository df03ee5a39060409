"""Every write path places pages in stories (``store.ingest.store_pages`` / ``place_stored``), and what is
read back carries the story id: records (``get_article``, ``GET /api/articles/{id}``), article lists and
search results (the ``articles`` table, version 2), on both backends. Pages: the invented FR/EN fixtures of
tests/fixtures/stories/pages.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_store_conformance import postgres_url, store  # noqa: F401  (fixtures: both backends)
from veille.cli.main import cli
from veille.config import Config
from veille.record import Article
from veille.store import open_store
from veille.store.ingest import store_pages

_PAGES = {p["key"]: p for p in (json.loads(line) for line in (
    Path(__file__).parent / "fixtures" / "stories" / "pages.jsonl").read_text("utf-8").splitlines())}
TOKEN = "paths-token-91"


def _article(key: str) -> Article:
    p = _PAGES[key]
    return Article(id=key, url=p["url"], title=p["title"], text=p["text"], lang=p["lang"],
                   published=p["published"], site_name=p["site_name"])


def test_store_pages_places_new_pages_and_leaves_unchanged_ones(store):  # noqa: F811
    assert store_pages(store, [_article("tram-fr"), _article("tram-en")]) == ["ingested", "ingested"]
    fr, en = store.get_article("tram-fr"), store.get_article("tram-en")
    assert fr.story_id and fr.story_id == en.story_id
    assert store_pages(store, [_article("tram-fr")]) == ["unchanged"]
    assert store.story(fr.story_id).story.n_articles == 2
    assert store_pages(store, [_article("quake-en")], stories=False) == ["ingested"]
    assert store.get_article("quake-en").story_id is None


def test_article_lists_and_search_carry_the_story_id(store):  # noqa: F811
    store_pages(store, [_article("hydro-en"), _article("hydro-fr"), _article("match-en")])
    listed = {a.id: a.story_id for a in store.list_articles(limit=10).items}
    assert listed["hydro-en"] and listed["match-en"] and listed["hydro-en"] != listed["match-en"]
    found = {a.id: a.story_id for a in store.search("Morocco", limit=10).items}
    assert found and all(found[i] == listed[i] for i in found)


def test_api_post_places_the_page_and_the_record_read_back_has_its_story(store):  # noqa: F811
    pytest.importorskip("fastapi", reason="the API needs the [serve] extra")
    from fastapi.testclient import TestClient

    from veille.api import create_app

    app = create_app(store, config=Config(api_token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(app) as client:
        answers = {}
        for key in ("budget-fr", "budget-en"):
            body = {"record": _article(key).model_dump(mode="json")}
            answer = client.post("/api/articles", json=body, headers=auth)
            assert answer.status_code == 201
            answers[key] = answer.json()["article"]["story_id"]
        fr = client.get("/api/articles/budget-fr").json()
        en = client.get("/api/articles/budget-en").json()
        assert fr["story_id"] and fr["story_id"] == en["story_id"]
        assert answers == {"budget-fr": fr["story_id"], "budget-en": en["story_id"]}  # the POST says where
        story = client.get(f"/api/stories/{fr['story_id']}").json()
        assert {a["id"] for a in story["articles"]} == {"budget-fr", "budget-en"}
        listed = client.get("/api/articles").json()["items"]
        assert {a["story_id"] for a in listed} == {fr["story_id"]}


def test_cli_records_ingest_places_pages_and_search_json_shows_the_story(tmp_path):
    records = tmp_path / "records.ndjson"
    records.write_text("".join(_article(k).model_dump_json() + "\n" for k in ("quake-en", "quake-fr")),
                       encoding="utf-8")
    db = str(tmp_path / "cli.sqlite")
    assert CliRunner().invoke(cli, ["ingest", "--records", str(records), "--db", db]).exit_code == 0
    res = CliRunner().invoke(cli, ["search", "magnitude", "--db", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert {r["id"] for r in rows} == {"quake-en", "quake-fr"}
    assert len({r["story_id"] for r in rows}) == 1 and rows[0]["story_id"]
    with open_store(db) as s:
        assert s.get_article("quake-fr").story_id == rows[0]["story_id"]
