"""The models' lemmatizer, asked once per distinct word form.

spaCy's rule lemmatizer walks the Doc token by token in Python: for each token it builds a cache key
(reading the token's morphology through a new object), looks the key up, and sets the lemma by hashing
its string again: 0.3 s of CPU on the 50 news pages, for answers that are almost all in its cache. Here
the token's form, part of speech and morphology are read for the whole Doc in one array, the lemma of
each distinct (form, POS, morphology) is asked of the lemmatizer once and kept, and tokens are set from
what is kept. The lemmatizers of spaCy's rule and lookup modes (and the French and English ones) answer
from nothing else than those three values, so the lemmas are theirs (``tests/test_lemma_memo.py``); a
lemmatizer of another kind is left as it is (``memoize`` returns None).

Lemmas are kept as strings, not hashes: inside spaCy's memory zones (``nlp.memory_zones``) a string added
during a batch leaves the string store when the batch ends, so each use adds it again.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS


class LemmaMemo:
    """A lemmatizer's answers per (form, POS, morphology); called on a Doc as the lemmatizer is."""

    def __init__(self, lemmatizer, limit: int = 50_000):
        self.lemmatizer = lemmatizer
        self.limit = limit  # emptied when full: a long run keeps meeting new words
        self._lemmas: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc):
        lem = self.lemmatizer
        if not lem._validated:  # what the lemmatizer itself checks on its first Doc
            lem._validate_tables()
        overwrite, lemmas, add = lem.overwrite, self._lemmas, doc.vocab.strings.add
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                found = lemmas.get(key)
                token = doc[i]
                if found is None:
                    if len(lemmas) >= self.limit:
                        lemmas.clear()
                    found = lemmas[key] = lem.lemmatize(token)[0]
                token.lemma = add(found)
        return doc


def memoize(lemmatizer) -> LemmaMemo | None:
    """A LemmaMemo for spaCy's own lemmatizers in rule or lookup mode; None for any other."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.lang.fr.lemmatizer import FrenchLemmatizer
    from spacy.pipeline import Lemmatizer

    if type(lemmatizer) not in (Lemmatizer, EnglishLemmatizer, FrenchLemmatizer):
        return None
    if getattr(lemmatizer, "mode", None) not in ("rule", "lookup"):
        return None
    return LemmaMemo(lemmatizer)
