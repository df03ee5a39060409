"""Counts in readable English: "1 page", "2 pages", "1 entity", "3 entities"."""

from __future__ import annotations

_IRREGULAR = {"entity": "entities", "story": "stories", "match": "matches", "is": "are", "was": "were",
              "piece of furniture": "pieces of furniture", "example page": "example pages"}


def plural_noun(noun: str) -> str:
    """The plural of ``noun`` ("page" → "pages", "entity" → "entities")."""
    return _IRREGULAR.get(noun) or (noun if noun.endswith("s") else noun + "s")


def plural(n: int, noun: str) -> str:
    """``n`` and the noun in the form the count needs.

    >>> plural(1, "page"), plural(0, "page"), plural(2, "entity")
    ('1 page', '0 pages', '2 entities')
    """
    return f"{n} {noun if n == 1 else plural_noun(noun)}"
