"""An exact prefilter for the time grammar: which patterns can match a text at all, read off the first
characters their matches can open with.

Why: the grammar runs some forty patterns over every page, and on most pages most of them find nothing
(85% of page × pattern scans on the news pages), yet each scan costs a regex step at every character. Most
patterns open with a word from a short list ("century", "last", a month or a season name): the first
``WIDTH`` characters of any of their matches are one of a finite set, computed once from the parsed
pattern. A page's own ``WIDTH``-character windows are one set built in one pass; a pattern whose openings
are none of them cannot match, and is not run. Patterns whose openings cannot be listed (a digit, a
``\\s``, an optional word shorter than ``WIDTH``) are always run.

Exact by construction: the openings are a superset of what the pattern can start with (zero-width
assertions are skipped, optional parts are taken both ways), and case is compared the way the ``re``
module compares it under ``IGNORECASE`` — each character of an opening stands for every character ``re``
matches it with, found by asking ``re`` itself, and the text is mapped onto those classes before its
windows are taken.
"""

from __future__ import annotations

import re
from itertools import product
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
#: stands in an opening for any character ``\\d`` matches (a private-use character: in a text it only lets
#: more patterns run)
DIGIT = "\ue000"
#: the same for any character ``\\s`` matches
SPACE = "\ue001"
_PSEUDO = {DIGIT: r"\d", SPACE: r"\s"}
#: how many characters an opening has
WIDTH = 3
#: a character class is expanded into its characters only when it holds at most this many
_SMALL_CLASS = 4
#: a pattern whose openings are more than this many strings is run on every page
_MAX_OPENINGS = 400


def openings(pattern: re.Pattern) -> list[frozenset[str]]:
    """Sets of ``WIDTH``-character strings (as written in the pattern) such that every match of
    ``pattern`` holds one string of each set: for each part every match goes through, the ways what
    follows from there can open. Empty when none can be listed."""
    try:
        items = _flat(list(_parser.parse(pattern.pattern, pattern.flags)))
    except re.error:
        return []
    out = []
    for j, (op, av) in enumerate(items):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT) or op in _REPEATS and av[0] == 0:
            continue  # zero width or optional: not a part every match goes through
        found = _starts(items[j:], WIDTH)
        if found is not None and all(len(s) >= WIDTH for s in found) and len(found) <= _MAX_OPENINGS:
            out.append(frozenset(found))
    return out


def _flat(items: list) -> list:
    """The top-level sequence with its plain groups (no alternatives inside) opened in place."""
    out: list = []
    for op, av in items:
        inner = list(av[-1]) if op is sre.SUBPATTERN else None
        if inner is not None and not (len(inner) == 1 and inner[0][0] is sre.BRANCH):
            out += _flat(inner)
        elif inner is not None and len(inner) == 1:
            out.append(inner[0])
        else:
            out.append((op, av))
    return out


def _starts(items: list, width: int) -> set[str] | None:
    """The strings of up to ``width`` characters the sequence ``items`` (parsed regex items) can match
    first; shorter strings where a match may end sooner. None when unknown."""
    if width == 0 or not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _starts(rest, width)  # zero width: what the pattern opens with comes after
    if op is sre.LITERAL:
        return _then({chr(av)}, rest, width)
    if op is sre.IN:
        chars = _class_chars(av)
        return None if chars is None else _then(chars, rest, width)
    if op is sre.SUBPATTERN:
        return _starts(list(av[-1]) + rest, width)
    if op is sre.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            got = _starts(list(alt) + rest, width)
            if got is None:
                return None
            out |= got
        return out if len(out) <= _MAX_OPENINGS else None
    if op in _REPEATS and len(body_items := list(av[2])) == 1 and body_items[0][0] in (sre.IN, sre.LITERAL):
        return _char_repeat(av, body_items[0], rest, width)
    if op in _REPEATS:
        low, _, body = av
        if low == 0:
            skipped = _starts(rest, width)
            once = _starts(list(body) + rest, width)  # taken once; more repeats must also open the same way
            if skipped is None or once is None or not _repeat_safe(body):
                return None
            return skipped | once
        return _starts(list(body) + rest, width) if low == 1 and _repeat_safe(body) else None
    return None


def _char_repeat(av, item, rest: list, width: int) -> set[str] | None:
    """The openings of a repeated single character (``\\s+``, ``\\d{1,4}``) followed by ``rest``: one
    character of its class and the openings of the repeat, one fewer, followed by ``rest``."""
    low, high, body = av
    op, arg = item
    chars = {chr(arg)} if op is sre.LITERAL else _class_chars(arg)
    if chars is None:
        return None
    fewer = [] if high == 1 else [(sre.MAX_REPEAT, (max(low - 1, 0), high - 1 if high != sre.MAXREPEAT
                                                       else high, body))]
    taken = _then(chars, fewer + rest, width)
    if low > 0:
        return taken
    skipped = _starts(rest, width)
    return None if skipped is None or taken is None else skipped | taken


def _repeat_safe(body) -> bool:
    """A repeated part whose first ``WIDTH`` characters fit inside one repetition (so that the openings
    of one repetition followed by the rest are those of any number of them): a literal run at least
    ``WIDTH`` long, or a group only of such alternatives."""
    got = _starts(list(body), WIDTH)
    return got is not None and all(len(s) >= WIDTH for s in got)


def _then(heads: set[str], rest: list, width: int) -> set[str] | None:
    tails = _starts(rest, width - 1)
    if tails is None or len(heads) * len(tails) > _MAX_OPENINGS:
        return None
    return {h + t for h, t in product(heads, tails)}


def _class_chars(items) -> set[str] | None:
    """The characters of a small class (``['’]``, ``[1-4]``), ``DIGIT`` for ``\\d`` or a range of figures,
    or None for a large or negated one."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            out.add(chr(av))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            out.add(DIGIT)
        elif op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            out.add(SPACE)
        elif op is sre.RANGE and ord("0") <= av[0] <= av[1] <= ord("9"):
            out.add(DIGIT)
        elif op is sre.RANGE and av[1] - av[0] < _SMALL_CLASS:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return out if len(out) <= _SMALL_CLASS else None


class Gate:
    """The patterns of one grammar with their openings, their characters put in case classes that the
    text's characters are mapped onto as they are met."""

    def __init__(self, patterns: list[re.Pattern]):
        raw = [openings(p) if p.flags & re.IGNORECASE else [] for p in patterns]
        chars = sorted({ch for sets in raw for opens in sets for s in opens for ch in s})
        self._single = {c: re.compile(_PSEUDO.get(c, re.escape(c)), re.IGNORECASE) for c in chars}
        self._rep: dict[str, str] = {}
        for c in chars:  # one representative per class: the first character of it met; figures: DIGIT
            pseudo = next((p for p, rx in _PSEUDO.items() if c == p or re.fullmatch(rx, c)), None)
            self._rep[c] = pseudo or next(
                (r for r in self._rep.values() if r not in _PSEUDO and self._single[r].fullmatch(c)
                 and self._single[c].fullmatch(r)), c)
        for p in set(self._rep.values()) & set(_PSEUDO):
            self._single.setdefault(p, re.compile(_PSEUDO[p]))
        alternatives = "".join(_PSEUDO.get(c, re.escape(c)) for c in chars)
        self._any = re.compile(f"[{alternatives}]", re.IGNORECASE) if chars else None
        self._table: dict[int, str] = {}  # a text's character -> the representative it matches
        self._met: set[str] = set()
        self._ambiguous: set[str] = set()  # characters matching two classes: their pages run everything
        own = {ord(c): r for c, r in self._rep.items()}
        self.openings = [[frozenset(s.translate(own) for s in opens) for opens in sets] for sets in raw]

    def runnable(self, text: str) -> list[bool]:
        """For each pattern, whether it may match ``text`` (False only where it cannot)."""
        present = set(text)
        for ch in present - self._met:
            self._learn(ch)
        self._met |= present
        if not any(self.openings) or not present.isdisjoint(self._ambiguous):
            return [True] * len(self.openings)
        folded = text.translate(self._table)
        windows = {folded[i:i + WIDTH] for i in range(len(folded) - WIDTH + 1)}
        return [all(not opens.isdisjoint(windows) for opens in sets) for sets in self.openings]

    def _learn(self, ch: str) -> None:
        """Which class ``ch`` belongs to, asked of ``re`` itself (so "ſ" goes with "s", as ``re`` has it)."""
        if self._any is None or not self._any.fullmatch(ch):
            return
        reps = {self._rep.get(c, c) for c, single in self._single.items() if single.fullmatch(ch)}
        if len(reps) == 1:
            self._table[ord(ch)] = reps.pop()
        else:
            self._ambiguous.add(ch)
