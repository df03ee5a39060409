"""The language identifier's vectorised byte walk gives py3langid's features and scores, bit for bit."""

from __future__ import annotations

import pytest
from py3langid.langid import LanguageIdentifier, visit_counts

from veille.stages import byte_walk
from veille.stages.byte_walk import walk_many
from veille.stages.langid import _full_model, _identifier

_TEXTS = [
    "Le conseil municipal a voté mardi soir le budget de la ville pour l'année prochaine, après un long "
    "débat sur le prix des cantines et l'entretien des écoles du centre. " * 12,
    "The harbour authority said on Monday that the strike had cost the port two days of traffic. " * 15,
    "Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen. " * 3,
    "Городской совет во вторник утвердил бюджет на следующий год. " * 20,
    "ÉLECTIONS MUNICIPALES : LE MAIRE SORTANT EN TÊTE AU PREMIER TOUR",
    "a", "", "12 345 — 67", "日本の首相は火曜日に記者会見を開いた。" * 30,
]


def _plain(languages):
    """py3langid's own identifier over the same arrays and languages."""
    nb_ptc, nb_pc, classes = _full_model()._full_model
    full = _full_model()
    ident = LanguageIdentifier(nb_ptc, nb_pc, classes, full.tk_nextmove, full.tk_output, norm_probs=True,
                               tk_row=full.tk_row)
    ident.set_languages(list(languages))
    return ident


def test_walk_many_finds_py3langid_features_in_its_order_for_texts_walked_together():
    ident = _identifier(("fr", "en", "de", "ru", "ja"))
    encoded = [ident._encode(t) for t in _TEXTS]
    found = walk_many(encoded, *ident._arrays)
    for text, got in zip(encoded, found, strict=True):
        want = visit_counts(ident.tk_nextmove, ident._rowbase, ident.tk_output, text)
        assert (list(want.items()) if want else None) == (list(got.items()) if got else None)


def test_a_window_too_short_for_the_model_is_caught_and_walked_byte_by_byte(monkeypatch):
    monkeypatch.setattr(byte_walk, "WINDOW", 2)  # py3langid's states need 6 bytes of context
    ident = _identifier(("fr", "en"))
    encoded = [ident._encode(t) for t in _TEXTS[:2]]
    for text, got in zip(encoded, walk_many(encoded, *ident._arrays), strict=True):
        assert list(got.items()) == list(visit_counts(ident.tk_nextmove, ident._rowbase, ident.tk_output,
                                                       text).items())


@pytest.mark.parametrize("languages", [("fr", "en"), ("fr", "en", "de", "es", "it", "ru", "ja")])
def test_scores_are_py3langid_scores_to_the_last_bit(languages):
    ours, plain = _identifier(languages), _plain(languages)
    for text in _TEXTS:  # long texts take the numpy walk, short ones py3langid's
        assert ours.classify(text) == plain.classify(text)
        assert (ours._decide(text) == plain._decide(text)).all()
    ours.prepare(_TEXTS)  # walked together ahead, then classified one by one
    try:
        assert [ours.classify(t) for t in _TEXTS] == [plain.classify(t) for t in _TEXTS]
    finally:
        ours.forget()


def test_every_candidate_set_shares_one_copy_of_the_walk_arrays():
    """A page's fragment candidates make a new identifier; the automaton's arrays must not be copied."""
    assert _identifier(("fr", "en"))._arrays is _identifier(("fr", "en", "de", "it"))._arrays
