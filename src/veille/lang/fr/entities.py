"""French words the entity stage needs: articles and elisions to strip, honorifics, role nouns that make
descriptions ("le président russe", "le chef de la diplomatie américaine"), and the contexts that make a
capital or a seat of power an actor ("Moscou a déclaré", "les troupes du Kremlin")."""

from __future__ import annotations

#: leading words stripped from a name ("l’OTAN" -> "OTAN", "la Russie" -> "Russie")
ARTICLES = ("le", "la", "les", "l'", "l’", "d'", "d’", "du", "des", "de", "au", "aux", "un", "une")
#: honorifics dropped before a name ("M. Macron", "Mme Binet")
HONORIFICS = ("M.", "Mme", "Mmes", "MM.", "Mlle", "Me", "Mgr", "Dr", "Pr")
#: determiners that open a description and are kept in its surface ("Le dirigeant russe")
DESCRIPTION_DETERMINERS = ("le", "la", "l'", "l’", "ce", "cette", "son", "sa", "leur", "notre")

#: role noun phrases (lower case, longest first is not required) -> knowledge-base role
ROLE_NOUNS = {
    "président": "head_of_state", "présidente": "head_of_state", "chef de l'état": "head_of_state",
    "chef de l’état": "head_of_state", "dirigeant": "head_of_state", "dirigeante": "head_of_state",
    "leader": "head_of_state", "homme fort": "head_of_state", "numéro un": "head_of_state",
    "chef d'état": "head_of_state", "chef d’état": "head_of_state", "roi": "head_of_state",
    "reine": "head_of_state", "monarque": "head_of_state",
    "premier ministre": "head_of_government", "première ministre": "head_of_government",
    "chef du gouvernement": "head_of_government", "chancelier": "head_of_government",
    "chancelière": "head_of_government",
    "chef de la diplomatie": "foreign_minister", "ministre des affaires étrangères": "foreign_minister",
    "ministre des affaires etrangeres": "foreign_minister",
    "ministre de la défense": "defence_minister", "ministre des armées": "defence_minister",
    "secrétaire général": "secretary_general", "secrétaire générale": "secretary_general",
    "ministre des finances": "finance_minister", "ministre de l'économie": "finance_minister",
    "ministre de l’économie": "finance_minister", "ministre de l'intérieur": "interior_minister",
    "ministre de l’intérieur": "interior_minister", "vice-président": "vice_president",
    "vice-présidente": "vice_president", "guide suprême": "supreme_leader",
    "chef d'état-major": "chief_of_general_staff", "chef d’état-major": "chief_of_general_staff",
    "porte-parole de la diplomatie": "foreign_ministry_spokesperson",
}

#: words before a place that make it a place, never an actor ("à Moscou", "au Kremlin")
LOCATIVE_PREPOSITIONS = ("à", "au", "aux", "en", "dans", "vers", "depuis", "près", "devant", "sur", "chez")
#: nouns whose "de X" complement is an actor ("les troupes du Kremlin", "les alliés de Moscou")
AGENT_NOUNS = ("troupes", "troupe", "forces", "armée", "alliés", "allié", "gouvernement", "déclaration",
               "porte-parole", "décision", "position", "menace", "exigences", "demande", "offensive",
               "régime", "diplomatie", "réponse", "accusations", "étreinte", "étapes", "propagande",
               "dirigeants", "autorités", "plans", "stratégie", "intentions", "responsables", "tentative",
               "proches", "alliée", "ultimatum", "riposte")

#: head nouns that make a run of words starting with a capital a name spaCy may miss ("Centre spatial
#: Kennedy", "Cour d’assises du Val-de-Marne", "Ministère de l’Intérieur") -> type
NAME_HEADS = {
    "centre": "LOC", "aéroport": "LOC", "palais": "LOC", "gare": "LOC", "place": "LOC", "pont": "LOC",
    "stade": "LOC", "hôpital": "LOC", "basilique": "LOC", "cathédrale": "LOC", "château": "LOC",
    "agence": "ORG", "conseil": "ORG", "ministère": "ORG", "cour": "ORG", "tribunal": "ORG",
    "commission": "ORG", "comité": "ORG", "institut": "ORG", "université": "ORG", "banque": "ORG",
    "fédération": "ORG", "office": "ORG", "autorité": "ORG", "fondation": "ORG", "parti": "ORG",
    "syndicat": "ORG", "assemblée": "ORG", "sénat": "ORG", "parquet": "ORG", "direction": "ORG",
    "mosquée": "LOC", "église": "LOC", "abbaye": "LOC", "synagogue": "LOC", "musée": "LOC", "océan": "LOC",
    "mer": "LOC", "lac": "LOC", "golfe": "LOC", "rue": "LOC", "avenue": "LOC", "boulevard": "LOC",
    "prison": "LOC", "lycée": "ORG", "école": "ORG",
}
#: official institutions French writes in lower case: a court of a place ("cour d’assises du
#: Val-de-Marne", "tribunal correctionnel de Lille"), a ministry and its field ("ministère de l’Intérieur",
#: "ministère des Affaires étrangères", "ministère de la Santé publique")
_OF = r"(?:de la |de l['’]|du |des |de |d['’])"
INSTITUTIONS = (
    r"(?<![\w’'-])(?:[cC]our|[tT]ribunal|[cC]hambre)(?: (?:d['’]assises|d['’]appel|administratif|administrative"
    r"|correctionnel|judiciaire|de commerce|de grande instance|régionale des comptes|pénal|militaire))+ "
    + _OF + r"[A-Z][\w’'-]*(?:[ -][A-Z][\w’'-]*)*",
    r"(?<![\w’'-])[mM]inistère " + _OF + r"[^\W\d_]{3,}(?: [^\W\d_]+(?:ère|ères|ique|iques|ale|ales|aux|elle"
    r"|elles|ée|ées|aire|aires))?(?: et " + _OF + r"[^\W\d_]{3,})?(?![\w’'-])",
)
#: lower-case words that open a saint's name and belong to it ("saint Denis", "sainte Geneviève")
NAME_OPENERS = ("saint", "sainte")
#: lower-case nouns that say what the name after them is without being part of it ("le parti X",
#: "l’ONG X", "le réseau X") -> type; checked before NAME_HEADS ("le parti X" is X, "Parti socialiste" a name)
CLASSIFIERS = {
    "parti": "ORG", "ONG": "ORG", "ong": "ORG", "groupe": "ORG", "association": "ORG", "collectif": "ORG",
    "mouvement": "ORG", "société": "ORG", "entreprise": "ORG", "compagnie": "ORG", "constructeur": "ORG",
    "club": "ORG", "syndicat": "ORG", "journal": "MEDIA", "quotidien": "MEDIA", "hebdomadaire": "MEDIA",
    "magazine": "MEDIA", "chaîne": "MEDIA", "tabloïd": "MEDIA", "média": "MEDIA", "radio": "MEDIA", "site": "ORG", "réseau": "ORG", "plateforme": "ORG",
    "organisation": "ORG", "fondation": "ORG", "firme": "ORG", "agence": "ORG", "équipe": "ORG",
}
HEAD_FIRST = True
#: phrases only a place completes: a name right after them is a place, whatever the NER said
PLACE_OF = ("maire de", "mairie de", "ville de", "commune de", "village de", "province de", "région de",
            "habitants de", "banlieue de", "préfecture de", "sous-préfecture de")
NAME_CONNECTORS = ("de", "du", "des", "la", "l'", "l’", "d'", "d’", "et", "le", "les", "sur")
#: capitalised words and acronyms of French news that are never names
#: ("Union" alone is "l'Union" of a political text, too vague to be an entity of its own)
NOT_NAMES = ("NDLR", "N.D.L.R.", "VIDÉO", "VIDEO", "PHOTOS", "INFOGRAPHIE", "DIRECT", "EXCLUSIF", "Lire",
             "Voir", "Union",
             # feasts and holidays are periods, not entities ("pendant le ramadan", "à Pâques")
             "Pâques", "Pâque", "Noël", "Ramadan", "Toussaint", "Carême", "Hanoucca", "Aïd")
#: compass points that name a part of a place after it ("l’Atlantique Nord-Est")
COMPASS_PARTS = ("Nord", "Sud", "Est", "Ouest", "Nord-Est", "Nord-Ouest", "Sud-Est", "Sud-Ouest")
#: nouns of vessels: a name after one names a ship, not an organisation ("le chalutier espagnol X")
VESSEL_NOUNS = ("navire", "bateau", "chalutier", "cargo", "pétrolier", "paquebot", "porte-avions", "frégate",
                "sous-marin", "yacht", "voilier", "ferry", "méthanier", "remorqueur", "croiseur")
#: subject clitics joined to a verb that opens a question ("Croyez-vous", "Faut-il", "A-t-elle")
INVERTED_CLITICS = ("-vous", "-tu", "-il", "-elle", "-on", "-nous", "-ils", "-elles", "-je", "-t-il", "-t-elle",
                    "-t-on", "-t-ils", "-t-elles")
