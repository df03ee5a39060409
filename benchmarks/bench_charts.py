"""Chart benchmark: the store reads behind the web UI's charts (an entity's quotes and mentions per month, its
co-mentions per month) and the whole entity page with its charts, p50/p95 in ms, over a SQLite store of
generated articles (default 20,000 articles, 100,000 quotes). The generated people are in most articles, so
this is the worst case for reads that cost what the entity has.

    .venv/bin/python benchmarks/bench_charts.py
    .venv/bin/python benchmarks/bench_charts.py --articles 5000 --queries 50

Not collected by pytest.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from veille.store import open_store
from veille.store.synthetic import _PEOPLE, _PLACES, generate_articles


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def timed(fn, args: list, warmup: int = 5) -> list[float]:
    for a in args[:warmup]:
        fn(a)
    out = []
    for a in args:
        t = time.perf_counter()
        fn(a)
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=100)
    args = ap.parse_args()
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.config import Config

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "charts.sqlite"
        with open_store(str(path)) as store:
            t = time.perf_counter()
            batch = []
            for art in generate_articles(args.articles, quotes_per_article=5, seed=11):
                batch.append(art)
                if len(batch) == 500:
                    store.put_many(batch)
                    batch = []
            store.put_many(batch)
            store.optimize()
            print(f"filled {args.articles} articles, {store.quotes(limit=1).total} quotes "
                  f"in {time.perf_counter() - t:.0f} s")
            rnd = random.Random(3)
            ids = [rnd.choice(_PEOPLE + _PLACES)[0] for _ in range(args.queries)]
            rows = {
                "entity_timeline": timed(store.entity_timeline, ids),
                "co_mention_timeline": timed(store.co_mention_timeline, ids),
            }
            with TestClient(create_app(store, config=Config(data_dir=tmp))) as client:
                rows["GET /entities/{id} (page + charts)"] = timed(
                    lambda i: client.get(f"/entities/{i}").raise_for_status(), ids)
                rows["GET /events (page + chart)"] = timed(
                    lambda i: client.get("/events").raise_for_status(), ids[:20])
        print(f"{'what':40} {'p50 ms':>8} {'p95 ms':>8} {'mean':>8}")
        for name, ms in rows.items():
            print(f"{name:40} {pct(ms, 50):8.1f} {pct(ms, 95):8.1f} {statistics.mean(ms):8.1f}")


if __name__ == "__main__":
    main()
