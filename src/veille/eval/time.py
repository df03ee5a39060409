"""``veille eval time``: time expressions and publication dates against the hand-made gold.

- **Time values** (news/dev-gold.jsonl, field ``timexes``; 5 pages, each as HTML and as plain text): a
  gold timex is *found* when a predicted timex's text equals it, contains it or lies inside it (after
  folding white space and apostrophes); its *value is right* when one of those has exactly the gold value.
  Accuracy counts the gold items that carry a value (``more than 50 years ago`` has none). The ``-txt``
  entries leave ``published`` null in the gold; veille anchors them on the date the page text shows
  ("Publié le 30 août 2023"), found by the ``published`` stage, exactly as for any unseen plain-text page.
- **Publication date** (news/README.md table, all 25 pages): right on the HTML and on the plain-text
  rendering; a page with no date found counts as a miss, and a wrong date is also counted on its own (a wrong
  date is worse than none).
- ``--baseline`` adds dateparser's ``search_dates`` anchored on the same dates, the off-the-shelf way.
- ``--agreement`` checks the date-line reader on unseen pages without date gold (ScrapingHub): how often the
  date line it reads agrees with the page's HTML metadata.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..record import Article
from .common import Row, with_floors

NAME = "time"


def fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", s).strip().lower()


@dataclass
class TimexScore:
    id: str
    lang: str
    found: int = 0
    right: int = 0
    with_value: int = 0
    gold: int = 0
    predicted: int = 0
    predicted_matching: int = 0
    misses: list[str] = field(default_factory=list)


def load_gold(corpus: Path) -> list[dict]:
    path = corpus / "news" / "dev-gold.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _matches(gold_text: str, pred_text: str) -> bool:
    g, p = fold(gold_text), fold(pred_text)
    return bool(p) and (g == p or g in p or p in g)


def score_timexes(gold: dict, predicted: list[tuple[str, str]]) -> TimexScore:
    """Score (text, value) predictions against one gold entry."""
    score = TimexScore(gold["id"], gold["id"][:2], gold=len(gold["timexes"]), predicted=len(predicted))
    for g in gold["timexes"]:
        hits = [v for t, v in predicted if _matches(g["text"], t)]
        score.found += bool(hits)
        if g.get("value") is not None:
            score.with_value += 1
            ok = g["value"] in hits
            score.right += ok
            if not ok:
                got = ", ".join(map(str, hits)) or "nothing"
                score.misses.append(f"{g['text']!r}={g['value']} (got {got})")
    score.predicted_matching = sum(any(_matches(g["text"], t) for g in gold["timexes"])
                                   for t, _ in predicted)
    return score


def _rows_for(label: str, scores: list[TimexScore]) -> list[Row]:
    rows = []
    for lang in ("fr", "en"):
        mine = [s for s in scores if s.lang == lang]
        n_val, n_gold, n_pred = (sum(s.with_value for s in mine), sum(s.gold for s in mine),
                                 sum(s.predicted for s in mine))
        rows.append(Row(f"news/dev-gold {lang}", f"{label}time value accuracy",
                        sum(s.right for s in mine) / max(n_val, 1), n_val))
        rows.append(Row(f"news/dev-gold {lang}", f"{label}timexes found",
                        sum(s.found for s in mine) / max(n_gold, 1), n_gold))
        rows.append(Row(f"news/dev-gold {lang}", f"{label}predictions in gold",
                        sum(s.predicted_matching for s in mine) / max(n_pred, 1), n_pred))
    return rows


def time_pipeline():
    """The stages the time expressions depend on, and nothing else: extraction, language, parse, publication
    date, time. Scores do not move when an unrelated stage changes (or breaks)."""
    from ..config import load_config
    from ..pipeline import Pipeline
    from ..stages.extract import Extract
    from ..stages.language import Language
    from ..stages.nlp import Nlp
    from ..stages.published import Published
    from ..stages.time import Time

    return Pipeline([Extract(), Language(), Nlp(), Published(), Time()], load_config())


def analyze_for_time(path: Path, published: str | None = None) -> Article:
    from ..sources import read_sources

    pipe = _PIPE.get("pipe") or _PIPE.setdefault("pipe", time_pipeline())
    outcome = next(pipe.run(read_sources([str(path)]), published=published))
    if outcome.error:
        raise outcome.error
    return outcome.article


_PIPE: dict = {}


def evaluate_timexes(corpus: Path, analyze=None, ids: set[str] | None = None
                     ) -> tuple[list[Row], list[TimexScore], list[Article]]:
    """Run the time stages on every dev-gold entry (or those in ``ids``) and score its timexes."""
    analyze = analyze or analyze_for_time
    scores, arts = [], []
    for g in load_gold(corpus):
        if ids is not None and g["id"] not in ids:
            continue
        art = analyze(corpus / "news" / g["raw_file"])
        arts.append(art)
        scores.append(score_timexes(g, [(t.text, t.value) for t in art.timexes]))
    return _rows_for("", scores), scores, arts


def baseline_rows(corpus: Path, arts: list[Article]) -> list[Row]:
    """dateparser's search_dates on the same bodies with the same anchors: the off-the-shelf assembly."""
    from datetime import datetime

    from dateparser.search import search_dates

    scores, days = [], []
    for g, art in zip(load_gold(corpus), arts, strict=True):
        settings: dict[str, object] = {"RETURN_AS_TIMEZONE_AWARE": False}
        if art.published:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(art.published[:10])
        found = search_dates(art.text, languages=[art.lang or "en"], settings=settings) or []
        predicted = [(t, d.date().isoformat()) for t, d in found]
        scores.append(score_timexes(g, predicted))
        day_items = [x for x in g["timexes"] if re.fullmatch(r"\d{4}-\d\d-\d\d", x["value"] or "")]
        days.append(score_timexes({**g, "timexes": day_items}, predicted))
    rows = _rows_for("dateparser: ", scores)
    # where dateparser measures well: days written as dates ("6 juillet", "Oct. 13")
    for lang in ("fr", "en"):
        mine = [s for s in days if s.lang == lang]
        n = sum(s.with_value for s in mine)
        rows.append(Row(f"news/dev-gold {lang}", "dateparser: day-date values",
                        sum(s.right for s in mine) / max(n, 1), n))
    return rows


def published_table(corpus: Path) -> dict[str, str]:
    """Page id -> publication date, from the table in news/README.md."""
    readme = (corpus / "news" / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| ((?:fr|en)\d\d) \|[^|]*\|[^|]*\| (\d{4}-\d\d-\d\d) \|", readme, re.M))


def evaluate_published(corpus: Path) -> tuple[list[Row], list[str]]:
    """Publication dates of the 25 pages, as HTML and as plain text (extraction stages only, no parse)."""
    from ..config import load_config
    from ..pipeline import Pipeline
    from ..sources import read_sources
    from ..stages.extract import Extract
    from ..stages.language import Language
    from ..stages.published import Published

    table = published_table(corpus)
    pipe = Pipeline([Extract(), Language(), Published()], load_config())
    rows, notes = [], []
    for folder, ext in (("pages", "html"), ("pages-text", "txt")):
        right = wrong = 0
        for page, want in sorted(table.items()):
            outcome = next(pipe.run(read_sources([str(corpus / "news" / folder / f"{page}.{ext}")])))
            got = (outcome.article.published or "")[:10] if outcome.article else ""
            right += got == want
            wrong += bool(got) and got != want
            if got != want:
                src = outcome.article.published_source if outcome.article else outcome.error
                notes.append(f"{folder}/{page}: {got or 'none'} ({src}), page says {want}")
        rows.append(Row(f"news/{folder}", "published right", right / len(table), len(table)))
        rows.append(Row(f"news/{folder}", "published not wrong", 1 - wrong / len(table), len(table)))
    return rows, notes


def date_line_agreement(corpus: Path) -> list[Row]:
    """Unseen pages without date gold (ScrapingHub, 181 English pages): how often the date line veille reads
    in the page agrees with the page's HTML metadata, the same day or within a day (time zones)."""
    import gzip

    from ..config import load_config
    from ..pipeline import Work
    from ..sources import source_from_text
    from ..stages.extract import Extract
    from ..stages.language import Language
    from ..stages.published.lines import date_line_near, visible_lines

    root = corpus / "extraction" / "scrapinghub"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    same = near = both = 0
    for path in sorted((root / "html").glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        url = truth.get(path.name.split(".")[0], {}).get("url")
        work = Work.from_source(source_from_text(path.name, html, kind="html", url=url), load_config())
        try:
            work = Language()(Extract()(work))
        except Exception:  # a page the extractor refuses is not scored here
            continue
        lines, body_at = visible_lines(work)
        found = date_line_near(lines, body_at, work.article.lang)
        if found and work.article.published:
            both += 1
            gap = abs((found - date.fromisoformat(work.article.published)).days)
            same += gap == 0
            near += gap <= 1
    return [Row("extraction/scrapinghub", "date line = HTML date", same / max(both, 1), both),
            Row("extraction/scrapinghub", "date line within a day", near / max(both, 1), both)]


def evaluate(corpus: Path, baseline: bool = False, agreement: bool = False
             ) -> tuple[list[Row], list[TimexScore], list[str]]:
    rows, scores, arts = evaluate_timexes(corpus)
    if baseline:
        rows += baseline_rows(corpus, arts)
    if agreement:
        rows += date_line_agreement(corpus)
    pub_rows, notes = evaluate_published(corpus)
    return with_floors(NAME, rows + pub_rows), scores, notes
