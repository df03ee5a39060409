"""Date lines of a page: "Publié le 30 août 2023 à 14h52", "Posted April 3, 2023 7:00 am", "Published on
30/04/2024 - 16:38", or a line that is only a date ("March 7, 2024 7:55 AM UTC").

The line nearest the start of the body wins: pages list other articles with their own dates ("Publié le
18 mai 2022" under each related headline), and the page's byline sits by its title. A line with a publication
cue beats a bare date line; update lines ("mis à jour", "Updated") are never the publication date. The date
itself is parsed by dateparser, and must carry a year: "il y a 3 heures" is never turned into a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ...lang import resources, supported
from ...stage import Work

#: how far from the start of the body (characters of the raw page text) a date line may sit
_CUE_REACH = 6000
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_BARE_REACH = 1500
_MAX_LINE = 140


@dataclass(frozen=True)
class _Cues:
    published: re.Pattern
    updated: re.Pattern


def _time_module(code: str):
    """A language's time resources (``veille.lang.<code>.time``), or None."""
    res = resources(code)
    return res.part("time") if res else None


@cache
def _cues() -> _Cues:
    """Publication and update cues of every supported language (a French page may carry English furniture)."""
    pub, upd = [], []
    for code in supported():
        part = _time_module(code)
        pub += list(getattr(part, "PUBLISHED_CUES", ()))
        upd += list(getattr(part, "UPDATED_CUES", ()))

    def alt(words):
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    return _Cues(re.compile(rf"^\W*(?:{alt(pub)})\b\s*(?:le\b|on\b)?\s*:?\s*", re.I),
                 re.compile(rf"(?:^|(?<=[\W\d]))(?:{alt(upd)})\b", re.I))


def visible_lines(work: Work) -> tuple[list[tuple[int, str]], int]:
    """The page's visible lines with their offsets, and the offset where the body starts. Plain text is
    read as it came in (the cleaner drops bylines as furniture); HTML is reduced to its text, a line per
    block."""
    raw = _visible_text(work)
    lines, pos = [], 0
    for line in raw.split("\n"):
        lines.append((pos, line.strip()))
        pos += len(line) + 1
    return lines, _body_start(raw, work.article.text)


def dated_lines(work: Work) -> tuple[list[tuple[int, str]], int]:
    """:func:`visible_lines` keeping only the lines that hold a year, the only ones :func:`date_line_near`
    reads: found by one search of the page's text instead of a line-by-line walk (a page of HTML has
    thousands of lines, a few dozen with a year). A year never spans a line break and the characters
    ``strip`` removes are no word characters, so a line holds a year exactly when its stripped form does."""
    raw = _visible_text(work)
    lines, last = [], -1
    for m in _YEAR.finditer(raw):
        start = raw.rfind("\n", 0, m.start()) + 1
        if start != last:
            end = raw.find("\n", m.end())
            lines.append((start, raw[start:end if end >= 0 else len(raw)].strip()))
            last = start
    return lines, _body_start(raw, work.article.text)


def _visible_text(work: Work) -> str:
    raw = work.source.text or ""
    return html_lines(raw) if work.source.kind == "html" else raw


#: a tag that starts or ends a line: ``<br>``, and the opening or closing tag of a block (the "/" read once,
#: not tried again with each name: a quarter less time over a page's tags)
_BLOCK = re.compile(r"<(?:br|/?(?:p|div|li|h\d|time|tr|section|article|header|footer|span))\b[^>]*>", re.I)


def html_lines(html: str) -> str:
    """Visible text of an HTML page, a line per block. Deliberately simple: trafilatura's ``html2txt``
    gives up on some pages' markup (France 24, 2015), and a byline only needs its line."""
    import html as html_lib

    text = _HIDDEN.sub(" ", html)
    text = _BLOCK.sub("\n", text)
    text = html_lib.unescape(_TAG.sub(" ", text))
    # the runs of spaces never hold a line break, so squeezing them in the whole text squeezes each line
    return "\n".join(line.strip() for line in _SPACES.sub(" ", text).split("\n"))


#: scripts, styles and comments, each up to its first closing tag: ``<script\b.*?</script\s*>`` written so
#: that the engine runs over the text between in one loop (``[^<]*``), stopping only at a "<" (a third of
#: the time of the lazy ``.*?``)
_HIDDEN = re.compile(r"(?is)<(script|style|noscript|template)\b[^<]*(?:<(?!/\1\s*>)[^<]*)*</\1\s*>"
                     r"|<!--[^-]*(?:-(?!->)[^-]*)*-->")
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")


def _body_start(raw: str, body: str) -> int:
    first = next((p.strip() for p in body.split("\n") if len(p.strip()) > 30), body.strip())
    at = raw.find(first[:40]) if first else -1
    return at if at >= 0 else 0


def date_line_near(lines: list[tuple[int, str]], body_at: int, lang: str | None) -> date | None:
    """The date of the date line nearest the body start; None when no line states one.

    Lines with a publication cue come first; then bylines and date lines with their time of day; then a
    plain date line ("24 July 2015", BBC), but only when it is the one date near the body: several plain
    dates there are a list of headlines, not a byline."""
    near = sorted((abs(pos - body_at), line) for pos, line in lines
                  if line and len(line) <= _MAX_LINE and _YEAR.search(line))
    found: dict[str, list[date]] = {"byline": [], "plain": []}
    for distance, line in near:  # nearest first: the first cue line read is the answer
        if distance > _CUE_REACH:
            break
        # past the reach of bare dates, or once a byline is found, only a cue line can change the answer:
        # a line without a cue is not parsed (dateparser's ~1.5 ms a line was most of this stage)
        if (distance > _BARE_REACH or found["byline"]) and not _has_cue(line):
            continue
        hit = _line_date(line, lang)
        if hit is None:
            continue
        kind, when = hit
        if kind == "cue":
            return when
        if distance <= _BARE_REACH:
            found[kind].append(when)
    if len(set(found["plain"])) > 1:
        found["plain"] = []
    best = found["byline"] or found["plain"]
    return best[0] if best else None


_PARTS = re.compile(r"\s[·•]\s|\s?\|\s?")


def _has_cue(line: str) -> bool:
    """Whether a part of ``line`` opens with a publication cue (what ``_part_date`` calls cued)."""
    return any(_cued(part.strip()) for part in _PARTS.split(line))


def _cued(part: str) -> bool:
    m = _cues().published.match(part)
    return bool(m and re.search(r"\w", m.group(0)))


def _line_date(line: str, lang: str | None) -> tuple[str, date] | None:
    """(kind, date) for a line that states a publication date, else None; kind is "cue" (a publication
    cue), "byline" (an author's line or a date with its time) or "plain" (a date alone). A line may hold
    several parts ("CBC News · Posted: Apr 11, 2023 8:34 AM EDT | Last Updated: April 11"): each is read on
    its own."""
    for part in _PARTS.split(line):
        found = _part_date(part.strip(), lang)
        if found:
            return found
    return None


def _part_date(part: str, lang: str | None) -> tuple[str, date] | None:
    cues = _cues()
    m = cues.published.match(part)
    cued = bool(m and re.search(r"\w", m.group(0)))
    if not cued and cues.updated.match(part):
        return None  # "Mis à jour le ...", "Updated April 3": not when it was published
    rest = part[m.end():] if m and cued else part
    cut = cues.updated.search(rest)
    rest = rest[:cut.start()] if cut else rest
    rest = rest.strip(" ,;:-–—(")
    if not _YEAR.search(rest):
        return None
    located = _located_date(rest)
    if located is None:
        return None
    span_text, leftover = located
    kind = "cue" if cued else _bare_kind(part, leftover)
    if kind is None:
        return None
    when = (parse_full_date(rest, lang) if cued else None) or parse_full_date(span_text, lang)
    return (kind, when) if when else None


def _located_date(text: str) -> tuple[str, str] | None:
    """The first full date (day, month, year) the time grammar finds in ``text``, and the text around it."""
    from ..time.rules import find_candidates

    for code in supported():
        module = _time_module(code)
        if module is None:
            continue
        for cand in find_candidates(text, module):
            if cand.kind in ("date", "numeric_date", "iso_date") and "year" in cand.groups:
                return cand.text, text[:cand.start] + " " + text[cand.end:]
    return None


_CLOCK = re.compile(r"\b\d{1,2}[:h]\d\d\b|\b\d{1,2}\s*[ap]\.?m\b"
                    r"|\b(?:GMT|UTC|CET|CEST|EDT|EST|PDT|PST|BST)\b", re.I)
_BYLINE = re.compile(r"^\W*(?:by|par)\s", re.I)


def _bare_kind(line: str, leftover: str) -> str | None:
    """How a line without a publication cue states a date: "byline" with its time ("March 7, 2024 7:55 AM
    UTC", "International 07/04/2023 07:32") or after an author ("By Jane Doe - 2019-04-10"); "plain" for a
    date alone ("24 July 2015"). None for captions and credits ("Source: Defense Ministry, October 25,
    2019": too many other words) and for the banner of today's date many sites print above everything
    ("Wed, Nov 20, 2019": a weekday and no time)."""
    words = _words(leftover)
    if _BYLINE.match(line):
        return "byline" if len(words) <= 5 else None
    if len(words) > 4:
        return None
    if _CLOCK.search(line):
        return "byline"
    weekday = any(w.lower() in _weekdays() for w in re.findall(r"[^\W\d_]+", line))
    return None if weekday else "plain"


@cache
def _weekdays() -> frozenset[str]:
    names: set[str] = set()
    for code in supported():
        module = _time_module(code)
        names.update(getattr(module, "WEEKDAYS", {}))
    names.update(n[:3] for n in list(names))
    return frozenset(names)


def _words(text: str) -> list[str]:
    """Words of a date line besides the date: times, time zones and numbers do not count."""
    text = re.sub(r"\b\d{1,2}(?:[:h]\d\d)?\s*(?:[ap]\.?m\.?)?(?=\W|$)"
                  r"|\b(?:GMT|UTC|CET|CEST|EDT|EST|PDT|PST|BST)(?:[+-]\d+)?|\b(?:à|at|le|on|the)\b",
                  " ", text, flags=re.I)
    return re.findall(r"[^\W\d_]{2,}", text)


def _ambiguous_numeric(text: str) -> bool:
    m = re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](?:19|20)\d\d\b", text)
    return m is not None and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1) != m.group(2)


def parse_full_date(text: str, lang: str | None) -> date | None:
    """A date with day, month and year from a short text, through dateparser; None otherwise."""
    import dateparser

    from ...compiled_patterns import cache_regex_patterns

    cache_regex_patterns()  # dateparser's patterns compiled once per machine (start-up: its first date)

    codes = [lang] if lang in supported() else []
    codes += [c for c in supported() if c not in codes]
    settings: dict[str, object] = {"REQUIRE_PARTS": ["day", "month", "year"],
                                   "RETURN_AS_TIMEZONE_AWARE": False}
    order = getattr(_time_module(codes[0]), "DATE_ORDER", None)
    if order:
        settings["DATE_ORDER"] = order
    elif _ambiguous_numeric(text):
        return None  # "04/07/2023" on an English page: 4 July or April 7, and nothing says which
    try:
        parsed = dateparser.parse(text, languages=codes, settings=settings)
    except (ValueError, TypeError, OverflowError, RecursionError):
        return None
    if parsed is None or not 1990 <= parsed.year <= 2100:
        return None
    return parsed.date()
