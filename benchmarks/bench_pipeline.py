"""Pages per second and peak memory: extraction alone and the whole current pipeline, in one process and
over several worker processes.

Not collected by pytest. Run it from the repository root::

    .venv/bin/python benchmarks/bench_pipeline.py                # the 50 pages of ../shared/corpus/news
    .venv/bin/python benchmarks/bench_pipeline.py --workers 2 --repeat 3 PATH...

Each measurement runs in a fresh process, so its peak resident memory (``resource.getrusage``) is its own.
Models are loaded and caches warmed on two pages before the clock starts (a warm-up, as ``spacy benchmark``
does); with several workers, every worker warms up before the clock starts, and the time is the wall time
of the whole set. With ``--repeat N`` the median of N timed passes is printed.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import statistics
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news"


# ---------------------------------------------------------------- work done in the measured processes


def _runner(mode: str):
    """A function paths -> (pages done, pages failed) for ``mode`` ("extraction" or "pipeline")."""
    from veille.config import load_config
    from veille.pipeline import build_pipeline
    from veille.sources import read_sources

    config = load_config()
    if mode == "extraction":
        from veille.stages.extract import Extract

        pipe = build_pipeline(config, stages=[Extract()])
    else:
        pipe = build_pipeline(config)

    def run(paths: list[str]) -> tuple[int, int]:
        outcomes = list(pipe.run(read_sources(paths, config.max_bytes)))
        return len(outcomes), sum(1 for o in outcomes if o.error)
    return run


_RUN = None


def _warm_worker(mode: str, warm: list[str], barrier) -> None:
    """Pool initializer: build the runner, warm it, then wait until every worker is ready."""
    global _RUN
    _RUN = _runner(mode)
    _RUN(warm)
    barrier.wait()


def _work(paths: list[str]) -> tuple[int, int]:
    assert _RUN is not None
    return _RUN(paths)


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def _measure(mode: str, workers: int, paths: list[str], warm: list[str], repeat: int, queue) -> None:
    """Runs in a fresh process: time ``repeat`` passes over ``paths`` and report to ``queue``."""
    times, done, failed = [], 0, 0
    if workers == 1:
        run = _runner(mode)
        run(warm)
        for _ in range(repeat):
            t0 = time.perf_counter()
            done, failed = run(paths)
            times.append(time.perf_counter() - t0)
    else:
        ctx = mp.get_context("fork")
        barrier = ctx.Barrier(workers + 1)
        chunks = [paths[i::workers] for i in range(workers)]
        with ctx.Pool(workers, initializer=_warm_worker, initargs=(mode, warm, barrier)) as pool:
            barrier.wait()
            for _ in range(repeat):
                t0 = time.perf_counter()
                results = pool.map(_work, chunks, chunksize=1)
                times.append(time.perf_counter() - t0)
                done, failed = sum(r[0] for r in results), sum(r[1] for r in results)
    queue.put({"mode": mode, "workers": workers, "pages": done, "failed": failed,
               "seconds": statistics.median(times),
               "rss_self": _peak_mb(resource.RUSAGE_SELF), "rss_child": _peak_mb(resource.RUSAGE_CHILDREN)})


# ---------------------------------------------------------------- driver


def measure(mode: str, workers: int, paths: list[str], warm: list[str], repeat: int) -> dict:
    """One measurement in a fresh (spawned) process, so peak memory is not inherited."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_measure, args=(mode, workers, paths, warm, repeat, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def default_paths() -> list[str]:
    if not CORPUS.is_dir():
        sys.exit(f"bench_pipeline: the news pages were not found at {CORPUS}; pass page paths")
    return sorted(str(p) for folder in ("pages", "pages-text") for p in (CORPUS / folder).iterdir()
                  if p.is_file())


def print_table(rows: list[dict]) -> None:
    print(f"{'what':12} {'workers':>7} {'pages':>6} {'failed':>6} {'seconds':>8} {'pages/s':>8} "
          f"{'peak RSS MB (main / largest worker)':>36}")
    for r in rows:
        mem = f"{r['rss_self']:.0f}" + (f" / {r['rss_child']:.0f}" if r["workers"] > 1 else "")
        print(f"{r['mode']:12} {r['workers']:>7} {r['pages']:>6} {r['failed']:>6} {r['seconds']:>8.2f} "
              f"{r['pages'] / r['seconds']:>8.2f} {mem:>36}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="pages (default: the 50 news pages of the corpus)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes for the parallel rows")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes per row (the median is shown)")
    parser.add_argument("--only", choices=("extraction", "pipeline"), help="measure one of the two")
    args = parser.parse_args(argv)
    paths = args.paths or default_paths()
    # warm-up on one page of each language/kind seen first, so every model is loaded before the clock
    warm = paths[:1] + [p for p in paths if "fr" in Path(p).name][:1]
    rows = []
    for mode in [args.only] if args.only else ["extraction", "pipeline"]:
        for workers in sorted({1, args.workers}):
            rows.append(measure(mode, workers, paths, warm, args.repeat))
            print(f"  measured {mode} × {workers}", file=sys.stderr, flush=True)


    print(f"{len(paths)} pages, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print_table(rows)


if __name__ == "__main__":
    main()
