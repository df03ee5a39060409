"""Quotes credited without a reporting verb, by a phrase in their own sentence: "selon X", "d'après X",
"according to X" before or after the quote ("…”, according to the agency"); "Pour X, « … »" opening the
sentence; and "À ses yeux, « … »" / "In her view, “…”", where the possessor is the speaker.

>>> # "Le plan « tiendra ses promesses », selon la maire." -> speaker words "la maire", cue "selon"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..nlp import doc_text
from .cues import tokens_between
from .speakers import Speaker

#: the longest noun phrase read after "selon" / "according to" (tokens)
_MAX_TOKENS = 8
_STOP_POS = {"PUNCT", "VERB", "AUX", "SCONJ", "CCONJ", "SPACE", "PRON"}
#: words that may join the parts of a name or a description ("le ministère de l'Intérieur")
_LINKS = {"de", "du", "des", "d’", "d'", "of", "the", "la", "le", "l’", "l'", "les"}
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\u00a0\"”»]|$)|\n")


@dataclass
class LeadIn:
    """A verbless attribution of a quote: the phrase (``cue``), the words naming the speaker, and for a
    pronoun or a possessive ("selon elle", "à ses yeux") the number and gender its antecedent needs."""

    cue: tuple[int, int]
    speaker: Speaker | None
    number: str | None = None
    gender: str | None = None


def lead_in(doc, start: int, end: int, words) -> LeadIn | None:
    """The verbless attribution of the quote at [start, end) in its sentence, or None."""
    text = doc_text(doc)
    s0, s1 = _sentence_around(text, start, end)
    opening = text[s0:start].lower().replace("’", "'")
    for phrase, (number, gender) in words.VIEW_PHRASES.items():
        at = opening.find(phrase.replace("’", "'"))
        if at >= 0 and not opening[:at].strip(" \u00a0«“\"—–-"):
            return LeadIn((s0 + at, s0 + at + len(phrase)), None, number, gender)
    for phrase in words.LEAD_INS:
        m = re.match(rf"[\s\u00a0«“\"—–-]*{re.escape(phrase)}\s", opening)
        if m:
            found = _named_after(doc, s0 + m.end(), start, words, named_only=True)
            if found is not None:
                found.cue = (s0 + m.start(), s0 + m.end() - 1)
                return found
    for lo, hi in ((s0, start), (end, s1)):
        for m in _phrase_re(words.ACCORDING_TO).finditer(text, lo, hi):
            found = _named_after(doc, m.end(), hi, words, named_only=False)
            if found is not None:
                found.cue = (m.start(), m.end())
                return found
    return None


def _phrase_re(phrases) -> re.Pattern:
    alts = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?i)(?<![\w’'])(?:{alts})(?![\w’'])")  # grouped: the bounds hold for every phrase


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding the quote, by punctuation and line breaks outside the quote."""
    ends = list(_SENTENCE_END.finditer(text, max(0, start - 400), max(0, start - 1)))
    s0 = ends[-1].end() if ends else max(0, start - 400)
    after = _SENTENCE_END.search(text, min(len(text), end + 1))
    s1 = after.start() if after else len(text)
    return s0, s1


def _named_after(doc, at: int, stop: int, words, named_only: bool) -> LeadIn | None:
    """The noun phrase after an attribution phrase, up to ``stop``: a name, a description, or a
    stressed pronoun ("selon elle", "according to him")."""
    toks = [t for t in tokens_between(doc, at, stop) if not t.is_space]
    if not toks:
        return None
    pron = words.STRESSED_PRONOUNS.get(toks[0].text.lower())
    if pron is not None:
        first = toks[0]
        return LeadIn((0, 0), Speaker(first.idx, first.idx + len(first.text), first), pron[0], pron[1])
    kept: list = []
    for t in toks[:_MAX_TOKENS]:
        if t.pos_ in _STOP_POS and not (kept and t.text in "-–") or "\n" in t.text:
            break
        if t.pos_ == "ADP" and t.text.lower() not in _LINKS:
            break
        kept.append(t)
    while kept and kept[-1].text.lower() in _LINKS:
        kept.pop()
    if not kept or all(t.pos_ in ("DET", "ADP") for t in kept):
        return None
    head = next((t for t in kept if t.pos_ == "PROPN"), None) or next(
        (t for t in kept if t.pos_ in ("NOUN", "PRON")), kept[0])
    if named_only and head.pos_ != "PROPN" and head.lemma_.lower() not in words.ROLE_NOUNS:
        return None  # "Pour la première fois, « … »": not a person
    return LeadIn((0, 0), Speaker(kept[0].idx, kept[-1].idx + len(kept[-1].text), head))
