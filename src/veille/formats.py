"""One formatter for every list veille prints or serves: ``text``, ``json``, ``ndjson``, ``csv`` and ``tsv``.

The CLI's listing commands and the API's exports (``?format=csv``) write rows through this module, so a
quote exported from ``veille quotes --db … --format csv`` and from ``/api/quotes.csv`` has the same columns.

Rows are dicts or pydantic models. ``json`` (one array) and ``ndjson`` (one object a line) keep them whole,
nested as they are. ``csv`` and ``tsv`` flatten each row into the named columns of its :class:`Table`:

- a nested object becomes dotted columns (``speaker`` → ``speaker.id``, ``speaker.name``, ``speaker.type``);
- a list of plain values is joined with ``"; "`` (``aux`` → ``future; negation``);
- any other list (spans, pairs) is written as compact JSON;
- ``None`` is an empty cell, booleans are ``true``/``false``.

TSV is CSV with tab separators (quoted like CSV when a value holds a tab, a newline or a quote), so the
``csv`` module reads both back. Each table has a version; adding or removing a column bumps it, and
``docs/formats.md`` lists every table (a test keeps it in step with :data:`TABLES`).

>>> rows = [{"kind": "direct", "speaker": {"id": "Q1", "name": "Ada"}, "aux": ["future"]}]
>>> t = Table("demo", 1, ("kind", "speaker.name", "aux"))
>>> print(render(rows, "csv", t).strip())
kind,speaker.name,aux
direct,Ada,future
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from pydantic import BaseModel

FORMATS = ("text", "json", "ndjson", "csv", "tsv")
#: The formats of a table without a readable text form (the API's exports).
EXPORT_FORMATS = ("json", "csv")
MEDIA_TYPES = {"json": "application/json", "ndjson": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
               "tsv": "text/tab-separated-values; charset=utf-8"}
FORMAT_HELP = ("text: readable lines; json: one array; ndjson: one JSON object a line; csv / tsv: a header "
               "and one row a line, nested fields flattened (columns in docs/formats.md).")


@dataclass(frozen=True)
class Table:
    """A named, versioned set of columns: what a csv/tsv row of one kind of item holds."""

    name: str
    version: int
    columns: tuple[str, ...]
    about: str = ""


_ENTITY = ("id", "name", "type")
TABLES: dict[str, Table] = {t.name: t for t in (
    Table("articles", 2, ("id", "title", "url", "site_name", "source", "published", "lang", "n_words",
                          "n_entities", "n_quotes", "n_events", "story_id", "snippet"),
          "Articles and search results (`veille search`, `veille analyze`, /api/articles, /api/search); "
          "version 2 added `story_id`, the story the store placed the article in (empty when not placed)."),
    Table("quotes", 1, ("article_id", "article_title", "published", "lang", "kind", "text",
                        *(f"speaker.{c}" for c in _ENTITY), "speaker_text", "cue_text", "confidence", "start",
                        "end"),
          "Stored quotes (`veille quotes --db`, /api/quotes)."),
    Table("events", 1, ("article_id", "article_title", "published", "date", "type", "mode",
                        *(f"{role}.{c}" for role in ("actor", "recipient", "location") for c in _ENTITY),
                        "aux", "trigger_text", "sentence_text", "confidence"),
          "Stored events (`veille events --db`, /api/events)."),
    Table("entities", 1, ("id", "name", "type", "wikidata", "n_articles", "n_quotes"),
          "Stored entities (`veille entity`, /api/entities)."),
    Table("stories", 2, ("id", "title", "title_lang", "first_article", "first_published", "last_published",
                         "n_articles", "n_copies", "langs", "sites", "unknown_outlets"),
          "Stories (`veille stories`, /api/stories); version 2 added `unknown_outlets`, the members whose "
          "outlet is not known (no site name, no web address: a text file), which `sites` does not count."),
    Table("eval", 1, ("dataset", "metric", "value", "n", "floor", "ok"),
          "Evaluation figures (`veille eval …`): a metric on a data set, its floor, whether it holds."),
    Table("page_quotes", 1, ("source", "kind", "text", "speaker", "speaker_name", "speaker_mention", "cue",
                             "via", "confidence", "start", "end"),
          "Quotes of analysed pages (`veille quotes PATH…`)."),
    Table("page_events", 1, ("source", "type", "mode", "actor", "actor_name", "recipient", "recipient_name",
                             "location", "location_name", "time", "time_text", "aux", "trigger", "sentence",
                             "confidence"),
          "Events of analysed pages (`veille events PATH…`)."),
)}


def as_dict(item: Any) -> dict[str, Any]:
    """A row as plain JSON-ready data (a pydantic model dumped in JSON mode, a dict as it is)."""
    return item.model_dump(mode="json") if isinstance(item, BaseModel) else dict(item)


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """A nested row as flat cells (dotted keys, lists joined or as JSON, None empty) — see the module doc."""
    cells: dict[str, str] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            cells.update(flatten(value, f"{name}."))
        else:
            cells[name] = cell(value)
    return cells


def cell(value: Any) -> str:
    """One value as a csv/tsv cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
            return "; ".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def table_row(item: Any, table: Table) -> list[str]:
    """The cells of ``item`` in ``table``'s columns (a column the item lacks, or holds as null, is empty)."""
    cells = flatten(as_dict(item))
    return [cells.get(c, "") for c in table.columns]


class RowWriter:
    """Writes rows to a stream in one format as they come (``json`` gathers them into one array).

    ``line`` turns one row into its readable text for ``text``; without it, ``text`` is refused.
    """

    def __init__(self, stream: IO[str], fmt: str, table: Table, line: Callable[[Any], str] | None = None):
        if fmt not in FORMATS or (fmt == "text" and line is None):
            allowed = ", ".join(f for f in FORMATS if line or f != "text")
            raise ValueError(f"format {fmt!r}: choose one of {allowed}")
        self.stream, self.fmt, self.table, self.line = stream, fmt, table, line
        self.count = 0
        self._csv = (csv.writer(stream, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
                     if fmt in ("csv", "tsv") else None)
        if self._csv is not None:
            self._csv.writerow(table.columns)
        elif fmt == "json":
            stream.write("[")

    def write(self, item: Any) -> None:
        if self._csv is not None:
            self._csv.writerow(table_row(item, self.table))
        elif self.fmt == "ndjson":
            self.stream.write(json.dumps(as_dict(item), ensure_ascii=False) + "\n")
        elif self.fmt == "json":
            text = json.dumps(as_dict(item), ensure_ascii=False)
            self.stream.write(("," if self.count else "") + "\n" + text)
        else:
            assert self.line is not None
            self.stream.write(self.line(item) + "\n")
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()


def write_rows(items: Iterable[Any], fmt: str, table: Table, stream: IO[str],
               line: Callable[[Any], str] | None = None) -> int:
    """Write every item in ``fmt`` to ``stream``; returns how many were written."""
    writer = RowWriter(stream, fmt, table, line)
    for item in items:
        writer.write(item)
    writer.close()
    return writer.count


def render(items: Iterable[Any], fmt: str, table: Table, line: Callable[[Any], str] | None = None) -> str:
    """The items written in ``fmt``, as one string."""
    buf = io.StringIO()
    write_rows(items, fmt, table, buf, line)
    return buf.getvalue()


def iter_chunks(items: Iterable[Any], fmt: str, table: Table, every: int = 500) -> Iterator[str]:
    """The items written in ``fmt`` in pieces of ``every`` rows (for a streamed HTTP response)."""
    buf = io.StringIO()
    writer = RowWriter(buf, fmt, table)
    for item in items:
        writer.write(item)
        if writer.count % every == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    writer.close()
    yield buf.getvalue()


def describe_tables() -> str:
    """The column sets as Markdown (what docs/formats.md lists)."""
    parts = []
    for t in TABLES.values():
        parts.append(f"### `{t.name}` (version {t.version})\n\n{t.about}\n\n"
                     + "\n".join(f"- `{c}`" for c in t.columns))
    return "\n\n".join(parts) + "\n"
