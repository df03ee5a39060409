"""Entity labels in an article's own language.

An entity's ``name`` is canonical (English: "Yaroslav Dubenko"); a French article calls him "Iaroslav
Doubenko". The article page labels each entity with the fullest name the article itself gives it, and keeps
the canonical name for the hover title. Only names the article spells out count: a pronoun or a
description resolved by coreference ("le président russe") is not a label.
"""

from __future__ import annotations

from collections import Counter

from ..record import Article

# Links that stand for the entity without naming it: "le président russe", "le Kremlin" for Russia.
_NOT_NAMING = {"description", "metonymy"}


def local_labels(art: Article) -> dict[str, str]:
    """``{entity id: label}``: the longest name the article writes for each entity (the most frequent
    among equally long ones), else the canonical name.

    >>> from veille.store.synthetic import EntitySpec, annotate
    >>> who = EntitySpec("Q1004", "Yaroslav Dubenko", "PER", ["Iaroslav Doubenko", "Doubenko"])
    >>> art = annotate("x", "Iaroslav Doubenko parle. Doubenko insiste.", lang="fr", entities=[who])
    >>> local_labels(art)
    {'Q1004': 'Iaroslav Doubenko'}
    """
    seen: dict[str, Counter[str]] = {}
    for m in art.mentions:
        if m.how not in _NOT_NAMING and (m.how != "coref" or _is_name(m.text)):
            seen.setdefault(m.entity_id, Counter())[" ".join(m.text.split())] += 1
    labels = {}
    for e in art.entities:
        names = seen.get(e.id)
        labels[e.id] = max(names, key=lambda n: (len(n), names[n])) if names else e.name
    return labels


def _is_name(text: str) -> bool:
    """A coreference link names the entity when it starts with a capital or a digit ("Doubenko"), not when it
    is a pronoun or a role ("elle", "la ministre")."""
    first = text.strip()[:1]
    return first.isupper() or first.isdigit()
