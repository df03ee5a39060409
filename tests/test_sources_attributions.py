"""The sources stage: content credited to outlets, agencies, bodies and documents."""

from __future__ import annotations

import pytest

FR_TEXT = ("Le gouvernement prépare une réforme des retraites, selon l’Agence France-Presse.\n\n"
           "« Nous irons jusqu’au bout », a affirmé Jean Martin, cité par Le Monde.\n")
EN_TEXT = ("Geneva talks end without a deal\n\n"
           "The talks between the two delegations collapsed late on Tuesday after a long day of meetings, "
           "according to Reuters.\n\n"
           "No date has been set for another round of negotiations in the Swiss city, the BBC reported.\n")


@pytest.fixture(scope="module")
def fr_article(analyze):
    return analyze(FR_TEXT, lang="fr")


def test_sources_selon_credits_the_sentence(fr_article):
    att = next(a for a in fr_article.attributions if a.cue.text.startswith("selon"))
    assert "Agence France-Presse" in att.source_text
    assert att.scope.text.startswith("Le gouvernement prépare une réforme")


def test_sources_cite_par_gives_quote_its_outlet(fr_article):
    att = next(a for a in fr_article.attributions if a.cue.text.startswith("cité par"))
    assert att.source_text == "Le Monde"
    q = next(q for q in fr_article.quotes if q.text.startswith("Nous irons"))
    assert att.scope.start == q.start
    if att.source is not None:
        assert q.source == att.source


def test_sources_english_according_to_and_reported(analyze):
    art = analyze(EN_TEXT, lang="en")
    texts = {a.source_text for a in art.attributions}
    assert "Reuters" in texts
    assert any("BBC" in t for t in texts)
    assert art.check_spans() == []


def test_sources_seed_attributions(seed_record):
    got = {(a.cue.text, a.source_text) for a in seed_record.attributions}
    assert ("a rapporté Les actualites", "Les actualites") in got
    kremlin = next(a for a in seed_record.attributions if "Kremlin" in a.source_text)
    assert kremlin.source is not None  # the document's author is linked
    ft = [a for a in seed_record.attributions if "Financial Times" in a.source_text]
    assert len(ft) == 3 and len({a.source for a in ft}) == 1
    relayed = next(q for q in seed_record.quotes if q.text.startswith("Ils ont [tactical"))
    assert relayed.source == ft[0].source and relayed.speaker != relayed.source


def test_sources_told_names_the_venue_of_an_interview(analyze):
    text = ("Harbour strike enters second week\n\n"
            "The dock workers stayed away from the port for the eighth day running on Sunday.\n\n"
            "“We will not move until the contracts are signed,” the union leader Mary Olsen told the BBC.\n\n"
            "“It is a long fight,” she told reporters.\n")
    art = analyze(text, lang="en")
    venues = [a for a in art.attributions if a.cue.text.startswith("told")]
    assert [a.source_text for a in venues] == ["the BBC"]  # "told reporters" names no venue
    q = next(q for q in art.quotes if q.text.startswith("We will not move"))
    assert q.speaker_mention.text.endswith("Mary Olsen")
    assert venues[0].scope.start == q.start
    if venues[0].source is not None:
        assert q.source == venues[0].source


FR_RELAYED_AHEAD = (
    "Le conseil municipal a voté mardi la fermeture de la piscine, « une décision douloureuse », a "
    "reconnu le maire.\n\n"
    "Pour la nageuse Inès Caron, interrogée par Ouest-France, la fermeture est « un coup dur pour le "
    "club ».\n\n"
    "Selon l’Agence régionale de santé (ARS), la qualité de l’eau posait problème depuis l’été.\n"
)


def test_sources_relayed_phrase_credits_the_quote_of_its_own_sentence(analyze):
    art = analyze(FR_RELAYED_AHEAD, lang="fr")
    att = next(a for a in art.attributions if a.cue.text.startswith("interrogée par"))
    assert att.scope is not None and att.scope.text.startswith("un coup dur")  # not the maire's quote


def test_sources_short_name_in_brackets_is_not_the_scope(analyze):
    art = analyze(FR_RELAYED_AHEAD, lang="fr")
    att = next(a for a in art.attributions if a.cue.text.startswith("Selon"))
    assert att.cue.text.endswith("(ARS)")
    assert att.scope is not None and att.scope.text.startswith("la qualité de l’eau")


def test_sources_report_verb_after_its_clause_credits_the_clause_not_itself(analyze):
    art = analyze("Exports of copper fell 12 percent in October, the newspaper Gazeta Norte reported, citing "
                  "customs figures.\n", lang="en")
    att = next(a for a in art.attributions if "reported" in a.cue.text)
    assert att.source_text == "the newspaper Gazeta Norte"
    assert att.scope is not None and att.scope.text == "Exports of copper fell 12 percent in October"


def test_sources_selon_a_stressed_pronoun_credits_the_person_it_stands_for(analyze):
    art = analyze("Le directeur du port, Alain Kervella, a fait le point mardi sur la saison. Selon lui, le "
                  "trafic des ferries a progressé de 8 % depuis le printemps.\n", lang="fr")
    att = next(a for a in art.attributions if a.cue.text == "Selon lui")
    assert att.source is not None and "Kervella" in art.entity(att.source).name


def test_sources_de_source_names_the_source_with_its_qualifier(analyze):
    art = analyze("Le budget de la ville sera voté le 12 mars par le conseil municipal, a-t-on appris de "
                  "source municipale.\n", lang="fr")
    att = next(a for a in art.attributions if "source" in a.cue.text)
    assert att.source_text == "source municipale"
    assert att.scope is not None and att.scope.text.startswith("Le budget de la ville")


def test_sources_cue_phrases_match_whole_words_only(analyze):
    # every phrase of the list is bounded on both sides: "untold" is not "told", "de sources" is its own
    # phrase and "de source" does not match inside it
    art = analyze("The storm caused untold Damage Inc losses along the coast of the island on Monday "
                  "night.\n", lang="en")
    assert not any(a.cue.text.lower().startswith("told") for a in art.attributions)
