"""Text helpers shared by both backends: folding names and text (case, accents), turning a user's search
string into a safe query, and cutting a highlighted snippet.

Search strings come from anyone (the web form, the API), so they are never passed to a full-text engine
as syntax: only words (letters and digits) survive, grouped as the user grouped them with double quotes,
and each backend builds its own query from those words. Nothing a user types can be an operator.

>>> parse_query('Poutine "armes nucléaires" OR drop;--').terms
(('poutine',), ('armes', 'nucleaires'), ('or',), ('drop',))
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..errors import VeilleError

#: A longer search string is refused (400 in the API) rather than silently cut.
MAX_QUERY_CHARS = 1000
#: More words than this add nothing to a news search and make queries slow.
MAX_QUERY_TERMS = 24

_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"|([^"\s]+)')


class QueryError(VeilleError):
    """A search string that cannot be used (empty of words, too long); the API answers 400."""


def fold(s: str) -> str:
    """Case- and accent-insensitive form: ``fold("Élysée") == "elysee"``."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_same_length(s: str) -> str:
    """Like fold, but one character out for each character in, so offsets stay valid."""
    return "".join(_fold_char(c) for c in s)


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFD", c)[0]
    low = base.lower()
    return low if len(low) == 1 else base


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """For each folded character, every character below U+3000 that folds to it ("e" → "eEéÉèÈêÊ…")."""
    out: dict[str, str] = {}
    for code in range(0x20, 0x3000):
        c = chr(code)
        out[_fold_char(c)] = out.get(_fold_char(c), "") + c
    return out


def _unfolded(word: str) -> str:
    """A regex matching ``word`` (folded) in unfolded text: each letter as the class of its variants."""
    variants = _variants()
    return "".join(f"[{re.escape(variants.get(ch, ch))}]" if len(variants.get(ch, ch)) > 1 else re.escape(ch)
                   for ch in word)


def name_key(name: str) -> str:
    """The key names are matched on: folded words separated by single spaces ("L'OTAN" → "l otan")."""
    return " ".join(_WORD.findall(fold(name)))


@dataclass(frozen=True)
class SearchQuery:
    """A parsed search: terms are word tuples (one word, or a quoted phrase); all terms must match."""

    raw: str
    terms: tuple[tuple[str, ...], ...]

    @property
    def words(self) -> list[str]:
        return [w for t in self.terms for w in t]


def parse_query(raw: str) -> SearchQuery:
    """Parse a user's search string; raise QueryError when it is too long or holds no word."""
    if len(raw) > MAX_QUERY_CHARS:
        raise QueryError(f"search text is {len(raw):,} characters long; the limit is {MAX_QUERY_CHARS:,}. "
                         "Search for a few distinctive words instead.")
    terms: list[tuple[str, ...]] = []
    for phrase, bare in _PHRASE.findall(raw):
        words = tuple(_WORD.findall(fold(phrase or bare)))
        if words:
            terms.append(words)
    if not terms:
        raise QueryError(f"search text {raw[:60]!r} holds no word to search for (letters or digits)")
    if len(terms) > MAX_QUERY_TERMS:
        raise QueryError(f"search text has {len(terms)} terms; the limit is {MAX_QUERY_TERMS}")
    return SearchQuery(raw=raw, terms=tuple(terms))


def phrase_found(text: str, words: tuple[str, ...]) -> bool:
    """Whether the folded ``words`` stand in ``text`` one after the other as whole words (case and
    accents ignored), as the full-text engines match a phrase."""
    return bool(words) and _phrase_pattern([words]).search(text) is not None


def find_terms(text: str, query: SearchQuery) -> list[tuple[int, int]]:
    """Where the query's words and phrases stand in ``text`` (case and accents ignored), to mark them."""
    return [(m.start(), m.end()) for m in _phrase_pattern(list(query.terms)).finditer(text)]


def _phrase_pattern(phrases: list[tuple[str, ...]]) -> re.Pattern[str]:
    """Any of the phrases (folded words) as whole words in unfolded text, longest first."""
    return _compiled_phrases(tuple(sorted(set(p for p in phrases if p))))


@lru_cache(maxsize=4096)
def _compiled_phrases(phrases: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    """Compiled once per set of phrases, not once per result: compiling the letters' variant classes cost
    more than a search's SQL (a page of 20 snippets compiled the same pattern 20 times)."""
    alternatives = sorted({r"[\W_]+".join(_unfolded(w) for w in p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(alternatives) + r")(?!\w)", re.UNICODE)


def snippet(text: str, query: SearchQuery, width: int = 220,
            also: Sequence[str] = ()) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around the first query word found, and where the query words are in it;
    ``also`` are more names to mark (how the article wrote an entity the query named: "Poutine").

    Returned as plain text plus (start, end) ranges so that callers escape the text themselves."""
    # the query's folded words matched in the text itself (no folded copy of the whole body: building one
    # was 94 % of a search's time): "elysee" matches "Élysée" through per-letter classes of variants
    phrases = [(w,) for w in set(query.words)] + [tuple(_WORD.findall(fold(n))) for n in also]
    pattern = _phrase_pattern(phrases)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + width)
    window = text[start:end]
    marks = [(m.start() - start, min(m.end(), end) - start) for m in pattern.finditer(text, start, end)]
    prefix, suffix = ("…" if start else ""), ("…" if end < len(text) else "")
    shift = len(prefix)
    return prefix + window + suffix, [(a + shift, b + shift) for a, b in marks]
