"""The entities stage: who and what the page names, linked to the knowledge base.

Mentions come from spaCy's named entities and from the KB's names (Aho-Corasick over the text), cleaned
of articles, elisions, honorifics and possessives. They are then linked: KB names and homonyms checked
against spaCy's type, transliteration keys for people ("Loukachenko" -> Lukashenko), surnames and
acronyms to the full name on the page, descriptions ("le président russe") to the office holder at the
publication date, and capitals or seats of power used as actors to their state ("Moscou a déclaré").
Only ``Article.text`` is read, so furniture the extractor removed never yields an entity.

>>> import veille
>>> art = veille.analyze_text("Le président russe Vladimir Poutine a rencontré M. Loukachenko à Minsk.",
...                           lang="fr")                                          # doctest: +SKIP
"""

from __future__ import annotations

import re

from ..lang import resources
from ..pipeline import Stage, Work
from ..record import Entity, Mention
from .entities_chunks import chunk_candidates
from .entities_coref import resolve_acronyms, resolve_people, resolve_unknown
from .entities_descriptions import description_candidates, find_descriptions
from .entities_linking import link_by_name_key, link_names, record_type
from .entities_matcher import matcher_for
from .entities_mentions import NER_ONLY_TYPES, Candidate, kb_candidates, merge, ner_candidates
from .entities_metonymy import apply_metonymy


class Entities(Stage):
    name = "entities"
    version = "1"
    requires = ("doc",)
    assigns = ("entities", "mentions")

    def __call__(self, work: Work) -> Work:
        res = resources(work.article.lang)
        words = res.part("entities") if res is not None else None
        if work.doc is None or words is None:
            return work
        from ..kb import load_kb

        kb = load_kb(work.config.kb_files)
        cands = find_mentions(work.doc, words, kb, work.article.lang or "", work.article.published)
        work.article.entities, work.article.mentions = build_records(cands, kb)
        return work


def find_mentions(doc, words, kb, lang: str, published: str | None) -> list[Candidate]:
    """Every linked mention of ``doc``: names first, then descriptions and metonymies."""
    text = doc.text
    cands = merge(ner_candidates(doc, words), kb_candidates(text, matcher_for(kb).find(text), kb, words))
    cands = sorted(cands + chunk_candidates(doc, text, words, cands), key=lambda c: c.start)
    link_names(cands, kb, lang)
    promote_people(cands)
    series = series_names(text)
    cands = [c for c in cands if keep(c) and not is_description(c, kb, lang) and not in_series(c, series)
             and not names_a_thing(c, text, words)]
    link_by_name_key(cands, kb)
    resolve_people(cands)
    resolve_acronyms(cands, text)
    resolve_unknown(cands)
    apply_metonymy(cands, kb, doc, words)
    descs = find_descriptions(text, words, kb, lang, cands)
    names = [c for c in cands if not any(c.start >= d.start and c.end <= d.end and c.label == "PER"
                                         for d in descs)]
    return sorted(names + description_candidates(descs, kb, published, names, text), key=lambda c: c.start)


def promote_people(cands: list[Candidate]) -> None:
    """French NER often calls a full name MISC ("Recep Tayyip Erdogan") and the same surname PER a line
    later ("M. Erdogan"): a MISC span of two to four capitalised words ending with a PER surname is PER."""
    surnames = {c.text.split()[-1] for c in cands if c.label == "PER"}
    for c in cands:
        words = c.text.split()
        if c.label == "MISC" and c.entity_id is None and 2 <= len(words) <= 4 and words[-1] in surnames \
                and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
            c.label = "PER"


def is_description(c: Candidate, kb, lang: str) -> bool:
    """"Parlement turc", "Police vaudoise": a common noun and a country adjective is a description, not a
    name, even with a capital (sentence start)."""
    words = c.text.split()
    if c.entity_id is not None or len(words) != 2 or not words[1].islower():
        return False
    return bool(kb.by_adjective(words[1], lang))


_SERIES = re.compile(r"\b([A-Z][a-z]+)[ \u00a0](?:[IVX]{1,4}|\d{1,3})\b(?![.,]\d)")


def series_names(text: str) -> set[str]:
    """Words the page numbers like missions, products or models ("Artemis II", "Apollo 11", "Falcon 9"):
    such names are things, not organisations or places, and the gold of no news corpus counts them."""
    return {m.group(1) for m in _SERIES.finditer(text)}


def in_series(c: Candidate, series: set[str]) -> bool:
    words = c.text.split()
    return c.entity_id is None and c.label != "PER" and bool(words) and words[0] in series and (
        len(words) == 1 or re.fullmatch(r"[IVX]{1,4}|\d{1,3}", words[-1]) is not None)


def names_a_thing(c: Candidate, text: str, words) -> bool:
    """An unknown organisation used as the modifier of a thing noun is the thing's name, not an
    organisation: "the Apollo program", "the Financial Crime Prevention agency"."""
    nouns = getattr(words, "THING_NOUNS", ())
    if c.entity_id is not None or c.label != "ORG" or not nouns:
        return False
    nxt = re.match(r"[ \u00a0]+([a-z]+)", text[c.end:c.end + 30])
    return bool(nxt and nxt.group(1) in nouns)


def keep(c: Candidate) -> bool:
    """Whether a candidate is worth an entity. The KB's word is enough; spaCy alone must give a type
    veille keeps and, for one word, a proper noun (French NER tags "États" in "d’États entiers" as LOC)."""
    if c.entity_id is not None:
        return True
    if c.origin != "ner" or c.label not in NER_ONLY_TYPES:
        return False
    pos = c.extra.get("pos") or []
    if len(pos) == 1 and pos[0] != "PROPN":
        return False
    if len(c.text) <= 2 and c.text.isupper():  # "JT", "AP" alone: too short to tell from a heading
        return False
    return any(ch.isupper() for ch in c.text)


def build_records(cands: list[Candidate], kb) -> tuple[list[Entity], list[Mention]]:
    """Entities in order of first mention (KB name and type when known, else the fullest surface form and
    the most frequent spaCy type), and one Mention per candidate."""
    mentions, groups = [], {}
    for c in cands:
        mentions.append(Mention(start=c.start, end=c.end, text=c.text, entity_id=c.entity_id, how=c.how))
        groups.setdefault(c.entity_id, []).append(c)
    return [_entity(eid, group, kb) for eid, group in groups.items()], mentions


def _entity(entity_id: str, group: list[Candidate], kb) -> Entity:
    names: dict[str, None] = {}
    for c in group:
        names.update(dict.fromkeys([c.text] + ([c.written] if c.written else [])))
    known = kb.get(entity_id)
    if known is not None:
        return Entity(id=entity_id, name=known.name, type=record_type(known.type), names=list(names),
                      wikidata=known.wikidata)
    labels = [c.label for c in group if c.how != "description"] or ["PER"]
    label = max(set(labels), key=labels.count)
    fullest = max((c.text for c in group if c.how != "description"), key=lambda s: (len(s.split()), len(s)),
                  default=group[0].text)
    return Entity(id=entity_id, name=fullest, type=label, names=list(names))
