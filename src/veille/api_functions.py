"""The library's front door: analyse a path, bytes, a string, or many paths."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from .config import Config, load_config
from .errors import InputError
from .parallel import WorkerMemory, run_pages
from .pipeline import Outcome, Pipeline, build_pipeline
from .record import Article
from .sources import read_sources, source_from_bytes, source_from_text


@cache
def _default_pipeline() -> Pipeline:
    return build_pipeline(load_config())


def _pipeline(config: Config | None) -> Pipeline:
    return build_pipeline(config) if config else _default_pipeline()


def analyze(page: str | bytes | Path, *, published: str | None = None, lang: str | None = None,
            config: Config | None = None) -> Article:
    """Analyse one page given as a path, raw bytes, or decoded text (HTML or plain)."""
    if isinstance(page, Path) or (isinstance(page, str) and "\n" not in page and Path(page).is_file()):
        outcome = next(analyze_paths([str(page)], published=published, lang=lang, config=config))
        if outcome.error:
            raise outcome.error
        assert outcome.article
        return outcome.article
    if isinstance(page, bytes):
        return analyze_bytes(page, published=published, lang=lang, config=config)
    if isinstance(page, str):
        return analyze_text(page, published=published, lang=lang, config=config)
    raise TypeError(f"analyze() takes a path, bytes or str, not {type(page).__name__}")


def analyze_text(text: str, *, name: str = "<text>", url: str | None = None, published: str | None = None,
                 lang: str | None = None, config: Config | None = None) -> Article:
    return _pipeline(config).analyze(source_from_text(name, text, url=url), published=published, lang=lang)


def analyze_bytes(data: bytes, *, name: str = "<bytes>", url: str | None = None, published: str | None = None,
                  lang: str | None = None, config: Config | None = None) -> Article:
    cfg = config or load_config()
    return _pipeline(config).analyze(source_from_bytes(name, data, max_bytes=cfg.max_bytes, url=url),
                                     published=published, lang=lang)


def analyze_paths(paths: Iterable[str], *, published: str | None = None, lang: str | None = None,
                  config: Config | None = None, workers: int = 1,
                  memory: WorkerMemory | None = None) -> Iterator[Outcome]:
    """One Outcome per input page (files, directories, ``-``), in input order; errors do not stop the run.
    ``workers`` > 1 analyses in that many processes (``veille.parallel``); ``memory`` collects theirs."""
    pipe = _pipeline(config)
    yield from run_pages(pipe, read_sources(paths, pipe.config.max_bytes), workers=workers,
                         published=published, lang=lang, memory=memory)


__all__ = ["analyze", "analyze_bytes", "analyze_paths", "analyze_text", "InputError"]
