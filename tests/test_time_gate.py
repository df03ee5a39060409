"""Gates on real pages (skipped without ../shared/corpus): the seed page's timexes, a subset of the dev-gold
time values against the floors, and the floors' corpus checksums."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from veille.eval import time as time_eval
from veille.eval.common import floors

FLOORS = Path(time_eval.__file__).parent / "floors" / "time.json"


def _values(art) -> set[tuple[str, str]]:
    return {(t.text, t.value) for t in art.timexes}


@pytest.fixture(scope="module")
def seed_record(corpus):
    """The seed page through the stages time depends on (not the whole pipeline: a broken unrelated stage
    must not fail these gates)."""
    return time_eval.analyze_for_time(corpus / "seed" / "article.txt")


@pytest.fixture(scope="module")
def seed_record_dated(corpus):
    return time_eval.analyze_for_time(corpus / "seed" / "article.txt", published="2023-03-26")


def test_seed_timexes_without_a_date_keep_the_year_unknown(seed_record):
    got = _values(seed_record)
    assert seed_record.published is None
    assert ("1er juillet", "XXXX-07-01") in got and ("février 2022", "2022-02") in got
    assert all(t.anchor is None for t in seed_record.timexes)


def test_seed_timexes_with_published(seed_record_dated):
    got = {t.text: t for t in seed_record_dated.timexes}
    assert got["1er juillet"].value == "2023-07-01" and got["1er juillet"].anchor == "2023-03-26"
    assert got["février 2022"].value == "2022-02"
    assert (got["début des années 1990"].value, got["début des années 1990"].mod) == ("199X", "START")
    assert (got["il y a plus d’un an"].value, got["il y a plus d’un an"].mod) == ("P1Y", "MORE_THAN")
    assert got["des décennies"].value == "PXDE"


def test_time_floors_match_the_corpus(corpus):
    sums = json.loads(FLOORS.read_text())["corpus_sha1"]
    for rel, sha in sums.items():
        got = hashlib.sha1((corpus / rel).read_bytes()).hexdigest()
        assert got == sha, f"{rel} changed: re-measure the floors"


def test_time_values_on_a_dev_gold_subset_hold_the_floors(corpus):
    """One French plain-text page (anchored on its own date line) and one English HTML page."""
    rows, scores, _ = time_eval.evaluate_timexes(corpus, ids={"fr09-txt", "en08"})
    f = floors("time")
    for row in rows:
        if row.metric == "time value accuracy":
            assert row.value >= f[f"{row.dataset}/{row.metric}"], [s.misses for s in scores]


@pytest.mark.parametrize("page, expected", [("fr01", "2023-08-30"), ("en10", "2023-04-03")])
def test_published_from_the_plain_text_rendering(corpus, page, expected):
    from veille.config import load_config
    from veille.pipeline import Pipeline
    from veille.sources import read_sources
    from veille.stages.extract import Extract
    from veille.stages.language import Language
    from veille.stages.published import Published

    pipe = Pipeline([Extract(), Language(), Published()], load_config())
    art = next(pipe.run(read_sources([str(corpus / "news" / "pages-text" / f"{page}.txt")]))).article
    assert (art.published, art.published_source) == (expected, "page text")
