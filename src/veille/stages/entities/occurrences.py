"""Where a name stands alone in a page's text, found with ``str.find`` rather than a regular expression.

Why not ``re.finditer(rf"(?<!\\w){re.escape(name)}(?!\\w)", text)``: a pattern per name is compiled for
each page (names differ from page to page), and hundreds of them push the patterns every page uses out of
the ``re`` module's cache, so those get compiled again too. These functions find exactly what such a pattern
finds: ``\\w`` is what ``str.isalnum`` accepts, and "_".
"""

from __future__ import annotations


def standalone(text: str, word: str, before: str = "", after: str = "") -> list[tuple[int, int]]:
    """The non-overlapping places of ``word`` in ``text``, in order, that follow no word character nor one
    of ``before`` and precede no word character nor one of ``after``: what ``re.finditer`` finds with
    ``(?<![\\w<before>])<word>(?![\\w<after>])``."""
    out: list[tuple[int, int]] = []
    if not word:
        return out
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if _free(text, at - 1, before) and _free(text, end, after):
            out.append((at, end))
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)
    return out


def occurs(text: str, word: str) -> bool:
    """Whether ``word`` stands alone somewhere in ``text`` (``re.search`` of ``(?<!\\w)<word>(?!\\w)``)."""
    if not word:
        return False
    at = text.find(word)
    while at >= 0:
        if _free(text, at - 1, "") and _free(text, at + len(word), ""):
            return True
        at = text.find(word, at + 1)
    return False


def _free(text: str, i: int, marks: str) -> bool:
    """Whether position ``i`` (outside the text counts as free) holds no word character nor one of
    ``marks``."""
    if i < 0 or i >= len(text):
        return True
    ch = text[i]
    return not (ch.isalnum() or ch == "_" or ch in marks)
