"""The README keeps its word: every ``veille`` line of its "Use" and "workbench" sections runs on the example
pages shipped in src/veille/examples and answers something (a store command finds rows, not "0 results")."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from veille.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("## Use", "## The workbench")
#: Lines that need what a test cannot give: a server, a PostgreSQL address, the shared corpus.
NOT_HERE = re.compile(r"veille (serve|demo|eval)\b|postgresql://")


def readme_lines() -> list[str]:
    """The shell lines of the README sections, in order (comments kept: shlex drops them)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = []
    for title in SECTIONS:
        section = text[text.index(title):]
        section = section[:section.find("\n## ", 1)]
        for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S):
            lines += [ln for ln in block.splitlines() if ln.strip() and not NOT_HERE.search(ln)]
    return lines


def run_line(line: str, env: dict[str, str]) -> tuple[int, str, str]:
    """Run one README line: ``cat FILE |`` feeds stdin, ``|`` chains veille commands, ``> FILE`` writes."""
    words = shlex.split(line, comments=True)
    target = None
    if ">" in words:
        words, target = words[:words.index(">")], words[words.index(">") + 1]
    stdin: bytes | None = None
    code, out, err = 0, "", ""
    for part in " ".join(shlex.quote(w) if w != "|" else "|" for w in words).split(" | "):
        args = shlex.split(part)
        if args[0] == "cat":
            stdin = Path(args[1]).read_bytes()
            continue
        assert args[0] == "veille", line
        result = CliRunner(env=env).invoke(cli, args[1:], input=stdin, catch_exceptions=False)
        code, out, err = result.exit_code, result.stdout, result.stderr
        stdin = out.encode()
    if target:
        Path(target).write_text(out, encoding="utf-8")
    return code, out, err


@pytest.mark.slow
def test_every_readme_example_answers_on_the_shipped_pages(tmp_path, monkeypatch):
    (tmp_path / "src").symlink_to(ROOT / "src")
    monkeypatch.chdir(tmp_path)
    env = {"VEILLE_DB": str(tmp_path / "store.sqlite")}
    lines = readme_lines()
    assert len(lines) >= 12, lines
    for line in lines:
        code, out, err = run_line(line, env)
        assert code == 0, f"{line}\n{err}"
        if " ingest " in f" {line} ":
            assert " 0 failed" in err and ("ingested" in err or "unchanged" in err), f"{line}\n{err}"
            continue
        rows = [ln for ln in out.splitlines() if ln.strip()]  # what went to stdout (or to the > file)
        header = 1 if "--format csv" in line or "--format tsv" in line else 0
        assert len(rows) > header, f"{line}: {out!r}"
        assert "0 results" not in err and " 0 articles" not in err, f"{line}\n{err}"
