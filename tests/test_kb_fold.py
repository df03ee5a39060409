"""Properties of name folding and lookups on arbitrary text (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from veille.kb import fold, load_kb


@given(st.text(max_size=40))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=40))
def test_fold_leaves_no_capitals_accents_or_double_spaces(text):
    folded = fold(text)
    assert folded == folded.strip() and "  " not in folded and "." not in folded
    assert not any(ch in folded for ch in "’‘ʼÉéÀàŁł")


@settings(max_examples=200)
@given(st.text(max_size=30), st.sampled_from([None, "fr", "en", "de"]))
def test_lookups_never_raise(text, lang):
    kb = load_kb()
    assert isinstance(kb.lookup(text, lang=lang), list)
    assert isinstance(kb.by_adjective(text, lang=lang), list)
    assert isinstance(kb.holders("head_of_state", text, on="2024-01-01"), list)
