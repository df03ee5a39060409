"""A page's story profile: what story similarity compares, computed once per page.

Vectors of the head (title + lead) and of up to three body chunks, their mean (the body vector), plus the
language-independent evidence of ``evidence``. Profiles are built in batches so the encoder sees many
passages at once. The evaluation also encodes the first 2,000 characters as one text (``baseline=True``):
that is the zero-shot baseline the model is compared with, not something stories need.
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


def build_profiles(pages: Sequence[PageText], encoder: Encoder, progress: Callable[[int], None] | None = None,
                   batch: int = 64, baseline: bool = False) -> list[Profile]:
    """Profiles for ``pages``; ``progress`` is called with the number of pages done after each batch."""
    out: list[Profile] = []
    for i in range(0, len(pages), batch):
        part = pages[i:i + batch]
        out += _batch(part, encoder, baseline)
        if progress:
            progress(len(part))
    return out


def _batch(pages: Sequence[PageText], encoder: Encoder, baseline: bool) -> list[Profile]:
    texts: list[str] = []
    spans: list[tuple[int, int]] = []
    for page in pages:
        start = len(texts)
        chunks = passages.body_chunks(page.text) or [page.text[:passages.CHUNK_CHARS]]
        full = [passages.full(_titled(page))] if baseline else []
        texts += [passages.head(page.title, page.text), *full, *chunks]
        spans.append((start, len(texts)))
    vectors = encoder.embed(texts)
    out = []
    for page, (a, b) in zip(pages, spans, strict=True):
        rest = vectors[a + 1:b]
        body = rest[1:] if baseline else rest
        whole = rest[0] if baseline else body_vector(body)
        out.append(_profile(page, vectors[a], whole, body))
    return out


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
