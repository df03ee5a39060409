"""``coref.standalone`` finds what the regular expression it replaces found, on invented text."""

from __future__ import annotations

import re

import pytest

from veille.stages.entities.coref import standalone

TEXT = ("Maréchal a parlé. Jean-Maréchal non, O’Maréchal non, l'Maréchal non, x.Maréchal non, Maréchaux non, "
        "Maréchal-Nord non, Maréchal_2 non, (Maréchal) oui, «Maréchal» oui, Maréchal2 non, 2Maréchal non, "
        "MaréchalMaréchal non, « Maréchal, » oui\nMaréchal")


def _by_regex(text: str, word: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"(?<![\w’'.-]){re.escape(word)}(?![\w-])", text)]


WORDS = ["Maréchal", "Mar", "éch", "al", "Nord", "2", "non", "(", "«M", "MaréchalMaréchal"]


@pytest.mark.parametrize("word", WORDS)
def test_standalone_finds_what_the_pattern_finds(word: str) -> None:
    assert standalone(TEXT, word) == _by_regex(TEXT, word)


def test_standalone_skips_glued_words() -> None:
    found = [TEXT[max(0, a - 1):b + 1] for a, b in standalone(TEXT, "Maréchal")]
    assert found == ["Maréchal ", "(Maréchal)", "«Maréchal»", " Maréchal,", "\nMaréchal"]


def test_standalone_of_overlapping_repeats() -> None:
    assert standalone("aa aaa aa", "aa") == _by_regex("aa aaa aa", "aa") == [(0, 2), (7, 9)]
