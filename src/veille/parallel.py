"""Process parallelism on one machine: ``--workers N``.

N worker processes each build the pipeline once (so each loads the spaCy models and the knowledge base
once, on its first page), pages go out in batches and come back in input order, and the calling process
stays the one writer to the store or to standard output. Workers are started with ``spawn``: no model,
lock or database connection is inherited half-made from the parent, on Linux and macOS alike.

A run with too few pages to fill two batches is not worth starting processes for (each worker pays the
start-up that one process already pays), so it runs in this process: ``veille analyze page.html`` costs
no more with the default ``--workers`` than with ``--workers 1``.

Every batch comes back with its worker's resident memory; :class:`WorkerMemory` keeps the peak of each
worker, which ``veille analyze`` and ``veille ingest`` print when they end (a worker that grows page after
page is a leak to report).
"""

from __future__ import annotations

import logging
import os
import resource
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from .config import Config
from .errors import InputError
from .pipeline import Outcome, Pipeline, build_pipeline
from .sources import Source
from .stages.nlp import memory_zones

log = logging.getLogger("veille")

#: Batches handed out ahead of the one being read back, per worker: enough to keep every worker busy
#: while the writer works, few enough that memory holds a bounded number of pages.
AHEAD_PER_WORKER = 2


def default_workers() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


@dataclass
class WorkerMemory:
    """Resident memory of each worker process, in MiB: the first figure it reported and its peak; and
    each worker's own clocks — CPU seconds spent so far and the wall time when its batch ended — with the
    pages it analysed, from which ``bench_scale.py`` reads each worker's steady rate (start-up, paid in
    the first batch, left out) whatever else the machine runs."""

    first: dict[int, float] = field(default_factory=dict)
    peak: dict[int, float] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)
    pages: dict[int, int] = field(default_factory=dict)
    first_cpu: dict[int, tuple[float, int]] = field(default_factory=dict)  # (CPU s, pages) of its first batch
    trace: list[tuple[int, int, float]] = field(default_factory=list)  # (pid, its pages so far, MiB)
    wall: dict[int, tuple[float, float]] = field(default_factory=dict)  # (end of first batch, of last)

    def add(self, pid: int, rss_mib: float, cpu_seconds: float = 0.0, pages: int = 0,
            wall_seconds: float | None = None) -> None:
        """One batch's report: ``cpu_seconds`` is the worker's ``time.process_time()`` and
        ``wall_seconds`` its ``time.time()`` when the batch ended."""
        self.peak[pid] = max(rss_mib, self.peak.get(pid, 0.0))
        self.cpu[pid] = max(cpu_seconds, self.cpu.get(pid, 0.0))
        self.pages[pid] = self.pages.get(pid, 0) + pages
        # its earliest batch (a worker's CPU only grows), whatever order the reports arrive in
        if pid not in self.first_cpu or cpu_seconds < self.first_cpu[pid][0]:
            self.first_cpu[pid] = (cpu_seconds, pages)
            self.first[pid] = rss_mib
        self.trace.append((pid, self.pages[pid], rss_mib))
        if wall_seconds is not None:
            start, end = self.wall.get(pid, (wall_seconds, wall_seconds))
            self.wall[pid] = (min(start, wall_seconds), max(end, wall_seconds))

    def steady_cpu_per_page(self) -> float:
        """CPU seconds per page in the workers after their first batch (start-up and model loading,
        paid in the first, left out)."""
        spent = sum(self.cpu[p] - self.first_cpu[p][0] for p in self.cpu)
        pages = sum(self.pages[p] - self.first_cpu[p][1] for p in self.pages)
        return spent / pages if pages else 0.0

    def steady(self) -> list[WorkerClock]:
        """Each worker's steady state from its own clocks: pages after its first batch, the CPU and the
        wall seconds they took (from the end of its first batch to the end of its last)."""
        return [WorkerClock(pid, self.pages[pid] - self.first_cpu[pid][1],
                            self.cpu[pid] - self.first_cpu[pid][0], self.wall[pid][1] - self.wall[pid][0])
                for pid in sorted(self.wall)]

    def steady_rate(self) -> float:
        """Pages per second of all the workers together in their steady state: the sum of each one's
        rate (the workers run side by side; a worker idle at the end does not lower the others')."""
        return sum(w.rate for w in self.steady())

    def summary(self) -> str:
        """One line: each worker's memory after its first batch → its peak."""
        if not self.peak:
            return "ran in one process (too few pages for workers)"
        each = ", ".join(f"{self.first[p]:.0f} → {self.peak[p]:.0f}" for p in sorted(self.peak))
        return f"{len(self.peak)} workers, resident memory MiB (first batch → peak): {each}"


@dataclass(frozen=True)
class WorkerClock:
    """One worker's steady state: ``pages`` analysed after its first batch in ``cpu`` CPU seconds over
    ``wall`` seconds."""

    pid: int
    pages: int
    cpu: float
    wall: float

    @property
    def rate(self) -> float:
        return self.pages / self.wall if self.wall > 0 else 0.0

    @property
    def cpu_per_page(self) -> float:
        return self.cpu / self.pages if self.pages else 0.0


def run_pages(pipe: Pipeline, items: Iterable[Source | InputError], *, workers: int = 1,
              published: str | None = None, lang: str | None = None,
              memory: WorkerMemory | None = None) -> Iterator[Outcome]:
    """One Outcome per item, in input order: in this process when ``workers`` is 1 or the input fills
    fewer than two batches, else over ``workers`` processes running ``pipe``'s configuration.

    Workers rebuild the default stage list from ``pipe.config``: give a custom stage list ``workers=1``."""
    items = iter(items)
    size = pipe.config.batch_size
    head = list(islice(items, 2 * size))
    if workers <= 1 or len(head) < 2 * size:
        yield from in_memory_zones(pipe, _chain(head, items), published, lang)
        return
    yield from _in_workers(pipe.config, _chain(head, items), workers, published, lang, memory)


def in_memory_zones(pipe: Pipeline, items: Iterable[Source | InputError], published: str | None = None,
                    lang: str | None = None) -> Iterator[Outcome]:
    """``pipe.run`` a batch at a time, each batch inside spaCy's memory zones (``stages.nlp``): what a
    batch adds to the models' vocabularies is freed after it, so a process analysing pages for days
    keeps the memory it had after its first pages."""
    for batch in _batches(iter(items), pipe.config.batch_size):
        with memory_zones():
            done = list(pipe.run(batch, published=published, lang=lang))
        yield from done


def _chain(head: list, rest: Iterator) -> Iterator:
    yield from head
    yield from rest


# ---------------------------------------------------------------- the parent: hand out, read back in order

def _in_workers(config: Config, items: Iterator[Source | InputError], workers: int, published: str | None,
                lang: str | None, memory: WorkerMemory | None) -> Iterator[Outcome]:
    with _one_thread_each():
        yield from _in_pool(config, items, workers, published, lang, memory)


def _in_pool(config: Config, items: Iterator[Source | InputError], workers: int, published: str | None,
             lang: str | None, memory: WorkerMemory | None) -> Iterator[Outcome]:
    memory = memory if memory is not None else WorkerMemory()
    batches = _batches(items, config.batch_size)
    pool = _start_pool(config, workers)
    pending: deque[_Pending] = deque()
    try:
        while True:
            while len(pending) < workers * AHEAD_PER_WORKER:
                batch = next(batches, None)
                if batch is None:
                    break
                pending.append(_Pending(batch, _submit(pool, batch, published, lang)))
            if not pending:
                return
            head = pending[0]
            try:
                sent, pid, rss, cpu, wall = head.future.result()
            except BrokenProcessPool as err:  # a worker died (killed, out of memory, a crash in C)
                pool.shutdown(cancel_futures=True)
                pool = _start_pool(config, workers)
                if head.tries >= MAX_TRIES:  # it broke the pool each time: its pages fail, not the run
                    pending.popleft()
                    yield from _died(head.batch, err)
                for p in pending:  # every unfinished batch goes again to the new pool
                    if not (p.future.done() and p.future.exception() is None):
                        p.future, p.tries = _submit(pool, p.batch, published, lang), p.tries + 1
                continue
            pending.popleft()
            memory.add(pid, rss, cpu, len(sent), wall)
            yield from (s.outcome() for s in sent)
    finally:
        pool.shutdown(cancel_futures=True)
        log.info("%s", memory.summary())


#: Times a batch is handed out when workers die under it: once more after a worker is killed (the usual
#: case: nothing lost), and a batch that breaks the pool every time is reported failed.
MAX_TRIES = 2


@dataclass
class _Pending:
    batch: list[Source | InputError]
    future: Future
    tries: int = 1


def _batches(items: Iterator[Source | InputError], size: int) -> Iterator[list[Source | InputError]]:
    while batch := list(islice(items, size)):
        yield batch


#: Math libraries' own threads, one per worker: N workers each starting one thread per core would fight
#: over the cores the workers already share (Ray sets the same for its actors). Read when a worker starts.
_ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _start_pool(config: Config, workers: int) -> ProcessPoolExecutor:
    import multiprocessing

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(config,))


@contextmanager
def _one_thread_each() -> Iterator[None]:
    """While workers may start, the environment they inherit asks for one math thread (unless the user
    set a number); this process's own libraries, already loaded, are not affected."""
    added = [name for name in _ONE_THREAD if name not in os.environ]
    os.environ.update(dict.fromkeys(added, "1"))
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def _submit(pool: ProcessPoolExecutor, batch: list[Source | InputError], published: str | None,
            lang: str | None) -> Future:
    return pool.submit(_analyze_batch, [_portable(x) for x in batch], published, lang)


def _died(batch: list[Source | InputError], err: BaseException) -> list[Outcome]:
    out = []
    for item in batch:
        if isinstance(item, InputError):
            out.append(Outcome(item.source, error=item))
        else:
            out.append(Outcome(item.name, error=InputError(
                item.name, "failed", f"the worker process analysing this page died ({err}); the other "
                "pages were processed — run it alone with --workers 1 to see why")))
    return out


# ---------------------------------------------------------------- exceptions across processes

def _portable(item: Source | InputError) -> Source | tuple[str, str, str]:
    """InputError does not survive pickling (its constructor takes three arguments): sent as a tuple."""
    return (item.source, item.reason, item.message) if isinstance(item, InputError) else item


def _restore(item: Source | tuple[str, str, str]) -> Source | InputError:
    return InputError(*item) if isinstance(item, tuple) else item


@dataclass
class _SentOutcome:
    name: str
    article: object = None
    error: tuple[str, str, str] | None = None

    def outcome(self) -> Outcome:
        return Outcome(self.name, article=self.article,  # type: ignore[arg-type]
                       error=InputError(*self.error) if self.error else None)


# ---------------------------------------------------------------- the worker

_PIPE: Pipeline | None = None


def _start_worker(config: Config) -> None:
    """Runs once in each worker: the pipeline built once (its models load on the first page)."""
    global _PIPE
    _PIPE = build_pipeline(config)


def _analyze_batch(items: list[Source | tuple[str, str, str]], published: str | None,
                   lang: str | None) -> tuple[list[_SentOutcome], int, float, float, float]:
    assert _PIPE is not None, "worker used before _start_worker"
    outcomes = list(in_memory_zones(_PIPE, [_restore(x) for x in items], published=published, lang=lang))
    sent = [_SentOutcome(o.name, o.article,
                         (o.error.source, o.error.reason, o.error.message) if o.error else None)
            for o in outcomes]
    return sent, os.getpid(), resident_mib(), time.process_time(), time.time()


def resident_mib() -> float:
    """This process's resident memory now, in MiB (``/proc``; the peak where there is no ``/proc``)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

