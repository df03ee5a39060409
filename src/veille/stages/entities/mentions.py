"""Candidate mentions: spaCy's named entities cleaned up, merged with knowledge-base matches.

spaCy spans carry what the printed page put around a name: French elisions and articles ("l’OTAN",
"d’Ukraine"), honorifics ("M. Macron"), English possessives ("Putin's"), and sometimes a line break that
glues a heading to the next paragraph. Cleaning keeps the name alone, with the written form that had an
elided article kept aside ("l’OTAN"), because readers search for it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..nlp import doc_text
from .matcher import KBMatch
from .occurrences import occurs

#: spaCy labels (French WikiNER and English OntoNotes) -> record types; labels not listed are dropped
#: (dates, numbers, languages, laws, works: not entities in veille's sense).
NER_TYPES = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC",
             "MISC": "MISC", "NORP": "NORP", "EVENT": "EVENT", "PRODUCT": "MISC"}
#: types kept from spaCy alone, without the knowledge base's confirmation: MISC, NORP, EVENT and PRODUCT
#: from the small models are mostly noise on news (demonyms, headings, slogans).
NER_ONLY_TYPES = {"PER", "ORG", "GPE", "LOC"}

_EDGE_JUNK = " \t\n\"'“”«»‘’()[]{}.,;:!?–—-*•|/"
#: small words a span must not end with ("Cour d’assises du" before a name spaCy cut off)
_TRAILING_SMALL = re.compile(r"(?:\s+(?:de|du|des|d['’]|la|le|les|l['’]|of|the|and|et|for))+\s*$")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")


@dataclass
class Candidate:
    """A stretch of ``Article.text`` that may name an entity, with what is known about it so far."""

    start: int
    end: int
    text: str
    label: str  # record type guessed from spaCy or the KB
    origin: str  # "ner" or "kb"
    kb_ids: tuple[str, ...] = ()
    written: str | None = None  # the form with an elided article, when the page wrote one ("l’OTAN")
    entity_id: str | None = None
    how: str = "ner"
    extra: dict = field(default_factory=dict)

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


def ner_candidates(doc, words) -> list[Candidate]:
    """spaCy's entities of ``doc``, cleaned with the language's ``words`` (``lang/<code>/entities.py``)."""
    out: list[Candidate] = []
    text = doc_text(doc)
    for ent in _join_nicknames(doc, text):
        label = NER_TYPES.get(ent.label_)
        if label is None:
            continue
        for start, end in _word_pieces(doc, _line_pieces(text, ent.start_char, ent.end_char), words):
            start, end = _trim_tokens(doc, start, end, words)
            cand = clean_span(text, start, end, label, words) if end > start else None
            if cand is not None:
                span = doc.char_span(cand.start, cand.end, alignment_mode="expand") or []
                cand.extra["pos"] = [t.pos_ for t in span]
                cand.extra["common"] = len(span) == 1 and bool(span[0].is_sent_start) and occurs(
                    text, span[0].lower_)
                out.append(cand)
    return out


_PAIR = re.compile(r"([A-Z][\w’'-]+)\s+(?:and|et)\s+([A-Z][\w’'-]+)")
#: parts of speech a name does not end with ("Institut national de la statistique contre")
_NOT_LAST = {"ADP", "DET", "CCONJ", "SCONJ", "PRON", "VERB", "AUX", "ADV", "PUNCT"}
#: parts of speech of a sentence's first word that is capitalised only for being first ("Mountainous Nepal")
_NOT_FIRST = {"ADJ", "ADV", "VERB", "AUX", "DET", "PRON", "ADP", "CCONJ", "SCONJ", "INTJ"}


def _word_pieces(doc, pieces: list[tuple[int, int]], words) -> list[tuple[int, int]]:
    """In a language whose names hold no lower-case words but connectors (English), a lower-case word
    inside a span separates two names ("Garrett hit Rudolph")."""
    if getattr(words, "HEAD_FIRST", True):
        return pieces
    allowed = set(words.NAME_CONNECTORS) | set(getattr(words, "NAME_PARTICLES", ()))
    out = []
    for start, end in pieces:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            out.append((start, end))
            continue
        cur: list = []
        for tok in span:
            if tok.text.isalpha() and tok.text.islower() and tok.lower_ not in allowed:
                out += [(cur[0].idx, cur[-1].idx + len(cur[-1].text))] if cur else []
                cur = []
            else:
                cur.append(tok)
        out += [(cur[0].idx, cur[-1].idx + len(cur[-1].text))] if cur else []
    return [(max(a, s), min(b, e)) for a, b in out for s, e in pieces if s <= a < e]


def _trim_tokens(doc, start: int, end: int, words) -> tuple[int, int]:
    """Drop the words spaCy's span swallowed at its ends, by their part of speech; in a language whose
    names have no lower-case words but connectors (English), trailing lower-case words too."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return start, end
    toks = list(span)
    lower_ok = set(getattr(words, "NAME_CONNECTORS", ())) if not getattr(words, "HEAD_FIRST", True) else None
    while len(toks) > 1 and not toks[-1].text[:1].isupper() and (toks[-1].pos_ in _NOT_LAST or (
            lower_ok is not None and toks[-1].text.islower() and toks[-1].lower_ not in lower_ok)):
        toks.pop()
    if len(toks) > 1 and toks[0].is_sent_start and toks[0].pos_ in _NOT_FIRST and toks[1].text[:1].isupper() \
            and doc_text(doc).count(f"{toks[0].text} {toks[1].text}") < 2:  # "Marta Quintero", named again
        toks.pop(0)
    return max(start, toks[0].idx), min(end, toks[-1].idx + len(toks[-1].text))


def _join_nicknames(doc, text: str) -> list:
    """Names with a nickname in quotes are one name: Edwin “Buzz” Aldrin (spaCy cuts it in two)."""
    ents = list(doc.ents)
    out = []
    i = 0
    while i < len(ents):
        e = ents[i]
        m = _NICKNAME.match(text, e.end_char)
        if e.label_ in ("PER", "PERSON") and m:
            end = m.end()
            if i + 1 < len(ents) and ents[i + 1].start_char < end:
                end = max(end, ents[i + 1].end_char)
                i += 1
            span = doc.char_span(e.start_char, end, label=e.label_, alignment_mode="expand")
            out.append(span if span is not None else e)
        else:
            out.append(e)
        i += 1
    return out


_NICKNAME = re.compile(r"\s+[“\"«‘']\s*[A-Z][\w.-]*\s*[”\"»’']\s+[A-Z][\w-]+")


def _line_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span that crosses a line break, a spaced dash or a slash is two things glued together ("Issam
    Abdallah - found", "Ethan Butterfield/CBC"), and so are two single names joined by "and" ("Draisaitl
    and Nugent-Hopkins"): keep each part."""
    pair = _PAIR.match(text, start, end)
    if pair and pair.end() == end:
        return [(pair.start(1), pair.end(1)), (pair.start(2), pair.end(2))]
    pieces, s = [], start
    for m in re.finditer(r"\n|\s+[-–—|]\s+|/|,\s+", text[start:end]):
        pieces.append((s, start + m.start()))
        s = start + m.end()
    pieces.append((s, end))
    return [(a, b) for a, b in pieces if b > a]


def clean_span(text: str, start: int, end: int, label: str, words) -> Candidate | None:
    """Trim a span to the name it contains; None when nothing name-like is left."""
    start, end = _strip_edges(text, start, end)
    before = start
    start, end = _strip_leading(text, start, end, words)
    titled = text.startswith(_spaced(tuple(words.HONORIFICS)), before, start)  # read in place
    start, label, headed = lower_case_lead(text, start, end, label, words)
    tail = _TRAILING_SMALL.search(text[start:end])
    if tail:
        end = start + tail.start()
    m = _POSSESSIVE.search(text[start:end])
    if m and end - start > 3:
        end -= len(m.group(0)) - (1 if m.group(0)[0] == "s" else 0)
    start, end = _strip_edges(text, start, end)
    if headed:  # "mosquée Al-Aqsa de Jérusalem": the place after the named building is a name of its own
        end = start + _cut_locating_complement(text[start:end])
    named = text[start:end].split(" ", 1)[-1] if headed else text[start:end]
    if end <= start or not name_like(named):
        return None
    cand = Candidate(start, end, text[start:end], label, "ner", written=written_form(text, start, end))
    cand.extra["headed"] = headed
    cand.extra["titled"] = titled or _after_honorific(text, start, words.HONORIFICS)
    return cand


def _after_honorific(text: str, start: int, honorifics) -> bool:
    """Whether the words before ``start`` end with an honorific ("M. Dupont"); the text before is read in
    place, not copied (a copy of all of it per name cost a tenth of the entity stage)."""
    cut = start
    while cut > 0 and text[cut - 1].isspace():
        cut -= 1
    return text.endswith(tuple(" " + h for h in honorifics), 0, cut)


def lower_case_lead(text: str, start: int, end: int, label: str, words) -> tuple[int, str, bool]:
    """A span that opens with a lower-case word, as French writes many names ("basilique Saint-Denis",
    "université Harvard", "l’ONG Oceana", "abbé Suger"). A place or institution head noun of the
    language (``NAME_HEADS``) or a saint's title (``NAME_OPENERS``) is part of the name and is kept; a
    classifier noun (``CLASSIFIERS``: "le parti X", "the charity X") is not, but says what the name is;
    any other lower-case words right before a capitalised name are a title or a role and are dropped
    ("abbé", "ministre"), unless they hold a connector ("ministre de la Défense" is no name at all).
    Returns the new start, the label, and whether a lower-case head word was kept."""
    span = text[start:end]
    first = span.split(" ", 1)[0]
    rest = span[len(first):].lstrip(" ")
    if not span[:1].islower() and not (first.isupper() and first in getattr(words, "CLASSIFIERS", {})):
        return start, label, False  # "ONG", "NGO" classify in capitals too
    if not rest[:1].isupper():
        return _drop_role_words(text, start, end, label, words)
    kind = getattr(words, "CLASSIFIERS", {}).get(first)
    if kind is not None:
        return start + len(span) - len(rest), kind, False
    heads = getattr(words, "NAME_HEADS", {})
    if first in heads or first in getattr(words, "NAME_OPENERS", ()):
        return start, heads.get(first, label), True
    return _drop_role_words(text, start, end, label, words)


_LOCATING = re.compile(r"\s+(?:de|du|des|d['’]|of|in|à)\s*(?=[A-Z])")


def _cut_locating_complement(span: str) -> int:
    """Length of a headed name without a "de <Place>" that follows its own capitalised name."""
    name = re.search(r"\s[A-Z]", span)
    after = _LOCATING.search(span, name.end()) if name else None
    return after.start() if after else len(span)


def _drop_role_words(text: str, start: int, end: int, label: str, words) -> tuple[int, str, bool]:
    """Lower-case words before the first capitalised word, dropped when none is a connector."""
    span = text[start:end]
    cut = next((m.start() for m in re.finditer(r"(?<![\w’'-])\w", span) if span[m.start()].isupper()), None)
    if not cut:
        return start, label, False
    small = {w.lower() for w in (*words.ARTICLES, *words.NAME_CONNECTORS)}
    role = span[:cut].split()
    if not role or not all(w.islower() and w not in small and not w.endswith(("'", "’")) for w in role):
        return start, label, False
    return start + cut, label, False


def written_form(text: str, start: int, end: int) -> str | None:
    """The name with the French elided article the page glued to it ("l’OTAN"), or None."""
    if start >= 2 and text[start - 1] in "'’" and text[start - 2] in "lL" and (
            start == 2 or not text[start - 3].isalnum()):
        return text[start - 2:end]
    return None


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE_JUNK:
        start += 1
    while end > start and text[end - 1] in _EDGE_JUNK:
        end -= 1
    return start, end


def _strip_leading(text: str, start: int, end: int, words) -> tuple[int, int]:
    """Drop lower-case articles and elisions ("l’", "la ", "the ") and honorifics ("M.", "Mr") in front.
    A capitalised article stays ("Le Monde", "The Hague"): whether it belongs to the name is decided
    later against the knowledge base."""
    changed = True
    while changed and start < end:
        changed = False
        span = text[start:end]
        for art in words.ARTICLES:
            if art[-1] in "'’" and span[: len(art)].lower() == art and len(span) > len(art):
                start += len(art)
                changed = True
                break
            if span.startswith(art + " "):
                start += len(art) + 1
                changed = True
                break
        for hon in words.HONORIFICS:
            if span.startswith(hon + " ") and len(span) > len(hon) + 1:
                start += len(hon) + 1
                changed = True
                break
    return start, end


def name_like(s: str) -> bool:
    """A name has a capital letter, a letter in front, no sentence inside, and a sane length."""
    if len(s) < 2 or not s[0].isupper() or len(s) > 80:
        return False
    bare = re.sub(r"\b[A-Z]\.", "X", s)  # initials are not sentence ends: "J.J. Moser", "John F. Kennedy"
    if len(s.split()) > 8 or re.search(r"[.!?;:]\s|\d{3,}|[|@#<>=_]", bare):
        return False
    if re.search(r"[A-Z]{2,}[a-z]", s) and not re.search(r"(?:^|\s)(?:Mc|Mac|O')", s):
        return False  # "AUSSIUne": two words glued by a lost line break
    return sum(c.isalpha() for c in s) >= 2


def kb_candidates(text: str, matches: list[KBMatch], kb, words, small: frozenset[str] = frozenset()
                  ) -> list[Candidate]:
    """Knowledge-base matches as candidates, typed with the KB's type for their first entity. A KB name
    written with its article ("the Kremlin") gives the mention without it when the KB knows both.
    ``small`` are the language's function words (``Language.function_words``)."""
    out = []
    article = _leading_article(tuple(words.ARTICLES))
    for m in matches:
        ent = kb.get(m.ids[0])
        if ent is not None and ent.type != "PER" and _inside_longer_name(text, m.start, m.end, small):
            continue
        label = ent.type if ent is not None else "MISC"
        start = m.start
        art = article.match(text[m.start:m.end])
        if art and any(e.id in m.ids for e in kb.lookup(text[m.start + art.end():m.end])):
            start += art.end()
        out.append(Candidate(start, m.end, text[start:m.end], label, "kb", kb_ids=m.ids,
                             written=written_form(text, start, m.end), how="kb", extra={"nested": m.nested}))
    return out


@cache
def _spaced(honorifics: tuple[str, ...]) -> tuple[str, ...]:
    """Each honorific with the space after it, once per language (``str.startswith`` takes them all)."""
    return tuple(h + " " for h in honorifics)


@cache
def _leading_article(articles: tuple[str, ...]) -> re.Pattern[str]:
    """A written-out article and the space after it, opening a KB match ("the Kremlin"); built once per
    language, not once per match."""
    alts = "|".join(re.escape(a) for a in articles if a[-1].isalpha())
    return re.compile(rf"(?:{alts})\s+")


def _inside_longer_name(text: str, start: int, end: int, small: frozenset[str]) -> bool:
    """Capitalised words right before and after ("AFP Global News Director"): the KB name is a piece of a
    longer name or title, not a mention of its own. A capitalised function word does not count ("In
    Russia President Putin ...", "En Russie Vladimir Poutine ...")."""
    before = re.search(r"(?<![\w.])([A-Z][\w&-]*)[ \u00a0]$", text[max(0, start - 40):start])
    after = re.match(r"[ \u00a0]([A-Z][\w&-]*)", text[end:end + 40])
    return before is not None and after is not None and before.group(1).lower() not in small


def merge(ner: list[Candidate], kb: list[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text: the longest wins, the KB's on a tie; a KB match inside a spaCy
    span lends the span its ids when both cover the same name."""
    ner = split_place_possessives(ner, kb)
    ner = [c for c in ner if not _swallows(c, [k for k in kb if c.start <= k.start and k.end <= c.end])]
    pool = sorted(kb + ner, key=lambda c: (-(c.end - c.start), c.origin != "kb", c.start))
    taken: list[Candidate] = []
    for c in pool:
        clash = None if c.extra.get("nested") else next((t for t in taken if t.overlaps(c)), None)
        if clash is not None and clash.start <= c.start and c.end <= clash.end and clash.extra.get("headed") \
                and c.origin == "kb" and c.label in ("GPE", "LOC"):
            clash = None  # the place inside "cathédrale de Reims" is named too
        if clash is None:
            taken.append(c)
        elif c.origin == "ner" and clash.origin == "kb" and "ner_label" not in clash.extra:
            clash.extra["ner_label"] = c.label
    return sorted(taken, key=lambda c: c.start)


def split_place_possessives(ner: list[Candidate], kb_cands: list[Candidate]) -> list[Candidate]:
    """"Mexico’s National Statistics Institute": a KB place and a possessive open the span, so the rest is
    a name of its own (the place stays a KB mention)."""
    places = {(k.start, k.end) for k in kb_cands if k.label in ("GPE", "LOC")}
    out = []
    for c in ner:
        m = re.match(r"([^\s'’]+)['’]s\s+", c.text)
        if m and (c.start, c.start + len(m.group(1))) in places and c.text[m.end():m.end() + 1].isupper():
            rest = Candidate(c.start + m.end(), c.end, c.text[m.end():], c.label, "ner", extra=dict(c.extra))
            rest.extra["pos"] = rest.extra.get("pos", [])[2:]
            out.append(rest)
        else:
            out.append(c)
    return out


def _swallows(span: Candidate, inside: list[Candidate]) -> bool:
    """A spaCy span made of KB names plus lower-case words ("OTAN hier", "Otan de la Finlande"): the KB
    names are the names. A span that is itself one KB name, or has a capitalised word of its own
    ("Banque de France"), stays."""
    if not inside or span.extra.get("headed") or any((k.start, k.end) == (span.start, span.end)
                                                      for k in inside):
        return False  # "basilique Saint-Denis": the head noun makes a name of the place it holds
    rest, pos = [], span.start
    for k in sorted(inside, key=lambda k: k.start):
        rest.append(span.text[pos - span.start:k.start - span.start])
        pos = max(pos, k.end)
    rest.append(span.text[pos - span.start:])
    return not any(w[:1].isupper() for w in " ".join(rest).split())
