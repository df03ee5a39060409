"""The web UI: server-rendered pages (Jinja2) with local CSS and a little JavaScript for the keyboard.
No asset comes from a CDN: the workbench works offline."""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
