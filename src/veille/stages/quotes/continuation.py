"""Speakers of quotes that stand alone as a paragraph with no cue: the name signed on the line after it
(a pull-quote layout: "“…”" then "Jane Doe" then "à franceinfo"), or the person the previous paragraph
was about, as its last sentence's subject ("However, he defended his decision…" then a quote paragraph).
"""

from __future__ import annotations

from ..nlp import doc_text
from .cues import tokens_between
from .speakers import Speaker, subject_span

#: a signature line is a name: a few words, mostly proper nouns
_SIGNATURE_TOKENS = 4


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """The line (paragraph) around ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def is_paragraph_quote(text: str, start: int, end: int) -> bool:
    """True when the quote fills its paragraph, marks and final punctuation aside."""
    p0, p1 = paragraph_bounds(text, start)
    return not any(c.isalnum() for c in text[p0:start]) and not any(c.isalnum() for c in text[end:p1])


def signature_below(doc, end: int) -> Speaker | None:
    """A name alone on the next non-empty line ("Jeanne Martin" under a pull-quote), or None."""
    text = doc_text(doc)
    _, p1 = paragraph_bounds(text, end)
    nxt = p1
    while nxt < len(text) and text[nxt] in "\n \u00a0":
        nxt += 1
    if nxt >= len(text):
        return None
    _, n1 = paragraph_bounds(text, nxt)
    toks = [t for t in tokens_between(doc, nxt, n1) if not t.is_space]
    if not toks or len(toks) > _SIGNATURE_TOKENS or not all(t.pos_ == "PROPN" or t.is_punct for t in toks):
        return None
    if toks[0].is_punct:
        return None
    head = next(t for t in toks if t.pos_ == "PROPN")
    return Speaker(toks[0].idx, toks[-1].idx + len(toks[-1].text), head)


def previous_subject(doc, start: int, quoted: list[tuple[int, int]]) -> Speaker | None:
    """The subject of the last sentence of the paragraph before ``start`` (outside quoted speech)."""
    text = doc_text(doc)
    p0, _ = paragraph_bounds(text, start)
    k = p0 - 1
    while k > 0 and text[k] in "\n \u00a0":
        k -= 1
    if k <= 0:
        return None
    toks = tokens_between(doc, k, k + 1)
    if not toks:
        return None
    sent = toks[0].sent
    for tok in sorted(sent, key=lambda t: (t.dep_ != "ROOT", t.i)):
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in tok.children if c.dep_.startswith("nsubj")), None)
        if subj is not None and not any(s <= subj.idx < e for s, e in quoted):
            return subject_span(subj)
    return None
