"""Sources at scale, without the analysis: how fast pages come out of a gzipped WARC, how fast the polite
fetcher fetches from a local server (no delay, and with a per-host delay, to show the limit holds), and how
fast the watch frontier takes a sitemap's worth of links in SQLite.

Not collected by pytest. Run it from the repository root::

    .venv/bin/python benchmarks/bench_sources.py                 # 2,000 WARC pages, 400 fetches, 50,000 links
    .venv/bin/python benchmarks/bench_sources.py --pages 500 --fetches 100 --links 10000

Pages are the synthetic store's invented texts wrapped in HTML; the server is a threaded ``http.server`` on
127.0.0.1 in this process (it shares the cores with the fetcher, as a laptop would).
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from veille.fetch import Fetcher, FetchPolicy
from veille.sources import Source, read_sources
from veille.store import open_store
from veille.store.synthetic import generate_pages
from veille.watch import frontier_page


def page_html(n: int) -> list[bytes]:
    out = []
    for _, text in generate_pages(n, seed=11):
        title, *paras = [p for p in text.split("\n\n") if p.strip()]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        out.append(f"<html><head><title>{html.escape(title)}</title></head><body><article><h1>"
                   f"{html.escape(title)}</h1>{body}</article></body></html>".encode())
    return out


def bench_warc(pages: list[bytes], folder: Path) -> str:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = folder / "bench.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, body in enumerate(pages):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://bench.example/{i}", "response",
                                                          payload=io.BytesIO(body), http_headers=http))
    t0 = time.perf_counter()
    n = sum(isinstance(item, Source) for item in read_sources([str(path)]))
    dt = time.perf_counter() - t0
    size = path.stat().st_size / 1e6
    return f"WARC read: {n} pages from {size:.1f} MB gzipped in {dt:.2f} s = {n / dt:,.0f} pages/s"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    body = b""

    def do_GET(self) -> None:  # noqa: N802
        data = gzip.compress(self.body) if "gzip" in self.headers.get("Accept-Encoding", "") else self.body
        self.send_response(404 if self.path == "/robots.txt" else 200)
        self.send_header("Content-Type", "text/html")
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def bench_fetch(body: bytes, n: int, delay: float) -> str:
    _Handler.body = body
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    fetcher = Fetcher(FetchPolicy(host_delay=delay, host_concurrency=8, concurrency=8, retries=0))
    t0 = time.perf_counter()
    ok = sum(r.ok for r in fetcher.fetch_many((f"{base}/p{i}", None, None) for i in range(n)))
    dt = time.perf_counter() - t0
    server.shutdown()
    server.server_close()
    return (f"fetch, one host, host delay {delay:g} s: {ok}/{n} pages in {dt:.2f} s = "
            f"{n / dt:,.1f} requests/s" + (f" (the limit allows {1 / delay:,.1f}/s)" if delay else ""))


def bench_frontier(n: int, folder: Path) -> str:
    store = open_store(str(folder / "frontier.sqlite"))
    links = [frontier_page(f"https://bench.example/2026/03/{i}.html", "https://bench.example/sitemap.xml")
             for i in range(n)]
    t0 = time.perf_counter()
    added = store.frontier_add(links)  # type: ignore[attr-defined]
    t1 = time.perf_counter()
    again = store.frontier_add(links)  # type: ignore[attr-defined]
    t2 = time.perf_counter()
    queued = store.frontier_queued(limit=16)  # type: ignore[attr-defined]
    t3 = time.perf_counter()
    store.close()
    return (f"frontier (SQLite): {added:,} new links in {t1 - t0:.2f} s, the same {n:,} again ({again} new) "
            f"in {t2 - t1:.2f} s, next batch of {len(queued)} in {(t3 - t2) * 1000:.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--fetches", type=int, default=400)
    ap.add_argument("--links", type=int, default=50_000)
    args = ap.parse_args()
    pages = page_html(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(bench_warc(pages, folder))
        print(bench_fetch(pages[0], args.fetches, 0.0))
        print(bench_fetch(pages[0], 20, 0.05))
        print(bench_frontier(args.links, folder))


if __name__ == "__main__":
    main()
