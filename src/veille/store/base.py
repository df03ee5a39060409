"""The store's interface: what the CLI, the API and the web UI may ask of any backend, and the shapes of
the answers (pydantic models, so the API serves them as they are).

Identity and versions: an article is identified by its record ``id`` (a hash of the normalised URL, or
of the raw bytes when the page has no URL). Ingesting a record whose id is stored with the same content
is a no-op ("unchanged"); the same id with different content replaces the stored version, with every
row derived from it, in one transaction ("replaced").
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from ..record import Article

if TYPE_CHECKING:
    from .story_views import PageLink, StoryDetail, StorySummary

T = TypeVar("T")
PutStatus = Literal["ingested", "replaced", "unchanged"]


class Page(BaseModel, Generic[T]):
    """One page of a longer answer: ``items`` from ``offset``, out of ``total``."""

    items: list[T]
    total: int
    limit: int
    offset: int


class EntityRef(BaseModel):
    id: str
    name: str
    type: str | None = None


class ArticleSummary(BaseModel):
    """One line of a list of articles; ``snippet`` and ``highlights`` (ranges in it) come with searches."""

    id: str
    title: str | None = None
    url: str | None = None
    site_name: str | None = None
    source: str | None = None
    published: str | None = None
    lang: str | None = None
    n_words: int = 0
    n_entities: int = 0
    n_quotes: int = 0
    n_events: int = 0
    snippet: str | None = None
    highlights: list[tuple[int, int]] = Field(default_factory=list)


class QuoteView(BaseModel):
    """A stored quote with who said it and where it was published."""

    article_id: str
    article_title: str | None = None
    published: str | None = None
    lang: str | None = None
    start: int
    end: int
    text: str
    kind: str
    speaker: EntityRef | None = None
    speaker_text: str | None = None
    cue_text: str | None = None
    confidence: float = 1.0


class EventView(BaseModel):
    """A stored event; ``date`` is the event's own time when normalised to a date, else the article's."""

    article_id: str
    article_title: str | None = None
    published: str | None = None
    date: str | None = None
    type: str
    mode: str | None = None
    actor: EntityRef | None = None
    recipient: EntityRef | None = None
    location: EntityRef | None = None
    aux: list[str] = Field(default_factory=list)
    trigger_text: str
    sentence_text: str
    confidence: float = 0.5


class EntitySummary(BaseModel):
    id: str
    name: str
    type: str | None = None
    wikidata: str | None = None
    n_articles: int = 0
    n_quotes: int = 0


class CoMention(BaseModel):
    entity: EntityRef
    n_articles: int


class EntityDetail(BaseModel):
    """Everything the entity page shows: "who said what", and what is said about it."""

    entity: EntitySummary
    names: dict[str, list[str]] = Field(description="surface forms seen, by article language")
    quotes: Page[QuoteView]
    quotes_about: Page[QuoteView]
    events: Page[EventView]
    co_mentioned: list[CoMention]
    quotes_by_month: dict[str, int] = Field(default_factory=dict,
                                            description="its quotes per month (YYYY-MM, or 'undated')")


class Store(ABC):
    """One interface, two backends (SQLite, PostgreSQL). Methods are safe to call from several threads."""

    url: str

    @abstractmethod
    def put_many(self, articles: Iterable[Article]) -> list[PutStatus]:
        """Store records in one transaction: all of them or, if the process dies, none."""

    def put(self, article: Article) -> PutStatus:
        return self.put_many([article])[0]

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def count_articles(self) -> int: ...

    @abstractmethod
    def list_articles(self, *, lang: str | None = None, date_from: str | None = None,
                      date_to: str | None = None, entity: str | None = None, limit: int = 20,
                      offset: int = 0) -> Page[ArticleSummary]: ...

    @abstractmethod
    def search(self, text: str, *, lang: str | None = None, date_from: str | None = None,
               date_to: str | None = None, entity: str | None = None, limit: int = 20,
               offset: int = 0) -> Page[ArticleSummary]:
        """Full-text search over titles and bodies (case and accents ignored); QueryError on bad text."""

    @abstractmethod
    def resolve_entities(self, name: str) -> list[str]:
        """Entity ids a name may stand for, in any spelling or language: an id, a stored surface form
        (folded), the knowledge base's answer, or failing those names containing it as whole words."""

    @abstractmethod
    def list_entities(self, *, q: str | None = None, type: str | None = None, limit: int = 50,
                      offset: int = 0) -> Page[EntitySummary]: ...

    @abstractmethod
    def entity(self, entity_id: str, *, limit: int = 50) -> EntityDetail | None: ...

    @abstractmethod
    def quotes(self, *, speaker: str | None = None, about: str | None = None, text: str | None = None,
               date_from: str | None = None, date_to: str | None = None, limit: int = 50,
               offset: int = 0) -> Page[QuoteView]:
        """Quotes by speaker name, about an entity (its mention inside the quote), and/or by words."""

    @abstractmethod
    def events(self, *, actor: str | None = None, type: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int = 50, offset: int = 0) -> Page[EventView]:
        """Events where the named entity is actor or recipient, of a PLOVER type, between dates."""

    @abstractmethod
    def event_months(self, *, actor: str | None = None, type: str | None = None, date_from: str | None = None,
                     date_to: str | None = None) -> dict[str, int]:
        """How many events (the same filters as ``events``) fall in each month, YYYY-MM or 'undated'."""

    # -- stories (veille.stories places pages at ingest; store/story_tables.py implements these) ------
    def list_stories(self, *, since: str | None = None, entity: str | None = None, lang: str | None = None,
                     limit: int = 20, offset: int = 0) -> Page[StorySummary]:
        """Stories active since a date, about an entity, or with pages in a language; latest first."""
        raise NotImplementedError

    def story(self, story_id: str, *, limit: int = 200) -> StoryDetail | None:
        """A story's articles, quotes by speaker, events, entities and page links; None when unknown."""
        raise NotImplementedError

    def article_links(self, article_id: str) -> list[PageLink]:
        """The page's copy_of / translation_of links, both ways."""
        raise NotImplementedError

    @abstractmethod
    def optimize(self) -> None:
        """Refresh the planner's statistics after a large ingest (``veille ingest`` calls it)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
