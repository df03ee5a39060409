"""The time grammar's exact prefilter (``stages/time/openings.py``): a pattern it skips finds nothing, on
invented text, and the candidates are those of the full scan."""

from __future__ import annotations

import re

import pytest

from veille.lang import resources
from veille.stages.time import rules
from veille.stages.time.openings import Gate, openings

TEXTS = {
    "en": ("On Tuesday evening, three weeks after the 1990s ended in a quiet spring, the council met at 6 pm "
           "to review the first quarter of 2024; the year before, in the same period of 2022, the Christmas "
           "market ran until midnight. Ten years ago the mayor spent the weekend there. Years of talks "
           "later, the 21st century began with a fiscal 1999/00 surplus and 30/04/2024 rules.\n"
           "NOTHING ELSE: no dates here, only plain words about a bridge and a river."),
    "fr": ("Mardi soir, trois semaines après la fin des années 1990, le conseil s’est réuni à 18 h pour "
           "examiner le premier trimestre 2024 ; l’année précédente, à la même période de 2022, le marché de "
           "Noël restait ouvert jusqu’à minuit. Il y a dix ans, le maire y passait le week-end. Au XXIe "
           "siècle, le 11-Septembre et le 14 juillet reviennent chaque année, depuis le 3 mars dernier.\n"
           "Rien d’autre : un pont, une rivière, des mots sans date."),
}


class _Everything:
    def __init__(self, module):
        self.n = len(rules.compiled(module))

    def runnable(self, text: str) -> list[bool]:
        return [True] * self.n


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_skipped_patterns_find_nothing(lang: str) -> None:
    module = resources(lang).part("time")
    text = TEXTS[lang]
    for piece in (text, text.split("\n")[1], text.upper(), text[: len(text) // 2]):
        runs = rules.gate(module).runnable(piece)
        for (kind, pattern), may in zip(rules.compiled(module), runs, strict=True):
            if not may:
                assert pattern.search(piece) is None, (kind, pattern.pattern[:60])
    assert not all(rules.gate(module).runnable(text.split("\n")[1]))  # it does skip some on plain words


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_candidates_are_those_of_the_full_scan(lang: str, monkeypatch) -> None:
    module = resources(lang).part("time")
    gated = rules.find_candidates(TEXTS[lang], module)
    monkeypatch.setattr(rules, "gate", _Everything)
    assert gated and gated == rules.find_candidates(TEXTS[lang], module)


def test_case_classes_as_re_has_them() -> None:
    """"ſ" matches "s" and the Kelvin sign "k" under IGNORECASE: the gate must let such text through."""
    season = re.compile(r"(?<![\w-])(?:season|autumn)\s+\d{4}", re.IGNORECASE)
    kelvin = re.compile(r"(?<![\w-])kelvin\b", re.IGNORECASE)
    gate = Gate([season, kelvin])
    for text in ("ſeaſon 2023", "SEASON 2023", "\u212aELVIN", "a reason 2023", "kevin"):
        runs = gate.runnable(text)
        assert runs == [season.search(text) is not None, kelvin.search(text) is not None], text


def test_openings_of_a_pattern() -> None:
    """Every part a match must go through gives a set; optional parts and unlistable ones give none."""
    sets = openings(re.compile(r"(?<![\w-])(?:(?:early|late)\s+)?(?:the|this)\s+(?:spring|fall)\b", re.I))
    assert sets[0] == frozenset({"the", "thi"}) and frozenset({"spr", "fal"}) in sets
    assert frozenset({"day"}) in openings(re.compile(r"\d+\s+days", re.I))
    assert openings(re.compile(r"\w+", re.I)) == []


def test_figures_stand_for_any_digit() -> None:
    """``\\d`` and ranges of figures are one class, with every character ``\\d`` matches (here Arabic-Indic
    figures), ``\\s`` another: a year range runs only where figures and a dash may make one."""
    years = re.compile(r"(?<![\w-])(?:1[6-9]|20)\d\d\s?[-–]\s?(?:19|20)\d\d", re.IGNORECASE)
    gate = Gate([years])
    assert openings(years)
    texts = {"from 1990 to 2000": False, "1990-2000": True, "1990 – 2000": True, "no year-here": False,
             "12-34": False, "١٩٩٠-٢٠٠٠": True}  # the last: "1" of the pattern is no Arabic-Indic one, but
    for text, runs in texts.items():       # a literal figure stands for any: more runs, never fewer
        assert gate.runnable(text) == [runs], text
        assert runs or years.search(text) is None
