"""The OpenAPI document matches the server (schemathesis): for generated requests to every operation, no
5xx, every status and body is one the document declares, and the declared error body is the real one."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the API needs the [serve] extra")
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis comes with the dev dependency group")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from veille.api import create_app  # noqa: E402
from veille.config import Config  # noqa: E402
from veille.store import open_store  # noqa: E402
from veille.store.synthetic import generate_articles  # noqa: E402

TOKEN = "schema-test-token"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("schema")
    store = open_store(str(tmp / "s.sqlite"))
    store.put_many(list(generate_articles(6, seed=11)))
    yield create_app(store, config=Config(api_token=TOKEN, data_dir=str(tmp), max_bytes=50_000))
    store.close()


def operations(app):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_every_documented_response_is_what_the_server_sends(app, analyze):
    ops = operations(app)
    assert len(ops) >= 9
    for op in ops:
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=op.as_strategy())
        def conforms(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS)

        conforms()


@pytest.mark.parametrize("query", [{"format": "csv"}, {"format": "json"}, {"format": "json", "limit": 2},
                                   {"type": "nope"}, {"lang": "xx"}])
def test_exports_and_refused_choices_are_what_the_document_says(app, query):
    """The generated cases rarely draw a format or a wrong choice: each exportable list is called with
    them and its answer validated against the document (a CSV body, a JSON array, a 400 error body)."""
    checked = 0
    for op in operations(app):
        names = {p.name for p in op.query}
        if op.method.upper() != "GET" or not set(query) <= names:
            continue
        needed = {"q": "concerne"} if "q" in names and op.path == "/api/search" else {}
        case = op.Case(query={**needed, **query})
        response = case.call_and_validate(checks=CHECKS)
        assert response.status_code == (400 if set(query) & {"type", "lang"} else 200), response.text
        checked += 1
    assert checked >= (2 if set(query) & {"type", "lang"} else 5)


def test_the_document_declares_the_error_body_and_the_bearer_scheme(app):
    doc = app.openapi()
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            assert "422" not in op["responses"] or method == "post", (path, method)
            error = op["responses"]["400"]["content"]["application/json"]["schema"]
            assert error["$ref"].endswith("ErrorBody")
    assert doc["paths"]["/api/analyze"]["post"]["security"] == [{"bearer": []}]


def test_interactive_docs_are_served_with_local_assets_only(app):
    from fastapi.testclient import TestClient

    client = TestClient(app)
    page = client.get("/api/docs")
    assert page.status_code == 200 and "/api/openapi.json" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    for asset in ("/api/docs/assets/swagger-ui-bundle.js", "/api/docs/assets/swagger-ui.css"):
        assert asset in page.text and client.get(asset).status_code == 200
