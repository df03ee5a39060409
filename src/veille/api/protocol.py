"""uvicorn's HTTP protocol with a deadline on the first request's headers. A module of its own, imported
only when serving, so that worker processes can import the class by name (``veille serve --workers``).

The parser is httptools (C, llhttp), part of the ``[serve]`` extra: uvicorn's pure-Python h11 parser cost
a quarter of a millisecond of CPU per request more (0.83 against 1.1 ms a health check, the whole server),
which a two-core machine pays at every search under load.
"""

from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

#: Seconds a client gets to send its first request's headers.
HEADER_TIMEOUT = 10.0


class HeaderTimeoutHttp(HttpToolsProtocol):
    """Closes a connection whose first request has not started within ``header_timeout`` seconds: a
    slow-header client otherwise holds a connection, and a file descriptor, for ever (uvicorn only times out
    idle keep-alive connections)."""

    header_timeout = HEADER_TIMEOUT

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer = self.loop.call_later(self.header_timeout, self._too_slow)

    def _too_slow(self) -> None:
        if self.cycle is None and not self.transport.is_closing():
            self.transport.close()

    def connection_lost(self, exc) -> None:
        self._header_timer.cancel()
        super().connection_lost(exc)


def with_header_timeout(seconds: float) -> type[HeaderTimeoutHttp]:
    """The protocol class with another deadline (tests use short ones)."""
    if seconds == HEADER_TIMEOUT:
        return HeaderTimeoutHttp
    return type("HeaderTimeoutHttp", (HeaderTimeoutHttp,), {"header_timeout": seconds})
