"""Indirect speech from the dependency parse: a reporting verb and its complement clause ("a déclaré que
…", "said (that) …", "…, sources said"), and mixed quotes (such a clause holding a quoted fragment)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..nlp import doc_text
from .cues import is_cue

#: complementisers left out of the quote's text: the content is what was said, not "que"
_MARKS = {"que", "qu'", "qu’", "that"}
_MIN_TOKENS = 3
#: words that open an attribution inside a sentence ("selon", "d'après", "according to")
_ATTRIBUTION_WORDS = {"selon", "d’après", "d'après", "according"}


@dataclass
class Clause:
    """A complement clause of a reporting verb, as character offsets."""

    start: int
    end: int
    verb: Any  # spaCy Token of the cue


def complement_clauses(doc, verbs: frozenset[str]) -> list[Clause]:
    """Every (cue verb, complement clause) pair of the document."""
    from spacy.attrs import POS
    from spacy.parts_of_speech import VERB

    out = []
    # only verbs can be cues here: picked from one array, not by making every token of the page
    for i in np.flatnonzero(doc.to_array(POS) == VERB).tolist() if len(doc) else []:
        tok = doc[i]
        if not is_cue(tok, verbs) or tok.pos_ != "VERB":
            continue
        for child in tok.children:
            if child.dep_ in ("ccomp",) and child.pos_ in ("VERB", "AUX", "ADJ", "NOUN") \
                    and not _is_incise(child, verbs):
                clause = _clause(child, tok, verbs)
                if clause:
                    out.append(clause)
        closing = _closing_incise_clause(tok, verbs)
        if closing:
            out.append(closing)
    return out


def _closing_incise_clause(verb, verbs: frozenset[str]) -> Clause | None:
    """"L'enquête se poursuit, a indiqué le parquet.": a cue set off by a comma at the end of its
    sentence reports the whole sentence before it. The French parser hangs such an incise on the
    sentence's verb (``parataxis``, ``conj``) instead of making the sentence its complement."""
    if verb.dep_ not in ("parataxis", "conj") or verb.head.i >= verb.i:
        return None
    doc = verb.doc
    own = {t.i for t in verb.subtree}
    words = [t for t in verb.subtree if not t.is_punct]  # the comma before it may hang on it
    first, last = words[0].i, words[-1].i
    if first == 0 or doc[first - 1].text != ",":
        return None
    rest = doc[last + 1:]
    stop = next((t.i for t in rest if not t.is_punct or "\n" in t.text or t.is_sent_start), len(doc))
    if stop < len(doc) and not (doc[stop].is_sent_start or "\n" in doc[stop].text):
        return None  # the sentence goes on after the incise: not a closing one
    if not any(c.dep_.startswith("nsubj") or c.dep_ == "obj" and c.i > verb.i for c in verb.children):
        return None  # no one named as saying it
    sent_start = verb.sent.start
    toks = [t for t in verb.head.subtree if t.i not in own and sent_start <= t.i < first - 1]
    return _clause_of(sorted(toks, key=lambda t: t.i), verb, verbs)


def _clause(head, verb, verbs: frozenset[str]) -> Clause | None:
    if head.head.i == verb.i and head.i != verb.i:
        # the clause hangs on its cue (``complement_clauses``): walking up from a word of the clause meets
        # the clause's head before the cue, so no word of it is under the cue and none is walked up
        toks = sorted(head.subtree, key=lambda t: t.i)
    else:
        toks = sorted((t for t in head.subtree if not _is_under(t, verb, head)), key=lambda t: t.i)
    return _clause_of(toks, verb, verbs)


def _clause_of(toks: list, verb, verbs: frozenset[str]) -> Clause | None:
    """The clause's span from its tokens in order: a trailing incise, a leading complementiser and the
    punctuation at both ends left out; never across a line break."""
    toks = _drop_trailing_incise(toks, verbs)
    while toks and (toks[0].text.lower() in _MARKS or toks[0].is_punct and not toks[0].is_quote
                    or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct and not toks[-1].is_quote or toks[-1].is_space):
        toks.pop()
    if len(toks) < _MIN_TOKENS:
        return None
    # a clause never runs across a line break (paragraph)
    first, last = toks[0], toks[-1]
    if "\n" in doc_text(verb.doc)[first.idx:last.idx]:
        return None
    return Clause(first.idx, last.idx + len(last.text), verb)


def _is_incise(tok, verbs: frozenset[str]) -> bool:
    """A cue verb set off by a comma ("…, a rapporté X") is someone else's incise, not a complement."""
    doc = tok.doc
    first = min(t.i for t in tok.subtree)
    return is_cue(tok, verbs) and first > 0 and doc[first - 1].text == ","


def _drop_trailing_incise(toks: list, verbs: frozenset[str]) -> list:
    """Cut "…, a rapporté Les actualites" / "…, selon le Kremlin" off the end of a clause: another cue
    or an attribution after the last comma belongs to someone else."""
    while True:
        commas = [k for k, t in enumerate(toks) if t.text == ","]
        if not commas:
            return toks
        tail = toks[commas[-1] + 1:]
        if not any(is_cue(t, verbs) or t.text.lower() in _ATTRIBUTION_WORDS for t in tail):
            return toks
        toks = toks[:commas[-1]]


def _is_under(tok, verb, head) -> bool:
    """True when ``tok`` belongs to the cue's own subtree inside the clause (inverted incises)."""
    t = tok
    while t.i != head.i and t.head.i != t.i:
        if t.i == verb.i:
            return True
        t = t.head
    return False


def fragment_clause(doc, start: int, end: int) -> Clause | None:
    """The clause around a quoted fragment that no reporting verb frames: the verb above it and its
    arguments up to the fragment ("called half of his supporters “deplorables”", "favors a “strongman
    approach”"). The verb's subject is the speaker; this is how PolNeAR reads such fragments."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    holder = span.root
    verb = holder.head
    for _ in range(6):
        if verb.pos_ == "VERB" and not start <= verb.idx < end:
            break
        if verb.head.i == verb.i:
            return None
        holder, verb = verb, verb.head
    else:
        return None
    if verb.pos_ != "VERB" or holder.i < verb.i:
        return None  # a fragment in the subject ("“Trump exaggerates”, it said") has no such clause
    right = max(t.i for t in holder.subtree)
    toks = [t for t in doc[verb.i + 1:right + 1]]
    while toks and (toks[0].is_punct and not toks[0].is_quote or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct and not toks[-1].is_quote or toks[-1].is_space):
        toks.pop()
    if not toks or "\n" in doc_text(doc)[toks[0].idx:toks[-1].idx]:
        return None
    return Clause(toks[0].idx, toks[-1].idx + len(toks[-1].text), verb)
