"""Translations: which page is the original, and the machine_translation signal of one page, on texts
written for these tests (an English report, its French machine translation with what engines leave
behind, a French report written in French, and an English translation of it)."""

from __future__ import annotations

import numpy as np
import pytest

from veille.stories import direction, translationese
from veille.stories.machine_translation import read_page
from veille.stories.profile import PageText
from veille.stories.translation import which_is_original

_EN_ORIGINAL = (
    "Harbour workers in Valmont voted on Tuesday to end a nine-day strike after the port authority offered "
    "a 3.5% pay rise and 1,200 new permanent contracts. “We’ve won what we came for,” said union leader "
    "Marta Keane, who had warned that the dispute could last until the end of the month. The authority’s "
    "director told reporters that cargo traffic would be back to normal by the weekend, according to the "
    "regional newspaper that first reported the deal."
)
# what an engine returns for it: straight apostrophes, English quote marks and number conventions, a
# phrase and a bracketed term left in English, a calque
_FR_MACHINE = (
    "Les travailleurs du port de Valmont ont voté mardi pour mettre fin à une grève de neuf jours après que "
    "l'autorité portuaire a offert une augmentation de salaire de 3.5% et 1,200 nouveaux contrats "
    "permanents. “Nous avons gagné ce pour quoi nous sommes venus”, a déclaré la dirigeante syndicale Marta "
    "Keane, qui avait averti que le conflit pourrait durer jusqu'à la fin du mois. Le directeur de "
    "l'autorité a dit aux journalistes que le trafic [shipping traffic] serait normal d'ici le week-end, "
    "selon au journal régional qui a first reported the deal."
)
_FR_NATIVE = (
    "À Valmont, les dockers ont voté mardi la fin d’une grève de neuf jours : l’autorité portuaire leur "
    "accorde 3,5 % d’augmentation et 1 200 contrats à durée indéterminée. « Nous avons obtenu ce que nous "
    "étions venus chercher », s’est félicitée Marta Keane, la responsable syndicale, qui redoutait un "
    "conflit jusqu’à la fin du mois. Selon le directeur du port, le trafic des marchandises reviendra à la "
    "normale d’ici au week-end."
)
# the other way round: an English engine output of the French report, with French left in it
_EN_MACHINE = (
    "In Valmont, the dockers voted on Tuesday to end a nine-day strike: the port authority grants them "
    "3,5% increase and 1.200 permanent contracts. «We got what we came for», welcomed Marta Keane, the "
    "union official, who feared a conflict until the end of the month. According to the director of the "
    "port, the goods traffic will return to normal d'ici au week-end (contrats à durée indéterminée)."
)


def test_foreign_words_counts_source_words_not_loans():
    english_left = "Le ministre a dit que the agreement was signed hier soir."
    loans = "Le ministre a passé le week-end à préparer un plan de football pour la rentrée."
    share, lowercase = translationese.foreign_words(english_left, "fr", "en")
    assert share > 0.2 and lowercase > 0.2
    assert translationese.foreign_words(loans, "fr", "en") == (0.0, 0.0)


def test_number_conventions_ignore_dates_and_times():
    found = translationese.source_number_matches("3.5 millions et 1,200 morts", "fr", "en")
    assert [m.group() for m in found] == ["3.5", "1,200"]
    assert translationese.source_number_matches("le 18.03 à 18.30, version 2.0.1", "fr", "en") == []
    assert [m.group() for m in translationese.source_number_matches("up 3,5 percent", "en", "fr")] == ["3,5"]
    assert translationese.source_numbers("3.5 millions", "fr", "de") == 0.0  # both write 3,5: no evidence


def test_quote_marks_and_typography():
    assert translationese.source_quotes("« Oui » et “non”", "fr", "en") == 0.5
    assert translationese.source_quotes("« Oui »", "fr", "en") == 0.0
    assert translationese.flat_typography("l'autorité a dit \"oui\"") > 0.5
    assert translationese.flat_typography("l’autorité a dit « oui »") < -0.5
    assert translationese.flat_typography("sans guillemets") == 0.0


def test_french_machine_translation_of_english_is_the_copy_both_ways_round():
    en, fr = PageText(_EN_ORIGINAL, lang="en"), PageText(_FR_MACHINE, lang="fr")
    assert which_is_original(en, fr) == 0
    assert which_is_original(fr, en) == 1
    p = direction.original_probability(en, fr)
    assert p > 0.9
    assert direction.original_probability(fr, en) == pytest.approx(1 - p)


def test_english_machine_translation_of_french_is_the_copy():
    fr, en = PageText(_FR_NATIVE, lang="fr"), PageText(_EN_MACHINE, lang="en")
    assert which_is_original(fr, en) == 0
    assert which_is_original(en, fr) == 1


def test_nothing_to_tell_falls_back_to_dates_then_none():
    a = PageText("Le conseil a voté le budget mardi soir.", lang="fr")
    b = PageText("The council voted the budget on Tuesday evening.", lang="en")
    assert direction.original_probability(a, b) == pytest.approx(0.5)
    assert which_is_original(a, b, "2026-03-02", "2026-03-01") == 1
    assert which_is_original(a, b) is None


def test_page_signal_flags_the_machine_translation_and_not_the_native_page():
    mt = read_page(_FR_MACHINE, "fr", ("en", "fr"))
    assert mt.likely and mt.source == "en"
    found = {t.text: t.detail for t in mt.traces}
    assert found["[shipping traffic]"] == "untranslated fragment (en)"
    assert found["selon au"] == 'calque "selon au"'
    assert found["first reported the"] == "untranslated words (en)"  # "deal" is French too
    assert found["3.5"] == "number in the en convention"
    assert found["“"] == "en quote marks on a fr page"
    assert all(_FR_MACHINE[t.start:t.end] == t.text for t in mt.traces)
    native = read_page(_FR_NATIVE, "fr", ("en", "fr"))
    assert not native.likely and native.traces == []
    assert native.score < mt.score


def test_page_signal_on_an_english_translation_of_french():
    verdict = read_page(_EN_MACHINE, "en", ("en", "fr"))
    assert verdict.source == "fr"
    assert "ici au" in {t.text for t in verdict.traces}  # "d'ici au" left as it was
    assert not read_page(_EN_ORIGINAL, "en", ("en", "fr")).likely


def test_signals_stage_adds_the_verdict_and_its_traces():
    from veille.record import Article
    from veille.stages.signals import add_machine_translation_signals

    art = Article(id="mt-fr", text=_FR_MACHINE, lang="fr")
    add_machine_translation_signals(art)
    verdicts = [s for s in art.signals if s.kind == "machine_translation" and s.start is None]
    assert len(verdicts) == 1 and verdicts[0].lang == "en"
    assert "machine translation from en" in (verdicts[0].detail or "")
    native = Article(id="native-fr", text=_FR_NATIVE, lang="fr")
    add_machine_translation_signals(native)
    assert native.signals == []


def test_fit_keeps_weights_non_negative_and_sets_the_prior():
    rng = np.random.default_rng(3)
    n, k = 200, len(translationese.FEATURES)
    d = np.zeros((n, k))
    d[:, 0] = rng.normal(0.5, 0.5, n)  # evidence: higher on the copy most of the time
    d[:, 1] = d[:, 0] * 0.9 + rng.normal(0, 0.05, n)  # a near copy of it that a free fit would offset
    d[:, 2] = rng.normal(0, 1, n)  # noise
    model = direction.fit_direction(d, "synthetic")
    assert (model.weights >= 0).all()
    assert model.weights[0] > 0
    assert model.weights[translationese.FEATURES.index("traces")] == direction.PRIOR_WEIGHTS["traces"]
    assert np.mean(model.probability(d) > 0.5) > 0.8


def test_grouped_predictions_never_judge_a_pair_with_weights_that_saw_it():
    d = np.zeros((40, len(translationese.FEATURES)))
    d[:, 0] = 1.0
    d[:20, 0] = -1.0  # group "a" pairs say the opposite of group "b" pairs
    groups = ["a"] * 20 + ["b"] * 20
    p = direction.grouped_predictions(d, groups, folds=2)
    # each group is scored by a model fitted on the other only
    assert len({round(x, 6) for x in p[:20]}) == 1 and len({round(x, 6) for x in p[20:]}) == 1


def test_shipped_model_matches_the_features():
    model = direction.shipped_direction_model()
    assert len(model.weights) == len(translationese.FEATURES)
    assert (model.weights >= 0).all() and model.page_threshold < float("inf")


@pytest.mark.corpus
def test_direction_on_a_sample_of_the_semeval_copies(corpus):
    from veille.eval.stories import direction_rows
    from veille.eval.stories_data import load

    rows = {r.metric: r.value for r in direction_rows(load(corpus, sample=120))}
    assert rows["direction"] >= 0.8


def test_link_threshold_lets_through_the_chosen_share_of_original_pairs():
    from veille.stories import translation_link

    rng = np.random.default_rng(5)
    k = len(translation_link.FEATURES)
    positives = rng.normal(0.85, 0.05, (120, k))
    negatives = rng.normal(0.45, 0.15, (400, k))
    x = np.vstack([positives, negatives])
    y = np.r_[np.ones(120), np.zeros(400)]
    model = translation_link.fit_link(x, y, y == 0, "synthetic")
    linked_negatives = np.mean(model.probability(negatives) >= model.threshold)
    assert linked_negatives <= translation_link.FALSE_LINKS + 1e-9
    assert np.mean(model.probability(positives) >= model.threshold) > 0.95


def test_translation_linked_and_other_story_not_on_the_team_fixtures():
    """The hydrogen report and its French machine translation (tests/fixtures/stories) are linked and
    told apart in the right direction; reports of two other events are not translations of each other."""
    import json
    from pathlib import Path

    from veille.stories import translation
    from veille.stories.encoder import Encoder
    from veille.stories.profile import build_profiles

    rows = [json.loads(line) for line in
            (Path(__file__).parent / "fixtures" / "stories" / "pages.jsonl").read_text("utf-8").splitlines()]
    pages = {r["key"]: PageText(r["text"], r["title"], r["lang"]) for r in rows}
    keys = ["hydro-en", "hydro-fr", "tram-fr", "quake-en"]
    prof = dict(zip(keys, build_profiles([pages[k] for k in keys], Encoder()), strict=True))
    threshold = translation.TRANSLATION_THRESHOLD
    assert translation.translation_score(prof["hydro-fr"], prof["hydro-en"]) >= threshold
    assert translation.translation_score(prof["tram-fr"], prof["quake-en"]) < threshold
    assert which_is_original(pages["hydro-en"], pages["hydro-fr"]) == 0


def test_a_quoted_paragraph_in_english_is_no_machine_translation_trace():
    text = ("Le ministre a publié dans la soirée un message en anglais sur les réseaux sociaux :\n"
            "These measures have failed and they are hurting our farmers far more than anyone else.\n"
            "Le texte doit encore être adopté par le Conseil, une étape considérée comme une formalité.")
    verdict = read_page(text, "fr", ("en", "fr"))
    assert verdict.traces == [] and not verdict.likely
    assert translationese.foreign_words(text, "fr", "en") == (0.0, 0.0)


def test_a_language_without_word_list_gets_no_borrowed_one():
    # wordfreq would answer Swahili with English frequencies: then no English word could look foreign
    assert translationese.zipf("the", "sw") == 0.0
    assert translationese.zipf("the", "en") > 7
    text = "Rais alisema jana kwamba mkataba huo wa biashara the agreement ulisainiwa mjini Nairobi"
    assert translationese.foreign_words(text, "sw", "en")[0] > 0


def test_dates_overrule_weak_evidence_but_not_strong_evidence():
    en, fr = PageText(_EN_ORIGINAL, lang="en"), PageText(_FR_MACHINE, lang="fr")
    # strong evidence: the French page is the translation even if it carries the earlier date
    assert which_is_original(en, fr, "2026-03-02", "2026-03-01") == 0
    # weak evidence: one straight apostrophe among curly ones on the French page
    weak_en = PageText("The council’s vote on the mayor’s budget came on Tuesday evening.", lang="en")
    weak_fr = PageText("Le vote du conseil sur le budget l’a emporté mardi soir, d’après l’adjoint, "
                       "et l'opposition s’est abstenue.", lang="fr")
    p = direction.original_probability(weak_en, weak_fr)
    assert 0.5 < p < 0.5 + 0.15  # a lean, not proof
    assert which_is_original(weak_en, weak_fr) == 0
    assert which_is_original(weak_en, weak_fr, "2026-03-02", "2026-03-01") == 1


@pytest.mark.corpus
def test_seed_page_reads_as_a_machine_translation_from_english(corpus):
    text = (corpus / "seed" / "article.txt").read_text("utf-8")
    verdict = read_page(text, "fr", ("en", "fr"))
    assert verdict.likely and verdict.source == "en"
    details = {t.detail for t in verdict.traces}
    assert {"untranslated fragment (en)", 'calque "selon au"'} <= details


def test_link_fit_without_original_pairs_keeps_even_odds():
    from veille.stories import translation_link

    x = np.vstack([np.full((5, len(translation_link.FEATURES)), 0.9),
                   np.full((5, len(translation_link.FEATURES)), 0.2)])
    y = np.r_[np.ones(5), np.zeros(5)]
    model = translation_link.fit_link(x, y, np.zeros(10, dtype=bool), "no original pairs")
    assert model.threshold == 0.5


# An invented event told four ways: an English report, a literal French translation of it (same facts,
# same order, same proportions), a French report written independently the same day (its own angle and
# details), and a French report that retells the English one's facts and figures in another order.
_FERRY_EN = (
    "The ferry Marisol ran aground on Tuesday morning off the island of Quelvenn, the coastguard said. "
    "All 214 passengers and 31 crew members were evacuated without injury by two lifeboats and a "
    "fishing trawler that happened to be nearby. The ship had left the port of Dorvic at 6.40 am and "
    "struck a sandbank about 3 kilometres from the coast in thick fog.\n"
    "The operator, Atlanmer Lines, said the captain had reported a failure of the radar shortly before "
    "the accident. An inquiry has been opened by the maritime prosecutor. Divers inspected the hull in "
    "the afternoon and found a breach of about two metres below the waterline. Tugs are expected to try "
    "to refloat the ship at high tide on Wednesday, weather permitting.\n"
    "Crossings between Dorvic and Quelvenn are suspended until Friday; the company will charter a "
    "smaller vessel for island residents and for deliveries of food and medicine."
)
_FERRY_FR_TRANSLATION = (
    "Le ferry Marisol s'est échoué mardi matin au large de l'île de Quelvenn, a indiqué la garde côtière. "
    "Les 214 passagers et 31 membres d'équipage ont tous été évacués sans blessure par deux canots de "
    "sauvetage et un chalutier qui se trouvait à proximité. Le navire avait quitté le port de Dorvic à "
    "6 h 40 et a heurté un banc de sable à environ 3 kilomètres de la côte dans un épais brouillard.\n"
    "L'opérateur, Atlanmer Lines, a indiqué que le capitaine avait signalé une panne du radar peu avant "
    "l'accident. Une enquête a été ouverte par le procureur maritime. Des plongeurs ont inspecté la coque "
    "dans l'après-midi et constaté une brèche d'environ deux mètres sous la ligne de flottaison. Des "
    "remorqueurs doivent tenter de renflouer le navire à marée haute mercredi, si la météo le permet.\n"
    "Les traversées entre Dorvic et Quelvenn sont suspendues jusqu'à vendredi ; la compagnie affrétera un "
    "navire plus petit pour les habitants de l'île et pour les livraisons de nourriture et de médicaments."
)
_FERRY_FR_INDEPENDENT = (
    "Une enquête est ouverte après l'échouage du Marisol. Le procureur maritime veut savoir pourquoi le "
    "radar est tombé en panne : c'est ce qu'affirme le syndicat des marins, qui dénonce depuis des mois "
    "l'âge de la flotte d'Atlanmer Lines, dont les trois navires ont plus de trente ans.\n"
    "Sur le quai de Quelvenn, les habitants ont vu arriver les rescapés vers 9 heures, transis mais "
    "souriants. « On n'a rien senti, juste un grand bruit sourd », raconte une passagère. Le maire a "
    "ouvert la salle des fêtes pour les accueillir.\n"
    "Personne n'a été blessé parmi les 245 personnes à bord. Le bateau, parti de Dorvic, reste couché sur "
    "le sable ; son renflouement est espéré mercredi."
)
_FERRY_FR_REORDERED = (
    "Une panne de radar serait à l'origine de l'échouage du Marisol, selon Atlanmer Lines. Le procureur "
    "maritime a ouvert une enquête dès mardi midi et les plongeurs ont relevé une brèche de deux mètres "
    "dans la coque. Le renflouement, confié à des remorqueurs, est prévu mercredi à marée haute.\n"
    "Aucun blessé : les 214 passagers et les 31 marins ont été ramenés à terre par deux canots et un "
    "chalutier. Parti de Dorvic à 6 h 40, le ferry s'est posé sur un banc de sable à 3 kilomètres de "
    "Quelvenn, dans le brouillard, a précisé la garde côtière. Les liaisons sont suspendues jusqu'à "
    "vendredi."
)

_FERRY_TITLES = {"en": "Ferry runs aground off Quelvenn, all passengers safe",
                 "translation": "Le ferry s'échoue au large de Quelvenn, tous les passagers sains et saufs",
                 "independent": "Échouage du Marisol : le radar en cause",
                 "reordered": "Le Marisol échoué, une panne de radar en cause"}


def _ferry_scores() -> dict[str, float]:
    from veille.stories import translation
    from veille.stories.encoder import Encoder
    from veille.stories.profile import build_profiles

    texts = {"en": (_FERRY_EN, "en"), "translation": (_FERRY_FR_TRANSLATION, "fr"),
             "independent": (_FERRY_FR_INDEPENDENT, "fr"), "reordered": (_FERRY_FR_REORDERED, "fr")}
    names = list(texts)
    built = build_profiles([PageText(texts[k][0], _FERRY_TITLES[k], texts[k][1]) for k in names], Encoder())
    prof = dict(zip(names, built, strict=True))
    return {k: translation.translation_score(prof[k], prof["en"]) for k in names[1:]}


def test_a_literal_translation_links_and_an_independent_report_of_the_same_event_does_not():
    from veille.stories import translation

    scores = _ferry_scores()
    assert scores["translation"] >= translation.TRANSLATION_THRESHOLD
    assert scores["independent"] < translation.TRANSLATION_THRESHOLD


def test_the_same_facts_retold_in_another_order_are_no_translation():
    from veille.stories import translation

    assert _ferry_scores()["reordered"] < translation.TRANSLATION_THRESHOLD


def test_in_order_rewards_matches_on_the_diagonal():
    from veille.stories.translation_link import in_order

    same_order = np.array([[0.9, 0.3], [0.2, 0.8]])
    assert in_order(same_order) == pytest.approx(0.85)
    assert in_order(same_order[:, ::-1]) < 0.3  # the same matches, in another order
    assert in_order(np.array([[0.7, 0.1, 0.2]])) == pytest.approx(0.7)  # one chunk against three
    assert in_order(np.zeros((0, 2))) == 0.0


def test_weighted_link_fit_follows_the_heavier_negatives():
    """Counting a kind of negative more moves the boundary away from it."""
    from veille.stories import translation_link

    k = len(translation_link.FEATURES)
    rng = np.random.default_rng(3)
    x = np.vstack([rng.normal(0.8, 0.08, (60, k)), rng.normal(0.6, 0.08, (60, k))])
    y = np.r_[np.ones(60), np.zeros(60)]
    plain = translation_link.fit_link(x, y, y == 0, "plain")
    heavy = translation_link.fit_link(x, y, y == 0, "heavy", np.r_[np.ones(60), np.full(60, 8.0)])
    negatives = x[60:]
    assert heavy.probability(negatives).mean() < plain.probability(negatives).mean()
