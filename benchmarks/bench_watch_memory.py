"""What a long ``veille watch`` leaves in memory: the growth of spaCy's string store (and the process's
peak resident memory) over a few hundred pages fetched from a local server, with each batch analysed
inside spaCy's memory zones (what ``veille.watch.Watcher`` does) and, for comparison, outside them (what it
did before).

    .venv/bin/python benchmarks/bench_watch_memory.py                # 300 pages, both modes
    .venv/bin/python benchmarks/bench_watch_memory.py --pages 600 --modes zones

The pages are invented French dispatches whose people, towns and firms are new on every page
(``tests/newsroom.py``: ``new_word_pages``), served by the tests' local newsroom on 127.0.0.1 and listed by
its RSS feed. Each mode runs in its own process: one watch round over the first batch loads the models,
then the string store and the resident memory are read, and again after every later round. Printed per
mode: strings added to the loaded models' string stores, the same per 100 pages, and the peak resident
memory's growth (MiB). Not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the local newsroom and its invented pages


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_mode(mode: str, n_pages: int, batch: int) -> dict:
    """One mode in this process: the growth of the string stores and of the peak memory."""
    from newsroom import Newsroom, Route, new_word_pages, rss
    from veille.fetch import Fetcher
    from veille.fetch.policy import FetchPolicy
    from veille.stages.nlp import _LOADED
    from veille.store import open_store
    from veille.watch import Watcher

    class PlainWatcher(Watcher):
        """The watcher as it was: the pipeline run outside memory zones."""

        def _analyse(self, sources):
            if self._pipeline is None:
                from veille.api_functions import _pipeline

                self._pipeline = _pipeline(self.config)
            return self._pipeline.run(sources)

    room = Newsroom().start()
    pages = new_word_pages(n_pages + batch)
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "w.sqlite")) as store:
        cls = Watcher if mode == "zones" else PlainWatcher
        watcher = cls(store, Fetcher(FetchPolicy(host_delay=0.0)), batch_size=batch)
        served: list[str] = []

        def serve(more: list[tuple[str, str]]) -> None:
            for slug, page in more:
                room.routes[f"/{slug}"] = Route(page.encode())
            served.extend(slug for slug, _ in more)
            room.routes["/feed.xml"] = Route(rss(room.base, served[-batch * 4:]), "application/rss+xml")

        serve(pages[:batch])
        from veille.watch import read_watch_inputs

        watcher.seed(read_watch_inputs([room.base + "/feed.xml"]))
        watcher.run_round()  # models loaded here
        models = dict(_LOADED)  # the models the first round loaded (French pages: the French one at least)
        start = {code: len(nlp.vocab.strings) for code, nlp in models.items()}
        rss0, cpu0 = _rss_mib(), time.process_time()
        for i in range(batch, n_pages + batch, batch * 4):
            serve(pages[i:i + batch * 4])
            watcher.run_round()
        room.stop()
        added = sum(len(nlp.vocab.strings) - start[code] for code, nlp in models.items())
        return {"mode": mode, "pages": watcher.summary.new - batch, "models": sorted(models),
                "strings": added, "per_100_pages": round(100 * added / max(1, n_pages), 1),
                "peak_rss_growth_mib": round(_rss_mib() - rss0, 1),
                "cpu_s": round(time.process_time() - cpu0, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=300, help="pages after the first batch (default 300)")
    ap.add_argument("--batch", type=int, default=16, help="the watcher's batch size (default 16)")
    ap.add_argument("--modes", default="plain,zones", help="comma-separated: plain (no zones), zones")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # a child process running one mode
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_mode(args.one, args.pages, args.batch)))
        return
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    print(f"{'mode':6} {'pages':>5} {'strings added':>13} {'/100 pages':>10} {'peak RSS +MiB':>13} "
          f"{'CPU s':>6}  models")
    for mode in args.modes.split(","):
        out = subprocess.run([sys.executable, __file__, "--one", mode, "--pages", str(args.pages), "--batch",
                              str(args.batch)], capture_output=True, text=True, env=env, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['mode']:6} {r['pages']:>5} {r['strings']:>13} {r['per_100_pages']:>10} "
              f"{r['peak_rss_growth_mib']:>13} {r['cpu_s']:>6}  {', '.join(r['models'])}")


if __name__ == "__main__":
    main()
