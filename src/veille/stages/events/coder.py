"""PLOVER coding of one parsed sentence: find trigger words through the language's lexicon, then read
actor, recipient, location and auxiliary modes off the dependency parse.

Three kinds of events are coded:
- a verb trigger ("la Biélorussie a aidé la Russie") — actor its subject (through control verbs and
  passives), recipient its object or à/to/against-complement;
- a noun trigger ("lancer une invasion de l'Ukraine", "une demande du dirigeant biélorusse") — actor the
  subject of its light verb or its genitive, as the lexicon says the noun takes it;
- an allegation: a speaker saying another party does something hostile ("Poutine a déclaré que l'OTAN
  cherche à pénétrer l'Asie-Pacifique") is ACCUSE by the speaker against that party.
Events inside reported speech keep the reported actor; the reporting verb itself is not an event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import syntax as syn
from .lexicon import Lexicon, Trigger

#: intent verbs whose complement is what is promised, threatened or asked for (so it lies ahead)
_INTENT_TYPES = {"AGREE", "THREATEN", "REQUEST"}
#: hostile acts that, announced as what one will do, are threats
_HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "PROTEST"}
_OBLIGATION = {"must", "devoir"}
#: cooperative acts that, announced as what one will do, are PLOVER AGREE ("indicate willingness to
#: cooperate in the future", "expressing willingness to meet in the future")
_COOPERATIVE = {"AID", "COOPERATE", "CONCEDE", "CONSULT", "SUPPORT"}
_GOVERNING = {"VERB", "AUX", "ADJ"}  # "prévoit de", "is willing to"
_PURPOSE_MARKS = {"pour", "afin", "to", "so"}
_STRAY = {"punct", "dep", "amod", "appos", "flat:name", "npadvmod", "oprd", "attr"}


@dataclass
class Coded:
    """An event found in the parse, with the tokens of its parties (ids come later, from the mentions)."""

    type: str
    mode: str | None
    trigger: Any  # spaCy Token
    anchor: Any  # spaCy Token
    kind: str  # verb | noun | alleged (a speaker's claim) | demand (a speaker's "must")
    actors: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    places: list = field(default_factory=list)
    either: list = field(default_factory=list)  # recipient, or place for a locative type
    aux: list[str] = field(default_factory=list)
    genitive: str = "actor"
    proposed: bool = False  # planned by someone else ("suggéré à l'Ukraine de céder", "urged X to")
    act: str = ""  # the type of the act itself, before PLOVER's reading (a visit announced is AGREE)

    @property
    def depth(self) -> int:
        return len(syn.governors(self.anchor))


def code_sentence(sent, lex: Lexicon) -> list[Coded]:
    """Every event of one sentence (a spaCy Span), in text order."""
    out: list[Coded] = []
    light_nouns = set()
    for tok in sent:
        if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.lemma_.lower() in lex.nouns):
            if not lex.may_trigger_noun(tok.lemma_.lower()):
                continue  # no entry for this noun: ``noun_trigger`` would say None after every check
            if (tok.head.lemma_.lower(), tok.lemma_.lower()) in lex.verb_object:
                continue  # "sign an agreement", "block roads": the verb and its object make one event
            # "proposition de médiation" is an offered act, not a kind of proposal
            offered = tok.head.lemma_.lower() in lex.OFFER_NOUNS
            trig = None if (_classifier(tok) and not offered) or _a_share(tok) else lex.noun_trigger(tok)
            if trig:
                ev = _noun_event(tok, trig, lex)
                out.append(ev)
                if ev.anchor.i != tok.i:
                    light_nouns.add(ev.anchor.i)
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or _purpose(tok) or _generic_gerund(tok):
            continue
        demand = _obligation(tok, lex)
        if demand:
            out.append(demand)
            continue
        if tok.pos_ != "VERB" or tok.i in light_nouns:
            continue
        # a verb no entry starts with is no trigger whatever its form: the participle test is skipped
        heads = tok.lemma_.lower() in lex.verb_heads
        trig = None if not heads or _lasting_state(tok, lex) else lex.verb_trigger(tok)
        if trig and not _idle_request(tok, trig):
            out.append(_verb_event(tok, trig, lex))
        elif tok.lemma_.lower() in lex.ALLEGED_ACTS:
            alleged = _allegation(tok, lex)
            if alleged:
                out.append(alleged)
    for ev in out:
        ev.actors, ev.recipients, ev.places = (_unique(ev.actors), _unique(ev.recipients), _unique(ev.places))
        ev.either = _unique(ev.either)
        ev.aux = frame(ev, lex)
        ev.act = ev.type
        ev.type, ev.mode = _refine(ev, lex)
        if ev.kind == "noun" and any(w.lemma_.lower() in lex.OFFER_NOUNS for w in _complemented(ev.trigger)):
            ev.type, ev.mode = "AGREE", None  # "une proposition de médiation": mediation is offered
    kept = [ev for ev in out if not (_non_agent(ev, lex) or _withdraws_a_thing(ev, lex))]
    return sorted(_without_echoes(kept, lex), key=lambda e: e.trigger.i)


_MEANS_MARKS = {"by", "en"}


def _means_of(anchor):
    """The verb a "by …ing" / "en …ant" clause gives the means of ("killed X by firing", "a tué X en
    tirant"), or None."""
    head = anchor.head
    if head.pos_ == "ADP" and head.lower_ in _MEANS_MARKS and head.head.pos_ == "VERB":
        return head.head  # ClearNLP: killed -> by -> firing
    marked = any(c.dep_ in ("mark", "case") and c.lower_ in _MEANS_MARKS for c in anchor.children)
    return head if marked and anchor.dep_ == "advcl" and head.pos_ == "VERB" else None


def _complemented(tok) -> list:
    """The words a prepositional noun may complement: its head (through a ClearNLP preposition), and —
    when the parse hung it on the verb instead ("a formulé une proposition, aux contours flous, de
    médiation") — the verb's objects before it."""
    up = tok.head
    if up.pos_ == "ADP" and up.head.i != up.i:  # ClearNLP: call -> for -> investigation
        up = up.head
    if up.i == tok.i:
        return []
    out = [up]
    if up.pos_ in ("VERB", "AUX") and any(c.dep_ == "case" for c in tok.children):
        out += [s for s in up.children if s.dep_ in syn.OBJECTS and s.i < tok.i]
    return out


def _withdraws_a_thing(ev: Coded, lex: Lexicon) -> bool:
    """RETREAT withdraw is pulling back forces or leaving a place or a treaty ("retirer ses troupes", "se
    retirer de l'accord"); withdrawing a thing from sale or a bill from debate is not ("retirer le
    fongicide"): a direct object must be forces or a named party."""
    if ev.act != "RETREAT" or ev.kind != "verb" or ev.trigger.lemma_.lower() not in lex.WITHDRAW_VERBS:
        return False
    objects = [c for c in ev.trigger.children if c.dep_ in syn.OBJECTS]
    people = lex.FORCE_NOUNS | lex.CAPTIVE_NOUNS | lex.ROLE_NOUNS
    return bool(objects) and not any(o.lemma_.lower() in people or o.lower_ in people
                                     or o.pos_ in ("PROPN", "PRON") for o in objects)


def _non_agent(ev: Coded, lex: Lexicon) -> bool:
    """Whether the event's doer is something that cannot act (animacy): the sense of the trigger is
    then not the political one — a "bird strike" is no labour strike, "lightning struck the village" or
    "the flood killed ten people" no assault. Read on the actor phrases and, for a noun trigger, on the
    noun modifying it ("bird strike", "grève des oiseaux" would be the same)."""
    heads = [t for t in ev.actors if t.i != ev.trigger.i]
    if ev.kind == "noun":
        heads += [c for c in ev.trigger.children if c.dep_ in ("compound", "poss")]
    return any(t.lemma_.lower() in lex.NON_AGENTS or t.lower_ in lex.NON_AGENTS for t in heads)


def _lasting_state(tok, lex: Lexicon) -> bool:
    """A participle after a verb of lasting ("l'adhésion reste bloquée", "the bill remained blocked")
    describes a state, not an act done on the day: no event."""
    participle = "Part" in tok.morph.get("VerbForm") or tok.tag_ == "VBN"
    if not participle:
        return False
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.STATE_VERBS:
        return True
    return any(c.dep_.startswith("aux") and lex.STATE_VERBS & {c.lemma_.lower(), c.lower_}
               for c in tok.children)


def _unique(tokens: list) -> list:
    seen: set[int] = set()
    return [t for t in tokens if not (t.i in seen or seen.add(t.i))]  # type: ignore[func-returns-value]


def _without_echoes(events: list[Coded], lex: Lexicon) -> list[Coded]:
    """Drop a complement that only repeats its governor's event ("a accepté de transférer" is one AGREE,
    not two: same type, anchored on a verb the other event's anchor governs), what an accusation alleges,
    what a request asks for or an offer holds, and what a refusal refuses (its recipient joins the
    REJECT)."""
    by_anchor = {(e.anchor.i, e.type): e for e in events}
    accusations = {e.anchor.i for e in events if e.type == "ACCUSE" and e.kind == "verb"}
    alleged = {e.trigger.i for e in events if e.kind == "alleged"}
    demanded = {e.trigger.i for e in events if e.kind == "demand"}
    # a refusal and what is refused are one act; a denial keeps what is denied, negated ("a démenti avoir
    # bombardé": the bombing is reported as not done)
    refusals = {e.anchor.i: e for e in events if e.type == "REJECT" and e.kind == "verb"
                and e.trigger.lemma_.lower() not in lex.DENIAL_VERBS}
    kept = []
    for e in events:
        if any(g.i in accusations for _, g in syn.governors(e.anchor, 3)):
            continue  # "accused X of violating the treaty": the violation is only alleged
        if _content_of_request_or_offer(e, events):
            continue
        means = _means_of(e.anchor)
        if means is not None and by_anchor.get((means.i, e.type)) not in (None, e):
            continue  # "killed a reporter by firing shells", "a tué en tirant": the killing, told once
        # "refuse de négocier avec Moscou": one REJECT, aimed at Moscow
        refusal = refusals.get(e.anchor.head.i) if e.anchor.dep_ == "xcomp" else None
        if refusal is not None and refusal is not e:
            refusal.recipients += e.recipients
            refusal.either += e.either
            continue
        if e.kind != "demand" and (e.anchor.i in demanded or e.trigger.i in demanded):
            continue  # "X said Y must reach an agreement": the agreement is only demanded
        if e.kind == "alleged" and e.trigger.dep_ == "conj" and e.trigger.head.i in alleged:
            continue  # "provoquée et alimentée par l'Occident": one accusation
        gov = by_anchor.get((e.anchor.head.i, e.type)) if e.anchor.dep_ == "xcomp" else None
        if gov is None or gov is e:
            kept.append(e)
        else:
            gov.recipients += e.recipients  # "accepté de transférer les armes à la Russie": to Russia
            gov.places += e.places
            gov.either += e.either
    return kept


#: what a request or an offer is about is not done: "a call for an investigation", "une proposition de
#: médiation", "an offer of talks"
_ASKED_OR_OFFERED = {"REQUEST", "AGREE"}


def _content_of_request_or_offer(e: Coded, events: list[Coded]) -> bool:
    """A noun event that is the object or complement of a request or an offer ("called for an
    investigation", "a formulé une proposition de médiation", "demande une enquête"): only asked for or
    offered, so the request or offer is the event."""
    if e.kind != "noun" or e.type in _ASKED_OR_OFFERED:
        return False
    holders = {o.trigger.i for o in events if o.type in _ASKED_OR_OFFERED and o.kind in ("verb", "noun")}
    return any(w.i in holders for w in _complemented(e.trigger))


_PERCENT = {"%", "percent", "per cent", "pourcent", "pour cent", "pourcentage", "percentage"}


def _a_share(tok) -> bool:
    """A trigger noun measured as a share ("85 percent support among voters", "40 % de soutien"): a poll
    figure, not an act of support."""
    near = [c for c in tok.children if c.dep_ in ("compound", "nummod", "nmod", "amod", "npadvmod")]
    near += [k for c in near for k in c.children if k.dep_ in ("compound", "nummod", "case", "fixed")]
    words = {c.lower_ for c in near}
    words |= {f"{a.lower_} {b.lower_}" for a in near for b in near if b.i == a.i + 1}  # "per cent"
    return bool(words & _PERCENT)


def _classifier(tok) -> bool:
    """A trigger noun that only classifies another noun ("avions de combat", "combat aircraft")."""
    if tok.dep_ == "compound":
        return True
    return (tok.dep_ == "nmod" and tok.head.pos_ == "NOUN" and not any(c.dep_ == "det" for c in tok.children)
            and any(c.dep_ == "case" and c.lower_ in ("de", "d'", "d’") for c in tok.children))


def _purpose(tok) -> bool:
    """An infinitive that only says what something is for ("des solutions pour financer la branche",
    "funds to rebuild the port", "sent experts to investigate"): nothing was done by it, so no event."""
    if tok.dep_ not in ("acl", "relcl", "advcl"):  # the cheap test first: most verbs stop here
        return False
    if not ("Inf" in tok.morph.get("VerbForm") or tok.tag_ == "VB"):
        return False
    return tok.dep_ != "advcl" or any(c.lower_ in _PURPOSE_MARKS for c in tok.children)


def _generic_gerund(tok) -> bool:
    """A gerund under a noun's preposition names a kind of act, not one that happened ("a requirement for
    cooperating with the FBI", "the cost of fighting"); under a verb's it is the act ("accused X of
    violating", "killed X by firing")."""
    head = tok.head
    nominal = any(c.dep_ in ("det", "amod", "poss", "compound") for c in tok.children)  # "a police shooting"
    return (tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj") and head.pos_ == "ADP"
            and head.head.pos_ in ("NOUN", "PROPN") and not nominal)


def _idle_request(tok, trig: Trigger) -> bool:
    """A request verb in the passive with nothing asked for is a call, not a demand ("la police a été
    appelée", "an ambulance was called")."""
    return (trig.type == "REQUEST" and syn.passive_patient(tok) is not None
            and not any(c.dep_ in ("xcomp", "ccomp", "obl:arg") for c in tok.children))


def _verb_event(tok, trig: Trigger, lex: Lexicon) -> Coded:
    ev = Coded(trig.type, trig.mode, tok, tok, "verb")
    patient = syn.passive_patient(tok)
    if patient is not None and tok.lemma_.lower() in lex.ETRE_VERBS:
        ev.actors.append(patient)  # "des manifestants sont descendus": être as auxiliary, not a passive
        patient = None
    if patient is None and syn.bare_participle(tok) and tok.head.pos_ in ("NOUN", "PROPN"):
        patient = tok.head  # "un Brésilien exécuté en Indonésie"
    if patient is not None:
        ev.actors = [a for a in [syn.passive_agent(tok, lex)] if a is not None]
        ev.recipients.append(patient)
    else:
        ev.actors += [a for a in [syn.subject(tok, lex)] if a is not None]
        ev.recipients += syn.objects(tok)
        if tok.lemma_.lower() in lex.OBJECT_CONTROL:  # "helped Russia launch": parsed as launch's subject
            ev.recipients += [k for c in tok.children if c.dep_ in ("ccomp", "xcomp")
                              for k in c.children if k.dep_ in syn.SUBJECTS]
    _complements(ev, tok, lex)
    # last resort for a mis-parsed object ("a attaqué le Portugal" with "Portugal" tagged ADJ/punct):
    # a bare name right after the verb, with no preposition of its own
    ev.recipients += [c for c in tok.rights if c.dep_ in _STRAY and c.pos_ in ("PROPN", "ADJ", "X")
                      and not any(k.dep_ == "case" for k in c.children)]
    for obj in syn.objects(tok):  # "transférer le contrôle des armes à la Biélorussie" hangs on the object
        _complements(ev, obj, lex)
        for prep, noun in syn.prep_args(obj):  # ... or on the object's own complement
            if prep in lex.GENITIVE_PREPS:
                _complements(ev, noun, lex)
    return ev


def _complements(ev: Coded, tok, lex: Lexicon, genitive: bool = False) -> None:
    """Sort the prepositional complements of ``tok`` into recipients and places."""
    for prep, noun in syn.prep_args(tok):
        to_whom, where = prep in lex.RECIPIENT_PREPS, prep in lex.LOCATION_PREPS
        if prep in lex.BETWEEN_PREPS:  # "talks between Serbia and Kosovo": both parties
            ev.actors.append(noun)
            ev.recipients += [c for c in noun.children if c.dep_ == "conj"]
        elif to_whom and where:  # "à Doha" or "à la Biélorussie": the stage decides from the entity's type
            ev.either.append(noun)
        elif where:
            ev.places.append(noun)
        elif to_whom:
            ev.recipients.append(noun)
        elif genitive and prep in lex.GENITIVE_PREPS:
            (ev.actors if ev.genitive == "actor" else ev.recipients).append(noun)
            for prep2, noun2 in syn.prep_args(noun):  # "une demande de longue date du dirigeant"
                if prep2 in lex.GENITIVE_PREPS and ev.genitive == "actor":
                    ev.actors.append(noun2)
        elif prep in lex.AGENT_PREPS or (genitive and prep in lex.SOURCE_PREPS):
            ev.actors.append(noun)  # "attacked by X"; "a request from X"


def _noun_event(tok, trig: Trigger, lex: Lexicon) -> Coded:
    head = tok.head
    light = (tok.dep_ in syn.OBJECTS | {"obl:arg"} and head.pos_ == "VERB"
             and head.lemma_.lower() in lex.LIGHT_VERBS)
    ev = Coded(trig.type, trig.mode, tok, head if light else tok, "noun", genitive=trig.genitive)
    if light:
        ev.actors = [a for a in [syn.subject(head, lex)] if a is not None]
        _complements(ev, head, lex)
    ev.actors += [c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
    # "we reiterate our calls", "nos demandes": a first-person possessive is the speaker's side (the stage
    # reads it off the quote around it)
    ev.actors += [c for c in tok.children if c.dep_ in ("poss", "det") and c.lower_ in lex.FIRST_PERSON]
    _complements(ev, tok, lex, genitive=True)
    ev.actors.append(tok)  # "l'invasion russe", "Israeli attack": a nationality on the noun itself
    return ev


def _allegation(tok, lex: Lexicon) -> Coded | None:
    """ACCUSE when a reporting verb above ``tok`` has a subject other than ``tok``'s own."""
    accused = syn.subject(tok, lex)
    gov = _speech_governor(tok, lex)
    if gov is not None:
        speaker = syn.subject(gov, lex)
        if speaker is None or accused is None or speaker.i == accused.i:
            return None
        return Coded("ACCUSE", "allege", tok, gov, "alleged", [speaker], [accused])
    if accused is not None:  # no reporting verb: the speaker may come from a quote around it (stage)
        return Coded("ACCUSE", "allege", tok, tok, "alleged", [], [accused])
    return None


def _speech_governor(tok, lex: Lexicon):
    for _, gov in syn.governors(tok):
        if gov.pos_ == "VERB" and gov.lemma_.lower() in lex.SPEECH_VERBS:
            return gov
    return None


def _obligation(tok, lex: Lexicon) -> Coded | None:
    """REQUEST when a speaker says another party must act ("Russia said Sudan must return the
    helicopter", "Paris a déclaré que Moscou doit retirer ses troupes"): the act is demanded, not done."""
    must = any(c.dep_ == "aux" and c.lemma_.lower() in _OBLIGATION for c in tok.children) or (
        tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _OBLIGATION)
    if not must:
        return None
    gov = _speech_governor(tok, lex)
    bearer = syn.subject(tok.head if tok.dep_ == "xcomp" else tok, lex)
    speaker = syn.subject(gov, lex) if gov is not None else None
    if speaker is None or bearer is None or speaker.i == bearer.i:
        return None
    return Coded("REQUEST", None, tok, gov, "demand", [speaker], [bearer])


def frame(ev: Coded, lex: Lexicon) -> list[str]:
    """Auxiliary modes of an event, read from its anchor verb and the verbs that govern it."""
    aux: set[str] = set()
    cur = ev.anchor
    tense = cur
    _own_frame(cur, lex, aux)
    while cur.dep_ in ("xcomp", "ccomp", "conj") and cur.head.i != cur.i and cur.head.pos_ in _GOVERNING:
        link, gov = cur.dep_, cur.head
        if link == "conj":  # "a accusé ... et a déclaré": conjuncts share nothing but their subject
            break
        lemma = gov.lemma_.lower()
        if lemma in lex.SPEECH_VERBS and link == "ccomp":
            break
        if lemma in lex.OBJECT_CONTROL or lemma in lex.PROPOSAL_VERBS:
            ev.proposed = True
        if lemma in lex.FUTURE_VERBS and syn.passive_patient(gov) is not None:
            ev.proposed = True  # "is expected to meet": others expect it, the actor states no intent
        trig = lex.verb_trigger(gov)
        if lemma in lex.FUTURE_VERBS or (trig and trig.type in _INTENT_TYPES):
            aux.add("future")
        elif lemma in lex.RULE_OUT_VERBS:
            aux.add("hypothetical" if syn.negated(gov, lex) else "negation")
            cur = tense = gov
            continue
        elif lemma in lex.HYPOTHETICAL_VERBS or lemma in lex.PROPOSAL_VERBS:
            aux.add("hypothetical")
        elif trig and trig.type == "REJECT":
            aux.add("negation")
        _own_frame(gov, lex, aux)
        tense = gov
        cur = gov
    if not aux & {"future", "hypothetical"} and syn.past(tense):
        aux.add("past")
    return sorted(aux)


def _own_frame(v, lex: Lexicon, aux: set[str]) -> None:
    if syn.negated(v, lex):
        aux.add("negation")
    for c in v.children:
        word = c.lower_
        if c.dep_ in ("aux", "aux:tense", "aux:pass"):
            if word in lex.FUTURE_MODALS or c.lemma_.lower() == "aller":
                aux.add("future")
            elif word in lex.HYPOTHETICAL_MODALS:
                aux.add("hypothetical")
        if c.dep_ == "mark" and word in lex.CONDITION_MARKS:
            aux.add("hypothetical")
    if "Fut" in v.morph.get("Tense"):
        aux.add("future")
    if lex.MORPHOLOGICAL_CONDITIONAL and syn.conditional(v):
        aux.add("hypothetical")


def _refine(ev: Coded, lex: Lexicon) -> tuple[str, str | None]:
    """PLOVER's reading of announced acts: a stated intent to attack, punish or protest, or any future act
    made conditional with "unless"/"à moins que", is a threat; a stated intent to help, meet or yield is
    AGREE; a refusal to agree is REJECT."""
    ahead = {"future", "hypothetical"} & set(ev.aux) and "negation" not in ev.aux and not ev.proposed
    conditional_threat = any(c.dep_ == "advcl" and any(m.lower_ in lex.THREAT_MARKS for m in c.children)
                             for c in ev.anchor.children)
    if ahead and (conditional_threat or ev.type in _HOSTILE):
        return "THREATEN", ev.mode if ev.type == "THREATEN" else None
    if ev.type == "AGREE" and "negation" in ev.aux and ev.kind == "verb":
        return "REJECT", None  # "will not accept", "n'a pas accepté": declining is PLOVER REJECT
    if ahead and ev.type == "RETREAT" and ev.kind == "verb":
        return "CONCEDE", ev.mode  # the codebook: "promise to withdraw from territory (in the future)"
    if ahead and ev.type in _COOPERATIVE and ev.kind == "verb":
        return "AGREE", None
    return ev.type, ev.mode


def main_event(events: list[Coded]) -> Coded | None:
    """The event a sentence is about: the one highest in the parse (a sentence-level coder's choice)."""
    return min(events, key=lambda e: (e.depth, e.kind == "alleged", e.trigger.i), default=None)
