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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

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
    return bool(words) and _finder([words]).search(text) is not None


def find_terms(text: str, query: SearchQuery) -> list[tuple[int, int]]:
    """Where the query's words and phrases stand in ``text`` (case and accents ignored), to mark them."""
    return [(m.start(), m.end()) for m in _finder(list(query.terms)).finditer(text)]


def _finder(phrases: list[tuple[str, ...]]) -> PhraseFinder:
    return _compiled_finder(tuple(sorted(set(p for p in phrases if p))))


@lru_cache(maxsize=4096)
def _compiled_finder(phrases: tuple[tuple[str, ...], ...]) -> PhraseFinder:
    return PhraseFinder(phrases)


class PhraseFinder:
    """Finds phrases (folded words) as whole words in unfolded text, case and accents ignored, with
    offsets into the text itself (the text is never folded whole: folding a body in Python was 94 % of a
    search's time).

    Two patterns: a wide one over the text, where each ASCII letter is itself, its capital or any
    non-ASCII character (so "elysee" finds "Élysée", and some words that are not it), and an exact one over
    the few candidates it finds, folded. A pattern of each letter's exact variants ("e" → "eEéÉèÈêÊ…",
    dozens of code points up to U+1EC7) cost 3.1 ms to compile for a two-word query, more than the search's
    SQL, paid by every query not seen before; these compile in a third of that and run 2x faster on a
    French body without the words.
    """

    def __init__(self, phrases: tuple[tuple[str, ...], ...]):
        self._phrases = sorted(phrases, key=lambda p: len(" ".join(p)), reverse=True)
        self._any = _wide_pattern(self._phrases)
        self._exact = re.compile("|".join(r"[\W_]+".join(re.escape(w) for w in p) for p in self._phrases))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The first match at or after ``pos`` (and ending by ``endpos``)."""
        return next(self.finditer(text, pos, endpos), None)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """Every match from ``pos``, in order, longest phrase first where several start together."""
        end = len(text) if endpos is None else endpos
        while (m := self._any.search(text, pos, end)) is not None:
            hit = m if self._exact.fullmatch(_folded(m.group())) else self._verified(text, m.start(), end)
            pos = max(hit.end(), m.start() + 1) if hit else m.start() + 1
            if hit:
                yield hit

    @cached_property
    def _each(self) -> list[re.Pattern[str]]:
        """Each phrase's wide pattern, compiled only when a candidate turns out false."""
        return [_wide_pattern([p]) for p in self._phrases]

    def _verified(self, text: str, at: int, end: int) -> re.Match[str] | None:
        """The longest phrase whose wide pattern matches at ``at`` and that really folds to it."""
        for wide in self._each:
            m = wide.match(text, at, end)
            if m and self._exact.fullmatch(_folded(m.group())):
                return m
        return None


def _folded(candidate: str) -> str:
    """``fold_same_length`` of a found candidate; an ASCII one (most of them) only needs lowering."""
    return candidate.lower() if candidate.isascii() else fold_same_length(candidate)


def _wide_pattern(phrases: list[tuple[str, ...]]) -> re.Pattern[str]:
    """The phrases as whole words, each letter widened (``_wide``). The pattern opens with one class, the
    first letters of every phrase together, and checks the word boundary and which phrase's first letter
    it was behind it: a pattern that opens with a class lets the regex engine skip through the text for
    it, where one opening with a look-behind tries every phrase at every character (3–10x slower)."""
    firsts = _ascii_outside({c for p in phrases for c in (p[0][0], p[0][0].upper()) if c.isascii()})
    rests = (f"(?<={_wide(p[0][0])})" + "".join(_wide(c) for c in p[0][1:])
             + "".join(r"[\W_]+" + "".join(_wide(c) for c in w) for w in p[1:]) for p in phrases)
    return re.compile(firsts + r"(?<!\w.)(?:" + "|".join(rests) + r")(?!\w)")


@lru_cache(maxsize=256)
def _wide(c: str) -> str:
    """The class of characters that may fold to ``c``: itself, its capital, anything non-ASCII."""
    return _ascii_outside({c, c.upper()} if c.isascii() else set())


def _ascii_outside(keep: set[str]) -> str:
    """A class of every character but the ASCII ones not in ``keep``, written as "not these ASCII ranges"
    (a class of ASCII ranges compiles at once; a range up to U+10FFFF does not)."""
    runs: list[list[int]] = []
    for code in range(0x80):
        if chr(code) in keep:
            continue
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[^" + "".join(f"{_bound(a)}-{_bound(b)}" if a < b else _bound(a) for a, b in runs) + "]"


def _bound(code: int) -> str:
    """A character in a class: letters and digits as themselves (less for the regex parser to read)."""
    return chr(code) if chr(code).isalnum() else f"\\x{code:02x}"


def snippet(text: str, query: SearchQuery, width: int = 220,
            also: Sequence[str] = ()) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around the first query word found, and where the query words are in it;
    ``also`` are more names to mark (how the article wrote an entity the query named: "Poutine").

    Returned as plain text plus (start, end) ranges so that callers escape the text themselves."""
    phrases = [(w,) for w in set(query.words)] + [tuple(_WORD.findall(fold(n))) for n in also]
    pattern = _finder(phrases)
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
