"""Ingestion: pages (through the pipeline) or ready-made records into a store, in batches.

Each batch is one transaction, so a killed process leaves whole articles only; running the same job
again skips what is stored unchanged ("unchanged") and completes the rest.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..config import Config
from ..errors import InputError, StoreFullError, StoreUnavailableError
from ..parallel import WorkerMemory, run_pages
from ..pipeline import Outcome, article_id
from ..record import Article
from ..sources import Source
from .base import PutStatus, Store

log = logging.getLogger("veille")

#: Articles written in one run after which the store refreshes its statistics.
OPTIMIZE_AFTER = 1000


@dataclass
class IngestSummary:
    """What an ingest did, page by page counted: failures keep their name, reason code and message."""

    ingested: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.ingested + self.replaced + self.unchanged + len(self.failed)

    def as_dict(self) -> dict:
        return {"ingested": self.ingested, "replaced": self.replaced, "unchanged": self.unchanged,
                "failed": [{"input": n, "reason": r, "message": m} for n, r, m in self.failed]}


def ingest_outcomes(store: Store, outcomes: Iterable[Outcome], *, batch_size: int = 32,
                    on_step: Callable[[Outcome], None] | None = None, stories: bool = True,
                    raw_sha1: dict[str, str] | None = None) -> IngestSummary:
    """Store every analysed page, committing every ``batch_size`` articles; with ``stories``, each
    committed batch is then placed in stories (copies folded, translations linked: veille.stories).
    ``raw_sha1`` (article id → hash of the page's bytes, filled as pages are read) is stored with them."""
    summary = IngestSummary()
    batch: list[Article] = []
    for out in outcomes:
        if out.unchanged:
            summary.unchanged += 1
        elif out.error:
            summary.failed.append((out.error.source, out.error.reason, out.error.message))
        elif out.article is not None:
            batch.append(out.article)
            if len(batch) >= batch_size:
                _commit(store, batch, summary, stories, raw_sha1)
                batch = []
        if on_step:
            on_step(out)
    if batch:
        _commit(store, batch, summary, stories, raw_sha1)
    if summary.ingested + summary.replaced >= OPTIMIZE_AFTER:
        store.optimize()
    return summary


def store_pages(store: Store, articles: list[Article], *, stories: bool = True) -> list[PutStatus]:
    """Store ``articles`` (one transaction) and, with ``stories``, place the new and replaced ones in
    stories: the one write path that ``veille ingest``, ``veille watch``, the Ray engine and ``POST
    /api/articles`` all take, so no stored page is left out of the stories."""
    statuses = store.put_many(articles)
    if stories:
        place_stored(store, articles, statuses)
    return statuses


def place_stored(store: Store, articles: list[Article], statuses: list[PutStatus]) -> None:
    """The story hook of every write path: place the pages of a committed batch that are new or replaced
    (an unchanged page keeps its place), then repair the stories they touched."""
    _place_in_stories(store, [a for a, s in zip(articles, statuses, strict=True) if s != "unchanged"])


def _commit(store: Store, batch: list[Article], summary: IngestSummary, stories: bool = True,
            raw_sha1: dict[str, str] | None = None) -> None:
    hashes = {a.id: raw_sha1.pop(a.id) for a in batch if a.id in raw_sha1} if raw_sha1 else None
    try:
        statuses = store.put_many(batch, raw_sha1=hashes) if hashes else store.put_many(batch)
    except (StoreFullError, StoreUnavailableError) as err:
        kept = summary.ingested + summary.replaced
        fix = "Free some space and" if isinstance(err, StoreFullError) else "When the server is back,"
        raise type(err)(
            f"{err}. This run stored {kept} article{'' if kept == 1 else 's'} before it (kept, intact); "
            f"the batch of {len(batch)} in progress was not stored. {fix} run the same command again: "
            "pages already stored are skipped") from err
    for status in statuses:
        setattr(summary, status, getattr(summary, status) + 1)
    if stories:
        place_stored(store, batch, statuses)


def _place_in_stories(store: Store, stored: list[Article]) -> None:
    """Stories run after the batch is committed, in their own transaction: a failure there never costs a
    stored article, and ``veille stories --recluster`` rebuilds whatever was left unplaced."""
    if not stored or not hasattr(store, "_story_candidates"):
        return
    from ..stories.repair import place_and_repair

    try:
        place_and_repair(store, stored)
    except (StoreFullError, StoreUnavailableError) as err:
        fix = "Free some space and" if isinstance(err, StoreFullError) else "When the server is back,"
        raise type(err)(
            f"{err}. The last batch of {len(stored)} article{'' if len(stored) == 1 else 's'} is stored "
            f"(intact) but not placed in stories. {fix} run the same command again, then `veille stories "
            "--recluster`") from err
    except Exception as exc:  # the articles are safe; say what to run, do not lose the run
        log.warning("stories were not updated for a batch of %d articles (%s: %s); they are stored — run "
                    "`veille stories --recluster` to place them", len(stored), type(exc).__name__, exc)


def ingest_paths(store: Store, paths: Iterable[str], *, config: Config | None = None,
                 published: str | None = None, lang: str | None = None, batch_size: int | None = None,
                 on_step: Callable[[Outcome], None] | None = None, stories: bool = True, workers: int = 1,
                 memory: WorkerMemory | None = None) -> IngestSummary:
    """Analyse pages (files, directories, ``-``) with the full pipeline and store them; ``workers`` > 1
    analyses in that many processes (``veille.parallel``) while this process alone writes the store.

    A page the store already holds from the same bytes (its id is the hash of its bytes, or of its URL
    with the hash of its bytes stored beside it), analysed by the same stage versions, is not analysed
    again: re-running a big job after a crash costs only the pages left."""
    from ..api_functions import _pipeline
    from ..sources import read_sources

    pipe = _pipeline(config)
    versions = [(s.name, s.version) for s in pipe.stages]
    skipped: list[Outcome] = []
    read_sha1: dict[str, str] = {}  # page name → hash of its bytes, for the pages in flight
    raw_sha1: dict[str, str] = {}  # article id → hash of its bytes, for the articles not yet committed

    def to_analyse() -> Iterator[Source | InputError]:
        for item in read_sources(paths, pipe.config.max_bytes):
            if isinstance(item, Source) and published is None and lang is None \
                    and _stored_as_is(store, item, versions):
                skipped.append(Outcome(item.name, unchanged=True))
            else:
                if isinstance(item, Source) and item.raw_sha1 and published is None and lang is None:
                    read_sha1[item.name] = item.raw_sha1  # kept only for pages analysed as they are
                yield item

    def outcomes() -> Iterator[Outcome]:
        for out in run_pages(pipe, to_analyse(), workers=workers, published=published, lang=lang,
                             memory=memory):
            while skipped:
                yield skipped.pop(0)
            yield out
        yield from skipped

    def outcomes_seen() -> Iterator[Outcome]:
        for out in outcomes():
            sha1 = read_sha1.pop(out.name, None)
            if sha1 and out.article is not None:
                raw_sha1[out.article.id] = sha1
            yield out

    size = batch_size or pipe.config.batch_size
    return ingest_outcomes(store, outcomes_seen(), batch_size=size, on_step=on_step, stories=stories,
                           raw_sha1=raw_sha1)


def _stored_as_is(store: Store, item: Source, versions: list[tuple[str, str]]) -> bool:
    art_id = article_id(item)
    if not art_id.startswith("h") and store.stored_raw_sha1(art_id) != item.raw_sha1:
        return False  # identified by URL, and its bytes changed (or were never kept): analyse it
    stored = store.get_article(art_id)
    return stored is not None and [(p.stage, p.version) for p in stored.provenance] == versions


def read_records(paths: Iterable[str]) -> Iterator[Outcome]:
    """Article records from NDJSON files (``veille analyze --format ndjson``), a JSON array, or ``-``."""
    for path in paths:
        name = "<stdin>" if path == "-" else path
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield Outcome(name, error=InputError(name, "unreadable", f"cannot read the records file ({exc})"))
            continue
        yield from _records_in(name, text)


def _records_in(name: str, text: str) -> Iterator[Outcome]:
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            items = list(enumerate(json.loads(stripped), 1))
        except json.JSONDecodeError as exc:
            yield Outcome(name, error=InputError(name, "bad_record", f"not valid JSON ({exc.msg})"))
            return
        items = [(n, json.dumps(obj)) for n, obj in items]
    else:
        items = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    for n, line in items:
        where = f"{name}:{n}"
        try:
            art = Article.model_validate_json(line)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"]) or "record"
            msg = f"not an Article record: {loc}: {first['msg']}"
            yield Outcome(where, error=InputError(where, "bad_record", msg))
            continue
        bad = art.check_spans()
        if bad:
            yield Outcome(where, error=InputError(where, "bad_record", f"record {art.id}: {bad[0]}"))
            continue
        yield Outcome(where, article=art)
