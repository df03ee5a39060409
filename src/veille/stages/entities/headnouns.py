"""Names made of a generic head noun and a name the NER found alone: "place Victor-Hugo", "basilique
Saint-Denis", "cour d’assises du Val-de-Marne", "ministère de l’Intérieur" in French, where the head is
written first and in lower case; "Westminster Cathedral", "Carnaby Street" in English, where it comes last.

The head noun makes one name of the two, typed by the head (a street is a place, a court an
organisation). A person inside a place's name is not mentioned ("place Victor-Hugo" does not name the
writer), so the person candidate gives way; a place inside an institution's name is a name of its own
("Val-de-Marne" in its court's name), so it stays as a nested mention.
"""

from __future__ import annotations

import re
from functools import cache

from .mentions import Candidate, written_form


def attach_head_nouns(cands: list[Candidate], text: str, words) -> list[Candidate]:
    """``cands`` (sorted by start) with head-noun names added around the candidates they hold."""
    heads = getattr(words, "NAME_HEADS", {})
    if not heads:
        return cands
    out: list[Candidate] = []
    for c in cands:
        known = c.origin == "kb" and c.label not in ("GPE", "LOC")  # "Reuters Institute" stays Reuters
        named = None if known else _with_head(c, text, words, heads)
        if named is None:
            out.append(c)
            continue
        out.append(named)
        if c.label in ("GPE", "LOC") and c.origin == "kb":
            out.append(c)  # the place inside the name is named too
    out += institution_names(text, words, out)
    out += classified_names(text, words, out)
    placed_names(text, words, out)
    return sorted(out, key=lambda c: c.start)


#: the types the NER gives a place it misreads ("the mayor of Amarante" as a person)
_MISREAD = ("PER", "MISC")


def placed_names(text: str, words, cands: list[Candidate]) -> None:
    """Retype, in place, names the NER took for people that their words show to be places: after a
    phrase that only a place completes (``PLACE_OF``: "the mayor of X", "la commune de X"), or before a
    place noun in lower case that is not part of the name ("the Tâmega river")."""
    before = getattr(words, "PLACE_OF", ())
    heads = getattr(words, "NAME_HEADS", {})
    last = getattr(words, "HEAD_FIRST", True) is False
    for c in cands:
        if c.label not in _MISREAD or c.origin != "ner":
            continue
        ahead = text[max(0, c.start - 24):c.start].lower()
        if any(ahead.endswith(p + " ") or ahead.endswith(p + "\u00a0") for p in before):
            c.label = "GPE"
            continue
        m = re.match(r"[ \u00a0]([a-z]+)(?![\w’'-])", text[c.end:c.end + 20]) if last else None
        if m and heads.get(m.group(1)) == "LOC":
            c.label = "LOC"


def _with_head(c: Candidate, text: str, words, heads: dict[str, str]) -> Candidate | None:
    if getattr(words, "HEAD_FIRST", True):
        m = re.search(r"(?<![\w’'-])(\w+)[ \u00a0]$", text[max(0, c.start - 30):c.start])
        label = heads.get(m.group(1)) if m else None  # lower case only: "Place" opening a sentence is known
        start, end = (c.start - len(m.group(0)), c.end) if m and label else (0, 0)
    else:
        m = re.match(r"[ \u00a0]([A-Z][a-z]+)(?![\w’'-])", text[c.end:c.end + 30])
        label = heads.get(m.group(1).lower()) if m else None
        start, end = (c.start, c.end + len(m.group(0))) if m and label else (0, 0)
    if m is None or label is None or not c.text[:1].isupper():
        return None
    if m.group(1) in getattr(words, "CLASSIFIERS", {}):
        return None  # "le parti X" names X
    named = Candidate(start, end, text[start:end], label, "ner", written=written_form(text, start, end))
    named.extra.update(headed=True, pos=["NOUN", "PROPN"])
    return named


def institution_names(text: str, words, cands: list[Candidate]) -> list[Candidate]:
    """Official institutions written in lower case (``INSTITUTIONS``, a language's patterns: "cour d’appel
    de Douai", "ministère de la Santé"), on text no candidate covers but the place they may hold."""
    patterns = getattr(words, "INSTITUTIONS", ())
    places = {(c.start, c.end) for c in cands if c.label in ("GPE", "LOC")}
    out = []
    for pattern in patterns:
        for m in _compiled(pattern).finditer(text):
            start, end = m.span()
            inner = [c for c in cands if c.start < end and start < c.end]
            if any((c.start, c.end) not in places or c.start < start or c.end > end for c in inner):
                continue
            named = Candidate(start, end, text[start:end], "ORG", "ner",
                              written=written_form(text, start, end))
            named.extra.update(headed=True, pos=["NOUN"])
            out.append(named)
    return out


@cache
def _compiled(pattern: str) -> re.Pattern:
    """A language's static pattern compiled once: through ``re``'s own cache it is compiled again whenever
    the patterns built per page (names, surnames) have pushed it out."""
    return re.compile(pattern)


@cache
def _classified_pattern(words) -> re.Pattern:
    """A classifier noun of ``words`` (longest first) and the capitalised name after it."""
    kinds = words.CLASSIFIERS
    alts = "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True))
    return _compiled(rf"(?<![\w-])({alts})[ \u00a0]+([A-Z][\w&’'-]*(?:[ \u00a0][A-Z][\w&’'-]*){{0,4}})"
                     r"(?![\w’'-])")


def classified_names(text: str, words, cands: list[Candidate]) -> list[Candidate]:
    """A name announced by a classifier noun (``CLASSIFIERS``: "l’agence PA", "le parti HVM", "the
    charity Blue Harbour") is a name of the classifier's type even where the NER saw nothing, and even
    when it is a two-letter acronym too short to trust alone."""
    kinds = getattr(words, "CLASSIFIERS", {})
    if not kinds:
        return []
    small = {a.casefold() for a in words.ARTICLES}
    out = []
    for m in _classified_pattern(words).finditer(text):
        start, end = m.span(2)
        if m.group(2).split()[0].casefold() in small:
            continue
        # the NER or a chunk saw the name but not what it is ("X" as MISC, "tabloïd X" as one proper
        # noun): the classifier noun says it, and is not part of the name
        same = [c for c in cands if (c.start, c.end) == (start, end)
                or (c.start == m.start(1) and c.end == end and c.entity_id is None)]
        for c in same:
            c.start, c.text, c.label = start, m.group(2), kinds[m.group(1)]
            c.extra.update(classified=True, pos=["PROPN"])
        if same or any(c.start < end and start < c.end for c in cands):
            continue
        named = Candidate(start, end, m.group(2), kinds[m.group(1)], "ner")
        named.extra.update(classified=True, pos=["PROPN"])
        out.append(named)
    return out
