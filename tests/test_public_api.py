"""veille's public surface is exactly what ``veille.__all__`` lists (after httpx's
tests/test_exported_members.py): nothing public left out, nothing listed that is not there."""

from __future__ import annotations
import __future__

import importlib.metadata
import subprocess
import sys
import types

import veille

INCLUDED_PRIVATE = {"__version__"}


def _public_members() -> set[str]:
    """Names the package binds at top level, less submodules and the ``annotations`` future flag."""
    return {name for name, value in vars(veille).items()
            if (not name.startswith("_") or name in INCLUDED_PRIVATE)
            and not isinstance(value, types.ModuleType | __future__._Feature)}


def test_all_lists_every_public_member_once():
    assert len(veille.__all__) == len(set(veille.__all__))
    assert set(veille.__all__) == _public_members()


def test_every_listed_callable_is_veille_code():
    for name in veille.__all__:
        value = getattr(veille, name)
        if callable(value):
            assert value.__module__.startswith("veille"), name


def test_star_import_gives_exactly_all():
    namespace: dict = {}
    exec("from veille import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(veille.__all__)


def test_version_matches_the_installed_distribution():
    assert veille.__version__ == importlib.metadata.version("veille")


def test_import_is_light():
    """Importing veille must not load spaCy or its models: the CLI's --help and usage errors stay quick."""
    code = "import sys, veille; print(sorted(m for m in ('spacy', 'torch', 'thinc') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
