"""What each stage costs relative to the spaCy parse it is built on (the ``nlp`` stage).

Not collected by pytest. Run it from the repository root::

    .venv/bin/python benchmarks/bench_stages.py                 # the 50 pages of ../shared/corpus/news
    .venv/bin/python benchmarks/bench_stages.py --repeat 3 PATH...

Every stage's ``pipe`` is timed with the process's CPU clock (``time.process_time``) over the same pages in
one process, after a warm-up pass that loads the models. Ratios to the parse are what to compare between
two versions of veille: on a loaded machine every stage slows down alike, so a stage's share of the parse
moves far less than its seconds do. With ``--repeat N`` each figure is the median of N passes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news"


def default_paths() -> list[str]:
    if not CORPUS.is_dir():
        sys.exit(f"bench_stages: the news pages were not found at {CORPUS}; pass page paths")
    return sorted(str(p) for folder in ("pages", "pages-text") for p in (CORPUS / folder).iterdir()
                  if p.is_file())


def timed_pipeline():
    """The default pipeline with each stage's ``pipe`` wrapped to add its CPU seconds to ``spent``."""
    from veille.config import load_config
    from veille.pipeline import build_pipeline

    config = load_config()
    pipe = build_pipeline(config)
    spent: dict[str, float] = defaultdict(float)
    for stage in pipe.stages:
        inner = stage.pipe

        def timed(works, _inner=inner, _name=stage.name):
            t0 = time.process_time()
            out = _inner(works)
            spent[_name] += time.process_time() - t0
            return out
        stage.pipe = timed  # type: ignore[method-assign]
    return pipe, config, spent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="pages (default: the 50 news pages of the corpus)")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes (the median is shown)")
    args = parser.parse_args(argv)
    paths = args.paths or default_paths()

    from veille.sources import read_sources

    pipe, config, spent = timed_pipeline()
    list(pipe.run(read_sources(paths[:2], config.max_bytes)))  # warm-up: models loaded, caches filled
    passes: list[dict[str, float]] = []
    for _ in range(args.repeat):
        spent.clear()
        outcomes = list(pipe.run(read_sources(paths, config.max_bytes)))
        passes.append(dict(spent))
    failed = sum(1 for o in outcomes if o.error)
    names = [s.name for s in pipe.stages]
    median = {n: statistics.median(p.get(n, 0.0) for p in passes) for n in names}
    parse = median.get("nlp") or float("nan")
    total = sum(median.values())
    print(f"{len(paths)} pages ({failed} failed), {args.repeat} pass(es); CPU seconds per stage")
    print(f"{'stage':12} {'seconds':>8} {'x parse':>8} {'share':>7}")
    for n in names:
        print(f"{n:12} {median[n]:8.2f} {median[n] / parse:8.3f} {median[n] / total:7.1%}")
    print(f"{'all':12} {total:8.2f} {total / parse:8.3f} {1:7.1%}")


if __name__ == "__main__":
    main()
