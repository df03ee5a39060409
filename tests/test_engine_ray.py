"""``--engine ray``: on a local Ray (two actors), the records equal the single-process run's, in input
order, failures keep their reason, and storing the same pages twice stores each once (and places each in a
story, as a local ingest does)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

ray = pytest.importorskip("ray", reason="the Ray engine needs pip install 'veille[ray]'")

from veille.cli.main import cli  # noqa: E402
from veille.config import load_config  # noqa: E402
from veille.engine import ray_records, write_parquet  # noqa: E402
from veille.engine.ray_engine import holds_many_pages  # noqa: E402
from veille.parallel import WorkerMemory  # noqa: E402
from veille.pipeline import build_pipeline  # noqa: E402
from veille.sources import read_sources  # noqa: E402
from veille.store import open_store  # noqa: E402
from veille.store.synthetic import generate_pages  # noqa: E402


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ray-pages")
    for name, text in generate_pages(4, seed=23):
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "page-00001b.txt").write_text("Accueil\n\nMenu\n\nNewsletter\n", encoding="utf-8")  # no article
    (folder / "page-00002b.txt").write_bytes(b"%PDF-1.4\n")  # refused while reading its partition
    _, text = list(generate_pages(5, seed=29))[-1]  # a crawler's record: its title and outlet are kept
    (folder / "page-00003b.jsonl").write_text(json.dumps(
        {"text": text, "title": "A title the crawler gave", "site_name": "The Crawled Courier"}) + "\n")
    return folder


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_gives_the_single_process_records_in_input_order(pages, local_ray):
    config = load_config(batch_size=2)
    memory = WorkerMemory()
    on_ray = list(ray_records([str(pages)], workers=2, config=config, memory=memory))
    alone = list(build_pipeline(config).run(read_sources([str(pages)])))
    assert [o.name for o in on_ray] == [o.name for o in alone]
    assert [o.article.model_dump() if o.article else None for o in on_ray] == \
           [o.article.model_dump() if o.article else None for o in alone]
    given = [o.article for o in on_ray if o.article and o.article.site_name == "The Crawled Courier"]
    assert [a.title for a in given] == ["A title the crawler gave"]
    reasons = {Path(o.name).name: o.error.reason for o in on_ray if o.error}
    assert reasons == {"page-00001b.txt": "no_article", "page-00002b.txt": "not_text"}
    # each actor's batches reported its memory and clocks: every input counted once, on the actors' side
    assert sum(memory.pages.values()) == 7 and 1 <= len(memory.peak) <= 2
    assert all(100 < mib < 4096 for mib in memory.peak.values())
    assert all(c.wall >= 0 and c.cpu >= 0 for c in memory.steady())


def test_ray_reads_page_files_in_the_actors_with_the_single_process_records(tmp_path, local_ray):
    # page files only: the dataset is the actors alone, each reading the files of its batch (no reading
    # operator); the records, their order and a failure's reason are those of the single-process run,
    # and so are the Parquet rows the workers write themselves
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, text in generate_pages(5, seed=31):
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "page-00002b.html").write_bytes(b"")  # empty: refused with its reason, in its place
    config = load_config(batch_size=2)
    memory = WorkerMemory()
    on_ray = list(ray_records([str(folder)], workers=2, config=config, memory=memory))
    alone = list(build_pipeline(config).run(read_sources([str(folder)])))
    assert [o.name for o in on_ray] == [o.name for o in alone] and len(on_ray) == 6
    assert [o.article.model_dump() if o.article else None for o in on_ray] == \
           [o.article.model_dump() if o.article else None for o in alone]
    assert [(o.error.source, o.error.reason) for o in on_ray if o.error] == \
           [(o.error.source, o.error.reason) for o in alone if o.error] != []
    assert sum(memory.pages.values()) == 6  # every page analysed once, on the actors' side
    pq = pytest.importorskip("pyarrow.parquet")
    write_parquet([str(folder)], str(tmp_path / "parquet"), workers=2, config=config)
    table = pq.read_table(tmp_path / "parquet")
    rows = sorted(zip(table.column("name").to_pylist(), table.column("id").to_pylist(),
                      table.column("error_reason").to_pylist(), strict=True))
    assert rows == sorted((o.name, o.article.id if o.article else "", o.error.reason if o.error else "")
                          for o in alone)


def test_only_archives_and_record_files_hold_many_pages():
    many = ["a.warc.gz", "b.WARC", "c.arc.gz", "feed.jsonl", "d.jsonl.gz", "e.json"]
    one = ["page.html", "page.htm.gz", "note.txt", "x.gz", "warc.html"]
    assert all(holds_many_pages(p) for p in many)
    assert not any(holds_many_pages(p) for p in one)


def test_ray_ingest_twice_stores_each_page_once_and_writes_ndjson(pages, local_ray, tmp_path):
    db = str(tmp_path / "ray.sqlite")
    args = ["ingest", str(pages), "--engine", "ray", "--workers", "2", "--db", db, "--json"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 1, first.output  # two inputs failed
    assert json.loads(first.stdout)["ingested"] == 5
    assert "resident memory MiB" in first.stderr  # each actor's, as with --workers
    again = json.loads(CliRunner().invoke(cli, args).stdout)
    assert (again["ingested"], again["unchanged"], len(again["failed"])) == (0, 5, 2)
    with open_store(db) as store:
        assert store.count_articles() == 5
        assert all(a.story_id for a in store.list_articles(limit=10).items)  # placed, as a local run's
    out = tmp_path / "records.ndjson"
    res = CliRunner().invoke(cli, ["ingest", str(pages), "--engine", "ray", "--output", str(out)])
    assert res.exit_code == 1
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == 5
    with open_store(db) as store:
        assert all(store.get_article(i) is not None for i in ids)
