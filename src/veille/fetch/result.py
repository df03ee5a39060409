"""What one fetch gave: the body, or the typed reason it failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["fetched", "not_modified", "failed"]


@dataclass
class FetchResult:
    """One URL's fetch. ``status`` is "fetched" (``body`` holds the page), "not_modified" (a conditional
    GET answered 304: nothing new) or "failed" (``reason`` is a key of ``REASONS``, ``message`` says
    more). ``final_url`` is where redirects ended; ``etag`` and ``last_modified`` are kept for the next
    conditional GET."""

    url: str
    status: Status
    final_url: str | None = None
    http_status: int | None = None
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    reason: str | None = None
    message: str | None = None
    attempts: int = 0
    redirects: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "fetched"

    @property
    def media_type(self) -> str:
        """The content type without parameters, lower case ("text/html")."""
        return (self.content_type or "").split(";")[0].strip().lower()
