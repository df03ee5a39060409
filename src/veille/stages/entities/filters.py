"""Which candidates become entities. The knowledge base's word is enough; what spaCy alone proposes must
look like a name: a type veille keeps, a proper noun, not a demonym ("l’Américain"), not a description
("parlement turc"), not a numbered thing ("Artemis II"), not the modifier of a thing ("the Apollo
program"), not a common word capitalised for starting a sentence ("Wildfires ...")."""

from __future__ import annotations

import re
from functools import cache

from .mentions import NER_ONLY_TYPES, Candidate

_ARTICLES = {"Le", "La", "Les", "Des", "Un", "Une", "Du", "De", "The", "A", "An"}
_PARTICLES = {"de", "du", "des", "la", "le", "da", "do", "dos", "das", "di", "van", "von", "der", "den",
              "ter", "bin", "ibn", "al", "el", "y", "e", "of", "zu"}


def worth_keeping(cands: list[Candidate], kb, lang: str, text: str, words) -> list[Candidate]:
    """The candidates that pass every filter below."""
    series = series_names(text)
    places = {c.text for c in cands if c.label in ("GPE", "LOC")}
    for c in cands:
        if is_place_named_club(c, kb, lang, places):
            c.label = "ORG"
        c.label = apposition_type(c, text, words) or c.label
    return [c for c in cands if keep(c, words) and not is_description(c, kb, lang)
            and not is_demonym(c, kb, lang) and not in_series(c, series)
            and not names_a_thing(c, text, words) and not names_a_vessel(c, text, words)
            and not is_inverted_verb(c, text, words)]


def names_a_vessel(c: Candidate, text: str, words) -> bool:
    """A name after a vessel noun names a ship ("le chalutier breton Kerlaz", "the tanker Sea Lark"):
    ships are things, not organisations or places."""
    nouns = getattr(words, "VESSEL_NOUNS", ())
    if c.entity_id is not None or c.label == "PER" or not nouns:
        return False
    before = text[max(0, c.start - 50):c.start]
    return _after_vessel_noun(tuple(nouns)).search(before) is not None


@cache
def _after_vessel_noun(nouns: tuple[str, ...]) -> re.Pattern[str]:
    """A vessel noun ending the text, up to three lower-case words after it ("de pêche espagnol"): built
    once per language, not once per candidate."""
    alts = "|".join(re.escape(n) for n in nouns)
    return re.compile(rf"(?<![\w-])(?:{alts})(?:[ \u00a0]+[^\W\d_A-Z][\w’'-]*){{0,3}}[ \u00a0]+$")


def is_inverted_verb(c: Candidate, text: str, words) -> bool:
    """A capitalised verb with its subject clitic after it opens a French question ("Croyez-vous ...",
    "Faut-il ..."): a verb, not a name."""
    clitics = getattr(words, "INVERTED_CLITICS", ())
    after = text[c.end:c.end + 8]
    return " " not in c.text and any(re.match(re.escape(k) + r"(?![\w])", after) for k in clitics)


def promote_people(cands: list[Candidate]) -> None:
    """spaCy often gives a full name another type ("Recep Tayyip Erdogan" MISC, "Mason Rudolph" ORG) and
    the surname alone PER elsewhere ("M. Erdogan", "Rudolph"): a span of two to four capitalised words
    ending with a surname spaCy calls PER is a person."""
    surnames = {c.text.split()[-1] for c in cands if c.label == "PER"}
    for c in cands:
        words = c.text.split()
        if c.label != "PER" and c.origin == "ner" and c.entity_id is None and 2 <= len(words) <= 4 \
                and words[-1] in surnames \
                and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
            c.label = "PER"


_APPOSITION = re.compile(r",[ \u00a0]+(?:un|une|a|an)[ \u00a0]+([^\W\d_]+)(?:[ \u00a0]+([^\W\d_]+))?")


def apposition_type(c: Candidate, text: str, words) -> str | None:
    """An unknown name followed by an indefinite apposition headed by a classifier noun is what that noun
    says ("Eixo, une organisation de défense des océans", "Brightwater, a charity that ..."), whatever
    type the NER gave it (MISC, a place)."""
    kinds = getattr(words, "CLASSIFIERS", {})
    if c.entity_id is not None or c.origin != "ner" or c.label == "PER" or not kinds:
        return None
    m = _APPOSITION.match(text, c.end, c.end + 60)
    return (kinds.get(m.group(1)) or kinds.get(m.group(2) or "")) if m else None  # "a local charity"


def is_place_named_club(c: Candidate, kb, lang: str, places: frozenset[str] | set[str] = frozenset()) -> bool:
    """A place and a capitalised plural is a club or a band, whatever type the NER gave it ("the Moncton
    Pirates" as a building, "Castors de Rennes" as MISC); a place and its people is not ("Gaza
    Palestinians"). The place is one the KB knows or the NER calls a place elsewhere on the page."""
    words = c.text.split()
    if c.origin != "ner" or c.entity_id is not None or c.label in ("ORG", "PER") or not 2 <= len(words) <= 4:
        return False
    french = len(words) >= 3 and words[1] in ("de", "du", "d’", "d'")  # "Canadiens de Montréal"
    plural, place = (words[0], " ".join(words[2:])) if french else (words[-1], " ".join(words[:-1]))
    if not (plural[:1].isupper() and plural[1:].islower() and plural.endswith(("s", "x"))) \
            or kb.by_adjective(plural, lang):
        return False
    return place in places or any(e.type in ("GPE", "LOC") for e in kb.lookup(place))


def is_description(c: Candidate, kb, lang: str) -> bool:
    """"Parlement turc", "Police vaudoise": a common noun and a country adjective is a description, not a
    name, even with a capital (sentence start)."""
    words = c.text.split()
    if c.entity_id is not None or len(words) != 2 or not words[1].islower():
        return False
    return bool(kb.by_adjective(words[1], lang))


#: a name and a roman numeral or a one- or two-digit number: a mission, a model, a product. Three digits
#: and more are kept out: "Boeing 737" names an aircraft, but Boeing alone is still the company.
_SERIES = re.compile(r"\b([A-Z][a-z]+)[ \u00a0](?:[IVX]{1,4}|\d{1,2})\b(?![.,]\d)")


def series_names(text: str) -> set[str]:
    """Words the page numbers like missions, products or models ("Artemis II", "Apollo 11", "Falcon 9"):
    such names are things, not organisations or places, and the gold of no news corpus counts them."""
    return {m.group(1) for m in _SERIES.finditer(text)}


def in_series(c: Candidate, series: set[str]) -> bool:
    words = c.text.split()
    return c.entity_id is None and c.label != "PER" and bool(words) and words[0] in series and (
        len(words) == 1 or re.fullmatch(r"[IVX]{1,4}|\d{1,2}", words[-1]) is not None)


def names_a_thing(c: Candidate, text: str, words) -> bool:
    """An unknown organisation used as the modifier of a thing noun is the thing's name, not an
    organisation: "the Apollo program", "the Financial Crime Prevention agency"."""
    nouns = getattr(words, "THING_NOUNS", ())
    if c.entity_id is not None or c.label != "ORG" or not nouns:
        return False
    nxt = re.match(r"[ \u00a0]+([a-z]+)", text[c.end:c.end + 30])
    return bool(nxt and nxt.group(1) in nouns)


def is_demonym(c: Candidate, kb, lang: str) -> bool:
    """"l’Américain", "Moldave", "Ukrainienne": a demonym spaCy took for a place or a person."""
    return c.entity_id is None and " " not in c.text and bool(kb.by_adjective(c.text, lang))


def keep(c: Candidate, words=None) -> bool:
    """Whether a candidate is worth an entity. The KB's word is enough; spaCy alone must give a type
    veille keeps and, for one word, a proper noun (French NER tags "États" in "d’États entiers" as LOC)."""
    if c.entity_id is not None:
        return True
    if c.origin != "ner" or (c.label not in NER_ONLY_TYPES and not c.extra.get("classified")):
        return False  # a classifier noun may give a type spaCy has not ("le quotidien X" is MEDIA)
    if c.extra.get("headed"):  # a head noun made it a name: "place Victor-Hugo", "ministère de l’Intérieur"
        return True
    pos = c.extra.get("pos") or []
    if len(pos) == 1 and pos[0] != "PROPN":
        return False
    if len(c.text) <= 2 and c.text.isupper() and not c.extra.get("classified"):
        # "JT", "AP" alone: too short to tell from a heading, unless announced ("l’agence PA")
        return False
    words_ = c.text.split()
    if len(words_) > 1 and not any(w[:1].isupper() for w in words_[1:]) and words_[0] in _ARTICLES:
        return False  # "Le monde", "Des gamers": an article and a common noun
    if c.extra.get("common"):  # "Wildfires ...", "Croyez-vous": first word of a sentence, a common word
        return False
    if words is not None and c.text.casefold() in {w.casefold() for w in getattr(words, "NOT_NAMES", ())}:
        return False
    if len(words_) > 1 and c.text.upper() == c.text and c.label != "PER":
        return False  # "A THIRD PARTY": a caption or heading in capitals, not a name
    if c.label == "PER" and any(w.islower() and w not in _PARTICLES for w in words_[1:]):
        return False  # "Directeur de campagne": a person's name has no common words, only particles
    return any(ch.isupper() for ch in c.text)


