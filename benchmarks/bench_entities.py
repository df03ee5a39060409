"""What the entity stage costs beside the spaCy parse (issue 4: "the entity stage adds at most 20 % to the
spaCy parse time"), plus the one-off costs: loading the KB and building its Aho-Corasick matcher.

Pages: the seed page and the 25 plain-text news pages of ../shared/corpus (their clean text, as the
extractor leaves it), or the paths given. For each page the parse (``nlp(text)``) and the entity stage
(``find_mentions`` + ``build_records`` on that parse) are timed ``--repeat`` times and the median kept;
models, KB and matcher are loaded and warmed before the clock starts. Not collected by pytest. Run::

    .venv/bin/python benchmarks/bench_entities.py [--repeat 3] [PATH...]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

_CHILD = """
import time
t0 = time.perf_counter()
from veille.kb import load_kb
kb = load_kb()
t1 = time.perf_counter()
from veille.stages.entities.matcher import matcher_for
m = matcher_for(kb)
t2 = time.perf_counter()
print(f"{t1 - t0:.4f} {t2 - t1:.4f} {len(kb)} {m.size}")
"""


def one_off_costs(runs: int = 3) -> tuple[float, float, int, int]:
    """Median KB load and matcher build time, each in a fresh process (both are cached per process)."""
    loads, builds = [], []
    for _ in range(runs + 1):  # the first run warms the page cache
        out = subprocess.run([sys.executable, "-c", _CHILD], check=True, capture_output=True, text=True)
        load, build, n, size = out.stdout.split()
        loads.append(float(load))
        builds.append(float(build))
    return statistics.median(loads[1:]), statistics.median(builds[1:]), int(n), int(size)


def pages(paths: list[str]) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    return [CORPUS / "seed" / "article.txt", *sorted((CORPUS / "news" / "pages-text").glob("*.txt"))]


def _median_time(repeat: int, fn, *args) -> float:
    """Median wall time of ``fn(*args)`` over ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _entity_stage(doc, words, kb, lang, published, small):
    from veille.stages.entities import build_records, find_mentions

    return build_records(find_mentions(doc, words, kb, lang, published, small), kb)


def measure(files: list[Path], repeat: int) -> list[tuple[str, int, float, float]]:
    """(page, characters, parse seconds, entity-stage seconds) for each page veille has a model for."""
    import veille
    from veille.kb import load_kb
    from veille.lang import resources
    from veille.stages.nlp import load_model

    kb = load_kb()
    rows = []
    for f in files:
        art = veille.analyze(f)
        res = resources(art.lang)
        if res is None or not art.text:
            continue
        nlp, words = load_model(res.spacy_model), res.part("entities")
        doc = nlp(art.text)
        args = (doc, words, kb, art.lang, art.published, res.function_words)
        _entity_stage(*args)  # warm-up
        parse = _median_time(repeat, nlp, art.text)
        ents = _median_time(repeat, _entity_stage, *args)
        rows.append((f.name, len(art.text), parse, ents))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    load, build, n, size = one_off_costs()
    rows = measure(pages(args.paths), args.repeat)
    parse = sum(r[2] for r in rows)
    ents = sum(r[3] for r in rows)
    ratios = [r[3] / r[2] for r in rows if r[2] > 0]
    print(f"KB load (fresh process, median)      {load * 1000:8.1f} ms   ({n} entities)")
    print(f"matcher build (once per process)     {build * 1000:8.1f} ms   ({size} folded names)")
    print(f"pages                                {len(rows):8d}      ({sum(r[1] for r in rows)} characters)")
    print(f"spaCy parse, total of medians        {parse * 1000:8.1f} ms")
    print(f"entity stage, total of medians       {ents * 1000:8.1f} ms")
    print(f"entity stage / parse (all pages)     {100 * ents / parse:8.1f} %")
    print(f"entity stage / parse (median page)   {100 * statistics.median(ratios):8.1f} %")
    print(f"entity stage / parse (worst page)    {100 * max(ratios):8.1f} %")


if __name__ == "__main__":
    main()
