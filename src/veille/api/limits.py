"""A limit on request bodies, enforced before anything reads them: a declared Content-Length over the
limit is refused at once, and a body streamed without one is cut off when it passes the limit (413)."""

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
        seen = 0

        async def counted_receive():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted_receive, send)
        except _TooLarge:
            await self._refuse(send, f"more than {self.max_bytes}")

    async def _refuse(self, send, size: str) -> None:
        body = json.dumps(error_body(413, f"request body is {size} bytes; the limit is {self.max_bytes:,} "
                                          "bytes (max_bytes in the configuration)")).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass
