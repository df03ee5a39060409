"""The language identifier: one model read per process, whatever the candidate sets."""

from __future__ import annotations


def test_each_candidate_set_shares_the_model_read_once():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from veille.stages import langid

    text = "Le ministre a annoncé mardi une réforme du système de santé."
    sets = [("fr", "en"), ("fr", "en", "de"), ("en", "fr", "it", "es")]
    for languages in sets:
        fresh = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        fresh.set_languages(list(languages))
        assert langid.identify(text, languages) == fresh.classify(text)
    assert langid._full_model.cache_info().currsize == 1
