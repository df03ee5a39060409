"""Direct quotes from quote marks alone: every mark style, mixed and unbalanced pairs, nesting, and quotes
running over several paragraphs. Pure text, no parse: the stage adds cues and speakers afterwards.

>>> [m.text for m in find_marked("« Non », a-t-il dit. “Oui ».")]
['Non', 'Oui']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: opening and closing double marks; any opener may close with any closer, because real pages mix them
#: (the seed page opens with “ and closes with »)
_OPEN = "«“„‹"
_CLOSE = "»”›"
_STRAIGHT = '"'
#: single marks only nest inside a double-marked quote or stand alone in British-style copy
_SOPEN, _SCLOSE = "‘", "’"
_TRIM = " \t\n\u00a0\u202f\u2009"
#: every character ``_classify`` can call a mark
_MARK = re.compile("[" + re.escape(_OPEN + _CLOSE + _STRAIGHT + _SOPEN + _SCLOSE) + "]")


@dataclass
class Marked:
    """The content between a pair of marks: ``start``/``end`` index the text; ``closed`` is False when
    the paragraph ended before a closing mark (a multi-paragraph quote or an unbalanced mark)."""

    start: int
    end: int
    text: str
    open_mark: int
    close_mark: int | None
    closed: bool = True
    continues: bool = False  # the next paragraph reopens the quote (multi-paragraph convention)
    depth: int = 0


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end) offsets: lines separated by newlines."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def find_marked(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Marked]:
    """Every quote-mark pair in ``text``, top level and nested, in text order."""
    paras = paragraphs or paragraph_spans(text)
    out: list[Marked] = []
    for k, (p0, p1) in enumerate(paras):
        nxt = paras[k + 1][0] if k + 1 < len(paras) else None
        reopens = nxt is not None and _starts_with_opener(text, nxt)
        out += _scan_paragraph(text, p0, p1, reopens)
    return sorted(out, key=lambda m: m.start)


def _starts_with_opener(text: str, pos: int) -> bool:
    rest = text[pos:pos + 3].lstrip(_TRIM)
    return bool(rest) and (rest[0] in _OPEN or rest[0] == _STRAIGHT)


def _scan_paragraph(text: str, p0: int, p1: int, reopens: bool) -> list[Marked]:
    stack: list[tuple[int, str]] = []
    out: list[Marked] = []
    for hit in _MARK.finditer(text, p0, p1):  # only a mark can open or close: the rest is skipped
        i, c = hit.start(), hit.group()
        kind = _classify(text, i, p0, p1, stack)
        if kind == "open":
            stack.append((i, c))
        elif kind == "close":
            j, _ = stack.pop()
            out.append(_make(text, j, i, closed=True, depth=len(stack)))
    if stack:  # unclosed: runs to the end of the paragraph
        j, _ = stack[0]
        m = _make(text, j, p1, closed=False, depth=0)
        m.continues = reopens
        out.append(m)
    return [m for m in out if m.end > m.start]


def _classify(text: str, i: int, p0: int, p1: int, stack: list[tuple[int, str]]) -> str | None:
    c = text[i]
    prev = text[i - 1] if i > p0 else " "
    nxt = text[i + 1] if i + 1 < p1 else " "
    if c in _OPEN:
        # ” used as an opener is handled below; “ after a word and before a space closes (German-style typos)
        return "open"
    if c in _CLOSE:
        if stack and stack[-1][1] not in (_SOPEN,):
            return "close"
        if c == "”" and not stack and not prev.isalnum() and nxt.isalnum():
            return "open"  # ”word…” typed with the wrong opener
        return None
    if c == _STRAIGHT:
        if stack and stack[-1][1] == _STRAIGHT:
            return "close"
        if prev.isspace() or prev in "([:—–-" or i == p0:
            return "open"
        return "close" if stack else None
    if c == _SOPEN and not prev.isalnum():
        return "open"
    if c == _SCLOSE and stack and stack[-1][1] == _SOPEN and not nxt.isalnum():
        return "close"
    return None


def _make(text: str, open_mark: int, close_at: int, closed: bool, depth: int) -> Marked:
    s, e = open_mark + 1, close_at
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return Marked(s, e, text[s:e], open_mark, close_at if closed else None, closed, depth=depth)


def word_count(text: str) -> int:
    """Content words: elided articles and clitics ("l’", "d’", "s") do not count, so “l’Occident” is one."""
    return len([w for w in re.findall(r"[^\W_]+", text) if len(w) > 1 or w.isdigit()])


def looks_like_title(text: str) -> bool:
    """Title Case Words with no sentence punctuation: a work's or a programme's title, not speech."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    if not words or len(words) > 8 or re.search(r"[.!?;:]", text):
        return False
    small = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "de", "la", "le", "les", "du", "des",
             "et"}
    caps = [w for w in words if w.lower() not in small]
    return bool(caps) and all(w[0].isupper() for w in caps) and len(words) >= 2
