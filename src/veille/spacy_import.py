"""Importing spaCy without the parts of its import that a process reading news never uses.

Two costs of ``import spacy`` and ``spacy.load`` do work whose result veille never reads (measured on one
French page, CPU of a fresh process):

- **spaCy's command line.** ``spacy/__init__.py`` imports ``spacy.cli.info`` (for ``spacy.info``), which
  runs ``spacy/cli/__init__.py``: every ``spacy`` subcommand, with typer, weasel, requests, jinja2 and
  wasabi's tables — ~360 modules and about a third of a second. Here spaCy is imported with
  ``spacy.cli`` and ``spacy.cli.info`` standing in as empty placeholders; both are removed as soon as
  ``spacy`` is imported, so a later ``import spacy.cli`` (``python -m spacy``, a user's script) imports
  the real package, and ``spacy.info`` imports the real function on its first call.
- **Registry look-ups by entry point.** Each time spaCy's configuration system resolves a function
  (about 250 times to load a model) ``catalogue`` asks the installed packages' entry points for that
  registry's group, and Python 3.11's ``SelectableGroups.select`` flattens every group of every installed
  package to answer. The same entry points, indexed by group once, give the same answers.

Both are done by the next ``import spacy`` once :func:`install` has run; importing this module runs it
(``veille/__init__.py`` imports it first, before anything can import spaCy). The model's annotations
are unchanged (``tests/test_spacy_loading.py``).
"""

from __future__ import annotations

import importlib.machinery
import sys
import types
from pathlib import Path
from typing import Any


def install() -> None:
    """Make the next ``import spacy`` of this process (wherever it comes from: a stage, a worker, a test)
    go the way described above. Done when ``veille`` is imported; nothing happens when spaCy is already
    imported. The finder removes itself once spaCy is imported."""
    if "spacy" not in sys.modules and not any(isinstance(f, _SpacyFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SpacyFinder())


def import_spacy() -> types.ModuleType:
    """The ``spacy`` module, imported as :func:`install` says, with catalogue's entry points indexed."""
    install()
    import spacy

    _index_entry_points()
    return spacy


class _SpacyFinder:
    """Finds ``spacy`` with the finders after it and hands its loader to :class:`_LoaderWithoutCli` (a
    meta path finder; ``importlib.abc`` is not imported for its base class: it costs a tenth of a second)."""

    def find_spec(self, fullname: str, path: Any,
                  target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname != "spacy":
            return None
        sys.meta_path[:] = [f for f in sys.meta_path if f is not self]
        spec = None
        for finder in list(sys.meta_path):
            find = getattr(finder, "find_spec", None)
            spec = find(fullname, path, target) if find is not None else None
            if spec is not None:
                break
        if spec is None or spec.loader is None or spec.origin is None:
            return spec
        spec.loader = _LoaderWithoutCli(spec.loader, Path(spec.origin).parent / "cli")
        return spec


class _LoaderWithoutCli:
    """Runs ``spacy/__init__.py`` with placeholders for ``spacy.cli`` and ``spacy.cli.info``, removed
    right after; anything else is asked of spaCy's own loader."""

    def __init__(self, loader: Any, cli_folder: Path):
        self._loader, self._cli_folder = loader, cli_folder

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        cli = types.ModuleType("spacy.cli", "placeholder while spaCy is imported (veille.spacy_import)")
        cli.__path__ = [str(self._cli_folder)]
        info = types.ModuleType("spacy.cli.info")
        info.info = _info  # type: ignore[attr-defined]
        placeholders = {"spacy.cli": cli, "spacy.cli.info": info}
        for name, placeholder in placeholders.items():
            sys.modules.setdefault(name, placeholder)
        try:
            self._loader.exec_module(module)
        finally:
            for name, placeholder in placeholders.items():
                if sys.modules.get(name) is placeholder:
                    del sys.modules[name]
            if module.__dict__.get("cli") is cli:
                del module.__dict__["cli"]
        _index_entry_points()


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real function, imported on its first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


class _EntryPointsByGroup:
    """What ``catalogue`` reads of ``importlib.metadata.entry_points()`` (``select(group=...)``), with each
    group's entry points found by a dict look-up instead of a walk over all of them."""

    def __init__(self, everything: Any):
        from importlib.metadata import EntryPoints

        self._everything = everything
        groups: dict[str, list] = {}
        for ep in _all_entry_points(everything):
            groups.setdefault(ep.group, []).append(ep)
        self._groups = {group: EntryPoints(eps) for group, eps in groups.items()}
        self._none = EntryPoints(())

    def select(self, **params: Any) -> Any:
        if set(params) == {"group"}:
            return self._groups.get(params["group"], self._none)
        return self._everything.select(**params)

    def get(self, group: str, default: Any = None) -> Any:
        return self._groups.get(group, default)


def _all_entry_points(everything: Any) -> list:
    if isinstance(everything, dict):  # Python 3.11's SelectableGroups: group name -> entry points
        return [ep for eps in dict.values(everything) for ep in eps]  # (its .values() warns)
    return list(everything)  # Python 3.12's EntryPoints


def _index_entry_points() -> None:
    catalogue = sys.modules.get("catalogue")
    everything = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if catalogue is None or everything is None or isinstance(everything, _EntryPointsByGroup):
        return
    catalogue.__dict__["AVAILABLE_ENTRY_POINTS"] = _EntryPointsByGroup(everything)


install()
