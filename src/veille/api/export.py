"""Every list of the API as a download: ``?format=csv|json`` on ``/api/articles``, ``/api/search``,
``/api/quotes``, ``/api/events`` and ``/api/entities``, or the same path with a ``.csv`` / ``.json`` suffix
(``/api/quotes.csv?speaker=Putin``, the habit datasette taught).

An export holds every matching row (read from the store a page at a time and streamed, up to
:data:`MAX_ROWS`); with an explicit ``limit`` or ``offset`` it holds that window only. CSV has the columns of
the CLI's ``--format csv`` for the same list (one formatter: :mod:`veille.formats`); JSON is one array of
whole rows, as the CLI's ``--format json``. The response names a file (``Content-Disposition``), the
table and its version (``X-Veille-Table: quotes/1``) and how many rows match (``X-Total-Count``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl, urlencode

from fastapi import Query, Request
from fastapi.responses import StreamingResponse

from ..formats import MEDIA_TYPES, TABLES, iter_chunks
from ..store import Page

MAX_ROWS = 100_000
_CHUNK = 200  # rows per store read: the API's own largest page

ExportFormat = Annotated[Literal["json", "csv"] | None, Query(
    alias="format", description="Download the list instead of one page: every matching row (or the "
                                "limit/offset window when given) as csv or a JSON array; the path with a "
                                ".csv or .json suffix does the same.")]

#: What an exportable route adds to its 200 answer in the OpenAPI document (JSON: see document_exports).
EXPORTABLE: dict[int | str, dict[str, Any]] = {200: {
    "description": "One page of the list, or with `format` the whole list as a download.",
    "content": {"text/csv": {"schema": {"type": "string"}}}}}

#: Which lists export, by their path under /api.
LISTS = ("articles", "search", "quotes", "events", "entities")
_SUFFIXED = re.compile(r"^/api/(" + "|".join(LISTS) + r")\.(csv|json)$")


def export(request: Request, fmt: str, table: str, fetch: Callable[[int, int], Page[Any]]) -> Any:
    """The list ``fetch(limit, offset)`` reads, as a ``fmt`` download of ``table``'s rows (a
    StreamingResponse, typed Any so that a route keeps its page model as its return type). The first page
    is read before the answer starts, so a bad query is still a clean 400."""
    window = "limit" in request.query_params or "offset" in request.query_params
    offset = int(request.query_params.get("offset", 0))
    limit = int(request.query_params.get("limit", MAX_ROWS)) if window else MAX_ROWS
    first = fetch(min(limit, _CHUNK), offset)
    rows = _rows(first, fetch, limit, offset)
    name = f"veille-{request.url.path.rstrip('/').rsplit('/', 1)[-1]}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"',
               "X-Veille-Table": f"{table}/{TABLES[table].version}", "X-Total-Count": str(first.total)}
    return StreamingResponse(iter_chunks(rows, fmt, TABLES[table]), media_type=MEDIA_TYPES[fmt],
                             headers=headers)


def _rows(first: Page[Any], fetch: Callable[[int, int], Page[Any]], limit: int, offset: int) -> Iterator[Any]:
    page, sent = first, 0
    while True:
        for item in page.items[:limit - sent]:
            yield item
            sent += 1
        if sent >= limit or len(page.items) < page.limit or offset + sent >= page.total:
            return
        page = fetch(min(limit - sent, _CHUNK), offset + sent)
        if not page.items:
            return


class ExportSuffix:
    """ASGI middleware: ``/api/quotes.csv?…`` is ``/api/quotes?…&format=csv``."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and (m := _SUFFIXED.match(scope["path"])):
            query = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"),
                                                  keep_blank_values=True) if k != "format"]
            path = f"/api/{m.group(1)}"
            scope = {**scope, "path": path, "raw_path": path.encode(),
                     "query_string": urlencode([*query, ("format", m.group(2))]).encode("latin-1")}
        return await self.app(scope, receive, send)


def document_exports(schema: dict[str, Any]) -> dict[str, Any]:
    """In the OpenAPI document, an exportable route's JSON answer is its page or (``format=json``) an array
    of the page's items."""
    for ops in schema.get("paths", {}).values():
        for op in ops.values():
            if not any(p.get("name") == "format" for p in op.get("parameters", [])):
                continue
            content = op["responses"]["200"]["content"]["application/json"]
            page_ref = content["schema"]["$ref"]
            page = schema["components"]["schemas"][page_ref.rsplit("/", 1)[-1]]
            content["schema"] = {"anyOf": [{"$ref": page_ref},
                                           {"type": "array", "items": page["properties"]["items"]["items"]}]}
    return schema
