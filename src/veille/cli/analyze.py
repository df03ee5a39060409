"""``veille analyze``: pages in, Article records out (text report, JSON or NDJSON)."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from ..api_functions import analyze_paths
from ..config import Config, load_config
from ..errors import ConfigError
from ..formats import TABLES, RowWriter
from ..parallel import WorkerMemory, default_workers
from ..pipeline import Outcome, check_lang
from ..record import Article
from .formats import format_option
from .progress import pages_progress
from .report import text_report


def valid_date(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from exc


def workers_option(f):
    """``--workers N``: analyse in N processes (``veille.parallel``), the cores by default."""
    return click.option("--workers", type=click.IntRange(min=1), default=default_workers,
                        show_default="the cores", help="Worker processes analysing pages (each loads the "
                        "models once); the output keeps the input order.")(f)


def report_memory(memory: WorkerMemory) -> None:
    """The workers' memory on stderr, when there were workers."""
    if memory.peak:
        click.echo(f"veille: {memory.summary()}", err=True)


def checked_lang(lang: str | None, config: Config) -> str | None:
    """The ``--lang`` option checked against the languages veille knows (a usage error otherwise)."""
    try:
        return check_lang(lang, config)
    except ConfigError as err:
        raise click.BadParameter(str(err), param_hint="'--lang'") from err


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=valid_date, metavar="YYYY-MM-DD",
              help="Publication date to use (overrides what the page says); anchors relative dates.")
@click.option("--lang", metavar="CODE", help="Language of the pages (skips detection), e.g. fr or en.")
@format_option("text: a readable report; json: one record (an array for several inputs); ndjson: one "
               "record per line, in input order; csv / tsv: one line per page with its counts (the "
               "articles table of docs/formats.md).")
@click.option("--max-bytes", type=click.IntRange(min=1), help="Refuse inputs larger than this.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (TOML).")
@workers_option
@click.pass_context
def analyze_cmd(ctx, paths, published, lang, fmt, max_bytes, config_path, workers) -> None:
    """Analyse news pages: PATH is a file (.html .htm .txt .gz .jsonl .json), a directory (read
    recursively) or - for standard input.

    \b
    Examples:
      veille analyze page.html
      veille analyze --format ndjson pages/ > records.ndjson
      curl -s https://example.org/article | veille analyze - --format json
    """
    config = load_config(config_path, max_bytes=max_bytes)
    lang = checked_lang(lang, config)
    failed = 0
    records: list[str] = []
    progress = pages_progress(paths)
    table = RowWriter(sys.stdout, fmt, TABLES["articles"]) if fmt in ("csv", "tsv") else None
    memory = WorkerMemory()
    for out in analyze_paths(paths, published=published, lang=lang, config=config, workers=workers,
                             memory=memory):
        progress.step(out)
        if out.error:
            failed += 1
            click.echo(f"veille: {out.error.source}: {out.error.message} [{out.error.reason}]", err=True)
            continue
        _emit(out, fmt, records, table)
    progress.done()
    if table is not None:
        table.close()
    report_memory(memory)
    if fmt == "json":
        if len(records) == 1:
            sys.stdout.write(records[0] + "\n")
        elif records:
            sys.stdout.write("[\n" + ",\n".join(records) + "\n]\n")
    ctx.exit(1 if failed else 0)


def article_row(art: Article) -> dict:
    """One analysed page as a row of the articles table (what a stored article's summary holds)."""
    return {"id": art.id, "title": art.title, "url": art.url, "site_name": art.site_name,
            "source": art.source, "published": art.published, "lang": art.lang,
            "n_words": len(art.text.split()),
            "n_entities": len(art.entities), "n_quotes": len(art.quotes), "n_events": len(art.events)}


def _emit(out: Outcome, fmt: str, records: list[str], table: RowWriter | None) -> None:
    art = out.article
    assert art is not None
    if table is not None:
        table.write(article_row(art))
    elif fmt == "ndjson":
        sys.stdout.write(art.model_dump_json() + "\n")
        sys.stdout.flush()
    elif fmt == "json":
        records.append(json.dumps(art.model_dump(mode="json"), ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(text_report(art) + "\n")
