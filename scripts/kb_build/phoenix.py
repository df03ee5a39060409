"""Spelling variants of known people from the Phoenix actor dictionaries (../shared/corpus/kb/phoenix-actors,
MIT, English, to about 2016): an entry that shares a full name with a person of the curation gives that
person its other full-name synonyms ("ALYAKSANDR_LUKASHENKA_" -> "Alyaksandr Lukashenka"). Titles and
descriptions ("PRESIDENT_PUTIN_", "RUSSIAN_PRESIDENT_VLADIMIR_PUTIN") are left out; the dictionaries' dated
roles are not used (stale; the curation is the reference for offices)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz

from veille.kb import KBEntity, fold

_TITLES = {"president", "minister", "prime", "pm", "king", "queen", "prince", "princess", "general", "gen",
           "secretary", "chancellor", "leader", "mr", "mrs", "ms", "dr", "sir", "sheikh", "emir", "pope",
           "foreign", "defense", "defence", "chief", "former", "premier", "vice", "deputy", "spokesman",
           "ambassador", "senator", "governor", "mayor", "colonel", "admiral", "marshal", "ayatollah"}
_ROMAN = re.compile(r"[ivxlc]+")


def read_phoenix(path: Path) -> list[list[str]]:
    """Each entry of a Phoenix .actors file as its list of names (main name first), title-cased."""
    entries: list[list[str]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line or line.startswith(("\t", " ")) and not line.lstrip().startswith("+"):
            continue
        if line.lstrip().startswith("+"):
            if entries:
                entries[-1].append(_readable(line.lstrip()[1:]))
        elif not line.startswith("["):
            entries.append([_readable(line.split()[0])])
    return entries


def _readable(token: str) -> str:
    return re.sub(r"\s+", " ", token.strip("_").replace("_", " ")).title()


def add_person_variants(people: list[KBEntity], entries: list[list[str]],
                        adjectives: set[str]) -> list[KBEntity]:
    """``people`` with Phoenix synonyms added under "*" where an entry names the same person."""
    by_name: dict[str, KBEntity] = {}
    for person in people:
        for name in person.all_names():
            if len(name.split()) >= 2:
                by_name.setdefault(fold(name), person)
    extra: dict[str, list[str]] = {}
    for names in entries:
        owners = {by_name[fold(n)].id: by_name[fold(n)] for n in names if fold(n) in by_name}
        if len(owners) != 1:
            continue
        person = next(iter(owners.values()))
        known = [fold(n) for n in person.all_names()]
        for name in names:
            if _is_variant(name, known, adjectives):
                extra.setdefault(person.id, []).append(name)
    return [_with_names(p, extra.get(p.id, [])) for p in people]


def _is_variant(name: str, known: list[str], adjectives: set[str]) -> bool:
    key, words = fold(name), fold(name).split()
    if key in known or not 2 <= len(words) <= 4 or "." in name or len(words[-1]) < 4:
        return False  # initials ("George H. W. Bush" is another man) and split typos ("Kaga Me")
    if any(w in _TITLES or w in adjectives or _ROMAN.fullmatch(w) for w in words):
        return False
    return any(fuzz.ratio(key, other) >= 85 for other in known)


def _with_names(person: KBEntity, names: list[str]) -> KBEntity:
    if not names:
        return person
    merged = dict(person.names)
    merged["*"] = tuple(dict.fromkeys(merged.get("*", ()) + tuple(names)))
    return replace(person, names=merged)
