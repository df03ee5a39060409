"""What a machine-translated page carries that a page written in its own language does not, measured as a
few numbers per page so a small model can weigh them (``stories.direction``) and the page signal can
report them (``translation.mt_traces``).

Each measure reads one page in ``own`` language against the language ``other`` it may have been
translated from:

- ``foreign_words``: the share of its words that are words of ``other`` and not of ``own`` (word
  frequencies of both languages from the ``wordfreq`` package, whose lists ship inside its wheel). A
  translation leaves source words behind — names in their source spelling ("Wednesday's Child" on an
  Italian page), a headline left as it was, a term the engine did not know; an original has few words of
  the language it is translated into.
- ``foreign_lowercase``: the same, lower-case words only — common words, not names, which an original
  almost never borrows ("the", "according").
- ``flat_typography``: straight apostrophes and quotes where the page otherwise sets curly ones, or only
  straight ones: translation engines return plain ASCII marks, a newsroom's editor sets ’ “ ” « ».
- ``source_numbers``: numbers written in the other language's convention (3.5 and 1,000 on a French page
  translated from English; 3,5 on an English page translated from Polish).
- ``source_quotes``: quote marks of the other language's convention and not of its own (“ ” on a French
  page that translates English, « » on an English page).
- ``other_script``: across scripts, the share of letters in the other language's script (Latin names
  left in a Chinese translation).
- ``traces``: the count of ``translation.mt_traces`` (bracketed untranslated fragments, calques, a head in
  another language).
- ``title_case``: an English headline in title case ("Minister Says The Plan Is Ready"). English newsrooms
  set it; an engine keeps its source's case. So on a page of another language translated from English it
  is a leftover (positive), and on an English page it is the mark of a native desk (negative: an English
  translation of a sentence-case source has none). Languages that capitalise every noun (German) say
  nothing.
- ``hand_marks``: minus the marks of a hand and of a site per 1,000 characters, which an engine does not
  write back: spacing slips (two spaces in a row, a sentence glued to the next "done.The", a space before
  a comma — not counted in French, which sets one before ; : ! ?), en dashes "–" (an engine returns a
  hyphen or its target's dash), and shouted common words ("PHOTOS", "UPDATE", "NOT A ROBOT": an engine
  writes them in lower case; acronyms, rare as words, do not count). Pages written by people and
  scraped from sites carry them, so a translation is cleaner than its original (0 on a clean page, below
  0 on a marked one: it only means something next to a counterpart).

Each is 0 on a clean native page; a translation scores above its original on most of them.

>>> en_words = "Il a dit que the new plan was ready"
>>> foreign_words(en_words, "fr", "en")[0] > foreign_words("Il a dit que le plan était prêt", "fr", "en")[0]
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from ..disk_cache import cache_root, write_atomic

FEATURES = ("foreign_words", "foreign_lowercase", "flat_typography", "source_numbers", "source_quotes",
            "other_script", "traces", "title_case", "hand_marks")
#: The features that only mean something next to a counterpart (a site may set straight quotes or
#: double spaces everywhere): left out of the verdict on one page alone (``machine_translation``).
PAIR_ONLY = frozenset({"flat_typography", "hand_marks"})
SAMPLE_CHARS = 4000

_WORD = re.compile(r"[^\W\d_]{2,}")
# A word of ``other`` left in an ``own`` page: common there (Zipf ≥ 3, about once per 10⁶ words) and at
# least 30 times rarer in ``own`` — "the" is Zipf 7.7 in English and 5.4 in French (the French web quotes
# English), so it counts; "important" (both ~5) or "week-end" do not.
_COMMON_ZIPF = 3.0
_RARER_BY = 1.5
# Languages writing decimals with a comma (3,5) and thousands with a dot or space (1.000 / 1 000).
_DECIMAL_COMMA = frozenset({
    "fr", "de", "it", "es", "pt", "pl", "ru", "uk", "nl", "tr", "cs", "ro", "sv", "da", "nb", "no", "fi",
    "is", "hu", "el", "bg", "be", "mk", "sr", "hr", "bs", "sl", "sk", "lt", "lv", "et", "ca", "gl", "eu",
    "id", "vi", "az", "kk", "ka", "sq",
})
# Languages writing decimals with a point (3.5). A language in neither list says nothing about numbers:
# guessing its convention would read its own figures as a source's.
_DECIMAL_POINT = frozenset({"en", "zh", "ja", "ko", "he", "th", "hi", "mr", "ne", "ms", "tl", "sw", "ga",
                            "mt", "cy"})
# Unambiguous number conventions only: thousands with a comma (1,000) or one decimal after a point (3.5)
# on a page of a decimal-comma language betray English (or Chinese) figures; on an English page only a
# decimal comma (3,5) betrays a decimal-comma source. "4.367" may be an English decimal, "1 339" or
# "555 111" two numbers or a telephone number (native English pages of the SemEval set had all three),
# and "18.03" or "18.30" a date or a time on a French page.
_POINT_STYLE = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d|,\d{3})(?![\d.,]?\d)")
_COMMA_STYLE = re.compile(r"(?<![\d.,])\d{1,3},\d{1,2}(?![\d.,]?\d)")
#: The double quote marks each language's own press sets (straight " is everyone's and nobody's).
NATIVE_QUOTES: dict[str, str] = {
    "fr": "«»", "en": "“”", "de": "„“»«", "it": "«»“”", "es": "«»“”", "pl": "„”«»", "ru": "«»„“",
    "pt": "«»“”", "nl": "„”“", "zh": "“”「」", "uk": "«»„“", "be": "«»„“", "bg": "„“«»", "cs": "„“",
    "sk": "„“", "sl": "„“»«", "hr": "„“»«", "sr": "„“»«", "hu": "„”»«", "ro": "„”«»", "lt": "„“",
    "et": "„“", "lv": "„“«»", "da": "»«„“”", "sv": "”»", "fi": "”»", "nb": "«»", "no": "«»", "el": "«»“”",
    "tr": "“”«»", "ca": "«»“”", "ja": "「」『』", "ko": "“”「」", "ar": "«»”“", "fa": "«»", "he": "„”“",
}
QUOTE_MARKS = "«»“”„「」『』"
#: One of ``QUOTE_MARKS`` (found by the pattern engine rather than a Python loop over every character).
QUOTE_MARK = re.compile("[" + re.escape(QUOTE_MARKS) + "]")
# Where the press of a language sets a currency sign: before the amount ($3, £3, €3) or after it (3 €,
# 3 $). Only languages whose press agrees with itself: Spanish (Latin America writes $3), Portuguese
# (R$ 3), Dutch (€ 3) and German (both) are in neither.
_SIGN_BEFORE = frozenset({"en", "zh", "ja", "ko"})
_SIGN_AFTER = frozenset({"fr", "it", "pl", "ru", "uk", "cs", "sk", "sv", "fi", "ro", "hu", "tr", "bg"})
_AMOUNT_SIGN_BEFORE = re.compile(r"[$€£¥]\s?\d")
_AMOUNT_SIGN_AFTER = re.compile(r"\d\s?[$€£¥](?!\d)")
#: The letters of each script, as regular-expression ranges.
_SCRIPT_LETTERS = {
    "latin": "A-Za-zÀ-ÖØ-öø-ɏ", "cyrillic": "\u0400-\u04ff", "greek": "\u0370-\u03ff",
    "hebrew": "\u05d0-\u05ea", "arabic": "\u0620-\u064a\u066e-\u06d3", "devanagari": "\u0904-\u0939",
    "thai": "\u0e01-\u0e30", "hangul": "\uac00-\ud7af", "kana": "\u3040-\u30ff", "han": "\u4e00-\u9fff",
}
#: The scripts each language writes in (Latin for any language not listed).
_LANG_SCRIPTS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("ru", "uk", "bg", "be", "mk", "sr", "kk"), frozenset({"cyrillic"})),
    **dict.fromkeys(("ar", "fa", "ur"), frozenset({"arabic"})),
    **dict.fromkeys(("hi", "mr", "ne"), frozenset({"devanagari"})),
    "el": frozenset({"greek"}), "he": frozenset({"hebrew"}), "th": frozenset({"thai"}),
    "ko": frozenset({"hangul", "han"}), "ja": frozenset({"kana", "han"}), "zh": frozenset({"han"}),
}
NON_LATIN_LANGS = frozenset(_LANG_SCRIPTS)


def scripts(lang: str) -> frozenset[str]:
    """The scripts ``lang`` is written in."""
    return _LANG_SCRIPTS.get(lang, frozenset({"latin"}))


@cache
def _letters_of(names: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(_SCRIPT_LETTERS[n] for n in sorted(names)) + "]")


@cache
def _zipf_table(lang: str) -> dict[str, float]:
    """wordfreq's frequency list for ``lang`` (word → frequency), loaded once per process (~0.2 s, ~35 MB);
    empty for a language wordfreq does not list."""
    import wordfreq  # its import and lists cost ~0.5 s: only to build a vocabulary the disk cache lacks

    # wordfreq answers an unknown language with its nearest match (English for Swahili): a page would
    # then share every word with English, so a language it does not list gets no table at all
    if lang not in wordfreq.available_languages():
        return {}
    return wordfreq.get_frequency_dict(lang)


def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` (already lower-cased) in ``lang``: log10 of occurrences per 10⁹ words,
    0 for a word the list does not hold."""
    freq = _zipf_table(lang).get(word.replace("’", "'"), 0.0)
    return math.log10(freq) + 9.0 if freq > 0 else 0.0


@cache
def foreign_vocabulary(own: str, other: str) -> frozenset[str]:
    """The words of ``other`` that count as left behind on a page in ``own`` (``is_foreign_word``): common
    in ``other`` and at least 30 times rarer in ``own``.

    A few thousand words, computed once per machine from wordfreq's lists and kept in the user's cache
    folder (keyed by wordfreq's version and the two thresholds), so that a process reading one page does not
    load two lists of 300,000 words (0.7 s, 70 MB) to look a hundred words up."""
    path = _vocabulary_path(own, other)
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n")) - {""}
    except OSError:
        pass
    table = _zipf_table(other)
    floor = 10.0 ** (_COMMON_ZIPF - 9.0)
    words = frozenset(w for w, f in table.items()
                      if f >= floor and math.log10(f) + 9.0 - zipf(w, own) >= _RARER_BY and "\n" not in w)
    write_atomic(path, "\n".join(sorted(words)).encode("utf-8"))
    return words


def _vocabulary_path(own: str, other: str) -> Path:
    return cache_root() / "wordfreq" / f"{_wordfreq_release()}-{_COMMON_ZIPF}-{_RARER_BY}-{own}-{other}.txt"


def _wordfreq_release() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wordfreq")
    except PackageNotFoundError:
        return "unknown"


@cache
def common_words(lang: str, min_zipf: float) -> frozenset[str]:
    """The words of ``lang`` at least as frequent as ``min_zipf``, kept in the user's cache folder like
    ``foreign_vocabulary`` (a few hundred words at Zipf 5.5, some 30,000 at 3), so that reading a page's
    head or its shouted words does not load wordfreq's whole list."""
    path = cache_root() / "wordfreq" / f"{_wordfreq_release()}-common-{min_zipf}-{lang}.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n")) - {""}
    except OSError:
        pass
    floor = 10.0 ** (min_zipf - 9.0)
    words = frozenset(w for w, f in _zipf_table(lang).items() if f >= floor and "\n" not in w)
    write_atomic(path, "\n".join(sorted(words)).encode("utf-8"))
    return words


def is_foreign_word(word: str, own: str, other: str) -> bool:
    """True when ``word`` is a common word of ``other`` and a rare one in ``own``."""
    return word.lower().replace("’", "'") in foreign_vocabulary(own, other)


def foreign_words(text: str, own: str, other: str,
                  found: list[re.Match[str]] | None = None) -> tuple[float, float]:
    """(share of the words of ``text`` that are ``other``'s, the same for lower-case words only).

    Words in a paragraph written mostly in ``other`` do not count: a whole paragraph in another language
    is a quotation the page chose to leave as it was (a minister's post in English on a French page), not
    what an engine left in a sentence it translated. A short word before a capitalised one is a name
    particle, not a leftover ("Luca de Meo" on a German page, "Charles de Gaulle" on an English one).
    ``found``: ``foreign_matches(text, own, other)`` when the caller has them already (a page read once)."""
    if found is None:
        found = foreign_matches(text, own, other)
    total = len(_WORD.findall(text[:SAMPLE_CHARS]))
    if not total:
        return 0.0, 0.0
    return len(found) / total, sum(1 for w in found if w.group().islower()) / total


def foreign_matches(text: str, own: str, other: str) -> list[re.Match[str]]:
    """The words of ``other`` left in sentences of ``own`` (see ``foreign_words``), as matches in
    ``text``."""
    if own == other:
        return []
    out: list[re.Match[str]] = []
    vocabulary = foreign_vocabulary(own, other)  # ``is_foreign_word``, its look-up taken out of the loop
    for paragraph in re.finditer(r"[^\n]+", text[:SAMPLE_CHARS]):
        words = list(_WORD.finditer(text, paragraph.start(), paragraph.end()))
        foreign = [w.group().lower().replace("’", "'") in vocabulary for w in words]
        found = [w for i, w in enumerate(words) if foreign[i]
                 and not _particle(w, words[i + 1] if i + 1 < len(words) else None, text)
                 and not _lone_short(i, words, foreign)]
        if 2 * len(found) <= len(words):
            out += found
    return out


def _lone_short(i: int, words: list[re.Match[str]], foreign: list[bool]) -> bool:
    """A short word (three letters or fewer) of ``other`` with no word of ``other`` beside it: the short
    words two languages share in spelling are their homographs ("per", "un", "la", "ad" on an English
    page), while an engine's short leftovers come inside a run ("the deal is done")."""
    if len(words[i].group()) > 3:
        return False
    return not ((i > 0 and foreign[i - 1]) or (i + 1 < len(words) and foreign[i + 1]))


def _particle(word: re.Match[str], following: re.Match[str] | None, text: str) -> bool:
    return (len(word.group()) <= 3 and following is not None and following.group()[0].isupper()
            and text[word.end():following.start()] in (" ", "-", "'", "’"))


def flat_typography(text: str) -> float:
    """Straight marks against curly ones, in [-1, 1]: (straight − curly) / (all + 1) over apostrophes
    and double quotes; 0 for a page with none."""
    sample = text[:SAMPLE_CHARS]
    straight = sample.count("'") + sample.count('"')
    curly = sum(sample.count(c) for c in "’‘“”«»„")
    return (straight - curly) / (straight + curly + 1)


def source_number_matches(text: str, own: str, other: str) -> list[re.Match[str]]:
    """The numbers of ``text`` written in ``other``'s convention and not ``own``'s: the decimal mark
    (none when the two languages write numbers alike), and the side of a currency sign ("$3" on an
    Italian page, "3 €" on an English one), in text order."""
    sample = text[:SAMPLE_CHARS]
    found: list[re.Match[str]] = []
    known = _DECIMAL_COMMA | _DECIMAL_POINT
    if own in known and other in known and (own in _DECIMAL_COMMA) != (other in _DECIMAL_COMMA):
        pattern = _COMMA_STYLE if other in _DECIMAL_COMMA else _POINT_STYLE
        found += pattern.finditer(sample)
    if own in _SIGN_BEFORE and other in _SIGN_AFTER:
        found += _AMOUNT_SIGN_AFTER.finditer(sample)
    elif own in _SIGN_AFTER and other in _SIGN_BEFORE:
        found += _AMOUNT_SIGN_BEFORE.finditer(sample)
    return sorted(found, key=lambda m: m.start())


def source_numbers(text: str, own: str, other: str) -> float:
    """How many numbers (up to 3) are written in ``other``'s convention and not ``own``'s."""
    return float(min(3, len(source_number_matches(text, own, other))))


def source_quotes(text: str, own: str, other: str) -> float:
    """Share of the page's typographic double quotes that belong to ``other``'s convention only."""
    mine, theirs = NATIVE_QUOTES.get(own, ""), NATIVE_QUOTES.get(other, "")
    marks = QUOTE_MARK.findall(text[:SAMPLE_CHARS])
    if not marks or not mine or not theirs:
        return 0.0
    return sum(1 for c in marks if c in theirs and c not in mine) / len(marks)


def other_script(text: str, own: str, other: str) -> float:
    """The share of letters in a script ``other`` writes and ``own`` does not (Latin names left in a
    Chinese translation of English, Cyrillic ones in a Chinese translation of Russian, kana in a Chinese
    page from Japanese); 0 when ``other`` writes no script ``own`` lacks (French and German; Chinese read
    against Japanese, whose Han letters are Chinese ones too)."""
    foreign = scripts(other) - scripts(own)
    if not foreign:
        return 0.0
    sample = text[:SAMPLE_CHARS]
    letters = len(re.findall(r"[^\W\d_]", sample)) or 1
    return len(_letters_of(foreign).findall(sample)) / letters


# languages that capitalise nouns: a capitalised common word there is no headline convention
_NOUN_CAPITALS = frozenset({"de", "lb"})
#: How many words of the head are read, and how common (Zipf, in the page's language) a capitalised word
#: must be to be a headline's capital rather than a name's: "Is", "For", "With", "Have" (Zipf ≥ 5.5), not
#: "Health" or "Minister", which names set too ("the French Health Minister").
_HEAD_WORDS = 14
_CAPITAL_ZIPF = 5.5
_HEAD_WORD = re.compile(r"[^\W\d_]+")


def title_case_words(head: str, langs: tuple[str, ...]) -> int:
    """How many very common words of ``head`` are capitalised right after another capitalised word (a
    space between them, no sentence end before): "Is All Praises For" counts 3, a sentence start
    "Parents are proud", a name "New Delhi police" or a head in capitals none. A word is very common in
    any of ``langs``. Only the first ``_HEAD_WORDS`` words are read: where the title is not set apart it
    runs into the body."""
    words = list(_HEAD_WORD.finditer(head[:300]))[:_HEAD_WORDS]
    count = 0
    for previous, word in zip(words, words[1:], strict=False):
        w = word.group()
        if (w[0].isupper() and w[1:].islower() and previous.group()[0].isupper()
                and head[previous.end():word.start()] == " "
                and any(w.lower() in common_words(lang, _CAPITAL_ZIPF) for lang in langs)):
            count += 1
    return count


def title_case(head: str, own: str, other: str) -> float:
    """Title case of an English head (two or more ``title_case_words``, capped at 3, as a share of 3): minus
    on an English page (a native desk's convention), plus on a page of another language that may translate
    English (a leftover); 0 otherwise."""
    if own in _NOUN_CAPITALS or (own != "en" and other != "en"):
        return 0.0
    count = title_case_words(head, ("en",) if own == "en" else ("en", own))
    share = min(count, 3) / 3 if count >= 2 else 0.0
    return -share if own == "en" else share


_GLUED = re.compile(r"[^\W\d_][.!?][^\W\d_]{2}")
_DOUBLE_SPACE = re.compile(r"\S {2,}(?=\S)")
_SPACE_BEFORE = re.compile(r"[^\W_] [,.](?![\d.])")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
#: A shouted word is a word of the language (Zipf ≥ 3), not an acronym ("NASA" is Zipf 4 in English, but
#: it is kept in capitals by engines too and so is on both pages: only the difference counts).
_SHOUTED_ZIPF = 3.0


def hand_marks(text: str, own: str) -> float:
    """Minus the hand-made marks of ``text`` per 1,000 characters (see the module docstring). A sentence
    glued to the next needs a lower-case letter before the stop and a capital then a lower-case letter
    after it, so "U.S.", "3.5" or "example.com" are not slips."""
    sample = text[:SAMPLE_CHARS]
    glued = sum(1 for m in _GLUED.finditer(sample)
                if m.group()[0].islower() and m.group()[2].isupper() and m.group()[3].islower())
    marks = glued + len(_DOUBLE_SPACE.findall(sample)) + sample.count("–")
    if own != "fr":
        marks += len(_SPACE_BEFORE.findall(sample))
    marks += sum(1 for w in _LONG_WORD.findall(sample)
                 if w.isupper() and w.lower() in common_words(own, _SHOUTED_ZIPF))
    return -marks / (len(sample) / 1000 + 1)


def page_features(text: str, own: str | None, other: str | None, head: str | None = None, *,
                  traces: Sequence[object] | None = None,
                  found: list[re.Match[str]] | None = None) -> np.ndarray:
    """The ``FEATURES`` of a page in ``own`` that may translate a page in ``other`` (zeros when either
    language is unknown or they are the same); ``head`` is the page's title when known apart from its
    text (else the text's start is read as its head). ``traces`` (``mt_traces(text, own)``) and ``found``
    (``foreign_matches(text, own, other)``) are given by a caller that needs them too, so that a page is
    not read twice for them (the signals stage's ``read_page``)."""
    if not own or not other or own == other:
        return np.zeros(len(FEATURES))
    if traces is None:
        from .translation import mt_traces  # translation imports this module: read at call time

        traces = mt_traces(text, own)
    foreign, lowercase = foreign_words(text, own, other, found)
    values = [foreign, lowercase, flat_typography(text), source_numbers(text, own, other),
              source_quotes(text, own, other), other_script(text, own, other),
              float(min(5, len(traces))), title_case(head or text, own, other),
              hand_marks(text, own)]
    return np.array(values, dtype=np.float64)
