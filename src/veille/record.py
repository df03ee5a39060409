"""The Article record and its parts: the one definition everything else moves.

Every annotation is a pair of character offsets into ``Article.text`` plus a copy of the covered
text for readability; ``Article.check_spans()`` verifies that the copies never drift from the text.
The JSON Schema in ``docs/article.schema.json`` is generated from these classes
(``python -m veille.record > docs/article.schema.json``) and a test fails when it is stale.

>>> a = Article(id="x", text="Hello")
>>> Article.model_validate_json(a.model_dump_json()) == a
True
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: Bumped on any change of the record's shape: major for breaking changes, minor for additions.
SCHEMA_VERSION = "1.0"

EntityType = Literal["PER", "ORG", "GPE", "LOC", "NORP", "MEDIA", "WEAPON", "EVENT", "MISC"]
LinkHow = Literal["ner", "kb", "coref", "metonymy", "description", "namekey"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Aux = Literal["future", "historical", "hypothetical", "negation"]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Part):
    """A stretch of ``Article.text``: ``text == article.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Removed(_Part):
    """A stretch of the input dropped as furniture, with why. Offsets index the decoded input text
    (plain-text inputs); they are null when the extractor cannot say where (HTML)."""

    text: str
    reason: str
    start: int | None = None
    end: int | None = None


class Paragraph(_Part):
    """One paragraph of the body and its language."""

    start: int
    end: int
    lang: str | None = None
    lang_score: float | None = None


class Entity(_Part):
    """A thing the page talks about: a Wikidata QID when the knowledge base knows it, else a local id."""

    id: str
    name: str
    type: EntityType
    names: list[str] = Field(default_factory=list)
    wikidata: str | None = None


class Mention(Span):
    """A place in the text that refers to an entity, and how the link was made."""

    entity_id: str
    how: LinkHow = "ner"


class Quote(Span):
    """What someone said. ``speaker`` is an entity id, or null for an unnamed speaker whose words are
    still kept with the mention that introduced them ("un responsable")."""

    kind: QuoteKind
    speaker: str | None = None
    speaker_mention: Span | None = None
    cue: Span | None = None
    source: str | None = None
    confidence: float = 1.0


class Attribution(_Part):
    """Content credited to a source: "a rapporté le Financial Times", "according to Reuters"."""

    source: str | None = None
    source_text: str
    cue: Span
    scope: Span | None = None


class Timex(Span):
    """A time expression normalised TIMEX3-style against ``anchor`` (the date it was resolved from)."""

    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: str
    mod: str | None = None
    anchor: str | None = None


class Event(_Part):
    """Who did what to whom, coded in PLOVER."""

    type: str
    mode: str | None = None
    actor: str | None = None
    recipient: str | None = None
    location: str | None = None
    time: int | None = Field(default=None, description="index into Article.timexes")
    aux: list[Aux] = Field(default_factory=list)
    sentence: Span
    trigger: Span
    confidence: float = 0.5


class Signal(_Part):
    """Something a reader should know about the page itself."""

    kind: Literal[
        "foreign_fragment",
        "duplicate_title",
        "unrelated_insert",
        "editorial_ellipsis",
        "truncated",
        "machine_translation",
    ]
    text: str | None = None
    start: int | None = Field(
        default=None, description="offset in Article.text, when the thing is in the body"
    )
    end: int | None = None
    lang: str | None = None
    detail: str | None = None


class StageRun(_Part):
    stage: str
    version: str
    models: list[str] = Field(default_factory=list)


class Article(_Part):
    """One news page, analysed."""

    schema_version: str = SCHEMA_VERSION
    id: str
    source: str | None = Field(default=None, description="the path or name the page was read from")
    url: str | None = None
    site_name: str | None = None
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = Field(default=None, description="ISO date; null when nothing says it")
    published_source: str | None = Field(default=None, description="where the date came from")
    dateline: str | None = None
    lang: str | None = None
    text: str = ""
    paragraphs: list[Paragraph] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    signals: list[Signal] = Field(default_factory=list)
    story_id: str | None = None
    notes: list[str] = Field(default_factory=list, description="what a reader of the record should know")
    provenance: list[StageRun] = Field(default_factory=list)

    def spans(self) -> list[Span]:
        """Every span that claims to lie in ``text``."""
        out: list[Span] = [*self.mentions, *self.timexes]
        for q in self.quotes:
            out += [q, *(s for s in (q.speaker_mention, q.cue) if s)]
        for a in self.attributions:
            out += [a.cue, *([a.scope] if a.scope else [])]
        for e in self.events:
            out += [e.sentence, e.trigger]
        return out

    def check_spans(self) -> list[str]:
        """Problems with spans (empty when every span lies inside the text and matches it)."""
        bad = []
        for s in self.spans():
            if not (0 <= s.start <= s.end <= len(self.text)) or self.text[s.start : s.end] != s.text:
                bad.append(f"span {s.start}-{s.end} {s.text!r} does not match the text")
        return bad

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


def json_schema() -> dict:
    """The record's JSON Schema, as published in ``docs/article.schema.json``."""
    schema = Article.model_json_schema()
    schema["$id"] = f"https://veille.dev/schema/article-{SCHEMA_VERSION}.json"
    schema["title"] = f"veille Article record {SCHEMA_VERSION}"
    return schema


if __name__ == "__main__":
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
