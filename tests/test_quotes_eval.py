"""Gate for ``veille eval quotes``: the floors match the corpus, and a small PolNeAR subset and the
dev-gold pages stay at their floors (the full PolNeAR dev run belongs to ``veille eval quotes``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veille.eval import quotes

FLOORS = Path(quotes.__file__).parent / "floors" / "quotes.json"


def test_quotes_floors_match_the_corpus(corpus):
    assert json.loads(FLOORS.read_text())["corpus_sha1"] == quotes.corpus_sha1(corpus)


def test_quotes_polnear_reader_counts_quoted_contents(corpus):
    ann = sorted((corpus / "quotes" / "polnear" / "data" / "dev" / "attributions").glob("*.ann"))[0]
    gold = quotes.read_ann(ann)
    assert gold and all(g.content for g in gold)
    assert any(g.source for g in gold)


def test_quotes_polnear_subset_gate(corpus):
    quoted, every = quotes.polnear_dev(corpus, subset=12)
    assert quoted.gold > 50
    assert quoted.f1() >= 0.78
    assert quoted.speaker_right / quoted.with_source >= 0.72
    assert every.f1() >= 0.65


@pytest.fixture(scope="module")
def dev_gold_text(corpus):
    """The dev-gold pages' plain-text renderings scored once (the HTML half runs in ``veille eval``)."""
    return quotes.news_dev_gold(corpus, text_only=True)[0]


# measured on the plain-text half of the 48 dev-gold entries (2026-12-04: fr F1 0.948 speaker 0.921, en F1
# 0.956 speaker 0.963), a little below so the entities stage may move; raise them with the figures
TEXT_PAGE_GATES = {"fr": (0.93, 0.90), "en": (0.93, 0.93)}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_quotes_dev_gold_text_pages_gate(dev_gold_text, lang):
    c = dev_gold_text[lang]
    f1_gate, speaker_gate = TEXT_PAGE_GATES[lang]
    assert c.gold >= 10
    assert c.f1() >= f1_gate
    assert c.speaker_right / c.found >= speaker_gate


def test_quotes_mixed_quote_and_its_fragment_are_one_prediction():
    from veille.eval.quotes import Counts, score_news_page
    from veille.record import Article, Quote

    text = "The mayor said the plan was “a real step forward” for the town."
    frag = text.index("a real")
    mixed = Quote(start=text.index("the plan"), end=text.index(" for the town"), text="", kind="mixed")
    mixed.text = text[mixed.start:mixed.end]
    said = "a real step forward"
    direct = Quote(start=frag, end=frag + len(said), text=said, kind="direct")
    art = Article(id="t", lang="en", text=text, quotes=[mixed, direct])
    counts = Counts()
    score_news_page({"quotes": [{"text": said, "speaker": None}], "entities": []}, art, counts)
    assert (counts.pred, counts.right, counts.found) == (1, 1, 1)
