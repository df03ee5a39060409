"""The HTTP API (FastAPI) over the store, and the web UI served by the same app (``veille serve``).

>>> from veille.api import create_app          # needs the [serve] extra
>>> app = create_app(db="sqlite:///tmp/veille-doctest.sqlite")   # doctest: +SKIP
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
