"""The knowledge base: countries, capitals, organisations, office holders, media, armed forces and weapons,
shipped as data files (docs/kb-format.md) built by scripts/build_kb.py; users add their own files.

>>> from veille.kb import load_kb
>>> kb = load_kb()
>>> [e.id for e in kb.lookup("l’OTAN".removeprefix("l’"), lang="fr")]
['Q7184']
"""

from __future__ import annotations

from .base import KnowledgeBase
from .fold import fold
from .loader import entity_from_dict, entity_to_dict, load_kb, read_entities
from .model import ANY_LANG, TYPES, KBEntity, Role

__all__ = [
    "ANY_LANG", "TYPES", "KBEntity", "KnowledgeBase", "Role", "entity_from_dict", "entity_to_dict", "fold",
    "load_kb", "read_entities",
]
