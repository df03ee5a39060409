"""Quotes credited without a reporting verb (selon / according to / Pour X / À ses yeux) and quotes with no
cue that take a speaker from their sentence or from the previous quote, on texts written for these tests."""

from __future__ import annotations

import pytest

FR_LEADINS = (
    "Lyon : la métropole vote son budget\n\n"
    "LYON - Le conseil de la métropole a voté lundi soir un budget en forte hausse pour les transports.\n\n"
    "Le budget « sera tenu jusqu’à la fin de l’année », selon le maire Louis Garnier.\n\n"
    "Pour la députée Claire Dubois, « cette hausse était attendue depuis des années ».\n\n"
    "Claire Dubois a longuement défendu le projet devant les élus de la majorité.\n\n"
    "À ses yeux, « le dialogue avec les communes doit reprendre sans tarder ».\n\n"
    "Après le vote, que l’opposition juge « imposé sans aucun débat », « la colère reste vive dans les "
    "quartiers », estime Paul Girard.\n\n"
    "Les pompiers ont été appelés « vers six heures du matin près de la gare centrale ».\n\n"
    "Claire Dubois est « repartie avec toutes les réponses attendues », d’après le récit qu’elle a livré "
    "à la presse.\n\n"
    "Le prochain conseil se tiendra en juin.\n"
)
EN_LEADINS = (
    "Space agency shows its new rover\n\n"
    "HOUSTON (Agency) - The space agency showed its new lunar rover to reporters on Friday.\n\n"
    "The rover is “the most capable machine we have ever built for the Moon,” according to NASA.\n\n"
    "Engineer Laura Chen led the design team for six years.\n\n"
    "In her view, “the hardest part was keeping the wheels light enough.”\n\n"
    "The first test drive is planned for next spring.\n"
)


@pytest.fixture(scope="module")
def fr_leadins(analyze):
    return analyze(FR_LEADINS, lang="fr")


@pytest.fixture(scope="module")
def en_leadins(analyze):
    return analyze(EN_LEADINS, lang="en")


def _quote(article, start: str):
    return next(q for q in article.quotes if q.text.startswith(start))


def _speaker(article, start: str) -> str | None:
    ent = article.entity(_quote(article, start).speaker)
    return ent.name if ent else None


def test_quotes_selon_credits_the_quote(fr_leadins):
    q = _quote(fr_leadins, "sera tenu jusqu")
    assert q.cue is not None and q.cue.text == "selon"
    assert "Garnier" in (_speaker(fr_leadins, "sera tenu jusqu") or "")


def test_quotes_according_to_credits_an_organisation(en_leadins):
    assert _speaker(en_leadins, "the most capable machine") == "NASA"


def test_quotes_pour_x_opening_the_sentence(fr_leadins):
    assert "Dubois" in (_speaker(fr_leadins, "cette hausse était attendue") or "")


def test_quotes_possessive_view_phrase_finds_the_possessor(fr_leadins, en_leadins):
    assert "Dubois" in (_speaker(fr_leadins, "le dialogue avec les communes") or "")
    assert "Chen" in (_speaker(en_leadins, "the hardest part") or "")


def test_quotes_fragment_shares_the_cued_quote_of_its_sentence(fr_leadins):
    assert "Girard" in (_speaker(fr_leadins, "la colère reste vive") or "")


def test_quotes_quote_inside_a_later_narrative_sentence_is_not_inherited(fr_leadins):
    assert _quote(fr_leadins, "vers six heures").speaker is None


def test_quotes_document_named_by_selon_yields_to_the_subject(fr_leadins):
    assert "Dubois" in (_speaker(fr_leadins, "repartie avec toutes") or "")


def test_quotes_lead_in_phrases_match_whole_words_only():
    from veille.stages.quotes.leadins import _phrase_re

    pattern = _phrase_re(("selon", "d'après", "de source"))
    said = "Deselon était là ; d'aprèsmidi ; selon lui ; de sources proches ; d'après X"
    assert [m.group(0) for m in pattern.finditer(said)] == ["selon", "d'après"]
