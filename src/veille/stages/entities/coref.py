"""Within-page coreference of names, and ids for what the knowledge base does not know.

- a surname alone or "M. X" is the person whose full name on the page ends with that surname
  (Poutine -> Vladimir Poutine, Binet -> Sophie Binet), the nearest one before it first;
- an acronym in brackets after a name is that name ("Canadian Space Agency (CSA)"), and so is an
  acronym made of a name's initials met elsewhere on the page;
- people the KB does not know get an id from their transliteration key, so Loukachenko and Lukashenko
  get the same id on a French and an English page; other unknown names an id from their folded name.
"""

from __future__ import annotations

import re

from ..nlp import doc_text
from .mentions import Candidate
from .namekeys import fold_name, local_id, name_key, person_key, surname_key
from .occurrences import standalone

_STOP = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "les", "et", "pour", "d", "l", "en", "a",
         "à"}


def resolve_people(cands: list[Candidate]) -> None:
    """Link surnames to full names on the page; give unknown full names their name-key id."""
    people = [c for c in cands if c.label == "PER"]
    full = [c for c in people if len(c.text.split()) >= 2]
    for c in full:
        if c.entity_id is None:
            c.entity_id, c.how = local_id("PER", person_key(c.text)), "ner"  # the id is the name key's
    _merge_misspellings(full)
    _merge_name_tails(full)
    for c in cands:
        spacy_person = c.extra.get("ner_label") == "PER" and c.how == "kb"  # "Washington" after Denzel's name
        if len(c.text.split()) >= 2 or (c.label != "PER" and c.entity_id is not None and not spacy_person):
            continue
        match = _full_name_for(c, full) if full else None
        if match is not None and match.entity_id != c.entity_id:
            # a surname spaCy typed ORG or LOC ("Ingram" after "Connor Ingram") is still the person
            c.entity_id, c.how, c.label = match.entity_id, "coref", "PER"
        elif c.entity_id is None and c.label == "PER":
            c.entity_id, c.how = local_id("PER", surname_key(c.text)), "ner"


def surname_mentions(cands: list[Candidate], doc) -> list[Candidate]:
    """A surname the NER missed or mistyped ("Okafor" as a nationality) after the person's full name
    on the page is that person, in any language: each capitalised stand-alone occurrence of the last word
    of a full name (a proper noun, not inside a longer capitalised name) that no candidate covers."""
    text = doc_text(doc)
    full = [c for c in cands if c.label == "PER" and c.entity_id and len(c.text.split()) >= 2]
    covered = [(c.start, c.end) for c in cands]
    out = []
    for surname in {c.text.split()[-1] for c in full}:
        if len(surname) < 3 or not surname[:1].isupper() or surname.isupper():
            continue
        for start, end in standalone(text, surname, before="’'.-", after="-"):
            if any(a < end and start < b for a, b in covered) or _inside_capitalised(text, start, end):
                continue
            tok = doc.char_span(start, end)
            if tok is None or tok[0].pos_ != "PROPN" and tok[0].is_sent_start:
                continue
            cand = Candidate(start, end, surname, "PER", "ner")
            match = _full_name_for(cand, full)
            if match is not None:
                cand.entity_id, cand.how = match.entity_id, "coref"
                out.append(cand)
    return sorted(cands + out, key=lambda c: c.start)


def _inside_capitalised(text: str, start: int, end: int) -> bool:
    """A capitalised word right after, or right before inside the sentence: a piece of a longer name
    ("Brown University", "Josh Brown"). A capitalised word that opens the sentence or is a function word
    ("The Harriers", "Le Taureau") does not count."""
    if re.match(r"[ \u00a0][A-Z]", text[end:end + 2]):
        return True
    before = re.search(r"(^|.)[ \u00a0]?([A-Z][\w’'-]*)[ \u00a0]$", text[max(0, start - 30):start], re.DOTALL)
    if before is None or before.group(2).lower() in _STOP:
        return False
    return before.group(1) not in (".", "!", "?", "\n", "")


def _full_name_for(c: Candidate, full: list[Candidate]) -> Candidate | None:
    """The full name a single word refers to: by surname, or for a person by a first name that only one
    full name on the page has ("Holly" after "Holly Bowles")."""
    key = name_key(c.text)
    same = [f for f in full if surname_key(f.text) == key or name_key(f.text.split()[-1]) == key]
    if not same and c.label == "PER":
        firsts = {f.entity_id for f in full if name_key(f.text.split()[0]) == key}
        same = [f for f in full if f.entity_id in firsts] if len(firsts) == 1 else []
    before = [f for f in same if f.start < c.start]
    return before[-1] if before else (same[0] if same else None)


def _merge_name_tails(full: list[Candidate]) -> None:
    """"Eriksson Ek" after "Joel Eriksson Ek": a shorter unknown name that ends a longer one on the page is
    that person (a compound surname, or the name without its first given name); so is one of two words or
    more that opens it ("Ana García" and "Ana García López": the Spanish second surname left out)."""
    for c in full:
        if c.how != "ner":
            continue
        words = c.text.split()
        longer = [f for f in full if len(f.text.split()) > len(words) and (
            f.text.split()[-len(words):] == words or f.text.split()[:len(words)] == words)]
        if len({f.entity_id for f in longer}) == 1:
            c.entity_id, c.how = longer[0].entity_id, "coref"


def _merge_misspellings(full: list[Candidate]) -> None:
    """One letter apart, same initial, on one page: a typo, not a second person ("Andry Rajoalina" a line
    after "Andry Rajoelina", "Ivan Larfarge" for "Ivan Lafarge"). A spelling the KB knows wins, then the
    more frequent one; only names the KB does not know are moved."""
    ids: dict[str, list[Candidate]] = {}
    for c in full:
        if c.entity_id and c.how in ("ner", "kb", "namekey"):
            ids.setdefault(c.entity_id, []).append(c)
    keys = {i: person_key(g[0].text) for i, g in ids.items()}
    order = sorted(ids, key=lambda i: (ids[i][0].how == "ner", -len(ids[i]), ids[i][0].start))
    for k, a in enumerate(order):
        for b in order[k + 1:]:
            if ids[b][0].how != "ner":
                continue
            ka, kb_ = keys[a].split(":"), keys[b].split(":")
            if len(ka) == len(kb_) == 2 and ka[0] == kb_[0] and min(len(ka[1]), len(kb_[1])) >= 6 \
                    and _one_edit(ka[1], kb_[1]):
                for c in ids[b]:
                    c.entity_id, c.how = a, "coref"


def _one_edit(a: str, b: str) -> bool:
    """At most one insertion, deletion or substitution between ``a`` and ``b``."""
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] or a[i + 1:] == b[i:] or a[i:] == b[i + 1:]


def resolve_acronyms(cands: list[Candidate], text: str) -> None:
    """"Name (ACR)" and initials: the acronym and the name are one entity. French papers write long
    acronyms as words ("l’Inrap", "l’Insee"): in brackets after a name, or typed an organisation by the
    NER, such a word is matched against the names on the page by its letters (``abbreviates``)."""
    by_start = {c.start: c for c in cands}
    for c in cands:
        m = re.match(r"\s*\(\s*", text[c.end:])
        other = by_start.get(c.end + m.end()) if m else None
        if other is None or text[other.end:other.end + 1] != ")":
            continue
        if _is_acronym(other.text) or (_is_word_acronym(other.text) and len(c.text.split()) >= 2):
            _unify(c, other)
    named = [c for c in cands if c.label in ("ORG", "MEDIA") and len(c.text.split()) >= 2]
    for c in cands:
        if c.entity_id is None and _is_acronym(c.text):
            full = next((n for n in named if _initials(n.text) == c.text.replace(".", "")), None)
            if full is not None:
                _unify(full, c)
        elif c.entity_id is None and c.label == "ORG" and _is_word_acronym(c.text) \
                and c.extra.get("alias_of") is None:
            fits = [n for n in named if n.entity_id is None and abbreviates(c.text, n.text)]
            if len({fold_name(n.text) for n in fits}) == 1:
                _unify(fits[0], c)


def _is_word_acronym(s: str) -> bool:
    """An acronym written as a word: one capital and lower-case letters, 3 to 8 ("Inrap", "Unesco")."""
    return 3 <= len(s) <= 8 and s.isalpha() and s[0].isupper() and s[1:].islower()


def abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` can abbreviate ``name`` (Schwartz & Hearst 2003): its letters are found in the
    name in order, read from the end, its first letter opening the name's first word; and the name has
    at least two content words ("Inrap" ~ "Institut national de recherches archéologiques préventives")."""
    s, n = fold_name(short).replace(" ", ""), fold_name(name)
    words = [w for w in n.split() if w not in _STOP]
    if len(words) < 2 or not s or s[0] != n[:1]:
        return False
    j = len(n) - 1
    for i in range(len(s) - 1, -1, -1):
        while j >= 0 and (n[j] != s[i] or (i == 0 and j > 0 and n[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return False
        j -= 1
    return True


def _unify(name: Candidate, acronym: Candidate) -> None:
    if name.entity_id and not acronym.entity_id:
        acronym.entity_id, acronym.how, acronym.label = name.entity_id, "coref", name.label
    elif acronym.entity_id and not name.entity_id:
        name.entity_id, name.how, name.label = acronym.entity_id, "coref", acronym.label
    elif not name.entity_id and not acronym.entity_id:
        name.extra["alias_of"] = None
        acronym.extra["alias_of"] = name


def _is_acronym(s: str) -> bool:
    letters = s.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and fold_name(w) not in _STOP]
    return "".join(w[0] for w in words).upper()


def resolve_unknown(cands: list[Candidate]) -> None:
    """Ids for names neither the KB nor the people rules resolved: one per folded name."""
    _one_type_per_word(cands)
    for c in cands:
        if c.entity_id is None and c.extra.get("alias_of") is None:
            key = surname_key(c.text) if c.label == "PER" else fold_name(c.text)
            c.entity_id, c.how = local_id(c.label, key), "ner"
    for c in cands:
        alias = c.extra.get("alias_of")
        if c.entity_id is None and alias is not None:
            c.entity_id, c.how, c.label = alias.entity_id, "coref", alias.label
    _spread_aliases(cands)


def _one_type_per_word(cands: list[Candidate]) -> None:
    """The same unknown word is one thing on a page: spaCy calling "Edmonton" PER once and ORG twice
    gives one entity, of the type it gets most often."""
    groups: dict[str, list[Candidate]] = {}
    for c in cands:
        unknown = c.how == "ner" and (c.entity_id is None or c.entity_id.startswith("L"))
        if unknown and " " not in c.text:
            groups.setdefault(c.text, []).append(c)
    for group in groups.values():
        labels = [c.label for c in group]
        if len(set(labels)) > 1:
            label = max(sorted(set(labels)), key=labels.count)
            for c in group:
                c.label, c.entity_id = label, None


def _spread_aliases(cands: list[Candidate]) -> None:
    """Every later "TNO" is the organisation its first "(TNO)" was bracketed with."""
    target = {c.text: c for c in cands
              if c.how == "coref" and (_is_acronym(c.text) or _is_word_acronym(c.text))}
    for c in cands:
        t = target.get(c.text)
        if t is not None and c is not t and c.how == "ner":
            c.entity_id, c.how, c.label = t.entity_id, "coref", t.label


def short_forms(cands: list[Candidate], doc, words) -> list[Candidate]:
    """The short form of an organisation's name, after the full name on the page, is that organisation:
    its last word in English ("the Harriers" after "Leeds Harriers"), its first in French ("les
    Canadiens" after "Canadiens de Montréal"); so is the place a club or firm is named after, when the
    NER itself calls that word an organisation ("Edmonton scored twice"). Short forms the NER missed
    are found like surnames: capitalised, stand-alone, not opening a sentence."""
    heads = {*getattr(words, "NAME_HEADS", {}), *getattr(words, "CLASSIFIERS", {})}
    head_first = getattr(words, "HEAD_FIRST", True)
    by_short: dict[str, list[Candidate]] = {}
    by_place: dict[str, Candidate] = {}
    for c in cands:
        parts = c.text.split()
        unknown = (c.entity_id or "").startswith("L") and c.how == "ner"
        if c.label != "ORG" or not unknown or not 2 <= len(parts) <= 4:
            continue
        short = parts[0] if head_first else parts[-1]
        if len(short) >= 4 and short[:1].isupper() and not short.isupper() and short.lower() not in heads:
            by_short.setdefault(short, []).append(c)
        if not head_first:
            by_place[parts[0]] = c
    out = []
    for short, orgs in by_short.items():
        if len({o.entity_id for o in orgs}) == 1:
            out += _short_mentions(cands, doc, short, orgs[0])
    for c in cands:
        org = by_place.get(c.text)
        if org is not None and c.label == "ORG" and c.how == "ner" and c.entity_id != org.entity_id:
            c.entity_id, c.how = org.entity_id, "coref"
    return sorted(cands + out, key=lambda c: c.start)


def _short_mentions(cands: list[Candidate], doc, short: str, org: Candidate) -> list[Candidate]:
    for c in cands:
        if c.text == short and c.how == "ner" and c.label != "PER":
            c.entity_id, c.how, c.label = org.entity_id, "coref", org.label
    text = doc_text(doc)
    covered = [(c.start, c.end) for c in cands]
    out = []
    for start, end in standalone(text, short, before="’'.-", after="-"):
        if any(a < end and start < b for a, b in covered) or _inside_capitalised(text, start, end):
            continue
        tok = doc.char_span(start, end)
        if tok is not None and (tok[0].pos_ == "PROPN" or not tok[0].is_sent_start):
            out.append(Candidate(start, end, short, org.label, "ner", entity_id=org.entity_id,
                                 how="coref"))
    return out


def compass_parts(cands: list[Candidate], words) -> None:
    """A part of a place named by a compass point is that place when the page names the place itself
    ("l’Atlantique Nord-Est" and "l’Atlantique", "Eastern Canada" and "Canada"): the same sea or country,
    not a second entity. Only names the KB does not know: North Korea and South Sudan are states."""
    parts = {p.casefold() for p in getattr(words, "COMPASS_PARTS", ())}
    if not parts:
        return
    head_first = getattr(words, "HEAD_FIRST", True)
    places = {fold_name(c.text): c for c in cands if c.label in ("GPE", "LOC") and c.entity_id}
    for c in cands:
        if c.label not in ("GPE", "LOC") or c.how != "ner" or " " not in c.text:
            continue
        base, part = c.text.rsplit(" ", 1) if head_first else c.text.split(" ", 1)[::-1]
        target = places.get(fold_name(base))
        if part.casefold() in parts and target is not None and target.entity_id != c.entity_id:
            old = c.entity_id
            for other in cands:
                if other.entity_id == old:
                    other.entity_id, other.how = target.entity_id, "coref"


_NAME = r"([A-Z][\w&’'-]*(?: [A-Z][\w&’'-]*)*)"
_RENAMED = re.compile(r"(?<![\w’'-])" + _NAME + r"[ \u00a0]*\([ \u00a0]*(?:ex-|ex |anciennement |formerly "
                      r"(?:known as )?|previously |former(?:ly)? )" + _NAME + r"[ \u00a0]*\)")


def renamed(cands: list[Candidate], text: str) -> list[Candidate]:
    """A name followed by its former name in brackets is one entity under two names ("Meta (ex-Facebook)",
    "Zed (formerly Acme)"), even a name of one letter the NER cannot keep alone."""
    out = list(cands)
    for m in _RENAMED.finditer(text):
        new, old = (_candidate_at(out, text, m.start(i), m.end(i)) for i in (1, 2))
        known = [c for c in (new, old) if c.entity_id and not c.entity_id.startswith("L")]  # the KB's id
        keep = known[0] if known else new
        drop = old if keep is new else new
        if keep.entity_id is None:
            keep.entity_id, keep.how = local_id("ORG", fold_name(keep.text)), "ner"
        gone = drop.entity_id
        for c in out:
            if c is drop or (gone is not None and c.entity_id == gone):
                c.entity_id, c.how, c.label = keep.entity_id, "coref", keep.label
    return sorted(out, key=lambda c: c.start)


def _candidate_at(cands: list[Candidate], text: str, start: int, end: int) -> Candidate:
    """The candidate covering exactly ``text[start:end]``, made (an organisation) when there is none."""
    for c in cands:
        if c.start == start and c.end == end:
            return c
    for c in [c for c in cands if c.start < end and start < c.end]:
        cands.remove(c)  # "ex-Twitter" as the NER cut it
    same = next((c for c in cands if c.text == text[start:end] and c.entity_id), None)  # named elsewhere
    cand = Candidate(start, end, text[start:end], same.label if same else "ORG", "ner",
                     entity_id=same.entity_id if same else None)
    cands.append(cand)
    return cand
