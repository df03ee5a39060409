"""A spaCy model's static vectors, read without building their key table in every process.

``Vectors.from_disk`` reads the French model's ``key2row`` (a msgpack of 500,000 word hashes → 20,000
rows) into a dict — 0.25 s of CPU and ~40 MiB in every process and worker, most of it making half a
million Python integers — and reads the 24 MB table of vectors into memory. Here the keys are decoded once
per machine into two sorted arrays under the cache folder, and each process maps them and the model's own
vectors file (:class:`MappedKeys`): a few milliseconds, and one copy in memory for all workers.

The only reader of a veille model's vectors is the ``tok2vec`` layer (``Vectors.find`` → ``key2row.get``
for each token); :class:`MappedKeys` answers it from the arrays and remembers recent answers, so a page
costs what it did. ``tests/test_spacy_loading.py`` checks that vectors, tokens, tags, parses and entities
are those of ``spacy.load``. A model whose vectors are of another kind (floret, a ``keys`` file) is loaded
the plain way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .disk_cache import cache_root, file_key, npy_bytes, write_folder_atomic

log = logging.getLogger("veille")

#: Bumped when the files kept in the cache change shape, so that an older folder is not read.
CACHE_FORMAT = 1

#: How many answers :class:`MappedKeys` remembers before it starts again (~25 MiB at most).
MEMO_ENTRIES = 1 << 18


def mappable(vocab_folder: Path) -> bool:
    """Whether the vectors kept in ``vocab_folder`` (a model's ``vocab``) are the kind read here: the
    default mode, a ``vectors`` table and a ``key2row`` file, no ``keys`` file."""
    import srsly

    cfg_file = vocab_folder / "vectors.cfg"
    mode = srsly.read_json(cfg_file).get("mode", "default") if cfg_file.exists() else "default"
    return (mode == "default" and (vocab_folder / "vectors").is_file()
            and (vocab_folder / "key2row").is_file() and not (vocab_folder / "keys").exists())


def load_vectors(vectors: Any, vocab_folder: Path) -> None:
    """Fill ``vectors`` (the model's ``Vectors``, still empty) from ``vocab_folder`` as ``from_disk``
    would, with the table mapped and the keys from the machine's cache (:func:`mappable` must hold)."""
    import numpy as np
    import srsly
    from thinc.api import get_current_ops

    cfg_file = vocab_folder / "vectors.cfg"
    vectors._set_cfg(srsly.read_json(cfg_file) if cfg_file.exists() else {})
    vectors.data = np.load(vocab_folder / "vectors", mmap_mode="r", allow_pickle=False)
    vectors.to_ops(get_current_ops())
    keys, rows = key_arrays(vocab_folder / "key2row")
    vectors.key2row = MappedKeys(keys, rows)
    filled = np.zeros(vectors.data.shape[0], dtype=bool)
    filled[rows[rows < len(filled)]] = True
    if not filled.all():  # rows no key points to: spaCy keeps them as free (``_unset``)
        vectors._sync_unset()


def key_arrays(key2row_file: Path) -> tuple[Any, Any]:
    """(the key hashes sorted, the row of each) of a model's ``key2row`` file, from the cache when it
    holds them, else decoded (0.3 s) and kept there."""
    import numpy as np

    model = key2row_file.parent.parent.name
    folder = cache_root() / "spacy-vectors" / f"{model}-{file_key(key2row_file)}-v{CACHE_FORMAT}"
    try:
        return (np.load(folder / "keys.npy", mmap_mode="r", allow_pickle=False),
                np.load(folder / "rows.npy", mmap_mode="r", allow_pickle=False))
    except FileNotFoundError:
        pass
    except Exception as err:  # a truncated or foreign file: decode the model's file again
        log.debug("vector key cache %s unreadable (%r); decoding the model's file", folder, err)
    keys, rows = _decode(key2row_file)
    write_folder_atomic(folder, {"keys.npy": npy_bytes(keys), "rows.npy": npy_bytes(rows)})
    return keys, rows


def _decode(key2row_file: Path) -> tuple[Any, Any]:
    import numpy as np
    import srsly

    table = srsly.read_msgpack(key2row_file)
    keys = np.fromiter(table.keys(), dtype=np.uint64, count=len(table))
    rows = np.fromiter(table.values(), dtype=np.int64, count=len(table))
    order = np.argsort(keys, kind="stable")
    return keys[order], rows[order]


class MappedKeys(Mapping):
    """``Vectors.key2row`` (word hash → row) over sorted arrays, read-only. Answers ``get``, ``[]``,
    ``in``, ``len`` and iteration like the dict; recent answers are remembered (a page asks for the same
    few hundred words again and again)."""

    def __init__(self, keys: Any, rows: Any):
        self._keys, self._rows = keys, rows
        self._memo: dict[int, int] = {}

    def _row(self, key: Any) -> int:
        row = self._memo.get(key)
        if row is None:
            row = -1
            try:
                i = int(self._keys.searchsorted(key))
                if i < len(self._keys) and int(self._keys[i]) == key:
                    row = int(self._rows[i])
            except (OverflowError, TypeError, ValueError):  # not a 64-bit hash: no vector
                pass
            if len(self._memo) >= MEMO_ENTRIES:
                self._memo.clear()
            self._memo[key] = row
        return row

    def get(self, key: Any, default: Any = None) -> Any:
        row = self._row(key)
        return default if row < 0 else row

    def __getitem__(self, key: Any) -> int:
        row = self._row(key)
        if row < 0:
            raise KeyError(key)
        return row

    def __contains__(self, key: object) -> bool:
        return self._row(key) >= 0

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[int]:
        return (int(k) for k in self._keys)

    def copy(self) -> dict[int, int]:
        return dict(zip((int(k) for k in self._keys), (int(r) for r in self._rows), strict=True))

    def __setitem__(self, key: Any, value: Any) -> None:
        raise TypeError("the vectors' key table is read-only (mapped from veille's cache); "
                        "load the model with spacy.load to add vectors")

    def pop(self, key: Any, default: Any = None) -> Any:
        raise TypeError("the vectors' key table is read-only (mapped from veille's cache); "
                        "load the model with spacy.load to change vectors")
