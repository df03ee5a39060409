"""Knowledge-base load time and lookup speed (issue 4: "the KB loads in under 1 s").

Each load is measured in a fresh Python process (load_kb caches per process), after one warm-up run so
that the files are in the page cache; lookups are timed in-process. Run:

    .venv/bin/python benchmarks/bench_kb.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import Counter

_CHILD = """
import time
t0 = time.perf_counter()
from veille.kb import load_kb
t1 = time.perf_counter()
kb = load_kb()
t2 = time.perf_counter()
names = sum(1 for _ in kb.surface_names())
print(f"{t1 - t0:.4f} {t2 - t1:.4f} {len(kb)} {names}")
"""


def _load_once() -> tuple[float, float, int, int]:
    """(import seconds, load seconds, entities, surface names) from a fresh process."""
    out = subprocess.run([sys.executable, "-c", _CHILD], check=True, capture_output=True, text=True).stdout
    imported, loaded, entities, names = out.split()
    return float(imported), float(loaded), int(entities), int(names)


def _lookups_per_second(queries: list[str]) -> float:
    from veille.kb import load_kb

    kb = load_kb()
    start = time.perf_counter()
    for query in queries:
        kb.lookup(query)
    return len(queries) / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    _load_once()  # warm-up: page cache, .pyc files
    runs = [_load_once() for _ in range(args.runs)]
    imports, times = [r[0] for r in runs], [r[1] for r in runs]
    from veille.kb import load_kb

    kb = load_kb()
    counts = Counter(e.type for e in kb)
    queries = [name for name, _, _ in kb.surface_names()]
    rate = _lookups_per_second(queries * 3)
    print(f"entities                 {runs[0][2]}")
    print(f"surface names            {runs[0][3]}")
    print("per type                 " + ", ".join(f"{t} {n}" for t, n in sorted(counts.items())))
    print(f"load_kb() cold, median   {statistics.median(times) * 1000:.0f} ms  "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, {args.runs} fresh processes)")
    print(f"import veille.kb, median {statistics.median(imports) * 1000:.0f} ms  (whole veille package)")
    print(f"lookup()                 {rate:,.0f} lookups/s")
    total = statistics.median(t[0] + t[1] for t in runs)
    print(f"import + load, median    {total * 1000:.0f} ms; under 1 s: {'yes' if total < 1.0 else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
