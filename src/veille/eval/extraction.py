"""``veille eval extraction``: how well the HTML path keeps the article body and drops the rest.

Two public benchmarks, read in place from ``../shared/corpus/extraction``:

* ScrapingHub's article-extraction benchmark (181 English-dominated pages with hand-made bodies), scored
  with ScrapingHub's own shingle F1 (see :func:`shingle_counts`);
* trafilatura's evaluation pages in French (26 pages, each with segments that must and must not be in the
  body), scored with its segment F1 (see :func:`segment_counts`).

veille's extractor (``veille.stages.extract.html.extract_html``) is scored beside trafilatura alone, with
its default settings and with ``favor_precision``, so the table shows whether veille's choices beat the
library it builds on. Pages are extracted over a small process pool.

>>> shingle_counts("a b c d e", "a b c d")
(1, 0, 1)
"""

from __future__ import annotations

import gzip
import hashlib
import json
import multiprocessing
import random
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from ..errors import InputError
from ..sources import decode_bytes
from ..stages.extract.html import extract_html
from .common import Row, with_floors

NAME = "extraction"
_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


# ---------------------------------------------------------------- metrics


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of the n-token shingles of ``text`` (``\\w+`` tokens, case kept).

    As in ScrapingHub's evaluation, a text shorter than ``n`` tokens is one shingle of all its tokens,
    and a text without tokens has none.
    """
    tokens = _TOKEN.findall(text or "")
    grams = (tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_counts(truth: str, predicted: str | None) -> tuple[int, int, int]:
    """(TP, FP, FN) of one document: overlap of the shingle multisets, extra predicted, missing."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    return tp, sum(got.values()) - tp, sum(want.values()) - tp


@dataclass
class Scores:
    """Precision, recall and F1 of one system on one data set."""

    precision: float
    recall: float
    f1: float
    n: int


def shingle_scores(counts: Iterable[tuple[int, int, int]]) -> Scores:
    """ScrapingHub's corpus scores: precision and recall averaged over documents (a document with an
    empty prediction is left out of precision and counts 0 recall), then F1 of the two averages."""
    precisions, recalls = [], []
    for tp, fp, fn in counts:
        if tp + fp:
            precisions.append(tp / (tp + fp))
        recalls.append(tp / (tp + fn) if tp + fn else 0.0)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return Scores(p, r, 2 * p * r / (p + r) if p + r else 0.0, len(recalls))


def _normalise(text: str) -> str:
    return " ".join(text.split())


def segment_counts(predicted: str | None, must: list[str], must_not: list[str]) -> tuple[int, int, int, int]:
    """(TP, FN, FP, TN) of one trafilatura-eval page: ``must`` segments found or missing, ``must_not``
    segments found or absent; whitespace-normalised substring match. No output (a crash) misses every
    ``must`` segment and finds no ``must_not`` segment, as in trafilatura's own evaluation."""
    if predicted is None:
        return 0, len(must), 0, len(must_not)
    text = _normalise(predicted)
    found = sum(1 for s in must if _normalise(s) in text)
    leaked = sum(1 for s in must_not if _normalise(s) in text)
    return found, len(must) - found, leaked, len(must_not) - leaked


def segment_scores(counts: Iterable[tuple[int, int, int, int]]) -> Scores:
    """Micro-averaged precision, recall and F1 = 2TP / (2TP + FP + FN) over all segments."""
    tp = fn = fp = pages = 0
    for a, b, c, _ in counts:
        tp, fn, fp, pages = tp + a, fn + b, fp + c, pages + 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return Scores(p, r, 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0, pages)


# ---------------------------------------------------------------- systems


def _veille(html: str) -> str | None:
    try:
        return extract_html("<eval>", html).text
    except InputError:
        return ""


def _trafilatura(favor_precision: bool) -> Callable[[str], str | None]:
    """trafilatura alone. Comments are left out, as in the figures the corpus README gives (0.960 / 0.964):
    neither benchmark counts reader comments as part of the article."""
    def run(html: str) -> str | None:
        return trafilatura.extract(html, favor_precision=favor_precision, include_comments=False) or ""
    return run


#: The extractors compared, by the name printed in the table ("traf." is trafilatura alone).
SYSTEMS: dict[str, Callable[[str], str | None]] = {
    "veille": _veille,
    "traf. default": _trafilatura(False),
    "traf. precision": _trafilatura(True),
}


# ---------------------------------------------------------------- data


@dataclass
class Page:
    """One benchmark page: where its HTML is and what a right extraction holds."""

    key: str
    path: Path
    truth: str = ""
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()


def read_html(path: Path) -> str:
    """The page's HTML, gunzipped when needed and decoded with veille's own decoder."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return decode_bytes(str(path), data)[0]


def scrapinghub_pages(corpus: Path, limit: int | None = None) -> list[Page]:
    """The ScrapingHub pages in id order (the first ``limit`` of them when given)."""
    folder = corpus / "extraction" / "scrapinghub"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit]
    return [Page(k, folder / "html" / f"{k}.html.gz", truth=truth[k]["articleBody"]) for k in keys]


def french_pages(corpus: Path) -> list[Page]:
    """trafilatura-eval's French pages with their must / must-not segments."""
    folder = corpus / "extraction" / "trafilatura-eval"
    gold = json.loads((folder / "evaldata-fr.json").read_text(encoding="utf-8"))
    return [Page(url, folder / "html" / item["file"], must=tuple(item["with"]),
                 must_not=tuple(item["without"])) for url, item in sorted(gold.items())]


def corpus_sha1(corpus: Path) -> str:
    """Checksum of the gold files scored, kept beside the floors so a changed corpus is visible."""
    h = hashlib.sha1()
    for rel in ("extraction/scrapinghub/ground-truth.json", "extraction/trafilatura-eval/evaldata-fr.json"):
        h.update((corpus / rel).read_bytes())
    return h.hexdigest()


# ---------------------------------------------------------------- running


Outputs = list[dict[str, str | None]]


def _extract_all(task: tuple[Path, tuple[str, ...]]) -> dict[str, str | None]:
    """The chosen systems' texts for one page (run in a worker process)."""
    path, systems = task
    html = read_html(path)
    return {name: SYSTEMS[name](html) for name in systems}


def extract_pages(pages: list[Page], systems: tuple[str, ...] = tuple(SYSTEMS),
                  processes: int = 2) -> Outputs:
    """Every chosen system's output for every page, in page order."""
    tasks = [(p.path, systems) for p in pages]
    if processes <= 1:
        return [_extract_all(t) for t in tasks]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return pool.map(_extract_all, tasks, chunksize=2)


def _rows(dataset: str, metric: str, scores: dict[str, Scores]) -> list[Row]:
    rows = [Row(dataset, f"{metric} {name}", s.f1, s.n) for name, s in scores.items()]
    if "veille" in scores:
        v = scores["veille"]
        rows += [Row(dataset, "precision veille", v.precision, v.n),
                 Row(dataset, "recall veille", v.recall, v.n)]
    return rows


def score_scrapinghub(pages: list[Page], outputs: Outputs) -> dict[str, Scores]:
    """Shingle scores of each system present in ``outputs``."""
    names = outputs[0].keys() if outputs else ()
    return {name: shingle_scores(shingle_counts(p.truth, o[name])
                                 for p, o in zip(pages, outputs, strict=True))
            for name in names}


def score_french(pages: list[Page], outputs: Outputs) -> dict[str, Scores]:
    """Segment scores of each system present in ``outputs``."""
    names = outputs[0].keys() if outputs else ()
    return {name: segment_scores(segment_counts(o[name], list(p.must), list(p.must_not))
                                 for p, o in zip(pages, outputs, strict=True))
            for name in names}


def bootstrap_gap(pages: list[Page], outputs: Outputs, a: str, b: str,
                  rounds: int = 1000) -> tuple[float, float]:
    """Shingle F1 of ``a`` minus that of ``b``, and the standard deviation of that gap over ``rounds``
    paired bootstrap resamples of the documents (ScrapingHub reports its ± the same way): a gap smaller
    than about two deviations is not a measured difference."""
    counts = [(shingle_counts(p.truth, o[a]), shingle_counts(p.truth, o[b]))
              for p, o in zip(pages, outputs, strict=True)]
    gap = shingle_scores(c for c, _ in counts).f1 - shingle_scores(c for _, c in counts).f1
    rng = random.Random(0)
    gaps = []
    for _ in range(rounds):
        sample = rng.choices(counts, k=len(counts))
        gaps.append(shingle_scores(c for c, _ in sample).f1 - shingle_scores(c for _, c in sample).f1)
    return gap, statistics.pstdev(gaps)


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def shingle_misses(pages: list[Page], outputs: Outputs, against: str, limit: int = 10) -> list[str]:
    """The pages where veille's shingle F1 falls furthest below ``against``'s, worst first."""
    gaps = []
    for p, o in zip(pages, outputs, strict=True):
        mine, theirs = _f1(*shingle_counts(p.truth, o["veille"])), _f1(*shingle_counts(p.truth, o[against]))
        if theirs - mine > 0.02:
            gaps.append((theirs - mine, f"{p.path.name[:16]}  veille {mine:.3f}  {against} {theirs:.3f}"))
    return [line for _, line in sorted(gaps, reverse=True)[:limit]]


def segment_misses(pages: list[Page], outputs: Outputs) -> list[str]:
    """For each French page, the segments veille's body lacks or wrongly holds."""
    lines = []
    for p, o in zip(pages, outputs, strict=True):
        text = _normalise(o["veille"] or "")
        lost = [s for s in p.must if _normalise(s) not in text]
        leaked = [s for s in p.must_not if _normalise(s) in text]
        if lost or leaked:
            lines.append(f"{p.path.name}: lost {lost} leaked {leaked}")
    return lines


@dataclass
class Report:
    """The table's rows, and (when veille was scored) where it misses."""

    rows: list[Row]
    misses: list[str]


def report(corpus: Path, subset: int | None = None, systems: tuple[str, ...] = tuple(SYSTEMS),
           processes: int = 2) -> Report:
    """Extract every page with every chosen system and score them. With ``subset``, only the first
    ``subset`` ScrapingHub pages are scored (the data set is then named ``scrapinghub[:N]`` and has floors
    of its own, for the quick test gate)."""
    unknown = sorted(set(systems) - set(SYSTEMS))
    if unknown:
        raise ValueError(f"unknown extractors {unknown}; known: {sorted(SYSTEMS)}")
    sh = scrapinghub_pages(corpus, subset)
    fr = french_pages(corpus)
    outputs = extract_pages(sh + fr, systems, processes)
    sh_out, fr_out = outputs[:len(sh)], outputs[len(sh):]
    sh_name = f"scrapinghub[:{subset}]" if subset else "scrapinghub"
    rows = _rows(sh_name, "shingle F1", score_scrapinghub(sh, sh_out))
    if {"veille", "traf. precision"} <= set(systems):
        gap, sd = bootstrap_gap(sh, sh_out, "veille", "traf. precision")
        rows += [Row(sh_name, "veille - traf. precision", gap, len(sh)),
                 Row(sh_name, "  bootstrap sd of that gap", sd, len(sh))]
    rows += _rows("trafilatura-eval fr", "segment F1", score_french(fr, fr_out))
    misses: list[str] = []
    if "veille" in systems:
        against = "traf. precision" if "traf. precision" in systems else None
        misses = (shingle_misses(sh, sh_out, against) if against else []) + segment_misses(fr, fr_out)
    return Report(with_floors(NAME, rows), misses)


def evaluate(corpus: Path, subset: int | None = None, systems: tuple[str, ...] = tuple(SYSTEMS),
             processes: int = 2) -> list[Row]:
    """The table's rows (see :func:`report`)."""
    return report(corpus, subset, systems, processes).rows
