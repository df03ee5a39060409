"""The pair scoring of ``veille eval stories``: folds grouped by article, and the cross-validated table."""

from __future__ import annotations

import numpy as np

from veille.eval import stories
from veille.eval.stories_data import Pair, grouped_folds
from veille.stories.similarity import FEATURES


def _pair(n: int, a: str, b: str, articles: tuple[str, str] = ("", ""), overall: float = 1.0) -> Pair:
    return Pair(f"p{n}", "invented", "fr-en", True, a, b, overall, False, articles=articles)


def test_grouped_folds_keep_each_article_in_one_fold():
    pairs = [_pair(0, "a", "b"), _pair(1, "b", "c"), _pair(2, "d", "e", ("7", "8")),
             _pair(3, "f", "g", ("7", "9")),  # shares article 7 (an original and its translation) with p2
             _pair(4, "h", "i"), _pair(5, "j", "k"), _pair(6, "l", "m")]
    folds = grouped_folds(pairs, k=3)
    assert folds[0] == folds[1] and folds[2] == folds[3]
    assert set(folds) == {0, 1, 2}
    sides: dict[str, set[int]] = {}
    for p, f in zip(pairs, folds, strict=True):
        for node in (p.a, p.b, *p.articles):
            sides.setdefault(node, set()).add(f)
    assert all(len(f) == 1 for node, f in sides.items() if node)


def test_cross_validation_scores_every_pair_held_out_once():
    """Invented features where the first cosine is the gold similarity: both systems score high, every pair
    is counted once over the folds."""
    rng = np.random.default_rng(5)
    overall = rng.choice([1.0, 1.5, 2.0, 3.0, 4.0], size=120)
    pairs = [_pair(i, f"a{i}", f"b{i}", overall=float(o)) for i, o in enumerate(overall)]
    x = np.zeros((120, len(FEATURES)))
    x[:, 0] = (4 - overall) / 3 + rng.normal(0, 0.05, 120)
    rows = {(r.dataset, r.metric): r for r in stories.cross_validated_rows(pairs, x, x[:, 0].copy(), k=4)}
    for system in ("baseline", "veille"):
        pearson = rows[(f"pairs/{system}", "pearson")]
        assert pearson.value > 0.9 and pearson.n == 120
