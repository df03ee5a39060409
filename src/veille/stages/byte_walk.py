"""The language identifier's byte walk, done by numpy over many bytes at once.

py3langid finds its features by walking the text's UTF-8 bytes through an Aho-Corasick automaton, one byte
at a time in Python (~0.25 µs a byte): over the 50 news pages, 0.4 MB walked and a third of a second of CPU,
half of it on page bodies. The automaton's state after a byte is the longest suffix of the text read so far
that begins a feature, so it depends only on the last few bytes (6 for py3langid's model): the state at
every position is the automaton run from its start over the ``WINDOW`` bytes that end there, which numpy
computes for all positions together, one byte offset at a time. Each state found is then checked against
the automaton's own transition from the one before it (one more vectorised step), which proves the
sequence is the one the byte-by-byte walk gives whatever the model; a text that fails the check (a model
with longer features) is walked byte by byte. The features and their counts are handed to py3langid in
the order the walk meets them, so its scores are the same to the last bit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from py3langid.langid import LanguageIdentifier

#: bytes of context that fix the automaton's state: py3langid's model needs 6 (its deepest state); a model
#: that needs more fails the check and is walked byte by byte
WINDOW = 6
#: texts shorter than this are walked by py3langid itself: numpy's fixed cost per call is larger
MIN_BYTES = 1200

Visits = dict[int, int]  # feature index -> count, in the order the walk first meets each feature
_NOT_WALKED: dict[int, int] = {}  # a marker: never a walk's answer (an empty walk gives None)


class WalkingIdentifier(LanguageIdentifier):
    """py3langid's identifier, its byte walk done by :func:`walk_many` for long texts and for the texts
    handed to :meth:`prepare`; every other step is py3langid's own."""

    __slots__ = ("_arrays", "_prepared")

    def __init__(self, *args, arrays: WalkArrays | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._arrays = arrays or walk_arrays(self)
        self._prepared: dict[bytes, Visits | None] = {}

    def prepare(self, texts: Sequence[str]) -> None:
        """Walk ``texts`` together now (one numpy pass), so classifying each of them later reuses it."""
        encoded = list(dict.fromkeys(self._encode(t) for t in texts))
        fresh = [t for t in encoded if t not in self._prepared]
        if fresh:
            self._prepared.update(zip(fresh, walk_many(fresh, *self._arrays), strict=True))

    def forget(self) -> None:
        self._prepared = {}

    def _raw_score(self, text):
        visits = self._prepared.get(text, _NOT_WALKED)  # one look-up: another thread may ``forget``
        if visits is _NOT_WALKED:
            if len(text) < MIN_BYTES:
                return super()._raw_score(text)
            visits = walk_many([text], *self._arrays)[0]
        if visits:
            return self._sparse_score(visits, self.nb_ptc)
        return super()._raw_score(b"")  # no feature: py3langid's own answer for a featureless text


WalkArrays = tuple[np.ndarray, np.ndarray, np.ndarray]


def walk_arrays(model: LanguageIdentifier) -> WalkArrays:
    """The automaton of ``model`` as numpy arrays: its state table (a view, not a copy), each state's row
    offset and each state's feature (1.7 MB together: build them once and share them between the
    identifiers of every candidate set, as ``langid`` does)."""
    return (np.asarray(model.tk_nextmove), np.asarray(model.tk_row, dtype=np.intp) << 8,
            np.asarray(model.tk_output, dtype=np.intp))


def walk_many(texts: Sequence[bytes], nextmove: np.ndarray, rowbase: np.ndarray,
              output: np.ndarray) -> list[Visits | None]:
    """Each text's feature counts (None when it has none), as py3langid's ``visit_counts`` finds them.
    Every text is walked from the automaton's start: the texts are laid end to end, and a position only
    reads bytes of its own text."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.intp, count=len(texts))
    data = np.frombuffer(b"".join(texts), dtype=np.uint8).astype(np.intp)
    if not len(data):
        return [None] * len(texts)
    starts = np.cumsum(lengths) - lengths
    offset = np.arange(len(data)) - np.repeat(starts, lengths)  # position inside its own text
    states = np.zeros(len(data), dtype=np.intp)
    for back in range(WINDOW - 1, -1, -1):
        at = np.flatnonzero(offset >= back)
        states[at] = nextmove[rowbase[states[at]] + data[at - back]]
    before = np.empty_like(states)
    before[0], before[1:] = 0, states[:-1]
    before[offset == 0] = 0
    if not np.array_equal(nextmove[rowbase[before] + data], states):
        return [_walked(t, nextmove, rowbase, output) for t in texts]  # features longer than the window
    features = output[states]
    kept = features >= 0
    found = features[kept].tolist()  # every text's features, end to end, as Python ints
    bounds = np.concatenate(([0], np.cumsum(kept))).tolist()  # features found before each position
    return [_in_walk_order(found[bounds[start]:bounds[start + length]])
            for start, length in zip(starts.tolist(), lengths.tolist(), strict=True)]


def _in_walk_order(found: list[int]) -> Visits | None:
    """Each feature's count, in the order of its first occurrence: what counting in a dict gives, which
    ``Counter`` does in C. (``np.unique`` and two sorts per text cost 3× as much on a paragraph's few
    hundred features: numpy's fixed cost per call, paid per text.)"""
    return dict(Counter(found)) if found else None


def _walked(text: bytes, nextmove, rowbase, output) -> Visits | None:
    """The byte-by-byte walk (py3langid's ``visit_counts``), for a model the window does not cover."""
    state, found = 0, []
    for byte in text:
        state = int(nextmove[rowbase[state] + byte])
        if output[state] >= 0:
            found.append(int(output[state]))
    counts: Visits = {}
    for f in found:
        counts[f] = counts.get(f, 0) + 1
    return counts or None
