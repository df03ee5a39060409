"""Name folding: the key under which "l’OTAN" and "l'OTAN", "Élysée" and "Elysee", "Asie-Pacifique" and
"Asie Pacifique" meet. Used for lookups; surface names themselves are kept as written."""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus a mark (Łukaszenka, Ørsted, Straße...).
_LETTERS = str.maketrans({
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae", "Æ": "ae",
    "œ": "oe", "Œ": "oe", "ı": "i", "ħ": "h", "þ": "th", "ð": "d",
})
# Apostrophes and quote-like marks written for the French elision or in transliterations (Kyiv’s, Ma'rib).
_APOSTROPHES = re.compile(r"[’‘ʼʻ`´′ʹ]")
# Dots vanish so that "U.S.", "U.S" and "US", "St. Petersburg" and "St Petersburg" meet.
_DOTS = re.compile(r"\.")
# Hyphens and dashes of every kind, and any run of white space, become one space.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_]+")


def fold(name: str) -> str:
    """Lower-case, strip accents, unify apostrophes, drop dots, turn hyphens and space runs into a space.

    >>> fold("l’Élysée"), fold("Asie-Pacifique"), fold("Łukaszenka")
    ("l'elysee", 'asie pacifique', 'lukaszenka')
    """
    text = name.casefold()
    if not text.isascii():  # most names are ASCII: skip the Unicode work for them (load time)
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _DOTS.sub("", _APOSTROPHES.sub("'", text))
    return _SEPARATORS.sub(" ", text).strip()
