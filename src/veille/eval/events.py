"""``veille eval events``: PLOVER event-type accuracy on the PLOVER GSR sentences (CAMEO manual examples).

Each of the 322 English sentences carries one gold event. veille codes the sentence and takes its main
event (the one highest in the parse); the gold type is mapped to current PLOVER through the old names the
set still uses (DEMAND → REQUEST, DISAPPROVE and INVESTIGATE → ACCUSE, FIGHT → ASSAULT, as its README and
the CAMEO→PLOVER table say). Accuracy is reported per type and macro-averaged over the types present.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import click

from ..lang import resources
from ..stages.events.coder import code_sentence, main_event
from ..stages.events.lexicon import PLOVER_TYPES, lexicon
from ..stages.nlp import load_model
from .common import Row, with_floors

#: pre-2021 PLOVER names used by the GSR file -> current PLOVER
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
GSR = Path("events") / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.json"


@dataclass
class Scored:
    text: str
    gold: str
    predicted: str | None


def load_gsr(corpus: Path) -> list[tuple[str, str]]:
    """(sentence, gold PLOVER type) pairs, old type names mapped."""
    path = corpus / GSR
    if not path.is_file():
        raise click.UsageError(f"{path} not found: the corpus at {corpus} has no PLOVER GSR file "
                               "(expected events/plover_gsr_cameo/PLOVER_GSR_CAMEO.json)")
    records = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for r in records:
        if r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        gold = OLD_NAMES.get(r["event"], r["event"])
        if gold in PLOVER_TYPES:
            out.append((r["text"], gold))
    return out


def predict(texts: list[str], lang: str = "en") -> list[str | None]:
    """The main event type veille codes in each sentence (None when it codes none)."""
    lex = lexicon(lang)
    res = resources(lang)
    assert lex is not None and res is not None
    nlp = load_model(res.spacy_model)
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        events = [e for s in doc.sents for e in code_sentence(s, lex)]
        best = main_event(events)
        out.append(best.type if best else None)
    return out


def score(pairs: list[tuple[str, str]]) -> list[Scored]:
    preds = predict([t for t, _ in pairs])
    return [Scored(t, g, p) for (t, g), p in zip(pairs, preds, strict=True)]


def per_type(scored: list[Scored]) -> dict[str, tuple[float, int]]:
    """Accuracy (recall of the gold type) and count for each gold type present."""
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for s in scored:
        total[s.gold] += 1
        right[s.gold] += s.predicted == s.gold
    return {t: (right[t] / total[t], total[t]) for t in PLOVER_TYPES if total[t]}


def corpus_sha1(corpus: Path) -> str:
    """Checksum of the scored file, kept beside the floors so a changed gold set is noticed."""
    return hashlib.sha1((corpus / GSR).read_bytes()).hexdigest()


def evaluate(corpus: Path, subset: int | None = None) -> tuple[list[Row], list[Scored]]:
    """Rows for ``veille eval events`` (with floors) and the scored sentences (for ``--verbose``)."""
    pairs = load_gsr(corpus)
    if subset:
        pairs = pairs[:: max(1, len(pairs) // subset)][:subset]
    scored = score(pairs)
    table = per_type(scored)
    name = "plover_gsr_cameo" if not subset else f"plover_gsr_cameo[{len(pairs)}]"
    out = [Row(name, "type accuracy (macro)", sum(a for a, _ in table.values()) / len(table), len(scored)),
           Row(name, "type accuracy (micro)", sum(s.predicted == s.gold for s in scored) / len(scored),
               len(scored)),
           Row(name, "sentences coded", sum(s.predicted is not None for s in scored) / len(scored),
               len(scored))]
    out += [Row(name, f"accuracy {t}", a, n) for t, (a, n) in table.items()]
    return with_floors("events", out), scored
