"""Descriptions: "le président russe", "le dirigeant biélorusse", "the US president", "le chef de la
diplomatie américaine" name a person through a role and a country. The KB says who held that role on the
publication date; without a date, the holder named elsewhere on the page wins, then the one in office in
the latest year the page mentions, then the latest holder. A description right before a name ("le
président russe Vladimir Poutine") is that name's person, whatever the KB says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .mentions import Candidate
from .namekeys import fold, fold_page

#: words that make a description name a past holder ("l'ancien président", "the former president")
_FORMER = re.compile(r"(?:\b(?:ancien|ancienne|ex|former|late|defunt|defunte|feu)[\s-]+)"
                     r"(?:(?:le|la|l'|the|us|u\.s\.|\w+an)\s+)?$")


@dataclass
class Description:
    start: int
    end: int
    text: str
    roles: tuple[str, ...]
    country: str  # KB id of the state
    apposed: Candidate | None = None  # the name that directly follows, if any
    former: bool = False  # "l'ancien président russe", "the former US president"


@lru_cache(maxsize=8)
def _role_re(words) -> re.Pattern:
    phrases = sorted({fold(p) for p in words.ROLE_NOUNS}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])")


def _roles_of(words, phrase: str) -> tuple[str, ...]:
    role = next(r for p, r in words.ROLE_NOUNS.items() if fold(p) == phrase)
    # "président" is the head of state, else the head of government where the president is not the
    # leader, else the "president" of an organisation ("le président de la Commission européenne")
    return (role, "head_of_government", "president") if role == "head_of_state" else (role,)


def find_descriptions(text: str, words, kb, lang: str, cands: list[Candidate]) -> list[Description]:
    """Every role + country phrase in ``text`` whose country the KB knows."""
    folded = fold_page(text)
    by_start = {c.start: c for c in cands}
    by_end = {c.end: c for c in cands}
    out = []
    for m in _role_re(words).finditer(folded):
        d = _country_after(text, m, kb, lang, by_start) or _country_before(text, m, kb, lang, by_end)
        if d is None or "\n" in text[d[0]:d[1]]:
            continue
        start, end, country = d
        start = _with_determiner(text, start, words)
        desc = Description(start, end, text[start:end], _roles_of(words, m.group(1)), country)
        desc.former = _FORMER.search(folded[max(0, start - 30):start]) is not None
        nxt = _SPACES.match(text, end)
        desc.apposed = by_start.get(nxt.end() if nxt else end)  # ``nxt`` read in place
        if desc.apposed is not None and desc.apposed.label != "PER":
            desc.apposed = None
        out.append(desc)
    return out


def _country_after(text, m, kb, lang, by_start):
    """French order and "of" phrases: "président russe", "président de la Russie", "president of Russia"."""
    adj = _WORD_AFTER.match(text, m.end())  # read in place: no copy of the rest of the page
    if adj:
        states = _states(kb.by_adjective(adj.group(1), lang) or kb.by_adjective(adj.group(1)))
        if states:
            return m.start(), adj.end(), states[0]
    of = _OF_AFTER.match(text, m.end())
    if of:
        c = by_start.get(of.end())
        if c is not None and c.entity_id and _bodies([kb.get(c.entity_id)]):
            return m.start(), c.end, c.entity_id
    return None


_SPACES = re.compile(r"[ \u00a0]+")
_WORD_AFTER = re.compile(r"[ \u00a0]+([^\W\d_][\w-]*)")
_OF_AFTER = re.compile(r"[ \u00a0]+(?:de la|de l['’]|du|des|d['’]|of(?: the)?)[ \u00a0]*", re.IGNORECASE)
_WORD_ENDING = re.compile(r"([^\W\d_][\w.-]*)[ \u00a0]+$")


def _word_before(text: str, at: int) -> tuple[re.Match[str] | None, int | None]:
    """The word and spaces right before ``at`` (``_WORD_ENDING`` searched in ``text[:at]``) and where a
    possessive "'s" before those spaces starts, without searching the page from its start for them: the
    search starts where the run of word characters, dots and dashes before the spaces does, since a
    match holds only such characters (``\\w`` is what ``str.isalnum`` accepts, and "_")."""
    spaces = at
    while spaces > 0 and text[spaces - 1] in " \u00a0":
        spaces -= 1
    if spaces == at:
        return None, None
    run = spaces
    while run > 0 and (text[run - 1].isalnum() or text[run - 1] in "_.-"):
        run -= 1
    possessive = spaces - 2 if spaces >= 2 and text[spaces - 2] in "'’" and text[spaces - 1] == "s" else None
    return _WORD_ENDING.search(text, run, at), possessive


def _country_before(text, m, kb, lang, by_end):
    """English order: "the Russian president", "the US president", "Belarusian leader"."""
    adj, possessive = _word_before(text, m.start())
    if not adj:
        return None
    c = by_end.get(adj.start() + len(adj.group(1)))
    if c is None and possessive is not None:  # "Russia's president", "NATO's secretary general"
        c = by_end.get(possessive)
    if c is not None and c.entity_id and _bodies([kb.get(c.entity_id)]) and (
            c.start == adj.start() or possessive is not None):
        return c.start, m.end(), c.entity_id
    states = _states(kb.by_adjective(adj.group(1), lang) or kb.by_adjective(adj.group(1)))
    return (adj.start(), m.end(), states[0]) if states else None


def _bodies(ents) -> list[str]:
    """States and organisations: what a role can be held of ("secrétaire général de l’Otan")."""
    return [e.id for e in ents if e is not None and str(e.type).upper() in ("GPE", "ORG")]


def _states(ents) -> list[str]:
    return [e.id for e in ents if e is not None and str(e.type).upper() in ("GPE", "COUNTRY", "STATE")]


def _with_determiner(text: str, start: int, words) -> int:
    """Take in "le"/"the" in front: "Le dirigeant russe" is how a reader quotes it."""
    for det in words.DESCRIPTION_DETERMINERS:
        sep = "" if det[-1] in "'’" else " "
        cut = start - len(det) - len(sep)
        if cut >= 0 and text[cut:start].lower() == det + sep and (cut == 0 or not text[cut - 1].isalnum()):
            return cut
    return start


def resolve(desc: Description, kb, published: str | None, on_page: set[str], years: list[int]) -> str | None:
    """The person the description names (KB id), or None when the KB knows nobody in that role."""
    if desc.apposed is not None and desc.apposed.entity_id:
        return desc.apposed.entity_id
    if desc.former:
        return _former_on_page(desc, kb, published, on_page)
    pool: list[tuple[str, Any]] = []
    for role in desc.roles:
        found = kb.holders(role, desc.country, on=published) if published else []
        found = found or all_holders(kb, role, desc.country)
        pool += [(role, e) for e in found]
    if not pool:
        return None
    named = [e for _, e in pool if e.id in on_page]
    if named:
        return named[0].id
    main = [(r, e) for r, e in pool if r == desc.roles[0]] or pool
    if published:
        return main[0][1].id
    return _latest(main, desc.country, max(years) if years else None)


def _former_on_page(desc: Description, kb, published: str | None, on_page: set[str]) -> str | None:
    """A past holder named on the page, never the one in office: without such a name the description
    stays unlinked rather than guess among every former holder."""
    current = {e.id for role in desc.roles for e in kb.holders(role, desc.country, on=published)}
    past = [e.id for role in desc.roles for e in all_holders(kb, role, desc.country)
            if e.id in on_page and e.id not in current]
    return past[0] if past else None


@lru_cache(maxsize=4)
def _role_index(kb) -> dict[tuple[str, str], tuple]:
    index: dict[tuple[str, str], list] = {}
    for ent in kb:
        for r in ent.roles:
            index.setdefault((r.role, r.of), []).append(ent)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


def all_holders(kb, role: str, of: str) -> list:
    """Everyone the KB knows in ``role`` of ``of``, at any date (``kb.holders`` answers for one day)."""
    return list(_role_index(kb).get((role, of), ()))


def _latest(pool, country: str, year: int | None) -> str:
    """The holder in office in ``year`` when given, else the one whose term started last."""
    def terms(role_entity):
        role, ent = role_entity
        return [((r.start or "")[:4], (r.end or "9999")[:4]) for r in ent.roles
                if r.role == role and r.of == country]

    if year is not None:
        inside = [x for x in pool if any(a <= str(year) <= b for a, b in terms(x))]
        pool = inside or pool
    return max(pool, key=lambda x: max(terms(x), default=("", ""))[0])[1].id


def description_candidates(descs: list[Description], kb, published, cands, text) -> list[Candidate]:
    """Resolved descriptions as mentions (``how = description``)."""
    on_page = {c.entity_id for c in cands if c.entity_id}
    years = [int(y) for y in re.findall(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", text)]
    out = []
    for d in descs:
        who = resolve(d, kb, published, on_page, years)
        if who is not None:
            out.append(Candidate(d.start, d.end, d.text, "PER", "description", entity_id=who,
                                 how="description", extra={"apposed": d.apposed}))
    return out
