"""The HTML pages: search, article, entity, entities, events. Thin handlers over the store; templates in
``templates/`` do the layout."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..store import QueryError, Store
from . import TEMPLATES_DIR
from .charts import activity_chart, co_mention_chart, events_chart
from .i18n import Translator, remember_choice, ui_language
from .labels import local_labels
from .render import highlight, marked

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.filters["marked"] = marked
templates.env.globals.update(t=Translator("en"), ui_lang="en")  # for a page rendered without _page
PAGE = 20


def _store(request: Request) -> Store:
    return request.app.state.store


# Pages where ?lang= filters the articles' language, so it cannot also choose the UI's.
_LANG_FILTERS = {"index.html", "quotes.html"}


def _translator(request: Request, name: str = "") -> Translator:
    return Translator(ui_language(request, lang_is_filter=name in _LANG_FILTERS))


def _page(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    t = context.pop("t", None) or _translator(request, name)
    response = templates.TemplateResponse(
        request, name, {"q": request.query_params.get("q", ""), "t": t, "ui_lang": t.lang, **context},
        status_code=status_code)
    remember_choice(request, response)
    return response


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return _page(request, "error.html", status, status=status, message=message)


def _date(value: str | None, what: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise QueryError(f"{what} {value[:40]!r} is not a date in the form YYYY-MM-DD") from exc


def _offset(request: Request, per_page: int = PAGE) -> int:
    """The first row of ``?page=N`` for lists of ``per_page`` rows. Only ASCII digits count: "²" and "٣"
    are digits to ``str.isdigit`` but not to ``int``; anything else is the first page."""
    raw = request.query_params.get("page", "1")
    number = int(raw) if raw.isascii() and raw.isdigit() else 1
    return (max(1, min(number, 10_000)) - 1) * per_page


@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    """Search when there is a query, else the latest articles; and the most mentioned entities."""
    s, p = _store(request), request.query_params
    filters = {"lang": p.get("lang") or None, "date_from": _date(p.get("from"), "from"),
               "date_to": _date(p.get("to"), "to"), "entity": p.get("entity") or None}
    offset = _offset(request)
    try:
        page = (s.search(p["q"], limit=PAGE, offset=offset, **filters) if p.get("q", "").strip()
                else s.list_articles(limit=PAGE, offset=offset, **filters))
    except QueryError as err:
        return _page(request, "index.html", 400, page=None, error=str(err), entities=[], filters=p)
    entities = s.list_entities(limit=12).items if not p.get("q") else []
    next_url = "/?" + urlencode({**dict(p), "page": offset // PAGE + 2})
    return _page(request, "index.html", page=page, entities=entities, filters=p, error=None,
                 next_url=next_url)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str):
    art = _store(request).get_article(article_id)
    if art is None:
        return error_page(request, 404, f"no article with id {article_id!r}")
    names = {e.id: e for e in art.entities}
    counts = Counter(m.entity_id for m in art.mentions)
    return _page(request, "article.html", art=art, body=highlight(art), names=names, counts=counts,
                 labels=local_labels(art))


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request):
    p = request.query_params
    page = _store(request).list_entities(q=p.get("q") or None, type=p.get("type") or None, limit=50,
                                         offset=_offset(request, 50))
    return _page(request, "entities.html", page=page, filters=p)


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str):
    s = _store(request)
    detail = s.entity(entity_id, limit=50)
    if detail is None:
        return error_page(request, 404, f"no entity with id {entity_id!r}")
    t = _translator(request)
    co_mentions = s.co_mention_timeline(entity_id)
    return _page(request, "entity.html", t=t, d=detail,
                 activity=activity_chart(s.entity_timeline(entity_id), t),
                 co_chart=co_mention_chart(co_mentions, t), co_mentions=co_mentions)


@router.get("/events", response_class=HTMLResponse)
def events(request: Request):
    p = request.query_params
    filters = {"actor": p.get("actor") or None, "type": p.get("type") or None,
               "date_from": _date(p.get("from"), "from"), "date_to": _date(p.get("to"), "to")}
    s = _store(request)
    page = s.events(limit=200, offset=_offset(request, 200), **filters)
    types = sorted({e.type for e in page.items})
    t = _translator(request)
    timeline = events_chart(s.event_months(**filters), t)
    return _page(request, "events.html", t=t, page=page, filters=p, timeline=timeline, types=types)
