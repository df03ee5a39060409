"""What the quotes and sources stages cost beside the spaCy parse.

Runs the full default pipeline over the 25 news pages (plain-text renderings, FR and EN) and the seed
page, timing every stage per page, after one warm-up pass (models loaded, caches filled). Prints the
total seconds per stage and the ratio (quotes + sources) / nlp; the target is at most 15 %.

    .venv/bin/python benchmarks/bench_quotes.py [--corpus ../shared/corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from veille.config import load_config
from veille.pipeline import Pipeline
from veille.sources import read_sources
from veille.stages.registry import build_default


def _timed(stage, totals: dict[str, float]):
    pipe = stage.pipe

    def run(works):
        t0 = time.perf_counter()
        out = pipe(works)
        totals[stage.name] += time.perf_counter() - t0
        return out

    stage.pipe = run
    return stage


def pages(corpus: Path) -> list[str]:
    return sorted(str(p) for p in (corpus / "news" / "pages-text").glob("*.txt")) + [
        str(corpus / "seed" / "article.txt")]


def one_pass(paths: list[str]) -> dict[str, float]:
    config = load_config()
    totals: dict[str, float] = defaultdict(float)
    stages = [_timed(s, totals) for s in build_default(config)]
    pipe = Pipeline(stages, config)
    for out in pipe.run(read_sources(paths, config.max_bytes)):
        if out.error:
            raise SystemExit(f"{out.name}: {out.error}")
    return totals


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    paths = pages(Path(args.corpus))
    one_pass(paths)  # warm-up: models loaded, knowledge base read
    runs = [one_pass(paths) for _ in range(args.repeat)]
    names = list(runs[0])
    print(f"{len(paths)} pages, {args.repeat} timed passes (median seconds per pass)")
    med = {n: statistics.median(r[n] for r in runs) for n in names}
    for n in names:
        print(f"  {n:12} {med[n]:8.3f}")
    ours = med.get("quotes", 0.0) + med.get("sources", 0.0)
    print(f"quotes+sources {ours:.3f} s vs nlp (spaCy parse) {med['nlp']:.3f} s: "
          f"{100 * ours / med['nlp']:.1f} % (target <= 15 %)")


if __name__ == "__main__":
    main()
