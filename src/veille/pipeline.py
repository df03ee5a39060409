"""Builds the stage list, checks what each stage requires against what earlier stages assign, and runs
pages through it one at a time or in batches. The stage contract (``Stage``, ``Work``) lives in
``veille.stage``; it is re-exported here for callers that build pipelines.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from .config import Config, load_config
from .errors import ConfigError, InputError, PipelineError, VeilleError
from .lang import supported
from .record import Article, StageRun
from .sources import Source
from .stage import Stage, Work, article_id

__all__ = ["Outcome", "Pipeline", "Stage", "Work", "article_id", "build_pipeline", "check_lang",
           "check_order", "default_stages"]

log = logging.getLogger("veille")


@dataclass
class Outcome:
    """What happened to one input: an Article, or the error that stopped it; ``unchanged`` when a store
    already holds this very page analysed by the same stages, so it was not analysed again."""

    name: str
    article: Article | None = None
    error: InputError | None = None
    unchanged: bool = False


class _Heap:
    """Python's cyclic garbage collector, settled once per process after the first batch: the models,
    the knowledge base and the caches the first pages fill are ~300,000 long-lived objects that every
    full collection would walk again (~0.1 s each, about once per 50 pages); ``gc.freeze`` moves them
    out of the collector's sight, as long-running servers do. A one-page run never pays for it."""

    def __init__(self) -> None:
        self.batches = 0
        self.settled = False

    def settle(self) -> None:
        if self.settled or self.batches == 0:
            return
        self.settled = True
        gc.collect()  # what the first batch left as garbage goes first: only live objects are frozen
        gc.freeze()


_HEAP = _Heap()


class Pipeline:
    """An ordered list of stages, checked once when built."""

    def __init__(self, stages: Iterable[Stage], config: Config | None = None):
        self.stages = list(stages)
        self.config = config or load_config()
        check_order(self.stages)
        self._batch_bugs: set[str] = set()  # stages whose batch path was reported broken (once each)

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
        """Run many pages in batches, yielding one Outcome per input in input order. A ``lang`` that is
        not a language veille can be told about raises ConfigError before any page is read."""
        lang = check_lang(lang, self.config)
        return self._run(items, published, lang, on_done)

    def _run(self, items, published, lang, on_done) -> Iterator[Outcome]:
        batch: list[Source | InputError] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.config.batch_size:
                _HEAP.settle()
                yield from self._run_batch(batch, published, lang, on_done)
                batch = []
                _HEAP.batches += 1
        if batch:
            _HEAP.settle()
            yield from self._run_batch(batch, published, lang, on_done)
            _HEAP.batches += 1

    def _run_batch(self, batch, published, lang, on_done) -> Iterator[Outcome]:
        from .stages.langid import forget_answers

        forget_answers()  # the language identifier's answers serve one batch (see _RecentAnswers)
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
                results: Sequence[Work | InputError] = stage.pipe(works)
            except Exception as err:  # a batch stage failing: retry page by page to find the culprit
                log.debug("stage %s failed on a batch (%r); retrying one page at a time", stage.name, err)
                results = [self._one(stage, w) for w in works]
                if stage.name not in self._batch_bugs and not any(isinstance(r, InputError) for r in results):
                    self._batch_bugs.add(stage.name)
                    # no page is the culprit: the batch path itself is wrong, and each batch of this
                    # stage will run page by page (slower): said once per pipeline
                    log.warning("stage %s failed on a batch of %d pages (%s: %s) but on none of them "
                                "alone: a bug in its batch path, please report it",
                                stage.name, len(works), type(err).__name__, err)
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
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except Exception as err:  # a bug or a library's surprise on one page must not cost its neighbours
            log.debug("stage %s failed on %s", stage.name, work.source.name, exc_info=True)
            return InputError(work.source.name, "failed",
                              f"stage {stage.name} failed on this page ({type(err).__name__}: {err}); "
                              "the other pages were processed — please report it with the page")


def check_lang(lang: str | None, config: Config) -> str | None:
    """``lang`` lower-cased when it is a language veille reads or one of the configured candidate
    languages (``languages``: text, language and metadata only); else ConfigError listing them."""
    if lang is None:
        return None
    code = lang.strip().lower()
    known = sorted(set(supported()) | set(config.languages))
    if code not in known:
        raise ConfigError(
            f"unknown language code {lang!r}: veille analyses {', '.join(supported())} fully and also "
            f"accepts the configured languages ({', '.join(known)}); add a code to 'languages' in the "
            f"configuration to accept it")
    return code


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
