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

``in_order``'s grain is coarse: chunks are whole sentences up to about 500 characters, at most three, so
two short pages have two chunks each and a report telling the same facts in another order within them is
not told from a translation. So a profile also keeps its sentences (``profile.Sentences``, stored since
migration 10), and when both pages have them the model adds (``alignment``):

- ``seq_align``  the order-keeping sentence alignment's mean cosine over all sentences (one sentence may
  match two: a translator splits and joins);
- ``seq_share``  the share of sentences that alignment covers; ``seq_cover`` the share of the better-covered
  page's sentences (a translation of part of a page covers all of the shorter one);
- ``fact_order`` the share of pairs of shared numbers and names given in the same order;

and two gates: a pair is linked only when its alignment covers at least ``cover_floor`` of one page's
sentences in order, the share that all but ``COVER_MISSES`` of the fitting MT copies reach; and when the
sentences of that better-covered page, counted 0 when left out, are on average at least
``aligned_floor`` close to their counterparts (``covered_similarity``: ``seq_cover`` times the mean
cosine of the aligned steps), the level all but ``COVER_MISSES`` of the fitting MT copies that pass the
first gate reach — in their language pair when the fitting set holds at least ``PAIR_COPIES`` of its
copies (``aligned_floors``: the encoder puts an English–French translation closer to its original than
a German–French or an English–Chinese one, so one pooled level is too low for the closest pairs), else
over all of them. The logistic model alone, whose threshold is set against SemEval's original pairs (long,
mostly far apart), still linked two short pages retelling the same facts in another order (half of their
sentences in order); no translation of the fitting set aligns that little. The cover gate alone still
linked short same-day retellings told in the same order (three quarters of their sentences aligned, at
cosines 0.6–0.7 where a translation's sentences sit at 0.75–0.9): a translation renders nearly every
sentence of what it covers closely, a retelling of the same facts does not.

The ratio of body lengths in characters, each in its language's usual length
(``alignment.length_agreement``, the body length is stored), was tried and left out: fitted on SemEval
it took a negative weight (many MT copies there translate part of their original: a tenth of the de→fr,
en→it and en→zh copies are under half their original's length).

Two models are shipped: ``sentences`` (all the features) and ``chunks`` (the first seven: a stored profile
from before migration 10 has no sentences, and the link falls back to it). The ratio of chunk counts was
tried and dropped: fitted on SemEval it took a negative weight.

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
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from . import alignment
from .evidence import overlap
from .fitting import ModelFileError, fit_logistic
from .profile import Profile, body_vector

CHUNK_FEATURES = ("align", "align_min", "body", "head", "numbers", "names", "in_order")
FEATURES = (*CHUNK_FEATURES, "seq_align", "seq_share", "seq_cover", "fact_order")
#: The two shipped models: with sentence evidence on both pages, else with the chunk features only.
KINDS = {"sentences": FEATURES, "chunks": CHUNK_FEATURES}
#: Every model's probability is mapped so that its own threshold reads 0.5 (``link_score``).
LINK_THRESHOLD = 0.5
#: Share of the fitting MT copies the sentence gate (``cover_floor``) may turn away.
COVER_MISSES = 0.01
#: Fitting copies of a language pair needed for that pair's own ``aligned_floors`` entry.
PAIR_COPIES = 30
_COVER = FEATURES.index("seq_cover")
_ALIGN, _SHARE = FEATURES.index("seq_align"), FEATURES.index("seq_share")
#: Share of pairs of original articles in two languages the threshold may link on the fitting folds.
FALSE_LINKS = 0.025
#: How many times a pair of original articles in two languages graded the same story (SemEval overall
#: ≤ 1.5) counts in the fit: the independent same-day report the model must not take for a translation.
SAME_STORY_WEIGHT = 4.0
_DATA = Path(__file__).parent / "data" / "translation_link.json"
_L2 = 0.1


def link_features(a: Profile, b: Profile, kind: str | None = None) -> np.ndarray:
    """The features of a pair (symmetric in a and b) for the model ``kind`` (``KINDS``; by default
    ``sentences`` when both profiles have sentence evidence, else ``chunks``)."""
    kind = kind or kind_for(a, b)
    sims = a.chunks @ b.chunks.T
    ways = (float(sims.max(axis=1).mean()), float(sims.max(axis=0).mean())) if sims.size else (0.0, 0.0)
    values = [sum(ways) / 2, min(ways), float(body_vector(a.chunks) @ body_vector(b.chunks)),
              float(a.head @ b.head), overlap(a.numbers, b.numbers), overlap(a.names, b.names),
              in_order(sims)]
    if kind == "sentences":
        if a.sentences is None or b.sentences is None:
            raise ValueError("the sentences link model needs the sentence evidence of both profiles")
        sa, sb = a.sentences, b.sentences
        aligned = alignment.monotonic_alignment(sa.vectors, sb.vectors)
        values += [aligned.score, aligned.share, aligned.cover, alignment.fact_order(sa.facts, sb.facts)]
    return np.array(values, dtype=np.float64)


def kind_for(a: Profile, b: Profile) -> str:
    """Which shipped model judges a pair: ``sentences`` when both pages have sentence evidence with at
    least one sentence (a page of fragments only has none to align), else ``chunks``."""
    have = [p.sentences is not None and len(p.sentences.vectors) > 0 for p in (a, b)]
    return "sentences" if all(have) else "chunks"


def link_score(a: Profile, b: Profile) -> float:
    """How surely ``a`` and ``b`` are one text in two languages, 0 … 1, with the model that fits what the
    two profiles keep; its probability is mapped piecewise linearly so that its threshold reads
    ``LINK_THRESHOLD`` (0.5), whichever model spoke: linked when ≥ 0.5."""
    kind = kind_for(a, b)
    model = shipped_link_model(kind)
    x = link_features(a, b, kind)
    p = float(model.probability(x))
    t = min(max(model.threshold, 1e-6), 1 - 1e-6)
    score = p / t * LINK_THRESHOLD if p < t else LINK_THRESHOLD + (p - t) / (1 - t) * (1 - LINK_THRESHOLD)
    if model.cover_floor > 0 and x[_COVER] < model.cover_floor:  # too little aligns in order: below 0.5
        score = min(score, LINK_THRESHOLD * float(x[_COVER]) / model.cover_floor)
    floor = model.floor_for(language_pair(a.lang, b.lang))
    if floor > 0 and (close := float(covered_similarity(x))) < floor:
        score = min(score, LINK_THRESHOLD * close / floor)  # aligned, but not closely: below 0.5
    return score


def covered_similarity(x: np.ndarray) -> np.ndarray:
    """How closely the better-covered page's sentences are rendered, from the ``sentences`` features
    (rows of ``x``): ``seq_cover`` times the mean cosine of the aligned steps (``seq_align / seq_share``),
    so a sentence left out counts 0. A literal translation scores about 0.75–0.9, an independent retelling
    of the same facts in the same order about 0.45–0.55 (its aligned sentences are about the same facts,
    not renderings of each other).

    >>> float(covered_similarity(np.array([0, 0, 0, 0, 0, 0, 0, 0.4, 0.5, 1.0, 0.5])))
    0.8
    """
    x = np.asarray(x, dtype=np.float64)
    return x[..., _COVER] * x[..., _ALIGN] / np.maximum(x[..., _SHARE], 1e-9)


def in_order(sims: np.ndarray) -> float:
    """The ``in_order`` feature from the chunk similarity matrix of two pages: the mean similarity of chunk
    i of one to chunk i of the other, over the chunks both have (0 without chunks)."""
    n = min(sims.shape) if sims.ndim == 2 else 0
    return float(np.diagonal(sims)[:n].mean()) if n else 0.0


@dataclass(frozen=True)
class LinkModel:
    """Weights over the features of its kind, a bias, the threshold on the probability, and for the
    ``sentences`` kind the least ``seq_cover`` and the least ``covered_similarity`` a link needs (0: no
    gate)."""

    weights: np.ndarray
    bias: float
    threshold: float
    fitted_on: str = ""
    cover_floor: float = 0.0
    aligned_floor: float = 0.0
    aligned_floors: dict[str, float] = field(default_factory=dict)

    def floor_for(self, langs: str | None) -> float:
        """The ``covered_similarity`` a pair in the languages ``langs`` (``language_pair``) needs."""
        return self.aligned_floors.get(langs or "", self.aligned_floor)

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(np.asarray(x) @ self.weights + self.bias)))

    def links(self, x: np.ndarray, langs: Sequence[str | None] | str | None = None) -> np.ndarray:
        """Whether each pair (row of ``x``) is linked: probability at the threshold, and the gate."""
        x = np.asarray(x)
        linked = self.probability(x) >= self.threshold
        if self.cover_floor > 0:
            linked = linked & (x[..., _COVER] >= self.cover_floor)
        if self.aligned_floor > 0:
            floors = ([self.floor_for(k) for k in langs] if isinstance(langs, (list, tuple, np.ndarray))
                      else self.floor_for(langs if isinstance(langs, str) else None))
            linked = linked & (covered_similarity(x) >= np.asarray(floors))
        return linked


def fit_link(x: np.ndarray, y: np.ndarray, originals: np.ndarray, fitted_on: str,
             weight: np.ndarray | None = None, langs: Sequence[str] | None = None) -> LinkModel:
    """Logistic regression (Newton, L2) on labelled pairs, each counted ``weight`` times (1 when None);
    ``originals`` marks the negative pairs of original articles the threshold is chosen on (at most
    ``FALSE_LINKS`` of them linked)."""
    sw = None if weight is None else np.asarray(weight, dtype=np.float64)
    w = fit_logistic(x, y, sw, l2=_L2, intercept=True)
    # the sentence gate: the seq_cover all but COVER_MISSES of the translations reach (sentence kind only)
    cover, aligned, per_pair = gate_floors(x, y, langs)
    model = LinkModel(w[:-1], float(w[-1]), 1.0, fitted_on)
    negatives = np.sort(model.probability(x[originals]))
    if not len(negatives):  # nothing to bound the false links with: the even odds
        return LinkModel(model.weights, model.bias, 0.5, fitted_on, cover, aligned, per_pair)
    cut = negatives[min(len(negatives) - 1, int(np.ceil(len(negatives) * (1 - FALSE_LINKS))) - 1)]
    return LinkModel(model.weights, model.bias, float(cut) + 1e-6, fitted_on, cover, aligned, per_pair)


def gate_floors(x: np.ndarray, y: np.ndarray, langs: Sequence[str] | None = None,
                ) -> tuple[float, float, dict[str, float]]:
    """The sentence gates (0, 0, {} for the ``chunks`` kind or without translations): the ``seq_cover``
    all but ``COVER_MISSES`` of the translations reach; the ``covered_similarity`` all but
    ``COVER_MISSES`` of the translations passing that first gate reach; and the same in each language pair
    (``langs``, one ``language_pair`` a row) with at least ``PAIR_COPIES`` such translations."""
    if x.shape[1] != len(FEATURES) or not (y == 1).any():
        return 0.0, 0.0, {}
    cover = float(np.quantile(x[y == 1, _COVER], COVER_MISSES))
    passing = (y == 1) & (x[:, _COVER] >= cover)
    close = covered_similarity(x)
    per_pair: dict[str, float] = {}
    if langs is not None:
        pairs = np.asarray(list(langs), dtype=object)
        for pair in sorted({str(k) for k in pairs[passing]}):
            mine = passing & (pairs == pair)
            if mine.sum() >= PAIR_COPIES:
                per_pair[pair] = float(np.quantile(close[mine], COVER_MISSES))
    return cover, float(np.quantile(close[passing], COVER_MISSES)), per_pair


def language_pair(a: str | None, b: str | None) -> str:
    """The unordered language pair of two pages, as ``aligned_floors`` keys it ("en-fr").

    >>> language_pair("fr", "en"), language_pair("en", None)
    ('en-fr', '')
    """
    return "-".join(sorted((a, b))) if a and b else ""


def fold_of(group: str, folds: int = 5) -> int:
    """The fold of a group (an original article, a pair id), stable across runs."""
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % folds


def fold_models(x: np.ndarray, y: np.ndarray, originals: np.ndarray, groups: Sequence[str],
                folds: int = 5, weight: np.ndarray | None = None,
                langs: Sequence[str] | None = None) -> list[LinkModel]:
    """One model per fold, each fitted on the pairs of the other folds (``weight`` as in ``fit_link``)."""
    fold = np.array([fold_of(g, folds) for g in groups])
    sw = np.ones(len(x)) if weight is None else np.asarray(weight, dtype=np.float64)
    pairs = np.asarray(list(langs), dtype=object) if langs is not None else None
    return [fit_link(x[fold != k], y[fold != k], originals[fold != k], f"folds other than {k}", sw[fold != k],
                     None if pairs is None else list(pairs[fold != k]))
            for k in range(folds)]


#: Version of ``data/translation_link.json``: 2 holds one model per ``KINDS`` entry.
FORMAT = 2


@cache
def shipped_link_model(kind: str = "sentences") -> LinkModel:
    """The shipped model ``kind`` (``KINDS``), checked against the code's features."""
    data = json.loads(_DATA.read_text("utf-8"))
    if data.get("format") != FORMAT or kind not in data.get("models", {}):
        raise ModelFileError(f"{_DATA}: format {data.get('format')} without model {kind!r}, the code "
                         f"reads format {FORMAT} with models {sorted(KINDS)}; refit with "
                         "`veille eval stories --fit`")
    entry = data["models"][kind]
    if tuple(entry["features"]) != KINDS[kind]:
        raise ModelFileError(f"{_DATA}: {kind} features {entry['features']} do not match the code's "
                         f"{list(KINDS[kind])}; refit with `veille eval stories --fit`")
    return LinkModel(np.array(entry["weights"]), float(entry["bias"]), float(entry["threshold"]),
                     entry["fitted_on"], float(entry.get("cover_floor", 0.0)),
                     float(entry.get("aligned_floor", 0.0)),
                     {str(k): float(v) for k, v in entry.get("aligned_floors", {}).items()})


def save_link_models(models: dict[str, LinkModel], path: Path = _DATA) -> None:
    """Ship one model per ``KINDS`` entry (format ``FORMAT``)."""
    data = {"format": FORMAT, "models": {
        kind: {"features": list(KINDS[kind]), "weights": [round(float(w), 6) for w in model.weights],
               "bias": round(model.bias, 6), "threshold": round(model.threshold, 6),
               "cover_floor": round(model.cover_floor, 6), "aligned_floor": round(model.aligned_floor, 6),
               "aligned_floors": {k: round(v, 6) for k, v in sorted(model.aligned_floors.items())},
               "fitted_on": model.fitted_on}
        for kind, model in models.items()}}
    path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    shipped_link_model.cache_clear()
