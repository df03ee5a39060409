"""The Article record: JSON round trips, spans that stay inside the text, and the published schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from veille.record import (
    SCHEMA_VERSION,
    Article,
    Attribution,
    Entity,
    Event,
    Mention,
    Quote,
    Removed,
    Signal,
    Span,
    Timex,
    json_schema,
)

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "article.schema.json"

# ---------------------------------------------------------------- strategies

_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@st.composite
def spans(draw, text: str) -> tuple[int, int]:
    start = draw(st.integers(0, len(text)))
    return start, draw(st.integers(start, len(text)))


@st.composite
def articles(draw) -> Article:
    """A record with every kind of span, each taken from its own text (as the stages must)."""
    text = draw(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))

    def span(cls=Span, **kw):
        s, e = draw(spans(text))
        return cls(start=s, end=e, text=text[s:e], **kw)

    ents = [Entity(id=f"Q{i}", name=draw(_words) or "x", type=draw(st.sampled_from(["PER", "ORG", "GPE"])),
                   names=draw(st.lists(_words, max_size=3))) for i in range(draw(st.integers(0, 3)))]
    ids = [e.id for e in ents] or ["L1"]
    n = st.integers(0, 3)
    return Article(
        id=draw(st.text(min_size=1, max_size=20)), text=text, lang=draw(st.sampled_from([None, "fr", "en"])),
        title=draw(st.none() | _words), authors=draw(st.lists(_words, max_size=2)),
        published=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        removed=[Removed(text=draw(_words), reason=draw(_words)) for _ in range(draw(n))],
        entities=ents,
        mentions=[span(Mention, entity_id=draw(st.sampled_from(ids))) for _ in range(draw(n))],
        quotes=[span(Quote, kind=draw(st.sampled_from(["direct", "indirect", "mixed"])),
                     speaker=draw(st.none() | st.sampled_from(ids)), speaker_mention=span(), cue=span(),
                     confidence=draw(st.floats(0, 1))) for _ in range(draw(n))],
        attributions=[Attribution(source_text=draw(_words), cue=span(), scope=draw(st.none()) or span())
                      for _ in range(draw(n))],
        timexes=[span(Timex, value=draw(st.sampled_from(["2026-03-14", "P1Y", "XXXX-07-01"])))
                 for _ in range(draw(n))],
        events=[Event(type="AGREE", sentence=span(), trigger=span(), aux=draw(st.lists(
            st.sampled_from(["future", "negation"]), max_size=2, unique=True))) for _ in range(draw(n))],
        signals=[Signal(kind="duplicate_title", text=draw(_words)) for _ in range(draw(st.integers(0, 1)))],
    )


# ---------------------------------------------------------------- properties


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_record_survives_a_json_round_trip(art):
    again = Article.model_validate_json(art.model_dump_json())
    assert again == art
    assert json.loads(again.model_dump_json()) == json.loads(art.model_dump_json())


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_spans_taken_from_the_text_check_clean(art):
    assert art.check_spans() == []
    for s in art.spans():
        assert 0 <= s.start <= s.end <= len(art.text)


@settings(max_examples=100)
@given(articles(), st.integers(1, 5))
def test_a_shifted_span_is_caught(art, shift):
    if not art.mentions:
        return
    m = art.mentions[0]
    moved = m.model_copy(update={"start": m.start + shift, "end": m.end + shift})
    broken = art.model_copy(update={"mentions": [moved, *art.mentions[1:]]})
    shifted_text = art.text[moved.start:moved.end] if moved.end <= len(art.text) else None
    assert bool(broken.check_spans()) == (shifted_text != m.text)


# ---------------------------------------------------------------- the pipeline keeps its spans honest

_FR = ["Le", "ministre", "a", "déclaré", "mardi", "à", "Paris", "que", "l'accord", "était", "signé", "«", "»",
       "a-t-il", "ajouté", "Emmanuel", "Macron", "l'OTAN", "le", "14", "mars", "2026", ".", ",", "\n\n"]
_EN = ["The", "minister", "said", "on", "Tuesday", "in", "London", "that", "the", "deal", "was", "signed",
       "“", "”", "\"", "according", "to", "Reuters", "NATO", "March", "14", ",", "2026", ".", "\n\n"]


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([_FR, _EN]).flatmap(lambda words: st.lists(st.sampled_from(words), min_size=8,
                                                                     max_size=120)))
def test_pipeline_spans_lie_inside_the_text(analyze, words):
    """Whatever the stages find in a news-like word soup, every span indexes the record's own text."""
    text = " ".join(words).replace(" \n\n ", "\n\n")
    try:
        art = analyze(text, name="<hypothesis>")
    except Exception as exc:  # only a typed refusal is acceptable
        from veille.errors import InputError

        assert isinstance(exc, InputError), f"{type(exc).__name__}: {exc}"
        return
    assert art.check_spans() == []
    assert Article.model_validate_json(art.model_dump_json()) == art


# ---------------------------------------------------------------- shape and schema


def test_record_carries_its_schema_version():
    art = Article(id="x")
    assert art.schema_version == SCHEMA_VERSION
    assert json.loads(art.model_dump_json())["schema_version"] == SCHEMA_VERSION


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError, match="extra"):
        Article.model_validate({"id": "x", "txet": "typo"})


def test_a_minimal_record_of_this_version_still_reads():
    art = Article.model_validate_json('{"schema_version": "1.0", "id": "a1", "text": "Bonjour."}')
    assert art.text == "Bonjour." and art.mentions == [] and art.published is None


def test_published_schema_is_up_to_date():
    """docs/article.schema.json is generated: python -m veille.record > docs/article.schema.json"""
    assert SCHEMA_FILE.exists(), "generate it: python -m veille.record > docs/article.schema.json"
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema(), (
        "docs/article.schema.json is stale: regenerate it with "
        "python -m veille.record > docs/article.schema.json")


def test_schema_names_its_version_and_every_field():
    schema = json_schema()
    assert SCHEMA_VERSION in schema["$id"] and SCHEMA_VERSION in schema["title"]
    assert set(schema["properties"]) == set(Article.model_fields)
