"""``veille stories`` and ``veille story ID`` as an analyst reads them: every format carries the same
counts (csv/tsv included), the text lines say what is unknown instead of printing "?", and a bad id or
store is one line with its exit code. The story is the invented tram story of tests/fixtures/stories, told
by a named outlet, a site known only by its address and two text files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from veille.cli.main import cli
from veille.record import Article, Quote, Span
from veille.store import open_store
from veille.stories.online import place_pages

_TRAM = {p["key"]: p for p in (json.loads(line) for line in (
    Path(__file__).parent / "fixtures" / "stories" / "pages.jsonl").read_text("utf-8").splitlines())}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def tram(tmp_path_factory) -> tuple[str, str]:
    """A store holding the tram story (four pages, two of them of unknown outlet); (path, story id)."""
    fr, en = _TRAM["tram-fr"], _TRAM["tram-en"]
    pages = [
        Article(id="tram-named", url=fr["url"], title=fr["title"], text=fr["text"], lang="fr",
                published=fr["published"], site_name=fr["site_name"]),
        Article(id="tram-hosted", url="https://www.rade-info.example/tram-b", title=en["title"],
                text=en["text"], lang="en", published="2031-03-03"),
        Article(id="tram-filed", source="/srv/inbox/tram-ligne-b.txt", text=fr["text"], lang="fr",
                published="2031-03-03"),
        Article(id="tram-piped", source="-", text=en["text"], lang="en", published="2031-03-04"),
    ]
    said, who = "This line changes life for 40,000 residents", "a crowd of several hundred people"
    at, by = en["text"].index(said), en["text"].index(who)
    pages[1].quotes = [Quote(start=at, end=at + len(said), text=said, kind="direct",
                             speaker_mention=Span(start=by, end=by + len(who), text=who))]
    path = str(tmp_path_factory.mktemp("stories") / "v.sqlite")
    with open_store(path) as store:
        store.put_many(pages)
        placed = {p.story_id for p in place_pages(store, pages)}
    assert len(placed) == 1, placed
    return path, placed.pop()


@pytest.mark.parametrize("fmt, sep", [("csv", ","), ("tsv", "\t")])
def test_stories_csv_and_tsv_count_the_pages_of_unknown_outlet(tram, fmt, sep):
    db, story_id = tram
    result = run("stories", "--db", db, "--format", fmt)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=sep))
    assert [r["id"] for r in rows] == [story_id]
    assert rows[0]["unknown_outlets"] == "2"
    assert sorted(rows[0]["sites"].split("; ")) == ["Ouest Demain", "rade-info.example"]


def test_stories_json_and_csv_agree(tram):
    db, _ = tram
    whole = json.loads(run("stories", "--db", db, "--format", "json").stdout)[0]
    row = next(csv.DictReader(io.StringIO(run("stories", "--db", db, "--format", "csv").stdout)))
    assert str(whole["unknown_outlets"]) == row["unknown_outlets"]
    assert str(whole["n_articles"]) == row["n_articles"] == "4"


def test_stories_text_line_names_outlets_and_unknown_sources(tram):
    db, story_id = tram
    result = run("stories", "--db", db)
    assert result.exit_code == 0
    line = result.stdout.strip()
    assert line.startswith(story_id)
    assert "4 articles" in line and "2 outlets + 2 pages of unknown source" in line
    assert "fr, en" in line or "en, fr" in line
    assert result.stderr.strip() == "veille: 1 of 1 story"


def test_story_text_has_no_question_marks_for_unknown_data(tram):
    db, story_id = tram
    result = run("story", story_id, "--db", db)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "tram-ligne-b.txt" in text  # the file name stands for the missing outlet
    assert "standard input" in text    # the piped page, neither a site nor a file
    assert " ?: " not in text and "[?]" not in text
    articles = text.split("\nArticles\n")[1].split("\n\n")[0].splitlines()
    assert len(articles) == 4
    assert [line.split()[0] for line in articles] == sorted(line.split()[0] for line in articles)  # by date


def test_story_quotes_say_who_is_not_identified_and_cite_the_outlet(tram):
    db, story_id = tram
    text = run("story", story_id, "--db", db).stdout
    said = text.split("\nWho said what\n")[1].splitlines()
    assert said[0] == "  a crowd of several hundred people (not identified)"
    assert said[1] == ("    “This line changes life for 40,000 residents”  — rade-info.example, 2031-03-03 "
                       "(tram-hosted)")  # English marks, the outlet by its host, the date


def test_story_unknown_id_is_one_line_and_exit_1(tram):
    db, _ = tram
    result = run("story", "s-nope", "--db", db)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "veille: no story 's-nope' in the store (list them with `veille stories`)"]


def test_stories_on_a_missing_store_is_a_usage_error(tmp_path):
    result = run("stories", "--db", str(tmp_path / "none.sqlite"))
    assert result.exit_code == 2
    line, = result.stderr.strip().splitlines()  # one line, not click's four
    assert line.startswith("veille stories: no store at ") and "none.sqlite" in line
    assert line.endswith("(see 'veille stories --help')")


@pytest.mark.parametrize("args, says", [
    (["stories", "--format", "xml"], "veille stories: Invalid value for '--format'"),
    (["story"], "veille story: Missing argument 'STORY_ID'"),
    (["stories", "--bogus"], "veille stories: No such option '--bogus'"),
    (["nosuch"], "veille: No such command 'nosuch'"),
])
def test_usage_errors_are_one_line_with_exit_2(args, says):
    result = run(*args)
    assert result.exit_code == 2
    line, = result.stderr.strip().splitlines()
    assert line.startswith(says), line


def test_top_help_gives_every_command_one_whole_line():
    from veille.cli.main import COMMANDS, SHORT_HELP

    result = run("--help")
    assert result.exit_code == 0
    listed = result.stdout.split("Commands:\n")[1].splitlines()
    assert [line.split()[0] for line in listed] == sorted(COMMANDS)  # one line each: nothing wrapped
    for line in listed:
        name, said = line.split(None, 1)
        assert said == SHORT_HELP[name] and not said.endswith("..."), line  # not cut mid-sentence


def test_no_stories_says_why(tram, tmp_path):
    from veille.store import open_store

    empty = str(tmp_path / "empty.sqlite")
    open_store(empty).close()
    result = run("stories", "--db", empty)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith("veille: no stories in the store yet: `veille ingest PAGES`")
    filtered = run("stories", "--db", tram[0], "--lang", "de")
    assert filtered.stderr.strip() == "veille: no story matches --since/--entity/--lang"
