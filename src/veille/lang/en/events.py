"""English trigger words and patterns for PLOVER event coding (stage ``events``).

Written from the PLOVER codebook's definitions (``events/ngec``) and the verbs CAMEO-style coders know for
each category; lemmas as spaCy's English models give them. Each trigger maps to ``(PLOVER type, mode)``.
"""

from __future__ import annotations


def _table(kind: str, mode: str | None, words: str) -> dict[str, tuple[str, str | None]]:
    return {w.replace("_", " "): (kind, mode) for w in words.split()}


#: verb lemma (or "verb particle" for phrasal verbs) -> (type, mode)
VERBS: dict[str, tuple[str, str | None]] = {
    **_table("AGREE", None, "agree promise pledge commit offer accept invite volunteer consent"),
    **_table("CONSULT", None, "meet discuss negotiate confer consult talk mediate"),
    **_table("CONSULT", "visit", "visit host"),
    **_table("CONSULT", "phone", "telephone phone"),
    **_table("SUPPORT", None, "praise commend welcome support endorse back approve hail applaud laud thank "
                              "congratulate ratify sign recognize recognise upgrade restore reaffirm defend "
                              "forgive apologize apologise"),
    **_table("CONCEDE", None, "concede yield cede compromise ease relax soften call_off accede"),
    **_table("COOPERATE", None, "cooperate collaborate extradite share coordinate"),
    **_table("AID", None, "aid help assist give donate supply provide deliver grant lend loan fund finance "
                          "rescue shelter transfer contribute airlift ship send hand_over"),
    **_table("RETREAT", "withdraw", "withdraw retreat pull_out pull_back evacuate"),
    **_table("RETREAT", "release", "release free"),
    **_table("RETREAT", "return", "return"),
    **_table("RETREAT", "disarm", "disarm demobilize demobilise surrender"),
    **_table("RETREAT", "resign", "resign step_down"),
    **_table("REQUEST", None, "demand ask urge request appeal plead press insist implore beg exhort seek "
                              "call_for call_on petition order summon"),
    **_table("ACCUSE", "disapprove", "criticize criticise condemn denounce deplore decry complain rebuke "
                                     "reproach censure castigate slam blast lambaste chastise reprimand "
                                     "admonish object disapprove protest_to"),
    **_table("ACCUSE", "allege", "accuse blame charge indict sue allege prosecute"),
    **_table("ACCUSE", "investigate", "investigate probe inquire inspect examine"),
    **_table("REJECT", None, "reject refuse deny decline rebuff veto dismiss spurn repudiate oppose defy "
                             "resist turn_down renege violate"),
    **_table("THREATEN", None, "threaten warn menace intimidate"),
    **_table("PROTEST", "demo", "protest demonstrate rally march picket"),
    **_table("PROTEST", "riot", "riot"),
    **_table("PROTEST", "boycott", "boycott"),
    **_table("SANCTION", None, "sanction embargo"),
    **_table("SANCTION", "discontinue", "suspend sever break_off cut halt terminate downgrade cancel recall "
                                        "freeze postpone"),
    **_table("SANCTION", "expel", "expel oust"),
    **_table("SANCTION", "convict", "convict sentence"),
    **_table("MOBILIZE", None, "mobilize mobilise deploy mass station amass reinforce"),
    **_table("COERCE", "arrest", "arrest detain jail imprison apprehend round_up"),
    **_table("COERCE", "seize", "seize confiscate raid search"),
    **_table("COERCE", "restrict", "restrict block blockade prevent suppress repress crack_down cordon_off"),
    **_table("COERCE", "ban", "ban outlaw"),
    **_table("COERCE", "censor", "censor"),
    **_table("COERCE", "deport", "deport evict"),
    **_table("COERCE", "withhold", "cut_off shut_off shut_down withhold"),
    **_table("COERCE", "cyber", "hack deface"),
    **_table("ASSAULT", None, "attack assault invade kill fight shoot shell bombard strike storm ambush "
                              "wound injure capture clash"),
    **_table("ASSAULT", "aerial", "bomb"),
    **_table("ASSAULT", "abduct", "kidnap abduct hijack"),
    **_table("ASSAULT", "beat", "beat beat_up"),
    **_table("ASSAULT", "primitive", "hack_to"),
    **_table("ASSAULT", "sexual", "abuse rape"),
    **_table("ASSAULT", "firearms", "fire_at fire_on"),
    **_table("ASSAULT", "torture", "torture"),
    **_table("ASSAULT", "execute", "execute"),
    **_table("ASSAULT", "assassinate", "assassinate murder"),
    **_table("ASSAULT", "massacre", "massacre slaughter"),
    **_table("ASSAULT", "destroy", "destroy demolish burn blow_up raze"),
    **_table("ASSAULT", "cleansing", "cleanse"),
}


def _nouns(kind: str, mode: str | None, role: str, words: str) -> dict[str, tuple[str, str | None, str]]:
    return {w.replace("_", " "): (kind, mode, role) for w in words.split()}


#: noun lemma -> (type, mode, what "of X" names: "actor" in "the demand of X", "recipient" in "the
#: invasion of X")
NOUNS: dict[str, tuple[str, str | None, str]] = {
    **_nouns("AGREE", None, "actor", "agreement accord pledge promise offer"),
    **_nouns("CONSULT", None, "actor", "meeting talk talks negotiation visit summit consultation mediation"),
    **_nouns("SUPPORT", None, "actor", "support endorsement praise"),
    **_nouns("COOPERATE", None, "actor", "cooperation exercise maneuver manoeuvre"),
    **_nouns("AID", None, "actor", "aid assistance donation shipment delivery"),
    **_nouns("RETREAT", "withdraw", "actor", "withdrawal pullout retreat"),
    **_nouns("RETREAT", "ceasefire", "actor", "ceasefire truce"),
    **_nouns("RETREAT", "release", "recipient", "release"),
    **_nouns("REQUEST", None, "actor", "demand request appeal call plea"),
    **_nouns("ACCUSE", "allege", "actor", "accusation allegation charge lawsuit"),
    **_nouns("ACCUSE", "disapprove", "actor", "condemnation criticism complaint"),
    **_nouns("ACCUSE", "investigate", "recipient", "investigation probe inquiry hearing"),
    **_nouns("REJECT", None, "actor", "rejection refusal veto"),
    **_nouns("THREATEN", None, "actor", "threat ultimatum warning"),
    **_nouns("PROTEST", "demo", "actor", "protest demonstration rally march"),
    **_nouns("PROTEST", "riot", "actor", "riot unrest"),
    **_nouns("PROTEST", "strike", "actor", "walkout strike"),
    **_nouns("ASSAULT", None, "actor", "air_strike missile_strike drone_strike"),
    **_nouns("PROTEST", "hunger", "actor", "hunger_strike"),
    **_nouns("PROTEST", "boycott", "actor", "boycott"),
    **_nouns("SANCTION", None, "actor", "sanction embargo suspension"),
    **_nouns("SANCTION", "expel", "recipient", "expulsion"),
    **_nouns("MOBILIZE", None, "actor", "deployment mobilization mobilisation buildup alert patrol"),
    **_nouns("COERCE", "arrest", "recipient", "arrest detention"),
    **_nouns("COERCE", "restrict", "actor", "blockade crackdown curfew"),
    **_nouns("COERCE", "seize", "actor", "raid"),
    **_nouns("ASSAULT", None, "actor", "attack assault offensive fighting clash airstrike bombing shelling"),
    **_nouns("ASSAULT", None, "recipient", "invasion annexation"),
    **_nouns("ASSAULT", "assassinate", "recipient", "assassination"),
    **_nouns("ASSAULT", "massacre", "actor", "massacre"),
    **_nouns("ASSAULT", "cleansing", "actor", "cleansing"),
}

#: verbs that are no event when they take an infinitive ("seek to expand" is trying, not requesting)
NOT_WITH_INFINITIVE = frozenset({"seek", "resist"})  # "could not resist pointing out"

#: verbs that are a visit only when their object can be a visitor ("hosted the president", not "received
#: tanks")
HOST_VERBS = frozenset({"host", "receive"})
ROLE_NOUNS = frozenset("president minister delegation counterpart leader envoy ambassador king queen premier "
                       "secretary representative diplomat prince emir chancellor".split())

#: request nouns that are one only with what is asked or whom it is addressed to ("a call for talks", "an
#: appeal to the UN"): "a phone call", "the candidate's appeal" (attraction) are none
COMPLEMENT_NOUNS = frozenset({"appeal", "call"})

#: nouns of offering: the act they hold is offered, PLOVER AGREE ("a proposal of talks", "an offer of
#: aid"); on their own ("Clinton's proposals") they are no event
OFFER_NOUNS = frozenset({"proposal", "offer"})

#: nouns of armed or security forces: what MOBILIZE moves ("mobilize reservists") and what a RETREAT
#: withdraws ("withdraw troops"); "mobilize voters" is campaigning, not PLOVER MOBILIZE
FORCE_NOUNS = frozenset(
    "troop troops soldier soldiers military reservist reservists police policeman policemen officer "
    "officers army armies force forces unit units battalion battalions brigade brigades regiment division "
    "tank tanks warship warships ship ships missile missiles weapon weapons warhead warheads jet jets "
    "aircraft guard guardsmen reinforcement reinforcements personnel contingent".split())

#: verbs that are an event only when their object is a party: "defended the minister" is SUPPORT,
#: "defended his decision" or "defended clients in court" is not
PARTY_OBJECT_VERBS = frozenset({"defend"})

#: verbs whose event needs people as patients: "released the hostages" (RETREAT), not "released a poll"
PERSON_OBJECT_VERBS = frozenset({"release", "free"})
#: nouns of the people an act of release concerns (names, pronouns and roles count too)
CAPTIVE_NOUNS = frozenset(
    "prisoner prisoners hostage hostages detainee detainees captive captives inmate inmates soldier soldiers "
    "journalist journalists activist activists dissident dissidents people person civilian civilians man men "
    "woman women child children citizen citizens national nationals sailor sailors fisherman fishermen crew "
    "worker workers student students opponent opponents inspector inspectors observer observers monitor "
    "monitors staff diplomat diplomats".split())
#: verbs of withdrawing that take what is withdrawn as object: forces or people, not a product or a bill
WITHDRAW_VERBS = frozenset({"withdraw", "pull"})
#: pronouns that stand for things, not people ("released it")
THING_PRONOUNS = frozenset({"it", "this", "that", "these", "those", "which", "what"})

#: verbs of dispatch whose "to X" is a destination: AID only when someone receives what is sent ("sent
#: food to the refugees"), not a journey ("sent astronauts to the Moon")
DISPATCH_VERBS = frozenset({"send", "ship", "dispatch", "airlift", "fly"})

#: refusals that deny a fact rather than decline an act: what they deny stays coded, negated
DENIAL_VERBS = frozenset({"deny"})

#: words that open an indirect question: "asked him how many..." asks a question, it requests nothing
QUESTION_WORDS = frozenset({"how", "what", "why", "whether", "if", "who", "whom", "which", "when", "where"})

#: verbs that make a participle a lasting state, not an act ("the bill remained blocked")
STATE_VERBS = frozenset({"remain", "remained", "remains", "stay", "stayed", "stays"})

#: nouns that cannot act in a political event (animacy: animals, natural forces, celestial bodies): a
#: "bird strike" is no labour strike, "lightning struck" no assault, an "asteroid strike" no air raid
NON_AGENTS = frozenset(
    "bird birds animal animals dog dogs wildlife insect insects fish whale shark bear wolf horse cattle "
    "lightning thunder storm hurricane typhoon cyclone tornado earthquake quake tsunami flood floods wind "
    "winds avalanche landslide wildfire volcano eruption drought heatwave virus disease "
    "asteroid meteor meteorite comet planet moon galaxy blaze crash accident collapse "
    "poisoning".split())

#: verbs that are events only with an object ("return the helicopter", not "return home")
TRANSITIVE_ONLY = frozenset("return give send ship supply deliver provide free release transfer".split())

#: verb + preposition uses that are figurative, not the act ("fight for gun control", "push for reform" is
#: not pushing anyone)
NON_TRIGGERS = frozenset({"fight for", "battle for", "struggle for", "strike out", "shoot for", "fire up",
                          "back off", "back away", "beat back",
                          # verb + object idioms: "strike a balance", "kill the bill" (legislative death)
                          "strike balance", "strike chord", "strike tone", "strike note", "kill bill",
                          "kill legislation", "kill proposal", "kill plan", "kill deal", "shoot film",
                          "shoot video", "shoot scene"})

#: verb + object noun -> (type, mode), where the object decides what the verb means
VERB_OBJECT: dict[tuple[str, str], tuple[str, str | None]] = {
    ("send", "troop"): ("MOBILIZE", "troops"), ("send", "soldier"): ("MOBILIZE", "troops"),
    ("send", "force"): ("MOBILIZE", "troops"), ("lift", "sanction"): ("CONCEDE", None),
    ("lift", "embargo"): ("CONCEDE", None), ("lift", "restriction"): ("CONCEDE", None),
    ("lift", "ban"): ("CONCEDE", None), ("lift", "curfew"): ("CONCEDE", None),
    ("impose", "curfew"): ("COERCE", "curfew"), ("impose", "sanction"): ("SANCTION", None),
    ("declare", "state"): ("COERCE", "curfew"), ("impose", "state"): ("COERCE", "curfew"),
    ("cut", "tie"): ("SANCTION", "discontinue"), ("cut", "aid"): ("SANCTION", "withdraw"),
    ("break", "relation"): ("SANCTION", "discontinue"), ("test", "missile"): ("MOBILIZE", "weapons"),
    ("hold", "talk"): ("CONSULT", None), ("hold", "meeting"): ("CONSULT", None),
    ("free", "prisoner"): ("RETREAT", "release"), ("grant", "asylum"): ("AID", None),
    ("declare", "ceasefire"): ("CONCEDE", None), ("allow", "observer"): ("RETREAT", "access"),
    ("allow", "access"): ("RETREAT", "access"), ("open", "border"): ("RETREAT", "access"),
    ("close", "border"): ("COERCE", "restrict"), ("accept", "mediation"): ("AGREE", None),
    ("stage", "rally"): ("PROTEST", "demo"), ("go", "strike"): ("PROTEST", "strike"),
    ("fire", "missile"): ("ASSAULT", None), ("fire", "rocket"): ("ASSAULT", None),
    ("expel", "diplomat"): ("SANCTION", "expel"), ("recall", "ambassador"): ("SANCTION", "discontinue"),
    # obstructing passage is a form of protest (PLOVER PROTEST obstruct), not of coercion
    **{("block", w): ("PROTEST", "obstruct") for w in ("road", "street", "bridge", "highway", "traffic",
                                                       "railway", "transport", "entrance", "port")},
    ("open", "fire"): ("ASSAULT", "firearms"), ("set", "fire"): ("ASSAULT", "primitive"),
    ("fire", "shell"): ("ASSAULT", None), ("fire", "bomb"): ("ASSAULT", None),
    ("sign", "agreement"): ("SUPPORT", None), ("sign", "accord"): ("SUPPORT", None),
    ("sign", "treaty"): ("SUPPORT", None), ("sign", "deal"): ("SUPPORT", None),
    ("sign", "pact"): ("SUPPORT", None),
    ("establish", "tie"): ("SUPPORT", None), ("establish", "relation"): ("SUPPORT", None),
    ("open", "embassy"): ("SUPPORT", None), ("accept", "demand"): ("CONCEDE", None),
    ("meet", "demand"): ("CONCEDE", None), ("shorten", "curfew"): ("RETREAT", None),
    ("lift", "state"): ("RETREAT", None), ("lift", "blockade"): ("RETREAT", "withdraw"),
    ("ease", "curfew"): ("RETREAT", None), ("summon", "ambassador"): ("ACCUSE", "disapprove"),
    ("lodge", "protest"): ("ACCUSE", "allege"), ("send", "inspector"): ("ACCUSE", "investigate"),
    ("dispatch", "inspector"): ("ACCUSE", "investigate"), ("prohibit", "aid"): ("SANCTION", "withdraw"),
    ("reduce", "supply"): ("SANCTION", "withdraw"), ("reduce", "aid"): ("SANCTION", "withdraw"),
    ("end", "mediation"): ("SANCTION", "discontinue"), ("strengthen", "force"): ("MOBILIZE", "troops"),
    ("pay", "compensation"): ("RETREAT", "return"), ("stop", "work"): ("PROTEST", "strike"),
    ("collect", "signature"): ("PROTEST", "demo"), ("allow", "return"): ("RETREAT", "access"),
    ("cancel", "restriction"): ("CONCEDE", None), ("remove", "restriction"): ("CONCEDE", None),
    ("ease", "restriction"): ("CONCEDE", None), ("pay", "tribute"): ("SUPPORT", None),
    ("lift", "veto"): ("CONCEDE", None), ("use", "force"): ("ASSAULT", None),
    ("strike", "deal"): ("AGREE", None), ("strike", "agreement"): ("AGREE", None),
    ("take", "court"): ("ACCUSE", "allege"),
}

#: verbs that carry a noun trigger as their object ("launch an attack", "impose sanctions")
LIGHT_VERBS = frozenset(
    "launch carry conduct make stage hold impose issue announce declare adopt mount begin start open "
    "file level conclude reach strike deliver provide give extend take wage commit undertake organize "
    "organise call order".split())

#: verbs whose complement is planned or intended: aux "future"
FUTURE_VERBS = frozenset("plan intend aim prepare expect decide want mean schedule seek propose willing "
                         "ready prepared eager determined poised set vow swear".split())
#: modal auxiliaries and their aux
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "'d", "should"})
#: verbs whose complement is only possible: aux "hypothetical"
HYPOTHETICAL_VERBS = frozenset({"seem", "appear"})
#: verbs that rule their complement out: negated ("did not rule out using force"), it becomes possible
RULE_OUT_VERBS = frozenset({"exclude", "rule"})
#: verbs whose complement someone else proposes: aux "hypothetical", and not the actor's own intent
PROPOSAL_VERBS = frozenset({"suggest", "advise", "recommend", "propose"})

#: negation words
NEGATORS = frozenset({"not", "n't", "never", "no"})

#: reporting verbs: transparent for coding
SPEECH_VERBS = frozenset(
    "say tell state announce add report claim assert affirm declare insist note explain write confirm "
    "stress argue believe think indicate acknowledge".split())

#: acts that, said of another party by a speaker, make the statement an accusation (ACCUSE, allege)
ALLEGED_ACTS = frozenset(
    "provoke fuel incite meddle interfere destabilize destabilise violate lie manipulate encircle "
    "encroach penetrate loot sabotage".split())

#: verbs whose object does what their infinitive says ("help X launch", "urge X to withdraw")
OBJECT_CONTROL = frozenset(
    "help allow urge ask force compel order permit persuade invite encourage enable push pressure "
    "prevent request call forbid accuse blame charge advise recommend".split())

RECIPIENT_PREPS = frozenset({"to", "against", "toward", "towards", "with", "on", "upon", "at", "for"})
LOCATION_PREPS = frozenset({"in", "inside", "at", "near", "into", "across", "within", "to"})
AGENT_PREPS = frozenset({"by"})
GENITIVE_PREPS = frozenset({"of"})
#: prepositions naming where a request, an offer or aid comes from ("a request from X")
SOURCE_PREPS = frozenset({"from"})

#: "talks between X and Y", "négociations entre X et Y"
BETWEEN_PREPS = frozenset({"between"})

#: first-person subjects, which inside a quote stand for its speaker
FIRST_PERSON = frozenset({"we", "i", "our", "my"})
PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them"})
#: pronouns that never stand for a person (English gender: "it" is a state, an organisation or a thing)
NEUTER_PRONOUNS = frozenset({"it", "its"})

HISTORICAL_CUES = (" ago", "since", "in the past", "formerly", "back in")

CONDITION_MARKS = frozenset({"if"})
THREAT_MARKS = frozenset({"unless", "otherwise"})
LOCATIVE_TYPES = frozenset({"MOBILIZE", "ASSAULT", "PROTEST", "COERCE", "CONSULT"})
