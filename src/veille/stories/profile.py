"""A page's story profile: what story similarity compares, computed once per page.

Vectors of the head (title + lead) and of up to three body chunks, their mean (the body vector), plus the
language-independent evidence of ``evidence``. For the translation link (``translation_link``) a profile
also keeps sentence-level evidence (``sentences``): one vector per body sentence (at most
``passages.MAX_SENTENCES``), the text length and the order in which numbers and names first appear — a
translation follows its original sentence by sentence, an independent report only shares its facts.
Profiles are built in batches so the encoder sees many passages at once. The evaluation also encodes the
first 2,000 characters as one text (``baseline=True``): that is the zero-shot baseline the model is
compared with, not something stories need.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from . import evidence, passages
from .encoder import Encoder


@dataclass(frozen=True)
class PageText:
    """The part of a page stories need: title (may be absent), clean text, language, linked entity ids."""

    text: str
    title: str | None = None
    lang: str | None = None
    entity_ids: frozenset[str] | None = None


@dataclass
class Profile:
    head: np.ndarray
    full: np.ndarray  # the baseline's vector of the first 2,000 characters, else the body vector
    chunks: np.ndarray  # (n_chunks, 512), at least one row
    numbers: frozenset[str]
    names: frozenset[str]
    entities: frozenset[str]
    lang: str | None = None
    meta: dict = field(default_factory=dict)
    #: Sentence-level evidence; None for profiles stored before migration 10 (the link then falls back to
    #: the chunk features).
    sentences: Sentences | None = None


@dataclass(frozen=True)
class Sentences:
    """A page's body sentence by sentence: unit vectors (n, 512), the body length in characters, and the
    numbers and name keys by the sentence they first appear in (``fact_sequence``)."""

    vectors: np.ndarray
    chars: int
    facts: tuple[tuple[str, ...], ...]


def build_profiles(pages: Sequence[PageText], encoder: Encoder, progress: Callable[[int], None] | None = None,
                   batch: int = 64, baseline: bool = False,
                   sentences: bool | Callable[[int], bool] = True) -> list[Profile]:
    """Profiles for ``pages``; ``progress`` is called with the number of pages done after each batch.
    ``sentences`` says whether to encode the sentence-level evidence (for every page, or for the page at
    each index: the evaluation needs it only for the pages of translation pairs)."""
    wanted = sentences if callable(sentences) else (lambda _i: bool(sentences))
    out: list[Profile] = []
    for i in range(0, len(pages), batch):
        part = pages[i:i + batch]
        out += _batch(part, encoder, baseline, [wanted(i + j) for j in range(len(part))])
        if progress:
            progress(len(part))
    return out


def _batch(pages: Sequence[PageText], encoder: Encoder, baseline: bool, wanted: list[bool]) -> list[Profile]:
    texts: list[str] = []
    spans: list[tuple[int, int, int]] = []
    for page, with_sentences in zip(pages, wanted, strict=True):
        start = len(texts)
        chunks = passages.body_chunks(page.text) or [page.text[:passages.CHUNK_CHARS]]
        full = [passages.full(_titled(page))] if baseline else []
        texts += [passages.head(page.title, page.text), *full, *chunks]
        middle = len(texts)
        texts += passages.body_sentences(page.text) if with_sentences else []
        spans.append((start, middle, len(texts)))
    vectors = encoder.embed(texts)
    out = []
    for page, with_sentences, (a, m, b) in zip(pages, wanted, spans, strict=True):
        rest = vectors[a + 1:m]
        body = rest[1:] if baseline else rest
        whole = rest[0] if baseline else body_vector(body)
        prof = _profile(page, vectors[a], whole, body)
        if with_sentences:
            prof.sentences = Sentences(vectors[m:b], len(page.text), fact_sequence(page.text))
        out.append(prof)
    return out


def fact_sequence(text: str, limit: int = 200) -> tuple[tuple[str, ...], ...]:
    """The numbers (``#`` + normalised) and name keys of ``text`` grouped by the sentence they first
    appear in, in text order (at most ``limit`` of them): what a translation keeps in the same order.

    >>> fact_sequence("Le Marisol a 214 passagers. Dorvic attend. Le Marisol repart le 3.")
    (('#214', 'marisol'), (), ('#3',))
    """
    seen: set[str] = set()
    out: list[tuple[str, ...]] = []
    for sentence in passages.sentences(text[:passages.SEQUENCE_CHARS]):
        new = sorted({f"#{n}" for n in evidence.numbers(sentence)} | evidence.names(sentence)) if (
            len(seen) < limit) else []
        fresh = tuple(t for t in new if t not in seen)[:limit - len(seen)]
        seen.update(fresh)
        out.append(fresh)
    while out and not out[-1]:
        out.pop()
    return tuple(out)


def body_vector(chunks: np.ndarray) -> np.ndarray:
    """The unit mean of the chunk vectors: the page's body as one vector."""
    mean = chunks.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm if norm else mean).astype(np.float32)


def _titled(page: PageText) -> str:
    return f"{page.title}\n{page.text}" if page.title else page.text


def _profile(page: PageText, head: np.ndarray, full: np.ndarray, chunks: np.ndarray) -> Profile:
    text = _titled(page)[:5000]
    ids = page.entity_ids if page.entity_ids is not None else evidence.kb_entities(text)
    return Profile(head=head, full=full, chunks=chunks, numbers=evidence.numbers(text),
                   names=evidence.names(text), entities=frozenset(ids), lang=page.lang)
