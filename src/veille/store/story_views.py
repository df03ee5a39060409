"""The shapes of the store's story answers (pydantic models, served by the API as they are)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .base import EntityRef, EventView, QuoteView


class StorySummary(BaseModel):
    """One line of the story list: its size, span in time, languages and outlets."""

    id: str
    title: str | None = None
    title_lang: str | None = Field(None, description="the language of the title (its first article's)")
    first_article: str
    first_published: str | None = None
    last_published: str | None = None
    n_articles: int = 0
    n_copies: int = Field(0, description="members that copy another member (folded under it in lists)")
    langs: list[str] = Field(default_factory=list)
    sites: list[str] = Field(default_factory=list, description="its outlets: site names, else web hosts")
    unknown_outlets: int = Field(0, description="members whose outlet is not known (no site name, no web "
                                                 "address: a text file); not counted in sites")
    recent: int | None = Field(default=None, description="members published in the ranking window")
    growth: float | None = Field(default=None, description="recent / (members before the window + 1)")


class StoryArticle(BaseModel):
    """A member of a story, with what it copies or translates."""

    id: str
    title: str | None = None
    url: str | None = None
    site_name: str | None = None
    source: str | None = Field(None, description="the path or name the page was read from")
    published: str | None = None
    lang: str | None = None
    score: float | None = Field(None, description="similarity to the story when it joined (null: opened it)")
    copy_of: str | None = None
    translation_of: str | None = None


class PageLink(BaseModel):
    """``article_id`` copies (``copy_of``) or translates (``translation_of``) ``other_id``."""

    article_id: str
    other_id: str
    kind: str
    score: float | None = None


class SpeakerQuotes(BaseModel):
    speaker: EntityRef | None
    speaker_text: str | None = None
    quotes: list[QuoteView]


class StoryDetail(BaseModel):
    """Everything the story page shows: articles on a time line, who said what, events, entities, and
    the provenance graph (copies and translations, credited sources)."""

    story: StorySummary
    articles: list[StoryArticle]
    first_report: StoryArticle | None = None
    broke_it: list[str] = Field(default_factory=list, description="outlets that published on the first day")
    quotes_by_speaker: list[SpeakerQuotes] = Field(default_factory=list)
    events: list[EventView] = Field(default_factory=list)
    entities: list[EntityRef] = Field(default_factory=list)
    links: list[PageLink] = Field(default_factory=list)
    attributions: list[dict] = Field(default_factory=list, description="article → credited source")
