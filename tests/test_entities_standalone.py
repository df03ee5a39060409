"""``entities.occurrences`` finds what the regular expressions it replaces found, on invented text."""

from __future__ import annotations

import re

import pytest

from veille.stages.entities.occurrences import occurs, standalone

TEXT = ("Maréchal a parlé. Jean-Maréchal non, O’Maréchal non, l'Maréchal non, x.Maréchal non, Maréchaux non, "
        "Maréchal-Nord non, Maréchal_2 non, (Maréchal) oui, «Maréchal» oui, Maréchal2 non, 2Maréchal non, "
        "MaréchalMaréchal non, « Maréchal, » oui\nMaréchal")


def _by_regex(text: str, word: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"(?<![\w’'.-]){re.escape(word)}(?![\w-])", text)]


WORDS = ["Maréchal", "Mar", "éch", "al", "Nord", "2", "non", "(", "«M", "MaréchalMaréchal"]


@pytest.mark.parametrize("word", WORDS)
def test_standalone_finds_what_the_pattern_finds(word: str) -> None:
    assert standalone(TEXT, word, before="’'.-", after="-") == _by_regex(TEXT, word)


def test_standalone_skips_glued_words() -> None:
    found = [TEXT[max(0, a - 1):b + 1] for a, b in standalone(TEXT, "Maréchal", before="’'.-", after="-")]
    assert found == ["Maréchal ", "(Maréchal)", "«Maréchal»", " Maréchal,", "\nMaréchal"]


def test_standalone_of_overlapping_repeats() -> None:
    found = standalone("aa aaa aa", "aa", before="’'.-", after="-")
    assert found == _by_regex("aa aaa aa", "aa") == [(0, 2), (7, 9)]


@pytest.mark.parametrize("word", [*WORDS, "maréchal", "a", "parlé", "oui\nmar", "Maréchal,"])
def test_occurs_as_the_search_says(word: str) -> None:
    expected = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", TEXT) is not None
    assert occurs(TEXT, word) is expected


def test_occurs_at_the_edges() -> None:
    assert occurs("veto", "veto") and occurs("a veto", "veto") and not occurs("vetoes", "veto")
    assert not occurs("", "veto") and not occurs("veto", "")
