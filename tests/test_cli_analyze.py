"""``veille analyze`` from the outside: formats, inputs, exit codes and bad inputs.

Most tests run the command in process with click's CliRunner (the spaCy models stay loaded for the
session); a few run the installed ``veille`` executable to check the real entry point (stdin, exit codes,
no traceback).
"""

from __future__ import annotations

import gzip
import json
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from veille.cli.main import cli
from veille.record import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "veille" / "examples"
FR_TXT = EXAMPLES / "fr-accord-peche.txt"
EN_TXT = EXAMPLES / "en-port-strike.txt"
FR_HTML = EXAMPLES / "fr-crue-rhone.html"
EN_HTML = EXAMPLES / "en-tariff-talks.html"
NO_ARTICLE = Path(__file__).parent / "fixtures" / "pages" / "en-headlines-only.html"
VEILLE = Path(sys.executable).parent / "veille"


def run(*args: str, input: bytes | str | None = None):
    """Run ``veille ARGS`` in process; stdout and stderr are kept apart."""
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def stderr_lines(result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.strip() and " pages (" not in ln]


def png_bytes() -> bytes:
    """A real 1×1 PNG, built here (signature, IHDR, IDAT, IEND)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


# ---------------------------------------------------------------- formats


def test_text_format_prints_a_readable_report():
    result = run("analyze", str(FR_TXT))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Pêche : Paris et Londres concluent un accord provisoire" in out
    assert "PARIS" in out and "fr" in out
    content, _, furniture = out.partition("Removed furniture: ")
    assert "Quotes (" in content and "Text" in content  # content first, furniture last, as a count
    assert furniture.split(" (")[0].endswith("pieces") and "unrelated insert" in furniture
    assert not result.stdout.lstrip().startswith("{")


def test_json_format_gives_one_valid_record():
    result = run("analyze", "--format", "json", str(EN_HTML))
    assert result.exit_code == 0, result.stderr
    art = Article.model_validate_json(result.stdout)
    assert art.lang == "en" and art.source and art.source.endswith("en-tariff-talks.html")
    assert art.schema_version and not art.check_spans()


def test_json_format_gives_an_array_for_several_inputs():
    result = run("analyze", "--format", "json", str(FR_TXT), str(EN_TXT))
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [Path(r["source"]).name for r in records] == [FR_TXT.name, EN_TXT.name]


def test_ndjson_keeps_input_order_and_names_each_source():
    order = [EN_TXT, FR_HTML, FR_TXT, EN_HTML]
    result = run("analyze", "--format", "ndjson", *map(str, order))
    assert result.exit_code == 0, result.stderr
    records = [Article.model_validate_json(line) for line in result.stdout.splitlines()]
    assert [Path(r.source or "").name for r in records] == [p.name for p in order]
    assert [r.lang for r in records] == ["en", "fr", "fr", "en"]


def test_published_option_sets_the_date():
    result = run("analyze", "--format", "json", "--published", "2026-02-10", str(FR_TXT))
    assert json.loads(result.stdout)["published"] == "2026-02-10"


def test_stdin_dash_reads_the_page(tmp_path):
    result = run("analyze", "--format", "json", "-", input=EN_TXT.read_bytes())
    assert result.exit_code == 0, result.stderr
    art = Article.model_validate_json(result.stdout)
    assert art.text.startswith("LONDON (Reuters) - Thousands of dock workers")
    assert art.source and "stdin" in art.source


# ---------------------------------------------------------------- directories and containers


def _page_tree(root: Path) -> list[str]:
    """A folder with every accepted kind of file, nested, plus files that must be ignored."""
    (root / "sub" / "deeper").mkdir(parents=True)
    shutil.copy(FR_HTML, root / "a.html")
    shutil.copy(EN_HTML, root / "sub" / "b.htm")
    shutil.copy(FR_TXT, root / "sub" / "deeper" / "c.txt")
    (root / "d.txt.gz").write_bytes(gzip.compress(EN_TXT.read_bytes()))
    rec = {"url": "https://example.org/e", "text": EN_TXT.read_text(encoding="utf-8")}
    (root / "sub" / "e.jsonl").write_text(json.dumps(rec) + "\n" + json.dumps(
        {"url": "https://example.org/f", "html": FR_HTML.read_text(encoding="utf-8")}) + "\n")
    (root / "g.json").write_text(json.dumps([{"url": "https://example.org/g", "text": FR_TXT.read_text()}]))
    (root / "notes.md").write_text("# not a page\n")
    (root / "logo.png").write_bytes(png_bytes())
    return ["a.html", "d.txt.gz", "g.json", "b.htm", "e.jsonl", "e.jsonl", "c.txt"]


def test_directory_is_read_recursively_with_every_page_kind(tmp_path):
    expected = _page_tree(tmp_path)
    result = run("analyze", "--format", "ndjson", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(expected)
    names = sorted(Path(r["source"].split(":")[0]).name for r in records)
    assert names == sorted(expected)
    urls = {r["url"] for r in records if r["url"]}
    assert {"https://example.org/e", "https://example.org/f", "https://example.org/g"} <= urls


# ---------------------------------------------------------------- exit codes and usage errors


@pytest.mark.parametrize("args", [
    ["analyze", "--published", "2026-13-45", "x.txt"],
    ["analyze", "--published", "yesterday", "x.txt"],
    ["analyze", "--format", "xml", "x.txt"],
    ["analyze"],
    ["analyze", "--max-bytes", "0", "x.txt"],
])
def test_usage_errors_exit_2_with_a_message(args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    line, = result.stderr.strip().splitlines()  # one line: the command, what is wrong, where the help is
    assert line.startswith("veille analyze: ") and line.endswith("(see 'veille analyze --help')"), line


@pytest.mark.parametrize("command", ["analyze", "quotes", "events", "ingest"])
def test_unknown_language_code_is_a_usage_error_listing_the_codes(command, tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Le conseil municipal a voté mardi le budget de la ville pour l'année prochaine.\n")
    args = [command, str(page), "--lang", "zzz"]
    if command == "ingest":
        args += ["--db", str(tmp_path / "s.sqlite")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "'zzz'" in result.stderr and "en, fr" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "s.sqlite").exists()  # refused before a store is opened


def test_language_code_is_case_insensitive():
    result = run("analyze", "--lang", "FR", "--format", "json", str(FR_HTML))
    assert result.exit_code == 0 and json.loads(result.stdout)["lang"] == "fr"


def test_bad_published_message_names_the_expected_form():
    result = CliRunner().invoke(cli, ["analyze", "--published", "25/11/2026", "x.txt"])
    assert "YYYY-MM-DD" in result.stderr and "25/11/2026" in result.stderr


# ---------------------------------------------------------------- bad inputs


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (path, words the error line must hold)."""
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "image.png").write_bytes(png_bytes())
    (tmp / "garbage.txt").write_bytes(bytes(range(128, 256)) * 16)
    (tmp / "big.txt").write_bytes(FR_TXT.read_bytes() * 4)
    shutil.copy(NO_ARTICLE, tmp / "headlines.html")
    return {
        "empty": (tmp / "empty.txt", "empty"),
        "png": (tmp / "image.png", "PNG"),
        "garbage": (tmp / "garbage.txt", "encoding"),
        "too_large": (tmp / "big.txt", "limit"),
        "no_article": (tmp / "headlines.html", "no article"),
        "missing": (tmp / "nowhere.txt", "no such file"),
    }


@pytest.mark.parametrize("case", ["empty", "png", "garbage", "too_large", "no_article", "missing"])
def test_bad_input_gives_one_clear_line_and_the_others_are_still_processed(tmp_path, case):
    path, words = _bad_inputs(tmp_path)[case]
    result = run("analyze", "--format", "ndjson", "--max-bytes", "5000", str(FR_TXT), str(path), str(EN_TXT))
    assert result.exit_code == 1
    lines = stderr_lines(result)
    assert len(lines) == 1, lines
    assert str(path) in lines[0] and words.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in result.stderr
    sources = [Path(json.loads(ln)["source"]).name for ln in result.stdout.splitlines()]
    assert sources == [FR_TXT.name, EN_TXT.name]


def test_a_few_invalid_utf8_bytes_are_replaced_and_noted(tmp_path):
    page = tmp_path / "broken.txt"
    page.write_bytes(FR_TXT.read_bytes().replace(b"Royaume-Uni", b"Royaume\xff\xfeUni", 1))
    result = run("analyze", "--format", "json", str(page))
    assert result.exit_code == 0, result.stderr
    art = Article.model_validate_json(result.stdout)
    assert "Royaume\ufffd\ufffdUni" in art.text or "Royaume\ufffdUni" in art.text
    assert any("invalid UTF-8" in n for n in art.notes), art.notes


def test_directory_with_one_bad_file_among_good_ones(tmp_path):
    shutil.copy(FR_TXT, tmp_path / "1.txt")
    (tmp_path / "2.html").write_bytes(png_bytes())
    shutil.copy(EN_TXT, tmp_path / "3.txt")
    result = run("analyze", "--format", "ndjson", str(tmp_path))
    assert result.exit_code == 1
    lines = stderr_lines(result)
    assert len(lines) == 1 and "2.html" in lines[0] and "PNG" in lines[0]
    assert [Path(json.loads(ln)["source"]).name for ln in result.stdout.splitlines()] == ["1.txt", "3.txt"]


def test_empty_directory_is_reported(tmp_path):
    result = run("analyze", str(tmp_path))
    assert result.exit_code == 1
    assert str(tmp_path) in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- the installed executable


@pytest.mark.skipif(not VEILLE.exists(), reason=f"needs the installed executable at {VEILLE}")
def test_executable_reads_stdin_and_reports_bad_inputs_without_traceback(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = subprocess.run([str(VEILLE), "analyze", "--format", "ndjson", "-", str(tmp_path / "empty.txt")],
                          input=EN_TXT.read_bytes(), capture_output=True, timeout=300)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "Traceback" not in err and "empty.txt" in err
    records = [json.loads(ln) for ln in proc.stdout.decode().splitlines()]
    assert len(records) == 1 and records[0]["lang"] == "en"


@pytest.mark.skipif(not VEILLE.exists(), reason=f"needs the installed executable at {VEILLE}")
def test_executable_usage_error_exits_2():
    proc = subprocess.run([str(VEILLE), "analyze", "--format", "yaml", "x"], capture_output=True, timeout=120)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr and b"yaml" in proc.stderr


# ---------------------------------------------------------------- arbitrary input: a record or a refusal

_SNIPPETS = ["<p>", "</p>", "<html>", "<div class='menu'>", "Lire aussi :", "PARIS (AFP) -", "« ", " »",
             "“", "”", "Le gouvernement a annoncé mardi un plan.", "The minister said on Tuesday.", "\n\n",
             " | Site", "\x00", "\ufffd", "é", "2026-03-14", "Accept cookies"]


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.one_of(st.binary(max_size=600),
                 st.lists(st.sampled_from(_SNIPPETS), max_size=40).map(lambda xs: "".join(xs).encode())))
def test_any_bytes_give_a_record_or_a_typed_refusal(data):
    import veille

    try:
        art = veille.analyze_bytes(data, name="<hypothesis>")
    except veille.InputError as err:
        assert err.source == "<hypothesis>" and err.reason and err.message
        return
    assert art.text and art.check_spans() == []


def test_a_records_title_and_outlet_win_over_what_extraction_finds(tmp_path):
    """A crawler's JSONL gives each page's title and outlet: the records keep them (a text page's first line
    would otherwise be its title, an HTML page's <title> and site name); a record without them keeps the
    extracted ones. The pages are the repository's own examples."""
    given = {"title": "Titre donné par le robot", "site_name": "Le Journal inventé"}
    lines = [json.dumps({"text": EN_TXT.read_text(encoding="utf-8"), **given}),
             json.dumps({"html": FR_HTML.read_text(encoding="utf-8"), **given}),
             json.dumps({"text": EN_TXT.read_text(encoding="utf-8"), "title": "  ", "site_name": 3})]
    (tmp_path / "crawl.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("analyze", "--format", "ndjson", str(tmp_path / "crawl.jsonl"))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["title"], r["site_name"]) for r in records[:2]] == [tuple(given.values())] * 2
    assert records[2]["title"] and records[2]["title"] != given["title"]
    assert records[2]["site_name"] != given["site_name"]
