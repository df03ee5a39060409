"""``stories/stream`` rows of ``veille eval stories``: online story clustering of an invented FR/EN stream.

The SemEval pairs measure one decision on two pages; this measures what a user sees: a stream of pages
ingested one at a time through the real ingest path (the analysis pipeline, the store, placement in
stories), and the partition it leaves, scored against gold story labels.

The stream (``data/story_stream.jsonl``, format ``STREAM_FORMAT``) was written for this purpose: invented
events told by 2–5 pages each in French and English by different outlets, over one to three days, with
hard negatives (the same minister, company, city or kind of accident in another event: the field
``hard_negative_of`` names the event they must stay apart from), a wire copy re-published under another
title with its end trimmed (``copy_of``), literal translations (``translation_of``) and singletons.

Rows (dataset ``stories/stream``; ``stories/stream shuffled`` is the mean over the same pages ingested in
three seeded random orders): pairwise precision, recall and F1 of "same story"; recall on the
cross-lingual same-story pairs; the share of hard-negative pairs merged (lower is better); B-cubed F1;
adjusted Rand index; for the shuffled runs, the adjusted Rand index against the publication-order
partition, mean and worst (order tolerance). Copies and translations: the gold links found (either
direction), the links made that are gold, and the share of those found that point from the copy or
translation to its original.

The stream is a measurement set: placement and similarity are never tuned on it.
"""

from __future__ import annotations

import html
import json
import random
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from ..record import Article
from .common import Row

#: The stream shipped with veille, and the version of its line format (fields of ``StreamPage``).
STREAM = Path(__file__).parent / "data" / "story_stream.jsonl"
STREAM_FORMAT = 1
DATASET = "stories/stream"
#: The second stream (same format), written later as a measurement set: its rows are ``stories/stream_b``.
STREAM_B = Path(__file__).parent / "data" / "story_stream_b.jsonl"
DATASET_B = "stories/stream_b"
#: Every stream scored by ``veille eval stories``: (file, dataset name of its rows).
STREAMS = ((STREAM, DATASET), (STREAM_B, DATASET_B))
#: The shuffled runs' orders: fixed seeds, so the figures are the same on every run.
SHUFFLE_SEEDS = (11, 12, 13)


@dataclass(frozen=True)
class StreamPage:
    """One line of the stream: a page, its gold story label and the gold links it carries."""

    key: str
    event: str
    lang: str
    published: str
    site_name: str
    url: str
    title: str
    text: str
    copy_of: str | None = None
    translation_of: str | None = None
    hard_negative_of: str | None = None


def load_stream(path: Path = STREAM, events: Iterable[str] | None = None) -> list[StreamPage]:
    """The stream's pages in file order, only those of ``events`` when given. The file order is the order
    of arrival: by publication date, and within a day an original before its copies and translations."""
    keep = set(events) if events is not None else None
    pages = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            page = StreamPage(**json.loads(line))
        except (json.JSONDecodeError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a stream page ({exc})") from exc
        if keep is None or page.event in keep:
            pages.append(page)
    return pages


def page_html(page: StreamPage) -> str:
    """The page as a minimal news page, so it goes through HTML extraction like any fetched page."""
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>\n" for p in page.text.split("\n\n") if p.strip())
    return (f'<!doctype html><html lang="{page.lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(page.title)} | {html.escape(page.site_name)}</title>"
            f'<meta property="og:site_name" content="{html.escape(page.site_name)}">'
            f'<link rel="canonical" href="{html.escape(page.url)}"></head>\n'
            f"<body><article><h1>{html.escape(page.title)}</h1>\n{paragraphs}</article></body></html>")


def analyse(pages: list[StreamPage],
            progress: Callable[[int, int], None] | None = None) -> dict[str, Article]:
    """Each page through the default analysis pipeline with its own publication date; by page key."""
    from ..api_functions import _pipeline
    from ..sources import Source

    pipe = _pipeline(None)
    out: dict[str, Article] = {}
    for n, page in enumerate(pages, 1):
        source = Source(name=page.key, text=page_html(page), kind="html", url=page.url)
        outcome = next(pipe.run([source], published=page.published, lang=page.lang))
        if outcome.error or outcome.article is None:
            raise ValueError(f"stream page {page.key}: analysis failed ({outcome.error})")
        out[page.key] = outcome.article
        if progress:
            progress(n, len(pages))
    return out


def ingest(store: Any, articles: list[Article]) -> None:
    """Store and place the articles one at a time, in the given order, as ``veille ingest`` does for a
    stream of pages arriving one by one (a batch of one: placement cannot reorder them)."""
    from ..pipeline import Outcome
    from ..store import ingest_outcomes

    ingest_outcomes(store, (Outcome(a.id, article=a) for a in articles), batch_size=1)


@dataclass
class Placed:
    """What a run left in the store: each article's story, and the copy / translation links made."""

    story: dict[str, str]
    copies: set[tuple[str, str]]
    translations: set[tuple[str, str]]  # (translation, original)


def read_placed(store: Any) -> Placed:
    """Read the partition and the links back through the store's public story views."""
    placed = Placed({}, set(), set())
    offset: int | None = 0
    while offset is not None:
        page = store.list_stories(limit=100, offset=offset)
        for summary in page.items:
            detail = store.story(summary.id, limit=10_000)
            for art in detail.articles:
                placed.story[art.id] = summary.id
            for link in detail.links:
                kind = placed.copies if link.kind == "copy_of" else placed.translations
                if link.kind in ("copy_of", "translation_of"):
                    kind.add((link.article_id, link.other_id))
        offset = page.next_offset
    return placed


def run(articles: list[Article]) -> Placed:
    """Ingest ``articles`` in their order into a fresh temporary SQLite store; what it placed."""
    from ..store import open_store

    with tempfile.TemporaryDirectory(prefix="veille-stream-") as tmp:
        store = open_store(str(Path(tmp) / "stream.sqlite"))
        try:
            ingest(store, articles)
            return read_placed(store)
        finally:
            store.close()


# -- scores -----------------------------------------------------------------------------------------

def pair_rows(dataset: str, pages: list[StreamPage], story: dict[str, str]) -> list[Row]:
    """Pairwise "same story" scores of the partition ``story`` (page key → story id) against the gold."""
    gold = {p.key: p.event for p in pages}
    lang = {p.key: p.lang for p in pages}
    hard = {(p.event, p.hard_negative_of) for p in pages if p.hard_negative_of}
    hard |= {(b, a) for a, b in hard}
    tp = fp = fn = cross = cross_tp = hard_n = hard_merged = 0
    for a, b in combinations(sorted(gold), 2):
        same, said = gold[a] == gold[b], story.get(a) is not None and story.get(a) == story.get(b)
        tp, fp, fn = tp + (same and said), fp + (not same and said), fn + (same and not said)
        if same and lang[a] != lang[b]:
            cross, cross_tp = cross + 1, cross_tp + said
        if (gold[a], gold[b]) in hard:
            hard_n, hard_merged = hard_n + 1, hard_merged + said
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    partition = {k: story.get(k, f"missing:{k}") for k in gold}
    return [Row(dataset, "pair precision", precision, tp + fp),
            Row(dataset, "pair recall", recall, tp + fn),
            Row(dataset, "pair F1", f1, tp + fp + fn),
            Row(dataset, "cross-lingual pair recall", cross_tp / max(1, cross), cross),
            Row(dataset, "hard-negative pairs merged", hard_merged / max(1, hard_n), hard_n),
            Row(dataset, "B-cubed F1", bcubed_f1(gold, partition), len(gold)),
            Row(dataset, "adjusted Rand index", adjusted_rand(gold, partition), len(gold))]


def bcubed_f1(gold: dict[str, str], found: dict[str, str]) -> float:
    """B-cubed F1 (Bagga & Baldwin): per item, the share of its found cluster in its gold cluster
    (precision) and of its gold cluster in its found cluster (recall), averaged over the items."""
    both = Counter((gold[k], found[k]) for k in gold)
    g, f = Counter(gold.values()), Counter(found[k] for k in gold)
    precision = sum(n * n / f[fc] for (_, fc), n in both.items()) / len(gold)
    recall = sum(n * n / g[gc] for (gc, _), n in both.items()) / len(gold)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def adjusted_rand(gold: dict[str, str], found: dict[str, str]) -> float:
    """Adjusted Rand index (Hubert & Arabie) of two partitions of the same keys: 1 identical, ~0 chance."""
    def pairs(n: int) -> float:
        return n * (n - 1) / 2

    both = sum(pairs(n) for n in Counter((gold[k], found[k]) for k in gold).values())
    g = sum(pairs(n) for n in Counter(gold[k] for k in gold).values())
    f = sum(pairs(n) for n in Counter(found[k] for k in gold).values())
    expected = g * f / pairs(len(gold)) if len(gold) > 1 else 0.0
    top = (g + f) / 2 - expected
    return (both - expected) / top if top else 1.0


def link_rows(pages: list[StreamPage], placed: Placed, key_of: dict[str, str],
              dataset: str = DATASET) -> list[Row]:
    """Copies and translations made against the gold ones: found (either direction), made and gold, and
    pointing the right way (the copy or translation to its original) among those found."""
    rows: list[Row] = []
    for kind, made in (("copy", placed.copies), ("translation", placed.translations)):
        gold = {(p.key, getattr(p, f"{kind}_of")) for p in pages if getattr(p, f"{kind}_of")}
        said = {(key_of.get(a, a), key_of.get(b, b)) for a, b in made}
        unordered = {frozenset(x) for x in said}
        found = [g for g in gold if frozenset(g) in unordered]
        right = [s for s in said if frozenset(s) in {frozenset(g) for g in gold}]
        pointing = sum(g in said for g in found)
        rows += [Row(dataset, f"{kind} links found", len(found) / max(1, len(gold)), len(gold)),
                 Row(dataset, f"{kind} links right", len(right) / max(1, len(said)), len(said)),
                 Row(dataset, f"{kind} direction right", pointing / max(1, len(found)), len(found))]
    return rows


def partition_misses(label: str, pages: list[StreamPage], stories: dict[str, str]) -> list[str]:
    """One line per story that joins several gold events and per gold event split over several stories."""
    gold = {p.key: p.event for p in pages}
    members: dict[str, list[str]] = {}
    for key in gold:
        members.setdefault(stories[key], []).append(key)
    lines = [f"{label}: merged {' + '.join(sorted({gold[k] for k in keys}))}: {', '.join(sorted(keys))}"
             for keys in members.values() if len({gold[k] for k in keys}) > 1]
    for event in sorted(set(gold.values())):
        parts = sorted(sorted(ks) for ks in members.values() if any(gold[k] == event for k in ks))
        if len(parts) > 1:
            shown = " | ".join(", ".join(k for k in ks if gold[k] == event) for ks in parts)
            lines.append(f"{label}: split {event}: {shown}")
    return lines


def link_misses(pages: list[StreamPage], placed: Placed, key_of: dict[str, str]) -> list[str]:
    """The copy and translation links made that are not gold, and the gold ones missed."""
    lines = []
    for kind, made in (("copy_of", placed.copies), ("translation_of", placed.translations)):
        gold = {frozenset((p.key, getattr(p, kind))) for p in pages if getattr(p, kind)}
        said = {(key_of.get(a, a), key_of.get(b, b)) for a, b in made}
        lines += [f"made {a} {kind} {b}, not gold" for a, b in sorted(said) if frozenset((a, b)) not in gold]
        lines += [f"missed {' / '.join(sorted(g))} ({kind})" for g in gold
                  if g not in {frozenset(x) for x in said}]
    return lines


def evaluate_all(progress: Callable[[int, int], None] | None = None,
                 notes: list[str] | None = None) -> list[Row]:
    """The rows of every shipped stream (``STREAMS``), each under its own dataset name; ``progress`` counts
    the pages of all of them."""
    sets = [(path, name, load_stream(path)) for path, name in STREAMS]
    total, before = sum(len(pages) for _, _, pages in sets), [0]

    def tick(done: int, _total: int) -> None:
        if progress:
            progress(before[0] + done, total)

    rows: list[Row] = []
    for path, name, pages in sets:
        set_notes: list[str] = []
        rows += evaluate(path, dataset=name, progress=tick, notes=set_notes)
        before[0] += len(pages)
        if notes is not None:
            notes += [f"{name}: {line}" for line in set_notes]
    return rows


def evaluate(path: Path = STREAM, *, dataset: str = DATASET, events: Iterable[str] | None = None,
             progress: Callable[[int, int], None] | None = None, notes: list[str] | None = None) -> list[Row]:
    """Every row of the module docstring for the stream at ``path``, named ``dataset``: the stream analysed
    once, then ingested in publication order and in each seeded shuffled order, each time into a new
    temporary store. ``notes`` receives what each run got wrong (merged events, split events, links that
    are not gold)."""
    notes = notes if notes is not None else []
    pages = load_stream(path, events)
    articles = analyse(pages, progress)
    key_of = {a.id: k for k, a in articles.items()}

    def stories_of(placed: Placed) -> dict[str, str]:
        return {k: placed.story.get(a.id, f"missing:{k}") for k, a in articles.items()}

    in_order = run([articles[p.key] for p in pages])
    first = stories_of(in_order)
    rows = pair_rows(dataset, pages, first) + link_rows(pages, in_order, key_of, dataset)
    notes += partition_misses("publication order", pages, first) + link_misses(pages, in_order, key_of)
    per_order: list[list[Row]] = []
    for seed in SHUFFLE_SEEDS:
        order = list(pages)
        random.Random(seed).shuffle(order)
        found = stories_of(run([articles[p.key] for p in order]))
        notes += partition_misses(f"shuffled (seed {seed})", pages, found)
        per_order.append([*pair_rows(f"{dataset} shuffled", pages, found),
                          Row(f"{dataset} shuffled", "ARI vs publication order", adjusted_rand(first, found),
                              len(pages))])
    rows += [Row(r.dataset, r.metric, sum(o[j].value for o in per_order) / len(per_order), r.n)
             for j, r in enumerate(per_order[0])]
    rows.append(Row(f"{dataset} shuffled", "worst ARI vs publication order",
                    min(o[-1].value for o in per_order), len(pages)))
    return rows
