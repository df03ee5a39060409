"""French trigger words and patterns for PLOVER event coding (stage ``events``).

Written from the PLOVER codebook's definitions (``events/ngec``) and ordinary French news usage; lemmas as
``fr_core_news_md`` gives them. Each trigger maps to ``(PLOVER type, mode)``; the mode is one of the
codebook's modes or ``None``. The parse decides who did what to whom; these lists only say what a word means.
"""

from __future__ import annotations

#: verb lemma -> (type, mode)
VERBS: dict[str, tuple[str, str | None]] = {
    # AGREE: willingness or commitment to cooperate
    "convenir": ("AGREE", None),
    "accepter": ("AGREE", None),
    "promettre": ("AGREE", None),
    "engager": ("AGREE", None),
    "proposer": ("AGREE", None),
    "inviter": ("AGREE", None),
    "consentir": ("AGREE", None),
    # CONSULT
    "rencontrer": ("CONSULT", None),
    "visiter": ("CONSULT", "visit"),
    "recevoir": ("CONSULT", "visit"),
    "négocier": ("CONSULT", None),
    "discuter": ("CONSULT", None),
    "téléphoner": ("CONSULT", "phone"),
    "consulter": ("CONSULT", None),
    # SUPPORT: verbal support
    "soutenir": ("SUPPORT", None),
    "saluer": ("SUPPORT", None),
    "féliciter": ("SUPPORT", None),
    "approuver": ("SUPPORT", None),
    "appuyer": ("SUPPORT", None),
    "ratifier": ("SUPPORT", None),
    "signer": ("SUPPORT", None),
    "reconnaître": ("SUPPORT", None),
    "remercier": ("SUPPORT", None),  # CONCEDE
    "céder": ("CONCEDE", None),
    "concéder": ("CONCEDE", None),
    "assouplir": ("CONCEDE", None),
    "alléger": ("CONCEDE", None),
    # COOPERATE
    "coopérer": ("COOPERATE", None),
    "collaborer": ("COOPERATE", None),
    "extrader": ("COOPERATE", None),
    # AID
    "aider": ("AID", None),
    "livrer": ("AID", None),
    "fournir": ("AID", None),
    "transférer": ("AID", None),
    "financer": ("AID", None),
    "secourir": ("AID", None),
    "approvisionner": ("AID", None),
    "envoyer": ("AID", None),
    # RETREAT
    "retirer": ("RETREAT", "withdraw"),
    "replier": ("RETREAT", "withdraw"),
    "libérer": ("RETREAT", "release"),
    "relâcher": ("RETREAT", "release"),
    "restituer": ("RETREAT", "return"),
    "désarmer": ("RETREAT", "disarm"),
    "démissionner": ("RETREAT", "resign"),
    "évacuer": ("RETREAT", "withdraw"),
    # REQUEST
    "demander": ("REQUEST", None),
    "exiger": ("REQUEST", None),
    "réclamer": ("REQUEST", None),
    "exhorter": ("REQUEST", None),
    "appeler": ("REQUEST", None),
    "implorer": ("REQUEST", None),
    "solliciter": ("REQUEST", None),
    "sommer": ("REQUEST", None),
    # ACCUSE
    "accuser": ("ACCUSE", "allege"),
    "reprocher": ("ACCUSE", "disapprove"),
    "critiquer": ("ACCUSE", "disapprove"),
    "condamner": ("ACCUSE", "disapprove"),
    "dénoncer": ("ACCUSE", "disapprove"),
    "fustiger": ("ACCUSE", "disapprove"),
    "déplorer": ("ACCUSE", "disapprove"),
    "blâmer": ("ACCUSE", "disapprove"),
    "enquêter": ("ACCUSE", "investigate"),
    "inculper": ("ACCUSE", "allege"),  # REJECT
    "rejeter": ("REJECT", None),
    "refuser": ("REJECT", None),
    "décliner": ("REJECT", None),
    "repousser": ("REJECT", None),
    "opposer": ("REJECT", None),
    # THREATEN
    "menacer": ("THREATEN", None),
    "avertir": ("THREATEN", None),
    "intimider": ("THREATEN", None),
    # PROTEST
    "manifester": ("PROTEST", "demo"),
    "protester": ("PROTEST", "demo"),
    "boycotter": ("PROTEST", "boycott"),
    "défiler": ("PROTEST", "demo"),
    # SANCTION
    "sanctionner": ("SANCTION", None),
    "suspendre": ("SANCTION", "discontinue"),
    "expulser": ("SANCTION", "expel"),
    "rompre": ("SANCTION", "discontinue"),
    "geler": ("SANCTION", None),  # MOBILIZE
    "déployer": ("MOBILIZE", None),
    "mobiliser": ("MOBILIZE", "troops"),
    "masser": ("MOBILIZE", "troops"),
    "stationner": ("MOBILIZE", None),  # COERCE
    "arrêter": ("COERCE", "arrest"),
    "interpeller": ("COERCE", "arrest"),
    "détenir": ("COERCE", "arrest"),
    "emprisonner": ("COERCE", "arrest"),
    "saisir": ("COERCE", "seize"),
    "confisquer": ("COERCE", "seize"),
    "perquisitionner": ("COERCE", "seize"),
    "interdire": ("COERCE", "ban"),
    "censurer": ("COERCE", "censor"),
    "réprimer": ("COERCE", "restrict"),
    "bloquer": ("COERCE", "restrict"),
    "pirater": ("COERCE", "cyber"),
    # ASSAULT
    "attaquer": ("ASSAULT", None),
    "envahir": ("ASSAULT", None),
    "bombarder": ("ASSAULT", "aerial"),
    "tuer": ("ASSAULT", None),
    "pilonner": ("ASSAULT", "heavy-weapons"),
    "assassiner": ("ASSAULT", "assassinate"),
    "enlever": ("ASSAULT", "abduct"),
    "kidnapper": ("ASSAULT", "abduct"),
    "torturer": ("ASSAULT", "torture"),
    "exécuter": ("ASSAULT", "execute"),
    "massacrer": ("ASSAULT", "massacre"),
    "détruire": ("ASSAULT", "destroy"),
    "abattre": ("ASSAULT", None),
    "annexer": ("ASSAULT", None),
    # more of each type, as French news says them
    "accueillir": ("CONSULT", "visit"),
    "se entretenir": ("CONSULT", None),
    "se rendre": ("CONSULT", "visit"),
    "se réunir": ("CONSULT", "multilateral"),
    "se rencontrer": ("CONSULT", None),
    "entretenir avec": ("CONSULT", None),
    "rendre à": ("CONSULT", "visit"),
    "rendre en": ("CONSULT", "visit"),
    "débloquer": ("AID", None),
    "octroyer": ("AID", None),
    "capituler": ("RETREAT", "disarm"),
    "renoncer": ("CONCEDE", None),
    "exclure": ("SANCTION", "expel"),
    "incarcérer": ("COERCE", "arrest"),
    "écrouer": ("COERCE", "arrest"),
    "disperser": ("COERCE", "restrict"),
    "expulser vers": ("COERCE", "deport"),
    "blesser": ("ASSAULT", None),
    "mitrailler": ("ASSAULT", "firearms"),
    "poignarder": ("ASSAULT", "primitive"),
    "incendier": ("ASSAULT", "destroy"),
    "capturer": ("ASSAULT", "abduct"),
    "stigmatiser": ("ACCUSE", "disapprove"),
    "récuser": ("REJECT", None),
    "démentir": ("REJECT", None),
    "nier": ("REJECT", None),
}

#: noun lemma -> (type, mode, what "de X" names: "actor" for "la demande de X", "recipient" for
#: "l'invasion de X")
NOUNS: dict[str, tuple[str, str | None, str]] = {
    "accord": ("AGREE", None, "actor"),
    "promesse": ("AGREE", None, "actor"),
    "rencontre": ("CONSULT", None, "actor"),
    "visite": ("CONSULT", "visit", "actor"),
    "entretien": ("CONSULT", None, "actor"),
    "négociation": ("CONSULT", None, "actor"),
    "pourparlers": ("CONSULT", None, "actor"),
    "sommet": ("CONSULT", "multilateral", "actor"),
    "soutien": ("SUPPORT", None, "actor"),
    "coopération": ("COOPERATE", None, "actor"),
    "aide": ("AID", None, "actor"),
    "livraison": ("AID", None, "actor"),
    "transfert": ("AID", None, "actor"),
    "retrait": ("RETREAT", "withdraw", "actor"),
    "libération": ("RETREAT", "release", "recipient"),
    "cessez-le-feu": ("RETREAT", "ceasefire", "actor"),
    "démission": ("RETREAT", "resign", "actor"),
    "demande": ("REQUEST", None, "actor"),
    "appel": ("REQUEST", None, "actor"),
    "requête": ("REQUEST", None, "actor"),
    "exigence": ("REQUEST", None, "actor"),
    "accusation": ("ACCUSE", "allege", "actor"),
    "condamnation": ("ACCUSE", "disapprove", "actor"),
    "enquête": ("ACCUSE", "investigate", "actor"),
    "critique": ("ACCUSE", "disapprove", "actor"),
    "refus": ("REJECT", None, "actor"),
    "rejet": ("REJECT", None, "actor"),
    "menace": ("THREATEN", None, "actor"),
    "ultimatum": ("THREATEN", None, "actor"),
    "manifestation": ("PROTEST", "demo", "actor"),
    "grève": ("PROTEST", "strike", "actor"),
    "émeute": ("PROTEST", "riot", "actor"),
    "boycott": ("PROTEST", "boycott", "actor"),
    "sanction": ("SANCTION", None, "actor"),
    "embargo": ("SANCTION", None, "actor"),
    "expulsion": ("SANCTION", "expel", "recipient"),
    "déploiement": ("MOBILIZE", None, "actor"),
    "mobilisation": ("MOBILIZE", "troops", "actor"),
    "arrestation": ("COERCE", "arrest", "recipient"),
    "blocus": ("COERCE", "restrict", "actor"),
    "attaque": ("ASSAULT", None, "actor"),
    "invasion": ("ASSAULT", None, "recipient"),
    "offensive": ("ASSAULT", None, "actor"),
    "bombardement": ("ASSAULT", "aerial", "actor"),
    "frappe": ("ASSAULT", None, "actor"),
    "assassinat": ("ASSAULT", "assassinate", "recipient"),
    "annexion": ("ASSAULT", None, "recipient"),
    "agression": ("ASSAULT", None, "actor"),
    # more of each type, as French news says them
    "attentat": ("ASSAULT", "explosives", "actor"),
    "tir": ("ASSAULT", "firearms", "actor"),
    "raid": ("ASSAULT", None, "actor"),
    "combat": ("ASSAULT", None, "actor"),
    "affrontement": ("ASSAULT", None, "actor"),
    "enlèvement": ("ASSAULT", "abduct", "recipient"),
    "meurtre": ("ASSAULT", None, "recipient"),
    "interpellation": ("COERCE", "arrest", "recipient"),
    "perquisition": ("COERCE", "seize", "actor"),
    "couvre-feu": ("COERCE", "curfew", "actor"),
    "censure": ("COERCE", "censor", "actor"),
    "rassemblement": ("PROTEST", "demo", "actor"),
    "blocage": ("PROTEST", "obstruct", "actor"),
    "plainte": ("ACCUSE", "allege", "actor"),
    "inculpation": ("ACCUSE", "allege", "recipient"),
    "veto": ("REJECT", None, "actor"),
    "médiation": ("CONSULT", None, "actor"),
    "don": ("AID", None, "actor"),
    "asile": ("AID", None, "actor"),
    "trêve": ("RETREAT", "ceasefire", "actor"),
    "armistice": ("RETREAT", "ceasefire", "actor"),
    "reddition": ("RETREAT", "disarm", "actor"),
    "désarmement": ("RETREAT", "disarm", "actor"),
    "renfort": ("MOBILIZE", "troops", "actor"),
    "essai": ("MOBILIZE", "weapons", "actor"),
    "gel": ("SANCTION", None, "actor"),
    "rupture": ("SANCTION", "discontinue", "actor"),
}

#: verbs conjugated with "être" that the parser may take for passives ("ils sont descendus dans la rue")
ETRE_VERBS = frozenset({"descendre", "aller", "venir", "arriver", "partir", "entrer", "sortir", "monter",
                        "rester", "tomber", "retourner", "rentrer", "intervenir", "parvenir", "revenir"})

#: verbs that are a visit only when their object can be a visitor ("a reçu le président", not "des chars")
HOST_VERBS = frozenset({"recevoir", "accueillir"})
ROLE_NOUNS = frozenset({"président", "présidente", "ministre", "délégation", "homologue", "chef", "dirigeant",
                        "dirigeante", "émissaire", "envoyé", "ambassadeur", "ambassadrice", "roi", "reine",
                        "premier", "secrétaire", "représentant", "diplomate", "prince", "émir", "chancelier"})

#: request verbs that are one only with what is asked: "appeler à la grève", "appeler X à manifester" (not
#: "il appelle cela une victoire", a naming, nor a phone call)
CONTENT_VERBS = frozenset({"appeler"})

#: request nouns that are one only with what is asked or whom it is addressed to ("un appel à la grève",
#: "l'appel lancé aux Européens"): "un appel téléphonique" is none
COMPLEMENT_NOUNS = frozenset({"appel"})

#: nouns of offering: the act they hold is offered, PLOVER AGREE ("une proposition de médiation", "une offre
#: d'aide"); on their own they are no event ("une proposition de loi")
OFFER_NOUNS = frozenset({"proposition", "offre"})

#: nouns of armed or security forces: what MOBILIZE moves ("mobilisation de réservistes") and what a
#: RETREAT withdraws ("retirer ses troupes"); "une forte mobilisation contre la réforme" is a protest turnout
FORCE_NOUNS = frozenset(
    "troupe troupes soldat soldats militaire militaires réserviste réservistes policier policiers police "
    "gendarme gendarmes gendarmerie armée armées force forces unité unités bataillon bataillons brigade "
    "régiment division char chars navire navires missile missiles arme armes ogive ogives avion avions "
    "garde renfort renforts effectif effectifs contingent".split())

#: verbs that are an event only when their object is a party ("a défendu le ministre", not "sa décision")
PARTY_OBJECT_VERBS = frozenset({"défendre"})

#: verbs whose event needs people as patients: "a libéré les otages", not "libérer des fonds"
PERSON_OBJECT_VERBS = frozenset({"libérer", "relâcher"})
#: nouns of the people an act of release concerns (names, pronouns and roles count too)
CAPTIVE_NOUNS = frozenset(
    "prisonnier prisonniers otage otages détenu détenus captif captifs soldat soldats journaliste "
    "journalistes militant militants opposant opposants dissident dissidents personne personnes civil civils "
    "homme hommes femme femmes enfant enfants ressortissant ressortissants citoyen citoyens marin marins "
    "pêcheur pêcheurs équipage travailleur travailleurs étudiant étudiants inspecteur inspecteurs observateur "
    "observateurs personnel diplomate diplomates".split())
#: verbs of withdrawing that take what is withdrawn as object: forces or people, not a product or a bill
WITHDRAW_VERBS = frozenset({"retirer"})
#: pronouns that stand for things, not people
THING_PRONOUNS = frozenset({"ce", "cela", "ça", "ceci", "qui", "que", "en", "y"})

#: verbs of dispatch whose "à/vers X" is a destination: AID only when someone receives what is sent
#: ("envoyer des vivres aux réfugiés"), not a journey ("envoyer des astronautes sur la Lune")
DISPATCH_VERBS = frozenset({"envoyer", "expédier", "acheminer", "dépêcher"})

#: refusals that deny a fact rather than decline an act: what they deny stays coded, negated
DENIAL_VERBS = frozenset({"démentir", "nier"})

#: words that open an indirect question: "demander combien / si / pourquoi" asks, it requests nothing
QUESTION_WORDS = frozenset({"si", "s'", "s’", "comment", "pourquoi", "combien", "quand", "où", "qui", "quel",
                            "quelle", "quels", "quelles", "lequel", "laquelle", "ce"})

#: verbs that make a participle a lasting state, not an act ("l'adhésion reste bloquée")
STATE_VERBS = frozenset({"rester", "reste", "demeurer", "sembler", "paraître"})

#: nouns that cannot act in a political event (animacy: animals, natural forces, celestial bodies): "la
#: foudre a frappé", "une attaque de requin", "les crues ont tué" are no assaults
NON_AGENTS = frozenset(
    "oiseau oiseaux animal animaux chien chiens loup loups ours requin requins insecte insectes cheval "
    "bétail faune foudre orage tempête ouragan typhon cyclone tornade séisme tremblement tsunami crue crues "
    "inondation inondations vent vents avalanche glissement incendie volcan éruption "
    "sécheresse canicule virus maladie astéroïde météore météorite comète planète lune "
    "galaxie accident effondrement crash intoxication".split())

#: verbs that are events only with an object ("livrer des armes", not "livrer bataille" on its own)
TRANSITIVE_ONLY = frozenset({"envoyer", "livrer", "fournir", "transférer", "libérer", "restituer"})

#: verb + preposition uses that are figurative ("se battre pour ses droits", "lutter pour")
NON_TRIGGERS = frozenset({"battre pour", "lutter pour", "frapper à",
                          # fixed expressions: "se féliciter de" (to be pleased), "se rendre compte" (realise)
                          "se féliciter", "rendre compte"})

#: verb + object noun -> (type, mode): where the object decides what the verb means
#: ("envoyer des troupes" is MOBILIZE, "envoyer de l'aide" AID; "rompre les relations" SANCTION)
VERB_OBJECT: dict[tuple[str, str], tuple[str, str | None]] = {
    # bloquer une route: PLOVER PROTEST obstruct, not coercion
    **{("bloquer", w): ("PROTEST", "obstruct") for w in ("route", "rue", "pont", "autoroute", "accès", "port",
                                                         "voie", "circulation", "raffinerie", "dépôt")},
    ("ouvrir", "feu"): ("ASSAULT", "firearms"), ("mettre", "feu"): ("ASSAULT", "primitive"),
    ("signer", "accord"): ("SUPPORT", None), ("signer", "traité"): ("SUPPORT", None),
    ("établir", "relation"): ("SUPPORT", None), ("convoquer", "ambassadeur"): ("ACCUSE", "disapprove"),
    ("accepter", "demande"): ("CONCEDE", None), ("lever", "blocus"): ("RETREAT", "withdraw"),
    ("lever", "veto"): ("CONCEDE", None), ("recourir", "force"): ("ASSAULT", None),
    ("lever", "couvre-feu"): ("RETREAT", None), ("tirer", "missile"): ("ASSAULT", None),
    ("tirer", "roquette"): ("ASSAULT", None), ("tirer", "obus"): ("ASSAULT", None),
    ("dépêcher", "troupe"): ("MOBILIZE", "troops"), ("dépêcher", "soldat"): ("MOBILIZE", "troops"),
    ("accueillir", "réfugié"): ("AID", None), ("rendre", "hommage"): ("SUPPORT", None),
    ("porter", "plainte"): ("ACCUSE", "allege"), ("mettre", "garde"): ("THREATEN", None),
    ("descendre", "rue"): ("PROTEST", "demo"), ("décréter", "état"): ("COERCE", "curfew"),
    ("proclamer", "état"): ("COERCE", "curfew"), ("instaurer", "couvre-feu"): ("COERCE", "curfew"),
    ("lever", "état"): ("RETREAT", None),
    ("envoyer", "troupe"): ("MOBILIZE", "troops"),
    ("envoyer", "soldat"): ("MOBILIZE", "troops"),
    ("lever", "sanction"): ("CONCEDE", None),
    ("lever", "embargo"): ("CONCEDE", None),
    ("imposer", "couvre-feu"): ("COERCE", "curfew"),
    ("retirer", "ambassadeur"): ("SANCTION", "discontinue"),
    ("rappeler", "ambassadeur"): ("SANCTION", "discontinue"),
    ("tester", "missile"): ("MOBILIZE", "weapons"),
    ("attaquer", "justice"): ("ACCUSE", "allege"),  # "attaquer l'État en justice": a lawsuit
    # "condamné à six mois de prison": a court's sentence (PLOVER SANCTION convict), not disapproval
    **{("condamner", w): ("SANCTION", "convict") for w in ("mois", "an", "année", "peine", "prison", "amende",
                                                            "réclusion", "mort", "perpétuité", "sursis")},
}

#: verbs that carry a noun trigger as their object ("lancer une offensive", "imposer des sanctions"):
#: the event is the noun's, its actor the verb's subject
LIGHT_VERBS = frozenset(
    {
        "lancer",
        "mener",
        "effectuer",
        "faire",
        "conduire",
        "commettre",
        "perpétrer",
        "imposer",
        "adopter",
        "tenir",
        "organiser",
        "déclencher",
        "annoncer",
        "décréter",
        "formuler",
        "adresser",
        "présenter",
        "accorder",
        "fournir",
        "apporter",
        "conclure",
        "proclamer",
        "ouvrir",
        "prendre",
        "poursuivre",
        "engager",
        "ordonner",
    }
)

#: verbs whose complement is planned or intended: the complement's event gets aux "future"
FUTURE_VERBS = frozenset(
    {
        "prévoir",
        "envisager",
        "projeter",
        "compter",
        "planifier",
        "apprêter",
        "préparer",
        "entendre",
        "aller",
        "vouloir",
        "décider",
        "programmer",
        "s'apprêter",
    }
)

#: verbs whose complement is only possible: aux "hypothetical" ("n'exclut pas de recourir à la force")
HYPOTHETICAL_VERBS = frozenset({"pouvoir", "risquer", "sembler", "paraître"})
#: verbs that rule their complement out: negated ("n'exclut pas de"), it becomes possible
RULE_OUT_VERBS = frozenset({"exclure", "écarter"})
#: verbs whose complement someone else proposes: aux "hypothetical", and not the actor's own intent
PROPOSAL_VERBS = frozenset({"suggérer", "conseiller", "recommander", "proposer"})

#: verbs that are no event when they take an infinitive ("exclure de" is to rule out, not to expel)
NOT_WITH_INFINITIVE = frozenset({"exclure"})

#: words that negate their verb (with or without "ne")
NEGATORS = frozenset({"pas", "jamais", "point", "guère", "aucun", "aucune", "nullement", "rien"})

#: reporting verbs: transparent for coding (the reported event keeps the reported actor)
SPEECH_VERBS = frozenset(
    {
        "déclarer",
        "dire",
        "affirmer",
        "annoncer",
        "ajouter",
        "indiquer",
        "estimer",
        "assurer",
        "souligner",
        "expliquer",
        "rapporter",
        "préciser",
        "écrire",
        "confirmer",
        "prétendre",
        "soutenir",
        "insister",
        "répéter",
        "rappeler",
        "juger",
        "considérer",
        "avertir",
        "marteler",
    }
)

#: acts that, said of another party by a speaker, make the statement an accusation (ACCUSE, allege):
#: "X a déclaré que Y cherche à pénétrer l'Asie" (a claim of encroachment, not an event by Y)
ALLEGED_ACTS = frozenset(
    {
        "pénétrer",
        "provoquer",
        "alimenter",
        "attiser",
        "ingérer",
        "déstabiliser",
        "violer",
        "mentir",
        "manipuler",
        "encercler",
        "humilier",
        "saboter",
        "piller",
    }
)

#: verbs whose object (or à-complement) does what their infinitive says ("aider X à lancer",
#: "permettre à X de", "demander à X de"), so that object is the infinitive's actor
OBJECT_CONTROL = frozenset(
    {
        "aider",
        "permettre",
        "demander",
        "exhorter",
        "appeler",
        "autoriser",
        "pousser",
        "forcer",
        "contraindre",
        "inviter",
        "encourager",
        "obliger",
        "empêcher",
        "suggérer",
        "conseiller",
        "recommander",
        "proposer",
        "accuser",
        "soupçonner",
        "sommer",
        "ordonner",
        "interdire",
    }
)

#: prepositions (as the parse gives them) introducing the party an act is aimed at
RECIPIENT_PREPS = frozenset({"à", "au", "aux", "contre", "envers", "vers", "avec", "auprès", "sur"})
#: prepositions introducing where it happens
LOCATION_PREPS = frozenset({"en", "dans", "à", "au", "aux", "sur"})
#: prepositions of the agent of a passive, and of a noun's genitive
AGENT_PREPS = frozenset({"par"})
GENITIVE_PREPS = frozenset({"de", "du", "des", "d'", "d’"})
#: prepositions naming where a request or aid comes from, beside the genitive ("une aide venue de Chine")
SOURCE_PREPS = frozenset({"depuis"})

#: subject pronouns that need an antecedent
#: "talks between X and Y", "négociations entre X et Y"
BETWEEN_PREPS = frozenset({"entre"})

#: first-person subjects, which inside a quote stand for its speaker
FIRST_PERSON = frozenset({"nous", "je", "j'", "j’", "notre", "nos", "mon", "ma", "mes"})
PRONOUNS = frozenset({"il", "elle", "ils", "elles", "lui", "eux", "celui-ci", "celle-ci"})

#: text cues that put a past act in history (beside the timexes of the sentence)
HISTORICAL_CUES = ("il y a", "depuis", "autrefois", "jadis", "à l'époque", "à l’époque")

#: the conditional is read from the verb form too ("transférerait"), as the tagger often calls it imperfect
MORPHOLOGICAL_CONDITIONAL = True

#: subordinators that make a clause a condition ("si") or a threat's condition ("à moins que", "sinon")
CONDITION_MARKS = frozenset({"si", "s'", "s’"})
THREAT_MARKS = frozenset({"moins", "sinon", "faute"})

#: types whose "à X" names where it happens rather than whom it is for
LOCATIVE_TYPES = frozenset({"MOBILIZE", "ASSAULT", "PROTEST", "COERCE", "CONSULT"})
