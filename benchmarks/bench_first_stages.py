"""CPU of the stages before the parse — extract, language, published — alone, over the same pages.

Not collected by pytest. Run it from the repository root::

    .venv/bin/python benchmarks/bench_first_stages.py                # the 50 pages of ../shared/corpus/news
    .venv/bin/python benchmarks/bench_first_stages.py --repeat 9 PATH...

``bench_stages.py`` times every stage and a bare spaCy parse in one run (the issue's ratio); its passes last
long, so on a shared machine a load swing moves these three stages' 1.5 s by as much as a change of them
does. This runs a pipeline of the three stages only (no spaCy), a warm pass then ``--repeat`` passes, and
prints each stage's minimum and median CPU seconds (``time.process_time``) and the three together: run
two versions in turn (``PYTHONPATH`` at each tree's ``src``, or through ``farm-bench --vs``) and compare.
"""

from __future__ import annotations

import argparse
import os
import statistics

from bench_stages import default_paths, time_stages

STAGES = ("extract", "language", "published")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="pages (default: the 50 news pages of the corpus)")
    parser.add_argument("--repeat", type=int, default=7, help="timed passes")
    args = parser.parse_args(argv)
    paths = args.paths or default_paths()

    from veille.config import load_config
    from veille.pipeline import Pipeline
    from veille.sources import read_sources
    from veille.stages.extract import Extract
    from veille.stages.language import Language
    from veille.stages.published import Published

    config = load_config()
    pipe = Pipeline([Extract(), Language(), Published()], config)
    spent = time_stages(pipe)
    list(pipe.run(read_sources(paths, config.max_bytes)))  # warm-up: models loaded, jusText's stoplists read
    passes = []
    for _ in range(args.repeat):
        spent.clear()
        list(pipe.run(read_sources(paths, config.max_bytes)))
        passes.append({**spent, "the three": sum(spent[n] for n in STAGES)})
    print(f"{len(paths)} pages, {args.repeat} passes; CPU seconds [load {os.getloadavg()[0]:.2f}]")
    for name in (*STAGES, "the three"):
        values = [p[name] for p in passes]
        print(f"{name:10} min {min(values):6.3f}  median {statistics.median(values):6.3f}")


if __name__ == "__main__":
    main()
