"""Story placement benchmark: the cost of placing one new page in stories when the store already holds
10,000 / 100,000 (/ 1,000,000 with --sizes) articles (issue 11: the cost must stay flat as the store grows).

The stored articles are synthetic and written straight into the tables stories read (articles, stories,
members, blocking keys, MinHash bands, profiles with random unit vectors), at a constant rate of
``--per-day`` articles a day: a store grows by covering more days, not by more news per day, so the live
window (± three days) holds the same number of pages whatever the store's size. Then ``--pages`` new
generated articles (synthetic.generate_articles, the real encoder, the real queries) are placed one by one
through the write path's hook (``place_and_repair``: placement, then the merge/split repair), and the
median CPU time per page is split into encoding (constant by design) and placement (candidate lookups,
scoring, writes, repair: what must stay flat). CPU, not wall time, so the figures hold on a busy machine;
the wall time of placement is printed too, for a quiet one.

    .venv/bin/python benchmarks/bench_stories.py                      # 10k and 100k, SQLite
    .venv/bin/python benchmarks/bench_stories.py --sizes 10000 100000 1000000 --keep /tmp/stories-bench
    .venv/bin/python benchmarks/bench_stories.py --statements         # + the costliest SQL per page

``--keep DIR`` builds each synthetic store once (1,000,000 takes a while, ~11 GB) and reuses it.

Not collected by pytest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import statistics
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from veille.store import open_store
from veille.store.synthetic import generate_articles
from veille.stories import blocking
from veille.stories.encoder import Encoder
from veille.stories.online import page_text
from veille.stories.profile import build_profiles
from veille.stories.repair import place_and_repair

_START = dt.date(2030, 1, 1)


def fill(store, n: int, per_day: int, seed: int = 5) -> None:
    """``n`` synthetic stored pages already placed in stories (five pages a story), written in bulk, each
    batch drawn from its own seed; an interrupted fill resumes after its last committed batch. SQLite gets
    a large page cache meanwhile: the random inserts into the key indexes are what filling costs."""
    batch = 5000
    indexes: list[str] = []
    if not store.url.startswith("postgres"):
        conn = store._conn()
        conn.execute("PRAGMA cache_size = -2000000")  # 2 GB, for this connection only
        indexes = _drop_indexes(conn)
    done = store._rows("SELECT count(*) FROM articles")[0][0] // batch * batch
    for first in range(done, n, batch):
        rng = np.random.default_rng([seed, first])
        rnd = random.Random(seed * 1_000_003 + first)
        rows = range(first, min(n, first + batch))
        heads = rng.standard_normal((len(rows), 512)).astype(np.float32)
        heads /= np.linalg.norm(heads, axis=1, keepdims=True)
        with store._transaction() as cur:
            _write_rows(store, cur, rows, heads, per_day, rnd)
    if indexes:
        with store._transaction() as cur:
            for sql in indexes:
                cur.execute(sql)


def _drop_indexes(conn) -> list[str]:
    """Drop the store's own secondary indexes of a SQLite store before a bulk fill and return their DDL, to
    build them again at the end: one sorted build each instead of ~5 random index inserts per row, which
    is what made a 1,000,000-page fill take more than an hour. ``IF NOT EXISTS`` keeps a resumed fill
    (whose indexes may already be back) safe."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master "
                        "WHERE type = 'index' AND sql IS NOT NULL").fetchall()
    for name, _ in rows:
        conn.execute(f'DROP INDEX "{name}"')
    return [re.sub(r"^CREATE (UNIQUE )?INDEX (IF NOT EXISTS )?", r"CREATE \1INDEX IF NOT EXISTS ", sql)
            for _, sql in rows]


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
    cur.executemany(q("INSERT INTO page_profiles (article_id, body_hash, head, full_text, chunks, evidence) "
                      "VALUES (?, ?, ?, ?, ?, ?)"), profiles)


class _Remembered:
    """The real encoder, its vectors kept in memory: the placement after the timed encoding reads them
    back, so the placement's CPU is the store work alone (lookups, scoring, writes, repair)."""

    def __init__(self) -> None:
        self.encoder = Encoder(cache=None)
        self.known: dict[str, np.ndarray] = {}

    def embed(self, texts, batch: int = 16) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self.known]
        if todo:
            self.known.update(zip(todo, self.encoder.embed(todo, batch), strict=True))
        return np.stack([self.known[t] for t in texts])


class _StatementClock:
    """CPU and wall time per SQL statement (``--statements``): which query grows with the store."""

    def __init__(self, cur) -> None:
        self.cur, self.spent = cur, {}

    def execute(self, sql, params=()):
        t0, c0 = time.perf_counter(), time.process_time()
        out = self.cur.execute(sql, params)
        key = " ".join(sql.split())[:90]
        wall, cpu, n = self.spent.get(key, (0.0, 0.0, 0))
        self.spent[key] = (wall + time.perf_counter() - t0, cpu + time.process_time() - c0, n + 1)
        return out

    def __getattr__(self, name):
        return getattr(self.cur, name)


def open_filled(folder: Path, n: int, per_day: int):
    """A store of ``n`` synthetic placed pages, built once in ``folder`` and reused as it is (a run adds its
    ``--pages`` new pages; the next run places the same pages again, so the store barely moves)."""
    built = folder / f"stories-{n}-{per_day}.sqlite"
    if not built.exists():  # a ".part" left by an interrupted build is resumed
        t = time.perf_counter()
        with open_store(str(built) + ".part") as store:
            fill(store, n, per_day)
            store.optimize()
        Path(str(built) + ".part").rename(built)
        print(f"# filled {n:,} in {time.perf_counter() - t:.0f} s", flush=True)
    return open_store(str(built))


def bench(folder: Path, n: int, pages: int, per_day: int, statements: bool = False) -> dict:
    with open_filled(folder, n, per_day) as store:
        last_day = _START + dt.timedelta(days=n // per_day)
        news = list(generate_articles(pages, quotes_per_article=3, seed=n))
        for k, art in enumerate(news):
            art.published = (last_day - dt.timedelta(days=k % 3)).isoformat()
        store.put_many(news)
        encoder = _Remembered()
        place_and_repair(store, news[:3], encoder=encoder)  # warm-up: model, knowledge base, page cache
        clocks: list[_StatementClock] = []
        if statements:
            real = store._transaction

            @contextmanager
            def timed():
                with real() as cur:
                    clocks.append(_StatementClock(cur))
                    yield clocks[-1]

            store._transaction = timed
        encode_cpu, place_cpu, place_wall = [], [], []
        for art in news[3:]:
            c0 = time.process_time()
            build_profiles([page_text(art)], encoder)
            c1, w1 = time.process_time(), time.perf_counter()
            place_and_repair(store, [art], encoder=encoder)
            encode_cpu.append(c1 - c0)
            place_cpu.append(time.process_time() - c1)
            place_wall.append(time.perf_counter() - w1)
    if statements:
        _print_statements(clocks, len(news) - 3)
    return {"stored": n, "encode_ms": _ms(encode_cpu), "place_cpu_ms": _ms(place_cpu),
            "place_wall_ms": _ms(place_wall),
            "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def _ms(seconds: list[float]) -> float:
    return round(1000 * statistics.median(seconds), 1)


def _print_statements(clocks: list[_StatementClock], pages: int) -> None:
    total: dict[str, list[float]] = {}
    for clock in clocks:
        for sql, (wall, cpu, n) in clock.spent.items():
            acc = total.setdefault(sql, [0.0, 0.0, 0])
            acc[0], acc[1], acc[2] = acc[0] + wall, acc[1] + cpu, acc[2] + n
    for sql, (wall, cpu, n) in sorted(total.items(), key=lambda kv: -kv[1][1])[:8]:
        print(f"#   {1000 * cpu / pages:7.2f} ms CPU {1000 * wall / pages:7.2f} ms wall per page, "
              f"{int(n) // pages:3d}x  {sql}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--pages", type=int, default=23, help="New pages placed per size (after 3 warm-up).")
    ap.add_argument("--per-day", type=int, default=1000, help="Stored articles a day in the synthetic store.")
    ap.add_argument("--keep", metavar="DIR", help="Build the stores in DIR and reuse them on later runs.")
    ap.add_argument("--statements", action="store_true", help="Also print the costliest SQL statements.")
    args = ap.parse_args()
    print(f"# load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'stored':>9} {'encode ms CPU':>14} {'place ms CPU':>13} {'place ms wall':>14} {'vs first':>9} "
          f"{'max RSS MB':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        first = None
        for n in args.sizes:
            r = bench(folder, n, args.pages, args.per_day, args.statements)
            first = first or r["place_cpu_ms"]
            print(f"{r['stored']:>9} {r['encode_ms']:>14} {r['place_cpu_ms']:>13} {r['place_wall_ms']:>14} "
                  f"{r['place_cpu_ms'] / first:>8.2f}x {r['max_rss_mb']:>11}", flush=True)


if __name__ == "__main__":
    main()
