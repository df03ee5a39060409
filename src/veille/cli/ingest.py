"""``veille ingest``: pages (or ready-made records) into the store, with progress and a summary."""

from __future__ import annotations

import json
import sys

import click

from ..config import load_config
from ..errors import ConfigError
from ..parallel import WorkerMemory
from ..store import IngestSummary, ingest_outcomes, ingest_paths, open_store, read_records
from .analyze import checked_lang, report_memory, valid_date, workers_option
from .priority import nice_option
from .progress import Progress, count_inputs

DB_HELP = "Store: a file path, sqlite:///path or postgresql://… (default: db in the configuration, " \
          "$VEILLE_DB, else veille.sqlite in the data directory)."


def open_cli_store(db: str | None, config=None, *, must_exist: bool = False):
    """The store for a command: a bad ``--db`` (missing folder, no store to read, unknown URL) is a usage
    error (exit 2) with the store's own message."""
    try:
        return open_store(db, config, must_exist=must_exist)
    except ConfigError as err:
        raise click.UsageError(str(err)) from err


def db_option(f):
    """The ``--db URL`` option every store-backed command shares."""
    return click.option("--db", "db", metavar="URL", envvar="VEILLE_DB", help=DB_HELP)(f)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--records", is_flag=True,
              help="PATHS hold Article records (NDJSON from `veille analyze --format ndjson`), not pages.")
@click.option("--published", callback=valid_date, metavar="YYYY-MM-DD", help="Publication date to use.")
@click.option("--lang", metavar="CODE", help="Language of the pages (skips detection).")
@click.option("--batch-size", type=click.IntRange(min=1),
              help="Articles per transaction (default: batch_size in the configuration).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.option("--no-stories", "no_stories", is_flag=True,
              help="Do not place pages in stories now (later: `veille stories --recluster`).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (TOML).")
@workers_option
@nice_option
@click.option("--engine", type=click.Choice(("local", "ray")), default="local", show_default=True,
              help="local: worker processes on this machine; ray: Ray Data actors on a cluster "
                   "(pip install 'veille[ray]'; docs/scale.md).")
@click.option("--address", metavar="ADDRESS", help="With --engine ray: the cluster (auto, ray://head:10001); "
              "default a local Ray.")
@click.option("--output", metavar="PATH", help="With --engine ray: write the records to PATH instead of the "
              "store (a .ndjson file in input order, else a Parquet folder).")
@click.pass_context
def ingest_cmd(ctx, paths, db, records, published, lang, batch_size, as_json, no_stories, config_path,
               workers, engine, address, output) -> None:
    """Analyse news pages and keep them in the store. PATH is a file, a directory or - for stdin.

    The same page twice is stored once; a page whose content changed replaces its earlier version.
    Each stored page is then placed in a story (copies folded under their original, translations
    linked), unless --no-stories.
    Articles are committed in batches: an interrupted ingest keeps every finished batch, and running
    the same command again completes the job.

    \b
    Examples:
      veille ingest pages/
      veille ingest --db postgresql://localhost/veille pages/*.html
      veille analyze --format ndjson pages/ | veille ingest --records -
    """
    config = load_config(config_path)
    lang = checked_lang(lang, config)
    if (address or output) and engine != "ray":
        raise click.UsageError("--address and --output go with --engine ray")
    store = open_cli_store(db, config)
    progress = Progress(total=count_inputs(paths, records=records), doing="ingesting", summary=False)
    memory = WorkerMemory()
    try:
        size = batch_size or config.batch_size
        if records:
            summary = ingest_outcomes(store, read_records(paths), batch_size=size, on_step=progress.step,
                                      stories=not no_stories)
        elif engine == "ray":
            from ..engine import ingest_with_ray

            summary = ingest_with_ray(store, paths, output=output, workers=workers, config=config,
                                      published=published, lang=lang, address=address, batch_size=size,
                                      on_step=progress.step, stories=not no_stories, memory=memory)
        else:  # pages stored byte for byte by the same stage versions are not analysed again
            summary = ingest_paths(store, paths, config=config, published=published, lang=lang,
                                   batch_size=size, on_step=progress.step, stories=not no_stories,
                                   workers=workers, memory=memory)
    finally:
        progress.done()
        store.close()
    report_memory(memory)
    _report(summary, store.url, as_json)
    ctx.exit(1 if summary.failed else 0)


def _report(summary: IngestSummary, url: str, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps({"db": url, **summary.as_dict()}, ensure_ascii=False) + "\n")
    click.echo(f"veille: {summary.ingested} ingested, {summary.replaced} replaced, {summary.unchanged} "
               f"unchanged, {len(summary.failed)} failed → {url}", err=True)
    for name, reason, message in summary.failed:
        click.echo(f"veille:   failed {name}: {message} [{reason}]", err=True)
