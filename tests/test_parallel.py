"""``--workers N``: records from worker processes equal the single-process run's, in input order; a page
that fails inside a worker keeps its one-line reason; one writer stores every page once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from veille.cli.main import cli
from veille.config import load_config
from veille.parallel import WorkerMemory, default_workers, run_pages
from veille.pipeline import build_pipeline
from veille.sources import read_sources
from veille.store import open_store
from veille.store.synthetic import generate_pages

#: Furniture only: the extract stage refuses it (no_article) inside the worker that gets it.
_NO_ARTICLE = "Accueil\n\nMenu\n\nSe connecter\n\nNewsletter\n"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    for name, text in generate_pages(7, seed=11):
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "page-00003b.txt").write_text(_NO_ARTICLE, encoding="utf-8")
    (folder / "page-00005b.txt").write_bytes(b"\x89PNG\r\n\x1a\n")  # refused at the door, in the parent
    return folder


def _run(folder: Path, workers: int, memory: WorkerMemory | None = None) -> list:
    config = load_config(batch_size=2)  # 9 inputs: five batches, so two workers really share them
    pipe = build_pipeline(config)
    return list(run_pages(pipe, read_sources([str(folder)], config.max_bytes), workers=workers,
                          memory=memory))


@pytest.fixture(scope="module")
def single(pages):
    return _run(pages, 1)


@pytest.fixture(scope="module")
def parallel(pages):
    memory = WorkerMemory()
    return _run(pages, 2, memory), memory


def test_workers_give_the_single_process_records_in_input_order(single, parallel):
    outs, _ = parallel
    assert [o.name for o in outs] == [o.name for o in single]
    assert [o.article.model_dump() if o.article else None for o in outs] == \
           [o.article.model_dump() if o.article else None for o in single]
    assert sum(1 for o in outs if o.article) == 7


def test_a_page_failing_in_a_worker_keeps_its_reason(parallel):
    outs, _ = parallel
    failed = {Path(o.name).name: o.error for o in outs if o.error}
    assert set(failed) == {"page-00003b.txt", "page-00005b.txt"}
    assert failed["page-00003b.txt"].reason == "no_article"
    assert "no article text" in failed["page-00003b.txt"].message
    assert failed["page-00005b.txt"].reason == "not_text"


def test_each_worker_reports_its_memory(parallel):
    _, memory = parallel
    assert len(memory.peak) == 2
    assert all(100 < mib < 4096 for mib in memory.peak.values())
    assert "2 workers" in memory.summary()


def test_too_few_pages_for_two_batches_run_in_this_process(pages):
    memory = WorkerMemory()
    pipe = build_pipeline(load_config())  # batch of 32: nine inputs do not fill two
    outs = list(run_pages(pipe, read_sources([str(pages)]), workers=2, memory=memory))
    assert len(outs) == 9 and not memory.peak


def test_default_workers_is_the_cores_this_process_may_use():
    assert 1 <= default_workers()


def test_ingest_with_workers_stores_every_page_once(pages, tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_BATCH_SIZE", "2")
    db = str(tmp_path / "w.sqlite")
    res = CliRunner().invoke(cli, ["ingest", str(pages), "--db", db, "--workers", "2", "--json"])
    assert res.exit_code == 1, res.output  # two inputs failed
    summary = json.loads(res.stdout)
    assert summary["ingested"] == 7 and len(summary["failed"]) == 2
    assert "2 workers, resident memory" in res.stderr
    with open_store(db) as store:
        assert store.count_articles() == 7


def test_a_worker_killed_mid_run_loses_and_repeats_nothing(pages, single):
    import os
    import signal

    config = load_config(batch_size=2)
    memory = WorkerMemory()
    outs = []
    for out in run_pages(build_pipeline(config), read_sources([str(pages)]), workers=2, memory=memory):
        if not outs:  # the first batch is back: one worker is known, kill it under the batches it holds
            os.kill(next(iter(memory.peak)), signal.SIGKILL)
        outs.append(out)
    assert len(memory.peak) >= 3  # the pool broke and a new one took the killed worker's batches
    assert [o.name for o in outs] == [o.name for o in single]
    assert [o.article.model_dump() if o.article else None for o in outs] == \
           [o.article.model_dump() if o.article else None for o in single]
