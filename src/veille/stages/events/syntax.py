"""Dependency-parse helpers for event coding: who is the subject of a clause (through control verbs,
conjunctions and passives), what a preposition introduces, and how the clause is framed (negated,
planned, conditional, past). Works on both label sets veille meets: Universal Dependencies (French model)
and ClearNLP (English model).
"""

from __future__ import annotations

import re
from typing import Any

from .lexicon import Lexicon

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubj:pass", "nsubjpass"}
OBJECTS = {"obj", "dobj"}
INDIRECT = {"iobj", "dative"}
OBLIQUES = {"obl", "obl:arg", "obl:mod", "nmod", "obl:agent", "iobj"}
CLAUSE_LINKS = {"xcomp", "ccomp", "conj", "advcl"}
VERBAL = {"VERB", "AUX"}
_RELATIVE = {"qui", "que", "lequel", "laquelle", "who", "which", "that", "whom"}


def prep_args(tok):
    """(preposition, noun) pairs hanging from ``tok``: ``prep → pobj`` (ClearNLP) and ``obl/nmod`` with a
    ``case`` child (UD). French contractions are kept as written ("au", "du")."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent"):
            for p in c.children:
                if p.dep_ == "pobj":
                    yield (c.lower_, p)
        elif c.dep_ in OBLIQUES:
            case = next((k for k in c.children if k.dep_ == "case"), None)
            if case is not None:
                yield (case.lower_, c)


def passive_agent(v, lex: Lexicon):
    """The agent of a passive verb ("attaqué par X", "attacked by X"), shared by coordinated participles
    ("provoquée et alimentée par l'Occident": the agent hangs on the last one)."""
    for verb in [v, *(c for c in v.children if c.dep_ == "conj")]:
        for prep, noun in prep_args(verb):
            if prep in lex.AGENT_PREPS:
                return noun
    return None


def controller(v, lex: Lexicon, gov=None):
    """Who does what an infinitive says: the object of an object-control governor ("aider X à",
    "urge X to", "accused X of violating"), else the governor's own subject."""
    gov = v.head if gov is None else gov
    patient = passive_patient(gov)
    if patient is not None and gov.lemma_.lower() in lex.OBJECT_CONTROL:
        return patient  # "le gouvernement a été appelé à démissionner": the government would resign
    if gov.lemma_.lower() in lex.OBJECT_CONTROL:
        for c in gov.children:
            if c.dep_ in OBJECTS | INDIRECT and c.i != v.i:
                return c
        for prep, noun in prep_args(gov):
            if prep in lex.RECIPIENT_PREPS:
                return noun
    return subject(gov, lex)


def subject(v, lex: Lexicon, depth: int = 0):
    """The actor of verb ``v``: its subject; the passive agent; the controller of an infinitive; the
    subject of the first conjunct; the antecedent of a relative pronoun."""
    if depth > 5:
        return None
    for c in v.children:
        if c.dep_ in SUBJECTS and not _dateline_word(c):
            if c.lower_ in _RELATIVE and v.dep_ in ("acl:relcl", "relcl"):
                return v.head
            return c
    if any(c.dep_ in PASSIVE_SUBJECTS for c in v.children) or v.dep_ == "acl" or bare_participle(v):
        return passive_agent(v, lex)
    if v.head.i == v.i:
        return None
    if v.dep_ == "xcomp" and v.head.pos_ in VERBAL:
        return controller(v, lex)
    if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in VERBAL:  # "accused X of Ving"
        return controller(v, lex, v.head.head)
    if v.dep_ in ("conj", "xcomp", "advcl") or v.pos_ not in VERBAL or v.head.pos_ not in VERBAL:
        return subject(v.head, lex, depth + 1)
    return None


_DASHES = {"-", "–", "—", ":"}


def _dateline_word(tok) -> bool:
    """"MOSCOW - The Kremlin dismissed …": the parser may make the dateline's place a second subject; a
    word in capitals at the start of a line, a dash after it, is the dateline's, never the actor."""
    doc = tok.doc
    words = sorted(tok.subtree, key=lambda t: t.i)
    first, last = words[0].i, words[-1].i
    at_line_start = first == 0 or "\n" in doc[first - 1].text or "\n" in doc[first - 1].whitespace_
    dash = doc[last].text in _DASHES or last + 1 < len(doc) and doc[last + 1].text in _DASHES
    return at_line_start and dash and tok.text.isupper() and len(tok.text) > 1


def passive_patient(v):
    return next((c for c in v.children if c.dep_ in PASSIVE_SUBJECTS), None)


def bare_participle(v) -> bool:
    """A past participle heading a clause without auxiliary ("Asked to comment, the IDF said...",
    "un Brésilien exécuté en Indonésie"): passive, so the clause's host is the patient, not the actor."""
    participle = v.tag_ == "VBN" or ("Part" in v.morph.get("VerbForm") and "Past" in v.morph.get("Tense"))
    # the French parse sometimes hangs such a participle on its noun as "nmod" ("la Crimée annexée par
    # la Russie"): a participle under a noun is the same construction
    on_noun = v.dep_ in ("nmod", "amod") and v.head.pos_ in ("NOUN", "PROPN")
    return (participle and (v.dep_ in ("advcl", "acl") or on_noun) and
            not any(c.dep_.startswith("aux") for c in v.children))


def objects(v):
    """Direct and indirect objects, then what the object's own prepositions add (the French parse often
    hangs "à la Biélorussie" on the object rather than on the verb)."""
    out = [c for c in v.children if c.dep_ in OBJECTS | INDIRECT]
    # ClearNLP's "dative" can be the preposition itself ("sent food to Ukraine"): its object is the party
    return [next((p for p in c.children if p.dep_ == "pobj"), c) if c.pos_ == "ADP" else c for c in out]


def governors(tok, limit: int = 6):
    """The chain of clause heads above ``tok``, through complements, conjunctions and nouns heading a
    clause (a noun trigger under its light verb)."""
    out: list[tuple[str, Any]] = []
    cur = tok
    while cur.head.i != cur.i and len(out) < limit:
        out.append((cur.dep_, cur.head))
        cur = cur.head
    return out


def negated(tok, lex: Lexicon) -> bool:
    return any(c.dep_ == "neg" or (c.lower_ in lex.NEGATORS and c.dep_ in ("advmod", "neg", "det"))
               for c in tok.children)


_COND_ENDINGS = ("raient", "rait", "rais", "rions", "riez")


def conditional(tok) -> bool:
    """French conditional. The model often tags "transférerait" as imperfect, so the form is checked too:
    a conditional is the future stem + imperfect ending, an imperfect the bare stem + the same ending
    ("transférait" vs "transférerait", "courait" vs "pourrait")."""
    if "Cnd" in tok.morph.get("Mood"):
        return True
    form, lemma = tok.lower_, tok.lemma_.lower()
    for end in _COND_ENDINGS:
        if form.endswith(end) and len(form) > len(end) + 2:
            stem = form[: -len(end) + 1]  # keep the 'r'
            return stem.endswith("r") and form[: -len(end)] != lemma[:-2] and stem != lemma[:-2]
    return False


def past(tok) -> bool:
    """A past tense on a verb: passé composé / present perfect (participle with a tense auxiliary), passé
    simple, English simple past. The imperfect is left out: in reported speech it is only concordance."""
    if tok.tag_ in ("VBD",):
        return True
    if "Past" in tok.morph.get("Tense") and "Fin" in tok.morph.get("VerbForm"):
        return True
    if "Part" in tok.morph.get("VerbForm") or tok.tag_ == "VBN":
        return any(c.dep_ in ("aux", "aux:tense") and c.lemma_.lower() in ("avoir", "être", "have")
                   for c in tok.children)
    return False


_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b|\b(19|20)\d0s\b|années \d")


def historical_context(sentence_text: str, lex: Lexicon, has_past_timex: bool) -> bool:
    """Whether a sentence places its past acts in history rather than in the news of the day: a dated past
    timex, a year, or a cue such as "il y a" / "ago"."""
    low = sentence_text.lower()
    return has_past_timex or bool(_YEAR.search(low)) or any(c in low for c in lex.HISTORICAL_CUES)
