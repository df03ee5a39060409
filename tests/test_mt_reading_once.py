"""The signals stage's machine-translation reading reads a page once for what its score and its traces both
need (``read_page`` hands ``mt_traces`` and ``foreign_matches`` down): the answers must be those of each
function reading the page on its own. Invented pages."""

from __future__ import annotations

import re

import numpy as np

from veille.stories import machine_translation as mt
from veille.stories import translationese as tr
from veille.stories.translation import CALQUES, _calques, mt_traces

# a French page an engine left English in: a bracketed fragment, a calque, English words in a sentence,
# English quote marks and numbers, and a paragraph quoted in English (not counted as leftovers)
TRANSLATED = (
    "Le conseil municipal a voté le budget, selon au maire. Il a parlé des [new bicycle lanes downtown] "
    "et a dit “the plan is ready” devant les élus réunis mardi soir.\n"
    "Le coût atteint 3.5 millions d'euros, soit 1,200 euros par foyer, et the works will start soon.\n"
    "“We are proud of this city and of everyone who lives here, thank you all for your support.”\n"
    "La maire a ajouté « nous tiendrons les délais » avant de lever la séance."
)
NATIVE = ("Le conseil municipal a voté le budget mardi soir. La maire a dit « nous tiendrons les délais » "
          "devant les élus, et le coût atteint 3,5 millions d'euros.")


def test_features_given_what_the_page_was_read_for_are_the_features_read_alone() -> None:
    for text in (TRANSLATED, NATIVE):
        for own, other in (("fr", "en"), ("en", "fr")):
            alone = tr.page_features(text, own, other)
            given = tr.page_features(text, own, other, traces=mt_traces(text, own),
                                     found=tr.foreign_matches(text, own, other))
            assert np.array_equal(alone, given)
    assert tr.page_features(TRANSLATED, "fr", "en")[tr.FEATURES.index("foreign_words")] > 0


def test_untranslated_phrases_given_the_foreign_words_are_those_found_alone() -> None:
    found = tr.foreign_matches(TRANSLATED, "fr", "en")
    alone = mt.untranslated_phrases(TRANSLATED, "fr", "en")
    assert alone == mt.untranslated_phrases(TRANSLATED, "fr", "en", found)
    assert any(t.text == "the works will start soon" for t in alone)


def test_foreign_matches_are_the_words_is_foreign_word_accepts() -> None:
    found = tr.foreign_matches(TRANSLATED, "fr", "en")
    assert found and all(tr.is_foreign_word(m.group(), "fr", "en") for m in found)


def test_quote_marks_found_by_pattern_are_those_of_the_character_loop() -> None:
    for text in (TRANSLATED, NATIVE, "„Ja“, sagte er. 「はい」と『彼』"):
        assert tr.QUOTE_MARK.findall(text) == [c for c in text if c in tr.QUOTE_MARKS]
    traces = mt.convention_traces(TRANSLATED, "fr", "en")
    assert [t.detail for t in traces] == ["number in the en convention", "en quote marks on a fr page"]


def _calques_by_pattern_alone(text: str, lang: str) -> list[tuple[int, int, str]]:
    low = text[:4000].lower()
    return [(m.start(), m.end(), calque) for calque in CALQUES[lang]
            for m in re.finditer(r"(?<!\w)" + re.escape(calque), low)]


def test_calques_skipped_by_the_substring_test_are_none_of_the_pattern() -> None:
    for text in (TRANSLATED, NATIVE, "Le prix fixé selon aucune règle, ou selon à l'usage. Selon Aux dires."):
        fast = [(t.start, t.end, t.detail.split('"')[1]) for t in _calques(text, "fr")]
        assert fast == _calques_by_pattern_alone(text, "fr")
    assert [t.text for t in _calques(TRANSLATED, "fr")] == ["selon au"]
    assert _calques(NATIVE, "fr") == []


def test_read_page_is_what_it_was() -> None:
    verdict = mt.read_page(TRANSLATED, "fr", ("en", "fr"))
    assert verdict.source == "en" and verdict.likely
    kinds = mt.trace_kinds(verdict.traces)
    assert {"untranslated fragment", "untranslated words", "calque"} <= kinds
    assert not mt.read_page(NATIVE, "fr", ("en", "fr")).likely
