"""The contract between the pipeline and its stages: ``Stage`` (a named step that declares what it
requires and assigns) and ``Work`` (one page on its way through a run). Both the pipeline and every stage
import this module, so neither imports the other.

A stage is a small object::

    class Shout(Stage):
        name, requires, assigns = "shout", ("text",), ("title",)
        def __call__(self, work):
            work.article.title = work.article.text[:20].upper()
            return work
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .config import Config
from .record import Article
from .sources import Source


@dataclass
class Work:
    """One page on its way through the pipeline."""

    source: Source
    article: Article
    config: Config
    doc: Any = None  # spaCy Doc of article.text, when a model exists for the language
    published_override: str | None = None
    lang_override: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)  # stage-to-stage hand-over that is not stored

    @classmethod
    def from_source(cls, source: Source, config: Config, published: str | None = None,
                    lang: str | None = None) -> Work:
        return cls(source=source, article=Article(id=article_id(source), source=source.name, url=source.url),
                   config=config, published_override=published, lang_override=lang)


def article_id(source: Source) -> str:
    """Stable id: hash of the normalised URL when there is one, else of the raw bytes."""
    if source.url:
        url = source.url.strip().split("#")[0].rstrip("/").lower()
        url = url.replace("://www.", "://").replace("http://", "https://")
        return "u" + hashlib.sha1(url.encode()).hexdigest()[:16]
    return "h" + source.raw_sha1[:16]


class Stage:
    """A step of the pipeline. ``requires`` and ``assigns`` name parts of the Work (``source``, ``text``,
    ``lang``, ``doc``, ``entities``...); ``pipe`` may be overridden for batch work (spaCy)."""

    name: ClassVar[str] = "stage"
    version: ClassVar[str] = "1"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __call__(self, work: Work) -> Work:
        raise NotImplementedError

    def pipe(self, works: list[Work]) -> list[Work]:
        return [self(w) for w in works]

    def models(self) -> list[str]:
        return []
