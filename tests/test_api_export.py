"""Every list of the API exports as CSV and JSON (``?format=`` or a ``.csv`` / ``.json`` suffix) with the
CLI's columns, and parameters that are a choice refuse other values with a 400 naming the allowed ones."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi", reason="the API needs the [serve] extra")

from fastapi.testclient import TestClient  # noqa: E402

from veille.api import create_app  # noqa: E402
from veille.cli.main import cli  # noqa: E402
from veille.config import Config  # noqa: E402
from veille.formats import TABLES  # noqa: E402
from veille.store import open_store  # noqa: E402
from veille.store.synthetic import generate_articles  # noqa: E402

LISTS = [("articles", "articles", ""), ("search", "articles", "q=concerne"), ("quotes", "quotes", ""),
         ("events", "events", ""), ("entities", "entities", "")]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("export") / "v.sqlite")
    with open_store(path) as store:
        store.put_many(list(generate_articles(50, seed=9)))  # 250 quotes: more than one read of the store
    return path


@pytest.fixture(scope="module")
def client(db, tmp_path_factory):
    store = open_store(db)
    yield TestClient(create_app(store, config=Config(data_dir=str(tmp_path_factory.mktemp("cfg")))))
    store.close()


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(("path", "table", "query"), LISTS)
def test_every_list_exports_all_its_rows_as_csv_with_the_cli_columns(client, path, table, query):
    total = client.get(f"/api/{path}?{query}").json()["total"]
    answer = client.get(f"/api/{path}?{query}&format=csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert answer.headers["content-disposition"] == f'attachment; filename="veille-{path}.csv"'
    assert answer.headers["x-veille-table"] == f"{table}/{TABLES[table].version}"
    assert int(answer.headers["x-total-count"]) == total
    got = rows(answer.text)
    assert len(got) == total and list(got[0]) == list(TABLES[table].columns)
    assert client.get(f"/api/{path}.csv?{query}").text == answer.text  # the suffix is the same export


@pytest.mark.parametrize(("path", "table", "query"), LISTS)
def test_every_list_exports_as_a_json_array(client, path, table, query):
    answer = client.get(f"/api/{path}.json?{query}")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    assert answer.headers["content-disposition"] == f'attachment; filename="veille-{path}.json"'
    data = answer.json()
    assert isinstance(data, list) and len(data) == int(answer.headers["x-total-count"])


def test_a_limit_or_offset_exports_that_window_only(client):
    page = client.get("/api/quotes?limit=7&offset=201").json()
    window = rows(client.get("/api/quotes.csv?limit=7&offset=201").text)
    assert [(r["article_id"], r["start"]) for r in window] == [(q["article_id"], str(q["start"]))
                                                               for q in page["items"]]


def test_the_api_csv_is_the_cli_csv(client, db):
    cli_csv = CliRunner().invoke(cli, ["search", "concerne", "--db", db, "--limit", "15", "--format", "csv"])
    assert cli_csv.exit_code == 0
    assert client.get("/api/search.csv?q=concerne&limit=15").text == cli_csv.stdout


def test_the_api_quotes_csv_is_the_cli_quotes_csv(client, db):
    cli_csv = CliRunner().invoke(cli, ["quotes", "--db", db, "--speaker", "doubenko", "--format", "csv"])
    assert cli_csv.exit_code == 0 and len(rows(cli_csv.stdout)) > 1
    assert client.get("/api/quotes.csv?speaker=doubenko").text == cli_csv.stdout


def test_filters_apply_to_the_export(client):
    got = rows(client.get("/api/quotes.csv?speaker=doubenko").text)
    assert got and {r["speaker.name"] for r in got} == {"Yaroslav Dubenko"}
    typed = rows(client.get("/api/events.csv?type=agree").text)  # case ignored
    assert all(r["type"] == "AGREE" for r in typed)


@pytest.mark.parametrize(("url", "named"), [
    ("/api/events?type=BOMBARD", "'ASSAULT'"),
    ("/api/entities?type=PERSON", "'PER'"),
    ("/api/articles?lang=xx", "fr, en"),
    ("/api/search?q=concerne&lang=zz", "fr, en"),
    ("/api/quotes?format=xlsx", "'csv'"),
    ("/api/quotes.csv?speaker=doubenko&format=xlsx", None),  # the suffix wins over a stray format
])
def test_a_value_outside_the_choices_is_a_400_naming_them(client, url, named):
    answer = client.get(url)
    if named is None:
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
        return
    assert answer.status_code == 400, answer.text
    assert named in answer.json()["error"]["message"]


def test_a_bad_query_is_still_a_clean_400_before_any_row(client):
    answer = client.get("/api/search.csv?q=(((")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "bad_query"


def test_the_document_lists_the_choices_and_the_csv_answer(client):
    doc = client.get("/api/openapi.json").json()
    params = {p["name"]: p for p in doc["paths"]["/api/events"]["get"]["parameters"]}
    assert "ASSAULT" in params["type"]["schema"]["anyOf"][0]["enum"]
    assert params["format"]["schema"]["anyOf"][0]["enum"] == ["json", "csv"]
    langs = {p["name"]: p for p in doc["paths"]["/api/articles"]["get"]["parameters"]}["lang"]
    assert {"fr", "en"} <= set(langs["schema"]["anyOf"][0]["enum"])
    for path in ("articles", "search", "quotes", "events", "entities"):
        content = doc["paths"][f"/api/{path}"]["get"]["responses"]["200"]["content"]
        assert "text/csv" in content and len(content["application/json"]["schema"]["anyOf"]) == 2
