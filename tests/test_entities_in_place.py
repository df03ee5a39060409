"""The entity stage reads the words around a role in place and builds its per-language patterns once: the
answers must be those of the copies and per-call patterns they replace. Invented strings."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from veille.lang import resources
from veille.stages.entities.descriptions import _OF_AFTER, _WORD_AFTER, _word_before
from veille.stages.entities.filters import _after_vessel_noun
from veille.stages.entities.mentions import _leading_article, _spaced
from veille.stages.entities.namekeys import fold, fold_page

# the characters the patterns care about: letters (accented too), figures, "_", dots, dashes, apostrophes,
# the two spaces, and something else
TEXTS = st.text(alphabet="aBsÉé1_.-'’ \u00a0,x", max_size=40)


def _word_before_by_copy(text: str, at: int):
    before = text[:at]
    adj = re.search(r"([^\W\d_][\w.-]*)[ \u00a0]+$", before)
    possessive = re.search(r"['’]s[ \u00a0]+$", before)
    return adj, possessive


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=40))
def test_the_word_before_a_role_is_the_one_the_prefix_search_finds(text: str, at: int) -> None:
    at = min(at, len(text))
    adj, possessive = _word_before(text, at)
    want_adj, want_possessive = _word_before_by_copy(text, at)
    if want_adj is None:
        assert adj is None
    else:
        assert adj is not None and adj.span() == want_adj.span() and adj.group(1) == want_adj.group(1)
        # a possessive is only asked for with a word before it (``_country_before``)
        assert possessive == (want_possessive.start() if want_possessive else None)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=40))
def test_the_words_after_a_role_are_those_of_the_rest_of_the_page(text: str, at: int) -> None:
    at = min(at, len(text))
    for pattern in (_WORD_AFTER, _OF_AFTER):
        here, copied = pattern.match(text, at), pattern.match(text[at:])
        assert (here.end() - at if here else None) == (copied.end() if copied else None)


def test_the_examples_read_as_before() -> None:
    text = "Selon le président russe, the Russian president and Russia's president met"
    adj, possessive = _word_before(text, text.index("president and"))
    assert adj is not None and adj.group(1) == "Russian" and possessive is None
    at = text.index("president met")
    adj, possessive = _word_before(text, at)
    # the apostrophe ends the word: "s", with the possessive before it
    assert adj is not None and adj.group(1) == "s" and possessive == text.index("'s president")
    adj, possessive = _word_before("'s president", 3)  # a possessive at the very start is one (offset 0)
    assert adj is not None and adj.group(1) == "s" and possessive == 0


def test_per_language_patterns_are_the_per_call_ones() -> None:
    for lang in ("fr", "en"):
        res = resources(lang)
        assert res is not None
        words = res.part("entities")
        nouns = tuple(words.VESSEL_NOUNS)
        alts = "|".join(re.escape(n) for n in nouns)
        per_call = rf"(?<![\w-])(?:{alts})(?:[ \u00a0]+[^\W\d_A-Z][\w’'-]*){{0,3}}[ \u00a0]+$"
        assert _after_vessel_noun(nouns).pattern == per_call
        arts = "|".join(re.escape(a) for a in words.ARTICLES if a[-1].isalpha())
        assert _leading_article(tuple(words.ARTICLES)).pattern == rf"(?:{arts})\s+"
    assert _after_vessel_noun(("tanker",)).search("the tanker ") is not None


def test_a_page_folded_once_is_the_page_folded() -> None:
    page = "L’Élysée a reçu le président de l’Assemblée, M. Ősz, à Paris."
    assert fold_page(page) == fold(page) and fold_page(page) is fold_page(page)


def test_honorifics_read_in_place_are_those_of_the_copy() -> None:
    honorifics = ("M.", "Mme", "Mr", "Dr")
    spaced = _spaced(honorifics)
    text = "selon M. Dupont et Mme Durand, Dr No et Mr. X"
    for before in range(len(text)):
        for start in range(before, len(text) + 1):
            want = any(text[before:start].startswith(h + " ") for h in honorifics)
            assert text.startswith(spaced, before, start) == want
    assert _spaced(()) == () and not "x".startswith(_spaced(()))
