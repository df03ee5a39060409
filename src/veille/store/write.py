"""Writing a batch of records in one transaction: per article, decide ingested / replaced / unchanged
(and delete a replaced version); then insert every new row of the batch table by table, so that a
batch of 32 articles costs a few statements per table rather than a few per article.

Counters kept at ingest (an entity's article count, co-mention counts) move by the batch's totals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..record import Article
from .base import PutStatus
from .rows import ARTICLE_COLUMNS, COLUMNS, ENTITY_COLUMNS, ArticleRows

if TYPE_CHECKING:
    from .sql import SqlStore

_SHA = ARTICLE_COLUMNS.index("content_sha1")
_UPSERT_ENTITY = (f"INSERT INTO entities ({', '.join(ENTITY_COLUMNS)}) VALUES (?, ?, ?, ?) ON CONFLICT (id) "
                  "DO UPDATE SET name = excluded.name, type = excluded.type, "
                  "wikidata = COALESCE(excluded.wikidata, entities.wikidata)")
_COUNT_ENTITY = "UPDATE entities SET n_articles = n_articles + ? WHERE id = ?"
_COUNT_QUOTES = "UPDATE entities SET n_quotes = n_quotes + ? WHERE id = ?"
_SPEAKER = COLUMNS["quotes"].index("speaker")
_UPSERT_PAIR = ("INSERT INTO entity_pairs (entity_id, other_id, n_articles) VALUES (?, ?, ?) "
                "ON CONFLICT (entity_id, other_id) DO UPDATE SET "
                "n_articles = entity_pairs.n_articles + excluded.n_articles")

Prepared = list[tuple[Article, ArticleRows]]


def write_batch(store: SqlStore, cur: Any, prepared: Prepared) -> list[PutStatus]:
    """Store every record of ``prepared`` inside the caller's transaction; statuses in input order."""
    statuses: list[PutStatus] = []
    for chunk in _unique_ids(prepared):
        fresh: list[ArticleRows] = []
        for art, rows in chunk:
            store._lock_article(cur, art.id)
            cur.execute(store._q("SELECT pk, content_sha1 FROM articles WHERE id = ?"), (art.id,))
            old = cur.fetchone()
            if old and old[1] == rows.article[_SHA]:
                statuses.append("unchanged")
                continue
            if old:
                store._delete_article(cur, art.id, old[0])
            statuses.append("replaced" if old else "ingested")
            fresh.append(rows)
        if fresh:
            store._write_fresh(cur, fresh)
    return statuses


def _unique_ids(prepared: Prepared) -> Iterator[Prepared]:
    """Runs of the batch in which no id repeats (the same page twice in one batch: the second one is
    then compared with the first, as if it came in a later batch)."""
    run: Prepared = []
    seen: set[str] = set()
    for art, rows in prepared:
        if art.id in seen:
            yield run
            run, seen = [], set()
        run.append((art, rows))
        seen.add(art.id)
    if run:
        yield run


def write_fresh(store: SqlStore, cur: Any, fresh: list[ArticleRows]) -> None:
    """Insert new articles and all their rows, table by table."""
    q = store._q
    pks = [store._insert_article(cur, rows) for rows in fresh]
    entities = {e[0]: e for rows in fresh for e in rows.entities}
    if entities:  # sorted: concurrent writers take row locks in the same order
        cur.executemany(q(_UPSERT_ENTITY), [entities[i] for i in sorted(entities)])
        counts = Counter(e[0] for rows in fresh for e in rows.entities)
        cur.executemany(q(_COUNT_ENTITY), [(counts[i], i) for i in sorted(counts)])
    speakers = Counter(q[_SPEAKER] for rows in fresh for q in rows.children.get("quotes", ()) if q[_SPEAKER])
    if speakers:
        cur.executemany(q(_COUNT_QUOTES), [(speakers[i], i) for i in sorted(speakers)])
    pairs = Counter(p for rows in fresh for p in rows.pairs)
    if pairs:
        cur.executemany(q(_UPSERT_PAIR), [(a, b, n) for (a, b), n in sorted(pairs.items())])
    for table, cols in COLUMNS.items():
        values = [r for rows in fresh for r in rows.children.get(table, ())]
        if not values:
            continue
        if table == "quotes":
            store._insert_quotes(cur, values)
        else:
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            cur.executemany(q(sql), values)
    store._index_articles(cur, list(zip(pks, fresh, strict=True)))
