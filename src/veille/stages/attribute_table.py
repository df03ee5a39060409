"""The models' attribute ruler, run as a table lookup per distinct token.

spaCy's ``attribute_ruler`` (the English tag map: fine tag → POS and morphology; lemma and POS exceptions;
the French tag copies) runs its ~180 patterns through the token ``Matcher`` and then sets each match's
attributes through Python objects. Every token of an English page matches at least one pattern, and the
ruler cost 0.45 s of CPU on 24 English news pages (13,000 tokens), a tenth of the bare spaCy parse, for
what is a lookup.

Here a token's one-token matches depend only on the values the patterns test (its tag, lower-case form,
dependency, …): they are worked out once per distinct combination of values and kept (``_RowCache``).
The few longer patterns (two tokens in the English model) are evaluated as boolean arrays over the Doc.
Each token then gets the attributes of the patterns it matches merged in pattern order (the ruler's own
precedence: matches applied in pattern order, later ones overriding), written with spaCy's own
``set_token_attrs``. The annotations are the ruler's, bit for bit (``tests/test_attribute_table.py``).

Only what the models use is compiled: fixed-length patterns (no ``OP``) whose token specs test plain
token attributes for equality, ``IN``, ``NOT_IN`` or ``REGEX``. A ruler with anything else is left as
spaCy built it (``compile_ruler`` returns None).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

#: Token attributes a pattern may test (``Doc.to_array`` reads them as the Matcher does).
_TESTABLE = ("ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "SHAPE", "PREFIX", "SUFFIX",
             "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE",
             "LIKE_NUM", "ENT_TYPE")

Test = Callable[[int, Any], bool]  # (the token's value in one column, the strings) -> passes
Spec = list[tuple[int, Test]]  # one pattern token: (column, test) pairs, all to pass


@dataclass
class _Rule:
    """One ruler entry: its alternative patterns, the index of the token they set, its attributes."""

    number: int
    patterns: list[list[Spec]]
    index: int
    attrs: dict


class _RowCache:
    """What a token's values give, kept per distinct values; emptied when it holds ``limit`` rows (new
    words keep coming in a long run: the cache must not grow without end)."""

    def __init__(self, compute: Callable[[tuple], tuple], limit: int = 30_000):
        self._compute = compute
        self._rows: dict[tuple, tuple] = {}
        self.limit = limit

    def get(self, row: tuple) -> tuple:
        found = self._rows.get(row)
        if found is None:
            if len(self._rows) >= self.limit:
                self._rows.clear()
            found = self._rows[row] = self._compute(row)
        return found


class AttributeTable:
    """A compiled attribute ruler; called on a Doc as the ruler is."""

    def __init__(self, rules: list[_Rule], columns: list[int], ruler, set_attrs: Callable):
        self.ruler = ruler  # kept: the reference the tests compare against
        self.columns = columns
        strings = ruler.vocab.strings
        self._strings = strings
        self._set_attrs = set_attrs
        self._single = [r for r in rules if all(len(p) == 1 for p in r.patterns)]
        self._longer = [r for r in rules if any(len(p) > 1 for p in r.patterns)]
        # the specs of the longer patterns, each tested once per distinct row as a bit of an integer
        self._specs: list[Spec] = [spec for r in self._longer for p in r.patterns for spec in p]
        if len(self._specs) > 62:
            raise ValueError("too many multi-token pattern specs for the attribute table")
        self._attrs = {r.number: r.attrs for r in rules}
        self._rows = _RowCache(self._row_answer)
        self._merged: dict[tuple[int, ...], dict] = {}

    def _row_answer(self, row: tuple) -> tuple:
        """(one-token rules this row matches, in order; bits of the longer patterns' specs it passes)."""
        strings = self._strings
        matched = tuple(r.number for r in self._single
                        if any(_passes(p[0], row, strings) for p in r.patterns))
        bits = sum(1 << k for k, spec in enumerate(self._specs) if _passes(spec, row, strings))
        return matched, bits

    def __call__(self, doc):
        n = len(doc)
        if n == 0:
            return doc
        answers = [self._rows.get(tuple(row)) for row in doc.to_array(self.columns).reshape(n, -1).tolist()]
        extra = self._longer_matches(answers, n) if self._longer else {}
        set_attrs = self._set_attrs
        for i, (matched, _) in enumerate(answers):
            if i in extra:
                matched = tuple(sorted(set(matched) | extra[i]))
            if matched:
                set_attrs(doc[i], self._merge(matched))
        return doc

    def _longer_matches(self, answers: list[tuple], n: int) -> dict[int, set[int]]:
        """Token index -> numbers of the multi-token rules that set it."""
        bits = np.fromiter((b for _, b in answers), dtype=np.int64, count=n)
        out: dict[int, set[int]] = {}
        k = 0
        for rule in self._longer:
            for tokens in rule.patterns:
                width = len(tokens)
                first = k
                k += width
                if width > n:
                    continue
                starts = np.ones(n - width + 1, dtype=bool)
                for j in range(width):
                    starts &= ((bits[j:j + n - width + 1] >> (first + j)) & 1).astype(bool)
                target = rule.index if rule.index >= 0 else width + rule.index
                if not 0 <= target < width:
                    raise ValueError(f"attribute rule index {rule.index} outside a {width}-token pattern")
                for i in (np.flatnonzero(starts) + target).tolist():
                    out.setdefault(i, set()).add(rule.number)
        return out

    def _merge(self, numbers: tuple[int, ...]) -> dict:
        merged = self._merged.get(numbers)
        if merged is None:
            merged = {}
            for number in numbers:
                merged.update(self._attrs[number])
            if len(self._merged) < 100_000:
                self._merged[numbers] = merged
        return merged


def _passes(spec: Spec, row: tuple, strings) -> bool:
    return all(test(row[col], strings) for col, test in spec)


def compile_ruler(ruler) -> AttributeTable | None:
    """The ruler's patterns compiled into an AttributeTable, or None when one uses what is not compiled."""
    from spacy.attrs import IDS
    from spacy.tokens._retokenize import set_token_attrs

    strings = ruler.vocab.strings
    columns: list[int] = []
    rules: list[_Rule] = []
    for number, attrs in enumerate(ruler.attrs):
        found = ruler.matcher.get(strings.add(str(number)))
        if found is None or not found[1]:
            return None
        alternatives = []
        for pattern in found[1]:
            tokens: list[Spec] = []
            for spec in pattern:
                tests: Spec = []
                for name, value in spec.items():
                    attr = str(name).upper()
                    attr = "ORTH" if attr == "TEXT" else attr
                    test = _test(value, strings) if attr in _TESTABLE else None
                    if test is None:
                        return None
                    if IDS[attr] not in columns:
                        columns.append(IDS[attr])
                    tests.append((columns.index(IDS[attr]), test))
                tokens.append(tests)
            if not tokens:
                return None
            alternatives.append(tokens)
        rules.append(_Rule(number, alternatives, ruler.indices[number], attrs))
    if sum(len(p) for r in rules if any(len(p) > 1 for p in r.patterns) for p in r.patterns) > 62:
        return None
    return AttributeTable(rules, columns, ruler, set_token_attrs)


def _test(value, strings) -> Test | None:
    """A test of one column value, with the Matcher's conversion of pattern values (strings hashed through
    the string store, which gives symbols such as POS names their fixed ids; booleans as 0/1)."""
    if isinstance(value, bool | int | str):
        wanted = _value_id(value, strings)
        return lambda v, _strings: v == wanted
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list | tuple):
            ids = frozenset(_value_id(v, strings) for v in arg)
            if op == "IN":
                return lambda v, _strings: v in ids
            return lambda v, _strings: v not in ids
        if op == "REGEX" and isinstance(arg, str):
            pattern = re.compile(arg)
            return lambda v, strings: pattern.search(strings[v]) is not None
    return None


def _value_id(value, strings) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    return int(strings.add(value))
