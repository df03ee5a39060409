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

from typing import cast

from ...lang import resources
from ...record import Entity, EntityType, LinkHow, Mention
from ...stage import Stage, Work
from ..nlp import doc_text
from .chunks import chunk_candidates, extend_cut_names
from .coref import (
    compass_parts,
    renamed,
    resolve_acronyms,
    resolve_people,
    resolve_unknown,
    short_forms,
    surname_mentions,
)
from .descriptions import description_candidates, find_descriptions
from .filters import promote_people, worth_keeping
from .furniture import outside_furniture
from .headnouns import attach_head_nouns
from .linking import (
    link_by_name_key,
    link_lone_surnames,
    link_names,
    link_unqualified_names,
    record_type,
)
from .matcher import matcher_for
from .mentions import Candidate, kb_candidates, merge, ner_candidates
from .metonymy import apply_metonymy


class Entities(Stage):
    name = "entities"
    version = "1"
    requires = ("text", "lang", "doc")
    assigns = ("entities", "mentions")

    def __call__(self, work: Work) -> Work:
        res = resources(work.article.lang)
        words = res.part("entities") if res is not None else None
        if work.doc is None or words is None or res is None:
            return work
        from ...kb import load_kb

        kb = load_kb(work.config.kb_files)
        self._kb_size = len(kb)
        cands = find_mentions(work.doc, words, kb, work.article.lang or "", work.article.published,
                              res.function_words)
        work.article.entities, work.article.mentions = build_records(cands, kb)
        return work

    def models(self) -> list[str]:
        """The knowledge base used, by size (user files change it), for the record's provenance."""
        size = getattr(self, "_kb_size", None)
        return [f"veille-kb-{size}-entities"] if size else []


def find_mentions(doc, words, kb, lang: str, published: str | None,
                  small: frozenset[str] = frozenset()) -> list[Candidate]:
    """Every linked mention of ``doc``: names first, then descriptions and metonymies. ``words`` is the
    language's entity word lists, ``small`` its function words."""
    text = doc_text(doc)
    found = kb_candidates(text, matcher_for(kb).find(text), kb, words, small)
    cands = outside_furniture(merge(ner_candidates(doc, words), found), text)
    cands = sorted(cands + chunk_candidates(doc, text, words, cands), key=lambda c: c.start)
    cands = attach_head_nouns(cands, text, words)
    extend_cut_names(cands, text, kb, lang, words, small)
    link_names(cands, kb, lang)
    promote_people(cands)
    cands = worth_keeping(cands, kb, lang, text, words)
    link_by_name_key(cands, kb)
    resolve_people(cands)
    cands = surname_mentions(cands, doc)
    link_lone_surnames(cands, kb)
    resolve_acronyms(cands, text)
    resolve_unknown(cands)
    link_unqualified_names(cands, kb, lang)
    cands = renamed(cands, text)
    compass_parts(cands, words)
    cands = short_forms(cands, doc, words)
    apply_metonymy(cands, kb, doc, words)
    descs = find_descriptions(text, words, kb, lang, cands)
    names = [c for c in cands if not any(c.start >= d.start and c.end <= d.end and c.label == "PER"
                                         for d in descs)]
    return sorted(names + description_candidates(descs, kb, published, names, text), key=lambda c: c.start)


def build_records(cands: list[Candidate], kb) -> tuple[list[Entity], list[Mention]]:
    """Entities in order of first mention (KB name and type when known, else the fullest surface form and
    the most frequent spaCy type), and one Mention per candidate."""
    mentions: list[Mention] = []
    groups: dict[str, list[Candidate]] = {}
    for c in cands:
        if c.entity_id is None:  # every kept candidate has an id by now; a stray one is not a mention
            continue
        mentions.append(Mention(start=c.start, end=c.end, text=c.text, entity_id=c.entity_id,
                                how=cast(LinkHow, c.how)))
        groups.setdefault(c.entity_id, []).append(c)
    return [_entity(eid, group, kb) for eid, group in groups.items()], mentions


def _entity(entity_id: str, group: list[Candidate], kb) -> Entity:
    names: dict[str, None] = {}
    for c in group:
        names.update(dict.fromkeys([c.text] + ([c.written] if c.written else [])))
    known = kb.get(entity_id)
    if known is not None:
        return Entity(id=entity_id, name=known.name, type=cast(EntityType, record_type(known.type)),
                      names=list(names), wikidata=known.wikidata)
    labels = [c.label for c in group if c.how != "description"] or ["PER"]
    label = max(set(labels), key=labels.count)
    surfaces = [c.text for c in group if c.how != "description"]
    fullest = max(surfaces, key=lambda s: (len(s.split()), surfaces.count(s), len(s)), default=group[0].text)
    return Entity(id=entity_id, name=fullest, type=cast(EntityType, label), names=list(names))
