"""Where a page's event happens, and when two pages put their events in different places.

Two events of the same kind a day apart in neighbouring places — two avalanches in two massifs, two
industrial fires in two towns, two hailstorms over two vineyards — read alike to the encoder and share the
words of their kind; what tells them apart is the place at the lead. A report names its event's place in
its title or first lines; another report of the same event names that place too, somewhere (a follow-up may
lead with a district or a court instead, but still mentions the town).

- ``page_location``: the *specific* places a page names at its lead (title and the first ``LEAD_CHARS``
  characters of the body): entities of the record typed as places (GPE, LOC, FAC) whose mention starts
  there or whose name is in the title, less the broad ones — those the knowledge base knows without a
  country above them (countries, continents, seas, regions like "Europe" or "Middle East"). Each place is
  kept as the name keys of the words of every name it goes by — the knowledge base's name, the page's own
  spellings and the knowledge base's names in every language ("London" and "Londres", "Kyiv" and "Kiev";
  ``evidence.names``' keys: "Liège" and "Liege" meet) — so it can be looked for in any other page's name
  keys, in either language, whatever the other page's entity stage made of it. The ids of the places the
  knowledge base links are kept too: two pages that link one place share it.
- ``places_disagree``: two pages that both lead with places, and share no specific place at all: none of
  the places either names (anywhere) is among the other's name keys (its title and body) or the other's
  places, and no seat of power one names stands for a country the other names ("Berlin" rejects a tax:
  Germany's government; the knowledge base's ``stands_for``). A town in a wire dateline ("PARIS (AFP) —")
  is where the report was filed, not a lead place. A page that
  names the other's place, even in passing ("a day after the fire at Herstal"), or any place in common (a
  follow-up leading with the court's town that still names the village of the accident), does not
  disagree: the rule errs towards keeping a story together, since the entity stage misses places and
  types a few adjectives as places.

- ``places_agree``: both pages lead with places and each names one of the other's lead places — the
  same event's place, or the same place in another event. The repair pass lets such a pair count a little
  below the pair threshold (its ``LINK_MARGIN``), for the next-day follow-up that tells its event from
  another angle (the source of an outbreak found, the damage counted) and so scores under the threshold
  against the first reports: the place and the two-day rule are what it still shares with them.

``places_disagree`` is used as a veto, not a weight: the pair model (``similarity``) knows nothing of
it, and placement (``online``) and the repair pass (``repair``) do not let two pages that disagree on the
place count as a pair. Pages without lead places (entity stage off, a page that names none) never disagree.

>>> a = Location((frozenset({"namur"}),), (frozenset({"namur"}), frozenset({"risnes"})))
>>> b = Location((frozenset({"erstal"}),), (frozenset({"erstal"}), frozenset({"leg"})))
>>> places_disagree(a, frozenset({"namur", "risnes"}), b, frozenset({"erstal", "leg", "votem"}))
True
>>> places_disagree(a, frozenset({"namur", "erstal"}), b, frozenset({"erstal", "leg"}))
False
>>> places_agree(a, frozenset({"namur", "erstal"}), b, frozenset({"erstal", "leg"}))
False
>>> places_agree(a, frozenset({"namur", "erstal"}), b, frozenset({"erstal", "namur"}))
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..kb.fold import fold
from ..stages.entities.namekeys import name_key

#: Characters of the body, after the title, where a report names its event's place.
LEAD_CHARS = 300
#: Entity types that are places.
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
#: Lead places kept per page (a list of villages is no more telling than its first few).
MAX_LEAD_PLACES = 6
#: Places kept per page in all.
MAX_PLACES = 30


@dataclass(frozen=True)
class Location:
    """The specific places a page names at its lead, and all those it names, each as the name keys of its
    words."""

    lead: tuple[frozenset[str], ...] = ()
    places: tuple[frozenset[str], ...] = ()
    #: The knowledge-base ids of the places named (linked places only: a local id means nothing elsewhere).
    ids: frozenset[str] = frozenset()
    #: The ids of the broad places named (countries, regions), and of those the seats of power named stand
    #: for ("Berlin" for Germany's government): a capital at the lead is often its government, not a place.
    broad: frozenset[str] = frozenset()
    seats: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, list[Any]]:
        return {"lead": [sorted(k) for k in self.lead], "places": [sorted(k) for k in self.places],
                "ids": sorted(self.ids), "broad": sorted(self.broad), "seats": sorted(self.seats)}

    @classmethod
    def from_json(cls, data: Any) -> Location:
        """From ``to_json``'s form; anything else (a profile stored before this existed) is no location."""
        if not isinstance(data, dict):
            return cls()
        return cls(_key_sets(data.get("lead")), _key_sets(data.get("places")), _ids(data.get("ids")),
                   _ids(data.get("broad")), _ids(data.get("seats")))


def _ids(data: Any) -> frozenset[str]:
    return frozenset(str(i) for i in data) if isinstance(data, list) else frozenset()


def _key_sets(data: Any) -> tuple[frozenset[str], ...]:
    if not isinstance(data, list):
        return ()
    return tuple(frozenset(str(k) for k in keys) for keys in data if isinstance(keys, list) and keys)


def page_location(title: str | None, entities: Iterable[Any], mentions: Iterable[Any],
                  text: str | None = None) -> Location:
    """The lead places of a record (its ``title``, ``entities`` and ``mentions``, see the module doc); with
    its body ``text``, a place named only in the dateline ("PARIS (AFP) —") is not a lead place."""
    entities = list(entities)
    broad = frozenset(e.id for e in entities if e.type in PLACE_TYPES and _broad(e.id))
    places = {e.id: e for e in entities if e.type in PLACE_TYPES and e.id not in broad}
    mentions = list(mentions)
    dateline = dateline_end(text or "", [(m.start, m.end) for m in mentions if m.entity_id in places])
    folded_title = f" {fold(title or '')} "
    order: dict[str, int] = {}
    for entity_id, entity in places.items():
        names = [entity.name, *entity.names]
        if any(f" {fold(n)} " in folded_title for n in names if n):
            order[entity_id] = -1
    for m in mentions:
        if m.entity_id in places and dateline <= m.start < LEAD_CHARS:
            order[m.entity_id] = min(order.get(m.entity_id, m.start), m.start)
    lead = _distinct(_all_keys(places[i]) for i in sorted(order, key=lambda i: (order[i], i)))
    named = _distinct(_all_keys(places[i]) for i in sorted(places))
    linked = frozenset(i for i in places if _kb().get(i) is not None)
    seats = frozenset(_kb().get(i).stands_for for i in linked if _kb().get(i).stands_for)
    return Location(tuple(lead[:MAX_LEAD_PLACES]), tuple(named[:MAX_PLACES]), linked, broad, seats)


#: A wire dateline at the start of a body: a town in capitals ("PARIS —", "NEW YORK, March 3 -"), or any
#: town before a parenthesised agency ("Paris (AFP) -", "Kyiv, 3 mars (Reuters) —"), then a dash or colon.
_DATELINE = re.compile(
    r"\A\s*(?:[A-ZÀ-ÖØ-Þ]{2}[A-ZÀ-ÖØ-Þ'’. -]{0,30}(?:,[^\n()—–:]{1,30})?(?:\s*\([^()\n]{1,30}\))?"
    r"|[A-ZÀ-ÖØ-Þ][\w'’. -]{1,30}(?:,[^\n()—–:]{1,30})?\s*\([A-Z][^()\n]{1,30}\))\s*(?:[—–:]|--?)\s")


#: What follows the place of a dateline written like a name ("Paris - ", "Paris, 3 May — ").
_AFTER_PLACE = re.compile(r"(?:,[^\n()—–:]{1,30})?\s*(?:\([^()\n]{1,30}\))?\s*(?:[—–]|--?)\s")


def dateline_end(text: str, places: Iterable[tuple[int, int]] = ()) -> int:
    """Where a wire dateline opening ``text`` ends (0 without one): a ``_DATELINE``, or a place mention
    (``places``: its start and end in ``text``) opening the body and followed by a dash ("Paris - The
    team said…"). A dateline names where the report was filed — the agency's desk, often the capital —
    not where the event happened: two reports of one event filed from two capitals must not disagree on
    the place for it."""
    found = _DATELINE.match(text)
    if found:
        return found.end()
    for start, end in places:
        if not text[:start].strip():
            after = _AFTER_PLACE.match(text, end)
            if after:
                return after.end()
    return 0


def _all_keys(entity: Any) -> frozenset[str]:
    """The name keys of every name a place goes by: the record's name and spellings, and the knowledge
    base's names for it in every language."""
    names = [entity.name, *entity.names]
    known = _kb().get(entity.id)
    if known is not None:
        names.extend(n for spellings in known.names.values() for n in spellings)
    return frozenset().union(*(place_keys(n) for n in names if n))


def _distinct(key_sets: Iterable[frozenset[str]]) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    for keys in key_sets:
        if keys and keys not in out:
            out.append(keys)
    return out


def place_keys(name: str) -> frozenset[str]:
    """The name keys of a place's words of three letters or more ("Val-d'Isère" one word, "Le Havre" →
    "havre"), as ``evidence.names`` keys a page's capitalised words."""
    keys = (name_key(word) for word in name.split())
    return frozenset(k for k in keys if len(k) >= 3)


def places_disagree(a: Location, a_names: frozenset[str], b: Location, b_names: frozenset[str]) -> bool:
    """True when both pages lead with places and neither names any place of the other (``a_names``,
    ``b_names``: the name keys of each page's title and body, ``Profile.names``) nor links one the other
    links."""
    if not a.lead or not b.lead or a.ids & b.ids or _shared(a.places, b.places):
        return False
    if a.seats & (b.broad | b.seats) or b.seats & (a.broad | a.seats):
        return False  # "Berlin" (its government) in one, Germany in the other
    return not _named(a.places, b_names) and not _named(b.places, a_names)


def _shared(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> bool:
    """Whether a place of one page and a place of the other have a name key in common: both entity stages
    found it, even where the name keys of the text miss it (a title or a sentence that starts with it)."""
    keys = frozenset().union(*a) if a else frozenset()
    return any(k & keys for k in b)


def places_agree(a: Location, a_names: frozenset[str], b: Location, b_names: frozenset[str]) -> bool:
    """True when both pages lead with places and each names one of the other's lead places."""
    return bool(a.lead and b.lead) and _named(a.lead, b_names) and _named(b.lead, a_names)


def _named(lead: Sequence[frozenset[str]], names: frozenset[str]) -> bool:
    return any(keys & names for keys in lead)


def _broad(entity_id: str) -> bool:
    """A place the knowledge base knows with no country above it: a country, a continent, a region."""
    entity = _kb().get(entity_id)
    return entity is not None and entity.type in PLACE_TYPES and entity.country is None


@cache
def _kb() -> Any:
    from ..kb.loader import load_kb

    return load_kb()
