"""The knowledge base against the seed page's expected entities (../shared/corpus/seed/expected.json):
every named spelling, metonymy and description there must be answerable from the KB alone."""

from __future__ import annotations

import json
import re

import pytest

from veille.kb import KnowledgeBase, load_kb

_ELISION = re.compile(r"^(l|d)['’]", re.IGNORECASE)
_ACTOR = " (as an actor)"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="module")
def expected(corpus) -> list[dict]:
    return json.loads((corpus / "seed" / "expected.json").read_text(encoding="utf-8"))["entities"]


def _is_description(form: str) -> bool:
    return form.lower().startswith(("le président", "le dirigeant", "la présidente"))


def test_every_seed_spelling_is_one_kb_entity_of_the_right_type(kb, expected):
    for gold in expected:
        for form in gold["surface_forms"]:
            if form.endswith(_ACTOR) or _is_description(form):
                continue
            found = [e for e in kb.lookup(_ELISION.sub("", form), lang="fr") if e.name == gold["name"]]
            assert found, f"{form!r} does not lead to {gold['name']!r}"
            assert found[0].type == gold["type"], f"{form!r}: {found[0].type} != {gold['type']}"
            if gold.get("wikidata"):
                assert found[0].id == gold["wikidata"]


def test_seed_metonymies_stand_for_the_state(kb, expected):
    for gold in expected:
        for form in gold["surface_forms"]:
            if form.endswith(_ACTOR):
                place = form.removesuffix(_ACTOR)
                stands_for = {e.stands_for for e in kb.lookup(place, lang="fr")}
                assert gold["wikidata"] in stands_for, f"{place!r} does not stand for {gold['name']}"


def test_seed_descriptions_resolve_through_adjective_and_office(kb):
    russia = kb.by_adjective("russe", lang="fr")
    assert [e.id for e in russia] == ["Q159"]
    holders = kb.holders("head_of_state", russia[0].id, on="2023-03-26")
    assert [e.name for e in holders] == ["Vladimir Putin"]
    belarus = kb.by_adjective("biélorusse", lang="fr")[0]
    leaders = kb.holders("head_of_state", belarus.id, on="2023-03-26")
    assert [e.name for e in leaders] == ["Alexander Lukashenko"]


@pytest.mark.parametrize("english, french", [
    ("Putin", "Poutine"), ("Lukashenko", "Loukachenko"), ("NATO", "OTAN"), ("Kremlin", "Kremlin"),
    ("Iskander", "Iskander"), ("Belarus", "Biélorussie"), ("Soviet Union", "Union soviétique"),
    ("People's Daily", "Quotidien du Peuple"), ("the West", "Occident"), ("Zelenskyy", "Zelensky"),
])
def test_english_and_french_names_meet_on_one_id(kb, english, french):
    assert {e.id for e in kb.lookup(english, lang="en")} & {e.id for e in kb.lookup(french, lang="fr")}
