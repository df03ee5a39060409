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
    if len(paragraph) < 80:
        return [paragraph]
    cuts: set[int] = set()
    for block in blocks:
        if len(block.split()) < _MIN_WORDS or len(block) >= len(paragraph):
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
