"""``veille search`` keeps its small promises: a date range says how many undated articles it left out,
counts are written with their plural forms, and a reversed range is a usage error."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from veille.cli.main import cli
from veille.cli.words import plural
from veille.store import open_store
from veille.store.synthetic import generate_articles


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """Ten articles dated 2023-01-01 … 2023-01-10, of which the 2nd, 5th and 8th lost their date."""
    path = str(tmp_path_factory.mktemp("search") / "v.sqlite")
    articles = list(generate_articles(10, seed=4))
    for i in (1, 4, 7):
        articles[i] = articles[i].model_copy(update={"published": None})
    with open_store(path) as store:
        store.put_many(articles)
    return path


def test_a_date_range_says_how_many_undated_articles_it_left_out(db):
    result = run("search", "concerne", "--db", db, "--from", "2023-01-03", "--to", "2023-01-09",
                 "--format", "ndjson")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 5  # the 3rd, 4th, 6th, 7th and 9th days
    assert result.stderr.strip() == "veille: 5 articles match; 3 undated articles left out by --from/--to"


def test_one_bound_is_enough_and_one_article_is_singular(db):
    result = run("search", "concerne", "--db", db, "--from", "2023-01-10")
    assert result.stderr.strip() == "veille: 1 article matches; 3 undated articles left out by --from/--to"


def test_without_dates_nothing_is_said_about_undated_articles(db):
    result = run("search", "concerne", "--db", db)
    assert result.stderr.strip() == "veille: 10 articles match"


def test_a_reversed_range_is_a_usage_error(db):
    result = CliRunner().invoke(cli, ["search", "concerne", "--db", db, "--from", "2023-02-01", "--to",
                                      "2023-01-01"])
    assert result.exit_code == 2 and "is after --to" in result.output


@pytest.mark.parametrize(("n", "noun", "said"), [(0, "page", "0 pages"), (1, "page", "1 page"),
                                                 (2, "entity", "2 entities"), (1, "entity", "1 entity"),
                                                 (3, "undated article", "3 undated articles")])
def test_counts_take_the_plural_they_need(n, noun, said):
    assert plural(n, noun) == said
