"""The polite fetcher against a local HTTP server (threads, 127.0.0.1): timeouts, retries with backoff,
redirect loops, size limits, robots.txt, conditional GET and the per-host rate limit."""

from __future__ import annotations

import time

import pytest

from newsroom import Newsroom, Route
from veille.errors import ConfigError
from veille.fetch import REASONS, Fetcher, FetchPolicy


def quick(**kw) -> FetchPolicy:
    """A policy for tests: short limits, no politeness delay unless a test asks for one."""
    base = dict(timeout=2.0, connect_timeout=1.0, retries=0, backoff=0.05, host_delay=0.0,
                user_agent="veille-test/1.0")
    return FetchPolicy(**{**base, **kw})


@pytest.fixture
def room():
    r = Newsroom().start()
    r.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n\nUser-agent: veille-test\n"
                                    b"Disallow: /private/\nDisallow: /not-for-bots\n", "text/plain")
    yield r
    r.stop()


def test_a_page_is_fetched_with_our_user_agent_and_its_validators(room):
    room.routes["/a"] = Route(b"<html><p>Bonjour</p></html>", etag='"v1"')
    res = Fetcher(quick()).fetch(room.base + "/a")
    assert res.ok and res.body == b"<html><p>Bonjour</p></html>" and res.media_type == "text/html"
    assert res.etag == '"v1"' and res.attempts == 1
    assert room.hits("/a")[0]["User-Agent"] == "veille-test/1.0"


def test_a_slow_host_times_out_with_a_reason(room):
    room.routes["/slow"] = Route(b"late", delay=3.0)
    t0 = time.monotonic()
    res = Fetcher(quick(timeout=0.5)).fetch(room.base + "/slow")
    assert (res.status, res.reason) == ("failed", "timeout")
    assert time.monotonic() - t0 < 2.0
    assert "0.5 s" in res.message


def test_a_failing_host_is_retried_with_growing_pauses_until_it_answers(room):
    calls = []

    def flaky(handler):
        calls.append(time.monotonic())
        if len(calls) < 3:
            return handler.answer(503, b"down", "text/plain")
        handler.answer(200, b"<html>back</html>", "text/html")

    room.routes["/flaky"] = Route(handler=flaky)
    res = Fetcher(quick(retries=3, backoff=0.1)).fetch(room.base + "/flaky")
    assert res.ok and res.attempts == 3 and res.body == b"<html>back</html>"
    assert calls[1] - calls[0] >= 0.09 and calls[2] - calls[1] >= 0.19  # 0.1 s, then doubled


def test_a_host_that_keeps_failing_is_given_up_after_the_retries(room):
    room.routes["/broken"] = Route(b"oops", "text/plain", status=500)
    res = Fetcher(quick(retries=2, backoff=0.01)).fetch(room.base + "/broken")
    assert (res.status, res.reason, res.http_status, res.attempts) == ("failed", "http_5xx", 500, 3)
    assert len(room.hits("/broken")) == 3


def test_a_404_is_not_retried(room):
    res = Fetcher(quick(retries=3)).fetch(room.base + "/nowhere")
    assert (res.reason, res.http_status, res.attempts) == ("http_4xx", 404, 1)


def test_retry_after_is_honoured_up_to_the_cap(room):
    calls = []

    def busy(handler):
        calls.append(time.monotonic())
        if len(calls) == 1:
            return handler.answer(429, b"", "text/plain", headers={"Retry-After": "30"})
        handler.answer(200, b"ok", "text/html")

    room.routes["/busy"] = Route(handler=busy)
    res = Fetcher(quick(retries=1, backoff=0.01, max_backoff=0.4)).fetch(room.base + "/busy")
    assert res.ok and 0.35 <= calls[1] - calls[0] < 5  # waited, but never the 30 s asked


def test_a_redirect_loop_is_detected(room):
    room.routes["/loop-a"] = Route(status=302, handler=lambda h: h.answer(302, b"", "text/html",
                                                                          headers={"Location": "/loop-b"}))
    room.routes["/loop-b"] = Route(handler=lambda h: h.answer(301, b"", "text/html",
                                                              headers={"Location": "/loop-a"}))
    res = Fetcher(quick()).fetch(room.base + "/loop-a")
    assert res.reason == "redirect_loop" and res.redirects == [room.base + "/loop-b"]


def test_a_redirect_chain_longer_than_the_limit_is_stopped(room):
    for i in range(6):
        room.routes[f"/hop{i}"] = Route(handler=lambda h, i=i: h.answer(302, b"", "text/html",
                                                                        headers={"Location": f"/hop{i + 1}"}))
    room.routes["/hop6"] = Route(b"<html>end</html>")
    assert Fetcher(quick(max_redirects=3)).fetch(room.base + "/hop0").reason == "too_many_redirects"
    res = Fetcher(quick(max_redirects=6)).fetch(room.base + "/hop0")
    assert res.ok and res.final_url == room.base + "/hop6" and len(res.redirects) == 6


def test_an_oversized_body_is_refused_whether_declared_or_streamed(room):
    room.routes["/big"] = Route(b"<p>" + b"x" * 5000 + b"</p>")

    def undeclared(handler):  # no Content-Length: the body ends when the connection closes
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        for _ in range(50):
            handler.wfile.write(b"y" * 1000)
        handler.close_connection = True

    room.routes["/stream"] = Route(handler=undeclared)
    fetcher = Fetcher(quick(max_bytes=2000))
    declared, streamed = fetcher.fetch(room.base + "/big"), fetcher.fetch(room.base + "/stream")
    assert (declared.reason, streamed.reason) == ("too_large", "too_large")
    assert declared.body == b"" and "2,000" in streamed.message


def test_robots_txt_disallow_is_obeyed_without_asking_for_the_page(room):
    room.routes["/private/memo"] = Route(b"secret")
    room.routes["/not-for-bots"] = Route(b"no")
    room.routes["/public"] = Route(b"<html>yes</html>")
    fetcher = Fetcher(quick())
    assert fetcher.fetch(room.base + "/private/memo").reason == "robots"
    assert fetcher.fetch(room.base + "/not-for-bots").reason == "robots"  # the group for our agent
    assert fetcher.fetch(room.base + "/public").ok
    assert room.hits("/private/memo") == [] and room.hits("/not-for-bots") == []
    assert len(room.hits("/robots.txt")) == 1  # read once, kept
    [state] = fetcher.host_states()
    assert state.robots_status == 200 and "Disallow" in (state.robots or "")


def test_a_missing_robots_txt_allows_everything_and_an_erroring_one_nothing(room):
    del room.routes["/robots.txt"]
    room.routes["/a"] = Route(b"<html>a</html>")
    assert Fetcher(quick()).fetch(room.base + "/a").ok
    room.routes["/robots.txt"] = Route(b"", status=503)
    res = Fetcher(quick()).fetch(room.base + "/a")
    assert res.reason == "robots_unavailable" and "HTTP 503" in res.message
    assert len(room.hits("/a")) == 1  # only the first fetcher's request reached the page


def test_a_conditional_get_answered_304_is_not_modified(room):
    room.routes["/feed"] = Route(b"<rss/>", "application/rss+xml", etag='"abc"')
    fetcher = Fetcher(quick())
    first = fetcher.fetch(room.base + "/feed")
    second = fetcher.fetch(room.base + "/feed", etag=first.etag)
    assert first.ok and second.status == "not_modified" and second.body == b""
    assert room.hits("/feed")[1]["If-None-Match"] == '"abc"'


def test_requests_to_one_host_are_spaced_by_the_host_delay(room):
    for i in range(4):
        room.routes[f"/p{i}"] = Route(b"<html>p</html>")
    fetcher = Fetcher(quick(host_delay=0.25, concurrency=4, host_concurrency=4))
    results = list(fetcher.fetch_many((f"{room.base}/p{i}", None, None) for i in range(4)))
    assert all(r.ok for r in results)
    times = sorted(room.times())
    assert all(b - a >= 0.23 for a, b in zip(times, times[1:], strict=False))


def test_a_bad_url_or_policy_is_refused_with_a_reason():
    assert Fetcher(quick()).fetch("ftp://example.org/x").reason == "bad_url"
    assert set(REASONS) >= {"timeout", "robots", "redirect_loop", "too_large", "http_5xx"}
    with pytest.raises(ConfigError, match="max_bytes"):
        FetchPolicy(max_bytes=0)


def test_a_new_host_is_asked_for_robots_txt_once_by_concurrent_requests(room):
    for i in range(6):
        room.routes[f"/c{i}"] = Route(b"<html>c</html>")
    fetcher = Fetcher(quick(concurrency=6, host_concurrency=3))
    assert all(r.ok for r in fetcher.fetch_many((f"{room.base}/c{i}", None, None) for i in range(6)))
    assert len(room.hits("/robots.txt")) == 1


def test_a_crawl_delay_in_robots_txt_spaces_requests(room):
    # whole seconds: urllib.robotparser reads no fractional Crawl-delay
    room.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 1\n", "text/plain")
    for i in range(2):
        room.routes[f"/d{i}"] = Route(b"<html>d</html>")
    fetcher = Fetcher(quick(concurrency=2, host_concurrency=2))
    assert all(r.ok for r in fetcher.fetch_many((f"{room.base}/d{i}", None, None) for i in range(2)))
    first, second = sorted(room.times())
    assert second - first >= 0.95


def test_a_refused_connection_is_a_connection_failure():
    from veille.store.pgserver import free_port

    res = Fetcher(quick(obey_robots=False)).fetch(f"http://127.0.0.1:{free_port()}/x")
    assert (res.status, res.reason) == ("failed", "connection")


def test_a_small_gzip_that_inflates_past_the_limit_is_stopped(room):
    import gzip

    bomb = gzip.compress(b"\0" * 3_000_000)
    room.routes["/bomb"] = Route(handler=lambda h: h.answer(200, bomb, "text/html",
                                                             headers={"Content-Encoding": "gzip"}))
    res = Fetcher(quick(max_bytes=100_000)).fetch(room.base + "/bomb")
    assert len(bomb) < 100_000 and res.reason == "too_large"
