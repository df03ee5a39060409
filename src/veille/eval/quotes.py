"""``veille eval quotes``: quotes and speakers on PolNeAR dev (English news, brat standoff) and on the
hand-annotated dev-gold news pages (French and English), with the metrics of ../shared/corpus/README.md.

PolNeAR: a gold attribution is found when a predicted quote covers more than 30 % of its content tokens;
"quoted content" counts the gold contents holding a quote mark (direct and mixed) against predicted direct
and mixed quotes, "all" counts every attribution against every predicted quote. A prediction is right
when it finds some gold attribution. Speaker right: for a found gold attribution with a Source, the
predicted speaker span overlaps the Source (pronoun sources are the pronoun itself). One annotator per
article (the first .ann file), as the corpus README does for its test counts.

dev-gold pages: a gold direct quote is found when a predicted direct or mixed quote shares at least half
of its word tokens and at least half of the prediction's tokens are in it; the speaker is right when the
predicted speaker entity's names meet the gold speaker's name or surface forms (an unnamed gold speaker
wants a null speaker). A mixed quote and the quoted fragments inside it count as one prediction, right
when any of them matches a gold quote (one statement, as for PolNeAR).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from ..record import Article, Span
from .common import Row, with_floors

NAME = "quotes"
_QUOTE_MARKS = '"“”«»'
_COVER = 0.3


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    quoted: bool = False


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one brat file: Content and Source spans (possibly discontinuous)."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offsets = parts[1].partition(" ")
            pieces = [cast("tuple[int, int]", tuple(int(x) for x in p.split())) for p in offsets.split(";")]
            spans[parts[0]] = (label, pieces, parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(a.split(":", 1) for a in parts[1].split()))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        source = spans.get(ev.get("Source", ""))
        out.append(GoldAttribution(content=content[1], source=source[1] if source else [],
                                   quoted=any(c in content[2] for c in _QUOTE_MARKS)))
    return out


def _tokens(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(s + m.start(), s + m.end()) for s, e in pieces for m in re.finditer(r"\w+", text[s:e])]


@dataclass
class Counts:
    gold: int = 0
    found: int = 0
    pred: int = 0
    right: int = 0
    with_source: int = 0
    speaker_right: int = 0

    def f1(self) -> float:
        p = self.right / self.pred if self.pred else 0.0
        r = self.found / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class _Relation:
    """Predicted quotes sharing one cue: one attribution relation, as PolNeAR annotates a quote split by
    its incise ("“A,” she said. “B.”") as one discontinuous content."""

    spans: list[tuple[int, int]]
    speaker_mention: Span | None


def _relations(quotes) -> list[_Relation]:
    """Group predicted quotes into attribution relations: quotes sharing a cue, and a quoted fragment
    with the mixed quote that contains it, are one relation (as PolNeAR annotates them)."""
    groups: dict[object, _Relation] = {}
    outer = sorted(quotes, key=lambda q: q.start - q.end)  # longest first
    for k, q in enumerate(outer):
        host = next((h for h in outer[:k]
                     if h.start <= q.start and q.end <= h.end and h.kind == "mixed"), None)
        if host is not None:
            q = host
        key = (q.cue.start, q.kind == "indirect") if q.cue else ("alone", q.start, q.end)
        rel = groups.setdefault(key, _Relation([], q.speaker_mention))
        rel.spans.append((outer[k].start, outer[k].end))
    return list(groups.values())


def _cover_rel(tokens: list[tuple[int, int]], rel: _Relation) -> float:
    if not tokens:
        return 0.0
    inside = sum(1 for s, e in tokens if any(s >= a and e <= b for a, b in rel.spans))
    return inside / len(tokens)


def score_polnear_doc(text: str, gold: list[GoldAttribution], quotes, quoted: Counts, every: Counts) -> None:
    """Add one article's counts: ``quoted`` for quote-mark contents, ``every`` for all attributions."""
    toks = [_tokens(text, g.content) for g in gold]
    for counts, only_quoted in ((quoted, True), (every, False)):
        preds = _relations([q for q in quotes if not only_quoted or q.kind in ("direct", "mixed")])
        counts.pred += len(preds)
        counts.right += sum(1 for r in preds if any(_cover_rel(t, r) > _COVER for t in toks))
        for g, t in zip(gold, toks, strict=True):
            if only_quoted and not g.quoted:
                continue
            counts.gold += 1
            best = max(preds, key=lambda r: _cover_rel(t, r), default=None)
            if best is None or _cover_rel(t, best) <= _COVER:
                continue
            counts.found += 1
            if g.source:
                counts.with_source += 1
                m = best.speaker_mention
                counts.speaker_right += bool(m and any(m.start < e and s < m.end for s, e in g.source))


def polnear_dev(corpus: Path, subset: int | None = None) -> tuple[Counts, Counts]:
    """Quotes on PolNeAR dev (or its first ``subset`` articles), text parsed as given."""
    from ..lang import resources
    from ..stages.nlp import load_model
    from ..stages.quotes import extract_quotes

    base = corpus / "quotes" / "polnear" / "data" / "dev"
    lang = resources("en")
    assert lang is not None  # English is one of veille's languages
    nlp, words = load_model(lang.spacy_model), lang.part("quotes")
    texts = sorted((base / "text").glob("*.txt"))[:subset]
    quoted, every = Counts(), Counts()
    for path, doc in zip(texts, nlp.pipe(p.read_text(encoding="utf-8") for p in texts), strict=True):
        anns = sorted((base / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        art = Article(id=path.stem, lang="en", text=doc.text)
        score_polnear_doc(doc.text, read_ann(anns[0]), extract_quotes(art, doc, words), quoted, every)
    return quoted, every


def _fold_tokens(s: str) -> list[str]:
    s = unicodedata.normalize("NFKC", s or "").lower().replace("’", "'")
    return re.findall(r"\w+", s)


def _shares(gold: str, pred: str) -> bool:
    g, p = set(_fold_tokens(gold)), set(_fold_tokens(pred))
    return bool(g and p) and len(g & p) >= len(g) / 2 and len(g & p) >= len(p) / 2


def _fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("’", "'")
    return re.sub(r"\s+", " ", s).strip().lower()


def _speaker_right(gold_q: dict, pred, art: Article, gold_names: dict[str, set[str]]) -> bool:
    if not gold_q.get("speaker"):
        return pred.speaker is None
    ent = art.entity(pred.speaker)
    if ent is None:
        return False
    want = gold_names.get(_fold(gold_q["speaker"]), set()) | {_fold(gold_q["speaker"])}
    return bool({_fold(n) for n in [ent.name, *ent.names]} & want)


def _statement_groups(preds) -> list[list]:
    """Predictions grouped by statement: a mixed quote and the quoted fragments inside it are one
    prediction ("said it was “likely”" holds the direct quote “likely”), as ``_relations`` groups them
    for PolNeAR; any other quote stands alone."""
    hosts = [q for q in preds if q.kind == "mixed"]
    groups: list[list] = []
    placed: set[int] = set()
    for h in sorted(hosts, key=lambda q: q.start - q.end):  # longest first
        if id(h) in placed:
            continue
        inner = [q for q in preds if q is not h and id(q) not in placed
                 and h.start <= q.start and q.end <= h.end]
        groups.append([h, *inner])
        placed |= {id(h)} | {id(q) for q in inner}
    groups += [[q] for q in preds if id(q) not in placed]
    return groups


def score_news_page(gold: dict, art: Article, counts: Counts) -> list[str]:
    """Add one dev-gold page's counts; return what it missed (for --verbose)."""
    names = {_fold(e["name"]): {_fold(s) for s in e.get("surface_forms", [])}
             for e in gold.get("entities", [])}
    preds = [q for q in art.quotes if q.kind in ("direct", "mixed")]
    groups = _statement_groups(preds)
    counts.pred += len(groups)
    counts.right += sum(1 for grp in groups
                        if any(_shares(g["text"], q.text) for q in grp for g in gold["quotes"]))
    missed = []
    for g in gold["quotes"]:
        counts.gold += 1
        hit = next((q for q in preds if _shares(g["text"], q.text)), None)
        if hit is None:
            missed.append(f"missed: {g['text'][:60]}")
            continue
        counts.found += 1
        counts.with_source += 1
        if _speaker_right(g, hit, art, names):
            counts.speaker_right += 1
        else:
            ent = art.entity(hit.speaker)
            who = ent.name if ent else hit.speaker
            said = hit.speaker_mention.text if hit.speaker_mention else None
            missed.append(f"speaker {who!r} (mention {said!r}) for {g.get('speaker')!r}: {g['text'][:40]}")
    return missed


def news_dev_gold(corpus: Path, analyze=None,
                  text_only: bool = False) -> tuple[dict[str, Counts], dict[str, list[str]]]:
    """Direct quotes and speakers on the dev-gold pages, per language (``text_only``: the plain-text
    renderings only, half the work, for quick gates)."""
    if analyze is None:
        from ..api_functions import analyze as analyze
    gold = [json.loads(line) for line in (corpus / "news" / "dev-gold.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    by_lang: dict[str, Counts] = {}
    misses = {}
    for g in gold:
        if text_only and not g["id"].endswith("-txt"):
            continue
        art = analyze(corpus / "news" / g["raw_file"])
        misses[g["id"]] = score_news_page(g, art, by_lang.setdefault(g["lang"], Counts()))
    return by_lang, misses


def evaluate(corpus: Path, subset: int | None = None, news: bool = True,
             polnear: bool = True) -> tuple[list[Row], dict[str, list[str]]]:
    rows: list[Row] = []
    misses: dict[str, list[str]] = {}
    if polnear:
        quoted, every = polnear_dev(corpus, subset)
        ds = "polnear/dev" + (f"[:{subset}]" if subset else "")
        rows += [Row(ds, "quoted-content F1", quoted.f1(), quoted.gold),
                 Row(ds, "speaker right", _ratio(quoted.speaker_right, quoted.with_source),
                     quoted.with_source),
                 Row(ds, "all attributions F1", every.f1(), every.gold),
                 Row(ds, "all speaker right", _ratio(every.speaker_right, every.with_source),
                     every.with_source)]
    if news:
        by_lang, misses = news_dev_gold(corpus)
        for lang, c in sorted(by_lang.items()):
            rows += [Row(f"news/dev-gold {lang}", "direct-quote F1", c.f1(), c.gold),
                     Row(f"news/dev-gold {lang}", "speaker accuracy", _ratio(c.speaker_right, c.found),
                         c.found)]
    return with_floors(NAME, rows), misses


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def corpus_sha1(corpus: Path) -> dict[str, str]:
    """Checksums of the gold data the floors were measured on: dev-gold and PolNeAR dev's annotations."""
    import hashlib

    dev = hashlib.sha1()
    base = corpus / "quotes" / "polnear" / "data" / "dev"
    for path in sorted(base.rglob("*")):
        if path.is_file():
            dev.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes())
    gold = hashlib.sha1((corpus / "news" / "dev-gold.jsonl").read_bytes())
    return {"news/dev-gold.jsonl": gold.hexdigest(), "quotes/polnear/data/dev": dev.hexdigest()}
