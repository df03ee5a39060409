"""An invented newsroom for the source, fetch and watch tests: HTML pages made from the synthetic store's
invented texts, an RSS feed, an Atom feed, sitemaps, a gzipped WARC of pages, and a local HTTP server
(threads, 127.0.0.1, never the internet) whose hosts misbehave on purpose: slow, failing, looping, oversized.
"""

from __future__ import annotations

import gzip
import html
import io
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from veille.store.synthetic import generate_pages


def html_pages(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """(slug, HTML) for ``n`` invented French news pages, each a title and a few paragraphs."""
    out = []
    for i, (_, text) in enumerate(generate_pages(n, seed=seed)):
        title, *paras = [p for p in text.split("\n\n") if p.strip()]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        page = (f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>{html.escape(title)}"
                f"</title></head><body><nav><a href='/'>Accueil</a></nav><article><h1>{html.escape(title)}"
                f"</h1>{body}</article><footer>Le Courrier inventé</footer></body></html>")
        out.append((f"articles/{i:03d}", page))
    return out


_SYLLABLES = ("bra", "ven", "cas", "tel", "dor", "nac", "mi", "val", "fau", "que", "gil", "mar", "hos", "tav",
              "iru", "sac", "ren", "bou", "zer", "lin")


def invented_name(i: int, part: int) -> str:
    """A capitalised word no model has seen, different for every (i, part): "Bravencas", "Teldornac"…"""
    n, word = i * 8 + part + 20, ""  # parts 0–7 of page i: eight numbers no other (i, part) takes
    while n:
        n, k = divmod(n, len(_SYLLABLES))
        word += _SYLLABLES[k]
    return word.capitalize()


def new_word_pages(n: int, start: int = 0) -> list[tuple[str, str]]:
    """(slug, HTML) for ``n`` invented French dispatches whose people, towns, firms and figures are new on
    every page: what a long watch meets, and what would grow a vocabulary kept outside memory zones."""
    out = []
    for i in range(start, start + n):
        who, town, firm = (f"{invented_name(i, 1)} {invented_name(i, 2)}", invented_name(i, 3),
                           f"{invented_name(i, 4)} SA")
        title = f"{town} : le conseil vote le budget de l'école {invented_name(i, 5)}"
        paras = [f"{town.upper()} — Le conseil municipal de {town} a voté mardi un budget de {1000 + i * 37} "
                 f"euros pour rénover l'école {invented_name(i, 5)}, confiée à l'entreprise {firm}.",
                 f"« Nous attendions ce vote depuis {i % 40 + 3} ans », a déclaré {who}, maire de {town}.",
                 f"Les travaux commenceront le {1 + i % 28} mars, selon {invented_name(i, 6)} "
                 f"{invented_name(i, 7)}, directeur de {firm}."]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        out.append((f"dispatch/{i:05d}", f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>"
                    f"{html.escape(title)}</title></head><body><article><h1>{html.escape(title)}</h1>{body}"
                    "</article></body></html>"))
    return out


def rss(base: str, slugs: list[str]) -> bytes:
    items = "".join(f"<item><title>Article {s}</title><link>{base}/{s}</link>"
                    f"<pubDate>Tue, 0{1 + i % 9} Mar 2026 08:00:00 GMT</pubDate></item>"
                    for i, s in enumerate(slugs))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Le Courrier inventé</title>"
            f"<link>{base}/</link>{items}</channel></rss>").encode()


def atom(base: str, slugs: list[str]) -> bytes:
    entries = "".join(f"<entry><title>Article {s}</title><id>urn:x:{s}</id><link href='/{s}'/>"
                      "<updated>2026-03-01T08:00:00Z</updated></entry>" for s in slugs)
    return (f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom' xml:base='{base}/'>"
            f"<title>Inventé</title>{entries}</feed>").encode()


def sitemap(base: str, slugs: list[str], news: bool = False) -> bytes:
    ns = " xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'" if news else ""
    urls = "".join(f"<url><loc>{base}/{s}</loc>" + (
        f"<news:news><news:publication_date>2026-03-02</news:publication_date><news:title>T {s}"
        "</news:title></news:news>" if news else "<lastmod>2026-03-02</lastmod>") + "</url>" for s in slugs)
    return (f"<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'"
            f"{ns}>{urls}</urlset>").encode()


def sitemap_index(urls: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return (f"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{items}"
            "</sitemapindex>").encode()


def write_warc(path: Path, pages: list[tuple[str, str]], extra_records: bool = True,
               base: str = "https://courrier.example") -> Path:
    """A gzipped WARC the way CC-NEWS ships one: a warcinfo record, then for each page a request and a
    response record (HTTP headers, HTML body, WARC-Date); with ``extra_records`` also a 404, an image and a
    gzip-encoded page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests/newsroom.py"}))

        def response(url: str, body: bytes, status: str = "200 OK", ctype: str = "text/html; charset=utf-8",
                     encoding: str | None = None) -> None:
            headers = [("Content-Type", ctype), ("Content-Length", str(len(body)))]
            if encoding:
                headers.append(("Content-Encoding", encoding))
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(req)
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                            warc_headers_dict={"WARC-Date": "2026-03-02T10:00:00Z"})
            writer.write_record(rec)

        for slug, page in pages:
            response(f"{base}/{slug}", page.encode())
        if extra_records:
            response(f"{base}/missing", b"<html>gone</html>", status="404 Not Found")
            response(f"{base}/logo.png", b"\x89PNG\r\n", ctype="image/png")
            slug, page = pages[0]
            response(f"{base}/{slug}-gz", gzip.compress(page.encode()), encoding="gzip")
    return path


@dataclass
class Route:
    """What the server answers on one path: a body, or a function of the request handler."""

    body: bytes = b""
    ctype: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    delay: float = 0.0
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


@dataclass
class Newsroom:
    """A local HTTP server on 127.0.0.1 that logs every request (path and headers) it is sent."""

    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, dict[str, str], float]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def hits(self, path: str) -> list[dict[str, str]]:
        """The headers of every request for ``path``, in arrival order."""
        return [h for p, h, _ in self.log if p == path]

    def times(self, path: str | None = None) -> list[float]:
        """When requests (for ``path``, or any but robots.txt) arrived (time.monotonic)."""
        return [t for p, _, t in self.log if p == path or (path is None and p != "/robots.txt")]

    def start(self) -> Newsroom:
        room = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                room.log.append((self.path, dict(self.headers.items()), time.monotonic()))
                route = room.routes.get(self.path)
                if route is None:
                    return self.answer(404, b"not here", "text/plain")
                if route.delay:
                    time.sleep(route.delay)
                if route.handler:
                    return route.handler(self)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    return self.answer(304, b"", route.ctype, etag=route.etag)
                self.answer(route.status, route.body, route.ctype, etag=route.etag)

            def answer(self, status: int, body: bytes, ctype: str, etag: str | None = None,
                       headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Date", formatdate(usegmt=True))
                if etag:
                    self.send_header("ETag", etag)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                if status != 304:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass

            def log_message(self, *args) -> None:  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def write_arc(path: Path, pages: list[tuple[str, str]], base: str = "https://arc.example") -> Path:
    """A gzipped ARC (version 1, the Internet Archive's format before WARC): a filedesc record, then one
    record per page holding the HTTP response, each record its own gzip member."""
    desc = b"1 0 Veille tests\nURL IP-address Archive-date Content-type Archive-length\n"
    records = [b"filedesc://%s 0.0.0.0 20260302100000 text/plain %d\n" % (path.name.encode(), len(desc))
               + desc + b"\n"]
    for slug, page in pages:
        body = page.encode()
        http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        records.append(b"%s/%s 192.0.2.1 20260302100000 text/html %d\n" % (base.encode(), slug.encode(),
                                                                             len(http)) + http + b"\n")
    path.write_bytes(b"".join(gzip.compress(r) for r in records))
    return path
