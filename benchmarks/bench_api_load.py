"""Load on the API: N concurrent readers (search, lists, an entity page, quotes) against ``veille serve``
while an ingest writes to the same store; latency p50/p95/p99 and errors per endpoint.

Not collected by pytest. Run it from the repository root::

    .venv/bin/python benchmarks/bench_api_load.py                       # 50 and 200 readers, 20 s each
    .venv/bin/python benchmarks/bench_api_load.py --readers 50 200 --seconds 15 --workers 1 2
    .venv/bin/python benchmarks/bench_api_load.py --readers 50 --workers 2 --ingest-nice 0 10
    .venv/bin/python benchmarks/bench_api_load.py --readers 50 --seconds 30 --articles 5000 --no-ingest
    .venv/bin/python benchmarks/bench_api_load.py --in-process 500 --from-store /tmp/load.sqlite

The store is a fresh SQLite file filled with ``--articles`` generated records (100,000 quotes at the default
size); the server runs in its own process(es) (``veille serve --workers N``, each ``--workers`` value in
turn), the ingest in another (``veille ingest --records`` of more generated records, in small batches), and
the readers are either wrk's connections (``--client wrk``, the default when wrk is installed: a C client
that leaves the cores to the server) or asyncio tasks of this process with one HTTP connection each
(``--client python``, per-endpoint figures), so the two cores are shared by all three, as on a laptop.
With wrk, each reader count runs twice: searches only (the figure the target is about), then the whole mix.

``--in-process N`` measures instead the CPU of N of those searches sent straight to the app (ASGI calls, no
HTTP, no other process, kept rankings off so that each is ranked): the figure a busy machine blurs least,
to compare two versions of the code in alternating runs.

Each run prints the latency percentiles, the errors, the server's CPU per request (its processes' user +
system time over the requests answered: the figure a busy machine cannot blur), the ingest's pages/s during
the run (``--ingest-nice N`` runs it as ``veille ingest --nice N``; each value in turn) and the load average.
The searches are about 800 different queries (one or two of the commoner made-up words, some quoted as a
phrase, a few with a filter), so no cache of answers or patterns makes it a cache-hit workload.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote_plus

from veille.store import open_store
from veille.store.pgserver import free_port
from veille.store.synthetic import _PEOPLE, _PLACES, generate_articles, vocabulary

VEILLE = str(Path(sys.executable).parent / "veille")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] if values else float("nan")


def fill(db: str, n: int) -> None:
    with open_store(db) as store:
        batch = []
        for art in generate_articles(n, quotes_per_article=20, seed=1):
            batch.append(art)
            if len(batch) == 500:
                store.put_many(batch)
                batch = []
        if batch:
            store.put_many(batch)
        store.optimize()


def requests_mix(rnd: random.Random) -> list[tuple[str, str]]:
    """(endpoint label, path) pairs the readers draw from: what an analyst's screen asks for."""
    words = vocabulary()[0][:300]  # the commoner made-up words, as people search what they read
    out = []
    for i in range(500):
        two = f"{rnd.choice(words)} {rnd.choice(words)}"
        q = f'"{two}"' if i % 10 == 0 else two  # now and then a phrase
        extra = ("&lang=fr" if i % 7 == 0 else "") + ("&sort=date" if i % 11 == 0 else "")
        out.append(("search", f"/api/search?q={quote_plus(q)}{extra}"))
        page = "&offset=20" if i % 5 == 0 else ""
        out.append(("search 1 word", f"/api/search?q={rnd.choice(words)}{page}"))
    for _ in range(200):
        out.append(("articles", f"/api/articles?offset={rnd.randrange(0, 200)}"))
        speaker, place = rnd.choice(_PEOPLE)[2][-1], rnd.choice(_PLACES)[2][-1]
        out.append(("quotes by speaker", f"/api/quotes?speaker={quote_plus(speaker)}"))
        out.append(("entity by name", f"/api/entities?q={quote_plus(place)}"))
    return out


async def reader(client, mix, rnd, stop_at: float, times: dict, errors: dict) -> None:
    while time.monotonic() < stop_at:
        label, path = rnd.choice(mix)
        t0 = time.perf_counter()
        try:
            resp = await client.get(path)
            ok = resp.status_code < 500
        except Exception:  # a refused or dropped connection counts as an error
            ok = False
        took = time.perf_counter() - t0
        (times if ok else errors).setdefault(label, []).append(took)


async def load(base: str, readers: int, seconds: float) -> tuple[dict, dict]:
    import httpx

    times: dict[str, list[float]] = {}
    errors: dict[str, list[float]] = {}
    mix = requests_mix(random.Random(7))
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=readers, max_keepalive_connections=readers)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        await asyncio.gather(*(reader(client, mix, random.Random(i), stop_at, times, errors)
                               for i in range(readers)))
    return times, errors


def wait_up(base: str, timeout: float = 120) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/api/health", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    sys.exit("bench_api_load: the server did not start")


def start_ingest(db: str, tmp: Path, n: int, nice: int, batch: int) -> subprocess.Popen:
    records = tmp / "more.ndjson"
    if not records.exists():
        with records.open("w") as fh:
            for art in generate_articles(n, quotes_per_article=20, seed=99):
                fh.write(art.model_dump_json().replace('"id":"', '"id":"more-', 1) + "\n")
    with open_store(db) as store:  # each run ingests the same new pages, none of them stored yet
        gone = [r[0] for r in store._rows("SELECT id FROM articles WHERE id LIKE 'more-%'")]
        if gone:
            with store._transaction() as cur:
                for article_id in gone:
                    pk = store._rows("SELECT pk FROM articles WHERE id = ?", (article_id,))[0][0]
                    store._delete_article(cur, article_id, pk)
    command = [VEILLE, "ingest", "--records", str(records), "--db", db, "--batch-size", str(batch),
               "--nice", str(nice)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def ingested(db: str) -> int:
    """How many of the ingest's pages are stored (read-only, as a reader would)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60) as conn:
        return conn.execute("SELECT count(*) FROM articles WHERE id LIKE 'more-%'").fetchone()[0]


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` and its descendants (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += times.get(p, 0.0)
        todo += children.get(p, [])
    return total


def in_process(db: str, n: int, tmp: Path) -> None:
    """CPU per search of ``n`` of the mix's searches sent to the app as ASGI calls (after 50 to warm up)."""
    from urllib.parse import urlsplit

    from veille.api import create_app
    from veille.config import Config
    from veille.kb import load_kb
    from veille.store.rankings import RankingCache

    load_kb()
    app = create_app(db=db, config=Config(data_dir=str(tmp)))
    app.state.store._rankings = RankingCache(0)  # every search ranked, as while an ingest commits
    paths = [p for label, p in requests_mix(random.Random(7)) if label.startswith("search")]
    rnd = random.Random(3)
    codes: dict[int, int] = {}

    async def call(path: str) -> None:
        url = urlsplit(path)
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": url.path, "raw_path": url.path.encode(), "root_path": "",
                 "query_string": url.query.encode(), "headers": [(b"host", b"127.0.0.1")],
                 "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}

        async def receive() -> dict:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start":
                codes[message["status"]] = codes.get(message["status"], 0) + 1

        await app(scope, receive, send)

    async def run() -> float:
        for path in paths[:50]:
            await call(path)
        codes.clear()
        todo = [rnd.choice(paths) for _ in range(n)]
        t0 = time.process_time()
        for path in todo:
            await call(path)
        return time.process_time() - t0

    cpu = asyncio.run(run())
    print(f"in process: {cpu / n * 1000:.2f} ms CPU per search over {n} searches; statuses {codes}; "
          f"load {os.getloadavg()[0]:.2f}")
    app.state.store.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="veille serve --workers")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--articles", type=int, default=5000, help="articles in the store (20 quotes each)")
    parser.add_argument("--no-ingest", action="store_true", help="readers only, no concurrent ingest")
    parser.add_argument("--ingest-nice", type=int, nargs="+", default=[0, 10],
                        help="veille ingest --nice N for the concurrent ingest (each value in turn)")
    parser.add_argument("--ingest-batch", type=int, default=20,
                        help="veille ingest --batch-size: pages per commit (each commit drops the readers' "
                             "cached rankings; smaller batches also give a finer pages/s)")
    parser.add_argument("--client", choices=["wrk", "python"],
                        default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--from-store", metavar="PATH", help="copy this store (filled by an earlier run's "
                        "--keep-store) instead of filling a new one")
    parser.add_argument("--keep-store", metavar="PATH", help="copy the filled store here for later runs")
    parser.add_argument("--only", choices=["search", "mix"], help="with wrk: only this run of each pair")
    parser.add_argument("--in-process", type=int, metavar="N",
                        help="instead of the load runs: the CPU of N searches sent straight to the app")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = str(tmp / "load.sqlite")
        t0 = time.perf_counter()
        if args.from_store:
            shutil.copyfile(args.from_store, db)
        else:
            fill(db, args.articles)
        if args.keep_store:
            shutil.copyfile(db, args.keep_store)
        took = time.perf_counter() - t0
        with open_store(db) as store:
            print(f"store: {store.count_articles()} articles ready in {took:.0f} s; client: {args.client}; "
                  f"load before: {os.getloadavg()[0]:.2f}")
        if args.in_process:
            in_process(db, args.in_process, tmp)
            return
        for workers in args.workers:
            port = free_port()
            command = [VEILLE, "serve", "--db", db, "--port", str(port), "--workers", str(workers)]
            server = subprocess.Popen(command,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      env={**os.environ, "VEILLE_DATA_DIR": str(tmp)})
            base = f"http://127.0.0.1:{port}"
            try:
                wait_up(base)
                for n in args.readers:
                    runs = [("search", "search"), ("mix", None)] if args.client == "wrk" else [("mix", None)]
                    runs = [r for r in runs if args.only in (None, r[0])]
                    for nice in [None] if args.no_ingest else args.ingest_nice:
                        for what, only in runs:
                            one_run(args, db, tmp, base, server.pid, workers, n, what, only, nice)
            finally:
                server.terminate()
                server.wait()


def one_run(args, db: str, tmp: Path, base: str, server_pid: int, workers: int, readers: int, what: str,
            only: str | None, nice: int | None) -> None:
    """One load run (with its ingest when ``nice`` is not None): prints its figures."""
    ingest = None if nice is None else start_ingest(db, tmp, 2000, nice, args.ingest_batch)
    if ingest:  # the readers start with the ingest's first stored batch: its start-up (models, the stories
        deadline = time.monotonic() + 300  # encoder) is not what they compete with
        while ingested(db) == 0 and ingest.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
    head = (f"\n{workers} worker{'s' if workers > 1 else ''}, {readers} readers, {what}, {args.seconds:g} s"
            + (f" during an ingest (nice {nice}, batches of {args.ingest_batch})" if ingest else ""))
    stored, cpu0, t0 = ingested(db), cpu_seconds(server_pid), time.monotonic()
    if args.client == "wrk":
        line, answered = wrk_load(base, readers, args.seconds, tmp, only)
    else:
        times, errors = asyncio.run(load(base, readers, args.seconds))
        line, answered = "", sum(len(v) for v in [*times.values(), *errors.values()])
    cpu, wall = cpu_seconds(server_pid) - cpu0, time.monotonic() - t0
    rate = (ingested(db) - stored) / wall
    if ingest:
        ingest.kill()
        ingest.wait()
    extra = (f"server CPU {cpu / max(answered, 1) * 1000:.1f} ms/request"
             + (f"; ingest {rate:.1f} pages/s" if ingest else "") + f"; load {os.getloadavg()[0]:.2f}")
    if args.client == "wrk":
        print(f"{head}: {line}; {extra}")
    else:
        print(head)
        report(times, errors, args.seconds)
        print(extra)


def wrk_load(base: str, readers: int, seconds: float, tmp: Path, only: str | None) -> tuple[str, int]:
    """wrk over the request mix (or the part of it whose label starts with ``only``): one line of figures
    and how many requests were answered."""
    paths = [p for label, p in requests_mix(random.Random(7)) if only is None or label.startswith(only)]
    script = tmp / "paths.lua"
    script.write_text("paths = {" + ",".join(f'"{p}"' for p in paths) + "}\n"
                      "request = function() return wrk.format(nil, paths[math.random(#paths)]) end\n"
                      "done = function(summary, latency, requests)\n"
                      "  for _, p in ipairs({50, 95, 99}) do io.write(string.format('P%d %d\\n', p, "
                      "latency:percentile(p))) end\n"
                      "end\n")
    run = subprocess.run(["wrk", f"-t{min(2, readers)}", f"-c{readers}", f"-d{seconds:g}s",
                          "--timeout", "30s", "--latency", "-s", str(script), base + "/"],
                         capture_output=True, text=True)
    if run.returncode:
        return f"wrk failed: {run.stderr.strip() or run.stdout.strip()}", 0
    out = run.stdout
    pcts = {p: f"{int(us) / 1000:.0f} ms" for p, us in re.findall(r"^P(\d+) (\d+)$", out, re.M)}
    rate = re.search(r"Requests/sec:\s+(\S+)", out)
    total = re.search(r"(\d+) requests in", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: (.*)", out)
    return (f"{float(rate.group(1)) if rate else 0:.0f} requests/s; p50 {pcts.get('50')}, "
            f"p95 {pcts.get('95')}, p99 {pcts.get('99')}; errors: {bad.group(1) if bad else 0} non-2xx"
            f"{', socket ' + sock.group(1) if sock else ''}"), int(total.group(1)) if total else 0


def report(times: dict, errors: dict, seconds: float) -> None:
    total = sum(len(v) for v in times.values())
    print(f"{total / seconds:.0f} requests/s, {sum(len(v) for v in errors.values())} errors")
    print(f"{'endpoint':20} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for label in sorted(set(times) | set(errors)):
        v = times.get(label, [])
        print(f"{label:20} {len(v):>6} {pct(v, 50) * 1000:8.0f} {pct(v, 95) * 1000:8.0f} "
              f"{pct(v, 99) * 1000:8.0f} {len(errors.get(label, [])):>7}")
    every = [t for v in times.values() for t in v]
    print(f"{'all':20} {len(every):>6} {pct(every, 50) * 1000:8.0f} {pct(every, 95) * 1000:8.0f} "
          f"{pct(every, 99) * 1000:8.0f}  median {statistics.median(every) * 1000 if every else 0:.0f} ms")


if __name__ == "__main__":
    main()
