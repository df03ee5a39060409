"""Which of two pages in two languages is the original and which the translation: a small logistic model
over the difference of their ``translationese`` features, weights shipped in ``data/direction.json``.

For a pair (a, b) the model reads ``g(b) − g(a)``, where ``g`` is a page's translationese features
(against the other page's language), square-rooted so a few leftover words count without a page full of
them swamping everything else. ``P(a is the original) = σ(w · (g(b) − g(a)))``. There is no intercept, so
the model is antisymmetric: swapping the pages gives exactly ``1 − P``, no language and no position is
favoured, and two pages with the same features get 0.5 (nothing tells; dates decide, see
``translation.which_is_original``).

The weights are fitted on the SemEval-2022 machine-translated copies (``veille eval stories --fit``); the
evaluation reports the direction decided by models fitted on the other folds (k-fold grouped by original
article), and with each language pair left out of the fit in turn, to show what an unseen pair gets.

>>> original = PageText("The minister said on Monday that the plan was ready.", lang="en")
>>> copy = PageText("Le ministre a dit lundi que le plan était ready, selon au communiqué.", lang="fr")
>>> original_probability(original, copy) > 0.5
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from .fitting import fit_logistic, load_model_json
from .profile import PageText
from .translationese import FEATURES, page_features

_DATA = Path(__file__).parent / "data" / "direction.json"
#: L2 penalty of the fit: few pairs per language, so the weights are kept small.
_L2 = 0.3
#: Weights set, not fitted: the SemEval copies (fluent engine output) carry no bracketed fragment or
#: calque at all, so the data cannot weigh them; each is a construction no native writer produces (the
#: seed page's "[tactical nuclear weapons]", "selon au"), so one trace counts like a page whose words are
#: a few percent the source language's.
PRIOR_WEIGHTS = {"traces": 2.0}


@dataclass(frozen=True)
class DirectionModel:
    """Weights over ``FEATURES`` (a feature higher on a page makes it the translation), what they were
    fitted on, and the evidence score from which one page alone is called a machine translation
    (``machine_translation.read_page``)."""

    weights: np.ndarray
    fitted_on: str
    page_threshold: float = float("inf")

    def probability(self, difference: np.ndarray) -> np.ndarray:
        """P(first page is the original) for rows of ``g(second) − g(first)``."""
        return 1.0 / (1.0 + np.exp(-(np.asarray(difference) @ self.weights)))


def page_vector(page: PageText, other_lang: str | None) -> np.ndarray:
    """A page's translationese features against ``other_lang``, signed square roots."""
    x = page_features(page.text, page.lang, other_lang, head=page.title)
    return np.sign(x) * np.sqrt(np.abs(x))


def difference(a: PageText, b: PageText) -> np.ndarray:
    """``g(b) − g(a)``: positive where ``b`` carries more of what translation leaves."""
    return page_vector(b, a.lang) - page_vector(a, b.lang)


def original_probability(a: PageText, b: PageText, model: DirectionModel | None = None) -> float:
    """P(``a`` is the original and ``b`` its translation); 0.5 when nothing tells them apart."""
    return float((model or shipped_direction_model()).probability(difference(a, b)))


def fit_direction(differences: np.ndarray, fitted_on: str, l2: float = _L2) -> DirectionModel:
    """Logistic regression without intercept on pairs given as (original, translation): each row is seen
    both ways round (label 1 for ``d``, 0 for ``−d``). Every feature is evidence of translation, so no
    weight may be negative: a feature that would get one (it only corrects a correlated one on these
    pairs) is left out and the rest refitted. ``PRIOR_WEIGHTS`` are set, not fitted."""
    d = np.asarray(differences, dtype=np.float64)
    fixed = np.array([name in PRIOR_WEIGHTS for name in FEATURES])
    active = ~fixed
    while True:
        w = np.zeros(d.shape[1])
        w[active] = _logistic(d[:, active], l2)
        if (w >= 0).all():
            w[fixed] = [PRIOR_WEIGHTS[name] for name, f in zip(FEATURES, fixed, strict=True) if f]
            return DirectionModel(w, fitted_on)
        active &= w > 0


def _logistic(d: np.ndarray, l2: float) -> np.ndarray:
    """Both orientations of every row (label 1 for ``d``, 0 for ``−d``), no intercept: the fit stays
    antisymmetric."""
    return fit_logistic(np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))], l2=l2)


def grouped_predictions(differences: np.ndarray, groups: Sequence[str], folds: int = 5) -> np.ndarray:
    """P(original first) for each pair from a model fitted on the folds that do not hold its group (the
    original article): no pair is judged by weights that saw it."""
    fold = np.array([int(hashlib.sha1(g.encode()).hexdigest(), 16) % folds for g in groups])
    out = np.full(len(differences), 0.5)
    for k in range(folds):
        model = fit_direction(differences[fold != k], f"folds other than {k}")
        out[fold == k] = model.probability(differences[fold == k])
    return out


def left_out_predictions(differences: np.ndarray, kinds: Sequence[str]) -> np.ndarray:
    """P(original first) for each pair from a model fitted without its kind (its language pair): what a
    language pair the model never saw gets."""
    labels = np.array(kinds)
    out = np.full(len(differences), 0.5)
    for kind in sorted(set(kinds)):
        model = fit_direction(differences[labels != kind], f"all but {kind}")
        out[labels == kind] = model.probability(differences[labels == kind])
    return out


@cache
def shipped_direction_model() -> DirectionModel:
    """The weights of ``data/direction.json``, checked against ``FEATURES``."""
    data = load_model_json(_DATA, FEATURES, "veille eval stories --only mt --fit")
    return DirectionModel(np.array(data["weights"], dtype=np.float64), data["fitted_on"],
                          float(data.get("page_threshold", float("inf"))))


def save_direction_model(model: DirectionModel, path: Path = _DATA) -> None:
    data = {"features": list(FEATURES), "weights": [round(float(w), 6) for w in model.weights],
            "fitted_on": model.fitted_on, "page_threshold": round(model.page_threshold, 4)}
    path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    shipped_direction_model.cache_clear()
