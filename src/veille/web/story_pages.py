"""The story pages, in French and English like the rest of the UI: ``/stories`` (the story list: the
latest stories, with their size, languages and outlets; the front page ``/`` ranks them by size and
growth) and ``/stories/{id}`` (articles across languages on a real time axis, quotes by speaker, events,
the copy/translation tree)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..store import QueryError
from ..store.story_views import StoryArticle, StoryDetail
from .views import _date, _offset, _page, _pager, _store, _translator

router = APIRouter(include_in_schema=False)
PAGE = 30


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request):
    p = request.query_params
    t = _translator(request, "stories.html")
    try:
        since = _date(p.get("from"), "from", t)
    except QueryError as err:
        return _page(request, "error.html", 400, t=t, status=400, message=str(err))
    page = _store(request).list_stories(
        since=since,
        entity=p.get("entity") or None,
        lang=p.get("lang") or None,
        limit=PAGE,
        offset=_offset(request, PAGE),
    )
    return _page(request, "stories.html", t=t, page=page, filters=p, pager=_pager(request, page))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str):
    detail = _store(request).story(story_id)
    if detail is None:
        t = _translator(request)
        return _page(request, "error.html", 404, t=t, status=404,
                     message=t("no story with id {id}", id=repr(story_id[:80])))
    return _page(request, "story.html", d=detail, axis=time_axis(detail.articles), tree=link_tree(detail),
                 members={a.id: a for a in detail.articles})


def time_axis(articles: list[StoryArticle]) -> list[tuple[StoryArticle, float]]:
    """Each article with its position (percent) on a real time axis from the first to the last date."""
    stamps = [_when(a.published) for a in articles]
    known = [s for s in stamps if s is not None]
    if not known:
        return [(a, 0.0) for a in articles]
    start, span = min(known), max(max(known) - min(known), 1.0)
    return [
        (a, round(100 * ((s if s is not None else start) - start) / span, 1))
        for a, s in zip(articles, stamps, strict=True)
    ]


def _when(value: str | None) -> float | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value if "T" in value or " " in value else value[:10])
    except ValueError:
        return None
    return moment.replace(tzinfo=moment.tzinfo or dt.UTC).timestamp()


def link_tree(d: StoryDetail) -> list[tuple[StoryArticle, int, str]]:
    """Articles as a tree (article, depth, how it hangs on its parent): originals at the root, copies and
    translations under the page they come from."""
    by_id = {a.id: a for a in d.articles}
    parent: dict[str, tuple[str, str]] = {}
    for link in d.links:
        if link.article_id in by_id and link.other_id in by_id and link.article_id not in parent:
            parent[link.article_id] = (link.other_id, link.kind)
    children: dict[str | None, list[str]] = {}
    for a in d.articles:
        up = parent.get(a.id, (None, ""))[0]
        children.setdefault(up if up in by_id else None, []).append(a.id)
    out: list[tuple[StoryArticle, int, str]] = []

    def walk(node: str | None, depth: int) -> None:
        for child in children.get(node, []):
            if depth > 10:
                return
            out.append((by_id[child], depth, parent.get(child, ("", ""))[1]))
            walk(child, depth + 1)

    walk(None, 0)
    return out
