"""The pipeline on Ray Data: ``veille ingest --engine ray [--address ray://head:10001]``.

The inputs are cut into partitions — one per input file: a WARC archive, a JSONL file, a page — read on
the cluster through the same source readers as a local run (``veille.sources.read_sources``, so every
format it learns is read here too), then analysed by ``map_batches`` over a pool of actors, each holding
one pipeline (models loaded once per actor). Rows come back to the driver in input order, where one writer
stores them (SQLite or PostgreSQL, idempotent by article id) or writes NDJSON; or each block is written as
Parquet by the cluster itself.

A record crosses the cluster as its versioned JSON (``Article.model_dump_json``), the form the store and
the API move, so the records equal a single-process run's. When a worker dies mid-run Ray restarts its
actor and runs the lost batch again; the driver reads each row once and the store keys articles by id, so
a retried batch neither loses nor duplicates a page.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..config import Config, load_config
from ..errors import ConfigError, InputError
from ..parallel import WorkerMemory, in_memory_zones, resident_mib
from ..pipeline import Outcome, build_pipeline, check_lang
from ..record import Article
from ..sources import PAGE_SUFFIXES, Source, read_sources

log = logging.getLogger("veille")

RAY_MISSING = "the Ray engine needs Ray Data: pip install 'veille[ray]'"

#: Source fields carried in a row (strings; ``notes`` as a JSON list), plus the error of an unreadable input.
_SOURCE_FIELDS = ("name", "text", "kind", "url", "published", "title", "site_name", "encoding", "raw_sha1")


def partitions(paths: Iterable[str]) -> list[str]:
    """One partition per input file, in input order: a directory gives its page files sorted (as a local
    run reads them); standard input cannot be spread over a cluster."""
    out: list[str] = []
    for item in paths:
        if item == "-":
            raise ConfigError("the Ray engine reads files (pages, JSONL, WARC), not standard input: save it "
                              "to a file first, or use the local engine")
        path = Path(item)
        if path.is_dir():
            out += sorted(str(p) for p in path.rglob("*")
                          if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES))
        else:
            out.append(str(path))
    return out


def ray_records(paths: Iterable[str], *, workers: int = 2, config: Config | None = None,
                published: str | None = None, lang: str | None = None, address: str | None = None,
                memory: WorkerMemory | None = None) -> Iterator[Outcome]:
    """One Outcome per input page, in input order, analysed by ``workers`` actors on Ray (a local Ray
    started for the run unless ``address`` names a cluster, or Ray is already initialised). With
    ``memory``, every actor's batches report its resident memory and its clocks into it (as
    ``veille.parallel``'s workers do)."""
    config = config or load_config()
    lang = check_lang(lang, config)
    ds = _dataset(paths, workers, config, published, lang, address, clocks=memory is not None)
    for row in ds.iter_rows():
        if memory is not None and row["actor_pages"]:
            memory.add(int(row["actor_pid"]), float(row["actor_rss"]), float(row["actor_cpu"]),
                       int(row["actor_pages"]), float(row["actor_wall"]))
        yield _outcome(row)


def write_parquet(paths: Iterable[str], folder: str, *, workers: int = 2, config: Config | None = None,
                  published: str | None = None, lang: str | None = None, address: str | None = None) -> None:
    """Every analysed page as a Parquet row (``id``, ``name``, ``record`` JSON, error columns), written by
    the cluster's workers into ``folder`` without passing through the driver."""
    config = config or load_config()
    _dataset(paths, workers, config, published, check_lang(lang, config), address).write_parquet(folder)


# ---------------------------------------------------------------- the dataset


def _dataset(paths: Iterable[str], workers: int, config: Config, published: str | None, lang: str | None,
             address: str | None, clocks: bool = False):
    ray, data = _ray()
    files = partitions(paths)
    if not ray.is_initialized():
        ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                 log_to_driver=False, ignore_reinit_error=True)
    ctx = data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # the output keeps input order
    ctx.enable_progress_bars = False  # veille draws its own (and Ray's logged theirs every 10 s)
    # blocks of one batch of files each: an actor's task is a block, so with many files to a block (four
    # blocks per actor before) one actor could be left with a long block while the other idled (a 7 s tail
    # on 96 pages), and Ray queues two blocks per actor ahead; one batch per block keeps both busy to the
    # end (2 s). Never fewer than a few blocks per actor.
    blocks = max(1, min(len(files), max(4 * workers, -(-len(files) // config.batch_size))))
    items = data.from_items([{"path": p} for p in files], override_num_blocks=blocks)
    analyzer = {"config": config, "published": published, "lang": lang, "clocks": clocks}
    # Ray Data restarts a dead actor and retries its batch (max_restarts and max_task_retries default to
    # -1 for actor pools); the driver reads each output row once, so a retry neither loses nor repeats a page
    if not any(holds_many_pages(p) for p in files):
        return _read_by_actors(data, items, workers, analyzer)
    # an archive or a JSONL file is read by a task of its own, whose pages Ray cuts into blocks (up to
    # 128 MiB each) that go to whichever actor is free: one big archive is not left to one actor.
    # Reading is light beside the analysis: it reserves no CPU, so the actors can hold them all, and a
    # few reading tasks at a time are enough (without a bound Ray starts one process per partition)
    rows = items.flat_map(_read_partition, fn_kwargs={"max_bytes": config.max_bytes}, num_cpus=0,
                          compute=data.TaskPoolStrategy(size=max(1, workers // 4)))
    return rows.map_batches(_Analyzer, batch_size=config.batch_size, num_cpus=1, batch_format="numpy",
                            compute=data.ActorPoolStrategy(size=workers), fn_constructor_kwargs=analyzer)


def _read_by_actors(data, items, workers: int, analyzer: dict[str, Any]):
    """Page files only (one page each): every actor reads the files of its block itself, so the dataset
    is one operator, not a reading operator feeding the actors. Ray Data's scheduling loop in the driver
    costs by the operator and by the task it tracks, and every reading task is a worker lease through
    the raylet: with two actors the driver falls from 0.080 to 0.049 of a core and the raylet from 0.021
    to 0.013 (``benchmarks/bench_ray_overhead.py``). With one operator there is nothing for Ray Data to
    reserve resources between, so its reservation bookkeeping (``op_resource_reservation_enabled``,
    documented in ``DataContext``; ~15 % of the loop) is off — on this dataset's context only."""
    items.context.op_resource_reservation_enabled = False  # the dataset's own copy, not the global context
    return items.map_batches(_Analyzer, batch_size=None, num_cpus=1, batch_format="numpy",
                             compute=data.ActorPoolStrategy(size=workers),
                             fn_constructor_kwargs={**analyzer, "reads": True})


def holds_many_pages(path: str) -> bool:
    """A WARC/ARC archive or a JSONL/JSON file of records (gzipped or not): a partition of many pages,
    which an actor should not hold alone. Anything else is one page file."""
    from ..readers.warc import is_archive_name

    name = path.lower()
    return is_archive_name(name) or name.removesuffix(".gz").endswith((".jsonl", ".json"))


def _ray():
    try:
        import ray
        import ray.data
    except ImportError as err:
        raise ConfigError(RAY_MISSING) from err
    return ray, ray.data


def _read_partition(row: dict[str, Any], max_bytes: int) -> list[dict[str, str]]:
    """Runs on the cluster: the pages of one input file, as rows."""
    return [_row(item) for item in read_sources([row["path"]], max_bytes)]


def _row(item: Source | InputError) -> dict[str, str]:
    if isinstance(item, InputError):
        return {**dict.fromkeys(_SOURCE_FIELDS, ""), "name": item.source, "notes": "[]",
                "error_reason": item.reason, "error_message": item.message}
    fields = {f: getattr(item, f) or "" for f in _SOURCE_FIELDS}
    return {**fields, "notes": json.dumps(item.notes), "error_reason": "", "error_message": ""}


def _source(row: dict[str, Any]) -> Source | InputError:
    if row["error_reason"]:
        return InputError(str(row["name"]), str(row["error_reason"]), str(row["error_message"]))
    return Source(name=str(row["name"]), text=str(row["text"]), kind=str(row["kind"]), url=row["url"] or None,
                  published=row["published"] or None, title=row["title"] or None,
                  site_name=row["site_name"] or None, encoding=str(row["encoding"]),
                  notes=json.loads(row["notes"]), raw_sha1=str(row["raw_sha1"]))


class _Analyzer:
    """A Ray actor: one pipeline, built once, analysing batch after batch — of pages read by a reading
    task, or with ``reads``, of page files it reads itself (``path`` column). With ``clocks``, the first
    row of each batch also carries the actor's process id, resident memory, CPU seconds and wall time when
    the batch ended, and the batch's size (``actor_*`` columns: zero on the other rows)."""

    def __init__(self, config: Config, published: str | None, lang: str | None, clocks: bool = False,
                 reads: bool = False):
        self.pipe = build_pipeline(config)
        self.published, self.lang, self.clocks, self.reads = published, lang, clocks, reads

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        items: list[Source | InputError]
        if self.reads:
            items = list(read_sources([str(p) for p in batch["path"]], self.pipe.config.max_bytes))
        else:
            items = [_source({k: batch[k][i] for k in batch}) for i in range(len(batch["name"]))]
        out: dict[str, list[str]] = {"name": [], "id": [], "record": [], "error_source": [],
                                     "error_reason": [], "error_message": []}
        for o in in_memory_zones(self.pipe, items, published=self.published, lang=self.lang):
            out["name"].append(o.name)
            out["id"].append(o.article.id if o.article else "")
            out["record"].append(o.article.model_dump_json() if o.article else "")
            err = o.error
            out["error_source"].append(err.source if err else "")
            out["error_reason"].append(err.reason if err else "")
            out["error_message"].append(err.message if err else "")
        if self.clocks:
            out.update(_clock_columns(len(out["name"])))
        return out


def _clock_columns(rows: int) -> dict[str, list]:
    """This actor's report for a batch of ``rows`` rows, on its first row."""
    report = {"actor_pid": os.getpid(), "actor_rss": resident_mib(), "actor_cpu": time.process_time(),
              "actor_wall": time.time(), "actor_pages": rows}
    return {name: [value] + [type(value)(0)] * (rows - 1) if rows else [] for name, value in report.items()}


def _outcome(row: dict[str, Any]) -> Outcome:
    if row["error_reason"]:
        return Outcome(str(row["name"]), error=InputError(str(row["error_source"]), str(row["error_reason"]),
                                                          str(row["error_message"])))
    return Outcome(str(row["name"]), article=Article.model_validate_json(row["record"]))


def ingest_with_ray(store, paths: Iterable[str], *, output: str | None = None, workers: int = 2,
                    config: Config | None = None, published: str | None = None, lang: str | None = None,
                    address: str | None = None, batch_size: int | None = None, on_step=None,
                    stories: bool = True, memory: WorkerMemory | None = None):
    """``veille ingest --engine ray``: pages analysed on Ray, stored by this process alone (``store``), or
    written to ``output`` instead — an ``.ndjson`` file in input order, else a Parquet folder written by
    the workers. Returns the IngestSummary (for output: written pages count as ingested). Stored pages are
    placed in stories as in a local run (``stories=False``: ``veille ingest --no-stories``); ``memory``
    gathers each actor's resident memory (not with Parquet output, which never reaches this process)."""
    from ..store import IngestSummary, ingest_outcomes

    config = config or load_config()
    if output and not output.endswith(".ndjson"):
        write_parquet(paths, output, workers=workers, config=config, published=published, lang=lang,
                      address=address)
        return IngestSummary()
    outcomes = ray_records(paths, workers=workers, config=config, published=published, lang=lang,
                           address=address, memory=memory)
    if output is None:
        return ingest_outcomes(store, outcomes, batch_size=batch_size or config.batch_size, on_step=on_step,
                               stories=stories)
    summary = IngestSummary()
    with open(output, "w", encoding="utf-8") as out:
        for o in outcomes:
            if o.article is not None:
                out.write(o.article.model_dump_json() + "\n")
                summary.ingested += 1
            elif o.error is not None:
                summary.failed.append((o.error.source, o.error.reason, o.error.message))
            if on_step:
                on_step(o)
    return summary
