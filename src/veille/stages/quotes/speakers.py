"""Who is speaking: the cue verb's subject as a span of the text, then the entity it refers to.

The subject comes from the parse when the parser found it outside the quote; otherwise from the words
right after the verb, for inverted cues ("a déclaré Poutine", "said Mr Biden") which small models often
parse as objects. A pronoun ("il", "a-t-il ajouté", "he") is resolved to the nearest compatible entity
mentioned before the quote, across sentences and paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...record import Article, Mention, Span

#: children whose subtree is not part of the speaker's name ("Poutine, qui ...", "Biden, 80, said")
_CUT_DEPS = {"acl", "acl:relcl", "relcl", "appos", "punct", "conj", "cc", "parataxis", "advcl", "ccomp",
             "dep", "nummod"}
#: parts of speech that can start an inverted subject after the cue verb
_NP_START = {"PROPN", "NOUN", "DET", "PRON", "ADJ", "NUM"}
_NP_STOP = {"PUNCT", "VERB", "AUX", "SCONJ", "CCONJ", "SPACE"}
_PER_LIKE = {"PER"}
#: a preposition before a mention inside a speaker's words: the mention is a complement ("de l'Otan")
_COMPLEMENT = re.compile(r"(?i)(?:^|\s)(?:de|du|des|d[’']|of|for|from|at)(?:\s|$)|d[’']")
#: relative pronouns: the speaker is the noun they stand for
_RELATIVES = {"who", "that", "which", "qui", "lequel", "laquelle"}
#: object pronouns after a verb are its object, never an inverted subject ("asking her")
_OBJECT_PRONOUNS = {"her", "him", "them", "me", "us", "it", "lui", "leur", "le", "la", "les", "nous",
                    "vous", "se", "en", "y"}
_GROUP_LIKE = {"ORG", "GPE", "MEDIA", "NORP", "PER", "LOC"}
#: prepositions naming whom a cue was said to, between the cue and an inverted subject
_ADDRESSEE = frozenset({"à", "au", "aux"})
#: days and parts of days that sit between a cue verb and its inverted subject (French models tag no dates)
_DAY_WORDS = frozenset("""lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui aujourd’hui
matin soir monday tuesday wednesday thursday friday saturday sunday yesterday today""".split())
_ORG_LIKE = {"ORG", "GPE", "MEDIA"}


@dataclass
class Speaker:
    """A speaker's words in the text, and the token that heads them."""

    start: int
    end: int
    head: Any  # spaCy Token

    def span(self, text: str) -> Span:
        return Span(start=self.start, end=self.end, text=text[self.start:self.end])


def pronoun_of(token, pronouns: dict[str, str]) -> str | None:
    """The pronoun's number ("sg"/"pl") when ``token`` is a subject pronoun ("-il" from "a-t-il")."""
    word = clitic_word(token.text)
    return pronouns.get(word) if token.pos_ == "PRON" or token.text.startswith("-") else None


def clitic_word(text: str) -> str:
    """"-t-elle" and "-il" (inverted subjects) as the pronoun they are: "elle", "il"."""
    return text.lower().rsplit("-", 1)[-1] if text.startswith("-") else text.lower()


def cue_subject(verb, pronouns: dict[str, str], outside: tuple[int, int] | None = None) -> Speaker | None:
    """The subject of a cue verb: its parsed subject, a clitic ("-t-il"), or the inverted noun phrase
    after it. ``outside`` is a character range (the quote) the subject may not lie in."""
    if outside is not None and verb.idx >= outside[1]:
        early = _after_quote_subject(verb, pronouns, outside)
        if early is not None:
            return early
    for cand in _parsed_subjects(verb, pronouns):
        if outside is None or not (outside[0] <= cand.idx < outside[1]):
            if cand.text.lower() in _RELATIVES:
                cand = _relative_antecedent(cand)  # "the senator who said": the noun it stands for
                if cand is None:
                    continue
            if _is_time(cand):
                continue
            return _subject_span(cand)
    if outside is None or _in_incise(verb, outside) or _opens_clause(verb):
        return inverted_subject(verb, outside)
    return _incise_subject(verb, outside) or _stranded_subject(verb, outside)


def _opens_clause(verb) -> bool:
    """A reporting verb that opens its sentence or line, its subject after it ("Said Ellis: “…”",
    "Ajoute le ministre : « … »")."""
    doc = verb.doc
    k = verb.i - 1
    while k >= verb.sent.start and (doc[k].pos_ in ("AUX", "ADV", "PUNCT") or doc[k].text.startswith("-")):
        if "\n" in doc[k].text or doc[k].text in ".!?":
            break
        k -= 1
    return k < verb.sent.start or "\n" in doc[k].text or doc[k].text in ".!?"


def _after_quote_subject(verb, pronouns: dict[str, str], outside: tuple[int, int]) -> Speaker | None:
    """For a cue after the quote, the subject in the incise itself comes first: a clitic ("a-t-il"), the
    verb's own subject, or the words before it — never a subject the verb shares with a clause the
    parser hung it on (“…,” The Hill reported: not "loopholes" from the sentence around the quote)."""
    doc = verb.doc
    for k in range(max(0, verb.i - 3), min(len(doc), verb.i + 3)):
        if doc[k].text.startswith("-") and pronoun_of(doc[k], pronouns):
            return _subject_span(doc[k])
    own = next((c for c in verb.children if c.dep_.startswith("nsubj") and c.idx >= outside[1]), None)
    if own is not None and own.text.lower() not in _RELATIVES and not _is_time(own):
        return _subject_span(own)
    return _incise_subject(verb, outside)


def words_before(verb, start: int) -> list:
    """The tokens from character ``start`` up to ``verb``, walked back from the verb (token offsets grow
    with their index), not picked out of every token of the page."""
    doc = verb.doc
    first = verb.i
    while first > 0 and doc[first - 1].idx >= start:
        first -= 1
    return list(doc[first:verb.i])


def _incise_subject(verb, outside: tuple[int, int]) -> Speaker | None:
    """The words between a closing mark and its cue verb (“…,” Tulsa police Chief Chuck Jordan said),
    when the parser did not make them the verb's subject."""
    if verb.idx < outside[1]:
        return None
    words = [t for t in words_before(verb, outside[1]) if not t.is_space]
    while words and (words[0].is_punct or words[0].text in "—―–-"):
        words.pop(0)
    if not words or len(words) > 8 or any(t.is_punct and t.text != "." for t in words):
        return None
    if words[0].pos_ in ("ADP", "PART", "CCONJ", "SCONJ") or any(t.pos_ == "CCONJ" for t in words):
        return None  # "” to Ukraine and replacing it…": a continuation, not a name
    if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in words) or any(_is_time(t) for t in words):
        return None
    head = max(words, key=lambda t: (t.pos_ == "PROPN", t.pos_ in ("NOUN", "PRON"), t.i))
    return Speaker(words[0].idx, words[-1].idx + len(words[-1].text), head)


def _stranded_subject(verb, outside: tuple[int, int]) -> Speaker | None:
    """The noun phrase opening the sentence when the parser left the verb without a subject ("Aaron
    Kall, the director of debate, compared…" parsed with "Kall" as the root)."""
    if verb.dep_ != "ROOT" and verb.head.dep_ != "ROOT" or not verb.doc.has_annotation("DEP"):
        return None
    chunk = next((c for c in verb.sent.noun_chunks), None)
    if chunk is None or chunk.end > verb.i or outside[0] <= chunk.start_char < outside[1]:
        return None
    if chunk.root.dep_ not in ("ROOT", "nsubj", "nsubj:pass", "nsubjpass") or _is_time(chunk.root):
        return None
    return Speaker(chunk.start_char, chunk.end_char, chunk.root)


def _in_incise(verb, outside: tuple[int, int]) -> bool:
    """True when the verb opens the incise right after the quote ("», a déclaré X", "”, said X"): the
    only place a subject follows its verb; elsewhere the noun after the verb is its object."""
    doc = verb.doc
    if verb.idx < outside[1]:
        return False
    between = [t for t in doc if outside[1] <= t.idx < verb.idx and not t.is_space]
    return all(t.is_punct or t.pos_ == "AUX" or t.text.startswith("-") for t in between) and len(between) <= 4


def _relative_antecedent(pronoun):
    """The noun a relative pronoun stands for: the head of the relative clause it opens."""
    t = pronoun.head
    for _ in range(4):
        if t.dep_ in ("relcl", "acl:relcl", "acl") and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return t.head
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _is_time(tok) -> bool:
    """"said Monday", "a déclaré mardi": a date is never the speaker. A partitive number is a person
    ("One of the analysts said", "l'un des enquêteurs a dit")."""
    if any(c.dep_ in ("prep", "nmod") and c.lower_ in ("of", "des", "de", "d'", "d’")
           or c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children) for c in tok.children):
        return False
    return tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")


def signature_speaker(names: list) -> Speaker:
    """A speaker from the tokens of a dash signature."""
    head = max(names, key=lambda t: (t.pos_ == "PROPN", -t.i))
    return Speaker(names[0].idx, names[-1].idx + len(names[-1].text), head)


def _parsed_subjects(verb, pronouns: dict[str, str]):
    doc = verb.doc
    for k in range(max(0, verb.i - 3), min(len(doc), verb.i + 3)):
        if doc[k].text.startswith("-") and pronoun_of(doc[k], pronouns):
            yield doc[k]  # "a-t-elle précisé", "dit-il": an inverted clitic is the subject
    head = verb
    while head.dep_ in _SHARES_SUBJECT and head.head.i != head.i and not _has_subject(head) \
            and (head.dep_ == "conj" or not any(c.dep_.startswith("aux") for c in head.children)):
        # "…, adding that" shares its head's subject; "…, a rapporté le FT" has its own, inverted
        head = head.head  # "Poutine a accusé ... et a déclaré que", "…, adding that": the subject is shared
    # two subjects on one verb are a misparse of a fronted phrase ("Photos à l'appui, le journal X
    # révèle"): the one nearest the verb comes first
    children = sorted(verb.children, key=lambda c: abs(c.i - verb.i))
    for t in children + ([] if head.i == verb.i else list(head.children)):
        if t.text.lower() == "-t":
            continue  # the euphonic t of "a-t-il"
        if t.dep_.startswith("nsubj") or t.dep_ == "expl:subj" or t.dep_ == "csubj":
            yield t
        elif t.text.startswith("-") and pronoun_of(t, pronouns) and t.i - verb.i <= 2:
            yield t  # "a-t-il ajouté", "souligne-t-elle": the clitic hangs off the auxiliary or the verb


#: a verb in these relations without a subject of its own shares its head's subject ("After saying …, she"
#: climbs through "saying" (pcomp) and "After" (prep) to "she")
_SHARES_SUBJECT = {"conj", "advcl", "xcomp", "pcomp", "prep"}


def _has_subject(tok) -> bool:
    return any(c.dep_.startswith("nsubj") for c in tok.children)


def inverted_subject(verb, outside: tuple[int, int] | None = None) -> Speaker | None:
    """The noun phrase right after the verb: "a déclaré le président russe", "said Mr Biden"."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and (doc[i].pos_ in ("ADV", "PART") and doc[i].text.lower() not in ("not", "pas")
                            or doc[i].lower_ in _DAY_WORDS):  # "a annoncé jeudi le ministre"
        i += 1
    i = _past_addressee(doc, i)  # "a indiqué à l'AFP Thomas Girard"
    if i >= len(doc) or doc[i].pos_ not in _NP_START or doc[i].is_punct or _is_time(doc[i]) \
            or doc[i].pos_ == "PRON" and doc[i].text.lower() in _OBJECT_PRONOUNS:
        return None
    if outside and outside[0] <= doc[i].idx < outside[1]:
        return None
    j = i
    # an adverb ends the phrase: "a expliqué l'attaché de presse juste avant …"
    while j + 1 < len(doc) and j - i < 8 and doc[j + 1].pos_ not in _NP_STOP | {"ADV"} \
            and doc[j + 1].text != "\n":
        if doc[j + 1].pos_ == "PRON" and doc[j + 1].dep_.startswith("nsubj"):
            break  # "said the minister who..." / a new clause starts
        j += 1
    while j > i and doc[j].pos_ == "ADP":
        j -= 1
    head = max((doc[k] for k in range(i, j + 1)), key=lambda t: (t.pos_ == "PROPN", t.pos_ == "NOUN", -t.i))
    return Speaker(doc[i].idx, doc[j].idx + len(doc[j].text), head)


def _past_addressee(doc, i: int) -> int:
    """The index after the one a cue was said to ("a indiqué à l'AFP", "a confié au Monde"), when the
    words at ``i`` are that: a preposition of address and the name it governs, an inverted subject
    after it ("… à l'AFP Thomas Girard"); else ``i``."""
    if i >= len(doc) or doc[i].lower_ not in _ADDRESSEE or doc[i].dep_ not in ("case", "prep"):
        return i
    obj = doc[i].head if doc[i].dep_ == "case" else next(iter(doc[i].children), None)
    if obj is None or obj.i <= i or obj.pos_ not in ("PROPN", "NOUN"):
        return i
    end = obj.i
    while end + 1 < len(doc) and doc[end + 1].head.i in (obj.i, end) and doc[end + 1].dep_ in ("flat",
                                                                                                 "flat:name"):
        end += 1
    return end + 1


def subject_span(tok) -> Speaker:
    """A subject token's words: the noun phrase it heads, cut at commas, quote marks and clauses."""
    return _subject_span(tok)


def _subject_span(tok) -> Speaker:
    keep = [tok]
    stack = [c for c in tok.children if c.dep_ not in _CUT_DEPS]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack += [c for c in t.children if c.dep_ not in _CUT_DEPS]
    left = min(t.i for t in keep)
    right = max(t.i for t in keep)
    doc = tok.doc
    # never cross a quote mark, a comma (an apposition or an inserted phrase) or a line break
    for k in range(tok.i - 1, left - 1, -1):
        if doc[k].is_quote or doc[k].text in ",;:" or "\n" in doc[k].text:
            left = k + 1
            break
    for k in range(tok.i + 1, right + 1):
        if doc[k].is_quote or doc[k].text in ",;:(" or "\n" in doc[k].text:
            right = k - 1
            break
    # "le tabloïd Kurjer révèle": a name right after the subject noun, hung on the verb beside it by the
    # parser, belongs to the subject (the noun only classifies the name)
    while (tok.pos_ in ("NOUN", "PROPN") and right + 1 < len(doc) and doc[right + 1].pos_ == "PROPN"
           and doc[right + 1].head.i == tok.head.i
           and doc[right + 1].dep_ in ("nsubj", "appos", "flat", "flat:name")):
        right += 1
    # ... or on the noun itself, as an apposition with no comma: "the newspaper Gazeta Norte reported"
    if tok.pos_ == "NOUN":
        for c in tok.children:
            words = sorted(c.subtree, key=lambda t: t.i)
            if c.dep_ == "appos" and c.pos_ == "PROPN" and words[0].i == right + 1 \
                    and all(t.pos_ == "PROPN" for t in words):
                right = words[-1].i
    first = doc[left].text
    start = doc[left].idx + (len(first) - len(clitic_word(first)) if first.startswith("-") else 0)
    return Speaker(start, doc[right].idx + len(doc[right].text), tok)


def entity_for_span(article: Article, start: int, end: int, head_at: int | None = None) -> str | None:
    """The entity a speaker span names: the mention on its head word; else a person named in it ("le
    président russe Vladimir Poutine"); else a mention not inside a complement ("le porte-parole du
    Kremlin" is not the Kremlin, so it stays null when nothing links the description itself)."""
    hits = [m for m in article.mentions if m.start < end and m.end > start]
    if not hits:
        return None
    if head_at is not None:
        on_head = [m for m in hits if m.start <= head_at < m.end]
        if on_head:
            return max(on_head, key=lambda m: m.end - m.start).entity_id
        # a person inside a complement is not the speaker ("le porte-parole de Vladimir Poutine")
        people = [m for m in hits if (e := article.entity(m.entity_id)) is not None and e.type == "PER"
                  and not _COMPLEMENT.search(article.text[start:max(start, m.start)])]
        if people:
            return people[0].entity_id
        hits = [m for m in hits if not _COMPLEMENT.search(article.text[start:max(start, m.start)])]
        if not hits:
            return None
    return max(hits, key=lambda m: min(m.end, end) - max(m.start, start)).entity_id


def entity_genders(article: Article, doc, honorifics: dict[str, str]) -> dict[str, str]:
    """Grammatical gender per entity, from honorifics before its mentions ("Mme Martin", "Mr Reed") and
    from the gender of its descriptions' nouns ("la dirigeante de la CGT"); only when all agree."""
    votes: dict[str, set[str]] = {}
    for m in article.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        before = doc[span.start - 1].text.lower() if span.start > 0 else ""
        g = honorifics.get(before)
        if g is None and m.how == "description":
            g = next(iter(span.root.morph.get("Gender")), None)
        if g:
            votes.setdefault(m.entity_id, set()).add(g)
    return {k: next(iter(v)) for k, v in votes.items() if len(v) == 1}


def antecedent(article: Article, before: int, number: str, max_back: int = 3000,
               gender: str | None = None, genders: dict[str, str] | None = None,
               quoted: list[tuple[int, int]] | None = None) -> Mention | None:
    """The nearest mention before ``before`` of an entity a pronoun of that number (and gender, when the
    entity's is known) can stand for: a person for "il"/"he", an organisation for "it", a person or a
    group for "ils"/"they". Mentions inside ``quoted`` speech are skipped: a name someone utters is not
    who the narrative goes on talking about."""
    if number == "none":
        return None
    types = {"sg": _PER_LIKE, "it": _ORG_LIKE}.get(number, _GROUP_LIKE)
    best = None
    for m in article.mentions:
        if m.end > before or m.end < before - max_back:
            continue
        ent = article.entity(m.entity_id)
        if ent is None or ent.type not in types:
            continue
        if gender and genders and genders.get(m.entity_id, gender) != gender:
            continue  # "elle" is not "M. Macron"
        if quoted and any(s <= m.start and m.end <= e for s, e in quoted):
            continue
        if best is None or m.end > best.end:
            best = m
    return best


def resolve(article: Article, speaker: Speaker, pronouns: dict[str, str], anchor: int,
            genders: dict[str, str] | None = None,
            pronoun_genders: dict[str, str] | None = None,
            quoted: list[tuple[int, int]] | None = None) -> str | None:
    """The entity id for a speaker span; pronouns go to their antecedent before ``anchor``, of the
    pronoun's gender when the entity's is known."""
    number = pronoun_of(speaker.head, pronouns)
    if number is not None and speaker.end - speaker.start <= len(speaker.head.text):  # the pronoun alone
        gender = (pronoun_genders or {}).get(clitic_word(speaker.head.text))
        ante = antecedent(article, min(anchor, speaker.start), number, gender=gender, genders=genders,
                          quoted=quoted)
        return ante.entity_id if ante else None
    return entity_for_span(article, speaker.start, speaker.end, speaker.head.idx)


def governing_subject(doc, start: int, end: int, pronouns: dict[str, str]) -> Speaker | None:
    """The subject of the nearest verb above a quoted stretch, outside it: "the agency aims to “map…”"."""
    found = governing_report(doc, start, end, pronouns)
    return found[0] if found else None


#: relations through which a reporting verb holds what was said
_REPORTED_DEPS = ("ccomp", "xcomp", "obj", "dobj", "advcl")


def reporting_ancestor(doc, start: int, end: int, verbs: frozenset[str]):
    """The nearest reporting verb above a quoted stretch, outside it, reached through its complement
    ("said that Trump would be “the healthiest …”": "said", not "be"), or None."""
    from .cues import is_cue

    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    for _ in range(8):
        if tok.head.i == tok.i:
            return None
        child, tok = tok, tok.head
        if start <= tok.idx < end:
            continue
        if is_cue(tok, verbs) and tok.pos_ == "VERB" and child.dep_ in _REPORTED_DEPS:
            return tok
    return None


def governing_report(doc, start: int, end: int, pronouns: dict[str, str]):
    """(subject, verb) of the nearest verb above a quoted stretch whose subject lies outside it: "the agency
    aims to “map…”", "X est « arrivée avec son dossier »" (the quote's own verb, its subject outside),
    "…, a précisé X, rendant hommage au « courage » des secours" (the participle shares the subject of
    the verb it hangs on). None when there is none, or when it is "on"/"we" or a date."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    for _ in range(7):
        if not start <= tok.idx < end or tok.i == span.root.i:
            subj = next((c for c in tok.children
                         if c.dep_.startswith("nsubj") and not start <= c.idx < end), None)
            if subj is not None:
                if pronouns.get(subj.text.lower()) == "none" or _is_time(subj):
                    return None
                return _subject_span(subj), tok
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None
