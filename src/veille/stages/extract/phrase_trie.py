"""One regular expression telling whether a text holds any of many literal phrases, shaped as a trie.

The cleaner asks of every line of a page whether it holds one of the ~110 furniture phrases of all the
languages veille knows ("sign up", "abonnez-vous", ...). A plain alternation ``a|b|c`` makes Python's
``re`` try each phrase in turn at each position of the line; the same phrases merged on their common
prefixes (``ab(?:onnez|c)``) are tried one character at a time, a single branch per character, which
made the test four times faster on the news pages' lines.

Only whether the pattern is found means anything: where a phrase ends another one that begins with it is
pruned (the shorter one is already found there), so the text a match covers is the shortest phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # the key marking where a phrase ends in a trie node


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern:
    """A pattern found by ``search`` in a text exactly when one of ``phrases`` occurs in it (never found
    when there are no phrases)."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not trie:
        return re.compile(r"(?!)")
    return re.compile(_node_pattern(trie))


def _node_pattern(node: dict) -> str:
    """The pattern of what may follow ``node``: nothing when a phrase ends there."""
    if _END in node:
        return ""
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
