"""Turning the parse's actor and recipient phrases into entity ids, through the page's mentions.

PLOVER codes states and organisations, so a party is resolved in this order:
1. a mention inside the phrase (the entities stage has already made "Moscou" as an actor a metonymy
   mention of Russia, and "l'Occident" an entity of its own — a named group PLOVER has no code for);
2. a person is coded as their country when the page calls them by a nationality ("le président russe
   Vladimir Poutine" → Russia), as a PLOVER actor code is country + sector;
3. a common noun with a nationality adjective is that country ("le dirigeant biélorusse", "Israeli troops"),
   through the knowledge base's adjectives, else a shared stem with a country named on the page;
4. an unresolved pronoun takes the nearest earlier party of the same sentence (a deliberately small
   stand-in for coreference, used only where the entities stage left the pronoun unlinked).
"""

from __future__ import annotations

import bisect
import unicodedata

from ...record import Article, Entity, Mention

_STATE_TYPES = {"GPE"}
_OF = {"de", "du", "des", "d'", "d’"}
_PARTY_TYPES = {"GPE", "ORG", "PER", "NORP", "LOC", "MEDIA"}
_HEAD_DEPS = {"flat", "flat:name", "appos", "compound", "amod", "nmod", "det", "case", "fixed", "punct"}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def _same_stem(adjective: str, name: str) -> bool:
    """A nationality adjective and a country name share their stem: russe/Russie, biélorusse/Biélorussie,
    ukrainien/Ukraine, Israeli/Israel, Chinese/China (the case this exists for: adjectives that the
    entities stage leaves unlinked)."""
    a, n = fold(adjective), fold(name)
    k = 0
    while k < min(len(a), len(n)) and a[k] == n[k]:
        k += 1
    return k >= 4 and k >= 0.6 * min(len(a), len(n))


class Parties:
    """The page's mentions, indexed for the coder's questions."""

    def __init__(self, article: Article, doc=None, pronouns: frozenset[str] = frozenset(), kb=None,
                 first_person: frozenset[str] = frozenset(), neuter: frozenset[str] = frozenset()):
        self.article = article
        self.doc = doc
        self.pronouns = pronouns
        self.neuter = neuter  # "it": a state or an organisation, never a person
        self.first_person = first_person
        self.kb = kb  # veille.kb.KnowledgeBase, for nationality adjectives ("américain" -> United States)
        self.mentions: list[Mention] = sorted(article.mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self.entities: dict[str, Entity] = {e.id: e for e in article.entities}

    def at(self, start: int, end: int) -> list[Mention]:
        """Mentions overlapping [start, end)."""
        i = bisect.bisect_left(self._starts, start - 200)
        j = bisect.bisect_left(self._starts, end, i)  # mentions are sorted by start: none from j on
        return [m for m in self.mentions[i:j] if m.end > start]

    def resolve(self, tok) -> str | None:
        """The entity id of the party whose phrase is headed by ``tok`` (None when nothing names one)."""
        if tok is None:
            return None
        for t in self._head_region(tok):
            for m in self.at(t.idx, t.idx + len(t.text)):
                ent = self.entities.get(m.entity_id)
                if ent is None or ent.type in _PARTY_TYPES:
                    return self.as_party(m.entity_id)
        return self.nationality(tok) or self._owner(tok) or self._speaker(tok) or self._pronoun(tok)

    def _speaker(self, tok) -> str | None:
        """"nous"/"we" inside a quote is the quote's speaker's side ("nous avons convenu de faire la même
        chose, a déclaré Poutine": Russia)."""
        if tok.lower_ not in self.first_person:
            return None
        for q in self.article.quotes:
            if q.start <= tok.idx < q.end and q.speaker:
                return self.as_party(q.speaker)
        return None

    def _owner(self, tok) -> str | None:
        """A body named through what it belongs to ("le parlement de Turquie", "les troupes du Kremlin",
        "the army of Israel"): PLOVER codes the state or organisation."""
        if tok.pos_ != "NOUN":
            return None
        for c in tok.children:
            noun = None
            if c.dep_ == "nmod" and any(k.dep_ == "case" and fold(k.text) in _OF for k in c.children):
                noun = c
            elif c.dep_ == "prep" and c.lower_ == "of":
                noun = next((p for p in c.children if p.dep_ == "pobj"), None)
            for m in self.at(noun.idx, noun.idx + len(noun.text)) if noun is not None else []:
                ent = self.entities.get(m.entity_id)
                if ent is not None and ent.type in {"GPE", "ORG"}:
                    return m.entity_id
        return None

    def _head_region(self, tok):
        """The head and the words that name it with it (flat names, appositions, compounds, nationality
        adjectives), not its clauses."""
        out, todo = [tok], [tok]
        while todo:
            t = todo.pop()
            for c in t.children:
                if c.dep_ in _HEAD_DEPS and c.dep_ not in ("det", "case", "punct") and len(out) < 12:
                    if c.dep_ == "nmod" and any(k.dep_ == "case" for k in c.children):
                        continue
                    out.append(c)
                    todo.append(c)
        return sorted(out, key=lambda t: (t is not tok, t.i))

    def political(self, entity_id: str | None) -> bool:
        """Whether a party makes an event political news: a state or place, or anything the knowledge base
        knows (states, organisations, office holders, armed forces), not an unknown person or club (a
        hockey player who "sends" a pass)."""
        ent = self.entities.get(entity_id) if entity_id else None
        if ent is None:
            return False
        return ent.type in _STATE_TYPES or (self.kb is not None and self.kb.get(entity_id) is not None)

    def names_something(self, tok) -> bool:
        """Whether a token lies inside a name ("Rassemblement national" is a party, not a rally); the name
        of an event itself ("l'invasion russe de l'Ukraine", an EVENT entity) does not count."""
        for m in self.at(tok.idx, tok.idx + len(tok.text)):
            ent = self.entities.get(m.entity_id)
            if ent is None or ent.type != "EVENT":
                return True
        return False

    def as_party(self, entity_id: str) -> str:
        """An entity id as PLOVER codes it: a person with a known nationality stands for the country."""
        ent = self.entities.get(entity_id)
        if ent is not None and ent.type == "PER":
            return self.country_of(ent) or entity_id
        return entity_id

    def country_of(self, person: Entity) -> str | None:
        """The country a person stands for, read from how the page describes them: a nationality
        adjective beside any of their mentions ("le président russe", "Le dirigeant russe a déclaré")."""
        if self.doc is None:
            return None
        for m in self.mentions:
            if m.entity_id != person.id:
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in {span.root, span.root.head}:
                hit = self.nationality(tok)
                if hit:
                    return hit
        return None

    def nationality(self, tok) -> str | None:
        """A country entity of the page named by an adjective on ``tok`` ("dirigeant biélorusse")."""
        adjectives = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and not
                      any(k.dep_ == "case" for k in c.children)]
        if tok.pos_ == "ADJ":
            adjectives.append(tok)
        for adj in adjectives:
            if self.kb is not None:  # states only: "la frappe lyonnaise" (a football shot) names no party
                for country in self.kb.by_adjective(adj.text, self.article.lang):
                    ent = self.entities.get(country.id)
                    if ent is not None and self._sovereign(ent):
                        return country.id
            if adj.pos_ != "ADJ":  # a shared stem says little of a name: "George W. Bush" is not Georgia
                continue
            for ent in self.entities.values():
                if self._sovereign(ent) and any(_same_stem(adj.text, n) for n in [ent.name, *ent.names]):
                    return ent.id
        return None

    def _sovereign(self, ent: Entity) -> bool:
        """A state, not a region or city the knowledge base places inside one (a nationality names a
        state: "Indiana Gov. Mike Pence" is no Indianan national)."""
        if ent.type not in _STATE_TYPES:
            return False
        known = self.kb.get(ent.id) if self.kb is not None else None
        return known is None or known.country in (None, ent.id)

    def _pronoun(self, tok) -> str | None:
        """For an unlinked subject pronoun: the nearest earlier subject of this sentence or the one before
        that names a state or organisation (subjects continue as subjects), else the nearest such name."""
        if tok.lower_ not in self.pronouns or tok.pos_ != "PRON" or self.doc is None:
            return None
        if tok.dep_ not in ("nsubj", "nsubj:pass", "nsubjpass"):
            return None  # only subjects: "when I asked him" is too loose to guess
        sent = tok.sent
        start = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
        named = [m for m in self.at(start, tok.idx) if m.end <= tok.idx and self._state_like(m.entity_id)]
        if tok.lower_ in self.neuter:  # "even if it kills us" after "Trump said...": not Trump
            named = [m for m in named if (self.entities[m.entity_id].type != "PER")]
        subjects = [m for m in named if self._is_subject(m)]
        pick = (subjects or named)[-1:] if named else []
        return self.as_party(pick[0].entity_id) if pick else None

    def _state_like(self, entity_id: str) -> bool:
        """A party a pronoun can stand for: a person, an organisation or a state — not a region or a
        city the knowledge base places inside a country ("ce qu'il a envahi" after "la Crimée" is the
        invader, not the peninsula)."""
        ent = self.entities.get(entity_id)
        if ent is None or ent.type not in {"GPE", "ORG", "PER"}:
            return False
        return ent.type != "GPE" or self._sovereign(ent)

    def _is_subject(self, m: Mention) -> bool:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand") if self.doc is not None else None
        return span is not None and span.root.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")
