"""Which page translates which: the translationese features that hold across language pairs (an English
head in title case, the marks of a hand an engine does not write back), the shared fitting helpers, and
``veille eval stories --only mt``. Every text here is invented."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from veille.stories import direction, fitting, translationese
from veille.stories.profile import PageText
from veille.stories.translationese import hand_marks, title_case, title_case_words

ENGLISH_HEAD = "Harbour Council Says The New Ferry Is Ready For Summer"
SENTENCE_HEAD = "Harbour council says the new ferry is ready for summer"


def test_title_case_counts_capitalised_common_words_not_names_or_sentence_starts():
    assert title_case_words(ENGLISH_HEAD, ("en",)) >= 3  # The, New, Is, For
    assert title_case_words(SENTENCE_HEAD, ("en",)) == 0
    # a sentence start after a head without a stop, and a name made of common words, are not title case
    assert title_case_words("Ferry delayed again Parents are angry at the New Town council", ("en",)) == 0
    assert title_case_words("HARBOUR COUNCIL SAYS THE FERRY IS READY", ("en",)) == 0  # shouted


def test_title_case_is_a_native_mark_in_english_and_a_leftover_elsewhere():
    assert title_case(ENGLISH_HEAD, "en", "fr") < 0  # an English desk's convention: the original
    assert title_case(SENTENCE_HEAD, "en", "fr") == 0.0  # an engine keeps its source's sentence case
    leftover = "Le Conseil Du Port Dit Que Le Nouveau Ferry Est Prêt Pour L'été"
    assert title_case(leftover, "fr", "en") > 0  # English capitals kept on a French head
    assert title_case("Le conseil du port dit que le ferry est prêt", "fr", "en") == 0.0
    assert title_case(ENGLISH_HEAD, "de", "en") == 0.0  # German capitalises every noun: says nothing
    assert title_case(leftover, "fr", "es") == 0.0  # neither side English


def test_hand_marks_count_slips_dashes_and_shouted_words_not_abbreviations():
    clean = "The council met on Monday. It said the U.S. firm would pay 3.5 million, see example.com today."
    assert hand_marks(clean, "en") == 0.0
    marked = ("The council met on Monday.It said the ferry  would sail – weather permitting , in June. "
              "PHOTOS of the new ferry below.")
    assert hand_marks(marked, "en") < 0
    # glued sentence, double space, en dash, space before a comma, a shouted word: five marks
    assert hand_marks(marked, "en") == pytest.approx(-5 / (len(marked) / 1000 + 1))
    # French sets a space before ; : ! ? — no slip there
    assert hand_marks("Le conseil a tranché ; le ferry partira en juin !", "fr") == 0.0


def test_a_clean_french_rendering_of_a_marked_english_page_is_the_translation_both_ways_round():
    """Nothing left untranslated: only the head's case and the original's hand marks tell."""
    original = PageText(
        "Harbour Council Says The New Ferry Is Ready For Summer\n"
        "The harbour council said on Monday that the new ferry would sail in June.The vessel, built  in "
        "two years – longer than planned – carries 300 passengers. UPDATE: tickets go on sale next week.",
        lang="en")
    translation = PageText(
        "Le conseil du port dit que le nouveau ferry est prêt pour l'été\n"
        "Le conseil du port a dit lundi que le nouveau ferry partirait en juin. Le navire, construit en "
        "deux ans, plus longtemps que prévu, transporte 300 passagers. Mise à jour : les billets seront "
        "en vente la semaine prochaine.",
        lang="fr")
    p = direction.original_probability(original, translation)
    assert p > 0.6
    assert direction.original_probability(translation, original) == pytest.approx(1 - p)
    features = dict(zip(translationese.FEATURES, direction.difference(original, translation), strict=True))
    assert features["title_case"] > 0 and features["hand_marks"] > 0


def test_the_title_given_apart_is_read_as_the_head():
    body = "The harbour council said on Monday that the new ferry would sail in June."
    apart = direction.page_vector(PageText(body, title=ENGLISH_HEAD, lang="en"), "fr")
    unknown = direction.page_vector(PageText(body, lang="en"), "fr")
    i = translationese.FEATURES.index("title_case")
    assert apart[i] < 0 and unknown[i] == 0.0


def test_page_verdict_leaves_out_the_features_that_need_a_counterpart():
    from veille.stories import machine_translation

    untidy = "Le conseil du port a tranché.Le ferry  partira en juin – MISE À JOUR demain."
    tidy = "Le conseil du port a tranché. Le ferry partira en juin, mise à jour demain."
    score = machine_translation.page_score
    assert score(untidy, "fr", "en") == score(tidy, "fr", "en")


def test_load_model_json_checks_the_feature_list(tmp_path: Path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"features": ["a", "b"], "weights": [1.0, 2.0]}), "utf-8")
    assert fitting.load_model_json(path, ("a", "b"), "refit it")["weights"] == [1.0, 2.0]
    with pytest.raises(fitting.ModelFileError, match="do not match.*refit it"):
        fitting.load_model_json(path, ("a", "c"), "refit it")
    path.write_text(json.dumps({"features": ["a", "b"], "weights": [1.0]}), "utf-8")
    with pytest.raises(fitting.ModelFileError, match="1 weights for 2 features"):
        fitting.load_model_json(path, ("a", "b"), "refit it")
    path.write_text("{not json", "utf-8")
    with pytest.raises(fitting.ModelFileError, match="cannot read"):
        fitting.load_model_json(path, ("a", "b"), "refit it")
    with pytest.raises(fitting.ModelFileError, match="cannot read"):
        fitting.load_model_json(tmp_path / "absent.json", ("a", "b"), "refit it")


def test_fit_logistic_weights_rows_like_repeated_rows():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(60, 2))
    y = (x[:, 0] - 0.5 * x[:, 1] + rng.normal(0, 0.5, 60) > 0).astype(float)
    w = fitting.fit_logistic(x, y, l2=0.1)
    assert w[0] > 0 > w[1]
    counts = rng.integers(1, 4, size=60)
    weighted = fitting.fit_logistic(x, y, counts.astype(float), l2=0.1)
    repeated = fitting.fit_logistic(np.repeat(x, counts, axis=0), np.repeat(y, counts), l2=0.1)
    assert np.allclose(weighted, repeated, atol=1e-6)
    with_bias = fitting.fit_logistic(x, np.ones(60), l2=0.1, intercept=True)
    assert with_bias.shape == (3,) and with_bias[-1] > 1  # all positive: the intercept says so


def test_shipped_direction_model_is_antisymmetric_and_non_negative():
    model = direction.shipped_direction_model()
    assert len(model.weights) == len(translationese.FEATURES)
    assert (model.weights >= 0).all()
    d = np.linspace(-0.5, 0.5, len(translationese.FEATURES))
    assert model.probability(d) == pytest.approx(1 - model.probability(-d))


def test_eval_stories_only_mt_on_a_sample(corpus):
    """The direction rows without the encoder, in seconds; a sample never rewrites the shipped model."""
    from click.testing import CliRunner

    from veille.cli.main import cli

    shipped = (Path(direction.__file__).parent / "data" / "direction.json").read_bytes()
    out = CliRunner().invoke(cli, ["eval", "stories", "--only", "mt", "--sample", "15", "--fit",
                                   "--corpus", str(corpus)])
    assert out.exit_code in (0, 1), out.output
    assert "direction, pair unseen" in out.output and "native pages flagged" in out.output
    assert (Path(direction.__file__).parent / "data" / "direction.json").read_bytes() == shipped


def test_a_lone_short_word_spelt_like_the_other_language_is_no_leftover():
    """ "per", "la" and "un" are English and Italian words alike: alone they are homographs; inside a run of
    source words ("according to the minister") they are what an engine left."""
    english = "The ferry costs ten pounds per trip, the council said, and la ferry sails at dawn."
    assert translationese.foreign_words(english, "en", "it") == (0.0, 0.0)
    french = "Le ferry partira lundi matin vers le port according to the minister, a dit le conseil."
    found = [m.group() for m in translationese.foreign_matches(french, "fr", "en")]
    assert found == ["according", "to", "the", "minister"]


def test_doctests_of_the_direction_modules():
    import doctest

    from veille.stories import machine_translation

    for module in (direction, fitting, translationese, machine_translation):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_an_english_rendering_of_a_spanish_page_is_the_translation():
    """A pair the dev set does not hold (es → en): the Spanish original carries a site's marks, the English
    rendering is clean and keeps the source's sentence case."""
    original = PageText(
        "El ayuntamiento aprueba el nuevo ferry para el verano\n"
        "El ayuntamiento aprobó el lunes el nuevo ferry.El barco, construido  en dos años – más de lo "
        "previsto – llevará 300 pasajeros. ACTUALIZACIÓN: los billetes salen a la venta la semana próxima.",
        lang="es")
    translation = PageText(
        "The city council approves the new ferry for the summer\n"
        "The city council approved the new ferry on Monday. The boat, built in two years, longer than "
        "planned, will carry 300 passengers. Update: tickets go on sale next week.",
        lang="en")
    assert direction.original_probability(original, translation) > 0.6


def test_the_side_of_a_currency_sign_is_a_source_convention():
    italian = "Il comune ha speso $24 milioni e 3,5 milioni di euro per il traghetto."
    assert [m.group() for m in translationese.source_number_matches(italian, "it", "en")] == ["$2"]
    assert translationese.source_number_matches("Il comune ha speso 24 € per il traghetto.", "it", "en") == []
    english = "The council spent 24 € on the ferry and $3 on tickets."
    assert [m.group() for m in translationese.source_number_matches(english, "en", "fr")] == ["4 €"]
    # Spanish and German set the sign on either side: no convention to betray
    assert translationese.source_number_matches("El ayuntamiento gastó $24 millones.", "es", "en") == []


def test_other_script_reads_each_script_not_latin_against_the_rest():
    """Language pairs the dev set lacks: Russian → Chinese, Greek → English, Japanese → Chinese."""
    chinese_from_russian = "市长说，新渡轮 Паром 将于六月启航，乘客三百名。"
    assert translationese.other_script(chinese_from_russian, "zh", "ru") > 0.1
    assert translationese.other_script("市长说，新渡轮将于六月启航。", "zh", "ru") == 0.0
    english_from_greek = "The mayor said the ferry Πορθμείο will sail in June."
    assert translationese.other_script(english_from_greek, "en", "el") > 0.1
    assert translationese.other_script("市长说 かな 新渡轮", "zh", "ja") > 0  # kana is not Chinese
    assert translationese.other_script("市长说新渡轮", "ja", "zh") == 0.0  # Han letters are Japanese too
    assert translationese.other_script("Le maire a parlé.", "fr", "de") == 0.0


def test_number_conventions_of_languages_beyond_the_dev_pairs():
    # Finnish and Italian both write 3,5: a Finnish figure is no Italian leftover, and the reverse
    assert translationese.source_number_matches("Lautta maksoi 3,5 miljoonaa.", "fi", "it") == []
    # Danish writes 3,5: an English figure in a Danish page is a leftover, a Danish one in English too
    assert [m.group() for m in translationese.source_number_matches("Færgen kostede 3.5 mio.", "da", "en")] \
        == ["3.5"]
    assert [m.group() for m in translationese.source_number_matches("It cost 3,5 million", "en", "da")] \
        == ["3,5"]
    # a language in neither list says nothing rather than have its own figures read as a source's
    assert translationese.source_number_matches("Ọkọ naa jẹ 3,5 milionu.", "yo", "en") == []
    # Czech „“ on a page that may translate English is its own press's mark, not a leftover
    assert translationese.source_quotes("Starosta řekl „ano“.", "cs", "en") == 0.0
    assert translationese.source_quotes("Starosta řekl “ano”.", "cs", "en") > 0


def test_a_broken_model_file_is_a_config_error(tmp_path):
    """A model file fitted on other features stops the CLI with one line naming the file and the refit
    command (a ConfigError: exit 2), not a traceback."""
    from veille.errors import ConfigError
    from veille.stories import fitting

    bad = tmp_path / "model.json"
    bad.write_text('{"features": ["old"], "weights": [1.0]}', "utf-8")
    with pytest.raises(ConfigError, match=r"model\.json: features \['old'\].*veille eval stories --fit"):
        fitting.load_model_json(bad, ("new",), "veille eval stories --fit")


def test_a_story_model_fitted_on_other_terms_is_a_config_error(tmp_path, monkeypatch):
    """The same for the same-story model: its file's terms must be the code's."""
    from veille.errors import ConfigError
    from veille.stories import similarity

    bad = tmp_path / "similarity.json"
    bad.write_text('{"terms": ["old"], "features": ["old"], "weights": [1.0], "bias": 0, "threshold": 0.5}',
                   "utf-8")
    monkeypatch.setattr(similarity, "_DATA", bad)
    similarity.shipped_model.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"similarity\.json: model terms \['old'\].*--fit"):
            similarity.shipped_model()
    finally:
        similarity.shipped_model.cache_clear()
