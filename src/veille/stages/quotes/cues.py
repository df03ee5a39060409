"""Finding the reporting verb of a direct quote: in the incise right after the closing mark
("», a déclaré Poutine", "”, he said") or before the opening mark in the same sentence ("X said: “…”")."""

from __future__ import annotations

import re

from ...record import Span
from ..nlp import doc_text

#: how far after a closing mark an incise cue may sit (", a-t-il ajouté, cité par le Financial Times")
_AFTER_TOKENS = 14
_TRIM_CHARS = " \t\n\u00a0\u202f"
_END_OF_INCISE = re.compile(r"[.!?;\n«“„\"]")


def is_cue(token, verbs: frozenset[str]) -> bool:
    """A reporting verb: lemma in the language's list, used as a verb (not "la déclaration")."""
    return token.lemma_.lower() in verbs and token.pos_ in ("VERB", "AUX") or (
        token.pos_ == "VERB" and token.text.lower() in verbs)


def tokens_between(doc, start: int, end: int):
    """Tokens whose first character lies in [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    return [t for t in span if start <= t.idx < end] if span is not None else []


def incise_tokens(doc, close_at: int) -> list:
    """The tokens after a closing mark up to the end of the sentence, a line break or the next quote
    (abbreviations such as "Rep." are single tokens, so they do not end it)."""
    out = []
    for t in tokens_between(doc, close_at + 1, min(len(doc_text(doc)), close_at + 200)):
        if t.text in ("!", "?", ";") or "\n" in t.text or t.text in "«“„\"" or (
                t.text == "." and not (t.i + 1 < len(doc) and doc[t.i + 1].text == ")")):
            break
        out.append(t)
    return out


def cue_after(doc, text: str, close_at: int, verbs: frozenset[str]):
    """The cue verb in the incise after a closing mark, or None. A quote that ends its sentence inside
    the marks (“… .” Then a capital) is followed by a new sentence, not by an incise."""
    before = text[:close_at].rstrip(_TRIM_CHARS)
    after = text[close_at + 1:close_at + 40].lstrip(_TRIM_CHARS + "—―–-")
    if before.endswith((".", "…")) and after[:1].isupper():
        return None
    toks = incise_tokens(doc, close_at)[:_AFTER_TOKENS]
    found = next((t for t in toks if is_cue(t, verbs) and not _present_participle(t)), None)
    if found is None:
        words = [t for t in toks if not t.is_punct and not t.is_space]
        # "», juge Mme Martin": a reporting verb opening the incise, whatever the tagger made of it
        # ("juge", "note" and "estime" are nouns too)
        if words and words[0].text.lower() in verbs and len(words) > 1 \
                and (words[1].pos_ in ("PROPN", "DET") or words[1].text[:1].isupper()):
            found = words[0]
    return found


def _present_participle(token) -> bool:
    """"», confirmant une information de X", "”, adding that": a participle shares the subject of the
    clause it hangs on; the noun after it is its object, never an inverted speaker."""
    return token.tag_ == "VBG" or (token.morph.get("VerbForm") == ["Part"]
                                   and token.morph.get("Tense") == ["Pres"])


_DASH = re.compile(r"[ \t\u00a0]*[—―–-][ \t\u00a0]*")


def dash_signature(doc, close_at: int):
    """A quote signed after a dash ("” ― Steve Quinlan"): the name's tokens, or None."""
    m = _DASH.match(doc_text(doc), close_at + 1)
    if not m:
        return None
    names = [t for t in incise_tokens(doc, m.end() - 1) if not t.is_space]
    if not names or len(names) > 6 or not all(t.pos_ in ("PROPN", "NOUN", "ADJ", "PUNCT") for t in names):
        return None
    return names if names[0].pos_ == "PROPN" else None


#: how long the verb's own complements between a cue and its quote may run ("told X on Monday, “")
_INTRO_TOKENS = 12


def cue_before(doc, text: str, open_at: int, verbs: frozenset[str]):
    """The last cue verb between the start of the sentence and an opening mark ("X a déclaré : «")."""
    tok = _token_at(doc, open_at)
    if tok is None:
        return None
    lo = _clause_start(text, tok.sent.start_char, open_at)
    toks = tokens_between(doc, lo, open_at)
    cues = [t for t in toks if is_cue(t, verbs)]
    if not cues:
        return None
    verb = cues[-1]
    between = [t for t in toks if t.i > verb.i and not t.is_space]
    # the cue introduces the quote: "X said: “…”", "X told reporters, “…”", "Trump declared “…”"
    if len(between) <= 4:
        return verb
    # a longer stretch of the verb's own complements closed by a comma or a colon: "X told his radio
    # audience on Monday, “…”", "a déclaré mardi devant les députés : « … »"
    if len(between) <= _INTRO_TOKENS and between[-1].text in (",", ":") \
            and all(t.is_punct or verb in t.ancestors for t in between):
        return verb
    return None


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    """The start of the sentence, or of the line, whichever is later (quotes do not cross lines)."""
    nl = text.rfind("\n", sent_start, pos)
    return nl + 1 if nl >= 0 else sent_start


def _token_at(doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def cue_span(verb, text: str) -> Span:
    """The cue as written: auxiliaries and clitics in front of the verb included ("a-t-il ajouté")."""
    start = verb.idx
    for c in verb.children:
        if c.i < verb.i and (c.dep_.startswith("aux") or c.text.startswith("-")) and verb.i - c.i <= 4:
            start = min(start, c.idx)
    end = verb.idx + len(verb.text)
    return Span(start=start, end=end, text=text[start:end])


_CLITICS = {"il", "elle", "ils", "elles", "on"}


def inner_incise(doc, start: int, end: int, verbs: frozenset[str]):
    """An incise inside the marks ("« A, souligne-t-elle. B »", "« A, dit-il, B »"): the cue verb and
    the quote's pieces around the incise, or None."""
    toks = tokens_between(doc, start, end)
    for k, t in enumerate(toks):
        if not (t.text.startswith("-") and t.text.lower().rsplit("-", 1)[-1] in _CLITICS):
            continue
        comma = next((j for j in range(k - 1, max(-1, k - 5), -1) if toks[j].text == ","), None)
        if comma is None:
            continue
        stop = next((j for j in range(k + 1, min(len(toks), k + 4)) if toks[j].text in ",.;"), None)
        verb = next((x for x in toks[comma + 1:(stop or k + 2)] if is_cue(x, verbs)), None)
        if verb is None:
            continue
        first = (start, toks[comma].idx)
        second_start = toks[stop].idx + 1 if stop is not None else t.idx + len(t.text)
        pieces = [p for p in (first, _trim(doc_text(doc), second_start, end)) if p[1] - p[0] > 1]
        return verb, [_trim(doc_text(doc), *p) for p in pieces]
    return _named_incise(doc, toks, start, end, verbs)


#: the longest inverted subject of an incise inside the marks ("affirme l'enquêteur de la brigade")
_INCISE_SUBJECT_TOKENS = 12


def _finite_report(verb, after_aux: bool) -> bool:
    """A verb form an incise uses: third person or past ("affirme", "a poursuivi", "said", "adds"), not a
    base form or an infinitive ("never will, accept North Korea as…")."""
    if verb.tag_ in ("VB", "VBP", "VBG") or verb.morph.get("VerbForm") == ["Inf"]:
        return False
    return after_aux or verb.morph.get("VerbForm") != ["Part"]


def _named_incise(doc, toks: list, start: int, end: int, verbs: frozenset[str]):
    """An incise inside the marks whose subject is a name or a description rather than a clitic
    ("« A, affirme l'enquêteur. B »", "« A, a poursuivi Jeanne Martin. B »"): a comma, a reporting verb
    (after its auxiliary), then its inverted subject up to the end of the sentence. Returns the verb and
    the quote's pieces around the incise, or None."""
    for k, t in enumerate(toks[:-2]):
        if t.text != "," or k == 0:
            continue
        j = k + 1
        while j < len(toks) and toks[j].pos_ == "AUX" and j - k <= 2:
            j += 1
        if j + 1 >= len(toks):
            return None
        verb, nxt = toks[j], toks[j + 1]
        if not (is_cue(verb, verbs) or verb.text.lower() in verbs) or verb.text[:1].isupper() \
                or not _finite_report(verb, j > k + 1):
            continue
        if nxt.pos_ not in ("DET", "PROPN") and not nxt.text[:1].isupper():
            continue  # "a dit que", "dit-il" (handled above): not an inverted named subject
        stop = next((x for x in range(j + 1, min(len(toks), j + 1 + _INCISE_SUBJECT_TOKENS))
                     if toks[x].text in ".;" or toks[x].text in "!?"), None)
        if stop is None:
            if max(tk.i for tk in toks) - toks[j].i > _INCISE_SUBJECT_TOKENS:
                continue
            pieces = [_trim(doc_text(doc), start, t.idx)]
        else:
            pieces = [_trim(doc_text(doc), start, t.idx), _trim(doc_text(doc), toks[stop].idx + 1, end)]
        return verb, [p for p in pieces if p[1] - p[0] > 1]
    return None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \u00a0\u202f\n":
        s += 1
    while e > s and text[e - 1] in " \u00a0\u202f\n":
        e -= 1
    return s, e


def colon_intro(doc, open_at: int) -> list:
    """The words of the line that a colon closes right before an opening mark ("Caddell continued:\n\n“…",
    "Ellis: “…”"), or an empty list when the quote is not introduced that way."""
    text = doc_text(doc)
    j = open_at - 1
    while j >= 0 and text[j] in _TRIM_CHARS:
        j -= 1
    if j < 0 or text[j] != ":":
        return []
    start = text.rfind("\n", 0, j) + 1
    return [t for t in tokens_between(doc, start, j) if not t.is_space]
