"""The HTTP side of the fetcher, on urllib3.

Why urllib3: it is already a core dependency (trafilatura fetches with it), its PoolManager is thread-safe
and keeps connections per host, it separates connect and read timeouts, streams bodies (so the size limit
stops a download early) and lets redirects and retries be turned off, so that veille applies its own rules
(robots.txt on every hop, loop detection, backoff with Retry-After) and records why each request failed.
httpx would do as well, but would be a new core dependency for the same features.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import urllib3

from ..readers.lists import is_http_url
from . import robots
from .hosts import HostGate, HostState
from .policy import FetchPolicy
from .result import FetchResult

_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 1 << 16


class _Failure(Exception):
    """A failed attempt: a reason of REASONS, a message, and a pause the server asked for."""

    def __init__(self, reason: str, message: str, retry_after: float | None = None,
                 http_status: int | None = None):
        super().__init__(message)
        self.reason, self.message = reason, message
        self.retry_after, self.http_status = retry_after, http_status


class Fetcher:
    """Fetches URLs politely (see ``veille.fetch``). Thread-safe; ``fetch_many`` runs requests in threads.

    ``hosts`` seeds what is known of hosts (their robots.txt, a back-off), as kept by ``veille watch``;
    ``host_states()`` gives it back, updated, to be kept again.
    """

    def __init__(self, policy: FetchPolicy | None = None, hosts: Iterable[HostState] = ()):
        self.policy = policy or FetchPolicy()
        self._pool = urllib3.PoolManager(num_pools=64, maxsize=self.policy.host_concurrency, retries=False)
        # given with every request: a request's own headers replace the pool's instead of adding to them
        self._headers = {"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"}
        self._lock = threading.Lock()
        self._states: dict[str, HostState] = {h.host: h for h in hosts}
        self._gates: dict[str, HostGate] = {}
        self._rules: dict[str, RobotFileParser] = {}
        self._robots_locks: dict[str, threading.Lock] = {}

    # -- public ------------------------------------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` following redirects; conditional when ``etag``/``last_modified`` are given."""
        if not is_http_url(url):
            return FetchResult(url, "failed", reason="bad_url",
                               message=f"not an absolute http(s) URL: {url!r}")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result = FetchResult(url, "failed")
        current, seen = url, {_visit_key(url)}
        while True:
            if self.policy.obey_robots and not self._allowed(current):
                status = self._state(_host(current)).robots_status or 0
                if 200 <= status < 500:
                    return _failed(result, "robots", f"robots.txt of {_host(current)} disallows {current}")
                answer = f"HTTP {status}" if status else "no answer"
                return _failed(result, "robots_unavailable", f"robots.txt of {_host(current)} could not be "
                               f"read ({answer}): the host is left alone for now")
            try:
                status, head, body = self._with_retries(current, headers, result)
            except _Failure as fail:
                result.http_status = fail.http_status
                return _failed(result, fail.reason, fail.message)
            result.final_url, result.http_status = current, status
            location = head.get("location")
            if status in _REDIRECTS and location:
                target = urljoin(current, location.strip())
                if _visit_key(target) in seen:
                    return _failed(result, "redirect_loop", f"{current} redirects back to {target}, already "
                                   f"visited (after {len(result.redirects)} redirect(s))")
                if len(result.redirects) >= self.policy.max_redirects:
                    return _failed(result, "too_many_redirects",
                                   f"more than {self.policy.max_redirects} redirects from {url}")
                if not is_http_url(target):
                    return _failed(result, "bad_url", f"{current} redirects to {target!r}, not http(s)")
                result.redirects.append(target)
                seen.add(_visit_key(target))
                current = target
                continue
            return _answer(result, status, head, body)

    def fetch_many(self, requests: Iterable[tuple[str, str | None, str | None]]) -> Iterator[FetchResult]:
        """Fetch (url, etag, last_modified) requests in threads, ``policy.concurrency`` at a time, each
        host kept to its own limits; results come as they finish."""
        window = self.policy.concurrency * 2
        pool = ThreadPoolExecutor(max_workers=self.policy.concurrency, thread_name_prefix="veille-fetch")
        try:
            pending: set[Future[FetchResult]] = set()
            for url, etag, modified in requests:
                pending.add(pool.submit(self.fetch, url, etag=etag, last_modified=modified))
                if len(pending) >= window:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from (f.result() for f in done)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in done)
        finally:  # on Ctrl-C (or a caller that stops reading) the queued requests are dropped, not waited for
            pool.shutdown(wait=False, cancel_futures=True)

    def remember(self, hosts: Iterable[HostState]) -> None:
        """Take what an earlier run knew of these hosts (hosts already seen in this run are kept)."""
        with self._lock:
            for state in hosts:
                self._states.setdefault(state.host, state)

    def host_states(self) -> list[HostState]:
        with self._lock:
            return list(self._states.values())

    def close(self) -> None:
        self._pool.clear()

    # -- politeness --------------------------------------------------------------------------------
    def _state(self, host: str) -> HostState:
        with self._lock:
            if host not in self._states:
                self._states[host] = HostState(host)
            return self._states[host]

    def _gate(self, host: str) -> HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = HostGate(self.policy.host_delay, self.policy.host_concurrency)
                state = self._states.get(host)
                if state and state.backoff_until > time.time():  # a Retry-After from an earlier run
                    gate.push_back(time.monotonic() + state.backoff_until - time.time())
            return gate

    def _allowed(self, url: str) -> bool:
        host = _host(url)
        state = self._state(host)
        with self._lock:
            robots_lock = self._robots_locks.setdefault(host, threading.Lock())
        with robots_lock:  # the first requests to a new host wait for one robots.txt fetch, not one each
            return self._rules_for(url, host, state).can_fetch(self.policy.user_agent, url)

    def _rules_for(self, url: str, host: str, state: HostState) -> RobotFileParser:
        with self._lock:
            rules = self._rules.get(host)
        if rules is None or not robots.is_fresh(state, self.policy.robots_ttl):
            if not robots.is_fresh(state, self.policy.robots_ttl):
                self._fetch_robots(url, state)
            rules = robots.rules_from_state(state)
            delay = robots.crawl_delay(rules, self.policy.user_agent)
            if delay is not None:
                gate = self._gate(host)
                gate.delay = max(gate.delay, delay)
            with self._lock:
                self._rules[host] = rules
        return rules

    def _fetch_robots(self, url: str, state: HostState) -> None:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        text, status = None, 0
        try:
            for _ in range(self.policy.max_redirects + 1):  # robots.txt may redirect (to https, to www.)
                status, head, body = self._with_retries(robots_url, {}, FetchResult(robots_url, "failed"))
                if status in _REDIRECTS and head.get("location"):
                    robots_url = urljoin(robots_url, head["location"])
                    continue
                break
            if 200 <= status < 300:
                text = body.decode("utf-8", "replace")
        except _Failure as fail:
            status = fail.http_status or 0
        state.robots, state.robots_status, state.robots_fetched_at = text, status, time.time()

    # -- requests ----------------------------------------------------------------------------------
    def _with_retries(self, url: str, headers: dict[str, str],
                      result: FetchResult) -> tuple[int, dict[str, str], bytes]:
        """One request, tried again on timeouts, connection errors, 429 and 5xx with growing pauses."""
        host = _host(url)
        gate, state = self._gate(host), self._state(host)
        for attempt in range(self.policy.retries + 1):
            result.attempts += 1
            state.requests += 1
            try:
                with gate.turn():
                    return self._once(url, headers)
            except _Failure as fail:
                state.failures += 1
                retryable = fail.reason in ("timeout", "connection", "http_5xx", "http_429")
                if not retryable or attempt == self.policy.retries:
                    raise
                pause = min(self.policy.backoff * 2 ** attempt, self.policy.max_backoff)
                if fail.retry_after is not None:
                    pause = min(max(pause, fail.retry_after), self.policy.max_backoff)
                    gate.push_back(time.monotonic() + pause)  # every request to the host waits, not just this
                    state.backoff_until = time.time() + pause
                time.sleep(pause)
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        policy = self.policy
        deadline = time.monotonic() + policy.timeout
        timeout = urllib3.Timeout(connect=min(policy.connect_timeout, policy.timeout), read=policy.timeout)
        try:
            resp = self._pool.request("GET", url, headers={**self._headers, **headers}, redirect=False,
                                      retries=False, preload_content=False, timeout=timeout)
        except urllib3.exceptions.NewConnectionError as exc:  # refused, unreachable, no such host; urllib3
            # makes it a ConnectTimeoutError too, for backward compatibility, so it is caught first
            raise _Failure("connection", f"connection failed ({_first_line(exc)})") from exc
        except urllib3.exceptions.TimeoutError as exc:
            raise _Failure("timeout", f"no answer within {policy.timeout:g} s") from exc
        except urllib3.exceptions.HTTPError as exc:
            raise _Failure("connection", f"connection failed ({_first_line(exc)})") from exc
        whole = False
        try:
            head = {k.lower(): v for k, v in resp.headers.items()}
            status = resp.status
            if status == 429 or status >= 500:
                kind = "http_429" if status == 429 else "http_5xx"
                raise _Failure(kind, f"HTTP {status}", _retry_after(head.get("retry-after")), status)
            if status >= 400:
                raise _Failure("http_4xx", f"HTTP {status}", http_status=status)
            if status in _REDIRECTS or status == 304:
                return status, head, b""
            body = self._read_body(url, resp, head, deadline)
            whole = True
            return status, head, body
        finally:
            if not whole:  # a body left unread would be read as the next answer on a reused connection
                resp.close()
            resp.release_conn()

    def _read_body(self, url: str, resp, head: dict[str, str], deadline: float) -> bytes:
        limit = self.policy.max_bytes
        declared = head.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            resp.close()
            raise _Failure("too_large",
                           f"body is {int(declared):,} bytes, over the limit of {limit:,}")
        chunks, size = [], 0
        try:
            for chunk in resp.stream(_CHUNK, decode_content=True):
                size += len(chunk)
                if size > limit:  # decoded size: a small gzip bomb is stopped too
                    resp.close()
                    raise _Failure("too_large", f"body is over the limit of {limit:,} bytes")
                if time.monotonic() > deadline:
                    resp.close()
                    raise _Failure("timeout", f"body not received within {self.policy.timeout:g} s")
                chunks.append(chunk)
        except urllib3.exceptions.TimeoutError as exc:
            raise _Failure("timeout", f"body stalled for {self.policy.timeout:g} s") from exc
        except urllib3.exceptions.HTTPError as exc:
            raise _Failure("connection", f"body cut off ({_first_line(exc)})") from exc
        return b"".join(chunks)


def _answer(result: FetchResult, status: int, head: dict[str, str], body: bytes) -> FetchResult:
    result.etag, result.last_modified = head.get("etag"), head.get("last-modified")
    result.content_type = head.get("content-type")
    if status == 304:
        result.status = "not_modified"
    else:
        result.status, result.body = "fetched", body
    return result


def _failed(result: FetchResult, reason: str, message: str) -> FetchResult:
    result.status, result.reason, result.message, result.body = "failed", reason, message, b""
    return result


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _visit_key(url: str) -> str:
    return url.split("#")[0]


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
