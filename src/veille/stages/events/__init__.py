"""The events stage: PLOVER event coding of the page (who did what to whom, where, when, in what mode).

The parse is coded sentence by sentence (``events_coder``); the parties found there become entity ids
through the page's mentions (``events_parties``); each event's time is a timex of its sentence. An event
is kept only when at least one party is a political one (a state or place, or an actor the knowledge base
knows): a trigger word with nobody attached says little, and precision matters on real pages ("une
offensive" in passing, a hockey player who "sends" a pass are not events of the page).

>>> # veille.analyze_text("La Biélorussie a aidé la Russie à lancer l'invasion de l'Ukraine.").events
"""

from __future__ import annotations

import re

from ...kb import load_kb
from ...record import Article, Event, Span, Timex
from ...stage import Stage, Work
from . import syntax as syn
from .coder import Coded, code_sentence
from .lexicon import Lexicon, lexicon
from .parties import Parties
from .repeats import Retold

_PLACES = {"GPE", "LOC"}
#: types where "X and Y met / agreed / clashed" leaves both as parties: PLOVER codes both as actors, the
#: record keeps the second as recipient rather than lose it
_RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE", "ASSAULT"}
_DATED = re.compile(r"^(\d{3}[\dX])")


class Events(Stage):
    name = "events"
    version = "1"
    requires = ("text", "lang", "doc", "mentions")
    assigns = ("events",)

    def __call__(self, work: Work) -> Work:
        lex = lexicon(work.article.lang)
        if work.doc is not None and lex is not None:
            kb = load_kb(tuple(getattr(work.config, "kb_files", ()) or ()))
            # the nlp stage starts a sentence at every paragraph break (see stages/nlp.py)
            work.article.events = code_article(work.article, work.doc, lex, kb)
        return work


def code_article(article: Article, doc, lex: Lexicon, kb=None) -> list[Event]:
    """Every event of a parsed page, in text order."""
    parties = Parties(article, doc, lex.PRONOUNS, kb, lex.FIRST_PERSON, lex.NEUTER_PRONOUNS)
    out: list[Event] = []
    told = Retold(article)
    text = doc.text  # once a page: a sentence's text is its slice (``Span.text`` joins its tokens anew)
    for sent in doc.sents:
        if _shouting(text[sent.start_char:sent.end_char]):
            continue
        for coded in code_sentence(sent, lex):
            ev = _to_event(coded, sent, article, parties, lex, out)
            if ev is not None and not told.again(ev, coded.trigger.lemma_):
                out.append(ev)
    return out


def _shouting(text: str) -> bool:
    """A line in capitals: a picture credit or a heading ("THIS IMAGE HAS BEEN SUPPLIED BY A THIRD
    PARTY."), not a report of events."""
    letters = "".join(filter(str.isalpha, text))  # C loops: this runs on every sentence
    return len(letters) >= 12 and sum(map(str.isupper, letters)) > 0.8 * len(letters)


def _first(tokens, parties: Parties, skip: set[str | None], trigger=None) -> str | None:
    for tok in tokens:
        if trigger is not None and tok.i == trigger.i:  # the event noun itself: only "l'invasion russe"
            found = parties.nationality(tok)
        else:
            found = parties.resolve(tok)
        if found and found not in skip:
            return found
    return None


def _to_event(c: Coded, sent, article: Article, parties: Parties, lex: Lexicon,
              earlier: list[Event]) -> Event | None:
    actor = _first(c.actors, parties, set(), c.trigger) or _quoted_speaker(c, article, parties)
    _sort_either(c, parties, lex)
    receives = _receiver(c, parties, lex)
    recipient = _first([t for t in _to_whom_first(c) if receives(t)], parties, {actor})
    c.places += [t for t in c.recipients if not receives(t)]
    if recipient is None and c.type in _RECIPROCAL:
        recipient = _first(_conjuncts(c.actors), parties, {actor})
    if recipient is None and c.type == "REQUEST":
        recipient = _requested_party(c, lex, earlier, actor)
    location = _place(c, parties, {actor, recipient})
    if c.kind in ("alleged", "demand") and not (actor and recipient):
        return None
    if recipient is None and (c.act or c.type) == "AID" and c.trigger.lemma_.lower() in lex.DISPATCH_VERBS:
        return None  # "send astronauts around the Moon", "envoyer une sonde": a journey, nobody is helped
    if (c.act or c.type) == "MOBILIZE" and not (_moves_forces(c, lex) or parties.political(actor)):
        return None  # "mobilize voters", "forte mobilisation contre la réforme": no forces, no state
    if not any(parties.political(x) for x in (actor, recipient, location)):
        return None
    if c.kind == "noun" and parties.names_something(c.trigger):
        return None
    timex = _timex(c, sent, article)
    aux = _aux(c, sent, article, timex, lex)
    return Event(type=c.type, mode=c.mode, actor=actor, recipient=recipient, location=location, time=timex,
                 aux=aux, sentence=_span(article, sent.start_char, sent.end_char),
                 trigger=_span(article, c.trigger.idx, c.trigger.idx + len(c.trigger.text)),
                 confidence=_confidence(c, actor, recipient, location))


def _sort_either(c: Coded, parties: Parties, lex: Lexicon) -> None:
    """A complement that can name the recipient or the place ("à", "at", "to") is the place when the
    event's type happens somewhere (MOBILIZE, ASSAULT...) and it names a place ("se rendra à Doha",
    "déployer au Bélarus"), else the recipient ("transférer à la Biélorussie")."""
    for tok in c.either:
        ent = parties.entities.get(parties.resolve(tok) or "")
        place = (c.act or c.type) in lex.LOCATIVE_TYPES and ent is not None and ent.type in _PLACES
        (c.places if place else c.recipients).append(tok)
    c.either = []


#: acts that hand something over: the object is what changes hands, "à/to X" who gets it
_TRANSFERS = {"AID", "CONCEDE", "RETREAT"}


def _to_whom_first(c: Coded) -> list:
    """The recipient phrases in the order to try them: for an act that hands something over, the
    "à/to" complement before the object ("céder la Crimée à la Russie": Russia receives, the peninsula
    is what is ceded); else as the parse gave them."""
    if (c.act or c.type) not in _TRANSFERS:
        return c.recipients
    return sorted(c.recipients, key=lambda t: not _prepositional(t))


def _prepositional(tok) -> bool:
    return tok.dep_ == "pobj" or any(k.dep_ == "case" for k in tok.children)


def _moves_forces(c: Coded, lex: Lexicon) -> bool:
    """Whether a MOBILIZE trigger moves armed or security forces or weapons ("mobilisation de
    réservistes", "deploy missiles"), read on its object, genitive and the words under the trigger."""
    words = [*c.actors, *c.recipients, *c.trigger.children]
    words += [k for t in list(words) for k in t.children if k.dep_ in ("nmod", "pobj", "prep")]
    return any(t.lemma_.lower() in lex.FORCE_NOUNS or t.lower_ in lex.FORCE_NOUNS for t in words)


def _receiver(c: Coded, parties: Parties, lex: Lexicon):
    """A test for the phrases that can receive what is handed over (AID, CONCEDE, RETREAT): a party
    (person, organisation, state), not a mere place — a planet, a sea or a region named by "to"/"à" is
    where something goes ("sending astronauts to Mars" helps nobody). Other acts keep such names: a bloc
    can be accused ("l'Occident"), a place attacked ("frappes sur Gaza")."""
    def receives(tok) -> bool:
        if (c.act or c.type) not in _TRANSFERS:
            return True
        ent = parties.entities.get(parties.resolve(tok) or "")
        return ent is None or ent.type != "LOC"
    return receives


def _conjuncts(tokens) -> list:
    return [c for t in tokens for c in t.children if c.dep_ == "conj"]


def _span(article: Article, start: int, end: int) -> Span:
    """A span of the text without the blanks, or the separator the parse left at a sentence start
    (": Le président russe…" after a dateline)."""
    text = article.text
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and (text[start].isspace() or text[start] in ":;,–—-"):
        start += 1
    return Span(start=start, end=end, text=text[start:end])


def _place(c: Coded, parties: Parties, skip: set[str | None]) -> str | None:
    for tok in c.places:
        found = parties.resolve(tok)
        ent = parties.entities.get(found) if found else None
        if found and found not in skip and (ent is None or ent.type in _PLACES):
            return found
    return None


def _quoted_speaker(c: Coded, article: Article, parties: Parties) -> str | None:
    """The speaker of a quote the trigger lies in (the quotes stage's answer), for allegations made in a
    direct quote ("« La crise, provoquée par l'Occident » a déclaré Poutine")."""
    if c.kind != "alleged":
        return None
    at = c.trigger.idx
    for q in article.quotes:
        if q.start <= at < q.end and q.speaker:
            return parties.as_party(q.speaker)
    return None


def _requested_party(c: Coded, lex: Lexicon, earlier: list[Event], requester: str | None) -> str | None:
    """Whom a request was made of, when the sentence names the requested act by an earlier event of the
    page ("le déploiement répondait à une demande de Loukachenko": the deployment is Russia's, so the
    request was Russia's to grant)."""
    for sib in c.trigger.head.children:
        trig = lex.noun_trigger(sib) if sib.i != c.trigger.i else None
        if trig is None:
            continue
        # the most confidently coded earlier event of that type (an act the page reports, not one it
        # mentions in passing, as "les déploiements américains" in a comparison), the latest on a tie
        candidates = [(ev.confidence, i, ev.actor) for i, ev in enumerate(earlier)
                      if ev.type == trig.type and ev.actor and ev.actor != requester]
        if candidates:
            return max(candidates)[2]
    return None


def _timex(c: Coded, sent, article: Article) -> int | None:
    """The sentence's timex for the event: one inside the event's own clause, else the nearest one that
    hangs on a clause governing the event (not one of a neighbouring clause: in "X ne transférerait pas...
    depuis qu'il a envahi l'Ukraine il y a plus d'un an" the year belongs to the invasion)."""
    doc = sent.doc
    at = c.trigger.idx
    clause = _own_clause(c.anchor)
    best = None
    for i, t in enumerate(article.timexes):
        if not sent.start_char <= t.start < sent.end_char:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        own = span is not None and span.root.i in clause
        if not own and (span is None or not _on_governing_clause(span.root, c.anchor)):
            continue
        key = (not own, abs(t.start - at))
        if best is None or key < best[0]:
            best = (key, i)
    return best[1] if best else None


_OTHER_CLAUSES = {"conj", "advcl", "acl", "acl:relcl", "relcl", "ccomp", "parataxis", "csubj"}


def _own_clause(anchor, joined: frozenset[str] = frozenset()) -> set[int]:
    """Token indices of the anchor's clause, without the clauses hanging from it — except the complement
    of a verb in ``joined`` ("helped Russia launch its invasion in February 2022" is one act)."""
    out, todo = {anchor.i}, [anchor]
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.dep_ not in _OTHER_CLAUSES or (c.dep_ == "ccomp" and t.lemma_.lower() in joined):
                out.add(c.i)
                todo.append(c)
    return out


def _on_governing_clause(tok, anchor) -> bool:
    """Whether the first verb above ``tok`` is the anchor or one of its governors."""
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and (verb.i == anchor.i or any(a.i == verb.i for a in anchor.ancestors))


def _aux(c: Coded, sent, article: Article, timex: int | None, lex: Lexicon) -> list:
    """The coder's modes, with a past act made "historical" when its own clause or its timex dates it
    ("en février 2022", "il y a plus d'un an"); a year elsewhere in the sentence does not count."""
    aux = [a for a in c.aux if a != "past"]
    if "past" in c.aux:
        t = article.timexes[timex] if timex is not None else None
        doc = sent.doc
        words = " ".join(doc[i].text for i in sorted(_own_clause(c.anchor, lex.OBJECT_CONTROL)))
        if t is not None:
            words += " " + t.text
        if syn.historical_context(words, lex, t is not None and _before(t, article)):
            aux.append("historical")
    return sorted(aux)


def _before(t: Timex, article: Article) -> bool:
    """A dated timex earlier than the publication (any dated one when the page has no date)."""
    m = _DATED.match(t.value or "")
    if not m or t.type not in ("DATE", None):
        return False
    return article.published is None or m.group(1).replace("X", "0") < article.published[:4]


def _confidence(c: Coded, actor, recipient, location) -> float:
    score = 0.35 + 0.25 * bool(actor) + 0.15 * bool(recipient or location)
    score += {"verb": 0.15, "noun": 0.05, "alleged": 0.0, "demand": 0.05}[c.kind]
    return round(min(score, 0.95), 2)
