"""Within-page coreference of names, and ids for what the knowledge base does not know.

- a surname alone or "M. X" is the person whose full name on the page ends with that surname
  (Poutine -> Vladimir Poutine, Binet -> Sophie Binet), the nearest one before it first;
- an acronym in brackets after a name is that name ("Canadian Space Agency (CSA)"), and so is an
  acronym made of a name's initials met elsewhere on the page;
- people the KB does not know get an id from their transliteration key, so Loukachenko and Lukashenko
  get the same id on a French and an English page; other unknown names an id from their folded name.
"""

from __future__ import annotations

import re

from .entities_mentions import Candidate
from .entities_namekeys import fold_name, local_id, name_key, person_key, surname_key

_STOP = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "les", "et", "pour", "d", "l", "en", "a",
         "à"}


def resolve_people(cands: list[Candidate]) -> None:
    """Link surnames to full names on the page; give unknown full names their name-key id."""
    people = [c for c in cands if c.label == "PER"]
    full = [c for c in people if len(c.text.split()) >= 2]
    for c in full:
        if c.entity_id is None:
            c.entity_id, c.how = local_id("PER", person_key(c.text)), "namekey"
    for c in people:
        if len(c.text.split()) >= 2:
            continue
        match = _full_name_for(c, full)
        if match is not None and match.entity_id != c.entity_id:
            c.entity_id, c.how = match.entity_id, "coref"
        elif c.entity_id is None:
            c.entity_id, c.how = local_id("PER", surname_key(c.text)), "namekey"


def _full_name_for(c: Candidate, full: list[Candidate]) -> Candidate | None:
    key = name_key(c.text)
    same = [f for f in full if surname_key(f.text) == key or name_key(f.text.split()[-1]) == key]
    before = [f for f in same if f.start < c.start]
    return before[-1] if before else (same[0] if same else None)


def resolve_acronyms(cands: list[Candidate], text: str) -> None:
    """"Name (ACR)" and initials: the acronym and the name are one entity."""
    by_start = {c.start: c for c in cands}
    for c in cands:
        m = re.match(r"\s*\(\s*", text[c.end:])
        other = by_start.get(c.end + m.end()) if m else None
        if other is not None and _is_acronym(other.text) and text[other.end:other.end + 1] == ")":
            _unify(c, other)
    named = [c for c in cands if c.label in ("ORG", "MEDIA") and len(c.text.split()) >= 2]
    for c in cands:
        if c.entity_id is None and _is_acronym(c.text):
            full = next((n for n in named if _initials(n.text) == c.text.replace(".", "")), None)
            if full is not None:
                _unify(full, c)


def _unify(name: Candidate, acronym: Candidate) -> None:
    if name.entity_id and not acronym.entity_id:
        acronym.entity_id, acronym.how, acronym.label = name.entity_id, "coref", name.label
    elif acronym.entity_id and not name.entity_id:
        name.entity_id, name.how, name.label = acronym.entity_id, "coref", acronym.label
    elif not name.entity_id and not acronym.entity_id:
        name.extra["alias_of"] = None
        acronym.extra["alias_of"] = name


def _is_acronym(s: str) -> bool:
    letters = s.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and fold_name(w) not in _STOP]
    return "".join(w[0] for w in words).upper()


def resolve_unknown(cands: list[Candidate]) -> None:
    """Ids for names neither the KB nor the people rules resolved: one per folded name."""
    for c in cands:
        if c.entity_id is None and c.extra.get("alias_of") is None:
            c.entity_id, c.how = local_id(c.label, fold_name(c.text)), "ner"
    for c in cands:
        alias = c.extra.get("alias_of")
        if c.entity_id is None and alias is not None:
            c.entity_id, c.how, c.label = alias.entity_id, "coref", alias.label
