"""The same-story decision (``stories.similarity``) on FR/EN pages written for this test
(tests/fixtures/stories/decisions.jsonl): a dockers' strike told in French and in English, and an accident
months later at the same port with the same union leader quoted — the same actors in another event."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from veille.stories import evidence
from veille.stories.encoder import Encoder
from veille.stories.profile import PageText, Profile, build_profiles
from veille.stories.repair import cluster_pages
from veille.stories.similarity import (
    FEATURES,
    HINGED,
    StoryModel,
    calibrate,
    expand,
    features,
    fit,
    shipped_model,
    terms,
)

_PAGES = {p["key"]: p for p in (json.loads(line) for line in (
    Path(__file__).parent / "fixtures" / "stories" / "decisions.jsonl").read_text("utf-8").splitlines())}


@pytest.fixture(scope="module")
def profiles(tmp_path_factory) -> dict[str, Profile]:
    encoder = Encoder(cache=tmp_path_factory.mktemp("vectors") / "vectors.sqlite")
    pages = [PageText(p["text"], p["title"], p["lang"]) for p in _PAGES.values()]
    return dict(zip(_PAGES, build_profiles(pages, encoder), strict=True))


def test_cross_lingual_report_of_one_event_is_the_same_story(profiles):
    assert shipped_model().same_story(profiles["strike-fr"], profiles["strike-en"])


@pytest.mark.parametrize("other", ["strike-fr", "strike-en"])
def test_same_actors_in_another_event_stay_apart(profiles, other):
    model = shipped_model()
    assert not model.same_story(profiles["accident-fr"], profiles[other])
    hard = float(model.score(features(profiles["accident-fr"], profiles[other])))
    same = float(model.score(features(profiles["strike-fr"], profiles["strike-en"])))
    assert same - hard > 0.2


def test_features_are_symmetric_and_named(profiles):
    a, b = profiles["strike-fr"], profiles["accident-fr"]
    assert np.allclose(features(a, b), features(b, a))
    assert len(features(a, b)) == len(FEATURES)
    assert expand(features(a, b)).shape == (len(terms()),)
    assert len(shipped_model().weights) == len(terms())


def test_figures_and_years_tell_events_apart():
    strike = evidence.numbers("Les 640 dockers réclament 7,5 % ; 38 navires attendent, le 14 mai 2032.")
    translated = evidence.numbers("All 640 dockworkers want 7.5%; 38 ships wait, on 14 May 2032.")
    accident = evidence.numbers("Un docker de 52 ans blessé sur le quai 9 le 3 septembre 2019.")
    assert evidence.figures(strike) == evidence.figures(translated) == {"640", "7.5"}
    assert evidence.years(strike) & evidence.years(translated) == {"2032"}
    assert not evidence.years(strike) & evidence.years(accident)


def test_fit_bends_the_cosines_through_hinges():
    """A gold scale that rises slowly, then steeply above a cosine of 0.5, is fitted closely through the
    hinges, where a straight line in the cosine cannot follow it."""
    rng = np.random.default_rng(3)
    x = np.zeros((200, len(FEATURES)))
    x[:, 0] = rng.uniform(0, 1, 200)
    target = 0.1 * x[:, 0] + 2.0 * np.maximum(0.0, x[:, 0] - 0.5)
    weights, bias = fit(x, target, l2=1e-6)
    hinged = np.abs(expand(x) @ np.asarray(weights) + bias - target).mean()
    line = np.polyval(np.polyfit(x[:, 0], target, 1), x[:, 0])
    assert hinged < 0.01 < np.abs(line - target).mean()


def test_probability_orders_pairs_like_the_score(profiles):
    model = shipped_model()
    same = float(model.probability(features(profiles["strike-fr"], profiles["strike-en"])))
    other = float(model.probability(features(profiles["accident-fr"], profiles["strike-en"])))
    assert 0.8 < same < 1.0 and 0.0 < other < same


def test_calibrate_recovers_a_logistic_curve():
    rng = np.random.default_rng(11)
    scores = rng.uniform(0, 1, 4000)
    positive = (rng.uniform(0, 1, 4000) < 1 / (1 + np.exp(-(6 * scores - 3)))).astype(float)
    slope, intercept = calibrate(scores, positive)
    assert abs(slope - 6) < 1.0 and abs(intercept + 3) < 0.5


def test_each_hinge_term_reads_its_feature_past_its_knot():
    x = np.random.default_rng(0).uniform(0, 1, (5, len(FEATURES)))
    expanded = expand(x)
    for j, name in enumerate(terms()):
        feature, _, knot = name.partition(">")
        column = x[:, FEATURES.index(feature)]
        expected = np.maximum(0.0, column - float(knot)) if knot else column
        assert np.allclose(expanded[:, j], expected), name


@pytest.mark.parametrize(("days", "together"), [(("2032-05-14", "2032-05-16"), True),
                                                (("2032-05-14", "2032-05-17"), False),
                                                (("2032-05-14", ""), True)])
def test_pages_more_than_two_days_apart_are_not_paired(profiles, days, together):
    """The strike told in French and in English is one story when the pages are dated within two days of
    each other (or one is undated), two when they are three days apart (the judge's "same event within
    about two days")."""
    pair = [profiles["strike-fr"], profiles["strike-en"]]
    clusters = cluster_pages(pair, list(days), shipped_model())
    assert clusters == ([[0, 1]] if together else [[0], [1]])


def test_a_story_runs_on_through_the_pages_between():
    """Pages four days apart join through a page dated between them: a story can last longer than two days,
    but each page must be within two days of another of its pages."""
    vec = np.array([1.0, 0.0], dtype=np.float32)
    page = Profile(vec, vec, vec[None, :], frozenset(), frozenset(), frozenset())
    model = StoryModel((1.0,) + (0.0,) * (len(terms()) - 1), 0.0, 0.8)  # the head cosine alone
    assert cluster_pages([page, page], ["2031-01-01", "2031-01-05"], model) == [[0], [1]]
    assert cluster_pages([page] * 3, ["2031-01-01", "2031-01-05", "2031-01-03"], model) == [[0, 1, 2]]


def test_similarity_doctests():
    import doctest

    from veille.stories import similarity

    assert doctest.testmod(similarity).failed == 0


@pytest.mark.xfail(strict=True, reason="issue 11, not solved: the shipped (free) fit's curves fall; "
                   "fit(monotone=True) fixes it but the repair pass's margins are in the free fit's units")
def test_no_page_of_its_language_is_closer_to_a_page_than_the_page_itself(tmp_path):
    """A page against itself agrees on every cosine, name and figure: no other page in its language should
    score above that. The free fit lets 36 of the team fixtures' 342 pairs do it (a falling alignment curve
    turns the agreement of short pages against them); the monotone fit 0 (docs/stories.md)."""
    folder = Path(__file__).parent / "fixtures" / "stories"
    pages = [json.loads(line) for name in ("decisions", "pages", "more_pages")
             for line in (folder / f"{name}.jsonl").read_text("utf-8").splitlines()]
    built = build_profiles([PageText(p["text"], p["title"], p["lang"]) for p in pages],
                           Encoder(cache=tmp_path / "vectors.sqlite"))
    profiles = {p["key"]: prof for p, prof in zip(pages, built, strict=True)}
    model = shipped_model()
    for key, page in profiles.items():
        itself = float(model.score(features(page, page)))
        for other_key, other in profiles.items():
            if other_key != key and other.lang == page.lang:
                assert float(model.score(features(page, other))) <= itself + 1e-5, (key, other_key)


@pytest.mark.parametrize("cosines", [(name,) for name in HINGED] + [("body", "chunk_align", "chunk_max")])
def test_a_monotone_fit_never_scores_a_closer_text_lower(cosines):
    """Fitted with ``monotone=True`` on gold that falls with some cosines (as scraped furniture makes it on
    the dev pairs), raising a cosine (or body, alignment and best chunk together, one number for two
    one-chunk pages) never lowers the score, whatever the other features."""
    rng = np.random.default_rng(5)
    x = rng.uniform(0, 1, (600, len(FEATURES)))
    gold = x[:, FEATURES.index("body")] - x[:, FEATURES.index("chunk_align")] + rng.normal(0, 0.1, 600)
    weights, bias = fit(x, gold, monotone=True)
    model = StoryModel(weights, bias, 0.5)
    rows = rng.uniform(0, 1, (200, len(FEATURES)))
    for step in np.linspace(0.0, 0.9, 10):
        lower, higher = rows.copy(), rows.copy()
        for name in cosines:
            lower[:, FEATURES.index(name)] = step
            higher[:, FEATURES.index(name)] = step + 0.1
        assert np.all(np.asarray(model.score(higher)) >= np.asarray(model.score(lower)) - 1e-9)


def test_monotone_fit_flattens_a_falling_curve_and_keeps_a_rising_one():
    """Gold that falls with a cosine past 0.7 (the scraped-boilerplate pages of the dev pairs) is fitted by
    a flat segment there, not a falling one; gold that only rises is fitted as without the constraint."""
    rng = np.random.default_rng(7)
    x = np.zeros((400, len(FEATURES)))
    x[:, 0] = rng.uniform(0, 1, 400)
    falling = np.minimum(x[:, 0], 0.7) - 2.0 * np.maximum(0.0, x[:, 0] - 0.7)
    weights, bias = fit(x, falling, l2=1e-6, monotone=True)
    curve = expand(x) @ np.asarray(weights) + bias
    order = np.argsort(x[:, 0])
    assert np.all(np.diff(curve[order]) >= -1e-9)
    assert abs(curve[order][-1] - curve[order][np.searchsorted(x[order, 0], 0.7)]) < 0.02
    rising = 0.2 * x[:, 0] + np.maximum(0.0, x[:, 0] - 0.5)
    free, constrained = fit(x, rising, l2=1e-6), fit(x, rising, l2=1e-6, monotone=True)
    fitted = [expand(x) @ np.asarray(w) + b for w, b in (free, constrained)]
    assert np.allclose(fitted[0], fitted[1], atol=1e-4)
