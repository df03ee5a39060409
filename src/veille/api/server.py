"""Serving the app: uvicorn with the limits a server on a reader's machine or a team's network needs.

- a client gets ``HEADER_TIMEOUT`` seconds to send its first request's headers (slow-header clients
  otherwise hold a connection, and a file descriptor, for ever: uvicorn only times out idle keep-alive
  connections), and ``KEEP_ALIVE`` seconds of silence between requests;
- at most ``MAX_CONNECTIONS`` requests at once (503 beyond);
- only the Host names in ``allowed_hosts`` (plus the address served on and this machine's names).
The app itself adds the security headers (``create_app``).
"""

from __future__ import annotations

import errno
import socket

from ..config import Config
from ..errors import VeilleError, require
from .limits import HostCheck

HEADER_TIMEOUT = 10.0
KEEP_ALIVE = 5
MAX_CONNECTIONS = 1000


class PortBusyError(VeilleError):
    """The address to serve on is taken (another veille serve, or another program)."""


def header_timeout_protocol(seconds: float):
    """uvicorn's h11 protocol, closing a connection whose first request has not started in ``seconds``."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutH11(H11Protocol):
        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._header_timer = self.loop.call_later(seconds, self._too_slow)

        def _too_slow(self) -> None:
            if self.cycle is None and not self.transport.is_closing():
                self.transport.close()

        def connection_lost(self, exc) -> None:
            self._header_timer.cancel()
            super().connection_lost(exc)

    return HeaderTimeoutH11


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


def serve(app, config: Config, host: str, port: int, header_timeout: float = HEADER_TIMEOUT) -> None:
    """Run ``app`` with uvicorn on ``host:port`` until interrupted."""
    uvicorn = require("uvicorn", "serve")
    uvicorn.run(guarded(app, config, host), host=host, port=port, log_level="warning",
                http=header_timeout_protocol(header_timeout), timeout_keep_alive=KEEP_ALIVE,
                limit_concurrency=MAX_CONNECTIONS)
