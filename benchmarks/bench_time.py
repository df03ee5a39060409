"""What the published and time stages cost per page, beside the spaCy parse.

Pages: the seed page and the 25 news pages of ../shared/corpus as HTML and as plain text, or the paths
given. Each page goes through the default pipeline stage by stage; the ``nlp``, ``published`` and ``time``
stages are timed ``--repeat`` times on the same Work and the median kept (models, patterns and dateparser's
locale data are warmed on a French and an English page before the clock starts). Not collected by pytest.
Run::

    .venv/bin/python benchmarks/bench_time.py [--repeat 3] [PATH...]
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from pathlib import Path

from veille.config import load_config
from veille.pipeline import Work
from veille.sources import read_sources
from veille.stages.registry import build_default

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TIMED = ("nlp", "published", "time")


def pages(paths: list[str]) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    news = CORPUS / "news"
    return [CORPUS / "seed" / "article.txt", *sorted((news / "pages").glob("*.html")),
            *sorted((news / "pages-text").glob("*.txt"))]


def time_page(path: Path, stages, config, repeat: int) -> dict[str, float] | None:
    """Median seconds of each timed stage on one page (None when the page cannot be read)."""
    src = next(read_sources([str(path)]))
    if not hasattr(src, "text"):
        return None
    work = Work.from_source(src, config)
    out: dict[str, float] = {}
    for stage in stages:
        if stage.name in TIMED:
            runs = []
            for _ in range(repeat):
                trial = copy.copy(work)
                trial.article = work.article.model_copy(deep=True)
                t = time.perf_counter()
                stage(trial)
                runs.append(time.perf_counter() - t)
            out[stage.name] = statistics.median(runs)
        try:
            work = stage(work)
        except Exception:  # a page the extractor refuses: not this benchmark's business
            return None
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    config = load_config()
    stages = build_default(config)
    todo = pages(args.paths)
    warm = {todo[0], *(next((p for p in todo if p.name.startswith(code)), todo[0]) for code in ("en", "fr"))}
    for page in warm:  # models, patterns and dateparser's locale data load on first use, per language
        time_page(page, stages, config, 1)
    rows = [r for r in (time_page(p, stages, config, args.repeat) for p in todo) if r]
    print(f"pages timed: {len(rows)} of {len(todo)}, median of {args.repeat} runs each")
    for name in TIMED:
        ms = [r[name] * 1000 for r in rows]
        print(f"{name:10} median {statistics.median(ms):8.2f} ms/page   max {max(ms):8.2f} ms   "
              f"total {sum(ms) / 1000:6.2f} s")
    ratio = [(r["published"] + r["time"]) / r["nlp"] for r in rows if r["nlp"] > 0]
    print(f"published + time as a share of the parse: median {statistics.median(ratio) * 100:.1f} %, "
          f"max {max(ratio) * 100:.1f} %")


if __name__ == "__main__":
    main()
