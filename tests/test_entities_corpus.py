"""Entities on real pages of ../shared/corpus (skipped when absent): the seed page's expected entities,
furniture that must yield nothing, the same ids for the team's English page, and a dev-gold gate."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

pytestmark = [pytest.mark.corpus, pytest.mark.slow]
FIXTURE = Path(__file__).parent / "fixtures" / "en_belarus_nuclear.txt"


def _fold(s: str) -> str:
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s.replace("’", "'")).strip().lower()


def _names(e) -> set[str]:
    return {_fold(e.name), *(_fold(n) for n in e.names)}


@pytest.fixture(scope="module")
def expected(corpus) -> dict:
    return json.loads((corpus / "seed" / "expected.json").read_text(encoding="utf-8"))


def test_entities_seed_page_has_every_expected_entity_typed_and_merged(seed_record, expected):
    for want in expected["entities"]:
        forms = {_fold(re.sub(r"\s*\(.*\)$", "", f)) for f in want["surface_forms"]} | {_fold(want["name"])}
        hits = [e for e in seed_record.entities if _names(e) & forms]
        assert any(e.type == want["type"] for e in hits), want["name"]
        plain = {_fold(f) for f in want["surface_forms"] if "(" not in f}
        assert any(plain <= _names(e) | {_fold(want["name"])} for e in hits), want["name"]


def test_entities_removed_furniture_yields_no_entity(seed_record, expected):
    for absent in expected["entities_must_be_absent"]:
        assert not any(_fold(absent) in _names(e) for e in seed_record.entities)
        assert not any(_fold(absent) in _fold(m.text) for m in seed_record.mentions)


def test_entities_seed_descriptions_and_metonymy(seed_record):
    by_text = {}
    for m in seed_record.mentions:
        by_text.setdefault(m.text.lower(), set()).add((m.entity_id, m.how))
    assert by_text["le dirigeant russe"] == {("Q7747", "description")}
    assert by_text["le président russe"] == {("Q7747", "description")}
    assert ("Q159", "metonymy") in by_text["kremlin"]
    assert ("Q159", "metonymy") in by_text["moscou"]  # "Moscou avait déjà transféré"
    assert ("Q184", "metonymy") in by_text["minsk"]  # "les propres troupes de Minsk"
    assert not seed_record.check_spans()
    ids = {e.id for e in seed_record.entities}
    assert all(m.entity_id in ids for m in seed_record.mentions)


def test_entities_english_page_shares_ids_with_french_seed(seed_record, analyze):
    en = analyze(FIXTURE.read_text(encoding="utf-8"), name=FIXTURE.name)
    assert en.lang == "en"
    fr_ids = {e.name: e.id for e in seed_record.entities}
    en_ids = {e.name: e.id for e in en.entities}
    for name in ("Vladimir Putin", "Alexander Lukashenko", "NATO", "Russia", "9K720 Iskander"):
        assert name in en_ids and en_ids[name] == fr_ids[name], name
    kremlin = [m for m in en.mentions if "Kremlin" in m.text]
    assert all(m.text == "Kremlin" for m in kremlin)
    assert kremlin and all(m.entity_id == fr_ids["Russia"] for m in kremlin)
    assert any(m.how == "description" and m.entity_id == fr_ids["Vladimir Putin"] for m in en.mentions)


def test_entities_dev_gold_gate_on_two_pages(corpus):
    """One French and one English dev-gold page hold the floors kept in eval/floors/entities.json."""
    from veille.eval import entities

    rows, scores = entities.evaluate(corpus, only={"fr09", "en08"})
    low = [(r.dataset, r.metric, round(r.value, 3), r.floor) for r in rows if not r.ok]
    assert not low, f"below floor: {low}; details: {[(s.id, s.missed, s.spurious) for s in scores]}"
