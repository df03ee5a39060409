"""Page analysis for the API's write routes (``POST /api/analyze``, ``POST /api/articles``).

A page is analysed like a batch of one: inside spaCy's memory zones, so what it adds to the models'
vocabularies (its new names and numbers) is freed after it and a server answering for days keeps its
memory. Zones are one at a time per process (``stages.nlp.memory_zones``), so requests take turns; they
wait for their turn as coroutines, in the queue of one analysis thread of their own, not by holding the
server's thread pool: a burst of analyses never leaves the web pages and the other routes without a
thread.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from ..record import Article

_ANALYST = ThreadPoolExecutor(max_workers=1, thread_name_prefix="veille-analyse")


def analyse_in_zone(text: str, *, name: str, url: str | None, published: str | None,
                    lang: str | None) -> Article:
    """The page's record, made inside the memory zones (no spaCy object outlives the block)."""
    from ..api_functions import analyze_text
    from ..stages.nlp import memory_zones

    with memory_zones():
        return analyze_text(text, name=name, url=url, published=published, lang=lang)


async def analysed(text: str, *, name: str, url: str | None = None, published: str | None = None,
                   lang: str | None = None) -> Article:
    """``analyse_in_zone`` in the analysis thread, awaited: requests queue in order, one at a time."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(
        _ANALYST, lambda: analyse_in_zone(text, name=name, url=url, published=published, lang=lang))
