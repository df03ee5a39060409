"""``--nice N`` for the long background commands (``veille ingest``, ``veille watch``): run at a lower CPU
priority, with one thread for the math libraries, so that a ``veille serve`` on the same machine keeps
answering readers quickly.

An ingest is a batch job: a page stored a few seconds later costs nobody anything, a search answered a
second late costs a reader. On a two-core laptop an ingest (the parse, the stories encoder) otherwise takes
its full share of the cores from the server: numpy's BLAS (the encoder's forward pass) starts one thread
per core by itself. Niced, the ingest takes what the readers leave, its math runs on one thread, and its
worker processes (``--workers``) inherit both. ``--nice`` alone means :data:`POLITE`. Measured in
``benchmarks/bench_api_load.py``, which reports the ingest's pages/s beside the readers' latencies.
"""

from __future__ import annotations

import os

import click

#: ``--nice`` without a number: the level measured to keep searches quick while the ingest still moves
#: (docs/limits.md, "Serving under load").
POLITE = 5
#: The math libraries' thread counts, read once when each library loads (numpy's OpenBLAS, OpenMP, MKL).
MATH_THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_math_thread() -> list[str]:
    """Ask the math libraries for one thread each, unless the user set a number; returns the variables set.
    Only libraries not loaded yet read it: the CLI loads numpy later, when a stage needs it (a program
    that loaded numpy before calling the CLI in-process keeps its threads)."""
    added = [name for name in MATH_THREADS if name not in os.environ]
    os.environ.update(dict.fromkeys(added, "1"))
    return added


def lower_priority(ctx: click.Context, param: click.Parameter, niceness: int) -> None:
    """Add ``niceness`` to this process's nice value (where the platform has one) and keep its math on one
    thread: a polite background job takes neither both cores nor the readers' turn."""
    if niceness > 0:
        one_math_thread()
        if hasattr(os, "nice"):
            os.nice(niceness)


def nice_option(f):
    """``--nice N`` (or ``$VEILLE_NICE``): lower this command's CPU priority by N (1–19) before it starts
    working, as the shell's ``nice -n N`` would; ``--nice`` alone is :data:`POLITE`."""
    return click.option("--nice", type=click.IntRange(0, 19), default=0, is_flag=False, flag_value=POLITE,
                        envvar="VEILLE_NICE", expose_value=False, callback=lower_priority, is_eager=True,
                        metavar="[N]",
                        help=f"Run at a lower CPU priority (0–19, like `nice -n N`; alone: {POLITE}) with "
                             "one math thread, so that a server on this machine answers readers first; 0 "
                             "leaves it as it is.")(f)
