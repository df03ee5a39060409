"""SQLite ranks a query of words inside its full-text index (a quicker path): it must give the same
count and the same order as the general query every backend runs, with and without filters."""

from __future__ import annotations

import pytest

from veille.store import open_store
from veille.store.synthetic import generate_articles, vocabulary


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(str(tmp_path_factory.mktemp("paths") / "p.sqlite"))
    s.put_many(list(generate_articles(300, quotes_per_article=2, seed=5)))
    yield s
    s.close()


@pytest.mark.parametrize("filters", [{}, {"lang": "fr"}, {"date_from": "2023-06-01"}])
def test_words_only_search_takes_the_index_path_with_the_general_paths_results(store, monkeypatch, filters):
    words = vocabulary()[0]
    queries = [words[0], words[3], f"{words[1]} {words[2]}", f'"{words[4]} {words[5]}"', words[40]]
    quick = {q: store.search(q, limit=15, offset=2, **filters) for q in queries}
    taken = []
    original = type(store)._words_search
    monkeypatch.setattr(type(store), "_words_search",
                        lambda self, *a, **k: taken.append(1) or original(self, *a, **k))
    store.search(queries[0], **filters)
    assert taken, "the quick path is used for a query of words"
    monkeypatch.setattr(type(store), "_words_search", lambda self, *a, **k: None)
    for q in queries:
        general = store.search(q, limit=15, offset=2, **filters)
        assert quick[q].total == general.total
        assert [i.id for i in quick[q].items] == [i.id for i in general.items], q
    assert any(quick[q].items for q in queries), "some query finds articles"
    if not filters:
        assert any(quick[q].total > 17 for q in queries), "some query has more than one page of results"
