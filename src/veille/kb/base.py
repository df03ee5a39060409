"""The in-memory knowledge base: entities by id, plus folded-name and adjective indexes built once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from .fold import fold
from .model import ANY_LANG, KBEntity


class KnowledgeBase:
    """Entities by id, with lookups by name, by adjective ("russe" -> Russia) and by office at a date.

    >>> kb = load_kb()                                          # doctest: +SKIP
    >>> [e.name for e in kb.holders("head_of_state", "Q30", on="2023-03-26")]   # doctest: +SKIP
    ['Joe Biden']
    """

    #: Set by the loader on the shipped KB: a key of the data and code it was built from (None otherwise).
    cache_key: str | None = None

    def __init__(self, entities: Iterable[KBEntity]):
        self._by_id: dict[str, KBEntity] = {e.id: e for e in entities}
        self._names: dict[str, dict[str, list[str]]] = defaultdict(_by_lang)
        self._adjectives: dict[str, dict[str, list[str]]] = defaultdict(_by_lang)
        self._roles: dict[tuple[str, str], list[str]] = defaultdict(list)
        for entity in self._by_id.values():
            self._index(entity)

    def _index(self, entity: KBEntity) -> None:
        _add(self._names, fold(entity.name), ANY_LANG, entity.id)
        for lang, names in entity.names.items():
            for name in names:
                _add(self._names, fold(name), lang, entity.id)
        for lang, adjectives in entity.adjectives.items():
            for adjective in adjectives:
                _add(self._adjectives, fold(adjective), lang, entity.id)
        for role in entity.roles:
            if entity.id not in self._roles[(role.role, role.of)]:
                self._roles[(role.role, role.of)].append(entity.id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[KBEntity]:
        return iter(self._by_id.values())

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def get(self, entity_id: str) -> KBEntity | None:
        """The entity with this id, or None."""
        return self._by_id.get(entity_id)

    def lookup(self, name: str, lang: str | None = None) -> list[KBEntity]:
        """Entities one of whose names folds to the same key as ``name`` (case, accents, apostrophes,
        hyphens ignored). With ``lang``, only names of that language and language-free ones ("*")."""
        return self._find(self._names, name, lang)

    def by_adjective(self, adjective: str, lang: str | None = None) -> list[KBEntity]:
        """Countries (or other entities) this demonym or adjective refers to: "russe" -> [Russia]."""
        return self._find(self._adjectives, adjective, lang)

    def surface_names(self) -> Iterator[tuple[str, str, str]]:
        """(surface name, lang, entity id) for every name as written, to build a multi-pattern matcher.
        The canonical name comes first, under "*"; a name listed twice for one entity is given once."""
        for entity in self._by_id.values():
            seen = {(entity.name, ANY_LANG)}
            yield entity.name, ANY_LANG, entity.id
            for lang, names in entity.names.items():
                for name in names:
                    if (name, lang) not in seen:
                        seen.add((name, lang))
                        yield name, lang, entity.id

    def holders(self, role: str, of: str, on: str | None = None) -> list[KBEntity]:
        """Who held ``role`` of ``of`` (an entity id) on the date ``on`` (ISO; None = today), the most
        recent start first. Both ends are inclusive: on a handover day both people are returned."""
        day = on or date.today().isoformat()
        found = []
        for entity_id in self._roles.get((role, of), ()):
            entity = self._by_id[entity_id]
            for held in entity.roles:
                if held.role == role and held.of == of and _within(day, held.start, held.end):
                    found.append((held.start or "", entity))
                    break
        return [entity for _, entity in sorted(found, key=lambda pair: pair[0], reverse=True)]

    def _find(self, index: dict[str, dict[str, list[str]]], text: str, lang: str | None) -> list[KBEntity]:
        by_lang = index.get(fold(text))
        if not by_lang:
            return []
        ids: dict[str, None] = {}
        for key, entity_ids in by_lang.items():
            if lang is None or key in (lang, ANY_LANG):
                ids.update(dict.fromkeys(entity_ids))
        return [self._by_id[i] for i in ids]


def _add(index: dict[str, dict[str, list[str]]], key: str, lang: str, entity_id: str) -> None:
    if key and entity_id not in index[key][lang]:
        index[key][lang].append(entity_id)


def _within(day: str, start: str | None, end: str | None) -> bool:
    """Is the ISO date ``day`` inside [start, end]? A partial start ("2022") counts from its first day, a
    partial end from its last, so that a year-only date never excludes a day it may cover."""
    if start and day < _pad(start, "-01-01"):
        return False
    if end and day > _pad(end, "-12-31"):
        return False
    return True


def _pad(value: str, filler: str) -> str:
    """'2022' -> '2022-01-01' (or -12-31); '2022-03' -> '2022-03-01' (or -31, fine for comparison)."""
    return value + filler[len(value) - 4:] if len(value) < 10 else value


def _by_lang() -> defaultdict[str, list[str]]:
    """An index entry: language → entity ids (a named function, not a lambda, so the KB pickles and the
    loader can keep it in the per-machine cache)."""
    return defaultdict(list)
