"""The store: Article records kept for searching and browsing, behind one interface with two backends.

>>> from veille.store import open_store
>>> store = open_store("sqlite:///tmp/veille-doctest.sqlite")   # or a path, or postgresql://…
>>> store.count_articles() >= 0
True

``open_store(None)`` opens the configured store (``db`` in the configuration or ``$VEILLE_DB``), else
``veille.sqlite`` in the user's data directory.
"""

from __future__ import annotations

from pathlib import Path

from ..config import Config, load_config
from ..errors import ConfigError
from .base import (
    ArticleSummary,
    CoMention,
    EntityDetail,
    EntityRef,
    EntitySummary,
    EventView,
    Page,
    PutStatus,
    QuoteView,
    SearchPage,
    Store,
)
from .ingest import IngestSummary, ingest_outcomes, ingest_paths, read_records
from .text import QueryError


def default_db(config: Config | None = None) -> str:
    """Where the store is when nothing says otherwise: the configured db, else the data directory's file."""
    config = config or load_config()
    return config.db or str(Path(config.data_dir).expanduser() / "veille.sqlite")


def open_store(url: str | None = None, config: Config | None = None, *, must_exist: bool = False) -> Store:
    """Open (creating and migrating when needed) the store at ``url``: ``postgresql://…``,
    ``sqlite:///path``, or a plain file path. A SQLite file is only created inside a folder that exists
    (the data directory excepted), so a mistyped ``--db`` is an error, not a new empty store; with
    ``must_exist`` (commands that only read) a missing file is "no store at …"."""
    config = config or load_config()
    given = url
    url = url or default_db(config)
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        url = url.removeprefix("sqlite://")
    elif "://" in url:
        raise ConfigError(f"--db {url!r}: unknown kind of database; use a file path, sqlite:///path "
                          "or postgresql://user@host/dbname")
    from .sqlite import SQLiteStore

    path = Path(url).expanduser()
    if must_exist and not path.exists():
        raise ConfigError(f"no store at {path}: check --db (or $VEILLE_DB), or fill one with "
                          "'veille ingest PAGES'")
    default_home = given is None and config.db is None
    if not default_home and not path.parent.exists():
        raise ConfigError(f"--db {url}: the folder {path.parent} does not exist; create it first or check "
                          "the path")
    return SQLiteStore(path)


__all__ = [
    "ArticleSummary", "CoMention", "EntityDetail", "EntityRef", "EntitySummary", "EventView", "IngestSummary",
    "Page", "PutStatus", "QueryError", "QuoteView", "SearchPage", "Store", "default_db", "ingest_outcomes",
    "ingest_paths", "open_store", "read_records",
]
