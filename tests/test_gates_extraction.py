"""Quality gates on the shared corpus: the seed page and the hand-annotated news pages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from veille.eval import pages


@pytest.mark.corpus
def test_seed_extraction_and_boilerplate_pass_seedcheck(corpus, seed_record, tmp_path):
    out = tmp_path / "seed.json"
    out.write_text(seed_record.model_dump_json())
    res = subprocess.run(
        [sys.executable, str(corpus.parent / "tools" / "seedcheck.py"), str(out)],
        capture_output=True,
        text=True,
    )
    table = {
        line[:42].strip(): line[42:].strip() for line in res.stdout.splitlines() if not line.startswith(" ")
    }
    assert table["extraction"] == "9/9", res.stdout
    assert table["boilerplate removed"] == "11/11", res.stdout


@pytest.mark.corpus
def test_seed_signals(seed_record):
    kinds = [s.kind for s in seed_record.signals]
    assert "duplicate_title" in kinds and "unrelated_insert" in kinds
    foreign = " ".join(s.text or "" for s in seed_record.signals if s.kind == "foreign_fragment")
    assert "[tactical nuclear weapons]" in foreign and "Leave a Reply" in foreign


@pytest.mark.corpus
def test_dev_gold_pages_meet_their_floors(corpus):
    from veille.config import load_config
    from veille.pipeline import Work
    from veille.sources import read_sources
    from veille.stages.extract import Extract

    cfg = load_config()

    def extract_only(path):
        work = Work.from_source(next(read_sources([str(path)])), cfg)
        return Extract()(work).article

    rows, scores = pages.evaluate(corpus, analyze=extract_only)
    by_metric = {r.metric: r for r in rows}
    for metric in ("body first words kept", "body last words kept", "boilerplate removed", "title right"):
        assert by_metric[metric].ok, (metric, by_metric[metric].value, [s.misses() for s in scores])


@pytest.mark.corpus
def test_every_real_page_yields_an_article(corpus):
    from veille.config import load_config
    from veille.pipeline import Work
    from veille.sources import read_sources
    from veille.stages.extract import Extract

    cfg = load_config()
    paths = sorted((corpus / "news" / "pages").glob("*.html")) + sorted(
        (corpus / "news" / "pages-text").glob("*.txt")
    )
    assert len(paths) == 50
    for src in read_sources([str(p) for p in paths]):
        art = Extract()(Work.from_source(src, cfg)).article
        assert len(art.text.split()) > 80 and art.title, src.name
