"""Blocking keys: how a new page finds candidate stories and copies through an index, never a scan.

- ``e:<entity id>`` for the entities a page mentions most (a story is about its actors and places);
- ``v:<band>:<bits>`` random-hyperplane LSH bands of the head vector (title + lead), so pages about the
  same thing in two languages meet even when entity linking found nothing in common;
- ``m:<band>:<hash>`` MinHash LSH bands over word shingles, for near-duplicate copies.

The hyperplanes are drawn from a fixed seed, so keys are the same in every process and every run.
With 16 bands of 5 bits, two heads at cosine 0.6 share a band with probability ≈ 0.95, two unrelated
heads (cosine 0.1) with probability ≈ 0.5 — a band only proposes; the similarity model decides, and the
time window keeps the number of live candidates flat as the store grows.

>>> import numpy as np
>>> v = np.ones(512, dtype=np.float32) / np.sqrt(512)
>>> vector_keys(v) == vector_keys(v.copy())
True
>>> len(vector_keys(v))
16
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from functools import cache

import numpy as np

from .copies import NUM_PERM, minhash, shingles

VECTOR_BANDS = 16
VECTOR_BITS = 5
COPY_BANDS = 32  # of NUM_PERM / COPY_BANDS = 4 rows: a band match at Jaccard 0.5 is ≈ 0.87 likely
MAX_ENTITY_KEYS = 8


@cache
def _hyperplanes(dim: int = 512) -> np.ndarray:
    return (
        np.random.default_rng(20261204).standard_normal((dim, VECTOR_BANDS * VECTOR_BITS)).astype(np.float32)
    )


def vector_keys(vector: np.ndarray) -> list[str]:
    """One key per band: the signs of the vector on that band's hyperplanes."""
    bits = (vector @ _hyperplanes(len(vector))) > 0
    keys = []
    for band in range(VECTOR_BANDS):
        chunk = bits[band * VECTOR_BITS : (band + 1) * VECTOR_BITS]
        keys.append(f"v:{band}:{''.join('1' if b else '0' for b in chunk)}")
    return keys


def entity_keys(entity_counts: Counter[str] | Iterable[str]) -> list[str]:
    """The most mentioned entity ids, as keys (ties broken by id so keys are stable)."""
    counts = entity_counts if isinstance(entity_counts, Counter) else Counter(entity_counts)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ENTITY_KEYS]
    return [f"e:{entity_id}" for entity_id, _ in ranked]


def copy_bands(text: str) -> list[str]:
    """MinHash LSH band keys of the page's word shingles (empty for pages too short to call copies)."""
    from .copies import MIN_SHINGLES

    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return []
    values = minhash(grams).hashvalues
    rows = NUM_PERM // COPY_BANDS
    keys = []
    for band in range(COPY_BANDS):
        digest = hashlib.sha1(values[band * rows : (band + 1) * rows].tobytes()).hexdigest()[:16]
        keys.append(f"m:{band}:{digest}")
    return keys
