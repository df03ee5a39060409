"""One formatter for every list: ``--format text|json|ndjson|csv|tsv`` on each listing command, every
format read back (json, the csv module), nested fields flattened as docs/formats.md says."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from veille.cli.main import cli
from veille.formats import FORMATS, TABLES, Table, cell, describe_tables, flatten, render
from veille.store import ArticleSummary, EntitySummary, EventView, QuoteView, open_store
from veille.store.synthetic import generate_articles

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "veille" / "examples"
LISTING = ("analyze", "search", "quotes", "events", "entity")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def parse(fmt: str, out: str) -> list[dict]:
    """Rows read back from a command's stdout in ``fmt``."""
    if fmt == "json":
        data = json.loads(out)
        return data if isinstance(data, list) else [data]
    if fmt == "ndjson":
        return [json.loads(line) for line in out.splitlines()]
    return list(csv.DictReader(io.StringIO(out), delimiter="\t" if fmt == "tsv" else ","))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("formats") / "v.sqlite")
    with open_store(path) as store:
        store.put_many(list(generate_articles(12, seed=5)))
    return path


# ---------------------------------------------------------------- the formatter itself


def test_nested_fields_flatten_to_dotted_columns_and_lists_join():
    row = {"a": {"b": 1, "c": {"d": None}}, "tags": ["x", "y"], "spans": [[0, 3]], "ok": True}
    assert flatten(row) == {"a.b": "1", "a.c.d": "", "tags": "x; y", "spans": "[[0,3]]", "ok": "true"}
    assert cell([]) == "" and cell(0.5) == "0.5"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_awkward_values_survive_a_round_trip_through_the_csv_module(fmt):
    table = Table("t", 1, ("text", "who.name"))
    awkward = 'un «mot», puis "guillemets",\ttab\net ligne'
    out = render([{"text": awkward, "who": {"name": "Zoé d'Arc"}}, {"text": "", "who": None}], fmt, table)
    rows = parse(fmt, out)
    assert rows == [{"text": awkward, "who.name": "Zoé d'Arc"}, {"text": "", "who.name": ""}]


def test_json_is_one_array_even_when_empty_and_ndjson_one_object_a_line():
    table = Table("t", 1, ("n",))
    assert json.loads(render([], "json", table)) == []
    assert json.loads(render([{"n": 1}, {"n": 2}], "json", table)) == [{"n": 1}, {"n": 2}]
    assert render([{"n": 1}, {"n": 2}], "ndjson", table) == '{"n": 1}\n{"n": 2}\n'


def test_text_needs_a_line_function():
    with pytest.raises(ValueError, match="choose one of json"):
        render([{"n": 1}], "text", Table("t", 1, ("n",)))


@pytest.mark.parametrize(("table", "model"), [("articles", ArticleSummary), ("quotes", QuoteView),
                                              ("events", EventView), ("entities", EntitySummary)])
def test_every_declared_column_is_a_field_of_the_rows_it_exports(table, model):
    fields = set()
    for name, info in model.model_fields.items():
        sub = getattr(info.annotation, "__args__", (info.annotation,))[0]
        nested = getattr(sub, "model_fields", None)
        fields |= {f"{name}.{f}" for f in nested} if nested else {name}
    assert set(TABLES[table].columns) <= fields, set(TABLES[table].columns) - fields


def test_docs_list_every_table_with_its_version():
    doc = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    assert describe_tables() in doc, "docs/formats.md is stale: paste veille.formats.describe_tables()"


# ---------------------------------------------------------------- the commands


def test_every_listing_command_offers_the_same_formats():
    ctx = click.Context(cli)
    for name in LISTING:
        command = cli.get_command(ctx, name)  # commands load lazily: ask the group, not its dict
        assert command is not None, name
        option = next(p for p in command.params if p.name == "fmt")
        assert tuple(option.type.choices) == FORMATS, name


@pytest.mark.parametrize("fmt", FORMATS)
def test_search_rows_are_the_same_articles_in_every_format(db, fmt):
    result = run("search", "concerne", "--db", db, "--limit", "4", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "text":
        assert result.stdout.count("syn0") == 4
        return
    rows = parse(fmt, result.stdout)
    assert len(rows) == 4 and all(r["id"].startswith("syn") for r in rows)
    if fmt in ("csv", "tsv"):
        assert list(rows[0]) == list(TABLES["articles"].columns)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_stored_quotes_flatten_the_speaker(db, fmt):
    result = run("quotes", "--db", db, "--speaker", "doubenko", "--format", fmt)
    assert result.exit_code == 0, result.output
    rows = parse(fmt, result.stdout)
    names = {r["speaker.name"] if fmt != "json" else r["speaker"]["name"] for r in rows}
    assert rows and names == {"Yaroslav Dubenko"}


def test_stored_events_in_csv_join_their_aux_and_name_each_party(db):
    result = run("events", "--db", db, "--format", "csv")
    rows = parse("csv", result.stdout)
    assert rows and list(rows[0]) == list(TABLES["events"].columns)
    assert all(r["type"] and r["actor.name"] for r in rows)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "ndjson"])
def test_entity_lists_each_match_as_a_row(db, fmt):
    result = run("entity", "doubenko", "--db", db, "--format", fmt)
    assert result.exit_code == 0, result.output
    rows = parse(fmt, result.stdout)
    ids = [r["id"] if fmt != "ndjson" else r["entity"]["id"] for r in rows]
    assert ids == ["Q1004"]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_analyze_gives_one_row_per_page_with_its_counts(fmt):
    pages = [EXAMPLES / "fr-accord-peche.txt", EXAMPLES / "en-port-strike.txt"]
    result = run("analyze", "--format", fmt, *map(str, pages))
    assert result.exit_code == 0, result.output
    rows = parse(fmt, result.stdout)
    assert [Path(r["source"]).name for r in rows] == [p.name for p in pages]
    assert [r["lang"] for r in rows] == ["fr", "en"] and all(int(r["n_quotes"]) > 0 for r in rows)


def test_page_quotes_and_events_read_back_from_csv():
    page = str(EXAMPLES / "en-port-strike.txt")
    quotes = parse("csv", run("quotes", page, "--format", "csv").stdout)
    assert quotes and all(r["kind"] in ("direct", "indirect", "mixed") and r["text"] for r in quotes)
    events = parse("tsv", run("events", page, "--format", "tsv").stdout)
    assert events and list(events[0]) == list(TABLES["page_events"].columns) and events[0]["type"]


def test_every_evaluation_offers_the_formats_and_writes_its_rows_with_their_floors(capsys):
    import click

    from veille.cli.eval import eval_group, show_table
    from veille.eval.common import Row

    for name, command in eval_group.commands.items():
        option = next(p for p in command.params if p.name == "format")
        assert tuple(option.type.choices) == FORMATS, name
    rows = [Row("gold-a", "f1", 0.91234, 10, 0.9), Row("gold-b", "recall", 0.5, None, 0.6)]
    with click.Context(eval_group.commands["langid"]) as ctx:
        ctx.meta["veille.eval.format"] = "csv"
        assert show_table(rows) is False  # the second floor is broken
    got = parse("csv", capsys.readouterr().out)
    assert got == [
        {"dataset": "gold-a", "metric": "f1", "value": "0.9123", "n": "10", "floor": "0.9", "ok": "true"},
        {"dataset": "gold-b", "metric": "recall", "value": "0.5", "n": "", "floor": "0.6", "ok": "false"}]
