"""The polite fetcher: every request veille makes to a news site goes through ``Fetcher``.

Politeness and limits, all in ``FetchPolicy``: robots.txt obeyed (``urllib.robotparser``, its Crawl-delay
too), one host asked at most every ``host_delay`` seconds by at most ``host_concurrency`` requests at once,
conditional GET (ETag / Last-Modified → 304 "not_modified"), retries with exponential backoff on timeouts,
connection errors, 429 and 5xx (Retry-After honoured), a total time limit per request, a size limit on the
body, a redirect limit with loop detection, and a user agent of the user's choosing. A request that fails
becomes a ``FetchResult`` with a typed ``reason`` (see ``REASONS``), never an exception.

>>> from veille.fetch import Fetcher, FetchPolicy
>>> fetcher = Fetcher(FetchPolicy(user_agent="my-newsroom-bot/1.0 (+mailto:desk@example.org)"))
"""

from __future__ import annotations

from .client import Fetcher
from .hosts import HostState
from .policy import REASONS, FetchPolicy
from .result import FetchResult

__all__ = ["REASONS", "FetchPolicy", "FetchResult", "Fetcher", "HostState"]
