"""The ``--format`` option every listing command shares, and the one way they write rows to stdout
(through :mod:`veille.formats`, the formatter the API's exports use too)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

import click

from ..formats import FORMAT_HELP, FORMATS, TABLES, write_rows


def format_option(help: str = FORMAT_HELP):
    """``--format text|json|ndjson|csv|tsv`` (default text), passed to the command as ``fmt``."""
    return click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default="text",
                        show_default=True, callback=lambda _c, _p, v: v.lower(), help=help)


def emit(items: Iterable[Any], fmt: str, table: str, line: Callable[[Any], str]) -> int:
    """Write ``items`` to stdout as rows of ``table`` in ``fmt`` (``line`` gives the text form of one);
    returns how many were written."""
    return write_rows(items, fmt, TABLES[table], sys.stdout, line)
