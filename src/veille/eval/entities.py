"""``veille eval entities``: entities on the hand-annotated news pages (news/dev-gold.jsonl).

For each gold entity (named PER/ORG/LOC in the body, with every surface form):
- **recall**: a predicted entity's canonical name or surface names meet the gold name or its forms;
- **merged**: all its surface forms sit on one predicted entity (scored where the gold lists two or more);
- **precision**: a predicted entity of a type the gold annotates (PER, ORG, GPE, LOC, MEDIA) meets some
  gold entity. Demonyms, weapons, events and works are not annotated in the gold, so they are not scored.
Names are compared folded: case, accents, apostrophes, quote marks and white space ignored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..record import Article, Entity
from .common import Row, with_floors
from .pages import load_gold

NAME = "entities"
SCORED_TYPES = {"PER", "ORG", "GPE", "LOC", "MEDIA"}


def fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    for a, b in (("’", "'"), ("‘", "'"), ("«", '"'), ("»", '"'), ("“", '"'), ("”", '"')):
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip().lower()


def names_of(e: Entity) -> set[str]:
    return {fold(e.name), *(fold(n) for n in e.names)} - {""}


@dataclass
class EntityScore:
    id: str
    lang: str
    found: int = 0
    gold: int = 0
    merged: int = 0
    multi: int = 0
    right: int = 0
    predicted: int = 0
    missed: list[str] = field(default_factory=list)
    unmerged: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


def score_page(gold: dict, art: Article) -> EntityScore:
    s = EntityScore(gold["id"], gold.get("lang") or art.lang or "?")
    forms_all = []
    for g in gold.get("entities") or []:
        surfaces = {fold(f) for f in g["surface_forms"]}
        forms = surfaces | {fold(g["name"])}
        forms_all.append(forms)
        hits = [e for e in art.entities if names_of(e) & forms]
        s.gold += 1
        s.found += bool(hits)
        if not hits:
            s.missed.append(g["name"])
        if len(surfaces) > 1:
            s.multi += 1
            ok = any(surfaces <= names_of(e) for e in hits)
            s.merged += ok
            if not ok:
                s.unmerged.append(g["name"])
    for e in art.entities:
        if e.type in SCORED_TYPES:
            s.predicted += 1
            if any(names_of(e) & forms for forms in forms_all):
                s.right += 1
            else:
                s.spurious.append(f"{e.name} [{e.type}]")
    return s


def evaluate(corpus: Path, analyze=None, only: set[str] | None = None) -> tuple[list[Row], list[EntityScore]]:
    """Score every dev-gold entry (or the ids in ``only``); ``analyze`` maps a path to an Article (default:
    the full pipeline)."""
    if analyze is None:
        from ..api_functions import analyze as analyze
    gold = [g for g in load_gold(corpus) if only is None or g["id"] in only]
    scores = [score_page(g, analyze(corpus / "news" / g["raw_file"])) for g in gold]
    rows = []
    for lang in sorted({s.lang for s in scores}):
        group = [s for s in scores if s.lang == lang]
        gold, multi, pred = (sum(getattr(s, k) for s in group) for k in ("gold", "multi", "predicted"))
        ds = f"news/dev-gold {lang}"
        rows += [Row(ds, "entity recall", sum(s.found for s in group) / max(gold, 1), gold),
                 Row(ds, "spellings merged", sum(s.merged for s in group) / max(multi, 1), multi),
                 Row(ds, "entity precision", sum(s.right for s in group) / max(pred, 1), pred)]
    if only is None and (corpus / "seed" / "expected.json").exists():
        right, total = score_seed(corpus, analyze)
        rows.append(Row("seed", "expected entity checks", right / total, total))
    return with_floors(NAME, rows), scores


def score_seed(corpus: Path, analyze) -> tuple[int, int]:
    """The seed page's entity checks, as ../shared/tools/seedcheck.py counts them: each expected entity
    found with its type, its spellings on one entity, and the furniture-only names absent."""
    import json

    expected = json.loads((corpus / "seed" / "expected.json").read_text(encoding="utf-8"))
    art = analyze(corpus / "seed" / "article.txt")
    checks = []
    for want in expected["entities"]:
        forms = {fold(re.sub(r"\s*\(.*\)$", "", f)) for f in want["surface_forms"]} | {fold(want["name"])}
        hits = [e for e in art.entities if names_of(e) & forms]
        checks.append(any(e.type == want["type"] for e in hits))
        plain = {fold(f) for f in want["surface_forms"] if "(" not in f}
        if len(plain) > 1:
            checks.append(any(plain <= names_of(e) | {fold(want["name"])} for e in hits))
    for absent in expected.get("entities_must_be_absent", []):
        checks.append(not any(fold(absent) in names_of(e) for e in art.entities))
    return sum(checks), len(checks)
