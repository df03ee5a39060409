"""Store benchmark: ingest pages/s into SQLite and PostgreSQL (the real path: pages through the full
pipeline into the store), and search / entity-page latency p50/p95 over a store holding 100,000 generated
quotes (target: p95 < 50 ms).

    .venv/bin/python benchmarks/bench_store.py                  # both backends, default sizes
    .venv/bin/python benchmarks/bench_store.py --backends sqlite --articles 2000

PostgreSQL runs on a throwaway server (initdb + pg_ctl, fsync on) started here. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from veille.store import ingest_paths, open_store
from veille.store.synthetic import _PEOPLE, _PLACES, generate_articles, generate_pages, vocabulary


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def timed(fn, args_list: list, warmup: int = 10) -> list[float]:
    for a in args_list[:warmup]:
        fn(a)
    out = []
    for a in args_list:
        t = time.perf_counter()
        fn(a)
        out.append((time.perf_counter() - t) * 1000)
    return out


def bench_ingest(url: str, pages_dir: Path) -> tuple[int, float]:
    """Pages through the pipeline into the store at ``url``: (pages, pages per second)."""
    with open_store(url) as store:
        t = time.perf_counter()
        summary = ingest_paths(store, [str(pages_dir)])
        elapsed = time.perf_counter() - t
    assert not summary.failed, summary.failed[:3]
    return summary.ingested, summary.ingested / elapsed


def fill(url: str, articles: int, quotes_per_article: int) -> tuple[int, float]:
    """Generated records straight into the store: (quotes stored, records per second)."""
    with open_store(url) as store:
        t = time.perf_counter()
        batch = []
        for art in generate_articles(articles, quotes_per_article=quotes_per_article, seed=11):
            batch.append(art)
            if len(batch) == 200:
                store.put_many(batch)
                batch = []
        store.put_many(batch)
        store.optimize()  # as `veille ingest` does after a large run
        rate = articles / (time.perf_counter() - t)
        return store.quotes(limit=1).total, rate


def latencies(url: str, queries: int) -> dict[str, list[float]]:
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.config import Config

    rnd = random.Random(5)
    words, _ = vocabulary()
    terms = [" ".join(rnd.sample(words[10:2000], rnd.choice((1, 2)))) for _ in range(queries)]
    people = [rnd.choice(_PEOPLE) for _ in range(queries)]
    ids = [rnd.choice(_PEOPLE + _PLACES)[0] for _ in range(queries)]
    out: dict[str, list[float]] = {}
    with open_store(url) as store:
        out["search (store)"] = timed(lambda q: store.search(q, limit=20), terms)
        out["quotes by speaker name (store)"] = timed(lambda p: store.quotes(speaker=p[2][-1], limit=50),
                                                      people)
        out["entity page data (store)"] = timed(lambda i: store.entity(i, limit=50), ids)
        with TestClient(create_app(store, config=Config(data_dir=tempfile.gettempdir()))) as client:
            out["GET /api/search"] = timed(lambda q: client.get("/api/search", params={"q": q}), terms)
            out["GET /entities/{id} (HTML page)"] = timed(lambda i: client.get(f"/entities/{i}"), ids)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backends", default="sqlite,postgres")
    ap.add_argument("--pages", type=int, default=200, help="pages for the ingest figure")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--quotes-per-article", type=int, default=10)
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    import veille

    veille.analyze_text(next(generate_pages(1, seed=99))[1])  # warm-up: load the models once
    rows: list[tuple[str, str, str]] = []
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        pages = tmp / "pages"
        pages.mkdir()
        for name, text in generate_pages(args.pages, seed=2):
            (pages / name).write_text(text, encoding="utf-8")
        for backend in args.backends.split(","):
            urls = {}
            for use in ("ingest", "latency"):
                if backend == "sqlite":
                    urls[use] = str(tmp / f"{use}.sqlite")
                else:
                    from veille.store.pgserver import TemporaryPostgres

                    urls[use] = stack.enter_context(TemporaryPostgres(durable=True)).url
            n, rate = bench_ingest(urls["ingest"], pages)
            rows.append((backend, f"ingest {n} pages (pipeline + store)", f"{rate:.1f} pages/s"))
            quotes, rec_rate = fill(urls["latency"], args.articles, args.quotes_per_article)
            rows.append((backend, f"store {args.articles:,} records ({quotes:,} quotes)",
                         f"{rec_rate:.0f} records/s"))
            for op, ms in latencies(urls["latency"], args.queries).items():
                rows.append((backend, f"{op} over {quotes:,} quotes",
                             f"p50 {statistics.median(ms):.1f} ms  p95 {pct(ms, 95):.1f} ms"))
            print(f"bench_store: {backend} done", file=sys.stderr)
    width = max(len(r[1]) for r in rows)
    print(f"{'backend':9} {'measure':{width}}  result")
    for backend, what, result in rows:
        print(f"{backend:9} {what:{width}}  {result}")


if __name__ == "__main__":
    main()
