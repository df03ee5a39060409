"""Builds the stage list, checks what each stage requires against what earlier stages assign, and runs
pages through it one at a time or in batches.

A ``Work`` carries one page through a run: the record being filled, the decoded input, and the spaCy
``Doc`` (kept beside the record, never stored). Stages are small objects::

    class Shout(Stage):
        name, requires, assigns = "shout", ("text",), ("title",)
        def __call__(self, work):
            work.article.title = work.article.text[:20].upper()
            return work
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .config import Config, load_config
from .errors import InputError, PipelineError, VeilleError
from .record import Article, StageRun
from .sources import Source

log = logging.getLogger("veille")


@dataclass
class Work:
    """One page on its way through the pipeline."""

    source: Source
    article: Article
    config: Config
    doc: Any = None  # spaCy Doc of article.text, when a model exists for the language
    published_override: str | None = None
    lang_override: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)  # stage-to-stage hand-over that is not stored

    @classmethod
    def from_source(cls, source: Source, config: Config, published: str | None = None,
                    lang: str | None = None) -> Work:
        return cls(source=source, article=Article(id=article_id(source), source=source.name, url=source.url),
                   config=config, published_override=published, lang_override=lang)


def article_id(source: Source) -> str:
    """Stable id: hash of the normalised URL when there is one, else of the raw bytes."""
    if source.url:
        url = source.url.strip().split("#")[0].rstrip("/").lower()
        url = url.replace("://www.", "://").replace("http://", "https://")
        return "u" + hashlib.sha1(url.encode()).hexdigest()[:16]
    return "h" + source.raw_sha1[:16]


class Stage:
    """A step of the pipeline. ``requires`` and ``assigns`` name parts of the Work (``source``, ``text``,
    ``lang``, ``doc``, ``entities``...); ``pipe`` may be overridden for batch work (spaCy)."""

    name: ClassVar[str] = "stage"
    version: ClassVar[str] = "1"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __call__(self, work: Work) -> Work:
        raise NotImplementedError

    def pipe(self, works: list[Work]) -> list[Work]:
        return [self(w) for w in works]

    def models(self) -> list[str]:
        return []


@dataclass
class Outcome:
    """What happened to one input: an Article, or the error that stopped it; ``unchanged`` when a store
    already holds this very page analysed by the same stages, so it was not analysed again."""

    name: str
    article: Article | None = None
    error: InputError | None = None
    unchanged: bool = False


class Pipeline:
    """An ordered list of stages, checked once when built."""

    def __init__(self, stages: Iterable[Stage], config: Config | None = None):
        self.stages = list(stages)
        self.config = config or load_config()
        check_order(self.stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def analyze(self, source: Source, published: str | None = None, lang: str | None = None) -> Article:
        """Run one page; raise InputError when it cannot be processed."""
        outcome = next(self.run([source], published=published, lang=lang))
        if outcome.error:
            raise outcome.error
        assert outcome.article is not None
        return outcome.article

    def run(self, items: Iterable[Source | InputError], published: str | None = None, lang: str | None = None,
            on_done: Callable[[Outcome], None] | None = None) -> Iterator[Outcome]:
        """Run many pages in batches, yielding one Outcome per input in input order."""
        batch: list[Source | InputError] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.config.batch_size:
                yield from self._run_batch(batch, published, lang, on_done)
                batch = []
        if batch:
            yield from self._run_batch(batch, published, lang, on_done)

    def _run_batch(self, batch, published, lang, on_done) -> Iterator[Outcome]:
        outcomes: list[Outcome] = []
        live: list[tuple[int, Work]] = []
        for item in batch:
            if isinstance(item, InputError):
                outcomes.append(Outcome(item.source, error=item))
            else:
                outcomes.append(Outcome(item.name))
                live.append((len(outcomes) - 1, Work.from_source(item, self.config, published, lang)))
        for stage in self.stages:
            works = [w for _, w in live]
            if not works:
                break
            try:
                results: Sequence[Work | InputError] | None = stage.pipe(works)
            except InputError as err:  # a batch stage failing: retry page by page to find the culprit
                results = None
                log.debug("stage %s failed on a batch (%s); retrying one page at a time", stage.name, err)
            if results is None:
                results = [self._one(stage, w) for w in works]
            kept = []
            for (i, _), res in zip(live, results, strict=True):
                if isinstance(res, InputError):
                    outcomes[i].error = res
                else:
                    kept.append((i, res))
            live = kept
        for i, work in live:
            work.article.provenance = [StageRun(stage=s.name, version=s.version, models=s.models())
                                       for s in self.stages]
            outcomes[i].article = work.article
        for out in outcomes:
            if on_done:
                on_done(out)
            yield out

    @staticmethod
    def _one(stage: Stage, work: Work) -> Work | InputError:
        try:
            return stage(work)
        except InputError as err:
            return err
        except VeilleError as err:
            return InputError(work.source.name, "failed", f"stage {stage.name}: {err}")


def check_order(stages: list[Stage]) -> None:
    """Refuse a stage list where a stage requires something no earlier stage assigns."""
    have = {"source"}
    seen = set()
    for stage in stages:
        if stage.name in seen:
            raise PipelineError(f"stage {stage.name!r} appears twice in the pipeline")
        seen.add(stage.name)
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {missing}, which no earlier stage assigns; "
                f"available at that point: {sorted(have)}. Put the stage after the one that assigns it.")
        have.update(stage.assigns)


def default_stages(config: Config) -> list[Stage]:
    """The standard stage list, in order."""
    from .stages import registry

    return registry.build_default(config)


def build_pipeline(config: Config | None = None, stages: list[Stage] | None = None) -> Pipeline:
    config = config or load_config()
    return Pipeline(stages if stages is not None else default_stages(config), config)
