"""Fuzzing every door pages come in by: arbitrary bytes and strings through files, ``.jsonl`` records,
text given to the library and ``POST /api/analyze``. The invariant: a record or a typed rejection
(InputError with a known reason; a 4xx with the API's error body) — never an uncaught exception, never a 500.
Bounded to seconds here; ``benchmarks/fuzz_inputs.py N`` runs the same properties with N examples each."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.api_functions import analyze_paths, analyze_text
from veille.errors import InputError

#: typed reasons for refusing a page; "failed" (a stage broke on the page) is a bug, never an answer here
REASONS = {"empty", "too_large", "not_text", "undecodable", "no_article", "missing", "unreadable",
           "bad_record"}
FUZZ = settings(max_examples=int(os.environ.get("VEILLE_FUZZ_EXAMPLES", "25")), deadline=None,
                suppress_health_check=list(HealthCheck), database=None)

#: text that looks like news in places: words, punctuation, quote marks, markup, and lone surrogates
_pieces = st.sampled_from(["Le ministre a déclaré", " « ", " » ", "\"", "<p>", "</p>", "<div>", "\n\n",
                           "\ud800", "Paris", "mardi", "2024", ". ", "&amp;", "\x00", "\u202e", "🙂", "<!--",
                           "-->"])
NEWSISH = st.lists(st.one_of(_pieces, st.text(max_size=20)), max_size=40).map("".join)


def _holds(outcomes) -> None:
    for out in outcomes:
        if out.error is not None:
            assert out.error.reason in REASONS, out.error
        else:
            art = out.article
            assert art is not None and art.check_spans() == []
            json.loads(art.model_dump_json())  # the record serialises


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".html", ".txt", ".jsonl", ".gz", ".bin"]))
def test_any_file_gives_a_record_or_a_typed_rejection(tmp_path_factory, analyze, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"page{suffix}"
    path.write_bytes(data)
    _holds(analyze_paths([str(path)]))


@FUZZ
@given(text=NEWSISH)
def test_any_text_gives_a_record_or_a_typed_rejection(analyze, text):
    try:
        art = analyze_text(text, name="fuzz")
    except InputError as err:
        assert err.reason in REASONS
    else:
        assert art.check_spans() == []


@FUZZ
@given(text=NEWSISH, url=st.one_of(st.none(), st.text(max_size=30)))
def test_any_jsonl_record_gives_a_record_or_a_typed_rejection(tmp_path_factory, analyze, text, url):
    path = tmp_path_factory.mktemp("fuzz") / "pages.jsonl"
    path.write_text(json.dumps({"url": url, "text": text}) + "\n" + json.dumps({"html": text}) + "\n")
    _holds(analyze_paths([str(path)]))


def test_a_lone_surrogate_is_replaced_at_the_door_and_the_page_analysed(analyze):
    para = "Le ministre a déclaré mardi à Paris que le budget serait voté. \ud800 Il a ajouté que les "
    art = analyze_text((para + "régions recevraient des aides.\n\n") * 3, name="surrogate")
    assert "\ufffd" in art.text and "\ud800" not in art.text and art.lang == "fr"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    pytest.importorskip("fastapi", reason="the API needs the [serve] extra")
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.config import Config

    tmp = tmp_path_factory.mktemp("api")
    config = Config(api_token="t", data_dir=str(tmp), max_bytes=20_000)
    app = create_app(db=str(tmp / "s.sqlite"), config=config)
    with TestClient(app) as c:
        yield c


@FUZZ
@given(body=st.one_of(NEWSISH.map(lambda t: {"text": t}), NEWSISH.map(lambda t: {"html": t, "lang": "fr"}),
                      st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=30), st.integers()))))
def test_any_analyze_body_gets_a_record_or_a_4xx_error_body(client, analyze, body):
    raw = json.dumps(body)  # lone surrogates travel as \ud800 escapes, as a real client would send them
    resp = client.post("/api/analyze", content=raw, headers={"Authorization": "Bearer t",
                                                             "content-type": "application/json"})
    assert resp.status_code in (200, 400, 413, 422), resp.text
    if resp.status_code != 200:
        assert set(resp.json()["error"]) == {"status", "code", "message"}
