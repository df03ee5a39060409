"""Search benchmark: latency p50/p95 of entity-aware search (issue 13) over a generated store, for word
queries, entity names in another spelling ("Iaroslav Doubenko" for "Yaroslav Dubenko"), names with
words, and the same with facets (what the web search page asks for) and sorted by date.

    .venv/bin/python benchmarks/bench_search.py                       # SQLite, 10,000 articles
    .venv/bin/python benchmarks/bench_search.py --backends sqlite,postgres --articles 20000

Generated people appear in about 3 of 8 articles each, so a name query matches thousands of articles:
the worst case for ranking and facets, not the common one. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from veille.store import open_store
from veille.store.synthetic import _PEOPLE, _PLACES, generate_articles, vocabulary


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def fill(url: str, articles: int) -> None:
    with open_store(url) as store:
        batch = []
        for art in generate_articles(articles, quotes_per_article=3, seed=11):
            batch.append(art)
            if len(batch) == 200:
                store.put_many(batch)
                batch = []
        store.put_many(batch)
        store.optimize()


def queries(n: int) -> dict[str, list[str]]:
    rnd = random.Random(7)
    words = vocabulary()[0][20:2000]
    other_spelling = [names[-1] for _, _, names in _PEOPLE + _PLACES]  # "Iaroslav Doubenko", "la Norvalie"
    return {"words": [" ".join(rnd.sample(words, rnd.choice((1, 2)))) for _ in range(n)],
            "entity name": [rnd.choice(other_spelling) for _ in range(n)],
            "entity name + word": [f"{rnd.choice(other_spelling)} {rnd.choice(words[:200])}"
                                   for _ in range(n)]}


def timed(fn, args: list[str]) -> tuple[list[float], int]:
    for a in args[:5]:
        fn(a)
    out, hits = [], 0
    for a in args:
        t = time.perf_counter()
        hits += fn(a).total
        out.append((time.perf_counter() - t) * 1000)
    return out, hits // max(1, len(args))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backends", default="sqlite")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--db", help="a SQLite file filled once, reused by later runs")
    args = ap.parse_args()
    qs = queries(args.queries)
    print(f"{args.articles:,} generated articles; {args.queries} queries per row; times in ms")
    print(f"{'backend':9} {'query':20} {'mode':18} {'hits':>6} {'p50':>7} {'p95':>7} {'mean':>7}")
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        for backend in args.backends.split(","):
            if backend == "sqlite":
                url = args.db or str(tmp / "search.sqlite")
            else:
                from veille.store.pgserver import TemporaryPostgres

                url = stack.enter_context(TemporaryPostgres(durable=True)).url
            with open_store(url) as store:
                have = store.count_articles()
            if have < args.articles:
                fill(url, args.articles)
            with open_store(url) as store:
                for kind, texts in qs.items():
                    for mode, kwargs in (("ranked", {}), ("ranked + facets", {"facets": True}),
                                         ("by date + facets", {"facets": True, "sort": "date"})):
                        ms, hits = timed(lambda q, kw=kwargs: store.search(q, limit=20, **kw), texts)
                        print(f"{backend:9} {kind:20} {mode:18} {hits:>6} {statistics.median(ms):7.1f} "
                              f"{pct(ms, 95):7.1f} {statistics.fmean(ms):7.1f}")


if __name__ == "__main__":
    main()
