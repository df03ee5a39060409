"""Where the start-up of ``veille analyze`` on one small French page goes, phase by phase (issue 12 part 5).

    .venv/bin/python benchmarks/bench_startup.py                 # median of 3 fresh processes
    .venv/bin/python benchmarks/bench_startup.py --runs 5 PAGE   # another page, more runs

Each run is a fresh Python process that does what ``veille analyze --format json PAGE`` does, with the CPU
clock (``time.process_time``, this process only: other jobs on a shared machine do not count) read between
the phases: Python's own start, importing the command, building the pipeline (knowledge base, patterns),
and the first page through each stage (the nlp stage's first page includes loading the spaCy model, the
published stage's includes dateparser's first call). The sum is the CPU of the whole start-up; the wall
figure of ``bench_scale.py --only startup`` is the one the issue names, this script says where it goes.
Bytecode is kept in a folder of the bench's own (as an installed package ships it); the first run, which
compiles it and builds veille's per-machine caches when they are absent, is given apart.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news"

#: The program each fresh process runs: the phases of ``veille analyze --format json PAGE``.
CHILD = r"""
import json, sys, time
t = {"python": time.process_time()}
mark = time.process_time()
def phase(name):
    global mark
    now = time.process_time(); t[name] = now - mark; mark = now
import veille.cli.main
from veille.cli.main import _load_command
_load_command("analyze")
phase("import command")
from veille.api_functions import _default_pipeline
pipe = _default_pipeline()
phase("build pipeline")
from veille.sources import read_sources
for stage in pipe.stages:
    def timed(works, _pipe=stage.pipe, _name=stage.name):
        global mark
        mark = time.process_time()
        out = _pipe(works)
        phase("stage " + _name)
        return out
    stage.pipe = timed
outs = list(pipe.run(read_sources([sys.argv[1]], pipe.config.max_bytes)))
assert outs[0].article is not None, outs[0].error
mark = time.process_time()
json.dumps(outs[0].article.model_dump(mode="json"), ensure_ascii=False, indent=1)
phase("output")
t["total"] = time.process_time()
print(json.dumps(t))
"""


def small_french_page() -> str:
    """The page ``bench_scale.py --only startup`` uses: the smallest French page of the news corpus."""
    if not CORPUS.is_dir():
        sys.exit(f"bench_startup: the news pages were not found at {CORPUS}; pass a page path")
    pages = [p for folder in ("pages", "pages-text") for p in (CORPUS / folder).iterdir()
             if p.is_file() and p.name.startswith("fr")]
    return str(min(pages, key=lambda p: p.stat().st_size))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page", nargs="?", help="the page (default: the smallest French news page)")
    ap.add_argument("--runs", type=int, default=3, help="fresh processes after the first (median)")
    args = ap.parse_args()
    page = args.page or small_french_page()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = []
    with tempfile.TemporaryDirectory(prefix="veille-bench-pyc-") as pyc:
        env["PYTHONPYCACHEPREFIX"] = pyc
        for _ in range(args.runs + 1):
            out = subprocess.run([sys.executable, "-c", CHILD, page], env=env, check=True,
                                 capture_output=True, text=True).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
    first, rest = runs[0], runs[1:]
    print(f"start-up of `veille analyze --format json {Path(page).name}`: CPU seconds per phase, median of "
          f"{len(rest)} fresh processes (first run apart) [load {os.getloadavg()[0]:.2f}]")
    for name in rest[0]:
        med = statistics.median(r.get(name, 0.0) for r in rest)
        print(f"  {name:<22} {med:6.3f}   (first run {first.get(name, 0.0):6.3f})")


if __name__ == "__main__":
    main()
