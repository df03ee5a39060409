"""Search rankings are reused while the store stays the same and never after it changed: a write by this
store, by another store object on the same file, or by another process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from veille.store import open_store
from veille.store.rankings import RankingCache
from veille.store.synthetic import annotate, generate_articles, vocabulary

WORD = "quillopard"  # made up: in no generated article


def page(article_id: str):
    return annotate(article_id, f"The {WORD} of the harbour was repainted this spring, the port said.",
                    title=f"A {WORD} repainted", lang="en", published="2025-05-02", entities=[])


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "r.sqlite"))
    s.put_many(list(generate_articles(40, quotes_per_article=1, seed=4)))
    yield s
    s.close()


def _counting(store, monkeypatch) -> list[int]:
    calls: list[int] = []
    original = type(store)._rank
    monkeypatch.setattr(type(store), "_rank", lambda self, *a: calls.append(1) or original(self, *a))
    return calls


def test_the_same_query_is_ranked_once_while_nothing_changes(store, monkeypatch):
    calls = _counting(store, monkeypatch)
    word = vocabulary()[0][1]
    first = store.search(word, limit=5)
    again = store.search(word, limit=5)
    assert len(calls) == 1 and [i.id for i in again.items] == [i.id for i in first.items]
    assert again.total == first.total and again.items[0].snippet == first.items[0].snippet
    store.search(word, limit=5, offset=5)
    store.search(word, limit=5, lang="fr")
    assert len(calls) == 3, "another page or filter is another ranking"


def test_a_write_by_this_store_is_seen_by_the_next_search(store):
    assert store.search(WORD).total == 0
    store.put(page("w1"))
    assert [i.id for i in store.search(WORD).items] == ["w1"]


def test_a_write_by_another_connection_or_process_is_seen(store, tmp_path):
    assert store.search(WORD).total == 0
    with open_store(str(tmp_path / "r.sqlite")) as other:
        other.put(page("w2"))
    assert store.search(WORD).total == 1
    code = ("import sys\nfrom veille.store import open_store\nfrom veille.store.synthetic import annotate\n"
            "with open_store(sys.argv[1]) as s:\n"
            f"    s.put(annotate('w3', 'Another {WORD} by the pier.', title='Pier', lang='en',\n"
            "                   entities=[]))\n")
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "r.sqlite")], check=True, timeout=60)
    assert {i.id for i in store.search(WORD).items} == {"w2", "w3"}


def test_the_cache_keeps_the_latest_rankings_of_one_generation_only():
    cache = RankingCache(size=2)
    computed: list[str] = []

    def rank(key: str):
        return lambda: computed.append(key) or key.upper()

    assert [cache.get(1, k, rank(k)) for k in ("a", "b", "a", "c", "b")] == ["A", "B", "A", "C", "B"]
    assert computed == ["a", "b", "c", "b"], "a kept while used; b dropped as the least recent"
    assert cache.get(2, "a", rank("a")) == "A" and computed[-1] == "a", "a new generation starts empty"
    assert cache.get(None, "a", rank("a")) == "A" and computed.count("a") == 3, "None: never kept"
