"""Per-host politeness: a gate that spaces requests to one host and caps how many run at once, and the
host's state worth keeping between runs (its robots.txt, when it asked us to back off)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class HostState:
    """What a watch remembers about a host across runs (kept in the store): its robots.txt as fetched
    (``robots_status`` 0 when it could not be fetched), when (epoch seconds), and a time before which it
    asked not to be asked again (429/503 with Retry-After)."""

    host: str
    robots: str | None = None
    robots_status: int | None = None
    robots_fetched_at: float | None = None
    backoff_until: float = 0.0
    requests: int = 0
    failures: int = 0


class HostGate:
    """Spaces requests to one host by ``delay`` seconds and lets at most ``concurrency`` run at once.

    Each caller books the next free slot under a lock, then sleeps outside it until its slot: threads
    queue in booking order and a slow response does not hold the lock.
    """

    def __init__(self, delay: float, concurrency: int):
        self.delay = delay
        self._slots = threading.BoundedSemaphore(concurrency)
        self._lock = threading.Lock()
        self._next = 0.0

    def push_back(self, until_monotonic: float) -> None:
        """No request before this moment (a Retry-After, a Crawl-delay learned late)."""
        with self._lock:
            self._next = max(self._next, until_monotonic)

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self._slots:
            with self._lock:
                slot = max(time.monotonic(), self._next)
                self._next = slot + self.delay
            pause = slot - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            yield
