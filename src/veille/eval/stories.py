"""``veille eval stories``: same-story similarity, translations and copies on ../shared/corpus/stories.

Scored as the corpus README says: Pearson between the similarity and −overall; pairwise precision, recall
and F1 of "same story" (positives overall ≤ 1.5, negatives ≥ 2.5, the middle band left out); recall on
cross-lingual positives; the share of hard negatives (same actors, another story) merged; on the MT copies,
top-1 retrieval of the original among all originals and the direction of each copy; planted near-duplicates
made by code from the corpus texts (``stories.planting``) found by the copy detector; the place veto on
the fr/en pages (``place_veto``: same-story pairs it splits, different-story pairs it keeps apart).

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

from ..stories import copies, direction, planting, translation_link
from ..stories.encoder import Encoder
from ..stories.profile import Profile, build_profiles
from ..stories.similarity import (
    StoryModel,
    best_threshold,
    calibrate,
    features,
    fit,
    save_model,
)
from . import place_veto, story_stream
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


def fit_model(pairs: list[Pair], x: np.ndarray, train: np.ndarray | None = None,
              monotone: bool = False) -> StoryModel:
    """Fit on the ``train`` pairs (all when None); the threshold is the most recall at the target
    precision among those same pairs. ``monotone``: see ``similarity.fit``."""
    train = np.ones(len(pairs), bool) if train is None else train
    target = np.array([(4.0 - p.overall) / 3.0 for p in pairs])
    weights, bias = fit(x[train], target[train], monotone=monotone)
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


def copy_rows(sets: StorySets, profiles: dict[str, Profile], refit: bool = False) -> list[Row]:
    """MT copies: the original ranked first among every original, linked as a translation, the
    direction told right (``direction_rows``); and original pairs in two languages wrongly linked, all of
    them and those graded the same story (the independent report of one event, the hard case). Each
    pair is judged by a ``translation_link`` model fitted on the folds that do not hold it: the
    ``sentences`` model, and the ``chunks`` model a stored profile without sentences falls back to."""
    rows = _link_pairs(sets, profiles)
    y, originals, groups, weight = (np.array([r[i] for r in rows]) for i in (2, 3, 4, 5))
    y = y.astype(float)
    weight = weight.astype(float)
    same_story = originals & (weight > 1)  # graded the same story: the independent reports of one event
    fold = np.array([translation_link.fold_of(g) for g in groups])
    out: list[Row] = []
    shipped: dict[str, translation_link.LinkModel] = {}
    chunk_models: list[translation_link.LinkModel] = []
    langs = [translation_link.language_pair(profiles[a].lang, profiles[b].lang) for a, b, *_ in rows]
    for kind in translation_link.KINDS:
        x = np.stack([translation_link.link_features(profiles[a], profiles[b], kind) for a, b, *_ in rows])
        if refit:
            same = f"{int(same_story.sum())} same-story pairs weighted {translation_link.SAME_STORY_WEIGHT:g}"
            shipped[kind] = translation_link.fit_link(
                x, y, originals, f"{int(y.sum())} SemEval-2022 MT copies against {int((y == 0).sum())} "
                f"pairs that are not translations ({same})", weight, langs)
        models = translation_link.fold_models(x, y, originals, list(groups), weight=weight, langs=langs)
        chunk_models = models if kind == "chunks" else chunk_models
        linked = np.array([bool(models[k].links(row, pair))
                           for row, k, pair in zip(x, fold, langs, strict=True)])
        label = "" if kind == "sentences" else " (chunk fallback)"
        out += [Row("mt_copies", f"translation linked{label}", float(linked[y == 1].mean()), int(y.sum())),
                Row("cross-lingual originals", f"translation links{label}", float(linked[originals].mean()),
                    int(originals.sum())),
                Row("cross-lingual originals", f"same-story translation links{label}",
                    float(linked[same_story].mean()), int(same_story.sum()))]
    if shipped:
        translation_link.save_link_models(shipped)
    n = len(sets.copies)
    all_originals = sorted({c.original for c in sets.copies})
    top1 = 0  # ranked by the chunk model: the sentence alignment of 453 x all originals costs minutes
    for c in sets.copies:
        model = chunk_models[translation_link.fold_of(c.original)]
        feats = np.stack([translation_link.link_features(profiles[c.copy], profiles[o], "chunks")
                          for o in all_originals])
        top1 += all_originals[int(np.argmax(model.probability(feats)))] == c.original
    return [Row("mt_copies", "original top-1", top1 / max(1, n), n),
            *direction_rows(sets, refit),
            *page_signal_rows(sets, refit),
            *out]


def link_pages(sets: StorySets) -> set[str]:
    """The pages of the translation-link pairs (``_link_pairs``): those whose sentences are encoded."""
    pages = {k for c in sets.copies for k in (c.copy, c.original)}
    return pages | {k for p in sets.pairs if p.cross and not p.machine_translated for k in (p.a, p.b)}


def _link_pairs(sets: StorySets, profiles: dict[str, Profile],
                ) -> list[tuple[str, str, int, bool, str, float]]:
    """The translation-link training pairs (a, b, label, is an original pair, group, weight): each copy
    with its original (1), pages in two languages neither of which is a machine translation (0: most are
    not translations of each other, many are the same story), and each copy with another original drawn at
    random (0). Grouped by original article (pair id for the original pairs) so the folds keep an
    article's pairs together. The weight in the fit is ``SAME_STORY_WEIGHT`` for original pairs graded the
    same story (the independent report of one event that looks most like a translation), else 1."""
    import random

    rng = random.Random(11)
    all_originals = sorted({c.original for c in sets.copies})
    rows: list[tuple[str, str, int, bool, str, float]] = []
    for c in sets.copies:
        rows.append((c.copy, c.original, 1, False, c.original, 1.0))
        other = rng.choice([o for o in all_originals if o != c.original])
        rows.append((c.copy, other, 0, False, c.original, 1.0))
    rows += [(p.a, p.b, 0, True, p.pair_id, translation_link.SAME_STORY_WEIGHT if p.positive else 1.0)
             for p in sets.pairs if p.cross and not p.machine_translated]
    return rows


def direction_rows(sets: StorySets, refit: bool = False) -> list[Row]:
    """Which of (original, copy) is the original: the share told right by a model that never saw the pair
    (5 folds grouped by original article), the same with each language pair left out of the fit, for the
    pairs into (and out of) each language veille analyses with none of them in the fit, and per language
    pair.
    ``refit`` first ships a model fitted on all the copies."""
    from ..lang import supported

    copies_ = sets.copies
    diffs = np.stack([direction.difference(sets.docs[c.original], sets.docs[c.copy]) for c in copies_])
    if refit:
        fitted_on = f"{len(copies_)} SemEval-2022 MT copies"
        direction.save_direction_model(direction.fit_direction(diffs, fitted_on))
    n = len(copies_)
    grouped = direction.grouped_predictions(diffs, [c.original for c in copies_])
    unseen = direction.left_out_predictions(diffs, [f"{c.orig_lang}>{c.copy_lang}" for c in copies_])
    rows = [Row("mt_copies", "direction", float(np.mean(grouped > 0.5)), n),
            Row("mt_copies", "direction, pair unseen", float(np.mean(unseen > 0.5)), n)]
    for target in sorted({c.copy_lang for c in copies_} & set(supported())):
        into = np.array([c.copy_lang == target for c in copies_])
        model = direction.fit_direction(diffs[~into], f"no pair into {target}")
        rows.append(Row("mt_copies", f"direction into {target}, unseen",
                        float(np.mean(model.probability(diffs[into]) > 0.5)), int(into.sum())))
    for source in sorted({c.orig_lang for c in copies_} & set(supported())):
        out_of = np.array([c.orig_lang == source for c in copies_])
        if out_of.all():
            continue
        model = direction.fit_direction(diffs[~out_of], f"no pair from {source}")
        rows.append(Row("mt_copies", f"direction from {source}, unseen",
                        float(np.mean(model.probability(diffs[out_of]) > 0.5)), int(out_of.sum())))
    for kind in sorted({(c.orig_lang, c.copy_lang) for c in copies_}):
        idx = [i for i, c in enumerate(copies_) if (c.orig_lang, c.copy_lang) == kind]
        rows.append(Row("mt_copies", f"direction {kind[0]}>{kind[1]}", float(np.mean(grouped[idx] > 0.5)),
                        len(idx)))
    return rows


#: Share of native pages the page signal may call machine-translated on the fitting half.
PAGE_FALSE_ALARMS = 0.01


def page_signal_rows(sets: StorySets, refit: bool = False) -> list[Row]:
    """The ``machine_translation`` verdict on one page alone, for the pages in the languages veille
    analyses: translations (HFL copies) caught and native pages wrongly flagged, on the held-out half of
    the pages (by key hash). ``refit`` first chooses the threshold on the other half: the lowest score
    that flags at most ``PAGE_FALSE_ALARMS`` of its native pages (a page needs two kinds of trace too)."""
    from ..lang import supported
    from ..stories.machine_translation import read_page, trace_kinds

    langs = tuple(supported())
    keys = [k for k, d in sets.docs.items() if d.lang in langs]
    verdicts = [read_page(sets.docs[k].text, sets.docs[k].lang, langs) for k in keys]
    scores = np.array([v.score if len(trace_kinds(v.traces)) >= 2 else -np.inf for v in verdicts])
    translated = np.array([k in sets.machine_translated for k in keys])
    held = np.array([int(k, 16) % 2 == 1 for k in keys])
    if refit:
        native = np.sort(scores[~held & ~translated])
        cut = native[min(len(native) - 1, int(np.ceil(len(native) * (1 - PAGE_FALSE_ALARMS))))]
        model = direction.shipped_direction_model()
        threshold = max(float(cut), 0.0) + 1e-3
        direction.save_direction_model(direction.DirectionModel(model.weights, model.fitted_on, threshold))
    flagged = scores >= direction.shipped_direction_model().page_threshold
    caught, alarms = flagged & held & translated, flagged & held & ~translated
    n_mt, n_native = int((held & translated).sum()), int((held & ~translated).sum())
    return [Row("machine_translation signal", "translations flagged", caught.sum() / max(1, n_mt), n_mt),
            Row("machine_translation signal", "native pages flagged", alarms.sum() / max(1, n_native),
                n_native)]


def planted_rows(sets: StorySets) -> list[Row]:
    """Near-duplicates planted from the corpus texts, found among all of them by the copy detector."""
    texts = {k: d.text for k, d in sets.docs.items() if len(d.text) >= 600}
    result = planting.score_detector(texts, copies.CopyIndex)
    return [
        Row("planted_copies", "precision", result.precision, result.n_found),
        Row("planted_copies", "recall", result.recall, result.n_planted),
    ]


def evaluate_mt(corpus: Path, *, sample: int | None = None, refit: bool = False) -> list[Row]:
    """The direction of the MT copies and the ``machine_translation`` page verdict only: no encoder, so
    it takes seconds (``veille eval stories --only mt``); ``refit`` rewrites the direction model alone
    (never from a sample)."""
    sets = load(corpus, sample=sample)
    rows = direction_rows(sets, refit and sample is None) + page_signal_rows(sets, refit and sample is None)
    return with_floors(NAME, rows) if sample is None else rows


def evaluate(
    corpus: Path,
    *,
    sample: int | None = None,
    refit: bool = False,
    progress: Callable[[int, int], None] | None = None,
    stream: bool = True,
) -> list[Row]:
    """Every row of the table (see the module docstring); ``refit`` rewrites the shipped weights first;
    ``stream`` adds the online clustering of the invented FR/EN stream (``story_stream``)."""
    sets = load(corpus, sample=sample)
    keys = list(sets.docs)
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress(done[0], len(keys))

    linked = link_pages(sets)
    built = build_profiles([sets.docs[k] for k in keys], Encoder(), progress=tick, baseline=True,
                           sentences=lambda i: keys[i] in linked)
    profiles = dict(zip(keys, built, strict=True))
    x = pair_matrix(sets, profiles)
    if refit and sample is None:
        save_model(fit_model(sets.pairs, x))
    rows = cross_validated_rows(sets.pairs, x, baseline_cosines(sets, profiles))
    rows += copy_rows(sets, profiles, refit and sample is None)  # never ship weights fitted on a sample
    rows += planted_rows(sets)
    rows += place_veto.evaluate(corpus, sample=sample)  # the fr/en pages analysed once, then cached
    rows += story_stream.evaluate_all() if stream else []
    return with_floors(NAME, rows) if sample is None else rows
