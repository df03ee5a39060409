"""The knowledge base's records: an entity with its names in each language, its roles over time, and the
links (country, metonymy) that let the linker turn "le président russe" or "Moscou a déclaré" into ids."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Entity types, as in the Article record's ``Entity.type``.
TYPES = ("PER", "ORG", "GPE", "LOC", "NORP", "MEDIA", "WEAPON", "EVENT", "MISC")

#: Language key for names that are the same in every language (acronyms, most personal names).
ANY_LANG = "*"


@dataclass(frozen=True)
class Role:
    """An office held: ``role`` (snake_case, e.g. ``head_of_state``) of the entity ``of`` (a country or an
    organisation id) from ``start`` to ``end`` (ISO dates ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``end``
    None = still in office)."""

    role: str
    of: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class KBEntity:
    """One thing the knowledge base knows. ``id`` is a Wikidata QID when known with certainty, else a stable
    local id ``veille:<slug>``. ``names`` maps a language code (or ``"*"``) to surface names and aliases.

    >>> KBEntity(id="Q7184", name="NATO", type="ORG", names={"*": ("NATO", "OTAN")}).all_names()
    ('NATO', 'OTAN')
    """

    id: str
    name: str
    type: str
    names: dict[str, tuple[str, ...]]
    roles: tuple[Role, ...] = ()
    country: str | None = None
    stands_for: str | None = None
    adjectives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    wikidata: str | None = None

    def __hash__(self) -> int:  # dict fields are not hashable; the id identifies the entity
        return hash(self.id)

    def all_names(self, lang: str | None = None) -> tuple[str, ...]:
        """Every surface name (canonical name first), or those of ``lang`` plus the language-free ones."""
        seen: dict[str, None] = {self.name: None}
        for key, names in self.names.items():
            if lang is None or key in (lang, ANY_LANG):
                seen.update(dict.fromkeys(names))
        return tuple(seen)
