"""The bundled example pages (src/veille/examples) and the test pages (tests/fixtures/pages): body
boundaries, furniture removed and metadata, against hand-written expectations in
tests/fixtures/pages/expected.json.

Each page is analysed once per session with the default pipeline. A check listed under a page's
``known_failures`` is run as xfail(strict=True): it fails today for the reason given, and the mark must go
when the extractor is fixed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import veille

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"examples": ROOT / "src" / "veille" / "examples",
         "fixtures": Path(__file__).parent / "fixtures" / "pages"}
EXPECTED = json.loads((PAGES["fixtures"] / "expected.json").read_text(encoding="utf-8"))
EXPECTED.pop("_about")
METADATA = ("lang", "title", "site_name", "published", "dateline", "authors")


def _path(key: str) -> Path:
    folder, name = key.split("/", 1)
    return PAGES[folder] / name


@pytest.fixture(scope="session")
def outcomes() -> dict[str, veille.Outcome]:
    """Every described page analysed once, by its key in expected.json."""
    keys = list(EXPECTED)
    results = list(veille.analyze_paths([str(_path(k)) for k in keys]))
    assert len(results) == len(keys)
    return dict(zip(keys, results, strict=True))


def _case(key: str, check: str):
    reason = EXPECTED[key].get("known_failures", {}).get(check)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(key, check, marks=marks, id=f"{key}:{check}")


def _article(outcomes, key: str) -> veille.Article:
    out = outcomes[key]
    assert out.error is None, f"{key} failed: {out.error}"
    assert out.article is not None
    return out.article


ARTICLES = [k for k, v in EXPECTED.items() if "error" not in v]


def test_every_example_page_is_described():
    """A new example page needs its expectations, and the demo finds every example."""
    from veille.cli.demo import example_paths

    on_disk = {f"examples/{p.name}" for p in PAGES["examples"].iterdir() if p.suffix in (".html", ".txt")}
    assert on_disk == {k for k in EXPECTED if k.startswith("examples/")}
    assert {Path(p).name for p in example_paths()} == {k.split("/", 1)[1] for k in on_disk}


def test_examples_cover_both_languages_and_both_forms():
    keys = [k for k in ARTICLES if k.startswith("examples/")]
    assert 6 <= len(keys) <= 8
    assert {EXPECTED[k]["lang"] for k in keys} == {"fr", "en"}
    assert {(EXPECTED[k]["lang"], Path(k).suffix) for k in keys} == {
        ("fr", ".html"), ("fr", ".txt"), ("en", ".html"), ("en", ".txt")}


@pytest.mark.parametrize(("key", "check"), [_case(k, "starts") for k in ARTICLES])
def test_body_starts_with_the_article(outcomes, key, check):
    text = _article(outcomes, key).text
    assert text.startswith(EXPECTED[key]["starts"]), f"{key}: body starts {text[:80]!r}"


@pytest.mark.parametrize(("key", "check"), [_case(k, "ends") for k in ARTICLES])
def test_body_ends_with_the_article(outcomes, key, check):
    text = _article(outcomes, key).text
    assert text.endswith(EXPECTED[key]["ends"]), f"{key}: body ends {text[-80:]!r}"


@pytest.mark.parametrize(("key", "check"), [_case(k, "must_contain") for k in ARTICLES])
def test_body_keeps_the_article(outcomes, key, check):
    text = _article(outcomes, key).text
    missing = [s for s in EXPECTED[key]["must_contain"] if s not in text]
    assert not missing, f"{key}: body lost {missing}"


@pytest.mark.parametrize(("key", "check"), [_case(k, "must_not_contain") for k in ARTICLES])
def test_body_drops_the_furniture(outcomes, key, check):
    text = _article(outcomes, key).text
    leaked = [s for s in EXPECTED[key]["must_not_contain"] if s in text]
    assert not leaked, f"{key}: furniture left in the body: {leaked}"


@pytest.mark.parametrize(("key", "check"),
                         [_case(k, f) for k in ARTICLES for f in METADATA if f in EXPECTED[k]])
def test_metadata(outcomes, key, check):
    got = getattr(_article(outcomes, key), check)
    assert got == EXPECTED[key][check], f"{key}: {check} is {got!r}"


@pytest.mark.parametrize(("key", "check"),
                         [_case(k, "signals") for k in ARTICLES if "signals" in EXPECTED[k]])
def test_signals(outcomes, key, check):
    kinds = {s.kind for s in _article(outcomes, key).signals}
    assert set(EXPECTED[key]["signals"]) <= kinds, f"{key}: signals {sorted(kinds)}"


@pytest.mark.parametrize("key", ARTICLES)
def test_removed_furniture_is_recorded_with_a_reason(outcomes, key):
    art = _article(outcomes, key)
    assert art.removed and all(r.reason and r.text.strip() for r in art.removed)
    assert not art.check_spans()


@pytest.mark.parametrize(("key", "check"), [_case(k, "removed_keeps_furniture") for k in ARTICLES])
def test_dropped_furniture_is_kept_in_removed(outcomes, key, check):
    """What the body drops stays visible in ``removed`` (the issue: every dropped span, with its reason)."""
    raw = _path(key).read_bytes().decode("utf-8", "replace") if key.endswith(".txt") else None
    removed = [r.text for r in _article(outcomes, key).removed]
    furniture = [s for s in EXPECTED[key]["must_not_contain"] if raw is None or s in raw]
    lost = [s for s in furniture if raw is not None and not any(s in r for r in removed)]
    assert not lost, f"{key}: dropped without a trace in removed: {lost}"


@pytest.mark.parametrize(("key", "check"), [_case(k, "removed_not_body") for k in ARTICLES])
def test_removed_never_holds_the_body(outcomes, key, check):
    removed = [r.text for r in _article(outcomes, key).removed]
    wrongly = [s for s in EXPECTED[key]["must_contain"] if any(s in r for r in removed)]
    assert not wrongly, f"{key}: body text reported as removed furniture: {wrongly}"


@pytest.mark.parametrize("key", [k for k, v in EXPECTED.items() if "error" in v])
def test_pages_without_an_article_are_refused_with_a_reason(outcomes, key):
    err = outcomes[key].error
    assert err is not None and err.reason == EXPECTED[key]["error"]
    assert Path(err.source).name == Path(key).name


def test_demo_stores_every_example_page(outcomes, tmp_path):
    """``veille demo --no-serve`` (the README's main job, without the server) stores every bundled page."""
    from click.testing import CliRunner

    from veille.cli.main import cli

    db = tmp_path / "demo.sqlite"
    result = CliRunner().invoke(cli, ["demo", "--no-serve", "--db", str(db)], catch_exceptions=False)
    n = sum(1 for k in ARTICLES if k.startswith("examples/"))
    assert result.exit_code == 0, result.stderr
    assert f"{n} ingested" in result.stderr and "0 failed" in result.stderr, result.stderr
