"""Ray's own overhead, without veille's models: what the driver and Ray's processes (raylet, GCS, log
monitor, Ray Data's helper actors) cost per second while two actors work, for the two shapes of dataset
``veille.engine`` builds — a reading operator feeding the actors (archives, JSONL) and actors reading
their page files themselves (page files only).

Not collected by pytest. Run it from the repository root::

    .venv/bin/python benchmarks/bench_ray_overhead.py                 # both shapes, alternating, twice
    .venv/bin/python benchmarks/bench_ray_overhead.py --pages 400 --repeat 3

The actors *sleep* ``--seconds`` per page instead of analysing it, so they leave the cores to Ray: what is
measured is CPU (``time.process_time`` in the driver, ``/proc`` for Ray's processes) per second of the run,
which is what two actors on two cores lose to Ray whatever a page costs. The actors' own CPU (their start
is most of it) is left out; idle worker processes and reading tasks count as Ray's. Each line gives
the machine's load: on a shared machine read the pairs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import _cpu_spent, _ray_processes_cpu  # noqa: E402

SHAPES = ("reading-operator", "actors-read")


class _Sleeper:
    """Stands for ``veille.engine``'s analyser: a batch of pages in, one record-sized row per page out."""

    def __init__(self, seconds: float, reads: bool):
        self.seconds, self.reads = seconds, reads

    def __call__(self, batch: dict) -> dict:
        names = [f"{p}" for p in batch["path" if self.reads else "name"]]
        time.sleep(self.seconds * len(names))
        return {"name": names, "record": ["x" * 20_000] * len(names)}


def _page(row: dict) -> list[dict]:
    return [{"name": row["path"], "text": "y" * 3_000}]


def _dataset(shape: str, pages: int, workers: int, batch: int, seconds: float):
    import ray.data as data

    blocks = max(1, min(pages, max(4 * workers, -(-pages // batch))))
    paths = [{"path": f"page-{i:05d}.html"} for i in range(pages)]
    items = data.from_items(paths, override_num_blocks=blocks)
    if shape == "actors-read":  # as veille.engine.ray_engine._read_by_actors
        items.context.op_resource_reservation_enabled = False
        return items.map_batches(_Sleeper, batch_size=None, num_cpus=1, batch_format="numpy",
                                 compute=data.ActorPoolStrategy(size=workers),
                                 fn_constructor_kwargs={"seconds": seconds, "reads": True})
    rows = items.flat_map(_page, num_cpus=0, compute=data.TaskPoolStrategy(size=max(1, workers // 4)))
    return rows.map_batches(_Sleeper, batch_size=batch, num_cpus=1, batch_format="numpy",
                            compute=data.ActorPoolStrategy(size=workers),
                            fn_constructor_kwargs={"seconds": seconds, "reads": False})


def measure(shape: str, pages: int, workers: int, batch: int, seconds: float) -> dict[str, float]:
    """One run: the driver's and Ray's processes' CPU as cores (CPU seconds per second of the run)."""
    before = _ray_processes_cpu()
    driver0, t0 = time.process_time(), time.perf_counter()
    n = sum(1 for _ in _dataset(shape, pages, workers, batch, seconds).iter_rows())
    secs, driver = time.perf_counter() - t0, time.process_time() - driver0
    assert n == pages, (n, pages)
    spent = _cpu_spent(before, _ray_processes_cpu())
    ray_own = {k: v for k, v in spent.items() if "MapWorker" not in k}  # idle workers, reading tasks: Ray's
    return {"secs": secs, "driver": driver / secs, "ray": sum(ray_own.values()) / secs,
            **{k: v / secs for k, v in ray_own.items()}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--batch", type=int, default=4, help="pages per batch (bench_scale.py's default)")
    parser.add_argument("--seconds", type=float, default=0.1, help="an actor's sleep per page")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each shape, alternating")
    args = parser.parse_args(argv)
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    try:
        for shape in SHAPES:  # warm-up: Ray Data's helper actors started, workers imported
            measure(shape, 16, 2, args.batch, 0.01)
        runs: dict[str, list[dict[str, float]]] = {s: [] for s in SHAPES}
        for _ in range(args.repeat):
            for shape in SHAPES:
                run = measure(shape, args.pages, 2, args.batch, args.seconds)
                runs[shape].append(run)
                top = ", ".join(f"{k} {v:.3f}" for k, v in sorted(run.items(), key=lambda x: -x[1])
                                if k not in ("secs", "driver", "ray") and v >= 0.002)
                print(f"{shape:17} {args.pages} pages in {run['secs']:.1f} s: driver {run['driver']:.3f} "
                      f"core, Ray's processes {run['ray']:.3f} ({top}) [load {os.getloadavg()[0]:.2f}]",
                      flush=True)
        for shape in SHAPES:
            driver = statistics.median(r["driver"] for r in runs[shape])
            own = statistics.median(r["ray"] for r in runs[shape])
            print(f"{shape:17} median: driver {driver:.3f} + Ray's processes {own:.3f} = "
                  f"{driver + own:.3f} of a core")
    finally:
        ray.shutdown()


if __name__ == "__main__":
    main()
