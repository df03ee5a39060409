"""The headline of a plain-text page: the headline-shaped line above the body that an article header
follows (byline, date), rather than a teaser of another story, a sponsor line or the standfirst.

A rendered page shows many headline-shaped lines before its body: menus, lists of other stories ("Sur le
même sujet", "Read more" teasers), the kicker, the headline itself, a standfirst, a sponsor mention. News
layout gives the headline away by what surrounds it:

- an article header follows it: a byline ("By …", "Par …", "Text by …") and a date line ("Sat 24 Feb 2024",
  "AFP 30 avril 2015 à 07:19"), with only share buttons, captions and credits in between;
- little else stands between it and the body: a teaser list or a caption does;
- it comes first: the line right under a headline-shaped line is its standfirst or sponsor line;
- teasers sit in lists: next to "Read more" links, or under a list heading, with no date of their own.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .text_cleaner import Line

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
BYLINE = re.compile(
    r"^\s*(?:(?:par|by|(?:text|story|words|written|reported) by|publié|published|posted|updated|mis à jour"
    r"|modifié)\b|le \d|\d{1,2}(?:er)? \w+ \d{4}|\w+ \d{1,2}, \d{4}|\d{1,2}/\d{1,2}/\d{2,4}|source\s*:)",
    re.IGNORECASE,
)
_SEARCH_BACK = 40  # lines above the body where the headline may stand
_LOOKAHEAD = 6  # informative lines after a headline where its byline and date may stand
_LOOKAHEAD_LINES = 12  # ... among this many lines (share buttons and captions between)


@cache
def _date_re() -> re.Pattern:
    """A calendar date with its year, in any language veille knows: "24 Feb 2024", "April 25, 2023",
    "30 avril 2015", "2015-05-12", "30/04/2024"."""
    from ...lang import resources, supported

    months = {m for code in supported() for m in getattr(resources(code), "months", {})}
    alt = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    return re.compile(
        rf"\b(?:\d{{1,2}}(?:er)?\.?\s+(?:{alt})\.?,?\s+\d{{4}}|(?:{alt})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
        rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\b",
        re.IGNORECASE,
    )


def is_date_line(text: str) -> bool:
    """A short line that dates the article ("Latest update : 2015-05-12", "AFP 30 avril 2015 à 07:19")."""
    return len(text.split()) <= 16 and bool(_date_re().search(text))


def menu_like(ln: Line, res) -> bool:
    """A run of capitalised words (a menu flattened on one line). In a language whose headlines are in
    sentence case (French) from 8 words on; where headlines may be in Title Case (English) only from
    16 words on, longer than such headlines run."""
    if res is None or ln.words < (16 if res.title_case_headlines else 8):
        return False
    words = _WORD.findall(ln.text)
    return sum(1 for w in words if w[:1].isupper()) / len(words) > (0.8 if res.title_case_headlines else 0.6)


def headline_shaped(ln: Line, res) -> bool:
    """4 to 30 words, no closing full stop, not a menu, a byline or a date line."""
    return not (
        ln.bullet
        or ln.reason
        or not 4 <= ln.words <= 30
        or menu_like(ln, res)
        or ln.text.endswith((".", ",", ";"))
        or BYLINE.match(ln.text)
        or is_date_line(ln.text)
        or (ln.words >= 6 and ln.function_ratio < 0.1)
        or _is_list_cue(ln, res)
    )


def headline_before(lines: list[Line], first: int, hint: str | None, res, fold) -> Line | None:
    """The headline-shaped line above the body (or opening it) that best fits an article header. Lines
    under a list heading are teasers unless dated; when that leaves nothing, the list is not trusted."""
    lo = max(0, first - _SEARCH_BACK)
    under_list = _under_list_heading(lines, lo, first, res)
    best = _best_headline(lines, lo, first, hint, res, fold, under_list)
    if best is None and under_list:
        best = _best_headline(lines, lo, first, hint, res, fold, set())
    return best


def _best_headline(lines: list[Line], lo: int, first: int, hint, res, fold, under_list: set[int]):
    best, best_score = None, 0.0
    for i in range(lo, min(first + 1, len(lines))):
        ln = lines[i]
        if not headline_shaped(ln, res):
            continue
        byline, dated = _header_follows(lines, i)
        if i in under_list and not (dated or _dated_above(lines, i)):
            continue  # a teaser in a list of other stories: it has no date of its own
        score = float(min(ln.words, 15) + 6 * byline + 6 * dated)
        score -= 2 * _content_lines_between(lines, i, first, res) + 0.05 * (first - i)
        if _next_to_teaser_link(lines, i, res):
            score -= 10
        if i > lo and headline_shaped(lines[i - 1], res):
            score -= 10  # the line under a headline: its standfirst or a sponsor line
        if hint and fold(hint) == fold(ln.text):
            score += 20
        if sum(1 for other in lines if other.text == ln.text) > 1:
            score += 3
        if score > best_score:
            best, best_score = ln, score
    return best


def _informative(ln: Line) -> bool:
    """Not a share button, a bullet with one word, a caption or other furniture."""
    return not ln.reason and (ln.words >= 2 or is_date_line(ln.text))


def _header_follows(lines: list[Line], i: int) -> tuple[bool, bool]:
    """(a byline follows, a date line follows) within the next informative lines, before the second
    paragraph of prose (a standfirst may come between the headline and its byline)."""
    byline = dated = False
    seen = prose = 0
    for ln in lines[i + 1 : i + 1 + _LOOKAHEAD_LINES]:
        if seen >= _LOOKAHEAD or prose >= 2:
            break
        if not _informative(ln):
            continue
        seen += 1
        byline = byline or bool(BYLINE.match(ln.text)) and not is_date_line(ln.text)
        dated = dated or is_date_line(ln.text)
        prose += ln.score > 0
    return byline, dated


def _dated_above(lines: list[Line], i: int) -> bool:
    """A date line just above: some headers put the date over the headline ("2 minute read April 25, …")."""
    return any(is_date_line(ln.text) for ln in lines[max(0, i - 2) : i])


def _content_lines_between(lines: list[Line], i: int, first: int, res) -> int:
    """Other headlines, teasers and prose between a candidate and the body; the line right under the
    candidate does not count (a standfirst belongs to the article header)."""
    return sum(1 for ln in lines[i + 2 : first] if ln.score > 0 or headline_shaped(ln, res))


def _is_list_cue(ln: Line, res) -> bool:
    """A bare "Read more" / "Sur le même sujet" / "Most read" line: it heads or closes a teaser."""
    if res is None or ln.words > 5:
        return False
    bare = ln.text.strip(" :.-–—>»|*•").lower()
    cues = {c.lower() for c in res.insert_cues} | set(res.headline_list_heads)
    return bare in cues


def _is_list_heading(ln: Line, res) -> bool:
    """A heading of a list of other stories ("Sur le même sujet", "Related stories"), not a one-word cue
    that menus and ad slots also show ("More", "Advertisement")."""
    return not ln.bullet and ln.words >= 2 and _is_list_cue(ln, res)


def _next_to_teaser_link(lines: list[Line], i: int, res) -> bool:
    """A teaser sits between "Read more" links (the link after it, or a list cue just above)."""
    near = [lines[j] for j in (i - 1, i + 1, i + 2) if 0 <= j < len(lines)]
    return any(_is_list_cue(ln, res) for ln in near)


def _under_list_heading(lines: list[Line], lo: int, first: int, res) -> set[int]:
    """Indices of the lines that follow a bare list heading ("Sur le même sujet", "Related") up to the
    next prose line: the teasers of that list."""
    out: set[int] = set()
    inside = False
    for i in range(lo, min(first + 1, len(lines))):
        ln = lines[i]
        if _is_list_heading(ln, res):
            inside = True
            continue
        if ln.score > 0:
            inside = False
        if inside:
            out.add(i)
    return out
