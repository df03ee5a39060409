"""``veille events PATH...``: analyse pages and list the PLOVER events found in them."""

from __future__ import annotations

import sys

import click

from ..api_functions import analyze_paths
from ..config import load_config
from ..formats import TABLES, RowWriter
from ..stages.events.lexicon import PLOVER_TYPES
from ..stages.events.view import describe, line, matches
from .analyze import checked_lang, valid_date
from .formats import format_option
from .progress import pages_progress
from .words import plural


@click.command("events")
@click.argument("paths", nargs=-1, required=True)
@click.option("--actor", metavar="NAME", help="Only events whose actor is NAME (id, name or any spelling).")
@click.option("--type", "types", multiple=True, type=click.Choice(PLOVER_TYPES, case_sensitive=False),
              help="Only events of this PLOVER type (repeatable).")
@click.option("--published", callback=valid_date, metavar="YYYY-MM-DD",
              help="Publication date to use (anchors relative dates).")
@click.option("--lang", metavar="CODE", help="Language of the pages (skips detection), e.g. fr or en.")
@format_option("text: one line per event under each page; json, ndjson, csv, tsv: one row per event "
               "(columns in docs/formats.md).")
@click.pass_context
def events_cmd(ctx, paths, actor, types, published, lang, fmt) -> None:
    """List who did what to whom in news pages (PLOVER event types). PATH is a file, a directory or -.

    \b
    Examples:
      veille events page.html
      veille events --actor Russia --type MOBILIZE --type ASSAULT pages/
      veille events article.txt --format ndjson | jq .type
    """
    failed = 0
    config = load_config()
    progress = pages_progress(paths)
    writer = None if fmt == "text" else RowWriter(sys.stdout, fmt, TABLES["page_events"])
    for out in analyze_paths(paths, published=published, lang=checked_lang(lang, config), config=config):
        progress.step(out)
        if out.error or out.article is None:
            failed += 1
            assert out.error is not None  # an Outcome without an Article has its error
            click.echo(f"veille: {out.error.source}: {out.error.message} [{out.error.reason}]", err=True)
            continue
        art = out.article
        rows = [describe(art, ev) for ev in art.events if matches(art, ev, actor, types)]
        if writer is not None:
            for row in rows:
                writer.write(row)
        else:
            sys.stdout.write(f"{art.source} — {plural(len(rows), 'event')}\n")
            sys.stdout.writelines(f"  {line(row)}\n" for row in rows)
    progress.done()
    if writer is not None:
        writer.close()
    ctx.exit(1 if failed else 0)
