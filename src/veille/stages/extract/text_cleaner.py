"""veille's own cleaner for plain-text pages: keep the article, drop the furniture, say why.

Plain-text renderings of web pages (copy-paste, inscriptis, lynx dumps) carry menus, share prompts,
"Lire aussi" inserts, comment forms, cookie banners and lists of other headlines inline with the
article. The cleaner works on lines:

1. each line gets a score: prose (long, punctuated, rich in the page language's function words) is
   positive, navigation-like lines (short, bulleted, no sentence punctuation) negative, and known
   furniture strongly negative;
2. the body is the stretch of lines with the highest total score (the maximum-sum segment, as in
   Finn et al.'s Body Text Extraction), so short subheads inside an article survive while menus and
   footers around it do not;
3. inside the body, inserts, furniture, captions and lines in another language are dropped;
4. the title is the page's own "Title | Site" line when it has one, else the headline-like line just
   before the body (bylines and dates right under it count in its favour).

Every dropped line goes to ``removed`` with its reason and offsets in the input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ...lang import resources
from ...record import Removed
from ..langid import fragment_languages, identify
from .extracted import Extracted
from .headline import headline_before, menu_like
from .inserts import framed_boxes, insert_reason, is_date_stamp, strip_link_hints, trailing_link_list
from .phrase_trie import phrase_pattern

_BULLET = re.compile(r"^\s*(?:[*+•·‣▪◦►»>-]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…»”\"')\]:;]\s*$")
_TITLE_SPLIT = re.compile(r"\s+(?:\||–|—|-|::|•)\s+")
# Credit lines at the foot of agency copy: "Reporting by ...; Editing by ...", "— with files from the AP".
_CREDITS = re.compile(
    r"^\W*(?:\(?(?:additional )?reporting by|writing by|editing by|compiled by|with files from|"
    r"(?:avec|with) (?:AFP|AP|Reuters|agences)\W*$|propos recueillis par|rédigé par|\(avec AFP\))",
    re.IGNORECASE,
)
_GALLERY = re.compile(r"^\[\d+/\d+\]")
# A picture credit or caption: "Jean Dupont / AFP", "© ...", "Photo :", "(AP Photo ...", a line that is only
# an agency's name. Written as three patterns, for speed only (one alternation of them all, searched, cost
# ten times as much: ``re`` tried every alternative at every position of every line):
# - "Name / AGENCY" tries every capitalised word of the line (40 characters forward, then back to a "/"):
#   run only on the lines holding a "/";
# - the markers found anywhere each open with their first character, the word boundary checked behind it
#   (``C(?<=\bC)opyright`` is ``\bCopyright``), so ``re`` jumps from one candidate character to the next;
# - the forms anchored at the line's start are matched there only.
_SLASH_CREDIT = (
    r"\b[A-ZÀ-Ý][\w.\- ]{1,40}\s*/\s*(?:AFP|AP|REUTERS|Reuters|EPA|(?i:Getty)(?: (?i:Images))?|SIPA|"
    r"MAXPPP|ABACA|Hans Lucas|PA|Shutterstock|Bloomberg|Anadolu)\b"
)
_ANYWHERE_CREDIT = (
    r"©|C(?<=\bC)opyright\b|P(?<=\bP)hoto\s*:|C(?<=\bC)rédit(?:s)?\s*:|\((?:AP|AFP|Reuters) Photo\b|"
    r"I(?<=\bI)mage\s*:|I(?<=\bI)llustration\s*:|\((?i:photo)\b|V(?<=\bV)IDÉO\b"
)
_LINE_START_CREDIT = (
    r"(?:Media|Image) (?:caption|copyright|source)\b|"
    # a line that is only a picture agency's name: the credit under a photo or the agency's sign-off
    r"\W*(?:AFP|AP|Reuters|REUTERS|EPA|Getty Images|DR|Belga|ANP|dpa|MAXPPP)\W*$"
)
_SLASH_CREDIT_RE = re.compile(_SLASH_CREDIT, re.UNICODE)
_ANYWHERE_CREDIT_RE = re.compile(_ANYWHERE_CREDIT, re.UNICODE)
_LINE_START_CREDIT_RE = re.compile(_LINE_START_CREDIT, re.UNICODE)


def is_caption_credit(text: str) -> bool:
    """Whether ``text`` holds a picture credit or caption marker (the patterns above).

    >>> is_caption_credit("Le pont, mardi. Jean Dupont / AFP"), is_caption_credit("Le pont rouvrira.")
    (True, False)
    """
    return bool(("/" in text and _SLASH_CREDIT_RE.search(text)) or _ANYWHERE_CREDIT_RE.search(text)
                or _LINE_START_CREDIT_RE.match(text))
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass
class Line:
    start: int
    end: int
    text: str  # stripped
    words: int
    bullet: bool
    sentence_end: bool
    function_ratio: float
    lang: str | None = None
    score: float = 0.0
    reason: str | None = None  # why it is furniture, when it is


def clean_text(name: str, raw: str, page_lang: str | None = None) -> Extracted:
    """Article body, title and site name of a plain-text page, with every dropped line in ``removed``."""
    lines = _lines(raw)
    lang = page_lang or _guess_language(lines)
    res = resources(lang)
    fwords = res.function_words if res else frozenset()
    for ln in lines:
        ln.function_ratio = _function_ratio(ln.text, fwords)
    site_title = _title_with_site(lines, res)
    first, last = _score_lines(lines, res, site_title)
    if site_title and site_title[2] > first:
        # a "Headline - Site" line below the start of the body is a teaser of another story, not the title
        site_title = None
        first, last = _score_lines(lines, res, None)
    title_line = headline_before(lines, first, site_title[0] if site_title else None, res, _fold)
    title = site_title[0] if site_title else (title_line.text if title_line else None)
    site = site_title[1] if site_title else None
    body, removed_lines = _split_body(lines, first, last, res, title, lang)
    folded_title = _fold(title) if title is not None else None  # once, not once per line
    duplicate_title = (
        title is not None and sum(1 for ln in lines if _fold(_strip_site(ln.text, site)) == folded_title) > 1
    )
    removed = [
        Removed(text=ln.text, reason=ln.reason or "outside the article", start=ln.start, end=ln.end)
        for ln in removed_lines
    ]
    paragraphs = []
    for ln in body:
        para, hints = strip_link_hints(join_drop_cap(ln.text))
        paragraphs.append(para)
        removed += [Removed(text=h.strip(" ,"), reason=LINK_HINT) for h in hints]
    text = "\n\n".join(paragraphs)
    return Extracted(text=text, title=title, site_name=site, removed=removed, duplicate_title=duplicate_title)


# --- lines and their features ------------------------------------------------------------------------


def _lines(raw: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    # runs of spaces never hold a line break: squeezing them in the whole text squeezes every line
    squeezed = _SPACES.sub(" ", raw).split("\n")
    for piece, text in zip(raw.split("\n"), squeezed, strict=True):
        start, end = pos, pos + len(piece)
        pos = end + 1
        text = text.strip()
        if not text:
            continue
        lead = len(piece) - len(piece.lstrip())
        out.append(
            Line(
                start + lead,
                end,
                text,
                len(_WORD.findall(text)),
                bool(_BULLET.match(text)),
                bool(_SENTENCE_END.search(text)),
                0.0,
            )
        )
    return _join_wrapped(out)


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """Join hard-wrapped prose (a line that stops mid-sentence followed by one starting in lower case)."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (
            prev
            and not prev.bullet
            and not ln.bullet
            and prev.words >= 8
            and not prev.sentence_end
            and ln.text[:1].islower()
            and ln.start - prev.end <= 2 + (ln.start - ln.start)
        ):
            out[-1] = Line(
                prev.start,
                ln.end,
                prev.text + " " + ln.text,
                prev.words + ln.words,
                False,
                ln.sentence_end,
                0.0,
            )
        else:
            out.append(ln)
    return out


def _function_ratio(text: str, fwords: frozenset[str]) -> float:
    words = _LETTERS.findall(text)
    return sum(map(fwords.__contains__, map(str.lower, words))) / len(words) if words else 0.0


def _guess_language(lines: list[Line]) -> str | None:
    prose = " ".join(ln.text for ln in lines if ln.words >= 12 and ln.sentence_end)
    return identify(prose or " ".join(ln.text for ln in lines))[0] if lines else None


def _fold(s: str) -> str:
    """Lower case, accents and punctuation gone: how lines and titles are compared."""
    if not s.isascii():  # ASCII has nothing to decompose
        s = unicodedata.normalize("NFKD", s).translate(_NOT_COMBINING)
    return _NON_WORDS.sub(" ", s).strip().lower()


class _CombiningMarks(dict):
    """A ``str.translate`` table that deletes combining marks (``unicodedata.combining``), learnt one code
    point at a time: the characters of a page are looked up in C, not tested one by one in Python."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_NOT_COMBINING = _CombiningMarks()
_NON_WORDS = re.compile(r"\W+")


# --- title and site name -----------------------------------------------------------------------------


def _score_lines(lines: list[Line], res, site_title) -> tuple[int, int]:
    """Give every line its furniture reason and score; the body's (first, last) line indices."""
    for ln in lines:
        ln.reason = _furniture_reason(ln, res, site_title)
        ln.score = _score(ln)
    return _best_segment(lines)


def _title_with_site(lines: list[Line], res) -> tuple[str, str, int] | None:
    """'Headline | Site' (or ' - Site'), the way a page's <title> reads: the first line, or failing that the
    first such line in the page's head (menus often come first in copied text); with its line index."""
    for i, ln in enumerate(lines[:_HEAD_LINES]):
        found = _split_title_site(ln, res)
        if found:
            return (*found, i)
    return None


_HEAD_LINES = 80


def _split_title_site(ln: Line, res) -> tuple[str, str] | None:
    parts = _TITLE_SPLIT.split(ln.text)
    if len(parts) < 2 or ln.bullet:
        return None
    site = parts[-1].strip()
    title = ln.text[: len(ln.text) - len(site)].rstrip(" |–—-:•")
    if " | " in title or menu_like(Line(0, 0, title, len(_WORD.findall(title)), False, False, 0.0), res):
        return None
    if 1 <= len(site.split()) <= 5 and len(title.split()) >= 4 and not _SENTENCE_END.search(site):
        return title.strip(), site
    return None


def _strip_site(text: str, site: str | None) -> str:
    if site and text.rstrip().endswith(site):
        return text.rstrip()[: -len(site)].rstrip(" |–—-:•")
    return text


# --- scoring and the body segment ----------------------------------------------------------------------

WALL = "end of the article"
LINK_HINT = "link hint for screen readers (inside a paragraph)"


def _furniture_reason(ln: Line, res, site_title) -> str | None:
    low = ln.text.lower()
    wall = next((p for p in _all_words("wall_phrases") if p in low), None) if _any_of(
        "wall_phrases").search(low) else None
    if wall and ln.words <= 40:
        return f"{WALL} (paywall or comments: {wall})"
    if ln.words >= 20:
        notice = [w for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", low) if w in _all_words("notice_words")]
        if len(notice) >= 3 and len(notice) >= 0.04 * ln.words:
            return "cookie, privacy or account notice"
    if site_title and (
        ln.text.endswith(site_title[1]) and _fold(_strip_site(ln.text, site_title[1])) == _fold(site_title[0])
    ):
        return "title line repeated with the site name"
    if _sponsor_line(ln, low):
        return "sponsor line"
    cue = res.insert_cue_re().match(ln.text) if res is not None and ln.words <= 30 else None
    if cue is not None and not _sentence_opening_with_cue_word(cue, ln):
        return "unrelated insert (" + cue.group(0).strip(" :-–—>»|") + ")"
    if res is not None and ln.words <= 14 and low.strip(" .:!") in res.headline_list_heads:
        return "heading of a list of other headlines"
    hits = [p for p in _all_words("furniture_phrases") if p in low] if _any_of(
        "furniture_phrases").search(low) else []
    if hits and ln.words <= 40:
        strong = [p for p in hits if len(p.split()) >= 3]
        prose = (
            ln.sentence_end and ln.words >= 12 and ln.function_ratio >= 0.3 and not _looks_like_prompt(low)
        )
        if strong or len(hits) >= 2 or not prose:
            return "site furniture (" + (strong or hits)[0] + ")"
    elif len(set(hits)) >= 3:
        return "site furniture (" + hits[0] + ")"
    shaped = insert_reason(ln.text, ln.words)
    if shaped:
        return shaped
    if _CREDITS.match(ln.text):
        return "credits"
    if _GALLERY.match(ln.text):
        return "picture caption or credit"
    if (  # the cheap tests first: the pattern tries every capitalised word of a line
        ln.words <= 40
        and not ln.text.rstrip().endswith((".", "»", "”", '"'))
        and is_caption_credit(ln.text)
    ):
        return "picture caption or credit"
    return None


def _sponsor_line(ln: Line, low: str) -> bool:
    """A short header line naming a sponsor: it opens or closes with the cue ("En partenariat avec X",
    "World news is sponsored by"), so a headline or sentence that merely contains the words is left alone."""
    if ln.words > 12 or ln.text.rstrip().endswith((".", "!", "?", "»", "”", '"')):
        return False
    bare = low.strip(" :.-–—|*•")
    cues = _sponsor_cues()
    return bare.startswith(cues) or bare.endswith(cues)


@cache
def _sponsor_cues() -> tuple[str, ...]:
    return tuple(_all_words("sponsor_cues"))


@cache
def _all_words(kind: str) -> tuple[str, ...] | frozenset[str]:
    """A furniture word list of every language veille knows: foreign furniture (an English comment form on
    a French page) is common on scraped and translated copies."""
    from ...lang import supported

    merged = dict.fromkeys(p for code in supported() for p in getattr(resources(code), kind))
    return frozenset(merged) if kind == "notice_words" else tuple(merged)


@cache
def _any_of(kind: str) -> re.Pattern:
    """A pattern found in a line exactly when one of the ``kind`` phrases is: a line without any (most
    lines) is told so by one search instead of a substring test per phrase."""
    return phrase_pattern(_all_words(kind))


def _sentence_opening_with_cue_word(cue: re.Match, ln: Line) -> bool:
    """"More than 200 flights were cancelled.": a one-word cue ("More", "Watch") written as a sentence's
    first word, with no separator after it and the line a sentence, is prose; "MORE: …", "MORE Storm
    hits" and "Lire aussi …" stay inserts."""
    said = cue.group(0).strip()
    return (said[-1:].isalpha() and len(said.split()) == 1 and not said.isupper() and ln.sentence_end
            and ln.words >= 6)


def _looks_like_prompt(low: str) -> bool:
    return bool(
        re.search(r"\b(?:cliquez|click|abonnez|subscribe|inscrivez|recevez|receive|sign up|cookies?)\b", low)
    )


def _score(ln: Line) -> float:
    if ln.reason and ln.reason.startswith(WALL):
        return float("-inf")
    if ln.reason:
        return -25.0 if ln.reason.startswith(("heading of a list", "site furniture")) else -3.0
    # a sentence of figures and names has few function words ("Insurers expect claims to exceed 50 million
    # euros, the newspaper X reported, citing industry sources."): a longer one may have fewer
    prose = ln.sentence_end and ln.words >= 10 and ln.function_ratio >= (0.1 if ln.words >= 12 else 0.18)
    if prose and not ln.bullet:
        return float(ln.words)
    if prose:  # a bulleted sentence: list of teasers or a real list inside the article
        return ln.words * 0.3
    if ln.bullet or ln.words <= 3:
        return -4.0
    return -1.0 - ln.words * 0.1


def _best_segment(lines: list[Line]) -> tuple[int, int]:
    """Indices (first, last) of the article: the maximum-sum run of line scores (Kadane) within the stretches
    between walls (paywalls, comment sections). The first stretch holding a substantial run wins over later
    ones even when they score more: what follows a paywall or a comment form is not the article."""
    pieces, start = [], 0
    for i, ln in enumerate(lines + [None]):
        if ln is None or ln.score == float("-inf"):
            if i > start:
                pieces.append(_kadane(lines, start, i))
            start = i + 1
    if not pieces:
        return 0, -1
    top = max(p[0] for p in pieces)
    for total, first, last in pieces:
        if total >= _SUBSTANTIAL and total >= 0.3 * top:
            return first, last
    return max(pieces)[1:]


_SUBSTANTIAL = 40.0  # about two sentences of prose


_BOX_LINES = 8  # an in-body box (newsletter sign-up, video, "related" teaser) is at most this long
_BOX_COST = -30.0  # ... and costs the body no more than this to step over


def _segment_scores(lines: list[Line], lo: int, hi: int) -> list[float]:
    """Line scores for the body search, where a short run of furniture between two paragraphs of prose
    (a newsletter box, a video insert) costs at most ``_BOX_COST`` in all: the article goes on after it.
    Runs holding a heading of a list of other headlines keep their full cost (what follows is not the
    article), and so do longer runs (menus, footers)."""
    scores = [ln.score for ln in lines[lo:hi]]
    i = 0
    while i < len(scores):
        if scores[i] > 0:
            i += 1
            continue
        j = i
        while j < len(scores) and scores[j] <= 0:
            j += 1
        run = lines[lo + i : lo + j]
        total = sum(scores[i:j])
        framed = i > 0 and j < len(scores)
        listed = any((ln.reason or "").startswith("heading of a list") for ln in run)
        if framed and not listed and j - i <= _BOX_LINES and total < _BOX_COST:
            scores[i:j] = [_BOX_COST / (j - i)] * (j - i)
        i = j
    return scores


def _kadane(lines: list[Line], lo: int, hi: int) -> tuple[float, int, int]:
    best, best_range = float("-inf"), (lo, lo - 1)
    run, run_start = 0.0, lo
    scores = _segment_scores(lines, lo, hi)
    for i in range(lo, hi):
        score = scores[i - lo]
        if run <= 0:
            run, run_start = score, i
        else:
            run += score
        if run > best:
            best, best_range = run, (run_start, i)
    return best, *best_range


def _split_body(lines, first, last, res, title, lang) -> tuple[list[Line], list[Line]]:
    body: list[Line] = []
    removed: list[Line] = []
    boxed = framed_boxes(lines, first, last)
    after_insert_cue = 0  # lines left in the teaser a bare "Read more" / "Lire aussi" line introduces
    folded_title = _fold(title) if title else None  # once, not once per line
    for i, ln in enumerate(lines):
        if not first <= i <= last:
            ln.reason = ln.reason or ("before the article" if i < first else "after the article")
            removed.append(ln)
            continue
        if folded_title is not None and _fold(ln.text) == folded_title:
            ln.reason = "title repeated in the body"
        elif i in boxed:
            ln.reason = "inside a box of furniture (newsletter, video or related story)"
        elif after_insert_cue and not ln.sentence_end and ln.words <= 30:
            ln.reason = "unrelated insert (linked headline)"
        elif not ln.reason and ln.bullet and not (_SENTENCE_CLOSE.search(ln.text) and ln.words >= 10):
            ln.reason = "list of links or headlines"  # a bulleted question is a teaser too
        elif not ln.reason and is_date_stamp(ln.text):
            ln.reason = "date or time stamp"
        elif not ln.reason and lang and ln.words >= 3:
            other = _foreign_line(ln, lang, res)
            if other:
                ln.reason = f"line in another language ({other}) than the body ({lang})"
        if ln.reason and _bare_cue(ln):
            after_insert_cue = 3
        elif not ln.reason and ln.score > 0:
            after_insert_cue = 0
        else:
            after_insert_cue = max(0, after_insert_cue - 1)
        (removed if ln.reason else body).append(ln)
    return body, removed


_SENTENCE_CLOSE = re.compile(r"[.!…»”\"')\]:;]\s*$")  # a sentence's end, a question's excepted


def _bare_cue(ln: Line) -> bool:
    """A cue line with nothing after it ("Read more", "Lire aussi :"): the teaser follows it."""
    return ln.words <= 4 and (ln.reason or "").startswith(("unrelated insert (", "heading of a list"))


def _foreign_line(ln: Line, lang: str, res) -> str | None:
    """The language of a body line when it clearly is not the page's (English furniture on a French page)."""
    if ln.words >= 25:
        return None
    code, score = identify(ln.text, fragment_languages(lang))
    if code and code != lang and score >= 0.9 and ln.function_ratio < 0.15:
        return code
    return None


def filter_paragraphs(paragraphs: list[str], lang: str | None) -> tuple[list[str], list[Removed]]:
    """Drop furniture an HTML extractor let through (paywall notices, share prompts, credits, captions,
    "Read more" inserts), by the same line rules as plain text. Only lines with a positive reason go."""
    res = resources(lang)
    fwords = res.function_words if res else frozenset()
    kept, removed = [], []
    paragraphs = [join_drop_cap(p) for p in paragraphs]
    links_from = trailing_link_list(paragraphs, _BULLET)
    for n, p in enumerate(paragraphs):
        ln = Line(0, 0, p, len(_WORD.findall(p)), bool(_BULLET.match(p)), bool(_SENTENCE_END.search(p)), 0.0)
        ln.function_ratio = _function_ratio(p, fwords)
        reason = _furniture_reason(ln, res, None)
        if not reason and n >= links_from:
            reason = "list of links or headlines"
        elif not reason and is_date_stamp(p):
            reason = "date or time stamp"
        if reason:
            removed.append(Removed(text=p, reason=reason))
        else:
            p, hints = strip_link_hints(p)
            kept.append(p)
            removed += [Removed(text=h.strip(" ,"), reason=LINK_HINT) for h in hints]
    return kept, removed


_DROP_CAP = re.compile(r"^([B-HJ-NP-XZÉÈ]) ([a-zà-ÿ]{1,20})\b")


def join_drop_cap(paragraph: str) -> str:
    """Rejoin a drop capital split from its word by the rendering ("L e chantier" → "Le chantier").
    A, I, O and Y are left alone: they are words on their own in French or English."""
    return _DROP_CAP.sub(r"\1\2", paragraph, count=1)


def has_article_text(paragraphs: list[str]) -> bool:
    """At least one sentence-like paragraph: menus and lists of headlines alone are not an article.
    Scripts written without spaces (Japanese, Chinese) are judged by characters and their full stops."""
    return any(
        (n := len(_WORD.findall(p))) >= 30
        or (n >= 8 and _SENTENCE_END.search(p))
        or (len(p) >= 60 and _CJK_STOP.search(p))
        for p in paragraphs
    )


_CJK_STOP = re.compile(r"[。！？]")
