"""The hot GET routes served lean (veille.api.lean) answer exactly what FastAPI's own routes answer: the same
status, body and headers for good requests and for every kind of bad parameter, with the OpenAPI document
unchanged; and a route the lean path cannot serve is refused when the app is built."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the API needs the [serve] extra")

from fastapi import APIRouter, FastAPI, Header, Request  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from starlette.responses import Response  # noqa: E402

from veille.api import create_app  # noqa: E402
from veille.api.lean import HOT_PATHS, LeanRoute, NotLeanError, install  # noqa: E402
from veille.config import Config  # noqa: E402
from veille.store import open_store  # noqa: E402
from veille.store.synthetic import generate_articles, vocabulary  # noqa: E402


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("lean-routes") / "l.sqlite"))
    store.put_many(list(generate_articles(40, quotes_per_article=3, seed=23)))
    app = create_app(store, config=Config(data_dir=str(tmp_path_factory.mktemp("lean-routes-data"))))
    yield app
    store.close()


def _fastapi_only(app: FastAPI):
    """While a dependency override is set, the lean routes step aside: FastAPI answers."""
    app.dependency_overrides[_fastapi_only] = lambda: None


def _cases(app: FastAPI) -> list[str]:
    word = vocabulary()[0][1]
    with TestClient(app) as c:
        article = c.get("/api/articles?limit=1").json()["items"][0]["id"]
        entity = c.get("/api/entities?limit=1").json()["items"][0]["id"]
    return [
        f"/api/search?q={word}", f"/api/search?q={word}&facets=true&limit=3&offset=1",
        f"/api/search?q={word}&lang=FR&sort=date&from=2020-01-01&to=2030-12-31",
        f"/api/search?q={word}&type=PER&site=x&entity=nobody", f"/api/search?q={word}&format=csv&limit=2",
        "/api/search", "/api/search?q=", "/api/search?q=%22%22", "/api/search?q=" + "a" * 1200,
        f"/api/search?q={word}&limit=0", f"/api/search?q={word}&limit=201&offset=-1",
        f"/api/search?q={word}&limit=abc&facets=maybe&sort=best",
        f"/api/search?q={word}&lang=zz", f"/api/search?q={word}&lang=toolong&limit=0",
        f"/api/search?q={word}&lang=zz&limit=0", f"/api/search?q={word}&from=2024-13-01&to=yesterday",
        f"/api/search?q={word}&type=person", f"/api/search?q={word}&format=xml",
        f"/api/search?q={word}&limit=5&limit=7", f"/api/search?q={word}&site=" + "s" * 201,
        "/api/articles", "/api/articles?lang=en&limit=2&offset=1", "/api/articles?offset=1000001",
        "/api/articles?entity=" + "e" * 201, f"/api/articles/{article}", "/api/articles/none-such",
        "/api/entities?type=per&limit=3", "/api/entities?type=THING", "/api/entities?q=a&format=json",
        f"/api/entities/{entity}?limit=2", f"/api/entities/{entity}?limit=0", "/api/entities/none-such",
        "/api/quotes?limit=2&lang=fr", "/api/quotes?q=le&speaker=x&about=y", "/api/quotes?to=2024-02-30",
        "/api/events?type=consult", "/api/events?type=NOPE&limit=2", "/api/events?actor=x&from=bad",
    ]


def _answer(client: TestClient, path: str, method: str = "GET") -> tuple[int, bytes, dict]:
    r = client.request(method, path)
    headers = {k: v for k, v in r.headers.items() if k != "date"}
    return r.status_code, r.content, headers


def test_every_hot_route_is_served_lean(app):
    lean = [r.path for r in app.router.routes if isinstance(r, LeanRoute)]
    assert sorted(lean) == sorted(HOT_PATHS)


def test_lean_answers_are_fastapis_byte_for_byte(app, monkeypatch):
    import veille.api.lean as lean_module

    cases = _cases(app)
    served: list[str] = []
    original = lean_module.LeanEndpoint.__call__

    async def counted(self, scope, receive, send):
        served.append(scope["path"])
        await original(self, scope, receive, send)

    monkeypatch.setattr(lean_module.LeanEndpoint, "__call__", counted)
    with TestClient(app) as client:
        lean = {p: _answer(client, p) for p in cases}
        lean_head = _answer(client, cases[0], "HEAD")
        assert len(served) == len(cases)
        _fastapi_only(app)
        try:
            fastapi = {p: _answer(client, p) for p in cases}
            fastapi_head = _answer(client, cases[0], "HEAD")
        finally:
            app.dependency_overrides.clear()
    assert len(served) == len(cases), "FastAPI answered the second time"
    for path in cases:
        assert lean[path] == fastapi[path], path
    assert lean_head == fastapi_head and lean_head[0] == 405
    statuses = {lean[p][0] for p in cases}
    assert {200, 400, 404} <= statuses and not any(s >= 500 for s in statuses)


def test_the_openapi_document_is_the_one_fastapi_makes_of_its_routes(app):
    with TestClient(app) as client:
        lean = client.get("/api/openapi.json").json()
    routes = app.router.routes
    app.router.routes = [r for r in routes if not isinstance(r, LeanRoute)]
    app.openapi_schema = None
    try:
        with TestClient(app) as client:
            plain = client.get("/api/openapi.json").json()
    finally:
        app.router.routes = routes
        app.openapi_schema = None
    assert lean == plain and "/api/search" in lean["paths"]


def test_a_route_the_lean_path_cannot_check_is_refused_when_the_app_is_built():
    router = APIRouter()

    @router.get("/api/search")
    async def with_header(request: Request, x_token: str | None = Header(None)) -> Response:
        return Response()

    @router.get("/api/articles")
    async def answers_a_dict() -> dict:
        return {}

    for route in router.routes:
        with pytest.raises(NotLeanError):
            install(FastAPI(), [route])
