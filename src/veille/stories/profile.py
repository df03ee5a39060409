"""A page's story profile: what story similarity compares, computed once per page.

Vectors of the head (title + lead), of the first 2,000 characters (the zero-shot baseline) and of up to
four body chunks, plus the language-independent evidence of ``evidence``. Profiles are built in batches so
the encoder sees many passages at once.
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
    full: np.ndarray
    chunks: np.ndarray  # (n_chunks, 512), at least one row
    numbers: frozenset[str]
    names: frozenset[str]
    entities: frozenset[str]
    lang: str | None = None
    meta: dict = field(default_factory=dict)


def build_profiles(
    pages: Sequence[PageText],
    encoder: Encoder,
    progress: Callable[[int], None] | None = None,
    batch: int = 64,
) -> list[Profile]:
    """Profiles for ``pages``; ``progress`` is called with the number of pages done after each batch."""
    out: list[Profile] = []
    for i in range(0, len(pages), batch):
        out += _batch(pages[i : i + batch], encoder)
        if progress:
            progress(len(pages[i : i + batch]))
    return out


def _batch(pages: Sequence[PageText], encoder: Encoder) -> list[Profile]:
    texts: list[str] = []
    spans: list[tuple[int, int]] = []
    for page in pages:
        start = len(texts)
        chunks = passages.body_chunks(page.text) or [page.text[: passages.CHUNK_CHARS]]
        texts += [passages.head(page.title, page.text), passages.full(_titled(page)), *chunks]
        spans.append((start, len(texts)))
    vectors = encoder.embed(texts)
    return [_profile(page, vectors[a:b]) for page, (a, b) in zip(pages, spans, strict=True)]


def _titled(page: PageText) -> str:
    return f"{page.title}\n{page.text}" if page.title else page.text


def _profile(page: PageText, vectors: np.ndarray) -> Profile:
    text = _titled(page)
    ids = page.entity_ids if page.entity_ids is not None else evidence.kb_entities(text[:5000])
    return Profile(
        head=vectors[0],
        full=vectors[1],
        chunks=vectors[2:],
        numbers=evidence.numbers(text[:5000]),
        names=evidence.names(text[:5000]),
        entities=frozenset(ids),
        lang=page.lang,
    )
