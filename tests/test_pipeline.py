"""The pipeline refuses an impossible stage order when built, and runs pages in input order."""

from __future__ import annotations

import pytest

from veille.config import load_config
from veille.errors import InputError, PipelineError
from veille.pipeline import Pipeline, Stage, build_pipeline
from veille.sources import source_from_text


class _Needs(Stage):
    name, requires, assigns = "needs", ("entities",), ("quotes",)

    def __call__(self, work):
        return work


class _Gives(Stage):
    name, requires, assigns = "gives", ("source",), ("entities",)

    def __call__(self, work):
        if "boom" in work.source.text:
            raise InputError(work.source.name, "failed", "boom")
        work.article.title = "given"
        return work


def test_pipeline_refuses_a_stage_before_what_it_requires():
    with pytest.raises(PipelineError, match="requires \\['entities'\\]"):
        Pipeline([_Needs(), _Gives()], load_config())
    Pipeline([_Gives(), _Needs()], load_config())


def test_pipeline_refuses_a_stage_twice():
    with pytest.raises(PipelineError, match="twice"):
        Pipeline([_Gives(), _Gives()], load_config())


def test_pipeline_keeps_input_order_and_reports_failures_per_page():
    pipe = Pipeline([_Gives(), _Needs()], load_config(batch_size=2))
    items = [source_from_text(f"p{i}", "boom" if i == 1 else f"page {i}") for i in range(5)]
    items.insert(2, InputError("bad", "empty", "file is empty"))
    outs = list(pipe.run(items))
    assert [o.name for o in outs] == ["p0", "p1", "bad", "p2", "p3", "p4"]
    assert [o.error is None for o in outs] == [True, False, False, True, True, True]
    assert outs[0].article.title == "given" and [p.stage for p in outs[0].article.provenance] == [
        "gives",
        "needs",
    ]


def test_default_pipeline_order_is_valid():
    names = build_pipeline().names
    assert names[:3] == ["extract", "language", "nlp"] and names[-1] == "signals"


class _BatchCrash(Stage):
    """A batch stage whose library raises something that is not a veille error on one page."""

    name, requires, assigns = "crash", ("source",), ("entities",)

    def __call__(self, work):
        if "crash" in work.source.text:
            raise ValueError("a library refused this text")
        work.article.title = "fine"
        return work

    def pipe(self, works):
        return [self(w) for w in works]  # one bad page makes the whole batch call raise


def test_an_unexpected_error_on_one_page_costs_only_that_page():
    pipe = Pipeline([_BatchCrash()], load_config(batch_size=4))
    items = [source_from_text(f"p{i}", "crash" if i == 2 else f"page {i}") for i in range(4)]
    outs = list(pipe.run(items))
    assert [o.error is None for o in outs] == [True, True, False, True]
    assert outs[2].error.reason == "failed" and "ValueError" in outs[2].error.message
    assert all(o.article.title == "fine" for o in outs if o.error is None)


def test_an_unknown_language_code_is_refused_before_any_page():
    from veille.errors import ConfigError

    pipe = Pipeline([_Gives()], load_config())
    with pytest.raises(ConfigError, match="'zzz'.*en, fr"):
        list(pipe.run([source_from_text("p", "page")], lang="zzz"))
    assert list(pipe.run([source_from_text("p", "page")], lang="EN"))[0].error is None


class _BatchPathBug(_BatchCrash):
    """A stage whose batch path is broken although every page goes through alone."""

    def pipe(self, works):
        raise IndexError("batch arrays misaligned")


def test_a_batch_path_that_fails_where_every_page_passes_alone_is_reported(caplog):
    items = [source_from_text(f"p{i}", f"page {i}") for i in range(6)]
    with caplog.at_level("WARNING", logger="veille"):  # two batches: said once
        outs = list(Pipeline([_BatchPathBug()], load_config(batch_size=3)).run(items))
    assert all(o.error is None and o.article.title == "fine" for o in outs)  # the pages are not lost
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warned) == 1 and "crash" in warned[0] and "IndexError" in warned[0]
    caplog.clear()
    with caplog.at_level("WARNING", logger="veille"):  # a culprit page found: reported as its own failure
        list(Pipeline([_BatchCrash()], load_config(batch_size=4)).run(
            [source_from_text("p", "crash"), source_from_text("q", "fine page")]))
    assert not [r for r in caplog.records if r.levelname == "WARNING"]


def test_pipeline_settles_the_heap_once_after_the_first_batch_only():
    """``gc.freeze`` after the first batch (in a fresh interpreter: it acts on the whole process)."""
    import subprocess
    import sys

    code = """
import gc
from dataclasses import replace
from veille.config import load_config
from veille.pipeline import build_pipeline
from veille.sources import source_from_text
pipe = build_pipeline(replace(load_config(), batch_size=2))
page = "Le conseil municipal de Brest a voté jeudi le budget des écoles pour la rentrée prochaine."
pages = [source_from_text(f"p{i}.txt", page) for i in range(2)]
list(pipe.run(pages, lang="fr"))
print(gc.get_freeze_count())
list(pipe.run(pages + pages, lang="fr"))
print(gc.get_freeze_count() > 0)
"""
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    out = ran.stdout.split()
    assert out == ["0", "True"]  # one batch alone freezes nothing; the next batch finds the heap settled
