"""The story endpoints: ``/api/stories`` (recent, by entity, language, date), ``/api/stories/{id}`` (a story's
articles on a time line, who said what, events, entities, provenance graph) and each article's copies and
translations (``/api/article-links/{id}``; articles ids may hold slashes, so the links
are not nested under ``/api/articles/{id}``)."""

from __future__ import annotations

from fastapi import APIRouter

from ..store import Page
from ..store.story_views import PageLink, StoryDetail, StorySummary
from .errors import ApiError
from .routes import DateFrom, Lang, Limit, Name, Offset, StoreDep, _iso

router = APIRouter(prefix="/api", tags=["stories"])


@router.get("/stories")
def list_stories(
    s: StoreDep,
    since: DateFrom = None,
    entity: Name = None,
    lang: Lang = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[StorySummary]:
    """Stories active since a date (``from``), about an entity or with pages in a language; latest first."""
    return s.list_stories(since=_iso(since), entity=entity, lang=lang, limit=limit, offset=offset)


@router.get("/stories/{story_id}")
def get_story(story_id: str, s: StoreDep) -> StoryDetail:
    """One story: articles by language and outlet on a time line, quotes by speaker, events, entities,
    and its provenance graph (copy_of / translation_of links, credited sources)."""
    detail = s.story(story_id)
    if detail is None:
        raise ApiError(404, f"no story with id {story_id!r}")
    return detail


@router.get("/article-links/{article_id:path}")
def article_links(article_id: str, s: StoreDep) -> list[PageLink]:
    """An article's copies and translations, both ways (``article_id`` copies/translates ``other_id``)."""
    if s.get_article(article_id) is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    return s.article_links(article_id)
