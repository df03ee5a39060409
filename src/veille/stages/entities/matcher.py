"""Knowledge-base matching: every surface name the KB knows, found in a text at once with an Aho-Corasick
automaton (pyahocorasick) over folded text, so "l’OTAN", "Otan" and "OTAN" all meet the KB's "OTAN".

Case is folded for matching but checked afterwards, because folding makes common words collide with
names: "us" is not the US, "who" is not the WHO, French "au" is not the African Union. A short acronym
must be written in capitals; a capitalised name must not be found in a lower-case word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from .namekeys import fold, fold_page


@dataclass(frozen=True)
class KBMatch:
    """A stretch of text equal (after folding) to one or more KB surface names."""

    start: int
    end: int
    ids: tuple[str, ...]
    surface: str  # the KB's own spelling, for the case check
    nested: bool = False  # a name inside a longer lower-case KB phrase ("Ukraine" in "guerre en Ukraine")


class KBMatcher:
    """All KB surface names in one automaton. Build once per KB (``matcher_for``), then ``find`` per text."""

    def __init__(self, surfaces):
        self._auto = ahocorasick.Automaton()
        table: dict[str, dict[str, str]] = {}
        for surface, _lang, entity_id in surfaces:
            key = fold(surface).strip()
            if len(key) < 2 or not any(c.isalpha() for c in key):
                continue
            table.setdefault(key, {}).setdefault(entity_id, surface)
        for key, ids in table.items():
            self._auto.add_word(key, (len(key), tuple(ids), tuple(ids.values())))
        self._auto.make_automaton() if table else None
        self.size = len(table)

    def find(self, text: str) -> list[KBMatch]:
        """Longest non-overlapping KB names in ``text``, on word boundaries, with a plausible case."""
        if not self.size:
            return []
        folded = fold_page(text)
        found = []
        for end, (n, ids, surfaces) in self._auto.iter(folded):
            start, stop = end - n + 1, end + 1
            if not _on_boundaries(folded, start, stop):
                continue
            written = text[start:stop]
            ok = tuple(i for i, s in zip(ids, surfaces, strict=True) if case_fits(written, s))
            if ok:
                found.append(KBMatch(start, stop, ok, surfaces[ids.index(ok[0])]))
        return _longest_first(found)


def _on_boundaries(folded: str, start: int, stop: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[stop] if stop < len(folded) else " "
    return not (before.isalnum() or after.isalnum() or before == "-" or after == "-")


def case_fits(written: str, surface: str) -> bool:
    """Whether text written like ``written`` can be the name spelt ``surface``.

    - an acronym of three letters or fewer ("US", "UE", "AU", "WHO") must be written in capitals;
    - a longer acronym may be written with a capital initial ("Otan" for OTAN, as French papers do);
    - a name with a capital must be written with a capital (the lower-case word "chine" is not China),
      except an institution written in lower case ("parti travailliste");
    - a KB name that starts in lower case ("palais de l'Élysée") is matched however it is written.
    """
    letters = [c for c in surface if c.isalpha()]
    if not letters or not any(c.isupper() for c in letters) or letters[0].islower():
        return True
    if "\n" in written:
        return False
    if all(c.isupper() for c in letters):
        if len(letters) <= 3:
            return written == surface or written.upper() == written
        return written[:1].isupper() and (written.upper() == written or written[1:].islower())
    if not written[:1].isupper():
        return _institution_in_lower_case(written, surface)
    if written.upper() != written:  # "The independent institute" is not The Independent
        for want, got in zip(surface.split(), written.split(), strict=False):
            if want[:1].isupper() and not got[:1].isupper():
                return False
    # a name written all in capitals is a heading or a dateline ("BEIRUT"); that is fine, but a short
    # name in capitals may be an acronym that is not it ("ROME" is fine, "NICE" is fine, keep it)
    return True


#: French institution nouns whose names the press also writes in lower case ("le parti travailliste")
_LOWER_CASE_HEADS = {"parti", "union", "commission", "conseil", "cour", "banque", "assemblée", "ministère",
                     "organisation", "agence", "fonds", "mer", "océan", "haute"}


def _institution_in_lower_case(written: str, surface: str) -> bool:
    """"parti travailliste" for the KB's "Parti travailliste": a name of two words or more whose only
    capital is its first letter and whose first word is an institution noun."""
    words = surface.split()
    return (len(words) >= 2 and words[0].lower() in _LOWER_CASE_HEADS and written == surface[:1].lower()
            + surface[1:] and not any(c.isupper() for c in surface[1:]))


_ARTICLE = re.compile(r"(?:the|an?|les?|la|l['’]|der|die|das|el|los|las)(?:\s|$)|l['’]", re.IGNORECASE)


def _longest_first(found: list[KBMatch]) -> list[KBMatch]:
    """Longest matches first, without overlaps; a capitalised name inside a longer KB phrase written in
    lower case ("guerre en Ukraine", "palais de l'Élysée") is kept too, marked ``nested``: the phrase
    is one thing, the name in it another."""
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: list[KBMatch] = []
    used: set[int] = set()
    for m in found:
        if used.isdisjoint(range(m.start, m.end)):
            taken.append(m)
            used.update(range(m.start, m.end))
    phrases = [m for m in taken if m.surface[:1].islower() and not _ARTICLE.match(m.surface)]
    inner = [KBMatch(m.start, m.end, m.ids, m.surface, nested=True) for m in found
             if m.surface[:1].isupper() and m not in taken
             and any(p.start <= m.start and m.end <= p.end for p in phrases)]
    return sorted(taken + _longest_first(inner) if inner else taken, key=lambda m: m.start)


@lru_cache(maxsize=4)
def matcher_for(kb) -> KBMatcher:
    """The matcher of a KB, built once per process (the KB object is cached by its loader); the shipped
    KB's is built once per machine (``kb.cache_key``; 0.12 s to build, 0.04 s to read back)."""
    if getattr(kb, "cache_key", None) is None:
        return KBMatcher(kb.surface_names())
    from ...disk_cache import cache_root, file_key, pickled

    code = "-".join(file_key(Path(__file__).parent / name) for name in ("matcher.py", "namekeys.py"))
    path = cache_root() / "kb" / f"matcher-{kb.cache_key}-{code}.pickle"
    return pickled(path, lambda: KBMatcher(kb.surface_names()), KBMatcher)
