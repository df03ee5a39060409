"""The HTTP API in process (FastAPI TestClient): reads, pagination, the one error body, the token on
writes, request size limits, hostile search strings, OpenAPI."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the API needs the [serve] extra")

from fastapi.testclient import TestClient  # noqa: E402

from veille.api import create_app  # noqa: E402
from veille.config import Config  # noqa: E402
from veille.store import open_store  # noqa: E402
from veille.store.synthetic import EntitySpec, annotate  # noqa: E402

TOKEN = "test-token-4f1c"
GUTERRES = EntitySpec("Q41449", "António Guterres", "PER", ["Antonio Guterres", "Guterres"])
UN = EntitySpec("Q1065", "United Nations", "ORG", ["United Nations", "UN"])
SUDAN = EntitySpec("Q1049", "Sudan", "GPE", ["Sudan", "Soudan"])
TEXT = ("Antonio Guterres urged both sides in Sudan to accept a ceasefire on Monday. "
        "\"The fighting must stop now,\" Guterres told reporters at the United Nations. "
        "He warned that aid convoys could not reach the west of Sudan.")


def record(article_id: str = "un1", text: str = TEXT, published: str = "2024-04-15"):
    return annotate(article_id, text, title="Guterres calls for a Sudan ceasefire", lang="en",
                    published=published, entities=[GUTERRES, UN, SUDAN],
                    quotes=[("The fighting must stop now,", "Q41449")],
                    events=[("REQUEST", "Q41449", "Q1049", "urged")])


@pytest.fixture
def client(tmp_path):
    store = open_store(str(tmp_path / "api.sqlite"))
    store.put_many([record(), record("un2", TEXT.replace("Monday", "Tuesday"), "2024-04-16")])
    config = Config(api_token=TOKEN, data_dir=str(tmp_path), max_bytes=200_000)
    with TestClient(create_app(store, config=config)) as c:
        yield c
    store.close()


def auth(token: str = TOKEN) -> dict:
    return {"Authorization": f"Bearer {token}"}


def assert_error(resp, status: int) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]


def test_articles_are_listed_newest_first_with_pagination(client):
    page = client.get("/api/articles", params={"limit": 1}).json()
    assert page["total"] == 2 and [a["id"] for a in page["items"]] == ["un2"]
    page = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()
    assert [a["id"] for a in page["items"]] == ["un1"]
    assert client.get("/api/articles", params={"to": "2024-04-15"}).json()["total"] == 1


def test_one_article_is_its_full_record(client):
    got = client.get("/api/articles/un1").json()
    assert got["quotes"][0]["text"] == "The fighting must stop now,"
    assert got == record().model_dump(mode="json")
    assert assert_error(client.get("/api/articles/nope"), 404)["code"] == "not_found"


def test_search_finds_words_in_any_case_and_marks_them(client):
    page = client.get("/api/search", params={"q": "CEASEFIRE tuesday"}).json()
    assert [a["id"] for a in page["items"]] == ["un2"]
    start, end = page["items"][0]["highlights"][0]
    assert page["items"][0]["snippet"][start:end].lower() in {"ceasefire", "tuesday"}


@pytest.mark.parametrize("hostile", ['"', "'; DROP TABLE articles; --", "ceasefire OR 1=1", "NEAR(a b)",
                                     "a AND NOT", "*", "(((", "col:x", "%", "\\", "Sudan\"'`", "x" * 10_000,
                                     "🙂", "\u202e", "<script>alert(1)</script>"])
def test_hostile_search_strings_give_results_or_a_clean_400(client, hostile):
    for path, key in (("/api/search", "q"), ("/api/quotes", "q"), ("/", "q")):
        resp = client.get(path, params={key: hostile}, headers={"accept": "application/json"})
        assert resp.status_code in (200, 400), (path, resp.status_code, resp.text[:200])
        if resp.status_code == 400 and path.startswith("/api"):
            assert_error(resp, 400)
    assert client.get("/api/health").json()["articles"] == 2


def test_entities_by_any_name_and_the_entity_view(client):
    found = client.get("/api/entities", params={"q": "guterres"}).json()["items"]
    assert [e["id"] for e in found] == ["Q41449"]
    d = client.get("/api/entities/Q41449").json()
    assert d["entity"]["n_quotes"] == 2 and d["quotes"]["total"] == 2
    assert {c["entity"]["id"] for c in d["co_mentioned"]} == {"Q1065", "Q1049"}
    assert "Antonio Guterres" in d["names"]["en"]
    assert d["events"]["items"][0]["type"] == "REQUEST"
    assert_error(client.get("/api/entities/Q0"), 404)


def test_quotes_and_events_filters(client):
    assert client.get("/api/quotes", params={"speaker": "António Guterres"}).json()["total"] == 2
    assert client.get("/api/quotes", params={"speaker": "Nobody"}).json()["total"] == 0
    assert client.get("/api/quotes", params={"q": "fighting", "from": "2024-04-16"}).json()["total"] == 1
    assert client.get("/api/events", params={"actor": "Soudan", "type": "request"}).json()["total"] == 2
    assert client.get("/api/events", params={"type": "ASSAULT"}).json()["total"] == 0
    unknown = assert_error(client.get("/api/events", params={"type": "DEMAND"}), 400)  # PLOVER's old name
    assert "'REQUEST'" in unknown["message"]
    bad_date = client.get("/api/events", params={"from": "last week"})
    assert assert_error(bad_date, 400)["code"] == "invalid_request"
    assert_error(client.get("/api/articles", params={"limit": 0}), 400)


def test_writes_without_the_token_are_refused(client):
    body = {"record": record("un3").model_dump(mode="json")}
    resp = client.post("/api/articles", json=body)
    assert_error(resp, 401)
    assert resp.headers["www-authenticate"] == "Bearer"
    assert_error(client.post("/api/articles", json=body, headers=auth("wrong")), 401)
    assert_error(client.post("/api/analyze", json={"text": "x"}), 401)
    assert client.get("/api/health").json()["articles"] == 2


def test_a_server_without_a_token_accepts_no_writes(tmp_path):
    app = create_app(db=str(tmp_path / "ro.sqlite"), config=Config(data_dir=str(tmp_path)))
    with TestClient(app) as c:
        resp = c.post("/api/articles", json={"record": record().model_dump(mode="json")}, headers=auth())
    assert "no API token" in assert_error(resp, 401)["message"]


def test_posting_a_record_stores_it_once(client):
    body = {"record": record("un3").model_dump(mode="json")}
    first = client.post("/api/articles", json=body, headers=auth())
    assert first.status_code == 201 and first.json()["status"] == "ingested"
    again = client.post("/api/articles", json=body, headers=auth())
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert client.get("/api/health").json()["articles"] == 3


def test_bad_bodies_get_the_error_body(client):
    bad = record("un4").model_dump(mode="json")
    bad["quotes"][0]["text"] = "not what the text says"
    assert assert_error(client.post("/api/articles", json={"record": bad}, headers=auth()), 422)["code"] == \
        "bad_record"
    assert_error(client.post("/api/articles", json={"page": {"text": "a", "html": "<p>b</p>"}},
                             headers=auth()), 400)
    assert_error(client.post("/api/articles", content=b"{not json", headers={**auth(),
                             "content-type": "application/json"}), 400)


def test_request_bodies_over_the_limit_are_refused_with_413(client):
    big = {"text": "word " * 60_000}
    assert assert_error(client.post("/api/analyze", json=big, headers=auth()), 413)["code"] == "too_large"


def test_a_chunked_body_over_the_limit_is_refused_with_413(client):
    def chunks():  # no Content-Length: the body arrives in pieces
        for _ in range(30):
            yield b"x" * 10_000
    json_type = {**auth(), "content-type": "application/json"}
    resp = client.post("/api/analyze", content=chunks(), headers=json_type)
    assert assert_error(resp, 413)["code"] == "too_large"
    small = client.post("/api/analyze", content=iter([b'{"text": "', b'Bonjour."}']),
                        headers={**auth(), "content-type": "application/json"})
    assert small.status_code in (200, 422), small.text  # read whole and analysed (422: too short an article)


def test_every_answer_carries_the_security_headers(client):
    for path in ("/api/health", "/", "/api/articles/nope", "/static/app.js"):
        headers = client.get(path).headers
        assert "default-src 'self'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"


def test_the_served_app_answers_only_its_own_host_names(client, tmp_path):
    from veille.api.server import guarded

    config = Config(data_dir=str(tmp_path), allowed_hosts=("news.example.org",))
    app = guarded(client.app, config, "127.0.0.1")
    assert TestClient(app, base_url="http://127.0.0.1:8750").get("/api/health").status_code == 200
    assert TestClient(app, base_url="http://news.example.org").get("/api/health").status_code == 200
    refused = TestClient(app, base_url="http://attacker.example").get("/api/health")
    assert "attacker.example" in assert_error(refused, 400)["message"]


def test_analyze_and_ingest_pages_through_the_pipeline(client, analyze):
    page = {"text": "GENÈVE - Antonio Guterres a appelé lundi à un cessez-le-feu immédiat au Soudan. "
                    "Les combats ont fait des centaines de morts, selon les Nations unies.",
            "url": "https://example.org/soudan", "published": "2024-04-15"}
    art = client.post("/api/analyze", json=page, headers=auth())
    assert art.status_code == 200, art.text
    assert art.json()["lang"] == "fr" and art.json()["published"] == "2024-04-15"
    assert client.get("/api/health").json()["articles"] == 2  # analysed, not stored
    stored = client.post("/api/articles", json={"page": page}, headers=auth())
    assert stored.status_code == 201 and client.get(f"/api/articles/{stored.json()['id']}").status_code == 200
    empty = client.post("/api/analyze", json={"text": "   \n "}, headers=auth())
    assert_error(empty, 422)


def test_analyze_with_an_unknown_language_code_is_a_400_naming_the_codes(client):
    page = {"text": "Le conseil municipal a voté mardi le budget de la ville.", "lang": "zzz"}
    body = assert_error(client.post("/api/analyze", json=page, headers=auth()), 400)
    assert "'zzz'" in body["message"] and "en, fr" in body["message"]
    assert assert_error(client.post("/api/articles", json={"page": page}, headers=auth()), 400)
    assert client.get("/api/health").json()["articles"] == 2  # nothing stored


def test_the_api_over_postgresql(tmp_path):
    """The same reads and writes with the team backend behind the app."""
    pytest.importorskip("psycopg", reason="the PostgreSQL backend needs the [postgres] extra")
    from veille.store.pgserver import PostgresUnavailable, TemporaryPostgres

    try:
        url = TemporaryPostgres.shared().fresh_database("api_test")
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL server not available here ({exc})")
    store = open_store(url)
    store.put(record())
    config = Config(api_token=TOKEN, data_dir=str(tmp_path))
    with TestClient(create_app(store, config=config)) as c:
        assert c.get("/api/health").json() == {"status": "ok", "articles": 1, "store": "postgresql"}
        def found(q):
            return [a["id"] for a in c.get("/api/search", params={"q": q}).json()["items"]]

        assert found("cessez OR ceasefire") == [] and found("CEASEFIRE") == ["un1"]
        assert c.get("/api/quotes", params={"speaker": "Guterres"}).json()["total"] == 1
        assert c.get("/api/entities/Q1049").json()["quotes_about"]["total"] == 0
        for hostile in ("'; DROP TABLE articles; --", "a & b | !c <-> d:*", "x" * 10_000, "\x00"):
            assert c.get("/api/search", params={"q": hostile}).status_code in (200, 400)
        body = {"record": record("un9").model_dump(mode="json")}
        stored = c.post("/api/articles", json=body, headers=auth())
        assert stored.status_code == 201 and c.get("/api/articles/un9").json()["id"] == "un9"
        assert "The fighting must stop now" in c.get("/entities/Q41449").text
    store.close()


def test_openapi_is_served_and_lists_the_endpoints(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/search", "/api/entities/{entity_id}",
                 "/api/quotes", "/api/events", "/api/analyze"):
        assert path in spec["paths"]


def test_unknown_paths_get_the_error_body(client):
    assert_error(client.get("/api/nothing-here"), 404)
    assert_error(client.delete("/api/articles/un1"), 405)
