"""One language's event vocabulary (``veille/lang/<code>/events.py``) behind a small lookup interface.

The language module holds plain word lists; this class answers the questions the coder asks of a parsed
token: is it a trigger, of which PLOVER type and mode, is it a reporting verb, a planning verb...
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import ModuleType

from ...lang import resources

#: PLOVER 2021 event types, in codebook order
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

_OBJECTS = {"obj", "dobj"}
_WITH_OBJECT = _OBJECTS | {"dative", "iobj", "nsubjpass", "nsubj:pass"}
_REFLEXIVE = {"se", "s'", "s’"}


def _participle_of_noun(tok) -> bool:
    """"les chars livrés par l'Allemagne": the noun the participle hangs on is its object."""
    return tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN")


def _a_party(obj, lex) -> bool:
    """An object that can be a visitor: a name, a pronoun or a role ("le président", "une délégation")."""
    named = any(c.pos_ == "PROPN" and c.dep_ in ("appos", "flat", "flat:name", "compound")
                for c in obj.children)
    return obj.pos_ in ("PROPN", "PRON") or obj.lemma_.lower() in lex.ROLE_NOUNS or named


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

    def __getattr__(self, name: str):
        """Word sets (``SPEECH_VERBS``, ``NEGATORS``...) read straight from the language module; a language
        may leave one out, which reads as empty."""
        if name.isupper():
            return getattr(self.m, name, frozenset())
        raise AttributeError(name)

    def verb_trigger(self, tok) -> Trigger | None:
        """The meaning of a verb token: verb+object first ("send troops", "rendre hommage à"), then
        verb+particle or preposition ("pull out", "se rendre à"), then the verb alone. Reporting uses
        ("il a averti que...") are not triggers."""
        lemma = tok.lemma_.lower()
        particles = [c.lower_ for c in tok.children if c.dep_ in ("prt", "compound:prt")]
        preps = [c.lower_ for c in tok.children if c.dep_ == "prep"]  # ClearNLP "fight for"
        preps += [k.lower_ for c in tok.children if c.dep_.startswith("obl")  # UD "se battre pour"
                  for k in c.children if k.dep_ == "case"]
        for c in tok.children:
            if c.dep_ in _OBJECTS or c.dep_.startswith("obl"):  # "mettre en garde"
                hit = self.verb_object.get((lemma, c.lemma_.lower()))
                if hit:
                    return Trigger(*hit)
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
        hit = self.verbs.get(lemma)
        return Trigger(*hit) if hit else None

    def noun_trigger(self, tok) -> Trigger | None:
        lemma = tok.lemma_.lower()
        compounds = [c.lemma_.lower() for c in tok.children if c.dep_ == "compound"]
        for c in compounds:
            hit = self.nouns.get(f"{c} {lemma}")
            if hit:
                return Trigger(*hit)
        hit = self.nouns.get(lemma)
        return Trigger(*hit) if hit else None


@cache
def lexicon(lang: str | None) -> Lexicon | None:
    """The event lexicon for a language code, or None when the language has none."""
    res = resources(lang)
    part = res.part("events") if res else None
    return Lexicon(part) if part else None
