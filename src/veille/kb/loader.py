"""Reading knowledge-base files: the shipped data (src/veille/kb/data/*.jsonl.gz) and user files in the
same format (docs/kb-format.md), one JSON object per line, plain or gzipped. A user entity whose id is
already known replaces it, or with ``"merge": true`` adds its names, adjectives and roles to it."""

from __future__ import annotations

import gzip
import hashlib
import json
import pickle
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..disk_cache import cache_root, file_key, pickled
from ..errors import ConfigError
from .base import KnowledgeBase
from .model import TYPES, KBEntity, Role

DATA_DIR = Path(__file__).parent / "data"
_KEYS = {"id", "name", "type", "names", "roles", "country", "stands_for", "adjectives", "wikidata", "merge",
         "note"}


def load_kb(extra_files: Sequence[str] = ()) -> KnowledgeBase:
    """The shipped knowledge base plus ``extra_files`` (e.g. ``Config.kb_files``), loaded once per process
    for each set of files. A bad user file raises ConfigError naming the file, the line and the problem."""
    key = tuple(str(Path(f).expanduser()) for f in extra_files)
    with _LOADING:  # a server's threads all ask on its first requests: build it once, not once per thread
        return _load(key)


_LOADING = threading.Lock()


@lru_cache(maxsize=8)
def _load(extra_files: tuple[str, ...]) -> KnowledgeBase:
    if not extra_files:  # the shipped KB alone: built once per machine, read back in a fortieth of the time
        return _shipped_cached()
    return _build(extra_files)


def _build(extra_files: tuple[str, ...]) -> KnowledgeBase:
    entities: dict[str, KBEntity] = {}
    for path in sorted(DATA_DIR.glob("*.jsonl.gz")):
        for entity, _ in read_entities(path):
            entities[entity.id] = entity
    for name in extra_files:
        for entity, merge in read_entities(Path(name)):
            known = entities.get(entity.id)
            entities[entity.id] = merge_entities(known, entity) if merge and known else entity
    return KnowledgeBase(entities.values())


#: What the shipped KB's cache file depends on: its data and the code that reads and indexes it.
_CODE = ("base.py", "fold.py", "loader.py", "model.py")


def shipped_key() -> str:
    """A key that changes when the shipped data files or the code that builds the KB from them change."""
    files = [*sorted(DATA_DIR.glob("*.jsonl.gz")), *(Path(__file__).parent / name for name in _CODE)]
    text = "|".join(f"{f.name}:{file_key(f)}" for f in files) + f"|{sys.version}|{pickle.HIGHEST_PROTOCOL}"
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def _shipped_cached() -> KnowledgeBase:
    """The shipped KB from the per-machine cache (``kb/shipped-KEY.pickle`` under ``cache_root()``), built
    from the data files and kept there when absent or unreadable. Reading and indexing the 2,500 entities
    costs ~0.15 s of every start; unpickling them ~0.03 s. ``cache_key`` tells what it was built from, so
    that what is derived from it (the entity matcher) can be kept too."""
    key = shipped_key()
    kb = pickled(cache_root() / "kb" / f"shipped-{key}.pickle", lambda: _build(()), KnowledgeBase)
    kb.cache_key = key
    return kb


def read_entities(path: Path) -> Iterator[tuple[KBEntity, bool]]:
    """(entity, merge flag) for each line of a KB file; blank lines and lines starting with # are skipped."""
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{number}: not a JSON object ({exc.msg}); see docs/kb-format.md") \
                from exc
        try:
            yield entity_from_dict(data), bool(data.get("merge", False))
        except (TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"{path}:{number}: {exc}; see docs/kb-format.md") from exc


def _lines(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8-sig").splitlines()
    except FileNotFoundError as exc:
        raise ConfigError(f"knowledge-base file {path} does not exist; check Config.kb_files") from exc
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise ConfigError(f"knowledge-base file {path} cannot be read as UTF-8 JSON lines: {exc}") from exc


def entity_from_dict(data: Any) -> KBEntity:
    """Build and validate one entity from its JSON form; raises ValueError/TypeError saying what is wrong."""
    if not isinstance(data, dict):
        raise TypeError(f"expected a JSON object, got {type(data).__name__}")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ValueError(f"unknown keys {unknown}; valid keys are {sorted(_KEYS)}")
    for key in ("id", "name", "type"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValueError(f"{key!r} must be a non-empty string (entity {data.get('id')!r})")
    if data["type"] not in TYPES:
        raise ValueError(f"type {data['type']!r} of {data['id']!r} is not one of {list(TYPES)}")
    return KBEntity(
        id=data["id"], name=data["name"], type=data["type"],
        names=_names(data.get("names", {}), "names", data["id"]),
        roles=tuple(_role(r, data["id"]) for r in _list(data.get("roles", []), "roles", data["id"])),
        country=_optional(data, "country"), stands_for=_optional(data, "stands_for"),
        adjectives=_names(data.get("adjectives", {}), "adjectives", data["id"]),
        wikidata=_optional(data, "wikidata"),
    )


def _names(value: Any, key: str, entity_id: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise TypeError(f"{key!r} of {entity_id!r} must map a language code to a list of names")
    names = {}
    for lang, items in value.items():
        items = [items] if isinstance(items, str) else _list(items, f"{key}.{lang}", entity_id)
        if not all(isinstance(item, str) and item.strip() for item in items):
            raise ValueError(f"{key}.{lang} of {entity_id!r} must hold non-empty strings")
        names[lang] = tuple(items)
    return names


def _role(value: Any, entity_id: str) -> Role:
    if isinstance(value, list) and 2 <= len(value) <= 4:
        value = dict(zip(("role", "of", "start", "end"), value, strict=False))
    if not isinstance(value, dict) or not isinstance(value.get("role"), str) or not value.get("of"):
        raise ValueError(f"a role of {entity_id!r} must be {{'role', 'of', 'start', 'end'}}, got {value!r}")
    for key in ("start", "end"):
        date = value.get(key)
        if date is not None and not _is_iso_date(date):
            raise ValueError(f"role {value['role']!r} of {entity_id!r}: {key} {date!r} is not YYYY[-MM[-DD]]")
    return Role(value["role"], value["of"], value.get("start"), value.get("end"))


def _is_iso_date(value: Any) -> bool:
    if not isinstance(value, str) or len(value) not in (4, 7, 10):
        return False
    parts = value.split("-")
    return all(p.isdigit() for p in parts) and [len(p) for p in parts] == [4, 2, 2][: len(parts)]


def _list(value: Any, key: str, entity_id: str) -> list:
    if not isinstance(value, list):
        raise TypeError(f"{key!r} of {entity_id!r} must be a list, got {type(value).__name__}")
    return value


def _optional(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{key!r} of {data['id']!r} must be a string or null")
    return value


def merge_entities(known: KBEntity, extra: KBEntity) -> KBEntity:
    """``known`` with the names, adjectives and roles of ``extra`` added (a user's "merge": true line)."""
    return replace(
        known,
        names=_union(known.names, extra.names),
        adjectives=_union(known.adjectives, extra.adjectives),
        roles=known.roles + tuple(r for r in extra.roles if r not in known.roles),
        country=extra.country or known.country, stands_for=extra.stands_for or known.stands_for,
    )


Names = dict[str, tuple[str, ...]]


def _union(first: Names, second: Names) -> Names:
    merged = {lang: tuple(names) for lang, names in first.items()}
    for lang, names in second.items():
        merged[lang] = tuple(dict.fromkeys(merged.get(lang, ()) + names))
    return merged


def entity_to_dict(entity: KBEntity) -> dict[str, Any]:
    """The compact JSON form of an entity (empty fields left out), as written in the data files."""
    data: dict[str, Any] = {"id": entity.id, "name": entity.name, "type": entity.type,
                            "names": {k: list(v) for k, v in entity.names.items()}}
    if entity.roles:
        data["roles"] = [[r.role, r.of, r.start, r.end] for r in entity.roles]
    for key in ("country", "stands_for", "wikidata"):
        if getattr(entity, key):
            data[key] = getattr(entity, key)
    if entity.adjectives:
        data["adjectives"] = {k: list(v) for k, v in entity.adjectives.items()}
    return data
