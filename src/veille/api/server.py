"""Serving the app: uvicorn with the limits a server on a reader's machine or a team's network needs.

- a client gets ``protocol.HEADER_TIMEOUT`` seconds to send its first request's headers (slow-header
  clients otherwise hold a connection for ever), and ``KEEP_ALIVE`` seconds of silence between requests;
- at most ``MAX_CONNECTIONS`` requests at once (503 beyond);
- only the Host names in ``allowed_hosts`` (plus the address served on and this machine's names).
The app itself adds the security headers (``create_app``). ``--workers N`` runs N processes on one
socket (uvicorn's supervisor), each with its own app and store connection.
"""

from __future__ import annotations

import errno
import json
import os
import socket
from dataclasses import asdict, replace

from ..config import Config
from ..errors import VeilleError, require
from .limits import HostCheck

KEEP_ALIVE = 5
MAX_CONNECTIONS = 1000
#: The environment variable that carries what a worker process needs to build the app.
WORKER_SPEC = "VEILLE_SERVE_SPEC"


class PortBusyError(VeilleError):
    """The address to serve on is taken (another veille serve, or another program)."""


def allowed_hosts(config: Config, host: str) -> tuple[str, ...]:
    """The Host names to answer: the configured ones, the address served on, and this machine's names."""
    names = {*config.allowed_hosts, host}
    if host in ("0.0.0.0", "::"):  # every interface: the machine's own names reach it too
        names |= {socket.gethostname(), socket.getfqdn()}
    return tuple(sorted(n for n in names if n))


def guarded(app, config: Config, host: str):
    """``app`` behind the Host check (the ASGI app uvicorn runs)."""
    return HostCheck(app, allowed_hosts(config, host))


def check_port_free(host: str, port: int) -> None:
    """PortBusyError now, with a clear message, rather than uvicorn's error after "serving on"."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            why = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
            raise PortBusyError(f"{host}:{port} {why}: stop the program serving there or pass another "
                                "--port") from exc


def app_from_env():
    """The guarded app of one worker process, built from the spec ``serve`` left in the environment."""
    from . import create_app

    spec = json.loads(os.environ[WORKER_SPEC])
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in spec["config"].items()}
    config = replace(Config(), **values)
    return guarded(create_app(db=spec["db"], config=config), config, spec["host"])


def serve(app, config: Config, host: str, port: int, header_timeout: float | None = None, *,
          workers: int = 1, db: str | None = None) -> None:
    """Run ``app`` with uvicorn on ``host:port`` until interrupted. With ``workers`` > 1, that many
    processes each build their own app over the store at ``db`` (``app`` is then not used): a Python process
    serves one request at a time per core, so a machine's other cores need processes of their own."""
    uvicorn = require("uvicorn", "serve")
    require("httptools", "serve")
    from .protocol import HEADER_TIMEOUT, with_header_timeout

    options = {"host": host, "port": port, "log_level": "warning", "timeout_keep_alive": KEEP_ALIVE,
               "limit_concurrency": MAX_CONNECTIONS,
               "http": with_header_timeout(HEADER_TIMEOUT if header_timeout is None else header_timeout)}
    if workers <= 1:
        uvicorn.run(guarded(app, config, host), **options)
        return
    os.environ[WORKER_SPEC] = json.dumps({"db": db, "config": asdict(config), "host": host})
    uvicorn.run("veille.api.server:app_from_env", factory=True, workers=workers, **options)
