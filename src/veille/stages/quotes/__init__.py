"""The quotes stage: direct quotes (quote marks), indirect speech (cue verb + complement clause) and mixed
quotes, each with its cue and speaker.

A quote's speaker comes, in order, from its cue verb's subject (before or after it, or in an incise
inside the marks); from a verbless attribution in its sentence ("selon X", "according to X", "Pour X,",
"À ses yeux," — ``leadins``); from a cued quote of the same sentence or the quote it continues; from the
name signed below a paragraph quote or the person the previous paragraph ends on (``continuation``);
and last from the verb that governs it. The speaker's words then go through the document's coreference
(``coref``: appositions, the document's own roles, then the KB's role holders, "ce dernier", pronouns).
``speaker`` is an entity id, or null with ``speaker_mention`` keeping the words ("un responsable").
Scare quotes (a word or two with no speech around them: “l’Occident”) and titles are not quotes.
"""

from __future__ import annotations

import re

from ...lang import resources
from ...record import Article, Quote, QuoteKind, Span
from ...stage import Stage, Work
from ..extract.dateline import find_dateline
from .continuation import is_paragraph_quote, previous_subject, signature_below
from .coref import SpeakerCoref
from .cues import colon_intro, cue_after, cue_before, cue_span, dash_signature, inner_incise, is_cue
from .direct import Marked, find_marked, looks_like_title, word_count
from .indirect import complement_clauses, fragment_clause
from .leadins import lead_in
from .speakers import (
    Speaker,
    cue_subject,
    governing_report,
    reporting_ancestor,
    signature_speaker,
)

#: (Doc, Article, SpeakerCoref) of the document being processed; holding the Doc keeps its
#: id from being reused by the next one while the entry is alive
_COREF: list = [None, None, None]

#: how far past a clause's end a quoted fragment it holds may close (punctuation, the closing mark)
_SLACK = 3
#: a quoted stretch this short with no cue and no reported clause around it is a term, not a quote
_FRAGMENT_WORDS = 3
#: how far back (in paragraphs) a quote with no cue of its own inherits the previous quote's speaker
_INHERIT_PARAGRAPHS = 1


class Quotes(Stage):
    name = "quotes"
    version = "1"
    requires = ("text", "lang", "doc")
    assigns = ("quotes",)

    def __call__(self, work: Work) -> Work:
        words = _words(work.article.lang)
        if work.doc is None or words is None:
            return work
        work.article.quotes = extract_quotes(work.article, work.doc, words)
        return work


def _words(lang: str | None):
    res = resources(lang)
    return res.part("quotes") if res else None


def extract_quotes(article: Article, doc, words) -> list[Quote]:
    """Every quote of a parsed article, in text order."""
    text = article.text
    paras = [(p.start, p.end) for p in article.paragraphs] or None
    marked = [m for m in find_marked(text, paras) if m.depth == 0]
    direct, short = [], []
    for m in marked:
        pieces = _direct_quotes(article, doc, words, m)
        direct += pieces
        if not pieces and word_count(m.text) >= 1 and not looks_like_title(m.text):
            short.append(m)
    for q in direct:
        if q.cue is None and q.speaker_mention is None:
            _lead_in_speaker(article, doc, words, q)
    _inherit_speakers(article, direct)
    for q in direct:
        if q.cue is None and q.speaker_mention is None:
            _paragraph_quote_speaker(article, doc, words, q)
    for q in direct:
        if q.speaker_mention is None:
            _governing_speaker(article, doc, words, q)
    indirect = _indirect_quotes(article, doc, words, direct, short)
    direct = [q for q in direct if not _lone_fragment(q, indirect)]
    _after_dateline(article, indirect)
    return sorted(direct + indirect, key=lambda q: q.start)


def _after_dateline(article: Article, quotes: list[Quote]) -> None:
    """A reported clause that opens the body starts after its dateline: "PORTO (Agency) - Rain flooded
    …, the agency said" reports the rain, not the dateline."""
    found = find_dateline(article.text)
    if found is None:
        return
    cut = found[1]
    for q in quotes:
        if q.start < cut < q.end - 1:
            q.start, q.text = cut, article.text[cut:q.end]


def _lone_fragment(q: Quote, clauses: list[Quote]) -> bool:
    """A few quoted words that no cue introduces and no reported clause holds ("a “special meeting”",
    "Tea Party “super PACs”") are a term the writer holds at arm's length, not speech."""
    if q.cue is not None or word_count(q.text) > _FRAGMENT_WORDS:
        return False
    return not any(c.start <= q.start and q.end <= c.end for c in clauses)


def _direct_quotes(article: Article, doc, words, m: Marked) -> list[Quote]:
    """The quote(s) between one pair of marks: two when an incise splits it inside the marks
    ("« A, souligne-t-elle. B »")."""
    n = word_count(m.text)
    if n < 2 or looks_like_title(m.text):
        return []
    split = inner_incise(doc, m.start, m.end, words.CUE_VERBS)
    if split is not None:
        verb, pieces = split
        out = [Quote(start=s, end=e, text=article.text[s:e], kind="direct", confidence=0.9)
               for s, e in pieces]
        # the incise's subject follows the first piece: every piece is that speaker's
        _attach_speaker(article, out[0], verb, words, outside=(out[0].start, out[0].end))
        for q in out[1:]:
            q.cue, q.speaker, q.speaker_mention = out[0].cue, out[0].speaker, out[0].speaker_mention
        return out
    one = _direct_quote(article, doc, words, m)
    return [one] if one is not None else []


def _direct_quote(article: Article, doc, words, m: Marked) -> Quote | None:
    text = article.text
    verb = None
    if m.closed:
        assert m.close_mark is not None  # quotes_direct._make: a closed pair has its closing mark
        verb = cue_after(doc, text, m.close_mark, words.CUE_VERBS)
    verb = verb or cue_before(doc, text, m.open_mark, words.CUE_VERBS)
    signed = None
    if m.closed and verb is None:
        assert m.close_mark is not None
        signed = dash_signature(doc, m.close_mark)
    q = Quote(start=m.start, end=m.end, text=m.text, kind="direct", confidence=0.9 if verb else 0.6)
    if verb is not None:
        _attach_speaker(article, q, verb, words, outside=(m.open_mark, m.close_mark or m.end))
    elif signed is not None:  # "” ― Steve Quinlan"
        spk = signature_speaker(signed)
        q.speaker_mention = spk.span(text)
        q.speaker = _resolve(article, doc, words, spk, anchor=q.start)
    else:
        _colon_speaker(article, doc, words, q, m)
    return q


def _colon_speaker(article: Article, doc, words, q: Quote, m: Marked) -> None:
    """A quote opened after a colon: "He said:" on the line before (its cue verb), a speaker label
    ("Ellis: “…”", "PENCE: …"), or the subject of the line's verb ("Sanders made the following comment:")."""
    intro = colon_intro(doc, m.open_mark)
    if not intro:
        return
    cues = [t for t in intro if is_cue(t, words.CUE_VERBS)]
    verbs = cues or [t for t in intro
                     if t.pos_ == "VERB" and any(c.dep_.startswith("nsubj") for c in t.children)]
    if verbs:
        _attach_speaker(article, q, verbs[-1], words, outside=(m.open_mark, m.close_mark or m.end))
    elif len(intro) <= 4 and any(t.pos_ == "PROPN" or t.text.isupper() for t in intro):
        spk = Speaker(intro[0].idx, intro[-1].idx + len(intro[-1].text), intro[-1])
        q.speaker_mention = spk.span(article.text)
        q.speaker = _resolve(article, doc, words, spk, anchor=q.start)


def _lead_in_speaker(article: Article, doc, words, q: Quote) -> None:
    """A quote with no cue verb credited by a phrase of its sentence: "…, selon le ministère", "according
    to the agency", "Pour X, « … »", "À ses yeux, « … »" (the possessor)."""
    found = lead_in(doc, q.start, q.end, words)
    if found is None:
        return
    text = article.text
    q.cue = Span(start=found.cue[0], end=found.cue[1], text=text[found.cue[0]:found.cue[1]])
    q.confidence = 0.7
    spk = found.speaker
    if spk is not None:
        q.speaker_mention = spk.span(text)
    if found.number is not None:
        _resolve(article, doc, words, None, q.start)  # builds the document's coreference once
        q.speaker = _COREF[2].person_before(min(q.start, found.cue[0]), found.number, found.gender)
        if spk is None:
            q.speaker_mention = q.cue
    elif spk is not None:
        q.speaker = _resolve(article, doc, words, spk, anchor=min(q.start, spk.start))
        if q.speaker is None and spk.head.lemma_.lower() in words.DOCUMENT_NOUNS:
            _document_source(article, doc, words, q)


def _document_source(article: Article, doc, words, q: Quote) -> None:
    """"Mme X est « arrivée avec son dossier », d'après le récit qu'elle livre": when the phrase names a
    document or a statement rather than someone, the subject the quote is said of is the speaker."""
    found = governing_report(doc, q.start, q.end, words.PRONOUNS)
    if found is None:
        return
    who = _resolve(article, doc, words, found[0], anchor=min(q.start, found[0].start))
    ent = article.entity(who) if who else None
    if ent is not None and ent.type == "PER":
        q.speaker, q.speaker_mention = who, found[0].span(article.text)


def _paragraph_quote_speaker(article: Article, doc, words, q: Quote) -> None:
    """A quote that fills its paragraph with no cue: the name signed on the line below it, else the
    person the previous paragraph ends on (its last sentence's subject, when that is a person)."""
    if not is_paragraph_quote(article.text, q.start, q.end):
        return
    sig = signature_below(doc, q.end)
    if sig is not None:
        q.speaker_mention = sig.span(article.text)
        q.speaker = _resolve(article, doc, words, sig, anchor=q.start)
        q.confidence = 0.6
        return
    _resolve(article, doc, words, None, q.start)  # builds the document's coreference once
    subj = previous_subject(doc, q.start, _COREF[2].quoted)
    if subj is None:
        return
    who = _resolve(article, doc, words, subj, anchor=subj.start)
    ent = article.entity(who) if who else None
    if ent is not None and ent.type == "PER":
        q.speaker, q.speaker_mention, q.confidence = who, subj.span(article.text), 0.5


def _governing_speaker(article: Article, doc, words, q: Quote) -> None:
    """A quote with no cue at all ("the agency aims to “map the whole reef…”", "likened the raids to “night
    fishing”") is credited to the subject of the verb that governs it, with low confidence; when that
    verb is a reporting verb ("…, a précisé X, rendant hommage au « courage » des secours"), it is the
    quote's cue."""
    cue = reporting_ancestor(doc, q.start, q.end, words.CUE_VERBS)
    if cue is not None:  # "said that Trump would be “the healthiest …”": the one who said it
        _attach_speaker(article, q, cue, words, outside=(q.start, q.end))
        if word_count(q.text) <= _FRAGMENT_WORDS:
            q.cue = None  # a few words far below the verb stay a term unless a clause holds them
        if q.speaker_mention is not None:
            q.confidence = 0.5
            return
        q.cue = None
    found = governing_report(doc, q.start, q.end, words.PRONOUNS)
    if found is None:
        return
    subj, verb = found
    q.speaker_mention = subj.span(article.text)
    q.speaker = _resolve(article, doc, words, subj, anchor=min(q.start, subj.start))
    q.confidence = 0.5
    if is_cue(verb, words.CUE_VERBS) and not q.start <= verb.idx < q.end \
            and word_count(q.text) > _FRAGMENT_WORDS:
        q.cue = cue_span(verb, article.text)


def _attach_speaker(article: Article, q: Quote, verb, words, outside: tuple[int, int]) -> None:
    q.cue = cue_span(verb, article.text)
    subj = cue_subject(verb, words.PRONOUNS, outside)
    if subj is None:
        return
    q.speaker_mention = subj.span(article.text)
    q.speaker = _resolve(article, verb.doc, words, subj, anchor=min(q.start, subj.start))


def coreference(article: Article, doc, words) -> SpeakerCoref:
    """The document's speaker coreference (built once per document, shared with the sources stage)."""
    _resolve(article, doc, words, None, 0)
    return _COREF[2]


def _resolve(article: Article, doc, words, subj, anchor: int) -> str | None:
    """The entity a speaker's words refer to, through the document's coreference (built once per doc);
    ``subj`` None only builds it."""
    if _COREF[0] is not doc or _COREF[1] is not article:
        _COREF[:] = [doc, article, SpeakerCoref(article, doc, words)]
    return _COREF[2].resolve(subj, anchor) if subj is not None else None


def _paragraph_index(article: Article, pos: int) -> int:
    if not article.paragraphs:
        return article.text.count("\n", 0, pos)
    return next((k for k, p in enumerate(article.paragraphs) if p.start <= pos < p.end + 1),
                len(article.paragraphs))


def _inherit_speakers(article: Article, quotes: list[Quote]) -> None:
    """A quote with no cue of its own shares the speaker of a cued quote in the same sentence ("Après la
    réforme, que le gouvernement « a imposée », « la colère est là », juge X"), or continues the previous
    one when it opens a sentence in the same or the next paragraph (multi-paragraph quotes, "« A », a-t-il
    dit. « B »"). A quoted stretch inside someone else's sentence in a later paragraph does not."""
    text = article.text
    for q in quotes:
        if q.cue is None and q.speaker_mention is None:
            mate = next((o for o in quotes if o.cue is not None and o.speaker_mention is not None
                         and _same_sentence(text, q, o)), None)
            if mate is not None:
                q.speaker, q.speaker_mention, q.cue = mate.speaker, mate.speaker_mention, mate.cue
                q.confidence = 0.7
    prev = None
    for q in quotes:
        if q.cue is None and q.speaker_mention is None and prev is not None \
                and prev.speaker_mention is not None:
            gap = _paragraph_index(article, q.start) - _paragraph_index(article, prev.end)
            if gap <= _INHERIT_PARAGRAPHS and opens_sentence(text, q.start):
                q.speaker, q.speaker_mention, q.cue = prev.speaker, prev.speaker_mention, prev.cue
                q.confidence = 0.7
        if q.speaker_mention is not None:
            prev = q
    _inherit_backwards(article, quotes)


_SENTENCE_END = re.compile(r"[.!?…][\s\u00a0]|\n")


def _same_sentence(text: str, a: Quote, b: Quote) -> bool:
    """True when no sentence end or line break separates two quotes (their own words aside)."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return first is not second and not _SENTENCE_END.search(text, first.end + 1, max(first.end + 1,
                                                                                       second.start - 1))


def opens_sentence(text: str, start: int) -> bool:
    """True when nothing but marks and spaces stands between a quote and the start of its sentence: a
    quote that continues a speaker's words opens a sentence ("« A », a-t-il dit. « B »"); a quoted
    stretch inside someone else's sentence ("La police a été appelée « au nord de la ville »") does not."""
    k = start - 1
    while k >= 0 and text[k] not in ".!?…\n":
        if text[k].isalnum():
            return False
        k -= 1
    return True


def _inherit_backwards(article: Article, quotes: list[Quote]) -> None:
    """The first paragraphs of a multi-paragraph quote, left open at their paragraph's end, take the
    speaker named at its close ("« A…\n« B », a-t-il dit.")."""
    for q, nxt in reversed(list(zip(quotes, quotes[1:], strict=False))):
        runs_to_end = article.text[q.end:].split("\n", 1)[0].strip(" \u00a0\u202f") == ""
        if q.cue is None and q.speaker_mention is None and runs_to_end and nxt.speaker_mention is not None \
                and _paragraph_index(article, nxt.start) - _paragraph_index(article, q.end) == 1:
            q.speaker, q.speaker_mention, q.cue = nxt.speaker, nxt.speaker_mention, nxt.cue
            q.confidence = 0.7


def _indirect_quotes(article: Article, doc, words, direct: list[Quote], short: list[Marked]) -> list[Quote]:
    out = []
    for c in complement_clauses(doc, words.CUE_VERBS):
        if any(_overlap(c.start, c.end, d.start, d.end) > 0.5 * (c.end - c.start) for d in direct):
            continue  # the clause is a direct quote already ("X a déclaré : « … »")
        # a fragment closing the clause may end past it: the parser often hangs “wraps.” on the root
        inner = [(m.start, m.end) for m in short if c.start <= m.start < c.end and m.end <= c.end + _SLACK]
        inner += [(d.start, d.end) for d in direct if c.start <= d.start < c.end and d.end <= c.end + _SLACK]
        kind: QuoteKind = "mixed" if inner else "indirect"
        end = max([c.end] + [e for _, e in inner])
        q = Quote(start=c.start, end=end, text=article.text[c.start:end], kind=kind, confidence=0.7)
        _attach_speaker(article, q, c.verb, words, outside=(c.start, c.end))
        out.append(q)
    out += _fragment_quotes(article, doc, words, direct, short, out)
    _fragments_follow_their_clause(direct, out)
    return out


def _fragments_follow_their_clause(direct: list[Quote], clauses: list[Quote]) -> None:
    """A quoted fragment inside a mixed quote ("said his failure was “the greatest frustration”") is the
    words of the mixed quote's speaker, whatever cue a nearby verb suggested for the fragment alone."""
    for m in clauses:
        if m.kind != "mixed" or m.speaker_mention is None:
            continue
        for d in direct:
            if m.start <= d.start and d.end <= m.end:
                d.speaker, d.speaker_mention, d.cue = m.speaker, m.speaker_mention, m.cue


def _fragment_quotes(article: Article, doc, words, direct: list[Quote], short: list[Marked],
                     clauses: list[Quote]) -> list[Quote]:
    """Mixed quotes around fragments no reporting verb frames ("called X “disgusting”")."""
    # a short fragment credited only through the verb that governs it (confidence 0.5) may still be a
    # mixed quote ("calls for a “special meeting” to vote")
    frags = [(m.start, m.end) for m in short] + [
        (d.start, d.end) for d in direct
        if d.cue is None or d.confidence <= 0.5 and word_count(d.text) <= _FRAGMENT_WORDS]
    out: list[Quote] = []
    for s, e in frags:
        if any(q.start <= s and e <= q.end for q in clauses + out) or word_count(article.text[s:e]) < 2:
            continue
        c = fragment_clause(doc, s, e)
        if c is None or c.end - c.start <= e - s + 2 or not (c.start <= s and e <= c.end):
            continue
        if c.verb.lemma_.lower() not in words.CUE_VERBS | words.NAMING_VERBS:
            continue  # "wearing jackets marked “PRESS”": a label, not someone's words
        q = Quote(start=c.start, end=c.end, text=article.text[c.start:c.end], kind="mixed", confidence=0.5)
        _attach_speaker(article, q, c.verb, words, outside=(c.start, c.end))
        out.append(q)
    return out


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))
