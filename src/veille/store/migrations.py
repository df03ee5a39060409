"""Schema migrations, one numbered list per backend. A store applies, in one transaction each, every
migration whose number is not yet in its ``schema_migrations`` table; numbers are never reused or edited.
To change the schema, append a migration to both lists (and a conformance test for what it enables)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


# Child tables are the same on both backends; only types and full-text search differ.
_CHILD_TABLES = """
CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, wikidata TEXT);
CREATE TABLE entity_names (entity_id TEXT NOT NULL, article_id TEXT NOT NULL, name TEXT NOT NULL,
  folded TEXT NOT NULL, lang TEXT);
CREATE INDEX entity_names_folded ON entity_names (folded);
CREATE INDEX entity_names_entity ON entity_names (entity_id);
CREATE INDEX entity_names_article ON entity_names (article_id);
CREATE TABLE article_entities (article_id TEXT NOT NULL, entity_id TEXT NOT NULL, name TEXT, type TEXT,
  n_mentions INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (article_id, entity_id));
CREATE INDEX article_entities_entity ON article_entities (entity_id);
CREATE TABLE mentions (article_id TEXT NOT NULL, idx INTEGER NOT NULL, span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL, text TEXT NOT NULL, entity_id TEXT NOT NULL, how TEXT,
  PRIMARY KEY (article_id, idx));
CREATE INDEX mentions_entity ON mentions (entity_id);
CREATE TABLE quote_about (article_id TEXT NOT NULL, quote_idx INTEGER NOT NULL, entity_id TEXT NOT NULL,
  PRIMARY KEY (article_id, quote_idx, entity_id));
CREATE INDEX quote_about_entity ON quote_about (entity_id);
CREATE TABLE attributions (article_id TEXT NOT NULL, idx INTEGER NOT NULL, source TEXT, source_text TEXT,
  cue_text TEXT, scope_text TEXT, PRIMARY KEY (article_id, idx));
CREATE INDEX attributions_source ON attributions (source);
CREATE TABLE timexes (article_id TEXT NOT NULL, idx INTEGER NOT NULL, span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL, text TEXT NOT NULL, type TEXT, value TEXT, anchor TEXT,
  PRIMARY KEY (article_id, idx));
CREATE INDEX timexes_value ON timexes (value);
CREATE TABLE events (article_id TEXT NOT NULL, idx INTEGER NOT NULL, type TEXT NOT NULL, mode TEXT,
  actor TEXT, recipient TEXT, location TEXT, date TEXT, aux TEXT, trigger_text TEXT, sentence_text TEXT,
  confidence REAL, published TEXT, PRIMARY KEY (article_id, idx));
CREATE INDEX events_actor ON events (actor, date);
CREATE INDEX events_recipient ON events (recipient, date);
CREATE INDEX events_type ON events (type, date);
CREATE INDEX events_date ON events (date);
"""

_SQLITE_1 = """
CREATE TABLE articles (pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT, source TEXT,
  site_name TEXT, title TEXT, published TEXT, lang TEXT, n_words INTEGER, n_entities INTEGER,
  n_quotes INTEGER, n_events INTEGER, content_sha1 TEXT NOT NULL, text TEXT NOT NULL, record TEXT NOT NULL,
  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_lang ON articles (lang, published);
CREATE TABLE quotes (pk INTEGER PRIMARY KEY, article_id TEXT NOT NULL, idx INTEGER NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT, speaker TEXT,
  speaker_text TEXT, cue_text TEXT, confidence REAL, published TEXT, lang TEXT, UNIQUE (article_id, idx));
CREATE INDEX quotes_speaker ON quotes (speaker, published);
CREATE INDEX quotes_published ON quotes (published);
CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = 'articles', content_rowid = 'pk',
  tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE quotes_fts USING fts5 (text, content = 'quotes', content_rowid = 'pk',
  tokenize = 'unicode61 remove_diacritics 2');
""" + _CHILD_TABLES

_POSTGRES_1 = """
CREATE TABLE articles (pk BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT, source TEXT,
  site_name TEXT, title TEXT, published TEXT, lang TEXT, n_words INTEGER, n_entities INTEGER,
  n_quotes INTEGER, n_events INTEGER, content_sha1 TEXT NOT NULL, text TEXT NOT NULL, record TEXT NOT NULL,
  ingested_at TIMESTAMPTZ NOT NULL DEFAULT now(), tsv TSVECTOR);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_lang ON articles (lang, published);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);
CREATE TABLE quotes (pk BIGSERIAL PRIMARY KEY, article_id TEXT NOT NULL, idx INTEGER NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT, speaker TEXT,
  speaker_text TEXT, cue_text TEXT, confidence DOUBLE PRECISION, published TEXT, lang TEXT, tsv TSVECTOR,
  UNIQUE (article_id, idx));
CREATE INDEX quotes_speaker ON quotes (speaker, published);
CREATE INDEX quotes_published ON quotes (published);
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);
""" + _CHILD_TABLES.replace("REAL", "DOUBLE PRECISION")


def _split(script: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in script.split(";") if s.strip())


# What the entity page needs at 100,000 quotes: names by language in one index walk, quotes about an
# entity newest first from the index, and co-mentions counted at ingest instead of by a self-join.
_BOTH_2 = """
CREATE INDEX entity_names_entity_lang ON entity_names (entity_id, lang, name);
DROP INDEX entity_names_entity;
ALTER TABLE quote_about ADD COLUMN published TEXT;
UPDATE quote_about SET published = (SELECT a.published FROM articles a WHERE a.id = quote_about.article_id);
DROP INDEX quote_about_entity;
CREATE TABLE entity_pairs (entity_id TEXT NOT NULL, other_id TEXT NOT NULL, n_articles INTEGER NOT NULL,
  PRIMARY KEY (entity_id, other_id));
INSERT INTO entity_pairs (entity_id, other_id, n_articles) SELECT x.entity_id, y.entity_id, count(*)
  FROM article_entities x JOIN article_entities y
  ON y.article_id = x.article_id AND y.entity_id <> x.entity_id GROUP BY x.entity_id, y.entity_id
"""
# SQLite reads an ascending index backwards for DESC (NULLs, the smallest, come last); PostgreSQL needs the
# index declared in the order the queries ask for.
_SQLITE_2 = _BOTH_2 + ";CREATE INDEX quote_about_entity_published ON quote_about (entity_id, published)"
_POSTGRES_2 = _BOTH_2 + (";CREATE INDEX quote_about_entity_published ON quote_about "
                         "(entity_id, published DESC NULLS LAST);"
                         "CREATE INDEX quotes_speaker_published ON quotes "
                         "(speaker, published DESC NULLS LAST)")

# "Most mentioned" on the home page: each entity's article count kept at ingest, read from an index.
_BOTH_3 = """
ALTER TABLE entities ADD COLUMN n_articles INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET n_articles = (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = entities.id);
CREATE INDEX entities_n_articles ON entities (n_articles, name);
CREATE INDEX entities_type_n_articles ON entities (type, n_articles)
"""

# Entity lists show how often each entity is quoted: a counter kept at ingest, like n_articles.
_BOTH_4 = """
ALTER TABLE entities ADD COLUMN n_quotes INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET n_quotes = (SELECT count(*) FROM quotes q WHERE q.speaker = entities.id)
"""

# An entity's quotes per month (the entity page's timeline) read in order from an expression index.
_BOTH_5 = "CREATE INDEX quotes_speaker_month ON quotes (speaker, (substr(published, 1, 7)))"

# Stories (issue 11): which story each article belongs to and which page it copies, the stories with their
# counters, page-to-page links (copy_of, translation_of) with a score, each page's story profile (encoder
# vectors as float16 blobs, evidence as JSON) and the blocking keys that find candidate stories and copies
# through an index instead of a scan (entity ids, vector and MinHash bands, body hash).
_BOTH_6 = """
ALTER TABLE articles ADD COLUMN story_id TEXT;
ALTER TABLE articles ADD COLUMN copy_of TEXT;
CREATE INDEX articles_story ON articles (story_id, published);
CREATE INDEX articles_copy_of ON articles (copy_of);
CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT, first_article TEXT NOT NULL, first_published TEXT,
  last_published TEXT, n_articles INTEGER NOT NULL DEFAULT 0, n_copies INTEGER NOT NULL DEFAULT 0,
  langs TEXT NOT NULL DEFAULT '', sites TEXT NOT NULL DEFAULT '');
CREATE INDEX stories_last ON stories (last_published, n_articles);
CREATE TABLE story_members (article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, score REAL,
  published TEXT, lang TEXT, joined_at INTEGER NOT NULL);
CREATE INDEX story_members_story ON story_members (story_id, published);
CREATE INDEX story_members_joined ON story_members (joined_at);
CREATE TABLE story_keys (key TEXT NOT NULL, story_id TEXT NOT NULL, day TEXT NOT NULL,
  PRIMARY KEY (key, story_id));
CREATE INDEX story_keys_key_day ON story_keys (key, day);
CREATE TABLE page_links (article_id TEXT NOT NULL, other_id TEXT NOT NULL, kind TEXT NOT NULL,
  score REAL, PRIMARY KEY (article_id, kind, other_id));
CREATE INDEX page_links_other ON page_links (other_id, kind);
CREATE TABLE page_profiles (article_id TEXT PRIMARY KEY, body_hash TEXT NOT NULL, head BLOB NOT NULL,
  full_text BLOB NOT NULL, chunks BLOB NOT NULL, evidence TEXT NOT NULL);
CREATE INDEX page_profiles_hash ON page_profiles (body_hash);
CREATE TABLE copy_bands (band TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (band, article_id));
CREATE INDEX copy_bands_article ON copy_bands (article_id)
"""

# `veille watch`: the sources it polls (with their validators for conditional GET), the frontier of pages
# (one row per page URL, keyed like articles: a killed watch resumes from the rows still 'queued'), and what
# it knows of each host (robots.txt, a Retry-After). Times are epoch seconds; DOUBLE PRECISION, because
# PostgreSQL's REAL (4 bytes) cannot hold them to the second; SQLite reads the name as REAL affinity.
_BOTH_7 = """
CREATE TABLE watch_sources (url TEXT PRIMARY KEY, kind TEXT NOT NULL, parent TEXT, etag TEXT,
  last_modified TEXT, polled_at DOUBLE PRECISION, n_links INTEGER NOT NULL DEFAULT 0, status TEXT,
  reason TEXT, message TEXT);
CREATE TABLE frontier (id TEXT PRIMARY KEY, url TEXT NOT NULL, source_url TEXT, state TEXT NOT NULL,
  title TEXT, published TEXT, found_at DOUBLE PRECISION NOT NULL, fetched_at DOUBLE PRECISION,
  attempts INTEGER NOT NULL DEFAULT 0, reason TEXT, message TEXT, content_sha1 TEXT, article_id TEXT);
CREATE INDEX frontier_state ON frontier (state, found_at, id);
CREATE INDEX frontier_content ON frontier (content_sha1);
CREATE TABLE hosts (host TEXT PRIMARY KEY, robots TEXT, robots_status INTEGER,
  robots_fetched_at DOUBLE PRECISION, backoff_until DOUBLE PRECISION NOT NULL DEFAULT 0,
  requests INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0)
"""

# The story repair pass (issue 11) drops the blocking keys of a story it empties: by story, so an index.
_BOTH_8 = "CREATE INDEX story_keys_story ON story_keys (story_id)"

# 9: the hash of the bytes each page was analysed from, so that ingesting the same archive again skips
# the pages identified by their URL too, not only those identified by their bytes (veille.store.ingest).
_BOTH_9 = """
ALTER TABLE articles ADD COLUMN raw_sha1 TEXT
"""

# 10: sentence-level evidence of each page's story profile (issue 11, the translation link): one int8
# vector per body sentence with its scale (``stories.online.sentence_blob``), the body length and the
# numbers and names in order of first appearance (JSON). NULL for profiles stored before: the link falls
# back to the chunk features for them.
_BOTH_10 = """
ALTER TABLE page_profiles ADD COLUMN sentences BLOB;
ALTER TABLE page_profiles ADD COLUMN sentence_evidence TEXT
"""

SQLITE: tuple[Migration, ...] = (Migration(1, "initial schema", _split(_SQLITE_1)),
                                 Migration(2, "entity page indexes and co-mention counts", _split(_SQLITE_2)),
                                 Migration(3, "entity article counts", _split(_BOTH_3)),
                                 Migration(4, "entity quote counts", _split(_BOTH_4)),
                                 Migration(5, "quotes per month index", _split(_BOTH_5)),
                                 Migration(6, "stories, members, page links and profiles", _split(_BOTH_6)),
                                 Migration(7, "watch sources, frontier and hosts", _split(_BOTH_7)),
                                 Migration(8, "story keys by story", _split(_BOTH_8)),
                                 Migration(9, "raw content hash per stored page", _split(_BOTH_9)),
                                 Migration(10, "sentence evidence of story profiles", _split(_BOTH_10)))
POSTGRES: tuple[Migration, ...] = (Migration(1, "initial schema", _split(_POSTGRES_1)),
                                   Migration(2, "entity page indexes and co-mention counts",
                                             _split(_POSTGRES_2)),
                                   Migration(3, "entity article counts", _split(_BOTH_3)),
                                   Migration(4, "entity quote counts", _split(_BOTH_4)),
                                   Migration(5, "quotes per month index", _split(_BOTH_5)),
                                   Migration(6, "stories, members, page links and profiles",
                                             _split(_BOTH_6.replace("BLOB", "BYTEA")
                                                    .replace("REAL", "DOUBLE PRECISION"))),
                                   Migration(7, "watch sources, frontier and hosts", _split(_BOTH_7)),
                                   Migration(8, "story keys by story", _split(_BOTH_8)),
                                   Migration(9, "raw content hash per stored page", _split(_BOTH_9)),
                                   Migration(10, "sentence evidence of story profiles",
                                             _split(_BOTH_10.replace("BLOB", "BYTEA"))))
