"""``--nice N`` for the long background commands (``veille ingest``, ``veille watch``): run at a lower CPU
priority so that a ``veille serve`` on the same machine keeps answering readers quickly.

An ingest is a batch job: a page stored a few seconds later costs nobody anything, a search answered a
second late costs a reader. On a two-core laptop an ingest (the parse, the stories encoder) otherwise takes
its full share of the cores from the server; niced, it takes what the readers leave, and its worker
processes (``--workers``) inherit the priority. Measured in ``benchmarks/bench_api_load.py``, which reports
the ingest's pages/s beside the readers' latencies.
"""

from __future__ import annotations

import os

import click


def lower_priority(ctx: click.Context, param: click.Parameter, niceness: int) -> None:
    """Add ``niceness`` to this process's nice value (where the platform has one)."""
    if niceness > 0 and hasattr(os, "nice"):
        os.nice(niceness)


def nice_option(f):
    """``--nice N`` (or ``$VEILLE_NICE``): lower this command's CPU priority by N (1–19) before it starts
    working, as the shell's ``nice -n N`` would."""
    return click.option("--nice", type=click.IntRange(0, 19), default=0, envvar="VEILLE_NICE",
                        expose_value=False, callback=lower_priority, is_eager=True, metavar="N",
                        help="Run at a lower CPU priority (0–19, like `nice -n N`), so that a server "
                             "on this machine answers readers first; 0 leaves it as it is.")(f)
