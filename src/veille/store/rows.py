"""An Article record flattened into the rows of the query tables. Pure functions, no database: both
backends insert exactly these tuples, in the column order of ``COLUMNS``."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..record import Article
from .text import fold, name_key

#: Column order of each child table (the article's own row is built by ``article_row``).
COLUMNS: dict[str, tuple[str, ...]] = {
    "entity_names": ("entity_id", "article_id", "name", "folded", "lang"),
    "article_entities": ("article_id", "entity_id", "name", "type", "n_mentions"),
    "mentions": ("article_id", "idx", "span_start", "span_end", "text", "entity_id", "how"),
    "quotes": ("article_id", "idx", "span_start", "span_end", "text", "kind", "speaker", "speaker_text",
               "cue_text", "confidence", "published", "lang"),
    "quote_about": ("article_id", "quote_idx", "entity_id", "published"),
    "attributions": ("article_id", "idx", "source", "source_text", "cue_text", "scope_text"),
    "timexes": ("article_id", "idx", "span_start", "span_end", "text", "type", "value", "anchor"),
    "events": ("article_id", "idx", "type", "mode", "actor", "recipient", "location", "date", "aux",
               "trigger_text", "sentence_text", "confidence", "published"),
}
ARTICLE_COLUMNS = ("id", "url", "source", "site_name", "title", "published", "lang", "n_words", "n_entities",
                   "n_quotes", "n_events", "content_sha1", "text", "record")
ENTITY_COLUMNS = ("id", "name", "type", "wikidata")

#: Mentions whose text is a name of the entity (not a description, pronoun or metonymy).
NAMING = ("ner", "kb", "namekey")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class ArticleRows:
    """Everything one record puts in the store."""

    article: tuple
    entities: list[tuple] = field(default_factory=list)
    children: dict[str, list[tuple]] = field(default_factory=dict)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # entities mentioned together, both ways
    fts_title: str = ""
    fts_text: str = ""


def content_sha1(art: Article) -> str:
    """Hash of the record without its provenance: the same content re-analysed is "unchanged"."""
    return hashlib.sha1(art.model_dump_json(exclude={"provenance"}).encode()).hexdigest()


def article_row(art: Article) -> tuple:
    return (art.id, art.url, art.source, art.site_name, art.title, art.published, art.lang,
            len(art.text.split()), len(art.entities), len(art.quotes), len(art.events), content_sha1(art),
            art.text, art.model_dump_json())


def to_rows(art: Article) -> ArticleRows:
    """Flatten one record; entity names are kept per article with the article's language."""
    a = art.id
    rows = ArticleRows(article=article_row(art), fts_title=art.title or "", fts_text=art.text)
    entities = list({e.id: e for e in reversed(art.entities)}.values())[::-1]  # one per id, first wins
    rows.entities = [(e.id, e.name, e.type, e.wikidata) for e in entities]
    rows.pairs = [(x.id, y.id) for x in entities for y in entities if x.id != y.id]
    counts: dict[str, int] = {}
    for m in art.mentions:
        counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
    names = set()
    for e in entities:  # a name, not a stand-in: "Moscou" for the Russian state is metonymy, not its name
        said = (m.text for m in art.mentions if m.entity_id == e.id and m.how in NAMING)
        for n in {e.name, *e.names, *said}:
            if name_key(n):
                names.add((e.id, a, n, name_key(n), art.lang))
    c = rows.children
    c["entity_names"] = sorted(names)
    c["article_entities"] = [(a, e.id, e.name, e.type, counts.get(e.id, 0)) for e in entities]
    c["mentions"] = [(a, i, m.start, m.end, m.text, m.entity_id, m.how) for i, m in enumerate(art.mentions)]
    c["quotes"] = [(a, i, q.start, q.end, q.text, q.kind, q.speaker,
                    q.speaker_mention.text if q.speaker_mention else None, q.cue.text if q.cue else None,
                    q.confidence, art.published, art.lang) for i, q in enumerate(art.quotes)]
    c["quote_about"] = _quote_about(art)
    c["attributions"] = [(a, i, t.source, t.source_text, t.cue.text, t.scope.text if t.scope else None)
                         for i, t in enumerate(art.attributions)]
    c["timexes"] = [(a, i, t.start, t.end, t.text, t.type, t.value, t.anchor)
                    for i, t in enumerate(art.timexes)]
    c["events"] = [(a, i, e.type, e.mode, e.actor, e.recipient, e.location, _event_date(art, e.time),
                    ",".join(e.aux), e.trigger.text, e.sentence.text, e.confidence, art.published)
                   for i, e in enumerate(art.events)]
    return rows


def _quote_about(art: Article) -> list[tuple]:
    """A quote is about every entity mentioned inside it, except its own speaker."""
    out = set()
    for i, q in enumerate(art.quotes):
        for m in art.mentions:
            if q.start <= m.start and m.end <= q.end and m.entity_id != q.speaker:
                out.add((art.id, i, m.entity_id, art.published))
    return sorted(out)


def _event_date(art: Article, timex_index: int | None) -> str | None:
    """The event's own date when its timex is a calendar date ("2023-03-25"), else the article's date."""
    if timex_index is not None and 0 <= timex_index < len(art.timexes):
        value = art.timexes[timex_index].value
        if _ISO_DATE.match(value):
            return value
    return art.published


def folded_text(title: str, text: str) -> str:
    """What PostgreSQL indexes: title and body, folded (its 'simple' parser then splits words)."""
    return fold(f"{title}\n{text}")
