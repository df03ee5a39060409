"""The ``machine_translation`` signal of one page, when its original may not be in the store: the traces a
reader can check (``translation.mt_traces``, plus untranslated phrases, source-language quote marks and
number conventions), and a verdict from the same evidence the direction model weighs.

A page is read against each language it may have been translated from (the languages veille analyses,
other than its own). Its evidence score is the direction model's weighted sum of the page's own
translationese features, without those that only mean something next to a counterpart
(``translationese.PAIR_ONLY``: flattened typography and spacing slips, a site may set straight quotes or
double spaces everywhere). The page is called a machine translation when it
shows two kinds of trace (``trace_kinds``) and the score reaches the shipped ``page_threshold``
(``data/direction.json``), chosen on the fitting half of the evaluation pages (SemEval MT copies against
original articles, ``veille eval stories --fit``) for few false alarms on native pages: engine output
that left nothing behind is not caught.

>>> verdict = read_page("Le plan est prêt, selon au ministre. Il a parlé des [tactical nuclear weapons] "
...                     "et a dit « the deal is done » devant les élus réunis lundi.", "fr", ("en", "fr"))
>>> verdict.source, verdict.likely
('en', True)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .direction import shipped_direction_model
from .translation import Trace, mt_traces
from .translationese import (
    FEATURES,
    NATIVE_QUOTES,
    PAIR_ONLY,
    QUOTE_MARK,
    SAMPLE_CHARS,
    foreign_matches,
    page_features,
    source_number_matches,
)

# words joined by spaces or apostrophes (not hyphens: an address slug "its-october-plan" is no prose)
_WORD_RUN = re.compile(r"[^\W\d_]{2,}(?:[ '’][^\W\d_]{2,})+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_PAGE_FEATURES = tuple(f not in PAIR_ONLY for f in FEATURES)


@dataclass
class PageVerdict:
    """What one page shows of machine translation: the likeliest source language, the evidence score,
    whether it reaches the threshold, and the traces found."""

    source: str | None
    score: float
    likely: bool
    traces: list[Trace] = field(default_factory=list)


def page_score(text: str, own: str, source: str, *, traces: list[Trace] | None = None,
               found: list[re.Match[str]] | None = None) -> float:
    """The weighted evidence that ``text`` (in ``own``) was translated from ``source`` (0 on a clean page);
    ``traces`` and ``found`` as ``page_features`` takes them."""
    x = page_features(text, own, source, traces=traces, found=found)
    g = np.sign(x) * np.sqrt(np.abs(x))
    w = shipped_direction_model().weights
    return float((g * w)[np.array(_PAGE_FEATURES)].sum())


def read_page(text: str, lang: str | None, languages: Sequence[str]) -> PageVerdict:
    """The page's verdict against each language in ``languages`` it may have been translated from."""
    if not lang:
        return PageVerdict(None, 0.0, False)
    sources = [s for s in languages if s != lang]
    # the page is read once for what both the score and the traces need (its traces, its foreign words)
    own_traces = mt_traces(text, lang)
    found = {s: foreign_matches(text, lang, s) for s in sources}
    scored = sorted(((page_score(text, lang, s, traces=own_traces, found=found[s]), s) for s in sources),
                    reverse=True)
    score, source = scored[0] if scored else (0.0, None)
    traces = list(own_traces)
    if source:
        traces += [*untranslated_phrases(text, lang, source, found[source]),
                   *convention_traces(text, lang, source)]
    traces = _apart(traces)
    likely = len(trace_kinds(traces)) >= 2 and score >= shipped_direction_model().page_threshold
    return PageVerdict(source, round(score, 3), likely, traces)


def trace_kinds(traces: list[Trace]) -> set[str]:
    """The kinds of evidence among ``traces`` (a calque, an untranslated fragment, source numbers…). A
    verdict needs two: native pages show one now and then — an English report glosses a French term in
    brackets, keeps "avant garde", a French site sets “ ” — but rarely two (1 % of the SemEval native
    pages show any trace at all)."""
    return {t.detail.split(" (")[0].split(' "')[0] for t in traces}


def _apart(traces: list[Trace]) -> list[Trace]:
    """Traces in text order, without one inside another already kept (the words of a bracketed
    fragment)."""
    kept: list[Trace] = []
    for t in sorted(traces, key=lambda t: (t.start, -t.end)):
        if not any(k.start <= t.start and t.end <= k.end for k in kept):
            kept.append(t)
    return kept


def untranslated_phrases(text: str, own: str, source: str,
                         found: list[re.Match[str]] | None = None) -> list[Trace]:
    """Runs of two or more words of ``source`` left in sentences of a page in ``own``, at least one of
    them in lower case (a name in its source spelling alone is no proof: newsrooms keep names too; a
    paragraph mostly in ``source`` is a quotation left as it was, see ``foreign_matches``, which the
    caller gives as ``found`` when it has them)."""
    if found is None:
        found = foreign_matches(text, own, source)
    foreign = {m.start() for m in found}
    out = []
    sample = text[:SAMPLE_CHARS]
    for m in _WORD_RUN.finditer(sample):
        # the run's words, read in place (the pattern has no look-around: the same words as in a copy)
        spans = [w.span() for w in _WORD.finditer(sample, m.start(), m.end())]
        for start, end in _runs(spans, foreign, text):
            out.append(Trace(start, end, text[start:end], source, f"untranslated words ({source})"))
    return out


def _runs(spans: list[tuple[int, int]], foreign: set[int], text: str) -> list[tuple[int, int]]:
    """Consecutive foreign words, two or more with one in lower case, as (start, end) spans."""
    runs: list[tuple[int, int]] = []
    current: list[tuple[int, int]] = []
    for span in [*spans, None]:
        if span is not None and span[0] in foreign:
            current.append(span)
            continue
        if len(current) >= 2 and any(text[a:b].islower() for a, b in current):
            runs.append((current[0][0], current[-1][1]))
        current = []
    return runs


def convention_traces(text: str, own: str, source: str) -> list[Trace]:
    """The first number written in ``source``'s convention and not ``own``'s, and the first quote mark
    of ``source``'s press when the page sets mostly those."""
    sample = text[:SAMPLE_CHARS]
    out = []
    numbers = source_number_matches(sample, own, source)
    if numbers:
        m = numbers[0]
        out.append(Trace(m.start(), m.end(), m.group(), source, f"number in the {source} convention"))
    mine, theirs = NATIVE_QUOTES.get(own, ""), NATIVE_QUOTES.get(source, "")
    marks = [(m.start(), m.group()) for m in QUOTE_MARK.finditer(sample)]
    foreign = [(i, c) for i, c in marks if c in theirs and c not in mine]
    if marks and mine and len(foreign) * 2 > len(marks):
        i, c = foreign[0]
        out.append(Trace(i, i + 1, c, source, f"{source} quote marks on a {own} page"))
    return out
