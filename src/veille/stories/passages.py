"""The passages of a page the encoder reads: its head (title and lead), and its body in chunks.

A story is told first in the title and the lead; the body's chunks let two pages be compared passage by
passage, which is how a translation or a rewrite of the same report shows (every chunk of one has a close
chunk in the other) even when the heads were written differently. Chunks end at sentence ends so a
passage's meaning is not cut in two.

>>> head("Le maire démissionne", "Le maire de Brest a démissionné lundi. Il invoque sa santé.")
'Le maire démissionne. Le maire de Brest a démissionné lundi. Il invoque sa santé.'
>>> body_chunks("Une phrase. " * 3, size=30)
['Une phrase. Une phrase.', 'Une phrase.']
"""

from __future__ import annotations

import re

#: How much of the page the head takes after the title, and the chunk size and count (characters):
#: the lead is the first few sentences; three chunks of ~500 characters cover the first 1,500, where news
#: pages put the facts (inverted pyramid). The encoder's cost is linear in characters, so these sizes are
#: the cost of placing a page (about 1,900 characters encoded per page).
LEAD_CHARS = 400
CHUNK_CHARS = 500
MAX_CHUNKS = 3
#: The translation link reads the body sentence by sentence (``profile.Sentences``): at most
#: ``MAX_SENTENCES`` sentences of at least ``MIN_SENTENCE_CHARS`` (a dateline or a photo credit aligns with
#: nothing), each cut at ``SENTENCE_CHARS``; the order of facts is read over the first ``SEQUENCE_CHARS``.
MAX_SENTENCES = 40
MIN_SENTENCE_CHARS = 20
SENTENCE_CHARS = 300
SEQUENCE_CHARS = 6000
#: The zero-shot baseline reads the first 2,000 characters as one text (as measured in the corpus README).
FULL_CHARS = 2000

_SENTENCE_END = re.compile(r"(?<=[.!?。！？…»”\"])\s+|\n+")


def sentences(text: str) -> list[str]:
    """Sentences by punctuation and line ends (rough on purpose: chunking needs boundaries, not syntax)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def head(title: str | None, text: str, lead_chars: int = LEAD_CHARS) -> str:
    """The title followed by the lead: whole sentences up to about ``lead_chars`` characters."""
    lead: list[str] = []
    size = 0
    for s in sentences(text):
        if lead and size + len(s) > lead_chars:
            break
        lead.append(s)
        size += len(s) + 1
    parts = ([title.strip().rstrip(".")] if title and title.strip() else []) + lead
    return ". ".join(parts[:1]) + (". " if len(parts) > 1 else "") + " ".join(parts[1:]) if parts else ""


def body_chunks(text: str, size: int = CHUNK_CHARS, limit: int = MAX_CHUNKS) -> list[str]:
    """Up to ``limit`` passages of whole sentences, each about ``size`` characters, from the start."""
    chunks: list[str] = []
    current: list[str] = []
    length = 0
    for s in sentences(text):
        if current and length + len(s) > size:
            chunks.append(" ".join(current))
            if len(chunks) == limit:
                return chunks
            current, length = [], 0
        current.append(s[: size * 2])
        length += len(s) + 1
    if current and len(chunks) < limit:
        chunks.append(" ".join(current))
    return chunks


def body_sentences(text: str, limit: int = MAX_SENTENCES) -> list[str]:
    """The first ``limit`` sentences of the body long enough to carry a fact, each cut at
    ``SENTENCE_CHARS``: the units a translation keeps in order.

    >>> body_sentences("PARIS. Le ferry s'est échoué mardi. Tous les passagers sont saufs.")
    ["Le ferry s'est échoué mardi.", 'Tous les passagers sont saufs.']
    """
    split = (part for s in sentences(text) for part in _CJK_SENTENCE_END.split(s))
    kept = (s[:SENTENCE_CHARS] for s in split if len(s) >= _min_chars(s))
    return [s for _, s in zip(range(limit), kept, strict=False)]


# Chinese and Japanese end sentences with full-width marks and no space after them, which ``sentences``
# (made for chunking, where a long run is harmless) does not split on.
_CJK_SENTENCE_END = re.compile(r"(?<=[。！？])(?=[^\s」』”])")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _min_chars(sentence: str) -> int:
    """``MIN_SENTENCE_CHARS`` in Latin-script characters; a Chinese or Japanese character carries about
    three times as much (``alignment.EXPANSION``), so a third of it there."""
    return MIN_SENTENCE_CHARS // 3 if _CJK.search(sentence[:20]) else MIN_SENTENCE_CHARS


def full(text: str, chars: int = FULL_CHARS) -> str:
    """The first ``chars`` characters, the baseline's one text per page."""
    return text[:chars]
