"""SQLite ranks a query of words inside its full-text index (a quicker path): it must give the same
count and the same order as the general query every backend runs, with and without filters."""

from __future__ import annotations

import pytest

from veille.record import Article
from veille.store import open_store
from veille.store.rankings import RankingCache
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
    monkeypatch.setattr(store, "_rankings", RankingCache())  # the quick path's rankings are kept: not them
    for q in queries:
        general = store.search(q, limit=15, offset=2, **filters)
        assert quick[q].total == general.total
        assert [i.id for i in quick[q].items] == [i.id for i in general.items], q
    assert any(quick[q].items for q in queries), "some query finds articles"
    if not filters:
        assert any(quick[q].total > 17 for q in queries), "some query has more than one page of results"


def _general(store, monkeypatch, query: str, **kw):
    """The general query's answer (no quick path, no kept ranking)."""
    with monkeypatch.context() as m:
        m.setattr(type(store), "_words_search", lambda self, *a, **k: None)
        m.setattr(store, "_rankings", RankingCache())
        return store.search(query, **kw)


@pytest.fixture()
def tied(tmp_path):
    """Pages whose bodies are the same words (the same bm25), dated or not, among others that say the word
    once in a longer text: ties inside a page and across its end."""
    s = open_store(str(tmp_path / "ties.sqlite"))
    same = "Le zorglub du port rouvre. Les quais du zorglub attendent les navires."
    dates = ["2024-03-01", None, "2024-05-09", "2024-03-01", None, "2023-12-31", "2024-05-09", "2022-01-02"]
    arts = [Article(id=f"same-{i}", title="Quais", text=same, published=d, lang="fr")
            for i, d in enumerate(dates)]
    arts += [Article(id=f"long-{i}", title="Port", published=f"2024-01-{i + 1:02d}", lang="fr",
                     text="Un zorglub passe. " + "Les barges attendent au large du bassin nord. " * (i + 2))
             for i in range(6)]
    s.put_many(arts)
    with s._transaction() as cur:  # one of them a copy (folded under its original: never listed)
        cur.execute("UPDATE articles SET copy_of = 'same-0' WHERE id IN ('same-6', 'long-2')")
    yield s
    s.close()


@pytest.mark.parametrize("room", [40, 0])
@pytest.mark.parametrize("limit, offset", [(20, 0), (3, 0), (4, 2), (5, 5), (2, 7), (1, 13), (5, 20)])
def test_the_index_only_path_orders_ties_as_the_general_query(tied, monkeypatch, limit, offset, room):
    """Same count, same order (ties: newest first, undated last, then the latest stored), whether the
    run of ties at the page's end was read whole from the index or not (room 0: the general query ranks)."""
    import veille.store.sqlite as backend

    monkeypatch.setattr(backend, "_TIE_ROOM", room)
    general = _general(tied, monkeypatch, "zorglub", limit=limit, offset=offset)
    tied._rankings = RankingCache()
    quick = tied.search("zorglub", limit=limit, offset=offset)
    assert quick.total == general.total == 12
    assert [i.id for i in quick.items] == [i.id for i in general.items]
    assert len(quick.items) == max(0, min(limit, 12 - offset))
    assert not {"same-6", "long-2"} & {i.id for i in quick.items}


def test_the_index_only_path_answers_without_reading_articles_when_nothing_ties(store, monkeypatch):
    """A query of words without filters is counted and ranked from the index alone (no join with the
    articles: their copies are left out by key)."""
    seen: list[str] = []
    original = type(store)._rows
    monkeypatch.setattr(type(store), "_rows", lambda self, sql, params=(): seen.append(sql) or original(
        self, sql, params))
    monkeypatch.setattr(store, "_rankings", RankingCache())
    page = store.search(vocabulary()[0][0], limit=10)
    ranking = [q for q in seen if "articles_fts" in q]
    assert page.total > 10 and len(ranking) == 2
    assert all("JOIN" not in q for q in ranking), ranking
