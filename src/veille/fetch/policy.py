"""What the fetcher may do: time, size, redirect, retry and politeness limits, and the reasons a fetch
fails. Defaults follow common crawler practice (one request per host per second, robots.txt kept a day,
a 10 MB page limit like ``veille analyze``'s)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ConfigError

#: Why a fetch failed: the ``reason`` of a failed FetchResult is one of these.
REASONS: dict[str, str] = {
    "robots": "robots.txt disallows the URL for this user agent",
    "robots_unavailable": "robots.txt answered 5xx or not at all, so the host is not crawled for now",
    "timeout": "the server did not answer (or finish the body) within the time limit",
    "connection": "the connection failed (refused, reset, DNS)",
    "too_large": "the body is over the size limit",
    "redirect_loop": "a redirect leads back to a URL already visited",
    "too_many_redirects": "more redirects than the limit",
    "http_4xx": "the server refused the request (404, 410, 403…: the status is in the message)",
    "http_5xx": "the server failed (500, 503…) on every attempt",
    "http_429": "the server asked to slow down on every attempt",
    "bad_url": "not an absolute http(s) URL",
}


@dataclass
class FetchPolicy:
    """Limits and politeness for every request. All durations are seconds."""

    user_agent: str = "veille/0.1 (news monitoring; +https://github.com/veille/veille)"
    connect_timeout: float = 10.0
    timeout: float = 30.0  # the whole request: connection, headers and body
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    retries: int = 2  # further attempts after the first, on timeouts, connection errors, 429 and 5xx
    backoff: float = 1.0  # first pause before a retry; doubles each time
    max_backoff: float = 60.0  # no pause (nor Retry-After) longer than this
    host_delay: float = 1.0  # at least this between two requests to one host (Crawl-delay may raise it)
    host_concurrency: int = 2
    concurrency: int = 8  # requests in flight over all hosts
    obey_robots: bool = True
    robots_ttl: float = 86_400.0  # how long a host's robots.txt is trusted before it is fetched again

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "timeout", "backoff", "max_backoff", "host_delay", "robots_ttl"):
            if getattr(self, name) < 0:
                raise ConfigError(f"fetch policy: {name} must be 0 or more, not {getattr(self, name)}")
        for name in ("max_bytes", "host_concurrency", "concurrency"):
            if getattr(self, name) < 1:
                raise ConfigError(f"fetch policy: {name} must be 1 or more, not {getattr(self, name)}")
        if self.max_redirects < 0 or self.retries < 0:
            raise ConfigError("fetch policy: max_redirects and retries must be 0 or more")
        if not self.user_agent.strip():
            raise ConfigError("fetch policy: user_agent must not be empty (sites identify crawlers by it)")
