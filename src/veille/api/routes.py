"""The JSON endpoints under /api: reads are open, writes (``POST /api/analyze``, ``POST /api/articles``)
need ``Authorization: Bearer <token>`` with the configured token (``api_token`` / ``$VEILLE_API_TOKEN``)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, model_validator

from ..record import Article, EntityType
from ..store import (
    ArticleSummary,
    EntityDetail,
    EntitySummary,
    EventView,
    Page,
    QuoteView,
    SearchPage,
    Store,
)
from ..store.base import SearchSort
from ..store.ingest import store_pages
from .analysis import analysed
from .answers import answer, json_answer, read
from .errors import ApiError
from .export import EXPORTABLE, ExportFormat
from .params import EntityTypeParam, EventTypeParam, checked_lang

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
DateFrom = Annotated[dt.date | None, Query(alias="from", description="On or after (YYYY-MM-DD).")]
DateTo = Annotated[dt.date | None, Query(alias="to", description="On or before (YYYY-MM-DD).")]
Site = Annotated[str | None, Query(max_length=200, description="Only this outlet (site_name).")]
Name = Annotated[str | None, Query(max_length=200, description="An entity id or a name in any spelling.")]
Lang = Annotated[str | None, Depends(checked_lang)]


async def store(request: Request) -> Store:
    # async: a dependency that only reads app state runs on the event loop, not through a worker thread
    # (a thread hop per dependency: 67 → 96 searches/s at 50 readers on one worker)
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store)]


async def require_token(request: Request) -> None:
    """Writes need the configured bearer token; a server without one accepts no writes."""
    expected = request.app.state.config.api_token
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    challenge = {"WWW-Authenticate": "Bearer"}
    if not expected:
        raise ApiError(401, "writes are disabled: this server has no API token "
                            "(set VEILLE_API_TOKEN or api_token in the configuration)", headers=challenge)
    if scheme.lower() != "bearer" or not secrets.compare_digest(token.strip().encode(), expected.encode()):
        raise ApiError(401, "this needs 'Authorization: Bearer <token>' with the server's API token",
                       headers=challenge)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


class PageIn(BaseModel):
    """A page to analyse: its HTML or plain text, and optionally where and when it was published."""

    html: str | None = None
    text: str | None = None
    url: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = None
    lang: str | None = Field(default=None, min_length=2, max_length=3)
    name: str | None = Field(default=None, max_length=500, description="A name for the page in reports.")

    @model_validator(mode="after")
    def _one_body(self) -> PageIn:
        if bool(self.html) == bool(self.text):
            raise ValueError("give exactly one of 'html' or 'text' (non-empty)")
        return self


class ArticleIn(BaseModel):
    """``POST /api/articles`` takes a page to analyse and store, or a ready-made record to store."""

    page: PageIn | None = None
    record: Article | None = None

    @model_validator(mode="after")
    def _one(self) -> ArticleIn:
        if (self.page is None) == (self.record is None):
            raise ValueError("give exactly one of 'page' (to analyse) or 'record' (an Article record)")
        return self


class Stored(BaseModel):
    id: str
    status: Literal["ingested", "replaced", "unchanged"]
    article: ArticleSummary | None = None


async def _analyze(page: PageIn) -> Article:
    """The page's record, analysed in memory zones, one request at a time (``api.analysis``)."""
    return await analysed(page.html or page.text or "", name=page.name or page.url or "<api>", url=page.url,
                          published=_iso(page.published), lang=page.lang)


@router.get("/health", tags=["meta"])
async def health(s: StoreDep) -> dict:
    return {"status": "ok", "articles": await read(s, s.count_articles), "store": s.url.split(":", 1)[0]}


@router.get("/articles", tags=["articles"], responses=EXPORTABLE, response_model=Page[ArticleSummary])
async def list_articles(s: StoreDep, request: Request, lang: Lang = None,
                        date_from: DateFrom = None, date_to: DateTo = None, entity: Name = None,
                        limit: Limit = 20, offset: Offset = 0, fmt: ExportFormat = None) -> Response:
    """Stored articles, newest first."""
    def fetch(limit: int, offset: int) -> Page[ArticleSummary]:
        return s.list_articles(lang=lang, date_from=_iso(date_from), date_to=_iso(date_to), entity=entity,
                               limit=limit, offset=offset)
    return await answer(s, request, fmt, "articles", fetch, limit, offset)


@router.get("/articles/{article_id:path}", tags=["articles"], response_model=Article)
async def get_article(article_id: str, s: StoreDep) -> Response:
    """One article's full record."""
    art = await read(s, lambda: s.get_article(article_id))
    if art is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    return json_answer(art)


SearchText = Annotated[str, Query(description="Words; \"quoted words\" are a phrase. A term that names an "
                                             "entity (any spelling or language) also matches its mentions.")]
TypeFilter = Annotated[EntityType | None, Query(description="Only articles naming an entity of this type.")]
Sort = Annotated[SearchSort, Query(description="Best matches first, or newest first.")]
WithFacets = Annotated[bool, Query(description="Add counts by language, outlet, entity, type and month.")]


@router.get("/search", tags=["articles"], responses=EXPORTABLE, response_model=SearchPage)
async def search(q: SearchText, s: StoreDep, request: Request, lang: Lang = None,
                 date_from: DateFrom = None, date_to: DateTo = None, entity: Name = None, site: Site = None,
                 type: TypeFilter = None, sort: Sort = "relevance", facets: WithFacets = False,
                 limit: Limit = 20, offset: Offset = 0, fmt: ExportFormat = None) -> Response:
    """Search titles and bodies (case and accents ignored) and the entities the query names; each result
    says why it matched (``why``), ``understood`` says how the query was read."""
    def fetch(limit: int, offset: int) -> SearchPage:  # a download has no facets
        return s.search(q, lang=lang, date_from=_iso(date_from), date_to=_iso(date_to), entity=entity,
                        site=site, entity_type=type, sort=sort, facets=facets and not fmt, limit=limit,
                        offset=offset)
    return await answer(s, request, fmt, "articles", fetch, limit, offset)


@router.get("/entities", tags=["entities"], responses=EXPORTABLE, response_model=Page[EntitySummary])
async def list_entities(s: StoreDep, request: Request, q: Name = None, type: EntityTypeParam = None,
                        limit: Limit = 50, offset: Offset = 0, fmt: ExportFormat = None) -> Response:
    """Entities, most often mentioned first; ``q`` finds them by any of their names."""
    def fetch(limit: int, offset: int) -> Page[EntitySummary]:
        return s.list_entities(q=q, type=type, limit=limit, offset=offset)
    return await answer(s, request, fmt, "entities", fetch, limit, offset)


@router.get("/entities/{entity_id:path}", tags=["entities"], response_model=EntityDetail)
async def get_entity(entity_id: str, s: StoreDep, limit: Limit = 50) -> Response:
    """Who said what: the entity's quotes, quotes about it, its events, company and names."""
    detail = await read(s, lambda: s.entity(entity_id, limit=limit))
    if detail is None:
        raise ApiError(404, f"no entity with id {entity_id!r}")
    return json_answer(detail)


@router.get("/quotes", tags=["quotes"], responses=EXPORTABLE, response_model=Page[QuoteView])
async def quotes(s: StoreDep, request: Request, speaker: Name = None, about: Name = None,
                 q: str | None = Query(None, description="Words in the quote."), date_from: DateFrom = None,
                 date_to: DateTo = None, lang: Lang = None, site: Site = None, limit: Limit = 50,
                 offset: Offset = 0, fmt: ExportFormat = None) -> Response:
    """Quotes by speaker, about an entity, and/or containing words, in one language or outlet; newest
    first."""
    def fetch(limit: int, offset: int) -> Page[QuoteView]:
        return s.quotes(speaker=speaker, about=about, text=q, date_from=_iso(date_from),
                        date_to=_iso(date_to), lang=lang, site=site, limit=limit, offset=offset)
    return await answer(s, request, fmt, "quotes", fetch, limit, offset)


@router.get("/events", tags=["events"], responses=EXPORTABLE, response_model=Page[EventView])
async def events(s: StoreDep, request: Request, actor: Name = None, type: EventTypeParam = None,
                 date_from: DateFrom = None, date_to: DateTo = None, limit: Limit = 50,
                 offset: Offset = 0, fmt: ExportFormat = None) -> Response:
    """Events (PLOVER) where the entity is actor or recipient, of a type, between dates."""
    def fetch(limit: int, offset: int) -> Page[EventView]:
        return s.events(actor=actor, type=type, date_from=_iso(date_from), date_to=_iso(date_to),
                        limit=limit, offset=offset)
    return await answer(s, request, fmt, "events", fetch, limit, offset)


@router.post("/analyze", tags=["write"], dependencies=[Depends(require_token)])
async def analyze(page: PageIn) -> Article:
    """Analyse a page and return its record without storing it."""
    return await _analyze(page)


@router.post("/articles", tags=["write"], dependencies=[Depends(require_token)], status_code=201)
async def post_article(body: ArticleIn, response: Response, s: StoreDep) -> Stored:
    """Store a page (analysed here) or a ready-made record: 201 when new or replaced, 200 when unchanged."""
    art = body.record if body.record is not None else await _analyze(body.page)  # type: ignore[arg-type]
    if body.record is not None and (bad := art.check_spans()):
        raise ApiError(422, f"record {art.id}: {bad[0]}", "bad_record")
    status = (await run_in_threadpool(store_pages, s, [art]))[0]  # placed in stories like every write path
    if status == "unchanged":
        response.status_code = 200
    # the story it was placed in is the store's, not the posted record's
    stored = await run_in_threadpool(s.get_article, art.id)
    summary = ArticleSummary(id=art.id, title=art.title, url=art.url, site_name=art.site_name,
                             source=art.source, published=art.published, lang=art.lang,
                             n_words=len(art.text.split()),
                             n_entities=len(art.entities), n_quotes=len(art.quotes), n_events=len(art.events),
                             story_id=stored.story_id if stored else None)
    return Stored(id=art.id, status=status, article=summary)
