"""The lemmatizer's lookup tables of a spaCy model, read from a compact form kept once per machine.

``Lookups.from_disk`` decodes the model's ``lookups.bin`` (a msgpack of dicts) and fills each ``Table``
entry by entry through its Python ``__setitem__``: 1.3 s and ~40 MiB per process for the 217,000 forms of
the French ``lemma_lookup``. Here the file is decoded once per machine into the cache folder: a large
table whose values are strings (or one-string lists) becomes two ``.npy`` arrays — the key hashes sorted,
and for each the number of its value — plus its distinct values; each process maps the arrays
(:class:`MappedTable`) and reads only the values. Small tables are kept apart (msgpack, the fastest of
the formats tried to read back) and filled into ordinary tables. A cache that cannot be read or written
falls back to decoding the model's file.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from pathlib import Path
from typing import Any

import srsly
from spacy.lookups import Lookups, Table
from spacy.strings import get_string_id

from .disk_cache import cache_root, file_key, npy_bytes, write_folder_atomic

log = logging.getLogger("veille")


def lookups_from(path: Path):
    """The ``Lookups`` that ``Lookups().from_disk(path.parent)`` gives: large tables mapped from the
    machine's cache (:class:`MappedTable`), small ones filled in full."""
    model, component = path.parent.parent.parent.name, path.parent.parent.name
    folder = cache_root() / "spacy-lookups" / f"{model}-{component}-{file_key(path)}-v{CACHE_FORMAT}"
    parts = _read_parts(folder)
    if parts is None:
        parts = _split_tables(path)
        write_folder_atomic(folder, _part_files(parts))
    small, mapped = parts
    lookups = Lookups()
    for name, data in small.items():
        lookups._tables[name] = _table(name, data)
    for name, (keys, rows, values, listed) in mapped.items():
        lookups._tables[name] = MappedTable(name, keys, rows, values, listed)
    return lookups


#: Bumped when the files kept in the cache change shape, so that an older folder is not read.
CACHE_FORMAT = 2

#: Tables with more entries than this are kept as sorted arrays rather than filled into a dict.
MAPPED_MIN_ENTRIES = 10_000

#: (small tables as dicts, large tables as (sorted key hashes, value numbers, distinct values, whether
#: each value is a one-element list rather than a string))
_Parts = tuple[dict[str, dict], dict[str, tuple[Any, Any, list[str], bool]]]


def _split_tables(path: Path) -> _Parts:
    """Decode ``lookups.bin`` (0.5 s): large tables whose values are strings (or one-string lists, as the
    French ``lemma_lookup``) become (sorted key hashes, value numbers, distinct values); the rest stay
    dicts."""
    import numpy as np
    small: dict[str, dict] = {}
    mapped: dict[str, tuple[Any, Any, list[str], bool]] = {}
    for name, data in srsly.msgpack_loads(path.read_bytes()).items():
        if len(data) < MAPPED_MIN_ENTRIES or not all(isinstance(k, int) and _one_string(v)
                                                      for k, v in data.items()):
            small[name] = data
            continue
        keys = np.fromiter(data.keys(), dtype=np.uint64, count=len(data))
        order = np.argsort(keys, kind="stable")
        strings = [v if isinstance(v, str) else v[0] for v in data.values()]
        distinct = list(dict.fromkeys(strings))
        number = {s: i for i, s in enumerate(distinct)}
        rows = np.fromiter((number[s] for s in strings), dtype=np.uint32, count=len(strings))
        listed = {isinstance(v, list) for v in data.values()}
        if len(listed) > 1:  # strings and lists mixed: keep it as it is
            small[name] = data
            continue
        mapped[name] = (keys[order], rows[order], distinct, listed.pop())
    return small, mapped


def _one_string(value: Any) -> bool:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return isinstance(value, str)


def _part_files(parts: _Parts) -> dict[str, bytes]:
    small, mapped = parts
    files = {"small.msgpack": srsly.msgpack_dumps(small)}
    for name, (keys, rows, values, listed) in mapped.items():
        files[f"{name}.keys.npy"], files[f"{name}.rows.npy"] = npy_bytes(keys), npy_bytes(rows)
        files[f"{name}.values.json"] = json.dumps({"listed": listed, "values": values},
                                                  ensure_ascii=False).encode("utf-8")
    return files


def _read_parts(folder: Path) -> _Parts | None:
    import numpy as np

    try:
        small = srsly.msgpack_loads((folder / "small.msgpack").read_bytes())
        mapped = {}
        for values_file in folder.glob("*.values.json"):
            name = values_file.name.removesuffix(".values.json")
            values = json.loads(values_file.read_text(encoding="utf-8"))
            mapped[name] = (np.load(folder / f"{name}.keys.npy", mmap_mode="r", allow_pickle=False),
                            np.load(folder / f"{name}.rows.npy", mmap_mode="r", allow_pickle=False),
                            values["values"], bool(values["listed"]))
        return small, mapped
    except FileNotFoundError:
        return None
    except Exception as err:  # a truncated or foreign file, whatever its decoder raises: decode afresh
        log.debug("lookup cache %s unreadable (%r); decoding the model's file", folder, err)
        return None


class MappedTable(Table):
    """A read-only spaCy ``Table`` over sorted arrays: key hashes, and for each the number of its value
    among the distinct values. Answers ``get``, ``[]``, ``in``, ``len`` and iteration like the filled
    table (so ``Lookups.to_bytes`` still writes every entry), without a dict of 217,000 entries in each
    process: the arrays are pages of one file shared by every worker.

    With ``listed`` each value is the one-element list of its string (the French table's form); each
    read returns a new list, as a caller may change it."""

    def __init__(self, name: str, keys, rows, values: list[str], listed: bool):
        super().__init__(name, {})
        self._keys, self._rows, self._values, self._listed = keys, rows, values, listed

    def _find(self, key) -> int:
        h = get_string_id(key)
        i = int(self._keys.searchsorted(h))
        return i if i < len(self._keys) and int(self._keys[i]) == h else -1

    def _value(self, i: int):
        v = self._values[int(self._rows[i])]
        return [v] if self._listed else v

    def get(self, key, default=None):
        i = self._find(key)
        return default if i < 0 else self._value(i)

    def __getitem__(self, key):
        i = self._find(key)
        if i < 0:
            raise KeyError(key)
        return self._value(i)

    def __contains__(self, key) -> bool:
        return self._find(key) >= 0

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self):
        return (int(k) for k in self._keys)

    def keys(self):  # type: ignore[override]
        return list(self)

    def values(self):  # type: ignore[override]
        return [self._value(i) for i in range(len(self._keys))]

    def items(self):  # type: ignore[override]
        return [(int(k), self._value(i)) for i, k in enumerate(self._keys)]

    def to_bytes(self) -> bytes:
        return Table(self.name, dict(self.items())).to_bytes()

    def __setitem__(self, key, value) -> None:
        raise TypeError(f"the lookup table {self.name!r} is read-only (mapped from veille's cache)")


def _table(name: str, data: dict):
    """A spaCy ``Table`` holding ``data`` (keys already hashes), filled without its Python ``__setitem__``.

    What ``Table(name, data)`` does entry by entry: each key goes into the ordered dict and the Bloom
    filter. The filter has no false negatives at any size, so ``in`` answers the same."""
    from preshed.bloom import BloomFilter

    table = Table(name)
    table.bloom = BloomFilter.from_error_rate(max(len(data), 1))
    put, add = OrderedDict.__setitem__, table.bloom.add
    for key, value in data.items():
        key = key if isinstance(key, int) else get_string_id(key)
        put(table, key, value)
        add(key)
    return table
