"""Language-independent evidence that two pages tell the same story: the numbers they give, the names
they write (keyed across spellings), and the knowledge-base entities they mention.

A translation keeps "224,1 millions" as 224.1 and "Loukachenko" as a spelling of "Lukashenko"; two
reports of the same event share its figures, places and people even when their wording differs, and two
reports about the same actors in another event (the hard negatives) share names but not figures.

>>> sorted(numbers("Le bilan : 1 250 morts et 3,5 % de hausse le 12 mars 2024."))
['12', '1250', '2024', '3.5']
>>> sorted(names("Hier, Alexandre Loukachenko a reçu Vladimir Poutine."))
['alexandr', 'lukaxenko', 'putin', 'vladimir']

Not every number tells an event apart: small counts and days of the month ("3 people", "on the 12th")
recur in every story, and a year says only when. ``figures`` keeps the specific ones (three digits or more,
or a decimal: "224.1", "1250"), which two reports of one event share and two events with the same actors
rarely do; ``years`` keeps the years, whose disagreement says "another time" (the March deployment vs the
June delivery of one year share the year, but a 2019 retrospective and a 2023 report do not).

>>> sorted(figures(numbers("Le bilan : 1 250 morts, 12 blessés et 3,5 % de hausse en 2024.")))
['1250', '3.5']
>>> sorted(years(numbers("De 2019 à 2024, 1 250 morts.")))
['2019', '2024']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ..stages.entities.namekeys import name_key

# Digits with thousands separators (space, narrow space, comma or dot before three digits) and a decimal
# part; "1 250" and "1,250" both read 1250, "3,5" and "3.5" both read 3.5.
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f,.](?=\d{3}\b)\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
# A capitalised word of a Latin, Greek or Cyrillic script (not the first word of a sentence).
_CAPITALISED = re.compile(r"(?<![.!?»”\"]\s)(?<!^)\b[A-ZÀ-ÖØ-ÞΑ-ΩА-Я][\w'’-]{2,}")


def _normalise_number(raw: str) -> str:
    groups = re.fullmatch(r"(\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+)([.,]\d+)?", raw)
    if groups:
        whole = re.sub(r"\D", "", groups.group(1))
        return whole + (("." + groups.group(2)[1:]) if groups.group(2) else "")
    return raw.replace(",", ".")


def numbers(text: str) -> frozenset[str]:
    """The numbers written in ``text``, normalised (thousands separators dropped, decimal point)."""
    return frozenset(_normalise_number(m.group()) for m in _NUMBER.finditer(text))


_YEAR = re.compile(r"(?:19|20)\d\d")


def figures(numbers: Iterable[str]) -> frozenset[str]:
    """The specific numbers among normalised ``numbers``: three digits or more, or a decimal, not a year."""
    return frozenset(n for n in numbers
                     if not _YEAR.fullmatch(n) and ("." in n or len(n) >= 3))


def years(numbers: Iterable[str]) -> frozenset[str]:
    """The years (1900–2099) among normalised ``numbers``."""
    return frozenset(n for n in numbers if _YEAR.fullmatch(n))


def names(text: str) -> frozenset[str]:
    """Transliteration keys of the capitalised words that are not sentence starts (proper names, mostly)."""
    keys = (name_key(m.group()) for m in _CAPITALISED.finditer(text))
    return frozenset(k for k in keys if len(k) >= 3)


@cache
def _kb_matcher():
    from ..kb.loader import load_kb
    from ..stages.entities.matcher import matcher_for

    return matcher_for(load_kb())


def kb_entities(text: str) -> frozenset[str]:
    """Ids of the knowledge-base entities named in ``text`` (for pages analysed without entity linking)."""
    return frozenset(i for m in _kb_matcher().find(text) for i in m.ids)


def overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """Shared share of the smaller set (overlap coefficient): a short page's facts all found in a longer one
    count fully. 0.0 when either side is empty."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0
