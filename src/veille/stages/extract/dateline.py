"""Datelines at the head of a body: "Moscou :", "PARIS (AFP) -", "WASHINGTON —", "LONDON (Reuters) -",
"KATHMANDU, April 25 (Reuters) -". The dateline stays in the text (news style counts it as body) and its
place goes to ``Article.dateline``."""

from __future__ import annotations

import re

_UPPER_PLACE = r"[A-ZÀ-Ý][A-ZÀ-Ý'’.\-]+(?:[ /][A-ZÀ-Ý][A-ZÀ-Ý'’.\-]+){0,3}"
_TITLE_PLACE = r"[A-ZÀ-Ý][a-zà-ÿ'’\-]+(?:[ \-](?:[A-ZÀ-Ý][a-zà-ÿ'’\-]+|de|du|des|la|le|sur|en)){0,3}"
_DATE = r"(?:,\s*(?:\d{1,2}\s+\w+|\w+\.?\s+\d{1,2})(?:,?\s+\d{4})?)?"
_AGENCY = r"(?:\s*\((?:[A-Z][\w.&\- ]{1,25})\))?"
# US state or region after the city: "HARTFORD, Conn. (AP) —", "ALBANY, N.Y. —"
_STATE = r"(?:,\s*(?:[A-Z][a-z]{1,5}\.|[A-Z]\.[A-Z]\.)(?=\s*[(\-–—]))?"
# French region in brackets: "Vienne (Isère) :"
_REGION = r"(?:\s*\([A-ZÀ-Ý][\w\-' ]{1,30}\))?"
_SEP = r"\s*[-–—:]\s+"

_PATTERNS = [
    re.compile(rf"^(?P<place>{_UPPER_PLACE}){_STATE}{_DATE}{_AGENCY}{_SEP}(?=\S)"),
    re.compile(rf"^(?P<place>{_TITLE_PLACE}){_DATE}\s*\((?:AFP|AP|Reuters|ATS|Belga|dpa|ANSA|EFE|Xinhua)\){_SEP}"),
    re.compile(rf"^(?P<place>{_TITLE_PLACE}){_REGION}\s+:\s+(?=[A-ZÀ-Ý«“\"])"),
]


def find_dateline(text: str) -> tuple[str, int] | None:
    """(place, length of the dateline prefix) when the text opens with a dateline."""
    head = text[:120]
    for pat in _PATTERNS:
        m = pat.match(head)
        if m and len(m.group("place")) >= 2 and not m.group("place").isdigit():
            return m.group("place").strip(), m.end()
    return None
