"""Re-ingest benchmark: ``veille ingest`` of the same pages twice into a fresh store. The second run must
analyse nothing (every page is "unchanged") and be at least 10× faster than the first.

    .venv/bin/python benchmarks/bench_reingest.py                 # the shared corpus' news pages and seed
    .venv/bin/python benchmarks/bench_reingest.py src/veille/examples --min-ratio 3

Both runs are the real executable in a subprocess (start-up, imports and model loading included, as a user
sees them). A third, in-process run counts the pages the pipeline was handed: it must be zero. Not collected
by pytest.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_INPUTS = [CORPUS / "news" / "pages", CORPUS / "news" / "pages-text", CORPUS / "seed" / "article.txt"]


def veille() -> list[str]:
    script = Path(sys.executable).with_name("veille")
    return [str(script)] if script.exists() else [sys.executable, "-m", "veille.cli.main"]


def timed_ingest(inputs: list[str], db: str) -> tuple[float, dict]:
    """Seconds of one ``veille ingest --json`` run, and its summary."""
    t0 = time.perf_counter()
    done = subprocess.run([*veille(), "ingest", "--json", "--db", db, *inputs], capture_output=True,
                          text=True, check=False)
    spent = time.perf_counter() - t0
    if done.returncode not in (0, 1):
        sys.exit(f"bench_reingest: veille ingest failed ({done.returncode}): {done.stderr.strip()}")
    return spent, json.loads(done.stdout)


def pages_analysed(inputs: list[str], db: str) -> int:
    """Ingest again in process, counting the pages handed to the pipeline's stages."""
    from veille.pipeline import Pipeline
    from veille.store import ingest_paths, open_store

    seen = 0
    run_batch = Pipeline._run_batch

    def counting(self, batch, *args):
        nonlocal seen
        seen += len(batch)
        return run_batch(self, batch, *args)

    Pipeline._run_batch = counting  # type: ignore[method-assign]
    try:
        with open_store(db) as store:
            ingest_paths(store, inputs)
    finally:
        Pipeline._run_batch = run_batch  # type: ignore[method-assign]
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", help="Pages (files or folders); default: the shared corpus.")
    parser.add_argument("--min-ratio", type=float, default=10.0, help="Fail below this speed-up.")
    args = parser.parse_args()
    inputs = args.inputs or [str(p) for p in DEFAULT_INPUTS if p.exists()]
    if not inputs:
        sys.exit("bench_reingest: no inputs (the shared corpus is absent; name some pages)")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "reingest.sqlite")
        first, s1 = timed_ingest(inputs, db)
        second, s2 = timed_ingest(inputs, db)
        analysed = pages_analysed(inputs, db)
    ratio = first / second
    print(f"pages: {s1['ingested']} ingested, {len(s1['failed'])} failed")
    print(f"first run   {first:7.2f} s  ({s1['ingested']} ingested)")
    print(f"second run  {second:7.2f} s  ({s2['unchanged']} unchanged, {s2['ingested']} ingested, "
          f"{s2['replaced']} replaced); pages analysed again: {analysed}")
    print(f"speed-up    {ratio:7.1f}×  (target ≥ {args.min_ratio:g}×)")
    ok = ratio >= args.min_ratio and analysed == 0 and s2["ingested"] == s2["replaced"] == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
