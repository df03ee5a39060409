"""One error body for every failure the API reports, JSON under /api and an HTML page elsewhere::

    {"error": {"status": 404, "code": "not_found", "message": "no article with id 'x'"}}
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConfigError, InputError, StoreUnavailableError
from ..store import QueryError

log = logging.getLogger("veille")

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 413: "too_large", 422: "unprocessable", 500: "internal_error",
          503: "store_unavailable"}


class ApiError(Exception):
    """Raised by handlers: becomes the error body with this status, code and message."""

    def __init__(self, status: int, message: str, code: str | None = None, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.code = status, message, code or _CODES.get(status, "error")
        self.headers = headers


def error_body(status: int, message: str, code: str | None = None) -> dict:
    return {"error": {"status": status, "code": code or _CODES.get(status, "error"), "message": message}}


def error_response(request: Request, status: int, message: str, code: str | None = None,
                   headers: dict | None = None) -> Response:
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse(error_body(status, message, code), status_code=status, headers=headers)
    from ..web.views import error_page

    return error_page(request, status, message)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg')}")
    return "; ".join(parts)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError):
        return error_response(request, exc.status, exc.message, exc.code, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        return error_response(request, 400, _validation_message(exc), "invalid_request")

    @app.exception_handler(QueryError)
    async def _query(request: Request, exc: QueryError):
        return error_response(request, 400, str(exc), "bad_query")

    @app.exception_handler(ConfigError)
    async def _config(request: Request, exc: ConfigError):  # a request naming a choice veille lacks
        return error_response(request, 400, str(exc), "invalid_request")

    @app.exception_handler(StoreUnavailableError)
    async def _unavailable(request: Request, exc: StoreUnavailableError):  # the database is down
        return error_response(request, 503, str(exc), headers={"Retry-After": "10"})

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError):
        return error_response(request, 422, exc.message, exc.reason)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error; the server log has the details")
