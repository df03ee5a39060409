"""Counts in readable English: "1 page", "2 pages", "1 entity", "3 entities"."""

from __future__ import annotations

_IRREGULAR = {"entity": "entities", "story": "stories", "is": "are", "was": "were", "piece of furniture":
              "pieces of furniture", "match": "matches", "was left out": "were left out"}


def plural(n: int, noun: str, many: str | None = None) -> str:
    """``n`` and the noun in the form the count needs (``many`` for an irregular plural not listed here).

    >>> plural(1, "page"), plural(0, "page"), plural(2, "entity")
    ('1 page', '0 pages', '2 entities')
    """
    return f"{n} {noun if n == 1 else (many or _IRREGULAR.get(noun) or noun + 's')}"
