"""The language identifier read from the machine's cache classifies exactly as py3langid's own loading,
and a damaged cache only costs a fresh decompression."""

from __future__ import annotations

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from veille.langid_loading import load_identifier

# Invented sentences in the analysed languages and a few others, long and short.
_TEXTS = [
    "Le conseil municipal a voté jeudi le budget des cantines scolaires.",
    "The harbour authority said the cranes would be back in service by Monday.",
    "Die Fähre nach Helgoland fällt wegen des Sturms aus.",
    "El ayuntamiento aprobó ayer el nuevo plan de movilidad.",
    "Oui.",
    "OK then, see you at the meeting",
    "12 345 — 67 %",
]


def _answers(identifier: LanguageIdentifier) -> list:
    out = [identifier.classify(t) for t in _TEXTS]
    identifier.set_languages(["fr", "en"])
    return out + [identifier.classify(t) for t in _TEXTS]


def test_cached_identifier_classifies_as_py3langid_does(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path))
    expected = _answers(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
    assert _answers(load_identifier()) == expected  # decompressed and kept
    assert any((tmp_path / "langid").iterdir())
    assert _answers(load_identifier()) == expected  # mapped from the cache
    assert [lang for lang, _ in expected[:4]] == ["fr", "en", "de", "es"]


def test_a_damaged_langid_cache_is_decompressed_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path))
    load_identifier()
    [folder] = (tmp_path / "langid").iterdir()
    (folder / "nextmove.npy").write_bytes(b"\x93NUMPY broken")
    assert load_identifier().classify(_TEXTS[0])[0] == "fr"
