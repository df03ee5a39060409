"""Copies: the same text published again, exactly or with edits (another title, trimmed, re-wrapped,
other furniture around it).

Exact copies share the hash of the normalised body (words only, case and accents folded, so line breaks
and punctuation do not count). Near-duplicates are found with MinHash-LSH over word 5-gram shingles
(datasketch): the LSH index answers with candidates at a low Jaccard, cheaply and without a scan, and each
candidate is then checked on the exact shingle sets. A trimmed copy keeps most of its shingles inside the
original, so the check accepts either a Jaccard ≥ ``JACCARD`` or a containment (shared shingles over the
smaller page's) ≥ ``CONTAINMENT``; two reports of one event written apart share far less than that.

>>> index = CopyIndex()
>>> body = " ".join(f"Le conseil a voté la mesure numéro {i} après un long débat." for i in range(12))
>>> index.add("a", body)
>>> [m.key for m in index.matches("Titre nouveau\\n" + body.upper()[:500])]
['a']
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from ..stages.entities.namekeys import fold

SHINGLE_WORDS = 5
NUM_PERM = 128
#: LSH candidate threshold (low: the exact check decides) and the exact acceptance thresholds.
LSH_THRESHOLD = 0.3
JACCARD = 0.5
CONTAINMENT = 0.8
#: Pages shorter than this many shingles are too short to call copies by shingles (a headline, a brief).
MIN_SHINGLES = 20

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of ``text``, folded (lower case, no accents): what copies are compared on."""
    return _WORD.findall(fold(text))


def body_hash(text: str) -> str:
    """SHA-1 of the normalised word sequence: equal for exact copies, whatever their layout."""
    return hashlib.sha1(" ".join(words(text)).encode("utf-8")).hexdigest()


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    w = words(text)
    return {" ".join(w[i : i + k]) for i in range(max(0, len(w) - k + 1))}


def minhash(grams: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch([g.encode("utf-8") for g in grams])
    return m


@dataclass(frozen=True)
class CopyMatch:
    """A stored page the new page copies (or is copied by): exact or near, with the measured overlap."""

    key: str
    kind: str  # "exact" | "near"
    jaccard: float
    containment: float


class CopyIndex:
    """Pages by body hash and MinHash-LSH, for finding copies of a new page. In memory; the store keeps the
    hashes and signatures (``signature``) so an index can be rebuilt without re-reading texts."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._hashes: dict[str, list[str]] = {}
        self._shingles: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._shingles)

    def add(self, key: str, text: str) -> None:
        grams = shingles(text)
        self._hashes.setdefault(body_hash(text), []).append(key)
        self._shingles[key] = grams
        if len(grams) >= MIN_SHINGLES:
            self._lsh.insert(key, minhash(grams))

    def matches(self, text: str) -> list[CopyMatch]:
        """Stored pages ``text`` is a copy of (or a copy of which it is), best first."""
        exact = self._hashes.get(body_hash(text), [])
        found = [CopyMatch(k, "exact", 1.0, 1.0) for k in exact]
        grams = shingles(text)
        if len(grams) < MIN_SHINGLES:
            return found
        for key in self._lsh.query(minhash(grams)):
            if key in exact:
                continue
            match = check(key, grams, self._shingles[key])
            if match:
                found.append(match)
        return sorted(found, key=lambda m: (-m.jaccard, -m.containment, m.key))


def check(key: str, a: set[str], b: set[str]) -> CopyMatch | None:
    """The exact test on two shingle sets: a near-copy, or None."""
    if not a or not b:
        return None
    shared = len(a & b)
    jaccard = shared / len(a | b)
    containment = shared / min(len(a), len(b))
    if jaccard >= JACCARD or (containment >= CONTAINMENT and min(len(a), len(b)) >= MIN_SHINGLES):
        return CopyMatch(key, "near", round(jaccard, 4), round(containment, 4))
    return None
