"""``veille quotes``: listing quotes with speakers, the speaker filter in any spelling, bad input."""

from __future__ import annotations

import json

from click.testing import CliRunner

from veille.cli.main import cli
from veille.cli.quotes import fold_name


def test_quotes_cli_speaker_in_another_language(corpus):
    seed = str(corpus / "seed" / "article.txt")
    runner = CliRunner()
    by_fr = runner.invoke(cli, ["quotes", seed, "--speaker", "Poutine", "--kind", "direct",
                                "--format", "ndjson"])
    by_en = runner.invoke(cli, ["quotes", seed, "--speaker", "vladimir putin", "--kind", "direct",
                                "--format", "ndjson"])
    assert by_fr.exit_code == 0 and by_en.exit_code == 0
    rows = [json.loads(line) for line in by_fr.stdout.splitlines()]
    assert len(rows) == 5 and {r["speaker_name"] for r in rows} == {"Vladimir Putin"}
    assert by_fr.stdout == by_en.stdout


def test_quotes_cli_unknown_speaker_lists_nothing(corpus):
    seed = str(corpus / "seed" / "article.txt")
    out = CliRunner().invoke(cli, ["quotes", seed, "--speaker", "Nobody Here"])
    assert out.exit_code == 0 and out.stdout == ""


def test_quotes_cli_missing_file_is_reported(tmp_path):
    out = CliRunner().invoke(cli, ["quotes", str(tmp_path / "absent.txt")])
    assert out.exit_code == 1
    assert "absent.txt" in out.stderr


def test_quotes_cli_empty_speaker_is_a_usage_error(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Un texte court.", encoding="utf-8")
    out = CliRunner().invoke(cli, ["quotes", str(page), "--speaker", "  "])
    assert out.exit_code == 2


def test_quotes_fold_name_ignores_accents_case_and_hyphens():
    assert fold_name("Recep Tayyip Erdoğan") == fold_name("recep tayyip erdogan")
    assert fold_name("Jean-Luc") == fold_name("jean luc")
