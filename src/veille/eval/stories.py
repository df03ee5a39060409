"""``veille eval stories``: same-story similarity, translations and copies on ../shared/corpus/stories.

Scored as the corpus README says: Pearson between the similarity and −overall; pairwise precision, recall
and F1 of "same story" (positives overall ≤ 1.5, negatives ≥ 2.5, the middle band left out); recall on
cross-lingual positives; the share of hard negatives (same actors, another story) merged; on the MT copies,
top-1 retrieval of the original among all originals and the direction of each copy; planted near-duplicates
made by code from the corpus texts (``stories.planting``) found by the copy detector.

Two systems side by side: ``baseline`` (the encoder's cosine on the first 2,000 characters) and ``veille``
(the model of ``stories.similarity``). Pair figures come from 5-fold cross-validation grouped by article
(an article, or its machine translation, never sits in both the fitting and the held-out folds): each
system is fitted on four folds (the baseline only chooses its threshold there), measured on the fifth, and
the figure is the mean over the five held-out folds. The shipped weights (``--fit``) are fitted on all the
pairs; the copy figures use them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..stories import copies, planting, translation
from ..stories.encoder import Encoder
from ..stories.profile import Profile, build_profiles
from ..stories.similarity import (
    StoryModel,
    best_threshold,
    calibrate,
    features,
    fit,
    save_model,
    shipped_model,
)
from .common import Row, with_floors
from .stories_data import FILES, Pair, StorySets, grouped_folds, load

NAME = "stories"


@dataclass
class Scored:
    """One system's graded score and decision on every pair."""

    name: str
    scores: np.ndarray
    threshold: float
    probabilities: np.ndarray | None = None  # calibrated P(same story), when the system has one


def corpus_sha1(corpus: Path) -> str:
    h = hashlib.sha1()
    for name in FILES:
        h.update((corpus / "stories" / name).read_bytes())
    return h.hexdigest()


def pair_matrix(sets: StorySets, profiles: dict[str, Profile]) -> np.ndarray:
    return np.stack([features(profiles[p.a], profiles[p.b]) for p in sets.pairs])


def baseline_cosines(sets: StorySets, profiles: dict[str, Profile]) -> np.ndarray:
    """The zero-shot baseline: cosine of the first 2,000 characters of each page, encoded as one text."""
    return np.array([float(profiles[p.a].full @ profiles[p.b].full) for p in sets.pairs])


#: Folds of the cross-validation: every figure is the mean over folds of the held-out pairs' figure.
FOLDS = 5


def fit_model(pairs: list[Pair], x: np.ndarray, train: np.ndarray | None = None) -> StoryModel:
    """Fit on the ``train`` pairs (all when None); the threshold is the most recall at the target
    precision among those same pairs."""
    train = np.ones(len(pairs), bool) if train is None else train
    target = np.array([(4.0 - p.overall) / 3.0 for p in pairs])
    weights, bias = fit(x[train], target[train])
    model = StoryModel(weights, bias, 0.5, f"{int(train.sum())} SemEval-2022 pairs")
    decided = train & np.array([p.positive or p.negative for p in pairs])
    positive = np.array([p.positive for p in pairs])
    scores = np.asarray(model.score(x[decided]))
    threshold = best_threshold(scores, positive[decided])
    return StoryModel(weights, bias, threshold, model.fitted_on, calibrate(scores, positive[decided]))


def baseline(pairs: list[Pair], cos: np.ndarray, train: np.ndarray) -> Scored:
    decided = train & np.array([p.positive or p.negative for p in pairs])
    positive = np.array([p.positive for p in pairs])
    return Scored("baseline", cos, best_threshold(cos[decided], positive[decided]))


def cross_validated_rows(pairs: list[Pair], x: np.ndarray, cos: np.ndarray, k: int = FOLDS) -> list[Row]:
    """Both systems scored by k-fold cross-validation grouped by article (``grouped_folds``): fitted (the
    baseline: only its threshold) on k − 1 folds, measured on the held-out fold; each row is the mean over
    the folds, its n the pairs counted over all of them."""
    folds = np.array(grouped_folds(pairs, k))
    per_fold: list[list[Row]] = []
    for f in range(k):
        train, held = folds != f, [int(i) for i in np.flatnonzero(folds == f)]
        model = fit_model(pairs, x, train)
        scores, chance = np.asarray(model.score(x)), np.asarray(model.probability(x))
        veille = Scored("veille", scores, model.threshold, chance)
        per_fold.append(pair_rows(baseline(pairs, cos, train), pairs, held) + pair_rows(veille, pairs, held))
    return [Row(r.dataset, r.metric, float(np.mean([fold[j].value for fold in per_fold])),
                sum(int(fold[j].n or 0) for fold in per_fold))
            for j, r in enumerate(per_fold[0])]


def pair_rows(system: Scored, pairs: list[Pair], held: list[int]) -> list[Row]:
    """The README's pair metrics on the ``held`` pairs, overall and for the cross-lingual pairs."""
    rows: list[Row] = []
    gold = np.array([-pairs[i].overall for i in held])
    rows.append(Row(f"pairs/{system.name}", "pearson", _pearson(system.scores[held], gold), len(held)))
    for label, keep in (("", lambda p: True), ("cross-lingual ", lambda p: p.cross)):
        idx = [i for i in held if keep(pairs[i])]
        if label:
            rows.append(
                Row(
                    f"pairs/{system.name}",
                    "pearson cross-lingual",
                    _pearson(system.scores[idx], np.array([-pairs[i].overall for i in idx])),
                    len(idx),
                )
            )
        rows += _decision_rows(system, pairs, idx, label)
    # the languages of the held-out FR/EN story set the team does not see
    fr_en = [i for i in held if set(pairs[i].lang_pair.split("-")) <= {"fr", "en"}]
    rows.append(Row(f"pairs/{system.name}", "pearson fr/en pairs",
                    _pearson(system.scores[fr_en], np.array([-pairs[i].overall for i in fr_en])), len(fr_en)))
    if system.probabilities is not None:  # lower is better: 0.25 is a coin, 0 a sure and right oracle
        decided = [i for i in held if pairs[i].positive or pairs[i].negative]
        brier = np.mean([(system.probabilities[i] - pairs[i].positive) ** 2 for i in decided])
        rows.append(Row(f"pairs/{system.name}", "Brier score of P(same story)", float(brier), len(decided)))
    # the README's hard negatives (same entities, another narrative) include pairs the annotators still
    # graded close (overall ≤ 2): the second row keeps those graded apart (overall ≥ 2.5)
    for label, keep in (("", lambda p: True), (" (overall≥2.5)", lambda p: p.negative)):
        hard = [i for i in held if pairs[i].hard_negative and keep(pairs[i])]
        merged = sum(1 for i in hard if system.scores[i] >= system.threshold)
        metric = f"hard-neg. merges{label}" if label else "hard-negative false merges"
        rows.append(Row(f"pairs/{system.name}", metric, merged / max(1, len(hard)), len(hard)))
    return rows


def _decision_rows(system: Scored, pairs: list[Pair], idx: list[int], label: str) -> list[Row]:
    pos = [i for i in idx if pairs[i].positive]
    neg = [i for i in idx if pairs[i].negative]
    tp = sum(1 for i in pos if system.scores[i] >= system.threshold)
    fp = sum(1 for i in neg if system.scores[i] >= system.threshold)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / len(pos) if pos else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    name = f"pairs/{system.name}"
    return [
        Row(name, f"{label}precision", precision, tp + fp),
        Row(name, f"{label}recall", recall, len(pos)),
        Row(name, f"{label}F1", f1, len(pos) + len(neg)),
    ]


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1]) if len(x) > 2 else 0.0


def copy_rows(sets: StorySets, profiles: dict[str, Profile], model: StoryModel) -> list[Row]:
    """MT copies: the original ranked first among every original, and the direction told right."""
    originals = sorted({c.original for c in sets.copies})
    top1 = direction = 0
    for c in sets.copies:
        best = max(originals, key=lambda o: translation.translation_score(profiles[c.copy], profiles[o]))
        top1 += best == c.original
        pages = (sets.docs[c.original], sets.docs[c.copy])
        direction += translation.which_is_original(*pages) == 0
    n = len(sets.copies)
    score = translation.translation_score
    linked = sum(1 for c in sets.copies
                 if score(profiles[c.copy], profiles[c.original]) >= translation.TRANSLATION_THRESHOLD)
    # pages in two languages neither of which is a machine translation, same story or not: most are not
    # translations of each other, so this counts translation links that are (mostly) false
    apart = [p for p in sets.pairs if p.cross and not p.machine_translated]
    false = sum(1 for p in apart if score(profiles[p.a], profiles[p.b]) >= translation.TRANSLATION_THRESHOLD)
    return [Row("mt_copies", "original top-1", top1 / max(1, n), n),
            Row("mt_copies", "direction", direction / max(1, n), n),
            Row("mt_copies", "translation linked", linked / max(1, n), n),
            Row("cross-lingual originals", "translation links", false / max(1, len(apart)), len(apart))]


def planted_rows(sets: StorySets) -> list[Row]:
    """Near-duplicates planted from the corpus texts, found among all of them by the copy detector."""
    texts = {k: d.text for k, d in sets.docs.items() if len(d.text) >= 600}
    result = planting.score_detector(texts, copies.CopyIndex)
    return [
        Row("planted_copies", "precision", result.precision, result.n_found),
        Row("planted_copies", "recall", result.recall, result.n_planted),
    ]


def evaluate(
    corpus: Path,
    *,
    sample: int | None = None,
    refit: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[Row]:
    """Every row of the table (see the module docstring); ``refit`` rewrites the shipped weights first."""
    sets = load(corpus, sample=sample)
    keys = list(sets.docs)
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress(done[0], len(keys))

    built = build_profiles([sets.docs[k] for k in keys], Encoder(), progress=tick, baseline=True)
    profiles = dict(zip(keys, built, strict=True))
    x = pair_matrix(sets, profiles)
    if refit:
        save_model(fit_model(sets.pairs, x))
    model = shipped_model()
    rows = cross_validated_rows(sets.pairs, x, baseline_cosines(sets, profiles))
    rows += copy_rows(sets, profiles, model)
    rows += planted_rows(sets)
    return with_floors(NAME, rows) if sample is None else rows
