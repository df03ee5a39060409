"""trafilatura's fast path with veille's guard against its full path: same bodies, less CPU?

Not collected by pytest. Run it from the repository root::

    .venv/bin/python benchmarks/bench_extract_guard.py              # every HTML page of ../shared/corpus
    .venv/bin/python benchmarks/bench_extract_guard.py PAGE.html... # or these pages

For each page, trafilatura's body (as ``veille.stages.extract.main_text`` asks for it: precision, no
comments) is extracted three ways from one parse: the full path (readability/jusText comparison), the fast
path alone, and the guarded path veille runs (fast, then full when :func:`main_text.doubt` says so). It
prints the CPU seconds of each (``time.process_time``, summed over the pages), how many pages the guard
sent to the full path and why, how many fast bodies differ from the full ones, and — the figure that must
stay 0 — how many guarded bodies differ from the full ones (listed by name). Pages are taken in the same
order each time, each path timed on the same page one after the other, so the load hits all three alike.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def corpus_pages() -> list[Path]:
    found = [p for folder in ("extraction/scrapinghub/html", "extraction/trafilatura-eval/html", "news/pages")
             for p in sorted((CORPUS / folder).glob("*.htm*"))]
    if not found:
        sys.exit(f"bench_extract_guard: no HTML pages under {CORPUS}; pass page paths")
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="HTML pages (default: the corpus's)")
    args = parser.parse_args(argv)
    from trafilatura.utils import load_html

    from veille.eval.extraction import read_html
    from veille.stages.extract import main_text as guard
    from veille.stages.extract.html import _parse, _too_deep
    from veille.stages.extract.visible_text import visible_lines

    cpu: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    fast_differs, guarded_differs, pages = 0, [], 0
    for path in args.paths or corpus_pages():
        html = read_html(path)
        tree = _parse(html)
        if tree is not None and _too_deep(tree):
            continue  # flattened pages are rare; the comparison keeps to pages read as they are
        page = load_html(html)
        if tree is None or page is None:
            continue
        pages += 1
        visible = visible_lines(tree)
        texts = {}
        for name in ("full", "fast", "guarded"):
            t0 = time.process_time()
            doc = _body(name, path.name, page, visible)
            cpu[name] += time.process_time() - t0
            texts[name] = (doc.text or "") if doc is not None else ""
        reason = guard.doubt(guard._run(path.name, page, None, True, fast=True), visible)
        reasons[reason or "not doubted"] += 1
        fast_differs += texts["fast"] != texts["full"]
        if texts["guarded"] != texts["full"]:
            guarded_differs.append(path.name)
    print(f"{pages} HTML pages, CPU seconds [load {os.getloadavg()[0]:.2f}]")
    for name in ("full", "fast", "guarded"):
        print(f"  {name:8} {cpu[name]:7.2f}  ({cpu[name] / cpu['full']:.3f} x full)")
    print("guard:", ", ".join(f"{k} {v}" for k, v in reasons.most_common()))
    print(f"fast body differs from the full path's on {fast_differs} pages; guarded body differs on "
          f"{len(guarded_differs)}{': ' + ', '.join(guarded_differs) if guarded_differs else ''}")


def _body(how: str, name: str, page, visible: list[str]):
    from veille.stages.extract import main_text as guard

    if how == "guarded":
        return guard.main_text(name, page, None, True, visible)
    return guard._run(name, page, None, True, fast=how == "fast")


if __name__ == "__main__":
    main()
