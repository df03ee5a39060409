"""Is one page a translation of another? A small logistic model over what a translation keeps of its
original, weights and threshold shipped in ``data/translation_link.json``.

A translation keeps the order and content of its original passage by passage, so the features are:

- ``align``      how well each body chunk of one page finds its counterpart in the other, averaged both
  ways (multilingual encoder);
- ``align_min``  the weaker of the two ways: a short page covered by a long one aligns well one way only,
  a translation both ways;
- ``body``       cosine of the body vectors; ``head`` cosine of title + lead;
- ``numbers``    overlap of the numbers both give; ``names`` overlap of their name keys (Poutine ~ Putin);
- ``in_order``   how well chunk i of one page matches chunk i of the other (the diagonal of the chunk
  similarities): a translation keeps the ORDER of its original, so its best matches lie on the diagonal,
  while an independent report of the same event shares facts in another sequence.

``in_order`` reads only the chunk vectors a stored profile keeps, so placement computes it from the store as
it is (no new stored field). Its grain is coarse: chunks are whole sentences up to about 500 characters, at
most three, so two short pages have two chunks each and a report telling the same facts in another order
within them is not told from a translation (see docs/stories.md). The ratio of chunk counts (a proportion
of lengths) was tried and dropped: fitted on SemEval it took a negative weight.

The model is fitted (``veille eval stories --fit``) on the SemEval-2022 machine-translated copies against
two kinds of pages that are not translations of each other: original articles in two languages (many
about the same story: the hard case) and each copy against another original. The threshold lets through
at most ``FALSE_LINKS`` of the original pairs of the fitting folds; the evaluation reports both rates with
models fitted on the other folds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from .evidence import overlap
from .profile import Profile, body_vector

FEATURES = ("align", "align_min", "body", "head", "numbers", "names", "in_order")
#: Share of pairs of original articles in two languages the threshold may link on the fitting folds.
FALSE_LINKS = 0.025
#: How many times a pair of original articles in two languages graded the same story (SemEval overall
#: ≤ 1.5) counts in the fit: the independent same-day report the model must not take for a translation.
SAME_STORY_WEIGHT = 4.0
_DATA = Path(__file__).parent / "data" / "translation_link.json"
_L2 = 0.1


def link_features(a: Profile, b: Profile) -> np.ndarray:
    """The ``FEATURES`` of a pair (symmetric in a and b)."""
    sims = a.chunks @ b.chunks.T
    ways = (float(sims.max(axis=1).mean()), float(sims.max(axis=0).mean())) if sims.size else (0.0, 0.0)
    values = [sum(ways) / 2, min(ways), float(body_vector(a.chunks) @ body_vector(b.chunks)),
              float(a.head @ b.head), overlap(a.numbers, b.numbers), overlap(a.names, b.names),
              in_order(sims)]
    return np.array(values, dtype=np.float64)


def in_order(sims: np.ndarray) -> float:
    """The ``in_order`` feature from the chunk similarity matrix of two pages: the mean similarity of chunk
    i of one to chunk i of the other, over the chunks both have (0 without chunks)."""
    n = min(sims.shape) if sims.ndim == 2 else 0
    return float(np.diagonal(sims)[:n].mean()) if n else 0.0


@dataclass(frozen=True)
class LinkModel:
    """Weights over ``FEATURES``, a bias, and the threshold on the probability."""

    weights: np.ndarray
    bias: float
    threshold: float
    fitted_on: str = ""

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(np.asarray(x) @ self.weights + self.bias)))


def fit_link(x: np.ndarray, y: np.ndarray, originals: np.ndarray, fitted_on: str,
             weight: np.ndarray | None = None) -> LinkModel:
    """Logistic regression (Newton, L2) on labelled pairs, each counted ``weight`` times (1 when None);
    ``originals`` marks the negative pairs of original articles the threshold is chosen on (at most
    ``FALSE_LINKS`` of them linked)."""
    xb = np.column_stack([x, np.ones(len(x))])
    sw = np.ones(len(x)) if weight is None else np.asarray(weight, dtype=np.float64)
    w = np.zeros(xb.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        hessian = (xb.T * (sw * p * (1 - p))) @ xb + _L2 * np.eye(len(w))
        step = np.linalg.solve(hessian, xb.T @ (sw * (p - y)) + _L2 * w)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    model = LinkModel(w[:-1], float(w[-1]), 1.0, fitted_on)
    negatives = np.sort(model.probability(x[originals]))
    if not len(negatives):  # nothing to bound the false links with: the even odds
        return LinkModel(model.weights, model.bias, 0.5, fitted_on)
    cut = negatives[min(len(negatives) - 1, int(np.ceil(len(negatives) * (1 - FALSE_LINKS))) - 1)]
    return LinkModel(model.weights, model.bias, float(cut) + 1e-6, fitted_on)


def fold_of(group: str, folds: int = 5) -> int:
    """The fold of a group (an original article, a pair id), stable across runs."""
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % folds


def fold_models(x: np.ndarray, y: np.ndarray, originals: np.ndarray, groups: Sequence[str],
                folds: int = 5, weight: np.ndarray | None = None) -> list[LinkModel]:
    """One model per fold, each fitted on the pairs of the other folds (``weight`` as in ``fit_link``)."""
    fold = np.array([fold_of(g, folds) for g in groups])
    sw = np.ones(len(x)) if weight is None else np.asarray(weight, dtype=np.float64)
    return [fit_link(x[fold != k], y[fold != k], originals[fold != k], f"folds other than {k}", sw[fold != k])
            for k in range(folds)]


@cache
def shipped_link_model() -> LinkModel:
    data = json.loads(_DATA.read_text("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{_DATA}: features {data['features']} do not match the code's {list(FEATURES)}; "
                         "refit with `veille eval stories --fit`")
    return LinkModel(np.array(data["weights"]), float(data["bias"]), float(data["threshold"]),
                     data["fitted_on"])


def save_link_model(model: LinkModel, path: Path = _DATA) -> None:
    data = {"features": list(FEATURES), "weights": [round(float(w), 6) for w in model.weights],
            "bias": round(model.bias, 6), "threshold": round(model.threshold, 6),
            "fitted_on": model.fitted_on}
    path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    shipped_link_model.cache_clear()
