"""Ingestion end to end: ``veille ingest`` through the pipeline and from records, idempotence, changed
pages, failures with reasons, and a kill -9 in the middle of a 200-article ingest."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from veille.cli.main import cli
from veille.store import open_store
from veille.store.synthetic import generate_articles, generate_pages


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def pages(tmp_path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, text in generate_pages(5, seed=3):
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    return folder


def test_ingest_pages_twice_stores_each_once_and_reports_failures(pages, tmp_path, analyze):
    db = str(tmp_path / "v.sqlite")
    first = run("ingest", str(pages), "--db", db)
    assert first.exit_code == 1  # one input failed
    assert "5 ingested, 0 replaced, 0 unchanged, 1 failed" in first.stderr
    assert "empty.txt" in first.stderr and "[empty]" in first.stderr
    again = run("ingest", str(pages), "--db", db, "--json")
    summary = json.loads(again.stdout)
    assert (summary["ingested"], summary["unchanged"], len(summary["failed"])) == (0, 5, 1)
    with open_store(db) as store:
        assert store.count_articles() == 5
        assert store.search("terrain entente").total == 5


def test_a_changed_page_replaces_its_earlier_version(tmp_path, analyze):
    db, src = str(tmp_path / "v.sqlite"), tmp_path / "feed.jsonl"
    page = {"url": "https://example.org/a",
            "text": "PARIS - Le maire a inauguré mardi un pont sur la Seine.\n"}
    src.write_text(json.dumps(page) + "\n", encoding="utf-8")
    assert run("ingest", str(src), "--db", db).exit_code == 0
    page["text"] = page["text"].replace("un pont", "une passerelle")
    src.write_text(json.dumps(page) + "\n", encoding="utf-8")
    assert "0 ingested, 1 replaced" in run("ingest", str(src), "--db", db).stderr
    with open_store(db) as store:
        assert store.count_articles() == 1
        assert store.search("passerelle").total == 1 and store.search("pont").total == 0


def test_records_ingest_refuses_bad_lines_with_a_reason(tmp_path):
    src, db = tmp_path / "records.ndjson", str(tmp_path / "v.sqlite")
    good = [a.model_dump_json() for a in generate_articles(3)]
    src.write_text("\n".join([good[0], '{"id": 1}', good[1], "not json", good[2]]) + "\n", encoding="utf-8")
    result = run("ingest", "--records", str(src), "--db", db)
    assert result.exit_code == 1
    assert "3 ingested" in result.stderr and result.stderr.count("[bad_record]") == 2
    assert "records.ndjson:2" in result.stderr


def test_search_and_entity_commands_read_the_store(tmp_path):
    db = str(tmp_path / "v.sqlite")
    with open_store(db) as store:
        store.put_many(list(generate_articles(20)))
    found = run("search", "concerne", "--db", db, "--limit", "3", "--format", "ndjson")
    assert found.exit_code == 0 and len(found.stdout.splitlines()) == 3
    assert run("search", "(((", "--db", db).exit_code == 2
    entity = run("entity", "iaroslav doubenko", "--db", db)
    assert entity.exit_code == 0 and entity.stdout.startswith("Yaroslav Dubenko [PER] Q1004")
    assert run("entity", "Nobody Known", "--db", db).exit_code == 1


def test_events_command_reads_the_store_with_db(tmp_path):
    db = str(tmp_path / "v.sqlite")
    with open_store(db) as store:
        store.put_many(list(generate_articles(30)))
    out = run("events", "--db", db, "--actor", "Iaroslav Doubenko", "--format", "ndjson")
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and all("Q1004" in (r["actor"]["id"], r["recipient"]["id"]) for r in rows)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert run("events", "--db", db, "some/page.html").exit_code == 2


def test_quotes_command_reads_the_store_with_db(tmp_path):
    db = str(tmp_path / "v.sqlite")
    with open_store(db) as store:
        store.put_many(list(generate_articles(10)))
    out = run("quotes", "--db", db, "--speaker", "doubenko", "--kind", "direct", "--format", "ndjson")
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and {r["speaker"]["name"] for r in rows} == {"Yaroslav Dubenko"}
    assert run("quotes", "--db", db, "--kind", "indirect").stdout == ""


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _veille() -> list[str]:
    script = Path(sys.executable).with_name("veille")
    return [str(script)] if script.exists() else [sys.executable, "-m", "veille.cli.main"]


def test_kill_9_mid_ingest_then_rerun_gives_exactly_200_complete_articles(tmp_path):
    src, db = tmp_path / "records.ndjson", tmp_path / "v.sqlite"
    records = list(generate_articles(200, quotes_per_article=30, seed=7))
    src.write_text("".join(a.model_dump_json() + "\n" for a in records), encoding="utf-8")
    cmd = [*_veille(), "ingest", "--records", str(src), "--db", str(db), "--batch-size", "4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    at_kill = _count(db)
    assert 0 < at_kill < 200, f"the kill should land mid-ingest, found {at_kill} articles"
    assert at_kill % 4 == 0  # whole batches only

    rerun = subprocess.run([*cmd, "--json"], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert (summary["unchanged"], summary["ingested"]) == (at_kill, 200 - at_kill)
    with open_store(str(db)) as store:
        assert store.count_articles() == 200
        for a in records[:: 23]:
            got = store.get_article(a.id)  # read back with the story it was placed in (if the kill let it)
            assert got.model_copy(update={"story_id": None}) == a
        assert store.quotes().total == 200 * 30
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
        per_article = conn.execute("SELECT a.n_quotes, count(q.pk) FROM articles a LEFT JOIN quotes q "
                                   "ON q.article_id = a.id GROUP BY a.id").fetchall()
        assert all(expected == got == 30 for expected, got in per_article)


def test_rerun_skips_analysis_of_pages_stored_byte_for_byte(pages, tmp_path, analyze):
    from veille.store import ingest_paths

    db = str(tmp_path / "skip.sqlite")
    with open_store(db) as store:
        first = ingest_paths(store, [str(pages)])
        seen = []
        again = ingest_paths(store, [str(pages)], on_step=seen.append)
    assert (first.ingested, again.ingested, again.unchanged) == (5, 0, 5)
    # the five stored pages came back without being analysed; the empty one still fails with its reason
    assert sum(o.unchanged for o in seen) == 5 and all(o.article is None for o in seen)
    assert [o.error.reason for o in seen if o.error] == ["empty"]


def test_cli_rerun_does_not_analyse_pages_stored_byte_for_byte(pages, tmp_path, analyze, monkeypatch):
    """``veille ingest`` run again after a crash or on the same folder analyses only what is not stored."""
    from veille.pipeline import Pipeline

    db = str(tmp_path / "cli-skip.sqlite")
    assert run("ingest", str(pages), "--db", db).exit_code == 1  # the empty page fails
    analysed: list[str] = []
    real = Pipeline._run_batch

    def counting(self, batch, *args):
        analysed.extend(getattr(item, "name", None) or getattr(item, "source", "?") for item in batch)
        return real(self, batch, *args)

    monkeypatch.setattr(Pipeline, "_run_batch", counting)
    summary = json.loads(run("ingest", str(pages), "--db", db, "--json").stdout)
    assert (summary["ingested"], summary["unchanged"]) == (0, 5)
    assert len(analysed) == 1 and analysed[0].endswith("empty.txt")  # only the failed page went through


def test_a_full_disk_stops_the_ingest_with_one_line_and_keeps_what_was_committed(tmp_path):
    """SQLite's page limit stands in for a full disk: the same SQLITE_FULL error, raised mid-ingest."""
    from veille.errors import StoreFullError
    from veille.pipeline import Outcome
    from veille.store import ingest_outcomes

    db = tmp_path / "full.sqlite"
    store = open_store(str(db))
    articles = list(generate_articles(60, seed=5))
    ingest_outcomes(store, [Outcome(a.id, article=a) for a in articles[:5]], batch_size=5)
    pages = store._conn().execute("PRAGMA page_count").fetchone()[0]
    store._conn().execute(f"PRAGMA max_page_count = {pages + 40}")
    with pytest.raises(StoreFullError) as err:
        ingest_outcomes(store, [Outcome(a.id, article=a) for a in articles[5:]], batch_size=5)
    message = str(err.value)
    assert "is full" in message and "run the same command again" in message and "\n" not in message
    kept = store.count_articles()
    assert 5 <= kept < 60
    store.close()
    with sqlite3.connect(db) as conn:  # intact: every stored article is whole, the file checks clean
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == kept


def test_a_mistyped_db_path_is_an_error_not_an_empty_store(tmp_path):
    missing_folder = tmp_path / "no-such-folder" / "v.sqlite"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(missing_folder)])
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not missing_folder.parent.exists()
    for args in (["search", "budget"], ["entity", "Paris"], ["quotes", "--speaker", "X"], ["events"]):
        absent = tmp_path / "absent.sqlite"
        result = CliRunner().invoke(cli, [*args, "--db", str(absent)])
        assert result.exit_code == 2 and f"no store at {absent}" in result.stderr, (args, result.output)
        assert not absent.exists()
