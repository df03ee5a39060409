"""uvicorn's h11 protocol with a deadline on the first request's headers. A module of its own, imported
only when serving, so that worker processes can import the class by name (``veille serve --workers``)."""

from __future__ import annotations

from uvicorn.protocols.http.h11_impl import H11Protocol

#: Seconds a client gets to send its first request's headers.
HEADER_TIMEOUT = 10.0


class HeaderTimeoutH11(H11Protocol):
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


def with_header_timeout(seconds: float) -> type[HeaderTimeoutH11]:
    """The protocol class with another deadline (tests use short ones)."""
    if seconds == HEADER_TIMEOUT:
        return HeaderTimeoutH11
    return type("HeaderTimeoutH11", (HeaderTimeoutH11,), {"header_timeout": seconds})
