"""Story placement benchmark: the cost of placing one new page in stories when the store already holds
10,000 / 100,000 (/ 1,000,000 with --sizes) articles (issue 11: the cost must stay flat as the store grows).

The stored articles are synthetic and written straight into the tables stories read (articles, stories,
members, blocking keys, MinHash bands, profiles with random unit vectors), at a constant rate of
``--per-day`` articles a day: a store grows by covering more days, not by more news per day, so the live
window (± three days) holds the same number of pages whatever the store's size. Then ``--pages`` new
generated articles (synthetic.generate_articles, the real encoder, the real queries) are placed one by one,
and the median time per page is split into encoding (constant by design) and the store work (candidate
lookups and writes, what must stay flat).

    .venv/bin/python benchmarks/bench_stories.py                      # 10k and 100k, SQLite
    .venv/bin/python benchmarks/bench_stories.py --sizes 10000 100000 1000000

Not collected by pytest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from veille.store import open_store
from veille.store.synthetic import generate_articles
from veille.stories import blocking
from veille.stories.encoder import Encoder
from veille.stories.online import page_text, place_pages
from veille.stories.profile import build_profiles

_START = dt.date(2030, 1, 1)


def fill(store, n: int, per_day: int, seed: int = 5) -> None:
    """``n`` synthetic stored pages already placed in stories (five pages a story), written in bulk."""
    rng = np.random.default_rng(seed)
    rnd = random.Random(seed)
    batch = 5000
    for first in range(0, n, batch):
        rows = range(first, min(n, first + batch))
        heads = rng.standard_normal((len(rows), 512)).astype(np.float32)
        heads /= np.linalg.norm(heads, axis=1, keepdims=True)
        with store._transaction() as cur:
            _write_rows(store, cur, rows, heads, per_day, rnd)


def _write_rows(store, cur, rows, heads, per_day, rnd) -> None:
    q = store._q
    articles, members, keys, bands, profiles, stories = [], [], [], [], [], {}
    for i, head in zip(rows, heads, strict=True):
        day = (_START + dt.timedelta(days=i // per_day)).isoformat()
        aid, sid = f"b{i}", f"sb{i // 5}"
        articles.append((aid, f"https://bench.example/{i}", f"title {i}", day, "fr", "x", f"text {i}", "{}",
                         sid))
        members.append((aid, sid, 0.9, day, "fr", i + 1))
        stories.setdefault(sid, (sid, f"title {i}", aid, day, day, 5, "fr", "bench.example"))
        ents = [f"e:Q{rnd.randrange(20000)}" for _ in range(4)]
        keys += [(k, sid, day) for k in [*ents, *blocking.vector_keys(head)]]
        bands += [(f"m:{b}:{rnd.getrandbits(64):016x}", aid) for b in range(blocking.COPY_BANDS)]
        blob = head.astype(np.float16).tobytes()
        profiles.append((aid, f"{rnd.getrandbits(128):032x}", blob, blob, blob * 3,
                         json.dumps({"numbers": [], "names": [], "entities": []})))
    cur.executemany(q("INSERT INTO articles (id, url, title, published, lang, content_sha1, text, record, "
                      "story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"), articles)
    cur.executemany(q("INSERT INTO story_members VALUES (?, ?, ?, ?, ?, ?)"), members)
    cur.executemany(q("INSERT INTO stories (id, title, first_article, first_published, last_published, "
                      "n_articles, langs, sites) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                      "ON CONFLICT (id) DO NOTHING"),
                    list(stories.values()))
    cur.executemany(q("INSERT INTO story_keys VALUES (?, ?, ?) ON CONFLICT DO NOTHING"), keys)
    cur.executemany(q("INSERT INTO copy_bands VALUES (?, ?) ON CONFLICT DO NOTHING"), bands)
    cur.executemany(q("INSERT INTO page_profiles VALUES (?, ?, ?, ?, ?, ?)"), profiles)


def bench(url: str, n: int, pages: int, per_day: int) -> dict:
    with open_store(url) as store:
        t = time.perf_counter()
        fill(store, n, per_day)
        store.optimize()
        filled = time.perf_counter() - t
        last_day = _START + dt.timedelta(days=n // per_day)
        news = list(generate_articles(pages, quotes_per_article=3, seed=n))
        for k, art in enumerate(news):
            art.published = (last_day - dt.timedelta(days=k % 3)).isoformat()
        store.put_many(news)
        encoder = Encoder(cache=None)
        place_pages(store, news[:3], encoder=encoder)  # warm-up: model, knowledge base, statistics
        total, encode = [], []
        for art in news[3:]:
            t0 = time.perf_counter()
            build_profiles([page_text(art)], encoder)
            t1 = time.perf_counter()
            place_pages(store, [art], encoder=encoder)
            t2 = time.perf_counter()
            encode.append(t1 - t0)
            total.append(t2 - t1)
    store_ms = [1000 * (tot - enc) for tot, enc in zip(total, encode, strict=True)]
    return {"stored": n, "fill_s": round(filled, 1), "page_ms": round(1000 * statistics.median(total), 1),
            "encode_ms": round(1000 * statistics.median(encode), 1),
            "store_ms": round(statistics.median(store_ms), 1),
            "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--pages", type=int, default=23, help="New pages placed per size (after 3 warm-up).")
    ap.add_argument("--per-day", type=int, default=1000, help="Stored articles a day in the synthetic store.")
    args = ap.parse_args()
    print(f"{'stored':>9} {'fill s':>7} {'page ms':>8} {'encode ms':>10} {'store ms':>9} {'max RSS MB':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = bench(str(Path(tmp) / f"s{n}.sqlite"), n, args.pages, args.per_day)
            print(f"{r['stored']:>9} {r['fill_s']:>7} {r['page_ms']:>8} {r['encode_ms']:>10} "
                  f"{r['store_ms']:>9} {r['max_rss_mb']:>11}", flush=True)


if __name__ == "__main__":
    main()
