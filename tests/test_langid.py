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


def test_a_repeated_text_is_answered_from_memory_with_the_same_answer(monkeypatch):
    from veille.stages import langid

    langid.forget_answers()
    text = "The harbour authority said on Tuesday that the new pier would open in spring."
    first = langid.identify(text, ("fr", "en"))
    walks = []
    real = langid._identifier

    def counting(languages):
        walks.append(languages)
        return real(languages)

    monkeypatch.setattr(langid, "_identifier", counting)
    assert langid.identify(text, ("fr", "en")) == first  # remembered: no second walk
    assert walks == []
    assert langid.identify(text, ("en", "de"))[0] == "en"  # another candidate set is another question
    assert walks == [("en", "de")]
    langid.forget_answers()
    assert langid.identify(text, ("fr", "en")) == first
    assert len(walks) == 2


def test_remembered_answers_stay_within_their_character_budget():
    from veille.stages.langid import _RecentAnswers

    answers = _RecentAnswers(max_chars=100)
    for i in range(10):
        answers.put((f"{i:02d}" + "x" * 28, ("fr",)), ("fr", 1.0))  # 30 characters each
    kept = [i for i in range(10) if answers.get((f"{i:02d}" + "x" * 28, ("fr",))) is not None]
    assert kept == [7, 8, 9]  # the oldest went first
    answers.put(("y" * 101, ("fr",)), ("fr", 1.0))  # over the whole budget: never kept
    assert answers.get(("y" * 101, ("fr",))) is None
