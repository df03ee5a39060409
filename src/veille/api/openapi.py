"""The OpenAPI document says what the server does: the one error body (``{"error": {...}}``) under the
statuses each operation really answers (400 for a bad parameter, never FastAPI's default 422 body; 404
for an id that is not stored; 401, 413 and 422 on writes), and the bearer scheme writes need."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    """Every error the API answers."""

    error: ErrorDetail


_WHY = {
    400: "A parameter or the body is not valid (the message names it).",
    401: "No or a wrong bearer token, or the server has no token (read-only).",
    404: "Nothing is stored under this id.",
    413: "The request body is larger than max_bytes.",
    422: "The page could not be analysed or the record is not consistent (code: the reason).",
    503: "The store is not answering (a PostgreSQL server down or restarting); retry after Retry-After.",
}
BEARER = "bearer"


def _error_response() -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Rewrite FastAPI's generated ``schema`` in place to the API's real error behaviour."""
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["ErrorDetail"] = ErrorDetail.model_json_schema()
    schemas["ErrorBody"] = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas["ErrorBody"].pop("$defs", None)
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    for path, ops in schema.get("paths", {}).items():
        if not path.startswith("/api"):
            continue
        for method, op in ops.items():
            responses = op.setdefault("responses", {})
            responses.pop("422", None)
            statuses = [400, 503]
            if "{" in path:
                statuses.append(404)
            if method == "post":
                statuses += [401, 413, 422]
                op["security"] = [{BEARER: []}]
            for status in statuses:
                responses[str(status)] = {"description": _WHY[status], **_error_response()}
    components.setdefault("securitySchemes", {})[BEARER] = {
        "type": "http", "scheme": "bearer",
        "description": "The server's API token (api_token / $VEILLE_API_TOKEN); writes only."}
    return schema


#: The interactive docs page initialises Swagger UI with an inline script: its own policy allows that.
_DOCS_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
             "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")


def install_openapi(app) -> None:
    """Serve the rewritten document at the app's openapi_url (built once, on first request), and the
    interactive docs at /api/docs with Swagger UI's assets from the swagger-ui-py package (offline)."""
    from fastapi.openapi.utils import get_openapi

    from .export import document_exports
    from .params import document_choices

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes)
            schema = document_choices(document_exports(schema), app.state.config.languages)
            app.openapi_schema = document_errors(schema)
        return app.openapi_schema

    app.openapi = openapi
    _install_docs(app)


def _install_docs(app) -> None:
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    from ..errors import require

    # swagger-ui-py ships Swagger UI 5 (OpenAPI 3.1, which FastAPI writes; Swagger UI 4 cannot read it)
    bundle = require("swagger_ui", "serve")
    assets = Path(bundle.__file__).parent / "static"
    app.mount("/api/docs/assets", StaticFiles(directory=assets), name="docs-assets")

    @app.get("/api/docs", include_in_schema=False)
    def docs():
        page = get_swagger_ui_html(openapi_url=app.openapi_url, title="veille API",
                                   swagger_js_url="/api/docs/assets/swagger-ui-bundle.js",
                                   swagger_css_url="/api/docs/assets/swagger-ui.css",
                                   swagger_favicon_url="/api/docs/assets/favicon-32x32.png")
        page.headers["content-security-policy"] = _DOCS_CSP
        return page
