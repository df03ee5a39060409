"""Speed at scale, in one run: veille against the bare spaCy parse of the same texts, start-up for one small
French page, memory per worker over many pages, 2 workers against 1, and Ray (local) 2 workers against 1.

Not collected by pytest. Run it from the repository root::

    .venv/bin/python benchmarks/bench_scale.py                       # every row, the corpus's news pages
    .venv/bin/python benchmarks/bench_scale.py --only parse,startup  # some rows
    .venv/bin/python benchmarks/bench_scale.py --pages 1000          # pages repeated up to 1,000
    .venv/bin/python benchmarks/bench_scale.py --only memory --memory-pages 1000   # one worker's memory

Targets (issue 12): parse ratio >= 0.85 (veille's rate / the bare parse's rate), start-up < 3 s, a worker
under 1 GiB that does not grow, 2 workers >= 1.7x one, Ray 2 >= 1.7x one. Each row prints the machine's
load average when it was measured: on a shared machine a figure means little without it.

- **parse**: in one process, after a warm-up, passes alternate (veille, bare parse, veille, ...) over the
  same pages; the bare parse is ``spacy.load(model).pipe`` over the texts veille extracted, with the model
  veille picks for each page's language. CPU seconds (``time.process_time``), the median pair's ratio.
  veille's nlp stage does the models' matrix products with numpy's BLAS on one thread
  (``stages/blas_ops.py``), spaCy's stock parse with blis: the row also gives the ratio against a bare
  parse given the same products, so the lead that one change buys stays in view.
- **startup**: ``veille analyze --format json`` on the smallest French page, a fresh process each
  time: wall and CPU seconds, the median of three after a first run (given apart: it compiles the
  bytecode and builds veille's caches when they are absent).
- **workers**: pages per second through ``veille.parallel`` with 1 and with 2 workers, counted from the
  first page back to the last (model loading in the workers is start-up, measured apart), in batches of
  ``--batch`` pages so that pages come back steadily; each worker's resident memory after its first batch
  and at its peak. On a shared machine the wall rates depend on what else runs, so the row also gives
  CPU seconds per page — in the workers (their own clocks, after their first batch) and in the parent
  (handing out, reading back): with 2 workers on 2 free cores the speed-up is about
  ``2 × cpu1 / (cpu2 + parent)``; a parent or a per-page cost that grows with workers is what serialises.
- **memory**: one worker over ``--pages`` pages, its resident memory every 100 pages (target: under
  1 GiB and flat: the last figure within 5 % of the one after the first 100 pages).
- **ray**: the same through ``veille.engine`` on a local Ray cluster with 1 and with 2 actors, from the
  actors' own clocks: each actor's steady rate (pages after its first batch over the wall seconds from
  its first batch's end to its last's) and CPU per page, the idle tail (one actor done, the other still
  working), the driver's CPU and Ray's own processes' CPU per page; the 2-over-1 speed-up from the steady
  rates, the whole run's beside it (start-up given apart), and ``2 × cpu1 / (cpu2 + overhead2)``, what
  two free cores would give. On a quiet machine::

      .venv/bin/python benchmarks/bench_scale.py --only ray --pages 200
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from itertools import cycle, islice
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news"
ROWS = ("parse", "startup", "workers", "memory", "ray")


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def default_paths() -> list[str]:
    if not CORPUS.is_dir():
        sys.exit(f"bench_scale: the news pages were not found at {CORPUS}; pass page paths")
    return sorted(str(p) for folder in ("pages", "pages-text") for p in (CORPUS / folder).iterdir()
                  if p.is_file())


# ---------------------------------------------------------------- veille against the bare parse


def bench_parse(paths: list[str], repeat: int) -> str:
    import spacy

    from veille.config import load_config
    from veille.lang import resources
    from veille.pipeline import build_pipeline
    from veille.sources import read_sources
    from veille.stages.blas_ops import one_blas_thread, use_numpy_blas

    config = load_config()
    pipe = build_pipeline(config)

    def veille_pass() -> list:
        return [o.article for o in pipe.run(read_sources(paths, config.max_bytes)) if o.article]

    articles = veille_pass()  # warm-up: models loaded, caches filled
    by_model: dict[str, list[str]] = {}
    for art in articles:
        res = resources(art.lang)
        if res is not None:
            by_model.setdefault(res.spacy_model, []).append(art.text)
    bare = {name: spacy.load(name) for name in by_model}
    same_ops = {name: spacy.load(name) for name in by_model}  # veille's matrix products (blas_ops)
    for nlp in same_ops.values():
        use_numpy_blas(nlp)

    def parse_pass(models: dict) -> None:
        for name, texts in by_model.items():
            for _ in models[name].pipe(texts, batch_size=config.batch_size):
                pass

    def same_ops_pass() -> None:
        with one_blas_thread():
            parse_pass(same_ops)

    parse_pass(bare)
    same_ops_pass()
    ratios, mine, theirs, ops_ratios = [], [], [], []
    for _ in range(repeat):
        t0 = time.process_time()
        veille_pass()
        t1 = time.process_time()
        parse_pass(bare)
        t2 = time.process_time()
        same_ops_pass()
        t3 = time.process_time()
        mine.append(t1 - t0)
        theirs.append(t2 - t1)
        ratios.append((t2 - t1) / (t1 - t0))
        ops_ratios.append((t3 - t2) / (t1 - t0))
    return (f"parse    {len(paths)} pages ×{repeat}: veille {statistics.median(mine):.2f} s CPU, bare parse "
            f"{statistics.median(theirs):.2f} s; veille's rate / the parse's = "
            f"{statistics.median(ratios):.3f} (target >= 0.85); against the same parse given veille's "
            f"matrix products (numpy BLAS, one thread) {statistics.median(ops_ratios):.3f} [{load()}]")


# ---------------------------------------------------------------- start-up


def bench_startup(paths: list[str]) -> str:
    """A fresh process per run, as a user gets it: Python may keep the bytecode it compiles (the bench's
    own environment may forbid it; an installed package ships it), in a folder of its own so the
    checkout stays clean. The first run (bytecode compiled, veille's caches built if absent) is given
    apart; then the median of three, in wall seconds and in CPU seconds (the children's user + system)."""
    import resource
    import tempfile

    french = sorted((p for p in paths if Path(p).name.startswith("fr")), key=lambda p: Path(p).stat().st_size)
    page = french[0] if french else paths[0]
    cmd = [sys.executable, "-m", "veille.cli.main", "analyze", "--format", "json", page]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    walls, cpus = [], []
    with tempfile.TemporaryDirectory(prefix="veille-bench-pyc-") as pyc:
        env["PYTHONPYCACHEPREFIX"] = pyc
        for _ in range(4):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            walls.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return (f"startup  {Path(page).name} ({Path(page).stat().st_size:,} bytes): "
            f"{statistics.median(walls[1:]):.2f} s wall, {statistics.median(cpus[1:]):.2f} s CPU "
            f"(median of 3; target < 3 s); first run {walls[0]:.2f} s wall, {cpus[0]:.2f} s CPU [{load()}]")


# ---------------------------------------------------------------- workers (processes) and Ray


def _timed_from_first(outcomes) -> tuple[int, float]:
    """(pages after the first one back, seconds from the first page back to the last)."""
    it = iter(outcomes)
    next(it)
    t0 = time.perf_counter()
    n = sum(1 for _ in it)
    return n, time.perf_counter() - t0


def bench_workers(paths: list[str], pages: int, batch: int) -> list[str]:
    from veille.config import load_config
    from veille.parallel import WorkerMemory, _in_workers
    from veille.sources import read_sources

    config = load_config(batch_size=batch)
    todo = list(islice(cycle(paths), pages))
    rows, rates, cpu_page = [], {}, {}
    for workers in (1, 2):
        memory = WorkerMemory()
        outs = _in_workers(config, read_sources(todo, config.max_bytes), workers, None, None, memory)
        parent0 = time.process_time()
        n, secs = _timed_from_first(outs)
        parent = (time.process_time() - parent0) / max(n, 1)
        rates[workers] = n / secs
        cpu_page[workers] = memory.steady_cpu_per_page()
        rows.append(f"workers  {workers}: {pages} pages, {rates[workers]:.2f} pages/s; CPU per page after "
                    f"the first batch: workers {cpu_page[workers]:.3f} s, parent {parent:.3f} s; "
                    f"{memory.summary()} [{load()}]")
    rows.append(f"workers  2 against 1: {rates[2] / rates[1]:.2f}x wall (target >= 1.7x); CPU per page "
                f"2 workers / 1: {cpu_page[2] / cpu_page[1]:.2f}")
    return rows


def bench_memory(paths: list[str], pages: int, batch: int) -> list[str]:
    """One worker over ``pages`` pages: its resident memory every 100 pages."""
    from veille.config import load_config
    from veille.parallel import WorkerMemory, _in_workers
    from veille.sources import read_sources

    config = load_config(batch_size=batch)
    memory = WorkerMemory()
    todo = list(islice(cycle(paths), pages))
    for _ in _in_workers(config, read_sources(todo, config.max_bytes), 1, None, None, memory):
        pass
    marks, next_mark = [], 100
    for _, done, rss in memory.trace:
        if done >= next_mark or done == pages:
            marks.append((done, rss))
            next_mark = (done // 100 + 1) * 100
    after_100 = marks[0][1] if marks else 0.0
    growth = (marks[-1][1] - after_100) / after_100 if after_100 else 0.0
    trail = ", ".join(f"{done}: {rss:.0f}" for done, rss in marks)
    return [f"memory   1 worker, {pages} pages, resident MiB by pages done: {trail}",
            f"memory   peak {max(m for _, _, m in memory.trace):.0f} MiB (target < 1024), last / after 100 "
            f"pages {growth:+.1%} (target: flat, within 5 %) [{load()}]"]


def bench_ray(paths: list[str], pages: int, batch: int) -> list[str]:
    """Measured like the workers row, from the actors' own clocks: each actor reports, with every batch,
    its CPU seconds and its wall time, so its steady rate is the pages after its first batch over the wall
    seconds from the end of its first batch to the end of its last (its start — process, models — is left
    out, whatever else the machine runs). The 2-over-1 speed-up is the ratio of the steady rates (the sum
    of the actors'); beside it, the whole run timed from the call (start-up given apart), the driver's
    CPU and Ray's own processes' CPU (raylet, GCS, agents, reading tasks), and the estimate for two free
    cores ``2 × cpu1 / (cpu2 + overhead2)``, overhead being the driver's and Ray's processes' CPU per
    page in the 2-actor run; and, as that overhead mostly runs by the second (it swells per page when a
    loaded machine stretches the run), ``(2 - overhead cores) × cpu1 / cpu2``."""
    try:
        from veille.engine import ray_records
    except ImportError as err:
        return [f"ray      not measured: {err}"]
    import ray

    from veille.config import load_config

    config = load_config(batch_size=batch)
    todo = list(islice(cycle(paths), pages))
    rows: list[str] = []
    runs = {}
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        for workers in (1, 2):
            runs[workers] = _RayRun.measure(ray_records, todo, workers, config)
            rows += runs[workers].lines()
    finally:
        ray.shutdown()
    one, two = runs[1], runs[2]
    estimate = 2 * one.actor_cpu / (two.actor_cpu + two.overhead)
    # most of the overhead (Ray Data's polling, its helper actors, raylet) runs by the second, not by the
    # page: on a loaded machine a run lasts longer and its per-page share swells; as cores it does not
    cores = (two.overhead * two.pages) / two.secs
    by_cores = (2 - cores) * one.actor_cpu / two.actor_cpu
    rows.append(f"ray      2 against 1: {two.steady / one.steady:.2f}x steady (target >= 1.7x); whole run "
                f"{two.whole / one.whole:.2f}x with start-up; on two free cores 2 × cpu1 / (cpu2 + "
                f"overhead2) = 2 × {one.actor_cpu:.3f} / ({two.actor_cpu:.3f} + {two.overhead:.3f}) = "
                f"{estimate:.2f}x; the overhead as cores ({cores:.2f} of a core busy with it): "
                f"(2 - {cores:.2f}) × cpu1 / cpu2 = {by_cores:.2f}x")
    return rows


class _RayRun:
    """One run of ``ray_records`` over the pages: the actors' clocks, the whole run's wall time, the
    driver's CPU and Ray's processes' CPU."""

    def __init__(self, workers: int, pages: int, secs: float, driver: float, ray_cpu: dict[str, float],
                 memory, wall0: float):
        self.workers, self.pages, self.secs, self.driver, self.ray_cpu = workers, pages, secs, driver, ray_cpu
        self.clocks = memory.steady()
        self.steady = memory.steady_rate()
        self.actor_cpu = memory.steady_cpu_per_page()
        ends = [memory.wall[c.pid][1] for c in self.clocks]
        self.tail = max(ends) - min(ends)  # one actor done, another still at work
        self.started = min(memory.wall[c.pid][0] for c in self.clocks) - wall0  # to the first batch done
        self.whole = pages / secs
        self.overhead = (driver + sum(ray_cpu.values())) / pages

    @classmethod
    def measure(cls, ray_records, todo: list[str], workers: int, config) -> _RayRun:
        from veille.parallel import WorkerMemory

        memory = WorkerMemory()
        before = _ray_processes_cpu()
        driver0, wall0, t0 = time.process_time(), time.time(), time.perf_counter()
        n = sum(1 for _ in ray_records(todo, workers=workers, config=config, memory=memory))
        secs, driver = time.perf_counter() - t0, time.process_time() - driver0
        after = {pid: cpu for pid, cpu in _ray_processes_cpu().items() if pid not in memory.wall}
        return cls(workers, n, secs, driver, _cpu_spent(before, after), memory, wall0)

    def lines(self) -> list[str]:
        each = "; ".join(f"actor {i + 1}: {c.pages} pages in {c.wall:.1f} s = {c.rate:.2f} pages/s, "
                         f"{c.cpu_per_page:.3f} s CPU/page" for i, c in enumerate(self.clocks))
        top = ", ".join(f"{name} {cpu:.1f}" for name, cpu in sorted(self.ray_cpu.items(), key=lambda x: -x[1])
                        if cpu >= 0.05)
        head = f"ray      {self.workers} actor(s)"
        ray_page = sum(self.ray_cpu.values()) / self.pages
        return [f"{head}, {self.pages} pages: steady {self.steady:.2f} pages/s ({each}); "
                f"idle tail {self.tail:.1f} s",
                f"{head}: whole run {self.secs:.1f} s = {self.whole:.2f} pages/s, start-up to the first "
                f"batch {self.started:.1f} s; CPU per page: actors {self.actor_cpu:.3f} s, driver "
                f"{self.driver / self.pages:.3f} s, Ray's processes {ray_page:.3f} s (CPU s: {top or 'none'})"
                f" [{load()}]"]


def _ray_processes_cpu() -> dict[int, tuple[str, float]]:
    """CPU seconds so far of every process this one started, and theirs (a local Ray: GCS, raylet, agents,
    worker processes), by process id, with a short name (``/proc``; empty elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    stats: dict[int, tuple[str, float]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            raw = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2:].split()
        pid = int(entry.name)
        parent[pid] = int(fields[1])
        stats[pid] = (_process_name(cmd), (int(fields[11]) + int(fields[12])) / tick)
    mine, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, up in parent.items() if up in frontier} - mine
        mine |= frontier
    return {pid: stats[pid] for pid in mine}


def _process_name(cmd: list[bytes]) -> str:
    """``raylet``, ``gcs_server``, ``ray::IDLE``, ``agent.py``…: the part of a command line that says
    which of Ray's processes it is."""
    words = [w.decode(errors="replace") for w in cmd if w]
    if not words:
        return "?"
    if words[0].startswith("ray::"):
        return words[0].split("(")[0]
    script = next((w for w in words[1:] if w.endswith(".py")), words[0])
    return Path(script).name


def _cpu_spent(before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds each kind of process spent between two snapshots (the actors are left out of the
    second: their CPU comes from their own clocks)."""
    spent: dict[str, float] = {}
    for pid, (name, cpu) in after.items():
        spent[name] = spent.get(name, 0.0) + cpu - before.get(pid, (name, 0.0))[1]
    return spent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="pages (default: the 50 news pages of the corpus)")
    parser.add_argument("--pages", type=int, default=200, help="pages for the workers and Ray rows "
                        "(the inputs repeated)")
    parser.add_argument("--memory-pages", type=int, default=1000, help="pages for the memory row")
    parser.add_argument("--repeat", type=int, default=3, help="paired passes for the parse row")
    parser.add_argument("--batch", type=int, default=4, help="pages per batch for the workers and Ray rows "
                        "(small, so that pages come back steadily rather than in a few bursts)")
    parser.add_argument("--only", default=",".join(ROWS), help=f"rows to measure, among {', '.join(ROWS)}")
    args = parser.parse_args(argv)
    paths = args.paths or default_paths()
    only = set(args.only.split(","))
    print(f"{len(paths)} input pages, {os.cpu_count()} CPUs, {load()}", flush=True)
    if "startup" in only:
        print(bench_startup(paths), flush=True)
    if "parse" in only:
        print(bench_parse(paths, args.repeat), flush=True)
    if "workers" in only:
        print("\n".join(bench_workers(paths, args.pages, args.batch)), flush=True)
    if "memory" in only:
        print("\n".join(bench_memory(paths, args.memory_pages, args.batch)), flush=True)
    if "ray" in only:
        print("\n".join(bench_ray(paths, args.pages, args.batch)), flush=True)


if __name__ == "__main__":
    main()
