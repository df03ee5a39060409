"""``veille entity NAME``: what the store knows about an entity — who said what, what is said about it,
its events, its names in every language."""

from __future__ import annotations

import json
import sys

import click

from ..store import EntityDetail
from .formats import emit, format_option
from .ingest import db_option, open_cli_store
from .search import event_line, quote_line
from .words import plural


@click.command("entity")
@click.argument("name")
@db_option
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="Quotes and events shown per section.")
@format_option("text: a readable page per entity; json: an array of the entities' full details; ndjson: "
               "one detail a line; csv / tsv: one row per matching entity (the entities table of "
               "docs/formats.md).")
@click.pass_context
def entity_cmd(ctx, name, db, limit, fmt) -> None:
    """Show an entity from the store. NAME is an id (Q7747) or a name in any spelling or language
    ("Poutine", "Putin", "vladimir poutine")."""
    with open_cli_store(db, must_exist=True) as store:
        details = [d for i in store.resolve_entities(name)[:10] if (d := store.entity(i, limit=limit))]
    if not details:
        click.echo(f"veille: no stored entity is called {name!r}", err=True)
        ctx.exit(1)
    if fmt == "json":
        data = [d.model_dump(mode="json") for d in details]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "ndjson":
        sys.stdout.writelines(d.model_dump_json() + "\n" for d in details)
    elif fmt in ("csv", "tsv"):
        emit((d.entity for d in details), fmt, "entities", str)
    else:
        sys.stdout.writelines(_text(d) + "\n" for d in details)


def _text(d: EntityDetail) -> str:
    e = d.entity
    out = [f"{e.name} [{e.type}] {e.id}  — {plural(e.n_articles, 'article')}, {plural(e.n_quotes, 'quote')}"]
    out += [f"  names ({lang}): {', '.join(names)}" for lang, names in d.names.items()]
    out += ["", f"Quotes ({d.quotes.total})", *("  " + quote_line(q) for q in d.quotes.items)]
    out += ["", f"Quotes about it ({d.quotes_about.total})",
            *("  " + quote_line(q) for q in d.quotes_about.items)]
    out += ["", f"Events ({d.events.total})", *("  " + event_line(v) for v in d.events.items)]
    out += ["", "Mentioned with", *(f"  {c.entity.name} ({c.n_articles})" for c in d.co_mentioned)]
    return "\n".join(out)
