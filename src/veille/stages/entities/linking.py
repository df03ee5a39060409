"""Linking candidates to the knowledge base: exact (folded) names written with the KB's capitals first,
then transliteration keys for people ("Loukachenko" meets the KB's "Lukashenko"). Among homonyms, one
already on the page wins, then one whose type agrees with spaCy's; an honorific ("M. Jordan") admits
only people. A lone surname links to a KB person only when the page names that person's country."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from ...kb import fold as kb_fold
from .matcher import case_fits
from .mentions import Candidate, name_like
from .namekeys import person_key, surname_key

#: KB types -> record types, for a KB that uses finer types than the record
KB_TYPES = {"COUNTRY": "GPE", "STATE": "GPE", "CITY": "GPE", "TERRITORY": "GPE", "IGO": "ORG", "NGO": "ORG",
            "PARTY": "ORG", "ARMED_FORCES": "ORG", "MILITARY": "ORG", "AGENCY": "MEDIA", "NEWS": "MEDIA"}
RECORD_TYPES = {"PER", "ORG", "GPE", "LOC", "NORP", "MEDIA", "WEAPON", "EVENT", "MISC"}


def record_type(kb_type: str | None) -> str:
    t = (kb_type or "MISC").upper()
    return t if t in RECORD_TYPES else KB_TYPES.get(t, "MISC")


def type_agrees(ner_label: str | None, kb_type: str) -> bool:
    """spaCy and the KB agree on what kind of thing it is: people with people, the rest with the rest."""
    if ner_label is None or ner_label in ("MISC", "NORP", "EVENT"):
        return True
    return (ner_label == "PER") == (kb_type == "PER")


def link_names(cands: list[Candidate], kb, lang: str) -> None:
    """Give each candidate the KB entity it names, when there is one (sets ``entity_id`` and ``how``)."""
    for c in cands:
        if c.origin == "ner":
            _lookup_ner(c, kb, lang)
        if c.kb_ids:
            ner_label = c.extra.setdefault("ner_label", c.label if c.origin == "ner" else None)
            pick = _pick(c.kb_ids, kb, ner_label, cands, bool(c.extra.get("titled")))
            if pick is not None:
                c.entity_id, c.how = pick, "kb"
                c.label = record_type(kb.get(pick).type)


def _lookup_ner(c: Candidate, kb, lang: str) -> None:
    """A spaCy span the matcher did not cover: look it up, then without a capitalised article
    ("Le Kremlin" at the start of a sentence)."""
    found = kb.lookup(c.text, lang) or kb.lookup(c.text)
    if not found:
        m = re.match(r"(?:Le|La|Les|L['’]|The)\s*(?=\S)", c.text)
        rest = c.text[m.end():] if m else ""
        if m and name_like(rest):
            found = kb.lookup(rest, lang) or kb.lookup(rest)
            # English organisations keep no article ("The NFC" -> NFC); places do ("The Hague")
            if found or (m.group(0).startswith("The") and c.label in ("ORG", "MEDIA")):
                c.start += m.end()
                c.text = rest
    found = [e for e in found if _written_like(c.text, e)]
    if found:
        c.kb_ids = tuple(e.id for e in found)


def _written_like(text: str, ent) -> bool:
    """The page writes the name with the capitals of one of the KB's spellings ("Le monde" is not the
    paper Le Monde)."""
    key = kb_fold(text)
    return any(case_fits(text, n) for n in ent.all_names() if kb_fold(n) == key)


def _pick(ids: tuple[str, ...], kb, ner_label: str | None, cands: list[Candidate],
          titled: bool) -> str | None:
    """Among homonyms, one already named on the page, then one whose type agrees with spaCy. spaCy's type
    is a preference, not a veto: the small models call many places, papers and weapons people ("Kyiv",
    "Dagens Nyheter", "Iskander"). Only an honorific ("M. Jordan") rules out everything but a person."""
    known = [i for i in ids if kb.get(i) is not None]
    if titled:
        known = [i for i in known if record_type(kb.get(i).type) == "PER"]
    if not known:
        return None
    agreeing = [i for i in known if type_agrees(ner_label, record_type(kb.get(i).type))]
    on_page = {c.entity_id for c in cands if c.entity_id}
    on_page |= {kb.get(i).country for i in on_page if kb.get(i) is not None}  # Dublin -> Ireland
    ranked = agreeing + [i for i in known if i not in agreeing]
    return next((i for i in ranked if i in on_page), ranked[0])


@lru_cache(maxsize=4)
def _person_keys(kb) -> dict[str, tuple[str, ...]]:
    """KB people by transliteration key of each of their names (built once per KB)."""
    index: dict[str, set[str]] = defaultdict(set)
    for surface, _lang, entity_id in kb.surface_names():
        ent = kb.get(entity_id)
        if ent is not None and ent.type == "PER" and len(surface.split()) >= 2:
            index[person_key(surface)].add(entity_id)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def link_by_name_key(cands: list[Candidate], kb) -> None:
    """People the KB knows under another transliteration: "Alexandre Loukachenko" -> Lukashenko."""
    index = _person_keys(kb)
    for c in cands:
        if c.entity_id is None and c.label == "PER" and len(c.text.split()) >= 2:
            ids = index.get(person_key(c.text), ())
            if len(ids) == 1:
                c.entity_id, c.how = ids[0], "namekey"


@lru_cache(maxsize=4)
def _surname_keys(kb) -> dict[str, tuple[str, ...]]:
    """KB people by the transliteration key of their surname (built once per KB)."""
    index: dict[str, set[str]] = defaultdict(set)
    for surface, _lang, entity_id in kb.surface_names():
        ent = kb.get(entity_id)
        if ent is not None and ent.type == "PER" and len(surface.split()) >= 2:
            index[surname_key(surface)].add(entity_id)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def link_lone_surnames(cands: list[Candidate], kb) -> None:
    """A surname alone that no full name on the page explains ("Loukachenko a répondu") is the one KB
    person with that surname under any transliteration, when the page also names that person's country or
    the body they serve ("Martin" on a page about Ireland); otherwise it is left alone."""
    index = _surname_keys(kb)
    local = {c.entity_id for c in cands if c.entity_id and len(c.text.split()) >= 2}
    on_page = {c.entity_id for c in cands if c.entity_id}
    for c in cands:
        if c.label != "PER" or c.how != "ner" or " " in c.text or c.entity_id in local or len(c.text) < 4:
            continue
        ids = index.get(surname_key(c.text), ())
        if len(ids) == 1 and _context(kb.get(ids[0])) & on_page:
            old = c.entity_id
            for other in cands:
                if other.entity_id == old and other.how in ("ner", "coref"):
                    other.entity_id, other.how = ids[0], "namekey"


def _context(person) -> set[str]:
    """The ids a KB person belongs with: their country and what they held office of."""
    return {x for x in (person.country, *(r.of for r in person.roles)) if x}


def link_unqualified_names(cands: list[Candidate], kb, lang: str) -> None:
    """A name the KB does not know that is a KB name on the page without its nationality adjective is
    that entity: "le ministère des Affaires étrangères" on a page naming the KB's "ministère français des
    Affaires étrangères" (through its other name, "Quai d'Orsay"); "the Foreign Ministry" after "the
    French Foreign Ministry"."""
    linked = {c.entity_id for c in cands if c.how in ("kb", "metonymy") and c.entity_id}
    short: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for entity_id in linked:
        ent = kb.get(entity_id)
        if ent is None or ent.type == "PER":
            continue
        for name in ent.all_names():
            words = kb_fold(name).split()
            for i, word in enumerate(words):
                if len(words) >= 3 and kb.by_adjective(word, lang):
                    short[tuple(words[:i] + words[i + 1:])].add(entity_id)
    for c in cands:
        ids = short.get(tuple(kb_fold(c.text).split())) if c.how == "ner" else None
        if ids and len(ids) == 1:
            old = c.entity_id
            for other in cands:
                if other is c or (old is not None and other.entity_id == old and other.how == "ner"):
                    other.entity_id, other.how = next(iter(ids)), "coref"
