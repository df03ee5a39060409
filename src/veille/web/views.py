"""The HTML pages: the front page (stories and the latest articles), search and the article list,
article, entity, entities, events, quotes. Thin handlers over the store; templates in ``templates/`` do
the layout, ``_pager.html`` draws every list's pager from
``veille.paging``, and links.py builds facet, sort and export addresses."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from ..paging import offset_for, pager_links
from ..store import ArticleSummary, Page, QueryError, Store
from ..store.base import SearchSort
from ..store.outlets import source_label
from ..store.text import SearchQuery, find_terms, parse_query
from . import TEMPLATES_DIR
from .charts import activity_chart, co_mention_chart, events_chart
from .i18n import ENTITY_TYPE_NAMES, LANGUAGE_NAMES, Translator, remember_choice, ui_language
from .labels import local_labels
from .links import export_links, month_link, url_with
from .render import highlight, marked

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.filters["marked"] = marked
templates.env.globals.update(t=Translator("en"), ui_lang="en")  # for a page rendered without _page
templates.env.globals.update(url_with=url_with, month_link=month_link, type_names=ENTITY_TYPE_NAMES,
                             entity_types=list(ENTITY_TYPE_NAMES), language_names=LANGUAGE_NAMES)
PAGE = 20
ENTITIES_PAGE = 50
EVENTS_PAGE = 100
QUOTES_PAGE = 30


def _marked_words(text: str, query: SearchQuery | None) -> Markup | str:
    """``text`` with the searched words in ``<mark>`` (the quotes page's "words" filter)."""
    return marked(text, find_terms(text, query)) if query else text


templates.env.filters["marked_words"] = _marked_words


def _source_of(item: object) -> str | None:
    """Where an article (record, summary, story member or quote) comes from, for a label: its outlet,
    else its file's name; None when nothing is known (templates then say "unknown source")."""
    return source_label(*(getattr(item, name, None) for name in ("site_name", "url", "source")))


templates.env.globals["source_of"] = _source_of

#: Parameters that page, sort or translate a list without narrowing it.
_NOT_FILTERS = frozenset({"page", "ui", "sort", "window", "format"})


def _filtered(request: Request) -> bool:
    """Whether the list on screen is narrowed by a query or a filter: an empty one then says "nothing
    matches", and an empty store says how to fill it instead."""
    return any(v.strip() for k, v in request.query_params.multi_items() if k not in _NOT_FILTERS)


templates.env.globals["filtered"] = _filtered


def _store(request: Request) -> Store:
    return request.app.state.store


# Pages where ?lang= filters the articles' language, so it cannot also choose the UI's.
_LANG_FILTERS = {"index.html", "quotes.html", "stories.html"}


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


def _date(value: str | None, what: str, t: Translator | None = None) -> str | None:
    """A date filter as ISO text; a bad one is a QueryError said in the page's language when ``t`` is given
    (``what`` is the parameter's name, shown as it is in the address)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        t = t or Translator("en")
        raise QueryError(t("{name} {value} is not a date in the form YYYY-MM-DD", name=what,
                           value=repr(value[:40]))) from exc


def _offset(request: Request, per_page: int = PAGE) -> int:
    """The first row of ``?page=N`` for lists of ``per_page`` rows (anything odd is the first page)."""
    return offset_for(request.query_params.get("page"), per_page)


def _pager(request: Request, page: Page):
    """The pager of a list on this page's address: every other parameter kept."""
    return pager_links(request.url.path, request.query_params, total=page.total, limit=page.limit,
                       offset=page.offset)


def _exports(request: Request, api_path: str, page: Page) -> dict[str, str]:
    return export_links(api_path, request.query_params, limit=page.limit, offset=page.offset)


#: Parameters that make ``/`` a search rather than the front page (the query and the filters).
SEARCH_PARAMS = ("q", "lang", "from", "to", "entity", "site", "type", "sort", "page")
#: The front page's window switch: its name in the address → days.
WINDOWS = {"day": 1, "week": 7}
FRONT_STORIES = 10
#: Under this many stories in the window, the front page says how many the store holds in all.
FEW_STORIES = 3
FRONT_ARTICLES = 8


@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    """The front page (the largest and fastest-growing stories, the latest articles) without a query;
    with one (``q`` or a filter), the search exactly as ``/articles``."""
    if any(request.query_params.get(k) for k in SEARCH_PARAMS):
        return articles(request)
    s, window = _store(request), request.query_params.get("window", "day")
    days = WINDOWS.get(window, 1)
    window = window if window in WINDOWS else "day"
    try:
        largest = s.list_stories(order="size", days=days, limit=FRONT_STORIES).items
        growing = s.list_stories(order="growth", days=days, limit=FRONT_STORIES).items
    except NotImplementedError:  # a store without stories
        largest = growing = []
    latest = s.list_articles(limit=FRONT_ARTICLES)
    until = s.newest_story_day() if largest else None
    # a quiet window (an archive, the demo's pages spread over months) points to the rest of the store
    beyond = s.list_stories(limit=1).total if 0 < len(largest) < FEW_STORIES else 0
    return _page(request, "front.html", largest=largest, growing=growing, latest=latest, window=window,
                 until=until.isoformat() if until else None, beyond=beyond)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request):
    """Search when there is a query (with facets and why each article matched), else all articles, latest
    first, with the filters; and the most mentioned entities."""
    s, p = _store(request), request.query_params
    query = p.get("q", "").strip()
    sort: SearchSort = "date" if p.get("sort") == "date" else "relevance"
    t = _translator(request, "index.html")
    try:
        filters = {"lang": p.get("lang") or None, "date_from": _date(p.get("from"), "from", t),
                   "date_to": _date(p.get("to"), "to", t), "entity": p.get("entity") or None}
        offset = _offset(request)
        page: Page[ArticleSummary]
        if query:
            page = s.search(query, site=p.get("site") or None, entity_type=p.get("type") or None, sort=sort,
                            facets=True, limit=PAGE, offset=offset, **filters)
        else:
            page = s.list_articles(limit=PAGE, offset=offset, **filters)
    except QueryError as err:
        return _page(request, "index.html", 400, t=t, page=None, error=str(err), entities=[], filters=p)
    entities = s.list_entities(limit=12).items if not query else []
    api = "/api/search" if query else "/api/articles"
    return _page(request, "index.html", t=t, page=page, entities=entities, filters=p, error=None, sort=sort,
                 pager=_pager(request, page), exports=_exports(request, api, page),
                 entity_filter=_entity_names(s, p.get("entity")))


def _entity_names(s: Store, name: str | None) -> list:
    """The entities a filter's name stands for, to show "Vladimir Putin (entity)" beside the filter."""
    return s.list_entities(q=name, limit=5).items if name else []


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request):
    """Who said what across the store: quotes by speaker (any spelling), about an entity (``?about=``, the
    entity page's "all" link), words, outlet, language, dates."""
    s, p = _store(request), request.query_params
    t = _translator(request, "quotes.html")
    try:
        page = s.quotes(speaker=p.get("speaker") or None, about=p.get("about") or None,
                        text=p.get("q") or None, lang=p.get("lang") or None,
                        site=p.get("site") or None, date_from=_date(p.get("from"), "from", t),
                        date_to=_date(p.get("to"), "to", t), limit=QUOTES_PAGE,
                        offset=_offset(request, QUOTES_PAGE))
    except QueryError as err:
        return _page(request, "quotes.html", 400, t=t, q="", page=None, error=str(err), filters=p,
                     speakers=[], about=[])
    words = parse_query(p["q"]) if p.get("q") else None
    # q="" keeps the header's article search box empty: here ``q`` is words in the quotes
    return _page(request, "quotes.html", t=t, q="", page=page, filters=p, error=None,
                 pager=_pager(request, page), exports=_exports(request, "/api/quotes", page), words=words,
                 speakers=_entity_names(s, p.get("speaker")), about=_entity_names(s, p.get("about")))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str):
    art = _store(request).get_article(article_id)
    if art is None:
        return error_page(request, 404, f"no article with id {article_id!r}")
    names = {e.id: e for e in art.entities}
    counts = Counter(m.entity_id for m in art.mentions)
    return _page(request, "article.html", art=art, body=highlight(art), names=names, counts=counts,
                 labels=local_labels(art), **_versions(_store(request), art))


def _versions(store: Store, art) -> dict:
    """The article's story and its other versions (the pages it copies or translates and those that
    copy or translate it), each with its language, outlet and date, for the article page's side."""
    detail = store.story(art.story_id, limit=50) if art.story_id else None
    if detail is None:
        return {"story": None, "versions": []}
    members = {a.id: a for a in detail.articles}
    versions = []
    for link in detail.links:
        if art.id not in (link.article_id, link.other_id):
            continue
        mine = link.article_id == art.id  # this page copies or translates the other one
        other = members.get(link.other_id if mine else link.article_id)
        if other is not None:
            versions.append((_VERSION_LABELS[link.kind, mine], other))
    return {"story": detail.story, "versions": versions}


#: (link kind, whether the page on screen is the one copying or translating) → how the other page is named.
_VERSION_LABELS = {("copy_of", True): "copy of", ("copy_of", False): "copied by",
                   ("translation_of", True): "translation of", ("translation_of", False): "translated as"}


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request):
    p = request.query_params
    page = _store(request).list_entities(q=p.get("q") or None, type=p.get("type") or None,
                                         limit=ENTITIES_PAGE, offset=_offset(request, ENTITIES_PAGE))
    return _page(request, "entities.html", page=page, filters=p, pager=_pager(request, page),
                 exports=_exports(request, "/api/entities", page))


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
    t = _translator(request)
    try:
        filters = {"actor": p.get("actor") or None, "type": p.get("type") or None,
                   "date_from": _date(p.get("from"), "from", t), "date_to": _date(p.get("to"), "to", t)}
    except QueryError as err:  # the page, its filters and the reason; not the API's JSON error
        empty: Page = Page(items=[], total=0, limit=EVENTS_PAGE, offset=0)
        return _page(request, "events.html", 400, t=t, page=empty, filters=p, timeline=events_chart({}, t),
                     types=[], pager=None, exports=None, error=str(err))
    s = _store(request)
    page = s.events(limit=EVENTS_PAGE, offset=_offset(request, EVENTS_PAGE), **filters)
    types = sorted({e.type for e in page.items})
    timeline = events_chart(s.event_months(**filters), t)
    return _page(request, "events.html", t=t, page=page, filters=p, timeline=timeline, types=types,
                 pager=_pager(request, page), exports=_exports(request, "/api/events", page), error=None)
