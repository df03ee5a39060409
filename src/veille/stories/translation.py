"""Translations: how much one page reads as a translation of another, which of two is the original, and the
``machine_translation`` traces a page carries on its own.

A translation keeps the structure of its original: each body chunk of one finds its counterpart in the other
(multilingual encoder, chunk by chunk), and the numbers and names come across unchanged. The direction comes
from what machine translation leaves behind in the copy:

- an untranslated fragment left in brackets or parentheses (a French page with "[tactical nuclear
  weapons]" in it);
- calques: constructions no French writer produces but a word-for-word translation does ("selon au" for
  "according to the");
- the original's headline kept in front of the translated body (re-published MT pages often do), i.e. a
  head in another language than the body;

and more (words of the source language left, source number and quote conventions, typography a translation
engine flattens: ``translationese``), weighed by a small model (``direction``); when nothing tells, the
earlier date.

>>> [t.detail for t in mt_traces("Il parla des armes [tactical nuclear weapons] selon au rapport.", "fr")]
['untranslated fragment (en)', 'calque "selon au"']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..stages.langid import fragment_languages, identify
from .direction import original_probability
from .profile import PageText, Profile
from .translation_link import LINK_THRESHOLD, link_score
from .translationese import foreign_words, is_foreign_word, other_script

#: Word-for-word constructions machine translation into a language produces; each is ungrammatical there.
CALQUES: dict[str, tuple[str, ...]] = {
    # "according to the" → "selon au/aux" (selon takes no article-contracting preposition); "in the
    # frame of" kept as "dans le cadre de" is fine French, so only the ungrammatical forms are listed.
    # "de le", "à le", "de les" are not: French writes them before an infinitive ("de le voir",
    # "à le faire"), and native pages of the SemEval set had them.
    "fr": (
        "selon au",
        "selon aux",
        "selon à la",
        "selon à l'",
        "d'accord à",
        "en dépit de le",
    ),
    # French "selon lui" / "a indiqué que" rendered word for word
    "en": ("according to him, he", "in the aim of", "at the address of", "of the part of"),
}
_BRACKETED = re.compile(r"[\[(]([^\[\]()]{6,80})[\])]")
_SAMPLE = 4000


@dataclass(frozen=True)
class Trace:
    """One thing machine translation left in a page: where (offsets in the text), and what."""

    start: int
    end: int
    text: str
    lang: str | None
    detail: str


def mt_traces(text: str, lang: str | None) -> list[Trace]:
    """The machine-translation traces in ``text`` (a page in ``lang``): fragments, calques, foreign head."""
    if not lang:
        return []
    return [*_fragments(text, lang), *_calques(text, lang), *_foreign_head(text, lang)]


def _fragments(text: str, lang: str) -> list[Trace]:
    """Bracketed words in another language — by the language identifier and, where word frequencies know
    both languages, most of their words common there and rare here (a Latin "(restitutio ad integrum)"
    is no English fragment)."""
    out = []
    for m in _BRACKETED.finditer(text[:_SAMPLE]):
        inner = m.group(1).strip()
        if len(inner.split()) < 2 or not any(c.isalpha() for c in inner):
            continue
        code, score = identify(inner, fragment_languages(lang))
        if not code or code == lang or score < 0.9:
            continue
        words = re.findall(r"[^\W\d_]{2,}", inner)
        if words and 2 * sum(is_foreign_word(w, lang, code) for w in words) < len(words):
            continue
        out.append(Trace(m.start(), m.end(), m.group(), code, f"untranslated fragment ({code})"))
    return out


def _calques(text: str, lang: str) -> list[Trace]:
    out = []
    low = text[:_SAMPLE].lower()
    for calque in CALQUES.get(lang, ()):
        if calque not in low:  # nearly every page: no pattern run for nothing
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(calque), low):
            out.append(
                Trace(m.start(), m.end(), text[m.start() : m.end()], lang, f'calque "{calque.strip()}"')
            )
    return out


def _foreign_head(text: str, lang: str) -> list[Trace]:
    """The first line or sentence in another language than the rest of the page."""
    first = re.split(r"\n|(?<=[.!?])\s|\s{2,}", text.strip(), maxsplit=1)[0][:200]
    rest = text[len(first) :][:1500]
    if len(first.split()) < 4 or len(rest.split()) < 30:
        return []
    code, score = identify(first, tuple(dict.fromkeys([lang, *fragment_languages(lang)])))
    if code and code != lang and score >= 0.9 and identify(rest, (lang, code))[0] == lang:
        start = text.find(first)
        return [Trace(start, start + len(first), first, code, f"head in {code} on a {lang} page")]
    return []


def translation_score(a: Profile, b: Profile) -> float:
    """How surely ``a`` and ``b`` are one text in two languages (0 … 1): the shipped ``translation_link``
    model over sentence alignment (chunk alignment for profiles stored without sentences), cosines, shared
    numbers and names. Linked when ≥ ``TRANSLATION_THRESHOLD``."""
    return link_score(a, b)


#: A pair of pages in two languages scoring at least this is linked ``translation_of``: each link model's
#: threshold, chosen so that at most 2.5 % of pairs of original articles in two languages (many about the
#: same story) are linked on the folds it was fitted on, reads 0.5 (``translation_link.link_score``).
TRANSLATION_THRESHOLD = LINK_THRESHOLD


def leftover_share(text: str, own: str, other: str, chars: int = 2000) -> float:
    """Share of ``text`` (a page in ``own``) still in ``other``, the language of the page it may translate:
    the names, titles and phrases a translation leaves as they were. Across scripts it is the share of
    letters in the other script; within one script, the share of words that are common words of ``other``
    and rare ones of ``own`` (``translationese.foreign_words``)."""
    sample = text[:chars]
    if own == other:
        return 0.0
    return other_script(sample, own, other) or foreign_words(sample, own, other)[0]


#: Below this distance from 0.5 the direction model's answer gives way to the dates: a translation is not
#: published before its original, while one stray source word or a site's straight quotes are weak.
CONFIDENT = 0.15


def which_is_original(
    a: PageText, b: PageText, date_a: str | None = None, date_b: str | None = None
) -> int | None:
    """0 when ``a`` is the original of the two, 1 when ``b`` is, None when nothing tells: the shipped
    direction model over what translation leaves in each page (``stories.direction``) when it is
    confident, else the earlier date, else the model's lean, if any."""
    p = original_probability(a, b) if a.lang and b.lang and a.lang != b.lang else 0.5
    if abs(p - 0.5) < CONFIDENT and date_a and date_b and date_a[:10] != date_b[:10]:
        return 0 if date_a < date_b else 1
    if abs(p - 0.5) > 1e-6:
        return 0 if p > 0.5 else 1
    return None
