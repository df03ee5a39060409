"""Names the statistical NER misses: a run of capitalised words around a head noun that makes it a name
("the agency's Harlow Space Center’s Brook Field" gives Harlow Space Center and Brook Field; "Naval
Advocate General's Corps"). The language says which head nouns count and whether the head comes last
(English) or first (French). Only text no other candidate covers is looked at."""

from __future__ import annotations

import re

from .mentions import Candidate, written_form


def chunk_candidates(doc, text: str, words, taken: list[Candidate]) -> list[Candidate]:
    """Head-noun names in the stretches of ``doc`` (whose text is ``text``) no candidate covers."""
    heads = getattr(words, "NAME_HEADS", None)
    if not heads:
        return []
    covered: set[int] = set()
    for c in taken:
        covered.update(range(c.start, c.end))
    out = []
    for run in _runs(doc, words, covered):
        for part in _split_possessives(run, heads):
            cand = _as_name(text, part, words, heads)
            if cand is not None:
                out.append(cand)
    return out


def _runs(doc, words, covered) -> list[list]:
    """Maximal runs of capitalised tokens (with connectors inside, and a possessive before a head)."""
    runs, cur = [], []
    connectors = {w.lower() for w in words.NAME_CONNECTORS}
    for tok in doc:
        free = tok.idx not in covered and "\n" not in tok.text
        cap = free and tok.text[:1].isupper() and tok.text.replace("-", "").isalpha()
        if cap:
            cur.append(tok)
        elif free and cur and (tok.lower_ in connectors or tok.lower_ in ("'s", "’s")):
            cur.append(tok)
        else:
            runs.append(cur)
            cur = []
    runs.append(cur)
    return [_trim(r, connectors) for r in runs if r]


def _trim(run, connectors):
    while run and (run[-1].lower_ in connectors or run[-1].lower_ in ("'s", "’s")):
        run = run[:-1]
    while run and run[0].lower_ in connectors:
        run = run[1:]
    return run


def _as_name(doc_text: str, run, words, heads) -> Candidate | None:
    """The longest part of the run that ends (English) or starts (French) with a head noun."""
    if len(run) < 2:
        return None
    if words.HEAD_FIRST:
        i = next((k for k, t in enumerate(run) if t.lower_ in heads), None)
        part = run[i:] if i is not None else []
        label = heads.get(part[0].lower_) if part else None
    else:
        i = max((k for k, t in enumerate(run) if t.lower_ in heads), default=None)
        part = run[: i + 1] if i is not None else []
        while len(part) > 2 and part[0].text.isupper():  # "IDF Military Advocate General's Corps"
            part = part[1:]
        label = heads.get(part[-1].lower_) if part else None
    if len(part) < 2 or label is None or (part[0].is_sent_start and part[0].pos_ != "PROPN"):
        return None
    start, end = part[0].idx, part[-1].idx + len(part[-1].text)
    cand = Candidate(start, end, doc_text[start:end], label, "ner",
                     written=written_form(doc_text, start, end))
    cand.extra["pos"] = [t.pos_ for t in part]
    return cand


def _split_possessives(run, heads) -> list[list]:
    """"Center’s Ellington Field" is two names; "General's Corps" (a head after the possessive) is one."""
    parts: list[list] = []
    cur: list = []
    for k, t in enumerate(run):
        nxt = run[k + 1] if k + 1 < len(run) else None
        if t.lower_ in ("'s", "’s") and not (nxt is not None and nxt.lower_ in heads):
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    return [p for p in parts if p]


def extend_cut_names(cands: list[Candidate], text: str, kb, lang: str, words,
                     small: frozenset[str] = frozenset()) -> None:
    """An organisation the NER cut short of its first word ("after Keep Rivers Wild protesters" gives "Rivers
    Wild"): a capitalised word right before it, inside a sentence, belongs to the name unless it is a
    function word, a demonym ("French Interior Ministry") or a title ("Minister", "Président")."""
    roles = {r.split()[0].casefold() for r in getattr(words, "ROLE_NOUNS", {})}
    titles = {h.rstrip(".").casefold() for h in words.HONORIFICS} | roles
    starts = {c.end for c in cands}
    for c in cands:
        if c.origin != "ner" or c.label != "ORG" or c.kb_ids:
            continue
        m = re.search(r"(?<=[a-z,;] )([A-Z][a-z]+)[ \u00a0]$", text[max(0, c.start - 40):c.start])
        if m is None or c.start - len(m.group(0)) in starts:
            continue
        word = m.group(1)
        if word.casefold() in small or word.casefold() in titles or kb.by_adjective(word, lang):
            continue
        c.start -= len(m.group(0))
        c.text = text[c.start:c.end]
