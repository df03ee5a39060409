"""Paragraphs an extractor glued together, split again where the page's own blocks begin.

Trafilatura sometimes joins the text of sibling blocks with no separator (a list of <div><span> items, a
run of <p> when it falls back to its baseline extraction): "…à l'Otan.Cette adhésion…", a whole article in
one paragraph with an inserted link inside it. The page's visible blocks (one per block element) tell
where each paragraph began; a paragraph is cut before every block of a few words that starts right after
the end of a sentence in it.
"""

from __future__ import annotations

import re

_MIN_WORDS = 3  # shorter blocks (a name in a menu) occur inside prose by chance
_SENTENCE_END = re.compile(r"[.!?…»”\"):]\s*$")


def split_glued(paragraph: str, blocks: list[str]) -> list[str]:
    """``paragraph`` cut where one of the page's ``blocks`` starts after a sentence end (at least one)."""
    return split_all_glued([paragraph], blocks)


def split_all_glued(paragraphs: list[str], blocks: list[str]) -> list[str]:
    """Every paragraph of a page through ``split_glued``, the page's blocks sorted out once (a page has
    hundreds of blocks and dozens of paragraphs: counting each block's words for every paragraph cost more
    than the search itself)."""
    candidates = [(len(b), b) for b in dict.fromkeys(blocks) if len(b.split()) >= _MIN_WORDS]
    return [piece for paragraph in paragraphs for piece in _split(paragraph, candidates)]


def _split(paragraph: str, candidates: list[tuple[int, str]]) -> list[str]:
    if len(paragraph) < 80:
        return [paragraph]
    cuts: set[int] = set()
    size = len(paragraph)
    for length, block in candidates:
        if length >= size:
            continue
        at = paragraph.find(block, 1)
        while at > 0:
            if _SENTENCE_END.search(paragraph[max(0, at - 3) : at]):
                cuts.add(at)
            at = paragraph.find(block, at + 1)
    if not cuts:
        return [paragraph]
    bounds = [0, *sorted(cuts), len(paragraph)]
    pieces = (paragraph[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False))
    return [p for p in pieces if p]
