"""What an extractor hands to the rest of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...record import Removed


@dataclass
class Extracted:
    """What an extractor found on a page, before the language and NLP stages."""

    text: str
    title: str | None = None
    site_name: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    published: str | None = None
    published_source: str | None = None
    removed: list[Removed] = field(default_factory=list)
    duplicate_title: bool = False
    standfirst: str | None = None
