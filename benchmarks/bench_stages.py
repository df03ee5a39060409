"""What each stage costs relative to the spaCy parse it is built on (the ``nlp`` stage).

Not collected by pytest. Run it from the repository root::

    .venv/bin/python benchmarks/bench_stages.py                 # the 50 pages of ../shared/corpus/news
    .venv/bin/python benchmarks/bench_stages.py --repeat 3 PATH...

Every stage's ``pipe`` is timed with the process's CPU clock (``time.process_time``) over the same pages in
one process, after a warm-up pass that loads the models. Ratios to the parse are what to compare between
two versions of veille: on a loaded machine every stage slows down alike, so a stage's share of the parse
moves far less than its seconds do. With ``--repeat N`` each figure is the median of N passes.

Each pass is followed by a bare parse of the same texts (``spacy.load(model).pipe``, the model veille
picked for each page, no veille component), timed the same way: the ``bare parse`` line says whether the
``nlp`` stage costs what spaCy itself costs, and ``all / bare`` is ``bench_scale.py``'s ratio, inverted
(target: at most 1/0.85 = 1.18). A third line times the same bare parse with veille's matrix products
(numpy's BLAS on one thread, ``stages/blas_ops.py``): veille's nlp stage costs less than spaCy's stock
parse mostly because of that one change, and this line keeps it in view. ``outside stages`` is what a
pass costs beyond its stages (reading the pages, building the records).
"""

from __future__ import annotations

import argparse
import os
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
    return pipe, config, time_stages(pipe)


def time_stages(pipe) -> dict[str, float]:
    """Wrap each stage's ``pipe`` of ``pipe`` to add its CPU seconds to the dict returned, by stage name."""
    spent: dict[str, float] = defaultdict(float)
    for stage in pipe.stages:
        inner = stage.pipe

        def timed(works, _inner=inner, _name=stage.name):
            t0 = time.process_time()
            out = _inner(works)
            spent[_name] += time.process_time() - t0
            return out
        stage.pipe = timed  # type: ignore[method-assign]
    return spent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="pages (default: the 50 news pages of the corpus)")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes (the median is shown)")
    args = parser.parse_args(argv)
    paths = args.paths or default_paths()

    from veille.sources import read_sources

    pipe, config, spent = timed_pipeline()
    list(pipe.run(read_sources(paths[:2], config.max_bytes)))  # warm-up: models loaded, caches filled
    texts = outcomes_texts(pipe, paths, config)
    bare = bare_parser(texts, config.batch_size)
    bare_blas = bare_parser(texts, config.batch_size, numpy_blas=True)
    passes: list[dict[str, float]] = []
    for _ in range(args.repeat):
        spent.clear()
        t0 = time.process_time()
        outcomes = list(pipe.run(read_sources(paths, config.max_bytes)))
        whole = time.process_time() - t0
        passes.append(dict(spent))
        passes[-1]["(outside stages)"] = whole - sum(spent.values())
        passes[-1]["(bare parse)"] = bare()
        passes[-1]["(bare, numpy BLAS)"] = bare_blas()
    failed = sum(1 for o in outcomes if o.error)
    names = [s.name for s in pipe.stages] + ["(outside stages)"]
    median = {n: statistics.median(p.get(n, 0.0) for p in passes)
              for n in [*names, "(bare parse)", "(bare, numpy BLAS)"]}
    parse = median.get("nlp") or float("nan")
    total = sum(median[n] for n in names)
    print(f"{len(paths)} pages ({failed} failed), {args.repeat} pass(es); CPU seconds per stage [{load()}]")
    print(f"{'stage':16} {'seconds':>8} {'x parse':>8} {'share':>7}")
    for n in names:
        print(f"{n:16} {median[n]:8.2f} {median[n] / parse:8.3f} {median[n] / total:7.1%}")
    print(f"{'all':16} {total:8.2f} {total / parse:8.3f} {1:7.1%}")
    bare_s = median["(bare parse)"]
    print(f"{'bare parse':16} {bare_s:8.2f} {bare_s / parse:8.3f}   all / bare = {total / bare_s:.3f} "
          f"(veille's rate / the parse's = {bare_s / total:.3f}, target >= 0.85)")
    same_ops = median["(bare, numpy BLAS)"]
    print(f"{'bare, numpy BLAS':16} {same_ops:8.2f} {same_ops / parse:8.3f}   "
          f"all / bare = {total / same_ops:.3f} (the same parse given veille's matrix products)")


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def outcomes_texts(pipe, paths: list[str], config) -> dict[str, list[str]]:
    """The texts veille extracted, grouped by the spaCy model it uses for their language."""
    from veille.lang import resources
    from veille.sources import read_sources

    by_model: dict[str, list[str]] = {}
    for out in pipe.run(read_sources(paths, config.max_bytes)):
        res = resources(out.article.lang) if out.article else None
        if res is not None:
            by_model.setdefault(res.spacy_model, []).append(out.article.text)
    return by_model


def bare_parser(by_model: dict[str, list[str]], batch_size: int, numpy_blas: bool = False):
    """A function timing one bare spaCy parse of ``by_model``'s texts (CPU seconds), models warmed up.
    With ``numpy_blas`` the models' matrix products go through numpy's BLAS on one thread, as veille's nlp
    stage does them (``stages/blas_ops.py``): the parse the issue names is spaCy's stock one, and this second
    figure says how much of veille's lead over it is that one change."""
    from contextlib import nullcontext

    import spacy

    from veille.stages.blas_ops import one_blas_thread, use_numpy_blas

    models = {name: spacy.load(name) for name in by_model}
    if numpy_blas:
        for nlp in models.values():
            use_numpy_blas(nlp)

    def run() -> float:
        t0 = time.process_time()
        with one_blas_thread() if numpy_blas else nullcontext():
            for name, texts in by_model.items():
                for _ in models[name].pipe(texts, batch_size=batch_size):
                    pass
        return time.process_time() - t0

    run()
    return run


if __name__ == "__main__":
    main()
