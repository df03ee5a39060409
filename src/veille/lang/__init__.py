"""Per-language resources, one module per language. Adding a language is adding a module here and
listing it in ``_MODULES``; stages ask ``resources(code)`` and never test language codes themselves."""

from __future__ import annotations

import importlib
from functools import cache

from .base import Language

_MODULES = {"fr": "veille.lang.fr", "en": "veille.lang.en"}


@cache
def resources(code: str | None) -> Language | None:
    """The resources for a language code, or None when veille has none for it."""
    if code not in _MODULES:
        return None
    return importlib.import_module(_MODULES[code]).LANGUAGE


def supported() -> list[str]:
    return sorted(_MODULES)


__all__ = ["Language", "resources", "supported"]
