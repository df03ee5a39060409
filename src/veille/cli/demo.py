"""``veille demo``: the main job on the embedded default — the bundled example pages analysed into the
SQLite store in the user's data directory, then the workbench served on a local address."""

from __future__ import annotations

from importlib import resources as ir

import click

from ..config import load_config
from ..errors import require
from ..store import ingest_paths
from .ingest import db_option, open_cli_store
from .progress import Progress
from .words import plural


def example_paths() -> list[str]:
    folder = ir.files("veille") / "examples"
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith((".html", ".txt")))


@click.command("demo")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8750, show_default=True)
@click.option("--no-serve", is_flag=True, help="Only fill the store (for scripts and tests).")
@click.pass_context
def demo_cmd(ctx, db, host, port, no_serve) -> None:
    """Analyse the example pages bundled with veille (French and English, HTML and plain text) into the
    embedded store, then serve the workbench and print its address.

    Running it again re-uses the store: unchanged pages are not stored twice.
    """
    if not no_serve:
        require("fastapi", "serve")
        from ..api.server import PortBusyError, check_port_free

        try:  # before minutes of analysis, not after
            check_port_free(host, port)
        except PortBusyError as err:
            raise click.UsageError(str(err)) from err
    config = load_config()
    store = open_cli_store(db, config)
    paths = example_paths()
    progress = Progress(noun="example page", total=len(paths), doing="ingesting", summary=False)
    summary = ingest_paths(store, paths, config=config, on_step=progress.step)
    progress.done()
    click.echo(f"veille: {summary.ingested} ingested, {summary.replaced} replaced, {summary.unchanged} "
               f"unchanged, {len(summary.failed)} failed; {plural(store.count_articles(), 'article')} "
               f"in {store.url}",
               err=True)
    for name, reason, message in summary.failed:
        click.echo(f"veille:   failed {name}: {message} [{reason}]", err=True)
    if no_serve:
        store.close()
        ctx.exit(1 if summary.failed else 0)
    from ..api import create_app
    from .serve import run_server

    run_server(create_app(store, config=config), host, port, config)
    store.close()
