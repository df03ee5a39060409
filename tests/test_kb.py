"""The knowledge base: shipped data, lookups with folding, offices at a date, adjectives, user files."""

from __future__ import annotations

import gzip
import json

import pytest

from veille.errors import ConfigError
from veille.kb import KBEntity, KnowledgeBase, Role, entity_from_dict, entity_to_dict, fold, load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _ids(entities: list[KBEntity]) -> list[str]:
    return [e.id for e in entities]


def test_fold_ignores_case_accents_apostrophes_hyphens_and_dots():
    assert fold("l’OTAN") == fold("L'otan")
    assert fold("Élysée") == fold("elysee")
    assert fold("Asie-Pacifique") == fold("asie  pacifique")
    assert fold("Łukaszenka") == "lukaszenka"
    assert fold("U.S.") == fold("US")


def test_load_kb_is_cached_per_process(kb):
    assert load_kb() is kb


def test_every_entity_round_trips_through_its_json_form(kb):
    for entity in kb:
        assert entity_from_dict(json.loads(json.dumps(entity_to_dict(entity)))) == entity


def test_lookup_folds_french_elision_and_accents(kb):
    assert _ids(kb.lookup("OTAN", lang="fr")) == ["Q7184"]
    assert "Q30" in _ids(kb.lookup("Etats-Unis", lang="fr"))
    assert "Q30" in _ids(kb.lookup("états unis"))


def test_lookup_restricted_to_a_language_keeps_language_free_names(kb):
    assert "Q7184" not in _ids(kb.lookup("OTAN", lang="en"))
    assert "Q7184" in _ids(kb.lookup("NATO", lang="en"))


@pytest.mark.parametrize("name", ["Biélorussie", "Bélarus", "Belarus", "Belorussia", "Byelorussia"])
def test_belarus_variants_are_one_country(kb, name):
    assert "Q184" in _ids(kb.lookup(name))


@pytest.mark.parametrize("name", ["Royaume-Uni", "UK", "Grande-Bretagne", "Britain"])
def test_united_kingdom_variants(kb, name):
    assert "Q145" in _ids(kb.lookup(name))


def test_capital_is_its_own_place_standing_for_the_state(kb):
    moscow = kb.lookup("Moscou", lang="fr")
    assert [e.type for e in moscow] == ["GPE"]
    assert moscow[0].id != "Q159" and moscow[0].stands_for == "Q159" and moscow[0].country == "Q159"


def test_holders_of_the_us_presidency_at_a_date(kb):
    assert [e.name for e in kb.holders("head_of_state", "Q30", on="2023-03-26")] == ["Joe Biden"]
    assert [e.name for e in kb.holders("head_of_state", "Q30", on="2025-06-01")] == ["Donald Trump"]
    assert [e.name for e in kb.holders("head_of_state", "Q159", on="2023-03-26")] == ["Vladimir Putin"]


def test_holders_on_a_handover_day_returns_the_newcomer_first(kb):
    names = [e.name for e in kb.holders("head_of_state", "Q30", on="2025-01-20")]
    assert names == ["Donald Trump", "Joe Biden"]


def test_by_adjective_finds_the_country(kb):
    assert _ids(kb.by_adjective("russe", lang="fr")) == ["Q159"]
    assert _ids(kb.by_adjective("biélorusse", lang="fr")) == ["Q184"]
    assert "Q30" in _ids(kb.by_adjective("American", lang="en"))
    assert kb.by_adjective("russe", lang="en") == []


def test_surface_names_cover_every_entity_once_per_name(kb):
    triples = list(kb.surface_names())
    assert len(triples) == len(set(triples))
    assert {entity_id for _, _, entity_id in triples} == {e.id for e in kb}
    assert ("OTAN", "fr", "Q7184") in triples


def _write_jsonl(path, rows, gz=False):
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"
    path.write_bytes(gzip.compress(text.encode()) if gz else text.encode())
    return str(path)


def test_user_file_adds_and_overrides_entities(tmp_path, kb):
    path = _write_jsonl(tmp_path / "mine.jsonl.gz", [
        {"id": "veille:acme-news", "name": "Acme News", "type": "MEDIA", "names": {"*": ["Acme News", "ACN"]},
         "country": "Q142"},
        {"id": "Q7184", "name": "NATO", "type": "ORG", "names": {"fr": ["Alliance"]}, "merge": True},
        {"id": "Q30", "name": "USA", "type": "GPE", "names": {"en": ["Uncle Sam"]}},
    ], gz=True)
    mine = load_kb([path])
    assert len(mine) == len(kb) + 1
    assert _ids(mine.lookup("ACN")) == ["veille:acme-news"]
    assert "Q7184" in _ids(mine.lookup("Alliance", lang="fr")) and "Q7184" in _ids(mine.lookup("OTAN"))
    assert mine.get("Q30").name == "USA" and "Q30" not in _ids(mine.lookup("États-Unis"))
    assert load_kb() is kb  # the shipped base is untouched


@pytest.mark.parametrize("line, problem", [
    ("{not json", "not a JSON object"),
    ('{"id": "x", "name": "X", "type": "PERSON", "names": {}}', "is not one of"),
    ('{"id": "x", "name": "X", "type": "PER", "names": ["X"]}', "must map a language code"),
    ('{"id": "x", "name": "X", "type": "PER", "names": {}, "roles": [["hos", "Q30", "20/01/2021"]]}',
     "is not YYYY"),
    ('{"id": "x", "name": "X", "type": "PER", "names": {}, "colour": "red"}', "unknown keys"),
])
def test_bad_user_file_raises_config_error_naming_file_and_line(tmp_path, line, problem):
    path = tmp_path / "bad.jsonl"
    good = '{"id": "ok", "name": "Ok", "type": "ORG", "names": {}}'
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"bad\.jsonl:2: .*{problem}"):
        load_kb([str(path)])


def test_missing_user_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="nope.jsonl does not exist"):
        load_kb([str(tmp_path / "nope.jsonl")])


def test_entities_are_hashable_and_compare_by_value():
    role = Role("head_of_state", "Q30", "2021-01-20", None)
    one = KBEntity(id="x", name="X", type="PER", names={"*": ("X",)}, roles=(role,))
    assert len({one, KBEntity(id="x", name="X", type="PER", names={"*": ("X",)}, roles=(role,))}) == 1


def test_kb_files_from_the_environment_reach_the_loader(tmp_path, monkeypatch):
    from veille.config import load_config

    path = _write_jsonl(tmp_path / "env.jsonl", [
        {"id": "veille:my-agency", "name": "My Agency", "type": "MEDIA", "names": {"*": ["MyAg"]}},
    ])
    monkeypatch.setenv("VEILLE_KB_FILES", path)
    monkeypatch.setenv("VEILLE_CONFIG", str(tmp_path / "absent.toml"))
    config = load_config()
    assert _ids(load_kb(config.kb_files).lookup("MyAg")) == ["veille:my-agency"]


def test_user_role_dates_drive_holders(tmp_path):
    path = _write_jsonl(tmp_path / "roles.jsonl", [
        {"id": "veille:a", "name": "A", "type": "PER", "names": {},
         "roles": [["head_of_state", "veille:x", "2020", "2021-06"]]},
        {"id": "veille:b", "name": "B", "type": "PER", "names": {},
         "roles": [{"role": "head_of_state", "of": "veille:x", "start": "2021-07-01", "end": None}]},
    ])
    mine = load_kb([path])
    assert [e.name for e in mine.holders("head_of_state", "veille:x", on="2020-01-01")] == ["A"]
    assert [e.name for e in mine.holders("head_of_state", "veille:x", on="2021-06-30")] == ["A"]
    assert [e.name for e in mine.holders("head_of_state", "veille:x", on="2030-01-01")] == ["B"]
    assert [e.name for e in mine.holders("head_of_state", "veille:x")] == ["B"]
    assert mine.holders("head_of_state", "veille:x", on="2019-12-31") == []


@pytest.mark.parametrize("adjective, country", [
    ("américain", "Q30"), ("American", "Q30"), ("français", "Q142"), ("Indian", "Q668"), ("norvégien", "Q20"),
])
def test_a_states_demonym_is_not_shared_with_its_dependencies(kb, adjective, country):
    assert _ids(kb.by_adjective(adjective)) == [country]


def test_user_file_written_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "bom.jsonl"
    line = '{"id": "veille:x", "name": "Xanadu Post", "type": "MEDIA", "names": {}}\n'
    path.write_text(line, encoding="utf-8-sig")
    assert load_kb([str(path)]).get("veille:x").name == "Xanadu Post"


def test_a_folder_given_as_user_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot be read"):
        load_kb([str(tmp_path)])


def test_threads_asking_at_once_share_one_knowledge_base():
    """A server's threads all look names up on its first requests: the base is built once, and every
    thread gets that one (it was built once per thread, 0.3 s each, stalling a server's first second)."""
    import threading

    from veille.kb import loader

    loader._load.cache_clear()
    got: list[object] = []
    start = threading.Barrier(6)

    def ask() -> None:
        start.wait()
        got.append(loader.load_kb())

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 6 and len({id(kb) for kb in got}) == 1
