from __future__ import annotations

import pytest

from veille.stages.extract.dateline import find_dateline


@pytest.mark.parametrize(("text", "place"), [
    ("PARIS (AFP) - Le gouvernement a annoncé", "PARIS"),
    ("WASHINGTON — The president said", "WASHINGTON"),
    ("LONDON (Reuters) - Britain's economy", "LONDON"),
    ("KATHMANDU, April 25 (Reuters) - Nepal's civil aviation", "KATHMANDU"),
    ("BEIRUT/THE HAGUE, March 7 (Reuters) - An Israeli tank", "BEIRUT/THE HAGUE"),
    ("Moscou : Le président russe a déclaré", "Moscou"),
    ("MEXICO CITY (AP) — Mexico’s economy grew", "MEXICO CITY"),
    ("Bruxelles (AFP) - La Commission a proposé", "Bruxelles"),
])
def test_dateline_styles(text, place):
    assert find_dateline(text)[0] == place


@pytest.mark.parametrize("text", [
    "Le président russe a déclaré que la Russie prévoyait",
    "Selon lui, la réforme est nécessaire.",
    "The NATO summit opened on Tuesday.",
    "Il a dit : « Nous verrons. »",
])
def test_dateline_absent_from_ordinary_openings(text):
    assert find_dateline(text) is None


@pytest.mark.parametrize(("text", "place"), [
    ("HARTFORD, Conn. (AP) — A bridge", "HARTFORD"),
    ("ALBANY, N.Y. — State lawmakers", "ALBANY"),
    ("Vienne (Isère) : La crue du Rhône", "Vienne"),
])
def test_dateline_with_state_or_region(text, place):
    assert find_dateline(text)[0] == place
