"""What the server refuses before any handler runs, and what it adds to every answer:

- ``BodyLimit``: a declared Content-Length over ``max_bytes`` is refused at once; a body streamed without
  one (chunked) is read up to the limit here and refused with 413 when it passes it, then replayed to the
  app (FastAPI would turn an error raised while it reads the body into a 400).
- ``HostCheck``: a Host header the server does not answer to gets 400 (DNS rebinding: a page on another
  site must not reach a workbench on the reader's machine through a name that resolves to 127.0.0.1).
- ``SecurityHeaders``: CSP (every asset is local), no MIME sniffing, no framing, no referrer to other sites.
"""

from __future__ import annotations

import json

from .errors import error_body


class BodyLimit:
    """ASGI middleware: 413 with the API's error body for bodies over ``max_bytes``."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            return await self._refuse(send, declared.decode("latin-1"))
        if declared is not None or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)  # the server stops a body at its declared length
        chunks, seen = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.max_bytes:
                return await self._refuse(send, f"more than {self.max_bytes:,}")
            if not message.get("more_body"):
                break
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, send, size: str) -> None:
        await _send_error(send, 413, f"request body is {size} bytes; the limit is {self.max_bytes:,} bytes "
                                     "(max_bytes in the configuration)", [(b"connection", b"close")])


async def _send_error(send, status: int, message: str, extra: list | None = None) -> None:
    body = json.dumps(error_body(status, message)).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


class HostCheck:
    """ASGI middleware: 400 for a Host header that is not one of ``allowed`` (``"*"`` allows any)."""

    def __init__(self, app, allowed: tuple[str, ...]):
        self.app = app
        self.any = "*" in allowed
        self.allowed = {h.lower().strip("[]") for h in allowed}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.any:
            return await self.app(scope, receive, send)
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name.strip("[]") not in self.allowed:
            return await _send_error(send, 400, f"this server does not answer to host {host[:100]!r}; add it "
                                                "to allowed_hosts in the configuration")
        await self.app(scope, receive, send)


#: Every asset is served from here (no CDN): scripts, styles, images and fetches stay on this origin.
_SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; "
                                 b"style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
                                 b"base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeaders:
    """ASGI middleware: the security headers above on every HTTP response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *(h for h in _SECURITY_HEADERS if h[0] not in have)]}
            await send(message)

        await self.app(scope, receive, with_headers)
