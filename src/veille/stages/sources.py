"""The sources stage: content credited to a source — "selon X", "d’après X", "according to X" (the claim
around the phrase), "cité par X" / "quoted by X" / "told X" (the quote it relays), "a rapporté X" /
"X reported" (the clause reported). X is linked to an entity when the entities stage left a mention on
it (media, agencies, bodies, or a document's author: "la déclaration du Kremlin" → the Kremlin's entity);
otherwise ``source`` stays null and ``source_text`` keeps the words ("Les actualites").

A quote that an outlet relays keeps its speaker and gains ``Quote.source``.
"""

from __future__ import annotations

import re
from typing import Any

from ..lang import resources
from ..record import Article, Attribution, Span
from ..stage import Stage, Work
from .nlp import doc_text
from .quotes.cues import cue_span, is_cue, tokens_between
from .quotes.speakers import cue_subject, entity_for_span, pronoun_of, resolve

#: longest source phrase kept after "selon" / "cité par" (tokens)
_MAX_SOURCE_TOKENS = 10
_NP_STOP_POS = {"PUNCT", "VERB", "AUX", "SCONJ", "CCONJ", "SPACE"}
_PASSIVE = {"nsubjpass", "nsubj:pass", "auxpass", "aux:pass"}
_NAME_LINKS = {"de", "du", "des", "d’", "d'", "of", "the", "la", "le", "l’", "l'", "les"}


class Sources(Stage):
    name = "sources"
    version = "1"
    requires = ("text", "lang", "doc", "quotes")
    assigns = ("attributions",)

    def __call__(self, work: Work) -> Work:
        res = resources(work.article.lang)
        words = res.part("quotes") if res else None
        if work.doc is None or words is None:
            return work
        work.article.attributions = find_attributions(work.article, work.doc, words)
        link_quotes_to_outlets(work.article)
        return work


def find_attributions(article: Article, doc, words) -> list[Attribution]:
    """Every attribution of a parsed article, in text order."""
    out = _phrase_attributions(article, doc, words.ACCORDING_TO, words, relayed=False)
    out += _phrase_attributions(article, doc, words.RELAYED_BY, words, relayed=True)
    out += _report_verb_attributions(article, doc, words)
    return sorted(_dedupe(out), key=lambda a: a.cue.start)


#: a source's short name in brackets right after it: part of the attribution phrase, not of its scope
_ACRONYM_AFTER = re.compile(r"\s*\((?:[A-Z][\w.&’'-]{1,15})\)")


def _phrase_attributions(article: Article, doc, phrases, words, relayed: bool) -> list[Attribution]:
    if not phrases:
        return []
    alts = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    out = []
    for m in re.finditer(rf"(?<![\w’'])(?:{alts})(?![\w’'])", article.text, re.IGNORECASE):
        # "de source parlementaire": the source is the "source" the phrase ends on, with its qualifier
        at = m.start() + 3 if m.group(0).lower().startswith("de source") else m.end()
        src = _source_phrase(doc, at, words, named_only=m.group(0).lower() == "told")
        if src is None:
            continue
        s0, s1, head = src
        short = _ACRONYM_AFTER.match(article.text, s1)  # "selon la Direction … (DGAC), le mouvement …"
        c1 = short.end() if short else s1
        cue = _span(article.text, m.start(), c1)
        scope = _scope(article, doc, m.start(), c1, relayed)
        out.append(Attribution(source=_link(article, s0, s1, head, words, m.start()),
                               source_text=article.text[s0:s1], cue=cue, scope=scope))
    return out


def _source_phrase(doc, at: int, words, named_only: bool) -> tuple[int, int, object] | None:
    """The noun phrase after "selon" / "cité par": its start, end and head token."""
    toks = tokens_between(doc, at, min(len(doc_text(doc)), at + 200))
    while toks and (toks[0].is_space or toks[0].pos_ == "ADP" and toks[0].text.lower() not in _NAME_LINKS):
        toks.pop(0)  # "selon au Financial Times": a stray preposition
    kept: list[Any] = []  # spaCy Tokens
    for t in toks[:_MAX_SOURCE_TOKENS]:
        if t.pos_ in _NP_STOP_POS and not (kept and t.text in "-–") or "\n" in t.text:
            break
        if t.pos_ == "ADP" and t.text.lower() not in _NAME_LINKS:
            break
        kept.append(t)
    while kept and kept[-1].text.lower() in _NAME_LINKS:
        kept.pop()
    if not kept or all(t.pos_ in ("DET", "ADP") for t in kept):
        return None
    if named_only and not any(t.pos_ == "PROPN" or t.text[:1].isupper() for t in kept):
        return None  # "told reporters" names no venue; "told the BBC" does
    head = next((t for t in kept if t.pos_ == "PROPN"), None) or next(
        (t for t in kept if t.pos_ in ("NOUN", "PRON")), kept[0])
    return kept[0].idx, kept[-1].idx + len(kept[-1].text), head


def _link(article: Article, s0: int, s1: int, head, words, anchor: int) -> str | None:
    stressed = getattr(words, "STRESSED_PRONOUNS", {}).get(article.text[s0:s1].lower())
    if stressed is not None:  # "selon lui", "according to her": the person the pronoun stands for
        from .quotes import coreference

        return coreference(article, head.doc, words).person_before(anchor, stressed[0], stressed[1])
    number = pronoun_of(head, words.PRONOUNS)
    if number is not None and s1 - s0 <= len(head.text):
        from .quotes.speakers import Speaker

        return resolve(article, Speaker(s0, s1, head), words.PRONOUNS, anchor)
    return entity_for_span(article, s0, s1, None)


def _scope(article: Article, doc, c0: int, c1: int, relayed: bool) -> Span | None:
    """What the source is credited with: for "cité par" a quote of its own sentence (the nearest before
    the phrase, else the nearest after: "Pour X, interrogée par l'AFP, la grève coûte « … »"), else the
    quote just before it ("« … ». Des propos rapportés par Le Monde."); otherwise the rest of the
    sentence on the other side of the attribution phrase."""
    span = doc.char_span(c0, c1, alignment_mode="expand")
    sent = span[0].sent if span is not None else None
    if sent is not None:
        s0, s1 = _sentence_bounds(article.text, sent.start_char, sent.end_char, c0, c1)
    if relayed:
        own = [q for q in article.quotes if sent is not None and s0 <= q.start and q.end <= s1]
        near = [] if own else [q for q in article.quotes if q.end <= c0 and c0 - q.end < 120]
        before = [q for q in own if q.end <= c0] or near
        after = [q for q in own if q.start >= c1]
        if before or after:
            q = before[-1] if before else after[0]
            return _span(article.text, q.start, q.end)
    if sent is None:
        return None
    left, right = article.text[s0:c0].strip(" ,;:\n"), article.text[c1:s1].strip(" ,;:.\n")
    if len(left) >= len(right):
        return _trimmed(article.text, s0, c0)
    return _trimmed(article.text, c1, s1)


def _sentence_bounds(text: str, s0: int, s1: int, c0: int, c1: int) -> tuple[int, int]:
    """Narrow the parser's sentence around [c0, c1) to full stops and line breaks (small models often
    glue a quote's sentence to the next one)."""
    ends = list(re.finditer(r"[.!?][\"”»]?\s|\n", text[s0:c0]))
    if ends:
        s0 += ends[-1].end()
    m = re.search(r"[.!?](?=[\"”»]?\s)|\n", text[c1:s1])
    if m:
        s1 = c1 + m.end()
    return s0, s1


def _report_verb_attributions(article: Article, doc, words) -> list[Attribution]:
    """"a rapporté le Financial Times", "The New York Post reports that…": the verb's subject is the
    source."""
    out = []
    for tok in doc:
        if tok.lemma_.lower() not in words.REPORT_VERBS or not is_cue(tok, words.REPORT_VERBS):
            continue
        if any(c.dep_ in _PASSIVE for c in tok.children):
            continue  # "the investigation was published": what is published is not who reports it
        subj = cue_subject(tok, words.PRONOUNS)
        if subj is None or pronoun_of(subj.head, words.PRONOUNS) == "none":
            continue
        verb = cue_span(tok, article.text)
        cue = _span(article.text, min(verb.start, subj.start), max(verb.end, subj.end))
        scope = _verb_scope(article, tok, cue.start)
        out.append(Attribution(source=resolve(article, subj, words.PRONOUNS, subj.start),
                               source_text=article.text[subj.start:subj.end], cue=cue, scope=scope))
    return out


def _verb_scope(article: Article, verb, cue_start: int) -> Span | None:
    """What a report verb credits: its clause ("reports that …"), before it when the clause comes first
    ("Insurers expect …, the newspaper reported"), else the sentence up to the cue."""
    comps = [c for c in verb.children if c.dep_ in ("ccomp", "obj") and c.pos_ in ("VERB", "AUX")]
    after, before = [c for c in comps if c.i > verb.i], [c for c in comps if c.idx < cue_start]
    comp = (after or before or [None])[0]
    if comp is not None:
        toks = sorted(comp.subtree, key=lambda t: t.i)
        end = toks[-1].idx + len(toks[-1].text)
        return _trimmed(article.text, toks[0].idx, end if comp.i > verb.i else min(end, cue_start))
    sent = verb.sent
    return _trimmed(article.text, sent.start_char, cue_start) if cue_start > sent.start_char else None


def _trimmed(text: str, s: int, e: int) -> Span | None:
    while s < e and text[s] in " ,;:\n\u00a0":
        s += 1
    while e > s and text[e - 1] in " ,;:.\n\u00a0":
        e -= 1
    if s >= e:
        return None
    return _span(text, s, e)


def _span(text: str, s: int, e: int) -> Span:
    return Span(start=s, end=e, text=text[s:e])


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    """One attribution per cue: "rapporté par" is both a relay phrase and a report verb."""
    out: list[Attribution] = []
    for a in sorted(atts, key=lambda a: (a.cue.start, -(a.cue.end - a.cue.start))):
        if any(a.cue.start < b.cue.end and b.cue.start < a.cue.end for b in out):
            continue
        out.append(a)
    return out


def link_quotes_to_outlets(article: Article) -> None:
    """A quote relayed by an outlet ("…, a-t-il ajouté, cité par le Financial Times") keeps its speaker and
    gains the outlet as ``source``."""
    for a in article.attributions:
        if a.scope is None or a.source is None:
            continue
        for q in article.quotes:
            if a.scope.start <= q.start and q.end <= a.scope.end and q.speaker != a.source:
                q.source = q.source or a.source
