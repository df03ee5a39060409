"""Metonymy: a capital or a seat of power used as an actor stands for its state ("Moscou a déclaré",
"les troupes du Kremlin", "the Kremlin's response", "according to Washington"), while the same word used
as a place stays the place ("à Moscou", "in Moscow", a dateline "MOSCOU :", "le palais de l’Élysée").

The KB says what a place stands for (``KBEntity.stands_for``); the parse says how it is used. A city or a
seat of power (Kremlin, Élysée, White House) is an actor only when it is the subject, the agent, a
possessor, the source ("selon le Kremlin"), or the complement of an agent noun ("les alliés de Moscou",
"les troupes du Kremlin"); never after a locative preposition ("au Kremlin", "at the White House")."""

from __future__ import annotations

import re

from ..nlp import doc_text
from .mentions import Candidate

_SUBJECT_DEPS = {"nsubj", "nsubj:pass", "nsubjpass", "csubj", "obl:agent", "agent", "poss"}
_SOURCE_WORDS = {"selon", "according", "d'après", "d’après"}


def apply_metonymy(cands: list[Candidate], kb, doc, words) -> None:
    """Relink capitals and seats of power used as actors to the state they stand for."""
    for c in cands:
        ent = kb.get(c.entity_id) if c.entity_id and c.how == "kb" else None
        if ent is None or not getattr(ent, "stands_for", None) or kb.get(ent.stands_for) is None:
            continue
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None or _is_place(span, words):
            continue
        if _is_actor(span, words):
            _relink(c, kb.get(ent.stands_for))
    _coordinated(cands, kb, doc_text(doc))


def _relink(c: Candidate, state) -> None:
    c.entity_id, c.how, c.label = state.id, "metonymy", state.type


def _coordinated(cands: list[Candidate], kb, text: str) -> None:
    """"Moscou et Minsk ont signé": places joined by "et"/"and" share their role, whichever one the
    parse attached to the verb."""
    for a, b in zip(cands, cands[1:], strict=False):
        if not re.fullmatch(r"\s*(?:,|et|and|ou|or)\s*", text[a.end:b.start]):
            continue
        for one, other in ((a, b), (b, a)):
            ent = kb.get(one.entity_id) if one.entity_id and one.how == "kb" else None
            if other.how == "metonymy" and ent is not None and ent.stands_for and kb.get(ent.stands_for):
                _relink(one, kb.get(ent.stands_for))


def _previous_word(span):
    i = span.start - 1
    while i >= 0 and (span.doc[i].pos_ == "DET" or span.doc[i].is_space):
        i -= 1
    return span.doc[i] if i >= 0 else None


def _is_place(span, words) -> bool:
    """After a locative preposition, or a dateline at the head of the text ("MOSCOU :")."""
    prev = _previous_word(span)
    if prev is not None and prev.lower_ in words.LOCATIVE_PREPOSITIONS:
        return True
    after = "".join(t.text_with_ws for t in span.doc[span.end:span.end + 2])[:3].lstrip(" ")
    return span.start_char < 3 and after[:1] in (":", "—", "–", "-", ",", "(")


def _is_actor(span, words) -> bool:
    root = span.root
    while root.dep_ == "conj" and root.head is not root:  # "Moscou et Minsk ont signé": as the first one
        root = root.head
    if root.dep_ in _SUBJECT_DEPS:
        return True
    prev = _previous_word(span)
    if prev is not None and prev.lower_ in _SOURCE_WORDS:
        return True
    if prev is not None and prev.lower_ == "to" and prev.i > 0 and span.doc[prev.i - 1].lower_ == "according":
        return True
    head = root.head
    if root.dep_ in ("nmod", "pobj", "obl:arg", "obl:mod") and head is not root:
        noun = head.head if root.dep_ == "pobj" else head
        return noun.lower_ in words.AGENT_NOUNS or noun.lemma_.lower() in words.AGENT_NOUNS
    return False
