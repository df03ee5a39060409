"""The store's interface: what the CLI, the API and the web UI may ask of any backend, and the shapes of
the answers (pydantic models, so the API serves them as they are).

Identity and versions: an article is identified by its record ``id`` (a hash of the normalised URL, or
of the raw bytes when the page has no URL). Ingesting a record whose id is stored with the same content
is a no-op ("unchanged"); the same id with different content replaces the stored version, with every
row derived from it, in one transaction ("replaced").
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

from pydantic import BaseModel, Field, computed_field

from .. import paging
from ..record import Article

if TYPE_CHECKING:
    from .story_views import PageLink, StoryDetail, StorySummary

T = TypeVar("T")
PutStatus = Literal["ingested", "replaced", "unchanged"]
SearchSort = Literal["relevance", "date"]


class Page(BaseModel, Generic[T]):
    """One page of a longer answer: ``items`` from ``offset``, out of ``total``."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @computed_field(description="1-based number of this page (pages of ``limit`` items)")  # type: ignore[prop-decorator]
    @property
    def page(self) -> int:
        return paging.page_number(self.offset, self.limit)

    @computed_field(description="how many pages of ``limit`` items there are")  # type: ignore[prop-decorator]
    @property
    def pages(self) -> int:
        return paging.page_count(self.total, self.limit)

    @computed_field(description="``offset`` of the next page, null on the last")  # type: ignore[prop-decorator]
    @property
    def next_offset(self) -> int | None:
        return paging.next_offset(self.total, self.limit, self.offset)

    @computed_field(description="``offset`` of the previous page, null on the first")  # type: ignore[prop-decorator]
    @property
    def prev_offset(self) -> int | None:
        return paging.prev_offset(self.limit, self.offset)


class EntityRef(BaseModel):
    id: str
    name: str
    type: str | None = None


class MatchReason(BaseModel):
    """How one term of a search matched one article: by its words, by an entity it names, or both."""

    term: str
    words: bool = Field(description="the term's words are in the title or body")
    entity: EntityRef | None = Field(default=None, description="the entity the term names, when the "
                                                               "article mentions it")
    as_written: list[str] = Field(default_factory=list,
                                  description="how the article names that entity ('Poutine')")


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
    story_id: str | None = Field(default=None, description="the story the store placed it in (null: not "
                                 "placed yet, or not stored)")
    snippet: str | None = None
    highlights: list[tuple[int, int]] = Field(default_factory=list)
    why: list[MatchReason] = Field(default_factory=list,
                                   description="with searches: how each term of the query matched it")


class QueryTerm(BaseModel):
    """One term of a search as veille understood it: words, and the entities those words name (in any
    spelling or language), whose mentions also match."""

    text: str
    entities: list[EntityRef] = Field(default_factory=list)


class FacetValue(BaseModel):
    value: str
    label: str
    count: int


class Facets(BaseModel):
    """Counts of the matching articles by language, outlet, entity, entity type and month (YYYY-MM, or
    'undated'); months run from the first to the last with empty ones included."""

    lang: list[FacetValue] = Field(default_factory=list)
    site: list[FacetValue] = Field(default_factory=list)
    entity: list[FacetValue] = Field(default_factory=list)
    entity_type: list[FacetValue] = Field(default_factory=list)
    month: list[FacetValue] = Field(default_factory=list)


class SearchPage(Page[ArticleSummary]):
    """A page of search results, with how the query was understood and (when asked) facets."""

    understood: list[QueryTerm] = Field(default_factory=list)
    sort: Literal["relevance", "date"] = "relevance"
    facets: Facets | None = None


class QuoteView(BaseModel):
    """A stored quote with who said it and where it was published."""

    article_id: str
    article_title: str | None = None
    site_name: str | None = None
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
    url: str | None = Field(None, description="the article's web address (its outlet when it names no site)")
    source: str | None = Field(None, description="the path or name the article was read from")


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
    idx: int | None = Field(default=None, description="the event's place in its article's events: the "
                            "article page anchors its sentence as #ev{idx}")


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


class EntityTimeline(BaseModel):
    """An entity's quotes and mentions per month (``YYYY-MM``, or ``'undated'``), for its chart."""

    entity_id: str
    quotes: dict[str, int] = Field(default_factory=dict)
    mentions: dict[str, int] = Field(default_factory=dict)


class CoMentionSeries(BaseModel):
    """Another entity seen in the same articles: how many in all, and how many each month."""

    entity: EntityRef
    n_articles: int
    by_month: dict[str, int] = Field(default_factory=dict)


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
    #: Reads are answered from a local file in this process (SQLite), not by waiting on a server: the API
    #: calls its hot reads on the event loop rather than through the thread pool (veille.api.answers).
    reads_locally: bool = False

    @abstractmethod
    def put_many(self, articles: Iterable[Article], *,
                 raw_sha1: Mapping[str, str] | None = None) -> list[PutStatus]:
        """Store records in one transaction: all of them or, if the process dies, none. ``raw_sha1``
        (article id → SHA-1 of the bytes it was analysed from) is kept beside them: see
        :meth:`stored_raw_sha1`."""

    def stored_raw_sha1(self, article_id: str) -> str | None:
        """The SHA-1 of the bytes the stored article ``article_id`` was analysed from, when it was stored
        with one: a page identified by its URL whose bytes have not changed need not be analysed again."""
        return None

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
               date_to: str | None = None, entity: str | None = None, site: str | None = None,
               entity_type: str | None = None, sort: SearchSort = "relevance", facets: bool = False,
               limit: int = 20, offset: int = 0) -> SearchPage:
        """Articles matching every term of ``text``: by its words (titles and bodies, case and accents
        ignored) or, when the term names an entity (any spelling, any language), by that entity's
        mentions. Best matches first (or newest with ``sort="date"``); each result says why it matched;
        ``facets`` adds counts by language, outlet, entity, type and month. QueryError on bad text."""

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
               date_from: str | None = None, date_to: str | None = None, lang: str | None = None,
               site: str | None = None, limit: int = 50, offset: int = 0) -> Page[QuoteView]:
        """Quotes by speaker name, about an entity (its mention inside the quote), and/or by words; in
        articles of one language or one outlet (``site_name``)."""

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
                     order: Literal["latest", "size", "growth"] = "latest", days: int = 1,
                     limit: int = 20, offset: int = 0) -> Page[StorySummary]:
        """Stories active since a date, about an entity, or with pages in a language; latest first, or the
        largest / fastest-growing over the last ``days`` (see store/story_tables.py)."""
        raise NotImplementedError

    def newest_story_day(self) -> dt.date | None:
        """The day of the newest dated story (where the front page's windows end); None without stories."""
        return None

    def story(self, story_id: str, *, limit: int = 200) -> StoryDetail | None:
        """A story's articles, quotes by speaker, events, entities and page links; None when unknown."""
        raise NotImplementedError

    def article_links(self, article_id: str) -> list[PageLink]:
        """The page's copy_of / translation_of links, both ways."""
        raise NotImplementedError

    @abstractmethod
    def entity_timeline(self, entity_id: str) -> EntityTimeline:
        """The entity's quotes and mentions per month, undated ones under ``'undated'``."""

    @abstractmethod
    def co_mention_timeline(self, entity_id: str, *, limit: int = 5) -> list[CoMentionSeries]:
        """The entities most often in the same articles, with the articles they share per month."""

    @abstractmethod
    def optimize(self) -> None:
        """Refresh the planner's statistics after a large ingest (``veille ingest`` calls it)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
