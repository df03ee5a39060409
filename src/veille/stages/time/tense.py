"""The tense of the clause around a time expression, from the spaCy parse.

A partial date resolves differently in "a été reçu mardi" (the Tuesday before the anchor) and "sera reçu
mardi" (the one after). The clause's verb is the first verb or auxiliary up the dependency tree from the
expression, kept only when it lies in the expression's own sentence (the parser sometimes hangs a
sentence-initial "Lundi," on the previous sentence's verb); otherwise the sentence's main verb. Its
morphology and auxiliaries give the tense. French conditionals ("seraient achevés le 1er juillet", future in
the past) and English "will"/"would" count as future; French future forms are also recognised by their
stem and ending, as the French model often tags them as past.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..nlp import doc_text

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would"}
_PERFECT_AUX = {"avoir", "être", "have"}


def tense_at(doc, start: int, end: int, lang=None, text: str | None = None) -> str:
    """"past", "future" or "present" for the clause holding the characters ``start:end`` of ``doc``;
    ``lang`` is the language's time module (for its future forms), when it has one; ``text`` is the
    Doc's text when the caller has it (``Doc.text`` is rebuilt from the tokens at every call)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "present"
    lo, hi = sentence_bounds(doc_text(doc) if text is None else text, start, end)
    verb = _clause_verb(span.root)
    if verb is None or not lo <= verb.idx < hi:
        verb = _main_verb(doc, lo, hi)
    return _verb_tense(verb, lang) if verb is not None else "present"


_SENTENCE_END = re.compile(r"[.!?…]\s|\n")
_SENTENCE_END_AFTER = re.compile(r"[.!?…](?:\s|$)|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the sentence around ``start:end``, by punctuation and line breaks.

    The sentence ends of a text are found once and bisected: scanning the text before every expression
    made the stage quadratic (a page of a million characters took minutes)."""
    ends = _sentence_ends(text)
    i = bisect.bisect_right(ends, start)
    after = _SENTENCE_END_AFTER.search(text, end)
    return (ends[i - 1] if i else 0), (after.end() if after else len(text))


@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> list[int]:
    return [m.end() for m in _SENTENCE_END.finditer(text)]


def _clause_verb(token):
    """The first verb or auxiliary at or above ``token`` (at most five steps up)."""
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _main_verb(doc, lo: int, hi: int):
    """The highest verb of the sentence ``lo:hi``: one whose head lies outside it, else the first verb."""
    span = doc.char_span(lo, hi, alignment_mode="contract")
    verbs = [t for t in span or () if t.pos_ in ("VERB", "AUX") and not t.dep_.startswith(("aux", "cop"))]
    top = [t for t in verbs if t.head is t or not lo <= t.head.idx < hi]
    return (top or verbs or [None])[0]


def _verb_tense(verb, lang) -> str:
    forms = [verb, *(c for c in verb.children if c.dep_.startswith(("aux", "cop")))]
    for tok in forms:
        if "Fut" in tok.morph.get("Tense") or "Cnd" in tok.morph.get("Mood") or _future_form(tok, lang):
            return "future"
        if tok.lower_ in _FUTURE_AUX or tok.lemma_.lower() in ("will", "shall"):
            return "future"
    if _planned_then(verb, forms, lang):
        return "future"
    if any(_past(tok) for tok in forms[1:]):
        return "past"  # "avait déclaré", "was held"
    if "Part" in verb.morph.get("VerbForm"):
        # "a reçu", "has said" (a perfect) are past; "is scheduled", "est attendu" (a passive) and a bare
        # participle ("la décision annoncée lundi") are not
        perfect = any(c.dep_ in ("aux", "aux:tense") and c.lemma_.lower() in _PERFECT_AUX for c in forms[1:])
        if perfect:
            return "past"
        # "l'élection prévue en novembre", "the vote scheduled for Tuesday": a plan looks ahead
        return "future" if verb.lemma_.lower() in getattr(lang, "PROSPECTIVE_LEMMAS", ()) else "present"
    return "past" if _past(verb) else "present"


def _planned_then(verb, forms, lang) -> bool:
    """"more rain was expected on Thursday", "la neige était attendue samedi": a forecast told in the past
    (a passive of an expectation verb with a simple past auxiliary) looks ahead of the report. A plan told
    so ("était prévu en novembre", "was scheduled for Monday") is often one since dropped, and "had been
    expected" is a pluperfect: both stay past."""
    forecasts = getattr(lang, "FORECAST_LEMMAS", ())
    if "Part" not in verb.morph.get("VerbForm") or verb.lemma_.lower() not in forecasts:
        return False
    passive = any(c.dep_ in ("auxpass", "aux:pass") for c in forms[1:])
    perfect = any(c.lemma_.lower() in ("have", "avoir") for c in forms[1:])
    return passive and not perfect


def _past(tok) -> bool:
    tense = tok.morph.get("Tense")
    return bool(tense) and tense[0] in ("Past", "Imp")


def _future_form(tok, lang) -> bool:
    """"recevra", "déclarerait", "seraient": infinitive (or irregular) stem + future/conditional ending."""
    endings = getattr(lang, "FUTURE_ENDINGS", None)
    if not endings or "Part" in tok.morph.get("VerbForm") or "Inf" in tok.morph.get("VerbForm"):
        return False
    lemma, word = tok.lemma_.lower(), tok.lower_
    stems = getattr(lang, "FUTURE_STEMS", {})
    stem = stems.get(lemma) or (lemma[:-1] if lemma.endswith("re") else lemma if lemma.endswith(("er", "ir"))
                                else "")
    return bool(stem) and word.startswith(stem) and word[len(stem):] in endings
