"""Search rankings kept while the store stays the same: the ranked keys and the count of a query, reused by
the next identical query until anything is committed to the store.

Ranking is most of a search's cost and grows with the matches (a word in every article: bm25 for each of
them, 25 ms at 5,000 articles), while the same few queries come back often (the story of the day, the
UI's pager, several readers on one topic). The cache is per thread, because a backend tells its version
per connection and connections are per thread: SQLite's ``PRAGMA data_version`` changes when another
connection commits, and the store counts its own commits (``SQLiteStore._transaction``). On any change the
whole cache is dropped, so an answer is never older than the store the query was asked of. A backend that
cannot tell its version cheaply (PostgreSQL) gives None and is never cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

#: Rankings kept per thread (each a count and at most a page of keys: a few hundred bytes).
SIZE = 512


class RankingCache:
    """``get(generation, key, rank)``: ``rank()``'s value, computed once per ``key`` and ``generation``."""

    def __init__(self, size: int = SIZE):
        self.size = size
        self._local = threading.local()

    def get(self, generation: Hashable | None, key: Hashable, rank: Callable[[], Any]) -> Any:
        if generation is None:
            return rank()
        local = self._local
        if getattr(local, "generation", None) != generation:
            local.generation, local.entries = generation, OrderedDict()
        entries: OrderedDict[Hashable, Any] = local.entries
        if key in entries:
            entries.move_to_end(key)
            return entries[key]
        value = entries[key] = rank()
        if len(entries) > self.size:
            entries.popitem(last=False)
        return value
