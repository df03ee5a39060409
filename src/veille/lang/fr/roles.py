"""French role nouns for speaker coreference: the head nouns of descriptions that stand for a person or a
body named elsewhere in the article ("le ministre", "la maire", "le porte-parole"), the synonyms that
stand for the same role ("l'édile" is the mayor), the words that point back to the last person named
("ce dernier", "celle-ci"), and the determiners that introduce someone new ("un témoin").
"""

from __future__ import annotations

#: head nouns of human roles: offices, ranks, trades and positions a press article names people by
ROLE_NOUNS = frozenset("""
adjoint administrateur ambassadeur ambassadrice amiral analyste animateur animatrice anthropologue archéologue
archevêque architecte auteur autrice avocat avocate banquier capitaine cardinal chancelier chancelière
chef cheffe chercheur chercheuse chirurgien coach colonel commandant commissaire conseiller conseillère
consul correspondant cofondateur créateur délégué déléguée député députée diplomate directeur directrice
dirigeant dirigeante docteur économiste écrivain écrivaine édile élu élue émir employé enquêteur
enquêtrice entraîneur entraîneuse envoyé envoyée évêque expert experte fondateur fondatrice gardien général
gouverneur historien historienne inspecteur inspectrice joueur joueuse journaliste juge leader lieutenant
magistrat maire médecin militant militante ministre monarque négociateur officier opposant opposante
pape patron patronne philosophe physicien pilote policier policière politologue porte-parole préfet
préfète premier première président présidente prince princesse procureur procureure professeur
professeure rapporteur rapporteure recteur rectrice reine représentant représentante responsable roi
sénateur sénatrice secrétaire sélectionneur sociologue soldat spécialiste syndicaliste
trésorier vice-amiral vice-président vice-présidente chanteur chanteuse acteur actrice
champion championne athlète capitaine président-directeur pdg
""".split())

#: nouns that stand for another role's head ("l'édile" is the mayor, "la cheffe" the chief)
ROLE_SYNONYMS = {"édile": "maire", "cheffe": "chef", "procureure": "procureur", "entraîneuse": "entraîneur",
                 "coach": "entraîneur", "patronne": "patron", "pdg": "patron"}

#: demonstratives that point back to the last person named ("ce dernier a ajouté", "celle-ci estime")
LATTER = {"ce dernier": "Masc", "cette dernière": "Fem", "celui-ci": "Masc", "celle-ci": "Fem",
          "ce dernier-ci": "Masc"}

#: determiners that introduce a new, unnamed referent ("un témoin", "des habitants"): never coreferent
INDEFINITE = frozenset("un une des quelques plusieurs certains certaines".split())

#: documents and statements: "selon le communiqué", "d'après le récit qu'elle livre" credit a text, whose
#: author is the speaker, not the text itself
DOCUMENT_NOUNS = frozenset("""
communiqué rapport récit déclaration texte lettre courrier document étude enquête sondage note
témoignage entretien interview message tweet publication bilan compte-rendu
""".split())
