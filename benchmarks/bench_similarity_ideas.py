"""Same-story ideas weighed on held-out folds (issue 11): what each one does to the pair figures.

Each variant changes one thing in the same-story model of ``stories.similarity`` and is scored exactly as
``veille eval stories`` scores the shipped one: 5-fold cross-validation grouped by article on the
SemEval-2022 pairs of ../shared/corpus/stories (read in place), fitted on four folds, measured on the
fifth, mean over the folds. Anything a variant estimates from texts (a language's mean vector, a
reference sample) comes from the fitting folds' texts only.

Variants:

- ``base``: the shipped features and fit;
- ``monotone curves``: the same features fitted with each cosine's curve non-decreasing and the evidence
  weights held to their sign (``similarity.fit(monotone=True)``);
- ``centred``: each vector minus its language's mean vector (head and chunk means apart), re-normalised —
  the encoder's language bias removed before the cosines;
- ``csls``: head and body cosines replaced by CSLS local scaling, ``2 cos − r(a) − r(b)`` with ``r`` a
  text's mean cosine to its 10 nearest texts in another language among the fitting texts;
- ``cos×same-lang``: the head, body and alignment cosines times ``same_lang`` (a slope per case);
- ``names×body``: name and entity overlap times the body cosine;
- ``lead names``: overlap of the name keys of the two heads, and whether either head's names are all
  missing from the other page (another place or person at the lead);
- ``figures apart``: 1 when both pages give specific figures (``evidence.figures``) and share none (numbers
  that disagree: another event);
- ``cross-lingual threshold``: the operating threshold chosen for precision ≥ 0.85 on the cross-lingual
  fitting pairs (the lower of that and the shipped cut);
- ``learned head``: metric learning on the encoder's vectors — a ridge (``HEAD_L2``) from the element-wise
  product u⊙v and the gap |u − v| of the two pages' head and body vectors (2,048 inputs) onto the gold,
  its prediction added as one more feature; stacked without leaking: the prediction on each fitting pair
  comes from a ridge fitted on the other fitting folds (grouped the same way), the held-out pairs' from
  the ridge fitted on all fitting pairs;
- ``low-rank head``: a learned map W (``RANK`` × 512, started at the fitting texts' principal
  directions, pulled towards them by ``RANK_L2``, Adam on the squared error) whose cosines cos(Wu, Wv) of
  the heads and of the bodies are two more features, stacked the same way;
- ``narrative head``: the ``learned head`` fitted to the annotators' Narrative grade instead of the
  overall one (a hard negative is "same entities, another narrative"), stacked the same way;
- ``aligned facts``: the hard negative's mark in the aligned passages — for each body chunk of a page, its
  best-matching chunk of the other page; over those matches at cosine ≥ 0.5, the share whose passages
  share a name key or a number, and the share where both give specific figures and none agree (the same
  actors told in passages that say other things).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_similarity_ideas.py
    PYTHONPATH=src .venv/bin/python benchmarks/bench_similarity_ideas.py --only base centred

Prints one line per variant (the last column: the standard deviation of Pearson over the 5 held-out
folds, the noise a gain must clear) and the load average (CPU-bound numpy; ~1 min on a quiet machine once the
vectors are in the cache). Not collected by pytest.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from veille.eval.stories import FOLDS, Scored, fit_model, pair_matrix, pair_rows
from veille.eval.stories_data import FILES, Pair, StorySets, grouped_folds, load
from veille.stories import evidence, passages
from veille.stories.encoder import Encoder
from veille.stories.profile import Profile, build_profiles
from veille.stories.similarity import FEATURES, StoryModel, best_threshold, features

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SHOWN = ("pearson", "pearson cross-lingual", "pearson fr/en pairs", "precision", "recall",
         "cross-lingual precision", "cross-lingual recall", "hard-negative false merges")
_F = {name: i for i, name in enumerate(FEATURES)}

#: A variant: (sets, profiles, keys of the fitting texts, base matrix) → the pair matrix to fit on.
Variant = Callable[[StorySets, dict[str, Profile], set[str], np.ndarray], np.ndarray]


def _unit(m: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(m, axis=-1, keepdims=True)
    return m / np.where(norm == 0, 1.0, norm)


def centred(sets: StorySets, profiles: dict[str, Profile], fitting: set[str], base: np.ndarray) -> np.ndarray:
    heads: dict[str | None, list[np.ndarray]] = {}
    chunks: dict[str | None, list[np.ndarray]] = {}
    for k in fitting:
        heads.setdefault(profiles[k].lang, []).append(profiles[k].head)
        chunks.setdefault(profiles[k].lang, []).extend(profiles[k].chunks)
    means = {lang: (np.mean(heads[lang], 0), np.mean(chunks[lang], 0)) for lang in heads}

    def shift(p: Profile) -> Profile:
        if p.lang not in means:
            return p
        head, chunk = means[p.lang]
        return dataclasses.replace(p, head=_unit(p.head - head), chunks=_unit(p.chunks - chunk))

    moved = {k: shift(p) for k, p in profiles.items()}
    return pair_matrix(sets, moved)


def csls(sets: StorySets, profiles: dict[str, Profile], fitting: set[str], base: np.ndarray) -> np.ndarray:
    ref = sorted(fitting)
    langs = np.array([profiles[k].lang or "" for k in ref])
    out = base.copy()
    needed = sorted({k for p in sets.pairs for k in (p.a, p.b)})
    own = np.array([profiles[k].lang or "" for k in needed])
    for column, vector in (("cos_head", lambda p: p.head), ("body", lambda p: _unit(p.chunks.mean(0)))):
        sims = (np.stack([vector(profiles[k]) for k in needed]).astype(np.float32)
                @ np.stack([vector(profiles[k]) for k in ref]).astype(np.float32).T)
        sims[own[:, None] == langs[None, :]] = -np.inf  # neighbours in the other languages only
        nearest = -np.partition(-sims, 9, axis=1)[:, :10]
        radius = dict(zip(needed, np.where(np.isfinite(nearest), nearest, 0.0).mean(axis=1), strict=True))
        out[:, _F[column]] = [2 * base[i, _F[column]] - radius[p.a] - radius[p.b] + 0.5
                              for i, p in enumerate(sets.pairs)]
    return out


def _extra(base: np.ndarray, *columns: np.ndarray) -> np.ndarray:
    return np.hstack([base, np.stack(columns, axis=1)])


def cos_same_lang(sets: StorySets, profiles: dict[str, Profile], fitting: set[str],
                  base: np.ndarray) -> np.ndarray:
    same = base[:, _F["same_lang"]]
    return _extra(base, *(base[:, _F[c]] * same for c in ("cos_head", "body", "chunk_align")))


def names_body(sets: StorySets, profiles: dict[str, Profile], fitting: set[str],
               base: np.ndarray) -> np.ndarray:
    body = base[:, _F["body"]]
    return _extra(base, base[:, _F["names"]] * body, base[:, _F["entities"]] * body)


def lead_names(sets: StorySets, profiles: dict[str, Profile], fitting: set[str],
               base: np.ndarray) -> np.ndarray:
    lead = {k: evidence.names(passages.head(d.title, d.text)) for k, d in sets.docs.items()}
    overlap, missing = [], []
    for p in sets.pairs:
        la, lb = lead[p.a], lead[p.b]
        overlap.append(evidence.overlap(la, lb))
        gone = (la and not la & profiles[p.b].names) or (lb and not lb & profiles[p.a].names)
        missing.append(1.0 if gone else 0.0)
    return _extra(base, np.array(overlap), np.array(missing))


def figures_apart(sets: StorySets, profiles: dict[str, Profile], fitting: set[str],
                  base: np.ndarray) -> np.ndarray:
    return _extra(base, base[:, _F["figures_known"]] * (base[:, _F["figures"]] == 0))


def _training(sets: StorySets, fitting: set[str]) -> np.ndarray:
    """The fitting pairs (folds are grouped by article, so a pair is fitting when its first page is)."""
    return np.array([p.a in fitting for p in sets.pairs])


Learner = Callable[[np.ndarray], Callable[[np.ndarray], np.ndarray]]


def _stacked(sets: StorySets, fitting: set[str], learn: Learner, width: int) -> np.ndarray:
    """Out-of-fold predictions of a learner: ``learn(pair indices)`` returns a predictor over pair indices.
    Fitting pairs are predicted by a learner fitted on the other inner folds; held-out pairs by one fitted
    on every fitting pair (nothing estimated on the held-out fold)."""
    train = _training(sets, fitting)
    rows = np.flatnonzero(train)
    out = np.zeros((len(sets.pairs), width))
    out[~train] = learn(rows)(np.flatnonzero(~train)).reshape(-1, width)
    inner = np.array(grouped_folds([sets.pairs[i] for i in rows], FOLDS))
    for g in range(FOLDS):
        out[rows[inner == g]] = learn(rows[inner != g])(rows[inner == g]).reshape(-1, width)
    return out


def _gold(sets: StorySets) -> np.ndarray:
    return np.array([(4.0 - p.overall) / 3.0 for p in sets.pairs])


def _vectors(sets: StorySets, profiles: dict[str, Profile]) -> tuple[np.ndarray, ...]:
    """Head and body vectors of each pair's two pages: (head a, head b, body a, body b), float64."""
    head = {k: p.head for k, p in profiles.items()}
    body = {k: _unit(p.chunks.mean(0)) for k, p in profiles.items()}
    return tuple(np.stack([table[getattr(p, side)] for p in sets.pairs]).astype(np.float64)
                 for table, side in ((head, "a"), (head, "b"), (body, "a"), (body, "b")))


def _grades(sets: StorySets, dimension: str) -> np.ndarray:
    """One of the seven SemEval dimension grades of each pair, on the gold scale (4 − grade) / 3 (the
    overall grade where the pair lacks that dimension), read from the corpus files in place."""
    grades: dict[str, float] = {}
    for name in FILES:
        path = CORPUS / "stories" / name
        if path.name != "pairs.jsonl":
            continue
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            grades[f"{row['pair_id']}@{path.parent.name}"] = row["scores"].get(dimension, row["overall"])
    return np.array([(4.0 - grades.get(p.pair_id, p.overall)) / 3.0 for p in sets.pairs])


#: Ridge strength of the ``learned head`` (1, 10, 100 tried: 10 the best, all within 0.002 Pearson).
HEAD_L2 = 10.0


def learned_head(sets: StorySets, profiles: dict[str, Profile], fitting: set[str],
                 base: np.ndarray, dimension: str = "") -> np.ndarray:
    ha, hb, ba, bb = _vectors(sets, profiles)
    design = np.hstack([ha * hb, np.abs(ha - hb), ba * bb, np.abs(ba - bb)])
    gold = _grades(sets, dimension) if dimension else _gold(sets)

    def learn(rows: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        mean, centre = design[rows].mean(0), gold[rows].mean()
        x = design[rows] - mean
        w = np.linalg.solve(x.T @ x + HEAD_L2 * np.eye(x.shape[1]), x.T @ (gold[rows] - centre))
        return lambda idx: (design[idx] - mean) @ w + centre

    return np.hstack([base, _stacked(sets, fitting, learn, 1)])


def narrative_head(sets: StorySets, profiles: dict[str, Profile], fitting: set[str],
                   base: np.ndarray) -> np.ndarray:
    return learned_head(sets, profiles, fitting, base, "Narrative")


#: The ``low-rank head``'s rank, pull towards the principal directions, and Adam steps (64 / 0.1 / 200
#: measured too: the same figures).
RANK, RANK_L2, RANK_STEPS = 32, 0.1, 150


def _pair_cosines(w: np.ndarray, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """cos(Wu, Wv) per row and its gradients with respect to Wu and Wv."""
    a, b = u @ w.T, v @ w.T
    na, nb = np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1)
    s = (a * b).sum(1) / (na * nb)
    grad_a = b / (na * nb)[:, None] - (s / na**2)[:, None] * a
    return s, grad_a, a / (na * nb)[:, None] - (s / nb**2)[:, None] * b


def low_rank_head(sets: StorySets, profiles: dict[str, Profile], fitting: set[str],
                  base: np.ndarray) -> np.ndarray:
    vectors = _vectors(sets, profiles)
    gold = _gold(sets)

    def learn(rows: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        ha, hb, ba, bb = (m[rows] for m in vectors)
        stacked = np.vstack([ha, hb, ba, bb])
        start = np.linalg.svd(stacked - stacked.mean(0), full_matrices=False)[2][:RANK]
        w, theta = start.copy(), np.array([1.0, 1.0, 0.0])
        moments = [np.zeros_like(w), np.zeros_like(w), np.zeros(3), np.zeros(3)]
        for t in range(1, RANK_STEPS + 1):
            sh, dha, dhb = _pair_cosines(w, ha, hb)
            sb, dba, dbb = _pair_cosines(w, ba, bb)
            err = 2 * (theta[0] * sh + theta[1] * sb + theta[2] - gold[rows]) / len(rows)
            gh, gb = (err * theta[0])[:, None], (err * theta[1])[:, None]
            grad_w = ((gh * dha).T @ ha + (gh * dhb).T @ hb + (gb * dba).T @ ba + (gb * dbb).T @ bb
                      + 2 * RANK_L2 * (w - start))
            grad_t = np.array([(err * sh).sum(), (err * sb).sum(), err.sum()])
            for param, grad, first, second in ((w, grad_w, moments[0], moments[1]),
                                               (theta, grad_t, moments[2], moments[3])):
                first *= 0.9
                first += 0.1 * grad
                second *= 0.999
                second += 0.001 * grad * grad
                param -= 0.01 * (first / (1 - 0.9**t)) / (np.sqrt(second / (1 - 0.999**t)) + 1e-8)
        return lambda idx: np.stack([_pair_cosines(w, vectors[0][idx], vectors[1][idx])[0],
                                     _pair_cosines(w, vectors[2][idx], vectors[3][idx])[0]], axis=1)

    return np.hstack([base, _stacked(sets, fitting, learn, 2)])


def _chunk_facts(text: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Per body chunk (``passages.body_chunks``, as the profile encodes them): name keys and figures."""
    chunks = passages.body_chunks(text) or [text[:passages.CHUNK_CHARS]]
    return [(evidence.names(c) | evidence.numbers(c), evidence.figures(evidence.numbers(c))) for c in chunks]


def aligned_facts(sets: StorySets, profiles: dict[str, Profile], fitting: set[str],
                  base: np.ndarray) -> np.ndarray:
    facts = {k: _chunk_facts(d.text) for k, d in sets.docs.items()}
    agree, clash = [], []
    for p in sets.pairs:
        fa, fb = facts[p.a], facts[p.b]
        sims = profiles[p.a].chunks @ profiles[p.b].chunks.T
        matches = [(i, int(j)) for i, j in enumerate(sims.argmax(1)) if sims[i, j] >= 0.5]
        matches += [(int(i), j) for j, i in enumerate(sims.argmax(0)) if sims[i, j] >= 0.5]
        matches = [(i, j) for i, j in matches if i < len(fa) and j < len(fb)]
        shared = [bool(fa[i][0] & fb[j][0]) for i, j in matches]
        apart = [bool(fa[i][1] and fb[j][1] and not fa[i][1] & fb[j][1]) for i, j in matches]
        agree.append(float(np.mean(shared)) if matches else 0.0)
        clash.append(float(np.mean(apart)) if matches else 0.0)
    return _extra(base, np.array(agree), np.array(clash))


VARIANTS: dict[str, Variant | None] = {
    "base": None, "monotone curves": None, "centred": centred, "csls": csls, "cos×same-lang": cos_same_lang,
    "names×body": names_body, "lead names": lead_names, "figures apart": figures_apart,
    "cross-lingual threshold": None, "learned head": learned_head, "low-rank head": low_rank_head,
    "narrative head": narrative_head, "aligned facts": aligned_facts,
}


def _cross_threshold(pairs: list[Pair], x: np.ndarray, train: np.ndarray) -> StoryModel:
    model = fit_model(pairs, x, train)
    chosen = train & np.array([(p.positive or p.negative) and p.cross for p in pairs])
    positive = np.array([p.positive for p in pairs])
    cut = best_threshold(np.asarray(model.score(x[chosen])), positive[chosen])
    return dataclasses.replace(model, threshold=min(cut, model.threshold))


def run(name: str, sets: StorySets, profiles: dict[str, Profile], base: np.ndarray) -> dict[str, float]:
    """The variant's figures: mean over the held-out folds, as ``eval.stories.cross_validated_rows``."""
    pairs = sets.pairs
    folds = np.array(grouped_folds(pairs, FOLDS))
    variant = VARIANTS[name]
    per_fold: list[dict[str, float]] = []
    for f in range(FOLDS):
        train = folds != f
        fitting = {k for p, t in zip(pairs, train, strict=True) if t for k in (p.a, p.b)}
        x = variant(sets, profiles, fitting, base) if variant else base
        model = _cross_threshold(pairs, x, train) if name == "cross-lingual threshold" else \
            fit_model(pairs, x, train, monotone=name == "monotone curves")
        scored = Scored(name, np.asarray(model.score(x)), model.threshold)
        held = [int(i) for i in np.flatnonzero(~train)]
        per_fold.append({r.metric: r.value for r in pair_rows(scored, pairs, held)})
    means = {m: float(np.mean([fold[m] for fold in per_fold])) for m in SHOWN}
    means["pearson spread"] = float(np.std([fold["pearson"] for fold in per_fold]))
    return means


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=list(VARIANTS), help="variants to run (all by default)")
    args = parser.parse_args()
    sets = load(CORPUS)
    keys = list(sets.docs)
    profiles = dict(zip(keys, build_profiles([sets.docs[k] for k in keys], Encoder()), strict=True))
    base = np.stack([features(profiles[p.a], profiles[p.b]) for p in sets.pairs])
    print(f"{len(sets.pairs)} pairs; load average {os.getloadavg()[0]:.1f}")
    print(f"{'variant':<24}" + " ".join(f"{m[:14]:>14}" for m in (*SHOWN, "± folds")))
    for name in args.only or VARIANTS:
        figures = run(name, sets, profiles, base)
        cells = (f"{figures[m]:>14.3f}" for m in (*SHOWN, "pearson spread"))
        print(f"{name:<24}" + " ".join(cells), flush=True)


if __name__ == "__main__":
    main()
