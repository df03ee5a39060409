"""Document-level coreference for speakers, in the multi-pass sieve style of Stanford's deterministic
coreference (Lee et al. 2013): the most precise evidence is tried first, and the knowledge base's role
holders only after the document's own roles. The passes, in order:

1. a pronoun alone ("il", "she"): the nearest person of its number and gender, names inside quoted
   speech left out;
2. "ce dernier" / "celle-ci" / "the latter": the last person named;
3. a name in apposition to the speaker's words ("One of the protesters, Jane Doe, said",
   "le maire de Rennes Jeanne Martin a dit");
4. a name: the entity the entities stage linked to it, or an entity whose name it repeats exactly;
5. a definite description whose head noun the document attached to a name ("Jeanne Martin, maire de
   Rennes" … "la maire a ajouté"; "newspaper The Daily Planet" … "the paper reported"): the *role book*,
   when the description's modifiers agree with the role phrase;
6. the KB's role holder the entities stage linked to the description ("le président russe");
7. a bare definite description of a human role the document never gave anyone ("le champion", "the
   coach"): the last person mentioned of its gender, as a pronoun would be.

An indefinite or plural description ("un témoin", "a spokesperson", "des habitants") introduces someone
new and stays unnamed; so does a body named by a noun and an adjective ("l'armée israélienne").
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from ...record import Article
from .direct import find_marked, word_count
from .speakers import (
    Speaker,
    antecedent,
    clitic_word,
    entity_for_span,
    entity_genders,
    pronoun_of,
    resolve,
    subject_span,
)

#: entity types a role can name: people and the bodies that speak (a newspaper, a party, a state)
_ROLE_HOLDERS = {"PER", "ORG", "MEDIA", "GPE"}
#: mentions that are names (not descriptions linked by the KB, which come after the document's roles)
_NAMED = {"ner", "kb", "coref"}
#: how far left of a name a role noun may sit in the same noun phrase ("mechanical engineer Jo Bloggs")
_LEFT_WORDS = 3
#: a quoted stretch this long is speech, and the names in it are not antecedents
_SPEECH_WORDS = 4
_FUNCTION_POS = {"DET", "ADP", "PUNCT", "SPACE", "CCONJ", "SCONJ", "PRON", "AUX", "PART"}


@dataclass(frozen=True)
class Role:
    """A role the document gave a named entity: its head noun, the content words of its phrase
    ("maire", {"maire", "rennes"}), who holds it, and where the name stands."""

    head: str
    words: frozenset[str]
    entity_id: str
    at: int
    gender: str | None = None


class SpeakerCoref:
    """Resolves speaker words to entity ids for one parsed article (build once per document)."""

    def __init__(self, article: Article, doc, words):
        self.article, self.doc, self.words = article, doc, words
        #: quoted speech (a few words or more): the names in it are not antecedents
        self.quoted = [(m.start, m.end) for m in find_marked(article.text)
                       if word_count(m.text) >= _SPEECH_WORDS]
        self.genders = entity_genders(article, doc, words.HONORIFICS)
        self.roles = role_book(article, doc, words)
        for r in self.roles:  # "la maire", "la ministre": the role's gender is its holder's
            if r.gender and r.entity_id not in self.genders:
                self.genders[r.entity_id] = r.gender

    def resolve(self, speaker: Speaker, anchor: int) -> str | None:
        """The entity id the speaker's words refer to, or None (unnamed, generic, or unknown)."""
        head = speaker.head
        if pronoun_of(head, self.words.PRONOUNS) is not None and \
                speaker.end - speaker.start <= len(head.text):
            return self._pronoun(speaker, anchor)
        latter = self._latter(speaker, anchor)
        if latter is not None:
            return latter or None
        apposed = apposed_name(self.article, head, self.words.HONORIFICS)
        if apposed is not None:
            return apposed
        if not self._is_description(head):
            linked = entity_for_span(self.article, speaker.start, speaker.end, head.idx)
            if linked is not None and head.pos_ == "NOUN" and self._generic_body(head, speaker, linked):
                return None  # the KB knows "l'armée israélienne", but the words name no one
            return linked or self._same_name(speaker)
        if _determiner(head) in self.words.INDEFINITE or "Plur" in head.morph.get("Number"):
            return None  # "un témoin", "des habitants": someone new, or a group
        role, agrees = self.role_holder(head, speaker, anchor)
        if role is not None and agrees:
            return role
        # "le dirigeant russe": the KB's holder, not the document's "dirigeant bélarusse"
        linked = entity_for_span(self.article, speaker.start, speaker.end, head.idx)
        if linked is not None and self._generic_body(head, speaker, linked):
            return None
        if linked is not None or role is not None:
            return linked
        if _has_complement(head):
            return None  # "le député de Tuléar": a restrictive complement picks someone, not the last person
        return self._salient_person(head, anchor)

    def _pronoun(self, speaker: Speaker, anchor: int) -> str | None:
        """A pronoun alone: the nearest person of its number and gender; but when a sentence after that
        person's mention has for subject a definite role with no name ("Le ministre de l'Intérieur a
        annoncé … « … », a-t-il assuré"), the pronoun goes on about that role, and answers what the
        role's own words resolve to (often no one)."""
        found = resolve(self.article, speaker, self.words.PRONOUNS, anchor, self.genders,
                        self.words.PRONOUN_GENDERS, self.quoted)
        if pronoun_of(speaker.head, self.words.PRONOUNS) != "sg":
            return found
        at = min(anchor, speaker.start)
        after = max((m.end for m in self.article.mentions if m.entity_id == found and m.end <= at), default=0)
        gender = self.words.PRONOUN_GENDERS.get(clitic_word(speaker.head.text))
        role = self._role_subject(after, at, gender)
        if role is None or found is not None and not self._other_role(found, role.head):
            return found
        return self.resolve(role, role.start)

    def _other_role(self, entity_id: str, noun) -> bool:
        """True when the document gave the entity roles (not mere honorifics) and none of them is this
        description's: not its head noun, no restricting word in common ("la secrétaire générale de la
        CGT" … "la dirigeante de la CGT" is one person; "le préfet" … "le ministre de l'Intérieur" two)."""
        held = [r for r in self.roles if r.entity_id == entity_id and r.head not in self.words.HONORIFICS]
        key, said = _role_key(noun, self.words.ROLE_SYNONYMS), _restrictive_words(noun)
        return bool(held) and not any(r.head == key or r.words & said for r in held)

    def _role_subject(self, lo: int, hi: int, gender: str | None) -> Speaker | None:
        """The last subject between ``lo`` and ``hi`` that is a definite singular role noun of that
        gender named by nothing (no mention on it, no name set beside it), outside quoted speech."""
        span = self.doc.char_span(lo, hi, alignment_mode="contract")
        for tok in reversed(span or ()):
            if not tok.dep_.startswith("nsubj") or tok.pos_ != "NOUN" or "Plur" in tok.morph.get("Number"):
                continue
            if any(s <= tok.idx < e for s, e in self.quoted) or not self._is_description(tok):
                continue
            if _role_key(tok, self.words.ROLE_SYNONYMS) not in self.words.ROLE_NOUNS and \
                    tok.lemma_.lower() not in self.words.ROLE_NOUNS:
                continue
            said = next(iter(tok.morph.get("Gender")), None)
            if gender and said and said != gender or _determiner(tok) in self.words.INDEFINITE:
                continue
            if apposed_name(self.article, tok, self.words.HONORIFICS) is not None:
                continue
            return subject_span(tok)
        return None

    def person_before(self, anchor: int, number: str, gender: str | None = None) -> str | None:
        """The antecedent a pronoun or a possessive of this number and gender finds before ``anchor``
        ("à ses yeux", "selon elle", "in her view")."""
        ante = antecedent(self.article, anchor, number, gender=gender, genders=self.genders,
                           quoted=self.quoted)
        return ante.entity_id if ante else None

    def _is_description(self, head) -> bool:
        """Words headed by a common noun ("le ministre de l'Intérieur", "the paper"), not by a name."""
        return head.pos_ == "NOUN" and not any(
            m.start <= head.idx < m.end and m.how in _NAMED for m in self.article.mentions)

    def _same_name(self, speaker: Speaker) -> str | None:
        """The entity whose name or surface form the speaker's words repeat exactly (the sieve's first
        pass): a name alone on a signature line, which the tagger did not mark as a mention."""
        said = " ".join(self.article.text[speaker.start:speaker.end].split()).casefold()
        for ent in self.article.entities:
            if said in {n.casefold() for n in [ent.name, *ent.names]}:
                return ent.id
        return None

    def _generic_body(self, head, speaker: Speaker, linked: str) -> bool:
        """An organisation named by a common noun and an adjective ("l'armée israélienne", "la police
        vaudoise", "the Israeli military"): a generic body, not a named one, so it stays unnamed as the
        gold conventions ask; a person so described ("le président russe") is still the KB's holder."""
        ent = self.article.entity(linked)
        if ent is None or ent.type != "ORG":
            return False
        span = self.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        return span is not None and not any(t.pos_ == "PROPN" for t in span) and any(
            c.dep_ == "amod" and c.pos_ == "ADJ" for c in head.children)

    def role_holder(self, head, speaker: Speaker, anchor: int) -> tuple[str | None, bool]:
        """The entity the document gave this description's role, preferring the role phrase that shares
        most words with the description, then the nearest one before it; and whether the description's
        modifiers agree with that role phrase (a bare "le ministre" agrees with any minister)."""
        key = _role_key(head, self.words.ROLE_SYNONYMS)
        same = [r for r in self.roles if r.head == key and not speaker.start <= r.at < speaker.end]
        if not same:
            return None, False
        said = _restrictive_words(head)
        before = [r for r in same if r.at < anchor]
        pool = before or same
        best = max(pool, key=lambda r: (len(r.words & said), r.at if r.at < anchor else -r.at))
        return best.entity_id, not said or bool(best.words & said)

    def _latter(self, speaker: Speaker, anchor: int) -> str | None:
        """"ce dernier" / "celle-ci" / "the latter": the last person named before; "" when the words are
        such a phrase but nobody fits (the caller then answers None)."""
        said = self.article.text[speaker.start:speaker.end].lower().replace("’", "'")
        if said not in self.words.LATTER:
            return None
        gender = self.words.LATTER[said] or None
        ante = antecedent(self.article, min(anchor, speaker.start), "sg", gender=gender,
                           genders=self.genders, quoted=self.quoted)
        return ante.entity_id if ante else ""

    def _salient_person(self, head, anchor: int) -> str | None:
        """A definite description of a human role the document never gave anyone ("le champion a
        confié"): the last person mentioned of its gender, as a pronoun would resolve."""
        if _role_key(head, self.words.ROLE_SYNONYMS) not in self.words.ROLE_NOUNS and \
                head.lemma_.lower() not in self.words.ROLE_NOUNS:
            return None
        gender = next(iter(head.morph.get("Gender")), None)
        ante = antecedent(self.article, min(anchor, head.idx), "sg", max_back=1500, gender=gender,
                          genders=self.genders, quoted=self.quoted)
        return ante.entity_id if ante else None


def role_book(article: Article, doc, words) -> list[Role]:
    """Every role the document attaches to a name: apposed nouns ("Jeanne Martin, maire de Rennes",
    "le ministre de l'Intérieur, Paul Durand"), nouns right before a name ("l'anthropologue Jo Bloggs",
    "newspaper The Daily Planet"), and the descriptions the entities stage linked ("the US president")."""
    out: list[Role] = []
    for m in article.mentions:
        ent = article.entity(m.entity_id)
        if ent is None or ent.type not in _ROLE_HOLDERS:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        nouns = [span.root] if m.how == "description" and span.root.pos_ == "NOUN" else \
            _role_nouns(span) if m.how in _NAMED else []
        for noun in nouns:
            out.append(Role(_role_key(noun, words.ROLE_SYNONYMS), _phrase_words(noun, span),
                            m.entity_id, m.start, _gender(noun)))
    return out


def _role_nouns(span) -> list:
    """The common nouns a name's noun phrase gives it as roles."""
    root = span.root
    found = []
    listed = root.dep_ == "conj" and _is_apposition(root, ())
    if root.head.pos_ == "NOUN" and (root.dep_ == "appos" or listed):
        found.append(root.head)  # "le ministre de l'Intérieur, Paul Durand" (read as a list item too)
    found += [n for n in root.head.children if n.pos_ == "NOUN" and n.i < root.i and n.dep_ == root.dep_
              and root in _twin_names(n, ())]  # ... or as a second subject beside the noun
    found += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"
              and c.i not in range(span.start, span.end)]  # "Jeanne Martin, maire de Rennes"
    k = span.start - 1
    doc = span.doc
    while k >= 0 and span.start - k <= _LEFT_WORDS and doc[k].pos_ in ("ADJ", "NOUN") \
            and "\n" not in doc[k].text:
        if doc[k].pos_ == "NOUN":
            found.append(doc[k])  # "l'anthropologue Jo Bloggs", "mechanical engineer Jo Bloggs"
            break
        k -= 1
    return found


def apposed_name(article: Article, head, honorifics: Container[str] = ()) -> str | None:
    """The named person (or body) set in apposition to a speaker's head word: "One of the protesters,
    Jane Doe, 42, said", "le maire de Rennes Jeanne Martin", "l'ancien directeur du club Paul Durand"."""
    if head.pos_ not in ("NOUN", "NUM", "PRON"):
        return None
    apposed = [c for c in head.children if _is_apposition(c, honorifics)]
    for child in [*apposed, *_twin_names(head, honorifics)]:
        toks = list(child.subtree)
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        hits = [m for m in article.mentions if m.start < e and s < m.end and m.how in _NAMED]
        people = [m for m in hits if (x := article.entity(m.entity_id)) is not None and x.type == "PER"]
        pick = people or [m for m in hits if (x := article.entity(m.entity_id)) is not None
                          and x.type in _ROLE_HOLDERS and m.start >= child.idx]
        if pick:
            return pick[0].entity_id
    return None


def _is_apposition(child, honorifics: Container[str]) -> bool:
    """A name set beside a speaker's head word: the parser's apposition, led by a name or by an honorific
    ("Le président du club, M. Jean Dubois, a estimé"); or a name the parser took for the next item of a
    list ("Le ministre des Transports, Paul Verdier, a appelé") when commas enclose it and no conjunction
    joins it, which a list's last item would have."""
    name_led = child.pos_ == "PROPN" or (child.text.lower() in honorifics
                                         and any(c.pos_ == "PROPN" for c in child.children))
    if child.dep_ == "appos":
        return name_led
    if child.dep_ != "conj" or not name_led or any(c.dep_ == "cc" for c in child.children):
        return False
    return _enclosed_by_commas(child)


def _enclosed_by_commas(tok) -> bool:
    """Its words (its own commas left out) sit between a comma and a comma or a closing bracket."""
    doc, toks = tok.doc, [t for t in tok.subtree if not t.is_punct]  # its commas may hang on it
    first, last = toks[0].i, toks[-1].i
    enclosed = last + 1 < len(doc) and doc[last + 1].text in (",", ")")
    return first > 0 and doc[first - 1].text == "," and enclosed


def _twin_names(noun, honorifics: Container[str]) -> list:
    """A name the parser made a second subject beside the noun ("La présidente de la région, Carole Delga,
    s'est rendue": both hang on the verb as subjects): right after the noun's words and a comma, with
    commas around it. A name is the noun's, not a second actor, when nothing joins the two."""
    if noun.head is noun:
        return []
    end = max(t.i for t in noun.subtree)
    doc = noun.doc
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return []
    twin = doc[end + 2]
    while twin.head.i != noun.head.i and twin.head is not twin and twin.head.i > end:
        twin = twin.head  # "Carole" under its own flat "Delga", or an honorific's name
    name_led = twin.pos_ == "PROPN" or (twin.text.lower() in honorifics
                                        and any(c.pos_ == "PROPN" for c in twin.children))
    if twin.head.i != noun.head.i or twin.dep_ != noun.dep_ or not name_led:
        return []
    starts_there = min(t.i for t in twin.subtree if not t.is_punct) == end + 2
    return [twin] if starts_there and _enclosed_by_commas(twin) else []


def _has_complement(head) -> bool:
    """A noun complement or relative clause that restricts the description ("le député de Tuléar")."""
    return any(c.dep_ in ("nmod", "prep", "acl", "acl:relcl", "relcl") for c in head.children)


def _determiner(head) -> str:
    det = next((c for c in head.children if c.dep_ == "det"), None)
    return det.text.lower() if det is not None else ""


def _role_key(noun, synonyms: dict[str, str]) -> str:
    lemma = noun.lemma_.lower() if noun.lemma_ else noun.text.lower()
    word = noun.text.lower()
    return synonyms.get(word) or synonyms.get(lemma) or lemma


def _phrase_words(noun, name_span) -> frozenset[str]:
    """Content lemmas of a role noun's phrase, the name itself left out."""
    inside = range(name_span.start, name_span.end)
    return frozenset(t.lemma_.lower() for t in noun.subtree
                     if t.i not in inside and t.pos_ not in _FUNCTION_POS)


def _restrictive_words(head) -> frozenset[str]:
    """Lemmas of the modifiers that restrict a description: its adjectives and its "de"/"of" complements
    ("le dirigeant russe", "le maire de Rennes"); a place or a time the parser hung on it ("la maire
    devant le conseil") restricts nothing."""
    out = set()
    for c in head.children:
        if c.dep_ == "amod" and c.pos_ == "ADJ":
            out.add(c.lemma_.lower())
        elif c.dep_ in ("nmod", "prep") and (c.lower_ in _OF or any(
                g.dep_ == "case" and g.lower_ in _OF for g in c.children)):
            out |= {t.lemma_.lower() for t in c.subtree if t.pos_ not in _FUNCTION_POS}
    return frozenset(out)


#: prepositions of a noun complement that restricts a role ("ministre de l'Intérieur", "head of")
_OF = {"de", "du", "des", "d'", "d’", "of"}


def _gender(noun) -> str | None:
    """The gender a role noun shows through its determiner or its form ("la maire" → Fem)."""
    det = next((c for c in noun.children if c.dep_ == "det"), None)
    for tok in (det, noun):
        g = next(iter(tok.morph.get("Gender")), None) if tok is not None else None
        if g:
            return g
    return None
