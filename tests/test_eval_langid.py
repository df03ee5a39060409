"""The language-ID evaluation: accuracy on hand-made pairs and the floor of the default language set."""

from __future__ import annotations

import pytest

from veille.config import DEFAULT_LANGUAGES
from veille.eval import langid
from veille.eval.common import floors


def test_accuracy_counts_agreement():
    assert langid.accuracy([("fr", "fr"), ("en", "fr"), (None, "de"), ("de", "de")]) == 0.5
    assert langid.accuracy([]) == 0.0


def test_language_sets_include_the_configured_default_and_grow():
    sets = langid.language_sets({"fr", "en", "ko"})
    assert sets["default"] == DEFAULT_LANGUAGES
    sizes = [len(v) for v in sets.values()]
    assert sizes[0] == 2 and max(sizes) == len(langid.all_languages())
    assert any("ko" in v and k.startswith("default+test") for k, v in sets.items())


def test_restricted_set_answers_within_the_set():
    items = [{"text": "Le gouvernement a annoncé un plan mardi.", "lang": "fr"}]
    assert langid.score(items, ("fr", "en")) == 1.0


@pytest.mark.corpus
def test_default_set_holds_its_floor_on_news_sentences(corpus):
    items = langid.load_sets(corpus)["news_short"]
    limits = floors("langid")
    for row in langid.rows_for("news_short", items, "default", DEFAULT_LANGUAGES):
        floor = limits[f"news_short/{row.metric}"]
        assert row.value + 1e-9 >= floor, f"news_short {row.metric} {row.value:.3f} fell below {floor:.3f}"
    assert len(items) > 1000
