"""The tense of the clause around a time expression, from the spaCy parse.

A partial date resolves differently in "a été reçu mardi" (the Tuesday before the anchor) and "sera reçu
mardi" (the one after). The clause's verb is the first verb or auxiliary up the dependency tree from the
expression; its morphology and auxiliaries give the tense. French conditionals ("seraient achevés le 1er
juillet", future in the past) and English "will"/"would" count as future.
"""

from __future__ import annotations

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_PAST_AUX = {"avoir", "être", "have", "be"}


def tense_at(doc, start: int, end: int) -> str:
    """"past", "future" or "present" for the clause holding the characters ``start:end`` of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "present"
    verb = _clause_verb(span.root)
    return _verb_tense(verb) if verb is not None else "present"


def _clause_verb(token):
    """The first verb or auxiliary at or above ``token`` (at most five steps up)."""
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _verb_tense(verb) -> str:
    forms = [verb, *(c for c in verb.children if c.dep_.startswith("aux"))]
    for tok in forms:
        morph = tok.morph
        if "Fut" in morph.get("Tense") or "Cnd" in morph.get("Mood") or tok.lower_ in _FUTURE_AUX:
            return "future"
        if tok.lemma_.lower() in ("will", "shall", "would"):
            return "future"
    for tok in forms:
        if tok.morph.get("Tense") and tok.morph.get("Tense")[0] in ("Past", "Imp"):
            if tok is verb and "Part" in verb.morph.get("VerbForm") and len(forms) == 1:
                continue  # a bare participle ("la décision annoncée lundi") says nothing of the clause
            return "past"
    return "present"
