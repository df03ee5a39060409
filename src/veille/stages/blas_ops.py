"""Matrix products of the spaCy models through numpy's BLAS, on one thread.

thinc's CPU ops multiply matrices with ``blis``. On the machines veille was measured on (AMD EPYC, AVX2)
blis reaches 19-28 GFLOPS per CPU-second on the tok2vec layers' shapes (16,000 × 288 by 288 × 288),
numpy's OpenBLAS ~80 on one thread: the nlp stage spends about a third less CPU with the same weights
and inputs. Only ``gemm`` changes; every other op (maxout, layer norm, the parser's own C loop) is thinc's.

On one thread because veille runs one process per core (``--workers``): a BLAS that starts a thread per
core in each of them spins on a busy machine, costing more CPU than it saves in wall time. The limit is
set around the parse only (``one_blas_thread``), so other numpy users in the process keep their setting.
OpenBLAS (0.3.31 as numpy ships it) takes a thread limit only from the thread that first ran a threaded
product in the process: in a worker or the CLI that is the thread that parses, but in a process where
another thread did numpy products first (the API's request threads) the limit may not bite — the parse
then runs its products on more threads, with the same results and more CPU.

The products are sums of the same terms in another order, so the scores may differ in their last bits;
the annotations (tags, morphology, parse, entities, lemmas) were checked identical on the news corpus
and on the seed page (``tests/test_blas_ops.py`` checks a parse of invented text against thinc's own).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import numpy as np


@cache
def _blas_ops_class() -> type:
    from thinc.api import NumpyOps

    class BlasOps(NumpyOps):
        """thinc's ``NumpyOps`` with ``gemm`` done by ``numpy.matmul`` (the BLAS numpy was built with)."""

        name = "numpy"

        def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return np.matmul(a, b)
            np.matmul(a, b, out=out)
            return out

    BlasOps.__qualname__ = "BlasOps"  # found again by pickle through the module's ``__getattr__``
    return BlasOps


def __getattr__(name: str) -> Any:
    """``BlasOps``, the class, made on first use: thinc is imported with the models, not with this module
    (the API and the worker pool import the nlp stage without parsing anything)."""
    if name == "BlasOps":
        return _blas_ops_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def blas_ops() -> Any:
    """The process's ``BlasOps`` instance, shared by every layer of every model."""
    return _blas_ops_class()()


def use_numpy_blas(nlp: Any) -> int:
    """Give every thinc layer of ``nlp``'s components ``blas_ops()`` (the layers keep their weights); a
    layer on other ops than thinc's plain ``NumpyOps`` (a GPU, Apple's ops) is left alone. Returns how
    many layers were switched."""
    from thinc.api import NumpyOps

    ops = blas_ops()
    switched = 0
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps:
                layer.ops = ops
                switched += 1
    return switched


@cache
def _blas_controller() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


_HELD = threading.Lock()
_holders = 0
_limiter: Any = None


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Within the block, numpy's BLAS runs on the calling thread only (see the module's docstring).

    The limit is the process's, so blocks that overlap (the API parses in several threads) share one: the
    first sets it, the last to leave gives the BLAS its own setting back."""
    global _holders, _limiter
    with _HELD:
        if _holders == 0:
            _limiter = _blas_controller().limit(limits=1, user_api="blas")
        _holders += 1
    try:
        yield
    finally:
        with _HELD:
            _holders -= 1
            if _holders == 0:
                _limiter.restore_original_limits()
                _limiter = None
