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


def test_each_worker_reports_its_clocks(parallel):
    _, memory = parallel
    assert sum(memory.pages.values()) == 9  # every input went through a worker, the refused one too
    clocks = memory.steady()
    assert len(clocks) == 2
    assert sum(c.pages for c in clocks) == 9 - sum(first for _, first in memory.first_cpu.values())
    assert all(c.wall >= 0 and c.cpu >= 0 for c in clocks)


def test_steady_state_leaves_each_workers_first_batch_out_whatever_order_reports_come_in():
    memory = WorkerMemory()
    # worker 7: batches of 4 pages ending at 100 s, 102 s, 104 s of its clock (CPU 10, 11.5, 13 s);
    # worker 8: 4 pages at 101 s, then 2 at 102 s; reports arrive out of order, as Ray's rows may
    memory.add(7, 500.0, 11.5, 4, 102.0)
    memory.add(8, 510.0, 9.0, 4, 101.0)
    memory.add(7, 505.0, 10.0, 4, 100.0)
    memory.add(7, 507.0, 13.0, 4, 104.0)
    memory.add(8, 512.0, 10.0, 2, 102.0)
    seven, eight = memory.steady()
    assert (seven.pid, seven.pages, seven.cpu, seven.wall) == (7, 8, 3.0, 4.0)
    assert (eight.pid, eight.pages, eight.cpu, eight.wall) == (8, 2, 1.0, 1.0)
    assert seven.rate == 2.0 and eight.rate == 2.0 and memory.steady_rate() == 4.0
    assert memory.steady_cpu_per_page() == 4.0 / 10
    assert memory.first == {7: 505.0, 8: 510.0} and memory.peak == {7: 507.0, 8: 512.0}


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
