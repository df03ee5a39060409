"""The trie-shaped phrase pattern is found exactly where the plain alternation of the phrases is."""

from __future__ import annotations

import re

from veille.stages.extract.phrase_trie import phrase_pattern

# invented phrases sharing prefixes, one inside another, one with regex metacharacters
PHRASES = ("abonnez-vous", "abonnez", "abo (x)", "sign up", "sign in", "share this", "s", "à lire")
LINES = (
    "Abonnez-vous à notre lettre", "abonnement mensuel", "abo (x) offert", "abo x", "please sign in",
    "sig", "the harbour reopened", "à lire aussi", "a lire", "", "signature",
)


def test_found_exactly_where_the_alternation_is():
    plain = re.compile("|".join(re.escape(p) for p in PHRASES))
    trie = phrase_pattern(PHRASES)
    for line in LINES:
        low = line.lower()
        assert bool(trie.search(low)) == bool(plain.search(low)), line


def test_without_the_short_phrase():
    phrases = [p for p in PHRASES if p != "s"]
    plain = re.compile("|".join(re.escape(p) for p in phrases))
    trie = phrase_pattern(phrases)
    found = [line for line in LINES if trie.search(line.lower())]
    assert found == [line for line in LINES if plain.search(line.lower())]
    assert "the harbour reopened" not in found and "abonnement mensuel" not in found
    assert "please sign in" in found and "abo (x) offert" in found and "abo x" not in found


def test_no_phrases_is_never_found():
    assert phrase_pattern([]).search("anything") is None
