"""``veille serve``: the API and the web UI over the store (needs the [serve] extra)."""

from __future__ import annotations

import click

from ..config import Config, load_config
from ..errors import require
from .ingest import db_option


def run_server(app, host: str, port: int, config: Config, workers: int = 1, db: str | None = None) -> None:
    """Serve ``app`` until interrupted; a busy port is a usage error (exit 2), else the address is
    printed first."""
    require("uvicorn", "serve")
    from ..api.server import PortBusyError, check_port_free, serve

    try:
        check_port_free(host, port)
    except PortBusyError as err:
        raise click.UsageError(str(err)) from err
    click.echo(f"veille: serving on http://{host}:{port}/  (API: http://{host}:{port}/api/openapi.json; "
               "Ctrl-C stops)", err=False)
    serve(app, config, host, port, workers=workers, db=db)


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8750, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes; one serves one request at a time per core, so give a busy server one "
                   "per core.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (TOML).")
def serve_cmd(db, host, port, workers, config_path) -> None:
    """Serve the workbench: the web UI at / and the JSON API under /api over the store.

    Writes (POST /api/analyze, POST /api/articles) need the bearer token set as api_token in the
    configuration or $VEILLE_API_TOKEN; without one the server is read-only.
    """
    from ..api import create_app

    config = load_config(config_path)
    run_server(create_app(db=db, config=config), host, port, config, workers=workers, db=db)
