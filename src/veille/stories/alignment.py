"""Sentence-level evidence that one page translates another: a translation follows its original sentence by
sentence, in order, with lengths in proportion; an independent report of the same event shares facts, not
their sequence (the failure the chunk features could not see: the same facts retold in another order).

- ``monotonic_alignment``: the best alignment of the two pages' sentences that keeps both orders (dynamic
  programming, like the length-based aligners of parallel corpora, Gale & Church 1993, but over the
  encoder's cosines), where one sentence may match two consecutive ones (a translator splits or joins
  sentences); it gives the mean similarity of what it aligned over all sentences, the share aligned, and
  the share of the better-covered page aligned.
- ``length_agreement``: the two body lengths in characters, each divided by its language's usual length
  relative to English (``EXPANSION``), as a ratio ≤ 1.
- ``fact_order``: of the pairs of numbers and names both pages give in different sentences, the share they
  give in the same order.

>>> fact_order((("#214",), ("dorvic",), ("#31",)), (("#214",), ("dorvic",), ("#31",)))
1.0
>>> fact_order((("#214",), ("dorvic",), ("#31",)), (("#31",), ("dorvic",), ("#214",)))
0.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Below this cosine two sentences are not taken for one another: USE multilingual puts a sentence and its
#: translation at about 0.7–0.9, two sentences about the same event in two languages mostly under 0.5.
MATCH_FLOOR = 0.5
#: Characters a text takes in a language for 1 in English: the usual text-expansion figures of software
#: localisation (French, Spanish, Italian, German about 15–30 % longer, Chinese and Japanese about a third
#: as long). Unlisted languages count as English.
EXPANSION = {"en": 1.0, "fr": 1.2, "es": 1.2, "it": 1.15, "pt": 1.2, "de": 1.2, "nl": 1.15, "pl": 1.1,
             "ru": 1.1, "tr": 1.05, "ar": 0.95, "zh": 0.32, "ja": 0.4}
#: What ``fact_order`` answers when the pages share too few facts to tell.
UNKNOWN_ORDER = 0.5


@dataclass(frozen=True)
class Alignment:
    """The best order-keeping alignment of two pages' sentences: ``score`` the cosines of the aligned
    steps weighted by the sentences they cover, over all sentences of both; ``share`` the share of all
    sentences aligned; ``cover`` the share of the better-covered page's sentences aligned (a translation of
    part of a page covers all of the shorter one)."""

    score: float
    share: float
    cover: float


def monotonic_alignment(a: np.ndarray, b: np.ndarray, floor: float = MATCH_FLOOR) -> Alignment:
    """The best order-keeping alignment of sentence vectors ``a`` (n, d) and ``b`` (m, d).

    Steps match one sentence to one, or one to two consecutive ones of the other page (their summed vector),
    each counted for the sentences it covers; a step is worth its cosine minus ``floor`` per sentence, so
    only close pairs align, and any sentence may be left out. All zero when either page has none. Row by
    row, each row vectorised over ``b`` (the skips within a row are a running maximum): 40 x 40 sentences
    cost a few milliseconds."""
    n, m = len(a), len(b)
    if not n or not m:
        return Alignment(0.0, 0.0, 0.0)
    sims = a @ b.T
    # the cosine of a sentence with two consecutive ones of the other page joined: (s1 + s2) / |v1 + v2|
    joined_b = (sims[:, :-1] + sims[:, 1:]) / _pair_norms(b)[None, :]  # (n, m-1): a_i with b_k + b_k+1
    joined_a = (sims[:-1, :] + sims[1:, :]) / _pair_norms(a)[:, None]  # (n-1, m): a_k + a_k+1 with b_j
    # a row of the table: for each column j (sentences of b consumed), the best worth, the weighted cosines
    # behind it, and the sentences of a and of b it aligned
    empty = np.zeros((4, m + 1))
    rows = [empty, empty]  # rows i-2 and i-1 (sentences of a consumed)
    for i in range(1, n + 1):
        up, up2 = rows[-1], rows[-2]
        options = [up[:, 1:],  # a's sentence i-1 left out
                   _steps(up, sims[i - 1], 1, 1, floor)]  # one to one
        if m >= 2:  # a's sentence i-1 against b's j-2 and j-1 (columns from 2)
            step = _steps(up, joined_b[i - 1], 1, 2, floor)
            options.append(np.hstack([np.full((4, 1), -np.inf), step]))
        if i >= 2:  # a's sentences i-2, i-1 against b's j-1
            options.append(_steps(up2, joined_a[i - 2], 2, 1, floor))
        rows = [up, _best_of(options)]
    _, won, from_a, from_b = rows[-1][:, m]
    return Alignment(float(won) / (n + m), float(from_a + from_b) / (n + m), max(from_a / n, from_b / m))


def _steps(row: np.ndarray, cos: np.ndarray, from_a: int, from_b: int, floor: float) -> np.ndarray:
    """A matching step from each column of ``row``, covering ``from_a`` and ``from_b`` sentences: worth
    (cos − floor) per sentence (never taken when skipping is worth more)."""
    k, units = len(cos), from_a + from_b
    gained = np.vstack([units * (cos - floor), units * cos, np.full(k, from_a), np.full(k, from_b)])
    return row[:, :k] + gained


def _best_of(options: list[np.ndarray]) -> np.ndarray:
    """Column by column the best option (columns 1 … m), then the skips of b's sentences: each column takes
    the best of the columns to its left (a running maximum, carrying what it aligned)."""
    stacked = np.stack(options)  # (options, 4, m)
    pick = stacked[:, 0, :].argmax(axis=0)
    row = np.zeros((4, stacked.shape[2] + 1))
    row[:, 1:] = stacked[pick, :, np.arange(stacked.shape[2])].T
    running = np.maximum.accumulate(row[0])
    source = np.maximum.accumulate(np.where(row[0] >= running, np.arange(row.shape[1]), 0))
    return row[:, source]


def _pair_norms(v: np.ndarray) -> np.ndarray:
    """|v_i + v_i+1| for consecutive rows (at least a small positive number)."""
    if len(v) < 2:
        return np.ones(0)
    return np.maximum(np.linalg.norm(v[:-1] + v[1:], axis=1), 1e-6)


def length_agreement(chars_a: int, lang_a: str | None, chars_b: int, lang_b: str | None) -> float:
    """The ratio ≤ 1 of the two lengths, each in English characters (``EXPANSION``); 0 when one is empty.

    >>> round(length_agreement(1200, "fr", 1000, "en"), 3)
    1.0
    """
    a = chars_a / EXPANSION.get(lang_a or "", 1.0)
    b = chars_b / EXPANSION.get(lang_b or "", 1.0)
    return min(a, b) / max(a, b) if a > 0 and b > 0 else 0.0


def fact_order(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]]) -> float:
    """Of the pairs of facts (numbers, name keys) both pages give, in different sentences of each, the
    share given in the same order (``UNKNOWN_ORDER`` when no such pair)."""
    where_a = {fact: i for i, facts in enumerate(a) for fact in facts}
    where_b = {fact: i for i, facts in enumerate(b) for fact in facts}
    shared = sorted(set(where_a) & set(where_b))
    same = differ = 0
    for k, x in enumerate(shared):
        for y in shared[k + 1:]:
            da, db = where_a[x] - where_a[y], where_b[x] - where_b[y]
            if da and db:
                same += (da > 0) == (db > 0)
                differ += (da > 0) != (db > 0)
    return same / (same + differ) if same + differ else UNKNOWN_ORDER
