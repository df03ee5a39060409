"""The shipped knowledge base is built once per machine and read back from the cache: the same KB, and a
damaged cache file costs time, never a wrong KB."""

from __future__ import annotations

import json

from veille.kb import loader


def _same(a, b) -> bool:
    return (list(a) == list(b) and a._names == b._names and a._adjectives == b._adjectives
            and a._roles == b._roles)


def test_the_shipped_kb_is_read_back_from_the_cache_as_built(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path))
    loader._load.cache_clear()
    built = loader._build(())
    first = loader._load(())
    [kept] = (tmp_path / "kb").iterdir()
    loader._load.cache_clear()
    again = loader._load(())
    assert first is not again and _same(first, built) and _same(again, built)
    assert again.lookup("Ukraine") == built.lookup("Ukraine") != []
    kept.write_bytes(b"\x80\x05damaged")
    loader._load.cache_clear()
    assert _same(loader._load(()), built)
    loader._load.cache_clear()


def test_a_kb_with_user_files_is_built_from_them_not_taken_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path / "cache"))
    user = tmp_path / "mine.jsonl"
    user.write_text(json.dumps({"id": "X-Quillan", "name": "Port Quillan", "type": "LOC",
                                "names": {"fr": ["Port-Quillan"]}}) + "\n", encoding="utf-8")
    loader._load.cache_clear()
    kb = loader.load_kb([str(user)])
    assert [e.id for e in kb.lookup("port quillan")] == ["X-Quillan"]
    assert "X-Quillan" not in loader.load_kb()
    loader._load.cache_clear()


def test_the_shipped_kb_matcher_read_back_finds_what_a_built_one_finds(tmp_path, monkeypatch):
    from veille.stages.entities.matcher import KBMatcher, matcher_for

    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path))
    loader._load.cache_clear()
    matcher_for.cache_clear()
    kb = loader.load_kb()
    built = KBMatcher(kb.surface_names())
    text = "L'Otan et l'Union européenne ont reçu à Kyiv le ministre ukrainien ; the US and NATO agreed."
    first = matcher_for(kb)
    assert list((tmp_path / "kb").glob("matcher-*.pickle"))
    matcher_for.cache_clear()
    again = matcher_for(kb)
    assert again is not first and again.size == built.size
    assert again.find(text) == first.find(text) == built.find(text) != []
    matcher_for.cache_clear()
    loader._load.cache_clear()
