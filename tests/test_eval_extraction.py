"""The extraction evaluation: its metrics on hand-made strings, and a quick gate on a corpus subset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veille.eval import extraction
from veille.eval.common import floors
from veille.eval.extraction import (
    segment_counts,
    segment_scores,
    shingle_counts,
    shingle_scores,
    shingles,
)

# ---------------------------------------------------------------- shingle F1 (ScrapingHub's metric)


def test_shingles_are_four_token_windows_with_case_kept():
    assert shingles("The cat sat on the mat") == {
        ("The", "cat", "sat", "on"): 1, ("cat", "sat", "on", "the"): 1, ("sat", "on", "the", "mat"): 1}


def test_shingles_ignore_punctuation_and_count_repeats():
    assert shingles("a, b. c! d; a b c d") == {
        ("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1, ("c", "d", "a", "b"): 1, ("d", "a", "b", "c"): 1}


def test_short_text_is_one_shingle_and_empty_text_none():
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles("") == {} and shingles(None) == {} and shingles(" ... ") == {}


def test_shingle_counts_identical_missing_and_extra():
    truth = "one two three four five six"  # 3 shingles
    assert shingle_counts(truth, truth) == (3, 0, 0)
    assert shingle_counts(truth, "one two three four five") == (2, 0, 1)
    assert shingle_counts(truth, "menu menu " + truth) == (3, 2, 0)
    assert shingle_counts(truth, "") == (0, 0, 3)


def test_shingle_counts_are_case_sensitive():
    assert shingle_counts("One two three four", "one two three four") == (0, 1, 1)


def test_shingle_scores_average_over_documents_and_skip_empty_predictions_for_precision():
    # doc 1: perfect; doc 2: half its prediction is extra, all found; doc 3: empty prediction
    s = shingle_scores([(4, 0, 0), (2, 2, 0), (0, 0, 5)])
    assert s.precision == pytest.approx((1 + 0.5) / 2)
    assert s.recall == pytest.approx((1 + 1 + 0) / 3)
    assert s.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert s.n == 3


def test_shingle_f1_is_not_micro_averaged():
    """A long document must not outweigh a short one: ScrapingHub averages per document."""
    s = shingle_scores([(1000, 0, 0), (0, 10, 10)])
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(0.5)


# ---------------------------------------------------------------- segment F1 (trafilatura's metric)


def test_segment_counts_normalise_white_space():
    text = "Le   gouvernement a annoncé\n\nun plan. Accepter les cookies"
    assert segment_counts(text, ["gouvernement a annoncé un plan.", "absent"], [" Accepter les cookies",
                                                                             "Lire aussi"]) == (1, 1, 1, 1)


def test_segment_counts_without_output_miss_everything():
    assert segment_counts(None, ["a", "b"], ["c"]) == (0, 2, 0, 1)


def test_segment_scores_are_micro_averaged():
    s = segment_scores([(2, 0, 1, 1), (1, 1, 0, 2)])
    assert (s.precision, s.recall) == (pytest.approx(3 / 4), pytest.approx(3 / 4))
    assert s.f1 == pytest.approx(6 / (6 + 1 + 1)) and s.n == 2


# ---------------------------------------------------------------- floors and the corpus gate


def test_floors_file_keeps_the_issue_targets():
    f = floors("extraction")
    assert f["scrapinghub/shingle F1 veille"] >= 0.960
    assert f["trafilatura-eval fr/segment F1 veille"] >= 0.94


@pytest.fixture(scope="module")
def subset_rows(corpus):
    rows = extraction.evaluate(corpus, subset=20, systems=("veille",), processes=1)  # no fork under pytest
    return {f"{r.dataset}/{r.metric}": r for r in rows}


@pytest.mark.corpus
def test_floors_were_measured_on_this_corpus(corpus):
    path = Path(extraction.__file__).parent / "floors" / "extraction.json"
    assert json.loads(path.read_text())["corpus_sha1"] == extraction.corpus_sha1(corpus)


@pytest.mark.corpus
def test_scrapinghub_subset_holds_its_floor(subset_rows):
    row = subset_rows["scrapinghub[:20]/shingle F1 veille"]
    assert row.n == 20 and row.floor is not None
    assert row.ok, f"ScrapingHub[:20] shingle F1 {row.value:.3f} fell below its floor {row.floor:.3f}"


@pytest.mark.corpus
def test_french_pages_hold_the_issue_floor(subset_rows):
    row = subset_rows["trafilatura-eval fr/segment F1 veille"]
    assert row.n == 26
    assert row.ok, f"French segment F1 {row.value:.3f} is below the floor {row.floor:.3f}"


def test_bootstrap_gap_is_zero_for_identical_systems_and_signed_otherwise(tmp_path):
    pages = [extraction.Page(str(i), tmp_path, truth=f"alpha beta gamma delta epsilon {i}") for i in range(6)]
    outputs = [{"a": p.truth, "b": p.truth, "c": "alpha beta gamma delta"} for p in pages]
    assert extraction.bootstrap_gap(pages, outputs, "a", "b", rounds=50) == (0.0, 0.0)
    gap, sd = extraction.bootstrap_gap(pages, outputs, "a", "c", rounds=50)
    assert gap > 0 and sd >= 0
