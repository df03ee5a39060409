"""Progress of long commands: a rich bar (total, rate, ETA, "loading models…") on a terminal, and in a pipe
no bar at all, only the summary. The real ``veille`` executable runs with stderr on a pseudo-terminal."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from veille.cli.progress import LOADING, Progress, count_inputs
from veille.store.synthetic import generate_articles

VEILLE = Path(sys.executable).with_name("veille")
BAR = "━"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def records(tmp_path) -> Path:
    path = tmp_path / "records.ndjson"
    lines = [a.model_dump_json() + "\n" for a in generate_articles(6, seed=2)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _ingest(records: Path, db: Path) -> list[str]:
    return [str(VEILLE), "ingest", "--records", str(records), "--db", str(db)]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "TERM")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "160"}


def test_in_a_pipe_there_is_no_bar_only_the_summary(records, tmp_path):
    done = subprocess.run(_ingest(records, tmp_path / "v.sqlite"), capture_output=True, text=True, env=_env(),
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert BAR not in done.stderr and "\r" not in done.stderr and "\x1b[" not in done.stderr
    [summary] = done.stderr.splitlines()
    assert summary.startswith("veille: 6 ingested, 0 replaced, 0 unchanged, 0 failed → sqlite:")


def _on_terminal(command: list[str]) -> tuple[str, str, int]:
    """Run ``command`` with stderr on a pseudo-terminal: what the terminal showed, stdout, the exit code."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower, env=_env())
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(leader, 1 << 16)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    return seen.decode("utf-8", errors="replace"), out, proc.wait(timeout=60)


def test_on_a_terminal_the_bar_shows_total_rate_and_eta(records, tmp_path):
    shown, _, code = _on_terminal(_ingest(records, tmp_path / "v.sqlite"))
    assert code == 0
    assert BAR in shown and "6/6" in shown and "100%" in shown
    assert "pages/s" in shown and "ETA" in shown and "ingesting" in shown
    assert "6 ingested" in shown


def test_the_bar_says_it_is_loading_models_before_the_first_page():
    stream = _Terminal()
    progress = Progress(total=3, stream=stream)
    first = stream.getvalue()
    for _ in range(3):
        progress.step()
    progress.done()
    assert LOADING in first and BAR in first and "0/3" in first
    assert "3/3" in stream.getvalue() and stream.getvalue().rstrip().endswith("/s")


def test_rows_bound_for_a_pipe_stay_on_stdout_while_the_bar_is_drawn(capsys):
    stream = _Terminal()
    progress = Progress(total=1, stream=stream)
    print("a row of data")
    progress.step()
    progress.done()
    assert capsys.readouterr().out == "a row of data\n" and "a row of data" not in stream.getvalue()


@pytest.mark.slow
def test_analyze_on_a_terminal_draws_the_bar_and_keeps_its_rows_on_stdout():
    examples = Path(__file__).resolve().parents[1] / "src" / "veille" / "examples"
    pages = [str(examples / "fr-accord-peche.txt"), str(examples / "en-port-strike.txt")]
    shown, out, code = _on_terminal([str(VEILLE), "analyze", "--format", "csv", *pages])
    assert code == 0
    assert LOADING in shown and BAR in shown and "2/2" in shown and "veille: 2 pages (0 failed)" in shown
    assert [line.split(",")[0] for line in out.splitlines()][0] == "id" and len(out.splitlines()) == 3
    assert "id,title" not in shown


def test_a_pipe_gets_one_summary_line_with_plural_forms():
    stream = io.StringIO()
    progress = Progress(total=1, stream=stream)
    progress.step()
    progress.done()
    assert stream.getvalue().startswith("veille: 1 page (0 failed) in ")
    assert stream.getvalue().count("\n") == 1 and BAR not in stream.getvalue()


def test_totals_are_counted_as_the_reader_will_read_the_inputs(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    for name in ("a.html", "sub/b.txt", "notes.md"):
        (tmp_path / "d" / name).write_text("x", encoding="utf-8")
    (tmp_path / "pages.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n', encoding="utf-8")
    (tmp_path / "array.json").write_text('[{"text": "a"}]', encoding="utf-8")
    assert count_inputs([str(tmp_path / "d"), str(tmp_path / "pages.jsonl"), "missing.html"]) == 5
    assert count_inputs([str(tmp_path / "array.json")]) is None
    assert count_inputs(["-"]) is None and count_inputs(["https://news.example.org/feed.xml"]) is None
    assert count_inputs([str(tmp_path / "d"), str(tmp_path / "crawl.warc.gz")]) is None
    assert count_inputs([str(tmp_path / "pages.jsonl")], records=True) == 2
