"""One language's event vocabulary (``veille/lang/<code>/events.py``) behind a small lookup interface.

The language module holds plain word lists; this class answers the questions the coder asks of a parsed
token: is it a trigger, of which PLOVER type and mode, is it a reporting verb, a planning verb...
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from ...lang import resources

#: PLOVER 2021 event types, in codebook order
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

_OBJECTS = {"obj", "dobj"}
_WITH_OBJECT = _OBJECTS | {"dative", "iobj", "nsubjpass", "nsubj:pass"}
_REFLEXIVE = {"se", "s'", "s’"}


def _verb_heads(verbs: dict, verb_object: dict) -> frozenset[str]:
    """Every lemma ``verb_trigger`` can find an entry for: a verb entry itself ("attaquer"), the verb
    before a particle or preposition ("pull" of "pull out"), the verb of a reflexive entry ("rendre" of
    "se rendre") and the verb of a verb+object pair."""
    heads = {verb for verb, _ in verb_object}
    for key in verbs:
        heads.add(key)
        heads.update(key[:i] for i, c in enumerate(key) if c == " ")
        if key.startswith("se "):
            heads.add(key[3:])
    return frozenset(heads)


def _complements(tok) -> list:
    """Objects and oblique complements of a verb, with the "en …" phrases the parse may hang on the object
    ("attaquer l'État en justice")."""
    out = [c for c in tok.children if c.dep_ in _OBJECTS or c.dep_.startswith("obl")]
    out += [k for c in out if c.dep_ in _OBJECTS for k in c.children
            if k.dep_ == "nmod" and any(x.dep_ == "case" and x.lower_ == "en" for x in k.children)]
    return out


def _participle_of_noun(tok) -> bool:
    """"les chars livrés par l'Allemagne": the noun the participle hangs on is its object."""
    return tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN")


def _a_party(obj, lex) -> bool:
    """An object that can be a visitor: a name, a pronoun or a role ("le président", "une délégation")."""
    named = any(c.pos_ == "PROPN" and c.dep_ in ("appos", "flat", "flat:name", "compound")
                for c in obj.children)
    return obj.pos_ in ("PROPN", "PRON") or obj.lemma_.lower() in lex.ROLE_NOUNS or named


def _of_a_party(obj, lex) -> bool:
    """An object that belongs to a named party ("the right of Kurdish troops", "les droits de
    l'Ukraine")."""
    for c in obj.children:
        nouns = [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "of" else (
            [c] if c.dep_ == "nmod" and any(k.dep_ == "case" and k.lower_ in lex.GENITIVE_PREPS
                                             for k in c.children) else [])
        if any(n.pos_ == "PROPN" or any(k.pos_ == "PROPN" for k in n.children) for n in nouns):
            return True
    return False


def _noun_heads(nouns: dict) -> frozenset[str]:
    """Every lemma ``noun_trigger`` can find an entry for: a noun entry itself ("invasion") and what
    follows any of its spaces ("strike" of "hunger strike", which it looks up as a compound + the noun)."""
    heads = set(nouns)
    for key in nouns:
        heads.update(key[i + 1:] for i, c in enumerate(key) if c == " ")
    return frozenset(heads)


@dataclass(frozen=True)
class Trigger:
    """What a trigger word means: its PLOVER type and mode, and for nouns what "de X"/"of X" names."""

    type: str
    mode: str | None
    genitive: str = "actor"


class Lexicon:
    """The event words of one language."""

    def __init__(self, module: ModuleType):
        self.m = module
        self.verbs: dict = module.VERBS
        self.nouns: dict = module.NOUNS
        self.verb_object: dict = getattr(module, "VERB_OBJECT", {})
        self.verb_heads = _verb_heads(self.verbs, self.verb_object)
        self.noun_heads = _noun_heads(self.nouns)

    def __getattr__(self, name: str):
        """Word sets (``SPEECH_VERBS``, ``NEGATORS``...) read straight from the language module; a language
        may leave one out, which reads as empty. Each is kept on the lexicon once read: the coder asks for
        them tens of thousands of times a pass, and a found attribute does not come back here."""
        if name.isupper():
            value: Any = getattr(self.m, name, frozenset())
            setattr(self, name, value)
            return value
        raise AttributeError(name)

    def may_trigger_noun(self, lemma: str) -> bool:
        """Whether ``noun_trigger`` can find an entry for a noun of this (lower-case) lemma: the noun alone
        or after a compound word. Most nouns of a page cannot, and the coder skips their checks."""
        return lemma in self.noun_heads

    def verb_trigger(self, tok) -> Trigger | None:
        """The meaning of a verb token: verb+object first ("send troops", "rendre hommage à"), then
        verb+particle or preposition ("pull out", "se rendre à"), then the verb alone. Reporting uses
        ("il a averti que...") are not triggers."""
        lemma = tok.lemma_.lower()
        if lemma not in self.verb_heads:
            return None  # no entry can start with this verb: the checks below would all come to nothing
        particles = [c.lower_ for c in tok.children if c.dep_ in ("prt", "compound:prt")]
        preps = [c.lower_ for c in tok.children if c.dep_ == "prep"]  # ClearNLP "fight for"
        preps += [k.lower_ for c in tok.children if c.dep_.startswith("obl")  # UD "se battre pour"
                  for k in c.children if k.dep_ == "case"]
        if self._idiom(tok, lemma):
            return None
        for c in _complements(tok):  # "mettre en garde", "attaquer en justice"
            hit = self.verb_object.get((lemma, c.lemma_.lower()))
            if hit:
                return Trigger(*hit)
        if lemma in self.CONTENT_VERBS and not self._asks_for_something(tok):
            return None  # "appelle à la grève" is a call, "appelle cela une victoire" a naming
        if lemma in self.PERSON_OBJECT_VERBS and not self._of_persons(tok):
            return None  # "released the hostages", not "released a report" or "a poll released last week"
        if any(c.dep_.startswith("expl") and c.lower_ in _REFLEXIVE for c in tok.children):
            hit = self.verbs.get(f"se {lemma}")  # "se sont entretenus", "s'est rendu"
            if hit:
                return Trigger(*hit)
        for p in particles + preps:
            if f"{lemma} {p}" in self.NON_TRIGGERS:
                return None
            hit = self.verbs.get(f"{lemma} {p}")
            if hit:
                return Trigger(*hit)
        if lemma in self.SPEECH_VERBS and any(c.dep_ == "ccomp" for c in tok.children):
            return None
        if lemma in self.NOT_WITH_INFINITIVE and any(c.dep_ == "xcomp" for c in tok.children):
            return None
        if lemma in self.TRANSITIVE_ONLY and not (any(c.dep_ in _WITH_OBJECT for c in tok.children)
                                                  or _participle_of_noun(tok)):
            return None  # "while returning home" is no RETREAT, "Keller gave the lead" needs an object
        objects = [c for c in tok.children if c.dep_ in _OBJECTS]
        if lemma in self.HOST_VERBS and not any(_a_party(c, self) for c in objects):
            return None  # "a reçu le président" is a visit, "a reçu des chars" is not
        if lemma in self.PARTY_OBJECT_VERBS and not any(_a_party(c, self) or _of_a_party(c, self)
                                                        for c in objects):
            return None  # "defended the minister" / "the rights of Kurds", not "defended his decision"
        hit = self.verbs.get(lemma)
        if hit and hit[0] == "REQUEST" and self._asks_a_question(tok):
            return None
        if hit and hit[0] == "THREATEN" and self._warns_of_a_fact(tok):
            return None
        return Trigger(*hit) if hit else None

    def _idiom(self, tok, lemma: str) -> bool:
        """Fixed expressions that use a trigger verb for something else: a reflexive or verb + object
        listed in ``NON_TRIGGERS`` ("se féliciter de" is to be pleased, "se rendre compte" to realise),
        and a participle governed by a preposition ("took them for granted", "tenir pour acquis")."""
        reflexive = any(c.dep_.startswith("expl") and c.lower_ in _REFLEXIVE for c in tok.children)
        if reflexive and f"se {lemma}" in self.NON_TRIGGERS:
            return True
        objects = [c.lemma_.lower() for c in tok.children if c.dep_ in _OBJECTS]
        if any(f"{lemma} {o}" in self.NON_TRIGGERS for o in objects):
            return True
        if tok.tag_ != "VBN" or tok.i == 0:
            return False
        before = tok.doc[tok.i - 1]
        return before.tag_ == "IN" and (before.i == tok.head.i or before.head.i == tok.i)

    def _asks_for_something(self, tok) -> bool:
        """A request verb that says what is asked: an infinitive or clause ("appelé les salariés à
        manifester"), or an "à"-complement ("appelle à la grève")."""
        if any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            return True
        return any(case.lower_ in self.RECIPIENT_PREPS for c in tok.children if c.dep_.startswith("obl")
                   or c.dep_ == "iobj" for case in c.children if case.dep_ == "case")

    def _of_persons(self, tok) -> bool:
        """Whether what the verb acts on is people: a name, a personal pronoun, a role, or a noun of
        the kind held captive ("prisonniers", "hostages")."""
        patients = [c for c in tok.children if c.dep_ in _WITH_OBJECT]
        if _participle_of_noun(tok):
            patients.append(tok.head)
        people = self.CAPTIVE_NOUNS | self.ROLE_NOUNS
        return any(p.lemma_.lower() in people or p.lower_ in people or p.pos_ == "PROPN"
                   or (p.pos_ == "PRON" and p.lower_ not in self.THING_PRONOUNS) for p in patients)

    def _warns_of_a_fact(self, tok) -> bool:
        """"warned that the vote could depress growth" voices a fear, it threatens nobody: a warning is a
        threat only when what it announces is done by someone ("warned that police will no longer
        tolerate rallies", "warned that it would retaliate")."""
        for c in tok.children:
            # the warning's own clause: "warned (that) the vote...", not a clause the parse hung further on
            that = c.left_edge.i == tok.i + 1 or any(k.dep_ == "mark" and k.lower_ == "that"
                                                     for k in c.children)
            if c.dep_ != "ccomp" or not that:
                continue
            subject = next((k for k in c.children if k.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")), None)
            if subject is None:
                continue
            words = {subject.lemma_.lower(), subject.lower_}
            person = subject.pos_ == "PRON" and subject.lower_ not in self.THING_PRONOUNS
            doer = subject.pos_ == "PROPN" or person or bool(words & (self.ROLE_NOUNS | self.FORCE_NOUNS))
            return not doer
        return False

    def _asks_a_question(self, tok) -> bool:
        """"asked him how many minds he had changed", "a demandé si la réforme...": a complement that is an
        indirect question makes the verb a question, not a request."""
        clauses = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
        # the English parse may hang the question on the object as a relative clause ("asked the minister
        # how many troops had left"); "how", "whether" as adverb or subordinator open no relative clause
        clauses += [r for o in tok.children if o.dep_ in _OBJECTS | {"dative", "iobj"} for r in o.children
                    if r.dep_ in ("relcl", "acl", "acl:relcl") and r.left_edge.dep_ in ("advmod", "mark")]
        return any(c.left_edge.lower_ in self.QUESTION_WORDS and c.left_edge.i < c.i for c in clauses)

    def noun_trigger(self, tok) -> Trigger | None:
        lemma = tok.lemma_.lower()
        compounds = [c.lemma_.lower() for c in tok.children if c.dep_ == "compound"]
        for c in compounds:
            hit = self.nouns.get(f"{c} {lemma}")
            if hit:
                return Trigger(*hit)
        if lemma in self.COMPLEMENT_NOUNS and not self._addressed(tok):
            return None
        hit = self.nouns.get(lemma)
        return Trigger(*hit) if hit else None

    def _addressed(self, tok) -> bool:
        """Whether a request noun says what is asked or of whom: a complement other than its genitive
        ("call for talks", "appel à la grève", "appeal to the UN"), an infinitive ("appel à manifester"),
        or a light verb that makes it ("lancer un appel")."""
        light = tok.head.lemma_.lower() in self.LIGHT_VERBS and tok.dep_ in _OBJECTS
        holders = [tok]
        if tok.dep_ in _OBJECTS:  # the parse may hang the complement on the verb: "renewed her appeal to X"
            holders.append(tok.head)
        after = [c for h in holders for c in h.children if c.i > tok.i]
        preps = [c.lower_ for c in after if c.dep_ == "prep"]
        preps += [k.lower_ for c in after if c.dep_ in ("nmod", "obl", "acl")
                  for k in c.children if k.dep_ in ("case", "mark")]
        return light or any(p not in self.GENITIVE_PREPS for p in preps) or any(
            c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in tok.children)


@cache
def lexicon(lang: str | None) -> Lexicon | None:
    """The event lexicon for a language code, or None when the language has none."""
    res = resources(lang)
    part = res.part("events") if res else None
    return Lexicon(part) if part else None
