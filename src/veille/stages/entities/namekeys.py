"""Folding and name keys: how two spellings of one name are recognised as the same.

``fold`` removes case, accents and apostrophe variants while keeping one character per input character,
so offsets found in folded text are offsets in the original. ``name_key`` goes further for people the
knowledge base does not know: it maps transliteration variants onto one key, so Loukachenko (French),
Lukashenko (English) and Lukaschenko (German) share a key, as do Zelensky, Zelenskyy and Zelenski.
``local_id`` turns a key into a stable id, the same on every page and in every language.

>>> name_key("Loukachenko") == name_key("Lukashenko") == name_key("Lukaschenko")
True
>>> person_key("Alexandre Loukachenko") == person_key("Alexander Lukashenko")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "\u00a0": " ", "\u202f": " ", "‐": "-",
                "‑": "-", "–": "-"}


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c in _APOSTROPHES:
        return _APOSTROPHES[c]
    base = unicodedata.normalize("NFKD", c)[:1] or c
    if unicodedata.combining(base):
        base = c
    low = base.lower()
    return low if len(low) == 1 else c.lower()[:1] or c


def fold(text: str) -> str:
    """Lower case without accents, one output character per input character ("L’Élysée" -> "l'elysee")."""
    if text.isascii():  # the common case, without a call per character: only the backquote changes
        return text.lower().replace("`", "'")
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=4)
def fold_page(text: str) -> str:
    """``fold`` of a page's text, kept for the few pages in flight: the KB matcher and the descriptions
    both fold the whole page (a call per character on a page with accents)."""
    return fold(text)


def fold_name(text: str) -> str:
    """A name folded for comparison: ``fold`` plus collapsed white space and dashes as spaces."""
    return " ".join(fold(text).replace("-", " ").split())


# Transliteration rules, applied in order to a folded word. Each names the variation it absorbs.
_RULES: tuple[tuple[str, str], ...] = (
    (r"(?<=[a-z]{3}[^aeiouy])e$", ""),  # French silent final e: Poutine / Putin
    (r"(?<=[a-z])(?:iy|yi|ii|yy|ij|yj|y|j)$", "i"),  # Zelensky / Zelenskyy / Zelenski / Selenskyj
    (r"tsch|tch|sch|ch|sh|zh|j(?=[aeiou])", "X"),  # Loukachenko / Lukashenko / Lukaschenko; Djokovic
    (r"kh|ck|q|c(?![eiy])|k", "K"),  # Mikhail / Michail, Kyiv / Kiev (k), Marc / Mark
    (r"c(?=[eiy])|ts|tz|z", "S"),  # Zelensky / Selenskyj; Ts / Tz
    (r"ou", "u"),  # Poutine / Putin, Loukachenko / Lukashenko
    (r"w|ff|v", "v"),  # Wolodymyr / Volodymyr; Medvedev / Medwedew
    (r"ph", "f"),
    (r"gu(?=[eiy])", "g"),  # Sergueï / Sergei
    (r"ye|ie|ei|yo|io|e", "e"),  # Dmitriev / Dmitryev; Sergueï / Sergei
    (r"y", "i"),  # Dmitry / Dmitri
    (r"h", ""),  # Mohammed / Mohamed, Kharkiv / Charkiv (after kh)
    (r"(.)\1+", r"\1"),  # doubled letters: Assad / Asad
)
_COMPILED = tuple((re.compile(p), r) for p, r in _RULES)


@lru_cache(maxsize=8192)
def name_key(word: str) -> str:
    """The transliteration key of one name word ("Loukachenko" -> "luKaXenKo" folded to one form)."""
    w = re.sub(r"[^a-z]", "", fold(word))
    for pat, rep in _COMPILED:
        w = pat.sub(rep, w)
    return w.lower()


def person_key(name: str) -> str:
    """Key of a person's name: initial of the first given name + key of the surname ("a:lukaxenko"),
    or the surname key alone when only one word is known. Particles stay with the surname (Le Pen)."""
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w and not w.endswith(".")]
    if not words:
        return ""
    if _REGNAL.fullmatch(words[-1]):  # Louis XIV is not Leo XIV: a regnal number keeps the whole name
        return "".join(name_key(w) for w in words[:-1]) + ":" + words[-1].lower()
    surname = _surname(words)
    given = words[: len(words) - len(surname)]
    key = "".join(name_key(w) for w in surname)
    return f"{name_key(given[0])[:1]}:{key}" if given else key


_REGNAL = re.compile(r"[IVX]{1,5}|Ier|Ire|Jr\.?|Sr\.?")
_PARTICLES = {"le", "la", "de", "du", "des", "van", "von", "der", "den", "al", "el", "bin", "ben", "da", "di",
              "dos", "do", "ter", "ten", "mac", "st"}


def _surname(words: list[str]) -> list[str]:
    """The surname words: the last word plus the particles before it ("Marine Le Pen" -> Le Pen)."""
    i = len(words) - 1
    while i > 0 and fold(words[i - 1]) in _PARTICLES:
        i -= 1
    return words[i:] if i > 0 else words[-1:]


def surname_key(name: str) -> str:
    """Key of the surname alone, to meet a later "Poutine" or "M. Binet" with the full name."""
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    return "".join(name_key(w) for w in _surname(words)) if words else ""


def local_id(entity_type: str, key: str) -> str:
    """A stable id for an entity the knowledge base does not know: a hash of its type family and key."""
    family = "PER" if entity_type == "PER" else "X"
    return "L" + hashlib.sha1(f"{family}:{key}".encode()).hexdigest()[:12]
