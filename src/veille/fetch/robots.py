"""robots.txt rules per host (``urllib.robotparser``), read from a host's stored state or fetched again when
older than the policy allows. RFC 9309's reading of the answer: 200 → the file's rules; 4xx → no rules
(everything allowed); 5xx or no answer → nothing allowed until it can be read (re-asked after
``UNAVAILABLE_TTL``)."""

from __future__ import annotations

import time
from urllib.robotparser import RobotFileParser

from .hosts import HostState

#: Seconds before a host whose robots.txt could not be read is asked again.
UNAVAILABLE_TTL = 300.0
#: The longest Crawl-delay obeyed; a site asking for more is still asked, this often.
MAX_CRAWL_DELAY = 60.0


def rules_from_state(state: HostState) -> RobotFileParser:
    """A parser that answers ``can_fetch`` from the robots.txt kept in ``state``."""
    parser = RobotFileParser()
    status = state.robots_status or 0
    if 200 <= status < 300:
        parser.parse((state.robots or "").splitlines())
    elif 400 <= status < 500:
        parser.parse([])  # no rules: everything allowed
    else:
        parser.parse(["User-agent: *", "Disallow: /"])
    parser.modified()  # can_fetch answers "no" for a parser never marked as read
    return parser


def is_fresh(state: HostState, ttl: float, now: float | None = None) -> bool:
    """Whether the stored robots.txt may still be trusted."""
    if state.robots_fetched_at is None:
        return False
    now = time.time() if now is None else now
    status = state.robots_status or 0
    limit = ttl if 200 <= status < 500 else min(ttl, UNAVAILABLE_TTL)
    return now - state.robots_fetched_at < limit


def crawl_delay(parser: RobotFileParser, user_agent: str) -> float | None:
    """The Crawl-delay (or Request-rate) robots.txt asks of this user agent, capped at MAX_CRAWL_DELAY."""
    asked = parser.crawl_delay(user_agent)
    delay = None if asked is None else float(asked)
    rate = parser.request_rate(user_agent)
    if rate is not None and rate.requests:
        delay = max(delay or 0.0, rate.seconds / rate.requests)
    return None if delay is None else min(delay, MAX_CRAWL_DELAY)
