"""The invented FR/EN story stream (veille/eval/story_stream.py): its shape, its scores on partitions made
up here, and three of its events ingested through the real pipeline and store, in publication order and
shuffled (a minister in two events three weeks apart, and a page that literally translates another)."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from veille.eval import story_stream
from veille.eval.story_stream import (
    STREAM,
    StreamPage,
    adjusted_rand,
    bcubed_f1,
    load_stream,
    pair_rows,
)

#: A hard-negative pair of events (same minister) and an event with a literal translation in it.
EVENTS = ("varnier-floods", "varnier-quotas", "nordavia-recall")


def _page(key: str, event: str, lang: str = "fr", **links: str) -> StreamPage:
    return StreamPage(key, event, lang, "2040-01-01", "Site", f"https://site.example/{key}", key, "texte",
                      **links)


def test_the_stream_has_the_shape_its_docs_promise():
    pages = load_stream()
    events = Counter(p.event for p in pages)
    keys = {p.key for p in pages}
    assert 60 <= len(pages) <= 80 and STREAM.stat().st_size < 300_000
    assert len({p.url for p in pages}) == len(pages) == len(keys)
    told = [e for e, n in events.items() if n > 1]
    assert 15 <= len(told) <= 20 and sum(n == 1 for n in events.values()) >= 2
    for event in told:  # every event told in both languages
        assert {p.lang for p in pages if p.event == event} == {"fr", "en"}, event
    assert [p.published for p in pages] == sorted(p.published for p in pages)  # publication order
    for p in pages:
        assert p.hard_negative_of is None or p.hard_negative_of in events
        for target in (p.copy_of, p.translation_of):
            assert target is None or target in keys
    assert sum(1 for p in pages if p.hard_negative_of) >= 10


def test_the_second_stream_is_another_set_of_the_same_shape():
    """The measurement set written for issue 11: its own events, kinds of hard negative, links."""
    from veille.eval.story_stream import DATASET_B, STREAM_B, STREAMS

    pages = load_stream(STREAM_B)
    first = load_stream()
    assert 55 <= len(pages) <= 80 and STREAM_B.stat().st_size < 300_000
    assert not {p.event for p in pages} & {p.event for p in first}
    assert not {p.url for p in pages} & {p.url for p in first}
    assert all(104 <= len(p.text.split()) <= 200 for p in pages)
    assert [p.published for p in pages] == sorted(p.published for p in pages)
    events = Counter(p.event for p in pages)
    for event in (e for e, n in events.items() if n > 1):
        assert {p.lang for p in pages if p.event == event} == {"fr", "en"}, event
    keys = {p.key for p in pages}
    assert sum(1 for p in pages if p.copy_of in keys) >= 2
    assert sum(1 for p in pages if p.translation_of in keys) >= 3
    hard = {(p.event, p.hard_negative_of) for p in pages if p.hard_negative_of}
    assert len(hard) >= 6 and all(b in events for _, b in hard)
    assert (STREAM_B, DATASET_B) in STREAMS


def test_a_line_that_is_not_a_page_is_named(tmp_path: Path):
    bad = tmp_path / "stream.jsonl"
    bad.write_text(json.dumps({"key": "a"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"stream.jsonl:1: not a stream page"):
        load_stream(bad)


def test_pair_scores_count_each_kind_of_pair():
    pages = [_page("a1", "a"), _page("a2", "a", "en"), _page("a3", "a"),
             _page("b1", "b", hard_negative_of="a"), _page("c1", "c", "en")]
    # a3 split off, b1 merged into a's story
    rows = {r.metric: r for r in pair_rows("t", pages, {"a1": "s1", "a2": "s1", "a3": "s2", "b1": "s1",
                                                         "c1": "s3"})}
    assert rows["pair precision"].value == pytest.approx(1 / 3)  # a1-a2 right; a1-b1, a2-b1 wrong
    assert rows["pair recall"].value == pytest.approx(1 / 3)  # of a1-a2, a1-a3, a2-a3
    assert rows["cross-lingual pair recall"].value == pytest.approx(1 / 2)  # a1-a2 yes, a2-a3 no
    assert rows["hard-negative pairs merged"].value == pytest.approx(2 / 3)  # b1 with a1, a2 (not a3)
    assert rows["hard-negative pairs merged"].n == 3


def test_partition_scores_on_known_cases():
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert adjusted_rand(gold, {"a": "1", "b": "1", "c": "2", "d": "2"}) == pytest.approx(1.0)
    assert bcubed_f1(gold, dict(gold)) == pytest.approx(1.0)
    lumped = {k: "all" for k in gold}
    assert adjusted_rand(gold, lumped) == pytest.approx(0.0)
    # one cluster of all: precision 1/2 per item, recall 1 → F1 2/3
    assert bcubed_f1(gold, lumped) == pytest.approx(2 / 3)
    singletons = {k: k for k in gold}
    assert bcubed_f1(gold, singletons) == pytest.approx(2 / 3)


@pytest.fixture(scope="module")
def three_events():
    pages = load_stream(events=EVENTS)
    return pages, story_stream.analyse(pages)


def _partition(pages, articles, placed) -> set[frozenset[str]]:
    key_of = {a.id: k for k, a in articles.items()}
    stories: dict[str, set[str]] = {}
    for article_id, story in placed.story.items():
        stories.setdefault(story, set()).add(key_of[article_id])
    return {frozenset(v) for v in stories.values()}


def test_three_events_ingested_in_order_give_the_gold_stories(three_events):
    pages, articles = three_events
    placed = story_stream.run([articles[p.key] for p in pages])
    gold = {frozenset(p.key for p in pages if p.event == e) for e in EVENTS}
    assert _partition(pages, articles, placed) == gold
    key_of = {a.id: k for k, a in articles.items()}
    made = {(key_of[a], key_of[b]) for a, b in placed.translations}
    assert ("nordavia-recall-en-mt", "nordavia-recall-fr-1") in made


def test_shuffled_ingest_gives_the_same_stories(three_events):
    pages, articles = three_events
    shuffled = list(pages)
    random.Random(5).shuffle(shuffled)
    placed = story_stream.run([articles[p.key] for p in shuffled])
    assert _partition(pages, articles, placed) == {frozenset(p.key for p in pages if p.event == e)
                                                   for e in EVENTS}


def test_misses_name_the_events_merged_and_split():
    pages = [_page("a1", "a"), _page("a2", "a", "en"), _page("b1", "b"), _page("c1", "c")]
    lines = story_stream.partition_misses("run", pages, {"a1": "s1", "a2": "s2", "b1": "s2", "c1": "s3"})
    assert lines == ["run: merged a + b: a2, b1", "run: split a: a1 | a2"]
