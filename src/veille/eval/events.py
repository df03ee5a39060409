"""``veille eval events``: PLOVER event-type accuracy on the PLOVER GSR sentences (CAMEO manual examples),
and judged precision on the real news pages.

GSR: each of the 322 English sentences carries one gold event. veille codes the sentence and takes its main
event (the one highest in the parse); the gold type is mapped to current PLOVER through the old names the
set still uses (DEMAND → REQUEST, DISAPPROVE and INVESTIGATE → ACCUSE, FIGHT → ASSAULT, as its README and
the CAMEO→PLOVER table say). Accuracy is reported per type and macro-averaged over the types present.

News (``eval/data/events-judged.jsonl``): every event veille coded on the 25 dev news pages was judged by
hand — the PLOVER type it should have (``none`` when there is no event), a repeat of an earlier event of
the same page (``same_as``), and the parties a reader would code. The set holds no article text: an event
is found again by its page and a hash of the trigger with a few words around it (or of its sentence and
the trigger's place in it), so it survives offset shifts of the extraction and new entity ids. Judged
precision = coded events whose type is the judged one / coded events that were judged; events coded now
that nobody judged are counted apart (judge them and add them to the set).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..lang import resources
from ..record import Article, Event
from ..stages.events.coder import code_sentence, main_event
from ..stages.events.lexicon import PLOVER_TYPES, lexicon
from ..stages.events.parties import fold
from ..stages.nlp import load_model
from .common import Row, with_floors

#: pre-2021 PLOVER names used by the GSR file -> current PLOVER
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
GSR = Path("events") / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.json"
JUDGED = Path(__file__).parent / "data" / "events-judged.jsonl"
NEWS = "news/judged"
#: characters of context on each side of the trigger in its key (cut at the sentence's ends)
_CONTEXT = 24


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


def evaluate(corpus: Path, subset: int | None = None, gsr: bool = True,
             news: bool = True) -> tuple[list[Row], list[Scored], list[str]]:
    """Rows for ``veille eval events`` (with floors), the scored GSR sentences and the news events judged
    wrong or not judged (for ``--verbose``)."""
    rows: list[Row] = []
    scored: list[Scored] = []
    notes: list[str] = []
    if gsr:
        rows, scored = _evaluate_gsr(corpus, subset)
    if news:
        judged = judge_news(corpus)
        rows += judged.rows()
        notes = judged.notes
    return with_floors("events", rows), scored, notes


def _evaluate_gsr(corpus: Path, subset: int | None) -> tuple[list[Row], list[Scored]]:
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
    return out, scored


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _sha(text: str) -> str:
    return hashlib.sha1(_collapse(text).encode("utf-8")).hexdigest()[:12]


def event_keys(article: Article, ev: Event) -> tuple[str, str]:
    """Two keys that find a coded event again without storing text: (1) a hash of the trigger with up to
    24 characters of its sentence on each side, (2) a hash of the sentence with the trigger's offset in it.
    Either survives what the other does not (a shifted sentence split, an edited neighbouring word)."""
    sent, trig = ev.sentence, ev.trigger
    left = article.text[max(sent.start, trig.start - _CONTEXT):trig.start]
    right = article.text[trig.end:min(sent.end, trig.end + _CONTEXT)]
    context = _sha(f"{_collapse(left)}[{trig.text}]{_collapse(right)}")
    offset = len(_collapse(article.text[sent.start:trig.start] + "|")) - 1
    return context, f"{_sha(sent.text)}+{offset}"


@dataclass
class Judged:
    """The news pages' coded events against the judged set."""

    coded: int = 0
    judged: int = 0
    right: int = 0
    with_actor: int = 0
    actor_right: int = 0
    notes: list[str] = field(default_factory=list)

    def rows(self) -> list[Row]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        return [Row(NEWS, "judged precision", ratio(self.right, self.judged), self.judged),
                # share of the coded events nobody judged yet; n = how many (judge them and append them)
                Row(NEWS, "coded, not judged", ratio(self.coded - self.judged, self.coded),
                    self.coded - self.judged),
                Row(NEWS, "actor right (right type)", ratio(self.actor_right, self.with_actor),
                    self.with_actor)]


def load_judged(path: Path = JUDGED) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _index(entries: list[dict]) -> dict[tuple[str, str], dict]:
    out = {}
    for e in entries:
        out[(e["page"], e["context"])] = e
        out[(e["page"], e["sentence"])] = e
    return out


def _actor_right(article: Article, ev: Event, accepted: list[str | None]) -> bool:
    if ev.actor is None:
        return None in accepted
    ent = article.entity(ev.actor)
    names = {fold(n) for n in ([ent.name, *ent.names] if ent else [ev.actor])}
    return any(a is not None and fold(a) in names for a in accepted)


def score_page(page: str, article: Article, index: dict[tuple[str, str], dict], out: Judged) -> None:
    """Count one page's coded events against the judged set; a repeat (``same_as``) is wrong only when
    the event it repeats is coded too."""
    found = []
    for ev in article.events:
        context, sentence = event_keys(article, ev)
        found.append((ev, index.get((page, context)) or index.get((page, sentence))))
    coded_keys = {e["context"] for _, e in found if e is not None}
    for ev, entry in found:
        out.coded += 1
        where = f"{page} {ev.type:9} «{ev.trigger.text}» @{ev.trigger.start}"
        if entry is None:
            out.notes.append(f"{where}: not judged ({ev.sentence.text[:70]})")
            continue
        out.judged += 1
        repeat = entry.get("same_as") in coded_keys
        if ev.type != entry["type"] or repeat:
            judged = "a repeat" if repeat else entry["type"]
            out.notes.append(f"{where}: judged {judged} ({entry.get('why', '')})")
            continue
        out.right += 1
        if "actor" in entry:
            out.with_actor += 1
            if _actor_right(article, ev, entry["actor"]):
                out.actor_right += 1
            else:
                ent = article.entity(ev.actor)
                out.notes.append(f"{where}: actor {ent.name if ent else ev.actor} (judged {entry['actor']})")


def judge_news(corpus: Path, analyze=None, path: Path = JUDGED) -> Judged:
    """Analyse the judged pages and count their events against the judged set."""
    if analyze is None:
        from ..api_functions import analyze as analyze
    entries = load_judged(path)
    index = _index(entries)
    out = Judged()
    for page in sorted({e["page"] for e in entries} | _all_pages(corpus)):
        score_page(page, analyze(corpus / "news" / "pages" / f"{page}.html"), index, out)
    return out


def _all_pages(corpus: Path) -> set[str]:
    return {p.stem for p in (corpus / "news" / "pages").glob("*.html")}
